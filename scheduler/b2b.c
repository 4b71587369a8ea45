/*
 * b2b.c - timetabling a fixed set of meetings with the fewest gaps (see
 * b2b.h and docs/solving.md, "Brokerage days").
 *
 * Slot sets are 64-bit masks (bit k = slot k).  A participant with two
 * meetings or more has a list of patterns: the sets of slots its meetings
 * can take one each (a matching exists) within its gap cap, each with its
 * cost.  Participants with one meeting have no gaps and need none.
 */
#define _POSIX_C_SOURCE 200809L
#include "b2b.h"

#include "b2b_sat.h"
#include "glpk_layer.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATTERNS 3000000L /* beyond this the exact part is skipped      */
#define NO_CAP 1000           /* a gap cap no participant reaches           */
#define SA_ITERS 60000000L    /* annealing moves at most                    */
#define SA_PER_MEETING 200000L /* annealing moves per meeting at most       */
#define SA_GUIDED_SHARE 3L    /* ... divided by this before guided questions */
#define ANNEAL_RESTART 100        /* batches without a better timetable: restart */
#define SA_BATCH 20000L       /* moves between temperature steps            */
#define SA_VIOL 200L          /* annealing score of one broken rule         */
#define EPS 1e-7
#define NEVER LLONG_MAX       /* the clock of a chain that has ended        */
#define WORK_PER_MOVE 6.0     /* a move of the annealing in units of the
                                 solver's work (rs_sat_work): 4.5 to 7.4 on
                                 the forums, measured as the unguided
                                 question's work when the annealing ends */

typedef uint64_t mask_t;

/* One participant's patterns. */
typedef struct {
    long n, cap;
    mask_t *mask;
    double *cost;
    int *col;                 /* its column in the current GLPK problem or 0 */
} plist;

/* The Lagrangian multipliers and what they give (see lagrangian). */
typedef struct {
    double L;
    double *dlink;            /* np * T: dual of "p busy at k"             */
    double *dtab;             /* T: dual of slot k's table row (<= 0)      */
    double *minH, *minE;      /* per participant, per meeting              */
} lag;

/* Domain propagation over the columns of one integer program. */
typedef struct {
    int ncol;
    int *cm, *ck;             /* x column: meeting, slot (cm -1: pattern)  */
    int *cp;                  /* pattern column: participant (-1: x)       */
    mask_t *cmask;
    double *ccost, *crc;      /* pattern cost; reduced cost of any column  */
    int *xcol;                /* nmeet * T: column of x[m,k] or 0          */
    int **pcols;              /* per participant its pattern columns       */
    int *npc;
    double cap, B;            /* cost budget, reduced-cost budget          */
    double *slackrc;          /* per slot: reduced cost of a free table    */
    /* work */
    double *lb, *ub;
    char *alive, *kill, *fix1;
    mask_t *D, *sup, *must;
    double *minc, *minrc, *minrx;
    long calls, fails;
} prop;

/* An answer of one of the two chains of step 5 (sat_finish): a timetable
 * (found, with its cost) or a proof (with the bound it proves), at the
 * work its chain had done. */
typedef struct {
    int guided;
    int found;
    long long v;
    double cost;
    int *slot;                /* found: the timetable                      */
} race_event;

struct rs_b2b {
    int np, T, M, ndays;
    int *ma, *mb, *deg, **inc, *cap, *tables;
    mask_t *amask, *avail, *daymask;
    mask_t daystart;
    mask_t runcont;           /* slots that continue the run of the one before */
    int *run;                 /* per participant: its run limit, 0 none     */
    double wg, wi;            /* idle_gap, idle_slot                        */
    double step;              /* costs are multiples of it (0: not known)   */
    const rs_b2b_problem *prob;
    plist *pl;
    long npat;
    /* best timetable */
    int *best;
    double ub;
    int have;
    double lb;
    /* annealing */
    int *slot, *cnt, *ycnt, *chain, *inchain, *list;
    mask_t *busy;             /* per participant: slots with a meeting      */
    int *conf;                /* per participant: meetings beyond one a slot */
    double *expd;             /* exp(-d / temperature) for small d ...     */
    double expt;              /* ... at this temperature (0: none yet)     */
    long *pscore, *nscore;
    int *pv, *pg, *pid;       /* per participant: broken rules, gaps, idle  */
    int *nv, *ng, *nid;       /* the same for the touched of the last move  */
    long sa_dover;            /* the last move's change of full tables      */
    long sa_gw, sa_iw;        /* a gap and an idle slot in the units of the
                                 score, with a little pull towards compact
                                 days even when idle slots are free (compact
                                 days leave room to close gaps)             */
    uint64_t rng;
    /* column generation and integer programs */
    int nx, *xm, *xk;
    int *convrow, *meetrow, *tabrow, *linkrow;
    glp_prob *lp, *mip;
    lag lg;
    double *bestd;            /* multipliers of the best bound so far       */
    int *ind;                 /* row building (1..ncol)                     */
    double *val;
    char *keepx;
    prop P;
    int stop_first, rounds;
    double ldeadline;
    int quiet;
    /* the satisfiability question being answered (b2b_sat.h) */
    rs_b2b_sat *sat;
    int *satslot;             /* room for its answer                       */
    int satk;                 /* the gaps it allows                        */
    int satmax;               /* the most gaps any timetable can have      */
    int satnone, satoff;      /* no timetable at all; no more questions    */
    double satdeadline;
    /* the guided question: a gap fewer than the best timetable, searched
       around it (b2b_sat.h, hint) */
    rs_b2b_sat *up;
    int *upslot;              /* the chain's best timetable, then room for
                                 the answer                                */
    int upk;                  /* the gaps it allows                        */
    int upoff;                /* no more guided questions                  */
    /* the race between the two (sat_finish): each event placed on a clock
       of work, the solver's (rs_sat_work), the same in every run */
    long long sa_iters;       /* annealing moves made                      */
    long long sa_best_v;      /* the moves, in units of work, at which the
                                 annealing found its best timetable        */
    int annealing;            /* the annealing runs: its clock is live     */
    int race_done, race_pick; /* the race ended during the annealing      */
    long long vu;             /* work of the unguided questions answered   */
    long long vg;             /* the guided chain's work before its running
                                 question: the annealing's moves in units
                                 of work (WORK_PER_MOVE), then its answers */
    double lb0;               /* the pattern LP's bound, at work 0         */
    race_event *ev;           /* the chains' answers, each chain's in order */
    int nev, cev;
};

/* ---- costs --------------------------------------------------------- */

/* Bits set in m, counted inline: without a popcount instruction in the
 * portable build, __builtin_popcountll is a library call (6.6% of a
 * brokerage day's profile, most of it the annealing). */
static int popc(mask_t m)
{
    m = m - ((m >> 1) & 0x5555555555555555ULL);
    m = (m & 0x3333333333333333ULL) + ((m >> 2) & 0x3333333333333333ULL);
    m = (m + (m >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (int)((m * 0x0101010101010101ULL) >> 56);
}

static int lowbit(mask_t m)
{
    return __builtin_ctzll(m);
}

/* Gaps and idle slots of a participant busy at the slots of m: each day
 * with meetings has one block of busy slots more than it has gaps. */
static void busy_cost(const rs_b2b *b, mask_t m, int *gaps, int *idle)
{
    mask_t starts = m & ~((m << 1) & ~b->daystart);
    int g = popc(starts), id = 0;
    for (int d = 0; d < b->ndays; d++) {
        mask_t x = m & b->daymask[d];
        if (!x)
            continue;
        g--;
        int hi = 63 - __builtin_clzll(x), lo = lowbit(x);
        id += hi - lo + 1 - popc(x);
    }
    *gaps = g;
    *idle = id;
}

/* Meetings beyond a run limit lim in busy slots m: for each run of
 * consecutive busy slots (cont: the slots that continue the run of the
 * one before), its length less lim when longer.  0 when lim is 0 or no
 * run is too long. */
static int run_over(mask_t m, mask_t cont, int lim)
{
    if (lim <= 0)
        return 0;
    mask_t L = m; /* after j rounds: slots ending a run of j + 1 or more */
    for (int j = 0; j < lim && L; j++)
        L = m & (L << 1) & cont;
    return popc(L);
}

/* Whether slot k (0 < k < nslots) continues the run of consecutive
 * meetings of slot k - 1: the same day, no break between. */
static int run_continues(const rs_b2b_problem *pr, int k)
{
    return k > 0 && k < pr->nslots && pr->slot_day[k] == pr->slot_day[k - 1] &&
           !(pr->run_start && pr->run_start[k]);
}

int rs_b2b_run_window(const rs_b2b_problem *pr, int s, int len)
{
    if (s < 0 || len < 1 || s + len > pr->nslots)
        return 0;
    for (int k = s + 1; k < s + len; k++)
        if (!run_continues(pr, k))
            return 0;
    return 1;
}

/* The slots that continue the run of the slot before, as a mask. */
static mask_t run_cont_mask(const rs_b2b_problem *pr)
{
    mask_t cont = 0;
    for (int k = 1; k < pr->nslots; k++)
        if (run_continues(pr, k))
            cont |= (mask_t)1 << k;
    return cont;
}

static double weigh(const rs_b2b *b, int gaps, int idle)
{
    return b->wg * gaps + b->wi * idle;
}

/* ---- the problem ------------------------------------------------------ */

static void fill_result(rs_b2b *b, rs_b2b_result *res, int optimal, int infeasible);

void rs_b2b_glpk_lost(rs_b2b *b, rs_b2b_result *res)
{
    b->lp = NULL;
    b->mip = NULL;
    fill_result(b, res, 0, 0);
}

static void prop_free(prop *P)
{
    free(P->cm);
    free(P->ck);
    free(P->cp);
    free(P->cmask);
    free(P->ccost);
    free(P->crc);
    free(P->xcol);
    free(P->npc);
    free(P->slackrc);
    free(P->lb);
    free(P->ub);
    free(P->alive);
    free(P->kill);
    free(P->fix1);
    free(P->D);
    free(P->sup);
    free(P->must);
    free(P->minc);
    free(P->minrc);
    free(P->minrx);
    memset(P, 0, sizeof *P);
}

/* Frees the pattern-column lists of P (one block per participant). */
static void prop_free_lists(prop *P, int np)
{
    if (P->pcols)
        for (int p = 0; p < np; p++)
            free(P->pcols[p]);
    free(P->pcols);
    P->pcols = NULL;
    prop_free(P);
}

static void round_free(rs_b2b *b)
{
    if (b->mip)
        glp_delete_prob(b->mip);
    b->mip = NULL;
    free(b->keepx);
    free(b->ind);
    free(b->val);
    b->keepx = NULL;
    b->ind = NULL;
    b->val = NULL;
    prop_free_lists(&b->P, b->np);
}

void rs_b2b_free(rs_b2b *b)
{
    if (!b)
        return;
    round_free(b);
    rs_b2b_sat_free(b->sat);
    free(b->satslot);
    for (int i = 0; i < b->nev; i++)
        free(b->ev[i].slot);
    free(b->ev);
    rs_b2b_sat_free(b->up);
    free(b->upslot);
    if (b->lp)
        glp_delete_prob(b->lp);
    if (b->inc)
        for (int p = 0; p < b->np; p++)
            free(b->inc[p]);
    if (b->pl)
        for (int p = 0; p < b->np; p++) {
            free(b->pl[p].mask);
            free(b->pl[p].cost);
            free(b->pl[p].col);
        }
    free(b->pl);
    free(b->inc);
    free(b->ma);
    free(b->mb);
    free(b->deg);
    free(b->cap);
    free(b->run);
    free(b->tables);
    free(b->amask);
    free(b->avail);
    free(b->daymask);
    free(b->best);
    free(b->slot);
    free(b->cnt);
    free(b->busy);
    free(b->conf);
    free(b->expd);
    free(b->ycnt);
    free(b->chain);
    free(b->inchain);
    free(b->list);
    free(b->pscore);
    free(b->nscore);
    free(b->pv);
    free(b->pg);
    free(b->pid);
    free(b->nv);
    free(b->ng);
    free(b->nid);
    free(b->xm);
    free(b->xk);
    free(b->convrow);
    free(b->meetrow);
    free(b->tabrow);
    free(b->linkrow);
    free(b->lg.dlink);
    free(b->lg.dtab);
    free(b->lg.minH);
    free(b->lg.minE);
    free(b->bestd);
    free(b);
}

/* The greatest common divisor of two nonnegative integral weights, or 0
 * when a weight is not integral (costs then form no lattice). */
static double cost_step(double a, double c)
{
    if (a != floor(a) || c != floor(c) || a > 1e9 || c > 1e9)
        return 0;
    long x = (long)a, y = (long)c;
    while (y) {
        long t = x % y;
        x = y;
        y = t;
    }
    return x ? (double)x : 1; /* both 0: every cost is 0 */
}

/* Every problem with prob goes to the diag: a search on a malformed
 * problem would index out of its arrays. */
static int check_problem(const rs_b2b_problem *pr, rs_diag *diag)
{
    int bad = 0;
    if (pr->np < 0 || pr->nmeet < 0) {
        rs_diag_add(diag, "b2b: negative participant or meeting count");
        return 1;
    }
    if (pr->nslots < 1 || pr->nslots > RS_B2B_MAX_SLOTS) {
        rs_diag_add(diag, "b2b: %d slots (1 to %d allowed)", pr->nslots, RS_B2B_MAX_SLOTS);
        return 1;
    }
    if (!pr->slot_day || !pr->tables || (pr->nmeet > 0 && (!pr->meet_a || !pr->meet_b ||
                                                           !pr->allowed))) {
        rs_diag_add(diag, "b2b: a required array is missing");
        return 1;
    }
    for (int k = 1; k < pr->nslots; k++)
        if (pr->slot_day[k] != pr->slot_day[k - 1])
            for (int j = 0; j < k - 1; j++)
                if (pr->slot_day[j] == pr->slot_day[k]) {
                    rs_diag_add(diag, "b2b: the slots of day %d are not together (slot %d)",
                                pr->slot_day[k], k);
                    bad = 1;
                    break;
                }
    for (int k = 0; k < pr->nslots; k++)
        if (pr->tables[k] < 0) {
            rs_diag_add(diag, "b2b: slot %d has %d tables", k, pr->tables[k]);
            bad = 1;
        }
    for (int m = 0; m < pr->nmeet; m++) {
        int a = pr->meet_a[m], c = pr->meet_b[m];
        if (a < 0 || a >= pr->np || c < 0 || c >= pr->np || a == c) {
            rs_diag_add(diag, "b2b: meeting %d joins participants %d and %d", m, a, c);
            bad = 1;
        }
        if (pr->start && (pr->start[m] < -1 || pr->start[m] >= pr->nslots)) {
            rs_diag_add(diag, "b2b: the start puts meeting %d in slot %d", m, pr->start[m]);
            bad = 1;
        }
    }
    if (pr->order) {
        char *seen = calloc((size_t)pr->nmeet + 1, 1);
        if (!seen) {
            rs_diag_add(diag, "b2b: out of memory");
            return 1;
        }
        for (int i = 0; i < pr->nmeet; i++) {
            int m = pr->order[i];
            if (m < 0 || m >= pr->nmeet || seen[m]) {
                rs_diag_add(diag, "b2b: the order names meeting %d at %d", m, i);
                bad = 1;
                break;
            }
            seen[m] = 1;
        }
        free(seen);
    }
    if (!(pr->idle_gap >= 0 && pr->idle_slot >= 0 && isfinite(pr->idle_gap) &&
          isfinite(pr->idle_slot))) {
        rs_diag_add(diag, "b2b: the weights must be finite and nonnegative");
        bad = 1;
    }
    return bad;
}

rs_code rs_b2b_new(const rs_b2b_problem *pr, rs_b2b **out, rs_diag *diag)
{
    *out = NULL;
    if (check_problem(pr, diag))
        return RS_EUSAGE;
    rs_b2b *b = calloc(1, sizeof *b);
    if (!b)
        return RS_ENOMEM;
    int np = pr->np, T = pr->nslots, M = pr->nmeet;
    size_t snp = (size_t)np + 1, sm = (size_t)M + 1, st = (size_t)T + 1;
    b->np = np;
    b->T = T;
    b->M = M;
    b->prob = pr;
    b->wg = pr->idle_gap;
    b->wi = pr->idle_slot;
    b->step = cost_step(b->wg, b->wi);
    b->quiet = pr->quiet;
    b->ma = malloc(sm * sizeof(int));
    b->mb = malloc(sm * sizeof(int));
    b->deg = calloc(snp, sizeof(int));
    b->inc = calloc(snp, sizeof(int *));
    b->cap = malloc(snp * sizeof(int));
    b->run = calloc(snp, sizeof(int));
    b->tables = malloc(st * sizeof(int));
    b->amask = calloc(sm, sizeof(mask_t));
    b->avail = calloc(snp, sizeof(mask_t));
    b->daymask = calloc(st, sizeof(mask_t));
    b->best = malloc(sm * sizeof(int));
    b->pl = calloc(snp, sizeof(plist));
    if (!b->ma || !b->mb || !b->deg || !b->inc || !b->cap || !b->run || !b->tables ||
        !b->amask || !b->avail || !b->daymask || !b->best || !b->pl)
        goto oom;
    for (int k = 0; k < T; k++) {
        b->tables[k] = pr->tables[k];
        if (k == 0 || pr->slot_day[k] != pr->slot_day[k - 1]) {
            b->daystart |= (mask_t)1 << k;
            b->ndays++;
        }
        b->daymask[b->ndays - 1] |= (mask_t)1 << k;
    }
    b->runcont = run_cont_mask(pr);
    for (int p = 0; p < np; p++) {
        b->cap[p] = pr->gap_cap && pr->gap_cap[p] >= 0 ? pr->gap_cap[p] : NO_CAP;
        b->run[p] = pr->max_run && pr->max_run[p] > 0 ? pr->max_run[p] : 0;
    }
    for (int m = 0; m < M; m++) {
        b->ma[m] = pr->meet_a[m];
        b->mb[m] = pr->meet_b[m];
        for (int k = 0; k < T; k++)
            if (pr->allowed[(size_t)m * (size_t)T + (size_t)k])
                b->amask[m] |= (mask_t)1 << k;
        b->deg[b->ma[m]]++;
        b->deg[b->mb[m]]++;
        b->avail[b->ma[m]] |= b->amask[m];
        b->avail[b->mb[m]] |= b->amask[m];
    }
    for (int p = 0; p < np; p++) {
        b->inc[p] = malloc(((size_t)b->deg[p] + 1) * sizeof(int));
        if (!b->inc[p])
            goto oom;
        b->deg[p] = 0;
    }
    for (int m = 0; m < M; m++) {
        b->inc[b->ma[m]][b->deg[b->ma[m]]++] = m;
        b->inc[b->mb[m]][b->deg[b->mb[m]]++] = m;
    }
    b->ub = INFINITY;
    *out = b;
    return RS_OK;
oom:
    rs_b2b_free(b);
    return RS_ENOMEM;
}

int rs_b2b_evaluate(const rs_b2b_problem *pr, const int *slot, int *gaps, int *idle_slots)
{
    int ok = 1, g = 0, id = 0, T = pr->nslots;
    int *cnt = calloc((size_t)T + 1, sizeof(int));
    mask_t *busy = calloc((size_t)pr->np + 1, sizeof(mask_t));
    rs_b2b tmp;
    memset(&tmp, 0, sizeof tmp);
    mask_t dm[RS_B2B_MAX_SLOTS];
    if (!cnt || !busy) {
        ok = -1;
        goto done;
    }
    for (int k = 0; k < T; k++) {
        if (k == 0 || pr->slot_day[k] != pr->slot_day[k - 1]) {
            tmp.daystart |= (mask_t)1 << k;
            dm[tmp.ndays++] = 0;
        }
        dm[tmp.ndays - 1] |= (mask_t)1 << k;
    }
    tmp.daymask = dm;
    mask_t cont = run_cont_mask(pr);
    for (int m = 0; m < pr->nmeet; m++) {
        int k = slot[m];
        if (k < 0 || k >= T || !pr->allowed[(size_t)m * (size_t)T + (size_t)k]) {
            ok = 0;
            continue;
        }
        mask_t bit = (mask_t)1 << k;
        if ((busy[pr->meet_a[m]] & bit) || (busy[pr->meet_b[m]] & bit))
            ok = 0;
        busy[pr->meet_a[m]] |= bit;
        busy[pr->meet_b[m]] |= bit;
        if (++cnt[k] > pr->tables[k])
            ok = 0;
    }
    for (int p = 0; p < pr->np; p++) {
        int gp, ip;
        busy_cost(&tmp, busy[p], &gp, &ip);
        if (pr->gap_cap && pr->gap_cap[p] >= 0 && gp > pr->gap_cap[p])
            ok = 0;
        if (pr->max_run && run_over(busy[p], cont, pr->max_run[p]) > 0)
            ok = 0;
        g += gp;
        id += ip;
    }
done:
    free(cnt);
    free(busy);
    if (gaps)
        *gaps = g;
    if (idle_slots)
        *idle_slots = id;
    return ok;
}

/* Takes slot as the best timetable when it keeps every rule and costs
 * less than the best so far. */
/* Makes slot the best timetable when it keeps every rule and costs less
 * than the best, or no more with `tie` (the unguided question's
 * timetable replaces an equal one, sat_finish); 1 when it did. */
static int keep(rs_b2b *b, const int *slot, int tie)
{
    int g, id;
    if (rs_b2b_evaluate(b->prob, slot, &g, &id) != 1)
        return 0;
    double c = weigh(b, g, id);
    if (b->have && (tie ? c > b->ub + EPS : c >= b->ub - EPS))
        return 0;
    memcpy(b->best, slot, (size_t)b->M * sizeof(int));
    b->ub = c;
    b->have = 1;
    return 1;
}

/* Keeps slot when it betters the best timetable. */
static void offer(rs_b2b *b, const int *slot)
{
    keep(b, slot, 0);
}

static int stopped(const rs_b2b *b, double deadline)
{
    return rs_now() >= deadline || (b->prob->interrupt && *b->prob->interrupt);
}

/* ---- simulated annealing ---------------------------------------------- */

static rs_code sat_take(rs_b2b *b, double until);
static int race_end(const rs_b2b *b, int *pick);
static void race_apply(rs_b2b *b, int pick);

static uint64_t rnd(rs_b2b *b)
{
    b->rng ^= b->rng << 13;
    b->rng ^= b->rng >> 7;
    b->rng ^= b->rng << 17;
    return b->rng;
}

static int rint_below(rs_b2b *b, int n)
{
    return (int)(rnd(b) % (uint64_t)n);
}

static double runit(rs_b2b *b)
{
    return (double)(rnd(b) >> 11) / 9007199254740992.0;
}

/* The annealing score of participant p: broken rules (two meetings at
 * once, gaps over its cap, meetings beyond its run limit) weigh SA_VIOL
 * each; *viol, *gaps and *idle get their parts, so that the totals can
 * follow each move. */
static long sa_score(const rs_b2b *b, int p, int *viol, int *gaps, int *idle)
{
    long conf = b->conf[p];
    int g, id;
    busy_cost(b, b->busy[p], &g, &id);
    long over = (g > b->cap[p] ? g - b->cap[p] : 0) +
                run_over(b->busy[p], b->runcont, b->run[p]);
    *viol = (int)(conf + over);
    *gaps = g;
    *idle = id;
    return SA_VIOL * (conf + over) + b->sa_gw * g + b->sa_iw * id;
}

static long over_tables(const rs_b2b *b, int k)
{
    return b->ycnt[k] > b->tables[k] ? b->ycnt[k] - b->tables[k] : 0;
}

/* One participant's count at slot k changed by d (+1 or -1), its busy
 * slots and double bookings kept with it. */
static void sa_count(rs_b2b *b, int p, int k, int d)
{
    int *c = &b->cnt[(size_t)p * (size_t)b->T + (size_t)k];
    if (d > 0) {
        if ((*c)++)
            b->conf[p]++;
        else
            b->busy[p] |= (mask_t)1 << k;
    } else {
        if (--(*c))
            b->conf[p]--;
        else
            b->busy[p] &= ~((mask_t)1 << k);
    }
}

/* Meeting m placed in (d = 1) or taken out of (d = -1) slot k. */
static void sa_place(rs_b2b *b, int m, int k, int d)
{
    sa_count(b, b->ma[m], k, d);
    sa_count(b, b->mb[m], k, d);
    b->ycnt[k] += d;
}

/* exp(-d / temp), the chance of taking a move that worsens the score by
 * d: kept for the small d of the current temperature, since the same
 * few values come back thousands of times a batch (the same doubles as
 * calling exp each time, so the same moves are taken). */
#define SA_EXP_CACHE 1024
static double sa_accept(rs_b2b *b, long d, double temp)
{
    if (d >= SA_EXP_CACHE)
        return exp(-(double)d / temp);
    if (b->expt != temp) {
        for (int i = 0; i < SA_EXP_CACHE; i++)
            b->expd[i] = -1;
        b->expt = temp;
    }
    if (b->expd[d] < 0)
        b->expd[d] = exp(-(double)d / temp);
    return b->expd[d];
}

/* A random allowed slot of m, most often one near the busy span of one
 * of its participants. */
static int sa_pick(rs_b2b *b, int m)
{
    mask_t a = b->amask[m];
    if (rint_below(b, 100) < 70) {
        int p = rint_below(b, 2) ? b->ma[m] : b->mb[m];
        mask_t busy = b->busy[p];
        if (busy) {
            int lo = lowbit(busy), hi = 63 - __builtin_clzll(busy);
            lo = lo > 0 ? lo - 1 : 0;
            hi = hi < b->T - 1 ? hi + 1 : b->T - 1;
            mask_t span = (hi == 63 ? ~(mask_t)0 : (((mask_t)1 << (hi + 1)) - 1)) &
                          ~(((mask_t)1 << lo) - 1);
            if (a & span)
                a &= span;
        }
    }
    int n = rint_below(b, popc(a));
    while (n--)
        a &= a - 1;
    return lowbit(a);
}

/* Moves each meeting of ms[0..n) from k1 to k2 or from k2 to k1 (a
 * Kempe swap when ms is a chain; one meeting's move when ms holds it
 * alone) and returns the change of score; the participants touched go
 * to touched[0..*nt) and their new scores to b->nscore.  Calling it again
 * undoes it. */
static long sa_swap(rs_b2b *b, const int *ms, int n, int k1, int k2, int *touched, int *nt)
{
    long over0 = over_tables(b, k1) + over_tables(b, k2);
    long before = SA_VIOL * over0;
    int cnt = 0;
    for (int i = 0; i < n; i++) {
        int e[2] = {b->ma[ms[i]], b->mb[ms[i]]};
        for (int j = 0; j < 2; j++) {
            int dup = 0;
            for (int t = 0; t < cnt; t++)
                if (touched[t] == e[j]) {
                    dup = 1;
                    break;
                }
            if (!dup) {
                touched[cnt++] = e[j];
                before += b->pscore[e[j]];
            }
        }
    }
    for (int i = 0; i < n; i++) {
        int q = ms[i], from = b->slot[q], to = from == k1 ? k2 : k1;
        sa_place(b, q, from, -1);
        b->slot[q] = to;
        sa_place(b, q, to, 1);
    }
    b->sa_dover = over_tables(b, k1) + over_tables(b, k2) - over0;
    long after = SA_VIOL * (over0 + b->sa_dover);
    for (int t = 0; t < cnt; t++) {
        b->nscore[t] = sa_score(b, touched[t], &b->nv[t], &b->ng[t], &b->nid[t]);
        after += b->nscore[t];
    }
    *nt = cnt;
    return after - before;
}

/* The meetings reachable from m0 through shared participants among
 * those in slots k1 and k2 (at most limit), into b->chain; returns how
 * many, or -1 past the limit. */
static int sa_chain(rs_b2b *b, int m0, int k1, int k2, int limit)
{
    int n = 0, h = 0;
    b->chain[n++] = m0;
    b->inchain[m0] = 1;
    while (h < n) {
        int m = b->chain[h++];
        int e[2] = {b->ma[m], b->mb[m]};
        for (int j = 0; j < 2 && n <= limit; j++)
            for (int i = 0; i < b->deg[e[j]] && n <= limit; i++) {
                int q = b->inc[e[j]][i];
                if (!b->inchain[q] && (b->slot[q] == k1 || b->slot[q] == k2)) {
                    b->inchain[q] = 1;
                    b->chain[n++] = q;
                }
            }
    }
    for (int i = 0; i < n; i++)
        b->inchain[b->chain[i]] = 0;
    return n > limit ? -1 : n;
}

/* Simulated annealing from random timetables (the first from the given
 * start when there is one): moves put one meeting in another allowed
 * slot, let two meetings of one participant trade slots, or swap two
 * slots along a Kempe chain; a new random timetable after ANNEAL_RESTART
 * batches without a better one.  Ends after per_meeting moves per
 * meeting (SA_ITERS at most), at a timetable that meets the bound b->lb
 * (the pattern LP's, or the one the unguided question raises meanwhile:
 * a best timetable that meets it stays the best, so stopping there keeps
 * the result), or at the deadline; every timetable that keeps the rules
 * is offered. */
static rs_code anneal(rs_b2b *b, long per_meeting, double deadline)
{
    int T = b->T, M = b->M;
    if (M == 0) {
        offer(b, b->best);
        return RS_OK;
    }
    size_t pt = (size_t)b->np * (size_t)T;
    b->slot = malloc((size_t)M * sizeof(int));
    b->cnt = calloc(pt + 1, sizeof(int));
    b->busy = calloc((size_t)b->np + 1, sizeof(mask_t));
    b->conf = calloc((size_t)b->np + 1, sizeof(int));
    b->expd = malloc(SA_EXP_CACHE * sizeof(double));
    b->expt = 0;
    b->ycnt = calloc((size_t)T, sizeof(int));
    b->chain = malloc(((size_t)M + 1) * sizeof(int));
    b->inchain = calloc((size_t)M, sizeof(int));
    b->list = malloc(((size_t)M * 2 + 2) * sizeof(int));
    b->pscore = calloc((size_t)b->np + 1, sizeof(long));
    b->nscore = calloc((size_t)M * 2 + 2, sizeof(long));
    b->pv = calloc((size_t)b->np + 1, sizeof(int));
    b->pg = calloc((size_t)b->np + 1, sizeof(int));
    b->pid = calloc((size_t)b->np + 1, sizeof(int));
    b->nv = calloc((size_t)M * 2 + 2, sizeof(int));
    b->ng = calloc((size_t)M * 2 + 2, sizeof(int));
    b->nid = calloc((size_t)M * 2 + 2, sizeof(int));
    if (!b->slot || !b->cnt || !b->busy || !b->conf || !b->expd || !b->ycnt || !b->chain ||
        !b->inchain || !b->list ||
        !b->pscore || !b->nscore || !b->pv || !b->pg || !b->pid || !b->nv || !b->ng ||
        !b->nid)
        return RS_ENOMEM;
    double unit = b->wg > b->wi ? b->wg : b->wi;
    if (unit <= 0)
        unit = 1;
    b->sa_gw = lround(10 * b->wg / unit);
    b->sa_iw = lround(10 * b->wi / unit) + 3;
    b->rng = 0x9E3779B97F4A7C15ULL;
    if (b->prob->start)
        offer(b, b->prob->start);
    if (b->have && b->ub <= b->lb + EPS)
        return RS_OK;
    long iters = 0, budget = per_meeting * (long)M;
    if (budget > SA_ITERS)
        budget = SA_ITERS;
    for (int restart = 0; iters < budget; restart++) {
        memset(b->cnt, 0, pt * sizeof(int));
        memset(b->busy, 0, (size_t)b->np * sizeof(mask_t));
        memset(b->conf, 0, (size_t)b->np * sizeof(int));
        memset(b->ycnt, 0, (size_t)T * sizeof(int));
        for (int m = 0; m < M; m++) {
            int k = restart == 0 && b->prob->start ? b->prob->start[m] : -1;
            if (k < 0 || !(b->amask[m] >> k & 1u)) {
                mask_t a = b->amask[m];
                if (!a)
                    return RS_OK; /* a meeting without a slot: nothing to anneal */
                int n = rint_below(b, popc(a));
                while (n--)
                    a &= a - 1;
                k = lowbit(a);
            }
            b->slot[m] = k;
            sa_place(b, m, k, 1);
        }
        long tv = 0, tg = 0, tid = 0; /* broken rules, gaps, idle slots in all */
        for (int p = 0; p < b->np; p++) {
            b->pscore[p] = sa_score(b, p, &b->pv[p], &b->pg[p], &b->pid[p]);
            tv += b->pv[p];
            tg += b->pg[p];
            tid += b->pid[p];
        }
        for (int k = 0; k < T; k++)
            tv += over_tables(b, k);
        double temp = 30.0;
        long since = 0;
        for (;;) {
            double batch_ub = b->have ? b->ub : HUGE_VAL;
            for (long rep = 0; rep < SA_BATCH; rep++) {
                int nt = 0;
                long d;
                int k1, k2, n;
                int kind = rint_below(b, 10), m = rint_below(b, M);
                if (kind >= 5 && kind < 8) {
                    /* two meetings of one participant trade slots */
                    int p = b->ma[m];
                    int m2 = b->inc[p][rint_below(b, b->deg[p])];
                    k1 = b->slot[m];
                    k2 = b->slot[m2];
                    if (m2 == m || k1 == k2 || !(b->amask[m] >> k2 & 1u) ||
                        !(b->amask[m2] >> k1 & 1u))
                        continue;
                    b->chain[0] = m;
                    b->chain[1] = m2;
                    n = 2;
                } else {
                    if (popc(b->amask[m]) < 2)
                        continue;
                    k1 = b->slot[m];
                    k2 = sa_pick(b, m);
                    if (k2 == k1)
                        continue;
                    b->chain[0] = m;
                    n = kind < 5 ? 1 : sa_chain(b, m, k1, k2, 400);
                    int ok = n > 0;
                    for (int i = 1; i < n && ok; i++) {
                        int q = b->chain[i], to = b->slot[q] == k1 ? k2 : k1;
                        ok = (int)(b->amask[q] >> to & 1u);
                    }
                    if (!ok)
                        continue;
                }
                d = sa_swap(b, b->chain, n, k1, k2, b->list, &nt);
                if (d <= 0 || runit(b) < sa_accept(b, d, temp)) {
                    tv += b->sa_dover;
                    for (int t = 0; t < nt; t++) {
                        int p = b->list[t];
                        tv += b->nv[t] - b->pv[p];
                        tg += b->ng[t] - b->pg[p];
                        tid += b->nid[t] - b->pid[p];
                        b->pscore[p] = b->nscore[t];
                        b->pv[p] = b->nv[t];
                        b->pg[p] = b->ng[t];
                        b->pid[p] = b->nid[t];
                    }
                    /* a timetable better than the best is kept at once,
                       not only when a batch ends */
                    if (tv == 0 && (!b->have || weigh(b, (int)tg, (int)tid) < b->ub - EPS)) {
                        offer(b, b->slot);
                        b->sa_best_v = (long long)(WORK_PER_MOVE * (double)(iters + rep));
                        if (b->have && b->ub <= b->lb + EPS)
                            return RS_OK;
                    }
                } else {
                    int nt2;
                    sa_swap(b, b->chain, n, k1, k2, b->list, &nt2);
                }
            }
            iters += SA_BATCH;
            b->sa_iters = iters;
            since = b->ub < batch_ub ? 0 : since + 1;
            if (b->sat && sat_take(b, 0) != RS_OK)
                return RS_ENOMEM;
            if ((b->sat || b->nev > 0) && race_end(b, &b->race_pick)) {
                b->race_done = 1; /* an earlier answer ended the race */
                return RS_OK;
            }
            if ((b->have && b->ub <= b->lb + EPS) || iters >= budget || stopped(b, deadline))
                return RS_OK;
            temp = temp * 0.97 < 0.5 ? 0.5 : temp * 0.97;
            if (since > ANNEAL_RESTART)
                break;
        }
    }
    return RS_OK;
}

/* ---- patterns -------------------------------------------------------- */

/* Kuhn's augmenting path for meeting u among am[] within the slots pat. */
static int kuhn(int u, const mask_t *am, mask_t pat, mask_t *seen, int *owner)
{
    for (mask_t cand = am[u] & pat; cand; cand &= cand - 1) {
        int k = lowbit(cand);
        if (*seen >> k & 1u)
            continue;
        *seen |= (mask_t)1 << k;
        if (owner[k] < 0 || kuhn(owner[k], am, pat, seen, owner)) {
            owner[k] = u;
            return 1;
        }
    }
    return 0;
}

/* Whether the n meetings with allowed slots am[] can take distinct slots
 * of pat (a perfect matching; pat has n slots). */
static int hall_ok(const mask_t *am, int n, mask_t pat)
{
    int owner[RS_B2B_MAX_SLOTS];
    for (int k = 0; k < RS_B2B_MAX_SLOTS; k++)
        owner[k] = -1;
    for (int i = 0; i < n; i++) {
        mask_t seen = 0;
        if (!kuhn(i, am, pat, &seen, owner))
            return 0;
    }
    return 1;
}

typedef struct {
    rs_b2b *b;
    int p, n;
    mask_t am[RS_B2B_MAX_SLOTS];
    long *total;
    long visits;
    double deadline;
    int oom, late;
} enum_ctx;

static int plist_push(plist *l, mask_t m, double c)
{
    if (l->n == l->cap) {
        long cap = l->cap ? l->cap * 2 : 64;
        mask_t *nm = realloc(l->mask, (size_t)cap * sizeof(mask_t));
        if (!nm)
            return 0;
        l->mask = nm;
        double *nc = realloc(l->cost, (size_t)cap * sizeof(double));
        if (!nc)
            return 0;
        l->cost = nc;
        l->cap = cap;
    }
    l->mask[l->n] = m;
    l->cost[l->n] = c;
    l->n++;
    return 1;
}

/* Chooses, slot by slot from k, the need busy slots left; state 0: no
 * meeting yet this day, 1: the slot before is busy, 2: idle after a
 * meeting (pending idle slots so far); run: the busy slots in a row
 * just before k (kept within the participant's run limit). */
static void enum_rec(enum_ctx *c, int k, int need, mask_t acc, int g, int idle, int state,
                     int pending, int run)
{
    rs_b2b *b = c->b;
    if (c->oom || c->late || *c->total > MAX_PATTERNS)
        return;
    if (++c->visits % 4096 == 0 && stopped(b, c->deadline)) {
        c->late = 1; /* the caller skips the exact parts */
        return;
    }
    if (need == 0) {
        if (hall_ok(c->am, c->n, acc)) {
            if (!plist_push(&b->pl[c->p], acc, weigh(b, g, idle)))
                c->oom = 1;
            (*c->total)++;
        }
        return;
    }
    if (k >= b->T || popc(b->avail[c->p] >> k) < need)
        return;
    if (k > 0 && (b->daystart >> k & 1u)) {
        state = 0;
        pending = 0;
    }
    if (!(b->runcont >> k & 1u))
        run = 0;
    if ((b->avail[c->p] >> k & 1u) && (!b->run[c->p] || run < b->run[c->p])) {
        int ng = g + (state == 2);
        if (ng <= b->cap[c->p])
            enum_rec(c, k + 1, need - 1, acc | (mask_t)1 << k, ng,
                     idle + (state == 2 ? pending : 0), 1, 0, run + 1);
    }
    enum_rec(c, k + 1, need, acc, g, idle, state == 0 ? 0 : 2, state == 0 ? 0 : pending + 1,
             0);
}

/* The patterns of every participant with two meetings or more, until
 * deadline.  Returns RS_OK (b->npat past MAX_PATTERNS when there are too
 * many to use or the deadline came first) or RS_ENOMEM; sets *none when
 * some participant has none (no timetable). */
static rs_code enum_patterns(rs_b2b *b, double deadline, int *none)
{
    *none = 0;
    b->npat = 0;
    for (int p = 0; p < b->np && b->npat <= MAX_PATTERNS; p++) {
        if (b->deg[p] < 2)
            continue;
        if (b->deg[p] > b->T) {
            *none = 1;
            return RS_OK;
        }
        enum_ctx c = {.b = b, .p = p, .n = b->deg[p], .total = &b->npat, .deadline = deadline};
        for (int i = 0; i < c.n; i++)
            c.am[i] = b->amask[b->inc[p][i]];
        enum_rec(&c, 0, c.n, 0, 0, 0, 0, 0, 0);
        if (c.oom)
            return RS_ENOMEM;
        if (c.late) {
            b->npat = MAX_PATTERNS + 1;
            return RS_OK;
        }
        if (b->pl[p].n == 0 && b->npat <= MAX_PATTERNS) {
            *none = 1;
            return RS_OK;
        }
        b->pl[p].col = calloc((size_t)b->pl[p].n + 1, sizeof(int));
        if (!b->pl[p].col)
            return RS_ENOMEM;
    }
    return RS_OK;
}

/* ---- the pattern LP ------------------------------------------------- */

static int big(const rs_b2b *b, int p)
{
    return b->deg[p] >= 2;
}

static double link_dual(const rs_b2b *b, int p, int k)
{
    return b->lg.dlink[(size_t)p * (size_t)b->T + (size_t)k];
}

/* The Lagrangian cost of pattern j of p: its cost plus the multipliers of
 * its busy slots. */
static double H(const rs_b2b *b, int p, long j)
{
    double h = b->pl[p].cost[j];
    for (mask_t m = b->pl[p].mask[j]; m; m &= m - 1)
        h += link_dual(b, p, lowbit(m));
    return h;
}

/* The Lagrangian cost of meeting m in slot k. */
static double E(const rs_b2b *b, int m, int k)
{
    return -link_dual(b, b->ma[m], k) - link_dual(b, b->mb[m], k) - b->lg.dtab[k];
}

/* The Lagrangian bound for the multipliers in b->lg: relaxing "p busy at
 * k" rows and the table rows leaves one choice per participant (its best
 * pattern) and per meeting (its best slot), so the bound holds for any
 * multipliers, table ones <= 0. */
static void lagrangian(rs_b2b *b)
{
    double L = 0;
    for (int p = 0; p < b->np; p++) {
        if (!big(b, p))
            continue;
        double mh = DBL_MAX;
        for (long j = 0; j < b->pl[p].n; j++) {
            double h = H(b, p, j);
            if (h < mh)
                mh = h;
        }
        b->lg.minH[p] = mh;
        L += mh;
    }
    for (int m = 0; m < b->M; m++) {
        double me = DBL_MAX;
        for (mask_t a = b->amask[m]; a; a &= a - 1) {
            double e = E(b, m, lowbit(a));
            if (e < me)
                me = e;
        }
        b->lg.minE[m] = me;
        L += me;
    }
    for (int k = 0; k < b->T; k++)
        L += b->tables[k] * b->lg.dtab[k];
    b->lg.L = L;
}

static void read_duals(rs_b2b *b, glp_prob *lp)
{
    for (int p = 0; p < b->np; p++)
        for (int k = 0; k < b->T; k++) {
            int r = b->linkrow[(size_t)p * (size_t)b->T + (size_t)k];
            b->lg.dlink[(size_t)p * (size_t)b->T + (size_t)k] = r ? glp_get_row_dual(lp, r) : 0;
        }
    for (int k = 0; k < b->T; k++) {
        double d = glp_get_row_dual(lp, b->tabrow[k]);
        b->lg.dtab[k] = d < 0 ? d : 0;
    }
}

/* Rows of the pattern model (conv, link, meeting, table) and the x
 * columns (binary in an integer program, where keepx may rule some out),
 * loaded into a new problem. */
static glp_prob *base_model(rs_b2b *b, int binary)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    rs_mat t;
    memset(&t, 0, sizeof t);
    for (int p = 0; p < b->np; p++) {
        b->convrow[p] = 0;
        for (int k = 0; k < b->T; k++)
            b->linkrow[(size_t)p * (size_t)b->T + (size_t)k] = 0;
        if (!big(b, p))
            continue;
        b->convrow[p] = rs_mat_row(&t, GLP_FX, 1, 1);
        for (int k = 0; k < b->T; k++)
            if (b->avail[p] >> k & 1u)
                b->linkrow[(size_t)p * (size_t)b->T + (size_t)k] = rs_mat_row(&t, GLP_FX, 0, 0);
    }
    for (int m = 0; m < b->M; m++)
        b->meetrow[m] = rs_mat_row(&t, GLP_FX, 1, 1);
    for (int k = 0; k < b->T; k++)
        b->tabrow[k] = rs_mat_row(&t, GLP_UP, 0, b->tables[k]);
    for (int i = 0; i < b->nx; i++) {
        int m = b->xm[i], k = b->xk[i], c = i + 1;
        rs_mat_add(&t, b->meetrow[m], c, 1);
        rs_mat_add(&t, b->tabrow[k], c, 1);
        rs_mat_add(&t, b->linkrow[(size_t)b->ma[m] * (size_t)b->T + (size_t)k], c, 1);
        rs_mat_add(&t, b->linkrow[(size_t)b->mb[m] * (size_t)b->T + (size_t)k], c, 1);
    }
    glp_add_cols(lp, b->nx);
    rs_mat_load(&t, lp);
    rs_mat_free(&t);
    for (int i = 0; i < b->nx; i++) {
        if (binary) {
            glp_set_col_kind(lp, i + 1, GLP_BV);
            if (b->keepx && !b->keepx[i])
                glp_set_col_bnds(lp, i + 1, GLP_FX, 0, 0);
        } else
            glp_set_col_bnds(lp, i + 1, GLP_LO, 0, 0);
    }
    return lp;
}

static int add_pattern_col(rs_b2b *b, glp_prob *lp, int p, long j, int binary)
{
    int c = glp_add_cols(lp, 1);
    int ind[RS_B2B_MAX_SLOTS + 2];
    double val[RS_B2B_MAX_SLOTS + 2];
    int n = 0;
    ind[++n] = b->convrow[p];
    val[n] = 1;
    for (mask_t m = b->pl[p].mask[j]; m; m &= m - 1) {
        ind[++n] = b->linkrow[(size_t)p * (size_t)b->T + (size_t)lowbit(m)];
        val[n] = -1;
    }
    glp_set_mat_col(lp, c, n, ind, val);
    glp_set_obj_coef(lp, c, b->pl[p].cost[j]);
    if (binary)
        glp_set_col_kind(lp, c, GLP_BV);
    else
        glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
    b->pl[p].col[j] = c;
    return c;
}

/* Column generation on the pattern LP: the cheapest patterns of each
 * participant and an expensive artificial column per equality row to
 * start, then up to five patterns of negative reduced cost per
 * participant each round, until none is left, the Lagrangian bound
 * reaches the best timetable, or the deadline.  The best bound seen is
 * b->lb, the multipliers that gave it stay in b->lg. */
static rs_code column_generation(rs_b2b *b, double deadline)
{
    size_t npt = (size_t)b->np * (size_t)b->T;
    b->convrow = calloc((size_t)b->np + 1, sizeof(int));
    b->meetrow = calloc((size_t)b->M + 1, sizeof(int));
    b->tabrow = calloc((size_t)b->T + 1, sizeof(int));
    b->linkrow = calloc(npt + 1, sizeof(int));
    b->lg.dlink = calloc(npt + 1, sizeof(double));
    b->lg.dtab = calloc((size_t)b->T + 1, sizeof(double));
    b->lg.minH = calloc((size_t)b->np + 1, sizeof(double));
    b->lg.minE = calloc((size_t)b->M + 1, sizeof(double));
    b->bestd = malloc((npt + (size_t)b->T + 1) * sizeof(double));
    double *bestd = b->bestd;
    b->nx = 0;
    for (int m = 0; m < b->M; m++)
        b->nx += popc(b->amask[m]);
    b->xm = malloc(((size_t)b->nx + 1) * sizeof(int));
    b->xk = malloc(((size_t)b->nx + 1) * sizeof(int));
    if (!b->convrow || !b->meetrow || !b->tabrow || !b->linkrow || !b->lg.dlink ||
        !b->lg.dtab || !b->lg.minH || !b->lg.minE || !bestd || !b->xm || !b->xk)
        return RS_ENOMEM;
    for (int m = 0, c = 0; m < b->M; m++)
        for (mask_t a = b->amask[m]; a; a &= a - 1, c++) {
            b->xm[c] = m;
            b->xk[c] = lowbit(a);
        }
    b->lp = base_model(b, 0);
    double bigc = 10 * (1 + b->wg + b->wi) * (double)(b->T + 1);
    for (int p = 0; p < b->np; p++) {
        if (!big(b, p))
            continue;
        double mc = DBL_MAX;
        for (long j = 0; j < b->pl[p].n; j++)
            if (b->pl[p].cost[j] < mc)
                mc = b->pl[p].cost[j];
        for (long j = 0; j < b->pl[p].n; j++)
            if (b->pl[p].cost[j] <= mc + EPS)
                add_pattern_col(b, b->lp, p, j, 0);
        int c = glp_add_cols(b->lp, 1), ind[2] = {0, b->convrow[p]};
        double v[2] = {0, 1};
        glp_set_mat_col(b->lp, c, 1, ind, v);
        glp_set_obj_coef(b->lp, c, bigc);
        glp_set_col_bnds(b->lp, c, GLP_LO, 0, 0);
    }
    for (int m = 0; m < b->M; m++) {
        int c = glp_add_cols(b->lp, 1), ind[2] = {0, b->meetrow[m]};
        double v[2] = {0, 1};
        glp_set_mat_col(b->lp, c, 1, ind, v);
        glp_set_obj_coef(b->lp, c, bigc);
        glp_set_col_bnds(b->lp, c, GLP_LO, 0, 0);
    }
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    /* The first solve: a crash basis and the dual simplex, twice as fast
     * as the primal from the standard basis (the first solve was 1.2 s of
     * forum-14's 1.3 s here).  Then the primal: the columns added keep
     * the basis primal feasible, where the dual simplex stalled (15 s on
     * forumt-14crafe against 0.01). */
    sm.meth = GLP_DUALP;
    glp_cpx_basis(b->lp);
    double bestL = -DBL_MAX;
    for (int iter = 0;; iter++) {
        int r = rs_simplex_until(b->lp, &sm, deadline, b->prob->interrupt);
        sm.meth = GLP_PRIMAL;
        if (r != 0 || glp_get_status(b->lp) != GLP_OPT)
            break;
        read_duals(b, b->lp);
        lagrangian(b);
        if (b->lg.L > bestL) {
            bestL = b->lg.L;
            memcpy(bestd, b->lg.dlink, npt * sizeof(double));
            memcpy(bestd + npt, b->lg.dtab, (size_t)b->T * sizeof(double));
        }
        int added = 0;
        for (int p = 0; p < b->np; p++) {
            if (!big(b, p))
                continue;
            double dc = glp_get_row_dual(b->lp, b->convrow[p]);
            long pick[5];
            double pv[5];
            int np = 0;
            for (long j = 0; j < b->pl[p].n; j++) {
                if (b->pl[p].col[j])
                    continue;
                double rc = H(b, p, j) - dc;
                if (rc >= -EPS)
                    continue;
                if (np < 5) {
                    pick[np] = j;
                    pv[np++] = rc;
                } else {
                    int w = 0;
                    for (int i = 1; i < np; i++)
                        if (pv[i] > pv[w])
                            w = i;
                    if (rc < pv[w]) {
                        pick[w] = j;
                        pv[w] = rc;
                    }
                }
            }
            for (int i = 0; i < np; i++)
                add_pattern_col(b, b->lp, p, pick[i], 0);
            added += np;
        }
        if (!b->quiet)
            fprintf(stderr, "b2b: column generation %d: LP %.4f, bound %.4f, %d columns added\n",
                    iter + 1, glp_get_obj_val(b->lp), b->lg.L, added);
        if (!added || (b->have && bestL >= b->ub - EPS) || stopped(b, deadline))
            break;
    }
    if (bestL > -DBL_MAX) {
        memcpy(b->lg.dlink, bestd, npt * sizeof(double));
        memcpy(b->lg.dtab, bestd + npt, (size_t)b->T * sizeof(double));
        lagrangian(b);
        if (b->lg.L > b->lb)
            b->lb = b->lg.L;
    }
    glp_delete_prob(b->lp);
    b->lp = NULL;
    return RS_OK;
}

/* ---- propagation ------------------------------------------------------ */

/* Allocates P for ncol columns (1..ncol) of problem b. */
static int prop_alloc(prop *P, const rs_b2b *b, int ncol)
{
    size_t n = (size_t)ncol + 1, np = (size_t)b->np + 1, nm = (size_t)b->M + 1;
    memset(P, 0, sizeof *P);
    P->ncol = ncol;
    P->cm = malloc(n * sizeof(int));
    P->ck = malloc(n * sizeof(int));
    P->cp = malloc(n * sizeof(int));
    P->cmask = calloc(n, sizeof(mask_t));
    P->ccost = calloc(n, sizeof(double));
    P->crc = calloc(n, sizeof(double));
    P->xcol = calloc(nm * (size_t)b->T, sizeof(int));
    P->pcols = calloc(np, sizeof(int *));
    P->npc = calloc(np, sizeof(int));
    P->slackrc = calloc((size_t)b->T + 1, sizeof(double));
    P->lb = calloc(n, sizeof(double));
    P->ub = calloc(n, sizeof(double));
    P->alive = calloc(n, 1);
    P->kill = calloc(n, 1);
    P->fix1 = calloc(n, 1);
    P->D = calloc(nm, sizeof(mask_t));
    P->sup = calloc(np, sizeof(mask_t));
    P->must = calloc(np, sizeof(mask_t));
    P->minc = calloc(np, sizeof(double));
    P->minrc = calloc(np, sizeof(double));
    P->minrx = calloc(nm, sizeof(double));
    if (!P->cm || !P->ck || !P->cp || !P->cmask || !P->ccost || !P->crc || !P->xcol ||
        !P->pcols || !P->npc || !P->slackrc || !P->lb || !P->ub || !P->alive || !P->kill ||
        !P->fix1 || !P->D || !P->sup || !P->must || !P->minc || !P->minrc || !P->minrx)
        return 0;
    for (int c = 0; c <= ncol; c++)
        P->cm[c] = P->cp[c] = -1;
    return 1;
}

/* Domain propagation to a fixpoint from the column bounds in P->lb and
 * P->ub, for a timetable of cost <= P->cap:
 *   - a meeting keeps slot k only if both participants can be busy at k
 *     (some live pattern holds k);
 *   - a pattern lives only if its participant's meetings can take its
 *     slots one each within their domains (a matching);
 *   - a slot every live pattern of p holds needs one of p's meetings:
 *     none left fails, one left is fixed there;
 *   - a meeting fixed to k takes k from the other meetings of both
 *     participants; a slot with its tables full of fixed meetings leaves
 *     the other domains;
 *   - the least costs left add up to at most cap, and (Lagrangian) the
 *     least reduced costs left, unused tables included, to at most B.
 * Sets P->kill (column out) and P->fix1 (column in); returns 0 when no
 * timetable is left, 1 otherwise. */
static int prop_run(prop *P, const rs_b2b *b)
{
    int T = b->T;
    P->calls++;
    for (int c = 1; c <= P->ncol; c++) {
        P->alive[c] = P->ub[c] > 0.5;
        P->kill[c] = P->fix1[c] = 0;
    }
    for (int m = 0; m < b->M; m++) {
        mask_t d = 0;
        for (int k = 0; k < T; k++) {
            int c = P->xcol[(size_t)m * (size_t)T + (size_t)k];
            if (c && P->alive[c]) {
                if (P->lb[c] > 0.5) {
                    d = (mask_t)1 << k;
                    break;
                }
                d |= (mask_t)1 << k;
            }
        }
        P->D[m] = d;
        if (!d)
            goto fail;
    }
    for (int p = 0; p < b->np; p++) {
        int fixed = 0;
        for (int i = 0; i < P->npc[p]; i++)
            if (P->lb[P->pcols[p][i]] > 0.5)
                fixed = P->pcols[p][i];
        if (fixed)
            for (int i = 0; i < P->npc[p]; i++)
                if (P->pcols[p][i] != fixed)
                    P->alive[P->pcols[p][i]] = 0;
    }
    mask_t am[RS_B2B_MAX_SLOTS];
    for (int changed = 1; changed;) {
        changed = 0;
        double sumc = 0, sumrc = 0;
        for (int p = 0; p < b->np; p++) {
            if (!P->npc[p])
                continue;
            mask_t s = 0, mu = ~(mask_t)0;
            double mc = DBL_MAX, mr = DBL_MAX;
            int n = 0;
            for (int i = 0; i < P->npc[p]; i++) {
                int c = P->pcols[p][i];
                if (!P->alive[c])
                    continue;
                n++;
                s |= P->cmask[c];
                mu &= P->cmask[c];
                if (P->ccost[c] < mc)
                    mc = P->ccost[c];
                if (P->crc[c] < mr)
                    mr = P->crc[c];
            }
            if (!n)
                goto fail;
            P->sup[p] = s;
            P->must[p] = mu;
            P->minc[p] = mc;
            P->minrc[p] = mr;
            sumc += mc;
            sumrc += mr;
        }
        for (int m = 0; m < b->M; m++) {
            double mr = DBL_MAX;
            for (mask_t d = P->D[m]; d; d &= d - 1) {
                double r = P->crc[P->xcol[(size_t)m * (size_t)T + (size_t)lowbit(d)]];
                if (r < mr)
                    mr = r;
            }
            P->minrx[m] = mr;
            sumrc += mr;
        }
        for (int k = 0; k < T; k++) {
            if (P->slackrc[k] <= 0)
                continue;
            int ymax = 0;
            for (int m = 0; m < b->M; m++)
                ymax += (int)(P->D[m] >> k & 1u);
            if (ymax < b->tables[k])
                sumrc += P->slackrc[k] * (b->tables[k] - ymax);
        }
        if (sumc > P->cap + EPS || sumrc > P->B + EPS)
            goto fail;
        for (int p = 0; p < b->np; p++) {
            if (!P->npc[p])
                continue;
            double cl = P->cap - (sumc - P->minc[p]) + EPS;
            double rl = P->B - (sumrc - P->minrc[p]) + EPS;
            for (int i = 0; i < P->npc[p]; i++) {
                int c = P->pcols[p][i];
                if (P->alive[c] && (P->ccost[c] > cl || P->crc[c] > rl)) {
                    P->alive[c] = 0;
                    changed = 1;
                }
            }
        }
        for (int m = 0; m < b->M; m++) {
            double rl = P->B - (sumrc - P->minrx[m]) + EPS;
            mask_t d = P->D[m];
            for (mask_t e = d; e; e &= e - 1) {
                int k = lowbit(e);
                if (P->crc[P->xcol[(size_t)m * (size_t)T + (size_t)k]] > rl)
                    d &= ~((mask_t)1 << k);
            }
            if (P->npc[b->ma[m]])
                d &= P->sup[b->ma[m]];
            if (P->npc[b->mb[m]])
                d &= P->sup[b->mb[m]];
            if (d != P->D[m]) {
                P->D[m] = d;
                changed = 1;
                if (!d)
                    goto fail;
            }
        }
        for (int p = 0; p < b->np; p++) {
            int n = b->deg[p];
            if (n < 2)
                continue;
            mask_t used = 0;
            for (int i = 0; i < n; i++) {
                mask_t d = P->D[b->inc[p][i]];
                if (!(d & (d - 1))) {
                    if (used & d)
                        goto fail;
                    used |= d;
                }
            }
            for (int i = 0; i < n; i++) {
                int q = b->inc[p][i];
                mask_t d = P->D[q];
                if (d & (d - 1)) {
                    mask_t nd = d & ~used;
                    if (nd != d) {
                        P->D[q] = nd;
                        changed = 1;
                        if (!nd)
                            goto fail;
                    }
                }
            }
            if (!P->npc[p])
                continue;
            for (mask_t mu = P->must[p]; mu; mu &= mu - 1) {
                int k = lowbit(mu), cnt = 0, who = -1;
                for (int i = 0; i < n; i++)
                    if (P->D[b->inc[p][i]] >> k & 1u) {
                        cnt++;
                        who = b->inc[p][i];
                    }
                if (!cnt)
                    goto fail;
                if (cnt == 1 && P->D[who] != ((mask_t)1 << k)) {
                    P->D[who] = (mask_t)1 << k;
                    changed = 1;
                }
            }
            for (int i = 0; i < n; i++)
                am[i] = P->D[b->inc[p][i]];
            for (int i = 0; i < P->npc[p]; i++) {
                int c = P->pcols[p][i];
                if (P->alive[c] && !hall_ok(am, n, P->cmask[c])) {
                    P->alive[c] = 0;
                    changed = 1;
                }
            }
        }
        for (int k = 0; k < T; k++) {
            mask_t bit = (mask_t)1 << k;
            int cnt = 0;
            for (int m = 0; m < b->M; m++)
                cnt += P->D[m] == bit;
            if (cnt > b->tables[k])
                goto fail;
            if (cnt == b->tables[k])
                for (int m = 0; m < b->M; m++)
                    if ((P->D[m] & bit) && P->D[m] != bit) {
                        P->D[m] &= ~bit;
                        changed = 1;
                        if (!P->D[m])
                            goto fail;
                    }
        }
    }
    for (int c = 1; c <= P->ncol; c++) {
        if (P->cm[c] >= 0) {
            mask_t d = P->D[P->cm[c]], bit = (mask_t)1 << P->ck[c];
            if (P->ub[c] > 0.5 && !(d & bit))
                P->kill[c] = 1;
            if (P->lb[c] < 0.5 && d == bit)
                P->fix1[c] = 1;
        } else if (P->cp[c] >= 0 && P->ub[c] > 0.5 && !P->alive[c])
            P->kill[c] = 1;
    }
    for (int p = 0; p < b->np; p++) {
        int n = 0, last = 0;
        for (int i = 0; i < P->npc[p]; i++)
            if (P->alive[P->pcols[p][i]]) {
                n++;
                last = P->pcols[p][i];
            }
        if (n == 1 && P->lb[last] < 0.5)
            P->fix1[last] = 1;
    }
    return 1;
fail:
    P->fails++;
    return 0;
}

/* Propagates on lp's current column bounds and applies the result; on
 * failure empties the first meeting's domain so that the LP is
 * infeasible.  Returns the number of bounds changed, -1 on failure. */
static int prop_apply(rs_b2b *b, glp_prob *lp)
{
    prop *P = &b->P;
    for (int c = 1; c <= P->ncol; c++) {
        P->lb[c] = glp_get_col_lb(lp, c);
        P->ub[c] = glp_get_col_ub(lp, c);
    }
    if (!prop_run(P, b)) {
        for (int i = 0; i < b->nx && b->xm[i] == b->xm[0]; i++)
            glp_set_col_bnds(lp, i + 1, GLP_FX, 0, 0);
        return -1;
    }
    int n = 0;
    for (int c = 1; c <= P->ncol; c++) {
        if (P->kill[c]) {
            glp_set_col_bnds(lp, c, GLP_FX, 0, 0);
            n++;
        } else if (P->fix1[c]) {
            glp_set_col_bnds(lp, c, GLP_FX, 1, 1);
            n++;
        }
    }
    return n;
}

/* ---- integer programs ------------------------------------------------- */

/* Branch and cut: propagation before each node's LP, a stop at the first
 * timetable when one at the target is all the round asks for, and at the
 * deadline or the interrupt. */
static void mip_callback(glp_tree *tree, void *info)
{
    rs_b2b *b = info;
    if (stopped(b, b->ldeadline)) {
        glp_ios_terminate(tree);
        return;
    }
    switch (glp_ios_reason(tree)) {
    case GLP_IPREPRO:
        prop_apply(b, glp_ios_get_prob(tree));
        break;
    case GLP_IBINGO:
        if (b->stop_first)
            glp_ios_terminate(tree);
        break;
    default:
        break;
    }
}

enum { ROUND_NONE, ROUND_FOUND, ROUND_OPEN };

/* Sets up the integer program "a timetable of cost <= target" over the
 * columns whose Lagrangian reduced cost is at most target - L (no
 * timetable of that cost uses another) and its propagation. */
static rs_code round_build(rs_b2b *b, double target)
{
    double B = target - b->lg.L + 1e-6;
    b->keepx = calloc((size_t)b->nx + 1, 1);
    if (!b->keepx)
        return RS_ENOMEM;
    for (int i = 0; i < b->nx; i++)
        b->keepx[i] = E(b, b->xm[i], b->xk[i]) - b->lg.minE[b->xm[i]] <= B;
    b->mip = base_model(b, 1);
    for (int p = 0; p < b->np; p++)
        if (big(b, p))
            for (long j = 0; j < b->pl[p].n; j++) {
                b->pl[p].col[j] = 0;
                if (H(b, p, j) - b->lg.minH[p] <= B)
                    add_pattern_col(b, b->mip, p, j, 1);
            }
    int ncol = glp_get_num_cols(b->mip);
    int *ind = b->ind = malloc(((size_t)ncol + 1) * sizeof(int));
    double *val = b->val = malloc(((size_t)ncol + 1) * sizeof(double));
    if (!ind || !val || !prop_alloc(&b->P, b, ncol))
        return RS_ENOMEM;
    int n = 0;
    prop *P = &b->P;
    for (int i = 0; i < b->nx; i++) {
        int c = i + 1, m = b->xm[i], k = b->xk[i];
        P->cm[c] = m;
        P->ck[c] = k;
        P->crc[c] = E(b, m, k) - b->lg.minE[m];
        P->xcol[(size_t)m * (size_t)b->T + (size_t)k] = c;
    }
    for (int p = 0; p < b->np; p++) {
        if (!big(b, p))
            continue;
        int cnt = 0;
        for (long j = 0; j < b->pl[p].n; j++)
            cnt += b->pl[p].col[j] != 0;
        P->pcols[p] = malloc(((size_t)cnt + 1) * sizeof(int));
        if (!P->pcols[p])
            return RS_ENOMEM;
        for (long j = 0; j < b->pl[p].n; j++) {
            int c = b->pl[p].col[j];
            if (!c)
                continue;
            P->pcols[p][P->npc[p]++] = c;
            P->cp[c] = p;
            P->cmask[c] = b->pl[p].mask[j];
            P->ccost[c] = b->pl[p].cost[j];
            P->crc[c] = H(b, p, j) - b->lg.minH[p];
            if (P->ccost[c] != 0) {
                ind[++n] = c;
                val[n] = P->ccost[c];
            }
        }
    }
    int r = glp_add_rows(b->mip, 1);
    glp_set_mat_row(b->mip, r, n, ind, val);
    glp_set_row_bnds(b->mip, r, GLP_UP, 0, target);
    P->cap = target;
    P->B = B;
    for (int k = 0; k < b->T; k++)
        P->slackrc[k] = -b->lg.dtab[k];
    return RS_OK;
}

/* One integer program: is there a timetable of cost <= target?  When
 * stop_first, the first one found ends it; otherwise GLPK minimises.
 * *outcome: ROUND_NONE (proven: none), ROUND_FOUND (offered; *proven set
 * when GLPK proved it optimal among those of cost <= target) or
 * ROUND_OPEN (stopped first). */
static rs_code mip_round(rs_b2b *b, double target, int stop_first, double deadline,
                         int *outcome, int *proven)
{
    *outcome = ROUND_OPEN;
    *proven = 0;
    rs_code rc = round_build(b, target);
    if (rc != RS_OK)
        goto done;
    b->rounds++;
    int ch;
    do
        ch = prop_apply(b, b->mip);
    while (ch > 0);
    if (ch < 0) {
        *outcome = ROUND_NONE;
        goto done;
    }
    glp_smcp sm;
    glp_init_smcp(&sm);
    sm.msg_lev = GLP_MSG_OFF;
    int r = rs_simplex_until(b->mip, &sm, deadline, b->prob->interrupt);
    if (r == 0 && glp_get_status(b->mip) == GLP_NOFEAS) {
        *outcome = ROUND_NONE;
        goto done;
    }
    if (r != 0 || glp_get_status(b->mip) != GLP_OPT)
        goto done;
    glp_iocp io;
    glp_init_iocp(&io);
    io.msg_lev = GLP_MSG_OFF;
    io.presolve = GLP_OFF;
    io.cb_func = mip_callback;
    io.cb_info = b;
    b->stop_first = stop_first;
    b->ldeadline = deadline;
    double left = deadline - rs_now();
    io.tm_lim = left > 0.05 ? (int)(left * 1000) : 50;
    r = glp_intopt(b->mip, &io);
    int st = glp_mip_status(b->mip);
    if (st == GLP_OPT || st == GLP_FEAS) {
        int *slot = malloc((size_t)b->M * sizeof(int) + 1);
        if (!slot) {
            rc = RS_ENOMEM;
            goto done;
        }
        for (int i = 0; i < b->nx; i++)
            if (glp_mip_col_val(b->mip, i + 1) > 0.5)
                slot[b->xm[i]] = b->xk[i];
        offer(b, slot);
        free(slot);
        if (b->have && b->ub <= target + EPS) {
            *outcome = ROUND_FOUND;
            *proven = r == 0 && st == GLP_OPT;
        }
    } else if ((r == 0 && st == GLP_NOFEAS) || r == GLP_ENOPFS)
        *outcome = ROUND_NONE;
done:
    round_free(b);
    return rc;
}

/* ---- the search ------------------------------------------------------ */

static void report(const rs_b2b *b, const char *what)
{
    if (b->quiet)
        return;
    if (b->have)
        fprintf(stderr, "b2b: %s: best %g, bound %g\n", what, b->ub, b->lb);
    else
        fprintf(stderr, "b2b: %s: no timetable yet, bound %g\n", what, b->lb);
}

/* The least cost on the lattice of costs at or above v. */
static double lattice_up(const rs_b2b *b, double v)
{
    if (v <= 0)
        return 0; /* no cost is negative (and no bound prints as -0) */
    if (b->step <= 0)
        return v;
    return ceil(v / b->step - 1e-6) * b->step;
}

static void fill_result(rs_b2b *b, rs_b2b_result *res, int optimal, int infeasible)
{
    res->status = infeasible ? RS_B2B_INFEASIBLE
                             : !b->have ? RS_B2B_UNKNOWN
                                        : optimal ? RS_B2B_OPTIMAL : RS_B2B_FEASIBLE;
    res->patterns = (int)(b->npat < INT32_MAX ? b->npat : INT32_MAX);
    res->rounds = b->rounds;
    res->gaps = res->idle_slots = 0;
    res->cost = b->have ? b->ub : NAN;
    res->bound = infeasible ? INFINITY : b->lb;
    if (b->have && res->bound > b->ub)
        res->bound = b->ub;
    if (res->status == RS_B2B_OPTIMAL)
        res->bound = b->ub;
    for (int m = 0; m < b->M; m++)
        res->slot[m] = b->have ? b->best[m] : -1;
    if (b->have)
        rs_b2b_evaluate(b->prob, b->best, &res->gaps, &res->idle_slots);
}

/* Step 5 (docs/solving.md, "Brokerage days"): two chains of satisfiability
 * questions (b2b_sat.h), each in a child process, race each other:
 *   - the unguided chain asks "a timetable with at most K gaps?" from the
 *     pattern LP's bound up, K one more after each proof that there is
 *     none (each proof raises the bound), until one is found: it reaches
 *     the bound, so it is optimal;
 *   - the guided chain, after the annealing, asks "a gap fewer than its
 *     best timetable?" around that timetable, again after each timetable
 *     it finds, until a proof that there is none makes its best optimal.
 * Neither chain's questions hang on the other's answers, so each chain
 * gives the same answers in every run, and each answer carries the
 * solver's work (rs_sat_work), which is also the same in every run.  Each
 * event is placed at the work its chain had done by then; the annealing
 * is a third runner, its moves counted WORK_PER_MOVE each (the guided
 * chain starts where it ends).  The search ends at the first point on
 * that clock where the best timetable found by then reaches the bound
 * proven by then (race_end), once no runner can still answer earlier:
 * the outcome is the event that came first on the clock of work,
 * whichever child answered first in time, so it is the same in every run
 * (docs/solving.md, "Brokerage days", step 5).  The clocks only order
 * the events: a child that the machine runs slower makes the search wait
 * for it, never changes its result. */

/* The chains' events, in each chain's order. */
static rs_code record(rs_b2b *b, int guided, long long v, int found, double cost,
                      const int *slot)
{
    if (b->nev == b->cev) {
        int cap = b->cev ? 2 * b->cev : 16;
        race_event *p = realloc(b->ev, (size_t)cap * sizeof *p);
        if (!p)
            return RS_ENOMEM;
        b->ev = p;
        b->cev = cap;
    }
    race_event *e = &b->ev[b->nev];
    e->guided = guided;
    e->v = v;
    e->found = found;
    e->cost = cost;
    e->slot = NULL;
    if (found) {
        if (!(e->slot = malloc((size_t)b->M * sizeof(int) + 1)))
            return RS_ENOMEM;
        memcpy(e->slot, slot, (size_t)b->M * sizeof(int));
    }
    b->nev++;
    return RS_OK;
}

/* Whether step 5's questions can be asked now: a child process may be
 * started, the cost counts gaps only (on the lattice of the gap weight)
 * and time is left. */
static int questions_apply(const rs_b2b *b)
{
    return !b->prob->one_process && rs_b2b_sat_applies(b->prob) && b->step > 0 &&
           b->satdeadline > rs_now();
}

/* Starts the unguided question at b->satk gaps.  RS_OK, or RS_ENOMEM; a
 * child that cannot be started ends the chain and leaves the other steps
 * to go on. */
static rs_code sat_ask(rs_b2b *b)
{
    if (b->sat || b->satoff)
        return RS_OK;
    if (!questions_apply(b)) {
        b->satoff = 1;
        return RS_OK;
    }
    if (!b->satslot && !(b->satslot = malloc(((size_t)b->M + 1) * sizeof(int))))
        return RS_ENOMEM;
    rs_code rc = rs_b2b_sat_start(b->prob, b->satk, NULL, b->satdeadline, &b->sat);
    if (rc == RS_ESOLVER)
        b->satoff = 1;
    return rc == RS_ESOLVER ? RS_OK : rc;
}

/* The answer of the question *q (either child) if it comes by `until`:
 * RS_B2B_SAT_RUNNING while none has come or when no question runs; an
 * answered question is freed and *q cleared, and *work gets its work.
 * slot gets its timetable. */
static rs_b2b_sat_answer answer(rs_b2b *b, rs_b2b_sat **q, double until, int *slot,
                                long long *work)
{
    if (!*q)
        return RS_B2B_SAT_RUNNING;
    rs_b2b_sat_answer ans = rs_b2b_sat_wait(*q, until, b->prob->interrupt, slot);
    if (ans != RS_B2B_SAT_RUNNING) {
        *work = rs_b2b_sat_work(*q);
        rs_b2b_sat_free(*q);
        *q = NULL;
    }
    return ans;
}

static void chain_report(const rs_b2b *b, const char *what, const char *news, int gaps)
{
    if (!b->quiet)
        fprintf(stderr, "b2b: %s: %s %d gaps, bound %g\n", what, news, gaps, b->lb);
}

/* Takes the unguided question's answer if it comes by `until` (looking
 * once when `until` has passed): a timetable or a proof is recorded at
 * the chain's work; a proof raises the bound and asks the next question,
 * with one gap more (even when the annealing's timetable meets the bound:
 * the next answer may still come before it on the clock of work).
 * RS_OK or RS_ENOMEM. */
static rs_code sat_take(rs_b2b *b, double until)
{
    long long work = 0;
    rs_b2b_sat_answer ans = answer(b, &b->sat, until, b->satslot, &work);
    if (ans == RS_B2B_SAT_RUNNING)
        return RS_OK;
    b->vu += work;
    if (ans == RS_B2B_SAT_FOUND) {
        int gaps, idle;
        b->satoff = 1;
        if (rs_b2b_evaluate(b->prob, b->satslot, &gaps, &idle) != 1)
            return RS_OK;
        chain_report(b, "satisfiability", "found", gaps);
        return record(b, 0, b->vu, 1, weigh(b, gaps, idle), b->satslot);
    }
    if (ans != RS_B2B_SAT_NONE) {
        b->satoff = 1;
        return RS_OK;
    }
    double lb = lattice_up(b, (b->satk + 1) * b->wg);
    if (lb > b->lb)
        b->lb = lb;
    chain_report(b, "satisfiability", "none with", b->satk);
    rs_code rc = record(b, 0, b->vu, 0, lb, NULL);
    if (rc != RS_OK || b->satk >= b->satmax) {
        b->satoff = 1; /* beyond satmax: no timetable at all */
        b->satnone = b->satk >= b->satmax;
        return rc;
    }
    b->satk++;
    return sat_ask(b);
}

/* Starts the guided question "a gap fewer than upslot?", searched around
 * upslot (the annealing's best, then the chain's last timetable), which
 * finds one far sooner than the unguided question when it is near the
 * optimum.  The chain ends at a timetable without gaps or at the pattern
 * LP's bound (both known before the race), at a proof, or when a child
 * cannot be started.  RS_OK, or RS_ENOMEM. */
static rs_code up_ask(rs_b2b *b)
{
    int gaps, idle;
    if (b->up || b->upoff)
        return RS_OK;
    if (!questions_apply(b) || rs_b2b_evaluate(b->prob, b->upslot, &gaps, &idle) != 1 ||
        gaps < 1 || weigh(b, gaps, idle) <= b->lb0 + EPS) {
        b->upoff = 1;
        return RS_OK;
    }
    b->upk = gaps - 1;
    rs_code rc = rs_b2b_sat_start(b->prob, b->upk, b->upslot, b->satdeadline, &b->up);
    if (rc == RS_ESOLVER)
        b->upoff = 1;
    return rc == RS_ESOLVER ? RS_OK : rc;
}

/* Takes the guided question's answer if it comes by `until`: a timetable
 * is recorded and the next question asked around it; a proof is recorded
 * and raises the bound to the chain's best.  RS_OK or RS_ENOMEM. */
static rs_code up_take(rs_b2b *b, double until)
{
    long long work = 0;
    int *slot = b->upslot + b->M + 1; /* the answer, beside the chain's best */
    rs_b2b_sat_answer ans = answer(b, &b->up, until, slot, &work);
    if (ans == RS_B2B_SAT_RUNNING)
        return RS_OK;
    b->vg += work;
    if (ans == RS_B2B_SAT_FOUND) {
        int gaps, idle;
        if (rs_b2b_evaluate(b->prob, slot, &gaps, &idle) != 1) {
            b->upoff = 1;
            return RS_OK;
        }
        memcpy(b->upslot, slot, (size_t)b->M * sizeof(int));
        chain_report(b, "guided satisfiability", "found", gaps);
        rs_code rc = record(b, 1, b->vg, 1, weigh(b, gaps, idle), slot);
        return rc != RS_OK ? rc : up_ask(b);
    }
    b->upoff = 1;
    if (ans != RS_B2B_SAT_NONE)
        return RS_OK;
    double lb = lattice_up(b, (b->upk + 1) * b->wg);
    if (lb > b->lb)
        b->lb = lb;
    chain_report(b, "guided satisfiability", "none with", b->upk);
    return record(b, 1, b->vg, 0, lb, NULL);
}

/* The race at work e: the best bound proven by then (*lb), and the
 * timetable that would be the result (*pick: an event, or -1 for the
 * annealing's) and its cost (*ub).  The annealing's timetable comes
 * first once the bound meets it, then the unguided chain's (which meets
 * the bound when it comes), then the guided chain's best. */
static void race_state(const rs_b2b *b, long long e, double *lb, int *pick, double *ub)
{
    int unguided = -1, annealed = b->have && b->sa_best_v <= e;
    *lb = b->lb0;
    *pick = -1;
    *ub = annealed ? b->ub : HUGE_VAL;
    for (int j = 0; j < b->nev; j++) {
        const race_event *x = &b->ev[j];
        if (x->v > e)
            continue;
        if (!x->found) {
            *lb = x->cost > *lb ? x->cost : *lb;
        } else if (!x->guided) {
            unguided = j;
        } else if (x->cost < *ub - EPS) {
            *pick = j;
            *ub = x->cost;
        }
    }
    if (annealed && b->ub <= *lb + EPS) {
        *pick = -1;
        *ub = b->ub;
    } else if (unguided >= 0 && b->ev[unguided].cost <= *ub + EPS) {
        *pick = unguided;
        *ub = b->ev[unguided].cost;
    }
}

/* Whether the race has ended, and with which timetable (*pick, as for
 * race_state): the least work among the events' at which the best cost
 * meets the best bound, counting only events before both chains' clocks
 * (a chain's clock is its work so far, or NEVER once it has ended), so
 * that no answer still to come can be earlier. */
static int race_end(const rs_b2b *b, int *pick)
{
    long long cu = b->sat ? b->vu + rs_b2b_sat_work(b->sat) : NEVER;
    long long cg = b->up ? b->vg + rs_b2b_sat_work(b->up) : NEVER;
    long long ca = b->annealing ? (long long)(WORK_PER_MOVE * (double)b->sa_iters) : NEVER;
    long long horizon = cu < cg ? cu : cg, end = NEVER;
    horizon = ca < horizon ? ca : horizon; /* the guided chain starts after */
    for (int i = -1; i < b->nev; i++) {
        long long e = i < 0 ? (b->have ? b->sa_best_v : NEVER) : b->ev[i].v;
        double lb, ub;
        int p;
        if (e == NEVER || (horizon != NEVER && e >= horizon) || e >= end)
            continue;
        race_state(b, e, &lb, &p, &ub);
        if (ub <= lb + EPS) {
            end = e;
            *pick = p;
        }
    }
    return end != NEVER;
}

/* Makes the race's result the best timetable: the event pick's (or the
 * annealing's, pick -1), or with pick -2 the best of every timetable the
 * chains found (at the deadline: the unguided one replaces an equal
 * guided one). */
static void race_apply(rs_b2b *b, int pick)
{
    if (pick >= 0) {
        memcpy(b->best, b->ev[pick].slot, (size_t)b->M * sizeof(int));
        b->ub = b->ev[pick].cost;
        b->have = 1;
        return;
    }
    for (int j = 0; pick == -2 && j < b->nev; j++)
        if (b->ev[j].found)
            keep(b, b->ev[j].slot, !b->ev[j].guided);
}

/* After the annealing: runs the guided chain beside the unguided one
 * until the race ends (race_end), the chains end, or the deadline.  Sets
 * *optimal or *infeasible. */
static rs_code sat_finish(rs_b2b *b, double deadline, int *optimal, int *infeasible)
{
    rs_code rc = RS_OK;
    if (!b->upslot && !(b->upslot = malloc(((size_t)b->M + 1) * 2 * sizeof(int))))
        return RS_ENOMEM;
    if (b->have)
        memcpy(b->upslot, b->best, (size_t)b->M * sizeof(int));
    else
        b->upoff = 1;
    b->vg = (long long)(WORK_PER_MOVE * (double)b->sa_iters);
    for (;;) {
        int pick;
        if (b->satnone && !b->have) {
            *infeasible = 1;
            break;
        }
        if ((rc = up_ask(b)) != RS_OK)
            break;
        if (race_end(b, &pick)) {
            race_apply(b, pick);
            *optimal = 1;
            break;
        }
        if ((!b->sat && !b->up) || stopped(b, deadline)) {
            race_apply(b, -2);
            *optimal = b->have && b->ub <= b->lb + EPS;
            break;
        }
        /* both children looked at in turn, each for at most 20 ms */
        double now = rs_now();
        if ((rc = sat_take(b, now + (b->up ? 0.02 : 0.5))) != RS_OK ||
            (rc = up_take(b, now + (b->sat ? 0.04 : 0.5))) != RS_OK)
            break;
    }
    return rc;
}

rs_code rs_b2b_search(rs_b2b *b, double deadline, rs_b2b_result *res)
{
    rs_code rc = RS_OK;
    int optimal = 0, infeasible = 0, none = 0;
    double t0 = rs_now();
    b->lb = 0;
    fill_result(b, res, 0, 0);
    for (int m = 0; m < b->M; m++)
        if (!b->amask[m])
            infeasible = 1;
    if (infeasible)
        goto done;
    rc = enum_patterns(b, t0 + 0.25 * (deadline - t0), &none);
    if (rc != RS_OK)
        goto done;
    if (none) {
        infeasible = 1;
        goto done;
    }
    int exact = b->npat <= MAX_PATTERNS;
    double maxcost = 0;
    if (exact) {
        for (int p = 0; p < b->np; p++) {
            double lo = DBL_MAX, hi = 0;
            for (long j = 0; j < b->pl[p].n; j++) {
                lo = b->pl[p].cost[j] < lo ? b->pl[p].cost[j] : lo;
                hi = b->pl[p].cost[j] > hi ? b->pl[p].cost[j] : hi;
            }
            if (b->pl[p].n) {
                b->lb += lo;
                maxcost += hi;
            }
        }
        rc = column_generation(b, t0 + 0.25 * (deadline - t0));
        if (rc != RS_OK)
            goto done;
        b->lb = lattice_up(b, b->lb);
        report(b, "pattern LP");
    }
    b->satdeadline = deadline;
    b->lb0 = b->lb;
    b->satk = (int)floor(b->lb / (b->wg > 0 ? b->wg : 1) + 1e-6);
    b->satmax = 0; /* a participant with k meetings has at most k - 1 gaps */
    for (int p = 0; p < b->np; p++)
        b->satmax += b->deg[p] > 1 ? b->deg[p] - 1 : 0;
    rc = sat_ask(b);
    if (rc != RS_OK)
        goto done;
    /* with the guided questions to follow, the annealing's timetable is
       mostly their starting point: a third of the moves (measured in
       docs/solving.md, "Brokerage days", step 5) */
    long moves = SA_PER_MEETING;
    if (exact && !b->satoff)
        moves /= SA_GUIDED_SHARE;
    b->annealing = 1;
    rc = anneal(b, moves, exact ? t0 + 0.5 * (deadline - t0) : deadline);
    b->annealing = 0;
    if (rc != RS_OK)
        goto done;
    report(b, "annealing");
    if (b->race_done) {
        race_apply(b, b->race_pick);
        optimal = 1;
    } else if (b->have && b->ub <= b->lb + EPS && !b->sat && b->nev == 0) {
        optimal = 1; /* no race: the annealing met the bound */
    } else {
        rc = sat_finish(b, deadline, &optimal, &infeasible);
        if (rc != RS_OK)
            goto done;
    }
    while (exact && !optimal && !infeasible && !stopped(b, deadline)) {
        int outcome, proven;
        double target = b->step > 0 ? b->lb
                        : b->have   ? b->ub - 1e-6 * (1 + fabs(b->ub))
                                    : INFINITY;
        rc = mip_round(b, target, b->step > 0, deadline, &outcome, &proven);
        if (rc != RS_OK)
            goto done;
        if (outcome == ROUND_OPEN)
            break;
        if (b->step > 0) {
            if (outcome == ROUND_FOUND) {
                optimal = 1; /* its cost is at most lb */
            } else {
                b->lb = target + b->step;
                if (b->have && b->lb >= b->ub - EPS)
                    optimal = 1;
                else if (!b->have && target >= maxcost)
                    infeasible = 1;
            }
        } else if (outcome == ROUND_NONE) {
            if (b->have)
                optimal = 1;
            else
                infeasible = 1;
        } else if (proven)
            optimal = 1;
        report(b, "integer program");
        if (b->step <= 0)
            break;
    }
done:
    rs_b2b_sat_free(b->sat); /* a question still open is not needed now */
    b->sat = NULL;
    rs_b2b_sat_free(b->up);
    b->up = NULL;
    if (optimal)
        b->lb = b->ub;
    fill_result(b, res, optimal, infeasible);
    return rc;
}

typedef struct {
    rs_b2b *b;
    rs_b2b_result *res;
} solve_arg;

static rs_code solve_guarded(void *arg)
{
    solve_arg *a = arg;
    return rs_b2b_search(a->b, a->b->prob->deadline, a->res);
}

rs_code rs_b2b_solve(const rs_b2b_problem *prob, rs_b2b_result *res, rs_diag *diag)
{
    rs_b2b *b = NULL;
    rs_code rc = rs_b2b_new(prob, &b, diag);
    if (rc != RS_OK)
        return rc;
    solve_arg a = {b, res};
    rs_glpk_call call = {.fn = solve_guarded, .arg = &a, .quiet = 1};
    rc = rs_glpk_guarded(&call);
    if (call.failed) {
        rs_b2b_glpk_lost(b, res);
        rs_diag_add(diag, "GLPK reported an internal error while timetabling the meetings");
    }
    rs_b2b_free(b);
    return rc;
}

/* ---- the direct model -------------------------------------------------- */

/* Adds a binary column, or a continuous one in [0, 1], named
 * <kind>_<who><a>_<unit><c>, with objective coefficient obj; returns its
 * number. */
static int direct_col(glp_prob *lp, int binary, double obj, char kind, char who, int a,
                      char unit, int c)
{
    char name[48];
    int j = glp_add_cols(lp, 1);
    snprintf(name, sizeof name, "%c_%c%d_%c%d", kind, who, a, unit, c);
    glp_set_col_name(lp, j, name);
    if (binary)
        glp_set_col_kind(lp, j, GLP_BV);
    else
        glp_set_col_bnds(lp, j, GLP_DB, 0, 1);
    glp_set_obj_coef(lp, j, obj);
    return j;
}

/* rs_mat_add, dropping column 0 (a slot the meeting may not take). */
static void add_entry(rs_mat *t, int row, int col, double v)
{
    if (col)
        rs_mat_add(t, row, col, v);
}

glp_prob *rs_b2b_direct_model(const rs_b2b *b)
{
    int T = b->T;
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_set_obj_name(lp, "cost");
    rs_mat t;
    memset(&t, 0, sizeof t);
    /* x columns first, meeting by meeting in slot order */
    int *x0 = rs_glp_calloc((size_t)b->M + 1, sizeof(int));
    for (int m = 0; m < b->M; m++) {
        x0[m] = glp_get_num_cols(lp) + 1;
        int r = rs_mat_row(&t, GLP_FX, 1, 1);
        for (mask_t a = b->amask[m]; a; a &= a - 1)
            add_entry(&t, r, direct_col(lp, 1, 0, 'x', 'm', m + 1, 'k', lowbit(a) + 1), 1);
    }
    /* the column of x[m,k] (0: not allowed) */
#define XCOL(m, k)                                                                         \
    ((b->amask[m] >> (k) & 1u) ? x0[m] + popc(b->amask[m] & (((mask_t)1 << (k)) - 1)) : 0)
    for (int k = 0; k < T; k++) {
        int r = rs_mat_row(&t, GLP_UP, 0, b->tables[k]);
        for (int m = 0; m < b->M; m++)
            add_entry(&t, r, XCOL(m, k), 1);
    }
    for (int p = 0; p < b->np; p++) {
        if (b->deg[p] < 2)
            continue;
        /* busy[p,k] <= 1, and the start of a block at k:
           s[p,k] >= busy[p,k] - busy[p,k-1] (k-1 on the same day) */
        int cap_row = b->cap[p] < NO_CAP ? rs_mat_row(&t, GLP_UP, 0, b->cap[p]) : 0;
        for (int k = 0; k < T; k++) {
            if (!(b->avail[p] >> k & 1u))
                continue;
            int r = rs_mat_row(&t, GLP_UP, 0, 1);
            for (int i = 0; i < b->deg[p]; i++)
                add_entry(&t, r, XCOL(b->inc[p][i], k), 1);
            int s = direct_col(lp, 0, b->wg, 's', 'p', p + 1, 'k', k + 1);
            add_entry(&t, cap_row, s, 1);
            int rs = rs_mat_row(&t, GLP_LO, 0, 0);
            add_entry(&t, rs, s, 1);
            for (int i = 0; i < b->deg[p]; i++) {
                int m = b->inc[p][i];
                add_entry(&t, rs, XCOL(m, k), -1);
                if (k > 0 && !(b->daystart >> k & 1u))
                    add_entry(&t, rs, XCOL(m, k - 1), 1);
            }
        }
        /* the run limit: at most L busy slots among any L + 1 in a row */
        for (int k = 0, L = b->run[p]; L > 0 && b->deg[p] > L && k + L < T; k++) {
            if (!rs_b2b_run_window(b->prob, k, L + 1))
                continue;
            int r = rs_mat_row(&t, GLP_UP, 0, L);
            for (int j = k; j <= k + L; j++)
                for (int i = 0; i < b->deg[p]; i++)
                    add_entry(&t, r, XCOL(b->inc[p][i], j), 1);
        }
        /* u[p,d] <= busy slots of the day, so gaps = starts - days used */
        for (int d = 0; d < b->ndays; d++) {
            if (!(b->avail[p] & b->daymask[d]))
                continue;
            int u = direct_col(lp, 0, -b->wg, 'u', 'p', p + 1, 'd', d + 1);
            add_entry(&t, cap_row, u, -1);
            int r = rs_mat_row(&t, GLP_UP, 0, 0);
            add_entry(&t, r, u, 1);
            for (int i = 0; i < b->deg[p]; i++)
                for (mask_t a = b->amask[b->inc[p][i]] & b->daymask[d]; a; a &= a - 1)
                    add_entry(&t, r, XCOL(b->inc[p][i], lowbit(a)), -1);
        }
        if (b->wi <= 0)
            continue;
        /* idle slots: e[p,k] "a meeting at or before k this day", l[p,k]
           "one at or after k", w[p,k] >= e + l - 1 inside the span; idle
           = sum w - meetings */
        for (int d = 0; d < b->ndays; d++) {
            mask_t dm = b->daymask[d];
            if (!(b->avail[p] & dm))
                continue;
            int first = lowbit(dm), last = 63 - __builtin_clzll(dm);
            int *e = rs_glp_calloc((size_t)T, sizeof(int)), *l = rs_glp_calloc((size_t)T, sizeof(int));
            for (int k = first; k <= last; k++) {
                e[k] = direct_col(lp, 0, 0, 'e', 'p', p + 1, 'k', k + 1);
                l[k] = direct_col(lp, 0, 0, 'l', 'p', p + 1, 'k', k + 1);
            }
            for (int k = first; k <= last; k++) {
                /* e[k] >= e[k-1], e[k] >= busy[k]; l[k] >= l[k+1], l[k] >= busy[k] */
                if (k > first) {
                    int r = rs_mat_row(&t, GLP_LO, 0, 0);
                    add_entry(&t, r, e[k], 1);
                    add_entry(&t, r, e[k - 1], -1);
                }
                if (k < last) {
                    int r = rs_mat_row(&t, GLP_LO, 0, 0);
                    add_entry(&t, r, l[k], 1);
                    add_entry(&t, r, l[k + 1], -1);
                }
                int re = rs_mat_row(&t, GLP_LO, 0, 0), rl = rs_mat_row(&t, GLP_LO, 0, 0);
                add_entry(&t, re, e[k], 1);
                add_entry(&t, rl, l[k], 1);
                for (int i = 0; i < b->deg[p]; i++) {
                    add_entry(&t, re, XCOL(b->inc[p][i], k), -1);
                    add_entry(&t, rl, XCOL(b->inc[p][i], k), -1);
                }
                int w = direct_col(lp, 0, b->wi, 'w', 'p', p + 1, 'k', k + 1);
                int rw = rs_mat_row(&t, GLP_LO, -1, 0);
                add_entry(&t, rw, w, 1);
                add_entry(&t, rw, e[k], -1);
                add_entry(&t, rw, l[k], -1);
            }
            rs_glp_free(e);
            rs_glp_free(l);
        }
    }
#undef XCOL
    /* the idle slots' constant part: less one per meeting of a
       participant with two or more, as a fixed column */
    if (b->wi > 0) {
        double meetings = 0;
        for (int p = 0; p < b->np; p++)
            meetings += b->deg[p] >= 2 ? b->deg[p] : 0;
        int c = glp_add_cols(lp, 1);
        glp_set_col_name(lp, c, "meetings");
        glp_set_col_bnds(lp, c, GLP_FX, meetings, meetings);
        glp_set_obj_coef(lp, c, -b->wi);
    }
    rs_mat_load(&t, lp);
    rs_mat_free(&t);
    rs_glp_free(x0);
    return lp;
}
