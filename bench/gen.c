/*
 * gen.c - a seeded generator of roadshow events, for benchmarks and tests.
 *
 *   gen OUT_DIR INVESTORS SMES DAYS VENUES ROOMS SEED
 *       [IDLE_WEIGHT [INVESTOR_MAX [SME_MIN [DAY_START]]]]
 *
 *   gen OUT_DIR SHAPE SEED [NAME=VALUE ...]     (see "shapes" below)
 *
 * Writes OUT_DIR/{event,investors,smes}.json.  The same arguments give the
 * same bytes on every machine (its own xorshift generator, no rand()).
 * Days run DAY_START (09:00 by default) to 17:30 with a lunch break, 30-minute slots; sectors are the
 * fourteen of the Chengdu sample; interest, stages, availability, requests
 * (a few musts kept satisfiable) and avoids are drawn with fixed odds.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

/* Uniform integer in [0, n). */
static int below(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

static const char *const SECTORS[] = {"cryptography", "commercial-crypto", "endpoint-security",
    "traffic-analysis", "cybercrime-prevention", "cloud-security", "big-data-security",
    "blockchain-security", "industrial-internet-security", "identity-access",
    "secure-chips", "secure-os", "ai-security", "security-testing"};
#define NSECT 14
static const char *const STAGES[] = {"angel", "seed", "pre-A", "A", "B", "C"};

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
    return f;
}

/* The S, M, L and XL events: positional sizes, fixed odds.  Kept as they
 * are: the same arguments must keep giving the same bytes. */
static int legacy(int argc, char **argv)
{
    if (argc < 8) {
        fprintf(stderr, "usage: gen OUT_DIR INVESTORS SMES DAYS VENUES ROOMS SEED "
                        "[IDLE_WEIGHT [INVESTOR_MAX [SME_MIN [DAY_START]]]]\n");
        return 1;
    }
    const char *dir = argv[1];
    int ni = atoi(argv[2]), ns = atoi(argv[3]), nd = atoi(argv[4]), nv = atoi(argv[5]);
    int nr = atoi(argv[6]);
    rng_state = 0x9E3779B97F4A7C15ull ^ (uint64_t)strtoull(argv[7], NULL, 10);
    int idle_w = argc > 8 ? atoi(argv[8]) : 1;
    int inv_max = argc > 9 ? atoi(argv[9]) : 12, sme_min = argc > 10 ? atoi(argv[10]) : 2;
    const char *day_start = argc > 11 ? argv[11] : "09:00";
    if (ni < 1 || ns < 1 || nd < 1 || nd > 9 || nv < 1 || nr < nv) {
        fprintf(stderr, "gen: bad sizes\n");
        return 1;
    }
    for (int i = 0; i < 10; i++)
        rnd();
    mkdir(dir, 0777);
    FILE *f = open_out(dir, "event.json");
    if (!f)
        return 1;
    fprintf(f, "{\n  \"name\": \"Generated roadshow %dx%d\",\n  \"timezone\": \"Asia/Shanghai\",\n"
               "  \"slot_minutes\": 30,\n  \"changeover_minutes\": 0,\n  \"days\": [\n", ni, ns);
    for (int d = 0; d < nd; d++)
        fprintf(f, "    { \"date\": \"2024-06-%02d\", \"start\": \"%s\", \"end\": \"17:30\", "
                   "\"breaks\": [ { \"start\": \"12:00\", \"end\": \"13:30\", \"label\": "
                   "\"Lunch\" } ] }%s\n", 10 + d, day_start, d + 1 < nd ? "," : "");
    fprintf(f, "  ],\n  \"venues\": [\n");
    for (int v = 0; v < nv; v++)
        fprintf(f, "    { \"id\": \"v%d\", \"name\": \"Venue %d\" }%s\n", v, v, v + 1 < nv ? "," : "");
    fprintf(f, "  ],\n  \"travel_minutes\": [");
    int first = 1;
    for (int a = 0; a < nv; a++)
        for (int b = a + 1; b < nv; b++) {
            fprintf(f, "%s\n    { \"from\": \"v%d\", \"to\": \"v%d\", \"minutes\": %d }",
                    first ? "" : ",", a, b, 20 + below(31));
            first = 0;
        }
    fprintf(f, "\n  ],\n  \"rooms\": [\n");
    for (int r = 0; r < nr; r++) {
        static const int caps[] = {2, 3, 3, 4, 4, 4, 6, 8};
        fprintf(f, "    { \"id\": \"r%03d\", \"name\": \"Room %d\", \"venue\": \"v%d\", "
                   "\"capacity\": %d }%s\n", r, r, r % nv, caps[below(8)], r + 1 < nr ? "," : "");
    }
    fprintf(f, "  ],\n  \"sectors\": [\n");
    for (int s = 0; s < NSECT; s++)
        fprintf(f, "    { \"id\": \"%s\", \"name\": \"%s\" }%s\n", SECTORS[s], SECTORS[s],
                s + 1 < NSECT ? "," : "");
    fprintf(f, "  ],\n  \"rules\": { \"format\": \"one_to_one\", \"sme_min_meetings\": %d, "
               "\"sme_max_meetings\": 6, \"investor_max_meetings\": %d, "
               "\"max_consecutive_meetings\": 4 },\n"
               "  \"weights\": { \"primary_sector\": 2, \"secondary_sector\": 1, \"stage\": 2, "
               "\"request_normal\": 5, \"request_high\": 10, \"min_meetings_shortfall\": 100, "
               "\"idle_slot\": %d }\n}\n", sme_min, inv_max, idle_w);
    if (fclose(f) != 0)
        return 1;

    /* investors */
    int *inv_day = malloc(sizeof(int) * (size_t)ni);
    f = open_out(dir, "investors.json");
    if (!f || !inv_day)
        return 1;
    fprintf(f, "[\n");
    for (int i = 0; i < ni; i++) {
        fprintf(f, "  { \"id\": \"inv-%04d\", \"name\": \"Investor %d\", \"organisation\": "
                   "\"Fund %d Partners\",\n    \"sectors\": {", i + 1, i + 1, i + 1);
        int k = 2 + below(4), used[NSECT] = {0};
        for (int j = 0; j < k; j++) {
            int s = below(NSECT);
            if (used[s])
                continue;
            used[s] = 1;
        }
        first = 1;
        for (int s = 0; s < NSECT; s++)
            if (used[s]) {
                fprintf(f, "%s \"%s\": %d", first ? "" : ",", SECTORS[s], 1 + below(5));
                first = 0;
            }
        fprintf(f, " }");
        if (below(4) != 0) {
            int a = below(4), b = a + 1 + below(3);
            fprintf(f, ",\n    \"stages\": [");
            for (int s = a; s < b && s < 6; s++)
                fprintf(f, "%s\"%s\"", s > a ? ", " : "", STAGES[s]);
            fprintf(f, "]");
        }
        inv_day[i] = -1;
        if (nd > 1 && below(4) == 0) {
            inv_day[i] = below(nd);
            fprintf(f, ",\n    \"available\": [ { \"date\": \"2024-06-%02d\", \"start\": "
                       "\"%s\", \"end\": \"17:30\" } ]", 10 + inv_day[i], day_start);
        }
        fprintf(f, " }%s\n", i + 1 < ni ? "," : "");
    }
    fprintf(f, "]\n");
    if (fclose(f) != 0)
        return 1;

    /* SMEs */
    f = open_out(dir, "smes.json");
    if (!f)
        return 1;
    fprintf(f, "[\n");
    int musts = 0;
    for (int s = 0; s < ns; s++) {
        int p = below(NSECT), q = below(NSECT);
        fprintf(f, "  { \"id\": \"sme-%05d\", \"name\": \"Company %d\", \"sectors\": [\"%s\"",
                s + 1, s + 1, SECTORS[p]);
        if (q != p && below(2))
            fprintf(f, ", \"%s\"", SECTORS[q]);
        fprintf(f, "], \"stage\": \"%s\", \"team_size\": %d", STAGES[below(4)], 1 + below(2));
        if (nd > 1 && below(6) == 0)
            fprintf(f, ",\n    \"unavailable\": [ { \"date\": \"2024-06-%02d\", \"start\": "
                       "\"13:30\", \"end\": \"17:30\" } ]", 10 + below(nd));
        int nreq = below(4);
        if (nreq) {
            fprintf(f, ",\n    \"requests\": [");
            int last = -1, asked[3] = {-1, -1, -1};
            for (int r = 0; r < nreq; r++) {
                int inv = below(ni);
                if (inv == asked[0] || inv == asked[1] || inv == asked[2])
                    continue;
                asked[r] = inv;
                const char *prio = below(5) == 0 ? "high" : "normal";
                /* a few musts, to investors free on every day */
                if (r == 0 && musts < ni / 10 && inv_day[inv] < 0 && below(20) == 0) {
                    prio = "must";
                    musts++;
                    inv_day[inv] = -2; /* one must per investor */
                }
                fprintf(f, "%s{ \"investor\": \"inv-%04d\", \"priority\": \"%s\" }",
                        last >= 0 ? ", " : "", inv + 1, prio);
                last = inv;
            }
            fprintf(f, "]");
        }
        fprintf(f, " }%s\n", s + 1 < ns ? "," : "");
    }
    fprintf(f, "]\n");
    free(inv_day);
    return fclose(f) != 0;
}

/* ---------------------------------------------------------------- shapes
 *
 *   gen OUT_DIR SHAPE SEED [NAME=VALUE ...]
 *
 * A shape is a family of events: a preset of the parameters below, each of
 * which can be changed by NAME=VALUE (times as HH:MM, caps as a list such as
 * 3,4,6, lunch=none for a day without a break, max_gaps=none for no gap
 * cap).  Participants' windows are
 * a morning (start to lunch), an afternoon (lunch to end) or a middle
 * window (an hour and a half either side of lunch), the same on each day. */

typedef struct {
    int investors, smes, days, venues, rooms;
    int start, end, lunch_start, lunch_end; /* minutes; lunch_start < 0: none */
    int travel_lo, travel_hi;      /* minutes between two venues           */
    int caps[8], ncaps;            /* room capacities, drawn uniformly     */
    int block_pct;                 /* rooms closed an hour or two of a day */
    int sect_lo, sect_hi;          /* sectors per investor                 */
    int stages_pct;                /* investors that list stages           */
    int window_pct;                /* participants there part of each day  */
    int oneday_pct;                /* investors there on one day only      */
    int halfday_pct;               /* SMEs away one afternoon              */
    int team2_pct;                 /* SMEs coming as two people            */
    int req_max;                   /* requests per SME: 0 .. req_max       */
    int musts;                     /* must requests (kept satisfiable)     */
    int orphans, single;           /* SMEs nobody may meet; with one only  */
    int sme_min, sme_max, inv_max, consec, idle;
    int group, gmin;               /* group format, least panel            */
    int limit;                     /* solver.time_limit_seconds            */
    int peer_req;                  /* peer requests per SME: 0 .. peer_req */
    int peer_win_pct;              /* of them with a half-day window       */
    int gap_w;                     /* weights.idle_gap (0: not written)    */
    int max_gaps;                  /* rules.max_idle_gaps + 1 (0: none)    */
    int inv_musts;                 /* musts per investor (0: 1)            */
    int must_in;                   /* a request is a must one time in this
                                      (0: 8)                               */
    int peer_must_pct;             /* peer requests made musts (a B2B day
                                      whose meetings are fixed beforehand) */
    int part_venues;               /* venues open part of each day: the
                                      first ones take turns, the even ones
                                      the morning, the odd ones the
                                      afternoon (a park whose halls are
                                      booked otherwise the other half) */
} shape;

/* The shapes of bench/run.py.  Sizes follow the events organisers bring:
 * a day with fewer room-slots than the SMEs' minimums; a day across three
 * venues with people there half of it; two full days in four venues; two
 * large ones whose candidate pairs are a third of all pairs; a panel day;
 * and a brokerage day: businesses only, each asking for up to five
 * others (a fifth of the requests for a morning or an afternoon), gaps
 * costing 5 and idle slots 1, at most one gap each. */
static const struct {
    const char *name;
    shape s;
} SHAPES[] = {
    {"tight", {10, 30, 1, 1, 4, 540, 1020, 720, 780, 0, 0, {3, 4}, 2, 0, 4, 8, 25, 0, 0, 0,
               50, 2, 1, 2, 1, 2, 4, 12, 4, 1, 0, 2, 20, 0, 0, 0, 0, 1, 8, 0}},
    {"venues", {12, 36, 1, 3, 6, 540, 1050, 720, 810, 30, 40, {3, 4, 4}, 3, 0, 2, 5, 50, 60, 0,
                0, 50, 3, 1, 0, 0, 1, 4, 10, 4, 1, 0, 2, 20, 0, 0, 0, 0, 1, 8, 0}},
    {"rooms", {40, 160, 2, 4, 16, 540, 1050, 720, 810, 20, 50, {3, 4, 4, 6}, 4, 25, 2, 5, 75,
               0, 25, 17, 50, 3, 4, 0, 0, 2, 6, 12, 4, 1, 0, 2, 10, 0, 0, 0, 0, 1, 8, 0}},
    {"wide", {150, 1000, 2, 2, 80, 540, 1050, 720, 810, 20, 40, {3, 4, 4, 6}, 4, 5, 3, 7, 50,
              10, 25, 17, 50, 3, 15, 0, 0, 1, 6, 16, 4, 1, 0, 2, 30, 0, 0, 0, 0, 1, 8, 0}},
    {"huge", {300, 3000, 2, 4, 200, 540, 1050, 720, 810, 20, 50, {3, 4, 4, 6}, 4, 5, 4, 6, 50,
              10, 25, 17, 50, 3, 30, 0, 0, 2, 6, 16, 4, 1, 0, 2, 60, 0, 0, 0, 0, 1, 8, 0}},
    {"panels", {16, 34, 1, 2, 3, 540, 1050, 720, 810, 30, 30, {6, 8, 10}, 3, 0, 2, 5, 50, 20,
                0, 0, 30, 2, 1, 0, 0, 1, 2, 8, 4, 1, 1, 2, 20, 0, 0, 0, 0, 1, 8, 0}},
    {"brokerage", {0, 40, 1, 1, 8, 540, 1020, 780, 840, 0, 0, {2}, 1, 0, 1, 1, 0, 20, 0, 0, 0,
                   0, 0, 0, 0, 0, 8, 12, 4, 1, 0, 2, 20, 5, 20, 5, 2, 1, 8, 0}},
};
#define NSHAPES (int)(sizeof SHAPES / sizeof SHAPES[0])
static const char *const ORPHAN_SECTOR = "quantum-security"; /* no investor's */

/* Reads "HH:MM" into minutes; -1 when it is not one. */
static int parse_time(const char *s)
{
    int h, m;
    char tail;
    if (sscanf(s, "%d:%d%c", &h, &m, &tail) != 2 || h < 0 || h > 23 || m < 0 || m > 59)
        return -1;
    return h * 60 + m;
}

/* Applies one NAME=VALUE to sh; -1 when the name or value is not known. */
static int set_param(shape *sh, const char *arg)
{
    static const struct {
        const char *name;
        size_t off;
    } INTS[] = {
#define F(x) {#x, offsetof(shape, x)}
        F(investors), F(smes), F(days), F(venues), F(rooms), F(travel_lo), F(travel_hi),
        F(block_pct), F(sect_lo), F(sect_hi), F(stages_pct), F(window_pct), F(oneday_pct),
        F(halfday_pct), F(team2_pct), F(req_max), F(musts), F(orphans), F(single), F(sme_min),
        F(sme_max), F(inv_max), F(consec), F(idle), F(group), F(gmin), F(limit),
        F(peer_req), F(peer_win_pct), F(gap_w), F(inv_musts), F(must_in), F(peer_must_pct),
        F(part_venues),
#undef F
    };
    const char *eq = strchr(arg, '=');
    if (!eq)
        return -1;
    size_t n = (size_t)(eq - arg);
    const char *v = eq + 1;
    for (size_t i = 0; i < sizeof INTS / sizeof INTS[0]; i++)
        if (strlen(INTS[i].name) == n && strncmp(arg, INTS[i].name, n) == 0) {
            char *end;
            long x = strtol(v, &end, 10);
            if (end == v || *end || x < 0 || x > 1000000)
                return -1;
            *(int *)(void *)((char *)sh + INTS[i].off) = (int)x;
            return 0;
        }
    if (n == 4 && strncmp(arg, "caps", 4) == 0) {
        sh->ncaps = 0;
        for (const char *p = v; *p && sh->ncaps < 8;) {
            char *end;
            long c = strtol(p, &end, 10);
            if (end == p || c < 2 || c > 100)
                return -1;
            sh->caps[sh->ncaps++] = (int)c;
            p = *end == ',' ? end + 1 : end;
            if (*end && *end != ',')
                return -1;
        }
        return sh->ncaps > 0 ? 0 : -1;
    }
    if (n == 8 && strncmp(arg, "max_gaps", 8) == 0) { /* a cap, or "none" */
        char *end;
        long x = strtol(v, &end, 10);
        if (strcmp(v, "none") == 0) {
            sh->max_gaps = 0;
            return 0;
        }
        if (end == v || *end || x < 0 || x > 1000)
            return -1;
        sh->max_gaps = (int)x + 1;
        return 0;
    }
    if (n == 5 && strncmp(arg, "lunch", 5) == 0) {
        if (strcmp(v, "none") == 0) {
            sh->lunch_start = sh->lunch_end = -1;
            return 0;
        }
        char a[16], b[16];
        if (sscanf(v, "%15[0-9:]-%15[0-9:]", a, b) != 2)
            return -1;
        sh->lunch_start = parse_time(a);
        sh->lunch_end = parse_time(b);
        return sh->lunch_start < 0 || sh->lunch_end <= sh->lunch_start ? -1 : 0;
    }
    int *t = n == 5 && strncmp(arg, "start", 5) == 0 ? &sh->start
             : n == 3 && strncmp(arg, "end", 3) == 0 ? &sh->end : NULL;
    if (t && (*t = parse_time(v)) >= 0)
        return 0;
    return -1;
}

static void put_window(FILE *f, int first, int day, int a, int b)
{
    fprintf(f, "%s{ \"date\": \"2024-09-%02d\", \"start\": \"%02d:%02d\", \"end\": "
               "\"%02d:%02d\" }", first ? "" : ", ", 3 + day, a / 60, a % 60, b / 60, b % 60);
}

/* A participant's window kind: 0 the whole day, 1 morning, 2 afternoon,
 * 3 middle.  Writes "available" for the days it comes (day < 0: all). */
static void put_available(FILE *f, const shape *sh, int kind, int day)
{
    if (kind == 0 && day < 0)
        return;
    int ls = sh->lunch_start >= 0 ? sh->lunch_start : (sh->start + sh->end) / 2;
    int le = sh->lunch_start >= 0 ? sh->lunch_end : ls;
    int a = sh->start, b = sh->end;
    if (kind == 1)
        b = ls;
    else if (kind == 2)
        a = le;
    else if (kind == 3) {
        a = ls - 90 > sh->start ? ls - 90 : sh->start;
        b = le + 90 < sh->end ? le + 90 : sh->end;
    }
    fprintf(f, ",\n    \"available\": [");
    int first = 1;
    for (int d = 0; d < sh->days; d++)
        if (day < 0 || d == day) {
            put_window(f, first, d, a, b);
            first = 0;
        }
    fprintf(f, "]");
}

static int shape_event(const char *dir, const shape *sh)
{
    FILE *f = open_out(dir, "event.json");
    if (!f)
        return 1;
    fprintf(f, "{\n  \"name\": \"Generated %s roadshow %dx%d\",\n  \"timezone\": "
               "\"Asia/Shanghai\",\n  \"slot_minutes\": 30,\n  \"changeover_minutes\": 0,\n"
               "  \"days\": [\n", sh->group ? "pitch" : "meeting", sh->investors, sh->smes);
    for (int d = 0; d < sh->days; d++) {
        fprintf(f, "    { \"date\": \"2024-09-%02d\", \"start\": \"%02d:%02d\", \"end\": "
                   "\"%02d:%02d\"", 3 + d, sh->start / 60, sh->start % 60, sh->end / 60,
                sh->end % 60);
        if (sh->lunch_start >= 0)
            fprintf(f, ", \"breaks\": [ { \"start\": \"%02d:%02d\", \"end\": \"%02d:%02d\", "
                       "\"label\": \"Lunch\" } ]", sh->lunch_start / 60, sh->lunch_start % 60,
                    sh->lunch_end / 60, sh->lunch_end % 60);
        fprintf(f, " }%s\n", d + 1 < sh->days ? "," : "");
    }
    fprintf(f, "  ],\n  \"venues\": [\n");
    for (int v = 0; v < sh->venues; v++)
        fprintf(f, "    { \"id\": \"site-%c\", \"name\": \"Site %c\" }%s\n", 'a' + v, 'A' + v,
                v + 1 < sh->venues ? "," : "");
    fprintf(f, "  ],\n  \"travel_minutes\": [");
    for (int a = 0, first = 1; a < sh->venues; a++)
        for (int b = a + 1; b < sh->venues; b++, first = 0)
            fprintf(f, "%s\n    { \"from\": \"site-%c\", \"to\": \"site-%c\", \"minutes\": %d }",
                    first ? "" : ",", 'a' + a, 'a' + b,
                    sh->travel_lo + below(sh->travel_hi - sh->travel_lo + 1));
    fprintf(f, "\n  ],\n  \"rooms\": [\n");
    for (int r = 0; r < sh->rooms; r++) {
        fprintf(f, "    { \"id\": \"room-%03d\", \"venue\": \"site-%c\", \"capacity\": %d", r + 1,
                'a' + r % sh->venues, sh->caps[below(sh->ncaps)]);
        int blocked = below(100) < sh->block_pct, part = r % sh->venues < sh->part_venues;
        if (blocked || part)
            fprintf(f, ",\n      \"unavailable\": [");
        if (blocked) { /* closed an hour or two of one day */
            int len = 60 * (1 + below(2)), a = sh->start + 30 * below(4);
            put_window(f, 1, below(sh->days), a, a + len);
        }
        if (part) { /* open the morning or the afternoon of each day */
            int mid = sh->lunch_start >= 0 ? sh->lunch_start : (sh->start + sh->end) / 60 * 30;
            int resume = sh->lunch_start >= 0 ? sh->lunch_end : mid;
            for (int d = 0; d < sh->days; d++)
                if (r % sh->venues % 2 == 0)
                    put_window(f, !blocked && d == 0, d, resume, sh->end);
                else
                    put_window(f, !blocked && d == 0, d, sh->start, mid);
        }
        if (blocked || part)
            fprintf(f, "]");
        fprintf(f, " }%s\n", r + 1 < sh->rooms ? "," : "");
    }
    fprintf(f, "  ],\n  \"sectors\": [\n");
    for (int s = 0; s < NSECT; s++)
        fprintf(f, "    { \"id\": \"%s\" },\n", SECTORS[s]);
    fprintf(f, "    { \"id\": \"%s\" }\n  ],\n", ORPHAN_SECTOR);
    fprintf(f, "  \"rules\": { \"format\": \"%s\", \"sme_min_meetings\": %d, "
               "\"sme_max_meetings\": %d, \"investor_max_meetings\": %d, "
               "\"max_consecutive_meetings\": %d, \"group_min_investors\": %d",
            sh->group ? "group" : "one_to_one", sh->sme_min, sh->sme_max, sh->inv_max,
            sh->consec, sh->gmin);
    if (sh->max_gaps > 0)
        fprintf(f, ", \"max_idle_gaps\": %d", sh->max_gaps - 1);
    fprintf(f, " },\n"
               "  \"weights\": { \"primary_sector\": 2, \"secondary_sector\": 1, \"stage\": 2, "
               "\"request_normal\": 5, \"request_high\": 10, \"min_meetings_shortfall\": 100, "
               "\"idle_slot\": %d", sh->idle);
    if (sh->gap_w > 0)
        fprintf(f, ", \"idle_gap\": %d", sh->gap_w);
    fprintf(f, " },\n  \"solver\": { \"time_limit_seconds\": %d }\n}\n", sh->limit);
    return fclose(f) != 0;
}

/* Writes the investors; free_all[i] is the number of must requests that
 * may still name investor i: inv_musts for those there whole days on
 * every day, 0 for the others. */
static int shape_investors(const char *dir, const shape *sh, unsigned char *free_all)
{
    FILE *f = open_out(dir, "investors.json");
    if (!f)
        return 1;
    fprintf(f, "[\n");
    for (int i = 0; i < sh->investors; i++) {
        fprintf(f, "  { \"id\": \"inv-%04d\", \"name\": \"Investor %d\",\n    \"sectors\": {",
                i + 1, i + 1);
        int k = sh->sect_lo + below(sh->sect_hi - sh->sect_lo + 1), used[NSECT] = {0};
        for (int got = 0; got < k && got < NSECT;) {
            int s = below(NSECT);
            got += !used[s];
            used[s] = 1;
        }
        for (int s = 0, first = 1; s < NSECT; s++)
            if (used[s]) {
                fprintf(f, "%s \"%s\": %d", first ? "" : ",", SECTORS[s], 1 + below(5));
                first = 0;
            }
        fprintf(f, " }");
        if (below(100) < sh->stages_pct) {
            int a = below(4), b = a + 1 + below(3);
            fprintf(f, ",\n    \"stages\": [");
            for (int s = a; s < b && s < 6; s++)
                fprintf(f, "%s\"%s\"", s > a ? ", " : "", STAGES[s]);
            fprintf(f, "]");
        }
        int kind = below(100) < sh->window_pct ? 1 + below(3) : 0;
        int day = sh->days > 1 && below(100) < sh->oneday_pct ? below(sh->days) : -1;
        put_available(f, sh, kind, day);
        int musts = sh->inv_musts > 0 ? (sh->inv_musts < 255 ? sh->inv_musts : 255) : 1;
        free_all[i] = kind == 0 && day < 0 ? (unsigned char)musts : 0;
        fprintf(f, " }%s\n", i + 1 < sh->investors ? "," : "");
    }
    fprintf(f, "]\n");
    return fclose(f) != 0;
}

/* Writes SME s's requests to other SMEs (none unless peer_req), after its
 * na requests to investors; returns how many.  Draws nothing when
 * peer_req is 0, so the other shapes keep their bytes. */
static int peer_requests(FILE *f, const shape *sh, int s, int na)
{
    if (sh->peer_req <= 0 || sh->smes < 2)
        return 0;
    int n = below(sh->peer_req + 1), asked[16], np = 0;
    for (int r = 0; r < n && r < 16; r++) {
        int o = below(sh->smes), dup = o == s;
        for (int j = 0; j < np; j++)
            dup |= asked[j] == o;
        if (dup)
            continue;
        const char *prio = below(5) == 0 ? "high" : "normal";
        if (sh->peer_must_pct > 0 && below(100) < sh->peer_must_pct)
            prio = "must"; /* drawn only then: other shapes keep their bytes */
        fprintf(f, "%s{ \"sme\": \"sme-%05d\", \"priority\": \"%s\"",
                na + np ? ", " : ",\n    \"requests\": [", o + 1, prio);
        if (below(100) < sh->peer_win_pct) { /* a morning or an afternoon */
            int ls = sh->lunch_start >= 0 ? sh->lunch_start : (sh->start + sh->end) / 2;
            int le = sh->lunch_start >= 0 ? sh->lunch_end : ls;
            int am = below(2);
            fprintf(f, ", \"windows\": [");
            put_window(f, 1, below(sh->days), am ? sh->start : le, am ? ls : sh->end);
            fprintf(f, "]");
        }
        fprintf(f, " }");
        asked[np++] = o;
    }
    return np;
}

/* Writes the SMEs: orphans (a sector no investor has, no request), single
 * ones (that sector and a request to one investor), the rest drawn. */
static int shape_smes(const char *dir, const shape *sh, unsigned char *free_all)
{
    FILE *f = open_out(dir, "smes.json");
    if (!f)
        return 1;
    int ni = sh->investors, musts = 0, special = sh->orphans + sh->single;
    int step = special > 0 ? sh->smes / special : 0;
    fprintf(f, "[\n");
    for (int s = 0; s < sh->smes; s++) {
        /* the special SMEs spread evenly through the file */
        int nth = step > 0 && s % step == step / 2 ? s / step : -1;
        if (nth >= special)
            nth = -1;
        fprintf(f, "  { \"id\": \"sme-%05d\", \"name\": \"Company %d\", \"sectors\": [", s + 1,
                s + 1);
        int p = below(NSECT), q = below(NSECT);
        if (nth >= 0)
            fprintf(f, "\"%s\"", ORPHAN_SECTOR);
        else if (q != p && below(2))
            fprintf(f, "\"%s\", \"%s\"", SECTORS[p], SECTORS[q]);
        else
            fprintf(f, "\"%s\"", SECTORS[p]);
        fprintf(f, "], \"stage\": \"%s\", \"team_size\": %d", STAGES[below(4)],
                1 + (below(100) < sh->team2_pct));
        int kind = nth < 0 && below(100) < sh->window_pct ? 1 + below(3) : 0;
        put_available(f, sh, kind, -1);
        int away = nth < 0 && kind == 0 && sh->days > 1 && below(100) < sh->halfday_pct;
        if (away) {
            fprintf(f, ",\n    \"unavailable\": [");
            put_window(f, 1, below(sh->days), sh->lunch_start >= 0 ? sh->lunch_end : sh->start,
                       sh->end);
            fprintf(f, "]");
        }
        int nreq = nth >= sh->orphans ? 1 : nth >= 0 ? 0 : below(sh->req_max + 1);
        int asked[8], na = 0;
        for (int r = 0; r < nreq && r < 8; r++) {
            int inv = below(ni), dup = 0;
            for (int j = 0; j < na; j++)
                dup |= asked[j] == inv;
            if (dup)
                continue;
            const char *prio = below(5) == 0 ? "high" : "normal";
            if (nth < 0 && kind == 0 && !away && free_all[inv] && musts < sh->musts &&
                below(sh->must_in > 0 ? sh->must_in : 8) == 0) {
                prio = "must";
                musts++;
                free_all[inv]--; /* inv_musts per investor */
            }
            fprintf(f, "%s{ \"investor\": \"inv-%04d\", \"priority\": \"%s\" }",
                    na ? ", " : ",\n    \"requests\": [", inv + 1, prio);
            asked[na++] = inv;
        }
        na += peer_requests(f, sh, s, na);
        if (na)
            fprintf(f, "]");
        fprintf(f, " }%s\n", s + 1 < sh->smes ? "," : "");
    }
    fprintf(f, "]\n");
    return fclose(f) != 0;
}

static int shaped(int argc, char **argv)
{
    const char *dir = argv[1];
    shape sh;
    int found = 0;
    for (int i = 0; i < NSHAPES; i++)
        if (strcmp(argv[2], SHAPES[i].name) == 0) {
            sh = SHAPES[i].s;
            found = 1;
        }
    if (!found || argc < 4) {
        fprintf(stderr, "gen: usage: gen OUT_DIR SHAPE SEED [NAME=VALUE ...]; shapes:");
        for (int i = 0; i < NSHAPES; i++)
            fprintf(stderr, " %s", SHAPES[i].name);
        fprintf(stderr, "\n");
        return 1;
    }
    rng_state = 0xD1B54A32D192ED03ull ^ (uint64_t)strtoull(argv[3], NULL, 10);
    for (int i = 4; i < argc; i++)
        if (set_param(&sh, argv[i]) != 0) {
            fprintf(stderr, "gen: %s: unknown parameter or bad value\n", argv[i]);
            return 1;
        }
    if (sh.investors < 0 || (sh.investors == 0 && (sh.req_max > 0 || sh.single > 0)) ||
        sh.smes < 1 || sh.days < 1 || sh.days > 9 || sh.venues < 1 ||
        sh.venues > 26 || sh.rooms < sh.venues || sh.end <= sh.start ||
        sh.travel_hi < sh.travel_lo || sh.sect_lo < 1 || sh.sect_hi < sh.sect_lo ||
        sh.orphans + sh.single > sh.smes) {
        fprintf(stderr, "gen: bad sizes\n");
        return 1;
    }
    for (int i = 0; i < 10; i++)
        rnd();
    mkdir(dir, 0777);
    unsigned char *free_all = calloc((size_t)sh.investors + 1, 1);
    int rc = !free_all || shape_event(dir, &sh) || shape_investors(dir, &sh, free_all) ||
             shape_smes(dir, &sh, free_all);
    free(free_all);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && (argv[2][0] < '0' || argv[2][0] > '9'))
        return shaped(argc, argv);
    return legacy(argc, argv);
}
