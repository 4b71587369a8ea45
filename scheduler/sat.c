/*
 * sat.c - a clause-learning satisfiability solver (see sat.h), after
 * MiniSat 2.2 (Eén and Sörensson, "An extensible SAT-solver", 2003, and
 * the 2.2 release's learning and clause deletion), with MiniSat 1.14's
 * geometric restarts and CaDiCaL's target phases (Biere and Fleury,
 * "Chasing target phases", 2020).
 *
 * Internally variable v (1-based outside) is v - 1 and literal x is
 * 2 * var + (x < 0).  Clauses live in one array of ints: size, flags
 * (learnt, deleted), activity (a float's bits) and the literals; the two
 * first literals are the watched ones, and a clause that is a reason has
 * its implied literal first.
 */
#include "sat.h"

#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define UNDEF_CL (-1)
#define L_TRUE 1
#define L_FALSE 0
#define L_UNDEF 2
#define F_LEARNT 1
#define F_DELETED 2
#define HDR 3 /* size, flags, activity */
#define FORWARD (1 << 30) /* marks a new reference in collect */

typedef struct {
    int cref;
    int blocker;
} watch;

typedef struct {
    watch *w;
    int n, cap;
} wlist;

struct rs_sat {
    int nvar;
    int ok;                /* 0 once the clauses are known unsatisfiable */
    int *arena;            /* the clauses                               */
    long an, acap;         /* ints used, allocated                      */
    int *learnt;           /* references of the learnt clauses          */
    int nlearnt, clearnt;
    long noriginal;        /* clauses added                             */
    wlist *watches;        /* per literal: clauses whose negation is in */
    unsigned char *val;    /* per variable: L_TRUE, L_FALSE, L_UNDEF    */
    unsigned char *phase;  /* per variable: the phase given             */
    unsigned char *seen;
    int *level, *reason;
    int *trail, ntrail, qhead;
    int *lim, nlim;        /* trail size at each decision level         */
    double *act;           /* per variable                              */
    double var_inc, cla_inc;
    int *heap, nheap, *hpos; /* decision order: a max-heap on act      */
    int *stack, *toclear, *learnt_buf;
    int ntoclear;
    long long conflicts;
    long long ticks;       /* watches visited: the work, near to time   */
    int oom;               /* memory ran out inside the propagation     */
    int fixed;             /* decisions take the phases given           */
    void (*progress)(void *ctx, long long work);
    void *pctx;
    long long every;       /* work between progress calls               */
    long long next_report; /* work at which progress is called next     */
    uint64_t seed;         /* random decisions (rs_xorshift64)          */
    double rnd;            /* their share                               */
    unsigned char *tphase; /* values of the longest trail since restart */
    int tlen;              /* its length                                */
    double max_learnts, adjust_confl;
    long long adjust_left;
    unsigned char *model;
};

static int lit_of(int x)
{
    return 2 * (abs(x) - 1) + (x < 0);
}

static int var(int l)
{
    return l >> 1;
}

static int neg(int l)
{
    return l ^ 1;
}

static int value(const rs_sat *s, int l)
{
    int v = s->val[var(l)];
    return v == L_UNDEF ? L_UNDEF : v ^ (l & 1);
}

static int *clause(const rs_sat *s, int cr)
{
    return s->arena + cr + HDR;
}

static int csize(const rs_sat *s, int cr)
{
    return s->arena[cr];
}

static float cact(const rs_sat *s, int cr)
{
    float f;
    memcpy(&f, &s->arena[cr + 2], sizeof f);
    return f;
}

static void set_cact(rs_sat *s, int cr, float f)
{
    memcpy(&s->arena[cr + 2], &f, sizeof f);
}

/* ---- the decision heap --------------------------------------------- */

static int heap_less(const rs_sat *s, int a, int b)
{
    return s->act[a] > s->act[b];
}

static void heap_up(rs_sat *s, int i)
{
    int v = s->heap[i];
    while (i > 0) {
        int p = (i - 1) >> 1;
        if (!heap_less(s, v, s->heap[p]))
            break;
        s->heap[i] = s->heap[p];
        s->hpos[s->heap[i]] = i;
        i = p;
    }
    s->heap[i] = v;
    s->hpos[v] = i;
}

static void heap_down(rs_sat *s, int i)
{
    int v = s->heap[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= s->nheap)
            break;
        if (c + 1 < s->nheap && heap_less(s, s->heap[c + 1], s->heap[c]))
            c++;
        if (!heap_less(s, s->heap[c], v))
            break;
        s->heap[i] = s->heap[c];
        s->hpos[s->heap[i]] = i;
        i = c;
    }
    s->heap[i] = v;
    s->hpos[v] = i;
}

static void heap_insert(rs_sat *s, int v)
{
    if (s->hpos[v] >= 0)
        return;
    s->heap[s->nheap] = v;
    s->hpos[v] = s->nheap++;
    heap_up(s, s->nheap - 1);
}

static int heap_pop(rs_sat *s)
{
    int v = s->heap[0];
    s->hpos[v] = -1;
    if (--s->nheap > 0) {
        s->heap[0] = s->heap[s->nheap];
        s->hpos[s->heap[0]] = 0;
        heap_down(s, 0);
    }
    return v;
}

/* ---- activities ----------------------------------------------------- */

static void var_bump(rs_sat *s, int v)
{
    if ((s->act[v] += s->var_inc) > 1e100) {
        for (int i = 0; i < s->nvar; i++)
            s->act[i] *= 1e-100;
        s->var_inc *= 1e-100;
    }
    if (s->hpos[v] >= 0)
        heap_up(s, s->hpos[v]);
}

static void cla_bump(rs_sat *s, int cr)
{
    float a = cact(s, cr) + (float)s->cla_inc;
    set_cact(s, cr, a);
    if (a > 1e20f) {
        for (int i = 0; i < s->nlearnt; i++)
            set_cact(s, s->learnt[i], cact(s, s->learnt[i]) * 1e-20f);
        s->cla_inc *= 1e-20;
    }
}

/* ---- clauses and watches --------------------------------------------- */

static int watch_push(wlist *wl, int cref, int blocker)
{
    if (wl->n == wl->cap) {
        int cap = wl->cap ? 2 * wl->cap : 4;
        watch *p = realloc(wl->w, (size_t)cap * sizeof *p);
        if (!p)
            return -1;
        wl->w = p;
        wl->cap = cap;
    }
    wl->w[wl->n].cref = cref;
    wl->w[wl->n++].blocker = blocker;
    return 0;
}

static int attach(rs_sat *s, int cr)
{
    int *c = clause(s, cr);
    if (watch_push(&s->watches[neg(c[0])], cr, c[1]) != 0 ||
        watch_push(&s->watches[neg(c[1])], cr, c[0]) != 0)
        return -1;
    return 0;
}

/* A new clause of n literals in the arena; its reference, or -1. */
static int alloc_clause(rs_sat *s, const int *lit, int n, int learnt)
{
    long need = s->an + HDR + n;
    if (need >= FORWARD) /* references carry the FORWARD bit in collect */
        return -1;
    if (need > s->acap) {
        long cap = s->acap ? s->acap : 1 << 16;
        while (cap < need)
            cap *= 2;
        int *p = realloc(s->arena, (size_t)cap * sizeof(int));
        if (!p)
            return -1;
        s->arena = p;
        s->acap = cap;
    }
    int cr = (int)s->an;
    s->arena[cr] = n;
    s->arena[cr + 1] = learnt ? F_LEARNT : 0;
    set_cact(s, cr, 0.0f);
    memcpy(s->arena + cr + HDR, lit, (size_t)n * sizeof(int));
    s->an = need;
    return cr;
}

static void enqueue(rs_sat *s, int l, int from)
{
    int v = var(l);
    s->val[v] = (unsigned char)((l & 1) ? L_FALSE : L_TRUE);
    s->level[v] = s->nlim;
    s->reason[v] = from;
    s->trail[s->ntrail++] = l;
}

rs_sat *rs_sat_new(int nvar)
{
    rs_sat *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    size_t n = (size_t)(nvar > 0 ? nvar : 0) + 1;
    s->nvar = nvar > 0 ? nvar : 0;
    s->ok = 1;
    s->watches = calloc(2 * n, sizeof *s->watches);
    s->val = malloc(n);
    s->phase = calloc(n, 1);
    s->seen = calloc(n, 1);
    s->level = malloc(n * sizeof(int));
    s->reason = malloc(n * sizeof(int));
    s->trail = malloc(n * sizeof(int));
    s->lim = malloc(n * sizeof(int));
    s->act = calloc(n, sizeof(double));
    s->heap = malloc(n * sizeof(int));
    s->hpos = malloc(n * sizeof(int));
    s->stack = malloc(n * sizeof(int));
    s->toclear = malloc(n * sizeof(int));
    s->learnt_buf = malloc(n * sizeof(int));
    if (!s->watches || !s->val || !s->phase || !s->seen || !s->level || !s->reason ||
        !s->trail || !s->lim || !s->act || !s->heap || !s->hpos || !s->stack ||
        !s->toclear || !s->learnt_buf) {
        rs_sat_free(s);
        return NULL;
    }
    memset(s->val, L_UNDEF, n);
    s->var_inc = 1.0;
    s->cla_inc = 1.0;
    for (int v = 0; v < s->nvar; v++) {
        s->hpos[v] = -1;
        s->reason[v] = UNDEF_CL;
        heap_insert(s, v);
    }
    return s;
}

void rs_sat_free(rs_sat *s)
{
    if (!s)
        return;
    if (s->watches)
        for (int i = 0; i < 2 * s->nvar; i++)
            free(s->watches[i].w);
    free(s->watches);
    free(s->arena);
    free(s->learnt);
    free(s->val);
    free(s->phase);
    free(s->seen);
    free(s->level);
    free(s->reason);
    free(s->trail);
    free(s->lim);
    free(s->act);
    free(s->heap);
    free(s->hpos);
    free(s->stack);
    free(s->toclear);
    free(s->learnt_buf);
    free(s->model);
    free(s->tphase);
    free(s);
}

void rs_sat_phase(rs_sat *s, int v, int value_)
{
    if (v >= 1 && v <= s->nvar)
        s->phase[v - 1] = value_ != 0;
}

void rs_sat_on_progress(rs_sat *s, long long every, void (*fn)(void *ctx, long long work),
                        void *ctx)
{
    s->progress = fn;
    s->pctx = ctx;
    s->every = every > 0 ? every : 1;
    s->next_report = s->every;
}

void rs_sat_fix_phases(rs_sat *s, int fixed)
{
    s->fixed = fixed != 0;
}

/* Clauses are added at level 0 before the search, with nothing propagated
 * yet, so watching any two literals keeps the watches sound: the
 * propagation that follows visits every unit enqueued here. */
int rs_sat_add(rs_sat *s, const int *lit, int n)
{
    int *c = s->learnt_buf, k = 0, taut = 0;
    if (!s->ok)
        return 0;
    for (int i = 0; i < n; i++) {
        if (lit[i] == 0 || abs(lit[i]) > s->nvar)
            continue;
        int l = lit_of(lit[i]), mark = 1 + (l & 1);
        if (s->seen[var(l)]) {
            taut |= s->seen[var(l)] != mark; /* x or not x: always true */
            continue;
        }
        s->seen[var(l)] = (unsigned char)mark;
        c[k++] = l;
    }
    for (int i = 0; i < k; i++)
        s->seen[var(c[i])] = 0;
    if (taut)
        return 0;
    s->noriginal++;
    if (k == 0) {
        s->ok = 0;
        return 0;
    }
    if (k == 1) {
        int v = value(s, c[0]);
        if (v == L_FALSE)
            s->ok = 0;
        else if (v == L_UNDEF)
            enqueue(s, c[0], UNDEF_CL);
        return 0;
    }
    int cr = alloc_clause(s, c, k, 0);
    if (cr < 0 || attach(s, cr) != 0)
        return -1;
    return 0;
}

/* ---- search ------------------------------------------------------------ */

/* Unit propagation from qhead; the conflicting clause, or UNDEF_CL. */
static int propagate(rs_sat *s)
{
    int confl = UNDEF_CL;
    while (s->qhead < s->ntrail) {
        int p = s->trail[s->qhead++], false_lit = neg(p);
        wlist *wl = &s->watches[p];
        watch *ws = wl->w;
        int i = 0, j = 0, n = wl->n;
        s->ticks += 1 + n;
        while (i < n) {
            int blocker = ws[i].blocker;
            if (value(s, blocker) == L_TRUE) {
                ws[j++] = ws[i++];
                continue;
            }
            int cr = ws[i].cref, *c = clause(s, cr);
            if (c[0] == false_lit) {
                c[0] = c[1];
                c[1] = false_lit;
            }
            i++;
            int first = c[0];
            if (first != blocker && value(s, first) == L_TRUE) {
                ws[j].cref = cr;
                ws[j++].blocker = first;
                continue;
            }
            int size = csize(s, cr), found = 0;
            for (int k = 2; k < size; k++)
                if (value(s, c[k]) != L_FALSE) {
                    c[1] = c[k];
                    c[k] = false_lit;
                    if (watch_push(&s->watches[neg(c[1])], cr, first) != 0) {
                        /* keep the watch here; the search ends (oom) */
                        c[k] = c[1];
                        c[1] = false_lit;
                        s->oom = 1;
                        ws[j].cref = cr;
                        ws[j++].blocker = first;
                        found = 1;
                        break;
                    }
                    found = 1;
                    break;
                }
            if (found)
                continue;
            ws[j].cref = cr;
            ws[j++].blocker = first;
            if (value(s, first) == L_FALSE) {
                confl = cr;
                s->qhead = s->ntrail;
                while (i < n)
                    ws[j++] = ws[i++];
            } else {
                enqueue(s, first, cr);
            }
        }
        wl->n = j;
        if (confl != UNDEF_CL)
            break;
    }
    return confl;
}

static void cancel_until(rs_sat *s, int lvl)
{
    if (s->nlim <= lvl)
        return;
    for (int i = s->ntrail - 1; i >= s->lim[lvl]; i--) {
        int v = var(s->trail[i]);
        s->val[v] = L_UNDEF;
        s->reason[v] = UNDEF_CL;
        heap_insert(s, v);
    }
    s->ntrail = s->lim[lvl];
    s->qhead = s->ntrail;
    s->nlim = lvl;
}

static unsigned abstract_level(const rs_sat *s, int v)
{
    return 1u << (s->level[v] & 31);
}

/* Whether literal p of a learnt clause follows from the others (every
 * path through its reasons ends in seen literals or level 0). */
static int redundant(rs_sat *s, int p, unsigned levels)
{
    int top = s->ntoclear, nstack = 0;
    s->stack[nstack++] = p;
    while (nstack > 0) {
        int cr = s->reason[var(s->stack[--nstack])];
        int *c = clause(s, cr), size = csize(s, cr);
        for (int i = 1; i < size; i++) {
            int q = c[i], v = var(q);
            if (s->seen[v] || s->level[v] == 0)
                continue;
            if (s->reason[v] != UNDEF_CL && (abstract_level(s, v) & levels)) {
                s->seen[v] = 1;
                s->stack[nstack++] = q;
                s->toclear[s->ntoclear++] = q;
            } else {
                for (int j = top; j < s->ntoclear; j++)
                    s->seen[var(s->toclear[j])] = 0;
                s->ntoclear = top;
                return 0;
            }
        }
    }
    return 1;
}

/* First-UIP learning from conflict confl: the learnt clause in
 * learnt_buf (the asserting literal first, one of the highest level
 * second), its size in *n, and the level to go back to. */
static int analyze(rs_sat *s, int confl, int *n)
{
    int *out = s->learnt_buf, nout = 1, pathc = 0, p = -1, idx = s->ntrail - 1;
    do {
        int *c = clause(s, confl), size = csize(s, confl);
        if (s->arena[confl + 1] & F_LEARNT)
            cla_bump(s, confl);
        for (int j = p < 0 ? 0 : 1; j < size; j++) {
            int q = c[j], v = var(q);
            if (s->seen[v] || s->level[v] == 0)
                continue;
            var_bump(s, v);
            s->seen[v] = 1;
            if (s->level[v] >= s->nlim)
                pathc++;
            else
                out[nout++] = q;
        }
        while (!s->seen[var(s->trail[idx--])])
            ;
        p = s->trail[idx + 1];
        confl = s->reason[var(p)];
        s->seen[var(p)] = 0;
        pathc--;
    } while (pathc > 0);
    out[0] = neg(p);

    /* recursive minimisation */
    s->ntoclear = 0;
    for (int i = 1; i < nout; i++)
        s->toclear[s->ntoclear++] = out[i];
    unsigned levels = 0;
    for (int i = 1; i < nout; i++)
        levels |= abstract_level(s, var(out[i]));
    int k = 1;
    for (int i = 1; i < nout; i++)
        if (s->reason[var(out[i])] == UNDEF_CL || !redundant(s, out[i], levels))
            out[k++] = out[i];
    nout = k;

    int bt = 0;
    if (nout > 1) {
        int mx = 1;
        for (int i = 2; i < nout; i++)
            if (s->level[var(out[i])] > s->level[var(out[mx])])
                mx = i;
        int t = out[1];
        out[1] = out[mx];
        out[mx] = t;
        bt = s->level[var(out[1])];
    }
    for (int i = 0; i < s->ntoclear; i++)
        s->seen[var(s->toclear[i])] = 0;
    *n = nout;
    return bt;
}

static int locked(const rs_sat *s, int cr)
{
    int v = var(clause(s, cr)[0]);
    return s->reason[v] == cr && s->val[v] != L_UNDEF;
}

/* rs_sort comparator of learnt clause references for reduce_db: non-binary
 * before binary, then lower activity first. */
static int by_keep(const void *a, const void *b, void *ctx)
{
    const rs_sat *s = ctx;
    int x = *(const int *)a, y = *(const int *)b;
    int bx = csize(s, x) == 2, by = csize(s, y) == 2;
    if (bx != by)
        return bx - by;
    float ax = cact(s, x), ay = cact(s, y);
    return (ax > ay) - (ax < ay);
}

/* Moves the live clauses to a new arena, renumbering the watches, the
 * reasons and the learnt list. */
static int collect(rs_sat *s)
{
    int *old = s->arena;
    long oldn = s->an;
    s->arena = NULL;
    s->an = 0;
    s->acap = 0;
    int nl = 0;
    for (long cr = 0; cr < oldn; cr += HDR + old[cr]) {
        if (old[cr + 1] & F_DELETED) {
            old[cr + 1] = -1;
            continue;
        }
        int nc = alloc_clause(s, old + cr + HDR, old[cr], old[cr + 1] & F_LEARNT);
        if (nc < 0) {
            free(s->arena);
            s->arena = old;
            s->an = oldn;
            return -1;
        }
        s->arena[nc + 2] = old[cr + 2];
        if (old[cr + 1] & F_LEARNT)
            s->learnt[nl++] = nc;
        old[cr + 1] = nc | FORWARD; /* the flags are no longer needed */
    }
    s->nlearnt = nl;
    for (int v = 0; v < s->nvar; v++)
        if (s->reason[v] != UNDEF_CL)
            s->reason[v] = old[s->reason[v] + 1] & ~FORWARD;
    for (int l = 0; l < 2 * s->nvar; l++) {
        wlist *wl = &s->watches[l];
        int j = 0;
        for (int i = 0; i < wl->n; i++) {
            int f = old[wl->w[i].cref + 1];
            if (f < 0)
                continue;
            wl->w[j].cref = f & ~FORWARD;
            wl->w[j++].blocker = wl->w[i].blocker;
        }
        wl->n = j;
    }
    free(old);
    return 0;
}

/* Halves the learnt clauses, keeping the more active, the binary and the
 * locked ones (a reason for a current value), as MiniSat 2.2 does. */
static int reduce_db(rs_sat *s)
{
    rs_sort(s->learnt, (size_t)s->nlearnt, sizeof(int), by_keep, s);
    double extra = s->cla_inc / (s->nlearnt > 0 ? s->nlearnt : 1);
    int j = 0;
    for (int i = 0; i < s->nlearnt; i++) {
        int cr = s->learnt[i];
        if (csize(s, cr) > 2 && !locked(s, cr) &&
            (i < s->nlearnt / 2 || cact(s, cr) < extra)) {
            s->arena[cr + 1] |= F_DELETED;
        } else {
            s->learnt[j++] = cr;
        }
    }
    s->nlearnt = j;
    return collect(s); /* drops the deleted clauses' watches too */
}

/* A pseudo-random number in [0, 1) from the library's generator: the
 * same in every run. */
static double drand(uint64_t *seed)
{
    return (double)(rs_xorshift64(seed) >> 11) * 0x1p-53;
}

static int add_learnt(rs_sat *s, int n)
{
    if (s->nlearnt == s->clearnt) {
        int cap = s->clearnt ? 2 * s->clearnt : 1024;
        int *p = realloc(s->learnt, (size_t)cap * sizeof(int));
        if (!p)
            return -1;
        s->learnt = p;
        s->clearnt = cap;
    }
    int cr = alloc_clause(s, s->learnt_buf, n, 1);
    if (cr < 0 || attach(s, cr) != 0)
        return -1;
    s->learnt[s->nlearnt++] = cr;
    cla_bump(s, cr);
    enqueue(s, s->learnt_buf[0], cr);
    return 0;
}

rs_sat_result rs_sat_solve(rs_sat *s, double deadline)
{
    if (!s->ok)
        return RS_SAT_UNSAT;
    if (propagate(s) != UNDEF_CL) {
        if (s->oom)
            return RS_SAT_NOMEM;
        s->ok = 0;
        return RS_SAT_UNSAT;
    }
    s->max_learnts = (double)s->noriginal / 3.0;
    s->seed = 0x9E3779B97F4A7C15ULL;
    s->rnd = s->fixed ? 0.02 : 0;
    if (!s->fixed) { /* decisions follow the target phases */
        free(s->tphase);
        s->tphase = malloc((size_t)s->nvar + 1);
        if (!s->tphase)
            return RS_SAT_NOMEM;
        memcpy(s->tphase, s->phase, (size_t)s->nvar + 1);
    }
    s->adjust_confl = 100;
    s->adjust_left = 100;
    /* restarts after 100 conflicts, then 1.5 times as many each time (as
     * MiniSat 1.14 and GLPK's copy of it): runs soon long enough to keep
     * following the target phases */
    for (double grow = 100;; grow *= 1.5) {
        long long here = 0, budget = (long long)grow;
        for (;;) {
            int confl = propagate(s);
            if (s->oom)
                return RS_SAT_NOMEM;
            if (confl != UNDEF_CL) {
                s->conflicts++;
                if (!s->fixed && s->ntrail > s->tlen) {
                    s->tlen = s->ntrail;
                    for (int i = 0; i < s->ntrail; i++)
                        s->tphase[var(s->trail[i])] = !(s->trail[i] & 1);
                }
                here++;
                if (s->nlim == 0) {
                    s->ok = 0;
                    return RS_SAT_UNSAT;
                }
                int n, bt = analyze(s, confl, &n);
                cancel_until(s, bt);
                if (n == 1)
                    enqueue(s, s->learnt_buf[0], UNDEF_CL);
                else if (add_learnt(s, n) != 0)
                    return RS_SAT_NOMEM;
                s->var_inc /= 0.95;
                s->cla_inc /= 0.999;
                if (--s->adjust_left == 0) {
                    s->adjust_confl *= 1.5;
                    s->adjust_left = (long long)s->adjust_confl;
                    s->max_learnts *= 1.1;
                }
                if ((s->conflicts & 255) == 0 && deadline > 0 && rs_now() >= deadline)
                    return RS_SAT_UNKNOWN;
                if (s->progress && s->ticks >= s->next_report) {
                    s->next_report = s->ticks + s->every;
                    s->progress(s->pctx, s->ticks);
                }
                continue;
            }
            if (here >= budget) {
                cancel_until(s, 0);
                s->tlen = 0;
                break;
            }
            if ((double)s->nlearnt - s->ntrail >= s->max_learnts && reduce_db(s) != 0)
                return RS_SAT_NOMEM;
            int next = -1;
            if (s->rnd > 0 && s->nheap > 0 && drand(&s->seed) < s->rnd) {
                int v = s->heap[(int)(drand(&s->seed) * s->nheap)];
                if (s->val[v] == L_UNDEF)
                    next = v;
            }
            while (next < 0 && s->nheap > 0) {
                int v = heap_pop(s);
                if (s->val[v] == L_UNDEF) {
                    next = v;
                    break;
                }
            }
            if (next < 0) {
                free(s->model);
                s->model = malloc((size_t)s->nvar + 1);
                if (!s->model)
                    return RS_SAT_NOMEM;
                for (int v = 0; v < s->nvar; v++)
                    s->model[v] = s->val[v] == L_TRUE;
                cancel_until(s, 0);
                return RS_SAT_SAT;
            }
            s->lim[s->nlim++] = s->ntrail;
            enqueue(s, 2 * next + !(s->fixed ? s->phase[next] : s->tphase[next]), UNDEF_CL);
        }
    }
}

int rs_sat_value(const rs_sat *s, int v)
{
    return s->model && v >= 1 && v <= s->nvar ? s->model[v - 1] : 0;
}

long long rs_sat_work(const rs_sat *s)
{
    return s->ticks;
}

long long rs_sat_conflicts(const rs_sat *s)
{
    return s->conflicts;
}
