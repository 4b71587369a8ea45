/*
 * test_explain.c - the reasons given for unmet requests and shortfalls, and
 * the must-clash report, held against the inputs and the schedule.
 *
 * tests/data/explain/NAME: a small event whose unmet requests and
 * shortfalls are known by hand; "expect" has one line per unmet request
 * ("FROM -> TO: reason substring") or shortfall ("shortfall ID: reason
 * substring"), and nothing else may be unmet.
 *
 * Every reason, in those events and in the Chengdu sample, is then checked
 * to be true by recomputing it here from the inputs and the schedule: the
 * claims about rooms and availability by counting, the claims that a
 * placement breaks a rule or changes the objective by adding the meeting
 * and running the independent checker (rs_check) on the result.
 *
 * tests/data/infeasible/NAME: the clash report names exactly the expected
 * sets of musts ("{...}" lines) and blocking rules ("[...]" lines), and no
 * other set.
 */
#include "testutil.h"

#include "clash.h"

/* Meetings of participant p in s, and whether the pair meets. */
static int meetings_of(const rs_schedule *s, int p)
{
    int n = 0;
    for (int i = 0; i < s->nm; i++)
        for (int k = 0; k < s->m[i].ninv; k++)
            n += s->m[i].sme == p || s->m[i].inv[k] == p;
    return n;
}

static int pair_meets(const rs_schedule *s, int inv, int sme)
{
    for (int i = 0; i < s->nm; i++)
        for (int k = 0; k < s->m[i].ninv; k++)
            if (s->m[i].sme == sme && s->m[i].inv[k] == inv)
                return 1;
    return 0;
}

/* Whether p has a meeting at slot k; whether room r is used at slot k. */
static int busy_at(const rs_schedule *s, int p, int k)
{
    for (int i = 0; i < s->nm; i++) {
        if (s->m[i].slot != k)
            continue;
        if (s->m[i].sme == p)
            return 1;
        for (int j = 0; j < s->m[i].ninv; j++)
            if (s->m[i].inv[j] == p)
                return 1;
    }
    return 0;
}

static int room_used(const rs_schedule *s, int r, int k)
{
    for (int i = 0; i < s->nm; i++)
        if (s->m[i].slot == k && s->m[i].room == r)
            return 1;
    return 0;
}

/* A copy of s with one more meeting: sme with the ninv investors inv at
 * slot k in room r, stating score (NAN: not compared by the checker). */
static rs_schedule *plus_meeting(const rs_event *ev, const rs_schedule *s, int sme,
                                 const int *inv, int ninv, int k, int r, double score)
{
    rs_schedule *t = rs_schedule_new();
    assert_non_null(t);
    for (int i = 0; i < s->nm; i++)
        assert_int_equal(rs_schedule_add(t, s->m[i].slot, s->m[i].room, s->m[i].sme, s->m[i].inv,
                                         s->m[i].ninv, s->m[i].score, 0), 0);
    assert_int_equal(rs_schedule_add(t, k, r, sme, inv, ninv, score, 0), 0);
    rs_schedule_sort(ev, t);
    return t;
}

/* s plus the meeting (inv, sme) at slot k in room r, checked by rs_check:
 * returns its rc; *obj receives the objective, *rule8 / *rule9 whether the
 * checker blamed travel or the consecutive limit. */
static rs_code try_add(const rs_event *ev, const rs_schedule *s, int inv, int sme, int k, int r,
                       double *obj, int *rule8, int *rule9)
{
    rs_schedule *t =
        plus_meeting(ev, s, sme, &inv, 1, k, r, rs_pair_score(ev, inv, sme, NULL, NULL, NULL));
    rs_diag *d = rs_diag_new();
    rs_code rc = rs_check(ev, t, obj, d);
    if (rule8)
        *rule8 = tu_diag_find(d, "rule 8") >= 0;
    if (rule9)
        *rule9 = tu_diag_find(d, "rule 9") >= 0;
    rs_diag_free(d);
    rs_schedule_free(t);
    return rc;
}

/* Whether only the panel's minimum (rule 4) is wrong with s once a new
 * pitch of sme at slot k in room r is added with the ninv investors inv:
 * the checker's word on whether they could join it alone, and (ninv 0)
 * on whether sme's own day allows it. */
static int only_panel_short(const rs_event *ev, const rs_schedule *s, int sme, const int *inv,
                            int ninv, int k, int r)
{
    rs_schedule *t = plus_meeting(ev, s, sme, inv, ninv, k, r, NAN);
    rs_diag *d = rs_diag_new();
    double obj;
    rs_check(ev, t, &obj, d);
    int ok = 1;
    for (size_t i = 0; i < rs_diag_count(d); i++)
        ok &= strstr(rs_diag_message(d, i), "fewer than the minimum of") != NULL;
    rs_diag_free(d);
    rs_schedule_free(t);
    return ok;
}

/* How many of sme's possible investors not yet hearing it could join a
 * new pitch of it at slot k in room r alone (only_panel_short). */
static int joiners_new(const rs_event *ev, const rs_schedule *s, int sme, int except, int k, int r)
{
    int n = 0;
    for (int q = 0; q < ev->ninv; q++)
        n += q != except && rs_pair_index(ev, q, sme) >= 0 && !pair_meets(s, q, sme) &&
             only_panel_short(ev, s, sme, &q, 1, k, r);
    return n;
}

/* Whether a room open at k holds need people; the largest open. */
static int fits_open(const rs_event *ev, int k, int need, int *maxcap)
{
    int fit = 0;
    for (int r = 0; r < ev->nrooms; r++)
        if (ev->rooms[r].avail[k]) {
            if (maxcap && ev->rooms[r].capacity > *maxcap)
                *maxcap = ev->rooms[r].capacity;
            fit |= ev->rooms[r].capacity >= need;
        }
    return fit;
}

/* The slot named "YYYY-MM-DD HH:MM" at text, or -1. */
static int parse_slot(const rs_event *ev, const char *text)
{
    char date[11];
    int h, m;
    if (sscanf(text, "%10s %d:%d", date, &h, &m) != 3)
        return -1;
    return rs_find_slot(ev, date, h * 60 + m);
}

/* s with investor inv added to the panel of meeting mi, checked by
 * rs_check: returns its rc, *obj the objective. */
static rs_code try_join(const rs_event *ev, const rs_schedule *s, int mi, int inv, double *obj)
{
    rs_schedule *t = rs_schedule_new();
    assert_non_null(t);
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        int panel[256], n = 0;
        assert_true(m->ninv < 255);
        for (int j = 0; j < m->ninv; j++)
            panel[n++] = m->inv[j];
        double score = m->score;
        if (i == mi) {
            panel[n++] = inv;
            score += rs_pair_score(ev, inv, m->sme, NULL, NULL, NULL);
        }
        assert_int_equal(rs_schedule_add(t, m->slot, m->room, m->sme, panel, n, score, 0), 0);
    }
    rs_schedule_sort(ev, t);
    rs_code rc = rs_check(ev, t, obj, NULL);
    rs_schedule_free(t);
    return rc;
}

/* The people in the room of meeting m. */
static int people_of(const rs_event *ev, const rs_meeting *m)
{
    int n = ev->p[m->sme].team_size;
    for (int j = 0; j < m->ninv; j++)
        n += ev->p[m->inv[j]].team_size;
    return n;
}

/* The pitches SME sme gives. */
static int pitches_of(const rs_schedule *s, int sme)
{
    int n = 0;
    for (int i = 0; i < s->nm; i++)
        n += s->m[i].sme == sme;
    return n;
}

/* The meeting of SME sme at slot k in room r, or -1. */
static int meeting_at(const rs_schedule *s, int sme, int k, int r)
{
    for (int i = 0; i < s->nm; i++)
        if (s->m[i].sme == sme && s->m[i].slot == k && s->m[i].room == r)
            return i;
    return -1;
}

static int verify_unmet(const rs_event *ev, const rs_schedule *s, const rs_unmet *u);

/* Group format, "SME pitches at SLOT in ROOM (why), ...; tail": each of
 * the SME's pitches is listed once with a true reason why investor inv is
 * not on its panel, and the tail holds (the SME at its maximum, or after
 * "; no new pitch: " a reason checked like any other).  1 when it holds. */
static int verify_pitches(const rs_event *ev, const rs_schedule *s, const rs_unmet *u, int inv,
                          int sme, const char *why)
{
    const rs_participant *a = &ev->p[inv];
    int pair = rs_pair_index(ev, inv, sme), listed = 0, ok = 1;
    const char *p = why + strlen(ev->p[sme].id) + strlen(" pitches");
    while (ok && (strncmp(p, " at ", 4) == 0 || strncmp(p, ", at ", 5) == 0)) {
        p += p[0] == ',' ? 5 : 4;
        int k = parse_slot(ev, p), r = -1;
        const char *in = strstr(p, " in ");
        char room[80], why1[400];
        ok = k >= 0 && in && sscanf(in, " in %79[^ ]", room) == 1;
        r = ok ? rs_find_room(ev, room) : -1;
        const char *open = ok ? strchr(in, '(') : NULL;
        ok = ok && r >= 0 && open;
        int depth = 0;
        const char *q = open;
        for (; ok && *q; q++) {
            depth += *q == '(';
            depth -= *q == ')';
            if (depth == 0)
                break;
        }
        ok = ok && *q == ')' && (size_t)(q - open - 1) < sizeof why1;
        if (!ok)
            break;
        memcpy(why1, open + 1, (size_t)(q - open - 1));
        why1[q - open - 1] = '\0';
        p = q + 1;
        int mi = meeting_at(s, sme, k, r);
        ok = mi >= 0;
        listed++;
        char other[80];
        if (!ok) {
        } else if (strstr(why1, " is away then")) {
            ok = !a->avail[k];
        } else if (strcmp(why1, "outside the request's windows (rule 11)") == 0) {
            ok = pair >= 0 && !rs_pair_slot_ok(ev, pair, k);
        } else if (strstr(why1, " hears the pitch of ") &&
                   sscanf(strstr(why1, " hears the pitch of "), " hears the pitch of %79s",
                          other) == 1) {
            int o = rs_find_participant(ev, other), found = 0;
            for (int i = 0; i < s->nm; i++)
                for (int j = 0; j < s->m[i].ninv; j++)
                    found |= s->m[i].slot == k && s->m[i].sme == o && s->m[i].inv[j] == inv;
            ok = found;
        } else if (strncmp(why1, "the room is full: ", 18) == 0) {
            int n1 = -1, n2 = -1;
            ok = sscanf(why1, "the room is full: %d of %d people", &n1, &n2) == 2 &&
                 n1 == people_of(ev, &s->m[mi]) && n2 == ev->rooms[r].capacity &&
                 n1 + a->team_size > n2;
        } else { /* a rule of inv's day: joining breaks it */
            double obj;
            ok = a->avail[k] && try_join(ev, s, mi, inv, &obj) == RS_ECHECK;
        }
    }
    ok = ok && listed == pitches_of(s, sme) && listed > 0;
    char tail[80];
    int n1 = -1;
    if (ok && sscanf(p, "; %79s is at its maximum of %d pitch", tail, &n1) == 2) {
        ok = strcmp(tail, ev->p[sme].id) == 0 && n1 == ev->p[sme].max_meetings &&
             pitches_of(s, sme) == n1;
    } else if (ok && strncmp(p, "; no new pitch: ", 16) == 0) {
        rs_unmet rest = *u;
        rest.reason = (char *)(p + 16);
        ok = pitches_of(s, sme) < ev->p[sme].max_meetings && verify_unmet(ev, s, &rest) == 0;
    } else {
        ok = 0;
    }
    return ok;
}

/* Group format, "... joining the pitch of SME at SLOT in ROOM would
 * raise|lower the objective by X (...)": joining it changes the checked
 * objective by exactly that, and joining no other pitch of the SME does
 * better.  1 when it holds. */
static int verify_join(const rs_event *ev, const rs_schedule *s, int inv, int sme,
                       const char *why)
{
    const char *p = strstr(why, "joining the pitch of ");
    char who[80], room[80], verb[16];
    double by = 0, base = 0, obj = 0;
    if (!p || sscanf(p, "joining the pitch of %79s at", who) != 1 ||
        rs_find_participant(ev, who) != sme)
        return 0;
    p = strstr(p, " at ");
    int k = p ? parse_slot(ev, p + 4) : -1;
    const char *in = p ? strstr(p + 4, " in ") : NULL;
    if (k < 0 || !in || sscanf(in, " in %79s would %15s the objective by %lf", room, verb, &by) != 3)
        return 0;
    int mi = meeting_at(s, sme, k, rs_find_room(ev, room));
    int raise = strcmp(verb, "raise") == 0;
    if (mi < 0 || raise != (why[0] == 'n') || rs_check(ev, s, &base, NULL) != RS_OK ||
        try_join(ev, s, mi, inv, &obj) != RS_OK || fabs((obj - base) - (raise ? by : -by)) > 1e-9)
        return 0;
    for (int i = 0; i < s->nm; i++) {
        double o2;
        if (s->m[i].sme == sme && i != mi && try_join(ev, s, i, inv, &o2) == RS_OK &&
            o2 > obj + 1e-9)
            return 0;
    }
    return 1;
}

/* Checks that the reason given for the unmet request u is true.  Returns
 * the number of failures (printed). */
static int verify_unmet(const rs_event *ev, const rs_schedule *s, const rs_unmet *u)
{
    int inv = ev->p[u->from].is_investor ? u->from : u->to;
    int sme = inv == u->from ? u->to : u->from;
    const rs_participant *a = &ev->p[inv], *b = &ev->p[sme];
    const char *why = u->reason;
    int need = a->team_size + b->team_size, ok = 1;
    if (ev->format == RS_FORMAT_GROUP && ev->group_min_investors > 1)
        need += ev->group_min_investors - 1; /* a new pitch: the rest of a panel */
    double base = NAN, score = rs_pair_score(ev, inv, sme, NULL, NULL, NULL);
    char x[80], y[80];
    int n1, n2;
    double v1;
    if (pair_meets(s, inv, sme)) {
        print_error("%s -> %s is listed as unmet but meets\n", ev->p[u->from].id,
                    ev->p[u->to].id);
        return 1;
    }
    if (sscanf(why, "avoided by %79s (conflict of interest: its avoid list names %79[^)])", x,
               y) == 2) {
        int p = rs_find_participant(ev, x), q = rs_find_participant(ev, y), found = 0;
        ok = p >= 0 && q >= 0 && ((p == inv && q == sme) || (p == sme && q == inv));
        for (int k = 0; ok && k < ev->p[p].navoid; k++)
            found |= ev->p[p].avoid[k] == q;
        ok = ok && found;
    } else if (strstr(why, "are never available at the same time")) {
        for (int k = 0; k < ev->nslots; k++)
            ok &= !(a->avail[k] && b->avail[k]);
    } else if (sscanf(why, "no common free slot: no room is open in any of the %d", &n1) == 1) {
        int common = 0;
        for (int k = 0; k < ev->nslots; k++)
            if (a->avail[k] && b->avail[k]) {
                common++;
                for (int r = 0; r < ev->nrooms; r++)
                    ok &= !ev->rooms[r].avail[k];
            }
        ok &= common == n1;
    } else if (sscanf(why, "every room free in their common slots is too small for %d people "
                           "(the largest holds %d)", &n1, &n2) == 2) {
        int maxcap = 0;
        for (int k = 0; k < ev->nslots; k++)
            if (a->avail[k] && b->avail[k])
                ok &= !fits_open(ev, k, need, &maxcap);
        ok &= n1 == need && n2 == maxcap && maxcap < need;
    } else if (sscanf(why, "no room free in their common slots: every room that holds %d people "
                           "is taken by other meetings in all %d", &n1, &n2) == 2) {
        int slots = 0;
        for (int k = 0; k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k] || !fits_open(ev, k, need, NULL))
                continue;
            slots++;
            for (int r = 0; r < ev->nrooms; r++)
                if (ev->rooms[r].avail[k] && ev->rooms[r].capacity >= need)
                    ok &= room_used(s, r, k);
        }
        ok &= n1 == need && n2 == slots;
    } else if (sscanf(why, "%79s is at its maximum of %d meeting", x, &n1) == 2) {
        /* one or both sides, each with how its meetings score */
        const char *part = why;
        while (part && ok) {
            if (sscanf(part, "%79s is at its maximum of %d meeting", x, &n1) != 2) {
                ok = 0;
                break;
            }
            int p = rs_find_participant(ev, x);
            ok &= (p == inv || p == sme) && meetings_of(s, p) == n1 && ev->p[p].max_meetings == n1;
            int higher = 0, at_least = 0, n = 0;
            for (int i = 0; ok && i < s->nm; i++)
                for (int k = 0; k < s->m[i].ninv; k++)
                    if (s->m[i].sme == p || s->m[i].inv[k] == p) {
                        double sc = rs_pair_score(ev, s->m[i].inv[k], s->m[i].sme, NULL, NULL,
                                                  NULL);
                        n++;
                        higher += sc > score;
                        at_least += sc >= score;
                    }
            const char *of = strstr(part, ", of which ");
            const char *semi = strchr(part, ';');
            if (of && (!semi || of < semi))
                ok &= sscanf(of, ", of which %d score at least as much as this pair's %lf", &n2,
                             &v1) == 2 && n2 == at_least && v1 == score;
            else
                ok &= strstr(part, ", all with higher-scoring") != NULL && higher == n;
            part = semi ? semi + 2 : NULL;
        }
    } else if (sscanf(why, "in each of the %d common slot", &n1) == 1) {
        int slots = 0, bi = 0, bs = 0;
        for (int k = 0; k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k])
                continue;
            int free_room = 0;
            for (int r = 0; r < ev->nrooms; r++)
                free_room |= ev->rooms[r].avail[k] && ev->rooms[r].capacity >= need &&
                             !room_used(s, r, k);
            if (!free_room)
                continue;
            slots++;
            bi += busy_at(s, inv, k);
            bs += busy_at(s, sme, k);
            ok &= busy_at(s, inv, k) || busy_at(s, sme, k);
        }
        char want[160];
        snprintf(want, sizeof want, "(%s in %d, %s in %d)", a->id, bi, b->id, bs);
        ok &= slots == n1 && strstr(why, want) != NULL;
    } else if (strncmp(why, "both were free at ", 18) == 0) {
        int k0 = parse_slot(ev, why + 18), r0 = -1;
        const char *rp = strstr(why, " with room ");
        if (rp && sscanf(rp, " with room %79s", x) == 1)
            r0 = rs_find_room(ev, x);
        ok = k0 >= 0 && r0 >= 0;
        /* every free place breaks a rule once the meeting is added */
        for (int k = 0; ok && k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k] || busy_at(s, inv, k) || busy_at(s, sme, k))
                continue;
            for (int r = 0; r < ev->nrooms; r++) {
                if (!ev->rooms[r].avail[k] || ev->rooms[r].capacity < need || room_used(s, r, k))
                    continue;
                double obj;
                int r8 = 0, r9 = 0;
                ok &= try_add(ev, s, inv, sme, k, r, &obj, &r8, &r9) == RS_ECHECK;
                if (k == k0 && r == r0)
                    ok &= strstr(why, "in a row") ? r9 : strstr(why, "travel") ? r8 : 0;
            }
        }
    } else if (strstr(why, "left out to keep a higher total score: dropping it gains ") == why ||
               strstr(why, "not found by the search: adding it would raise the objective by ") ==
                   why) {
        int raise = why[0] == 'n';
        const char *num = strstr(why, raise ? "by " : "gains ") + (raise ? 3 : 6);
        double gain = strtod(num, NULL);
        const char *at = strstr(why, raise ? "(at " : "free place, ");
        ok = at != NULL;
        int k0 = ok ? parse_slot(ev, at + (raise ? 4 : 12)) : -1;
        const char *in = ok ? strstr(at, " in ") : NULL;
        int r0 = in && sscanf(in, " in %79[^,]", x) == 1 ? rs_find_room(ev, x) : -1;
        ok = k0 >= 0 && r0 >= 0;
        assert_int_equal(rs_check(ev, s, &base, NULL), RS_OK);
        double best = -INFINITY, obj;
        if (ok && try_add(ev, s, inv, sme, k0, r0, &obj, NULL, NULL) == RS_OK)
            best = obj - base;
        else
            ok = 0;
        ok &= fabs(best - (raise ? gain : -gain)) < 1e-9;
        /* and no other place does better */
        for (int k = 0; ok && k < ev->nslots; k++) {
            if (!a->avail[k] || !b->avail[k] || busy_at(s, inv, k) || busy_at(s, sme, k))
                continue;
            for (int r = 0; r < ev->nrooms; r++)
                if (ev->rooms[r].avail[k] && ev->rooms[r].capacity >= need &&
                    !room_used(s, r, k) &&
                    try_add(ev, s, inv, sme, k, r, &obj, NULL, NULL) == RS_OK)
                    ok &= obj - base <= best + 1e-9;
        }
    } else if (ev->format == RS_FORMAT_GROUP &&
               (strncmp(why, "not found by the search: joining the pitch of ", 46) == 0 ||
                strncmp(why, "left out to keep a higher total score: joining the pitch of ",
                        60) == 0)) {
        ok = verify_join(ev, s, inv, sme, why);
    } else if (ev->format == RS_FORMAT_GROUP && strncmp(why, b->id, strlen(b->id)) == 0 &&
               strncmp(why + strlen(b->id), " pitches at ", 12) == 0) {
        ok = verify_pitches(ev, s, u, inv, sme, why);
    } else if (ev->format == RS_FORMAT_GROUP && (strncmp(why, "no panel: at ", 13) == 0 ||
                                                 strncmp(why, "left out by the search: at ", 27) == 0)) {
        /* both free with the room free at that slot; the SME's other
         * possible investors free then counted as the reason counts them */
        int few = why[0] == 'n', k0 = parse_slot(ev, why + (few ? 13 : 27)), r0 = -1, m = -1;
        const char *rp = strstr(why, " with room ");
        if (rp && sscanf(rp, " with room %79s", x) == 1)
            r0 = rs_find_room(ev, x);
        const char *mp = strstr(why, few ? "at most " : "up to ");
        if (mp)
            m = atoi(mp + (few ? 8 : 6));
        ok = k0 >= 0 && r0 >= 0 && m >= 0 && a->avail[k0] && b->avail[k0] &&
             !busy_at(s, inv, k0) && !busy_at(s, sme, k0) && ev->rooms[r0].avail[k0] &&
             !room_used(s, r0, k0);
        int others = ok ? joiners_new(ev, s, sme, inv, k0, r0) : -1;
        ok = ok && others == m && (others < ev->group_min_investors - 1) == few;
    } else {
        ok = 0; /* a reason of no known form cannot be checked */
    }
    if (!ok)
        print_error("reason for %s -> %s does not hold: %s\n", ev->p[u->from].id,
                    ev->p[u->to].id, why);
    return !ok;
}

/* A group SME's shortfall, "; a new pitch ...": where a new pitch of
 * sme could gather the most investors (each could join it alone, as
 * the checker says), that no investor could join one anywhere, or that
 * its own day allows none where a room free holds its team and a panel's
 * minimum.  1 when it holds. */
static int verify_panel_place(const rs_event *ev, const rs_schedule *s, int sme, const char *np)
{
    int g = ev->group_min_investors, least = ev->p[sme].team_size + g, n1 = -1, n2 = -1;
    int best = -1, at = -1, k0 = -1, r0 = -1, none = 0;
    char room[80];
    const char *slot = NULL;
    if (sscanf(np, "; a new pitch: at no slot it could take is a room free that holds %d", &n1) ==
        1) {
        n1 -= least; /* 0 when the count is right */
    } else if (sscanf(np, "; a new pitch needs group_min_investors %d of them and at most %d",
                      &n1, &n2) == 2) {
        slot = strstr(np, "anywhere (at ");
        slot = slot ? slot + 13 : NULL;
        n1 -= g;
    } else if (sscanf(np, "; a new pitch needs group_min_investors %d of them and none could", &n1) ==
                   1 &&
               strstr(np, "and none could join one in any free room at a slot it could take")) {
        n1 -= g;
        none = 1;
    } else if (sscanf(np, "; a new pitch could take up to %d of them (group_min_investors %d)",
                      &n2, &n1) == 2) {
        slot = strstr(np, ") at ");
        slot = slot ? slot + 5 : NULL;
        n1 -= g;
    } else {
        return 0;
    }
    if (slot) {
        k0 = parse_slot(ev, slot);
        const char *in = strstr(slot, " in ");
        r0 = in && sscanf(in, " in %79[^,)]", room) == 1 ? rs_find_room(ev, room) : -1;
        if (k0 < 0 || r0 < 0)
            return 0;
    }
    for (int k = 0; k < ev->nslots; k++)
        for (int r = 0; r < ev->nrooms; r++) {
            if (!ev->rooms[r].avail[k] || room_used(s, r, k) || ev->rooms[r].capacity < least ||
                !only_panel_short(ev, s, sme, NULL, 0, k, r))
                continue;
            int n = joiners_new(ev, s, sme, -1, k, r);
            if (n > best)
                best = n;
            if (k == k0 && r == r0)
                at = n;
        }
    if (none) /* places, none of them with a joiner */
        return n1 == 0 && best == 0;
    if (!slot) /* nowhere */
        return n1 == 0 && best < 0;
    return n1 == 0 && best == n2 && at == n2 && (n2 < g) == (strstr(np, "at most") != NULL);
}

/* Checks a shortfall's counts and the reason's numbers. */
static int verify_shortfall(const rs_event *ev, const rs_schedule *s, const rs_shortfall *f)
{
    int p = f->participant, n1, n2, ok;
    const rs_participant *a = &ev->p[p];
    int cands = 0;
    for (int q = a->is_investor ? ev->ninv : 0; q < (a->is_investor ? ev->np : ev->ninv); q++)
        cands += rs_pair_index(ev, a->is_investor ? p : q, a->is_investor ? q : p) >= 0;
    ok = f->meetings == meetings_of(s, p) && f->minimum == a->min_meetings &&
         f->meetings < f->minimum && f->reason;
    if (ok && sscanf(f->reason, "only %d", &n1) == 1)
        /* fewer candidates than the minimum, or in group format than a
         * panel needs (then the SME can never pitch) */
        ok = n1 == cands &&
             (cands < a->min_meetings ||
              (ev->format == RS_FORMAT_GROUP && !a->is_investor &&
               cands < ev->group_min_investors && f->meetings == 0 &&
               strstr(f->reason, "group_min_investors") != NULL));
    else if (ok && sscanf(f->reason, "its availability (%d slot", &n1) == 1)
        ok = n1 == a->navail &&
             sscanf(strstr(f->reason, "at most "), "at most %d", &n2) == 1 &&
             n2 == rs_participant_capacity(ev, p) && n2 < a->min_meetings;
    else if (ok && sscanf(f->reason, "of the %d %*s it may meet, %d meet it", &n1, &n2) == 2) {
        ok = n1 == cands && n2 == f->meetings;
        int group_sme = ev->format == RS_FORMAT_GROUP && !a->is_investor &&
                        f->meetings < a->max_meetings;
        const char *np = strstr(f->reason, "; a new pitch");
        ok = ok && (np != NULL) == group_sme && (!np || verify_panel_place(ev, s, p, np));
    }
    else
        ok = 0;
    if (!ok)
        print_error("shortfall of %s does not hold: %s\n", a->id, f->reason ? f->reason : "-");
    return !ok;
}

/* Every request is either met or listed once; every participant below
 * its minimum is listed; every reason holds. */
static void verify_all(const rs_event *ev, const rs_schedule *s)
{
    int unmet = 0, fails = 0, below = 0;
    for (int p = 0; p < ev->np; p++) {
        const rs_participant *a = &ev->p[p];
        for (int k = 0; k < a->nreq; k++) {
            int q = a->req[k].other;
            unmet += !pair_meets(s, a->is_investor ? p : q, a->is_investor ? q : p);
        }
        below += meetings_of(s, p) < a->min_meetings;
    }
    assert_int_equal(s->nunmet, unmet);
    assert_int_equal(s->nshort, below);
    for (int i = 0; i < s->nunmet; i++)
        fails += verify_unmet(ev, s, &s->unmet[i]);
    for (int i = 0; i < s->nshort; i++)
        fails += verify_shortfall(ev, s, &s->short_[i]);
    assert_int_equal(fails, 0);
}

static void test_explain_case(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    rs_schedule *s = tu_solve_ok(ev, RS_STRATEGY_AUTO);
    char *path = tu_path(dir, "expect");
    char *text = tu_read_file(path, NULL);
    assert_non_null(text);
    int lines = 0, shorts = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char who[80], other[80];
        int found = 0;
        const char *colon = strstr(line, ": ");
        assert_non_null(colon);
        if (sscanf(line, "shortfall %79[^:]", who) == 1) {
            shorts++;
            for (int i = 0; i < s->nshort; i++)
                found |= strcmp(ev->p[s->short_[i].participant].id, who) == 0 &&
                         strstr(s->short_[i].reason, colon + 2) != NULL;
        } else {
            assert_int_equal(sscanf(line, "%79s -> %79[^:]", who, other), 2);
            lines++;
            for (int i = 0; i < s->nunmet; i++)
                found |= strcmp(ev->p[s->unmet[i].from].id, who) == 0 &&
                         strcmp(ev->p[s->unmet[i].to].id, other) == 0 &&
                         strstr(s->unmet[i].reason, colon + 2) != NULL;
        }
        if (!found) {
            print_error("expected: %s\n", line);
            for (int i = 0; i < s->nunmet; i++)
                print_error("  got %s -> %s: %s\n", ev->p[s->unmet[i].from].id,
                            ev->p[s->unmet[i].to].id, s->unmet[i].reason);
            for (int i = 0; i < s->nshort; i++)
                print_error("  got shortfall %s: %s\n", ev->p[s->short_[i].participant].id,
                            s->short_[i].reason);
        }
        assert_true(found);
    }
    assert_int_equal(s->nunmet, lines);
    assert_int_equal(s->nshort, shorts);
    verify_all(ev, s);
    free(text);
    free(path);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* ev scheduled quietly within seconds (it must succeed). */
static rs_schedule *solved_for(const rs_event *ev, double seconds)
{
    rs_options o;
    rs_options_init(&o);
    o.quiet = 1;
    o.time_limit = seconds;
    return tu_solve_with_ok(ev, &o);
}

/* The Chengdu sample, scheduled for 5 seconds: every reason holds. */
static void test_chengdu_reasons(void **state)
{
    (void)state;
    rs_event *ev = tu_load_ok("inputs/chengdu-2023");
    rs_schedule *s = solved_for(ev, 5);
    assert_true(s->nunmet > 0); /* the sample has more requests than room */
    verify_all(ev, s);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* The same for the bundled pitch day (group format): its unmet requests
 * are told by the SME's pitches (who was away, on another panel, in a
 * full room) or by what joining one would change, and each holds. */
static void test_pitch_day_reasons(void **state)
{
    (void)state;
    rs_event *ev = tu_load_ok("inputs/chengdu-2023-pitch-day");
    rs_schedule *s = solved_for(ev, 3);
    assert_true(s->nunmet > 0);
    int pitches = 0;
    for (int i = 0; i < s->nunmet; i++)
        pitches += strstr(s->unmet[i].reason, " pitches at ") != NULL;
    assert_true(pitches > 0); /* the form this test is for */
    verify_all(ev, s);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* The clash report names exactly the expected sets and rules. */
static void test_clash_case(void **state)
{
    const char *dir = *state;
    rs_event *ev = tu_load_ok(dir);
    rs_diag *d = rs_diag_new();
    rs_clash_list list;
    assert_int_equal(rs_clash_check(ev, 20, d, &list), RS_EINFEASIBLE);
    char *path = tu_path(dir, "expect");
    char *text = tu_read_file(path, NULL);
    assert_non_null(text);
    int sets = 0, lines = 0;
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        sets += line[0] == '{';
        if (tu_diag_find(d, line) < 0) {
            print_error("missing: %s\n", line);
            tu_diag_print(d, "  diag: ");
        }
        assert_true(tu_diag_find(d, line) >= 0);
    }
    for (size_t i = 0; i < rs_diag_count(d); i++)
        lines += strstr(rs_diag_message(d, i), "clash: {") != NULL;
    assert_int_equal(lines, sets);
    assert_int_equal(list.n, sets);
    assert_true(list.complete);
    for (int i = 0; i < list.n; i++) {
        assert_true(list.c[i].irreducible);
        /* the structured list says what the line says */
        char want[256] = "[";
        strncat(want, list.c[i].rules, sizeof want - 3);
        strcat(want, "]");
        assert_true(tu_diag_find(d, want) >= 0);
    }
    rs_clash_list_free(&list);
    free(text);
    free(path);
    rs_diag_free(d);
    rs_event_free(ev);
}

/* With no time at all nothing that needs GLPK is claimed, and the list
 * says the search did not finish; a forbidden must needs no solve. */
static void test_clash_budget(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "infeasible/too-many-musts");
    rs_event *ev = tu_load_ok(dir);
    rs_diag *d = rs_diag_new();
    rs_clash_list list;
    assert_int_equal(rs_clash_check(ev, 0, d, &list), RS_OK);
    assert_int_equal(list.n, 0);
    assert_int_equal(rs_diag_count(d), 0);
    assert_false(list.complete);
    rs_clash_list_free(&list);
    rs_diag_free(d);
    rs_event_free(ev);
    free(dir);

    dir = tu_path(tu_data_dir(), "infeasible/must-avoided");
    ev = tu_load_ok(dir);
    d = rs_diag_new();
    assert_int_equal(rs_clash_check(ev, 0, d, NULL), RS_EINFEASIBLE);
    assert_true(tu_diag_find(d, "{sme-1 -> inv-a} cannot be met even alone") >= 0);
    rs_diag_free(d);
    rs_event_free(ev);
    free(dir);
}

/* A feasible event with musts: no clash, nothing in the diag. */
static void test_clash_none(void **state)
{
    (void)state;
    char *dir = tu_path(tu_data_dir(), "explain/consecutive");
    rs_event *ev = tu_load_ok(dir);
    rs_diag *d = rs_diag_new();
    rs_clash_list list;
    assert_int_equal(rs_clash_check(ev, 20, d, &list), RS_OK);
    assert_int_equal(list.n, 0);
    assert_true(list.complete);
    assert_int_equal(rs_diag_count(d), 0);
    rs_clash_list_free(&list);
    rs_diag_free(d);
    rs_event_free(ev);
    free(dir);
}

int main(void)
{
    int fail = tu_run_folder_tests("explained decisions (tests/data/explain)", "explain",
                                   test_explain_case, 10);
    fail |= tu_run_folder_tests("must clashes (tests/data/infeasible)", "infeasible",
                                test_clash_case, 6);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clash_budget),
        cmocka_unit_test(test_clash_none),
        cmocka_unit_test(test_chengdu_reasons),
        cmocka_unit_test(test_pitch_day_reasons),
    };
    fail |= cmocka_run_group_tests_name("explain", tests, NULL, NULL);
    rs_cleanup();
    return fail;
}
