/*
 * fixed.h - one-to-one events whose meetings are all fixed in advance
 * (every candidate pair a must): timetabled by b2b.c's exact search;
 * and the must pairs of events that also have optional pairs, whose
 * timetable the one-to-one phases start from (solve.c).
 *
 * Private to the library; the adapter is fixed.c.
 */
#ifndef RS_FIXED_H
#define RS_FIXED_H

#include "b2b.h"
#include "phase.h"

/* Whether the event is one the exact search solves as the contract
 * states it: one-to-one, every candidate pair a must, at most 64 slots,
 * every room holding every pair, no travel or changeover between rooms,
 * and no maximum that could bind (consecutive limits are the search's
 * own rule).  Out of memory it
 * says no (the one-to-one phases then solve the event). */
int rs_fixed_applies(const rs_event *ev);

/* Whether the must pairs of a one-to-one event that also has optional
 * candidate pairs meet rs_fixed_applies' conditions (taken over the must
 * pairs alone) and are at least half of its candidate pairs: the exact
 * search can then timetable the musts, and on such must-heavy days
 * (brokerage days with a few optional requests) the one-to-one phases
 * start from that timetable; where optional pairs are most of the
 * candidates (investor events with a few musts) the phases need the
 * time more.  No when there is no optional pair, and out of memory. */
int rs_fixed_musts_apply(const rs_event *ev);

/* Whether the pairs take marks (take[p] nonzero; take NULL: the must
 * pairs) meet rs_fixed_applies' conditions taken over them alone: the
 * search sees slots, table counts and run limits only, so every room must
 * hold each of them and no one's maximum may bind on them
 * (and, with take, they may be no more than the room-slots).
 * Out of memory it says no. */
int rs_fixed_searchable(const rs_event *ev, const unsigned char *take);

/* The exact search over a set of an event's pairs, each to be met: the
 * problem in b2b.c's terms (a meeting per pair taken, in pair order), its
 * search state and its answer.  Owned by its creator, freed with
 * rs_fixed_free; it borrows the event, which must outlive it. */
typedef struct rs_fixed rs_fixed;

/* Makes the search state *out for the run's event and the pairs take
 * marks (NULL: the must pairs; they should be rs_fixed_searchable), with
 * the run's interrupt and quiet flag; deadline is the problem's
 * (rs_b2b_problem).  RS_OK; RS_ENOMEM (*out may then be set and is freed
 * with rs_fixed_free); RS_ESOLVER when b2b.c refused the problem, with
 * the reasons in diag.  No GLPK work. */
rs_code rs_fixed_new(const rs_run *run, const unsigned char *take, double deadline,
                     rs_fixed **out, rs_diag *diag);

/* Runs b2b.c's search until deadline, inside a guarded GLPK call (a
 * phase); *res is the answer (owned by f: valid until rs_fixed_free),
 * res->slot its slot per meeting.  RS_OK or RS_ENOMEM. */
rs_code rs_fixed_search(rs_fixed *f, double deadline, const rs_b2b_result **res);

/* The meetings of the answer as placements, in pair order, into at (the
 * caller's, room for every pair taken; *n set to their number): each in
 * the slot found, at the first room open then in room order that no
 * meeting before it took (every open room holds every pair taken).
 * Only after a search whose answer is FEASIBLE or OPTIMAL.  RS_OK,
 * RS_ENOMEM, or RS_ESOLVER with the slot in diag when a slot has more
 * meetings than open rooms (b2b.c keeps to the table counts: never). */
rs_code rs_fixed_placements(const rs_event *ev, const rs_fixed *f, rs_placement *at, int *n,
                            rs_diag *diag);

/* GLPK's environment went with an error during rs_fixed_search: the
 * answer becomes the best timetable found before (b2b.h). */
void rs_fixed_glpk_lost(rs_fixed *f);

/* Frees f; accepts NULL. */
void rs_fixed_free(rs_fixed *f);

/* The solver of such events (without --previous): the pre-check of the
 * one-to-one format, then b2b.c's search for the whole time limit; the
 * schedule's strategy is "exact". */
extern const rs_format rs_format_fixed;

#endif /* RS_FIXED_H */
