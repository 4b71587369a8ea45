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

/* Improves h by neighbourhoods solved exactly (group_lns.c lists them):
 * panels of a few investors with every pitch's place fixed, the pitches
 * of two slots, the pitches of a few related SMEs, and windows of
 * consecutive slots at one venue, growing level by level while a pass
 * finds nothing: at one venue at a time over levels 0 .. levels - 1,
 * then every venue at once, larger each level, until neighbourhoods the
 * size of the whole event.  Keeps a change only when every rule holds
 * (rs_gt_valid), no must pair is lost and the objective rises.  Each
 * sub-MIP stops after a number of branchings and the search when its
 * last level finds nothing, so a search that ends before the deadline
 * repeats exactly; the deadline and *interrupt (may be NULL) only guard.
 * variant 0 runs the kinds in the order listed; variant v starts each
 * pass at the v-th kind (the same neighbourhoods in another order).
 * first is the level the search starts at: 0 for the smallest
 * neighbourhoods, levels for windows over every venue at once from the
 * first pass (at most the search's last level).
 * *cut (may be NULL) is set to 1 when the deadline, *interrupt or an
 * error ended the search before its last level, 0 when it ended by
 * itself.  snap is the caller's scratch for the timetable before each
 * neighbourhood (zeroed at first; the caller frees snap->v).  Returns
 * the number of improvements, or -1 when out of memory (h is then the
 * timetable before the neighbourhood that failed, or partly rebuilt when
 * even restoring it failed). */
long rs_gt_lns(rs_gt *h, rs_gtsave *snap, int levels, int first, int variant,
               double deadline, volatile sig_atomic_t *interrupt, int *cut);

/* The sub-MIPs this process's searches have solved, and the
 * neighbourhoods they skipped as tried without a gain on the same
 * timetable (for the tests). */
void rs_gt_lns_counts(long *solved, long *skipped);

#endif /* RS_GROUP_LNS_H */
