/*
 * homes.h - home venues: one venue per investor and day, investors who
 * meet the same SMEs together (homes.c).  Private to the library.
 */
#ifndef RS_HOMES_H
#define RS_HOMES_H

#include "internal.h"

/* Groups the investors of ev into its venues, day by day, from the n
 * pairs (indices into ev->pairs; peer pairs are ignored): investors who
 * share SMEs in those pairs share a venue, and each venue takes about its
 * share of the day's room-slots, an investor's load being its
 * pairs up to its max_meetings, spread over its days by its available
 * slots.  Greedy by load, then moves and swaps that put more partners
 * together, in a fixed order (the same homes every run).  On success
 * *homes gets a new array of ninv x ndays venues (-1: no home that day,
 * the investor unavailable or without pairs; the caller frees it) and
 * the result is 0; with one venue *homes is NULL and the result 0; -1
 * when out of memory (*homes NULL). */
int rs_homes(const rs_event *ev, const int *pairs, int n, int **homes);

#endif /* RS_HOMES_H */
