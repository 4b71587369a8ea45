/*
 * schedule.c - a schedule's storage, its contract objective, and the
 * explanations written for every request not granted and every SME short
 * of its minimum.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rs_schedule *rs_schedule_new(void)
{
    rs_schedule *s = calloc(1, sizeof(rs_schedule));
    if (s) {
        strcpy(s->status, "feasible");
        s->objective = s->bound = s->gap = NAN;
    }
    return s;
}

static void clear_explanations(rs_schedule *s)
{
    for (int i = 0; i < s->nunmet; i++)
        free(s->unmet[i].reason);
    free(s->unmet);
    s->unmet = NULL;
    s->nunmet = 0;
    for (int i = 0; i < s->nshort; i++)
        free(s->short_[i].reason);
    free(s->short_);
    s->short_ = NULL;
    s->nshort = 0;
}

void rs_schedule_free(rs_schedule *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nm; i++)
        free(s->m[i].inv);
    free(s->m);
    clear_explanations(s);
    free(s);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int rs_schedule_add(rs_schedule *s, int slot, int room, int sme, const int *inv, int ninv,
                    double score, int locked)
{
    if (s->nm == s->capm) {
        int cap = s->capm ? s->capm * 2 : 64;
        rs_meeting *m = realloc(s->m, (size_t)cap * sizeof(rs_meeting));
        if (!m)
            return -1;
        s->m = m;
        s->capm = cap;
    }
    int *copy = malloc((size_t)(ninv > 0 ? ninv : 1) * sizeof(int));
    if (!copy)
        return -1;
    if (ninv > 0)
        memcpy(copy, inv, (size_t)ninv * sizeof(int));
    /* investors are indices into a file sorted by nothing in particular;
     * sorting by index keeps output stable for the same input */
    qsort(copy, (size_t)ninv, sizeof(int), cmp_int);
    s->m[s->nm++] = (rs_meeting){slot, room, sme, ninv, copy, score, locked};
    return 0;
}

static const rs_event *sort_ev_;

/* Date, start, then room id: the contract's order; the SME breaks ties so
 * that even a broken schedule sorts the same way every time. */
static int cmp_meeting(const void *a, const void *b)
{
    const rs_meeting *x = a, *y = b;
    const rs_event *ev = sort_ev_;
    if (x->slot != y->slot)
        return x->slot - y->slot; /* slots are already in date, start order */
    int c = strcmp(ev->rooms[x->room].id, ev->rooms[y->room].id);
    if (c)
        return c;
    return strcmp(ev->p[x->sme].id, ev->p[y->sme].id);
}

void rs_schedule_sort(const rs_event *ev, rs_schedule *s)
{
    sort_ev_ = ev;
    if (s->nm > 0) /* an empty schedule may hold m == NULL, which qsort must not get */
        qsort(s->m, (size_t)s->nm, sizeof(rs_meeting), cmp_meeting);
    sort_ev_ = NULL;
}

/* Per participant and slot: 1 when in a meeting.  Caller frees. */
static unsigned char *busy_map(const rs_event *ev, const rs_schedule *s)
{
    unsigned char *busy = calloc((size_t)ev->np * (size_t)ev->nslots + 1, 1);
    if (!busy)
        return NULL;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        busy[(size_t)m->sme * (size_t)ev->nslots + (size_t)m->slot] = 1;
        for (int k = 0; k < m->ninv; k++)
            busy[(size_t)m->inv[k] * (size_t)ev->nslots + (size_t)m->slot] = 1;
    }
    return busy;
}

/* Idle slots of one participant on day d given its busy row: slots
 * strictly between its first and last meeting of the day with no meeting. */
int rs_idle_day(const rs_event *ev, const unsigned char *row, int d)
{
    int a = ev->days[d].first_slot, b = a + ev->days[d].nslots - 1, idle = 0;
    while (a <= b && !row[a])
        a++;
    while (b >= a && !row[b])
        b--;
    for (int k = a; k <= b; k++)
        idle += !row[k];
    return idle;
}

int rs_idle_of(const rs_event *ev, const unsigned char *row)
{
    int idle = 0;
    for (int d = 0; d < ev->ndays; d++)
        idle += rs_idle_day(ev, row, d);
    return idle;
}

double rs_objective(const rs_event *ev, const rs_schedule *s, int *idle, int *shortfalls)
{
    double total = 0;
    int id = 0, sh = 0;
    int *count = calloc((size_t)ev->np + 1, sizeof(int));
    unsigned char *busy = busy_map(ev, s);
    if (!count || !busy) {
        free(count);
        free(busy);
        return NAN;
    }
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        count[m->sme]++;
        for (int k = 0; k < m->ninv; k++) {
            count[m->inv[k]]++;
            total += rs_pair_score(ev, m->inv[k], m->sme, NULL, NULL, NULL);
        }
    }
    for (int p = 0; p < ev->np; p++) {
        if (count[p] < ev->p[p].min_meetings)
            sh += ev->p[p].min_meetings - count[p];
        id += rs_idle_of(ev, busy + (size_t)p * (size_t)ev->nslots);
    }
    free(count);
    free(busy);
    if (idle)
        *idle = id;
    if (shortfalls)
        *shortfalls = sh;
    return total - ev->w.min_meetings_shortfall * sh - ev->w.idle_slot * id;
}

/* Whether participant p could take one more meeting in slot k at venue v
 * without breaking travel or the consecutive limit, given its busy row and
 * the venue of each of its meetings (venue_of, -1 when free). */
int rs_can_add(const rs_event *ev, int p, int k, int v, const unsigned char *row,
               const int *venue_of)
{
    const rs_participant *a = &ev->p[p];
    if (!a->avail[k] || row[k])
        return 0;
    /* consecutive run through k */
    int run = 1;
    for (int j = k; ev->slots[j].prev >= 0 && row[ev->slots[j].prev]; j = ev->slots[j].prev)
        run++;
    for (int j = k + 1; j < ev->nslots && ev->slots[j].prev == j - 1 && row[j]; j++)
        run++;
    if (run > a->max_consecutive)
        return 0;
    /* travel to the previous and next meeting of the day */
    int day = ev->slots[k].day;
    for (int j = k - 1; j >= ev->days[day].first_slot; j--)
        if (row[j]) {
            if (ev->slots[k].start - ev->slots[j].end < rs_travel(ev, venue_of[j], v))
                return 0;
            break;
        }
    int last = ev->days[day].first_slot + ev->days[day].nslots;
    for (int j = k + 1; j < last; j++)
        if (row[j]) {
            if (ev->slots[j].start - ev->slots[k].end < rs_travel(ev, v, venue_of[j]))
                return 0;
            break;
        }
    return 1;
}

/* Appends an explanation; returns -1 when out of memory. */
static int add_unmet(rs_schedule *s, int from, int to, int prio, const char *reason)
{
    rs_unmet *u = realloc(s->unmet, (size_t)(s->nunmet + 1) * sizeof(rs_unmet));
    if (!u)
        return -1;
    s->unmet = u;
    char *r = rs_strdup(reason);
    if (!r)
        return -1;
    s->unmet[s->nunmet++] = (rs_unmet){from, to, prio, r};
    return 0;
}

typedef struct {
    unsigned char *busy;  /* np x nslots                         */
    int *venue;           /* np x nslots: venue of the meeting   */
    unsigned char *room_busy; /* nrooms x nslots                 */
    int *count;           /* meetings per participant            */
    unsigned char *met;   /* ninv x nsme: the pair meets          */
} state_t;

static void state_free(state_t *st)
{
    free(st->busy);
    free(st->venue);
    free(st->room_busy);
    free(st->count);
    free(st->met);
}

static int state_build(const rs_event *ev, const rs_schedule *s, state_t *st)
{
    size_t ps = (size_t)ev->np * (size_t)ev->nslots;
    st->busy = calloc(ps + 1, 1);
    st->venue = malloc((ps + 1) * sizeof(int));
    st->room_busy = calloc((size_t)ev->nrooms * (size_t)ev->nslots + 1, 1);
    st->count = calloc((size_t)ev->np + 1, sizeof(int));
    st->met = calloc((size_t)ev->ninv * (size_t)ev->nsme + 1, 1);
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
            st->met[(size_t)m->inv[k] * (size_t)ev->nsme + (size_t)(m->sme - ev->ninv)] = 1;
        }
    }
    return 0;
}

/* The reason a requested pair (inv, sme) did not meet, as true as the
 * schedule and the inputs allow us to say it, most basic cause first. */
static void reason_for(const rs_event *ev, const rs_schedule *s, const state_t *st,
                       int inv, int sme, char *buf, size_t n)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    (void)s;
    for (int k = 0; k < a->navoid; k++)
        if (a->avoid[k] == sme) {
            snprintf(buf, n, "avoided by %s", a->id);
            return;
        }
    for (int k = 0; k < b->navoid; k++)
        if (b->avoid[k] == inv) {
            snprintf(buf, n, "avoided by %s", b->id);
            return;
        }
    int common = 0, roomy = 0, need = a->team_size + b->team_size, maxcap = 0;
    for (int k = 0; k < ev->nslots; k++) {
        if (!a->avail[k] || !b->avail[k])
            continue;
        common++;
        for (int r = 0; r < ev->nrooms; r++)
            if (ev->rooms[r].avail[k]) {
                if (ev->rooms[r].capacity >= need)
                    roomy++;
                if (ev->rooms[r].capacity > maxcap)
                    maxcap = ev->rooms[r].capacity;
            }
    }
    if (common == 0) {
        snprintf(buf, n, "no common free slot");
        return;
    }
    if (roomy == 0) {
        snprintf(buf, n, "every room free in their common slots is too small for %d people",
                 need);
        return;
    }
    for (int side = 0; side < 2; side++) {
        int p = side ? sme : inv, other = side ? inv : sme;
        const rs_participant *x = &ev->p[p];
        if (x->max_meetings == 0) {
            snprintf(buf, n, "%s takes no meetings (max_meetings 0)", x->id);
            return;
        }
        if (st->count[p] >= x->max_meetings) {
            double mine = rs_pair_score(ev, inv, sme, NULL, NULL, NULL);
            int lower = 0;
            for (int i = 0; i < s->nm; i++) {
                const rs_meeting *m = &s->m[i];
                for (int k = 0; k < m->ninv; k++)
                    if ((m->sme == p || m->inv[k] == p) &&
                        rs_pair_score(ev, m->inv[k], m->sme, NULL, NULL, NULL) < mine)
                        lower = 1;
            }
            snprintf(buf, n, "%s is at its maximum of %d meetings%s", x->id, x->max_meetings,
                     lower ? ", some with lower-scoring partners, kept for their "
                             "minimums or for the timetable to fit" : (x->is_investor ? ", all with higher-scoring SMEs"
                                                           : ", all with higher-scoring investors"));
            (void)other;
            return;
        }
    }
    const unsigned char *ra = st->busy + (size_t)inv * (size_t)ev->nslots;
    const unsigned char *rb = st->busy + (size_t)sme * (size_t)ev->nslots;
    const int *va = st->venue + (size_t)inv * (size_t)ev->nslots;
    const int *vb = st->venue + (size_t)sme * (size_t)ev->nslots;
    int both_free = 0, room_free = 0, placeable = 0;
    for (int k = 0; k < ev->nslots; k++) {
        if (!a->avail[k] || !b->avail[k] || ra[k] || rb[k])
            continue;
        both_free++;
        for (int r = 0; r < ev->nrooms; r++) {
            const rs_room *rm = &ev->rooms[r];
            if (!rm->avail[k] || rm->capacity < need ||
                st->room_busy[(size_t)r * (size_t)ev->nslots + (size_t)k])
                continue;
            room_free++;
            if (rs_can_add(ev, inv, k, rm->venue, ra, va) &&
                rs_can_add(ev, sme, k, rm->venue, rb, vb))
                placeable++;
        }
    }
    if (both_free == 0)
        snprintf(buf, n, "no common free slot left: every slot both can attend is taken by "
                         "their other meetings");
    else if (room_free == 0)
        snprintf(buf, n, "no room for %d people is free in the %d slot%s both still have "
                         "free", need, both_free, both_free == 1 ? "" : "s");
    else if (placeable == 0)
        snprintf(buf, n, "in every slot both still have free, travel time or the limit on "
                         "consecutive meetings rules it out");
    else
        snprintf(buf, n, "left out for a better total: fitting it in costs more in idle "
                         "slots than its score of %g adds",
                 rs_pair_score(ev, inv, sme, NULL, NULL, NULL));
}

/* Reason an SME (or investor) stayed short of its minimum. */
static void shortfall_reason(const rs_event *ev, const state_t *st, int p, char *buf,
                             size_t n)
{
    const rs_participant *a = &ev->p[p];
    int cands = 0, open = 0;
    for (int q = a->is_investor ? ev->ninv : 0; q < (a->is_investor ? ev->np : ev->ninv);
         q++) {
        int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
        if (rs_pair_index(ev, inv, sme) < 0)
            continue;
        cands++;
        if (st->met[(size_t)inv * (size_t)ev->nsme + (size_t)(sme - ev->ninv)])
            continue;
        if (st->count[q] >= ev->p[q].max_meetings)
            continue;
        for (int k = 0; k < ev->nslots; k++)
            if (a->avail[k] && ev->p[q].avail[k] &&
                !st->busy[(size_t)p * (size_t)ev->nslots + (size_t)k] &&
                !st->busy[(size_t)q * (size_t)ev->nslots + (size_t)k]) {
                open++;
                break;
            }
    }
    if (a->navail < a->min_meetings)
        snprintf(buf, n, "available in only %d slot%s", a->navail, a->navail == 1 ? "" : "s");
    else if (cands < a->min_meetings)
        snprintf(buf, n, "only %d %s may meet it (sector interest, stage or request)", cands,
                 a->is_investor ? "SMEs" : (cands == 1 ? "investor" : "investors"));
    else if (open == 0)
        snprintf(buf, n, "every %s who may meet it is at their maximum or busy in its free "
                         "slots", a->is_investor ? "SME" : "investor");
    else
        snprintf(buf, n, "the remaining possible meetings would break travel, room or "
                         "consecutive limits, or cost more than the shortfall");
}

rs_code rs_explain(const rs_event *ev, rs_schedule *s)
{
    rs_code rc = RS_ENOMEM;
    state_t st;
    memset(&st, 0, sizeof st);
    clear_explanations(s);
    if (state_build(ev, s, &st) != 0)
        goto done;
    char buf[512];
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        for (int k = 0; k < a->nreq; k++) {
            int q = a->req[k].other;
            int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
            if (st.met[(size_t)inv * (size_t)ev->nsme + (size_t)(sme - ev->ninv)])
                continue;
            reason_for(ev, s, &st, inv, sme, buf, sizeof buf);
            if (add_unmet(s, p, q, a->req[k].priority, buf) != 0)
                goto done;
        }
    }
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        if (st.count[p] >= a->min_meetings)
            continue;
        shortfall_reason(ev, &st, p, buf, sizeof buf);
        rs_shortfall *ns = realloc(s->short_, (size_t)(s->nshort + 1) * sizeof(rs_shortfall));
        if (!ns)
            goto done;
        s->short_ = ns;
        char *r = rs_strdup(buf);
        if (!r)
            goto done;
        s->short_[s->nshort++] = (rs_shortfall){p, st.count[p], a->min_meetings, r};
    }
    rc = RS_OK;
done:
    state_free(&st);
    return rc;
}

void rs_schedule_info_get(const rs_event *ev, const rs_schedule *s, rs_schedule_info *info)
{
    memset(info, 0, sizeof *info);
    info->status = s->status;
    info->objective = s->objective;
    info->bound = s->bound;
    info->gap = s->gap;
    info->seconds = s->seconds;
    info->meetings = s->nm;
    info->idle_slots = s->idle_slots;
    info->shortfalls = s->nshort;
    info->smes = ev->nsme;
    unsigned char *served = calloc((size_t)ev->np + 1, 1);
    if (served) {
        for (int i = 0; i < s->nm; i++)
            served[s->m[i].sme] = 1;
        for (int p = ev->ninv; p < ev->np; p++)
            info->smes_served += served[p];
        free(served);
    }
    for (int p = 0; p < ev->np; p++)
        info->requests += ev->p[p].nreq;
    info->requests_met = info->requests - s->nunmet;
}
