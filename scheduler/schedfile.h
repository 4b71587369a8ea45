/*
 * schedfile.h - reading schedule.json files: one reader into plain records,
 * and the step that turns the records of an event's schedule into an
 * rs_schedule.
 *
 * Not installed.  Three things read schedule files: `roadshow check`
 * (rs_schedule_load), `roadshow diff` (rs_diff_load) and re-scheduling
 * with --previous (rs_previous_load, which reads its file once).  Each
 * reads with rs_sched_read into an rs_sched_file: the file's meetings as
 * records holding the strings as written and each meeting's place in the
 * file's "meetings" array, so that later messages can name it.  Reading
 * reports every problem of the file at once, as "FILE: JSON.PATH: message",
 * by one of two sets of rules:
 *
 *   RS_SCHED_FOR_EVENT  a schedule of this event (check and --previous):
 *       field by field, each id, room, date and time must name one of the
 *       event (an unknown one is an error at its field), the venue must be
 *       the room's, the header (status, objective, bound, gap) and each
 *       meeting's score and locked flag are read; every record then holds
 *       the event's indices too.
 *   RS_SCHED_AS_WRITTEN  two schedules compared (diff): no event needed;
 *       ids must follow the contract's id alphabet, a meeting needs an
 *       investor, none listed twice, and it must end after it starts;
 *       with an event, ids, rooms and slots are also checked against it.
 *
 * The two differ in what they can know and say, not in how a file is read:
 * parsing, the header's version, the meetings array, records and their
 * ownership are one code.
 */
#ifndef RS_SCHEDFILE_H
#define RS_SCHEDFILE_H

#include "internal.h"

#include <cjson/cJSON.h>

typedef enum { RS_SCHED_FOR_EVENT, RS_SCHED_AS_WRITTEN } rs_sched_rules;

/* One meeting as a schedule file states it.  Strings are malloc'd and
 * owned by the record (freed with its file). */
typedef struct {
    int pos;            /* its index in the file's "meetings" array         */
    char *id;           /* its "id" when that is a string, else NULL        */
    char date[11];      /* "YYYY-MM-DD"                                     */
    int start, end;     /* minutes after midnight                           */
    char *room, *venue; /* venue is NULL when absent                        */
    char *sme;
    char **inv;         /* investor ids: in the file's order (FOR_EVENT),
                           sorted (AS_WRITTEN)                              */
    /* A peer meeting ("sme": null): 1 of two SMEs, 2 of two investors,
     * else 0.  sme then holds one participant and inv[0] the other: sme
     * the higher participant index (FOR_EVENT, as rs_meeting), the lower
     * id (AS_WRITTEN). */
    int peer;
    int ninv;
    double score;       /* FOR_EVENT: NaN when absent or null               */
    int locked;         /* FOR_EVENT: the "locked" flag                     */
    /* FOR_EVENT: the event's indices (slot, room, participants)           */
    int islot, iroom, isme;
    int *iinv;          /* ninv participant indices, parallel to inv        */
} rs_sched_meeting;

/* A schedule file read by rs_sched_read.  Owned by the caller
 * (rs_sched_file_free). */
typedef struct {
    char *file;         /* the name its messages give it                    */
    /* FOR_EVENT: the header as written: status ("" when absent; rs_check
     * judges it), objective, bound and gap (NaN when absent or null)      */
    char status[16];
    double objective, bound, gap;
    rs_sched_meeting *m; /* n records, in the file's order                  */
    int n, cap;
    /* FOR_EVENT with notes (a previous schedule, see rs_sched_read): the
     * meetings left out because a participant left the event              */
    int removed;
} rs_sched_file;

/* Reads the schedule file at path into records by the given rules, naming
 * it name in messages ("FILE: ..."); ev is required for RS_SCHED_FOR_EVENT
 * and optional for RS_SCHED_AS_WRITTEN.  With notes (FOR_EVENT only: a
 * previous schedule for --previous), a meeting that is not locked and names
 * a participant no longer in the event is left out with a note
 * "FILE: meetings[i]: dropped: ..." in notes instead of an error (the
 * participant left; its date, times and room are still checked), and
 * counted in removed.  On RS_OK *out is a new file of records of every
 * other meeting, owned by the caller, and when tree is not NULL *tree the
 * parsed file (the caller cJSON_Deletes it), to be read again by other
 * rules with rs_sched_read_tree.  RS_EINPUT with every problem in the
 * diag, RS_EIO when the file cannot be read, or RS_ENOMEM; *out (and
 * *tree) NULL then. */
rs_code rs_sched_read(const char *path, const char *name, rs_sched_rules rules,
                      const rs_event *ev, rs_diag *notes, rs_sched_file **out, cJSON **tree,
                      rs_diag *diag);

/* rs_sched_read on a tree it returned (borrowed): the same file read again,
 * by other rules or under another name. */
rs_code rs_sched_read_tree(const cJSON *root, const char *name, rs_sched_rules rules,
                           const rs_event *ev, rs_diag *notes, rs_sched_file **out,
                           rs_diag *diag);

/* Frees the file and its records.  Accepts NULL. */
void rs_sched_file_free(rs_sched_file *f);

/* The records of a file read FOR_EVENT as a schedule of that event: its
 * meetings in the file's order with the header's figures.  When pos is
 * not NULL, *pos receives (malloc'd, the caller frees) each meeting's
 * place in the file.  On RS_OK *out is a new schedule owned by the caller;
 * RS_ENOMEM otherwise (nothing returned). */
rs_code rs_sched_to_schedule(const rs_sched_file *f, rs_schedule **out, int **pos);

#endif /* RS_SCHEDFILE_H */
