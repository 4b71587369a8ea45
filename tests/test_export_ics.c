/*
 * test_export_ics.c - the iCalendar export (calendars/ID.ics), read back
 * with libical.
 *
 * Every calendar written is checked line by line (CRLF, at most 75 octets,
 * continuation lines, no UTF-8 character cut in two), parsed with libical,
 * and compared with the schedule: one VEVENT per meeting of the
 * participant, DTSTART/DTEND converted to UTC through the file's own
 * VTIMEZONE (and through libical's copy of the zone where it has one)
 * equal to instants worked out here from the zone's known offsets, SUMMARY,
 * LOCATION and DESCRIPTION naming the other party, UIDs unique in a file
 * and the same for the same pair in both parties' files.  Further cases:
 * time zones with daylight saving (system files, and hand-made TZif files
 * whose rules live only in the POSIX footer), floating times when the zone
 * is unknown, stable UIDs and rising SEQUENCE across re-publishing, group
 * pitches, escaping, hostile participant ids as file names, and removal of
 * stale calendars.
 */
#include "testutil.h"

#include <libical/ical.h>
#include <strings.h>
#include <time.h>

/* ------------------------------------------------------------ helpers */

/* Whether n bytes are valid UTF-8 on their own (no sequence cut off). */
static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3
                                 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || (len == 2 && c < 0xC2) || i + len > n)
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* Checks the physical lines of a calendar: every line ends with CRLF (no
 * bare CR or LF), holds at most 75 octets, is valid UTF-8 by itself, and
 * the file starts and ends as a VCALENDAR.  Returns the number of folded
 * (continuation) lines. */
static int check_lines(const char *text, size_t len)
{
    int folds = 0;
    assert_true(len > 2);
    assert_int_equal(strncmp(text, "BEGIN:VCALENDAR\r\n", 17), 0);
    assert_true(len >= 15 && strcmp(text + len - 15, "END:VCALENDAR\r\n") == 0);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\r') {
            assert_true(i + 1 < len && text[i + 1] == '\n');
            size_t n = i - start;
            if (n > 75)
                print_error("line of %zu octets: %.*s\n", n, (int)n, text + start);
            assert_true(n <= 75);
            assert_true(n > 0);
            assert_true(utf8_ok((const unsigned char *)text + start, n));
            if (text[start] == ' ')
                folds++;
            start = i + 2;
            i++;
        } else {
            assert_true(text[i] != '\n');
        }
    }
    assert_int_equal(start, len);
    return folds;
}

/* Reads a calendar file; checks its lines; returns the parsed VCALENDAR
 * (free with icalcomponent_free).  *text_out (if not NULL) receives the
 * text, else it is freed. */
static icalcomponent *read_calendar(const char *path, char **text_out, int *folds)
{
    size_t len = 0;
    char *text = tu_read_file(path, &len);
    if (!text)
        print_error("cannot read %s\n", path);
    assert_non_null(text);
    int f = check_lines(text, len);
    if (folds)
        *folds = f;
    icalcomponent *cal = icalparser_parse_string(text);
    assert_non_null(cal);
    assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
    assert_int_equal(icalcomponent_count_errors(cal), 0);
    if (text_out)
        *text_out = text;
    else
        free(text);
    return cal;
}

/* The calendar text with its folded lines joined again (malloc'd). */
static char *unfold(const char *text)
{
    char *o = malloc(strlen(text) + 1), *w = o;
    assert_non_null(o);
    for (const char *r = text; *r; r++) {
        if (r[0] == '\r' && r[1] == '\n' && r[2] == ' ') {
            r += 2;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
    return o;
}

/* The value of the first X- property called name, or NULL. */
static const char *x_prop(icalcomponent *c, const char *name)
{
    for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
        if (strcmp(icalproperty_get_x_name(p), name) == 0)
            return icalproperty_get_x(p);
    return NULL;
}

static int count_events(icalcomponent *cal)
{
    return icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT);
}

/* What a TEXT value reads back as: line breaks (CRLF, CR, LF) as LF and
 * the other control characters but tab gone.  malloc'd. */
static char *text_norm(const char *s)
{
    char *o = malloc(strlen(s) + 1), *w = o;
    assert_non_null(o);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\r') {
            *w++ = '\n';
            if (s[1] == '\n')
                s++;
        } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
            continue;
        } else {
            *w++ = *s;
        }
    }
    *w = '\0';
    return o;
}

/* Days since 1970 of "YYYY-MM-DD" at 00:00 UTC, in seconds. */
static time_t date_utc(const char *date)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    assert_int_equal(sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday), 3);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

/* Seconds since 1970 of an icaltimetype's fields read as UTC (the wall
 * clock of a floating time). */
static time_t fields_utc(struct icaltimetype t)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = t.year - 1900;
    tm.tm_mon = t.month - 1;
    tm.tm_mday = t.day;
    tm.tm_hour = t.hour;
    tm.tm_min = t.minute;
    tm.tm_sec = t.second;
    return timegm(&tm);
}

/* "Name (Organisation)" as an SME's calendar names an investor. */
static void investor_label(const rs_participant *p, char *buf, size_t n)
{
    if (p->organisation && *p->organisation && strcmp(p->organisation, p->name) != 0)
        snprintf(buf, n, "%s (%s)", p->name, p->organisation);
    else
        snprintf(buf, n, "%s", p->name);
}

/* The expected SUMMARY of meeting m in the calendar of participant p. */
static char *expected_summary(const rs_event *ev, const rs_meeting *m, int p)
{
    char buf[4096], lab[1024];
    if (ev->p[p].is_investor) {
        snprintf(buf, sizeof buf, "%s%s", m->ninv > 1 ? "Pitch by " : "Meeting with ",
                 ev->p[m->sme].name);
    } else {
        snprintf(buf, sizeof buf, "%s", m->ninv > 1 ? "Pitch to " : "Meeting with ");
        for (int k = 0; k < m->ninv; k++) {
            investor_label(&ev->p[m->inv[k]], lab, sizeof lab);
            if (k)
                strncat(buf, ", ", sizeof buf - strlen(buf) - 1);
            strncat(buf, lab, sizeof buf - strlen(buf) - 1);
        }
    }
    return text_norm(buf);
}

/* Offsets of a zone on the event's days: off holds from minute `from` of
 * the day (local time) until the next entry of the same day. */
typedef struct {
    const char *date;
    int off;  /* seconds east of UTC */
    int from; /* minutes after midnight (0 when omitted) */
} day_off;

typedef struct {
    const day_off *offs; /* NULL: the calendar must hold floating times */
    int noffs;
    const char *builtin; /* a zone libical knows to convert with too, or NULL */
} tz_expect;

static int offset_on(const tz_expect *tz, const char *date, int minutes)
{
    int best = -1;
    for (int i = 0; i < tz->noffs; i++)
        if (strcmp(tz->offs[i].date, date) == 0 && tz->offs[i].from <= minutes &&
            (best < 0 || tz->offs[i].from > tz->offs[best].from))
            best = i;
    if (best < 0)
        print_error("no expected offset for %s\n", date);
    assert_true(best >= 0);
    return tz->offs[best].off;
}

/* What the calendars said, per participant and meeting. */
typedef struct {
    int np, nm;
    char **uid; /* [p * nm + i], NULL when p is not in meeting i */
    int *seq;
    char **text; /* [p]: the file's text */
} seen_t;

static void seen_free(seen_t *s)
{
    for (int i = 0; s->uid && i < s->np * s->nm; i++)
        free(s->uid[i]);
    for (int p = 0; s->text && p < s->np; p++)
        free(s->text[p]);
    free(s->uid);
    free(s->seq);
    free(s->text);
    memset(s, 0, sizeof *s);
}

static int in_meeting(const rs_meeting *m, int p)
{
    if (m->sme == p)
        return 1;
    for (int k = 0; k < m->ninv; k++)
        if (m->inv[k] == p)
            return 1;
    return 0;
}

/* Converts a DTSTART/DTEND to UTC through the file's VTIMEZONE (fz), and
 * through libical's own zone when there is one (the two must agree). */
static time_t to_utc(struct icaltimetype t, icaltimezone *fz, const tz_expect *tz)
{
    time_t a = icaltime_as_timet_with_zone(t, fz);
    if (tz->builtin) {
        icaltimezone *bz = icaltimezone_get_builtin_timezone(tz->builtin);
        assert_non_null(bz);
        time_t b = icaltime_as_timet_with_zone(t, bz);
        if (a != b)
            print_error("VTIMEZONE gives %ld, libical's %s gives %ld\n", (long)a, tz->builtin,
                        (long)b);
        assert_true(a == b);
    }
    return a;
}

/* Checks OUT/calendars/ID.ics of every participant against the schedule
 * (see the top of this file) and fills *seen. */
static void verify_dir(const rs_event *ev, const rs_schedule *s, const char *out,
                       const tz_expect *tz, seen_t *seen)
{
    memset(seen, 0, sizeof *seen);
    seen->np = ev->np;
    seen->nm = s->nm;
    seen->uid = calloc((size_t)(ev->np * s->nm + 1), sizeof(char *));
    seen->seq = calloc((size_t)(ev->np * s->nm + 1), sizeof(int));
    seen->text = calloc((size_t)ev->np + 1, sizeof(char *));
    assert_non_null(seen->uid);
    assert_non_null(seen->seq);
    assert_non_null(seen->text);
    char *cdir = tu_path(out, "calendars");
    for (int p = 0; p < ev->np; p++) {
        char fname[128];
        snprintf(fname, sizeof fname, "%s.ics", ev->p[p].id);
        char *path = tu_path(cdir, fname);
        icalcomponent *cal = read_calendar(path, &seen->text[p], NULL);
        free(path);

        /* the calendar's own properties */
        icalproperty *pr = icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY);
        assert_non_null(pr);
        assert_string_equal(icalproperty_get_version(pr), "2.0");
        pr = icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY);
        assert_non_null(pr);
        assert_non_null(strstr(icalproperty_get_prodid(pr), "roadshow"));
        pr = icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY);
        assert_non_null(pr);
        assert_string_equal(icalproperty_get_calscale(pr), "GREGORIAN");
        pr = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
        assert_non_null(pr);
        assert_int_equal(icalproperty_get_method(pr), ICAL_METHOD_PUBLISH);
        char want[2048];
        snprintf(want, sizeof want, "%s - %s", ev->p[p].name, ev->name);
        char *wn = text_norm(want);
        const char *calname = x_prop(cal, "X-WR-CALNAME");
        assert_non_null(calname);
        assert_string_equal(calname, wn);
        free(wn);
        assert_non_null(x_prop(cal, "X-WR-TIMEZONE"));
        assert_string_equal(x_prop(cal, "X-WR-TIMEZONE"), ev->timezone);

        /* the time zone: the file's VTIMEZONE, or none for floating times */
        icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
        icaltimezone *fz = NULL;
        if (tz->offs) {
            assert_non_null(vtz);
            assert_int_equal(icalcomponent_count_components(cal, ICAL_VTIMEZONE_COMPONENT), 1);
            fz = icaltimezone_new();
            assert_non_null(fz);
            assert_true(icaltimezone_set_component(fz, icalcomponent_new_clone(vtz)));
            assert_string_equal(icaltimezone_get_tzid(fz), ev->timezone);
        } else {
            assert_null(vtz);
        }

        int mine = 0;
        for (int i = 0; i < s->nm; i++)
            mine += in_meeting(&s->m[i], p);
        assert_int_equal(count_events(cal), mine);

        for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
             e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
            struct icaltimetype st = icalcomponent_get_dtstart(e);
            struct icaltimetype en = icalcomponent_get_dtend(e);
            icalproperty *sp = icalcomponent_get_first_property(e, ICAL_DTSTART_PROPERTY);
            icalparameter *tzp = icalproperty_get_first_parameter(sp, ICAL_TZID_PARAMETER);
            time_t ts, te;
            if (tz->offs) {
                /* local time in the zone, or UTC where the local time
                 * would be ambiguous */
                if (tzp) {
                    assert_string_equal(icalparameter_get_tzid(tzp), ev->timezone);
                    ts = to_utc(st, fz, tz);
                } else {
                    assert_true(icaltime_is_utc(st));
                    ts = icaltime_as_timet(st);
                }
                if (icaltime_is_utc(en))
                    te = icaltime_as_timet(en);
                else
                    te = to_utc(en, fz, tz);
            } else {
                assert_null(tzp);
                assert_false(icaltime_is_utc(st));
                ts = fields_utc(st); /* wall clock */
                te = fields_utc(en);
            }
            /* the meeting of this participant that starts then */
            int found = -1;
            for (int i = 0; i < s->nm && found < 0; i++) {
                const rs_meeting *m = &s->m[i];
                if (!in_meeting(m, p))
                    continue;
                const rs_slot *sl = &ev->slots[m->slot];
                const char *date = ev->days[sl->day].date;
                int off = tz->offs ? offset_on(tz, date, sl->start) : 0;
                time_t want_s = date_utc(date) + sl->start * 60 - off;
                if (want_s == ts && (found < 0 || s->m[found].slot != m->slot)) {
                    found = i;
                    /* a slot's length later (the same as its wall-clock
                     * end except across a change of the clocks) */
                    time_t want_e = want_s + (sl->end - sl->start) * 60;
                    if (te != want_e)
                        print_error("%s: ends at %ld, expected %ld\n", ev->p[p].id, (long)te,
                                    (long)want_e);
                    assert_true(te == want_e);
                }
            }
            if (found < 0)
                print_error("%s: no meeting starts at %ld\n", ev->p[p].id, (long)ts);
            assert_true(found >= 0);
            assert_null(seen->uid[p * s->nm + found]); /* one event per meeting */
            const rs_meeting *m = &s->m[found];

            const char *uid = icalcomponent_get_uid(e);
            assert_non_null(uid);
            assert_true(strlen(uid) > 10);
            seen->uid[p * s->nm + found] = strdup(uid);
            assert_non_null(seen->uid[p * s->nm + found]);
            seen->seq[p * s->nm + found] = icalcomponent_get_sequence(e);
            assert_true(seen->seq[p * s->nm + found] >= 0);
            struct icaltimetype stamp = icalcomponent_get_dtstamp(e);
            assert_false(icaltime_is_null_time(stamp));

            char *sum = expected_summary(ev, m, p);
            assert_string_equal(icalcomponent_get_summary(e), sum);
            free(sum);
            const rs_room *room = &ev->rooms[m->room];
            snprintf(want, sizeof want, "%s, %s", room->name, ev->venues[room->venue].name);
            wn = text_norm(want);
            assert_string_equal(icalcomponent_get_location(e), wn);
            free(wn);
            const char *desc = icalcomponent_get_description(e);
            assert_non_null(desc);
            /* the other parties' ids, the room and venue ids */
            char idbuf[256];
            snprintf(idbuf, sizeof idbuf, "(%s)", ev->p[m->sme].id);
            assert_non_null(strstr(desc, idbuf));
            for (int k = 0; k < m->ninv; k++) {
                snprintf(idbuf, sizeof idbuf, "(%s)", ev->p[m->inv[k]].id);
                assert_non_null(strstr(desc, idbuf));
            }
            snprintf(idbuf, sizeof idbuf, "(%s)", room->id);
            assert_non_null(strstr(desc, idbuf));
            snprintf(idbuf, sizeof idbuf, "(%s)", ev->venues[room->venue].id);
            assert_non_null(strstr(desc, idbuf));
        }
        /* UIDs are unique within the file */
        for (int i = 0; i < s->nm; i++)
            for (int j = i + 1; j < s->nm; j++) {
                const char *a = seen->uid[p * s->nm + i], *b = seen->uid[p * s->nm + j];
                if (a && b)
                    assert_string_not_equal(a, b);
            }
        if (fz)
            icaltimezone_free(fz, 1);
        icalcomponent_free(cal);
    }
    /* a meeting has one UID in its SME's file and its first investor's
     * (by id; the only one in one-to-one); other investors' differ */
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        int lead = m->inv[0];
        for (int k = 1; k < m->ninv; k++)
            if (strcmp(ev->p[m->inv[k]].id, ev->p[lead].id) < 0)
                lead = m->inv[k];
        const char *su = seen->uid[m->sme * s->nm + i];
        assert_non_null(su);
        for (int k = 0; k < m->ninv; k++) {
            const char *iu = seen->uid[m->inv[k] * s->nm + i];
            assert_non_null(iu);
            if (m->inv[k] == lead)
                assert_string_equal(su, iu);
            else
                assert_string_not_equal(su, iu);
        }
    }
    free(cdir);
}

/* Writes only the calendars of s into out (created when missing). */
static void export_ics(const rs_event *ev, const rs_schedule *s, const char *out)
{
    rs_diag *d = rs_diag_new();
    rs_code rc = rs_write_formats(ev, s, out, "ics", d);
    if (rc != RS_OK)
        tu_diag_print(d, "  diag: ");
    assert_int_equal(rc, RS_OK);
    assert_int_equal(rs_diag_count(d), 0);
    rs_diag_free(d);
}

/* The file text of participant id in OUT/calendars (malloc'd). */
static char *calendar_text(const char *out, const char *id)
{
    char name[256];
    snprintf(name, sizeof name, "calendars/%s.ics", id);
    char *path = tu_path(out, name);
    char *text = tu_read_file(path, NULL);
    assert_non_null(text);
    free(path);
    return text;
}

/* Whether every file of dir a is in dir b with the same bytes and the
 * other way round. */
static void assert_same_dirs(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    DIR *d = opendir(a);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *pa = tu_path(a, e->d_name), *pb = tu_path(b, e->d_name);
        size_t la = 0, lb = 0;
        char *ta = tu_read_file(pa, &la), *tb = tu_read_file(pb, &lb);
        assert_non_null(ta);
        if (!tb)
            print_error("%s is missing\n", pb);
        assert_non_null(tb);
        assert_int_equal(la, lb);
        assert_memory_equal(ta, tb, la);
        free(ta);
        free(tb);
        free(pa);
        free(pb);
        na++;
    }
    closedir(d);
    d = opendir(b);
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            nb++;
    closedir(d);
    assert_int_equal(na, nb);
}

/* ------------------------------------------------------------- events */

/* A two-day event: each day 09:00-11:00 in one-hour slots (4 slots), two
 * rooms in two venues whose names need escaping; investors inv-a..inv-d,
 * SMEs sme-x..sme-z, all in one sector. */
static rs_event *event_hours(const char *tz, const char *d1, const char *d2, const char *format,
                             const char *start, const char *end)
{
    char event[2048];
    snprintf(event, sizeof event,
             "{ \"name\": \"ICS test, part 1; \\\"quoted\\\"\", \"timezone\": \"%s\",\n"
             "  \"slot_minutes\": 60,\n"
             "  \"days\": [ { \"date\": \"%s\", \"start\": \"%s\", \"end\": \"%s\" },\n"
             "            { \"date\": \"%s\", \"start\": \"%s\", \"end\": \"%s\" } ],\n"
             "  \"venues\": [ { \"id\": \"north\", \"name\": \"North Hall\" },\n"
             "              { \"id\": \"south\", \"name\": \"South; Hall, \\\\annex\" } ],\n"
             "  \"rooms\": [ { \"id\": \"r1\", \"name\": \"Room 1\", \"venue\": \"north\", "
             "\"capacity\": 4 },\n"
             "             { \"id\": \"r2\", \"name\": \"Room 2, east\", \"venue\": \"south\", "
             "\"capacity\": 4 } ],\n"
             "  \"sectors\": [ { \"id\": \"s1\" } ],\n"
             "  \"rules\": { \"format\": \"%s\" } }\n",
             tz, d1, start, end, d2, start, end, format);
    const char *investors =
        "[ { \"id\": \"inv-a\", \"name\": \"Investor A\", \"organisation\": \"Org A, Ltd.\", "
        "\"sectors\": { \"s1\": 3 } },\n"
        "  { \"id\": \"inv-b\", \"name\": \"Investor B\", \"sectors\": { \"s1\": 2 } },\n"
        "  { \"id\": \"inv-c\", \"name\": \"Investor C\", \"organisation\": \"Investor C\", "
        "\"sectors\": { \"s1\": 1 } },\n"
        "  { \"id\": \"inv-d\", \"name\": \"Investor D\", \"sectors\": { \"s1\": 1 } } ]\n";
    const char *smes =
        "[ { \"id\": \"sme-x\", \"name\": \"SME X\", \"sectors\": [ \"s1\" ] },\n"
        "  { \"id\": \"sme-y\", \"name\": \"SME Y\", \"sectors\": [ \"s1\" ] },\n"
        "  { \"id\": \"sme-z\", \"name\": \"SME Z (no meetings)\", \"sectors\": [ \"s1\" ] } ]\n";
    return tu_load_strings(event, investors, smes);
}

static rs_event *small_event(const char *tz, const char *d1, const char *d2, const char *format)
{
    return event_hours(tz, d1, d2, format, "09:00", "11:00");
}

/* One meeting to build: slot index, room id, SME id, investor ids. */
typedef struct {
    int slot;
    const char *room, *sme;
    const char *inv[3];
} mdef;

static rs_schedule *make_schedule(const rs_event *ev, const mdef *defs, int n)
{
    rs_schedule *s = rs_schedule_new();
    assert_non_null(s);
    for (int i = 0; i < n; i++) {
        int inv[3], ninv = 0;
        for (; ninv < 3 && defs[i].inv[ninv]; ninv++) {
            inv[ninv] = rs_find_participant(ev, defs[i].inv[ninv]);
            assert_true(inv[ninv] >= 0);
        }
        int sme = rs_find_participant(ev, defs[i].sme), room = rs_find_room(ev, defs[i].room);
        assert_true(sme >= 0 && room >= 0 && defs[i].slot < ev->nslots);
        assert_int_equal(rs_schedule_add(s, defs[i].slot, room, sme, inv, ninv, NAN, 0), 0);
    }
    rs_schedule_sort(ev, s);
    return s;
}

/* A valid one-to-one schedule of the small event touching every slot. */
static const mdef BASIC[] = {
    {0, "r1", "sme-x", {"inv-a"}}, {0, "r2", "sme-y", {"inv-b"}},
    {1, "r1", "sme-x", {"inv-b"}}, {1, "r2", "sme-y", {"inv-a"}},
    {2, "r2", "sme-x", {"inv-c"}}, {3, "r1", "sme-y", {"inv-c"}},
};
#define NBASIC ((int)(sizeof BASIC / sizeof BASIC[0]))

/* -------------------------------------------------------------- tests */

/* A solved event in Asia/Shanghai (UTC+8, no daylight saving) with names
 * that need escaping and Chinese names long enough to fold: every
 * calendar matches the schedule, two solves give the same bytes. */
static void test_shanghai_solved(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"成都网络安全投资路演 Chengdu, 2023; roadshow\",\n"
        "  \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" },\n"
        "            { \"date\": \"2023-05-19\", \"start\": \"14:00\", \"end\": \"15:30\" } ],\n"
        "  \"venues\": [ { \"id\": \"gaoxin\", \"name\": \"成都网络安全大厦 Tower\" } ],\n"
        "  \"rooms\": [ { \"id\": \"g-301\", \"name\": \"301 董事会议室\", \"venue\": \"gaoxin\" },\n"
        "             { \"id\": \"g-302\", \"name\": \"Room 302; small\", \"venue\": \"gaoxin\" } "
        "],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" }, { \"id\": \"cloud\" } ],\n"
        "  \"rules\": { \"investor_max_meetings\": 3 } }\n";
    const char *investors =
        "[ { \"id\": \"inv-001\", \"name\": \"天府资本 Tianfu Capital\",\n"
        "    \"organisation\": \"天府资本管理有限公司创新投资部 Tianfu Capital Partners, Ltd.\",\n"
        "    \"sectors\": { \"crypto\": 3, \"cloud\": 2 } },\n"
        "  { \"id\": \"inv-002\", \"name\": \"Back\\\\slash; Semi, Comma\\nNewline Ventures\",\n"
        "    \"sectors\": { \"crypto\": 2 } },\n"
        "  { \"id\": \"inv-003\", \"name\": \"🔐锦信信托创投锦信信托创投锦信信托创投锦信信托\",\n"
        "    \"sectors\": { \"cloud\": 3 } } ]\n";
    const char *smes =
        "[ { \"id\": \"sme-001\", \"name\": \"a蓉安密码蓉安密码蓉安密码蓉安密码蓉安密码蓉安密码\",\n"
        "    \"sectors\": [ \"crypto\", \"cloud\" ] },\n"
        "  { \"id\": \"sme-002\", \"name\": \"ab恒鉴区块链恒鉴区块链恒鉴区块链恒鉴区块链\",\n"
        "    \"sectors\": [ \"crypto\" ] },\n"
        "  { \"id\": \"sme-003\", \"name\": \"CR\\r\\nLF and\\ttab\", \"sectors\": [ \"cloud\" ] },\n"
        "  { \"id\": \"sme-004\", \"name\": \"Quiet SME\", \"sectors\": [ \"crypto\" ],\n"
        "    \"avoid\": [ \"inv-001\", \"inv-002\" ] } ]\n";
    rs_event *ev = tu_load_strings(event, investors, smes);
    rs_code rc;
    rs_schedule *s = tu_solve(ev, RS_STRATEGY_AUTO, &rc, NULL);
    assert_int_equal(rc, RS_OK);
    rs_schedule *s2 = tu_solve(ev, RS_STRATEGY_AUTO, &rc, NULL);
    assert_int_equal(rc, RS_OK);
    assert_true(s->nm >= 6);
    /* meetings on both days */
    int day1 = 0;
    for (int i = 0; i < s->nm; i++)
        day1 += ev->slots[s->m[i].slot].day == 1;
    assert_true(day1 > 0 && day1 < s->nm);

    char *root = tu_mkdtemp();
    char *out = tu_path(root, "out"), *out2 = tu_path(root, "out2");
    export_ics(ev, s, out);
    export_ics(ev, s2, out2);
    static const day_off offs[] = {{"2023-05-18", 8 * 3600, 0}, {"2023-05-19", 8 * 3600, 0}};
    tz_expect tz = {offs, 2, "Asia/Shanghai"};
    seen_t seen;
    verify_dir(ev, s, out, &tz, &seen);

    /* long Chinese names were folded, and the folds kept characters whole
     * (check_lines); the names read back whole through libical (above) */
    char *a = calendar_text(out, "sme-001");
    assert_non_null(strstr(a, "\r\n "));
    free(a);
    /* the escapes themselves, as RFC 5545 writes them */
    a = calendar_text(out, "inv-002");
    char *u = unfold(a);
    assert_non_null(strstr(u, "\r\nX-WR-CALNAME:Back\\\\slash\\; Semi\\, Comma\\nNewline "
                              "Ventures - 成都网络安全投资路演 Chengdu\\, 2023\\; roadshow\r\n"));
    free(u);
    free(a);
    a = calendar_text(out, "sme-003");
    u = unfold(a);
    assert_non_null(strstr(u, "\r\nX-WR-CALNAME:CR\\nLF and\ttab - "));
    free(u);
    free(a);
    /* a participant without meetings gets an empty calendar */
    char *q = tu_path(out, "calendars/sme-004.ics");
    icalcomponent *cal = read_calendar(q, NULL, NULL);
    assert_int_equal(count_events(cal), 0);
    assert_non_null(icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT));
    icalcomponent_free(cal);
    free(q);
    /* same input, same bytes; nothing but calendars/ was written */
    char *c1 = tu_path(out, "calendars"), *c2 = tu_path(out2, "calendars");
    assert_same_dirs(c1, c2);
    size_t n = 0;
    char **subs = tu_list_dirs(out, &n);
    assert_int_equal(n, 1);
    assert_string_equal(subs[0], "calendars");
    tu_free_list(subs);

    free(c1);
    free(c2);
    seen_free(&seen);
    tu_rmtree(root);
    free(root);
    free(out);
    free(out2);
    rs_schedule_free(s);
    rs_schedule_free(s2);
    rs_event_free(ev);
}

/* Zones with daylight saving from the system's files, on weekends when
 * the clocks change (and past the table of a TZif file, where its footer
 * rule takes over): instants through the file's VTIMEZONE and libical's
 * own zone both equal the offsets known for those days. */
static void test_dst_system_zones(void **state)
{
    (void)state;
    static const day_off berlin[] = {{"2024-03-30", 3600, 0}, {"2024-03-31", 7200, 0}};
    static const day_off berlin_fall[] = {{"2024-10-26", 7200, 0}, {"2024-10-27", 3600, 0}};
    static const day_off berlin_2100[] = {{"2100-03-27", 3600, 0}, {"2100-03-28", 7200, 0}};
    static const day_off ny[] = {{"2024-11-02", -4 * 3600, 0}, {"2024-11-03", -5 * 3600, 0}};
    static const day_off santiago[] = {{"2024-04-06", -3 * 3600, 0}, {"2024-04-07", -4 * 3600, 0}};
    static const struct {
        const char *zone;
        const day_off *offs;
        const char *builtin;
    } cases[] = {
        {"Europe/Berlin", berlin, "Europe/Berlin"},
        {"Europe/Berlin", berlin_fall, "Europe/Berlin"},
        {"Europe/Berlin", berlin_2100, NULL}, /* libical's own zone stops earlier */
        {"America/New_York", ny, "America/New_York"},
        {"America/Santiago", santiago, "America/Santiago"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        rs_event *ev = small_event(cases[c].zone, cases[c].offs[0].date, cases[c].offs[1].date,
                                   "one_to_one");
        rs_schedule *s = make_schedule(ev, BASIC, NBASIC);
        char *root = tu_mkdtemp();
        export_ics(ev, s, root);
        tz_expect tz = {cases[c].offs, 2, cases[c].builtin};
        seen_t seen;
        verify_dir(ev, s, root, &tz, &seen);
        /* both kinds of observance are in the VTIMEZONE */
        assert_non_null(strstr(seen.text[0], "BEGIN:STANDARD\r\n"));
        assert_non_null(strstr(seen.text[0], "BEGIN:DAYLIGHT\r\n"));
        seen_free(&seen);
        tu_rmtree(root);
        free(root);
        rs_schedule_free(s);
        rs_event_free(ev);
    }
}

static void write_tzif(const char *path, int32_t utoff, const char *abbr, const char *footer);

/* Meetings in the small hours of the nights the clocks change in Berlin,
 * starting where RFC 5545 (3.3.5) reads the wall-clock start: a local time
 * the clocks skip in spring (02:00) with the offset before the gap, one
 * they repeat in autumn (02:00-03:00) as its first occurrence, and lasting
 * one slot.  The calendar must name those instants so that libical (which
 * reads both kinds of time the other way) agrees: the repeated hour in
 * UTC, the skipped one as the real local time after it. */
static void test_dst_night(void **state)
{
    (void)state;
    static const day_off offs[] = {
        {"2024-03-31", 3600, 0}, {"2024-03-31", 7200, 180},
        {"2024-10-27", 7200, 0}, {"2024-10-27", 3600, 180},
    };
    static const char *const zones[] = {"Europe/Berlin", "Test/Berlin"};
    char *tzdir = tu_mkdtemp();
    char *sub = tu_path(tzdir, "Test");
    assert_int_equal(mkdir(sub, 0777), 0);
    char *zp = tu_path(tzdir, "Test/Berlin");
    write_tzif(zp, 3600, "CET", "CET-1CEST,M3.5.0,M10.5.0/3");
    const char *old = getenv("TZDIR");
    char *saved = old ? strdup(old) : NULL;
    for (int z = 0; z < 2; z++) {
        if (z == 1)
            assert_int_equal(setenv("TZDIR", tzdir, 1), 0);
        rs_event *ev = event_hours(zones[z], "2024-03-31", "2024-10-27", "one_to_one", "00:00",
                                   "06:00");
        assert_int_equal(ev->nslots, 12);
        static const char *const inv[] = {"inv-a", "inv-b", "inv-c", "inv-d"};
        mdef defs[24];
        int n = 0;
        for (int k = 0; k < 12; k++) {
            if (k == 2) /* 31 March 02:00-03:00 does not exist: below */
                continue;
            defs[n++] = (mdef){k, "r1", "sme-x", {inv[k % 4]}};
            defs[n++] = (mdef){k, "r2", "sme-y", {inv[(k + 1) % 4]}};
        }
        rs_schedule *s = make_schedule(ev, defs, n);
        char *root = tu_mkdtemp();
        export_ics(ev, s, root);
        tz_expect tz = {offs, 4, z == 0 ? "Europe/Berlin" : NULL};
        seen_t seen;
        verify_dir(ev, s, root, &tz, &seen);
        /* inv-b: 01:00-02:00 on 31 March ends at 03:00 CEST, the real
         * time; inv-a: 02:00-03:00 (CEST) on 27 October is written in UTC
         * and ends at the second 02:00 (CET) */
        char line[128];
        snprintf(line, sizeof line, "DTEND;TZID=%s:20240331T030000\r\n", zones[z]);
        assert_non_null(strstr(seen.text[1], line));
        assert_non_null(strstr(seen.text[0], "DTSTART:20241027T000000Z\r\n"));
        assert_non_null(strstr(seen.text[0], "DTEND:20241027T010000Z\r\n"));
        seen_free(&seen);
        tu_rmtree(root);
        free(root);
        rs_schedule_free(s);

        /* the slot inside the skipped hour: from 03:00 CEST (01:00Z), an
         * hour long as the slot says */
        static const mdef gap[] = {{2, "r1", "sme-x", {"inv-a"}}};
        s = make_schedule(ev, gap, 1);
        root = tu_mkdtemp();
        export_ics(ev, s, root);
        char *x = calendar_text(root, "sme-x");
        icalcomponent *cal = icalparser_parse_string(x);
        icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
        icaltimezone *fz = icaltimezone_new();
        assert_true(icaltimezone_set_component(fz, icalcomponent_new_clone(vtz)));
        icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
        assert_non_null(e);
        assert_true(icaltime_as_timet_with_zone(icalcomponent_get_dtstart(e), fz) ==
                    date_utc("2024-03-31") + 3600);
        assert_true(icaltime_as_timet_with_zone(icalcomponent_get_dtend(e), fz) ==
                    date_utc("2024-03-31") + 7200);
        icaltimezone_free(fz, 1);
        icalcomponent_free(cal);
        free(x);
        tu_rmtree(root);
        free(root);
        rs_schedule_free(s);
        rs_event_free(ev);
    }
    if (saved)
        setenv("TZDIR", saved, 1);
    else
        unsetenv("TZDIR");
    free(saved);
    free(zp);
    free(sub);
    tu_rmtree(tzdir);
    free(tzdir);
}

/* Writes a TZif file: version '2' with no transitions, one type (utoff,
 * abbr) and the footer (NULL: a version 1 file without one). */
static void write_tzif(const char *path, int32_t utoff, const char *abbr, const char *footer)
{
    unsigned char head[44], body[64];
    size_t al = strlen(abbr) + 1, bl = 6 + al;
    memset(head, 0, sizeof head);
    memcpy(head, "TZif", 4);
    head[4] = footer ? '2' : 0;
    head[20 + 4 * 4 + 3] = 1;                 /* typecnt */
    head[20 + 5 * 4 + 3] = (unsigned char)al; /* charcnt */
    uint32_t u = (uint32_t)utoff;
    body[0] = (unsigned char)(u >> 24);
    body[1] = (unsigned char)(u >> 16);
    body[2] = (unsigned char)(u >> 8);
    body[3] = (unsigned char)u;
    body[4] = 0;
    body[5] = 0;
    memcpy(body + 6, abbr, al);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(head, 1, 44, f), 44);
    assert_int_equal(fwrite(body, 1, bl, f), bl);
    if (footer) {
        assert_int_equal(fwrite(head, 1, 44, f), 44);
        assert_int_equal(fwrite(body, 1, bl, f), bl);
        assert_true(fprintf(f, "\n%s\n", footer) > 0);
    }
    assert_int_equal(fclose(f), 0);
}

/* Zones whose rules live only in the POSIX TZ footer of a hand-made TZif
 * file (found through TZDIR): Mm.w.d, Jn and zero-based n dates, a rule
 * crossing the new year with 24:00 changes, and a version 1 file. */
static void test_dst_footer_rules(void **state)
{
    (void)state;
    static const day_off berlin[] = {{"2024-03-30", 3600, 0}, {"2024-03-31", 7200, 0}};
    static const day_off berlin_fall[] = {{"2024-10-26", 7200, 0}, {"2024-10-27", 3600, 0}};
    static const day_off julian[] = {{"2024-02-29", -5 * 3600, 0}, {"2024-03-01", -4 * 3600, 0}};
    static const day_off zero[] = {{"2024-02-28", -5 * 3600, 0}, {"2024-02-29", -4 * 3600, 0}};
    static const day_off south[] = {{"2024-04-06", -3 * 3600, 0}, {"2024-04-07", -4 * 3600, 0}};
    static const day_off south_on[] = {{"2024-09-07", -4 * 3600, 0}, {"2024-09-08", -3 * 3600, 0}};
    static const day_off india[] = {{"2024-03-30", 19800, 0}, {"2024-03-31", 19800, 0}};
    static const day_off utc[] = {{"2024-03-30", 0, 0}, {"2024-03-31", 0, 0}};
    static const struct {
        const char *zone, *footer, *abbr;
        int32_t utoff;
        const day_off *offs;
    } cases[] = {
        {"Test/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", "CET", 3600, berlin},
        {"Test/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3", "CET", 3600, berlin_fall},
        {"Test/Julian", "EST5EDT,J60/2,J300/2", "EST", -18000, julian},
        {"Test/Zero", "EST5EDT,59/2,300/2", "EST", -18000, zero},
        {"Test/South", "<-04>4<-03>,M9.1.6/24,M4.1.6/24", "-04", -14400, south},
        {"Test/South", "<-04>4<-03>,M9.1.6/24,M4.1.6/24", "-04", -14400, south_on},
        {"Test/India", NULL, "IST", 19800, india},
        {"Etc/UTC", NULL, NULL, 0, utc}, /* no file: UTC needs none */
    };
    char *tzdir = tu_mkdtemp();
    char *sub = tu_path(tzdir, "Test");
    assert_int_equal(mkdir(sub, 0777), 0);
    const char *old = getenv("TZDIR");
    char *saved = old ? strdup(old) : NULL;
    assert_int_equal(setenv("TZDIR", tzdir, 1), 0);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        char *zp = tu_path(tzdir, cases[c].zone);
        if (cases[c].abbr)
            write_tzif(zp, cases[c].utoff, cases[c].abbr, cases[c].footer);
        free(zp);
        rs_event *ev = small_event(cases[c].zone, cases[c].offs[0].date, cases[c].offs[1].date,
                                   "one_to_one");
        rs_schedule *s = make_schedule(ev, BASIC, NBASIC);
        char *root = tu_mkdtemp();
        export_ics(ev, s, root);
        tz_expect tz = {cases[c].offs, 2, NULL};
        seen_t seen;
        verify_dir(ev, s, root, &tz, &seen);
        if (cases[c].footer)
            assert_non_null(strstr(seen.text[0], "BEGIN:DAYLIGHT\r\n"));
        else if (cases[c].abbr)
            assert_non_null(strstr(seen.text[0], "TZOFFSETTO:+0530\r\n"));
        else
            assert_non_null(strstr(seen.text[0], "TZOFFSETTO:+0000\r\n"));
        seen_free(&seen);
        tu_rmtree(root);
        free(root);
        rs_schedule_free(s);
        rs_event_free(ev);
    }
    if (saved) {
        setenv("TZDIR", saved, 1);
    } else {
        unsetenv("TZDIR");
    }
    free(saved);
    tu_rmtree(tzdir);
    free(tzdir);
    free(sub);
}

/* A zone the machine does not have (or a broken zone file): floating local
 * times, no VTIMEZONE, X-WR-TIMEZONE still naming the zone. */
static void test_unknown_zone_floats(void **state)
{
    (void)state;
    char *tzdir = tu_mkdtemp();
    char *sub = tu_path(tzdir, "Test");
    assert_int_equal(mkdir(sub, 0777), 0);
    char *bad = tu_path(tzdir, "Test/Garbage");
    tu_write_file(bad, "TZif2 but nothing sensible after the magic");
    const char *old = getenv("TZDIR");
    char *saved = old ? strdup(old) : NULL;
    static const char *const zones[] = {"Mars/Olympus_Mons", "Test/Garbage", "Asia/Shanghai"};
    for (int z = 0; z < 3; z++) {
        /* the third: a real zone, but TZDIR points where it is not */
        if (z > 0)
            assert_int_equal(setenv("TZDIR", tzdir, 1), 0);
        rs_event *ev = small_event(zones[z], "2024-03-30", "2024-03-31", "one_to_one");
        rs_schedule *s = make_schedule(ev, BASIC, NBASIC);
        char *root = tu_mkdtemp();
        export_ics(ev, s, root);
        tz_expect tz = {NULL, 0, NULL};
        seen_t seen;
        verify_dir(ev, s, root, &tz, &seen);
        assert_null(strstr(seen.text[0], "TZID"));
        assert_non_null(strstr(seen.text[0], "DTSTART:20240330T090000\r\n"));
        seen_free(&seen);
        tu_rmtree(root);
        free(root);
        rs_schedule_free(s);
        rs_event_free(ev);
    }
    if (saved) {
        setenv("TZDIR", saved, 1);
    } else {
        unsetenv("TZDIR");
    }
    free(saved);
    free(bad);
    free(sub);
    tu_rmtree(tzdir);
    free(tzdir);
}

/* Re-publishing: UIDs stay with the pair when meetings move; a moved
 * meeting's SEQUENCE rises (and rises again when it moves back), unmoved
 * ones keep theirs; publishing the same schedule again changes nothing;
 * a fresh folder starts at 0 with the same UIDs. */
static void test_republish(void **state)
{
    (void)state;
    rs_event *ev = small_event("Europe/Berlin", "2024-03-30", "2024-03-31", "one_to_one");
    static const day_off offs[] = {{"2024-03-30", 3600, 0}, {"2024-03-31", 7200, 0}};
    tz_expect tz = {offs, 2, "Europe/Berlin"};
    /* B: sme-x/inv-a moves from slot 0 to 3 (the other day, another
     * venue), sme-y/inv-c from slot 3 to 0, sme-y/inv-b from slot 0 to 2,
     * sme-x/inv-c changes room only; sme-x/inv-b and sme-y/inv-a stay */
    static const mdef MOVED[] = {
        {0, "r2", "sme-y", {"inv-c"}}, {1, "r1", "sme-x", {"inv-b"}},
        {1, "r2", "sme-y", {"inv-a"}}, {2, "r1", "sme-x", {"inv-c"}},
        {2, "r2", "sme-y", {"inv-b"}}, {3, "r2", "sme-x", {"inv-a"}},
    };
    rs_schedule *a = make_schedule(ev, BASIC, NBASIC);
    rs_schedule *b = make_schedule(ev, MOVED, NBASIC);
    char *root = tu_mkdtemp();
    char *pub = tu_path(root, "pub"), *fresh_a = tu_path(root, "fa"),
         *fresh_b = tu_path(root, "fb");
    seen_t sa, sb, sb2, sfb, sa3;

    export_ics(ev, a, pub);
    verify_dir(ev, a, pub, &tz, &sa);
    export_ics(ev, b, pub);
    verify_dir(ev, b, pub, &tz, &sb);
    export_ics(ev, b, pub); /* again: nothing changes */
    verify_dir(ev, b, pub, &tz, &sb2);
    export_ics(ev, b, fresh_b);
    verify_dir(ev, b, fresh_b, &tz, &sfb);
    export_ics(ev, a, fresh_a);

    /* match meetings of a and b by their pair */
    for (int i = 0; i < a->nm; i++) {
        int j = -1;
        for (int k = 0; k < b->nm; k++)
            if (b->m[k].sme == a->m[i].sme && b->m[k].inv[0] == a->m[i].inv[0])
                j = k;
        assert_true(j >= 0);
        int moved = a->m[i].slot != b->m[j].slot || a->m[i].room != b->m[j].room;
        int parts[2] = {a->m[i].sme, a->m[i].inv[0]};
        for (int r = 0; r < 2; r++) {
            int p = parts[r];
            const char *ua = sa.uid[p * a->nm + i], *ub = sb.uid[p * b->nm + j];
            assert_string_equal(ua, ub);
            assert_string_equal(ub, sfb.uid[p * b->nm + j]);
            assert_int_equal(sa.seq[p * a->nm + i], 0);
            assert_int_equal(sb.seq[p * b->nm + j], moved ? 1 : 0);
            assert_int_equal(sb2.seq[p * b->nm + j], moved ? 1 : 0);
            assert_int_equal(sfb.seq[p * b->nm + j], 0);
        }
    }
    for (int p = 0; p < ev->np; p++)
        assert_string_equal(sb.text[p], sb2.text[p]);

    /* moving back counts up again */
    export_ics(ev, a, pub);
    verify_dir(ev, a, pub, &tz, &sa3);
    int moved_back = 0;
    for (int i = 0; i < a->nm; i++) {
        int p = a->m[i].sme;
        int s3 = sa3.seq[p * a->nm + i];
        assert_true(s3 == 0 || s3 == 2);
        moved_back += s3 == 2;
    }
    assert_int_equal(moved_back, 4);

    /* determinism: the same schedule into two fresh folders */
    char *c1 = tu_path(fresh_a, "calendars");
    char *c2 = tu_path(root, "fa2");
    export_ics(ev, a, c2);
    char *c3 = tu_path(c2, "calendars");
    assert_same_dirs(c1, c3);

    seen_free(&sa);
    seen_free(&sb);
    seen_free(&sb2);
    seen_free(&sfb);
    seen_free(&sa3);
    free(c1);
    free(c2);
    free(c3);
    tu_rmtree(root);
    free(root);
    free(pub);
    free(fresh_a);
    free(fresh_b);
    rs_schedule_free(a);
    rs_schedule_free(b);
    rs_event_free(ev);
}

/* Group pitches: the SME's calendar lists every investor of the panel;
 * each investor's names the SME; the UID scheme holds (checked in
 * verify_dir). */
static void test_group_pitches(void **state)
{
    (void)state;
    rs_event *ev = small_event("Asia/Shanghai", "2023-05-18", "2023-05-19", "group");
    static const mdef GROUP[] = {
        {0, "r1", "sme-x", {"inv-c", "inv-b"}},
        {1, "r2", "sme-x", {"inv-d", "inv-a"}},
        {2, "r1", "sme-y", {"inv-c", "inv-a", "inv-b"}},
    };
    rs_schedule *s = make_schedule(ev, GROUP, 3);
    char *root = tu_mkdtemp();
    export_ics(ev, s, root);
    static const day_off offs[] = {{"2023-05-18", 8 * 3600, 0}, {"2023-05-19", 8 * 3600, 0}};
    tz_expect tz = {offs, 2, "Asia/Shanghai"};
    seen_t seen;
    verify_dir(ev, s, root, &tz, &seen);
    char *x = calendar_text(root, "sme-x");
    icalcomponent *cal = icalparser_parse_string(x);
    assert_non_null(cal);
    int pitches = 0;
    for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
         e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        const char *sum = icalcomponent_get_summary(e);
        assert_int_equal(strncmp(sum, "Pitch to ", 9), 0);
        /* both investors of the panel, by name and by id */
        assert_true((strstr(sum, "Investor B") && strstr(sum, "Investor C")) ||
                    (strstr(sum, "Investor D") && strstr(sum, "Investor A (Org A, Ltd.)")));
        const char *desc = icalcomponent_get_description(e);
        assert_true((strstr(desc, "(inv-b)") && strstr(desc, "(inv-c)")) ||
                    (strstr(desc, "(inv-d)") && strstr(desc, "(inv-a)")));
        pitches++;
    }
    assert_int_equal(pitches, 2);
    assert_non_null(strstr(x, "Investor A (Org A\\, Ltd.)"));
    icalcomponent_free(cal);
    free(x);
    seen_free(&seen);
    tu_rmtree(root);
    free(root);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* A schedule that breaks the pair rule (a pair meets twice) still gets
 * one event per meeting with UIDs unique in each file. */
static void test_repeated_pair(void **state)
{
    (void)state;
    rs_event *ev = small_event("Asia/Shanghai", "2023-05-18", "2023-05-19", "one_to_one");
    static const mdef TWICE[] = {
        {0, "r1", "sme-x", {"inv-a"}}, {2, "r1", "sme-x", {"inv-a"}}, {3, "r2", "sme-x", {"inv-a"}},
    };
    rs_schedule *s = make_schedule(ev, TWICE, 3);
    char *root = tu_mkdtemp();
    export_ics(ev, s, root);
    static const day_off offs[] = {{"2023-05-18", 8 * 3600, 0}, {"2023-05-19", 8 * 3600, 0}};
    tz_expect tz = {offs, 2, NULL};
    seen_t seen;
    verify_dir(ev, s, root, &tz, &seen); /* checks uniqueness per file */
    int x = rs_find_participant(ev, "sme-x");
    assert_non_null(strstr(seen.uid[x * s->nm + 1], "~2@roadshow"));
    assert_non_null(strstr(seen.uid[x * s->nm + 2], "~3@roadshow"));
    seen_free(&seen);
    tu_rmtree(root);
    free(root);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* Percent-decodes a file name stem; NULL when it holds a '~' (hashed). */
static char *decode_stem(const char *name)
{
    size_t n = strlen(name);
    assert_true(n > 4 && strcmp(name + n - 4, ".ics") == 0);
    size_t stem = n - 4;
    char *o = malloc(n), *w = o;
    assert_non_null(o);
    for (size_t i = 0; i < stem; i++) {
        if (name[i] == '~') {
            free(o);
            return NULL;
        }
        if (name[i] == '%' && i + 2 < stem) {
            unsigned v;
            assert_int_equal(sscanf(name + i + 1, "%2X", &v), 1);
            *w++ = (char)v;
            i += 2;
        } else {
            *w++ = name[i];
        }
    }
    *w = '\0';
    return o;
}

/* Ids that are unsafe as file names (set directly on a loaded event, as a
 * library caller could): every calendar lands inside calendars/ under a
 * safe, distinct name that decodes back to its id (or carries a hash when
 * shortened or when ids differ only in case). */
static void test_hostile_ids(void **state)
{
    (void)state;
    rs_event *ev = small_event("Asia/Shanghai", "2023-05-18", "2023-05-19", "one_to_one");
    assert_int_equal(ev->np, 7);
    char longid[301];
    memset(longid, 'L', 300);
    longid[299] = '/';
    longid[300] = '\0';
    const char *ids[7] = {"../evil", "Same", "same", "a/b\\c:d%41\x01\xe4\xb8\xad", "..",
                          longid, ".hidden"};
    /* the schedule is built on the plain ids, then the ids change */
    rs_schedule *s = make_schedule(ev, BASIC, NBASIC);
    for (int p = 0; p < 7; p++) {
        free(ev->p[p].id);
        ev->p[p].id = strdup(ids[p]);
        assert_non_null(ev->p[p].id);
    }
    char *root = tu_mkdtemp();
    char *out = tu_path(root, "out");
    export_ics(ev, s, out);

    /* nothing outside out/calendars */
    size_t n = 0;
    char **subs = tu_list_dirs(root, &n);
    assert_int_equal(n, 1);
    tu_free_list(subs);
    DIR *d = opendir(out);
    assert_non_null(d);
    struct dirent *e;
    int entries = 0;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            entries++;
    closedir(d);
    assert_int_equal(entries, 1);

    char *cdir = tu_path(out, "calendars");
    d = opendir(cdir);
    assert_non_null(d);
    char *names[16];
    int nn = 0, seen_id[7] = {0};
    while ((e = readdir(d)) != NULL) {
        const char *nm = e->d_name;
        if (!strcmp(nm, ".") || !strcmp(nm, ".."))
            continue;
        assert_true(nn < 16);
        names[nn++] = strdup(nm);
        assert_true(nm[0] != '.');
        assert_true(strlen(nm) <= 255);
        for (const char *c = nm; *c; c++)
            assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789._-%~",
                                   *c));
        /* which participant: by the calendar's name */
        char *path = tu_path(cdir, nm);
        icalcomponent *cal = read_calendar(path, NULL, NULL);
        const char *calname = x_prop(cal, "X-WR-CALNAME");
        int who = -1;
        for (int p = 0; p < 7; p++) {
            char want[512];
            snprintf(want, sizeof want, "%s - %s", ev->p[p].name, ev->name);
            if (strcmp(calname, want) == 0)
                who = p;
        }
        assert_true(who >= 0);
        assert_false(seen_id[who]);
        seen_id[who] = 1;
        char *dec = decode_stem(nm);
        if (dec) {
            assert_string_equal(dec, ids[who]);
        } else {
            /* hashed: the long id, and the two that differ only in case */
            assert_true(who == 1 || who == 2 || who == 5);
            assert_non_null(strchr(nm, '~'));
        }
        free(dec);
        /* UIDs stay plain text too */
        for (icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
             v; v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
            for (const char *c = icalcomponent_get_uid(v); *c; c++)
                assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789._-%~+@",
                                       *c));
        icalcomponent_free(cal);
        free(path);
    }
    closedir(d);
    assert_int_equal(nn, 7);
    /* distinct even where letter case does not count */
    for (int i = 0; i < nn; i++)
        for (int j = i + 1; j < nn; j++)
            assert_true(strcasecmp(names[i], names[j]) != 0);
    for (int i = 0; i < nn; i++)
        free(names[i]);
    free(cdir);
    tu_rmtree(root);
    free(root);
    free(out);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* Calendars of earlier runs for participants no longer in the event are
 * removed; files roadshow did not write (other producers, other
 * extensions, symbolic links, folders) stay. */
static void test_stale_calendars(void **state)
{
    (void)state;
    rs_event *ev = small_event("Asia/Shanghai", "2023-05-18", "2023-05-19", "one_to_one");
    rs_schedule *s = make_schedule(ev, BASIC, NBASIC);
    char *root = tu_mkdtemp();
    char *cdir = tu_path(root, "calendars");
    assert_int_equal(mkdir(cdir, 0777), 0);
    const char *ours = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//roadshow//roadshow "
                       "0.0.1//EN\r\nEND:VCALENDAR\r\n";
    const char *theirs = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\n"
                         "END:VCALENDAR\r\n";
    static const char *const files[] = {"ghost.ics", "mine.ics", "notes.txt", "elsewhere"};
    const char *texts[] = {ours, theirs, ours, ours};
    for (int i = 0; i < 4; i++) {
        char *p = tu_path(i == 3 ? root : cdir, files[i]);
        tu_write_file(p, texts[i]);
        free(p);
    }
    char *target = tu_path(root, "elsewhere"), *link = tu_path(cdir, "link.ics");
    assert_int_equal(symlink(target, link), 0);
    char *sub = tu_path(cdir, "folder.ics");
    assert_int_equal(mkdir(sub, 0777), 0);

    export_ics(ev, s, root);
    char *ghost = tu_path(cdir, "ghost.ics"), *mine = tu_path(cdir, "mine.ics"),
         *notes = tu_path(cdir, "notes.txt");
    struct stat st;
    assert_int_equal(access(ghost, F_OK), -1);
    assert_int_equal(access(mine, F_OK), 0);
    assert_int_equal(access(notes, F_OK), 0);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(access(target, F_OK), 0);
    assert_int_equal(stat(sub, &st), 0);
    /* and every participant still has its calendar */
    for (int p = 0; p < ev->np; p++) {
        char *t = calendar_text(root, ev->p[p].id);
        free(t);
    }
    free(ghost);
    free(mine);
    free(notes);
    free(target);
    free(link);
    free(sub);
    free(cdir);
    tu_rmtree(root);
    free(root);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* An output folder that cannot hold calendars/ gives RS_EIO with the path. */
static void test_unwritable(void **state)
{
    (void)state;
    rs_event *ev = small_event("Asia/Shanghai", "2023-05-18", "2023-05-19", "one_to_one");
    rs_schedule *s = make_schedule(ev, BASIC, NBASIC);
    char *root = tu_mkdtemp();
    char *cdir = tu_path(root, "calendars");
    tu_write_file(cdir, "a file where the folder should be");
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_write_formats(ev, s, root, "ics", d), RS_EIO);
    assert_true(tu_diag_find(d, "calendars") >= 0);
    rs_diag_free(d);
    free(cdir);
    tu_rmtree(root);
    free(root);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* TZDIR as the tests found it: restored after each test, so that a test
 * failing while it points elsewhere does not spoil the next. */
static char *saved_tzdir;

static int restore_tzdir(void **state)
{
    (void)state;
    if (saved_tzdir)
        setenv("TZDIR", saved_tzdir, 1);
    else
        unsetenv("TZDIR");
    return 0;
}

int main(void)
{
    const char *tzdir = getenv("TZDIR");
    saved_tzdir = tzdir ? strdup(tzdir) : NULL;
#define T(f) cmocka_unit_test_teardown(f, restore_tzdir)
    const struct CMUnitTest tests[] = {
        T(test_shanghai_solved),  T(test_dst_system_zones), T(test_dst_footer_rules),
        T(test_unknown_zone_floats), T(test_republish),     T(test_group_pitches),
        T(test_repeated_pair),    T(test_dst_night),        T(test_hostile_ids),
        T(test_stale_calendars),  T(test_unwritable),
    };
#undef T
    int rc = cmocka_run_group_tests_name("iCalendar export", tests, NULL, NULL);
    free(saved_tzdir);
    icaltimezone_free_builtin_timezones();
    rs_cleanup();
    return rc;
}
