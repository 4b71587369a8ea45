/*
 * clash.h - finding the smallest sets of "must" requests that the hard
 * rules do not let happen together, and the rules that block them.
 *
 * Private to the library.  The search solves small GLPK feasibility models
 * over the must meetings alone (every hard rule restricted to them is a
 * relaxation of the full problem, so their infeasibility proves that no
 * schedule exists), runs a deletion filter over the musts to an
 * irreducible set, then a deletion filter over the rules (per participant:
 * availability, max_meetings, max_consecutive, travel; for the event: rooms
 * and capacity) to the ones that block that set.
 */
#ifndef RS_CLASH_H
#define RS_CLASH_H

#include "internal.h"

/* One clash found: the must requests (as requester -> requested) and the
 * rules, each as the text written after "blocking rules". */
typedef struct {
    int n;              /* must requests in the set                     */
    int *from, *to;     /* participant indices, sorted by ids          */
    int irreducible;    /* 1 when every smaller set was shown feasible */
    char *rules;        /* e.g. "max_meetings (inv-a: 2)"               */
} rs_clash;

typedef struct {
    rs_clash *c;
    int n;
    int complete;       /* 0 when the budget ran out before the end      */
} rs_clash_list;

/* Looks for sets of must requests that cannot all be met, spending at most
 * budget seconds in GLPK.  Appends one line per clash to diag.  RS_OK when
 * none was proven (the event may still be infeasible when the budget ran
 * out), RS_EINFEASIBLE when at least one was, RS_ENOMEM, or RS_ESOLVER when
 * GLPK failed (guarded: GLPK never aborts the process).  When list is not
 * NULL it receives the clashes (free with rs_clash_list_free).  Must be
 * called outside any other GLPK error guard. */
rs_code rs_clash_check(const rs_event *ev, double budget, rs_diag *diag, rs_clash_list *list);
/* Frees the clashes of a list; accepts a zeroed list. */
void rs_clash_list_free(rs_clash_list *list);

#endif /* RS_CLASH_H */
