/*
 * heur_state.h - the inside of the timetable heuristic's state, shared by
 * heur.c (construction, local search, annealing), rebuild.c (whole
 * investor-days filled again) and retime.c (exact re-timing of
 * participant-days), which all move meetings directly; lns.c and the
 * tests read it too.
 *
 * Private to the library.  State is kept as dense maps (participant x
 * slot, room x slot) so that each feasibility test and each change of the
 * objective is computed from a handful of cells: a move only touches the
 * two participants' day rows.
 */
#ifndef RS_HEUR_STATE_H
#define RS_HEUR_STATE_H

#include "heur.h"

#include <stdint.h>

struct rs_tt {
    const rs_event *ev;
    int ns;
    unsigned char *busy;  /* np x ns                                   */
    int *venue;           /* np x ns: venue of the meeting, -1 if free */
    int *pm;              /* np x ns: meeting index, -1 if free        */
    int *room_m;          /* nrooms x ns: meeting index or -1          */
    int *count;           /* meetings per participant                  */
    int *gaps;            /* per participant: its gaps over the event,
                             kept where some are capped (ev->gap_cap),
                             else NULL                                 */
    int *pair_m;          /* per pair: meeting index or -1             */
    int *need;            /* per pair: people in the meeting           */
    rs_placement *m;
    int nm, capm;
    int *vrooms;          /* rooms grouped by venue, by capacity       */
    int *vfirst;          /* nvenues + 1 offsets into vrooms           */
    int *vorder;          /* nvenues: rs_tt_venue_order's answer       */
    int *vpos;            /* nrooms: a room's place in vrooms          */
    uint64_t *freebits;   /* ns x fw words: bit i of slot k's words set
                             when room vrooms[i] is open and free then
                             (rs_tt_free_room reads it instead of
                             scanning a venue's full rooms)            */
    int fw;               /* words per slot                            */
    const rs_keep *keep;  /* re-scheduling, or NULL                    */
    int *home;            /* ninv x ndays: the venue an investor meets
                             in that day, -1 any; NULL: no homes
                             (rs_tt_set_homes)                         */
    int must_moves;       /* musts may move (relocatable in heur.c)      */
    const unsigned char *guide; /* np x ns: the investors' planned slots
                             best_spot keeps to while rs_tt_place_guided
                             runs, else NULL                           */
};

/* Participant p's busy row: nslots bytes, 1 where it is in a meeting. */
static inline unsigned char *rs_tt_row(const rs_tt *h, int p)
{
    return h->busy + (size_t)p * (size_t)h->ns;
}

/* Idle slots of participant p on day d. */
static inline int rs_tt_idle_day(const rs_tt *h, int p, int d)
{
    return rs_idle_day(h->ev, rs_tt_row(h, p), d);
}

/* Change in p's idle slots if its busy bit at k flipped (the same as
 * rs_idle_day after less before, from one look at the day's span: the
 * search asks this for every move it weighs). */
static inline int rs_tt_idle_delta(const rs_tt *h, int p, int k)
{
    const rs_day *day = &h->ev->days[h->ev->slots[k].day];
    const unsigned char *row = rs_tt_row(h, p);
    int a = day->first_slot, b = a + day->nslots - 1;
    while (a <= b && !row[a])
        a++;
    if (a > b)
        return 0; /* a first meeting of the day leaves no idle slot */
    while (!row[b])
        b--;
    if (!row[k]) /* a meeting added at k */
        return k < a ? a - k - 1 : k > b ? k - b - 1 : -1;
    if (a == b)
        return 0; /* the day's only meeting */
    if (k > a && k < b)
        return 1;
    int n = k;
    if (k == a)
        while (!row[++n])
            ;
    else
        while (!row[--n])
            ;
    return -(k == a ? n - a - 1 : b - n - 1);
}

/* Change in p's gaps on the day of slot k if its busy bit at k flipped
 * (the same as rs_gaps_day after less before, from k's neighbours: the
 * search asks this of both people of every meeting it moves where gaps
 * are capped or paid for).  A gap is a run of free slots inside the
 * day's span, so only the runs next to k change.  Between two meetings,
 * k's meeting splits a gap in two by leaving (+1) and fills a one-slot
 * gap by coming (-1); next to one meeting it lengthens or shortens a gap
 * or the span (0); next to none, it opens or closes a gap of its own
 * when the day has another meeting (+1 coming, -1 leaving), else none. */
static inline int rs_tt_gap_delta(const rs_tt *h, int p, int k)
{
    const rs_day *day = &h->ev->days[h->ev->slots[k].day];
    const unsigned char *row = rs_tt_row(h, p);
    int f = day->first_slot, e = f + day->nslots - 1;
    int l = k > f && row[k - 1], r = k < e && row[k + 1];
    if (l && r)
        return row[k] ? 1 : -1;
    if (l || r)
        return 0;
    for (int j = f; j <= e; j++)
        if (row[j] && j != k)
            return row[k] ? -1 : 1;
    return 0;
}

/* Whether both participants of pair can take it at slot k in venue v:
 * below their maxima, and rs_can_add (availability, free, consecutive
 * limit, travel) for each. */
int rs_tt_people_ok(const rs_tt *h, int pair, int k, int v);
/* The smallest free room of venue v at slot k holding need people, or -1. */
int rs_tt_free_room(const rs_tt *h, int v, int k, int need);
/* Adds pair's meeting at slot k in room r (every rule already checked).
 * Returns 0, or -1 when out of memory (nothing changed). */
int rs_tt_place(rs_tt *h, int pair, int k, int r);
/* Removes meeting i; the last meeting takes its index. */
void rs_tt_unplace(rs_tt *h, int i);
/* Puts the meetings of saved[0..n) back where they were, wherever they
 * are now (or not placed at all): the undo of every compound move. */
void rs_tt_put_back(rs_tt *h, const rs_placement *saved, int n);

/* Objective gain of adding pair at slot k (rules not checked), and the
 * change of removing meeting i (negative when it loses): score, the
 * minimums, idle slots and gaps of both participants, and on removal the
 * keep bonus of re-scheduling.  heur.c's moves and rebuild.c use them. */
double rs_tt_add_gain(const rs_tt *h, int pair, int k);
double rs_tt_remove_gain(const rs_tt *h, int i);
/* Whether meeting i may be taken out (not a must, not locked). */
int rs_tt_movable(const rs_tt *h, int i);
/* Whether both participants of pair keep enough travel time and their gap
 * caps on the day of slot k: what taking a meeting out can break. */
int rs_tt_pair_day_ok(const rs_tt *h, int pair, int k);
/* The venues to try for pair at slot k, best first, into
 * order[0..nvenues): the investor's nearest meeting's venue, its home,
 * the SME's nearest meeting's venue, then the rest. */
void rs_tt_venue_order(const rs_tt *h, int pair, int k, int *order);

#endif /* RS_HEUR_STATE_H */
