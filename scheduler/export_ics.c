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
 * Time zones: the zone is read from $TZDIR (default /usr/share/zoneinfo),
 * TZif version 2+ (64-bit section; version 1 files use the 32-bit one) with
 * the footer's POSIX TZ rule for times after the last listed transition.
 * Nothing here touches the process's TZ or calls tzset.  When the zone
 * cannot be found or read, times are written floating (local wall-clock
 * time without TZID) and X-WR-TIMEZONE names the zone, which is the honest
 * best: the slot times are exact local times, and clients such as Google
 * Calendar read floating times in X-WR-TIMEZONE.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

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
#define DAY_SECONDS 86400

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

/* 64-bit FNV-1a of a string: a stable hash (the same on every machine) for
 * UIDs and long file names. */
static uint64_t fnv64(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
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

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm, exact for every year). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date of a day number (inverse of days_from_civil). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Floor division of seconds into days. */
static int64_t floor_days(int64_t t)
{
    return t >= 0 ? t / DAY_SECONDS : -((-t + DAY_SECONDS - 1) / DAY_SECONDS);
}

/* The year of a UTC instant. */
static int64_t year_of(int64_t t)
{
    int64_t y;
    int m, d;
    civil_from_days(floor_days(t), &y, &m, &d);
    return y;
}

/* Day number of "YYYY-MM-DD"; 0 (and *ok = 0) when malformed, which the
 * reader never lets through. */
static int64_t parse_date(const char *s, int *ok)
{
    int y, m, d;
    char tail;
    *ok = sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && m >= 1 && m <= 12 &&
          d >= 1 && d <= 31;
    return *ok ? days_from_civil(y, m, d) : 0;
}

/* Appends a DATE-TIME "YYYYMMDDTHHMMSS" of seconds since 1970 read as a
 * wall-clock value (the caller adds the offset); years outside 1601..9999,
 * which iCalendar clients do not handle, are clamped. */
static void sb_datetime(rs_buf *b, int64_t t)
{
    int64_t lo = days_from_civil(1601, 1, 1) * DAY_SECONDS;
    int64_t hi = days_from_civil(9999, 12, 31) * DAY_SECONDS;
    if (t < lo)
        t = lo;
    if (t > hi)
        t = hi;
    int64_t days = floor_days(t), y, sec = t - days * DAY_SECONDS;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    rs_buf_fmt(b, "%04d%02d%02dT%02d%02d%02d", (int)y, m, d, (int)(sec / 3600),
           (int)(sec / 60 % 60), (int)(sec % 60));
}

/* ============================================================ time zone */

typedef struct {
    int32_t off; /* seconds east of UTC */
    int isdst;
    char abbr[16];
} tz_type;

typedef struct {
    int64_t at;  /* UTC instant the type starts */
    tz_type to;
    long order;  /* generation order, breaks ties of equal instants */
} tz_change;

/* A zone as needed here: the type before the first change, then the
 * changes in time order (each one really changes something). */
typedef struct {
    tz_type initial;
    tz_change *ch;
    int nch;
} tz_zone;

/* A POSIX TZ rule date: Jn (kind 'J'), n (kind 'D') or Mm.w.d (kind 'M'),
 * with the local time of the change in seconds. */
typedef struct {
    int kind, n, m, w, d;
    int32_t time;
} tz_date;

/* The footer's rule: standard time, and daylight time between two dates. */
typedef struct {
    tz_type std, dst;
    int has_dst;
    tz_date start, end;
} tz_rule;

/* Whether a zone name is safe to join to the zone folder: IANA names are
 * letters, digits and / _ + -, so this refuses "..", absolute paths and
 * empty components (the reader refuses them too; this is the last guard
 * before the file system). */
static int tz_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 255 || name[0] == '/' || name[n - 1] == '/' || strstr(name, "//"))
        return 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '/' || c == '_' || c == '+' || c == '-'))
            return 0;
    }
    return 1;
}

/* Big-endian reads of the TZif fields. */
static int64_t be32(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (int64_t)(int32_t)v;
}

static int64_t be64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | p[i];
    return (int64_t)v;
}

/* Reads a POSIX TZ time "[+-]hh[:mm[:ss]]" (hours up to 167, as RFC 8536
 * allows) into seconds; advances *s.  -1 (with *s unchanged) on error. */
static int tz_parse_time(const char **s, int32_t *out)
{
    const char *p = *s;
    int sign = 1;
    if (*p == '+' || *p == '-')
        sign = *p++ == '-' ? -1 : 1;
    if (*p < '0' || *p > '9')
        return -1;
    int32_t h = 0, mi = 0, se = 0;
    while (*p >= '0' && *p <= '9' && h < 1000)
        h = h * 10 + (*p++ - '0');
    if (h > 167)
        return -1;
    if (*p == ':') {
        p++;
        if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
            return -1;
        mi = (p[0] - '0') * 10 + (p[1] - '0');
        p += 2;
        if (*p == ':') {
            p++;
            if (p[0] < '0' || p[0] > '5' || p[1] < '0' || p[1] > '9')
                return -1;
            se = (p[0] - '0') * 10 + (p[1] - '0');
            p += 2;
        }
    }
    *out = sign * (h * 3600 + mi * 60 + se);
    *s = p;
    return 0;
}

/* Reads a zone abbreviation: letters, or <...> holding letters, digits,
 * '+' and '-'.  -1 on error. */
static int tz_parse_abbr(const char **s, char abbr[16])
{
    const char *p = *s;
    size_t n = 0;
    if (*p == '<') {
        p++;
        while (*p && *p != '>') {
            char c = *p;
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '+' || c == '-') || n >= 15)
                return -1;
            abbr[n++] = *p++;
        }
        if (*p != '>')
            return -1;
        p++;
    } else {
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            if (n >= 15)
                return -1;
            abbr[n++] = *p++;
        }
    }
    if (n < 3)
        return -1;
    abbr[n] = '\0';
    *s = p;
    return 0;
}

/* Reads ",date[/time]" of a POSIX TZ rule.  -1 on error. */
static int tz_parse_date(const char **s, tz_date *dt)
{
    const char *p = *s;
    if (*p++ != ',')
        return -1;
    memset(dt, 0, sizeof *dt);
    char *end;
    if (*p == 'M') {
        dt->kind = 'M';
        dt->m = (int)strtol(p + 1, &end, 10);
        if (*end != '.')
            return -1;
        dt->w = (int)strtol(end + 1, &end, 10);
        if (*end != '.')
            return -1;
        dt->d = (int)strtol(end + 1, &end, 10);
        if (dt->m < 1 || dt->m > 12 || dt->w < 1 || dt->w > 5 || dt->d < 0 || dt->d > 6)
            return -1;
    } else if (*p == 'J') {
        dt->kind = 'J';
        dt->n = (int)strtol(p + 1, &end, 10);
        if (dt->n < 1 || dt->n > 365)
            return -1;
    } else if (*p >= '0' && *p <= '9') {
        dt->kind = 'D';
        dt->n = (int)strtol(p, &end, 10);
        if (dt->n < 0 || dt->n > 365)
            return -1;
    } else {
        return -1;
    }
    p = end;
    dt->time = 2 * 3600;
    if (*p == '/') {
        p++;
        if (tz_parse_time(&p, &dt->time) != 0)
            return -1;
    }
    *s = p;
    return 0;
}

/* Parses a TZif footer such as "CET-1CEST,M3.5.0,M10.5.0/3" (POSIX offsets
 * count west, the types here count east).  -1 when it cannot be used. */
static int tz_parse_rule(const char *s, tz_rule *r)
{
    int32_t off;
    memset(r, 0, sizeof *r);
    if (tz_parse_abbr(&s, r->std.abbr) != 0 || tz_parse_time(&s, &off) != 0)
        return -1;
    r->std.off = -off;
    if (!*s)
        return 0;
    if (tz_parse_abbr(&s, r->dst.abbr) != 0)
        return -1;
    r->dst.isdst = 1;
    r->dst.off = r->std.off + 3600;
    if (*s && *s != ',') {
        if (tz_parse_time(&s, &off) != 0)
            return -1;
        r->dst.off = -off;
    }
    /* a daylight name without dates leaves the dates to the system's
     * defaults, which nothing here can know: refuse */
    if (tz_parse_date(&s, &r->start) != 0 || tz_parse_date(&s, &r->end) != 0 || *s)
        return -1;
    r->has_dst = 1;
    return 0;
}

/* Day number of a rule date in year y. */
static int64_t tz_rule_day(const tz_date *dt, int64_t y)
{
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (dt->kind == 'J')
        return days_from_civil(y, 1, 1) + dt->n - 1 + (leap && dt->n >= 60);
    if (dt->kind == 'D')
        return days_from_civil(y, 1, 1) + dt->n;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int len = mdays[dt->m - 1] + (dt->m == 2 && leap);
    int64_t first = days_from_civil(y, dt->m, 1);
    int wd = (int)(((first + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
    int day = 1 + (dt->d - wd + 7) % 7 + 7 * (dt->w - 1);
    while (day > len)
        day -= 7;
    return first + day - 1;
}

/* Orders changes by instant, then by generation order. */
static int cmp_change(const void *a, const void *b)
{
    const tz_change *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

static int same_type(const tz_type *a, const tz_type *b)
{
    return a->off == b->off && a->isdst == b->isdst && strcmp(a->abbr, b->abbr) == 0;
}

/* Frees a zone's changes; a zeroed zone is fine. */
static void tz_free(tz_zone *z)
{
    free(z->ch);
    z->ch = NULL;
    z->nch = 0;
}

/* Fills z from TZif data: the listed transitions, then (from the footer's
 * rule) the changes of the years ylo-1 .. yhi+1 that follow the last listed
 * one, so slim files and dates past the table are right too.  Changes at
 * one instant keep the last; changes to the type already in effect are
 * dropped.  Returns 0, or -1 when the data is not a usable TZif file. */
static int tz_parse(const unsigned char *d, size_t len, int64_t ylo, int64_t yhi, tz_zone *z)
{
    int rc = -1;
    tz_type *types = NULL;
    tz_change *all = NULL;
    memset(z, 0, sizeof *z);
    if (len < 44 || memcmp(d, "TZif", 4) != 0)
        goto done;
    int version = d[4];
    size_t pos = 0, tsz = 4;
    size_t cnt[6];
    for (int pass = 0; pass < 2; pass++) {
        if (len - pos < 44 || memcmp(d + pos, "TZif", 4) != 0)
            goto done;
        for (int i = 0; i < 6; i++) {
            int64_t v = be32(d + pos + 20 + 4 * i);
            if (v < 0 || v > (1 << 20))
                goto done;
            cnt[i] = (size_t)v;
        }
        /* isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt */
        size_t body = cnt[3] * tsz + cnt[3] + cnt[4] * 6 + cnt[5] + cnt[2] * (tsz + 4) +
                      cnt[1] + cnt[0];
        if (len - pos - 44 < body)
            goto done;
        if (pass == 1 || version == 0)
            break;
        pos += 44 + body; /* skip the 32-bit section of a version 2+ file */
        tsz = 8;
    }
    size_t timecnt = cnt[3], typecnt = cnt[4], charcnt = cnt[5];
    if (typecnt == 0 || typecnt > 256 || charcnt == 0 || cnt[2] != 0)
        goto done; /* leap-second ("right/") zones are not supported */
    const unsigned char *times = d + pos + 44, *idx = times + timecnt * tsz,
                        *info = idx + timecnt, *chars = info + typecnt * 6;
    types = calloc(typecnt, sizeof *types);
    if (!types)
        goto done;
    for (size_t i = 0; i < typecnt; i++) {
        const unsigned char *t = info + 6 * i;
        int64_t off = be32(t);
        if (off <= -90000 || off >= 93600 || t[4] > 1 || t[5] >= charcnt)
            goto done;
        types[i].off = (int32_t)off;
        types[i].isdst = t[4];
        size_t k = 0;
        for (const unsigned char *c = chars + t[5]; c < chars + charcnt && *c && k < 15; c++)
            types[i].abbr[k++] = (char)*c;
        types[i].abbr[k] = '\0';
    }
    tz_rule rule;
    int have_rule = 0;
    const unsigned char *foot = chars + charcnt + cnt[2] * (tsz + 4) + cnt[1] + cnt[0];
    if (tsz == 8 && foot < d + len && *foot == '\n') {
        const unsigned char *e = memchr(foot + 1, '\n', (size_t)(d + len - foot - 1));
        if (e && e - foot - 1 < 128 && e > foot + 1) {
            char text[128];
            memcpy(text, foot + 1, (size_t)(e - foot - 1));
            text[e - foot - 1] = '\0';
            have_rule = tz_parse_rule(text, &rule) == 0;
        }
    }

    int64_t first_gen = ylo - 1, last_gen = yhi + 1;
    int64_t last_at = INT64_MIN;
    if (timecnt > 0) {
        last_at = tsz == 8 ? be64(times + (timecnt - 1) * 8) : be32(times + (timecnt - 1) * 4);
        if (last_at > ((int64_t)1 << 48) || last_at < -((int64_t)1 << 48))
            goto done; /* no zone lists changes that far away */
        if (year_of(last_at) > first_gen)
            first_gen = year_of(last_at);
    }
    size_t ngen = have_rule && rule.has_dst && last_gen >= first_gen
                      ? (size_t)(last_gen - first_gen + 1) * 2
                      : 0;
    if (ngen > 4000)
        goto done;
    all = calloc(timecnt + ngen + 1, sizeof *all);
    if (!all)
        goto done;
    size_t n = 0;
    const int64_t far = (int64_t)1 << 48; /* ~9 million years: no overflow below */
    for (size_t i = 0; i < timecnt; i++) {
        if (idx[i] >= typecnt)
            goto done;
        all[n].at = tsz == 8 ? be64(times + i * 8) : be32(times + i * 4);
        all[n].at = all[n].at < -far ? -far : all[n].at > far ? far : all[n].at;
        all[n].to = types[idx[i]];
        all[n].order = (long)n;
        n++;
    }
    z->initial = timecnt == 0 && have_rule ? rule.std : types[0];
    size_t gen0 = n;
    for (int64_t y = first_gen; ngen > 0 && y <= last_gen; y++) {
        int64_t on = tz_rule_day(&rule.start, y) * DAY_SECONDS + rule.start.time - rule.std.off;
        int64_t off = tz_rule_day(&rule.end, y) * DAY_SECONDS + rule.end.time - rule.dst.off;
        if (on > last_at) {
            all[n] = (tz_change){on, rule.dst, (long)n};
            n++;
        }
        if (off > last_at) {
            all[n] = (tz_change){off, rule.std, (long)n};
            n++;
        }
    }
    qsort(all + gen0, n - gen0, sizeof *all, cmp_change);
    /* keep the last change of an instant, and only real changes */
    tz_type cur = z->initial;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && all[i + 1].at == all[i].at)
            continue;
        if (same_type(&all[i].to, &cur))
            continue;
        cur = all[i].to;
        all[k++] = all[i];
    }
    z->ch = all;
    z->nch = (int)k;
    all = NULL;
    rc = 0;
done:
    free(types);
    free(all);
    if (rc != 0)
        tz_free(z);
    return rc;
}

/* Loads the zone called name from $TZDIR or /usr/share/zoneinfo for dates
 * in the years ylo..yhi.  Returns 0, or -1 when the name is unsafe or the
 * file is missing or unusable (the caller then writes floating times).
 * "UTC" and "Etc/UTC" need no file. */
static int tz_load(const char *name, int64_t ylo, int64_t yhi, tz_zone *z)
{
    memset(z, 0, sizeof *z);
    if (!tz_name_ok(name))
        return -1;
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    char *path = rs_path_join(dir, name);
    size_t len = 0;
    char *data = path ? rs_read_file(path, &len) : NULL;
    int rc = data ? tz_parse((const unsigned char *)data, len, ylo, yhi, z) : -1;
    free(data);
    free(path);
    if (rc != 0 && (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0)) {
        memset(z, 0, sizeof *z);
        strcpy(z->initial.abbr, "UTC");
        rc = 0;
    }
    return rc;
}

/* Index of the last change at or before t, or -1. */
static int tz_index_at(const tz_zone *z, int64_t t)
{
    int lo = 0, hi = z->nch; /* first change after t is in [lo, hi] */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (z->ch[mid].at <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo - 1;
}

/* The type in effect at UTC instant t. */
static const tz_type *tz_type_at(const tz_zone *z, int64_t t)
{
    int i = tz_index_at(z, t);
    return i < 0 ? &z->initial : &z->ch[i].to;
}

/* The UTC instant of wall-clock time L (seconds since 1970 read as local
 * time) as RFC 5545 (3.3.5) reads DTSTART;TZID: a time that occurs twice
 * (clocks going back) is its first occurrence, and *ambiguous is set; a
 * time the clocks skip uses the offset in effect before the gap. */
static int64_t tz_local_to_utc(const tz_zone *z, int64_t L, int *ambiguous)
{
    int nvalid = 0, have = 0;
    int64_t res = 0;
    /* offsets stay within a day, so no change before L - 2 days matters */
    for (int k = tz_index_at(z, L - 2 * DAY_SECONDS); k < z->nch; k++) {
        const tz_type *ty = k < 0 ? &z->initial : &z->ch[k].to;
        /* the local times the interval of change k covers: [lo, hi) */
        int lo_open = k < 0, hi_open = k + 1 >= z->nch;
        int64_t lo = lo_open ? 0 : z->ch[k].at + ty->off;
        int64_t hi = hi_open ? 0 : z->ch[k + 1].at + ty->off;
        if (!lo_open && lo > L) {
            if (!have) { /* L fell in the gap before this change */
                res = L - (k > 0 ? z->ch[k - 1].to.off : z->initial.off);
                have = 1;
            }
            break;
        }
        if (hi_open || L < hi) {
            if (!have)
                res = L - ty->off;
            have = 1;
            nvalid++;
        }
    }
    if (!have) /* not reached: the last interval is open */
        res = L - tz_type_at(z, L)->off;
    *ambiguous = nvalid > 1;
    return res;
}

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
static void put_vtimezone(rs_buf *out, rs_buf *ln, const char *name, const tz_zone *z, int64_t w0,
                          int64_t w1)
{
    rs_buf_str(ln, "BEGIN:VTIMEZONE");
    put_line(out, ln);
    rs_buf_str(ln, "TZID:");
    rs_buf_str(ln, name);
    put_line(out, ln);
    for (int i = tz_index_at(z, w0); i < z->nch && (i < 0 || z->ch[i].at <= w1); i++) {
        const tz_type *to = i < 0 ? &z->initial : &z->ch[i].to;
        const tz_type *from = i <= 0 ? &z->initial : &z->ch[i - 1].to;
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
    const tz_zone *zone; /* NULL: floating times */
    int64_t first_day;   /* day number of ev->days[0] */
    int64_t w0, w1;      /* VTIMEZONE coverage (UTC seconds) */
    rs_buf ln, tmp;        /* scratch */
} ics_ctx;

/* The wall-clock time of minute `minutes` of event day `day`, as seconds
 * since 1970 read as local time. */
static int64_t slot_local(const ics_ctx *c, int day, int minutes)
{
    int ok;
    return parse_date(c->ev->days[day].date, &ok) * DAY_SECONDS + (int64_t)minutes * 60;
}

/* Appends UTC instant t as ";TZID=Zone:YYYYMMDDTHHMMSS" in the zone's
 * wall-clock time, or as ":YYYYMMDDTHHMMSSZ" when that wall-clock time
 * occurs twice (the hour the clocks go back), so every client reads the
 * same instant whatever it does with such times. */
static void sb_instant(ics_ctx *c, int64_t t)
{
    int64_t local = t + tz_type_at(c->zone, t)->off;
    int amb;
    if (tz_local_to_utc(c->zone, local, &amb) == t && !amb) {
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
        t0 = tz_local_to_utc(c->zone, l0, &amb);
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
    if (me->is_investor) {
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
    rs_buf_fmt(t, "SME: %s (%s)\n", sme->name, sme->id);
    double score = 0;
    for (int k = 0; k < m->ninv; k++) {
        const rs_participant *ip = &ev->p[m->inv[k]];
        rs_buf_str(t, "Investor: ");
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
    rs_buf_str(ln, "X-ROADSHOW-SME:");
    sb_text(ln, sme->id);
    put_line(out, ln);
    for (int k = 0; k < m->ninv; k++) {
        rs_buf_str(ln, "X-ROADSHOW-INVESTOR:");
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
    tz_zone zone;
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
    c.w0 = (c.first_day - 366) * DAY_SECONDS;
    c.w1 = (last_day + 367) * DAY_SECONDS;
    if (tz_load(ev->timezone, year_of(c.w0), year_of(c.w1), &zone) == 0)
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
    tz_free(&zone);
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
