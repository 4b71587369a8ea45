/*
 * test_group.c - the group-pitch format against objectives worked out by
 * hand, and on larger generated events against the independent checker.
 *
 * Every folder of tests/data/group holds a small group event and either
 * "expected" (its optimal objective; the README derives it) or "expect"
 * (substrings of the explanation of why its must requests cannot hold).
 * A solvable case must be proved optimal at exactly that objective, pass
 * rs_check, read back from schedule.json at the same value, and give the
 * same bytes when solved twice.  An infeasible case must give
 * RS_EINFEASIBLE from rs_solve and from the pre-check alone.
 */
#include "testutil.h"
#include "group_heur.h"
#include "group_model.h"

/* Every meeting is a pitch: at least group_min_investors, people within
 * the room, score the sum of the pair scores. */
static void assert_pitches(const rs_event *ev, const rs_schedule *s)
{
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        assert_true(m->ninv >= ev->group_min_investors);
        int people = ev->p[m->sme].team_size;
        double score = 0;
        for (int j = 0; j < m->ninv; j++) {
            people += ev->p[m->inv[j]].team_size;
            score += rs_pair_score(ev, m->inv[j], m->sme, NULL, NULL, NULL);
        }
        assert_true(people <= ev->rooms[m->room].capacity);
        assert_true(fabs(score - m->score) < 1e-9);
    }
}

/* Writes s and reads schedule.json back: it passes the check at the
 * same objective.  Returns the text without the seconds line. */
static char *round_trip(const rs_event *ev, const rs_schedule *s)
{
    char *dir = tu_mkdtemp();
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_write_outputs(ev, s, dir, d), RS_OK);
    char *path = tu_path(dir, "schedule.json");
    char *text = tu_read_file(path, NULL);
    assert_non_null(text);
    rs_schedule *back = NULL;
    rs_code rc = rs_schedule_load(ev, path, &back, d);
    if (rc != RS_OK)
        tu_diag_print(d, "  load: ");
    assert_int_equal(rc, RS_OK);
    assert_int_equal(back->nm, s->nm);
    for (int i = 0; i < s->nm; i++)
        assert_int_equal(back->m[i].ninv, s->m[i].ninv);
    assert_true(tu_check_ok(ev, back) == s->objective);
    rs_schedule_free(back);
    rs_diag_free(d);
    free(path);
    tu_rmtree(dir);
    free(dir);
    tu_strip_seconds(text);
    return text;
}

static void solve_case(const char *dir)
{
    char *exp_path = tu_path(dir, "expected");
    double expected = tu_read_number(exp_path);
    free(exp_path);
    rs_event *ev = tu_load_ok(dir);
    assert_int_equal(ev->format, RS_FORMAT_GROUP);
    char *texts[2];
    for (int run = 0; run < 2; run++) {
        rs_schedule *s = tu_solve_ok(ev, RS_STRATEGY_AUTO);
        rs_schedule_info info;
        rs_schedule_info_get(ev, s, &info);
        if (strcmp(info.status, "optimal") != 0 || info.objective != expected)
            print_error("status %s objective %g bound %g, expected optimal %g\n", info.status,
                        info.objective, info.bound, expected);
        assert_string_equal(info.status, "optimal");
        assert_true(info.objective == expected);
        assert_true(info.bound == expected);
        assert_true(info.gap == 0);
        assert_true(s->nm > 0);
        assert_pitches(ev, s);
        assert_true(tu_check_ok(ev, s) == expected);
        texts[run] = round_trip(ev, s);
        rs_schedule_free(s);
    }
    assert_string_equal(texts[0], texts[1]);
    free(texts[0]);
    free(texts[1]);
    rs_event_free(ev);
}

static void infeasible_case(const char *dir)
{
    rs_event *ev = tu_load_ok(dir);
    rs_code rc;
    rs_diag *d = rs_diag_new();
    rs_schedule *s = tu_solve(ev, RS_STRATEGY_AUTO, &rc, d);
    assert_int_equal(rc, RS_EINFEASIBLE);
    assert_null(s);
    char *expect = tu_path(dir, "expect");
    assert_int_equal(tu_expect_lines(d, expect), 0);
    rs_diag_free(d);
    d = rs_diag_new();
    assert_int_equal(rs_event_precheck(ev, d), RS_EINFEASIBLE);
    assert_int_equal(tu_expect_lines(d, expect), 0);
    free(expect);
    rs_diag_free(d);
    rs_event_free(ev);
}

static void test_group_case(void **state)
{
    const char *dir = *state;
    char *readme = tu_path(dir, "README");
    assert_int_equal(access(readme, R_OK), 0); /* the derivation is written down */
    free(readme);
    char *exp_path = tu_path(dir, "expected");
    int solvable = access(exp_path, R_OK) == 0;
    free(exp_path);
    if (solvable)
        solve_case(dir);
    else
        infeasible_case(dir);
}

/* A group event built in code: n investors and m SMEs over sectors, with
 * a few must requests and avoids; with gaps, also a gap weight, at most
 * one gap each and high requests for the morning only (rules 11 and 12).
 * Returns the event (valid). */
static rs_event *generated_event(int ninv, int nsme, int gmin, int musts, int gaps)
{
    rs_buf e = {0}, inv = {0}, sme = {0};
    rs_buf_fmt(&e,
               "{ \"name\": \"generated\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
               "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"13:00\" } ],"
               "  \"venues\": [ { \"id\": \"v1\" }, { \"id\": \"v2\" } ],"
               "  \"travel_minutes\": [ { \"from\": \"v1\", \"to\": \"v2\", \"minutes\": 20 } ],"
               "  \"rooms\": [ { \"id\": \"h1\", \"venue\": \"v1\", \"capacity\": 6 },"
               "               { \"id\": \"h2\", \"venue\": \"v1\", \"capacity\": 5 },"
               "               { \"id\": \"h3\", \"venue\": \"v2\", \"capacity\": 7 } ],"
               "  \"sectors\": [ { \"id\": \"s0\" }, { \"id\": \"s1\" }, { \"id\": \"s2\" } ],"
               "  \"rules\": { \"format\": \"group\", \"group_min_investors\": %d,"
               "    \"sme_min_meetings\": 1, \"sme_max_meetings\": 2, \"investor_max_meetings\": 5,"
               "    \"max_consecutive_meetings\": 3%s }%s }",
               gmin, gaps ? ", \"max_idle_gaps\": 1" : "",
               gaps ? ", \"weights\": { \"idle_gap\": 3 }" : "");
    rs_buf_str(&inv, "[");
    for (int i = 0; i < ninv; i++)
        rs_buf_fmt(&inv, "%s{ \"id\": \"inv-%02d\", \"name\": \"I%d\", \"team_size\": %d,"
                         " \"sectors\": { \"s%d\": %d, \"s%d\": %d } }",
                   i ? "," : "", i, i, 1 + (i % 5 == 0), i % 3, 1 + i % 5, (i + 1) % 3,
                   1 + (i * 7) % 3);
    rs_buf_str(&inv, "]");
    rs_buf_str(&sme, "[");
    for (int s = 0; s < nsme; s++) {
        rs_buf_fmt(&sme, "%s{ \"id\": \"sme-%02d\", \"name\": \"S%d\", \"sectors\": [ \"s%d\" ]",
                   s ? "," : "", s, s, s % 3);
        if (s < musts)
            rs_buf_fmt(&sme, ", \"requests\": [ { \"investor\": \"inv-%02d\", \"priority\": "
                             "\"must\" } ]", (s * 5 + 1) % ninv);
        else if (gaps && s % 3 == 2)
            rs_buf_fmt(&sme, ", \"requests\": [ { \"investor\": \"inv-%02d\", \"priority\": "
                             "\"high\", \"windows\": [ { \"date\": \"2023-05-18\", \"start\": "
                             "\"09:00\", \"end\": \"11:00\" } ] } ]", (s * 3 + 2) % ninv);
        if (s % 4 == 1)
            rs_buf_fmt(&sme, ", \"avoid\": [ \"inv-%02d\" ]", (s + 2) % ninv);
        rs_buf_str(&sme, " }");
    }
    rs_buf_str(&sme, "]");
    assert_false(e.oom || inv.oom || sme.oom);
    rs_event *ev = tu_load_strings(e.p, inv.p, sme.p);
    free(e.p);
    free(inv.p);
    free(sme.p);
    return ev;
}

/* Generated events of growing size, without and with gaps and windows:
 * the schedule passes the independent check (rules 11 and 12 included),
 * its objective is the checker's, its bound is not below it, and every
 * must request is in some pitch. */
static void test_generated(void **state)
{
    (void)state;
    static const int sizes[][5] = {{6, 5, 2, 2, 0},  {12, 10, 3, 3, 0}, {20, 16, 2, 4, 0},
                                   {12, 10, 3, 3, 1}, {20, 16, 2, 4, 1}, {30, 40, 2, 6, 1}};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        rs_event *ev = generated_event(sizes[c][0], sizes[c][1], sizes[c][2], sizes[c][3],
                                       sizes[c][4]);
        rs_options o;
        rs_options_init(&o);
        o.quiet = 1;
        o.time_limit = sizes[c][4] ? 2 : 5;
        rs_schedule *s = tu_solve_with_ok(ev, &o);
        assert_pitches(ev, s);
        assert_true(fabs(tu_check_ok(ev, s) - s->objective) < 1e-9);
        assert_true(s->bound >= s->objective - 1e-9);
        assert_true(s->nm > 0);
        int panel_max = 0;
        for (int i = 0; i < s->nm; i++)
            if (s->m[i].ninv > panel_max)
                panel_max = s->m[i].ninv;
        assert_true(panel_max >= sizes[c][2]);
        rs_schedule_free(s);
        rs_event_free(ev);
    }
}

/* The bound needing no solver sees the shortfalls counts force: five
 * SMEs wanting two pitches each (10) where one room over three slots
 * holds three pitches leave at least 7 missing, whatever the schedule;
 * each investor hears at most three pitches, all pairs scoring alike.
 * The solve reaches that (three pitches of three investors: every
 * investor at its three), so the bound is the optimum and proven. */
static void test_trivial_bound_shortfalls(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(
        "{ \"name\": \"one room\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:30\" } ],"
        "  \"rooms\": [ { \"id\": \"hall\", \"capacity\": 10 } ],"
        "  \"sectors\": [ { \"id\": \"s0\" } ],"
        "  \"rules\": { \"format\": \"group\", \"group_min_investors\": 2,"
        "    \"sme_min_meetings\": 2, \"sme_max_meetings\": 2 },"
        "  \"weights\": { \"idle_slot\": 0 } }",
        "[ { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"s0\": 3 } },"
        "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"s0\": 3 } },"
        "  { \"id\": \"i3\", \"name\": \"I3\", \"sectors\": { \"s0\": 3 } } ]",
        "[ { \"id\": \"s1\", \"name\": \"S1\", \"sectors\": [ \"s0\" ] },"
        "  { \"id\": \"s2\", \"name\": \"S2\", \"sectors\": [ \"s0\" ] },"
        "  { \"id\": \"s3\", \"name\": \"S3\", \"sectors\": [ \"s0\" ] },"
        "  { \"id\": \"s4\", \"name\": \"S4\", \"sectors\": [ \"s0\" ] },"
        "  { \"id\": \"s5\", \"name\": \"S5\", \"sectors\": [ \"s0\" ] } ]");
    double pair = rs_pair_score(ev, 0, ev->ninv, NULL, NULL, NULL);
    double expected = 9 * pair - 7 * ev->w.min_meetings_shortfall;
    assert_true(fabs(rs_gm_trivial_bound(ev) - expected) < 1e-9);
    rs_schedule *s = tu_solve_ok(ev, RS_STRATEGY_AUTO);
    assert_true(fabs(tu_check_ok(ev, s) - expected) < 1e-9);
    assert_string_equal(s->status, "optimal");
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* Re-routing an investor's day changes several of its seats at once: i
 * (at most two pitches) hears A at 9:00 and B at 10:00, idle at 9:30
 * where C has room; leaving B and joining C closes the idle slot, which
 * neither one seat change alone does (joining C breaks i's maximum,
 * leaving B loses a pair score).  x and y, free of that maximum, join C
 * too, and z and w, in C only, hear A and B as well.  Every rule holds
 * after it, nobody is left idle, and the objective rose by exactly that. */
static void test_reroute(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(
        "{ \"name\": \"reroute\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:30\" } ],"
        "  \"rooms\": [ { \"id\": \"h1\", \"capacity\": 6 }, { \"id\": \"h2\", \"capacity\": 6 } ],"
        "  \"sectors\": [ { \"id\": \"s0\" } ],"
        "  \"rules\": { \"format\": \"group\", \"group_min_investors\": 2 },"
        "  \"weights\": { \"idle_slot\": 1 } }",
        "[ { \"id\": \"x\", \"name\": \"X\", \"sectors\": { \"s0\": 3 } },"
        "  { \"id\": \"y\", \"name\": \"Y\", \"sectors\": { \"s0\": 3 } },"
        "  { \"id\": \"z\", \"name\": \"Z\", \"sectors\": { \"s0\": 3 } },"
        "  { \"id\": \"w\", \"name\": \"W\", \"sectors\": { \"s0\": 3 } },"
        "  { \"id\": \"i\", \"name\": \"I\", \"sectors\": { \"s0\": 3 }, \"max_meetings\": 2 } ]",
        "[ { \"id\": \"a\", \"name\": \"A\", \"sectors\": [ \"s0\" ] },"
        "  { \"id\": \"b\", \"name\": \"B\", \"sectors\": [ \"s0\" ] },"
        "  { \"id\": \"c\", \"name\": \"C\", \"sectors\": [ \"s0\" ] } ]");
    int *cand = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    int *start = calloc((size_t)ev->nsme + 2, sizeof(int));
    assert_non_null(cand);
    assert_non_null(start);
    for (int c = 0, n = 0; c < ev->nsme; c++) {
        start[c] = n;
        for (int p = 0; p < ev->npairs; p++)
            if (rs_sme_col(ev, ev->pairs[p].sme) == c)
                cand[n++] = p;
        start[c + 1] = n;
    }
    rs_gt h;
    memset(&h, 0, sizeof h);
    assert_int_equal(rs_gt_init(&h, ev, cand, start), 0);
    int x = rs_find_participant(ev, "x"), y = rs_find_participant(ev, "y");
    int z = rs_find_participant(ev, "z"), w = rs_find_participant(ev, "w");
    int i = rs_find_participant(ev, "i");
    int a = rs_find_participant(ev, "a"), b = rs_find_participant(ev, "b");
    int c = rs_find_participant(ev, "c");
    const int ab[] = {x, y, i}, cp[] = {z, w};
    assert_true(rs_gt_add_pitch(&h, a, 0, 0, ab, 3) >= 0);
    int pb = rs_gt_add_pitch(&h, b, 2, 0, ab, 3);
    int pc = rs_gt_add_pitch(&h, c, 1, 1, cp, 2);
    assert_true(pb >= 0 && pc >= 0);
    assert_true(rs_gt_valid(&h));
    double before = rs_gt_objective(&h);
    assert_true(rs_gt_reroute(&h, rs_now() + 5, NULL) >= 3);
    assert_true(rs_gt_valid(&h));
    double pair = rs_group_pair_score(ev, x, a);
    /* x and y gain C's pair and lose their idle slot, i trades B for C
     * (one idle slot less), z and w hear A and B too */
    assert_true(fabs(rs_gt_objective(&h) - (before + 2 * (pair + 1) + 1 + 4 * pair)) < 1e-9);
    for (int p = 0; p < ev->ninv; p++)
        assert_int_equal(rs_idle_of(ev, h.busy + (size_t)p * (size_t)h.ns), 0);
    assert_int_equal(h.count[i], 2);
    assert_true(rs_gt_heard(&h, i, c));
    assert_int_equal(h.pt[pc].ninv, 5);
    rs_gt_free(&h);
    free(cand);
    free(start);
    rs_event_free(ev);
}

/* The candidate lists rs_gt_init takes: every pair of each SME column. */
static void all_candidates(const rs_event *ev, int **cand, int **start)
{
    *cand = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    *start = calloc((size_t)ev->nsme + 2, sizeof(int));
    assert_non_null(*cand);
    assert_non_null(*start);
    for (int c = 0, n = 0; c < ev->nsme; c++) {
        (*start)[c] = n;
        for (int p = 0; p < ev->npairs; p++)
            if (rs_sme_col(ev, ev->pairs[p].sme) == c)
                (*cand)[n++] = p;
        (*start)[c + 1] = n;
    }
}

/* Where the investors' seats are what keeps SMEs below their minimums,
 * a seat beyond a panel's minimum is priced at a pitch's share of the
 * shortfall, and the local search spends free seats on new pitches, not
 * on fuller panels.  Four investors of two pitches each (8 seats) and six
 * SMEs wanting one pitch of two investors (12 seats; 8 room-slots hold
 * them): A at 9:00 with i1 and i2, B at 10:00 with i3 and i4.  Filling A
 * and B with the other two pays a pair score each and leaves four SMEs
 * without a pitch; the search makes two more pitches instead: four of two
 * investors, two SMEs short, every seat taken.  The same event with one
 * room over two slots (the room-slots bind, not the seats) prices nothing. */
static void test_seat_price(void **state)
{
    (void)state;
    static const char *const events[] = {
        "{ \"name\": \"seats\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" } ],"
        "  \"rooms\": [ { \"id\": \"h1\", \"capacity\": 8 }, { \"id\": \"h2\", \"capacity\": 8 } ],"
        "  \"sectors\": [ { \"id\": \"s0\" } ],"
        "  \"rules\": { \"format\": \"group\", \"group_min_investors\": 2,"
        "    \"sme_min_meetings\": 1, \"sme_max_meetings\": 1, \"investor_max_meetings\": 2 },"
        "  \"weights\": { \"idle_slot\": 0 } }",
        "{ \"name\": \"rooms\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
        "  \"days\": [ { \"date\": \"2023-05-18\", \"start\": \"09:00\", \"end\": \"10:00\" } ],"
        "  \"rooms\": [ { \"id\": \"h1\", \"capacity\": 8 } ],"
        "  \"sectors\": [ { \"id\": \"s0\" } ],"
        "  \"rules\": { \"format\": \"group\", \"group_min_investors\": 2,"
        "    \"sme_min_meetings\": 1, \"sme_max_meetings\": 1, \"investor_max_meetings\": 2 },"
        "  \"weights\": { \"idle_slot\": 0 } }"};
    for (int e = 0; e < 2; e++) {
        rs_event *ev = tu_load_strings(
            events[e],
            "[ { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"s0\": 3 } },"
            "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"s0\": 3 } },"
            "  { \"id\": \"i3\", \"name\": \"I3\", \"sectors\": { \"s0\": 3 } },"
            "  { \"id\": \"i4\", \"name\": \"I4\", \"sectors\": { \"s0\": 3 } } ]",
            "[ { \"id\": \"a\", \"name\": \"A\", \"sectors\": [ \"s0\" ] },"
            "  { \"id\": \"b\", \"name\": \"B\", \"sectors\": [ \"s0\" ] },"
            "  { \"id\": \"c\", \"name\": \"C\", \"sectors\": [ \"s0\" ] },"
            "  { \"id\": \"d\", \"name\": \"D\", \"sectors\": [ \"s0\" ] },"
            "  { \"id\": \"e\", \"name\": \"E\", \"sectors\": [ \"s0\" ] },"
            "  { \"id\": \"f\", \"name\": \"F\", \"sectors\": [ \"s0\" ] } ]");
        int *cand, *start, *ncand = rs_pair_degrees(ev);
        assert_non_null(ncand);
        all_candidates(ev, &cand, &start);
        double price = rs_gt_seat_price(ev, ncand);
        free(ncand);
        if (e == 1) {
            assert_true(price == 0);
        } else {
            assert_true(fabs(price - ev->w.min_meetings_shortfall / 2) < 1e-9);
            rs_gt h;
            memset(&h, 0, sizeof h);
            assert_int_equal(rs_gt_init(&h, ev, cand, start), 0);
            int i1 = rs_find_participant(ev, "i1"), i2 = rs_find_participant(ev, "i2");
            int i3 = rs_find_participant(ev, "i3"), i4 = rs_find_participant(ev, "i4");
            const int p12[] = {i1, i2}, p34[] = {i3, i4};
            assert_true(rs_gt_add_pitch(&h, rs_find_participant(ev, "a"), 0, 0, p12, 2) >= 0);
            assert_true(rs_gt_add_pitch(&h, rs_find_participant(ev, "b"), 2, 0, p34, 2) >= 0);
            int order[6], buf[4];
            for (int j = 0; j < ev->nsme; j++)
                order[j] = ev->ninv + j;
            assert_true(rs_gt_improve(&h, order, buf, rs_now() + 5, NULL) >= 2);
            assert_true(rs_gt_valid(&h));
            assert_int_equal(h.npt, 4);
            for (int pi = 0; pi < h.npt; pi++)
                assert_int_equal(h.pt[pi].ninv, 2);
            for (int i = 0; i < ev->ninv; i++)
                assert_int_equal(h.count[i], 2);
            double pair = rs_group_pair_score(ev, i1, ev->ninv);
            assert_true(fabs(rs_gt_objective(&h) - (8 * pair - 2 * ev->w.min_meetings_shortfall)) <
                        1e-9);
            rs_gt_free(&h);
        }
        free(cand);
        free(start);
        rs_event_free(ev);
    }
}

/* tests/data/group/travel: two halls, east open at 09:00 only and west at
 * 09:30 only, 40 minutes apart, so no investor hears two pitches (its
 * README).  The selection's floors see that travel for each investor
 * alone (rs_travel_binds: no venue has a room in both of its slots), so
 * its bound is the optimum, 6, where a floor blind to travel allowed two
 * pitches with every investor in both, 12; with the travel set to 0 the
 * bound is 12 again, the optimum of that event. */
static void test_selection_sees_travel(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "group/travel");
    rs_event *ev = tu_load_ok(dir);
    double sb;
    long cols, rows;
    for (int i = 0; i < ev->np; i++)
        assert_int_equal(rs_travel_binds(ev, i), 1);
    assert_int_equal(rs_gm_selection_bound(ev, 5000, &sb, &cols, &rows), RS_OK);
    print_message("      selection bound %g with travel\n", sb);
    assert_true(fabs(sb - 6) < 1e-6);
    for (int k = 0; k < ev->nvenues * ev->nvenues; k++)
        ev->travel[k] = 0;
    assert_int_equal(rs_travel_binds(ev, 0), 0);
    assert_int_equal(rs_gm_selection_bound(ev, 5000, &sb, &cols, &rows), RS_OK);
    print_message("      selection bound %g without\n", sb);
    assert_true(fabs(sb - 12) < 1e-6);
    rs_event_free(ev);
    free(dir);
}

int main(void)
{
    int fail = tu_run_folder_tests("group pitches (tests/data/group)", "group", test_group_case,
                                   7);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_trivial_bound_shortfalls),
        cmocka_unit_test(test_reroute),
        cmocka_unit_test(test_seat_price),
        cmocka_unit_test(test_selection_sees_travel),
    };
    fail |= cmocka_run_group_tests_name("group: generated events", tests, NULL, NULL);
    rs_cleanup();
    return fail ? 1 : 0;
}
