/*
 * export_schema.c - writes the JSON Schemas of the inputs and of
 * schedule.json into OUT_DIR/schemas/, next to the schedule they describe.
 *
 * The schemas live in the repository's schemas/ folder and are embedded
 * into the library at build time (tools/embed.c -> build/gen/schemas.c), so
 * what a run writes is byte for byte the repository's files and needs
 * nothing installed.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Writes every embedded schema to out_dir/schemas/NAME, creating the
 * folder; each file is replaced whole or left as it was.  Stops at the
 * first failure, which the diag names with the path and strerror. */
static rs_code write_schema(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                            rs_diag *diag)
{
    rs_code rc = RS_OK;
    char *dir = rs_path_join(out_dir, "schemas");
    char *path = NULL;
    (void)ev;
    (void)s;
    if (!dir) {
        rs_diag_add(diag, "%s/schemas: out of memory", out_dir);
        rc = RS_ENOMEM;
        goto done;
    }
    if (rs_mkdir_p(dir) != 0) {
        rs_diag_add(diag, "%s: cannot create the schemas folder: %s", dir, strerror(errno));
        rc = RS_EIO;
        goto done;
    }
    for (const rs_embedded_file *f = rs_schema_files; f->name; f++) {
        free(path);
        path = rs_path_join(dir, f->name);
        if (!path) {
            rs_diag_add(diag, "%s/%s: out of memory", dir, f->name);
            rc = RS_ENOMEM;
            goto done;
        }
        rc = rs_write_file_atomic(path, (const char *)f->data, f->len, diag);
        if (rc != RS_OK)
            goto done;
    }
done:
    free(path);
    free(dir);
    return rc;
}

const rs_exporter rs_export_schema = {"schema", write_schema};
