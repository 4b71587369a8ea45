/*
 * fuzz_event.c - libFuzzer target over the whole event reader and the
 * checks that run on a loaded event (make fuzz).
 *
 * An input is the three files of an event folder joined by the byte 0xFF
 * (which never occurs in UTF-8, so no valid file is lost by the split):
 * event.json 0xFF investors.json 0xFF smes.json [0xFF schedule.json].
 * Fewer parts mean missing files.  The three go through
 * rs_event_load_text, the same code as rs_event_load without the file
 * system; an event that loads also goes through rs_event_precheck,
 * rs_event_supply and rs_event_summary, and, when a fourth part is there,
 * it is written to a temporary folder (made once per process) and read
 * with rs_schedule_load and rs_check, as `roadshow check` and --previous
 * do.  Any crash, leak, sanitizer report or slow input is a finding.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEP 0xFF

/* Copies the n bytes at s into a new NUL-terminated buffer (the reader
 * wants text[len] == '\0'); NULL when out of memory. */
static char *dup_part(const uint8_t *s, size_t n)
{
    char *t = malloc(n + 1);
    if (t) {
        if (n)
            memcpy(t, s, n);
        t[n] = '\0';
    }
    return t;
}

/* Path of the schedule file the fourth part is written to: a folder made
 * on the first call and removed at exit.  NULL when it cannot be made. */
static char sched_dir[64], sched_path[96];

static void remove_sched_dir(void)
{
    unlink(sched_path);
    rmdir(sched_dir);
}

static const char *schedule_path(void)
{
    if (!sched_path[0]) {
        const char *tmp = getenv("TMPDIR");
        snprintf(sched_dir, sizeof sched_dir, "%.40s/fuzz-event.XXXXXX",
                 tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(sched_dir))
            return NULL;
        snprintf(sched_path, sizeof sched_path, "%s/schedule.json", sched_dir);
        atexit(remove_sched_dir);
    }
    return sched_path;
}

/* Reads the schedule text (n bytes at s) for ev and checks it. */
static void check_schedule(const rs_event *ev, const uint8_t *s, size_t n, rs_diag *diag)
{
    const char *path = schedule_path();
    FILE *f = path ? fopen(path, "wb") : NULL;
    if (!f)
        return;
    int ok = fwrite(s, 1, n, f) == n;
    if (fclose(f) != 0 || !ok)
        return;
    rs_schedule *sch = NULL;
    if (rs_schedule_load(ev, path, &sch, diag) == RS_OK) {
        double obj = 0;
        rs_check(ev, sch, &obj, diag);
    }
    rs_schedule_free(sch);
}

/* Loads the event the input describes and runs the checks on it.  Always
 * 0: findings are what the sanitizers and libFuzzer report. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0};
    size_t start = 0;
    rs_diag *diag = rs_diag_new();
    rs_event *ev = NULL;
    if (!diag)
        return 0;
    for (int f = 0; f < 3 && start <= size; f++) {
        const uint8_t *end = memchr(data + start, SEP, size - start);
        size_t n = end ? (size_t)(end - (data + start)) : size - start;
        text[f] = dup_part(data + start, n);
        len[f] = n;
        if (!text[f])
            goto done;
        start += n + 1;
    }
    const char *const ctext[3] = {text[0], text[1], text[2]};
    if (rs_event_load_text(ctext, len, &ev, diag) == RS_OK) {
        rs_summary sum;
        rs_event_summary(ev, &sum);
        rs_event_precheck(ev, diag);
        rs_event_supply(ev, diag);
        if (start <= size)
            check_schedule(ev, data + start, size - start, diag);
    }
    /* every message is one line of valid UTF-8, as the CLI prints it */
    for (size_t i = 0; i < rs_diag_count(diag); i++) {
        const char *m = rs_diag_message(diag, i);
        size_t n = strlen(m);
        for (size_t k = 0; k < n;) {
            size_t u = rs_utf8_len((const unsigned char *)m + k, n - k);
            if (u == 0 || m[k] == '\n')
                abort();
            k += u;
        }
    }
done:
    rs_event_free(ev);
    rs_diag_free(diag);
    for (int f = 0; f < 3; f++)
        free(text[f]);
    return 0;
}
