/*
 * test_b2b.c - the exact timetabling of a fixed set of meetings
 * (scheduler/b2b.h).
 *
 * Hand-made problems with a known optimum (a gap forced by an allowed
 * slot, by the tables of a slot, a gap cap that leaves no timetable, days
 * that keep meetings apart, idle-slot weights), then seeded random small
 * problems against an exhaustive search, and the contract's promises:
 * the same answer twice, a start timetable, bad problems refused, a
 * deadline in the past answered honestly; and the satisfiability question
 * "at most K gaps?" (scheduler/b2b_sat.h) against the exhaustive search,
 * in its own order of the meetings and in the caller's, in this process
 * and in a child process, answered or stopped; and run limits (the
 * consecutive rule, runs ending at breaks) in the search, the direct
 * model and the question alike.
 */
#include "testutil.h"

#include "b2b.h"
#include "b2b_sat.h"
#include "glpk_layer.h"

#include <unistd.h>

#define MAXM 8
#define MAXT 8

/* A small problem in fixed arrays; allowed slots as bitmasks. */
typedef struct {
    const char *name;
    int np, nslots, nmeet;
    int day[MAXT];
    int a[MAXM], b[MAXM];
    unsigned allow[MAXM];
    int tables[MAXT];
    int cap[MAXM * 2];      /* per participant, -1: none                    */
    int capped;             /* whether cap is given                         */
    double wg, wi;
    rs_b2b_status status;   /* expected */
    double cost;            /* expected when a timetable exists             */
    int runs;               /* whether run and rstart are given             */
    int run[MAXM * 2];      /* per participant: its run limit, 0 none       */
    unsigned char rstart[MAXT]; /* per slot: a break before it              */
} hand_case;

typedef struct {
    unsigned char allowed[MAXM * MAXT];
    rs_b2b_problem pr;
} built;

static void build(const hand_case *c, built *o)
{
    memset(o, 0, sizeof *o);
    for (int m = 0; m < c->nmeet; m++)
        for (int k = 0; k < c->nslots; k++)
            o->allowed[m * c->nslots + k] = (unsigned char)(c->allow[m] >> k & 1u);
    o->pr.np = c->np;
    o->pr.nslots = c->nslots;
    o->pr.slot_day = c->day;
    o->pr.nmeet = c->nmeet;
    o->pr.meet_a = c->a;
    o->pr.meet_b = c->b;
    o->pr.allowed = o->allowed;
    o->pr.tables = c->tables;
    o->pr.gap_cap = c->capped ? c->cap : NULL;
    o->pr.max_run = c->runs ? c->run : NULL;
    o->pr.run_start = c->runs ? c->rstart : NULL;
    o->pr.idle_gap = c->wg;
    o->pr.idle_slot = c->wi;
    o->pr.deadline = rs_now() + 20;
    o->pr.quiet = 1;
}

/* Participants: 0 = A, 1 = B, 2 = C, ...  Slots count from 0. */
static const hand_case cases[] = {
    {"forced gap from a forbidden slot", 3, 3, 2, {0, 0, 0}, {0, 0}, {1, 2}, {0x1, 0x4},
     {2, 2, 2}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 1, 0, {0}, {0}},
    {"no gap when the slot can move", 3, 3, 2, {0, 0, 0}, {0, 0}, {1, 2}, {0x1, 0x6},
     {2, 2, 2}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 0, 0, {0}, {0}},
    {"gap forced by a slot's single table", 6, 3, 3, {0, 0, 0}, {0, 0, 3}, {1, 2, 4},
     {0x7, 0x7, 0x2}, {1, 1, 1}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 1, 0, {0}, {0}},
    {"no gap with two tables", 6, 3, 3, {0, 0, 0}, {0, 0, 3}, {1, 2, 4}, {0x7, 0x7, 0x2},
     {2, 2, 2}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 0, 0, {0}, {0}},
    {"a gap cap of 0 leaves no timetable", 3, 3, 2, {0, 0, 0}, {0, 0}, {1, 2}, {0x1, 0x4},
     {2, 2, 2}, {0, -1, -1}, 1, 1, 0, RS_B2B_INFEASIBLE, 0, 0, {0}, {0}},
    {"meetings on two days make no gap", 3, 4, 2, {0, 0, 1, 1}, {0, 0}, {1, 2}, {0x1, 0x8},
     {2, 2, 2, 2}, {0, 0, 0}, 1, 1, 1, RS_B2B_OPTIMAL, 0, 0, {0}, {0}},
    {"idle slots weigh", 3, 4, 2, {0, 0, 0, 0}, {0, 0}, {1, 2}, {0x1, 0x8}, {2, 2, 2, 2},
     {0}, 0, 1, 10, RS_B2B_OPTIMAL, 21, 0, {0}, {0}},
    {"a compact day among choices", 4, 4, 3, {0, 0, 0, 0}, {0, 0, 0}, {1, 2, 3},
     {0x3, 0xC, 0x9}, {1, 1, 1, 1}, {0}, 0, 1, 10, RS_B2B_OPTIMAL, 0, 0, {0}, {0}},
    {"a meeting without a slot", 2, 2, 1, {0, 0}, {0}, {1}, {0x0}, {1, 1}, {0}, 0, 1, 0,
     RS_B2B_INFEASIBLE, 0, 0, {0}, {0}},
    {"too few tables in all", 4, 2, 3, {0, 0}, {0, 2, 0}, {1, 3, 3}, {0x3, 0x3, 0x3},
     {1, 1}, {0}, 0, 1, 0, RS_B2B_INFEASIBLE, 0, 0, {0}, {0}},
    {"one gap where two could be", 4, 6, 3, {0, 0, 0, 0, 0, 0}, {0, 0, 0}, {1, 2, 3},
     {0x1, 0x5, 0x28}, {1, 1, 1, 1, 1, 1}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 1, 0, {0}, {0}},
};

static void test_hand_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const hand_case *c = &cases[i];
        built o;
        build(c, &o);
        int slot[MAXM];
        rs_b2b_result res = {.slot = slot};
        rs_diag *d = rs_diag_new();
        assert_non_null(d);
        rs_code rc = rs_b2b_solve(&o.pr, &res, d);
        if (rc != RS_OK || res.status != c->status)
            fail_msg("%s: rc %d status %d (expected %d)", c->name, rc, res.status, c->status);
        if (c->status == RS_B2B_OPTIMAL) {
            int g, id;
            assert_int_equal(rs_b2b_evaluate(&o.pr, slot, &g, &id), 1);
            if (fabs(res.cost - c->cost) > 1e-9 || fabs(res.bound - c->cost) > 1e-9 ||
                fabs(c->wg * g + c->wi * id - c->cost) > 1e-9)
                fail_msg("%s: cost %g bound %g (expected %g)", c->name, res.cost, res.bound,
                         c->cost);
        }
        rs_diag_free(d);
    }
}

/* ---- random problems against exhaustive search ------------------------ */

/* The least cost over every assignment of slots (NAN: none keeps the
 * rules). */
static double brute(const rs_b2b_problem *pr)
{
    int slot[MAXM], k = 0;
    double best = NAN;
    for (int m = 0; m < pr->nmeet; m++)
        slot[m] = 0;
    for (;;) {
        int g, id;
        if (rs_b2b_evaluate(pr, slot, &g, &id) == 1) {
            double c = pr->idle_gap * g + pr->idle_slot * id;
            if (isnan(best) || c < best)
                best = c;
        }
        for (k = 0; k < pr->nmeet; k++) {
            if (++slot[k] < pr->nslots)
                break;
            slot[k] = 0;
        }
        if (k == pr->nmeet)
            return best;
    }
}

static void test_random_against_brute_force(void **state)
{
    (void)state;
    uint64_t rng = 20261203;
    for (int t = 0; t < 60; t++) {
        hand_case c;
        memset(&c, 0, sizeof c);
        c.name = "random";
        c.np = 3 + (int)(rs_xorshift64(&rng) % 3);
        c.nslots = 4 + (int)(rs_xorshift64(&rng) % 3);
        c.nmeet = 3 + (int)(rs_xorshift64(&rng) % 4);
        int split = (int)(rs_xorshift64(&rng) % (uint64_t)c.nslots);
        for (int k = 0; k < c.nslots; k++) {
            c.day[k] = t % 3 == 0 && k >= split ? 1 : 0;
            c.tables[k] = 1 + (int)(rs_xorshift64(&rng) % 2);
        }
        for (int m = 0; m < c.nmeet; m++) {
            c.a[m] = (int)(rs_xorshift64(&rng) % (uint64_t)c.np);
            do
                c.b[m] = (int)(rs_xorshift64(&rng) % (uint64_t)c.np);
            while (c.b[m] == c.a[m]);
            c.allow[m] = (unsigned)(rs_xorshift64(&rng) % (1u << c.nslots));
            if (rs_xorshift64(&rng) % 4 == 0)
                c.allow[m] = (1u << c.nslots) - 1;
        }
        c.capped = t % 2;
        for (int p = 0; p < c.np; p++)
            c.cap[p] = (int)(rs_xorshift64(&rng) % 3) - 1;
        c.wg = (double)(1 + t % 3);
        c.wi = (double)(t % 4 == 0 ? 0 : t % 4 == 1 ? 1 : 0.5 * (t % 5));
        built o;
        build(&c, &o);
        double want = brute(&o.pr);
        int slot[MAXM];
        rs_b2b_result res = {.slot = slot};
        rs_diag *d = rs_diag_new();
        assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_OK);
        if (isnan(want)) {
            if (res.status != RS_B2B_INFEASIBLE)
                fail_msg("case %d: status %d, none exists", t, res.status);
        } else {
            if (res.status != RS_B2B_OPTIMAL || fabs(res.cost - want) > 1e-9 ||
                fabs(res.bound - want) > 1e-9)
                fail_msg("case %d: status %d cost %g bound %g, optimum %g", t, res.status,
                         res.cost, res.bound, want);
            assert_int_equal(rs_b2b_evaluate(&o.pr, slot, NULL, NULL), 1);
        }
        rs_diag_free(d);
    }
}

/* ---- the direct model ------------------------------------------------- */

typedef struct {
    rs_b2b *b;
    double value; /* NAN: no solution */
} direct_arg;

static rs_code solve_direct(void *arg)
{
    direct_arg *a = arg;
    glp_prob *lp = rs_b2b_direct_model(a->b);
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_ON;
    int r = glp_intopt(lp, &io);
    a->value = r == 0 && glp_mip_status(lp) == GLP_OPT ? glp_mip_obj_val(lp) : NAN;
    glp_delete_prob(lp);
    return RS_OK;
}

/* The exported model's optimum is the problem's, on the hand-made cases
 * and on random ones against exhaustive search. */
static void test_direct_model(void **state)
{
    (void)state;
    uint64_t rng = 7;
    for (int t = 0; t < 40; t++) {
        hand_case c;
        if (t < (int)(sizeof cases / sizeof cases[0])) {
            c = cases[t];
        } else {
            memset(&c, 0, sizeof c);
            c.np = 4;
            c.nslots = 5;
            c.nmeet = 5;
            for (int k = 0; k < c.nslots; k++) {
                c.day[k] = t % 2 && k >= 3;
                c.tables[k] = 1 + (int)(rs_xorshift64(&rng) % 2);
            }
            for (int m = 0; m < c.nmeet; m++) {
                c.a[m] = (int)(rs_xorshift64(&rng) % 4);
                c.b[m] = (c.a[m] + 1 + (int)(rs_xorshift64(&rng) % 3)) % 4;
                c.allow[m] = (unsigned)(rs_xorshift64(&rng) % 32) | 1u << (m % 5);
            }
            c.capped = 1;
            for (int p = 0; p < c.np; p++)
                c.cap[p] = (int)(rs_xorshift64(&rng) % 3) - 1;
            c.wg = 1 + t % 2;
            c.wi = t % 3;
        }
        built o;
        build(&c, &o);
        double want = brute(&o.pr);
        rs_b2b *b = NULL;
        rs_diag *d = rs_diag_new();
        assert_int_equal(rs_b2b_new(&o.pr, &b, d), RS_OK);
        direct_arg a = {b, NAN};
        rs_glpk_call call = {.fn = solve_direct, .arg = &a, .quiet = 1};
        assert_int_equal(rs_glpk_guarded(&call), RS_OK);
        if (isnan(want) != isnan(a.value) || (!isnan(want) && fabs(want - a.value) > 1e-6))
            fail_msg("case %d: direct model %g, optimum %g", t, a.value, want);
        rs_b2b_free(b);
        rs_diag_free(d);
    }
}

/* ---- the satisfiability question -------------------------------------- */

static rs_b2b_sat_answer ask_guided(const rs_b2b_problem *pr, int k, const int *hint,
                                    int *slot)
{
    return rs_b2b_sat_here(pr, k, hint, slot);
}

static rs_b2b_sat_answer ask_here(const rs_b2b_problem *pr, int k, int *slot)
{
    return ask_guided(pr, k, NULL, slot);
}

/* A random small gaps-only problem (the question's cost), seeded by t. */
static void random_gap_case(hand_case *c, uint64_t *rng, int t)
{
    memset(c, 0, sizeof *c);
    c->name = "random";
    c->np = 3 + (int)(rs_xorshift64(rng) % 3);
    c->nslots = 4 + (int)(rs_xorshift64(rng) % 3);
    c->nmeet = 3 + (int)(rs_xorshift64(rng) % 4);
    int split = (int)(rs_xorshift64(rng) % (uint64_t)c->nslots);
    for (int k = 0; k < c->nslots; k++) {
        c->day[k] = t % 3 == 0 && k >= split ? 1 : 0;
        c->tables[k] = (int)(rs_xorshift64(rng) % 3);
    }
    for (int m = 0; m < c->nmeet; m++) {
        c->a[m] = (int)(rs_xorshift64(rng) % (uint64_t)c->np);
        do
            c->b[m] = (int)(rs_xorshift64(rng) % (uint64_t)c->np);
        while (c->b[m] == c->a[m]);
        c->allow[m] = (unsigned)(rs_xorshift64(rng) % (1u << c->nslots));
        if (rs_xorshift64(rng) % 3 == 0)
            c->allow[m] = (1u << c->nslots) - 1;
    }
    c->capped = t % 2;
    for (int p = 0; p < c->np; p++)
        c->cap[p] = (int)(rs_xorshift64(rng) % 3) - 1;
    c->wg = (double)(1 + t % 3);
}

/* At the optimum's gap count the question finds a timetable that keeps
 * every rule within it; one gap fewer, it proves there is none; and with
 * no timetable at all it finds none at any count. */
static void test_sat_against_brute_force(void **state)
{
    (void)state;
    uint64_t rng = 20261205;
    int found = 0, refuted = 0, none = 0;
    for (int t = 0; t < 120; t++) {
        hand_case c;
        random_gap_case(&c, &rng, t);
        built o;
        build(&c, &o);
        int rev[MAXM];
        for (int m = 0; m < c.nmeet; m++)
            rev[m] = c.nmeet - 1 - m;
        if (t % 2)
            o.pr.order = rev; /* the caller's order of the variables */
        assert_true(rs_b2b_sat_applies(&o.pr));
        double want = brute(&o.pr);
        int slot[MAXM], k = isnan(want) ? c.nmeet : (int)lround(want / c.wg);
        rs_b2b_sat_answer ans = ask_here(&o.pr, k, slot);
        if (isnan(want)) {
            if (ans != RS_B2B_SAT_NONE)
                fail_msg("case %d: answer %d at %d gaps, no timetable exists", t, ans, k);
            none++;
            continue;
        }
        if (ans != RS_B2B_SAT_FOUND)
            fail_msg("case %d: answer %d at %d gaps, the optimum", t, ans, k);
        int gaps = -1;
        assert_int_equal(rs_b2b_evaluate(&o.pr, slot, &gaps, NULL), 1);
        assert_int_equal(gaps, k);
        found++;
        if (k > 0) {
            ans = ask_here(&o.pr, k - 1, slot);
            if (ans != RS_B2B_SAT_NONE)
                fail_msg("case %d: answer %d at %d gaps, below the optimum", t, ans, k - 1);
            refuted++;
        }
    }
    /* the random cases reach every kind of answer */
    assert_true(found > 20 && refuted > 10 && none > 5);
    /* an idle-slot weight is not a count of gaps */
    built o;
    build(&cases[6], &o);
    assert_false(rs_b2b_sat_applies(&o.pr));
}

/* A hint changes which timetable is found, never the answer: around a
 * random timetable (slots not allowed, or none, included) the question
 * answers as it does without one, and a hint that already keeps every
 * rule within K gaps comes back as it is (the solver tries its values
 * first and none of them fails). */
static void test_sat_hint(void **state)
{
    (void)state;
    uint64_t rng = 20261206;
    int same = 0;
    for (int t = 0; t < 120; t++) {
        hand_case c;
        random_gap_case(&c, &rng, t);
        built o;
        build(&c, &o);
        int slot[MAXM], hint[MAXM], back[MAXM];
        for (int m = 0; m < c.nmeet; m++)
            hint[m] = (int)(rs_xorshift64(&rng) % (uint64_t)(c.nslots + 1)) - 1;
        for (int k = 0; k <= 2; k++) {
            rs_b2b_sat_answer plain = ask_here(&o.pr, k, slot);
            rs_b2b_sat_answer guided = ask_guided(&o.pr, k, hint, back);
            if (plain != guided)
                fail_msg("case %d: answer %d at %d gaps, %d around a hint", t, plain, k,
                         guided);
            if (guided != RS_B2B_SAT_FOUND)
                continue;
            int gaps = -1;
            assert_int_equal(rs_b2b_evaluate(&o.pr, back, &gaps, NULL), 1);
            assert_true(gaps <= k);
            assert_int_equal(ask_guided(&o.pr, k, slot, back), RS_B2B_SAT_FOUND);
            if (memcmp(back, slot, (size_t)c.nmeet * sizeof(int)) != 0)
                fail_msg("case %d: a hint within %d gaps came back changed", t, k);
            same++;
        }
    }
    assert_true(same > 50);
}

/* The child process answers as this process does, and one stopped before
 * it answers leaves nothing behind: no answer, no process left. */
static void test_sat_child(void **state)
{
    (void)state;
    built o;
    build(&cases[10], &o); /* one gap where two could be */
    int slot[MAXM];
    rs_b2b_sat *s = NULL;
    assert_int_equal(rs_b2b_sat_start(&o.pr, 1, NULL, rs_now() + 20, &s), RS_OK);
    assert_int_equal(rs_b2b_sat_wait(s, rs_now() + 20, NULL, slot), RS_B2B_SAT_FOUND);
    assert_int_equal(rs_b2b_evaluate(&o.pr, slot, NULL, NULL), 1);
    /* the child searches around a hint as this process does */
    int hint[MAXM], back[MAXM];
    memcpy(hint, slot, sizeof hint);
    rs_b2b_sat_free(s);
    assert_int_equal(rs_b2b_sat_start(&o.pr, 1, hint, rs_now() + 20, &s), RS_OK);
    assert_int_equal(rs_b2b_sat_wait(s, rs_now() + 20, NULL, back), RS_B2B_SAT_FOUND);
    assert_memory_equal(back, hint, (size_t)o.pr.nmeet * sizeof(int));
    /* answered once: no second answer */
    assert_int_equal(rs_b2b_sat_wait(s, rs_now() + 1, NULL, slot), RS_B2B_SAT_FAILED);
    rs_b2b_sat_free(s);
    assert_int_equal(rs_b2b_sat_start(&o.pr, 0, NULL, rs_now() + 20, &s), RS_OK);
    assert_int_equal(rs_b2b_sat_wait(s, rs_now() + 20, NULL, slot), RS_B2B_SAT_NONE);
    rs_b2b_sat_free(s);
    /* an interrupt or a passed deadline returns at once; free stops it */
    volatile sig_atomic_t stop = 1;
    assert_int_equal(rs_b2b_sat_start(&o.pr, 1, NULL, rs_now() + 20, &s), RS_OK);
    assert_int_equal(rs_b2b_sat_wait(s, rs_now() + 20, &stop, slot), RS_B2B_SAT_RUNNING);
    rs_b2b_sat_answer ans = rs_b2b_sat_wait(s, rs_now() - 1, NULL, slot);
    assert_true(ans == RS_B2B_SAT_RUNNING || ans == RS_B2B_SAT_FOUND);
    rs_b2b_sat_free(s);
    rs_b2b_sat_free(NULL);
}

/* ---- the contract --------------------------------------------------- */

/* Run limits: hand cases (a limit that forces a gap, a break that ends a
 * run, a limit that leaves no timetable), then random small problems
 * with limits and breaks, where the search, the direct model and the
 * question at the optimum's gaps all agree with the exhaustive search. */
static void test_run_limits(void **state)
{
    (void)state;
    static const hand_case hand[] = {
        {"a run limit forces a gap", 4, 4, 3, {0, 0, 0, 0}, {0, 0, 0}, {1, 2, 3},
         {0xF, 0xF, 0xF}, {2, 2, 2, 2}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 1, 1, {2}, {0}},
        {"a break ends a run", 4, 3, 3, {0, 0, 0}, {0, 0, 0}, {1, 2, 3}, {0x7, 0x7, 0x7},
         {1, 1, 1}, {0}, 0, 1, 0, RS_B2B_OPTIMAL, 0, 1, {2}, {0, 0, 1}},
        {"a run limit leaves no timetable", 4, 3, 3, {0, 0, 0}, {0, 0, 0}, {1, 2, 3},
         {0x7, 0x7, 0x7}, {1, 1, 1}, {0}, 0, 1, 0, RS_B2B_INFEASIBLE, 0, 1, {2}, {0}},
    };
    uint64_t rng = 20261206;
    int checked = 0;
    for (int t = 0; t < 83; t++) {
        hand_case c;
        if (t < 3) {
            c = hand[t];
        } else {
            random_gap_case(&c, &rng, t);
            for (int k = 0; k < c.nslots; k++)
                c.tables[k] = 1 + (int)(rs_xorshift64(&rng) % 2);
            c.runs = 1;
            for (int p = 0; p < c.np; p++)
                c.run[p] = (int)(rs_xorshift64(&rng) % 4); /* 0: none */
            for (int k = 1; k < c.nslots; k++)
                c.rstart[k] = rs_xorshift64(&rng) % 4 == 0;
            c.wi = t % 2;
        }
        built o;
        build(&c, &o);
        double want = brute(&o.pr);
        if (t < 3 && (isnan(want) != (c.status == RS_B2B_INFEASIBLE) ||
                      (!isnan(want) && fabs(want - c.cost) > 1e-9)))
            fail_msg("%s: exhaustive search %g", c.name, want);
        int slot[MAXM];
        rs_b2b_result res = {.slot = slot};
        rs_diag *d = rs_diag_new();
        assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_OK);
        if (isnan(want) ? res.status != RS_B2B_INFEASIBLE
                        : res.status != RS_B2B_OPTIMAL || fabs(res.cost - want) > 1e-9)
            fail_msg("case %d (%s): status %d cost %g, optimum %g", t, c.name, res.status,
                     res.cost, want);
        if (!isnan(want))
            assert_int_equal(rs_b2b_evaluate(&o.pr, slot, NULL, NULL), 1);
        rs_b2b *b = NULL;
        assert_int_equal(rs_b2b_new(&o.pr, &b, d), RS_OK);
        direct_arg a = {b, NAN};
        rs_glpk_call call = {.fn = solve_direct, .arg = &a, .quiet = 1};
        assert_int_equal(rs_glpk_guarded(&call), RS_OK);
        if (isnan(want) != isnan(a.value) || (!isnan(want) && fabs(want - a.value) > 1e-6))
            fail_msg("case %d (%s): direct model %g, optimum %g", t, c.name, a.value, want);
        rs_b2b_free(b);
        if (c.wi == 0 && !isnan(want)) {
            int k = (int)lround(want / c.wg), g;
            assert_int_equal(ask_here(&o.pr, k, slot), RS_B2B_SAT_FOUND);
            assert_int_equal(rs_b2b_evaluate(&o.pr, slot, &g, NULL), 1);
            assert_true(g <= k);
            if (k > 0)
                assert_int_equal(ask_here(&o.pr, k - 1, slot), RS_B2B_SAT_NONE);
            checked++;
        }
        rs_diag_free(d);
    }
    assert_true(checked >= 20); /* the question saw enough of them */
}

static void test_same_answer_twice_and_start(void **state)
{
    (void)state;
    built o;
    build(&cases[7], &o);
    int s1[MAXM], s2[MAXM];
    rs_b2b_result r1 = {.slot = s1}, r2 = {.slot = s2};
    rs_diag *d = rs_diag_new();
    assert_int_equal(rs_b2b_solve(&o.pr, &r1, d), RS_OK);
    assert_int_equal(rs_b2b_solve(&o.pr, &r2, d), RS_OK);
    assert_memory_equal(s1, s2, sizeof(int) * (size_t)o.pr.nmeet);
    /* a start that breaks a rule is ignored; a good one is kept when optimal */
    int bad[3] = {0, 0, 0}, good[3] = {1, 2, 0};
    o.pr.start = bad;
    assert_int_equal(rs_b2b_solve(&o.pr, &r1, d), RS_OK);
    assert_int_equal(r1.status, RS_B2B_OPTIMAL);
    o.pr.start = good;
    assert_int_equal(rs_b2b_solve(&o.pr, &r1, d), RS_OK);
    assert_int_equal(r1.status, RS_B2B_OPTIMAL);
    assert_memory_equal(s1, good, sizeof good);
    rs_diag_free(d);
}

static void test_bad_problems(void **state)
{
    (void)state;
    built o;
    build(&cases[0], &o);
    int slot[MAXM];
    rs_b2b_result res = {.slot = slot};
    rs_diag *d = rs_diag_new();
    int self[2] = {0, 2};
    o.pr.meet_b = self;
    assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_EUSAGE);
    assert_non_null(strstr(rs_diag_message(d, 0), "meeting 0 joins participants 0 and 0"));
    build(&cases[0], &o);
    int apart[3] = {0, 1, 0};
    o.pr.slot_day = apart;
    assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_EUSAGE);
    build(&cases[0], &o);
    o.pr.nslots = 65;
    assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_EUSAGE);
    build(&cases[0], &o);
    o.pr.idle_gap = -1;
    assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_EUSAGE);
    build(&cases[0], &o);
    int twice[2] = {1, 1};
    o.pr.order = twice;
    assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_EUSAGE);
    assert_non_null(strstr(rs_diag_message(d, rs_diag_count(d) - 1),
                           "the order names meeting 1 at 1"));
    rs_diag_free(d);
}

/* With the deadline passed and an interrupt set, whatever comes back is
 * true: a bound never above the cost, optimal only when they meet. */
static void test_deadline_passed(void **state)
{
    (void)state;
    volatile sig_atomic_t stop = 1;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        built o;
        build(&cases[i], &o);
        o.pr.deadline = rs_now() - 1;
        o.pr.interrupt = &stop;
        int slot[MAXM];
        rs_b2b_result res = {.slot = slot};
        rs_diag *d = rs_diag_new();
        assert_int_equal(rs_b2b_solve(&o.pr, &res, d), RS_OK);
        if (res.status == RS_B2B_FEASIBLE || res.status == RS_B2B_OPTIMAL) {
            assert_true(res.bound <= res.cost + 1e-9);
            assert_int_equal(rs_b2b_evaluate(&o.pr, slot, NULL, NULL), 1);
        }
        if (res.status == RS_B2B_OPTIMAL)
            assert_true(fabs(res.bound - res.cost) < 1e-9);
        if (res.status == RS_B2B_INFEASIBLE)
            assert_int_equal(cases[i].status, RS_B2B_INFEASIBLE);
        rs_diag_free(d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_cases),
        cmocka_unit_test(test_random_against_brute_force),
        cmocka_unit_test(test_direct_model),
        cmocka_unit_test(test_sat_against_brute_force),
        cmocka_unit_test(test_sat_hint),
        cmocka_unit_test(test_sat_child),
        cmocka_unit_test(test_run_limits),
        cmocka_unit_test(test_same_answer_twice_and_start),
        cmocka_unit_test(test_bad_problems),
        cmocka_unit_test(test_deadline_passed),
    };
    int fail = cmocka_run_group_tests(tests, NULL, NULL);
    rs_cleanup();
    return fail;
}
