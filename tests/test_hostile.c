/*
 * test_hostile.c - every case of tests/data/hostile through the library,
 * loaded both from its folder (rs_event_load) and from memory
 * (rs_event_load_text, what the fuzzer drives).
 *
 * Each case's expect file (format in tests/data/README.md) gives the exit
 * code of `roadshow validate`: 0 means the event loads and its must
 * requests pass rs_event_precheck, 3 that it loads and the precheck finds
 * a clash, 2 that loading fails with every expected line in some message.
 * Both loaders must agree on the outcome and on every message, except the
 * "cannot read" lines of files that are missing or are folders, which
 * name the path.  Every message must be one line of valid UTF-8.
 */
#include "testutil.h"

#include "json_in.h"

static const char *const FILES[3] = {"event.json", "investors.json", "smes.json"};

/* Whether every message of d is one line of valid UTF-8 (what the command
 * line prints as one problem per line). */
static int one_line_utf8(const rs_diag *d)
{
    for (size_t i = 0; i < rs_diag_count(d); i++) {
        const unsigned char *m = (const unsigned char *)rs_diag_message(d, i);
        size_t n = strlen((const char *)m);
        for (size_t k = 0; k < n;) {
            size_t u = rs_utf8_len(m + k, n - k);
            if (u == 0 || m[k] == '\n' || m[k] == '\r') {
                print_error("not one line of UTF-8: %s\n", (const char *)m);
                return 0;
            }
            k += u;
        }
    }
    return 1;
}

/* Messages of d without the "cannot read" ones, in order. */
static size_t kept(const rs_diag *d, const char **out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < rs_diag_count(d) && n < cap; i++)
        if (!strstr(rs_diag_message(d, i), ": cannot read "))
            out[n++] = rs_diag_message(d, i);
    return n;
}

/* The validate exit code the case's expect file gives (-1 when absent). */
static int expected_validate(const char *expect)
{
    const char *v = strstr(expect, "\nvalidate ");
    if (!v && strncmp(expect, "validate ", 9) == 0)
        v = expect - 1;
    return v ? atoi(v + 10) : -1;
}

static void test_hostile_case(void **state)
{
    const char *dir = *state;
    char *expect_path = tu_path(dir, "expect");
    char *expect = tu_read_file(expect_path, NULL);
    assert_non_null(expect);
    int want = expected_validate(expect);
    assert_true(want == 0 || want == 2 || want == 3);

    rs_event *ev = NULL, *ev2 = NULL;
    rs_code rc;
    rs_diag *d = tu_load(dir, &ev, &rc);

    char *text[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0};
    for (int f = 0; f < 3; f++) {
        char *p = tu_path(dir, FILES[f]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
            text[f] = tu_read_file(p, &len[f]);
        free(p);
    }
    rs_diag *d2 = rs_diag_new();
    assert_non_null(d2);
    const char *const ctext[3] = {text[0], text[1], text[2]};
    rs_code rc2 = rs_event_load_text(ctext, len, &ev2, d2);

    if (want == 2) {
        if (rc != RS_EINPUT && rc != RS_EIO)
            tu_diag_print(d, "  diag: ");
        assert_true(rc == RS_EINPUT || rc == RS_EIO);
        assert_null(ev);
        /* every line that is not a comment or an exit code must appear */
        char *save = NULL;
        for (char *line = strtok_r(expect, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
            if (line[0] == '#' || line[0] == '\0' || strncmp(line, "validate ", 9) == 0 ||
                strncmp(line, "schedule ", 9) == 0)
                continue;
            if (tu_diag_find(d, line) < 0) {
                print_error("missing: %s\n", line);
                tu_diag_print(d, "  diag: ");
            }
            assert_true(tu_diag_find(d, line) >= 0);
        }
    } else {
        if (rc != RS_OK)
            tu_diag_print(d, "  diag: ");
        assert_int_equal(rc, RS_OK);
        rs_diag *clash = rs_diag_new();
        rs_code pc = rs_event_precheck(ev, clash);
        assert_int_equal(pc, want == 3 ? RS_EINFEASIBLE : RS_OK);
        assert_true(want == 0 || rs_diag_count(clash) > 0);
        rs_diag_free(clash);
    }
    /* the two loaders agree: outcome and messages */
    assert_int_equal(rc2, rc);
    assert_true((ev == NULL) == (ev2 == NULL));
    if (ev) {
        rs_summary a, b;
        rs_event_summary(ev, &a);
        rs_event_summary(ev2, &b);
        assert_memory_equal(&a, &b, sizeof a);
    }
    const char *m1[1100], *m2[1100];
    size_t n1 = kept(d, m1, 1100), n2 = kept(d2, m2, 1100);
    assert_int_equal(n1, n2);
    for (size_t i = 0; i < n1; i++)
        assert_string_equal(m1[i], m2[i]);
    assert_true(one_line_utf8(d));
    assert_true(one_line_utf8(d2));

    for (int f = 0; f < 3; f++)
        free(text[f]);
    rs_event_free(ev);
    rs_event_free(ev2);
    rs_diag_free(d);
    rs_diag_free(d2);
    free(expect);
    free(expect_path);
}

/* The cap on messages: a file with thousands of broken entries lists the
 * first RS_JIN_MAX_MESSAGES and then says how many more there are, counted
 * exactly. */
static void test_message_cap(void **state)
{
    (void)state;
    size_t n = 3000;
    rs_buf inv = {0};
    rs_buf_str(&inv, "[ { \"id\": \"i1\", \"name\": \"I\", \"sectors\": {");
    for (size_t k = 0; k < n; k++)
        rs_buf_fmt(&inv, "%s\"nope%zu\": 1", k ? ", " : "", k);
    rs_buf_str(&inv, "} } ]");
    assert_false(inv.oom);
    const char *ev_json =
        "{ \"name\": \"Cap\", \"timezone\": \"UTC\", \"slot_minutes\": 30,\n"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:00\" } ],\n"
        "  \"rooms\": [ { \"id\": \"r1\" } ], \"sectors\": [ { \"id\": \"s\" } ] }";
    const char *smes = "[ { \"id\": \"m1\", \"name\": \"M\", \"sectors\": [ \"s\" ] } ]";
    const char *const text[3] = {ev_json, inv.p, smes};
    const size_t len[3] = {strlen(ev_json), inv.n, strlen(smes)};
    rs_event *ev = NULL;
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_event_load_text(text, len, &ev, d), RS_EINPUT);
    assert_null(ev);
    assert_int_equal(rs_diag_count(d), RS_JIN_MAX_MESSAGES + 1);
    assert_non_null(strstr(rs_diag_message(d, 0), "investors.json: [0].sectors.nope0: "
                                                  "unknown sector \"nope0\""));
    char want[128];
    snprintf(want, sizeof want, "%zu more problems not listed (at most %d are)",
             n - RS_JIN_MAX_MESSAGES, RS_JIN_MAX_MESSAGES);
    assert_non_null(strstr(rs_diag_message(d, RS_JIN_MAX_MESSAGES), want));
    rs_diag_free(d);
    free(inv.p);
}

int main(void)
{
    int fail = tu_run_folder_tests("hostile inputs (tests/data/hostile)", "hostile",
                                   test_hostile_case, 60);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_message_cap),
    };
    fail |= cmocka_run_group_tests_name("limits", tests, NULL, NULL);
    rs_cleanup();
    return fail ? 1 : 0;
}
