/*
 * schedfile.c - reading schedule.json files into records; see schedfile.h.
 *
 * Also the entry points built on it: rs_schedule_load (roadshow.h) and
 * rs_previous_load (workflow.h).
 *
 * A meeting is read field by field in a fixed order, and a problem is
 * reported at the field it concerns the moment that field is read, so the
 * messages of a file come out in the order an organiser reads it.  The
 * rules of RS_SCHED_FOR_EVENT resolve each field against the event right
 * after reading it; those of RS_SCHED_AS_WRITTEN read every field first and
 * then hold the meeting against the event, when there is one.
 */
#define _POSIX_C_SOURCE 200809L
#include "schedfile.h"
#include "json_in.h"
#include "workflow.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest id string read FOR_EVENT: any string may name an unknown id,
 * and messages show its first 100 bytes. */
#define ID_MAX 256

/* ================================================================ records */

static void meeting_free(rs_sched_meeting *m)
{
    free(m->id);
    free(m->room);
    free(m->venue);
    free(m->sme);
    for (int k = 0; k < m->ninv; k++)
        free(m->inv[k]);
    free(m->inv);
    free(m->iinv);
}

void rs_sched_file_free(rs_sched_file *f)
{
    if (!f)
        return;
    for (int i = 0; i < f->n; i++)
        meeting_free(&f->m[i]);
    free(f->m);
    free(f->file);
    free(f);
}

/* Appends m to f, which takes what m owns.  0, or -1 when out of memory
 * (m is left to the caller). */
static int append(rs_sched_file *f, const rs_sched_meeting *m)
{
    if (f->n == f->cap) {
        int cap = f->cap ? f->cap * 2 : 16;
        rs_sched_meeting *nm = realloc(f->m, (size_t)cap * sizeof *nm);
        if (!nm)
            return -1;
        f->m = nm;
        f->cap = cap;
    }
    f->m[f->n++] = *m;
    return 0;
}

/* Copies s (when not NULL) into *dst, reporting out of memory at the
 * current path. */
static void keep(rs_jin *c, char **dst, const char *s)
{
    if (s && !(*dst = rs_strdup(s)))
        rs_jin_oom(c);
}

/* Makes room for n investors in m (inv, and iinv when with_index).  0, or
 * -1 after reporting out of memory. */
static int investors_alloc(rs_jin *c, rs_sched_meeting *m, int n, int with_index)
{
    m->inv = calloc((size_t)n + 1, sizeof(char *));
    if (m->inv && with_index)
        m->iinv = malloc(((size_t)n + 1) * sizeof(int));
    if (!m->inv || (with_index && !m->iinv)) {
        rs_jin_oom(c);
        return -1;
    }
    return 0;
}

/* ===================================================== shared field reads */

/* The header's format_version: optional, and 1 when given. */
static void read_version(rs_jin *c, const cJSON *root)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format_version");
    if (v && !(cJSON_IsNumber(v) && v->valuedouble == 1.0)) {
        size_t mark = rs_jin_key(c, "format_version");
        rs_jin_err(c, "unsupported format version (this roadshow reads version 1)");
        rs_jin_pop(c, mark);
    }
}

/* Reads a meeting's date, start and end (each required) into m; start and
 * end are -1 when missing or bad.  Returns the date, or NULL. */
static const char *read_times(rs_jin *c, const cJSON *mj, rs_sched_meeting *m)
{
    const char *date = rs_jin_date(c, mj, "date", 1);
    m->start = rs_jin_time(c, mj, "start", 1);
    m->end = rs_jin_time(c, mj, "end", 1);
    if (date)
        snprintf(m->date, sizeof m->date, "%s", date);
    return date;
}

/* Index of the room called id, or -1 after reporting it unknown at
 * PATH.room. */
static int find_room(rs_jin *c, const rs_event *ev, const char *id)
{
    int r = rs_find_room(ev, id);
    if (r < 0) {
        size_t mark = rs_jin_key(c, "room");
        rs_jin_err(c, "unknown room \"%.100s\"", id);
        rs_jin_pop(c, mark);
    }
    return r;
}

/* Looks up a participant id found at the current path, which must name an
 * investor (want_investor) or an SME.  Returns its index, or -1 after
 * reporting an unknown id or the wrong side. */
static int lookup_party(rs_jin *c, const rs_event *ev, const char *id, int want_investor)
{
    int p = rs_find_participant(ev, id);
    if (p < 0) {
        rs_jin_err(c, "unknown %s \"%.100s\"", want_investor ? "investor" : "SME", id);
        return -1;
    }
    if (!ev->p[p].is_investor != !want_investor) {
        rs_jin_err(c, "\"%.100s\" is %s, not %s", id,
                   want_investor ? "an SME" : "an investor",
                   want_investor ? "an investor" : "an SME");
        return -1;
    }
    return p;
}

/* The SME of a meeting, at PATH.sme: looked up when there is an event.
 * Returns its index, or -1 (no event, or after reporting). */
static int sme_of(rs_jin *c, const rs_event *ev, const char *id)
{
    if (!ev)
        return -1;
    size_t mark = rs_jin_key(c, "sme");
    int p = lookup_party(c, ev, id, 0);
    rs_jin_pop(c, mark);
    return p;
}

/* ================================================== rules: for the event */

/* Reads an optional number that may also be null (the writer prints an
 * unknown value as null).  Absent or null gives NaN; anything else but a
 * finite number is reported at PATH.key and gives NaN. */
static double num_or_null(rs_jin *c, const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v || cJSON_IsNull(v))
        return NAN;
    if (cJSON_IsNumber(v) && isfinite(v->valuedouble))
        return v->valuedouble;
    size_t mark = rs_jin_key(c, key);
    rs_jin_err(c, "expected a number or null");
    rs_jin_pop(c, mark);
    return NAN;
}

/* Reads the schedule's header after its version: status (optional; kept
 * as written so that rs_check can judge it, and left empty when absent,
 * as in a hand-written schedule), objective, bound and gap (optional
 * numbers or null; NaN when absent). */
static void read_header(rs_jin *c, const cJSON *root, rs_sched_file *f)
{
    const char *status = rs_jin_string(c, root, "status", 0, 64);
    if (status) {
        if (strlen(status) >= sizeof f->status) {
            size_t mark = rs_jin_key(c, "status");
            rs_jin_err(c, "\"%s\" is neither \"optimal\" nor \"feasible\"", status);
            rs_jin_pop(c, mark);
        } else {
            snprintf(f->status, sizeof f->status, "%s", status);
        }
    }
    f->objective = num_or_null(c, root, "objective");
    f->bound = num_or_null(c, root, "bound");
    f->gap = num_or_null(c, root, "gap");
}

/* Index of the event day with this date, or -1. */
static int find_day(const rs_event *ev, const char *date)
{
    for (int d = 0; d < ev->ndays; d++)
        if (strcmp(ev->days[d].date, date) == 0)
            return d;
    return -1;
}

/* Reads a meeting's date, start and end and resolves them to a slot of the
 * event.  The end must be the slot's own end: a meeting lies in exactly one
 * slot.  Returns the slot index, or -1 after reporting why at the right
 * field. */
static int read_slot(rs_jin *c, const rs_event *ev, const cJSON *mj, rs_sched_meeting *m)
{
    const char *date = read_times(c, mj, m);
    char t1[6], t2[6], t3[6];
    size_t mark;
    if (!date || m->start < 0)
        return -1;
    if (find_day(ev, date) < 0) {
        mark = rs_jin_key(c, "date");
        rs_jin_err(c, "%s is not a day of the event", date);
        rs_jin_pop(c, mark);
        return -1;
    }
    int k = rs_find_slot(ev, date, m->start);
    if (k < 0) {
        rs_fmt_time(m->start, t1);
        mark = rs_jin_key(c, "start");
        rs_jin_err(c, "%s is not the start of a slot on %s", t1, date);
        rs_jin_pop(c, mark);
        return -1;
    }
    if (m->end < 0)
        return -1;
    if (ev->slots[k].end != m->end) {
        rs_fmt_time(m->end, t1);
        rs_fmt_time(ev->slots[k].start, t2);
        rs_fmt_time(ev->slots[k].end, t3);
        mark = rs_jin_key(c, "end");
        rs_jin_err(c, "%s is not the end of the slot %s-%s", t1, t2, t3);
        rs_jin_pop(c, mark);
        return -1;
    }
    return k;
}

/* Reads the meeting's room, and checks its optional "venue" against the
 * room's venue.  Returns the room index or -1 after reporting. */
static int read_room(rs_jin *c, const rs_event *ev, const cJSON *mj, rs_sched_meeting *m)
{
    const char *id = rs_jin_string(c, mj, "room", 1, ID_MAX);
    int r = id ? find_room(c, ev, id) : -1;
    const char *venue = rs_jin_string(c, mj, "venue", 0, ID_MAX);
    if (venue && r >= 0 && strcmp(venue, ev->venues[ev->rooms[r].venue].id) != 0) {
        size_t mark = rs_jin_key(c, "venue");
        rs_jin_err(c, "room %s is in venue %s, not \"%.100s\"", ev->rooms[r].id,
                   ev->venues[ev->rooms[r].venue].id, venue);
        rs_jin_pop(c, mark);
    }
    keep(c, &m->room, id);
    keep(c, &m->venue, venue);
    return r;
}

/* Reads the meeting's "investors" array into m (ids and indices).
 * Unknown ids, SMEs, non-strings and repeats are reported at
 * investors[k]. */
static void read_investors(rs_jin *c, const rs_event *ev, const cJSON *arr,
                           rs_sched_meeting *m)
{
    if (investors_alloc(c, m, cJSON_GetArraySize(arr), 1) != 0)
        return;
    size_t mark = rs_jin_key(c, "investors");
    int k = 0;
    for (const cJSON *e = arr->child; e && !c->oom; e = e->next, k++) {
        size_t mk = rs_jin_idx(c, k);
        if (!cJSON_IsString(e) || !e->valuestring) {
            rs_jin_err(c, "expected an investor id (a string)");
        } else {
            int p = lookup_party(c, ev, e->valuestring, 1);
            int dup = 0;
            for (int j = 0; p >= 0 && j < m->ninv; j++)
                dup |= m->iinv[j] == p;
            if (dup) {
                rs_jin_err(c, "\"%.100s\" is listed twice", e->valuestring);
            } else if (p >= 0) {
                keep(c, &m->inv[m->ninv], e->valuestring);
                if (m->inv[m->ninv])
                    m->iinv[m->ninv++] = p;
            }
        }
        rs_jin_pop(c, mk);
    }
    rs_jin_pop(c, mark);
}

/* Whether meeting mj is a peer meeting: "sme" is null. */
static int is_peer(const cJSON *mj)
{
    return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(mj, "sme"));
}

/* Reads a peer meeting's people ("sme": null): "participants" names two
 * distinct ids in byte order (with an event: of one side, both known),
 * and "investors" lists the investors among them (both, or none).  m gets
 * them as the library holds a peer meeting (rs_meeting): with an event,
 * sme the higher participant index and inv[0] the lower; without, sme the
 * first id and inv[0] the second.  Returns 1 when read
 * whole, else 0 after reporting at the field. */
static int read_peer(rs_jin *c, const rs_event *ev, const cJSON *mj, rs_sched_meeting *m)
{
    const cJSON *parts = rs_jin_array(c, mj, "participants", 1);
    const cJSON *invs = rs_jin_array(c, mj, "investors", 1);
    if (!parts || !invs)
        return 0;
    size_t mark = rs_jin_key(c, "participants");
    const char *id[2] = {NULL, NULL};
    int ix[2] = {-1, -1}, n = cJSON_GetArraySize(parts), ok = 0;
    if (n != 2) {
        rs_jin_err(c, "a peer meeting (\"sme\": null) lists its two participants");
        goto done;
    }
    for (int k = 0; k < 2; k++) {
        const cJSON *e = cJSON_GetArrayItem(parts, k);
        if (!cJSON_IsString(e) || !e->valuestring || !rs_jin_is_id(e->valuestring)) {
            size_t mk = rs_jin_idx(c, k);
            rs_jin_err(c, "expected a participant id");
            rs_jin_pop(c, mk);
            goto done;
        }
        id[k] = e->valuestring;
        if (ev && (ix[k] = rs_find_participant(ev, id[k])) < 0) {
            size_t mk = rs_jin_idx(c, k);
            rs_jin_err(c, "unknown participant \"%.100s\"", id[k]);
            rs_jin_pop(c, mk);
            goto done;
        }
    }
    if (strcmp(id[0], id[1]) >= 0) {
        rs_jin_err(c, "the two participants are the same or not in id order");
        goto done;
    }
    int both_inv = ev ? ev->p[ix[0]].is_investor : cJSON_GetArraySize(invs) > 0;
    if (ev && ev->p[ix[0]].is_investor != ev->p[ix[1]].is_investor) {
        rs_jin_err(c, "a peer meeting (\"sme\": null) is of two investors or two SMEs");
        goto done;
    }
    int ni = cJSON_GetArraySize(invs), match = ni == (both_inv ? 2 : 0);
    for (const cJSON *e = invs->child; e && match; e = e->next)
        match = cJSON_IsString(e) && e->valuestring &&
                (strcmp(e->valuestring, id[0]) == 0 || strcmp(e->valuestring, id[1]) == 0);
    if (!match) {
        size_t mk = rs_jin_key(c, "investors");
        rs_jin_err(c, "a peer meeting lists as investors those of its participants who are "
                      "investors (both or none)");
        rs_jin_pop(c, mk);
        goto done;
    }
    int first = ev && ix[1] > ix[0] ? 1 : 0; /* sme: the higher index */
    if (investors_alloc(c, m, 1, 1) != 0)
        goto done;
    keep(c, &m->sme, id[first]);
    keep(c, &m->inv[0], id[1 - first]);
    m->ninv = m->inv[0] ? 1 : 0;
    m->isme = ix[first];
    m->iinv[0] = ix[1 - first];
    m->peer = both_inv ? 2 : 1;
    ok = m->sme && m->ninv == 1;
done:
    rs_jin_pop(c, mark);
    return ok;
}

/* The first id of array v (of a meeting) that names nobody of the event,
 * or NULL. */
static const char *gone_in(const rs_event *ev, const cJSON *v)
{
    for (const cJSON *e = cJSON_IsArray(v) ? v->child : NULL; e; e = e->next)
        if (cJSON_IsString(e) && e->valuestring && rs_find_participant(ev, e->valuestring) < 0)
            return e->valuestring;
    return NULL;
}

/* The first id of a meeting's "sme", "investors" and, for a peer meeting
 * of two SMEs (whose "sme" is null and "investors" empty), "participants"
 * that names nobody of the event, or NULL (wrong types are left to the
 * reader to report). */
static const char *gone_party(const rs_event *ev, const cJSON *mj)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(mj, "sme");
    if (cJSON_IsString(v) && v->valuestring && rs_find_participant(ev, v->valuestring) < 0)
        return v->valuestring;
    const char *gone = gone_in(ev, cJSON_GetObjectItemCaseSensitive(mj, "investors"));
    if (!gone && is_peer(mj))
        gone = gone_in(ev, cJSON_GetObjectItemCaseSensitive(mj, "participants"));
    return gone;
}

/* Reads one meeting object (at the current path meetings[i]) into m by the
 * FOR_EVENT rules, reporting every problem of it, not only the first.
 * With notes (a previous schedule), a meeting that is not locked and
 * names a participant no longer in the event is noted and counted in
 * f->removed instead: the participant left.  Returns 1 when m is a
 * complete meeting of the event, else 0 (m then holds what was read). */
static int read_for_event(rs_jin *c, const rs_event *ev, const cJSON *mj, rs_diag *notes,
                          rs_sched_file *f, rs_sched_meeting *m)
{
    int before = c->errors;
    if (!rs_jin_expect_object(c, mj, "a meeting"))
        return 0;
    m->islot = read_slot(c, ev, mj, m);
    m->iroom = read_room(c, ev, mj, m);
    const char *gone = notes ? gone_party(ev, mj) : NULL;
    if (gone && !rs_jin_bool(c, mj, "locked", 0)) {
        if (c->errors == before) {
            f->removed++;
            rs_diag_add(notes, "%s: %s: dropped: \"%.100s\" is no longer in the event",
                        c->file, c->plen ? c->path : "(top level)", gone);
        }
        return 0;
    }
    if (gone) { /* locked: it cannot be kept, and silence would hide that */
        rs_jin_err(c, "the locked meeting names \"%.100s\", who is not in the event; unlock "
                      "it (\"locked\": false) to let it go, or add them back", gone);
        return 0;
    }
    const cJSON *arr = NULL;
    if (is_peer(mj)) {
        arr = read_peer(c, ev, mj, m) ? mj : NULL;
    } else {
        const char *sme = rs_jin_string(c, mj, "sme", 1, ID_MAX);
        if (sme) {
            m->isme = sme_of(c, ev, sme);
            keep(c, &m->sme, sme);
        }
        arr = rs_jin_array(c, mj, "investors", 1);
        if (arr)
            read_investors(c, ev, arr, m);
    }
    m->score = num_or_null(c, mj, "score");
    m->locked = rs_jin_bool(c, mj, "locked", 0);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(mj, "id");
    if (id && !cJSON_IsString(id)) {
        size_t mark = rs_jin_key(c, "id");
        rs_jin_err(c, "expected a string");
        rs_jin_pop(c, mark);
    } else if (id) {
        keep(c, &m->id, id->valuestring);
    }
    return c->errors == before && m->islot >= 0 && m->iroom >= 0 && m->isme >= 0 && arr;
}

/* =================================================== rules: as written */

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the "investors" array of a meeting into m (ids sorted); problems
 * are reported at investors[k], and with an event each id is looked up. */
static void read_investor_ids(rs_jin *c, const rs_event *ev, const cJSON *arr,
                              rs_sched_meeting *m)
{
    int size = cJSON_GetArraySize(arr), k = 0;
    size_t mark = rs_jin_key(c, "investors");
    if (investors_alloc(c, m, size, 0) != 0) {
        rs_jin_pop(c, mark);
        return;
    }
    if (size == 0)
        rs_jin_err(c, "a meeting needs at least one investor");
    for (const cJSON *e = arr->child; e && !c->oom; e = e->next, k++) {
        size_t mk = rs_jin_idx(c, k);
        if (!cJSON_IsString(e) || !e->valuestring || !rs_jin_is_id(e->valuestring)) {
            rs_jin_err(c, "expected an investor id");
        } else {
            int dup = 0;
            for (int j = 0; j < m->ninv; j++)
                dup |= strcmp(m->inv[j], e->valuestring) == 0;
            if (dup) {
                rs_jin_err(c, "\"%s\" is listed twice", e->valuestring);
            } else {
                if (ev)
                    lookup_party(c, ev, e->valuestring, 1);
                keep(c, &m->inv[m->ninv], e->valuestring);
                if (m->inv[m->ninv])
                    m->ninv++;
            }
        }
        rs_jin_pop(c, mk);
    }
    rs_jin_pop(c, mark);
    qsort(m->inv, (size_t)m->ninv, sizeof(char *), cmp_strp);
}

/* Reads one meeting (at the current path) into m by the AS_WRITTEN rules:
 * every field first, then, with an event, the slot, room and SME held
 * against it, then the investors.  Every problem is reported.  Returns 1
 * when m is complete, else 0. */
static int read_as_written(rs_jin *c, const rs_event *ev, const cJSON *mj,
                           rs_sched_meeting *m)
{
    int before = c->errors;
    if (!rs_jin_expect_object(c, mj, "a meeting"))
        return 0;
    const char *date = read_times(c, mj, m);
    const char *room = rs_jin_id(c, mj, "room", 1);
    const char *venue = rs_jin_id(c, mj, "venue", 0);
    int peer = is_peer(mj);
    const char *sme = peer ? NULL : rs_jin_id(c, mj, "sme", 1);
    const char *id = rs_jin_string(c, mj, "id", 0, 64);
    const cJSON *arr = peer ? NULL : rs_jin_array(c, mj, "investors", 1);
    if (m->start >= 0 && m->end >= 0 && m->end <= m->start) {
        size_t mk = rs_jin_key(c, "end");
        rs_jin_err(c, "the meeting ends before it starts");
        rs_jin_pop(c, mk);
    }
    if (ev && date && m->start >= 0) {
        int k = rs_find_slot(ev, date, m->start);
        char t[6];
        rs_fmt_time(m->start, t);
        size_t mk = rs_jin_key(c, "start");
        if (k < 0)
            rs_jin_err(c, "%s on %s is not the start of a slot of the event", t, date);
        else if (m->end >= 0 && ev->slots[k].end != m->end)
            rs_jin_err(c, "the slot starting %s ends at another time", t);
        rs_jin_pop(c, mk);
    }
    if (ev && room)
        find_room(c, ev, room);
    if (sme)
        sme_of(c, ev, sme);
    keep(c, &m->room, room);
    keep(c, &m->venue, venue);
    keep(c, &m->sme, sme);
    keep(c, &m->id, id);
    if (arr && !c->oom)
        read_investor_ids(c, ev, arr, m);
    int people = peer ? read_peer(c, NULL, mj, m) /* ids in byte order: sme the first */
                      : sme && arr;
    return c->errors == before && date && room && people && m->start >= 0 && m->end >= 0;
}

/* ================================================================ files */

/* Reads the parsed root into a new file of records (see rs_sched_read_tree),
 * with the context c that parsing used: its problems (duplicate keys) are
 * among those counted. */
static rs_code read_root(rs_jin *c, const cJSON *root, rs_sched_rules rules,
                         const rs_event *ev, rs_diag *notes, rs_sched_file **out)
{
    rs_code rc;
    rs_sched_file *f = calloc(1, sizeof *f);
    *out = NULL;
    if (!f || !(f->file = rs_strdup(c->file))) {
        rs_jin_oom(c);
        goto done;
    }
    f->objective = f->bound = f->gap = NAN;
    if (!rs_jin_expect_object(c, root, "a schedule"))
        goto done;
    read_version(c, root);
    if (rules == RS_SCHED_FOR_EVENT)
        read_header(c, root, f);
    const cJSON *ms = rs_jin_array(c, root, "meetings", 1);
    size_t mark = rs_jin_key(c, "meetings");
    int i = 0;
    for (const cJSON *e = ms ? ms->child : NULL; e && !c->oom; e = e->next, i++) {
        size_t mi = rs_jin_idx(c, i);
        rs_sched_meeting m;
        memset(&m, 0, sizeof m);
        m.pos = i;
        m.start = m.end = m.islot = m.iroom = m.isme = -1;
        m.score = NAN;
        int ok = rules == RS_SCHED_FOR_EVENT ? read_for_event(c, ev, e, notes, f, &m)
                                             : read_as_written(c, ev, e, &m);
        if (ok && !c->oom && append(f, &m) == 0)
            memset(&m, 0, sizeof m); /* f owns what m held */
        else if (ok && !c->oom)
            rs_jin_oom(c);
        meeting_free(&m);
        rs_jin_pop(c, mi);
    }
    rs_jin_pop(c, mark);
done:
    rc = c->oom ? RS_ENOMEM : c->errors ? RS_EINPUT : RS_OK;
    if (rc == RS_OK) {
        *out = f;
        f = NULL;
    }
    rs_sched_file_free(f);
    return rc;
}

rs_code rs_sched_read(const char *path, const char *name, rs_sched_rules rules,
                      const rs_event *ev, rs_diag *notes, rs_sched_file **out, cJSON **tree,
                      rs_diag *diag)
{
    rs_jin c;
    int io_error = 0;
    rs_code rc;
    *out = NULL;
    if (tree)
        *tree = NULL;
    rs_jin_init(&c, name, diag);
    cJSON *root = rs_jin_parse_file(&c, path, &io_error);
    if (root)
        rc = read_root(&c, root, rules, ev, notes, out);
    else
        rc = c.oom ? RS_ENOMEM : io_error ? RS_EIO : RS_EINPUT;
    if (rc == RS_OK && tree) {
        *tree = root;
        root = NULL;
    }
    cJSON_Delete(root);
    return rc;
}

rs_code rs_sched_read_tree(const cJSON *root, const char *name, rs_sched_rules rules,
                           const rs_event *ev, rs_diag *notes, rs_sched_file **out,
                           rs_diag *diag)
{
    rs_jin c;
    rs_jin_init(&c, name, diag);
    return read_root(&c, root, rules, ev, notes, out);
}

rs_code rs_sched_to_schedule(const rs_sched_file *f, rs_schedule **out, int **pos)
{
    rs_code rc = RS_ENOMEM;
    rs_schedule *s = rs_schedule_new();
    int *p = pos ? malloc(((size_t)f->n + 1) * sizeof(int)) : NULL;
    *out = NULL;
    if (!s || (pos && !p))
        goto done;
    snprintf(s->status, sizeof s->status, "%s", f->status);
    s->objective = f->objective;
    s->bound = f->bound;
    s->gap = f->gap;
    for (int i = 0; i < f->n; i++) {
        const rs_sched_meeting *m = &f->m[i];
        if (rs_schedule_add(s, m->islot, m->iroom, m->isme, m->iinv, m->ninv, m->score,
                            m->locked) != 0)
            goto done;
        if (p)
            p[i] = m->pos;
    }
    *out = s;
    s = NULL;
    if (pos) {
        *pos = p;
        p = NULL;
    }
    rc = RS_OK;
done:
    rs_schedule_free(s);
    free(p);
    return rc;
}

/* ====================================================== the entry points */

/* The file's base name, used as the FILE part of "FILE: PATH: message" so
 * messages read the same wherever the schedule lives. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

/* Reads a schedule.json for this event; see roadshow.h.  Problems are all
 * gathered before giving up, so an organiser fixes a file in one pass. */
rs_code rs_schedule_load(const rs_event *ev, const char *path, rs_schedule **out,
                         rs_diag *diag)
{
    rs_sched_file *f = NULL;
    *out = NULL;
    rs_code rc =
        rs_sched_read(path, base_name(path), RS_SCHED_FOR_EVENT, ev, NULL, &f, NULL, diag);
    if (rc == RS_OK && (rc = rs_sched_to_schedule(f, out, NULL)) != RS_OK)
        rs_diag_add(diag, "%s: out of memory", f->file);
    rs_sched_file_free(f);
    return rc;
}

void rs_previous_free(rs_previous *pv)
{
    if (!pv)
        return;
    rs_schedule_free(pv->s);
    free(pv->pos);
    free(pv->file);
    rs_diag_free(pv->notes);
    rs_sched_file_free(pv->written);
    rs_diag_free(pv->written_problems);
    free(pv);
}

/* The file is parsed once and read twice: by the event's rules for the
 * meetings to keep, and as `roadshow diff` reads it (the path as given,
 * without the event) for the counts of kept, moved and dropped meetings.
 * What that second reading finds wrong is kept for rs_diff_counts_of to
 * report, which is where such a problem has always surfaced. */
rs_code rs_previous_load(const rs_event *ev, const char *path, rs_previous **out,
                         rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    cJSON *root = NULL;
    rs_sched_file *f = NULL;
    rs_previous *pv = calloc(1, sizeof(rs_previous));
    *out = NULL;
    if (!pv || !(pv->file = rs_strdup(base_name(path))) || !(pv->notes = rs_diag_new()) ||
        !(pv->written_problems = rs_diag_new())) {
        rs_diag_add(diag, "%s: out of memory", base_name(path));
        goto done;
    }
    rc = rs_sched_read(path, pv->file, RS_SCHED_FOR_EVENT, ev, pv->notes, &f, &root, diag);
    if (rc != RS_OK)
        goto done;
    pv->removed = f->removed;
    rc = rs_sched_to_schedule(f, &pv->s, &pv->pos);
    if (rc != RS_OK) {
        rs_diag_add(diag, "%s: out of memory", pv->file);
        goto done;
    }
    rc = rs_sched_read_tree(root, path, RS_SCHED_AS_WRITTEN, NULL, NULL, &pv->written,
                            pv->written_problems);
    if (rc == RS_ENOMEM) {
        rs_diag_add(diag, "%s: out of memory", pv->file);
        goto done;
    }
    *out = pv;
    pv = NULL;
    rc = RS_OK;
done:
    cJSON_Delete(root);
    rs_sched_file_free(f);
    rs_previous_free(pv);
    return rc;
}
