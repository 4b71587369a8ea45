/*
 * b2b_sat.h - "can the meetings of a brokerage day be timetabled with at
 * most K gaps?", asked of the clause-learning solver of sat.c.
 *
 * Private to the library.  The question is a set of clauses over one
 * variable per meeting and allowed slot, with counters for the tables of
 * each slot, each participant's busy slots and gaps, and the total number
 * of gaps, and three implied rules: a participant is busy in exactly as
 * many slots as it has meetings, the tables are counted over clusters of
 * meetings that share a participant, and the busy participants of a slot
 * are even in number (docs/solving.md, "Brokerage days", step 5).  A
 * solver that learns from its failures finds the rare timetables at the
 * bound that the annealing and GLPK's branch and cut miss.
 *
 * The question is asked in a child process (fork, through child.c as the
 * library's other work beside the search) that the caller stops at its
 * deadline, so that it runs beside the caller's own search on the second
 * core; memory running out in the child costs the caller nothing but the
 * answer.
 */
#ifndef RS_B2B_SAT_H
#define RS_B2B_SAT_H

#include "b2b.h"

typedef enum {
    RS_B2B_SAT_RUNNING = 0, /* no answer yet                                */
    RS_B2B_SAT_FOUND,       /* a timetable with at most K gaps (slot filled) */
    RS_B2B_SAT_NONE,        /* proven: every timetable has more than K gaps */
    RS_B2B_SAT_FAILED       /* no answer will come: the question is too
                               large, memory ran out, the deadline came,
                               or the child was stopped                     */
} rs_b2b_sat_answer;

/* A question being answered in a child process. */
typedef struct rs_b2b_sat rs_b2b_sat;

/* Whether the question fits prob's cost: gaps only (idle_slot 0 and
 * idle_gap > 0), so that "cost at most C" is "at most C / idle_gap gaps". */
int rs_b2b_sat_applies(const rs_b2b_problem *prob);

/* Answers the question in this process, without a time limit: for the
 * tests and for problems known to be small.  hint (the caller's, nmeet
 * slots, or NULL) is a timetable the search starts around: the solver
 * tries its values first, which finds a timetable near a good one far
 * sooner (docs/solving.md, "Brokerage days", step 5); it changes which
 * timetable is found, never whether one is.  slot (the caller's, nmeet
 * ints) is filled on RS_B2B_SAT_FOUND. */
rs_b2b_sat_answer rs_b2b_sat_here(const rs_b2b_problem *prob, int maxgaps, const int *hint,
                                  int *slot);

/* Starts the question in a child process that ends by itself at the
 * latest two seconds after deadline (rs_now() seconds) and is stopped by
 * rs_b2b_sat_free; hint as for rs_b2b_sat_here (the child has its own
 * copy).  *out is the caller's, freed with rs_b2b_sat_free.
 * prob must stay unchanged while the question runs.  RS_OK, RS_ENOMEM, or
 * RS_ESOLVER when no child process could be started (with the reason in
 * errno). */
rs_code rs_b2b_sat_start(const rs_b2b_problem *prob, int maxgaps, const int *hint,
                         double deadline, rs_b2b_sat **out);

/* Waits for the answer until `until` (rs_now() seconds) or until
 * *interrupt is set (may be NULL), looking at least every 50 ms; with
 * `until` passed it looks once without waiting.  Fills
 * slot (the caller's, nmeet ints) on RS_B2B_SAT_FOUND.  Once an answer
 * other than RS_B2B_SAT_RUNNING is returned, the child has ended and
 * later calls return RS_B2B_SAT_FAILED. */
rs_b2b_sat_answer rs_b2b_sat_wait(rs_b2b_sat *s, double until,
                                  volatile sig_atomic_t *interrupt, int *slot);

/* The work the child reported last (the solver's work, see
 * rs_sat_work): its progress while it runs, and its whole work once
 * rs_b2b_sat_wait has returned the answer.  The same in every run for the
 * same answer, so the caller can order events from two children by it
 * instead of by the clock. */
long long rs_b2b_sat_work(const rs_b2b_sat *s);

/* Stops the child if it still runs, waits for it to end, and frees s;
 * accepts NULL. */
void rs_b2b_sat_free(rs_b2b_sat *s);

#endif /* RS_B2B_SAT_H */
