/*
 * testtt.h - the timetable the heuristic's construction gives, and
 * meetings placed by hand, for the tests of the phases that improve it
 * (test_heur_state.c, test_lns.c, test_rebuild.c, test_retime.c).
 * Include after testutil.h.
 */
#ifndef RS_TESTTT_H
#define RS_TESTTT_H

#include "heur_state.h"

/* Fills h as the construction does: every pair by score where it fits,
 * then the musts repaired.  Must run inside a guarded GLPK call (the
 * repair may call GLPK).  RS_OK or RS_ENOMEM. */
static inline rs_code tu_tt_construct(rs_tt *h, const rs_event *ev)
{
    int *order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    if (!order)
        return RS_ENOMEM;
    for (int p = 0; p < ev->npairs; p++)
        order[p] = p;
    rs_sort_pairs_by_score(ev, order, ev->npairs);
    rs_tt_place_all(h, order, ev->npairs);
    free(order);
    rs_tt_repair_musts(h);
    return RS_OK;
}

/* tu_tt_construct for a guarded GLPK call: arg is the timetable, filled
 * for its own event. */
static inline rs_code tu_tt_run_construct(void *arg)
{
    rs_tt *h = arg;
    return tu_tt_construct(h, h->ev);
}

/* A new timetable of ev filled by the construction in a guarded GLPK call
 * (include glpk_layer.h first), the caller's to free; NULL, with ev freed,
 * when ev is not a one-to-one event (nothing to test there). */
TU_UNUSED static rs_tt *tu_tt_built(rs_event *ev)
{
    if (ev->format != RS_FORMAT_ONE_TO_ONE) {
        rs_event_free(ev);
        return NULL;
    }
    rs_tt *h = rs_tt_new(ev);
    assert_non_null(h);
    rs_glpk_call call = {.fn = tu_tt_run_construct, .arg = h, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    return h;
}

/* Places the meeting of participants a and b (ids) at start (minutes) of
 * the event's first day, in its first room; fails the test when there is
 * no such pair or slot. */
TU_UNUSED static void tu_tt_place_at(rs_tt *h, const char *a, const char *b, int start)
{
    const rs_event *ev = h->ev;
    int pa = rs_find_participant(ev, a), pb = rs_find_participant(ev, b);
    assert_true(pa >= 0 && pb >= 0);
    int pair = rs_pair_index(ev, pa, pb), k = rs_find_slot(ev, ev->days[0].date, start);
    assert_true(pair >= 0 && k >= 0);
    assert_int_equal(rs_tt_place(h, pair, k, 0), 0);
}

#endif /* RS_TESTTT_H */
