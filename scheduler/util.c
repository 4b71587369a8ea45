/*
 * util.c - diagnostics, small formatting helpers and safe file output.
 */
#define _POSIX_C_SOURCE 200809L
#if defined(__linux__)
#define _GNU_SOURCE /* syncfs */
#endif
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct rs_diag {
    char **msg;
    size_t n, cap;
};

/* A new empty message list; NULL when out of memory. */
rs_diag *rs_diag_new(void)
{
    return calloc(1, sizeof(rs_diag));
}

/* Frees the list and every message; NULL is fine. */
void rs_diag_free(rs_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->msg[i]);
    free(d->msg);
    free(d);
}

size_t rs_diag_count(const rs_diag *d)
{
    return d ? d->n : 0;
}

const char *rs_diag_message(const rs_diag *d, size_t i)
{
    return d && i < d->n ? d->msg[i] : NULL;
}

/* Appends a formatted message.  A NULL list or a failed allocation drops
 * the message: callers report failure through their return code anyway. */
void rs_vdiag_add(rs_diag *d, const char *fmt, va_list ap)
{
    if (!d)
        return;
    va_list aq;
    va_copy(aq, ap);
    int len = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (len < 0)
        return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        char **m = realloc(d->msg, cap * sizeof(*m));
        if (!m)
            return;
        d->msg = m;
        d->cap = cap;
    }
    char *s = malloc((size_t)len + 1);
    if (!s)
        return;
    vsnprintf(s, (size_t)len + 1, fmt, ap);
    d->msg[d->n++] = s;
}

void rs_diag_add(rs_diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rs_vdiag_add(d, fmt, ap);
    va_end(ap);
}

void *rs_xmalloc(size_t n)
{
    return malloc(n ? n : 1);
}

/* strdup that accepts NULL (returning NULL). */
char *rs_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* Monotonic seconds, for time limits that ignore clock changes. */
double rs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void rs_fmt_time(int minutes, char buf[6])
{
    if (minutes < 0 || minutes > 24 * 60)
        minutes = 0;
    snprintf(buf, 6, "%02d:%02d", minutes / 60, minutes % 60);
}

/* Integers print without a fraction so that scores read as the organiser
 * wrote the weights; other values keep 15 significant digits, enough to
 * round-trip the sums of a few thousand weights. */
void rs_fmt_num(double v, char *buf, size_t n)
{
    if (!isfinite(v))
        v = 0;
    if (v == 0)
        v = 0; /* no "-0" in output */
    if (fabs(v) < 1e15 && v == floor(v))
        snprintf(buf, n, "%.0f", v);
    else
        snprintf(buf, n, "%.15g", v);
}

/* Reads a whole regular file into a NUL-terminated buffer.  NULL with errno
 * set on failure; files over 256 MiB are refused with EFBIG, since no real
 * event comes near that and reading it would only exhaust memory. */
char *rs_read_file(const char *path, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0, n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return NULL;
    }
    for (;;) {
        if (cap - n < 65536) {
            if (cap >= ((size_t)256 << 20)) {
                free(buf);
                fclose(f);
                errno = EFBIG;
                return NULL;
            }
            size_t ncap = cap ? cap * 2 : 65536 + 1;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                fclose(f);
                errno = ENOMEM;
                return NULL;
            }
            buf = nb;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                int e = errno ? errno : EIO;
                free(buf);
                fclose(f);
                errno = e;
                return NULL;
            }
            break;
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* The files of an open batch (rs_write_batch_begin): each written under
 * its temporary name, renamed by rs_write_batch_end.  Per thread, so two
 * threads writing outputs do not mix their files. */
typedef struct {
    char **tmp, **dst;
    size_t n, cap;
    int open;
} write_batch;
static _Thread_local write_batch batch_;

void rs_write_batch_begin(void)
{
    batch_.n = 0;
    batch_.open = 1;
}

/* Remembers a written temporary file; -1 when out of memory. */
static int batch_add(const char *tmp, const char *path)
{
    if (batch_.n == batch_.cap) {
        size_t cap = batch_.cap ? 2 * batch_.cap : 64;
        char **t = realloc(batch_.tmp, cap * sizeof *t);
        if (t)
            batch_.tmp = t;
        char **d = realloc(batch_.dst, cap * sizeof *d);
        if (d)
            batch_.dst = d;
        if (!t || !d)
            return -1;
        batch_.cap = cap;
    }
    batch_.tmp[batch_.n] = rs_strdup(tmp);
    batch_.dst[batch_.n] = rs_strdup(path);
    if (!batch_.tmp[batch_.n] || !batch_.dst[batch_.n]) {
        free(batch_.tmp[batch_.n]);
        free(batch_.dst[batch_.n]);
        return -1;
    }
    batch_.n++;
    return 0;
}

/* Flushes the file system holding the batch's files once (one journal
 * commit instead of one per file: a thousand calendars take seconds to
 * fsync one by one), then renames each over its final name. */
rs_code rs_write_batch_end(int commit, rs_diag *diag)
{
    rs_code rc = commit ? RS_OK : RS_EIO;
    size_t i = 0;
    if (commit && batch_.n > 0) {
        int fd = open(batch_.tmp[0], O_RDONLY);
#if defined(__linux__)
        int fr = fd >= 0 ? syncfs(fd) : -1;
#else
        int fr = fd >= 0 ? (sync(), 0) : -1;
#endif
        if (fr != 0) {
            rs_diag_add(diag, "%s: cannot flush to disk: %s", batch_.tmp[0], strerror(errno));
            rc = RS_EIO;
        }
        if (fd >= 0)
            close(fd);
    }
    for (; rc == RS_OK && i < batch_.n; i++)
        if (rename(batch_.tmp[i], batch_.dst[i]) != 0) {
            rs_diag_add(diag, "%s: cannot replace: %s", batch_.dst[i], strerror(errno));
            rc = RS_EIO;
        }
    for (size_t j = 0; j < batch_.n; j++) {
        if (j >= i)
            remove(batch_.tmp[j]); /* not renamed: the old file stays */
        free(batch_.tmp[j]);
        free(batch_.dst[j]);
    }
    free(batch_.tmp);
    free(batch_.dst);
    memset(&batch_, 0, sizeof batch_);
    return rc;
}

/* Writes the data to "path.tmp.PID", flushes it to disk and renames it over
 * path, so readers see the old file or the new one, never a mix.  On any
 * failure the temporary file is removed and the old file stays.  Inside a
 * batch the flush and the rename wait for rs_write_batch_end. */
rs_code rs_write_file_atomic(const char *path, const char *data, size_t len,
                             rs_diag *diag)
{
    rs_code rc = RS_EIO;
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 32);
    FILE *f = NULL;
    if (!tmp) {
        rs_diag_add(diag, "%s: out of memory", path);
        return RS_ENOMEM;
    }
    snprintf(tmp, plen + 32, "%s.tmp.%ld", path, (long)getpid());
    f = fopen(tmp, "wb");
    if (!f) {
        rs_diag_add(diag, "%s: cannot create: %s", tmp, strerror(errno));
        goto done;
    }
    if (len && fwrite(data, 1, len, f) != len) {
        rs_diag_add(diag, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    if (fflush(f) != 0 || (!batch_.open && fsync(fileno(f)) != 0)) {
        rs_diag_add(diag, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    int fc = fclose(f);
    f = NULL;
    if (fc != 0) {
        rs_diag_add(diag, "%s: cannot write: %s", tmp, strerror(errno));
        goto done;
    }
    if (batch_.open) {
        if (batch_add(tmp, path) != 0) {
            rs_diag_add(diag, "%s: out of memory", path);
            goto done;
        }
    } else if (rename(tmp, path) != 0) {
        rs_diag_add(diag, "%s: cannot replace: %s", path, strerror(errno));
        goto done;
    }
    rc = RS_OK;
done:
    if (f)
        fclose(f);
    if (rc != RS_OK)
        remove(tmp);
    free(tmp);
    return rc;
}

/* mkdir -p: creates each missing component; an existing directory is fine. */
int rs_mkdir_p(const char *path)
{
    if (!path || !*path) {
        errno = ENOENT;
        return -1;
    }
    char *p = rs_strdup(path);
    if (!p)
        return -1;
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                rc = -1;
                break;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    if (rc == 0) {
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
            if (errno == 0)
                errno = ENOTDIR;
            rc = -1;
        }
    }
    free(p);
    return rc;
}

void rs_buf_add(rs_buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

void rs_buf_str(rs_buf *b, const char *s)
{
    rs_buf_add(b, s, strlen(s));
}

/* Formats into a small stack buffer first: nearly every call is a number
 * or a short fixed string, and only a long one needs a second pass. */
void rs_buf_fmt(rs_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    if (b->oom)
        return;
    va_start(ap, fmt);
    int len = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (len < 0) {
        b->oom = 1;
        return;
    }
    if ((size_t)len < sizeof small) {
        rs_buf_add(b, small, (size_t)len);
        return;
    }
    char *big = malloc((size_t)len + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)len + 1, fmt, ap);
    va_end(ap);
    rs_buf_add(b, big, (size_t)len);
    free(big);
}

size_t rs_utf8_len(const unsigned char *s, size_t n)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
               : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t k = 1; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
        (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
        return 0;
    return len;
}

/* Counted from the proleptic Gregorian calendar (Howard Hinnant's
 * days_from_civil) rather than mktime, so that no locale or time zone of
 * the machine can change an export's bytes. */
const char *rs_weekday_name(const char *date)
{
    static const char *const NAMES[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                        "Friday", "Saturday", "Sunday"};
    int y, m, d;
    char tail;
    if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 ||
        d < 1 || d > 31)
        return NULL;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long days = era * 146097 + doe - 719468; /* days from 1970-01-01 */
    return NAMES[((days % 7) + 7 + 3) % 7]; /* 1970-01-01 was a Thursday */
}

/* glibc's msort_with_tmp: halves of n / 2 and the rest, each sorted, then
 * merged taking from the first half while it is not greater. */
static void merge_sort(char *b, size_t n, size_t size, char *tmp,
                       int (*cmp)(const void *, const void *, void *), void *ctx)
{
    if (n <= 1)
        return;
    size_t n1 = n / 2, n2 = n - n1;
    char *b1 = b, *b2 = b + n1 * size, *t = tmp;
    merge_sort(b1, n1, size, tmp, cmp, ctx);
    merge_sort(b2, n2, size, tmp, cmp, ctx);
    while (n1 > 0 && n2 > 0) {
        if (cmp(b1, b2, ctx) <= 0) {
            memcpy(t, b1, size);
            b1 += size;
            n1--;
        } else {
            memcpy(t, b2, size);
            b2 += size;
            n2--;
        }
        t += size;
    }
    if (n1 > 0)
        memcpy(t, b1, n1 * size);
    memcpy(b, tmp, (n - n2) * size);
}

void rs_sort(void *base, size_t n, size_t size,
             int (*cmp)(const void *a, const void *b, void *ctx), void *ctx)
{
    char small[1024];
    if (n < 2 || size == 0)
        return;
    char *tmp = n <= sizeof small / size ? small : malloc(n * size);
    if (tmp) {
        merge_sort(base, n, size, tmp, cmp, ctx);
        if (tmp != small)
            free(tmp);
        return;
    }
    /* no scratch: insertion, as stable, one element of scratch at a time */
    char *b = base;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp(b + (j - 1) * size, b + j * size, ctx) > 0; j--)
            for (size_t k = 0; k < size; k++) {
                char c = b[(j - 1) * size + k];
                b[(j - 1) * size + k] = b[j * size + k];
                b[j * size + k] = c;
            }
}

int rs_cmp_index_value_desc(const void *a, const void *b, void *ctx)
{
    const double *val = ctx;
    int x = *(const int *)a, y = *(const int *)b;
    if (val[x] != val[y])
        return val[x] > val[y] ? -1 : 1;
    return (x > y) - (x < y);
}

int rs_write_all(int fd, const void *p, size_t n)
{
    const char *q = p;
    while (n > 0) {
        ssize_t w = write(fd, q, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        q += w;
        n -= (size_t)w;
    }
    return 0;
}
