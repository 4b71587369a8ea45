/*
 * tzfile.c - time zones from TZif files and POSIX TZ rules; see tzfile.h.
 *
 * A zone is turned into one list of changes for the years asked: the
 * transitions the file lists, then those its footer's rule gives for the
 * years after the last listed one (slim files list few or none), so that
 * every question (the type at an instant, the instant of a wall-clock
 * time) is one binary search over that list.
 */
#define _POSIX_C_SOURCE 200809L
#include "tzfile.h"
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ============================================================ civil dates */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * algorithm, exact for every year). */
int64_t rs_tz_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date of a day number (inverse of rs_tz_days_from_civil). */
void rs_tz_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
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
int64_t rs_tz_floor_days(int64_t t)
{
    return t >= 0 ? t / RS_DAY_SECONDS : -((-t + RS_DAY_SECONDS - 1) / RS_DAY_SECONDS);
}

/* The year of a UTC instant. */
int64_t rs_tz_year_of(int64_t t)
{
    int64_t y;
    int m, d;
    rs_tz_civil_from_days(rs_tz_floor_days(t), &y, &m, &d);
    return y;
}

/* ============================================================ TZif */

/* A POSIX TZ rule date: Jn (kind 'J'), n (kind 'D') or Mm.w.d (kind 'M'),
 * with the local time of the change in seconds. */
typedef struct {
    int kind, n, m, w, d;
    int32_t time;
} tz_date;

/* The footer's rule: standard time, and daylight time between two dates. */
typedef struct {
    rs_tz_type std, dst;
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
        return rs_tz_days_from_civil(y, 1, 1) + dt->n - 1 + (leap && dt->n >= 60);
    if (dt->kind == 'D')
        return rs_tz_days_from_civil(y, 1, 1) + dt->n;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int len = mdays[dt->m - 1] + (dt->m == 2 && leap);
    int64_t first = rs_tz_days_from_civil(y, dt->m, 1);
    int wd = (int)(((first + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday */
    int day = 1 + (dt->d - wd + 7) % 7 + 7 * (dt->w - 1);
    while (day > len)
        day -= 7;
    return first + day - 1;
}

/* Orders changes by instant, then by generation order. */
static int cmp_change(const void *a, const void *b)
{
    const rs_tz_change *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return (x->order > y->order) - (x->order < y->order);
}

/* Whether two types are the same in every respect a calendar shows. */
static int same_type(const rs_tz_type *a, const rs_tz_type *b)
{
    return a->off == b->off && a->isdst == b->isdst && strcmp(a->abbr, b->abbr) == 0;
}

/* Frees a zone's changes; a zeroed zone is fine. */
void rs_tz_free(rs_tz_zone *z)
{
    free(z->ch);
    z->ch = NULL;
    z->nch = 0;
}

/* Fills z from TZif data: the listed transitions, then (from the footer's
 * rule) the changes of the years ylo-1 .. yhi+1 that follow the last listed
 * one, so slim files and dates past the table are right too.  Changes at
 * one instant keep the last; changes to the type already in effect are
 * dropped.  RS_TZ_OK, RS_TZ_UNUSABLE when the data is not a usable TZif
 * file, or RS_TZ_NOMEM; z is zeroed on failure. */
static int tz_parse(const unsigned char *d, size_t len, int64_t ylo, int64_t yhi, rs_tz_zone *z)
{
    int rc = RS_TZ_UNUSABLE;
    rs_tz_type *types = NULL;
    rs_tz_change *all = NULL;
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
    if (!types) {
        rc = RS_TZ_NOMEM;
        goto done;
    }
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
        if (rs_tz_year_of(last_at) > first_gen)
            first_gen = rs_tz_year_of(last_at);
    }
    size_t ngen = have_rule && rule.has_dst && last_gen >= first_gen
                      ? (size_t)(last_gen - first_gen + 1) * 2
                      : 0;
    if (ngen > 4000)
        goto done;
    all = calloc(timecnt + ngen + 1, sizeof *all);
    if (!all) {
        rc = RS_TZ_NOMEM;
        goto done;
    }
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
        int64_t on = tz_rule_day(&rule.start, y) * RS_DAY_SECONDS + rule.start.time - rule.std.off;
        int64_t off = tz_rule_day(&rule.end, y) * RS_DAY_SECONDS + rule.end.time - rule.dst.off;
        if (on > last_at) {
            all[n] = (rs_tz_change){on, rule.dst, (long)n};
            n++;
        }
        if (off > last_at) {
            all[n] = (rs_tz_change){off, rule.std, (long)n};
            n++;
        }
    }
    qsort(all + gen0, n - gen0, sizeof *all, cmp_change);
    /* keep the last change of an instant, and only real changes */
    rs_tz_type cur = z->initial;
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
    rc = RS_TZ_OK;
done:
    free(types);
    free(all);
    if (rc != RS_TZ_OK)
        rs_tz_free(z);
    return rc;
}

/* The file is looked up in $TZDIR, else /usr/share/zoneinfo.  UTC is
 * built in when its file cannot be had, whatever the reason: it needs no
 * memory and no table. */
int rs_tz_load(const char *name, int64_t ylo, int64_t yhi, rs_tz_zone *z)
{
    memset(z, 0, sizeof *z);
    if (!tz_name_ok(name))
        return RS_TZ_UNUSABLE;
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = "/usr/share/zoneinfo";
    char *path = rs_path_join(dir, name);
    size_t len = 0;
    char *data = path ? rs_read_file(path, &len) : NULL;
    int rc = RS_TZ_UNUSABLE;
    if (data)
        rc = tz_parse((const unsigned char *)data, len, ylo, yhi, z);
    else if (!path || errno == ENOMEM)
        rc = RS_TZ_NOMEM;
    free(data);
    free(path);
    if (rc != RS_TZ_OK && (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0)) {
        memset(z, 0, sizeof *z);
        strcpy(z->initial.abbr, "UTC");
        rc = RS_TZ_OK;
    }
    return rc;
}

/* Index of the last change at or before t, or -1. */
int rs_tz_index_at(const rs_tz_zone *z, int64_t t)
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
const rs_tz_type *rs_tz_type_at(const rs_tz_zone *z, int64_t t)
{
    int i = rs_tz_index_at(z, t);
    return i < 0 ? &z->initial : &z->ch[i].to;
}

/* The UTC instant of wall-clock time L (seconds since 1970 read as local
 * time) as RFC 5545 (3.3.5) reads DTSTART;TZID: a time that occurs twice
 * (clocks going back) is its first occurrence, and *ambiguous is set; a
 * time the clocks skip uses the offset in effect before the gap. */
int64_t rs_tz_local_to_utc(const rs_tz_zone *z, int64_t L, int *ambiguous)
{
    int nvalid = 0, have = 0;
    int64_t res = 0;
    /* offsets stay within a day, so no change before L - 2 days matters */
    for (int k = rs_tz_index_at(z, L - 2 * RS_DAY_SECONDS); k < z->nch; k++) {
        const rs_tz_type *ty = k < 0 ? &z->initial : &z->ch[k].to;
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
        res = L - rs_tz_type_at(z, L)->off;
    *ambiguous = nvalid > 1;
    return res;
}
