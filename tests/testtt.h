/*
 * testtt.h - the timetable the heuristic's construction gives, for the
 * tests of the phases that improve it (test_lns.c, test_retime.c).
 * Include after testutil.h.
 */
#ifndef RS_TESTTT_H
#define RS_TESTTT_H

#include "heur.h"

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

#endif /* RS_TESTTT_H */
