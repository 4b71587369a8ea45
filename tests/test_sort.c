/*
 * test_sort.c - rs_sort (util.c) against the C library's qsort.
 *
 * The library sorts with rs_sort, whose comparators take their context as
 * an argument; it replaced qsort calls whose comparators read file
 * statics.  Schedules must stay the same bytes, so rs_sort must give
 * exactly glibc qsort's order, ties included: glibc sorts these sizes with
 * a stable merge sort, and so must rs_sort.  Random arrays with many ties,
 * of small and large elements (glibc sorts elements above 32 bytes
 * through pointers), of lengths around the powers of two, are sorted both
 * ways and compared byte for byte.
 */
#include "testutil.h"

/* An element with a key that ties often, its position, and a payload
 * that makes it larger than 32 bytes. */
typedef struct {
    int key, pos;
    double pad[5];
} big_t;

static int cmp_key(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_key_ctx(const void *a, const void *b, void *ctx)
{
    int dir = *(const int *)ctx; /* +1 ascending, -1 descending */
    return dir * cmp_key(a, b);
}

static int cmp_big(const void *a, const void *b)
{
    return cmp_key(&((const big_t *)a)->key, &((const big_t *)b)->key);
}

static int cmp_big_ctx(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    return cmp_big(a, b);
}

/* Pairs of int (key, position), sorted by key alone: ties must keep
 * glibc's order, which is the input order. */
static int cmp_pair_key(const void *a, const void *b)
{
    return cmp_key(a, b);
}

static int cmp_pair_key_ctx(const void *a, const void *b, void *ctx)
{
    (void)ctx;
    return cmp_key(a, b);
}

static void test_same_order_as_qsort(void **state)
{
    (void)state;
    uint64_t rng = UINT64_C(0x2545F4914F6CDD1D);
    static const size_t lens[] = {0, 1, 2, 3, 7, 8, 9, 31, 32, 33, 100, 255, 256, 257, 1000, 5000};
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        size_t n = lens[li];
        for (int ties = 1; ties <= 1000; ties *= 10) {
            int *a = malloc((n + 1) * 2 * sizeof(int)), *b = malloc((n + 1) * 2 * sizeof(int));
            big_t *x = malloc((n + 1) * sizeof(big_t)), *y = malloc((n + 1) * sizeof(big_t));
            assert_non_null(a);
            assert_non_null(b);
            assert_non_null(x);
            assert_non_null(y);
            for (size_t i = 0; i < n; i++) {
                a[2 * i] = (int)(rs_xorshift64(&rng) % (uint64_t)ties);
                a[2 * i + 1] = (int)i;
                memset(&x[i], 0, sizeof x[i]);
                x[i].key = a[2 * i];
                x[i].pos = (int)i;
                x[i].pad[0] = (double)i;
            }
            memcpy(b, a, n * 2 * sizeof(int));
            memcpy(y, x, n * sizeof(big_t));
            qsort(a, n, 2 * sizeof(int), cmp_pair_key);
            rs_sort(b, n, 2 * sizeof(int), cmp_pair_key_ctx, NULL);
            if (n > 0)
                assert_memory_equal(a, b, n * 2 * sizeof(int));
            qsort(x, n, sizeof(big_t), cmp_big);
            rs_sort(y, n, sizeof(big_t), cmp_big_ctx, NULL);
            if (n > 0)
                assert_memory_equal(x, y, n * sizeof(big_t));
            for (size_t i = 1; i < n; i++) /* stable: ties in input order */
                assert_true(y[i - 1].key < y[i].key ||
                            (y[i - 1].key == y[i].key && y[i - 1].pos < y[i].pos));
            /* plain ints, with the direction as the context */
            int dir = -1;
            for (size_t i = 0; i < n; i++)
                a[i] = b[i] = (int)(rs_xorshift64(&rng) % (uint64_t)ties);
            rs_sort(b, n, sizeof(int), cmp_key_ctx, &dir);
            qsort(a, n, sizeof(int), cmp_key);
            for (size_t i = 0; i < n; i++)
                assert_int_equal(a[i], b[n - 1 - i]);
            free(a);
            free(b);
            free(x);
            free(y);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_order_as_qsort),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
