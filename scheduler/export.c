/*
 * export.c - writes every output format into the output folder.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <string.h>

static const rs_exporter *const EXPORTERS[] = {&rs_export_json, NULL};

/* Creates out_dir, then runs each exporter; stops at the first failure so
 * the diag says which file could not be written.  Each file is replaced
 * whole or left as it was. */
rs_code rs_write_outputs(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                         rs_diag *diag)
{
    if (rs_mkdir_p(out_dir) != 0) {
        rs_diag_add(diag, "%s: cannot create the output folder: %s", out_dir,
                    strerror(errno));
        return RS_EIO;
    }
    for (const rs_exporter *const *e = EXPORTERS; *e; e++) {
        rs_code rc = (*e)->write(ev, s, out_dir, diag);
        if (rc != RS_OK)
            return rc;
    }
    return RS_OK;
}
