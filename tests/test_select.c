/*
 * test_select.c - the bounds of the relaxations are true upper bounds.
 *
 * The solver reports the least of the selection relaxation's bound and the
 * pattern bound as the schedule's bound, and calls a schedule optimal when
 * it reaches it; a bound below the optimum would make that claim false.
 * So:
 *   - on every hand-worked case of tests/data/opt both bounds are at least
 *     the known optimum; on the idle case (where the idle floor is the
 *     whole difference) the selection's is exactly the optimum; on the
 *     away-day case (no investor there on the first day) the selection
 *     sees that the day's rooms hold nothing (a shortfall at least); on the
 *     scarce-room case (one room for a third of the SMEs' minimum
 *     meetings) and the scarce-big-room case (one room large enough for
 *     the two-person teams) the selection's is exactly the optimum; on the
 *     lunch-break case (idle slots forced by people competing for the
 *     slots around a break, which no idle floor sees) the pattern bound is
 *     exactly the optimum and the selection's is not;
 *   - on 40 small random events (idle-heavy: few slots, breaks, consecutive
 *     limits, partial availability, two venues with travel) whose optimum
 *     GLPK's branch and cut proves on the direct model alone, neither
 *     bound is ever below that optimum; the idle floor tightens the
 *     selection's bound on some, and the pattern bound tightens it on some;
 *   - on 40 small random events whose one room holds fewer meetings than
 *     the SMEs' minimums, no bound below the proven optimum either;
 *   - when the first flow of a large event cannot finish, the bound left
 *     for the fallback (the separable one) holds and is close;
 *   - the pattern bound declines (claims nothing) past its column budget
 *     and in group format;
 *   - the Lagrangian rounds continued in a child process give the same
 *     bound as in the caller's;
 *   - where the venues open at different hours, the floors that see the
 *     travel a participant alone cannot avoid make both bounds exactly
 *     the optimum on a hand-worked day, and on random small events stay
 *     above every proven optimum while tightening some.
 */
#include "testutil.h"

#include "model.h"

/* Selection bound of an event (RS_OK expected). */
static double select_bound(const rs_event *ev)
{
    rs_selection sel;
    rs_code rc = rs_select(ev, 5000, rs_now() + 5, NULL, &sel);
    assert_int_equal(rc, RS_OK);
    free(sel.order);
    return sel.bound;
}

/* Pattern bound of an event: 1 with *b when it was built and solved.
 * The same relaxation by Lagrangian relaxation (rs_pattern_lagrange) is
 * checked beside it: never below opt (an optimum proven otherwise), and,
 * where neither a gap cap nor a gap weight applies, never below the LP's
 * optimum, which every multiplier bounds (the LP has no caps, and counts
 * gaps only where a consecutive limit makes it track runs; the
 * Lagrangian paths keep the caps and count every gap). */
static double lagrange_bound(const rs_event *ev, double opt)
{
    double lb;
    long rounds = 0;
    assert_int_equal(
        rs_pattern_lagrange(ev, opt, HUGE_VAL, rs_now() + 0.5, NULL, &lb, &rounds, NULL, 0, NULL),
        RS_OK);
    if (lb < opt - 1e-6)
        print_error("Lagrangian bound %g below the optimum %g\n", lb, opt);
    assert_true(lb >= opt - 1e-6);
    assert_true(rounds >= 1);
    return lb;
}

static int pattern_bound(const rs_event *ev, double *b, double opt)
{
    long cols, rows;
    if (rs_pattern_bound(ev, 1000000L, rs_now() + 20, NULL, b, &cols, &rows) != RS_OK) {
        /* peer pairs: the LP declines, the Lagrangian counts people per
         * slot against twice the rooms */
        if (ev->npairs_io < ev->npairs)
            lagrange_bound(ev, opt);
        return 0;
    }
    double lb = lagrange_bound(ev, opt);
    int same = !ev->gap_cap && ev->w.idle_gap == 0;
    if (same && lb < *b - 1e-6)
        print_error("Lagrangian bound %g below the pattern LP's %g\n", lb, *b);
    assert_true(!same || lb >= *b - 1e-6);
    return 1;
}

/* The optimum of ev proven by GLPK's branch and cut on the direct model
 * alone (no other bound takes part, unlike rs_solve, which stops at the
 * bounds tested here): 1 with *opt when proven within 3 s, else 0. */
static int direct_optimum(const rs_event *ev, double *opt)
{
    rs_model m;
    memset(&m, 0, sizeof m);
    assert_int_equal(rs_model_build(ev, NULL, &m), RS_OK);
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.presolve = GLP_ON;
    ip.tm_lim = 3000;
    int ret = glp_intopt(m.lp, &ip);
    int ok = ret == 0 && glp_mip_status(m.lp) == GLP_OPT;
    if (ok) /* GLPK's value carries its tolerance: 24.0000001 for 24 */
        *opt = glp_mip_obj_val(m.lp) - 1e-6;
    rs_model_free(&m);
    return ok;
}

static void test_opt_cases_bounded(void **state)
{
    (void)state;
    char *root = tu_path(tu_data_dir(), "opt");
    size_t n = 0;
    char **names = tu_list_dirs(root, &n);
    assert_non_null(names);
    assert_true(n >= 5);
    for (size_t i = 0; i < n; i++) {
        char *dir = tu_path(root, names[i]);
        char *ep = tu_path(dir, "expected");
        double expected = tu_read_number(ep);
        rs_event *ev = tu_load_ok(dir);
        double b = select_bound(ev);
        if (b < expected)
            print_error("%s: bound %g below the optimum %g\n", names[i], b, expected);
        assert_true(b >= expected);
        if (strcmp(names[i], "idle") == 0)
            assert_true(b == expected); /* the idle floor closes the gap */
        if (strcmp(names[i], "scarce-room") == 0 || strcmp(names[i], "scarce-big-room") == 0)
            assert_true(b == expected); /* a room-slot priced at a minimum meeting */
        if (strcmp(names[i], "away-day") == 0)
            assert_true(b < 0); /* the rooms of the day nobody comes count for nothing
                                   (counted, all four SMEs would meet: 8) */
        double pb;
        if (ev->npairs_io < ev->npairs) { /* peer pairs: the pattern bound declines */
            assert_false(pattern_bound(ev, &pb, expected));
            rs_event_free(ev);
            free(ep);
            free(dir);
            continue;
        }
        assert_true(pattern_bound(ev, &pb, expected)); /* every case is small */
        if (pb < expected)
            print_error("%s: pattern bound %g below the optimum %g\n", names[i], pb, expected);
        assert_true(pb >= expected);
        if (strcmp(names[i], "lunch-break") == 0) {
            assert_true(pb == expected); /* the slots around the break */
            assert_true(b > expected);   /* which no idle floor sees */
        }
        rs_event_free(ev);
        free(ep);
        free(dir);
    }
    tu_free_list(names);
    free(root);
}

static uint64_t rng = 88172645463325252ull;

static int below(int n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (int)(rng % (uint64_t)n);
}

/* Appends printf text to a fixed buffer (the events are small). */
static void put(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(char *buf, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
}

/* A random small event: 2-3 investors, 3-4 SMEs, one or two days of 4-6
 * slots (half of them less one for a break), two venues 40 minutes apart,
 * rooms of 2-3 seats. */
static rs_event *random_event(int scarce)
{
    static char ej[8192], ij[8192], sj[8192];
    const char *sect[] = {"a", "b", "c"};
    int ndays = 1 + below(2), nslots = 4 + below(3), ni = 2 + below(2),
        ns = scarce ? 4 + below(3) : 3 + below(2);
    ej[0] = ij[0] = sj[0] = '\0';
    put(ej, sizeof ej, "{\"name\":\"r\",\"timezone\":\"UTC\",\"slot_minutes\":30,\"days\":[");
    for (int d = 0; d < ndays; d++) {
        put(ej, sizeof ej, "%s{\"date\":\"2024-01-0%d\",\"start\":\"09:00\",\"end\":\"%02d:%02d\"",
            d ? "," : "", d + 1, 9 + nslots / 2, nslots % 2 ? 30 : 0);
        if (below(2)) { /* a break of half an hour after the second or third slot */
            int at = below(2);
            put(ej, sizeof ej, ",\"breaks\":[{\"start\":\"10:%s\",\"end\":\"1%s\"}]",
                at ? "30" : "00", at ? "1:00" : "0:30");
        }
        put(ej, sizeof ej, "}");
    }
    put(ej, sizeof ej, "],\"venues\":[{\"id\":\"v1\",\"name\":\"V1\"},{\"id\":\"v2\",\"name\":\"V2\"}],"
                       "\"travel_minutes\":[{\"from\":\"v1\",\"to\":\"v2\",\"minutes\":40}],"
                       "\"rooms\":[{\"id\":\"r1\",\"name\":\"R1\",\"venue\":\"v1\",\"capacity\":%d}%s],"
                       "\"sectors\":[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\",\"name\":\"B\"},"
                       "{\"id\":\"c\",\"name\":\"C\"}],"
                       "\"rules\":{\"sme_min_meetings\":%d,\"max_consecutive_meetings\":%d},"
                       "\"weights\":{\"idle_slot\":%d,\"min_meetings_shortfall\":%d},"
                       "\"solver\":{\"time_limit_seconds\":20}}",
        2 + below(2),
        scarce ? "" : ",{\"id\":\"r2\",\"name\":\"R2\",\"venue\":\"v2\",\"capacity\":2}",
        scarce ? 2 : below(2), 1 + below(3), 1 + below(4), scarce ? 10 + below(40) : 3 + below(10));
    put(ij, sizeof ij, "[");
    for (int i = 0; i < ni; i++) {
        put(ij, sizeof ij, "%s{\"id\":\"i%d\",\"name\":\"I%d\",\"sectors\":{\"a\":%d,\"b\":%d,\"c\":%d}",
            i ? "," : "", i, i, 1 + below(5), 1 + below(5), 1 + below(5));
        if (below(2))
            put(ij, sizeof ij, ",\"unavailable\":[{\"date\":\"2024-01-01\",\"start\":\"%02d:%s\","
                               "\"end\":\"%02d:%s\"}]", 9 + below(2), below(2) ? "00" : "30",
                11, "00");
        put(ij, sizeof ij, "}");
    }
    put(ij, sizeof ij, "]");
    put(sj, sizeof sj, "[");
    for (int s = 0; s < ns; s++) {
        put(sj, sizeof sj, "%s{\"id\":\"s%d\",\"name\":\"S%d\",\"sectors\":[\"%s\"]", s ? "," : "",
            s, s, sect[below(3)]);
        if (below(3) == 0)
            put(sj, sizeof sj, ",\"team_size\":2");
        put(sj, sizeof sj, "}");
    }
    put(sj, sizeof sj, "]");
    return tu_load_strings(ej, ij, sj);
}

/* Same event, idle weight zero: the bound without idle slots. */
static void test_random_events_bounded(void **state)
{
    (void)state;
    int proven = 0, tighter = 0, pattern_tighter = 0;
    for (int t = 0; t < 40; t++) {
        rs_event *ev = random_event(0);
        assert_non_null(ev);
        double opt;
        if (direct_optimum(ev, &opt)) { /* events not proven in 3 s are skipped */
            proven++;
            double b = select_bound(ev);
            if (b < opt)
                print_error("event %d: bound %g below the proven optimum %g\n", t, b, opt);
            assert_true(b >= opt);
            double pb;
            assert_true(pattern_bound(ev, &pb, opt));
            if (pb < opt)
                print_error("event %d: pattern bound %g below the proven optimum %g\n", t, pb,
                            opt);
            assert_true(pb >= opt);
            pattern_tighter += pb < b;
            double w = ev->w.idle_slot;
            ev->w.idle_slot = 0;
            double b0 = select_bound(ev);
            ev->w.idle_slot = w;
            assert_true(b <= b0);
            tighter += b < b0;
        }
        rs_event_free(ev);
    }
    print_message("      %d of 40 optima proven; the idle floor tightened %d bounds, the "
                  "pattern bound %d\n", proven, tighter, pattern_tighter);
    assert_true(proven >= 20); /* most prove in well under a second */
    assert_true(tighter >= 1);
    assert_true(pattern_tighter >= 1);
}

/* Frees ev (loaded, else the test fails) after checking, when GLPK
 * proves its optimum on the direct model, that the selection bound is not
 * below it (what names the event in a failure, t its number); adds the
 * excess to *slack and |optimum| + 1 to *range.  With pattern_tighter,
 * the pattern bound too (it must apply), counting there the events where
 * it is below the selection's.  Returns 1 when proven. */
static int bounded(rs_event *ev, const char *what, int t, double *slack, double *range,
                   int *pattern_tighter)
{
    assert_non_null(ev);
    double opt;
    int proven = direct_optimum(ev, &opt);
    if (proven) {
        double b = select_bound(ev);
        if (b < opt)
            print_error("%s %d: bound %g below the proven optimum %g\n", what, t, b, opt);
        assert_true(b >= opt);
        *slack += b - opt;
        *range += fabs(opt) + 1;
        double pb;
        if (ev->npairs_io < ev->npairs) /* peer pairs: the Lagrangian alone */
            assert_false(pattern_bound(ev, &pb, opt));
        if (pattern_tighter) {
            assert_true(pattern_bound(ev, &pb, opt));
            if (pb < opt)
                print_error("%s %d: pattern bound %g below the proven optimum %g\n", what, t,
                            pb, opt);
            assert_true(pb >= opt);
            *pattern_tighter += pb < b - 1e-9;
        }
    }
    rs_event_free(ev);
    return proven;
}

/* Events whose one room holds fewer meetings than the SMEs' minimums
 * (two each, a shortfall penalty of 10 to 49): the room multiplier that
 * makes the flow respect the room-slots is about the penalty, which its
 * subgradient steps need many solves to reach; the separable bound
 * beside it (select.c) gets there in one pass per step.  Neither may be
 * below the proven optimum, and on these the bound ends close to it. */
static void test_scarce_rooms_bounded(void **state)
{
    (void)state;
    int proven = 0;
    double slack = 0, range = 0;
    for (int t = 0; t < 40; t++) {
        proven += bounded(random_event(1), "scarce event", t, &slack, &range, NULL);
    }
    print_message("      %d of 40 optima proven; bounds above them by %.1f in all "
                  "(%.1f%% of the optima's size)\n", proven, slack, 100 * slack / range);
    assert_true(proven >= 20);
}

/* On events of 100,000 candidate pairs or more the flow is flow.c's,
 * which stops at the deadline; when even its first solve does not finish
 * the selection has no flow bound, and the separable bound, which needs
 * no flow, is the one it leaves for the fallback.  300 investors and 400
 * SMEs all of one sector (120,000 pairs scoring 2), one room and two slots,
 * each SME wanting one meeting: two meetings at most, 398 short whatever
 * happens, so every schedule is worth at most 2 x 2 - 100 x 398 = -39,796
 * (that one exists).  With the deadline already past the flow stops at
 * once, and the bound left behind must hold that schedule and be close to
 * it (the side bound the fallback had alone counts 400 meetings). */
static void test_fallback_bound(void **state)
{
    (void)state;
    size_t cap = 64 * 1024;
    char *ij = malloc(cap), *sj = malloc(cap);
    assert_non_null(ij);
    assert_non_null(sj);
    ij[0] = sj[0] = '\0';
    put(ij, cap, "[");
    for (int i = 0; i < 300; i++)
        put(ij, cap, "%s{\"id\":\"i%d\",\"name\":\"I%d\",\"sectors\":{\"a\":1}}", i ? "," : "",
            i, i);
    put(ij, cap, "]");
    put(sj, cap, "[");
    for (int j = 0; j < 400; j++)
        put(sj, cap, "%s{\"id\":\"s%d\",\"name\":\"S%d\",\"sectors\":[\"a\"]}", j ? "," : "",
            j, j);
    put(sj, cap, "]");
    rs_event *ev = tu_load_strings(
        "{\"name\":\"f\",\"timezone\":\"UTC\",\"slot_minutes\":30,"
        "\"days\":[{\"date\":\"2024-01-01\",\"start\":\"09:00\",\"end\":\"10:00\"}],"
        "\"rooms\":[{\"id\":\"r1\"}],\"sectors\":[{\"id\":\"a\"}],"
        "\"rules\":{\"sme_min_meetings\":1,\"sme_max_meetings\":1}}",
        ij, sj);
    free(ij);
    free(sj);
    assert_non_null(ev);
    assert_true(ev->npairs >= 100000);
    rs_selection sel;
    rs_code rc = rs_select(ev, 1000, rs_now() - 1, NULL, &sel);
    assert_int_equal(rc, RS_ENOSOLUTION);
    assert_null(sel.order);
    print_message("      bound without a flow: %g (the optimum -39796)\n", sel.bound);
    assert_true(sel.bound >= -39796);
    assert_true(sel.bound <= -39000);
    rs_event_free(ev);
}

/* People there for part of a day make a stretch of slots hold fewer
 * meetings than its rooms: one room and five slots, investor A there all
 * day and investor B only in the first slot, nobody meeting more than two
 * in a row, five SMEs wanting one meeting each.  Every slot has a room and
 * someone to fill it, and A and B hold 4 + 1 places, so counts per slot
 * and per person allow five meetings; but slots 2 to 5 hold at most 3 of
 * A's (B is gone), so the day holds 4: one SME short whatever happens.
 * The best schedule meets four SMEs (8 points) with one idle slot of A's
 * and one shortfall: -93.  The selection bound must see the window. */
static void test_window_cap(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(
        "{\"name\":\"w\",\"timezone\":\"UTC\",\"slot_minutes\":30,"
        "\"days\":[{\"date\":\"2024-01-01\",\"start\":\"09:00\",\"end\":\"11:30\"}],"
        "\"rooms\":[{\"id\":\"r1\"}],\"sectors\":[{\"id\":\"a\"}],"
        "\"rules\":{\"sme_min_meetings\":1,\"sme_max_meetings\":1,"
        "\"max_consecutive_meetings\":2}}",
        "[{\"id\":\"A\",\"name\":\"A\",\"sectors\":{\"a\":1}},"
        "{\"id\":\"B\",\"name\":\"B\",\"sectors\":{\"a\":1},\"available\":"
        "[{\"date\":\"2024-01-01\",\"start\":\"09:00\",\"end\":\"09:30\"}]}]",
        "[{\"id\":\"s1\",\"name\":\"S1\",\"sectors\":[\"a\"]},"
        "{\"id\":\"s2\",\"name\":\"S2\",\"sectors\":[\"a\"]},"
        "{\"id\":\"s3\",\"name\":\"S3\",\"sectors\":[\"a\"]},"
        "{\"id\":\"s4\",\"name\":\"S4\",\"sectors\":[\"a\"]},"
        "{\"id\":\"s5\",\"name\":\"S5\",\"sectors\":[\"a\"]}]");
    assert_non_null(ev);
    rs_selection sel;
    assert_int_equal(rs_select(ev, 10000, rs_now() + 10, NULL, &sel), RS_OK);
    free(sel.order);
    print_message("      selection bound %g (the optimum -93)\n", sel.bound);
    assert_true(sel.bound >= -93 - 1e-9);
    assert_true(sel.bound <= -90);
    rs_schedule *sc = tu_solve_ok(ev, RS_STRATEGY_AUTO);
    assert_true(tu_check_ok(ev, sc) == -93);
    rs_schedule_free(sc);
    rs_event_free(ev);
}

/* The pattern bound claims nothing where it does not apply: past its
 * column budget, and in group format (one SME meets several investors
 * at once, so the per-slot counts of the two sides differ). */
static void test_pattern_declines(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "opt/lunch-break");
    rs_event *ev = tu_load_ok(dir);
    double b = 0;
    long cols = 0, rows = 0;
    assert_int_equal(rs_pattern_bound(ev, 20, rs_now() + 5, NULL, &b, &cols, &rows),
                     RS_ENOSOLUTION);
    assert_int_equal(rs_pattern_bound(ev, 1000000L, rs_now() + 5, NULL, &b, &cols, &rows),
                     RS_OK);
    assert_true(b == 52 && cols > 0 && rows > 0);
    rs_event_free(ev);
    free(dir);
    dir = tu_path(tu_data_dir(), "group/capacity");
    ev = tu_load_ok(dir);
    assert_int_equal(rs_pattern_bound(ev, 1000000L, rs_now() + 5, NULL, &b, &cols, &rows),
                     RS_ENOSOLUTION);
    rs_event_free(ev);
    free(dir);
}

/* A random small event where gaps cost (0 to 5 points) or are capped:
 * one day of 5-7 slots (half of them with a break), one or two tables;
 * peer = 1: 4-6 businesses and no investors, each asking for up to three
 * others; peer = 0: 2 investors and 3-4 SMEs of one sector (the flow's
 * path).  A third of the participants are away an hour, a third capped at
 * 0 or 1 gap. */
/* Closes business k's object in buf after nr draws of peer requests
 * (each to another of the ns businesses, once, a third of them high). */
static void put_requests(char *buf, size_t cap, int k, int ns, int nr)
{
    int first = 1, asked = 0;
    for (int r = 0; r < nr; r++) {
        int o = below(ns);
        if (o == k || (asked >> o & 1))
            continue;
        asked |= 1 << o;
        put(buf, cap, "%s{\"sme\":\"s%d\",\"priority\":\"%s\"}",
            first ? ",\"requests\":[" : ",", o, below(3) == 0 ? "high" : "normal");
        first = 0;
    }
    put(buf, cap, "%s}", first ? "" : "]");
}

/* An "available" window of 2024-01-01 in half-hour slots from 09:00 that
 * starts in the day's first half and ends in its second (of nslots). */
static void put_across(char *buf, size_t cap, int nslots)
{
    int from = 540 + 30 * below(nslots / 2);
    int to = 540 + 30 * (nslots / 2 + 1 + below(nslots - nslots / 2));
    put(buf, cap, ",\"available\":[{\"date\":\"2024-01-01\",\"start\":\"%02d:%02d\","
                  "\"end\":\"%02d:%02d\"}]", from / 60, from % 60, to / 60, to % 60);
}

static rs_event *random_gap_event(int peer)
{
    static char ej[4096], ij[4096], sj[8192];
    int nslots = 5 + below(3), ns = peer ? 4 + below(3) : 3 + below(2), ni = peer ? 0 : 2;
    ej[0] = ij[0] = sj[0] = '\0';
    put(ej, sizeof ej, "{\"name\":\"g\",\"timezone\":\"UTC\",\"slot_minutes\":30,\"days\":["
                       "{\"date\":\"2024-01-01\",\"start\":\"09:00\",\"end\":\"%02d:%02d\"%s}],"
                       "\"rooms\":[{\"id\":\"t1\"}%s],\"sectors\":[{\"id\":\"a\"}],"
                       "\"rules\":{\"max_consecutive_meetings\":%d},"
                       "\"weights\":{\"idle_slot\":%d,\"idle_gap\":%d}}",
        9 + nslots / 2, nslots % 2 ? 30 : 0,
        below(2) ? ",\"breaks\":[{\"start\":\"10:00\",\"end\":\"10:30\"}]" : "",
        below(2) ? ",{\"id\":\"t2\"}" : "", 2 + below(3), below(3), below(6));
    const char *away = ",\"unavailable\":[{\"date\":\"2024-01-01\",\"start\":\"10:00\","
                       "\"end\":\"11:00\"}]";
    put(ij, sizeof ij, "[");
    for (int i = 0; i < ni; i++)
        put(ij, sizeof ij, "%s{\"id\":\"i%d\",\"name\":\"I\",\"sectors\":{\"a\":%d}%s%s}",
            i ? "," : "", i, 1 + below(5), below(3) == 0 ? away : "",
            below(3) == 0 ? (below(2) ? ",\"max_idle_gaps\":0" : ",\"max_idle_gaps\":1") : "");
    put(ij, sizeof ij, "]");
    put(sj, sizeof sj, "[");
    for (int k = 0; k < ns; k++) {
        put(sj, sizeof sj, "%s{\"id\":\"s%d\",\"name\":\"S\",\"sectors\":[\"a\"]%s%s", k ? "," : "",
            k, below(3) == 0 ? away : "",
            below(3) == 0 ? (below(2) ? ",\"max_idle_gaps\":0" : ",\"max_idle_gaps\":1") : "");
        put_requests(sj, sizeof sj, k, ns, peer ? below(4) : 0);
    }
    put(sj, sizeof sj, "]");
    return tu_load_strings(ej, ij, sj);
}

/* Random events whose gaps cost or are capped, with peer pairs (the
 * selection LP) and without (the flow): the selection bound, which
 * charges each participant its floor of idle slots and gaps and keeps it
 * within its gap cap (rs_gap_floor), may never be below an optimum
 * GLPK proves on the direct model. */
static void test_gap_events_bounded(void **state)
{
    (void)state;
    for (int peer = 0; peer < 2; peer++) {
        int proven = 0, pattern_tighter = 0;
        double slack = 0, range = 0;
        for (int t = 0; t < 40; t++) {
            proven += bounded(random_gap_event(peer), peer ? "brokerage gap event" :
                              "investor gap event", t, &slack, &range,
                              peer ? NULL : &pattern_tighter);
        }
        print_message("      %s: %d of 40 optima proven; bounds above them by %.1f in all\n",
                      peer ? "brokerage days" : "investor days", proven, slack);
        assert_true(proven >= 20);
        if (!peer) { /* the pattern bound counts gaps (pattern.c): it does better on some */
            print_message("      investor days: the pattern bound below the selection's on %d\n",
                          pattern_tighter);
            assert_true(pattern_tighter >= 1);
        }
    }
}

/* The child's least value, once its rounds have converged, must be the
 * bound the rounds gave in the caller's process (here), and never below
 * the optimum; frees the child. */
static void child_agrees(const rs_event *ev, rs_lr_child *child, double here, double opt,
                         const char *what, int t)
{
    assert_non_null(child);
    double v = rs_lr_child_finish(child, rs_now() + 30);
    rs_lr_child_free(child);
    assert_true(v < HUGE_VAL);
    if (rs_safe_bound(ev, v) != here)
        print_error("event %d: %s: the child's bound %g, the caller's %g\n", t, what,
                    rs_safe_bound(ev, v), here);
    assert_true(rs_safe_bound(ev, v) == here);
    assert_true(v >= opt - 1e-6);
}

/* The relaxation's rounds continued in a child process, as a run's caps
 * phase continues them beside its search when its share of the time
 * runs out (pattern_lr.c): cut short before its first round, the child
 * walks the same rounds the caller would have, so its least value is the
 * bound the rounds give in the caller's process, and never below an
 * optimum GLPK proves.  The same for the rounds for the bound alone
 * (rs_pattern_lagrange_beside), as a run without gap caps starts them
 * after its annealing, every round in the child. */
static void test_lagrange_child(void **state)
{
    (void)state;
    if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
        print_message("      one processor: no child is started\n");
        return;
    }
    int checked = 0;
    for (int t = 0; t < 12; t++) {
        rs_event *ev = random_gap_event(t % 2);
        assert_non_null(ev);
        double opt, here = 0, cut = 0;
        long rounds = 0;
        rs_lr_child *child = NULL;
        if (direct_optimum(ev, &opt)) {
            assert_int_equal(rs_pattern_lagrange(ev, opt, HUGE_VAL, rs_now() + 30, NULL, &here,
                                                 &rounds, NULL, 0, NULL),
                             RS_OK);
            /* the deadline already past: no round here, all in the child */
            assert_int_equal(rs_pattern_lagrange(ev, opt, HUGE_VAL, rs_now(), NULL, &cut,
                                                 &rounds, NULL, rs_now() + 30, &child),
                             RS_ENOSOLUTION);
            assert_int_equal(rounds, 0);
            child_agrees(ev, child, here, opt, "continued", t);
            /* for the bound alone: no target, no bound known (it never gives up) */
            assert_int_equal(rs_pattern_lagrange(ev, -HUGE_VAL, HUGE_VAL, rs_now() + 30, NULL,
                                                 &here, &rounds, NULL, 0, NULL),
                             RS_OK);
            child_agrees(ev, rs_pattern_lagrange_beside(ev, HUGE_VAL, rs_now() + 30), here, opt,
                         "beside", t);
            checked++;
        }
        rs_event_free(ev);
    }
    print_message("      %d events' rounds continued in a child\n", checked);
    assert_true(checked >= 6);
}

/* A brokerage morning of six slots: business a is away 10:00-11:00 and
 * asked for b, c and d (5 each); a gap costs 4, an idle slot nothing.  Two
 * of a's meetings fit before or after its absence, the third costs a gap
 * (optimum 15 - 4 = 11); with a capped at no gap it keeps two (10).  A
 * selection without the floor of idle slots and gaps (rs_gap_floor) gave
 * 15 for both. */
static void test_gap_floor(void **state)
{
    (void)state;
    static const char *const ej =
        "{ \"name\": \"gap floor\", \"timezone\": \"UTC\", \"slot_minutes\": 30,"
        "  \"days\": [ { \"date\": \"2024-01-01\", \"start\": \"09:00\", \"end\": \"12:00\" } ],"
        "  \"rooms\": [ { \"id\": \"t1\" }, { \"id\": \"t2\" } ],"
        "  \"sectors\": [ { \"id\": \"b2b\" } ],"
        "  \"weights\": { \"idle_slot\": 0, \"idle_gap\": 4 } }";
    for (int capped = 0; capped < 2; capped++) {
        char sj[1024];
        snprintf(sj, sizeof sj,
                 "[ { \"id\": \"a\", \"name\": \"A\", \"sectors\": [ \"b2b\" ]%s,"
                 "    \"unavailable\": [ { \"date\": \"2024-01-01\", \"start\": \"10:00\","
                 "                         \"end\": \"11:00\" } ],"
                 "    \"requests\": [ { \"sme\": \"b\" }, { \"sme\": \"c\" }, { \"sme\": \"d\" } ] },"
                 "  { \"id\": \"b\", \"name\": \"B\", \"sectors\": [ \"b2b\" ] },"
                 "  { \"id\": \"c\", \"name\": \"C\", \"sectors\": [ \"b2b\" ] },"
                 "  { \"id\": \"d\", \"name\": \"D\", \"sectors\": [ \"b2b\" ] } ]",
                 capped ? ", \"max_idle_gaps\": 0" : "");
        rs_event *ev = tu_load_strings(ej, "[]", sj);
        assert_non_null(ev);
        double opt, b = select_bound(ev);
        assert_true(direct_optimum(ev, &opt));
        print_message("      %s: selection bound %g, optimum %g\n",
                      capped ? "no gap allowed" : "a gap costs 4", b, opt + 1e-6);
        assert_true(fabs(opt + 1e-6 - (capped ? 10 : 11)) < 1e-6);
        assert_true(fabs(b - (capped ? 10 : 11)) < 1e-9);
        rs_event_free(ev);
    }
}

/* The travel-aware floor (rs_gap_floor with rs_travel_binds): a day of
 * 09:00-14:00 with a half-hour lunch at 12:00, venue A's room open in the
 * morning only and venue B's after lunch only, an hour apart.  Investor
 * i, there from 11:00 to 13:30 (slots 11:00, 11:30, 12:30, 13:00), is
 * asked for by three SMEs (7 points each, idle slots cost 1): two
 * meetings at A, then one at B at 13:00 after the hour's travel, 12:30
 * idle (optimum 20), where a floor blind to travel saw three meetings and
 * no idle slot (21).  There only from 11:30 to 13:00 it can hold one
 * meeting, not two (optimum 7, 14 before).  With a business asking three
 * others instead (peer pairs of 5 points, the selection LP) the bound is
 * again the optimum (14 and 5). */
static void test_travel_floor(void **state)
{
    (void)state;
    static const char *const ej =
        "{ \"name\": \"parks\", \"timezone\": \"UTC\", \"slot_minutes\": 30,"
        "  \"days\": [ { \"date\": \"2024-01-01\", \"start\": \"09:00\", \"end\": \"14:00\","
        "                \"breaks\": [ { \"start\": \"12:00\", \"end\": \"12:30\" } ] } ],"
        "  \"venues\": [ { \"id\": \"A\" }, { \"id\": \"B\" } ],"
        "  \"travel_minutes\": [ { \"from\": \"A\", \"to\": \"B\", \"minutes\": 60 } ],"
        "  \"rooms\": [ { \"id\": \"ra\", \"venue\": \"A\", \"unavailable\": [ { \"date\":"
        "                 \"2024-01-01\", \"start\": \"12:30\", \"end\": \"14:00\" } ] },"
        "               { \"id\": \"rb\", \"venue\": \"B\", \"unavailable\": [ { \"date\":"
        "                 \"2024-01-01\", \"start\": \"09:00\", \"end\": \"12:00\" } ] } ],"
        "  \"sectors\": [ { \"id\": \"x\" } ] }";
    static const double expect[2][2] = {{20, 7}, {14, 5}}; /* a peer request: 5 points */
    for (int peer = 0; peer < 2; peer++)
        for (int late = 0; late < 2; late++) {
            char ij[512], sj[1024];
            const char *from = late ? "11:30" : "11:00", *to = late ? "13:00" : "13:30";
            if (!peer) {
                snprintf(ij, sizeof ij,
                         "[ { \"id\": \"i\", \"name\": \"I\", \"sectors\": { \"x\": 1 },"
                         "    \"available\": [ { \"date\": \"2024-01-01\", \"start\": \"%s\","
                         "                       \"end\": \"%s\" } ] } ]", from, to);
                snprintf(sj, sizeof sj,
                         "[ { \"id\": \"a\", \"name\": \"A\", \"sectors\": [ \"x\" ],"
                         "    \"requests\": [ { \"investor\": \"i\" } ] },"
                         "  { \"id\": \"b\", \"name\": \"B\", \"sectors\": [ \"x\" ],"
                         "    \"requests\": [ { \"investor\": \"i\" } ] },"
                         "  { \"id\": \"c\", \"name\": \"C\", \"sectors\": [ \"x\" ],"
                         "    \"requests\": [ { \"investor\": \"i\" } ] } ]");
            } else {
                snprintf(ij, sizeof ij, "[]");
                snprintf(sj, sizeof sj,
                         "[ { \"id\": \"i\", \"name\": \"I\", \"sectors\": [ \"x\" ],"
                         "    \"available\": [ { \"date\": \"2024-01-01\", \"start\": \"%s\","
                         "                       \"end\": \"%s\" } ],"
                         "    \"requests\": [ { \"sme\": \"a\" }, { \"sme\": \"b\" },"
                         "                    { \"sme\": \"c\" } ] },"
                         "  { \"id\": \"a\", \"name\": \"A\", \"sectors\": [ \"x\" ] },"
                         "  { \"id\": \"b\", \"name\": \"B\", \"sectors\": [ \"x\" ] },"
                         "  { \"id\": \"c\", \"name\": \"C\", \"sectors\": [ \"x\" ] } ]",
                         from, to);
            }
            rs_event *ev = tu_load_strings(ej, ij, sj);
            assert_non_null(ev);
            double opt, b = select_bound(ev);
            assert_true(direct_optimum(ev, &opt));
            for (int k = 0; k < ev->nvenues * ev->nvenues; k++)
                ev->travel[k] = 0;
            double blind = select_bound(ev);
            print_message("      %s, there %s-%s: selection bound %g (%g blind to travel), "
                          "optimum %g\n", peer ? "businesses" : "investor", from, to, b, blind,
                          opt + 1e-6);
            double want = expect[peer][late];
            assert_true(fabs(opt + 1e-6 - want) < 1e-6);
            assert_true(fabs(b - want) < 1e-6);
            assert_true(blind > b + 0.5);
            rs_event_free(ev);
        }
}

/* Random small events whose two venues open at different hours (the
 * first's room for the first part of each day, the second's for the
 * rest, an overlap of a slot or none), 30 to 90 minutes apart, idle
 * slots and sometimes gaps costing: the selection bound, whose floors now
 * see the travel a participant alone cannot avoid, and the pattern bound,
 * which takes the same floor in idle slots for those participants, may
 * never be below an optimum GLPK proves on the direct model (20 events of
 * each kind), and each tightens on some. */
static rs_event *random_travel_event(int peer)
{
    static char ej[4096], ij[4096], sj[8192];
    int nslots = 6 + below(3), ns = peer ? 4 + below(3) : 3 + below(2), ni = peer ? 0 : 2;
    int split = 2 + below(nslots - 3), overlap = below(2);
    ej[0] = ij[0] = sj[0] = '\0';
    /* slots from 09:00 every half hour; A closes after slot split (plus
     * one when they overlap), B opens at slot split */
    int a_end = 9 * 60 + 30 * (split + overlap), b_start = 9 * 60 + 30 * split;
    int day_end = 9 * 60 + 30 * nslots;
    put(ej, sizeof ej, "{\"name\":\"t\",\"timezone\":\"UTC\",\"slot_minutes\":30,\"days\":["
                       "{\"date\":\"2024-01-01\",\"start\":\"09:00\",\"end\":\"%02d:%02d\"}],"
                       "\"venues\":[{\"id\":\"A\"},{\"id\":\"B\"}],"
                       "\"travel_minutes\":[{\"from\":\"A\",\"to\":\"B\",\"minutes\":%d}],"
                       "\"rooms\":[{\"id\":\"ra\",\"venue\":\"A\",\"unavailable\":[{\"date\":"
                       "\"2024-01-01\",\"start\":\"%02d:%02d\",\"end\":\"%02d:%02d\"}]},"
                       "{\"id\":\"rb\",\"venue\":\"B\",\"unavailable\":[{\"date\":"
                       "\"2024-01-01\",\"start\":\"09:00\",\"end\":\"%02d:%02d\"}]}],"
                       "\"sectors\":[{\"id\":\"a\"}],"
                       "\"rules\":{\"max_consecutive_meetings\":%d},"
                       "\"weights\":{\"idle_slot\":%d,\"idle_gap\":%d}}",
        day_end / 60, day_end % 60, 30 + 15 * below(5), a_end / 60, a_end % 60, day_end / 60,
        day_end % 60, b_start / 60, b_start % 60, 2 + below(3), 1 + below(3),
        below(3) == 0 ? 1 + below(4) : 0);
    put(ij, sizeof ij, "[");
    for (int i = 0; i < ni; i++) {
        put(ij, sizeof ij, "%s{\"id\":\"i%d\",\"name\":\"I\",\"sectors\":{\"a\":%d}",
            i ? "," : "", i, 1 + below(5));
        put_across(ij, sizeof ij, nslots);
        put(ij, sizeof ij, "}");
    }
    put(ij, sizeof ij, "]");
    put(sj, sizeof sj, "[");
    for (int k = 0; k < ns; k++) {
        put(sj, sizeof sj, "%s{\"id\":\"s%d\",\"name\":\"S\",\"sectors\":[\"a\"]", k ? "," : "",
            k);
        if (peer && below(2)) /* a window across the venues' change, as the investors' */
            put_across(sj, sizeof sj, nslots);
        put_requests(sj, sizeof sj, k, ns, peer ? 1 + below(3) : 0);
    }
    put(sj, sizeof sj, "]");
    return tu_load_strings(ej, ij, sj);
}

static void test_travel_events_bounded(void **state)
{
    (void)state;
    for (int peer = 0; peer < 2; peer++) {
        int proven = 0, tighter = 0, pattern_tighter = 0;
        double slack = 0;
        for (int t = 0; t < 20; t++) {
            rs_event *ev = random_travel_event(peer);
            assert_non_null(ev);
            double opt;
            if (!direct_optimum(ev, &opt)) {
                rs_event_free(ev);
                continue;
            }
            proven++;
            double b = select_bound(ev);
            if (b < opt)
                print_error("%s travel event %d: bound %g below the proven optimum %g\n",
                            peer ? "business" : "investor", t, b, opt);
            assert_true(b >= opt);
            slack += b - opt;
            double pb = 0, pblind = 0;
            int pattern = !peer && pattern_bound(ev, &pb, opt); /* peer pairs: none */
            if (pattern && pb < opt)
                print_error("investor travel event %d: pattern bound %g below the proven "
                            "optimum %g\n", t, pb, opt);
            assert_true(!pattern || pb >= opt);
            for (int k = 0; k < ev->nvenues * ev->nvenues; k++)
                ev->travel[k] = 0;
            double blind = select_bound(ev);
            assert_true(b <= blind + 1e-9);
            tighter += b < blind - 1e-9;
            if (pattern) {
                assert_true(pattern_bound(ev, &pblind, opt));
                assert_true(pb <= pblind + 1e-9);
                pattern_tighter += pb < pblind - 1e-9;
            }
            rs_event_free(ev);
        }
        print_message("      %s: %d of 20 optima proven, bounds above them by %.1f in all; "
                      "travel tightened %d selection bounds, %d pattern bounds\n",
                      peer ? "businesses" : "investors", proven, slack, tighter, pattern_tighter);
        assert_true(proven >= 10);
        assert_true(tighter >= 1);
        assert_true(peer || pattern_tighter >= 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opt_cases_bounded),
        cmocka_unit_test(test_random_events_bounded),
        cmocka_unit_test(test_scarce_rooms_bounded),
        cmocka_unit_test(test_fallback_bound),
        cmocka_unit_test(test_window_cap),
        cmocka_unit_test(test_pattern_declines),
        cmocka_unit_test(test_gap_floor),
        cmocka_unit_test(test_gap_events_bounded),
        cmocka_unit_test(test_lagrange_child),
        cmocka_unit_test(test_travel_floor),
        cmocka_unit_test(test_travel_events_bounded),
    };
    int r = cmocka_run_group_tests(tests, NULL, NULL);
    rs_cleanup();
    return r;
}
