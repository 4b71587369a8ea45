/*
 * group_heur.c - the group format's heuristic timetable (see
 * group_heur.h; group.h says what a pitch is).
 *
 * It runs inside the group solver's guarded GLPK call but calls no GLPK
 * itself; every allocation hangs off the rs_gt, which its owner frees
 * whatever happens.
 */
#include "group_heur.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Index of participant p and slot k in the np x ns maps. */
static size_t cell(const rs_gt *h, int p, int k)
{
    return (size_t)p * (size_t)h->ns + (size_t)k;
}

int rs_gt_heard(const rs_gt *h, int inv, int sme)
{
    return h->heard[(size_t)inv * (size_t)h->ev->nsme + (size_t)rs_sme_col(h->ev, sme)];
}

void rs_gt_free(rs_gt *h)
{
    for (int i = 0; i < h->cappt; i++)
        free(h->pt[i].inv);
    free(h->pt);
    free(h->at);
    free(h->busy);
    free(h->venue);
    free(h->room_at);
    free(h->count);
    free(h->heard);
    free(h->val);
    free(h->who);
    free(h->order);
    free(h->tmp);
    free(h->keep);
    free(h->people);
    free(h->blk);
    free(h->korder);
    memset(h, 0, sizeof *h);
}

/* Empties the timetable (keeps the allocations). */
static void gt_clear(rs_gt *h)
{
    const rs_event *ev = h->ev;
    size_t ps = (size_t)ev->np * (size_t)h->ns;
    for (size_t c = 0; c < ps; c++) {
        h->at[c] = -1;
        h->venue[c] = -1;
    }
    memset(h->busy, 0, ps);
    for (size_t c = 0; c < (size_t)ev->nrooms * (size_t)h->ns; c++)
        h->room_at[c] = -1;
    memset(h->count, 0, (size_t)ev->np * sizeof(int));
    memset(h->heard, 0, (size_t)ev->ninv * (size_t)ev->nsme);
    h->npt = 0;
}

/* The order in which a new pitch tries the slots (h->korder): in time
 * order, except where someone's gaps are capped.  There each day's slots
 * go from its middle outwards: a first pitch fixes where a participant's
 * block can grow, and one at the start of the day ends that block at the
 * consecutive limit (any later meeting would open a gap), while one in
 * the middle leaves room on both sides and across a lunch break.  Equal
 * values keep the earlier slot in this order. */
static void gt_slot_order(rs_gt *h)
{
    const rs_event *ev = h->ev;
    int n = 0;
    for (int d = 0; d < ev->ndays; d++) {
        int f = ev->days[d].first_slot, m = ev->days[d].nslots;
        for (int j = 0; j < m; j++) {
            /* middle-out: mid, mid + 1, mid - 1, mid + 2, ... */
            int off = (j + 1) / 2, mid = (m - 1) / 2;
            int pos = j % 2 ? mid + off : mid - off;
            h->korder[n++] = ev->gap_cap ? f + pos : f + j;
        }
    }
}

/* Allocates the timetable for the event; 0, or -1 when out of memory. */
int rs_gt_init(rs_gt *h, const rs_event *ev, const int *cand, const int *cand_start)
{
    memset(h, 0, sizeof *h);
    h->ev = ev;
    h->ns = ev->nslots;
    h->cand = cand;
    h->cand_start = cand_start;
    h->rng = UINT64_C(0x9e3779b97f4a7c15);
    h->panel_limit = ev->ninv;
    size_t ps = (size_t)ev->np * (size_t)ev->nslots;
    h->at = malloc((ps + 1) * sizeof(int));
    h->busy = malloc(ps + 1);
    h->venue = malloc((ps + 1) * sizeof(int));
    h->room_at = malloc(((size_t)ev->nrooms * (size_t)ev->nslots + 1) * sizeof(int));
    h->count = malloc(((size_t)ev->np + 1) * sizeof(int));
    h->heard = malloc((size_t)ev->ninv * (size_t)ev->nsme + 1);
    h->val = malloc(((size_t)ev->ninv + 1) * sizeof(double));
    h->who = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    h->order = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    h->tmp = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    h->keep = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    h->people = malloc(((size_t)ev->np + 1) * sizeof(int));
    h->blk = malloc(((size_t)ev->nrooms * 2 + 1) * sizeof(int));
    h->korder = malloc(((size_t)ev->nslots + 1) * sizeof(int));
    if (!h->at || !h->busy || !h->venue || !h->room_at || !h->count || !h->heard || !h->val ||
        !h->who || !h->order || !h->tmp || !h->keep || !h->people || !h->blk || !h->korder)
        return -1;
    int *ncand = rs_pair_degrees(ev);
    if (!ncand)
        return -1;
    gt_slot_order(h);
    gt_clear(h);
    h->seat_price = rs_gt_seat_price(ev, ncand);
    free(ncand);
    return 0;
}

void rs_pitch_supply_of(const rs_event *ev, const int *ncand, rs_pitch_supply *s)
{
    int gmin = ev->group_min_investors > 0 ? ev->group_min_investors : 1;
    memset(s, 0, sizeof *s);
    for (int i = 0; i < ev->ninv; i++)
        s->inv_cap += rs_participant_capacity(ev, i);
    for (int c = ev->ninv; c < ev->np; c++) {
        int cap = ncand[c] >= gmin ? rs_participant_capacity(ev, c) : 0;
        int m = ev->p[c].min_meetings;
        s->wanted += m < cap ? m : cap;
    }
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; k < ev->nslots; k++)
            s->room_slots += ev->rooms[r].avail[k] != 0;
}

double rs_gt_seat_price(const rs_event *ev, const int *ncand)
{
    rs_pitch_supply s;
    rs_pitch_supply_of(ev, ncand, &s);
    int gmin = ev->group_min_investors > 0 ? ev->group_min_investors : 1;
    long by_seats = s.inv_cap / gmin;
    if (by_seats >= s.room_slots || by_seats >= s.wanted)
        return 0;
    return ev->w.min_meetings_shortfall / gmin;
}

/* Marks p busy in slot k at venue v, in pitch `pitch`, one meeting more. */
static void gt_mark(rs_gt *h, int p, int k, int v, int pitch)
{
    size_t c = cell(h, p, k);
    h->at[c] = pitch;
    h->busy[c] = 1;
    h->venue[c] = v;
    h->count[p]++;
}

/* Undoes gt_mark for p in slot k. */
static void gt_unmark(rs_gt *h, int p, int k)
{
    size_t c = cell(h, p, k);
    h->at[c] = -1;
    h->busy[c] = 0;
    h->venue[c] = -1;
    h->count[p]--;
}

/* Records whether investor inv is on a panel of SME sme's. */
static void gt_set_heard(rs_gt *h, int inv, int sme, unsigned char v)
{
    h->heard[(size_t)inv * (size_t)h->ev->nsme + (size_t)rs_sme_col(h->ev, sme)] = v;
}

/* Adds a pitch with its panel; returns its index, or -1 when out of
 * memory.  The caller has checked every rule. */
static int gt_add_pitch(rs_gt *h, int s, int k, int r, const int *inv, int n)
{
    const rs_event *ev = h->ev;
    if (h->npt == h->cappt) {
        int cap = h->cappt ? h->cappt * 2 : 64;
        rs_pitch *np = realloc(h->pt, (size_t)cap * sizeof(rs_pitch));
        if (!np)
            return -1;
        h->pt = np;
        for (int i = h->cappt; i < cap; i++)
            memset(&h->pt[i], 0, sizeof(rs_pitch));
        h->cappt = cap;
    }
    rs_pitch *P = &h->pt[h->npt];
    if (!P->inv) {
        /* room for any panel: at most one investor per investor */
        P->inv = malloc(((size_t)ev->ninv + 1) * sizeof(int));
        if (!P->inv)
            return -1;
    }
    int idx = h->npt++;
    int v = ev->rooms[r].venue;
    P->slot = k;
    P->room = r;
    P->sme = s;
    P->ninv = 0;
    P->locked = 0;
    P->people = ev->p[s].team_size;
    gt_mark(h, s, k, v, idx);
    h->room_at[(size_t)r * (size_t)h->ns + (size_t)k] = idx;
    for (int j = 0; j < n; j++) {
        P->inv[P->ninv++] = inv[j];
        P->people += ev->p[inv[j]].team_size;
        gt_mark(h, inv[j], k, v, idx);
        gt_set_heard(h, inv[j], s, 1);
    }
    return idx;
}

/* Adds investor i to pitch pi's panel (the caller checked every rule). */
static void gt_add_inv(rs_gt *h, int pi, int i)
{
    rs_pitch *P = &h->pt[pi];
    P->inv[P->ninv++] = i;
    P->people += h->ev->p[i].team_size;
    gt_mark(h, i, P->slot, h->ev->rooms[P->room].venue, pi);
    gt_set_heard(h, i, P->sme, 1);
}

/* Removes the panel member at position j of pitch pi. */
static void gt_remove_inv(rs_gt *h, int pi, int j)
{
    rs_pitch *P = &h->pt[pi];
    int i = P->inv[j];
    P->inv[j] = P->inv[--P->ninv];
    P->people -= h->ev->p[i].team_size;
    gt_unmark(h, i, P->slot);
    gt_set_heard(h, i, P->sme, 0);
}

/* Removes pitch pi; the last pitch takes its index. */
static void gt_remove_pitch(rs_gt *h, int pi)
{
    const rs_event *ev = h->ev;
    rs_pitch *P = &h->pt[pi];
    while (P->ninv > 0)
        gt_remove_inv(h, pi, P->ninv - 1);
    gt_unmark(h, P->sme, P->slot);
    h->room_at[(size_t)P->room * (size_t)h->ns + (size_t)P->slot] = -1;
    int last = --h->npt;
    if (last != pi) {
        rs_pitch tmp = h->pt[pi];
        h->pt[pi] = h->pt[last];
        h->pt[last] = tmp; /* keeps the panel array for reuse */
        rs_pitch *Q = &h->pt[pi];
        h->at[cell(h, Q->sme, Q->slot)] = pi;
        for (int j = 0; j < Q->ninv; j++)
            h->at[cell(h, Q->inv[j], Q->slot)] = pi;
        h->room_at[(size_t)Q->room * (size_t)h->ns + (size_t)Q->slot] = pi;
    }
    (void)ev;
}

/* What gt_side returns for a change that would give a participant more
 * gaps than its max_idle_gaps (rule 12): a loss no score outweighs, so
 * that every move weighing it declines it. */
#define GT_FORBID 1e15

/* Whether participant p has a gap cap (rule 12). */
static int gt_capped(const rs_gt *h, int p)
{
    return h->ev->p[p].max_idle_gaps < RS_UNLIMITED;
}

/* The change in shortfall, idle-slot and gap cost when p starts (add) or
 * stops (!add) being busy in slot k, everything else unchanged;
 * -GT_FORBID when that breaks p's gap cap (taking a meeting out of the
 * middle of a run opens a gap too). */
static double gt_side(rs_gt *h, int p, int k, int add)
{
    const rs_event *ev = h->ev;
    const rs_participant *a = &ev->p[p];
    double d = 0, wi = ev->w.idle_slot, wg = ev->w.idle_gap;
    if (add && h->count[p] < a->min_meetings)
        d += ev->w.min_meetings_shortfall;
    if (!add && h->count[p] <= a->min_meetings)
        d -= ev->w.min_meetings_shortfall;
    int gaps = wg != 0 || gt_capped(h, p); /* counted only where they matter */
    if (wi != 0 || gaps) {
        unsigned char *row = h->busy + cell(h, p, 0);
        int day = ev->slots[k].day;
        int ib = rs_idle_day(ev, row, day), gb = gaps ? rs_gaps_day(ev, row, day) : 0;
        row[k] = (unsigned char)(add ? 1 : 0);
        int ia = rs_idle_day(ev, row, day), ga = gaps ? rs_gaps_day(ev, row, day) : 0;
        int over = ga > gb && gt_capped(h, p) && rs_gaps_of(ev, row) > a->max_idle_gaps;
        row[k] = (unsigned char)(add ? 0 : 1);
        if (over)
            return -GT_FORBID;
        d -= wi * (ia - ib) + wg * (ga - gb);
    }
    return d;
}

/* Whether participant p may newly be busy in slot k at venue v: free and
 * available then, below its maximum, within travel, the consecutive
 * limit and its gap cap. */
static int gt_free_for(const rs_gt *h, int p, int k, int v)
{
    if (h->count[p] >= h->ev->p[p].max_meetings)
        return 0;
    return rs_can_add(h->ev, p, k, v, h->busy + cell(h, p, 0), h->venue + cell(h, p, 0)) &&
           rs_gaps_within(h->ev, h->busy + cell(h, p, 0), p, k);
}

/* Whether investor i may hear SME s's pitch in slot k as far as the
 * windows of their requests go (rule 11). */
static int gt_window_ok(const rs_gt *h, int i, int s, int k)
{
    int p = rs_pair_index(h->ev, i, s);
    return p >= 0 && rs_pair_slot_ok(h->ev, p, k);
}

/* Whether every panel member of pitch pi may hear it in its slot (rule
 * 11), after the pitch moved. */
static int gt_windows_ok(const rs_gt *h, int pi)
{
    const rs_pitch *P = &h->pt[pi];
    for (int j = 0; j < P->ninv; j++)
        if (!gt_window_ok(h, P->inv[j], P->sme, P->slot))
            return 0;
    return 1;
}

/* The keep bonus of investor i hearing SME s in slot k and room r
 * (rs_keep_bonus; 0 when not re-scheduling). */
static double gt_keep(const rs_gt *h, int i, int s, int k, int r)
{
    if (!h->prev)
        return 0;
    return rs_keep_bonus(h->prev, rs_pair_index(h->ev, i, s), k, r);
}

/* The keep bonus of every seat of pitch pi where it is now. */
static double gt_keep_pitch(const rs_gt *h, int pi)
{
    const rs_pitch *P = &h->pt[pi];
    double b = 0;
    for (int j = 0; h->prev && j < P->ninv; j++)
        b += gt_keep(h, P->inv[j], P->sme, P->slot, P->room);
    return b;
}

/* Whether investor i (free in slot k) may join pitch pi. */
static int gt_can_join(const rs_gt *h, int pi, int i)
{
    const rs_event *ev = h->ev;
    const rs_pitch *P = &h->pt[pi];
    if (!gt_window_ok(h, i, P->sme, P->slot) || rs_gt_heard(h, i, P->sme))
        return 0;
    if (P->people + ev->p[i].team_size > ev->rooms[P->room].capacity)
        return 0;
    return gt_free_for(h, i, P->slot, ev->rooms[P->room].venue);
}

/* Whether inv and sme are a must pair. */
static int pair_must(const rs_event *ev, int inv, int sme)
{
    int p = rs_pair_index(ev, inv, sme);
    return p >= 0 && ev->pairs[p].must;
}

/* The order of candidates for a panel prefers investors who stay in the
 * venue: h->away_cost times the meetings investor i already has on slot
 * k's day at other venues than v (each such meeting brings a venue
 * change, and travel leaves slots idle; a day in one venue needs no
 * travel at all).  Only the order: values stay the contract's. */
static double gt_away(const rs_gt *h, int i, int k, int v)
{
    if (h->away_cost <= 0)
        return 0;
    const rs_event *ev = h->ev;
    const rs_day *d = &ev->days[ev->slots[k].day];
    const int *ven = h->venue + cell(h, i, 0);
    int away = 0;
    for (int j = d->first_slot; j < d->first_slot + d->nslots; j++)
        away += ven[j] >= 0 && ven[j] != v;
    return h->away_cost * away;
}

/* The best panel for SME s in slot k and room r (both free for it), with
 * the forced investors in it: the forced ones, then the others by value
 * (pair score plus their own shortfall and idle change), at least
 * group_min_investors of them, more only while each adds value, all
 * within the room.  Writes the panel to out and returns its value plus
 * the SME's own change; -HUGE_VAL when no panel is possible. */
static double gt_best_panel(rs_gt *h, int s, int k, int r, const int *forced, int nforced,
                           int *out, int *nout)
{
    const rs_event *ev = h->ev;
    const rs_room *rm = &ev->rooms[r];
    int v = rm->venue, left = rm->capacity - ev->p[s].team_size, n = 0, nc = 0;
    double total = gt_side(h, s, k, 1);
    for (int j = 0; j < nforced; j++) {
        int i = forced[j];
        if (!gt_window_ok(h, i, s, k) || rs_gt_heard(h, i, s) || !gt_free_for(h, i, k, v) ||
            ev->p[i].team_size > left)
            return -HUGE_VAL;
        left -= ev->p[i].team_size;
        total += rs_group_pair_score(ev, i, s) + gt_keep(h, i, s, k, r) + gt_side(h, i, k, 1);
        out[n++] = i;
    }
    int sc = rs_sme_col(ev, s);
    for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
        int i = ev->pairs[h->cand[c]].inv, dup = 0;
        for (int j = 0; j < nforced; j++)
            dup |= forced[j] == i;
        if (dup || !rs_pair_slot_ok(ev, h->cand[c], k) || rs_gt_heard(h, i, s) ||
            ev->p[i].team_size > left || !gt_free_for(h, i, k, v))
            continue;
        h->val[i] = ev->pairs[h->cand[c]].score + gt_keep(h, i, s, k, r) + gt_side(h, i, k, 1) -
                    gt_away(h, i, k, v);
        h->order[nc++] = i;
    }
    rs_sort(h->order, (size_t)nc, sizeof(int), rs_cmp_index_value_desc, h->val);
    for (int c = 0; c < nc; c++) {
        int i = h->order[c];
        double val = h->val[i] + gt_away(h, i, k, v);
        if (n >= ev->group_min_investors &&
            (val <= h->seat_price + RS_EPS || n >= h->panel_limit))
            break;
        if (ev->p[i].team_size > left)
            continue;
        left -= ev->p[i].team_size;
        total += val;
        out[n++] = i;
    }
    *nout = n;
    return n >= ev->group_min_investors ? total : -HUGE_VAL;
}

/* The best new pitch of SME s anywhere, with the forced investors; its
 * slot, room and panel go to *k, *r, out.  Returns its value, -HUGE_VAL
 * when it has none.  Rooms of one venue and size give the same panel, so
 * only the first free one of each is tried. */
static double gt_best_pitch(rs_gt *h, int s, const int *forced, int nforced, int *bk, int *br,
                           int *out, int *nout)
{
    const rs_event *ev = h->ev;
    double best = -HUGE_VAL;
    int need = ev->p[s].team_size + ev->group_min_investors;
    if (h->count[s] >= ev->p[s].max_meetings)
        return best;
    for (int ki = 0; ki < h->ns; ki++) {
        int k = h->korder[ki];
        if (!ev->p[s].avail[k] || h->busy[cell(h, s, k)])
            continue;
        for (int r = 0; r < ev->nrooms; r++) {
            const rs_room *rm = &ev->rooms[r];
            if (!rm->avail[k] || rm->capacity < need ||
                h->room_at[(size_t)r * (size_t)h->ns + (size_t)k] >= 0)
                continue;
            int seen = 0;
            for (int q = 0; q < r && !seen; q++)
                seen = ev->rooms[q].venue == rm->venue && ev->rooms[q].capacity == rm->capacity &&
                       ev->rooms[q].avail[k] &&
                       h->room_at[(size_t)q * (size_t)h->ns + (size_t)k] < 0;
            if (seen || !gt_free_for(h, s, k, rm->venue))
                continue;
            int n = 0;
            double val = gt_best_panel(h, s, k, r, forced, nforced, h->tmp, &n);
            if (val > best + RS_EPS) {
                best = val;
                *bk = k;
                *br = r;
                *nout = n;
                memcpy(out, h->tmp, (size_t)n * sizeof(int));
            }
        }
    }
    return best;
}

/* Contract objective of the timetable, from scratch. */
double rs_gt_objective(const rs_gt *h)
{
    const rs_event *ev = h->ev;
    double total = 0;
    long sf = 0, idle = 0, gaps = 0;
    for (int pi = 0; pi < h->npt; pi++)
        for (int j = 0; j < h->pt[pi].ninv; j++)
            total += rs_group_pair_score(ev, h->pt[pi].inv[j], h->pt[pi].sme);
    for (int p = 0; p < ev->np; p++) {
        if (h->count[p] < ev->p[p].min_meetings)
            sf += ev->p[p].min_meetings - h->count[p];
        idle += rs_idle_of(ev, h->busy + cell(h, p, 0));
        if (ev->w.idle_gap != 0)
            gaps += rs_gaps_of(ev, h->busy + cell(h, p, 0));
    }
    return total - ev->w.min_meetings_shortfall * (double)sf - ev->w.idle_slot * (double)idle -
           ev->w.idle_gap * (double)gaps;
}

double rs_gt_combined(const rs_gt *h)
{
    double total = rs_gt_objective(h);
    for (int pi = 0; h->prev && pi < h->npt; pi++)
        total += gt_keep_pitch(h, pi);
    return total;
}

/* Orders pair indices by their previous slot, then SME, room and
 * investor (arg: the event and the keep), so that the seats of one
 * previous pitch are adjacent and pitches come in slot order. */
static int cmp_previous_seat(const void *x, const void *y, void *arg)
{
    const void *const *ctx = arg;
    const rs_event *ev = ctx[0];
    const rs_keep *k = ctx[1];
    int a = *(const int *)x, b = *(const int *)y;
    const rs_pair *pa = &ev->pairs[a], *pb = &ev->pairs[b];
    int ka[4] = {k->slot[a], pa->sme, k->room[a], pa->inv};
    int kb[4] = {k->slot[b], pb->sme, k->room[b], pb->inv};
    for (int j = 0; j < 4; j++)
        if (ka[j] != kb[j])
            return ka[j] < kb[j] ? -1 : 1;
    return 0;
}

int rs_gt_place_previous(rs_gt *h)
{
    const rs_event *ev = h->ev;
    const rs_keep *k = h->prev;
    int n = 0, rc = -1;
    int *seat = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    int *panel = malloc(((size_t)ev->ninv + 1) * sizeof(int));
    if (!seat || !panel)
        goto done;
    for (int p = 0; k && p < ev->npairs; p++)
        if (k->slot[p] >= 0)
            seat[n++] = p;
    const void *ctx[2] = {ev, k};
    rs_sort(seat, (size_t)n, sizeof(int), cmp_previous_seat, (void *)ctx);
    /* slot by slot, locked pitches first in each: a participant's pitches
     * then arrive in time order, so its gaps only grow towards those of
     * the previous schedule, which kept every gap cap */
    for (int s0 = 0, s1; s0 < n; s0 = s1) {
        for (s1 = s0; s1 < n && k->slot[seat[s1]] == k->slot[seat[s0]]; s1++)
            ;
        for (int pass = 0; pass < 2; pass++) {
            for (int a = s0, b; a < s1; a = b) {
                int p0 = seat[a], s = ev->pairs[p0].sme, slot = k->slot[p0], r = k->room[p0];
                for (b = a; b < s1 && ev->pairs[seat[b]].sme == s && k->slot[seat[b]] == slot &&
                            k->room[seat[b]] == r;
                     b++)
                    ;
                if ((pass == 0) != (k->locked[p0] != 0))
                    continue;
                int np = 0, v = ev->rooms[r].venue;
                if (pass == 0) {
                    for (int j = a; j < b; j++)
                        panel[np++] = ev->pairs[seat[j]].inv;
                    int pi = gt_add_pitch(h, s, slot, r, panel, np);
                    if (pi < 0)
                        goto done;
                    h->pt[pi].locked = 1;
                    continue;
                }
                const rs_room *rm = &ev->rooms[r];
                if (!rm->avail[slot] || h->room_at[(size_t)r * (size_t)h->ns + (size_t)slot] >= 0 ||
                    h->busy[cell(h, s, slot)] || !gt_free_for(h, s, slot, v))
                    continue;
                int people = ev->p[s].team_size;
                for (int j = a; j < b; j++) {
                    int i = ev->pairs[seat[j]].inv;
                    if (h->busy[cell(h, i, slot)] || rs_gt_heard(h, i, s) ||
                        !rs_pair_slot_ok(ev, seat[j], slot) || !gt_free_for(h, i, slot, v) ||
                        people + ev->p[i].team_size > rm->capacity)
                        continue;
                    panel[np++] = i;
                    people += ev->p[i].team_size;
                }
                if (np >= ev->group_min_investors && gt_add_pitch(h, s, slot, r, panel, np) < 0)
                    goto done;
            }
        }
    }
    rc = 0;
done:
    free(seat);
    free(panel);
    return rc;
}

/* Must pairs not yet in a pitch. */
int rs_gt_missing_musts(const rs_gt *h)
{
    const rs_event *ev = h->ev;
    int n = 0;
    for (int p = 0; p < ev->npairs; p++)
        n += ev->pairs[p].must && !rs_gt_heard(h, ev->pairs[p].inv, ev->pairs[p].sme);
    return n;
}

/* Places the must pairs of SME s that are not met: all in one new pitch
 * when possible, else each into a pitch of s it can join or a new pitch
 * of its own.  Returns -1 when out of memory. */
static int gt_place_musts(rs_gt *h, int s, int *buf)
{
    const rs_event *ev = h->ev;
    int nf = 0, *forced = h->who;
    int sc = rs_sme_col(ev, s);
    for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
        const rs_pair *pr = &ev->pairs[h->cand[c]];
        if (pr->must && !rs_gt_heard(h, pr->inv, s))
            forced[nf++] = pr->inv;
    }
    if (nf == 0)
        return 0;
    int k = 0, r = 0, n = 0;
    if (gt_best_pitch(h, s, forced, nf, &k, &r, buf, &n) > -HUGE_VAL)
        return gt_add_pitch(h, s, k, r, buf, n) < 0 ? -1 : 0;
    for (int j = 0; j < nf; j++) {
        int i = forced[j], done = 0;
        for (int pi = 0; pi < h->npt && !done; pi++)
            if (h->pt[pi].sme == s && gt_can_join(h, pi, i)) {
                gt_add_inv(h, pi, i);
                done = 1;
            }
        if (!done && gt_best_pitch(h, s, &forced[j], 1, &k, &r, buf, &n) > -HUGE_VAL &&
            gt_add_pitch(h, s, k, r, buf, n) < 0)
            return -1;
    }
    return 0;
}

/* Greedy construction: must pairs first, then rounds in which every SME
 * (those with fewest candidates first) gets at most one more pitch, while
 * a pitch adds value.  New panels take group_min_investors only, so that
 * the investors' hours reach every SME; the local search fills panels
 * up afterwards.  Returns -1 when out of memory. */
int rs_gt_construct(rs_gt *h, const int *sme_order, int *buf)
{
    const rs_event *ev = h->ev;
    int rc = -1;
    h->panel_limit = ev->group_min_investors;
    for (int j = 0; j < ev->nsme; j++)
        if (gt_place_musts(h, sme_order[j], buf) != 0)
            goto done;
    for (int round = 0; round < h->ns; round++) {
        int added = 0;
        for (int j = 0; j < ev->nsme; j++) {
            int s = sme_order[j], k = 0, r = 0, n = 0;
            if (h->count[s] > round)
                continue;
            if (gt_best_pitch(h, s, NULL, 0, &k, &r, buf, &n) > RS_EPS) {
                if (gt_add_pitch(h, s, k, r, buf, n) < 0)
                    goto done;
                added++;
            }
        }
        if (!added)
            break;
    }
    rc = 0;
done:
    h->panel_limit = ev->ninv;
    return rc;
}

/* Panel moves on pitch pi: add a free investor, pull one from another
 * pitch of the same slot, or swap one in for a member.  Returns the
 * number of improving moves made. */
static long gt_panel_moves(rs_gt *h, int pi)
{
    const rs_event *ev = h->ev;
    long moves = 0;
    int s = h->pt[pi].sme, k = h->pt[pi].slot, sc = rs_sme_col(ev, s), room = h->pt[pi].room;
    int v = ev->rooms[room].venue, cap = ev->rooms[room].capacity;
    if (h->pt[pi].locked)
        return 0;
    for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
        rs_pitch *P = &h->pt[pi];
        int i = ev->pairs[h->cand[c]].inv;
        double sc_i = ev->pairs[h->cand[c]].score + gt_keep(h, i, s, k, room);
        if (rs_gt_heard(h, i, s) || !rs_pair_slot_ok(ev, h->cand[c], k))
            continue;
        int q = h->at[cell(h, i, k)];
        if (q < 0) {
            if (!gt_free_for(h, i, k, v))
                continue;
            double gain = sc_i + gt_side(h, i, k, 1);
            if (P->people + ev->p[i].team_size <= cap) {
                if (gain > h->seat_price + RS_EPS) {
                    gt_add_inv(h, pi, i);
                    moves++;
                }
                continue;
            }
            /* swap i in for the member whose leaving costs least */
            int best = -1;
            double bestd = RS_EPS;
            for (int j = 0; j < P->ninv; j++) {
                int m = P->inv[j];
                if (pair_must(ev, m, s) ||
                    P->people - ev->p[m].team_size + ev->p[i].team_size > cap)
                    continue;
                double d = gain - rs_group_pair_score(ev, m, s) - gt_keep(h, m, s, k, room) +
                           gt_side(h, m, k, 0);
                if (d > bestd) {
                    bestd = d;
                    best = j;
                }
            }
            if (best >= 0) {
                gt_remove_inv(h, pi, best);
                gt_add_inv(h, pi, i);
                moves++;
            }
            continue;
        }
        /* i hears another pitch in this slot: move it here if that pays */
        rs_pitch *Q = &h->pt[q];
        if (q == pi || Q->locked || Q->ninv <= ev->group_min_investors ||
            pair_must(ev, i, Q->sme) || P->people + ev->p[i].team_size > cap)
            continue;
        double gain = sc_i - rs_group_pair_score(ev, i, Q->sme) - gt_keep(h, i, Q->sme, k, Q->room);
        if (gain <= RS_EPS)
            continue;
        int jq = 0;
        while (Q->inv[jq] != i)
            jq++;
        gt_remove_inv(h, q, jq);
        if (gt_free_for(h, i, k, v)) {
            gt_add_inv(h, pi, i);
            moves++;
        } else {
            gt_add_inv(h, q, i); /* travel rules it out: put it back */
        }
    }
    return moves;
}

/* Pitch moves on pitch pi: drop members that cost more than they add,
 * then move the pitch (with its must members) where it is worth more, or
 * drop it when it is worth less than nothing.  Returns the number of
 * improving moves; -1 when out of memory. */
static long gt_pitch_moves(rs_gt *h, int pi, int *buf)
{
    const rs_event *ev = h->ev;
    long moves = 0;
    rs_pitch *P = &h->pt[pi];
    int s = P->sme, k = P->slot;
    if (P->locked)
        return 0;
    for (int j = P->ninv - 1; j >= 0 && P->ninv > ev->group_min_investors; j--) {
        int m = P->inv[j];
        if (!pair_must(ev, m, s) &&
            -rs_group_pair_score(ev, m, s) - gt_keep(h, m, s, k, P->room) + gt_side(h, m, k, 0) >
                RS_EPS - h->seat_price) {
            gt_remove_inv(h, pi, j);
            moves++;
        }
    }
    /* the pitch's worth: what removing it would lose */
    double worth = -gt_side(h, s, k, 0);
    int n = P->ninv, r = P->room, nf = 0;
    int *old = h->keep, *forced = h->who;
    for (int j = 0; j < n; j++) {
        old[j] = P->inv[j];
        if (pair_must(ev, P->inv[j], s))
            forced[nf++] = P->inv[j];
    }
    /* value of the members leaving, counted one at a time from the end */
    for (int j = n - 1; j >= 0; j--) {
        worth += rs_group_pair_score(ev, old[j], s) + gt_keep(h, old[j], s, k, r) -
                 gt_side(h, old[j], k, 0);
        gt_remove_inv(h, pi, j);
    }
    gt_remove_pitch(h, pi);
    int nk = 0, nr = 0, nn = 0;
    double val = gt_best_pitch(h, s, forced, nf, &nk, &nr, buf, &nn);
    if (nf == 0 && worth < -RS_EPS && val <= RS_EPS)
        return moves + 1; /* dropped */
    if (val > worth + RS_EPS) {
        if (gt_add_pitch(h, s, nk, nr, buf, nn) < 0)
            return -1;
        return moves + 1;
    }
    memcpy(buf, old, (size_t)n * sizeof(int));
    if (gt_add_pitch(h, s, k, r, buf, n) < 0)
        return -1;
    return moves;
}

/* Local search until no move improves, the deadline or an interrupt.
 * Returns the number of improving moves, -1 when out of memory. */
long rs_gt_improve(rs_gt *h, const int *sme_order, int *buf, double deadline,
                   volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    long total = 0;
    for (int pass = 0; pass < 100; pass++) {
        long moves = 0;
        for (int pi = 0; pi < h->npt; pi++)
            moves += gt_panel_moves(h, pi);
        for (int pi = h->npt - 1; pi >= 0; pi--) {
            if (pi >= h->npt)
                continue;
            long m = gt_pitch_moves(h, pi, buf);
            if (m < 0)
                return -1;
            moves += m;
        }
        for (int j = 0; j < ev->nsme; j++) {
            int s = sme_order[j], k = 0, r = 0, n = 0;
            if (gt_best_pitch(h, s, NULL, 0, &k, &r, buf, &n) > RS_EPS) {
                if (gt_add_pitch(h, s, k, r, buf, n) < 0)
                    return -1;
                moves++;
            }
        }
        total += moves;
        if (!moves || rs_now() > deadline || (interrupt && *interrupt))
            break;
    }
    return total;
}

/* Takes pitch pi's SME and panel out of its slot and frees its room,
 * keeping the pitch (gt_place puts it back somewhere). */
static void gt_lift(rs_gt *h, int pi)
{
    const rs_pitch *P = &h->pt[pi];
    gt_unmark(h, P->sme, P->slot);
    for (int j = 0; j < P->ninv; j++)
        gt_unmark(h, P->inv[j], P->slot);
    h->room_at[(size_t)P->room * (size_t)h->ns + (size_t)P->slot] = -1;
}

/* Puts lifted pitch pi into slot k and room r (the caller checked that
 * the room and every member are free then). */
static void gt_place(rs_gt *h, int pi, int k, int r)
{
    rs_pitch *P = &h->pt[pi];
    int v = h->ev->rooms[r].venue;
    P->slot = k;
    P->room = r;
    gt_mark(h, P->sme, k, v, pi);
    for (int j = 0; j < P->ninv; j++)
        gt_mark(h, P->inv[j], k, v, pi);
    h->room_at[(size_t)r * (size_t)h->ns + (size_t)k] = pi;
}

/* Whether every member of lifted pitch pi is free in slot k. */
static int gt_members_free(const rs_gt *h, int pi, int k)
{
    const rs_pitch *P = &h->pt[pi];
    if (h->busy[cell(h, P->sme, k)])
        return 0;
    for (int j = 0; j < P->ninv; j++)
        if (h->busy[cell(h, P->inv[j], k)])
            return 0;
    return 1;
}

/* Whether participant p's day rows keep every rule of availability, the
 * consecutive limit and travel (each meeting could be added to the others
 * as they stand) and its gap cap. */
static int gt_row_ok(rs_gt *h, int p)
{
    unsigned char *row = h->busy + cell(h, p, 0);
    int *ven = h->venue + cell(h, p, 0), ok = 1;
    for (int k = 0; k < h->ns && ok; k++) {
        if (!row[k])
            continue;
        row[k] = 0;
        ok = rs_can_add(h->ev, p, k, ven[k], row, ven);
        row[k] = 1;
    }
    return ok && rs_gaps_within(h->ev, row, p, -1);
}

/* Adds the people of pitch pi to h->people (n so far, each once);
 * returns the new count. */
static int gt_add_people(rs_gt *h, int pi, int n)
{
    const rs_pitch *P = &h->pt[pi];
    for (int j = -1; j < P->ninv; j++) {
        int p = j < 0 ? P->sme : P->inv[j], dup = 0;
        for (int e = 0; e < n && !dup; e++)
            dup = h->people[e] == p;
        if (!dup)
            h->people[n++] = p;
    }
    return n;
}

/* What re-timing weighs: the idle-slot and gap cost of the first n
 * participants in h->people, less the keep bonus of the np pitches in
 * pitch[] where they now are. */
static double gt_retime_cost(const rs_gt *h, int n, const int *pitch, int np)
{
    const rs_event *ev = h->ev;
    double cost = 0;
    for (int e = 0; e < n; e++) {
        const unsigned char *row = h->busy + cell(h, h->people[e], 0);
        cost += ev->w.idle_slot * rs_idle_of(ev, row);
        if (ev->w.idle_gap != 0)
            cost += ev->w.idle_gap * rs_gaps_of(ev, row);
    }
    for (int j = 0; j < np; j++)
        cost -= gt_keep_pitch(h, pitch[j]);
    return cost;
}

/* Swaps the places (slot and room) of pitch pi and pitch qi, or moves pi
 * to slot k and room r when qi is -1 (that room free then), when every
 * rule still holds and the idle-slot and gap cost of the people involved
 * falls; undoes it otherwise.  Returns 1 when it was made. */
static int gt_try_swap(rs_gt *h, int pi, int qi, int k, int r)
{
    const rs_event *ev = h->ev;
    rs_pitch *P = &h->pt[pi];
    int pk = P->slot, pr = P->room;
    if (qi >= 0) {
        k = h->pt[qi].slot;
        r = h->pt[qi].room;
    }
    if (P->locked || (qi >= 0 && h->pt[qi].locked) || P->people > ev->rooms[r].capacity ||
        (qi >= 0 && h->pt[qi].people > ev->rooms[pr].capacity))
        return 0;
    int n = gt_add_people(h, pi, 0);
    if (qi >= 0)
        n = gt_add_people(h, qi, n);
    const int moved[2] = {pi, qi};
    double before = gt_retime_cost(h, n, moved, qi >= 0 ? 2 : 1);
    gt_lift(h, pi);
    if (qi >= 0)
        gt_lift(h, qi);
    int ok = gt_members_free(h, pi, k) && (qi < 0 || gt_members_free(h, qi, pk));
    if (ok) {
        gt_place(h, pi, k, r);
        if (qi >= 0)
            gt_place(h, qi, pk, pr);
        ok = gt_windows_ok(h, pi) && (qi < 0 || gt_windows_ok(h, qi));
        for (int e = 0; e < n && ok; e++)
            ok = gt_row_ok(h, h->people[e]);
        if (ok && gt_retime_cost(h, n, moved, qi >= 0 ? 2 : 1) < before - RS_EPS)
            return 1;
        gt_lift(h, pi);
        if (qi >= 0)
            gt_lift(h, qi);
    }
    gt_place(h, pi, pk, pr);
    if (qi >= 0)
        gt_place(h, qi, k, r);
    return 0;
}

/* Whether pitch pi is at venue v (any venue when v is -1). */
static int gt_at_venue(const rs_gt *h, int pi, int v)
{
    return v < 0 || h->ev->rooms[h->pt[pi].room].venue == v;
}

/* Swaps the pitches of slot a with those of slot b, each keeping its
 * room, at venue v (every venue when v is -1), when every rule still
 * holds and the idle-slot and gap cost of the people involved falls;
 * undoes it otherwise.  Returns 1 when it was made. */
static int gt_try_block(rs_gt *h, int a, int b, int v)
{
    const rs_event *ev = h->ev;
    int n = 0, nb = 0, ok = 1;
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *P = &h->pt[pi];
        if ((P->slot != a && P->slot != b) || !gt_at_venue(h, pi, v))
            continue;
        if (P->locked || !ev->rooms[P->room].avail[P->slot == a ? b : a])
            return 0;
        h->blk[nb++] = pi;
        n = gt_add_people(h, pi, n);
    }
    if (nb == 0)
        return 0;
    double before = gt_retime_cost(h, n, h->blk, nb);
    for (int e = 0; e < nb; e++)
        gt_lift(h, h->blk[e]);
    for (int e = 0; e < nb && ok; e++) {
        const rs_pitch *P = &h->pt[h->blk[e]];
        ok = gt_members_free(h, h->blk[e], P->slot == a ? b : a);
    }
    int placed = ok;
    if (ok) {
        for (int e = 0; e < nb; e++) {
            const rs_pitch *P = &h->pt[h->blk[e]];
            gt_place(h, h->blk[e], P->slot == a ? b : a, P->room);
        }
        for (int e = 0; e < nb && ok; e++)
            ok = gt_windows_ok(h, h->blk[e]);
        for (int e = 0; e < n && ok; e++)
            ok = gt_row_ok(h, h->people[e]);
        if (ok && gt_retime_cost(h, n, h->blk, nb) < before - RS_EPS)
            return 1;
        for (int e = 0; e < nb; e++)
            gt_lift(h, h->blk[e]);
    }
    /* back to where they were (their slot is the new one when placed) */
    for (int e = 0; e < nb; e++) {
        const rs_pitch *P = &h->pt[h->blk[e]];
        int back = placed ? (P->slot == a ? b : a) : P->slot;
        gt_place(h, h->blk[e], back, P->room);
    }
    return 0;
}

long rs_gt_retime(rs_gt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    long total = 0;
    if (ev->w.idle_slot <= 0 && ev->w.idle_gap <= 0)
        return 0;
    int stop = 0;
    for (int pass = 0; pass < 100 && !stop; pass++) {
        long moves = 0;
        /* the clock is read after each pitch and each venue: one pass
           over a large event's pitches can take seconds */
        for (int pi = 0; pi < h->npt && !stop; pi++) {
            for (int qi = pi + 1; qi < h->npt; qi++)
                if (h->pt[qi].slot != h->pt[pi].slot ||
                    ev->rooms[h->pt[qi].room].venue != ev->rooms[h->pt[pi].room].venue)
                    moves += gt_try_swap(h, pi, qi, 0, 0);
            for (int k = 0; k < h->ns; k++)
                for (int r = 0; r < ev->nrooms; r++)
                    if (ev->rooms[r].avail[k] &&
                        h->room_at[(size_t)r * (size_t)h->ns + (size_t)k] < 0)
                        moves += gt_try_swap(h, pi, -1, k, r);
            stop = rs_now() > deadline || (interrupt && *interrupt);
        }
        for (int v = ev->nvenues > 1 ? -1 : 0; v < ev->nvenues && !stop; v++) {
            for (int a = 0; a < h->ns; a++)
                for (int b = a + 1; b < h->ns; b++)
                    moves += gt_try_block(h, a, b, ev->nvenues > 1 ? v : -1);
            stop = rs_now() > deadline || (interrupt && *interrupt);
        }
        total += moves;
        stop = stop || !moves;
    }
    return total;
}

/* Appends x; 0, or -1 when out of memory. */
static int save_push(rs_gtsave *g, int x)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 1024;
        int *nv = realloc(g->v, cap * sizeof(int));
        if (!nv)
            return -1;
        g->v = nv;
        g->cap = cap;
    }
    g->v[g->n++] = x;
    return 0;
}

int rs_gt_save(const rs_gt *h, rs_gtsave *g)
{
    g->n = 0;
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *P = &h->pt[pi];
        if (save_push(g, P->slot) || save_push(g, P->room) || save_push(g, P->sme) ||
            save_push(g, P->ninv) || save_push(g, P->locked))
            return -1;
        for (int j = 0; j < P->ninv; j++)
            if (save_push(g, P->inv[j]))
                return -1;
    }
    return 0;
}

int rs_gt_restore(rs_gt *h, const rs_gtsave *g)
{
    gt_clear(h);
    for (size_t o = 0; o < g->n; o += 5 + (size_t)g->v[o + 3]) {
        int pi = gt_add_pitch(h, g->v[o + 2], g->v[o], g->v[o + 1], &g->v[o + 5], g->v[o + 3]);
        if (pi < 0)
            return -1;
        h->pt[pi].locked = g->v[o + 4];
    }
    return 0;
}

int rs_gt_caps_ok(const rs_gt *h)
{
    const rs_event *ev = h->ev;
    if (!ev->gap_cap)
        return 1;
    for (int p = 0; p < ev->np; p++)
        if (!rs_gaps_within(ev, h->busy + cell(h, p, 0), p, -1))
            return 0;
    return 1;
}

/* Ruin and recreate: empties one or two random slots (or the pitches of
 * a few random SMEs), rebuilds greedily and improves, and keeps the result
 * when it is no worse, still meets every must pair and keeps every gap
 * cap.  A fixed number of
 * rounds, so that runs repeat exactly (the deadline only guards).  Returns
 * -1 when out of memory. */
int rs_gt_perturb(rs_gt *h, long rounds, const int *sme_order, int *buf, double deadline,
                  volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    rs_gtsave cur = {0};
    int rc = -1;
    double obj = rs_gt_combined(h);
    int missing = rs_gt_missing_musts(h), caps = rs_gt_caps_ok(h);
    if (rs_gt_save(h, &cur) != 0)
        goto done;
    for (long it = 0; it < rounds; it++) {
        if (rs_now() > deadline || (interrupt && *interrupt))
            break;
        uint64_t x = rs_xorshift64(&h->rng);
        if (h->ns == 0 || ev->nsme == 0)
            break;
        if (x & 1) {
            int k = (int)((x >> 8) % (uint64_t)h->ns);
            int k2 = (x & 2) && k + 1 < h->ns ? k + 1 : k;
            for (int pi = h->npt - 1; pi >= 0; pi--)
                if ((h->pt[pi].slot == k || h->pt[pi].slot == k2) && !h->pt[pi].locked)
                    gt_remove_pitch(h, pi);
        } else {
            for (int t = 0; t < 3; t++) {
                int s = ev->ninv + (int)((rs_xorshift64(&h->rng) >> 8) % (uint64_t)ev->nsme);
                for (int pi = h->npt - 1; pi >= 0; pi--)
                    if (h->pt[pi].sme == s && !h->pt[pi].locked)
                        gt_remove_pitch(h, pi);
            }
        }
        if (rs_gt_construct(h, sme_order, buf) != 0 ||
            rs_gt_improve(h, sme_order, buf, deadline, interrupt) < 0)
            goto done;
        double o = rs_gt_combined(h);
        int miss = rs_gt_missing_musts(h);
        int c = rs_gt_caps_ok(h);
        if (c > caps || (c == caps && (miss < missing || (miss == missing && o >= obj - RS_EPS)))) {
            obj = o;
            missing = miss;
            caps = c;
            if (rs_gt_save(h, &cur) != 0)
                goto done;
        } else if (rs_gt_restore(h, &cur) != 0) {
            goto done;
        }
    }
    rc = 0;
done:
    free(cur.v);
    return rc;
}

/* Copies the timetable into a new schedule (sorted); NULL when out of
 * memory. */
rs_schedule *rs_gt_to_schedule(const rs_gt *h)
{
    const rs_event *ev = h->ev;
    rs_schedule *s = rs_schedule_new();
    if (!s)
        return NULL;
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *P = &h->pt[pi];
        double score = 0;
        for (int j = 0; j < P->ninv; j++)
            score += rs_group_pair_score(ev, P->inv[j], P->sme);
        if (rs_schedule_add(s, P->slot, P->room, P->sme, P->inv, P->ninv, score, 0) != 0) {
            rs_schedule_free(s);
            return NULL;
        }
    }
    rs_schedule_sort(ev, s);
    return s;
}


int rs_gt_add_pitch(rs_gt *h, int s, int k, int r, const int *inv, int n)
{
    return gt_add_pitch(h, s, k, r, inv, n);
}

void rs_gt_remove_pitch(rs_gt *h, int pi)
{
    gt_remove_pitch(h, pi);
}

void rs_gt_add_inv(rs_gt *h, int pi, int i)
{
    gt_add_inv(h, pi, i);
}

void rs_gt_remove_inv(rs_gt *h, int pi, int j)
{
    gt_remove_inv(h, pi, j);
}

double rs_gt_keep(const rs_gt *h, int i, int s, int k, int r)
{
    return gt_keep(h, i, s, k, r);
}

int rs_gt_row_ok(rs_gt *h, int p)
{
    return gt_row_ok(h, p);
}

int rs_gt_valid(rs_gt *h)
{
    const rs_event *ev = h->ev;
    size_t nh = (size_t)ev->ninv * (size_t)ev->nsme;
    unsigned char *seen = calloc(nh + 1, 1);
    int ok = seen != NULL;
    for (int pi = 0; ok && pi < h->npt; pi++) {
        const rs_pitch *P = &h->pt[pi];
        const rs_room *rm = &ev->rooms[P->room];
        int people = ev->p[P->sme].team_size;
        ok = P->ninv >= ev->group_min_investors && rm->avail[P->slot] &&
             h->room_at[(size_t)P->room * (size_t)h->ns + (size_t)P->slot] == pi;
        for (int j = 0; ok && j < P->ninv; j++) {
            int i = P->inv[j];
            size_t c = (size_t)i * (size_t)ev->nsme + (size_t)rs_sme_col(ev, P->sme);
            people += ev->p[i].team_size;
            ok = gt_window_ok(h, i, P->sme, P->slot) && !seen[c];
            seen[c] = 1;
        }
        ok = ok && people <= rm->capacity;
    }
    for (int p = 0; ok && p < ev->np; p++)
        ok = h->count[p] <= ev->p[p].max_meetings && gt_row_ok(h, p);
    free(seen);
    return ok;
}
