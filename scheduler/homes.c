/*
 * homes.c - a home venue for each investor and day (see homes.h, and
 * docs/solving.md "Home venues").
 *
 * At an event held in several venues an investor who changes venue within
 * a day pays the travel in idle slots, and so does every SME that follows
 * it.  When rooms are nearly full, the timetable heuristics, placing one
 * meeting at a time wherever a room is free, send investors from venue to
 * venue (on the four-venue benchmark shape 54 changes in 71
 * investor-days).  Homes fix that up front: each investor keeps to one
 * venue a day, and investors who share SMEs share a venue, so that an
 * SME's partners of a day sit in one place.  It is a balanced grouping:
 * greedy by load, then moves and swaps while they put more of an SME's
 * partners together, each venue taking about its share of the day's
 * room-slots.
 */
#include "homes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define HOME_PASSES 50 /* rounds of moves and swaps at most            */
#define HOME_WORK 50000000L /* swaps weighed per day at most: a bound on
                               the time (well under a second) that
                               events of thousands of investors and many
                               venues would otherwise take, as a count so
                               that the homes stay the same every run  */

/* One day's grouping: the investors as nodes with their loads, the
 * SMEs' partner lists, and per investor and venue how many of its
 * partner links (two investors meeting one SME) lie in that venue. */
typedef struct {
    int nv;
    const int *sfirst, *slist;  /* per SME (index - ninv) its investors */
    const int *ifirst, *ilist;  /* per investor its SMEs (index - ninv) */
    double *load;               /* ni: expected meetings this day        */
    double *vload, *lim;        /* nv                                    */
    long *A;                    /* ni x nv                               */
    int *home;                  /* ni: venue or -1                       */
} group_t;

/* Puts investor i in venue v (-1: none), keeping A and the loads. */
static void put(group_t *g, int i, int v)
{
    int old = g->home[i];
    if (old == v)
        return;
    for (int a = g->ifirst[i]; a < g->ifirst[i + 1]; a++) {
        int s = g->ilist[a];
        for (int b = g->sfirst[s]; b < g->sfirst[s + 1]; b++) {
            int j = g->slist[b];
            if (j == i)
                continue;
            if (old >= 0)
                g->A[(size_t)j * (size_t)g->nv + (size_t)old]--;
            if (v >= 0)
                g->A[(size_t)j * (size_t)g->nv + (size_t)v]++;
        }
    }
    if (old >= 0)
        g->vload[old] -= g->load[i];
    if (v >= 0)
        g->vload[v] += g->load[i];
    g->home[i] = v;
}

/* SMEs investors i and j both meet. */
static long shared(const group_t *g, int i, int j)
{
    long n = 0;
    for (int a = g->ifirst[i]; a < g->ifirst[i + 1]; a++) {
        int s = g->ilist[a];
        for (int b = g->sfirst[s]; b < g->sfirst[s + 1]; b++)
            n += g->slist[b] == j;
    }
    return n;
}

/* Whether venue v can take extra more meetings this day. */
static int fits(const group_t *g, int v, double extra)
{
    return g->vload[v] + extra <= g->lim[v] + 1e-9;
}

/* Greedy: the heaviest investor first into the venue holding most of its
 * partner links among those it fits, ties to the venue with most room
 * left; one that fits nowhere goes where most room is left. */
static void greedy(group_t *g, const int *ord, int n)
{
    for (int a = 0; a < n; a++) {
        int i = ord[a], bv = -1;
        for (int v = 0; v < g->nv; v++) {
            if (g->lim[v] <= 0 || !fits(g, v, g->load[i]))
                continue;
            long av = g->A[(size_t)i * (size_t)g->nv + (size_t)v];
            long ab = bv < 0 ? -1 : g->A[(size_t)i * (size_t)g->nv + (size_t)bv];
            if (bv < 0 || av > ab ||
                (av == ab && g->lim[v] - g->vload[v] > g->lim[bv] - g->vload[bv] + 1e-9))
                bv = v;
        }
        for (int v = 0; v < g->nv; v++) /* fits nowhere: most room left */
            if (g->lim[v] > 0 && (bv < 0 || (!fits(g, bv, g->load[i]) &&
                                             g->lim[v] - g->vload[v] >
                                                 g->lim[bv] - g->vload[bv] + 1e-9)))
                bv = v;
        put(g, i, bv);
    }
}

/* Moves and swaps while one puts more partner links inside venues and
 * keeps every venue within its limit; at most HOME_PASSES rounds and
 * HOME_WORK swaps weighed, in index order, so the grouping is the same
 * every run. */
static void improve(group_t *g, const int *ord, int n)
{
    int nv = g->nv;
    long work = 0;
    for (int pass = 0; pass < HOME_PASSES && work < HOME_WORK; pass++) {
        int changed = 0;
        for (int a = 0; a < n; a++) {
            int i = ord[a], vi = g->home[i];
            const long *Ai = g->A + (size_t)i * (size_t)nv;
            for (int v = 0; v < nv && g->home[i] == vi; v++) {
                long gain = Ai[v] - Ai[vi];
                if (v == vi || g->lim[v] <= 0)
                    continue;
                if (gain > 0 && fits(g, v, g->load[i])) {
                    put(g, i, v);
                    changed = 1;
                    break;
                }
                for (int b = 0; b < n && work < HOME_WORK; b++) {
                    int j = ord[b];
                    work++;
                    if (g->home[j] != v)
                        continue;
                    const long *Aj = g->A + (size_t)j * (size_t)nv;
                    long gj = gain + Aj[vi] - Aj[v];
                    if (gj <= 0 || !fits(g, v, g->load[i] - g->load[j]) ||
                        !fits(g, vi, g->load[j] - g->load[i]) || gj - 2 * shared(g, i, j) <= 0)
                        continue;
                    put(g, i, v);
                    put(g, j, vi);
                    changed = 1;
                    break;
                }
            }
        }
        if (!changed)
            break;
    }
}

int rs_homes(const rs_event *ev, const int *pairs, int n, int **homes)
{
    *homes = NULL;
    int nv = ev->nvenues, ni = ev->ninv, ns = ev->nsme, nd = ev->ndays, rc = -1;
    group_t g;
    memset(&g, 0, sizeof g);
    if (nv <= 1 || ni == 0 || n <= 0)
        return 0;
    int *sfirst = calloc((size_t)ns + 1, sizeof(int)), *ifirst = calloc((size_t)ni + 1, sizeof(int));
    int *slist = malloc((size_t)n * sizeof(int) + 1), *ilist = malloc((size_t)n * sizeof(int) + 1);
    int *fill = malloc(((size_t)(ns > ni ? ns : ni) + 1) * sizeof(int));
    int *ord = malloc((size_t)ni * sizeof(int)), *home = malloc((size_t)ni * sizeof(int));
    int *total = calloc((size_t)ni, sizeof(int)), *avail = calloc((size_t)ni * (size_t)nd, sizeof(int));
    int *out = malloc((size_t)ni * (size_t)nd * sizeof(int));
    double *load = malloc((size_t)ni * sizeof(double)), *vload = malloc((size_t)nv * sizeof(double));
    double *lim = malloc((size_t)nv * sizeof(double)), *cap = malloc((size_t)nv * sizeof(double));
    double *key = malloc((size_t)ni * sizeof(double));
    long *A = malloc((size_t)ni * (size_t)nv * sizeof(long));
    if (!sfirst || !ifirst || !slist || !ilist || !fill || !ord || !home || !total || !avail ||
        !out || !load || !vload || !lim || !cap || !key || !A)
        goto done;
    /* the chosen one-to-one pairs, by SME and by investor */
    for (int a = 0; a < n; a++) {
        const rs_pair *pr = &ev->pairs[pairs[a]];
        if (pr->peer)
            continue;
        sfirst[rs_sme_col(ev, pr->sme) + 1]++;
        ifirst[pr->inv + 1]++;
        total[pr->inv]++;
    }
    for (int s = 0; s < ns; s++)
        sfirst[s + 1] += sfirst[s];
    for (int i = 0; i < ni; i++)
        ifirst[i + 1] += ifirst[i];
    memcpy(fill, sfirst, (size_t)ns * sizeof(int));
    for (int a = 0; a < n; a++) {
        const rs_pair *pr = &ev->pairs[pairs[a]];
        if (!pr->peer)
            slist[fill[rs_sme_col(ev, pr->sme)]++] = pr->inv;
    }
    memcpy(fill, ifirst, (size_t)ni * sizeof(int));
    for (int a = 0; a < n; a++) {
        const rs_pair *pr = &ev->pairs[pairs[a]];
        if (!pr->peer)
            ilist[fill[pr->inv]++] = rs_sme_col(ev, pr->sme);
    }
    for (int i = 0; i < ni; i++)
        for (int k = 0; k < ev->nslots; k++)
            avail[(size_t)i * (size_t)nd + (size_t)ev->slots[k].day] += ev->p[i].avail[k];
    g = (group_t){nv, sfirst, slist, ifirst, ilist, load, vload, lim, A, home};
    for (int d = 0; d < nd; d++) {
        /* each investor's meetings spread over its days by available
         * slots; each venue's limit its share of the day's room-slots
         * plus half the largest load, so that a grouping exists */
        double day_load = 0, day_cap = 0, most = 0;
        int m = 0;
        for (int v = 0; v < nv; v++)
            cap[v] = vload[v] = 0;
        for (int r = 0; r < ev->nrooms; r++)
            for (int k = ev->days[d].first_slot; k < ev->days[d].first_slot + ev->days[d].nslots;
                 k++)
                cap[ev->rooms[r].venue] += ev->rooms[r].avail[k];
        for (int i = 0; i < ni; i++) {
            int all = 0, here = avail[(size_t)i * (size_t)nd + (size_t)d];
            for (int e = 0; e < nd; e++)
                all += avail[(size_t)i * (size_t)nd + (size_t)e];
            int meets = total[i] < ev->p[i].max_meetings ? total[i] : ev->p[i].max_meetings;
            load[i] = all > 0 ? (double)meets * here / all : 0;
            home[i] = -1;
            if (load[i] > 0) {
                ord[m] = i;
                key[i] = load[i];
                m++;
            }
            day_load += load[i];
            most = fmax(most, load[i]);
        }
        for (int v = 0; v < nv; v++)
            day_cap += cap[v];
        for (int v = 0; v < nv; v++)
            lim[v] = day_cap > 0 && cap[v] > 0 ? cap[v] * day_load / day_cap + most / 2 : 0;
        memset(A, 0, (size_t)ni * (size_t)nv * sizeof(long));
        rs_sort(ord, (size_t)m, sizeof(int), rs_cmp_index_value_desc, key);
        if (day_cap > 0) {
            greedy(&g, ord, m);
            improve(&g, ord, m);
        }
        for (int i = 0; i < ni; i++)
            out[(size_t)i * (size_t)nd + (size_t)d] = home[i];
    }
    *homes = out;
    out = NULL;
    rc = 0;
done:
    free(sfirst);
    free(ifirst);
    free(slist);
    free(ilist);
    free(fill);
    free(ord);
    free(home);
    free(total);
    free(avail);
    free(out);
    free(load);
    free(vload);
    free(lim);
    free(cap);
    free(key);
    free(A);
    return rc;
}
