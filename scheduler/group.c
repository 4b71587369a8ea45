/*
 * group.c - the group-pitch format's solver (see group.h for the format's
 * semantics, the heuristic and the compact model): its state, its phase
 * table, the result and the pre-check.  The heuristic is in group_heur.c,
 * the bounds and the model in group_model.c.
 *
 * The phases run inside rs_solve's guarded GLPK call; everything they
 * allocate hangs off the group_t made first (run->work), which end frees
 * whatever happens.
 */
#include "group.h"
#include "child.h"
#include "group_lns.h"
#include "group_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many x columns the compact model is not built: its LP alone
 * would take longer than an organiser waits, and the trivial bound and
 * the heuristic schedule stand. */
#define GROUP_MAX_COLUMNS 8000L

/* The large-neighbourhood search's levels of neighbourhood size before
 * its windows take every venue at once (group_lns.h). */
#define GROUP_LNS_LEVELS 2

/* The heuristic phases end at this share of the run's time. */
#define GROUP_HEURISTIC_SHARE 0.3

/* The twin of the large-neighbourhood search (phase_lns): the kind of
 * neighbourhood its passes start with (group_lns.h), the least time the
 * phase must have for it to start (seconds), and how long past the
 * phase's deadline its answer is waited for. */
#define LNS_TWIN_VARIANT 3
#define LNS_TWIN_MIN 1.0
#define LNS_TWIN_WAIT 0.25

/* The group solver's state. */
typedef struct {
    int *cand, *cand_start; /* per SME column: pair indices, best first    */
    int *sme_order;         /* SMEs, fewest candidates first               */
    int *buf;               /* a panel                                     */
    rs_gt h;                /* the heuristic timetable                     */
    double hobj;            /* its objective once improved                 */
    int missing;            /* must pairs it lacks                         */
    rs_gmodel g;            /* the compact model, when built               */
    int fits;               /* the compact model is small enough to build
                               (GROUP_MAX_COLUMNS), counted once           */
    int lp_solved;          /* its LP reached the optimum                  */
    int proven;             /* GLPK proved the optimum                     */
    double *hx;             /* the heuristic's vector for GLPK             */
    rs_schedule *gs;        /* GLPK's schedule, or NULL                    */
    rs_gtsave snap;         /* the large-neighbourhood search's snapshot   */
    rs_child *lns_twin;     /* its twin while it runs (a GLPK error leaves
                               phase_lns past its own freeing)             */
    double twin_deadline;   /* when the twin's search ends                 */
    int lns_cut;            /* the clock cut the phase's own search        */
} group_t;

/* Participant indices by count, fewest first, then by index (ctx: the
 * counts, per participant). */
static int cmp_by_cnt(const void *a, const void *b, void *ctx)
{
    const int *cnt = ctx;
    int x = *(const int *)a, y = *(const int *)b;
    if (cnt[x] != cnt[y])
        return cnt[x] - cnt[y];
    return x - y;
}

/* Candidate lists per SME (best pair first) and the SME order. */
static rs_code build_candidates(const rs_event *ev, group_t *g)
{
    g->cand = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    g->cand_start = calloc((size_t)ev->nsme + 2, sizeof(int));
    g->sme_order = malloc(((size_t)ev->nsme + 1) * sizeof(int));
    int *fill = calloc((size_t)ev->nsme + 1, sizeof(int));
    int *cnt = calloc((size_t)ev->np + 1, sizeof(int));
    rs_code rc = RS_ENOMEM;
    if (!g->cand || !g->cand_start || !g->sme_order || !fill || !cnt)
        goto done;
    for (int p = 0; p < ev->npairs; p++)
        g->cand_start[rs_sme_col(ev, ev->pairs[p].sme) + 1]++;
    for (int c = 0; c < ev->nsme; c++)
        g->cand_start[c + 1] += g->cand_start[c];
    for (int p = 0; p < ev->npairs; p++) {
        int c = rs_sme_col(ev, ev->pairs[p].sme);
        g->cand[g->cand_start[c] + fill[c]++] = p;
    }
    for (int c = 0; c < ev->nsme; c++) {
        rs_sort_pairs_by_score(ev, g->cand + g->cand_start[c],
                               g->cand_start[c + 1] - g->cand_start[c]);
        cnt[ev->ninv + c] = g->cand_start[c + 1] - g->cand_start[c];
        g->sme_order[c] = ev->ninv + c;
    }
    rs_sort(g->sme_order, (size_t)ev->nsme, sizeof(int), cmp_by_cnt, cnt);
    rc = RS_OK;
done:
    free(fill);
    free(cnt);
    return rc;
}

/* Whether the heuristic timetable (ctx) puts pair p's investor on a panel
 * of its SME. */
static int pair_heard(const void *ctx, int p)
{
    const rs_gt *h = ctx;
    const rs_pair *pr = &h->ev->pairs[p];
    return h->heard && rs_gt_heard(h, pr->inv, pr->sme);
}

/* Lists the must pairs the heuristic timetable lacks. */
static void list_missing(const rs_run *run, const group_t *g, const char *why)
{
    rs_run_list_musts(run->ev, pair_heard, &g->h, run->diag, why);
}

/* ---------------------------------------------------------------- phases */

/* trivial: the bound needing no solver (rs_gm_trivial_bound). */
static rs_code phase_trivial(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)deadline;
    (void)result;
    double b = rs_gm_trivial_bound(run->ev);
    if (isnan(b))
        return RS_ENOMEM;
    run->bound = b;
    return RS_OK;
}

/* selection: the selection bound, its MIP given the phase's time (100 ms
 * at least).  RS_EINFEASIBLE when even it has no solution. */
static rs_code phase_selection(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)result;
    int sel_ms = (int)fmin(fmax((deadline - rs_now()) * 1000, 100), 1e9);
    double sb;
    rs_code rc = rs_gm_selection_bound(run->ev, sel_ms, &sb, &run->lp_cols, &run->lp_rows);
    if (rc == RS_EINFEASIBLE) {
        rs_diag_add(run->diag, "the must requests cannot all be met together: some investor "
                               "cannot hear all its must pitches (rules 4, 6 and 7)");
        return rc;
    }
    if (rc != RS_OK)
        return rc;
    if (!isnan(sb))
        run->bound = fmin(run->bound, sb);
    return RS_OK;
}

/* greedy: the construction and a local search; when re-scheduling, from
 * the previous schedule's pitches (the locked ones fixed), with no seat
 * price: it would take members off the previous panels for pitches the
 * search may not form (its neighbourhood search does not run when
 * re-scheduling), so re-scheduling keeps its earlier behaviour. */
static rs_code phase_greedy(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)result;
    group_t *g = run->work;
    g->h.prev = run->keep; /* solve.c loads the keep after group_begin */
    if (run->keep)
        g->h.seat_price = 0;
    if ((run->keep && rs_gt_place_previous(&g->h) != 0) ||
        rs_gt_construct(&g->h, g->sme_order, g->buf) != 0 ||
        rs_gt_improve(&g->h, g->sme_order, g->buf, deadline, run->interrupt) < 0)
        return RS_ENOMEM;
    g->missing = rs_gt_missing_musts(&g->h);
    run->incumbent = g->missing ? NAN : rs_gt_objective(&g->h);
    return RS_OK;
}

/* improve: ruin and recreate for a number of rounds that grows with the
 * event (so that runs repeat; the deadline only guards), then re-timing
 * (rs_gt_retime). */
static rs_code phase_improve(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)result;
    const rs_event *ev = run->ev;
    group_t *g = run->work;
    long rounds = 40L * ev->nslots + 16L * ev->nsme + 400;
    if (rs_gt_perturb(&g->h, rounds, g->sme_order, g->buf, deadline, run->interrupt) != 0)
        return RS_ENOMEM;
    rs_gt_retime(&g->h, deadline, run->interrupt);
    if (rs_gt_reroute(&g->h, deadline, run->interrupt) < 0)
        return RS_ENOMEM;
    g->missing = rs_gt_missing_musts(&g->h);
    g->hobj = rs_gt_objective(&g->h);
    run->incumbent = g->missing ? NAN : g->hobj;
    return RS_OK;
}

/* The twin's work in its child process (phase_lns): the search on the
 * timetable as it was when the twin started, with its neighbourhood kinds in
 * another order (LNS_TWIN_VARIANT) and from level first; then its answer
 * (rs_twin_write): whether the clock cut it, its objective with the keep
 * bonus, and its saved pitches (rs_gt_save).  Nothing when it fails. */
typedef struct {
    group_t *g;
    double deadline;
    int first;
} lns_twin;

static void lns_twin_body(void *ctx, int fd)
{
    lns_twin *t = ctx;
    int cut = 1;
    rs_gtsave sv = {NULL, 0, 0};
    if (rs_gt_lns(&t->g->h, &t->g->snap, GROUP_LNS_LEVELS, t->first, LNS_TWIN_VARIANT,
                  t->deadline, NULL, &cut) >= 0 &&
        rs_gt_save(&t->g->h, &sv) == 0)
        (void)rs_twin_write(fd, cut, rs_gt_combined(&t->g->h), sv.v, sv.n, sizeof *sv.v);
    free(sv.v);
}

/* Starts the twin (lns_twin_body) on the timetable as it is, to search
 * until deadline, when the options and the machine allow one, none runs
 * yet, and the search would run (no must pair missing, not keeping a
 * previous schedule). */
static void lns_twin_start(rs_run *run, group_t *g, double deadline)
{
    if (g->lns_twin || g->missing || run->keep || run->opt->single_process ||
        deadline - rs_now() < LNS_TWIN_MIN || !rs_child_second_core())
        return;
    lns_twin t = {g, deadline, g->fits ? GROUP_LNS_LEVELS : 0};
    g->lns_twin = rs_child_start(deadline, lns_twin_body, &t);
    g->twin_deadline = deadline;
}

/* lp: the compact model's LP bound, when the heuristic leaves something
 * to prove and the model is small enough (GROUP_MAX_COLUMNS).  Runs twice:
 * before the large-neighbourhood search with a quarter of the time left,
 * so that a run the search takes to its limit still reports the LP's
 * bound (a panel day with windows: 713 -> 561), and after it, resuming
 * the simplex from the basis where it stopped when the first did not
 * finish.  A model with no pitch at all proves the empty schedule
 * optimal, or the musts infeasible; so does an infeasible LP.  The
 * search's twin (phase_lns) starts before the first, from the timetable
 * the search will start from, and searches until the run's end: the LP
 * takes one core, and the second was idle while it ran (a two-room panel
 * day's LP takes 5 s of 20; its twin used to get 8.6 s, now until 19.75). */
static rs_code phase_lp(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    group_t *g = run->work;
    int stop = run->interrupt && *run->interrupt;
    if (stop || run->keep || g->lp_solved || g->proven ||
        (!g->missing && rs_run_gap_met(run, g->hobj)) || !g->fits) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    if (!g->g.m.lp) {
        lns_twin_start(run, g, run->deadline - LNS_TWIN_WAIT);
        rs_code rc = rs_gm_build(ev, &g->g);
        if (rc != RS_OK)
            return rc;
        run->lp_cols = glp_get_num_cols(g->g.m.lp);
        run->lp_rows = glp_get_num_rows(g->g.m.lp);
        if (g->g.nx == 0) {
            /* no pitch is possible: the empty schedule is the only one */
            if (g->missing) {
                list_missing(run, g, "no pitch can hold the pair under the hard rules");
                return RS_EINFEASIBLE;
            }
            g->proven = 1;
            return RS_OK;
        }
    }
    glp_prob *lp = g->g.m.lp;
    double left = deadline - rs_now();
    if (left <= 0.05)
        return RS_OK;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.presolve = GLP_OFF;
    sp.tm_lim = (int)(left * 1000);
    int ret = glp_simplex(lp, &sp);
    if (ret == 0 && glp_get_status(lp) == GLP_NOFEAS) {
        list_missing(run, g, "part of a set of must requests that cannot all be met in "
                             "pitches without breaking a hard rule");
        return RS_EINFEASIBLE;
    }
    if (ret == 0 && glp_get_status(lp) == GLP_OPT) {
        run->bound = fmin(run->bound, rs_safe_bound(ev, glp_get_obj_val(lp)));
        g->lp_solved = 1;
    }
    return RS_OK;
}

/* branch: GLPK's branch and cut on the compact model, from the heuristic
 * schedule, while the LP bound leaves something to prove; its schedule
 * (g->gs), and the proof of optimality when it closed with no gap
 * allowed. */
static rs_code phase_branch(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    group_t *g = run->work;
    if (!g->lp_solved || (!g->missing && rs_run_gap_met(run, g->hobj))) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    glp_prob *lp = g->g.m.lp;
    int ncol = glp_get_num_cols(lp);
    g->hx = malloc(((size_t)ncol + 1) * sizeof(double));
    if (!g->hx)
        return RS_ENOMEM;
    if (g->missing || rs_gm_vector(&g->g, &g->h, g->hx) != 0) {
        free(g->hx);
        g->hx = NULL;
    }
    int ret = rs_run_intopt(run, lp, g->hx, deadline);
    int st = glp_mip_status(lp);
    if (st == GLP_NOFEAS) {
        list_missing(run, g, "part of a set of must requests that cannot all be met in "
                             "pitches without breaking a hard rule");
        return RS_EINFEASIBLE;
    }
    if (st == GLP_OPT || st == GLP_FEAS) {
        g->gs = rs_gm_extract(&g->g, ev);
        if (!g->gs)
            return RS_ENOMEM;
        /* proven only when the search closed with no gap allowed;
         * otherwise the tracked bound stands */
        if (ret == 0 && st == GLP_OPT && run->gap <= 0) {
            g->proven = 1;
            run->bound = fmin(run->bound, rs_safe_bound(ev, glp_mip_obj_val(lp)));
        }
    }
    return RS_OK;
}

/* Takes the twin's timetable into g->h when rs_twin_answer lets it (it
 * came in time and is higher, and not cut where the phase's own search
 * ended by itself), keeping g->h as it is when it does not restore
 * exactly (every rule, the same objective).  -1 when out of memory (g->h
 * is then the phase's own timetable or, if even restoring that failed,
 * partly rebuilt). */
static int lns_twin_take(group_t *g, rs_child *c, double until, int own_cut)
{
    size_t n = 0;
    double combined;
    const unsigned char *d = rs_twin_answer(c, until, own_cut, rs_gt_combined(&g->h),
                                            sizeof(int), &n, &combined);
    if (!d)
        return 0;
    rs_gtsave own = {NULL, 0, 0}, twin = {malloc((n + 1) * sizeof(int)), n, n + 1};
    int rc = 0;
    if (!twin.v || rs_gt_save(&g->h, &own) != 0) {
        rc = -1;
        goto done;
    }
    memcpy(twin.v, d, n * sizeof(int));
    if (rs_gt_restore(&g->h, &twin) != 0 || !rs_gt_valid(&g->h) ||
        fabs(rs_gt_combined(&g->h) - combined) > 1e-6)
        rc = rs_gt_restore(&g->h, &own); /* it held these before */
done:
    free(twin.v);
    free(own.v);
    return rc;
}

/* Ends the twin, if one runs: takes its timetable (lns_twin_take,
 * waiting until until, own_cut the phase's own search's) when take is
 * nonzero and no interrupt came, then frees it.  -1 when out of memory. */
static int lns_twin_end(rs_run *run, group_t *g, int take, double until, int own_cut)
{
    int rc = 0;
    if (g->lns_twin && take && !(run->interrupt && *run->interrupt))
        rc = lns_twin_take(g, g->lns_twin, until, own_cut);
    rs_child_free(g->lns_twin);
    g->lns_twin = NULL;
    return rc;
}

/* lns: large-neighbourhood search with exact sub-MIPs (group_lns.c) on
 * the heuristic schedule while the gap is open, before the compact model
 * (whose branch and cut then starts from its schedule); it ends by
 * itself when its largest neighbourhoods find nothing.  On a machine
 * with a second processor a twin runs the same search in a child
 * process (child.h), its neighbourhood kinds in another order, started
 * earlier where a phase before leaves the second core idle (phase_lp,
 * phase_search_first: from the timetable before that phase, until the
 * run's end) or else here, and its timetable is taken when higher: here
 * when it ends by this phase's deadline, else by phase_join after
 * branch and cut.  Where the
 * phase's own search ends by itself, the twin's is taken only when it
 * did too, so such a run repeats exactly.  On events whose compact model
 * is built (GROUP_MAX_COLUMNS) the twin starts at the windows over every
 * venue at once (level GROUP_LNS_LEVELS), which the phase's own search
 * reaches last: on two-room panel days the pitch an SME lacks comes
 * from such windows (a day of 16 investors and 34 SMEs: -347 -> -266,
 * CBC -277 in 300 s), while on larger events each of them takes seconds
 * (a panel day of 60 x 300 ended 81 lower starting there). */
static rs_code phase_lns(rs_run *run, double deadline, rs_phase_result *result)
{
    group_t *g = run->work;
    if (g->missing || run->keep || rs_run_gap_met(run, g->hobj) || rs_now() >= deadline ||
        (run->interrupt && *run->interrupt)) {
        (void)lns_twin_end(run, g, 0, 0, 1);
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    /* an LP the first lp phase could not finish gets a third of the
     * time after the search */
    if (g->g.m.lp && !g->lp_solved && !g->proven)
        deadline = rs_now() + (deadline - rs_now()) * 2 / 3;
    lns_twin_start(run, g, deadline);
    int cut = 1;
    rs_code rc = RS_OK;
    if (rs_gt_lns(&g->h, &g->snap, GROUP_LNS_LEVELS, 0, 0, deadline, run->interrupt, &cut) < 0)
        rc = RS_ENOMEM;
    g->lns_cut = cut;
    /* a twin searching past this phase is taken by phase_join */
    if (g->lns_twin && (rc != RS_OK || g->twin_deadline <= deadline + RS_EPS) &&
        lns_twin_end(run, g, rc == RS_OK, deadline + LNS_TWIN_WAIT, cut) != 0)
        rc = RS_ENOMEM;
    g->hobj = rs_gt_objective(&g->h);
    run->incumbent = g->hobj;
    return rc;
}

/* join: the twin's timetable, when the twin still searched as phase_lns
 * ended (it started before the first LP and searches on while the LP
 * resumes and branch and cut runs), taken as phase_lns takes it; not
 * when branch and cut proved its own schedule optimal. */
static rs_code phase_join(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)deadline;
    group_t *g = run->work;
    if (!g->lns_twin) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    rs_code rc = lns_twin_end(run, g, !g->proven && !g->missing,
                              g->twin_deadline + LNS_TWIN_WAIT, g->lns_cut) != 0
                     ? RS_ENOMEM : RS_OK;
    g->hobj = rs_gt_objective(&g->h);
    run->incumbent = g->missing ? NAN : g->hobj;
    return rc;
}

/* search: when time is left and the gap is open (the compact model too
 * large to build, or branch and cut ended early), more rounds of ruin and
 * recreate, GROUP_SEARCH_ROUNDS at a time, each batch followed by
 * re-timing (rs_gt_retime), until the deadline.  Not after branch and cut
 * proved GLPK's schedule optimal: the heuristic's could only tie it, and
 * the run would spend the rest of its limit trying. */
static rs_code phase_search(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    group_t *g = run->work;
    if (g->missing || g->proven || rs_run_gap_met(run, g->hobj) || rs_now() >= deadline) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    long rounds = 4L * ev->nslots + 2L * ev->nsme + 40;
    while (rs_now() < deadline && !(run->interrupt && *run->interrupt) &&
           !rs_run_gap_met(run, g->hobj)) {
        if (rs_gt_perturb(&g->h, rounds, g->sme_order, g->buf, deadline, run->interrupt) != 0)
            return RS_ENOMEM;
        rs_gt_retime(&g->h, deadline, run->interrupt);
        if (rs_gt_reroute(&g->h, deadline, run->interrupt) < 0)
            return RS_ENOMEM;
        g->hobj = rs_gt_objective(&g->h);
        run->incumbent = g->hobj;
        rs_run_report(run, 0);
    }
    return RS_OK;
}

/* search first: on events whose compact model is too large to build
 * (GROUP_MAX_COLUMNS), ruin and recreate before the large-neighbourhood
 * search: on the pitch-day sample the search polishes its schedule
 * further than it polishes the first one (3520 to 3545 against 3481 in
 * 20 s).  The search's twin (phase_lns) starts here, from the first
 * one, and searches until the run's end: where ruin and recreate gains
 * little, the twin's longer search from the poorer start ends higher (a
 * panel day of 30 investors and 80 SMEs: 508 to 521 -> 538 to 539), and
 * on the pitch day the phase's own search still ends as high.  Smaller
 * events go to the search and the model straight away, so that their
 * runs, which end within the limit, repeat. */
static rs_code phase_search_first(rs_run *run, double deadline, rs_phase_result *result)
{
    group_t *g = run->work;
    if (g->fits) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    if (!rs_run_gap_met(run, g->hobj))
        lns_twin_start(run, g, run->deadline - LNS_TWIN_WAIT);
    return phase_search(run, deadline, result);
}

static const rs_phase group_phases[] = {
    /* name        share of        share  run */
    {"trivial",   RS_OF_RUN,       0,     phase_trivial},
    {"selection", RS_OF_RUN,       0.15,  phase_selection},
    {"greedy",    RS_OF_HEURISTIC, 1,     phase_greedy},
    {"improve",   RS_OF_HEURISTIC, 1,     phase_improve},
    {"search",    RS_OF_RUN,       0.3,   phase_search_first},
    {"lp",        RS_OF_RUN,       0.25,  phase_lp},
    {"lns",       RS_OF_RUN,       1,     phase_lns},
    {"lp",        RS_OF_RUN,       1,     phase_lp},
    {"branch",    RS_OF_RUN,       1,     phase_branch},
    {"join",      RS_OF_RUN,       1,     phase_join},
    {"search",    RS_OF_RUN,       1,     phase_search},
};

static const rs_phase_table group_table = {
    group_phases, (int)(sizeof group_phases / sizeof group_phases[0]), GROUP_HEURISTIC_SHARE};

/* ------------------------------------------------------------ the format */

/* The state: candidate lists, the SME order and an empty timetable. */
static rs_code group_begin(rs_run *run)
{
    const rs_event *ev = run->ev;
    group_t *g = calloc(1, sizeof(group_t));
    run->work = g;
    if (!g)
        return RS_ENOMEM;
    rs_code rc = build_candidates(ev, g);
    if (rc != RS_OK)
        return rc;
    g->buf = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    if (!g->buf || rs_gt_init(&g->h, ev, g->cand, g->cand_start) != 0)
        return RS_ENOMEM;
    g->fits = rs_gm_count_x(ev) <= GROUP_MAX_COLUMNS;
    /* with venues, panels prefer investors who stay in theirs */
    g->h.away_cost = ev->nvenues > 1 ? ev->w.idle_slot : 0;
    return RS_OK;
}

/* One table for every group event. */
static const rs_phase_table *group_phases_of(const rs_run *run)
{
    (void)run;
    return &group_table;
}

/* The better of GLPK's schedule and the heuristic's, "optimal" when
 * proven or at the bound. */
static rs_code group_take(rs_run *run, rs_schedule **out)
{
    const rs_event *ev = run->ev;
    group_t *g = run->work;
    rs_schedule *s = NULL;
    if (g->gs && (g->missing || rs_objective(ev, g->gs, NULL, NULL) >= g->hobj - RS_EPS)) {
        s = g->gs;
        g->gs = NULL;
    } else {
        g->proven = g->proven && !g->gs; /* the proof was for GLPK's schedule */
        rs_schedule_free(g->gs);
        g->gs = NULL;
        if (g->missing) {
            list_missing(run, g, "not placed within the time limit");
            return RS_ENOSOLUTION;
        }
        if (!rs_gt_caps_ok(&g->h)) {
            rs_diag_add(run->diag, "no schedule found within the time limit that keeps every "
                                   "gap cap (rule 12) around the locked pitches");
            return RS_ENOSOLUTION;
        }
        s = rs_gt_to_schedule(&g->h);
        if (!s)
            return RS_ENOMEM;
    }
    s->objective = rs_objective_gaps(ev, s, &s->idle_slots, NULL, &s->idle_gaps);
    rs_schedule_settle(s, run->bound, g->proven);
    strcpy(s->strategy, "group");
    s->lp_cols = run->lp_cols;
    s->lp_rows = run->lp_rows;
    *out = s;
    return RS_OK;
}

/* The compact model's GLPK problem went with GLPK's environment. */
static void group_glpk_lost(rs_run *run)
{
    group_t *g = run->work;
    if (g)
        g->g.m.lp = NULL;
}

/* No schedule stands after GLPK reached the memory limit. */
static int group_salvage(rs_run *run)
{
    (void)run;
    return 0;
}

/* Frees the state, also when begin failed part way (or never ran). */
static void group_end(rs_run *run)
{
    group_t *g = run->work;
    if (!g)
        return;
    free(g->cand);
    free(g->cand_start);
    free(g->sme_order);
    free(g->buf);
    rs_gt_free(&g->h);
    rs_gm_free(&g->g);
    free(g->hx);
    rs_schedule_free(g->gs);
    free(g->snap.v);
    rs_child_free(g->lns_twin);
    free(g);
    run->work = NULL;
}

/* ============================================================ pre-check */

/* Must requests that the inputs alone rule out whatever the panels: an
 * avoid, no common slot with a room for the pair, a side that takes no
 * meetings, more musts for an investor than it can hold (one pitch can
 * hold all of an SME's musts, so SMEs are not counted, and the search of
 * clash.c, which counts one meeting per pair, does not apply).  Each is
 * reported with the rules involved; returns how many. */
static int basic_must_clashes(const rs_event *ev, rs_diag *diag)
{
    int n = 0;
    int *musts = calloc((size_t)ev->np + 1, sizeof(int));
    if (!musts)
        return 0;
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        for (int k = 0; k < a->nreq; k++) {
            if (a->req[k].priority != RS_PRIO_MUST)
                continue;
            int q = a->req[k].other;
            int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
            const rs_participant *b = &ev->p[q];
            const rs_participant *x = &ev->p[inv], *y = &ev->p[sme];
            int pi = rs_pair_index(ev, inv, sme);
            if (rs_pair_forbidden(ev, inv, sme)) {
                const char *who = NULL;
                for (int j = 0; j < x->navoid; j++)
                    if (x->avoid[j] == sme)
                        who = x->id;
                if (!who)
                    who = y->id;
                rs_diag_add(diag, "must request %s -> %s clashes with the avoid list of %s "
                                  "(rule 5: a forbidden pair never meets; rule 7: a must "
                                  "meeting happens)", a->id, b->id, who);
                n++;
                continue;
            }
            if (pi < 0)
                continue; /* cannot happen: a request makes the pair allowed */
            if (rs_pair_placeable(ev, pi))
                continue;
            int common = 0, inwin = 0, need = x->team_size + y->team_size;
            for (int s = 0; s < ev->nslots; s++) {
                common += x->avail[s] && y->avail[s];
                inwin += x->avail[s] && y->avail[s] && rs_pair_slot_ok(ev, pi, s);
            }
            if (x->max_meetings == 0 || y->max_meetings == 0)
                rs_diag_add(diag, "must request %s -> %s: %s takes no meetings "
                                  "(max_meetings 0; rules 6 and 7)", a->id, b->id,
                            x->max_meetings == 0 ? x->id : y->id);
            else if (common == 0)
                rs_diag_add(diag, "must request %s -> %s: %s and %s have no common available "
                                  "slot (rules 1 and 7)", a->id, b->id, x->id, y->id);
            else if (inwin == 0)
                rs_diag_add(diag, "must request %s -> %s: none of the %d slots both can attend "
                                  "lies inside the windows of their requests (rules 1, 7 "
                                  "and 11)", a->id, b->id, common);
            else
                rs_diag_add(diag, "must request %s -> %s: no room holds their %d people in "
                                  "any of their %d common slots (rules 1, 3 and 7)", a->id,
                            b->id, need, inwin);
            n++;
        }
    }
    /* more must meetings than someone can hold */
    for (int p = 0; p < ev->npairs; p++)
        if (ev->pairs[p].must)
            musts[ev->pairs[p].inv]++;
    for (int i = 0; i < ev->np; i++) {
        int cap = rs_participant_capacity(ev, i);
        if (musts[i] > cap) {
            const rs_participant *a = &ev->p[i];
            rs_diag_add(diag, "%s has %d must meetings but can hold at most %d (max_meetings "
                              "%s, %d available slots, at most %s consecutive; rules 6, 7 "
                              "and 9)", a->id, musts[i], cap,
                        a->max_meetings >= RS_UNLIMITED ? "unlimited" : "given", a->navail,
                        a->max_consecutive >= RS_UNLIMITED ? "unlimited" : "a limited number");
            n++;
        }
    }
    free(musts);
    return n;
}

/* Every must request no group pitch can satisfy given the inputs alone:
 * basic_must_clashes, and no slot where the pair, group_min_investors - 1
 * other possible investors and a room that holds them all meet (their
 * smallest teams counted).  Each is appended to the diag; returns how
 * many. */
static int must_clashes(const rs_event *ev, rs_diag *diag)
{
    int n = basic_must_clashes(ev, diag), gmin = ev->group_min_investors;
    int *teams = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    if (!teams)
        return 0;
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!pr->must)
            continue;
        const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
        if (a->max_meetings == 0 || b->max_meetings == 0)
            continue; /* basic_must_clashes says so */
        int ok = 0, common = 0, most = 0;
        for (int k = 0; k < ev->nslots && !ok; k++) {
            if (!a->avail[k] || !b->avail[k] || !rs_pair_slot_ok(ev, p, k))
                continue;
            common++;
            /* the others who could join: their teams, smallest first */
            int nt = 0;
            for (int i = 0; i < ev->ninv; i++)
                if (i != pr->inv && rs_pair_index(ev, i, pr->sme) >= 0 && ev->p[i].avail[k] &&
                    ev->p[i].max_meetings > 0)
                    teams[nt++] = ev->p[i].team_size;
            if (nt + 1 > most)
                most = nt + 1;
            if (nt < gmin - 1)
                continue;
            for (int x = 1; x < nt; x++)
                for (int y = x; y > 0 && teams[y - 1] > teams[y]; y--) {
                    int t = teams[y];
                    teams[y] = teams[y - 1];
                    teams[y - 1] = t;
                }
            int need = a->team_size + b->team_size;
            for (int j = 0; j < gmin - 1; j++)
                need += teams[j];
            for (int r = 0; r < ev->nrooms && !ok; r++)
                ok = ev->rooms[r].avail[k] && ev->rooms[r].capacity >= need;
        }
        if (ok || common == 0)
            continue; /* no common slot (in the windows): basic_must_clashes says so */
        int from = pr->req_by_sme == RS_PRIO_MUST ? pr->sme : pr->inv;
        int to = from == pr->sme ? pr->inv : pr->sme;
        if (most < gmin)
            rs_diag_add(diag, "must request %s -> %s: in the %d slot%s both can attend, at most "
                              "%d investor%s could hear %s's pitch, fewer than "
                              "group_min_investors %d (rules 1, 4 and 7)",
                        ev->p[from].id, ev->p[to].id, common, common == 1 ? "" : "s", most,
                        most == 1 ? "" : "s", b->id, gmin);
        else
            rs_diag_add(diag, "must request %s -> %s: no room free in their common slots holds "
                              "%s's team with a panel of %d investors (rules 1, 3, 4 and 7)",
                        ev->p[from].id, ev->p[to].id, b->id, gmin);
        n++;
    }
    free(teams);
    return n;
}

/* The pre-check: must_clashes (the budget is not needed). */
static rs_code group_precheck(const rs_event *ev, double budget, rs_diag *diag)
{
    (void)budget;
    return must_clashes(ev, diag) > 0 ? RS_EINFEASIBLE : RS_OK;
}

const rs_format rs_format_group = {
    .name = "group",
    .reschedules = 1,
    .precheck = group_precheck,
    .begin = group_begin,
    .phases = group_phases_of,
    .take = group_take,
    .glpk_lost = group_glpk_lost,
    .salvage = group_salvage,
    .end = group_end,
};
