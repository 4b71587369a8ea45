/*
 * tzfile.h - time zones read from the machine's TZif files (RFC 8536), and
 * the civil-calendar arithmetic they need.
 *
 * Not installed.  The iCalendar exporter (export_ics.c) is the user: it
 * turns a slot's wall-clock time into the instant it names and describes
 * the zone's observances in a VTIMEZONE.  A zone is read from $TZDIR
 * (default /usr/share/zoneinfo): TZif version 2+ (the 64-bit section;
 * version 1 files use the 32-bit one), with the footer's POSIX TZ rule
 * for the years after the last listed transition.  Nothing here touches
 * the process's TZ or calls tzset, so the result is the same whatever the
 * environment of the caller.
 *
 * Times are seconds since 1970-01-01 00:00 (UTC instants, or wall-clock
 * times read as if they were UTC); day numbers count days since
 * 1970-01-01, on the proleptic Gregorian calendar.
 */
#ifndef RS_TZFILE_H
#define RS_TZFILE_H

#include <stdint.h>

#define RS_DAY_SECONDS 86400

/* One local time type: what the clocks show while it is in effect. */
typedef struct {
    int32_t off;   /* seconds east of UTC */
    int isdst;
    char abbr[16]; /* "CEST", "+08"; may be empty */
} rs_tz_type;

/* A change of local time type at an instant. */
typedef struct {
    int64_t at;    /* UTC instant the type starts */
    rs_tz_type to;
    long order;    /* generation order, breaks ties of equal instants */
} rs_tz_change;

/* A zone for a span of years: the type before the first change, then the
 * changes in time order, each of which really changes something.  Filled
 * by rs_tz_load; its owner frees it with rs_tz_free. */
typedef struct {
    rs_tz_type initial;
    rs_tz_change *ch; /* nch entries, malloc'd */
    int nch;
} rs_tz_zone;

/* Day number of a date (exact for every year, H. Hinnant's algorithm). */
int64_t rs_tz_days_from_civil(int64_t y, int m, int d);
/* The date of a day number (the inverse of rs_tz_days_from_civil). */
void rs_tz_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
/* Day number of time t: floor division, so also right before 1970. */
int64_t rs_tz_floor_days(int64_t t);
/* The year of time t. */
int64_t rs_tz_year_of(int64_t t);

/* rs_tz_load's results. */
enum { RS_TZ_OK = 0, RS_TZ_UNUSABLE = -1, RS_TZ_NOMEM = -2 };

/* Loads the zone called name for the instants of the years ylo .. yhi
 * (changes a year either side included).  RS_TZ_OK with *z filled (free
 * it with rs_tz_free); RS_TZ_UNUSABLE when the name is unsafe to join to
 * the zone folder or its file is missing or not a usable TZif file (no
 * leap-second "right/" zones); RS_TZ_NOMEM when out of memory.  "UTC"
 * and "Etc/UTC" need no file.  On failure *z is zeroed and needs no
 * freeing. */
int rs_tz_load(const char *name, int64_t ylo, int64_t yhi, rs_tz_zone *z);
/* Frees a zone's changes and zeroes them; a zeroed zone is fine. */
void rs_tz_free(rs_tz_zone *z);

/* Index of the last change at or before UTC instant t, or -1 when t is
 * before the first (the initial type is in effect). */
int rs_tz_index_at(const rs_tz_zone *z, int64_t t);
/* The type in effect at UTC instant t; owned by the zone. */
const rs_tz_type *rs_tz_type_at(const rs_tz_zone *z, int64_t t);
/* The UTC instant of wall-clock time L as RFC 5545 (3.3.5) reads
 * DTSTART;TZID: a time that occurs twice (clocks going back) is its first
 * occurrence, and *ambiguous is set (else cleared); a time the clocks skip
 * uses the offset in effect before the gap. */
int64_t rs_tz_local_to_utc(const rs_tz_zone *z, int64_t L, int *ambiguous);

#endif /* RS_TZFILE_H */
