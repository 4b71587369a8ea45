/*
 * roadshow.h - the public interface of the roadshow scheduling library.
 *
 * roadshow reads an investment roadshow (an event folder holding event.json,
 * investors.json and smes.json), builds an integer program with GLPK, and
 * produces a timetable of investor/SME meetings that maximises the match
 * score, with a proven upper bound.  Every handle is opaque; every function
 * states who owns what.  Destructors accept NULL.
 *
 * Errors: functions return an rs_code (0 = RS_OK).  Details go to an rs_diag,
 * a list of messages of the form "FILE: JSON.PATH: message" (or with line and
 * column for syntax errors), so that every problem of an input is reported at
 * once rather than the first one only.
 */
#ifndef ROADSHOW_H
#define ROADSHOW_H

#include <signal.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RS_VERSION "0.1.0"

/* Result codes.  The first six double as the command line's exit codes. */
typedef enum {
    RS_OK = 0,
    RS_EUSAGE = 1,      /* bad call: a missing argument, an unknown option  */
    RS_EINPUT = 2,      /* bad input: every problem is in the rs_diag       */
    RS_EINFEASIBLE = 3, /* the hard rules clash (the diag says which)       */
    RS_ENOSOLUTION = 4, /* no schedule found within the time limit          */
    RS_ECHECK = 5,      /* a schedule breaks rules (each one in the diag)   */
    RS_ENOMEM = 10,     /* out of memory                                     */
    RS_EIO = 11,        /* a file could not be read or written              */
    RS_ESOLVER = 12     /* GLPK failed internally (caught, never aborts)    */
} rs_code;

/* ---------------------------------------------------------------- diag */

/* A list of diagnostic messages.  Owned by the caller. */
typedef struct rs_diag rs_diag;

/* Returns a new empty list, or NULL when out of memory. */
rs_diag *rs_diag_new(void);
/* Frees the list and its messages.  Accepts NULL. */
void rs_diag_free(rs_diag *d);
/* Number of messages held. */
size_t rs_diag_count(const rs_diag *d);
/* Message i (0-based); the string is owned by the list. */
const char *rs_diag_message(const rs_diag *d, size_t i);
/* Appends a printf-style message; silently drops it when out of memory
 * (the caller's rs_code still tells the failure). */
void rs_diag_add(rs_diag *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* --------------------------------------------------------------- event */

/* A parsed, validated event.  Read-only once loaded. */
typedef struct rs_event rs_event;

/* Reads and validates EVENT_DIR/{event,investors,smes}.json.  On RS_OK
 * *out receives a new event owned by the caller (free with rs_event_free).
 * On RS_EINPUT every problem found is appended to diag and *out is NULL.
 * RS_EIO when a file cannot be read (the diag carries strerror); RS_ENOMEM
 * when memory ran out while reading (whatever else was found). */
rs_code rs_event_load(const char *event_dir, rs_event **out, rs_diag *diag);
/* Frees an event.  Accepts NULL. */
void rs_event_free(rs_event *ev);

/* Looks for must requests that the inputs alone show cannot be met (an
 * avoid, no common slot, no room that holds them, more musts than someone
 * can hold), appending each clash to the diag.  RS_EINFEASIBLE when any is
 * found, RS_OK otherwise.  rs_solve runs it too. */
rs_code rs_event_precheck(const rs_event *ev, rs_diag *diag);

/* Appends to warnings (owned by the caller) one line for each place where
 * the event's demand exceeds its supply: participants whose minimum no
 * schedule can reach (and the limiting reason, with numbers), rooms too
 * small for any meeting, teams no room holds, the SMEs' minimums against
 * room-slots and investor capacity (over the event and per day), and must
 * requests that cannot be met even alone.  Every warning is a true
 * necessary condition: no schedule avoids it.  Warnings, not errors: RS_OK
 * (also when some were added), or RS_ENOMEM. */
rs_code rs_event_supply(const rs_event *ev, rs_diag *warnings);

/* Figures an organiser wants before solving (see rs_event_summary). */
typedef struct {
    int investors, smes, days, slots, rooms, venues, sectors;
    int candidate_pairs;     /* pairs allowed to meet                    */
    int requests, must_requests;
    long room_slots;         /* sum over rooms of their available slots  */
    long min_demand;         /* sum of SME minimum meetings              */
    long investor_capacity;  /* sum of investor meeting capacities       */
    long sme_capacity;       /* sum of SME meeting capacities            */
} rs_summary;

/* Fills *s from the event.  Never fails. */
void rs_event_summary(const rs_event *ev, rs_summary *s);
/* The event's name and time zone; strings owned by the event. */
const char *rs_event_name(const rs_event *ev);
const char *rs_event_timezone(const rs_event *ev);
/* Whether the event counts gaps: weights.idle_gap or a max_idle_gaps is
 * set (summaries then show them). */
int rs_event_counts_gaps(const rs_event *ev);

/* ------------------------------------------------------------ schedule */

/* A schedule: meetings plus what the solver reports about them. */
typedef struct rs_schedule rs_schedule;

typedef enum {
    RS_STRATEGY_AUTO = 0,   /* choose from the event's size               */
    RS_STRATEGY_DIRECT,     /* one integer program over pairs, slots, venues */
    RS_STRATEGY_DECOMPOSE   /* choose meetings, then timetable them        */
} rs_strategy;

/* Progress reported while solving; values are NaN when not known yet. */
typedef struct {
    double seconds;     /* elapsed since the solve started             */
    double incumbent;   /* contract objective of the best schedule     */
    double bound;       /* proven upper bound                          */
    double gap;         /* (bound - incumbent) / max(1, |bound|)       */
    const char *phase;  /* short name of what the solver is doing now */
} rs_progress;

/* Solver options.  Always initialise with rs_options_init, then change
 * what you need, like GLPK's glp_init_iocp: new fields get safe defaults. */
typedef struct {
    double time_limit;      /* seconds; < 0 means take the event's value  */
    double mip_gap;         /* relative gap; < 0 means take the event's   */
    rs_strategy strategy;
    int quiet;              /* nonzero: no progress lines on stderr        */
    /* Called now and then with progress; may be NULL.  Returning nonzero
     * asks the solver to stop and return the best schedule found. */
    int (*progress)(const rs_progress *p, void *user);
    void *progress_user;
    /* Set to nonzero (e.g. from a signal handler) to stop the solve early;
     * the best schedule so far is returned.  May be NULL. */
    volatile sig_atomic_t *interrupt;
    /* Re-scheduling: path of the previous schedule.json, or NULL.  Its
     * meetings marked "locked" are kept exactly (rule 10); the others stay
     * in place unless moving or dropping one gains more than the event's
     * weights.move.  Borrowed: must stay valid during rs_solve. */
    const char *previous;
    /* Most memory GLPK may use, in MiB (glp_mem_limit); 0 means no limit.
     * When GLPK needs more, the solve stops: the best schedule found
     * before is returned as "feasible" (with a diag message saying so),
     * or RS_ENOSOLUTION when there was none. */
    int memory_limit_mb;
    /* 0 (the default): on a machine with a second processor the solve
     * may run work beside its own in child processes (fork: the
     * pattern relaxation's rounds for the bound, the twin annealing, the group format's twin
     * neighbourhood search, the brokerage days' satisfiability
     * questions, at most two of those at once), each
     * ended before rs_solve returns.  Nonzero: everything in the calling
     * process, for programs with threads of their own (a fork copies
     * only the calling thread) or machines shared with other work. */
    int single_process;
} rs_options;

/* Sets every option to its default. */
void rs_options_init(rs_options *o);

/* Solves the event.  On RS_OK *out receives a new schedule owned by the
 * caller whose status is "optimal" or "feasible".  RS_EINFEASIBLE when the
 * hard rules (must requests, locked meetings) cannot all hold: the diag
 * explains the clash.  RS_EINPUT when opt->previous is given and cannot be
 * read for this event (every problem in the diag, as for rs_schedule_load).
 * RS_ENOSOLUTION when no schedule was found in time.  RS_ESOLVER when GLPK
 * failed; the process is never aborted.  *out is NULL on failure. */
rs_code rs_solve(const rs_event *ev, const rs_options *opt, rs_schedule **out,
                 rs_diag *diag);

/* Frees a schedule.  Accepts NULL. */
void rs_schedule_free(rs_schedule *s);

/* Reads a schedule.json written by roadshow (or by hand) for this event.
 * Structural problems (bad JSON, unknown ids, unknown slots) are appended to
 * the diag as "FILE: PATH: message" and give RS_EINPUT; rule violations are
 * not looked at here (see rs_check).  RS_EIO when the file cannot be read,
 * RS_ENOMEM when memory ran out.  On RS_OK *out is owned by the caller,
 * NULL otherwise. */
rs_code rs_schedule_load(const rs_event *ev, const char *path, rs_schedule **out,
                         rs_diag *diag);

/* Checks a schedule against every hard rule of the contract, independently
 * of the solver, and recomputes its objective.  Each violation is appended
 * to the diag naming the meeting and the rule.  Returns RS_OK when the
 * schedule obeys every rule, RS_ECHECK otherwise.  When objective is not
 * NULL it receives the contract objective of the schedule. */
rs_code rs_check(const rs_event *ev, const rs_schedule *s, double *objective,
                 rs_diag *diag);

/* Rule 10: checks that every meeting marked "locked" in the previous
 * schedule at previous_path is in s unchanged (same date, slot, room, SME
 * and investors), one diag line per meeting that is not.  RS_OK, RS_ECHECK,
 * or RS_EINPUT / RS_EIO when the previous schedule cannot be read for this
 * event (problems in the diag as "FILE: JSON.PATH: message"), or
 * RS_ENOMEM. */
rs_code rs_check_previous(const rs_event *ev, const rs_schedule *s, const char *previous_path,
                          rs_diag *diag);

/* Figures about a schedule, for summaries. */
typedef struct {
    const char *status;    /* "optimal" or "feasible"; owned by schedule */
    double objective, bound, gap, seconds;
    int meetings, idle_slots, shortfalls;
    int smes_served, smes;           /* SMEs with at least one meeting   */
    int requests_met, requests;      /* requests (either side) granted   */
    /* Re-scheduling (solved with rs_options.previous; 0 otherwise): the
     * previous schedule's meetings kept in place, moved, dropped (removed
     * counts those of participants who left) and the new ones, as
     * `roadshow diff` counts them; move_cost is weights.move times moved
     * plus dropped, apart from the objective. */
    int previous, kept, moved, dropped, removed, added;
    double move_cost;
    int idle_gaps;         /* gaps (runs of idle slots between meetings) */
    /* Re-scheduling a group event: previous pitches still given by the
     * same SME whose panel changed (roadshow diff's "changed"); 0
     * otherwise. */
    int changed;
} rs_schedule_info;

/* Fills *info.  Never fails. */
void rs_schedule_info_get(const rs_event *ev, const rs_schedule *s,
                          rs_schedule_info *info);

/* ------------------------------------------------------------- exports */

/* Writes the event's exact integer program in CPLEX LP format to path (a
 * file for another solver): for one-to-one events the direct model, a
 * binary per candidate pair, slot and venue; for group events the compact
 * pitch model.  It maximises the contract objective itself (no constant
 * dropped), so its optimum is the best objective of any schedule; column
 * names say what each one is (docs/solving.md).  --previous plays no part.
 * Written to a temporary file and renamed; RS_EIO with the reason in the
 * diag, RS_ENOMEM, or RS_ESOLVER when GLPK failed (never aborts). */
rs_code rs_write_model(const rs_event *ev, const char *path, rs_diag *diag);

/* Writes every output format into OUT_DIR, creating it (and its
 * sub-folders) when missing:
 *   json    schedule.json, the contract's format
 *   csv     meetings.csv, one row per meeting and investor
 *   ics     calendars/ID.ics, one iCalendar file per participant (also
 *           for those without a meeting); calendars an earlier run wrote
 *           for participants no longer in the event are removed
 *   html    timetable.html, the printable timetable
 *   schema  schemas/NAME.schema.json, the JSON Schemas of the inputs and of
 *           schedule.json
 * The files are written as one batch: each to a temporary name, then all
 * flushed and renamed, so a failure leaves every earlier file as it was
 * and no half-written one.  RS_OK; RS_EIO (a file or folder that cannot be
 * written, with the path and the system's reason in the diag); RS_EINPUT
 * (an event the calendars cannot describe, such as one without a day); or
 * RS_ENOMEM. */
rs_code rs_write_outputs(const rs_event *ev, const rs_schedule *s,
                         const char *out_dir, rs_diag *diag);

/* Like rs_write_outputs, writing only the formats named in a comma-separated
 * list of the names above ("json,csv,ics,html,schema"); NULL or "" means
 * all of them.  RS_EUSAGE (nothing written) when the list names an unknown
 * format, as rs_formats_check says. */
rs_code rs_write_formats(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                         const char *formats, rs_diag *diag);

/* Checks a --formats list: RS_OK, or RS_EUSAGE with the unknown names in
 * the diag.  Lets a program refuse a typo before a long solve. */
rs_code rs_formats_check(const char *formats, rs_diag *diag);

/* ---------------------------------------------------------------- diff */

/* What changed between two schedule.json files of one event. */
typedef struct rs_diff rs_diff;

/* Meetings by what happened to them, and participants with a change. */
typedef struct {
    int added, dropped, moved, changed, kept;
    int participants;
} rs_diff_counts;

/* Reads two schedule.json files and pairs their meetings (by SME and
 * investors; see diff.c).  ev may be NULL; when given it must outlive the
 * diff, ids, rooms and slots are checked against it and reports show names.
 * On RS_OK *out is a new diff owned by the caller (rs_diff_free).  RS_EINPUT
 * or RS_EIO with every problem in the diag as "PATH: JSON.PATH: message"
 * (PATH as given); RS_ENOMEM. */
rs_code rs_diff_load(const char *old_path, const char *new_path, const rs_event *ev,
                     rs_diff **out, rs_diag *diag);
/* Fills *c.  Never fails. */
void rs_diff_get_counts(const rs_diff *d, rs_diff_counts *c);
/* The report as text (per participant by id, then a summary line) or as
 * JSON; malloc'd, the caller frees; NULL when out of memory. */
char *rs_diff_text(const rs_diff *d);
char *rs_diff_json(const rs_diff *d);
/* Writes rs_diff_json's text to path through a temporary file and rename,
 * so a failure leaves no half-written file.  RS_OK, RS_EIO with the reason
 * in the diag, or RS_ENOMEM. */
rs_code rs_diff_write_json(const rs_diff *d, const char *path, rs_diag *diag);
/* Frees a diff.  Accepts NULL. */
void rs_diff_free(rs_diff *d);

/* Frees the memory GLPK keeps between solves.  Call once at the end of the
 * program (the command line does); it also invalidates any GLPK objects the
 * caller made itself, so a program using GLPK directly should skip it. */
void rs_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif /* ROADSHOW_H */
