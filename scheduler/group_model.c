/*
 * group_model.c - the group format's bounds and compact model (see
 * group_model.h, and group.h for the model's rows).
 *
 * Everything that calls GLPK runs inside the group solver's guarded GLPK
 * call; scratch that lives across GLPK calls is GLPK memory, and what
 * outlives a function hangs off the rs_gmodel.
 */
#include "group_model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void rs_gm_free(rs_gmodel *g)
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
 * both available and taking meetings, the windows of their requests
 * allowing k (rule 11), and a room of v free then holding the SME, i and
 * group_min_investors - 1 more people. */
static int x_possible(const rs_event *ev, int i, int s, int k, int v)
{
    const rs_participant *a = &ev->p[i], *b = &ev->p[s];
    int p = rs_pair_index(ev, i, s);
    if (!a->avail[k] || !b->avail[k] || a->max_meetings == 0 || b->max_meetings == 0 ||
        (p >= 0 && !rs_pair_slot_ok(ev, p, k)))
        return 0;
    int need = a->team_size + b->team_size + ev->group_min_investors - 1;
    return rs_rooms_holding(ev, NULL, v, k, need) > 0;
}

long rs_gm_count_x(const rs_event *ev)
{
    long n = 0;
    for (int p = 0; p < ev->npairs; p++)
        for (int k = 0; k < ev->nslots; k++)
            for (int v = 0; v < ev->nvenues; v++)
                n += x_possible(ev, ev->pairs[p].inv, ev->pairs[p].sme, k, v);
    return n;
}

/* The compact model's scratch while it is built: per pitch place (SME,
 * slot, venue) the x columns possible there (xcnt), the room sizes of one
 * place (caps), and the busy columns per participant and slot (a CSR:
 * cols from start), all GLPK scratch memory freed at the end of
 * rs_gm_build; capx and capy are the x and y columns allocated. */
typedef struct {
    const rs_event *ev;
    rs_gmodel *g;
    int *xcnt, *caps, *fill, *start, *cols;
    int capx, capy;
    rs_mat t;
} gbuild;

/* Makes room for column n in the na arrays *a[i], each *cap long,
 * doubling *cap (from 1024).  0, or -1 when out of memory (every array
 * stays valid, to be freed with the model). */
static int grow_cols(int n, int *cap, int **a[], int na)
{
    if (n < *cap)
        return 0;
    int c = *cap ? *cap * 2 : 1024;
    for (int i = 0; i < na; i++) {
        int *p = realloc(*a[i], (size_t)c * sizeof(int));
        if (!p)
            return -1;
        *a[i] = p;
    }
    *cap = c;
    return 0;
}

/* The pitch places where a panel can reach group_min_investors: xcnt,
 * the possible x columns per (SME, slot, venue). */
static void gm_places(gbuild *b)
{
    const rs_event *ev = b->ev;
    for (int p = 0; p < ev->npairs; p++)
        for (int k = 0; k < ev->nslots; k++)
            for (int v = 0; v < ev->nvenues; v++)
                if (x_possible(ev, ev->pairs[p].inv, ev->pairs[p].sme, k, v))
                    b->xcnt[skv(ev, ev->pairs[p].sme, k, v)]++;
}

/* Section 1, the x columns by pair, slot and venue at places that can
 * hold a panel, with g->pair_first, and their index per place (g->xsv).
 * RS_OK or RS_ENOMEM. */
static rs_code gm_x_columns(gbuild *b)
{
    const rs_event *ev = b->ev;
    rs_gmodel *g = b->g;
    const size_t nskv = (size_t)ev->nsme * (size_t)ev->nslots * (size_t)ev->nvenues;
    int **x[] = {&g->x_pair, &g->x_slot, &g->x_venue};
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        g->pair_first[p] = g->nx + 1;
        for (int k = 0; k < ev->nslots; k++)
            for (int v = 0; v < ev->nvenues; v++) {
                if (b->xcnt[skv(ev, pr->sme, k, v)] < ev->group_min_investors ||
                    !x_possible(ev, pr->inv, pr->sme, k, v))
                    continue;
                if (grow_cols(g->nx, &b->capx, x, 3) != 0)
                    return RS_ENOMEM;
                g->x_pair[g->nx] = p;
                g->x_slot[g->nx] = k;
                g->x_venue[g->nx] = v;
                g->nx++;
                g->xsv_start[skv(ev, pr->sme, k, v) + 1]++;
            }
    }
    g->pair_first[ev->npairs] = g->nx + 1;
    for (size_t c = 0; c < nskv; c++)
        g->xsv_start[c + 1] += g->xsv_start[c];
    g->xsv = malloc(((size_t)g->nx + 1) * sizeof(int));
    b->fill = rs_glp_calloc(nskv + 1, sizeof(int));
    if (!g->xsv)
        return RS_ENOMEM;
    for (int j = 0; j < g->nx; j++) {
        size_t c = skv(ev, ev->pairs[g->x_pair[j]].sme, g->x_slot[j], g->x_venue[j]);
        g->xsv[g->xsv_start[c] + b->fill[c]++] = j + 1;
    }
    return RS_OK;
}

/* Section 2, the y columns by SME, slot, venue and room size: one per
 * distinct size of the venue's rooms open then that hold the SME's team
 * and a minimal panel, at places that can hold a panel; g->ysv_start
 * indexes them per place.  RS_OK or RS_ENOMEM. */
static rs_code gm_y_columns(gbuild *b)
{
    const rs_event *ev = b->ev;
    rs_gmodel *g = b->g;
    const int ns = ev->nslots, nv = ev->nvenues, gmin = ev->group_min_investors;
    int **y[] = {&g->y_sme, &g->y_slot, &g->y_venue, &g->y_cap};
    for (int s = ev->ninv; s < ev->np; s++)
        for (int k = 0; k < ns; k++)
            for (int v = 0; v < nv; v++) {
                size_t c = skv(ev, s, k, v);
                g->ysv_start[c] = g->nx + g->ny + 1;
                if (b->xcnt[c] < gmin)
                    continue;
                int nc = 0;
                for (int r = 0; r < ev->nrooms; r++) {
                    const rs_room *rm = &ev->rooms[r];
                    if (rm->venue != v || !rm->avail[k] ||
                        rm->capacity < ev->p[s].team_size + gmin)
                        continue;
                    int dup = 0;
                    for (int q = 0; q < nc; q++)
                        dup |= b->caps[q] == rm->capacity;
                    if (!dup)
                        b->caps[nc++] = rm->capacity;
                }
                for (int q = 0; q < nc; q++) {
                    if (grow_cols(g->ny, &b->capy, y, 4) != 0)
                        return RS_ENOMEM;
                    g->y_sme[g->ny] = s;
                    g->y_slot[g->ny] = k;
                    g->y_venue[g->ny] = v;
                    g->y_cap[g->ny] = b->caps[q];
                    g->ny++;
                }
            }
    g->ysv_start[(size_t)ev->nsme * (size_t)ns * (size_t)nv] = g->nx + g->ny + 1;
    return RS_OK;
}

/* The GLPK problem with the x and y columns, binary, each x worth its
 * pair's score, and the venue of every column (g->col_venue).  RS_OK or
 * RS_ENOMEM. */
static rs_code gm_problem(gbuild *b)
{
    const rs_event *ev = b->ev;
    rs_gmodel *g = b->g;
    int ncol = g->nx + g->ny;
    g->col_venue = malloc(((size_t)ncol + 1) * sizeof(int));
    if (!g->col_venue)
        return RS_ENOMEM;
    for (int j = 0; j < g->nx; j++)
        g->col_venue[j] = g->x_venue[j];
    for (int j = 0; j < g->ny; j++)
        g->col_venue[g->nx + j] = g->y_venue[j];
    g->m.lp = glp_create_prob();
    glp_set_obj_dir(g->m.lp, GLP_MAX);
    g->m.sf_col = calloc((size_t)ev->np + 1, sizeof(int));
    if (!g->m.sf_col)
        return RS_ENOMEM;
    if (ncol > 0)
        glp_add_cols(g->m.lp, ncol);
    for (int j = 1; j <= ncol; j++) {
        glp_set_col_kind(g->m.lp, j, GLP_BV);
        if (j <= g->nx)
            glp_set_obj_coef(g->m.lp, j, ev->pairs[g->x_pair[j - 1]].score);
    }
    return RS_OK;
}

/* The busy columns per participant and slot, a CSR over np x nslots: x
 * columns for investors, y columns for SMEs. */
static void gm_busy_index(gbuild *b)
{
    const rs_event *ev = b->ev;
    const rs_gmodel *g = b->g;
    const int ns = ev->nslots, ncol = g->nx + g->ny;
    const size_t pk = (size_t)ev->np * (size_t)ns;
    int *cnt = rs_glp_calloc(pk + 1, sizeof(int));
    b->start = rs_glp_calloc(pk + 2, sizeof(int));
    b->cols = rs_glp_calloc((size_t)ncol + 1, sizeof(int));
    rs_glp_free(b->fill);
    b->fill = rs_glp_calloc(pk + 1, sizeof(int));
    for (int j = 0; j < g->nx; j++)
        cnt[(size_t)ev->pairs[g->x_pair[j]].inv * (size_t)ns + (size_t)g->x_slot[j]]++;
    for (int j = 0; j < g->ny; j++)
        cnt[(size_t)g->y_sme[j] * (size_t)ns + (size_t)g->y_slot[j]]++;
    for (size_t i = 0; i < pk; i++)
        b->start[i + 1] = b->start[i] + cnt[i];
    rs_glp_free(cnt);
    for (int j = 0; j < ncol; j++) {
        size_t c = j < g->nx
                       ? (size_t)ev->pairs[g->x_pair[j]].inv * (size_t)ns + (size_t)g->x_slot[j]
                       : (size_t)g->y_sme[j - g->nx] * (size_t)ns + (size_t)g->y_slot[j - g->nx];
        b->cols[b->start[c] + b->fill[c]++] = j + 1;
    }
}

/* Section 3: a panel member hears a pitch that takes place (x <= sum of
 * the place's y). */
static void gm_rows_hear(gbuild *b)
{
    const rs_gmodel *g = b->g;
    for (int j = 0; j < g->nx; j++) {
        size_t c = skv(b->ev, b->ev->pairs[g->x_pair[j]].sme, g->x_slot[j], g->x_venue[j]);
        int r = rs_mat_row(&b->t, GLP_UP, 0, 0);
        rs_mat_add(&b->t, r, j + 1, 1);
        for (int y = g->ysv_start[c]; y < g->ysv_start[c + 1]; y++)
            rs_mat_add(&b->t, r, y, -1);
    }
}

/* Section 4: per place, the panel's people fit the room (rule 3) and the
 * panel has group_min_investors (rule 4). */
static void gm_rows_panel(gbuild *b)
{
    const rs_event *ev = b->ev;
    const rs_gmodel *g = b->g;
    const int ns = ev->nslots, nv = ev->nvenues;
    const size_t nskv = (size_t)ev->nsme * (size_t)ns * (size_t)nv;
    for (size_t c = 0; c < nskv; c++) {
        if (g->ysv_start[c] == g->ysv_start[c + 1])
            continue;
        int s = ev->ninv + (int)(c / ((size_t)ns * (size_t)nv));
        int rcap = rs_mat_row(&b->t, GLP_UP, 0, 0), rmin = rs_mat_row(&b->t, GLP_LO, 0, 0);
        for (int e = g->xsv_start[c]; e < g->xsv_start[c + 1]; e++) {
            int j = g->xsv[e];
            rs_mat_add(&b->t, rcap, j, ev->p[ev->pairs[g->x_pair[j - 1]].inv].team_size);
            rs_mat_add(&b->t, rmin, j, 1);
        }
        for (int y = g->ysv_start[c]; y < g->ysv_start[c + 1]; y++) {
            rs_mat_add(&b->t, rcap, y, -(g->y_cap[y - g->nx - 1] - ev->p[s].team_size));
            rs_mat_add(&b->t, rmin, y, -ev->group_min_investors);
        }
    }
}

/* Section 5, rule 2: nobody in two pitches at once. */
static void gm_rows_one_place(gbuild *b)
{
    const size_t pk = (size_t)b->ev->np * (size_t)b->ev->nslots;
    for (size_t c = 0; c < pk; c++)
        if (b->start[c + 1] - b->start[c] > 1) {
            int r = rs_mat_row(&b->t, GLP_UP, 0, 1);
            for (int e = b->start[c]; e < b->start[c + 1]; e++)
                rs_mat_add(&b->t, r, b->cols[e], 1);
        }
}

/* Section 6, rules 2 and 3: per venue and slot, for each distinct size q
 * of its rooms open then, the pitches needing a room of q or more are at
 * most the rooms holding q. */
static void gm_rows_rooms(gbuild *b)
{
    const rs_event *ev = b->ev;
    const rs_gmodel *g = b->g;
    for (int k = 0; k < ev->nslots; k++)
        for (int v = 0; v < ev->nvenues; v++)
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
                                row = rs_mat_row(&b->t, GLP_UP, 0, bound);
                            rs_mat_add(&b->t, row, y, 1);
                        }
                }
            }
}

/* Section 7, rules 4 and 7: an investor hears a pitch at most once; a
 * must pair exactly once. */
static void gm_rows_pairs(gbuild *b)
{
    const rs_event *ev = b->ev;
    const rs_gmodel *g = b->g;
    for (int p = 0; p < ev->npairs; p++) {
        int first = g->pair_first[p], end = g->pair_first[p + 1];
        if (ev->pairs[p].must || end - first > 1) {
            int r = ev->pairs[p].must ? rs_mat_row(&b->t, GLP_FX, 1, 1)
                                      : rs_mat_row(&b->t, GLP_UP, 0, 1);
            for (int j = first; j < end; j++)
                rs_mat_add(&b->t, r, j, 1);
        }
    }
}

/* Builds the compact model described in group.h, section by section
 * (the columns, then rows 3 to 8); locals are GLPK scratch, so a GLPK
 * error while they live leaks none of them (the model's own arrays are
 * freed through g). */
rs_code rs_gm_build(const rs_event *ev, rs_gmodel *g)
{
    rs_code rc = RS_ENOMEM;
    const size_t nskv = (size_t)ev->nsme * (size_t)ev->nslots * (size_t)ev->nvenues;
    gbuild b;
    memset(&b, 0, sizeof b);
    memset(g, 0, sizeof *g);
    b.ev = ev;
    b.g = g;
    b.xcnt = rs_glp_calloc(nskv + 1, sizeof(int));
    g->pair_first = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    g->ysv_start = calloc(nskv + 2, sizeof(int));
    g->xsv_start = calloc(nskv + 2, sizeof(int));
    b.caps = rs_glp_calloc((size_t)ev->nrooms + 1, sizeof(int));
    if (!g->pair_first || !g->ysv_start || !g->xsv_start)
        goto done;
    gm_places(&b);
    if (gm_x_columns(&b) != RS_OK || gm_y_columns(&b) != RS_OK || gm_problem(&b) != RS_OK)
        goto done;
    gm_busy_index(&b);
    gm_rows_hear(&b);
    gm_rows_panel(&b);
    gm_rows_one_place(&b);
    gm_rows_rooms(&b);
    gm_rows_pairs(&b);
    /* 8. per participant: maximum, soft minimum, consecutive limit, travel
     * and idle slots, as in the one-to-one model */
    if (rs_model_person_rows(ev, &g->m, &b.t, b.start, b.cols, g->col_venue) != RS_OK)
        goto done;
    rs_mat_load(&b.t, g->m.lp);
    rc = RS_OK;
done:
    rs_mat_free(&b.t);
    rs_glp_free(b.xcnt);
    rs_glp_free(b.start);
    rs_glp_free(b.cols);
    rs_glp_free(b.fill);
    rs_glp_free(b.caps);
    return rc;
}

int rs_gm_vector(const rs_gmodel *g, const rs_gt *h, double *x)
{
    const rs_event *ev = h->ev;
    int n = glp_get_num_cols(g->m.lp);
    for (int j = 1; j <= n; j++)
        x[j] = 0;
    for (int pi = 0; pi < h->npt; pi++) {
        const rs_pitch *P = &h->pt[pi];
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

/* Pitches by slot, venue, most people first, then SME: per slot and
 * venue, the largest pitch takes its room first. */
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

rs_schedule *rs_gm_extract(const rs_gmodel *g, const rs_event *ev)
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
            score += rs_group_pair_score(ev, panel[P->first + j], P->sme);
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

/* Doubles, highest first. */
static int cmp_double_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* The least number of meetings missing below the minimums in any
 * schedule, from counts alone (ncand: each participant's candidates,
 * rs_pair_degrees): a participant short of what its own limits
 * (rs_participant_capacity) and its candidates allow (an investor hears
 * each SME at most once; an SME with fewer candidates than
 * group_min_investors never pitches), and the SMEs' minimums beyond the
 * pitches the event can hold (one per open room-slot, and at most the
 * investors' capacities over group_min_investors), each pitch meeting one
 * SME's minimum at most. */
static long gm_least_shortfall(const rs_event *ev, const int *ncand)
{
    int gmin = ev->group_min_investors > 0 ? ev->group_min_investors : 1;
    long short_lb = 0;
    for (int i = 0; i < ev->ninv; i++) {
        int cap = rs_participant_capacity(ev, i);
        if (ncand[i] < cap)
            cap = ncand[i];
        if (ev->p[i].min_meetings > cap)
            short_lb += ev->p[i].min_meetings - cap;
    }
    for (int c = ev->ninv; c < ev->np; c++) {
        int cap = ncand[c] >= gmin ? rs_participant_capacity(ev, c) : 0;
        int m = ev->p[c].min_meetings;
        short_lb += m > cap ? m - cap : 0;
    }
    rs_pitch_supply s;
    rs_pitch_supply_of(ev, ncand, &s);
    long pitches = s.inv_cap / gmin < s.room_slots ? s.inv_cap / gmin : s.room_slots;
    if (s.wanted > pitches)
        short_lb += s.wanted - pitches;
    return short_lb;
}

double rs_gm_trivial_bound(const rs_event *ev)
{
    double total = 0, *sc = malloc(((size_t)ev->nsme + 1) * sizeof(double));
    int *ncand = rs_pair_degrees(ev);
    if (!sc || !ncand) {
        free(sc);
        free(ncand);
        return NAN;
    }
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
    total -= ev->w.min_meetings_shortfall * (double)gm_least_shortfall(ev, ncand);
    free(ncand);
    return rs_safe_bound(ev, total);
}

/* The idle floor of participant i in the selection model (rs_idle_floor:
 * its least idle slots as a convex function of its meetings; where gaps
 * cost or are capped, or travel binds i alone (rs_travel_binds),
 * rs_gap_floor's, idle slots and gaps in objective units, and no more
 * meetings than its days hold within its max_idle_gaps and travel): a
 * row "meetings - d <= the meetings free of cost", *row (the caller adds
 * the investor's pair columns to it; an SME's pitch column w is added
 * here), with one column d per run of equal positive slope, bounded by
 * the run's length and costing the slope per meeting.
 * The cheapest runs fill first, so the columns cost at most the floor:
 * the model still bounds every schedule.  Nothing when idle slots and
 * gaps cost nothing and nothing is capped, or i holds no meeting.  slope:
 * scratch of nslots + 1.  0, or -1 when out of memory. */
static int gm_idle_floor(const rs_event *ev, int i, int cap, glp_prob *lp, rs_mat *t, int w,
                         int *row, double *slope)
{
    *row = 0;
    int gaps = rs_model_gaps(ev);
    double unit = ev->w.idle_slot;
    if (cap <= 0 || (ev->w.idle_slot <= 0 && !gaps))
        return 0;
    if (cap > ev->nslots)
        cap = ev->nslots; /* one meeting a slot at most */
    if (gaps || rs_travel_binds(ev, i)) {
        int most = cap;
        if (rs_gap_floor(ev, i, cap, slope, &most) != 0)
            return -1;
        cap = most;
        unit = 1; /* already in objective units */
    } else if (rs_idle_floor(ev, i, cap, slope) != 0) {
        return -1;
    }
    int free_units = 0;
    for (int u = 1; u <= cap; u++)
        free_units += slope[u] <= 0;
    *row = rs_mat_row(t, GLP_UP, 0, free_units);
    if (w > 0)
        rs_mat_add(t, *row, w, 1);
    for (int u = 1; u <= cap;) {
        int v = u;
        while (v + 1 <= cap && slope[v + 1] == slope[u])
            v++;
        if (slope[u] > 0) {
            int d = glp_add_cols(lp, 1);
            glp_set_col_bnds(lp, d, GLP_DB, 0, v - u + 1);
            glp_set_obj_coef(lp, d, -unit * slope[u]);
            rs_mat_add(t, *row, d, -1);
        }
        u = v + 1;
    }
    return 0;
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
rs_code rs_gm_selection_bound(const rs_event *ev, int tm_lim, double *bound, long *cols,
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
    int *row_idle = rs_glp_calloc((size_t)ev->np + 1, sizeof(int));
    double *slope = rs_glp_calloc((size_t)ev->nslots + 1, sizeof(double));
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
        if (gm_idle_floor(ev, i, cap, lp, &t, w[i], &row_idle[i], slope) != 0)
            goto done;
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
        rs_mat_add(&t, row_idle[pr->inv], p + 1, 1);
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
    rs_iocp_for_size(&ip, lp, 1);
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
    rs_glp_free(row_idle);
    rs_glp_free(slope);
    return rc;
}

