/*
 * retime.c - exact re-timing of participant-days for the timetable
 * heuristic (rs_tt_retime in heur.h).
 *
 * For one participant and day the same meetings (so the same scores and
 * minimums) are timed anew by a small GLPK MIP that picks, for each, a
 * slot and venue of the day where its partner, a room and the rules
 * allow, with the fewest idle slots for the participant and its partners.
 * The MIP's work arrays are GLPK scratch memory, so a GLPK error (caught
 * by the caller's guarded call) leaks nothing; the timetable is then left
 * with the day's meetings out, which does not matter as the solve ends.
 */
#include "glpk_layer.h"
#include "heur_state.h"

#include <string.h>

/* Stops a re-timing MIP that branches too long: a node count, not a
 * clock, so that a run that finishes within its limit repeats exactly;
 * and the run's deadline and interrupt. */
typedef struct {
    double deadline;
    volatile sig_atomic_t *interrupt;
    int branches;
} rt_ctl;

#define RT_MAX_BRANCHES 400

/* The re-timing MIP's callback: counts branchings and stops the search
 * past RT_MAX_BRANCHES, the deadline or the interrupt. */
static void rt_callback(glp_tree *T, void *info)
{
    rt_ctl *c = info;
    if (glp_ios_reason(T) != GLP_IBRANCH)
        return;
    if (++c->branches > RT_MAX_BRANCHES || rs_now() > c->deadline ||
        (c->interrupt && *c->interrupt))
        glp_ios_terminate(T);
}

/* What idle slots and gaps cost one participant on day d. */
static double one_day_cost(const rs_tt *h, int p, int d)
{
    const rs_weights *w = &h->ev->w;
    double c = w->idle_slot * rs_tt_idle_day(h, p, d);
    if (w->idle_gap > 0)
        c += w->idle_gap * rs_gaps_day(h->ev, rs_tt_row(h, p), d);
    return c;
}

/* What idle slots and gaps cost on day d p and the partners of the pairs
 * in list. */
static double day_cost(const rs_tt *h, int p, int d, const rs_placement *list, int n)
{
    double c = one_day_cost(h, p, d);
    for (int j = 0; j < n; j++) {
        const rs_pair *pr = &h->ev->pairs[list[j].pair];
        c += one_day_cost(h, pr->inv == p ? pr->sme : pr->inv, d);
    }
    return c;
}

/* Whether every meeting of pairs in list, as now placed, obeys the rules
 * it would be checked against if it were placed last (people, rooms,
 * consecutive limits and travel on both sides). */
static int day_valid(rs_tt *h, const rs_placement *list, int n)
{
    for (int j = 0; j < n; j++) {
        int i = h->pair_m[list[j].pair];
        rs_placement m = h->m[i];
        rs_tt_unplace(h, i);
        int v = h->ev->rooms[m.room].venue;
        int ok = rs_tt_people_ok(h, m.pair, m.slot, v);
        rs_tt_place(h, m.pair, m.slot, m.room);
        if (!ok)
            return 0;
    }
    return 1;
}

/* One participant-day being re-timed: the day, its meetings as they were
 * (saved), and the MIP's columns.  Column c (0-based; GLPK's c + 1) puts
 * meeting col_m[c] at slot a0 + col_k[c] in venue col_v[c]; the columns
 * of day slot kk and venue v are xs[xs_start[kk * nv + v] ..
 * xs_start[kk * nv + v + 1] - 1], as GLPK column numbers.  After the nx
 * x columns come S "a meeting by slot kk" columns (from a_col), S "a
 * meeting from slot kk" columns (from b_col) and, when gaps are paid for
 * or capped, S "a block of meetings starts at kk" columns (from s_col,
 * else 0).  Every array is GLPK scratch memory. */
typedef struct {
    rs_tt *h;
    int p, d, a0, S, nv, n;
    rs_placement *saved;
    int *col_m, *col_k, *col_v, *xs_start, *xs;
    int nx, a_col, b_col, s_col;
    rs_mat t;
} rt_day;

/* The partner of participant r->p in pair. */
static int rt_partner(const rt_day *r, int pair)
{
    const rs_pair *pr = &r->h->ev->pairs[pair];
    return pr->inv == r->p ? pr->sme : pr->inv;
}

/* Lists the x columns: every (meeting, slot, venue) that its partner, a
 * room and p's own availability allow (the day's meetings are out of
 * the timetable now).  Returns their number. */
static int rt_columns(rt_day *r)
{
    const rs_tt *h = r->h;
    const rs_event *ev = h->ev;
    int nx = 0;
    for (int kk = 0; kk < r->S; kk++)
        for (int v = 0; v < r->nv; v++) {
            r->xs_start[kk * r->nv + v] = nx;
            int k = r->a0 + kk;
            for (int j = 0; j < r->n; j++) {
                int pair = r->saved[j].pair, q = rt_partner(r, pair);
                if (!ev->p[r->p].avail[k] || !ev->p[q].avail[k] || rs_tt_row(h, q)[k] ||
                    !rs_pair_slot_ok(ev, pair, k) ||
                    (ev->p[q].max_idle_gaps < RS_UNLIMITED &&
                     h->gaps[q] + rs_tt_gap_delta(h, q, k) > ev->p[q].max_idle_gaps) ||
                    rs_tt_free_room(h, v, k, h->need[pair]) < 0 ||
                    !rs_can_add(ev, q, k, v, rs_tt_row(h, q), h->venue + (size_t)q * (size_t)h->ns))
                    continue;
                r->col_m[nx] = j;
                r->col_k[nx] = kk;
                r->col_v[nx] = v;
                r->xs[nx] = nx + 1;
                nx++;
            }
        }
    r->xs_start[r->S * r->nv] = nx;
    return nx;
}

/* Adds the columns to lp: the x columns, binary, costing the partner's
 * change of idle slots and gaps (each partner meets p once, so its
 * change depends on that meeting's slot alone); a_k (a meeting by slot k)
 * and b_k (a meeting from slot k), each costing an idle slot: p's span is
 * sum (a_k + b_k) - S, so its idle slots are that less n; and with gaps,
 * s_k (a block starts at k), each costing a gap: p's gaps are sum s_k - 1. */
static void rt_add_columns(rt_day *r, glp_prob *lp)
{
    const rs_event *ev = r->h->ev;
    const rs_weights *w = &ev->w;
    int gaps = w->idle_gap > 0 || ev->p[r->p].max_idle_gaps < RS_UNLIMITED;
    glp_add_cols(lp, r->nx + (gaps ? 3 : 2) * r->S);
    for (int c = 0; c < r->nx; c++) {
        int q = rt_partner(r, r->saved[r->col_m[c]].pair), k = r->a0 + r->col_k[c];
        double cost = w->idle_slot * rs_tt_idle_delta(r->h, q, k);
        if (w->idle_gap > 0)
            cost += w->idle_gap * rs_tt_gap_delta(r->h, q, k);
        glp_set_col_kind(lp, c + 1, GLP_BV);
        glp_set_obj_coef(lp, c + 1, cost);
    }
    r->a_col = r->nx + 1;
    r->b_col = r->nx + 1 + r->S;
    r->s_col = gaps ? r->nx + 1 + 2 * r->S : 0;
    for (int kk = 0; kk < r->S; kk++) {
        glp_set_col_bnds(lp, r->a_col + kk, GLP_DB, 0, 1);
        glp_set_col_bnds(lp, r->b_col + kk, GLP_DB, 0, 1);
        glp_set_obj_coef(lp, r->a_col + kk, w->idle_slot);
        glp_set_obj_coef(lp, r->b_col + kk, w->idle_slot);
        if (r->s_col) {
            glp_set_col_bnds(lp, r->s_col + kk, GLP_DB, 0, 1);
            glp_set_obj_coef(lp, r->s_col + kk, w->idle_gap);
        }
    }
}

/* Rows: each meeting once; p in one meeting per slot; a and b cover
 * every busy slot, a growing and b shrinking along the day. */
static void rt_rows_span(rt_day *r)
{
    rs_mat *t = &r->t;
    const int nv = r->nv;
    int first_m = t->rows + 1;
    for (int j = 0; j < r->n; j++)
        rs_mat_row(t, GLP_FX, 1, 1);
    for (int c = 0; c < r->nx; c++)
        rs_mat_add(t, first_m + r->col_m[c], c + 1, 1);
    for (int kk = 0; kk < r->S; kk++) {
        int r1 = rs_mat_row(t, GLP_UP, 0, 1);
        int ra = rs_mat_row(t, GLP_LO, 0, 0);
        int rb = rs_mat_row(t, GLP_LO, 0, 0);
        rs_mat_add(t, ra, r->a_col + kk, 1);
        rs_mat_add(t, rb, r->b_col + kk, 1);
        for (int v = 0; v < nv; v++)
            for (int c = r->xs_start[kk * nv + v]; c < r->xs_start[kk * nv + v + 1]; c++) {
                rs_mat_add(t, r1, r->xs[c], 1);
                rs_mat_add(t, ra, r->xs[c], -1);
                rs_mat_add(t, rb, r->xs[c], -1);
            }
        if (kk > 0) {
            int row = rs_mat_row(t, GLP_LO, 0, 0);
            rs_mat_add(t, row, r->a_col + kk, 1);
            rs_mat_add(t, row, r->a_col + kk - 1, -1);
            row = rs_mat_row(t, GLP_LO, 0, 0);
            rs_mat_add(t, row, r->b_col + kk - 1, 1);
            rs_mat_add(t, row, r->b_col + kk, -1);
        }
    }
}

/* Rows of p's gaps: s_k at least "busy at k and not at k - 1" (the slots
 * of a day follow each other, breaks included), and p's gaps over the
 * event within its max_idle_gaps: sum s_k - 1 plus its other days'. */
static void rt_rows_gaps(rt_day *r)
{
    const rs_tt *h = r->h;
    const rs_event *ev = h->ev;
    const int S = r->S, nv = r->nv;
    if (!r->s_col)
        return;
    for (int kk = 0; kk < S; kk++) {
        int row = rs_mat_row(&r->t, GLP_LO, 0, 0);
        rs_mat_add(&r->t, row, r->s_col + kk, 1);
        for (int c = r->xs_start[kk * nv]; c < r->xs_start[(kk + 1) * nv]; c++)
            rs_mat_add(&r->t, row, r->xs[c], -1);
        if (kk > 0)
            for (int c = r->xs_start[(kk - 1) * nv]; c < r->xs_start[kk * nv]; c++)
                rs_mat_add(&r->t, row, r->xs[c], 1);
    }
    int cap = ev->p[r->p].max_idle_gaps;
    if (cap >= RS_UNLIMITED)
        return;
    /* the day's meetings are out now: the gaps kept are the other days' */
    int others = h->gaps[r->p];
    int row = rs_mat_row(&r->t, GLP_UP, 0, cap - others + 1);
    for (int kk = 0; kk < S; kk++)
        rs_mat_add(&r->t, row, r->s_col + kk, 1);
}

/* Rows of p's consecutive limit: any K + 1 chained slots hold at most K. */
static void rt_rows_consecutive(rt_day *r)
{
    const rs_event *ev = r->h->ev;
    const int a0 = r->a0, S = r->S, nv = r->nv, K = ev->p[r->p].max_consecutive;
    for (int kk = 0; K < S && kk < S; kk++) {
        int len = 1, j = a0 + kk;
        while (len < K + 1 && ev->slots[j].prev >= a0) {
            j = ev->slots[j].prev;
            len++;
        }
        if (len < K + 1)
            continue;
        int row = rs_mat_row(&r->t, GLP_UP, 0, K);
        for (int s2 = j; s2 <= a0 + kk; s2++)
            for (int c = r->xs_start[(s2 - a0) * nv]; c < r->xs_start[(s2 - a0 + 1) * nv]; c++)
                rs_mat_add(&r->t, row, r->xs[c], 1);
    }
}

/* Rows of p's travel: meetings at k and k2 with nothing between need the
 * time to go from one venue to the other. */
static void rt_rows_travel(rt_day *r)
{
    const rs_event *ev = r->h->ev;
    const int a0 = r->a0, S = r->S, nv = r->nv;
    const int *xs_start = r->xs_start, *xs = r->xs;
    for (int kk = 0; nv > 1 && kk < S; kk++)
        for (int k2 = kk + 1; k2 < S; k2++) {
            int gap = ev->slots[a0 + k2].start - ev->slots[a0 + kk].end;
            for (int v = 0; v < nv; v++)
                for (int v2 = 0; v2 < nv; v2++) {
                    if (gap >= rs_travel(ev, v, v2) ||
                        xs_start[kk * nv + v] == xs_start[kk * nv + v + 1] ||
                        xs_start[k2 * nv + v2] == xs_start[k2 * nv + v2 + 1])
                        continue;
                    int row = rs_mat_row(&r->t, GLP_UP, 0, 1);
                    for (int c = xs_start[kk * nv + v]; c < xs_start[kk * nv + v + 1]; c++)
                        rs_mat_add(&r->t, row, xs[c], 1);
                    for (int c = xs_start[k2 * nv + v2]; c < xs_start[k2 * nv + v2 + 1]; c++)
                        rs_mat_add(&r->t, row, xs[c], 1);
                    for (int c = xs_start[(kk + 1) * nv]; c < xs_start[k2 * nv]; c++)
                        rs_mat_add(&r->t, row, xs[c], -1);
                }
        }
}

/* Places the day's meetings where the MIP's solution puts them.  Returns
 * 1 when every meeting found its room and the new timing passes every
 * rule and costs less in idle slots and gaps than before (p's and its
 * partners'), else 0 (the caller puts the day back). */
static int rt_apply(rt_day *r, glp_prob *lp, double before)
{
    rs_tt *h = r->h;
    for (int c = 0; c < r->nx; c++) {
        if (glp_mip_col_val(lp, c + 1) < 0.5)
            continue;
        int pair = r->saved[r->col_m[c]].pair, k = r->a0 + r->col_k[c];
        int room = rs_tt_free_room(h, r->col_v[c], k, h->need[pair]);
        if (room < 0 || h->pair_m[pair] >= 0 || rs_tt_place(h, pair, k, room) != 0)
            return 0;
    }
    for (int j = 0; j < r->n; j++)
        if (h->pair_m[r->saved[j].pair] < 0)
            return 0;
    return day_valid(h, r->saved, r->n) &&
           day_cost(h, r->p, r->d, r->saved, r->n) < before - RS_EPS;
}

/* Re-times participant p's meetings of day d exactly.  The same meetings
 * (so the same scores and minimums) may each go to any slot and venue of
 * the day where its partner, a room and the rules allow, and a small GLPK
 * MIP picks the timing whose idle slots and gaps cost p and its partners
 * least: one binary per meeting, slot and venue; "a meeting by slot k"
 * and "a meeting from slot k" indicators whose sum counts p's span, and
 * "a block starts at k" ones that count its gaps; rows for p being in one
 * place at a time, its gap cap, its consecutive limit and its travel
 * between venues (the partners' rules are met by the columns offered).
 * The new timing is kept only when it passes every rule and costs
 * strictly less; otherwise the day is put back.  GLPK errors go to the
 * caller's guard: the work arrays are GLPK scratch memory.  Returns 1
 * when the day changed, else 0. */
static int retime_day(rs_tt *h, int p, int d, rt_ctl *ctl)
{
    const rs_event *ev = h->ev;
    rt_day r;
    memset(&r, 0, sizeof r);
    r.h = h;
    r.p = p;
    r.d = d;
    r.a0 = ev->days[d].first_slot;
    r.S = ev->days[d].nslots;
    r.nv = ev->nvenues;
    const unsigned char *row = rs_tt_row(h, p);
    for (int k = r.a0; k < r.a0 + r.S; k++)
        r.n += row[k];
    if (r.n == 0)
        return 0;
    size_t ncols = (size_t)r.n * (size_t)r.S * (size_t)r.nv + 1;
    r.saved = rs_glp_calloc((size_t)r.n, sizeof(rs_placement));
    r.col_m = rs_glp_calloc(ncols, sizeof(int));
    r.col_k = rs_glp_calloc(ncols, sizeof(int));
    r.col_v = rs_glp_calloc(ncols, sizeof(int));
    r.xs_start = rs_glp_calloc((size_t)r.S * (size_t)r.nv + 2, sizeof(int));
    r.xs = rs_glp_calloc(ncols, sizeof(int));
    glp_prob *lp = NULL;
    int ns = 0, changed = 0;
    for (int i = 0; i < h->nm && ns < r.n; i++) {
        const rs_pair *pr = &ev->pairs[h->m[i].pair];
        if ((pr->inv == p || pr->sme == p) && h->m[i].slot >= r.a0 && h->m[i].slot < r.a0 + r.S)
            r.saved[ns++] = h->m[i];
    }
    if (ns != r.n)
        goto done; /* cannot happen: every busy slot has its meeting */
    double before = day_cost(h, p, d, r.saved, r.n);
    for (int j = 0; j < r.n; j++)
        rs_tt_unplace(h, h->pair_m[r.saved[j].pair]);
    /* the partners' cost without the day's meetings (p's own is 0 now) */
    double base = day_cost(h, p, d, r.saved, r.n);

    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    r.nx = rt_columns(&r);
    if (r.nx == 0)
        goto restore;
    rt_add_columns(&r, lp);
    rt_rows_span(&r);
    rt_rows_gaps(&r);
    rt_rows_consecutive(&r);
    rt_rows_travel(&r);
    rs_mat_load(&r.t, lp);

    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.cb_func = rt_callback;
    ip.cb_info = ctl;
    ctl->branches = 0;
    int ret = glp_intopt(lp, &ip);
    int st = glp_mip_status(lp);
    if ((ret != 0 && ret != GLP_ESTOP) || (st != GLP_OPT && st != GLP_FEAS))
        goto restore;
    /* p's cost in the MIP is idle_slot * (sum(a + b) - S - n) plus
     * idle_gap * (sum s - 1), the partners' their changes from base */
    double after = glp_mip_obj_val(lp) - ev->w.idle_slot * (r.S + r.n) + base -
                   (r.s_col ? ev->w.idle_gap : 0);
    if (after > before - RS_EPS)
        goto restore; /* nothing better found */
    if (rt_apply(&r, lp, before)) {
        changed = 1;
        goto done;
    }
restore:
    rs_tt_put_back(h, r.saved, r.n);
done:
    if (lp)
        glp_delete_prob(lp);
    rs_mat_free(&r.t);
    rs_glp_free(r.saved);
    rs_glp_free(r.col_m);
    rs_glp_free(r.col_k);
    rs_glp_free(r.col_v);
    rs_glp_free(r.xs_start);
    rs_glp_free(r.xs);
    return changed;
}

long rs_tt_retime(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    long changed = 0;
    if ((ev->w.idle_slot <= 0 && ev->w.idle_gap <= 0) || h->keep)
        return 0; /* re-scheduling: moving meetings has a price it ignores */
    rt_ctl ctl = {deadline, interrupt, 0};
    for (int pass = 0; pass < 3; pass++) {
        long before = changed;
        for (int p = 0; p < ev->np; p++)
            for (int d = 0; d < ev->ndays; d++) {
                if (rs_now() > deadline || (interrupt && *interrupt))
                    return changed;
                if (rs_tt_idle_day(h, p, d) > 0)
                    changed += retime_day(h, p, d, &ctl);
            }
        if (changed == before)
            break;
    }
    return changed;
}
