/*
 * group_model.h - the group format's GLPK models and bounds
 * (group_model.c): the trivial bound, the selection bound, and the
 * compact model that group.h describes (y[s,k,v,q] pitches, x[i,s,k,v]
 * panel seats, and the per-participant rows of model.c).
 *
 * Private to the library.  Everything here that calls GLPK must run inside
 * a guarded GLPK call (glpk_layer.h); an rs_gmodel lives inside its owner
 * and is freed with rs_gm_free, also after a GLPK error (its GLPK problem
 * must then be forgotten first: m.lp = NULL).
 */
#ifndef RS_GROUP_MODEL_H
#define RS_GROUP_MODEL_H

#include "group_heur.h"
#include "model.h"

/* The compact model: x columns 1..nx (pair, slot, venue), then y columns
 * nx+1..nx+ny (SME, slot, venue, room size), then the shortfall and idle
 * columns of model.c. */
typedef struct {
    rs_model m;           /* lp, shortfall and idle columns (model.c)      */
    int nx, ny;           /* x columns 1..nx, y columns nx+1..nx+ny        */
    int *x_pair, *x_slot, *x_venue;
    int *y_sme, *y_slot, *y_venue, *y_cap;
    int *col_venue;       /* per x and y column (0-based)                  */
    int *pair_first;      /* x columns of pair p: [p] .. [p+1]-1           */
    int *xsv_start, *xsv; /* x columns per (SME, slot, venue)              */
    int *ysv_start;       /* y columns per (SME, slot, venue): contiguous  */
} rs_gmodel;

/* Counts the x columns of the model without building it (to decide
 * whether it is worth building). */
long rs_gm_count_x(const rs_event *ev);
/* Builds the compact model into g (zeroed first).  RS_OK or RS_ENOMEM
 * (free g with rs_gm_free either way). */
rs_code rs_gm_build(const rs_event *ev, rs_gmodel *g);
/* Frees the model and its GLPK problem, and zeroes it; accepts a zeroed
 * one. */
void rs_gm_free(rs_gmodel *g);
/* The model's vector of the heuristic timetable h (x[1..ncols]), for
 * GLPK's first incumbent.  0, or -1 when a pitch has no column. */
int rs_gm_vector(const rs_gmodel *g, const rs_gt *h, double *x);
/* Reads GLPK's solution into a new schedule (sorted, owned by the
 * caller), giving rooms per slot and venue, largest pitch first into the
 * smallest free room that holds it (exact, since the model nests room
 * sizes).  NULL when out of memory or when rooms could not be given. */
rs_schedule *rs_gm_extract(const rs_gmodel *g, const rs_event *ev);

/* A bound needing no solver: each investor hears at most as many pitches
 * as its own limits allow, each worth at most its best pair scores, less
 * the shortfalls that counts alone force (participants whose limits or
 * candidates fall below their minimums; SME minimums beyond the pitches
 * the rooms and the investors can hold); idle slots only subtract.  NaN
 * when out of memory. */
double rs_gm_trivial_bound(const rs_event *ev);
/* The selection bound (which pairs meet and how many times each SME
 * pitches), solved within tm_lim ms: *bound (NaN when unknown) and the
 * problem's size.  RS_OK, RS_EINFEASIBLE when even it has no solution,
 * RS_ENOMEM.  Calls GLPK. */
rs_code rs_gm_selection_bound(const rs_event *ev, int tm_lim, double *bound, long *cols,
                              long *rows);

#endif /* RS_GROUP_MODEL_H */
