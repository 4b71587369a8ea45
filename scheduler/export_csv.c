/*
 * export_csv.c - OUT_DIR/meetings.csv, the timetable as a spreadsheet.
 *
 * One row per meeting and investor (a group pitch to three investors gives
 * three rows sharing a meeting_id), in schedule.json's order (date, start,
 * room), then by investor id; meeting ids are schedule.json's.  The file
 * follows RFC 4180: CRLF after every row, a header row, fields in double
 * quotes when they hold a comma, a double quote, CR or LF, inner quotes
 * doubled.
 *
 * It starts with a UTF-8 byte order mark: Excel, which is what an event
 * team double-clicks a .csv into, reads a file without one in the
 * machine's ANSI code page and turns Chinese names into mojibake; with the
 * mark it reads UTF-8.  LibreOffice, Python's "utf-8-sig" and most CSV
 * libraries skip the mark.
 *
 * Formula neutralisation (OWASP "CSV Injection"): a spreadsheet runs a
 * cell that starts with '=', '+', '-', '@', tab or CR as a formula, and
 * names come from the organiser's files, who may have copied them from
 * anywhere.  Every text cell taken from the input (ids, names, dates) that
 * starts with one of those characters, possibly after single quotes, gets
 * one more single quote in front, so spreadsheets show it as text.  The
 * rule is exactly reversible: a reader drops one leading quote from a text
 * cell matching ^'+[=+\-@\t\r].  Numbers and words this file writes itself
 * (scores, times, weekdays, "true") are never touched: a negative score
 * stays a number.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_BOM "\xEF\xBB\xBF"
#define CSV_TRIGGERS "=+-@\t\r"

static const char CSV_HEADER[] =
    "meeting_id,date,weekday,start,end,venue_id,venue_name,room_id,room_name,"
    "sme_id,sme_name,investor_id,investor_name,investor_organisation,"
    "score,meeting_score,investor_request,sme_request,locked\r\n";

/* Whether input text must get a neutralising quote: it starts, after any
 * single quotes, with a character a spreadsheet reads as a formula. */
static int needs_neutralising(const char *s)
{
    while (*s == '\'')
        s++;
    return *s != '\0' && strchr(CSV_TRIGGERS, *s) != NULL;
}

/* Appends a text cell taken from the input (NULL appends an empty cell):
 * neutralised as the header comment says, bytes that are not UTF-8
 * replaced by U+FFFD (the reader rejects them, but a broken byte would
 * make the whole file unreadable as UTF-8), quoted when RFC 4180 asks. */
static void csv_text(rs_buf *b, const char *text)
{
    if (!text)
        return;
    const unsigned char *s = (const unsigned char *)text;
    int quote = strpbrk(text, ",\"\r\n") != NULL;
    if (quote)
        rs_buf_add(b, "\"", 1);
    if (needs_neutralising(text))
        rs_buf_add(b, "'", 1);
    while (*s) {
        size_t n = rs_utf8_len(s, 4);
        if (n == 0) {
            rs_buf_str(b, "\xEF\xBF\xBD");
            s++;
        } else if (*s == '"') {
            rs_buf_add(b, "\"\"", 2);
            s++;
        } else {
            rs_buf_add(b, (const char *)s, n);
            s += n;
        }
    }
    if (quote)
        rs_buf_add(b, "\"", 1);
}

/* Appends a separator and then a text cell from the input. */
static void csv_next_text(rs_buf *b, const char *text)
{
    rs_buf_add(b, ",", 1);
    csv_text(b, text);
}

/* Appends a separator and a cell this file makes up itself (a number, a
 * time, a fixed word): never quoted nor neutralised, since none of them
 * holds a comma, a quote or a line break. */
static void csv_next_own(rs_buf *b, const char *word)
{
    rs_buf_add(b, ",", 1);
    rs_buf_str(b, word);
}

/* Appends a separator and a number as schedule.json writes it. */
static void csv_next_num(rs_buf *b, double v)
{
    char num[64];
    rs_fmt_num(v, num, sizeof num);
    csv_next_own(b, num);
}


/* Sorts n investor participant indices by id (byte order).  Insertion
 * sort: a meeting holds a handful, and no file-wide state is needed, so
 * two threads may export at once. */
static void sort_by_id(const rs_event *ev, int *inv, int n)
{
    for (int i = 1; i < n; i++) {
        int x = inv[i], j = i;
        for (; j > 0 && strcmp(ev->p[inv[j - 1]].id, ev->p[x].id) > 0; j--)
            inv[j] = inv[j - 1];
        inv[j] = x;
    }
}

/* Appends the rows of meeting i (its investors sorted by id into the
 * scratch array inv, which holds at least m->ninv ints). */
static void csv_meeting(rs_buf *b, const rs_event *ev, const rs_meeting *m, int i, int *inv)
{
    const rs_slot *sl = &ev->slots[m->slot];
    const rs_day *day = &ev->days[sl->day];
    const rs_room *room = &ev->rooms[m->room];
    const rs_named *venue = &ev->venues[room->venue];
    const rs_participant *sme = &ev->p[m->sme];
    const char *weekday = rs_weekday_name(day->date);
    char id[16], t1[6], t2[6];
    snprintf(id, sizeof id, "m%04d", i + 1);
    rs_fmt_time(sl->start, t1);
    rs_fmt_time(sl->end, t2);
    double total = 0;
    for (int k = 0; k < m->ninv; k++) {
        total += rs_pair_score(ev, m->inv[k], m->sme, NULL, NULL, NULL);
        inv[k] = m->inv[k];
    }
    sort_by_id(ev, inv, m->ninv);
    for (int k = 0; k < m->ninv; k++) {
        const rs_participant *in = &ev->p[inv[k]];
        rs_buf_str(b, id);
        csv_next_text(b, day->date);
        csv_next_own(b, weekday ? weekday : "");
        csv_next_own(b, t1);
        csv_next_own(b, t2);
        csv_next_text(b, venue->id);
        csv_next_text(b, venue->name);
        csv_next_text(b, room->id);
        csv_next_text(b, room->name);
        csv_next_text(b, sme->id);
        csv_next_text(b, sme->name);
        csv_next_text(b, in->id);
        csv_next_text(b, in->name);
        csv_next_text(b, in->organisation);
        csv_next_num(b, rs_pair_score(ev, inv[k], m->sme, NULL, NULL, NULL));
        csv_next_num(b, total);
        csv_next_own(b, rs_priority_name(rs_request_priority(ev, inv[k], m->sme)));
        csv_next_own(b, rs_priority_name(rs_request_priority(ev, m->sme, inv[k])));
        csv_next_own(b, m->locked ? "true" : "false");
        rs_buf_add(b, "\r\n", 2);
    }
}

/* Builds the whole file in memory, then replaces OUT_DIR/meetings.csv in
 * one rename, so a failure leaves the previous file (or none) in place. */
static rs_code write_csv(const rs_event *ev, const rs_schedule *s, const char *out_dir,
                         rs_diag *diag)
{
    rs_code rc = RS_OK;
    rs_buf b = {NULL, 0, 0, 0};
    int *inv = NULL, most = 1;
    char *path = rs_path_join(out_dir, "meetings.csv");
    for (int i = 0; i < s->nm; i++)
        if (s->m[i].ninv > most)
            most = s->m[i].ninv;
    inv = malloc((size_t)most * sizeof(int));
    if (!path || !inv) {
        rc = RS_ENOMEM;
        goto done;
    }
    rs_buf_str(&b, CSV_BOM);
    rs_buf_str(&b, CSV_HEADER);
    for (int i = 0; i < s->nm; i++)
        csv_meeting(&b, ev, &s->m[i], i, inv);
    if (b.oom) {
        rc = RS_ENOMEM;
        goto done;
    }
    rc = rs_write_file_atomic(path, b.p, b.n, diag);
done:
    if (rc == RS_ENOMEM && (!path || !inv || b.oom))
        rs_diag_add(diag, "%s: out of memory", path ? path : "meetings.csv");
    free(path);
    free(inv);
    free(b.p);
    return rc;
}

const rs_exporter rs_export_csv = {"csv", write_csv};
