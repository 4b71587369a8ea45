/*
 * group_route.c - re-routing one investor's whole day in the group
 * format (rs_gt_reroute in group_heur.h).
 *
 * With the pitches where they are, which pitches an investor hears is its
 * own business as long as every panel keeps group_min_investors and fits
 * its room.  The panel moves of group_heur.c change one seat at a time,
 * and a seat that would close an idle slot or save a trip between venues
 * often pays only together with two or three others (leave the 10:00
 * pitch in one venue, hear the 10:00 and 10:30 ones in the other).  This
 * move takes an investor out of every panel it may leave and gives it
 * back the best set of pitches there is for it: a longest path over its
 * possible seats in slot order, whose state is the run of consecutive
 * meetings, the meetings so far and (under a gap cap) the gaps so far,
 * so that availability, the consecutive limit, travel, the maximum, the
 * gap cap, idle slots, gaps, the shortfall and the keep bonus are all
 * counted exactly.  Hearing one SME twice is the one rule the path cannot
 * see; a route that does is tried again without the lesser of the two
 * seats.  The result is checked against every rule before it is kept.
 */
#include "group_heur.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest number of path states times seats one investor may cost: a
 * panel day of 14 slots and 6 rooms needs about 3,000 states and 84
 * seats; events far larger skip the move rather than stall the search. */
#define ROUTE_MAX_WORK 4000000.0
/* Tries of one investor's route after it heard an SME twice. */
#define ROUTE_TRIES 6

/* One seat the investor may take: pitch pi in slot k at venue v, worth
 * val (pair score and keep bonus); forced when it may not leave it. */
typedef struct {
    int k, pi, v, forced, banned;
    double val;
} seat;

typedef struct {
    rs_gt *h;
    int i;                /* the investor                                */
    seat *seats;          /* in slot order                               */
    int nseat, capseat;
    int *first;           /* ns + 1: first seat of each slot             */
    int maxc, maxm, ng;   /* run, count and gap dimensions of a state    */
    int capped;           /* gaps counted against max_idle_gaps (ng - 1) */
    double *best;         /* per state: best value of a route ending there */
    int *from;            /* per state: the state before, -1 at a start  */
    size_t nstate, capstate;
    int *route, nroute;   /* the seats of the best route                 */
    int *left, nleft;     /* pitches the investor left (for undoing)     */
} router;

/* Index of participant p and slot k in the timetable's np x ns maps. */
static size_t cell(const rs_gt *h, int p, int k)
{
    return (size_t)p * (size_t)h->ns + (size_t)k;
}

/* Whether investor i may not leave pitch pi: the pitch is locked, their
 * pair is a must, or the panel would fall below group_min_investors. */
static int must_stay(const rs_gt *h, int pi, int i)
{
    const rs_event *ev = h->ev;
    const rs_pitch *P = &h->pt[pi];
    int p = rs_pair_index(ev, i, P->sme);
    return P->locked || (p >= 0 && ev->pairs[p].must) || P->ninv <= ev->group_min_investors;
}

/* The investor's part of the objective (what its seats, idle slots, gaps
 * and shortfall add, keep bonus included) as its row stands, less the
 * seat price (rs_gt_seat_price) of each seat beyond a panel's minimum. */
static double own_value(const rs_gt *h, int i)
{
    const rs_event *ev = h->ev;
    const unsigned char *row = h->busy + cell(h, i, 0);
    double v = 0;
    for (int k = 0; k < h->ns; k++) {
        int pi = h->at[cell(h, i, k)];
        if (pi < 0)
            continue;
        const rs_pitch *P = &h->pt[pi];
        v += rs_group_pair_score(ev, i, P->sme) + rs_gt_keep(h, i, P->sme, k, P->room);
        if (!must_stay(h, pi, i))
            v -= h->seat_price;
    }
    if (h->count[i] < ev->p[i].min_meetings)
        v -= ev->w.min_meetings_shortfall * (ev->p[i].min_meetings - h->count[i]);
    v -= ev->w.idle_slot * rs_idle_of(ev, row);
    if (ev->w.idle_gap != 0)
        v -= ev->w.idle_gap * rs_gaps_of(ev, row);
    return v;
}

/* Adds a seat; 0, or -1 when out of memory. */
static int push_seat(router *R, int k, int pi, int forced, double val)
{
    if (R->nseat == R->capseat) {
        int cap = R->capseat ? 2 * R->capseat : 64;
        seat *ns = realloc(R->seats, (size_t)cap * sizeof(seat));
        if (!ns)
            return -1;
        R->seats = ns;
        R->capseat = cap;
    }
    const rs_gt *h = R->h;
    R->seats[R->nseat++] = (seat){k, pi, h->ev->rooms[h->pt[pi].room].venue, forced, 0, val};
    return 0;
}

/* The seats investor R->i may take with the other panels as they are
 * (it has left every panel it may leave): its forced pitches, and in
 * each other slot where it is available every unlocked pitch with room
 * for it whose SME it may hear then and has not heard. */
static int list_seats(router *R)
{
    rs_gt *h = R->h;
    const rs_event *ev = h->ev;
    int i = R->i;
    R->nseat = 0;
    for (int k = 0; k < h->ns; k++) {
        R->first[k] = R->nseat;
        int pi = h->at[cell(h, i, k)];
        if (pi >= 0) {
            const rs_pitch *P = &h->pt[pi];
            if (push_seat(R, k, pi, 1,
                          rs_group_pair_score(ev, i, P->sme) +
                              rs_gt_keep(h, i, P->sme, k, P->room)) != 0)
                return -1;
            continue;
        }
        if (!ev->p[i].avail[k])
            continue;
        for (int r = 0; r < ev->nrooms; r++) {
            int q = h->room_at[(size_t)r * (size_t)h->ns + (size_t)k];
            if (q < 0)
                continue;
            const rs_pitch *P = &h->pt[q];
            int p = rs_pair_index(ev, i, P->sme);
            if (P->locked || p < 0 || !rs_pair_slot_ok(ev, p, k) || rs_gt_heard(h, i, P->sme) ||
                P->people + ev->p[i].team_size > ev->rooms[r].capacity)
                continue;
            if (push_seat(R, k, q, 0,
                          ev->pairs[p].score + rs_gt_keep(h, i, P->sme, k, r) - h->seat_price) !=
                0)
                return -1;
        }
    }
    R->first[h->ns] = R->nseat;
    return 0;
}

/* The path state "a route whose last seat is s, with a run of `run`
 * consecutive meetings ending there, c meetings and g gaps so far"; the
 * seat is the index divided by maxc x maxm x ng (best_route walks back so). */
static size_t state_of(const router *R, int s, int run, int c, int g)
{
    return (((size_t)s * (size_t)R->maxc + (size_t)(run - 1)) * (size_t)R->maxm +
            (size_t)(c - 1)) * (size_t)R->ng + (size_t)g;
}

/* The best route over the seats not banned: fills R->route and returns
 * its value (-HUGE_VAL when none keeps every forced seat).  0 meetings is
 * a route when nothing is forced. */
static double best_route(router *R)
{
    rs_gt *h = R->h;
    const rs_event *ev = h->ev;
    const rs_participant *a = &ev->p[R->i];
    int ns = h->ns, firstf = ns, lastf = -1;
    for (int s = 0; s < R->nseat; s++)
        if (R->seats[s].forced) {
            firstf = firstf < R->seats[s].k ? firstf : R->seats[s].k;
            lastf = R->seats[s].k;
        }
    for (size_t x = 0; x < R->nstate; x++)
        R->best[x] = -HUGE_VAL;
    double wi = ev->w.idle_slot, wg = ev->w.idle_gap, ws = ev->w.min_meetings_shortfall;
    double top = -HUGE_VAL;
    long top_state = -1;
    if (lastf < 0) /* no meeting at all */
        top = -ws * a->min_meetings;
    for (int s = 0; s < R->nseat; s++) {
        const seat *A = &R->seats[s];
        if (A->banned)
            continue;
        if (A->k <= firstf) {
            size_t x = state_of(R, s, 1, 1, 0);
            if (A->val > R->best[x]) {
                R->best[x] = A->val;
                R->from[x] = -1;
            }
        }
        /* the next forced slot after this one bounds the next seat */
        int until = ns - 1;
        for (int t = s + 1; t < R->nseat; t++)
            if (R->seats[t].forced && R->seats[t].k > A->k) {
                until = R->seats[t].k;
                break;
            }
        for (int run = 1; run <= R->maxc; run++)
            for (int c = 1; c <= R->maxm; c++)
                for (int g = 0; g < R->ng; g++) {
                    size_t x = state_of(R, s, run, c, g);
                    double b = R->best[x];
                    if (b == -HUGE_VAL)
                        continue;
                    if (A->k >= lastf) {
                        double end = b - (c < a->min_meetings ? ws * (a->min_meetings - c) : 0);
                        if (end > top) {
                            top = end;
                            top_state = (long)x;
                        }
                    }
                    if (c >= R->maxm)
                        continue;
                    for (int t = R->first[A->k + 1 < ns ? A->k + 1 : ns];
                         t < R->nseat && R->seats[t].k <= until; t++) {
                        const seat *B = &R->seats[t];
                        if (B->banned)
                            continue;
                        int same = ev->slots[B->k].day == ev->slots[A->k].day;
                        int idle = same ? B->k - A->k - 1 : 0;
                        int nrun = ev->slots[B->k].prev == A->k ? run + 1 : 1;
                        int ng = R->capped ? g + (idle > 0) : 0;
                        if (nrun > a->max_consecutive || ng >= R->ng ||
                            (same && ev->slots[B->k].start - ev->slots[A->k].end <
                                         rs_travel(ev, A->v, B->v)))
                            continue;
                        double nb = b + B->val - wi * idle - (idle > 0 ? wg : 0);
                        size_t y = state_of(R, t, nrun, c + 1, ng);
                        if (nb > R->best[y]) {
                            R->best[y] = nb;
                            R->from[y] = (int)x;
                        }
                    }
                }
    }
    R->nroute = 0;
    for (long x = top_state; x >= 0; x = R->from[x])
        R->route[R->nroute++] = (int)((size_t)x / ((size_t)R->maxc * (size_t)R->maxm *
                                                   (size_t)R->ng));
    return top;
}

/* Puts the investor back into the pitches it left. */
static void undo_leave(router *R)
{
    for (int e = 0; e < R->nleft; e++)
        rs_gt_add_inv(R->h, R->left[e], R->i);
    R->nleft = 0;
}

/* Removes investor i from pitch pi's panel. */
static void leave(rs_gt *h, int pi, int i)
{
    const rs_pitch *P = &h->pt[pi];
    for (int j = 0; j < P->ninv; j++)
        if (P->inv[j] == i) {
            rs_gt_remove_inv(h, pi, j);
            return;
        }
}

/* Re-routes investor R->i; 1 when its day improved, 0 when it stayed,
 * -1 when out of memory. */
static int reroute_one(router *R)
{
    rs_gt *h = R->h;
    const rs_event *ev = h->ev;
    const rs_participant *a = &ev->p[R->i];
    int i = R->i;
    double before = own_value(h, i);
    R->nleft = 0;
    for (int k = 0; k < h->ns; k++) {
        int pi = h->at[cell(h, i, k)];
        if (pi >= 0 && !must_stay(h, pi, i)) {
            leave(h, pi, i);
            R->left[R->nleft++] = pi;
        }
    }
    if (list_seats(R) != 0) {
        undo_leave(R);
        return -1;
    }
    R->maxc = a->max_consecutive < h->ns ? a->max_consecutive : h->ns;
    R->maxm = a->max_meetings < h->ns ? a->max_meetings : h->ns;
    R->capped = a->max_idle_gaps < h->ns;
    R->ng = R->capped ? a->max_idle_gaps + 1 : 1;
    size_t need = (size_t)R->nseat * (size_t)R->maxc * (size_t)R->maxm * (size_t)R->ng;
    if (R->maxm < 1 || (double)need * R->nseat > ROUTE_MAX_WORK) {
        undo_leave(R);
        return 0;
    }
    if (need > R->capstate) {
        double *nb = realloc(R->best, need * sizeof(double));
        if (nb)
            R->best = nb;
        int *nf = nb ? realloc(R->from, need * sizeof(int)) : NULL;
        if (!nf) {
            undo_leave(R);
            return -1;
        }
        R->from = nf;
        R->capstate = need;
    }
    R->nstate = need;
    double after = -HUGE_VAL;
    for (int tries = 0; tries < ROUTE_TRIES; tries++) {
        after = best_route(R);
        /* the route lists its seats last first; find an SME heard twice */
        int twice = -1;
        for (int x = 0; x < R->nroute && twice < 0; x++)
            for (int y = x + 1; y < R->nroute && twice < 0; y++)
                if (h->pt[R->seats[R->route[x]].pi].sme == h->pt[R->seats[R->route[y]].pi].sme) {
                    const seat *X = &R->seats[R->route[x]], *Y = &R->seats[R->route[y]];
                    /* both forced cannot be: the SME was heard once */
                    twice = Y->forced || (!X->forced && X->val < Y->val) ? R->route[x]
                                                                          : R->route[y];
                }
        if (twice < 0)
            break;
        R->seats[twice].banned = 1;
        after = -HUGE_VAL;
    }
    if (after <= before + RS_EPS) {
        undo_leave(R);
        return 0;
    }
    for (int x = 0; x < R->nroute; x++) {
        const seat *S = &R->seats[R->route[x]];
        if (!S->forced)
            rs_gt_add_inv(h, S->pi, i);
    }
    /* the path counts every rule; the row's own check is the last word */
    if (rs_gt_row_ok(h, i) && h->count[i] <= a->max_meetings &&
        own_value(h, i) > before + RS_EPS)
        return 1;
    for (int x = 0; x < R->nroute; x++) {
        const seat *S = &R->seats[R->route[x]];
        if (!S->forced)
            leave(h, S->pi, i);
    }
    undo_leave(R);
    return 0;
}

long rs_gt_reroute(rs_gt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    router R = {0};
    long total = 0;
    R.h = h;
    R.first = malloc(((size_t)h->ns + 1) * sizeof(int));
    R.route = malloc(((size_t)h->ns + 1) * sizeof(int));
    R.left = malloc(((size_t)h->ns + 1) * sizeof(int));
    if (!R.first || !R.route || !R.left) {
        total = -1;
        goto done;
    }
    for (int pass = 0; pass < 20; pass++) {
        long moves = 0;
        for (int i = 0; i < ev->ninv; i++) {
            if (rs_now() > deadline || (interrupt && *interrupt))
                goto done;
            R.i = i;
            int m = reroute_one(&R);
            if (m < 0) {
                total = -1;
                goto done;
            }
            moves += m;
        }
        total += moves;
        if (!moves)
            break;
    }
done:
    free(R.first);
    free(R.route);
    free(R.left);
    free(R.seats);
    free(R.best);
    free(R.from);
    return total;
}
