/*
 * test_glpk_fault.c - GLPK failing inside rs_solve, and solves stopped
 * early through rs_options.interrupt.
 *
 * A GLPK internal error is forced through rs_solve_test_hook (internal.h),
 * which rs_solve calls inside its GLPK guard after the selection: the hook
 * makes GLPK reject a call (a negative number of columns), GLPK calls its
 * error hook, and the guard must bring control back to rs_solve, which
 * frees GLPK's environment and reports RS_ESOLVER with a message.  The
 * same process then solves a small event again to its known optimum:
 * nothing of the failed solve is left behind (ASan's leak check and the
 * sanitized run of this test see to the "leaks nothing" part).
 */
#include "testutil.h"

#include <glpk.h>

/* Makes GLPK fail: glp_add_cols refuses a negative count with glp_error,
 * which never returns to its caller. */
static void fail_in_glpk(void)
{
    glp_prob *lp = glp_create_prob();
    glp_add_cols(lp, -1);
    fail_msg("GLPK returned from an error; the guard did not take over");
}

/* Loads tests/data/opt/NAME, which must be valid. */
static rs_event *load_opt(const char *name)
{
    char *base = tu_path(tu_data_dir(), "opt");
    char *dir = tu_path(base, name);
    rs_event *ev = tu_load_ok(dir);
    free(dir);
    free(base);
    return ev;
}

/* Solves with rs_solve_test_hook making GLPK fail: RS_ESOLVER, no
 * schedule, and the guard's message in the diag. */
static void solve_with_fault(const rs_event *ev, rs_strategy strategy)
{
    rs_diag *d = rs_diag_new();
    rs_code rc;
    rs_solve_test_hook = fail_in_glpk;
    rs_schedule *s = tu_solve(ev, strategy, &rc, d);
    rs_solve_test_hook = NULL;
    assert_int_equal(rc, RS_ESOLVER);
    assert_null(s);
    assert_true(tu_diag_find(d, "GLPK reported an internal error") >= 0);
    rs_diag_free(d);
}

/* Solves tests/data/opt/NAME and checks the optimum against its
 * "expected" file. */
static void solve_opt_case(const char *name)
{
    char *base = tu_path(tu_data_dir(), "opt");
    char *dir = tu_path(base, name);
    char *exp_path = tu_path(dir, "expected");
    char *exp = tu_read_file(exp_path, NULL);
    assert_non_null(exp);
    rs_event *ev = tu_load_ok(dir);
    rs_code rc;
    rs_diag *d = rs_diag_new();
    rs_schedule *s = tu_solve(ev, RS_STRATEGY_DIRECT, &rc, d);
    tu_diag_print(d, "  ");
    assert_int_equal(rc, RS_OK);
    assert_non_null(s);
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    assert_string_equal(info.status, "optimal");
    assert_true(fabs(info.objective - strtod(exp, NULL)) < 1e-9);
    assert_int_equal(rs_check(ev, s, NULL, d), RS_OK);
    rs_schedule_free(s);
    rs_diag_free(d);
    rs_event_free(ev);
    free(exp);
    free(exp_path);
    free(dir);
    free(base);
}

/* A GLPK error inside rs_solve comes back as RS_ESOLVER with a message and
 * no schedule, and the next solve in the process works. */
static void test_glpk_error_is_caught(void **state)
{
    (void)state;
    rs_event *ev = load_opt("scoring");
    solve_with_fault(ev, RS_STRATEGY_DIRECT);
    rs_event_free(ev);

    /* the same process, GLPK's environment made anew */
    solve_opt_case("scoring");
    solve_opt_case("capacity");
}

/* Two faults in a row, each followed by a good solve: the guard and the
 * environment it frees stay usable. */
static void test_glpk_error_twice(void **state)
{
    (void)state;
    for (int round = 0; round < 2; round++) {
        rs_event *ev = load_opt("requests");
        solve_with_fault(ev, RS_STRATEGY_DECOMPOSE);
        rs_event_free(ev);
        solve_opt_case("requests");
    }
}

/* An interrupt raised before the solve starts: rs_solve skips the
 * selection LP and the searches, and still returns a schedule that obeys
 * every rule, with a true bound and "optimal" only when it equals it. */
static void test_interrupt_before_start(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "../../inputs/chengdu-2023");
    rs_event *ev = tu_load_ok(dir);
    volatile sig_atomic_t stop = 1;
    rs_options o;
    rs_options_init(&o);
    o.quiet = 1;
    o.time_limit = 60;
    o.interrupt = &stop;
    rs_schedule *s = NULL;
    rs_diag *d = rs_diag_new();
    double t0 = rs_now();
    rs_code rc = rs_solve(ev, &o, &s, d);
    double took = rs_now() - t0;
    tu_diag_print(d, "  ");
    assert_int_equal(rc, RS_OK);
    assert_non_null(s);
    assert_true(took < 5.0);
    double obj = NAN;
    assert_int_equal(rs_check(ev, s, &obj, d), RS_OK);
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    assert_true(fabs(obj - info.objective) < 1e-6);
    assert_true(info.bound >= info.objective - 1e-9);
    if (strcmp(info.status, "optimal") != 0) {
        assert_string_equal(info.status, "feasible");
        assert_true(info.bound > info.objective);
        assert_true(info.gap > 0);
    }
    /* the bound without the LP is still at least the LP's: compare with
     * an uninterrupted run's proven bound (it can only be tighter) */
    rs_schedule *full = NULL;
    o.interrupt = NULL;
    o.time_limit = 5;
    assert_int_equal(rs_solve(ev, &o, &full, d), RS_OK);
    rs_schedule_info finfo;
    rs_schedule_info_get(ev, full, &finfo);
    assert_true(info.bound >= finfo.objective - 1e-9);
    rs_schedule_free(full);
    rs_schedule_free(s);
    rs_diag_free(d);
    rs_event_free(ev);
    free(dir);
}

/* Loads the bundled sample NAME, with its "idle_slot": 1 weight replaced
 * by `idle` (a string, e.g. "1.5", which moves the selection from the flow
 * to GLPK's LP) when idle is not NULL. */
static rs_event *load_sample(const char *name, const char *idle)
{
    char *base = tu_path(tu_data_dir(), "../../inputs");
    char *dir = tu_path(base, name);
    if (!idle) {
        rs_event *ev = tu_load_ok(dir);
        free(dir);
        free(base);
        return ev;
    }
    const char *files[3] = {"event.json", "investors.json", "smes.json"};
    char *text[3];
    for (int f = 0; f < 3; f++) {
        char *path = tu_path(dir, files[f]);
        text[f] = tu_read_file(path, NULL);
        assert_non_null(text[f]);
        free(path);
    }
    char *at = strstr(text[0], "\"idle_slot\": 1");
    assert_non_null(at);
    size_t head = (size_t)(at - text[0]) + strlen("\"idle_slot\": ");
    char *ej = malloc(strlen(text[0]) + strlen(idle) + 1);
    assert_non_null(ej);
    memcpy(ej, text[0], head);
    strcpy(ej + head, idle);
    strcat(ej, at + strlen("\"idle_slot\": 1"));
    rs_event *ev = tu_load_strings(ej, text[1], text[2]);
    free(ej);
    for (int f = 0; f < 3; f++)
        free(text[f]);
    free(dir);
    free(base);
    return ev;
}

/* Memory ceilings from 1 MiB up, on the three ways GLPK is used: the
 * selection flow and the direct model (the sample), the selection LP
 * (weights that are not whole numbers) and the group model (the pitch
 * day).  GLPK stops wherever its memory runs out (building the flow,
 * the LP, the model, or inside branch and cut) and the guard brings
 * control back: every run either ends with RS_ENOSOLUTION and the
 * limit's message, or returns a schedule that passes check, with the
 * message when the limit was hit.  Nothing GLPK was holding, nor the work
 * arrays of the code that called it, may leak: the sanitized run of this
 * test (make asan) fails on any leak. */
static void test_memory_limits(void **state)
{
    (void)state;
    struct {
        const char *sample, *idle;
        rs_strategy strategy;
    } cases[] = {
        {"chengdu-2023", NULL, RS_STRATEGY_DIRECT},
        {"chengdu-2023", "1.5", RS_STRATEGY_DIRECT},
        {"chengdu-2023-pitch-day", NULL, RS_STRATEGY_AUTO},
    };
    const int limits[] = {1, 2, 3, 5, 8};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        rs_event *ev = load_sample(cases[c].sample, cases[c].idle);
        int hit = 0, done = 0;
        for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
            rs_options o;
            rs_options_init(&o);
            o.quiet = 1;
            o.time_limit = 1.5;
            o.strategy = cases[c].strategy;
            o.memory_limit_mb = limits[l];
            rs_schedule *s = NULL;
            rs_diag *d = rs_diag_new();
            rs_code rc = rs_solve(ev, &o, &s, d);
            char msg[64];
            snprintf(msg, sizeof msg, "GLPK needed more than %d MiB", limits[l]);
            int said = tu_diag_find(d, msg) >= 0;
            printf("  %s%s%s, %d MiB: rc %d, %s\n", cases[c].sample,
                   cases[c].idle ? " idle_slot " : "", cases[c].idle ? cases[c].idle : "",
                   limits[l], (int)rc, said ? "the limit was hit" : "within the limit");
            if (rc == RS_ENOSOLUTION) {
                assert_null(s);
                assert_true(said);
            } else {
                assert_int_equal(rc, RS_OK);
                assert_non_null(s);
                tu_check_ok(ev, s);
                done++;
            }
            hit += said;
            rs_schedule_free(s);
            rs_diag_free(d);
        }
        assert_true(hit > 0);  /* the ceilings do bite */
        assert_true(done > 0); /* and a schedule comes back below them */
        rs_event_free(ev);
    }
    /* GLPK works as before once the ceilings are gone */
    solve_opt_case("scoring");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glpk_error_is_caught),
        cmocka_unit_test(test_glpk_error_twice),
        cmocka_unit_test(test_interrupt_before_start),
        cmocka_unit_test(test_memory_limits),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rs_cleanup();
    return rc;
}
