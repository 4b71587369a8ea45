/*
 * test_sat.c - the clause-learning satisfiability solver (scheduler/sat.h)
 * behind the questions of brokerage days.
 *
 * Seeded random formulas around the hardest ratio of clauses to variables
 * are answered and compared with an exhaustive search: the answer must
 * agree and every model must satisfy every clause.  Then formulas whose
 * answer is known (pigeons in holes, a chain of implications, the empty
 * clause, units that clash, duplicates and tautologies), the same answer
 * and the same counts twice, phases that choose among models, progress
 * reports of a growing work and a deadline that stops the search honestly, and a large satisfiable
 * formula that makes the solver learn, restart and halve its clauses.
 */
#include "testutil.h"

#include "sat.h"

/* A formula of k-literal clauses over variables 1..n in a flat array. */
typedef struct {
    int n, m, k;
    int lit[400 * 3];
} formula;

static unsigned next_rand(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    return (*x >> 8) & 0xffffffu;
}

static void random_formula(formula *f, int n, int m, unsigned seed)
{
    f->n = n;
    f->m = m;
    f->k = 3;
    for (int i = 0; i < m * 3; i++) {
        int v = 1 + (int)(next_rand(&seed) % (unsigned)n);
        f->lit[i] = next_rand(&seed) & 1 ? v : -v;
    }
}

static int satisfies(const formula *f, unsigned assign)
{
    for (int c = 0; c < f->m; c++) {
        int ok = 0;
        for (int j = 0; j < f->k && !ok; j++) {
            int l = f->lit[c * f->k + j], v = abs(l) - 1;
            ok = ((assign >> v) & 1u) == (l > 0);
        }
        if (!ok)
            return 0;
    }
    return 1;
}

static int brute_force(const formula *f)
{
    for (unsigned a = 0; a < (1u << f->n); a++)
        if (satisfies(f, a))
            return 1;
    return 0;
}

static rs_sat *load(const formula *f)
{
    rs_sat *s = rs_sat_new(f->n);
    assert_non_null(s);
    for (int c = 0; c < f->m; c++)
        assert_int_equal(rs_sat_add(s, f->lit + c * f->k, f->k), 0);
    return s;
}

static unsigned model_of(const rs_sat *s, int n)
{
    unsigned a = 0;
    for (int v = 1; v <= n; v++)
        a |= (unsigned)rs_sat_value(s, v) << (v - 1);
    return a;
}

static void test_random_against_brute_force(void **state)
{
    (void)state;
    static formula f;
    int nsat = 0, nunsat = 0;
    for (unsigned seed = 1; seed <= 300; seed++) {
        int n = 6 + (int)(seed % 11); /* 6 to 16 variables */
        int m = (int)(n * 4.26 + 0.5) + (int)(seed % 5) - 2;
        random_formula(&f, n, m, seed);
        rs_sat *s = load(&f);
        rs_sat_result r = rs_sat_solve(s, 0);
        int expect = brute_force(&f);
        assert_int_equal(r, expect ? RS_SAT_SAT : RS_SAT_UNSAT);
        if (r == RS_SAT_SAT) {
            assert_true(satisfies(&f, model_of(s, n)));
            nsat++;
        } else {
            nunsat++;
        }
        rs_sat_free(s);
    }
    /* the ratio makes both answers common, so both paths are exercised */
    assert_true(nsat > 50);
    assert_true(nunsat > 50);
}

/* Pigeon p in hole h is variable p * holes + h + 1. */
static rs_sat *pigeons(int np, int nh)
{
    rs_sat *s = rs_sat_new(np * nh);
    int lit[16];
    assert_non_null(s);
    for (int p = 0; p < np; p++) {
        for (int h = 0; h < nh; h++)
            lit[h] = p * nh + h + 1;
        assert_int_equal(rs_sat_add(s, lit, nh), 0);
    }
    for (int h = 0; h < nh; h++)
        for (int p = 0; p < np; p++)
            for (int q = p + 1; q < np; q++) {
                int two[2] = {-(p * nh + h + 1), -(q * nh + h + 1)};
                assert_int_equal(rs_sat_add(s, two, 2), 0);
            }
    return s;
}

static void test_known_answers(void **state)
{
    (void)state;
    rs_sat *s = pigeons(7, 6); /* needs many conflicts to refute */
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_UNSAT);
    assert_true(rs_sat_conflicts(s) > 100);
    rs_sat_free(s);

    s = pigeons(6, 6);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_SAT);
    for (int h = 0; h < 6; h++) { /* one pigeon per hole */
        int in = 0;
        for (int p = 0; p < 6; p++)
            in += rs_sat_value(s, p * 6 + h + 1);
        assert_int_equal(in, 1);
    }
    rs_sat_free(s);

    /* x1, x1 -> x2, ..., x99 -> x100, not x100 */
    s = rs_sat_new(100);
    int one = 1;
    rs_sat_add(s, &one, 1);
    for (int v = 1; v < 100; v++) {
        int imp[2] = {-v, v + 1};
        rs_sat_add(s, imp, 2);
    }
    int last = -100;
    rs_sat_add(s, &last, 1);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_UNSAT);
    assert_int_equal(rs_sat_conflicts(s), 0); /* units alone refute it */
    rs_sat_free(s);

    s = rs_sat_new(3);
    assert_int_equal(rs_sat_add(s, NULL, 0), 0);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_UNSAT);
    rs_sat_free(s);

    s = rs_sat_new(2);
    int a = 2, b = -2;
    rs_sat_add(s, &a, 1);
    rs_sat_add(s, &b, 1);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_UNSAT);
    rs_sat_free(s);

    /* duplicates shrink a clause, a tautology is no constraint */
    s = rs_sat_new(2);
    int dup[3] = {1, 1, 1}, taut[3] = {2, -2, -1}, neg2[1] = {-2};
    rs_sat_add(s, dup, 3);
    rs_sat_add(s, taut, 3);
    rs_sat_add(s, neg2, 1);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_SAT);
    assert_int_equal(rs_sat_value(s, 1), 1);
    assert_int_equal(rs_sat_value(s, 2), 0);
    rs_sat_free(s);

    /* no variables at all */
    s = rs_sat_new(0);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_SAT);
    rs_sat_free(s);
}

/* A satisfiable formula large enough to learn, restart and halve: a
 * random 3-SAT formula planted around a hidden assignment. */
static rs_sat *planted(int n, int m, unsigned seed, unsigned char *hidden)
{
    rs_sat *s = rs_sat_new(n);
    assert_non_null(s);
    for (int v = 1; v <= n; v++)
        hidden[v] = (unsigned char)(next_rand(&seed) & 1);
    for (int c = 0; c < m; c++) {
        int lit[3], ok = 0;
        while (!ok) {
            for (int j = 0; j < 3; j++) {
                int v = 1 + (int)(next_rand(&seed) % (unsigned)n);
                lit[j] = next_rand(&seed) & 1 ? v : -v;
                ok |= (lit[j] > 0) == (hidden[v] != 0);
            }
        }
        assert_int_equal(rs_sat_add(s, lit, 3), 0);
    }
    return s;
}

static void test_large_and_deterministic(void **state)
{
    (void)state;
    enum { N = 400, M = 1680 };
    unsigned char *hidden = malloc(N + 1);
    unsigned char *first = malloc(N + 1);
    assert_non_null(hidden);
    assert_non_null(first);
    long long work = 0, conflicts = 0;
    for (int run = 0; run < 2; run++) {
        rs_sat *s = planted(N, M, 77, hidden);
        assert_int_equal(rs_sat_solve(s, 0), RS_SAT_SAT);
        for (int v = 1; v <= N; v++) {
            if (run == 0)
                first[v] = (unsigned char)rs_sat_value(s, v);
            else
                assert_int_equal(first[v], rs_sat_value(s, v));
        }
        if (run == 1) {
            assert_true(work == rs_sat_work(s));
            assert_true(conflicts == rs_sat_conflicts(s));
        }
        work = rs_sat_work(s);
        conflicts = rs_sat_conflicts(s);
        rs_sat_free(s);
    }
    assert_true(conflicts > 1000); /* it learnt, restarted and halved */
    /* every clause holds in the model */
    rs_sat *s = planted(N, M, 77, hidden);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_SAT);
    unsigned seed = 77;
    for (int v = 1; v <= N; v++)
        (void)next_rand(&seed);
    for (int c = 0; c < M; c++) {
        int lit[3], ok = 0, holds = 0;
        while (!ok) {
            for (int j = 0; j < 3; j++) {
                int v = 1 + (int)(next_rand(&seed) % (unsigned)N);
                lit[j] = next_rand(&seed) & 1 ? v : -v;
                ok |= (lit[j] > 0) == (hidden[v] != 0);
            }
        }
        for (int j = 0; j < 3; j++)
            holds |= rs_sat_value(s, abs(lit[j])) == (lit[j] > 0);
        assert_true(holds);
    }
    rs_sat_free(s);
    free(hidden);
    free(first);
}

static void test_phases(void **state)
{
    (void)state;
    /* exactly one of 1..8: the phases decide which one */
    for (int want = 1; want <= 8; want++)
        for (int fixed = 0; fixed <= 1; fixed++) {
            rs_sat *s = rs_sat_new(8);
            int all[8];
            for (int v = 1; v <= 8; v++)
                all[v - 1] = v;
            rs_sat_add(s, all, 8);
            for (int v = 1; v <= 8; v++)
                for (int w = v + 1; w <= 8; w++) {
                    int two[2] = {-v, -w};
                    rs_sat_add(s, two, 2);
                }
            rs_sat_phase(s, want, 1);
            rs_sat_fix_phases(s, fixed);
            assert_int_equal(rs_sat_solve(s, 0), RS_SAT_SAT);
            assert_int_equal(rs_sat_value(s, want), 1);
            assert_int_equal(rs_sat_conflicts(s), 0);
            rs_sat_free(s);
        }
}

/* rs_sat_on_progress callback: counts the calls and checks the work
 * grows. */
static void count_progress(void *ctx, long long work)
{
    long long *seen = ctx;
    assert_true(work > seen[1]);
    seen[0]++;
    seen[1] = work;
}

static void test_progress_and_deadline(void **state)
{
    (void)state;
    long long seen[2] = {0, 0};
    rs_sat *s = pigeons(9, 8); /* refuted after many conflicts */
    rs_sat_on_progress(s, 1000, count_progress, seen);
    assert_int_equal(rs_sat_solve(s, 0), RS_SAT_UNSAT);
    assert_true(seen[0] > 0);
    assert_true(seen[1] <= rs_sat_work(s));
    rs_sat_free(s);

    s = pigeons(12, 11); /* far beyond the deadline */
    double t0 = rs_now();
    assert_int_equal(rs_sat_solve(s, t0 + 0.2), RS_SAT_UNKNOWN);
    assert_true(rs_now() - t0 < 5.0);
    rs_sat_free(s);
    rs_sat_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_against_brute_force),
        cmocka_unit_test(test_known_answers),
        cmocka_unit_test(test_large_and_deterministic),
        cmocka_unit_test(test_phases),
        cmocka_unit_test(test_progress_and_deadline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
