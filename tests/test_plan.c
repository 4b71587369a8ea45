/*
 * test_plan.c - the plan of investor-days that the pattern relaxation
 * gives the construction on events with gap caps (rs_pattern_lagrange's
 * slots, rs_tt_place_guided).
 *
 * On every event of tests/data/opt and tests/data/plan, for both plans
 * (the least value's round, and the one with investors' shapes balanced
 * over the rooms): each participant's planned slots are a day shape
 * within that participant's own rules (availability, most meetings, the
 * consecutive limit, the gap cap over the event); the guided
 * construction puts every meeting of its first pass in its investor's
 * planned slots, and, the rest placed after it, leaves a schedule the
 * independent checker accepts at the objective the timetable reports.
 * On the events of tests/data/plan (small days with one gap each, as
 * bench/gen.c makes them) the better guided construction ends higher
 * than the plain one.
 */
#include "testutil.h"

#include "heur.h"
#include "model.h"

/* The two plans of ev into a new 2 x np x nslots map (the caller's to
 * free), the relaxation run to its end (its steps shrunk), not to a
 * clock. */
static unsigned char *plan_of(const rs_event *ev)
{
    unsigned char *plan = malloc(2 * (size_t)ev->np * (size_t)ev->nslots + 1);
    assert_non_null(plan);
    double lb = 0;
    long rounds = 0;
    assert_int_equal(rs_pattern_lagrange(ev, -HUGE_VAL, HUGE_VAL, rs_now() + 600, NULL, &lb,
                                         &rounds, plan, 0, NULL),
                     RS_OK);
    assert_true(rounds > 0);
    return plan;
}

/* Fails the test unless participant p's planned slots keep p's rules. */
static void assert_shape_ok(const rs_event *ev, const unsigned char *row, int p)
{
    const rs_participant *a = &ev->p[p];
    int n = 0, run = 0;
    for (int k = 0; k < ev->nslots; k++) {
        if (!row[k]) {
            run = 0;
            continue;
        }
        assert_true(a->avail[k]);
        n++;
        int prev = ev->slots[k].prev;
        run = prev >= 0 && row[prev] ? run + 1 : 1;
        assert_true(run <= a->max_consecutive);
    }
    assert_true(n <= a->max_meetings);
    assert_true(rs_gaps_of(ev, row) <= a->max_idle_gaps);
}

/* The construction in the selection's stead: the pairs by score, highest
 * first (ties by index), guided first when plan is not NULL.  The
 * caller's timetable to free. */
static rs_tt *construct(const rs_event *ev, const unsigned char *plan)
{
    int *order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    assert_non_null(order);
    for (int i = 0; i < ev->npairs; i++)
        order[i] = i;
    for (int i = 1; i < ev->npairs; i++) { /* insertion sort: stable */
        int q = order[i], j = i;
        while (j > 0 && ev->pairs[order[j - 1]].score < ev->pairs[q].score) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = q;
    }
    rs_tt *h = rs_tt_new(ev);
    assert_non_null(h);
    if (plan) {
        rs_tt_place_guided(h, order, ev->npairs, plan);
        int n = 0;
        const rs_placement *m = rs_tt_meetings(h, &n);
        for (int i = 0; i < n; i++) {
            const rs_pair *pr = &ev->pairs[m[i].pair];
            if (!pr->peer)
                assert_true(plan[(size_t)pr->inv * (size_t)ev->nslots + (size_t)m[i].slot]);
        }
    }
    rs_tt_place_all(h, order, ev->npairs);
    free(order);
    return h;
}

/* The objective of h's schedule, checked by the independent checker. */
static double checked(const rs_event *ev, const rs_tt *h)
{
    rs_schedule *s = rs_tt_to_schedule(h);
    assert_non_null(s);
    double v = tu_check_ok(ev, s);
    assert_true(fabs(v - rs_tt_objective(h)) < 1e-6);
    rs_schedule_free(s);
    return v;
}

/* Both plans' shapes, the guided constructions' rules and their checked
 * objectives; returns the better guided and the plain construction's
 * objectives (NaN when a must stays out even after the repair, which the
 * checker would refuse). */
static void plan_event(const char *dir, double *guided, double *plain)
{
    rs_event *ev = tu_load_ok(dir);
    *guided = *plain = NAN;
    if (ev->format != RS_FORMAT_ONE_TO_ONE) {
        rs_event_free(ev);
        return;
    }
    const size_t size = (size_t)ev->np * (size_t)ev->nslots;
    unsigned char *plan = plan_of(ev);
    for (int j = 0; j < 2; j++)
        for (int p = 0; p < ev->np; p++)
            assert_shape_ok(ev, plan + (size_t)j * size + (size_t)p * (size_t)ev->nslots, p);
    rs_tt *g[2] = {construct(ev, plan), construct(ev, plan + size)}, *h = construct(ev, NULL);
    /* a must the constructions leave out is the repair's (the timetable
     * phase runs it): the checker would refuse the schedule for it */
    if (rs_tt_repair_musts(g[0]) == 0 && rs_tt_repair_musts(g[1]) == 0 &&
        rs_tt_repair_musts(h) == 0) {
        double v0 = checked(ev, g[0]), v1 = checked(ev, g[1]);
        *guided = v0 > v1 ? v0 : v1;
        *plain = checked(ev, h);
        print_message("  %s: guided %g (least value's round), %g (balanced), plain %g\n", dir, v0,
                      v1, *plain);
    }
    rs_tt_free(g[0]);
    rs_tt_free(g[1]);
    rs_tt_free(h);
    free(plan);
    rs_event_free(ev);
}

static void test_opt_event(void **state)
{
    double guided, plain;
    plan_event(*state, &guided, &plain);
}

static void test_plan_event(void **state)
{
    double guided, plain;
    plan_event(*state, &guided, &plain);
    assert_true(guided > plain + 1e-9);
}

int main(void)
{
    int failed = tu_run_folder_tests("plan-opt", "opt", test_opt_event, 5);
    return failed + tu_run_folder_tests("plan", "plan", test_plan_event, 2);
}
