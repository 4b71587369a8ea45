/*
 * solve.c - the solving strategy and GLPK's safety harness.
 *
 * 1. Must requests are checked for clashes (clash.c: the smallest sets of
 *    musts the hard rules do not let happen together, and those rules).
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
#include "clash.h"
#include "group.h"
#include "heur.h"
#include "model.h"
#include "workflow.h"

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

/* The pattern bound's column budget: the benchmark's S needs about
 * 11,800 columns and about 1 s; its LP grows faster than its size. */
#define PATTERN_MAX_COLUMNS 40000L
/* Annealing passes of the timetabling heuristic. */
#define ANNEAL_PASSES 2

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
    o->previous = NULL;
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

/* Whether the best schedule so far reaches the least bound proven, so it
 * is optimal and further search has nothing to find (false while there
 * is no schedule: the incumbent is NAN then). */
static int at_bound(const run_t *run)
{
    return run->incumbent >= run->bound - 1e-9;
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
    /* with a keep bonus GLPK's value is not the contract objective */
    if (!(run->model && run->model->keep) &&
        (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT)) {
        double v = glp_mip_obj_val(P);
        if (isnan(run->incumbent) || v > run->incumbent)
            run->incumbent = v;
    }
    /* an incumbent at the bound of another relaxation is optimal too
     * (not when re-scheduling: GLPK's search also keeps meetings) */
    if (report(run, 0) || rs_now() > run->deadline ||
        (!(run->model && run->model->keep) && at_bound(run)))
        glp_ios_terminate(T);
}


/* Seconds the must-clash search may spend when no time limit is given. */
#define CLASH_BUDGET 10.0

rs_code rs_event_precheck(const rs_event *ev, rs_diag *diag)
{
    if (ev->format == RS_FORMAT_GROUP)
        return rs_group_must_clashes(ev, diag) > 0 ? RS_EINFEASIBLE : RS_OK;
    return rs_clash_check(ev, CLASH_BUDGET, diag, NULL);
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
                    rs_priority_name(RS_PRIO_MUST), why);
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
    rs_keep *keep;    /* re-scheduling, or NULL */
    int removed;      /* previous meetings of participants who left */
    hs_t *h;
    double *hx;
    rs_schedule *glpk_sched;
    rs_group *group;  /* the group format's solver state */
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
    rs_code rc = rs_select_forced(ev, sel_ms, lp_deadline, run->opt->interrupt,
                                  w->keep ? w->keep->locked : NULL, &w->sel);
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
    if (w->keep) {
        hs_set_keep(w->h, w->keep);
        if (hs_place_previous(w->h) != 0) { /* rs_check_locked said they fit */
            rs_diag_add(diag, "the locked meetings could not all be placed again (rule 10)");
            return RS_EINFEASIBLE;
        }
    }
    hs_place_all(w->h, w->sel.order, ev->npairs);
    int missing = hs_repair_musts(w->h);
    run->phase = "timetable";
    run->incumbent = missing ? NAN : hs_objective(w->h);
    report(run, 1);
    double heur_deadline = strategy == RS_STRATEGY_DIRECT
                               ? run->t0 + (run->deadline - run->t0) * 0.25
                               : run->deadline;
    /* a first descent, within a fifth of the time: the anneal does
     * better with the rest on large events */
    hs_improve(w->h, rs_now() + (heur_deadline - rs_now()) * 0.2, run->opt->interrupt);
    if (!missing) {
        run->incumbent = hs_objective(w->h);
        run->phase = "anneal";
        report(run, 1);
        long iters = 5000L * (long)ev->npairs + 200000L;
        double now = rs_now();
        /* two passes, the second from the best of the first with other
         * random draws, each given half of the anneal's time: one pass
         * ends several points apart with other draws (the benchmark's M:
         * 4363 to 4380 over six) */
        double anneal_end = now + (heur_deadline - now) * 0.7;
        for (int pass = 0; pass < ANNEAL_PASSES; pass++)
            hs_anneal(w->h, iters, pass,
                      rs_now() + (anneal_end - rs_now()) / (ANNEAL_PASSES - pass),
                      run->opt->interrupt);
        /* the local search may take half of what is left, so that the
         * exact re-timing of participant-days gets the rest */
        now = rs_now();
        hs_improve(w->h, now + (heur_deadline - now) * 0.5, run->opt->interrupt);
        run->incumbent = hs_objective(w->h);
        run->phase = "retime";
        report(run, 1);
        if (hs_retime(w->h, heur_deadline, run->opt->interrupt) > 0)
            hs_improve(w->h, heur_deadline, run->opt->interrupt);
    }
    missing = hs_repair_musts(w->h);
    if (!missing)
        run->incumbent = hs_objective(w->h);
    run->phase = "improve";
    report(run, 1);
    w->missing = missing;
    w->heur_done = 1;

    /* the pattern bound, on events small enough for its LP, with at most
     * a third of the time left: it sees idle slots forced by people
     * competing for the same slots, which the selection cannot */
    if (missing || !at_bound(run)) {
        double pb;
        long pcols = 0, prows = 0;
        double pdl = rs_now() + (run->deadline - rs_now()) / 3;
        if (rs_pattern_bound(ev, PATTERN_MAX_COLUMNS, pdl, run->opt->interrupt, &pb, &pcols,
                             &prows) == RS_OK) {
            if (pb < run->bound)
                run->bound = pb;
            if (pcols > w->lp_cols) {
                w->lp_cols = pcols;
                w->lp_rows = prows;
            }
            run->phase = "pattern";
            report(run, 1);
        }
    }
    /* the timetable reaches a proven bound: it is optimal, and the
     * direct model (which took 11 s to prove the 9 meetings of
     * tests/data/opt/lunch-break) has nothing left to find; when
     * re-scheduling it may still keep more meetings in place */
    if (!missing && !w->keep && at_bound(run))
        return RS_OK;

    if (strategy != RS_STRATEGY_DIRECT)
        return missing ? RS_ENOSOLUTION : RS_OK;

    rc = rs_model_build(ev, w->keep, &w->model);
    if (rc != RS_OK)
        return rc;
    if (glp_get_num_cols(w->model.lp) > w->lp_cols) { /* the largest problem solved */
        w->lp_cols = glp_get_num_cols(w->model.lp);
        w->lp_rows = glp_get_num_rows(w->model.lp);
    }
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
        /* GLP_OPT also ends a search stopped within a positive mip_gap:
         * only a search with no gap allowed proves optimality; otherwise
         * the callback's tree bound stands */
        w->glpk_optimal = ret == 0 && st == GLP_OPT && gap <= 0;
        if (w->glpk_optimal)
            run->bound = fmin(run->bound, rs_safe_bound(ev, glp_mip_obj_val(w->model.lp)));
    }
    return (missing && !w->glpk_sched) ? RS_ENOSOLUTION : RS_OK;
}

/* What keep_load makes of the previous schedule: the keep a solve works
 * with (first, so that the solve holds &k as its rs_keep), and the file as
 * read, for previous_stats at the end: the file is read once. */
typedef struct {
    rs_keep k;
    rs_previous *pv;
} kept_previous;

/* Frees what keep_load made.  Accepts NULL. */
static void keep_free(rs_keep *k)
{
    if (!k)
        return;
    free(k->slot);
    free(k->room);
    free(k->locked);
    free(k->taken);
    kept_previous *kp = (kept_previous *)k;
    rs_previous_free(kp->pv);
    free(kp);
}

/* Reads the previous schedule for re-scheduling and turns it into a keep:
 * per candidate pair, where its previous meeting was and whether it is
 * locked.  A locked meeting that the inputs no longer allow is a clash of
 * hard rules (rule 10 against the rule it now breaks): RS_EINFEASIBLE with
 * the reasons.  Meetings of participants who left, and meetings whose pair
 * may no longer meet, are simply not kept (the diff counts them dropped).
 * Notes on dropped meetings go to stderr unless quiet. */
static rs_code keep_load(const rs_event *ev, const rs_options *opt, rs_keep **out,
                         int *removed, rs_diag *diag)
{
    rs_previous *pv = NULL;
    kept_previous *kp = NULL;
    rs_keep *k = NULL;
    rs_code rc = rs_previous_load(ev, opt->previous, &pv, diag);
    if (rc != RS_OK)
        goto done;
    *removed = pv->removed;
    if (!opt->quiet)
        for (size_t i = 0; i < rs_diag_count(pv->notes); i++)
            fprintf(stderr, "%s\n", rs_diag_message(pv->notes, i));
    rc = rs_check_locked(ev, pv, diag);
    if (rc != RS_OK)
        goto done;
    rc = RS_ENOMEM;
    size_t rk = (size_t)ev->nrooms * (size_t)ev->nslots;
    kp = calloc(1, sizeof(kept_previous));
    k = kp ? &kp->k : NULL;
    if (!k || !(k->slot = malloc(((size_t)ev->npairs + 1) * sizeof(int))) ||
        !(k->room = malloc(((size_t)ev->npairs + 1) * sizeof(int))) ||
        !(k->locked = calloc((size_t)ev->npairs + 1, 1)) || !(k->taken = calloc(rk + 1, 1)))
        goto done;
    k->move = ev->w.move;
    for (int p = 0; p < ev->npairs; p++)
        k->slot[p] = k->room[p] = -1;
    for (int i = 0; i < pv->s->nm; i++) {
        const rs_meeting *m = &pv->s->m[i];
        int p = m->ninv == 1 ? rs_pair_index(ev, m->inv[0], m->sme) : -1;
        if (p < 0 && m->locked) { /* rs_check_locked judges pairs by rule 5 too */
            rs_diag_add(diag, "%s: locked m%04d: %s and %s may not meet (rules 5 and 10)",
                        pv->file, pv->pos[i] + 1, ev->p[m->sme].id,
                        m->ninv ? ev->p[m->inv[0]].id : "nobody");
            rc = RS_EINFEASIBLE;
            goto done;
        }
        if (p < 0 || (k->slot[p] >= 0 && !m->locked))
            continue; /* cannot meet now, or a second meeting of one pair */
        k->slot[p] = m->slot;
        k->room[p] = m->room;
        k->locked[p] = (unsigned char)(m->locked != 0);
        if (m->locked)
            k->taken[(size_t)m->room * (size_t)ev->nslots + (size_t)m->slot] = 1;
    }
    kp->pv = pv; /* for previous_stats */
    pv = NULL;
    *out = k;
    k = NULL;
    rc = RS_OK;
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "out of memory while reading the previous schedule");
    keep_free(k);
    rs_previous_free(pv);
    return rc;
}

/* The keep bonus a schedule earns (0 without a keep). */
static double schedule_bonus(const rs_event *ev, const rs_keep *k, const rs_schedule *s)
{
    double total = 0;
    for (int i = 0; k && i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        int p = m->ninv == 1 ? rs_pair_index(ev, m->inv[0], m->sme) : -1;
        if (p >= 0)
            total += rs_keep_bonus(k, p, m->slot, m->room);
    }
    return total;
}

/* Re-scheduling: marks the kept locked meetings locked again (so they stay
 * locked in the next round) and fills the diff counts and move cost, from
 * the previous schedule keep_load read with k (opt->previous is not read
 * again). */
static rs_code previous_stats(const rs_event *ev, const rs_options *opt, const rs_keep *k,
                              rs_schedule *s, rs_diag *diag)
{
    (void)opt;
    for (int i = 0; i < s->nm; i++) {
        rs_meeting *m = &s->m[i];
        int p = m->ninv == 1 ? rs_pair_index(ev, m->inv[0], m->sme) : -1;
        m->locked = p >= 0 && k->locked[p] && k->slot[p] == m->slot && k->room[p] == m->room;
    }
    rs_diff_counts c;
    rs_code rc = rs_diff_counts_of(((const kept_previous *)k)->pv, ev, s, &c, diag);
    if (rc != RS_OK)
        return rc;
    s->previous = 1;
    s->kept = c.kept;
    s->moved = c.moved;
    s->dropped = c.dropped;
    s->added = c.added;
    s->move_cost = ev->w.move * (c.moved + c.dropped);
    return RS_OK;
}

/* The group solver's progress hook: records and reports. */
static int group_report(void *ctx, double incumbent, double bound, const char *phase,
                        int force)
{
    run_t *run = ctx;
    run->incumbent = incumbent;
    run->bound = bound;
    run->phase = phase;
    return report(run, force);
}

/* A group event goes to group.c, with this file's progress reporting and
 * branch-and-cut callback; its state hangs off w for the cleanup. */
static rs_code solve_group(const rs_event *ev, run_t *run, double gap, work_t *w,
                           rs_diag *diag)
{
    rs_group_ctl ctl = {ev,           run->t0,    run->deadline, gap,         run->opt->interrupt,
                        group_report, mip_callback, run,         &run->heur_x, &run->bound};
    return rs_group_solve(&ctl, &w->group, diag);
}

/* Makes the schedule to return from what the solve left in w: for a group
 * event the group solver's; otherwise the better of GLPK's schedule and the
 * heuristic's (in re-scheduling, of the objective plus the keep bonus),
 * with its objective recomputed, run->bound as its bound, and "optimal"
 * only when proven; then its explanations and, when re-scheduling, its
 * counts of kept, moved, dropped and added meetings.  On RS_OK *out is a
 * new schedule owned by the caller. */
static rs_code finish(const rs_event *ev, run_t *run, rs_strategy strategy, work_t *w,
                      rs_schedule **out, rs_diag *diag)
{
    rs_schedule *s = NULL;
    rs_code rc;
    if (ev->format == RS_FORMAT_GROUP) {
        s = rs_group_take(w->group); /* complete with status and bound */
        if (!s)
            return RS_ENOSOLUTION;
        goto explain;
    }
    double hobj = hs_combined(w->h);
    if (w->glpk_sched) {
        double gobj = rs_objective(ev, w->glpk_sched, NULL, NULL) +
                      schedule_bonus(ev, w->keep, w->glpk_sched);
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
    /* GLPK's optimum is of the objective plus the keep bonus when
     * re-scheduling: only the bound then proves the objective optimal */
    if ((w->glpk_optimal && !w->keep) || s->objective >= s->bound - 1e-9) {
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
explain:
    rc = rs_explain(ev, s);
    if (rc == RS_OK && w->keep)
        rc = previous_stats(ev, run->opt, w->keep, s, diag);
    if (w->keep)
        s->removed = w->removed;
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
        if (opt->previous) {
            rs_diag_add(diag, "--previous: re-scheduling group events is not supported by this "
                              "version");
            return RS_EUSAGE;
        }
        if (rs_group_must_clashes(ev, diag) > 0)
            return RS_EINFEASIBLE;
    } else {
        double clash_budget = opt->time_limit >= 0 ? opt->time_limit : ev->time_limit;
        rs_code clash = rs_clash_check(ev, fmin(CLASH_BUDGET, clash_budget / 2), diag, NULL);
        if (clash != RS_OK)
            return clash;
    }

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
    if (opt->previous) {
        rc = keep_load(ev, opt, &w->keep, &w->removed, diag);
        if (rc != RS_OK)
            goto done;
    }

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
        rs_group_glpk_lost(w->group);
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
        rc = finish(ev, &run, strategy, w, &s, diag);
        if (rc != RS_OK)
            goto done;
        *out = s;
        s = NULL;
        goto done;
    }
    if (w->mem_limit > 0)
        glp_mem_limit(w->mem_limit);
    glp_error_hook(on_glpk_error, &jb);
    rc = ev->format == RS_FORMAT_GROUP ? solve_group(ev, &run, gap, w, diag)
                                       : solve_guarded(ev, &run, strategy, gap, w, diag);
    glp_error_hook(NULL, NULL);
    if (w->mem_limit > 0)
        glp_mem_limit(INT_MAX); /* no limit for later GLPK users */
    if (rc != RS_OK) {
        if (rc == RS_ENOSOLUTION && ev->format != RS_FORMAT_GROUP)
            list_missing_musts(ev, w->h, diag, "not placed within the time limit");
        goto done;
    }

    rc = finish(ev, &run, strategy, w, &s, diag);
    if (rc != RS_OK)
        goto done;
    *out = s;
    s = NULL;
done:
    glp_term_hook(NULL, NULL);
    rs_schedule_free(s);
    rs_schedule_free(w->glpk_sched);
    rs_model_free(&w->model);
    rs_group_free(w->group);
    hs_free(w->h);
    free(w->hx);
    free(w->sel.order);
    keep_free(w->keep);
    free(w);
    return rc;
}
