/*
 * workflow.h - private declarations of the organiser's workflow helpers:
 * the supply check behind `roadshow validate` (supply.c) and the schedule
 * comparison behind `roadshow diff` (diff.c).
 *
 * Not installed.  The public entry points (rs_event_supply and the rs_diff
 * functions) are declared in roadshow.h; this header adds the per-participant
 * figures the supply check derives, so that tests can hold a solved schedule
 * against them.
 */
#ifndef RS_WORKFLOW_H
#define RS_WORKFLOW_H

#include "internal.h"
#include "schedfile.h"

/* What the inputs alone allow one participant, from its own side (SMEs and
 * investors alike; "partners" are the other side).  Every figure is an
 * upper limit that any schedule obeying the hard rules respects. */
typedef struct {
    int candidates;    /* partners the contract lets it meet (candidate pairs) */
    int reachable;     /* of those: partners that can take a meeting and share
                          a slot with it in which a free room holds them both */
    int avail_slots;   /* slots it is available in                            */
    int room_slots;    /* of those: slots in which a free room holds its team
                          plus the smallest team of its candidates           */
    int slot_capacity; /* most meetings in room_slots under its consecutive
                          limit and max_meetings                              */
    int matching;      /* most meetings with distinct partners in distinct
                          slots (for an SME pitch: partner places divided by
                          per_meeting)                                        */
    int per_meeting;   /* partners one of its meetings needs: the event's
                          group_min_investors for an SME in group format,
                          else 1                                              */
    int bound;         /* the least of the limits above: no schedule gives it
                          more meetings                                       */
    int no_room;       /* 1 when no room of the event holds its team with the
                          smallest partner team: it can meet nobody           */
    int need;          /* people its smallest possible meeting holds          */
} rs_supply_of;

/* Fills out[0 .. ev->np-1] (the caller's array) with each participant's
 * figures.  RS_OK, or RS_ENOMEM (out is then partly filled). */
rs_code rs_supply_all(const rs_event *ev, rs_supply_of *out);

/* ------------------------------------------------------------ --previous */

/* A previous schedule read for re-scheduling (schedfile.c), from one
 * reading of its file.  Meetings that name a participant no longer in the
 * event are not in s: they are counted in removed, with one line each in
 * notes.  Owned by the caller. */
typedef struct {
    rs_schedule *s;  /* the other meetings, in the file's order            */
    int *pos;        /* per meeting of s: its index in the file's array    */
    int removed;     /* meetings dropped because a participant left        */
    rs_diag *notes;  /* "FILE: meetings[i]: dropped: ..." per such meeting */
    char *file;      /* the file's base name, for messages                 */
    /* The same file read as `roadshow diff` reads it (without the event,
     * so meetings of participants who left are there), for the counts of
     * kept, moved and dropped meetings: the records, or NULL when that
     * reading found problems, which are then in written_problems        */
    rs_sched_file *written;
    rs_diag *written_problems;
} rs_previous;

/* Reads a previous schedule.json with full validation: unknown rooms,
 * dates and slots, and unknown participants in locked meetings, are errors
 * (RS_EINPUT, every problem in the diag as "FILE: JSON.PATH: message");
 * a meeting that is not locked and names a participant who is no longer in
 * the event is dropped and noted.  RS_EIO when the file cannot be read,
 * RS_ENOMEM.  On RS_OK *out is new and owned by the caller. */
rs_code rs_previous_load(const rs_event *ev, const char *path, rs_previous **out,
                         rs_diag *diag);
/* Frees a previous schedule.  Accepts NULL. */
void rs_previous_free(rs_previous *pv);

/* Checks the locked meetings of pv alone against every hard rule that a
 * part of a schedule must keep (all but rule 7): a locked meeting that a
 * change of the inputs made impossible (someone unavailable, a room
 * closed, a pair now forbidden, a maximum lowered...) is reported naming
 * the rule, as "FILE: locked mNNNN (date time room): rule N: ...".
 * RS_OK, RS_EINFEASIBLE, or RS_ENOMEM. */
rs_code rs_check_locked(const rs_event *ev, const rs_previous *pv, rs_diag *diag);

/* Pairs the meetings of the previous schedule (pv->written: as `roadshow
 * diff` reads the file, without the event, so meetings of participants who
 * left count as dropped) with those of s, by the rules of diff.c, and fills
 * *c.  RS_OK; RS_EINPUT with the problems that reading found added to the
 * diag (pv->written is NULL); or RS_ENOMEM. */
rs_code rs_diff_counts_of(const rs_previous *pv, const rs_event *ev, const rs_schedule *s,
                          rs_diff_counts *c, rs_diag *diag);

#endif /* RS_WORKFLOW_H */
