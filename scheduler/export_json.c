/*
 * export_json.c - the contract's schedule.json.
 *
 * Built with cJSON in the contract's member order; meetings are already in
 * date, start, room order, so the same schedule gives the same bytes.
 */
#include "internal.h"

#include <cjson/cJSON.h>
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Adds why a pair scores what it scores (rs_pair_reasons) to arr, each
 * prefixed with the investor's id in a group pitch.  -1 when out of
 * memory. */
static int add_reasons(const rs_event *ev, cJSON *arr, int inv, int sme, int prefix)
{
    rs_buf b = {0};
    int rc = -1, n = rs_pair_reasons(ev, inv, sme, &b);
    char buf[512];
    const char *r = b.p;
    if (b.oom)
        goto done;
    for (int i = 0; i < n; i++, r += strlen(r) + 1) {
        snprintf(buf, sizeof buf, "%s%s%s", prefix ? ev->p[inv].id : "", prefix ? ": " : "", r);
        if (!cJSON_AddItemToArray(arr, cJSON_CreateString(buf)))
            goto done;
    }
    rc = 0;
done:
    free(b.p);
    return rc;
}

/* Ids by byte order (ctx unused). */
static int cmp_id(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Adds meeting m's "participants": the ids of everyone in it in byte
 * order.  -1 when out of memory. */
static int add_participants(const rs_event *ev, cJSON *mj, const rs_meeting *m)
{
    const char **ids = malloc(((size_t)m->ninv + 1) * sizeof(char *));
    cJSON *arr = cJSON_AddArrayToObject(mj, "participants");
    int rc = -1;
    if (!ids || !arr)
        goto done;
    ids[0] = ev->p[m->sme].id;
    for (int k = 0; k < m->ninv; k++)
        ids[k + 1] = ev->p[m->inv[k]].id;
    rs_sort(ids, (size_t)m->ninv + 1, sizeof(char *), cmp_id, NULL);
    for (int k = 0; k <= m->ninv; k++)
        if (!cJSON_AddItemToArray(arr, cJSON_CreateString(ids[k])))
            goto done;
    rc = 0;
done:
    free(ids);
    return rc;
}

/* Adds a number, writing NaN (unknown) as null rather than invalid JSON. */
static cJSON *add_num(cJSON *o, const char *k, double v)
{
    if (isnan(v))
        return cJSON_AddNullToObject(o, k);
    return cJSON_AddNumberToObject(o, k, v == 0 ? 0.0 : v);
}

char *rs_schedule_to_json(const rs_event *ev, const rs_schedule *s)
{
    char *out = NULL, t1[6], t2[6], id[16];
    cJSON *root = cJSON_CreateObject(), *o, *arr;
    if (!root)
        return NULL;
    cJSON_AddNumberToObject(root, "format_version", 1);
    o = cJSON_AddObjectToObject(root, "event");
    if (!o)
        goto done;
    cJSON_AddStringToObject(o, "name", ev->name);
    cJSON_AddStringToObject(o, "timezone", ev->timezone);
    cJSON_AddStringToObject(root, "status", s->status);
    add_num(root, "objective", s->objective);
    add_num(root, "bound", s->bound);
    add_num(root, "gap", s->gap);
    arr = cJSON_AddArrayToObject(root, "meetings");
    if (!arr)
        goto done;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        const rs_slot *sl = &ev->slots[m->slot];
        cJSON *mj = cJSON_CreateObject(), *inv, *rs;
        if (!mj || !cJSON_AddItemToArray(arr, mj))
            goto done;
        snprintf(id, sizeof id, "m%04d", i + 1);
        rs_fmt_time(sl->start, t1);
        rs_fmt_time(sl->end, t2);
        cJSON_AddStringToObject(mj, "id", id);
        cJSON_AddStringToObject(mj, "date", ev->days[sl->day].date);
        cJSON_AddStringToObject(mj, "start", t1);
        cJSON_AddStringToObject(mj, "end", t2);
        cJSON_AddStringToObject(mj, "venue", ev->venues[ev->rooms[m->room].venue].id);
        cJSON_AddStringToObject(mj, "room", ev->rooms[m->room].id);
        /* a peer meeting: "sme" null, "investors" the investors in it */
        int peer = rs_meeting_is_peer(ev, m);
        if (peer)
            cJSON_AddNullToObject(mj, "sme");
        else
            cJSON_AddStringToObject(mj, "sme", ev->p[m->sme].id);
        inv = cJSON_AddArrayToObject(mj, "investors");
        if (!inv)
            goto done;
        if (peer && ev->p[m->sme].is_investor)
            cJSON_AddItemToArray(inv, cJSON_CreateString(ev->p[m->sme].id));
        double score = 0;
        for (int k = 0; k < m->ninv; k++) {
            if (ev->p[m->inv[k]].is_investor)
                cJSON_AddItemToArray(inv, cJSON_CreateString(ev->p[m->inv[k]].id));
            score += rs_pair_score(ev, m->inv[k], m->sme, NULL, NULL, NULL);
        }
        if (add_participants(ev, mj, m) != 0)
            goto done;
        cJSON_AddNumberToObject(mj, "score", score);
        cJSON_AddBoolToObject(mj, "locked", m->locked);
        rs = cJSON_AddArrayToObject(mj, "reasons");
        if (!rs)
            goto done;
        for (int k = 0; k < m->ninv; k++)
            if (add_reasons(ev, rs, m->inv[k], m->sme, m->ninv > 1) != 0)
                goto done;
    }
    arr = cJSON_AddArrayToObject(root, "unscheduled_requests");
    if (!arr)
        goto done;
    for (int i = 0; i < s->nunmet; i++) {
        cJSON *u = cJSON_CreateObject();
        if (!u || !cJSON_AddItemToArray(arr, u))
            goto done;
        cJSON_AddStringToObject(u, "from", ev->p[s->unmet[i].from].id);
        cJSON_AddStringToObject(u, "to", ev->p[s->unmet[i].to].id);
        cJSON_AddStringToObject(u, "priority", rs_priority_name(s->unmet[i].priority));
        cJSON_AddStringToObject(u, "reason", s->unmet[i].reason);
    }
    arr = cJSON_AddArrayToObject(root, "shortfalls");
    if (!arr)
        goto done;
    for (int i = 0; i < s->nshort; i++) {
        cJSON *u = cJSON_CreateObject();
        if (!u || !cJSON_AddItemToArray(arr, u))
            goto done;
        cJSON_AddStringToObject(u, "participant", ev->p[s->short_[i].participant].id);
        cJSON_AddNumberToObject(u, "meetings", s->short_[i].meetings);
        cJSON_AddNumberToObject(u, "minimum", s->short_[i].minimum);
        if (s->short_[i].reason)
            cJSON_AddStringToObject(u, "reason", s->short_[i].reason);
    }
    o = cJSON_AddObjectToObject(root, "stats");
    if (!o)
        goto done;
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    cJSON_AddNumberToObject(o, "meetings", s->nm);
    cJSON_AddNumberToObject(o, "idle_slots", s->idle_slots);
    cJSON_AddNumberToObject(o, "idle_gaps", s->idle_gaps);
    cJSON_AddNumberToObject(o, "seconds", floor(s->seconds * 100 + 0.5) / 100);
    cJSON_AddNumberToObject(o, "smes_served", info.smes_served);
    cJSON_AddNumberToObject(o, "smes", info.smes);
    cJSON_AddNumberToObject(o, "requests_met", info.requests_met);
    cJSON_AddNumberToObject(o, "requests", info.requests);
    cJSON_AddNumberToObject(o, "shortfalls", s->nshort);
    if (s->previous) { /* re-scheduled with --previous */
        cJSON_AddNumberToObject(o, "kept", s->kept);
        cJSON_AddNumberToObject(o, "moved", s->moved);
        cJSON_AddNumberToObject(o, "dropped", s->dropped);
        cJSON_AddNumberToObject(o, "added", s->added);
        if (ev->format == RS_FORMAT_GROUP)
            cJSON_AddNumberToObject(o, "changed", s->changed);
        cJSON_AddNumberToObject(o, "move_cost", s->move_cost);
    }
    o = cJSON_AddObjectToObject(root, "solver");
    if (!o)
        goto done;
    cJSON_AddStringToObject(o, "name", "GLPK");
    cJSON_AddStringToObject(o, "version", glp_version());
    cJSON_AddStringToObject(o, "strategy", s->strategy[0] ? s->strategy : "direct");
    cJSON_AddNumberToObject(o, "columns", (double)s->lp_cols);
    cJSON_AddNumberToObject(o, "rows", (double)s->lp_rows);
    out = rs_json_pretty(root);
done:
    cJSON_Delete(root);
    return out;
}

static void sb_indent(rs_buf *b, int depth)
{
    rs_buf_add(b, "\n", 1);
    for (int i = 0; i < depth; i++)
        rs_buf_add(b, "  ", 2);
}

/* A scalar as cJSON writes it (strings escaped, numbers round-tripped). */
static void sb_scalar(rs_buf *b, const cJSON *v)
{
    char *t = cJSON_PrintUnformatted(v);
    if (!t) {
        b->oom = 1;
        return;
    }
    rs_buf_str(b, t);
    free(t);
}

/* Objects one member a line; arrays of scalars on one line, so a meeting's
 * investors and reasons read at a glance. */
static void emit(rs_buf *b, const cJSON *v, int depth)
{
    if (cJSON_IsObject(v)) {
        if (!v->child) {
            rs_buf_str(b, "{}");
            return;
        }
        rs_buf_str(b, "{");
        for (const cJSON *e = v->child; e; e = e->next) {
            sb_indent(b, depth + 1);
            cJSON key;
            memset(&key, 0, sizeof key);
            key.type = cJSON_String;
            key.valuestring = e->string;
            sb_scalar(b, &key);
            rs_buf_str(b, ": ");
            emit(b, e, depth + 1);
            if (e->next)
                rs_buf_str(b, ",");
        }
        sb_indent(b, depth);
        rs_buf_str(b, "}");
    } else if (cJSON_IsArray(v)) {
        int nested = 0;
        for (const cJSON *e = v->child; e; e = e->next)
            nested |= cJSON_IsObject(e) || cJSON_IsArray(e);
        rs_buf_str(b, "[");
        for (const cJSON *e = v->child; e; e = e->next) {
            if (nested)
                sb_indent(b, depth + 1);
            emit(b, e, depth + 1);
            if (e->next)
                rs_buf_str(b, nested ? "," : ", ");
        }
        if (nested && v->child)
            sb_indent(b, depth);
        rs_buf_str(b, "]");
    } else {
        sb_scalar(b, v);
    }
}

char *rs_json_pretty(const cJSON *root)
{
    rs_buf b = {NULL, 0, 0, 0};
    emit(&b, root, 0);
    rs_buf_str(&b, "\n");
    if (b.oom) {
        free(b.p);
        return NULL;
    }
    return b.p;
}

char *rs_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s/%s", dir, name);
    return s;
}

static rs_code write_json(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                          rs_diag *diag)
{
    rs_code rc;
    char *text = rs_schedule_to_json(ev, s);
    char *path = rs_path_join(out_dir, "schedule.json");
    if (!text || !path) {
        rs_diag_add(diag, "schedule.json: out of memory");
        rc = RS_ENOMEM;
        goto done;
    }
    rc = rs_write_file_atomic(path, text, strlen(text), diag);
done:
    free(text);
    free(path);
    return rc;
}

const rs_exporter rs_export_json = {"json", write_json};
