/*
 * test_heur_state.c - the timetable heuristic's fast answers (heur_state.h)
 * against their plain definitions, on every event of tests/data/opt and
 * the bundled Chengdu sample (four venues, rooms of several sizes): the
 * change of a participant's idle slots and gaps when a busy bit flips
 * (against rs_idle_day and rs_gaps_day before and after), the gaps kept
 * per participant where some are capped (against rs_gaps_of), and the
 * free room a venue offers a meeting (against a scan of the venue's
 * rooms by capacity), after the construction, after taking out half of
 * its meetings and after placing meetings again, so that the free-room
 * bits and the kept gaps follow every change.
 */
#include "testutil.h"

#include "glpk_layer.h"
#include "heur_state.h"
#include "testtt.h"

/* rs_tt_free_room's definition: the first room of venue v by capacity
 * (rs_tt's vrooms order) open at k, free then and holding need. */
static int plain_free_room(const rs_tt *h, int v, int k, int need)
{
    for (int i = h->vfirst[v]; i < h->vfirst[v + 1]; i++) {
        int r = h->vrooms[i];
        const rs_room *rm = &h->ev->rooms[r];
        if (rm->capacity >= need && rm->avail[k] &&
            h->room_m[(size_t)r * (size_t)h->ns + (size_t)k] < 0)
            return r;
    }
    return -1;
}

/* Compares every participant and slot, every venue, slot and size;
 * returns the number of answers compared. */
static long compare_all(rs_tt *h)
{
    const rs_event *ev = h->ev;
    long n = 0;
    int most = 0;
    for (int r = 0; r < ev->nrooms; r++)
        most = ev->rooms[r].capacity > most ? ev->rooms[r].capacity : most;
    for (int p = 0; p < ev->np; p++)
        for (int k = 0; k < ev->nslots; k++) {
            unsigned char *row = rs_tt_row(h, p);
            int d = ev->slots[k].day, before = rs_idle_day(ev, row, d);
            int gaps_before = rs_gaps_day(ev, row, d);
            row[k] ^= 1;
            int after = rs_idle_day(ev, row, d), gaps_after = rs_gaps_day(ev, row, d);
            row[k] ^= 1;
            assert_int_equal(rs_tt_idle_delta(h, p, k), after - before);
            assert_int_equal(rs_tt_gap_delta(h, p, k), gaps_after - gaps_before);
            n += 2;
        }
    for (int p = 0; p < ev->np; p++) {
        assert_true(!ev->gap_cap == !h->gaps);
        if (h->gaps) {
            assert_int_equal(h->gaps[p], rs_gaps_of(ev, rs_tt_row(h, p)));
            n++;
        }
    }
    for (int v = 0; v < ev->nvenues; v++)
        for (int k = 0; k < ev->nslots; k++)
            for (int need = 1; need <= most + 1; need++) {
                assert_int_equal(rs_tt_free_room(h, v, k, need), plain_free_room(h, v, k, need));
                n++;
            }
    return n;
}

static void check_loaded(rs_event *ev, const char *dir)
{
    rs_tt *h = tu_tt_built(ev);
    if (!h)
        return;
    int built = 0;
    rs_tt_meetings(h, &built);
    long n = compare_all(h);
    /* every other meeting out (the last takes the index of one removed) */
    int *out = malloc(((size_t)built + 1) * sizeof(int)), nout = 0;
    assert_non_null(out);
    for (int i = built - 1; i >= 0; i -= 2) {
        int m = 0;
        const rs_placement *at = rs_tt_meetings(h, &m);
        if (i >= m)
            continue;
        out[nout++] = at[i].pair;
        rs_tt_unplace(h, i);
    }
    n += compare_all(h);
    rs_tt_place_all(h, out, nout);
    n += compare_all(h);
    print_message("  %s: %d meetings, %d taken out, %ld answers compared\n", dir, built, nout, n);
    assert_true(n > 0);
    free(out);
    rs_tt_free(h);
    rs_event_free(ev);
}

static void check_event(const char *dir)
{
    check_loaded(tu_load_ok(dir), dir);
}

static void test_opt_event(void **state)
{
    check_event(*state);
}

/* 150 rooms in three venues of 50 (the free-room bits span three words
 * a slot, and venues start inside a word), capacities 2 to 5, some rooms
 * closed in the morning; 12 investors and 120 SMEs of teams of 1 to 3. */
static void test_many_rooms(void **state)
{
    (void)state;
    char *text[3];
    size_t len[3], cap = 200000;
    for (int i = 0; i < 3; i++) {
        text[i] = malloc(cap);
        assert_non_null(text[i]);
    }
    int n = snprintf(text[0], cap,
                     "{\"name\": \"many rooms\", \"timezone\": \"UTC\", \"slot_minutes\": 30,"
                     " \"days\": [{\"date\": \"2026-03-02\", \"start\": \"09:00\", \"end\": \"13:00\"}],"
                     " \"venues\": [{\"id\": \"v0\"}, {\"id\": \"v1\"}, {\"id\": \"v2\"}],"
                     " \"travel_minutes\": [{\"from\": \"v0\", \"to\": \"v1\", \"minutes\": 30},"
                     " {\"from\": \"v1\", \"to\": \"v2\", \"minutes\": 30}],"
                     " \"sectors\": [{\"id\": \"s\"}], \"rooms\": [");
    for (int r = 0; r < 150; r++)
        n += snprintf(text[0] + n, cap - (size_t)n,
                      "%s{\"id\": \"r%d\", \"venue\": \"v%d\", \"capacity\": %d%s}",
                      r ? ", " : "", r, r / 50, 2 + (r * 7) % 4,
                      r % 9 == 4 ? ", \"unavailable\": [{\"date\": \"2026-03-02\", \"start\": "
                                   "\"09:00\", \"end\": \"11:00\"}]"
                                 : "");
    n += snprintf(text[0] + n, cap - (size_t)n, "]}");
    len[0] = (size_t)n;
    n = snprintf(text[1], cap, "[");
    for (int i = 0; i < 12; i++)
        n += snprintf(text[1] + n, cap - (size_t)n,
                      "%s{\"id\": \"i%d\", \"name\": \"I%d\", \"sectors\": {\"s\": 3}}",
                      i ? ", " : "", i, i);
    len[1] = (size_t)(n += snprintf(text[1] + n, cap - (size_t)n, "]"));
    n = snprintf(text[2], cap, "[");
    for (int i = 0; i < 120; i++)
        n += snprintf(text[2] + n, cap - (size_t)n,
                      "%s{\"id\": \"m%d\", \"name\": \"M%d\", \"sectors\": [\"s\"], "
                      "\"team_size\": %d}",
                      i ? ", " : "", i, i, 1 + i % 3);
    len[2] = (size_t)(n += snprintf(text[2] + n, cap - (size_t)n, "]"));
    rs_event *ev = NULL;
    rs_diag *diag = rs_diag_new();
    rs_code rc = rs_event_load_text((const char *const *)text, len, &ev, diag);
    for (size_t i = 0; rc != RS_OK && rs_diag_message(diag, i); i++)
        print_message("  %s\n", rs_diag_message(diag, i));
    assert_int_equal(rc, RS_OK);
    rs_diag_free(diag);
    assert_int_equal(ev->nrooms, 150);
    check_loaded(ev, "150 rooms");
    for (int i = 0; i < 3; i++)
        free(text[i]);
}

static void test_chengdu(void **state)
{
    (void)state;
    check_event("inputs/chengdu-2023");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chengdu),
        cmocka_unit_test(test_many_rooms),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    return failed + tu_run_folder_tests("heur_state", "opt", test_opt_event, 5);
}
