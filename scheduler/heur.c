/*
 * heur.c - the timetabling heuristic (see heur.h).
 *
 * State is kept as dense maps (participant x slot, room x slot) so that
 * each feasibility test and each change of the objective is computed from
 * a handful of cells: a move only touches the two participants' day rows.
 */
#include "heur_state.h"
#include "homes.h"
#include "model.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Room indices by venue, then capacity, then index (ctx: the event). */
static int cmp_room_cap(const void *a, const void *b, void *ctx)
{
    const rs_event *ev = ctx;
    const rs_room *x = &ev->rooms[*(const int *)a], *y = &ev->rooms[*(const int *)b];
    if (x->venue != y->venue)
        return x->venue - y->venue;
    if (x->capacity != y->capacity)
        return x->capacity - y->capacity;
    return *(const int *)a - *(const int *)b;
}

/* Marks room r free (1) or taken (0) at slot k in the free-room bits. */
static void set_free(rs_tt *h, int r, int k, int on)
{
    int i = h->vpos[r];
    uint64_t *w = h->freebits + (size_t)k * (size_t)h->fw + (size_t)(i >> 6);
    uint64_t bit = (uint64_t)1 << (i & 63);
    *w = on ? *w | bit : *w & ~bit;
}

/* Whether at least one participant in seven has a must pair (scratch: np
 * zeros, left zero).  Then musts left where the construction put them pin
 * so many days that the moves cannot pull meetings together round them
 * (brokerage days with a third of their requests musts ended 4 to 7%
 * lower than with musts moving; roadshows of 40 x 160 with musts for 16%
 * and 22% of the people 0.3% and 0.9% lower).  Below that the measured
 * differences went either way by a few points, so a handful of musts, as
 * on most roadshows, stay in place and those schedules as they were. */
static int many_musts(const rs_event *ev, int *scratch)
{
    int with = 0;
    for (int p = 0; p < ev->npairs; p++)
        if (ev->pairs[p].must)
            scratch[ev->pairs[p].inv] = scratch[ev->pairs[p].sme] = 1;
    for (int p = 0; p < ev->np; p++) {
        with += scratch[p];
        scratch[p] = 0;
    }
    return 7 * with >= ev->np && with > 0;
}

rs_tt *rs_tt_new(const rs_event *ev)
{
    rs_tt *h = calloc(1, sizeof(rs_tt));
    if (!h)
        return NULL;
    size_t ps = (size_t)ev->np * (size_t)ev->nslots;
    size_t rsz = (size_t)ev->nrooms * (size_t)ev->nslots;
    h->ev = ev;
    h->ns = ev->nslots;
    h->busy = calloc(ps + 1, 1);
    h->venue = malloc((ps + 1) * sizeof(int));
    h->pm = malloc((ps + 1) * sizeof(int));
    h->room_m = malloc((rsz + 1) * sizeof(int));
    h->count = calloc((size_t)ev->np + 1, sizeof(int));
    h->pair_m = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    h->need = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    h->vrooms = malloc(((size_t)ev->nrooms + 1) * sizeof(int));
    h->vfirst = calloc((size_t)ev->nvenues + 2, sizeof(int));
    h->vorder = calloc((size_t)ev->nvenues + 1, sizeof(int));
    h->vpos = malloc(((size_t)ev->nrooms + 1) * sizeof(int));
    h->fw = (ev->nrooms + 63) / 64;
    h->freebits = calloc((size_t)h->fw * (size_t)ev->nslots + 1, sizeof(uint64_t));
    if (ev->gap_cap)
        h->gaps = calloc((size_t)ev->np + 1, sizeof(int));
    if (!h->busy || !h->venue || !h->pm || !h->room_m || !h->count || !h->pair_m || !h->need ||
        !h->vrooms || !h->vfirst || !h->vorder || !h->vpos || !h->freebits ||
        (ev->gap_cap && !h->gaps)) {
        rs_tt_free(h);
        return NULL;
    }
    for (size_t i = 0; i < ps; i++)
        h->venue[i] = h->pm[i] = -1;
    for (size_t i = 0; i < rsz; i++)
        h->room_m[i] = -1;
    for (int p = 0; p < ev->npairs; p++) {
        h->pair_m[p] = -1;
        h->need[p] = ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size;
    }
    h->must_moves = rs_event_counts_gaps(ev) || many_musts(ev, h->count);
    for (int r = 0; r < ev->nrooms; r++) {
        h->vrooms[r] = r;
        h->vfirst[ev->rooms[r].venue + 1]++;
    }
    for (int v = 0; v < ev->nvenues; v++)
        h->vfirst[v + 1] += h->vfirst[v];
    rs_sort(h->vrooms, (size_t)ev->nrooms, sizeof(int), cmp_room_cap, (void *)ev);
    for (int i = 0; i < ev->nrooms; i++) {
        int r = h->vrooms[i];
        h->vpos[r] = i;
        for (int k = 0; k < ev->nslots; k++)
            if (ev->rooms[r].avail[k])
                set_free(h, r, k, 1);
    }
    return h;
}

void rs_tt_free(rs_tt *h)
{
    if (!h)
        return;
    free(h->busy);
    free(h->venue);
    free(h->pm);
    free(h->room_m);
    free(h->count);
    free(h->gaps);
    free(h->pair_m);
    free(h->need);
    free(h->vrooms);
    free(h->vfirst);
    free(h->vorder);
    free(h->home);
    free(h->vpos);
    free(h->freebits);
    free(h->m);
    free(h);
}

/* Change of the objective from p gaining (+1) or losing (-1) a meeting,
 * through its minimum. */
static double short_delta(const rs_tt *h, int p, int dir)
{
    const rs_participant *a = &h->ev->p[p];
    if (dir > 0)
        return h->count[p] < a->min_meetings ? h->ev->w.min_meetings_shortfall : 0;
    return h->count[p] <= a->min_meetings ? -h->ev->w.min_meetings_shortfall : 0;
}

/* What the gaps of pair's two participants cost more (or less, when
 * negative) if their busy bits at k flipped: nothing unless gaps are
 * paid for. */
static double gap_cost(const rs_tt *h, const rs_pair *pr, int k)
{
    if (h->ev->w.idle_gap <= 0)
        return 0;
    return h->ev->w.idle_gap * (rs_tt_gap_delta(h, pr->inv, k) + rs_tt_gap_delta(h, pr->sme, k));
}

/* Objective gain of adding pair at slot k (feasibility not checked). */
double rs_tt_add_gain(const rs_tt *h, int pair, int k)
{
    const rs_pair *pr = &h->ev->pairs[pair];
    return pr->score + short_delta(h, pr->inv, 1) + short_delta(h, pr->sme, 1) -
           h->ev->w.idle_slot * (rs_tt_idle_delta(h, pr->inv, k) + rs_tt_idle_delta(h, pr->sme, k)) -
           gap_cost(h, pr, k);
}

/* Objective change of removing meeting i (negative when it loses). */
double rs_tt_remove_gain(const rs_tt *h, int i)
{
    const rs_placement *m = &h->m[i];
    const rs_pair *pr = &h->ev->pairs[m->pair];
    return -pr->score - rs_keep_bonus(h->keep, m->pair, m->slot, m->room) +
           short_delta(h, pr->inv, -1) + short_delta(h, pr->sme, -1) -
           h->ev->w.idle_slot *
               (rs_tt_idle_delta(h, pr->inv, m->slot) + rs_tt_idle_delta(h, pr->sme, m->slot)) -
           gap_cost(h, pr, m->slot);
}

/* rs_gaps_within for p's row of the timetable, from the gaps kept per
 * participant (h->gaps) and, only for someone at its cap, the change at
 * k (a flip changes the gaps by one at most): the search asks this of
 * both people of every meeting it tries to add or take out, and counting
 * every day's gaps again took a fifth of the main process's time on 150
 * x 1,000 with one gap each and a quarter on the Chengdu sample with one
 * gap each. */
static int gaps_within(const rs_tt *h, int p, int k)
{
    int cap = h->ev->p[p].max_idle_gaps, g = h->gaps[p];
    if (cap >= RS_UNLIMITED || g < cap)
        return 1;
    return g + (k >= 0 ? rs_tt_gap_delta(h, p, k) : 0) <= cap;
}

/* Keeps h->gaps as p's busy bit at k is about to flip. */
static void gaps_flip(rs_tt *h, int p, int k)
{
    if (h->gaps)
        h->gaps[p] += rs_tt_gap_delta(h, p, k);
}

/* Whether pair may meet in venue v at slot k as far as homes go: no
 * homes, a peer pair, no home that day, or v the investor's home. */
static int home_ok(const rs_tt *h, int pair, int k, int v)
{
    const rs_pair *pr = &h->ev->pairs[pair];
    if (!h->home || pr->peer)
        return 1;
    int home = h->home[(size_t)pr->inv * (size_t)h->ev->ndays + (size_t)h->ev->slots[k].day];
    return home < 0 || v == home;
}

/* Both participants can take the pair at slot k in venue v (and v is the
 * investor's home that day, when homes are set). */
int rs_tt_people_ok(const rs_tt *h, int pair, int k, int v)
{
    const rs_pair *pr = &h->ev->pairs[pair];
    const rs_event *ev = h->ev;
    if (!home_ok(h, pair, k, v))
        return 0;
    if (h->count[pr->inv] >= ev->p[pr->inv].max_meetings ||
        h->count[pr->sme] >= ev->p[pr->sme].max_meetings || !rs_pair_slot_ok(ev, pair, k))
        return 0;
    if (ev->gap_cap && !rs_tt_row(h, pr->inv)[k] && !rs_tt_row(h, pr->sme)[k] &&
        (!gaps_within(h, pr->inv, k) || !gaps_within(h, pr->sme, k)))
        return 0;
    return rs_can_add(ev, pr->inv, k, v, rs_tt_row(h, pr->inv),
                      h->venue + (size_t)pr->inv * (size_t)h->ns) &&
           rs_can_add(ev, pr->sme, k, v, rs_tt_row(h, pr->sme),
                      h->venue + (size_t)pr->sme * (size_t)h->ns);
}

/* The smallest free room of venue v at slot k holding need people, or -1. */
int rs_tt_free_room(const rs_tt *h, int v, int k, int need)
{
    int lo = h->vfirst[v], hi = h->vfirst[v + 1];
    const uint64_t *row = h->freebits + (size_t)k * (size_t)h->fw;
    for (int w = lo >> 6; lo < hi && w <= (hi - 1) >> 6; w++) {
        uint64_t bits = row[w];
        if (w == lo >> 6)
            bits &= ~(uint64_t)0 << (lo & 63);
        if (w == (hi - 1) >> 6)
            bits &= ~(uint64_t)0 >> (63 - ((hi - 1) & 63));
        for (; bits; bits &= bits - 1) {
            int r = h->vrooms[w * 64 + __builtin_ctzll(bits)];
            if (h->ev->rooms[r].capacity >= need)
                return r;
        }
    }
    return -1;
}

/* The room of pair's previous meeting when k is its previous slot, that
 * room is free, holds the pair and both people can go there; else -1. */
static int prev_room_free(const rs_tt *h, int pair, int k)
{
    if (!h->keep || h->keep->slot[pair] != k)
        return -1;
    int r = h->keep->room[pair];
    const rs_room *rm = &h->ev->rooms[r];
    if (rm->capacity < h->need[pair] || !rm->avail[k] ||
        h->room_m[(size_t)r * (size_t)h->ns + (size_t)k] >= 0 ||
        !rs_tt_people_ok(h, pair, k, rm->venue))
        return -1;
    return r;
}

/* The venue of participant p's meeting nearest to slot k on k's day
 * (the earlier one on a tie), or -1 when p has none that day. */
static int near_venue(const rs_tt *h, int p, int k)
{
    const rs_day *day = &h->ev->days[h->ev->slots[k].day];
    const unsigned char *row = rs_tt_row(h, p);
    const int *ven = h->venue + (size_t)p * (size_t)h->ns;
    int a0 = day->first_slot, a1 = a0 + day->nslots;
    for (int dist = 1; dist < day->nslots; dist++) {
        if (k - dist >= a0 && row[k - dist])
            return ven[k - dist];
        if (k + dist < a1 && row[k + dist])
            return ven[k + dist];
    }
    return -1;
}

/* The venues to try for pair at slot k, best first, into order[0..nvenues):
 * the venue of the investor's nearest meeting that day, the investor's
 * home venue, the venue of the SME's nearest meeting, then the others in
 * their order.  Every venue gains the same now, but a participant who
 * stays in one venue needs no travel gap (idle slots) between meetings,
 * and the next meeting placed next to this one will fit there too.  Home
 * venues spread the investors over the venues by their number of rooms,
 * so that their first meetings do not all crowd into the first venue. */
void rs_tt_venue_order(const rs_tt *h, int pair, int k, int *order)
{
    const rs_event *ev = h->ev;
    int inv = ev->pairs[pair].inv, n = 0, pref[3];
    if (ev->nvenues == 1) { /* nothing to choose: skip the day scans */
        order[0] = 0;
        return;
    }
    pref[0] = near_venue(h, inv, k);
    int spread = ev->pairs[pair].peer ? ev->np : ev->ninv; /* inv is below it */
    pref[1] = ev->nrooms > 0 ? ev->rooms[(int)((long)inv * ev->nrooms / spread)].venue : -1;
    if (h->home && !ev->pairs[pair].peer)
        pref[1] = h->home[(size_t)inv * (size_t)ev->ndays + (size_t)ev->slots[k].day];
    pref[2] = near_venue(h, ev->pairs[pair].sme, k);
    for (int i = 0; i < 3; i++) {
        int seen = pref[i] < 0;
        for (int j = 0; j < n && !seen; j++)
            seen = order[j] == pref[i];
        if (!seen)
            order[n++] = pref[i];
    }
    for (int v = 0; v < ev->nvenues; v++) {
        int seen = 0;
        for (int j = 0; j < n && !seen; j++)
            seen = order[j] == v;
        if (!seen)
            order[n++] = v;
    }
}

/* Best place for a pair not yet placed: the (slot, room) with the largest
 * gain; ties go to the earlier slot, then the earlier venue.  Returns 0
 * when there is none. */
static int best_spot(const rs_tt *h, int pair, int *bk, int *br, double *bg)
{
    const rs_event *ev = h->ev;
    const rs_pair *pr = &ev->pairs[pair];
    const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
    const unsigned char *ra = rs_tt_row(h, pr->inv), *rb = rs_tt_row(h, pr->sme);
    int found = 0;
    if (h->pair_m[pair] >= 0 || h->count[pr->inv] >= a->max_meetings ||
        h->count[pr->sme] >= b->max_meetings)
        return 0;
    const unsigned char *guide =
        h->guide && !pr->peer ? h->guide + (size_t)pr->inv * (size_t)h->ns : NULL;
    for (int k = 0; k < h->ns; k++) {
        if (!a->avail[k] || !b->avail[k] || ra[k] || rb[k] || (guide && !guide[k]))
            continue;
        double g = NAN;
        int r0 = prev_room_free(h, pair, k);
        if (r0 >= 0) { /* its previous place, which earns the keep bonus */
            g = rs_tt_add_gain(h, pair, k);
            double g0 = g + rs_keep_bonus(h->keep, pair, k, r0);
            if (!found || g0 > *bg + RS_EPS) {
                found = 1;
                *bk = k;
                *br = r0;
                *bg = g0;
            }
        }
        rs_tt_venue_order(h, pair, k, h->vorder);
        for (int vi = 0; vi < ev->nvenues; vi++) {
            int v = h->vorder[vi];
            int r = rs_tt_free_room(h, v, k, h->need[pair]);
            if (r < 0 || !rs_tt_people_ok(h, pair, k, v))
                continue;
            if (isnan(g))
                g = rs_tt_add_gain(h, pair, k);
            if (!found || g > *bg + RS_EPS) {
                found = 1;
                *bk = k;
                *br = r;
                *bg = g;
            }
            break; /* same gain at every venue: the first that fits */
        }
    }
    return found;
}

int rs_tt_place(rs_tt *h, int pair, int k, int r)
{
    const rs_pair *pr = &h->ev->pairs[pair];
    if (h->nm == h->capm) {
        int cap = h->capm ? h->capm * 2 : 256;
        rs_placement *m = realloc(h->m, (size_t)cap * sizeof(rs_placement));
        if (!m)
            return -1;
        h->m = m;
        h->capm = cap;
    }
    int v = h->ev->rooms[r].venue;
    int i = h->nm++;
    h->m[i] = (rs_placement){pair, k, r};
    h->pair_m[pair] = i;
    h->room_m[(size_t)r * (size_t)h->ns + (size_t)k] = i;
    set_free(h, r, k, 0);
    gaps_flip(h, pr->inv, k);
    gaps_flip(h, pr->sme, k);
    rs_tt_row(h, pr->inv)[k] = 1;
    rs_tt_row(h, pr->sme)[k] = 1;
    h->venue[(size_t)pr->inv * (size_t)h->ns + (size_t)k] = v;
    h->venue[(size_t)pr->sme * (size_t)h->ns + (size_t)k] = v;
    h->pm[(size_t)pr->inv * (size_t)h->ns + (size_t)k] = i;
    h->pm[(size_t)pr->sme * (size_t)h->ns + (size_t)k] = i;
    h->count[pr->inv]++;
    h->count[pr->sme]++;
    return 0;
}

/* Removes meeting i; the last meeting takes its index. */
void rs_tt_unplace(rs_tt *h, int i)
{
    rs_placement m = h->m[i];
    const rs_pair *pr = &h->ev->pairs[m.pair];
    h->pair_m[m.pair] = -1;
    h->room_m[(size_t)m.room * (size_t)h->ns + (size_t)m.slot] = -1;
    if (h->ev->rooms[m.room].avail[m.slot])
        set_free(h, m.room, m.slot, 1);
    gaps_flip(h, pr->inv, m.slot);
    gaps_flip(h, pr->sme, m.slot);
    rs_tt_row(h, pr->inv)[m.slot] = 0;
    rs_tt_row(h, pr->sme)[m.slot] = 0;
    h->venue[(size_t)pr->inv * (size_t)h->ns + (size_t)m.slot] = -1;
    h->venue[(size_t)pr->sme * (size_t)h->ns + (size_t)m.slot] = -1;
    h->pm[(size_t)pr->inv * (size_t)h->ns + (size_t)m.slot] = -1;
    h->pm[(size_t)pr->sme * (size_t)h->ns + (size_t)m.slot] = -1;
    h->count[pr->inv]--;
    h->count[pr->sme]--;
    int last = --h->nm;
    if (i != last) {
        h->m[i] = h->m[last];
        h->pair_m[h->m[i].pair] = i;
        h->room_m[(size_t)h->m[i].room * (size_t)h->ns + (size_t)h->m[i].slot] = i;
        const rs_pair *q = &h->ev->pairs[h->m[i].pair];
        h->pm[(size_t)q->inv * (size_t)h->ns + (size_t)h->m[i].slot] = i;
        h->pm[(size_t)q->sme * (size_t)h->ns + (size_t)h->m[i].slot] = i;
    }
}

/* Puts the meetings of saved[0..n) back where they were, wherever they
 * are now (or not placed at all): the undo of every compound move (swaps,
 * Kempe chains, re-timed days). */
void rs_tt_put_back(rs_tt *h, const rs_placement *saved, int n)
{
    for (int j = 0; j < n; j++)
        if (h->pair_m[saved[j].pair] >= 0)
            rs_tt_unplace(h, h->pair_m[saved[j].pair]);
    for (int j = 0; j < n; j++)
        rs_tt_place(h, saved[j].pair, saved[j].slot, saved[j].room);
}

/* Whether participant p's meetings on day d leave enough travel time
 * between each one and the next.  Placing checks this, but taking a
 * meeting out makes its neighbours consecutive, and travel times that an
 * organiser gives need not obey the triangle inequality. */
static int travel_day_ok(const rs_tt *h, int p, int d)
{
    const rs_event *ev = h->ev;
    if (ev->nvenues < 2)
        return 1;
    const unsigned char *row = rs_tt_row(h, p);
    const int *ven = h->venue + (size_t)p * (size_t)h->ns;
    int last = -1;
    for (int k = ev->days[d].first_slot; k < ev->days[d].first_slot + ev->days[d].nslots; k++) {
        if (!row[k])
            continue;
        if (last >= 0 && ev->slots[k].start - ev->slots[last].end < rs_travel(ev, ven[last], ven[k]))
            return 0;
        last = k;
    }
    return 1;
}

/* travel_day_ok for both participants of pair on the day of slot k. */
int rs_tt_pair_day_ok(const rs_tt *h, int pair, int k)
{
    const rs_pair *pr = &h->ev->pairs[pair];
    int d = h->ev->slots[k].day;
    return travel_day_ok(h, pr->inv, d) && travel_day_ok(h, pr->sme, d) &&
           (!h->ev->gap_cap || (gaps_within(h, pr->inv, -1) && gaps_within(h, pr->sme, -1)));
}

int rs_tt_place_all(rs_tt *h, const int *pairs, int n)
{
    int placed = 0;
    for (int i = 0; i < n; i++) {
        int k, r;
        double g;
        if (best_spot(h, pairs[i], &k, &r, &g)) {
            if (rs_tt_place(h, pairs[i], k, r) != 0)
                break;
            placed++;
        }
    }
    return placed;
}

/* Whether meeting i may be moved aside: musts and locked meetings stay. */
int rs_tt_movable(const rs_tt *h, int i)
{
    return !h->ev->pairs[h->m[i].pair].must && !(h->keep && h->keep->locked[h->m[i].pair]);
}

/* Whether meeting i may be moved to another place by a move that puts
 * it back when it finds none (relocation, swaps, Kempe chains): movable
 * ones, and musts too where h->must_moves (gaps count, so that on a day
 * of musts only moving them is the only way to close a gap; or musts are
 * many, see many_musts).  Elsewhere musts stay, as they always have. */
static int relocatable(const rs_tt *h, int i)
{
    if (h->ev->pairs[h->m[i].pair].must)
        return h->must_moves && !(h->keep && h->keep->locked[h->m[i].pair]);
    return rs_tt_movable(h, i);
}

/* Tries to place must pair p at slot k by moving aside the meetings in its
 * way on that day (its two participants' meetings within `span` slots and,
 * when no room is free, the meeting in the smallest fitting room); the
 * moved pairs are placed again wherever they fit.  Undone when p still
 * cannot be placed.  Returns 1 on success. */
static int eject_and_place(rs_tt *h, int pair, int k, int span)
{
    const rs_event *ev = h->ev;
    const rs_pair *pr = &ev->pairs[pair];
    const rs_day *day = &ev->days[ev->slots[k].day];
    int lo = k - span, hi = k + span;
    if (lo < day->first_slot)
        lo = day->first_slot;
    if (hi > day->first_slot + day->nslots - 1)
        hi = day->first_slot + day->nslots - 1;
    rs_placement saved[64];
    int ns = 0;
    for (int i = h->nm - 1; i >= 0 && ns < 60; i--) {
        const rs_placement *m = &h->m[i];
        const rs_pair *q = &ev->pairs[m->pair];
        int mine = q->inv == pr->inv || q->sme == pr->sme;
        if (!mine || m->slot < lo || m->slot > hi)
            continue;
        if (!rs_tt_movable(h, i))
            continue;
        saved[ns++] = *m;
        rs_tt_unplace(h, i);
    }
    int r = -1;
    for (int v = 0; v < ev->nvenues && r < 0; v++) {
        int rr = rs_tt_free_room(h, v, k, h->need[pair]);
        if (rr >= 0 && rs_tt_people_ok(h, pair, k, v))
            r = rr;
    }
    if (r < 0) { /* free the smallest fitting room that would do */
        for (int v = 0; v < ev->nvenues && r < 0; v++) {
            if (!rs_tt_people_ok(h, pair, k, v))
                continue;
            for (int i = h->vfirst[v]; i < h->vfirst[v + 1]; i++) {
                int rr = h->vrooms[i];
                int mi = h->room_m[(size_t)rr * (size_t)h->ns + (size_t)k];
                if (ev->rooms[rr].capacity < h->need[pair] || !ev->rooms[rr].avail[k] ||
                    mi < 0 || !rs_tt_movable(h, mi) || ns >= 63)
                    continue;
                saved[ns++] = h->m[mi];
                rs_tt_unplace(h, mi);
                r = rr;
                break;
            }
        }
    }
    const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
    int ok = r >= 0 && a->avail[k] && b->avail[k] && !rs_tt_row(h, pr->inv)[k] &&
             !rs_tt_row(h, pr->sme)[k] && rs_tt_people_ok(h, pair, k, ev->rooms[r].venue);
    if (ok && rs_tt_place(h, pair, k, r) == 0) {
        int good = rs_tt_pair_day_ok(h, pair, k);
        for (int i = 0; i < ns; i++)
            good = good && rs_tt_pair_day_ok(h, saved[i].pair, saved[i].slot);
        if (good) {
            for (int i = 0; i < ns; i++) {
                int kk, rr;
                double g;
                if (best_spot(h, saved[i].pair, &kk, &rr, &g))
                    rs_tt_place(h, saved[i].pair, kk, rr);
            }
            return 1;
        }
        rs_tt_unplace(h, h->pair_m[pair]);
    }
    /* undo: put everything back where it was */
    for (int i = ns - 1; i >= 0; i--)
        rs_tt_place(h, saved[i].pair, saved[i].slot, saved[i].room);
    return 0;
}

static int kempe_place(rs_tt *h, int pair);

int rs_tt_repair_musts(rs_tt *h)
{
    const rs_event *ev = h->ev;
    int out = 0;
    for (int p = 0; p < ev->npairs; p++) {
        if (!ev->pairs[p].must || h->pair_m[p] >= 0)
            continue;
        int k, r;
        double g;
        if (best_spot(h, p, &k, &r, &g)) {
            rs_tt_place(h, p, k, r);
            continue;
        }
        if (h->must_moves && kempe_place(h, p))
            continue;
        int done = 0;
        const rs_pair *pr = &ev->pairs[p];
        for (int span = 0; span <= 4 && !done; span++)
            for (int s = 0; s < h->ns && !done; s++)
                if (ev->p[pr->inv].avail[s] && ev->p[pr->sme].avail[s])
                    done = eject_and_place(h, p, s, span);
        out += !done;
    }
    return out;
}

/* Tries to move meeting i to a better slot or room; returns 1 if moved. */
static int try_relocate(rs_tt *h, int i)
{
    rs_placement m = h->m[i];
    double rem = rs_tt_remove_gain(h, i);
    rs_tt_unplace(h, i);
    int k, r;
    double g;
    if (rs_tt_pair_day_ok(h, m.pair, m.slot) && best_spot(h, m.pair, &k, &r, &g) && rem + g > RS_EPS &&
        (k != m.slot || r != m.room)) {
        rs_tt_place(h, m.pair, k, r);
        return 1;
    }
    rs_tt_place(h, m.pair, m.slot, m.room);
    return 0;
}

/* Places pair at slot k in the smallest fitting room of any venue where
 * both can go; returns the gain, or NAN (nothing placed) when impossible. */
static double place_anywhere(rs_tt *h, int pair, int k)
{
    const rs_pair *pr = &h->ev->pairs[pair];
    if (!h->ev->p[pr->inv].avail[k] || !h->ev->p[pr->sme].avail[k] ||
        rs_tt_row(h, pr->inv)[k] || rs_tt_row(h, pr->sme)[k])
        return NAN;
    int r0 = prev_room_free(h, pair, k);
    if (r0 >= 0) {
        double g = rs_tt_add_gain(h, pair, k) + rs_keep_bonus(h->keep, pair, k, r0);
        return rs_tt_place(h, pair, k, r0) != 0 ? NAN : g;
    }
    rs_tt_venue_order(h, pair, k, h->vorder);
    for (int vi = 0; vi < h->ev->nvenues; vi++) {
        int v = h->vorder[vi];
        int r = rs_tt_free_room(h, v, k, h->need[pair]);
        if (r < 0 || !rs_tt_people_ok(h, pair, k, v))
            continue;
        double g = rs_tt_add_gain(h, pair, k);
        if (rs_tt_place(h, pair, k, r) != 0)
            return NAN;
        return g;
    }
    return NAN;
}

/* Exchanges the slots of meetings i and j, each taking a fitting free
 * room.  Returns the gain, with the meetings as they were in ab[0..2) for
 * put_back; or NAN when the exchange would break a rule, leaving the
 * timetable unchanged. */
static double swap_do(rs_tt *h, int i, int j, rs_placement ab[2])
{
    const rs_placement *a = &ab[0], *b = &ab[1];
    ab[0] = h->m[i];
    ab[1] = h->m[j];
    if (a->slot == b->slot)
        return NAN;
    double g = rs_tt_remove_gain(h, i);
    rs_tt_unplace(h, i);
    int jj = h->pair_m[b->pair];
    g += rs_tt_remove_gain(h, jj);
    rs_tt_unplace(h, jj);
    double ga = place_anywhere(h, a->pair, b->slot);
    double gb = isnan(ga) ? NAN : place_anywhere(h, b->pair, a->slot);
    if (!isnan(ga) && !isnan(gb) && rs_tt_pair_day_ok(h, a->pair, a->slot) &&
        rs_tt_pair_day_ok(h, b->pair, b->slot))
        return g + ga + gb;
    rs_tt_put_back(h, ab, 2);
    return NAN;
}

/* Longest chain kempe_do moves. */
#define KEMPE_MAX 24

/* Moves meeting i from its slot a to slot t together with its Kempe chain:
 * every meeting reachable from i through participants' meetings at a or
 * t (each participant has at most one of each, so the chain is a path or
 * a cycle) trades a for t.  Everyone inside the chain stays busy at both
 * slots, so only the chain's two ends change their day's shape: the move
 * that closes a participant's idle gap without opening one for each
 * partner in turn.  Each meeting takes a fitting room at its new slot,
 * and every rule is checked as for any placement.  Returns the gain,
 * with the chain as it was in saved[0..*n) for put_back; or NAN when
 * the chain is too long, holds a must or locked meeting, or breaks a
 * rule, leaving the timetable unchanged. */
static double kempe_do(rs_tt *h, int i, int t, rs_placement *saved, int *n)
{
    const rs_event *ev = h->ev;
    const int a = h->m[i].slot, ns = h->ns;
    int np = 0, nq = 0, queue[2 * KEMPE_MAX + 2];
    if (a == t)
        return NAN;
    saved[np++] = h->m[i];
    queue[nq++] = ev->pairs[h->m[i].pair].inv;
    queue[nq++] = ev->pairs[h->m[i].pair].sme;
    for (int qi = 0; qi < nq; qi++) {
        int p = queue[qi];
        for (int side = 0; side < 2; side++) {
            int mi = h->pm[(size_t)p * (size_t)ns + (size_t)(side ? t : a)];
            if (mi < 0)
                continue;
            int seen = 0;
            for (int j = 0; j < np && !seen; j++)
                seen = saved[j].pair == h->m[mi].pair;
            if (seen)
                continue;
            if (np == KEMPE_MAX || !relocatable(h, mi))
                return NAN;
            saved[np++] = h->m[mi];
            const rs_pair *pr = &ev->pairs[h->m[mi].pair];
            queue[nq++] = pr->inv == p ? pr->sme : pr->inv;
        }
    }
    for (int j = 0; j < np; j++) {
        const rs_pair *pr = &ev->pairs[saved[j].pair];
        int to = saved[j].slot == a ? t : a;
        if (!ev->p[pr->inv].avail[to] || !ev->p[pr->sme].avail[to])
            return NAN;
    }
    double g = 0;
    for (int j = 0; j < np; j++) {
        int mi = h->pair_m[saved[j].pair];
        g += rs_tt_remove_gain(h, mi);
        rs_tt_unplace(h, mi);
    }
    int placed = 0, ok = 1;
    for (; placed < np && ok; placed++) {
        double ga = place_anywhere(h, saved[placed].pair, saved[placed].slot == a ? t : a);
        ok = !isnan(ga);
        g += ok ? ga : 0;
    }
    if (ok)
        for (int j = 0; j < np && ok; j++)
            ok = rs_tt_pair_day_ok(h, saved[j].pair, a) && rs_tt_pair_day_ok(h, saved[j].pair, t);
    if (!ok) {
        rs_tt_put_back(h, saved, np);
        return NAN;
    }
    *n = np;
    return g;
}

/* Places must pair by recolouring, as in Vizing's edge colouring: for a
 * slot a where one side u is free and the other side v is in a meeting,
 * and a slot b where v is free, v's meeting at a moves to b with its
 * Kempe chain (kempe_do), which frees v at a; then the pair takes a.
 * Every rule is checked as for any move; a try that fails is put back.
 * Only for events where musts move (relocatable): on a day of musts only
 * nothing else can make room.  Returns 1 when the pair was placed. */
static int kempe_place(rs_tt *h, int pair)
{
    const rs_event *ev = h->ev;
    const rs_pair *pr = &ev->pairs[pair];
    const size_t ns = (size_t)h->ns;
    rs_placement saved[KEMPE_MAX];
    for (int side = 0; side < 2; side++) {
        int u = side ? pr->sme : pr->inv, v = side ? pr->inv : pr->sme;
        for (int a = 0; a < h->ns; a++) {
            if (rs_tt_row(h, u)[a] || !ev->p[u].avail[a] || !ev->p[v].avail[a] ||
                !rs_pair_slot_ok(ev, pair, a))
                continue;
            for (int b = 0; b < h->ns; b++) {
                int mi = h->pm[(size_t)v * ns + (size_t)a], n;
                if (mi < 0 || !relocatable(h, mi) || b == a || rs_tt_row(h, v)[b])
                    continue;
                if (isnan(kempe_do(h, mi, b, saved, &n)))
                    continue;
                if (!isnan(place_anywhere(h, pair, a)))
                    return 1;
                rs_tt_put_back(h, saved, n);
            }
        }
    }
    return 0;
}

/* The first and last slot of participant p's meetings on day d, into
 * *lo and *hi; returns 0 (and *lo > *hi) when p has none that day. */
static int day_span(const rs_tt *h, int p, int d, int *lo, int *hi)
{
    const rs_day *day = &h->ev->days[d];
    const unsigned char *row = rs_tt_row(h, p);
    *lo = day->first_slot + day->nslots;
    *hi = day->first_slot - 1;
    for (int k = day->first_slot; k < day->first_slot + day->nslots; k++)
        if (row[k]) {
            *lo = k < *lo ? k : *lo;
            *hi = k;
        }
    return *lo <= *hi;
}

/* Tries kempe_do into slot t of p's meeting at each slot lo..hi in
 * turn (p's span on one day); keeps the first that gains.  Returns 1
 * then, else 0 with the timetable as it was. */
static int kempe_into(rs_tt *h, int p, int lo, int hi, int t)
{
    rs_placement saved[KEMPE_MAX];
    if (rs_tt_row(h, p)[t])
        return 0;
    for (int k = lo; k <= hi; k++) {
        int mi = h->pm[(size_t)p * (size_t)h->ns + (size_t)k], n;
        if (mi < 0 || !relocatable(h, mi))
            continue;
        double g = kempe_do(h, mi, t, saved, &n);
        if (isnan(g))
            continue;
        if (g > RS_EPS)
            return 1;
        rs_tt_put_back(h, saved, n);
    }
    return 0;
}

/* Kempe moves that can lower p's idle slots on day d: each of its
 * meetings into each free slot of its span and the slots just outside
 * it, then to the other days, next to p's meetings there (or anywhere on
 * a day p has none): a participant crowded into one day idles where two
 * half days would not.  Keeps the first that gains; returns 1 then. */
static int kempe_day(rs_tt *h, int p, int d)
{
    const rs_event *ev = h->ev;
    int lo, hi, lo2, hi2;
    if (!day_span(h, p, d, &lo, &hi))
        return 0;
    int a0 = ev->days[d].first_slot, a1 = a0 + ev->days[d].nslots;
    for (int t = lo > a0 ? lo - 1 : lo; t <= hi + 1 && t < a1; t++)
        if (kempe_into(h, p, lo, hi, t))
            return 1;
    for (int d2 = 0; d2 < ev->ndays; d2++) {
        if (d2 == d)
            continue;
        int b0 = ev->days[d2].first_slot, b1 = b0 + ev->days[d2].nslots;
        if (day_span(h, p, d2, &lo2, &hi2)) {
            if ((lo2 > b0 && kempe_into(h, p, lo, hi, lo2 - 1)) ||
                (hi2 + 1 < b1 && kempe_into(h, p, lo, hi, hi2 + 1)))
                return 1;
            continue;
        }
        for (int t = b0; t < b1; t++)
            if (ev->p[p].avail[t] && kempe_into(h, p, lo, hi, t))
                return 1;
    }
    return 0;
}

/* Exchanges meetings i and j when that improves the objective; returns 1
 * when the exchange was kept. */
static int try_swap(rs_tt *h, int i, int j)
{
    rs_placement ab[2];
    double g = swap_do(h, i, j, ab);
    if (isnan(g))
        return 0;
    if (g > RS_EPS)
        return 1;
    rs_tt_put_back(h, ab, 2);
    return 0;
}

/* Swaps that can lower p's idle slots on day d: each of its meetings
 * against every meeting in another slot of the day that does not involve
 * p.  Keeps the first that gains; returns 1 then, else 0. */
static int swap_day(rs_tt *h, int p, int d)
{
    const rs_event *ev = h->ev;
    const rs_day *day = &ev->days[d];
    int a0 = day->first_slot, a1 = a0 + day->nslots;
    for (int k = a0; k < a1; k++) {
        int mi = h->pm[(size_t)p * (size_t)h->ns + (size_t)k];
        if (mi < 0 || !relocatable(h, mi))
            continue;
        for (int t = a0; t < a1; t++) {
            if (t == k || rs_tt_row(h, p)[t])
                continue;
            for (int r = 0; r < ev->nrooms; r++) {
                int mj = h->room_m[(size_t)r * (size_t)h->ns + (size_t)t];
                /* a failed swap puts both meetings back under new
                 * indices, so after one mi may name another meeting:
                 * swapping that one is a move like any other (and one
                 * that finds gains: looking p's meeting up again instead
                 * lost the Chengdu sample 26 points), but it must be a
                 * meeting that may move (relocatable): never a locked
                 * one, nor a must unless gaps count */
                if (mj >= 0 && relocatable(h, mj) && relocatable(h, mi) && try_swap(h, mi, mj))
                    return 1;
            }
        }
    }
    return 0;
}

/* Runs fix (swap_day or kempe_day) over every participant-day with idle
 * slots, until the deadline or *interrupt.  Returns the moves kept. */
static long idle_round(rs_tt *h, int (*fix)(rs_tt *, int, int), double deadline,
                       volatile sig_atomic_t *interrupt)
{
    long kept = 0;
    for (int p = 0; p < h->ev->np; p++) {
        if ((p & 15) == 0 && (rs_now() > deadline || (interrupt && *interrupt)))
            break;
        for (int d = 0; d < h->ev->ndays; d++)
            if (rs_tt_idle_day(h, p, d) > 0)
                kept += fix(h, p, d);
    }
    return kept;
}

/* Takes meeting i out for pair, which is not meeting: returns the change
 * of that and of placing pair where it then gains most (*k, *r), with i
 * left out (its placement in *out, for the caller to put back); NAN, with
 * i back in place, when taking it out breaks its people's day or pair
 * then has no spot.  The trade of try_replace and anneal_replace. */
static double trade_out(rs_tt *h, int i, int pair, rs_placement *out, int *k, int *r)
{
    *out = h->m[i];
    double rem = rs_tt_remove_gain(h, i);
    rs_tt_unplace(h, i);
    double g;
    if (rs_tt_pair_day_ok(h, out->pair, out->slot) && best_spot(h, pair, k, r, &g))
        return rem + g;
    rs_tt_place(h, out->pair, out->slot, out->room);
    return NAN;
}

/* Tries to give a participant of an unplaced pair a better meeting by
 * dropping one of its meetings in the way.  Returns 1 on improvement. */
static int try_replace(rs_tt *h, int pair)
{
    const rs_event *ev = h->ev;
    const rs_pair *pr = &ev->pairs[pair];
    for (int side = 0; side < 2; side++) {
        int p = side ? pr->sme : pr->inv;
        for (int i = 0; i < h->nm; i++) {
            const rs_pair *q = &ev->pairs[h->m[i].pair];
            if ((q->inv != p && q->sme != p) || !rs_tt_movable(h, i))
                continue;
            if (q->score >= pr->score + ev->w.min_meetings_shortfall * 2)
                continue; /* cannot pay off */
            rs_placement saved;
            int k, r;
            double d = trade_out(h, i, pair, &saved, &k, &r);
            if (d > RS_EPS) {
                rs_tt_place(h, pair, k, r);
                return 1;
            }
            if (!isnan(d))
                rs_tt_place(h, saved.pair, saved.slot, saved.room);
        }
    }
    return 0;
}

/* ------------------------------------------- chains for those short */

/* Ejection chains for participants below their minimum: the one short
 * takes a meeting from a partner's slot, the participant whose meeting it
 * took takes one elsewhere, and so on up to CHAIN_DEPTH links, ending at
 * a partner free in that slot or at someone who can spare the meeting.
 * Where every investor's slots are spoken for (people there part of one
 * day, each investor's day full: `gen wide 9910 window_pct=100
 * oneday_pct=100`), serving one more SME means moving others along such a
 * chain, and every single move of the search or the annealing loses a
 * minimum's worth on the way.  CHAIN_BUDGET bounds the placements tried
 * per participant, so a chain search costs milliseconds even where the
 * shortfall cannot be helped. */
#define CHAIN_DEPTH 3
#define CHAIN_BUDGET 3000

typedef struct {
    rs_tt *h;
    const int *start, *list; /* per participant: its candidate pairs,
                                best score first (list[start[p] ..]) */
    long budget;             /* placements left for this chain        */
} chain_t;

/* Gives participant p one more meeting along a chain of at most depth
 * links, keeping it when base (the objective change of the links so
 * far) plus its own change is positive.  Returns 1 when kept, else 0
 * with the timetable as it was. */
static int chain_give(chain_t *c, int p, int depth, double base)
{
    rs_tt *h = c->h;
    const rs_event *ev = h->ev;
    const unsigned char *row = rs_tt_row(h, p);
    if (h->count[p] >= ev->p[p].max_meetings)
        return 0;
    for (int j = c->start[p]; j < c->start[p + 1]; j++) {
        int pair = c->list[j];
        if (h->pair_m[pair] >= 0)
            continue;
        int q = rs_pair_other(ev, pair, p);
        if (h->count[q] >= ev->p[q].max_meetings && depth <= 0)
            continue;
        for (int k = 0; k < h->ns; k++) {
            if (row[k] || !ev->p[p].avail[k] || !ev->p[q].avail[k] || !rs_pair_slot_ok(ev, pair, k))
                continue;
            if (--c->budget < 0)
                return 0;
            int mi = h->pm[(size_t)q * (size_t)h->ns + (size_t)k];
            if (mi < 0) {
                double g = place_anywhere(h, pair, k);
                if (isnan(g))
                    continue;
                if (base + g > RS_EPS)
                    return 1;
                rs_tt_unplace(h, h->pair_m[pair]);
                continue;
            }
            if (depth <= 0 || !rs_tt_movable(h, mi))
                continue;
            rs_placement old = h->m[mi];
            int x = rs_pair_other(ev, old.pair, q);
            double rem = rs_tt_remove_gain(h, mi);
            rs_tt_unplace(h, mi);
            double g = rs_tt_pair_day_ok(h, old.pair, old.slot) ? place_anywhere(h, pair, k) : NAN;
            if (!isnan(g)) {
                double t = base + rem + g;
                if (t > RS_EPS || (depth > 1 && chain_give(c, x, depth - 1, t)))
                    return 1;
                rs_tt_unplace(h, h->pair_m[pair]);
            }
            rs_tt_place(h, old.pair, old.slot, old.room);
        }
    }
    return 0;
}

/* One round of chains (chain_give) for every participant below its
 * minimum that has candidate pairs, in index order.  Returns the chains
 * kept. */
static long chain_round(chain_t *c, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = c->h->ev;
    long kept = 0;
    for (int p = 0; p < ev->np; p++) {
        if (c->h->count[p] >= ev->p[p].min_meetings || c->start[p] == c->start[p + 1])
            continue;
        if (rs_now() > deadline || (interrupt && *interrupt))
            break;
        c->budget = CHAIN_BUDGET;
        kept += chain_give(c, p, CHAIN_DEPTH, 0);
    }
    return kept;
}

long rs_tt_short_chains(rs_tt *h, int rounds, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    int any = 0;
    for (int p = 0; p < ev->np && !any; p++)
        any = h->count[p] < ev->p[p].min_meetings;
    if (!any)
        return 0;
    long kept = 0, r;
    int *start = malloc(((size_t)ev->np + 1) * sizeof(int));
    int *list = malloc(((size_t)ev->npairs * 2 + 1) * sizeof(int));
    int *deg = malloc(((size_t)ev->np + 1) * sizeof(int));
    int *on = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    if (!start || !list || !deg || !on)
        goto done;
    for (int q = 0; q < ev->npairs; q++)
        on[q] = 1;
    rs_pair_lists(ev, on, deg, start, list);
    for (int p = 0; p < ev->np; p++) /* each participant's best first */
        rs_sort_pairs_by_score(ev, list + start[p], deg[p]);
    chain_t c = {h, start, list, 0};
    for (int round = 0; round < rounds && rs_now() < deadline &&
                        (r = chain_round(&c, deadline, interrupt)) > 0;
         round++) {
        kept += r;
        rs_tt_improve(h, deadline, interrupt);
    }
done:
    free(start);
    free(list);
    free(deg);
    free(on);
    return kept;
}

long rs_tt_improve(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    long moves = 0;
    int *order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    if (!order)
        return 0;
    for (int p = 0; p < ev->npairs; p++)
        order[p] = p;
    rs_sort_pairs_by_score(ev, order, ev->npairs);
    for (int round = 0; round < 50; round++) {
        long before = moves;
        for (int i = 0; i < h->nm; i++) {
            if (rs_tt_remove_gain(h, i) > RS_EPS && rs_tt_movable(h, i)) {
                rs_placement m = h->m[i];
                rs_tt_unplace(h, i);
                if (!rs_tt_pair_day_ok(h, m.pair, m.slot)) {
                    rs_tt_place(h, m.pair, m.slot, m.room);
                    continue;
                }
                moves++;
                i--;
            }
        }
        for (int i = 0; i < h->nm; i++) {
            if ((i & 63) == 0 && (rs_now() > deadline || (interrupt && *interrupt)))
                goto done;
            if (relocatable(h, i))
                moves += try_relocate(h, i);
        }
        moves += idle_round(h, swap_day, deadline, interrupt);
        moves += idle_round(h, kempe_day, deadline, interrupt);
        for (int a = 0; a < ev->npairs; a++) {
            int p = order[a], k, r;
            double g;
            if ((a & 255) == 0 && (rs_now() > deadline || (interrupt && *interrupt)))
                goto done;
            if (h->pair_m[p] >= 0)
                continue;
            if (best_spot(h, p, &k, &r, &g) && g > RS_EPS) {
                rs_tt_place(h, p, k, r);
                moves++;
            } else {
                moves += try_replace(h, p);
            }
        }
        if (moves == before)
            break;
    }
done:
    free(order);
    return moves;
}

/* A draw in 0 .. n-1 (0 when n is not positive). */
static int rand_below(uint64_t *st, int n)
{
    return n > 0 ? (int)(rs_xorshift64(st) % (uint64_t)n) : 0;
}

/* A draw in [0, 1), from the top 53 bits. */
static double rand_unit(uint64_t *st)
{
    return (double)(rs_xorshift64(st) >> 11) * (1.0 / 9007199254740992.0);
}

/* Replaces the timetable with the meetings in saved[0..n). */
static void restore(rs_tt *h, const rs_placement *saved, int n)
{
    while (h->nm > 0)
        rs_tt_unplace(h, h->nm - 1);
    for (int i = 0; i < n; i++)
        rs_tt_place(h, saved[i].pair, saved[i].slot, saved[i].room);
}

/* The anneal's temperature unit: the idle-slot weight, or when idle
 * slots cost nothing the smallest positive score weight (1 when none). */
static double anneal_unit(const rs_weights *w)
{
    if (w->idle_slot > 0)
        return w->idle_slot;
    if (w->idle_gap > 0)
        return w->idle_gap;
    double v[] = {w->primary_sector, w->secondary_sector, w->stage, w->request_normal,
                  w->request_high};
    double u = 0;
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] > 0 && (u == 0 || v[i] < u))
            u = v[i];
    return u > 0 ? u : 1;
}

/* One annealing run's moving parts: the timetable, the random state and
 * the temperature of the current iteration. */
typedef struct {
    rs_tt *h;
    uint64_t st;
    double temp;
    int replacing; /* additions may replace (anneal_replace) */
} anneal_t;

/* The Metropolis test: a change of delta is taken when it loses at most
 * RS_EPS, else with probability exp(delta / temp) (one draw). */
static int anneal_accept(anneal_t *a, double delta)
{
    return delta >= -RS_EPS || rand_unit(&a->st) < exp(delta / a->temp);
}

/* A meeting and its Kempe chain to another slot, of its day one time in
 * two.  Returns the change kept, or NAN when none was. */
static double anneal_kempe(anneal_t *a)
{
    rs_tt *h = a->h;
    const rs_event *ev = h->ev;
    int i = rand_below(&a->st, h->nm);
    const rs_day *day = &ev->days[ev->slots[h->m[i].slot].day];
    int t = rand_below(&a->st, 2) ? day->first_slot + rand_below(&a->st, day->nslots)
                                  : rand_below(&a->st, h->ns), n;
    rs_placement chain[KEMPE_MAX];
    if (!relocatable(h, i))
        return NAN;
    double delta = kempe_do(h, i, t, chain, &n);
    if (isnan(delta))
        return NAN;
    if (anneal_accept(a, delta))
        return delta;
    rs_tt_put_back(h, chain, n);
    return NAN;
}

/* Swaps a's meeting (just put back in its place) with a meeting at slot
 * t of the same investor, SME or a random room, picked at random.
 * Returns the change kept, or NAN when none was. */
static double anneal_swap(anneal_t *a, rs_placement m, int t)
{
    rs_tt *h = a->h;
    const rs_event *ev = h->ev;
    const rs_pair *pr = &ev->pairs[m.pair];
    int cand[3], nc = 0;
    for (int r = 0; r < 3; r++) {
        int j = -1;
        if (r == 0) {
            j = h->pm[(size_t)pr->inv * (size_t)h->ns + (size_t)t];
        } else if (r == 1) {
            j = h->pm[(size_t)pr->sme * (size_t)h->ns + (size_t)t];
        } else if (r == 2) {
            int rr = rand_below(&a->st, ev->nrooms);
            j = h->room_m[(size_t)rr * (size_t)h->ns + (size_t)t];
        }
        if (j >= 0 && relocatable(h, j))
            cand[nc++] = j;
    }
    if (nc == 0)
        return NAN;
    int j = cand[rand_below(&a->st, nc)];
    rs_placement ab[2];
    double delta = swap_do(h, h->pair_m[m.pair], j, ab);
    if (isnan(delta))
        return NAN;
    if (anneal_accept(a, delta))
        return delta;
    rs_tt_put_back(h, ab, 2);
    return NAN;
}

/* Moves a random meeting to a random slot, swapping with a meeting there
 * when its room or people are taken.  Returns the change kept, or NAN
 * when none was. */
static double anneal_move(anneal_t *a)
{
    rs_tt *h = a->h;
    const rs_event *ev = h->ev;
    int i = rand_below(&a->st, h->nm);
    if (!relocatable(h, i))
        return NAN;
    rs_placement m = h->m[i];
    const rs_pair *pr = &ev->pairs[m.pair];
    int t = rand_below(&a->st, h->ns);
    if (t == m.slot || !ev->p[pr->inv].avail[t] || !ev->p[pr->sme].avail[t])
        return NAN;
    double g = rs_tt_remove_gain(h, i);
    rs_tt_unplace(h, i);
    double ga = rs_tt_pair_day_ok(h, m.pair, m.slot) ? place_anywhere(h, m.pair, t) : NAN;
    if (isnan(ga)) {
        rs_tt_place(h, m.pair, m.slot, m.room);
        return anneal_swap(a, m, t);
    }
    double delta = g + ga;
    if (anneal_accept(a, delta))
        return delta;
    rs_tt_unplace(h, h->pair_m[m.pair]);
    rs_tt_place(h, m.pair, m.slot, m.room);
    return NAN;
}

/* The most meetings of one participant anneal_replace picks from. */
#define REPLACE_PICK 256

/* Pair p (not meeting, with no spot of its own) takes the place of a
 * random meeting of one of its two participants, also picked at random:
 * that meeting goes and p goes where it gains most.  Returns the change
 * kept, or NAN when none was.  The local search's try_replace makes the
 * same trade, but only the annealing can make one that loses: without
 * it the annealing never changed who meets a participant at its maximum
 * or whose days were full, and ended far from a local optimum of the
 * search after it (the local search then gained about 250 on L2, and
 * 1,650 to 1,900 on a 100 x 600 event with idle slots costing 10). */
static double anneal_replace(anneal_t *a, int p)
{
    rs_tt *h = a->h;
    const rs_pair *pr = &h->ev->pairs[p];
    int x = rand_below(&a->st, 2) ? pr->sme : pr->inv;
    int js[REPLACE_PICK], nj = 0;
    for (int t = 0; t < h->ns && nj < REPLACE_PICK; t++) {
        int j = h->pm[(size_t)x * (size_t)h->ns + (size_t)t];
        if (j >= 0)
            js[nj++] = j;
    }
    if (nj == 0)
        return NAN;
    int j = js[rand_below(&a->st, nj)];
    if (!rs_tt_movable(h, j))
        return NAN;
    rs_placement saved;
    int k, r;
    double d = trade_out(h, j, p, &saved, &k, &r);
    if (isnan(d))
        return NAN;
    if (anneal_accept(a, d)) {
        rs_tt_place(h, p, k, r);
        return d;
    }
    rs_tt_place(h, saved.pair, saved.slot, saved.room);
    return NAN;
}

/* Adds a random pair not meeting yet, where it gains most, or when it
 * has no spot and replacements are on, in place of a meeting of one of
 * its participants (anneal_replace).  Returns the change kept, or NAN
 * when none was. */
static double anneal_add(anneal_t *a)
{
    rs_tt *h = a->h;
    int p = rand_below(&a->st, h->ev->npairs), k, r;
    double g;
    if (h->pair_m[p] >= 0)
        return NAN;
    if (!best_spot(h, p, &k, &r, &g))
        return a->replacing ? anneal_replace(a, p) : NAN;
    if (!anneal_accept(a, g))
        return NAN;
    rs_tt_place(h, p, k, r);
    return g;
}

/* Drops a random meeting.  Returns the change kept, or NAN when none
 * was. */
static double anneal_drop(anneal_t *a)
{
    rs_tt *h = a->h;
    int i = rand_below(&a->st, h->nm);
    if (!rs_tt_movable(h, i))
        return NAN;
    double g = rs_tt_remove_gain(h, i);
    if (!anneal_accept(a, g))
        return NAN;
    rs_placement m = h->m[i];
    rs_tt_unplace(h, i);
    if (rs_tt_pair_day_ok(h, m.pair, m.slot))
        return g;
    rs_tt_place(h, m.pair, m.slot, m.room);
    return NAN;
}

long rs_tt_anneal(rs_tt *h, long iterations, int pass, double heat, int replacing,
                  double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    anneal_t a = {h, UINT64_C(0x2545F4914F6CDD1D) ^
                         (UINT64_C(0x9E3779B97F4A7C15) * (uint64_t)(unsigned)pass),
                  0, replacing};
    double cur = rs_tt_combined(h), best = cur;
    long accepted = 0;
    int bestn = h->nm, cap = h->nm + 64;
    rs_placement *bestm = malloc((size_t)cap * sizeof(rs_placement));
    if (!bestm || ev->npairs == 0)
        goto done;
    if (h->nm > 0) /* h->m may still be NULL: memcpy wants a real pointer */
        memcpy(bestm, h->m, (size_t)h->nm * sizeof(rs_placement));
    /* Temperatures in objective units: one idle slot (or the smallest
     * score weight when idle slots cost nothing). */
    double unit = anneal_unit(&ev->w);
    double t0 = heat * unit, t1 = 0.05 * unit;
    double start = rs_now(), span = deadline - start, frac = 0;
    for (long it = 0; it < iterations; it++) {
        if ((it & 1023) == 0) {
            double now = rs_now();
            if (now > deadline || (interrupt && *interrupt))
                break;
            /* cool by the share of iterations or of the time used,
             * whichever is further on: when the time runs out first the
             * search still ends cold, on a local optimum */
            double tf = span > 0 ? (now - start) / span : 1;
            frac = fmax(frac, fmax(tf, (double)it / (double)iterations));
        }
        a.temp = t0 * pow(t1 / t0, frac);
        int kind = rand_below(&a.st, 10);
        double delta = kind < 2 && h->nm > 0 ? anneal_kempe(&a)
                       : kind < 6 && h->nm > 0 ? anneal_move(&a)
                       : kind < 9              ? anneal_add(&a)
                       : h->nm > 0             ? anneal_drop(&a)
                                               : NAN;
        if (!isnan(delta)) {
            cur += delta;
            accepted++;
        }
        if (cur > best + RS_EPS) {
            best = cur;
            if (h->nm > cap) {
                cap = h->nm * 2;
                rs_placement *nb = realloc(bestm, (size_t)cap * sizeof(rs_placement));
                if (!nb)
                    break;
                bestm = nb;
            }
            if (h->nm > 0)
                memcpy(bestm, h->m, (size_t)h->nm * sizeof(rs_placement));
            bestn = h->nm;
        }
    }
    if (bestm && cur < best - RS_EPS)
        restore(h, bestm, bestn);
done:
    free(bestm);
    return accepted;
}

double rs_tt_objective(const rs_tt *h)
{
    const rs_event *ev = h->ev;
    double total = 0;
    int idle = 0, sh = 0, gaps = 0;
    for (int i = 0; i < h->nm; i++)
        total += ev->pairs[h->m[i].pair].score;
    for (int p = 0; p < ev->np; p++) {
        if (h->count[p] < ev->p[p].min_meetings)
            sh += ev->p[p].min_meetings - h->count[p];
        for (int d = 0; d < ev->ndays; d++)
            idle += rs_tt_idle_day(h, p, d);
        if (ev->w.idle_gap > 0)
            gaps += rs_gaps_of(ev, rs_tt_row(h, p));
    }
    double obj = total - ev->w.min_meetings_shortfall * sh - ev->w.idle_slot * idle;
    if (ev->w.idle_gap > 0)
        obj -= ev->w.idle_gap * gaps;
    return obj;
}

rs_schedule *rs_tt_to_schedule(const rs_tt *h)
{
    rs_schedule *s = rs_schedule_new();
    if (!s)
        return NULL;
    for (int i = 0; i < h->nm; i++) {
        const rs_pair *pr = &h->ev->pairs[h->m[i].pair];
        if (rs_schedule_add(s, h->m[i].slot, h->m[i].room, pr->sme, &pr->inv, 1, pr->score,
                            0) != 0) {
            rs_schedule_free(s);
            return NULL;
        }
    }
    rs_schedule_sort(h->ev, s);
    return s;
}

void rs_tt_set_keep(rs_tt *h, const rs_keep *keep)
{
    h->keep = keep;
}

/* Whether pair p (not placed) may meet at slot k in room r as the
 * timetable stands: both people free and available, the room open, free
 * and large enough, and every rule of rs_tt_people_ok kept. */
static int fits_in(const rs_tt *h, int p, int k, int r)
{
    const rs_pair *pr = &h->ev->pairs[p];
    return h->ev->p[pr->inv].avail[k] && h->ev->p[pr->sme].avail[k] &&
           !rs_tt_row(h, pr->inv)[k] && !rs_tt_row(h, pr->sme)[k] && h->ev->rooms[r].avail[k] &&
           h->ev->rooms[r].capacity >= h->need[p] &&
           h->room_m[(size_t)r * (size_t)h->ns + (size_t)k] < 0 &&
           rs_tt_people_ok(h, p, k, h->ev->rooms[r].venue);
}

/* Slot by slot (locked ones first in each), so that each participant's
 * meetings arrive in time order: its gaps only grow towards those of the
 * previous schedule, which kept every gap cap.  Placing the locked ones
 * first over the whole event opened gaps that the others fill, and the
 * gap caps then refused the rest of the locked ones. */
int rs_tt_place_previous(rs_tt *h)
{
    const rs_keep *kp = h->keep;
    int out = 0;
    for (int k = 0; kp && k < h->ns; k++)
        for (int pass = 0; pass < 2; pass++)
            for (int p = 0; p < h->ev->npairs; p++) {
                if (kp->slot[p] != k || kp->locked[p] != (pass == 0) || h->pair_m[p] >= 0)
                    continue;
                int r = kp->room[p];
                if (!fits_in(h, p, k, r) || rs_tt_place(h, p, k, r) != 0)
                    out += pass == 0;
            }
    return out;
}

/* Slot by slot, so that each participant's meetings arrive in time order
 * and its gaps only grow towards those of the whole set: a set within
 * every gap cap is never refused on the way. */
int rs_tt_place_given(rs_tt *h, const rs_placement *at, int n)
{
    int out = n;
    for (int k = 0; k < h->ns; k++)
        for (int i = 0; i < n; i++)
            if (at[i].slot == k && h->pair_m[at[i].pair] < 0 &&
                fits_in(h, at[i].pair, k, at[i].room) &&
                rs_tt_place(h, at[i].pair, k, at[i].room) == 0)
                out--;
    return out;
}

double rs_tt_combined(const rs_tt *h)
{
    double total = rs_tt_objective(h);
    for (int i = 0; i < h->nm; i++)
        total += rs_keep_bonus(h->keep, h->m[i].pair, h->m[i].slot, h->m[i].room);
    return total;
}

const rs_placement *rs_tt_meetings(const rs_tt *h, int *n)
{
    *n = h->nm;
    return h->m;
}

int rs_tt_place_guided(rs_tt *h, const int *pairs, int n, const unsigned char *plan)
{
    h->guide = plan;
    int placed = rs_tt_place_all(h, pairs, n);
    h->guide = NULL;
    return placed;
}

int rs_tt_set_homes(rs_tt *h, const int *pairs, int n)
{
    int *homes = NULL;
    if (rs_homes(h->ev, pairs, n, &homes) != 0)
        return -1;
    free(h->home);
    h->home = homes;
    return 0;
}
