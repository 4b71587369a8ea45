/*
 * clash.c - the smallest sets of must requests that cannot all be met,
 * found by deletion filters over GLPK feasibility models (see clash.h).
 *
 * The model holds only the must meetings: a binary x[must, slot, venue]
 * for every slot both may attend and venue with a room that holds them,
 * each must exactly once, nobody twice in a slot, and, unless relaxed, the
 * rooms per venue and slot (nested by size), max_meetings, the consecutive
 * limit and travel.  Every row is one the full problem's schedules obey
 * when their other meetings are dropped, so an infeasible model proves no
 * schedule exists.  Travel rows forbid two meetings too far apart for the
 * trip, which holds with meetings between them as long as travel times obey
 * the triangle inequality; when they do not, travel is left out (the model
 * stays a relaxation, and travel is never blamed).
 */
#define _POSIX_C_SOURCE 200809L
#include "clash.h"
#include "glpk_layer.h"

#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { U_AVAIL, U_MAX, U_CONSEC, U_TRAVEL, U_PER_PARTICIPANT };

typedef struct {
    int inv, sme, from, to;
    int forbidden;
    int pair;               /* candidate pair, -1 when forbidden           */
} must_t;

typedef struct {
    const rs_event *ev;
    must_t *m;
    int nm;
    unsigned char *relax;   /* per unit: 4 per participant, then rooms, capacity */
    int u_rooms, u_cap, nunits;
    int metric;             /* travel obeys the triangle inequality */
    double deadline;
    /* buffers of one model, on the heap so a GLPK error frees them too */
    glp_prob *lp;
    int *cm, *ck, *cv;      /* per column: must, slot, venue              */
    int maxcols;
    int *pk_start, *pk_list;/* columns per (participant, slot), CSR       */
    int *kv_start, *kv_list;/* columns per (slot, venue), CSR             */
    int *fill, *ind;
    double *val;
    /* the search's and the report's work, kept here for the same reason */
    unsigned char *active, *set; /* per must                              */
    unsigned char *who;     /* per participant                            */
    rs_buf msg;             /* the clash being reported                   */
    int found;              /* clashes proven so far                      */
    rs_diag *diag;          /* where the clashes go (borrowed)            */
    rs_clash_list *list;    /* and their list, or NULL (borrowed)         */
} clash_t;

/* Must requests by the requester's id, then the requested one's (ctx:
 * the event). */
static int cmp_must(const void *a, const void *b, void *ctx)
{
    const rs_event *ev = ctx;
    const must_t *x = a, *y = b;
    int c = strcmp(ev->p[x->from].id, ev->p[y->from].id);
    return c ? c : strcmp(ev->p[x->to].id, ev->p[y->to].id);
}

/* Every must request once per pair, named by the side that asked (the SME
 * when both did), sorted by ids.  -1 when out of memory. */
static int collect_musts(clash_t *c)
{
    const rs_event *ev = c->ev;
    /* investor-SME pairs by cell, peer pairs after them by pair index */
    size_t cells = (size_t)ev->ninv * (size_t)ev->nsme;
    unsigned char *seen = calloc(cells + (size_t)ev->npairs + 1, 1);
    int n = 0;
    for (int p = 0; p < ev->np; p++)
        n += ev->p[p].nreq;
    c->m = malloc((size_t)(n + 1) * sizeof(must_t));
    if (!seen || !c->m) {
        free(seen);
        return -1;
    }
    for (int p = ev->np - 1; p >= 0; p--) { /* SMEs first */
        const rs_participant *a = &ev->p[p];
        for (int k = 0; k < a->nreq; k++) {
            if (a->req[k].priority != RS_PRIO_MUST)
                continue;
            int q = a->req[k].other;
            int inv = a->is_investor ? p : q, sme = a->is_investor ? q : p;
            int pair = rs_pair_index(ev, p, q);
            size_t key = (size_t)inv * (size_t)ev->nsme + (size_t)(sme - ev->ninv);
            if (ev->p[q].is_investor == a->is_investor) { /* peer: never forbidden */
                inv = ev->pairs[pair].inv;
                sme = ev->pairs[pair].sme;
                key = cells + (size_t)pair;
            }
            if (seen[key])
                continue;
            seen[key] = 1;
            c->m[c->nm++] = (must_t){inv, sme, p, q, rs_pair_forbidden(ev, inv, sme), pair};
        }
    }
    free(seen);
    rs_sort(c->m, (size_t)c->nm, sizeof(must_t), cmp_must, (void *)ev);
    return 0;
}

static int travel_is_metric(const rs_event *ev)
{
    int nv = ev->nvenues;
    for (int a = 0; a < nv; a++)
        for (int b = 0; b < nv; b++)
            for (int m = 0; m < nv; m++)
                if (rs_travel(ev, a, b) > rs_travel(ev, a, m) + rs_travel(ev, m, b))
                    return 0;
    return 1;
}

/* Whether venue v has a room usable at slot k for need people, under the
 * rooms and capacity relaxations. */
static int venue_room(const clash_t *c, int v, int k, int need)
{
    const rs_event *ev = c->ev;
    for (int r = 0; r < ev->nrooms; r++) {
        const rs_room *rm = &ev->rooms[r];
        if (rm->venue == v && (c->relax[c->u_rooms] || rm->avail[k]) &&
            (c->relax[c->u_cap] || rm->capacity >= need))
            return 1;
    }
    return 0;
}

/* Rooms of venue v open at slot k that hold q people (any size when
 * capacity is relaxed). */
static int rooms_for(const clash_t *c, int v, int k, int q)
{
    const rs_event *ev = c->ev;
    int n = 0;
    for (int r = 0; r < ev->nrooms; r++)
        n += ev->rooms[r].venue == v && ev->rooms[r].avail[k] &&
             (c->relax[c->u_cap] || ev->rooms[r].capacity >= q);
    return n;
}

static int need_of(const clash_t *c, int j)
{
    const must_t *m = &c->m[c->cm[j]];
    return c->ev->p[m->inv].team_size + c->ev->p[m->sme].team_size;
}

/* Adds the row sum(x over ind[1..n]) <= hi (or == 1 when fixed). */
static void add_row(clash_t *c, int n, int fixed, double hi)
{
    if (n == 0)
        return;
    int r = glp_add_rows(c->lp, 1);
    glp_set_row_bnds(c->lp, r, fixed ? GLP_FX : GLP_UP, fixed ? 1 : 0, hi);
    for (int i = 1; i <= n; i++)
        c->val[i] = 1;
    glp_set_mat_row(c->lp, r, n, c->ind, c->val);
}

/* Appends the columns of participant p at slot k (venue v, or any when v
 * is -1; with far >= 0, those at venues farther than far minutes from
 * venue v instead) to ind from position n+1; returns the new count. */
static int take(clash_t *c, int p, int k, int v, int far, int n)
{
    size_t at = (size_t)p * (size_t)c->ev->nslots + (size_t)k;
    for (int q = c->pk_start[at]; q < c->pk_start[at + 1]; q++) {
        int j = c->pk_list[q];
        if (far >= 0 ? rs_travel(c->ev, v, c->cv[j]) > far : (v < 0 || c->cv[j] == v))
            c->ind[++n] = j + 1;
    }
    return n;
}

static int pk_count(const clash_t *c, int p, int k)
{
    size_t at = (size_t)p * (size_t)c->ev->nslots + (size_t)k;
    return c->pk_start[at + 1] - c->pk_start[at];
}

/* The columns of the musts marked in `in`: each slot both may attend
 * (unless availability is relaxed) and venue with a usable room, into
 * c->cm, ck, cv.  Returns their number, or -1 when some must has none
 * (it cannot be met at all); *nin receives the number of musts in. */
static int must_columns(clash_t *c, const unsigned char *in, int *nin)
{
    const rs_event *ev = c->ev;
    int ncol = 0;
    *nin = 0;
    for (int i = 0; i < c->nm; i++) {
        if (!in[i])
            continue;
        (*nin)++;
        const must_t *m = &c->m[i];
        const rs_participant *a = &ev->p[m->inv], *b = &ev->p[m->sme];
        int before = ncol, need = a->team_size + b->team_size;
        for (int k = 0; k < ev->nslots; k++) {
            if ((!c->relax[m->inv * U_PER_PARTICIPANT + U_AVAIL] && !a->avail[k]) ||
                (!c->relax[m->sme * U_PER_PARTICIPANT + U_AVAIL] && !b->avail[k]) ||
                (m->pair >= 0 && !rs_pair_slot_ok(ev, m->pair, k)))
                continue;
            for (int v = 0; v < ev->nvenues; v++)
                if (venue_room(c, v, k, need)) {
                    c->cm[ncol] = i;
                    c->ck[ncol] = k;
                    c->cv[ncol] = v;
                    ncol++;
                }
        }
        if (ncol == before)
            return -1; /* nowhere to meet at all */
    }
    return ncol;
}

/* The columns per (participant, slot) and per (slot, venue), as CSRs in
 * c->pk_start/pk_list and c->kv_start/kv_list. */
static void index_columns(clash_t *c, int ncol)
{
    const rs_event *ev = c->ev;
    const int ns = ev->nslots, nv = ev->nvenues;
    size_t npk = (size_t)ev->np * (size_t)ns, nkv = (size_t)ns * (size_t)nv;
    memset(c->pk_start, 0, (npk + 2) * sizeof(int));
    memset(c->kv_start, 0, (nkv + 2) * sizeof(int));
    for (int j = 0; j < ncol; j++) {
        const must_t *m = &c->m[c->cm[j]];
        c->pk_start[(size_t)m->inv * (size_t)ns + (size_t)c->ck[j] + 1]++;
        c->pk_start[(size_t)m->sme * (size_t)ns + (size_t)c->ck[j] + 1]++;
        c->kv_start[(size_t)c->ck[j] * (size_t)nv + (size_t)c->cv[j] + 1]++;
    }
    for (size_t i = 0; i < npk; i++)
        c->pk_start[i + 1] += c->pk_start[i];
    for (size_t i = 0; i < nkv; i++)
        c->kv_start[i + 1] += c->kv_start[i];
    memset(c->fill, 0, (npk > nkv ? npk : nkv) * sizeof(int) + sizeof(int));
    for (int j = 0; j < ncol; j++) {
        const must_t *m = &c->m[c->cm[j]];
        size_t a = (size_t)m->inv * (size_t)ns + (size_t)c->ck[j];
        size_t b = (size_t)m->sme * (size_t)ns + (size_t)c->ck[j];
        c->pk_list[c->pk_start[a] + c->fill[a]++] = j;
        c->pk_list[c->pk_start[b] + c->fill[b]++] = j;
    }
    memset(c->fill, 0, (npk > nkv ? npk : nkv) * sizeof(int) + sizeof(int));
    for (int j = 0; j < ncol; j++) {
        size_t kv = (size_t)c->ck[j] * (size_t)nv + (size_t)c->cv[j];
        c->kv_list[c->kv_start[kv] + c->fill[kv]++] = j;
    }
}

/* Participant p's rows, each unless relaxed: nobody twice at once (rule
 * 2), max_meetings (rule 6), any K+1 chained slots hold at most K (rule
 * 9), and travel between too distant venues (rule 8, when travel times
 * obey the triangle inequality). */
static void participant_rows(clash_t *c, int p)
{
    const rs_event *ev = c->ev;
    const int ns = ev->nslots, nv = ev->nvenues;
    const rs_participant *a = &ev->p[p];
    const unsigned char *rl = c->relax + (size_t)p * U_PER_PARTICIPANT;
    int total = 0;
    for (int k = 0; k < ns; k++) {
        int n = take(c, p, k, -1, -1, 0); /* nobody twice at once (rule 2) */
        total += n;
        if (n > 1)
            add_row(c, n, 0, 1);
    }
    if (total == 0)
        return;
    if (!rl[U_MAX] && total > a->max_meetings) { /* rule 6 */
        int n = 0;
        for (int k = 0; k < ns; k++)
            n = take(c, p, k, -1, -1, n);
        add_row(c, n, 0, a->max_meetings);
    }
    int K = a->max_consecutive;
    if (!rl[U_CONSEC] && K < ns) /* rule 9: any K+1 chained slots hold <= K */
        for (int k = 0; k < ns; k++) {
            int len = 0, j = k, n = 0;
            while (len < K + 1 && j >= 0 && pk_count(c, p, j) > 0) {
                n = take(c, p, j, -1, -1, n);
                len++;
                j = ev->slots[j].prev;
            }
            if (len == K + 1)
                add_row(c, n, 0, K);
        }
    if (!rl[U_TRAVEL] && c->metric && nv > 1) /* rule 8 */
        for (int k1 = 0; k1 < ns; k1++) {
            if (pk_count(c, p, k1) == 0)
                continue;
            int d = ev->slots[k1].day, last = ev->days[d].first_slot + ev->days[d].nslots;
            for (int k2 = k1 + 1; k2 < last; k2++) {
                if (pk_count(c, p, k2) == 0)
                    continue;
                int gap = ev->slots[k2].start - ev->slots[k1].end;
                for (int v1 = 0; v1 < nv; v1++) {
                    int n1 = take(c, p, k1, v1, -1, 0);
                    int n = n1 ? take(c, p, k2, v1, gap, n1) : 0;
                    if (n > n1)
                        add_row(c, n, 0, 1);
                }
            }
        }
}

/* Rules 2 and 3, unless rooms are relaxed: per venue and slot, the musts
 * needing q seats or more (for each distinct need q; any need when
 * capacity is relaxed) are at most the rooms open then that hold q. */
static void room_rows(clash_t *c)
{
    const rs_event *ev = c->ev;
    const int nv = ev->nvenues;
    size_t nkv = (size_t)ev->nslots * (size_t)nv;
    if (c->relax[c->u_rooms])
        return;
    for (size_t kv = 0; kv < nkv; kv++) {
        int k = (int)(kv / (size_t)nv), v = (int)(kv % (size_t)nv);
        int lo = c->kv_start[kv], hi = c->kv_start[kv + 1];
        for (int a = lo; a < hi; a++) {
            int q = c->relax[c->u_cap] ? 0 : need_of(c, c->kv_list[a]), n = 0, dup = 0;
            for (int b = lo; b < a; b++)
                dup |= (c->relax[c->u_cap] ? 0 : need_of(c, c->kv_list[b])) == q;
            if (dup)
                continue;
            for (int b = lo; b < hi; b++)
                if (c->relax[c->u_cap] || need_of(c, c->kv_list[b]) >= q)
                    c->ind[++n] = c->kv_list[b] + 1;
            int cap = rooms_for(c, v, k, q);
            if (n > cap)
                add_row(c, n, 0, cap);
        }
    }
}

/* GLPK's branch and cut checks its own tm_lim only between some of its
 * steps; this callback ends the search at the first node past the
 * deadline (info: the clash_t), so the check keeps its budget. */
static void clash_cb(glp_tree *tree, void *info)
{
    const clash_t *c = info;
    if (glp_ios_reason(tree) == GLP_ISELECT && rs_now() >= c->deadline)
        glp_ios_terminate(tree);
}

/* Whether the musts marked in `in` can all be met under the rules not
 * relaxed: 1 yes, 0 no (proven), -1 unknown (time ran out).  Runs inside
 * the GLPK guard of rs_clash_check. */
static int feasible(clash_t *c, const unsigned char *in)
{
    int nin, ncol = must_columns(c, in, &nin);
    if (ncol < 0)
        return 0;
    if (nin == 0)
        return 1;
    double left = c->deadline - rs_now();
    if (left <= 0.01)
        return -1;
    index_columns(c, ncol);
    c->lp = glp_create_prob();
    glp_add_cols(c->lp, ncol);
    for (int j = 1; j <= ncol; j++)
        glp_set_col_kind(c->lp, j, GLP_BV);
    /* each must exactly once (rule 7) */
    for (int j = 0; j < ncol;) {
        int n = 0, i = c->cm[j];
        while (j < ncol && c->cm[j] == i)
            c->ind[++n] = ++j;
        add_row(c, n, 1, 1);
    }
    for (int p = 0; p < c->ev->np; p++)
        participant_rows(c, p);
    room_rows(c);

    /* The relaxation first, under the time left: inside glp_intopt's
     * presolve it would run without one (seconds on a large day of musts).
     * An infeasible relaxation proves the clash. */
    glp_smcp sp;
    glp_init_smcp(&sp);
    sp.msg_lev = GLP_MSG_OFF;
    sp.presolve = GLP_ON;
    sp.tm_lim = (int)(left * 1000) + 1;
    int ret = glp_simplex(c->lp, &sp), st = GLP_UNDEF;
    if (ret == GLP_ENOPFS ||
        (ret == 0 && glp_get_status(c->lp) == GLP_NOFEAS)) {
        st = GLP_NOFEAS;
        goto out;
    }
    if (ret != 0 || glp_get_status(c->lp) != GLP_OPT)
        goto out; /* time ran out (or the simplex gave up): unknown */
    left = c->deadline - rs_now();
    if (left <= 0.01)
        goto out;
    glp_iocp ip;
    glp_init_iocp(&ip);
    ip.msg_lev = GLP_MSG_OFF;
    ip.tm_lim = (int)(left * 1000) + 1;
    ip.cb_func = clash_cb;
    ip.cb_info = c;
    /* the feasibility pump at the root: on a day of musts only (every
     * meeting of a brokerage day) it finds a timetable in 0.1 to 1.2 s,
     * where branching alone took up to 10 s or ran past the budget
     * unanswered (docs/solving.md, "Fixed meetings") */
    ip.fp_heur = GLP_ON;
    ret = glp_intopt(c->lp, &ip);
    st = glp_mip_status(c->lp);
    if (ret == GLP_ENOFEAS || (ret == 0 && st == GLP_NOFEAS))
        st = GLP_NOFEAS;
out:
    glp_delete_prob(c->lp);
    c->lp = NULL;
    if (st == GLP_NOFEAS)
        return 0;
    if (st == GLP_OPT || st == GLP_FEAS)
        return 1;
    return -1;
}

static void add_list_sep(rs_buf *b, int *first, const char *sep)
{
    if (!*first)
        rs_buf_str(b, sep);
    *first = 0;
}

/* The blocking rules of the set `in`: a deletion filter over the rule
 * units of its participants and the event's rooms; fills c->relax so that
 * exactly the needed units stay 0, and writes them as text.  *minimal is
 * cleared when a test ran out of time (that unit is then kept). */
static void blocking_rules(clash_t *c, const unsigned char *in, const unsigned char *who,
                           rs_buf *b, int *minimal)
{
    const rs_event *ev = c->ev;
    memset(c->relax, 0, (size_t)c->nunits);
    for (int u = 0; u < c->nunits; u++) {
        int p = u / U_PER_PARTICIPANT;
        if (u < c->u_rooms && !who[p])
            continue;
        c->relax[u] = 1;
        int r = feasible(c, in);
        if (r != 0) {
            c->relax[u] = 0;
            if (r < 0)
                *minimal = 0;
        }
    }
    static const char *group[U_PER_PARTICIPANT] = {"availability", "max_meetings",
                                                   "max_consecutive", "travel"};
    static const int rule_no[U_PER_PARTICIPANT] = {1, 6, 9, 8};
    int rules[12] = {0}, first = 1;
    for (int g = 0; g < U_PER_PARTICIPANT; g++) {
        int inner = 1;
        for (int p = 0; p < ev->np; p++) {
            if (!who[p] || c->relax[p * U_PER_PARTICIPANT + g])
                continue;
            if (inner) {
                add_list_sep(b, &first, "; ");
                rs_buf_fmt(b, "%s (", group[g]);
                rules[rule_no[g]] = 1;
            } else {
                rs_buf_str(b, ", ");
            }
            inner = 0;
            const rs_participant *a = &ev->p[p];
            if (g == U_AVAIL)
                rs_buf_fmt(b, "%s: %d slot%s", a->id, a->navail, a->navail == 1 ? "" : "s");
            else if (g == U_MAX)
                rs_buf_fmt(b, "%s: %d", a->id, a->max_meetings);
            else if (g == U_CONSEC)
                rs_buf_fmt(b, "%s: %d", a->id, a->max_consecutive);
            else
                rs_buf_str(b, a->id);
        }
        if (!inner)
            rs_buf_str(b, ")");
    }
    if (!c->relax[c->u_rooms]) {
        add_list_sep(b, &first, "; ");
        rs_buf_fmt(b, "rooms (%d room%s, each open at set times for one meeting a slot)", ev->nrooms,
                   ev->nrooms == 1 ? "" : "s");
        rules[1] = rules[2] = 1;
    }
    if (!c->relax[c->u_cap]) {
        int maxcap = 0;
        for (int r = 0; r < ev->nrooms; r++)
            if (ev->rooms[r].capacity > maxcap)
                maxcap = ev->rooms[r].capacity;
        int need = 0;
        for (int i = 0; i < c->nm; i++) {
            int q = ev->p[c->m[i].inv].team_size + ev->p[c->m[i].sme].team_size;
            if (in[i] && (need == 0 || q < need))
                need = q;
        }
        add_list_sep(b, &first, "; ");
        rs_buf_fmt(b, "capacity (the largest room holds %d, the smallest of these meetings "
                      "needs %d)", maxcap, need);
        rules[3] = 1;
    }
    int windows = 0; /* rule 11 is never relaxed: named when it applies */
    for (int i = 0; i < c->nm; i++)
        windows += in[i] && c->m[i].pair >= 0 && ev->pairs[c->m[i].pair].allowed;
    if (windows) {
        add_list_sep(b, &first, "; ");
        rs_buf_fmt(b, "meeting windows (%d of these requests)", windows);
        rules[11] = 1;
    }
    if (first)
        rs_buf_fmt(b, "slots (the event has %d; nobody is in two meetings at once)", ev->nslots);
    rules[2] = rules[7] = 1;
    rs_buf_str(b, "] (rules");
    first = 1;
    for (int r = 1; r < 12; r++)
        if (rules[r]) {
            rs_buf_fmt(b, "%s %d", first ? "" : ",", r);
            first = 0;
        }
    rs_buf_str(b, ")");
}

/* Records the clash `in` (or the single forbidden must `only`): one diag
 * line and, when wanted, an entry of the list.  -1 when out of memory. */
static int report(clash_t *c, const unsigned char *in, int only, int minimal, rs_diag *diag,
                  rs_clash_list *list)
{
    const rs_event *ev = c->ev;
    rs_buf rb = {0};
    rs_buf *b = &c->msg;
    unsigned char *who = c->who;
    int n = 0, rc = -1;
    free(b->p);
    memset(b, 0, sizeof *b);
    memset(who, 0, (size_t)ev->np);
    for (int i = 0; i < c->nm; i++)
        if (i == only || (only < 0 && in[i])) {
            who[c->m[i].inv] = who[c->m[i].sme] = 1;
            n++;
        }
    rs_buf_fmt(b, "must request%s clash: {", n == 1 ? "" : "s");
    for (int i = 0, k = 0; i < c->nm; i++)
        if (i == only || (only < 0 && in[i]))
            rs_buf_fmt(b, "%s%s -> %s", k++ ? ", " : "", ev->p[c->m[i].from].id,
                       ev->p[c->m[i].to].id);
    rs_buf_str(b, "}");
    if (n == 1)
        rs_buf_str(b, " cannot be met even alone");
    else if (minimal && n == 2)
        rs_buf_str(b, " cannot both be met, though each can alone");
    else if (minimal)
        rs_buf_fmt(b, " cannot all be met, though any %d of them can", n - 1);
    else
        rs_buf_str(b, " cannot all be met (the time budget ran out before every smaller set "
                       "was ruled out, so it may not be the smallest)");
    rs_buf_str(b, "; participants ");
    for (int p = 0, k = 0; p < ev->np; p++) {
        int q = ev->id_order[p];
        if (who[q])
            rs_buf_fmt(b, "%s%s", k++ ? ", " : "", ev->p[q].id);
    }
    rs_buf_str(b, "; blocking rules [");
    size_t rules_at = b->n;
    if (only >= 0) {
        int inv = c->m[only].inv, sme = c->m[only].sme, x = inv;
        for (int k = 0; k < ev->p[sme].navoid; k++)
            if (ev->p[sme].avoid[k] == inv)
                x = sme;
        rs_buf_fmt(b, "avoid (%s, a conflict of interest)] (rules 5, 7)", ev->p[x].id);
    } else {
        blocking_rules(c, in, who, b, &minimal);
    }
    if (b->oom)
        goto done;
    rs_diag_add(diag, "%s", b->p);
    if (list) {
        rs_clash *nc = realloc(list->c, (size_t)(list->n + 1) * sizeof(rs_clash));
        if (!nc)
            goto done;
        list->c = nc;
        rs_clash *e = &list->c[list->n];
        memset(e, 0, sizeof *e);
        list->n++;
        e->from = malloc((size_t)n * sizeof(int));
        e->to = malloc((size_t)n * sizeof(int));
        const char *end = strrchr(b->p, ']');
        rs_buf_add(&rb, b->p + rules_at, end ? (size_t)(end - (b->p + rules_at)) : 0);
        rs_buf_add(&rb, "", 0);
        if (!e->from || !e->to || rb.oom)
            goto done;
        for (int i = 0; i < c->nm; i++)
            if (i == only || (only < 0 && in[i])) {
                e->from[e->n] = c->m[i].from;
                e->to[e->n++] = c->m[i].to;
            }
        e->irreducible = minimal;
        e->rules = rb.p ? rb.p : rs_strdup("");
        rb.p = NULL;
        if (!e->rules)
            goto done;
    }
    rc = 0;
done:
    free(rb.p);
    return rc;
}

/* The search itself, under the GLPK guard.  Returns RS_OK or RS_ENOMEM;
 * c->found counts the clashes proven. */
static rs_code search(clash_t *c, rs_diag *diag, rs_clash_list *list)
{
    unsigned char *active = c->active, *set = c->set;
    rs_code rc = RS_ENOMEM;
    /* single musts: a forbidden pair, or one that cannot be met alone */
    for (int i = 0; i < c->nm; i++) {
        if (c->m[i].forbidden) {
            if (report(c, NULL, i, 1, diag, list) != 0)
                goto done;
            c->found++;
            continue;
        }
        memset(set, 0, (size_t)c->nm);
        set[i] = 1;
        memset(c->relax, 0, (size_t)c->nunits);
        int r = feasible(c, set);
        if (r == 0) {
            if (report(c, set, -1, 1, diag, list) != 0)
                goto done;
            c->found++;
        } else {
            active[i] = 1;
            if (r < 0 && list)
                list->complete = 0;
        }
    }
    /* the rest: deletion filter down to an irreducible set, then again on
     * what is left once that set is taken out */
    for (;;) {
        memset(c->relax, 0, (size_t)c->nunits);
        int r = feasible(c, active);
        if (r != 0) {
            if (r < 0 && list)
                list->complete = 0;
            break;
        }
        memcpy(set, active, (size_t)c->nm);
        int minimal = 1;
        for (int i = 0; i < c->nm; i++) {
            if (!set[i])
                continue;
            set[i] = 0;
            memset(c->relax, 0, (size_t)c->nunits);
            int r2 = feasible(c, set);
            if (r2 != 0) {
                set[i] = 1; /* needed (or not shown otherwise in time) */
                if (r2 < 0)
                    minimal = 0;
            }
        }
        if (report(c, set, -1, minimal, diag, list) != 0)
            goto done;
        c->found++;
        for (int i = 0; i < c->nm; i++)
            if (set[i])
                active[i] = 0;
    }
    rc = RS_OK;
done:
    return rc;
}

/* search() as a guarded call's work (arg: the clash_t). */
static rs_code search_guarded(void *arg)
{
    clash_t *c = arg;
    return search(c, c->diag, c->list);
}

rs_code rs_clash_check(const rs_event *ev, double budget, rs_diag *diag, rs_clash_list *list)
{
    rs_code rc = RS_ENOMEM;
    /* on the heap, reachable from here whatever GLPK does */
    clash_t *c = calloc(1, sizeof(clash_t));
    if (list) {
        memset(list, 0, sizeof *list);
        list->complete = 1;
    }
    if (!c)
        return RS_ENOMEM;
    c->ev = ev;
    c->deadline = rs_now() + budget;
    c->metric = travel_is_metric(ev);
    if (collect_musts(c) != 0)
        goto done;
    if (c->nm == 0) {
        rc = RS_OK;
        goto done;
    }
    c->u_rooms = ev->np * U_PER_PARTICIPANT;
    c->u_cap = c->u_rooms + 1;
    c->nunits = c->u_cap + 1;
    c->maxcols = c->nm * ev->nslots * ev->nvenues + 1;
    size_t npk = (size_t)ev->np * (size_t)ev->nslots, nkv = (size_t)ev->nslots * (size_t)ev->nvenues;
    c->relax = calloc((size_t)c->nunits, 1);
    c->cm = malloc((size_t)c->maxcols * sizeof(int));
    c->ck = malloc((size_t)c->maxcols * sizeof(int));
    c->cv = malloc((size_t)c->maxcols * sizeof(int));
    c->pk_start = malloc((npk + 2) * sizeof(int));
    c->kv_start = malloc((nkv + 2) * sizeof(int));
    c->pk_list = malloc((size_t)c->maxcols * 2 * sizeof(int));
    c->kv_list = malloc((size_t)c->maxcols * sizeof(int));
    c->fill = malloc(((npk > nkv ? npk : nkv) + 1) * sizeof(int));
    c->ind = malloc(((size_t)c->maxcols * 2 + 1) * sizeof(int));
    c->val = malloc(((size_t)c->maxcols * 2 + 1) * sizeof(double));
    c->active = calloc((size_t)c->nm + 1, 1);
    c->set = calloc((size_t)c->nm + 1, 1);
    c->who = calloc((size_t)ev->np + 1, 1);
    if (!c->relax || !c->cm || !c->ck || !c->cv || !c->pk_start || !c->kv_start ||
        !c->pk_list || !c->kv_list || !c->fill || !c->ind || !c->val || !c->active ||
        !c->set || !c->who)
        goto done;
    c->diag = diag;
    c->list = list;
    rs_glpk_call call = {.fn = search_guarded, .arg = c, .quiet = 1};
    rc = rs_glpk_guarded(&call);
    if (call.failed) {
        c->lp = NULL; /* it went with GLPK's environment */
        rs_diag_add(diag, "GLPK reported an internal error while checking the must requests");
        goto done;
    }
    if (rc == RS_OK && c->found > 0)
        rc = RS_EINFEASIBLE;
done:
    if (c->lp)
        glp_delete_prob(c->lp);
    free(c->m);
    free(c->relax);
    free(c->cm);
    free(c->ck);
    free(c->cv);
    free(c->pk_start);
    free(c->kv_start);
    free(c->pk_list);
    free(c->kv_list);
    free(c->fill);
    free(c->ind);
    free(c->val);
    free(c->active);
    free(c->set);
    free(c->who);
    free(c->msg.p);
    free(c);
    return rc;
}

void rs_clash_list_free(rs_clash_list *list)
{
    if (!list)
        return;
    for (int i = 0; i < list->n; i++) {
        free(list->c[i].from);
        free(list->c[i].to);
        free(list->c[i].rules);
    }
    free(list->c);
    memset(list, 0, sizeof *list);
}
