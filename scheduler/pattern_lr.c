/*
 * pattern_lr.c - the pattern bound by Lagrangian relaxation
 * (rs_pattern_lagrange in model.h), with the gap caps the LP leaves out.
 *
 * pattern.c's LP keeps each participant's day timetables exact and the
 * rooms open per slot; GLPK solves it only up to about 40,000 columns,
 * and it leaves out max_idle_gaps (rule 12), which caps a participant's
 * gaps over the whole event.  Relaxing its coupling rows with multipliers
 * leaves pieces that are each solved exactly and fast:
 *
 *   - the linking rows "pairs chosen = meetings of the paths" (one free
 *     multiplier lambda per participant): each pair alone is chosen when
 *     its score exceeds lambda of both sides (musts always);
 *   - the slot rows "investors busy <= rooms open", "SMEs busy <= rooms
 *     open" (multipliers >= 0) and "investors busy = SMEs busy" (free);
 *     with peer pairs, whose two sides are one side, the single row
 *     "everyone busy <= twice the rooms open";
 *   - what is left is each participant alone: its best days, a longest
 *     path per day over (slot, meetings so far, run of consecutive
 *     meetings, gaps so far under a cap) as pattern.c's graph, a meeting
 *     at slot k worth its lambda less the slot's price, an idle slot and
 *     a gap their weights; its days combined by meetings (at most its
 *     capacity) and gaps (at most its cap), the shortfall below its
 *     minimum charged.
 *
 * Whatever the multipliers, the pieces' optima plus the rooms times the
 * slot prices are at least the objective of every schedule (each is a
 * path, a choice of pairs and slot counts the relaxation allows): each
 * value met along the way is a proven bound, and the least is kept.
 * Deflected subgradient steps (Polyak's, towards the best schedule known)
 * move the multipliers.  One round costs the pairs plus participants x
 * slots x meetings x run states x gap counts, and no GLPK: about 5 ms on
 * the benchmark's L2 (150 x 1,000).
 *
 * The rounds converge in about a thousand rounds (12 s on the capped
 * benchmark row, 150 x 1,000 with one gap each), far more than the caps
 * phase can give them before the timetable needs its plan.  When the
 * caller asks, rounds cut short by the clock go on in a child process on
 * the second core until the run's end, sending each lower value back
 * through a pipe (rs_lr_child): the bound keeps falling while the parent
 * searches for schedules.
 */
#include "model.h"

#include "child.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* Rounds without a better bound before the step halves, the least step
 * factor before the search stops, and the share of the last direction
 * kept in the next (a deflected subgradient: it damps the zig-zag of the
 * slot prices; 0.8 against plain steps, 4 s each, measured with lambda
 * started at half the mean pair score: the tight shape 49 -> 42 (its LP:
 * 40), the wide one 27484 -> 27439, with one gap each 25563 -> 25461). */
#define LR_PATIENCE 25
#define LR_MIN_THETA 1e-6
#define LR_ALPHA 0.8
/* Rounds whose solutions the plan of investor-days chooses from, and the
 * most bytes they may take (fewer rounds on the largest events). */
#define LR_POOL 32
#define LR_POOL_BYTES (16L << 20)
/* How far above the bound known (a share of it) the least value may
 * still be at half the time without the rounds giving up.  The capped
 * benchmark row (150 x 1,000, one gap each) passes the selection's bound
 * after about 85 rounds, 1 s, and was 1.3% above it at half of its
 * phase's time when the machine's other core was busy, so that the phase
 * gave up (its plan from round 80, the bound the selection's: 7.97%
 * instead of 3.1%); 300 x 3,000 with one gap each is 160% above it then
 * (63,358 against -107,284). */
#define LR_GIVE_UP 0.1
/* Rounds for the bound alone (rs_pattern_lagrange_beside) give up when
 * this share of their time is gone and no value is below the bound known
 * (the selection's): then the selection's bound already holds what the
 * relaxation sees, and the rest would only take a core of the machine.
 * A day of 40 investors and 160 SMEs in 16 rooms, half of them there a
 * morning, an afternoon or a middle window (`gen rooms 9727
 * window_pct=50`), passes the selection's 3808 after about 100 rounds,
 * 1.7 s, and ends at 3709; the benchmark's L2 passes its 27498 within
 * half of the 7 s its run leaves them (a quarter was too little). */
#define LR_BESIDE_TRY 0.5
/* Passes over the investors after the first choice of their plans. */
#define LR_BALANCE_PASSES 4

typedef struct {
    const rs_event *ev;
    int np, ns;
    int *cap;               /* per participant: most meetings            */
    int *first, *adj;       /* per participant: its placeable pairs      */
    int *pair_on;           /* per pair: placeable                       */
    unsigned char *ok;      /* np x ns: may meet a partner at the slot   */
    int *open;              /* per slot: rooms open                      */
    double *lam, *mu_i, *mu_s, *nu;         /* the multipliers           */
    double *g_lam, *g_i, *g_s;              /* subgradient parts         */
    double *d_lam, *d_i, *d_s, *d_nu;       /* the step's direction      */
    double *w;              /* per slot: a meeting's worth (scratch)     */
    /* one day's longest paths */
    double *val, *nval;     /* a layer of states                         */
    int *back;              /* per slot and state: state before, *2+met  */
    double *dayv;           /* per day, meetings x gaps: its best value  */
    int *dayC;              /* per day: its most meetings                */
    double *tot, *ntot;     /* the days so far, meetings x gaps          */
    int *pick;              /* per day, meetings x gaps of tot: the day's
                               meetings * gaps dimension + its gaps      */
    int maxC, maxG;         /* most meetings, gap counts (+1) of anyone */
    unsigned char *busy;    /* ns: the chosen paths' slots               */
    unsigned char *pool;    /* npool x np x ns: every participant's slots
                               in the last rounds, when the caller wants
                               them                                      */
    int npool, pooled;      /* rounds it holds, rounds put in            */
    unsigned char *round_busy; /* the pool's entry this round writes, or
                                  NULL                                   */
    int *load;              /* ns: investors planned per slot            */
    double constant;        /* shortfalls of those nobody can meet       */
    int peers;              /* peer pairs: one slot row, people <= 2 rooms */
} lr_t;

/* The shape of one participant-day's states: at most C meetings, nr run
 * states (0 .. max_consecutive where the limit can bind; else 0 and 1,
 * "met at the slot before", where gaps are counted; else one), ng gap
 * counts (0 .. max_idle_gaps under a cap, else one); capped when the
 * participant's gaps are capped (a cap of 0 too: one gap count, and no
 * gap may start). */
typedef struct {
    int C, nr, ng, limited, track, capped;
    size_t S;
} dshape;

/* The shape of participant a's day of n slots with at most C meetings
 * and ng gap counts; its states number d.S. */
static dshape day_shape(const rs_event *ev, const rs_participant *a, int n, int C, int ng)
{
    dshape d;
    d.C = C;
    d.limited = a->max_consecutive < n;
    d.capped = ng > 1 || a->max_idle_gaps == 0;
    d.track = d.limited || d.capped || ev->w.idle_gap != 0;
    d.nr = d.limited ? a->max_consecutive + 1 : d.track ? 2 : 1;
    d.ng = ng;
    d.S = 1 + (size_t)C * (size_t)d.nr * (size_t)ng + (size_t)C * (size_t)ng;
    return d;
}

/* "Not met yet" is state 0; in the span after c = 1..C meetings with run
 * r and g gaps; done for the day after c meetings and g gaps. */
static size_t st_span(const dshape *d, int c, int r, int g)
{
    return 1 + ((size_t)(c - 1) * (size_t)d->nr + (size_t)r) * (size_t)d->ng + (size_t)g;
}
static size_t st_done(const dshape *d, int c, int g)
{
    return 1 + (size_t)d->C * (size_t)d->nr * (size_t)d->ng + (size_t)(c - 1) * (size_t)d->ng +
           (size_t)g;
}

/* Relaxes state y of the next layer with value v coming from state x
 * (met: whether slot k was a meeting). */
static void relax(lr_t *L, int *back, size_t y, double v, size_t x, int met)
{
    if (v > L->nval[y]) {
        L->nval[y] = v;
        back[y] = (int)(x * 2 + (size_t)met);
    }
}

/* Longest paths of participant a over the day of slots f .. f+n-1 (shape
 * d), with ok[] the slots where it may meet and a meeting at k worth
 * L->w[k]: out[c * ng + g] gets the best value with exactly c meetings
 * and g gaps counted (-HUGE_VAL when none), L->back the way back
 * (lr_path).  As pattern.c's build_day: the run restarts where a slot
 * does not follow its predecessor; an idle slot inside the span costs
 * idle_slot, and starts a gap (idle_gap, and one more against a cap, none
 * allowed past it) when the slot before it in the day was a meeting, a
 * break between them or not (a break is not a slot: a meeting before
 * lunch and the second slot after it have a gap between them). */
static void lr_day(lr_t *L, const dshape *d, int f, int n, const unsigned char *ok, int mc,
                   double *out)
{
    const rs_event *ev = L->ev;
    const double wi = ev->w.idle_slot, wg = ev->w.idle_gap;
    const int C = d->C, nr = d->nr, ng = d->ng;
    for (size_t x = 0; x < d->S; x++)
        L->val[x] = -HUGE_VAL;
    L->val[0] = 0;
    for (int kk = 0; kk < n; kk++) {
        const int k = f + kk, last = kk == n - 1;
        const int cut = ev->slots[k].prev != k - 1;
        int *back = L->back + (size_t)kk * d->S;
        for (size_t x = 0; x < d->S; x++)
            L->nval[x] = -HUGE_VAL;
        if (L->val[0] > -HUGE_VAL) {
            relax(L, back, 0, L->val[0], 0, 0);
            if (ok[k] && C >= 1)
                relax(L, back, st_span(d, 1, d->track ? 1 : 0, 0), L->val[0] + L->w[k], 0, 1);
        }
        for (int c = 1; c <= C; c++)
            for (int g = 0; g < ng; g++) {
                size_t dn = st_done(d, c, g);
                if (L->val[dn] > -HUGE_VAL)
                    relax(L, back, dn, L->val[dn], dn, 0);
                for (int r = 0; r < nr; r++) {
                    size_t x = st_span(d, c, r, g);
                    double v = L->val[x];
                    if (v == -HUGE_VAL)
                        continue;
                    int rr = cut ? 0 : r;
                    relax(L, back, dn, v, x, 0); /* done before slot k */
                    if (ok[k] && c < C && (!d->limited || rr < mc)) {
                        int r2 = d->limited ? rr + 1 : d->track ? 1 : 0;
                        relax(L, back, st_span(d, c + 1, r2, g), v + L->w[k], x, 1);
                    }
                    if (!last) {
                        int gap = d->track && r > 0, g2 = g + (d->capped ? gap : 0);
                        if (g2 < ng)
                            relax(L, back, st_span(d, c, 0, g2), v - wi - (gap ? wg : 0), x, 0);
                    }
                }
            }
        double *t = L->val;
        L->val = L->nval;
        L->nval = t;
    }
    for (int g = 0; g < ng; g++)
        out[g] = g == 0 ? L->val[0] : -HUGE_VAL;
    for (int c = 1; c <= C; c++)
        for (int g = 0; g < ng; g++) {
            double v = L->val[st_done(d, c, g)];
            for (int r = 0; r < nr; r++)
                v = fmax(v, L->val[st_span(d, c, r, g)]);
            out[(size_t)c * (size_t)ng + (size_t)g] = v;
        }
}

/* Marks in L->busy the slots of the best path with exactly `want`
 * meetings and `gaps` gaps of the day lr_day last solved. */
static void lr_path(lr_t *L, const dshape *d, int f, int n, int want, int gaps)
{
    memset(L->busy + f, 0, (size_t)n);
    if (want <= 0)
        return;
    size_t s = st_done(d, want, gaps);
    for (int r = 0; r < d->nr; r++)
        if (L->val[st_span(d, want, r, gaps)] > L->val[s])
            s = st_span(d, want, r, gaps);
    for (int kk = n - 1; kk >= 0; kk--) {
        int code = L->back[(size_t)kk * d->S + s];
        if (code & 1)
            L->busy[f + kk] = 1;
        s = (size_t)code >> 1;
    }
}

/* Participant i's best days with the multipliers: its value (meetings at
 * lambda less the slot prices, idle slots, gaps, shortfall), within its
 * capacity and gap cap; its meetings in *m and their slots in L->busy. */
static double lr_participant(lr_t *L, int i, int *m)
{
    const rs_event *ev = L->ev;
    const rs_participant *a = &ev->p[i];
    const int cap = L->cap[i];
    const int ng = a->max_idle_gaps < L->ns ? a->max_idle_gaps + 1 : 1;
    const size_t W = ((size_t)L->maxC + 1) * (size_t)L->maxG, T = (size_t)(cap + 1) * (size_t)ng;
    const double pen = ev->w.min_meetings_shortfall;
    const unsigned char *ok = L->ok + (size_t)i * (size_t)L->ns;
    for (int k = 0; k < L->ns; k++)
        L->w[k] = L->lam[i] - (L->peers ? L->mu_i[k]
                               : a->is_investor ? L->mu_i[k] - L->nu[k] : L->mu_s[k] + L->nu[k]);
    /* tot[c * ng + g]: best of the days so far with c meetings, g gaps */
    for (size_t x = 0; x < T; x++)
        L->tot[x] = x == 0 ? 0 : -HUGE_VAL;
    for (int d = 0; d < ev->ndays; d++) {
        int f = ev->days[d].first_slot, n = ev->days[d].nslots;
        int C = L->dayC[d] < cap ? L->dayC[d] : cap;
        double *dv = L->dayv + (size_t)d * W;
        int *pick = L->pick + (size_t)d * T;
        if (C == 0) {
            memset(pick, 0, T * sizeof(int));
            continue;
        }
        dshape sh = day_shape(ev, a, n, C, ng);
        lr_day(L, &sh, f, n, ok, a->max_consecutive, dv);
        for (int c = 0; c <= cap; c++)
            for (int g = 0; g < ng; g++) {
                size_t y = (size_t)c * (size_t)ng + (size_t)g;
                L->ntot[y] = -HUGE_VAL;
                pick[y] = 0;
                for (int e = 0; e <= C && e <= c; e++)
                    for (int h = 0; h <= g; h++) {
                        double t = L->tot[(size_t)(c - e) * (size_t)ng + (size_t)(g - h)];
                        double u = dv[(size_t)e * (size_t)ng + (size_t)h];
                        if (t > -HUGE_VAL && u > -HUGE_VAL && t + u > L->ntot[y]) {
                            L->ntot[y] = t + u;
                            pick[y] = e * ng + h;
                        }
                    }
            }
        double *t = L->tot;
        L->tot = L->ntot;
        L->ntot = t;
    }
    int best_c = 0, best_g = 0;
    double best = -HUGE_VAL;
    for (int c = 0; c <= cap; c++)
        for (int g = 0; g < ng; g++) {
            double t = L->tot[(size_t)c * (size_t)ng + (size_t)g];
            if (t == -HUGE_VAL)
                continue;
            double v = t - (c < a->min_meetings ? pen * (a->min_meetings - c) : 0);
            if (v > best) {
                best = v;
                best_c = c;
                best_g = g;
            }
        }
    *m = best_c;
    /* the slots: each day's count and gaps from the picks, its path again */
    memset(L->busy, 0, (size_t)L->ns);
    for (int d = ev->ndays - 1, c = best_c, g = best_g; d >= 0; d--) {
        int code = L->pick[(size_t)d * T + (size_t)c * (size_t)ng + (size_t)g];
        int e = code / ng, h = code % ng;
        if (e > 0) {
            int n = ev->days[d].nslots, C = L->dayC[d] < cap ? L->dayC[d] : cap;
            dshape sh = day_shape(ev, a, n, C, ng);
            lr_day(L, &sh, ev->days[d].first_slot, n, ok, a->max_consecutive,
                   L->dayv + (size_t)d * W);
            lr_path(L, &sh, ev->days[d].first_slot, n, e, h);
        }
        c -= e;
        g -= h;
    }
    return best;
}

/* The relaxation's value at the current multipliers, filling the
 * subgradient's parts: per participant its meetings less its pairs
 * chosen (g_lam), per slot the investors busy (g_i) and the SMEs busy
 * (g_s; with peer pairs everyone counts in g_i). */
static double lr_round(lr_t *L)
{
    const rs_event *ev = L->ev;
    double total = L->constant;
    memset(L->g_lam, 0, (size_t)L->np * sizeof(double));
    memset(L->g_i, 0, (size_t)L->ns * sizeof(double));
    memset(L->g_s, 0, (size_t)L->ns * sizeof(double));
    for (int p = 0; p < ev->npairs; p++) {
        if (!L->pair_on[p])
            continue;
        const rs_pair *pr = &ev->pairs[p];
        double v = pr->score - L->lam[pr->inv] - L->lam[pr->sme];
        if (pr->must || v > 0) {
            total += v;
            L->g_lam[pr->inv] -= 1;
            L->g_lam[pr->sme] -= 1;
        }
    }
    for (int i = 0; i < L->np; i++) {
        if (L->cap[i] <= 0)
            continue;
        int m = 0;
        total += lr_participant(L, i, &m);
        L->g_lam[i] += m;
        double *g = ev->p[i].is_investor || L->peers ? L->g_i : L->g_s;
        for (int k = 0; k < L->ns; k++)
            g[k] += L->busy[k];
        if (L->round_busy)
            memcpy(L->round_busy + (size_t)i * (size_t)L->ns, L->busy, (size_t)L->ns);
    }
    for (int k = 0; k < L->ns; k++)
        total += L->open[k] * (L->peers ? 2 * L->mu_i[k] : L->mu_i[k] + L->mu_s[k]);
    return total;
}

/* Sets up the participants' pairs, capacities and slots; -1 when out of
 * memory. */
static int lr_setup(lr_t *L)
{
    const rs_event *ev = L->ev;
    const int np = ev->np, ns = ev->nslots;
    int *deg = calloc((size_t)np + 1, sizeof(int));
    if (!deg)
        return -1;
    for (int p = 0; p < ev->npairs; p++)
        L->pair_on[p] = rs_pair_placeable(ev, p);
    rs_pair_lists(ev, L->pair_on, deg, L->first, L->adj);
    for (int k = 0; k < ns; k++)
        for (int r = 0; r < ev->nrooms; r++)
            L->open[k] += ev->rooms[r].avail[k] != 0;
    L->maxC = 0;
    for (int i = 0; i < np; i++) {
        const rs_participant *a = &ev->p[i];
        int cap = rs_participant_capacity(ev, i);
        L->cap[i] = cap < deg[i] ? cap : deg[i];
        if (L->cap[i] <= 0) {
            L->cap[i] = 0;
            L->constant -= ev->w.min_meetings_shortfall * a->min_meetings;
            continue;
        }
        if (L->cap[i] > L->maxC)
            L->maxC = L->cap[i];
        unsigned char *ok = L->ok + (size_t)i * (size_t)ns;
        for (int k = 0; k < ns; k++)
            for (int e = L->first[i]; e < L->first[i + 1] && a->avail[k] && !ok[k]; e++)
                ok[k] = (unsigned char)rs_pair_fits_at(ev, L->adj[e], k);
    }
    free(deg);
    return 0;
}

/* The balanced plan of investors' days into plan (np x ns), from first
 * (np x ns, the least value's round): each investor takes, among the
 * shapes its paths had in that round and in the last rounds of the pool,
 * the one with the most slots where fewer other investors than rooms
 * open are planned (ties to the shape it has); first one after the other
 * in index order, then again in up to LR_BALANCE_PASSES passes while any
 * changes.  One round's solution alone piles the shapes onto the slots
 * that were cheap at its prices (up to 106 investors planned in a slot
 * of 80 rooms on the wide shape with one gap each, 6 in its first slot);
 * the rounds around it price those slots up and down, so among them each
 * investor mostly finds a shape that fits beside the others'.  Every
 * candidate is one of its own paths, so the plan keeps each investor's
 * rules.  The other participants keep the least value's round. */
static void lr_balance(lr_t *L, const unsigned char *first, unsigned char *plan)
{
    const rs_event *ev = L->ev;
    const size_t ns = (size_t)L->ns, np = (size_t)L->np;
    int *load = L->load;
    int n = L->pooled < L->npool ? L->pooled : L->npool;
    memcpy(plan, first, np * ns);
    memset(load, 0, ns * sizeof(int));
    for (int pass = 0; pass <= LR_BALANCE_PASSES; pass++) {
        int changed = 0;
        for (int i = 0; i < L->np; i++) {
            if (!ev->p[i].is_investor || L->cap[i] <= 0)
                continue;
            unsigned char *row = plan + (size_t)i * ns;
            if (pass > 0) /* the others' load only */
                for (size_t k = 0; k < ns; k++)
                    load[k] -= row[k];
            const unsigned char *best = row;
            int best_fit = -1;
            for (int c = -2; c < n; c++) {
                const unsigned char *cand = c == -2   ? row
                                            : c == -1 ? first + (size_t)i * ns
                                                      : L->pool + ((size_t)c * np + (size_t)i) * ns;
                int fit = 0;
                for (size_t k = 0; k < ns; k++)
                    fit += cand[k] && load[k] < L->open[k];
                if (fit > best_fit) {
                    best_fit = fit;
                    best = cand;
                }
            }
            if (best != row && memcmp(best, row, ns) != 0) {
                memcpy(row, best, ns);
                changed = pass > 0;
            }
            for (size_t k = 0; k < ns; k++)
                load[k] += row[k];
        }
        if (pass > 0 && !changed)
            break;
    }
}

/* qsort order: larger first. */
static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* Where the subgradient rounds are: the least value met, the step
 * factor and the rounds since the least value last fell, the rounds
 * made, and when the rounds began (the give-up rule's clock). */
typedef struct {
    double best, theta, start;
    int stale;
    long rounds;
    int beside; /* rounds for the bound alone (rs_pattern_lagrange_beside):
                   the stricter give-up rule */
} lr_walk;

/* Why lr_walk_on stopped. */
typedef enum {
    LR_CONVERGED, /* the step shrank to nothing, or the solution is feasible */
    LR_DEADLINE,  /* the clock                                                */
    LR_GAVE_UP,   /* half the time gone and still far above beat              */
    LR_STOPPED    /* *interrupt, or the parent gone                           */
} lr_end;

/* A record the child sends: a value met (each one a proven bound). */
typedef struct {
    double value;
} lr_record;

/* Subgradient rounds from where *k is, towards target (or a tenth below
 * the best value so far when target is -HUGE_VAL), until the step has
 * shrunk, deadline, *interrupt, or half the time from k->start gone with
 * no value within LR_GIVE_UP of beat (the largest events: the rest would
 * not get there either, and is the search's).  With slots, the solution
 * of the round of the least value is copied there (np x ns bytes) and
 * each round's into the pool; with fd >= 0 (the child), each lower value
 * is written to fd, at most every 0.2 s (a pipe the parent reads only
 * between its phases never fills), and the last one when the rounds
 * end. */
static lr_end lr_walk_on(lr_t *L, lr_walk *k, double target, double beat, double deadline,
                         volatile sig_atomic_t *interrupt, unsigned char *slots, int fd)
{
    const int np = L->np, ns = L->ns;
    double sent = HUGE_VAL, sent_at = 0;
    lr_end why;
    for (;;) {
        double now = rs_now();
        if (k->theta < LR_MIN_THETA) {
            why = LR_CONVERGED;
            break;
        }
        if (now >= deadline) {
            why = LR_DEADLINE;
            break;
        }
        if (interrupt && *interrupt) {
            why = LR_STOPPED;
            break;
        }
        if (k->beside ? k->best >= beat && now > k->start + LR_BESIDE_TRY * (deadline - k->start)
                      : k->best >= beat + LR_GIVE_UP * fabs(beat) &&
                            now > k->start + (deadline - k->start) / 2) {
            why = LR_GAVE_UP;
            break;
        }
        if (fd >= 0 && k->best < sent && now - sent_at >= 0.2) {
            lr_record r = {k->best};
            if (rs_write_all(fd, &r, sizeof r) != 0) {
                why = LR_STOPPED;
                break;
            }
            sent = k->best;
            sent_at = now;
        }
        if (slots) /* this round's slots go over the pool's oldest entry */
            L->round_busy = L->pool + (size_t)(L->pooled++ % L->npool) * (size_t)np * (size_t)ns;
        double v = lr_round(L);
        k->rounds++;
        if (v < k->best - 1e-9) {
            k->best = v;
            k->stale = 0;
            if (slots)
                memcpy(slots, L->round_busy, (size_t)np * (size_t)ns);
        } else if (++k->stale >= LR_PATIENCE) {
            k->theta /= 2;
            k->stale = 0;
        }
        /* the step follows the subgradient deflected by the last step
         * (alpha of it), which damps the zig-zag between slot prices */
        const double alpha = LR_ALPHA;
        double norm = 0;
        for (int i = 0; i < np; i++) {
            L->d_lam[i] = L->g_lam[i] + alpha * L->d_lam[i];
            norm += L->d_lam[i] * L->d_lam[i];
        }
        for (int s = 0; s < ns; s++) {
            /* with peer pairs one row per slot: everyone busy then at most
             * twice the rooms open (its price in mu_i; mu_s and nu stay 0) */
            double gi = (L->peers ? 2 : 1) * L->open[s] - L->g_i[s];
            double gs = L->peers ? 0 : L->open[s] - L->g_s[s];
            /* a price at 0 whose row is slack does not move */
            L->d_i[s] = L->mu_i[s] > 0 || gi < 0 ? gi + alpha * L->d_i[s] : 0;
            L->d_s[s] = L->mu_s[s] > 0 || gs < 0 ? gs + alpha * L->d_s[s] : 0;
            L->d_nu[s] = L->peers ? 0 : L->g_i[s] - L->g_s[s] + alpha * L->d_nu[s];
            norm += L->d_i[s] * L->d_i[s] + L->d_s[s] * L->d_s[s] + L->d_nu[s] * L->d_nu[s];
        }
        if (norm < 1e-12) { /* the relaxation's solution is feasible: v is the LP's optimum */
            why = LR_CONVERGED;
            break;
        }
        /* no schedule known: aim a tenth below the best bound so far */
        double gapv = isfinite(target) ? v - target : v - k->best + 0.1 * fabs(k->best) + 1;
        if (gapv <= 0)
            gapv = fmax(1e-3 * fabs(v), 1e-6);
        double t = k->theta * gapv / norm;
        for (int i = 0; i < np; i++)
            L->lam[i] -= t * L->d_lam[i];
        for (int s = 0; s < ns; s++) {
            L->mu_i[s] = fmax(0, L->mu_i[s] - t * L->d_i[s]);
            L->mu_s[s] = fmax(0, L->mu_s[s] - t * L->d_s[s]);
            L->nu[s] -= t * L->d_nu[s];
        }
    }
    if (fd >= 0 && k->best < sent) {
        lr_record r = {k->best};
        (void)rs_write_all(fd, &r, sizeof r);
    }
    return why;
}

/* The rounds going on in a child process (model.h): its output is a
 * run of records. */
struct rs_lr_child {
    rs_child *c;
    double until; /* the child's deadline (rs_now() seconds) */
};

/* What the child continues from: the relaxation and its rounds as they
 * were in the caller at the fork. */
typedef struct {
    lr_t *L;
    lr_walk k;
    double target, beat, deadline;
} lr_child_ctx;

/* The child's work: the rounds on from where the caller stopped, with
 * the give-up rule's clock started again, each lower value sent. */
static void lr_child_body(void *ctx, int fd)
{
    lr_child_ctx *x = ctx;
    x->k.start = rs_now();
    x->k.stale = 0;
    (void)lr_walk_on(x->L, &x->k, x->target, x->beat, x->deadline, NULL, NULL, fd);
}

/* Starts the rounds from *k in a child that goes on until deadline,
 * giving up at half of its own time when still far above beat; NULL
 * when no child could be started (the caller then keeps the bound it
 * has). */
static rs_lr_child *lr_child_start(lr_t *L, const lr_walk *k, double target, double beat,
                                   double deadline)
{
    rs_lr_child *lc = calloc(1, sizeof *lc);
    if (!lc)
        return NULL;
    lr_child_ctx x = {L, *k, target, beat, deadline};
    lc->c = rs_child_start(deadline, lr_child_body, &x);
    if (!lc->c) {
        free(lc);
        return NULL;
    }
    lc->until = deadline;
    return lc;
}

/* The least value the child has sent, or HUGE_VAL: its last complete
 * record, since lr_walk_on sends a value only when it is below the one
 * sent before. */
static double least_sent(const rs_lr_child *lc)
{
    size_t len = 0;
    const unsigned char *d = rs_child_data(lc->c, &len);
    lr_record r = {HUGE_VAL};
    if (len >= sizeof r)
        memcpy(&r, d + (len / sizeof r - 1) * sizeof r, sizeof r);
    return r.value;
}

double rs_lr_child_bound(rs_lr_child *c)
{
    if (!c)
        return HUGE_VAL;
    rs_child_read(c->c, 0);
    return least_sent(c);
}

double rs_lr_child_finish(rs_lr_child *c, double until)
{
    if (!c)
        return HUGE_VAL;
    rs_child_read(c->c, until < c->until + 0.5 ? until : c->until + 0.5);
    return least_sent(c);
}

int rs_lr_child_running(rs_lr_child *c)
{
    return c && !rs_child_read(c->c, 0);
}

void rs_lr_child_free(rs_lr_child *c)
{
    if (!c)
        return;
    rs_child_free(c->c);
    free(c);
}

/* The multipliers' start: lambda at half the score of each participant's
 * cap-th best pair (its last when it has fewer), the slot prices at 0.
 * 0, or -1 when out of memory. */
static int lr_start(lr_t *L)
{
    const rs_event *ev = L->ev;
    int most = 0;
    for (int i = 0; i < L->np; i++)
        most = L->first[i + 1] - L->first[i] > most ? L->first[i + 1] - L->first[i] : most;
    double *sc = malloc(((size_t)most + 1) * sizeof(double));
    if (!sc)
        return -1;
    for (int i = 0; i < L->np; i++) {
        int n = L->first[i + 1] - L->first[i];
        for (int e = 0; e < n; e++)
            sc[e] = ev->pairs[L->adj[L->first[i] + e]].score;
        qsort(sc, (size_t)n, sizeof(double), cmp_desc);
        int at = L->cap[i] < n ? L->cap[i] : n;
        L->lam[i] = at > 0 ? sc[at - 1] / 2 : 0;
    }
    free(sc);
    return 0;
}

/* rs_pattern_lagrange, and rs_pattern_lagrange_beside with beside set
 * (deadline then now: every round in the child). */
static rs_code lagrange(const rs_event *ev, double target, double beat, double deadline,
                        volatile sig_atomic_t *interrupt, double *bound, long *rounds,
                        unsigned char *slots, double go_on, rs_lr_child **child, int beside)
{
    if (child)
        *child = NULL;
    rs_code rc = RS_ENOMEM;
    const int np = ev->np, ns = ev->nslots;
    *rounds = 0;
    if (ev->format != RS_FORMAT_ONE_TO_ONE || ns == 0 || ev->ndays == 0)
        return RS_ENOSOLUTION;
    lr_t L;
    memset(&L, 0, sizeof L);
    L.ev = ev;
    L.np = np;
    L.ns = ns;
    L.peers = ev->npairs_io < ev->npairs;
    int maxn = 0;
    for (int d = 0; d < ev->ndays; d++)
        maxn = ev->days[d].nslots > maxn ? ev->days[d].nslots : maxn;
    /* the multipliers, their directions and the subgradient: per
     * participant, then per slot, all zeroed */
    double **per_p[] = {&L.lam, &L.g_lam, &L.d_lam};
    double **per_k[] = {&L.mu_i, &L.mu_s, &L.nu, &L.g_i, &L.g_s, &L.d_i, &L.d_s, &L.d_nu, &L.w};
    int ok = 1;
    for (size_t j = 0; j < sizeof per_p / sizeof per_p[0]; j++)
        ok &= (*per_p[j] = calloc((size_t)np + 1, sizeof(double))) != NULL;
    for (size_t j = 0; j < sizeof per_k / sizeof per_k[0]; j++)
        ok &= (*per_k[j] = calloc((size_t)ns + 1, sizeof(double))) != NULL;
    L.cap = calloc((size_t)np + 1, sizeof(int));
    L.first = calloc((size_t)np + 2, sizeof(int));
    L.adj = calloc(2 * (size_t)ev->npairs + 1, sizeof(int));
    L.pair_on = calloc((size_t)ev->npairs + 1, sizeof(int));
    L.ok = calloc((size_t)np * (size_t)ns + 1, 1);
    L.open = calloc((size_t)ns + 1, sizeof(int));
    L.busy = calloc((size_t)ns + 1, 1);
    L.dayC = calloc((size_t)ev->ndays + 1, sizeof(int));
    if (slots) {
        memset(slots, 0, 2 * (size_t)np * (size_t)ns);
        long per = (long)np * (long)ns + 1;
        L.npool = LR_POOL_BYTES / per < LR_POOL ? (int)(LR_POOL_BYTES / per) : LR_POOL;
        L.npool = L.npool < 1 ? 1 : L.npool;
        L.pool = calloc((size_t)L.npool * (size_t)np * (size_t)ns + 1, 1);
        L.load = calloc((size_t)ns + 1, sizeof(int));
        ok &= L.pool != NULL && L.load != NULL;
    }
    if (!ok || !L.cap || !L.first || !L.adj || !L.pair_on || !L.ok || !L.open || !L.busy ||
        !L.dayC || lr_setup(&L) != 0)
        goto done;
    /* a day holds at most its slots; the largest shapes size the scratch */
    L.maxG = 1;
    for (int i = 0; i < np; i++)
        if (L.cap[i] > 0 && ev->p[i].max_idle_gaps < ns && ev->p[i].max_idle_gaps + 1 > L.maxG)
            L.maxG = ev->p[i].max_idle_gaps + 1;
    int C = L.maxC < maxn ? L.maxC : maxn, nr = maxn + 2;
    for (int d = 0; d < ev->ndays; d++)
        L.dayC[d] = ev->days[d].nslots < L.maxC ? ev->days[d].nslots : L.maxC;
    size_t S = 1 + 2 * (size_t)C * (size_t)nr * (size_t)L.maxG;
    size_t T = ((size_t)L.maxC + 1) * (size_t)L.maxG;
    L.val = malloc(S * sizeof(double));
    L.nval = malloc(S * sizeof(double));
    L.back = malloc(S * (size_t)maxn * sizeof(int));
    L.dayv = malloc((size_t)ev->ndays * T * sizeof(double));
    L.tot = malloc(T * sizeof(double));
    L.ntot = malloc(T * sizeof(double));
    L.pick = malloc((size_t)ev->ndays * T * sizeof(int));
    if (!L.val || !L.nval || !L.back || !L.dayv || !L.tot || !L.ntot || !L.pick)
        goto done;
    /* lambda starts at half the score of each participant's marginal
     * pair (its cap-th best): about what one more meeting is worth to each
     * side, so that the first pairs chosen are about the ones a selection
     * would choose */
    if (lr_start(&L) != 0)
        goto done;
    lr_walk k = {HUGE_VAL, 1.0, rs_now(), 0, 0, beside};
    lr_end why = lr_walk_on(&L, &k, target, beat, deadline, interrupt, slots, -1);
    *rounds = k.rounds;
    /* cut short by the clock, the rounds go on beside the search when
       there is time for them (not when they gave up: far above beat at
       half their time, they would not get below it in the rest) */
    if (child && why == LR_DEADLINE && go_on > rs_now() + 1 && rs_child_second_core())
        *child = lr_child_start(&L, &k, target, beat, go_on);
    double best = k.best;
    rc = RS_ENOSOLUTION;
    if (best < HUGE_VAL) {
        *bound = rs_safe_bound(ev, best);
        rc = RS_OK;
        if (slots)
            lr_balance(&L, slots, slots + (size_t)np * (size_t)ns);
    }
done:
    for (size_t j = 0; j < sizeof per_p / sizeof per_p[0]; j++)
        free(*per_p[j]);
    for (size_t j = 0; j < sizeof per_k / sizeof per_k[0]; j++)
        free(*per_k[j]);
    free(L.cap);
    free(L.first);
    free(L.adj);
    free(L.pair_on);
    free(L.ok);
    free(L.open);
    free(L.busy);
    free(L.pool);
    free(L.load);
    free(L.dayC);
    free(L.val);
    free(L.nval);
    free(L.back);
    free(L.dayv);
    free(L.tot);
    free(L.ntot);
    free(L.pick);
    return rc;
}

rs_code rs_pattern_lagrange(const rs_event *ev, double target, double beat, double deadline,
                            volatile sig_atomic_t *interrupt, double *bound, long *rounds,
                            unsigned char *slots, double go_on, rs_lr_child **child)
{
    return lagrange(ev, target, beat, deadline, interrupt, bound, rounds, slots, go_on, child,
                    0);
}

rs_lr_child *rs_pattern_lagrange_beside(const rs_event *ev, double beat, double go_on)
{
    double bound = HUGE_VAL;
    long rounds = 0;
    rs_lr_child *child = NULL;
    (void)lagrange(ev, -HUGE_VAL, beat, rs_now(), NULL, &bound, &rounds, NULL, go_on, &child,
                   1);
    return child;
}
