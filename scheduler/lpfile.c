/*
 * lpfile.c - the exact integer program of an event, written in CPLEX LP
 * format (glp_write_lp) so that an organiser can take it to another solver.
 *
 * One-to-one events get the direct model of model.c (a binary per pair,
 * slot and venue); group events the compact model of group.c.  Both
 * maximise the contract's objective itself: meeting scores, less
 * min_meetings_shortfall per missing meeting and idle_slot per idle slot,
 * with no constant left out, so the optimum of the file is the best
 * objective any schedule reaches (its idle-slot and shortfall columns are
 * continuous and take their least values at every optimum).  Columns are
 * named after what they mean (see rs_lp_name_col); rows keep GLPK's names.
 */
#define _POSIX_C_SOURCE 200809L
#include "glpk_layer.h"
#include "group_model.h"
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What a write holds across GLPK calls: on the heap, since GLPK's error
 * hook comes back through longjmp. */
typedef struct {
    const rs_event *ev;
    const char *tmp;    /* the file GLPK writes                           */
    char said[512];     /* GLPK's last line, for the error message        */
    int write_failed;   /* glp_write_lp returned nonzero                   */
    rs_model model;     /* one-to-one                                     */
    rs_gmodel group;    /* group format                                   */
} lp_work;

/* GLPK's terminal output: kept (its last line says why a write failed),
 * never printed: the caller's stdout is its own. */
static int keep_last_line(void *info, const char *s)
{
    lp_work *w = info;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    if (n > 0) {
        if (n >= sizeof w->said)
            n = sizeof w->said - 1;
        memcpy(w->said, s, n);
        w->said[n] = '\0';
    }
    return 1;
}

/* A participant as the file names it: i<N> for the N-th investor of
 * investors.json, s<N> for the N-th SME of smes.json (1-based). */
static int tag(const rs_event *ev, int p, char *buf, size_t n)
{
    return snprintf(buf, n, "%c%d", p < ev->ninv ? 'i' : 's',
                    p < ev->ninv ? p + 1 : p - ev->ninv + 1);
}

void rs_lp_name_col(const rs_event *ev, glp_prob *lp, int col, const char *kind, int a, int b,
                    int k, int v, int cap)
{
    char name[128], t[32];
    int n = snprintf(name, sizeof name, "%s", kind);
    const int part[2] = {a, b};
    for (int i = 0; i < 2; i++)
        if (part[i] >= 0) {
            tag(ev, part[i], t, sizeof t);
            n += snprintf(name + n, sizeof name - (size_t)n, "_%s", t);
        }
    if (k >= 0)
        n += snprintf(name + n, sizeof name - (size_t)n, "_k%d", k + 1);
    if (v >= 0)
        n += snprintf(name + n, sizeof name - (size_t)n, "_v%d", v + 1);
    if (cap >= 0)
        snprintf(name + n, sizeof name - (size_t)n, "_c%d", cap);
    glp_set_col_name(lp, col, name);
}

/* Names the columns every format shares: shortfalls (short_P) and, per
 * participant-day span, first_P_kK (a meeting at or before slot K),
 * last_P_kK (at or after) and idle_P_kK. */
static void name_person_cols(const rs_event *ev, const rs_model *m)
{
    for (int i = 0; i < ev->np; i++)
        if (m->sf_col[i])
            rs_lp_name_col(ev, m->lp, m->sf_col[i], "short", i, -1, -1, -1, -1);
    static const char *const KIND[4] = {"first", "last", "idle", "gap"};
    for (int b = 0; b < m->nblk; b++) {
        const rs_idle_blk *bk = &m->blk[b];
        for (int part = 0; part < (rs_model_gaps(ev) ? 4 : 3); part++)
            for (int s = 0; s < bk->n; s++)
                rs_lp_name_col(ev, m->lp, bk->col + part * bk->n + s, KIND[part],
                               bk->participant, -1, bk->first + s, -1, -1);
    }
}

/* Builds the event's model with named columns; *out is owned by w. */
static rs_code build(const rs_event *ev, lp_work *w, const rs_model **out)
{
    rs_code rc;
    if (ev->format == RS_FORMAT_GROUP) {
        rs_gmodel *g = &w->group;
        rc = rs_gm_build(ev, g);
        if (rc != RS_OK)
            return rc;
        for (int j = 0; j < g->nx; j++)
            rs_lp_name_col(ev, g->m.lp, j + 1, "hear", ev->pairs[g->x_pair[j]].inv,
                           ev->pairs[g->x_pair[j]].sme, g->x_slot[j], g->x_venue[j], -1);
        for (int j = 0; j < g->ny; j++)
            rs_lp_name_col(ev, g->m.lp, g->nx + j + 1, "pitch", g->y_sme[j], -1, g->y_slot[j],
                           g->y_venue[j], g->y_cap[j]);
        *out = &g->m;
        return RS_OK;
    }
    rc = rs_model_build(ev, NULL, &w->model);
    if (rc != RS_OK)
        return rc;
    for (int j = 0; j < w->model.nx; j++) {
        const rs_pair *pr = &ev->pairs[w->model.x_pair[j]];
        rs_lp_name_col(ev, w->model.lp, j + 1, "x", pr->inv, pr->sme, w->model.x_slot[j],
                       w->model.x_venue[j], -1);
    }
    *out = &w->model;
    return RS_OK;
}

/* The guarded part of rs_write_model: builds the model with named
 * columns and has GLPK write it to w->tmp, keeping GLPK's last line of
 * output for the message when the write fails.  RS_OK (w->write_failed
 * says whether GLPK could write) or RS_ENOMEM. */
static rs_code build_and_write(void *arg)
{
    lp_work *w = arg;
    const rs_model *m = NULL;
    glp_term_hook(keep_last_line, w);
    rs_code rc = build(w->ev, w, &m);
    if (rc != RS_OK)
        return rc;
    name_person_cols(w->ev, m);
    glp_set_prob_name(m->lp, "roadshow");
    glp_set_obj_name(m->lp, "objective");
    w->said[0] = '\0';
    w->write_failed = glp_write_lp(m->lp, NULL, w->tmp) != 0;
    return RS_OK;
}

/* Flushes the finished file to disk before the rename, like every output
 * of the program, so a crash cannot leave an empty file under the name. */
static int sync_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int err = errno;
    if (close(fd) != 0 && rc == 0)
        return -1;
    errno = err;
    return rc;
}

rs_code rs_write_model(const rs_event *ev, const char *path, rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    lp_work *w = calloc(1, sizeof(lp_work));
    if (!tmp || !w) {
        rs_diag_add(diag, "%s: out of memory", path);
        goto done;
    }
    snprintf(tmp, plen + 32, "%s.tmp.%ld", path, (long)getpid());
    /* created here first for the reason it cannot be (GLPK only prints it) */
    FILE *f = fopen(tmp, "wb");
    if (!f || fclose(f) != 0) {
        rs_diag_add(diag, "%s: cannot write: %s", path, strerror(errno));
        rc = RS_EIO;
        goto done;
    }
    w->ev = ev;
    w->tmp = tmp;
    rs_glpk_call call = {.fn = build_and_write, .arg = w, .quiet = 1};
    rc = rs_glpk_guarded(&call);
    if (call.failed) {
        /* GLPK failed (out of memory): its problems went with its
         * environment and must not be deleted again */
        w->model.lp = NULL;
        w->group.m.lp = NULL;
        rs_diag_add(diag, "%s: GLPK failed while building the model: %s", path, w->said);
        rc = RS_ESOLVER;
        goto done;
    }
    if (rc == RS_ENOMEM) {
        rs_diag_add(diag, "%s: out of memory while building the model", path);
        goto done;
    }
    if (w->write_failed) {
        rs_diag_add(diag, "%s: cannot write: %s", path, w->said[0] ? w->said : "GLPK failed");
        rc = RS_EIO;
        goto done;
    }
    if (rc == RS_OK && sync_file(tmp) != 0) {
        rs_diag_add(diag, "%s: cannot write: %s", path, strerror(errno));
        rc = RS_EIO;
    }
    if (rc == RS_OK && rename(tmp, path) != 0) {
        rs_diag_add(diag, "%s: cannot replace: %s", path, strerror(errno));
        rc = RS_EIO;
    }
done:
    if (rc != RS_OK && tmp)
        remove(tmp);
    if (w) {
        rs_model_free(&w->model);
        rs_gm_free(&w->group);
    }
    free(w);
    free(tmp);
    return rc;
}
