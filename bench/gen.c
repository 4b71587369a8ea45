/*
 * gen.c - a seeded generator of roadshow events, for benchmarks and tests.
 *
 *   gen OUT_DIR INVESTORS SMES DAYS VENUES ROOMS SEED
 *       [IDLE_WEIGHT [INVESTOR_MAX [SME_MIN [DAY_START]]]]
 *
 * Writes OUT_DIR/{event,investors,smes}.json.  The same arguments give the
 * same bytes on every machine (its own xorshift generator, no rand()).
 * Days run DAY_START (09:00 by default) to 17:30 with a lunch break, 30-minute slots; sectors are the
 * fourteen of the Chengdu sample; interest, stages, availability, requests
 * (a few musts kept satisfiable) and avoids are drawn with fixed odds.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
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

int main(int argc, char **argv)
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
