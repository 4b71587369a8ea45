/*
 * phase.h - the shape of every search: one solve state (rs_run) that
 * every phase reads and updates, a table of phases each given a share of
 * the time, and the struct of functions each format provides.
 *
 * Private to the library.  rs_solve (solve.c) picks the format of the
 * event (rs_format), runs its pre-check, lets it make its state and pick
 * its phase table, runs the table inside one guarded GLPK call
 * (rs_run_phases), and asks the format for the result.  Like SCIP's
 * heuristics and presolvers, each phase is one entry of a table, with a
 * name, its share of the time and its function, so that adding,
 * reordering or re-timing a phase is a change of one line; progress
 * lines on stderr come from the runner after each phase, and from the
 * branch-and-cut callback while GLPK searches, not from the phases.
 */
#ifndef RS_PHASE_H
#define RS_PHASE_H

#include "internal.h"
#include "keep.h"

#include <glpk.h>
#include <signal.h>

typedef struct rs_run rs_run;

/* What a phase tells the runner besides its return code. */
typedef enum {
    RS_PHASE_RAN,      /* it ran: the runner reports the state under its name */
    RS_PHASE_SKIPPED   /* it had nothing to do, or nothing to show: no report  */
} rs_phase_result;

/* What a phase's share of the time is a share of. */
typedef enum {
    RS_OF_RUN,         /* the time left until the run's deadline             */
    RS_OF_HEURISTIC    /* the time left in the heuristic window (below)      */
} rs_share_of;

/* One phase.  The runner gives it the deadline now + share * (end - now),
 * where end is the run's deadline or the heuristic window's end (of); a
 * share of 0 is for a phase that takes no time, 1 gives it everything up
 * to end.  run returns RS_OK to go on with the next phase; any other code
 * ends the search with that code (RS_EINFEASIBLE with its reasons in
 * run->diag, RS_ENOMEM, ...).  *result starts as RS_PHASE_RAN. */
typedef struct {
    const char *name;  /* in progress lines and rs_progress.phase         */
    rs_share_of of;
    double share;
    rs_code (*run)(rs_run *run, double deadline, rs_phase_result *result);
} rs_phase;

/* A format's phases in order.  The heuristic window, which the
 * RS_OF_HEURISTIC phases share, ends at heuristic_share of the run's
 * time, counted from its start (1: at the deadline). */
typedef struct {
    const rs_phase *phase;
    int n;
    double heuristic_share;
} rs_phase_table;

/* The solve state, owned by rs_solve; the phases and the format's
 * functions borrow it.  incumbent and bound are what progress reports
 * show and what the branch-and-cut callback stops on; the format's own
 * state (work) holds the schedules. */
struct rs_run {
    const rs_event *ev;
    const rs_options *opt;
    rs_diag *diag;            /* the caller's messages                      */
    volatile sig_atomic_t *interrupt; /* opt->interrupt, may be NULL        */
    rs_strategy strategy;     /* one-to-one: direct or decompose            */
    double gap;               /* relative MIP gap at which GLPK may stop    */
    double t0, deadline;      /* rs_now() seconds                           */
    double heuristic_end;     /* the heuristic window's end (rs_run_phases) */
    double incumbent, bound;  /* the contract objective of the best
                                 schedule so far and the least proven
                                 bound; NAN while unknown                   */
    const char *phase;        /* the phase running, or the last one done    */
    double last_report;       /* rs_now() of the last progress report       */
    const rs_keep *keep;      /* re-scheduling (owned by rs_solve), or NULL */
    int removed;              /* previous meetings of participants who left */
    long lp_cols, lp_rows;    /* size of the largest GLPK problem solved    */
    /* branch and cut (rs_run_mip_callback) */
    const double *heur_x;     /* GLPK's first incumbent, or NULL            */
    int injected;             /* heur_x was given to GLPK                   */
    double cb_last, cb_step;  /* the callback's last call and the longest
                                 time between two of its calls            */
    const rs_phase_table *table;
    void *work;               /* the format's state                         */
    void (*poll)(rs_run *run); /* the format's: takes in what work running
                                  beside the phases found (a lower bound),
                                  before each report; may be NULL         */
};

/* A format's solver.  precheck may run on its own (rs_event_precheck);
 * the others are called by rs_solve in this order: begin, phases, (the
 * table runs), then take, or after a GLPK error glpk_lost and, when the
 * memory limit caused it, salvage and take; end always. */
typedef struct {
    const char *name;         /* as rules.format says it                    */
    int reschedules;          /* whether it supports --previous             */
    /* Must requests the inputs rule out, within about budget seconds:
     * RS_EINFEASIBLE with the reasons in diag, RS_OK, or another error. */
    rs_code (*precheck)(const rs_event *ev, double budget, rs_diag *diag);
    /* Makes run->work (and, one-to-one, chooses run->strategy).  RS_OK or
     * RS_ENOMEM; end frees what it made either way. */
    rs_code (*begin)(rs_run *run);
    /* The phase table for this run. */
    const rs_phase_table *(*phases)(const rs_run *run);
    /* The schedule the phases found, with its status, objective, bound,
     * gap, strategy and LP size set: RS_OK with *out (the caller's), or
     * RS_ENOSOLUTION (the musts not placed in the diag), RS_ENOMEM. */
    rs_code (*take)(rs_run *run, rs_schedule **out);
    /* GLPK's environment was freed after an error: forget every GLPK
     * problem held. */
    void (*glpk_lost)(rs_run *run);
    /* GLPK stopped at the memory limit: whether a schedule found before
     * may stand (take then returns it, with the bound proven before). */
    int (*salvage)(rs_run *run);
    /* Frees run->work; accepts NULL. */
    void (*end)(rs_run *run);
} rs_format;

/* Runs run->table's phases in order, each with its deadline, reporting
 * after each one that ran; stops at the first that fails.  Must be
 * called inside a guarded GLPK call. */
rs_code rs_run_phases(rs_run *run);
/* Starts the heuristic window again from now: it ends at the table's
 * heuristic share of the time left, as rs_run_phases sets it at the
 * start.  For a phase that runs before the heuristic phases and may use
 * up most of the run (solve.c's exact phase). */
void rs_run_restart_heuristic(rs_run *run);
/* Reports progress to stderr (unless quiet) and to the caller's hook, at
 * most once a second unless forced.  Returns nonzero when the run should
 * stop (the interrupt, or the hook asked). */
int rs_run_report(rs_run *run, int force);
/* Whether a schedule of objective incumbent ends the search: it reaches
 * the least bound proven (so it is optimal and further search has nothing
 * to find), or lies within the relative gap the run was asked to reach
 * (--gap, solver.mip_gap; 0 asks for the bound itself).  False while
 * there is no schedule (incumbent NAN). */
int rs_run_gap_met(const rs_run *run, double incumbent);
/* rs_run_gap_met for the run's incumbent. */
int rs_run_at_bound(const rs_run *run);
/* Sets s's status, bound and gap from its objective (already set), the
 * least bound proven and whether the search proved s optimal: "optimal"
 * (bound = objective) when proven or when the objective reaches the
 * bound, else "feasible" with that bound; the gap is the contract's,
 * never below 0.  Every format's take ends with it, so that the status
 * rule is written once. */
void rs_schedule_settle(rs_schedule *s, double bound, int proven);
/* Appends to diag, for each must pair p with !met(ctx, p), "must request
 * FROM -> TO (must): why", the requester being the side that asked with
 * "must" (the SME when both did): the exit-3 and exit-4 messages of
 * every format. */
void rs_run_list_musts(const rs_event *ev, int (*met)(const void *ctx, int pair),
                       const void *ctx, rs_diag *diag, const char *why);
/* GLPK's branch-and-cut callback (cb_info: the rs_run): hands run->heur_x
 * over once as a first incumbent, tracks the global bound and the
 * incumbent, reports progress, and stops on request, when the incumbent
 * reaches the bound, or at the deadline less the longest time seen
 * between two of its calls (GLPK calls it only between the steps of a
 * node, and one node of a 12,000-column model took 3 to 5 s). */
void rs_run_mip_callback(glp_tree *T, void *info);

/* GLPK's branch and cut on lp, started from heur_x (x[1..ncols], may be
 * NULL) with the run's gap, rs_run_mip_callback, Gomory (up to 10,000
 * columns), MIR and clique cuts and no presolve, until deadline (50 ms
 * at least).  Returns
 * glp_intopt's code; the solution is lp's. */
int rs_run_intopt(rs_run *run, glp_prob *lp, const double *heur_x, double deadline);

#endif /* RS_PHASE_H */
