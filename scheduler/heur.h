/*
 * heur.h - the timetabling heuristic: places chosen pairs into slots and
 * rooms under every hard rule, then improves the contract objective by
 * local moves (relocate, insert, remove, replace).
 *
 * It proves nothing; its schedules serve as the incumbent given to GLPK in
 * the direct model and as the schedule of the decomposition, whose bound
 * comes from select.c.
 */
#ifndef RS_HEUR_H
#define RS_HEUR_H

#include "internal.h"

typedef struct hs hs_t;

/* A new empty timetable for a one-to-one event; NULL when out of memory. */
hs_t *hs_new(const rs_event *ev);
void hs_free(hs_t *h);

/* Places the pairs in order (each where it adds the most), skipping any
 * that cannot be placed.  Returns how many were placed. */
int hs_place_all(hs_t *h, const int *pairs, int n);
/* Whether every "must" pair is placed; tries harder (moving other
 * meetings aside) for those that are not.  Returns the number still out. */
int hs_repair_musts(hs_t *h);
/* Local search until no move improves or the deadline (rs_now() seconds)
 * or *interrupt.  Returns the number of improving moves made. */
long hs_improve(hs_t *h, double deadline, volatile sig_atomic_t *interrupt);
/* Simulated annealing over moves, swaps, additions and removals for a
 * fixed number of iterations (so that runs repeat exactly), stopping
 * early at the deadline or *interrupt; ends on the best timetable seen.
 * Returns the number of accepted moves. */
long hs_anneal(hs_t *h, long iterations, double deadline, volatile sig_atomic_t *interrupt);
/* Contract objective of the current timetable (recomputed). */
double hs_objective(const hs_t *h);
/* Copies the timetable into a new schedule (meetings only, sorted). */
rs_schedule *hs_to_schedule(const hs_t *h);
/* Loads a schedule's meetings (must be valid for the event). */
int hs_load(hs_t *h, const rs_schedule *s);
/* Number of meetings and the meeting list as (pair, slot, room). */
int hs_count(const hs_t *h);
void hs_meeting(const hs_t *h, int i, int *pair, int *slot, int *room);

#endif
