/*
 * b2b_sat.c - "at most K gaps?" for a brokerage day, as clauses for the
 * clause-learning solver of sat.c (see b2b_sat.h and docs/solving.md,
 * "Brokerage days").
 *
 * Variables are numbered from 1 in the order they are made, which is the
 * order the solver breaks ties in: first one per meeting and allowed slot
 * (meetings in the problem's order, slots in time order), then, meeting by
 * meeting, the counters that give each meeting one slot, then participant
 * by participant its busy slots, its counters, "a meeting later that day"
 * and "a gap starts here", then the total, then the tables of each slot
 * (over clusters of meetings, see tables), then each slot's sorting
 * network of busy participants (see parity).  Counters are sequential
 * counters (Sinz, 2005): k * n variables that count the first i literals
 * up to k.
 */
#define _POSIX_C_SOURCE 200809L
#include "b2b_sat.h"

#include "child.h"
#include "internal.h"
#include "sat.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LITERALS 6000000L /* larger questions are not asked           */
#define PAIRWISE 6            /* at most one of up to this many: pairwise */

/* The clauses: literals (+v, -v) with a 0 after each clause. */
typedef struct {
    int *lit;
    long n, cap;
    long nclause;
    int nvar;
    int nx;                   /* variables 1..nx are meeting-and-slot ones */
    int full;                 /* out of memory or past MAX_LITERALS       */
} cnf;

/* What the child writes on its pipe: progress records (kind 0) while it
 * searches, then one answer record (kind an rs_b2b_sat_answer), followed
 * by nmeet slots when the answer is RS_B2B_SAT_FOUND. */
typedef struct {
    long long kind;           /* as wide as work: no padding bytes, so the
                                 whole record written is initialised      */
    long long work;           /* the solver's work so far (rs_sat_work)   */
} sat_record;

struct rs_b2b_sat {
    rs_child *child;          /* the child, NULL once it has answered     */
    int nmeet;
    long long work;           /* the latest work the child reported       */
};

static int new_var(cnf *c)
{
    return ++c->nvar;
}

static void push(cnf *c, int l)
{
    if (c->full)
        return;
    if (c->n == c->cap) {
        long cap = c->cap ? 2 * c->cap : 1 << 16;
        int *p = cap <= MAX_LITERALS + 1 ? realloc(c->lit, (size_t)cap * sizeof(int)) : NULL;
        if (!p) {
            c->full = 1;
            return;
        }
        c->lit = p;
        c->cap = cap;
    }
    c->lit[c->n++] = l;
}

static void end_clause(cnf *c)
{
    push(c, 0);
    c->nclause++;
}

static void clause2(cnf *c, int a, int b)
{
    push(c, a);
    push(c, b);
    end_clause(c);
}

/* At most k of the n literals l[] are true; k < 0 is an empty clause
 * (never true). */
static void at_most(cnf *c, const int *l, int n, int k)
{
    if (k >= n)
        return;
    if (k < 0) {
        end_clause(c);
        return;
    }
    if (k == 0) {
        for (int i = 0; i < n; i++) {
            push(c, -l[i]);
            end_clause(c);
        }
        return;
    }
    /* r(i, j): at least j + 1 of the first i + 1 literals are true */
    int base = c->nvar;
    c->nvar += n * k;
#define R(i, j) (base + (i) * k + (j) + 1)
    for (int i = 0; i < n; i++) {
        clause2(c, -l[i], R(i, 0));
        if (i == 0)
            continue;
        for (int j = 0; j < k; j++)
            clause2(c, -R(i - 1, j), R(i, j));
        for (int j = 1; j < k; j++) {
            push(c, -l[i]);
            push(c, -R(i - 1, j - 1));
            push(c, R(i, j));
            end_clause(c);
        }
        clause2(c, -l[i], -R(i - 1, k - 1));
    }
#undef R
}

static void at_most_one(cnf *c, const int *l, int n)
{
    if (n > PAIRWISE) {
        at_most(c, l, n, 1);
        return;
    }
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            clause2(c, -l[i], -l[j]);
}

/* A meeting's place in the variable order (see meeting_order). */
typedef struct {
    int deg, owner, other, m;
} order_key;

static int order_cmp(const void *x, const void *y)
{
    const order_key *a = x, *b = y;
    if (a->deg != b->deg)
        return a->deg > b->deg ? -1 : 1;
    if (a->owner != b->owner)
        return a->owner < b->owner ? -1 : 1;
    if (a->other != b->other)
        return a->other < b->other ? -1 : 1;
    return (a->m > b->m) - (a->m < b->m);
}

/* The order the meetings' variables are made in when the problem gives
 * none: grouped by the busier of their two participants (the lower index
 * on a tie), the busiest first, then by the other participant.  The
 * solver breaks ties in variable order, so it then fills the crowded days
 * one participant at a time; measured on the published forums, this
 * order finds optima that the order by lower participant does not
 * (docs/solving.md, "Brokerage days", step 5).  ord gets
 * nmeet meeting indices; deg holds each participant's meeting count.
 * Returns 0, or -1 when memory ran out. */
static int meeting_order(const rs_b2b_problem *pr, const int *deg, int *ord)
{
    order_key *key = malloc(((size_t)pr->nmeet + 1) * sizeof *key);
    if (!key)
        return -1;
    for (int m = 0; m < pr->nmeet; m++) {
        int a = pr->meet_a[m], b = pr->meet_b[m];
        int own = deg[a] > deg[b] || (deg[a] == deg[b] && a < b) ? a : b;
        key[m] = (order_key){deg[own], own, own == a ? b : a, m};
    }
    qsort(key, (size_t)pr->nmeet, sizeof *key, order_cmp);
    for (int i = 0; i < pr->nmeet; i++)
        ord[i] = key[i].m;
    free(key);
    return 0;
}

/* The tables of each slot, counted over clusters of meetings that share
 * a participant (at most one of a cluster is at a slot): taken greedily,
 * the participant with the most meetings not yet in a cluster (the lower
 * index on a tie) makes the next cluster of those meetings.  A cluster
 * that holds all of its participant's meetings is active when that
 * participant is busy; another gets a variable that each of its meetings
 * there forces.  The counters then count some 70 clusters instead of some
 * 300 meetings (Bofill et al., JAIR 2022, constraints 46-47).  inc and
 * deg: each participant's meetings; busy: P * S busy variables; buf: M +
 * 2S + 8 ints of scratch.  Returns 0, or -1 when memory ran out. */
static int tables(const rs_b2b_problem *pr, cnf *c, const int *xv, int *const *inc,
                  const int *deg, const int *busy, int *buf)
{
    int S = pr->nslots, M = pr->nmeet, P = pr->np, ok = -1, ncl = 0;
    int *cl = malloc(((size_t)M + 1) * sizeof(int)); /* cluster of each meeting */
    int *who = malloc(((size_t)M + 1) * sizeof(int)); /* participant of each cluster */
    int *whole = malloc(((size_t)M + 1) * sizeof(int));
    int *act = malloc(((size_t)M + 1) * sizeof(int));
    if (!cl || !who || !whole || !act)
        goto done;
    for (int m = 0; m < M; m++)
        cl[m] = -1;
    for (int left = M; left > 0; ncl++) {
        int best = -1, bestn = 0;
        for (int p = 0; p < P; p++) {
            int n = 0;
            for (int i = 0; i < deg[p]; i++)
                n += cl[inc[p][i]] < 0;
            if (n > bestn) {
                best = p;
                bestn = n;
            }
        }
        who[ncl] = best;
        whole[ncl] = bestn == deg[best];
        for (int i = 0; i < deg[best]; i++)
            if (cl[inc[best][i]] < 0)
                cl[inc[best][i]] = ncl;
        left -= bestn;
    }
    for (int s = 0; s < S; s++) {
        int n = 0;
        for (int k = 0; k < ncl; k++)
            act[k] = 0;
        for (int k = 0; k < ncl; k++) {
            int p = who[k];
            for (int i = 0; i < deg[p]; i++) {
                int m = inc[p][i], v = xv[(size_t)m * (size_t)S + (size_t)s];
                if (cl[m] != k || !v)
                    continue;
                if (!act[k]) {
                    act[k] = whole[k] ? busy[(size_t)p * (size_t)S + (size_t)s] : new_var(c);
                    buf[n++] = act[k];
                }
                if (!whole[k])
                    clause2(c, -v, act[k]);
            }
        }
        at_most(c, buf, n, pr->tables[s] > 0 ? pr->tables[s] : 0);
    }
    ok = 0;
done:
    free(cl);
    free(who);
    free(whole);
    free(act);
    return ok;
}

/* A comparator of a sorting network: hi = a or b, lo = a and b, with 0
 * standing for false (no clauses where an input is false). */
static void comparator(cnf *c, int *a, int *b)
{
    if (!*a || !*b) {
        int t = *a ? *a : *b;
        *a = t;
        *b = 0;
        return;
    }
    int hi = new_var(c), lo = new_var(c);
    clause2(c, -*a, hi);
    clause2(c, -*b, hi);
    push(c, *a);
    push(c, *b);
    push(c, -hi);
    end_clause(c);
    clause2(c, *a, -lo);
    clause2(c, *b, -lo);
    push(c, -*a);
    push(c, -*b);
    push(c, lo);
    end_clause(c);
    *a = hi;
    *b = lo;
}

/* Batcher's odd-even merge of w[lo..lo+n) taking every step-th wire. */
static void odd_even_merge(cnf *c, int *w, int lo, int n, int step)
{
    int twice = step * 2;
    if (twice < n) {
        odd_even_merge(c, w, lo, n, twice);
        odd_even_merge(c, w, lo + step, n, twice);
        for (int i = lo + step; i + step < lo + n; i += twice)
            comparator(c, &w[i], &w[i + step]);
    } else {
        comparator(c, &w[lo], &w[lo + step]);
    }
}

static void odd_even_sort(cnf *c, int *w, int lo, int n)
{
    if (n < 2)
        return;
    odd_even_sort(c, w, lo, n / 2);
    odd_even_sort(c, w, lo + n / 2, n / 2);
    odd_even_merge(c, w, lo, n, 1);
}

/* Every meeting makes two participants busy, so at each slot the busy
 * participants are even in number and at most twice the tables (Bofill
 * et al., constraints 44-45): their busy variables sorted by a
 * sorting network (w[i] true when at least i + 1 are busy), with
 * "at least 2i + 1 busy -> at least 2i + 2" and "never 2T + 1".  Counting
 * parity is what a solver cannot see from the meetings one by one; on
 * the published forums it halves the time of the hard questions
 * (docs/solving.md, step 5).  Left out where the networks would pass a
 * third of MAX_LITERALS.  A participant with no meeting allowed at a
 * slot is not among its wires.  Returns 0, or -1 when memory ran out. */
static int parity(const rs_b2b_problem *pr, cnf *c, const int *xv, int *const *inc,
                  const int *deg, const int *busy)
{
    int S = pr->nslots, P = pr->np, N = 1, lg = 0;
    for (; N < P; N *= 2)
        lg++;
    /* comparators of a network of N wires: N/4 lg (lg + 1), 15 literals each */
    double cost = (double)N / 4 * lg * (lg + 1) * 15 * S;
    if (cost > MAX_LITERALS / 3.0 || P < 2)
        return 0;
    int *w = malloc(((size_t)N + 1) * sizeof(int));
    if (!w)
        return -1;
    for (int s = 0; s < S; s++) {
        int n = 0;
        for (int p = 0; p < P; p++) {
            int v = busy[(size_t)p * (size_t)S + (size_t)s], can = 0;
            for (int i = 0; i < deg[p] && !can; i++)
                can = xv[(size_t)inc[p][i] * (size_t)S + (size_t)s] != 0;
            if (can && v)
                w[n++] = v;
        }
        if (n < 2)
            continue;
        for (int i = n; i < N; i++)
            w[i] = 0;
        odd_even_sort(c, w, 0, N);
        int T = pr->tables[s] > 0 ? pr->tables[s] : 0;
        if (2 * T < n && w[2 * T]) {
            push(c, -w[2 * T]);
            end_clause(c);
        }
        for (int i = 0; i < n; i += 2) {
            if (!w[i])
                break;
            if (i + 1 < n && w[i + 1])
                clause2(c, -w[i], w[i + 1]);
            else {
                push(c, -w[i]);
                end_clause(c);
            }
        }
    }
    free(w);
    return 0;
}

/* The clauses of "at most maxgaps gaps" for prob into *c (zeroed by the
 * caller); xv (nmeet * nslots ints, the caller's) gets the variable of
 * each meeting and allowed slot, 0 elsewhere.  Returns 0, or -1 when
 * memory ran out or the question passed MAX_LITERALS. */
static int encode(const rs_b2b_problem *pr, int maxgaps, cnf *c, int *xv)
{
    int S = pr->nslots, M = pr->nmeet, P = pr->np, ok = -1;
    int *deg = calloc((size_t)P + 1, sizeof(int));
    int **inc = calloc((size_t)P + 1, sizeof(int *));
    int *buf = malloc(((size_t)M + 2 * (size_t)S + 8) * sizeof(int));
    int *busyall = calloc((size_t)P * (size_t)S + 1, sizeof(int));
    int *later = malloc((size_t)S * sizeof(int));
    int *allgap = malloc(((size_t)P * (size_t)S + 1) * sizeof(int));
    int *ord = malloc(((size_t)M + 1) * sizeof(int));
    int nall = 0;
    if (!deg || !inc || !buf || !busyall || !later || !allgap || !ord)
        goto done;
    for (int m = 0; m < M; m++) {
        deg[pr->meet_a[m]]++;
        deg[pr->meet_b[m]]++;
    }
    if (pr->order)
        memcpy(ord, pr->order, (size_t)M * sizeof(int));
    else if (meeting_order(pr, deg, ord) != 0)
        goto done;
    for (int p = 0; p < P; p++) {
        inc[p] = malloc(((size_t)deg[p] + 1) * sizeof(int));
        if (!inc[p])
            goto done;
        deg[p] = 0;
    }
    for (int i = 0; i < M; i++) {
        int m = ord[i];
        inc[pr->meet_a[m]][deg[pr->meet_a[m]]++] = m;
        inc[pr->meet_b[m]][deg[pr->meet_b[m]]++] = m;
    }
    for (int i = 0; i < M; i++)
        for (int k = 0, m = ord[i]; k < S; k++)
            xv[(size_t)m * (size_t)S + (size_t)k] =
                pr->allowed[(size_t)m * (size_t)S + (size_t)k] ? new_var(c) : 0;
    c->nx = c->nvar;
    /* every meeting in exactly one of its slots */
    for (int i = 0; i < M; i++) {
        int n = 0, m = ord[i];
        for (int k = 0; k < S; k++)
            if (xv[(size_t)m * (size_t)S + (size_t)k])
                buf[n++] = xv[(size_t)m * (size_t)S + (size_t)k];
        for (int j = 0; j < n; j++)
            push(c, buf[j]);
        end_clause(c);
        at_most_one(c, buf, n);
    }
    for (int p = 0; p < P; p++) {
        int k = deg[p], *busy = busyall + (size_t)p * (size_t)S;
        if (k == 0)
            continue;
        /* busy[s] is true exactly when one of p's meetings is at s, and
           at most one is */
        for (int s = 0; s < S; s++) {
            int n = 0;
            for (int i = 0; i < k; i++) {
                int v = xv[(size_t)inc[p][i] * (size_t)S + (size_t)s];
                if (v)
                    buf[n++] = v;
            }
            busy[s] = new_var(c);
            if (n == 0) {
                push(c, -busy[s]);
                end_clause(c);
                continue;
            }
            for (int i = 0; i < n; i++)
                clause2(c, -buf[i], busy[s]);
            push(c, -busy[s]);
            for (int i = 0; i < n; i++)
                push(c, buf[i]);
            end_clause(c);
            at_most_one(c, buf, n);
        }
        /* implied: busy in exactly k slots */
        at_most(c, busy, S, k);
        for (int s = 0; s < S; s++)
            buf[s] = -busy[s];
        at_most(c, buf, S, S - k);
        /* the run limit: no L + 1 slots in a row, where it can bind */
        int L = pr->max_run ? pr->max_run[p] : 0;
        if (L > 0 && k > L)
            for (int s = 0; s + L < S; s++) {
                if (!rs_b2b_run_window(pr, s, L + 1))
                    continue;
                for (int j = s; j <= s + L; j++)
                    push(c, -busy[j]);
                end_clause(c);
            }
        if (k < 2)
            continue;
        /* later[s]: a meeting at s or later that day (forced up only) */
        for (int s = S - 1; s >= 0; s--) {
            later[s] = new_var(c);
            clause2(c, -busy[s], later[s]);
            if (s + 1 < S && pr->slot_day[s + 1] == pr->slot_day[s])
                clause2(c, -later[s + 1], later[s]);
        }
        /* g: a gap starts at s (busy before, free at s, a meeting later
           that day); p's in buf for its cap, everyone's in allgap */
        int n = 0;
        for (int s = 1; s + 1 < S; s++) {
            if (pr->slot_day[s - 1] != pr->slot_day[s] || pr->slot_day[s + 1] != pr->slot_day[s])
                continue;
            int g = new_var(c);
            allgap[nall++] = g;
            buf[n++] = g;
            push(c, -busy[s - 1]);
            push(c, busy[s]);
            push(c, -later[s + 1]);
            push(c, g);
            end_clause(c);
        }
        if (pr->gap_cap && pr->gap_cap[p] >= 0)
            at_most(c, buf, n, pr->gap_cap[p]);
    }
    at_most(c, allgap, nall, maxgaps);
    if (tables(pr, c, xv, inc, deg, busyall, buf) != 0 || parity(pr, c, xv, inc, deg, busyall) != 0)
        goto done;
    ok = c->full ? -1 : 0;
done:
    if (inc)
        for (int p = 0; p < P; p++)
            free(inc[p]);
    free(inc);
    free(deg);
    free(buf);
    free(busyall);
    free(later);
    free(allgap);
    free(ord);
    return ok;
}

/* Which variables are true when the meetings are at hint's slots (nmeet
 * slots, -1 or a slot not allowed: at none): the meeting variables as the
 * hint says, every other variable at the least value its clauses force.
 * Every variable other than a meeting's is made by clauses that force it
 * up (x -> busy, busy -> later, counters counting up), and the one it
 * defines is the last positive literal of each such clause; a clause the
 * values break whose last positive literal is such a variable sets it.
 * Passes repeat until none changes (two, as variables are made before
 * the clauses that read them).  Returns nvar + 1 flags, the caller's to
 * free, or NULL when memory ran out. */
static unsigned char *hint_values(const rs_b2b_problem *pr, const cnf *c, const int *xv,
                                  const int *hint)
{
    int S = pr->nslots;
    unsigned char *val = calloc((size_t)c->nvar + 2, 1);
    if (!val)
        return NULL;
    for (int m = 0; m < pr->nmeet; m++)
        if (hint[m] >= 0 && hint[m] < S && xv[(size_t)m * (size_t)S + (size_t)hint[m]])
            val[xv[(size_t)m * (size_t)S + (size_t)hint[m]]] = 1;
    for (int changed = 1; changed;) {
        changed = 0;
        for (long i = 0; i < c->n; i++) {
            int sat = 0, last = 0;
            for (; c->lit[i] != 0; i++) {
                int l = c->lit[i], v = abs(l);
                sat |= (val[v] != 0) == (l > 0);
                if (l > 0)
                    last = v;
            }
            if (!sat && last > c->nx) {
                val[last] = 1;
                changed = 1;
            }
        }
    }
    return val;
}

/* rs_sat progress callback of the child: a progress record on the pipe
 * (ctx points to its fd); a parent that no longer reads costs nothing. */
static void report_work(void *ctx, long long work)
{
    sat_record r = {0, work};
    (void)rs_write_all(*(int *)ctx, &r, sizeof r);
}

/* The clauses solved by the clause-learning solver (sat.c), stopping at
 * deadline (rs_now() seconds; <= 0: none); slot filled when satisfiable.
 * phase (NULL: none) gives the value each variable is tried with first, a
 * timetable's values (hint_values): the search starts around it and keeps
 * what the conflicts leave of it.  Frees c's literals once the solver has
 * them.  With fd >= 0 (a child's pipe) the
 * solver's work is written there as it goes; *work gets it at the end. */
static rs_b2b_sat_answer solve_cnf(const rs_b2b_problem *pr, cnf *c, const int *xv,
                                   const unsigned char *phase, double deadline, int fd,
                                   long long *work, int *slot)
{
    rs_b2b_sat_answer ans = RS_B2B_SAT_FAILED;
    int S = pr->nslots;
    rs_sat *s = rs_sat_new(c->nvar);
    if (!s)
        goto done;
    if (fd >= 0)
        rs_sat_on_progress(s, 1LL << 22, report_work, &fd); /* ~10 a second */
    for (long i = 0; i < c->n; i++) {
        long start = i;
        while (c->lit[i] != 0)
            i++;
        if (rs_sat_add(s, c->lit + start, (int)(i - start)) != 0)
            goto done;
    }
    free(c->lit); /* the solver has its own copy: one copy while it runs */
    c->lit = NULL;
    c->n = c->cap = 0;
    if (phase) {
        for (int v = 1; v <= c->nvar; v++)
            rs_sat_phase(s, v, phase[v]);
        rs_sat_fix_phases(s, 1);
    }
    switch (rs_sat_solve(s, deadline)) {
    case RS_SAT_UNSAT:
        ans = RS_B2B_SAT_NONE;
        break;
    case RS_SAT_SAT:
        for (int m = 0; m < pr->nmeet; m++) {
            slot[m] = -1;
            for (int k = 0; k < S; k++) {
                int v = xv[(size_t)m * (size_t)S + (size_t)k];
                if (v && rs_sat_value(s, v))
                    slot[m] = k;
            }
        }
        ans = RS_B2B_SAT_FOUND;
        break;
    default:
        break;
    }
    *work = rs_sat_work(s);
done:
    rs_sat_free(s);
    return ans;
}

int rs_b2b_sat_applies(const rs_b2b_problem *pr)
{
    return pr->idle_slot == 0 && pr->idle_gap > 0 && pr->nmeet > 0;
}

/* The question encoded and answered in this process, around hint when
 * there is one. */
static rs_b2b_sat_answer ask(const rs_b2b_problem *pr, int maxgaps, const int *hint,
                             double deadline, int fd, long long *work, int *slot)
{
    rs_b2b_sat_answer ans = RS_B2B_SAT_FAILED;
    cnf c = {0};
    unsigned char *phase = NULL;
    int *xv = malloc((size_t)pr->nmeet * (size_t)pr->nslots * sizeof(int) + 1);
    if (!xv || encode(pr, maxgaps, &c, xv) != 0)
        goto done;
    if (hint && !(phase = hint_values(pr, &c, xv, hint)))
        goto done;
    ans = solve_cnf(pr, &c, xv, phase, deadline, fd, work, slot);
done:
    free(c.lit);
    free(xv);
    free(phase);
    return ans;
}

rs_b2b_sat_answer rs_b2b_sat_here(const rs_b2b_problem *pr, int maxgaps, const int *hint,
                                  int *slot)
{
    long long work = 0;
    return ask(pr, maxgaps, hint, 0, -1, &work, slot);
}

/* What the child is asked (rs_b2b_sat_start): the child has its own
 * copy of everything these point to, taken at the fork. */
typedef struct {
    const rs_b2b_problem *pr;
    int maxgaps;
    const int *hint;
    double deadline;
} sat_question;

/* The child's work (rs_child_start's body): asks, writing progress
 * records and then the answer record and the slots to fd. */
static void child_main(void *ctx, int fd)
{
    const sat_question *q = ctx;
    sat_record r = {RS_B2B_SAT_FAILED, 0};
    int *slot = malloc(((size_t)q->pr->nmeet + 1) * sizeof(int));
    if (slot)
        r.kind = (int)ask(q->pr, q->maxgaps, q->hint, q->deadline + 1, fd, &r.work, slot);
    if (rs_write_all(fd, &r, sizeof r) == 0 && r.kind == RS_B2B_SAT_FOUND)
        rs_write_all(fd, slot, (size_t)q->pr->nmeet * sizeof(int));
    free(slot);
}

rs_code rs_b2b_sat_start(const rs_b2b_problem *pr, int maxgaps, const int *hint,
                         double deadline, rs_b2b_sat **out)
{
    *out = NULL;
    rs_b2b_sat *s = calloc(1, sizeof *s);
    if (!s)
        return RS_ENOMEM;
    s->nmeet = pr->nmeet;
    sat_question q = {pr, maxgaps, hint, deadline};
    if (!(s->child = rs_child_start(deadline, child_main, &q))) {
        int e = errno;
        free(s);
        errno = e;
        return RS_ESOLVER;
    }
    *out = s;
    return RS_OK;
}

/* The answer in what the child has written so far, consuming the
 * progress records before it (which update s->work): RS_B2B_SAT_RUNNING
 * while the answer is not all there. */
static rs_b2b_sat_answer parse(rs_b2b_sat *s, int *slot)
{
    sat_record r;
    size_t len;
    const unsigned char *d = rs_child_data(s->child, &len);
    while (len >= sizeof r) {
        memcpy(&r, d, sizeof r);
        s->work = r.work;
        if (r.kind != 0)
            break;
        rs_child_consume(s->child, sizeof r);
        d = rs_child_data(s->child, &len);
    }
    if (len < sizeof r)
        return RS_B2B_SAT_RUNNING;
    if (r.kind == RS_B2B_SAT_NONE)
        return RS_B2B_SAT_NONE;
    if (r.kind != RS_B2B_SAT_FOUND)
        return RS_B2B_SAT_FAILED;
    if (len < sizeof r + (size_t)s->nmeet * sizeof(int))
        return RS_B2B_SAT_RUNNING;
    memcpy(slot, d + sizeof r, (size_t)s->nmeet * sizeof(int));
    return RS_B2B_SAT_FOUND;
}

rs_b2b_sat_answer rs_b2b_sat_wait(rs_b2b_sat *s, double until,
                                  volatile sig_atomic_t *interrupt, int *slot)
{
    while (s->child) {
        if (interrupt && *interrupt)
            return RS_B2B_SAT_RUNNING;
        double now = rs_now();
        int ended = rs_child_read(s->child, until < now + 0.05 ? until : now + 0.05);
        rs_b2b_sat_answer ans = parse(s, slot);
        if (ans == RS_B2B_SAT_RUNNING && ended)
            ans = RS_B2B_SAT_FAILED; /* the end of its output before the answer */
        if (ans != RS_B2B_SAT_RUNNING) {
            rs_child_free(s->child);
            s->child = NULL;
            return ans;
        }
        if (rs_now() >= until)
            return RS_B2B_SAT_RUNNING;
    }
    return RS_B2B_SAT_FAILED;
}

long long rs_b2b_sat_work(const rs_b2b_sat *s)
{
    return s->work;
}

void rs_b2b_sat_free(rs_b2b_sat *s)
{
    if (!s)
        return;
    rs_child_free(s->child);
    free(s);
}
