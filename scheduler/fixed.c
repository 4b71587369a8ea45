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
 * travel between venues is free), nobody's maximum can bind, and there
 * is no previous schedule to keep.  Consecutive limits are the search's
 * own rule (a run limit per participant, runs ending at breaks).  Any
 * other event goes to the one-to-one phases of solve.c.
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

/* The exact search over the must pairs and its answer. */
struct rs_fixed {
    int *slot_day, *meet_a, *meet_b, *tables, *gap_cap, *max_run, *slot, *pair, *order;
    unsigned char *allowed, *run_start;
    rs_b2b_problem prob;
    rs_b2b *b;
    rs_b2b_result res;
    int searched;           /* rs_b2b_search ran (or GLPK failed in it)   */
};

/* No meeting was timetabled (rs_run_list_musts' test). */
static int none_met(const void *ctx, int pair)
{
    (void)ctx;
    (void)pair;
    return 0;
}

/* Whether pair p is one of the meetings searched: take[p], or with no
 * take whether it is a must. */
static int taken(const rs_event *ev, const unsigned char *take, int p)
{
    return take ? take[p] != 0 : ev->pairs[p].must != 0;
}

/* The number of pairs taken. */
static int count_taken(const rs_event *ev, const unsigned char *take)
{
    int n = 0;
    for (int p = 0; p < ev->npairs; p++)
        n += taken(ev, take, p);
    return n;
}

/* The largest number of people any pair taken brings. */
static int largest_need(const rs_event *ev, const unsigned char *take)
{
    int need = 0;
    for (int p = 0; p < ev->npairs; p++) {
        int n = ev->p[ev->pairs[p].inv].team_size + ev->p[ev->pairs[p].sme].team_size;
        if (taken(ev, take, p) && n > need)
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

/* Per participant, its pairs taken (take NULL: its musts); the caller
 * frees it.  NULL when out of memory. */
static int *taken_degrees(const rs_event *ev, const unsigned char *take)
{
    int *deg = calloc((size_t)ev->np + 1, sizeof(int));
    if (!deg)
        return NULL;
    for (int p = 0; p < ev->npairs; p++)
        if (taken(ev, take, p)) {
            deg[ev->pairs[p].inv]++;
            deg[ev->pairs[p].sme]++;
        }
    return deg;
}

int rs_fixed_searchable(const rs_event *ev, const unsigned char *take)
{
    if (ev->format != RS_FORMAT_ONE_TO_ONE || ev->npairs == 0 || ev->nrooms == 0 ||
        ev->nslots > RS_B2B_MAX_SLOTS || ev->changeover_minutes > 0 || !travel_free(ev))
        return 0;
    int need = largest_need(ev, take);
    long tables = 0;
    for (int r = 0; r < ev->nrooms; r++) {
        if (ev->rooms[r].capacity < need)
            return 0;
        for (int k = 0; k < ev->nslots; k++)
            tables += ev->rooms[r].avail[k] != 0;
    }
    if (take && tables < count_taken(ev, take)) /* more meetings than room-slots */
        return 0;
    int *deg = taken_degrees(ev, take);
    if (!deg)
        return 0;
    int ok = 1;
    for (int i = 0; i < ev->np && ok; i++)
        ok = ev->p[i].max_meetings >= deg[i];
    free(deg);
    return ok;
}

int rs_fixed_applies(const rs_event *ev)
{
    return count_taken(ev, NULL) == ev->npairs && rs_fixed_searchable(ev, NULL);
}

int rs_fixed_musts_apply(const rs_event *ev)
{
    int n = count_taken(ev, NULL);
    return 2 * n >= ev->npairs && n < ev->npairs && rs_fixed_searchable(ev, NULL);
}

/* The problem in b2b.c's terms: a meeting per pair taken, allowed in the
 * slots where rs_pair_fits_at lets the pair meet, as many tables per slot
 * as rooms are open then. */
/* f->order: the meetings in the order their participants asked for them
 * (participant by participant as in the files, each one's requests as
 * listed; a pair both asked for at the first of the two), the meetings no
 * request names after, in pair order.  The satisfiability question makes
 * its variables in this order: it keeps together the meetings one
 * business asked for, and on the published forums it answers the
 * questions the order by busiest participant leaves open within the
 * limit (docs/solving.md, "Brokerage days", step 5).  0, or -1 when
 * memory ran out. */
static int request_order(const rs_event *ev, rs_fixed *f, int nm)
{
    int *meet_of = malloc(((size_t)ev->npairs + 1) * sizeof(int));
    char *placed = calloc((size_t)nm + 1, 1);
    f->order = malloc(((size_t)nm + 1) * sizeof(int));
    int ok = meet_of && placed && f->order ? 0 : -1, n = 0;
    if (ok != 0)
        goto done;
    for (int p = 0; p < ev->npairs; p++)
        meet_of[p] = -1;
    for (int m = 0; m < nm; m++)
        meet_of[f->pair[m]] = m;
    for (int i = 0; i < ev->np; i++)
        for (int r = 0; r < ev->p[i].nreq; r++) {
            int p = rs_pair_index(ev, i, ev->p[i].req[r].other);
            int m = p >= 0 ? meet_of[p] : -1;
            if (m >= 0 && !placed[m]) {
                placed[m] = 1;
                f->order[n++] = m;
            }
        }
    for (int m = 0; m < nm; m++)
        if (!placed[m])
            f->order[n++] = m;
done:
    free(meet_of);
    free(placed);
    return ok;
}

rs_code rs_fixed_new(const rs_run *run, const unsigned char *take, double deadline,
                     rs_fixed **out, rs_diag *diag)
{
    const rs_event *ev = run->ev;
    rs_fixed *f = calloc(1, sizeof(rs_fixed));
    *out = f;
    if (!f)
        return RS_ENOMEM;
    size_t ns = (size_t)ev->nslots, nm = (size_t)count_taken(ev, take);
    f->slot_day = malloc(ns * sizeof(int));
    f->tables = calloc(ns, sizeof(int));
    f->meet_a = malloc((nm + 1) * sizeof(int));
    f->meet_b = malloc((nm + 1) * sizeof(int));
    f->slot = malloc((nm + 1) * sizeof(int));
    f->pair = malloc((nm + 1) * sizeof(int));
    f->gap_cap = malloc(((size_t)ev->np + 1) * sizeof(int));
    f->max_run = malloc(((size_t)ev->np + 1) * sizeof(int));
    f->allowed = calloc(nm * ns + 1, 1);
    f->run_start = malloc(ns);
    if (!f->slot_day || !f->tables || !f->meet_a || !f->meet_b || !f->slot || !f->pair ||
        !f->gap_cap || !f->max_run || !f->allowed || !f->run_start)
        return RS_ENOMEM;
    for (int k = 0; k < ev->nslots; k++) {
        f->slot_day[k] = ev->slots[k].day;
        f->run_start[k] = (unsigned char)(ev->slots[k].prev != k - 1);
        for (int r = 0; r < ev->nrooms; r++)
            f->tables[k] += ev->rooms[r].avail[k] != 0;
    }
    size_t m = 0;
    for (int p = 0; p < ev->npairs; p++) {
        if (!taken(ev, take, p))
            continue;
        f->pair[m] = p;
        f->meet_a[m] = ev->pairs[p].inv;
        f->meet_b[m] = ev->pairs[p].sme;
        for (int k = 0; k < ev->nslots; k++)
            f->allowed[m * ns + (size_t)k] = (unsigned char)rs_pair_fits_at(ev, p, k);
        m++;
    }
    for (int i = 0; i < ev->np; i++) {
        f->gap_cap[i] = ev->p[i].max_idle_gaps >= RS_UNLIMITED ? -1 : ev->p[i].max_idle_gaps;
        f->max_run[i] = ev->p[i].max_consecutive >= ev->nslots ? 0 : ev->p[i].max_consecutive;
    }
    rs_b2b_problem *pb = &f->prob;
    pb->np = ev->np;
    pb->nslots = ev->nslots;
    pb->slot_day = f->slot_day;
    pb->nmeet = (int)nm;
    pb->meet_a = f->meet_a;
    pb->meet_b = f->meet_b;
    pb->allowed = f->allowed;
    pb->tables = f->tables;
    pb->gap_cap = f->gap_cap;
    pb->max_run = f->max_run;
    pb->run_start = f->run_start;
    pb->idle_gap = ev->w.idle_gap;
    pb->idle_slot = ev->w.idle_slot;
    if (request_order(ev, f, (int)nm) != 0)
        return RS_ENOMEM;
    pb->order = f->order;
    pb->deadline = deadline;
    pb->interrupt = run->interrupt;
    pb->quiet = run->opt->quiet;
    pb->one_process = run->opt->single_process;
    f->res.slot = f->slot;
    rs_code rc = rs_b2b_new(pb, &f->b, diag);
    if (rc == RS_OK || rc == RS_ENOMEM)
        return rc;
    return RS_ESOLVER; /* refused: the diag says why */
}

rs_code rs_fixed_search(rs_fixed *f, double deadline, const rs_b2b_result **res)
{
    f->searched = 1;
    *res = &f->res;
    return rs_b2b_search(f->b, deadline, &f->res);
}

rs_code rs_fixed_placements(const rs_event *ev, const rs_fixed *f, rs_placement *at, int *n,
                            rs_diag *diag)
{
    int *next = calloc((size_t)ev->nslots + 1, sizeof(int));
    *n = 0;
    if (!next)
        return RS_ENOMEM;
    for (int m = 0; m < f->prob.nmeet; m++) {
        int k = f->slot[m], r = next[k];
        while (r < ev->nrooms && !ev->rooms[r].avail[k])
            r++;
        if (r >= ev->nrooms) {
            rs_diag_add(diag, "internal error: slot %d has more meetings than rooms", k);
            free(next);
            return RS_ESOLVER;
        }
        next[k] = r + 1;
        at[m] = (rs_placement){f->pair[m], k, r};
    }
    free(next);
    *n = f->prob.nmeet;
    return RS_OK;
}

void rs_fixed_glpk_lost(rs_fixed *f)
{
    if (f && f->b && f->searched)
        rs_b2b_glpk_lost(f->b, &f->res);
}

void rs_fixed_free(rs_fixed *f)
{
    if (!f)
        return;
    rs_b2b_free(f->b);
    free(f->slot_day);
    free(f->tables);
    free(f->meet_a);
    free(f->meet_b);
    free(f->slot);
    free(f->pair);
    free(f->order);
    free(f->gap_cap);
    free(f->max_run);
    free(f->run_start);
    free(f->allowed);
    free(f);
}

/* The format's state: every pair a must, so meeting m is pair m. */
static rs_code fixed_begin(rs_run *run)
{
    run->strategy = RS_STRATEGY_DIRECT;
    rs_fixed *f = NULL;
    rs_code rc = rs_fixed_new(run, NULL, run->deadline, &f, run->diag);
    run->work = f;
    return rc == RS_ESOLVER ? RS_OK : rc; /* refused: phase_exact says so */
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
    rs_fixed *f = run->work;
    if (!f->b) /* rs_b2b_new refused the problem: the diag says why */
        return RS_ESOLVER;
    double now = rs_now();
    const rs_b2b_result *res;
    rs_code rc = rs_fixed_search(f, deadline - fmin(0.5, 0.02 * (deadline - now)), &res);
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
    rs_fixed *f = run->work;
    if (f->res.status != RS_B2B_FEASIBLE && f->res.status != RS_B2B_OPTIMAL) {
        rs_run_list_musts(ev, none_met, NULL, run->diag, "not timetabled within the time limit");
        return RS_ENOSOLUTION;
    }
    rs_schedule *s = rs_schedule_new();
    rs_placement *at = malloc(((size_t)ev->npairs + 1) * sizeof(rs_placement));
    rs_code rc = RS_ENOMEM;
    int n = 0;
    if (!s || !at)
        goto done;
    rc = rs_fixed_placements(ev, f, at, &n, run->diag);
    if (rc != RS_OK)
        goto done;
    rc = RS_ENOMEM;
    for (int i = 0; i < n; i++) {
        const rs_pair *pr = &ev->pairs[at[i].pair];
        if (rs_schedule_add(s, at[i].slot, at[i].room, pr->sme, &pr->inv, 1, pr->score, 0) != 0)
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
    free(at);
    return rc;
}

/* GLPK's environment went with an error: the search keeps what it had. */
static void fixed_glpk_lost(rs_run *run)
{
    rs_fixed_glpk_lost(run->work);
}

/* Past the memory limit the best timetable found before stands. */
static int fixed_salvage(rs_run *run)
{
    rs_fixed *f = run->work;
    return f && (f->res.status == RS_B2B_FEASIBLE || f->res.status == RS_B2B_OPTIMAL);
}

/* Frees the state, also when begin failed part way. */
static void fixed_end(rs_run *run)
{
    rs_fixed_free(run->work);
    run->work = NULL;
}

/* Whether someone has more musts than its consecutive limit, so that the
 * limit may bind; out of memory it says yes (the longer pre-check). */
static int run_limit_binds(const rs_event *ev)
{
    int *deg = taken_degrees(ev, NULL), binds = 0;
    if (!deg)
        return 1;
    for (int i = 0; i < ev->np && !binds; i++)
        binds = deg[i] > ev->p[i].max_consecutive;
    free(deg);
    return binds;
}

/* The pre-check is the one-to-one format's (musts that cannot be met
 * together), for at most PRECHECK_SECONDS: with every pair a must, its
 * feasibility model is the whole timetabling problem less the gaps, which
 * GLPK may not settle in its budget, while the exact search itself
 * proves when no timetable exists.  Where a consecutive limit may bind,
 * it gets the one-to-one format's budget: its deletion filter, which
 * names the smallest sets (one participant's musts that its limit and
 * availability cannot hold, say), needs a few seconds, and with a second
 * it could only name one large set (tic-13 with at most 5 in a row). */
static rs_code fixed_precheck(const rs_event *ev, double budget, rs_diag *diag)
{
    double cap = run_limit_binds(ev) ? budget : fmin(budget, PRECHECK_SECONDS);
    return rs_clash_check(ev, cap, diag, NULL);
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
