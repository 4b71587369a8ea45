/*
 * group.c - solving group-pitch events (see group.h for the format's
 * semantics, the heuristic and the compact model).
 *
 * Everything here runs inside solve.c's GLPK error guard and keeps every
 * allocation reachable from the rs_group it was given first.
 */
#include "group.h"
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

/* Above this many x columns the compact model is not built: its LP alone
 * would take longer than an organiser waits, and the trivial bound and
 * the heuristic schedule stand. */
#define GROUP_MAX_COLUMNS 8000L

/* ============================================================ heuristic */

typedef struct {
    int slot, room, sme, ninv, people;
    int *inv; /* room for the room's capacity */
} gpitch;

/* The heuristic's timetable: the pitches, and per participant and slot
 * the pitch it is in, so that every move is checked and valued locally. */
typedef struct {
    const rs_event *ev;
    int ns;
    const int *cand, *cand_start; /* per SME column: pair indices, best first */
    gpitch *pt;
    int npt, cappt;
    int *at;              /* np x ns: pitch index or -1                    */
    unsigned char *busy;  /* np x ns: 1 when in a pitch                    */
    int *venue;           /* np x ns: venue of that pitch or -1            */
    int *room_at;         /* nrooms x ns: pitch index or -1                */
    int *count;           /* per participant: pitches given or heard       */
    unsigned char *heard; /* ninv x nsme                                   */
    /* scratch for panels */
    double *val;
    int *who, *order, *tmp, *keep;
    unsigned long long rng;
    int panel_limit;      /* most investors a new panel takes            */
} gh;

static size_t cell(const gh *h, int p, int k)
{
    return (size_t)p * (size_t)h->ns + (size_t)k;
}

static int gh_heard(const gh *h, int inv, int sme)
{
    return h->heard[(size_t)inv * (size_t)h->ev->nsme + (size_t)rs_sme_col(h->ev, sme)];
}

static void gh_free(gh *h)
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
    memset(h, 0, sizeof *h);
}

/* Empties the timetable (keeps the allocations). */
static void gh_clear(gh *h)
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

/* Allocates the timetable for the event; 0, or -1 when out of memory. */
static int gh_init(gh *h, const rs_event *ev, const int *cand, const int *cand_start)
{
    memset(h, 0, sizeof *h);
    h->ev = ev;
    h->ns = ev->nslots;
    h->cand = cand;
    h->cand_start = cand_start;
    h->rng = 0x9e3779b97f4a7c15ULL;
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
    if (!h->at || !h->busy || !h->venue || !h->room_at || !h->count || !h->heard || !h->val ||
        !h->who || !h->order || !h->tmp || !h->keep)
        return -1;
    gh_clear(h);
    return 0;
}

static void gh_mark(gh *h, int p, int k, int v, int pitch)
{
    size_t c = cell(h, p, k);
    h->at[c] = pitch;
    h->busy[c] = 1;
    h->venue[c] = v;
    h->count[p]++;
}

static void gh_unmark(gh *h, int p, int k)
{
    size_t c = cell(h, p, k);
    h->at[c] = -1;
    h->busy[c] = 0;
    h->venue[c] = -1;
    h->count[p]--;
}

static void gh_set_heard(gh *h, int inv, int sme, unsigned char v)
{
    h->heard[(size_t)inv * (size_t)h->ev->nsme + (size_t)rs_sme_col(h->ev, sme)] = v;
}

/* Adds a pitch with its panel; returns its index, or -1 when out of
 * memory.  The caller has checked every rule. */
static int gh_add_pitch(gh *h, int s, int k, int r, const int *inv, int n)
{
    const rs_event *ev = h->ev;
    if (h->npt == h->cappt) {
        int cap = h->cappt ? h->cappt * 2 : 64;
        gpitch *np = realloc(h->pt, (size_t)cap * sizeof(gpitch));
        if (!np)
            return -1;
        h->pt = np;
        for (int i = h->cappt; i < cap; i++)
            memset(&h->pt[i], 0, sizeof(gpitch));
        h->cappt = cap;
    }
    gpitch *P = &h->pt[h->npt];
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
    P->people = ev->p[s].team_size;
    gh_mark(h, s, k, v, idx);
    h->room_at[(size_t)r * (size_t)h->ns + (size_t)k] = idx;
    for (int j = 0; j < n; j++) {
        P->inv[P->ninv++] = inv[j];
        P->people += ev->p[inv[j]].team_size;
        gh_mark(h, inv[j], k, v, idx);
        gh_set_heard(h, inv[j], s, 1);
    }
    return idx;
}

static void gh_add_inv(gh *h, int pi, int i)
{
    gpitch *P = &h->pt[pi];
    P->inv[P->ninv++] = i;
    P->people += h->ev->p[i].team_size;
    gh_mark(h, i, P->slot, h->ev->rooms[P->room].venue, pi);
    gh_set_heard(h, i, P->sme, 1);
}

/* Removes the panel member at position j of pitch pi. */
static void gh_remove_inv(gh *h, int pi, int j)
{
    gpitch *P = &h->pt[pi];
    int i = P->inv[j];
    P->inv[j] = P->inv[--P->ninv];
    P->people -= h->ev->p[i].team_size;
    gh_unmark(h, i, P->slot);
    gh_set_heard(h, i, P->sme, 0);
}

/* Removes pitch pi; the last pitch takes its index. */
static void gh_remove_pitch(gh *h, int pi)
{
    const rs_event *ev = h->ev;
    gpitch *P = &h->pt[pi];
    while (P->ninv > 0)
        gh_remove_inv(h, pi, P->ninv - 1);
    gh_unmark(h, P->sme, P->slot);
    h->room_at[(size_t)P->room * (size_t)h->ns + (size_t)P->slot] = -1;
    int last = --h->npt;
    if (last != pi) {
        gpitch tmp = h->pt[pi];
        h->pt[pi] = h->pt[last];
        h->pt[last] = tmp; /* keeps the panel array for reuse */
        gpitch *Q = &h->pt[pi];
        h->at[cell(h, Q->sme, Q->slot)] = pi;
        for (int j = 0; j < Q->ninv; j++)
            h->at[cell(h, Q->inv[j], Q->slot)] = pi;
        h->room_at[(size_t)Q->room * (size_t)h->ns + (size_t)Q->slot] = pi;
    }
    (void)ev;
}

/* The change in shortfall and idle cost when p starts (add) or stops
 * (!add) being busy in slot k, everything else unchanged. */
static double gh_side(gh *h, int p, int k, int add)
{
    const rs_event *ev = h->ev;
    const rs_participant *a = &ev->p[p];
    double d = 0;
    if (add && h->count[p] < a->min_meetings)
        d += ev->w.min_meetings_shortfall;
    if (!add && h->count[p] <= a->min_meetings)
        d -= ev->w.min_meetings_shortfall;
    if (ev->w.idle_slot != 0) {
        unsigned char *row = h->busy + cell(h, p, 0);
        int day = ev->slots[k].day;
        int before = rs_idle_day(ev, row, day);
        row[k] = (unsigned char)(add ? 1 : 0);
        int after = rs_idle_day(ev, row, day);
        row[k] = (unsigned char)(add ? 0 : 1);
        d -= ev->w.idle_slot * (after - before);
    }
    return d;
}

/* Whether participant p may newly be busy in slot k at venue v: free and
 * available then, below its maximum, within travel and the consecutive
 * limit. */
static int gh_free_for(const gh *h, int p, int k, int v)
{
    if (h->count[p] >= h->ev->p[p].max_meetings)
        return 0;
    return rs_can_add(h->ev, p, k, v, h->busy + cell(h, p, 0), h->venue + cell(h, p, 0));
}

/* Whether investor i (free in slot k) may join pitch pi. */
static int gh_can_join(const gh *h, int pi, int i)
{
    const rs_event *ev = h->ev;
    const gpitch *P = &h->pt[pi];
    if (rs_pair_index(ev, i, P->sme) < 0 || gh_heard(h, i, P->sme))
        return 0;
    if (P->people + ev->p[i].team_size > ev->rooms[P->room].capacity)
        return 0;
    return gh_free_for(h, i, P->slot, ev->rooms[P->room].venue);
}

static double pair_score(const rs_event *ev, int inv, int sme)
{
    return ev->pairs[rs_pair_index(ev, inv, sme)].score;
}

static int pair_must(const rs_event *ev, int inv, int sme)
{
    int p = rs_pair_index(ev, inv, sme);
    return p >= 0 && ev->pairs[p].must;
}

static const double *sort_val_;

static int cmp_val_desc(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    double vx = sort_val_[x], vy = sort_val_[y];
    if (vx != vy)
        return vx < vy ? 1 : -1;
    return (x > y) - (x < y);
}

/* The best panel for SME s in slot k and room r (both free for it), with
 * the forced investors in it: the forced ones, then the others by value
 * (pair score plus their own shortfall and idle change), at least
 * group_min_investors of them, more only while each adds value, all
 * within the room.  Writes the panel to out and returns its value plus
 * the SME's own change; -HUGE_VAL when no panel is possible. */
static double gh_best_panel(gh *h, int s, int k, int r, const int *forced, int nforced,
                            int *out, int *nout)
{
    const rs_event *ev = h->ev;
    const rs_room *rm = &ev->rooms[r];
    int v = rm->venue, left = rm->capacity - ev->p[s].team_size, n = 0, nc = 0;
    double total = gh_side(h, s, k, 1);
    for (int j = 0; j < nforced; j++) {
        int i = forced[j];
        if (rs_pair_index(ev, i, s) < 0 || gh_heard(h, i, s) || !gh_free_for(h, i, k, v) ||
            ev->p[i].team_size > left)
            return -HUGE_VAL;
        left -= ev->p[i].team_size;
        total += pair_score(ev, i, s) + gh_side(h, i, k, 1);
        out[n++] = i;
    }
    int sc = rs_sme_col(ev, s);
    for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
        int i = ev->pairs[h->cand[c]].inv, dup = 0;
        for (int j = 0; j < nforced; j++)
            dup |= forced[j] == i;
        if (dup || gh_heard(h, i, s) || ev->p[i].team_size > left || !gh_free_for(h, i, k, v))
            continue;
        h->val[i] = ev->pairs[h->cand[c]].score + gh_side(h, i, k, 1);
        h->order[nc++] = i;
    }
    sort_val_ = h->val;
    qsort(h->order, (size_t)nc, sizeof(int), cmp_val_desc);
    sort_val_ = NULL;
    for (int c = 0; c < nc; c++) {
        int i = h->order[c];
        if (n >= ev->group_min_investors && (h->val[i] <= EPS || n >= h->panel_limit))
            break;
        if (ev->p[i].team_size > left)
            continue;
        left -= ev->p[i].team_size;
        total += h->val[i];
        out[n++] = i;
    }
    *nout = n;
    return n >= ev->group_min_investors ? total : -HUGE_VAL;
}

/* The best new pitch of SME s anywhere, with the forced investors; its
 * slot, room and panel go to *k, *r, out.  Returns its value, -HUGE_VAL
 * when it has none.  Rooms of one venue and size give the same panel, so
 * only the first free one of each is tried. */
static double gh_best_pitch(gh *h, int s, const int *forced, int nforced, int *bk, int *br,
                            int *out, int *nout)
{
    const rs_event *ev = h->ev;
    double best = -HUGE_VAL;
    int need = ev->p[s].team_size + ev->group_min_investors;
    if (h->count[s] >= ev->p[s].max_meetings)
        return best;
    for (int k = 0; k < h->ns; k++) {
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
            if (seen || !gh_free_for(h, s, k, rm->venue))
                continue;
            int n = 0;
            double val = gh_best_panel(h, s, k, r, forced, nforced, h->tmp, &n);
            if (val > best + EPS) {
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
static double gh_objective(const gh *h)
{
    const rs_event *ev = h->ev;
    double total = 0;
    long sf = 0, idle = 0;
    for (int pi = 0; pi < h->npt; pi++)
        for (int j = 0; j < h->pt[pi].ninv; j++)
            total += pair_score(ev, h->pt[pi].inv[j], h->pt[pi].sme);
    for (int p = 0; p < ev->np; p++) {
        if (h->count[p] < ev->p[p].min_meetings)
            sf += ev->p[p].min_meetings - h->count[p];
        idle += rs_idle_of(ev, h->busy + cell(h, p, 0));
    }
    return total - ev->w.min_meetings_shortfall * (double)sf - ev->w.idle_slot * (double)idle;
}

/* Must pairs not yet in a pitch. */
static int gh_missing_musts(const gh *h)
{
    const rs_event *ev = h->ev;
    int n = 0;
    for (int p = 0; p < ev->npairs; p++)
        n += ev->pairs[p].must && !gh_heard(h, ev->pairs[p].inv, ev->pairs[p].sme);
    return n;
}

/* Places the must pairs of SME s that are not met: all in one new pitch
 * when possible, else each into a pitch of s it can join or a new pitch
 * of its own.  Returns -1 when out of memory. */
static int gh_place_musts(gh *h, int s, int *buf)
{
    const rs_event *ev = h->ev;
    int nf = 0, *forced = h->who;
    int sc = rs_sme_col(ev, s);
    for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
        const rs_pair *pr = &ev->pairs[h->cand[c]];
        if (pr->must && !gh_heard(h, pr->inv, s))
            forced[nf++] = pr->inv;
    }
    if (nf == 0)
        return 0;
    int k = 0, r = 0, n = 0;
    if (gh_best_pitch(h, s, forced, nf, &k, &r, buf, &n) > -HUGE_VAL)
        return gh_add_pitch(h, s, k, r, buf, n) < 0 ? -1 : 0;
    for (int j = 0; j < nf; j++) {
        int i = forced[j], done = 0;
        for (int pi = 0; pi < h->npt && !done; pi++)
            if (h->pt[pi].sme == s && gh_can_join(h, pi, i)) {
                gh_add_inv(h, pi, i);
                done = 1;
            }
        if (!done && gh_best_pitch(h, s, &forced[j], 1, &k, &r, buf, &n) > -HUGE_VAL &&
            gh_add_pitch(h, s, k, r, buf, n) < 0)
            return -1;
    }
    return 0;
}

/* Greedy construction: must pairs first, then rounds in which every SME
 * (those with fewest candidates first) gets at most one more pitch, while
 * a pitch adds value.  New panels take group_min_investors only, so that
 * the investors' hours reach every SME; the local search fills panels
 * up afterwards.  Returns -1 when out of memory. */
static int gh_construct(gh *h, const int *sme_order, int *buf)
{
    const rs_event *ev = h->ev;
    int rc = -1;
    h->panel_limit = ev->group_min_investors;
    for (int j = 0; j < ev->nsme; j++)
        if (gh_place_musts(h, sme_order[j], buf) != 0)
            goto done;
    for (int round = 0; round < h->ns; round++) {
        int added = 0;
        for (int j = 0; j < ev->nsme; j++) {
            int s = sme_order[j], k = 0, r = 0, n = 0;
            if (h->count[s] > round)
                continue;
            if (gh_best_pitch(h, s, NULL, 0, &k, &r, buf, &n) > EPS) {
                if (gh_add_pitch(h, s, k, r, buf, n) < 0)
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
static long gh_panel_moves(gh *h, int pi)
{
    const rs_event *ev = h->ev;
    long moves = 0;
    int s = h->pt[pi].sme, k = h->pt[pi].slot, sc = rs_sme_col(ev, s);
    int v = ev->rooms[h->pt[pi].room].venue, cap = ev->rooms[h->pt[pi].room].capacity;
    for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
        gpitch *P = &h->pt[pi];
        int i = ev->pairs[h->cand[c]].inv;
        double sc_i = ev->pairs[h->cand[c]].score;
        if (gh_heard(h, i, s))
            continue;
        int q = h->at[cell(h, i, k)];
        if (q < 0) {
            if (!gh_free_for(h, i, k, v))
                continue;
            double gain = sc_i + gh_side(h, i, k, 1);
            if (P->people + ev->p[i].team_size <= cap) {
                if (gain > EPS) {
                    gh_add_inv(h, pi, i);
                    moves++;
                }
                continue;
            }
            /* swap i in for the member whose leaving costs least */
            int best = -1;
            double bestd = EPS;
            for (int j = 0; j < P->ninv; j++) {
                int m = P->inv[j];
                if (pair_must(ev, m, s) ||
                    P->people - ev->p[m].team_size + ev->p[i].team_size > cap)
                    continue;
                double d = gain - pair_score(ev, m, s) + gh_side(h, m, k, 0);
                if (d > bestd) {
                    bestd = d;
                    best = j;
                }
            }
            if (best >= 0) {
                gh_remove_inv(h, pi, best);
                gh_add_inv(h, pi, i);
                moves++;
            }
            continue;
        }
        /* i hears another pitch in this slot: move it here if that pays */
        gpitch *Q = &h->pt[q];
        if (q == pi || Q->ninv <= ev->group_min_investors || pair_must(ev, i, Q->sme) ||
            P->people + ev->p[i].team_size > cap)
            continue;
        double gain = sc_i - pair_score(ev, i, Q->sme);
        if (gain <= EPS)
            continue;
        int jq = 0;
        while (Q->inv[jq] != i)
            jq++;
        gh_remove_inv(h, q, jq);
        if (gh_free_for(h, i, k, v)) {
            gh_add_inv(h, pi, i);
            moves++;
        } else {
            gh_add_inv(h, q, i); /* travel rules it out: put it back */
        }
    }
    return moves;
}

/* Pitch moves on pitch pi: drop members that cost more than they add,
 * then move the pitch (with its must members) where it is worth more, or
 * drop it when it is worth less than nothing.  Returns the number of
 * improving moves; -1 when out of memory. */
static long gh_pitch_moves(gh *h, int pi, int *buf)
{
    const rs_event *ev = h->ev;
    long moves = 0;
    gpitch *P = &h->pt[pi];
    int s = P->sme, k = P->slot;
    for (int j = P->ninv - 1; j >= 0 && P->ninv > ev->group_min_investors; j--) {
        int m = P->inv[j];
        if (!pair_must(ev, m, s) && -pair_score(ev, m, s) + gh_side(h, m, k, 0) > EPS) {
            gh_remove_inv(h, pi, j);
            moves++;
        }
    }
    /* the pitch's worth: what removing it would lose */
    double worth = -gh_side(h, s, k, 0);
    int n = P->ninv, r = P->room, nf = 0;
    int *old = h->keep, *forced = h->who;
    for (int j = 0; j < n; j++) {
        old[j] = P->inv[j];
        if (pair_must(ev, P->inv[j], s))
            forced[nf++] = P->inv[j];
    }
    /* value of the members leaving, counted one at a time from the end */
    for (int j = n - 1; j >= 0; j--) {
        worth += pair_score(ev, old[j], s) - gh_side(h, old[j], k, 0);
        gh_remove_inv(h, pi, j);
    }
    gh_remove_pitch(h, pi);
    int nk = 0, nr = 0, nn = 0;
    double val = gh_best_pitch(h, s, forced, nf, &nk, &nr, buf, &nn);
    if (nf == 0 && worth < -EPS && val <= EPS)
        return moves + 1; /* dropped */
    if (val > worth + EPS) {
        if (gh_add_pitch(h, s, nk, nr, buf, nn) < 0)
            return -1;
        return moves + 1;
    }
    memcpy(buf, old, (size_t)n * sizeof(int));
    if (gh_add_pitch(h, s, k, r, buf, n) < 0)
        return -1;
    return moves;
}

/* Local search until no move improves, the deadline or an interrupt.
 * Returns the number of improving moves, -1 when out of memory. */
static long gh_improve(gh *h, const int *sme_order, int *buf, double deadline,
                       volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    long total = 0;
    for (int pass = 0; pass < 100; pass++) {
        long moves = 0;
        for (int pi = 0; pi < h->npt; pi++)
            moves += gh_panel_moves(h, pi);
        for (int pi = h->npt - 1; pi >= 0; pi--) {
            if (pi >= h->npt)
                continue;
            long m = gh_pitch_moves(h, pi, buf);
            if (m < 0)
                return -1;
            moves += m;
        }
        for (int j = 0; j < ev->nsme; j++) {
            int s = sme_order[j], k = 0, r = 0, n = 0;
            if (gh_best_pitch(h, s, NULL, 0, &k, &r, buf, &n) > EPS) {
                if (gh_add_pitch(h, s, k, r, buf, n) < 0)
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

/* A saved timetable: slot, room, SME, panel size, then the panel, per
 * pitch. */
typedef struct {
    int *v;
    size_t n, cap;
} gsave;

static int gs_push(gsave *g, int x)
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

static int gh_save(const gh *h, gsave *g)
{
    g->n = 0;
    for (int pi = 0; pi < h->npt; pi++) {
        const gpitch *P = &h->pt[pi];
        if (gs_push(g, P->slot) || gs_push(g, P->room) || gs_push(g, P->sme) ||
            gs_push(g, P->ninv))
            return -1;
        for (int j = 0; j < P->ninv; j++)
            if (gs_push(g, P->inv[j]))
                return -1;
    }
    return 0;
}

static int gh_restore(gh *h, const gsave *g)
{
    gh_clear(h);
    for (size_t o = 0; o < g->n; o += 4 + (size_t)g->v[o + 3])
        if (gh_add_pitch(h, g->v[o + 2], g->v[o], g->v[o + 1], &g->v[o + 4], g->v[o + 3]) < 0)
            return -1;
    return 0;
}

static unsigned long long gh_rand(gh *h)
{
    h->rng ^= h->rng << 13;
    h->rng ^= h->rng >> 7;
    h->rng ^= h->rng << 17;
    return h->rng;
}

/* Ruin and recreate: empties one or two random slots (or the pitches of
 * a few random SMEs), rebuilds greedily and improves, and keeps the result
 * when it is no worse and still meets every must pair.  A fixed number of
 * rounds, so that runs repeat exactly (the deadline only guards).  Returns
 * -1 when out of memory. */
static int gh_perturb(gh *h, long rounds, const int *sme_order, int *buf, double deadline,
                      volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    gsave cur = {0};
    int rc = -1;
    double obj = gh_objective(h);
    int missing = gh_missing_musts(h);
    if (gh_save(h, &cur) != 0)
        goto done;
    for (long it = 0; it < rounds; it++) {
        if (rs_now() > deadline || (interrupt && *interrupt))
            break;
        unsigned long long x = gh_rand(h);
        if (h->ns == 0 || ev->nsme == 0)
            break;
        if (x & 1) {
            int k = (int)((x >> 8) % (unsigned long long)h->ns);
            int k2 = (x & 2) && k + 1 < h->ns ? k + 1 : k;
            for (int pi = h->npt - 1; pi >= 0; pi--)
                if (h->pt[pi].slot == k || h->pt[pi].slot == k2)
                    gh_remove_pitch(h, pi);
        } else {
            for (int t = 0; t < 3; t++) {
                int s = ev->ninv + (int)((gh_rand(h) >> 8) % (unsigned long long)ev->nsme);
                for (int pi = h->npt - 1; pi >= 0; pi--)
                    if (h->pt[pi].sme == s)
                        gh_remove_pitch(h, pi);
            }
        }
        if (gh_construct(h, sme_order, buf) != 0 ||
            gh_improve(h, sme_order, buf, deadline, interrupt) < 0)
            goto done;
        double o = gh_objective(h);
        int miss = gh_missing_musts(h);
        if (miss < missing || (miss == missing && o >= obj - EPS)) {
            obj = o;
            missing = miss;
            if (gh_save(h, &cur) != 0)
                goto done;
        } else if (gh_restore(h, &cur) != 0) {
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
static rs_schedule *gh_to_schedule(const gh *h)
{
    const rs_event *ev = h->ev;
    rs_schedule *s = rs_schedule_new();
    if (!s)
        return NULL;
    for (int pi = 0; pi < h->npt; pi++) {
        const gpitch *P = &h->pt[pi];
        double score = 0;
        for (int j = 0; j < P->ninv; j++)
            score += pair_score(ev, P->inv[j], P->sme);
        if (rs_schedule_add(s, P->slot, P->room, P->sme, P->inv, P->ninv, score, 0) != 0) {
            rs_schedule_free(s);
            return NULL;
        }
    }
    rs_schedule_sort(ev, s);
    return s;
}

/* ======================================================== compact model */

typedef struct {
    rs_model m;           /* lp, shortfall and idle columns (model.c)      */
    int nx, ny;           /* x columns 1..nx, y columns nx+1..nx+ny        */
    int *x_pair, *x_slot, *x_venue;
    int *y_sme, *y_slot, *y_venue, *y_cap;
    int *col_venue;       /* per x and y column (0-based)                  */
    int *pair_first;      /* x columns of pair p: [p] .. [p+1]-1           */
    int *xsv_start, *xsv; /* x columns per (SME, slot, venue)              */
    int *ysv_start;       /* y columns per (SME, slot, venue): contiguous  */
} gmodel;

static void gm_free(gmodel *g)
{
    rs_model_free(&g->m);
    free(g->x_pair);
    free(g->x_slot);
    free(g->x_venue);
    free(g->y_sme);
    free(g->y_slot);
    free(g->y_venue);
    free(g->y_cap);
    free(g->col_venue);
    free(g->pair_first);
    free(g->xsv_start);
    free(g->xsv);
    free(g->ysv_start);
    memset(g, 0, sizeof *g);
}

/* Index of (SME, slot, venue) in the per-pitch-place arrays. */
static size_t skv(const rs_event *ev, int sme, int k, int v)
{
    return ((size_t)rs_sme_col(ev, sme) * (size_t)ev->nslots + (size_t)k) *
               (size_t)ev->nvenues + (size_t)v;
}

/* Whether investor i may sit on a panel of SME s in slot k at venue v:
 * both available and taking meetings, and a room of v free then holding
 * the SME, i and group_min_investors - 1 more people. */
static int x_possible(const rs_event *ev, int i, int s, int k, int v)
{
    const rs_participant *a = &ev->p[i], *b = &ev->p[s];
    if (!a->avail[k] || !b->avail[k] || a->max_meetings == 0 || b->max_meetings == 0)
        return 0;
    int need = a->team_size + b->team_size + ev->group_min_investors - 1;
    return rs_rooms_holding(ev, NULL, v, k, need) > 0;
}

/* Counts x columns of the model without building it (to decide whether
 * the model is worth building). */
static long gm_count_x(const rs_event *ev)
{
    long n = 0;
    for (int p = 0; p < ev->npairs; p++)
        for (int k = 0; k < ev->nslots; k++)
            for (int v = 0; v < ev->nvenues; v++)
                n += x_possible(ev, ev->pairs[p].inv, ev->pairs[p].sme, k, v);
    return n;
}

/* Appends x to a growing int array; -1 when out of memory. */
static int push_int(int **a, int *n, int *cap, int x)
{
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 1024;
        int *na = realloc(*a, (size_t)c * sizeof(int));
        if (!na)
            return -1;
        *a = na;
        *cap = c;
    }
    (*a)[(*n)++] = x;
    return 0;
}

/* Builds the compact model described in group.h.  RS_OK or RS_ENOMEM. */
static rs_code gm_build(const rs_event *ev, gmodel *g)
{
    rs_code rc = RS_ENOMEM;
    const int ns = ev->nslots, nv = ev->nvenues, gmin = ev->group_min_investors;
    const size_t nskv = (size_t)ev->nsme * (size_t)ns * (size_t)nv;
    const size_t pk = (size_t)ev->np * (size_t)ns;
    rs_mat t;
    int *xcnt = NULL, *start = NULL, *cols = NULL, *fill = NULL, *caps = NULL;
    int capx = 0, capy = 0, c1 = 0, c2 = 0, c3 = 0, d1 = 0, d2 = 0, d3 = 0;
    memset(&t, 0, sizeof t);
    memset(g, 0, sizeof *g);

    /* places where a panel can reach group_min_investors */
    /* locals are GLPK scratch: a GLPK error while they live must not leak
     * them (the model's own arrays are freed through g) */
    xcnt = rs_glp_calloc(nskv + 1, sizeof(int));
    g->pair_first = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    g->ysv_start = calloc(nskv + 2, sizeof(int));
    g->xsv_start = calloc(nskv + 2, sizeof(int));
    caps = rs_glp_calloc((size_t)ev->nrooms + 1, sizeof(int));
    if (!g->pair_first || !g->ysv_start || !g->xsv_start)
        goto done;
    for (int p = 0; p < ev->npairs; p++)
        for (int k = 0; k < ns; k++)
            for (int v = 0; v < nv; v++)
                if (x_possible(ev, ev->pairs[p].inv, ev->pairs[p].sme, k, v))
                    xcnt[skv(ev, ev->pairs[p].sme, k, v)]++;
    /* 1. x columns by pair, slot, venue */
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        g->pair_first[p] = g->nx + 1;
        for (int k = 0; k < ns; k++)
            for (int v = 0; v < nv; v++) {
                if (xcnt[skv(ev, pr->sme, k, v)] < gmin || !x_possible(ev, pr->inv, pr->sme, k, v))
                    continue;
                int n = g->nx;
                if (push_int(&g->x_pair, &c1, &capx, p) || push_int(&g->x_slot, &c2, &d1, k) ||
                    push_int(&g->x_venue, &c3, &d2, v))
                    goto done;
                g->nx = n + 1;
                g->xsv_start[skv(ev, pr->sme, k, v) + 1]++;
            }
    }
    g->pair_first[ev->npairs] = g->nx + 1;
    for (size_t c = 0; c < nskv; c++)
        g->xsv_start[c + 1] += g->xsv_start[c];
    g->xsv = malloc(((size_t)g->nx + 1) * sizeof(int));
    fill = rs_glp_calloc(nskv + 1, sizeof(int));
    if (!g->xsv)
        goto done;
    for (int j = 0; j < g->nx; j++) {
        size_t c = skv(ev, ev->pairs[g->x_pair[j]].sme, g->x_slot[j], g->x_venue[j]);
        g->xsv[g->xsv_start[c] + fill[c]++] = j + 1;
    }
    /* 2. y columns by SME, slot, venue, room size */
    c1 = c2 = c3 = d1 = 0;
    capx = capy = d2 = d3 = 0;
    int c4 = 0, d4 = 0;
    for (int s = ev->ninv; s < ev->np; s++)
        for (int k = 0; k < ns; k++)
            for (int v = 0; v < nv; v++) {
                size_t c = skv(ev, s, k, v);
                g->ysv_start[c] = g->nx + g->ny + 1;
                if (xcnt[c] < gmin)
                    continue;
                int nc = 0;
                for (int r = 0; r < ev->nrooms; r++) {
                    const rs_room *rm = &ev->rooms[r];
                    if (rm->venue != v || !rm->avail[k] ||
                        rm->capacity < ev->p[s].team_size + gmin)
                        continue;
                    int dup = 0;
                    for (int q = 0; q < nc; q++)
                        dup |= caps[q] == rm->capacity;
                    if (!dup)
                        caps[nc++] = rm->capacity;
                }
                for (int q = 0; q < nc; q++) {
                    if (push_int(&g->y_sme, &c1, &capx, s) || push_int(&g->y_slot, &c2, &capy, k) ||
                        push_int(&g->y_venue, &c3, &d2, v) || push_int(&g->y_cap, &c4, &d4, caps[q]))
                        goto done;
                    g->ny++;
                }
            }
    g->ysv_start[nskv] = g->nx + g->ny + 1;
    (void)d1;
    (void)d3;

    int ncol = g->nx + g->ny;
    g->col_venue = malloc(((size_t)ncol + 1) * sizeof(int));
    if (!g->col_venue)
        goto done;
    for (int j = 0; j < g->nx; j++)
        g->col_venue[j] = g->x_venue[j];
    for (int j = 0; j < g->ny; j++)
        g->col_venue[g->nx + j] = g->y_venue[j];

    g->m.lp = glp_create_prob();
    glp_set_obj_dir(g->m.lp, GLP_MAX);
    g->m.sf_col = calloc((size_t)ev->np + 1, sizeof(int));
    if (!g->m.sf_col)
        goto done;
    if (ncol > 0)
        glp_add_cols(g->m.lp, ncol);
    for (int j = 1; j <= ncol; j++) {
        glp_set_col_kind(g->m.lp, j, GLP_BV);
        if (j <= g->nx)
            glp_set_obj_coef(g->m.lp, j, ev->pairs[g->x_pair[j - 1]].score);
    }

    /* busy columns per participant and slot: x for investors, y for SMEs */
    int *cnt = rs_glp_calloc(pk + 1, sizeof(int));
    start = rs_glp_calloc(pk + 2, sizeof(int));
    cols = rs_glp_calloc((size_t)ncol + 1, sizeof(int));
    rs_glp_free(fill);
    fill = rs_glp_calloc(pk + 1, sizeof(int));
    for (int j = 0; j < g->nx; j++)
        cnt[(size_t)ev->pairs[g->x_pair[j]].inv * (size_t)ns + (size_t)g->x_slot[j]]++;
    for (int j = 0; j < g->ny; j++)
        cnt[(size_t)g->y_sme[j] * (size_t)ns + (size_t)g->y_slot[j]]++;
    for (size_t i = 0; i < pk; i++)
        start[i + 1] = start[i] + cnt[i];
    rs_glp_free(cnt);
    for (int j = 0; j < ncol; j++) {
        size_t c = j < g->nx
                       ? (size_t)ev->pairs[g->x_pair[j]].inv * (size_t)ns + (size_t)g->x_slot[j]
                       : (size_t)g->y_sme[j - g->nx] * (size_t)ns + (size_t)g->y_slot[j - g->nx];
        cols[start[c] + fill[c]++] = j + 1;
    }

    /* 3. a panel member hears a pitch that takes place */
    for (int j = 0; j < g->nx; j++) {
        size_t c = skv(ev, ev->pairs[g->x_pair[j]].sme, g->x_slot[j], g->x_venue[j]);
        int r = rs_mat_row(&t, GLP_UP, 0, 0);
        rs_mat_add(&t, r, j + 1, 1);
        for (int y = g->ysv_start[c]; y < g->ysv_start[c + 1]; y++)
            rs_mat_add(&t, r, y, -1);
    }
    /* 4. the panel fits the room (rule 3) and is big enough (rule 4) */
    for (size_t c = 0; c < nskv; c++) {
        if (g->ysv_start[c] == g->ysv_start[c + 1])
            continue;
        int s = ev->ninv + (int)(c / ((size_t)ns * (size_t)nv));
        int rcap = rs_mat_row(&t, GLP_UP, 0, 0), rmin = rs_mat_row(&t, GLP_LO, 0, 0);
        for (int e = g->xsv_start[c]; e < g->xsv_start[c + 1]; e++) {
            int j = g->xsv[e];
            rs_mat_add(&t, rcap, j, ev->p[ev->pairs[g->x_pair[j - 1]].inv].team_size);
            rs_mat_add(&t, rmin, j, 1);
        }
        for (int y = g->ysv_start[c]; y < g->ysv_start[c + 1]; y++) {
            rs_mat_add(&t, rcap, y, -(g->y_cap[y - g->nx - 1] - ev->p[s].team_size));
            rs_mat_add(&t, rmin, y, -gmin);
        }
    }
    /* 5. nobody in two pitches at once (rule 2) */
    for (size_t c = 0; c < pk; c++)
        if (start[c + 1] - start[c] > 1) {
            int r = rs_mat_row(&t, GLP_UP, 0, 1);
            for (int e = start[c]; e < start[c + 1]; e++)
                rs_mat_add(&t, r, cols[e], 1);
        }
    /* 6. rooms per venue and slot, nested by size (rules 2 and 3) */
    for (int k = 0; k < ns; k++)
        for (int v = 0; v < nv; v++)
            for (int r0 = 0; r0 < ev->nrooms; r0++) {
                const rs_room *rm = &ev->rooms[r0];
                int q = rm->capacity, first = 1;
                if (rm->venue != v || !rm->avail[k])
                    continue;
                for (int r1 = 0; r1 < r0; r1++)
                    if (ev->rooms[r1].venue == v && ev->rooms[r1].avail[k] &&
                        ev->rooms[r1].capacity == q)
                        first = 0;
                if (!first)
                    continue;
                int row = 0, bound = rs_rooms_holding(ev, NULL, v, k, q);
                for (int s = ev->ninv; s < ev->np; s++) {
                    size_t c = skv(ev, s, k, v);
                    for (int y = g->ysv_start[c]; y < g->ysv_start[c + 1]; y++)
                        if (g->y_cap[y - g->nx - 1] >= q) {
                            if (!row)
                                row = rs_mat_row(&t, GLP_UP, 0, bound);
                            rs_mat_add(&t, row, y, 1);
                        }
                }
            }
    /* 7. an investor hears a pitch at most once; a must pair exactly once
     * (rules 4 and 7) */
    for (int p = 0; p < ev->npairs; p++) {
        int a = g->pair_first[p], b = g->pair_first[p + 1];
        if (ev->pairs[p].must || b - a > 1) {
            int r = ev->pairs[p].must ? rs_mat_row(&t, GLP_FX, 1, 1) : rs_mat_row(&t, GLP_UP, 0, 1);
            for (int j = a; j < b; j++)
                rs_mat_add(&t, r, j, 1);
        }
    }
    /* 8. per participant: maximum, soft minimum, consecutive limit, travel
     * and idle slots, as in the one-to-one model */
    if (rs_model_person_rows(ev, &g->m, &t, start, cols, g->col_venue) != RS_OK)
        goto done;
    rs_mat_load(&t, g->m.lp);
    rc = RS_OK;
done:
    rs_mat_free(&t);
    rs_glp_free(xcnt);
    rs_glp_free(start);
    rs_glp_free(cols);
    rs_glp_free(fill);
    rs_glp_free(caps);
    return rc;
}

/* The model's vector of the heuristic timetable (x[1..ncols]), for GLPK's
 * first incumbent.  Returns 0, or -1 when a pitch has no column. */
static int gm_vector(const gmodel *g, const gh *h, double *x)
{
    const rs_event *ev = h->ev;
    int n = glp_get_num_cols(g->m.lp);
    for (int j = 1; j <= n; j++)
        x[j] = 0;
    for (int pi = 0; pi < h->npt; pi++) {
        const gpitch *P = &h->pt[pi];
        int v = ev->rooms[P->room].venue, q = ev->rooms[P->room].capacity, found = 0;
        size_t c = skv(ev, P->sme, P->slot, v);
        for (int y = g->ysv_start[c]; y < g->ysv_start[c + 1] && !found; y++)
            if (g->y_cap[y - g->nx - 1] == q) {
                x[y] = 1;
                found = 1;
            }
        if (!found)
            return -1;
        for (int j = 0; j < P->ninv; j++) {
            int p = rs_pair_index(ev, P->inv[j], P->sme), ok = 0;
            for (int col = g->pair_first[p]; col < g->pair_first[p + 1] && !ok; col++)
                if (g->x_slot[col - 1] == P->slot && g->x_venue[col - 1] == v) {
                    x[col] = 1;
                    ok = 1;
                }
            if (!ok)
                return -1;
        }
    }
    rs_model_person_values(&g->m, ev, h->count, h->busy, x);
    return 0;
}

/* Pitches before rooms are given: SME, slot, venue, people, and the offset
 * of its panel in a shared list. */
typedef struct {
    int sme, slot, venue, people, first, n;
} gpend;

static int cmp_pend(const void *a, const void *b)
{
    const gpend *x = a, *y = b;
    if (x->slot != y->slot)
        return x->slot - y->slot;
    if (x->venue != y->venue)
        return x->venue - y->venue;
    if (x->people != y->people)
        return y->people - x->people;
    return x->sme - y->sme;
}

/* Reads GLPK's solution into a new schedule: each pitch with its panel,
 * then rooms per slot and venue, largest pitch first into the smallest
 * free room that holds it (exact, since the model nests room sizes).
 * NULL when out of memory or when rooms could not be given. */
static rs_schedule *gm_extract(const gmodel *g, const rs_event *ev)
{
    rs_schedule *s = rs_schedule_new();
    gpend *pend = malloc(((size_t)g->ny + 1) * sizeof(gpend));
    int *panel = malloc(((size_t)g->nx + 1) * sizeof(int));
    unsigned char *used = calloc((size_t)ev->nrooms * (size_t)ev->nslots + 1, 1);
    int np = 0, npanel = 0, ok = s && pend && panel && used;
    for (int j = 0; ok && j < g->ny; j++) {
        int y = g->nx + 1 + j;
        if (glp_mip_col_val(g->m.lp, y) < 0.5)
            continue;
        gpend *P = &pend[np++];
        P->sme = g->y_sme[j];
        P->slot = g->y_slot[j];
        P->venue = g->y_venue[j];
        P->people = ev->p[P->sme].team_size;
        P->first = npanel;
        P->n = 0;
        size_t c = skv(ev, P->sme, P->slot, P->venue);
        for (int e = g->xsv_start[c]; e < g->xsv_start[c + 1]; e++)
            if (glp_mip_col_val(g->m.lp, g->xsv[e]) > 0.5) {
                int i = ev->pairs[g->x_pair[g->xsv[e] - 1]].inv;
                panel[npanel++] = i;
                P->n++;
                P->people += ev->p[i].team_size;
            }
    }
    if (ok)
        qsort(pend, (size_t)np, sizeof(gpend), cmp_pend);
    for (int e = 0; ok && e < np; e++) {
        const gpend *P = &pend[e];
        int best = -1;
        for (int r = 0; r < ev->nrooms; r++) {
            const rs_room *rm = &ev->rooms[r];
            if (rm->venue != P->venue || !rm->avail[P->slot] || rm->capacity < P->people ||
                used[(size_t)r * (size_t)ev->nslots + (size_t)P->slot])
                continue;
            if (best < 0 || rm->capacity < ev->rooms[best].capacity)
                best = r;
        }
        if (best < 0) {
            ok = 0;
            break;
        }
        used[(size_t)best * (size_t)ev->nslots + (size_t)P->slot] = 1;
        double score = 0;
        for (int j = 0; j < P->n; j++)
            score += pair_score(ev, panel[P->first + j], P->sme);
        if (rs_schedule_add(s, P->slot, best, P->sme, &panel[P->first], P->n, score, 0) != 0)
            ok = 0;
    }
    free(pend);
    free(panel);
    free(used);
    if (!ok) {
        rs_schedule_free(s);
        return NULL;
    }
    rs_schedule_sort(ev, s);
    return s;
}

/* ================================================================ solve */

struct rs_group {
    int *cand, *cand_start; /* per SME column: pair indices, best first    */
    int *sme_order;         /* SMEs, fewest candidates first               */
    int *buf;               /* a panel                                     */
    gh h;
    gmodel g;
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
    gh_free(&g->h);
    gm_free(&g->g);
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

static const int *order_cnt_;

static int cmp_by_cnt(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    if (order_cnt_[x] != order_cnt_[y])
        return order_cnt_[x] - order_cnt_[y];
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
    order_cnt_ = cnt;
    qsort(g->sme_order, (size_t)ev->nsme, sizeof(int), cmp_by_cnt);
    order_cnt_ = NULL;
    rc = RS_OK;
done:
    free(fill);
    free(cnt);
    return rc;
}

static int cmp_double_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* A bound needing no solver: each investor hears at most as many pitches
 * as its own limits allow, each worth at most its best pair scores;
 * shortfalls and idle slots only subtract.  NaN when out of memory. */
static double trivial_bound(const rs_event *ev)
{
    double total = 0, *sc = malloc(((size_t)ev->nsme + 1) * sizeof(double));
    if (!sc)
        return NAN;
    for (int i = 0; i < ev->ninv; i++) {
        int n = 0;
        for (int s = ev->ninv; s < ev->np; s++) {
            int p = rs_pair_index(ev, i, s);
            if (p >= 0)
                sc[n++] = ev->pairs[p].score;
        }
        qsort(sc, (size_t)n, sizeof(double), cmp_double_desc);
        int lim = rs_participant_capacity(ev, i);
        for (int j = 0; j < n && j < lim; j++)
            total += sc[j];
    }
    free(sc);
    return rs_safe_bound(ev, total);
}

/* The selection bound: which pairs meet (z, binary) and how many times
 * each SME pitches (w, integer), under each investor's own capacity, a
 * panel of at least group_min_investors and at most the largest room's
 * people per pitch, the room-slots of the event, the must pairs and the
 * soft minimums (shortfall columns), maximising scores less shortfalls.
 * Every schedule gives a solution of it at least as good (idle slots
 * only subtract), so its optimum, or the bound of its search, is a proven
 * bound.  Solved within tm_lim ms.  Sets *bound (NaN when unknown);
 * RS_EINFEASIBLE when even it has no solution; RS_ENOMEM. */
static rs_code selection_bound(const rs_event *ev, int tm_lim, double *bound, long *cols,
                               long *rows)
{
    rs_code rc = RS_ENOMEM;
    rs_mat t;
    memset(&t, 0, sizeof t);
    *bound = NAN;
    glp_prob *lp = glp_create_prob();
    /* GLPK scratch: a GLPK error while they live must not leak them */
    int *w = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    int *row_inv = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    int *row_min = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    int *row_cap = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    glp_set_obj_dir(lp, GLP_MAX);
    int maxcap = 0;
    long room_slots = 0;
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; k < ev->nslots; k++)
            if (ev->rooms[r].avail[k]) {
                room_slots++;
                if (ev->rooms[r].capacity > maxcap)
                    maxcap = ev->rooms[r].capacity;
            }
    if (ev->npairs > 0)
        glp_add_cols(lp, ev->npairs);
    for (int p = 0; p < ev->npairs; p++) {
        glp_set_col_kind(lp, p + 1, GLP_BV);
        glp_set_obj_coef(lp, p + 1, ev->pairs[p].score);
        if (ev->pairs[p].must)
            glp_set_col_bnds(lp, p + 1, GLP_FX, 1, 1);
    }
    int rtot = rs_mat_row(&t, GLP_UP, 0, (double)room_slots);
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *a = &ev->p[i];
        int cap = rs_participant_capacity(ev, i);
        if (!a->is_investor) {
            w[i] = glp_add_cols(lp, 1);
            glp_set_col_kind(lp, w[i], GLP_IV);
            glp_set_col_bnds(lp, w[i], cap > 0 ? GLP_DB : GLP_FX, 0, cap);
            rs_mat_add(&t, rtot, w[i], 1);
            row_inv[i] = rs_mat_row(&t, GLP_LO, 0, 0); /* panel >= gmin */
            rs_mat_add(&t, row_inv[i], w[i], -ev->group_min_investors);
            row_cap[i] = rs_mat_row(&t, GLP_UP, 0, 0); /* people fit */
            rs_mat_add(&t, row_cap[i], w[i], -(maxcap - a->team_size));
        } else {
            row_inv[i] = rs_mat_row(&t, GLP_UP, 0, cap);
        }
        if (a->min_meetings > 0) {
            int sf = glp_add_cols(lp, 1);
            glp_set_col_bnds(lp, sf, GLP_DB, 0, a->min_meetings);
            glp_set_obj_coef(lp, sf, -ev->w.min_meetings_shortfall);
            row_min[i] = rs_mat_row(&t, GLP_LO, a->min_meetings, 0);
            rs_mat_add(&t, row_min[i], sf, 1);
            if (!a->is_investor)
                rs_mat_add(&t, row_min[i], w[i], 1);
        }
    }
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        rs_mat_add(&t, row_inv[pr->inv], p + 1, 1);
        rs_mat_add(&t, row_min[pr->inv], p + 1, 1);
        rs_mat_add(&t, row_inv[pr->sme], p + 1, 1);
        rs_mat_add(&t, row_cap[pr->sme], p + 1, ev->p[pr->inv].team_size);
    }
    rs_mat_load(&t, lp);
    *cols = glp_get_num_cols(lp);
    *rows = glp_get_num_rows(lp);
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.tm_lim = tm_lim;
    rc = RS_OK;
    if (glp_get_num_cols(lp) == 0 || glp_simplex(lp, &sp) != 0)
        goto done;
    if (glp_get_status(lp) == GLP_NOFEAS) {
        rc = RS_EINFEASIBLE;
        goto done;
    }
    if (glp_get_status(lp) != GLP_OPT)
        goto done;
    *bound = rs_safe_bound(ev, glp_get_obj_val(lp));
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.tm_lim = tm_lim;
    ip.mir_cuts = GLP_ON;
    ip.gmi_cuts = GLP_ON;
    int ret = glp_intopt(lp, &ip);
    if (glp_mip_status(lp) == GLP_NOFEAS)
        rc = RS_EINFEASIBLE;
    else if (ret == 0 && glp_mip_status(lp) == GLP_OPT)
        *bound = fmin(*bound, rs_safe_bound(ev, glp_mip_obj_val(lp)));
done:
    rs_mat_free(&t);
    glp_delete_prob(lp);
    rs_glp_free(w);
    rs_glp_free(row_inv);
    rs_glp_free(row_min);
    rs_glp_free(row_cap);
    return rc;
}

/* Lists the must pairs the heuristic timetable lacks. */
static void list_missing(const rs_event *ev, const gh *h, rs_diag *diag, const char *why)
{
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!pr->must || (h->heard && gh_heard(h, pr->inv, pr->sme)))
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
    if (!g->buf || gh_init(&g->h, ev, g->cand, g->cand_start) != 0)
        return RS_ENOMEM;
    double bound = trivial_bound(ev), inc = NAN, sb;
    long lp_cols = 0, lp_rows = 0;
    if (isnan(bound))
        return RS_ENOMEM;
    ctl->report(ctl->ctx, inc, bound, "start", 1);
    int sel_ms = (int)fmin(fmax((ctl->deadline - rs_now()) * 1000 * 0.15, 100), 1e9);
    rc = selection_bound(ev, sel_ms, &sb, &lp_cols, &lp_rows);
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
    gh *h = &g->h;
    double span = ctl->deadline - ctl->t0;
    double hdl = ctl->t0 + span * 0.3;
    if (gh_construct(h, g->sme_order, g->buf) != 0 ||
        gh_improve(h, g->sme_order, g->buf, hdl, ctl->interrupt) < 0)
        return RS_ENOMEM;
    int missing = gh_missing_musts(h);
    inc = missing ? NAN : gh_objective(h);
    ctl->report(ctl->ctx, inc, bound, "greedy", 1);
    long rounds = 40L * ev->nslots + 16L * ev->nsme + 400;
    if (gh_perturb(h, rounds, g->sme_order, g->buf, hdl, ctl->interrupt) != 0)
        return RS_ENOMEM;
    missing = gh_missing_musts(h);
    double hobj = gh_objective(h);
    inc = missing ? NAN : hobj;
    ctl->report(ctl->ctx, inc, bound, "improve", 1);

    /* 2. the compact model: its LP bound, then branch and cut */
    rs_schedule *gs = NULL;
    int proven = 0;
    int stop = ctl->interrupt && *ctl->interrupt;
    if (!stop && (missing || hobj < bound - EPS) && gm_count_x(ev) <= GROUP_MAX_COLUMNS) {
        rc = gm_build(ev, &g->g);
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
                if (missing || hobj < bound - EPS) {
                    int ncol = glp_get_num_cols(lp);
                    g->hx = malloc(((size_t)ncol + 1) * sizeof(double));
                    if (!g->hx)
                        return RS_ENOMEM;
                    if (missing || gm_vector(&g->g, h, g->hx) != 0) {
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
                        gs = gm_extract(&g->g, ev);
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
    if (gs && (missing || rs_objective(ev, gs, NULL, NULL) >= hobj - EPS)) {
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
        s = gh_to_schedule(h);
        if (!s)
            return RS_ENOMEM;
    }
    g->result = s;
    s->objective = rs_objective(ev, s, &s->idle_slots, NULL);
    if (proven || s->objective >= bound - EPS) {
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

rs_code rs_group_model(const rs_event *ev, rs_group **work, const rs_model **model)
{
    rs_group *g = calloc(1, sizeof(rs_group));
    *work = g;
    if (!g)
        return RS_ENOMEM;
    rs_code rc = gm_build(ev, &g->g);
    if (rc != RS_OK)
        return rc;
    for (int j = 0; j < g->g.nx; j++)
        rs_lp_name_col(ev, g->g.m.lp, j + 1, "hear", ev->pairs[g->g.x_pair[j]].inv,
                       ev->pairs[g->g.x_pair[j]].sme, g->g.x_slot[j], g->g.x_venue[j], -1);
    for (int j = 0; j < g->g.ny; j++)
        rs_lp_name_col(ev, g->g.m.lp, g->g.nx + j + 1, "pitch", g->g.y_sme[j], -1,
                       g->g.y_slot[j], g->g.y_venue[j], g->g.y_cap[j]);
    *model = &g->g.m;
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
