/*
 * child.h - work done in a child process beside the caller's own, on the
 * machine's second core.
 *
 * Private to the library.  The search itself runs on one core; a forked
 * child holds a copy of everything the caller had at the fork, works on
 * it until a deadline, and writes what it found to a pipe, which the
 * caller reads when it wants (without waiting, or until a time).  Memory
 * running out in the child costs the caller nothing but the answer, and
 * the child ends by itself two seconds after its deadline should the
 * caller be gone.  Users: the caps phase's Lagrangian rounds
 * (pattern_lr.c), the second annealing (solve.c), the group format's
 * second neighbourhood search (group.c), the last two through the twin
 * answer below, and the brokerage day's gap questions (b2b_sat.c).
 */
#ifndef RS_CHILD_H
#define RS_CHILD_H

#include <stddef.h>

/* A child process and what it has written so far. */
typedef struct rs_child rs_child;

/* Whether a child may take a second core: the machine has two or more
 * processors online (on one, the child's work would be the search's
 * time). */
int rs_child_second_core(void);

/* Runs body(ctx, fd) in a child process, fd the pipe's writing end;
 * the child ends when body returns (without the caller's exit handlers
 * or buffered output), ignores SIGINT (the caller decides), and is killed
 * by an alarm two seconds after deadline (rs_now() seconds).  A new child
 * owned by the caller (rs_child_free), or NULL when none could be started
 * (the caller then does without its answer). */
rs_child *rs_child_start(double deadline, void (*body)(void *ctx, int fd), void *ctx);

/* Reads what the child has written, waiting for more until `until`
 * (rs_now() seconds; not at all when past) or the end of its output.
 * Returns 1 once the output is complete (the child has closed its pipe,
 * by ending or dying), else 0. */
int rs_child_read(rs_child *c, double until);

/* The bytes read so far, in *len (borrowed: valid until the next
 * rs_child_read or rs_child_free). */
const unsigned char *rs_child_data(const rs_child *c, size_t *len);

/* Drops the first n bytes read (at most all of them), for a caller that
 * takes the child's records as they come (the brokerage day's questions,
 * b2b_sat.c, whose child reports its progress ten times a second) instead
 * of one answer at the end. */
void rs_child_consume(rs_child *c, size_t n);

/* Kills the child if it still runs, waits for it and frees c; NULL is
 * accepted. */
void rs_child_free(rs_child *c);

/* A twin's answer: the same work as the caller's, done in a child with
 * other draws or in another order (the annealing's twin, solve.c; the
 * group search's, group.c).  The twin writes to fd whether the clock cut
 * its work (cut), its objective and n items of size bytes; 0, or -1
 * when the pipe failed. */
int rs_twin_write(int fd, int cut, double objective, const void *items, size_t n, size_t size);

/* The caller's side: waits for the twin's answer until `until` and
 * returns its items (borrowed, as rs_child_data's), with their count in
 * *n and the twin's objective in *objective, when the answer came whole
 * and may be taken: its objective above own by more than RS_EPS, and not
 * a twin the clock cut while the caller's own work ended by itself
 * (own_cut 0), so that such runs repeat exactly.  NULL otherwise. */
const unsigned char *rs_twin_answer(rs_child *c, double until, int own_cut, double own,
                                    size_t size, size_t *n, double *objective);

/* The number of children this process has started (for the tests). */
long rs_child_started(void);

#endif
