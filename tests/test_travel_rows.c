/*
 * test_travel_rows.c - rs_mat_travel_rows (glpk_layer.c), the travel rows
 * both large-neighbourhood searches (lns.c, group_lns.c) put in their
 * sub-MIPs.  A morning of four 30-minute slots with no changeover in two
 * venues 40 minutes apart: meetings in slots that touch, or with one slot
 * between, cannot be in different venues (0 and 30 minutes are less than
 * 40), two slots between can (60 minutes).  The rows must be exactly the
 * ones that say so, the meetings between subtracted, none where a fixed
 * meeting stands between or at either end, and none with one venue.
 */
#include "testutil.h"

#include "glpk_layer.h"

static const char *const event_json =
    "{ \"name\": \"two venues\", \"timezone\": \"Asia/Shanghai\", \"slot_minutes\": 30,"
    "  \"days\": [ { \"date\": \"2024-05-18\", \"start\": \"09:00\", \"end\": \"11:00\" } ],"
    "  \"venues\": [ { \"id\": \"a\" }, { \"id\": \"b\" } ],"
    "  \"travel_minutes\": [ { \"from\": \"a\", \"to\": \"b\", \"minutes\": 40 } ],"
    "  \"rooms\": [ { \"id\": \"a-1\", \"venue\": \"a\" }, { \"id\": \"b-1\", \"venue\": \"b\" } ],"
    "  \"sectors\": [ { \"id\": \"cloud\" } ] }";
static const char *const investors_json =
    "[ { \"id\": \"i0\", \"name\": \"I0\", \"sectors\": { \"cloud\": 3 } } ]";
static const char *const smes_json =
    "[ { \"id\": \"s0\", \"name\": \"S0\", \"sectors\": [ \"cloud\" ] } ]";

/* The rows built, as text: one line per row, "col:coef" entries in the
 * order given, so that the test also pins the order. */
static void rows_text(const rs_mat *t, char *out, size_t size)
{
    size_t at = 0;
    out[0] = '\0';
    for (int r = 1; r <= t->rows; r++) {
        at += (size_t)snprintf(out + at, size - at, "[<=%g", t->rhi[r - 1]);
        for (long e = 1; e <= t->n; e++)
            if (t->ia[e] == r)
                at += (size_t)snprintf(out + at, size - at, " %d:%+g", t->ja[e], t->ar[e]);
        at += (size_t)snprintf(out + at, size - at, "]");
    }
}

typedef struct {
    const rs_event *ev;
    const unsigned char *busy;
    const int *ck, *cv;
    int n;
    char text[1024];
    int rows;
} travel_case;

static rs_code build(void *arg)
{
    travel_case *c = arg;
    rs_mat t;
    memset(&t, 0, sizeof t);
    int cj[16];
    for (int i = 0; i < c->n; i++)
        cj[i] = i + 1;
    rs_mat_travel_rows(&t, c->ev, c->busy, 0, c->ev->nslots, c->ck, c->cv, cj, c->n);
    c->rows = t.rows;
    rows_text(&t, c->text, sizeof c->text);
    rs_mat_free(&t);
    return RS_OK;
}

/* Columns 1..6: slot 0 in a, slot 1 in b, slot 1 in a, slot 2 in b, slot
 * 3 in b, slot 3 in a. */
static const int ck[] = {0, 1, 1, 2, 3, 3};
static const int cv[] = {0, 1, 0, 1, 1, 0};

/* The rows for a participant-day with fixed meetings busy (4 slots) and
 * columns in the venues v (6 entries, slots ck), into c. */
static void rows_for(travel_case *c, const unsigned char *busy, const int *v)
{
    rs_event *ev = tu_load_strings(event_json, investors_json, smes_json);
    *c = (travel_case){ev, busy, ck, v, 6, "", 0};
    rs_glpk_call call = {.fn = build, .arg = c, .quiet = 1};
    assert_int_equal(rs_glpk_guarded(&call), RS_OK);
    rs_event_free(ev);
    c->ev = NULL;
}

static void test_rows_free_day(void **state)
{
    (void)state;
    static const unsigned char busy[4] = {0, 0, 0, 0};
    travel_case c;
    rows_for(&c, busy, cv);
    /* slot 0 in a against b at 1 (0 minutes), and at 2 (30 minutes, the
     * meetings at 1 subtracted); not against b at 3 (60 minutes).  Slot 1
     * in a against b at 2, and at 3 (less slot 2); slot 1 in b against a
     * at 3 (less slot 2); slot 2 in b against a at 3.  Same-venue columns
     * at k2 never enter. */
    assert_string_equal(c.text, "[<=1 1:+1 2:+1]"
                                "[<=1 1:+1 2:-1 3:-1 4:+1]"
                                "[<=1 3:+1 4:+1]"
                                "[<=1 3:+1 4:-1 5:+1]"
                                "[<=1 2:+1 4:-1 6:+1]"
                                "[<=1 4:+1 6:+1]");
}

static void test_rows_fixed_meetings(void **state)
{
    (void)state;
    /* a fixed meeting at slot 2: no row across it or at it, only slot 0
     * against slot 1 */
    static const unsigned char busy[4] = {0, 0, 1, 0};
    travel_case c;
    rows_for(&c, busy, cv);
    assert_string_equal(c.text, "[<=1 1:+1 2:+1]");
}

static void test_rows_one_venue(void **state)
{
    (void)state;
    static const unsigned char busy[4] = {0, 0, 0, 0};
    static const int same_v[] = {0, 0, 0, 0, 0, 0};
    travel_case c;
    rows_for(&c, busy, same_v);
    assert_int_equal(c.rows, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_free_day),
        cmocka_unit_test(test_rows_fixed_meetings),
        cmocka_unit_test(test_rows_one_venue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
