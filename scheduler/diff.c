/*
 * diff.c - what changed between two schedules of one event (`roadshow
 * diff`): meetings added, dropped, moved and kept, per participant.
 *
 * A schedule.json names everything by id, so two files can be compared
 * without the event folder; given the event, ids, rooms and slots are also
 * checked against it and the report shows participants' names.  The files
 * are read into records by schedfile.c (RS_SCHED_AS_WRITTEN).
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

/* A paired (or unpaired) meeting: old and/or new side. */
typedef struct {
    int kind;        /* CH_*                                                */
    const rs_sched_meeting *o, *n;
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
    rs_sched_file *file[2]; /* the old and new files read (NULL: borrowed)  */
    /* each side's meetings, sorted (see cmp_meeting): copies of the
     * records, whose strings stay their file's                            */
    rs_sched_meeting *old, *new_;
    int nold, nnew;
    change *ch;         /* every pairing, kept ones too, sorted             */
    int nch;
    pview *pv;          /* participants with a change, sorted by id         */
    int npv;
    rs_diff_counts counts;
};

/* ------------------------------------------------------------------ sides */

static int cmp_strp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Date, start, room, SME, then investors: the order meetings are listed
 * in (the contract's, made total). */
static int cmp_meeting(const rs_sched_meeting *x, const rs_sched_meeting *y)
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

static int cmp_meeting_q(const void *a, const void *b)
{
    return cmp_meeting(a, b);
}

/* Points *side at a copy of the meetings of f sorted as the files list
 * them (cmp_meeting); the strings stay f's.  0, or -1 when out of memory. */
static int side_of(const rs_sched_file *f, rs_sched_meeting **side, int *n)
{
    *side = malloc(((size_t)f->n + 1) * sizeof **side);
    if (!*side)
        return -1;
    if (f->n > 0)
        memcpy(*side, f->m, (size_t)f->n * sizeof **side);
    *n = f->n;
    qsort(*side, (size_t)*n, sizeof **side, cmp_meeting_q);
    return 0;
}

/* --------------------------------------------------------------- pairing */

static int same_investors(const rs_sched_meeting *a, const rs_sched_meeting *b)
{
    if (a->ninv != b->ninv)
        return 0;
    for (int k = 0; k < a->ninv; k++)
        if (strcmp(a->inv[k], b->inv[k]) != 0)
            return 0;
    return 1;
}

static int same_place(const rs_sched_meeting *a, const rs_sched_meeting *b)
{
    return strcmp(a->date, b->date) == 0 && a->start == b->start && a->end == b->end &&
           strcmp(a->room, b->room) == 0;
}

/* Investors two meetings share (both lists are sorted). */
static int overlap(const rs_sched_meeting *a, const rs_sched_meeting *b)
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
    const rs_sched_meeting *x = *(const rs_sched_meeting *const *)a, *y = *(const rs_sched_meeting *const *)b;
    int c = strcmp(x->sme, y->sme);
    return c ? c : cmp_meeting(x, y);
}

/* The meeting a change is listed under: the old one when there is one. */
static const rs_sched_meeting *anchor(const change *c)
{
    return c->o ? c->o : c->n;
}

static int cmp_change(const void *a, const void *b)
{
    const change *x = a, *y = b;
    int c = cmp_meeting(anchor(x), anchor(y));
    if (c)
        return c;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->n && y->n)
        return cmp_meeting(x->n, y->n);
    return 0;
}

/* Pairs the meetings of one SME: o[0..no) old, n[0..nn) new, both sorted;
 * appends to ch (room for no + nn entries) per the passes of the header. */
static void pair_sme(const rs_sched_meeting **o, int no, const rs_sched_meeting **n, int nn, change *ch, int *nch,
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
    int no = d->nold, nn = d->nnew, rc = -1;
    const rs_sched_meeting **po = malloc(((size_t)no + 1) * sizeof(*po));
    const rs_sched_meeting **pn = malloc(((size_t)nn + 1) * sizeof(*pn));
    unsigned char *uo = malloc((size_t)no + 1), *un = malloc((size_t)nn + 1);
    d->ch = malloc(((size_t)no + (size_t)nn + 1) * sizeof(change));
    if (!po || !pn || !uo || !un || !d->ch)
        goto done;
    for (int i = 0; i < no; i++)
        po[i] = &d->old[i];
    for (int j = 0; j < nn; j++)
        pn[j] = &d->new_[j];
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
    const rs_sched_meeting *m = anchor(c);
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
    const rs_sched_meeting *side[2] = {d->old, d->new_};
    const int nside[2] = {d->nold, d->nnew};
    for (int f = 0; f < 2; f++)
        for (int i = 0; i < nside[f]; i++)
            cap += 1 + (size_t)side[f][i].ninv;
    const char **ids = malloc(cap * sizeof(char *));
    if (!ids)
        return NULL;
    size_t k = 0;
    for (int f = 0; f < 2; f++)
        for (int i = 0; i < nside[f]; i++) {
            ids[k++] = side[f][i].sme;
            for (int j = 0; j < side[f][i].ninv; j++)
                ids[k++] = side[f][i].inv[j];
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
    rs_sched_file_free(d->file[0]);
    rs_sched_file_free(d->file[1]);
    free(d->old);
    free(d->new_);
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
    /* both files are read before giving up: every problem in one run; the
     * paths as given name them, since both are usually schedule.json */
    rs_code r1 =
        rs_sched_read(old_path, old_path, RS_SCHED_AS_WRITTEN, ev, NULL, &d->file[0], NULL, diag);
    rs_code r2 =
        rs_sched_read(new_path, new_path, RS_SCHED_AS_WRITTEN, ev, NULL, &d->file[1], NULL, diag);
    if (r1 == RS_ENOMEM || r2 == RS_ENOMEM)
        goto done;
    rc = r1 != RS_OK ? r1 : r2;
    if (rc != RS_OK)
        goto done;
    rc = RS_ENOMEM;
    if (side_of(d->file[0], &d->old, &d->nold) != 0 ||
        side_of(d->file[1], &d->new_, &d->nnew) != 0 || pair_all(d) != 0 ||
        build_views(d) != 0)
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
static void sb_place(rs_buf *b, const rs_sched_meeting *m)
{
    char t1[6], t2[6];
    rs_fmt_time(m->start, t1);
    rs_fmt_time(m->end, t2);
    rs_buf_fmt(b, "%s %s-%s %s", m->date, t1, t2, m->room);
}

/* The other side of a meeting for participant id: the SME for an investor,
 * the investors for the SME. */
static void sb_partners(rs_buf *b, const rs_sched_meeting *m, const char *id)
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
static void sb_panel(rs_buf *b, const rs_sched_meeting *from, const rs_sched_meeting *to)
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
            const rs_sched_meeting *m = kind == CH_DROPPED ? c->o : c->n;
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
static cJSON *place_json(const rs_sched_meeting *m)
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
static int add_ids(cJSON *o, const char *key, const rs_sched_meeting *from, const rs_sched_meeting *to)
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

/* A peer meeting's "investors" (both when two investors meet, else none)
 * and "participants".  0 when out of memory. */
static int add_peer_ids(cJSON *o, const rs_sched_meeting *m)
{
    cJSON *inv = cJSON_AddArrayToObject(o, "investors");
    cJSON *all = cJSON_AddArrayToObject(o, "participants");
    if (!inv || !all)
        return 0;
    const char *ids[2] = {m->sme, m->ninv ? m->inv[0] : ""};
    for (int k = 0; k < 2; k++)
        if (!cJSON_AddItemToArray(all, cJSON_CreateString(ids[k])) ||
            (m->peer == 2 && !cJSON_AddItemToArray(inv, cJSON_CreateString(ids[k]))))
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
    const rs_sched_meeting *m = kind == CH_DROPPED ? c->o : c->n;
    int ok = cJSON_AddStringToObject(o, "change", KIND_NAME[kind]) != NULL;
    if (ok && m->peer) /* as in schedule.json: "sme" null, both in participants */
        ok = cJSON_AddNullToObject(o, "sme") && add_peer_ids(o, m);
    else if (ok)
        ok = cJSON_AddStringToObject(o, "sme", m->sme) && add_ids(o, "investors", m, NULL);
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

/* The meetings of s as records, named by the event's ids as a written
 * schedule.json names them (investors sorted, as read AS_WRITTEN).  A new
 * file owned by the caller, or NULL when out of memory. */
static rs_sched_file *file_of_schedule(const rs_event *ev, const rs_schedule *s)
{
    rs_sched_file *f = calloc(1, sizeof *f);
    if (!f || !(f->m = calloc((size_t)s->nm + 1, sizeof(rs_sched_meeting))))
        goto fail;
    f->cap = s->nm + 1;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *sm = &s->m[i];
        const rs_slot *sl = &ev->slots[sm->slot];
        rs_sched_meeting *m = &f->m[f->n++];
        m->pos = i;
        snprintf(m->date, sizeof m->date, "%s", ev->days[sl->day].date);
        m->start = sl->start;
        m->end = sl->end;
        m->room = rs_strdup(ev->rooms[sm->room].id);
        m->venue = rs_strdup(ev->venues[ev->rooms[sm->room].venue].id);
        /* a peer meeting as a file reads back: the lower id first */
        int swap = rs_meeting_is_peer(ev, sm) && strcmp(ev->p[sm->inv[0]].id, ev->p[sm->sme].id) < 0;
        if (rs_meeting_is_peer(ev, sm))
            m->peer = ev->p[sm->sme].is_investor ? 2 : 1;
        m->sme = rs_strdup(ev->p[swap ? sm->inv[0] : sm->sme].id);
        m->inv = calloc((size_t)sm->ninv + 1, sizeof(char *));
        if (!m->room || !m->venue || !m->sme || !m->inv)
            goto fail;
        for (int k = 0; k < sm->ninv; k++) {
            if (!(m->inv[k] = rs_strdup(ev->p[swap ? sm->sme : sm->inv[k]].id)))
                goto fail;
            m->ninv++;
        }
        qsort(m->inv, (size_t)m->ninv, sizeof(char *), cmp_strp);
    }
    return f;
fail:
    rs_sched_file_free(f);
    return NULL;
}

rs_code rs_diff_counts_of(const rs_previous *pv, const rs_event *ev, const rs_schedule *s,
                          rs_diff_counts *c, rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    memset(c, 0, sizeof *c);
    if (!pv->written) { /* what the reading found, as if read now */
        for (size_t i = 0; i < rs_diag_count(pv->written_problems); i++)
            if (rs_diag_count(diag) < RS_JIN_MAX_MESSAGES)
                rs_diag_add(diag, "%s", rs_diag_message(pv->written_problems, i));
        return RS_EINPUT;
    }
    rs_diff *d = calloc(1, sizeof(rs_diff));
    if (!d)
        goto done;
    d->file[1] = file_of_schedule(ev, s);
    if (!d->file[1] || side_of(pv->written, &d->old, &d->nold) != 0 ||
        side_of(d->file[1], &d->new_, &d->nnew) != 0 || pair_all(d) != 0 ||
        build_views(d) != 0)
        goto done;
    *c = d->counts;
    rc = RS_OK;
done:
    if (rc == RS_ENOMEM)
        rs_diag_add(diag, "diff: out of memory");
    rs_diff_free(d);
    return rc;
}
