/*
 * test_flow.c - the deadline-keeping min-cost flow (flow.c) against
 * GLPK's out-of-kilter code on random networks shaped like the selection
 * flow: source -> left nodes (parallel arcs of growing cost), left ->
 * right (capacity 1, mostly negative costs), right -> sink, the flow of
 * any amount (GLPK gets a zero-cost bypass arc for the unused supply).
 * Both must reach the same least cost; a deadline already passed stops
 * the search before any path.
 */
#include "testutil.h"

#include "flow.h"

#include <glpk.h>
#include <stddef.h>

typedef struct { double rhs; } vnode;
typedef struct { double low, cap, cost, x; } varc;

/* The arcs as given to flow.c, in its numbering. */
static struct {
    int n, from[512], to[512];
    long cap[512], cost[512];
} arcs;

/* Adds the arc to both networks. */
static void both_arcs(glp_graph *G, rs_flow *f, int from, int to, long cap, long cost)
{
    arcs.from[arcs.n] = from;
    arcs.to[arcs.n] = to;
    arcs.cap[arcs.n] = cap;
    arcs.cost[arcs.n++] = cost;
    glp_arc *a = glp_add_arc(G, from + 1, to + 1);
    varc *va = a->data;
    va->low = 0;
    va->cap = (double)cap;
    va->cost = (double)cost;
    assert_true(rs_flow_arc(f, from, to, cap, cost) >= 0);
}

static void test_same_cost_as_okalg(void **state)
{
    (void)state;
    uint64_t rng = 0x9e3779b97f4a7c15ULL;
    for (int round = 0; round < 60; round++) {
        int nl = 2 + (int)(rs_xorshift64(&rng) % 12), nr = 2 + (int)(rs_xorshift64(&rng) % 12);
        int n = 2 + nl + nr, maxa = 4 * (nl + nr) + nl * nr + 1;
        glp_graph *G = glp_create_graph(sizeof(vnode), sizeof(varc));
        glp_add_vertices(G, n);
        rs_flow *f = rs_flow_new(n, maxa);
        arcs.n = 0;
        long total = 0;
        for (int side = 0; side < 2; side++)
            for (int i = 0; i < (side ? nr : nl); i++) {
                int v = 2 + (side ? nl : 0) + i;
                long cost = -(long)(rs_xorshift64(&rng) % 30);
                for (int seg = 0; seg < 3; seg++) {
                    long cap = 1 + (long)(rs_xorshift64(&rng) % 3);
                    total += cap;
                    if (side)
                        both_arcs(G, f, v, 1, cap, cost);
                    else
                        both_arcs(G, f, 0, v, cap, cost);
                    cost += (long)(rs_xorshift64(&rng) % 20);
                }
            }
        for (int i = 0; i < nl; i++)
            for (int j = 0; j < nr; j++)
                if (rs_xorshift64(&rng) % 3 != 0)
                    both_arcs(G, f, 2 + i, 2 + nl + j, 1,
                              -(long)(rs_xorshift64(&rng) % 50) + 10);
        glp_arc *bypass = glp_add_arc(G, 1, 2);
        ((varc *)bypass->data)->cap = (double)total;
        ((vnode *)G->v[1]->data)->rhs = (double)total;
        ((vnode *)G->v[2]->data)->rhs = -(double)total;
        double want = 0;
        assert_int_equal(glp_mincost_okalg(G, offsetof(vnode, rhs), offsetof(varc, low),
                                           offsetof(varc, cap), offsetof(varc, cost), &want,
                                           offsetof(varc, x), -1),
                         0);
        assert_int_equal(rs_flow_solve(f, 0, 1, rs_now() + 60, NULL), 0);
        /* flow.c's cost, and conservation at every inner node */
        double got = 0;
        long *net = calloc((size_t)n, sizeof(long));
        assert_non_null(net);
        for (int a = 0; a < arcs.n; a++) {
            long x = rs_flow_x(f, a);
            assert_true(x >= 0 && x <= arcs.cap[a]);
            got += (double)(x * arcs.cost[a]);
            net[arcs.from[a]] -= x;
            net[arcs.to[a]] += x;
        }
        for (int v = 2; v < n; v++)
            assert_int_equal(net[v], 0);
        assert_true(fabs(got - want) < 1e-9);
        free(net);
        /* a deadline already passed: stopped before the first path */
        assert_int_equal(rs_flow_solve(f, 0, 1, rs_now() - 1, NULL), 1);
        rs_flow_free(f);
        glp_delete_graph(G);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_cost_as_okalg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
