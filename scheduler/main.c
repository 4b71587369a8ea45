/*
 * main.c - the roadshow command line: a thin client of libroadshow.
 *
 * stdout carries a short human summary; problems and progress go to
 * stderr; results go to files.  Exit codes follow the contract.
 */
#define _POSIX_C_SOURCE 200809L
#include "roadshow.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The exit codes of the contract.  A library result becomes one through
 * exit_code; an output that cannot be written is CLI_OUTPUT. */
enum {
    CLI_OK = 0,
    CLI_USAGE = 1,       /* bad usage                                         */
    CLI_OUTPUT = 1,      /* an output file, folder or stdout cannot be written */
    CLI_INPUT = 2,       /* bad input, or an input that cannot be read         */
    CLI_CLASH = 3,       /* the hard rules clash                               */
    CLI_NO_SCHEDULE = 4, /* none found within the limits, or out of memory     */
    CLI_CHECK = 5        /* a schedule failed check                            */
};

static volatile sig_atomic_t interrupted;

/* SIGINT and SIGTERM during a solve: ask the solver to stop and keep the
 * best schedule so far.  The handler is installed with SA_RESETHAND, so a
 * second signal finds the default action and ends the process at once. */
static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static void usage(FILE *f)
{
    fputs("usage: roadshow schedule EVENT_DIR -o OUT_DIR [--time-limit S] [--gap G]\n"
          "                         [--strategy auto|direct|decompose] [--quiet]\n"
          "                         [--formats json,csv,ics,html,schema] [--memory-limit MB]\n"
          "                         [--previous OLD/schedule.json] [--write-model FILE.lp]\n"
          "                         [--single-process]\n"
          "       roadshow model EVENT_DIR -o FILE.lp\n"
          "       roadshow validate EVENT_DIR\n"
          "       roadshow check EVENT_DIR SCHEDULE.json [--previous OLD/schedule.json]\n"
          "       roadshow diff OLD.json NEW.json [-o DIFF.json] [--event EVENT_DIR]\n"
          "       roadshow --help | --version\n"
          "\n"
          "Schedules investor/SME meetings for an investment roadshow: reads\n"
          "EVENT_DIR/event.json, investors.json and smes.json, solves an integer\n"
          "program with GLPK and writes OUT_DIR/schedule.json.\n"
          "\n"
          "--write-model (before solving) and the model command (without solving)\n"
          "write that integer program in CPLEX LP format for other solvers: it\n"
          "maximises the schedule's objective itself (no constant dropped), so its\n"
          "optimum is the best objective any schedule can reach.\n"
          "\n"
          "--single-process keeps the whole solve in one process; by default, on\n"
          "a machine with a second processor, it runs some work beside its own in\n"
          "child processes.\n"
          "\n"
          "Exit codes: 0 success, 1 bad usage, 2 bad input, 3 hard rules clash,\n"
          "4 no schedule found in time, 5 a schedule failed check.\n"
          "SIGINT or SIGTERM stops a schedule run early: the best schedule so far\n"
          "is written (exit 0), or none was found (exit 4); a second one kills.\n",
          f);
}

/* Prints every message of the diag to stderr, one per line. */
static void print_diag(const rs_diag *d)
{
    for (size_t i = 0; i < rs_diag_count(d); i++)
        fprintf(stderr, "%s\n", rs_diag_message(d, i));
}

/* Maps a library result to the contract's exit codes: the one place that
 * does.  RS_EIO is an input that cannot be read (outputs that cannot be
 * written are CLI_OUTPUT at the call). */
static int exit_code(rs_code rc)
{
    switch (rc) {
    case RS_OK: return CLI_OK;
    case RS_EUSAGE: return CLI_USAGE;
    case RS_EINPUT: return CLI_INPUT;
    case RS_EINFEASIBLE: return CLI_CLASH;
    case RS_ENOSOLUTION: return CLI_NO_SCHEDULE;
    case RS_ECHECK: return CLI_CHECK;
    case RS_EIO: return CLI_INPUT;
    case RS_ENOMEM:
    case RS_ESOLVER: return CLI_NO_SCHEDULE; /* nothing could be produced */
    }
    return CLI_USAGE;
}

/* Reads a number option; returns -1 (usage) when it is not one. */
static int number_arg(const char *opt, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = s ? strtod(s, &end) : 0;
    if (!s || errno || end == s || *end || !isfinite(v) || v < lo || v > hi) {
        fprintf(stderr, "roadshow: %s needs a number from %g to %g\n", opt, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

/* Loads the event, printing every problem; returns the exit code. */
static int load_event(const char *dir, rs_event **ev, rs_diag *d)
{
    rs_code rc = rs_event_load(dir, ev, d);
    if (rc != RS_OK) {
        print_diag(d);
        fprintf(stderr, "roadshow: %s: %zu problem%s found\n", dir, rs_diag_count(d),
                rs_diag_count(d) == 1 ? "" : "s");
        return exit_code(rc);
    }
    return CLI_OK;
}

static int cmd_validate(int argc, char **argv)
{
    if (argc != 1) {
        usage(stderr);
        return CLI_USAGE;
    }
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    int code = load_event(argv[0], &ev, d);
    if (code == CLI_OK) {
        rs_summary s;
        rs_event_summary(ev, &s);
        rs_code rc = rs_event_precheck(ev, d);
        code = exit_code(rc);
        if (rc != RS_OK)
            print_diag(d);
        printf("%s: %s\n", argv[0],
               rc == RS_OK            ? "valid"
               : rc == RS_EINFEASIBLE ? "must requests clash (see above)"
                                      : "must requests not checked (see above)");
        printf("  participants     %d investors, %d SMEs\n", s.investors, s.smes);
        printf("  time             %d days, %d slots\n", s.days, s.slots);
        printf("  rooms            %d in %d venue%s, %ld room-slots\n", s.rooms, s.venues,
               s.venues == 1 ? "" : "s", s.room_slots);
        printf("  candidate pairs  %d\n", s.candidate_pairs);
        printf("  requests         %d (%d must)\n", s.requests, s.must_requests);
        printf("  capacity         investors %ld, SMEs %ld meetings; rooms %ld; "
               "SME minimum demand %ld\n", s.investor_capacity, s.sme_capacity,
               s.room_slots, s.min_demand);
        /* where demand exceeds supply: warnings on stdout, exit code unchanged */
        rs_diag *w = rs_diag_new();
        if (!w || rs_event_supply(ev, w) != RS_OK)
            fprintf(stderr, "roadshow: out of memory while comparing demand and supply\n");
        for (size_t i = 0; i < rs_diag_count(w); i++)
            printf("  warning          %s\n", rs_diag_message(w, i));
        rs_diag_free(w);
    }
    rs_event_free(ev);
    rs_diag_free(d);
    return code;
}

static int cmd_check(int argc, char **argv)
{
    const char *previous = NULL;
    if (argc == 4 && strcmp(argv[2], "--previous") == 0)
        previous = argv[3];
    else if (argc != 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    rs_schedule *s = NULL;
    int code = load_event(argv[0], &ev, d);
    if (code)
        goto done;
    rs_code rc = rs_schedule_load(ev, argv[1], &s, d);
    if (rc != RS_OK) {
        print_diag(d);
        code = exit_code(rc);
        goto done;
    }
    double obj = NAN;
    rc = rs_check(ev, s, &obj, d);
    if (previous) { /* rule 10 */
        rs_code rp = rs_check_previous(ev, s, previous, d);
        if (rp == RS_EINPUT || rp == RS_EIO || rp == RS_ENOMEM) {
            print_diag(d);
            code = exit_code(rp);
            goto done;
        }
        if (rp != RS_OK)
            rc = rp;
    }
    print_diag(d);
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    if (rc == RS_OK)
        printf("%s: OK: %d meetings obey every rule; objective %g\n", argv[1], info.meetings,
               obj);
    else
        printf("%s: %zu violation%s\n", argv[1], rs_diag_count(d),
               rs_diag_count(d) == 1 ? "" : "s");
    code = exit_code(rc);
done:
    rs_schedule_free(s);
    rs_event_free(ev);
    rs_diag_free(d);
    return code;
}

static int cmd_schedule(int argc, char **argv)
{
    rs_options o;
    rs_options_init(&o);
    const char *dir = NULL, *out = NULL, *formats = NULL, *model = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!v) {
                fprintf(stderr, "roadshow: %s needs a folder\n", a);
                return CLI_USAGE;
            }
            out = v;
            i++;
        } else if (strcmp(a, "--time-limit") == 0) {
            if (number_arg(a, v, 0.001, 604800, &o.time_limit))
                return CLI_USAGE;
            i++;
        } else if (strcmp(a, "--memory-limit") == 0) {
            double mb;
            if (number_arg(a, v, 1, 1048576, &mb))
                return CLI_USAGE;
            o.memory_limit_mb = (int)ceil(mb);
            i++;
        } else if (strcmp(a, "--single-process") == 0) {
            o.single_process = 1;
        } else if (strcmp(a, "--gap") == 0) {
            if (number_arg(a, v, 0, 1, &o.mip_gap))
                return CLI_USAGE;
            i++;
        } else if (strcmp(a, "--strategy") == 0) {
            if (v && strcmp(v, "auto") == 0)
                o.strategy = RS_STRATEGY_AUTO;
            else if (v && strcmp(v, "direct") == 0)
                o.strategy = RS_STRATEGY_DIRECT;
            else if (v && strcmp(v, "decompose") == 0)
                o.strategy = RS_STRATEGY_DECOMPOSE;
            else {
                fprintf(stderr, "roadshow: --strategy takes auto, direct or decompose\n");
                return CLI_USAGE;
            }
            i++;
        } else if (strcmp(a, "--formats") == 0) {
            if (!v) {
                fprintf(stderr, "roadshow: --formats needs a list such as json,csv\n");
                return CLI_USAGE;
            }
            formats = v;
            i++;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o.quiet = 1;
        } else if (strcmp(a, "--previous") == 0) {
            if (!v) {
                fprintf(stderr, "roadshow: --previous needs a schedule.json\n");
                return CLI_USAGE;
            }
            o.previous = v;
            i++;
        } else if (strcmp(a, "--write-model") == 0) {
            if (!v) {
                fprintf(stderr, "roadshow: --write-model needs a file name\n");
                return 1;
            }
            model = v;
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "roadshow: unknown option %s\n", a);
            usage(stderr);
            return CLI_USAGE;
        } else if (!dir) {
            dir = a;
        } else {
            fprintf(stderr, "roadshow: unexpected argument %s\n", a);
            return CLI_USAGE;
        }
    }
    if (!dir || !out) {
        fprintf(stderr, "roadshow: schedule needs EVENT_DIR and -o OUT_DIR\n");
        usage(stderr);
        return CLI_USAGE;
    }
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    rs_schedule *s = NULL;
    int code = CLI_OK;
    if (rs_formats_check(formats, d) != RS_OK) {
        print_diag(d);
        code = CLI_USAGE;
        goto done;
    }
    code = load_event(dir, &ev, d);
    if (code)
        goto done;
    if (model && rs_write_model(ev, model, d) != RS_OK) { /* before solving */
        print_diag(d);
        code = 1;
        goto done;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = (int)SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    o.interrupt = &interrupted;
    rs_code rc = rs_solve(ev, &o, &s, d);
    print_diag(d); /* on success: notes such as a memory limit reached */
    rs_diag_free(d);
    d = rs_diag_new();
    if (rc != RS_OK) {
        if (rc == RS_EINFEASIBLE)
            fprintf(stderr, "roadshow: the hard rules clash; nothing was written\n");
        else if (rc == RS_ENOSOLUTION && interrupted)
            fprintf(stderr, "roadshow: interrupted before any schedule was found; nothing "
                            "was written\n");
        else if (rc == RS_ENOSOLUTION)
            fprintf(stderr, "roadshow: no schedule found within the %s; nothing was "
                            "written\n", o.memory_limit_mb > 0 ? "limits" : "time limit");
        code = exit_code(rc);
        goto done;
    }
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    if (interrupted)
        fprintf(stderr, "roadshow: interrupted; writing the best schedule found so far "
                        "(%s, gap %.2f%%)\n", info.status, 100 * info.gap);
    /* a schedule is written only once an independent check passes */
    rc = rs_check(ev, s, NULL, d);
    if (rc != RS_OK) {
        print_diag(d);
        fprintf(stderr, "roadshow: the schedule failed its check; nothing was written\n");
        code = exit_code(rc);
        goto done;
    }
    rc = rs_write_formats(ev, s, out, formats, d);
    if (rc != RS_OK) {
        print_diag(d);
        code = CLI_OUTPUT;
        goto done;
    }
    printf("%s\n", rs_event_name(ev));
    if (rs_event_counts_gaps(ev))
        printf("  meetings    %d (%d idle slots, %d gaps)\n", info.meetings, info.idle_slots,
               info.idle_gaps);
    else
        printf("  meetings    %d (%d idle slots)\n", info.meetings, info.idle_slots);
    printf("  SMEs served %d of %d\n", info.smes_served, info.smes);
    printf("  requests    %d of %d met\n", info.requests_met, info.requests);
    printf("  shortfalls  %d participant%s below their minimum\n", info.shortfalls,
           info.shortfalls == 1 ? "" : "s");
    printf("  objective   %g  bound %g  gap %.2f%%  (%s)\n", info.objective, info.bound,
           100 * info.gap, info.status);
    if (info.previous && info.changed)
        printf("  previous    %d kept, %d moved, %d changed, %d dropped (%d of participants who "
               "left), %d added; move cost %g\n", info.kept, info.moved, info.changed,
               info.dropped, info.removed, info.added, info.move_cost);
    else if (info.previous)
        printf("  previous    %d kept, %d moved, %d dropped (%d of participants who left), "
               "%d added; move cost %g\n", info.kept, info.moved, info.dropped, info.removed,
               info.added, info.move_cost);
    printf("  seconds     %.1f\n", info.seconds);
    printf("  written     %s/schedule.json\n", out);
done:
    rs_schedule_free(s);
    rs_event_free(ev);
    rs_diag_free(d);
    return code;
}

/* roadshow model EVENT_DIR -o FILE.lp: writes the event's integer
 * program (rs_write_model) without solving.  0, 1 bad usage or a file
 * that cannot be written, 2 bad input. */
static int cmd_model(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "-o") != 0 && strcmp(argv[1], "--output") != 0)) {
        fprintf(stderr, "roadshow: model needs EVENT_DIR -o FILE.lp\n");
        usage(stderr);
        return 1;
    }
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    int code = load_event(argv[0], &ev, d);
    if (code == 0 && rs_write_model(ev, argv[2], d) != RS_OK) {
        print_diag(d);
        code = 1;
    }
    if (code == 0)
        printf("written     %s\n", argv[2]);
    rs_event_free(ev);
    rs_diag_free(d);
    return code;
}

/* roadshow diff OLD.json NEW.json [-o DIFF.json] [--event EVENT_DIR]: what
 * changed, per participant, on stdout; the same as JSON in DIFF.json when
 * asked.  Differences are not an error (exit 0); 1 bad usage or an output
 * that cannot be written, 2 a schedule (or the event) that cannot be read. */
static int cmd_diff(int argc, char **argv)
{
    const char *files[2] = {NULL, NULL}, *out = NULL, *dir = NULL;
    int nfiles = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
            strcmp(a, "--event") == 0) {
            if (!v) {
                fprintf(stderr, "roadshow: %s needs a %s\n", a,
                        a[2] == 'e' ? "folder" : "file");
                return CLI_USAGE;
            }
            if (a[2] == 'e')
                dir = v;
            else
                out = v;
            i++;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "roadshow: unknown option %s\n", a);
            usage(stderr);
            return CLI_USAGE;
        } else if (nfiles < 2) {
            files[nfiles++] = a;
        } else {
            fprintf(stderr, "roadshow: unexpected argument %s\n", a);
            return CLI_USAGE;
        }
    }
    if (nfiles != 2) {
        fprintf(stderr, "roadshow: diff needs OLD.json and NEW.json\n");
        usage(stderr);
        return CLI_USAGE;
    }
    rs_diag *d = rs_diag_new();
    rs_event *ev = NULL;
    rs_diff *df = NULL;
    char *text = NULL;
    int code = dir ? load_event(dir, &ev, d) : 0;
    if (code)
        goto done;
    rs_code rc = rs_diff_load(files[0], files[1], ev, &df, d);
    if (rc != RS_OK) {
        print_diag(d);
        fprintf(stderr, "roadshow: diff: %zu problem%s found\n", rs_diag_count(d),
                rs_diag_count(d) == 1 ? "" : "s");
        code = exit_code(rc);
        goto done;
    }
    text = rs_diff_text(df);
    if (!text) {
        fprintf(stderr, "roadshow: out of memory\n");
        code = exit_code(RS_ENOMEM);
        goto done;
    }
    if (out && rs_diff_write_json(df, out, d) != RS_OK) {
        print_diag(d);
        code = CLI_OUTPUT;
        goto done;
    }
    fputs(text, stdout);
done:
    free(text);
    rs_diff_free(df);
    rs_event_free(ev);
    rs_diag_free(d);
    return code;
}

static int run(int argc, char **argv);

/* Standard output is part of what a command gives (validate's summary,
 * diff's report, the schedule summary): a write to it that failed (a full
 * disk, /dev/full) must not end in success, or a report saved with "> FILE"
 * could be cut short unnoticed.  Flushes it and returns code, or 1 in place
 * of a success when any write failed, saying why on stderr.  Files the
 * command wrote before stay whole (they never go through stdout). */
static int finish_stdout(int code)
{
    errno = 0;
    int bad = fflush(stdout) != 0;
    int err = errno;
    bad = bad || ferror(stdout);
    if (!bad)
        return code;
    fprintf(stderr, "roadshow: standard output: %s\n",
            err ? strerror(err) : "a write failed");
    return code == CLI_OK ? CLI_OUTPUT : code;
}

int main(int argc, char **argv)
{
    int code = finish_stdout(run(argc, argv));
    rs_cleanup();
    return code;
}

/* Dispatches the command. */
static int run(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("roadshow %s\n", RS_VERSION);
        return CLI_OK;
    }
    if (strcmp(cmd, "schedule") == 0)
        return cmd_schedule(argc - 2, argv + 2);
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc - 2, argv + 2);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "diff") == 0)
        return cmd_diff(argc - 2, argv + 2);
    if (strcmp(cmd, "model") == 0)
        return cmd_model(argc - 2, argv + 2);
    fprintf(stderr, "roadshow: unknown command %s\n", cmd);
    usage(stderr);
    return CLI_USAGE;
}
