/*
 * glpk_layer.c - the guarded call, GLPK scratch memory, the matrix
 * builder and the deadline-keeping simplex (see glpk_layer.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "glpk_layer.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* Whether s is the report GLPK 5's clique-cut generator prints each time
 * branch and cut starts, whatever msg_lev asks (ios_clq_init): progress
 * of GLPK's, not the run's, which would break into the run's own
 * progress lines on stderr. */
static int clique_chatter(const char *s)
{
    static const char *const lines[] = {"Constructing conflict graph...",
                                        "Conflict graph has ", "No conflicts found"};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (strncmp(s, lines[i], strlen(lines[i])) == 0)
            return 1;
    return 0;
}

/* GLPK's terminal output during a guarded call: to stderr unless quiet
 * (GLPK must never print itself: stdout carries the program's answers)
 * or the clique generator's chatter (clique_chatter).  Also notices
 * GLPK's message on reaching glp_mem_limit, which comes just before its
 * error hook, so that the fault can be told apart from an internal
 * error. */
static int guard_term(void *info, const char *s)
{
    rs_glpk_call *call = info;
    if (strstr(s, "memory allocation limit exceeded"))
        call->mem_hit = 1;
    if (!call->quiet && !clique_chatter(s))
        fputs(s, stderr);
    return 1;
}

/* GLPK's error hook: back to the guard's setjmp. */
static void guard_error(void *info)
{
    longjmp(*(jmp_buf *)info, 1);
}

/* The jmp_buf lives in this frame, which outlives fn's; nothing here is
 * changed between setjmp and the longjmp but through call, which points
 * to the caller's memory. */
rs_code rs_glpk_guarded(rs_glpk_call *call)
{
    jmp_buf jb;
    call->failed = call->mem_hit = 0;
    glp_term_hook(guard_term, call);
    if (setjmp(jb)) {
        /* GLPK's state is inconsistent after an error: all of it goes */
        glp_term_hook(NULL, NULL);
        glp_error_hook(NULL, NULL);
        glp_free_env();
        call->failed = 1;
        return RS_ESOLVER;
    }
    if (call->mem_limit_mb > 0)
        glp_mem_limit(call->mem_limit_mb);
    glp_error_hook(guard_error, &jb);
    rs_code rc = call->fn(call->arg);
    glp_error_hook(NULL, NULL);
    if (call->mem_limit_mb > 0)
        glp_mem_limit(INT_MAX); /* no limit for later GLPK users */
    glp_term_hook(NULL, NULL);
    return rc;
}

/* GLPK's allocator counts in ints: a block it cannot express is a GLPK
 * error like any other allocation failure. */
static int glp_count(size_t n, size_t size)
{
    if (n >= (size_t)INT_MAX || size == 0 || size > (size_t)INT_MAX / (n + 1))
        glp_error("roadshow: a work array of %zu blocks of %zu bytes is too large\n", n,
                  size);
    return (int)n + 1; /* GLPK refuses empty blocks */
}

/* glp_alloc, cleared: GLPK's allocator never returns NULL (it raises its
 * error instead), so neither does this. */
void *rs_glp_calloc(size_t n, size_t size)
{
    int cnt = glp_count(n, size);
    void *p = glp_alloc(cnt, (int)size);
    memset(p, 0, (size_t)cnt * size);
    return p;
}

/* Not glp_realloc: past the memory limit it raises its error after taking
 * the old block off GLPK's list, so glp_free_env cannot free it (a leak
 * on every --memory-limit stop there).  A new block, then the copy. */
void *rs_glp_realloc(void *p, size_t old_n, size_t n, size_t size)
{
    void *q = glp_alloc(glp_count(n, size), (int)size);
    if (p) {
        memcpy(q, p, (old_n < n ? old_n : n) * size);
        glp_free(p);
    }
    return q;
}

/* glp_free, which refuses NULL. */
void rs_glp_free(void *p)
{
    if (p)
        glp_free(p);
}

/* Frees the six lists (each may still be NULL). */
void rs_mat_free(rs_mat *t)
{
    rs_glp_free(t->ia);
    rs_glp_free(t->ja);
    rs_glp_free(t->ar);
    rs_glp_free(t->rtype);
    rs_glp_free(t->rlo);
    rs_glp_free(t->rhi);
}

/* Appends a row's bounds, doubling the lists when full; returns the
 * row's number, counted from 1 as GLPK does. */
int rs_mat_row(rs_mat *t, int type, double lo, double hi)
{
    if (t->rows == t->rcap) {
        int cap = t->rcap ? t->rcap * 2 : 1024;
        t->rtype = rs_glp_realloc(t->rtype, (size_t)t->rcap, (size_t)cap, sizeof(int));
        t->rlo = rs_glp_realloc(t->rlo, (size_t)t->rcap, (size_t)cap, sizeof(double));
        t->rhi = rs_glp_realloc(t->rhi, (size_t)t->rcap, (size_t)cap, sizeof(double));
        t->rcap = cap;
    }
    t->rtype[t->rows] = type;
    t->rlo[t->rows] = lo;
    t->rhi[t->rows] = hi;
    return ++t->rows;
}

/* Appends one entry; row 0 (a row a builder chose not to make) is
 * dropped, so builders can add to an optional row unconditionally. */
void rs_mat_add(rs_mat *t, int row, int col, double v)
{
    if (row == 0)
        return;
    if (t->n + 1 >= t->cap) {
        long cap = t->cap ? t->cap * 2 : 4096;
        t->ia = rs_glp_realloc(t->ia, (size_t)t->cap, (size_t)cap, sizeof(int));
        t->ja = rs_glp_realloc(t->ja, (size_t)t->cap, (size_t)cap, sizeof(int));
        t->ar = rs_glp_realloc(t->ar, (size_t)t->cap, (size_t)cap, sizeof(double));
        t->cap = cap; /* GLPK arrays are 1-based: entry 0 stays unused */
    }
    t->n++;
    t->ia[t->n] = row;
    t->ja[t->n] = col;
    t->ar[t->n] = v;
}

/* One glp_add_rows and one glp_load_matrix for everything collected. */
void rs_mat_load(rs_mat *t, glp_prob *lp)
{
    if (t->rows > 0) {
        int first = glp_add_rows(lp, t->rows);
        for (int r = 0; r < t->rows; r++)
            glp_set_row_bnds(lp, first + r, t->rtype[r], t->rlo[r], t->rhi[r]);
    }
    glp_load_matrix(lp, (int)t->n, t->ia, t->ja, t->ar);
}

/* Slices of RS_SIMPLEX_SLICE iterations let an interrupt stop a long LP
 * between them; a new call resumes from the basis the last one left.  The
 * slices end at iteration counts, never at a time, because a restart
 * changes the simplex's path: slices cut by the clock made the same LP end
 * at another optimal basis (other duals) on a busier machine.  Only the
 * deadline itself is GLPK's time limit. */
int rs_simplex_until(glp_prob *lp, const glp_smcp *parm, double deadline,
                     volatile sig_atomic_t *interrupt)
{
    glp_smcp sp = *parm;
    sp.it_lim = RS_SIMPLEX_SLICE;
    for (;;) {
        double left = deadline - rs_now();
        if (left <= 0 || (interrupt && *interrupt))
            return GLP_ETMLIM;
        sp.tm_lim = (int)fmin(fmax(left * 1000, 1), 1e9);
        int ret = glp_simplex(lp, &sp);
        if (ret != GLP_EITLIM)
            return ret;
    }
}

void rs_mat_span_slot(rs_mat *t, int ridle, int by, int from, int kk, int f0, int l0, int c0,
                      int c1, int *rby, int *rfrom)
{
    *rby = *rfrom = 0;
    if (kk < f0 && kk >= c0) {
        rs_mat_add(t, ridle, by + kk, -1);
        *rby = rs_mat_row(t, GLP_LO, 0, 0);
        rs_mat_add(t, *rby, by + kk, 1);
        if (kk > c0) {
            int r1 = rs_mat_row(t, GLP_LO, 0, 0);
            rs_mat_add(t, r1, by + kk, 1);
            rs_mat_add(t, r1, by + kk - 1, -1);
        }
    }
    if (kk > l0 && kk <= c1) {
        rs_mat_add(t, ridle, from + kk, -1);
        *rfrom = rs_mat_row(t, GLP_LO, 0, 0);
        rs_mat_add(t, *rfrom, from + kk, 1);
        if (kk > l0 + 1) {
            int r2 = rs_mat_row(t, GLP_LO, 0, 0);
            rs_mat_add(t, r2, from + kk - 1, 1);
            rs_mat_add(t, r2, from + kk, -1);
        }
    }
}

void rs_mat_gap_rows(rs_mat *t, const unsigned char *busy, int a0, int S, int l0, int c1, int g,
                     int from, const int *ck, const int *cj, int n)
{
    for (int kk = 1; kk + 1 < S; kk++) {
        int k = a0 + kk;
        int r = rs_mat_row(t, GLP_LO, -1 + busy[k - 1] - busy[k] + (kk <= l0), 0);
        rs_mat_add(t, r, g + kk, 1);
        if (kk > l0 && kk <= c1)
            rs_mat_add(t, r, from + kk, -1);
        for (int i = 0; i < n; i++)
            if (ck[i] == k || ck[i] == k - 1)
                rs_mat_add(t, r, cj[i], ck[i] == k ? 1 : -1);
    }
}

/* Whether one of the n columns is at slot k in venue v. */
static int travel_has(const int *ck, const int *cv, int n, int k, int v)
{
    for (int i = 0; i < n; i++)
        if (ck[i] == k && cv[i] == v)
            return 1;
    return 0;
}

void rs_mat_travel_rows(rs_mat *t, const rs_event *ev, const unsigned char *busy, int a0, int S,
                        const int *ck, const int *cv, const int *cj, int n)
{
    for (int k = a0; ev->nvenues > 1 && k < a0 + S; k++)
        for (int k2 = k + 1; k2 < a0 + S; k2++) {
            int between = 0;
            for (int j = k + 1; j < k2; j++)
                between += busy[j];
            if (between || busy[k] || busy[k2])
                continue;
            int gap = ev->slots[k2].start - ev->slots[k].end;
            for (int v = 0; v < ev->nvenues; v++) {
                if (!travel_has(ck, cv, n, k, v))
                    continue;
                int far = 0;
                for (int v2 = 0; v2 < ev->nvenues && !far; v2++)
                    far = gap < rs_travel(ev, v, v2) && travel_has(ck, cv, n, k2, v2);
                if (!far)
                    continue;
                int r = rs_mat_row(t, GLP_UP, 0, 1);
                for (int i = 0; i < n; i++) {
                    if ((ck[i] == k && cv[i] == v) || (ck[i] == k2 && gap < rs_travel(ev, v, cv[i])))
                        rs_mat_add(t, r, cj[i], 1);
                    else if (ck[i] > k && ck[i] < k2)
                        rs_mat_add(t, r, cj[i], -1);
                }
            }
        }
}

void rs_submip_callback(glp_tree *T, void *info)
{
    rs_submip *c = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && c->start && !c->given) {
        c->given = 1;
        glp_ios_heur_sol(T, c->start);
    }
    if (reason != GLP_IBRANCH)
        return;
    if (++c->branches > c->maxbr || rs_now() > c->deadline || (c->interrupt && *c->interrupt))
        glp_ios_terminate(T);
}

/* See glpk_layer.h: the model's nonzeros stand for what one tableau row
 * costs, the quantity both settings multiply. */
void rs_iocp_for_size(glp_iocp *ip, glp_prob *lp, int gomory)
{
    int heavy = glp_get_num_nz(lp) > RS_HEAVY_NONZEROS;
    ip->gmi_cuts = gomory && !heavy ? GLP_ON : GLP_OFF;
    if (heavy)
        ip->br_tech = GLP_BR_MFV;
}
