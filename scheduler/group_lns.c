/*
 * group_lns.c - large-neighbourhood search on the group timetable with
 * exact GLPK sub-MIPs of the compact model (rs_gt_lns in group_lns.h).
 *
 * A neighbourhood is a set of slots W, the venue whose pitches in W are
 * free (every venue, or none) and the investors whose seats in W are
 * free.  Those pitches and seats are taken out; a small MIP of the
 * compact model (group.h) restricted to them then chooses again, with
 * everything else fixed:
 *   - seat columns: a free investor joins a pitch that stays (its SME,
 *     slot and room fixed), its panel's minimum and room counted with
 *     the members that stay;
 *   - pitch columns y[s,k,v,q] for the free venue's slots of W and the
 *     sizes q of its rooms left free, and panel columns x[i,s,k,v] with
 *     x <= sum y, the people within q, at least group_min_investors, and
 *     the rooms nested by size per venue and slot;
 *   - a pair at most once, a must pair taken out exactly once;
 *   - per participant with a column: its maximum and soft minimum, one
 *     place per slot, the consecutive limit and travel among the new
 *     meetings (columns exist only where rs_can_add allows them next to
 *     the fixed meetings), and idle slots per day from "a meeting by
 *     slot k" and "a meeting from slot k" indicators around the fixed
 *     meetings, as in lns.c;
 *   - when gaps count (weights.idle_gap or max_idle_gaps), per such
 *     participant and day of W a gap-start column per slot, costing
 *     idle_gap, and its gaps on the days of W at most its max_idle_gaps
 *     less its gaps on the other days, as in lns.c.  Without them a
 *     sub-MIP under a cap of no gap filled slots with seats that opened
 *     gaps, which were then refused: a panel day of 30 investors, 60 SMEs
 *     and 4 rooms, no gap allowed, went from 87 to 386 (20 s).
 * Panel columns exist only in slots the pair's request windows allow
 * (rule 11).  The old pitches and seats
 * are the sub-MIP's first incumbent; the result is kept only when every
 * rule holds (rs_gt_valid, gap caps included), no must pair is lost and
 * the contract objective (gaps included) rises, else the timetable is
 * restored from the snapshot.
 *
 * Five kinds of neighbourhood, in this order in each pass (a variant v
 * starts each pass at the v-th and goes round: the same search in
 * another order, for a second process to try beside the first):
 *   - panels: GLNS_PANEL_BATCH investors at a time (most idle slots and
 *     shortfall first), their seats over the whole event free, every
 *     pitch's place fixed;
 *   - slot pairs: every pitch of two slots of a day, at every venue,
 *     may move between them or go, its panel chosen again by any
 *     investor free then;
 *   - SMEs: each SME with the GLNS_SMES - 1 sharing most candidate
 *     investors with it, their pitches free over the whole event;
 *   - windows: GLNS_WINDOW consecutive slots of a day at one venue, where
 *     any SME may pitch, every investor's seats there free;
 *   - short SMEs: each SME below its minimum whose candidate investors
 *     are few (at least group_min_investors, at most GLNS_FEW times it),
 *     with the SMEs sharing most candidates with it: their pitches free
 *     over the whole event, and every seat of all their candidate
 *     investors; any investor free in a slot may take a seat they leave
 *     in a pitch that stays (a candidate leaving a panel of three would
 *     leave it short otherwise).  Such an SME's panel is (nearly)
 *     forced: it can pitch only where those few investors are all free
 *     and under their maxima, and no other kind frees both its pitch and
 *     their seats elsewhere.  Two-room panel days (panels of three, SMEs with three
 *     or four candidates) ended one or two pitches short of CBC's
 *     schedule without it; with SMEs of many candidates its sub-MIPs took
 *     seconds and found nothing.  Only while a room-slot is free or an
 *     SME pitches more than its minimum (room_to_pitch).
 * A pass that improves nothing moves to the next level, where panels
 * take twice the investors, SME groups two more SMEs and windows one
 * more slot (every venue at once from the caller's last level on).
 * Past the caller's levels the search goes on while time is left,
 * windows growing by two slots a level and SME groups by four, until a
 * level whose neighbourhoods each cover the whole event; the search ends
 * when that level finds nothing.  Each sub-MIP stops after
 * GLNS_MAX_BRANCHES branchings, not a time, so a search ending before its
 * deadline repeats exactly, and a neighbourhood that found nothing is
 * not solved again until the timetable changes (step).  Work arrays
 * are GLPK scratch memory: a GLPK error leaks nothing.
 */
#include "group_lns.h"

#include "glpk_layer.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GLNS_MAX_BRANCHES 200
#define GLNS_PANEL_BATCH 10
#define GLNS_WINDOW 2
#define GLNS_SMES 4
#define GLNS_MAX_PASSES 40
/* SMEs with at most GLNS_FEW times group_min_investors candidate
 * investors get the short-SME neighbourhood */
#define GLNS_FEW 2
/* The kinds of neighbourhood a pass runs in turn (panels, slot pairs,
 * SMEs, windows, short SMEs), the first one rs_gt_lns's variant's. */
#define GLNS_KINDS 5
/* Neighbourhoods remembered as tried without a gain (a direct-mapped
 * table: a collision only forgets one) */
#define GLNS_MEMO 4096

enum { COL_SEAT, COL_NEW, COL_PITCH };

/* A sub-MIP column (GLPK column c + 1): a seat of investor who in the
 * pitch pt that stays; a seat of investor who in the new pitch of group
 * grp; or the new pitch of group grp (SME who) in a room of q people. */
typedef struct {
    int kind, who, sme, k, v, q, pt, grp;
} gcol;

/* A pitch taken out: SME, slot, room and its panel (members[first ..
 * first + n - 1]). */
typedef struct {
    int sme, k, room, first, n;
} gold;

/* A neighbourhood (nb_key) that found nothing on the timetable after
 * the search's version - 1 improvements; version 0: none. */
typedef struct {
    uint64_t key;
    long version;
} gmemo;

/* The search's state and one neighbourhood's model. */
typedef struct {
    rs_gt *h;
    const rs_event *ev;
    rs_submip ctl; /* the sub-MIP's stopping rule and first incumbent */
    /* the neighbourhood */
    unsigned char *inW;     /* per slot                                    */
    unsigned char *freeinv; /* per participant: investor's seats in W free */
    int vf;                 /* venue whose pitches in W are free; -1 any,
                               -2 none                                     */
    unsigned char *freesme; /* per participant: SME whose pitches in W are
                               free, every investor may join (NULL: every
                               SME, only the free investors)               */
    int join_any;           /* any investor may join a pitch that stays
                               where it is free (not only freeinv's)       */
    /* what was taken out */
    gold *old;               /* room-slots of W: at most nrooms * ns   */
    int nold;
    int *members, nmem;      /* seats: at most ninv * ns               */
    int *seat_i, *seat_pt, nseat;
    unsigned char *must_out; /* per pair: a must pair taken out          */
    int *must_list, nmust;
    /* columns */
    gcol *col;
    int nc, capc;
    int *gfirst, ngrp, capgrp; /* group g: columns gfirst[g] .. [g+1]-1 */
    /* participants with columns */
    int *loc, *P, nP;
    int *pstart, *pcols; /* columns of participant li: pcols[pstart[li] ..] */
    int *doff, per, by_col;
    int gaps;         /* the event's gaps count (weights.idle_gap or
                         max_idle_gaps): its sub-MIPs have gap columns */
    int *pcnt, *prow; /* per pair: columns, row */
    rs_mat t;
    gmemo *memo;      /* GLNS_MEMO neighbourhoods tried without a gain */
} glns;

/* Index of participant p and slot k in the timetable's maps. */
static size_t cell(const glns *n, int p, int k)
{
    return (size_t)p * (size_t)n->h->ns + (size_t)k;
}

/* Whether p may newly meet in slot k at venue v next to its fixed
 * meetings. */
static int can_add(const glns *n, int p, int k, int v)
{
    return rs_can_add(n->ev, p, k, v, n->h->busy + cell(n, p, 0), n->h->venue + cell(n, p, 0));
}

/* Grows an int array of *cap elements to hold need; GLPK scratch. */
static int *grow_int(int *a, int *cap, int need)
{
    if (need <= *cap)
        return a;
    int nc = 2 * need + 64;
    a = rs_glp_realloc(a, (size_t)*cap, (size_t)nc, sizeof(int));
    *cap = nc;
    return a;
}

/* Records that pair (inv, sme) was taken out, when it is a must. */
static void note_must(glns *n, int inv, int sme)
{
    int p = rs_pair_index(n->ev, inv, sme);
    if (p >= 0 && n->ev->pairs[p].must && !n->must_out[p]) {
        n->must_out[p] = 1;
        n->must_list[n->nmust++] = p;
    }
}

/* Takes out the free venue's pitches of W, then the free investors'
 * seats in the pitches of W that stay, recording both. */
static void take_out(glns *n)
{
    rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    n->nold = n->nmem = n->nseat = n->nmust = 0;
    for (int pi = h->npt - 1; n->vf > -2 && pi >= 0; pi--) {
        const rs_pitch *Q = &h->pt[pi];
        if (!n->inW[Q->slot] || (n->vf >= 0 && ev->rooms[Q->room].venue != n->vf) ||
            (n->freesme && !n->freesme[Q->sme]))
            continue;
        gold *o = &n->old[n->nold++];
        o->sme = Q->sme;
        o->k = Q->slot;
        o->room = Q->room;
        o->first = n->nmem;
        o->n = Q->ninv;
        for (int j = 0; j < Q->ninv; j++) {
            n->members[n->nmem++] = Q->inv[j];
            note_must(n, Q->inv[j], Q->sme);
        }
        rs_gt_remove_pitch(h, pi);
    }
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *Q = &h->pt[pi];
        if (!n->inW[Q->slot])
            continue;
        for (int j = Q->ninv - 1; j >= 0; j--) {
            int i = Q->inv[j];
            if (!n->freeinv[i])
                continue;
            n->seat_i[n->nseat] = i;
            n->seat_pt[n->nseat++] = pi;
            note_must(n, i, Q->sme);
            rs_gt_remove_inv(h, pi, j);
        }
    }
}

/* Appends a column. */
static void add_col(glns *n, int kind, int who, int sme, int k, int v, int q, int pt)
{
    if (n->nc == n->capc) {
        int cap = 2 * n->capc + 256;
        n->col = rs_glp_realloc(n->col, (size_t)n->capc, (size_t)cap, sizeof(gcol));
        n->capc = cap;
    }
    gcol *c = &n->col[n->nc++];
    c->kind = kind;
    c->who = who;
    c->sme = sme;
    c->k = k;
    c->v = v;
    c->q = q;
    c->pt = pt;
    c->grp = n->ngrp;
}

/* Seat columns: each free investor in each pitch of W that stays, when
 * the pair is allowed and not met elsewhere, its team fits and the rules
 * allow it next to its fixed meetings. */
static void seat_columns(glns *n)
{
    rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *Q = &h->pt[pi];
        const rs_room *rm = &ev->rooms[Q->room];
        if (!n->inW[Q->slot])
            continue;
        int sc = rs_sme_col(ev, Q->sme);
        for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
            int i = ev->pairs[h->cand[c]].inv;
            if ((!n->freeinv[i] && !n->join_any) || !rs_pair_slot_ok(ev, h->cand[c], Q->slot) ||
                rs_gt_heard(h, i, Q->sme) ||
                Q->people + ev->p[i].team_size > rm->capacity || !can_add(n, i, Q->slot, rm->venue))
                continue;
            add_col(n, COL_SEAT, i, Q->sme, Q->slot, rm->venue, 0, pi);
        }
    }
}

/* Whether room r is open and free in slot k. */
static int room_free(const glns *n, int r, int k)
{
    return n->ev->rooms[r].avail[k] &&
           n->h->room_at[(size_t)r * (size_t)n->h->ns + (size_t)k] < 0;
}

/* Whether room r is the first free room of its venue and size in slot k
 * (sizes are listed once). */
static int first_of_size(const glns *n, int r, int k)
{
    const rs_room *rm = &n->ev->rooms[r];
    for (int r0 = 0; r0 < r; r0++)
        if (n->ev->rooms[r0].venue == rm->venue && n->ev->rooms[r0].capacity == rm->capacity &&
            room_free(n, r0, k))
            return 0;
    return 1;
}

/* New-pitch columns: for each SME, slot of W and free venue where it may
 * pitch, one pitch column per size of free room holding its team and a
 * minimal panel, and the panel columns of the free investors who may
 * hear it there.  Groups with too few possible investors are dropped. */
static void pitch_columns(glns *n)
{
    rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    if (n->vf < -1)
        return;
    for (int s = ev->ninv; s < ev->np; s++) {
        int sc = rs_sme_col(ev, s);
        if (n->freesme && !n->freesme[s])
            continue;
        for (int k = 0; k < h->ns; k++) {
            if (!n->inW[k] || h->busy[cell(n, s, k)])
                continue;
            for (int v = 0; v < ev->nvenues; v++) {
                if ((n->vf >= 0 && v != n->vf) || !can_add(n, s, k, v))
                    continue;
                int first = n->nc, maxq = 0;
                for (int r = 0; r < ev->nrooms; r++) {
                    const rs_room *rm = &ev->rooms[r];
                    if (rm->venue != v || !room_free(n, r, k) || !first_of_size(n, r, k) ||
                        rm->capacity < ev->p[s].team_size + ev->group_min_investors)
                        continue;
                    add_col(n, COL_PITCH, s, s, k, v, rm->capacity, -1);
                    if (rm->capacity > maxq)
                        maxq = rm->capacity;
                }
                if (n->nc == first)
                    continue;
                int npanel = 0;
                for (int c = h->cand_start[sc]; c < h->cand_start[sc + 1]; c++) {
                    int i = ev->pairs[h->cand[c]].inv;
                    if ((!n->freesme && !n->freeinv[i]) || !rs_pair_slot_ok(ev, h->cand[c], k) ||
                        rs_gt_heard(h, i, s) ||
                        ev->p[i].team_size > maxq - ev->p[s].team_size || !can_add(n, i, k, v))
                        continue;
                    add_col(n, COL_NEW, i, s, k, v, 0, -1);
                    npanel++;
                }
                if (npanel < ev->group_min_investors) {
                    n->nc = first;
                    continue;
                }
                n->gfirst = grow_int(n->gfirst, &n->capgrp, n->ngrp + 2);
                n->gfirst[n->ngrp] = first;
                n->ngrp++;
                n->gfirst[n->ngrp] = n->nc;
            }
        }
    }
}

/* The participants with columns (P, loc) and their columns (pstart,
 * pcols), in the order of the columns. */
static void index_people(glns *n)
{
    n->nP = 0;
    for (int c = 0; c < n->nc; c++) {
        int p = n->col[c].who;
        if (n->loc[p] < 0) {
            n->loc[p] = n->nP;
            n->P[n->nP++] = p;
        }
    }
    n->pstart = rs_glp_calloc((size_t)n->nP + 2, sizeof(int));
    n->pcols = rs_glp_calloc((size_t)n->nc + 1, sizeof(int));
    for (int c = 0; c < n->nc; c++)
        n->pstart[n->loc[n->col[c].who] + 1]++;
    for (int li = 0; li < n->nP; li++)
        n->pstart[li + 1] += n->pstart[li];
    int *fill = rs_glp_calloc((size_t)n->nP + 1, sizeof(int));
    for (int c = 0; c < n->nc; c++) {
        int li = n->loc[n->col[c].who];
        n->pcols[n->pstart[li] + fill[li]++] = c;
    }
    rs_glp_free(fill);
}

/* Whether participant li has a column in slot k (at venue v; any when
 * v is -1). */
static int has_col(const glns *n, int li, int k, int v)
{
    for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++) {
        const gcol *c = &n->col[n->pcols[e]];
        if (c->k == k && (v < 0 || c->v == v))
            return 1;
    }
    return 0;
}

/* The first and last slot (0-based in day d) of p's fixed meetings that
 * day, S and -1 when none; returns how many. */
static int fixed_span(const glns *n, int p, int d, int *f0, int *l0)
{
    const rs_day *day = &n->ev->days[d];
    const unsigned char *row = n->h->busy + cell(n, p, 0);
    int cnt = 0;
    *f0 = day->nslots;
    *l0 = -1;
    for (int kk = 0; kk < day->nslots; kk++)
        if (row[day->first_slot + kk]) {
            if (*f0 == day->nslots)
                *f0 = kk;
            *l0 = kk;
            cnt++;
        }
    return cnt;
}

/* The first and last slot (0-based in day d) where participant li has a
 * column, S and -1 when none: the span indicators before the first and
 * after the last are 0 in every optimum, so only those between exist. */
static void open_span(const glns *n, int li, int d, int *c0, int *c1)
{
    const rs_day *day = &n->ev->days[d];
    *c0 = day->nslots;
    *c1 = -1;
    for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++) {
        int kk = n->col[n->pcols[e]].k - day->first_slot;
        if (kk < 0 || kk >= day->nslots)
            continue;
        if (kk < *c0)
            *c0 = kk;
        if (kk > *c1)
            *c1 = kk;
    }
}

/* The idle-slot rows of participant li on day d: the span is l0 - f0 + 1
 * plus the slots before f0 from the first meeting ("by" columns) and
 * after l0 to the last ("from"), less the meetings. */
static void idle_rows(glns *n, int li, int d)
{
    const rs_event *ev = n->ev;
    rs_mat *t = &n->t;
    int p = n->P[li], S = ev->days[d].nslots, a0 = ev->days[d].first_slot, f0, l0;
    int by = n->by_col + li * n->per + n->doff[d], from = by + S, idle = from + S;
    int fixed = fixed_span(n, p, d, &f0, &l0), c0, c1;
    open_span(n, li, d, &c0, &c1);
    int ridle = rs_mat_row(t, GLP_LO, l0 - f0 + 1 - fixed, 0);
    rs_mat_add(t, ridle, idle, 1);
    for (int kk = 0; kk < S; kk++) {
        int k = a0 + kk, rby, rfrom;
        rs_mat_span_slot(t, ridle, by, from, kk, f0, l0, c0, c1, &rby, &rfrom);
        for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++) {
            int c = n->pcols[e];
            if (n->col[c].k != k)
                continue;
            rs_mat_add(t, ridle, c + 1, 1);
            if (rby)
                rs_mat_add(t, rby, c + 1, -1);
            if (rfrom)
                rs_mat_add(t, rfrom, c + 1, -1);
        }
    }
}

/* The consecutive-limit rows of participant li on day d: any K + 1
 * chained slots hold at most K meetings, the fixed ones counted. */
static void consecutive_rows(glns *n, int li, int d)
{
    const rs_event *ev = n->ev;
    int p = n->P[li], K = ev->p[p].max_consecutive;
    int a0 = ev->days[d].first_slot, S = ev->days[d].nslots;
    const unsigned char *row = n->h->busy + cell(n, p, 0);
    for (int k = a0; K < S && k < a0 + S; k++) {
        int len = 1, j = k, busy = row[k], open = 0;
        while (len < K + 1 && ev->slots[j].prev >= a0) {
            j = ev->slots[j].prev;
            busy += row[j];
            len++;
        }
        for (int k2 = j; len == K + 1 && k2 <= k; k2++)
            open += has_col(n, li, k2, -1);
        if (len < K + 1 || busy + open <= K)
            continue;
        int r = rs_mat_row(&n->t, GLP_UP, 0, K - busy);
        for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++) {
            int c = n->pcols[e];
            if (n->col[c].k >= j && n->col[c].k <= k)
                rs_mat_add(&n->t, r, c + 1, 1);
        }
    }
}

/* The travel rows (glpk_layer's; the fixed meetings were checked when
 * the columns were made) and, when gaps count, the gap-start rows
 * (rs_mat_gap_rows) of participant li on day d, its m columns at slots
 * ck, venues cv, GLPK columns cj. */
static void day_rows(glns *n, int li, int d, const int *ck, const int *cv, const int *cj, int m)
{
    const rs_event *ev = n->ev;
    int p = n->P[li], S = ev->days[d].nslots, a0 = ev->days[d].first_slot;
    const unsigned char *busy = n->h->busy + cell(n, p, 0);
    if (ev->nvenues > 1)
        rs_mat_travel_rows(&n->t, ev, busy, a0, S, ck, cv, cj, m);
    if (n->gaps) {
        int from = n->by_col + li * n->per + n->doff[d] + S, f0, l0, c0, c1;
        fixed_span(n, p, d, &f0, &l0);
        open_span(n, li, d, &c0, &c1);
        rs_mat_gap_rows(&n->t, busy, a0, S, l0, c1, from + S + 1, from, ck, cj, m);
    }
}

/* The gap cap of participant li: its gaps on the days of W at most its
 * max_idle_gaps less its gaps on the other days. */
static void gap_cap_row(glns *n, int li)
{
    const rs_event *ev = n->ev;
    int p = n->P[li], base = n->by_col + li * n->per;
    if (ev->p[p].max_idle_gaps >= RS_UNLIMITED)
        return;
    const unsigned char *row = n->h->busy + cell(n, p, 0);
    int other = 0;
    for (int d = 0; d < ev->ndays; d++)
        if (n->doff[d] < 0)
            other += rs_gaps_day(ev, row, d);
    int r = rs_mat_row(&n->t, GLP_UP, 0, ev->p[p].max_idle_gaps - other);
    for (int d = 0; d < ev->ndays; d++) {
        int S = ev->days[d].nslots, g = base + n->doff[d] + 2 * S + 1;
        for (int kk = 1; n->doff[d] >= 0 && kk + 1 < S; kk++)
            rs_mat_add(&n->t, r, g + kk, 1);
    }
}

/* The rows of participant li: maximum, soft minimum, one place per slot,
 * then per day of W idle slots, the consecutive limit, travel and (when
 * gaps count) gap starts, and its gap cap. */
static void person_rows(glns *n, int li)
{
    const rs_event *ev = n->ev;
    int p = n->P[li], base = n->by_col + li * n->per;
    int rmax = rs_mat_row(&n->t, GLP_UP, 0, ev->p[p].max_meetings - n->h->count[p]);
    int rsf = 0;
    if (ev->p[p].min_meetings > n->h->count[p]) {
        rsf = rs_mat_row(&n->t, GLP_LO, ev->p[p].min_meetings - n->h->count[p], 0);
        rs_mat_add(&n->t, rsf, base + n->per - 1, 1);
    }
    for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++) {
        rs_mat_add(&n->t, rmax, n->pcols[e] + 1, 1);
        if (rsf)
            rs_mat_add(&n->t, rsf, n->pcols[e] + 1, 1);
    }
    for (int k = 0; k < n->h->ns; k++) {
        int cnt = 0;
        for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++)
            cnt += n->col[n->pcols[e]].k == k;
        if (cnt < 2)
            continue;
        int r = rs_mat_row(&n->t, GLP_UP, 0, 1);
        for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++)
            if (n->col[n->pcols[e]].k == k)
                rs_mat_add(&n->t, r, n->pcols[e] + 1, 1);
    }
    int m = n->pstart[li + 1] - n->pstart[li];
    int *ck = rs_glp_calloc((size_t)m + 1, sizeof(int));
    int *cv = rs_glp_calloc((size_t)m + 1, sizeof(int));
    int *cj = rs_glp_calloc((size_t)m + 1, sizeof(int));
    for (int e = 0; e < m; e++) {
        int c = n->pcols[n->pstart[li] + e];
        ck[e] = n->col[c].k;
        cv[e] = n->col[c].v;
        cj[e] = c + 1;
    }
    for (int d = 0; d < ev->ndays; d++) {
        if (n->doff[d] < 0)
            continue;
        idle_rows(n, li, d);
        consecutive_rows(n, li, d);
        day_rows(n, li, d, ck, cv, cj, m);
    }
    rs_glp_free(ck);
    rs_glp_free(cv);
    rs_glp_free(cj);
    if (n->gaps)
        gap_cap_row(n, li);
}

/* The pitch rows: panel columns within their pitch, people within the
 * room, the panel minimum (new pitches, and pitches that stay with their
 * remaining members), the rooms nested by size per venue and slot, and
 * the pairs (at most once; a must taken out exactly once). */
static void shared_rows(glns *n)
{
    rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    rs_mat *t = &n->t;
    for (int g = 0; g < n->ngrp; g++) {
        int a = n->gfirst[g], b = n->gfirst[g + 1], s = n->col[a].sme;
        int rcap = rs_mat_row(t, GLP_UP, 0, 0), rmin = rs_mat_row(t, GLP_LO, 0, 0);
        for (int c = a; c < b; c++) {
            const gcol *x = &n->col[c];
            if (x->kind == COL_PITCH) {
                rs_mat_add(t, rcap, c + 1, -(x->q - ev->p[s].team_size));
                rs_mat_add(t, rmin, c + 1, -ev->group_min_investors);
                continue;
            }
            rs_mat_add(t, rcap, c + 1, ev->p[x->who].team_size);
            rs_mat_add(t, rmin, c + 1, 1);
            int r = rs_mat_row(t, GLP_UP, 0, 0);
            rs_mat_add(t, r, c + 1, 1);
            for (int c2 = a; c2 < b && n->col[c2].kind == COL_PITCH; c2++)
                rs_mat_add(t, r, c2 + 1, -1);
        }
    }
    /* pitches that stay: their seat columns are listed pitch by pitch */
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *Q = &h->pt[pi];
        if (!n->inW[Q->slot])
            continue;
        int lack = ev->group_min_investors - Q->ninv, rmin = 0, rcap = 0;
        for (int c = 0; c < n->nc; c++) {
            if (n->col[c].kind != COL_SEAT || n->col[c].pt != pi)
                continue;
            if (!rcap)
                rcap = rs_mat_row(t, GLP_UP, 0, ev->rooms[Q->room].capacity - Q->people);
            rs_mat_add(t, rcap, c + 1, ev->p[n->col[c].who].team_size);
            if (lack > 0 && !rmin)
                rmin = rs_mat_row(t, GLP_LO, lack, 0);
            if (rmin)
                rs_mat_add(t, rmin, c + 1, 1);
        }
        if (lack > 0 && !rmin)
            rs_mat_row(t, GLP_LO, lack, 0); /* no one may join: infeasible */
    }
    /* rooms: per venue and slot, per free size q, the new pitches needing
     * q or more at most the free rooms holding q or more */
    for (int k = 0; k < h->ns; k++)
        for (int r = 0; n->inW[k] && r < ev->nrooms; r++) {
            const rs_room *rm = &ev->rooms[r];
            if (!room_free(n, r, k) || !first_of_size(n, r, k))
                continue;
            int rooms = 0, row = 0;
            for (int r2 = 0; r2 < ev->nrooms; r2++)
                rooms += ev->rooms[r2].venue == rm->venue && room_free(n, r2, k) &&
                         ev->rooms[r2].capacity >= rm->capacity;
            for (int c = 0; c < n->nc; c++) {
                const gcol *x = &n->col[c];
                if (x->kind != COL_PITCH || x->k != k || x->v != rm->venue || x->q < rm->capacity)
                    continue;
                if (!row)
                    row = rs_mat_row(t, GLP_UP, 0, rooms);
                rs_mat_add(t, row, c + 1, 1);
            }
        }
    /* pairs */
    for (int c = 0; c < n->nc; c++)
        if (n->col[c].kind != COL_PITCH)
            n->pcnt[rs_pair_index(ev, n->col[c].who, n->col[c].sme)]++;
    for (int c = 0; c < n->nc; c++) {
        if (n->col[c].kind == COL_PITCH)
            continue;
        int p = rs_pair_index(ev, n->col[c].who, n->col[c].sme);
        if (!n->prow[p] && (n->pcnt[p] > 1 || n->must_out[p]))
            n->prow[p] = n->must_out[p] ? rs_mat_row(t, GLP_FX, 1, 1) : rs_mat_row(t, GLP_UP, 0, 1);
        if (n->prow[p])
            rs_mat_add(t, n->prow[p], c + 1, 1);
    }
    for (int j = 0; j < n->nmust; j++)
        if (!n->pcnt[n->must_list[j]])
            rs_mat_row(t, GLP_FX, 1, 1); /* a must with no place: infeasible */
    for (int c = 0; c < n->nc; c++)
        if (n->col[c].kind != COL_PITCH) {
            int p = rs_pair_index(ev, n->col[c].who, n->col[c].sme);
            n->pcnt[p] = 0;
            n->prow[p] = 0;
        }
}

/* The sub-MIP's columns and objective: scores, and per participant with
 * columns its span indicators and idle column per day of W, then its
 * shortfall column. */
static void add_columns(glns *n, glp_prob *lp)
{
    const rs_event *ev = n->ev;
    n->by_col = n->nc + 1;
    glp_add_cols(lp, n->nc + n->nP * n->per);
    for (int c = 0; c < n->nc; c++) {
        const gcol *x = &n->col[c];
        glp_set_col_kind(lp, c + 1, GLP_BV);
        if (x->kind != COL_PITCH)
            glp_set_obj_coef(lp, c + 1, rs_group_pair_score(ev, x->who, x->sme));
    }
    for (int li = 0; li < n->nP; li++) {
        int base = n->by_col + li * n->per;
        for (int d = 0; d < ev->ndays; d++) {
            if (n->doff[d] < 0)
                continue;
            int S = ev->days[d].nslots, f0, l0, c0, c1, b = base + n->doff[d];
            fixed_span(n, n->P[li], d, &f0, &l0);
            open_span(n, li, d, &c0, &c1);
            for (int kk = 0; kk < S; kk++) {
                int on = kk < f0 && kk >= c0;
                glp_set_col_bnds(lp, b + kk, on ? GLP_DB : GLP_FX, 0, on);
                on = kk > l0 && kk <= c1;
                glp_set_col_bnds(lp, b + S + kk, on ? GLP_DB : GLP_FX, 0, on);
            }
            glp_set_col_bnds(lp, b + 2 * S, GLP_LO, 0, 0);
            glp_set_obj_coef(lp, b + 2 * S, -ev->w.idle_slot);
            for (int kk = 0; n->gaps && kk < S; kk++) { /* gap starts */
                int inner = kk > 0 && kk + 1 < S;
                glp_set_col_bnds(lp, b + 2 * S + 1 + kk, inner ? GLP_DB : GLP_FX, 0, inner);
                glp_set_obj_coef(lp, b + 2 * S + 1 + kk, inner ? -ev->w.idle_gap : 0);
            }
        }
        glp_set_col_bnds(lp, base + n->per - 1, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, base + n->per - 1, -ev->w.min_meetings_shortfall);
    }
}

/* Whether column c held in the timetable before the take-out. */
static int was_on(const glns *n, const gcol *c)
{
    const rs_event *ev = n->ev;
    if (c->kind == COL_SEAT) {
        for (int j = 0; j < n->nseat; j++)
            if (n->seat_i[j] == c->who && n->seat_pt[j] == c->pt)
                return 1;
        return 0;
    }
    for (int j = 0; j < n->nold; j++) {
        const gold *o = &n->old[j];
        const rs_room *rm = &ev->rooms[o->room];
        if (o->sme != c->sme || o->k != c->k || rm->venue != c->v)
            continue;
        if (c->kind == COL_PITCH)
            return rm->capacity == c->q;
        for (int e = o->first; e < o->first + o->n; e++)
            if (n->members[e] == c->who)
                return 1;
    }
    return 0;
}

/* The old pitches and seats as a vector of the sub-MIP (x[1..ncols],
 * zeroed), or -1 when one of them has no column. */
static int old_vector(glns *n, double *x, unsigned char *row)
{
    const rs_event *ev = n->ev;
    int on = 0, want = n->nseat + n->nold + n->nmem;
    for (int c = 0; c < n->nc; c++)
        if (was_on(n, &n->col[c])) {
            x[c + 1] = 1;
            on++;
        }
    if (on != want)
        return -1;
    for (int li = 0; li < n->nP; li++) {
        int p = n->P[li], base = n->by_col + li * n->per, cnt = n->h->count[p];
        memcpy(row, n->h->busy + cell(n, p, 0), (size_t)n->h->ns);
        for (int e = n->pstart[li]; e < n->pstart[li + 1]; e++)
            if (x[n->pcols[e] + 1] > 0.5) {
                row[n->col[n->pcols[e]].k] = 1;
                cnt++;
            }
        for (int d = 0; d < ev->ndays; d++) {
            if (n->doff[d] < 0)
                continue;
            int S = ev->days[d].nslots, a0 = ev->days[d].first_slot, f0, l0, first = -1, last = -1;
            int b = base + n->doff[d], c0, c1;
            fixed_span(n, p, d, &f0, &l0);
            open_span(n, li, d, &c0, &c1);
            for (int kk = 0; kk < S; kk++)
                if (row[a0 + kk]) {
                    if (first < 0)
                        first = kk;
                    last = kk;
                }
            for (int kk = 0; kk < S; kk++) {
                x[b + kk] = first >= 0 && kk >= first && kk < f0 && kk >= c0;
                x[b + S + kk] = last >= 0 && kk <= last && kk > l0 && kk <= c1;
            }
            x[b + 2 * S] = rs_idle_day(ev, row, d);
            for (int kk = 1; n->gaps && kk < last; kk++)
                x[b + 2 * S + 1 + kk] = row[a0 + kk - 1] && !row[a0 + kk];
        }
        int sf = ev->p[p].min_meetings - cnt;
        x[base + n->per - 1] = sf > 0 ? sf : 0;
    }
    return 0;
}

/* A new pitch before its room is given. */
typedef struct {
    int grp, k, v, people, sme;
} gnew;

/* New pitches by slot, venue, most people first, then SME. */
static int cmp_new(const void *a, const void *b)
{
    const gnew *x = a, *y = b;
    if (x->k != y->k)
        return x->k - y->k;
    if (x->v != y->v)
        return x->v - y->v;
    if (x->people != y->people)
        return y->people - x->people;
    return x->sme - y->sme;
}

/* Puts the sub-MIP's solution into the timetable: seats first (the
 * pitches that stay keep their indices), then the new pitches, largest
 * first into the smallest free room of their venue that holds them.
 * Returns 0, or -1 when a room was missing or memory ran out. */
static int apply(glns *n, glp_prob *lp)
{
    rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    for (int c = 0; c < n->nc; c++)
        if (n->col[c].kind == COL_SEAT && glp_mip_col_val(lp, c + 1) > 0.5)
            rs_gt_add_inv(h, n->col[c].pt, n->col[c].who);
    gnew *nw = rs_glp_calloc((size_t)n->ngrp + 1, sizeof(gnew));
    int *panel = rs_glp_calloc((size_t)ev->ninv + 1, sizeof(int));
    int cnt = 0, rc = 0;
    for (int g = 0; g < n->ngrp; g++) {
        int on = 0, people = 0;
        for (int c = n->gfirst[g]; c < n->gfirst[g + 1]; c++)
            if (glp_mip_col_val(lp, c + 1) > 0.5) {
                on |= n->col[c].kind == COL_PITCH;
                if (n->col[c].kind == COL_NEW)
                    people += ev->p[n->col[c].who].team_size;
            }
        if (!on)
            continue;
        const gcol *x = &n->col[n->gfirst[g]];
        gnew e = {g, x->k, x->v, people + ev->p[x->sme].team_size, x->sme};
        nw[cnt++] = e;
    }
    qsort(nw, (size_t)cnt, sizeof(gnew), cmp_new);
    for (int j = 0; j < cnt && rc == 0; j++) {
        int best = -1, np = 0;
        for (int r = 0; r < ev->nrooms; r++)
            if (ev->rooms[r].venue == nw[j].v && room_free(n, r, nw[j].k) &&
                ev->rooms[r].capacity >= nw[j].people &&
                (best < 0 || ev->rooms[r].capacity < ev->rooms[best].capacity))
                best = r;
        for (int c = n->gfirst[nw[j].grp]; c < n->gfirst[nw[j].grp + 1]; c++)
            if (n->col[c].kind == COL_NEW && glp_mip_col_val(lp, c + 1) > 0.5)
                panel[np++] = n->col[c].who;
        if (best < 0 || rs_gt_add_pitch(h, nw[j].sme, nw[j].k, best, panel, np) < 0)
            rc = -1;
    }
    rs_glp_free(nw);
    rs_glp_free(panel);
    return rc;
}

/* Solves the neighbourhood set in n (inW, vf, freeinv): returns 1 when
 * the timetable improved, 0 when it is as before, -1 when out of memory
 * (restoring it). */
static int solve_one(glns *n, rs_gtsave *snap)
{
    rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    double before = rs_gt_objective(h);
    int missing = rs_gt_missing_musts(h), result = 0;
    glp_prob *lp = NULL;
    double *x0 = NULL;
    unsigned char *row = NULL;
    if (rs_gt_save(h, snap) != 0)
        return -1;
    take_out(n);
    n->nc = n->ngrp = 0;
    n->gfirst = grow_int(n->gfirst, &n->capgrp, 1);
    n->gfirst[0] = 0;
    seat_columns(n);
    pitch_columns(n);
    if (n->nc == 0)
        goto restore;
    index_people(n);
    n->per = 1;
    for (int d = 0; d < ev->ndays; d++) {
        n->doff[d] = -1;
        for (int k = ev->days[d].first_slot; k < ev->days[d].first_slot + ev->days[d].nslots; k++)
            if (n->inW[k] && n->doff[d] < 0) {
                n->doff[d] = n->per - 1;
                n->per += (n->gaps ? 3 : 2) * ev->days[d].nslots + 1;
            }
    }
    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    add_columns(n, lp);
    memset(&n->t, 0, sizeof n->t);
    for (int li = 0; li < n->nP; li++)
        person_rows(n, li);
    shared_rows(n);
    rs_mat_load(&n->t, lp);
    int ncols = glp_get_num_cols(lp);
    x0 = rs_glp_calloc((size_t)ncols + 1, sizeof(double));
    row = rs_glp_calloc((size_t)h->ns + 1, 1);
    n->ctl.start = old_vector(n, x0, row) == 0 ? x0 : NULL;
    n->ctl.given = 0;
    n->ctl.branches = 0;
    n->ctl.maxbr = GLNS_MAX_BRANCHES;
    double start_val = 0;
    for (int j = 1; n->ctl.start && j <= ncols; j++)
        start_val += glp_get_obj_coef(lp, j) * x0[j];
    /* the LP first, without GLPK's presolver: the first incumbent is in
       this problem's columns (as in lns.c) */
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    if (rs_simplex_until(lp, &sp, n->ctl.deadline, n->ctl.interrupt) != 0 ||
        glp_get_status(lp) != GLP_OPT)
        goto restore;
    if (n->ctl.start && glp_get_obj_val(lp) <= start_val + RS_EPS)
        goto restore; /* the LP proves the old pitches best */
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.cb_func = rs_submip_callback;
    ip.cb_info = &n->ctl;
    double left = n->ctl.deadline - rs_now();
    ip.tm_lim = left > 0.05 ? (int)fmin(left * 1000, 1e9) : 50;
    int ret = glp_intopt(lp, &ip);
    int st = glp_mip_status(lp);
    if ((ret != 0 && ret != GLP_ESTOP && ret != GLP_ETMLIM) || (st != GLP_OPT && st != GLP_FEAS))
        goto restore;
    if (n->ctl.start && glp_mip_obj_val(lp) <= start_val + RS_EPS)
        goto restore;
    if (apply(n, lp) != 0) {
        result = rs_gt_restore(h, snap) != 0 ? -1 : 0;
        goto done;
    }
    if (rs_gt_valid(h) && rs_gt_missing_musts(h) <= missing &&
        rs_gt_objective(h) > before + RS_EPS) {
        result = 1;
        goto done;
    }
restore:
    if (rs_gt_restore(h, snap) != 0)
        result = -1;
done:
    for (int li = 0; li < n->nP; li++)
        n->loc[n->P[li]] = -1;
    n->nP = 0;
    for (int j = 0; j < n->nmust; j++)
        n->must_out[n->must_list[j]] = 0;
    n->nmust = 0;
    rs_mat_free(&n->t);
    memset(&n->t, 0, sizeof n->t);
    rs_glp_free(n->pstart);
    rs_glp_free(n->pcols);
    n->pstart = n->pcols = NULL;
    if (lp)
        glp_delete_prob(lp);
    rs_glp_free(x0);
    rs_glp_free(row);
    return result;
}

/* Whether an SME could gain a pitch without another SME losing one below
 * its minimum: some open room is free in some slot (a pitch may move
 * there to free the slot it needs), or some SME has more pitches than
 * its minimum.  Where every room-slot holds an SME's only pitch, the
 * short-SME neighbourhood cannot lower the shortfall and only takes the
 * search's time (the pitch-day sample in two rooms: 72 SMEs for 28
 * room-slots: -2024 -> -2070 with it). */
static int room_to_pitch(const glns *n)
{
    const rs_gt *h = n->h;
    const rs_event *ev = n->ev;
    for (int k = 0; k < h->ns; k++)
        for (int r = 0; r < ev->nrooms; r++)
            if (room_free(n, r, k))
                return 1;
    for (int pi = 0; pi < h->npt; pi++)
        if (h->count[h->pt[pi].sme] > ev->p[h->pt[pi].sme].min_meetings)
            return 1;
    return 0;
}

/* Marks in mark SME s and the most - 1 SMEs sharing most candidate
 * investors with it (ties by index); order and share are scratch of np. */
static void close_smes(const rs_gt *h, int s, int most, unsigned char *mark, int *order,
                      double *share)
{
    const rs_event *ev = h->ev;
    int n = 0;
    for (int t = ev->ninv; t < ev->np; t++) {
        if (t == s)
            continue;
        int common = 0;
        for (int c = h->cand_start[rs_sme_col(ev, s)]; c < h->cand_start[rs_sme_col(ev, s) + 1];
             c++)
            common += rs_pair_index(ev, ev->pairs[h->cand[c]].inv, t) >= 0;
        if (common == 0)
            continue;
        share[t] = common;
        order[n++] = t;
    }
    rs_sort(order, (size_t)n, sizeof(int), rs_cmp_index_value_desc, share);
    mark[s] = 1;
    for (int j = 0; j < n && j < most - 1; j++)
        mark[order[j]] = 1;
}

/* The number of slots of the event's longest day. */
static int longest_day(const rs_gt *h)
{
    const rs_event *ev = h->ev;
    int longest = 0;
    for (int k = 0, k0 = 0; k < h->ns; k++) {
        if (k > 0 && ev->slots[k].day != ev->slots[k - 1].day)
            k0 = k;
        if (k - k0 + 1 > longest)
            longest = k - k0 + 1;
    }
    return longest;
}

/* The search's last level: the first from levels on whose neighbourhoods
 * each cover the whole event (panels of every investor, windows of the
 * longest day, groups of every SME).  Beyond levels, windows grow by two
 * slots a level (up to the longest day) and SME groups by four, so that
 * a search converging early (a small panel day, all its levels found
 * nothing by 9 s of 20) goes on with larger neighbourhoods while time is
 * left. */
static int last_level(const rs_gt *h, int levels, int longest)
{
    const rs_event *ev = h->ev;
    for (int last = levels;; last++) {
        int more = last - levels;
        long batch = (long)GLNS_PANEL_BATCH << (last < 20 ? last : 20);
        if (batch >= ev->ninv && GLNS_WINDOW + last + more >= longest &&
            GLNS_SMES + 2 * (last + more) >= ev->nsme)
            return last;
    }
}

/* Sub-MIPs solved and neighbourhoods skipped by this process's searches
 * (rs_gt_lns_counts). */
static long lns_solved, lns_skipped;

void rs_gt_lns_counts(long *solved, long *skipped)
{
    *solved = lns_solved;
    *skipped = lns_skipped;
}

/* A 64-bit FNV-1a hash (rs_fnv64) of what defines the neighbourhood set
 * in n (its slots, free investors, venue, free SMEs and join rule): two
 * neighbourhoods with the same key are taken as the same sub-MIP. */
static uint64_t nb_key(const glns *n)
{
    size_t np = (size_t)n->ev->np;
    int fields[3] = {n->vf, n->join_any, n->freesme != NULL};
    uint64_t x = rs_fnv64(RS_FNV64_INIT, fields, sizeof fields);
    x = rs_fnv64(x, n->inW, (size_t)n->h->ns);
    x = rs_fnv64(x, n->freeinv, np);
    return n->freesme ? rs_fnv64(x, n->freesme, np) : x;
}

/* Solves the neighbourhood set in n unless the search must stop first
 * (the deadline less the longest neighbourhood so far, or the
 * interrupt), counting it into *improved (-1 when out of memory).
 * Returns nonzero when the search must end.  A neighbourhood that found
 * nothing is not solved again while the timetable has not changed since
 * (no improvement in between): its sub-MIP, which stops after a number
 * of branchings, would find nothing again.  So the pass that confirms a
 * level has nothing left costs only the neighbourhoods tried before the
 * last gain (the pitch day's first level: 3.4 s -> 0.2 s), and the
 * search reaches its larger levels that much sooner. */
static int step(glns *n, rs_gtsave *snap, double *longest, long *improved)
{
    if (rs_now() + *longest > n->ctl.deadline || (n->ctl.interrupt && *n->ctl.interrupt))
        return 1;
    uint64_t key = nb_key(n);
    gmemo *m = &n->memo[key % GLNS_MEMO];
    if (m->key == key && m->version == *improved + 1) {
        lns_skipped++;
        return 0;
    }
    lns_solved++;
    double t0 = rs_now();
    int r = solve_one(n, snap);
    *longest = fmax(*longest, rs_now() - t0);
    if (r == 0) {
        m->key = key;
        m->version = *improved + 1;
    }
    if (r < 0)
        *improved = -1;
    else
        *improved += r;
    return r < 0;
}

long rs_gt_lns(rs_gt *h, rs_gtsave *snap, int levels, int first, int variant,
               double deadline, volatile sig_atomic_t *interrupt, int *cut)
{
    const rs_event *ev = h->ev;
    long improved = 0;
    double longest = 0; /* no neighbourhood starts that would not end by
                           the deadline */
    glns n;
    memset(&n, 0, sizeof n);
    n.h = h;
    n.ev = ev;
    n.gaps = rs_event_counts_gaps(ev);
    n.ctl.deadline = deadline;
    n.ctl.interrupt = interrupt;
    n.inW = rs_glp_calloc((size_t)h->ns + 1, 1);
    n.freeinv = rs_glp_calloc((size_t)ev->np + 1, 1);
    n.loc = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    n.P = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    n.doff = rs_glp_calloc((size_t)ev->ndays + 1, sizeof(int));
    n.must_out = rs_glp_calloc((size_t)ev->npairs + 1, 1);
    n.must_list = rs_glp_calloc((size_t)ev->npairs + 1, sizeof(int));
    n.pcnt = rs_glp_calloc((size_t)ev->npairs + 1, sizeof(int));
    n.prow = rs_glp_calloc((size_t)ev->npairs + 1, sizeof(int));
    n.memo = rs_glp_calloc(GLNS_MEMO, sizeof(gmemo));
    size_t seats = (size_t)ev->ninv * (size_t)h->ns + 1;
    n.old = rs_glp_calloc((size_t)ev->nrooms * (size_t)h->ns + 1, sizeof(gold));
    n.members = rs_glp_calloc(seats, sizeof(int));
    n.seat_i = rs_glp_calloc(seats, sizeof(int));
    n.seat_pt = rs_glp_calloc(seats, sizeof(int));
    int *order = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    double *loss = rs_glp_calloc((size_t)ev->np + 1, sizeof(double));
    unsigned char *freesme = rs_glp_calloc((size_t)ev->np + 1, 1);
    for (int p = 0; p < ev->np; p++)
        n.loc[p] = -1;
    int day_slots = longest_day(h), last = last_level(h, levels, day_slots);
    int level = first < last ? first : last, pass = 0;
    for (; level <= last && pass < GLNS_MAX_PASSES; pass++) {
        long at_start = improved;
        int more = level > levels ? level - levels : 0;
        int batch = GLNS_PANEL_BATCH << (level < 20 ? level : 20);
        int width = GLNS_WINDOW + level + more, smes = GLNS_SMES + 2 * (level + more);
        if (width > day_slots)
            width = day_slots;
        for (int kind = 0; kind < GLNS_KINDS; kind++) {
            switch ((kind + variant) % GLNS_KINDS) {
            case 0: {
                /* panels: batch investors at a time, most loss first, every
                 * pitch's place fixed */
                for (int i = 0; i < ev->ninv; i++) {
                    int sf = ev->p[i].min_meetings - h->count[i];
                    order[i] = i;
                    loss[i] = ev->w.idle_slot * rs_idle_of(ev, h->busy + (size_t)i * (size_t)h->ns) +
                              ev->w.min_meetings_shortfall * (sf > 0 ? sf : 0);
                }
                rs_sort(order, (size_t)ev->ninv, sizeof(int), rs_cmp_index_value_desc, loss);
                memset(n.inW, 1, (size_t)h->ns);
                n.vf = -2;
                for (int b = 0; b < ev->ninv; b += batch) {
                    for (int j = b; j < b + batch && j < ev->ninv; j++)
                        n.freeinv[order[j]] = 1;
                    int stop = step(&n, snap, &longest, &improved);
                    memset(n.freeinv, 0, (size_t)ev->np);
                    if (stop)
                        goto done;
                }
                break;
            }
            case 1: {
                /* slot pairs: the pitches of two slots of a day, at every venue,
                 * move between them, their panels chosen again by any investor */
                n.vf = -1;
                n.freesme = freesme;
                for (int k = 0; k < h->ns; k++)
                    for (int k2 = k + 1; k2 < h->ns && ev->slots[k2].day == ev->slots[k].day; k2++) {
                        memset(n.inW, 0, (size_t)h->ns);
                        n.inW[k] = n.inW[k2] = 1;
                        for (int pi = 0; pi < h->npt; pi++)
                            if (n.inW[h->pt[pi].slot])
                                freesme[h->pt[pi].sme] = 1;
                        int stop = step(&n, snap, &longest, &improved);
                        memset(freesme, 0, (size_t)ev->np);
                        if (stop)
                            goto done;
                    }
                break;
            }
            case 2: {
                /* SMEs: each SME with those sharing most candidate investors with
                 * it, their pitches free over the whole event */
                memset(n.inW, 1, (size_t)h->ns);
                for (int s = ev->ninv; s < ev->np; s++) {
                    close_smes(h, s, smes, freesme, order, loss);
                    int stop = step(&n, snap, &longest, &improved);
                    memset(freesme, 0, (size_t)ev->np);
                    if (stop)
                        goto done;
                }
                n.freesme = NULL;
                break;
            }
            case 3: {
                /* windows: width consecutive slots of a day, one venue at a time
                 * (every venue at once from level levels on), every investor's
                 * seats there free */
                memset(n.inW, 0, (size_t)h->ns);
                memset(n.freeinv, 1, (size_t)ev->ninv);
                for (int k = 0; k + width <= h->ns; k++) {
                    if (ev->slots[k].day != ev->slots[k + width - 1].day)
                        continue;
                    int all = level >= levels || ev->nvenues == 1;
                    for (int v = all ? -1 : 0; v < (all ? 0 : ev->nvenues); v++) {
                        memset(n.inW + k, 1, (size_t)width);
                        n.vf = v;
                        int stop = step(&n, snap, &longest, &improved);
                        memset(n.inW + k, 0, (size_t)width);
                        if (stop)
                            goto done;
                    }
                }
                memset(n.freeinv, 0, (size_t)ev->np);
                break;
            }
            case 4: {
                /* short SMEs: each SME below its minimum with few candidate
                 * investors (GLNS_FEW) and those sharing most candidates with it,
                 * their pitches and every seat of their candidate investors free
                 * over the whole event */
                memset(n.inW, 1, (size_t)h->ns);
                n.vf = -1;
                n.freesme = freesme;
                int room = room_to_pitch(&n);
                for (int s = ev->ninv; s < ev->np && room; s++) {
                    int sc = rs_sme_col(ev, s), ncand = h->cand_start[sc + 1] - h->cand_start[sc];
                    if (h->count[s] >= ev->p[s].min_meetings || ncand < ev->group_min_investors ||
                        ncand > GLNS_FEW * ev->group_min_investors)
                        continue;
                    close_smes(h, s, smes, freesme, order, loss);
                    for (int t = ev->ninv; t < ev->np; t++) {
                        if (!freesme[t])
                            continue;
                        int tc = rs_sme_col(ev, t);
                        for (int c = h->cand_start[tc]; c < h->cand_start[tc + 1]; c++)
                            n.freeinv[ev->pairs[h->cand[c]].inv] = 1;
                    }
                    long was = improved;
                    n.join_any = 1;
                    int stop = step(&n, snap, &longest, &improved);
                    n.join_any = 0;
                    memset(freesme, 0, (size_t)ev->np);
                    memset(n.freeinv, 0, (size_t)ev->np);
                    if (stop)
                        goto done;
                    if (improved != was)
                        room = room_to_pitch(&n); /* only a change of the timetable changes it */
                }
                n.freesme = NULL;
                break;
            }
            }
        }
        if (improved == at_start)
            level++;
    }
done:
    if (cut)
        *cut = level <= last && pass < GLNS_MAX_PASSES;
    rs_glp_free(n.inW);
    rs_glp_free(n.freeinv);
    rs_glp_free(n.loc);
    rs_glp_free(n.P);
    rs_glp_free(n.doff);
    rs_glp_free(n.must_out);
    rs_glp_free(n.must_list);
    rs_glp_free(n.pcnt);
    rs_glp_free(n.prow);
    rs_glp_free(n.memo);
    rs_glp_free(n.old);
    rs_glp_free(n.members);
    rs_glp_free(n.seat_i);
    rs_glp_free(n.seat_pt);
    rs_glp_free(n.col);
    rs_glp_free(n.gfirst);
    rs_glp_free(order);
    rs_glp_free(loss);
    rs_glp_free(freesme);
    return improved;
}
