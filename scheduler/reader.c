/*
 * reader.c - reads an event folder into an rs_event, strictly.
 *
 * Every field of the contract is read and checked; unknown fields are errors
 * unless they start with "x-"; references are resolved after both
 * participant files are read so that every problem of every file is
 * reported in one run.  Nothing here knows about the model or outputs.
 */
#define _POSIX_C_SOURCE 200809L
#include "json_in.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits that keep hostile input from exhausting memory or time; far
 * above any real roadshow and at least six times the benchmark's largest
 * event (300 investors, 3000 SMEs, 30 slots, 200 rooms, 150,000 candidate
 * pairs).  Documented in README ("Limits").  Every per-participant table
 * is participants x slots bytes (80 MB at most), the investor-SME matrix
 * 5 bytes a cell (50 MB), and each reading step is linear or n log n in
 * the input, so a file at the limits reads in seconds. */
#define MAX_DAYS 366
#define MAX_PARTICIPANTS 20000  /* in each of investors.json and smes.json   */
#define MAX_ROOMS 2000
#define MAX_SLOTS 2000
#define MAX_NAMED 1000          /* venues, sectors                            */
#define MAX_WINDOWS 1000        /* available/unavailable windows, breaks      */
#define MAX_LIST 10000          /* requests, avoid, travel_minutes entries    */
#define MAX_TAGS 32             /* an SME's sectors, an investor's stages     */
#define MAX_PAIR_MATRIX 10000000L
#define MAX_NAME 1000

static const char *const EVENT_KEYS[] = {"name", "timezone", "slot_minutes",
    "changeover_minutes", "days", "venues", "travel_minutes", "rooms", "sectors",
    "rules", "weights", "solver", NULL};
static const char *const DAY_KEYS[] = {"date", "start", "end", "breaks", NULL};
static const char *const BREAK_KEYS[] = {"start", "end", "label", NULL};
static const char *const NAMED_KEYS[] = {"id", "name", NULL};
static const char *const TRAVEL_KEYS[] = {"from", "to", "minutes", NULL};
static const char *const ROOM_KEYS[] = {"id", "name", "venue", "capacity",
    "unavailable", NULL};
static const char *const WINDOW_KEYS[] = {"date", "start", "end", NULL};
static const char *const RULE_KEYS[] = {"format", "sme_min_meetings",
    "sme_max_meetings", "investor_max_meetings", "max_consecutive_meetings",
    "group_min_investors", "max_idle_gaps", NULL};
static const char *const WEIGHT_KEYS[] = {"primary_sector", "secondary_sector",
    "stage", "request_normal", "request_high", "min_meetings_shortfall",
    "idle_slot", "idle_gap", "move", NULL};
static const char *const SOLVER_KEYS[] = {"time_limit_seconds", "mip_gap", NULL};
static const char *const INVESTOR_KEYS[] = {"id", "name", "organisation",
    "sectors", "stages", "team_size", "available", "unavailable", "min_meetings",
    "max_meetings", "max_consecutive_meetings", "max_idle_gaps", "requests", "avoid", NULL};
static const char *const SME_KEYS[] = {"id", "name", "organisation", "sectors",
    "stage", "team_size", "available", "unavailable", "min_meetings",
    "max_meetings", "max_consecutive_meetings", "max_idle_gaps", "requests", "avoid", NULL};
static const char *const REQ_KEYS[] = {"sme", "investor", "priority", "windows", NULL};

typedef struct {
    int sme_min, sme_max, inv_max, max_consec, max_gaps;
} rules_t;

/* Frees everything an event holds; accepts NULL and half-built events. */
void rs_event_free(rs_event *ev)
{
    if (!ev)
        return;
    free(ev->name);
    free(ev->timezone);
    for (int i = 0; i < ev->ndays; i++)
        free(ev->days[i].date);
    free(ev->days);
    free(ev->slots);
    for (int i = 0; i < ev->nvenues; i++) {
        free(ev->venues[i].id);
        free(ev->venues[i].name);
    }
    free(ev->venues);
    free(ev->travel);
    free(ev->venue_seats);
    for (int i = 0; i < ev->nrooms; i++) {
        free(ev->rooms[i].id);
        free(ev->rooms[i].name);
        free(ev->rooms[i].avail);
    }
    free(ev->rooms);
    for (int i = 0; i < ev->nsectors; i++) {
        free(ev->sectors[i].id);
        free(ev->sectors[i].name);
    }
    free(ev->sectors);
    for (int i = 0; ev->p && i < ev->np; i++) {
        rs_participant *p = &ev->p[i];
        free(p->id);
        free(p->name);
        free(p->organisation);
        free(p->interest);
        free(p->sectors);
        for (int k = 0; k < p->nstages; k++)
            free(p->stages[k]);
        free(p->stages);
        free(p->stage);
        free(p->avail);
        for (int k = 0; k < p->nreq; k++)
            free(p->req[k].win);
        free(p->req);
        free(p->avoid);
    }
    free(ev->p);
    for (int k = 0; k < ev->npairs; k++)
        free(ev->pairs[k].allowed);
    free(ev->pairs);
    free(ev->pair_of);
    free(ev->forbidden);
    free(ev->id_order);
    free(ev);
}

const char *rs_event_name(const rs_event *ev)
{
    return ev->name;
}

const char *rs_event_timezone(const rs_event *ev)
{
    return ev->timezone;
}

int rs_event_counts_gaps(const rs_event *ev)
{
    return ev->w.idle_gap > 0 || ev->gap_cap;
}

/* Index of the event day with this date, or -1. */
static int find_day(const rs_event *ev, const char *date)
{
    for (int i = 0; i < ev->ndays; i++)
        if (strcmp(ev->days[i].date, date) == 0)
            return i;
    return -1;
}

static int find_named(const rs_named *a, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(a[i].id, id) == 0)
            return i;
    return -1;
}

/* Reads an array of {date,start,end} windows and marks, in mark[slot], the
 * slots each window touches: mode 0 marks slots lying wholly inside a window
 * (availability), mode 1 marks slots overlapping it (unavailability).
 * Returns the number of windows read. */
static int read_windows(rs_jin *c, const rs_event *ev, const cJSON *arr,
                        unsigned char *mark, int mode)
{
    int i = 0, n = 0;
    for (const cJSON *w = arr->child; w; w = w->next, i++) {
        size_t m = rs_jin_idx(c, i);
        if (i >= MAX_WINDOWS) {
            rs_jin_err(c, "more than %d windows", MAX_WINDOWS);
            rs_jin_pop(c, m);
            break;
        }
        if (!rs_jin_expect_object(c, w, "a time window {date, start, end}")) {
            rs_jin_pop(c, m);
            continue;
        }
        rs_jin_check_keys(c, w, WINDOW_KEYS);
        const char *date = rs_jin_date(c, w, "date", 1);
        int s = rs_jin_time(c, w, "start", 1), e = rs_jin_time(c, w, "end", 1);
        int d = -1;
        if (date) {
            d = find_day(ev, date);
            if (d < 0) {
                size_t m2 = rs_jin_key(c, "date");
                rs_jin_err(c, "%s is not a day of the event", date);
                rs_jin_pop(c, m2);
            }
        }
        if (s >= 0 && e >= 0 && e <= s)
            rs_jin_err(c, "end %02d:%02d is not after start %02d:%02d", e / 60, e % 60,
                       s / 60, s % 60);
        else if (d >= 0 && s >= 0 && e >= 0) {
            n++;
            const rs_day *day = &ev->days[d];
            /* a day's slots are sorted and of one length, so their ends
             * are sorted too: skip to the first that ends after s (a
             * thousand windows over a day of 1-minute slots stay cheap) */
            int lo = day->first_slot, hi = day->first_slot + day->nslots;
            while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                if (ev->slots[mid].end <= s)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (int k = lo; k < day->first_slot + day->nslots && ev->slots[k].start < e; k++) {
                const rs_slot *sl = &ev->slots[k];
                int hit = mode == 0 ? (s <= sl->start && sl->end <= e)
                                    : (sl->start < e && s < sl->end);
                if (hit)
                    mark[k] = 1;
            }
        }
        rs_jin_pop(c, m);
    }
    return n;
}

/* Computes a participant's (or room's) per-slot availability from optional
 * "available" and "unavailable" members.  avail must hold nslots bytes. */
static void read_availability(rs_jin *c, const rs_event *ev, const cJSON *obj,
                              unsigned char *avail, int allow_available)
{
    int ns = ev->nslots;
    const cJSON *av = allow_available ? rs_jin_array(c, obj, "available", 0) : NULL;
    const cJSON *un = rs_jin_array(c, obj, "unavailable", 0);
    if (av && cJSON_GetArraySize(av) > 0) {
        memset(avail, 0, (size_t)ns);
        size_t m = rs_jin_key(c, "available");
        read_windows(c, ev, av, avail, 0);
        rs_jin_pop(c, m);
    } else {
        memset(avail, 1, (size_t)ns);
    }
    if (un && cJSON_GetArraySize(un) > 0) {
        unsigned char *off = calloc((size_t)ns + 1, 1);
        if (!off) {
            rs_jin_oom(c);
            return;
        }
        size_t m = rs_jin_key(c, "unavailable");
        read_windows(c, ev, un, off, 1);
        rs_jin_pop(c, m);
        for (int k = 0; k < ns; k++)
            if (off[k])
                avail[k] = 0;
        free(off);
    }
}

static int cmp_day(const void *a, const void *b)
{
    return strcmp(((const rs_day *)a)->date, ((const rs_day *)b)->date);
}

typedef struct {
    int start, end;
} brk_t;

/* Cuts the days into slots as the contract says: slot_minutes from the
 * start, each followed by the changeover; a slot that would overlap a break
 * starts again at the break's end; no slot passes the day's end. */
static int build_slots(rs_event *ev, brk_t **brk, const int *nbrk)
{
    int cap = 64, n = 0;
    ev->slots = malloc((size_t)cap * sizeof(rs_slot));
    if (!ev->slots)
        return -1;
    for (int d = 0; d < ev->ndays; d++) {
        rs_day *day = &ev->days[d];
        day->first_slot = n;
        int t = day->start, prev = -1;
        while (t + ev->slot_minutes <= day->end) {
            int moved = 0;
            for (int b = 0; b < nbrk[d]; b++)
                if (t < brk[d][b].end && brk[d][b].start < t + ev->slot_minutes &&
                    brk[d][b].end > t) {
                    t = brk[d][b].end;
                    moved = 1;
                }
            if (moved)
                continue;
            if (n >= MAX_SLOTS)
                return -2;
            if (n == cap) {
                cap *= 2;
                rs_slot *ns = realloc(ev->slots, (size_t)cap * sizeof(rs_slot));
                if (!ns)
                    return -1;
                ev->slots = ns;
            }
            rs_slot *s = &ev->slots[n];
            s->day = d;
            s->start = t;
            s->end = t + ev->slot_minutes;
            s->prev = (prev >= 0 && ev->slots[prev].end + ev->changeover_minutes == t)
                          ? prev : -1;
            prev = n++;
            t += ev->slot_minutes + ev->changeover_minutes;
        }
        day->nslots = n - day->first_slot;
    }
    ev->nslots = n;
    return 0;
}

/* Reads days (sorted by date) and their breaks, then builds the slots. */
static void read_days(rs_jin *c, rs_event *ev, const cJSON *days)
{
    int nd = cJSON_GetArraySize(days);
    brk_t **brk = NULL;
    int *nbrk = NULL;
    if (nd == 0) {
        size_t m = rs_jin_key(c, "days");
        rs_jin_err(c, "the event needs at least one day");
        rs_jin_pop(c, m);
        return;
    }
    if (nd > MAX_DAYS) {
        size_t m = rs_jin_key(c, "days");
        rs_jin_err(c, "more than %d days", MAX_DAYS);
        rs_jin_pop(c, m);
        return;
    }
    ev->days = calloc((size_t)nd, sizeof(rs_day));
    brk = calloc((size_t)nd, sizeof(*brk));
    nbrk = calloc((size_t)nd, sizeof(*nbrk));
    if (!ev->days || !brk || !nbrk) {
        rs_jin_oom(c);
        goto done;
    }
    size_t m0 = rs_jin_key(c, "days");
    int i = 0, entry_errors = c->errors;
    for (const cJSON *d = days->child; d; d = d->next, i++) {
        size_t m = rs_jin_idx(c, i);
        int day_errors = c->errors;
        if (!rs_jin_expect_object(c, d, "a day")) {
            rs_jin_pop(c, m);
            continue;
        }
        rs_jin_check_keys(c, d, DAY_KEYS);
        const char *date = rs_jin_date(c, d, "date", 1);
        int s = rs_jin_time(c, d, "start", 1), e = rs_jin_time(c, d, "end", 1);
        if (s >= 0 && e >= 0 && e <= s)
            rs_jin_err(c, "end %02d:%02d is not after start %02d:%02d", e / 60, e % 60,
                       s / 60, s % 60);
        if (date) {
            for (int k = 0; k < ev->ndays; k++)
                if (strcmp(ev->days[k].date, date) == 0) {
                    size_t m2 = rs_jin_key(c, "date");
                    rs_jin_err(c, "%s is listed twice", date);
                    rs_jin_pop(c, m2);
                }
        }
        const cJSON *br = rs_jin_array(c, d, "breaks", 0);
        int nb = br ? cJSON_GetArraySize(br) : 0;
        if (nb > MAX_WINDOWS) {
            size_t mb = rs_jin_key(c, "breaks");
            rs_jin_err(c, "more than %d breaks", MAX_WINDOWS);
            rs_jin_pop(c, mb);
            br = NULL;
            nb = 0;
        }
        brk_t *bl = nb ? calloc((size_t)nb, sizeof(brk_t)) : NULL;
        int kb = 0, j = 0;
        if (nb && !bl) {
            rs_jin_oom(c);
            rs_jin_pop(c, m);
            break;
        }
        if (br) {
            size_t mb = rs_jin_key(c, "breaks");
            for (const cJSON *b = br->child; b; b = b->next, j++) {
                size_t m3 = rs_jin_idx(c, j);
                if (rs_jin_expect_object(c, b, "a break {start, end, label}")) {
                    rs_jin_check_keys(c, b, BREAK_KEYS);
                    int bs = rs_jin_time(c, b, "start", 1), be = rs_jin_time(c, b, "end", 1);
                    rs_jin_string(c, b, "label", 0, MAX_NAME);
                    if (bs >= 0 && be >= 0 && be <= bs)
                        rs_jin_err(c, "end is not after start");
                    else if (bs >= 0 && be >= 0 && s >= 0 && e >= 0 &&
                             (bs < s || be > e))
                        rs_jin_err(c, "the break lies outside the day (%02d:%02d-%02d:%02d)",
                                   s / 60, s % 60, e / 60, e % 60);
                    else if (bs >= 0 && be >= 0)
                        bl[kb++] = (brk_t){bs, be};
                }
                rs_jin_pop(c, m3);
            }
            rs_jin_pop(c, mb);
        }
        if (date && s >= 0 && e > s && c->errors == day_errors) {
            rs_day *day = &ev->days[ev->ndays];
            if (!(day->date = rs_strdup(date))) {
                free(bl);
                rs_jin_oom(c);
                rs_jin_pop(c, m);
                break;
            }
            day->start = s;
            day->end = e;
            brk[ev->ndays] = bl;
            nbrk[ev->ndays] = kb;
            ev->ndays++;
            bl = NULL;
        }
        free(bl);
        rs_jin_pop(c, m);
    }
    rs_jin_pop(c, m0);
    if (c->errors > entry_errors)
        goto done; /* slots need every day right; other sections still read */
    /* Sort days by date, carrying their breaks along. */
    for (int a = 1; a < ev->ndays; a++)
        for (int b = a; b > 0 && cmp_day(&ev->days[b - 1], &ev->days[b]) > 0; b--) {
            rs_day t = ev->days[b];
            ev->days[b] = ev->days[b - 1];
            ev->days[b - 1] = t;
            brk_t *tb = brk[b];
            brk[b] = brk[b - 1];
            brk[b - 1] = tb;
            int tn = nbrk[b];
            nbrk[b] = nbrk[b - 1];
            nbrk[b - 1] = tn;
        }
    int r = build_slots(ev, brk, nbrk);
    if (r != 0) {
        /* no slot grid: days cut short must not point past ev->slots (the
         * participants' availability is sized by ev->nslots) */
        ev->nslots = 0;
        for (int d = 0; d < ev->ndays; d++)
            ev->days[d].first_slot = ev->days[d].nslots = 0;
    }
    if (r == -1)
        rs_jin_oom(c);
    else if (r == -2) {
        size_t m = rs_jin_key(c, "days");
        rs_jin_err(c, "more than %d slots in the event", MAX_SLOTS);
        rs_jin_pop(c, m);
    }
    else if (ev->nslots == 0) {
        size_t m = rs_jin_key(c, "days");
        rs_jin_err(c, "no slot of %d minutes fits in any day", ev->slot_minutes);
        rs_jin_pop(c, m);
    }
    for (int d = 0; d < ev->ndays; d++)
        if (ev->nslots > 0 && ev->days[d].nslots == 0) {
            size_t m = rs_jin_key(c, "days");
            rs_jin_err(c, "no slot of %d minutes fits on %s", ev->slot_minutes,
                       ev->days[d].date);
            rs_jin_pop(c, m);
        }
done:
    if (brk)
        for (int d = 0; d < nd; d++)
            free(brk[d]);
    free(brk);
    free(nbrk);
}

/* Reads an array of {id, name} (venues, sectors) with unique ids. */
static rs_named *read_named(rs_jin *c, const cJSON *arr, const char *key, int *count)
{
    int n = cJSON_GetArraySize(arr), k = 0, i = 0;
    *count = 0;
    if (n > MAX_NAMED) {
        size_t m = rs_jin_key(c, key);
        rs_jin_err(c, "more than %d entries", MAX_NAMED);
        rs_jin_pop(c, m);
        return NULL;
    }
    rs_named *a = calloc((size_t)n + 1, sizeof(rs_named));
    if (!a) {
        rs_jin_oom(c);
        return NULL;
    }
    size_t m0 = rs_jin_key(c, key);
    for (const cJSON *e = arr->child; e; e = e->next, i++) {
        size_t m = rs_jin_idx(c, i);
        if (rs_jin_expect_object(c, e, "an entry {id, name}")) {
            rs_jin_check_keys(c, e, NAMED_KEYS);
            const char *id = rs_jin_id(c, e, "id", 1);
            const char *name = rs_jin_string(c, e, "name", 0, MAX_NAME);
            if (id && find_named(a, k, id) >= 0) {
                size_t m2 = rs_jin_key(c, "id");
                rs_jin_err(c, "duplicate id \"%s\"", id);
                rs_jin_pop(c, m2);
            } else if (id) {
                a[k].id = rs_strdup(id);
                a[k].name = rs_strdup(name ? name : id);
                if (!a[k].id || !a[k].name) {
                    free(a[k].id);
                    free(a[k].name);
                    a[k].id = a[k].name = NULL;
                    rs_jin_oom(c);
                    rs_jin_pop(c, m);
                    break;
                }
                k++;
            }
        }
        rs_jin_pop(c, m);
    }
    rs_jin_pop(c, m0);
    *count = k;
    return a;
}

static void read_travel(rs_jin *c, rs_event *ev, const cJSON *arr)
{
    int nv = ev->nvenues;
    unsigned char *given = calloc((size_t)nv * (size_t)nv + 1, 1);
    if (!given) {
        rs_jin_oom(c);
        return;
    }
    size_t m0 = rs_jin_key(c, "travel_minutes");
    int i = 0;
    if (cJSON_GetArraySize(arr) > MAX_LIST) {
        rs_jin_err(c, "more than %d entries", MAX_LIST);
        arr = NULL;
    }
    for (const cJSON *e = arr ? arr->child : NULL; e; e = e->next, i++) {
        size_t m = rs_jin_idx(c, i);
        if (rs_jin_expect_object(c, e, "a travel time {from, to, minutes}")) {
            rs_jin_check_keys(c, e, TRAVEL_KEYS);
            const char *from = rs_jin_id(c, e, "from", 1), *to = rs_jin_id(c, e, "to", 1);
            int mins = rs_jin_int(c, e, "minutes", 1, 0, 24 * 60, 0);
            int a = from ? find_named(ev->venues, nv, from) : -1;
            int b = to ? find_named(ev->venues, nv, to) : -1;
            if (from && a < 0) {
                size_t m2 = rs_jin_key(c, "from");
                rs_jin_err(c, "unknown venue \"%s\"", from);
                rs_jin_pop(c, m2);
            }
            if (to && b < 0) {
                size_t m2 = rs_jin_key(c, "to");
                rs_jin_err(c, "unknown venue \"%s\"", to);
                rs_jin_pop(c, m2);
            }
            if (a >= 0 && b >= 0 && a == b)
                rs_jin_err(c, "from and to are the same venue");
            else if (a >= 0 && b >= 0) {
                if (given[a * nv + b])
                    rs_jin_err(c, "travel from %s to %s is given twice", from, to);
                given[a * nv + b] = 1;
                ev->travel[a * nv + b] = mins;
                if (!given[b * nv + a])
                    ev->travel[b * nv + a] = mins;
            }
        }
        rs_jin_pop(c, m);
    }
    rs_jin_pop(c, m0);
    free(given);
}

static void read_rooms(rs_jin *c, rs_event *ev, const cJSON *arr, int implicit_venue)
{
    int n = cJSON_GetArraySize(arr), i = 0;
    if (n == 0) {
        size_t m = rs_jin_key(c, "rooms");
        rs_jin_err(c, "the event needs at least one room");
        rs_jin_pop(c, m);
        return;
    }
    if (n > MAX_ROOMS) {
        size_t m = rs_jin_key(c, "rooms");
        rs_jin_err(c, "more than %d rooms", MAX_ROOMS);
        rs_jin_pop(c, m);
        return;
    }
    ev->rooms = calloc((size_t)n, sizeof(rs_room));
    if (!ev->rooms) {
        rs_jin_oom(c);
        return;
    }
    size_t m0 = rs_jin_key(c, "rooms");
    for (const cJSON *e = arr->child; e; e = e->next, i++) {
        size_t m = rs_jin_idx(c, i);
        if (!rs_jin_expect_object(c, e, "a room")) {
            rs_jin_pop(c, m);
            continue;
        }
        rs_jin_check_keys(c, e, ROOM_KEYS);
        const char *id = rs_jin_id(c, e, "id", 1);
        const char *name = rs_jin_string(c, e, "name", 0, MAX_NAME);
        const char *venue = rs_jin_id(c, e, "venue", !implicit_venue);
        int cap = rs_jin_int(c, e, "capacity", 0, 1, 10000, 2);
        int v = implicit_venue ? 0 : -1;
        if (venue) {
            v = find_named(ev->venues, ev->nvenues, venue);
            if (v < 0) {
                size_t m2 = rs_jin_key(c, "venue");
                if (implicit_venue)
                    rs_jin_err(c, "venue \"%s\" given but the event lists no venues", venue);
                else
                    rs_jin_err(c, "unknown venue \"%s\"", venue);
                rs_jin_pop(c, m2);
            }
        }
        if (id && rs_find_room(ev, id) >= 0) {
            size_t m2 = rs_jin_key(c, "id");
            rs_jin_err(c, "duplicate room id \"%s\"", id);
            rs_jin_pop(c, m2);
            id = NULL;
        }
        unsigned char *avail = malloc((size_t)ev->nslots + 1);
        if (!avail) {
            rs_jin_oom(c);
            rs_jin_pop(c, m);
            break;
        }
        read_availability(c, ev, e, avail, 0);
        char *rid = id && v >= 0 ? rs_strdup(id) : NULL;
        char *rname = rid ? rs_strdup(name ? name : id) : NULL;
        if (rid && !rname) {
            free(rid);
            rid = NULL;
        }
        if (id && v >= 0 && !rid) {
            free(avail);
            rs_jin_oom(c);
            rs_jin_pop(c, m);
            break;
        }
        if (rid) {
            rs_room *r = &ev->rooms[ev->nrooms++];
            r->id = rid;
            r->name = rname;
            r->venue = v;
            r->capacity = cap;
            r->avail = avail;
        } else {
            free(avail);
        }
        rs_jin_pop(c, m);
    }
    rs_jin_pop(c, m0);
}

/* Reads event.json.  Slots, venues, rooms and sectors must be known before
 * the participant files are read, so this runs first. */
static void read_event_json(rs_jin *c, rs_event *ev, const cJSON *root, rules_t *rl)
{
    rl->sme_min = 0;
    rl->sme_max = rl->inv_max = rl->max_consec = rl->max_gaps = RS_UNLIMITED;
    ev->group_min_investors = 2;
    ev->format = RS_FORMAT_ONE_TO_ONE;
    ev->w = (rs_weights){2, 1, 2, 5, 10, 100, 1, 0, 10};
    ev->time_limit = 60;
    ev->mip_gap = 0;
    if (!rs_jin_expect_object(c, root, "the event"))
        return;
    rs_jin_check_keys(c, root, EVENT_KEYS);
    const char *name = rs_jin_string(c, root, "name", 1, MAX_NAME);
    const char *tz = rs_jin_string(c, root, "timezone", 1, 64);
    if (tz) {
        int ok = 1;
        for (const char *p = tz; *p && ok; p++)
            ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                 (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' || *p == '-' ||
                 *p == '+';
        size_t tn = strlen(tz);
        if (!ok || strstr(tz, "..") || strstr(tz, "//") || tz[0] == '/' ||
            tz[tn - 1] == '/') {
            size_t m = rs_jin_key(c, "timezone");
            rs_jin_err(c, "\"%s\" is not an IANA time zone name such as Asia/Shanghai", tz);
            rs_jin_pop(c, m);
        }
    }
    ev->name = rs_strdup(name ? name : "");
    ev->timezone = rs_strdup(tz ? tz : "UTC");
    ev->slot_minutes = rs_jin_int(c, root, "slot_minutes", 1, 1, 24 * 60, 30);
    ev->changeover_minutes = rs_jin_int(c, root, "changeover_minutes", 0, 0, 24 * 60, 0);
    if (!ev->name || !ev->timezone) {
        rs_jin_oom(c);
        return;
    }

    const cJSON *days = rs_jin_array(c, root, "days", 1);
    if (days && ev->slot_minutes > 0)
        read_days(c, ev, days);

    const cJSON *venues = rs_jin_array(c, root, "venues", 0);
    if (venues && cJSON_GetArraySize(venues) > 0)
        ev->venues = read_named(c, venues, "venues", &ev->nvenues);
    int implicit = ev->nvenues == 0;
    if (implicit) {
        free(ev->venues);
        ev->venues = calloc(1, sizeof(rs_named));
        if (ev->venues) {
            ev->venues[0].id = rs_strdup("main");
            ev->venues[0].name = rs_strdup(ev->name);
            ev->nvenues = 1;
        }
    }
    ev->travel = calloc((size_t)ev->nvenues * (size_t)ev->nvenues + 1, sizeof(int));
    if (!ev->venues || !ev->travel || !ev->venues[0].id || !ev->venues[0].name) {
        rs_jin_oom(c);
        return;
    }
    const cJSON *travel = rs_jin_array(c, root, "travel_minutes", 0);
    if (travel && !implicit)
        read_travel(c, ev, travel);
    else if (travel && cJSON_GetArraySize(travel) > 0) {
        size_t m = rs_jin_key(c, "travel_minutes");
        rs_jin_err(c, "travel times given but the event lists no venues");
        rs_jin_pop(c, m);
    }

    const cJSON *rooms = rs_jin_array(c, root, "rooms", 1);
    if (rooms)
        read_rooms(c, ev, rooms, implicit);

    const cJSON *sectors = rs_jin_array(c, root, "sectors", 1);
    if (sectors) {
        if (cJSON_GetArraySize(sectors) == 0) {
            size_t m = rs_jin_key(c, "sectors");
            rs_jin_err(c, "the event needs at least one sector");
            rs_jin_pop(c, m);
        } else {
            ev->sectors = read_named(c, sectors, "sectors", &ev->nsectors);
        }
    }

    const cJSON *rules = rs_jin_object(c, root, "rules", 0);
    if (rules) {
        size_t m = rs_jin_key(c, "rules");
        rs_jin_check_keys(c, rules, RULE_KEYS);
        const char *fmt = rs_jin_string(c, rules, "format", 0, 32);
        if (fmt && strcmp(fmt, "group") == 0)
            ev->format = RS_FORMAT_GROUP;
        else if (fmt && strcmp(fmt, "one_to_one") != 0) {
            size_t m2 = rs_jin_key(c, "format");
            rs_jin_err(c, "\"%s\" is not a format (one_to_one or group)", fmt);
            rs_jin_pop(c, m2);
        }
        rl->sme_min = rs_jin_int(c, rules, "sme_min_meetings", 0, 0, 100000, 0);
        rl->sme_max = rs_jin_int(c, rules, "sme_max_meetings", 0, 0, 100000, RS_UNLIMITED);
        rl->inv_max = rs_jin_int(c, rules, "investor_max_meetings", 0, 0, 100000, RS_UNLIMITED);
        rl->max_consec = rs_jin_int(c, rules, "max_consecutive_meetings", 0, 1, 100000,
                                    RS_UNLIMITED);
        ev->group_min_investors = rs_jin_int(c, rules, "group_min_investors", 0, 1, 10000, 2);
        rl->max_gaps = rs_jin_int(c, rules, "max_idle_gaps", 0, 0, 100000, RS_UNLIMITED);
        if (rl->sme_min > rl->sme_max)
            rs_jin_err(c, "sme_min_meetings %d exceeds sme_max_meetings %d", rl->sme_min,
                       rl->sme_max);
        rs_jin_pop(c, m);
    }

    const cJSON *weights = rs_jin_object(c, root, "weights", 0);
    if (weights) {
        size_t m = rs_jin_key(c, "weights");
        rs_jin_check_keys(c, weights, WEIGHT_KEYS);
        rs_weights *w = &ev->w;
        const double hi = 1e6;
        w->primary_sector =
            rs_jin_number(c, weights, "primary_sector", 0, 0, hi, w->primary_sector);
        w->secondary_sector =
            rs_jin_number(c, weights, "secondary_sector", 0, 0, hi, w->secondary_sector);
        w->stage = rs_jin_number(c, weights, "stage", 0, 0, hi, w->stage);
        w->request_normal =
            rs_jin_number(c, weights, "request_normal", 0, 0, hi, w->request_normal);
        w->request_high = rs_jin_number(c, weights, "request_high", 0, 0, hi, w->request_high);
        w->min_meetings_shortfall = rs_jin_number(c, weights, "min_meetings_shortfall", 0, 0, hi,
                                                  w->min_meetings_shortfall);
        w->idle_slot = rs_jin_number(c, weights, "idle_slot", 0, 0, hi, w->idle_slot);
        w->idle_gap = rs_jin_number(c, weights, "idle_gap", 0, 0, hi, w->idle_gap);
        w->move = rs_jin_number(c, weights, "move", 0, 0, hi, w->move);
        rs_jin_pop(c, m);
    }

    const cJSON *solver = rs_jin_object(c, root, "solver", 0);
    if (solver) {
        size_t m = rs_jin_key(c, "solver");
        rs_jin_check_keys(c, solver, SOLVER_KEYS);
        ev->time_limit = rs_jin_number(c, solver, "time_limit_seconds", 0, 0.001, 604800, 60);
        ev->mip_gap = rs_jin_number(c, solver, "mip_gap", 0, 0, 1, 0);
        rs_jin_pop(c, m);
    }
}

/* Raw references of one participant, kept until every id is known. */
typedef struct {
    const cJSON *requests, *avoid;
} refs_t;

/* The event's sectors sorted by id: participants name sectors in every
 * entry, and a linear search per name would make a file of many unknown
 * names cost sectors x names. */
typedef struct {
    const rs_named **v;
    int n;
} sector_ix_t;

static int cmp_named_ptr(const void *a, const void *b)
{
    return strcmp((*(const rs_named *const *)a)->id, (*(const rs_named *const *)b)->id);
}

/* Builds the index over ev->sectors (ids are unique by then).  0, or -1
 * when out of memory. */
static int sector_ix_build(const rs_event *ev, sector_ix_t *ix)
{
    ix->n = ev->nsectors;
    ix->v = malloc(((size_t)ev->nsectors + 1) * sizeof(*ix->v));
    if (!ix->v)
        return -1;
    for (int k = 0; k < ev->nsectors; k++)
        ix->v[k] = &ev->sectors[k];
    qsort(ix->v, (size_t)ix->n, sizeof(*ix->v), cmp_named_ptr);
    return 0;
}

/* Index in ev->sectors of the sector with this id, or -1. */
static int sector_find(const rs_event *ev, const sector_ix_t *ix, const char *id)
{
    rs_named key = {(char *)id, NULL};
    const rs_named *kp = &key;
    const rs_named **hit = bsearch(&kp, ix->v, (size_t)ix->n, sizeof(*ix->v), cmp_named_ptr);
    return hit ? (int)(*hit - ev->sectors) : -1;
}

/* Reads one participant object (investor or SME) into p.  References to
 * other participants are resolved later (resolve_refs). */
static void read_participant(rs_jin *c, rs_event *ev, const cJSON *o, rs_participant *p,
                             int investor, const rules_t *rl, refs_t *refs,
                             const sector_ix_t *sx)
{
    rs_jin_check_keys(c, o, investor ? INVESTOR_KEYS : SME_KEYS);
    const char *id = rs_jin_id(c, o, "id", 1);
    const char *name = rs_jin_string(c, o, "name", 1, MAX_NAME);
    const char *org = rs_jin_string(c, o, "organisation", 0, MAX_NAME);
    p->id = rs_strdup(id ? id : "");
    p->name = rs_strdup(name ? name : (id ? id : ""));
    p->organisation = org ? rs_strdup(org) : NULL;
    p->is_investor = investor;
    p->team_size = rs_jin_int(c, o, "team_size", 0, 1, 1000, 1);
    p->min_meetings = rs_jin_int(c, o, "min_meetings", 0, 0, 100000, investor ? 0 : rl->sme_min);
    p->max_meetings = rs_jin_int(c, o, "max_meetings", 0, 0, 100000,
                                 investor ? rl->inv_max : rl->sme_max);
    p->max_consecutive = rs_jin_int(c, o, "max_consecutive_meetings", 0, 1, 100000,
                                    rl->max_consec);
    p->max_idle_gaps = rs_jin_int(c, o, "max_idle_gaps", 0, 0, 100000, rl->max_gaps);
    if (p->max_idle_gaps < RS_UNLIMITED)
        ev->gap_cap = 1;
    if (p->min_meetings > p->max_meetings && p->max_meetings < RS_UNLIMITED)
        rs_jin_err(c, "min_meetings %d exceeds max_meetings %d", p->min_meetings,
                   p->max_meetings);
    p->avail = malloc((size_t)ev->nslots + 1);
    if (!p->id || !p->name || !p->avail || (org && !p->organisation)) {
        rs_jin_oom(c);
        return;
    }
    read_availability(c, ev, o, p->avail, 1);
    for (int k = 0; k < ev->nslots; k++)
        p->navail += p->avail[k];

    if (investor) {
        p->interest = calloc((size_t)ev->nsectors + 1, sizeof(double));
        if (!p->interest) {
            rs_jin_oom(c);
            return;
        }
        const cJSON *sec = rs_jin_object(c, o, "sectors", 0);
        if (sec) {
            size_t m = rs_jin_key(c, "sectors");
            for (const cJSON *e = sec->child; e; e = e->next) {
                size_t m2 = rs_jin_key(c, e->string ? e->string : "");
                int s = sector_find(ev, sx, e->string ? e->string : "");
                if (s < 0)
                    rs_jin_err(c, "unknown sector \"%.64s\"", e->string ? e->string : "");
                else if (!cJSON_IsNumber(e) || !(e->valuedouble >= 1 && e->valuedouble <= 5) ||
                         e->valuedouble != floor(e->valuedouble))
                    rs_jin_err(c, "interest must be a whole number from 1 to 5");
                else
                    p->interest[s] = e->valuedouble;
                rs_jin_pop(c, m2);
            }
            rs_jin_pop(c, m);
        }
        const cJSON *st = rs_jin_array(c, o, "stages", 0);
        int n = st ? cJSON_GetArraySize(st) : 0;
        if (n > MAX_TAGS) {
            size_t m = rs_jin_key(c, "stages");
            rs_jin_err(c, "more than %d stages", MAX_TAGS);
            rs_jin_pop(c, m);
            n = 0;
        }
        if (n > 0) {
            size_t m = rs_jin_key(c, "stages");
            p->stages = calloc((size_t)n, sizeof(char *));
            if (!p->stages) {
                rs_jin_oom(c);
                rs_jin_pop(c, m);
                return;
            }
            int i = 0;
            for (const cJSON *e = st->child; e && i < n; e = e->next, i++) {
                size_t m2 = rs_jin_idx(c, i);
                if (!cJSON_IsString(e) || !e->valuestring[0] || strlen(e->valuestring) > 64)
                    rs_jin_err(c, "expected a stage name (a non-empty string)");
                else if (!(p->stages[p->nstages] = rs_strdup(e->valuestring)))
                    rs_jin_oom(c);
                else
                    p->nstages++;
                rs_jin_pop(c, m2);
            }
            p->lists_stages = p->nstages > 0;
            rs_jin_pop(c, m);
        }
    } else {
        const cJSON *sec = rs_jin_array(c, o, "sectors", 1);
        int n = sec ? cJSON_GetArraySize(sec) : 0;
        size_t m = rs_jin_key(c, "sectors");
        if (sec && n == 0)
            rs_jin_err(c, "an SME needs at least one sector (the first is its primary)");
        if (n > MAX_TAGS && n <= ev->nsectors)
            rs_jin_err(c, "more than %d sectors", MAX_TAGS);
        if (n > MAX_TAGS)
            n = MAX_TAGS + 1;
        if (n > ev->nsectors)
            n = ev->nsectors + 1;
        p->sectors = calloc((size_t)n + 1, sizeof(int));
        if (!p->sectors) {
            rs_jin_oom(c);
            rs_jin_pop(c, m);
            return;
        }
        int i = 0;
        for (const cJSON *e = sec ? sec->child : NULL; e && i < n; e = e->next, i++) {
            size_t m2 = rs_jin_idx(c, i);
            int s = cJSON_IsString(e) ? sector_find(ev, sx, e->valuestring) : -2;
            if (s == -2)
                rs_jin_err(c, "expected a sector id (a string)");
            else if (s < 0)
                rs_jin_err(c, "unknown sector \"%.64s\"", e->valuestring);
            else {
                int dup = 0;
                for (int k = 0; k < p->nsectors; k++)
                    dup |= p->sectors[k] == s;
                if (dup)
                    rs_jin_err(c, "sector \"%s\" is listed twice", ev->sectors[s].id);
                else
                    p->sectors[p->nsectors++] = s;
            }
            rs_jin_pop(c, m2);
        }
        if (sec && cJSON_GetArraySize(sec) > ev->nsectors)
            rs_jin_err(c, "more sectors than the event has");
        rs_jin_pop(c, m);
        const char *stage = rs_jin_string(c, o, "stage", 0, 64);
        p->stage = stage && stage[0] ? rs_strdup(stage) : NULL;
        if (stage && stage[0] && !p->stage)
            rs_jin_oom(c);
    }
    refs->requests = rs_jin_array(c, o, "requests", 0);
    refs->avoid = rs_jin_array(c, o, "avoid", 0);
}

/* Reads investors.json or smes.json into ev->p[first .. first+n). */
static void read_participants(rs_jin *c, rs_event *ev, const cJSON *root, int first,
                              int investor, const rules_t *rl, refs_t *refs,
                              const sector_ix_t *sx)
{
    int i = 0;
    for (const cJSON *o = root->child; o; o = o->next, i++) {
        size_t m = rs_jin_idx(c, i);
        rs_participant *p = &ev->p[first + i];
        p->file_index = i;
        p->is_investor = investor;
        if (rs_jin_expect_object(c, o, investor ? "an investor" : "an SME"))
            read_participant(c, ev, o, p, investor, rl, &refs[first + i], sx);
        rs_jin_pop(c, m);
    }
}

/* Participants sorted by id, for lookups while resolving references. */
typedef struct {
    const char *id;
    int i;
} idref;

typedef struct {
    const idref *v;
    int n;
} id_index_t;

static int cmp_idref(const void *a, const void *b)
{
    int c = strcmp(((const idref *)a)->id, ((const idref *)b)->id);
    return c ? c : ((const idref *)a)->i - ((const idref *)b)->i;
}

/* Finds a participant by id (binary search); -1 when unknown. */
static int lookup(const id_index_t *ix, const char *id)
{
    int lo = 0, hi = ix->n - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(ix->v[mid].id, id);
        if (c == 0)
            return ix->v[mid].i;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Reads the "windows" of request e (at the current path) into a new
 * per-slot mask of the slots lying inside one of them; NULL when the
 * request has none (or on an error, reported).  In group format they
 * bound when the investor may hear the SME's pitch. */
static unsigned char *read_request_windows(rs_jin *c, const rs_event *ev, const cJSON *e)
{
    const cJSON *wa = rs_jin_array(c, e, "windows", 0);
    if (!wa)
        return NULL;
    size_t m = rs_jin_key(c, "windows");
    unsigned char *win = NULL;
    if (cJSON_GetArraySize(wa) == 0)
        rs_jin_err(c, "no windows: leave \"windows\" out to allow every slot");
    else if (!(win = calloc((size_t)ev->nslots + 1, 1)))
        rs_jin_oom(c);
    else
        read_windows(c, ev, wa, win, 0);
    rs_jin_pop(c, m);
    return win;
}

/* Resolves one request e of participant i (index k of its "requests"):
 * the party it names under "sme" or "investor" (one of them; the other
 * side's key as ever, the own side's for a peer meeting), its priority
 * and windows.  Reports unknown ids, requests to oneself, a participant of
 * the other side than the key says, peer requests in group format, and
 * repeats; seen as for resolve_refs. */
static void resolve_request(rs_jin *c, rs_event *ev, const id_index_t *ix, int i, int k,
                            const cJSON *e, int *seen)
{
    rs_participant *p = &ev->p[i];
    rs_jin_check_keys(c, e, REQ_KEYS);
    const char *other_key = p->is_investor ? "sme" : "investor";
    const char *own_key = p->is_investor ? "investor" : "sme";
    int peer = cJSON_GetObjectItemCaseSensitive(e, own_key) != NULL;
    if (peer && cJSON_GetObjectItemCaseSensitive(e, other_key)) {
        rs_jin_err(c, "a request names one participant: \"sme\" or \"investor\", not both");
        return;
    }
    const char *key = peer ? own_key : other_key;
    const char *to = rs_jin_id(c, e, key, 1);
    const char *pr = rs_jin_string(c, e, "priority", 0, 16);
    int prio = RS_PRIO_NORMAL;
    if (pr) {
        if (strcmp(pr, "must") == 0)
            prio = RS_PRIO_MUST;
        else if (strcmp(pr, "high") == 0)
            prio = RS_PRIO_HIGH;
        else if (strcmp(pr, "normal") != 0) {
            size_t m3 = rs_jin_key(c, "priority");
            rs_jin_err(c, "\"%s\" is not a priority (must, high or normal)", pr);
            rs_jin_pop(c, m3);
            prio = 0;
        }
    }
    unsigned char *win = read_request_windows(c, ev, e);
    int keep = 0;
    if (to) {
        int q = lookup(ix, to);
        int want_inv = strcmp(key, "investor") == 0;
        size_t m3 = rs_jin_key(c, key);
        if (q < 0)
            rs_jin_err(c, "unknown %s \"%s\"", want_inv ? "investor" : "SME", to);
        else if (q == i)
            rs_jin_err(c, "a participant cannot request itself");
        else if (ev->p[q].is_investor != want_inv)
            rs_jin_err(c, "\"%s\" is not %s", to, want_inv ? "an investor" : "an SME");
        else if (peer && ev->format == RS_FORMAT_GROUP)
            rs_jin_err(c, "peer requests (%s asking for %s) are not supported in group format",
                       want_inv ? "an investor" : "an SME", want_inv ? "an investor" : "an SME");
        else if (seen[q] == i + 1)
            rs_jin_err(c, "\"%s\" is requested twice", to);
        else {
            seen[q] = i + 1;
            if (prio) {
                p->req[p->nreq++] = (rs_request){q, prio, k, win};
                keep = 1;
            }
        }
        rs_jin_pop(c, m3);
    }
    if (!keep)
        free(win);
}

/* Resolves requests and avoid lists of participant i now that every id is
 * known; reports unknown ids, requests to oneself or to the wrong side,
 * and repeats.  seen (np ints, never holding i + 1 on entry) marks whom i
 * has requested, so that repeats are found in linear time. */
static void resolve_refs(rs_jin *c, rs_event *ev, const id_index_t *ix, int i,
                         const refs_t *r, int *seen)
{
    rs_participant *p = &ev->p[i];
    size_t m0 = rs_jin_idx(c, p->file_index);
    if (r->requests) {
        int n = cJSON_GetArraySize(r->requests), k = 0;
        if (n > MAX_LIST) {
            size_t m = rs_jin_key(c, "requests");
            rs_jin_err(c, "more than %d requests", MAX_LIST);
            rs_jin_pop(c, m);
            n = MAX_LIST;
        }
        p->req = calloc((size_t)n + 1, sizeof(rs_request));
        if (!p->req) {
            rs_jin_oom(c);
            goto done;
        }
        size_t m = rs_jin_key(c, "requests");
        for (const cJSON *e = r->requests->child; e && k < n; e = e->next, k++) {
            size_t m2 = rs_jin_idx(c, k);
            if (rs_jin_expect_object(c, e, "a request"))
                resolve_request(c, ev, ix, i, k, e, seen);
            rs_jin_pop(c, m2);
        }
        rs_jin_pop(c, m);
    }
    if (r->avoid) {
        int n = cJSON_GetArraySize(r->avoid), k = 0;
        if (n > MAX_LIST) {
            size_t m = rs_jin_key(c, "avoid");
            rs_jin_err(c, "more than %d entries", MAX_LIST);
            rs_jin_pop(c, m);
            n = MAX_LIST;
        }
        p->avoid = calloc((size_t)n + 1, sizeof(int));
        if (!p->avoid) {
            rs_jin_oom(c);
            goto done;
        }
        size_t m = rs_jin_key(c, "avoid");
        for (const cJSON *e = r->avoid->child; e && k < n; e = e->next, k++) {
            size_t m2 = rs_jin_idx(c, k);
            if (!cJSON_IsString(e))
                rs_jin_err(c, "expected a participant id (a string)");
            else {
                int q = lookup(ix, e->valuestring);
                if (q < 0)
                    rs_jin_err(c, "unknown participant \"%.64s\"", e->valuestring);
                else if (q == i)
                    rs_jin_err(c, "a participant cannot avoid itself");
                else if (seen[q] == i + 1) /* marked by the requests above */
                    rs_jin_err(c, "\"%s\" is also requested: a participant cannot both "
                               "request and avoid the same one", e->valuestring);
                else
                    p->avoid[p->navoid++] = q;
            }
            rs_jin_pop(c, m2);
        }
        rs_jin_pop(c, m);
    }
done:
    rs_jin_pop(c, m0);
}

/* Reports each peer request whose requested participant avoids the
 * requester: a same-side pair meets only when neither avoids the other,
 * so such a request could never be granted.  (An avoid of one's own
 * request is reported with the avoid.)  Returns the problems found. */
static int check_peer_avoids(rs_diag *diag, const rs_event *ev)
{
    int errors = 0;
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *p = &ev->p[i];
        for (int k = 0; k < p->nreq; k++) {
            const rs_participant *q = &ev->p[p->req[k].other];
            if (q->is_investor != p->is_investor)
                continue;
            for (int a = 0; a < q->navoid; a++)
                if (q->avoid[a] == i) {
                    rs_diag_add(diag, "%s: [%d].requests[%d].%s: \"%s\" avoids \"%s\": a peer "
                                "meeting needs neither to avoid the other",
                                p->is_investor ? "investors.json" : "smes.json", p->file_index,
                                p->req[k].pos, p->is_investor ? "investor" : "sme", q->id,
                                p->id);
                    errors++;
                }
        }
    }
    return errors;
}

/* Reports ids used twice across the two participant files. */
static void check_unique_ids(rs_diag *diag, rs_event *ev, const idref *order, int *errors)
{
    for (int k = 1; k < ev->np; k++) {
        const rs_participant *a = &ev->p[order[k - 1].i], *b = &ev->p[order[k].i];
        if (order[k].id[0] && strcmp(order[k - 1].id, order[k].id) == 0) {
            rs_diag_add(diag, "%s: [%d].id: duplicate id \"%s\" (also %s[%d])",
                        b->is_investor ? "investors.json" : "smes.json", b->file_index,
                        b->id, a->is_investor ? "investors.json" : "smes.json",
                        a->file_index);
            (*errors)++;
        }
    }
}

static const char *const FILES[3] = {"event.json", "investors.json", "smes.json"};

/* Reads the three parsed files (roots[f] NULL when file f could not be
 * read or parsed, after reporting why) into an event.  errors, io and oom
 * carry what parsing found (problems, a file that could not be read,
 * memory that ran out), shown how many messages diag held before parsing
 * (to tell how many were left out).  Frees nothing of roots.  Shared by
 * the folder and the in-memory entries so that both check exactly the
 * same.  Memory running out anywhere makes the result RS_ENOMEM. */
static rs_code load_roots(cJSON *const roots[3], int errors, int io, int oom, size_t shown,
                          rs_event **out, rs_diag *diag)
{
    rs_code rc = RS_EINPUT;
    rs_event *ev = calloc(1, sizeof(rs_event));
    const char *const *files = FILES;
    refs_t *refs = NULL;
    idref *order = NULL;
    int *seen = NULL;
    sector_ix_t sx = {NULL, 0};
    rules_t rl;
    rs_jin c;
    *out = NULL;
    if (!ev)
        return RS_ENOMEM;
    if (!roots[0])
        goto done;
    rs_jin_init(&c, files[0], diag);
    read_event_json(&c, ev, roots[0], &rl);
    errors += c.errors;
    oom |= c.oom;
    if (ev->nsectors == 0 || ev->ndays == 0)
        goto done; /* participants refer to the event's days and sectors */

    int ni = 0, ns = 0;
    for (int f = 1; f < 3; f++) {
        if (roots[f] && !cJSON_IsArray(roots[f])) {
            rs_diag_add(diag, "%s: (top level): expected an array of %s", files[f],
                        f == 1 ? "investors" : "SMEs");
            errors++;
        }
    }
    if (!roots[1] || !roots[2] || !cJSON_IsArray(roots[1]) || !cJSON_IsArray(roots[2]))
        goto done;
    ni = cJSON_GetArraySize(roots[1]);
    ns = cJSON_GetArraySize(roots[2]);
    if (ni > MAX_PARTICIPANTS || ns > MAX_PARTICIPANTS) {
        rs_diag_add(diag, "%s: (top level): %d %s, more than the reader's limit of %d",
                    ni > MAX_PARTICIPANTS ? files[1] : files[2],
                    ni > MAX_PARTICIPANTS ? ni : ns,
                    ni > MAX_PARTICIPANTS ? "investors" : "SMEs", MAX_PARTICIPANTS);
        errors++;
        goto done;
    }
    if ((long)ni * (long)ns > MAX_PAIR_MATRIX) {
        rs_diag_add(diag, "smes.json: (top level): %d investors times %d SMEs make %ld "
                    "investor-SME pairs to consider, more than the reader's limit of %ld",
                    ni, ns, (long)ni * (long)ns, MAX_PAIR_MATRIX);
        errors++;
        goto done;
    }
    ev->np = ni + ns;
    ev->ninv = ni;
    ev->nsme = ns;
    ev->p = calloc((size_t)ev->np + 1, sizeof(rs_participant));
    refs = calloc((size_t)ev->np + 1, sizeof(refs_t));
    order = malloc(((size_t)ev->np + 1) * sizeof(idref));
    seen = calloc((size_t)ev->np + 1, sizeof(int));
    if (!ev->p || !refs || !order || !seen || sector_ix_build(ev, &sx) != 0) {
        rc = RS_ENOMEM;
        goto done;
    }
    rs_jin_init(&c, files[1], diag);
    read_participants(&c, ev, roots[1], 0, 1, &rl, refs, &sx);
    errors += c.errors;
    oom |= c.oom;
    rs_jin_init(&c, files[2], diag);
    read_participants(&c, ev, roots[2], ni, 0, &rl, refs, &sx);
    errors += c.errors;
    oom |= c.oom;

    for (int i = 0; i < ev->np; i++)
        order[i] = (idref){ev->p[i].id ? ev->p[i].id : "", i};
    qsort(order, (size_t)ev->np, sizeof(idref), cmp_idref);
    check_unique_ids(diag, ev, order, &errors);
    id_index_t ix = {order, ev->np};
    for (int i = 0; i < ev->np; i++) {
        rs_jin_init(&c, ev->p[i].is_investor ? files[1] : files[2], diag);
        resolve_refs(&c, ev, &ix, i, &refs[i], seen);
        errors += c.errors;
        oom |= c.oom;
    }
    if (!oom)
        errors += check_peer_avoids(diag, ev);
    if (errors)
        goto done;
    ev->id_order = malloc(((size_t)ev->np + 1) * sizeof(int));
    if (!ev->id_order) {
        rc = RS_ENOMEM;
        goto done;
    }
    for (int i = 0; i < ev->np; i++)
        ev->id_order[i] = order[i].i;
    rc = rs_pairs_build(ev);
    if (rc == RS_EINPUT) {
        rs_diag_add(diag, "smes.json: (top level): more than %d candidate pairs (investor "
                    "and SME allowed to meet), the reader's limit", RS_MAX_PAIRS);
        errors++;
    }
    if (rc == RS_OK)
        rc = rs_venue_seats_build(ev);
    if (rc != RS_OK)
        goto done;
    *out = ev;
    ev = NULL;
done:
    shown = rs_diag_count(diag) - shown;
    if (errors > 0 && (size_t)errors > shown)
        rs_diag_add(diag, "%s: (top level): %zu more problems not listed (at most %d are)",
                    files[0], (size_t)errors - shown, RS_JIN_MAX_MESSAGES);
    if (rc != RS_OK && oom)
        rc = RS_ENOMEM;
    else if (rc == RS_EINPUT && io)
        rc = RS_EIO;
    free(refs);
    free(order);
    free(seen);
    free(sx.v);
    rs_event_free(ev);
    return rc;
}

rs_code rs_event_load(const char *event_dir, rs_event **out, rs_diag *diag)
{
    rs_code rc = RS_OK;
    cJSON *roots[3] = {NULL, NULL, NULL};
    int errors = 0, io = 0, oom = 0;
    size_t shown = rs_diag_count(diag);
    *out = NULL;
    for (int f = 0; f < 3 && rc == RS_OK; f++) {
        char *path = rs_path_join(event_dir, FILES[f]);
        if (!path) {
            rc = RS_ENOMEM;
            break;
        }
        int ioe = 0;
        rs_jin c;
        rs_jin_init(&c, FILES[f], diag);
        roots[f] = rs_jin_parse_file(&c, path, &ioe);
        errors += c.errors;
        oom |= c.oom;
        io |= ioe;
        free(path);
    }
    if (rc == RS_OK)
        rc = load_roots(roots, errors, io, oom, shown, out, diag);
    for (int f = 0; f < 3; f++)
        cJSON_Delete(roots[f]);
    return rc;
}

rs_code rs_event_load_text(const char *const text[3], const size_t len[3], rs_event **out,
                           rs_diag *diag)
{
    cJSON *roots[3] = {NULL, NULL, NULL};
    int errors = 0, io = 0, oom = 0;
    size_t shown = rs_diag_count(diag);
    *out = NULL;
    for (int f = 0; f < 3; f++) {
        rs_jin c;
        rs_jin_init(&c, FILES[f], diag);
        if (!text[f]) {
            rs_diag_add(diag, "%s: cannot read %s: %s", FILES[f], FILES[f], strerror(ENOENT));
            io = 1;
            errors++;
            continue;
        }
        roots[f] = rs_jin_parse_text(&c, text[f], len[f]);
        errors += c.errors;
        oom |= c.oom;
    }
    rs_code rc = load_roots(roots, errors, io, oom, shown, out, diag);
    for (int f = 0; f < 3; f++)
        cJSON_Delete(roots[f]);
    return rc;
}
