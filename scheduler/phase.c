/*
 * phase.c - the phase runner, progress reports and the branch-and-cut
 * callback shared by every format (see phase.h).
 */
#include "phase.h"
#include "model.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The deadline of the runner's formula, with a share of 1 giving end
 * exactly (no rounding from now + (end - now)). */
static double phase_deadline(double now, double end, double share)
{
    return share >= 1 ? end : now + (end - now) * share;
}

rs_code rs_run_phases(rs_run *run)
{
    const rs_phase_table *t = run->table;
    run->heuristic_end = phase_deadline(run->t0, run->deadline, t->heuristic_share);
    for (int i = 0; i < t->n; i++) {
        const rs_phase *ph = &t->phase[i];
        double end = ph->of == RS_OF_HEURISTIC ? run->heuristic_end : run->deadline;
        rs_phase_result result = RS_PHASE_RAN;
        run->phase = ph->name;
        rs_code rc = ph->run(run, phase_deadline(rs_now(), end, ph->share), &result);
        if (rc != RS_OK)
            return rc;
        if (result == RS_PHASE_RAN)
            rs_run_report(run, 1);
        /* a schedule within the gap asked for ends the run (gap 0: the
         * phases themselves stop at the bound, and bounds may still fall) */
        if (run->gap > 0 && rs_run_at_bound(run))
            break;
    }
    return RS_OK;
}

void rs_run_restart_heuristic(rs_run *run)
{
    run->heuristic_end = phase_deadline(rs_now(), run->deadline, run->table->heuristic_share);
}

int rs_run_report(rs_run *run, int force)
{
    double now = rs_now();
    int stop = run->interrupt && *run->interrupt;
    if (!force && now - run->last_report < 1.0)
        return stop;
    if (run->poll)
        run->poll(run);
    run->last_report = now;
    rs_progress p;
    p.seconds = now - run->t0;
    p.incumbent = run->incumbent;
    p.bound = run->bound;
    p.gap = (isnan(p.incumbent) || isnan(p.bound))
                ? NAN : (p.bound - p.incumbent) / fmax(1.0, fabs(p.bound));
    p.phase = run->phase;
    if (!run->opt->quiet) {
        char inc[32] = "-", bnd[32] = "-", gap[32] = "-";
        if (!isnan(p.incumbent))
            rs_fmt_num(p.incumbent, inc, sizeof inc);
        if (!isnan(p.bound))
            rs_fmt_num(p.bound, bnd, sizeof bnd);
        if (!isnan(p.gap))
            snprintf(gap, sizeof gap, "%.2f%%", 100 * p.gap);
        fprintf(stderr, "[%6.1fs] %-10s incumbent %s  bound %s  gap %s\n", p.seconds, p.phase,
                inc, bnd, gap);
    }
    if (run->opt->progress && run->opt->progress(&p, run->opt->progress_user))
        stop = 1;
    return stop;
}

int rs_run_gap_met(const rs_run *run, double incumbent)
{
    if (incumbent >= run->bound - RS_EPS)
        return 1;
    return run->gap > 0 && !isnan(incumbent) && !isnan(run->bound) &&
           run->bound - incumbent <= run->gap * fmax(1.0, fabs(run->bound)) + RS_EPS;
}

int rs_run_at_bound(const rs_run *run)
{
    return rs_run_gap_met(run, run->incumbent);
}

void rs_schedule_settle(rs_schedule *s, double bound, int proven)
{
    if (proven || s->objective >= bound - RS_EPS) {
        strcpy(s->status, "optimal");
        s->bound = s->objective;
    } else {
        strcpy(s->status, "feasible");
        s->bound = bound;
    }
    s->gap = (s->bound - s->objective) / fmax(1.0, fabs(s->bound));
    if (s->gap < 0)
        s->gap = 0;
}

void rs_run_list_musts(const rs_event *ev, int (*met)(const void *ctx, int pair),
                       const void *ctx, rs_diag *diag, const char *why)
{
    for (int p = 0; p < ev->npairs; p++) {
        const rs_pair *pr = &ev->pairs[p];
        if (!pr->must || met(ctx, p))
            continue;
        int from = pr->req_by_sme == RS_PRIO_MUST ? pr->sme : pr->inv;
        int to = from == pr->sme ? pr->inv : pr->sme;
        rs_diag_add(diag, "must request %s -> %s (%s): %s", ev->p[from].id, ev->p[to].id,
                    rs_priority_name(RS_PRIO_MUST), why);
    }
}

/* Times the longest stretch between two callbacks that branch and cut
 * must have left before the deadline when GLPK asks for cuts (rs_run_mip_
 * callback): twice elsewhere. */
#define CUT_STRETCHES 5

/* With a keep (re-scheduling), GLPK's objective includes the keep bonus,
 * so its value is not the contract objective: it is neither recorded nor
 * compared with the bound, and GLPK's search may still keep more
 * meetings in place. */
void rs_run_mip_callback(glp_tree *T, void *info)
{
    rs_run *run = info;
    int reason = glp_ios_reason(T);
    if (reason == GLP_IHEUR && !run->injected && run->heur_x) {
        run->injected = 1;
        glp_ios_heur_sol(T, run->heur_x);
    }
    int best = glp_ios_best_node(T);
    if (best) {
        double sb = rs_safe_bound(run->ev, glp_ios_node_bound(T, best));
        if (isnan(run->bound) || sb < run->bound)
            run->bound = sb;
    }
    glp_prob *P = glp_ios_get_prob(T);
    if (!run->keep && (glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT)) {
        double v = glp_mip_obj_val(P);
        if (isnan(run->incumbent) || v > run->incumbent)
            run->incumbent = v;
    }
    double now = rs_now();
    if (run->cb_last > 0 && now - run->cb_last > run->cb_step)
        run->cb_step = now - run->cb_last;
    run->cb_last = now;
    /* an incumbent at the bound of another relaxation is optimal too;
       the next stretch without a call may be longer than any so far (as
       the cuts pile up, each round of them takes longer: 0.5, 0.7, 1.0,
       1.6 s on a brokerage day of 70), hence twice the longest; after a
       request for cuts the stretch holds the cuts and the LP solved again
       with them, which jumped from 0.76 s to 2.6 s on the benchmark's
       forum70 (ending at 12.4 to 13.8 s of 12), hence CUT_STRETCHES
       times the longest there */
    double ahead = (reason == GLP_ICUTGEN ? CUT_STRETCHES : 2) * run->cb_step;
    if (rs_run_report(run, 0) || now + ahead > run->deadline ||
        (!run->keep && rs_run_at_bound(run)))
        glp_ios_terminate(T);
}

/* The run's callback finds the heuristic vector through the run while
 * GLPK searches; it is no longer lent after. */
int rs_run_intopt(rs_run *run, glp_prob *lp, const double *heur_x, double deadline)
{
    run->heur_x = heur_x;
    run->cb_last = run->cb_step = 0;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_ERR;
    ip.presolve = GLP_OFF;
    ip.mip_gap = run->gap;
    ip.cb_func = rs_run_mip_callback;
    ip.cb_info = run;
    rs_iocp_for_size(&ip, lp, 1);
    ip.mir_cuts = GLP_ON;
    ip.clq_cuts = GLP_ON;
    double left = deadline - rs_now();
    ip.tm_lim = left > 0.05 ? (int)(left * 1000) : 50;
    int ret = glp_intopt(lp, &ip);
    run->heur_x = NULL;
    return ret;
}
