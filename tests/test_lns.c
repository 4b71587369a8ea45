/*
 * test_lns.c - the large-neighbourhood search (lns.c) on every event of
 * tests/data/opt: from the timetable the construction gives (pairs by
 * score, musts repaired), rs_tt_lns must never lower the objective, its
 * schedule must pass the independent checker at the objective the
 * timetable reports, and a second run from the same start must end on
 * the same meetings (the search ends by itself on these small events, so
 * it repeats exactly).
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
    rs_tt_lns(c->h, rs_now() + 60, NULL);
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

int main(void)
{
    return tu_run_folder_tests("lns", "opt", test_lns_event, 5);
}
