/*
 * test_oom.c - memory running out while reading, one allocation at a time.
 *
 * The allocations of the library (malloc, calloc and realloc, redirected
 * here by the linker's --wrap, see TEST_LIBS_test_oom in the Makefile) and
 * of cJSON (cJSON_InitHooks) are counted, and the n-th is made to fail, for
 * n = 0, 1, 2, ... until a read needs fewer: the way SQLite's tests walk
 * every allocation of a statement.  On a valid input every such failure
 * must give RS_ENOMEM (never RS_EINPUT or RS_EIO: a file is not bad because
 * the machine ran short) with nothing returned; on a broken input RS_EINPUT
 * or RS_ENOMEM.  No failure may crash or leak: AddressSanitizer watches the
 * runs in make asan.
 *
 * The readers: the event folder (rs_event_load; one with two venues open
 * at different hours, whose per-venue table of open rooms it also makes), a schedule of the event
 * (rs_schedule_load), a previous schedule for re-scheduling with its diff
 * counts (rs_previous_load, rs_diff_counts_of) and two schedules compared
 * (rs_diff_load).
 */
#include "testutil.h"
#include "workflow.h"

#include <cjson/cJSON.h>

/* ----------------------------------------------------- failing allocator */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

static int armed;          /* counting (inside the read under test)       */
static long fail_at = -1;  /* the allocation to fail, counted from 0      */
static long counted;       /* allocations since arm()                     */
static int failed;         /* the allocation fail_at was failed           */

/* Whether this allocation is the one to fail; sets errno as malloc does. */
static int fail_now(void)
{
    if (!armed || counted++ != fail_at)
        return 0;
    failed = 1;
    errno = ENOMEM;
    return 1;
}

void *__wrap_malloc(size_t n)
{
    return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? NULL : __real_realloc(p, n);
}

static void arm(void)
{
    counted = 0;
    failed = 0;
    armed = 1;
}

static void disarm(void)
{
    armed = 0;
}

/* --------------------------------------------------------------- readers */

/* What every read has at hand: the event, a schedule of it written by the
 * library, and that schedule with problems. */
typedef struct {
    char *dir;            /* temporary folder                             */
    char *event_dir;      /* tests/data/workflow/small                    */
    rs_event *ev;
    rs_schedule *s;       /* the schedule in good_path                    */
    char *good_path, *bad_path;
} fixture;

typedef enum { READ_EVENT, READ_SCHEDULE, READ_PREVIOUS, READ_DIFF } reader;

typedef struct {
    const char *name;
    reader what;
    const char *input; /* READ_EVENT: a folder under tests/data; otherwise
                          "good" or "bad" (the fixture's schedules)        */
    int valid;         /* the input has no problem                         */
} oom_case;

static const oom_case CASES[] = {
    {"event folder", READ_EVENT, "workflow/small", 1},
    {"event folder with a duplicate id", READ_EVENT, "bad/duplicate-id", 0},
    {"event folder with a duplicate key", READ_EVENT, "bad/duplicate-key", 0},
    {"event folder whose venues open at different hours", READ_EVENT, "group/travel", 1},
    {"schedule of the event", READ_SCHEDULE, "good", 1},
    {"schedule with problems", READ_SCHEDULE, "bad", 0},
    {"previous schedule and its diff counts", READ_PREVIOUS, "good", 1},
    {"previous schedule with problems", READ_PREVIOUS, "bad", 0},
    {"two schedules compared", READ_DIFF, "good", 1},
    {"two schedules compared, one with problems", READ_DIFF, "bad", 0},
};

/* Runs one read of the case, armed, and frees what it returned.  Returns
 * its result; the read must return something exactly when RS_OK. */
static rs_code read_once(const fixture *f, const oom_case *c)
{
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    const char *path = strcmp(c->input, "bad") == 0 ? f->bad_path : f->good_path;
    rs_code rc = RS_OK;
    if (c->what == READ_EVENT) {
        char *dir = tu_path(tu_data_dir(), c->input);
        rs_event *ev = (rs_event *)1;
        arm();
        rc = rs_event_load(dir, &ev, d);
        disarm();
        assert_true((rc == RS_OK) == (ev != NULL));
        rs_event_free(ev);
        free(dir);
    } else if (c->what == READ_SCHEDULE) {
        rs_schedule *s = (rs_schedule *)1;
        arm();
        rc = rs_schedule_load(f->ev, path, &s, d);
        disarm();
        assert_true((rc == RS_OK) == (s != NULL));
        rs_schedule_free(s);
    } else if (c->what == READ_PREVIOUS) {
        rs_previous *pv = (rs_previous *)1;
        rs_diff_counts counts;
        arm();
        rc = rs_previous_load(f->ev, path, &pv, d);
        if (rc == RS_OK)
            rc = rs_diff_counts_of(pv, f->ev, f->s, &counts, d);
        disarm();
        assert_true(rc != RS_OK || pv != NULL);
        if (rc == RS_OK)
            assert_int_equal(counts.kept, f->s->nm);
        if (pv != (rs_previous *)1)
            rs_previous_free(pv);
    } else {
        rs_diff *df = (rs_diff *)1;
        arm();
        rc = rs_diff_load(f->good_path, path, f->ev, &df, d);
        disarm();
        assert_true((rc == RS_OK) == (df != NULL));
        rs_diff_free(df);
    }
    rs_diag_free(d);
    return rc;
}

/* Fails each allocation of the read in turn; see the top of the file. */
static void test_every_failure(void **state)
{
    const void *const *st = (const void *const *)*state;
    const fixture *f = st[0];
    const oom_case *c = st[1];
    for (fail_at = 0;; fail_at++) {
        rs_code rc = read_once(f, c);
        if (!failed) {
            /* the read needed fewer allocations: it ran whole */
            assert_int_equal(rc, c->valid ? RS_OK : RS_EINPUT);
            break;
        }
        if (rc != RS_ENOMEM && !(rc == RS_EINPUT && !c->valid)) {
            print_error("%s: allocation %ld failed, result %d\n", c->name, fail_at, (int)rc);
            fail();
        }
    }
    assert_true(fail_at > 10); /* the counting saw the reader's allocations */
    fail_at = -1;
}

/* ------------------------------------------------------------------ main */

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    f->dir = tu_mkdtemp();
    f->event_dir = tu_path(tu_data_dir(), "workflow/small");
    f->ev = tu_load_ok(f->event_dir);
    f->s = tu_solve_ok(f->ev, RS_STRATEGY_AUTO);
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_write_formats(f->ev, f->s, f->dir, "json", d), RS_OK);
    rs_diag_free(d);
    f->good_path = tu_path(f->dir, "schedule.json");
    /* the same schedule with an unknown room and an investor listed twice */
    size_t len = 0;
    char *text = tu_read_file(f->good_path, &len);
    assert_non_null(text);
    char *room = strstr(text, "\"room\": \"");
    assert_non_null(room);
    room[9] = 'X';
    char *inv = strstr(text, "\"investors\": [");
    assert_non_null(inv);
    char *end = strchr(inv, ']');
    assert_non_null(end);
    *end = '\0';
    rs_buf b = {0};
    rs_buf_fmt(&b, "%s, \"inv-0001\", \"inv-0001\"]%s", text, end + 1);
    assert_false(b.oom);
    f->bad_path = tu_path(f->dir, "broken.json");
    tu_write_file(f->bad_path, b.p);
    free(b.p);
    free(text);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->event_dir);
    free(f->good_path);
    free(f->bad_path);
    rs_schedule_free(f->s);
    rs_event_free(f->ev);
    free(f);
    return 0;
}

/* cJSON's allocations, counted like the library's. */
static void *cjson_malloc(size_t n)
{
    return __wrap_malloc(n);
}

int main(void)
{
    cJSON_Hooks hooks = {cjson_malloc, free};
    cJSON_InitHooks(&hooks);
    void *f = NULL;
    if (setup(&f) != 0)
        return 1;
    size_t n = sizeof CASES / sizeof CASES[0];
    struct CMUnitTest tests[sizeof CASES / sizeof CASES[0]];
    const void *states[2 * (sizeof CASES / sizeof CASES[0])];
    for (size_t i = 0; i < n; i++) {
        states[2 * i] = f;
        states[2 * i + 1] = &CASES[i];
        tests[i] = (struct CMUnitTest){CASES[i].name, test_every_failure, NULL, NULL,
                                       (void *)&states[2 * i]};
    }
    int fail = _cmocka_run_group_tests("reading with every allocation failing in turn", tests,
                                       n, NULL, NULL);
    teardown(&f);
    rs_cleanup();
    return fail ? 1 : 0;
}
