/*
 * supply.c - where the demand of an event exceeds its supply, found before
 * solving (rs_event_supply, shown by `roadshow validate`).
 *
 * Every warning states a necessary condition that fails: what is counted is
 * an upper limit that every schedule obeying the contract's hard rules
 * respects, so a warning is never a false alarm.  The limits ignore travel,
 * other participants' competing demand and the objective; they can only
 * miss a shortage, never invent one.
 *
 *   - per participant with a minimum (SMEs, and investors that state one):
 *     the partners it may meet (candidate pairs); the slots in which it is
 *     available and a free room holds its team with a candidate's; the
 *     consecutive limit over those slots; the partners that can take a
 *     meeting and share such a slot with it; and a maximum matching of
 *     partners to distinct slots (a participant is in one meeting per slot
 *     and meets a partner at most once, rules 2 and 4);
 *   - rooms smaller than the smallest possible meeting, and participants
 *     whose team no room can hold with the smallest partner team;
 *   - the SMEs' minimums against the room-slots of rooms that can hold a
 *     meeting and against the investors' capacities, over the event and per
 *     day for the SMEs available on that day only;
 *   - must requests that cannot be met even alone.
 *
 * In group format one SME meeting is a pitch to at least group_min_investors
 * investors, and every room test counts the smallest teams such a pitch can
 * hold.
 *
 * With peer pairs (two SMEs or two investors, met on request) a partner may
 * be on either side, one meeting may count for two SMEs' minimums (so the
 * room-slots are held against half the demand) and an SME's meeting need
 * not have an investor (so the investors' capacity is not held against
 * the SMEs' minimums).
 */
#define _POSIX_C_SOURCE 200809L
#include "workflow.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_MAX 10 /* ids named in one warning before "and N more" */

/* What every participant's figures share, derived once per event. */
typedef struct {
    const rs_event *ev;
    int *cap;          /* per participant: rs_participant_capacity          */
    int *maxcap;       /* per slot: largest capacity of a room free then    */
    int max_room;      /* largest capacity of a room free in some slot      */
    int min_inv_team;  /* smallest investor team (1 when there is none)     */
    int min_sme_team;  /* smallest SME team (1 when there is none)          */
    int extra;         /* people a meeting holds besides one SME and one
                          investor: the other investors of a group pitch    */
    int per_pitch;     /* investors one SME meeting needs                   */
    int peers;         /* the event has peer pairs (see the top)             */
    int smallest;      /* people in the smallest possible meeting           */
} ctx_t;

/* Scratch space for one participant at a time (sized for the larger side). */
typedef struct {
    unsigned char *reach;  /* per partner: can meet it (see rs_supply_of)   */
    unsigned char *seen;   /* per partner: visited by the current search    */
    int *match;            /* per partner: slot it is matched to, or -1     */
    unsigned char *usable; /* per slot: counts in room_slots                */
    int *first;            /* per slot + 1: offsets into adj                */
    int *adj;              /* partners with an edge, grouped by slot        */
    size_t adj_cap;
} work_t;

static void ctx_free(ctx_t *c)
{
    free(c->cap);
    free(c->maxcap);
}

/* Derives the shared figures.  Returns 0, or -1 when out of memory. */
static int ctx_init(ctx_t *c, const rs_event *ev)
{
    memset(c, 0, sizeof *c);
    c->ev = ev;
    c->cap = malloc(((size_t)ev->np + 1) * sizeof(int));
    c->maxcap = calloc((size_t)ev->nslots + 1, sizeof(int));
    if (!c->cap || !c->maxcap)
        return -1;
    for (int p = 0; p < ev->np; p++)
        c->cap[p] = rs_participant_capacity(ev, p);
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; k < ev->nslots; k++)
            if (ev->rooms[r].avail[k] && ev->rooms[r].capacity > c->maxcap[k])
                c->maxcap[k] = ev->rooms[r].capacity;
    for (int k = 0; k < ev->nslots; k++)
        if (c->maxcap[k] > c->max_room)
            c->max_room = c->maxcap[k];
    c->min_inv_team = c->min_sme_team = INT_MAX;
    for (int p = 0; p < ev->np; p++) {
        int *m = ev->p[p].is_investor ? &c->min_inv_team : &c->min_sme_team;
        if (ev->p[p].team_size < *m)
            *m = ev->p[p].team_size;
    }
    if (c->min_inv_team == INT_MAX)
        c->min_inv_team = 1;
    if (c->min_sme_team == INT_MAX)
        c->min_sme_team = 1;
    c->per_pitch = ev->format == RS_FORMAT_GROUP ? ev->group_min_investors : 1;
    c->extra = (c->per_pitch - 1) * c->min_inv_team;
    c->peers = ev->npairs_io < ev->npairs;
    c->smallest = c->min_sme_team + c->min_inv_team + c->extra;
    int least = c->min_sme_team < c->min_inv_team ? c->min_sme_team : c->min_inv_team;
    if (c->peers && 2 * least < c->smallest)
        c->smallest = 2 * least;
    return 0;
}

static void work_free(work_t *w)
{
    free(w->reach);
    free(w->seen);
    free(w->match);
    free(w->usable);
    free(w->first);
    free(w->adj);
}

static int work_init(work_t *w, const rs_event *ev)
{
    memset(w, 0, sizeof *w);
    size_t side = (size_t)(ev->ninv > ev->nsme ? ev->ninv : ev->nsme) + 1;
    if (ev->npairs_io < ev->npairs) /* peer pairs: partners on both sides */
        side = (size_t)ev->np + 1;
    w->reach = calloc(side, 1);
    w->seen = calloc(side, 1);
    w->match = malloc(side * sizeof(int));
    w->usable = calloc((size_t)ev->nslots + 1, 1);
    w->first = calloc((size_t)ev->nslots + 2, sizeof(int));
    return w->reach && w->seen && w->match && w->usable && w->first ? 0 : -1;
}

/* Smallest number of people a meeting of p holds next to partner team t. */
static int people(const ctx_t *c, int p, int t)
{
    return c->ev->p[p].team_size + t + c->extra;
}

/* Whether p and partner q could meet in slot k: both available and a room
 * free then holds them (with the smallest other investors of a pitch). */
static int edge(const ctx_t *c, int p, int q, int k)
{
    const rs_event *ev = c->ev;
    return ev->p[p].avail[k] && ev->p[q].avail[k] &&
           c->maxcap[k] >= people(c, p, ev->p[q].team_size);
}

/* Whether p and q are a candidate pair, whichever side p is on. */
static int candidate(const rs_event *ev, int p, int q)
{
    return ev->p[p].is_investor ? rs_pair_index(ev, p, q) >= 0 : rs_pair_index(ev, q, p) >= 0;
}

/* Most meetings in the marked slots first..last-1 when no more than K may
 * be consecutive: a run of L consecutive marked slots holds at most
 * L - floor(L / (K + 1)), the count rs_participant_capacity uses. */
static long run_capacity(const rs_event *ev, const unsigned char *mask, int first, int last,
                         long K)
{
    long total = 0, run = 0;
    for (int k = first; k < last; k++) {
        if (mask[k] && run > 0 && ev->slots[k].prev == k - 1) {
            run++;
            continue;
        }
        total += run - run / (K + 1);
        run = mask[k] ? 1 : 0;
    }
    return total + run - run / (K + 1);
}

/* Looks for an augmenting path from slot k (Kuhn's algorithm): a partner
 * with an edge to k that is free, or whose slot can take another partner.
 * qbase is the first partner's participant index. */
static int augment(work_t *w, int k)
{
    for (int e = w->first[k]; e < w->first[k + 1]; e++) {
        int j = w->adj[e];
        if (w->seen[j])
            continue;
        w->seen[j] = 1;
        if (w->match[j] < 0 || augment(w, w->match[j])) {
            w->match[j] = k;
            return 1;
        }
    }
    return 0;
}

/* Fills *o for participant p (see rs_supply_of).  Returns 0, or -1 when out
 * of memory. */
static int supply_one(const ctx_t *c, work_t *w, int p, rs_supply_of *o)
{
    const rs_event *ev = c->ev;
    const rs_participant *a = &ev->p[p];
    int qbase = a->is_investor ? ev->ninv : 0, qn = a->is_investor ? ev->nsme : ev->ninv;
    if (c->peers) { /* partners on both sides */
        qbase = 0;
        qn = ev->np;
    }
    int min_cand = INT_MAX;
    memset(o, 0, sizeof *o);
    o->avail_slots = a->navail;
    o->per_meeting = a->is_investor ? 1 : c->per_pitch;
    for (int j = 0; j < qn; j++) {
        int q = qbase + j;
        w->reach[j] = 0;
        if (!candidate(ev, p, q))
            continue;
        o->candidates++;
        if (ev->p[q].team_size < min_cand)
            min_cand = ev->p[q].team_size;
        if (c->cap[q] <= 0)
            continue;
        for (int k = 0; k < ev->nslots; k++)
            if (edge(c, p, q, k)) {
                w->reach[j] = 1;
                o->reachable++;
                break;
            }
    }
    int min_other = a->is_investor ? c->min_sme_team : c->min_inv_team;
    int own_side = a->is_investor ? c->min_inv_team : c->min_sme_team;
    if (c->peers && own_side < min_other) /* a peer partner may be smaller */
        min_other = own_side;
    o->need = people(c, p, min_other);
    o->no_room = o->need > c->max_room;
    int slot_need = people(c, p, o->candidates ? min_cand : min_other);
    for (int k = 0; k < ev->nslots; k++) {
        w->usable[k] = a->avail[k] && c->maxcap[k] >= slot_need;
        o->room_slots += w->usable[k];
    }
    long cap = run_capacity(ev, w->usable, 0, ev->nslots, a->max_consecutive);
    o->slot_capacity = (int)(cap < a->max_meetings ? cap : a->max_meetings);
    /* edges grouped by slot, then a maximum matching where a slot takes up
     * to per_meeting partners and a partner one slot */
    size_t nadj = 0;
    for (int k = 0; k < ev->nslots; k++) {
        w->first[k] = (int)nadj;
        if (!w->usable[k])
            continue;
        for (int j = 0; j < qn; j++) {
            if (!w->reach[j] || !edge(c, p, qbase + j, k))
                continue;
            if (nadj == w->adj_cap) {
                size_t ncap = w->adj_cap ? w->adj_cap * 2 : 1024;
                int *na = realloc(w->adj, ncap * sizeof(int));
                if (!na)
                    return -1;
                w->adj = na;
                w->adj_cap = ncap;
            }
            w->adj[nadj++] = j;
        }
    }
    w->first[ev->nslots] = (int)nadj;
    for (int j = 0; j < qn; j++)
        w->match[j] = -1;
    long placed = 0;
    for (int k = 0; k < ev->nslots; k++)
        for (int copy = 0; copy < o->per_meeting && w->first[k] < w->first[k + 1]; copy++) {
            memset(w->seen, 0, (size_t)qn);
            if (!augment(w, k))
                break; /* no path now means none later either */
            placed++;
        }
    o->matching = (int)(placed / o->per_meeting);
    o->bound = o->slot_capacity;
    if (o->reachable / o->per_meeting < o->bound)
        o->bound = o->reachable / o->per_meeting;
    if (o->matching < o->bound)
        o->bound = o->matching;
    return 0;
}

/* Computes every participant's figures with a ready context. */
static rs_code supply_compute(const ctx_t *c, rs_supply_of *out)
{
    work_t w;
    rs_code rc = RS_ENOMEM;
    if (work_init(&w, c->ev) != 0)
        goto done;
    for (int p = 0; p < c->ev->np; p++)
        if (supply_one(c, &w, p, &out[p]) != 0)
            goto done;
    rc = RS_OK;
done:
    work_free(&w);
    return rc;
}

rs_code rs_supply_all(const rs_event *ev, rs_supply_of *out)
{
    ctx_t c;
    rs_code rc = RS_ENOMEM;
    if (ctx_init(&c, ev) == 0)
        rc = supply_compute(&c, out);
    ctx_free(&c);
    return rc;
}

/* ------------------------------------------------------------ messages */

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

/* Appends to buf " (ID, ID, ... and N more)" naming, in id order, the
 * partners of p that are candidates (reachable_only 0) or that can really
 * meet it (reachable_only 1, as rs_supply_of.reachable counts). */
static void list_partners(const ctx_t *c, int p, int reachable_only, char *buf, size_t n)
{
    const rs_event *ev = c->ev;
    size_t len = strlen(buf);
    int shown = 0, more = 0;
    for (int x = 0; x < ev->np; x++) {
        int q = ev->id_order[x];
        if ((!c->peers && ev->p[q].is_investor == ev->p[p].is_investor) || !candidate(ev, p, q))
            continue;
        if (reachable_only) {
            int ok = 0;
            for (int k = 0; c->cap[q] > 0 && k < ev->nslots && !ok; k++)
                ok = edge(c, p, q, k);
            if (!ok)
                continue;
        }
        if (shown == LIST_MAX) {
            more++;
            continue;
        }
        if (len < n)
            len += (size_t)snprintf(buf + len, n - len, "%s%s", shown ? ", " : " (",
                                    ev->p[q].id);
        shown++;
    }
    if (shown && more && len < n)
        len += (size_t)snprintf(buf + len, n - len, " and %d more", more);
    if (shown && len < n)
        snprintf(buf + len, n - len, ")");
}

/* The warning for a participant whose minimum exceeds its figures: the
 * most basic limit first (partners allowed, slots, partners that can meet
 * it, distinct slots). */
static void warn_minimum(const ctx_t *c, int p, const rs_supply_of *o, rs_diag *d)
{
    const rs_event *ev = c->ev;
    const rs_participant *a = &ev->p[p];
    const char *side = c->peers ? "participant" : a->is_investor ? "SME" : "investor";
    int per = o->per_meeting, min = a->min_meetings;
    char head[256], buf[2048];
    snprintf(head, sizeof head, "%s asks for at least %d meeting%s", a->id, min, plural(min));
    char each[96] = "";
    if (per > 1)
        snprintf(each, sizeof each, ", and each pitch needs %d", per);
    if (o->candidates / per < min) {
        if (o->candidates == 0)
            snprintf(buf, sizeof buf, "%s but no %s may meet it (sector interest, stage, "
                                      "request or avoid)", head, side);
        else {
            snprintf(buf, sizeof buf, "%s but only %d %s%s may meet it%s", head, o->candidates,
                     side, plural(o->candidates), each);
            list_partners(c, p, 0, buf, sizeof buf);
        }
    } else if (o->slot_capacity < min) {
        int len = snprintf(buf, sizeof buf, "%s but can hold at most %d: it is available in "
                                            "%s%d slot%s", head, o->slot_capacity,
                           o->avail_slots < min ? "only " : "", o->avail_slots,
                           plural(o->avail_slots));
        if (o->room_slots < o->avail_slots && len > 0 && (size_t)len < sizeof buf)
            len += snprintf(buf + len, sizeof buf - (size_t)len, ", %d of them with a free "
                            "room for its team and an %s's", o->room_slots, side);
        if (o->slot_capacity < o->room_slots && len > 0 && (size_t)len < sizeof buf)
            snprintf(buf + len, sizeof buf - (size_t)len, ", and it takes at most %d "
                     "meeting%s in a row", a->max_consecutive, plural(a->max_consecutive));
    } else if (o->reachable / per < min) {
        snprintf(buf, sizeof buf, "%s but only %d of the %d %ss who may meet it can: a common "
                                  "free slot with a room for both teams, and a meeting left "
                                  "in their own limits%s", head, o->reachable, o->candidates,
                 side, each);
        list_partners(c, p, 1, buf, sizeof buf);
    } else {
        int slots = 0;
        for (int k = 0; k < ev->nslots; k++) {
            int any = 0;
            for (int q = 0; q < ev->np && !any; q++)
                any = (c->peers || ev->p[q].is_investor != a->is_investor) && c->cap[q] > 0 &&
                      candidate(ev, p, q) && edge(c, p, q, k);
            slots += any;
        }
        if (slots < min)
            snprintf(buf, sizeof buf, "%s but at most %d fit: its %d possible %ss are free "
                                      "with it, with a free room, in only %d slot%s", head,
                     o->matching, o->reachable, side, slots, plural(slots));
        else
            snprintf(buf, sizeof buf, "%s but at most %d fit: its %d possible %ss share too "
                                      "few distinct free slots with it for more%s", head,
                     o->matching, o->reachable, side, each);
    }
    rs_diag_add(d, "%s", buf);
}

/* Rooms smaller than the smallest possible meeting: they can host none. */
static void warn_rooms(const ctx_t *c, rs_diag *d)
{
    const rs_event *ev = c->ev;
    int smallest = c->min_sme_team + c->min_inv_team + c->extra;
    char parts[160];
    if (c->per_pitch > 1)
        snprintf(parts, sizeof parts, "the smallest SME team plus the %d smallest investor "
                                      "teams", c->per_pitch);
    else
        snprintf(parts, sizeof parts, "the smallest SME team plus the smallest investor team");
    for (int r = 0; r < ev->nrooms; r++) {
        const rs_room *rm = &ev->rooms[r];
        if (rm->capacity < smallest)
            rs_diag_add(d, "room %s holds %d %s, fewer than the smallest possible meeting "
                           "(%d people: %s): it can host no meeting", rm->id, rm->capacity,
                        rm->capacity == 1 ? "person" : "people", smallest, parts);
    }
}

/* A participant whose team no room holds with the smallest partner side. */
static void warn_team(const ctx_t *c, int p, const rs_supply_of *o, rs_diag *d)
{
    const rs_participant *a = &c->ev->p[p];
    rs_diag_add(d, "no room holds %s: its team of %d with the smallest possible rest of a "
                   "meeting makes %d people, and the largest room free at any time holds "
                   "%d: it can meet no one", a->id, a->team_size, o->need, c->max_room);
}

/* Slots of day d in a mask. */
static int day_has(const rs_event *ev, const unsigned char *avail, int d)
{
    for (int k = ev->days[d].first_slot; k < ev->days[d].first_slot + ev->days[d].nslots; k++)
        if (avail[k])
            return 1;
    return 0;
}

/* The SMEs' minimums against room-slots and investor capacity: over the
 * event, then per day for the SMEs available on that day only.  Returns 0,
 * or -1 when out of memory. */
static int warn_totals(const ctx_t *c, rs_diag *d)
{
    const rs_event *ev = c->ev;
    int smallest = c->smallest, g = c->per_pitch;
    long room_slots = 0, all_slots = 0, demand = 0, inv_cap = 0;
    long *day_rooms = calloc((size_t)ev->ndays + 1, sizeof(long));
    if (!day_rooms)
        return -1;
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; k < ev->nslots; k++) {
            all_slots += ev->rooms[r].avail[k];
            if (ev->rooms[r].capacity >= smallest && ev->rooms[r].avail[k]) {
                room_slots++;
                day_rooms[ev->slots[k].day]++;
            }
        }
    const char *rooms_word = room_slots < all_slots ? "the rooms that can hold a meeting"
                                                    : "the rooms";
    for (int p = 0; p < ev->np; p++) {
        if (ev->p[p].is_investor)
            inv_cap += c->cap[p];
        else
            demand += ev->p[p].min_meetings;
    }
    if (c->peers && (demand + 1) / 2 > room_slots) /* a meeting of two SMEs counts twice */
        rs_diag_add(d, "the SMEs' minimums add up to %ld, at least %ld meetings even with "
                       "every meeting between two of them, but %s offer only %ld "
                       "room-slots: at least %ld meeting%s short", demand, (demand + 1) / 2,
                    rooms_word, room_slots, (demand + 1) / 2 - room_slots,
                    plural((demand + 1) / 2 - room_slots));
    if (!c->peers && demand > room_slots)
        rs_diag_add(d, "the SMEs' minimums add up to %ld meetings but %s offer only %ld "
                       "room-slots: at least %ld meeting%s short", demand, rooms_word,
                    room_slots, demand - room_slots, plural(demand - room_slots));
    if (!c->peers && demand > inv_cap / g) {
        if (g > 1)
            rs_diag_add(d, "the SMEs' minimums add up to %ld pitches of at least %d investors "
                           "(%ld investor places) but the investors can take at most %ld "
                           "meetings (their maximums, availability and consecutive limits): "
                           "at least %ld pitch%s short", demand, g, demand * g, inv_cap,
                        demand - inv_cap / g, demand - inv_cap / g == 1 ? "" : "es");
        else
            rs_diag_add(d, "the SMEs' minimums add up to %ld meetings but the investors can "
                           "take at most %ld (their maximums, availability and consecutive "
                           "limits): at least %ld meeting%s short", demand, inv_cap,
                        demand - inv_cap, plural(demand - inv_cap));
    }
    for (int day = 0; ev->ndays > 1 && !c->peers && day < ev->ndays; day++) {
        long want = 0, cap = 0;
        int n = 0;
        for (int p = ev->ninv; p < ev->np; p++) {
            const rs_participant *a = &ev->p[p];
            int only = a->navail > 0 && day_has(ev, a->avail, day);
            for (int o = 0; only && o < ev->ndays; o++)
                if (o != day && day_has(ev, a->avail, o))
                    only = 0;
            if (only && a->min_meetings > 0) {
                n++;
                want += a->min_meetings;
            }
        }
        if (n == 0)
            continue;
        int first = ev->days[day].first_slot, last = first + ev->days[day].nslots;
        for (int p = 0; p < ev->ninv; p++) {
            const rs_participant *a = &ev->p[p];
            long dc = run_capacity(ev, a->avail, first, last, a->max_consecutive);
            cap += dc < a->max_meetings ? dc : a->max_meetings;
        }
        const char *date = ev->days[day].date;
        if (want > day_rooms[day])
            rs_diag_add(d, "%s: the %d SME%s available only that day ask%s for at least %ld "
                           "meetings but %s offer only %ld room-slots that day: at least %ld "
                           "short", date, n, plural(n), n == 1 ? "s" : "", want, rooms_word,
                        day_rooms[day], want - day_rooms[day]);
        if (want > cap / g && g > 1)
            rs_diag_add(d, "%s: the %d SME%s available only that day ask%s for at least %ld "
                           "pitches of at least %d investors but the investors can take at "
                           "most %ld meetings that day: at least %ld short", date, n,
                        plural(n), n == 1 ? "s" : "", want, g, cap, want - cap / g);
        else if (want > cap)
            rs_diag_add(d, "%s: the %d SME%s available only that day ask%s for at least %ld "
                           "meetings but the investors can take at most %ld that day: at "
                           "least %ld short", date, n, plural(n), n == 1 ? "s" : "", want,
                        cap, want - cap);
    }
    free(day_rooms);
    return 0;
}

/* Must requests that cannot be met even with nothing else scheduled. */
static void warn_musts(const ctx_t *c, rs_diag *d)
{
    const rs_event *ev = c->ev;
    for (int x = 0; x < ev->np; x++) {
        int p = ev->id_order[x];
        const rs_participant *a = &ev->p[p];
        for (int r = 0; r < a->nreq; r++) {
            if (a->req[r].priority != RS_PRIO_MUST)
                continue;
            int q = a->req[r].other;
            int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
            const char *head_a = a->id, *head_b = ev->p[q].id;
            if (rs_pair_forbidden(ev, inv, sme)) {
                int by_inv = 0;
                for (int k = 0; k < ev->p[inv].navoid; k++)
                    by_inv |= ev->p[inv].avoid[k] == sme;
                rs_diag_add(d, "must request %s -> %s cannot be met even alone: %s avoids %s",
                            head_a, head_b, by_inv ? ev->p[inv].id : ev->p[sme].id,
                            by_inv ? ev->p[sme].id : ev->p[inv].id);
                continue;
            }
            if (c->cap[inv] <= 0 || c->cap[sme] <= 0) {
                /* a capacity of 0 comes from max_meetings 0 or no available
                 * slot: the consecutive limit is at least 1 */
                const rs_participant *w = &ev->p[c->cap[inv] <= 0 ? inv : sme];
                rs_diag_add(d, "must request %s -> %s cannot be met even alone: %s takes no "
                               "meeting (%s)", head_a, head_b, w->id,
                            w->max_meetings == 0 ? "max_meetings 0" : "no available slot");
                continue;
            }
            int common = 0, roomy = 0, need = people(c, sme, ev->p[inv].team_size), big = 0;
            int pair = rs_pair_index(ev, p, q), inside = 0;
            for (int k = 0; k < ev->nslots; k++) {
                if (!ev->p[inv].avail[k] || !ev->p[sme].avail[k])
                    continue;
                common++;
                if (pair >= 0 && !rs_pair_slot_ok(ev, pair, k))
                    continue; /* outside the request's windows (rule 11) */
                inside++;
                roomy += c->maxcap[k] >= need;
                if (c->maxcap[k] > big)
                    big = c->maxcap[k];
            }
            if (common == 0)
                rs_diag_add(d, "must request %s -> %s cannot be met even alone: %s and %s "
                               "have no common available slot", head_a, head_b,
                            ev->p[sme].id, ev->p[inv].id);
            else if (inside == 0)
                rs_diag_add(d, "must request %s -> %s cannot be met even alone: none of their "
                               "%d common available slot%s lies inside the request's windows",
                            head_a, head_b, common, plural(common));
            else if (roomy == 0)
                rs_diag_add(d, "must request %s -> %s cannot be met even alone: no room free "
                               "in their %d common slot%s holds their %d people (largest: %d)",
                            head_a, head_b, inside, plural(inside), need, big);
        }
    }
}

rs_code rs_event_supply(const rs_event *ev, rs_diag *warnings)
{
    ctx_t c;
    rs_code rc = RS_ENOMEM;
    rs_supply_of *sup = calloc((size_t)ev->np + 1, sizeof(rs_supply_of));
    if (ctx_init(&c, ev) != 0 || !sup)
        goto done;
    rc = supply_compute(&c, sup);
    if (rc != RS_OK)
        goto done;
    warn_rooms(&c, warnings);
    /* when no room can host any meeting, one line says so instead of one
     * per participant */
    int smallest = c.smallest;
    if (c.max_room == 0)
        rs_diag_add(warnings, "no room is free in any slot: no meeting can take place");
    else if (c.max_room < smallest)
        rs_diag_add(warnings, "no room can host a meeting: the smallest possible meeting has "
                              "%d people and the largest room free at any time holds %d",
                    smallest, c.max_room);
    if (warn_totals(&c, warnings) != 0) {
        rc = RS_ENOMEM;
        goto done;
    }
    for (int x = 0; x < ev->np; x++) {
        int p = ev->id_order[x];
        if (sup[p].no_room && c.max_room < smallest)
            continue; /* said once above */
        if (sup[p].no_room)
            warn_team(&c, p, &sup[p], warnings);
        else if (ev->p[p].min_meetings > sup[p].bound)
            warn_minimum(&c, p, &sup[p], warnings);
    }
    warn_musts(&c, warnings);
done:
    ctx_free(&c);
    free(sup);
    return rc;
}
