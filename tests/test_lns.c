/*
 * test_lns.c - the large-neighbourhood search (lns.c) on every event of
 * tests/data/opt: from the timetable the construction gives (pairs by
 * score, musts repaired), rs_tt_lns must never lower the objective, its
 * schedule must pass the independent checker at the objective the
 * timetable reports, and a second run from the same start must end on
 * the same meetings (the search, growing through all its levels, ends by
 * itself on these small events, so it repeats exactly).  The windows alone (rs_tt_lns_windows) must
 * improve a deliberately poor timetable of a small event whose rooms the
 * optimum fills, keeping every rule; and the whole search must take the
 * gaps out of a poor timetable of a small brokerage day (peer meetings,
 * gaps costing 5, idle slots nothing).  The trades alone
 * (rs_tt_lns_trades) must find an exchange of partners round a cycle of
 * three investors that no two of them can make, and keep every rule and
 * repeat exactly through many distinct sets of each size (forty
 * investors in a ring).
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "testtt.h"

/* One run: the construction, then the search inside a guarded call. */
typedef struct {
    const rs_event *ev;
    rs_tt *h;
    double before, after;
} lns_case;

static rs_code run_lns(void *arg)
{
    lns_case *c = arg;
    c->h = rs_tt_new(c->ev);
    if (!c->h || tu_tt_construct(c->h, c->ev) != RS_OK)
        return RS_ENOMEM;
    c->before = rs_tt_objective(c->h);
    rs_tt_lns(c->h, rs_now() + 60, 1, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

/* The meetings of a schedule as JSON text, for comparing two runs. */
static char *meetings_text(const rs_event *ev, const rs_tt *h)
{
    rs_schedule *s = rs_tt_to_schedule(h);
    assert_non_null(s);
    s->objective = rs_objective(ev, s, &s->idle_slots, NULL);
    char *text = rs_schedule_to_json(ev, s);
    assert_non_null(text);
    rs_schedule_free(s);
    return text;
}

static void test_lns_event(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    if (ev->format != RS_FORMAT_ONE_TO_ONE) {
        rs_event_free(ev);
        return;
    }
    char *first = NULL;
    for (int run = 0; run < 2; run++) {
        lns_case c = {ev, NULL, 0, 0};
        rs_glpk_call call = {.fn = run_lns, .arg = &c, .quiet = 1};
        assert_int_equal(rs_glpk_guarded(&call), RS_OK);
        assert_true(c.after >= c.before - 1e-9);
        if (run == 0)
            print_message("  %s: %g after construction, %g after the search\n", dir, c.before,
                          c.after);
        rs_schedule *s = rs_tt_to_schedule(c.h);
        assert_non_null(s);
        double checked = tu_check_ok(ev, s);
        assert_true(fabs(checked - c.after) < 1e-6);
        rs_schedule_free(s);
        char *text = meetings_text(ev, c.h);
        if (run == 0)
            first = text;
        else {
            assert_string_equal(first, text);
            free(text);
        }
        rs_tt_free(c.h);
    }
    free(first);
    rs_event_free(ev);
}

/* Four investors, eight SMEs with a sector in common (every pair a
 * candidate), a morning of six slots and four rooms in two venues 40
 * minutes apart: 24 room-slots for the 24 meetings the investors may
 * hold.  The poor timetable keeps each investor in its own room at slots
 * 0, 2 and 4 only (two idle slots each, half the rooms empty). */
static const char *const full_event =
    "{ \"name\": \"rooms full\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"12:00\" } ],"
    "  \"venues\": [ { \"id\": \"a\", \"name\": \"A\" }, { \"id\": \"b\", \"name\": \"B\" } ],"
    "  \"travel_minutes\": [ { \"from\": \"a\", \"to\": \"b\", \"minutes\": 40 } ],"
    "  \"rooms\": [ { \"id\": \"a-1\", \"venue\": \"a\" }, { \"id\": \"a-2\", \"venue\": \"a\" },"
    "             { \"id\": \"b-1\", \"venue\": \"b\" }, { \"id\": \"b-2\", \"venue\": \"b\" } ],"
    "  \"sectors\": [ { \"id\": \"cloud\" } ],"
    "  \"rules\": { \"investor_max_meetings\": 6, \"sme_max_meetings\": 3,"
    "             \"max_consecutive_meetings\": 6 } }";
static const char *const full_investors =
    "[ { \"id\": \"i0\", \"name\": \"I0\", \"sectors\": { \"cloud\": 3 } },"
    "  { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"cloud\": 2 } },"
    "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"cloud\": 3 } },"
    "  { \"id\": \"i3\", \"name\": \"I3\", \"sectors\": { \"cloud\": 1 } } ]";
static const char *const full_smes =
    "[ { \"id\": \"s0\", \"name\": \"S0\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s1\", \"name\": \"S1\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s2\", \"name\": \"S2\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s3\", \"name\": \"S3\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s4\", \"name\": \"S4\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s5\", \"name\": \"S5\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s6\", \"name\": \"S6\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s7\", \"name\": \"S7\", \"sectors\": [ \"cloud\" ] } ]";

/* The placement of the meeting of a and b (participant ids) in slot and
 * room (its id). */
static rs_placement named(const rs_event *ev, const char *a, const char *b, int slot,
                          const char *room)
{
    rs_placement m;
    m.pair = rs_pair_index(ev, rs_find_participant(ev, a), rs_find_participant(ev, b));
    m.slot = slot;
    m.room = rs_find_room(ev, room);
    return m;
}

/* The poor timetable, then the windows inside a guarded call. */
static rs_code run_windows(void *arg)
{
    lns_case *c = arg;
    const rs_event *ev = c->ev;
    c->h = rs_tt_new(ev);
    if (!c->h)
        return RS_ENOMEM;
    rs_placement at[12];
    int n = 0;
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 6; k += 2) {
            char inv[16], sme[16], room[16];
            snprintf(inv, sizeof inv, "i%d", i);
            snprintf(sme, sizeof sme, "s%d", (2 * i + k / 2) % 8);
            snprintf(room, sizeof room, "%s-%d", i < 2 ? "a" : "b", i % 2 + 1);
            at[n++] = named(ev, inv, sme, k, room);
        }
    if (rs_tt_place_given(c->h, at, n) != 0)
        return RS_EINPUT; /* the poor timetable must keep every rule */
    c->before = rs_tt_objective(c->h);
    rs_tt_lns_windows(c->h, rs_now() + 60, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

/* Runs fn (a poor timetable, then a search, into an lns_case) twice on
 * ev inside guarded calls: each result must pass the independent checker
 * at the objective the timetable reports, and the second must hold the
 * same meetings as the first.  Fills *c with the first run's figures
 * (its timetable freed) and returns its meeting count. */
static int run_twice(rs_event *ev, rs_code (*fn)(void *), const char *what, lns_case *out)
{
    char *first = NULL;
    int nm = 0;
    for (int run = 0; run < 2; run++) {
        lns_case c = {ev, NULL, 0, 0};
        rs_glpk_call call = {.fn = fn, .arg = &c, .quiet = 1};
        assert_int_equal(rs_glpk_guarded(&call), RS_OK);
        rs_schedule *s = rs_tt_to_schedule(c.h);
        assert_non_null(s);
        double checked = tu_check_ok(ev, s);
        assert_true(fabs(checked - c.after) < 1e-6);
        char *text = meetings_text(ev, c.h);
        if (run == 0) {
            print_message("  %s: %g poor, %g after the search\n", what, c.before, c.after);
            first = text;
            nm = s->nm;
            *out = c;
        } else {
            assert_string_equal(first, text);
            free(text);
        }
        rs_schedule_free(s);
        rs_tt_free(c.h);
    }
    free(first);
    out->h = NULL;
    return nm;
}

static void test_lns_windows_rooms_full(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(full_event, full_investors, full_smes);
    lns_case c;
    int nm = run_twice(ev, run_windows, "rooms full, the windows alone", &c);
    assert_true(c.after > c.before + 1e-9);
    assert_true(nm > 12);
    rs_event_free(ev);
}

/* A brokerage day: four businesses, no investors, peer requests in a
 * ring (a-b, a-c, b-d, c-d), a morning of six slots, two tables; a gap
 * costs 5, an idle slot nothing.  The poor timetable (a-b 0, a-c 2,
 * c-d 3, b-d 4) leaves a and b a gap each: 20 for the four requests
 * less 10; the ring fits in three slots without one (20). */
static const char *const ring_event =
    "{ \"name\": \"ring\", \"timezone\": \"Europe/Madrid\", \"slot_minutes\": 20,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" } ],"
    "  \"rooms\": [ { \"id\": \"t1\" }, { \"id\": \"t2\" } ],"
    "  \"sectors\": [ { \"id\": \"b2b\" } ],"
    "  \"weights\": { \"idle_slot\": 0, \"idle_gap\": 5 } }";
static const char *const ring_smes =
    "[ { \"id\": \"a\", \"name\": \"A\", \"sectors\": [ \"b2b\" ],"
    "    \"requests\": [ { \"sme\": \"b\" }, { \"sme\": \"c\" } ] },"
    "  { \"id\": \"b\", \"name\": \"B\", \"sectors\": [ \"b2b\" ],"
    "    \"requests\": [ { \"sme\": \"d\" } ] },"
    "  { \"id\": \"c\", \"name\": \"C\", \"sectors\": [ \"b2b\" ],"
    "    \"requests\": [ { \"sme\": \"d\" } ] },"
    "  { \"id\": \"d\", \"name\": \"D\", \"sectors\": [ \"b2b\" ] } ]";

/* The ring's poor timetable, then the whole search, inside a guarded
 * call. */
static rs_code run_ring(void *arg)
{
    lns_case *c = arg;
    const rs_event *ev = c->ev;
    static const char *const who[4][2] = {{"a", "b"}, {"a", "c"}, {"c", "d"}, {"b", "d"}};
    static const int slot[4] = {0, 2, 3, 4};
    c->h = rs_tt_new(ev);
    if (!c->h)
        return RS_ENOMEM;
    rs_placement at[4];
    for (int i = 0; i < 4; i++)
        at[i] = named(ev, who[i][0], who[i][1], slot[i], "t1");
    if (rs_tt_place_given(c->h, at, 4) != 0)
        return RS_EINPUT;
    c->before = rs_tt_objective(c->h);
    rs_tt_lns(c->h, rs_now() + 60, 1, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

static void test_lns_peer_gaps(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(ring_event, "[]", ring_smes);
    lns_case c;
    int nm = run_twice(ev, run_ring, "ring", &c);
    assert_true(fabs(c.before - 10) < 1e-9); /* four requests of 5, two gaps */
    assert_true(fabs(c.after - 20) < 1e-9);  /* every meeting kept, no gap */
    assert_int_equal(nm, 4);
    rs_event_free(ev);
}

/* Three investors and three SMEs, each meeting once, one slot and three
 * rooms.  Each SME's first sector is one investor's strong interest and
 * its second another's weak one (s0: i2 then i0, s1: i0 then i1, s2: i1
 * then i2), so the poor timetable i0-s0, i1-s1, i2-s2 scores 1 + 1 + 1
 * and the optimum passes each SME on round the cycle: i0-s1, i1-s2, i2-s0,
 * 6 each.  No two investors can improve it between themselves (the one
 * left without a partner costs its SME's minimum, 100): only the three
 * together. */
static const char *const cycle_event =
    "{ \"name\": \"cycle\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"09:30\" } ],"
    "  \"rooms\": [ { \"id\": \"r0\" }, { \"id\": \"r1\" }, { \"id\": \"r2\" } ],"
    "  \"sectors\": [ { \"id\": \"c00\" }, { \"id\": \"c01\" }, { \"id\": \"c11\" },"
    "                 { \"id\": \"c12\" }, { \"id\": \"c22\" }, { \"id\": \"c20\" } ],"
    "  \"rules\": { \"investor_max_meetings\": 1, \"sme_max_meetings\": 1,"
    "             \"sme_min_meetings\": 1 } }";
static const char *const cycle_investors =
    "[ { \"id\": \"i0\", \"name\": \"I0\", \"sectors\": { \"c00\": 1, \"c01\": 3 } },"
    "  { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"c11\": 1, \"c12\": 3 } },"
    "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"c22\": 1, \"c20\": 3 } } ]";
static const char *const cycle_smes =
    "[ { \"id\": \"s0\", \"name\": \"S0\", \"sectors\": [ \"c20\", \"c00\" ] },"
    "  { \"id\": \"s1\", \"name\": \"S1\", \"sectors\": [ \"c01\", \"c11\" ] },"
    "  { \"id\": \"s2\", \"name\": \"S2\", \"sectors\": [ \"c12\", \"c22\" ] } ]";

/* The cycle's poor timetable, then the trades alone, inside a guarded
 * call. */
static rs_code run_cycle(void *arg)
{
    lns_case *c = arg;
    const rs_event *ev = c->ev;
    c->h = rs_tt_new(ev);
    if (!c->h)
        return RS_ENOMEM;
    rs_placement at[3];
    for (int i = 0; i < 3; i++) {
        char inv[16], sme[16], room[16];
        snprintf(inv, sizeof inv, "i%d", i);
        snprintf(sme, sizeof sme, "s%d", i);
        snprintf(room, sizeof room, "r%d", i);
        at[i] = named(ev, inv, sme, 0, room);
    }
    if (rs_tt_place_given(c->h, at, 3) != 0)
        return RS_EINPUT;
    c->before = rs_tt_objective(c->h);
    rs_tt_lns_trades(c->h, rs_now() + 60, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

static void test_lns_trades_cycle(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(cycle_event, cycle_investors, cycle_smes);
    lns_case c;
    int nm = run_twice(ev, run_cycle, "cycle, the trades alone", &c);
    assert_true(fabs(c.before - 3) < 1e-9);
    assert_true(fabs(c.after - 18) < 1e-9);
    assert_int_equal(nm, 3);
    rs_event_free(ev);
}

/* Forty investors and forty SMEs in a ring, one slot, forty rooms:
 * investor i is keen on sector i and mildly on sector i + 1 (mod 40),
 * SME j is in sector j, so i may meet SMEs i and i + 1 and is related to
 * investors i - 1 and i + 1 only: forty distinct sets of each size.  The
 * trades alone from the construction: never lower, every rule kept, the
 * same meetings in two runs. */
static char *ring40_json(int investors)
{
    size_t cap = 16 * 1024, at = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    at += (size_t)snprintf(buf + at, cap - at, "[");
    for (int i = 0; i < 40; i++) {
        const char *sep = i ? "," : "";
        if (investors)
            at += (size_t)snprintf(buf + at, cap - at,
                                   "%s{ \"id\": \"i%d\", \"name\": \"I%d\", \"sectors\": "
                                   "{ \"c%d\": 3, \"c%d\": 1 } }",
                                   sep, i, i, i, (i + 1) % 40);
        else
            at += (size_t)snprintf(buf + at, cap - at,
                                   "%s{ \"id\": \"s%d\", \"name\": \"S%d\", \"sectors\": "
                                   "[ \"c%d\" ] }",
                                   sep, i, i, i);
    }
    snprintf(buf + at, cap - at, "]");
    return buf;
}

static rs_code run_many(void *arg)
{
    lns_case *c = arg;
    c->h = rs_tt_new(c->ev);
    if (!c->h || tu_tt_construct(c->h, c->ev) != RS_OK)
        return RS_ENOMEM;
    c->before = rs_tt_objective(c->h);
    rs_tt_lns_trades(c->h, rs_now() + 60, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

static void test_lns_trades_many(void **state)
{
    (void)state;
    char event[4096];
    size_t at = (size_t)snprintf(event, sizeof event,
                                 "{ \"name\": \"many\", \"timezone\": \"Asia/Shanghai\","
                                 "  \"slot_minutes\": 30, \"days\": [ { \"date\": "
                                 "\"2024-05-18\", \"start\": \"09:00\", \"end\": \"09:30\" } ],"
                                 "  \"rooms\": [");
    for (int r = 0; r < 40; r++)
        at += (size_t)snprintf(event + at, sizeof event - at, "%s{ \"id\": \"r%d\" }",
                               r ? "," : "", r);
    at += (size_t)snprintf(event + at, sizeof event - at, "], \"sectors\": [");
    for (int k = 0; k < 40; k++)
        at += (size_t)snprintf(event + at, sizeof event - at, "%s{ \"id\": \"c%d\" }",
                               k ? "," : "", k);
    snprintf(event + at, sizeof event - at,
             "], \"rules\": { \"investor_max_meetings\": 1, \"sme_max_meetings\": 1,"
             " \"sme_min_meetings\": 0 } }");
    char *inv = ring40_json(1), *smes = ring40_json(0);
    rs_event *ev = tu_load_strings(event, inv, smes);
    lns_case c;
    int nm = run_twice(ev, run_many, "forty investors in a ring, the trades alone", &c);
    assert_true(c.after >= c.before - 1e-9);
    assert_int_equal(nm, 40);
    rs_event_free(ev);
    free(inv);
    free(smes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lns_windows_rooms_full),
        cmocka_unit_test(test_lns_peer_gaps),
        cmocka_unit_test(test_lns_trades_cycle),
        cmocka_unit_test(test_lns_trades_many),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed + tu_run_folder_tests("lns", "opt", test_lns_event, 5);
}
