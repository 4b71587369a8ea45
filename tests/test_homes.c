/*
 * test_homes.c - home venues (homes.c, rs_tt_set_homes).  On an event of
 * two venues whose investors fall into two sectors, each SME interesting
 * only the investors of its sector, the investors of one sector share a
 * home and the two sectors get different homes; the construction then
 * keeps every investor in its home venue, so no SME changes venue, every
 * rule holds (the independent checker) and the homes repeat run to run.
 * On a day an investor is unavailable it gets no home.  With one venue,
 * or on every event of tests/data/opt, homes change nothing that breaks
 * a rule.
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "heur_state.h"
#include "testtt.h"

/* Two days of four slots, two venues of two rooms 40 minutes apart; i0
 * and i1 invest in cloud, i2 and i3 in iot, s0..s3 are cloud SMEs and
 * s4..s7 iot ones; i3 is away on the second day. */
static const char *const two_event =
    "{ \"name\": \"two sectors\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" },"
    "            { \"date\": \"2024-05-19\", \"start\": \"09:00\", \"end\": \"11:00\" } ],"
    "  \"venues\": [ { \"id\": \"a\", \"name\": \"A\" }, { \"id\": \"b\", \"name\": \"B\" } ],"
    "  \"travel_minutes\": [ { \"from\": \"a\", \"to\": \"b\", \"minutes\": 40 } ],"
    "  \"rooms\": [ { \"id\": \"a-1\", \"venue\": \"a\" }, { \"id\": \"a-2\", \"venue\": \"a\" },"
    "             { \"id\": \"b-1\", \"venue\": \"b\" }, { \"id\": \"b-2\", \"venue\": \"b\" } ],"
    "  \"sectors\": [ { \"id\": \"cloud\" }, { \"id\": \"iot\" } ],"
    "  \"rules\": { \"investor_max_meetings\": 4, \"sme_max_meetings\": 2,"
    "             \"max_consecutive_meetings\": 4 } }";
static const char *const two_investors =
    "[ { \"id\": \"i0\", \"name\": \"I0\", \"sectors\": { \"cloud\": 3 } },"
    "  { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"cloud\": 2 } },"
    "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"iot\": 3 } },"
    "  { \"id\": \"i3\", \"name\": \"I3\", \"sectors\": { \"iot\": 2 },"
    "    \"unavailable\": [ { \"date\": \"2024-05-19\", \"start\": \"09:00\","
    "                         \"end\": \"11:00\" } ] } ]";
static const char *const two_smes =
    "[ { \"id\": \"s0\", \"name\": \"S0\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s1\", \"name\": \"S1\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s2\", \"name\": \"S2\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s3\", \"name\": \"S3\", \"sectors\": [ \"cloud\" ] },"
    "  { \"id\": \"s4\", \"name\": \"S4\", \"sectors\": [ \"iot\" ] },"
    "  { \"id\": \"s5\", \"name\": \"S5\", \"sectors\": [ \"iot\" ] },"
    "  { \"id\": \"s6\", \"name\": \"S6\", \"sectors\": [ \"iot\" ] },"
    "  { \"id\": \"s7\", \"name\": \"S7\", \"sectors\": [ \"iot\" ] } ]";

/* The homes of the first day's investors and the construction after
 * them, inside a guarded call. */
typedef struct {
    const rs_event *ev;
    rs_tt *h;
    int set;
} homes_case;

static rs_code run_homes(void *arg)
{
    homes_case *c = arg;
    const rs_event *ev = c->ev;
    c->h = rs_tt_new(ev);
    int *order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    if (!c->h || !order) {
        free(order);
        return RS_ENOMEM;
    }
    for (int p = 0; p < ev->npairs; p++)
        order[p] = p;
    rs_sort_pairs_by_score(ev, order, ev->npairs);
    c->set = rs_tt_set_homes(c->h, order, ev->npairs);
    rs_tt_place_all(c->h, order, ev->npairs);
    free(order);
    rs_tt_repair_musts(c->h);
    return RS_OK;
}

/* The home of investor id on day d. */
static int home_of(const rs_tt *h, const char *id, int d)
{
    int i = rs_find_participant(h->ev, id);
    assert_true(i >= 0 && i < h->ev->ninv);
    return h->home[(size_t)i * (size_t)h->ev->ndays + (size_t)d];
}

/* Every investor meets only in its home venue of the day, and no
 * participant changes venue within a day; the checker passes. */
static void assert_kept_home(const rs_event *ev, const rs_tt *h)
{
    for (int i = 0; i < h->nm; i++) {
        const rs_pair *pr = &ev->pairs[h->m[i].pair];
        int d = ev->slots[h->m[i].slot].day;
        int home = h->home[(size_t)pr->inv * (size_t)ev->ndays + (size_t)d];
        assert_int_equal(ev->rooms[h->m[i].room].venue, home);
    }
    rs_schedule *s = rs_tt_to_schedule(h);
    assert_non_null(s);
    double checked = tu_check_ok(ev, s);
    assert_true(fabs(checked - rs_tt_objective(h)) < 1e-6);
    rs_schedule_free(s);
}

static void test_homes_two_sectors(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(two_event, two_investors, two_smes);
    int first[8];
    for (int run = 0; run < 2; run++) {
        homes_case c = {ev, NULL, -1};
        rs_glpk_call call = {.fn = run_homes, .arg = &c, .quiet = 1};
        assert_int_equal(rs_glpk_guarded(&call), RS_OK);
        assert_int_equal(c.set, 0);
        assert_non_null(c.h->home);
        for (int d = 0; d < 2; d++) {
            assert_true(home_of(c.h, "i0", d) >= 0);
            assert_int_equal(home_of(c.h, "i0", d), home_of(c.h, "i1", d));
            assert_true(home_of(c.h, "i2", d) >= 0);
            assert_true(home_of(c.h, "i0", d) != home_of(c.h, "i2", d));
        }
        assert_int_equal(home_of(c.h, "i3", 0), home_of(c.h, "i2", 0));
        assert_int_equal(home_of(c.h, "i3", 1), -1); /* away that day */
        assert_true(c.h->nm >= 12);
        assert_kept_home(ev, c.h);
        for (int i = 0; i < 4; i++)
            for (int d = 0; d < 2; d++) {
                int hv = c.h->home[i * 2 + d];
                if (run == 0)
                    first[i * 2 + d] = hv;
                else
                    assert_int_equal(first[i * 2 + d], hv);
            }
        rs_tt_free(c.h);
    }
    rs_event_free(ev);
}

/* Every event of tests/data/opt: with one venue no homes are set; with
 * several the construction keeps them and every rule. */
static void test_homes_event(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    if (ev->format != RS_FORMAT_ONE_TO_ONE) {
        rs_event_free(ev);
        return;
    }
    homes_case c = {ev, NULL, -1};
    rs_glpk_call call = {.fn = run_homes, .arg = &c, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    assert_int_equal(c.set, 0);
    if (ev->nvenues <= 1)
        assert_null(c.h->home);
    else
        assert_kept_home(ev, c.h);
    rs_tt_free(c.h);
    rs_event_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_homes_two_sectors),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed + tu_run_folder_tests("homes", "opt", test_homes_event, 5);
}
