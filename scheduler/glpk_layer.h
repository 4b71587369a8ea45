/*
 * glpk_layer.h - what the library puts between itself and GLPK: the one
 * guarded call every GLPK user goes through, GLPK-owned scratch memory,
 * the matrix builder and a simplex that keeps to a deadline.
 *
 * Private to the library.  GLPK reports an internal error (a bad argument,
 * running out of memory or past glp_mem_limit) by calling its error hook
 * and aborting the process when the hook returns.  rs_glpk_guarded sets a
 * hook that longjmps back to it instead, frees GLPK's whole environment
 * (every problem, graph and block GLPK allocated, and the scratch below)
 * and reports the failure, so GLPK never aborts the process and never
 * leaks.  Code running inside the guard must therefore keep every
 * allocation it makes with malloc reachable from state its caller frees,
 * or take it from GLPK's allocator (rs_glp_calloc), and must treat every
 * glp_prob it holds as gone once the guard reports a failure.
 */
#ifndef RS_GLPK_LAYER_H
#define RS_GLPK_LAYER_H

#include "internal.h"

#include <glpk.h>
#include <signal.h>

/* One guarded run of GLPK code: fn(arg), with GLPK's terminal output sent
 * to stderr (dropped when quiet) and never to stdout, and glp_mem_limit
 * set to mem_limit_mb MiB for the call when positive (lifted after it).
 * After the call, failed says whether GLPK raised an error (fn was left
 * through a longjmp and GLPK's environment is freed), and mem_hit whether
 * that error came from reaching mem_limit_mb. */
typedef struct {
    rs_code (*fn)(void *arg); /* the GLPK work                             */
    void *arg;
    int quiet;                /* nonzero: GLPK's output goes nowhere       */
    int mem_limit_mb;         /* 0: no limit                               */
    int failed;               /* set by rs_glpk_guarded                    */
    int mem_hit;              /* set by rs_glpk_guarded                    */
} rs_glpk_call;

/* Runs call->fn(call->arg) under the guard described above and returns
 * what it returned; when GLPK failed instead, RS_ESOLVER with
 * call->failed set (the caller adds the message, which knows what was
 * being done).  Guards do not nest: GLPK's hooks are global, so this must
 * not be called from inside another guarded call.  Not reentrant either:
 * GLPK's environment is per thread, and so are its hooks. */
rs_code rs_glpk_guarded(rs_glpk_call *call);

/* Scratch memory for code that holds it across GLPK calls.  A GLPK error
 * leaves such code through the guard's longjmp, past its cleanup; blocks
 * taken from GLPK's own allocator are released with the rest of GLPK's
 * environment by glp_free_env, which the guard calls, so they cannot
 * leak.  They count toward glp_mem_limit like GLPK's own memory.
 * rs_glp_calloc returns n zeroed elements of size bytes (n may be 0) and
 * never NULL: running out of memory, or past the limit, is a GLPK error
 * for the caller's guard.  rs_glp_realloc moves p (NULL: none) of old_n
 * elements into a new block of n, keeping the first old_n (it never
 * loses p to a failed glp_realloc); rs_glp_free accepts NULL.  Blocks
 * must not outlive the guarded region that took them. */
void *rs_glp_calloc(size_t n, size_t size);
void *rs_glp_realloc(void *p, size_t old_n, size_t n, size_t size);
void rs_glp_free(void *p);

/* A growing list of matrix entries and rows, loaded into GLPK at once:
 * far faster than one glp_set_mat_row call per row on large models.  Its
 * lists are GLPK scratch memory (rs_glp_calloc), so a builder starts it
 * zeroed and frees it with rs_mat_free inside the same guarded call. */
typedef struct {
    int *ia, *ja;
    double *ar;
    long n, cap;
    int rows;
    int *rtype;
    double *rlo, *rhi;
    int rcap;
} rs_mat;
/* Frees the lists (not the struct). */
void rs_mat_free(rs_mat *t);
/* Starts a new row with the given GLPK bounds; returns its number (rows
 * count from 1; entries given for row 0 are dropped). */
int rs_mat_row(rs_mat *t, int type, double lo, double hi);
/* Adds the entry v at (row, col). */
void rs_mat_add(rs_mat *t, int row, int col, double v);
/* Adds the collected rows and matrix to lp. */
void rs_mat_load(rs_mat *t, glp_prob *lp);

/* The stopping rule of a small sub-MIP (the large-neighbourhood
 * searches, lns.c and group_lns.c): give start (x[1..ncols], or NULL) as
 * the first incumbent, stop after maxbr branchings, at deadline or on
 * *interrupt (may be NULL).  The caller sets every field, branches and
 * given to 0, before each glp_intopt, with rs_submip_callback as cb_func
 * and the struct as cb_info.  Stopping by a count, not a clock, makes a
 * search that ends before its deadline repeat exactly. */
typedef struct {
    double deadline;
    volatile sig_atomic_t *interrupt;
    int branches, maxbr;
    const double *start;
    int given;
} rs_submip;
void rs_submip_callback(glp_tree *T, void *info);

/* The travel rows of one participant-day in a sub-MIP that keeps some of
 * its meetings fixed (lns.c, group_lns.c).  busy is the participant's row
 * of fixed meetings (one byte per slot of the event), the day's slots are
 * a0 .. a0+S-1, and its new-meeting columns are the n entries slot ck[i],
 * venue cv[i], GLPK column cj[i].  For every two slots k < k2 free of
 * fixed meetings with none between, and every venue v with a column at
 * k while some column at k2 lies in a venue too far from v for the time
 * between: a row "the meeting at k in v, plus those at k2 in venues too
 * far from v, less the meetings between, at most 1" (the fixed meetings
 * were checked when the columns were made).  Rows and their entries come
 * in slot, venue and column order, so a sub-MIP is the same every run. */
void rs_mat_travel_rows(rs_mat *t, const rs_event *ev, const unsigned char *busy, int a0, int S,
                        const int *ck, const int *cv, const int *cj, int n);

/* The span rows of one slot of a participant-day in a sub-MIP that keeps
 * some of its meetings fixed (lns.c, group_lns.c).  Slots are counted
 * from the day's first; the fixed meetings span f0..l0, new ones may
 * fall in c0..c1.  For slot kk before f0, column by + kk ("a meeting at
 * or before kk") enters row ridle (the idle count: the span less the
 * meetings) with -1 and may not fall from one slot to the next; after
 * l0, column from + kk ("a meeting at or after kk") likewise, rising
 * toward the span.  *rby and *rfrom get the rows, 0 when the slot has
 * none, in which the caller puts -1 for each new meeting's column at
 * that slot (the indicator is at least each of them). */
void rs_mat_span_slot(rs_mat *t, int ridle, int by, int from, int kk, int f0, int l0, int c0,
                      int c1, int *rby, int *rfrom);

/* The gap-start rows of one participant-day in a sub-MIP that keeps some
 * of its meetings fixed (lns.c, group_lns.c), as in the direct model:
 * for each slot kk of the day but its first and last (counted from a0),
 * g(kk) >= busy(kk-1) - busy(kk) + later(kk) - 1, with column g + kk the
 * gap start at kk.  busy counts the fixed meeting (busy, one byte per
 * slot of the event) and the new meetings' columns there (the n entries
 * slot ck[i], GLPK column cj[i]); later(kk) is 1 when a fixed meeting
 * lies at kk or after (kk <= l0), the column from + kk ("a meeting at or
 * after kk") where new ones may still fall (l0 < kk <= c1), else 0.
 * Entries come in the order of the columns given. */
void rs_mat_gap_rows(rs_mat *t, const unsigned char *busy, int a0, int S, int l0, int c1, int g,
                     int from, const int *ck, const int *cj, int n);

/* glp_simplex on lp with parm, in slices of RS_SIMPLEX_SLICE iterations
 * until it ends, deadline (rs_now() seconds) passes or *interrupt (may be
 * NULL) is set: GLPK's simplex takes no callback, and each call resumes
 * from the basis the last one left.  The slices end at iteration counts,
 * not times, so that the same LP takes the same path to the same basis
 * (and duals) however loaded the machine is; the deadline itself is
 * GLPK's time limit.  Returns glp_simplex's code, GLP_ETMLIM when stopped
 * by the deadline or the interrupt. */
#define RS_SIMPLEX_SLICE 1000
int rs_simplex_until(glp_prob *lp, const glp_smcp *parm, double deadline,
                     volatile sig_atomic_t *interrupt);

/* Branch-and-cut settings whose cost grows with the model and is paid
 * between two callbacks, where no deadline is kept: Gomory cuts (up to
 * 50 tableau rows a node) and Driebeck-Tomlin branching (a tableau row
 * per fractional column).  On a model of more than RS_HEAVY_NONZEROS
 * constraint nonzeros one such stretch took 1 to 4.5 s on the shared
 * 2-core machine under load (7,000 columns, 154,000 nonzeros), past the
 * time limit or, through the callbacks' guard, stopping the search
 * seconds early; there the most fractional column is branched on and no
 * Gomory cuts are made.  Below it, gomory (nonzero) turns them on and
 * the branching stays GLPK's default, as the small events' proofs of
 * optimality were measured with. */
#define RS_HEAVY_NONZEROS 50000
void rs_iocp_for_size(glp_iocp *ip, glp_prob *lp, int gomory);

#endif /* RS_GLPK_LAYER_H */
