/*
 * heur.h - the timetabling heuristic: places chosen pairs into slots and
 * rooms under every hard rule, then improves the contract objective by
 * local moves (relocate, swap, Kempe chains, insert, remove, replace),
 * simulated annealing and exact GLPK re-timing of participant-days.
 *
 * It proves nothing; its schedules serve as the incumbent given to GLPK in
 * the direct model and as the schedule of the decomposition, whose bound
 * comes from select.c.
 */
#ifndef RS_HEUR_H
#define RS_HEUR_H

#include "internal.h"

typedef struct hs hs_t;

/* What re-scheduling with --previous keeps (built by solve.c from the
 * previous schedule).  Per pair: where its previous meeting was, and
 * whether it is locked (fixed there, rule 10); others earn move when they
 * stay in that slot and room, which is the same as charging move for each
 * one moved or dropped, up to a constant. */
typedef struct {
    double move;             /* weights.move                                */
    int *slot, *room;        /* per pair: previous slot and room, or -1     */
    unsigned char *locked;   /* per pair: 1 when the previous one is locked */
    unsigned char *taken;    /* nrooms x nslots: 1 where a locked one sits  */
} rs_keep;

/* The keep bonus of pair at slot k in room r: move when that is where the
 * pair's previous meeting was and it is not locked, else 0. */
double rs_keep_bonus(const rs_keep *keep, int pair, int k, int r);

/* A new empty timetable for a one-to-one event; NULL when out of memory. */
hs_t *hs_new(const rs_event *ev);
void hs_free(hs_t *h);

/* Places the pairs in order (each where it adds the most), skipping any
 * that cannot be placed.  Returns how many were placed. */
int hs_place_all(hs_t *h, const int *pairs, int n);
/* Whether every "must" pair is placed; tries harder (moving other
 * meetings aside) for those that are not.  Returns the number still out. */
int hs_repair_musts(hs_t *h);
/* Local search (removals that gain, relocations, swaps and Kempe chains
 * on participant-days with idle slots, additions, replacements) until no
 * move improves or the deadline (rs_now() seconds) or *interrupt.
 * Returns the number of improving moves made. */
long hs_improve(hs_t *h, double deadline, volatile sig_atomic_t *interrupt);
/* Simulated annealing over moves, Kempe chains, swaps, additions and
 * removals for a fixed number of iterations, with random draws fixed by
 * pass (so that runs repeat exactly), stopping
 * early at the deadline or *interrupt; ends on the best timetable seen.
 * It cools by the share of the iterations or of the time to the deadline
 * used, whichever is larger, so a search the deadline cuts short still
 * ends cold; a run repeats exactly when its iterations finish ahead of
 * the time they are given.  Returns the number of accepted moves. */
long hs_anneal(hs_t *h, long iterations, int pass, double deadline,
               volatile sig_atomic_t *interrupt);
/* Re-times whole participant-days with small GLPK MIPs (the same
 * meetings, each day's timing chosen exactly for the fewest idle slots of
 * the participant and its partners), participants in order, up to three
 * passes, until none improves, the deadline or *interrupt.  Does nothing
 * when re-scheduling (a keep is set) or when idle slots cost nothing.
 * Must run under the caller's GLPK error guard.  Returns the number of days
 * changed. */
long hs_retime(hs_t *h, double deadline, volatile sig_atomic_t *interrupt);
/* Contract objective of the current timetable (recomputed). */
double hs_objective(const hs_t *h);
/* Re-scheduling: from now on h keeps locked pairs where they are and adds
 * the keep bonus to every gain; keep (borrowed) outlives h. */
void hs_set_keep(hs_t *h, const rs_keep *keep);
/* Places the locked previous meetings, then the others where they still
 * fit, in pair order.  Returns the number of locked ones that could not be
 * placed (0 once rs_check_locked passed). */
int hs_place_previous(hs_t *h);
/* What the search maximises: hs_objective plus the keep bonus of every
 * meeting (the objective alone without a keep). */
double hs_combined(const hs_t *h);
/* Copies the timetable into a new schedule (meetings only, sorted). */
rs_schedule *hs_to_schedule(const hs_t *h);
/* Loads a schedule's meetings (must be valid for the event). */
int hs_load(hs_t *h, const rs_schedule *s);
/* Number of meetings and the meeting list as (pair, slot, room). */
int hs_count(const hs_t *h);
void hs_meeting(const hs_t *h, int i, int *pair, int *slot, int *room);

#endif
