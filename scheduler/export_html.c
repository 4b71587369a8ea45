/* export_html.c - placeholder until the html exporter lands (writes nothing). */
#include "internal.h"

static rs_code write_html(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                        rs_diag *diag)
{
    (void)ev; (void)s; (void)out_dir; (void)diag;
    return RS_OK;
}

const rs_exporter rs_export_html = {"html", write_html};
