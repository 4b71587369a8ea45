/*
 * testutil.h - small helpers shared by the cmocka tests.
 *
 * Every test file includes this header first.  It pulls in what cmocka
 * needs, the library's public and internal headers, and a handful of
 * static helpers: temporary event folders, loading with a diag, reading
 * files, solving with quiet options, and listing data folders.
 *
 * Data folders are found under tests/data relative to the current
 * directory (make test runs from the project root); set RS_TEST_DATA to
 * run the binaries from elsewhere.
 */
#ifndef RS_TESTUTIL_H
#define RS_TESTUTIL_H

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "roadshow.h"

#if defined(__GNUC__)
#define TU_UNUSED __attribute__((unused))
#else
#define TU_UNUSED
#endif

/* Time limit given to rs_solve in tests: the events are tiny, so this is
 * only a guard against a hang. */
#define TU_TIME_LIMIT 20.0

/* The folder holding the test data (tests/data unless RS_TEST_DATA). */
TU_UNUSED static const char *tu_data_dir(void)
{
    const char *d = getenv("RS_TEST_DATA");
    return d && d[0] ? d : "tests/data";
}

/* malloc'd "a/b"; aborts the test when out of memory. */
TU_UNUSED static char *tu_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Reads a whole file into a NUL-terminated malloc'd buffer; NULL when it
 * cannot be read.  *len (if not NULL) receives the byte count. */
TU_UNUSED static char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Writes text to path (replacing it); fails the test on error. */
TU_UNUSED static void tu_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    size_t n = strlen(text);
    assert_int_equal(fwrite(text, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Creates a fresh directory under /tmp; returns its malloc'd path. */
TU_UNUSED static char *tu_mkdtemp(void)
{
    char tmpl[] = "/tmp/roadshow-test.XXXXXX";
    char *d = mkdtemp(tmpl);
    assert_non_null(d);
    char *p = malloc(strlen(d) + 1);
    assert_non_null(p);
    strcpy(p, d);
    return p;
}

/* Creates a temporary event folder holding the three files; returns its
 * malloc'd path (remove with tu_rmtree, then free). */
TU_UNUSED static char *tu_event_dir(const char *event_json, const char *investors_json,
                                    const char *smes_json)
{
    char *dir = tu_mkdtemp();
    const char *names[3] = {"event.json", "investors.json", "smes.json"};
    const char *texts[3] = {event_json, investors_json, smes_json};
    for (int i = 0; i < 3; i++) {
        char *p = tu_path(dir, names[i]);
        tu_write_file(p, texts[i]);
        free(p);
    }
    return dir;
}

/* Removes a directory and what it holds (files and sub-folders). */
TU_UNUSED static void tu_rmtree(const char *dir)
{
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char *p = tu_path(dir, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                tu_rmtree(p);
            else
                unlink(p);
            free(p);
        }
        closedir(d);
    }
    rmdir(dir);
}

/* Loads an event; returns the diag (caller frees), *rc the result and
 * *ev the event (NULL unless RS_OK). */
TU_UNUSED static rs_diag *tu_load(const char *dir, rs_event **ev, rs_code *rc)
{
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    *rc = rs_event_load(dir, ev, d);
    return d;
}

/* Loads an event that must be valid; prints the diag and fails if not. */
TU_UNUSED static rs_event *tu_load_ok(const char *dir)
{
    rs_event *ev = NULL;
    rs_code rc;
    rs_diag *d = tu_load(dir, &ev, &rc);
    for (size_t i = 0; rc != RS_OK && i < rs_diag_count(d); i++)
        print_error("  %s\n", rs_diag_message(d, i));
    assert_int_equal(rc, RS_OK);
    assert_non_null(ev);
    assert_int_equal(rs_diag_count(d), 0);
    rs_diag_free(d);
    return ev;
}

/* Loads an event given as three JSON strings (through a temporary
 * folder, removed again before any assertion can stop the test); the event
 * must be valid. */
TU_UNUSED static rs_event *tu_load_strings(const char *event_json, const char *investors_json,
                                           const char *smes_json)
{
    char *dir = tu_event_dir(event_json, investors_json, smes_json);
    rs_event *ev = NULL;
    rs_diag *d = rs_diag_new();
    rs_code rc = d ? rs_event_load(dir, &ev, d) : RS_ENOMEM;
    tu_rmtree(dir);
    free(dir);
    for (size_t i = 0; rc != RS_OK && d && i < rs_diag_count(d); i++)
        print_error("  %s\n", rs_diag_message(d, i));
    size_t count = d ? rs_diag_count(d) : 0;
    rs_diag_free(d);
    assert_int_equal(rc, RS_OK);
    assert_non_null(ev);
    assert_int_equal(count, 0);
    return ev;
}

/* Solves with quiet options, the given strategy and the test time limit.
 * Returns the schedule (NULL on failure); *rc receives the result; the
 * diag receives the messages (may be NULL to discard them). */
TU_UNUSED static rs_schedule *tu_solve(const rs_event *ev, rs_strategy strategy, rs_code *rc,
                                       rs_diag *diag)
{
    rs_options o;
    rs_options_init(&o);
    o.quiet = 1;
    o.time_limit = TU_TIME_LIMIT;
    o.strategy = strategy;
    rs_schedule *s = NULL;
    rs_diag *own = diag ? NULL : rs_diag_new();
    *rc = rs_solve(ev, &o, &s, diag ? diag : own);
    rs_diag_free(own);
    return s;
}

/* Index of the first diag message containing needle, or -1. */
TU_UNUSED static long tu_diag_find(const rs_diag *d, const char *needle)
{
    for (size_t i = 0; i < rs_diag_count(d); i++)
        if (strstr(rs_diag_message(d, i), needle))
            return (long)i;
    return -1;
}

/* Prints every message of a diag (for failure reports). */
TU_UNUSED static void tu_diag_print(const rs_diag *d, const char *indent)
{
    for (size_t i = 0; i < rs_diag_count(d); i++)
        print_message("%s%s\n", indent, rs_diag_message(d, i));
}

/* rs_solve with the caller's options that must succeed: prints the diag
 * on failure, then fails the test unless the result is RS_OK with a
 * schedule (returned, caller frees). */
TU_UNUSED static rs_schedule *tu_solve_with_ok(const rs_event *ev, const rs_options *o)
{
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    rs_schedule *s = NULL;
    rs_code rc = rs_solve(ev, o, &s, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  diag: ");
    assert_int_equal(rc, RS_OK);
    assert_non_null(s);
    rs_diag_free(d);
    return s;
}

/* tu_solve that must succeed (tu_solve_with_ok with tu_solve's options). */
TU_UNUSED static rs_schedule *tu_solve_ok(const rs_event *ev, rs_strategy strategy)
{
    rs_options o;
    rs_options_init(&o);
    o.quiet = 1;
    o.time_limit = TU_TIME_LIMIT;
    o.strategy = strategy;
    return tu_solve_with_ok(ev, &o);
}

/* rs_check that must pass: prints the violations on failure, then fails
 * the test unless RS_OK.  Returns the objective the checker recomputed. */
TU_UNUSED static double tu_check_ok(const rs_event *ev, const rs_schedule *s)
{
    double obj = NAN;
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    rs_code rc = rs_check(ev, s, &obj, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  check: ");
    rs_diag_free(d);
    assert_int_equal(rc, RS_OK);
    return obj;
}

/* Drops the line holding "seconds" (wall-clock time in the stats), the one
 * part of schedule.json that may differ between two runs. */
TU_UNUSED static void tu_strip_seconds(char *text)
{
    char *p = strstr(text, "\"seconds\"");
    if (!p)
        return;
    char *start = p;
    while (start > text && start[-1] != '\n')
        start--;
    char *end = strchr(p, '\n');
    end = end ? end + 1 : p + strlen(p);
    memmove(start, end, strlen(end) + 1);
}


/* Checks that every line of the file at path (an "expect" file: one
 * substring per line, blank lines ignored) appears in some message of the
 * diag.  Prints each missing line and the diag; returns how many were
 * missing (-1 when the file cannot be read). */
TU_UNUSED static int tu_expect_lines(const rs_diag *d, const char *path)
{
    char *text = tu_read_file(path, NULL);
    if (!text) {
        print_error("cannot read %s\n", path);
        return -1;
    }
    int missing = 0, lines = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0)
            continue;
        lines++;
        if (tu_diag_find(d, line) < 0) {
            print_error("missing from the diag: %s\n", line);
            missing++;
        }
    }
    free(text);
    if (lines == 0) {
        print_error("%s holds no expected line\n", path);
        return -1;
    }
    if (missing)
        tu_diag_print(d, "  diag: ");
    return missing;
}

TU_UNUSED static int tu_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Lists the sub-folders of dir, sorted by name (NULL-terminated, malloc'd;
 * free with tu_free_list).  *n receives the count. */
TU_UNUSED static char **tu_list_dirs(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    size_t cap = 16, k = 0;
    char **v = malloc(cap * sizeof(char *));
    assert_non_null(v);
    if (!d) {
        print_error("cannot open %s: %s\n", dir, strerror(errno));
        v[0] = NULL;
        *n = 0;
        return v;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *p = tu_path(dir, e->d_name);
        struct stat st;
        int is_dir = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
        free(p);
        if (!is_dir)
            continue;
        if (k + 1 >= cap) {
            cap *= 2;
            char **nv = realloc(v, cap * sizeof(char *));
            assert_non_null(nv);
            v = nv;
        }
        v[k] = malloc(strlen(e->d_name) + 1);
        assert_non_null(v[k]);
        strcpy(v[k], e->d_name);
        k++;
    }
    closedir(d);
    qsort(v, k, sizeof(char *), tu_cmp_str);
    v[k] = NULL;
    *n = k;
    return v;
}

TU_UNUSED static void tu_free_list(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

/* One cmocka test per data folder: builds the test array for the folders
 * of tests/data/SUB, each test receiving the folder's path as its state.
 * Runs the group and frees everything; returns cmocka's result.  Fails
 * (returns 1) when fewer than min_cases folders exist. */
TU_UNUSED static int tu_run_folder_tests(const char *group, const char *sub,
                                         CMUnitTestFunction fn, size_t min_cases)
{
    char *root = tu_path(tu_data_dir(), sub);
    size_t n = 0;
    char **names = tu_list_dirs(root, &n);
    if (n < min_cases) {
        fprintf(stderr, "%s: %zu cases in %s, expected at least %zu\n", group, n, root,
                min_cases);
        tu_free_list(names);
        free(root);
        return 1;
    }
    struct CMUnitTest *tests = calloc(n, sizeof(struct CMUnitTest));
    char **paths = calloc(n, sizeof(char *));
    if (!tests || !paths) {
        free(tests);
        free(paths);
        tu_free_list(names);
        free(root);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        paths[i] = tu_path(root, names[i]);
        tests[i].name = names[i];
        tests[i].test_func = fn;
        tests[i].initial_state = paths[i];
    }
    int rc = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    free(tests);
    tu_free_list(names);
    free(root);
    return rc;
}

/* Reads a number from a one-line file (an "expected" objective). */
TU_UNUSED static double tu_read_number(const char *path)
{
    char *text = tu_read_file(path, NULL);
    assert_non_null(text);
    char *end;
    double v = strtod(text, &end);
    assert_true(end != text);
    while (*end == ' ' || *end == '\n' || *end == '\r' || *end == '\t')
        end++;
    assert_int_equal(*end, '\0');
    free(text);
    return v;
}

#endif /* RS_TESTUTIL_H */
