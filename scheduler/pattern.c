/*
 * pattern.c - the pattern bound: a relaxation that sees the slots.
 *
 * The selection relaxation (select.c) knows each participant's idle floor
 * alone; it cannot see that participants compete for the same slots.  On
 * a day with a lunch break and a consecutive limit of 4, a participant
 * with 5 or more meetings and no idle slot must meet in the last slot
 * before the break and the first after it, and no more people can do so
 * than there are rooms.  The pattern relaxation keeps that:
 *
 *   - a column y[pair] in [0, 1] per placeable pair (1 for musts), with
 *     its score, and the per-participant maximum and shortfall rows;
 *   - per participant and day, a path through a small acyclic graph whose
 *     nodes are (slot, meetings so far, current run of consecutive
 *     meetings): each arc says whether the participant meets at a slot,
 *     sits idle inside its span (cost: one idle slot) or is done for the
 *     day.  Every day timetable of the participant is such a path, with
 *     its meeting count and at least its idle slots, and path polytopes
 *     are integral, so the LP keeps each participant's days exact;
 *   - linking: the participant's pairs chosen equal the meetings of its
 *     paths;
 *   - per slot: investors in a meeting, and SMEs in a meeting, are each at
 *     most the rooms open, and are equal (one of each per meeting).
 *
 * Every schedule gives a solution with at least its objective (travel,
 * room sizes per slot and who meets whom at a slot are relaxed), so the
 * LP optimum bounds the contract objective.  Counting meetings in the
 * nodes is what makes it stronger than the idle floors: a participant's
 * day with 5 meetings cannot be half a 4-meeting and half a 6-meeting
 * day.  Its size grows with participants x slots x meetings x the
 * consecutive limit, so it is built only below a column budget (the
 * benchmark's S: 11,800 columns, about 1 s; M would need 216,000, and
 * glpsol took 7.5 minutes on an unpruned form of its LP).  docs/solving.md
 * gives the figures.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* The columns built so far, before they go into GLPK at once. */
typedef struct {
    double *lo, *hi, *obj;
    int n, cap;
    long max;
} pcols;

/* Adds a column with bounds [lo, hi] (hi < 0: no upper bound) and the
 * objective coefficient obj; returns its number, or 0 past the budget. */
static int col_add(pcols *c, double lo, double hi, double obj)
{
    if (c->n >= c->max)
        return 0;
    if (c->n + 1 >= c->cap) {
        int cap = c->cap ? c->cap * 2 : 4096;
        c->lo = rs_glp_realloc(c->lo, (size_t)c->cap, (size_t)cap, sizeof(double));
        c->hi = rs_glp_realloc(c->hi, (size_t)c->cap, (size_t)cap, sizeof(double));
        c->obj = rs_glp_realloc(c->obj, (size_t)c->cap, (size_t)cap, sizeof(double));
        c->cap = cap; /* 1-based like GLPK: entry 0 stays unused */
    }
    c->n++;
    c->lo[c->n] = lo;
    c->hi[c->n] = hi;
    c->obj[c->n] = obj;
    return c->n;
}

/* What one participant-day's graph is attached to. */
typedef struct {
    rs_mat *t;
    pcols *c;
    int count_row;        /* the participant's linking row              */
    const int *slot_row;  /* per slot: its side's "busy" row, or 0       */
    const int *eq_row;    /* per slot: the investors = SMEs row          */
    double eq_sign;       /* +1 investors, -1 SMEs                       */
    double idle_cost;
    double gap_cost;      /* weights.idle_gap                           */
    int idle_row;         /* the participant's idle slots, or 0          */
} pday;

/* One arc of a participant-day: from row `from` to row `to` (0: the
 * day's end, where `ends_with` meetings are counted into the linking
 * row), busy at slot k (or -1), costing `idle` idle slots and `gap` gaps.
 * 0 past the column budget, else 1. */
static int arc(const pday *g, int from, int to, int ends_with, int k, int idle, int gap)
{
    int j = col_add(g->c, 0, -1, -g->idle_cost * idle - g->gap_cost * gap);
    if (!j)
        return 0;
    rs_mat_add(g->t, from, j, 1);
    if (to)
        rs_mat_add(g->t, to, j, -1);
    else if (ends_with > 0)
        rs_mat_add(g->t, g->count_row, j, -ends_with);
    if (idle)
        rs_mat_add(g->t, g->idle_row, j, idle);
    if (k >= 0) {
        rs_mat_add(g->t, g->slot_row[k], j, 1);
        rs_mat_add(g->t, g->eq_row[k], j, g->eq_sign);
    }
    return 1;
}

/* How many run lengths the nodes of a participant-day of n slots track:
 * 0 .. max_consecutive when the limit can bind that day, else one (the
 * run does not matter).  Sizes the node scratch, the graph and the
 * estimate alike. */
static int run_states(const rs_participant *a, int n)
{
    return a->max_consecutive < n ? a->max_consecutive + 1 : 1;
}

/* The flow row of the node in *cell, made on first use: only nodes that
 * an arc reaches get a row. */
static int node_row(rs_mat *t, int *cell)
{
    if (!*cell)
        *cell = rs_mat_row(t, GLP_FX, 0, 0);
    return *cell;
}

/* Builds participant a's graph for the day of slots f .. f+n-1, where
 * ok[k] says a can meet someone at slot k and C is the most meetings it
 * can have that day.  node is scratch of n * (C + 1) * nr ints.  Node
 * (slot kk, count c, run r) is a flow row made on first use, so only the
 * reachable ones exist: before the day's first meeting one row per slot,
 * the source row (supply 1) first.  Returns 0, or -1 past the budget. */
static int build_day(const rs_event *ev, const pday *g, const rs_participant *a, int f,
                     int n, const unsigned char *ok, int C, int *node)
{
    const int mc = a->max_consecutive;
    const int nr = run_states(a, n), limited = nr > 1; /* the reader keeps mc >= 1 */
#define NODE(kk, c, r) node[((size_t)(kk) * (size_t)(C + 1) + (size_t)(c)) * (size_t)nr + (size_t)(r)]
    memset(node, 0, (size_t)n * (size_t)(C + 1) * (size_t)nr * sizeof(int));
    int before = rs_mat_row(g->t, GLP_FX, 1, 1); /* not yet met: source */
    for (int kk = 0; kk < n; kk++) {
        const int k = f + kk, last = kk == n - 1;
        const int cut = ev->slots[k].prev != k - 1; /* the run restarts here */
        /* not met yet: wait, or meet first at k (a run of 0 so far) */
        int next_before = last ? 0 : rs_mat_row(g->t, GLP_FX, 0, 0);
        if (!arc(g, before, next_before, 0, -1, 0, 0))
            return -1;
        if (ok[k]) {
            int to = last ? 0 : node_row(g->t, &NODE(kk + 1, 1, limited ? 1 : 0));
            if (!arc(g, before, to, 1, k, 0, 0))
                return -1;
        }
        before = next_before;
        /* inside the span, c meetings so far, a run of r */
        for (int c = 1; kk > 0 && c <= C && c <= kk; c++)
            for (int r = 0; r < nr; r++) {
                int u = NODE(kk, c, r);
                if (!u)
                    continue;
                int rr = cut ? 0 : r;
                /* done for the day */
                if (!arc(g, u, 0, c, -1, 0, 0))
                    return -1;
                /* meet at k */
                if (ok[k] && c < C && (!limited || rr < mc)) {
                    int to = last ? 0 : node_row(g->t, &NODE(kk + 1, c + 1, limited ? rr + 1 : 0));
                    if (!arc(g, u, to, c + 1, k, 0, 0))
                        return -1;
                }
                /* idle at k, meeting again later: a gap starts when the
                   slot before k in the day was a meeting, a break
                   between them or not (where runs are not tracked it is
                   not seen, so gaps are at most undercounted and the
                   bound stays one) */
                if (!last &&
                    !arc(g, u, node_row(g->t, &NODE(kk + 1, c, 0)), 0, -1, 1, limited && r > 0))
                    return -1;
            }
    }
#undef NODE
    return 0;
}

/* An upper estimate of the LP's columns, from availability and the
 * number of partners alone, cut off past max: events too large are
 * turned away before anything is built (under --memory-limit, building
 * part of it could use up the limit).  max + 1 when out of memory. */
static long estimate_columns(const rs_event *ev, long max)
{
    long n = ev->npairs;
    int *deg = rs_pair_degrees(ev);
    if (!deg)
        return max + 1;
    for (int i = 0; i < ev->np && n <= max; i++) {
        const rs_participant *a = &ev->p[i];
        int cap = rs_participant_capacity(ev, i);
        if (cap > deg[i])
            cap = deg[i]; /* as pattern_participant: one meeting per partner */
        n += a->min_meetings > 0;
        for (int d = 0; d < ev->ndays && n <= max; d++) {
            int f = ev->days[d].first_slot, len = ev->days[d].nslots, C = 0;
            for (int k = f; k < f + len; k++)
                C += a->avail[k];
            C = C < cap ? C : cap;
            if (C <= 0)
                continue;
            int nr = run_states(a, len);
            for (int kk = 0; kk < len; kk++) {
                n += 2;
                for (int c = 1; kk > 0 && c <= C && c <= kk; c++)
                    n += 3L * (nr < c + 1 ? nr : c + 1);
            }
        }
    }
    free(deg);
    return n;
}

/* The pattern LP being built: its rows and columns, and its scratch, all
 * GLPK scratch memory. */
typedef struct {
    const rs_event *ev;
    rs_mat t;
    pcols c;
    int *deg, *first, *adj;   /* per participant: its placeable pairs       */
    int *pair_col;            /* per pair: its column, 0 when not placeable */
    int *row_inv, *row_sme, *row_eq; /* per slot                            */
    unsigned char *ok;        /* per slot, for one participant-day          */
    double *slope;            /* nslots + 1: one participant's travel floor */
    int *node;                /* build_day's node scratch                   */
    size_t node_cap;
    double constant;          /* the shortfalls of those who meet nobody    */
} pattern_t;

/* Per slot: investors busy <= rooms open, SMEs busy <= rooms open,
 * investors busy = SMEs busy. */
static void pattern_slot_rows(pattern_t *P)
{
    const rs_event *ev = P->ev;
    int *open = rs_glp_calloc((size_t)ev->nslots + 1, sizeof(int));
    for (int k = 0; k < ev->nslots; k++)
        for (int r = 0; r < ev->nrooms; r++)
            open[k] += ev->rooms[r].avail[k] != 0;
    for (int k = 0; k < ev->nslots; k++) {
        P->row_inv[k] = rs_mat_row(&P->t, GLP_UP, 0, open[k]);
        P->row_sme[k] = rs_mat_row(&P->t, GLP_UP, 0, open[k]);
        P->row_eq[k] = rs_mat_row(&P->t, GLP_FX, 0, 0);
    }
    rs_glp_free(open);
}

/* The pairs: a column for each placeable one (pair_col[p] > 0 marks them
 * from here on), and each participant's list of them.  -1 when a must
 * pair can never be placed (the precheck reports it) or past the column
 * budget, else 0. */
static int pattern_pairs(pattern_t *P)
{
    const rs_event *ev = P->ev;
    for (int p = 0; p < ev->npairs; p++) {
        if (!rs_pair_placeable(ev, p)) {
            if (ev->pairs[p].must)
                return -1;
            continue;
        }
        P->pair_col[p] = col_add(&P->c, ev->pairs[p].must ? 1 : 0, 1, ev->pairs[p].score);
        if (!P->pair_col[p])
            return -1;
    }
    rs_pair_lists(ev, P->pair_col, P->deg, P->first, P->adj);
    return 0;
}

void rs_pair_lists(const rs_event *ev, const int *on, int *deg, int *first, int *adj)
{
    const int np = ev->np;
    memset(deg, 0, (size_t)np * sizeof(int));
    for (int p = 0; p < ev->npairs; p++)
        if (on[p]) {
            deg[ev->pairs[p].inv]++;
            deg[ev->pairs[p].sme]++;
        }
    first[0] = 0;
    for (int i = 0; i < np; i++)
        first[i + 1] = first[i] + deg[i];
    memset(deg, 0, (size_t)np * sizeof(int));
    for (int p = 0; p < ev->npairs; p++)
        if (on[p]) {
            int a = ev->pairs[p].inv, b = ev->pairs[p].sme;
            adj[first[a] + deg[a]++] = p;
            adj[first[b] + deg[b]++] = p;
        }
}

/* Participant i: the linking rows (pairs chosen - meetings of the day
 * paths = 0; at most its capacity; shortfall + pairs chosen >= minimum)
 * and the graph of each of its days.  -1 past the column budget, else
 * 0. */
static int pattern_participant(pattern_t *P, int i)
{
    const rs_event *ev = P->ev;
    const rs_participant *a = &ev->p[i];
    double pen = ev->w.min_meetings_shortfall;
    int cap = rs_participant_capacity(ev, i);
    if (cap > P->deg[i])
        cap = P->deg[i];
    if (P->deg[i] == 0 || cap <= 0) {
        P->constant -= pen * a->min_meetings; /* nobody to meet */
        return 0;
    }
    int travel = rs_travel_binds(ev, i), idle_col = 0, most = cap;
    if (travel) { /* its least idle slots with travel, which its paths do not see */
        if (rs_travel_idle_floor(ev, i, cap, P->slope, &most) != 0)
            return -1;
        idle_col = col_add(&P->c, 0, -1, 0);
        if (!idle_col)
            return -1;
    }
    int count_row = rs_mat_row(&P->t, GLP_FX, 0, 0);
    int cap_row = rs_mat_row(&P->t, GLP_UP, 0, most);
    int short_row = 0;
    if (a->min_meetings > 0) {
        short_row = rs_mat_row(&P->t, GLP_LO, a->min_meetings, 0);
        int sc = col_add(&P->c, 0, -1, -pen);
        if (!sc)
            return -1;
        rs_mat_add(&P->t, short_row, sc, 1);
    }
    for (int e = P->first[i]; e < P->first[i + 1]; e++) {
        rs_mat_add(&P->t, count_row, P->pair_col[P->adj[e]], 1);
        rs_mat_add(&P->t, cap_row, P->pair_col[P->adj[e]], 1);
        rs_mat_add(&P->t, short_row, P->pair_col[P->adj[e]], 1);
    }
    int idle_row = 0;
    if (travel) { /* idle_col = the idle slots of its paths, at least the floor's pieces */
        idle_row = rs_mat_row(&P->t, GLP_FX, 0, 0);
        rs_mat_add(&P->t, idle_row, idle_col, -1);
        double F = 0;
        for (int u = 1; u <= most; u++) {
            if (P->slope[u] > 0 && (u == 1 || P->slope[u] != P->slope[u - 1])) {
                /* the piece through (u - 1, F): idle - slope x meetings >= F - slope (u - 1) */
                int r = rs_mat_row(&P->t, GLP_LO, F - P->slope[u] * (u - 1), 0);
                rs_mat_add(&P->t, r, idle_col, 1);
                for (int e = P->first[i]; e < P->first[i + 1]; e++)
                    rs_mat_add(&P->t, r, P->pair_col[P->adj[e]], -P->slope[u]);
            }
            F += P->slope[u];
        }
    }
    pday g = {&P->t,     &P->c, count_row, a->is_investor ? P->row_inv : P->row_sme,
              P->row_eq, a->is_investor ? 1.0 : -1.0, ev->w.idle_slot, ev->w.idle_gap,
              idle_row};
    for (int d = 0; d < ev->ndays; d++) {
        int f = ev->days[d].first_slot, n = ev->days[d].nslots, C = 0;
        /* slots where a can meet one of its partners in some room */
        for (int k = f; k < f + n; k++) {
            P->ok[k] = 0;
            for (int e = P->first[i]; e < P->first[i + 1] && a->avail[k] && !P->ok[k]; e++)
                P->ok[k] = (unsigned char)rs_pair_fits_at(ev, P->adj[e], k);
            C += P->ok[k];
        }
        if (C > cap)
            C = cap;
        if (C == 0)
            continue;
        size_t need = (size_t)n * (size_t)(C + 1) * (size_t)run_states(a, n);
        if (need > P->node_cap) {
            P->node = rs_glp_realloc(P->node, 0, need, sizeof(int)); /* cleared per day */
            P->node_cap = need;
        }
        if (build_day(ev, &g, a, f, n, P->ok, C, P->node) != 0)
            return -1; /* past the column budget */
    }
    return 0;
}

/* Solves the built LP until deadline or *interrupt: RS_OK with *bound
 * and its size, else RS_ENOSOLUTION. */
static rs_code pattern_solve(pattern_t *P, double deadline, volatile sig_atomic_t *interrupt,
                             double *bound, long *cols, long *rows)
{
    const rs_event *ev = P->ev;
    const pcols *c = &P->c;
    rs_code rc = RS_ENOSOLUTION;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, c->n);
    for (int j = 1; j <= c->n; j++) {
        if (c->hi[j] < 0)
            glp_set_col_bnds(lp, j, GLP_LO, c->lo[j], 0);
        else if (c->hi[j] == c->lo[j])
            glp_set_col_bnds(lp, j, GLP_FX, c->lo[j], c->lo[j]);
        else
            glp_set_col_bnds(lp, j, GLP_DB, c->lo[j], c->hi[j]);
        glp_set_obj_coef(lp, j, c->obj[j]);
    }
    glp_set_obj_coef(lp, 0, P->constant);
    rs_mat_load(&P->t, lp);
    *cols = c->n;
    *rows = P->t.rows;
    /* scaling and a triangular starting basis halve the simplex's time;
     * they only talk, so they run quiet (an error resets GLPK's
     * environment, and this setting with it) */
    int was = glp_term_out(GLP_OFF);
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_adv_basis(lp, 0);
    glp_term_out(was);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    int ret = rs_simplex_until(lp, &sp, deadline, interrupt);
    if (ret == 0 && glp_get_status(lp) == GLP_OPT) {
        *bound = rs_safe_bound(ev, glp_get_obj_val(lp));
        rc = RS_OK;
    }
    glp_delete_prob(lp);
    return rc;
}

rs_code rs_pattern_bound(const rs_event *ev, long max_cols, double deadline,
                         volatile sig_atomic_t *interrupt, double *bound, long *cols,
                         long *rows)
{
    rs_code rc = RS_ENOSOLUTION;
    const int np = ev->np, ns = ev->nslots, npairs = ev->npairs;
    /* its linking rows pair an investor side with an SME side: peer
     * pairs (ev->npairs_io on) have no place in it */
    if (ev->format != RS_FORMAT_ONE_TO_ONE || ev->nslots == 0 || ev->npairs_io < npairs ||
        estimate_columns(ev, max_cols) > max_cols)
        return RS_ENOSOLUTION;
    pattern_t P;
    memset(&P, 0, sizeof P);
    P.ev = ev;
    P.c.max = max_cols;
    P.deg = rs_glp_calloc((size_t)np + 1, sizeof(int));
    P.first = rs_glp_calloc((size_t)np + 2, sizeof(int));
    P.adj = rs_glp_calloc(2 * (size_t)npairs + 1, sizeof(int));
    P.pair_col = rs_glp_calloc((size_t)npairs + 1, sizeof(int));
    P.row_inv = rs_glp_calloc((size_t)ns + 1, sizeof(int));
    P.row_sme = rs_glp_calloc((size_t)ns + 1, sizeof(int));
    P.row_eq = rs_glp_calloc((size_t)ns + 1, sizeof(int));
    P.ok = rs_glp_calloc((size_t)ns + 1, 1);
    P.slope = rs_glp_calloc((size_t)ns + 1, sizeof(double));
    pattern_slot_rows(&P);
    if (pattern_pairs(&P) != 0)
        goto done;
    for (int i = 0; i < np; i++)
        if (pattern_participant(&P, i) != 0)
            goto done;
    if (interrupt && *interrupt)
        goto done;
    if (P.c.n == 0) { /* nobody can meet: only the shortfalls count */
        *bound = rs_safe_bound(ev, P.constant);
        *cols = *rows = 0;
        rc = RS_OK;
        goto done;
    }
    rc = pattern_solve(&P, deadline, interrupt, bound, cols, rows);
done:
    rs_mat_free(&P.t);
    rs_glp_free(P.c.lo);
    rs_glp_free(P.c.hi);
    rs_glp_free(P.c.obj);
    rs_glp_free(P.node);
    rs_glp_free(P.deg);
    rs_glp_free(P.first);
    rs_glp_free(P.adj);
    rs_glp_free(P.pair_col);
    rs_glp_free(P.row_inv);
    rs_glp_free(P.row_sme);
    rs_glp_free(P.row_eq);
    rs_glp_free(P.ok);
    rs_glp_free(P.slope);
    return rc;
}
