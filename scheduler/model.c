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
    if (!a->avail[k] || !b->avail[k])
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
static int sv_index(const rs_model *m, const rs_event *ev, int **start, int **cols)
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
    return 0;
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
    const int ns = ev->nslots, nv = ev->nvenues;
#define PK(i, k) ((size_t)(i) * (size_t)ns + (size_t)(k))
#define CNT(i, k) (start[PK(i, k) + 1] - start[PK(i, k)])
#define ADD_Y(row, i, k, coef)                                                   \
    for (int q_ = start[PK(i, k)]; q_ < start[PK(i, k) + 1]; q_++)              \
    rs_mat_add(t, row, cols[q_], coef)

    /* 5. maximum and (soft) minimum meetings per participant (rule 6) */
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *a = &ev->p[i];
        int total = 0;
        for (int k = 0; k < ns; k++)
            total += CNT(i, k);
        if (total > a->max_meetings) {
            int r = rs_mat_row(t, GLP_UP, 0, a->max_meetings);
            for (int k = 0; k < ns; k++)
                ADD_Y(r, i, k, 1);
        }
        if (a->min_meetings > 0) {
            int c = glp_add_cols(m->lp, 1);
            glp_set_col_bnds(m->lp, c, GLP_DB, 0, a->min_meetings);
            glp_set_obj_coef(m->lp, c, -ev->w.min_meetings_shortfall);
            m->sf_col[i] = c;
            int r = rs_mat_row(t, GLP_LO, a->min_meetings, 0);
            rs_mat_add(t, r, c, 1);
            for (int k = 0; k < ns; k++)
                ADD_Y(r, i, k, 1);
        }
    }

    /* 6. consecutive meetings (rule 9): any K+1 chained slots hold <= K */
    for (int i = 0; i < ev->np; i++) {
        int K = ev->p[i].max_consecutive;
        if (K >= ns)
            continue;
        for (int k = 0; k < ns; k++) {
            /* window ending at k: k, prev(k), ... K+1 slots, all usable */
            int len = 0, j = k, ok = 1;
            while (len < K + 1) {
                if (j < 0 || CNT(i, j) == 0) {
                    ok = 0;
                    break;
                }
                len++;
                if (len < K + 1)
                    j = ev->slots[j].prev;
            }
            if (!ok)
                continue;
            int r = rs_mat_row(t, GLP_UP, 0, K);
            for (int w = 0, s = k; w < K + 1; w++, s = ev->slots[s].prev)
                ADD_Y(r, i, s, 1);
        }
    }

    /* 7. travel between venues (rule 8): meetings k1 at v1 and k2 at a
     * venue too far for the gap may not follow each other directly */
    if (nv > 1) {
        int maxt = 0;
        for (int a = 0; a < nv * nv; a++)
            if (ev->travel[a] > maxt)
                maxt = ev->travel[a];
        for (int i = 0; i < ev->np; i++)
            for (int k1 = 0; k1 < ns; k1++) {
                if (CNT(i, k1) == 0)
                    continue;
                int d = ev->slots[k1].day;
                int last = ev->days[d].first_slot + ev->days[d].nslots;
                for (int k2 = k1 + 1; k2 < last; k2++) {
                    int gap = ev->slots[k2].start - ev->slots[k1].end;
                    if (gap >= maxt)
                        break;
                    if (CNT(i, k2) == 0)
                        continue;
                    for (int v1 = 0; v1 < nv; v1++) {
                        int r = 0;
                        for (int q = start[PK(i, k1)]; q < start[PK(i, k1) + 1]; q++)
                            if (col_venue[cols[q] - 1] == v1) {
                                if (!r) {
                                    int any = 0;
                                    for (int q2 = start[PK(i, k2)]; q2 < start[PK(i, k2) + 1]; q2++)
                                        any |= rs_travel(ev, v1, col_venue[cols[q2] - 1]) > gap;
                                    if (!any)
                                        break;
                                    r = rs_mat_row(t, GLP_UP, 0, 1);
                                }
                                rs_mat_add(t, r, cols[q], 1);
                            }
                        if (!r)
                            continue;
                        for (int q2 = start[PK(i, k2)]; q2 < start[PK(i, k2) + 1]; q2++)
                            if (rs_travel(ev, v1, col_venue[cols[q2] - 1]) > gap)
                                rs_mat_add(t, r, cols[q2], 1);
                        for (int k = k1 + 1; k < k2; k++)
                            ADD_Y(r, i, k, -1);
                    }
                }
            }
    }

    /* 8. idle slots: f (a meeting at or before k), l (at or after k) and
     * idle >= f + l - 1 - y over the span of the participant's usable slots
     * of each day; the objective pushes them to their least values, which
     * are exactly the contract's idle slots */
    if (ev->w.idle_slot > 0)
        for (int i = 0; i < ev->np; i++)
            for (int d = 0; d < ev->ndays; d++) {
                int a = ev->days[d].first_slot, b = a + ev->days[d].nslots - 1;
                while (a <= b && CNT(i, a) == 0)
                    a++;
                while (b >= a && CNT(i, b) == 0)
                    b--;
                if (b - a < 2)
                    continue; /* no slot can lie strictly between two */
                int n = b - a + 1;
                int fc = glp_add_cols(m->lp, 3 * n);
                m->nidle_cols += 3 * n;
                if (m->nblk == m->capblk) {
                    int nc = m->capblk ? m->capblk * 2 : 256;
                    rs_idle_blk *nb = realloc(m->blk, (size_t)nc * sizeof(rs_idle_blk));
                    if (!nb)
                        return RS_ENOMEM;
                    m->blk = nb;
                    m->capblk = nc;
                }
                m->blk[m->nblk++] = (rs_idle_blk){i, a, n, fc};
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
                    if (CNT(i, k) > 0) {
                        r = rs_mat_row(t, GLP_LO, 0, 0); /* f >= y */
                        rs_mat_add(t, r, f, 1);
                        ADD_Y(r, i, k, -1);
                        r = rs_mat_row(t, GLP_LO, 0, 0); /* l >= y */
                        rs_mat_add(t, r, l, 1);
                        ADD_Y(r, i, k, -1);
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
                        ADD_Y(r, i, k, 1);
                    }
                }
            }
#undef ADD_Y
#undef CNT
#undef PK
    return RS_OK;
}

rs_code rs_model_build(const rs_event *ev, const rs_keep *keep, rs_model *m)
{
    rs_code rc = RS_ENOMEM;
    const int ns = ev->nslots, nv = ev->nvenues;
    const size_t pk = (size_t)ev->np * (size_t)ns;
    rs_mat t;
    int *cnt = NULL, *start = NULL, *cols = NULL, *fill = NULL, *needs = NULL;
    int *svstart = NULL, *svcols = NULL;
    memset(&t, 0, sizeof t);
    memset(m, 0, sizeof *m);
    m->keep = keep;

    /* 1. x columns: pair, slot, venue */
    long cap = 1024, nx = 0;
    m->x_pair = malloc((size_t)cap * sizeof(int));
    m->x_slot = malloc((size_t)cap * sizeof(int));
    m->x_venue = malloc((size_t)cap * sizeof(int));
    m->pair_first = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    m->sf_col = calloc((size_t)ev->np + 1, sizeof(int));
    if (!m->x_pair || !m->x_slot || !m->x_venue || !m->pair_first || !m->sf_col)
        goto done;
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
        int need = a->team_size + b->team_size;
        m->pair_first[p] = (int)nx + 1;
        if (a->max_meetings == 0 || b->max_meetings == 0)
            continue;
        for (int k = 0; k < ns; k++) {
            if (!a->avail[k] || !b->avail[k])
                continue;
            for (int v = 0; v < nv; v++) {
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
                        goto done;
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

    m->lp = glp_create_prob();
    glp_set_obj_dir(m->lp, GLP_MAX);
    if (nx > 0)
        glp_add_cols(m->lp, (int)nx);
    for (int j = 1; j <= nx; j++) {
        int p = m->x_pair[j - 1], k = m->x_slot[j - 1], v = m->x_venue[j - 1];
        double bonus = 0;
        glp_set_col_kind(m->lp, j, GLP_BV);
        if (locked_col(ev, keep, p, k, v))
            glp_set_col_bnds(m->lp, j, GLP_FX, 1, 1);
        else if (keep && keep->slot[p] == k && ev->rooms[keep->room[p]].venue == v)
            bonus = keep->move; /* at most what keeping it in its room earns */
        glp_set_obj_coef(m->lp, j, ev->pairs[p].score + bonus);
    }

    /* per participant and slot: the x columns that involve them (CSR) */
    cnt = rs_glp_calloc(pk + 1, sizeof(int));
    start = rs_glp_calloc(pk + 2, sizeof(int));
    fill = rs_glp_calloc(pk + 1, sizeof(int));
    cols = rs_glp_calloc((size_t)nx * 2 + 1, sizeof(int));
    for (long j = 0; j < nx; j++) {
        const rs_pair *pr = &ev->pairs[m->x_pair[j]];
        cnt[(size_t)pr->inv * (size_t)ns + (size_t)m->x_slot[j]]++;
        cnt[(size_t)pr->sme * (size_t)ns + (size_t)m->x_slot[j]]++;
    }
    for (size_t i = 0; i < pk; i++)
        start[i + 1] = start[i] + cnt[i];
    for (long j = 0; j < nx; j++) {
        const rs_pair *pr = &ev->pairs[m->x_pair[j]];
        size_t a = (size_t)pr->inv * (size_t)ns + (size_t)m->x_slot[j];
        size_t b = (size_t)pr->sme * (size_t)ns + (size_t)m->x_slot[j];
        cols[start[a] + fill[a]++] = (int)j + 1;
        cols[start[b] + fill[b]++] = (int)j + 1;
    }
#define PK(i, k) ((size_t)(i) * (size_t)ns + (size_t)(k))
#define ADD_Y(row, i, k, coef)                                                   \
    for (int q_ = start[PK(i, k)]; q_ < start[PK(i, k) + 1]; q_++)              \
    rs_mat_add(&t, row, cols[q_], coef)

    /* 2. nobody in two meetings at once (rule 2) */
    for (int i = 0; i < ev->np; i++)
        for (int k = 0; k < ns; k++)
            if (cnt[PK(i, k)] > 1) {
                int r = rs_mat_row(&t, GLP_UP, 0, 1);
                ADD_Y(r, i, k, 1);
            }

    /* 3. rooms per venue and slot, nested by size (rules 2 and 3) */
    needs = rs_glp_calloc((size_t)ev->npairs + 1, sizeof(int));
    int nneeds = 0;
    for (int p = 0; p < ev->npairs; p++)
        needs[nneeds++] = ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size;
    qsort(needs, (size_t)nneeds, sizeof(int), cmp_int);
    int nd = 0;
    for (int i = 0; i < nneeds; i++)
        if (nd == 0 || needs[nd - 1] != needs[i])
            needs[nd++] = needs[i];
    if (sv_index(m, ev, &svstart, &svcols) != 0)
        goto done;
    for (int kv = 0; kv < ns * nv; kv++) {
        int k = kv / nv, v = kv % nv;
        for (int d = 0; d < nd; d++) {
            int q = needs[d], r = 0;
            for (int c = svstart[kv]; c < svstart[kv + 1]; c++) {
                const rs_pair *pr = &ev->pairs[m->x_pair[svcols[c] - 1]];
                if (ev->p[pr->inv].team_size + ev->p[pr->sme].team_size < q ||
                    locked_col(ev, keep, m->x_pair[svcols[c] - 1], k, v))
                    continue;
                if (r == 0)
                    r = rs_mat_row(&t, GLP_UP, 0, rs_rooms_holding(ev, keep, v, k, q));
                rs_mat_add(&t, r, svcols[c], 1);
            }
        }
    }

    /* 4. a pair meets at most once; a must pair exactly once (rules 4, 7) */
    for (int p = 0; p < ev->npairs; p++) {
        int a = m->pair_first[p], b = m->pair_first[p + 1];
        if (ev->pairs[p].must) {
            int r = rs_mat_row(&t, GLP_FX, 1, 1); /* empty when it cannot be met */
            for (int j = a; j < b; j++)
                rs_mat_add(&t, r, j, 1);
        } else if (b - a > 1) {
            int r = rs_mat_row(&t, GLP_UP, 0, 1);
            for (int j = a; j < b; j++)
                rs_mat_add(&t, r, j, 1);
        }
    }

    if (rs_model_person_rows(ev, m, &t, start, cols, m->x_venue) != RS_OK)
        goto done;
#undef ADD_Y
#undef PK
    rs_mat_load(&t, m->lp);
    rc = RS_OK;
done:
    rs_mat_free(&t);
    rs_glp_free(cnt);
    rs_glp_free(start);
    rs_glp_free(fill);
    rs_glp_free(cols);
    rs_glp_free(needs);
    rs_glp_free(svstart);
    rs_glp_free(svcols);
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
    int ok = s && list && used && room_of && sv_index(m, ev, &svstart, &svcols) == 0;
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
