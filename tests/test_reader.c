/*
 * test_reader.c - rs_event_load on bad and valid inputs.
 *
 * Bad inputs are data: every folder of tests/data/bad holds an event
 * (event.json, investors.json, smes.json) with something broken and an
 * "expect" file whose lines must each appear in some diag message.  Each
 * folder is one cmocka test.  Valid inputs are written inline and check
 * the defaults, the slot grid, availability and custom "x-" fields.
 */
#include "testutil.h"

/* ------------------------------------------------------------ bad inputs */

static void test_bad_case(void **state)
{
    const char *dir = *state;
    rs_event *ev = (rs_event *)0x1; /* must be set to NULL */
    rs_code rc;
    rs_diag *d = tu_load(dir, &ev, &rc);
    if (rc != RS_EINPUT)
        tu_diag_print(d, "  diag: ");
    assert_int_equal(rc, RS_EINPUT);
    assert_null(ev);
    assert_true(rs_diag_count(d) > 0);
    char *expect = tu_path(dir, "expect");
    int missing = tu_expect_lines(d, expect);
    free(expect);
    rs_diag_free(d);
    assert_int_equal(missing, 0);
}

/* ---------------------------------------------------------- valid inputs */

static const char *MIN_EVENT =
    "{ \"name\": \"Defaults\", \"timezone\": \"UTC\", \"slot_minutes\": 30,\n"
    "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:00\" } ],\n"
    "  \"rooms\": [ { \"id\": \"r1\" } ],\n"
    "  \"sectors\": [ { \"id\": \"crypto\" }, { \"id\": \"cloud\" } ] }\n";
static const char *MIN_INVESTORS =
    "[ { \"id\": \"inv-1\", \"name\": \"I\", \"sectors\": { \"crypto\": 2 } } ]";
static const char *MIN_SMES =
    "[ { \"id\": \"sme-1\", \"name\": \"S\", \"sectors\": [ \"crypto\", \"cloud\" ] } ]";
/* for events whose only sector is crypto */
static const char *CRYPTO_SMES =
    "[ { \"id\": \"sme-1\", \"name\": \"S\", \"sectors\": [ \"crypto\" ] } ]";

/* What the contract says applies when a field is absent. */
static void test_defaults(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(MIN_EVENT, MIN_INVESTORS, MIN_SMES);
    assert_string_equal(rs_event_name(ev), "Defaults");
    assert_string_equal(rs_event_timezone(ev), "UTC");
    assert_int_equal(ev->changeover_minutes, 0);
    assert_int_equal(ev->nslots, 2);
    assert_int_equal(ev->nvenues, 1); /* one implicit venue */
    assert_int_equal(ev->travel[0], 0);
    assert_int_equal(ev->nrooms, 1);
    assert_int_equal(ev->rooms[0].capacity, 2);
    assert_int_equal(ev->rooms[0].venue, 0);
    assert_int_equal(ev->rooms[0].avail[0] + ev->rooms[0].avail[1], 2);
    assert_int_equal(ev->format, RS_FORMAT_ONE_TO_ONE);
    assert_int_equal(ev->group_min_investors, 2);
    assert_true(ev->w.primary_sector == 2 && ev->w.secondary_sector == 1);
    assert_true(ev->w.stage == 2 && ev->w.request_normal == 5 && ev->w.request_high == 10);
    assert_true(ev->w.min_meetings_shortfall == 100 && ev->w.idle_slot == 1);
    assert_true(ev->time_limit == 60);
    assert_true(ev->mip_gap == 0);
    assert_int_equal(ev->ninv, 1);
    assert_int_equal(ev->nsme, 1);
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *p = &ev->p[i];
        assert_int_equal(p->team_size, 1);
        assert_int_equal(p->min_meetings, 0);
        assert_true(p->max_meetings >= RS_UNLIMITED);
        assert_true(p->max_consecutive >= RS_UNLIMITED);
        assert_int_equal(p->navail, 2); /* available absent: the whole event */
        assert_int_equal(p->nreq, 0);
        assert_int_equal(p->navoid, 0);
    }
    assert_int_equal(ev->p[0].is_investor, 1);
    assert_int_equal(ev->p[1].is_investor, 0);
    assert_int_equal(ev->p[0].lists_stages, 0);
    /* one candidate pair: fit = 2 * 2 (crypto primary) + 1 * 0 (cloud) */
    assert_int_equal(ev->npairs, 1);
    assert_true(ev->pairs[0].score == 4);
    rs_summary s;
    rs_event_summary(ev, &s);
    assert_int_equal(s.investors, 1);
    assert_int_equal(s.smes, 1);
    assert_int_equal(s.days, 1);
    assert_int_equal(s.slots, 2);
    assert_int_equal(s.rooms, 1);
    assert_int_equal(s.venues, 1);
    assert_int_equal(s.sectors, 2);
    assert_int_equal(s.candidate_pairs, 1);
    assert_int_equal(s.room_slots, 2);
    assert_int_equal(s.min_demand, 0);
    rs_event_free(ev);
}

/* rules.* are defaults; a participant's own field overrides them; weights
 * given partly keep the other defaults. */
static void test_rules_and_overrides(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"Rules\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\", \"capacity\": 6 } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" } ],\n"
        "  \"rules\": { \"format\": \"one_to_one\", \"sme_min_meetings\": 1,\n"
        "     \"sme_max_meetings\": 3, \"investor_max_meetings\": 4,\n"
        "     \"max_consecutive_meetings\": 2, \"group_min_investors\": 3 },\n"
        "  \"weights\": { \"stage\": 3, \"idle_slot\": 0.5 },\n"
        "  \"solver\": { \"time_limit_seconds\": 5, \"mip_gap\": 0.01 } }\n";
    const char *inv =
        "[ { \"id\": \"inv-1\", \"name\": \"I1\", \"sectors\": { \"crypto\": 1 },\n"
        "    \"max_meetings\": 7, \"team_size\": 3 },\n"
        "  { \"id\": \"inv-2\", \"name\": \"I2\", \"sectors\": { \"crypto\": 1 } } ]";
    const char *smes =
        "[ { \"id\": \"sme-1\", \"name\": \"S1\", \"sectors\": [ \"crypto\" ],\n"
        "    \"min_meetings\": 0, \"max_meetings\": 2, \"max_consecutive_meetings\": 1 },\n"
        "  { \"id\": \"sme-2\", \"name\": \"S2\", \"sectors\": [ \"crypto\" ] } ]";
    rs_event *ev = tu_load_strings(event, inv, smes);
    assert_int_equal(ev->rooms[0].capacity, 6);
    assert_int_equal(ev->group_min_investors, 3);
    assert_true(ev->w.stage == 3 && ev->w.idle_slot == 0.5);
    assert_true(ev->w.primary_sector == 2 && ev->w.request_high == 10);
    assert_true(ev->time_limit == 5 && ev->mip_gap == 0.01);
    const rs_participant *i1 = &ev->p[0], *i2 = &ev->p[1], *s1 = &ev->p[2], *s2 = &ev->p[3];
    assert_string_equal(i1->id, "inv-1");
    assert_int_equal(i1->max_meetings, 7);
    assert_int_equal(i1->team_size, 3);
    assert_int_equal(i1->max_consecutive, 2);
    assert_int_equal(i2->max_meetings, 4);
    assert_int_equal(i2->min_meetings, 0); /* sme_min_meetings is for SMEs */
    assert_string_equal(s1->id, "sme-1");
    assert_int_equal(s1->min_meetings, 0);
    assert_int_equal(s1->max_meetings, 2);
    assert_int_equal(s1->max_consecutive, 1);
    assert_int_equal(s2->min_meetings, 1);
    assert_int_equal(s2->max_meetings, 3);
    assert_int_equal(s2->max_consecutive, 2);
    rs_event_free(ev);
}

/* Slots by hand: 09:00-12:00, 30-minute slots, 10-minute changeover, break
 * 10:30-11:00.  09:00-09:30; then 09:40-10:10; the next would be 10:20-10:50,
 * which overlaps the break, so slots resume at 11:00: 11:00-11:30; the next
 * would start 11:40 and end 12:10, past the end.  So 3 slots; 09:40 follows
 * 09:00 (09:30 + 10 = 09:40) but 11:00 follows nothing (10:10 + 10 = 10:20).
 * The second day (listed first in the file, sorted by date when read)
 * 13:00-14:10 gives 13:00-13:30 and 13:40-14:10, consecutive. */
static void test_slots_changeover_break(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"Slots\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"changeover_minutes\": 10,\n"
        "  \"days\": [ { \"date\": \"2023-05-19\", \"start\": \"13:00\", \"end\": \"14:10\" },\n"
        "    { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"12:00\",\n"
        "      \"breaks\": [ { \"start\": \"10:30\", \"end\": \"11:00\", \"label\": \"Tea\" } ] } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\" } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" } ] }\n";
    rs_event *ev = tu_load_strings(event, MIN_INVESTORS, CRYPTO_SMES);
    static const struct {
        int day, start, end, prev;
    } want[] = {
        {0, 9 * 60, 9 * 60 + 30, -1},
        {0, 9 * 60 + 40, 10 * 60 + 10, 0},
        {0, 11 * 60, 11 * 60 + 30, -1},
        {1, 13 * 60, 13 * 60 + 30, -1},
        {1, 13 * 60 + 40, 14 * 60 + 10, 3},
    };
    assert_int_equal(ev->ndays, 2);
    assert_string_equal(ev->days[0].date, "2023-05-18");
    assert_string_equal(ev->days[1].date, "2023-05-19");
    assert_int_equal(ev->days[0].first_slot, 0);
    assert_int_equal(ev->days[0].nslots, 3);
    assert_int_equal(ev->days[1].first_slot, 3);
    assert_int_equal(ev->days[1].nslots, 2);
    assert_int_equal(ev->nslots, 5);
    for (int k = 0; k < 5; k++) {
        assert_int_equal(ev->slots[k].day, want[k].day);
        assert_int_equal(ev->slots[k].start, want[k].start);
        assert_int_equal(ev->slots[k].end, want[k].end);
        assert_int_equal(ev->slots[k].prev, want[k].prev);
    }
    assert_int_equal(rs_find_slot(ev, "2023-05-18", 9 * 60 + 40), 1);
    assert_int_equal(rs_find_slot(ev, "2023-05-18", 9 * 60 + 30), -1);
    assert_int_equal(rs_find_slot(ev, "2023-05-19", 13 * 60 + 40), 4);
    assert_int_equal(rs_find_slot(ev, "2023-05-20", 13 * 60), -1);
    rs_event_free(ev);
}

/* A break that starts as a slot ends does not move it; one that cuts a
 * slot moves the next slot to the break's end.
 * Day 1: 09:00-12:00, break 10:30-11:00, no changeover:
 *   09:00, 09:30, 10:00 (ends 10:30 = break start), 11:00, 11:30.
 * Day 2: 09:00-11:00, break 09:45-10:15: 09:00; 09:30-10:00 would overlap,
 *   so 10:15-10:45; 10:45-11:15 passes the end. */
static void test_slots_break_boundaries(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"Breaks\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"12:00\",\n"
        "      \"breaks\": [ { \"start\": \"10:30\", \"end\": \"11:00\" } ] },\n"
        "    { \"date\": \"2023-05-19\", \"start\": \"09:00\", \"end\": \"11:00\",\n"
        "      \"breaks\": [ { \"start\": \"09:45\", \"end\": \"10:15\" } ] } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\" } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" } ] }\n";
    rs_event *ev = tu_load_strings(event, MIN_INVESTORS, CRYPTO_SMES);
    static const int starts[] = {540, 570, 600, 660, 690, 540, 615};
    static const int prevs[] = {-1, 0, 1, -1, 3, -1, -1};
    assert_int_equal(ev->nslots, 7);
    for (int k = 0; k < 7; k++) {
        assert_int_equal(ev->slots[k].start, starts[k]);
        assert_int_equal(ev->slots[k].end, starts[k] + 30);
        assert_int_equal(ev->slots[k].prev, prevs[k]);
    }
    rs_event_free(ev);
}

/* available: slots lying wholly inside a window; unavailable: slots
 * touching a window are removed; rooms' unavailable windows likewise. */
static void test_availability(void **state)
{
    (void)state;
    /* slots: 09:00 09:30 10:00 10:30 (each 30 minutes) */
    const char *event =
        "{ \"name\": \"Avail\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\", \"unavailable\": [ { \"date\": \"2023-05-18\",\n"
        "      \"start\": \"10:10\", \"end\": \"10:20\" } ] } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" } ] }\n";
    const char *inv =
        "[ { \"id\": \"inv-1\", \"name\": \"I\", \"sectors\": { \"crypto\": 2 },\n"
        "    \"available\": [ { \"date\": \"2023-05-18\", \"start\": \"09:30\", \"end\": \"10:45\" } ] },\n"
        "  { \"id\": \"inv-2\", \"name\": \"J\", \"sectors\": { \"crypto\": 2 },\n"
        "    \"available\": [],\n"
        "    \"unavailable\": [ { \"date\": \"2023-05-18\", \"start\": \"09:45\", \"end\": \"09:50\" } ] } ]";
    rs_event *ev = tu_load_strings(event, inv, CRYPTO_SMES);
    static const unsigned char inv1[] = {0, 1, 1, 0}; /* 10:30-11:00 ends after 10:45 */
    static const unsigned char inv2[] = {1, 0, 1, 1}; /* 09:45-09:50 cuts 09:30-10:00 */
    static const unsigned char room[] = {1, 1, 0, 1};
    assert_int_equal(ev->nslots, 4);
    for (int k = 0; k < 4; k++) {
        assert_int_equal(ev->p[0].avail[k], inv1[k]);
        assert_int_equal(ev->p[1].avail[k], inv2[k]);
        assert_int_equal(ev->p[2].avail[k], 1);
        assert_int_equal(ev->rooms[0].avail[k], room[k]);
    }
    assert_int_equal(ev->p[0].navail, 2);
    assert_int_equal(ev->p[1].navail, 3);
    rs_event_free(ev);
}

/* Travel is symmetric unless both directions are given. */
static void test_travel(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"Travel\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:00\" } ],\n"
        "  \"venues\": [ { \"id\": \"a\" }, { \"id\": \"b\" }, { \"id\": \"c\" } ],\n"
        "  \"travel_minutes\": [ { \"from\": \"a\", \"to\": \"b\", \"minutes\": 40 },\n"
        "     { \"from\": \"a\", \"to\": \"c\", \"minutes\": 10 },\n"
        "     { \"from\": \"c\", \"to\": \"a\", \"minutes\": 20 } ],\n"
        "  \"rooms\": [ { \"id\": \"ra\", \"venue\": \"a\" }, { \"id\": \"rc\", \"venue\": \"c\" } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" } ] }\n";
    rs_event *ev = tu_load_strings(event, MIN_INVESTORS, CRYPTO_SMES);
    assert_int_equal(ev->nvenues, 3);
    assert_int_equal(rs_travel(ev, 0, 1), 40);
    assert_int_equal(rs_travel(ev, 1, 0), 40);
    assert_int_equal(rs_travel(ev, 0, 2), 10);
    assert_int_equal(rs_travel(ev, 2, 0), 20);
    assert_int_equal(rs_travel(ev, 1, 2), 0);
    assert_int_equal(rs_travel(ev, 1, 1), 0);
    assert_int_equal(ev->rooms[1].venue, 2);
    rs_event_free(ev);
}

/* Custom fields starting with "x-" are accepted at every level. */
static void test_x_fields_accepted(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"Custom\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"x-organiser\": { \"contact\": \"ops@example.org\", \"n\": [1, 2] },\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:00\",\n"
        "     \"x-theme\": \"crypto day\",\n"
        "     \"breaks\": [ { \"start\": \"09:30\", \"end\": \"09:40\", \"x-catering\": true } ] } ],\n"
        "  \"venues\": [ { \"id\": \"v\", \"x-floor\": 3 } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\", \"venue\": \"v\", \"x-projector\": true,\n"
        "     \"unavailable\": [ { \"date\": \"2023-05-18\", \"start\": \"09:40\", \"end\": \"09:45\",\n"
        "        \"x-why\": \"cleaning\" } ] } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\", \"x-code\": \"C1\" } ],\n"
        "  \"rules\": { \"x-note\": null }, \"weights\": { \"x-tuned\": false },\n"
        "  \"solver\": { \"x-seed\": 7 } }\n";
    const char *inv =
        "[ { \"id\": \"inv-1\", \"name\": \"I\", \"sectors\": { \"crypto\": 2 },\n"
        "    \"x-crm-id\": 991, \"requests\": [ { \"sme\": \"sme-1\", \"x-reason\": \"met 2022\" } ] } ]";
    const char *smes =
        "[ { \"id\": \"sme-1\", \"name\": \"S\", \"sectors\": [ \"crypto\" ], \"x-\": \"\" } ]";
    char *dir = tu_event_dir(event, inv, smes);
    rs_event *ev = NULL;
    rs_code rc;
    rs_diag *d = tu_load(dir, &ev, &rc);
    tu_diag_print(d, "  unexpected: ");
    assert_int_equal(rs_diag_count(d), 0);
    assert_int_equal(rc, RS_OK);
    assert_non_null(ev);
    assert_int_equal(ev->nslots, 1); /* 09:40-10:10 passes the end */
    assert_int_equal(ev->p[0].nreq, 1);
    assert_int_equal(ev->p[0].req[0].priority, RS_PRIO_NORMAL);
    rs_event_free(ev);
    rs_diag_free(d);
    tu_rmtree(dir);
    free(dir);
}

/* Scores and candidate pairs follow the contract's formula. */
static void test_pair_scores(void **state)
{
    (void)state;
    const char *event =
        "{ \"name\": \"Scores\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:00\" } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\" } ],\n"
        "  \"sectors\": [ { \"id\": \"crypto\" }, { \"id\": \"cloud\" }, { \"id\": \"iot\" } ] }\n";
    const char *inv =
        "[ { \"id\": \"inv-1\", \"name\": \"I\", \"sectors\": { \"crypto\": 3, \"cloud\": 1, \"iot\": 2 },\n"
        "    \"stages\": [ \"A\" ], \"requests\": [ { \"sme\": \"sme-1\", \"priority\": \"high\" },\n"
        "    { \"sme\": \"sme-3\", \"priority\": \"normal\" } ] },\n"
        "  { \"id\": \"inv-2\", \"name\": \"J\", \"sectors\": { \"cloud\": 2 }, \"avoid\": [ \"sme-2\" ] } ]";
    const char *smes =
        "[ { \"id\": \"sme-1\", \"name\": \"S1\", \"sectors\": [ \"crypto\", \"cloud\", \"iot\" ],\n"
        "    \"stage\": \"A\", \"requests\": [ { \"investor\": \"inv-2\", \"priority\": \"must\" } ] },\n"
        "  { \"id\": \"sme-2\", \"name\": \"S2\", \"sectors\": [ \"cloud\" ], \"stage\": \"B\" },\n"
        "  { \"id\": \"sme-3\", \"name\": \"S3\", \"sectors\": [ \"iot\" ], \"stage\": \"B\" },\n"
        "  { \"id\": \"sme-4\", \"name\": \"S4\", \"sectors\": [ \"crypto\" ] } ]";
    rs_event *ev = tu_load_strings(event, inv, smes);
    /* participant indices: inv-1 0, inv-2 1, sme-1 2, sme-2 3, sme-3 4, sme-4 5 */
    static const struct {
        int inv, sme;
        double score; /* -1: not a candidate pair */
    } want[] = {
        /* 2*3 + 1*(1+2) = 9, stage A listed: 2, inv-1 high 10 */
        {0, 2, 21},
        /* stage B not listed, no request: not allowed */
        {0, 3, -1},
        /* 2*2 = 4, stage B not listed but requested (normal 5), no stage bonus */
        {0, 4, 9},
        /* sme-4 has no stage and inv-1 lists stages: not allowed */
        {0, 5, -1},
        /* 2*0 + 1*(2+0) = 2, must counts as high: 10 */
        {1, 2, 12},
        /* avoided by inv-2 */
        {1, 3, -1},
        /* fit 0, no request */
        {1, 4, -1},
        {1, 5, -1},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int pi = rs_pair_index(ev, want[i].inv, want[i].sme);
        if (want[i].score < 0) {
            assert_int_equal(pi, -1);
        } else {
            assert_true(pi >= 0);
            assert_true(ev->pairs[pi].score == want[i].score);
            assert_true(rs_pair_score(ev, want[i].inv, want[i].sme, NULL, NULL, NULL) ==
                        want[i].score);
        }
    }
    assert_int_equal(ev->npairs, 3);
    assert_int_equal(rs_pair_forbidden(ev, 1, 3), 1);
    assert_int_equal(rs_pair_forbidden(ev, 0, 3), 0);
    assert_int_equal(ev->pairs[rs_pair_index(ev, 1, 2)].must, 1);
    assert_int_equal(ev->pairs[rs_pair_index(ev, 0, 2)].must, 0);
    assert_int_equal(rs_find_participant(ev, "sme-3"), 4);
    assert_int_equal(rs_find_participant(ev, "nobody"), -1);
    rs_event_free(ev);
}

/* A UTF-8 byte order mark, as some editors write, is accepted. */
static void test_bom_accepted(void **state)
{
    (void)state;
    size_t n = strlen(MIN_EVENT);
    char *event = malloc(n + 4);
    assert_non_null(event);
    memcpy(event, "\xEF\xBB\xBF", 3);
    memcpy(event + 3, MIN_EVENT, n + 1);
    rs_event *ev = tu_load_strings(event, MIN_INVESTORS, MIN_SMES);
    assert_int_equal(ev->nslots, 2);
    rs_event_free(ev);
    free(event);
}

/* A missing file is RS_EIO with the reason, not RS_EINPUT. */
static void test_missing_file(void **state)
{
    (void)state;
    char *dir = tu_event_dir(MIN_EVENT, MIN_INVESTORS, MIN_SMES);
    char *smes = tu_path(dir, "smes.json");
    assert_int_equal(unlink(smes), 0);
    rs_event *ev = NULL;
    rs_code rc;
    rs_diag *d = tu_load(dir, &ev, &rc);
    assert_int_equal(rc, RS_EIO);
    assert_null(ev);
    assert_true(tu_diag_find(d, "smes.json: cannot read") >= 0);
    assert_true(tu_diag_find(d, strerror(ENOENT)) >= 0);
    rs_diag_free(d);
    rs_event *ev2 = NULL;
    d = tu_load("/nonexistent/roadshow/event", &ev2, &rc);
    assert_int_equal(rc, RS_EIO);
    assert_null(ev2);
    assert_true(rs_diag_count(d) >= 3);
    rs_diag_free(d);
    free(smes);
    tu_rmtree(dir);
    free(dir);
}

/* Loading the same folder twice gives the same event (no hidden state). */
static void test_load_twice(void **state)
{
    (void)state;
    char *dir = tu_event_dir(MIN_EVENT, MIN_INVESTORS, MIN_SMES);
    rs_event *a = tu_load_ok(dir), *b = tu_load_ok(dir);
    assert_int_equal(a->nslots, b->nslots);
    assert_int_equal(a->npairs, b->npairs);
    assert_true(a->pairs[0].score == b->pairs[0].score);
    rs_event_free(a);
    rs_event_free(b);
    rs_event_free(NULL);
    tu_rmtree(dir);
    free(dir);
}

int main(void)
{
    int fail = tu_run_folder_tests("bad inputs (tests/data/bad)", "bad", test_bad_case, 25);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_rules_and_overrides),
        cmocka_unit_test(test_slots_changeover_break),
        cmocka_unit_test(test_slots_break_boundaries),
        cmocka_unit_test(test_availability),
        cmocka_unit_test(test_travel),
        cmocka_unit_test(test_x_fields_accepted),
        cmocka_unit_test(test_pair_scores),
        cmocka_unit_test(test_bom_accepted),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_load_twice),
    };
    fail |= cmocka_run_group_tests_name("valid inputs", tests, NULL, NULL);
    rs_cleanup();
    return fail ? 1 : 0;
}
