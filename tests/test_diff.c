/*
 * test_diff.c - rs_diff (roadshow diff OLD NEW): pairs of small schedules
 * whose added, dropped, moved, changed and kept meetings are known by hand,
 * per participant (investors as well as SMEs), in the text and JSON
 * reports, and broken files reported as "PATH: JSON.PATH: message".
 */
#include "testutil.h"

#include <cjson/cJSON.h>

/* A meeting line of a schedule.json: date fixed, start, end, room, SME,
 * investors (a JSON array body). */
#define MEET(id, start, end, room, sme, invs)                                          \
    "{\"id\": \"" id "\", \"date\": \"2023-05-18\", \"start\": \"" start "\", \"end\": \"" \
    end "\", \"venue\": \"hall\", \"room\": \"" room "\", \"sme\": \"" sme                 \
    "\", \"investors\": [" invs "], \"score\": 1, \"locked\": false}"

#define SCHED(meetings) "{\"format_version\": 1, \"meetings\": [" meetings "]}"

/* Old and new schedule of the main case (one-to-one), worked by hand:
 *   sme-1 + inv-a 09:00 r1       -> same             kept
 *   sme-2 + inv-b 09:00 r2       -> 10:00 r2         moved
 *   sme-3 + inv-a 09:30 r1       -> (none)           dropped
 *   sme-1 + inv-b 10:00 r1       -> same             kept
 *   (none)                       -> sme-3 + inv-b 09:30 r2  added
 * Affected: inv-a (dropped), inv-b (moved, added), sme-2 (moved), sme-3
 * (dropped, added); sme-1 keeps both its meetings. */
static const char *OLD_MAIN = SCHED(
    MEET("m0001", "09:00", "09:30", "r1", "sme-1", "\"inv-a\"") ","
    MEET("m0002", "09:00", "09:30", "r2", "sme-2", "\"inv-b\"") ","
    MEET("m0003", "09:30", "10:00", "r1", "sme-3", "\"inv-a\"") ","
    MEET("m0004", "10:00", "10:30", "r1", "sme-1", "\"inv-b\""));
static const char *NEW_MAIN = SCHED(
    MEET("m0001", "09:00", "09:30", "r1", "sme-1", "\"inv-a\"") ","
    MEET("m0002", "09:30", "10:00", "r2", "sme-3", "\"inv-b\"") ","
    MEET("m0003", "10:00", "10:30", "r1", "sme-1", "\"inv-b\"") ","
    MEET("m0004", "10:00", "10:30", "r2", "sme-2", "\"inv-b\""));

/* The event the main case belongs to (for --event: names and checks). */
static const char *EVENT =
    "{\"name\": \"Diff test\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    " \"days\": [{\"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"11:00\"}],"
    " \"venues\": [{\"id\": \"hall\"}],"
    " \"rooms\": [{\"id\": \"r1\", \"venue\": \"hall\"}, {\"id\": \"r2\", \"venue\": \"hall\"}],"
    " \"sectors\": [{\"id\": \"crypto\"}]}";
static const char *INVESTORS =
    "[{\"id\": \"inv-a\", \"name\": \"Alpha Fund\", \"sectors\": {\"crypto\": 3}},"
    " {\"id\": \"inv-b\", \"name\": \"Beta Capital\", \"sectors\": {\"crypto\": 3}}]";
static const char *SMES =
    "[{\"id\": \"sme-1\", \"name\": \"One Ltd\", \"sectors\": [\"crypto\"]},"
    " {\"id\": \"sme-2\", \"name\": \"Two Ltd\", \"sectors\": [\"crypto\"]},"
    " {\"id\": \"sme-3\", \"name\": \"Three Ltd\", \"sectors\": [\"crypto\"]}]";

typedef struct {
    char *dir, *old_path, *new_path;
} files;

/* Writes old and new into a fresh folder as old.json and new.json. */
static files write_pair(const char *old_text, const char *new_text)
{
    files f;
    f.dir = tu_mkdtemp();
    f.old_path = tu_path(f.dir, "old.json");
    f.new_path = tu_path(f.dir, "new.json");
    tu_write_file(f.old_path, old_text);
    tu_write_file(f.new_path, new_text);
    return f;
}

static void files_free(files *f)
{
    tu_rmtree(f->dir);
    free(f->dir);
    free(f->old_path);
    free(f->new_path);
}

/* Loads a diff that must load; fails the test with the diag if not. */
static rs_diff *load_ok(const files *f, const rs_event *ev)
{
    rs_diag *d = rs_diag_new();
    rs_diff *df = NULL;
    rs_code rc = rs_diff_load(f->old_path, f->new_path, ev, &df, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  ");
    assert_int_equal(rc, RS_OK);
    assert_non_null(df);
    rs_diag_free(d);
    return df;
}

/* The block of participant id in a text report: from its header line to
 * the next header (a line not starting with a space); malloc'd, or NULL
 * when the participant has no block. */
static char *block_of(const char *text, const char *id)
{
    size_t n = strlen(id);
    const char *p = text;
    while (p && *p) {
        if (strncmp(p, id, n) == 0 && (p[n] == '\n' || p[n] == ' ')) {
            const char *e = strchr(p, '\n');
            while (e && e[1] == ' ')
                e = strchr(e + 1, '\n');
            size_t len = e ? (size_t)(e - p + 1) : strlen(p);
            char *b = malloc(len + 1);
            assert_non_null(b);
            memcpy(b, p, len);
            b[len] = '\0';
            return b;
        }
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    return NULL;
}

static void expect_block(const char *text, const char *id, const char *const *lines, int n)
{
    char *b = block_of(text, id);
    if (!b)
        fail_msg("no block for %s in:\n%s", id, text);
    for (int i = 0; i < n; i++)
        if (!strstr(b, lines[i]))
            fail_msg("block of %s lacks \"%s\":\n%s", id, lines[i], b);
    free(b);
}

static void test_counts_and_text(void **state)
{
    (void)state;
    files f = write_pair(OLD_MAIN, NEW_MAIN);
    rs_diff *df = load_ok(&f, NULL);
    rs_diff_counts c;
    rs_diff_get_counts(df, &c);
    assert_int_equal(c.kept, 2);
    assert_int_equal(c.moved, 1);
    assert_int_equal(c.dropped, 1);
    assert_int_equal(c.added, 1);
    assert_int_equal(c.changed, 0);
    assert_int_equal(c.participants, 4);

    char *text = rs_diff_text(df);
    assert_non_null(text);
    /* per participant: investors have their own blocks, like SMEs */
    const char *inv_a[] = {"  dropped  sme-3  2023-05-18 09:30-10:00 r1\n",
                           "  kept     1 meeting\n"};
    expect_block(text, "inv-a", inv_a, 2);
    const char *inv_b[] = {"  moved    sme-2  2023-05-18 09:00-09:30 r2 -> 2023-05-18 "
                           "10:00-10:30 r2\n",
                           "  added    sme-3  2023-05-18 09:30-10:00 r2\n",
                           "  kept     1 meeting\n"};
    expect_block(text, "inv-b", inv_b, 3);
    const char *sme_2[] = {"  moved    inv-b  2023-05-18 09:00-09:30 r2 -> "};
    expect_block(text, "sme-2", sme_2, 1);
    const char *sme_3[] = {"  dropped  inv-a  2023-05-18 09:30-10:00 r1\n",
                           "  added    inv-b  2023-05-18 09:30-10:00 r2\n"};
    expect_block(text, "sme-3", sme_3, 2);
    /* sme-1 kept everything: not listed */
    char *b = block_of(text, "sme-1");
    assert_null(b);
    assert_non_null(strstr(text, "1 added, 1 dropped, 1 moved, 0 changed, 2 kept; "
                                 "4 participants affected\n"));
    /* the blocks come sorted by id */
    const char *pa = strstr(text, "inv-a\n"), *pb = strstr(text, "inv-b\n");
    const char *p2 = strstr(text, "sme-2\n"), *p3 = strstr(text, "sme-3\n");
    assert_true(pa && pb && p2 && p3 && pa < pb && pb < p2 && p2 < p3);
    free(text);
    rs_diff_free(df);
    files_free(&f);
}

/* A participant's entry of the JSON "participants" array. */
static const cJSON *participant(const cJSON *root, const char *id)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, "participants");
    for (const cJSON *e = arr ? arr->child : NULL; e; e = e->next) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "id");
        if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
            return e;
    }
    return NULL;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    assert_true(cJSON_IsString(v));
    return v->valuestring;
}

static int num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    assert_true(cJSON_IsNumber(v));
    return v->valueint;
}

static void test_json(void **state)
{
    (void)state;
    files f = write_pair(OLD_MAIN, NEW_MAIN);
    rs_diff *df = load_ok(&f, NULL);
    char *json = rs_diff_json(df);
    assert_non_null(json);
    cJSON *root = cJSON_Parse(json);
    assert_non_null(root);
    assert_int_equal(num(root, "format_version"), 1);
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(root, "summary");
    assert_int_equal(num(s, "added"), 1);
    assert_int_equal(num(s, "dropped"), 1);
    assert_int_equal(num(s, "moved"), 1);
    assert_int_equal(num(s, "changed"), 0);
    assert_int_equal(num(s, "kept"), 2);
    assert_int_equal(num(s, "participants"), 4);
    /* the changes, kept ones left out, in meeting order of the old side */
    const cJSON *ch = cJSON_GetObjectItemCaseSensitive(root, "changes");
    assert_int_equal(cJSON_GetArraySize(ch), 3);
    const cJSON *moved = cJSON_GetArrayItem(ch, 0);
    assert_string_equal(str(moved, "change"), "moved");
    assert_string_equal(str(moved, "sme"), "sme-2");
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(moved, "old");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(moved, "new");
    assert_string_equal(str(o, "id"), "m0002");
    assert_string_equal(str(o, "start"), "09:00");
    assert_string_equal(str(n, "start"), "10:00");
    assert_string_equal(str(n, "room"), "r2");
    assert_string_equal(str(n, "venue"), "hall");
    const cJSON *dropped = cJSON_GetArrayItem(ch, 1);
    assert_string_equal(str(dropped, "change"), "dropped");
    assert_null(cJSON_GetObjectItemCaseSensitive(dropped, "new"));
    assert_string_equal(str(cJSON_GetObjectItemCaseSensitive(dropped, "old"), "start"), "09:30");
    const cJSON *added = cJSON_GetArrayItem(ch, 2);
    assert_string_equal(str(added, "change"), "added");
    assert_null(cJSON_GetObjectItemCaseSensitive(added, "old"));
    /* per participant: investors included, with their own kinds */
    const cJSON *pb = participant(root, "inv-b");
    assert_non_null(pb);
    assert_int_equal(num(pb, "kept"), 1);
    const cJSON *pc = cJSON_GetObjectItemCaseSensitive(pb, "changes");
    assert_int_equal(cJSON_GetArraySize(pc), 2);
    assert_string_equal(str(cJSON_GetArrayItem(pc, 0), "change"), "moved");
    assert_string_equal(str(cJSON_GetArrayItem(pc, 1), "change"), "added");
    assert_non_null(participant(root, "inv-a"));
    assert_null(participant(root, "sme-1"));
    assert_null(cJSON_GetObjectItemCaseSensitive(pb, "name")); /* no event given */
    cJSON_Delete(root);

    /* rs_diff_write_json writes the same text */
    char *out = tu_path(f.dir, "diff.json");
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_diff_write_json(df, out, d), RS_OK);
    char *back = tu_read_file(out, NULL);
    assert_non_null(back);
    assert_string_equal(back, json);
    free(back);
    free(out);
    rs_diag_free(d);
    free(json);
    rs_diff_free(df);
    files_free(&f);
}

/* With the event: names in the report, and ids checked against it. */
static void test_with_event(void **state)
{
    (void)state;
    char *evdir = tu_event_dir(EVENT, INVESTORS, SMES);
    rs_event *ev = tu_load_ok(evdir);
    files f = write_pair(OLD_MAIN, NEW_MAIN);
    rs_diff *df = load_ok(&f, ev);
    char *text = rs_diff_text(df);
    assert_non_null(strstr(text, "inv-b (Beta Capital)\n"));
    assert_non_null(strstr(text, "sme-3 (Three Ltd)\n"));
    free(text);
    char *json = rs_diff_json(df);
    cJSON *root = cJSON_Parse(json);
    assert_string_equal(str(participant(root, "inv-a"), "name"), "Alpha Fund");
    cJSON_Delete(root);
    free(json);
    rs_diff_free(df);
    files_free(&f);

    /* an unknown SME, room and slot in the new file, an SME as investor in
     * the old one: every problem, each at its path */
    f = write_pair(SCHED(MEET("m0001", "09:00", "09:30", "r1", "sme-1", "\"sme-2\"")),
                   SCHED(MEET("m0001", "09:00", "09:30", "r9", "sme-9", "\"inv-a\"") ","
                         MEET("m0002", "09:10", "09:40", "r1", "sme-1", "\"inv-a\"")));
    rs_diag *d = rs_diag_new();
    df = NULL;
    assert_int_equal(rs_diff_load(f.old_path, f.new_path, ev, &df, d), RS_EINPUT);
    assert_null(df);
    char want[4][512];
    snprintf(want[0], sizeof want[0], "%s: meetings[0].investors[0]: \"sme-2\" is an SME, "
             "not an investor", f.old_path);
    snprintf(want[1], sizeof want[1], "%s: meetings[0].room: unknown room \"r9\"", f.new_path);
    snprintf(want[2], sizeof want[2], "%s: meetings[0].sme: unknown SME \"sme-9\"", f.new_path);
    snprintf(want[3], sizeof want[3], "%s: meetings[1].start: 09:10 on 2023-05-18 is not the "
             "start of a slot of the event", f.new_path);
    for (int i = 0; i < 4; i++)
        if (tu_diag_find(d, want[i]) < 0) {
            tu_diag_print(d, "  ");
            fail_msg("missing: %s", want[i]);
        }
    assert_int_equal(rs_diag_count(d), 4);
    rs_diag_free(d);
    files_free(&f);
    rs_event_free(ev);
    tu_rmtree(evdir);
    free(evdir);
}

/* Group pitches: a panel that changed is "changed" for the SME and for an
 * investor who stayed, dropped for one who left, added for one who joined. */
static void test_group_changed(void **state)
{
    (void)state;
    files f = write_pair(SCHED(MEET("m0001", "09:00", "09:30", "r1", "sme-1",
                                    "\"inv-a\", \"inv-b\"")),
                         SCHED(MEET("m0001", "09:30", "10:00", "r1", "sme-1",
                                    "\"inv-c\", \"inv-a\"")));
    rs_diff *df = load_ok(&f, NULL);
    rs_diff_counts c;
    rs_diff_get_counts(df, &c);
    assert_int_equal(c.changed, 1);
    assert_int_equal(c.kept + c.moved + c.added + c.dropped, 0);
    assert_int_equal(c.participants, 4);
    char *text = rs_diff_text(df);
    const char *s1[] = {"  changed  inv-a,inv-c  2023-05-18 09:00-09:30 r1 -> 2023-05-18 "
                        "09:30-10:00 r1; panel +inv-c -inv-b\n"};
    expect_block(text, "sme-1", s1, 1);
    const char *a[] = {"  changed  sme-1  "};
    expect_block(text, "inv-a", a, 1);
    const char *b[] = {"  dropped  sme-1  2023-05-18 09:00-09:30 r1\n"};
    expect_block(text, "inv-b", b, 1);
    const char *cc[] = {"  added    sme-1  2023-05-18 09:30-10:00 r1\n"};
    expect_block(text, "inv-c", cc, 1);
    free(text);
    char *json = rs_diff_json(df);
    cJSON *root = cJSON_Parse(json);
    const cJSON *ch = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "changes"), 0);
    assert_string_equal(str(ch, "change"), "changed");
    const cJSON *joined = cJSON_GetObjectItemCaseSensitive(ch, "joined");
    const cJSON *left = cJSON_GetObjectItemCaseSensitive(ch, "left");
    assert_int_equal(cJSON_GetArraySize(joined), 1);
    assert_string_equal(cJSON_GetArrayItem(joined, 0)->valuestring, "inv-c");
    assert_int_equal(cJSON_GetArraySize(left), 1);
    assert_string_equal(cJSON_GetArrayItem(left, 0)->valuestring, "inv-b");
    cJSON_Delete(root);
    free(json);
    rs_diff_free(df);
    files_free(&f);
}

/* The same schedule twice: everything kept, nobody affected. */
static void test_identical(void **state)
{
    (void)state;
    files f = write_pair(OLD_MAIN, OLD_MAIN);
    rs_diff *df = load_ok(&f, NULL);
    rs_diff_counts c;
    rs_diff_get_counts(df, &c);
    assert_int_equal(c.kept, 4);
    assert_int_equal(c.participants, 0);
    char *text = rs_diff_text(df);
    assert_string_equal(text, "0 added, 0 dropped, 0 moved, 0 changed, 4 kept; "
                              "0 participants affected\n");
    free(text);
    rs_diff_free(df);
    files_free(&f);
}

/* Broken files: both are read, every problem is reported with the path as
 * given and the JSON path; a missing file is RS_EIO. */
static void test_bad_inputs(void **state)
{
    (void)state;
    files f = write_pair("{\"meetings\": [" MEET("m1", "09:00", "08:30", "r1", "sme-1",
                                                 "\"inv-a\", \"inv-a\"") ", 7]}",
                         "{\"format_version\": 2, \"meetings\": [{\"date\": \"2023-02-30\","
                         " \"start\": \"09:00\", \"end\": \"09:30\", \"sme\": \"sme-1\","
                         " \"investors\": []}]}");
    rs_diag *d = rs_diag_new();
    rs_diff *df = NULL;
    assert_int_equal(rs_diff_load(f.old_path, f.new_path, NULL, &df, d), RS_EINPUT);
    assert_null(df);
    const char *parts[][2] = {
        {"old", ": meetings[0].end: the meeting ends before it starts"},
        {"old", ": meetings[0].investors[1]: \"inv-a\" is listed twice"},
        {"old", ": meetings[1]: "},
        {"new", ": format_version: unsupported format version"},
        {"new", ": meetings[0].date: "},
        {"new", ": meetings[0].room: "},
        {"new", ": meetings[0].investors: a meeting needs at least one investor"},
    };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        char want[512];
        snprintf(want, sizeof want, "%s%s", parts[i][0][0] == 'o' ? f.old_path : f.new_path,
                 parts[i][1]);
        if (tu_diag_find(d, want) < 0) {
            tu_diag_print(d, "  ");
            fail_msg("missing: %s", want);
        }
    }
    rs_diag_free(d);

    /* syntax error with line and column; a file that is not there */
    tu_write_file(f.old_path, "{\"meetings\": [\n  {,}\n]}");
    char *missing = tu_path(f.dir, "missing.json");
    d = rs_diag_new();
    assert_int_equal(rs_diff_load(f.old_path, missing, NULL, &df, d), RS_EINPUT);
    assert_true(tu_diag_find(d, f.old_path) >= 0);
    assert_true(tu_diag_find(d, ": 2:") >= 0); /* line 2, then the column */
    assert_true(tu_diag_find(d, missing) >= 0);
    rs_diag_free(d);
    d = rs_diag_new();
    assert_int_equal(rs_diff_load(f.new_path, missing, NULL, &df, d), RS_EINPUT);
    rs_diag_free(d);
    tu_write_file(f.old_path, OLD_MAIN);
    d = rs_diag_new();
    assert_int_equal(rs_diff_load(f.old_path, missing, NULL, &df, d), RS_EIO);
    assert_true(tu_diag_find(d, missing) >= 0);
    rs_diag_free(d);
    free(missing);
    files_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_text), cmocka_unit_test(test_json),
        cmocka_unit_test(test_with_event),      cmocka_unit_test(test_group_changed),
        cmocka_unit_test(test_identical),       cmocka_unit_test(test_bad_inputs),
    };
    int fail = cmocka_run_group_tests_name("diff", tests, NULL, NULL);
    rs_cleanup();
    return fail;
}
