/*
 * select.c - the selection relaxation: which pairs to meet, ignoring when.
 *
 * Every schedule chooses a set of pairs; each participant then holds at
 * most its capacity (maximum, available slots, consecutive limit), pays the
 * shortfall penalty below its minimum, and, whatever the timetable, has at
 * least idle_floor(its number of meetings) idle slots on its days.  The
 * best value of "scores - shortfall penalties - idle floors" over pair sets
 * obeying those limits (and the room-slots per size, dualised) is therefore
 * an upper bound on the contract objective.
 *
 * With whole-number weights it is a min-cost flow (source -> SMEs -> pairs
 * -> investors -> sink, convex costs as parallel arcs) solved by GLPK's
 * out-of-kilter code (about 1 s for 28,000 pairs, 16 s for 150,000 on an
 * idle 2-core machine); its integral
 * solution also gives the heuristic its order of pairs.  Otherwise the same
 * problem without idle floors goes to GLPK's simplex and branch and cut.
 * docs/solving.md explains the bound.
 */
#include "model.h"

#include <math.h>
#include <stddef.h>
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

static rs_code select_lp(const rs_event *ev, int tm_lim, double deadline,
                         volatile sig_atomic_t *interrupt, const unsigned char *forced,
                         rs_selection *sel);

/* Fills order (npairs entries) with the pairs in the order the heuristic
 * places them: musts, then those the relaxation chose, then the other
 * placeable ones, each group best score first; pairs that can never be
 * placed come last.  kind[p]: 0 never placeable, 1 placeable, 2 chosen. */
static void build_order(const rs_event *ev, const int *kind, int *order)
{
    int n = 0, np = ev->npairs;
    for (int pass = 0; pass < 3; pass++) {
        int from = n;
        for (int p = 0; p < np; p++) {
            if (!kind[p])
                continue;
            int must = ev->pairs[p].must, ch = kind[p] == 2;
            if ((pass == 0 && must) || (pass == 1 && !must && ch) || (pass == 2 && !must && !ch))
                order[n++] = p;
        }
        rs_sort_pairs_by_score(ev, order + from, n - from);
    }
    for (int p = 0; p < np; p++)
        if (!kind[p])
            order[n++] = p;
}

/* The MIP's callback: stops the search when the caller interrupts. */
static void select_callback(glp_tree *T, void *info)
{
    volatile sig_atomic_t *interrupt = info;
    if (interrupt && *interrupt)
        glp_ios_terminate(T);
}

/* The room-size classes of the selection: the distinct seat needs (sum of
 * the two team sizes) of the pairs with need_of[p] > 0, ascending, into
 * need, and for each the room-slots whose room holds that many, into
 * roomslots (both npairs long).  Meetings needing q or more seats can be
 * no more than those room-slots.  Returns the number of classes. */
static int room_classes(const rs_event *ev, const int *need_of, int *need, long *roomslots)
{
    int n = 0;
    for (int p = 0; p < ev->npairs; p++) {
        if (need_of[p] <= 0)
            continue;
        int q = 0;
        while (q < n && need[q] < need_of[p])
            q++;
        if (q < n && need[q] == need_of[p])
            continue;
        memmove(need + q + 1, need + q, (size_t)(n - q) * sizeof(int));
        need[q] = need_of[p];
        n++;
    }
    for (int q = 0; q < n; q++) {
        roomslots[q] = 0;
        for (int r = 0; r < ev->nrooms; r++)
            if (ev->rooms[r].capacity >= need[q])
                for (int k = 0; k < ev->nslots; k++)
                    roomslots[q] += ev->rooms[r].avail[k];
    }
    return n;
}

/* ------------------------------------------------------------ idle floor */

/* Fixed-point scale of the flow's costs: GLPK's flow codes want integers, and the
 * slopes of the idle floor are fractions with small denominators. */
#define FLOW_SCALE 12
#define IDLE_INF 1000000

/* The least idle slots participant i can have with c meetings, for c =
 * 0..cap, as the lower convex envelope of that function.  Per day, a
 * window of slots s..e can hold at most maxplace(s, e) meetings (the
 * participant's available slots, runs of consecutive slots cut at
 * max_consecutive: greedy placement is optimal for that), and c meetings
 * whose first and last lie in the window leave at least (e - s + 1) - c of
 * its slots free between them; days add up (min-plus convolution).  Rooms,
 * partners and travel are ignored, so every schedule has at least this
 * many idle slots: a valid floor.  Fills marg[u] (u = 1..cap) with the
 * increase of the envelope from u - 1 to u meetings, times idle_w *
 * FLOW_SCALE, rounded down (still a floor, and nondecreasing in u).
 * Returns 0, or -1 when out of memory. */
static int idle_floor(const rs_event *ev, int i, int cap, long *marg)
{
    const rs_participant *a = &ev->p[i];
    int rc = -1;
    long *G = malloc(((size_t)cap + 1) * sizeof(long));
    long *T = malloc(((size_t)cap + 1) * sizeof(long));
    long *g = NULL;
    if (!G || !T)
        goto done;
    for (int c = 0; c <= cap; c++)
        G[c] = c ? IDLE_INF : 0;
    int reach = 0; /* meetings reachable so far over the days done */
    for (int d = 0; d < ev->ndays; d++) {
        int f = ev->days[d].first_slot, n = ev->days[d].nslots;
        free(g);
        g = malloc(((size_t)n + 1) * sizeof(long));
        if (!g)
            goto done;
        /* g[c]: the shortest window holding c meetings, less c */
        for (int c = 0; c <= n; c++)
            g[c] = IDLE_INF;
        int most = 0;
        for (int s = f; s < f + n; s++) {
            int placed = 0, run = 0;
            for (int e = s; e < f + n; e++) {
                if (!a->avail[e]) {
                    run = 0;
                    continue;
                }
                if (run > 0 && ev->slots[e].prev != e - 1)
                    run = 0; /* not consecutive to the slot before */
                if (run == a->max_consecutive) {
                    run = 0; /* greedy: leave this one free */
                    continue;
                }
                placed++;
                run++;
                if (e - s + 1 < g[placed])
                    g[placed] = e - s + 1;
                if (placed > most)
                    most = placed;
            }
        }
        for (int c = most - 1; c >= 1; c--)
            if (g[c + 1] < g[c])
                g[c] = g[c + 1];
        g[0] = 0;
        for (int c = 1; c <= most; c++)
            g[c] -= c;
        int top = reach + most < cap ? reach + most : cap;
        for (int c = 0; c <= top; c++) {
            long best = IDLE_INF;
            for (int k = 0; k <= most && k <= c; k++)
                if (c - k <= reach && G[c - k] < IDLE_INF && g[k] < IDLE_INF &&
                    G[c - k] + g[k] < best)
                    best = G[c - k] + g[k];
            T[c] = best;
        }
        for (int c = 0; c <= top; c++)
            G[c] = T[c];
        reach = top;
    }
    /* lower convex envelope through the reachable points, from c = 0 */
    int c0 = 0;
    while (c0 < cap) {
        int best = -1;
        double slope = 0;
        for (int c = c0 + 1; c <= cap; c++) {
            double sl = G[c] >= IDLE_INF ? 1e18 : (double)(G[c] - G[c0]) / (c - c0);
            if (best < 0 || sl <= slope) {
                best = c;
                slope = sl;
            }
        }
        long unit = (long)floor(slope * ev->w.idle_slot * FLOW_SCALE + 1e-9);
        if (slope >= 1e17)
            unit = 0; /* beyond reach: the capacity already forbids it */
        for (int u = c0 + 1; u <= best; u++)
            marg[u] = unit;
        c0 = best;
    }
    rc = 0;
done:
    free(G);
    free(T);
    free(g);
    return rc;
}

/* ------------------------------------------------------------ the flow */

typedef struct { double rhs; } fnode;
typedef struct { double low, cap, cost, x; } farc;

/* Per pair, the room-size classes: rows[q] bounds the meetings needing at
 * least need[q] seats by the room-slots holding that many. */
typedef struct {
    int n;
    int *need;
    long *roomslots;
    long *lambda;     /* multipliers, in cost units                       */
    long *use;        /* meetings of the current flow per class           */
} roomrows;

/* The selection relaxation with idle floors as a min-cost flow: source ->
 * SME (one arc per run of equal marginal profit: the shortfall penalty for
 * units up to the minimum, less the idle floor's marginal) -> investor
 * (one arc per pair: its score, less the room multipliers; lower bound 1
 * for musts) -> sink (as for SMEs), and a bypass arc source -> sink.  The
 * room-size rows are moved into the costs with multipliers (Lagrangian
 * relaxation), so any multipliers >= 0 give a valid upper bound:
 *   -cost/FLOW_SCALE - penalty * sum of minimums + sum lambda_q * R_q.
 * Subgradient steps lower it while the rows are violated, until the
 * deadline.  GLPK's flow codes need integral data, hence integral weights
 * (checked by the caller).  (Debian's GLPK disables glp_mincost_relax4, so
 * this uses glp_mincost_okalg.)  Fills sel's bound, order, size;
 * RS_EINFEASIBLE when the musts cannot be routed; RS_ESOLVER when GLPK
 * refuses the data (the caller falls back to the LP). */
static rs_code select_flow(const rs_event *ev, double deadline,
                           volatile sig_atomic_t *interrupt, const unsigned char *forced,
                           rs_selection *sel)
{
    rs_code rc = RS_ENOMEM;
    glp_graph *G = NULL;
    int np = ev->npairs, nv = ev->np + 2;
    long *marg = NULL;
    glp_arc **pair_arc = NULL;
    int *need_of = NULL, *best_x = NULL, *deg = NULL;
    roomrows rr = {0, NULL, NULL, NULL, NULL};
    double P = ev->w.min_meetings_shortfall;
    long minsum = 0, total_cap = 0;

    /* GLPK scratch: a GLPK error inside the flow must not leak them */
    pair_arc = rs_glp_calloc((size_t)np + 1, sizeof *pair_arc);
    need_of = rs_glp_calloc((size_t)np + 1, sizeof(int));
    best_x = rs_glp_calloc((size_t)np + 1, sizeof(int));
    rr.need = rs_glp_calloc((size_t)np + 1, sizeof(int));
    rr.roomslots = rs_glp_calloc((size_t)np + 1, sizeof(long));
    rr.lambda = rs_glp_calloc((size_t)np + 1, sizeof(long));
    rr.use = rs_glp_calloc((size_t)np + 1, sizeof(long));
    deg = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    for (int p = 0; p < np; p++) {
        deg[ev->pairs[p].inv]++;
        deg[ev->pairs[p].sme]++;
    }

    G = glp_create_graph(sizeof(fnode), sizeof(farc));
    glp_add_vertices(G, nv);
    /* participants: source -> SME, investor -> sink, in runs of equal
     * marginal profit */
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *a = &ev->p[i];
        int cap = rs_participant_capacity(ev, i);
        if (cap > deg[i])
            cap = deg[i]; /* no more meetings than candidate partners */
        int mn = a->min_meetings;
        minsum += mn;
        total_cap += cap;
        if (cap <= 0)
            continue;
        rs_glp_free(marg);
        marg = rs_glp_calloc((size_t)cap + 1, sizeof(long));
        if (idle_floor(ev, i, cap, marg) != 0)
            goto done;
        int u = 1;
        while (u <= cap) {
            long profit = (u <= mn ? (long)(P * FLOW_SCALE) : 0) - marg[u];
            int v = u;
            while (v + 1 <= cap &&
                   (v + 1 <= mn ? (long)(P * FLOW_SCALE) : 0) - marg[v + 1] == profit)
                v++;
            glp_arc *e = a->is_investor ? glp_add_arc(G, 3 + i, 2) : glp_add_arc(G, 1, 3 + i);
            farc *fa = e->data;
            fa->low = 0;
            fa->cap = v - u + 1;
            fa->cost = (double)-profit;
            u = v + 1;
        }
    }
    {
        glp_arc *e = glp_add_arc(G, 1, 2);
        farc *fa = e->data;
        fa->low = 0;
        fa->cap = (double)total_cap;
        fa->cost = 0;
        ((fnode *)G->v[1]->data)->rhs = (double)total_cap;
        ((fnode *)G->v[2]->data)->rhs = -(double)total_cap;
    }
    for (int p = 0; p < np; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!rs_pair_placeable(ev, p)) {
            if (pr->must) {
                rc = RS_EINFEASIBLE;
                goto done;
            }
            continue;
        }
        glp_arc *e = glp_add_arc(G, 3 + pr->sme, 3 + pr->inv);
        farc *fa = e->data;
        fa->low = pr->must || (forced && forced[p]) ? 1 : 0;
        fa->cap = 1;
        fa->cost = -pr->score * FLOW_SCALE;
        pair_arc[p] = e;
        need_of[p] = ev->p[pr->inv].team_size + ev->p[pr->sme].team_size;
    }
    rr.n = room_classes(ev, need_of, rr.need, rr.roomslots);
    sel->cols = G->na;
    sel->rows = G->nv;

    double best = INFINITY;
    long step = 4 * FLOW_SCALE;
    for (int it = 0; it < 40; it++) {
        for (int p = 0; p < np; p++) {
            if (!pair_arc[p])
                continue;
            long lam = 0;
            for (int q = 0; q < rr.n && rr.need[q] <= need_of[p]; q++)
                lam += rr.lambda[q];
            ((farc *)pair_arc[p]->data)->cost =
                -ev->pairs[p].score * FLOW_SCALE + (double)lam;
        }
        double cost = 0, t_solve = rs_now();
        int ret = glp_mincost_okalg(G, offsetof(fnode, rhs), offsetof(farc, low),
                                    offsetof(farc, cap), offsetof(farc, cost), &cost,
                                    offsetof(farc, x), -1);
        if (ret == GLP_ENOPFS) {
            rc = RS_EINFEASIBLE;
            goto done;
        }
        if (ret != 0) {
            rc = RS_ESOLVER;
            goto done;
        }
        double lamR = 0;
        for (int q = 0; q < rr.n; q++)
            lamR += (double)rr.lambda[q] * (double)rr.roomslots[q];
        double b = (-cost + lamR) / FLOW_SCALE - P * (double)minsum;
        int violated = 0, slack = 1;
        memset(rr.use, 0, (size_t)rr.n * sizeof(long));
        for (int p = 0; p < np; p++)
            if (pair_arc[p] && ((farc *)pair_arc[p]->data)->x > 0.5)
                for (int q = 0; q < rr.n && rr.need[q] <= need_of[p]; q++)
                    rr.use[q]++;
        for (int q = 0; q < rr.n; q++) {
            violated |= rr.use[q] > rr.roomslots[q];
            if (rr.lambda[q] > 0 && rr.use[q] != rr.roomslots[q])
                slack = 0;
        }
        if (b < best) {
            best = b;
            for (int p = 0; p < np; p++)
                best_x[p] = !pair_arc[p] ? 0 : ((farc *)pair_arc[p]->data)->x > 0.5 ? 2 : 1;
        }
        /* feasible and complementary slack: the flow is the relaxation's
         * optimum, and no multipliers give a lower bound */
        if (!violated && slack) {
            sel->proven = 1;
            break;
        }
        /* another solve takes about as long as this one did */
        double now = rs_now();
        if (now + (now - t_solve) > deadline || (interrupt && *interrupt))
            break;
        /* subgradient step: up on violated rows, down on slack ones */
        for (int q = 0; q < rr.n; q++) {
            long l = rr.lambda[q] + step * (rr.use[q] > rr.roomslots[q] ? 1
                                            : rr.use[q] < rr.roomslots[q] ? -1 : 0);
            rr.lambda[q] = l > 0 ? l : 0;
        }
        if (it % 4 == 3 && step > 1)
            step /= 2;
    }
    sel->bound = floor(best + 1e-6);

    build_order(ev, best_x, sel->order);
    rc = RS_OK;
done:
    if (G)
        glp_delete_graph(G);
    rs_glp_free(marg);
    rs_glp_free(pair_arc);
    rs_glp_free(need_of);
    rs_glp_free(best_x);
    rs_glp_free(deg);
    rs_glp_free(rr.need);
    rs_glp_free(rr.roomslots);
    rs_glp_free(rr.lambda);
    rs_glp_free(rr.use);
    return rc;
}

rs_code rs_select(const rs_event *ev, int tm_lim, double deadline,
                  volatile sig_atomic_t *interrupt, rs_selection *sel)
{
    return rs_select_forced(ev, tm_lim, deadline, interrupt, NULL, sel);
}

rs_code rs_select_forced(const rs_event *ev, int tm_lim, double deadline,
                         volatile sig_atomic_t *interrupt, const unsigned char *forced,
                         rs_selection *sel)
{
    memset(sel, 0, sizeof *sel);
    sel->order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    if (!sel->order)
        return RS_ENOMEM;
    if (integral_weights(ev)) {
        rs_code rc = select_flow(ev, fmin(deadline, rs_now() + tm_lim / 1000.0), interrupt,
                                 forced, sel);
        if (rc != RS_ESOLVER) {
            if (rc != RS_OK) {
                free(sel->order);
                sel->order = NULL;
            }
            return rc;
        }
    }
    free(sel->order);
    return select_lp(ev, tm_lim, deadline, interrupt, forced, sel);
}

/* The selection relaxation as a GLPK LP, then MIP within tm_lim
 * milliseconds: for weights that are not whole numbers (the flow needs
 * integers).  It ignores idle slots, so its bound is weaker. */
static rs_code select_lp(const rs_event *ev, int tm_lim, double deadline,
                         volatile sig_atomic_t *interrupt, const unsigned char *forced,
                         rs_selection *sel)
{
    rs_code rc = RS_ENOMEM;
    glp_prob *lp = NULL;
    int *col_of = NULL, *ind = NULL, *needs = NULL, *first = NULL, *sf = NULL;
    int *class_need = NULL;
    long *class_slots = NULL;
    double *val = NULL;
    int *kind = NULL;
    memset(sel, 0, sizeof *sel);
    int np = ev->npairs;
    /* GLPK scratch: a GLPK error inside the LP must not leak them */
    col_of = rs_glp_calloc((size_t)np + 1, sizeof(int));
    ind = rs_glp_calloc((size_t)np + 2, sizeof(int));
    val = rs_glp_calloc((size_t)np + 2, sizeof(double));
    needs = rs_glp_calloc((size_t)np + 1, sizeof(int));
    class_need = rs_glp_calloc((size_t)np + 1, sizeof(int));
    class_slots = rs_glp_calloc((size_t)np + 1, sizeof(long));
    sf = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    kind = rs_glp_calloc((size_t)np + 1, sizeof(int));
    sel->order = malloc(((size_t)np + 1) * sizeof(int)); /* the caller's */
    if (!sel->order)
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
        if (ev->pairs[p].must || (forced && forced[p]))
            glp_set_col_bnds(lp, c, GLP_FX, 1, 1);
        glp_set_obj_coef(lp, c, ev->pairs[p].score);
    }
    /* per participant: capacity and minimum rows */
    first = rs_glp_calloc((size_t)ev->np + 2, sizeof(int));
    int *list = rs_glp_calloc((size_t)np * 2 + 1, sizeof(int));
    for (int p = 0; p < np; p++)
        if (col_of[p]) {
            first[ev->pairs[p].inv + 1]++;
            first[ev->pairs[p].sme + 1]++;
        }
    for (int i = 0; i < ev->np; i++)
        first[i + 1] += first[i];
    {
        int *fill = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
        for (int p = 0; p < np; p++)
            if (col_of[p]) {
                int a = ev->pairs[p].inv, b = ev->pairs[p].sme;
                list[first[a] + fill[a]++] = col_of[p];
                list[first[b] + fill[b]++] = col_of[p];
            }
        rs_glp_free(fill);
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
    rs_glp_free(list);
    /* room-slots by size */
    for (int p = 0; p < np; p++)
        needs[p] = col_of[p] ? ev->p[ev->pairs[p].inv].team_size +
                                   ev->p[ev->pairs[p].sme].team_size
                             : 0;
    int nd = room_classes(ev, needs, class_need, class_slots);
    for (int d = 0; d < nd; d++) {
        int n = 0;
        for (int p = 0; p < np; p++)
            if (col_of[p] && needs[p] >= class_need[d]) {
                ind[++n] = col_of[p];
                val[n] = 1;
            }
        if (n > class_slots[d]) {
            int r = glp_add_rows(lp, 1);
            glp_set_row_bnds(lp, r, GLP_UP, 0, (double)class_slots[d]);
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
        kind[p] = !col_of[p] ? 0 : (st == GLP_OPT || st == GLP_FEAS)
                                       ? (glp_mip_col_val(lp, col_of[p]) > 0.5 ? 2 : 1)
                                       : (glp_get_col_prim(lp, col_of[p]) > 0.5 ? 2 : 1);
    build_order(ev, kind, sel->order);
    rc = RS_OK;
done:
    if (lp)
        glp_delete_prob(lp);
    if (rc != RS_OK) {
        free(sel->order);
        sel->order = NULL;
    }
    rs_glp_free(col_of);
    rs_glp_free(ind);
    rs_glp_free(val);
    rs_glp_free(needs);
    rs_glp_free(class_need);
    rs_glp_free(class_slots);
    rs_glp_free(first);
    rs_glp_free(sf);
    rs_glp_free(kind);
    return rc;
}
