/*
 * model.h - the integer programs given to GLPK.
 *
 * The direct model: a binary x[pair, slot, venue] for every candidate pair,
 * common free slot and venue with a room that holds the pair, plus
 * continuous shortfall and idle-slot variables, under all ten hard rules.
 * Rooms are aggregated per venue and slot: meetings needing q or more seats
 * may not outnumber the rooms holding q or more, which is exactly when the
 * meetings can be given rooms (capacities are nested), so rooms are
 * assigned after solving without loss.
 *
 * The selection model: one variable per pair (meet or not) under the
 * per-participant limits and the total room capacity; every schedule gives
 * a solution of it with at least the same objective (idle slots only
 * subtract and never fall below a per-participant floor), so its optimum,
 * or its LP value, is a proven upper bound (see select.c).
 *
 * Every function here calls GLPK and must run inside the error guard set up
 * by solve.c.  Nothing here knows about output formats.
 */
#ifndef RS_MODEL_H
#define RS_MODEL_H

#include "glpk_layer.h"
#include "internal.h"
#include "keep.h"

#include <glpk.h>

/* The f, l and idle columns of one participant-day: 3*n columns from
 * col, for the day's slots first .. first+n-1; when gaps are in use
 * (rs_model_gaps), n gap-start columns follow them (col + 3*n + s is 1
 * when a gap begins at slot first+s). */
typedef struct {
    int participant, first, n, col;
} rs_idle_blk;

typedef struct {
    glp_prob *lp;
    int nx;           /* x columns are 1..nx                           */
    int *x_pair, *x_slot, *x_venue; /* per x column, 0-based           */
    int *pair_first;  /* x columns of pair p: pair_first[p]..[p+1]-1    */
    int *sf_col;      /* per participant, 0 when none                   */
    int nidle_cols;   /* continuous f, l and idle columns               */
    rs_idle_blk *blk;
    int nblk, capblk;
    const rs_keep *keep; /* re-scheduling (borrowed), or NULL            */
} rs_model;

/* Whether the models carry gap-start columns: gaps are paid for
 * (weights.idle_gap) or capped (max_idle_gaps).  Other events keep the
 * models they had. */
static inline int rs_model_gaps(const rs_event *ev)
{
    return ev->w.idle_gap > 0 || ev->gap_cap;
}

/* Builds the direct model for a one-to-one event.  On success m->lp is a
 * new GLPK problem (deleted by rs_model_free).  RS_ENOMEM on failure.
 * With keep (re-scheduling; borrowed, outlives m), locked meetings are
 * fixed with their rooms set apart, and each column at a pair's previous
 * slot and venue earns keep->move on top of its score: the model's value
 * is then the objective plus at least the keep bonus of its schedule, so
 * its bounds still bound the contract objective (move >= 0). */
rs_code rs_model_build(const rs_event *ev, const rs_keep *keep, rs_model *m);
/* Frees the model's arrays and its GLPK problem.  Accepts a zeroed model. */
void rs_model_free(rs_model *m);
/* Fills x[1..ncols] with the values of the schedule made of the n
 * meetings at (for glp_ios_heur_sol: the warm start, the heuristic's
 * timetable).  Returns 0, or -1 when a meeting has no column (it cannot
 * then be given to GLPK) or when out of memory. */
int rs_model_vector(const rs_model *m, const rs_event *ev, const rs_placement *at, int n,
                    double *x);
/* Reads the MIP solution into a new schedule, assigning rooms.  NULL when
 * out of memory or when the rooms could not be assigned. */
rs_schedule *rs_model_extract(const rs_model *m, const rs_event *ev);

/* Number of rooms of venue v free at slot k holding at least q people;
 * rooms taken by a locked meeting of keep (may be NULL) are not free. */
int rs_rooms_holding(const rs_event *ev, const rs_keep *keep, int v, int k, int q);

/* Adds the per-participant rows shared by every format (rules 6, 8, 9,
 * the soft minimum and the idle-slot columns) for the busy columns of
 * each participant and slot: start/cols a CSR over np x nslots of column
 * numbers, col_venue[col - 1] the venue of each.  See model.c. */
rs_code rs_model_person_rows(const rs_event *ev, rs_model *m, rs_mat *t, const int *start,
                             const int *cols, const int *col_venue);
/* Sets the shortfall and idle columns of x (1-based, GLPK's numbering) to
 * the values a schedule with these meeting counts (per participant) and
 * busy rows (np x nslots, 1 = in a meeting) gives them: the least their
 * rows allow, which are the contract's shortfalls and idle slots. */
void rs_model_person_values(const rs_model *m, const rs_event *ev, const int *count,
                            const unsigned char *busy, double *x);

/* The least idle slots participant i can have with c meetings (its
 * availability and consecutive limit only), as the lower convex envelope
 * over c = 0..cap: slope[u] (u = 1..cap, the caller's array of cap + 1)
 * gets the envelope's increase from u - 1 to u meetings, nondecreasing in
 * u, 0 beyond what its days can hold.  Every schedule in which i has c
 * meetings has at least slope[1] + ... + slope[c] idle slots of i's.
 * 0, or -1 when out of memory (select.c). */
int rs_idle_floor(const rs_event *ev, int i, int cap, double *slope);
/* rs_idle_floor's counterpart for events whose gaps cost or are capped:
 * the least cost of idle slots and gaps (in objective units) with c
 * meetings, exact for the participant alone (with the venues it can be
 * at and the travel between them where rs_travel_binds), as the same
 * envelope, and in *most the most meetings (at most cap) its days hold
 * within its max_idle_gaps and travel (slope is 0 beyond).  0, or -1 when
 * out of memory (select.c). */
int rs_gap_floor(const rs_event *ev, int i, int cap, double *slope, int *most);
/* Whether rs_gap_floor sees travel for participant i: the event has
 * venues some distance apart and no one venue has a room for i in every
 * slot where some venue has one (the venues open at different hours, or
 * only some hold its team).  The callers then take rs_gap_floor's floor,
 * in objective units, in place of rs_idle_floor's (select.c). */
int rs_travel_binds(const rs_event *ev, int i);
/* rs_gap_floor in idle slots alone (gaps cost nothing in it, the gap cap
 * still holds): the pattern bound's floor for participants whom travel
 * binds, whose paths count idle slots but not travel (pattern.c).  0, or
 * -1 when out of memory. */
int rs_travel_idle_floor(const rs_event *ev, int i, int cap, double *slope, int *most);

/* Result of the selection relaxation. */
typedef struct {
    double bound;     /* proven upper bound on the contract objective    */
    int proven;       /* 1 when the selection MIP itself was solved      */
    int *order;       /* pairs chosen by it first, then the others, each
                         group by score; npairs entries, caller frees     */
    int nchosen;      /* the musts and chosen pairs: order's first ones  */
    long cols, rows;
} rs_selection;

/* Solves the selection relaxation: its LP until deadline (rs_now()
 * seconds), then its MIP within tm_lim more milliseconds at most, each
 * stopping early when *interrupt (may be NULL) becomes nonzero.  RS_OK with
 * sel filled; RS_EINFEASIBLE when even it has no solution (must requests
 * beyond someone's capacity); RS_ENOSOLUTION when the LP (or, on large
 * events, the flow) was stopped by the deadline or the interrupt before
 * its optimum (sel holds no order; sel->bound is a bound that needed no
 * flow, or INFINITY). */
rs_code rs_select(const rs_event *ev, int tm_lim, double deadline,
                  volatile sig_atomic_t *interrupt, rs_selection *sel);
/* The same with the pairs where forced[p] is nonzero (may be NULL; each
 * placeable) made to meet, like musts: re-scheduling forces the locked
 * meetings' pairs, so the bound holds for schedules that keep them. */
rs_code rs_select_forced(const rs_event *ev, int tm_lim, double deadline,
                         volatile sig_atomic_t *interrupt, const unsigned char *forced,
                         rs_selection *sel);

/* The pattern bound (pattern.c): the LP of a relaxation that keeps each
 * participant's day timetables exact and the rooms open per slot, so it
 * sees idle slots forced by people competing for the same slots.  Builds
 * it only when it needs at most max_cols columns, solves it until
 * deadline (rs_now() seconds) or *interrupt (may be NULL).  RS_OK with
 * *bound (a proven upper bound on the contract objective) and the LP's
 * size in *cols and *rows; RS_ENOSOLUTION when the event is too large or
 * not one-to-one, or the LP did not reach its optimum in time (nothing is
 * claimed).  Calls GLPK: inside the error guard. */
rs_code rs_pattern_bound(const rs_event *ev, long max_cols, double deadline,
                         volatile sig_atomic_t *interrupt, double *bound, long *cols,
                         long *rows);
/* Each participant's pairs p with on[p] nonzero, in pair order, as lists:
 * adj[first[i] .. first[i + 1] - 1] (first: np + 1 ints, adj: 2 npairs),
 * deg[i] (np ints) their number.  The pattern bound's LP and its
 * Lagrangian form both list the placeable pairs so. */
void rs_pair_lists(const rs_event *ev, const int *on, int *deg, int *first, int *adj);
/* The same relaxation by Lagrangian relaxation (pattern_lr.c), which also
 * keeps each participant's gap cap (max_idle_gaps) and takes peer pairs
 * (people per slot against twice the rooms), and needs no LP: deflected
 * subgradient rounds towards target (the best objective known, or
 * -HUGE_VAL) until deadline (rs_now() seconds), *interrupt (may be NULL)
 * or the step has shrunk, or half the time if no value is within a tenth
 * of beat by then (a bound known already; HUGE_VAL: never).  RS_OK with *bound (the
 * least value met, each one proven) and the rounds made in *rounds;
 * RS_ENOSOLUTION for group events or an event without slots; RS_ENOMEM.
 * When slots is not NULL (2 x np x nslots bytes, the caller's), it gets
 * two plans, each participant's slots in one of the relaxation's
 * solutions (days shaped within every rule of that participant): first
 * everyone's at the round of the least value; then the same but for
 * investors, each of whom takes among its shapes of that round and the
 * last rounds the one that fits best beside the other investors' (the
 * most slots where fewer investors than rooms are planned).  No GLPK.
 * When child is not NULL, the rounds were cut short by deadline, go_on
 * is at least a second away and the machine has a second processor,
 * *child (the caller's, freed with rs_lr_child_free) gets the rounds
 * going on from where they were in a child process until go_on (or until
 * they converge); else *child is NULL. */
typedef struct rs_lr_child rs_lr_child;
rs_code rs_pattern_lagrange(const rs_event *ev, double target, double beat, double deadline,
                            volatile sig_atomic_t *interrupt, double *bound, long *rounds,
                            unsigned char *slots, double go_on, rs_lr_child **child);
/* The same rounds for the bound alone, all of them in a child process
 * beside the search (on events without gap caps, where the selection's
 * per-slot and per-stretch counts cannot see which slots each pair
 * shares): the rounds start at once in a child (rs_lr_child_bound and
 * rs_lr_child_finish give its values), which goes on until go_on or
 * until they converge, and gives up at half its time if no value
 * is below beat (the bound known), leaving the second core to the
 * search.  The caller's (rs_lr_child_free), or NULL when no child could
 * be started (one processor, out of memory, no slots, group events). */
rs_lr_child *rs_pattern_lagrange_beside(const rs_event *ev, double beat, double go_on);
/* The least value the child has sent so far (each a proven bound, not yet
 * made safe: rs_safe_bound), or HUGE_VAL; does not wait.  NULL: HUGE_VAL. */
double rs_lr_child_bound(rs_lr_child *c);
/* The same, waiting for the child's last value until `until` (rs_now()
 * seconds) or the child's own end, whichever comes first: for the end of
 * a run that went to its deadline. */
double rs_lr_child_finish(rs_lr_child *c, double until);
/* Whether the child is still at work (NULL: no). */
int rs_lr_child_running(rs_lr_child *c);
/* Stops the child and frees c; NULL is accepted. */
void rs_lr_child_free(rs_lr_child *c);
/* A floating-point objective value made safe to report as a bound. */
double rs_safe_bound(const rs_event *ev, double v);

/* Whether both of pair p can attend slot k and some room open then holds
 * them (travel and other meetings aside). */
int rs_pair_fits_at(const rs_event *ev, int p, int k);
/* Whether pair p has at least one slot where it fits (rs_pair_fits_at)
 * and neither side's maximum is 0; pairs without one can never meet. */
int rs_pair_placeable(const rs_event *ev, int p);

/* Names column col of lp for the LP file (lpfile.c): kind, then each of
 * the participants a and b given (>= 0) as i<N> (the N-th investor of
 * investors.json) or s<N> (the N-th SME), then, when >= 0, the slot k as
 * k<N> (the N-th slot of the event), the venue v as v<N> (event.json's
 * order) and the room size cap as c<cap>: e.g. x_i3_s12_k5_v1. */
void rs_lp_name_col(const rs_event *ev, glp_prob *lp, int col, const char *kind, int a, int b,
                    int k, int v, int cap);

#endif
