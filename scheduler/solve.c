/*
 * solve.c - the solving strategy and GLPK's safety harness.
 *
 * 1. Must requests are checked for clashes the inputs already show (an
 *    avoid, no common slot, no room, more musts than someone can hold).
 * 2. The selection relaxation (select.c) gives a proven upper bound and an
 *    order of pairs.
 * 3. The timetabling heuristic (heur.c) places them and improves.
 * 4. Direct strategy: the full model (model.c) goes to GLPK's branch and
 *    cut with the heuristic schedule as its first incumbent; its bound, if
 *    lower, replaces the selection bound.  Decompose strategy: the
 *    heuristic schedule stands with the selection bound.
 *
 * GLPK never aborts the process: an error hook longjmps back here, the
 * GLPK environment is freed, and RS_ESOLVER is returned.  GLPK's terminal
 * output goes to stderr (or nowhere when quiet), never to stdout.
 */
#define _POSIX_C_SOURCE 200809L
#include "heur.h"
#include "model.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many x columns the direct model is left to the decomposition
 * by default: GLPK's LP alone then takes most of a minute. */
#define DIRECT_MAX_COLUMNS 20000L

void (*rs_solve_test_hook)(void);

void rs_cleanup(void)
{
    glp_free_env();
}

void rs_options_init(rs_options *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = -1;
    o->mip_gap = -1;
    o->strategy = RS_STRATEGY_AUTO;
}

typedef struct {
    const rs_event *ev;
    const rs_options *opt;
    double t0, deadline, last_report;
    double incumbent, bound;
    const char *phase;
    /* direct model callback */
    const rs_model *model;
    double *heur_x;
    int injected;
    double tree_bound;
    int have_tree_bound;
    int *mem_hit;       /* set when GLPK reports its memory limit (heap) */
} run_t;

/* GLPK's terminal output: to stderr unless quiet.  Also notices GLPK's
 * message on reaching glp_mem_limit, which comes just before its error
 * hook, so that the fault can be told apart from an internal error. */
static int term_to_stderr(void *info, const char *s)
{
    const run_t *run = info;
    if (run->mem_hit && strstr(s, "memory allocation limit exceeded"))
        *run->mem_hit = 1;
    if (!run->opt->quiet)
        fputs(s, stderr);
    return 1; /* GLPK must not print anything itself (stdout is ours) */
}

static void on_glpk_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* Reports progress to stderr and to the caller's hook, at most once a
 * second unless forced.  Returns nonzero when the run should stop. */
static int report(run_t *run, int force)
{
    double now = rs_now();
    int stop = run->opt->interrupt && *run->opt->interrupt;
    if (!force && now - run->last_report < 1.0)
        return stop;
    run->last_report = now;
    rs_progress p;
    p.seconds = now - run->t0;
    p.incumbent = run->incumbent;
    p.bound = run->bound;
    p.gap = (isnan(p.incumbent) || isnan(p.bound))
                ? NAN : (p.bound - p.incumbent) / fmax(1.0, fabs(p.bound));
    p.phase = run->phase;
    if (!run->opt->quiet) {
        char inc[32] = "-", bnd[32] = "-", gap[32] = "-";
        if (!isnan(p.incumbent))
            rs_fmt_num(p.incumbent, inc, sizeof inc);
        if (!isnan(p.bound))
            rs_fmt_num(p.bound, bnd, sizeof bnd);
        if (!isnan(p.gap))
            snprintf(gap, sizeof gap, "%.2f%%", 100 * p.gap);
        fprintf(stderr, "[%6.1fs] %-10s incumbent %s  bound %s  gap %s\n", p.seconds, p.phase,
                inc, bnd, gap);
    }
    if (run->opt->progress && run->opt->progress(&p, run->opt->progress_user))
        stop = 1;
    return stop;
}

/* GLPK's branch-and-cut callback: hands over the heuristic schedule once,
 * tracks the global bound, reports progress, and stops on request. */
static void mip_callback(glp_tree *T, void *info)
{
    run_t *run = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && !run->injected && run->heur_x) {
        run->injected = 1;
        glp_ios_heur_sol(T, run->heur_x);
    }
    int best = glp_ios_best_node(T);
    if (best) {
        double b = glp_ios_node_bound(T, best);
        if (!run->have_tree_bound || b < run->tree_bound)
            run->tree_bound = b;
        run->have_tree_bound = 1;
        double sb = rs_safe_bound(run->ev, b);
        if (isnan(run->bound) || sb < run->bound)
            run->bound = sb;
    }
    glp_prob *P = glp_ios_get_prob(T);
    if (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT) {
        double v = glp_mip_obj_val(P);
        if (isnan(run->incumbent) || v > run->incumbent)
            run->incumbent = v;
    }
    if (report(run, 0) || rs_now() > run->deadline)
        glp_ios_terminate(T);
}

static const char *prio_word(int p)
{
    return p == RS_PRIO_MUST ? "must" : p == RS_PRIO_HIGH ? "high" : "normal";
}

/* Finds clashes of must requests that the inputs alone show, reporting
 * each with the rules involved.  Returns the number found. */
static int must_clashes(const rs_event *ev, rs_diag *diag)
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
            int common = 0, need = x->team_size + y->team_size;
            for (int s = 0; s < ev->nslots; s++)
                common += x->avail[s] && y->avail[s];
            if (x->max_meetings == 0 || y->max_meetings == 0)
                rs_diag_add(diag, "must request %s -> %s: %s takes no meetings "
                                  "(max_meetings 0; rules 6 and 7)", a->id, b->id,
                            x->max_meetings == 0 ? x->id : y->id);
            else if (common == 0)
                rs_diag_add(diag, "must request %s -> %s: %s and %s have no common available "
                                  "slot (rules 1 and 7)", a->id, b->id, x->id, y->id);
            else
                rs_diag_add(diag, "must request %s -> %s: no room holds their %d people in "
                                  "any of their %d common slots (rules 1, 3 and 7)", a->id,
                            b->id, need, common);
            n++;
        }
    }
    /* more must meetings than someone can hold */
    for (int p = 0; p < ev->npairs; p++)
        if (ev->pairs[p].must) {
            musts[ev->pairs[p].inv]++;
            musts[ev->pairs[p].sme]++;
        }
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

rs_code rs_event_precheck(const rs_event *ev, rs_diag *diag)
{
    return must_clashes(ev, diag) > 0 ? RS_EINFEASIBLE : RS_OK;
}

/* Lists the must pairs a schedule lacks (for exit 3 and 4 messages). */
static void list_missing_musts(const rs_event *ev, const hs_t *h, rs_diag *diag,
                               const char *why)
{
    unsigned char *met = calloc((size_t)ev->npairs + 1, 1);
    if (!met)
        return;
    for (int i = 0; h && i < hs_count(h); i++) {
        int pair, slot, room;
        hs_meeting(h, i, &pair, &slot, &room);
        met[pair] = 1;
    }
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!pr->must || met[p])
            continue;
        int from = pr->req_by_sme == RS_PRIO_MUST ? pr->sme : pr->inv;
        int to = from == pr->sme ? pr->inv : pr->sme;
        rs_diag_add(diag, "must request %s -> %s (%s): %s", ev->p[from].id, ev->p[to].id,
                    prio_word(RS_PRIO_MUST), why);
    }
    free(met);
}

/* Number of x columns the direct model would have. */
static long direct_columns(const rs_event *ev)
{
    long n = 0;
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
        int need = a->team_size + b->team_size;
        for (int k = 0; k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k])
                continue;
            for (int v = 0; v < ev->nvenues; v++)
                for (int r = 0; r < ev->nrooms; r++)
                    if (ev->rooms[r].venue == v && ev->rooms[r].avail[k] &&
                        ev->rooms[r].capacity >= need) {
                        n++;
                        break;
                    }
        }
        if (n > 100 * DIRECT_MAX_COLUMNS)
            break;
    }
    return n;
}

typedef struct {
    rs_selection sel;
    rs_model model;
    hs_t *h;
    double *hx;
    rs_schedule *glpk_sched;
    int glpk_optimal;
    int missing;      /* must pairs the heuristic could not place */
    int heur_done;    /* the heuristic timetable in h is complete */
    int mem_hit;      /* GLPK stopped at the memory limit */
    int mem_limit;    /* MiB, 0 for none (rs_options.memory_limit_mb) */
    long lp_cols, lp_rows;
} work_t;

/* Sum over participants of one side (investors or SMEs) of their best
 * capacity-many positive pair scores: each meeting has one participant of
 * each side, who meets at most its capacity of distinct others, and
 * shortfalls and idle slots only subtract, so this bounds the objective.
 * order lists the pairs best score first; ok marks the placeable ones;
 * left holds each participant's capacity and is used up. */
static double side_bound(const rs_event *ev, int investors, const int *order,
                         const unsigned char *ok, int *left)
{
    double total = 0;
    for (int i = 0; i < ev->npairs; i++) {
        const rs_pair *pr = &ev->pairs[order[i]];
        int who = investors ? pr->inv : pr->sme;
        if (ok[order[i]] && pr->score > 0 && left[who] > 0) {
            left[who]--;
            total += pr->score;
        }
    }
    return total;
}

/* Stands in for the selection when its LP did not finish (time limit or
 * interrupt): pairs best score first, musts ahead, and the weaker bound of
 * side_bound, which needs no LP. */
static rs_code fallback_selection(const rs_event *ev, rs_selection *sel)
{
    memset(sel, 0, sizeof *sel);
    sel->order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    unsigned char *ok = malloc((size_t)ev->npairs + 1);
    int *left = malloc((size_t)ev->np * sizeof(int) + 1);
    if (!sel->order || !ok || !left) {
        free(ok);
        free(left);
        return RS_ENOMEM; /* sel->order is freed with the work */
    }
    for (int p = 0; p < ev->npairs; p++) {
        sel->order[p] = p;
        ok[p] = (unsigned char)rs_pair_placeable(ev, p);
    }
    rs_sort_pairs_by_score(ev, sel->order, ev->npairs);
    double b[2];
    for (int side = 0; side < 2; side++) {
        for (int i = 0; i < ev->np; i++)
            left[i] = rs_participant_capacity(ev, i);
        b[side] = side_bound(ev, side, sel->order, ok, left);
    }
    sel->bound = rs_safe_bound(ev, fmin(b[0], b[1]));
    free(ok);
    free(left);
    int n = 0; /* musts first, keeping the score order */
    for (int i = 0; i < ev->npairs; i++) {
        int p = sel->order[i];
        if (ev->pairs[p].must) {
            memmove(sel->order + n + 1, sel->order + n, (size_t)(i - n) * sizeof(int));
            sel->order[n++] = p;
        }
    }
    return RS_OK;
}

/* Everything that calls GLPK.  Runs under the error guard: on a GLPK
 * error control comes back to rs_solve through longjmp, so this function
 * keeps every allocation reachable from w. */
static rs_code solve_guarded(const rs_event *ev, run_t *run, rs_strategy strategy,
                             double gap, work_t *w, rs_diag *diag)
{
    int sel_ms = (int)fmin(fmax((run->deadline - rs_now()) * 1000 * 0.2, 200), 1e9);
    double lp_deadline = rs_now() + (run->deadline - rs_now()) * 0.5;
    rs_code rc = rs_select(ev, sel_ms, lp_deadline, run->opt->interrupt, &w->sel);
    if (rc == RS_ENOSOLUTION) /* its LP ran out of time: a cheaper bound */
        rc = fallback_selection(ev, &w->sel);
    if (rc == RS_EINFEASIBLE) {
        rs_diag_add(diag, "the must requests cannot all be met together: some participant "
                          "or the rooms cannot hold all their must meetings (rules 3, 6, 7)");
        return rc;
    }
    if (rc != RS_OK)
        return rc;
    w->lp_cols = w->sel.cols;
    w->lp_rows = w->sel.rows;
    run->bound = w->sel.bound;
    run->phase = "selection";
    report(run, 1);
    if (rs_solve_test_hook)
        rs_solve_test_hook();

    w->h = hs_new(ev);
    if (!w->h)
        return RS_ENOMEM;
    int nmust = 0;
    while (nmust < ev->npairs && ev->pairs[w->sel.order[nmust]].must)
        nmust++;
    hs_place_all(w->h, w->sel.order, ev->npairs);
    int missing = hs_repair_musts(w->h);
    run->phase = "timetable";
    run->incumbent = missing ? NAN : hs_objective(w->h);
    report(run, 1);
    double heur_deadline = strategy == RS_STRATEGY_DIRECT
                               ? run->t0 + (run->deadline - run->t0) * 0.25
                               : run->deadline;
    hs_improve(w->h, heur_deadline, run->opt->interrupt);
    if (!missing) {
        run->incumbent = hs_objective(w->h);
        run->phase = "anneal";
        report(run, 1);
        long iters = 5000L * (long)ev->npairs + 200000L;
        hs_anneal(w->h, iters, heur_deadline, run->opt->interrupt);
        hs_improve(w->h, heur_deadline, run->opt->interrupt);
    }
    missing = hs_repair_musts(w->h);
    if (!missing)
        run->incumbent = hs_objective(w->h);
    run->phase = "improve";
    report(run, 1);
    (void)nmust;
    w->missing = missing;
    w->heur_done = 1;

    if (strategy != RS_STRATEGY_DIRECT)
        return missing ? RS_ENOSOLUTION : RS_OK;

    rc = rs_model_build(ev, &w->model);
    if (rc != RS_OK)
        return rc;
    w->lp_cols = glp_get_num_cols(w->model.lp);
    w->lp_rows = glp_get_num_rows(w->model.lp);
    run->phase = "lp";
    report(run, 1);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.presolve = GLP_OFF;
    double left = run->deadline - rs_now();
    if (left <= 0.05 || (run->opt->interrupt && *run->opt->interrupt))
        return missing ? RS_ENOSOLUTION : RS_OK;
    int ret = rs_simplex_until(w->model.lp, &sp, run->deadline, run->opt->interrupt);
    if (ret != 0 || glp_get_status(w->model.lp) != GLP_OPT) {
        if (glp_get_status(w->model.lp) == GLP_NOFEAS) {
            list_missing_musts(ev, NULL, diag, "part of a set of must requests that "
                               "cannot all be placed without breaking a hard rule");
            return RS_EINFEASIBLE;
        }
        return missing ? RS_ENOSOLUTION : RS_OK; /* out of time in the LP */
    }
    double lpb = rs_safe_bound(ev, glp_get_obj_val(w->model.lp));
    if (lpb < run->bound)
        run->bound = lpb;
    int n = glp_get_num_cols(w->model.lp);
    if (!missing) {
        w->hx = malloc(((size_t)n + 1) * sizeof(double));
        if (!w->hx)
            return RS_ENOMEM;
        if (rs_model_vector(&w->model, ev, w->h, w->hx) != 0) {
            free(w->hx);
            w->hx = NULL;
        }
    }
    run->model = &w->model;
    run->heur_x = w->hx;
    run->phase = "branch";
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ERR;
    ip.presolve = GLP_OFF;
    ip.mip_gap = gap;
    ip.cb_func = mip_callback;
    ip.cb_info = run;
    ip.gmi_cuts = GLP_ON;
    ip.mir_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    left = run->deadline - rs_now();
    ip.tm_lim = left > 0.05 ? (int)(left * 1000) : 50;
    ret = glp_intopt(w->model.lp, &ip);
    int st = glp_mip_status(w->model.lp);
    if (st == GLP_NOFEAS) {
        list_missing_musts(ev, NULL, diag, "part of a set of must requests that cannot all "
                           "be placed without breaking a hard rule");
        return RS_EINFEASIBLE;
    }
    if (st == GLP_OPT || st == GLP_FEAS) {
        w->glpk_sched = rs_model_extract(&w->model, ev);
        w->glpk_optimal = ret == 0 && st == GLP_OPT;
        if (w->glpk_optimal)
            run->bound = fmin(run->bound, rs_safe_bound(ev, glp_mip_obj_val(w->model.lp)));
    }
    return (missing && !w->glpk_sched) ? RS_ENOSOLUTION : RS_OK;
}

/* Makes the schedule to return from what the solve left in w: the better
 * of GLPK's schedule and the heuristic's, with its objective recomputed,
 * run->bound as its bound, and "optimal" only when proven.  On RS_OK *out
 * is a new schedule owned by the caller. */
static rs_code finish(const rs_event *ev, run_t *run, rs_strategy strategy, work_t *w,
                      rs_schedule **out)
{
    rs_schedule *s = NULL;
    /* the better of GLPK's schedule and the heuristic's */
    double hobj = hs_objective(w->h);
    if (w->glpk_sched) {
        double gobj = rs_objective(ev, w->glpk_sched, NULL, NULL);
        if (gobj >= hobj - 1e-9 || w->missing) {
            s = w->glpk_sched;
            w->glpk_sched = NULL;
        }
    }
    if (!s) {
        w->glpk_optimal = 0;
        s = hs_to_schedule(w->h);
    }
    if (!s)
        return RS_ENOMEM;
    s->objective = rs_objective(ev, s, &s->idle_slots, NULL);
    s->bound = run->bound;
    if (w->glpk_optimal || s->objective >= s->bound - 1e-9) {
        strcpy(s->status, "optimal");
        s->bound = s->objective;
    } else {
        strcpy(s->status, "feasible");
    }
    s->gap = (s->bound - s->objective) / fmax(1.0, fabs(s->bound));
    if (s->gap < 0)
        s->gap = 0;
    strcpy(s->strategy, strategy == RS_STRATEGY_DIRECT ? "direct" : "decompose");
    s->lp_cols = w->lp_cols;
    s->lp_rows = w->lp_rows;
    rs_code rc = rs_explain(ev, s);
    if (rc != RS_OK) {
        rs_schedule_free(s);
        return rc;
    }
    s->seconds = rs_now() - run->t0;
    run->incumbent = s->objective;
    run->bound = s->bound;
    run->phase = "done";
    report(run, 1);
    *out = s;
    return RS_OK;
}

rs_code rs_solve(const rs_event *ev, const rs_options *opt_in, rs_schedule **out,
                 rs_diag *diag)
{
    rs_options defaults;
    const rs_options *opt = opt_in;
    if (!opt) {
        rs_options_init(&defaults);
        opt = &defaults;
    }
    *out = NULL;
    if (ev->format == RS_FORMAT_GROUP) {
        rs_diag_add(diag, "event.json: rules.format: the \"group\" format is not supported by "
                          "this version; use \"one_to_one\"");
        return RS_EINPUT;
    }
    if (rs_event_precheck(ev, diag) != RS_OK)
        return RS_EINFEASIBLE;

    run_t run;
    memset(&run, 0, sizeof run);
    run.ev = ev;
    run.opt = opt;
    const double t0 = rs_now();
    run.t0 = t0;
    run.last_report = -1e9;
    double tl = opt->time_limit >= 0 ? opt->time_limit : ev->time_limit;
    double gap = opt->mip_gap >= 0 ? opt->mip_gap : ev->mip_gap;
    run.deadline = run.t0 + tl;
    run.incumbent = run.bound = NAN;
    run.phase = "start";

    rs_strategy strategy = opt->strategy;
    if (strategy == RS_STRATEGY_AUTO)
        strategy = direct_columns(ev) <= DIRECT_MAX_COLUMNS ? RS_STRATEGY_DIRECT
                                                            : RS_STRATEGY_DECOMPOSE;
    /* on the heap: what GLPK's longjmp returns to must not live in
     * automatic variables changed after setjmp */
    work_t *w = calloc(1, sizeof(work_t));
    rs_code rc;
    rs_schedule *s = NULL;
    jmp_buf jb;
    if (!w)
        return RS_ENOMEM;

    run.mem_hit = &w->mem_hit;
    w->mem_limit = opt->memory_limit_mb;
    glp_term_hook(term_to_stderr, &run);
    if (setjmp(jb)) {
        /* GLPK failed: its memory is gone with its environment, so the
         * model's GLPK problem must not be deleted again */
        glp_term_hook(NULL, NULL);
        glp_error_hook(NULL, NULL);
        glp_free_env();
        w->model.lp = NULL;
        if (!w->mem_hit) {
            rs_diag_add(diag, "GLPK reported an internal error; no schedule was produced");
            rc = RS_ESOLVER;
            goto done;
        }
        /* out of the memory allowed: the timetable found before GLPK's
         * branch and bound stands, with the selection's bound */
        int have = w->heur_done && !w->missing;
        rs_diag_add(diag, "GLPK needed more than %d MiB (the memory limit); %s",
                    w->mem_limit, have ? "the best schedule found before is kept"
                                               : "no schedule had been found before");
        rc = RS_ENOSOLUTION;
        if (!have)
            goto done;
        run.bound = w->sel.bound;
        run.t0 = t0;
        w->glpk_optimal = 0;
        rc = finish(ev, &run, strategy, w, &s);
        if (rc != RS_OK)
            goto done;
        *out = s;
        s = NULL;
        goto done;
    }
    if (w->mem_limit > 0)
        glp_mem_limit(w->mem_limit);
    glp_error_hook(on_glpk_error, &jb);
    rc = solve_guarded(ev, &run, strategy, gap, w, diag);
    glp_error_hook(NULL, NULL);
    if (w->mem_limit > 0)
        glp_mem_limit(INT_MAX); /* no limit for later GLPK users */
    if (rc != RS_OK) {
        if (rc == RS_ENOSOLUTION)
            list_missing_musts(ev, w->h, diag, "not placed within the time limit");
        goto done;
    }

    rc = finish(ev, &run, strategy, w, &s);
    if (rc != RS_OK)
        goto done;
    *out = s;
    s = NULL;
done:
    glp_term_hook(NULL, NULL);
    rs_schedule_free(s);
    rs_schedule_free(w->glpk_sched);
    rs_model_free(&w->model);
    hs_free(w->h);
    free(w->hx);
    free(w->sel.order);
    free(w);
    return rc;
}
