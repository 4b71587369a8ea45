/*
 * flow.c - a min-cost flow that keeps a deadline (see flow.h).
 *
 * Successive shortest paths: potentials from Bellman-Ford on the first
 * network, then one Dijkstra per augmenting path on the reduced costs,
 * stopped as soon as the sink is settled (nodes not settled move by the
 * sink's distance, which keeps every reduced cost non-negative).  Each
 * path carries its bottleneck; the search ends when the cheapest path
 * costs nothing or more.  The clock is read between paths, so the work
 * between two checks is one Dijkstra.
 */
#include "flow.h"

#include "glpk_layer.h"
#include "internal.h"

#include <limits.h>

#define FLOW_INF LLONG_MAX

struct rs_flow {
    int n, m, max_arcs;          /* nodes, arcs added, room             */
    int *from, *to;              /* per arc                             */
    long *cap, *x;               /* per arc                             */
    long long *cost;             /* per arc                             */
    int *start, *adj;            /* per node: residual edges (CSR)      */
    long long *pi, *dist;        /* per node                            */
    int *pred;                   /* per node: edge into it, -1 none     */
    int *heap, *pos;             /* Dijkstra's binary heap              */
    unsigned char *done;
};

rs_flow *rs_flow_new(int n, int max_arcs)
{
    rs_flow *f = rs_glp_calloc(1, sizeof *f);
    size_t na = (size_t)max_arcs + 1, nn = (size_t)n + 1;
    f->n = n;
    f->max_arcs = max_arcs;
    f->from = rs_glp_calloc(na, sizeof(int));
    f->to = rs_glp_calloc(na, sizeof(int));
    f->cap = rs_glp_calloc(na, sizeof(long));
    f->x = rs_glp_calloc(na, sizeof(long));
    f->cost = rs_glp_calloc(na, sizeof(long long));
    f->start = rs_glp_calloc(nn + 1, sizeof(int));
    f->adj = rs_glp_calloc(2 * na, sizeof(int));
    f->pi = rs_glp_calloc(nn, sizeof(long long));
    f->dist = rs_glp_calloc(nn, sizeof(long long));
    f->pred = rs_glp_calloc(nn, sizeof(int));
    f->heap = rs_glp_calloc(nn, sizeof(int));
    f->pos = rs_glp_calloc(nn, sizeof(int));
    f->done = rs_glp_calloc(nn, 1);
    return f;
}

void rs_flow_free(rs_flow *f)
{
    if (!f)
        return;
    rs_glp_free(f->from);
    rs_glp_free(f->to);
    rs_glp_free(f->cap);
    rs_glp_free(f->x);
    rs_glp_free(f->cost);
    rs_glp_free(f->start);
    rs_glp_free(f->adj);
    rs_glp_free(f->pi);
    rs_glp_free(f->dist);
    rs_glp_free(f->pred);
    rs_glp_free(f->heap);
    rs_glp_free(f->pos);
    rs_glp_free(f->done);
    rs_glp_free(f);
}

int rs_flow_arc(rs_flow *f, int from, int to, long cap, long long cost)
{
    if (f->m >= f->max_arcs)
        return -1;
    int a = f->m++;
    f->from[a] = from;
    f->to[a] = to;
    f->cap[a] = cap;
    f->cost[a] = cost;
    return a;
}

void rs_flow_set_cost(rs_flow *f, int a, long long cost)
{
    f->cost[a] = cost;
}

long rs_flow_x(const rs_flow *f, int a)
{
    return f->x[a];
}

/* Edge e: arc e/2, forward when even (residual cap - x, cost), backward
 * when odd (residual x, -cost). */
static long edge_res(const rs_flow *f, int e)
{
    int a = e >> 1;
    return (e & 1) ? f->x[a] : f->cap[a] - f->x[a];
}

static long long edge_cost(const rs_flow *f, int e)
{
    return (e & 1) ? -f->cost[e >> 1] : f->cost[e >> 1];
}

static int edge_tail(const rs_flow *f, int e)
{
    return (e & 1) ? f->to[e >> 1] : f->from[e >> 1];
}

static int edge_head(const rs_flow *f, int e)
{
    return (e & 1) ? f->from[e >> 1] : f->to[e >> 1];
}

/* Every edge listed under its tail node (both directions of each arc). */
static void build_adjacency(rs_flow *f)
{
    for (int v = 0; v <= f->n; v++)
        f->start[v] = 0;
    for (int e = 0; e < 2 * f->m; e++)
        f->start[edge_tail(f, e) + 1]++;
    for (int v = 0; v < f->n; v++)
        f->start[v + 1] += f->start[v];
    for (int v = 0; v < f->n; v++)
        f->pos[v] = f->start[v];
    for (int e = 0; e < 2 * f->m; e++)
        f->adj[f->pos[edge_tail(f, e)]++] = e;
}

/* Potentials: shortest distances from s over the arcs with room
 * (Bellman-Ford, rounds until nothing changes); nodes s does not reach
 * keep 0 (no path through them is ever found). */
static void initial_potentials(rs_flow *f, int s)
{
    for (int v = 0; v < f->n; v++)
        f->dist[v] = FLOW_INF;
    f->dist[s] = 0;
    for (int round = 0; round < f->n; round++) {
        int changed = 0;
        for (int a = 0; a < f->m; a++) {
            long long du = f->dist[f->from[a]];
            if (f->cap[a] > f->x[a] && du != FLOW_INF && du + f->cost[a] < f->dist[f->to[a]]) {
                f->dist[f->to[a]] = du + f->cost[a];
                changed = 1;
            }
        }
        if (!changed)
            break;
    }
    for (int v = 0; v < f->n; v++)
        f->pi[v] = f->dist[v] == FLOW_INF ? 0 : f->dist[v];
}

/* The binary heap of Dijkstra, keyed by dist. */
static void heap_up(rs_flow *f, int i)
{
    int v = f->heap[i];
    while (i > 0) {
        int parent = (i - 1) / 2, u = f->heap[parent];
        if (f->dist[u] <= f->dist[v])
            break;
        f->heap[i] = u;
        f->pos[u] = i;
        i = parent;
    }
    f->heap[i] = v;
    f->pos[v] = i;
}

static void heap_down(rs_flow *f, int i, int len)
{
    int v = f->heap[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= len)
            break;
        if (c + 1 < len && f->dist[f->heap[c + 1]] < f->dist[f->heap[c]])
            c++;
        if (f->dist[f->heap[c]] >= f->dist[v])
            break;
        f->heap[i] = f->heap[c];
        f->pos[f->heap[i]] = i;
        i = c;
    }
    f->heap[i] = v;
    f->pos[v] = i;
}

/* Dijkstra from s on reduced costs until t is settled; then every node's
 * potential grows by its distance, or by t's when not settled.  Returns
 * 0 when t cannot be reached. */
static int shortest_path(rs_flow *f, int s, int t)
{
    for (int v = 0; v < f->n; v++) {
        f->dist[v] = FLOW_INF;
        f->pred[v] = -1;
        f->done[v] = 0;
        f->pos[v] = -1;
    }
    int len = 0;
    f->dist[s] = 0;
    f->heap[len++] = s;
    f->pos[s] = 0;
    while (len > 0) {
        int u = f->heap[0];
        f->pos[u] = -1;
        if (--len > 0) {
            f->heap[0] = f->heap[len];
            heap_down(f, 0, len);
        }
        f->done[u] = 1;
        if (u == t)
            break;
        for (int i = f->start[u]; i < f->start[u + 1]; i++) {
            int e = f->adj[i];
            if (edge_res(f, e) <= 0)
                continue;
            int v = edge_head(f, e);
            if (f->done[v])
                continue;
            long long rc = edge_cost(f, e) + f->pi[u] - f->pi[v];
            long long d = f->dist[u] + (rc > 0 ? rc : 0);
            if (d < f->dist[v]) {
                f->dist[v] = d;
                f->pred[v] = e;
                if (f->pos[v] < 0) {
                    f->heap[len] = v;
                    f->pos[v] = len++;
                }
                heap_up(f, f->pos[v]);
            }
        }
    }
    if (!f->done[t])
        return 0;
    long long dt = f->dist[t];
    for (int v = 0; v < f->n; v++)
        f->pi[v] += f->done[v] ? f->dist[v] : dt;
    return 1;
}

int rs_flow_solve(rs_flow *f, int s, int t, double deadline, volatile sig_atomic_t *interrupt)
{
    for (int a = 0; a < f->m; a++)
        f->x[a] = 0;
    build_adjacency(f);
    initial_potentials(f, s);
    for (;;) {
        if (rs_now() > deadline || (interrupt && *interrupt))
            return 1;
        if (!shortest_path(f, s, t) || f->pi[t] - f->pi[s] >= 0)
            return 0; /* the cheapest path gains nothing */
        long push = LONG_MAX;
        for (int v = t; v != s; v = edge_tail(f, f->pred[v])) {
            long r = edge_res(f, f->pred[v]);
            if (r < push)
                push = r;
        }
        for (int v = t; v != s; v = edge_tail(f, f->pred[v])) {
            int e = f->pred[v];
            f->x[e >> 1] += (e & 1) ? -push : push;
        }
    }
}
