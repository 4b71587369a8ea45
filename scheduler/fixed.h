/*
 * fixed.h - one-to-one events whose meetings are all fixed in advance
 * (every candidate pair a must): timetabled by b2b.c's exact search.
 *
 * Private to the library; the adapter is fixed.c.
 */
#ifndef RS_FIXED_H
#define RS_FIXED_H

#include "phase.h"

/* Whether the event is one the exact search solves as the contract
 * states it: one-to-one, every candidate pair a must, at most 64 slots,
 * every room holding every pair, no travel or changeover between rooms,
 * and no consecutive limit or maximum that could bind.  Out of memory it
 * says no (the one-to-one phases then solve the event). */
int rs_fixed_applies(const rs_event *ev);

/* The solver of such events (without --previous): the pre-check of the
 * one-to-one format, then b2b.c's search for the whole time limit; the
 * schedule's strategy is "exact". */
extern const rs_format rs_format_fixed;

#endif /* RS_FIXED_H */
