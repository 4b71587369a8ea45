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

#endif /* RS_WORKFLOW_H */
