/*
 * fixed.c - one-to-one events whose meetings are fixed in advance: every
 * candidate pair is a must, as at a brokerage day where the organisers
 * decide beforehand who meets whom.  Nothing is left to select; the whole
 * problem is to timetable the meetings with the fewest gaps and idle
 * slots, which b2b.c solves exactly (annealing, a pattern LP, integer
 * programs proving the optimum).  This file is the adapter: it decides
 * whether an event is of that kind, hands b2b.c the meetings as plain
 * arrays, and turns the slots it returns into a schedule, a table (room)
 * for each meeting.
 *
 * The exact search sees slots and table counts, not rooms, venues or
 * travel, so the format is used only when those cannot matter: every open
 * room holds every meeting's people, all rooms are in one venue (or
 * travel between venues is free), nobody's consecutive limit or maximum
 * can bind, and there is no previous schedule to keep.  Any other event
 * goes to the one-to-one phases of solve.c.
 */
#include "fixed.h"
#include "b2b.h"
#include "clash.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The pre-check's budget (seconds). */
#define PRECHECK_SECONDS 1.0

/* The state of a run: the problem as b2b.c takes it and its answer. */
typedef struct {
    int *slot_day, *meet_a, *meet_b, *tables, *gap_cap, *slot;
    unsigned char *allowed;
    rs_b2b_problem prob;
    rs_b2b *b;
    rs_b2b_result res;
    int searched;           /* rs_b2b_search ran (or GLPK failed in it)   */
} fixed_t;

/* No meeting was timetabled (rs_run_list_musts' test). */
static int none_met(const void *ctx, int pair)
{
    (void)ctx;
    (void)pair;
    return 0;
}

/* The largest number of people any candidate pair brings. */
static int largest_need(const rs_event *ev)
{
    int need = 0;
    for (int p = 0; p < ev->npairs; p++) {
        int n = ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size;
        if (n > need)
            need = n;
    }
    return need;
}

/* Whether travel between the rooms' venues is free (or there is one). */
static int travel_free(const rs_event *ev)
{
    for (int r = 0; r < ev->nrooms; r++)
        if (rs_travel(ev, ev->rooms[0].venue, ev->rooms[r].venue) != 0 ||
            rs_travel(ev, ev->rooms[r].venue, ev->rooms[0].venue) != 0)
            return 0;
    return 1;
}

int rs_fixed_applies(const rs_event *ev)
{
    if (ev->format != RS_FORMAT_ONE_TO_ONE || ev->npairs == 0 || ev->nrooms == 0 ||
        ev->nslots > RS_B2B_MAX_SLOTS || ev->changeover_minutes > 0 || !travel_free(ev))
        return 0;
    for (int p = 0; p < ev->npairs; p++)
        if (!ev->pairs[p].must)
            return 0;
    int need = largest_need(ev);
    for (int r = 0; r < ev->nrooms; r++)
        if (ev->rooms[r].capacity < need)
            return 0;
    int longest = 0;
    for (int d = 0; d < ev->ndays; d++)
        if (ev->days[d].nslots > longest)
            longest = ev->days[d].nslots;
    int *deg = calloc((size_t)ev->np + 1, sizeof(int));
    if (!deg)
        return 0;
    for (int p = 0; p < ev->npairs; p++) {
        deg[ev->pairs[p].inv]++;
        deg[ev->pairs[p].sme]++;
    }
    int ok = 1;
    for (int i = 0; i < ev->np && ok; i++)
        ok = ev->p[i].max_consecutive >= longest && ev->p[i].max_meetings >= deg[i];
    free(deg);
    return ok;
}

/* The problem in b2b.c's terms: a meeting per pair, allowed in the slots
 * where rs_pair_fits_at lets the pair meet, as many tables per slot as
 * rooms are open then. */
static rs_code fixed_begin(rs_run *run)
{
    const rs_event *ev = run->ev;
    fixed_t *f = calloc(1, sizeof(fixed_t));
    run->work = f;
    run->strategy = RS_STRATEGY_DIRECT;
    if (!f)
        return RS_ENOMEM;
    size_t ns = (size_t)ev->nslots, nm = (size_t)ev->npairs;
    f->slot_day = malloc(ns * sizeof(int));
    f->tables = calloc(ns, sizeof(int));
    f->meet_a = malloc(nm * sizeof(int));
    f->meet_b = malloc(nm * sizeof(int));
    f->slot = malloc(nm * sizeof(int));
    f->gap_cap = malloc(((size_t)ev->np + 1) * sizeof(int));
    f->allowed = calloc(nm * ns, 1);
    if (!f->slot_day || !f->tables || !f->meet_a || !f->meet_b || !f->slot || !f->gap_cap ||
        !f->allowed)
        return RS_ENOMEM;
    for (int k = 0; k < ev->nslots; k++) {
        f->slot_day[k] = ev->slots[k].day;
        for (int r = 0; r < ev->nrooms; r++)
            f->tables[k] += ev->rooms[r].avail[k] != 0;
    }
    for (int p = 0; p < ev->npairs; p++) {
        f->meet_a[p] = ev->pairs[p].inv;
        f->meet_b[p] = ev->pairs[p].sme;
        for (int k = 0; k < ev->nslots; k++)
            f->allowed[(size_t)p * ns + (size_t)k] = (unsigned char)rs_pair_fits_at(ev, p, k);
    }
    for (int i = 0; i < ev->np; i++)
        f->gap_cap[i] = ev->p[i].max_idle_gaps >= RS_UNLIMITED ? -1 : ev->p[i].max_idle_gaps;
    rs_b2b_problem *pb = &f->prob;
    pb->np = ev->np;
    pb->nslots = ev->nslots;
    pb->slot_day = f->slot_day;
    pb->nmeet = ev->npairs;
    pb->meet_a = f->meet_a;
    pb->meet_b = f->meet_b;
    pb->allowed = f->allowed;
    pb->tables = f->tables;
    pb->gap_cap = f->gap_cap;
    pb->idle_gap = ev->w.idle_gap;
    pb->idle_slot = ev->w.idle_slot;
    pb->deadline = run->deadline;
    pb->interrupt = run->interrupt;
    pb->quiet = run->opt->quiet;
    f->res.slot = f->slot;
    return rs_b2b_new(pb, &f->b, run->diag) == RS_ENOMEM ? RS_ENOMEM : RS_OK;
}

/* The contract objective of a timetable of cost `cost` (gaps and idle
 * slots weighed): every pair meets, so the scores and shortfalls are
 * fixed. */
static double objective_of(const rs_event *ev, double cost)
{
    int *deg = calloc((size_t)ev->np + 1, sizeof(int));
    double obj = -cost;
    for (int p = 0; p < ev->npairs; p++) {
        obj += ev->pairs[p].score;
        if (deg) {
            deg[ev->pairs[p].inv]++;
            deg[ev->pairs[p].sme]++;
        }
    }
    for (int i = 0; deg && i < ev->np; i++)
        if (deg[i] < ev->p[i].min_meetings)
            obj -= ev->w.min_meetings_shortfall * (ev->p[i].min_meetings - deg[i]);
    free(deg);
    return obj;
}

/* exact: b2b.c's search until the deadline, less the time the
 * explanations of the schedule take (a small share). */
static rs_code phase_exact(rs_run *run, double deadline, rs_phase_result *result)
{
    (void)result;
    fixed_t *f = run->work;
    if (!f->b) /* rs_b2b_new refused the problem: the diag says why */
        return RS_ESOLVER;
    double now = rs_now();
    f->searched = 1;
    rs_code rc = rs_b2b_search(f->b, deadline - fmin(0.5, 0.02 * (deadline - now)), &f->res);
    if (rc != RS_OK)
        return rc;
    if (f->res.status == RS_B2B_INFEASIBLE) {
        rs_diag_add(run->diag, "the must meetings cannot all be timetabled within every "
                               "participant's max_idle_gaps (rule 12) and the slots their "
                               "availability, windows and rooms allow (rules 1, 2, 11)");
        return RS_EINFEASIBLE;
    }
    if (f->res.status == RS_B2B_FEASIBLE || f->res.status == RS_B2B_OPTIMAL)
        run->incumbent = objective_of(run->ev, f->res.cost);
    run->bound = objective_of(run->ev, f->res.bound);
    return RS_OK;
}

static const rs_phase fixed_phases[] = {
    /* name     share of   share  run */
    {"exact", RS_OF_RUN, 1,     phase_exact},
};
static const rs_phase_table fixed_table = {fixed_phases, 1, 1};

/* The one phase. */
static const rs_phase_table *fixed_phases_of(const rs_run *run)
{
    (void)run;
    return &fixed_table;
}

/* The schedule: each meeting in the slot found, at the first table free
 * then in room order (every open room holds every meeting). */
static rs_code fixed_take(rs_run *run, rs_schedule **out)
{
    const rs_event *ev = run->ev;
    fixed_t *f = run->work;
    if (f->res.status != RS_B2B_FEASIBLE && f->res.status != RS_B2B_OPTIMAL) {
        rs_run_list_musts(ev, none_met, NULL, run->diag, "not timetabled within the time limit");
        return RS_ENOSOLUTION;
    }
    rs_schedule *s = rs_schedule_new();
    int *next = calloc((size_t)ev->nslots + 1, sizeof(int));
    rs_code rc = RS_ENOMEM;
    if (!s || !next)
        goto done;
    for (int p = 0; p < ev->npairs; p++) {
        int k = f->slot[p], r = next[k];
        while (r < ev->nrooms && !ev->rooms[r].avail[k])
            r++;
        if (r >= ev->nrooms) { /* b2b.c keeps to the table counts */
            rs_diag_add(run->diag, "internal error: slot %d has more meetings than rooms", k);
            rc = RS_ESOLVER;
            goto done;
        }
        next[k] = r + 1;
        const rs_pair *pr = &ev->pairs[p];
        if (rs_schedule_add(s, k, r, pr->sme, &pr->inv, 1, pr->score, 0) != 0)
            goto done;
    }
    rs_schedule_sort(ev, s);
    s->objective = rs_objective_gaps(ev, s, &s->idle_slots, NULL, &s->idle_gaps);
    /* the search's lower bound on the cost, against this schedule's cost */
    rs_schedule_settle(s, s->objective + (f->res.cost - f->res.bound),
                       f->res.status == RS_B2B_OPTIMAL);
    strcpy(s->strategy, "exact");
    s->lp_cols = f->res.patterns;
    s->lp_rows = 0;
    *out = s;
    s = NULL;
    rc = RS_OK;
done:
    rs_schedule_free(s);
    free(next);
    return rc;
}

/* GLPK's environment went with an error: the search keeps what it had. */
static void fixed_glpk_lost(rs_run *run)
{
    fixed_t *f = run->work;
    if (f && f->b && f->searched)
        rs_b2b_glpk_lost(f->b, &f->res);
}

/* Past the memory limit the best timetable found before stands. */
static int fixed_salvage(rs_run *run)
{
    fixed_t *f = run->work;
    return f && (f->res.status == RS_B2B_FEASIBLE || f->res.status == RS_B2B_OPTIMAL);
}

/* Frees the state, also when begin failed part way. */
static void fixed_end(rs_run *run)
{
    fixed_t *f = run->work;
    if (!f)
        return;
    rs_b2b_free(f->b);
    free(f->slot_day);
    free(f->tables);
    free(f->meet_a);
    free(f->meet_b);
    free(f->slot);
    free(f->gap_cap);
    free(f->allowed);
    free(f);
    run->work = NULL;
}

/* The pre-check is the one-to-one format's (musts that cannot be met
 * together), for at most PRECHECK_SECONDS: with every pair a must, its
 * feasibility model is the whole timetabling problem less the gaps, which
 * GLPK may not settle in its budget, while the exact search itself
 * proves when no timetable exists. */
static rs_code fixed_precheck(const rs_event *ev, double budget, rs_diag *diag)
{
    return rs_clash_check(ev, fmin(budget, PRECHECK_SECONDS), diag, NULL);
}

const rs_format rs_format_fixed = {
    .name = "one-to-one",
    .reschedules = 0,
    .precheck = fixed_precheck,
    .begin = fixed_begin,
    .phases = fixed_phases_of,
    .take = fixed_take,
    .glpk_lost = fixed_glpk_lost,
    .salvage = fixed_salvage,
    .end = fixed_end,
};
