/*
 * test_check.c - rs_schedule_load and rs_check on broken schedules.
 *
 * The fixture is the one of tests/check_cases.md: a small one-to-one event
 * where every rule can be reached, and a valid base schedule written by
 * hand (objective -58).  Each case applies a few edits to the base
 * schedule.json (as a cJSON tree: set fields of a meeting, add or delete a
 * meeting, set top-level fields), writes it, reads it back with
 * rs_schedule_load and expects rs_check to return RS_ECHECK with a line
 * holding the case's substring.  Each edit breaks exactly one rule.
 * Load cases expect RS_EINPUT from rs_schedule_load instead.
 */
#include "testutil.h"

#include <cjson/cJSON.h>

/* ---------------------------------------------------------------- fixture */

static const char *EVENT =
    "{ \"name\": \"Check fixture\", \"timezone\": \"Asia/Shanghai\",\n"
    "  \"slot_minutes\": 30,\n"
    "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"12:00\" },\n"
    "            { \"date\": \"2023-05-19\", \"start\": \"09:00\", \"end\": \"12:00\" } ],\n"
    "  \"venues\": [ { \"id\": \"gaoxin\" }, { \"id\": \"tianfu\" } ],\n"
    "  \"travel_minutes\": [ { \"from\": \"gaoxin\", \"to\": \"tianfu\", \"minutes\": 40 } ],\n"
    "  \"rooms\": [\n"
    "    { \"id\": \"g-301\", \"venue\": \"gaoxin\", \"capacity\": 4,\n"
    "      \"unavailable\": [ { \"date\": \"2023-05-18\", \"start\": \"11:30\", \"end\": \"12:00\" } ] },\n"
    "    { \"id\": \"g-302\", \"venue\": \"gaoxin\", \"capacity\": 2 },\n"
    "    { \"id\": \"t-101\", \"venue\": \"tianfu\", \"capacity\": 4 } ],\n"
    "  \"sectors\": [ { \"id\": \"crypto\" }, { \"id\": \"cloud\" } ],\n"
    "  \"rules\": { \"max_consecutive_meetings\": 2, \"sme_max_meetings\": 3,\n"
    "             \"investor_max_meetings\": 6 } }\n";

static const char *INVESTORS =
    "[ { \"id\": \"inv-001\", \"name\": \"I1\", \"sectors\": { \"crypto\": 3, \"cloud\": 2 },\n"
    "    \"stages\": [ \"A\" ], \"requests\": [ { \"sme\": \"sme-002\", \"priority\": \"high\" } ],\n"
    "    \"avoid\": [ \"sme-003\" ] },\n"
    "  { \"id\": \"inv-002\", \"name\": \"I2\", \"sectors\": { \"cloud\": 1 }, \"team_size\": 2,\n"
    "    \"available\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"12:00\" } ],\n"
    "    \"max_meetings\": 2 },\n"
    "  { \"id\": \"inv-003\", \"name\": \"I3\", \"sectors\": { \"crypto\": 1 } } ]\n";

static const char *SMES =
    "[ { \"id\": \"sme-001\", \"name\": \"S1\", \"sectors\": [ \"crypto\", \"cloud\" ],\n"
    "    \"stage\": \"A\", \"team_size\": 2,\n"
    "    \"requests\": [ { \"investor\": \"inv-003\", \"priority\": \"must\" } ] },\n"
    "  { \"id\": \"sme-002\", \"name\": \"S2\", \"sectors\": [ \"cloud\" ], \"stage\": \"B\" },\n"
    "  { \"id\": \"sme-003\", \"name\": \"S3\", \"sectors\": [ \"crypto\" ], \"stage\": \"A\" },\n"
    "  { \"id\": \"sme-004\", \"name\": \"S4\", \"sectors\": [ \"cloud\" ], \"stage\": \"seed\",\n"
    "    \"min_meetings\": 2 } ]\n";

/* The valid base schedule.  Scores: sme-001/inv-003 2*1 + 10 (must) = 12;
 * sme-004/inv-002 2*1 = 2; sme-002/inv-001 2*2 + 10 (high) = 14;
 * sme-002/inv-002 2; sme-003/inv-003 2; sme-001/inv-001 2*3 + 1*2 + 2
 * (stage A) = 10.  Sum 42, no idle slot, sme-004 one meeting short of its
 * minimum of 2: 42 - 100 = -58.  No objective, bound, gap or status is
 * stated, so only the rules are judged. */
static const char *BASE =
    "{ \"format_version\": 1,\n"
    "  \"meetings\": [\n"
    "  { \"id\": \"m0001\", \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"09:30\",\n"
    "    \"room\": \"g-301\", \"sme\": \"sme-001\", \"investors\": [ \"inv-003\" ] },\n"
    "  { \"id\": \"m0002\", \"date\": \"2023-05-18\", \"start\": \"10:30\", \"end\": \"11:00\",\n"
    "    \"room\": \"g-301\", \"sme\": \"sme-004\", \"investors\": [ \"inv-002\" ] },\n"
    "  { \"id\": \"m0003\", \"date\": \"2023-05-18\", \"start\": \"10:30\", \"end\": \"11:00\",\n"
    "    \"room\": \"g-302\", \"sme\": \"sme-002\", \"investors\": [ \"inv-001\" ] },\n"
    "  { \"id\": \"m0004\", \"date\": \"2023-05-18\", \"start\": \"11:00\", \"end\": \"11:30\",\n"
    "    \"room\": \"g-301\", \"sme\": \"sme-002\", \"investors\": [ \"inv-002\" ] },\n"
    "  { \"id\": \"m0005\", \"date\": \"2023-05-19\", \"start\": \"09:00\", \"end\": \"09:30\",\n"
    "    \"room\": \"g-302\", \"sme\": \"sme-003\", \"investors\": [ \"inv-003\" ] },\n"
    "  { \"id\": \"m0006\", \"date\": \"2023-05-19\", \"start\": \"10:30\", \"end\": \"11:00\",\n"
    "    \"room\": \"g-301\", \"sme\": \"sme-001\", \"investors\": [ \"inv-001\" ] } ] }\n";

#define BASE_OBJECTIVE (-58.0)

typedef struct {
    rs_event *ev;
    char *dir; /* temporary folder for the schedule files */
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    char *dir = tu_event_dir(EVENT, INVESTORS, SMES);
    f->ev = tu_load_ok(dir);
    tu_rmtree(dir);
    free(dir);
    f->dir = tu_mkdtemp();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rs_event_free(f->ev);
    tu_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

/* ------------------------------------------------------------------ edits */

/* Applies edits (a JSON array of operations) to the schedule tree:
 *   {"op":"set","m":I,"with":{...}}   set or add fields of meeting I
 *   {"op":"unset","m":I,"field":F}    remove field F of meeting I
 *   {"op":"add","with":{...}}         append a meeting
 *   {"op":"del","m":I}                delete meeting I
 *   {"op":"top","with":{...}}         set or add top-level fields
 *   {"op":"raw","m":I,"value":V}      replace meeting I by any value V */
static void apply_edits(cJSON *root, const char *edits)
{
    cJSON *ops = cJSON_Parse(edits);
    if (!ops)
        fail_msg("bad edits: %s", edits);
    cJSON *ms = cJSON_GetObjectItemCaseSensitive(root, "meetings");
    assert_non_null(ms);
    /* deletions last, highest index first, so indices mean the base's */
    for (int pass = 0; pass < 2; pass++) {
        int n = cJSON_GetArraySize(ops);
        for (int k = pass ? n - 1 : 0; pass ? k >= 0 : k < n; k += pass ? -1 : 1) {
            cJSON *op = cJSON_GetArrayItem(ops, k);
            const char *kind = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(op, "op"));
            assert_non_null(kind);
            cJSON *mi = cJSON_GetObjectItemCaseSensitive(op, "m");
            int m = mi ? (int)mi->valuedouble : -1;
            cJSON *with = cJSON_GetObjectItemCaseSensitive(op, "with");
            if ((strcmp(kind, "del") == 0) != (pass == 1))
                continue;
            if (strcmp(kind, "set") == 0 || strcmp(kind, "top") == 0) {
                cJSON *target = kind[0] == 's' ? cJSON_GetArrayItem(ms, m) : root;
                assert_non_null(target);
                for (cJSON *e = with ? with->child : NULL; e; e = e->next) {
                    cJSON *v = cJSON_Duplicate(e, 1);
                    if (cJSON_HasObjectItem(target, e->string))
                        cJSON_ReplaceItemInObjectCaseSensitive(target, e->string, v);
                    else
                        cJSON_AddItemToObject(target, e->string, v);
                }
            } else if (strcmp(kind, "unset") == 0) {
                const char *field =
                    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(op, "field"));
                cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetArrayItem(ms, m), field);
            } else if (strcmp(kind, "add") == 0) {
                cJSON_AddItemToArray(ms, cJSON_Duplicate(with, 1));
            } else if (strcmp(kind, "raw") == 0) {
                cJSON *v = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(op, "value"), 1);
                cJSON_ReplaceItemInArray(ms, m, v);
            } else if (strcmp(kind, "del") == 0) {
                cJSON_DeleteItemFromArray(ms, m);
            } else {
                fail_msg("unknown edit %s", kind);
            }
        }
    }
    cJSON_Delete(ops);
}

/* Writes the base schedule with the edits applied as DIR/schedule.json;
 * returns the path (malloc'd). */
static char *write_schedule(const fixture *f, const char *edits)
{
    cJSON *root = cJSON_Parse(BASE);
    assert_non_null(root);
    if (edits)
        apply_edits(root, edits);
    char *text = cJSON_Print(root);
    assert_non_null(text);
    char *path = tu_path(f->dir, "schedule.json");
    tu_write_file(path, text);
    cJSON_free(text);
    cJSON_Delete(root);
    return path;
}

/* Loads the base with edits; the load must succeed. */
static rs_schedule *load_edited(const fixture *f, const char *edits)
{
    char *path = write_schedule(f, edits);
    rs_schedule *s = NULL;
    rs_diag *d = rs_diag_new();
    rs_code rc = rs_schedule_load(f->ev, path, &s, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  load: ");
    assert_int_equal(rc, RS_OK);
    assert_non_null(s);
    rs_diag_free(d);
    free(path);
    return s;
}

/* --------------------------------------------------------------- the base */

static void test_base_passes(void **state)
{
    fixture *f = *state;
    rs_schedule *s = load_edited(f, NULL);
    assert_int_equal(s->nm, 6);
    rs_diag *d = rs_diag_new();
    double obj = NAN;
    rs_code rc = rs_check(f->ev, s, &obj, d);
    tu_diag_print(d, "  unexpected: ");
    assert_int_equal(rc, RS_OK);
    assert_int_equal(rs_diag_count(d), 0);
    assert_true(obj == BASE_OBJECTIVE);
    int idle = -1, shortfalls = -1;
    assert_true(rs_objective(f->ev, s, &idle, &shortfalls) == BASE_OBJECTIVE);
    assert_int_equal(idle, 0);
    assert_int_equal(shortfalls, 1);
    rs_diag_free(d);

    /* stating the right values changes nothing */
    rs_schedule_free(s);
    s = load_edited(f, "[{\"op\":\"top\",\"with\":{\"status\":\"optimal\",\"objective\":-58,"
                       "\"bound\":-58,\"gap\":0}},"
                       "{\"op\":\"set\",\"m\":0,\"with\":{\"score\":12,\"venue\":\"gaoxin\","
                       "\"locked\":true}}]");
    d = rs_diag_new();
    rc = rs_check(f->ev, s, &obj, d);
    tu_diag_print(d, "  unexpected: ");
    assert_int_equal(rc, RS_OK);
    assert_true(obj == BASE_OBJECTIVE);
    assert_int_equal(s->m[0].locked, 1);
    rs_diag_free(d);
    rs_schedule_free(s);
}

/* An empty schedule breaks only rule 7 (the must request). */
static void test_empty_schedule(void **state)
{
    fixture *f = *state;
    rs_schedule *s = load_edited(f, "[{\"op\":\"del\",\"m\":0},{\"op\":\"del\",\"m\":1},"
                                    "{\"op\":\"del\",\"m\":2},{\"op\":\"del\",\"m\":3},"
                                    "{\"op\":\"del\",\"m\":4},{\"op\":\"del\",\"m\":5}]");
    assert_int_equal(s->nm, 0);
    rs_diag *d = rs_diag_new();
    double obj = NAN;
    assert_int_equal(rs_check(f->ev, s, &obj, d), RS_ECHECK);
    assert_int_equal(rs_diag_count(d), 1);
    assert_true(tu_diag_find(d, "sme-001: rule 7: its must request of inv-003 is not met") >= 0);
    /* no meeting: each SME's shortfall is its minimum (sme-004: 2) */
    assert_true(obj == -200);
    rs_diag_free(d);
    rs_schedule_free(s);
}

/* ------------------------------------------------------- one rule broken */

typedef struct {
    const char *name;
    const char *edits;
    const char *expect;  /* substring of some diag line */
    const char *expect2; /* a second one, or NULL */
    int lines;           /* exact number of diag lines, 0 = not checked */
} check_case;

static const check_case CHECK_CASES[] = {
    {"rule 1: room unavailable",
     "[{\"op\":\"set\",\"m\":3,\"with\":{\"start\":\"11:30\",\"end\":\"12:00\"}}]",
     "m0004 (2023-05-18 11:30 g-301): rule 1: room g-301 is not available in this slot", NULL, 1},
    {"rule 1: participant unavailable",
     "[{\"op\":\"set\",\"m\":1,\"with\":{\"date\":\"2023-05-19\",\"start\":\"11:00\","
     "\"end\":\"11:30\"}}]",
     "rule 1: inv-002 is not available in this slot", NULL, 1},
    {"rule 2: person in two meetings",
     "[{\"op\":\"set\",\"m\":5,\"with\":{\"date\":\"2023-05-18\",\"room\":\"t-101\"}}]",
     "rule 2: inv-001 is also in m0003 in this slot", NULL, 1},
    {"rule 2: room used twice",
     "[{\"op\":\"set\",\"m\":2,\"with\":{\"room\":\"g-301\"}}]",
     "rule 2: room g-301 is also used by m0002 in this slot", NULL, 1},
    {"rule 3: capacity",
     "[{\"op\":\"set\",\"m\":1,\"with\":{\"start\":\"09:30\",\"end\":\"10:00\",\"room\":\"g-302\"}}]",
     "rule 3: room g-302 holds 2 people but the meeting has 3", NULL, 1},
    {"rule 4: pair meets twice",
     "[{\"op\":\"add\",\"with\":{\"date\":\"2023-05-19\",\"start\":\"11:30\",\"end\":\"12:00\","
     "\"room\":\"g-301\",\"sme\":\"sme-001\",\"investors\":[\"inv-001\"]}}]",
     "rule 4: inv-001 already meets sme-001 in m0006", NULL, 1},
    {"rule 4: two investors one-to-one",
     "[{\"op\":\"set\",\"m\":0,\"with\":{\"investors\":[\"inv-003\",\"inv-001\"]}}]",
     "rule 4: a one-to-one meeting has 2 investors", "rule 4: inv-001 already meets sme-001", 0},
    {"rule 5: avoided pair",
     "[{\"op\":\"add\",\"with\":{\"date\":\"2023-05-19\",\"start\":\"11:30\",\"end\":\"12:00\","
     "\"room\":\"g-301\",\"sme\":\"sme-003\",\"investors\":[\"inv-001\"]}}]",
     "rule 5: inv-001 and sme-003 may not meet: avoided by inv-001", NULL, 1},
    {"rule 5: stage not accepted",
     "[{\"op\":\"add\",\"with\":{\"date\":\"2023-05-19\",\"start\":\"11:30\",\"end\":\"12:00\","
     "\"room\":\"g-301\",\"sme\":\"sme-004\",\"investors\":[\"inv-001\"]}}]",
     "rule 5: inv-001 and sme-004 may not meet: stage seed not accepted by inv-001", NULL, 1},
    {"rule 5: no fit, no request",
     "[{\"op\":\"add\",\"with\":{\"date\":\"2023-05-19\",\"start\":\"11:30\",\"end\":\"12:00\","
     "\"room\":\"g-301\",\"sme\":\"sme-002\",\"investors\":[\"inv-003\"]}}]",
     "rule 5: inv-003 and sme-002 may not meet: no sector interest and no request", NULL, 1},
    {"rule 6: too many meetings",
     "[{\"op\":\"add\",\"with\":{\"date\":\"2023-05-18\",\"start\":\"09:30\",\"end\":\"10:00\","
     "\"room\":\"g-301\",\"sme\":\"sme-001\",\"investors\":[\"inv-002\"]}}]",
     "inv-002: rule 6: 3 meetings, more than its maximum of 2", NULL, 1},
    {"rule 7: must request not met",
     "[{\"op\":\"del\",\"m\":0}]",
     "sme-001: rule 7: its must request of inv-003 is not met", NULL, 1},
    {"rule 8: no time to travel",
     "[{\"op\":\"set\",\"m\":5,\"with\":{\"date\":\"2023-05-18\",\"start\":\"11:00\","
     "\"end\":\"11:30\",\"room\":\"t-101\"}}]",
     "rule 8: inv-001 has 0 min from gaoxin", "the trip takes 40", 1},
    {"rule 9: too many in a row",
     "[{\"op\":\"set\",\"m\":5,\"with\":{\"date\":\"2023-05-18\",\"start\":\"09:30\","
     "\"end\":\"10:00\"}},"
     "{\"op\":\"set\",\"m\":1,\"with\":{\"sme\":\"sme-001\",\"start\":\"10:00\",\"end\":\"10:30\"}}]",
     "rule 9: sme-001 has 3 meetings in consecutive slots", "more than its limit of 2", 1},
    {"wrong stated score",
     "[{\"op\":\"set\",\"m\":0,\"with\":{\"score\":13}}]",
     "m0001 (2023-05-18 09:00 g-301): score: stated 13 but the meeting's score is 12", NULL, 1},
    {"wrong stated objective",
     "[{\"op\":\"top\",\"with\":{\"objective\":-50}}]",
     "objective: stated -50 but the schedule's value is -58", NULL, 1},
    {"bound below the objective",
     "[{\"op\":\"top\",\"with\":{\"bound\":-60}}]",
     "bound: stated -60 is below the schedule's objective -58", NULL, 1},
    {"wrong stated gap",
     "[{\"op\":\"top\",\"with\":{\"objective\":-58,\"bound\":-58,\"gap\":0.5}}]",
     "gap: stated 0.5 but", NULL, 1},
    {"unknown status",
     "[{\"op\":\"top\",\"with\":{\"status\":\"timeout\"}}]",
     "status: \"timeout\" is neither \"optimal\" nor \"feasible\"", NULL, 1},
    {"four breaks at once",
     "[{\"op\":\"set\",\"m\":3,\"with\":{\"start\":\"11:30\",\"end\":\"12:00\"}},"
     "{\"op\":\"add\",\"with\":{\"date\":\"2023-05-19\",\"start\":\"11:30\",\"end\":\"12:00\","
     "\"room\":\"g-301\",\"sme\":\"sme-002\",\"investors\":[\"inv-003\"]}},"
     "{\"op\":\"set\",\"m\":0,\"with\":{\"score\":13}},"
     "{\"op\":\"top\",\"with\":{\"status\":\"timeout\"}}]",
     "rule 1: room g-301", "rule 5: inv-003 and sme-002", 4},
};

static void test_check_case(void **state)
{
    const void *const *st = (const void *const *)*state;
    const fixture *f = st[0];
    const check_case *c = st[1];
    rs_schedule *s = load_edited(f, c->edits);
    rs_diag *d = rs_diag_new();
    double obj = NAN;
    rs_code rc = rs_check(f->ev, s, &obj, d);
    int ok = rc == RS_ECHECK && tu_diag_find(d, c->expect) >= 0 &&
             (!c->expect2 || tu_diag_find(d, c->expect2) >= 0) &&
             (!c->lines || rs_diag_count(d) == (size_t)c->lines);
    if (!ok) {
        print_error("%s: expected \"%s\"%s%s%s in %d line(s); rs_check gave %d:\n", c->name,
                    c->expect, c->expect2 ? " and \"" : "", c->expect2 ? c->expect2 : "",
                    c->expect2 ? "\"" : "", c->lines, (int)rc);
        tu_diag_print(d, "  ");
    }
    assert_int_equal(rc, RS_ECHECK);
    assert_true(tu_diag_find(d, c->expect) >= 0);
    if (c->expect2)
        assert_true(tu_diag_find(d, c->expect2) >= 0);
    if (c->lines)
        assert_int_equal(rs_diag_count(d), (size_t)c->lines);
    /* the objective is still computed, and agrees with the library's */
    assert_true(obj == obj); /* not NaN */
    assert_true(fabs(obj - rs_objective(f->ev, s, NULL, NULL)) < 1e-9);
    rs_diag_free(d);
    rs_schedule_free(s);
}

/* -------------------------------------------------- built in code: rule 2
 * and the group format, which a schedule file cannot express or which the
 * loader would reject. */

static int pidx(const rs_event *ev, const char *id)
{
    int p = rs_find_participant(ev, id);
    assert_true(p >= 0);
    return p;
}

static int sidx(const rs_event *ev, const char *date, const char *hhmm)
{
    int h = atoi(hhmm), m = atoi(hhmm + 3);
    int k = rs_find_slot(ev, date, h * 60 + m);
    assert_true(k >= 0);
    return k;
}

/* Adds a meeting by ids: investors is a comma-free list of up to 4 ids. */
static void add_meeting(rs_schedule *s, const rs_event *ev, const char *date, const char *start,
                        const char *room, const char *sme, const char *const *inv, int ninv)
{
    int idx[4];
    assert_true(ninv <= 4);
    for (int i = 0; i < ninv; i++)
        idx[i] = pidx(ev, inv[i]);
    int r = rs_find_room(ev, room);
    assert_true(r >= 0);
    assert_int_equal(rs_schedule_add(s, sidx(ev, date, start), r, pidx(ev, sme), idx, ninv,
                                     NAN, 0), 0);
}

static rs_code check_built(const rs_event *ev, const rs_schedule *s, rs_diag *d)
{
    double obj = NAN;
    rs_code rc = rs_check(ev, s, &obj, d);
    assert_true(obj == obj); /* not NaN */
    return rc;
}

static void test_investor_twice_in_meeting(void **state)
{
    fixture *f = *state;
    rs_schedule *s = rs_schedule_new();
    const char *inv[] = {"inv-003", "inv-003"};
    add_meeting(s, f->ev, "2023-05-18", "09:00", "g-301", "sme-001", inv, 2);
    rs_diag *d = rs_diag_new();
    assert_int_equal(check_built(f->ev, s, d), RS_ECHECK);
    if (tu_diag_find(d, "rule 2: inv-003 is listed twice in this meeting") < 0)
        tu_diag_print(d, "  ");
    assert_true(tu_diag_find(d, "rule 2: inv-003 is listed twice in this meeting") >= 0);
    rs_diag_free(d);
    rs_schedule_free(s);
}

static void test_meeting_outside_event(void **state)
{
    fixture *f = *state;
    rs_schedule *s = rs_schedule_new();
    int inv = pidx(f->ev, "inv-003");
    assert_int_equal(rs_schedule_add(s, f->ev->nslots + 5, 0, pidx(f->ev, "sme-001"), &inv, 1,
                                     NAN, 0), 0);
    rs_diag *d = rs_diag_new();
    assert_int_equal(check_built(f->ev, s, d), RS_ECHECK);
    assert_true(tu_diag_find(d, "structure:") >= 0);
    rs_diag_free(d);
    rs_schedule_free(s);
}

static void test_group_rule4(void **state)
{
    fixture *f = *state;
    f->ev->format = RS_FORMAT_GROUP;
    f->ev->group_min_investors = 2;
    static const struct {
        const char *date, *start, *room, *sme;
        const char *inv[3];
        int ninv;
        const char *expect;
    } cases[] = {
        {"2023-05-18", "09:00", "g-301", "sme-001", {"inv-003"}, 1,
         "rule 4: the pitch has 1 investor, fewer than the minimum of 2"},
        {"2023-05-18", "09:00", "g-302", "sme-002", {"inv-001", "inv-002", "inv-003"}, 3,
         "rule 4: the pitch has 3 investors, more than room g-302 holds (2)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rs_schedule *s = rs_schedule_new();
        add_meeting(s, f->ev, cases[i].date, cases[i].start, cases[i].room, cases[i].sme,
                    cases[i].inv, cases[i].ninv);
        rs_diag *d = rs_diag_new();
        assert_int_equal(check_built(f->ev, s, d), RS_ECHECK);
        if (tu_diag_find(d, cases[i].expect) < 0)
            tu_diag_print(d, "  ");
        assert_true(tu_diag_find(d, cases[i].expect) >= 0);
        rs_diag_free(d);
        rs_schedule_free(s);
    }
    /* the same investor hears one SME's pitch twice */
    rs_schedule *s = rs_schedule_new();
    const char *p1[] = {"inv-001", "inv-003"}, *p2[] = {"inv-001", "inv-002"};
    add_meeting(s, f->ev, "2023-05-18", "09:00", "g-301", "sme-001", p1, 2);
    add_meeting(s, f->ev, "2023-05-18", "10:00", "t-101", "sme-001", p2, 2);
    rs_diag *d = rs_diag_new();
    assert_int_equal(check_built(f->ev, s, d), RS_ECHECK);
    if (tu_diag_find(d, "rule 4: inv-001 already hears sme-001's pitch in m0001") < 0)
        tu_diag_print(d, "  ");
    assert_true(tu_diag_find(d, "rule 4: inv-001 already hears sme-001's pitch in m0001") >= 0);
    rs_diag_free(d);
    rs_schedule_free(s);
    f->ev->format = RS_FORMAT_ONE_TO_ONE;
}

/* Group pitches built in code, one broken rule each.  The valid base is
 * one pitch: sme-001 (team 2) to inv-001 and inv-003 at 09:00 in g-301 (4
 * people, room for 4), meeting sme-001's must request of inv-003.  Its
 * score is the sum over the panel: inv-001 2*3 + 1*2 + 2 (stage A) = 10,
 * inv-003 2*1 + 10 (must) = 12, so 22; sme-004 is 2 short of its minimum:
 * 22 - 200 = -178.  Each case adds pitches (and may change a rule of the
 * event for its duration) so that exactly the expected line appears. */
typedef struct {
    const char *date, *start, *room, *sme;
    const char *inv[4];
    int ninv;
} gpitch_spec;

typedef struct {
    const char *name;
    int keep_base;            /* start from the base pitch                */
    gpitch_spec add[3];       /* pitches added (sme NULL ends the list)   */
    int gmin;                 /* group_min_investors during the case      */
    const char *limit_id;     /* participant whose limit is changed, or NULL */
    int max_meetings;
    double stated_score;      /* NaN: not stated                          */
    const char *expect;
} group_case;

static const group_case GROUP_CASES[] = {
    {"group rule 1: room unavailable", 0,
     {{"2023-05-18", "11:30", "g-301", "sme-001", {"inv-001", "inv-003"}, 2}}, 2, NULL, 0, NAN,
     "rule 1: room g-301 is not available in this slot"},
    {"group rule 1: a panel member unavailable", 1,
     {{"2023-05-19", "09:00", "t-101", "sme-002", {"inv-001", "inv-002"}, 2}}, 2, NULL, 0, NAN,
     "rule 1: inv-002 is not available in this slot"},
    {"group rule 2: a panel member in two pitches", 1,
     {{"2023-05-18", "09:00", "t-101", "sme-002", {"inv-001", "inv-002"}, 2}}, 2, NULL, 0, NAN,
     "rule 2: inv-001 is also in m0001 in this slot"},
    {"group rule 3: the panel's teams overflow the room", 0,
     {{"2023-05-18", "09:00", "g-301", "sme-001", {"inv-001", "inv-002", "inv-003"}, 3}}, 2, NULL,
     0, NAN, "rule 3: room g-301 holds 4 people but the meeting has 6"},
    {"group rule 4: panel below the minimum", 1,
     {{"2023-05-18", "10:00", "g-301", "sme-002", {"inv-001"}, 1}}, 2, NULL, 0, NAN,
     "rule 4: the pitch has 1 investor, fewer than the minimum of 2"},
    {"group rule 4: an investor hears a pitch twice", 1,
     {{"2023-05-18", "10:00", "g-301", "sme-001", {"inv-001"}, 1}}, 1, NULL, 0, NAN,
     "rule 4: inv-001 already hears sme-001's pitch in m0001"},
    {"group rule 5: an avoided panel member", 1,
     {{"2023-05-19", "09:00", "g-301", "sme-003", {"inv-001", "inv-003"}, 2}}, 2, NULL, 0, NAN,
     "rule 5: inv-001 and sme-003 may not meet: avoided by inv-001"},
    {"group rule 6: an SME pitches more than its maximum", 1,
     {{"2023-05-18", "10:30", "g-301", "sme-001", {"inv-002"}, 1}}, 1, "sme-001", 1, NAN,
     "sme-001: rule 6: 2 meetings, more than its maximum of 1"},
    {"group rule 7: the must pair is in no pitch", 0,
     {{"2023-05-18", "09:00", "g-301", "sme-002", {"inv-001", "inv-002"}, 2}}, 2, NULL, 0, NAN,
     "sme-001: rule 7: its must request of inv-003 is not met"},
    {"group rule 8: a panel member cannot travel in time", 1,
     {{"2023-05-18", "09:30", "t-101", "sme-002", {"inv-001", "inv-002"}, 2}}, 2, NULL, 0, NAN,
     "rule 8: inv-001 has 0 min from gaoxin"},
    {"group rule 9: an SME pitches too often in a row", 0,
     {{"2023-05-18", "09:00", "g-301", "sme-001", {"inv-003"}, 1},
      {"2023-05-18", "09:30", "g-301", "sme-001", {"inv-001"}, 1},
      {"2023-05-18", "10:00", "g-301", "sme-001", {"inv-002"}, 1}}, 1, NULL, 0, NAN,
     "rule 9: sme-001 has 3 meetings in consecutive slots"},
    {"group score: the pitch's score is the panel's sum", 1, {{NULL}}, 2, NULL, 0, 13,
     "score: stated 13 but the meeting's score is 22"},
};

static void test_group_rules(void **state)
{
    fixture *f = *state;
    rs_event *ev = f->ev;
    ev->format = RS_FORMAT_GROUP;
    const char *base[] = {"inv-001", "inv-003"};

    /* the base passes, at the objective worked out above */
    rs_schedule *s = rs_schedule_new();
    add_meeting(s, ev, "2023-05-18", "09:00", "g-301", "sme-001", base, 2);
    ev->group_min_investors = 2;
    rs_diag *d = rs_diag_new();
    double obj = NAN;
    rs_code rc = rs_check(ev, s, &obj, d);
    tu_diag_print(d, "  unexpected: ");
    assert_int_equal(rc, RS_OK);
    assert_true(obj == -178);
    assert_true(rs_objective(ev, s, NULL, NULL) == -178);
    rs_diag_free(d);
    rs_schedule_free(s);

    for (size_t c = 0; c < sizeof GROUP_CASES / sizeof GROUP_CASES[0]; c++) {
        const group_case *gc = &GROUP_CASES[c];
        ev->group_min_investors = gc->gmin;
        int who = gc->limit_id ? pidx(ev, gc->limit_id) : -1, saved = 0;
        if (who >= 0) {
            saved = ev->p[who].max_meetings;
            ev->p[who].max_meetings = gc->max_meetings;
        }
        s = rs_schedule_new();
        if (gc->keep_base)
            add_meeting(s, ev, "2023-05-18", "09:00", "g-301", "sme-001", base, 2);
        for (int j = 0; j < 3 && gc->add[j].sme; j++)
            add_meeting(s, ev, gc->add[j].date, gc->add[j].start, gc->add[j].room, gc->add[j].sme,
                        gc->add[j].inv, gc->add[j].ninv);
        s->m[0].score = gc->stated_score;
        d = rs_diag_new();
        rc = check_built(ev, s, d);
        if (rc != RS_ECHECK || tu_diag_find(d, gc->expect) < 0 || rs_diag_count(d) != 1) {
            print_error("%s: expected only \"%s\"; got:\n", gc->name, gc->expect);
            tu_diag_print(d, "  ");
        }
        assert_int_equal(rc, RS_ECHECK);
        assert_true(tu_diag_find(d, gc->expect) >= 0);
        assert_int_equal(rs_diag_count(d), 1);
        rs_diag_free(d);
        rs_schedule_free(s);
        if (who >= 0)
            ev->p[who].max_meetings = saved;
    }
    ev->group_min_investors = 2;
    ev->format = RS_FORMAT_ONE_TO_ONE;
}

/* ------------------------------------------------- rs_schedule_load errors */

typedef struct {
    const char *name;
    const char *edits;
    const char *expect[4];
} load_case;

static const load_case LOAD_CASES[] = {
    {"unknown room", "[{\"op\":\"set\",\"m\":0,\"with\":{\"room\":\"x\"}}]",
     {"schedule.json: meetings[0].room: unknown room \"x\""}},
    {"unknown SME", "[{\"op\":\"set\",\"m\":1,\"with\":{\"sme\":\"sme-999\"}}]",
     {"schedule.json: meetings[1].sme: unknown SME \"sme-999\""}},
    {"unknown investor", "[{\"op\":\"set\",\"m\":2,\"with\":{\"investors\":[\"nobody\"]}}]",
     {"schedule.json: meetings[2].investors[0]: unknown investor \"nobody\""}},
    {"an investor as the SME", "[{\"op\":\"set\",\"m\":1,\"with\":{\"sme\":\"inv-001\"}}]",
     {"schedule.json: meetings[1].sme: \"inv-001\" is an investor, not an SME"}},
    {"an SME as an investor",
     "[{\"op\":\"set\",\"m\":1,\"with\":{\"investors\":[\"sme-001\",\"inv-002\",3]}}]",
     {"meetings[1].investors[0]: \"sme-001\" is an SME, not an investor",
      "meetings[1].investors[2]: expected an investor id"}},
    {"investors missing", "[{\"op\":\"unset\",\"m\":2,\"field\":\"investors\"}]",
     {"schedule.json: meetings[2].investors: missing (required)"}},
    {"start not a slot", "[{\"op\":\"set\",\"m\":3,\"with\":{\"start\":\"09:15\"}}]",
     {"schedule.json: meetings[3].start: 09:15 is not the start of a slot on 2023-05-18"}},
    {"end not the slot's end", "[{\"op\":\"set\",\"m\":0,\"with\":{\"end\":\"10:30\"}}]",
     {"schedule.json: meetings[0].end: 10:30 is not the end of the slot 09:00-09:30"}},
    {"date outside the event", "[{\"op\":\"set\",\"m\":5,\"with\":{\"date\":\"2023-05-20\"}}]",
     {"schedule.json: meetings[5].date: 2023-05-20 is not a day of the event"}},
    {"venue differs from the room's", "[{\"op\":\"set\",\"m\":2,\"with\":{\"venue\":\"v9\"}}]",
     {"schedule.json: meetings[2].venue: room g-302 is in venue gaoxin, not \"v9\""}},
    {"score not a number", "[{\"op\":\"set\",\"m\":0,\"with\":{\"score\":\"x\"}}]",
     {"schedule.json: meetings[0].score: expected a number or null"}},
    {"objective not a number", "[{\"op\":\"top\",\"with\":{\"objective\":\"a\"}}]",
     {"schedule.json: objective: expected a number or null"}},
    {"locked not a boolean", "[{\"op\":\"set\",\"m\":4,\"with\":{\"locked\":1}}]",
     {"schedule.json: meetings[4].locked: expected true or false"}},
    {"investor listed twice",
     "[{\"op\":\"set\",\"m\":2,\"with\":{\"investors\":[\"inv-001\",\"inv-001\"]}}]",
     {"schedule.json: meetings[2].investors[1]: \"inv-001\" is listed twice"}},
    {"meeting not an object", "[{\"op\":\"raw\",\"m\":4,\"value\":[1,2]}]",
     {"schedule.json: meetings[4]: expected a meeting (an object)"}},
    {"format version 2", "[{\"op\":\"top\",\"with\":{\"format_version\":2}}]",
     {"schedule.json: format_version: unsupported format version"}},
    {"every problem at once",
     "[{\"op\":\"set\",\"m\":0,\"with\":{\"room\":\"x\"}},"
     "{\"op\":\"set\",\"m\":1,\"with\":{\"sme\":\"sme-999\"}},"
     "{\"op\":\"set\",\"m\":3,\"with\":{\"start\":\"09:15\"}},"
     "{\"op\":\"top\",\"with\":{\"format_version\":2}}]",
     {"meetings[0].room: unknown room \"x\"", "meetings[1].sme: unknown SME \"sme-999\"",
      "meetings[3].start: 09:15 is not the start of a slot on 2023-05-18",
      "format_version: unsupported format version"}},
};

static void test_load_case(void **state)
{
    const void *const *st = (const void *const *)*state;
    const fixture *f = st[0];
    const load_case *c = st[1];
    char *path = write_schedule(f, c->edits);
    rs_schedule *s = (rs_schedule *)0x1;
    rs_diag *d = rs_diag_new();
    rs_code rc = rs_schedule_load(f->ev, path, &s, d);
    int missing = 0;
    for (int i = 0; i < 4 && c->expect[i]; i++)
        if (tu_diag_find(d, c->expect[i]) < 0) {
            print_error("missing: %s\n", c->expect[i]);
            missing++;
        }
    if (missing || rc != RS_EINPUT)
        tu_diag_print(d, "  diag: ");
    assert_int_equal(rc, RS_EINPUT);
    assert_null(s);
    assert_int_equal(missing, 0);
    rs_diag_free(d);
    free(path);
}

static void test_load_syntax_and_missing(void **state)
{
    fixture *f = *state;
    char *path = tu_path(f->dir, "schedule.json");
    tu_write_file(path, "{\"meetings\": [\n  {\"id\": 1,}\n]}\n");
    rs_schedule *s = NULL;
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_schedule_load(f->ev, path, &s, d), RS_EINPUT);
    assert_null(s);
    assert_true(tu_diag_find(d, "schedule.json: 2:") >= 0);
    assert_true(tu_diag_find(d, "invalid JSON") >= 0);
    rs_diag_free(d);

    char *missing = tu_path(f->dir, "no-such-schedule.json");
    d = rs_diag_new();
    assert_int_equal(rs_schedule_load(f->ev, missing, &s, d), RS_EIO);
    assert_null(s);
    assert_true(tu_diag_find(d, "cannot read") >= 0);
    assert_true(tu_diag_find(d, strerror(ENOENT)) >= 0);
    rs_diag_free(d);
    free(missing);
    free(path);
}

/* ------------------------------------------------------------------ main */

int main(void)
{
    fixture *f = NULL;
    if (setup((void **)&f) != 0)
        return 1;
    size_t nc = sizeof CHECK_CASES / sizeof CHECK_CASES[0];
    size_t nl = sizeof LOAD_CASES / sizeof LOAD_CASES[0];
    struct CMUnitTest *tests = calloc(nc + nl, sizeof(struct CMUnitTest));
    const void **states = calloc(2 * (nc + nl), sizeof(void *));
    if (!tests || !states)
        return 1;
    for (size_t i = 0; i < nc; i++) {
        states[2 * i] = f;
        states[2 * i + 1] = &CHECK_CASES[i];
        tests[i].name = CHECK_CASES[i].name;
        tests[i].test_func = test_check_case;
        tests[i].initial_state = (void *)&states[2 * i];
    }
    for (size_t i = 0; i < nl; i++) {
        size_t k = nc + i;
        states[2 * k] = f;
        states[2 * k + 1] = &LOAD_CASES[i];
        tests[k].name = LOAD_CASES[i].name;
        tests[k].test_func = test_load_case;
        tests[k].initial_state = (void *)&states[2 * k];
    }
    int fail = _cmocka_run_group_tests("rs_check: broken schedules", tests, nc,
                                       NULL, NULL);
    fail |= _cmocka_run_group_tests("rs_schedule_load: broken files", tests + nc, nl, NULL,
                                    NULL);
    const struct CMUnitTest more[] = {
        cmocka_unit_test_prestate(test_base_passes, f),
        cmocka_unit_test_prestate(test_empty_schedule, f),
        cmocka_unit_test_prestate(test_investor_twice_in_meeting, f),
        cmocka_unit_test_prestate(test_meeting_outside_event, f),
        cmocka_unit_test_prestate(test_group_rule4, f),
        cmocka_unit_test_prestate(test_group_rules, f),
        cmocka_unit_test_prestate(test_load_syntax_and_missing, f),
    };
    fail |= cmocka_run_group_tests_name("rs_check: base and code-built schedules", more, NULL,
                                        NULL);
    free(tests);
    free(states);
    void *fs = f;
    teardown(&fs);
    rs_cleanup();
    return fail ? 1 : 0;
}
