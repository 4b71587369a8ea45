/*
 * diff.c - what changed between two schedules of one event (`roadshow
 * diff`): meetings added, dropped, moved and kept, per participant.
 *
 * A schedule.json names everything by id, so two files can be compared
 * without the event folder; given the event, ids, rooms and slots are also
 * checked against it and the report shows participants' names.
 *
 * Meeting identity.  A meeting belongs to its SME; the meetings of one SME
 * in the old and the new file are paired in three passes, each in the
 * files' order (date, start, room, then investors):
 *   1. same investors, same date, start, end and room: kept;
 *   2. same investors, another date, time or room: moved (in one-to-one
 *      format a pair meets at most once, so the SME and its investor name
 *      the meeting);
 *   3. group pitches only: the pair of remaining pitches sharing the most
 *      investors, repeatedly (ties to the earliest old, then new): changed
 *      (the panel differs, and the pitch may have moved too).
 * What stays unpaired is dropped (old) or added (new).  Scores, "locked"
 * and reasons are not compared.
 *
 * Per participant the change is told from its side: an investor who left a
 * changed pitch sees it dropped, one who joined sees it added.
 */
#define _POSIX_C_SOURCE 200809L
#include "json_in.h"
#include "workflow.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CH_KEPT = 0, CH_ADDED, CH_DROPPED, CH_MOVED, CH_CHANGED, CH_KINDS };
static const char *const KIND_NAME[CH_KINDS] = {"kept", "added", "dropped", "moved",
                                                "changed"};

/* One meeting as a schedule file states it. */
typedef struct {
    char *id;        /* the meeting's "id", or NULL                         */
    char date[11];
    int start, end;  /* minutes after midnight                              */
    char *room, *venue; /* venue may be NULL                                */
    char *sme;
    char **inv;      /* investor ids, sorted                                */
    int ninv;
} dmeet;

typedef struct {
    dmeet *m;
    int n;
} dfile;

/* A paired (or unpaired) meeting: old and/or new side. */
typedef struct {
    int kind;        /* CH_*                                                */
    const dmeet *o, *n;
} change;

/* One participant's view: entries point into the change list. */
typedef struct {
    const char *id;
    int kept;
    int *entry;      /* indices into rs_diff.ch                             */
    int *kind;       /* the change as this participant sees it              */
    int nentry;
} pview;

struct rs_diff {
    const rs_event *ev; /* may be NULL: names come from it                  */
    dfile old, new_;
    change *ch;         /* every pairing, kept ones too, sorted             */
    int nch;
    pview *pv;          /* participants with a change, sorted by id         */
    int npv;
    rs_diff_counts counts;
};

/* ---------------------------------------------------------------- reading */

static void dmeet_free(dmeet *m)
{
    free(m->id);
    free(m->room);
    free(m->venue);
    free(m->sme);
    for (int k = 0; k < m->ninv; k++)
        free(m->inv[k]);
    free(m->inv);
}

static void dfile_free(dfile *f)
{
    for (int i = 0; i < f->n; i++)
        dmeet_free(&f->m[i]);
    free(f->m);
    f->m = NULL;
    f->n = 0;
}

/* Whether s follows the contract's id alphabet (as rs_jin_id checks it). */
static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || s[0] == '.')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
            return 0;
    return 1;
}

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Checks an id read at the current path against the event, when there is
 * one: it must name a participant of the wanted side. */
static void check_party(rs_jin *c, const rs_event *ev, const char *id, int want_investor)
{
    if (!ev)
        return;
    int p = rs_find_participant(ev, id);
    if (p < 0)
        rs_jin_err(c, "unknown %s \"%s\"", want_investor ? "investor" : "SME", id);
    else if (!ev->p[p].is_investor != !want_investor)
        rs_jin_err(c, "\"%s\" is %s, not %s", id, want_investor ? "an SME" : "an investor",
                   want_investor ? "an investor" : "an SME");
}

/* Reads the "investors" array of a meeting into m (ids sorted).  Returns 0,
 * or -1 when out of memory; problems are reported at investors[k]. */
static int read_investors(rs_jin *c, const rs_event *ev, const cJSON *arr, dmeet *m)
{
    int size = cJSON_GetArraySize(arr), k = 0;
    size_t mark = rs_jin_key(c, "investors");
    m->inv = calloc((size_t)size + 1, sizeof(char *));
    if (!m->inv)
        return -1;
    if (size == 0)
        rs_jin_err(c, "a meeting needs at least one investor");
    for (const cJSON *e = arr->child; e; e = e->next, k++) {
        size_t mk = rs_jin_idx(c, k);
        if (!cJSON_IsString(e) || !e->valuestring || !valid_id(e->valuestring)) {
            rs_jin_err(c, "expected an investor id");
        } else {
            int dup = 0;
            for (int j = 0; j < m->ninv; j++)
                dup |= strcmp(m->inv[j], e->valuestring) == 0;
            if (dup) {
                rs_jin_err(c, "\"%s\" is listed twice", e->valuestring);
            } else {
                check_party(c, ev, e->valuestring, 1);
                if (!(m->inv[m->ninv] = rs_strdup(e->valuestring))) {
                    rs_jin_pop(c, mk);
                    rs_jin_pop(c, mark);
                    return -1;
                }
                m->ninv++;
            }
        }
        rs_jin_pop(c, mk);
    }
    rs_jin_pop(c, mark);
    qsort(m->inv, (size_t)m->ninv, sizeof(char *), cmp_strp);
    return 0;
}

/* Reads one meeting at the current path; every problem is reported.
 * Returns 0, or -1 when out of memory.  *ok is 1 when m is complete. */
static int read_meeting(rs_jin *c, const rs_event *ev, const cJSON *mj, dmeet *m, int *ok)
{
    int before = c->errors;
    *ok = 0;
    memset(m, 0, sizeof *m);
    if (!rs_jin_expect_object(c, mj, "a meeting"))
        return 0;
    const char *date = rs_jin_date(c, mj, "date", 1);
    m->start = rs_jin_time(c, mj, "start", 1);
    m->end = rs_jin_time(c, mj, "end", 1);
    const char *room = rs_jin_id(c, mj, "room", 1);
    const char *venue = rs_jin_id(c, mj, "venue", 0);
    const char *sme = rs_jin_id(c, mj, "sme", 1);
    const char *id = rs_jin_string(c, mj, "id", 0, 64);
    const cJSON *arr = rs_jin_array(c, mj, "investors", 1);
    if (m->start >= 0 && m->end >= 0 && m->end <= m->start) {
        size_t mk = rs_jin_key(c, "end");
        rs_jin_err(c, "the meeting ends before it starts");
        rs_jin_pop(c, mk);
    }
    if (ev && date && m->start >= 0) {
        int k = rs_find_slot(ev, date, m->start);
        char t[6];
        rs_fmt_time(m->start, t);
        size_t mk = rs_jin_key(c, "start");
        if (k < 0)
            rs_jin_err(c, "%s on %s is not the start of a slot of the event", t, date);
        else if (m->end >= 0 && ev->slots[k].end != m->end)
            rs_jin_err(c, "the slot starting %s ends at another time", t);
        rs_jin_pop(c, mk);
    }
    if (ev && room && rs_find_room(ev, room) < 0) {
        size_t mk = rs_jin_key(c, "room");
        rs_jin_err(c, "unknown room \"%s\"", room);
        rs_jin_pop(c, mk);
    }
    if (sme) {
        size_t mk = rs_jin_key(c, "sme");
        check_party(c, ev, sme, 0);
        rs_jin_pop(c, mk);
    }
    if (date)
        snprintf(m->date, sizeof m->date, "%s", date);
    if ((room && !(m->room = rs_strdup(room))) || (venue && !(m->venue = rs_strdup(venue))) ||
        (sme && !(m->sme = rs_strdup(sme))) || (id && !(m->id = rs_strdup(id))))
        return -1;
    if (arr && read_investors(c, ev, arr, m) != 0)
        return -1;
    *ok = c->errors == before && date && room && sme && arr && m->start >= 0 && m->end >= 0;
    return 0;
}

/* Date, start, room, SME, then investors: the order meetings are listed
 * in (the contract's, made total). */
static int cmp_dmeet(const dmeet *x, const dmeet *y)
{
    int c = strcmp(x->date, y->date);
    if (c)
        return c;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if ((c = strcmp(x->room, y->room)) != 0)
        return c;
    if ((c = strcmp(x->sme, y->sme)) != 0)
        return c;
    for (int k = 0; k < x->ninv && k < y->ninv; k++)
        if ((c = strcmp(x->inv[k], y->inv[k])) != 0)
            return c;
    if (x->ninv != y->ninv)
        return x->ninv < y->ninv ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

static int cmp_dmeet_q(const void *a, const void *b)
{
    return cmp_dmeet(a, b);
}

/* Reads a schedule file strictly: the file's own problems are reported as
 * "PATH: JSON.PATH: message" with the path as given, since both files of a
 * diff are usually called schedule.json.  Meetings come back sorted. */
static rs_code read_file(const char *path, const rs_event *ev, dfile *f, rs_diag *diag)
{
    rs_code rc = RS_EINPUT;
    int io_error = 0;
    rs_jin c;
    rs_jin_init(&c, path, diag);
    cJSON *root = rs_jin_parse_file(&c, path, &io_error);
    if (!root) {
        rc = io_error ? RS_EIO : RS_EINPUT;
        goto done;
    }
    if (!rs_jin_expect_object(&c, root, "a schedule"))
        goto done;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "format_version");
    if (v && !(cJSON_IsNumber(v) && v->valuedouble == 1.0)) {
        size_t mk = rs_jin_key(&c, "format_version");
        rs_jin_err(&c, "unsupported format version (this roadshow reads version 1)");
        rs_jin_pop(&c, mk);
    }
    const cJSON *ms = rs_jin_array(&c, root, "meetings", 1);
    if (ms) {
        int size = cJSON_GetArraySize(ms), i = 0;
        f->m = calloc((size_t)size + 1, sizeof(dmeet));
        if (!f->m) {
            rc = RS_ENOMEM;
            goto done;
        }
        size_t mark = rs_jin_key(&c, "meetings");
        for (const cJSON *e = ms->child; e; e = e->next, i++) {
            size_t mi = rs_jin_idx(&c, i);
            int ok;
            int r = read_meeting(&c, ev, e, &f->m[f->n], &ok);
            rs_jin_pop(&c, mi);
            if (r != 0 || !ok)
                dmeet_free(&f->m[f->n]);
            if (r != 0) {
                rs_diag_add(diag, "%s: out of memory", path);
                rc = RS_ENOMEM;
                goto done;
            }
            if (ok)
                f->n++;
        }
        rs_jin_pop(&c, mark);
        qsort(f->m, (size_t)f->n, sizeof(dmeet), cmp_dmeet_q);
    }
    if (c.errors == 0)
        rc = RS_OK;
done:
    cJSON_Delete(root);
    return rc;
}

/* --------------------------------------------------------------- pairing */

static int same_investors(const dmeet *a, const dmeet *b)
{
    if (a->ninv != b->ninv)
        return 0;
    for (int k = 0; k < a->ninv; k++)
        if (strcmp(a->inv[k], b->inv[k]) != 0)
            return 0;
    return 1;
}

static int same_place(const dmeet *a, const dmeet *b)
{
    return strcmp(a->date, b->date) == 0 && a->start == b->start && a->end == b->end &&
           strcmp(a->room, b->room) == 0;
}

/* Investors two meetings share (both lists are sorted). */
static int overlap(const dmeet *a, const dmeet *b)
{
    int i = 0, j = 0, n = 0;
    while (i < a->ninv && j < b->ninv) {
        int c = strcmp(a->inv[i], b->inv[j]);
        if (c == 0) {
            n++;
            i++;
            j++;
        } else if (c < 0) {
            i++;
        } else {
            j++;
        }
    }
    return n;
}

static int cmp_meet_ptr(const void *a, const void *b)
{
    const dmeet *x = *(const dmeet *const *)a, *y = *(const dmeet *const *)b;
    int c = strcmp(x->sme, y->sme);
    return c ? c : cmp_dmeet(x, y);
}

/* The meeting a change is listed under: the old one when there is one. */
static const dmeet *anchor(const change *c)
{
    return c->o ? c->o : c->n;
}

static int cmp_change(const void *a, const void *b)
{
    const change *x = a, *y = b;
    int c = cmp_dmeet(anchor(x), anchor(y));
    if (c)
        return c;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->n && y->n)
        return cmp_dmeet(x->n, y->n);
    return 0;
}

/* Pairs the meetings of one SME: o[0..no) old, n[0..nn) new, both sorted;
 * appends to ch (room for no + nn entries) per the passes of the header. */
static void pair_sme(const dmeet **o, int no, const dmeet **n, int nn, change *ch, int *nch,
                     unsigned char *used_o, unsigned char *used_n)
{
    memset(used_o, 0, (size_t)no);
    memset(used_n, 0, (size_t)nn);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < no; i++)
            for (int j = 0; !used_o[i] && j < nn; j++) {
                if (used_n[j] || !same_investors(o[i], n[j]))
                    continue;
                if (pass == 0 && !same_place(o[i], n[j]))
                    continue;
                used_o[i] = used_n[j] = 1;
                ch[(*nch)++] = (change){pass == 0 ? CH_KEPT : CH_MOVED, o[i], n[j]};
            }
    for (;;) {
        int bi = -1, bj = -1, best = 0;
        for (int i = 0; i < no; i++)
            for (int j = 0; !used_o[i] && j < nn; j++) {
                int ov = used_n[j] ? 0 : overlap(o[i], n[j]);
                if (ov > best) {
                    best = ov;
                    bi = i;
                    bj = j;
                }
            }
        if (bi < 0)
            break;
        used_o[bi] = used_n[bj] = 1;
        ch[(*nch)++] = (change){CH_CHANGED, o[bi], n[bj]};
    }
    for (int i = 0; i < no; i++)
        if (!used_o[i])
            ch[(*nch)++] = (change){CH_DROPPED, o[i], NULL};
    for (int j = 0; j < nn; j++)
        if (!used_n[j])
            ch[(*nch)++] = (change){CH_ADDED, NULL, n[j]};
}

/* Builds d->ch from the two files.  Returns 0, or -1 when out of memory. */
static int pair_all(rs_diff *d)
{
    int no = d->old.n, nn = d->new_.n, rc = -1;
    const dmeet **po = malloc(((size_t)no + 1) * sizeof(*po));
    const dmeet **pn = malloc(((size_t)nn + 1) * sizeof(*pn));
    unsigned char *uo = malloc((size_t)no + 1), *un = malloc((size_t)nn + 1);
    d->ch = malloc(((size_t)no + (size_t)nn + 1) * sizeof(change));
    if (!po || !pn || !uo || !un || !d->ch)
        goto done;
    for (int i = 0; i < no; i++)
        po[i] = &d->old.m[i];
    for (int j = 0; j < nn; j++)
        pn[j] = &d->new_.m[j];
    qsort(po, (size_t)no, sizeof(*po), cmp_meet_ptr);
    qsort(pn, (size_t)nn, sizeof(*pn), cmp_meet_ptr);
    int i = 0, j = 0;
    while (i < no || j < nn) {
        /* the next SME in id order, and its runs in both lists */
        const char *sme = i < no && (j >= nn || strcmp(po[i]->sme, pn[j]->sme) <= 0)
                              ? po[i]->sme : pn[j]->sme;
        int i2 = i, j2 = j;
        while (i2 < no && strcmp(po[i2]->sme, sme) == 0)
            i2++;
        while (j2 < nn && strcmp(pn[j2]->sme, sme) == 0)
            j2++;
        pair_sme(po + i, i2 - i, pn + j, j2 - j, d->ch, &d->nch, uo + i, un + j);
        i = i2;
        j = j2;
    }
    qsort(d->ch, (size_t)d->nch, sizeof(change), cmp_change);
    for (int k = 0; k < d->nch; k++) {
        int *slot[CH_KINDS] = {&d->counts.kept, &d->counts.added, &d->counts.dropped,
                               &d->counts.moved, &d->counts.changed};
        (*slot[d->ch[k].kind])++;
    }
    rc = 0;
done:
    free(po);
    free(pn);
    free(uo);
    free(un);
    return rc;
}

/* Whether a sorted id list holds id. */
static int has_id(char *const *v, int n, const char *id)
{
    return bsearch(&id, v, (size_t)n, sizeof(char *), cmp_strp) != NULL;
}

/* How participant id sees change c: CH_KEPT..CH_CHANGED, or -1 when it is
 * not in the meeting at all. */
static int seen_by(const change *c, const char *id)
{
    const dmeet *m = anchor(c);
    if (strcmp(m->sme, id) == 0)
        return c->kind;
    int in_o = c->o && has_id(c->o->inv, c->o->ninv, id);
    int in_n = c->n && has_id(c->n->inv, c->n->ninv, id);
    if (in_o && in_n)
        return c->kind;
    if (in_o)
        return CH_DROPPED;
    if (in_n)
        return CH_ADDED;
    return -1;
}

/* Every participant named in either file, sorted and unique (malloc'd
 * array of borrowed strings).  Returns NULL when out of memory. */
static const char **all_ids(const rs_diff *d, int *n)
{
    size_t cap = 1;
    const dfile *fs[2] = {&d->old, &d->new_};
    for (int f = 0; f < 2; f++)
        for (int i = 0; i < fs[f]->n; i++)
            cap += 1 + (size_t)fs[f]->m[i].ninv;
    const char **ids = malloc(cap * sizeof(char *));
    if (!ids)
        return NULL;
    size_t k = 0;
    for (int f = 0; f < 2; f++)
        for (int i = 0; i < fs[f]->n; i++) {
            ids[k++] = fs[f]->m[i].sme;
            for (int j = 0; j < fs[f]->m[i].ninv; j++)
                ids[k++] = fs[f]->m[i].inv[j];
        }
    qsort(ids, k, sizeof(char *), cmp_strp);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (u == 0 || strcmp(ids[u - 1], ids[i]) != 0)
            ids[u++] = ids[i];
    *n = (int)u;
    return ids;
}

/* Builds the per-participant views.  Returns 0, or -1 when out of memory.
 * A participant's entries keep the order of d->ch (meeting order). */
static int build_views(rs_diff *d)
{
    int nid = 0, rc = -1;
    const char **ids = all_ids(d, &nid);
    if (!ids)
        return -1;
    d->pv = calloc((size_t)nid + 1, sizeof(pview));
    if (!d->pv)
        goto done;
    /* per participant, a scan over the changes: a schedule holds a few
     * thousand meetings at most, so ids x changes stays small */
    for (int x = 0; x < nid; x++) {
        pview v = {ids[x], 0, NULL, NULL, 0};
        int cap = 0;
        for (int k = 0; k < d->nch; k++) {
            int kind = seen_by(&d->ch[k], ids[x]);
            if (kind < 0)
                continue;
            if (kind == CH_KEPT) {
                v.kept++;
                continue;
            }
            if (v.nentry == cap) {
                cap = cap ? cap * 2 : 8;
                int *ne = realloc(v.entry, (size_t)cap * sizeof(int));
                if (ne)
                    v.entry = ne;
                int *nk = ne ? realloc(v.kind, (size_t)cap * sizeof(int)) : NULL;
                if (nk)
                    v.kind = nk;
                if (!ne || !nk) {
                    free(v.entry);
                    free(v.kind);
                    goto done;
                }
            }
            v.entry[v.nentry] = k;
            v.kind[v.nentry++] = kind;
        }
        if (v.nentry)
            d->pv[d->npv++] = v;
    }
    d->counts.participants = d->npv;
    rc = 0;
done:
    free(ids);
    return rc;
}

void rs_diff_free(rs_diff *d)
{
    if (!d)
        return;
    dfile_free(&d->old);
    dfile_free(&d->new_);
    free(d->ch);
    for (int i = 0; i < d->npv; i++) {
        free(d->pv[i].entry);
        free(d->pv[i].kind);
    }
    free(d->pv);
    free(d);
}

rs_code rs_diff_load(const char *old_path, const char *new_path, const rs_event *ev,
                     rs_diff **out, rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    *out = NULL;
    rs_diff *d = calloc(1, sizeof(rs_diff));
    if (!d)
        goto done;
    d->ev = ev;
    /* both files are read before giving up: every problem in one run */
    rs_code r1 = read_file(old_path, ev, &d->old, diag);
    rs_code r2 = read_file(new_path, ev, &d->new_, diag);
    if (r1 == RS_ENOMEM || r2 == RS_ENOMEM)
        goto done;
    rc = r1 != RS_OK ? r1 : r2;
    if (rc != RS_OK)
        goto done;
    rc = RS_ENOMEM;
    if (pair_all(d) != 0 || build_views(d) != 0)
        goto done;
    *out = d;
    d = NULL;
    rc = RS_OK;
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "diff: out of memory");
    rs_diff_free(d);
    return rc;
}

void rs_diff_get_counts(const rs_diff *d, rs_diff_counts *c)
{
    *c = d->counts;
}

/* ------------------------------------------------------------------ text */

/* "2023-05-18 09:00-09:30 g-301" */
static void sb_place(rs_buf *b, const dmeet *m)
{
    char t1[6], t2[6];
    rs_fmt_time(m->start, t1);
    rs_fmt_time(m->end, t2);
    rs_buf_fmt(b, "%s %s-%s %s", m->date, t1, t2, m->room);
}

/* The other side of a meeting for participant id: the SME for an investor,
 * the investors for the SME. */
static void sb_partners(rs_buf *b, const dmeet *m, const char *id)
{
    if (strcmp(m->sme, id) != 0) {
        rs_buf_fmt(b, "%s", m->sme);
        return;
    }
    for (int k = 0; k < m->ninv; k++)
        rs_buf_fmt(b, "%s%s", k ? "," : "", m->inv[k]);
}

/* The name of participant id from the event, or NULL. */
static const char *name_of(const rs_diff *d, const char *id)
{
    if (!d->ev)
        return NULL;
    int p = rs_find_participant(d->ev, id);
    return p >= 0 ? d->ev->p[p].name : NULL;
}

/* Investors of a that b lacks, as " +id" / " -id" words into b. */
static void sb_panel(rs_buf *b, const dmeet *from, const dmeet *to)
{
    for (int k = 0; k < to->ninv; k++)
        if (!has_id(from->inv, from->ninv, to->inv[k]))
            rs_buf_fmt(b, " +%s", to->inv[k]);
    for (int k = 0; k < from->ninv; k++)
        if (!has_id(to->inv, to->ninv, from->inv[k]))
            rs_buf_fmt(b, " -%s", from->inv[k]);
}

char *rs_diff_text(const rs_diff *d)
{
    rs_buf b = {NULL, 0, 0, 0};
    for (int i = 0; i < d->npv; i++) {
        const pview *v = &d->pv[i];
        const char *name = name_of(d, v->id);
        rs_buf_fmt(&b, "%s%s%s%s\n", v->id, name ? " (" : "", name ? name : "",
                  name ? ")" : "");
        for (int e = 0; e < v->nentry; e++) {
            const change *c = &d->ch[v->entry[e]];
            int kind = v->kind[e];
            const dmeet *m = kind == CH_DROPPED ? c->o : c->n;
            rs_buf_fmt(&b, "  %-8s ", KIND_NAME[kind]);
            sb_partners(&b, m, v->id);
            rs_buf_fmt(&b, "  ");
            if (kind == CH_MOVED || kind == CH_CHANGED) {
                sb_place(&b, c->o);
                if (!same_place(c->o, c->n)) {
                    rs_buf_fmt(&b, " -> ");
                    sb_place(&b, c->n);
                }
                if (kind == CH_CHANGED) {
                    rs_buf_fmt(&b, "; panel");
                    sb_panel(&b, c->o, c->n);
                }
            } else {
                sb_place(&b, m);
            }
            rs_buf_fmt(&b, "\n");
        }
        if (v->kept)
            rs_buf_fmt(&b, "  %-8s %d meeting%s\n", "kept", v->kept, v->kept == 1 ? "" : "s");
    }
    const rs_diff_counts *n = &d->counts;
    rs_buf_fmt(&b, "%d added, %d dropped, %d moved, %d changed, %d kept; %d participant%s "
                  "affected\n", n->added, n->dropped, n->moved, n->changed, n->kept,
              n->participants, n->participants == 1 ? "" : "s");
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

/* ------------------------------------------------------------------ JSON */

/* {"id", "date", "start", "end", "venue", "room"} of one side of a change;
 * NULL when out of memory. */
static cJSON *place_json(const dmeet *m)
{
    char t1[6], t2[6];
    rs_fmt_time(m->start, t1);
    rs_fmt_time(m->end, t2);
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    int ok = (!m->id || cJSON_AddStringToObject(o, "id", m->id)) &&
             cJSON_AddStringToObject(o, "date", m->date) &&
             cJSON_AddStringToObject(o, "start", t1) && cJSON_AddStringToObject(o, "end", t2) &&
             (!m->venue || cJSON_AddStringToObject(o, "venue", m->venue)) &&
             cJSON_AddStringToObject(o, "room", m->room);
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* Adds an array of the ids of from that to lacks (to may be NULL: all). */
static int add_ids(cJSON *o, const char *key, const dmeet *from, const dmeet *to)
{
    cJSON *a = cJSON_AddArrayToObject(o, key);
    if (!a)
        return 0;
    for (int k = 0; k < from->ninv; k++)
        if ((!to || !has_id(to->inv, to->ninv, from->inv[k])) &&
            !cJSON_AddItemToArray(a, cJSON_CreateString(from->inv[k])))
            return 0;
    return 1;
}

/* One change as JSON, kind as seen by a participant.  NULL when out of
 * memory. */
static cJSON *change_json(const change *c, int kind)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    const dmeet *m = kind == CH_DROPPED ? c->o : c->n;
    int ok = cJSON_AddStringToObject(o, "change", KIND_NAME[kind]) &&
             cJSON_AddStringToObject(o, "sme", m->sme) && add_ids(o, "investors", m, NULL);
    if (ok && kind == CH_CHANGED)
        ok = add_ids(o, "joined", c->n, c->o) && add_ids(o, "left", c->o, c->n);
    if (ok && c->o && kind != CH_ADDED)
        ok = cJSON_AddItemToObject(o, "old", place_json(c->o));
    if (ok && c->n && kind != CH_DROPPED)
        ok = cJSON_AddItemToObject(o, "new", place_json(c->n));
    if (!ok) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

char *rs_diff_json(const rs_diff *d)
{
    char *out = NULL;
    const rs_diff_counts *n = &d->counts;
    cJSON *root = cJSON_CreateObject(), *s, *arr;
    if (!root || !cJSON_AddNumberToObject(root, "format_version", 1) ||
        !(s = cJSON_AddObjectToObject(root, "summary")))
        goto done;
    const int vals[] = {n->added, n->dropped, n->moved, n->changed, n->kept, n->participants};
    const char *const keys[] = {"added", "dropped", "moved", "changed", "kept",
                                "participants"};
    for (int k = 0; k < 6; k++)
        if (!cJSON_AddNumberToObject(s, keys[k], vals[k]))
            goto done;
    if (!(arr = cJSON_AddArrayToObject(root, "changes")))
        goto done;
    for (int k = 0; k < d->nch; k++)
        if (d->ch[k].kind != CH_KEPT &&
            !cJSON_AddItemToArray(arr, change_json(&d->ch[k], d->ch[k].kind)))
            goto done;
    if (!(arr = cJSON_AddArrayToObject(root, "participants")))
        goto done;
    for (int i = 0; i < d->npv; i++) {
        const pview *v = &d->pv[i];
        const char *name = name_of(d, v->id);
        cJSON *po = cJSON_CreateObject(), *ca;
        if (!po || !cJSON_AddItemToArray(arr, po)) {
            cJSON_Delete(po);
            goto done;
        }
        if (!cJSON_AddStringToObject(po, "id", v->id) ||
            (name && !cJSON_AddStringToObject(po, "name", name)) ||
            !cJSON_AddNumberToObject(po, "kept", v->kept) ||
            !(ca = cJSON_AddArrayToObject(po, "changes")))
            goto done;
        for (int e = 0; e < v->nentry; e++)
            if (!cJSON_AddItemToArray(ca, change_json(&d->ch[v->entry[e]], v->kind[e])))
                goto done;
    }
    out = rs_json_pretty(root);
done:
    cJSON_Delete(root);
    return out;
}

rs_code rs_diff_write_json(const rs_diff *d, const char *path, rs_diag *diag)
{
    char *json = rs_diff_json(d);
    if (!json) {
        rs_diag_add(diag, "%s: out of memory", path);
        return RS_ENOMEM;
    }
    rs_code rc = rs_write_file_atomic(path, json, strlen(json), diag);
    free(json);
    return rc;
}

/* ------------------------------------------------------------ --previous */

/* Fills f with the meetings of s, named by the event's ids as a written
 * schedule.json names them, sorted like a file read by read_file.
 * Returns 0, or -1 when out of memory (f then holds what was made). */
static int file_of_schedule(const rs_event *ev, const rs_schedule *s, dfile *f)
{
    f->m = calloc((size_t)s->nm + 1, sizeof(dmeet));
    if (!f->m)
        return -1;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *sm = &s->m[i];
        const rs_slot *sl = &ev->slots[sm->slot];
        dmeet *m = &f->m[f->n++];
        snprintf(m->date, sizeof m->date, "%s", ev->days[sl->day].date);
        m->start = sl->start;
        m->end = sl->end;
        m->room = rs_strdup(ev->rooms[sm->room].id);
        m->venue = rs_strdup(ev->venues[ev->rooms[sm->room].venue].id);
        m->sme = rs_strdup(ev->p[sm->sme].id);
        m->inv = calloc((size_t)sm->ninv + 1, sizeof(char *));
        if (!m->room || !m->venue || !m->sme || !m->inv)
            return -1;
        for (int k = 0; k < sm->ninv; k++) {
            if (!(m->inv[k] = rs_strdup(ev->p[sm->inv[k]].id)))
                return -1;
            m->ninv++;
        }
        qsort(m->inv, (size_t)m->ninv, sizeof(char *), cmp_strp);
    }
    qsort(f->m, (size_t)f->n, sizeof(dmeet), cmp_dmeet_q);
    return 0;
}

rs_code rs_diff_counts_with(const char *old_path, const rs_event *ev, const rs_schedule *s,
                            rs_diff_counts *c, rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    memset(c, 0, sizeof *c);
    rs_diff *d = calloc(1, sizeof(rs_diff));
    if (!d)
        goto done;
    rc = read_file(old_path, NULL, &d->old, diag);
    if (rc != RS_OK)
        goto done;
    rc = RS_ENOMEM;
    if (file_of_schedule(ev, s, &d->new_) != 0 || pair_all(d) != 0 || build_views(d) != 0)
        goto done;
    *c = d->counts;
    rc = RS_OK;
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "diff: out of memory");
    rs_diff_free(d);
    return rc;
}
