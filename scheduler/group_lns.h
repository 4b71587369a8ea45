/*
 * group_lns.h - large-neighbourhood search on the group format's
 * timetable with exact GLPK sub-MIPs of the compact model (group_lns.c).
 *
 * Private to the library.  It calls GLPK, so it runs inside a guarded
 * GLPK call; its work arrays are GLPK scratch memory, so a GLPK error
 * leaks nothing, and the timetable and the snapshot belong to the caller.
 */
#ifndef RS_GROUP_LNS_H
#define RS_GROUP_LNS_H

#include "group_heur.h"

/* Improves h by neighbourhoods solved exactly: the panels of a set of
 * investors with every pitch's place fixed, and windows of two slots in
 * one venue where pitches move, appear or disappear.  Keeps a change
 * only when every rule holds (rs_gt_valid), no must pair is lost and the
 * objective rises.  Each sub-MIP stops after a number of branchings, and
 * the search after a pass over every neighbourhood finds nothing, so a
 * search that ends before the deadline repeats exactly; the deadline and
 * *interrupt (may be NULL) only guard.  snap is the caller's scratch for
 * the timetable before each neighbourhood (zeroed at first; the caller
 * frees snap->v).  Returns the number of improvements, -1 when out of
 * memory (h then holds a valid timetable no worse than at the start only
 * if the caller restores one). */
long rs_gt_lns(rs_gt *h, rs_gtsave *snap, int levels, double deadline,
               volatile sig_atomic_t *interrupt);

#endif /* RS_GROUP_LNS_H */
