/*
 * event.c - what the contract derives from an event: candidate pairs and
 * their scores, lookups by id, and the organiser's summary.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

int rs_request_priority(const rs_event *ev, int p, int q)
{
    const rs_participant *a = &ev->p[p];
    for (int k = 0; k < a->nreq; k++)
        if (a->req[k].other == q)
            return a->req[k].priority;
    return RS_PRIO_NONE;
}

const char *rs_priority_name(int priority)
{
    return priority == RS_PRIO_MUST ? "must" : priority == RS_PRIO_HIGH ? "high"
                                      : priority == RS_PRIO_NORMAL ? "normal" : "";
}

int rs_pair_reasons(const rs_event *ev, int inv, int sme, rs_buf *b)
{
    const rs_participant *a = &ev->p[inv], *s = &ev->p[sme];
    int n = 0;
    int peer = a->is_investor == s->is_investor; /* requests alone */
    for (int k = 0; !peer && k < s->nsectors; k++) {
        double w = a->interest[s->sectors[k]];
        if (w <= 0)
            continue;
        rs_buf_fmt(b, "%s%s interest %g", ev->sectors[s->sectors[k]].id,
                   k == 0 ? " (primary)" : "", w);
        rs_buf_add(b, "", 1);
        n++;
    }
    if (!peer && a->lists_stages && s->stage && rs_stage_match(ev, inv, sme)) {
        rs_buf_fmt(b, "stage %s", s->stage);
        rs_buf_add(b, "", 1);
        n++;
    }
    if (peer) {
        rs_buf_fmt(b, "peer meeting (%s)", a->is_investor ? "co-investors" : "business to business");
        rs_buf_add(b, "", 1);
        n++;
    }
    int pa = rs_request_priority(ev, inv, sme), pb = rs_request_priority(ev, sme, inv);
    if (pa) {
        rs_buf_fmt(b, "requested by %s (%s)", a->id, rs_priority_name(pa));
        rs_buf_add(b, "", 1);
        n++;
    }
    if (pb) {
        rs_buf_fmt(b, "requested by %s (%s)", s->id, rs_priority_name(pb));
        rs_buf_add(b, "", 1);
        n++;
    }
    return n;
}

/* An avoid on either side forbids the pair, whatever is requested. */
int rs_pair_forbidden(const rs_event *ev, int inv, int sme)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    for (int k = 0; k < a->navoid; k++)
        if (a->avoid[k] == sme)
            return 1;
    for (int k = 0; k < b->navoid; k++)
        if (b->avoid[k] == inv)
            return 1;
    return 0;
}

/* An investor without a stage list accepts every stage; one with a list
 * accepts the SMEs whose stage is in it (an SME without a stage is not). */
int rs_stage_match(const rs_event *ev, int inv, int sme)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    if (!a->lists_stages)
        return 1;
    if (!b->stage)
        return 0;
    for (int k = 0; k < a->nstages; k++)
        if (strcmp(a->stages[k], b->stage) == 0)
            return 1;
    return 0;
}

/* The contract's score given each side's request priority (pa by the
 * investor, pb by the SME), so that the pair builder can look them up in
 * constant time. */
static double score_with(const rs_event *ev, int inv, int sme, int pa, int pb, double *fit,
                         double *stage, double *req)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    double f = 0, st = 0, r = 0;
    int peer = a->is_investor == b->is_investor; /* requests alone */
    for (int k = 0; !peer && k < b->nsectors; k++)
        f += (k == 0 ? ev->w.primary_sector : ev->w.secondary_sector) *
             a->interest[b->sectors[k]];
    if (!peer && a->lists_stages && rs_stage_match(ev, inv, sme))
        st = ev->w.stage;
    if (pa)
        r += pa == RS_PRIO_NORMAL ? ev->w.request_normal : ev->w.request_high;
    if (pb)
        r += pb == RS_PRIO_NORMAL ? ev->w.request_normal : ev->w.request_high;
    if (fit)
        *fit = f;
    if (stage)
        *stage = st;
    if (req)
        *req = r;
    return f + st + r;
}

/* The contract's score: fit + stage + requests.  "must" counts as high.
 * A peer pair (both of one side, in any order) scores its requests alone. */
double rs_pair_score(const rs_event *ev, int inv, int sme, double *fit, double *stage,
                     double *req)
{
    return score_with(ev, inv, sme, rs_request_priority(ev, inv, sme),
                      rs_request_priority(ev, sme, inv), fit, stage, req);
}

/* Appends pair pr to ev->pairs (capacity *cap).  RS_OK, RS_EINPUT past
 * RS_MAX_PAIRS, RS_ENOMEM. */
static rs_code pair_append(rs_event *ev, const rs_pair *pr, int *cap)
{
    if (ev->npairs == RS_MAX_PAIRS)
        return RS_EINPUT;
    if (ev->npairs == *cap) {
        int nc = *cap ? *cap * 2 : 1024;
        rs_pair *np = realloc(ev->pairs, (size_t)nc * sizeof(rs_pair));
        if (!np)
            return RS_ENOMEM;
        ev->pairs = np;
        *cap = nc;
    }
    ev->pairs[ev->npairs++] = *pr;
    return RS_OK;
}

/* Peer pairs (inv, sme) by participant indices. */
static int cmp_peer(const void *a, const void *b)
{
    const rs_pair *x = a, *y = b;
    if (x->inv != y->inv)
        return (x->inv > y->inv) - (x->inv < y->inv);
    return (x->sme > y->sme) - (x->sme < y->sme);
}

/* Appends the peer pairs after the investor-SME pairs: one per same-side
 * pair that a request names and no avoid forbids (the reader reports
 * those), lower index first, sorted, so rs_peer_pair_index can search
 * them.  Events without peer requests get none and keep their pairs. */
static rs_code peer_pairs_build(rs_event *ev)
{
    int cap = ev->npairs, first = ev->npairs;
    for (int p = 0; p < ev->np; p++)
        for (int k = 0; k < ev->p[p].nreq; k++) {
            int q = ev->p[p].req[k].other;
            if (ev->p[q].is_investor != ev->p[p].is_investor)
                continue;
            int a = p < q ? p : q, b = p < q ? q : p;
            if (p == b && rs_request_priority(ev, a, b))
                continue; /* both asked: the pair is listed once, from a */
            if (rs_pair_forbidden(ev, a, b))
                continue;
            rs_pair pr;
            memset(&pr, 0, sizeof pr);
            pr.inv = a;
            pr.sme = b;
            pr.peer = 1;
            pr.req_by_inv = rs_request_priority(ev, a, b);
            pr.req_by_sme = rs_request_priority(ev, b, a);
            pr.score = rs_pair_score(ev, a, b, &pr.fit, &pr.stage, &pr.req);
            pr.must = pr.req_by_inv == RS_PRIO_MUST || pr.req_by_sme == RS_PRIO_MUST;
            rs_code rc = pair_append(ev, &pr, &cap);
            if (rc != RS_OK)
                return rc;
        }
    if (ev->npairs - first > 1)
        qsort(ev->pairs + first, (size_t)(ev->npairs - first), sizeof(rs_pair), cmp_peer);
    return RS_OK;
}

int rs_peer_pair_index(const rs_event *ev, int a, int b)
{
    if (a > b) {
        int t = a;
        a = b;
        b = t;
    }
    int lo = ev->npairs_io, hi = ev->npairs - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const rs_pair *pr = &ev->pairs[mid];
        if (pr->inv == a && pr->sme == b)
            return mid;
        if (pr->inv < a || (pr->inv == a && pr->sme < b))
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* The windows of p's request of q, or NULL when it has none (or there is
 * no such request). */
static const unsigned char *request_windows(const rs_event *ev, int p, int q)
{
    const rs_participant *a = &ev->p[p];
    for (int k = 0; k < a->nreq; k++)
        if (a->req[k].other == q)
            return a->req[k].win;
    return NULL;
}

/* Rule 11: each pair whose requests carry windows gets the slots where it
 * may meet, inside a window of each side's request that has some. */
static rs_code pair_windows(rs_event *ev)
{
    for (int p = 0; p < ev->npairs; p++) {
        rs_pair *pr = &ev->pairs[p];
        if (!pr->req_by_inv && !pr->req_by_sme)
            continue;
        const unsigned char *wa = request_windows(ev, pr->inv, pr->sme);
        const unsigned char *wb = request_windows(ev, pr->sme, pr->inv);
        if (!wa && !wb)
            continue;
        pr->allowed = malloc((size_t)ev->nslots + 1);
        if (!pr->allowed)
            return RS_ENOMEM;
        for (int k = 0; k < ev->nslots; k++)
            pr->allowed[k] = (unsigned char)((!wa || wa[k]) && (!wb || wb[k]));
    }
    return RS_OK;
}

/* Lists the pairs the contract allows to meet: nothing forbids them and
 * fit > 0 or a request names them; an investor's stage list filters out
 * other stages unless a request names the pair.  Pairs are ordered by
 * investor then SME, so the model's columns are deterministic.  Each side's
 * request priority is first spread over a cell matrix (the investor's in
 * the low nibble, the SME's in the high one): looking requests up per cell
 * would cost cells x requests on an event where everyone asks for
 * thousands. */
rs_code rs_pairs_build(rs_event *ev)
{
    rs_code rc = RS_ENOMEM;
    size_t cells = (size_t)ev->ninv * (size_t)ev->nsme;
    unsigned char *prio = calloc(cells + 1, 1);
    ev->pair_of = malloc((cells + 1) * sizeof(int));
    ev->forbidden = calloc(cells + 1, 1);
    int cap = 1024, n = 0;
    ev->pairs = malloc((size_t)cap * sizeof(rs_pair));
    if (!prio || !ev->pair_of || !ev->forbidden || !ev->pairs)
        goto done;
    for (int p = 0; p < ev->np; p++)
        for (int k = 0; k < ev->p[p].nreq; k++) {
            int q = ev->p[p].req[k].other;
            if (ev->p[q].is_investor == ev->p[p].is_investor)
                continue; /* a peer request: peer_pairs_build */
            int inv = ev->p[p].is_investor ? p : q, sme = ev->p[p].is_investor ? q : p;
            size_t cell = (size_t)inv * (size_t)ev->nsme + (size_t)(sme - ev->ninv);
            prio[cell] |= (unsigned char)(ev->p[p].req[k].priority
                                          << (ev->p[p].is_investor ? 0 : 4));
        }
    for (size_t k = 0; k < cells; k++)
        ev->pair_of[k] = -1;
    for (int s = ev->ninv; s < ev->np; s++)
        for (int k = 0; k < ev->p[s].navoid; k++)
            if (ev->p[s].avoid[k] < ev->ninv) /* peers are not in the matrix */
                ev->forbidden[(size_t)ev->p[s].avoid[k] * (size_t)ev->nsme +
                          (size_t)(s - ev->ninv)] = 1;
    for (int i = 0; i < ev->ninv; i++)
        for (int k = 0; k < ev->p[i].navoid; k++)
            if (ev->p[i].avoid[k] >= ev->ninv)
                ev->forbidden[(size_t)i * (size_t)ev->nsme +
                          (size_t)(ev->p[i].avoid[k] - ev->ninv)] = 1;
    for (int i = 0; i < ev->ninv; i++) {
        for (int s = ev->ninv; s < ev->np; s++) {
            size_t cell = (size_t)i * (size_t)ev->nsme + (size_t)(s - ev->ninv);
            if (ev->forbidden[cell])
                continue;
            rs_pair pr;
            memset(&pr, 0, sizeof pr);
            pr.inv = i;
            pr.sme = s;
            pr.req_by_inv = prio[cell] & 15;
            pr.req_by_sme = prio[cell] >> 4;
            pr.score = score_with(ev, i, s, pr.req_by_inv, pr.req_by_sme, &pr.fit, &pr.stage,
                                  &pr.req);
            int requested = pr.req_by_inv || pr.req_by_sme;
            if (!requested && (pr.fit <= 0 || !rs_stage_match(ev, i, s)))
                continue;
            pr.must = pr.req_by_inv == RS_PRIO_MUST || pr.req_by_sme == RS_PRIO_MUST;
            if (n == RS_MAX_PAIRS) {
                rc = RS_EINPUT;
                goto done;
            }
            if (n == cap) {
                cap *= 2;
                rs_pair *np = realloc(ev->pairs, (size_t)cap * sizeof(rs_pair));
                if (!np)
                    goto done;
                ev->pairs = np;
            }
            ev->pair_of[cell] = n;
            ev->pairs[n++] = pr;
        }
    }
    ev->npairs = n;
    ev->npairs_io = n;
    rc = peer_pairs_build(ev);
    if (rc == RS_OK)
        rc = pair_windows(ev);
done:
    free(prio);
    return rc;
}

/* Pair indices by score, best first, then by index (ctx: the event). */
static int cmp_pair_score(const void *a, const void *b, void *ctx)
{
    const rs_event *ev = ctx;
    int x = *(const int *)a, y = *(const int *)b;
    double sx = ev->pairs[x].score, sy = ev->pairs[y].score;
    if (sx != sy)
        return sx < sy ? 1 : -1;
    return (x > y) - (x < y);
}

void rs_sort_pairs_by_score(const rs_event *ev, int *pairs, int n)
{
    rs_sort(pairs, (size_t)n, sizeof(int), cmp_pair_score, (void *)ev);
}

int rs_find_participant(const rs_event *ev, const char *id)
{
    int lo = 0, hi = ev->np - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int c = strcmp(ev->p[ev->id_order[mid]].id, id);
        if (c == 0)
            return ev->id_order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

int rs_find_room(const rs_event *ev, const char *id)
{
    for (int r = 0; r < ev->nrooms; r++)
        if (strcmp(ev->rooms[r].id, id) == 0)
            return r;
    return -1;
}

int rs_find_slot(const rs_event *ev, const char *date, int start)
{
    for (int d = 0; d < ev->ndays; d++) {
        if (strcmp(ev->days[d].date, date) != 0)
            continue;
        for (int k = ev->days[d].first_slot;
             k < ev->days[d].first_slot + ev->days[d].nslots; k++)
            if (ev->slots[k].start == start)
                return k;
        return -1;
    }
    return -1;
}

/* How many meetings a participant could hold at most, counting only its
 * own availability, its maximum and the consecutive limit: in each run of
 * consecutive available slots of length L, at most L - floor(L/(K+1)). */
int rs_participant_capacity(const rs_event *ev, int p)
{
    const rs_participant *a = &ev->p[p];
    long total = 0, run = 0, K = a->max_consecutive;
    for (int k = 0; k < ev->nslots; k++) {
        if (a->avail[k] && run > 0 && ev->slots[k].prev == k - 1) {
            run++;
            continue;
        }
        total += run - run / (K + 1);
        run = a->avail[k] ? 1 : 0;
    }
    total += run - run / (K + 1);
    if (total > a->max_meetings)
        total = a->max_meetings;
    return (int)total;
}

rs_code rs_venue_seats_build(rs_event *ev)
{
    if (ev->nvenues < 2 || ev->nvenues > RS_TRAVEL_VENUES || ev->nslots == 0)
        return RS_OK;
    int *t = calloc((size_t)ev->nvenues * (size_t)ev->nslots, sizeof(int));
    if (!t)
        return RS_ENOMEM;
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; k < ev->nslots; k++) {
            int *cell = &t[(size_t)ev->rooms[r].venue * (size_t)ev->nslots + (size_t)k];
            if (ev->rooms[r].avail[k] && ev->rooms[r].capacity > *cell)
                *cell = ev->rooms[r].capacity;
        }
    ev->venue_seats = t;
    return RS_OK;
}

int *rs_pair_degrees(const rs_event *ev)
{
    int *deg = calloc((size_t)ev->np + 1, sizeof(int));
    if (!deg)
        return NULL;
    for (int p = 0; p < ev->npairs; p++) {
        deg[ev->pairs[p].inv]++;
        deg[ev->pairs[p].sme]++;
    }
    return deg;
}

void rs_event_summary(const rs_event *ev, rs_summary *s)
{
    memset(s, 0, sizeof *s);
    s->investors = ev->ninv;
    s->smes = ev->nsme;
    s->days = ev->ndays;
    s->slots = ev->nslots;
    s->rooms = ev->nrooms;
    s->venues = ev->nvenues;
    s->sectors = ev->nsectors;
    s->candidate_pairs = ev->npairs;
    for (int i = 0; i < ev->np; i++) {
        const rs_participant *p = &ev->p[i];
        s->requests += p->nreq;
        for (int k = 0; k < p->nreq; k++)
            s->must_requests += p->req[k].priority == RS_PRIO_MUST;
        long cap = rs_participant_capacity(ev, i);
        if (p->is_investor)
            s->investor_capacity += cap;
        else {
            s->sme_capacity += cap;
            s->min_demand += p->min_meetings;
        }
    }
    for (int r = 0; r < ev->nrooms; r++)
        for (int k = 0; k < ev->nslots; k++)
            s->room_slots += ev->rooms[r].avail[k];
}
