/*
 * check.c - the independent checker (a schedule.json is read back by
 * rs_schedule_load, in schedfile.c).
 *
 * rs_check re-derives every hard rule of the contract from the raw event
 * fields.  It deliberately shares nothing with the solver's side: it does
 * not use ev->pairs, ev->pair_of, ev->forbidden, rs_pair_score or
 * rs_objective, so a mistake there cannot hide itself here.  Pair
 * admissibility and pair scores are recomputed from the participants'
 * interests, sectors, stages, requests and avoids and the event weights,
 * following the contract's "Match score of a pair" section.
 *
 * The checker works on per-participant lists of meetings (sorted by slot)
 * and a room x slot occupancy map, so every rule costs time linear in the
 * number of meeting seats: no scans over all meetings per meeting.
 */
#define _POSIX_C_SOURCE 200809L
#include "internal.h"
#include "workflow.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_EPS 1e-6

/* =============================================================== checker */

/* What the rule checks share: the inputs, the diag, and the schedule seen
 * per participant.  list holds, for each participant p, the indices of its
 * meetings in list[first[p] .. first[p+1]-1], sorted by slot then meeting
 * index; a meeting appears once per seat, so someone listed twice in one
 * meeting appears twice in a row. */
typedef struct {
    const rs_event *ev;
    const rs_schedule *s;
    rs_diag *diag;
    long violations;
    unsigned char *valid; /* per meeting: indices in range (else skipped)   */
    double *score;        /* per meeting: recomputed score                  */
    size_t *first;        /* np + 1 offsets into list                       */
    int *list;            /* meeting indices per participant, by slot       */
    int *count;           /* per participant: distinct meetings             */
    const int *label;     /* per meeting: its number in messages less one
                             (NULL: its position), see mno                 */
    const char *prefix;   /* put before every message ("" when NULL)        */
} chk;

/* The number a message gives meeting i: its 1-based position, or the one
 * the caller chose (the locked meetings of a previous schedule are checked
 * apart and named by their place in that file). */
static int mno(const chk *k, int i)
{
    return k->label ? k->label[i] + 1 : i + 1;
}

/* "m0004 (2023-05-18 09:30 g-301)": the meeting's id (its 1-based position)
 * with its date, start and room, so a line can be acted on alone. */
static void meeting_label(const chk *k, int i, char *buf, size_t n)
{
    const rs_event *ev = k->ev;
    const rs_meeting *m = &k->s->m[i];
    if (m->slot >= 0 && m->slot < ev->nslots && m->room >= 0 && m->room < ev->nrooms) {
        char t[6];
        const rs_slot *sl = &ev->slots[m->slot];
        rs_fmt_time(sl->start, t);
        snprintf(buf, n, "m%04d (%s %s %s)", mno(k, i), ev->days[sl->day].date, t,
                 ev->rooms[m->room].id);
    } else {
        snprintf(buf, n, "m%04d", mno(k, i));
    }
}

/* Appends one violation line, prefixed by the meeting's label when
 * meeting >= 0, and counts it: the count decides RS_OK or RS_ECHECK. */
static void violation(chk *k, int meeting, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static void violation(chk *k, int meeting, const char *fmt, ...)
{
    char msg[1024], label[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *pre = k->prefix ? k->prefix : "";
    if (meeting >= 0) {
        meeting_label(k, meeting, label, sizeof label);
        rs_diag_add(k->diag, "%s%s: %s", pre, label, msg);
    } else {
        rs_diag_add(k->diag, "%s%s", pre, msg);
    }
    k->violations++;
}

/* Formats a number for a message the way the schedule file writes it. */
static const char *num(double v, char *buf, size_t n)
{
    rs_fmt_num(v, buf, n);
    return buf;
}

/* ---- pair rules, recomputed from the raw participant fields ---------- */

/* Priority of a's request of participant other (RS_PRIO_NONE if none). */
static int req_prio(const rs_participant *a, int other)
{
    for (int k = 0; k < a->nreq; k++)
        if (a->req[k].other == other)
            return a->req[k].priority;
    return RS_PRIO_NONE;
}

/* Whether a's avoid list names participant other. */
static int avoids(const rs_participant *a, int other)
{
    for (int k = 0; k < a->navoid; k++)
        if (a->avoid[k] == other)
            return 1;
    return 0;
}

/* The contract's fit: primary weight times the investor's interest in the
 * SME's first sector, plus secondary weight times each other sector's. */
static double pair_fit(const rs_event *ev, int inv, int sme)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    double fit = 0;
    if (!a->interest)
        return 0;
    for (int k = 0; k < b->nsectors; k++)
        fit += (k == 0 ? ev->w.primary_sector : ev->w.secondary_sector) *
               a->interest[b->sectors[k]];
    return fit;
}

/* Whether the investor lists stages and the SME's stage is among them. */
static int stage_listed(const rs_event *ev, int inv, int sme)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    if (!a->lists_stages || !b->stage)
        return 0;
    for (int k = 0; k < a->nstages; k++)
        if (strcmp(a->stages[k], b->stage) == 0)
            return 1;
    return 0;
}

/* Weight of one side's request: "must" counts as high. */
static double req_weight(const rs_event *ev, int prio)
{
    if (prio == RS_PRIO_NORMAL)
        return ev->w.request_normal;
    if (prio == RS_PRIO_HIGH || prio == RS_PRIO_MUST)
        return ev->w.request_high;
    return 0;
}

/* Whether participants a and b are of one side (a peer pair). */
static int same_side(const rs_event *ev, int a, int b)
{
    return ev->p[a].is_investor == ev->p[b].is_investor;
}

/* The contract's score of a pair: fit + stage + each side's request; a
 * peer pair scores its requests alone. */
static double pair_score(const rs_event *ev, int inv, int sme)
{
    double score = 0;
    if (!same_side(ev, inv, sme)) {
        score = pair_fit(ev, inv, sme);
        if (stage_listed(ev, inv, sme))
            score += ev->w.stage;
    }
    score += req_weight(ev, req_prio(&ev->p[inv], sme));
    score += req_weight(ev, req_prio(&ev->p[sme], inv));
    return score;
}

/* Appends one reason to why (n bytes, *len used), "; "-separated.  The
 * text is cut rather than overflowing when it does not fit. */
static void why_add(char *why, size_t n, size_t *len, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static void why_add(char *why, size_t n, size_t *len, const char *fmt, ...)
{
    va_list ap;
    if (*len > 0 && *len + 2 < n) {
        memcpy(why + *len, "; ", 3);
        *len += 2;
    }
    if (*len + 1 >= n)
        return;
    va_start(ap, fmt);
    int w = vsnprintf(why + *len, n - *len, fmt, ap);
    va_end(ap);
    if (w > 0)
        *len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
}

/* Whether the pair may meet: no avoid on either side, and fit > 0 or a
 * request names it, and (unless a request names it) the investor's stage
 * list, when it has one, holds the SME's stage.  When not, every reason
 * that applies is written to why (an avoid beats any request, so the
 * other reasons are given only when nobody avoids the other). */
static int pair_allowed(const rs_event *ev, int inv, int sme, char *why, size_t n)
{
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    size_t len = 0;
    why[0] = '\0';
    if (avoids(a, sme))
        why_add(why, n, &len, "avoided by %s", a->id);
    if (avoids(b, inv))
        why_add(why, n, &len, "avoided by %s", b->id);
    if (len == 0 && same_side(ev, inv, sme)) {
        if (req_prio(a, sme) == RS_PRIO_NONE && req_prio(b, inv) == RS_PRIO_NONE)
            why_add(why, n, &len, "a peer meeting needs a request and neither asked");
    } else if (len == 0) {
        int requested = req_prio(a, sme) != RS_PRIO_NONE || req_prio(b, inv) != RS_PRIO_NONE;
        if (!requested && pair_fit(ev, inv, sme) <= 0)
            why_add(why, n, &len, "no sector interest and no request");
        if (!requested && a->lists_stages && !stage_listed(ev, inv, sme))
            why_add(why, n, &len, "stage %s not accepted by %s",
                    b->stage ? b->stage : "(none)", a->id);
    }
    return len == 0;
}

/* ---- the rules -------------------------------------------------------- */

/* Rejects meetings whose indices do not point into the event (a schedule
 * built by code rather than read from a file); the rules below skip them,
 * since nothing can be said about a slot or a person that does not exist. */
static void check_structure(chk *k)
{
    const rs_event *ev = k->ev;
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        int ok = m->slot >= 0 && m->slot < ev->nslots && m->room >= 0 &&
                 m->room < ev->nrooms && m->sme >= 0 && m->sme < ev->np &&
                 m->ninv >= 0 && (m->ninv == 0 || m->inv);
        /* a peer meeting: one-to-one, two distinct participants of a side */
        int peer = ok && m->ninv == 1 && ev->format == RS_FORMAT_ONE_TO_ONE &&
                   m->inv[0] >= 0 && m->inv[0] < ev->np && m->inv[0] != m->sme &&
                   same_side(ev, m->sme, m->inv[0]);
        ok = ok && (peer || m->sme >= ev->ninv);
        for (int j = 0; ok && !peer && j < m->ninv; j++)
            ok = m->inv[j] >= 0 && m->inv[j] < ev->ninv;
        k->valid[i] = (unsigned char)ok;
        if (!ok)
            violation(k, i, "structure: the meeting names a slot, room or participant "
                            "that is not in the event");
    }
}

/* Rule 1: the slot lies in the availability of every participant and of
 * the room. */
static void check_rule1(chk *k)
{
    const rs_event *ev = k->ev;
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        if (!k->valid[i])
            continue;
        if (!ev->rooms[m->room].avail[m->slot])
            violation(k, i, "rule 1: room %s is not available in this slot",
                      ev->rooms[m->room].id);
        if (!ev->p[m->sme].avail[m->slot])
            violation(k, i, "rule 1: %s is not available in this slot", ev->p[m->sme].id);
        for (int j = 0; j < m->ninv; j++)
            if (!ev->p[m->inv[j]].avail[m->slot])
                violation(k, i, "rule 1: %s is not available in this slot",
                          ev->p[m->inv[j]].id);
    }
}

/* Rule 2: nobody and no room is in two meetings in the same slot.  Rooms
 * use a room x slot map of the first meeting seen; people use their
 * slot-sorted lists, where a clash shows as two entries of one slot.  Each
 * clash is reported on the later meeting, naming the earlier one. */
static rs_code check_rule2(chk *k)
{
    const rs_event *ev = k->ev;
    size_t cells = (size_t)ev->nrooms * (size_t)ev->nslots;
    int *room_occ = malloc((cells + 1) * sizeof(int));
    if (!room_occ)
        return RS_ENOMEM;
    for (size_t c = 0; c < cells; c++)
        room_occ[c] = -1;
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        if (!k->valid[i])
            continue;
        size_t c = (size_t)m->room * (size_t)ev->nslots + (size_t)m->slot;
        if (room_occ[c] < 0)
            room_occ[c] = i;
        else
            violation(k, i, "rule 2: room %s is also used by m%04d in this slot",
                      ev->rooms[m->room].id, mno(k, room_occ[c]));
    }
    free(room_occ);
    for (int p = 0; p < ev->np; p++) {
        int lead = -1; /* first meeting of the current slot */
        for (size_t e = k->first[p]; e < k->first[p + 1]; e++) {
            int i = k->list[e];
            if (lead < 0 || k->s->m[i].slot != k->s->m[lead].slot)
                lead = i;
            else if (i == k->list[e - 1])
                violation(k, i, "rule 2: %s is listed twice in this meeting", ev->p[p].id);
            else
                violation(k, i, "rule 2: %s is also in m%04d in this slot", ev->p[p].id,
                          mno(k, lead));
        }
    }
    return RS_OK;
}

/* Rule 3: the room holds the meeting's people, the sum of the team sizes
 * of the SME and its investors. */
static void check_rule3(chk *k)
{
    const rs_event *ev = k->ev;
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        if (!k->valid[i])
            continue;
        long people = ev->p[m->sme].team_size;
        for (int j = 0; j < m->ninv; j++)
            people += ev->p[m->inv[j]].team_size;
        if (people > ev->rooms[m->room].capacity)
            violation(k, i, "rule 3: room %s holds %d people but the meeting has %ld",
                      ev->rooms[m->room].id, ev->rooms[m->room].capacity, people);
    }
}

/* Two arrays of n + 1 ints for the repeat tests' marks (the caller frees
 * both).  0, or -1 with nothing allocated. */
static int marks_new(int n, int **mark, int **mtg)
{
    *mark = malloc(((size_t)n + 1) * sizeof(int));
    *mtg = malloc(((size_t)n + 1) * sizeof(int));
    if (*mark && *mtg)
        return 0;
    free(*mark);
    free(*mtg);
    return -1;
}

/* Rule 4: one-to-one meetings have exactly one investor; a group pitch has
 * between group_min_investors and the room's capacity of investors; and in
 * both formats an investor/SME pair meets (hears the pitch) at most once.
 * The repeat test walks each SME's meetings with a per-investor mark. */
static rs_code check_rule4(chk *k)
{
    const rs_event *ev = k->ev;
    int group = ev->format == RS_FORMAT_GROUP;
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        if (!k->valid[i])
            continue;
        if (!group && m->ninv != 1)
            violation(k, i, "rule 4: a one-to-one meeting has %d investors (needs exactly 1)",
                      m->ninv);
        if (group && m->ninv < ev->group_min_investors)
            violation(k, i, "rule 4: the pitch has %d investor%s, fewer than the minimum of %d",
                      m->ninv, m->ninv == 1 ? "" : "s", ev->group_min_investors);
        if (group && m->ninv > ev->rooms[m->room].capacity)
            violation(k, i, "rule 4: the pitch has %d investors, more than room %s holds (%d)",
                      m->ninv, ev->rooms[m->room].id, ev->rooms[m->room].capacity);
    }
    int *mark_sme, *mark_mtg;
    if (marks_new(ev->ninv, &mark_sme, &mark_mtg) != 0)
        return RS_ENOMEM;
    for (int q = 0; q < ev->ninv; q++)
        mark_sme[q] = -1;
    for (int p = ev->ninv; p < ev->np; p++) {
        for (size_t e = k->first[p]; e < k->first[p + 1]; e++) {
            int i = k->list[e];
            if (e > k->first[p] && i == k->list[e - 1])
                continue; /* same meeting twice: rule 2 said so */
            const rs_meeting *m = &k->s->m[i];
            if (m->ninv == 1 && same_side(ev, m->sme, m->inv[0]))
                continue; /* a peer meeting (check_peer_repeats) */
            for (int j = 0; j < m->ninv; j++) {
                int q = m->inv[j];
                if (mark_sme[q] != p) {
                    mark_sme[q] = p;
                    mark_mtg[q] = i;
                } else if (mark_mtg[q] != i) {
                    violation(k, i, group ? "rule 4: %s already hears %s's pitch in m%04d"
                                          : "rule 4: %s already meets %s in m%04d",
                              ev->p[q].id, ev->p[p].id, mno(k, mark_mtg[q]));
                }
            }
        }
    }
    free(mark_sme);
    free(mark_mtg);
    return RS_OK;
}

/* Rule 4 for peer meetings: a same-side pair meets at most once.  Walks
 * each participant's meetings with a per-partner mark. */
static rs_code check_peer_repeats(chk *k)
{
    const rs_event *ev = k->ev;
    int *mark, *mtg;
    if (marks_new(ev->np, &mark, &mtg) != 0)
        return RS_ENOMEM;
    for (int q = 0; q < ev->np; q++)
        mark[q] = -1;
    for (int p = 0; p < ev->np; p++)
        for (size_t e = k->first[p]; e < k->first[p + 1]; e++) {
            int i = k->list[e];
            const rs_meeting *m = &k->s->m[i];
            if (m->ninv != 1 || !same_side(ev, m->sme, m->inv[0]) || m->sme != p)
                continue;
            int q = m->inv[0];
            if (mark[q] != p) {
                mark[q] = p;
                mtg[q] = i;
            } else if (mtg[q] != i) {
                violation(k, i, "rule 4: %s already meets %s in m%04d", ev->p[p].id,
                          ev->p[q].id, mno(k, mtg[q]));
            }
        }
    free(mark);
    free(mtg);
    return RS_OK;
}

/* Rule 5: every investor/SME pair of a meeting is allowed, recomputed from
 * avoids, sector interest, requests and stage lists; the line says why not. */
static void check_rule5(chk *k)
{
    const rs_event *ev = k->ev;
    char why[512];
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        if (!k->valid[i])
            continue;
        for (int j = 0; j < m->ninv; j++)
            if (!pair_allowed(ev, m->inv[j], m->sme, why, sizeof why))
                violation(k, i, "rule 5: %s and %s may not meet: %s", ev->p[m->inv[j]].id,
                          ev->p[m->sme].id, why);
    }
}

/* Rule 6: nobody has more meetings than its max_meetings. */
static void check_rule6(chk *k)
{
    const rs_event *ev = k->ev;
    for (int p = 0; p < ev->np; p++)
        if (k->count[p] > ev->p[p].max_meetings)
            violation(k, -1, "%s: rule 6: %d meetings, more than its maximum of %d",
                      ev->p[p].id, k->count[p], ev->p[p].max_meetings);
}

/* Rule 7: every "must" request, on either side, is met by some meeting
 * holding both parties.  Each request is looked for among the requesting
 * participant's own meetings only. */
static void check_rule7(chk *k)
{
    const rs_event *ev = k->ev;
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        for (int r = 0; r < a->nreq; r++) {
            if (a->req[r].priority != RS_PRIO_MUST)
                continue;
            int q = a->req[r].other, met = 0;
            for (size_t e = k->first[p]; e < k->first[p + 1] && !met; e++) {
                const rs_meeting *m = &k->s->m[k->list[e]];
                met = m->sme == q;
                for (int j = 0; j < m->ninv && !met; j++)
                    met = m->inv[j] == q;
            }
            if (!met && q >= 0 && q < ev->np)
                violation(k, -1, "%s: rule 7: its must request of %s is not met", a->id,
                          ev->p[q].id);
        }
    }
}

/* Rule 8: between two meetings that follow each other in a participant's
 * day (by slot start, not necessarily in adjacent slots) and lie in
 * different venues, the gap from the end of one to the start of the next is
 * at least the travel time.  Extra meetings in one slot (rule 2) are left
 * out: the first meeting of each slot stands for it. */
static void check_rule8(chk *k)
{
    const rs_event *ev = k->ev;
    for (int p = 0; p < ev->np; p++) {
        int prev = -1;
        for (size_t e = k->first[p]; e < k->first[p + 1]; e++) {
            int i = k->list[e];
            const rs_meeting *m = &k->s->m[i];
            if (prev >= 0 && k->s->m[prev].slot == m->slot)
                continue;
            if (prev >= 0) {
                const rs_meeting *pm = &k->s->m[prev];
                const rs_slot *a = &ev->slots[pm->slot], *b = &ev->slots[m->slot];
                int va = ev->rooms[pm->room].venue, vb = ev->rooms[m->room].venue;
                int need = va == vb ? 0 : rs_travel(ev, va, vb);
                if (a->day == b->day && va != vb && b->start - a->end < need) {
                    char t[6];
                    rs_fmt_time(a->end, t);
                    violation(k, i,
                              "rule 8: %s has %d min from %s (m%04d, ends %s) to %s "
                              "but the trip takes %d",
                              ev->p[p].id, b->start - a->end, ev->venues[va].id, mno(k, prev), t,
                              ev->venues[vb].id, need);
                }
            }
            prev = i;
        }
    }
}

/* Rule 9: nobody has more than max_consecutive meetings in a run of
 * consecutive slots (slot b follows slot a when slots[b].prev == a).  Each
 * run that is too long is reported once, on the meeting that first breaks
 * the limit, with the run's full length. */
static void check_rule9(chk *k)
{
    const rs_event *ev = k->ev;
    for (int p = 0; p < ev->np; p++) {
        int limit = ev->p[p].max_consecutive, run = 0, run_first = -1, over = -1, prev = -1;
        for (size_t e = k->first[p]; e <= k->first[p + 1]; e++) {
            int i = e < k->first[p + 1] ? k->list[e] : -1;
            if (i >= 0 && prev >= 0 && k->s->m[prev].slot == k->s->m[i].slot)
                continue;
            if (i >= 0 && prev >= 0 && ev->slots[k->s->m[i].slot].prev == k->s->m[prev].slot) {
                run++;
            } else {
                if (run > limit)
                    violation(k, over,
                              "rule 9: %s has %d meetings in consecutive slots (m%04d to "
                              "m%04d), more than its limit of %d",
                              ev->p[p].id, run, mno(k, run_first), mno(k, prev), limit);
                run = 1;
                run_first = i;
            }
            if (run == limit + 1)
                over = i;
            prev = i;
        }
    }
}

/* Rule 11: a meeting whose pair's requests carry windows lies inside a
 * window of each such request, read from the raw request fields. */
static void check_rule11(chk *k)
{
    const rs_event *ev = k->ev;
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        if (!k->valid[i])
            continue;
        for (int j = 0; j < m->ninv; j++)
            for (int side = 0; side < 2; side++) {
                const rs_participant *a = &ev->p[side ? m->inv[j] : m->sme];
                int other = side ? m->sme : m->inv[j];
                for (int r = 0; r < a->nreq; r++)
                    if (a->req[r].other == other && a->req[r].win && !a->req[r].win[m->slot])
                        violation(k, i, "rule 11: the slot is outside the windows of %s's "
                                        "request of %s", a->id, ev->p[other].id);
            }
    }
}

/* Gaps of participant p: runs of idle slots between two of its meetings
 * on a day, from its slot-sorted list (a break is not a slot: slots of a
 * day have consecutive indices). */
static int gaps_of(const chk *k, int p)
{
    const rs_event *ev = k->ev;
    int gaps = 0, last = -1;
    for (size_t e = k->first[p]; e < k->first[p + 1]; e++) {
        int slot = k->s->m[k->list[e]].slot;
        if (last >= 0 && ev->slots[slot].day == ev->slots[last].day && slot > last + 1)
            gaps++;
        last = slot;
    }
    return gaps;
}

/* Rule 12: nobody has more gaps over the event than its max_idle_gaps. */
static void check_rule12(chk *k)
{
    const rs_event *ev = k->ev;
    for (int p = 0; p < ev->np; p++) {
        if (ev->p[p].max_idle_gaps >= RS_UNLIMITED)
            continue;
        int g = gaps_of(k, p);
        if (g > ev->p[p].max_idle_gaps)
            violation(k, -1, "%s: rule 12: %d gap%s between meetings, more than its "
                             "maximum of %d", ev->p[p].id, g, g == 1 ? "" : "s",
                      ev->p[p].max_idle_gaps);
    }
}

/* Rule 10: meetings marked "locked" must match the previous schedule given
 * with --previous.  A schedule alone carries no previous schedule to compare
 * with: rs_check reads the locked flag only, and rs_check_previous (below)
 * compares the two. */

/* The recomputed score of each meeting (the sum over its investors), and a
 * "score" line where the schedule states a different one.  A NaN stated
 * score (absent from the file) is not compared. */
static void check_scores(chk *k)
{
    const rs_event *ev = k->ev;
    char b1[64], b2[64];
    for (int i = 0; i < k->s->nm; i++) {
        const rs_meeting *m = &k->s->m[i];
        k->score[i] = 0;
        if (!k->valid[i])
            continue;
        for (int j = 0; j < m->ninv; j++)
            k->score[i] += pair_score(ev, m->inv[j], m->sme);
        if (!isnan(m->score) && fabs(m->score - k->score[i]) > CHECK_EPS)
            violation(k, i, "score: stated %s but the meeting's score is %s",
                      num(m->score, b1, sizeof b1), num(k->score[i], b2, sizeof b2));
    }
}

/* The contract objective from scratch: meeting scores, less the shortfall
 * weight per meeting missing below a participant's minimum, less the idle
 * weight per idle slot (a slot of a day strictly between a participant's
 * first and last meeting that day in which it has no meeting, available or
 * not; breaks are not slots).  Slots of a day have consecutive indices. */
static double objective_of(chk *k)
{
    const rs_event *ev = k->ev;
    double total = 0;
    long shortfall = 0, idle = 0, gaps = 0;
    for (int i = 0; i < k->s->nm; i++)
        total += k->score[i];
    for (int p = 0; p < ev->np; p++) {
        gaps += gaps_of(k, p);
        if (k->count[p] < ev->p[p].min_meetings)
            shortfall += ev->p[p].min_meetings - k->count[p];
        int day = -1, lo = 0, hi = 0, busy = 0, last = -1;
        for (size_t e = k->first[p]; e <= k->first[p + 1]; e++) {
            int slot = e < k->first[p + 1] ? k->s->m[k->list[e]].slot : -1;
            if (slot >= 0 && slot == last)
                continue;
            if (slot < 0 || ev->slots[slot].day != day) {
                if (day >= 0)
                    idle += hi - lo + 1 - busy;
                if (slot < 0)
                    break;
                day = ev->slots[slot].day;
                lo = slot;
                busy = 0;
            }
            hi = slot;
            busy++;
            last = slot;
        }
    }
    double obj = total - ev->w.min_meetings_shortfall * (double)shortfall -
                 ev->w.idle_slot * (double)idle;
    if (ev->w.idle_gap > 0) /* less idle_gap per gap */
        obj -= ev->w.idle_gap * (double)gaps;
    return obj;
}

/* What the schedule states about itself: its objective equals the value
 * recomputed, its bound is not below it, its gap follows from its bound and
 * objective, and its status is "optimal" or "feasible".  Absent (NaN or
 * empty) values are not judged: a hand-written schedule need not state
 * them. */
static void check_stated(chk *k, double obj)
{
    const rs_schedule *s = k->s;
    char b1[64], b2[64];
    if (!isnan(s->objective) && fabs(s->objective - obj) > CHECK_EPS)
        violation(k, -1, "objective: stated %s but the schedule's value is %s",
                  num(s->objective, b1, sizeof b1), num(obj, b2, sizeof b2));
    if (!isnan(s->bound) && s->bound < obj - CHECK_EPS)
        violation(k, -1, "bound: stated %s is below the schedule's objective %s",
                  num(s->bound, b1, sizeof b1), num(obj, b2, sizeof b2));
    if (!isnan(s->bound) && !isnan(s->gap)) {
        /* judged against the stated objective when there is one, so that a
         * wrong objective is reported once, not again through its gap */
        double o = isnan(s->objective) ? obj : s->objective;
        double gap = (s->bound - o) / fmax(1.0, fabs(s->bound));
        if (fabs(s->gap - gap) > CHECK_EPS)
            violation(k, -1, "gap: stated %s but (bound - objective) / max(1, |bound|) is %s",
                      num(s->gap, b1, sizeof b1), num(gap, b2, sizeof b2));
    }
    if (s->status[0] && strcmp(s->status, "optimal") != 0 &&
        strcmp(s->status, "feasible") != 0)
        violation(k, -1, "status: \"%s\" is neither \"optimal\" nor \"feasible\"", s->status);
}

/* Builds each participant's slot-sorted meeting list: the valid meetings
 * are counting-sorted by slot (stable, so by index within a slot), then
 * each seat is appended to its participant's range.  Also counts each
 * participant's distinct meetings.  Linear in seats + slots + people. */
static rs_code build_lists(chk *k)
{
    const rs_event *ev = k->ev;
    const rs_schedule *s = k->s;
    rs_code rc = RS_ENOMEM;
    size_t *slot_first = calloc((size_t)ev->nslots + 2, sizeof(size_t));
    size_t *cursor = NULL;
    int *order = malloc(((size_t)s->nm + 1) * sizeof(int));
    if (!slot_first || !order)
        goto done;
    size_t nvalid = 0;
    for (int i = 0; i < s->nm; i++)
        if (k->valid[i]) {
            slot_first[s->m[i].slot + 1]++;
            nvalid++;
        }
    for (int t = 0; t < ev->nslots; t++)
        slot_first[t + 1] += slot_first[t];
    for (int i = 0; i < s->nm; i++)
        if (k->valid[i])
            order[slot_first[s->m[i].slot]++] = i;
    for (size_t o = 0; o < nvalid; o++) {
        const rs_meeting *m = &s->m[order[o]];
        k->first[m->sme + 1]++;
        for (int j = 0; j < m->ninv; j++)
            k->first[m->inv[j] + 1]++;
    }
    for (int p = 0; p < ev->np; p++)
        k->first[p + 1] += k->first[p];
    k->list = malloc((k->first[ev->np] + 1) * sizeof(int));
    cursor = malloc(((size_t)ev->np + 1) * sizeof(size_t));
    if (!k->list || !cursor)
        goto done;
    memcpy(cursor, k->first, (size_t)ev->np * sizeof(size_t));
    for (size_t o = 0; o < nvalid; o++) {
        int i = order[o];
        const rs_meeting *m = &s->m[i];
        k->list[cursor[m->sme]++] = i;
        for (int j = 0; j < m->ninv; j++)
            k->list[cursor[m->inv[j]]++] = i;
    }
    for (int p = 0; p < ev->np; p++)
        for (size_t e = k->first[p]; e < k->first[p + 1]; e++)
            if (e == k->first[p] || k->list[e] != k->list[e - 1])
                k->count[p]++;
    rc = RS_OK;
done:
    free(slot_first);
    free(order);
    free(cursor);
    return rc;
}

/* Checks the schedule against every hard rule; see roadshow.h.  Rules are
 * checked one after the other, so the diag lists the violations rule by
 * rule, each naming its meeting (or participant) and rule number. */
/* The checks behind rs_check and rs_check_locked.  A subset of a schedule
 * (subset nonzero) is held to the rules every part of a valid schedule
 * keeps: all but rule 7 (a must meeting may lie outside the part) and rule
 * 12 (the meetings left out may fill a gap of the part), and neither its
 * scores nor its stated figures are judged.  label and prefix
 * go to chk (see there). */
static rs_code check_run(const rs_event *ev, const rs_schedule *s, const int *label,
                         const char *prefix, int subset, double *objective, rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    chk k;
    memset(&k, 0, sizeof k);
    k.ev = ev;
    k.s = s;
    k.diag = diag;
    k.label = label;
    k.prefix = prefix;
    k.valid = calloc((size_t)s->nm + 1, 1);
    k.score = calloc((size_t)s->nm + 1, sizeof(double));
    k.first = calloc((size_t)ev->np + 2, sizeof(size_t));
    k.count = calloc((size_t)ev->np + 1, sizeof(int));
    if (!k.valid || !k.score || !k.first || !k.count)
        goto done;
    check_structure(&k);
    if (build_lists(&k) != RS_OK)
        goto done;
    check_rule1(&k);
    if (check_rule2(&k) != RS_OK)
        goto done;
    check_rule3(&k);
    if (check_rule4(&k) != RS_OK || check_peer_repeats(&k) != RS_OK)
        goto done;
    check_rule5(&k);
    check_rule6(&k);
    if (!subset)
        check_rule7(&k);
    check_rule8(&k);
    check_rule9(&k);
    check_rule11(&k);
    if (!subset)
        check_rule12(&k);
    /* rule 10 needs the previous schedule: rs_check_previous */
    if (!subset) {
        check_scores(&k);
        double obj = objective_of(&k);
        if (objective)
            *objective = obj;
        check_stated(&k, obj);
    }
    rc = k.violations ? RS_ECHECK : RS_OK;
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "check: out of memory");
    free(k.valid);
    free(k.score);
    free(k.first);
    free(k.list);
    free(k.count);
    return rc;
}

rs_code rs_check(const rs_event *ev, const rs_schedule *s, double *objective,
                 rs_diag *diag)
{
    return check_run(ev, s, NULL, NULL, 0, objective, diag);
}

/* ============================================================ --previous */

rs_code rs_check_locked(const rs_event *ev, const rs_previous *pv, rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    rs_schedule *part = rs_schedule_new();
    int *label = malloc(((size_t)pv->s->nm + 1) * sizeof(int));
    char prefix[320];
    int n = 0;
    if (!part || !label)
        goto done;
    for (int i = 0; i < pv->s->nm; i++) {
        const rs_meeting *m = &pv->s->m[i];
        if (!m->locked)
            continue;
        if (rs_schedule_add(part, m->slot, m->room, m->sme, m->inv, m->ninv, m->score, 1) != 0)
            goto done;
        label[n++] = pv->pos[i];
    }
    snprintf(prefix, sizeof prefix, "%s: locked ", pv->file);
    rc = check_run(ev, part, label, prefix, 1, NULL, diag);
    if (rc == RS_ECHECK) {
        rs_diag_add(diag, "%s: the locked meetings above cannot all be kept as they are "
                          "(rule 10) without breaking the rules named; unlock them or "
                          "undo the change to the inputs", pv->file);
        rc = RS_EINFEASIBLE;
    }
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "%s: out of memory", pv->file);
    rs_schedule_free(part);
    free(label);
    return rc;
}

/* Whether meetings a and b are the same meeting in the same place: slot,
 * room, SME and investors (both investor lists are sorted). */
static int same_meeting(const rs_meeting *a, const rs_meeting *b)
{
    if (a->slot != b->slot || a->room != b->room || a->sme != b->sme || a->ninv != b->ninv)
        return 0;
    for (int j = 0; j < a->ninv; j++)
        if (a->inv[j] != b->inv[j])
            return 0;
    return 1;
}

rs_code rs_check_previous(const rs_event *ev, const rs_schedule *s, const char *path,
                          rs_diag *diag)
{
    rs_previous *pv = NULL;
    rs_code rc = rs_previous_load(ev, path, &pv, diag);
    if (rc != RS_OK)
        return rc;
    long missing = 0;
    for (int i = 0; i < pv->s->nm; i++) {
        const rs_meeting *m = &pv->s->m[i];
        int found = 0;
        if (!m->locked)
            continue;
        for (int j = 0; j < s->nm && !found; j++)
            found = same_meeting(m, &s->m[j]);
        if (found)
            continue;
        char t[6];
        const rs_slot *sl = &ev->slots[m->slot];
        rs_fmt_time(sl->start, t);
        rs_diag_add(diag, "%s: m%04d (%s %s %s): rule 10: the locked meeting of %s with %s%s "
                          "is not in the schedule as it was", pv->file, pv->pos[i] + 1,
                    ev->days[sl->day].date, t, ev->rooms[m->room].id, ev->p[m->sme].id,
                    m->ninv ? ev->p[m->inv[0]].id : "nobody", m->ninv > 1 ? " and others" : "");
        missing++;
    }
    rs_previous_free(pv);
    return missing ? RS_ECHECK : RS_OK;
}
