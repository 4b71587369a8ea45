/*
 * group.c - solving group-pitch events (see group.h for the format's
 * semantics, the heuristic and the compact model): the solver's state,
 * its steps and the pre-check.  The heuristic is in group_heur.c, the
 * bounds and the model in group_model.c.
 *
 * Everything here runs inside solve.c's GLPK error guard and keeps every
 * allocation reachable from the rs_group it was given first.
 */
#include "group.h"
#include "group_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many x columns the compact model is not built: its LP alone
 * would take longer than an organiser waits, and the trivial bound and
 * the heuristic schedule stand. */
#define GROUP_MAX_COLUMNS 8000L

/* ================================================================ solve */

struct rs_group {
    int *cand, *cand_start; /* per SME column: pair indices, best first    */
    int *sme_order;         /* SMEs, fewest candidates first               */
    int *buf;               /* a panel                                     */
    rs_gt h;
    rs_gmodel g;
    double *hx;             /* the heuristic's vector for GLPK             */
    rs_schedule *result;
};

void rs_group_free(rs_group *g)
{
    if (!g)
        return;
    free(g->cand);
    free(g->cand_start);
    free(g->sme_order);
    free(g->buf);
    rs_gt_free(&g->h);
    rs_gm_free(&g->g);
    free(g->hx);
    rs_schedule_free(g->result);
    free(g);
}

void rs_group_glpk_lost(rs_group *g)
{
    if (g)
        g->g.m.lp = NULL;
}

rs_schedule *rs_group_take(rs_group *g)
{
    rs_schedule *s = g ? g->result : NULL;
    if (g)
        g->result = NULL;
    return s;
}

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
static rs_code build_candidates(const rs_event *ev, rs_group *g)
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

/* Lists the must pairs the heuristic timetable lacks. */
static void list_missing(const rs_event *ev, const rs_gt *h, rs_diag *diag, const char *why)
{
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!pr->must || (h->heard && rs_gt_heard(h, pr->inv, pr->sme)))
            continue;
        int from = pr->req_by_sme == RS_PRIO_MUST ? pr->sme : pr->inv;
        int to = from == pr->sme ? pr->inv : pr->sme;
        rs_diag_add(diag, "must request %s -> %s (must): %s", ev->p[from].id, ev->p[to].id,
                    why);
    }
}

rs_code rs_group_solve(const rs_group_ctl *ctl, rs_group **work, rs_diag *diag)
{
    const rs_event *ev = ctl->ev;
    rs_group *g = calloc(1, sizeof(rs_group));
    *work = g;
    if (!g)
        return RS_ENOMEM;
    rs_code rc = build_candidates(ev, g);
    if (rc != RS_OK)
        return rc;
    g->buf = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    if (!g->buf || rs_gt_init(&g->h, ev, g->cand, g->cand_start) != 0)
        return RS_ENOMEM;
    double bound = rs_gm_trivial_bound(ev), inc = NAN, sb;
    long lp_cols = 0, lp_rows = 0;
    if (isnan(bound))
        return RS_ENOMEM;
    ctl->report(ctl->ctx, inc, bound, "start", 1);
    int sel_ms = (int)fmin(fmax((ctl->deadline - rs_now()) * 1000 * 0.15, 100), 1e9);
    rc = rs_gm_selection_bound(ev, sel_ms, &sb, &lp_cols, &lp_rows);
    if (rc == RS_EINFEASIBLE) {
        rs_diag_add(diag, "the must requests cannot all be met together: some investor cannot "
                          "hear all its must pitches (rules 4, 6 and 7)");
        return rc;
    }
    if (rc != RS_OK)
        return rc;
    if (!isnan(sb))
        bound = fmin(bound, sb);
    ctl->report(ctl->ctx, inc, bound, "selection", 1);

    /* 1. the heuristic: construction, local search, ruin and recreate */
    rs_gt *h = &g->h;
    double span = ctl->deadline - ctl->t0;
    double hdl = ctl->t0 + span * 0.3;
    if (rs_gt_construct(h, g->sme_order, g->buf) != 0 ||
        rs_gt_improve(h, g->sme_order, g->buf, hdl, ctl->interrupt) < 0)
        return RS_ENOMEM;
    int missing = rs_gt_missing_musts(h);
    inc = missing ? NAN : rs_gt_objective(h);
    ctl->report(ctl->ctx, inc, bound, "greedy", 1);
    long rounds = 40L * ev->nslots + 16L * ev->nsme + 400;
    if (rs_gt_perturb(h, rounds, g->sme_order, g->buf, hdl, ctl->interrupt) != 0)
        return RS_ENOMEM;
    missing = rs_gt_missing_musts(h);
    double hobj = rs_gt_objective(h);
    inc = missing ? NAN : hobj;
    ctl->report(ctl->ctx, inc, bound, "improve", 1);

    /* 2. the compact model: its LP bound, then branch and cut */
    rs_schedule *gs = NULL;
    int proven = 0;
    int stop = ctl->interrupt && *ctl->interrupt;
    if (!stop && (missing || hobj < bound - RS_EPS) && rs_gm_count_x(ev) <= GROUP_MAX_COLUMNS) {
        rc = rs_gm_build(ev, &g->g);
        if (rc != RS_OK)
            return rc;
        glp_prob *lp = g->g.m.lp;
        lp_cols = glp_get_num_cols(lp);
        lp_rows = glp_get_num_rows(lp);
        ctl->report(ctl->ctx, inc, bound, "lp", 1);
        double left = ctl->deadline - rs_now();
        if (g->g.nx == 0) {
            /* no pitch is possible: the empty schedule is the only one */
            if (missing) {
                list_missing(ev, h, diag, "no pitch can hold the pair under the hard rules");
                return RS_EINFEASIBLE;
            }
            proven = 1;
        } else if (left > 0.05) {
            glp_smcp sp;
            glp_init_smcp(&sp);
            sp.msg_lev = GLP_MSG_ERR;
            sp.presolve = GLP_OFF;
            sp.tm_lim = (int)(left * 1000);
            int ret = glp_simplex(lp, &sp);
            if (ret == 0 && glp_get_status(lp) == GLP_NOFEAS) {
                list_missing(ev, h, diag, "part of a set of must requests that cannot all be "
                                          "met in pitches without breaking a hard rule");
                return RS_EINFEASIBLE;
            }
            if (ret == 0 && glp_get_status(lp) == GLP_OPT) {
                bound = fmin(bound, rs_safe_bound(ev, glp_get_obj_val(lp)));
                ctl->report(ctl->ctx, inc, bound, "branch", 1);
                if (missing || hobj < bound - RS_EPS) {
                    int ncol = glp_get_num_cols(lp);
                    g->hx = malloc(((size_t)ncol + 1) * sizeof(double));
                    if (!g->hx)
                        return RS_ENOMEM;
                    if (missing || rs_gm_vector(&g->g, h, g->hx) != 0) {
                        free(g->hx);
                        g->hx = NULL;
                    }
                    *ctl->heur_x = g->hx;
                    glp_iocp ip;
                    glp_init_iocp(&ip);
                    ip.msg_lev = GLP_MSG_ERR;
                    ip.presolve = GLP_OFF;
                    ip.mip_gap = ctl->gap;
                    ip.cb_func = ctl->mip_cb;
                    ip.cb_info = ctl->ctx;
                    ip.gmi_cuts = GLP_ON;
                    ip.mir_cuts = GLP_ON;
                    ip.clq_cuts = GLP_ON;
                    left = ctl->deadline - rs_now();
                    ip.tm_lim = left > 0.05 ? (int)(left * 1000) : 50;
                    ret = glp_intopt(lp, &ip);
                    *ctl->heur_x = NULL;
                    int st = glp_mip_status(lp);
                    if (st == GLP_NOFEAS) {
                        list_missing(ev, h, diag, "part of a set of must requests that cannot "
                                                  "all be met in pitches without breaking a "
                                                  "hard rule");
                        return RS_EINFEASIBLE;
                    }
                    if (!isnan(*ctl->tree_bound))
                        bound = fmin(bound, *ctl->tree_bound);
                    if (st == GLP_OPT || st == GLP_FEAS) {
                        gs = rs_gm_extract(&g->g, ev);
                        if (!gs)
                            return RS_ENOMEM;
                        /* proven only when the search closed with no gap
                         * allowed; otherwise the tracked bound stands */
                        if (ret == 0 && st == GLP_OPT && ctl->gap <= 0) {
                            proven = 1;
                            bound = fmin(bound, rs_safe_bound(ev, glp_mip_obj_val(lp)));
                        }
                    }
                }
            }
        }
    }

    /* 3. the better of GLPK's schedule and the heuristic's */
    rs_schedule *s = NULL;
    if (gs && (missing || rs_objective(ev, gs, NULL, NULL) >= hobj - RS_EPS)) {
        s = gs;
        gs = NULL;
    } else {
        proven = proven && !gs; /* the proof was for GLPK's schedule */
        rs_schedule_free(gs);
        gs = NULL;
        if (missing) {
            list_missing(ev, h, diag, "not placed within the time limit");
            return RS_ENOSOLUTION;
        }
        s = rs_gt_to_schedule(h);
        if (!s)
            return RS_ENOMEM;
    }
    g->result = s;
    s->objective = rs_objective(ev, s, &s->idle_slots, NULL);
    if (proven || s->objective >= bound - RS_EPS) {
        strcpy(s->status, "optimal");
        s->bound = s->objective;
    } else {
        strcpy(s->status, "feasible");
        s->bound = bound;
    }
    s->gap = (s->bound - s->objective) / fmax(1.0, fabs(s->bound));
    if (s->gap < 0)
        s->gap = 0;
    strcpy(s->strategy, "group");
    s->lp_cols = lp_cols;
    s->lp_rows = lp_rows;
    return RS_OK;
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

int rs_group_must_clashes(const rs_event *ev, rs_diag *diag)
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
            if (!a->avail[k] || !b->avail[k])
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
            continue; /* no common slot: solve.c's pre-check says so */
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
