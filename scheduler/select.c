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
#include "flow.h"
#include "model.h"

#include <limits.h>
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

/* Moves to the front of the chosen pairs order[0..n) (sorted best score
 * first) those that give a participant one of its minimum meetings: each
 * pair, in that order, whose investor or SME has fewer than its
 * min_meetings among the pairs before it; both parts keep their order.
 * The heuristic places pairs one by one where they fit, and on events
 * whose rooms are nearly full the last ones find no common free slot and
 * room: when those are an SME's only meetings, the first timetable pays a
 * shortfall for each (a hundred SMEs on the L2 benchmark shape) and the
 * local search spends its time putting them back.  Scratch is GLPK
 * memory (the callers run in the guarded GLPK call). */
static void minimums_first(const rs_event *ev, int *order, int n)
{
    int *cnt = rs_glp_calloc((size_t)ev->np, sizeof(int));
    int *rest = rs_glp_calloc((size_t)n, sizeof(int));
    int a = 0, b = 0;
    for (int j = 0; j < n; j++) {
        const rs_pair *pr = &ev->pairs[order[j]];
        if (cnt[pr->sme] < ev->p[pr->sme].min_meetings ||
            cnt[pr->inv] < ev->p[pr->inv].min_meetings)
            order[a++] = order[j];
        else
            rest[b++] = order[j];
        cnt[pr->sme]++;
        cnt[pr->inv]++;
    }
    memcpy(order + a, rest, (size_t)b * sizeof(int));
    rs_glp_free(cnt);
    rs_glp_free(rest);
}

/* Fills order (npairs entries) with the pairs in the order the heuristic
 * places them: musts, then those the relaxation chose (the ones giving
 * someone a minimum meeting first, minimums_first), then the other
 * placeable ones, each group best score first; pairs that can never be
 * placed come last.  kind[p]: 0 never placeable, 1 placeable, 2 chosen. */
static int build_order(const rs_event *ev, const int *kind, int *order)
{
    int n = 0, np = ev->npairs, nchosen = 0;
    for (int pass = 0; pass < 3; pass++) {
        int from = n;
        if (pass == 2)
            nchosen = n;
        for (int p = 0; p < np; p++) {
            if (!kind[p])
                continue;
            int must = ev->pairs[p].must, ch = kind[p] == 2;
            if ((pass == 0 && must) || (pass == 1 && !must && ch) || (pass == 2 && !must && !ch))
                order[n++] = p;
        }
        rs_sort_pairs_by_score(ev, order + from, n - from);
        if (pass == 1)
            minimums_first(ev, order + from, n - from);
    }
    for (int p = 0; p < np; p++)
        if (!kind[p])
            order[n++] = p;
    return nchosen;
}

/* The MIP's callback: stops the search when the caller interrupts. */
static void select_callback(glp_tree *T, void *info)
{
    volatile sig_atomic_t *interrupt = info;
    if (interrupt && *interrupt)
        glp_ios_terminate(T);
}

/* One step of the greedy placement that fills a participant's slots from
 * some slot on as densely as its rules allow (greedy is optimal for
 * that): whether a meets in slot k, given *run, its meetings in a row up
 * to k - 1, which it updates.  A slot not consecutive to the one before
 * starts a new run; a full run leaves slot k free.  rs_idle_floor and
 * window_places place this way. */
static int greedy_place(const rs_event *ev, const rs_participant *a, int k, int *run)
{
    if (!a->avail[k]) {
        *run = 0;
        return 0;
    }
    if (*run > 0 && ev->slots[k].prev != k - 1)
        *run = 0;
    if (*run == a->max_consecutive) {
        *run = 0;
        return 0;
    }
    (*run)++;
    return 1;
}

/* Longest windows window_places counts: a day of up to this many slots
 * has every window, longer days the windows up to this length. */
#define WINDOW_CAP_SPAN 48

/* Steps window_places may take (about 0.1 s): the benchmark's largest
 * events (3,300 people, 28 slots) take 1.3 million; an event of 20,000
 * people and 2,000 slots gets windows of two slots. */
#define WINDOW_CAP_WORK 1e8

/* The most meetings each window of consecutive slots of a day can hold
 * for the people of has[]: their places there (available slots, runs cut
 * at max_consecutive, as greedy_place fills them, and no more than their
 * max_meetings), summed over the investors and over the others, the
 * smaller of the two (every meeting has one of each), or half of all when
 * pairs of businesses are among the pairs (every meeting has two of
 * has[]).  Returns lim, nslots * *span long: window of len slots from slot
 * k at lim[k * *span + len - 1] (entries past the day's end unused); NULL
 * with *span 0 when the windows would cost more than WINDOW_CAP_WORK.
 * GLPK memory: the caller frees it with rs_glp_free. */
static long *window_places(const rs_event *ev, const unsigned char *has, int *span)
{
    int most = 0;
    for (int d = 0; d < ev->ndays; d++)
        most = ev->days[d].nslots > most ? ev->days[d].nslots : most;
    int sp = most < WINDOW_CAP_SPAN ? most : WINDOW_CAP_SPAN;
    double work = (double)ev->np * (double)ev->nslots;
    if (work * sp > WINDOW_CAP_WORK)
        sp = (int)(WINDOW_CAP_WORK / work);
    *span = 0;
    if (sp < 2)
        return NULL;
    size_t cells = (size_t)ev->nslots * (size_t)sp;
    long *inv = rs_glp_calloc(cells, sizeof(long));
    long *other = rs_glp_calloc(cells, sizeof(long));
    for (int d = 0; d < ev->ndays; d++) {
        int f = ev->days[d].first_slot, n = ev->days[d].nslots;
        for (int i = 0; i < ev->np; i++) {
            const rs_participant *a = &ev->p[i];
            if (!has[i])
                continue;
            long *into = a->is_investor ? inv : other;
            for (int s = f; s < f + n; s++) {
                int placed = 0, run = 0;
                for (int e = s; e < f + n && e - s < sp; e++) {
                    placed += greedy_place(ev, a, e, &run);
                    into[(size_t)s * (size_t)sp + (size_t)(e - s)] +=
                        placed < a->max_meetings ? placed : a->max_meetings;
                }
            }
        }
    }
    int peers = ev->npairs_io < ev->npairs;
    for (size_t c = 0; c < cells; c++)
        inv[c] = peers ? (inv[c] + other[c]) / 2 : inv[c] < other[c] ? inv[c] : other[c];
    rs_glp_free(other);
    *span = sp;
    return inv;
}

/* The most meetings the slots can hold when at most top[k] fit in slot k
 * and each window of consecutive slots of a day at most its lim entry
 * (window_places; span 0: no windows): the per-slot caps alone miss the
 * windows where people come for part of a day: a day whose last five
 * slots have 64 investors for 60 rooms holds at most 256 meetings there,
 * not 300, when nobody meets more than 4 in a row.  An LP over the slots
 * with a row per window that binds (an interval matrix, so its optimum is
 * integral), solved by GLPK's simplex with an iteration limit; the sum of
 * top[] when no window binds or the LP fails.  Scratch is GLPK memory. */
static long window_cap(const rs_event *ev, const long *lim, int span, const long *top)
{
    long total = 0;
    for (int k = 0; k < ev->nslots; k++)
        total += top[k];
    if (span < 2 || total == 0)
        return total;
    int *ind = rs_glp_calloc((size_t)span + 1, sizeof(int));
    double *val = rs_glp_calloc((size_t)span + 1, sizeof(double));
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    glp_add_cols(lp, ev->nslots);
    for (int k = 0; k < ev->nslots; k++) {
        glp_set_col_bnds(lp, k + 1, top[k] > 0 ? GLP_DB : GLP_FX, 0, (double)top[k]);
        glp_set_obj_coef(lp, k + 1, 1);
    }
    int rows = 0;
    for (int d = 0; d < ev->ndays; d++) {
        int f = ev->days[d].first_slot, n = ev->days[d].nslots;
        for (int s = f; s < f + n; s++) {
            long sum = top[s];
            ind[1] = s + 1;
            val[1] = 1;
            for (int len = 2; len <= f + n - s && len <= span; len++) {
                sum += top[s + len - 1];
                ind[len] = s + len;
                val[len] = 1;
                long cap = lim[(size_t)s * (size_t)span + (size_t)(len - 1)];
                if (cap >= sum)
                    continue; /* the slots' own caps already keep it */
                int r = glp_add_rows(lp, 1);
                glp_set_row_bnds(lp, r, GLP_UP, 0, (double)cap);
                glp_set_mat_row(lp, r, len, ind, val);
                rows++;
            }
        }
    }
    if (rows > 0) {
        glp_smcp sp;
        glp_init_smcp(&sp);
        sp.msg_lev = GLP_MSG_OFF;
        sp.it_lim = 100000; /* a count, not a time: the same bound every run */
        if (glp_simplex(lp, &sp) == 0 && glp_get_status(lp) == GLP_OPT) {
            double v = floor(glp_get_obj_val(lp) + 1e-6);
            if (v < (double)total)
                total = (long)v;
        }
    }
    glp_delete_prob(lp);
    rs_glp_free(ind);
    rs_glp_free(val);
    return total;
}

/* The room-size classes of the selection: the distinct seat needs (sum of
 * the two team sizes) of the pairs with need_of[p] > 0, ascending, into
 * need, and for each the room-slots whose room holds that many, into
 * roomslots (both npairs long), each slot counted up to the meetings its
 * available people can hold (on a day when every investor is away its
 * rooms hold nothing).  Meetings needing q or more seats can be
 * no more than those room-slots.  Returns the number of classes.
 * Scratch is GLPK memory (the callers run in the guarded GLPK call). */
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
    /* per slot, the meetings its people can hold: each needs two of the
     * participants available then with a pair in the relaxation (one
     * investor and one SME when every pair is one of each) */
    unsigned char *has = rs_glp_calloc((size_t)ev->np + 1, 1);
    long *cap = rs_glp_calloc((size_t)ev->nslots + 1, sizeof(long));
    for (int p = 0; p < ev->npairs; p++)
        if (need_of[p] > 0)
            has[ev->pairs[p].inv] = has[ev->pairs[p].sme] = 1;
    for (int k = 0; k < ev->nslots; k++) {
        long inv = 0, sme = 0;
        for (int i = 0; i < ev->np; i++)
            if (has[i] && ev->p[i].avail[k] && ev->p[i].is_investor)
                inv++;
            else if (has[i] && ev->p[i].avail[k])
                sme++;
        cap[k] = ev->npairs_io < ev->npairs ? (inv + sme) / 2 : inv < sme ? inv : sme;
    }
    long *top = rs_glp_calloc((size_t)ev->nslots + 1, sizeof(long));
    int span;
    long *lim = window_places(ev, has, &span);
    for (int q = 0; q < n; q++) {
        for (int k = 0; k < ev->nslots; k++) {
            long open = 0;
            for (int r = 0; r < ev->nrooms; r++)
                open += ev->rooms[r].capacity >= need[q] && ev->rooms[r].avail[k];
            top[k] = open < cap[k] ? open : cap[k];
        }
        roomslots[q] = window_cap(ev, lim, span, top);
    }
    rs_glp_free(has);
    rs_glp_free(cap);
    rs_glp_free(top);
    rs_glp_free(lim);
    return n;
}

/* ------------------------------------------------------------ idle floor */

/* Fixed-point scale of the flow's costs: GLPK's flow codes want integers, and the
 * slopes of the idle floor are fractions with small denominators. */
#define FLOW_SCALE 12
#define IDLE_INF 1000000

/* Values at or above this are "cannot be reached" in lower_envelope. */
#define ENV_INF 1e17

/* The lower convex envelope of F[0..n] through its reachable points (F[c]
 * below ENV_INF), from c = 0: slope[u] (u = 1..n) its increase from u - 1
 * to u, 0 past the last reachable point. */
static void lower_envelope(const double *F, int n, double *slope)
{
    int c0 = 0;
    while (c0 < n) {
        int best = -1;
        double sl_best = 0;
        for (int c = c0 + 1; c <= n; c++) {
            double sl = F[c] >= ENV_INF ? 1e18 : (F[c] - F[c0]) / (c - c0);
            if (best < 0 || sl <= sl_best) {
                best = c;
                sl_best = sl;
            }
        }
        for (int u = c0 + 1; u <= best; u++)
            slope[u] = sl_best >= ENV_INF ? 0 : sl_best;
        c0 = best;
    }
}

/* The least idle slots participant i can have with c meetings, for c =
 * 0..cap, as the lower convex envelope of that function.  Per day, a
 * window of slots s..e can hold at most maxplace(s, e) meetings (the
 * participant's available slots, runs of consecutive slots cut at
 * max_consecutive: greedy placement is optimal for that), and c meetings
 * whose first and last lie in the window leave at least (e - s + 1) - c of
 * its slots free between them; days add up (min-plus convolution).  Rooms,
 * partners and travel are ignored, so every schedule has at least this
 * many idle slots: a valid floor.  Fills slope[u] (u = 1..cap) with the
 * increase of the envelope from u - 1 to u meetings (nondecreasing in u;
 * 0 beyond the meetings the days can hold, which the capacity already
 * forbids).  The group selection bound uses it too (model.h).  Returns 0,
 * or -1 when out of memory. */
int rs_idle_floor(const rs_event *ev, int i, int cap, double *slope)
{
    const rs_participant *a = &ev->p[i];
    int rc = -1;
    long *G = malloc(((size_t)cap + 1) * sizeof(long));
    long *T = malloc(((size_t)cap + 1) * sizeof(long));
    long *g = NULL;
    double *Fd = NULL;
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
                if (!greedy_place(ev, a, e, &run))
                    continue;
                placed++;
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
    Fd = malloc(((size_t)cap + 1) * sizeof(double));
    if (!Fd)
        goto done;
    for (int c = 0; c <= cap; c++)
        Fd[c] = G[c] >= IDLE_INF ? ENV_INF : (double)G[c];
    lower_envelope(Fd, cap, slope);
    rc = 0;
done:
    free(G);
    free(T);
    free(g);
    free(Fd);
    return rc;
}

/* One day of rs_gap_floor: into D[c * G + g] (c = 0..n, g = 0..G-1), the
 * least cost (idle_slot x idle slots + idle_gap x gaps) of c meetings of
 * participant a on day d with g gaps (g counted only when capped, to
 * G - 1 at most, else always 0 with G = 1), GF_INF where none.  A
 * dynamic programme over the day's slots whose state is the meetings so
 * far, the gaps so far, the run of meetings ending at the slot before
 * (for the consecutive limit, when it is below the day's slots: R of
 * them, else none; a break between two slots ends a run but is not a
 * slot, so it makes no idle slot) and a phase: 0 before the first
 * meeting, 1 just after a meeting, 2 in a gap (a meeting must follow), 3
 * after the last meeting.  The state arrays are the caller's (cur, nxt:
 * (n + 1) x G x (R + 1) x 4). */
#define GF_INF 1e300
static void gap_floor_day(const rs_event *ev, const rs_participant *a, int d, int capped,
                          int G, double wi, double wg, double *D, double *cur, double *nxt)
{
    int f = ev->days[d].first_slot, n = ev->days[d].nslots;
    int K = a->max_consecutive < n ? a->max_consecutive : n, R = K < n ? K : 0;
    size_t per = (size_t)(n + 1) * (size_t)G * (size_t)(R + 1) * 4;
#define GF_AT(arr, c, g, r, ph) arr[(((size_t)(c) * (size_t)G + (size_t)(g)) * (size_t)(R + 1) + \
                                     (size_t)(r)) * 4 + (size_t)(ph)]
    for (size_t z = 0; z < per; z++)
        cur[z] = GF_INF;
    GF_AT(cur, 0, 0, 0, 0) = 0;
    for (int j = 0; j < n; j++) {
        int k = f + j, av = a->avail[k], joined = j > 0 && ev->slots[k].prev == k - 1;
        for (size_t z = 0; z < per; z++)
            nxt[z] = GF_INF;
        for (int c = 0; c <= j; c++)
            for (int g = 0; g < G; g++)
                for (int r = 0; r <= R; r++)
                    for (int ph = 0; ph < 4; ph++) {
                        double v = GF_AT(cur, c, g, r, ph);
                        if (v >= GF_INF)
                            continue;
#define GF_TAKE(c2, g2, r2, ph2, v2)                                                          \
    do {                                                                                       \
        double *t_ = &GF_AT(nxt, c2, g2, r2, ph2);                                             \
        if ((v2) < *t_)                                                                        \
            *t_ = (v2);                                                                        \
    } while (0)
                        int run = ph == 1 && joined ? r : 0; /* the run this slot would extend */
                        if (av && ph != 3 && (R == 0 || run < K)) /* a meeting here */
                            GF_TAKE(c + 1, g, R ? run + 1 : 0, 1, v);
                        if (ph == 0 || ph == 3) /* free, outside the day's span */
                            GF_TAKE(c, g, 0, ph, v);
                        if (ph == 1) { /* free: the last meeting, or a gap opens */
                            GF_TAKE(c, g, 0, 3, v);
                            if (!capped)
                                GF_TAKE(c, 0, 0, 2, v + wi + wg);
                            else if (g + 1 < G)
                                GF_TAKE(c, g + 1, 0, 2, v + wi + wg);
                        }
                        if (ph == 2) /* free inside the gap */
                            GF_TAKE(c, g, 0, 2, v + wi);
#undef GF_TAKE
                    }
        double *t = cur;
        cur = nxt;
        nxt = t;
    }
    for (int c = 0; c <= n; c++)
        for (int g = 0; g < G; g++) {
            double best = GF_INF;
            for (int r = 0; r <= R; r++)
                for (int ph = 0; ph < 4; ph++)
                    if (ph != 2 && GF_AT(cur, c, g, r, ph) < best)
                        best = GF_AT(cur, c, g, r, ph);
            D[(size_t)c * (size_t)G + (size_t)g] = best;
        }
#undef GF_AT
}

/* Whether participant a can meet at venue v in slot k when alone: it is
 * there then and a room of v is open that seats it and one more person
 * (every meeting has someone else in it).  ev->venue_seats is set. */
static int can_meet_at(const rs_event *ev, const rs_participant *a, int k, int v)
{
    return a->avail[k] &&
           ev->venue_seats[(size_t)v * (size_t)ev->nslots + (size_t)k] >= a->team_size + 1;
}

/* Whether travel can force idle slots or fewer meetings on participant i
 * alone: the event has 2 to RS_TRAVEL_VENUES venues (ev->venue_seats),
 * some distance apart, and no venue has a room for i in every slot where
 * some venue has one.  Where one venue covers its slots, i can hold any
 * day there, and travel forces nothing on i alone (what it forces through
 * partners and full rooms no floor of one participant sees).  Only such
 * participants get the travel-aware programme (travel_floor_day), so that
 * the floors of other events stay as they were.  At most venues x slots
 * steps a venue, venues^2 for the distances. */
int rs_travel_binds(const rs_event *ev, int i)
{
    if (!ev->venue_seats)
        return 0;
    int far = 0;
    for (int u = 0; u < ev->nvenues && !far; u++)
        for (int v = 0; v < ev->nvenues && !far; v++)
            far = rs_travel(ev, u, v) > 0;
    if (!far)
        return 0;
    const rs_participant *a = &ev->p[i];
    for (int v = 0; v < ev->nvenues; v++) {
        int covers = 1;
        for (int k = 0; k < ev->nslots && covers; k++) {
            if (can_meet_at(ev, a, k, v))
                continue;
            for (int u = 0; u < ev->nvenues && covers; u++)
                covers = !can_meet_at(ev, a, k, u);
        }
        if (covers)
            return 0;
    }
    return 1;
}

/* gap_floor_day with venues: the same programme (D[c * G + g] the least
 * cost of c meetings with g gaps on day d, GF_INF where none), where a
 * meeting in slot k may lie only at a venue with a room for a then
 * (can_meet_at), and two meetings one after the other at venues u and v
 * must leave rs_travel(u, v) minutes from the end of the first to the
 * start of the second (rule 8).  The states after a meeting remember its
 * venue, and those in a gap the slot it was in, so the programme is exact
 * for a alone, as gap_floor_day is without venues.  Returns 0, or -1 when
 * out of memory. */
static int travel_floor_day(const rs_event *ev, const rs_participant *a, int d, int capped,
                            int G, double wi, double wg, double *D)
{
    int f = ev->days[d].first_slot, n = ev->days[d].nslots, V = ev->nvenues;
    int K = a->max_consecutive < n ? a->max_consecutive : n, R = K < n ? K : 0;
    size_t CG = (size_t)(n + 1) * (size_t)G;
    size_t n1 = CG * (size_t)(R + 1) * (size_t)V, n2 = CG * (size_t)V * (size_t)n;
    size_t per = 2 * CG + n1 + n2;
    int rc = -1;
    double *cur = malloc(per * sizeof(double)), *nxt = malloc(per * sizeof(double));
    unsigned char *at = malloc((size_t)V);
    if (!cur || !nxt || !at)
        goto done;
    /* each state array: before the first meeting [CG], after the last
     * [CG], just after a meeting at venue v with run r [CG x (R+1) x V],
     * in a gap after a meeting at venue v in slot L [CG x V x n] */
#define TF_P0(arr, c, g) (arr)[(size_t)(c) * (size_t)G + (size_t)(g)]
#define TF_P3(arr, c, g) (arr)[CG + (size_t)(c) * (size_t)G + (size_t)(g)]
#define TF_P1(arr, c, g, r, v) (arr)[2 * CG + (((size_t)(c) * (size_t)G + (size_t)(g)) * \
                                     (size_t)(R + 1) + (size_t)(r)) * (size_t)V + (size_t)(v)]
#define TF_P2(arr, c, g, v, L) (arr)[2 * CG + n1 + (((size_t)(c) * (size_t)G + (size_t)(g)) * \
                                     (size_t)V + (size_t)(v)) * (size_t)n + (size_t)(L)]
#define TF_TAKE(lv, val)                                                                        \
    do {                                                                                       \
        double *t_ = &(lv);                                                                    \
        if ((val) < *t_)                                                                       \
            *t_ = (val);                                                                       \
    } while (0)
    for (size_t z = 0; z < per; z++)
        cur[z] = GF_INF;
    TF_P0(cur, 0, 0) = 0;
    for (int j = 0; j < n; j++) {
        int k = f + j, joined = j > 0 && ev->slots[k].prev == k - 1, any = 0;
        for (int v = 0; v < V; v++)
            any |= at[v] = (unsigned char)can_meet_at(ev, a, k, v);
        for (size_t z = 0; z < per; z++)
            nxt[z] = GF_INF;
        for (int c = 0; c <= j; c++)
            for (int g = 0; g < G; g++) {
                double v0 = TF_P0(cur, c, g), v3 = TF_P3(cur, c, g);
                TF_TAKE(TF_P0(nxt, c, g), v0);
                TF_TAKE(TF_P3(nxt, c, g), v3);
                if (any && v0 < GF_INF)
                    for (int w = 0; w < V; w++)
                        if (at[w])
                            TF_TAKE(TF_P1(nxt, c + 1, g, R ? 1 : 0, w), v0);
                for (int r = 0; r <= R; r++)
                    for (int u = 0; u < V; u++) {
                        double val = TF_P1(cur, c, g, r, u);
                        if (val >= GF_INF)
                            continue;
                        int run = joined ? r : 0;
                        if (any && (R == 0 || run < K))
                            for (int w = 0; w < V; w++)
                                if (at[w] && ev->slots[k].start - ev->slots[k - 1].end >=
                                                 rs_travel(ev, u, w))
                                    TF_TAKE(TF_P1(nxt, c + 1, g, R ? run + 1 : 0, w), val);
                        TF_TAKE(TF_P3(nxt, c, g), val); /* the day's last meeting */
                        if (!capped)
                            TF_TAKE(TF_P2(nxt, c, 0, u, j - 1), val + wi + wg);
                        else if (g + 1 < G)
                            TF_TAKE(TF_P2(nxt, c, g + 1, u, j - 1), val + wi + wg);
                    }
                for (int u = 0; u < V; u++)
                    for (int L = 0; L < j; L++) {
                        double val = TF_P2(cur, c, g, u, L);
                        if (val >= GF_INF)
                            continue;
                        TF_TAKE(TF_P2(nxt, c, g, u, L), val + wi);
                        if (any)
                            for (int w = 0; w < V; w++)
                                if (at[w] && ev->slots[k].start - ev->slots[f + L].end >=
                                                 rs_travel(ev, u, w))
                                    TF_TAKE(TF_P1(nxt, c + 1, g, R ? 1 : 0, w), val);
                    }
            }
        double *t = cur;
        cur = nxt;
        nxt = t;
    }
    for (int c = 0; c <= n; c++)
        for (int g = 0; g < G; g++) {
            double best = TF_P0(cur, c, g) < TF_P3(cur, c, g) ? TF_P0(cur, c, g)
                                                               : TF_P3(cur, c, g);
            for (int r = 0; r <= R; r++)
                for (int u = 0; u < V; u++)
                    if (TF_P1(cur, c, g, r, u) < best)
                        best = TF_P1(cur, c, g, r, u);
            D[(size_t)c * (size_t)G + (size_t)g] = best;
        }
#undef TF_TAKE
#undef TF_P0
#undef TF_P1
#undef TF_P2
#undef TF_P3
    rc = 0;
done:
    free(cur);
    free(nxt);
    free(at);
    return rc;
}

/* States times slots past which rs_gap_floor falls back to the idle
 * floor: a participant of days of 14 slots takes a few thousand; days of
 * hundreds of slots with a large gap cap would take seconds each. */
#define GF_BUDGET 2000000.0
/* ... and past which, over all the participants, travel_floor_day is left
 * out (about a second: the benchmark's huge shape, 3,300 people over two
 * days of 14 slots, with its four venues open at different hours takes
 * half of it, 0.2 s more in its selection). */
#define TF_EVENT_BUDGET 1e9

/* The least cost, wi x idle slots + wg x gaps, participant i can have
 * with c meetings (rs_idle_floor's argument, made exact for one
 * participant alone by gap_floor_day and extended to gaps and their cap,
 * and by travel_floor_day to the venues it can be at and the travel
 * between them where those bind (rs_travel_binds)), as the lower convex
 * envelope over c = 0..*most: slope[u] (u = 1..cap, the caller's array
 * of cap + 1) gets its increase from u - 1 to u meetings, nondecreasing;
 * *most is the most meetings (at most cap) its days can hold within its
 * max_idle_gaps and travel over the event, and slope is 0 beyond.  Every
 * schedule in which i has c meetings pays at least slope[1] + ... +
 * slope[c] for i's idle slots and gaps.  A cap of at least the gaps its
 * days can hold (a meeting on each side of each) is no cap; where the
 * programme would exceed GF_BUDGET, the idle floor (times wi) stands in,
 * with *most = cap: weaker, still a floor.  rs_gap_floor takes the
 * event's weights, rs_travel_idle_floor counts idle slots alone.  0, or
 * -1 when out of memory. */
static int floor_of(const rs_event *ev, int i, int cap, double wi, double wg, double *slope,
                    int *most)
{
    const rs_participant *a = &ev->p[i];
    int rc = -1, maxn = 0, possible = 0;
    double work = 0;
    for (int d = 0; d < ev->ndays; d++) {
        if (ev->days[d].nslots > maxn)
            maxn = ev->days[d].nslots;
        possible += (ev->days[d].nslots - 1) / 2;
    }
    int capped = a->max_idle_gaps < possible, G = capped ? a->max_idle_gaps + 1 : 1;
    int R = a->max_consecutive < maxn ? a->max_consecutive : 0;
    double V = ev->nvenues, wtravel = 0;
    for (int d = 0; d < ev->ndays; d++) {
        double n = ev->days[d].nslots;
        work += n * n * G * (R + 1) * 4 + (double)(cap + 1) * G * (n + 1) * G;
        wtravel += n * n * G * V * ((R + 1) * V + n * (V + 1)) +
                   (double)(cap + 1) * G * (n + 1) * G;
    }
    /* with venues only within the budget, for one participant and for
     * all of them (every participant may need it): else blind to travel,
     * still a floor */
    int venues = wtravel <= GF_BUDGET && wtravel * ev->np <= TF_EVENT_BUDGET &&
                 rs_travel_binds(ev, i);
    if (venues)
        work = wtravel;
    if (work > GF_BUDGET) {
        *most = cap;
        if (rs_idle_floor(ev, i, cap, slope) != 0)
            return -1;
        for (int u = 1; u <= cap; u++)
            slope[u] *= wi;
        return 0;
    }
    size_t per = (size_t)(maxn + 1) * (size_t)G * (size_t)(R + 1) * 4;
    size_t tot = (size_t)(cap + 1) * (size_t)G;
    double *cur = malloc(per * sizeof(double)), *nxt = malloc(per * sizeof(double));
    double *D = malloc((size_t)(maxn + 1) * (size_t)G * sizeof(double));
    double *T = malloc(tot * sizeof(double)), *U = malloc(tot * sizeof(double));
    double *F = malloc(((size_t)cap + 1) * sizeof(double));
    if (!cur || !nxt || !D || !T || !U || !F)
        goto done;
    for (size_t z = 0; z < tot; z++)
        T[z] = GF_INF;
    T[0] = 0;
    for (int d = 0; d < ev->ndays; d++) {
        int n = ev->days[d].nslots;
        if (!venues)
            gap_floor_day(ev, a, d, capped, G, wi, wg, D, cur, nxt);
        else if (travel_floor_day(ev, a, d, capped, G, wi, wg, D) != 0)
            goto done;
        for (size_t z = 0; z < tot; z++)
            U[z] = GF_INF;
        for (int c = 0; c <= cap; c++)
            for (int g = 0; g < G; g++) {
                double t = T[(size_t)c * (size_t)G + (size_t)g];
                if (t >= GF_INF)
                    continue;
                for (int c2 = 0; c2 <= n && c + c2 <= cap; c2++)
                    for (int g2 = 0; g + g2 < G; g2++) {
                        double v = D[(size_t)c2 * (size_t)G + (size_t)g2];
                        double *u = &U[(size_t)(c + c2) * (size_t)G + (size_t)(g + g2)];
                        if (v < GF_INF && t + v < *u)
                            *u = t + v;
                    }
            }
        double *sw = T;
        T = U;
        U = sw;
    }
    *most = 0;
    for (int c = 0; c <= cap; c++) {
        F[c] = GF_INF;
        for (int g = 0; g < G; g++)
            if (T[(size_t)c * (size_t)G + (size_t)g] < F[c])
                F[c] = T[(size_t)c * (size_t)G + (size_t)g];
        if (F[c] < GF_INF)
            *most = c;
    }
    for (int c = 0; c <= cap; c++)
        if (F[c] >= GF_INF)
            F[c] = ENV_INF;
    lower_envelope(F, cap, slope);
    rc = 0;
done:
    free(cur);
    free(nxt);
    free(D);
    free(T);
    free(U);
    free(F);
    return rc;
}

int rs_gap_floor(const rs_event *ev, int i, int cap, double *slope, int *most)
{
    return floor_of(ev, i, cap, ev->w.idle_slot, ev->w.idle_gap, slope, most);
}

int rs_travel_idle_floor(const rs_event *ev, int i, int cap, double *slope, int *most)
{
    return floor_of(ev, i, cap, 1, 0, slope, most);
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

/* The flow being built and solved (see select_flow); its arrays are GLPK
 * scratch memory, so a GLPK error inside the flow leaks none of them. */
typedef struct {
    const rs_event *ev;
    glp_graph *G;          /* vertex 1 source, 2 sink, 3 + i participant i */
    glp_arc **pair_arc;    /* per pair: its arc, or NULL (never placeable)  */
    int *need_of;          /* per pair: seats it needs, 0 for no arc       */
    int *best_x;           /* per pair, of the best bound: build_order's kind */
    int *deg;              /* per participant: candidate pairs             */
    long *marg;            /* one participant's idle floor marginals        */
    double *slope;         /* ... in idle slots (rs_idle_floor)             */
    roomrows rr;
    long *uprof;           /* per participant, its units' profits (below)  */
    long *uoff;            /* ... where participant i's start in uprof     */
    int *ucap;             /* ... and how many units it has                */
    double last_solve;     /* seconds the last flow solve took             */
    long minsum, total_cap;
    int own;               /* solved by flow.c (large events), not GLPK   */
    double phase_deadline; /* the selection phase's end                    */
} flow_t;

/* From this many candidate pairs on, the selection flow is solved by
 * flow.c, which keeps the deadline: GLPK's out-of-kilter code cannot be
 * stopped and took 33 to 100 s on 317,000 pairs. */
#define OWN_FLOW_PAIRS 100000

/* The flow of f->G solved by flow.c until deadline, with GLPK's result
 * codes: 0 with the arcs' x and *cost (sum of cost times flow) set,
 * GLP_ENOPFS when an arc's lower bound (a must) cannot be met, GLP_ESTOP
 * when stopped by the deadline or the interrupt.  Lower bounds become a
 * profit larger than every other cost together (every arc with one has
 * capacity 1); the bypass arc source -> sink is left out, as the flow
 * may be of any amount. */
static int own_flow(flow_t *f, double deadline, volatile sig_atomic_t *interrupt, double *cost)
{
    glp_graph *G = f->G;
    int ret = 0;
    long long big = 1;
    for (int i = 1; i <= G->nv; i++)
        for (glp_arc *a = G->v[i]->out; a; a = a->t_next) {
            const farc *fa = a->data;
            big += (long long)fabs(fa->cost) * (long long)fa->cap;
        }
    rs_flow *fl = rs_flow_new(G->nv, G->na);
    glp_arc **arc = rs_glp_calloc((size_t)G->na + 1, sizeof *arc);
    int n = 0;
    for (int i = 1; i <= G->nv; i++)
        for (glp_arc *a = G->v[i]->out; a; a = a->t_next) {
            const farc *fa = a->data;
            if (i == 1 && a->head->i == 2)
                continue; /* the bypass */
            rs_flow_arc(fl, i - 1, a->head->i - 1, (long)fa->cap,
                        (long long)fa->cost - (fa->low > 0 ? big : 0));
            arc[n++] = a;
        }
    if (rs_flow_solve(fl, 0, 1, deadline, interrupt) != 0) {
        ret = GLP_ESTOP;
        goto done;
    }
    *cost = 0;
    for (int j = 0; j < n; j++) {
        farc *fa = arc[j]->data;
        fa->x = (double)rs_flow_x(fl, j);
        if (fa->x < fa->low)
            ret = GLP_ENOPFS;
        *cost += fa->cost * fa->x;
    }
done:
    rs_flow_free(fl);
    rs_glp_free(arc);
    return ret;
}

/* Arcs of the participants: source -> SME and investor -> sink, one per
 * run of equal marginal profit (the shortfall penalty for meetings up to
 * the minimum, less the idle floor's increase), up to the capacity.
 * Where gaps cost or are capped, or travel binds the participant alone
 * (rs_travel_binds), the floor is rs_gap_floor's (idle slots and gaps)
 * and the capacity at most what the gap cap and travel allow.  RS_OK or
 * RS_ENOMEM. */
static rs_code flow_participant_arcs(flow_t *f)
{
    const rs_event *ev = f->ev;
    double P = ev->w.min_meetings_shortfall;
    int gaps = rs_event_counts_gaps(ev);
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *a = &ev->p[i];
        int cap = rs_participant_capacity(ev, i);
        if (cap > f->deg[i])
            cap = f->deg[i]; /* no more meetings than candidate partners */
        int mn = a->min_meetings;
        f->minsum += mn;
        rs_glp_free(f->marg);
        f->marg = rs_glp_calloc((size_t)cap + 1, sizeof(long));
        rs_glp_free(f->slope);
        f->slope = rs_glp_calloc((size_t)cap + 1, sizeof(double));
        int units = gaps || rs_travel_binds(ev, i); /* the floor in objective units */
        if (cap > 0 && units) { /* idle slots, gaps and travel */
            int most;
            if (rs_gap_floor(ev, i, cap, f->slope, &most) != 0)
                return RS_ENOMEM;
            cap = most; /* no more than the gap cap and travel allow */
        } else if (cap > 0 && rs_idle_floor(ev, i, cap, f->slope) != 0) {
            return RS_ENOMEM;
        }
        f->total_cap += cap;
        if (cap <= 0)
            continue;
        /* in cost units, rounded down: still a floor */
        for (int u = 1; u <= cap; u++)
            f->marg[u] = (long)floor(f->slope[u] * (units ? 1 : ev->w.idle_slot) * FLOW_SCALE +
                                     1e-9);
        f->uoff[i] = f->uoff[ev->np];
        f->ucap[i] = cap;
        for (int w = 1; w <= cap; w++)
            f->uprof[f->uoff[ev->np]++] = (w <= mn ? (long)(P * FLOW_SCALE) : 0) - f->marg[w];
        int u = 1;
        while (u <= cap) {
            long profit = (u <= mn ? (long)(P * FLOW_SCALE) : 0) - f->marg[u];
            int v = u;
            while (v + 1 <= cap &&
                   (v + 1 <= mn ? (long)(P * FLOW_SCALE) : 0) - f->marg[v + 1] == profit)
                v++;
            glp_arc *e = a->is_investor ? glp_add_arc(f->G, 3 + i, 2) : glp_add_arc(f->G, 1, 3 + i);
            farc *fa = e->data;
            fa->low = 0;
            fa->cap = v - u + 1;
            fa->cost = (double)-profit;
            u = v + 1;
        }
    }
    return RS_OK;
}

/* The bypass arc source -> sink for unused supply, and the supplies; then
 * one arc SME -> investor per placeable pair (capacity 1, profit its
 * score, lower bound 1 for a must or a forced pair).  RS_EINFEASIBLE
 * when a must pair can never be placed. */
static rs_code flow_pair_arcs(flow_t *f, const unsigned char *forced)
{
    const rs_event *ev = f->ev;
    glp_arc *e = glp_add_arc(f->G, 1, 2);
    farc *fa = e->data;
    fa->low = 0;
    fa->cap = (double)f->total_cap;
    fa->cost = 0;
    ((fnode *)f->G->v[1]->data)->rhs = (double)f->total_cap;
    ((fnode *)f->G->v[2]->data)->rhs = -(double)f->total_cap;
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!rs_pair_placeable(ev, p)) {
            if (pr->must)
                return RS_EINFEASIBLE;
            continue;
        }
        e = glp_add_arc(f->G, 3 + pr->sme, 3 + pr->inv);
        fa = e->data;
        fa->low = pr->must || (forced && forced[p]) ? 1 : 0;
        fa->cap = 1;
        fa->cost = -pr->score * FLOW_SCALE;
        f->pair_arc[p] = e;
        f->need_of[p] = ev->p[pr->inv].team_size + ev->p[pr->sme].team_size;
    }
    return RS_OK;
}

/* The Lagrangian loop: solves the flow with the room multipliers in the
 * pair costs (from those in f->rr.lambda), keeps the lowest bound and, with
 * keep_order, its pairs (f->best_x), and moves the multipliers by
 * subgradient steps, up to 40 solves, until the flow is proven optimal for
 * the relaxation (then, with keep_order, sel->proven), the deadline or the
 * interrupt.  *best receives the lowest bound.  Without keep_order (the
 * steps that go on from the separable bound's multipliers) only the bound
 * is kept, and the first solve gets no more than deadline.  RS_EINFEASIBLE
 * when the musts cannot be routed, RS_ESOLVER when GLPK refuses the
 * data. */
static rs_code flow_subgradient(flow_t *f, double deadline, volatile sig_atomic_t *interrupt,
                                rs_selection *sel, int keep_order, double *best)
{
    /* flow.c's first solve may use the whole phase: without it there is
     * no bound but the fallback's */
    double first_deadline = f->own && keep_order ? f->phase_deadline : deadline;
    const rs_event *ev = f->ev;
    const int np = ev->npairs;
    roomrows *rr = &f->rr;
    long step = 4 * FLOW_SCALE;
    *best = INFINITY;
    for (int it = 0; it < 40; it++) {
        for (int p = 0; p < np; p++) {
            if (!f->pair_arc[p])
                continue;
            long lam = 0;
            for (int q = 0; q < rr->n && rr->need[q] <= f->need_of[p]; q++)
                lam += rr->lambda[q];
            ((farc *)f->pair_arc[p]->data)->cost =
                -ev->pairs[p].score * FLOW_SCALE + (double)lam;
        }
        double cost = 0, t_solve = rs_now();
        int ret = f->own ? own_flow(f, it ? deadline : first_deadline, interrupt, &cost)
                         : glp_mincost_okalg(f->G, offsetof(fnode, rhs), offsetof(farc, low),
                                             offsetof(farc, cap), offsetof(farc, cost), &cost,
                                             offsetof(farc, x), -1);
        if (ret == GLP_ENOPFS)
            return RS_EINFEASIBLE;
        if (ret == GLP_ESTOP) { /* the deadline: the best bound so far stands */
            if (it == 0)
                return RS_ENOSOLUTION;
            break;
        }
        if (ret != 0)
            return RS_ESOLVER;
        double lamR = 0;
        for (int q = 0; q < rr->n; q++)
            lamR += (double)rr->lambda[q] * (double)rr->roomslots[q];
        double b = (-cost + lamR) / FLOW_SCALE -
                   ev->w.min_meetings_shortfall * (double)f->minsum;
        int violated = 0, slack = 1;
        memset(rr->use, 0, (size_t)rr->n * sizeof(long));
        for (int p = 0; p < np; p++)
            if (f->pair_arc[p] && ((farc *)f->pair_arc[p]->data)->x > 0.5)
                for (int q = 0; q < rr->n && rr->need[q] <= f->need_of[p]; q++)
                    rr->use[q]++;
        for (int q = 0; q < rr->n; q++) {
            violated |= rr->use[q] > rr->roomslots[q];
            if (rr->lambda[q] > 0 && rr->use[q] != rr->roomslots[q])
                slack = 0;
        }
        if (b < *best) {
            *best = b;
            for (int p = 0; keep_order && p < np; p++)
                f->best_x[p] = !f->pair_arc[p]                            ? 0
                               : ((farc *)f->pair_arc[p]->data)->x > 0.5 ? 2
                                                                          : 1;
        }
        /* feasible and complementary slack: the flow is the relaxation's
         * optimum, and no multipliers give a lower bound */
        if (!violated && slack) {
            sel->proven = keep_order;
            break;
        }
        /* another solve takes about as long as this one did */
        double now = rs_now();
        f->last_solve = now - t_solve;
        if (now + (now - t_solve) > deadline || (interrupt && *interrupt))
            break;
        /* subgradient step: up on violated rows, down on slack ones */
        for (int q = 0; q < rr->n; q++) {
            long l = rr->lambda[q] + step * (rr->use[q] > rr->roomslots[q]   ? 1
                                             : rr->use[q] < rr->roomslots[q] ? -1
                                                                             : 0);
            rr->lambda[q] = l > 0 ? l : 0;
        }
        if (it % 4 == 3 && step > 1)
            step /= 2;
    }
    return RS_OK;
}

/* Largest first: the rs_sort comparator of long long values. */
static int cmp_ll_desc(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The pairs of a separable bound, grouped by owner and room class (see
 * separable_bound).  A pair's class is the largest c with need[c] at most
 * its seats, and it pays lam[0] + ... + lam[c] for its room-slot.  Owner
 * o's musts (and forced pairs) come first, val[off[o] .. off[o] +
 * nmust[o]), then for each class c its other pairs largest first,
 * val[cut[o * (nc + 1) + c] .. cut[o * (nc + 1) + c + 1]); pay, at and
 * end are scratch of nc entries. */
typedef struct {
    const flow_t *f;
    int nc;
    long long *val, *pay;
    unsigned char *cls;
    long *off, *cut, *at, *end;
    int *nmust;
} sep_t;

/* The separable relaxation at multipliers lam (cost units, one per room
 * class): each owner keeps its musts and then, of its other pairs, the
 * best after their room price while they gain, within its capacity.
 * Returns the value in cost units (before the sum of lam * R and the
 * shortfall constant) and the pairs kept of each class in kept[];
 * LLONG_MIN when an owner has more musts than units. */
static long long sep_eval(const sep_t *S, const long long *lam, long *kept)
{
    const flow_t *f = S->f;
    const int nc = S->nc;
    long long total = 0;
    for (int c = 0; c < nc; c++) {
        S->pay[c] = (c ? S->pay[c - 1] : 0) + lam[c];
        kept[c] = 0;
    }
    for (int o = 0; o < f->ev->np; o++) {
        long a = S->off[o];
        int cap = f->ucap[o], c = S->nmust[o];
        if (c > cap)
            return LLONG_MIN;
        const long *up = f->uprof + f->uoff[o];
        long long acc = 0;
        for (int j = 0; j < c; j++) {
            acc += S->val[a + j] - S->pay[S->cls[a + j]] + up[j];
            kept[S->cls[a + j]]++;
        }
        for (int k = 0; k < nc; k++) {
            S->at[k] = S->cut[(long)o * (nc + 1) + k];
            S->end[k] = S->cut[(long)o * (nc + 1) + k + 1];
        }
        while (c < cap) {
            int bk = -1;
            long long bv = 0;
            for (int k = 0; k < nc; k++)
                if (S->at[k] < S->end[k] && (bk < 0 || S->val[S->at[k]] - S->pay[k] > bv)) {
                    bk = k;
                    bv = S->val[S->at[k]] - S->pay[k];
                }
            if (bk < 0 || bv + up[c] <= 0) /* values and unit profits only fall */
                break;
            acc += bv + up[c];
            kept[bk]++;
            S->at[bk]++;
            c++;
        }
        total += acc;
    }
    return total;
}

/* The value of the separable relaxation at lam in cost units, with the
 * room-slots priced in (sum of lam[q] * R[q]); the meetings each class
 * row counts (pairs of that class or a larger one) go to use[]. */
static double sep_value(const sep_t *S, const long long *lam, long *kept, long *use)
{
    long long v = sep_eval(S, lam, kept);
    if (v == LLONG_MIN)
        return NAN;
    double x = (double)v;
    long u = 0;
    for (int q = S->nc - 1; q >= 0; q--) {
        u += kept[q];
        use[q] = u;
        x += (double)lam[q] * (double)S->f->rr.roomslots[q];
    }
    return x;
}

/* A cheap bound beside the flow's Lagrangian, for events whose rooms are
 * far scarcer than the people want (SME minimums above the room-slots of
 * all rooms, or of the rooms large enough for two-person teams): there
 * the room multipliers that make the flow respect the room-slots are the
 * value of a minimum meeting (about the shortfall penalty), which the
 * flow's subgradient steps, a few solves of seconds each on large events,
 * never reach (a 300 x 3,000 event with half the room-slots its minimums
 * need: bound -94,458 against schedules near -212,000).  Here one side's
 * capacities are relaxed too: each pair belongs to its owner (its SME when
 * by_inv is 0, its investor when 1), the other side's profit becomes
 * linear at its first unit's (a concave profit with value 0 at 0 lies
 * below that line, and is subadditive, so a participant that is owner and
 * other at once is not undercounted either), and every owner then picks
 * its own pairs.  For any multipliers lam >= 0 the value plus the sum of
 * lam[q] * R[q] bounds the relaxation, as the flow's does; being separable
 * it costs one pass over the pairs, so the multipliers are found by
 * coordinate descent, each by bisection on its subgradient (R[q] less the
 * meetings of its row; the data are integers, so the kinks are too).
 * Returns the bound in objective units, with the multipliers where it was
 * found (cost units) in lam_at[] (rr.n entries), or INFINITY without one
 * (no memory, or an owner with more musts than units: the flow reports
 * that). */
static double separable_bound(const flow_t *f, int by_inv, long long *lam_at)
{
    const rs_event *ev = f->ev;
    const int np = ev->npairs, n = ev->np, nc = f->rr.n;
    double bound = INFINITY;
    sep_t S;
    memset(&S, 0, sizeof S);
    S.f = f;
    S.nc = nc;
    S.val = malloc(((size_t)np + 1) * sizeof(long long));
    S.cls = malloc((size_t)np + 1);
    S.off = calloc((size_t)n + 2, sizeof(long));
    S.cut = calloc((size_t)n * ((size_t)nc + 1) + 1, sizeof(long));
    S.nmust = calloc((size_t)n + 1, sizeof(int));
    S.pay = calloc((size_t)nc + 1, sizeof(long long));
    S.at = calloc((size_t)nc + 1, sizeof(long));
    S.end = calloc((size_t)nc + 1, sizeof(long));
    long long *lam = calloc((size_t)nc + 1, sizeof(long long));
    long *kept = calloc((size_t)nc + 1, sizeof(long)), *use = calloc((size_t)nc + 1, sizeof(long));
    long *cnt = calloc((size_t)n * ((size_t)nc + 1) + 1, sizeof(long));
    int *pcls = malloc(((size_t)np + 1) * sizeof(int));
    for (int q = 0; q < nc; q++)
        lam_at[q] = 0;
    if (!S.val || !S.cls || !S.off || !S.cut || !S.nmust || !S.pay || !S.at || !S.end || !lam ||
        !kept || !use || !cnt || !pcls)
        goto done;
    /* each pair's owner, class and value; -1 for a pair left out */
    long long top = 0;
    for (int p = 0; p < np; p++) {
        pcls[p] = -1;
        if (!f->pair_arc[p])
            continue;
        int must = ((const farc *)f->pair_arc[p]->data)->low > 0;
        int o = by_inv ? ev->pairs[p].inv : ev->pairs[p].sme;
        int other = by_inv ? ev->pairs[p].sme : ev->pairs[p].inv;
        if (!must && f->ucap[other] <= 0)
            continue; /* the partner can hold no meeting */
        int c = 0;
        while (c + 1 < nc && f->rr.need[c + 1] <= f->need_of[p])
            c++;
        pcls[p] = c;
        if (must)
            S.nmust[o]++;
        else
            cnt[(long)o * (nc + 1) + c]++;
    }
    /* owner o's block: its musts, then its classes in order */
    long pos = 0;
    for (int o = 0; o < n; o++) {
        S.off[o] = pos;
        pos += S.nmust[o];
        for (int c = 0; c <= nc; c++) {
            S.cut[(long)o * (nc + 1) + c] = pos;
            if (c < nc)
                pos += cnt[(long)o * (nc + 1) + c];
        }
    }
    S.off[n] = pos;
    memset(S.nmust, 0, (size_t)n * sizeof(int));
    memset(cnt, 0, (size_t)n * ((size_t)nc + 1) * sizeof(long));
    for (int p = 0; p < np; p++) {
        if (pcls[p] < 0)
            continue;
        int must = ((const farc *)f->pair_arc[p]->data)->low > 0;
        int o = by_inv ? ev->pairs[p].inv : ev->pairs[p].sme;
        int other = by_inv ? ev->pairs[p].sme : ev->pairs[p].inv;
        long long v = (long long)llround(ev->pairs[p].score * FLOW_SCALE) +
                      (f->ucap[other] > 0 ? f->uprof[f->uoff[other]] : 0);
        long at = must ? S.off[o] + S.nmust[o]++
                       : S.cut[(long)o * (nc + 1) + pcls[p]] + cnt[(long)o * (nc + 1) + pcls[p]]++;
        S.val[at] = v;
        S.cls[at] = (unsigned char)pcls[p];
        if (v > top)
            top = v;
    }
    for (int o = 0; o < n; o++)
        for (int c = 0; c < nc; c++) {
            long a = S.cut[(long)o * (nc + 1) + c], b = S.cut[(long)o * (nc + 1) + c + 1];
            rs_sort(S.val + a, (size_t)(b - a), sizeof(long long), cmp_ll_desc, NULL);
        }
    long long hi0 = 0;
    for (int o = 0; o < n; o++)
        if (f->ucap[o] > 0 && f->uprof[f->uoff[o]] > hi0)
            hi0 = f->uprof[f->uoff[o]];
    hi0 += top + 1; /* no pair gains when it pays this much */
    double best = sep_value(&S, lam, kept, use);
    if (isnan(best))
        goto done;
    /* coordinate descent: each multiplier in turn, the least value keeping
     * its row's meetings within its room-slots, by bisection */
    for (int round = 0; round < 3; round++) {
        int moved = 0;
        for (int q = 0; q < nc; q++) {
            long long keep = lam[q], lo = 0, hi = hi0, arg = 0;
            lam[q] = 0;
            double v = sep_value(&S, lam, kept, use), at_best = v;
            if (isnan(v))
                goto done;
            if (use[q] > f->rr.roomslots[q]) {
                while (hi - lo > 1) {
                    lam[q] = lo + (hi - lo) / 2;
                    v = sep_value(&S, lam, kept, use);
                    if (isnan(v))
                        goto done;
                    if (v < at_best) {
                        at_best = v;
                        arg = lam[q];
                    }
                    if (use[q] > f->rr.roomslots[q])
                        lo = lam[q];
                    else
                        hi = lam[q];
                }
                lam[q] = hi;
                v = sep_value(&S, lam, kept, use);
                if (!isnan(v) && v < at_best) {
                    at_best = v;
                    arg = hi;
                }
            }
            lam[q] = arg;
            moved |= arg != keep;
            if (at_best < best) {
                best = at_best;
                for (int r = 0; r < nc; r++)
                    lam_at[r] = lam[r];
            }
        }
        if (!moved)
            break;
    }
    bound = best / FLOW_SCALE - ev->w.min_meetings_shortfall * (double)f->minsum;
done:
    free(S.val);
    free(S.cls);
    free(S.off);
    free(S.cut);
    free(S.nmust);
    free(S.pay);
    free(S.at);
    free(S.end);
    free(lam);
    free(kept);
    free(use);
    free(cnt);
    free(pcls);
    return bound;
}

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
 * refuses the data (the caller falls back to the LP); RS_ENOSOLUTION when
 * flow.c (from OWN_FLOW_PAIRS pairs on) did not finish its first solve by
 * phase_deadline. */
static rs_code select_flow(const rs_event *ev, double deadline, double phase_deadline,
                           volatile sig_atomic_t *interrupt, const unsigned char *forced,
                           rs_selection *sel)
{
    const int np = ev->npairs;
    flow_t f;
    long long *l0 = NULL, *l1 = NULL; /* the separable bounds' multipliers */
    memset(&f, 0, sizeof f);
    f.ev = ev;
    f.pair_arc = rs_glp_calloc((size_t)np + 1, sizeof *f.pair_arc);
    f.need_of = rs_glp_calloc((size_t)np + 1, sizeof(int));
    f.best_x = rs_glp_calloc((size_t)np + 1, sizeof(int));
    f.rr.need = rs_glp_calloc((size_t)np + 1, sizeof(int));
    f.rr.roomslots = rs_glp_calloc((size_t)np + 1, sizeof(long));
    f.rr.lambda = rs_glp_calloc((size_t)np + 1, sizeof(long));
    f.rr.use = rs_glp_calloc((size_t)np + 1, sizeof(long));
    f.deg = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    for (int p = 0; p < np; p++) {
        f.deg[ev->pairs[p].inv]++;
        f.deg[ev->pairs[p].sme]++;
    }
    /* a participant's units are at most its candidate pairs */
    f.uprof = rs_glp_calloc(2 * (size_t)np + 1, sizeof(long));
    f.uoff = rs_glp_calloc((size_t)ev->np + 1, sizeof(long));
    f.ucap = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    f.own = np >= OWN_FLOW_PAIRS;
    f.phase_deadline = fmax(deadline, phase_deadline);
    f.G = glp_create_graph(sizeof(fnode), sizeof(farc));
    glp_add_vertices(f.G, ev->np + 2);
    double best = INFINITY;
    rs_code rc = flow_participant_arcs(&f);
    if (rc == RS_OK)
        rc = flow_pair_arcs(&f, forced);
    if (rc != RS_OK)
        goto done;
    f.rr.n = room_classes(ev, f.need_of, f.rr.need, f.rr.roomslots);
    sel->cols = f.G->na;
    sel->rows = f.G->nv;
    double sep = INFINITY;
    const long long *seed = NULL; /* the multipliers of the lower one */
    l0 = rs_glp_calloc((size_t)f.rr.n + 1, sizeof(long long));
    l1 = rs_glp_calloc((size_t)f.rr.n + 1, sizeof(long long));
    if (f.rr.n > 0) {
        double s0 = separable_bound(&f, 0, l0), s1 = separable_bound(&f, 1, l1);
        sep = fmin(s0, s1);
        seed = s0 <= s1 ? l0 : l1;
    }
    rc = flow_subgradient(&f, deadline, interrupt, sel, 1, &best);
    int seeded = 0;
    for (int q = 0; seed && q < f.rr.n; q++)
        seeded |= seed[q] > 0;
    if (rc == RS_OK && !sel->proven && sep < best && seeded &&
        rs_now() + f.last_solve <= deadline && !(interrupt && *interrupt)) {
        /* the separable bound is the lower: the flow's steps, which
         * cannot climb as far, go on from its multiplier (about a minimum
         * meeting's value when rooms are far scarcer than the minimums)
         * while time is left, for the bound only (the pairs' order stays
         * that of the steps above, which the timetable heuristics were
         * measured with) */
        double b2 = INFINITY;
        for (int q = 0; q < f.rr.n; q++)
            f.rr.lambda[q] = (long)seed[q];
        rs_code rc2 = flow_subgradient(&f, deadline, interrupt, sel, 0, &b2);
        if (rc2 != RS_OK && rc2 != RS_ENOSOLUTION) {
            rc = rc2;
            goto done;
        }
        best = fmin(best, b2);
    }
    if (rc == RS_ENOSOLUTION) {
        /* the first flow did not finish: the fallback's bound may use
         * this one, which needs no flow */
        sel->bound = floor(sep + 1e-6);
        goto done;
    }
    if (rc != RS_OK)
        goto done;
    sel->bound = floor(fmin(best, sep) + 1e-6);
    sel->nchosen = build_order(ev, f.best_x, sel->order);
done:
    glp_delete_graph(f.G);
    rs_glp_free(f.marg);
    rs_glp_free(f.slope);
    rs_glp_free(f.pair_arc);
    rs_glp_free(f.need_of);
    rs_glp_free(f.best_x);
    rs_glp_free(f.deg);
    rs_glp_free(f.rr.need);
    rs_glp_free(f.rr.roomslots);
    rs_glp_free(f.rr.lambda);
    rs_glp_free(f.rr.use);
    rs_glp_free(l0);
    rs_glp_free(l1);
    rs_glp_free(f.uprof);
    rs_glp_free(f.uoff);
    rs_glp_free(f.ucap);
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
    sel->bound = INFINITY; /* kept by RS_ENOSOLUTION unless a cheaper bound is known */
    sel->order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    if (!sel->order)
        return RS_ENOMEM;
    if (integral_weights(ev) && ev->npairs_io == ev->npairs) { /* a flow: no peer pairs */
        rs_code rc = select_flow(ev, fmin(deadline, rs_now() + tm_lim / 1000.0), deadline,
                                 interrupt, forced, sel);
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

/* The selection LP being built (see select_lp): column col_of[p] (0 for
 * none) per placeable pair, and the scratch of its rows, all GLPK scratch
 * memory. */
typedef struct {
    const rs_event *ev;
    glp_prob *lp;
    int *col_of, *ind, *needs, *first, *sf, *class_need, *kind;
    long *class_slots;
    double *val;
} sel_lp;

/* Section 1: a binary column per placeable pair, worth its score, fixed
 * to 1 for a must or forced pair.  RS_EINFEASIBLE when a must pair can
 * never be placed. */
static rs_code lp_columns(sel_lp *L, const unsigned char *forced)
{
    const rs_event *ev = L->ev;
    int ncols = 0;
    for (int p = 0; p < ev->npairs; p++) {
        if (!rs_pair_placeable(ev, p)) {
            if (ev->pairs[p].must)
                return RS_EINFEASIBLE;
            continue;
        }
        L->col_of[p] = ++ncols;
    }
    if (ncols)
        glp_add_cols(L->lp, ncols);
    for (int p = 0; p < ev->npairs; p++) {
        int c = L->col_of[p];
        if (!c)
            continue;
        glp_set_col_kind(L->lp, c, GLP_BV);
        if (ev->pairs[p].must || (forced && forced[p]))
            glp_set_col_bnds(L->lp, c, GLP_FX, 1, 1);
        glp_set_obj_coef(L->lp, c, ev->pairs[p].score);
    }
    return RS_OK;
}

/* Whether the selection LP charges each participant its floor of idle
 * slots and gaps (rs_gap_floor): where gaps cost or are capped, and where
 * peer pairs send a one-to-one event with idle slots here instead of to
 * the flow, which has idle floors of its own.  The other events the LP
 * solves (weights that are not whole numbers) keep their relaxation. */
static int lp_floors(const rs_event *ev)
{
    return rs_event_counts_gaps(ev) || (ev->npairs_io < ev->npairs && ev->w.idle_slot > 0);
}

/* Participant i's floor in the selection LP (lp_floors): its n pair
 * columns (L->ind[1..n]) pay at least the floor's cost, by columns y_u in
 * [0, 1] costing slope[u] for each meeting u past the free ones, which
 * the LP takes in order (the slopes do not decrease); *cap becomes the
 * most meetings its gap cap allows.  RS_OK or RS_ENOMEM. */
static rs_code lp_floor(sel_lp *L, int i, int n, int *cap)
{
    const rs_event *ev = L->ev;
    int lim = *cap < n ? *cap : n, most = 0, free_u = 0;
    if (lim <= 0)
        return RS_OK;
    double *slope = rs_glp_calloc((size_t)lim + 1, sizeof(double));
    if (rs_gap_floor(ev, i, lim, slope, &most) != 0) {
        rs_glp_free(slope);
        return RS_ENOMEM;
    }
    if (most < *cap)
        *cap = most;
    int m = n;
    for (int u = 1; u <= most; u++) {
        if (slope[u] <= 0) {
            free_u++;
            continue;
        }
        int c = glp_add_cols(L->lp, 1);
        glp_set_col_bnds(L->lp, c, GLP_DB, 0, 1);
        glp_set_obj_coef(L->lp, c, -slope[u]);
        L->ind[++m] = c;
        L->val[m] = -1;
    }
    if (m > n) {
        int r = glp_add_rows(L->lp, 1);
        glp_set_row_bnds(L->lp, r, GLP_UP, 0, free_u);
        glp_set_mat_row(L->lp, r, m, L->ind, L->val);
    }
    rs_glp_free(slope);
    return RS_OK;
}

/* Section 2, per participant: its pairs at most its capacity (a row only
 * where they could exceed it), the soft minimum with a shortfall column
 * (L->sf), and where lp_floors says so its floor of idle slots and gaps
 * (lp_floor).  RS_OK or RS_ENOMEM. */
static rs_code lp_participant_rows(sel_lp *L)
{
    const rs_event *ev = L->ev;
    const int np = ev->npairs;
    L->first = rs_glp_calloc((size_t)ev->np + 2, sizeof(int));
    int *list = rs_glp_calloc((size_t)np * 2 + 1, sizeof(int));
    for (int p = 0; p < np; p++)
        if (L->col_of[p]) {
            L->first[ev->pairs[p].inv + 1]++;
            L->first[ev->pairs[p].sme + 1]++;
        }
    for (int i = 0; i < ev->np; i++)
        L->first[i + 1] += L->first[i];
    int *fill = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    for (int p = 0; p < np; p++)
        if (L->col_of[p]) {
            int a = ev->pairs[p].inv, b = ev->pairs[p].sme;
            list[L->first[a] + fill[a]++] = L->col_of[p];
            list[L->first[b] + fill[b]++] = L->col_of[p];
        }
    rs_glp_free(fill);
    int floors = lp_floors(ev);
    for (int i = 0; i < ev->np; i++) {
        int n = L->first[i + 1] - L->first[i];
        int cap = rs_participant_capacity(ev, i);
        const rs_participant *a = &ev->p[i];
        for (int q = 0; q < n; q++) {
            L->ind[q + 1] = list[L->first[i] + q];
            L->val[q + 1] = 1;
        }
        if (floors && n > 0 && lp_floor(L, i, n, &cap) != RS_OK) {
            rs_glp_free(list);
            return RS_ENOMEM;
        }
        if (n > cap) {
            int r = glp_add_rows(L->lp, 1);
            glp_set_row_bnds(L->lp, r, GLP_UP, 0, cap);
            glp_set_mat_row(L->lp, r, n, L->ind, L->val);
        }
        if (a->min_meetings > 0) {
            int c = glp_add_cols(L->lp, 1);
            glp_set_col_bnds(L->lp, c, GLP_DB, 0, a->min_meetings);
            glp_set_obj_coef(L->lp, c, -ev->w.min_meetings_shortfall);
            L->sf[i] = c;
            L->ind[n + 1] = c;
            L->val[n + 1] = 1;
            int r = glp_add_rows(L->lp, 1);
            glp_set_row_bnds(L->lp, r, GLP_LO, a->min_meetings, 0);
            glp_set_mat_row(L->lp, r, n + 1, L->ind, L->val);
        }
    }
    rs_glp_free(list);
    return RS_OK;
}

/* Section 3: for each seat need q, the pairs needing q or more are at
 * most the room-slots that hold q. */
static void lp_room_rows(sel_lp *L)
{
    const rs_event *ev = L->ev;
    const int np = ev->npairs;
    for (int p = 0; p < np; p++)
        L->needs[p] = L->col_of[p] ? ev->p[ev->pairs[p].inv].team_size +
                                         ev->p[ev->pairs[p].sme].team_size
                                   : 0;
    int nd = room_classes(ev, L->needs, L->class_need, L->class_slots);
    for (int d = 0; d < nd; d++) {
        int n = 0;
        for (int p = 0; p < np; p++)
            if (L->col_of[p] && L->needs[p] >= L->class_need[d]) {
                L->ind[++n] = L->col_of[p];
                L->val[n] = 1;
            }
        if (n > L->class_slots[d]) {
            int r = glp_add_rows(L->lp, 1);
            glp_set_row_bnds(L->lp, r, GLP_UP, 0, (double)L->class_slots[d]);
            glp_set_mat_row(L->lp, r, n, L->ind, L->val);
        }
    }
}

/* Solves the LP until deadline, then the MIP within tm_lim ms: the bound
 * (the MIP's optimum when proven, else the LP's value) and the order of
 * pairs (those chosen by the MIP's solution, or by the LP's, first).
 * RS_ENOSOLUTION when the LP ran out of time, RS_EINFEASIBLE, or
 * RS_ESOLVER when the LP ended otherwise. */
static rs_code lp_solve(sel_lp *L, int tm_lim, double deadline,
                        volatile sig_atomic_t *interrupt, rs_selection *sel)
{
    const rs_event *ev = L->ev;
    glp_prob *lp = L->lp;
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_OFF;
    int ret = rs_simplex_until(lp, &sp, deadline, interrupt);
    if (ret == GLP_ETMLIM)
        return RS_ENOSOLUTION;
    if (ret != 0 || glp_get_status(lp) != GLP_OPT)
        return glp_get_status(lp) == GLP_NOFEAS ? RS_EINFEASIBLE : RS_ESOLVER;
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
        return RS_EINFEASIBLE;
    } else {
        sel->bound = rs_safe_bound(ev, lpval);
    }
    for (int p = 0; p < ev->npairs; p++)
        L->kind[p] = !L->col_of[p] ? 0
                     : (st == GLP_OPT || st == GLP_FEAS)
                         ? (glp_mip_col_val(lp, L->col_of[p]) > 0.5 ? 2 : 1)
                         : (glp_get_col_prim(lp, L->col_of[p]) > 0.5 ? 2 : 1);
    sel->nchosen = build_order(ev, L->kind, sel->order);
    return RS_OK;
}

/* The selection relaxation as a GLPK LP, then MIP within tm_lim
 * milliseconds: for weights that are not whole numbers (the flow needs
 * integers).  It ignores idle slots, so its bound is weaker. */
static rs_code select_lp(const rs_event *ev, int tm_lim, double deadline,
                         volatile sig_atomic_t *interrupt, const unsigned char *forced,
                         rs_selection *sel)
{
    rs_code rc = RS_ENOMEM;
    const int np = ev->npairs;
    sel_lp L;
    memset(&L, 0, sizeof L);
    memset(sel, 0, sizeof *sel);
    L.ev = ev;
    L.col_of = rs_glp_calloc((size_t)np + 1, sizeof(int));
    L.ind = rs_glp_calloc(2 * (size_t)np + 2, sizeof(int)); /* a row: pairs and floor columns */
    L.val = rs_glp_calloc(2 * (size_t)np + 2, sizeof(double));
    L.needs = rs_glp_calloc((size_t)np + 1, sizeof(int));
    L.class_need = rs_glp_calloc((size_t)np + 1, sizeof(int));
    L.class_slots = rs_glp_calloc((size_t)np + 1, sizeof(long));
    L.sf = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    L.kind = rs_glp_calloc((size_t)np + 1, sizeof(int));
    sel->order = malloc(((size_t)np + 1) * sizeof(int)); /* the caller's */
    if (!sel->order)
        goto done;
    L.lp = glp_create_prob();
    glp_set_obj_dir(L.lp, GLP_MAX);
    rc = lp_columns(&L, forced);
    if (rc != RS_OK)
        goto done;
    rc = lp_participant_rows(&L);
    if (rc != RS_OK)
        goto done;
    lp_room_rows(&L);
    sel->cols = glp_get_num_cols(L.lp);
    sel->rows = glp_get_num_rows(L.lp);
    rc = lp_solve(&L, tm_lim, deadline, interrupt, sel);
done:
    if (L.lp)
        glp_delete_prob(L.lp);
    if (rc != RS_OK) {
        free(sel->order);
        sel->order = NULL;
    }
    rs_glp_free(L.col_of);
    rs_glp_free(L.ind);
    rs_glp_free(L.val);
    rs_glp_free(L.needs);
    rs_glp_free(L.class_need);
    rs_glp_free(L.class_slots);
    rs_glp_free(L.first);
    rs_glp_free(L.sf);
    rs_glp_free(L.kind);
    return rc;
}
