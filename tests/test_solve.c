/*
 * test_solve.c - rs_solve against objectives worked out by hand.
 *
 * Every folder of tests/data/opt holds a small event, an "expected" file
 * with its optimal objective, and a README deriving it by hand.  Each is
 * solved with the default strategy and with RS_STRATEGY_DIRECT; the result
 * must be proved optimal at exactly that objective (RS_STRATEGY_DECOMPOSE,
 * the heuristic alone, must reach it, proof or not), pass rs_check (whose
 * recomputed objective must agree), read back from schedule.json, and come
 * out byte-identical when solved and written again.
 *
 * Every folder of tests/data/mixed holds a brokerage day of must
 * requests with a few optional ones, whose optimum the exact search over
 * the musts (and the optional pairs worth a meeting) reaches and the
 * selection bound proves, and a README with what the one-to-one phases
 * alone reached: solved with the default strategy, the result must be
 * proved optimal at the "expected" objective, twice with the same bytes.
 *
 * Every folder of tests/data/rescue holds an event whose first timetables
 * leave musts out although a schedule meeting them exists: the solve must
 * run the rescue phase and return a schedule that passes rs_check (which
 * holds every must to be met).
 *
 * Every folder of tests/data/infeasible holds an event whose must requests
 * cannot all hold: rs_solve returns RS_EINFEASIBLE and the diag names the
 * participants (the folder's "expect" lines).
 */
#include "testutil.h"

/* Solves, checks and returns the schedule; fails the test on any gap
 * between the result and the hand-worked optimum. */
static rs_schedule *solve_optimal(const rs_event *ev, rs_strategy strategy, double expected,
                                  const char *label)
{
    rs_schedule *s = tu_solve_ok(ev, strategy);

    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    if (strcmp(info.status, "optimal") != 0 || info.objective != expected ||
        info.bound != info.objective || info.gap != 0)
        print_error("%s: status %s objective %g bound %g gap %g, expected optimal %g\n", label,
                    info.status, info.objective, info.bound, info.gap, expected);
    assert_string_equal(info.status, "optimal");
    assert_true(info.objective == expected);
    assert_true(info.bound == info.objective);
    assert_true(info.gap == 0);
    assert_int_equal(info.meetings, s->nm);
    assert_true(s->nm > 0);

    /* the independent checker agrees, and so does the library's own sum */
    rs_diag *d = rs_diag_new();
    double obj = NAN;
    rs_code rc = rs_check(ev, s, &obj, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  check: ");
    assert_int_equal(rc, RS_OK);
    assert_int_equal(rs_diag_count(d), 0);
    assert_true(obj == expected);
    int idle = -1, shortfalls = -1;
    assert_true(rs_objective(ev, s, &idle, &shortfalls) == expected);
    assert_int_equal(idle, s->idle_slots);
    rs_diag_free(d);
    return s;
}

/* Writes s into a fresh temporary folder; returns schedule.json's text
 * with the seconds line removed, and the folder (to remove) in *dir. */
static char *write_and_read(const rs_event *ev, const rs_schedule *s, char **dir)
{
    *dir = tu_mkdtemp();
    char *out = tu_path(*dir, "out"); /* missing: rs_write_outputs creates it */
    rs_diag *d = rs_diag_new();
    rs_code rc = rs_write_outputs(ev, s, out, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  diag: ");
    assert_int_equal(rc, RS_OK);
    rs_diag_free(d);
    char *path = tu_path(out, "schedule.json");
    char *text = tu_read_file(path, NULL);
    assert_non_null(text);

    /* the written file reads back and passes the check at the same value */
    rs_schedule *back = NULL;
    d = rs_diag_new();
    rc = rs_schedule_load(ev, path, &back, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  load: ");
    assert_int_equal(rc, RS_OK);
    assert_int_equal(back->nm, s->nm);
    assert_true(tu_check_ok(ev, back) == s->objective);
    assert_true(back->objective == s->objective);
    assert_string_equal(back->status, "optimal");
    rs_schedule_free(back);
    rs_diag_free(d);

    free(path);
    free(out);
    tu_strip_seconds(text);
    return text;
}

/* Determinism: two schedules of the same input and options are written
 * as the same bytes. */
static void assert_same_bytes(const rs_event *ev, const rs_schedule *a, const rs_schedule *b)
{
    char *da, *db;
    char *ta = write_and_read(ev, a, &da);
    char *tb = write_and_read(ev, b, &db);
    assert_non_null(strstr(ta, "\"meetings\""));
    assert_null(strstr(ta, "\"seconds\""));
    if (strcmp(ta, tb) != 0)
        print_error("two runs differ:\n--- first\n%s\n--- second\n%s\n", ta, tb);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    tu_rmtree(da);
    tu_rmtree(db);
    free(da);
    free(db);
}

/* The folder's "expected" objective, after checking that its README (the
 * derivation, or the measurements) is there. */
static double case_expected(const char *dir)
{
    char *exp_path = tu_path(dir, "expected");
    double expected = tu_read_number(exp_path);
    free(exp_path);
    char *readme = tu_path(dir, "README");
    assert_int_equal(access(readme, R_OK), 0);
    free(readme);
    return expected;
}

static void test_opt_case(void **state)
{
    const char *dir = *state;
    double expected = case_expected(dir); /* the derivation is written down */
    rs_event *ev = tu_load_ok(dir);

    rs_schedule *a = solve_optimal(ev, RS_STRATEGY_AUTO, expected, "auto");
    rs_schedule *b = solve_optimal(ev, RS_STRATEGY_AUTO, expected, "auto, again");
    rs_schedule *c = solve_optimal(ev, RS_STRATEGY_DIRECT, expected, "direct");

    /* the timetabling heuristic alone (construction, local search, Kempe
     * chains, annealing, re-timing) finds the hand-worked optimum too; its
     * bound is the selection's, which may stay above it */
    rs_schedule *h = tu_solve_ok(ev, RS_STRATEGY_DECOMPOSE);
    rs_schedule_info hi;
    rs_schedule_info_get(ev, h, &hi);
    if (hi.objective != expected)
        print_error("decompose: objective %g, expected %g\n", hi.objective, expected);
    assert_true(hi.objective == expected);
    assert_true(hi.bound >= hi.objective);
    assert_true(tu_check_ok(ev, h) == expected);
    rs_schedule_free(h);

    assert_same_bytes(ev, a, b);
    rs_schedule_free(a);
    rs_schedule_free(b);
    rs_schedule_free(c);
    rs_event_free(ev);
}

static void test_mixed_case(void **state)
{
    const char *dir = *state;
    double expected = case_expected(dir);
    rs_event *ev = tu_load_ok(dir);
    rs_schedule *a = solve_optimal(ev, RS_STRATEGY_AUTO, expected, "auto");
    rs_schedule *b = solve_optimal(ev, RS_STRATEGY_AUTO, expected, "auto, again");
    assert_same_bytes(ev, a, b);
    rs_schedule_free(a);
    rs_schedule_free(b);
    rs_event_free(ev);
}

/* The progress callback of test_rescue_case: notes whether the rescue
 * phase reported (user: an int). */
static int saw_rescue(const rs_progress *p, void *user)
{
    if (p->phase && strcmp(p->phase, "rescue") == 0)
        *(int *)user = 1;
    return 0;
}

static void test_rescue_case(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    for (int strategy = RS_STRATEGY_AUTO; strategy <= RS_STRATEGY_DECOMPOSE; strategy++) {
        rs_options o;
        rs_options_init(&o);
        o.quiet = 1;
        o.time_limit = 3;
        o.strategy = (rs_strategy)strategy;
        int rescued = 0;
        o.progress = saw_rescue;
        o.progress_user = &rescued;
        rs_schedule *s = tu_solve_with_ok(ev, &o);
        assert_true(rescued);
        tu_check_ok(ev, s);
        rs_schedule_free(s);
    }
    rs_event_free(ev);
}

static void test_infeasible_case(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    for (int strategy = RS_STRATEGY_AUTO; strategy <= RS_STRATEGY_DIRECT; strategy++) {
        rs_code rc;
        rs_diag *d = rs_diag_new();
        rs_schedule *s = tu_solve(ev, (rs_strategy)strategy, &rc, d);
        assert_int_equal(rc, RS_EINFEASIBLE);
        assert_null(s);
        char *expect = tu_path(dir, "expect");
        assert_int_equal(tu_expect_lines(d, expect), 0);
        free(expect);
        rs_diag_free(d);
    }
    /* the pre-check alone finds it too (roadshow validate uses it) */
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_event_precheck(ev, d), RS_EINFEASIBLE);
    assert_true(rs_diag_count(d) > 0);
    rs_diag_free(d);
    rs_event_free(ev);
}

/* A solvable event passes the pre-check with an empty diag. */
static void test_precheck_ok(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "opt/requests");
    rs_event *ev = tu_load_ok(dir);
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_event_precheck(ev, d), RS_OK);
    assert_int_equal(rs_diag_count(d), 0);
    rs_diag_free(d);
    rs_event_free(ev);
    free(dir);
}

/* The explanations the schedule carries for the hand-worked cases:
 * sme-1's request of inv-a is left out (inv-a's one meeting is the must),
 * and sme-1 of the shortfall case is one meeting short of two. */
static void test_explanations(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "opt/requests");
    rs_event *ev = tu_load_ok(dir);
    rs_code rc;
    rs_schedule *s = tu_solve(ev, RS_STRATEGY_AUTO, &rc, NULL);
    assert_int_equal(rc, RS_OK);
    assert_int_equal(s->nunmet, 1);
    assert_string_equal(ev->p[s->unmet[0].from].id, "sme-1");
    assert_string_equal(ev->p[s->unmet[0].to].id, "inv-a");
    assert_int_equal(s->unmet[0].priority, RS_PRIO_HIGH);
    assert_non_null(strstr(s->unmet[0].reason, "inv-a"));
    assert_int_equal(s->nshort, 0);
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    assert_int_equal(info.requests, 4);
    assert_int_equal(info.requests_met, 3);
    assert_int_equal(info.smes_served, 2);
    rs_schedule_free(s);
    rs_event_free(ev);
    free(dir);

    dir = tu_path(tu_data_dir(), "opt/shortfall");
    ev = tu_load_ok(dir);
    s = tu_solve(ev, RS_STRATEGY_AUTO, &rc, NULL);
    assert_int_equal(rc, RS_OK);
    assert_int_equal(s->nshort, 1);
    assert_string_equal(ev->p[s->short_[0].participant].id, "sme-1");
    assert_int_equal(s->short_[0].meetings, 1);
    assert_int_equal(s->short_[0].minimum, 2);
    assert_int_equal(s->nm, 3);
    rs_schedule_free(s);
    rs_event_free(ev);
    free(dir);
}

int main(void)
{
    int fail = tu_run_folder_tests("hand-worked optima (tests/data/opt)", "opt", test_opt_case, 6);
    fail |= tu_run_folder_tests("brokerage days with optional requests (tests/data/mixed)",
                                "mixed", test_mixed_case, 1);
    fail |= tu_run_folder_tests("musts the first timetables leave out (tests/data/rescue)",
                                "rescue", test_rescue_case, 1);
    fail |= tu_run_folder_tests("infeasible must requests (tests/data/infeasible)", "infeasible",
                                test_infeasible_case, 3);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_precheck_ok),
        cmocka_unit_test(test_explanations),
    };
    fail |= cmocka_run_group_tests_name("solve", tests, NULL, NULL);
    rs_cleanup();
    return fail ? 1 : 0;
}
