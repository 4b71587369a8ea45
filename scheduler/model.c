/*
 * model.c - builds the GLPK problems described in model.h and reads their
 * solutions back.
 */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int rs_pair_fits_at(const rs_event *ev, int p, int k)
{
    const rs_pair *pr = &ev->pairs[p];
    const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
    int need = a->team_size + b->team_size;
    if (!a->avail[k] || !b->avail[k] || !rs_pair_slot_ok(ev, p, k))
        return 0;
    for (int r = 0; r < ev->nrooms; r++)
        if (ev->rooms[r].avail[k] && ev->rooms[r].capacity >= need)
            return 1;
    return 0;
}

int rs_pair_placeable(const rs_event *ev, int p)
{
    const rs_pair *pr = &ev->pairs[p];
    if (ev->p[pr->inv].max_meetings == 0 || ev->p[pr->sme].max_meetings == 0)
        return 0;
    for (int k = 0; k < ev->nslots; k++)
        if (rs_pair_fits_at(ev, p, k))
            return 1;
    return 0;
}

void rs_model_free(rs_model *m)
{
    if (m->lp)
        glp_delete_prob(m->lp);
    free(m->x_pair);
    free(m->x_slot);
    free(m->x_venue);
    free(m->pair_first);
    free(m->sf_col);
    free(m->blk);
    memset(m, 0, sizeof *m);
}

/* Number of rooms of venue v free at slot k holding at least q people;
 * rooms a locked meeting of keep (may be NULL) takes there are not free. */
int rs_rooms_holding(const rs_event *ev, const rs_keep *keep, int v, int k, int q)
{
    int n = 0;
    for (int r = 0; r < ev->nrooms; r++)
        n += ev->rooms[r].venue == v && ev->rooms[r].avail[k] && ev->rooms[r].capacity >= q &&
             !(keep && keep->taken[(size_t)r * (size_t)ev->nslots + (size_t)k]);
    return n;
}

/* Whether column (pair p, slot k, venue v) is p's locked meeting: fixed to
 * 1 and left out of the room rows, since its room is taken apart. */
static int locked_col(const rs_event *ev, const rs_keep *keep, int p, int k, int v)
{
    return keep && keep->locked[p] && keep->slot[p] == k &&
           ev->rooms[keep->room[p]].venue == v;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Groups the x columns by (slot, venue): columns of slot k and venue v are
 * (*cols)[(*start)[k*nv+v] .. (*start)[k*nv+v+1]-1], in column order.
 * Both lists are GLPK scratch memory (rs_glp_free), taken while m->lp
 * is alive. */
static void sv_index(const rs_model *m, const rs_event *ev, int **start, int **cols)
{
    size_t nkv = (size_t)ev->nslots * (size_t)ev->nvenues;
    int *st = rs_glp_calloc(nkv + 2, sizeof(int));
    int *cl = rs_glp_calloc((size_t)m->nx + 1, sizeof(int));
    int *fill = rs_glp_calloc(nkv + 1, sizeof(int));
    for (int j = 0; j < m->nx; j++)
        st[m->x_slot[j] * ev->nvenues + m->x_venue[j] + 1]++;
    for (size_t i = 0; i < nkv; i++)
        st[i + 1] += st[i];
    for (int j = 0; j < m->nx; j++) {
        size_t kv = (size_t)(m->x_slot[j] * ev->nvenues + m->x_venue[j]);
        cl[st[kv] + fill[kv]++] = j + 1;
    }
    rs_glp_free(fill);
    *start = st;
    *cols = cl;
}

/* The busy columns of rs_model_person_rows: for participant i and slot k,
 * cols[start[i * ns + k] .. start[i * ns + k + 1] - 1]; the venue of
 * column c is col_venue[c - 1]. */
typedef struct {
    const rs_event *ev;
    rs_mat *t;
    const int *start, *cols, *col_venue;
} busy_cols;

/* Index of (i, k) into start. */
static size_t busy_at(const busy_cols *b, int i, int k)
{
    return (size_t)i * (size_t)b->ev->nslots + (size_t)k;
}

/* How many columns make participant i busy in slot k. */
static int busy_count(const busy_cols *b, int i, int k)
{
    size_t at = busy_at(b, i, k);
    return b->start[at + 1] - b->start[at];
}

/* Adds coef times every busy column of (i, k) to row. */
static void busy_add(const busy_cols *b, int row, int i, int k, double coef)
{
    size_t at = busy_at(b, i, k);
    for (int q = b->start[at]; q < b->start[at + 1]; q++)
        rs_mat_add(b->t, row, b->cols[q], coef);
}

/* Rule 6: the maximum of meetings per participant (a row only where the
 * columns could exceed it), and the soft minimum with a shortfall column
 * in m->sf_col. */
static void person_max_min(const busy_cols *b, rs_model *m)
{
    const rs_event *ev = b->ev;
    const int ns = ev->nslots;
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *a = &ev->p[i];
        int total = 0;
        for (int k = 0; k < ns; k++)
            total += busy_count(b, i, k);
        if (total > a->max_meetings) {
            int r = rs_mat_row(b->t, GLP_UP, 0, a->max_meetings);
            for (int k = 0; k < ns; k++)
                busy_add(b, r, i, k, 1);
        }
        if (a->min_meetings > 0) {
            int c = glp_add_cols(m->lp, 1);
            glp_set_col_bnds(m->lp, c, GLP_DB, 0, a->min_meetings);
            glp_set_obj_coef(m->lp, c, -ev->w.min_meetings_shortfall);
            m->sf_col[i] = c;
            int r = rs_mat_row(b->t, GLP_LO, a->min_meetings, 0);
            rs_mat_add(b->t, r, c, 1);
            for (int k = 0; k < ns; k++)
                busy_add(b, r, i, k, 1);
        }
    }
}

/* Rule 9: any K+1 chained slots, all usable, hold at most K of a
 * participant's meetings. */
static void person_consecutive(const busy_cols *b)
{
    const rs_event *ev = b->ev;
    const int ns = ev->nslots;
    for (int i = 0; i < ev->np; i++) {
        int K = ev->p[i].max_consecutive;
        if (K >= ns)
            continue;
        for (int k = 0; k < ns; k++) {
            /* window ending at k: k, prev(k), ... K+1 slots, all usable */
            int len = 0, j = k, ok = 1;
            while (len < K + 1) {
                if (j < 0 || busy_count(b, i, j) == 0) {
                    ok = 0;
                    break;
                }
                len++;
                if (len < K + 1)
                    j = ev->slots[j].prev;
            }
            if (!ok)
                continue;
            int r = rs_mat_row(b->t, GLP_UP, 0, K);
            for (int w = 0, sl = k; w < K + 1; w++, sl = ev->slots[sl].prev)
                busy_add(b, r, i, sl, 1);
        }
    }
}

/* Rule 8 for participant i's meetings in slot k1 at venue v1 and in a
 * later slot k2 of the day, gap minutes after: one row saying they do not
 * both happen with nothing between, made only when some venue at k2 is
 * too far for the gap. */
static void person_travel_pair(const busy_cols *b, int i, int k1, int v1, int k2, int gap)
{
    const rs_event *ev = b->ev;
    size_t at1 = busy_at(b, i, k1), at2 = busy_at(b, i, k2);
    int r = 0;
    for (int q = b->start[at1]; q < b->start[at1 + 1]; q++)
        if (b->col_venue[b->cols[q] - 1] == v1) {
            if (!r) {
                int any = 0;
                for (int q2 = b->start[at2]; q2 < b->start[at2 + 1]; q2++)
                    any |= rs_travel(ev, v1, b->col_venue[b->cols[q2] - 1]) > gap;
                if (!any)
                    break;
                r = rs_mat_row(b->t, GLP_UP, 0, 1);
            }
            rs_mat_add(b->t, r, b->cols[q], 1);
        }
    if (!r)
        return;
    for (int q2 = b->start[at2]; q2 < b->start[at2 + 1]; q2++)
        if (rs_travel(ev, v1, b->col_venue[b->cols[q2] - 1]) > gap)
            rs_mat_add(b->t, r, b->cols[q2], 1);
    for (int k = k1 + 1; k < k2; k++)
        busy_add(b, r, i, k, -1);
}

/* Rule 8: meetings in slots too close for the trip between their venues
 * may not follow each other directly (events with one venue need none). */
static void person_travel(const busy_cols *b)
{
    const rs_event *ev = b->ev;
    const int ns = ev->nslots, nv = ev->nvenues;
    if (nv <= 1)
        return;
    int maxt = 0;
    for (int a = 0; a < nv * nv; a++)
        if (ev->travel[a] > maxt)
            maxt = ev->travel[a];
    for (int i = 0; i < ev->np; i++)
        for (int k1 = 0; k1 < ns; k1++) {
            if (busy_count(b, i, k1) == 0)
                continue;
            int d = ev->slots[k1].day;
            int last = ev->days[d].first_slot + ev->days[d].nslots;
            for (int k2 = k1 + 1; k2 < last; k2++) {
                int gap = ev->slots[k2].start - ev->slots[k1].end;
                if (gap >= maxt)
                    break;
                if (busy_count(b, i, k2) == 0)
                    continue;
                for (int v1 = 0; v1 < nv; v1++)
                    person_travel_pair(b, i, k1, v1, k2, gap);
            }
        }
}

/* The idle columns and rows of participant i on the n slots from a of one
 * day, columns from fc: f (a meeting at or before the slot), l (at or
 * after it) and idle >= f + l - 1 - y inside the span. */
static void person_idle_day(const busy_cols *b, rs_model *m, int i, int a, int n, int fc)
{
    const rs_event *ev = b->ev;
    rs_mat *t = b->t;
    for (int s = 0; s < n; s++) {
        int k = a + s, f = fc + s, l = fc + n + s, id = fc + 2 * n + s;
        glp_set_col_bnds(m->lp, f, GLP_DB, 0, 1);
        glp_set_col_bnds(m->lp, l, GLP_DB, 0, 1);
        glp_set_col_bnds(m->lp, id, GLP_DB, 0, 1);
        if (s > 0 && s < n - 1)
            glp_set_obj_coef(m->lp, id, -ev->w.idle_slot);
        else
            glp_set_col_bnds(m->lp, id, GLP_FX, 0, 0);
        int r;
        if (busy_count(b, i, k) > 0) {
            r = rs_mat_row(t, GLP_LO, 0, 0); /* f >= y */
            rs_mat_add(t, r, f, 1);
            busy_add(b, r, i, k, -1);
            r = rs_mat_row(t, GLP_LO, 0, 0); /* l >= y */
            rs_mat_add(t, r, l, 1);
            busy_add(b, r, i, k, -1);
        }
        if (s > 0) { /* f non-decreasing */
            r = rs_mat_row(t, GLP_LO, 0, 0);
            rs_mat_add(t, r, f, 1);
            rs_mat_add(t, r, f - 1, -1);
        }
        if (s < n - 1) { /* l non-increasing */
            r = rs_mat_row(t, GLP_LO, 0, 0);
            rs_mat_add(t, r, l, 1);
            rs_mat_add(t, r, l + 1, -1);
        }
        if (s > 0 && s < n - 1) { /* idle >= f + l - 1 - y */
            r = rs_mat_row(t, GLP_LO, -1, 0);
            rs_mat_add(t, r, id, 1);
            rs_mat_add(t, r, f, -1);
            rs_mat_add(t, r, l, -1);
            busy_add(b, r, i, k, 1);
        }
    }
}

/* The gap-start columns of participant i's day (after its f, l and idle
 * columns from fc, n slots from a): g >= y(k-1) - y(k) + l(k) - 1, so g is
 * 1 where a meeting is followed by a free slot and a later meeting, each
 * costing weights.idle_gap; each is added to cap_row (0: none), the
 * participant's max_idle_gaps (rule 12). */
static void person_gap_day(const busy_cols *b, rs_model *m, int i, int a, int n, int fc,
                           int cap_row)
{
    const rs_event *ev = b->ev;
    for (int s = 0; s < n; s++) {
        int g = fc + 3 * n + s, l = fc + n + s;
        if (s == 0 || s == n - 1) {
            glp_set_col_bnds(m->lp, g, GLP_FX, 0, 0);
            continue;
        }
        glp_set_col_bnds(m->lp, g, GLP_DB, 0, 1);
        glp_set_obj_coef(m->lp, g, -ev->w.idle_gap);
        int r = rs_mat_row(b->t, GLP_LO, -1, 0);
        rs_mat_add(b->t, r, g, 1);
        rs_mat_add(b->t, r, l, -1);
        busy_add(b, r, i, a + s - 1, -1);
        busy_add(b, r, i, a + s, 1);
        if (cap_row)
            rs_mat_add(b->t, cap_row, g, 1);
    }
}

/* Idle slots: per participant and day, over the span of its usable
 * slots, the columns of person_idle_day, recorded in m->blk; the
 * objective pushes them to their least values, which are exactly the
 * contract's idle slots.  With gaps in use (rs_model_gaps), the gap-start
 * columns of person_gap_day too, and a row per capped participant.
 * RS_OK or RS_ENOMEM (m->blk). */
static rs_code person_idle(const busy_cols *b, rs_model *m)
{
    const rs_event *ev = b->ev;
    int gaps = rs_model_gaps(ev);
    if (ev->w.idle_slot <= 0 && !gaps)
        return RS_OK;
    for (int i = 0; i < ev->np; i++) {
        int cap_row = 0;
        for (int d = 0; d < ev->ndays; d++) {
            int a = ev->days[d].first_slot, z = a + ev->days[d].nslots - 1;
            while (a <= z && busy_count(b, i, a) == 0)
                a++;
            while (z >= a && busy_count(b, i, z) == 0)
                z--;
            if (z - a < 2)
                continue; /* no slot can lie strictly between two */
            int n = z - a + 1, per = gaps ? 4 : 3;
            int fc = glp_add_cols(m->lp, per * n);
            m->nidle_cols += per * n;
            if (m->nblk == m->capblk) {
                int nc = m->capblk ? m->capblk * 2 : 256;
                rs_idle_blk *nb = realloc(m->blk, (size_t)nc * sizeof(rs_idle_blk));
                if (!nb)
                    return RS_ENOMEM;
                m->blk = nb;
                m->capblk = nc;
            }
            m->blk[m->nblk++] = (rs_idle_blk){i, a, n, fc};
            person_idle_day(b, m, i, a, n, fc);
            if (gaps && ev->p[i].max_idle_gaps < RS_UNLIMITED && !cap_row)
                cap_row = rs_mat_row(b->t, GLP_UP, 0, ev->p[i].max_idle_gaps);
            if (gaps)
                person_gap_day(b, m, i, a, n, fc, cap_row);
        }
    }
    return RS_OK;
}

/* Adds the rows every participant's meetings obey whatever the format,
 * given for each participant i and slot k the columns making i busy then
 * (start and cols, a CSR over np x nslots, each column at most once per
 * cell) and the venue of each column (col_venue[col - 1]): the maximum and
 * soft minimum of meetings (rule 6, with a shortfall column in m->sf_col),
 * the consecutive limit (rule 9), travel (rule 8), and the idle-slot
 * columns (m->blk).  Shared by the one-to-one and group models so that
 * both say these rules the same way.  RS_OK or RS_ENOMEM. */
rs_code rs_model_person_rows(const rs_event *ev, rs_model *m, rs_mat *t, const int *start,
                             const int *cols, const int *col_venue)
{
    busy_cols b = {ev, t, start, cols, col_venue};
    person_max_min(&b, m);
    person_consecutive(&b);
    person_travel(&b);
    return person_idle(&b, m);
}

/* The direct model's scratch while it is built: the busy columns of each
 * participant and slot (a CSR over np x nslots: cnt per cell, cols from
 * start), the distinct seat needs, and the columns per slot and venue.
 * All GLPK scratch memory, freed together at the end of rs_model_build. */
typedef struct {
    int *cnt, *start, *cols, *fill, *needs;
    int *svstart, *svcols;
    rs_mat t;
} direct_build;

/* Section 1, the x columns: one per pair, slot both can attend and venue
 * with a room that holds them (or the pair's locked meeting), pair by
 * pair, into m->x_pair, x_slot, x_venue and m->pair_first.  RS_OK or
 * RS_ENOMEM. */
static rs_code model_columns(const rs_event *ev, const rs_keep *keep, rs_model *m)
{
    long cap = 1024, nx = 0;
    m->x_pair = malloc((size_t)cap * sizeof(int));
    m->x_slot = malloc((size_t)cap * sizeof(int));
    m->x_venue = malloc((size_t)cap * sizeof(int));
    m->pair_first = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    m->sf_col = calloc((size_t)ev->np + 1, sizeof(int));
    if (!m->x_pair || !m->x_slot || !m->x_venue || !m->pair_first || !m->sf_col)
        return RS_ENOMEM;
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
        int need = a->team_size + b->team_size;
        m->pair_first[p] = (int)nx + 1;
        if (a->max_meetings == 0 || b->max_meetings == 0)
            continue;
        for (int k = 0; k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k] || !rs_pair_slot_ok(ev, p, k))
                continue;
            for (int v = 0; v < ev->nvenues; v++) {
                if (rs_rooms_holding(ev, keep, v, k, need) == 0 && !locked_col(ev, keep, p, k, v))
                    continue;
                if (nx == cap) {
                    cap *= 2;
                    int *x1 = realloc(m->x_pair, (size_t)cap * sizeof(int));
                    if (x1)
                        m->x_pair = x1;
                    int *x2 = realloc(m->x_slot, (size_t)cap * sizeof(int));
                    if (x2)
                        m->x_slot = x2;
                    int *x3 = realloc(m->x_venue, (size_t)cap * sizeof(int));
                    if (x3)
                        m->x_venue = x3;
                    if (!x1 || !x2 || !x3)
                        return RS_ENOMEM;
                }
                m->x_pair[nx] = p;
                m->x_slot[nx] = k;
                m->x_venue[nx] = v;
                nx++;
            }
        }
    }
    m->pair_first[ev->npairs] = (int)nx + 1;
    m->nx = (int)nx;
    return RS_OK;
}

/* The GLPK problem with the x columns: binary, each worth its pair's
 * score, plus keep->move at the pair's previous slot and venue (at most
 * what keeping it in its room earns); a locked meeting's column fixed
 * to 1. */
static void model_objective(const rs_event *ev, const rs_keep *keep, rs_model *m)
{
    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MAX);
    if (m->nx > 0)
        glp_add_cols(m->lp, m->nx);
    for (int j = 1; j <= m->nx; j++) {
        int p = m->x_pair[j - 1], k = m->x_slot[j - 1], v = m->x_venue[j - 1];
        double bonus = 0;
        glp_set_col_kind(m->lp, j, GLP_BV);
        if (locked_col(ev, keep, p, k, v))
            glp_set_col_bnds(m->lp, j, GLP_FX, 1, 1);
        else if (keep && keep->slot[p] == k && ev->rooms[keep->room[p]].venue == v)
            bonus = keep->move;
        glp_set_obj_coef(m->lp, j, ev->pairs[p].score + bonus);
    }
}

/* Per participant and slot, the x columns that involve them (both sides
 * of each pair), into b's CSR. */
static void model_busy_index(const rs_event *ev, const rs_model *m, direct_build *b)
{
    const int ns = ev->nslots;
    const size_t pk = (size_t)ev->np * (size_t)ns;
    b->cnt = rs_glp_calloc(pk + 1, sizeof(int));
    b->start = rs_glp_calloc(pk + 2, sizeof(int));
    b->fill = rs_glp_calloc(pk + 1, sizeof(int));
    b->cols = rs_glp_calloc((size_t)m->nx * 2 + 1, sizeof(int));
    for (long j = 0; j < m->nx; j++) {
        const rs_pair *pr = &ev->pairs[m->x_pair[j]];
        b->cnt[(size_t)pr->inv * (size_t)ns + (size_t)m->x_slot[j]]++;
        b->cnt[(size_t)pr->sme * (size_t)ns + (size_t)m->x_slot[j]]++;
    }
    for (size_t i = 0; i < pk; i++)
        b->start[i + 1] = b->start[i] + b->cnt[i];
    for (long j = 0; j < m->nx; j++) {
        const rs_pair *pr = &ev->pairs[m->x_pair[j]];
        size_t a = (size_t)pr->inv * (size_t)ns + (size_t)m->x_slot[j];
        size_t c = (size_t)pr->sme * (size_t)ns + (size_t)m->x_slot[j];
        b->cols[b->start[a] + b->fill[a]++] = (int)j + 1;
        b->cols[b->start[c] + b->fill[c]++] = (int)j + 1;
    }
}

/* Section 2, rule 2: nobody in two meetings at once. */
static void rows_one_place(const rs_event *ev, direct_build *b)
{
    const int ns = ev->nslots;
    for (int i = 0; i < ev->np; i++)
        for (int k = 0; k < ns; k++) {
            size_t at = (size_t)i * (size_t)ns + (size_t)k;
            if (b->cnt[at] > 1) {
                int r = rs_mat_row(&b->t, GLP_UP, 0, 1);
                for (int q = b->start[at]; q < b->start[at + 1]; q++)
                    rs_mat_add(&b->t, r, b->cols[q], 1);
            }
        }
}

/* Section 3, rules 2 and 3: per venue and slot, the meetings needing q
 * seats or more (for each distinct need q) are at most the rooms free
 * then that hold q; locked meetings have their rooms set apart. */
static void rows_rooms(const rs_event *ev, const rs_model *m, direct_build *b)
{
    const rs_keep *keep = m->keep;
    const int ns = ev->nslots, nv = ev->nvenues;
    b->needs = rs_glp_calloc((size_t)ev->npairs + 1, sizeof(int));
    int nneeds = 0;
    for (int p = 0; p < ev->npairs; p++)
        b->needs[nneeds++] =
            ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size;
    qsort(b->needs, (size_t)nneeds, sizeof(int), cmp_int);
    int nd = 0;
    for (int i = 0; i < nneeds; i++)
        if (nd == 0 || b->needs[nd - 1] != b->needs[i])
            b->needs[nd++] = b->needs[i];
    sv_index(m, ev, &b->svstart, &b->svcols);
    for (int kv = 0; kv < ns * nv; kv++) {
        int k = kv / nv, v = kv % nv;
        for (int d = 0; d < nd; d++) {
            int q = b->needs[d], r = 0;
            for (int c = b->svstart[kv]; c < b->svstart[kv + 1]; c++) {
                int col = b->svcols[c];
                const rs_pair *pr = &ev->pairs[m->x_pair[col - 1]];
                if (ev->p[pr->inv].team_size + ev->p[pr->sme].team_size < q ||
                    locked_col(ev, keep, m->x_pair[col - 1], k, v))
                    continue;
                if (r == 0)
                    r = rs_mat_row(&b->t, GLP_UP, 0, rs_rooms_holding(ev, keep, v, k, q));
                rs_mat_add(&b->t, r, col, 1);
            }
        }
    }
}

/* Section 4, rules 4 and 7: a pair meets at most once; a must pair
 * exactly once (an empty row when it cannot be met: the model is then
 * infeasible, as it should be). */
static void rows_pairs(const rs_event *ev, const rs_model *m, direct_build *b)
{
    for (int p = 0; p < ev->npairs; p++) {
        int first = m->pair_first[p], end = m->pair_first[p + 1];
        if (ev->pairs[p].must) {
            int r = rs_mat_row(&b->t, GLP_FX, 1, 1);
            for (int j = first; j < end; j++)
                rs_mat_add(&b->t, r, j, 1);
        } else if (end - first > 1) {
            int r = rs_mat_row(&b->t, GLP_UP, 0, 1);
            for (int j = first; j < end; j++)
                rs_mat_add(&b->t, r, j, 1);
        }
    }
}

rs_code rs_model_build(const rs_event *ev, const rs_keep *keep, rs_model *m)
{
    direct_build b;
    memset(&b, 0, sizeof b);
    memset(m, 0, sizeof *m);
    m->keep = keep;
    rs_code rc = model_columns(ev, keep, m);
    if (rc != RS_OK)
        goto done;
    model_objective(ev, keep, m);
    model_busy_index(ev, m, &b);
    rows_one_place(ev, &b);
    rows_rooms(ev, m, &b);
    rows_pairs(ev, m, &b);
    /* sections 5 to 8: the rows per participant (rules 6, 8, 9, idle) */
    rc = rs_model_person_rows(ev, m, &b.t, b.start, b.cols, m->x_venue);
    if (rc == RS_OK)
        rs_mat_load(&b.t, m->lp);
done:
    rs_mat_free(&b.t);
    rs_glp_free(b.cnt);
    rs_glp_free(b.start);
    rs_glp_free(b.fill);
    rs_glp_free(b.cols);
    rs_glp_free(b.needs);
    rs_glp_free(b.svstart);
    rs_glp_free(b.svcols);
    return rc;
}

void rs_model_person_values(const rs_model *m, const rs_event *ev, const int *count,
                            const unsigned char *busy, double *x)
{
    for (int i = 0; i < ev->np; i++)
        if (m->sf_col[i] && count[i] < ev->p[i].min_meetings)
            x[m->sf_col[i]] = ev->p[i].min_meetings - count[i];
    for (int b = 0; b < m->nblk; b++) {
        const rs_idle_blk *bk = &m->blk[b];
        const unsigned char *row = busy + (size_t)bk->participant * (size_t)ev->nslots;
        int f = 0;
        for (int s = 0; s < bk->n; s++) {
            f |= row[bk->first + s];
            x[bk->col + s] = f;
        }
        int l = 0;
        for (int s = bk->n - 1; s >= 0; s--) {
            l |= row[bk->first + s];
            x[bk->col + bk->n + s] = l;
        }
        for (int s = 1; s < bk->n - 1; s++)
            x[bk->col + 2 * bk->n + s] =
                x[bk->col + s] + x[bk->col + bk->n + s] - 1 - row[bk->first + s] > 0 ? 1 : 0;
        for (int s = 1; rs_model_gaps(ev) && s < bk->n - 1; s++)
            x[bk->col + 3 * bk->n + s] = row[bk->first + s - 1] && !row[bk->first + s] &&
                                                 x[bk->col + bk->n + s] > 0.5
                                             ? 1
                                             : 0;
    }
}

/* Values of the continuous columns follow from the x values: GLPK checks
 * the whole vector, so they are computed by the same definitions. */
int rs_model_vector(const rs_model *m, const rs_event *ev, const rs_placement *at, int n,
                    double *x)
{
    int ncols = glp_get_num_cols(m->lp);
    for (int j = 1; j <= ncols; j++)
        x[j] = 0;
    for (int i = 0; i < n; i++) {
        int pair = at[i].pair, v = ev->rooms[at[i].room].venue, found = 0;
        for (int j = m->pair_first[pair]; j < m->pair_first[pair + 1]; j++)
            if (m->x_slot[j - 1] == at[i].slot && m->x_venue[j - 1] == v) {
                x[j] = 1;
                found = 1;
                break;
            }
        if (!found)
            return -1;
    }
    /* the continuous columns take the least values their rows allow,
     * which are the contract's shortfalls and idle slots */
    int *count = calloc((size_t)ev->np + 1, sizeof(int));
    unsigned char *busy = calloc((size_t)ev->np * (size_t)ev->nslots + 1, 1);
    if (!count || !busy) {
        free(count);
        free(busy);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const rs_pair *pr = &ev->pairs[at[i].pair];
        count[pr->inv]++;
        count[pr->sme]++;
        busy[(size_t)pr->inv * (size_t)ev->nslots + (size_t)at[i].slot] = 1;
        busy[(size_t)pr->sme * (size_t)ev->nslots + (size_t)at[i].slot] = 1;
    }
    rs_model_person_values(m, ev, count, busy, x);
    free(count);
    free(busy);
    return 0;
}

/* Larger meetings first, so the smallest fitting room is always right. */
static int cmp_need_desc(const void *a, const void *b)
{
    const int *x = a, *y = b; /* {need, pair} */
    if (x[0] != y[0])
        return y[0] - x[0];
    return x[1] - y[1];
}

/* Gives the n meetings chosen at slot k and venue v (list: {need, pair},
 * largest need first) rooms in room_of[0..n).  Locked meetings take their
 * own room; with pref, a meeting at its previous slot then takes its
 * previous room when free; every other meeting takes the smallest free
 * room that holds it, which always succeeds without pref when the model's
 * nested room rows hold.  Returns 0, or -1 when some meeting found no room
 * (used is scratch: nrooms bytes). */
static int assign_rooms(const rs_model *m, const rs_event *ev, int k, int v, const int *list,
                        int n, int pref, unsigned char *used, int *room_of)
{
    const rs_keep *keep = m->keep;
    memset(used, 0, (size_t)ev->nrooms);
    for (int i = 0; i < n; i++)
        room_of[i] = -1;
    for (int pass = 0; keep && pass < 1 + pref; pass++)
        for (int i = 0; i < n; i++) {
            int p = list[2 * i + 1], r = keep->room[p];
            if (keep->slot[p] != k || ev->rooms[r].venue != v || used[r] ||
                !ev->rooms[r].avail[k] || (pass == 0) != (keep->locked[p] != 0) ||
                ev->rooms[r].capacity < list[2 * i])
                continue;
            used[r] = 1;
            room_of[i] = r;
        }
    for (int i = 0; i < n; i++) {
        if (room_of[i] >= 0)
            continue;
        int best = -1;
        for (int r = 0; r < ev->nrooms; r++) {
            const rs_room *rm = &ev->rooms[r];
            if (rm->venue != v || !rm->avail[k] || used[r] || rm->capacity < list[2 * i] ||
                (keep && keep->taken[(size_t)r * (size_t)ev->nslots + (size_t)k]))
                continue;
            if (best < 0 || rm->capacity < ev->rooms[best].capacity)
                best = r;
        }
        if (best < 0)
            return -1;
        used[best] = 1;
        room_of[i] = best;
    }
    return 0;
}

rs_schedule *rs_model_extract(const rs_model *m, const rs_event *ev)
{
    rs_schedule *s = rs_schedule_new();
    int *list = malloc(((size_t)m->nx + 1) * 2 * sizeof(int));
    unsigned char *used = calloc((size_t)ev->nrooms + 1, 1);
    int *room_of = malloc(((size_t)m->nx + 1) * sizeof(int));
    int *svstart = NULL, *svcols = NULL;
    int ok = s && list && used && room_of;
    if (ok)
        sv_index(m, ev, &svstart, &svcols);
    for (int kv = 0; ok && kv < ev->nslots * ev->nvenues; kv++) {
        int k = kv / ev->nvenues, v = kv % ev->nvenues, n = 0;
        for (int c = svstart[kv]; c < svstart[kv + 1]; c++) {
            int j = svcols[c];
            if (glp_mip_col_val(m->lp, j) > 0.5) {
                const rs_pair *pr = &ev->pairs[m->x_pair[j - 1]];
                list[2 * n] = ev->p[pr->inv].team_size + ev->p[pr->sme].team_size;
                list[2 * n + 1] = m->x_pair[j - 1];
                n++;
            }
        }
        if (n == 0)
            continue;
        qsort(list, (size_t)n, 2 * sizeof(int), cmp_need_desc);
        /* locked meetings take their rooms; then, first try, meetings
         * kept in place take their previous room; the rest go by size */
        for (int pref = m->keep ? 1 : 0; ok && pref >= 0; pref--) {
            int got = assign_rooms(m, ev, k, v, list, n, pref, used, room_of);
            if (got < 0 && pref == 0)
                ok = 0;
            if (got < 0)
                continue;
            for (int i = 0; ok && i < n; i++) {
                const rs_pair *pr = &ev->pairs[list[2 * i + 1]];
                if (rs_schedule_add(s, k, room_of[i], pr->sme, &pr->inv, 1, pr->score, 0) != 0)
                    ok = 0;
            }
            break;
        }
    }
    free(list);
    free(used);
    free(room_of);
    rs_glp_free(svstart);
    rs_glp_free(svcols);
    if (!ok) {
        rs_schedule_free(s);
        return NULL;
    }
    rs_schedule_sort(ev, s);
    return s;
}
