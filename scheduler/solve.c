/*
 * solve.c - rs_solve, the harness every format's search runs in, and the
 * one-to-one format's solver.
 *
 * rs_solve picks the event's format (rs_format, phase.h: this file's
 * one-to-one format or group.c's), checks the must requests for clashes
 * visible in the inputs, reads the previous schedule when re-scheduling,
 * runs the format's phase table inside one guarded GLPK call
 * (glpk_layer.h), takes the format's schedule and explains it.
 *
 * The one-to-one phases, in table order (docs/solving.md gives the
 * figures):
 *   selection  the selection relaxation (select.c): a proven bound and
 *              the order in which the timetable places pairs;
 *   caps       where gaps are capped (max_idle_gaps), the pattern
 *              relaxation by Lagrangian relaxation (pattern_lr.c), which
 *              keeps each participant's cap over its days: a bound (on
 *              other events its rounds run for the bound alone in a
 *              child once the annealing is done: beside_start);
 *   exact      on must-heavy days whose musts the exact search takes
 *              (fixed.h) and with optional pairs besides: b2b.c's exact
 *              search timetables the musts with the optional pairs worth
 *              a meeting, then (unless proven optimal) the musts alone;
 *   timetable  the pairs placed in the selection's order, each where it
 *              adds most, musts forced in (heur.c), from nothing and from
 *              each timetable of the exact phase: the best kept;
 *   rescue     when those leave musts out, timetables built again with
 *              the musts first (and b2b.c's search over the musts);
 *   descent, anneal, improve, rebuild, retime: local search, simulated
 *              annealing, local search again with ejection chains for
 *              those below their minimum, whole investor-days
 *              rebuilt (rebuild.c) and exact re-timing of participant-days
 *              (retime.c), within the heuristic window;
 *   repair     musts still missing forced in;
 *   pattern    the pattern bound (pattern.c), on small events;
 *   lns        large-neighbourhood search with exact sub-MIPs (lns.c);
 *   lp, branch the direct model (model.c): its LP bound, then GLPK's
 *              branch and cut from the heuristic schedule (direct
 *              strategy only: the decompose table ends at lns);
 *   tail       hot annealing passes in what branch and cut leaves of
 *              the run (direct strategy only).
 *
 * GLPK never aborts the process: an error frees GLPK's environment and
 * gives RS_ESOLVER, or, past the memory limit, the timetable found
 * before.  GLPK's terminal output goes to stderr (or nowhere when quiet),
 * never to stdout.
 */
#define _POSIX_C_SOURCE 200809L
#include "child.h"
#include "clash.h"
#include "fixed.h"
#include "group.h"
#include "heur.h"
#include "model.h"
#include "phase.h"
#include "workflow.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Above this many x columns the direct model is left to the decomposition
 * by default: GLPK's LP alone then takes most of a minute. */
#define DIRECT_MAX_COLUMNS 20000L
/* And above this many participant-slots (participants times slots), whose
 * span, idle and gap columns and rows the direct model adds to its x
 * columns: brokerage days of 300 to 800 businesses in 14 slots with
 * fewer than 20,000 x columns never finished the direct model's LP in
 * the half of the run it had, and the decomposition, whose heuristic
 * then has the whole run, ended higher side by side at 20 s (gen
 * brokerage smes=300 rooms=50: 3,235 -> 3,359; smes=500 rooms=80: 4,880
 * -> 5,217; smes=800 rooms=120: 7,859 -> 8,230), while one-to-one days
 * of 115 to 170 people and brokerage days of 100 and 150 ended within a
 * few points either way. */
#define DIRECT_MAX_PERSON_SLOTS 3000L

/* The pattern bound's column budget: the benchmark's S needs about
 * 11,800 columns and about 1 s; its LP grows faster than its size. */
#define PATTERN_MAX_COLUMNS 40000L
/* Annealing passes of the timetabling heuristic, and their starting
 * temperature in objective units (heur.h).  Hotter starts wander too far
 * from the constructed timetable to come back within the time large
 * events allow. */
#define ANNEAL_PASSES 2
#define ANNEAL_HEAT 0.5
/* Passes more, each from the best timetable so far, that the phase runs
 * while its time lasts and the gap is open, and their starting
 * temperature: on events whose passes end early (a few hundred pairs)
 * the cold passes stop on a local optimum that a hotter search leaves.
 * A brokerage day of 60 businesses with gaps worth 5 and idle slots 1
 * (sweep events, docs/solving.md): 717 -> 804 against a bound of 835;
 * the benchmark's S -441 -> -440. */
#define ANNEAL_REHEATS 8
#define ANNEAL_REHEAT_HEAT 3.0
/* The selection MIP's time limit, as a share of the time left (200 ms at
 * least); its LP has the selection phase's time. */
#define SELECTION_MIP_SHARE 0.2
/* The direct strategy's heuristic window: a quarter of the run's time;
 * the decomposition's is all of it. */
#define DIRECT_HEURISTIC_SHARE 0.25

/* Seconds kept back from the search per candidate pair, for explaining
 * the schedule within the time limit, and the most share of the limit
 * kept so.  Explaining the schedules of events of about 290,000 pairs
 * takes 0.25 to 0.54 s on the project's 2-core machine (the most with
 * 1,800 SMEs short of their minimum), twice that is kept. */
#define EXPLAIN_SECONDS_PER_PAIR 4e-6
#define EXPLAIN_MAX_SHARE 0.1

/* The exact phase's share of the time left, and the share of it that
 * the search over the musts with the optional pairs worth a meeting gets
 * (the musts alone get the rest).  Each search stops sooner when it
 * proves its timetable optimal, but its annealing, which finds the
 * timetables, runs for at most half of its time: forum-13's 154 meetings
 * needed about 7.5 s of annealing to reach 0 gaps.  The one-to-one phases
 * after it need the rest to place the optional pairs around the musts. */
#define EXACT_MUSTS_SHARE 0.75
#define EXACT_WANTED_SHARE 0.75

/* The share of the time left that the rescue phase may take when the
 * first timetables leave musts out: all of it for rebuilding, or, where
 * b2b.c's search applies to the musts, a quarter of it for rebuilding and
 * the rest for that search (which runs only when rebuilding left musts
 * out, and stops early only when it proves its timetable optimal). */
#define RESCUE_SHARE 0.5

/* Seconds before the run's deadline at which the caps phase's child
 * stops: its last round (40 ms on 300 x 3,000) and its last value are in
 * before the run takes its schedule. */
#define CAPS_CHILD_MARGIN 0.3

/* The twin annealing (phase_anneal): the number its passes' random
 * draws start from, the least time the phase must have for it to start
 * (seconds), and how long after the phase's deadline its answer is
 * waited for (its last move and the writing of its timetable). */
#define ANNEAL_TWIN_PASS 1000
#define ANNEAL_TWIN_MIN 0.3
#define ANNEAL_TWIN_WAIT 0.25

/* The share of the time left after the pattern bound that the direct
 * strategy gives the large-neighbourhood search. */
#define LNS_DIRECT_SHARE 0.5
/* Seconds at least that branch and cut must leave for the search to go
 * on after it (the tail phase). */
#define TAIL_MIN_SECONDS 0.3
/* The tail's annealing draws are numbered from here (the phase's own
 * from 0, its twin's from ANNEAL_TWIN_PASS). */
#define TAIL_PASS 2000

/* Seconds the must-clash search may spend when no time limit is given,
 * and the share of a run's limit it may take (the rest is the search's:
 * the clashes it proves are mostly ones the relaxation shows at once). */
#define CLASH_BUDGET 10.0
#define CLASH_SHARE 0.25

void (*rs_solve_test_hook)(void);

void rs_cleanup(void)
{
    glp_free_env();
}

void rs_options_init(rs_options *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = -1;
    o->mip_gap = -1;
    o->strategy = RS_STRATEGY_AUTO;
    o->previous = NULL;
}

/* ------------------------------------------------ the one-to-one format */

/* The one-to-one solver's state: the selection, the timetable, the
 * direct model and GLPK's schedule. */
typedef struct {
    rs_selection sel;
    rs_tt *h;
    int missing;      /* must pairs the timetable lacks                  */
    int heur_done;    /* the timetable is complete (repair has run)      */
    rs_model model;
    int lp_solved;    /* the direct model's LP reached its optimum        */
    double *hx;       /* the timetable as the model's vector, or NULL     */
    rs_schedule *glpk_sched;
    int glpk_optimal; /* GLPK proved glpk_sched optimal                   */
    rs_placement *lns_backup; /* the timetable as lns found it, while lns
                                 runs (a GLPK error inside leaves meetings
                                 out), else NULL                          */
    int lns_nbackup;
    int exact_musts;  /* the exact phase timetables the musts            */
    rs_fixed *exact;  /* its search while it runs, else NULL              */
    rs_placement *start_at[2]; /* its timetables (musts with the optional
                                  pairs worth a meeting, musts alone), each
                                  start_n[i] meetings, or NULL             */
    int start_n[2];
    unsigned char *guide; /* 2 x np x nslots: the caps phase's two plans of
                             each participant's slots (rs_pattern_lagrange),
                             or NULL                                    */
    rs_lr_child *caps_child; /* the caps phase's rounds going on beside the
                                search (pattern_lr.c), or NULL         */
    rs_lr_child *beside;  /* on events without caps, the same rounds for the
                             bound alone after the annealing (beside_start),
                             or NULL                                    */
} one_t;

/* Whether the timetable (ctx: a per-pair byte map) places pair p. */
static int pair_met(const void *ctx, int p)
{
    const unsigned char *met = ctx;
    return met && met[p];
}

/* Sets met[p] (npairs bytes) to whether timetable h (NULL: none) holds
 * pair p. */
static void mark_met(const rs_event *ev, const rs_tt *h, unsigned char *met)
{
    int n = 0;
    const rs_placement *at = h ? rs_tt_meetings(h, &n) : NULL;
    memset(met, 0, (size_t)ev->npairs);
    for (int i = 0; i < n; i++)
        met[at[i].pair] = 1;
}

/* Lists the must pairs timetable h (NULL: none) lacks (for exit 3 and 4
 * messages).  Out of memory, it lists nothing. */
static void list_missing_musts(const rs_run *run, const rs_tt *h, const char *why)
{
    const rs_event *ev = run->ev;
    unsigned char *met = malloc((size_t)ev->npairs + 1);
    if (!met)
        return;
    mark_met(ev, h, met);
    rs_run_list_musts(ev, pair_met, met, run->diag, why);
    free(met);
}

/* Number of x columns the direct model would have. */
static long direct_columns(const rs_event *ev)
{
    long n = 0;
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        const rs_participant *a = &ev->p[pr->inv], *b = &ev->p[pr->sme];
        int need = a->team_size + b->team_size;
        for (int k = 0; k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k] || !rs_pair_slot_ok(ev, p, k))
                continue;
            for (int v = 0; v < ev->nvenues; v++)
                for (int r = 0; r < ev->nrooms; r++)
                    if (ev->rooms[r].venue == v && ev->rooms[r].avail[k] &&
                        ev->rooms[r].capacity >= need) {
                        n++;
                        break;
                    }
        }
        if (n > 100 * DIRECT_MAX_COLUMNS)
            break;
    }
    return n;
}

/* Sum over participants of one side (investors or SMEs) of their best
 * capacity-many positive pair scores: each meeting has one participant of
 * each side, who meets at most its capacity of distinct others, and
 * shortfalls and idle slots only subtract, so this bounds the objective.
 * order lists the pairs best score first; ok marks the placeable ones;
 * left holds each participant's capacity and is used up. */
static double side_bound(const rs_event *ev, int investors, const int *order,
                         const unsigned char *ok, int *left)
{
    double total = 0;
    for (int i = 0; i < ev->npairs; i++) {
        const rs_pair *pr = &ev->pairs[order[i]];
        int who = investors ? pr->inv : pr->sme;
        if (ok[order[i]] && pr->score > 0 && left[who] > 0) {
            left[who]--;
            total += pr->score;
        }
    }
    return total;
}

/* With peer pairs a meeting need not have one participant of each side:
 * half the sum over all participants of their best capacity-many positive
 * pair scores (each meeting counted at both ends) bounds the objective.
 * Arguments as for side_bound. */
static double ends_bound(const rs_event *ev, const int *order, const unsigned char *ok,
                         int *left)
{
    double total = 0;
    for (int i = 0; i < ev->npairs; i++) {
        const rs_pair *pr = &ev->pairs[order[i]];
        if (!ok[order[i]] || pr->score <= 0)
            continue;
        int ends[2] = {pr->inv, pr->sme};
        for (int e = 0; e < 2; e++)
            if (left[ends[e]] > 0) {
                left[ends[e]]--;
                total += pr->score / 2;
            }
    }
    return total;
}

/* Stands in for the selection when its LP or first flow did not finish
 * (time limit or interrupt): pairs best score first, musts ahead, and the
 * weaker bound of side_bound, which needs no LP, or the bound the
 * selection left in sel->bound without one (select.c's separable bound,
 * INFINITY when none) when that is lower. */
static rs_code fallback_selection(const rs_event *ev, rs_selection *sel)
{
    double cheaper = sel->bound;
    memset(sel, 0, sizeof *sel);
    sel->order = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    unsigned char *ok = malloc((size_t)ev->npairs + 1);
    int *left = malloc((size_t)ev->np * sizeof(int) + 1);
    if (!sel->order || !ok || !left) {
        free(ok);
        free(left);
        return RS_ENOMEM; /* sel->order is freed with the work */
    }
    for (int p = 0; p < ev->npairs; p++) {
        sel->order[p] = p;
        ok[p] = (unsigned char)rs_pair_placeable(ev, p);
    }
    rs_sort_pairs_by_score(ev, sel->order, ev->npairs);
    double b[2];
    for (int side = 0; side < 2; side++) {
        for (int i = 0; i < ev->np; i++)
            left[i] = rs_participant_capacity(ev, i);
        b[side] = side_bound(ev, side, sel->order, ok, left);
    }
    if (ev->npairs_io < ev->npairs) { /* peer pairs: both ends of a meeting count */
        for (int i = 0; i < ev->np; i++)
            left[i] = rs_participant_capacity(ev, i);
        b[0] = b[1] = ends_bound(ev, sel->order, ok, left);
    }
    sel->bound = fmin(rs_safe_bound(ev, fmin(b[0], b[1])), cheaper);
    free(ok);
    free(left);
    int n = 0; /* musts first, keeping the score order */
    for (int i = 0; i < ev->npairs; i++) {
        int p = sel->order[i];
        if (ev->pairs[p].must) {
            memmove(sel->order + n + 1, sel->order + n, (size_t)(i - n) * sizeof(int));
            sel->order[n++] = p;
        }
    }
    return RS_OK;
}

/* selection: the selection relaxation, its LP until the phase's deadline
 * and its MIP within SELECTION_MIP_SHARE of the time left, with the
 * locked meetings' pairs forced when re-scheduling; when its LP ran out
 * of time, fallback_selection.  Its bound becomes the run's. */
static rs_code phase_selection(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)result;
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    int sel_ms =
        (int)fmin(fmax((run->deadline - rs_now()) * 1000 * SELECTION_MIP_SHARE, 200), 1e9);
    rs_code rc = rs_select_forced(ev, sel_ms, deadline, run->interrupt,
                                  run->keep ? run->keep->locked : NULL, &w->sel);
    if (rc == RS_ENOSOLUTION) /* its LP ran out of time: a cheaper bound */
        rc = fallback_selection(ev, &w->sel);
    if (rc == RS_EINFEASIBLE) {
        rs_diag_add(run->diag, "the must requests cannot all be met together: some "
                               "participant or the rooms cannot hold all their must meetings "
                               "(rules 3, 6, 7)");
        return rc;
    }
    if (rc != RS_OK)
        return rc;
    run->lp_cols = w->sel.cols;
    run->lp_rows = w->sel.rows;
    run->bound = w->sel.bound;
    if (rs_solve_test_hook)
        rs_solve_test_hook();
    return RS_OK;
}

/* Lowers run->bound to v, a value the relaxation's rounds met (a proven
 * bound; HUGE_VAL: none), when that is lower. */
static void lower_bound_to(rs_run *run, double v)
{
    if (v < HUGE_VAL) {
        double b = rs_safe_bound(run->ev, v);
        if (!(b >= run->bound))
            run->bound = b;
    }
}

/* Lowers run->bound to the least value the caps phase's child has sent
 * (each a proven bound); until > 0: waits for its last value until then
 * (the end of a run that went to its deadline).  Without a child,
 * nothing. */
static void caps_poll(rs_run *run, double until)
{
    one_t *w = run->work;
    if (!w || !w->caps_child)
        return;
    lower_bound_to(run, until > 0 ? rs_lr_child_finish(w->caps_child, until)
                                  : rs_lr_child_bound(w->caps_child));
}

/* The run's report hook: news from the caps phase's child. */
static void one_poll(rs_run *run)
{
    caps_poll(run, 0);
}

/* caps: on events where some participant's gaps are capped, the pattern
 * relaxation by Lagrangian relaxation (pattern_lr.c), within the phase's
 * share of the run (it stops sooner once its steps have shrunk, on small
 * events in a fraction of a second); on those with investors, not
 * re-scheduling, its two plans of the participants' days (the solution at
 * the least value, and that with investors' shapes balanced over the
 * rooms) are kept in w->guide for the timetable phase to build from.
 * The selection sees a cap only as
 * each participant's floor of gaps and idle slots, alone; the relaxation
 * sees people competing for the slots next to a break, where a capped
 * day can hold its meetings: the wide shape with one gap each (150 x
 * 1,000, 30 s) 27103 -> about 25600.  It gives up at half its time when
 * it is still a tenth or more above the selection's bound (300 x 3,000
 * with one gap each: -85515 after 6 s against -111914).  Events without
 * caps gain little there (the pattern LP, in its own phase, covers the
 * small ones), so it is skipped.  Its share of the run is far less than
 * the rounds need to converge (about 1,000 rounds, 12 s, on the capped
 * benchmark row, whose phase gets 3 s): rounds the clock cut short go on
 * in a child process on the second core until just before the run's end
 * (or until they converge), and each lower value it sends lowers the
 * bound (caps_poll). */
static rs_code phase_caps(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    double lb;
    long rounds = 0;
    if (ev->gap_cap && ev->ninv > 0 && !run->keep && !w->guide)
        w->guide = malloc(2 * (size_t)ev->np * (size_t)ev->nslots + 1);
    if (!ev->gap_cap ||
        rs_pattern_lagrange(ev, -HUGE_VAL, run->bound, deadline, run->interrupt, &lb, &rounds,
                            w->guide, run->deadline - CAPS_CHILD_MARGIN,
                            run->opt->single_process ? NULL : &w->caps_child) != RS_OK) {
        free(w->guide);
        w->guide = NULL;
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    if (lb < run->bound)
        run->bound = lb;
    return RS_OK;
}

/* One exact search (fixed.h) over the pairs take marks (NULL: the
 * musts) until deadline; its timetable goes to w->start_at[i] when it
 * finds one.  Sets *optimal when the search proved that timetable
 * optimal.  A set the search refuses is left alone (RS_OK, no
 * timetable). */
static rs_code exact_start(rs_run *run, const unsigned char *take, double deadline, int i,
                           int *optimal)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    *optimal = 0;
    rs_diag *refused = rs_diag_new(); /* why the search would refuse: not the run's */
    if (!refused)
        return RS_ENOMEM;
    rs_code rc = rs_fixed_new(run, take, deadline, &w->exact, refused);
    rs_diag_free(refused);
    const rs_b2b_result *res = NULL;
    if (rc == RS_OK)
        rc = rs_fixed_search(w->exact, deadline, &res);
    if (rc == RS_OK && res &&
        (res->status == RS_B2B_FEASIBLE || res->status == RS_B2B_OPTIMAL)) {
        *optimal = res->status == RS_B2B_OPTIMAL;
        w->start_at[i] = malloc(((size_t)ev->npairs + 1) * sizeof(rs_placement));
        rc = w->start_at[i] ? rs_fixed_placements(ev, w->exact, w->start_at[i], &w->start_n[i],
                                                  run->diag)
                            : RS_ENOMEM;
    }
    rs_fixed_free(w->exact);
    w->exact = NULL;
    return rc == RS_ESOLVER && !res ? RS_OK : rc;
}

/* A timetable for the timetable phase into *out (the caller's, freed
 * with rs_tt_free): the locked and previous meetings when re-scheduling,
 * else the n meetings at (none when NULL), then the pairs in the
 * selection's order, each where it adds most, and the musts that did not
 * fit forced in; *missing gets the musts still out.  With homes, each
 * investor first gets a home venue per day from the selection's chosen
 * pairs (rs_tt_set_homes; only when nothing is placed before).  Guided
 * (1 or 2), the pairs go first only into their investors' slots of that
 * plan of w->guide (the caps phase's), then as usual.  RS_OK,
 * RS_ENOMEM, or RS_EINFEASIBLE when the locked meetings do not fit
 * again. */
static rs_code build_timetable(rs_run *run, const rs_placement *at, int n, int homes,
                               int guided, rs_tt **out, int *missing)
{
    one_t *w = run->work;
    rs_tt *h = *out = rs_tt_new(run->ev);
    if (!h)
        return RS_ENOMEM;
    if (run->keep) {
        rs_tt_set_keep(h, run->keep);
        if (rs_tt_place_previous(h) != 0) { /* rs_check_locked said they fit */
            rs_diag_add(run->diag, "the locked meetings could not all be placed again "
                                   "(rule 10)");
            return RS_EINFEASIBLE;
        }
    }
    if (at)
        rs_tt_place_given(h, at, n);
    if (homes && rs_tt_set_homes(h, w->sel.order, w->sel.nchosen) != 0)
        return RS_ENOMEM;
    if (guided)
        rs_tt_place_guided(h, w->sel.order, run->ev->npairs,
                           w->guide + (size_t)(guided - 1) * (size_t)run->ev->np *
                                          (size_t)run->ev->nslots);
    rs_tt_place_all(h, w->sel.order, run->ev->npairs);
    *missing = rs_tt_repair_musts(h);
    return RS_OK;
}

/* exact: b2b.c's exact search (fixed.h), when the must pairs are
 * searchable and optional pairs exist (one_begin decides).  First, for
 * EXACT_WANTED_SHARE of the phase, over the musts and every optional
 * pair whose score is positive as though each were a must (when that set
 * is searchable too): a timetable meeting them all with few gaps is what
 * the objective wants.  Unless that search proves its timetable optimal,
 * then over the musts alone for the rest, whose timetable leaves the
 * optional pairs to the one-to-one phases.  The timetable phase starts
 * from the better of the two.  Neither search says anything of the whole
 * objective: another set of optional meetings may do better, or fill a
 * must timetable's gaps, so neither cost nor bound (nor a finding that a
 * set cannot keep within max_idle_gaps) is the event's, and the run's
 * bound stays the selection's.  The heuristic window, which this phase
 * would otherwise use up under the direct strategy, starts again after
 * it. */
static rs_code phase_exact_musts(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    if (!w->exact_musts) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    unsigned char *take = malloc((size_t)ev->npairs + 1);
    if (!take)
        return RS_ENOMEM;
    int optimal = 0, extra = 0;
    for (int p = 0; p < ev->npairs; p++) {
        take[p] = (unsigned char)(ev->pairs[p].must || ev->pairs[p].score > 0);
        extra += !ev->pairs[p].must && take[p];
    }
    rs_code rc = RS_OK;
    if (extra > 0 && rs_fixed_searchable(ev, take))
        rc = exact_start(run, take, rs_now() + (deadline - rs_now()) * EXACT_WANTED_SHARE, 0,
                         &optimal);
    free(take);
    if (rc == RS_OK && !optimal)
        rc = exact_start(run, NULL, deadline, 1, &optimal);
    rs_run_restart_heuristic(run);
    return rc;
}

/* Swaps in timetable *h when the run has none yet, or when it leaves
 * fewer musts out than the run's (or as many, with a higher objective);
 * *h then holds the loser (or NULL), for the caller to free. */
static void keep_better(one_t *w, rs_tt **h, int missing)
{
    if (!w->h || missing < w->missing ||
        (missing == w->missing && rs_tt_objective(*h) > rs_tt_objective(w->h) + RS_EPS)) {
        rs_tt *t = w->h;
        w->h = *h;
        w->missing = missing;
        *h = t;
    }
}

/* timetable: build_timetable from each of the exact phase's timetables,
 * from nothing, (events in several venues, not re-scheduling) from
 * nothing with home venues, and (after the caps phase made a plan) from
 * nothing keeping investors to the slots of each plan first, the one with
 * fewer musts missing and then the higher objective kept (the earlier on
 * a tie).  The first timetables told which way the searches after them
 * end on the benchmark's venue shapes (homes won on the rooms-full and
 * 50,000-pair shapes and lost on the venues shape and the Chengdu sample,
 * at the first timetable and at the end alike), and the winner keeps its
 * homes for the moves after it.  The plans: capped days placed pair by
 * pair crowd the slots beside the lunch break, and later investors' days
 * then have no shape left that holds their meetings (docs/solving.md,
 * step 3c): the wide shape with one gap each (150 x 1,000, 30 s) 23731
 * -> 24450 with the first plan, and about 100 more with both. */
static rs_code phase_timetable(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)deadline;
    (void)result;
    one_t *w = run->work;
    rs_code rc = RS_OK;
    for (int i = 0; i < 6 && rc == RS_OK; i++) {
        rs_tt *h = NULL;
        int missing = 0;
        if ((i < 2 && !w->start_at[i]) || (i == 3 && (run->ev->nvenues <= 1 || run->keep)) ||
            (i >= 4 && !w->guide))
            continue;
        rc = build_timetable(run, i < 2 ? w->start_at[i] : NULL, i < 2 ? w->start_n[i] : 0,
                             i == 3, i >= 4 ? i - 3 : 0, &h, &missing);
        if (rc == RS_OK)
            keep_better(w, &h, missing);
        rs_tt_free(h);
    }
    if (rc == RS_OK)
        run->incumbent = w->missing ? NAN : rs_tt_objective(w->h);
    return rc;
}

/* Adds one to fails[p] for each must pair p that timetable h leaves out
 * (met: scratch of npairs bytes). */
static void count_failures(const rs_event *ev, const rs_tt *h, int *fails, unsigned char *met)
{
    mark_met(ev, h, met);
    for (int p = 0; p < ev->npairs; p++)
        fails[p] += ev->pairs[p].must && !met[p];
}

/* Timetables built again and again, the musts first, those left out last
 * time moved ahead of the others (each must ranked by how often it was
 * left out, ties in the selection's order; the optional pairs follow in
 * the selection's order): the greedy construction fails the musts it
 * reaches when their participants' days are already set, and a must
 * placed early has the whole day to choose from.  Until deadline, or no
 * must is missing.  Deterministic: the orders follow from the failures
 * alone; only how many rounds run depends on the clock. */
static rs_code rescue_rebuild(rs_run *run, double deadline)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    int n = ev->npairs;
    int *order = malloc(((size_t)n + 1) * sizeof(int));
    int *fails = calloc((size_t)n + 1, sizeof(int));
    unsigned char *met = malloc((size_t)n + 1);
    rs_code rc = RS_ENOMEM;
    if (!order || !fails || !met)
        goto done;
    rc = RS_OK;
    rs_tt *h = NULL;
    count_failures(ev, w->h, fails, met);
    while (w->missing > 0 && rs_now() < deadline && !(run->interrupt && *run->interrupt)) {
        int nmust = 0;
        for (int i = 0; i < n; i++)
            if (ev->pairs[w->sel.order[i]].must)
                order[nmust++] = w->sel.order[i];
        /* most failures first: an insertion sort, stable, so ties keep
           the selection's order they were taken in */
        for (int i = 1; i < nmust; i++) {
            int p = order[i], j = i;
            while (j > 0 && fails[order[j - 1]] < fails[p]) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = p;
        }
        int m = nmust;
        for (int i = 0; i < n; i++)
            if (!ev->pairs[w->sel.order[i]].must)
                order[m++] = w->sel.order[i];
        h = rs_tt_new(ev);
        if (!h) {
            rc = RS_ENOMEM;
            goto done;
        }
        rs_tt_place_all(h, order, nmust);
        int missing = rs_tt_repair_musts(h);
        rs_tt_place_all(h, order + nmust, n - nmust);
        count_failures(ev, h, fails, met);
        keep_better(w, &h, missing);
        rs_tt_free(h);
    }
done:
    free(order);
    free(fails);
    free(met);
    return rc;
}

/* rescue: when the first timetables leave musts out (the local search
 * then has nothing to start from), timetables built again with the musts
 * left out placed first (rescue_rebuild), and where the musts meet
 * b2b.c's conditions its search over the musts alone, a timetable built
 * from what it finds (the optional pairs added around the musts); each
 * kept when it leaves fewer out.  b2b.c's search takes gap caps as
 * penalties, not walls, which places musts a greedy construction cannot
 * on days where everyone may have one gap.  Skipped when nothing is
 * missing, when the exact phase already searched the musts alone, and
 * when re-scheduling.  The heuristic window starts again after it, as
 * after the exact phase. */
static rs_code phase_rescue(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (!w->missing || run->keep || w->start_at[1]) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    int searchable = rs_fixed_searchable(run->ev, NULL);
    double now = rs_now();
    rs_code rc = rescue_rebuild(run, searchable ? now + (deadline - now) / 4 : deadline);
    if (rc == RS_OK && w->missing && searchable) {
        int optimal = 0;
        rc = exact_start(run, NULL, deadline, 1, &optimal);
        if (rc == RS_OK && w->start_at[1]) {
            rs_tt *h = NULL;
            int missing = 0;
            rc = build_timetable(run, w->start_at[1], w->start_n[1], 0, 0, &h, &missing);
            if (rc == RS_OK)
                keep_better(w, &h, missing);
            rs_tt_free(h);
        }
    }
    if (rc == RS_OK)
        run->incumbent = w->missing ? NAN : rs_tt_objective(w->h);
    rs_run_restart_heuristic(run);
    return rc;
}

/* Whether the timetable, built from a timetable of the exact phase,
 * already reaches the run's bound: it is optimal, and the local search
 * would only trade it for others of the same objective, at a point that
 * depends on when its time runs out (the output would then vary from run
 * to run).  Events without the exact phase keep their local search as it
 * was. */
static int exact_at_bound(const rs_run *run, const one_t *w)
{
    return (w->start_at[0] || w->start_at[1]) && !w->missing && rs_run_at_bound(run);
}

/* anneal, improve and retime work on a timetable that holds every must
 * (the timetable phase's count): returns 1, with *result set to skipped,
 * while one is missing, or when exact_at_bound. */
static int skipped_while_missing(const rs_run *run, const one_t *w, rs_phase_result *result)
{
    int skip = w->missing != 0 || exact_at_bound(run, w);
    if (skip)
        *result = RS_PHASE_SKIPPED;
    return skip;
}

/* descent: a first local search, with a small share of the heuristic
 * window: the anneal does better with the rest on large events.  Where
 * gaps are capped, whole investor-days rebuilt (rebuild.c) and the local
 * search again before the annealing: the construction there leaves days
 * whose shapes keep meetings out (40 x 160 with no gap allowed: from
 * -1,922, with many SMEs short), and the annealing then starts from
 * better ones.  Side by side with the rebuild phase alone (10 s, means
 * of three runs each, which spread by up to 200): gen rooms 1323
 * max_gaps=0 venues=2 3,256 -> 3,432, rooms 1322 max_gaps=0 2,774 ->
 * 2,822, rooms 1325 max_gaps=0 days=1 -12,268 -> -12,344 (the one
 * loss); one run each: wide 1205 max_gaps=1 (30 s) 23,408 -> 23,580,
 * its 40 x 270 version 6,120 -> 6,254, rooms 1324 max_gaps=1 4,071 ->
 * 4,083, rooms 1326 max_gaps=1 days=1 -8,695 -> -8,683.  Uncapped
 * events keep the annealing's start as it was (on the Chengdu sample a
 * rebuilt start ended 8 points lower). */
static rs_code phase_descent(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (exact_at_bound(run, w)) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    rs_tt_improve(w->h, deadline, run->interrupt);
    if (run->ev->gap_cap && !w->missing && rs_tt_rebuild(w->h, deadline, run->interrupt) > 0)
        rs_tt_improve(w->h, deadline, run->interrupt);
    if (!w->missing)
        run->incumbent = rs_tt_objective(w->h);
    return RS_OK;
}

/* The moves of one annealing pass (rs_tt_anneal's iterations): a count,
 * not a time, so that a run whose passes end in time repeats exactly. */
static long anneal_moves(const rs_event *ev)
{
    return 5000L * (long)ev->npairs + 200000L;
}

/* The annealing passes of phase_anneal on h until deadline, their
 * random draws numbered from first (the phase's own from 0, its twin's
 * from ANNEAL_TWIN_PASS), with replacements as replacing says:
 * ANNEAL_PASSES passes, the second from the best of the first, each
 * given an equal share of the time left; then, when
 * they ended before deadline and the gap is open, up to ANNEAL_REHEATS
 * hotter passes, each from the best so far, sharing what is left.
 * Returns 1 when the clock (or *interrupt) cut a pass or the reheats
 * short, so that another run may end elsewhere; 0 when every pass made
 * its moves. */
static int anneal_passes(rs_run *run, rs_tt *h, double deadline, int first, int replacing,
                         volatile sig_atomic_t *interrupt)
{
    long iters = anneal_moves(run->ev);
    int cut = 0;
    for (int pass = 0; pass < ANNEAL_PASSES; pass++) {
        double until = rs_now() + (deadline - rs_now()) / (ANNEAL_PASSES - pass);
        rs_tt_anneal(h, iters, first + pass, ANNEAL_HEAT, replacing, until, interrupt);
        cut |= rs_now() >= until;
    }
    for (int r = 0; r < ANNEAL_REHEATS; r++) {
        run->incumbent = rs_tt_objective(h);
        if (rs_run_at_bound(run))
            break;
        if (rs_now() >= deadline || (interrupt && *interrupt)) {
            cut = 1;
            break;
        }
        double until = rs_now() + (deadline - rs_now()) / (ANNEAL_REHEATS - r);
        rs_tt_anneal(h, iters, first + ANNEAL_PASSES + r, ANNEAL_REHEAT_HEAT, replacing, until,
                     interrupt);
        cut |= rs_now() >= until;
    }
    return cut || (interrupt && *interrupt);
}

/* The twin annealing's work in its child process: the same passes from
 * the same timetable with other draws, then its answer (rs_twin_write):
 * whether the clock cut them, its objective with the keep bonus, and its
 * meetings. */
typedef struct {
    rs_run *run;
    rs_tt *h;
    double deadline;
} anneal_twin;

static void anneal_twin_body(void *ctx, int fd)
{
    anneal_twin *t = ctx;
    /* the other move set than the phase's own (phase_anneal) */
    int replacing = t->run->strategy != RS_STRATEGY_DECOMPOSE;
    int cut = anneal_passes(t->run, t->h, t->deadline, ANNEAL_TWIN_PASS, replacing, NULL);
    int n = 0;
    const rs_placement *at = rs_tt_meetings(t->h, &n);
    (void)rs_twin_write(fd, cut, rs_tt_combined(t->h), at, (size_t)n, sizeof *at);
}

/* A copy of h's meetings (*n of them) that the caller frees, so that h
 * can be put back with rs_tt_reset after a search; NULL when out of
 * memory. */
static rs_placement *meetings_copy(const rs_tt *h, int *n)
{
    const rs_placement *at = rs_tt_meetings(h, n);
    rs_placement *copy = malloc(((size_t)*n + 1) * sizeof *copy);
    if (copy)
        memcpy(copy, at, (size_t)*n * sizeof *copy);
    return copy;
}

/* Takes the twin's timetable into h when rs_twin_answer lets it (it came
 * in time and is higher, and not cut where h's own passes were not),
 * keeping h as it is when h cannot hold it exactly. */
static void anneal_twin_take(rs_tt *h, rs_child *c, double until, int own_cut)
{
    size_t n = 0;
    double combined;
    const unsigned char *d = rs_twin_answer(c, until, own_cut, rs_tt_combined(h),
                                            sizeof(rs_placement), &n, &combined);
    if (!d || n > INT_MAX)
        return;
    rs_placement *twin = malloc((n + 1) * sizeof *twin);
    int own_n = 0;
    rs_placement *own = meetings_copy(h, &own_n);
    if (twin && own) {
        memcpy(twin, d, n * sizeof *twin);
        if (rs_tt_reset(h, twin, (int)n) != 0 || fabs(rs_tt_combined(h) - combined) > 1e-6)
            (void)rs_tt_reset(h, own, own_n); /* it held these before */
    }
    free(twin);
    free(own);
}

/* On an event without gap caps (the decompose strategy, a second
 * processor, not single_process), starts the pattern relaxation's rounds
 * for the bound alone in a child (rs_pattern_lagrange_beside) once the
 * annealing, whose twin has the second core until then, is done.  The
 * selection bounds the meetings of each slot by counts of rooms and of
 * the places its people have, not by which slots each pair shares; the
 * relaxation's paths do.  A day of 40 investors and 160 SMEs in 16 rooms,
 * half of them there a morning, an afternoon or a middle window (`gen
 * rooms 9727 window_pct=50`, 10 s): bound 3808 -> 3709; the benchmark's
 * L2 27498 -> 27465; the Chengdu sample with 14 of its 20 rooms and
 * windows for most people 5110 -> 5102.  Elsewhere (the benchmark's L,
 * XL, huge, the sample itself) the bound stays the selection's. */
static void beside_start(rs_run *run)
{
    one_t *w = run->work;
    if (run->ev->gap_cap || run->opt->single_process || run->strategy == RS_STRATEGY_DIRECT ||
        w->beside || !rs_child_second_core())
        return;
    w->beside = rs_pattern_lagrange_beside(run->ev, run->bound, run->deadline - CAPS_CHILD_MARGIN);
}

/* At the run's end: a run that went to its deadline takes the least value
 * the rounds beside sent (waiting for the last until the deadline); a run
 * that ended sooner takes none, so that it repeats exactly (the values a
 * child has sent by a time depend on the machine). */
static void beside_take(rs_run *run)
{
    one_t *w = run->work;
    if (w->beside && rs_now() >= run->deadline - 1)
        lower_bound_to(run, rs_lr_child_finish(w->beside, run->deadline));
}

/* anneal: the annealing passes (anneal_passes), each a number of moves,
 * so that a run whose passes all end in time repeats exactly: one pass
 * ends several points apart with other draws (the benchmark's M: 4363 to
 * 4380 over six).  On a machine with a second processor not already
 * busy with the caps phase's rounds, a twin runs the same passes with
 * other draws in a child process (child.h) from the same timetable, and
 * its timetable is taken when higher: the best of two draws.  Where the
 * phase's own passes all make their moves in time, a twin's is taken
 * only when its passes did too, so such a run still repeats exactly.
 * The two use different move sets: under the decompose strategy the
 * phase's own additions may replace a meeting (rs_tt_anneal) and the
 * twin's may not; under the direct strategy the other way round.
 * Replacements took the benchmark's M4 from 4097 to 4132 and L2 from
 * 27,096 to 27,126 (docs/solving.md, step 2), but with them in the
 * phase's own passes the direct strategy's neighbourhood search, which
 * finishes S from the annealing's timetable, no longer reached -440
 * (-441 in every run), so there the phase's own passes keep the moves
 * they had and the twin tries replacements: taken only when strictly
 * higher. */
static rs_code phase_anneal(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (skipped_while_missing(run, w, result))
        return RS_OK;
    rs_child *twin = NULL;
    if (!run->opt->single_process && deadline - rs_now() >= ANNEAL_TWIN_MIN &&
        rs_child_second_core() && !rs_lr_child_running(w->caps_child)) {
        anneal_twin t = {run, w->h, deadline};
        twin = rs_child_start(deadline, anneal_twin_body, &t);
    }
    int cut = anneal_passes(run, w->h, deadline, 0, run->strategy == RS_STRATEGY_DECOMPOSE,
                            run->interrupt);
    if (twin && !(run->interrupt && *run->interrupt))
        anneal_twin_take(w->h, twin, deadline + ANNEAL_TWIN_WAIT, cut);
    rs_child_free(twin);
    run->incumbent = rs_tt_objective(w->h);
    if (!(run->interrupt && *run->interrupt))
        beside_start(run);
    return RS_OK;
}

/* improve: local search again, with half of what is left of the heuristic
 * window, so that retime gets the rest; then rounds of ejection chains
 * for those below their minimum (rs_tt_short_chains), which single moves
 * cannot serve where their partners' slots are all taken, each followed
 * by the local search, while a round keeps a chain (at most CHAIN_ROUNDS:
 * a second round took `gen wide 9916 window_pct=90 oneday_pct=100
 * venues=4` from 10 SMEs short to 5).  Not from the first local search:
 * there the chains moved the annealing elsewhere (tight 29 -> 26, musts
 * 136 -> 130, docs/solving.md step 3). */
#define CHAIN_ROUNDS 5
static rs_code phase_improve(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (skipped_while_missing(run, w, result))
        return RS_OK;
    rs_tt_improve(w->h, deadline, run->interrupt);
    rs_tt_short_chains(w->h, CHAIN_ROUNDS, deadline, run->interrupt);
    run->incumbent = rs_tt_objective(w->h);
    return RS_OK;
}

/* rebuild: whole investor-days rebuilt (rebuild.c) from the annealed
 * timetable, with half of what is left of the heuristic window, then
 * local search from the rebuilt days.  On events with gap caps the
 * annealing ends on days whose shapes single moves cannot change (a
 * morning ending before its last slot, so that the afternoon would open
 * a gap): the wide shape with one gap each (150 x 1,000, 30 s) 22,601 ->
 * 23,403, 300 x 3,000 with one gap each (60 s) -140,461 -> -133,553
 * (docs/solving.md, step 3.3).  Elsewhere it keeps a few days or none,
 * and a search that keeps none leaves the timetable as it was. */
static rs_code phase_rebuild(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (skipped_while_missing(run, w, result))
        return RS_OK;
    if (rs_tt_rebuild(w->h, deadline, run->interrupt) > 0)
        rs_tt_improve(w->h, deadline, run->interrupt);
    run->incumbent = rs_tt_objective(w->h);
    return RS_OK;
}

/* retime: exact re-timing of participant-days (retime.c), then local
 * search when it changed a day, to the end of the heuristic window. */
static rs_code phase_retime(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (skipped_while_missing(run, w, result))
        return RS_OK;
    if (rs_tt_retime(w->h, deadline, run->interrupt) > 0)
        rs_tt_improve(w->h, deadline, run->interrupt);
    run->incumbent = rs_tt_objective(w->h);
    return RS_OK;
}

/* repair: the musts still missing forced in; the timetable is complete
 * from here on (a schedule to fall back on past the memory limit). */
static rs_code phase_repair(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)deadline;
    (void)result;
    one_t *w = run->work;
    w->missing = rs_tt_repair_musts(w->h);
    if (!w->missing)
        run->incumbent = rs_tt_objective(w->h);
    w->heur_done = 1;
    return RS_OK;
}

/* pattern: the pattern bound, on events small enough for its LP
 * (PATTERN_MAX_COLUMNS): it sees idle slots forced by people competing
 * for the same slots, which the selection cannot.  Skipped when the
 * timetable already reaches the bound, or when the bound declines or
 * does not finish in time. */
static rs_code phase_pattern(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    double pb;
    long pcols = 0, prows = 0;
    if ((!w->missing && rs_run_at_bound(run)) ||
        rs_pattern_bound(run->ev, PATTERN_MAX_COLUMNS, deadline, run->interrupt, &pb, &pcols,
                         &prows) != RS_OK) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    if (pb < run->bound)
        run->bound = pb;
    if (pcols > run->lp_cols) {
        run->lp_cols = pcols;
        run->lp_rows = prows;
    }
    return RS_OK;
}

/* The large-neighbourhood search (lns.c) on the timetable until
 * deadline, growing its neighbourhoods when grow says, with the
 * timetable it starts from kept aside meanwhile (one_salvage puts it
 * back when a GLPK error inside leaves meetings out). */
static rs_code lns_guarded(rs_run *run, double deadline, int grow)
{
    one_t *w = run->work;
    w->lns_backup = meetings_copy(w->h, &w->lns_nbackup);
    if (!w->lns_backup)
        return RS_ENOMEM;
    rs_tt_lns(w->h, deadline, grow, run->interrupt);
    free(w->lns_backup);
    w->lns_backup = NULL;
    run->incumbent = rs_tt_objective(w->h);
    return RS_OK;
}

/* lns: large-neighbourhood search (lns.c) while the gap is open: to the
 * end of the run under decompose (its neighbourhoods growing while time
 * is left: nothing comes after it), for half of what is left under
 * direct (the direct model's LP and branch and cut get the rest, and
 * earlier when the search ends sooner). */
static rs_code phase_lns(rs_run *run, double deadline, rs_phase_result *result)
{
    one_t *w = run->work;
    if (w->missing || run->keep || rs_run_at_bound(run)) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    if (run->strategy == RS_STRATEGY_DIRECT)
        deadline = rs_now() + (deadline - rs_now()) * LNS_DIRECT_SHARE;
    return lns_guarded(run, deadline, run->strategy != RS_STRATEGY_DIRECT);
}

/* lp: the direct model (model.c) and its LP bound.  Skipped when the
 * timetable reaches a proven bound: it is optimal, and the direct model
 * (which took 11 s to prove the 9 meetings of tests/data/opt/lunch-break)
 * has nothing left to find; when re-scheduling it may still keep more
 * meetings in place.  An infeasible LP proves the musts infeasible. */
static rs_code phase_lp(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    if (!w->missing && !run->keep && rs_run_at_bound(run)) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    rs_code rc = rs_model_build(ev, run->keep, &w->model);
    if (rc != RS_OK)
        return rc;
    if (glp_get_num_cols(w->model.lp) > run->lp_cols) { /* the largest problem solved */
        run->lp_cols = glp_get_num_cols(w->model.lp);
        run->lp_rows = glp_get_num_rows(w->model.lp);
    }
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_ERR;
    sp.presolve = GLP_OFF;
    double left = deadline - rs_now();
    if (left <= 0.05 || (run->interrupt && *run->interrupt))
        return RS_OK;
    int ret = rs_simplex_until(w->model.lp, &sp, deadline, run->interrupt);
    if (ret != 0 || glp_get_status(w->model.lp) != GLP_OPT) {
        if (glp_get_status(w->model.lp) == GLP_NOFEAS) {
            list_missing_musts(run, NULL, "part of a set of must requests that cannot all be "
                                          "placed without breaking a hard rule");
            return RS_EINFEASIBLE;
        }
        return RS_OK; /* out of time in the LP */
    }
    double lpb = rs_safe_bound(ev, glp_get_obj_val(w->model.lp));
    if (lpb < run->bound)
        run->bound = lpb;
    w->lp_solved = 1;
    if (!w->missing) {
        int n = glp_get_num_cols(w->model.lp), nm;
        w->hx = malloc(((size_t)n + 1) * sizeof(double));
        if (!w->hx)
            return RS_ENOMEM;
        const rs_placement *at = rs_tt_meetings(w->h, &nm);
        if (rs_model_vector(&w->model, ev, at, nm, w->hx) != 0) {
            free(w->hx);
            w->hx = NULL;
        }
    }
    return RS_OK;
}

/* branch: GLPK's branch and cut on the direct model, from the timetable
 * (rs_run_mip_callback), after an LP that reached its optimum.  GLP_OPT
 * also ends a search stopped within a positive mip_gap: only a search
 * with no gap allowed proves optimality; otherwise the callback's tree
 * bound stands. */
static rs_code phase_branch(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    if (!w->lp_solved) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    int ret = rs_run_intopt(run, w->model.lp, w->hx, deadline);
    int st = glp_mip_status(w->model.lp);
    if (st == GLP_NOFEAS) {
        list_missing_musts(run, NULL, "part of a set of must requests that cannot all be "
                                      "placed without breaking a hard rule");
        return RS_EINFEASIBLE;
    }
    if (st == GLP_OPT || st == GLP_FEAS) {
        w->glpk_sched = rs_model_extract(&w->model, ev);
        w->glpk_optimal = ret == 0 && st == GLP_OPT && run->gap <= 0;
        if (w->glpk_optimal)
            run->bound = fmin(run->bound, rs_safe_bound(ev, glp_mip_obj_val(w->model.lp)));
    }
    return RS_OK;
}

/* tail: hot annealing passes from the best timetable, each with draws of
 * its own and the local search after it, in what branch and cut leaves
 * of the run.  GLPK's search stops once the next stretch between its
 * callbacks might pass the deadline (a multiple of the longest so far:
 * rs_run_mip_callback), which
 * left 0.5 to 4 s of 5 to 20 unused on brokerage days of 60 and 80
 * businesses and on the benchmark's venues, venues3 and forum70 rows
 * while their gaps were open; the neighbourhood search there has
 * already run out of neighbourhoods that gain, while the annealing's
 * runs on such small events end tens of points apart.  An annealing
 * pass ends on the best timetable it met, a pass that gains nothing is
 * undone, and one_take keeps GLPK's schedule unless the timetable
 * passes it, so the tail never loses.
 * Skipped at the bound, when re-scheduling or a must is missing, and
 * with less than TAIL_MIN_SECONDS left. */
static rs_code phase_tail(rs_run *run, double deadline, rs_phase_result *result)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    if (w->missing || run->keep || rs_run_at_bound(run) ||
        deadline - rs_now() < TAIL_MIN_SECONDS) {
        *result = RS_PHASE_SKIPPED;
        return RS_OK;
    }
    /* the best timetable so far: a pass that ends level with it (on
     * another timetable of the same value) is undone, so that a tail
     * that finds nothing changes no byte */
    int nb = 0;
    rs_placement *best = meetings_copy(w->h, &nb);
    if (!best)
        return RS_ENOMEM;
    double best_obj = rs_tt_objective(w->h);
    rs_code rc = RS_OK;
    long iters = anneal_moves(ev);
    for (int pass = TAIL_PASS; deadline - rs_now() >= TAIL_MIN_SECONDS; pass++) {
        if (run->interrupt && *run->interrupt)
            break;
        /* the last tenth for the local search after the pass */
        double until = deadline - (deadline - rs_now()) / 10;
        /* the direct strategy's own move set (phase_anneal) */
        rs_tt_anneal(w->h, iters, pass, ANNEAL_REHEAT_HEAT, 0, until, run->interrupt);
        rs_tt_improve(w->h, deadline, run->interrupt);
        double obj = rs_tt_objective(w->h);
        if (obj <= best_obj + RS_EPS) {
            if (rs_tt_reset(w->h, best, nb) != 0) { /* it held these before */
                rc = RS_ENOMEM;
                break;
            }
            continue;
        }
        free(best);
        best = meetings_copy(w->h, &nb);
        if (!best) {
            rc = RS_ENOMEM;
            break;
        }
        best_obj = obj;
        /* GLPK's schedule may still be the better one */
        run->incumbent = fmax(run->incumbent, obj);
        if (rs_run_at_bound(run))
            break;
    }
    free(best);
    return rc;
}

/* The one-to-one phases.  The decompose strategy runs them up to lns
 * with the whole run as the heuristic window; the direct strategy all of
 * them, its heuristic window a quarter of the run. */
static const rs_phase one_phases[] = {
    /* name        share of        share    run */
    {"selection", RS_OF_RUN,       0.5,     phase_selection},
    {"caps",      RS_OF_RUN,       0.1,     phase_caps},
    {"exact",     RS_OF_RUN,       EXACT_MUSTS_SHARE, phase_exact_musts},
    {"timetable", RS_OF_HEURISTIC, 0,       phase_timetable},
    {"rescue",    RS_OF_RUN,       RESCUE_SHARE, phase_rescue},
    {"descent",   RS_OF_HEURISTIC, 0.2,     phase_descent},
    {"anneal",    RS_OF_HEURISTIC, 0.7,     phase_anneal},
    {"improve",   RS_OF_HEURISTIC, 0.5,     phase_improve},
    {"rebuild",   RS_OF_HEURISTIC, 0.5,     phase_rebuild},
    {"retime",    RS_OF_HEURISTIC, 1,       phase_retime},
    {"repair",    RS_OF_HEURISTIC, 0,       phase_repair},
    {"pattern",   RS_OF_RUN,       1.0 / 3, phase_pattern},
    {"lns",       RS_OF_RUN,       1,       phase_lns},
    {"lp",        RS_OF_RUN,       1,       phase_lp},
    {"branch",    RS_OF_RUN,       1,       phase_branch},
    {"tail",      RS_OF_RUN,       1,       phase_tail},
};
static const rs_phase_table direct_table = {
    one_phases, (int)(sizeof one_phases / sizeof one_phases[0]), DIRECT_HEURISTIC_SHARE};
static const rs_phase_table decompose_table = {one_phases, 13, 1};

/* The pre-check: clash.c's search for sets of musts that cannot be met
 * together, within budget seconds. */
static rs_code one_precheck(const rs_event *ev, double budget, rs_diag *diag)
{
    return rs_clash_check(ev, budget, diag, NULL);
}

/* The strategy (the direct model when small enough in x columns and in
 * participant-slots, unless the options say), an empty state, and
 * whether the exact phase runs: as for events of musts only (format_of),
 * only when no strategy is asked for and no previous schedule kept. */
static rs_code one_begin(rs_run *run)
{
    run->strategy = run->opt->strategy;
    int auto_run = run->strategy == RS_STRATEGY_AUTO && !run->opt->previous;
    if (run->strategy == RS_STRATEGY_AUTO)
        run->strategy = (long)run->ev->np * run->ev->nslots <= DIRECT_MAX_PERSON_SLOTS &&
                                direct_columns(run->ev) <= DIRECT_MAX_COLUMNS
                            ? RS_STRATEGY_DIRECT
                            : RS_STRATEGY_DECOMPOSE;
    one_t *w = calloc(1, sizeof(one_t));
    run->work = w;
    if (!w)
        return RS_ENOMEM;
    w->exact_musts = auto_run && rs_fixed_musts_apply(run->ev);
    run->poll = one_poll;
    return RS_OK;
}

/* The table of the run's strategy. */
static const rs_phase_table *one_phases_of(const rs_run *run)
{
    return run->strategy == RS_STRATEGY_DIRECT ? &direct_table : &decompose_table;
}

/* The direct model's GLPK problem and the exact search's went with GLPK's
 * environment. */
static void one_glpk_lost(rs_run *run)
{
    one_t *w = run->work;
    w->model.lp = NULL;
    rs_fixed_glpk_lost(w->exact);
}

/* Past the memory limit the complete timetable stands, with the
 * selection's bound (proven before GLPK's branch and bound). */
static int one_salvage(rs_run *run)
{
    one_t *w = run->work;
    if (!w->heur_done || w->missing)
        return 0;
    if (w->lns_backup && rs_tt_reset(w->h, w->lns_backup, w->lns_nbackup) != 0)
        return 0; /* GLPK failed inside lns: the timetable it started from */
    run->bound = w->sel.bound;
    w->glpk_optimal = 0;
    return 1;
}

/* Frees the state, also when begin failed part way (or never ran). */
static void one_end(rs_run *run)
{
    one_t *w = run->work;
    if (!w)
        return;
    rs_schedule_free(w->glpk_sched);
    rs_model_free(&w->model);
    rs_tt_free(w->h);
    free(w->lns_backup);
    rs_fixed_free(w->exact);
    rs_lr_child_free(w->caps_child);
    rs_lr_child_free(w->beside);
    free(w->start_at[0]);
    free(w->start_at[1]);
    free(w->guide);
    free(w->hx);
    free(w->sel.order);
    free(w);
    run->work = NULL;
}

/* What keep_load makes of the previous schedule: the keep a solve works
 * with (first, so that the solve holds &k as its rs_keep), and the file as
 * read, for previous_stats at the end: the file is read once. */
typedef struct {
    rs_keep k;
    rs_previous *pv;
} kept_previous;

/* Frees what keep_load made.  Accepts NULL. */
static void keep_free(rs_keep *k)
{
    if (!k)
        return;
    free(k->slot);
    free(k->room);
    free(k->locked);
    free(k->taken);
    kept_previous *kp = (kept_previous *)k;
    rs_previous_free(kp->pv);
    free(kp);
}

/* The seats of meeting m as the keep counts them: one per investor of a
 * pitch in group format, else the meeting itself. */
static int meeting_seats(const rs_event *ev, const rs_meeting *m)
{
    return ev->format == RS_FORMAT_GROUP ? m->ninv : 1;
}

/* The candidate pair of seat j of meeting m (meeting_seats), or -1 when
 * that pair may not meet (or m is no investor-SME meeting). */
static int meeting_seat_pair(const rs_event *ev, const rs_meeting *m, int j)
{
    if (m->ninv != 1 && ev->format != RS_FORMAT_GROUP)
        return -1;
    return rs_pair_index(ev, m->inv[j], m->sme);
}

/* Reads the previous schedule for re-scheduling and turns it into a keep:
 * per candidate pair, where its previous meeting was and whether it is
 * locked.  A locked meeting that the inputs no longer allow is a clash of
 * hard rules (rule 10 against the rule it now breaks): RS_EINFEASIBLE with
 * the reasons.  Meetings of participants who left, and meetings whose pair
 * may no longer meet, are simply not kept (the diff counts them dropped).
 * Notes on dropped meetings go to stderr unless quiet. */
static rs_code keep_load(const rs_event *ev, const rs_options *opt, rs_keep **out,
                         int *removed, rs_diag *diag)
{
    rs_previous *pv = NULL;
    kept_previous *kp = NULL;
    rs_keep *k = NULL;
    rs_code rc = rs_previous_load(ev, opt->previous, &pv, diag);
    if (rc != RS_OK)
        goto done;
    *removed = pv->removed;
    if (!opt->quiet)
        for (size_t i = 0; i < rs_diag_count(pv->notes); i++)
            fprintf(stderr, "%s\n", rs_diag_message(pv->notes, i));
    rc = rs_check_locked(ev, pv, diag);
    if (rc != RS_OK)
        goto done;
    rc = RS_ENOMEM;
    size_t rk = (size_t)ev->nrooms * (size_t)ev->nslots;
    kp = calloc(1, sizeof(kept_previous));
    k = kp ? &kp->k : NULL;
    if (!k || !(k->slot = malloc(((size_t)ev->npairs + 1) * sizeof(int))) ||
        !(k->room = malloc(((size_t)ev->npairs + 1) * sizeof(int))) ||
        !(k->locked = calloc((size_t)ev->npairs + 1, 1)) || !(k->taken = calloc(rk + 1, 1)))
        goto done;
    k->move = ev->w.move;
    for (int p = 0; p < ev->npairs; p++)
        k->slot[p] = k->room[p] = -1;
    for (int i = 0; i < pv->s->nm; i++) {
        const rs_meeting *m = &pv->s->m[i];
        for (int j = 0; j < meeting_seats(ev, m); j++) {
            int p = meeting_seat_pair(ev, m, j);
            if (p < 0 && m->locked) { /* rs_check_locked judges pairs by rule 5 too */
                rs_diag_add(diag, "%s: locked m%04d: %s and %s may not meet (rules 5 and 10)",
                            pv->file, pv->pos[i] + 1, ev->p[m->sme].id,
                            m->ninv ? ev->p[m->inv[j]].id : "nobody");
                rc = RS_EINFEASIBLE;
                goto done;
            }
            if (p < 0 || (k->slot[p] >= 0 && !m->locked))
                continue; /* cannot meet now, or a second meeting of one pair */
            k->slot[p] = m->slot;
            k->room[p] = m->room;
            k->locked[p] = (unsigned char)(m->locked != 0);
        }
        if (m->locked)
            k->taken[(size_t)m->room * (size_t)ev->nslots + (size_t)m->slot] = 1;
    }
    kp->pv = pv; /* for previous_stats */
    pv = NULL;
    *out = k;
    k = NULL;
    rc = RS_OK;
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "out of memory while reading the previous schedule");
    keep_free(k);
    rs_previous_free(pv);
    return rc;
}

/* The keep bonus a schedule earns (0 without a keep). */
static double schedule_bonus(const rs_event *ev, const rs_keep *k, const rs_schedule *s)
{
    double total = 0;
    for (int i = 0; k && i < s->nm; i++)
        for (int j = 0; j < meeting_seats(ev, &s->m[i]); j++) {
            int p = meeting_seat_pair(ev, &s->m[i], j);
            if (p >= 0)
                total += rs_keep_bonus(k, p, s->m[i].slot, s->m[i].room);
        }
    return total;
}

/* Re-scheduling: marks the kept locked meetings locked again (so they stay
 * locked in the next round) and fills the diff counts and move cost, from
 * the previous schedule keep_load read with k (opt->previous is not read
 * again). */
static rs_code previous_stats(const rs_event *ev, const rs_options *opt, const rs_keep *k,
                              rs_schedule *s, rs_diag *diag)
{
    (void)opt;
    for (int i = 0; i < s->nm; i++) {
        rs_meeting *m = &s->m[i];
        /* a pitch is locked again when every seat of it was locked there */
        int seats = meeting_seats(ev, m), locked = seats > 0;
        for (int j = 0; j < seats && locked; j++) {
            int p = meeting_seat_pair(ev, m, j);
            locked = p >= 0 && k->locked[p] && k->slot[p] == m->slot && k->room[p] == m->room;
        }
        m->locked = locked;
    }
    rs_diff_counts c;
    rs_code rc = rs_diff_counts_of(((const kept_previous *)k)->pv, ev, s, &c, diag);
    if (rc != RS_OK)
        return rc;
    s->previous = 1;
    s->kept = c.kept;
    s->moved = c.moved;
    s->dropped = c.dropped;
    s->added = c.added;
    s->changed = c.changed;
    s->move_cost = ev->w.move * (c.moved + c.dropped);
    return RS_OK;
}

/* The better of GLPK's schedule and the timetable (in re-scheduling, of
 * the objective plus the keep bonus), with its objective recomputed, the
 * run's bound as its bound, and "optimal" only when proven.  GLPK's
 * optimum is of the objective plus the keep bonus when re-scheduling:
 * only the bound then proves the objective optimal.  RS_ENOSOLUTION when
 * musts are missing and GLPK found no schedule. */
static rs_code one_take(rs_run *run, rs_schedule **out)
{
    const rs_event *ev = run->ev;
    one_t *w = run->work;
    rs_schedule *s = NULL;
    if (w->missing && !w->glpk_sched) {
        list_missing_musts(run, w->h, "not placed within the time limit");
        return RS_ENOSOLUTION;
    }
    /* a run that went to its deadline takes the child's last value */
    caps_poll(run, rs_now() >= run->deadline - 1 ? run->deadline : 0);
    beside_take(run);
    double hobj = rs_tt_combined(w->h);
    if (w->glpk_sched) {
        double gobj = rs_objective(ev, w->glpk_sched, NULL, NULL) +
                      schedule_bonus(ev, run->keep, w->glpk_sched);
        if (gobj >= hobj - RS_EPS || w->missing) {
            s = w->glpk_sched;
            w->glpk_sched = NULL;
        }
    }
    if (!s) {
        w->glpk_optimal = 0;
        s = rs_tt_to_schedule(w->h);
    }
    if (!s)
        return RS_ENOMEM;
    s->objective = rs_objective_gaps(ev, s, &s->idle_slots, NULL, &s->idle_gaps);
    rs_schedule_settle(s, run->bound, w->glpk_optimal && !run->keep);
    strcpy(s->strategy, run->strategy == RS_STRATEGY_DIRECT ? "direct" : "decompose");
    s->lp_cols = run->lp_cols;
    s->lp_rows = run->lp_rows;
    *out = s;
    return RS_OK;
}

static const rs_format one_to_one = {
    .name = "one-to-one",
    .reschedules = 1,
    .precheck = one_precheck,
    .begin = one_begin,
    .phases = one_phases_of,
    .take = one_take,
    .glpk_lost = one_glpk_lost,
    .salvage = one_salvage,
    .end = one_end,
};

/* ----------------------------------------------------------- the harness */

/* The solver of the event's format; one-to-one events whose meetings are
 * all fixed (fixed.h) go to the exact timetabling search unless the
 * options ask for a strategy or a previous schedule is kept. */
static const rs_format *format_of(const rs_event *ev, const rs_options *opt)
{
    if (ev->format == RS_FORMAT_GROUP)
        return &rs_format_group;
    if (opt && opt->strategy == RS_STRATEGY_AUTO && !opt->previous && rs_fixed_applies(ev))
        return &rs_format_fixed;
    return &one_to_one;
}

rs_code rs_event_precheck(const rs_event *ev, rs_diag *diag)
{
    return format_of(ev, NULL)->precheck(ev, CLASH_BUDGET, diag);
}

/* The phase table as a guarded call's work (arg: the rs_run). */
static rs_code run_guarded(void *arg)
{
    return rs_run_phases(arg);
}

/* Makes the schedule to return: the format's, then its explanations and,
 * when re-scheduling, its counts of kept, moved, dropped and added
 * meetings; reports it as "done".  On RS_OK *out is a new schedule owned
 * by the caller. */
static rs_code finish(const rs_format *fmt, rs_run *run, rs_schedule **out)
{
    const rs_event *ev = run->ev;
    rs_schedule *s = NULL;
    rs_code rc = fmt->take(run, &s);
    if (rc != RS_OK)
        return rc;
    rc = rs_explain(ev, s);
    if (rc == RS_OK && run->keep)
        rc = previous_stats(ev, run->opt, run->keep, s, run->diag);
    if (run->keep)
        s->removed = run->removed;
    if (rc != RS_OK) {
        rs_schedule_free(s);
        return rc;
    }
    s->seconds = rs_now() - run->t0;
    run->incumbent = s->objective;
    run->bound = s->bound;
    run->phase = "done";
    rs_run_report(run, 1);
    *out = s;
    return RS_OK;
}

rs_code rs_solve(const rs_event *ev, const rs_options *opt_in, rs_schedule **out,
                 rs_diag *diag)
{
    rs_options defaults;
    const rs_options *opt = opt_in;
    if (!opt) {
        rs_options_init(&defaults);
        opt = &defaults;
    }
    *out = NULL;
    const rs_format *fmt = format_of(ev, opt);
    if (opt->previous && !fmt->reschedules) {
        rs_diag_add(diag, "--previous: re-scheduling %s events is not supported by this "
                          "version", fmt->name);
        return RS_EUSAGE;
    }
    double tl = opt->time_limit >= 0 ? opt->time_limit : ev->time_limit;
    /* the limit covers the pre-check too: its clock starts here */
    double t0 = rs_now();
    rs_code rc = fmt->precheck(ev, fmin(CLASH_BUDGET, tl * CLASH_SHARE), diag);
    if (rc != RS_OK)
        return rc;

    rs_run run;
    memset(&run, 0, sizeof run);
    run.ev = ev;
    run.opt = opt;
    run.diag = diag;
    run.interrupt = opt->interrupt;
    run.t0 = t0;
    run.last_report = -1e9;
    run.gap = opt->mip_gap >= 0 ? opt->mip_gap : ev->mip_gap;
    run.deadline = run.t0 + tl - fmin(EXPLAIN_MAX_SHARE * tl, EXPLAIN_SECONDS_PER_PAIR * ev->npairs);
    run.incumbent = run.bound = NAN;
    run.phase = "start";
    rs_keep *keep = NULL;
    rc = fmt->begin(&run);
    if (rc != RS_OK)
        goto done;
    if (opt->previous) {
        rc = keep_load(ev, opt, &keep, &run.removed, diag);
        if (rc != RS_OK)
            goto done;
        run.keep = keep;
    }
    run.table = fmt->phases(&run);

    rs_glpk_call call = {
        .fn = run_guarded, .arg = &run, .quiet = opt->quiet, .mem_limit_mb = opt->memory_limit_mb};
    rc = rs_glpk_guarded(&call);
    if (call.failed) {
        fmt->glpk_lost(&run);
        if (!call.mem_hit) {
            rs_diag_add(diag, "GLPK reported an internal error; no schedule was produced");
            rc = RS_ESOLVER;
            goto done;
        }
        /* out of the memory allowed: the schedule found before GLPK's
         * branch and bound may stand, with the bound proven before */
        int have = fmt->salvage(&run);
        rs_diag_add(diag, "GLPK needed more than %d MiB (the memory limit); %s",
                    opt->memory_limit_mb, have ? "the best schedule found before is kept"
                                               : "no schedule had been found before");
        rc = RS_ENOSOLUTION;
        if (!have)
            goto done;
    } else if (rc != RS_OK) {
        goto done;
    }
    rc = finish(fmt, &run, out);
done:
    fmt->end(&run);
    keep_free(keep);
    return rc;
}
