/*
 * test_retime.c - the exact re-timing of participant-days (retime.c):
 * on tests/data/opt/gap-count, where the hub's four meetings always leave
 * it three idle slots and only the gaps tell the layouts apart, a day laid
 * out as three gaps of one slot is re-timed to the one gap of three slots
 * (the optimum, 35); and on every event of tests/data/opt, re-timing the
 * construction's timetable never lowers the objective and leaves a
 * schedule the independent checker accepts at the objective reported.
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "heur_state.h"
#include "testtt.h"

typedef struct {
    rs_tt *h;
    long changed;
} rt_case;

static rs_code run_retime(void *arg)
{
    rt_case *c = arg;
    c->changed = rs_tt_retime(c->h, rs_now() + 60, NULL);
    return RS_OK;
}

static void test_gap_layout(void **state)
{
    (void)state;
    rs_event *ev = tu_load_ok("tests/data/opt/gap-count");
    rt_case c = {rs_tt_new(ev), 0};
    assert_non_null(c.h);
    tu_tt_place_at(c.h, "h", "a", 9 * 60);
    tu_tt_place_at(c.h, "h", "b", 10 * 60);
    tu_tt_place_at(c.h, "h", "c", 11 * 60);
    tu_tt_place_at(c.h, "h", "d", 12 * 60);
    /* 40 in scores, 3 idle slots, three gaps of weight 2 */
    assert_true(fabs(rs_tt_objective(c.h) - 31) < 1e-9);
    rs_glpk_call call = {.fn = run_retime, .arg = &c, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    assert_true(c.changed >= 1);
    assert_true(fabs(rs_tt_objective(c.h) - 35) < 1e-9);
    rs_schedule *s = rs_tt_to_schedule(c.h);
    assert_non_null(s);
    assert_true(fabs(tu_check_ok(ev, s) - 35) < 1e-9);
    rs_schedule_free(s);
    rs_tt_free(c.h);
    rs_event_free(ev);
}

/* From the construction (pairs by score, musts repaired). */
static rs_code run_built(void *arg)
{
    rt_case *c = arg;
    return tu_tt_construct(c->h, c->h->ev);
}

static void test_retime_event(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    if (ev->format != RS_FORMAT_ONE_TO_ONE) {
        rs_event_free(ev);
        return;
    }
    rt_case c = {rs_tt_new(ev), 0};
    assert_non_null(c.h);
    rs_glpk_call call = {.fn = run_built, .arg = &c, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    double before = rs_tt_objective(c.h);
    call.fn = run_retime;
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    double after = rs_tt_objective(c.h);
    print_message("  %s: %g before re-timing, %g after (%ld days changed)\n", dir, before, after,
                  c.changed);
    assert_true(after >= before - 1e-9);
    rs_schedule *s = rs_tt_to_schedule(c.h);
    assert_non_null(s);
    assert_true(fabs(tu_check_ok(ev, s) - after) < 1e-6);
    rs_schedule_free(s);
    rs_tt_free(c.h);
    rs_event_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap_layout),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed + tu_run_folder_tests("retime", "opt", test_retime_event, 5);
}
