/*
 * test_simplex.c - rs_simplex_until (glpk_layer.c) takes the same path
 * however slowly it runs: a degenerate transportation LP solved twice, the
 * second time with GLPK's progress output held up for a while now and
 * then (as a loaded machine would), must end with the same objective, the
 * same basis and the same duals.  The B2B search reads its bound and its
 * column filter off these duals, so a path that depended on the clock
 * would make the same event give different schedules.  Also: the deadline
 * and the interrupt still stop it.
 */
#include "testutil.h"

#include "glpk_layer.h"

#include <time.h>

#define SRC 45
#define DST 45

/* A transportation LP with small integral costs (many ties, so many
 * optimal bases) and equal supplies and demands (degenerate). */
static glp_prob *transport(void)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_rows(lp, SRC + DST);
    for (int i = 1; i <= SRC; i++)
        glp_set_row_bnds(lp, i, GLP_FX, 10, 10);
    for (int j = 1; j <= DST; j++)
        glp_set_row_bnds(lp, SRC + j, GLP_FX, 10, 10);
    uint64_t s = 0x2545F4914F6CDD1DULL;
    for (int i = 1; i <= SRC; i++)
        for (int j = 1; j <= DST; j++) {
            int c = glp_add_cols(lp, 1), ind[3] = {0, i, SRC + j};
            double val[3] = {0, 1, 1};
            glp_set_mat_col(lp, c, 2, ind, val);
            glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            glp_set_obj_coef(lp, c, (double)(s % 7));
        }
    return lp;
}

/* GLPK's progress lines, each third one held up for 60 ms. */
static int slow_hook(void *info, const char *text)
{
    int *lines = info;
    (void)text;
    if (++*lines % 3 == 0) {
        struct timespec ts = {0, 60 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    return 1; /* printed nothing */
}

typedef struct {
    double obj;
    double dual[SRC + DST + 1];
    int stat[SRC * DST + 1];
    int ret, lines;
} solved;

static void solve(solved *out, int slow)
{
    glp_prob *lp = transport();
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.meth = GLP_PRIMAL;
    out->lines = 0;
    if (slow) {
        sm.msg_lev = GLP_MSG_ALL;
        sm.out_frq = 1;
        sm.out_dly = 0;
        glp_term_hook(slow_hook, &out->lines);
    } else
        sm.msg_lev = GLP_MSG_OFF;
    out->ret = rs_simplex_until(lp, &sm, rs_now() + 600, NULL);
    glp_term_hook(NULL, NULL);
    assert_int_equal(glp_get_status(lp), GLP_OPT);
    out->obj = glp_get_obj_val(lp);
    for (int i = 1; i <= SRC + DST; i++)
        out->dual[i] = glp_get_row_dual(lp, i);
    for (int j = 1; j <= SRC * DST; j++)
        out->stat[j] = glp_get_col_stat(lp, j);
    glp_delete_prob(lp);
}

static void test_same_path_when_slow(void **state)
{
    (void)state;
    static solved a, b;
    solve(&a, 0);
    solve(&b, 1);
    assert_int_equal(a.ret, 0);
    assert_int_equal(b.ret, 0);
    assert_true(b.lines > 3); /* the slow run was held up */
    assert_true(a.obj == b.obj);
    for (int i = 1; i <= SRC + DST; i++)
        assert_true(a.dual[i] == b.dual[i]);
    for (int j = 1; j <= SRC * DST; j++)
        assert_int_equal(a.stat[j], b.stat[j]);
}

static void test_deadline_and_interrupt(void **state)
{
    (void)state;
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    glp_prob *lp = transport();
    assert_int_equal(rs_simplex_until(lp, &sm, rs_now() - 1, NULL), GLP_ETMLIM);
    volatile sig_atomic_t stop = 1;
    assert_int_equal(rs_simplex_until(lp, &sm, rs_now() + 600, &stop), GLP_ETMLIM);
    stop = 0;
    assert_int_equal(rs_simplex_until(lp, &sm, rs_now() + 600, &stop), 0);
    assert_int_equal(glp_get_status(lp), GLP_OPT);
    glp_delete_prob(lp);
    glp_free_env();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_path_when_slow),
        cmocka_unit_test(test_deadline_and_interrupt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
