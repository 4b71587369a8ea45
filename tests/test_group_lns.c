/*
 * test_group_lns.c - the group format's large-neighbourhood search
 * (group_lns.c) on every solvable event of tests/data/group and
 * tests/data/group-lns (generated ones, larger than the hand-made ones;
 * three with gaps that cost or are capped: on cap2203, where nobody may
 * have a gap, sub-MIPs without gap columns ended at -299 of -194): from a
 * deliberately poor timetable (the greedy construction with every other
 * pitch dropped and the panels that stay cut to their must members and
 * group_min_investors), rs_gt_lns must never lower the objective, must
 * raise it on some event, its timetable must keep every rule (rs_gt_valid
 * and the independent checker, at the objective the timetable reports)
 * and meet every must pair, and a second run from the same start must
 * end on the same pitches (the search ends by itself on these small
 * events, so it repeats exactly; cap2203 and cap2206 start with SMEs
 * below their minimum that have few candidates, so their runs go through
 * the short-SME neighbourhood too).  Its last level frees the whole event,
 * so on these events it must end at the known optimum (the case's
 * expected objective), also when asked for no levels at all: the
 * neighbourhoods then keep growing past the caller's levels.  That third
 * run takes the neighbourhood kinds in the order the search's twin in a
 * second process does (variant 3, group.c), which must reach the optimum
 * too, and so must a fourth run as the twin runs: that order, starting
 * at the caller's last level (windows over every venue at once).  Every
 * run must report that it ended by itself (not cut).  After the first,
 * a second search from its end must find nothing, end by itself and skip
 * some neighbourhoods (rs_gt_lns_counts): those tried without a gain on
 * the same timetable are not solved again.  All four runs are made in
 * the sanitized build too (55 s there; before the search stopped solving
 * neighbourhoods again, 169 s, and that build made only two).
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "group_lns.h"

/* Events where the search raised the objective. */
static int improved_events;

/* One run: the poor timetable, then the search inside a guarded call. */
typedef struct {
    const rs_event *ev;
    rs_gt h;
    rs_gtsave snap;
    int *cand, *cand_start, *order, *buf;
    double before, after;
    long found;
    int levels, first, variant, cut;
    /* again: a second search from the first's end, which found (again_found)
     * after solving and skipping (rs_gt_lns_counts) that many */
    int again, again_cut;
    long again_found, solved, skipped;
    double again_after;
} glns_case;

/* Candidate pairs per SME column (in pair order) and the SMEs in index
 * order: enough for the construction. */
static int make_candidates(glns_case *c)
{
    const rs_event *ev = c->ev;
    c->cand = calloc((size_t)ev->npairs + 1, sizeof(int));
    c->cand_start = calloc((size_t)ev->nsme + 2, sizeof(int));
    c->order = calloc((size_t)ev->nsme + 1, sizeof(int));
    c->buf = calloc((size_t)ev->ninv + 1, sizeof(int));
    if (!c->cand || !c->cand_start || !c->order || !c->buf)
        return -1;
    int n = 0;
    for (int s = 0; s < ev->nsme; s++) {
        c->cand_start[s] = n;
        c->order[s] = ev->ninv + s;
        for (int p = 0; p < ev->npairs; p++)
            if (rs_sme_col(ev, ev->pairs[p].sme) == s)
                c->cand[n++] = p;
    }
    c->cand_start[ev->nsme] = n;
    return 0;
}

/* The poor timetable: every other pitch of the construction dropped, the
 * others' panels cut to their musts and group_min_investors. */
static void make_poor(rs_gt *h)
{
    const rs_event *ev = h->ev;
    for (int pi = h->npt - 1; pi >= 0; pi--)
        if (pi % 2 == 1 && h->npt > 1) {
            int must = 0;
            for (int j = 0; j < h->pt[pi].ninv; j++)
                must |= ev->pairs[rs_pair_index(ev, h->pt[pi].inv[j], h->pt[pi].sme)].must;
            if (!must)
                rs_gt_remove_pitch(h, pi);
        }
    for (int pi = 0; pi < h->npt; pi++)
        for (int j = h->pt[pi].ninv - 1; j >= 0 && h->pt[pi].ninv > ev->group_min_investors; j--)
            if (!ev->pairs[rs_pair_index(ev, h->pt[pi].inv[j], h->pt[pi].sme)].must)
                rs_gt_remove_inv(h, pi, j);
}

static rs_code run_glns(void *arg)
{
    glns_case *c = arg;
    if (make_candidates(c) != 0 || rs_gt_init(&c->h, c->ev, c->cand, c->cand_start) != 0 ||
        rs_gt_construct(&c->h, c->order, c->buf) != 0)
        return RS_ENOMEM;
    make_poor(&c->h);
    c->before = rs_gt_objective(&c->h);
    c->found = rs_gt_lns(&c->h, &c->snap, c->levels, c->first, c->variant, rs_now() + 60, NULL,
                         &c->cut);
    c->after = rs_gt_objective(&c->h);
    if (c->found < 0)
        return RS_ENOMEM;
    if (c->again) {
        long solved0, skipped0;
        rs_gt_lns_counts(&solved0, &skipped0);
        c->again_found = rs_gt_lns(&c->h, &c->snap, c->levels, c->first, c->variant,
                                   rs_now() + 60, NULL, &c->again_cut);
        c->again_after = rs_gt_objective(&c->h);
        rs_gt_lns_counts(&c->solved, &c->skipped);
        c->solved -= solved0;
        c->skipped -= skipped0;
    }
    return c->again_found < 0 ? RS_ENOMEM : RS_OK;
}

static void free_case(glns_case *c)
{
    rs_gt_free(&c->h);
    free(c->snap.v);
    free(c->cand);
    free(c->cand_start);
    free(c->order);
    free(c->buf);
}

static void test_glns_event(void **state)
{
    const char *dir = *state;
    char *expected = tu_path(dir, "expected");
    FILE *f = fopen(expected, "r");
    free(expected);
    if (!f)
        return; /* an infeasible case: nothing to improve */
    fclose(f);
    expected = tu_path(dir, "expected");
    double optimum = tu_read_number(expected);
    free(expected);
    rs_event *ev = tu_load_ok(dir);
    char *first = NULL;
    for (int run = 0; run < 4; run++) {
        glns_case c;
        memset(&c, 0, sizeof c);
        c.ev = ev;
        c.levels = run == 2 ? 0 : 2;
        c.first = run == 3 ? 2 : 0;
        c.variant = run < 2 ? 0 : 3;
        c.again = run == 0;
        rs_glpk_call call = {.fn = run_glns, .arg = &c, .quiet = 1};
        assert_int_equal(rs_glpk_guarded(&call), RS_OK);
        assert_true(c.after >= c.before - 1e-9);
        assert_int_equal(c.cut, 0);
        assert_true(rs_gt_valid(&c.h));
        assert_int_equal(rs_gt_missing_musts(&c.h), 0);
        rs_schedule *s = rs_gt_to_schedule(&c.h);
        assert_non_null(s);
        double checked = tu_check_ok(ev, s);
        assert_true(fabs(checked - c.after) < 1e-6);
        if (fabs(c.after - optimum) > 1e-6)
            fail_msg("%s: the search ended at %g with %d levels from level %d (variant %d), "
                     "the optimum is %g",
                     dir, c.after, c.levels, c.first, c.variant, optimum);
        s->objective = rs_objective(ev, s, &s->idle_slots, NULL);
        char *text = rs_schedule_to_json(ev, s);
        assert_non_null(text);
        rs_schedule_free(s);
        if (run == 0) {
            print_message("  %s: %g poor, %g after the search (%ld improvements)\n", dir,
                          c.before, c.after, c.found);
            /* at the optimum a second search finds nothing, ends by
             * itself, and does not solve again the neighbourhoods that
             * recur from level to level (slot pairs, panels of every
             * investor) on its unchanged timetable */
            print_message("  %s: again from there: %ld sub-MIPs solved, %ld skipped\n", dir,
                          c.solved, c.skipped);
            assert_int_equal(c.again_found, 0);
            assert_int_equal(c.again_cut, 0);
            assert_true(fabs(c.again_after - c.after) < 1e-9);
            assert_true(c.solved > 0);
            assert_true(c.skipped > 0);
            improved_events += c.after > c.before + 1e-9;
            first = text;
        } else if (run == 1) {
            assert_string_equal(first, text);
            free(text);
        } else {
            free(text);
        }
        free_case(&c);
    }
    free(first);
    rs_event_free(ev);
}

int main(void)
{
    int rc = tu_run_folder_tests("group_lns", "group", test_glns_event, 5);
    rc |= tu_run_folder_tests("group_lns (tests/data/group-lns)", "group-lns", test_glns_event, 1);
    if (rc == 0 && improved_events == 0) {
        fprintf(stderr, "group_lns: the search improved no event\n");
        return 1;
    }
    return rc;
}
