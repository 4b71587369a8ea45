/*
 * test_heur.c - the timetable's local search (rs_tt_improve) and where it
 * may move must meetings.  On a day where every participant has a must
 * (one in seven or more is the rule, many_musts in heur.c), musts
 * placed at the ends of the day move together and the idle slots go; on
 * a day with a single must among fifteen participants the must keeps the
 * place it was given, as it always has, while the other meetings move
 * round it.  Every result passes the independent checker at the
 * objective the timetable reports.  An SME left out where only a chain
 * of moves serves it is served by the chains (rs_tt_short_chains).
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "heur_state.h"

#include <glpk.h>

/* A morning of six slots and two rooms.  Only requested pairs may meet
 * (the investors' sectors are not the SMEs'), except in the second
 * event, where s2 to s13 share a sector with both investors. */
static const char *const day_event =
    "{ \"name\": \"musts\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"12:00\" } ],"
    "  \"rooms\": [ { \"id\": \"r1\" }, { \"id\": \"r2\" } ],"
    "  \"sectors\": [ { \"id\": \"x\" }, { \"id\": \"y\" } ] }";
static const char *const day_investors =
    "[ { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"x\": 1 } },"
    "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"x\": 1 } } ]";

/* Four musts, two per investor: every participant has one. */
static const char *const all_must_smes =
    "[ { \"id\": \"s1\", \"name\": \"S1\", \"sectors\": [ \"y\" ],"
    "    \"requests\": [ { \"investor\": \"i1\", \"priority\": \"must\" } ] },"
    "  { \"id\": \"s2\", \"name\": \"S2\", \"sectors\": [ \"y\" ],"
    "    \"requests\": [ { \"investor\": \"i1\", \"priority\": \"must\" } ] },"
    "  { \"id\": \"s3\", \"name\": \"S3\", \"sectors\": [ \"y\" ],"
    "    \"requests\": [ { \"investor\": \"i2\", \"priority\": \"must\" } ] },"
    "  { \"id\": \"s4\", \"name\": \"S4\", \"sectors\": [ \"y\" ],"
    "    \"requests\": [ { \"investor\": \"i2\", \"priority\": \"must\" } ] } ]";

/* One must (s1 with i1) among two investors and thirteen SMEs: two
 * participants in fifteen have a must, fewer than one in seven. */
static const char *const one_must_smes =
    "[ { \"id\": \"s1\", \"name\": \"S1\", \"sectors\": [ \"y\" ],"
    "    \"requests\": [ { \"investor\": \"i1\", \"priority\": \"must\" } ] },"
    "  { \"id\": \"s2\", \"name\": \"S2\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s3\", \"name\": \"S3\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s4\", \"name\": \"S4\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s5\", \"name\": \"S5\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s6\", \"name\": \"S6\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s7\", \"name\": \"S7\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s8\", \"name\": \"S8\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s9\", \"name\": \"S9\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s10\", \"name\": \"S10\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s11\", \"name\": \"S11\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s12\", \"name\": \"S12\", \"sectors\": [ \"x\" ] },"
    "  { \"id\": \"s13\", \"name\": \"S13\", \"sectors\": [ \"x\" ] } ]";

/* A poor timetable (meetings as investor, SME, slot, in room r1 or r2 by
 * investor), then the local search, inside a guarded call. */
typedef struct {
    const rs_event *ev;
    const char *const (*at)[2];
    const int *slot;
    int n;
    rs_tt *h;
    double before, after;
    int must_moves; /* the timetable's rule for musts (heur_state.h) */
} heur_case;

static rs_code run_improve(void *arg)
{
    heur_case *c = arg;
    const rs_event *ev = c->ev;
    rs_placement at[8];
    if (c->n > 8)
        return RS_EINPUT; /* at[] holds eight */
    c->h = rs_tt_new(ev);
    if (!c->h)
        return RS_ENOMEM;
    for (int i = 0; i < c->n; i++) {
        at[i].pair = rs_pair_index(ev, rs_find_participant(ev, c->at[i][0]),
                                   rs_find_participant(ev, c->at[i][1]));
        at[i].slot = c->slot[i];
        at[i].room = rs_find_room(ev, strcmp(c->at[i][0], "i1") == 0 ? "r1" : "r2");
    }
    if (rs_tt_place_given(c->h, at, c->n) != 0)
        return RS_EINPUT; /* the poor timetable must keep every rule */
    c->before = rs_tt_objective(c->h);
    rs_tt_improve(c->h, rs_now() + 60, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

/* Runs the case and checks its schedule at the objective reported;
 * returns the slot of the meeting of inv and sme afterwards (-1: none).
 * The timetable is freed. */
static int improve_checked(heur_case *c, const char *inv, const char *sme)
{
    rs_glpk_call call = {.fn = run_improve, .arg = c, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    rs_schedule *s = rs_tt_to_schedule(c->h);
    assert_non_null(s);
    assert_true(fabs(tu_check_ok(c->ev, s) - c->after) < 1e-6);
    int pair = rs_pair_index(c->ev, rs_find_participant(c->ev, inv),
                             rs_find_participant(c->ev, sme));
    int n = 0, slot = -1;
    const rs_placement *m = rs_tt_meetings(c->h, &n);
    for (int i = 0; i < n; i++)
        if (m[i].pair == pair)
            slot = m[i].slot;
    rs_schedule_free(s);
    c->must_moves = c->h->must_moves;
    rs_tt_free(c->h);
    c->h = NULL;
    return slot;
}

/* Every participant has a must, each investor's two at slots 0 and 5
 * and 1 and 4: six idle slots (four musts of 10, less 6).  The search
 * closes them all (40). */
static void test_many_musts_move(void **state)
{
    (void)state;
    static const char *const at[4][2] = {{"i1", "s1"}, {"i1", "s2"}, {"i2", "s3"}, {"i2", "s4"}};
    static const int slot[4] = {0, 5, 1, 4};
    rs_event *ev = tu_load_strings(day_event, day_investors, all_must_smes);
    heur_case c = {ev, at, slot, 4, NULL, 0, 0, 0};
    improve_checked(&c, "i1", "s1");
    assert_true(c.must_moves);
    print_message("  every participant with a must: %g poor, %g after\n", c.before, c.after);
    assert_true(fabs(c.before - 34) < 1e-9);
    assert_true(fabs(c.after - 40) < 1e-9);
    rs_event_free(ev);
}

/* One must, i1 with s1 at slot 0, and i1 with s2 at slot 5 (four idle
 * slots).  Musts do not move here; the must stays at slot 0 and the
 * search still fills i1's morning round it. */
static void test_few_musts_stay(void **state)
{
    (void)state;
    static const char *const at[2][2] = {{"i1", "s1"}, {"i1", "s2"}};
    static const int slot[2] = {0, 5};
    rs_event *ev = tu_load_strings(day_event, day_investors, one_must_smes);
    heur_case c = {ev, at, slot, 2, NULL, 0, 0, 0};
    int must_slot = improve_checked(&c, "i1", "s1");
    assert_false(c.must_moves);
    print_message("  a single must: %g poor, %g after, the must at slot %d\n", c.before, c.after,
                  must_slot);
    assert_int_equal(must_slot, 0);
    assert_true(c.after > c.before + 4 - 1e-9);
    rs_event_free(ev);
}

/* Two slots, three rooms, SMEs that meet one investor at most and want
 * one: a may meet only i1, whose two slots b and e hold; b may also meet
 * i2, whose slots c and f hold; f may also meet i3, free at the second
 * slot.  Only requests allow pairs (5 each).  No single move serves a
 * without leaving b short, so the local search keeps a out; the chain
 * a -> i1's first slot, b -> i2's second, f -> i3's second serves all
 * seven (+105). */
static const char *const chain_event =
    "{ \"name\": \"chain\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"10:00\" } ],"
    "  \"rooms\": [ { \"id\": \"r1\" }, { \"id\": \"r2\" }, { \"id\": \"r3\" } ],"
    "  \"sectors\": [ { \"id\": \"x\" }, { \"id\": \"y\" } ],"
    "  \"rules\": { \"sme_min_meetings\": 1, \"sme_max_meetings\": 1 } }";
static const char *const chain_investors =
    "[ { \"id\": \"i1\", \"name\": \"I1\", \"sectors\": { \"x\": 1 } },"
    "  { \"id\": \"i2\", \"name\": \"I2\", \"sectors\": { \"x\": 1 } },"
    "  { \"id\": \"i3\", \"name\": \"I3\", \"sectors\": { \"x\": 1 } } ]";
#define CHAIN_SME(id, reqs) \
    "{ \"id\": \"" id "\", \"name\": \"" id "\", \"sectors\": [ \"y\" ], \"requests\": [ " reqs " ] }"
#define CHAIN_REQ(inv) "{ \"investor\": \"" inv "\" }"
static const char *const chain_smes =
    "[ " CHAIN_SME("a", CHAIN_REQ("i1")) ", " CHAIN_SME("b", CHAIN_REQ("i1") ", " CHAIN_REQ("i2"))
    ", " CHAIN_SME("e", CHAIN_REQ("i1")) ", " CHAIN_SME("c", CHAIN_REQ("i2"))
    ", " CHAIN_SME("f", CHAIN_REQ("i2") ", " CHAIN_REQ("i3")) ", " CHAIN_SME("g", CHAIN_REQ("i3"))
    " ]";

typedef struct {
    const rs_event *ev;
    rs_tt *h;
    double before, improved, after;
    long chains;
    int a_after_improve;
} chain_case;

static rs_code run_chain(void *arg)
{
    chain_case *c = arg;
    const rs_event *ev = c->ev;
    static const char *const at[5][3] = {{"i1", "b", "r1"}, {"i1", "e", "r1"}, {"i2", "c", "r2"},
                                         {"i2", "f", "r2"}, {"i3", "g", "r3"}};
    static const int slot[5] = {0, 1, 0, 1, 0};
    rs_placement pl[5];
    c->h = rs_tt_new(ev);
    if (!c->h)
        return RS_ENOMEM;
    for (int i = 0; i < 5; i++) {
        pl[i].pair = rs_pair_index(ev, rs_find_participant(ev, at[i][0]),
                                   rs_find_participant(ev, at[i][1]));
        pl[i].slot = slot[i];
        pl[i].room = rs_find_room(ev, at[i][2]);
    }
    if (rs_tt_place_given(c->h, pl, 5) != 0)
        return RS_EINPUT;
    c->before = rs_tt_objective(c->h);
    rs_tt_improve(c->h, rs_now() + 60, NULL);
    c->improved = rs_tt_objective(c->h);
    c->a_after_improve = c->h->count[rs_find_participant(ev, "a")];
    c->chains = rs_tt_short_chains(c->h, 1, rs_now() + 60, NULL);
    c->after = rs_tt_objective(c->h);
    return RS_OK;
}

static void test_short_chain(void **state)
{
    (void)state;
    rs_event *ev = tu_load_strings(chain_event, chain_investors, chain_smes);
    chain_case c = {ev, NULL, 0, 0, 0, 0, 0};
    rs_glpk_call call = {.fn = run_chain, .arg = &c, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    print_message("  a short: %g, after the local search %g, after %ld chain(s) %g\n", c.before,
                  c.improved, c.chains, c.after);
    assert_int_equal(c.a_after_improve, 0);
    assert_true(fabs(c.improved - c.before) < 1e-9);
    assert_int_equal(c.chains, 1);
    assert_true(fabs(c.after - c.before - 105) < 1e-9);
    for (int p = ev->ninv; p < ev->np; p++)
        assert_int_equal(c.h->count[p], 1);
    rs_schedule *s = rs_tt_to_schedule(c.h);
    assert_non_null(s);
    assert_true(fabs(tu_check_ok(ev, s) - c.after) < 1e-6);
    rs_schedule_free(s);
    rs_tt_free(c.h);
    rs_event_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_musts_move),
        cmocka_unit_test(test_few_musts_stay),
        cmocka_unit_test(test_short_chain),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    glp_free_env(); /* the guarded calls' environment, for valgrind */
    return failed;
}
