/*
 * test_export_csv.c - meetings.csv read back with a strict RFC 4180 parser.
 *
 * Schedules are built in memory on tests/data/csv/hostile (names with
 * commas, quotes, line breaks, leading formula characters and Chinese), so
 * every meeting and every investor is known: each row of the file is
 * compared, cell by cell, with the structs it came from.  Also: group
 * meetings (rows per investor, sorted by id), the neutralisation rule one
 * case at a time, bytes that do not change between writes, and a write
 * that fails without leaving a file behind.
 */
#include "testutil.h"

#include <time.h>

#define BOM "\xEF\xBB\xBF"
#define NCOLS 19

static const char *const HEADER[NCOLS] = {
    "meeting_id", "date", "weekday", "start", "end", "venue_id", "venue_name",
    "room_id", "room_name", "sme_id", "sme_name", "investor_id", "investor_name",
    "investor_organisation", "score", "meeting_score", "investor_request", "sme_request",
    "locked"};
enum {
    C_ID, C_DATE, C_WEEKDAY, C_START, C_END, C_VENUE, C_VENUE_NAME, C_ROOM, C_ROOM_NAME,
    C_SME, C_SME_NAME, C_INV, C_INV_NAME, C_INV_ORG, C_SCORE, C_MSCORE, C_INV_REQ, C_SME_REQ,
    C_LOCKED
};

/* ------------------------------------------------------------ parser */

/* A parsed CSV file: rows of NUL-terminated fields. */
typedef struct {
    char ***rows;
    int *nfields;
    int nrows, cap;
} csv_table;

static void csv_free(csv_table *t)
{
    for (int r = 0; r < t->nrows; r++) {
        for (int f = 0; f < t->nfields[r]; f++)
            free(t->rows[r][f]);
        free(t->rows[r]);
    }
    free(t->rows);
    free(t->nfields);
    memset(t, 0, sizeof *t);
}

static void csv_push_field(csv_table *t, const char *s, size_t n)
{
    int r = t->nrows - 1;
    char **row = realloc(t->rows[r], (size_t)(t->nfields[r] + 1) * sizeof(char *));
    assert_non_null(row);
    t->rows[r] = row;
    row[t->nfields[r]] = malloc(n + 1);
    assert_non_null(row[t->nfields[r]]);
    memcpy(row[t->nfields[r]], s, n);
    row[t->nfields[r]][n] = '\0';
    t->nfields[r]++;
}

static void csv_push_row(csv_table *t)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->rows = realloc(t->rows, (size_t)t->cap * sizeof(char **));
        t->nfields = realloc(t->nfields, (size_t)t->cap * sizeof(int));
        assert_non_null(t->rows);
        assert_non_null(t->nfields);
    }
    t->rows[t->nrows] = NULL;
    t->nfields[t->nrows] = 0;
    t->nrows++;
}

/* Parses RFC 4180 strictly: every record ends with CRLF (the last one
 * too), a CR or LF outside quotes is an error, a quote may only open a
 * field or (doubled) stand inside a quoted one, and a closing quote must
 * be followed by a comma or CRLF.  Returns -1 (printing where) on the
 * first violation, 0 otherwise. */
static int csv_parse(const char *p, size_t len, csv_table *t)
{
    memset(t, 0, sizeof *t);
    char *cell = malloc(len + 1);
    assert_non_null(cell);
    size_t i = 0;
    int rc = 0;
    while (i < len) {
        csv_push_row(t);
        for (;;) { /* one field */
            size_t n = 0;
            if (i < len && p[i] == '"') {
                i++;
                for (;;) {
                    if (i >= len) {
                        print_error("csv: quoted field not closed\n");
                        rc = -1;
                        goto done;
                    }
                    if (p[i] == '"') {
                        if (i + 1 < len && p[i + 1] == '"') {
                            cell[n++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    cell[n++] = p[i++];
                }
            } else {
                while (i < len && p[i] != ',' && p[i] != '\r' && p[i] != '\n') {
                    if (p[i] == '"') {
                        print_error("csv: quote inside an unquoted field at byte %zu\n", i);
                        rc = -1;
                        goto done;
                    }
                    cell[n++] = p[i++];
                }
            }
            csv_push_field(t, cell, n);
            if (i < len && p[i] == ',') {
                i++;
                continue;
            }
            if (i + 1 < len && p[i] == '\r' && p[i + 1] == '\n') {
                i += 2;
                break;
            }
            print_error("csv: expected a comma or CRLF at byte %zu\n", i);
            rc = -1;
            goto done;
        }
    }
done:
    free(cell);
    return rc;
}

/* ------------------------------------------------------------ helpers */

static const char TRIGGERS[] = "=+-@\t\r";

/* The input text a cell stands for: the exporter adds one quote in front
 * of text matching ^'*[=+-@\t\r], so one is dropped from ^'+[=+-@\t\r]. */
static const char *unneutralise(const char *cell)
{
    const char *s = cell;
    while (*s == '\'')
        s++;
    return s != cell && *s && strchr(TRIGGERS, *s) ? cell + 1 : cell;
}

static const char *prio_word(int p)
{
    return p == RS_PRIO_MUST ? "must" : p == RS_PRIO_HIGH ? "high"
                                      : p == RS_PRIO_NORMAL ? "normal" : "";
}

/* The weekday by the C library in UTC (another route than the exporter's). */
static const char *weekday_of(const char *date)
{
    static const char *const NAMES[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    assert_int_equal(sscanf(date, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday), 3);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    struct tm out;
    assert_non_null(gmtime_r(&t, &out));
    return NAMES[out.tm_wday];
}

static const rs_event *cmp_ev_;

static int cmp_by_id(const void *a, const void *b)
{
    return strcmp(cmp_ev_->p[*(const int *)a].id, cmp_ev_->p[*(const int *)b].id);
}

/* Writes the csv of s into dir and returns the file's bytes (*len). */
static char *write_and_read(const rs_event *ev, const rs_schedule *s, const char *dir,
                            size_t *len)
{
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    rs_code rc = rs_export_csv.write(ev, s, dir, d);
    tu_diag_print(d, "  diag: ");
    assert_int_equal(rc, RS_OK);
    assert_int_equal(rs_diag_count(d), 0);
    rs_diag_free(d);
    char *path = tu_path(dir, "meetings.csv");
    char *bytes = tu_read_file(path, len);
    free(path);
    assert_non_null(bytes);
    return bytes;
}

/* Whether the bytes are valid UTF-8 throughout. */
static int valid_utf8(const char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t k = rs_utf8_len((const unsigned char *)p + i, len - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Text cells (input values): none may start like a formula. */
static const int TEXT_COLS[] = {C_DATE, C_VENUE, C_VENUE_NAME, C_ROOM, C_ROOM_NAME, C_SME,
                                C_SME_NAME, C_INV, C_INV_NAME, C_INV_ORG};

static void expect_cell(const char *got, const char *want, int row, const char *col)
{
    if (strcmp(got, want) != 0) {
        print_error("row %d, %s: got \"%s\", want \"%s\"\n", row, col, got, want);
        fail();
    }
}

/* Writes and parses the csv of s, then checks the file against the
 * structs: BOM, header, one row per meeting and investor in meeting order
 * then investor id, every cell's value; returns the parsed table. */
static void check_file(const rs_event *ev, const rs_schedule *s, csv_table *t)
{
    char *dir = tu_mkdtemp();
    size_t len = 0;
    char *bytes = write_and_read(ev, s, dir, &len);
    tu_rmtree(dir);
    free(dir);
    assert_true(len >= 3);
    assert_memory_equal(bytes, BOM, 3);
    assert_true(valid_utf8(bytes, len));
    assert_int_equal(csv_parse(bytes + 3, len - 3, t), 0);
    free(bytes);

    int rows = 0;
    for (int i = 0; i < s->nm; i++)
        rows += s->m[i].ninv;
    assert_int_equal(t->nrows, 1 + rows);
    for (int r = 0; r < t->nrows; r++)
        assert_int_equal(t->nfields[r], NCOLS);
    for (int c = 0; c < NCOLS; c++)
        expect_cell(t->rows[0][c], HEADER[c], 0, "header");

    int r = 1;
    for (int i = 0; i < s->nm; i++) {
        const rs_meeting *m = &s->m[i];
        const rs_slot *sl = &ev->slots[m->slot];
        const rs_room *room = &ev->rooms[m->room];
        int inv[16];
        assert_true(m->ninv <= 16);
        memcpy(inv, m->inv, (size_t)m->ninv * sizeof(int));
        cmp_ev_ = ev;
        qsort(inv, (size_t)m->ninv, sizeof(int), cmp_by_id);
        double total = 0;
        for (int k = 0; k < m->ninv; k++)
            total += rs_pair_score(ev, inv[k], m->sme, NULL, NULL, NULL);
        for (int k = 0; k < m->ninv; k++, r++) {
            char **f = t->rows[r];
            char id[16], t1[32], t2[32];
            snprintf(id, sizeof id, "m%04d", i + 1);
            snprintf(t1, sizeof t1, "%02d:%02d", sl->start / 60, sl->start % 60);
            snprintf(t2, sizeof t2, "%02d:%02d", sl->end / 60, sl->end % 60);
            const rs_participant *sme = &ev->p[m->sme], *in = &ev->p[inv[k]];
            for (size_t c = 0; c < sizeof TEXT_COLS / sizeof TEXT_COLS[0]; c++)
                if (f[TEXT_COLS[c]][0] && strchr(TRIGGERS, f[TEXT_COLS[c]][0])) {
                    print_error("row %d, %s starts like a formula: %s\n", r,
                                HEADER[TEXT_COLS[c]], f[TEXT_COLS[c]]);
                    fail();
                }
            expect_cell(f[C_ID], id, r, "meeting_id");
            expect_cell(unneutralise(f[C_DATE]), ev->days[sl->day].date, r, "date");
            expect_cell(f[C_WEEKDAY], weekday_of(ev->days[sl->day].date), r, "weekday");
            expect_cell(f[C_START], t1, r, "start");
            expect_cell(f[C_END], t2, r, "end");
            expect_cell(unneutralise(f[C_VENUE]), ev->venues[room->venue].id, r, "venue_id");
            expect_cell(unneutralise(f[C_VENUE_NAME]), ev->venues[room->venue].name, r,
                        "venue_name");
            expect_cell(unneutralise(f[C_ROOM]), room->id, r, "room_id");
            expect_cell(unneutralise(f[C_ROOM_NAME]), room->name, r, "room_name");
            expect_cell(unneutralise(f[C_SME]), sme->id, r, "sme_id");
            expect_cell(unneutralise(f[C_SME_NAME]), sme->name, r, "sme_name");
            expect_cell(unneutralise(f[C_INV]), in->id, r, "investor_id");
            expect_cell(unneutralise(f[C_INV_NAME]), in->name, r, "investor_name");
            expect_cell(unneutralise(f[C_INV_ORG]), in->organisation ? in->organisation : "",
                        r, "investor_organisation");
            char *end;
            double sc = strtod(f[C_SCORE], &end);
            assert_true(end != f[C_SCORE] && *end == '\0');
            assert_true(fabs(sc - rs_pair_score(ev, inv[k], m->sme, NULL, NULL, NULL)) < 1e-9);
            sc = strtod(f[C_MSCORE], &end);
            assert_true(end != f[C_MSCORE] && *end == '\0');
            assert_true(fabs(sc - total) < 1e-9);
            expect_cell(f[C_INV_REQ], prio_word(rs_request_priority(ev, inv[k], m->sme)), r,
                        "investor_request");
            expect_cell(f[C_SME_REQ], prio_word(rs_request_priority(ev, m->sme, inv[k])), r,
                        "sme_request");
            expect_cell(f[C_LOCKED], m->locked ? "true" : "false", r, "locked");
        }
    }
}

static rs_event *load_hostile(void)
{
    char *dir = tu_path(tu_data_dir(), "csv/hostile");
    rs_event *ev = tu_load_ok(dir);
    free(dir);
    return ev;
}

/* Index of the participant with this id (which must exist). */
static int who(const rs_event *ev, const char *id)
{
    int p = rs_find_participant(ev, id);
    assert_true(p >= 0);
    return p;
}

/* Every investor meets every SME once, one meeting per room and slot in
 * turn (a schedule the exporter cannot tell from a solved one), sorted in
 * the contract's order; every third one locked. */
static rs_schedule *all_pairs(const rs_event *ev)
{
    rs_schedule *s = rs_schedule_new();
    assert_non_null(s);
    int k = 0;
    for (int sme = ev->ninv; sme < ev->np; sme++)
        for (int inv = 0; inv < ev->ninv; inv++, k++) {
            assert_true(k < ev->nslots * ev->nrooms);
            assert_int_equal(rs_schedule_add(s, k / ev->nrooms, k % ev->nrooms, sme, &inv, 1,
                                             rs_pair_score(ev, inv, sme, NULL, NULL, NULL),
                                             k % 3 == 0),
                             0);
        }
    rs_schedule_sort(ev, s);
    return s;
}

/* Whether some data row has want (exactly) in column col. */
static int has_cell(const csv_table *t, int col, const char *want)
{
    for (int r = 1; r < t->nrows; r++)
        if (strcmp(t->rows[r][col], want) == 0)
            return 1;
    return 0;
}

/* ------------------------------------------------------------ tests */

static void test_hostile_one_to_one(void **state)
{
    (void)state;
    rs_event *ev = load_hostile();
    rs_schedule *s = all_pairs(ev);
    assert_int_equal(s->nm, ev->ninv * ev->nsme);
    csv_table t;
    check_file(ev, s, &t);
    /* a few cells spelt out, so the comparison above cannot hide a rule
     * applied the same wrong way on both sides */
    assert_true(has_cell(&t, C_INV, "'-inv-minus"));
    assert_true(has_cell(&t, C_INV_ORG, "'=1+1"));
    assert_true(has_cell(&t, C_INV_ORG, "''=already quoted"));
    assert_true(has_cell(&t, C_INV_ORG, "'s-Hertogenbosch Holdings"));
    assert_true(has_cell(&t, C_INV_NAME, "\"Quoted\" Partners, LP"));
    assert_true(has_cell(&t, C_INV_NAME, "'@Home Ventures"));
    assert_true(has_cell(&t, C_INV_NAME, "成都天使投资\nChengdu Angels"));
    assert_true(has_cell(&t, C_SME_NAME, "'\rCarriage Return Co"));
    assert_true(has_cell(&t, C_SME_NAME, "'\t=cmd|'/c calc'!A1"));
    assert_true(has_cell(&t, C_SME_NAME, "'''+quotes then plus"));
    assert_true(has_cell(&t, C_SME_NAME, "蓉安密码 Rong'an Crypto"));
    assert_true(has_cell(&t, C_VENUE_NAME, "West \"Annex\", Floor 2\r\nback entrance"));
    assert_true(has_cell(&t, C_ROOM_NAME, "'\tTab room"));
    assert_true(has_cell(&t, C_SME_REQ, "high"));
    assert_true(has_cell(&t, C_INV_REQ, "must"));
    assert_true(has_cell(&t, C_WEEKDAY, "Thursday") && has_cell(&t, C_WEEKDAY, "Friday"));
    csv_free(&t);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* Group pitches: a row per investor, sorted by id although the file (and
 * so the index order) lists them otherwise; the meeting score is the sum. */
static void test_group_meetings(void **state)
{
    (void)state;
    rs_event *ev = load_hostile();
    ev->format = RS_FORMAT_GROUP;
    rs_schedule *s = rs_schedule_new();
    assert_non_null(s);
    int three[3] = {who(ev, "inv-quote"), who(ev, "inv-cn"), who(ev, "-inv-minus")};
    int two[2] = {who(ev, "inv-quote"), who(ev, "inv-at")};
    int all[4] = {0, 1, 2, 3};
    assert_int_equal(rs_schedule_add(s, 1, 0, who(ev, "sme-tab"), three, 3, 0, 1), 0);
    assert_int_equal(rs_schedule_add(s, 0, 2, who(ev, "-sme"), two, 2, 0, 0), 0);
    assert_int_equal(rs_schedule_add(s, 0, 1, who(ev, "sme-cn"), all, 4, 0, 0), 0);
    rs_schedule_sort(ev, s);
    csv_table t;
    check_file(ev, s, &t);
    assert_int_equal(t.nrows, 1 + 3 + 2 + 4);
    /* the first meeting (09:00, room e-2) holds all four investors */
    const char *order[4] = {"'-inv-minus", "inv-at", "inv-cn", "inv-quote"};
    double sum = 0;
    for (int k = 0; k < 4; k++) {
        assert_string_equal(t.rows[1 + k][C_ID], "m0001");
        assert_string_equal(t.rows[1 + k][C_ROOM], "e-2");
        assert_string_equal(t.rows[1 + k][C_INV], order[k]);
        sum += strtod(t.rows[1 + k][C_SCORE], NULL);
    }
    assert_true(fabs(sum - strtod(t.rows[1][C_MSCORE], NULL)) < 1e-9);
    assert_string_equal(t.rows[5][C_ID], "m0002");
    assert_string_equal(t.rows[7][C_ID], "m0003");
    assert_string_equal(t.rows[7][C_LOCKED], "true");
    csv_free(&t);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* The neutralisation rule one case at a time, through an investor's name
 * set in memory; and a negative score stays a plain number. */
static void test_neutralisation_cases(void **state)
{
    (void)state;
    static const char *const CASES[][2] = {
        {"=1+1", "'=1+1"},   {"+1", "'+1"},       {"-1", "'-1"},
        {"@x", "'@x"},       {"\tx", "'\tx"},     {"\rx", "'\rx"},
        {"'=x", "''=x"},     {"''@x", "'''@x"},   {"'s", "'s"},
        {"'", "'"},          {"a=b", "a=b"},      {" =x", " =x"},
        {"", ""},            {"中文=", "中文="},  {"a,\"b\"\r\n", "a,\"b\"\r\n"},
        {"x\xFFy\xC0", "x\xEF\xBF\xBDy\xEF\xBF\xBD"},
        {"\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD"},
    };
    rs_event *ev = load_hostile();
    ev->w.primary_sector = -3; /* only to get a negative score */
    int inv = who(ev, "inv-at"), sme = who(ev, "sme-cr");
    double score = rs_pair_score(ev, inv, sme, NULL, NULL, NULL);
    assert_true(score < 0);
    char want_score[32];
    snprintf(want_score, sizeof want_score, "%.0f", score);
    rs_schedule *s = rs_schedule_new();
    assert_non_null(s);
    assert_int_equal(rs_schedule_add(s, 0, 0, sme, &inv, 1, score, 0), 0);
    char *dir = tu_mkdtemp();
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        free(ev->p[inv].name);
        ev->p[inv].name = rs_strdup(CASES[i][0]);
        assert_non_null(ev->p[inv].name);
        size_t len;
        char *bytes = write_and_read(ev, s, dir, &len);
        assert_true(valid_utf8(bytes, len));
        csv_table t;
        assert_int_equal(csv_parse(bytes + 3, len - 3, &t), 0);
        assert_int_equal(t.nrows, 2);
        assert_int_equal(t.nfields[1], NCOLS);
        expect_cell(t.rows[1][C_INV_NAME], CASES[i][1], (int)i, "case");
        assert_string_equal(t.rows[1][C_SCORE], want_score);
        assert_string_equal(t.rows[1][C_MSCORE], want_score);
        csv_free(&t);
        free(bytes);
    }
    tu_rmtree(dir);
    free(dir);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* No meeting: the BOM and the header, nothing else. */
static void test_empty(void **state)
{
    (void)state;
    rs_event *ev = load_hostile();
    rs_schedule *s = rs_schedule_new();
    assert_non_null(s);
    char *dir = tu_mkdtemp();
    size_t len;
    char *bytes = write_and_read(ev, s, dir, &len);
    const char *want = BOM "meeting_id,date,weekday,start,end,venue_id,venue_name,room_id,"
                           "room_name,sme_id,sme_name,investor_id,investor_name,"
                           "investor_organisation,score,meeting_score,investor_request,"
                           "sme_request,locked\r\n";
    assert_int_equal(len, strlen(want));
    assert_memory_equal(bytes, want, len);
    free(bytes);
    tu_rmtree(dir);
    free(dir);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* The same schedule gives the same bytes: twice into one folder (the
 * second replaces the first) and once into another. */
static void test_deterministic(void **state)
{
    (void)state;
    rs_event *ev = load_hostile();
    rs_schedule *s = all_pairs(ev);
    char *d1 = tu_mkdtemp(), *d2 = tu_mkdtemp();
    size_t n1, n2, n3;
    char *a = write_and_read(ev, s, d1, &n1);
    char *b = write_and_read(ev, s, d1, &n2);
    char *c = write_and_read(ev, s, d2, &n3);
    assert_true(n1 > 1000);
    assert_int_equal(n1, n2);
    assert_int_equal(n1, n3);
    assert_memory_equal(a, b, n1);
    assert_memory_equal(a, c, n1);
    free(a);
    free(b);
    free(c);
    tu_rmtree(d1);
    tu_rmtree(d2);
    free(d1);
    free(d2);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* Names the entries of dir other than . and .. into buf (space-separated). */
static void list_dir(const char *dir, char *buf, size_t n)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    buf[0] = '\0';
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            strncat(buf, e->d_name, n - strlen(buf) - 1);
            strncat(buf, " ", n - strlen(buf) - 1);
        }
    closedir(d);
}

/* A write that cannot happen: RS_EIO, the path in the diag, no file and no
 * temporary file left.  (Permissions do not stop root, so the folder is
 * made impossible instead: below a regular file, or meetings.csv taken by
 * a folder.) */
static void test_failing_write(void **state)
{
    (void)state;
    rs_event *ev = load_hostile();
    rs_schedule *s = all_pairs(ev);
    char *dir = tu_mkdtemp();
    char *file = tu_path(dir, "plain");
    tu_write_file(file, "not a folder\n");
    char *below = tu_path(file, "out");
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    assert_int_equal(rs_export_csv.write(ev, s, below, d), RS_EIO);
    assert_true(tu_diag_find(d, "plain/out/meetings.csv") >= 0);
    rs_diag_free(d);
    char names[512];
    list_dir(dir, names, sizeof names);
    assert_string_equal(names, "plain ");

    char *taken = tu_path(dir, "meetings.csv");
    assert_int_equal(mkdir(taken, 0755), 0);
    d = rs_diag_new();
    assert_non_null(d);
    assert_int_equal(rs_export_csv.write(ev, s, dir, d), RS_EIO);
    assert_true(tu_diag_find(d, "meetings.csv") >= 0);
    rs_diag_free(d);
    list_dir(dir, names, sizeof names);
    assert_true(strcmp(names, "plain meetings.csv ") == 0 ||
                strcmp(names, "meetings.csv plain ") == 0);
    struct stat st;
    assert_int_equal(stat(taken, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    free(taken);
    free(below);
    free(file);
    tu_rmtree(dir);
    free(dir);
    rs_schedule_free(s);
    rs_event_free(ev);
}

/* The exporter as the CLI runs it (--formats csv writes only this file). */
static void test_formats_csv_only(void **state)
{
    (void)state;
    rs_event *ev = load_hostile();
    rs_schedule *s = all_pairs(ev);
    char *dir = tu_mkdtemp();
    char *out = tu_path(dir, "new/folder");
    rs_diag *d = rs_diag_new();
    assert_non_null(d);
    assert_int_equal(rs_write_formats(ev, s, out, "csv", d), RS_OK);
    rs_diag_free(d);
    char names[512];
    list_dir(out, names, sizeof names);
    assert_string_equal(names, "meetings.csv ");
    free(out);
    tu_rmtree(dir);
    free(dir);
    rs_schedule_free(s);
    rs_event_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hostile_one_to_one),
        cmocka_unit_test(test_group_meetings),
        cmocka_unit_test(test_neutralisation_cases),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_failing_write),
        cmocka_unit_test(test_formats_csv_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
