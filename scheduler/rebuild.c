/*
 * rebuild.c - rebuilding whole participant-days for the timetable
 * heuristic (rs_tt_rebuild in heur.h).
 *
 * The local search and the annealing move one meeting, two, or a Kempe
 * chain at a time, and re-timing (retime.c) keeps a day's partners.  A
 * day's shape is then hard to change: with at most one gap over the
 * event and a lunch break, an investor whose morning ends at 10:30 can
 * meet nobody after lunch without a gap, and moving its meetings one by
 * one to end the morning at 11:30 gains nothing until the last one has
 * moved, so no improving move goes that way.  Here one investor's whole
 * day is taken out and filled again: from each slot of the day as the
 * first, slot by slot, with the pair of that investor that gains the most
 * there (the day's old partners or any other candidate free then),
 * skipping slots where none gains; in each venue alone and with venues
 * chosen per meeting.  The best filled day, cut after the meeting that
 * made it best, replaces the old one when the contract objective rises.
 * Every placement passes the heuristic's own tests (rs_tt_people_ok),
 * taking the day out those of its partners' days (rs_tt_pair_day_ok), so
 * no rule is ever broken, and the objective moves by the heuristic's
 * exact deltas.
 */
#include "heur_state.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rounds over every investor-day at most; a round that keeps nothing
 * ends the search sooner. */
#define REBUILD_ROUNDS 5

typedef struct {
    rs_tt *h;
    const rs_event *ev;
    int *first, *adj;        /* per participant: its placeable pairs    */
    rs_placement *saved;     /* the day's meetings taken out            */
    rs_placement *trial;     /* the meetings of the fill being tried    */
} rebuild_t;

/* A room at slot k for pair q in venue v (v < 0: the first venue of the
 * heuristic's order that takes it), or -1. */
static int room_for(rebuild_t *R, int q, int k, int v)
{
    rs_tt *h = R->h;
    if (v >= 0) {
        int r = rs_tt_free_room(h, v, k, h->need[q]);
        return r >= 0 && rs_tt_people_ok(h, q, k, v) ? r : -1;
    }
    rs_tt_venue_order(h, q, k, h->vorder);
    for (int i = 0; i < R->ev->nvenues; i++) {
        int r = rs_tt_free_room(h, h->vorder[i], k, h->need[q]);
        if (r >= 0 && rs_tt_people_ok(h, q, k, h->vorder[i]))
            return r;
    }
    return -1;
}

/* Fills p's day d from slot a on, in venue v (< 0: any), placing at each
 * slot the pair of p that gains the most there when it gains.  The fill
 * stays in the timetable, its meetings in R->trial; returns how many.
 * g is the gain before the fill (the day's meetings taken out); *best
 * rises to the best gain met after a meeting, *best_n to the meetings
 * placed by then. */
static int fill_day(rebuild_t *R, int p, int d, int a, int v, double g, double *best, int *best_n)
{
    rs_tt *h = R->h;
    const rs_event *ev = R->ev;
    const unsigned char *row = rs_tt_row(h, p);
    int n = 0, end = ev->days[d].first_slot + ev->days[d].nslots;
    for (int k = a; k < end && h->count[p] < ev->p[p].max_meetings; k++) {
        if (!ev->p[p].avail[k] || row[k])
            continue;
        int bq = -1, br = -1;
        double bg = 0;
        for (int e = R->first[p]; e < R->first[p + 1]; e++) {
            int q = R->adj[e], o = rs_pair_other(ev, q, p);
            if (h->pair_m[q] >= 0 || !ev->p[o].avail[k] || rs_tt_row(h, o)[k] ||
                h->count[o] >= ev->p[o].max_meetings)
                continue;
            double gq = rs_tt_add_gain(h, q, k);
            if (gq <= bg + RS_EPS)
                continue;
            int r = room_for(R, q, k, v);
            if (r < 0)
                continue;
            bq = q;
            br = r;
            bg = gq;
        }
        if (bq < 0 || rs_tt_place(h, bq, k, br) != 0)
            continue;
        R->trial[n++] = (rs_placement){bq, k, br};
        g += bg;
        if (g > *best + RS_EPS) {
            *best = g;
            *best_n = n;
        }
    }
    return n;
}

/* Takes the last n meetings of R->trial out again, down to keep. */
static void unfill(rebuild_t *R, int n, int keep)
{
    while (n > keep) {
        n--;
        rs_tt_unplace(R->h, R->h->pair_m[R->trial[n].pair]);
    }
}

/* Rebuilds p's day d when some fill raises the objective: 1 when kept,
 * else 0 with the day as it was.  Days with a must or locked meeting
 * are left alone, and so are days whose partners would break a travel
 * time or a gap cap with the day's meetings taken out. */
static int rebuild_day(rebuild_t *R, int p, int d)
{
    rs_tt *h = R->h;
    const rs_event *ev = R->ev;
    int f = ev->days[d].first_slot, ns = ev->days[d].nslots, n = 0;
    const int *pm = h->pm + (size_t)p * (size_t)h->ns;
    for (int k = f; k < f + ns; k++)
        if (pm[k] >= 0) {
            if (!rs_tt_movable(h, pm[k]))
                return 0;
            R->saved[n++] = h->m[pm[k]];
        }
    double out = 0;
    for (int j = 0; j < n; j++) {
        int i = h->pair_m[R->saved[j].pair];
        out += rs_tt_remove_gain(h, i);
        rs_tt_unplace(h, i);
    }
    int ok = 1;
    for (int j = 0; j < n && ok; j++)
        ok = rs_tt_pair_day_ok(h, R->saved[j].pair, R->saved[j].slot);
    double best = 0; /* the day as it was */
    int bv = 0, ba = -1, bn = 0;
    for (int v = ev->nvenues > 1 ? -1 : 0; ok && v < ev->nvenues; v++)
        for (int a = f; a < f + ns; a++) {
            if (!ev->p[p].avail[a])
                continue;
            int got = 0;
            double was = best;
            unfill(R, fill_day(R, p, d, a, v, out, &best, &got), 0);
            if (best > was) {
                bv = v;
                ba = a;
                bn = got;
            }
        }
    if (ba >= 0) { /* the same fill again (the same state), cut at its best */
        double again = -HUGE_VAL;
        int got = 0;
        unfill(R, fill_day(R, p, d, ba, bv, out, &again, &got), bn);
        return 1;
    }
    for (int j = 0; j < n; j++)
        rs_tt_place(h, R->saved[j].pair, R->saved[j].slot, R->saved[j].room);
    return 0;
}

long rs_tt_rebuild(rs_tt *h, double deadline, volatile sig_atomic_t *interrupt)
{
    const rs_event *ev = h->ev;
    long kept = 0;
    if (h->keep)
        return 0;
    rebuild_t R = {.h = h, .ev = ev};
    /* the meetings in their order: taking a day out and putting it back
     * moves meetings in h's list, and the phases after this one go
     * through that list, so a search that keeps nothing leaves it as it
     * was (the same schedule, byte for byte, as without this search) */
    int n0 = 0;
    const rs_placement *m0 = rs_tt_meetings(h, &n0);
    rs_placement *order = malloc(((size_t)n0 + 1) * sizeof(rs_placement));
    if (order && n0 > 0) /* an empty timetable has no list at all */
        memcpy(order, m0, (size_t)n0 * sizeof(rs_placement));
    int *deg = calloc((size_t)ev->np + 1, sizeof(int));
    int *on = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    R.first = calloc((size_t)ev->np + 2, sizeof(int));
    R.adj = calloc(2 * (size_t)ev->npairs + 1, sizeof(int));
    R.saved = malloc(((size_t)h->ns + 1) * sizeof(rs_placement));
    R.trial = malloc(((size_t)h->ns + 1) * sizeof(rs_placement));
    if (!order || !deg || !on || !R.first || !R.adj || !R.saved || !R.trial)
        goto done;
    for (int q = 0; q < ev->npairs; q++)
        on[q] = rs_pair_placeable(ev, q);
    rs_pair_lists(ev, on, deg, R.first, R.adj);
    /* investors' days: they hold most meetings each, so their days'
     * shapes decide the rooms' use; on events without investors,
     * everyone's */
    for (int round = 0; round < REBUILD_ROUNDS; round++) {
        long before = kept;
        for (int p = 0; p < ev->np; p++) {
            if (!ev->p[p].is_investor && ev->ninv > 0)
                continue;
            for (int d = 0; d < ev->ndays; d++) {
                if (rs_now() > deadline || (interrupt && *interrupt))
                    goto done;
                kept += rebuild_day(&R, p, d);
            }
        }
        if (kept == before)
            break;
    }
done:
    if (kept == 0 && order)
        rs_tt_reset(h, order, n0);
    free(order);
    free(deg);
    free(on);
    free(R.first);
    free(R.adj);
    free(R.saved);
    free(R.trial);
    return kept;
}
