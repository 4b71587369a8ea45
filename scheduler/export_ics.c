/*
 * export_ics.c - one iCalendar file per participant (RFC 5545).
 *
 * OUT_DIR/calendars/NAME.ics holds the meetings of one participant: a
 * VCALENDAR (METHOD:PUBLISH) with one VEVENT per meeting, and a VTIMEZONE
 * for the event's time zone built from the machine's TZif file, so that
 * DTSTART;TZID=Zone:local-time names the right instant in every client.
 * A slot's start is read as RFC 5545 (3.3.5) reads local times (a time the
 * clocks skip with the offset before the gap, a repeated one as its first
 * occurrence), its end is one slot length later, and a wall-clock time
 * that occurs twice is written in UTC (clients disagree on those).  Every
 * participant of the event gets a file, an empty calendar when it has no
 * meeting, so that re-publishing removes meetings that vanished; the
 * calendars of participants no longer in the event are removed.  NAME is
 * the participant id made safe as a file name (see file_stem).
 *
 * What makes re-publishing update rather than duplicate:
 * - UIDs name an SME-investor pair (which meets at most once), the event's
 *   first day and a hash of its name; never meeting numbers or times.
 * - SEQUENCE comes from the calendar this run replaces: the same UID with a
 *   different start, end or location gets the old SEQUENCE + 1.  No pure
 *   function of a meeting can do this (a meeting moved back to its first
 *   slot must still count up), so the previous file is the memory; with no
 *   previous file SEQUENCE is 0.  The same inputs and the same folder give
 *   the same bytes, and running twice changes nothing.
 * - DTSTAMP is the event's first day at 00:00 UTC: deterministic.
 *
 * Time zones: the zone comes from the machine's TZif file (tzfile.c reads
 * it, with its POSIX TZ rule for times after the last listed transition).
 * When the zone cannot be found or read, times are written floating (local
 * wall-clock time without TZID) and X-WR-TIMEZONE names the zone, which is
 * the honest best: the slot times are exact local times, and clients such
 * as Google Calendar read floating times in X-WR-TIMEZONE.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "tzfile.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ICS_PRODID "-//roadshow//roadshow " RS_VERSION "//EN"
#define ICS_MARK "\r\nPRODID:-//roadshow//" /* how a calendar of ours is known */
#define ICS_NAME_MAX 200  /* longest file name stem before a hash is used      */
#define ICS_NAME_KEEP 180 /* bytes of the stem kept when a hash is appended    */

/* Appends s as an iCalendar TEXT value: backslash, semicolon and comma
 * escaped, a line break (LF, CR or CRLF) written as \n, other control
 * characters (which TEXT does not allow) dropped; UTF-8 passes as is. */
static void sb_text(rs_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',') {
            char e[2] = {'\\', (char)c};
            rs_buf_add(b, e, 2);
        } else if (c == '\r' || c == '\n') {
            rs_buf_add(b, "\\n", 2);
            if (c == '\r' && s[1] == '\n')
                s++;
        } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
            continue;
        } else {
            rs_buf_add(b, s, 1);
        }
    }
}

/* Appends the content line held in ln to out, folded so that no physical
 * line passes 75 octets (continuations start with a space, which counts),
 * never inside a UTF-8 sequence, each ended by CRLF; then empties ln. */
static void put_line(rs_buf *out, rs_buf *ln)
{
    size_t i = 0, n = ln->oom ? 0 : ln->n, limit = 75;
    if (ln->oom)
        out->oom = 1;
    while (n - i > limit) {
        size_t cut = i + limit;
        while (cut > i && ((unsigned char)ln->p[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == i) /* not UTF-8: cut anywhere rather than loop */
            cut = i + limit;
        rs_buf_add(out, ln->p + i, cut - i);
        rs_buf_add(out, "\r\n ", 3);
        i = cut;
        limit = 74;
    }
    if (n > i)
        rs_buf_add(out, ln->p + i, n - i);
    rs_buf_add(out, "\r\n", 2);
    ln->n = 0;
    if (ln->p)
        ln->p[0] = '\0';
}

/* 64-bit FNV-1a of a string (rs_fnv64): a stable hash for UIDs and long
 * file names. */
static uint64_t fnv64(const char *s)
{
    return rs_fnv64(RS_FNV64_INIT, s, strlen(s));
}

/* Appends id with every byte outside [A-Za-z0-9._-] written as %XX
 * (upper-case hex), and a leading '.' too, so the result is never "." or
 * "..", never a hidden file, and different ids never give the same text.
 * An empty id gives "%" (which no other id gives). */
static void sb_encode_id(rs_buf *b, const char *id)
{
    if (!*id)
        rs_buf_str(b, "%");
    for (const char *p = id; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_' || (c == '.' && p != id);
        if (keep)
            rs_buf_add(b, p, 1);
        else
            rs_buf_fmt(b, "%%%02X", (unsigned)c);
    }
}

/* ================================================================ dates */

/* Day number of "YYYY-MM-DD"; 0 (and *ok = 0) when malformed, which the
 * reader never lets through. */
static int64_t parse_date(const char *s, int *ok)
{
    int y, m, d;
    char tail;
    *ok = sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
          d >= 1 && d <= 31;
    return *ok ? rs_tz_days_from_civil(y, m, d) : 0;
}

/* Appends a DATE-TIME "YYYYMMDDTHHMMSS" of seconds since 1970 read as a
 * wall-clock value (the caller adds the offset); years outside 1601..9999,
 * which iCalendar clients do not handle, are clamped. */
static void sb_datetime(rs_buf *b, int64_t t)
{
    int64_t lo = rs_tz_days_from_civil(1601, 1, 1) * RS_DAY_SECONDS;
    int64_t hi = rs_tz_days_from_civil(9999, 12, 31) * RS_DAY_SECONDS;
    if (t < lo)
        t = lo;
    if (t > hi)
        t = hi;
    int64_t days = rs_tz_floor_days(t), y, sec = t - days * RS_DAY_SECONDS;
    int m, d;
    rs_tz_civil_from_days(days, &y, &m, &d);
    rs_buf_fmt(b, "%04d%02d%02dT%02d%02d%02d", (int)y, m, d, (int)(sec / 3600),
           (int)(sec / 60 % 60), (int)(sec % 60));
}

/* ============================================================ time zone */

/* Appends a UTC offset as iCalendar wants it: +HHMM, or +HHMMSS when the
 * seconds are not zero. */
static void sb_offset(rs_buf *b, int32_t off)
{
    char sign = off < 0 ? '-' : '+';
    int32_t a = off < 0 ? -off : off;
    rs_buf_fmt(b, "%c%02d%02d", sign, (int)(a / 3600), (int)(a / 60 % 60));
    if (a % 60)
        rs_buf_fmt(b, "%02d", (int)(a % 60));
}

/* Appends the VTIMEZONE of the zone for the instants from w0 to w1: the
 * observance in effect at w0 (from the change that began it; from 1601 when
 * none did), then one observance per change up to w1, each with its onset
 * in the local time before it, as RFC 5545 says. */
static void put_vtimezone(rs_buf *out, rs_buf *ln, const char *name, const rs_tz_zone *z,
                          int64_t w0, int64_t w1)
{
    rs_buf_str(ln, "BEGIN:VTIMEZONE");
    put_line(out, ln);
    rs_buf_str(ln, "TZID:");
    rs_buf_str(ln, name);
    put_line(out, ln);
    for (int i = rs_tz_index_at(z, w0); i < z->nch && (i < 0 || z->ch[i].at <= w1); i++) {
        const rs_tz_type *to = i < 0 ? &z->initial : &z->ch[i].to;
        const rs_tz_type *from = i <= 0 ? &z->initial : &z->ch[i - 1].to;
        const char *kind = to->isdst ? "DAYLIGHT" : "STANDARD";
        rs_buf_fmt(ln, "BEGIN:%s", kind);
        put_line(out, ln);
        rs_buf_str(ln, "DTSTART:");
        sb_datetime(ln, i < 0 ? INT64_MIN / 2 : z->ch[i].at + from->off);
        put_line(out, ln);
        rs_buf_str(ln, "TZOFFSETFROM:");
        sb_offset(ln, from->off);
        put_line(out, ln);
        rs_buf_str(ln, "TZOFFSETTO:");
        sb_offset(ln, to->off);
        put_line(out, ln);
        if (to->abbr[0]) {
            rs_buf_str(ln, "TZNAME:");
            sb_text(ln, to->abbr);
            put_line(out, ln);
        }
        rs_buf_fmt(ln, "END:%s", kind);
        put_line(out, ln);
    }
    rs_buf_str(ln, "END:VTIMEZONE");
    put_line(out, ln);
}

/* ======================================================= file names */

/* The file name stem of participant id: sb_encode_id's text; when that is
 * longer than ICS_NAME_MAX, or force_hash is set (another id differs from
 * this one only in letter case, which case-insensitive file systems would
 * merge), its first bytes (never cutting a %XX) then "~" and 16 hex digits
 * of the id's hash.  '~' never comes out of the encoding, so the two forms
 * cannot meet.  malloc'd; NULL when out of memory. */
static char *file_stem(const char *id, int force_hash)
{
    rs_buf b = {0};
    sb_encode_id(&b, id);
    if (!b.oom && (b.n > ICS_NAME_MAX || force_hash)) {
        size_t keep = b.n < ICS_NAME_KEEP ? b.n : ICS_NAME_KEEP;
        if (keep >= 1 && b.p[keep - 1] == '%')
            keep -= 1;
        else if (keep >= 2 && b.p[keep - 2] == '%')
            keep -= 2;
        b.n = keep;
        rs_buf_fmt(&b, "~%016llx", (unsigned long long)fnv64(id));
    }
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* ASCII case-insensitive comparison (file systems fold ASCII at least). */
static int casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y || !x)
            return x - y;
    }
}

static int cmp_name_ci(const void *a, const void *b)
{
    const char *const *x = a, *const *y = b;
    int c = casecmp(*x, *y);
    return c ? c : strcmp(*x, *y);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sets names[p] to the file name ("STEM.ics") of every participant: the
 * plain stem unless it clashes, ignoring letter case, with another
 * participant's.  Returns 0, or -1 when out of memory. */
static int make_file_names(const rs_event *ev, char **names)
{
    int rc = -1;
    char **plain = calloc((size_t)ev->np + 1, sizeof *plain);
    char **sorted = calloc((size_t)ev->np + 1, sizeof *sorted);
    if (!plain || !sorted)
        goto done;
    for (int p = 0; p < ev->np; p++)
        if (!(plain[p] = file_stem(ev->p[p].id, 0)))
            goto done;
    memcpy(sorted, plain, (size_t)ev->np * sizeof *sorted);
    qsort(sorted, (size_t)ev->np, sizeof *sorted, cmp_name_ci);
    for (int p = 0; p < ev->np; p++) {
        /* does another stem equal this one ignoring case? (sorted neighbours) */
        char **at = bsearch(&plain[p], sorted, (size_t)ev->np, sizeof *sorted, cmp_name_ci);
        size_t i = (size_t)(at - sorted);
        int clash = (i > 0 && casecmp(sorted[i - 1], plain[p]) == 0) ||
                    (i + 1 < (size_t)ev->np && casecmp(sorted[i + 1], plain[p]) == 0);
        char *stem = clash ? file_stem(ev->p[p].id, 1) : rs_strdup(plain[p]);
        if (!stem)
            goto done;
        size_t n = strlen(stem) + 5;
        names[p] = malloc(n);
        if (names[p])
            snprintf(names[p], n, "%s.ics", stem);
        free(stem);
        if (!names[p])
            goto done;
    }
    rc = 0;
done:
    for (int p = 0; plain && p < ev->np; p++)
        free(plain[p]);
    free(plain);
    free(sorted);
    return rc;
}

/* ================================================= previous calendar */

/* What the calendar being replaced said of one event. */
typedef struct {
    char *uid;
    char *fp;  /* DTSTART, DTEND and LOCATION lines, unfolded */
    long seq;
} prev_event;

typedef struct {
    prev_event *e;
    int n, cap;
} prev_list;

static void prev_free(prev_list *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->e[i].uid);
        free(l->e[i].fp);
    }
    free(l->e);
    memset(l, 0, sizeof *l);
}

/* Whether line starts with the property name (followed by ':' or ';'). */
static int is_prop(const char *line, const char *name)
{
    size_t n = strlen(name);
    return strncmp(line, name, n) == 0 && (line[n] == ':' || line[n] == ';');
}

/* Reads the events of a calendar this exporter wrote before at path: UID,
 * the lines that decide whether a meeting moved, and SEQUENCE.  A missing
 * or unreadable file, or one not written by roadshow, gives an empty list
 * (every meeting then starts at SEQUENCE 0).  Returns -1 only when out of
 * memory. */
static int prev_load(const char *path, prev_list *l)
{
    memset(l, 0, sizeof *l);
    size_t len = 0;
    char *text = rs_read_file(path, &len);
    if (!text)
        return errno == ENOMEM ? -1 : 0;
    int rc = -1;
    rs_buf fp = {0};
    char *uid = NULL;
    long seq = 0;
    int in_event = 0;
    if (!strstr(text, ICS_MARK)) {
        rc = 0;
        goto done;
    }
    /* unfold in place: CRLF (or LF) followed by a space or tab joins */
    size_t w = 0;
    for (size_t r = 0; r < len; r++) {
        if (text[r] == '\r' && text[r + 1] == '\n' && (text[r + 2] == ' ' || text[r + 2] == '\t')) {
            r += 2;
            continue;
        }
        if (text[r] == '\n' && (text[r + 1] == ' ' || text[r + 1] == '\t')) {
            r += 1;
            continue;
        }
        text[w++] = text[r];
    }
    text[w] = '\0';
    char *save = NULL;
    for (char *line = strtok_r(text, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
        if (strcmp(line, "BEGIN:VEVENT") == 0) {
            in_event = 1;
            fp.n = 0;
            rs_buf_str(&fp, "");
            free(uid);
            uid = NULL;
            seq = 0;
        } else if (!in_event) {
            continue;
        } else if (strcmp(line, "END:VEVENT") == 0) {
            in_event = 0;
            if (!uid || fp.oom)
                continue;
            if (l->n == l->cap) {
                int cap = l->cap ? l->cap * 2 : 16;
                prev_event *ne = realloc(l->e, (size_t)cap * sizeof *ne);
                if (!ne)
                    goto done;
                l->e = ne;
                l->cap = cap;
            }
            l->e[l->n].fp = rs_strdup(fp.p);
            if (!l->e[l->n].fp)
                goto done;
            l->e[l->n].uid = uid;
            l->e[l->n].seq = seq;
            l->n++;
            uid = NULL;
        } else if (strncmp(line, "UID:", 4) == 0) {
            free(uid);
            if (!(uid = rs_strdup(line + 4)))
                goto done;
        } else if (strncmp(line, "SEQUENCE:", 9) == 0) {
            char *end;
            seq = strtol(line + 9, &end, 10);
            if (*end || seq < 0)
                seq = 0;
        } else if (is_prop(line, "DTSTART") || is_prop(line, "DTEND") ||
                   is_prop(line, "LOCATION")) {
            rs_buf_str(&fp, line);
            rs_buf_str(&fp, "\n");
        }
    }
    rc = fp.oom ? -1 : 0;
done:
    free(uid);
    free(fp.p);
    free(text);
    if (rc != 0)
        prev_free(l);
    return rc;
}

/* The SEQUENCE of an event: the previous one, plus 1 when the event's
 * time or place (fingerprint fp) changed; 0 for a new UID. */
static long next_sequence(const prev_list *l, const char *uid, const char *fp)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->e[i].uid, uid) == 0) {
            long s = l->e[i].seq;
            if (strcmp(l->e[i].fp, fp) != 0 && s < INT_MAX)
                s++;
            return s;
        }
    return 0;
}

/* ============================================================ calendar */

/* Appends why the pair scores what it scores (as schedule.json's
 * "reasons"), joined with "; ". */
static void sb_reasons(rs_buf *b, const rs_event *ev, int inv, int sme)
{
    rs_buf r = {0};
    int n = rs_pair_reasons(ev, inv, sme, &r);
    const char *t = r.p;
    if (r.oom)
        b->oom = 1;
    for (int i = 0; i < n && !r.oom; i++, t += strlen(t) + 1) {
        if (i)
            rs_buf_str(b, "; ");
        rs_buf_str(b, t);
    }
    free(r.p);
}

/* Appends an investor as "Name (Organisation)", or the name alone when
 * there is no organisation or it is the name. */
static void sb_investor(rs_buf *b, const rs_participant *p)
{
    rs_buf_str(b, p->name);
    if (p->organisation && p->organisation[0] && strcmp(p->organisation, p->name) != 0) {
        rs_buf_str(b, " (");
        rs_buf_str(b, p->organisation);
        rs_buf_str(b, ")");
    }
}

/* Appends the UID of the pair (sme, inv) without its "@roadshow" end: the
 * encoded ids, the event's first day and the hash of its name, joined by
 * '+' (which the encoding never writes, so the parts cannot run into each
 * other). */
static void sb_uid(rs_buf *b, const rs_event *ev, int sme, int inv)
{
    sb_encode_id(b, ev->p[sme].id);
    rs_buf_str(b, "+");
    sb_encode_id(b, ev->p[inv].id);
    rs_buf_str(b, "+");
    for (const char *d = ev->days[0].date; *d; d++)
        if (*d != '-')
            rs_buf_add(b, d, 1);
    rs_buf_fmt(b, "+%016llx", (unsigned long long)fnv64(ev->name));
}

/* Shared state of one export. */
typedef struct {
    const rs_event *ev;
    const rs_schedule *s;
    const rs_tz_zone *zone; /* NULL: floating times */
    int64_t first_day;   /* day number of ev->days[0] */
    int64_t w0, w1;      /* VTIMEZONE coverage (UTC seconds) */
    rs_buf ln, tmp;        /* scratch */
} ics_ctx;

/* The wall-clock time of minute `minutes` of event day `day`, as seconds
 * since 1970 read as local time. */
static int64_t slot_local(const ics_ctx *c, int day, int minutes)
{
    int ok;
    return parse_date(c->ev->days[day].date, &ok) * RS_DAY_SECONDS + (int64_t)minutes * 60;
}

/* Appends UTC instant t as ";TZID=Zone:YYYYMMDDTHHMMSS" in the zone's
 * wall-clock time, or as ":YYYYMMDDTHHMMSSZ" when that wall-clock time
 * occurs twice (the hour the clocks go back), so every client reads the
 * same instant whatever it does with such times. */
static void sb_instant(ics_ctx *c, int64_t t)
{
    int64_t local = t + rs_tz_type_at(c->zone, t)->off;
    int amb;
    if (rs_tz_local_to_utc(c->zone, local, &amb) == t && !amb) {
        rs_buf_str(&c->ln, ";TZID=");
        rs_buf_str(&c->ln, c->ev->timezone);
        rs_buf_str(&c->ln, ":");
        sb_datetime(&c->ln, local);
    } else {
        rs_buf_str(&c->ln, ":");
        sb_datetime(&c->ln, t);
        rs_buf_str(&c->ln, "Z");
    }
}

/* Appends one VEVENT of meeting mi to out, as seen by participant p. */
static void put_event(ics_ctx *c, rs_buf *out, int p, int mi, const prev_list *prev,
                      const char **uids, int nuid)
{
    const rs_event *ev = c->ev;
    const rs_meeting *m = &c->s->m[mi];
    const rs_slot *sl = &ev->slots[m->slot];
    const rs_room *room = &ev->rooms[m->room];
    const rs_named *venue = &ev->venues[room->venue];
    const rs_participant *me = &ev->p[p], *sme = &ev->p[m->sme];
    rs_buf *ln = &c->ln, *t = &c->tmp;
    char hm0[6], hm1[6], num[32];

    /* the pair that names this event: the participant's own for an
     * investor, the first investor's (by id) for the SME */
    int lead = m->ninv > 0 ? m->inv[0] : m->sme;
    for (int k = 1; k < m->ninv; k++)
        if (strcmp(ev->p[m->inv[k]].id, ev->p[lead].id) < 0)
            lead = m->inv[k];
    int inv = me->is_investor ? p : lead;
    int peer = rs_meeting_is_peer(ev, m); /* two SMEs or two investors */
    if (peer)
        inv = m->inv[0];
    const rs_participant *other = &ev->p[p == m->sme ? m->inv[0] : m->sme];

    rs_buf_str(ln, "BEGIN:VEVENT");
    put_line(out, ln);

    t->n = 0;
    sb_uid(t, ev, m->sme, inv);
    /* a schedule that breaks the pair rule would repeat a UID: number the
     * repeats ("~2", ...) so each event stays its own */
    int rep = 1;
    for (int i = 0; i < nuid; i++)
        if (uids[i] && !t->oom && strcmp(uids[i], t->p) == 0)
            rep++;
    uids[nuid] = t->oom ? NULL : rs_strdup(t->p);
    if (rep > 1)
        rs_buf_fmt(t, "~%d", rep);
    rs_buf_str(t, "@roadshow");
    char *uid = t->oom ? NULL : rs_strdup(t->p);
    if (!uids[nuid] || !uid)
        out->oom = 1;
    rs_buf_str(ln, "UID:");
    rs_buf_str(ln, uid ? uid : "");
    put_line(out, ln);

    rs_buf_fmt(ln, "DTSTAMP:%.4s%.2s%.2sT000000Z", ev->days[0].date, ev->days[0].date + 5,
           ev->days[0].date + 8);
    put_line(out, ln);

    /* the slot's wall-clock times; with the zone known, the instant its
     * start names and the end a slot's length later (the model's meeting
     * length: on the nights the clocks change, a wall-clock end could
     * make the meeting an hour longer or shorter, even empty) */
    int64_t l0 = slot_local(c, sl->day, sl->start), l1 = slot_local(c, sl->day, sl->end);
    int64_t t0 = 0, t1 = 0;
    if (c->zone) {
        int amb;
        t0 = rs_tz_local_to_utc(c->zone, l0, &amb);
        t1 = t0 + (l1 - l0);
    }
    /* the fingerprint of time and place, for SEQUENCE */
    rs_buf fp = {0};
    rs_buf_str(ln, "DTSTART");
    if (c->zone) {
        sb_instant(c, t0);
    } else {
        rs_buf_str(ln, ":");
        sb_datetime(ln, l0);
    }
    rs_buf_str(&fp, ln->p ? ln->p : "");
    rs_buf_str(&fp, "\n");
    put_line(out, ln);
    rs_buf_str(ln, "DTEND");
    if (c->zone) {
        sb_instant(c, t1);
    } else {
        rs_buf_str(ln, ":");
        sb_datetime(ln, l1);
    }
    rs_buf_str(&fp, ln->p ? ln->p : "");
    rs_buf_str(&fp, "\n");
    put_line(out, ln);
    rs_buf_str(ln, "LOCATION:");
    t->n = 0;
    rs_buf_str(t, room->name);
    rs_buf_str(t, ", ");
    rs_buf_str(t, venue->name);
    sb_text(ln, t->oom ? "" : t->p);
    rs_buf_str(&fp, ln->p ? ln->p : "");
    rs_buf_str(&fp, "\n");
    put_line(out, ln);
    long seq = uid && !fp.oom ? next_sequence(prev, uid, fp.p) : 0;
    if (fp.oom)
        out->oom = 1;
    free(fp.p);
    free(uid);
    rs_buf_fmt(ln, "SEQUENCE:%ld", seq);
    put_line(out, ln);

    /* SUMMARY: the other party */
    t->n = 0;
    if (peer) {
        rs_buf_str(t, "Meeting with ");
        if (other->is_investor)
            sb_investor(t, other);
        else
            rs_buf_str(t, other->name);
    } else if (me->is_investor) {
        rs_buf_str(t, m->ninv > 1 ? "Pitch by " : "Meeting with ");
        rs_buf_str(t, sme->name);
    } else {
        rs_buf_str(t, m->ninv > 1 ? "Pitch to " : "Meeting with ");
        for (int k = 0; k < m->ninv; k++) {
            if (k)
                rs_buf_str(t, ", ");
            sb_investor(t, &ev->p[m->inv[k]]);
        }
    }
    rs_buf_str(ln, "SUMMARY:");
    sb_text(ln, t->oom ? "" : t->p);
    put_line(out, ln);

    /* DESCRIPTION: the facts, one per line */
    rs_fmt_time(sl->start, hm0);
    rs_fmt_time(sl->end, hm1);
    t->n = 0;
    rs_buf_fmt(t, "%s\n", ev->name);
    rs_buf_fmt(t, "Time: %s %s-%s (%s)\n", ev->days[sl->day].date, hm0, hm1, ev->timezone);
    rs_buf_fmt(t, "Room: %s (%s)\n", room->name, room->id);
    rs_buf_fmt(t, "Venue: %s (%s)\n", venue->name, venue->id);
    if (peer) /* the two as "Participant" lines, the requester's side both */
        rs_buf_fmt(t, "Participant: %s (%s)\n", sme->name, sme->id);
    else
        rs_buf_fmt(t, "SME: %s (%s)\n", sme->name, sme->id);
    double score = 0;
    for (int k = 0; k < m->ninv; k++) {
        const rs_participant *ip = &ev->p[m->inv[k]];
        rs_buf_str(t, peer ? "Participant: " : "Investor: ");
        sb_investor(t, ip);
        rs_buf_fmt(t, " (%s)\n", ip->id);
        score += rs_pair_score(ev, m->inv[k], m->sme, NULL, NULL, NULL);
    }
    rs_fmt_num(score, num, sizeof num);
    rs_buf_fmt(t, "Score: %s", num);
    for (int k = 0; k < m->ninv; k++) {
        rs_buf_str(t, "\nWhy");
        if (m->ninv > 1)
            rs_buf_fmt(t, " (%s)", ev->p[m->inv[k]].id);
        rs_buf_str(t, ": ");
        sb_reasons(t, ev, m->inv[k], m->sme);
    }
    rs_buf_str(ln, "DESCRIPTION:");
    sb_text(ln, t->oom ? "" : t->p);
    put_line(out, ln);

    rs_buf_str(ln, "STATUS:CONFIRMED");
    put_line(out, ln);
    rs_buf_str(ln, "TRANSP:OPAQUE");
    put_line(out, ln);
    /* machine-readable ids (ids are [A-Za-z0-9._:-]; escaped all the same) */
    rs_buf_str(ln, peer ? "X-ROADSHOW-PARTICIPANT:" : "X-ROADSHOW-SME:");
    sb_text(ln, sme->id);
    put_line(out, ln);
    for (int k = 0; k < m->ninv; k++) {
        rs_buf_str(ln, peer ? "X-ROADSHOW-PARTICIPANT:" : "X-ROADSHOW-INVESTOR:");
        sb_text(ln, ev->p[m->inv[k]].id);
        put_line(out, ln);
    }
    rs_buf_str(ln, "END:VEVENT");
    put_line(out, ln);
}

/* Builds the calendar of participant p (meetings mi[0..n-1], in the
 * schedule's date/start/room order) into out. */
static int build_calendar(ics_ctx *c, rs_buf *out, int p, const int *mi, int n,
                          const prev_list *prev)
{
    const rs_event *ev = c->ev;
    rs_buf *ln = &c->ln, *t = &c->tmp;
    const char **uids = calloc((size_t)n + 1, sizeof *uids);
    if (!uids)
        return -1;
    rs_buf_str(ln, "BEGIN:VCALENDAR");
    put_line(out, ln);
    rs_buf_str(ln, "VERSION:2.0");
    put_line(out, ln);
    rs_buf_str(ln, "PRODID:" ICS_PRODID);
    put_line(out, ln);
    rs_buf_str(ln, "CALSCALE:GREGORIAN");
    put_line(out, ln);
    rs_buf_str(ln, "METHOD:PUBLISH");
    put_line(out, ln);
    t->n = 0;
    rs_buf_str(t, ev->p[p].name);
    rs_buf_str(t, " - ");
    rs_buf_str(t, ev->name);
    rs_buf_str(ln, "X-WR-CALNAME:");
    sb_text(ln, t->oom ? "" : t->p);
    put_line(out, ln);
    rs_buf_str(ln, "X-WR-TIMEZONE:");
    sb_text(ln, ev->timezone);
    put_line(out, ln);
    if (c->zone)
        put_vtimezone(out, ln, ev->timezone, c->zone, c->w0, c->w1);
    for (int i = 0; i < n; i++)
        put_event(c, out, p, mi[i], prev, uids, i);
    rs_buf_str(ln, "END:VCALENDAR");
    put_line(out, ln);
    for (int i = 0; i < n; i++)
        free((char *)uids[i]);
    free(uids);
    return out->oom || ln->oom || t->oom ? -1 : 0;
}

/* Removes the calendars in dir that an earlier run of roadshow wrote for
 * participants no longer in the event: regular files named *.ics, not among
 * this run's names (sorted), whose text carries roadshow's PRODID.  Other
 * files are left alone.  RS_EIO when one cannot be removed. */
static rs_code prune_stale(const char *dir, char **sorted, int n, rs_diag *diag)
{
    rs_code rc = RS_OK;
    DIR *d = opendir(dir);
    if (!d) {
        rs_diag_add(diag, "%s: cannot list: %s", dir, strerror(errno));
        return RS_EIO;
    }
    struct dirent *e;
    while (rc == RS_OK && (e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        size_t len = strlen(name);
        if (len < 5 || strcmp(name + len - 4, ".ics") != 0 ||
            bsearch(&name, sorted, (size_t)n, sizeof *sorted, cmp_name))
            continue;
        char *path = rs_path_join(dir, name);
        struct stat st;
        if (!path) {
            rs_diag_add(diag, "%s: out of memory", dir);
            rc = RS_ENOMEM;
            break;
        }
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            char *text = rs_read_file(path, NULL);
            if (text && strstr(text, ICS_MARK) && unlink(path) != 0) {
                rs_diag_add(diag, "%s: cannot remove the calendar of a participant no longer "
                                  "in the event: %s", path, strerror(errno));
                rc = RS_EIO;
            }
            free(text);
        }
        free(path);
    }
    closedir(d);
    return rc;
}

/* Writes OUT_DIR/calendars/NAME.ics for every participant (see the top of
 * this file), then removes stale calendars of earlier runs.  Stops at the
 * first file that cannot be written; each file is replaced whole. */
static rs_code write_ics(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                         rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    ics_ctx c;
    memset(&c, 0, sizeof c);
    rs_tz_zone zone;
    memset(&zone, 0, sizeof zone);
    char *dir = rs_path_join(out_dir, "calendars"), *path = NULL;
    char **names = calloc((size_t)ev->np + 1, sizeof *names);
    char **sorted = calloc((size_t)ev->np + 1, sizeof *sorted);
    int *count = calloc((size_t)ev->np + 1, sizeof *count);
    int *first = calloc((size_t)ev->np + 2, sizeof *first);
    size_t nentries = 0; /* one per participant of each meeting */
    for (int i = 0; i < s->nm; i++)
        nentries += 1 + (size_t)s->m[i].ninv;
    int *list = calloc(nentries + 1, sizeof *list);
    rs_buf out = {0};
    prev_list prev = {0};
    if (!dir || !names || !sorted || !count || !first || !list) {
        rs_diag_add(diag, "calendars: out of memory");
        goto done;
    }
    if (ev->ndays < 1) {
        rs_diag_add(diag, "calendars: the event has no day");
        rc = RS_EINPUT;
        goto done;
    }
    if (rs_mkdir_p(dir) != 0) {
        rs_diag_add(diag, "%s: cannot create the calendars folder: %s", dir, strerror(errno));
        rc = RS_EIO;
        goto done;
    }
    int ok0, ok1;
    c.ev = ev;
    c.s = s;
    c.first_day = parse_date(ev->days[0].date, &ok0);
    int64_t last_day = parse_date(ev->days[ev->ndays - 1].date, &ok1);
    if (!ok0 || !ok1) {
        rs_diag_add(diag, "calendars: day \"%s\" is not a date", ev->days[ok0 ? ev->ndays - 1 : 0].date);
        rc = RS_EINPUT;
        goto done;
    }
    /* the zone's observances a year either side of the event */
    c.w0 = (c.first_day - 366) * RS_DAY_SECONDS;
    c.w1 = (last_day + 367) * RS_DAY_SECONDS;
    int tz = rs_tz_load(ev->timezone, rs_tz_year_of(c.w0), rs_tz_year_of(c.w1), &zone);
    if (tz == RS_TZ_NOMEM) {
        rs_diag_add(diag, "calendars: out of memory");
        goto done;
    }
    if (tz == RS_TZ_OK)
        c.zone = &zone;

    /* each participant's meetings, in schedule order */
    for (int i = 0; i < s->nm; i++) {
        count[s->m[i].sme]++;
        for (int k = 0; k < s->m[i].ninv; k++)
            count[s->m[i].inv[k]]++;
    }
    for (int p = 0; p < ev->np; p++)
        first[p + 1] = first[p] + count[p];
    memset(count, 0, (size_t)ev->np * sizeof *count);
    for (int i = 0; i < s->nm; i++) {
        int sm = s->m[i].sme;
        list[first[sm] + count[sm]++] = i;
        for (int k = 0; k < s->m[i].ninv; k++) {
            int q = s->m[i].inv[k];
            list[first[q] + count[q]++] = i;
        }
    }

    if (make_file_names(ev, names) != 0) {
        rs_diag_add(diag, "calendars: out of memory");
        goto done;
    }
    for (int p = 0; p < ev->np; p++) {
        free(path);
        path = rs_path_join(dir, names[p]);
        if (!path || prev_load(path, &prev) != 0) {
            rs_diag_add(diag, "%s: out of memory", dir);
            rc = RS_ENOMEM;
            goto done;
        }
        out.n = 0;
        if (build_calendar(&c, &out, p, list + first[p], count[p], &prev) != 0) {
            rs_diag_add(diag, "%s: out of memory", path);
            rc = RS_ENOMEM;
            goto done;
        }
        prev_free(&prev);
        rc = rs_write_file_atomic(path, out.p, out.n, diag);
        if (rc != RS_OK)
            goto done;
    }
    memcpy(sorted, names, (size_t)ev->np * sizeof *sorted);
    qsort(sorted, (size_t)ev->np, sizeof *sorted, cmp_name);
    rc = prune_stale(dir, sorted, ev->np, diag);
done:
    prev_free(&prev);
    rs_tz_free(&zone);
    free(out.p);
    free(c.ln.p);
    free(c.tmp.p);
    for (int p = 0; names && p < ev->np; p++)
        free(names[p]);
    free(names);
    free(sorted);
    free(count);
    free(first);
    free(list);
    free(path);
    free(dir);
    return rc;
}

const rs_exporter rs_export_ics = {"ics", write_ics};
