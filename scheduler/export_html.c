/*
 * export_html.c - OUT_DIR/timetable.html, the printable timetable.
 *
 * One self-contained page for organisers, room stewards and participants:
 *   - a header with the event, the solver's status, objective, bound, gap
 *     and the counts that tell how good the schedule is;
 *   - a table of contents (screen only) linking every part by #anchor;
 *   - one grid per day and venue: slots as rows, the venue's rooms as
 *     columns (with their capacity), each meeting cell naming the SME and
 *     its investor(s) by name and id; free cells, closed rooms and breaks
 *     are shown as such;
 *   - one agenda per participant (investors, then SMEs, each by id): the
 *     meetings in time order with venue, room and the other party, and a
 *     travel line where two meetings of a day are in different venues;
 *   - the requests not granted and the shortfalls, each with its reason.
 *
 * The page uses inline CSS only (no script, no font, image or stylesheet
 * from anywhere), so it opens offline and can be mailed as one file.  Its
 * print rules start each grid and each agenda on a new page and never cut
 * a table row.  Every text that comes from the inputs is HTML-escaped,
 * attributes included, and anchors are made of [A-Za-z0-9_-] only, so no
 * name can inject markup.  The page has no timestamp and no run time: the
 * same schedule gives the same bytes.  The whole page is built in memory
 * and written with rs_write_file_atomic.
 */
#include "internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Participants up to which the contents list them unfolded. */
#define TOC_OPEN_MAX 30

/* Appends input text escaped for HTML text and for quoted attribute values
 * alike: & < > " ' become references; control characters other than tab
 * and line breaks, and bytes that are not UTF-8, become U+FFFD, so the
 * page stays valid UTF-8 whatever the text holds.  NULL appends nothing. */
static void hb_esc(rs_buf *b, const char *text)
{
    if (!text)
        return;
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        const char *rep = NULL;
        size_t n = rs_utf8_len(s, 4);
        switch (*s) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            if (n == 0 || (*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r') ||
                *s == 0x7F)
                rep = "\xEF\xBF\xBD";
            break;
        }
        if (rep) {
            rs_buf_str(b, rep);
            s += n ? n : 1;
        } else {
            rs_buf_add(b, (const char *)s, n);
            s += n;
        }
    }
}

/* Appends text as an anchor fragment: ASCII letters, digits and '-' stay,
 * every other byte (including '_') becomes "_XX" in upper-case hex.  The
 * result uses [A-Za-z0-9_-] only, and different texts never give the same
 * fragment; a '_' is always followed by two hex digits, so "__" can join
 * two encoded parts unambiguously. */
static void hb_anchor(rs_buf *b, const char *text)
{
    for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
        if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
            (*s >= '0' && *s <= '9') || *s == '-')
            rs_buf_add(b, (const char *)s, 1);
        else
            rs_buf_fmt(b, "_%02X", (unsigned)*s);
    }
}

/* ================================================================ context */

typedef struct {
    const rs_event *ev;
    const rs_schedule *s;
    rs_buf out;
    int *cell_head;  /* nslots x nrooms: first meeting in the cell, or -1   */
    int *cell_next;  /* per meeting: the next meeting of the same cell      */
    int *agenda;     /* meeting indices of every participant, in time order */
    int *agenda_at;  /* np + 1 offsets into agenda                          */
    int *short_of;   /* per participant: index into s->short_, or -1       */
} html_ctx;

/* Frees what html_ctx_build allocated; a zeroed context is fine. */
static void html_ctx_free(html_ctx *c)
{
    free(c->cell_head);
    free(c->cell_next);
    free(c->agenda);
    free(c->agenda_at);
    free(c->short_of);
    free(c->out.p);
}

/* Whether meeting a comes before meeting b in time (date, then start).
 * Dates are "YYYY-MM-DD", so text order is time order. */
static int meeting_before(const rs_event *ev, const rs_meeting *a, const rs_meeting *b)
{
    const rs_slot *x = &ev->slots[a->slot], *y = &ev->slots[b->slot];
    int c = strcmp(ev->days[x->day].date, ev->days[y->day].date);
    return c < 0 || (c == 0 && x->start < y->start);
}

/* Builds the lookups the page needs: who meets where in each slot, each
 * participant's meetings in time order, and each participant's shortfall.
 * Meetings naming a slot, room or participant outside the event are left
 * out of the lookups (the checker reports them; the page must not crash).
 * Returns 0, or -1 when out of memory. */
static int html_ctx_build(html_ctx *c, const rs_event *ev, const rs_schedule *s)
{
    size_t cells = (size_t)ev->nslots * (size_t)ev->nrooms;
    c->ev = ev;
    c->s = s;
    c->cell_head = rs_xmalloc(cells * sizeof(int));
    c->cell_next = rs_xmalloc((size_t)s->nm * sizeof(int));
    c->agenda_at = calloc((size_t)ev->np + 1, sizeof(int));
    c->short_of = rs_xmalloc((size_t)ev->np * sizeof(int));
    if (!c->cell_head || !c->cell_next || !c->agenda_at || !c->short_of)
        return -1;
    for (size_t k = 0; k < cells; k++)
        c->cell_head[k] = -1;
    for (int p = 0; p < ev->np; p++)
        c->short_of[p] = -1;
    for (int i = 0; i < s->nshort; i++) {
        int p = s->short_[i].participant;
        if (p >= 0 && p < ev->np && c->short_of[p] < 0)
            c->short_of[p] = i;
    }
    /* cells: walk backwards so each cell lists its meetings in order */
    for (int i = s->nm - 1; i >= 0; i--) {
        const rs_meeting *m = &s->m[i];
        c->cell_next[i] = -1;
        if (m->slot < 0 || m->slot >= ev->nslots || m->room < 0 || m->room >= ev->nrooms)
            continue;
        size_t k = (size_t)m->slot * (size_t)ev->nrooms + (size_t)m->room;
        c->cell_next[i] = c->cell_head[k];
        c->cell_head[k] = i;
    }
    /* agendas: count, then fill, then order each by time */
    size_t total = 0;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        if (m->slot < 0 || m->slot >= ev->nslots)
            continue;
        if (m->sme >= 0 && m->sme < ev->np) {
            c->agenda_at[m->sme + 1]++;
            total++;
        }
        for (int k = 0; k < m->ninv; k++)
            if (m->inv[k] >= 0 && m->inv[k] < ev->np) {
                c->agenda_at[m->inv[k] + 1]++;
                total++;
            }
    }
    for (int p = 0; p < ev->np; p++)
        c->agenda_at[p + 1] += c->agenda_at[p];
    c->agenda = rs_xmalloc(total * sizeof(int));
    int *fill = rs_xmalloc((size_t)ev->np * sizeof(int) + 1);
    if (!c->agenda || !fill) {
        free(fill);
        return -1;
    }
    memcpy(fill, c->agenda_at, (size_t)ev->np * sizeof(int));
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        if (m->slot < 0 || m->slot >= ev->nslots)
            continue;
        if (m->sme >= 0 && m->sme < ev->np)
            c->agenda[fill[m->sme]++] = i;
        for (int k = 0; k < m->ninv; k++)
            if (m->inv[k] >= 0 && m->inv[k] < ev->np)
                c->agenda[fill[m->inv[k]]++] = i;
    }
    free(fill);
    /* insertion sort: lists are short (one meeting per slot at most) */
    for (int p = 0; p < ev->np; p++) {
        int *a = c->agenda + c->agenda_at[p];
        int n = c->agenda_at[p + 1] - c->agenda_at[p];
        for (int i = 1; i < n; i++) {
            int v = a[i], j = i;
            while (j > 0 && meeting_before(ev, &s->m[v], &s->m[a[j - 1]])) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = v;
        }
    }
    return 0;
}

/* ================================================================ pieces */

/* The stylesheet.  Screen: a readable page with sticky grid headers.
 * Print: A4 landscape, navigation hidden, every grid and agenda on a new
 * page, no table row cut in two, table headers repeated on each page. */
static const char CSS[] =
    ":root{--ink:#1b1f24;--muted:#58616b;--line:#c3ccd5;--head:#eef2f6;"
    "--meet:#e6f0fb;--meet-edge:#8fb5e0;--free:#fbfbfc;--closed:#eceef1;"
    "--break:#fff4d6;--travel:#fdeee8;--warn:#b42318}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{margin:0;color:var(--ink);background:#fff;font:14px/1.4 system-ui,"
    "\"Noto Sans\",\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",\"Segoe UI\",Arial,sans-serif}\n"
    "main{padding:16px 24px 48px;max-width:1600px;margin:0 auto}\n"
    "h1{font-size:24px;margin:0 0 4px}\n"
    "h2{font-size:19px;margin:28px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--ink)}\n"
    "h3{font-size:15px;margin:16px 0 6px}\n"
    "a{color:#0b57a4;text-decoration:none}a:hover{text-decoration:underline}\n"
    ".sub{color:var(--muted);margin:0 0 12px}\n"
    ".id{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;"
    "font-size:11px;color:var(--muted);white-space:nowrap}\n"
    ".tag{display:inline-block;min-width:2.6em;margin-right:4px;padding:0 3px;border-radius:3px;"
    "font-size:9px;font-weight:700;letter-spacing:.04em;text-align:center;vertical-align:1px;"
    "color:#fff;background:#5b6b7c}\n"
    ".tag.sme{background:#1f6f43}.tag.inv{background:#0b57a4}\n"
    "dl.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:8px;"
    "margin:12px 0}\n"
    "dl.facts div{border:1px solid var(--line);border-radius:6px;padding:6px 10px}\n"
    "dl.facts dt{font-size:12px;color:var(--muted)}dl.facts dd{margin:0;font-size:17px;"
    "font-weight:600}\n"
    "nav.toc{border:1px solid var(--line);border-radius:6px;padding:8px 16px;margin:16px 0;"
    "background:#f8fafc}\n"
    "nav.toc h2{border:0;margin:4px 0}\n"
    "nav.toc ul{margin:4px 0;padding-left:20px}\n"
    "nav.toc ul.people{columns:16em;padding-left:0;list-style:none}\n"
    "nav.toc ul.people li{break-inside:avoid}\n"
    "nav.toc summary{cursor:pointer}\n"
    ".legend span{display:inline-block;margin-right:14px}\n"
    ".sw{display:inline-block;width:14px;height:14px;border:1px solid var(--line);"
    "vertical-align:-2px;margin-right:4px}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;text-align:left}\n"
    "thead th{background:var(--head);position:sticky;top:0;z-index:1}\n"
    "table.grid{table-layout:fixed}\n"
    "table.grid col.time{width:7.5em}\n"
    "table.grid th.time{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "table.grid td.m{background:var(--meet);border-left:3px solid var(--meet-edge)}\n"
    "table.grid td.clash{outline:2px solid var(--warn)}\n"
    "table.grid td.free{background:var(--free);color:#a3abb4;text-align:center}\n"
    "table.grid td.closed{background:repeating-linear-gradient(135deg,var(--closed) 0 6px,"
    "#f7f8fa 6px 12px);color:var(--muted);text-align:center;font-size:12px}\n"
    ".mtg+.mtg{margin-top:6px;padding-top:6px;border-top:1px dashed var(--meet-edge)}\n"
    ".mtg .who{overflow-wrap:anywhere}\n"
    ".mtg .sme-name{font-weight:600}\n"
    "tr.break td,tr.break th{background:var(--break);color:#6b5200;font-style:italic}\n"
    "tr.travel td{background:var(--travel);font-size:13px}\n"
    "table.agenda td.when{white-space:nowrap;font-variant-numeric:tabular-nums}\n"
    "table.report td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".cap{font-weight:400;font-size:12px;color:var(--muted)}\n"
    ".warn{color:var(--warn);font-weight:600}\n"
    ".none{color:var(--muted);font-style:italic}\n"
    ".top{float:right;font-size:12px;font-weight:400}\n"
    "@page{size:A4 landscape;margin:10mm}\n"
    "@media print{\n"
    "body{font-size:10pt}main{padding:0;max-width:none}\n"
    "nav.toc,.top,.noprint{display:none}\n"
    "a{color:inherit}\n"
    "thead th{position:static}\n"
    "thead{display:table-header-group}\n"
    "section.grid,section.agenda,section.report{break-before:page}\n"
    "tr,.mtg,dl.facts div{break-inside:avoid}\n"
    "h1,h2,h3{break-after:avoid}\n"
    "section>h2:first-child{margin-top:0}\n"
    "table.grid{font-size:7.5pt;line-height:1.2}\n"
    "table.grid th,table.grid td{padding:2px 3px}\n"
    "table.grid .id{font-size:6.5pt}table.grid .tag{font-size:5.5pt}\n"
    "}\n";

/* Appends a number as the JSON output prints it, or an em dash when it is
 * not known (NaN). */
static void hb_num(rs_buf *b, double v)
{
    char buf[64];
    if (isnan(v)) {
        rs_buf_str(b, "\xE2\x80\x94");
        return;
    }
    rs_fmt_num(v, buf, sizeof buf);
    rs_buf_str(b, buf);
}

/* Appends "HH:MM". */
static void hb_time(rs_buf *b, int minutes)
{
    char t[6];
    rs_fmt_time(minutes, t);
    rs_buf_str(b, t);
}

/* Appends "HH:MM–HH:MM" for a slot. */
static void hb_slot_span(rs_buf *b, const rs_slot *sl)
{
    hb_time(b, sl->start);
    rs_buf_str(b, "\xE2\x80\x93");
    hb_time(b, sl->end);
}

/* Appends the English weekday of a "YYYY-MM-DD" date and a space, or
 * nothing when the text is not such a date.  Computed from the calendar
 * (no locale, no time zone), so the bytes never depend on the machine. */
static void hb_weekday(rs_buf *b, const char *date)
{
    const char *name = rs_weekday_name(date);
    if (name) {
        rs_buf_str(b, name);
        rs_buf_str(b, " ");
    }
}

/* Appends a link to a participant's agenda: the escaped name, then the id
 * in small type. */
static void hb_person(rs_buf *b, const rs_event *ev, int p)
{
    if (p < 0 || p >= ev->np) {
        rs_buf_str(b, "<span class=\"none\">unknown</span>");
        return;
    }
    rs_buf_str(b, "<a href=\"#p-");
    hb_anchor(b, ev->p[p].id);
    rs_buf_str(b, "\">");
    hb_esc(b, ev->p[p].name);
    rs_buf_str(b, "</a> <span class=\"id\">");
    hb_esc(b, ev->p[p].id);
    rs_buf_str(b, "</span>");
}

/* Appends the meeting id of meeting i as schedule.json numbers it. */
static void hb_meeting_id(rs_buf *b, int i)
{
    rs_buf_fmt(b, "m%04d", i + 1);
}


/* Number of rooms of venue v. */
static int venue_rooms(const rs_event *ev, int v)
{
    int n = 0;
    for (int r = 0; r < ev->nrooms; r++)
        n += ev->rooms[r].venue == v;
    return n;
}

/* Appends the anchor of the grid of day d and venue v (after "#" or in an
 * id attribute): "grid-DATE__VENUE", both parts encoded. */
static void hb_grid_anchor(rs_buf *b, const rs_event *ev, int d, int v)
{
    rs_buf_str(b, "grid-");
    hb_anchor(b, ev->days[d].date);
    rs_buf_str(b, "__");
    hb_anchor(b, ev->venues[v].id);
}

/* ================================================================ sections */

/* <head>: charset first, title, generator and the stylesheet. */
static void put_head(html_ctx *c)
{
    rs_buf *b = &c->out;
    rs_buf_str(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"roadshow " RS_VERSION "\">\n<title>");
    hb_esc(b, c->ev->name);
    rs_buf_str(b, " \xE2\x80\x94 timetable</title>\n<style>\n");
    rs_buf_str(b, CSS);
    rs_buf_str(b, "</style>\n</head>\n");
}

/* One fact of the header: a label and a value (markup already escaped). */
static void put_fact(rs_buf *b, const char *key, const char *label, const char *value)
{
    rs_buf_fmt(b, "<div data-fact=\"%s\"><dt>%s</dt><dd>%s</dd></div>\n", key, label, value);
}

/* The header: event name, time zone, the solver's figures and counts. */
static void put_header(html_ctx *c)
{
    const rs_event *ev = c->ev;
    const rs_schedule *s = c->s;
    rs_buf *b = &c->out;
    rs_schedule_info info;
    rs_schedule_info_get(ev, s, &info);
    char v[96];
    int venues = 0;
    for (int i = 0; i < ev->nvenues; i++)
        venues += venue_rooms(ev, i) > 0;

    rs_buf_str(b, "<header id=\"summary\">\n<h1>");
    hb_esc(b, ev->name);
    rs_buf_str(b, "</h1>\n<p class=\"sub\">Timetable \xC2\xB7 times are local to ");
    hb_esc(b, ev->timezone);
    rs_buf_fmt(b, " \xC2\xB7 %d day%s, %d venue%s, %d room%s, %d-minute slots</p>\n", ev->ndays,
           ev->ndays == 1 ? "" : "s", venues, venues == 1 ? "" : "s", ev->nrooms,
           ev->nrooms == 1 ? "" : "s", ev->slot_minutes);
    rs_buf_str(b, "<dl class=\"facts\">\n");
    /* status is "optimal" or "feasible"; escaped all the same */
    rs_buf_str(b, "<div data-fact=\"status\"><dt>Status</dt><dd>");
    hb_esc(b, s->status[0] ? s->status : "unknown");
    rs_buf_str(b, "</dd></div>\n");
    rs_buf_str(b, "<div data-fact=\"objective\"><dt>Objective</dt><dd>");
    hb_num(b, s->objective);
    rs_buf_str(b, "</dd></div>\n<div data-fact=\"bound\"><dt>Bound</dt><dd>");
    hb_num(b, s->bound);
    rs_buf_str(b, "</dd></div>\n<div data-fact=\"gap\"><dt>Gap</dt><dd>");
    if (isnan(s->gap))
        rs_buf_str(b, "\xE2\x80\x94");
    else
        rs_buf_fmt(b, "%.2f%%", 100 * s->gap + 0.0);
    rs_buf_str(b, "</dd></div>\n");
    snprintf(v, sizeof v, "%d", s->nm);
    put_fact(b, "meetings", "Meetings", v);
    snprintf(v, sizeof v, "%d investors, %d SMEs", ev->ninv, ev->nsme);
    put_fact(b, "participants", "Participants", v);
    snprintf(v, sizeof v, "%d of %d", info.smes_served, info.smes);
    put_fact(b, "smes-served", "SMEs with a meeting", v);
    snprintf(v, sizeof v, "%d of %d", info.requests_met, info.requests);
    put_fact(b, "requests-met", "Requests met", v);
    snprintf(v, sizeof v, "%d", s->nunmet);
    put_fact(b, "unmet", "Unmet requests", v);
    snprintf(v, sizeof v, "%d", s->nshort);
    put_fact(b, "shortfalls", "Shortfalls", v);
    snprintf(v, sizeof v, "%d", s->idle_slots);
    put_fact(b, "idle-slots", "Idle slots", v);
    if (rs_event_counts_gaps(ev)) {
        snprintf(v, sizeof v, "%d", s->idle_gaps);
        put_fact(b, "idle-gaps", "Gaps", v);
    }
    snprintf(v, sizeof v, "%d slots, %ld room-slots", ev->nslots,
             (long)ev->nslots * (long)ev->nrooms);
    put_fact(b, "slots", "Slots", v);
    rs_buf_str(b, "</dl>\n");
    rs_buf_str(b, "<p class=\"legend\"><span><span class=\"tag sme\">SME</span>company pitching"
              "</span><span><span class=\"tag inv\">INV</span>investor</span>"
              "<span><span class=\"sw\" style=\"background:var(--meet)\"></span>meeting</span>"
              "<span><span class=\"sw\" style=\"background:var(--free)\"></span>free</span>"
              "<span><span class=\"sw\" style=\"background:var(--closed)\"></span>room closed"
              "</span><span><span class=\"sw\" style=\"background:var(--break)\"></span>break"
              "</span><span><span class=\"sw\" style=\"background:var(--travel)\"></span>"
              "travel between venues</span></p>\n</header>\n");
}

/* A list item of the contents linking to a participant's agenda. */
static void put_toc_person(html_ctx *c, int p)
{
    rs_buf *b = &c->out;
    const rs_participant *a = &c->ev->p[p];
    rs_buf_str(b, "<li><a href=\"#p-");
    hb_anchor(b, a->id);
    rs_buf_str(b, "\"><span class=\"id\">");
    hb_esc(b, a->id);
    rs_buf_str(b, "</span> ");
    hb_esc(b, a->name);
    rs_buf_fmt(b, "</a> (%d)</li>\n", c->agenda_at[p + 1] - c->agenda_at[p]);
}

/* The table of contents (hidden in print). */
static void put_toc(html_ctx *c)
{
    const rs_event *ev = c->ev;
    rs_buf *b = &c->out;
    rs_buf_str(b, "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ul>\n"
              "<li><a href=\"#summary\">Summary</a></li>\n"
              "<li><a href=\"#grids\">Room grids</a>\n<ul>\n");
    for (int d = 0; d < ev->ndays; d++) {
        rs_buf_str(b, "<li>");
        hb_weekday(b, ev->days[d].date);
        hb_esc(b, ev->days[d].date);
        rs_buf_str(b, ":");
        int first = 1;
        for (int v = 0; v < ev->nvenues; v++) {
            if (!venue_rooms(ev, v))
                continue;
            rs_buf_str(b, first ? " <a href=\"#" : " \xC2\xB7 <a href=\"#");
            first = 0;
            hb_grid_anchor(b, ev, d, v);
            rs_buf_str(b, "\">");
            hb_esc(b, ev->venues[v].name);
            rs_buf_str(b, "</a>");
        }
        rs_buf_str(b, "</li>\n");
    }
    /* long lists fold away (a native <details>, no script) so the first
     * grid shows on the first screen of a big event */
    const char *open = ev->np <= TOC_OPEN_MAX ? " open" : "";
    rs_buf_fmt(b, "</ul></li>\n<li><a href=\"#agendas\">Agendas</a>\n<ul>\n"
              "<li><details%s><summary>Investors (%d)</summary>\n<ul class=\"people\">\n",
           open, ev->ninv);
    for (int i = 0; i < ev->np; i++)
        if (ev->p[ev->id_order[i]].is_investor)
            put_toc_person(c, ev->id_order[i]);
    rs_buf_fmt(b, "</ul></details></li>\n<li><details%s><summary>SMEs (%d)</summary>\n"
              "<ul class=\"people\">\n",
           open, ev->nsme);
    for (int i = 0; i < ev->np; i++)
        if (!ev->p[ev->id_order[i]].is_investor)
            put_toc_person(c, ev->id_order[i]);
    rs_buf_fmt(b, "</ul></details></li>\n</ul></li>\n"
              "<li><a href=\"#unmet\">Unmet requests</a> (%d)</li>\n"
              "<li><a href=\"#shortfalls\">Shortfalls</a> (%d)</li>\n</ul>\n</nav>\n",
           c->s->nunmet, c->s->nshort);
}

/* The tag of participant p's side: INV or SME (a peer meeting has two of
 * one side, so each person is tagged by its own). */
static void hb_tag(rs_buf *b, const rs_event *ev, int p)
{
    rs_buf_str(b, ev->p[p].is_investor ? "<span class=\"tag inv\">INV</span>"
                                       : "<span class=\"tag sme\">SME</span>");
}

/* One meeting inside a grid cell: the SME, then its investor(s); a peer
 * meeting's two participants in the same places. */
static void put_cell_meeting(html_ctx *c, int i)
{
    const rs_event *ev = c->ev;
    const rs_meeting *m = &c->s->m[i];
    rs_buf *b = &c->out;
    rs_buf_str(b, "<div class=\"mtg\" data-meeting=\"");
    hb_meeting_id(b, i);
    rs_buf_str(b, "\" title=\"");
    hb_meeting_id(b, i);
    if (m->sme >= 0 && m->sme < ev->np) {
        rs_buf_str(b, ": ");
        hb_esc(b, ev->p[m->sme].name);
    }
    for (int k = 0; k < m->ninv; k++) {
        if (m->inv[k] < 0 || m->inv[k] >= ev->np)
            continue;
        rs_buf_str(b, k == 0 ? " \xC3\x97 " : ", ");
        hb_esc(b, ev->p[m->inv[k]].name);
    }
    rs_buf_str(b, "\">\n<div class=\"who sme-name\">");
    hb_tag(b, ev, m->sme);
    hb_person(b, ev, m->sme);
    rs_buf_str(b, "</div>\n");
    for (int k = 0; k < m->ninv; k++) {
        rs_buf_str(b, "<div class=\"who\">");
        hb_tag(b, ev, m->inv[k]);
        hb_person(b, ev, m->inv[k]);
        rs_buf_str(b, "</div>\n");
    }
    if (m->locked)
        rs_buf_str(b, "<div class=\"id\">locked</div>\n");
    rs_buf_str(b, "</div>\n");
}

/* The grid of day d and venue v: one row per slot (a break row where the
 * day pauses), one column per room of the venue. */
static void put_grid(html_ctx *c, int d, int v)
{
    const rs_event *ev = c->ev;
    const rs_day *day = &ev->days[d];
    rs_buf *b = &c->out;
    int nr = venue_rooms(ev, v), nmeet = 0;

    for (int k = day->first_slot; k < day->first_slot + day->nslots; k++)
        for (int r = 0; r < ev->nrooms; r++)
            if (ev->rooms[r].venue == v)
                for (int i = c->cell_head[(size_t)k * (size_t)ev->nrooms + (size_t)r]; i >= 0;
                     i = c->cell_next[i])
                    nmeet++;

    rs_buf_str(b, "<section class=\"grid\" id=\"");
    hb_grid_anchor(b, ev, d, v);
    rs_buf_str(b, "\" data-grid=\"");
    hb_esc(b, day->date);
    rs_buf_str(b, " ");
    hb_esc(b, ev->venues[v].id);
    rs_buf_str(b, "\">\n<h2><a class=\"top\" href=\"#summary\">contents \xE2\x86\x91</a>");
    hb_weekday(b, day->date);
    hb_esc(b, day->date);
    rs_buf_str(b, " \xC2\xB7 ");
    hb_esc(b, ev->venues[v].name);
    rs_buf_str(b, " <span class=\"id\">");
    hb_esc(b, ev->venues[v].id);
    rs_buf_fmt(b, "</span></h2>\n<p class=\"sub\">%d meeting%s in %d room%s</p>\n", nmeet,
           nmeet == 1 ? "" : "s", nr, nr == 1 ? "" : "s");
    rs_buf_str(b, "<table class=\"grid\">\n<colgroup><col class=\"time\">");
    for (int r = 0; r < nr; r++)
        rs_buf_str(b, "<col>");
    rs_buf_str(b, "</colgroup>\n<thead><tr><th scope=\"col\">Time</th>");
    for (int r = 0; r < ev->nrooms; r++) {
        const rs_room *room = &ev->rooms[r];
        if (room->venue != v)
            continue;
        rs_buf_str(b, "<th scope=\"col\" data-room=\"");
        hb_esc(b, room->id);
        rs_buf_str(b, "\">");
        hb_esc(b, room->name);
        rs_buf_str(b, "<br><span class=\"id\">");
        hb_esc(b, room->id);
        rs_buf_fmt(b, "</span> <span class=\"cap\">capacity %d</span></th>", room->capacity);
    }
    rs_buf_str(b, "</tr></thead>\n<tbody>\n");
    for (int k = day->first_slot; k < day->first_slot + day->nslots; k++) {
        const rs_slot *sl = &ev->slots[k];
        if (k > day->first_slot) {
            const rs_slot *pv = &ev->slots[k - 1];
            if (sl->start > pv->end + ev->changeover_minutes) {
                rs_buf_str(b, "<tr class=\"break\"><th scope=\"row\" class=\"time\">");
                hb_time(b, pv->end + ev->changeover_minutes);
                rs_buf_str(b, "\xE2\x80\x93");
                hb_time(b, sl->start);
                rs_buf_fmt(b, "</th><td colspan=\"%d\">Break</td></tr>\n", nr);
            }
        }
        rs_buf_str(b, "<tr><th scope=\"row\" class=\"time\">");
        hb_slot_span(b, sl);
        rs_buf_str(b, "</th>");
        for (int r = 0; r < ev->nrooms; r++) {
            const rs_room *room = &ev->rooms[r];
            if (room->venue != v)
                continue;
            int head = c->cell_head[(size_t)k * (size_t)ev->nrooms + (size_t)r];
            if (head < 0) {
                if (room->avail && !room->avail[k])
                    rs_buf_str(b, "<td class=\"closed\">closed</td>");
                else
                    rs_buf_str(b, "<td class=\"free\">free</td>");
                continue;
            }
            rs_buf_str(b, c->cell_next[head] >= 0 ? "<td class=\"m clash\">\n" : "<td class=\"m\">\n");
            for (int i = head; i >= 0; i = c->cell_next[i])
                put_cell_meeting(c, i);
            rs_buf_str(b, "</td>");
        }
        rs_buf_str(b, "</tr>\n");
    }
    rs_buf_str(b, "</tbody>\n</table>\n</section>\n");
}

/* The other party of participant p in meeting m: the SME for an investor
 * (and the fellow investors of a group pitch), the investors for an SME. */
static void put_other_party(html_ctx *c, int p, const rs_meeting *m)
{
    const rs_event *ev = c->ev;
    rs_buf *b = &c->out;
    if (p != m->sme) {
        hb_tag(b, ev, m->sme);
        hb_person(b, ev, m->sme);
        int others = 0;
        for (int k = 0; k < m->ninv; k++) {
            if (m->inv[k] == p)
                continue;
            rs_buf_str(b, others++ ? ", " : "<br>with ");
            hb_person(b, ev, m->inv[k]);
        }
        return;
    }
    for (int k = 0; k < m->ninv; k++) {
        if (k)
            rs_buf_str(b, "<br>");
        hb_tag(b, ev, m->inv[k]);
        hb_person(b, ev, m->inv[k]);
    }
}

/* The agenda of participant p: its meetings in time order, with a travel
 * row between two meetings of one day in different venues. */
static void put_agenda(html_ctx *c, int p)
{
    const rs_event *ev = c->ev;
    const rs_participant *a = &ev->p[p];
    rs_buf *b = &c->out;
    const int *list = c->agenda + c->agenda_at[p];
    int n = c->agenda_at[p + 1] - c->agenda_at[p];

    rs_buf_str(b, "<section class=\"agenda\" id=\"p-");
    hb_anchor(b, a->id);
    rs_buf_str(b, "\" data-participant=\"");
    hb_esc(b, a->id);
    rs_buf_str(b, "\">\n<h2><a class=\"top\" href=\"#summary\">contents \xE2\x86\x91</a>");
    rs_buf_str(b, a->is_investor ? "<span class=\"tag inv\">INV</span>"
                             : "<span class=\"tag sme\">SME</span>");
    hb_esc(b, a->name);
    rs_buf_str(b, " <span class=\"id\">");
    hb_esc(b, a->id);
    rs_buf_str(b, "</span></h2>\n<p class=\"sub\">");
    if (a->organisation) {
        hb_esc(b, a->organisation);
        rs_buf_str(b, " \xC2\xB7 ");
    }
    rs_buf_str(b, a->is_investor ? "Investor" : "SME");
    if (!a->is_investor && a->stage) {
        rs_buf_str(b, ", stage ");
        hb_esc(b, a->stage);
    }
    rs_buf_fmt(b, " \xC2\xB7 %d meeting%s", n, n == 1 ? "" : "s");
    if (a->min_meetings > 0)
        rs_buf_fmt(b, ", minimum %d", a->min_meetings);
    if (a->max_meetings < RS_UNLIMITED)
        rs_buf_fmt(b, ", maximum %d", a->max_meetings);
    if (a->team_size > 1)
        rs_buf_fmt(b, " \xC2\xB7 team of %d", a->team_size);
    if (c->short_of[p] >= 0)
        rs_buf_fmt(b, " \xC2\xB7 <span class=\"warn\">%d short of the minimum</span>",
               c->s->short_[c->short_of[p]].minimum - c->s->short_[c->short_of[p]].meetings);
    rs_buf_str(b, "</p>\n");
    if (n == 0) {
        rs_buf_str(b, "<p class=\"none\">No meetings.</p>\n</section>\n");
        return;
    }
    rs_buf_str(b, "<table class=\"agenda\">\n<thead><tr><th scope=\"col\">Date</th>"
              "<th scope=\"col\">Time</th><th scope=\"col\">Venue</th><th scope=\"col\">Room</th>"
              "<th scope=\"col\">With</th></tr></thead>\n<tbody>\n");
    for (int j = 0; j < n; j++) {
        const rs_meeting *m = &c->s->m[list[j]];
        const rs_slot *sl = &ev->slots[m->slot];
        int room_ok = m->room >= 0 && m->room < ev->nrooms;
        int venue = room_ok ? ev->rooms[m->room].venue : -1;
        if (j > 0 && room_ok) {
            const rs_meeting *pm = &c->s->m[list[j - 1]];
            const rs_slot *ps = &ev->slots[pm->slot];
            int pr_ok = pm->room >= 0 && pm->room < ev->nrooms;
            int pv = pr_ok ? ev->rooms[pm->room].venue : -1;
            if (pr_ok && ps->day == sl->day && pv != venue) {
                int need = rs_travel(ev, pv, venue), have = sl->start - ps->end;
                rs_buf_str(b, "<tr class=\"travel\" data-travel=\"");
                hb_esc(b, ev->venues[pv].id);
                rs_buf_str(b, " ");
                hb_esc(b, ev->venues[venue].id);
                rs_buf_str(b, "\"><td></td><td class=\"when\">");
                hb_time(b, ps->end);
                rs_buf_str(b, "\xE2\x80\x93");
                hb_time(b, sl->start);
                rs_buf_str(b, "</td><td colspan=\"3\">Travel from ");
                hb_esc(b, ev->venues[pv].name);
                rs_buf_str(b, " to ");
                hb_esc(b, ev->venues[venue].name);
                rs_buf_fmt(b, ": %d min (%d min between the meetings)</td></tr>\n", need, have);
            }
        }
        rs_buf_str(b, "<tr data-agenda-meeting=\"");
        hb_meeting_id(b, list[j]);
        rs_buf_str(b, "\"><td class=\"when\">");
        hb_weekday(b, ev->days[sl->day].date);
        hb_esc(b, ev->days[sl->day].date);
        rs_buf_str(b, "</td><td class=\"when\">");
        hb_slot_span(b, sl);
        rs_buf_str(b, "</td><td>");
        if (room_ok) {
            rs_buf_str(b, "<a href=\"#");
            hb_grid_anchor(b, ev, sl->day, venue);
            rs_buf_str(b, "\">");
            hb_esc(b, ev->venues[venue].name);
            rs_buf_str(b, "</a></td><td>");
            hb_esc(b, ev->rooms[m->room].name);
            rs_buf_str(b, " <span class=\"id\">");
            hb_esc(b, ev->rooms[m->room].id);
            rs_buf_str(b, "</span>");
        } else {
            rs_buf_str(b, "</td><td>");
        }
        rs_buf_str(b, "</td><td>");
        put_other_party(c, p, m);
        rs_buf_str(b, "</td></tr>\n");
    }
    rs_buf_str(b, "</tbody>\n</table>\n</section>\n");
}

/* The requests the schedule does not grant, with the reason of each. */
static void put_unmet(html_ctx *c)
{
    const rs_event *ev = c->ev;
    const rs_schedule *s = c->s;
    rs_buf *b = &c->out;
    rs_buf_fmt(b, "<section class=\"report\" id=\"unmet\" data-count=\"%d\">\n"
              "<h2><a class=\"top\" href=\"#summary\">contents \xE2\x86\x91</a>"
              "Unmet requests (%d)</h2>\n",
           s->nunmet, s->nunmet);
    if (s->nunmet == 0) {
        rs_buf_str(b, "<p class=\"none\">Every request was met.</p>\n</section>\n");
        return;
    }
    rs_buf_str(b, "<table class=\"report\">\n<thead><tr><th scope=\"col\">From</th>"
              "<th scope=\"col\">To</th><th scope=\"col\">Priority</th>"
              "<th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < s->nunmet; i++) {
        const rs_unmet *u = &s->unmet[i];
        rs_buf_str(b, "<tr data-unmet=\"\"><td>");
        hb_person(b, ev, u->from);
        rs_buf_str(b, "</td><td>");
        hb_person(b, ev, u->to);
        rs_buf_fmt(b, "</td><td>%s</td><td>", rs_priority_name(u->priority));
        hb_esc(b, u->reason);
        rs_buf_str(b, "</td></tr>\n");
    }
    rs_buf_str(b, "</tbody>\n</table>\n</section>\n");
}

/* The participants below their minimum number of meetings. */
static void put_shortfalls(html_ctx *c)
{
    const rs_event *ev = c->ev;
    const rs_schedule *s = c->s;
    rs_buf *b = &c->out;
    rs_buf_fmt(b, "<section class=\"report\" id=\"shortfalls\" data-count=\"%d\">\n"
              "<h2><a class=\"top\" href=\"#summary\">contents \xE2\x86\x91</a>"
              "Shortfalls (%d)</h2>\n",
           s->nshort, s->nshort);
    if (s->nshort == 0) {
        rs_buf_str(b, "<p class=\"none\">Every participant has its minimum number of meetings."
                  "</p>\n</section>\n");
        return;
    }
    rs_buf_str(b, "<table class=\"report\">\n<thead><tr><th scope=\"col\">Participant</th>"
              "<th scope=\"col\">Meetings</th><th scope=\"col\">Minimum</th>"
              "<th scope=\"col\">Reason</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < s->nshort; i++) {
        const rs_shortfall *f = &s->short_[i];
        rs_buf_str(b, "<tr data-shortfall=\"\"><td>");
        hb_person(b, ev, f->participant);
        rs_buf_fmt(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td>", f->meetings,
               f->minimum);
        if (f->reason)
            hb_esc(b, f->reason);
        else
            rs_buf_str(b, "\xE2\x80\x94");
        rs_buf_str(b, "</td></tr>\n");
    }
    rs_buf_str(b, "</tbody>\n</table>\n</section>\n");
}

/* The whole page into c->out. */
static void put_page(html_ctx *c)
{
    const rs_event *ev = c->ev;
    rs_buf *b = &c->out;
    put_head(c);
    rs_buf_str(b, "<body>\n<main>\n");
    put_header(c);
    put_toc(c);
    rs_buf_str(b, "<div id=\"grids\">\n");
    for (int d = 0; d < ev->ndays; d++)
        for (int v = 0; v < ev->nvenues; v++)
            if (venue_rooms(ev, v))
                put_grid(c, d, v);
    rs_buf_str(b, "</div>\n<div id=\"agendas\">\n");
    for (int pass = 1; pass >= 0; pass--)
        for (int i = 0; i < ev->np; i++)
            if (ev->p[ev->id_order[i]].is_investor == pass)
                put_agenda(c, ev->id_order[i]);
    rs_buf_str(b, "</div>\n");
    put_unmet(c);
    put_shortfalls(c);
    rs_buf_str(b, "</main>\n</body>\n</html>\n");
}

/* Writes OUT_DIR/timetable.html: the page is built in memory, then
 * replaces the old file in one rename. */
static rs_code write_html(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                          rs_diag *diag)
{
    rs_code rc = RS_ENOMEM;
    html_ctx c;
    memset(&c, 0, sizeof c);
    char *path = rs_path_join(out_dir, "timetable.html");
    if (!path || html_ctx_build(&c, ev, s) != 0) {
        rs_diag_add(diag, "%s/timetable.html: out of memory", out_dir);
        goto done;
    }
    put_page(&c);
    if (c.out.oom || !c.out.p) {
        rs_diag_add(diag, "%s: out of memory", path);
        goto done;
    }
    rc = rs_write_file_atomic(path, c.out.p, c.out.n, diag);
done:
    html_ctx_free(&c);
    free(path);
    return rc;
}

const rs_exporter rs_export_html = {"html", write_html};
