/*
 * group.h - the group-pitch format (rules.format "group"): an SME pitches
 * to a panel of investors at once.
 *
 * Private to the library.  solve.c hands a group event to rs_group_solve,
 * inside its GLPK error guard; everything rs_group_solve allocates hangs
 * off one rs_group, created first, so that solve.c can free it whatever
 * happens (also after GLPK's error hook has long-jumped out).
 *
 * What a pitch is: one SME, one slot, one room, and a panel of investors,
 * each an allowed pair with the SME, at least group_min_investors of them,
 * and the SME's team plus the panel's teams within the room's capacity
 * (rule 3 counts people; since every team has at least one person, it is
 * always at least as strict as rule 4's "at most capacity investors").
 * The room's capacity is a ceiling, not a quota: a panel grows only while
 * the objective gains by it.  A pitch scores the sum of its investors'
 * pair scores; an investor's meetings are the pitches it hears and an
 * SME's are its pitches, for max_meetings, the consecutive limit, travel,
 * shortfalls and idle slots alike.
 *
 * How it is solved: a greedy construction and a local search (adding,
 * swapping and moving panel members, adding, moving and dropping pitches,
 * then ruin-and-recreate of whole slots) give the first schedule; the LP
 * relaxation of the compact model below gives a proven bound; GLPK's
 * branch and cut then works on the model with the heuristic schedule as
 * its first incumbent, within the time limit and gap.
 *
 * The compact model: y[s,k,v,q] = SME s pitches in slot k at venue v in a
 * room holding q people (q one of the venue's room sizes free at k);
 * x[i,s,k,v] = investor i hears that pitch.  x <= sum_q y; the panel's
 * people fit q (sum team_i x <= sum_q (q - team_s) y); the panel has at
 * least group_min_investors (sum x >= gmin * sum_q y); pitches needing q
 * or more seats never outnumber the rooms holding q or more (nested sizes,
 * so rooms are assigned exactly after solving); a pair at most once, a
 * must pair exactly once; and the per-participant rows of model.c
 * (maximum, soft minimum, consecutive limit, travel, idle slots) over the
 * x columns of each investor and the y columns of each SME.  Its objective
 * is the contract's, so its optimum is the true optimum.
 */
#ifndef RS_GROUP_H
#define RS_GROUP_H

#include "internal.h"
#include "model.h"

#include <glpk.h>

/* What solve.c lends the group solver: the clock, the options, and its
 * progress reporting and branch-and-cut callback. */
typedef struct {
    const rs_event *ev;
    double t0, deadline;  /* rs_now() seconds                              */
    double gap;           /* relative MIP gap at which to stop              */
    volatile sig_atomic_t *interrupt; /* may be NULL                       */
    /* Records the best objective and bound so far (NaN when unknown) and
     * the phase, and reports them; nonzero asks the solver to stop. */
    int (*report)(void *ctx, double incumbent, double bound, const char *phase, int force);
    /* GLPK's branch-and-cut callback of solve.c (progress, stopping,
     * bound tracking); it hands *heur_x to GLPK as a first incumbent. */
    void (*mip_cb)(glp_tree *T, void *info);
    void *ctx;            /* given to report and mip_cb                    */
    double **heur_x;      /* where mip_cb looks for the heuristic vector  */
    double *tree_bound;   /* best bound mip_cb saw, safe for reporting     */
} rs_group_ctl;

typedef struct rs_group rs_group;

/* Solves a group event.  *work receives the solver's state at once (free
 * it with rs_group_free whatever the result).  RS_OK: the schedule is
 * ready to take with rs_group_take, with its status, objective, bound and
 * gap set.  RS_EINFEASIBLE (the model has no solution: the diag says
 * which musts), RS_ENOSOLUTION (no schedule in time), RS_ENOMEM. */
rs_code rs_group_solve(const rs_group_ctl *ctl, rs_group **work, rs_diag *diag);
/* Hands the finished schedule to the caller (NULL when none). */
rs_schedule *rs_group_take(rs_group *g);
/* Tells the state that GLPK's environment was freed after an error, so
 * its GLPK problem must not be deleted again. */
void rs_group_glpk_lost(rs_group *g);
/* Frees the state.  Accepts NULL. */
void rs_group_free(rs_group *g);

/* Builds the compact model alone, for writing it out (lpfile.c), with its
 * pitch columns named pitch_sN_kK_vV_cQ and its panel columns
 * hear_iN_sM_kK_vV (rs_lp_name_col).  *work receives the state at once
 * (free it with rs_group_free whatever the result); *model is owned by it.
 * Calls GLPK: inside an error guard.  RS_OK or RS_ENOMEM. */
rs_code rs_group_model(const rs_event *ev, rs_group **work, const rs_model **model);

/* Must requests that no group pitch can satisfy given the inputs alone
 * (an avoid, a side taking no meetings, more musts than an investor can
 * hold, no slot where the pair, group_min_investors - 1 other possible
 * investors and a room that holds them all meet), each appended to the
 * diag.  Returns how many. */
int rs_group_must_clashes(const rs_event *ev, rs_diag *diag);

#endif /* RS_GROUP_H */
