/*
 * internal.h - private structures of the roadshow library.
 *
 * Not installed.  The event is read once by reader.c into these arrays and is
 * read-only afterwards; every other module (pairs, model, heuristics, check,
 * exports) works on indices into them.
 *
 * Participants live in one array: investors first (0 .. ninv-1), then SMEs
 * (ninv .. np-1), so per-participant rows and counters need one index only.
 */
#ifndef RS_INTERNAL_H
#define RS_INTERNAL_H

#include "roadshow.h"

#include <stdarg.h>
#include <stdint.h>

#define RS_UNLIMITED 1000000 /* "no maximum" for meeting counts */

enum { RS_PRIO_NONE = 0, RS_PRIO_NORMAL = 1, RS_PRIO_HIGH = 2, RS_PRIO_MUST = 3 };
enum { RS_FORMAT_ONE_TO_ONE = 0, RS_FORMAT_GROUP = 1 };

typedef struct {
    char *date;          /* "YYYY-MM-DD", as written                       */
    int start, end;      /* minutes after midnight                         */
    int first_slot;      /* index of the day's first slot in ev->slots     */
    int nslots;
} rs_day;

typedef struct {
    int day;             /* index into ev->days                            */
    int start, end;      /* minutes after midnight                         */
    int prev;            /* the slot this one is consecutive to, or -1     */
} rs_slot;

typedef struct {
    char *id, *name;
} rs_named;              /* venues and sectors */

typedef struct {
    char *id, *name;
    int venue;           /* index into ev->venues                          */
    int capacity;        /* people                                         */
    unsigned char *avail;/* per slot: 1 when the room can be used          */
} rs_room;

typedef struct {
    int other;           /* participant index of the requested party       */
    int priority;        /* RS_PRIO_*                                      */
    int pos;             /* index in the file's "requests" array (messages) */
    unsigned char *win;  /* per slot: 1 inside one of its "windows"; NULL
                            when the request has none (every slot)         */
} rs_request;

typedef struct {
    char *id, *name, *organisation;
    int is_investor;
    double *interest;    /* investors: interest per sector (0 = none)      */
    int *sectors;        /* SMEs: sector indices, the first is primary     */
    int nsectors;
    char **stages;       /* investors: accepted stages (NULL when none)    */
    int nstages;
    int lists_stages;    /* investor wrote a non-empty "stages"            */
    char *stage;         /* SMEs: stage, or NULL                           */
    int team_size;
    int min_meetings, max_meetings, max_consecutive; /* rules applied      */
    int max_idle_gaps;   /* rule 12: gaps over the event (RS_UNLIMITED)    */
    unsigned char *avail;/* per slot: 1 when the participant can meet      */
    int navail;          /* number of available slots                      */
    rs_request *req;
    int nreq;
    int *avoid;          /* participant indices                            */
    int navoid;
    int file_index;      /* position in its file, for messages             */
} rs_participant;

/* A candidate pair.  An investor-SME pair has the investor in inv and
 * the SME in sme.  A peer pair (peer = 1: two investors or two SMEs, met
 * because one requested the other) has its lower participant index in inv
 * and the higher in sme, so code that treats the two as "both sides" works
 * unchanged; req_by_inv and req_by_sme are then the requests of inv and of
 * sme.  Peer pairs come after every investor-SME pair (ev->npairs_io on),
 * sorted by (inv, sme). */
typedef struct {
    int inv, sme;        /* participant indices                            */
    double fit, stage, req, score;
    int req_by_inv, req_by_sme;  /* RS_PRIO_* of each side's request       */
    int must;            /* either side asked with "must"                  */
    int peer;            /* both of one side (see above)                   */
    unsigned char *allowed; /* per slot: 1 where the requests' windows let
                            the pair meet; NULL when no window applies     */
} rs_pair;

typedef struct {
    double primary_sector, secondary_sector, stage;
    double request_normal, request_high;
    double min_meetings_shortfall, idle_slot;
    double idle_gap;     /* per gap: a maximal run of idle slots           */
    double move;         /* --previous: cost of not keeping a meeting in place */
} rs_weights;

struct rs_event {
    char *name, *timezone;
    int slot_minutes, changeover_minutes;
    rs_day *days;       int ndays;
    rs_slot *slots;     int nslots;
    rs_named *venues;   int nvenues;
    int *travel;        /* nvenues x nvenues minutes                       */
    rs_room *rooms;     int nrooms;
    rs_named *sectors;  int nsectors;
    rs_participant *p;  int np, ninv, nsme;
    int format;         /* RS_FORMAT_*                                     */
    int group_min_investors;
    rs_weights w;
    double time_limit, mip_gap;
    /* candidate pairs: allowed to meet by the contract's rules            */
    rs_pair *pairs;     int npairs;
    int npairs_io;      /* investor-SME pairs: 0 .. npairs_io-1, peers after */
    int gap_cap;        /* some participant's max_idle_gaps is finite       */
    int *pair_of;       /* ninv x nsme: pair index or -1                   */
    unsigned char *forbidden; /* ninv x nsme: 1 when an avoid names it     */
    int *id_order;      /* participant indices sorted by id (lookups)       */
    int *venue_seats;   /* nvenues x nslots: the most people an open room
                           of the venue seats in the slot (0: none open);
                           NULL unless 2 .. RS_TRAVEL_VENUES venues        */
};

/* Most venues for which the idle floors see travel (select.c): beyond,
 * they stay blind to it, which keeps them floors and their work small. */
#define RS_TRAVEL_VENUES 16

/* Participant index helpers. */
static inline int rs_sme_col(const rs_event *ev, int sme) { return sme - ev->ninv; }
/* Index of the peer pair of participants a and b (one side), or -1. */
int rs_peer_pair_index(const rs_event *ev, int a, int b);
/* Index of the candidate pair of participants a and b in either order
 * (investor-SME or peer), or -1 when they may not meet. */
static inline int rs_pair_index(const rs_event *ev, int a, int b)
{
    if (ev->p[a].is_investor == ev->p[b].is_investor)
        return rs_peer_pair_index(ev, a, b);
    if (!ev->p[a].is_investor) {
        int t = a;
        a = b;
        b = t;
    }
    return ev->pair_of[(long)a * ev->nsme + (b - ev->ninv)];
}
/* The participant of pair other than q (one of its two). */
static inline int rs_pair_other(const rs_event *ev, int pair, int q)
{
    return ev->pairs[pair].inv == q ? ev->pairs[pair].sme : ev->pairs[pair].inv;
}
/* Whether pair p may meet in slot k as far as its requests' windows go
 * (rule 11); every test of a pair against a slot goes through it. */
static inline int rs_pair_slot_ok(const rs_event *ev, int p, int k)
{
    return !ev->pairs[p].allowed || ev->pairs[p].allowed[k];
}


/* A meeting.  An investor-SME or group meeting has its SME in sme and its
 * investors in inv.  A peer meeting (two investors or two SMEs) has its
 * candidate pair's sme (the higher participant index) in sme and the
 * pair's inv (the lower) in inv[0] (ninv 1), as the solvers add pairs;
 * rs_meeting_is_peer tells them apart, and the writers show it as "sme":
 * null with "investors" the investors in it. */
typedef struct {
    int slot;            /* index into ev->slots                           */
    int room;            /* index into ev->rooms                           */
    int sme;             /* participant index                              */
    int ninv;
    int *inv;            /* participant indices, ascending (file order)    */
    double score;
    int locked;
} rs_meeting;

/* Whether meeting m (of a one-to-one schedule) is a peer meeting: its two
 * participants are of one side (see rs_meeting). */
static inline int rs_meeting_is_peer(const rs_event *ev, const rs_meeting *m)
{
    return m->ninv == 1 && ev->p[m->sme].is_investor == ev->p[m->inv[0]].is_investor;
}

/* A one-to-one meeting as the solvers pass it around: which candidate
 * pair meets, in which slot and room (indices into ev->pairs, ev->slots,
 * ev->rooms).  The timetable heuristic holds its meetings so, and the
 * direct model takes them so as its warm start. */
typedef struct {
    int pair, slot, room;
} rs_placement;

typedef struct {
    int from, to;        /* participant indices                            */
    int priority;
    char *reason;
} rs_unmet;

typedef struct {
    int participant;
    int meetings, minimum;
    char *reason;        /* may be NULL                                    */
} rs_shortfall;

struct rs_schedule {
    rs_meeting *m;       int nm, capm;
    rs_unmet *unmet;     int nunmet;
    rs_shortfall *short_;int nshort;
    char status[16];     /* "optimal" or "feasible"                        */
    double objective, bound, gap, seconds;
    int idle_slots;
    int idle_gaps;       /* gaps of the schedule (the contract's count)    */
    char strategy[16];
    long lp_cols, lp_rows; /* size of the largest GLPK problem solved      */
    /* solved with --previous: counts as rs_schedule_info states them      */
    int previous, kept, moved, dropped, removed, added;
    int changed;         /* group format: pitches whose panel changed      */
    double move_cost;
};

/* ---- util.c ------------------------------------------------------- */
void *rs_xmalloc(size_t n);           /* NULL on failure, like malloc      */
char *rs_strdup(const char *s);
void rs_vdiag_add(rs_diag *d, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 0))) /* clang's -Wformat=2 wants it */
#endif
    ;
double rs_now(void);                  /* monotonic seconds                 */
/* Formats minutes after midnight as "HH:MM" into buf (6 bytes). */
void rs_fmt_time(int minutes, char buf[6]);
/* Prints a number the way JSON output wants it: integers without a
 * fraction, others with up to 15 significant digits. */
void rs_fmt_num(double v, char *buf, size_t n);
/* Reads a whole file; returns NULL and sets errno on failure. */
char *rs_read_file(const char *path, size_t *len);
/* Writes data to path through a temporary file and rename. */
rs_code rs_write_file_atomic(const char *path, const char *data, size_t len,
                             rs_diag *diag);
/* Writes all n bytes of p to file descriptor fd, again after a signal:
 * 0, or -1 with errno (a child process's answers through a pipe whose
 * reader may be gone). */
int rs_write_all(int fd, const void *p, size_t n);
/* A batch of output files: between begin and end, rs_write_file_atomic
 * leaves each file under its temporary name; end(commit nonzero) flushes
 * them to disk at once and renames them, end(0) removes them, so a failed
 * export leaves every old file as it was.  RS_OK or RS_EIO (diag). */
void rs_write_batch_begin(void);
rs_code rs_write_batch_end(int commit, rs_diag *diag);
/* Creates a directory and its parents (like mkdir -p). */
int rs_mkdir_p(const char *path);

/* A growing byte string for the exporters and reports.  Starts zeroed
 * ({0}); p is always NUL-terminated once anything was added.  oom is set
 * when an allocation fails and every later append is dropped, so the
 * writer checks once at the end.  The owner frees p. */
typedef struct {
    char *p;
    size_t n, cap;
    int oom;
} rs_buf;
void rs_buf_add(rs_buf *b, const char *s, size_t n);
void rs_buf_str(rs_buf *b, const char *s);
#if defined(__GNUC__)
void rs_buf_fmt(rs_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#else
void rs_buf_fmt(rs_buf *b, const char *fmt, ...);
#endif
/* Length (1-4) of the valid UTF-8 sequence at s, which holds at most n
 * bytes, or 0 when the bytes there are not one (overlong, surrogate, past
 * U+10FFFF, cut short).  Text from the organiser's files is checked with
 * it before it goes into a file another program parses. */
size_t rs_utf8_len(const unsigned char *s, size_t n);
/* English name of the weekday of a "YYYY-MM-DD" date (a static string),
 * or NULL when the text is not such a date.  The same on every machine. */
const char *rs_weekday_name(const char *date);
/* Sorts n elements of size bytes at base by cmp, which gets ctx as its
 * third argument (so no comparator reaches its context through a file
 * static, and the library stays reentrant).  A stable top-down merge sort
 * that splits and merges exactly as glibc's qsort does for the sizes the
 * library sorts, so orders (ties included) are the same bytes qsort gave;
 * when its scratch cannot be allocated it falls back to a stable insertion
 * sort, which gives the same order.  Never fails. */
void rs_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *a, const void *b, void *ctx), void *ctx);
/* rs_sort comparator of int indices by ctx's double value of each (a
 * const double *), largest first, ties by smaller index: what the
 * searches use to take participants, investors or SMEs most-losing or
 * best first. */
int rs_cmp_index_value_desc(const void *a, const void *b, void *ctx);
/* One step of the xorshift64 generator (shifts 13, 7, 17): the next value
 * of *state, which becomes it.  A fixed sequence from a fixed seed, so
 * that the searches that draw from it repeat exactly; the seed must not
 * be 0. */
static inline uint64_t rs_xorshift64(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}
/* 64-bit FNV-1a: the hash of nothing, and h extended by the n bytes at
 * p.  Stable (the same on every machine): calendar UIDs and file names
 * (export_ics.c), and the keys of the group search's neighbourhoods
 * (group_lns.c). */
#define RS_FNV64_INIT UINT64_C(0xcbf29ce484222325)
static inline uint64_t rs_fnv64(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * UINT64_C(0x100000001b3);
    return h;
}
/* The tolerance of the searches' objective comparisons: a gain counts
 * only above it, and a schedule within it of a bound reaches the bound. */
#define RS_EPS 1e-9

/* ---- reader.c ----------------------------------------------------- */
/* rs_event_load on text already in memory: text[f] holds len[f] bytes of
 * event.json, investors.json and smes.json (f = 0, 1, 2) with text[f][len[f]]
 * == '\0', or is NULL for a missing file.  The same checks and messages,
 * the same ownership of *out.  Lets a fuzzer or an embedder skip the file
 * system; borrows the texts. */
rs_code rs_event_load_text(const char *const text[3], const size_t len[3], rs_event **out,
                           rs_diag *diag);

/* ---- event.c ------------------------------------------------------ */
/* Most candidate pairs an event may have (the benchmark's largest event
 * has 150,000); each costs the model columns per slot. */
#define RS_MAX_PAIRS 1000000
/* Builds ev->pairs and ev->pair_of from the participants (after reading).
 * RS_EINPUT when there would be more than RS_MAX_PAIRS. */
rs_code rs_pairs_build(rs_event *ev);
/* Sorts pair indices by score, best first, ties by index (repeatable). */
void rs_sort_pairs_by_score(const rs_event *ev, int *pairs, int n);
/* Whether an avoid on either side forbids the pair. */
int rs_pair_forbidden(const rs_event *ev, int inv, int sme);
/* Score of a pair by the contract, computed from the raw fields; sets the
 * parts when the pointers are not NULL.  Used by the checker and pairs. */
double rs_pair_score(const rs_event *ev, int inv, int sme, double *fit,
                     double *stage, double *req);
/* Whether the investor's stage filter lets the SME through. */
int rs_stage_match(const rs_event *ev, int inv, int sme);
/* Priority of p's request of q (RS_PRIO_NONE when p did not ask). */
int rs_request_priority(const rs_event *ev, int p, int q);
/* A priority as the input spells it ("must", "high", "normal"); "" for
 * RS_PRIO_NONE.  Static storage. */
const char *rs_priority_name(int priority);
/* Appends to b why the pair (inv, sme) scores what it scores, in the
 * organiser's words: each SME sector the investor is interested in, the
 * stage when the investor's filter lets it through, each side's request.
 * Every reason ends with a '\0', so b holds them one after another
 * (schedule.json lists them; calendars and pages join them).  Returns how
 * many; b->oom tells of a failed allocation. */
int rs_pair_reasons(const rs_event *ev, int inv, int sme, rs_buf *b);
/* Upper limit on p's meetings from its availability, maximum and
 * consecutive limit alone. */
int rs_participant_capacity(const rs_event *ev, int p);
/* Fills ev->venue_seats for events of 2 .. RS_TRAVEL_VENUES venues (the
 * reader, once rooms and slots are known).  RS_OK or RS_ENOMEM. */
rs_code rs_venue_seats_build(rs_event *ev);

/* Per participant, the number of candidate pairs it is in (its possible
 * partners): np + 1 ints, malloc'd, the caller frees; NULL when out of
 * memory. */
int *rs_pair_degrees(const rs_event *ev);
/* Index of a participant / room / slot by id or name; -1 when absent. */
int rs_find_participant(const rs_event *ev, const char *id);
int rs_find_room(const rs_event *ev, const char *id);
int rs_find_slot(const rs_event *ev, const char *date, int start);
/* Travel minutes between venues a and b. */
static inline int rs_travel(const rs_event *ev, int a, int b)
{
    return a == b ? 0 : ev->travel[a * ev->nvenues + b];
}

/* ---- solve.c ------------------------------------------------------ */
/* For tests only (NULL otherwise): called by rs_solve inside its GLPK
 * error guard, after the selection, so a test can make GLPK fail there
 * and see the guard return control. */
extern void (*rs_solve_test_hook)(void);

/* ---- schedule.c --------------------------------------------------- */
rs_schedule *rs_schedule_new(void);
/* Appends a meeting; copies inv.  Returns 0, or -1 when out of memory. */
int rs_schedule_add(rs_schedule *s, int slot, int room, int sme,
                    const int *inv, int ninv, double score, int locked);
/* Sorts meetings by date, start, room (the contract's order). */
void rs_schedule_sort(const rs_event *ev, rs_schedule *s);
/* The contract objective of the meetings, counting shortfalls and idle
 * slots from scratch; *idle and *shortfalls receive the counts. */
double rs_objective(const rs_event *ev, const rs_schedule *s, int *idle,
                    int *shortfalls);
/* The same, also counting gaps into *gaps (may be NULL). */
double rs_objective_gaps(const rs_event *ev, const rs_schedule *s, int *idle,
                         int *shortfalls, int *gaps);
/* Idle slots of one participant's busy row (nslots bytes, 1 = meeting) on
 * day d, and over all days. */
int rs_idle_day(const rs_event *ev, const unsigned char *row, int d);
int rs_idle_of(const rs_event *ev, const unsigned char *row);
/* Gaps (maximal runs of idle slots between two meetings) of a busy row on
 * day d, and over all days. */
int rs_gaps_day(const rs_event *ev, const unsigned char *row, int d);
int rs_gaps_of(const rs_event *ev, const unsigned char *row);
/* Whether participant p's gaps over the event stay within its
 * max_idle_gaps (rule 12) when bit k of its busy row flips (k < 0: as it
 * is); the row is restored before returning.  The heuristics of both
 * formats ask it before each change. */
int rs_gaps_within(const rs_event *ev, unsigned char *row, int p, int k);
/* Whether p may take a meeting in slot k at venue v given its busy row and
 * the venue of each of its meetings (-1 when free): availability, the
 * consecutive limit and travel to its neighbouring meetings. */
int rs_can_add(const rs_event *ev, int p, int k, int v, const unsigned char *row,
               const int *venue_of);
/* The rule rs_can_add finds in the way (RS_BLOCK_NONE when none); *detail
 * gets the run length (consecutive) or the neighbouring meeting's slot
 * (travel). */
enum { RS_BLOCK_NONE = 0, RS_BLOCK_UNAVAILABLE, RS_BLOCK_BUSY, RS_BLOCK_CONSECUTIVE,
       RS_BLOCK_TRAVEL_BEFORE, RS_BLOCK_TRAVEL_AFTER };
int rs_add_blocker(const rs_event *ev, int p, int k, int v, const unsigned char *row,
                   const int *venue_of, int *detail);
/* Frees and empties s->unmet and s->short_. */
void rs_schedule_clear_explanations(rs_schedule *s);

/* ---- explain.c ---------------------------------------------------- */
/* Fills s->unmet and s->short_ with the requests not granted and the
 * participants short of their minimum, each with a reason that holds for
 * this schedule and these inputs (see explain.c for the order of causes). */
rs_code rs_explain(const rs_event *ev, rs_schedule *s);

/* ---- exports ------------------------------------------------------ */
/* One output format: writes its file(s) into out_dir (which exists), each
 * through rs_write_file_atomic.  The model knows nothing of these. */
typedef struct {
    const char *name; /* as given to --formats */
    rs_code (*write)(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                     rs_diag *diag);
} rs_exporter;
extern const rs_exporter rs_export_json; /* export_json.c: schedule.json      */
extern const rs_exporter rs_export_csv;  /* export_csv.c: meetings.csv        */
extern const rs_exporter rs_export_ics;  /* export_ics.c: calendars/ID.ics    */
extern const rs_exporter rs_export_html; /* export_html.c: timetable.html     */
extern const rs_exporter rs_export_schema; /* export_schema.c: the JSON Schemas */
/* A file embedded at build time: build/gen/schemas.c, generated by
 * tools/embed.c from the schemas/ folder, holds their exact bytes. */
typedef struct {
    const char *name;          /* base name, e.g. "event.schema.json"     */
    const unsigned char *data; /* len bytes, not NUL-terminated           */
    size_t len;
} rs_embedded_file;
extern const rs_embedded_file rs_schema_files[]; /* ends with a NULL name */
/* Returns the schedule as the contract's JSON text (malloc'd). */
char *rs_schedule_to_json(const rs_event *ev, const rs_schedule *s);
/* Prints a cJSON tree with two-space indentation and a final newline;
 * malloc'd, NULL when out of memory.  (cJSON is included where used.) */
struct cJSON;
char *rs_json_pretty(const struct cJSON *root);
/* Joins a directory and a file name (malloc'd). */
char *rs_path_join(const char *dir, const char *name);

#endif /* RS_INTERNAL_H */
