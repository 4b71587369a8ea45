/*
 * heur.h - the timetabling heuristic: places chosen pairs into slots and
 * rooms under every hard rule, then improves the contract objective by
 * local moves (relocate, swap, Kempe chains, insert, remove, replace),
 * simulated annealing (heur.c) and exact GLPK re-timing of
 * participant-days (retime.c).
 *
 * Private to the library.  It proves nothing; its schedules serve as the
 * incumbent given to GLPK in the direct model and as the schedule of the
 * decomposition, whose bound comes from select.c and pattern.c.  A
 * timetable (rs_tt) is owned by its creator and freed with rs_tt_free;
 * the event and the keep it is given are borrowed and must outlive it.
 */
#ifndef RS_HEUR_H
#define RS_HEUR_H

#include "internal.h"
#include "keep.h"

#include <signal.h>

typedef struct rs_tt rs_tt;

/* A new empty timetable for a one-to-one event; NULL when out of memory. */
rs_tt *rs_tt_new(const rs_event *ev);
/* Frees the timetable.  Accepts NULL. */
void rs_tt_free(rs_tt *h);

/* Places the pairs in order (each where it adds the most), skipping any
 * that cannot be placed.  Returns how many were placed. */
int rs_tt_place_all(rs_tt *h, const int *pairs, int n);

/* Gives each investor a home venue per day (homes.c), from the n pairs
 * the selection chose: investors who meet the same SMEs share a venue,
 * each venue taking about its share of the day's room-slots.  From then
 * on the timetable's moves put an investor's one-to-one meetings only in
 * its home venue of the day (meetings already placed stay), so nobody
 * changes venue for an investor; phases that solve programs of their own
 * (re-timing, large-neighbourhood search) may still move them when that
 * raises the objective.  Call it on an empty timetable.  0 (nothing done
 * with a single venue), or -1 when out of memory (no homes then). */
int rs_tt_set_homes(rs_tt *h, const int *pairs, int n);
/* rs_tt_place_all with each pair only in its investor's slots of plan
 * (np x nslots bytes, 1 where planned; borrowed for the call): a
 * construction that keeps investors to days shaped for the whole event
 * together (the pattern relaxation's plans: rs_pattern_lagrange) first,
 * then places the rest with rs_tt_place_all.  Peer pairs ignore it.
 * Returns how many were placed. */
int rs_tt_place_guided(rs_tt *h, const int *pairs, int n, const unsigned char *plan);
/* Whether every "must" pair is placed; tries harder (moving other
 * meetings aside) for those that are not.  Returns the number still out. */
int rs_tt_repair_musts(rs_tt *h);
/* Local search (removals that gain, relocations, swaps and Kempe chains
 * on participant-days with idle slots, additions, replacements) until no
 * move improves or the deadline (rs_now() seconds) or *interrupt.
 * Returns the number of improving moves made. */
long rs_tt_improve(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt);
/* Ejection chains for every participant below its minimum (heur.c):
 * the one short takes a partner's slot, whoever had it takes another,
 * up to a few links, kept when the objective rises.  In rounds, at most
 * rounds of them, each one that keeps a chain followed by the local
 * search (rs_tt_improve), until a round keeps none, the deadline or
 * *interrupt.  Returns the chains kept; 0 also when out of memory. */
long rs_tt_short_chains(rs_tt *h, int rounds, double deadline, volatile sig_atomic_t *interrupt);
/* Simulated annealing over moves, Kempe chains, swaps, additions and
 * removals for a fixed number of iterations; when replacing, an addition
 * whose pair has no spot may take the place of a meeting of one of its
 * participants (the caller chooses: the same draws end elsewhere with
 * the other move set; solve.c, phase_anneal), with random draws fixed by
 * pass (so that runs repeat exactly), starting at a temperature of heat
 * objective units (an idle slot's weight, see anneal_unit) and cooling
 * to a twentieth of a unit, stopping
 * early at the deadline or *interrupt; ends on the best timetable seen.
 * It cools by the share of the iterations or of the time to the deadline
 * used, whichever is larger, so a search the deadline cuts short still
 * ends cold; a run repeats exactly when its iterations finish ahead of
 * the time they are given.  Returns the number of accepted moves. */
long rs_tt_anneal(rs_tt *h, long iterations, int pass, double heat, int replacing,
                  double deadline, volatile sig_atomic_t *interrupt);
/* Rebuilds whole investor-days (rebuild.c; every participant's days on
 * events without investors): one day's meetings taken out and the day filled
 * again slot by slot from each first slot, in each venue alone and in
 * any, with the investor's pair that gains most at each slot, the best
 * fill kept when the objective rises.  Rounds until one keeps nothing,
 * the deadline or *interrupt; days with musts or locked meetings, and
 * re-scheduling, are left alone.  Needs no GLPK.  Returns the number of
 * days rebuilt. */
long rs_tt_rebuild(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt);
/* Re-times whole participant-days with small GLPK MIPs (retime.c: the
 * same meetings, each day's timing chosen exactly for the fewest idle
 * slots of the participant and its partners), participants in order, up
 * to three passes, until none improves, the deadline or *interrupt.  Does
 * nothing when re-scheduling (a keep is set) or when idle slots cost
 * nothing.  Must run inside a guarded GLPK call (glpk_layer.h).  Returns
 * the number of days changed. */
long rs_tt_retime(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt);
/* Large-neighbourhood search (lns.c): windows of a few slots in one or
 * two venues, one participant's day with a few of its partners, and the
 * days of a few investors who could pass partners to each other (trades),
 * taken out and re-solved exactly (pairs, slots and venues) by a small
 * GLPK MIP with everything else fixed, each kept when the objective
 * rises; windows until they find nothing, then participants in order,
 * the neighbourhoods growing when a round finds nothing, then trades,
 * until the largest finds nothing, the deadline or *interrupt.  With grow, the
 * largest finding nothing starts the rounds again with larger ones (for
 * a search that is the run's last phase: the time left is its to use).
 * Does nothing when re-scheduling.  Must run inside a guarded GLPK call.
 * Returns the number of improvements. */
long rs_tt_lns(rs_tt *h, double deadline, int grow, volatile sig_atomic_t *interrupt);
/* The windows of rs_tt_lns alone, until a round of each width finds
 * nothing (for tests); the same contract. */
long rs_tt_lns_windows(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt);
/* The trades of rs_tt_lns alone, one round of each size (for tests); the
 * same contract. */
long rs_tt_lns_trades(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt);
/* Makes h hold exactly the n meetings at (a timetable it held before):
 * every meeting out, then those put back.  0, or -1 when one could not
 * be placed again or when out of memory. */
int rs_tt_reset(rs_tt *h, const rs_placement *at, int n);
/* Contract objective of the current timetable (recomputed). */
double rs_tt_objective(const rs_tt *h);
/* Re-scheduling: from now on h keeps locked pairs where they are and adds
 * the keep bonus to every gain; keep (borrowed) outlives h. */
void rs_tt_set_keep(rs_tt *h, const rs_keep *keep);
/* Places the previous meetings where they still fit, slot by slot, the
 * locked ones first in each slot.  Returns the number of locked ones that
 * could not be placed (0 once rs_check_locked passed, unless a gap cap
 * needs a meeting of the previous schedule that can no longer take
 * place). */
int rs_tt_place_previous(rs_tt *h);
/* Places the n meetings at (pairs not yet placed, each with its slot and
 * room) where they are, each only when it keeps every hard rule given
 * those placed before it, in slot order.  Returns the number left out
 * (0 for a set that keeps every rule together, as the exact search's
 * must timetable does). */
int rs_tt_place_given(rs_tt *h, const rs_placement *at, int n);
/* What the search maximises: rs_tt_objective plus the keep bonus of every
 * meeting (the objective alone without a keep). */
double rs_tt_combined(const rs_tt *h);
/* Copies the timetable into a new schedule (meetings only, sorted), owned
 * by the caller; NULL when out of memory. */
rs_schedule *rs_tt_to_schedule(const rs_tt *h);
/* The meetings, *n of them, in no particular order: borrowed from h and
 * valid until h next changes. */
const rs_placement *rs_tt_meetings(const rs_tt *h, int *n);

#endif /* RS_HEUR_H */
