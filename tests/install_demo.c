/* A program built against the installed library through pkg-config: it
 * schedules an event and prints the objective, as a user's tool would. */
#include <roadshow.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2)
        return 1;
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    rs_schedule *s = NULL;
    int code = 1;
    if (rs_event_load(argv[1], &ev, d) == RS_OK) {
        rs_options o;
        rs_options_init(&o);
        o.quiet = 1;
        if (rs_solve(ev, &o, &s, d) == RS_OK) {
            rs_schedule_info info;
            rs_schedule_info_get(ev, s, &info);
            printf("%s %g\n", info.status, info.objective);
            code = 0;
        }
    }
    for (size_t i = 0; i < rs_diag_count(d); i++)
        fprintf(stderr, "%s\n", rs_diag_message(d, i));
    rs_schedule_free(s);
    rs_event_free(ev);
    rs_diag_free(d);
    rs_cleanup();
    return code;
}
