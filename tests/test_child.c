/*
 * test_child.c - work in a child process beside the caller's (child.c),
 * as the caps phase's rounds, the twins and the brokerage day's questions
 * use it.
 *
 * The caller must get what the child wrote byte for byte however long it
 * is (more than a pipe holds, so the child blocks until the caller
 * reads), learn when the child is done, not wait past the time it gives,
 * and stop a child still at work at once; and a solve asked to keep to
 * one process (rs_options.single_process) must start none; a GLPK error
 * in a child must end the child, not the caller's guarded call.  Each case
 * runs only where a second processor is online, as the library's users
 * do.
 */
#include "testutil.h"

#include "child.h"
#include "glpk_layer.h"

#define BIG (300 * 1024) /* bytes: several times what a pipe holds */

/* Byte i of the known pattern write_pattern writes. */
static unsigned char pattern_at(size_t i)
{
    return (unsigned char)(i * 7 + i / 256);
}

/* Writes BIG bytes of a known pattern. */
static void write_pattern(void *ctx, int fd)
{
    (void)ctx;
    static unsigned char buf[BIG];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = pattern_at(i);
    (void)rs_write_all(fd, buf, sizeof buf);
}

/* Writes nothing. */
static void write_nothing(void *ctx, int fd)
{
    (void)ctx;
    (void)fd;
}

/* Works until the deadline it is given (ctx), then writes one int. */
static void work_until(void *ctx, int fd)
{
    double until = *(const double *)ctx;
    while (rs_now() < until)
        ;
    int done = 1;
    (void)rs_write_all(fd, &done, sizeof done);
}

static void test_answer_whole(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    rs_child *c = rs_child_start(rs_now() + 30, write_pattern, NULL);
    assert_non_null(c);
    assert_int_equal(rs_child_read(c, rs_now() + 30), 1);
    size_t len = 0;
    const unsigned char *d = rs_child_data(c, &len);
    assert_int_equal(len, BIG);
    for (size_t i = 0; i < len; i++)
        assert_int_equal(d[i], pattern_at(i));
    rs_child_free(c);
}

/* Reading as it comes and dropping what was read (rs_child_consume, as
 * the brokerage day's questions take their progress records): every
 * byte arrives once, in order, and dropping more than was read drops
 * what there is. */
static void test_consumed_as_read(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    rs_child *c = rs_child_start(rs_now() + 30, write_pattern, NULL);
    assert_non_null(c);
    size_t seen = 0, len = 0;
    int ended = 0;
    double until = rs_now() + 30;
    while (!ended && rs_now() < until) {
        ended = rs_child_read(c, rs_now() + 0.001);
        const unsigned char *d = rs_child_data(c, &len);
        size_t take = len / 2 + 1; /* leave some for the next turn */
        if (take > len)
            take = len;
        for (size_t i = 0; i < take; i++)
            assert_int_equal(d[i], pattern_at(seen + i));
        size_t left = len - take;
        rs_child_consume(c, take);
        seen += take;
        (void)rs_child_data(c, &len);
        assert_int_equal(len, left);
    }
    assert_true(ended);
    (void)rs_child_data(c, &len);
    assert_int_equal(seen + len, BIG);
    rs_child_consume(c, len + 5);
    (void)rs_child_data(c, &len);
    assert_int_equal(len, 0);
    rs_child_free(c);
}

static void test_empty_answer(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    rs_child *c = rs_child_start(rs_now() + 30, write_nothing, NULL);
    assert_non_null(c);
    assert_int_equal(rs_child_read(c, rs_now() + 30), 1);
    size_t len = 1;
    (void)rs_child_data(c, &len);
    assert_int_equal(len, 0);
    rs_child_free(c);
}

/* A child at work: reading without waiting, and waiting 0.2 s, find it
 * not done, within about the time given; freeing it stops it at once
 * (it would work 20 s). */
static void test_stopped_at_work(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    double until = rs_now() + 20;
    rs_child *c = rs_child_start(until, work_until, &until);
    assert_non_null(c);
    assert_int_equal(rs_child_read(c, 0), 0);
    double t0 = rs_now();
    assert_int_equal(rs_child_read(c, t0 + 0.2), 0);
    double waited = rs_now() - t0;
    assert_true(waited >= 0.15 && waited < 2);
    size_t len = 1;
    (void)rs_child_data(c, &len);
    assert_int_equal(len, 0);
    t0 = rs_now();
    rs_child_free(c);
    assert_true(rs_now() - t0 < 2);
    rs_child_free(NULL);
}

/* Writes one byte, then makes GLPK raise its error (a column that does
 * not exist), then would write another. */
static void glpk_error_body(void *ctx, int fd)
{
    (void)ctx;
    unsigned char b = 1;
    (void)rs_write_all(fd, &b, 1);
    glp_prob *lp = glp_create_prob();
    glp_set_col_bnds(lp, 5, GLP_DB, 0, 1);
    b = 2;
    (void)rs_write_all(fd, &b, 1);
}

/* The caller's side of test_glpk_error_in_child, inside a guarded GLPK
 * call as the search is when it starts its children: the child's
 * answer (arg) is read whole. */
static rs_code start_glpk_error_child(void *arg)
{
    unsigned char *got = arg;
    rs_child *c = rs_child_start(rs_now() + 30, glpk_error_body, NULL);
    if (!c)
        return RS_ENOMEM;
    int done = rs_child_read(c, rs_now() + 30);
    size_t len = 0;
    const unsigned char *d = rs_child_data(c, &len);
    got[0] = (unsigned char)done;
    got[1] = (unsigned char)len;
    got[2] = len ? d[0] : 0;
    rs_child_free(c);
    return RS_OK;
}

/* A GLPK error in a child started inside the caller's guarded call ends
 * the child with what it wrote so far; the caller's guard never fires
 * and the caller goes on (GLPK's hook in the copy would otherwise jump
 * back into the caller's code inside the child). */
static void test_glpk_error_in_child(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    unsigned char got[3] = {0, 0, 0};
    rs_glpk_call call = {start_glpk_error_child, got, 1, 0, 0, 0};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    assert_int_equal(call.failed, 0);
    assert_int_equal(got[0], 1);
    assert_int_equal(got[1], 1);
    assert_int_equal(got[2], 1);
}

/* Records the phases a solve reports, each once, as "name,name,...," in
 * user (a char buffer of PHASES_MAX bytes). */
#define PHASES_MAX 512
static int record_phase(const rs_progress *p, void *user)
{
    char *seen = user, name[64];
    snprintf(name, sizeof name, "%s,", p->phase ? p->phase : "?");
    if (!strstr(seen, name) && strlen(seen) + strlen(name) < PHASES_MAX)
        strcat(seen, name);
    return 0;
}

/* Children started by solving the event in dir for seconds with
 * single_process as given, recording the phases reported into seen
 * unless NULL; the schedule must come either way and pass the checker. */
static long children_of_solve(const char *dir, double seconds, int single_process, char *seen)
{
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    assert_non_null(d);
    assert_int_equal(rs_event_load(dir, &ev, d), RS_OK);
    rs_options o;
    rs_options_init(&o);
    o.time_limit = seconds;
    o.quiet = 1;
    o.single_process = single_process;
    if (seen) {
        seen[0] = '\0';
        o.progress = record_phase;
        o.progress_user = seen;
    }
    long before = rs_child_started();
    rs_schedule *s = NULL;
    assert_int_equal(rs_solve(ev, &o, &s, d), RS_OK);
    long n = rs_child_started() - before;
    tu_check_ok(ev, s);
    rs_schedule_free(s);
    rs_event_free(ev);
    rs_diag_free(d);
    return n;
}

/* single_process keeps the whole solve in the calling process (for
 * programs with threads of their own); by default the twin annealing
 * runs beside it on a one-to-one day, and the twin neighbourhood search
 * on a group day (the twin needs 1 s of search: on the pitch day it
 * starts once the first schedule is improved, at about 0.6 s of 4, and
 * searches until a quarter second before the end). */
static void test_solve_processes(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    assert_int_equal(children_of_solve("inputs/chengdu-2023", 1.5, 1, NULL), 0);
    assert_true(children_of_solve("inputs/chengdu-2023", 1.5, 0, NULL) >= 1);
    assert_int_equal(children_of_solve("inputs/chengdu-2023-pitch-day", 4, 1, NULL), 0);
    assert_true(children_of_solve("inputs/chengdu-2023-pitch-day", 4, 0, NULL) >= 1);
}

/* On a group day whose compact model is built, the twin of the
 * neighbourhood search starts beside the model's first LP and searches
 * until the run's end.  Where that LP does not finish in its share
 * (tests/data/twin-lp, a two-room panel day whose LP takes seconds), the
 * phase's own search ends at two thirds of the time left, and the join
 * phase takes the twin's timetable after branch and cut; where the LP
 * finishes at once (tests/data/group-lns/cap2203), the search has the
 * rest of the run and takes the twin itself, so join has nothing to do.
 * Either way the schedule must pass the checker. */
static void test_twin_beside_lp(void **state)
{
    (void)state;
    if (!rs_child_second_core())
        skip();
    char seen[PHASES_MAX];
    assert_true(children_of_solve("tests/data/twin-lp", 4, 0, seen) >= 1);
    assert_non_null(strstr(seen, "lns,"));
    assert_non_null(strstr(seen, "join,"));
    assert_true(children_of_solve("tests/data/group-lns/cap2203", 3, 0, seen) >= 1);
    assert_non_null(strstr(seen, "lns,"));
    assert_null(strstr(seen, "join,"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_whole),
        cmocka_unit_test(test_consumed_as_read),
        cmocka_unit_test(test_empty_answer),
        cmocka_unit_test(test_stopped_at_work),
        cmocka_unit_test(test_glpk_error_in_child),
        cmocka_unit_test(test_solve_processes),
        cmocka_unit_test(test_twin_beside_lp),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
