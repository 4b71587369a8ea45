/*
 * test_rebuild.c - rebuilding whole investor-days (rebuild.c): on
 * tests/data/opt/day-shape, where an investor's morning ending at 09:30
 * keeps the afternoon out under a cap of no gaps and no single move gains,
 * the rebuilt day reaches the optimum, 36; and on every event of
 * tests/data/opt, rebuilding the construction's timetable never lowers the
 * objective and leaves a schedule the independent checker accepts at the
 * objective reported.
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "heur_state.h"
#include "testtt.h"

static void test_day_shape(void **state)
{
    (void)state;
    rs_event *ev = tu_load_ok("tests/data/opt/day-shape");
    rs_tt *h = rs_tt_new(ev);
    assert_non_null(h);
    tu_tt_place_at(h, "i", "a", 9 * 60);
    tu_tt_place_at(h, "i", "b", 9 * 60 + 30);
    assert_true(fabs(rs_tt_objective(h) - 12) < 1e-9);
    /* the local search alone finds nothing: every move is level or worse */
    rs_tt_improve(h, rs_now() + 60, NULL);
    assert_true(fabs(rs_tt_objective(h) - 12) < 1e-9);
    assert_true(rs_tt_rebuild(h, rs_now() + 60, NULL) >= 1);
    assert_true(fabs(rs_tt_objective(h) - 36) < 1e-9);
    rs_schedule *s = rs_tt_to_schedule(h);
    assert_non_null(s);
    assert_true(fabs(tu_check_ok(ev, s) - 36) < 1e-9);
    rs_schedule_free(s);
    rs_tt_free(h);
    rs_event_free(ev);
}

static void test_rebuild_event(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    rs_tt *h = tu_tt_built(ev);
    if (!h)
        return;
    double before = rs_tt_objective(h);
    long days = rs_tt_rebuild(h, rs_now() + 60, NULL);
    double after = rs_tt_objective(h);
    print_message("  %s: %g before rebuilding, %g after (%ld days rebuilt)\n", dir, before, after,
                  days);
    assert_true(after >= before - 1e-9);
    assert_true(days == 0 || after > before);
    rs_schedule *s = rs_tt_to_schedule(h);
    assert_non_null(s);
    assert_true(fabs(tu_check_ok(ev, s) - after) < 1e-6);
    rs_schedule_free(s);
    rs_tt_free(h);
    rs_event_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_shape),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed + tu_run_folder_tests("rebuild", "opt", test_rebuild_event, 5);
}
