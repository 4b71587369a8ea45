/*
 * flow.h - a min-cost flow that keeps a deadline: successive shortest
 * paths (Dijkstra on reduced costs, potentials kept between paths),
 * checking the clock between augmentations.
 *
 * Private to the library.  select.c gives it the selection flow of large
 * events in place of GLPK's out-of-kilter code, which cannot be stopped
 * part-way (33 to 100 s on 300,000 candidate pairs on the project's
 * 2-core machine).  Its arrays are GLPK scratch memory (rs_glp_calloc),
 * so it must run inside a guarded GLPK call and leaks nothing when GLPK
 * fails there.
 */
#ifndef RS_FLOW_H
#define RS_FLOW_H

#include <signal.h>

typedef struct rs_flow rs_flow;

/* A network of n nodes (0 .. n-1) with room for up to max_arcs arcs. */
rs_flow *rs_flow_new(int n, int max_arcs);
/* Frees the network.  Accepts NULL. */
void rs_flow_free(rs_flow *f);
/* Adds the arc from -> to with capacity cap >= 0 and cost per unit;
 * returns its number (0, 1, ... in the order added), or -1 when the room
 * given to rs_flow_new is used up. */
int rs_flow_arc(rs_flow *f, int from, int to, long cap, long long cost);
/* Changes the cost of arc a (between solves). */
void rs_flow_set_cost(rs_flow *f, int a, long long cost);
/* Sends flow from s to t along cheapest paths, each while it costs less
 * than nothing, so that the result is a least-cost flow of any amount
 * from s to t (starting from zero flow on every arc; the costs of a path
 * from s to t must not be able to fall below zero round a cycle, which
 * holds for networks without a cycle).  Returns 0 at the optimum, 1 when
 * the deadline (rs_now() seconds) or *interrupt (may be NULL) stopped it
 * first (the flow is then a feasible flow, not the least-cost one). */
int rs_flow_solve(rs_flow *f, int s, int t, double deadline, volatile sig_atomic_t *interrupt);
/* The flow on arc a after rs_flow_solve. */
long rs_flow_x(const rs_flow *f, int a);

#endif /* RS_FLOW_H */
