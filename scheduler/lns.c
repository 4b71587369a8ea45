/*
 * lns.c - large-neighbourhood search on the timetable with exact GLPK
 * sub-MIPs (rs_tt_lns in heur.h).
 *
 * A neighbourhood frees some meetings of one day: a window (a few
 * consecutive slots in one or two groups of a venue's rooms: every
 * meeting there), or a participant-day (one participant with idle slots
 * or below its minimum and some of its partners of that day: every
 * meeting of that day with someone of them).  The people whose meetings
 * are freed are F; they, their partners in those meetings and a few
 * candidate partners not met yet are the involved set I.  A small MIP of
 * the exact direct model, restricted to the neighbourhood's slots and to
 * the pairs between I with a side in F, then chooses again which of
 * those pairs meet, in which slot and venue, with everything else
 * fixed: one binary per (pair, slot, venue) that its people and a free
 * room allow next to the fixed meetings; rows for one meeting per person
 * and slot, the maxima, the consecutive limits and travel among the new
 * meetings, the free rooms per venue and slot by size, each pair at most
 * once and the musts taken out met again; shortfall and idle-slot columns
 * per involved person (the day's span counted by "a meeting by slot k"
 * and "a meeting from slot k" indicators, as in the direct model) and,
 * when gaps count (weights.idle_gap or max_idle_gaps), gap-start columns
 * per involved person and slot of the day with its gap limit less its
 * gaps on other days.  Peer pairs are columns like any pair.  The old
 * meetings are its first incumbent.  The new meetings are kept only when
 * every rule holds and the contract objective rises.
 *
 * A third kind, the trades, frees the whole day of a few participants of
 * one side (investors, or businesses on days without investors) who
 * could take each other's partners: one of them and, in turn, the one of
 * its side with the most partners of the set's members it may meet, or
 * partners of its own that members may meet.  Those are the exchanges
 * among several investors, each giving a partner to the next, that no
 * window or participant-day holds (the benchmark's parks3: four or five
 * investors passing SMEs along, some of them moving their mornings to
 * another park).
 *
 * Windows go first until a round of each width finds nothing, then a
 * round of participant-days in order of what they lose (idle slots and
 * shortfall, ties by index), growing in fixed steps, then a round of
 * trades of each size; when all find nothing and the caller lets it
 * grow, all of it again with wider windows, more partners and larger
 * trades (LNS_LEVELS).  Every sub-MIP stops after a
 * number of branchings, not a time, so a search that ends before its
 * deadline repeats exactly.  Work arrays are GLPK
 * scratch memory: a GLPK error (caught by the caller's guarded call)
 * leaks nothing.
 */
#include "glpk_layer.h"
#include "heur_state.h"

#include <math.h>
#include <string.h>

/* Branchings per sub-MIP; partners of the first participant freed with
 * it, at first and at most; candidate partners not met added. */
#define LNS_MAX_BRANCHES 150
#define LNS_PARTNERS_FIRST 2
#define LNS_PARTNERS_MOST 8
#define LNS_CANDIDATES 4
/* Columns of a participant-day's sub-MIP past which its branchings
 * shrink by the square of the excess (to LNS_FEWEST_BRANCHES at least:
 * one of 587 columns took 2.4 s for 150), columns of a window's sub-MIP
 * at most (larger ones are skipped), the branchings of a window's
 * sub-MIP, and the widths of windows in turn. */
#define LNS_DAY_COLS 400
#define LNS_FEWEST_BRANCHES 10
#define LNS_WINDOW_COLS 1200
#define LNS_WINDOW_BRANCHES 20
#define LNS_WIDTHS 2, 3
/* Rooms of a window's group at most; every two groups are paired up to
 * this many groups, past it only neighbours. */
#define LNS_GROUP_ROOMS 4
#define LNS_GROUPS_PAIRED 8
/* Once every size has found nothing and time is left, the search goes
 * round again with larger neighbourhoods, up to LNS_LEVELS times: windows
 * wider by LNS_LEVEL_WIDTH slots (with as many more columns as the level
 * again), participant-days with up to LNS_LEVEL_PARTNERS more partners. */
#define LNS_LEVELS 3
#define LNS_LEVEL_WIDTH 2
#define LNS_LEVEL_PARTNERS 4
/* Trades: participants freed at least and (at level 0) at most, one more
 * per level; sub-MIPs of more x columns than LNS_TRADE_COLS are skipped
 * (one of 507 columns took 1.2 s for 1,000 branchings). */
#define LNS_TRADE_FIRST 3
#define LNS_TRADE_MOST 5
#define LNS_TRADE_COLS 1200

/* One neighbourhood: day d (slots a0 .. a0+S-1), the freed participants
 * (inF) and the involved ones (I, loc[q] its index or -1), the meetings
 * taken out (saved), and the sub-MIP's x columns (GLPK column c + 1 for
 * c < nx), followed per involved person li by S "by" columns from
 * by_col + li * per, S "from" columns, the idle column, the shortfall
 * column and, when gaps count, S gap-start columns (per is 2S + 2, or
 * 3S + 2 with gaps). */
typedef struct {
    rs_tt *h;
    const rs_event *ev;
    int d, a0, S, nv;
    int w0, w1;     /* the slots whose meetings are freed and re-placed */
    int all_rooms;  /* meetings freed in every room, or only in those   */
    unsigned char *rsel; /* marked here (one byte per room)              */
    int maxcols;    /* more x columns than this: not solved (0: none)   */
    int maxbr;      /* branchings of its sub-MIP at most, and fewer     */
    int brcols;     /* by the square of x columns past this (0: never)  */
    unsigned char *inF;
    int *I, nI, *loc;
    rs_placement *saved;
    int nsaved;
    int *c_pair, *c_k, *c_v, nx, capx;
    int by_col, per, gaps;
    rs_mat t;
} lns_nb;

static void add_involved(lns_nb *n, int q)
{
    if (n->loc[q] >= 0)
        return;
    n->loc[q] = n->nI;
    n->I[n->nI++] = q;
}

/* Adds every column of pair (both of I, not met elsewhere): each slot of
 * the day both are free in (and its windows allow), and each venue with a free room holding them
 * where the rules allow each of them next to their fixed meetings. */
static void pair_columns(lns_nb *n, int pair)
{
    rs_tt *h = n->h;
    const rs_event *ev = n->ev;
    const rs_pair *pr = &ev->pairs[pair];
    if (h->pair_m[pair] >= 0)
        return;
    for (int k = n->w0; k <= n->w1; k++) {
        if (!ev->p[pr->inv].avail[k] || !ev->p[pr->sme].avail[k] || !rs_pair_slot_ok(ev, pair, k))
            continue;
        for (int v = 0; v < n->nv; v++) {
            if (rs_tt_free_room(h, v, k, h->need[pair]) < 0 ||
                !rs_can_add(ev, pr->inv, k, v, rs_tt_row(h, pr->inv),
                            h->venue + (size_t)pr->inv * (size_t)h->ns) ||
                !rs_can_add(ev, pr->sme, k, v, rs_tt_row(h, pr->sme),
                            h->venue + (size_t)pr->sme * (size_t)h->ns))
                continue;
            if (n->nx == n->capx) {
                size_t old = (size_t)n->capx, cap = 2 * old + 64;
                n->c_pair = rs_glp_realloc(n->c_pair, old, cap, sizeof(int));
                n->c_k = rs_glp_realloc(n->c_k, old, cap, sizeof(int));
                n->c_v = rs_glp_realloc(n->c_v, old, cap, sizeof(int));
                n->capx = (int)cap;
            }
            n->c_pair[n->nx] = pair;
            n->c_k[n->nx] = k;
            n->c_v[n->nx] = v;
            n->nx++;
        }
    }
}

/* The columns: pairs between I with a side in F (each once). */
static void lns_columns(lns_nb *n)
{
    const rs_event *ev = n->ev;
    for (int i = 0; i < n->nI; i++) {
        int f = n->I[i];
        if (!n->inF[f])
            continue;
        for (int j = 0; j < n->nI; j++) {
            int q = n->I[j];
            if (q == f || (n->inF[q] && q < f))
                continue;
            int pair = rs_pair_index(ev, f, q); /* investor-SME or peer */
            if (pair >= 0)
                pair_columns(n, pair);
        }
    }
}

/* Whether column c has q as one of its people. */
static int col_has(const lns_nb *n, int c, int q)
{
    const rs_pair *pr = &n->ev->pairs[n->c_pair[c]];
    return pr->inv == q || pr->sme == q;
}

/* Whether q has a column at slot k in venue v. */
static int has_col(const lns_nb *n, int q, int k, int v)
{
    for (int c = 0; c < n->nx; c++)
        if (n->c_k[c] == k && n->c_v[c] == v && col_has(n, c, q))
            return 1;
    return 0;
}

/* The first and last slot (0-based in the day) of q's fixed meetings
 * of the day; S and -1 when it has none. */
static void fixed_span(const lns_nb *n, int q, int *f0, int *l0)
{
    const unsigned char *row = rs_tt_row(n->h, q);
    *f0 = n->S;
    *l0 = -1;
    for (int kk = 0; kk < n->S; kk++)
        if (row[n->a0 + kk]) {
            if (*f0 == n->S)
                *f0 = kk;
            *l0 = kk;
        }
}

/* The first and last slot (0-based in the day) where q has a column;
 * S and -1 when it has none.  Its "by" indicators matter only from the
 * first, its "from" indicators only to the last: the others are 0. */
static void col_span(const lns_nb *n, int q, int *cf, int *cl)
{
    *cf = n->S;
    *cl = -1;
    for (int c = 0; c < n->nx; c++)
        if (col_has(n, c, q)) {
            int kk = n->c_k[c] - n->a0;
            if (kk < *cf)
                *cf = kk;
            if (kk > *cl)
                *cl = kk;
        }
}

/* Gap-start rows of involved person q (rs_mat_gap_rows: its S gap
 * columns from g, its "from" columns from from, l0 its fixed meetings'
 * last slot, cl its last column's slot, all 0-based in the day; its m
 * columns at slots ck, GLPK columns cj), and its gaps of the day at most
 * its max_idle_gaps less those of its other days. */
static void gap_rows(lns_nb *n, int q, int g, int from, int l0, int cl, const int *ck,
                     const int *cj, int m)
{
    const rs_event *ev = n->ev;
    const unsigned char *row = rs_tt_row(n->h, q);
    rs_mat *t = &n->t;
    rs_mat_gap_rows(t, row, n->a0, n->S, l0, cl, g, from, ck, cj, m);
    if (ev->p[q].max_idle_gaps >= RS_UNLIMITED)
        return;
    int other = n->h->gaps[q] - rs_gaps_day(ev, row, n->d);
    int r = rs_mat_row(t, GLP_UP, 0, ev->p[q].max_idle_gaps - other);
    for (int kk = 1; kk + 1 < n->S; kk++)
        rs_mat_add(t, r, g + kk, 1);
}

/* The rows of one involved person q (index li): one meeting per slot,
 * its maximum, its consecutive limit and travel among the new meetings,
 * its span indicators, idle slots and shortfall. */
static void person_rows(lns_nb *n, int q, int li)
{
    rs_tt *h = n->h;
    const rs_event *ev = n->ev;
    rs_mat *t = &n->t;
    const unsigned char *row = rs_tt_row(h, q);
    const rs_participant *a = &ev->p[q];
    int by = n->by_col + li * n->per, from = by + n->S, idle = from + n->S, sf = idle + 1;
    int fixed_day = 0, f0, l0, cf, cl;
    for (int k = n->a0; k < n->a0 + n->S; k++)
        fixed_day += row[k];
    fixed_span(n, q, &f0, &l0);
    col_span(n, q, &cf, &cl);
    /* maximum, shortfall */
    int rmax = rs_mat_row(t, GLP_UP, 0, a->max_meetings - h->count[q]);
    int rsf = rs_mat_row(t, GLP_LO, a->min_meetings - h->count[q], 0);
    rs_mat_add(t, rsf, sf, 1);
    /* the span is l0 - f0 + 1 plus the slots before f0 from the first
     * meeting (by) and after l0 to the last (from); idle slots are the
     * span less the meetings */
    int ridle = rs_mat_row(t, GLP_LO, l0 - f0 + 1 - fixed_day, 0);
    rs_mat_add(t, ridle, idle, 1);
    for (int kk = 0; kk < n->S; kk++) {
        int k = n->a0 + kk, rby, rfrom, ncol = 0;
        rs_mat_span_slot(t, ridle, by, from, kk, f0, l0, cf, cl, &rby, &rfrom);
        for (int c = 0; c < n->nx; c++)
            ncol += n->c_k[c] == k && col_has(n, c, q);
        int rslot = ncol > 1 ? rs_mat_row(t, GLP_UP, 0, 1) : 0;
        for (int c = 0; ncol > 0 && c < n->nx; c++)
            if (n->c_k[c] == k && col_has(n, c, q)) {
                if (rby)
                    rs_mat_add(t, rby, c + 1, -1);
                if (rfrom)
                    rs_mat_add(t, rfrom, c + 1, -1);
                if (rslot)
                    rs_mat_add(t, rslot, c + 1, 1);
            }
    }
    for (int c = 0; c < n->nx; c++)
        if (col_has(n, c, q)) {
            rs_mat_add(t, rmax, c + 1, 1);
            rs_mat_add(t, rsf, c + 1, 1);
            rs_mat_add(t, ridle, c + 1, 1);
        }
    /* consecutive: any K + 1 chained slots hold at most K meetings */
    int K = a->max_consecutive;
    for (int k = n->a0; K < n->S && k < n->a0 + n->S; k++) {
        int len = 1, j = k, busy = row[k];
        while (len < K + 1 && ev->slots[j].prev >= n->a0) {
            j = ev->slots[j].prev;
            busy += row[j];
            len++;
        }
        int open = 0; /* slots of the window where q has a column */
        for (int k2 = j; len == K + 1 && k2 <= k; k2++)
            for (int v = 0; v < n->nv; v++)
                if (has_col(n, q, k2, v)) {
                    open++;
                    break;
                }
        if (len < K + 1 || busy + open <= K)
            continue; /* the window cannot overflow */
        int r = rs_mat_row(t, GLP_UP, 0, K - busy);
        for (int c = 0; c < n->nx; c++)
            if (n->c_k[c] >= j && n->c_k[c] <= k && col_has(n, c, q))
                rs_mat_add(t, r, c + 1, 1);
    }
    /* gap starts, and travel among the new meetings (glpk_layer's rows) */
    if (n->gaps || n->nv > 1) {
        int m = 0, *ck = rs_glp_calloc((size_t)n->nx + 1, sizeof(int));
        int *cv = rs_glp_calloc((size_t)n->nx + 1, sizeof(int));
        int *cj = rs_glp_calloc((size_t)n->nx + 1, sizeof(int));
        for (int c = 0; c < n->nx; c++)
            if (col_has(n, c, q)) {
                ck[m] = n->c_k[c];
                cv[m] = n->c_v[c];
                cj[m++] = c + 1;
            }
        if (n->gaps)
            gap_rows(n, q, sf + 1, from, l0, cl, ck, cj, m);
        if (n->nv > 1)
            rs_mat_travel_rows(t, ev, row, n->a0, n->S, ck, cv, cj, m);
        rs_glp_free(ck);
        rs_glp_free(cv);
        rs_glp_free(cj);
    }
}

/* Rows of the free rooms (per venue and slot, the columns needing q or
 * more seats at most the free rooms holding q or more) and of the pairs
 * (at most once; a must taken out, exactly once). */
static void shared_rows(lns_nb *n)
{
    rs_tt *h = n->h;
    const rs_event *ev = n->ev;
    rs_mat *t = &n->t;
    for (int k = n->a0; k < n->a0 + n->S; k++)
        for (int v = 0; v < n->nv; v++)
            for (int c = 0; c < n->nx; c++) {
                if (n->c_k[c] != k || n->c_v[c] != v)
                    continue;
                int q = h->need[n->c_pair[c]], seen = 0;
                for (int c2 = 0; c2 < c && !seen; c2++)
                    seen = n->c_k[c2] == k && n->c_v[c2] == v && h->need[n->c_pair[c2]] == q;
                if (seen)
                    continue;
                int rooms = 0;
                for (int i = h->vfirst[v]; i < h->vfirst[v + 1]; i++) {
                    int r = h->vrooms[i];
                    rooms += ev->rooms[r].capacity >= q && ev->rooms[r].avail[k] &&
                             h->room_m[(size_t)r * (size_t)h->ns + (size_t)k] < 0;
                }
                int row = rs_mat_row(t, GLP_UP, 0, rooms);
                for (int c2 = 0; c2 < n->nx; c2++)
                    if (n->c_k[c2] == k && n->c_v[c2] == v && h->need[n->c_pair[c2]] >= q)
                        rs_mat_add(t, row, c2 + 1, 1);
            }
    for (int c = 0; c < n->nx; c++) {
        int pair = n->c_pair[c];
        if (c > 0 && n->c_pair[c - 1] == pair)
            continue; /* a pair's columns are listed together */
        int must = 0;
        for (int j = 0; j < n->nsaved; j++)
            must |= n->saved[j].pair == pair && ev->pairs[pair].must;
        int row = rs_mat_row(t, must ? GLP_FX : GLP_UP, must, 1);
        for (int c2 = c; c2 < n->nx && n->c_pair[c2] == pair; c2++)
            rs_mat_add(t, row, c2 + 1, 1);
    }
}

/* The sub-MIP's columns and objective: scores, shortfall penalties and
 * idle slots of the involved people. */
static void lns_add_columns(lns_nb *n, glp_prob *lp)
{
    const rs_event *ev = n->ev;
    n->gaps = rs_event_counts_gaps(ev);
    n->per = n->gaps ? 3 * n->S + 2 : 2 * n->S + 2;
    int per = n->per;
    n->by_col = n->nx + 1;
    glp_add_cols(lp, n->nx + n->nI * per);
    for (int c = 0; c < n->nx; c++) {
        glp_set_col_kind(lp, c + 1, GLP_BV);
        glp_set_obj_coef(lp, c + 1, ev->pairs[n->c_pair[c]].score);
    }
    for (int li = 0; li < n->nI; li++) {
        int base = n->by_col + li * per, f0, l0, cf, cl;
        fixed_span(n, n->I[li], &f0, &l0);
        col_span(n, n->I[li], &cf, &cl);
        for (int kk = 0; kk < n->S; kk++) {
            int by = kk < f0 && kk >= cf, from = kk > l0 && kk <= cl;
            glp_set_col_bnds(lp, base + kk, by ? GLP_DB : GLP_FX, 0, by);
            glp_set_col_bnds(lp, base + n->S + kk, from ? GLP_DB : GLP_FX, 0, from);
        }
        glp_set_col_bnds(lp, base + 2 * n->S, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, base + 2 * n->S, -ev->w.idle_slot);
        glp_set_col_bnds(lp, base + 2 * n->S + 1, GLP_LO, 0, 0);
        glp_set_obj_coef(lp, base + 2 * n->S + 1, -ev->w.min_meetings_shortfall);
        for (int kk = 0; n->gaps && kk < n->S; kk++) {
            int g = base + 2 * n->S + 2 + kk;
            if (kk == 0 || kk == n->S - 1) {
                glp_set_col_bnds(lp, g, GLP_FX, 0, 0);
                continue;
            }
            glp_set_col_bnds(lp, g, GLP_DB, 0, 1);
            glp_set_obj_coef(lp, g, -ev->w.idle_gap);
        }
    }
}

/* Whether q has a meeting at slot kk (0-based in the day) in the
 * timetable before the neighbourhood took its meetings out. */
static int start_busy(const lns_nb *n, int q, int kk)
{
    if (rs_tt_row(n->h, q)[n->a0 + kk])
        return 1;
    for (int j = 0; j < n->nsaved; j++) {
        const rs_pair *pr = &n->ev->pairs[n->saved[j].pair];
        if ((pr->inv == q || pr->sme == q) && n->saved[j].slot == n->a0 + kk)
            return 1;
    }
    return 0;
}

/* The old meetings as a vector of the sub-MIP (x[1..ncols]), or -1 when
 * one of them has no column. */
static int lns_start(lns_nb *n, double *x)
{
    const rs_event *ev = n->ev;
    for (int j = 0; j < n->nsaved; j++) {
        int c = 0, v = ev->rooms[n->saved[j].room].venue;
        while (c < n->nx && !(n->c_pair[c] == n->saved[j].pair &&
                              n->c_k[c] == n->saved[j].slot && n->c_v[c] == v))
            c++;
        if (c == n->nx)
            return -1;
        x[c + 1] = 1;
    }
    int per = n->per;
    for (int li = 0; li < n->nI; li++) {
        int q = n->I[li], base = n->by_col + li * per, cnt = n->h->count[q];
        int first = -1, last = -1;
        for (int kk = 0; kk < n->S; kk++) {
            int busy = rs_tt_row(n->h, q)[n->a0 + kk];
            for (int j = 0; j < n->nsaved; j++) {
                const rs_pair *pr = &ev->pairs[n->saved[j].pair];
                if ((pr->inv == q || pr->sme == q) && n->saved[j].slot == n->a0 + kk) {
                    busy = 1;
                    cnt++;
                }
            }
            if (busy) {
                if (first < 0)
                    first = kk;
                last = kk;
            }
        }
        /* a gap starts at kk when kk-1 is busy, kk is free and a meeting
           follows */
        for (int kk = 1; n->gaps && kk < last; kk++)
            x[base + 2 * n->S + 2 + kk] = start_busy(n, q, kk - 1) && !start_busy(n, q, kk);
        int busy_day = 0;
        int f0, l0;
        fixed_span(n, q, &f0, &l0);
        for (int kk = 0; kk < n->S; kk++) {
            x[base + kk] = first >= 0 && kk >= first && kk < f0;
            x[base + n->S + kk] = last >= 0 && kk <= last && kk > l0;
            busy_day += rs_tt_row(n->h, q)[n->a0 + kk];
        }
        for (int j = 0; j < n->nsaved; j++) {
            const rs_pair *pr = &ev->pairs[n->saved[j].pair];
            busy_day += pr->inv == q || pr->sme == q;
        }
        x[base + 2 * n->S] = first >= 0 ? last - first + 1 - busy_day : 0;
        double sfv = ev->p[q].min_meetings - cnt;
        x[base + 2 * n->S + 1] = sfv > 0 ? sfv : 0;
    }
    return 0;
}

/* Whether meeting m is one the neighbourhood frees: in its slots and
 * rooms, with someone of F, not locked. */
static int freed(const lns_nb *n, const rs_placement *m)
{
    const rs_pair *pr = &n->ev->pairs[m->pair];
    if (m->slot < n->w0 || m->slot > n->w1 || (n->h->keep && n->h->keep->locked[m->pair]))
        return 0;
    return (n->all_rooms || n->rsel[m->room]) && (n->inF[pr->inv] || n->inF[pr->sme]);
}

/* The value of the neighbourhood's part of the objective in the
 * timetable as it stands: the scores of the meetings it frees, the
 * involved people's shortfall penalties, idle slots and gaps of the day. */
static double part_value(const lns_nb *n)
{
    const rs_event *ev = n->ev;
    double v = 0;
    for (int i = 0; i < n->h->nm; i++)
        if (freed(n, &n->h->m[i]))
            v += ev->pairs[n->h->m[i].pair].score;
    for (int li = 0; li < n->nI; li++) {
        int q = n->I[li], sf = ev->p[q].min_meetings - n->h->count[q];
        v -= ev->w.min_meetings_shortfall * (sf > 0 ? sf : 0);
        v -= ev->w.idle_slot * rs_tt_idle_day(n->h, q, n->d);
        if (ev->w.idle_gap > 0)
            v -= ev->w.idle_gap * rs_gaps_day(ev, rs_tt_row(n->h, q), n->d);
    }
    return v;
}

/* Whether every meeting of list, as now placed, obeys the rules it would
 * be checked against if placed last. */
static int all_valid(rs_tt *h, const rs_placement *list, int cnt)
{
    for (int j = 0; j < cnt; j++) {
        int i = h->pair_m[list[j].pair];
        if (i < 0)
            return 0;
        rs_placement m = h->m[i];
        rs_tt_unplace(h, i);
        int ok = rs_tt_people_ok(h, m.pair, m.slot, h->ev->rooms[m.room].venue);
        rs_tt_place(h, m.pair, m.slot, m.room);
        if (!ok)
            return 0;
    }
    return 1;
}

/* Whether every must pair taken out meets again (a must whose old place
 * lost its column, say to travel from a fixed meeting once the meeting
 * between was taken out, has no row holding it to 1). */
static int musts_kept(const lns_nb *n)
{
    for (int j = 0; j < n->nsaved; j++)
        if (n->ev->pairs[n->saved[j].pair].must && n->h->pair_m[n->saved[j].pair] < 0)
            return 0;
    return 1;
}

/* Places the sub-MIP's meetings, largest teams first in each slot so
 * that the smallest free room that holds each is always there.  Returns
 * the number placed into placed[], or -1 when a room was missing. */
static int lns_apply(lns_nb *n, glp_prob *lp, rs_placement *placed)
{
    rs_tt *h = n->h;
    int cnt = 0;
    for (int need = 64; need >= 0; need--)
        for (int c = 0; c < n->nx; c++) {
            int pair = n->c_pair[c];
            if (glp_mip_col_val(lp, c + 1) < 0.5 ||
                (need < 64 ? h->need[pair] != need : h->need[pair] < 64))
                continue;
            int room = rs_tt_free_room(h, n->c_v[c], n->c_k[c], h->need[pair]);
            if (room < 0 || h->pair_m[pair] >= 0 || rs_tt_place(h, pair, n->c_k[c], room) != 0)
                return -1;
            placed[cnt].pair = pair;
            placed[cnt].slot = n->c_k[c];
            placed[cnt].room = room;
            cnt++;
        }
    return cnt;
}

/* Takes out every meeting the neighbourhood frees (into saved). */
static void take_out(lns_nb *n)
{
    rs_tt *h = n->h;
    for (int i = 0; i < h->nm;) {
        const rs_placement *m = &h->m[i];
        if (freed(n, m)) {
            n->saved[n->nsaved++] = *m;
            rs_tt_unplace(h, i); /* the last meeting takes index i */
        } else {
            i++;
        }
    }
}

/* Adds to I the partners in the meetings the neighbourhood frees. */
static void add_partners(lns_nb *n)
{
    const rs_event *ev = n->ev;
    for (int i = 0; i < n->h->nm; i++) {
        const rs_pair *pr = &ev->pairs[n->h->m[i].pair];
        if (!freed(n, &n->h->m[i]))
            continue;
        if (n->inF[pr->inv])
            add_involved(n, pr->sme);
        if (n->inF[pr->sme])
            add_involved(n, pr->inv);
    }
}

/* Adds to I up to most partners of p0 it does not meet, best score
 * first, that are below their maximum. */
static void add_candidates(lns_nb *n, int p0, int most)
{
    rs_tt *h = n->h;
    const rs_event *ev = n->ev;
    for (int added = 0; added < most; added++) {
        int best = -1;
        for (int i = 0; i < ev->np; i++) {
            if (i == p0 || n->loc[i] >= 0)
                continue;
            int pair = rs_pair_index(ev, p0, i); /* investor-SME or peer */
            if (pair < 0 || h->pair_m[pair] >= 0 || ev->pairs[pair].score <= 0 ||
                h->count[i] >= ev->p[i].max_meetings)
                continue;
            if (best < 0 || ev->pairs[pair].score > ev->pairs[best].score)
                best = pair;
        }
        if (best < 0)
            break;
        add_involved(n, rs_pair_other(ev, best, p0));
    }
}

/* Solves one neighbourhood (F marked in n->inF, I holding F and the
 * people to pair them with): returns 1 when the timetable improved,
 * else 0 (it is as before). */
static int lns_solve(lns_nb *n, rs_submip *ctl)
{
    rs_tt *h = n->h;
    double before = rs_tt_combined(h);
    int changed = 0;
    glp_prob *lp = NULL;
    double *x0 = NULL;
    rs_placement *placed = NULL;
    double old = part_value(n);
    take_out(n);
    lns_columns(n);
    if (n->nx == 0)
        goto restore;
    if (n->maxcols > 0 && n->nx > n->maxcols)
        goto restore;
    lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MAX);
    lns_add_columns(n, lp);
    for (int li = 0; li < n->nI; li++)
        person_rows(n, n->I[li], li);
    shared_rows(n);
    rs_mat_load(&n->t, lp);
    int ncols = glp_get_num_cols(lp);
    x0 = rs_glp_calloc((size_t)ncols + 1, sizeof(double));
    ctl->start = lns_start(n, x0) == 0 ? x0 : NULL;
    ctl->given = 0;
    ctl->branches = 0;
    ctl->maxbr = n->maxbr;
    if (n->brcols > 0 && n->nx > n->brcols) { /* a large one: its branchings cost more */
        double share = (double)n->brcols / n->nx;
        ctl->maxbr = (int)fmax(LNS_FEWEST_BRANCHES, n->maxbr * share * share);
    }
    /* the LP first, without GLPK's presolver: the first incumbent is given
       in this problem's columns, and the branch-and-cut tree of a presolved
       problem has other columns (glp_ios_heur_sol checks no rows) */
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    if (rs_simplex_until(lp, &sp, ctl->deadline, ctl->interrupt) != 0 ||
        glp_get_status(lp) != GLP_OPT)
        goto restore;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_OFF;
    ip.cb_func = rs_submip_callback;
    ip.cb_info = ctl;
    rs_iocp_for_size(&ip, lp, 0);
    double left = ctl->deadline - rs_now();
    ip.tm_lim = left > 0.05 ? (int)fmin(left * 1000, 1e9) : 50;
    int ret = glp_intopt(lp, &ip);
    int st = glp_mip_status(lp);
    if ((ret != 0 && ret != GLP_ESTOP && ret != GLP_ETMLIM) || (st != GLP_OPT && st != GLP_FEAS))
        goto restore;
    if (glp_mip_obj_val(lp) <= old + RS_EPS)
        goto restore; /* nothing better found */
    placed = rs_glp_calloc((size_t)n->nx + 1, sizeof(rs_placement));
    int cnt = lns_apply(n, lp, placed);
    if (cnt >= 0 && all_valid(h, placed, cnt) && musts_kept(n) &&
        rs_tt_combined(h) > before + RS_EPS) {
        changed = 1;
        goto done;
    }
    /* every column's pair was unmet after take_out: what is placed now
     * came from the sub-MIP */
    for (int c = 0; c < n->nx; c++)
        if (h->pair_m[n->c_pair[c]] >= 0)
            rs_tt_unplace(h, h->pair_m[n->c_pair[c]]);
restore:
    rs_tt_put_back(h, n->saved, n->nsaved);
done:
    if (lp)
        glp_delete_prob(lp);
    rs_glp_free(x0);
    rs_glp_free(placed);
    return changed;
}

/* The partners of p on day d, most idle slots of the day first (ties by
 * index), into out; returns how many (at most most). */
static int day_partners(const rs_tt *h, int p, int d, int *out, int most)
{
    const rs_event *ev = h->ev;
    int cnt = 0;
    for (int i = 0; i < h->nm; i++) {
        const rs_pair *pr = &ev->pairs[h->m[i].pair];
        if (ev->slots[h->m[i].slot].day != d || (pr->inv != p && pr->sme != p))
            continue;
        int q = pr->inv == p ? pr->sme : pr->inv, idle = rs_tt_idle_day(h, q, d), at = cnt;
        while (at > 0) {
            int o = out[at - 1], oi = rs_tt_idle_day(h, o, d);
            if (oi > idle || (oi == idle && o < q))
                break;
            if (at < most)
                out[at] = o;
            at--;
        }
        if (at < most) {
            out[at] = q;
            if (cnt < most)
                cnt++;
        }
    }
    return cnt;
}

/* The participant-days (p * ndays + d) where p has idle slots on d or is
 * below its minimum, into work, the largest loss (idle slot weight times
 * idle slots of the day, plus the shortfall penalty of p) first; returns
 * how many.  loss has np * ndays entries. */
static int worst_days(const rs_tt *h, int *work, double *loss)
{
    const rs_event *ev = h->ev;
    int n = 0;
    for (int p = 0; p < ev->np; p++) {
        int sf = ev->p[p].min_meetings - h->count[p];
        for (int d = 0; d < ev->ndays; d++) {
            int idle = rs_tt_idle_day(h, p, d), at = p * ev->ndays + d;
            if (idle == 0 && sf <= 0)
                continue;
            loss[at] = ev->w.idle_slot * idle + ev->w.min_meetings_shortfall * (sf > 0 ? sf : 0);
            work[n++] = at;
        }
    }
    rs_sort(work, (size_t)n, sizeof(int), rs_cmp_index_value_desc, loss);
    return n;
}

/* The state of one search: the neighbourhood being built, the sub-MIP
 * control, the longest neighbourhood so far (none starts that would not
 * end by the deadline) and the improvements. */
typedef struct {
    lns_nb n;
    rs_submip ctl;
    double longest;
    long improved;
    int capsaved;
    int stop;    /* the deadline or the interrupt came */
    int *gfirst; /* groups of rooms for windows: ngroups + 1 offsets into
                    h->vrooms, each within one venue */
    int ngroups;
    int level;   /* how far the neighbourhoods have grown (LNS_LEVELS) */
} lns_run;

/* Starts a neighbourhood on day d freeing slots w0 .. w1 in every room
 * (all_rooms) or in the rooms marked in rsel, with F and I empty, solved
 * by at most maxbr branchings and only when it has at most maxcols x
 * columns (0: any number).  Returns 0, or -1 when the search must stop. */
static int nb_begin(lns_run *r, int d, int w0, int w1, int all_rooms, int maxcols, int maxbr,
                    int brcols)
{
    lns_nb *n = &r->n;
    const rs_event *ev = n->ev;
    if (rs_now() + r->longest > r->ctl.deadline || (r->ctl.interrupt && *r->ctl.interrupt)) {
        r->stop = 1;
        return -1;
    }
    if (n->h->nm > r->capsaved) { /* the meetings freed are among them */
        rs_glp_free(n->saved);
        r->capsaved = 2 * n->h->nm;
        n->saved = rs_glp_calloc((size_t)r->capsaved + 1, sizeof(rs_placement));
    }
    n->d = d;
    n->a0 = ev->days[d].first_slot;
    n->S = ev->days[d].nslots;
    n->w0 = w0;
    n->w1 = w1;
    n->all_rooms = all_rooms;
    n->maxcols = maxcols;
    n->maxbr = maxbr;
    n->brcols = brcols;
    n->nI = 0;
    n->nsaved = 0;
    n->nx = 0;
    return 0;
}

/* Frees q's meetings in the neighbourhood's slots and venues. */
static void nb_free(lns_nb *n, int q)
{
    add_involved(n, q);
    n->inF[q] = 1;
}

/* Solves the neighbourhood begun and clears it; returns 1 when the
 * timetable improved. */
static int nb_end(lns_run *r)
{
    lns_nb *n = &r->n;
    double t0 = rs_now();
    int better = lns_solve(n, &r->ctl);
    r->longest = fmax(r->longest, rs_now() - t0);
    r->improved += better;
    for (int j = 0; j < n->nI; j++) {
        n->inF[n->I[j]] = 0;
        n->loc[n->I[j]] = -1;
    }
    rs_mat_free(&n->t);
    memset(&n->t, 0, sizeof n->t);
    return better;
}

/* The participant-day neighbourhoods in turn: rounds over the
 * participant-days that lose (worst first), each with up to size of its
 * partners of the day, size growing after a round in which nothing
 * improved. */
typedef struct {
    int size, i, n; /* the round's list work[0 .. n), the next one */
    int ended;      /* the end of the round was told */
    long at_start;  /* improvements when the round began */
    int *partners, *work;
    double *loss;
} day_cur;

/* Solves the next participant-day neighbourhood; returns 0, 1 when a
 * round has ended (the next call begins the next), or -1 when the
 * largest size has found nothing or the search must stop. */
static int step_day(lns_run *r, day_cur *c)
{
    rs_tt *h = r->n.h;
    const rs_event *ev = h->ev;
    for (;;) {
        if (c->i == c->n && c->n > 0 && !c->ended) {
            c->ended = 1;
            return 1;
        }
        if (c->i == c->n) { /* the next round begins */
            c->ended = 0;
            if (c->n > 0 && r->improved == c->at_start)
                c->size += 2;
            if (c->size > LNS_PARTNERS_MOST + LNS_LEVEL_PARTNERS * r->level)
                return -1;
            c->n = worst_days(h, c->work, c->loss);
            c->i = 0;
            c->at_start = r->improved;
            if (c->n == 0)
                return -1;
        }
        int p = c->work[c->i] / ev->ndays, d = c->work[c->i] % ev->ndays;
        c->i++;
        if (rs_tt_idle_day(h, p, d) == 0 && h->count[p] >= ev->p[p].min_meetings)
            continue; /* improved meanwhile */
        int a0 = ev->days[d].first_slot;
        if (nb_begin(r, d, a0, a0 + ev->days[d].nslots - 1, 1, 0, LNS_MAX_BRANCHES,
                     LNS_DAY_COLS) != 0)
            return -1;
        int np_ = day_partners(h, p, d, c->partners, c->size);
        nb_free(&r->n, p);
        for (int j = 0; j < np_; j++)
            nb_free(&r->n, c->partners[j]);
        add_partners(&r->n);
        add_candidates(&r->n, p, LNS_CANDIDATES);
        nb_end(r);
        return 0;
    }
}

/* One window: slots w0 .. w1 of day d in the rooms of group g and g2
 * (-1: none).  Every meeting there is freed; its people may pair again
 * among themselves and with the best unmet partner of each investor (of
 * each of them when the event has peer pairs, whose SMEs, or investors,
 * meet each other too), in any slot of the window and any free room.
 * Returns -1 when the search
 * must stop. */
static int window_nb(lns_run *r, int d, int w0, int w1, int g, int g2)
{
    lns_nb *n = &r->n;
    rs_tt *h = n->h;
    const rs_event *ev = h->ev;
    if (nb_begin(r, d, w0, w1, 0, LNS_WINDOW_COLS * (1 + r->level), LNS_WINDOW_BRANCHES, 0) !=
        0)
        return -1;
    for (int i = r->gfirst[g]; i < r->gfirst[g + 1]; i++)
        n->rsel[h->vrooms[i]] = 1;
    for (int i = g2 >= 0 ? r->gfirst[g2] : 0; g2 >= 0 && i < r->gfirst[g2 + 1]; i++)
        n->rsel[h->vrooms[i]] = 1;
    for (int i = 0; i < h->nm; i++) {
        const rs_placement *m = &h->m[i];
        if (m->slot < w0 || m->slot > w1 || !n->rsel[m->room])
            continue;
        nb_free(n, ev->pairs[m->pair].inv);
        nb_free(n, ev->pairs[m->pair].sme);
    }
    for (int j = 0, nf = n->nI; j < nf; j++)
        if (ev->p[n->I[j]].is_investor || ev->npairs > ev->npairs_io)
            add_candidates(n, n->I[j], 1);
    if (n->nI > 0)
        nb_end(r);
    memset(n->rsel, 0, (size_t)ev->nrooms);
    return 0;
}

/* The windows in turn: rounds of each width of LNS_WIDTHS in turn over
 * each day, each first slot, each group of rooms alone and with each
 * other group (with the next only when there are many groups); idle
 * counts the rounds in a row in which nothing improved. */
typedef struct {
    int it, d, w0, g, g2, started;
    int idle;
    long at_start;
} window_cur;

static const int lns_widths[] = {LNS_WIDTHS};
#define LNS_NWIDTHS ((int)(sizeof lns_widths / sizeof lns_widths[0]))

/* The width of the windows of round it at the run's level. */
static int win_width(const lns_run *r, int it)
{
    return lns_widths[it % LNS_NWIDTHS] + LNS_LEVEL_WIDTH * r->level;
}

/* Moves c to the next window (of this round, or the first of the next);
 * returns 1 when a round ended. */
static int window_next(const lns_run *r, window_cur *c)
{
    const rs_event *ev = r->n.ev;
    int ng = r->ngroups, width = win_width(r, c->it);
    if (++c->g2 < ng && !(c->g2 > c->g + 1 && ng > LNS_GROUPS_PAIRED))
        return 0;
    if (++c->g < ng) {
        c->g2 = c->g;
        return 0;
    }
    c->g = c->g2 = 0;
    if (++c->w0 + width <= ev->days[c->d].first_slot + ev->days[c->d].nslots)
        return 0;
    for (c->d++; c->d < ev->ndays && ev->days[c->d].nslots < width; c->d++)
        ;
    if (c->d < ev->ndays) {
        c->w0 = ev->days[c->d].first_slot;
        return 0;
    }
    return 1;
}

/* Solves the next window; returns 0, or -1 when a round of each width
 * in a row has found nothing or the search must stop. */
static int step_window(lns_run *r, window_cur *c)
{
    const rs_event *ev = r->n.ev;
    for (int tries = 0; tries < 2; tries++) {
        if (!c->started) { /* a round begins at the first day wide enough */
            int width = win_width(r, c->it);
            c->d = 0;
            while (c->d < ev->ndays && ev->days[c->d].nslots < width)
                c->d++;
            c->w0 = c->d < ev->ndays ? ev->days[c->d].first_slot : 0;
            c->g = c->g2 = 0;
            c->at_start = r->improved;
            c->started = 1;
            if (c->d == ev->ndays || r->ngroups == 0) {
                c->started = 0;
                c->idle++;
                c->it++;
                if (c->idle >= LNS_NWIDTHS)
                    return -1;
                continue;
            }
        }
        if (c->idle >= LNS_NWIDTHS)
            return -1;
        int width = win_width(r, c->it);
        if (window_nb(r, c->d, c->w0, c->w0 + width - 1, c->g, c->g2 > c->g ? c->g2 : -1) != 0)
            return -1;
        if (window_next(r, c)) {
            c->idle = r->improved == c->at_start ? c->idle + 1 : 0;
            c->it++;
            c->started = 0;
        }
        return 0;
    }
    return -1;
}

/* The trades in turn: rounds over the sizes from LNS_TRADE_FIRST, each
 * day and each participant of the side (first..last) as the first of the
 * set; rel and set are scratch arrays of np entries, tried holds the sets
 * of the size being tried (tried_n of them, size members each), so that
 * a set reached from several of its members is solved once. */
typedef struct {
    int first, last; /* the side's participants                          */
    int size, d, p;  /* the next trade                                    */
    int *rel, *set, *tried, tried_n;
    size_t tried_cap; /* ints held by tried */
} trade_cur;

/* Adds to rel[q], for each q of the side, the partners of f on day d that
 * q may meet, and the partners of q on day d that f may meet: how many
 * partners f and q could pass one to the other. */
static void trade_relate(const rs_tt *h, const trade_cur *c, int f, int d)
{
    const rs_event *ev = h->ev;
    for (int i = 0; i < h->nm; i++) {
        const rs_placement *m = &h->m[i];
        if (ev->slots[m->slot].day != d)
            continue;
        int a = ev->pairs[m->pair].inv, b = ev->pairs[m->pair].sme;
        if (a == f || b == f) {
            int other = a == f ? b : a;
            for (int q = c->first; q <= c->last; q++)
                if (q != f && q != other && rs_pair_index(ev, q, other) >= 0)
                    c->rel[q]++;
            continue;
        }
        if (a >= c->first && a <= c->last && b != f && rs_pair_index(ev, f, b) >= 0)
            c->rel[a]++;
        if (b >= c->first && b <= c->last && a != f && rs_pair_index(ev, f, a) >= 0)
            c->rel[b]++;
    }
}

/* Builds the set of the trade at c (c->p first, then the most related,
 * ties by index) into c->set; returns 1 when it has c->size members and
 * was not tried before in this round (it is then recorded), else 0. */
static int trade_set(lns_run *r, trade_cur *c)
{
    const rs_tt *h = r->n.h;
    for (int q = c->first; q <= c->last; q++)
        c->rel[q] = 0;
    int n = 0;
    c->set[n++] = c->p;
    c->rel[c->p] = -1;
    trade_relate(h, c, c->p, c->d);
    while (n < c->size) {
        int best = -1;
        for (int q = c->first; q <= c->last; q++)
            if (c->rel[q] > 0 && (best < 0 || c->rel[q] > c->rel[best]))
                best = q;
        if (best < 0)
            return 0; /* fewer are related: a smaller size had it */
        c->set[n++] = best;
        c->rel[best] = -1;
        trade_relate(h, c, best, c->d);
        for (int j = 0; j < n; j++)
            c->rel[c->set[j]] = -1;
    }
    for (int i = 1; i < n; i++) /* in order, to compare sets (a few members) */
        for (int j = i; j > 0 && c->set[j - 1] > c->set[j]; j--) {
            int t = c->set[j];
            c->set[j] = c->set[j - 1];
            c->set[j - 1] = t;
        }
    for (int t = 0; t < c->tried_n; t++)
        if (memcmp(c->tried + (size_t)t * (size_t)n, c->set, (size_t)n * sizeof(int)) == 0)
            return 0;
    size_t need = ((size_t)c->tried_n + 1) * (size_t)n;
    if (need > c->tried_cap) { /* ints, whatever the size of the sets */
        size_t cap = 2 * need + 64;
        c->tried = rs_glp_realloc(c->tried, c->tried_cap, cap, sizeof(int));
        c->tried_cap = cap;
    }
    memcpy(c->tried + (size_t)c->tried_n++ * (size_t)n, c->set, (size_t)n * sizeof(int));
    return 1;
}

/* Solves the next trade; returns 0, 1 when the round of every size has
 * ended (the cursor is back at its start), or -1 when the search must
 * stop. */
static int step_trade(lns_run *r, trade_cur *c)
{
    const rs_event *ev = r->n.ev;
    int most = LNS_TRADE_MOST + r->level;
    for (;;) {
        if (c->p > c->last) { /* the next day, then the next size */
            c->p = c->first;
            if (++c->d == ev->ndays) {
                c->d = 0;
                c->tried_n = 0;
                if (++c->size > most) {
                    c->size = LNS_TRADE_FIRST;
                    return 1;
                }
            }
        }
        int d = c->d, a0 = ev->days[d].first_slot, S = ev->days[d].nslots;
        int fresh = c->size <= c->last - c->first + 1 && trade_set(r, c);
        c->p++;
        if (!fresh)
            continue;
        if (nb_begin(r, d, a0, a0 + S - 1, 1, LNS_TRADE_COLS, LNS_MAX_BRANCHES, LNS_DAY_COLS) !=
            0)
            return -1;
        for (int j = 0; j < c->size; j++)
            nb_free(&r->n, c->set[j]);
        add_partners(&r->n);
        for (int j = 0; j < c->size; j++)
            add_candidates(&r->n, c->set[j], LNS_CANDIDATES);
        nb_end(r);
        return 0;
    }
}

/* The trades' cursor at its start, its arrays GLPK scratch memory. */
static void trade_open(trade_cur *c, const rs_event *ev)
{
    memset(c, 0, sizeof *c);
    c->first = 0; /* investors, or every business on a day without them */
    c->last = (ev->ninv > 0 ? ev->ninv : ev->np) - 1;
    c->size = LNS_TRADE_FIRST;
    c->rel = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    c->set = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
}

static void trade_close(trade_cur *c)
{
    rs_glp_free(c->rel);
    rs_glp_free(c->set);
    rs_glp_free(c->tried);
}

/* Sets up the search's state on h (scratch memory of GLPK). */
static void run_open(lns_run *r, rs_tt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    memset(r, 0, sizeof *r);
    r->ctl.deadline = deadline;
    r->ctl.interrupt = interrupt;
    lns_nb *n = &r->n;
    n->h = h;
    n->ev = ev;
    n->nv = ev->nvenues;
    n->inF = rs_glp_calloc((size_t)ev->np + 1, 1);
    n->I = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    n->loc = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    r->capsaved = h->nm;
    n->saved = rs_glp_calloc((size_t)r->capsaved + 1, sizeof(rs_placement));
    for (int i = 0; i < ev->np; i++)
        n->loc[i] = -1;
    n->rsel = rs_glp_calloc((size_t)ev->nrooms + 1, 1);
    /* each venue's rooms (by capacity) in as few groups of at most
     * LNS_GROUP_ROOMS as can be, of sizes as even as can be */
    r->gfirst = rs_glp_calloc((size_t)ev->nrooms + 2, sizeof(int));
    for (int v = 0; v < ev->nvenues; v++) {
        int a = h->vfirst[v], nr = h->vfirst[v + 1] - a;
        int ng = (nr + LNS_GROUP_ROOMS - 1) / LNS_GROUP_ROOMS;
        for (int g = 0; g < ng; g++)
            r->gfirst[r->ngroups++] = a + g * nr / ng;
    }
    r->gfirst[r->ngroups] = h->vfirst[ev->nvenues];
}

static void run_close(lns_run *r)
{
    lns_nb *n = &r->n;
    rs_mat_free(&n->t);
    rs_glp_free(n->inF);
    rs_glp_free(n->I);
    rs_glp_free(n->loc);
    rs_glp_free(n->saved);
    rs_glp_free(n->c_pair);
    rs_glp_free(n->c_k);
    rs_glp_free(n->c_v);
    rs_glp_free(n->rsel);
    rs_glp_free(r->gfirst);
}

/* Puts the windows and participant-days back at the start of r's level:
 * the first width, and the participant-days' first size (that of the
 * search's start at level 0, past the last level's largest after it). */
static void level_start(const lns_run *r, window_cur *wc, day_cur *dc)
{
    memset(wc, 0, sizeof *wc);
    dc->n = dc->i = dc->ended = 0;
    dc->size = r->level == 0 ? LNS_PARTNERS_FIRST
                             : LNS_PARTNERS_MOST + LNS_LEVEL_PARTNERS * (r->level - 1) + 2;
}

long rs_tt_lns(rs_tt *h, double deadline, int grow, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    if (h->keep)
        return 0; /* re-scheduling: moving meetings has a price it ignores */
    lns_run r;
    run_open(&r, h, deadline, interrupt);
    day_cur dc = {LNS_PARTNERS_FIRST, 0, 0, 0, 0, NULL, NULL, NULL};
    window_cur wc;
    memset(&wc, 0, sizeof wc);
    dc.partners =
        rs_glp_calloc(LNS_PARTNERS_MOST + LNS_LEVEL_PARTNERS * LNS_LEVELS + 1, sizeof(int));
    size_t pd = (size_t)ev->np * (size_t)ev->ndays + 1;
    dc.work = rs_glp_calloc(pd, sizeof(int));
    dc.loss = rs_glp_calloc(pd, sizeof(double));
    trade_cur tc;
    trade_open(&tc, ev);
    /* windows until they find nothing, then a round of participant-days;
     * when that improves, the windows again */
    while (!r.stop) {
        while (!r.stop && step_window(&r, &wc) == 0)
            ;
        long before = r.improved;
        int got = 0;
        while (!r.stop && (got = step_day(&r, &dc)) == 0)
            ;
        if (got < 0) {
            /* a round of trades; when one gains, windows and
             * participant-days again at this level */
            before = r.improved;
            while (!r.stop && step_trade(&r, &tc) == 0)
                ;
            if (!r.stop && r.improved > before) {
                level_start(&r, &wc, &dc);
                continue;
            }
            if (r.stop || !grow || r.level == LNS_LEVELS)
                break;
            r.level++; /* every size found nothing: larger ones */
            level_start(&r, &wc, &dc);
            continue;
        }
        if (r.improved > before)
            memset(&wc, 0, sizeof wc);
    }
    run_close(&r);
    rs_glp_free(dc.partners);
    rs_glp_free(dc.work);
    rs_glp_free(dc.loss);
    trade_close(&tc);
    return r.improved;
}

long rs_tt_lns_windows(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    if (h->keep)
        return 0;
    lns_run r;
    window_cur wc;
    memset(&wc, 0, sizeof wc);
    run_open(&r, h, deadline, interrupt);
    while (!r.stop && step_window(&r, &wc) == 0)
        ;
    run_close(&r);
    return r.improved;
}

long rs_tt_lns_trades(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    if (h->keep)
        return 0;
    lns_run r;
    trade_cur tc;
    run_open(&r, h, deadline, interrupt);
    trade_open(&tc, h->ev);
    while (!r.stop && step_trade(&r, &tc) == 0)
        ;
    trade_close(&tc);
    run_close(&r);
    return r.improved;
}

int rs_tt_reset(rs_tt *h, const rs_placement *at, int n)
{
    while (h->nm > 0)
        rs_tt_unplace(h, h->nm - 1);
    for (int i = 0; i < n; i++)
        if (rs_tt_place(h, at[i].pair, at[i].slot, at[i].room) != 0)
            return -1;
    return 0;
}
