/*
 * test_supply.c - rs_event_supply and rs_supply_all: the warnings
 * `roadshow validate` gives where demand exceeds supply.
 *
 * Every warning must be true.  Three kinds of checks:
 *   - hand-worked cases (tests/data/supply/NAME, see its README.md): the
 *     exact list of warnings, in order, and the bounds of a few
 *     participants;
 *   - solved schedules: every case, 30 seeded random small events and the
 *     bundled Chengdu sample are solved, and no participant of the (checked)
 *     schedule may have more meetings than its bound, nor may the SMEs'
 *     meetings exceed the room-slots of rooms that can hold a meeting; on
 *     the sample every SME warned about must really fall short;
 *   - the same event gives the same warnings twice.
 */
#include "testutil.h"
#include "workflow.h"

/* Non-empty lines of a file (malloc'd, NULL-terminated; tu_free_list).
 * An empty or missing file gives an empty list. */
static char **read_lines(const char *path, size_t *n)
{
    char *text = tu_read_file(path, NULL);
    size_t cap = 8, k = 0;
    char **v = malloc(cap * sizeof(char *));
    assert_non_null(v);
    char *save = NULL;
    for (char *l = text ? strtok_r(text, "\n", &save) : NULL; l; l = strtok_r(NULL, "\n", &save)) {
        size_t len = strlen(l);
        while (len > 0 && (l[len - 1] == '\r' || l[len - 1] == ' '))
            l[--len] = '\0';
        if (len == 0)
            continue;
        if (k + 1 >= cap) {
            cap *= 2;
            char **nv = realloc(v, cap * sizeof(char *));
            assert_non_null(nv);
            v = nv;
        }
        v[k] = malloc(len + 1);
        assert_non_null(v[k]);
        memcpy(v[k], l, len + 1);
        k++;
    }
    free(text);
    v[k] = NULL;
    *n = k;
    return v;
}

/* Meetings per participant in a schedule (malloc'd, np entries). */
static int *meeting_counts(const rs_event *ev, const rs_schedule *s)
{
    int *count = calloc((size_t)ev->np + 1, sizeof(int));
    assert_non_null(count);
    for (int i = 0; i < s->nm; i++) {
        count[s->m[i].sme]++;
        for (int k = 0; k < s->m[i].ninv; k++)
            count[s->m[i].inv[k]]++;
    }
    return count;
}

/* Room-slots of rooms that can hold the smallest possible meeting. */
static long usable_room_slots(const rs_event *ev)
{
    int min_inv = 1000000, min_sme = 1000000;
    for (int p = 0; p < ev->np; p++) {
        int *m = ev->p[p].is_investor ? &min_inv : &min_sme;
        if (ev->p[p].team_size < *m)
            *m = ev->p[p].team_size;
    }
    int g = ev->format == RS_FORMAT_GROUP ? ev->group_min_investors : 1;
    long smallest = min_sme + (long)g * min_inv, n = 0;
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; ev->rooms[r].capacity >= smallest && k < ev->nslots; k++)
            n += ev->rooms[r].avail[k];
    return n;
}

/* Holds a checked schedule against the figures: no participant above its
 * bound, the SMEs' meetings within the usable room-slots.  Returns the
 * meeting counts (caller frees). */
static int *assert_within_bounds(const rs_event *ev, const rs_schedule *s,
                                 const rs_supply_of *sup)
{
    tu_check_ok(ev, s);
    int *count = meeting_counts(ev, s);
    for (int p = 0; p < ev->np; p++) {
        if (count[p] > sup[p].bound)
            print_error("%s has %d meetings, above its bound %d\n", ev->p[p].id, count[p],
                        sup[p].bound);
        assert_true(count[p] <= sup[p].bound);
    }
    long sme_meetings = 0;
    for (int p = ev->ninv; p < ev->np; p++)
        sme_meetings += count[p];
    assert_true(sme_meetings <= usable_room_slots(ev));
    return count;
}

/* Index of a participant by id; fails the test when absent. */
static int participant(const rs_event *ev, const char *id)
{
    int p = rs_find_participant(ev, id);
    if (p < 0)
        print_error("unknown participant %s\n", id);
    assert_true(p >= 0);
    return p;
}

/* One folder of tests/data/supply. */
static void test_case(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    rs_diag *w = rs_diag_new(), *again = rs_diag_new();
    assert_int_equal(rs_event_supply(ev, w), RS_OK);
    assert_int_equal(rs_event_supply(ev, again), RS_OK);

    /* exactly the expected warnings, in order */
    char *path = tu_path(dir, "expect");
    size_t n = 0;
    char **want = read_lines(path, &n);
    free(path);
    int bad = rs_diag_count(w) != n;
    for (size_t i = 0; i < n && i < rs_diag_count(w); i++)
        if (!strstr(rs_diag_message(w, i), want[i])) {
            print_error("warning %zu lacks: %s\n", i + 1, want[i]);
            bad = 1;
        }
    if (bad) {
        print_error("%zu warnings, expected %zu:\n", rs_diag_count(w), n);
        tu_diag_print(w, "  warning: ");
    }
    assert_false(bad);
    assert_int_equal(rs_diag_count(again), rs_diag_count(w));
    for (size_t i = 0; i < rs_diag_count(w); i++)
        assert_string_equal(rs_diag_message(again, i), rs_diag_message(w, i));
    int musts = 0;
    for (size_t i = 0; i < n; i++)
        musts |= strncmp(want[i], "must request", 12) == 0;
    tu_free_list(want);

    /* hand-worked bounds */
    rs_supply_of *sup = calloc((size_t)ev->np, sizeof(rs_supply_of));
    assert_non_null(sup);
    assert_int_equal(rs_supply_all(ev, sup), RS_OK);
    path = tu_path(dir, "bounds");
    char **lines = read_lines(path, &n);
    free(path);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        char id[65];
        int b;
        assert_int_equal(sscanf(lines[i], "%64s %d", id, &b), 2);
        int p = participant(ev, id);
        if (sup[p].bound != b)
            print_error("%s: bound %d, expected %d\n", id, sup[p].bound, b);
        assert_int_equal(sup[p].bound, b);
    }
    tu_free_list(lines);

    /* a solved schedule stays within every bound */
    rs_code rc;
    rs_schedule *s = tu_solve(ev, RS_STRATEGY_AUTO, &rc, NULL);
    if (musts) {
        assert_int_equal(rc, RS_EINFEASIBLE);
    } else {
        assert_int_equal(rc, RS_OK);
        free(assert_within_bounds(ev, s, sup));
    }
    rs_schedule_free(s);
    free(sup);
    rs_diag_free(w);
    rs_diag_free(again);
    rs_event_free(ev);
}

/* ------------------------------------------------------- random events */

static unsigned long long rng;

static int below(int n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int)(rng % (unsigned long long)n);
}

/* Appends printf-style text to a fixed buffer (fails the test if full). */
static void put(char *buf, size_t cap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void put(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < cap - len);
}

/* "HH:MM" of slot k of a day starting 09:00 (30-minute slots). */
static const char *hhmm(int k, char buf[16])
{
    snprintf(buf, 16, "%02d:%02d", 9 + k / 2, k % 2 ? 30 : 0);
    return buf;
}

/* An availability window: the whole event, or part of one day. */
static void put_window(char *buf, size_t cap, int ndays, int nslots)
{
    if (below(3) == 0)
        return;
    int day = below(ndays), a = below(nslots), b = a + 1 + below(nslots - a);
    char t1[16], t2[16];
    put(buf, cap, ", \"available\": [ { \"date\": \"2023-05-%02d\", \"start\": \"%s\", "
                  "\"end\": \"%s\" } ]", 18 + day, hhmm(a, t1), hhmm(b, t2));
}

/* Solves random small one-to-one events (tight rooms, teams, windows,
 * consecutive limits, maximums, minimums) and holds each schedule against
 * the figures. */
static void test_random_events(void **state)
{
    (void)state;
    enum { CAP = 16384 };
    char *e = malloc(CAP), *inv = malloc(CAP), *sme = malloc(CAP);
    assert_non_null(e);
    assert_non_null(inv);
    assert_non_null(sme);
    rng = 0x9E3779B97F4A7C15ULL;
    for (int round = 0; round < 30; round++) {
        int ndays = 1 + below(2), nslots = 3 + below(3);
        char t[16];
        e[0] = inv[0] = sme[0] = '\0';
        put(e, CAP, "{ \"name\": \"Random %d\", \"timezone\": \"Asia/Shanghai\", "
                    "\"slot_minutes\": 30, \"days\": [", round);
        for (int d = 0; d < ndays; d++)
            put(e, CAP, "%s { \"date\": \"2023-05-%02d\", \"start\": \"09:00\", \"end\": \"%s\" }",
                d ? "," : "", 18 + d, hhmm(nslots, t));
        put(e, CAP, " ], \"rooms\": [");
        int nrooms = 1 + below(3);
        for (int r = 0; r < nrooms; r++) {
            put(e, CAP, "%s { \"id\": \"r-%d\", \"capacity\": %d", r ? "," : "", r,
                2 + below(3) - (below(6) == 0));
            if (below(3) == 0)
                put(e, CAP, ", \"unavailable\": [ { \"date\": \"2023-05-18\", \"start\": "
                            "\"09:00\", \"end\": \"%s\" } ]", hhmm(1 + below(nslots), t));
            put(e, CAP, " }");
        }
        put(e, CAP, " ], \"sectors\": [ { \"id\": \"crypto\" }, { \"id\": \"cloud\" } ], "
                    "\"rules\": { \"format\": \"one_to_one\"");
        if (below(2))
            put(e, CAP, ", \"max_consecutive_meetings\": %d", 1 + below(2));
        put(e, CAP, " } }");
        int ninv = 2 + below(3), nsme = 2 + below(4);
        put(inv, CAP, "[");
        for (int i = 0; i < ninv; i++) {
            put(inv, CAP, "%s { \"id\": \"inv-%d\", \"name\": \"I%d\", \"sectors\": "
                          "{ \"crypto\": %d%s }, \"team_size\": %d", i ? "," : "", i, i,
                1 + below(3), below(2) ? ", \"cloud\": 2" : "", 1 + (below(4) == 0));
            put_window(inv, CAP, ndays, nslots);
            if (below(3) == 0)
                put(inv, CAP, ", \"max_meetings\": %d", below(4));
            put(inv, CAP, " }");
        }
        put(inv, CAP, " ]");
        put(sme, CAP, "[");
        for (int i = 0; i < nsme; i++) {
            static const char *const SECT[] = {"\"crypto\"", "\"cloud\"",
                                               "\"cloud\", \"crypto\""};
            int min = below(4);
            put(sme, CAP, "%s { \"id\": \"sme-%d\", \"name\": \"S%d\", \"sectors\": [ %s ], "
                          "\"team_size\": %d, \"min_meetings\": %d", i ? "," : "", i, i,
                SECT[below(3)], 1 + (below(5) == 0) + (below(10) == 0), min);
            put_window(sme, CAP, ndays, nslots);
            put(sme, CAP, " }");
        }
        put(sme, CAP, " ]");
        rs_event *ev = tu_load_strings(e, inv, sme);
        rs_supply_of *sup = calloc((size_t)ev->np, sizeof(rs_supply_of));
        assert_non_null(sup);
        assert_int_equal(rs_supply_all(ev, sup), RS_OK);
        rs_diag *w = rs_diag_new();
        assert_int_equal(rs_event_supply(ev, w), RS_OK);
        rs_code rc;
        rs_schedule *s = tu_solve(ev, RS_STRATEGY_AUTO, &rc, NULL);
        if (rc != RS_OK)
            print_error("round %d: rs_solve gave %d\n%s\n%s\n%s\n", round, rc, e, inv, sme);
        assert_int_equal(rc, RS_OK);
        int *count = assert_within_bounds(ev, s, sup);
        /* a participant warned about for its minimum really falls short */
        for (int p = 0; p < ev->np; p++)
            if (ev->p[p].min_meetings > sup[p].bound)
                assert_true(count[p] < ev->p[p].min_meetings);
        free(count);
        rs_schedule_free(s);
        rs_diag_free(w);
        free(sup);
        rs_event_free(ev);
    }
    free(e);
    free(inv);
    free(sme);
}

/* ------------------------------------------------------------- sample */

/* The bundled sample: solved, no SME warned about may reach its minimum,
 * and every participant stays within its bound. */
static void test_sample(void **state)
{
    (void)state;
    const char *dir = getenv("RS_SAMPLE");
    rs_event *ev = tu_load_ok(dir && dir[0] ? dir : "inputs/chengdu-2023");
    rs_diag *w = rs_diag_new();
    assert_int_equal(rs_event_supply(ev, w), RS_OK);
    rs_supply_of *sup = calloc((size_t)ev->np, sizeof(rs_supply_of));
    assert_non_null(sup);
    assert_int_equal(rs_supply_all(ev, sup), RS_OK);
    rs_options o;
    rs_options_init(&o);
    o.quiet = 1;
    o.time_limit = 8;
    rs_schedule *s = NULL;
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_solve(ev, &o, &s, d), RS_OK);
    int *count = assert_within_bounds(ev, s, sup);
    for (size_t i = 0; i < rs_diag_count(w); i++) {
        const char *msg = rs_diag_message(w, i);
        char id[65];
        if (sscanf(msg, "%64s asks for at least", id) == 1 && strstr(msg, " asks for ")) {
            int p = participant(ev, id);
            if (count[p] >= ev->p[p].min_meetings)
                print_error("false warning, %s has %d meetings: %s\n", id, count[p], msg);
            assert_true(count[p] < ev->p[p].min_meetings);
        }
    }
    /* the sample's SMEs are all served at their minimum: no SME warning */
    for (int p = ev->ninv; p < ev->np; p++)
        if (count[p] >= ev->p[p].min_meetings)
            for (size_t i = 0; i < rs_diag_count(w); i++)
                assert_null(strstr(rs_diag_message(w, i), ev->p[p].id));
    free(count);
    free(sup);
    rs_schedule_free(s);
    rs_diag_free(d);
    rs_diag_free(w);
    rs_event_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_events),
        cmocka_unit_test(test_sample),
    };
    int fail = tu_run_folder_tests("supply cases", "supply", test_case, 14);
    fail |= cmocka_run_group_tests_name("supply", tests, NULL, NULL);
    rs_cleanup();
    return fail;
}
