/*
 * select.c - the selection relaxation: which pairs to meet, ignoring when.
 *
 * Variables: m[p] in {0,1} per placeable pair (fixed to 1 for musts) and a
 * shortfall s[i] per participant with a minimum.  Rows: meetings per
 * participant <= its capacity (maximum, available slots, consecutive
 * limit); meetings + s[i] >= minimum; meetings needing q or more seats <=
 * room-slots holding q or more.  Every schedule satisfies these rows and
 * scores at most its value here (idle slots only subtract), so the optimum
 * of this problem, or the value of its LP relaxation, bounds the contract
 * objective from above.  Its constraint matrix is almost a bipartite
 * b-matching, so GLPK solves it fast even for tens of thousands of pairs.
 */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whether every weight is a whole number, so the objective is too and a
 * bound may be rounded down. */
static int integral_weights(const rs_event *ev)
{
    const rs_weights *w = &ev->w;
    double v[] = {w->primary_sector, w->secondary_sector, w->stage, w->request_normal,
                  w->request_high, w->min_meetings_shortfall, w->idle_slot};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] != floor(v[i]))
            return 0;
    return 1;
}

/* A value computed in floating point, made safe to call a bound: rounded
 * down to the integer when the objective is integral (with a tolerance far
 * above GLPK's), nudged up otherwise. */
double rs_safe_bound(const rs_event *ev, double v)
{
    if (integral_weights(ev))
        return floor(v + 1e-6);
    return v + 1e-7 * fmax(1.0, fabs(v));
}

/* The MIP's callback: stops the search when the caller interrupts. */
static void select_callback(glp_tree *T, void *info)
{
    volatile sig_atomic_t *interrupt = info;
    if (interrupt && *interrupt)
        glp_ios_terminate(T);
}

rs_code rs_select(const rs_event *ev, int tm_lim, double deadline,
                  volatile sig_atomic_t *interrupt, rs_selection *sel)
{
    rs_code rc = RS_ENOMEM;
    glp_prob *lp = NULL;
    int *col_of = NULL, *ind = NULL, *needs = NULL, *first = NULL, *sf = NULL;
    double *val = NULL, *chosen = NULL;
    memset(sel, 0, sizeof *sel);
    int np = ev->npairs;
    col_of = calloc((size_t)np + 1, sizeof(int));
    ind = malloc(((size_t)np + 2) * sizeof(int));
    val = malloc(((size_t)np + 2) * sizeof(double));
    needs = malloc(((size_t)np + 1) * sizeof(int));
    sf = calloc((size_t)ev->np + 1, sizeof(int));
    chosen = calloc((size_t)np + 1, sizeof(double));
    sel->order = malloc(((size_t)np + 1) * sizeof(int));
    if (!col_of || !ind || !val || !needs || !sf || !chosen || !sel->order)
        goto done;

    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    int ncols = 0;
    for (int p = 0; p < np; p++) {
        if (!rs_pair_placeable(ev, p)) {
            if (ev->pairs[p].must) {
                rc = RS_EINFEASIBLE;
                goto done;
            }
            continue;
        }
        col_of[p] = ++ncols;
    }
    if (ncols)
        glp_add_cols(lp, ncols);
    for (int p = 0; p < np; p++) {
        int c = col_of[p];
        if (!c)
            continue;
        glp_set_col_kind(lp, c, GLP_BV);
        if (ev->pairs[p].must)
            glp_set_col_bnds(lp, c, GLP_FX, 1, 1);
        glp_set_obj_coef(lp, c, ev->pairs[p].score);
    }
    /* per participant: capacity and minimum rows */
    first = calloc((size_t)ev->np + 2, sizeof(int));
    int *list = malloc(((size_t)np * 2 + 1) * sizeof(int));
    if (!first || !list) {
        free(list);
        goto done;
    }
    for (int p = 0; p < np; p++)
        if (col_of[p]) {
            first[ev->pairs[p].inv + 1]++;
            first[ev->pairs[p].sme + 1]++;
        }
    for (int i = 0; i < ev->np; i++)
        first[i + 1] += first[i];
    {
        int *fill = calloc((size_t)ev->np + 1, sizeof(int));
        if (!fill) {
            free(list);
            goto done;
        }
        for (int p = 0; p < np; p++)
            if (col_of[p]) {
                int a = ev->pairs[p].inv, b = ev->pairs[p].sme;
                list[first[a] + fill[a]++] = col_of[p];
                list[first[b] + fill[b]++] = col_of[p];
            }
        free(fill);
    }
    for (int i = 0; i < ev->np; i++) {
        int n = first[i + 1] - first[i];
        int cap = rs_participant_capacity(ev, i);
        const rs_participant *a = &ev->p[i];
        for (int q = 0; q < n; q++) {
            ind[q + 1] = list[first[i] + q];
            val[q + 1] = 1;
        }
        if (n > cap) {
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_UP, 0, cap);
            glp_set_mat_row(lp, r, n, ind, val);
        }
        if (a->min_meetings > 0) {
            int c = glp_add_cols(lp, 1);
            glp_set_col_bnds(lp, c, GLP_DB, 0, a->min_meetings);
            glp_set_obj_coef(lp, c, -ev->w.min_meetings_shortfall);
            sf[i] = c;
            ind[n + 1] = c;
            val[n + 1] = 1;
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_LO, a->min_meetings, 0);
            glp_set_mat_row(lp, r, n + 1, ind, val);
        }
    }
    free(list);
    /* room-slots by size */
    int nn = 0;
    for (int p = 0; p < np; p++)
        if (col_of[p])
            needs[nn++] = ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size;
    for (int a = 0; a < nn; a++) /* distinct sizes, few: selection sort */
        for (int b = a + 1; b < nn; b++)
            if (needs[b] < needs[a]) {
                int t = needs[a];
                needs[a] = needs[b];
                needs[b] = t;
            }
    int nd = 0;
    for (int a = 0; a < nn; a++)
        if (nd == 0 || needs[nd - 1] != needs[a])
            needs[nd++] = needs[a];
    for (int d = 0; d < nd; d++) {
        long roomslots = 0;
        for (int r = 0; r < ev->nrooms; r++)
            if (ev->rooms[r].capacity >= needs[d])
                for (int k = 0; k < ev->nslots; k++)
                    roomslots += ev->rooms[r].avail[k];
        int n = 0;
        for (int p = 0; p < np; p++)
            if (col_of[p] &&
                ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size >= needs[d]) {
                ind[++n] = col_of[p];
                val[n] = 1;
            }
        if (n > roomslots) {
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_UP, 0, (double)roomslots);
            glp_set_mat_row(lp, r, n, ind, val);
        }
    }
    sel->cols = glp_get_num_cols(lp);
    sel->rows = glp_get_num_rows(lp);

    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    int ret = rs_simplex_until(lp, &sp, deadline, interrupt);
    if (ret == GLP_ETMLIM) {
        rc = RS_ENOSOLUTION;
        goto done;
    }
    if (ret != 0 || glp_get_status(lp) != GLP_OPT) {
        rc = glp_get_status(lp) == GLP_NOFEAS ? RS_EINFEASIBLE : RS_ESOLVER;
        goto done;
    }
    double lpval = glp_get_obj_val(lp);
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.tm_lim = tm_lim > 0 ? tm_lim : 1;
    ip.cb_func = select_callback;
    ip.cb_info = (void *)interrupt;
    ret = glp_intopt(lp, &ip);
    int st = glp_mip_status(lp);
    if (ret == 0 && st == GLP_OPT) {
        sel->bound = rs_safe_bound(ev, glp_mip_obj_val(lp));
        sel->proven = 1;
    } else if (st == GLP_NOFEAS) {
        rc = RS_EINFEASIBLE;
        goto done;
    } else {
        sel->bound = rs_safe_bound(ev, lpval);
    }
    for (int p = 0; p < np; p++)
        if (col_of[p])
            chosen[p] = (st == GLP_OPT || st == GLP_FEAS) ? glp_mip_col_val(lp, col_of[p])
                                                          : glp_get_col_prim(lp, col_of[p]);
    /* order: musts, then chosen pairs, then the rest, each by score */
    int n = 0;
    for (int pass = 0; pass < 3; pass++) {
        int from = n;
        for (int p = 0; p < np; p++) {
            if (!col_of[p])
                continue;
            int must = ev->pairs[p].must, ch = chosen[p] > 0.5;
            if ((pass == 0 && must) || (pass == 1 && !must && ch) || (pass == 2 && !must && !ch))
                sel->order[n++] = p;
        }
        rs_sort_pairs_by_score(ev, sel->order + from, n - from);
    }
    for (int p = 0; p < np; p++)
        if (!col_of[p])
            sel->order[n++] = p;
    rc = RS_OK;
done:
    if (lp)
        glp_delete_prob(lp);
    if (rc != RS_OK) {
        free(sel->order);
        sel->order = NULL;
    }
    free(col_of);
    free(ind);
    free(val);
    free(needs);
    free(first);
    free(sf);
    free(chosen);
    return rc;
}
