/*
 * keep.h - what re-scheduling with --previous keeps of the previous
 * schedule, as the timetable heuristic and the direct model both read it.
 *
 * Private to the library.  solve.c builds the keep from the previous
 * schedule.json and owns it for the whole solve; the heuristic and the
 * model borrow it.
 */
#ifndef RS_KEEP_H
#define RS_KEEP_H

/* Per pair: where its previous meeting was, and whether it is locked
 * (fixed there, rule 10); others earn move when they stay in that slot and
 * room, which is the same as charging move for each one moved or dropped,
 * up to a constant. */
typedef struct {
    double move;             /* weights.move                                */
    int *slot, *room;        /* per pair: previous slot and room, or -1     */
    unsigned char *locked;   /* per pair: 1 when the previous one is locked */
    unsigned char *taken;    /* nrooms x nslots: 1 where a locked one sits  */
} rs_keep;

/* The keep bonus of pair at slot k in room r: move when that is where the
 * pair's previous meeting was and it is not locked, else 0 (also without
 * a keep: keep may be NULL). */
static inline double rs_keep_bonus(const rs_keep *keep, int pair, int k, int r)
{
    if (!keep || keep->locked[pair] || keep->slot[pair] != k || keep->room[pair] != r)
        return 0;
    return keep->move;
}

#endif /* RS_KEEP_H */
