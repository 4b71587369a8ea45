/*
 * explain.c - why a request was not granted, and why a participant stayed
 * below its minimum.
 *
 * Every reason is a statement about the inputs and the schedule at hand
 * that anyone can check again (tests/test_explain.c does, with the
 * independent checker).  The causes are tried from the most basic to the
 * most specific, and the first that holds is given, with its numbers:
 *
 *   1. the pair is forbidden (an avoid list names it);
 *   2. one side takes no meetings at all (max_meetings 0);
 *   3. no common free slot (both available, and a room open then);
 *   4. every room open in their common slots is too small;
 *   5. every room that holds them is taken by other meetings in all of
 *      their common slots;
 *   6. one side is at its maximum (with how its meetings score);
 *   7. in every common slot with a free room one of them is busy;
 *   8. both were free with a room free, but travel or the consecutive
 *      limit rules out each such slot;
 *   9. otherwise it fits as the timetable stands: the objective change of
 *      adding it at its best place is stated (the optimiser's choice when
 *      it would lower the total, a miss of the search when it would not).
 *
 * In group format an investor joins a pitch as one more panel member, so
 * after 3 (and 6 for the investor) the SME's own pitches come first
 * (group_join_reason): what joining the best one would change, or why
 * the investor is on none of them; causes 4 to 9 then speak of a new
 * pitch, when the SME may give one more, with rooms sized for a minimal
 * panel (pair_need).  An investor's shortfall counts the same way its
 * SMEs whose pitches it could join and those that give all the pitches
 * they may, none of which it can join; an SME's ends with what a new
 * pitch of it could gather (panel_place).
 *
 * Nothing here knows about output formats.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *busy;      /* np x nslots                         */
    int *venue;               /* np x nslots: venue of the meeting   */
    unsigned char *room_busy; /* nrooms x nslots                     */
    int *count;               /* meetings per participant            */
    unsigned char *met;       /* ninv x nsme, then one per candidate
                                 pair (peer pairs): the pair meets    */
    /* per slot, for survey (which runs once per pair it explains, and
       on the largest events over hundreds of thousands of pairs): */
    int *maxcap_open;         /* largest room open, -1 when none     */
    int *maxcap_free;         /* largest room open and not taken     */
    int *free_start, *free_list; /* rooms open and not taken, in room
                                 order (CSR over slots)              */
} state_t;

/* The cell of st->met of participants a and b (either order, either
 * side), or -1 for a same-side pair that is no candidate (never met). */
static long met_cell(const rs_event *ev, int a, int b)
{
    if (ev->p[a].is_investor == ev->p[b].is_investor) {
        int pair = rs_peer_pair_index(ev, a, b);
        return pair < 0 ? -1 : (long)ev->ninv * (long)ev->nsme + pair;
    }
    int inv = ev->p[a].is_investor ? a : b, sme = ev->p[a].is_investor ? b : a;
    return (long)inv * (long)ev->nsme + (long)(sme - ev->ninv);
}

/* Whether participants a and b meet in the schedule. */
static int met_pair(const rs_event *ev, const state_t *st, int a, int b)
{
    long c = met_cell(ev, a, b);
    return c >= 0 && st->met[c];
}

static void state_free(state_t *st)
{
    free(st->busy);
    free(st->venue);
    free(st->room_busy);
    free(st->count);
    free(st->met);
    free(st->maxcap_open);
    free(st->maxcap_free);
    free(st->free_start);
    free(st->free_list);
}

/* The schedule's occupancy, per participant, room and pair.  -1 when out
 * of memory (st is then freed by state_free all the same). */
static int state_build(const rs_event *ev, const rs_schedule *s, state_t *st)
{
    size_t ps = (size_t)ev->np * (size_t)ev->nslots;
    st->busy = calloc(ps + 1, 1);
    st->venue = malloc((ps + 1) * sizeof(int));
    st->room_busy = calloc((size_t)ev->nrooms * (size_t)ev->nslots + 1, 1);
    st->count = calloc((size_t)ev->np + 1, sizeof(int));
    st->met = calloc((size_t)ev->ninv * (size_t)ev->nsme + (size_t)ev->npairs + 1, 1);
    if (!st->busy || !st->venue || !st->room_busy || !st->count || !st->met)
        return -1;
    for (size_t i = 0; i < ps; i++)
        st->venue[i] = -1;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        int v = ev->rooms[m->room].venue;
        size_t ks = (size_t)m->slot;
        st->busy[(size_t)m->sme * (size_t)ev->nslots + ks] = 1;
        st->venue[(size_t)m->sme * (size_t)ev->nslots + ks] = v;
        st->room_busy[(size_t)m->room * (size_t)ev->nslots + ks] = 1;
        st->count[m->sme]++;
        for (int k = 0; k < m->ninv; k++) {
            st->busy[(size_t)m->inv[k] * (size_t)ev->nslots + ks] = 1;
            st->venue[(size_t)m->inv[k] * (size_t)ev->nslots + ks] = v;
            st->count[m->inv[k]]++;
            long c = met_cell(ev, m->inv[k], m->sme);
            if (c >= 0)
                st->met[c] = 1;
        }
    }
    size_t nk = (size_t)ev->nslots;
    st->maxcap_open = calloc(nk + 1, sizeof(int));
    st->maxcap_free = calloc(nk + 1, sizeof(int));
    st->free_start = calloc(nk + 2, sizeof(int));
    st->free_list = malloc(((size_t)ev->nrooms * nk + 1) * sizeof(int));
    if (!st->maxcap_open || !st->maxcap_free || !st->free_start || !st->free_list)
        return -1;
    int n = 0;
    for (int k = 0; k < ev->nslots; k++) {
        st->maxcap_open[k] = st->maxcap_free[k] = -1;
        st->free_start[k] = n;
        for (int r = 0; r < ev->nrooms; r++) {
            const rs_room *rm = &ev->rooms[r];
            if (!rm->avail[k])
                continue;
            if (rm->capacity > st->maxcap_open[k])
                st->maxcap_open[k] = rm->capacity;
            if (st->room_busy[(size_t)r * nk + (size_t)k])
                continue;
            if (rm->capacity > st->maxcap_free[k])
                st->maxcap_free[k] = rm->capacity;
            st->free_list[n++] = r;
        }
    }
    st->free_start[ev->nslots] = n;
    return 0;
}

static const unsigned char *row_of(const rs_event *ev, const state_t *st, int p)
{
    return st->busy + (size_t)p * (size_t)ev->nslots;
}

static const int *venues_of(const rs_event *ev, const state_t *st, int p)
{
    return st->venue + (size_t)p * (size_t)ev->nslots;
}

/* "2023-05-18 09:00": how a slot is named in every reason. */
static void add_slot(rs_buf *b, const rs_event *ev, int k)
{
    char t[6];
    rs_fmt_time(ev->slots[k].start, t);
    rs_buf_fmt(b, "%s %s", ev->days[ev->slots[k].day].date, t);
}

static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

/* The participant whose avoid list names the other, or -1. */
static int avoider(const rs_event *ev, int inv, int sme)
{
    for (int side = 0; side < 2; side++) {
        int p = side ? sme : inv, q = side ? inv : sme;
        for (int k = 0; k < ev->p[p].navoid; k++)
            if (ev->p[p].avoid[k] == q)
                return p;
    }
    return -1;
}

/* rs_add_blocker's kinds and one more: the gap limit (rule 12). */
enum { BLOCK_GAPS = 100 };

/* Appends what rs_add_blocker found keeping p out of slot k at venue v. */
static void add_blocker(rs_buf *b, const rs_event *ev, const state_t *st, int p, int k, int v,
                        int kind, int detail)
{
    const rs_participant *a = &ev->p[p];
    char t[6];
    if (kind == RS_BLOCK_CONSECUTIVE) {
        rs_buf_fmt(b, "%s would then have %d meetings in a row (limit %d)", a->id, detail,
                   a->max_consecutive);
    } else if (kind == RS_BLOCK_TRAVEL_BEFORE) {
        int from = venues_of(ev, st, p)[detail];
        rs_fmt_time(ev->slots[detail].end, t);
        rs_buf_fmt(b, "%s cannot travel from %s (its meeting there ends at %s) to %s in time "
                      "(%d min needed, %d available)", a->id, ev->venues[from].id, t,
                   ev->venues[v].id, rs_travel(ev, from, v),
                   ev->slots[k].start - ev->slots[detail].end);
    } else if (kind == RS_BLOCK_TRAVEL_AFTER) {
        int to = venues_of(ev, st, p)[detail];
        rs_fmt_time(ev->slots[detail].start, t);
        rs_buf_fmt(b, "%s cannot travel from %s to %s (its next meeting, at %s) in time "
                      "(%d min needed, %d available)", a->id, ev->venues[v].id,
                   ev->venues[to].id, t, rs_travel(ev, v, to),
                   ev->slots[detail].start - ev->slots[k].end);
    } else if (kind == BLOCK_GAPS) {
        rs_buf_fmt(b, "%s would then have %d gaps between meetings (limit %d)", a->id, detail,
                   a->max_idle_gaps);
    } else {
        rs_buf_fmt(b, "%s cannot meet then", a->id);
    }
}

/* Whether p, with max_idle_gaps, would have more gaps over the event with
 * a meeting added at slot k: BLOCK_GAPS (*detail the count) or
 * RS_BLOCK_NONE. */
static int gap_blocker(const rs_event *ev, const state_t *st, int p, int k, int *detail)
{
    if (ev->p[p].max_idle_gaps >= RS_UNLIMITED)
        return RS_BLOCK_NONE;
    unsigned char *row = st->busy + (size_t)p * (size_t)ev->nslots;
    row[k] = 1; /* tried in place and restored: the state is ours */
    int g = rs_gaps_of(ev, row);
    row[k] = 0;
    *detail = g;
    return g > ev->p[p].max_idle_gaps ? BLOCK_GAPS : RS_BLOCK_NONE;
}

/* What participant p's side of the objective changes by when it is
 * newly busy at slot k, everything else staying: a shortfall filled while
 * below its minimum, less its idle slots (and gaps, when they cost) that
 * change; *idle receives the change in idle slots. */
static double side_delta(const rs_event *ev, const state_t *st, int p, int k, int *idle)
{
    double d = st->count[p] < ev->p[p].min_meetings ? ev->w.min_meetings_shortfall : 0;
    int day = ev->slots[k].day, gaps = ev->w.idle_gap > 0; /* counted only when they cost */
    unsigned char *row = st->busy + (size_t)p * (size_t)ev->nslots;
    int before = rs_idle_day(ev, row, day), gb = gaps ? rs_gaps_day(ev, row, day) : 0;
    row[k] = 1; /* tried in place and restored: the state is ours */
    *idle = rs_idle_day(ev, row, day) - before;
    int dg = gaps ? rs_gaps_day(ev, row, day) - gb : 0;
    row[k] = 0;
    return d - ev->w.idle_slot * *idle - (gaps ? ev->w.idle_gap * dg : 0);
}

/* Change of the contract objective when the pair (inv, sme) is added at
 * slot k, everything else staying: its score and each side's change
 * (side_delta).  *idle receives the change in idle slots. */
static double add_delta(const rs_event *ev, const state_t *st, int inv, int sme, int k,
                        int *idle)
{
    int ii = 0, is = 0;
    double d = rs_pair_score(ev, inv, sme, NULL, NULL, NULL) + side_delta(ev, st, inv, k, &ii) +
               side_delta(ev, st, sme, k, &is);
    *idle = ii + is;
    return d;
}

/* Where the pair could still go as the timetable stands. */
typedef struct {
    int common;      /* slots both are available in                        */
    int outside;     /* ... that the requests' windows rule out (rule 11)  */
    int open;        /* ... with some room open                            */
    int fit;         /* ... with an open room that holds them              */
    int maxcap;      /* largest room open in a common slot                 */
    int free_fit;    /* common slots with such a room not taken            */
    int both_free;   /* ... in which neither of them has another meeting   */
    int busy_inv, busy_sme; /* of free_fit slots: where each is busy       */
    int first_k, first_r, kind, detail, who; /* first blocked place        */
    int best_k, best_r, best_idle;           /* best placeable place       */
    double best;
} places_t;

/* The people a room must hold for inv and sme to meet: their teams, and
 * in group format, where they meet only in a new pitch of sme (joining
 * one is told apart before), the group_min_investors - 1 other panel
 * members too, at least one person each.  Rooms smaller than that hold
 * no pitch with the pair on its panel. */
static int pair_need(const rs_event *ev, int inv, int sme)
{
    int need = ev->p[inv].team_size + ev->p[sme].team_size;
    if (ev->format == RS_FORMAT_GROUP && ev->group_min_investors > 1)
        need += ev->group_min_investors - 1;
    return need;
}

/* Surveys every slot and room for the pair; see places_t. */
static void survey(const rs_event *ev, const state_t *st, int inv, int sme, places_t *pl)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    int need = pair_need(ev, inv, sme), pair = rs_pair_index(ev, inv, sme);
    memset(pl, 0, sizeof *pl);
    pl->first_k = pl->best_k = -1;
    for (int k = 0; k < ev->nslots; k++) {
        if (!a->avail[k] || !b->avail[k])
            continue;
        pl->common++;
        if (pair >= 0 && !rs_pair_slot_ok(ev, pair, k)) {
            pl->outside++;
            continue;
        }
        /* a room open at k, one that holds the pair, one of those free */
        int open = st->maxcap_open[k] >= 0;
        if (st->maxcap_open[k] > pl->maxcap)
            pl->maxcap = st->maxcap_open[k];
        pl->open += open;
        pl->fit += open && st->maxcap_open[k] >= need;
        if (!open || st->maxcap_free[k] < need)
            continue;
        pl->free_fit++;
        int bi = row_of(ev, st, inv)[k], bs = row_of(ev, st, sme)[k];
        pl->busy_inv += bi;
        pl->busy_sme += bs;
        if (bi || bs)
            continue;
        pl->both_free++;
        /* the blockers depend on the room's venue only, and the change of
           the objective on the slot only: computed once per venue in the
           slot (beyond 64 venues, once per run of rooms of one venue),
           and once for the slot */
        int last_v = -1, ki = 0, ks = 0, di = 0, ds = 0, idle = 0, have_d = 0;
        double d = 0;
        /* a room of a venue seen before in this slot changes nothing: its
           blockers are that venue's, and a later room with the same
           outcome neither betters the best place (the same change of the
           objective) nor is the first blocked one */
        unsigned long long seen = 0;
        for (int fi = st->free_start[k]; fi < st->free_start[k + 1]; fi++) {
            int r = st->free_list[fi];
            const rs_room *rm = &ev->rooms[r];
            if (rm->capacity < need)
                continue;
            if (rm->venue < 64) {
                unsigned long long bit = 1ull << rm->venue;
                if (seen & bit)
                    continue;
                seen |= bit;
            }
            if (rm->venue != last_v) {
                last_v = rm->venue;
                ki = rs_add_blocker(ev, inv, k, rm->venue, row_of(ev, st, inv),
                                    venues_of(ev, st, inv), &di);
                ks = rs_add_blocker(ev, sme, k, rm->venue, row_of(ev, st, sme),
                                    venues_of(ev, st, sme), &ds);
                if (ki == RS_BLOCK_NONE)
                    ki = gap_blocker(ev, st, inv, k, &di);
                if (ki == RS_BLOCK_NONE && ks == RS_BLOCK_NONE)
                    ks = gap_blocker(ev, st, sme, k, &ds);
            }
            if (ki == RS_BLOCK_NONE && ks == RS_BLOCK_NONE) {
                if (!have_d) {
                    d = add_delta(ev, st, inv, sme, k, &idle);
                    have_d = 1;
                }
                if (pl->best_k < 0 || d > pl->best) {
                    pl->best = d;
                    pl->best_k = k;
                    pl->best_r = r;
                    pl->best_idle = idle;
                }
            } else if (pl->first_k < 0) {
                pl->first_k = k;
                pl->first_r = r;
                pl->who = ki != RS_BLOCK_NONE ? inv : sme;
                pl->kind = ki != RS_BLOCK_NONE ? ki : ks;
                pl->detail = ki != RS_BLOCK_NONE ? di : ds;
            }
        }
    }
}

/* "inv-003 is at its maximum of 8 meetings, all with higher-scoring SMEs"
 * or "..., of which k score at least as much as this pair's S". */
static void add_at_max(rs_buf *b, const rs_event *ev, const rs_schedule *s, int p, double mine)
{
    const rs_participant *a = &ev->p[p];
    int n = 0, higher = 0, at_least = 0;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        for (int k = 0; k < m->ninv; k++) {
            if (m->sme != p && m->inv[k] != p)
                continue;
            double sc = rs_pair_score(ev, m->inv[k], m->sme, NULL, NULL, NULL);
            n++;
            higher += sc > mine;
            at_least += sc >= mine;
        }
    }
    rs_buf_fmt(b, "%s is at its maximum of %d meeting%s", a->id, a->max_meetings,
               plural(a->max_meetings));
    if (n > 0 && higher == n)
        rs_buf_fmt(b, ", all with higher-scoring %s", a->is_investor ? "SMEs" : "investors");
    else
        rs_buf_fmt(b, ", of which %d score at least as much as this pair's %g", at_least, mine);
}

/* Whether participant p may take a meeting at slot k in venue v as its
 * day stands: available, free, below its maximum, and no rule of its day
 * (consecutive limit, travel, gap limit) in the way. */
static int day_allows(const rs_event *ev, const state_t *st, int p, int k, int v)
{
    int detail = 0;
    return ev->p[p].avail[k] && !st->busy[(size_t)p * (size_t)ev->nslots + (size_t)k] &&
           st->count[p] < ev->p[p].max_meetings &&
           rs_add_blocker(ev, p, k, v, row_of(ev, st, p), venues_of(ev, st, p), &detail) ==
               RS_BLOCK_NONE &&
           gap_blocker(ev, st, p, k, &detail) == RS_BLOCK_NONE;
}

/* Whether investor q could join a new pitch of SME sme at slot k in
 * room r alone, as the timetable stands: not hearing sme yet, the
 * request's windows allow k, the room holds both teams, and q's day
 * allows it (day_allows). */
static int could_join_new(const rs_event *ev, const state_t *st, int q, int sme, int k, int r)
{
    int pair = rs_pair_index(ev, q, sme);
    return pair >= 0 && !met_pair(ev, st, q, sme) && rs_pair_slot_ok(ev, pair, k) &&
           ev->p[q].team_size + ev->p[sme].team_size <= ev->rooms[r].capacity &&
           day_allows(ev, st, q, k, ev->rooms[r].venue);
}

/* The end of an unmet request's reason in group format, once investor
 * inv and SME sme were both free at pl->best_k with a room free: what one
 * pair would gain says nothing there, since a new pitch needs a whole
 * panel.  Counts the SME's other possible investors that could join it
 * there (as panel_place counts them: each alone, so an upper limit), and
 * says a panel could not be formed when they are too few, else that the
 * search left the pitch out. */
static void group_left_out(rs_buf *b, const rs_event *ev, const state_t *st, int inv, int sme,
                           const places_t *pl)
{
    int k = pl->best_k, r = pl->best_r, others = 0, need = ev->group_min_investors - 1;
    for (int i = 0; i < ev->ninv; i++)
        others += i != inv && could_join_new(ev, st, i, sme, k, r);
    rs_buf_str(b, others < need ? "no panel: at " : "left out by the search: at ");
    add_slot(b, ev, k);
    rs_buf_fmt(b, " both were free with room %s free, ", ev->rooms[r].id);
    if (others < need)
        rs_buf_fmt(b, "but a new pitch of %s there needs %d more investor%s on its panel "
                      "(group_min_investors %d) and at most %d of its other possible investors "
                      "could join it", ev->p[sme].id, need, plural(need),
                   ev->group_min_investors, others);
    else
        rs_buf_fmt(b, "and up to %d of its other possible investors could join it", others);
}

/* Change of the contract objective when investor inv joins a pitch at
 * slot k as its panel stands: the pair's score and inv's side
 * (side_delta); the SME's day does not change.  *idle receives the change
 * in idle slots. */
static double join_delta(const rs_event *ev, const state_t *st, int inv, int sme, int k,
                         int *idle)
{
    return rs_pair_score(ev, inv, sme, NULL, NULL, NULL) + side_delta(ev, st, inv, k, idle);
}

/* The people in the room of meeting m: the SME's team and the panel's. */
static int people_of(const rs_event *ev, const rs_meeting *m)
{
    int n = ev->p[m->sme].team_size;
    for (int j = 0; j < m->ninv; j++)
        n += ev->p[m->inv[j]].team_size;
    return n;
}

/* Whether investor inv (below its maximum) could join pitch m as the
 * timetable stands: available then, inside the request's windows, free,
 * room left in the room, and no rule of its day (consecutive limit,
 * travel, gap limit) in the way. */
static int can_join(const rs_event *ev, state_t *st, int inv, const rs_meeting *m)
{
    int pair = rs_pair_index(ev, inv, m->sme), k = m->slot;
    return (pair < 0 || rs_pair_slot_ok(ev, pair, k)) &&
           people_of(ev, m) + ev->p[inv].team_size <= ev->rooms[m->room].capacity &&
           day_allows(ev, st, inv, k, ev->rooms[m->room].venue);
}

/* The pitch of SME sme that investor inv could join with the best change
 * of the objective (join_delta; *d, *idle), or -1 when none; *n gets the
 * SME's pitches. */
static int best_join(const rs_event *ev, const rs_schedule *s, state_t *st, int inv, int sme,
                     double *d, int *idle, int *n)
{
    int best = -1;
    *n = 0;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        if (m->sme != sme)
            continue;
        ++*n;
        int di = 0;
        if (!can_join(ev, st, inv, m))
            continue;
        double dd = join_delta(ev, st, inv, sme, m->slot, &di);
        if (best < 0 || dd > *d) {
            best = i;
            *d = dd;
            *idle = di;
        }
    }
    return best;
}

/* Group format: why investor inv (below its maximum) is on none of SME
 * sme's pitches.  A pitch is joined by one more panel member, so what
 * counts first is each pitch the SME gives: inv away or outside the
 * request's windows then, on another panel then, the room full, or a
 * rule of inv's day (consecutive limit, travel, gap limit) in the way;
 * where none is, what joining would change (the search's miss when it
 * raises the objective, the optimiser's choice when it lowers it).
 * Returns 1 when the reason is complete; 0 when the SME gives no pitch,
 * or gives fewer than its maximum and none can be joined: the caller then
 * says why no new pitch was made (after "; no new pitch: "). */
static int group_join_reason(rs_buf *b, const rs_event *ev, const rs_schedule *s, state_t *st,
                             int inv, int sme)
{
    const rs_participant *a = &ev->p[inv], *c = &ev->p[sme];
    int pair = rs_pair_index(ev, inv, sme), best_idle = 0, n = 0;
    double best_d = 0;
    int best = best_join(ev, s, st, inv, sme, &best_d, &best_idle, &n);
    if (n == 0)
        return 0;
    if (best >= 0) {
        const rs_meeting *m = &s->m[best];
        rs_buf_str(b, best_d > 0 ? "not found by the search: joining the pitch of "
                                 : "left out to keep a higher total score: joining the pitch "
                                   "of ");
        rs_buf_fmt(b, "%s at ", c->id);
        add_slot(b, ev, m->slot);
        rs_buf_fmt(b, " in %s would %s the objective by %g (its score of %g", ev->rooms[m->room].id,
                   best_d > 0 ? "raise" : "lower", best_d > 0 ? best_d : -best_d,
                   rs_pair_score(ev, inv, sme, NULL, NULL, NULL));
        if (st->count[inv] < a->min_meetings)
            rs_buf_fmt(b, " and %g for a shortfall filled", ev->w.min_meetings_shortfall);
        if (best_idle != 0)
            rs_buf_fmt(b, " and %d %s idle slot%s worth %g", abs(best_idle),
                       best_idle > 0 ? "more" : "fewer", plural(abs(best_idle)),
                       ev->w.idle_slot * abs(best_idle));
        rs_buf_str(b, ")");
        return 1;
    }
    rs_buf_fmt(b, "%s pitches", c->id);
    for (int i = 0, first = 1; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        if (m->sme != sme)
            continue;
        int k = m->slot, v = ev->rooms[m->room].venue, detail = 0, kind;
        rs_buf_str(b, first ? " at " : ", at ");
        first = 0;
        add_slot(b, ev, k);
        rs_buf_fmt(b, " in %s (", ev->rooms[m->room].id);
        if (!a->avail[k]) {
            rs_buf_fmt(b, "%s is away then", a->id);
        } else if (pair >= 0 && !rs_pair_slot_ok(ev, pair, k)) {
            rs_buf_str(b, "outside the request's windows (rule 11)");
        } else if (st->busy[(size_t)inv * (size_t)ev->nslots + (size_t)k]) {
            int other = -1;
            for (int j = 0; j < s->nm && other < 0; j++)
                for (int q = 0; q < s->m[j].ninv; q++)
                    if (s->m[j].slot == k && s->m[j].inv[q] == inv)
                        other = s->m[j].sme;
            rs_buf_fmt(b, "%s hears the pitch of %s then", a->id,
                       other >= 0 ? ev->p[other].id : "another SME");
        } else if (people_of(ev, m) + a->team_size > ev->rooms[m->room].capacity) {
            rs_buf_fmt(b, "the room is full: %d of %d people", people_of(ev, m),
                       ev->rooms[m->room].capacity);
        } else {
            kind = rs_add_blocker(ev, inv, k, v, row_of(ev, st, inv), venues_of(ev, st, inv),
                                  &detail);
            if (kind == RS_BLOCK_NONE)
                kind = gap_blocker(ev, st, inv, k, &detail);
            add_blocker(b, ev, st, inv, k, v, kind, detail);
        }
        rs_buf_str(b, ")");
    }
    if (st->count[sme] >= c->max_meetings) {
        rs_buf_fmt(b, "; %s is at its maximum of %d pitch%s", c->id, c->max_meetings,
                   c->max_meetings == 1 ? "" : "es");
        return 1;
    }
    rs_buf_str(b, "; no new pitch: ");
    return 0;
}

/* In group format, after a number of people sized by pair_need: whom it
 * counts. */
static void add_panel_need(rs_buf *b, const rs_event *ev)
{
    int more = ev->group_min_investors - 1;
    if (ev->format == RS_FORMAT_GROUP && more > 0)
        rs_buf_fmt(b, " (a new pitch: both teams and at least %d more investor%s for "
                      "group_min_investors %d)", more, plural(more), ev->group_min_investors);
}

/* Appends the reason the requested pair (inv, sme) did not meet. */
static void reason_for(const rs_event *ev, const rs_schedule *s, state_t *st, int inv,
                       int sme, rs_buf *b)
{
    const rs_participant *a = &ev->p[inv], *c = &ev->p[sme];
    int who = avoider(ev, inv, sme);
    if (who >= 0) {
        rs_buf_fmt(b, "avoided by %s (conflict of interest: its avoid list names %s)",
                   ev->p[who].id, ev->p[who == inv ? sme : inv].id);
        return;
    }
    if (rs_pair_index(ev, inv, sme) < 0) { /* a request makes any other pair allowed */
        rs_buf_fmt(b, "%s and %s may not meet (rule 5)", a->id, c->id);
        return;
    }
    for (int side = 0; side < 2; side++) {
        const rs_participant *x = side ? c : a;
        if (x->max_meetings == 0) {
            rs_buf_fmt(b, "%s takes no meetings (max_meetings 0)", x->id);
            return;
        }
    }
    int need = pair_need(ev, inv, sme);
    places_t pl;
    survey(ev, st, inv, sme, &pl);
    if (pl.common == 0) {
        rs_buf_fmt(b, "no common free slot: %s and %s are never available at the same time",
                   a->id, c->id);
        return;
    }
    if (pl.outside == pl.common) {
        rs_buf_fmt(b, "no common free slot inside the request's windows: the %d slot%s both "
                      "can attend %s outside them (rule 11)", pl.common, plural(pl.common),
                   pl.common == 1 ? "lies" : "lie");
        return;
    }
    /* a pitch takes one more panel member: the SME's own pitches first */
    if (ev->format == RS_FORMAT_GROUP) {
        if (st->count[inv] >= a->max_meetings) {
            add_at_max(b, ev, s, inv, rs_pair_score(ev, inv, sme, NULL, NULL, NULL));
            return;
        }
        if (group_join_reason(b, ev, s, st, inv, sme))
            return;
    }
    if (pl.open == 0) {
        rs_buf_fmt(b, "no common free slot: no room is open in any of the %d slot%s both can "
                      "attend", pl.common, plural(pl.common));
        return;
    }
    if (pl.fit == 0) {
        rs_buf_fmt(b, "every room free in their common slots is too small for %d people (the "
                      "largest holds %d)", need, pl.maxcap);
        add_panel_need(b, ev);
        return;
    }
    if (pl.free_fit == 0) {
        rs_buf_fmt(b, "no room free in their common slots: every room that holds %d people is "
                      "taken by other meetings in all %d of them", need, pl.fit);
        add_panel_need(b, ev);
        return;
    }
    double mine = rs_pair_score(ev, inv, sme, NULL, NULL, NULL);
    int full_inv = st->count[inv] >= a->max_meetings;
    int full_sme = st->count[sme] >= c->max_meetings;
    if (full_inv || full_sme) {
        if (full_inv)
            add_at_max(b, ev, s, inv, mine);
        if (full_inv && full_sme)
            rs_buf_str(b, "; ");
        if (full_sme)
            add_at_max(b, ev, s, sme, mine);
        return;
    }
    if (pl.both_free == 0) {
        rs_buf_fmt(b, "in each of the %d common slot%s with a free room that holds them, one of "
                      "them is in another meeting (%s in %d, %s in %d)", pl.free_fit,
                   plural(pl.free_fit), a->id, pl.busy_inv, c->id, pl.busy_sme);
        return;
    }
    if (pl.best_k < 0) {
        rs_buf_str(b, "both were free at ");
        add_slot(b, ev, pl.first_k);
        rs_buf_fmt(b, " with room %s free, but ", ev->rooms[pl.first_r].id);
        add_blocker(b, ev, st, pl.who, pl.first_k, ev->rooms[pl.first_r].venue, pl.kind,
                    pl.detail);
        if (pl.both_free > 1)
            rs_buf_fmt(b, "; travel time%s the consecutive limit rules out the other %d "
                          "slot%s where both were free with a room free too",
                       ev->gap_cap ? ", the gap limit or" : " or", pl.both_free - 1,
                       plural(pl.both_free - 1));
        return;
    }
    if (ev->format == RS_FORMAT_GROUP) {
        group_left_out(b, ev, st, inv, sme, &pl);
        return;
    }
    double sf = 0;
    if (st->count[inv] < a->min_meetings)
        sf += ev->w.min_meetings_shortfall;
    if (st->count[sme] < c->min_meetings)
        sf += ev->w.min_meetings_shortfall;
    if (pl.best <= 0)
        rs_buf_fmt(b, "left out to keep a higher total score: dropping it gains %g (at its best "
                      "free place, ", -pl.best);
    else
        rs_buf_fmt(b, "not found by the search: adding it would raise the objective by %g (at ",
                   pl.best);
    add_slot(b, ev, pl.best_k);
    rs_buf_fmt(b, " in %s, it adds its score of %g", ev->rooms[pl.best_r].id, mine);
    if (sf > 0)
        rs_buf_fmt(b, " and %g for a shortfall filled", sf);
    if (pl.best_idle != 0)
        rs_buf_fmt(b, " and %d %s idle slot%s worth %g", abs(pl.best_idle),
                   pl.best_idle > 0 ? "more" : "fewer", plural(abs(pl.best_idle)),
                   ev->w.idle_slot * abs(pl.best_idle));
    rs_buf_str(b, ")");
}

/* Appends up to five ids of a list, then how many more. */
static void add_ids(rs_buf *b, const rs_event *ev, const int *ids, int n)
{
    rs_buf_str(b, " (");
    for (int i = 0; i < n && i < 5; i++)
        rs_buf_fmt(b, "%s%s", i ? ", " : "", ev->p[ids[i]].id);
    if (n > 5)
        rs_buf_fmt(b, " and %d more", n - 5);
    rs_buf_str(b, ")");
}

/* "; adding the best of these (sme-012 at SLOT) would raise the objective
 * by 7, which the search did not find": what the best still-fitting
 * partner q would change at slot k (d), in a shortfall's reason. */
static void add_best(rs_buf *b, const rs_event *ev, const char *what, const char *of, int q,
                     int k, double d)
{
    rs_buf_fmt(b, "; %s (%s%s at ", what, ev->p[q].id, of);
    add_slot(b, ev, k);
    rs_buf_fmt(b, ") would %s the objective by %g", d > 0 ? "raise" : "lower", d > 0 ? d : -d);
    if (d > 0)
        rs_buf_str(b, ", which the search did not find");
}

enum { PART_NEVER, PART_FULL, PART_PITCHES, PART_BUSY, PART_BLOCKED, PART_FITS, PART_KINDS };

/* Group format, SME p below its maximum of pitches: the free room and
 * slot where a new pitch of p could take the most of its possible
 * investors as the timetable stands (*k, *r; -1 when p can pitch in no
 * free room that holds its team and group_min_investors people).  An
 * investor counts there when it could_join_new; p's own day must allow
 * the slot too.  Returns the
 * count.  Each counted investor could join such a pitch alone; whether a
 * room holds all of them together is not asked (an upper limit). */
static int panel_place(const rs_event *ev, const state_t *st, int p, int *best_k, int *best_r)
{
    int best = -1, least = ev->p[p].team_size + ev->group_min_investors;
    *best_k = *best_r = -1;
    for (int k = 0; k < ev->nslots; k++) {
        for (int fi = st->free_start[k]; fi < st->free_start[k + 1]; fi++) {
            int r = st->free_list[fi];
            if (ev->rooms[r].capacity < least || !day_allows(ev, st, p, k, ev->rooms[r].venue))
                continue;
            int n = 0;
            for (int q = 0; q < ev->ninv; q++)
                n += could_join_new(ev, st, q, p, k, r);
            if (n > best) {
                best = n;
                *best_k = k;
                *best_r = r;
            }
        }
    }
    return best < 0 ? 0 : best;
}

/* Appends, for a group SME short of its minimum, what a new pitch of it
 * could gather (panel_place): a panel's worth of investors nowhere (with
 * the place that gathers most, unless that is none), or where there would
 * be one. */
static void add_panel_place(rs_buf *b, const rs_event *ev, const state_t *st, int p)
{
    int k, r, g = ev->group_min_investors;
    int n = panel_place(ev, st, p, &k, &r);
    if (k < 0) {
        rs_buf_fmt(b, "; a new pitch: at no slot it could take is a room free that holds %d "
                      "people (its team and group_min_investors %d)",
                   ev->p[p].team_size + g, g);
        return;
    }
    if (n == 0) {
        rs_buf_fmt(b, "; a new pitch needs group_min_investors %d of them and none could join "
                      "one in any free room at a slot it could take", g);
        return;
    }
    if (n < g)
        rs_buf_fmt(b, "; a new pitch needs group_min_investors %d of them and at most %d could "
                      "join one anywhere (at ", g, n);
    else
        rs_buf_fmt(b, "; a new pitch could take up to %d of them (group_min_investors %d) at ",
                   n, g);
    add_slot(b, ev, k);
    rs_buf_fmt(b, " in %s%s", ev->rooms[r].id, n < g ? ")" : ", which the search did not form");
}

/* Appends why participant p stayed below its minimum: its own capacity,
 * its candidates, or, partner by partner, what keeps each unmet candidate
 * out of this timetable. */
static rs_code shortfall_reason(const rs_event *ev, const rs_schedule *s, state_t *st, int p,
                                rs_buf *b)
{
    const rs_participant *a = &ev->p[p];
    int cap = rs_participant_capacity(ev, p);
    if (cap < a->min_meetings) {
        rs_buf_fmt(b, "its availability (%d slot%s), max_meetings and consecutive limit allow "
                      "at most %d meeting%s", a->navail, plural(a->navail), cap, plural(cap));
        return RS_OK;
    }
    /* the other side, and with peer pairs everyone (same-side pairs that
     * no request names are no candidates) */
    int peers = ev->npairs_io < ev->npairs;
    int lo = a->is_investor ? ev->ninv : 0, hi = a->is_investor ? ev->np : ev->ninv;
    if (peers) {
        lo = 0;
        hi = ev->np;
    }
    int *ids = malloc((size_t)(hi - lo + 1) * PART_KINDS * sizeof(int));
    if (!ids)
        return RS_ENOMEM;
    int cnt[PART_KINDS] = {0}, cands = 0, best_q = -1, best_k = -1, join_q = -1, join_k = -1;
    double best = 0, join = 0;
    int group = ev->format == RS_FORMAT_GROUP;
    for (int q = lo; q < hi; q++) {
        int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
        if (q == p || rs_pair_index(ev, inv, sme) < 0)
            continue;
        cands++;
        if (met_pair(ev, st, inv, sme))
            continue;
        /* group format: an investor joins an SME's pitch as one more
         * panel member, whether or not the SME may pitch again */
        if (group && a->is_investor && st->count[p] < a->max_meetings) {
            int n = 0, idle = 0;
            double d = 0;
            int m = best_join(ev, s, st, p, q, &d, &idle, &n);
            if (m >= 0 || (n > 0 && st->count[q] >= ev->p[q].max_meetings)) {
                if (m >= 0 && (join_q < 0 || d > join)) {
                    join = d;
                    join_q = q;
                    join_k = s->m[m].slot;
                }
                int kind = m >= 0 ? PART_FITS : PART_PITCHES;
                ids[kind * (hi - lo + 1) + cnt[kind]++] = q;
                continue;
            }
        }
        places_t pl;
        survey(ev, st, inv, sme, &pl);
        int kind;
        if (pl.fit == 0 || ev->p[q].max_meetings == 0)
            kind = PART_NEVER;
        else if (st->count[q] >= ev->p[q].max_meetings)
            kind = PART_FULL;
        else if (pl.both_free == 0)
            kind = PART_BUSY;
        else if (pl.best_k < 0)
            kind = PART_BLOCKED;
        else {
            kind = PART_FITS;
            if (best_q < 0 || pl.best > best) {
                best = pl.best;
                best_q = q;
                best_k = pl.best_k;
            }
        }
        ids[kind * (hi - lo + 1) + cnt[kind]++] = q;
    }
    const char *side = peers ? "participant" : a->is_investor ? "SME" : "investor";
    if (cands < a->min_meetings) {
        rs_buf_fmt(b, "only %d %s%s may meet it (sector interest, stage or request)", cands, side,
                   plural(cands));
        free(ids);
        return RS_OK;
    }
    if (group && !a->is_investor && cands < ev->group_min_investors) {
        rs_buf_fmt(b, "only %d investor%s may hear its pitch (sector interest, stage or "
                      "request), fewer than group_min_investors %d (rule 4)", cands,
                   plural(cands), ev->group_min_investors);
        free(ids);
        return RS_OK;
    }
    int met = st->count[p];
    rs_buf_fmt(b, "of the %d %s%s it may meet, %d meet it; the other %d", cands, side,
               plural(cands), met, cands - met);
    const char *what[PART_KINDS] = {
        "share no slot with an open room that holds them",
        "are at their maximum",
        "give all the pitches they may, and it can join none of them",
        "are in other meetings whenever a room that holds them is free",
        ev->gap_cap ? "would break travel time, a gap limit or a consecutive limit wherever "
                      "both are free"
                    : "would break travel time or a consecutive limit wherever both are free",
        "still fit"};
    int first = 1;
    for (int kind = 0; kind < PART_KINDS; kind++) {
        if (cnt[kind] == 0)
            continue;
        rs_buf_fmt(b, "%s%d %s", first ? ": " : "; ", cnt[kind], what[kind]);
        add_ids(b, ev, ids + kind * (hi - lo + 1), cnt[kind]);
        first = 0;
    }
    /* a pitch is not one pair: what one more pair would gain says
     * nothing there (a new pitch needs a whole panel); one more panel
     * member is one pair */
    if (group && !a->is_investor && met < a->max_meetings)
        add_panel_place(b, ev, st, p);
    if (join_q >= 0)
        add_best(b, ev, "joining the best of these pitches", "'s", join_q, join_k, join);
    else if (best_q >= 0 && !group)
        add_best(b, ev, "adding the best of these", "", best_q, best_k, best);
    free(ids);
    return RS_OK;
}

/* Appends an unmet request, taking the reason text. */
static int add_unmet(rs_schedule *s, int from, int to, int prio, char *reason)
{
    rs_unmet *u = realloc(s->unmet, (size_t)(s->nunmet + 1) * sizeof(rs_unmet));
    if (!u)
        return -1;
    s->unmet = u;
    s->unmet[s->nunmet++] = (rs_unmet){from, to, prio, reason};
    return 0;
}

rs_code rs_explain(const rs_event *ev, rs_schedule *s)
{
    rs_code rc = RS_ENOMEM;
    state_t st;
    rs_buf b = {0};
    memset(&st, 0, sizeof st);
    rs_schedule_clear_explanations(s);
    if (state_build(ev, s, &st) != 0)
        goto done;
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        for (int k = 0; k < a->nreq; k++) {
            int q = a->req[k].other;
            int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
            if (met_pair(ev, &st, inv, sme))
                continue;
            memset(&b, 0, sizeof b);
            reason_for(ev, s, &st, inv, sme, &b);
            if (b.oom || !b.p || add_unmet(s, p, q, a->req[k].priority, b.p) != 0)
                goto done;
            b.p = NULL;
        }
    }
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        if (st.count[p] >= a->min_meetings)
            continue;
        memset(&b, 0, sizeof b);
        if (shortfall_reason(ev, s, &st, p, &b) != RS_OK || b.oom || !b.p)
            goto done;
        rs_shortfall *ns = realloc(s->short_, (size_t)(s->nshort + 1) * sizeof(rs_shortfall));
        if (!ns)
            goto done;
        s->short_ = ns;
        s->short_[s->nshort++] = (rs_shortfall){p, st.count[p], a->min_meetings, b.p};
        b.p = NULL;
    }
    rc = RS_OK;
done:
    free(b.p);
    state_free(&st);
    return rc;
}
