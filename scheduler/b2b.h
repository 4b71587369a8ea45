/*
 * b2b.h - timetabling a fixed set of meetings with the fewest gaps: the
 * exact search for brokerage days where every meeting is a must.
 *
 * Private to the library.  The problem is given in plain arrays (no event,
 * no pairs), so that any format can hand its meetings over: which two
 * participants meet, in which slots each meeting may take place, how many
 * tables each slot has, and how the slots fall into days.  A participant
 * meets at most once per slot; a slot holds at most its table count of
 * meetings; every meeting gets a slot.  A gap of a participant is a
 * maximal run of free slots between two of its meetings on one day (the
 * slots of a day are consecutive, breaks between them included); its idle
 * slots are the free slots between its first and last meeting of each
 * day.  The cost idle_gap * gaps + idle_slot * idle slots is minimised,
 * with at most gap_cap[p] gaps for participant p and at most max_run[p]
 * meetings in a row (a run of consecutive slots ends at a day's end and
 * at the slots marked in run_start, where a break lies before).
 *
 * Method (docs/solving.md, "Brokerage days"): simulated annealing for a
 * first timetable; the busy slots of each participant ("patterns": every
 * set of slots its meetings can take one each, within its gap cap) as the
 * columns of a set-partitioning LP solved by column generation, whose
 * duals give a Lagrangian lower bound; then integer programs over the
 * columns whose reduced cost leaves room below the best timetable, solved
 * by GLPK's branch and cut with domain propagation at every node, each
 * either finding a timetable at the bound or proving there is none; and,
 * beside them when a gap is all the cost counts, the same question asked
 * of GLPK's satisfiability solver in a child process (b2b_sat.h).
 */
#ifndef RS_B2B_H
#define RS_B2B_H

#include "internal.h"

#include <glpk.h>
#include <signal.h>

#define RS_B2B_MAX_SLOTS 64 /* slots are bits of a 64-bit mask */

/* The problem; every array is the caller's and is only read. */
typedef struct {
    int np;                     /* participants                              */
    int nslots;                 /* slots, 1..RS_B2B_MAX_SLOTS                */
    const int *slot_day;        /* per slot its day; the slots of a day are
                                   next to each other and in time order, and
                                   slot k follows slot k-1 on the same day  */
    int nmeet;                  /* meetings                                  */
    const int *meet_a, *meet_b; /* per meeting its two participants (a != b) */
    const unsigned char *allowed; /* nmeet * nslots: allowed[m * nslots + k]
                                   is 1 when meeting m may take slot k      */
    const int *tables;          /* per slot: meetings it can hold (>= 0)     */
    const int *gap_cap;         /* per participant: most gaps, -1 none; NULL:
                                   no caps                                   */
    const int *max_run;         /* per participant: most meetings in
                                   consecutive slots, 0 or less none; NULL:
                                   no limits                                 */
    const unsigned char *run_start; /* per slot: 1 when a run of consecutive
                                   meetings starts again there (a break
                                   before it); NULL: only at each day's
                                   first slot                                */
    double idle_gap, idle_slot; /* weights (>= 0)                            */
    const int *order;           /* the meetings (each once) in the order the
                                   satisfiability question makes their
                                   variables, which its speed hangs on, or
                                   NULL: by busiest participant (b2b_sat.h) */
    const int *start;           /* a timetable to start from (slot per
                                   meeting), or NULL; ignored when it breaks
                                   a rule                                    */
    double deadline;            /* rs_now() seconds (rs_b2b_solve)           */
    volatile sig_atomic_t *interrupt; /* stop when set; may be NULL          */
    int quiet;                  /* nonzero: no progress lines on stderr      */
    int one_process;            /* nonzero: no child process (step 5's
                                   questions are not asked)                  */
} rs_b2b_problem;

typedef enum {
    RS_B2B_UNKNOWN = 0,   /* no timetable found, none ruled out             */
    RS_B2B_FEASIBLE,      /* a timetable, not proven optimal                */
    RS_B2B_OPTIMAL,       /* a timetable whose cost equals the bound        */
    RS_B2B_INFEASIBLE     /* proven: no timetable keeps every rule          */
} rs_b2b_status;

/* The answer.  slot is the caller's array of nmeet ints, filled when
 * status is FEASIBLE or OPTIMAL (-1 otherwise).  bound is a proven lower
 * bound on the cost of every timetable (cost >= bound always; equal when
 * OPTIMAL, INFINITY when INFEASIBLE); the status is OPTIMAL only when the
 * bound or GLPK's search proved it. */
typedef struct {
    int *slot;
    rs_b2b_status status;
    int gaps, idle_slots;       /* of the timetable                          */
    double cost, bound;
    int patterns;               /* columns enumerated; past 3,000,000 the
                                   exact parts were skipped                 */
    int rounds;                 /* integer programs solved                   */
} rs_b2b_result;

/* The search state: the problem in the search's own form and everything
 * the search allocates, so that a GLPK error (which leaves the search
 * through the caller's guard) loses nothing: rs_b2b_free releases it all. */
typedef struct rs_b2b rs_b2b;

/* Checks prob and makes the search state *out from it (the caller's,
 * freed with rs_b2b_free).  The state keeps a pointer to prob, whose
 * arrays must outlive it unchanged.  RS_EUSAGE with every problem in the
 * diag, RS_ENOMEM, or RS_OK.  No GLPK work. */
rs_code rs_b2b_new(const rs_b2b_problem *prob, rs_b2b **out, rs_diag *diag);

/* Runs the search into res (res->slot supplied by the caller) until
 * deadline (rs_now() seconds; the problem's own deadline is for
 * rs_b2b_solve), inside a guarded GLPK call (rs_glpk_guarded; a phase of
 * rs_run_phases is one, and gives its deadline).
 * Deterministic: the same problem gives the same answer unless the
 * deadline or the interrupt stops the search first.  RS_OK with res
 * filled (also when no timetable was found or none exists: see
 * res->status), or RS_ENOMEM.  When GLPK fails inside, the guard returns
 * instead, and the caller calls rs_b2b_glpk_lost. */
rs_code rs_b2b_search(rs_b2b *b, double deadline, rs_b2b_result *res);

/* GLPK's environment was freed by a guard during rs_b2b_search: forgets
 * the GLPK problems held and fills res with the best timetable found
 * before and the bound proven before (status never OPTIMAL). */
void rs_b2b_glpk_lost(rs_b2b *b, rs_b2b_result *res);

/* Frees b and all it holds; accepts NULL. */
void rs_b2b_free(rs_b2b *b);

/* rs_b2b_new, rs_b2b_search in a guarded call of its own, rs_b2b_free:
 * not to be called from inside a guarded call.  RS_OK, RS_EUSAGE,
 * RS_ENOMEM, or RS_ESOLVER when GLPK failed (with the diag's message; res
 * holds the best timetable found before). */
rs_code rs_b2b_solve(const rs_b2b_problem *prob, rs_b2b_result *res, rs_diag *diag);

/* The direct model of b's problem, for another solver (an LP file):
 * binary x_m<M>_k<K> (meeting M in slot K, counted from 1), per
 * participant with two meetings or more s_p<P>_k<K> (a block of meetings
 * starts at K) and u_p<P>_d<D> (it meets on day D), so that its gaps are
 * the starts less the days, capped by a row; with an idle-slot weight
 * also e_ (a meeting at or before K that day), l_ (at or after K) and
 * w_ (K inside the span) and a fixed column "meetings".  Minimising it
 * gives the optimum of rs_b2b_search's problem (the continuous columns
 * take their least values at every optimum).  Must run inside a guarded
 * GLPK call; the caller deletes the problem. */
glp_prob *rs_b2b_direct_model(const rs_b2b *b);

/* Whether slots s .. s + len - 1 all lie in one run of consecutive
 * slots (one day, no break between them; run_start): where a run limit
 * of len - 1 forbids a meeting in every one of them.  0 when out of
 * range. */
int rs_b2b_run_window(const rs_b2b_problem *prob, int s, int len);

/* The gaps and idle slots of a timetable and whether it keeps every rule
 * (1) or not (0; the run limits included), -1 when out of memory; the
 * check the tests and adapters use. */
int rs_b2b_evaluate(const rs_b2b_problem *prob, const int *slot, int *gaps,
                    int *idle_slots);

#endif /* RS_B2B_H */
