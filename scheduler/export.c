/*
 * export.c - writes the chosen output formats into the output folder.
 *
 * Each format lives in its own file behind rs_exporter; this table is the
 * only place that lists them.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <string.h>

static const rs_exporter *const EXPORTERS[] = {&rs_export_json, &rs_export_csv,
                                                &rs_export_ics, &rs_export_html,
                                                &rs_export_schema, NULL};

/* Whether name (len bytes) names an exporter; returns it or NULL. */
static const rs_exporter *find(const char *name, size_t len)
{
    for (const rs_exporter *const *e = EXPORTERS; *e; e++)
        if (strlen((*e)->name) == len && strncmp((*e)->name, name, len) == 0)
            return *e;
    return NULL;
}

/* Calls fn for each name of a comma-separated list (each non-empty). */
static int each_name(const char *list, int (*fn)(const char *, size_t, void *), void *ctx)
{
    const char *p = list;
    while (*p) {
        const char *q = strchr(p, ',');
        size_t n = q ? (size_t)(q - p) : strlen(p);
        if (fn(p, n, ctx) != 0)
            return -1;
        p += n + (q ? 1 : 0);
    }
    return 0;
}

static int check_one(const char *name, size_t n, void *ctx)
{
    if (n == 0 || !find(name, n)) {
        rs_diag_add(ctx, "--formats: unknown format \"%.*s\" (known: json, csv, ics, html, schema)",
                    (int)n, name);
        return -1;
    }
    return 0;
}

rs_code rs_formats_check(const char *formats, rs_diag *diag)
{
    if (!formats || !*formats)
        return RS_OK;
    return each_name(formats, check_one, diag) == 0 ? RS_OK : RS_EUSAGE;
}

/* Whether the list names e (NULL or "" names every format). */
static int wanted(const char *formats, const rs_exporter *e)
{
    if (!formats || !*formats)
        return 1;
    size_t n = strlen(e->name);
    for (const char *p = formats; (p = strstr(p, e->name)) != NULL; p += n)
        if ((p == formats || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Creates out_dir, then runs each chosen exporter; stops at the first
 * failure so the diag says which file could not be written.  The files are
 * written as one batch: all of them replaced whole, or (on a failure) all
 * left as they were. */
rs_code rs_write_formats(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                         const char *formats, rs_diag *diag)
{
    rs_code rc = rs_formats_check(formats, diag);
    if (rc != RS_OK)
        return rc;
    if (rs_mkdir_p(out_dir) != 0) {
        rs_diag_add(diag, "%s: cannot create the output folder: %s", out_dir,
                    strerror(errno));
        return RS_EIO;
    }
    rs_write_batch_begin();
    for (const rs_exporter *const *e = EXPORTERS; *e && rc == RS_OK; e++)
        if (wanted(formats, *e))
            rc = (*e)->write(ev, s, out_dir, diag);
    rs_code rc_end = rs_write_batch_end(rc == RS_OK, diag);
    return rc != RS_OK ? rc : rc_end;
}

rs_code rs_write_outputs(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                         rs_diag *diag)
{
    return rs_write_formats(ev, s, out_dir, NULL, diag);
}
