/*
 * schedule.c - a schedule's storage, its contract objective, and the
 * building blocks of the explanations (explain.c) written for every request
 * not granted and every SME short of its minimum.
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

void rs_schedule_clear_explanations(rs_schedule *s)
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
    rs_schedule_clear_explanations(s);
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

/* Date, start, then room id: the contract's order; the SME breaks ties so
 * that even a broken schedule sorts the same way every time (ctx: the
 * event). */
static int cmp_meeting(const void *a, const void *b, void *ctx)
{
    const rs_meeting *x = a, *y = b;
    const rs_event *ev = ctx;
    if (x->slot != y->slot)
        return x->slot - y->slot; /* slots are already in date, start order */
    int c = strcmp(ev->rooms[x->room].id, ev->rooms[y->room].id);
    if (c)
        return c;
    return strcmp(ev->p[x->sme].id, ev->p[y->sme].id);
}

void rs_schedule_sort(const rs_event *ev, rs_schedule *s)
{
    if (s->nm < 2)
        return; /* s->m may be NULL then */
    rs_sort(s->m, (size_t)s->nm, sizeof(rs_meeting), cmp_meeting, (void *)ev);
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

/* The first and last slot of a busy row's meetings on day d, into *a and
 * *b (*a > *b when it has none that day). */
static void busy_span(const rs_event *ev, const unsigned char *row, int d, int *a, int *b)
{
    *a = ev->days[d].first_slot;
    *b = *a + ev->days[d].nslots - 1;
    while (*a <= *b && !row[*a])
        (*a)++;
    while (*b >= *a && !row[*b])
        (*b)--;
}

/* Idle slots of one participant on day d given its busy row: slots
 * strictly between its first and last meeting of the day with no meeting. */
int rs_idle_day(const rs_event *ev, const unsigned char *row, int d)
{
    int a, b, idle = 0;
    busy_span(ev, row, d, &a, &b);
    for (int k = a; k <= b; k++)
        idle += !row[k];
    return idle;
}

/* Gaps of one participant on day d given its busy row: maximal runs of
 * free slots strictly between its first and last meeting of the day (the
 * day's slots are in order, and a break is not a slot). */
int rs_gaps_day(const rs_event *ev, const unsigned char *row, int d)
{
    int a, b, gaps = 0;
    busy_span(ev, row, d, &a, &b);
    for (int k = a + 1; k <= b; k++)
        gaps += !row[k] && row[k - 1];
    return gaps;
}

int rs_gaps_of(const rs_event *ev, const unsigned char *row)
{
    int gaps = 0;
    for (int d = 0; d < ev->ndays; d++)
        gaps += rs_gaps_day(ev, row, d);
    return gaps;
}

int rs_gaps_within(const rs_event *ev, unsigned char *row, int p, int k)
{
    if (ev->p[p].max_idle_gaps >= RS_UNLIMITED)
        return 1;
    if (k >= 0)
        row[k] ^= 1;
    int g = rs_gaps_of(ev, row);
    if (k >= 0)
        row[k] ^= 1;
    return g <= ev->p[p].max_idle_gaps;
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
    return rs_objective_gaps(ev, s, idle, shortfalls, NULL);
}

/* The objective with gaps: counted always (for stats.idle_gaps), paid
 * only when weights.idle_gap is set, so that events without it compute
 * exactly the value they did before gaps existed. */
double rs_objective_gaps(const rs_event *ev, const rs_schedule *s, int *idle, int *shortfalls,
                         int *gaps)
{
    double total = 0;
    int id = 0, sh = 0, gp = 0;
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
        gp += rs_gaps_of(ev, busy + (size_t)p * (size_t)ev->nslots);
    }
    free(count);
    free(busy);
    if (idle)
        *idle = id;
    if (shortfalls)
        *shortfalls = sh;
    if (gaps)
        *gaps = gp;
    double obj = total - ev->w.min_meetings_shortfall * sh - ev->w.idle_slot * id;
    if (ev->w.idle_gap > 0)
        obj -= ev->w.idle_gap * gp;
    return obj;
}

/* What keeps participant p from one more meeting in slot k at venue v,
 * given its busy row and the venue of each of its meetings (venue_of, -1
 * when free): RS_BLOCK_NONE when nothing does.  *detail receives the run
 * length for RS_BLOCK_CONSECUTIVE and the slot of the neighbouring meeting
 * for the travel blocks, so an explanation can name them. */
int rs_add_blocker(const rs_event *ev, int p, int k, int v, const unsigned char *row,
                   const int *venue_of, int *detail)
{
    const rs_participant *a = &ev->p[p];
    if (!a->avail[k])
        return RS_BLOCK_UNAVAILABLE;
    if (row[k])
        return RS_BLOCK_BUSY;
    /* consecutive run through k */
    int run = 1;
    for (int j = k; ev->slots[j].prev >= 0 && row[ev->slots[j].prev]; j = ev->slots[j].prev)
        run++;
    for (int j = k + 1; j < ev->nslots && ev->slots[j].prev == j - 1 && row[j]; j++)
        run++;
    if (run > a->max_consecutive) {
        *detail = run;
        return RS_BLOCK_CONSECUTIVE;
    }
    /* travel to the previous and next meeting of the day */
    int day = ev->slots[k].day;
    for (int j = k - 1; j >= ev->days[day].first_slot; j--)
        if (row[j]) {
            if (ev->slots[k].start - ev->slots[j].end < rs_travel(ev, venue_of[j], v)) {
                *detail = j;
                return RS_BLOCK_TRAVEL_BEFORE;
            }
            break;
        }
    int last = ev->days[day].first_slot + ev->days[day].nslots;
    for (int j = k + 1; j < last; j++)
        if (row[j]) {
            if (ev->slots[j].start - ev->slots[k].end < rs_travel(ev, v, venue_of[j])) {
                *detail = j;
                return RS_BLOCK_TRAVEL_AFTER;
            }
            break;
        }
    return RS_BLOCK_NONE;
}

int rs_can_add(const rs_event *ev, int p, int k, int v, const unsigned char *row,
               const int *venue_of)
{
    int detail;
    return rs_add_blocker(ev, p, k, v, row, venue_of, &detail) == RS_BLOCK_NONE;
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
    info->idle_gaps = s->idle_gaps;
    info->shortfalls = s->nshort;
    info->smes = ev->nsme;
    unsigned char *served = calloc((size_t)ev->np + 1, 1);
    if (served) {
        for (int i = 0; i < s->nm; i++) { /* a peer meeting may have two SMEs */
            served[s->m[i].sme] = 1;
            for (int k = 0; k < s->m[i].ninv; k++)
                served[s->m[i].inv[k]] = 1;
        }
        for (int p = ev->ninv; p < ev->np; p++)
            info->smes_served += served[p];
        free(served);
    }
    for (int p = 0; p < ev->np; p++)
        info->requests += ev->p[p].nreq;
    info->requests_met = info->requests - s->nunmet;
    info->previous = s->previous;
    info->kept = s->kept;
    info->moved = s->moved;
    info->dropped = s->dropped;
    info->removed = s->removed;
    info->added = s->added;
    info->changed = s->changed;
    info->move_cost = s->move_cost;
}
