/*
 * json_in.c - strict JSON reading with paths, line:column and all problems
 * reported at once.  See json_in.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "json_in.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jin_init(jin *c, const char *file, rs_diag *diag)
{
    memset(c, 0, sizeof(*c));
    c->file = file;
    c->diag = diag;
}

void jin_err(jin *c, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rs_diag_add(c->diag, "%s: %s: %s", c->file, c->plen ? c->path : "(top level)",
                msg);
    c->errors++;
}

/* Appends ".key" (or "key" at the top) to the path.  A path that would not
 * fit is cut with "..." rather than overflowing: messages stay readable. */
size_t jin_key(jin *c, const char *key)
{
    size_t mark = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, "%s%.100s",
                     c->plen ? "." : "", key);
    if (n > 0)
        c->plen += (size_t)n;
    if (c->plen >= sizeof c->path)
        c->plen = sizeof c->path - 1;
    return mark;
}

size_t jin_idx(jin *c, int i)
{
    size_t mark = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, "[%d]", i);
    if (n > 0)
        c->plen += (size_t)n;
    if (c->plen >= sizeof c->path)
        c->plen = sizeof c->path - 1;
    return mark;
}

void jin_pop(jin *c, size_t mark)
{
    c->plen = mark;
    c->path[mark] = '\0';
}

/* Line and column (1-based, columns in characters) of position pos. */
static void line_col(const char *text, size_t pos, int *line, int *col)
{
    int l = 1, k = 1;
    for (size_t i = 0; i < pos && text[i]; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            k = 1;
        } else if ((ch & 0xC0) != 0x80) {
            k++;
        }
    }
    *line = l;
    *col = k;
}

/* Offset of the first byte that is not valid UTF-8 (overlongs, surrogates
 * and code points past U+10FFFF are invalid), or len when all is well. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07u;
        } else {
            return i;
        }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reports duplicate member names in every object of the tree.  cJSON keeps
 * duplicates silently and lookups then see the first one only, which would
 * let a typo-like second value pass unnoticed. */
static void check_duplicates(jin *c, const cJSON *v, int depth)
{
    if (!v || depth > 200)
        return;
    if (cJSON_IsObject(v)) {
        int n = cJSON_GetArraySize(v);
        if (n > 1) {
            const char **names = malloc((size_t)n * sizeof(*names));
            if (names) {
                int k = 0;
                for (const cJSON *e = v->child; e && k < n; e = e->next)
                    names[k++] = e->string ? e->string : "";
                qsort(names, (size_t)k, sizeof(*names), cmp_str);
                for (int i = 1; i < k; i++)
                    if (strcmp(names[i], names[i - 1]) == 0 &&
                        (i < 2 || strcmp(names[i], names[i - 2]) != 0))
                        jin_err(c, "duplicate field \"%.100s\"", names[i]);
                free(names);
            }
        }
        for (const cJSON *e = v->child; e; e = e->next) {
            size_t m = jin_key(c, e->string ? e->string : "");
            check_duplicates(c, e, depth + 1);
            jin_pop(c, m);
        }
    } else if (cJSON_IsArray(v)) {
        int i = 0;
        for (const cJSON *e = v->child; e; e = e->next, i++) {
            if (!cJSON_IsObject(e) && !cJSON_IsArray(e))
                continue;
            size_t m = jin_idx(c, i);
            check_duplicates(c, e, depth + 1);
            jin_pop(c, m);
        }
    }
}

cJSON *jin_parse_file(jin *c, const char *path, int *io_error)
{
    size_t len = 0;
    cJSON *root = NULL;
    *io_error = 0;
    char *text = rs_read_file(path, &len);
    if (!text) {
        rs_diag_add(c->diag, "%s: cannot read %s: %s", c->file, path, strerror(errno));
        c->errors++;
        *io_error = 1;
        return NULL;
    }
    const char *start = text;
    size_t skip = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        skip = 3; /* a UTF-8 byte order mark, as some editors write */
    size_t bad = utf8_invalid_at((const unsigned char *)text, len);
    if (bad < len) {
        int l, k;
        line_col(text, bad, &l, &k);
        rs_diag_add(c->diag, "%s: %d:%d: invalid UTF-8 (byte 0x%02X)", c->file, l, k,
                    (unsigned char)text[bad]);
        c->errors++;
        goto done;
    }
    if (memchr(text, '\0', len)) {
        size_t z = (size_t)((const char *)memchr(text, '\0', len) - text);
        int l, k;
        line_col(text, z, &l, &k);
        rs_diag_add(c->diag, "%s: %d:%d: NUL byte in file", c->file, l, k);
        c->errors++;
        goto done;
    }
    const char *end = NULL;
    /* the length counts the terminating NUL: cJSON checks for it when it
     * requires the text to end after the value */
    root = cJSON_ParseWithLengthOpts(start + skip, len - skip + 1, &end, 1);
    if (!root) {
        size_t pos = end ? (size_t)(end - text) : len;
        if (pos > len)
            pos = len;
        int l, k;
        line_col(text, pos, &l, &k);
        if (pos >= len || text[pos] == '\0')
            rs_diag_add(c->diag, "%s: %d:%d: invalid JSON: unexpected end of file",
                        c->file, l, k);
        else {
            /* the text near the error, up to the end of its line, without
             * control characters, so the message stays on one line */
            char near[24];
            size_t n = 0;
            for (size_t i = pos; i < len && n < 20; i++) {
                unsigned char ch = (unsigned char)text[i];
                if (ch == '\n' || ch == '\r')
                    break;
                near[n++] = ch < 0x20 ? ' ' : (char)ch;
            }
            near[n] = '\0';
            rs_diag_add(c->diag, "%s: %d:%d: invalid JSON near \"%s\"", c->file, l, k, near);
        }
        c->errors++;
        goto done;
    }
    check_duplicates(c, root, 0);
done:
    free(text);
    return root;
}

void jin_check_keys(jin *c, const cJSON *obj, const char *const *allowed)
{
    for (const cJSON *e = obj->child; e; e = e->next) {
        const char *k = e->string ? e->string : "";
        if (strncmp(k, "x-", 2) == 0)
            continue;
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, k) == 0) {
                ok = 1;
                break;
            }
        if (!ok) {
            size_t m = jin_key(c, k);
            jin_err(c, "unknown field (custom fields must start with \"x-\")");
            jin_pop(c, m);
        }
    }
}

/* Looks up key; reports absence when required.  NULL when absent. */
static const cJSON *member(jin *c, const cJSON *obj, const char *key, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && required) {
        size_t m = jin_key(c, key);
        jin_err(c, "missing (required)");
        jin_pop(c, m);
    }
    return v;
}

/* Names the JSON type of v, for "expected X, found Y" messages. */
static const char *type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "something else";
}

int jin_expect_object(jin *c, const cJSON *v, const char *what)
{
    if (cJSON_IsObject(v))
        return 1;
    jin_err(c, "expected %s (an object), found %s", what, type_name(v));
    return 0;
}

const char *jin_string(jin *c, const cJSON *obj, const char *key, int required,
                       size_t maxlen)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return NULL;
    size_t m = jin_key(c, key);
    const char *r = NULL;
    if (!cJSON_IsString(v) || !v->valuestring)
        jin_err(c, "expected a string, found %s", type_name(v));
    else if (required && v->valuestring[0] == '\0')
        jin_err(c, "must not be empty");
    else if (strlen(v->valuestring) > maxlen)
        jin_err(c, "longer than %zu bytes", maxlen);
    else
        r = v->valuestring;
    jin_pop(c, m);
    return r;
}

/* Ids name files (calendars) and appear in CSV and HTML, so they are kept to
 * a safe alphabet: letters, digits, '-', '_', '.', ':' and at most 64 bytes,
 * not starting with '.'. */
const char *jin_id(jin *c, const cJSON *obj, const char *key, int required)
{
    const char *s = jin_string(c, obj, key, required, 64);
    if (!s)
        return NULL;
    int ok = s[0] != '\0' && s[0] != '.';
    for (const char *p = s; *p && ok; p++)
        ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
             (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == ':';
    if (!ok) {
        size_t m = jin_key(c, key);
        jin_err(c, "id \"%.64s\" must be 1-64 letters, digits, '-', '_', '.' or ':' "
                   "and not start with '.'", s);
        jin_pop(c, m);
        return NULL;
    }
    return s;
}

double jin_number(jin *c, const cJSON *obj, const char *key, int required,
                  double lo, double hi, double fallback)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return fallback;
    size_t m = jin_key(c, key);
    double r = fallback;
    if (!cJSON_IsNumber(v))
        jin_err(c, "expected a number, found %s", type_name(v));
    else if (!isfinite(v->valuedouble))
        jin_err(c, "number out of range");
    else if (v->valuedouble < lo || v->valuedouble > hi)
        jin_err(c, "%g is out of range (%g to %g)", v->valuedouble, lo, hi);
    else
        r = v->valuedouble == 0 ? 0.0 : v->valuedouble;
    jin_pop(c, m);
    return r;
}

int jin_int(jin *c, const cJSON *obj, const char *key, int required, int lo, int hi,
            int fallback)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return fallback;
    size_t m = jin_key(c, key);
    int r = fallback;
    if (!cJSON_IsNumber(v))
        jin_err(c, "expected a whole number, found %s", type_name(v));
    else if (!isfinite(v->valuedouble) || v->valuedouble != floor(v->valuedouble))
        jin_err(c, "expected a whole number, found %g", v->valuedouble);
    else if (v->valuedouble < lo || v->valuedouble > hi)
        jin_err(c, "%.0f is out of range (%d to %d)", v->valuedouble, lo, hi);
    else
        r = (int)v->valuedouble;
    jin_pop(c, m);
    return r;
}

int jin_bool(jin *c, const cJSON *obj, const char *key, int fallback)
{
    const cJSON *v = member(c, obj, key, 0);
    if (!v)
        return fallback;
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v);
    size_t m = jin_key(c, key);
    jin_err(c, "expected true or false, found %s", type_name(v));
    jin_pop(c, m);
    return fallback;
}

int jin_time(jin *c, const cJSON *obj, const char *key, int required)
{
    const char *s = jin_string(c, obj, key, required, 16);
    if (!s)
        return -1;
    int ok = strlen(s) == 5 && s[2] == ':';
    for (int i = 0; ok && i < 5; i++)
        if (i != 2 && (s[i] < '0' || s[i] > '9'))
            ok = 0;
    int h = 0, mi = 0;
    if (ok) {
        h = (s[0] - '0') * 10 + (s[1] - '0');
        mi = (s[3] - '0') * 10 + (s[4] - '0');
        ok = mi < 60 && (h < 24 || (h == 24 && mi == 0));
    }
    if (!ok) {
        size_t m = jin_key(c, key);
        jin_err(c, "\"%.16s\" is not a time of day as HH:MM (00:00 to 24:00)", s);
        jin_pop(c, m);
        return -1;
    }
    return h * 60 + mi;
}

const char *jin_date(jin *c, const cJSON *obj, const char *key, int required)
{
    const char *s = jin_string(c, obj, key, required, 16);
    if (!s)
        return NULL;
    int ok = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; ok && i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            ok = 0;
    if (ok) {
        int y = atoi(s), mo = atoi(s + 5), d = atoi(s + 8);
        static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        ok = y >= 1970 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
             d <= mdays[mo - 1] && !(mo == 2 && d == 29 && !leap);
    }
    if (!ok) {
        size_t m = jin_key(c, key);
        jin_err(c, "\"%.16s\" is not a date as YYYY-MM-DD", s);
        jin_pop(c, m);
        return NULL;
    }
    return s;
}

const cJSON *jin_array(jin *c, const cJSON *obj, const char *key, int required)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return NULL;
    if (cJSON_IsArray(v))
        return v;
    size_t m = jin_key(c, key);
    jin_err(c, "expected an array, found %s", type_name(v));
    jin_pop(c, m);
    return NULL;
}

const cJSON *jin_object(jin *c, const cJSON *obj, const char *key, int required)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return NULL;
    if (cJSON_IsObject(v))
        return v;
    size_t m = jin_key(c, key);
    jin_err(c, "expected an object, found %s", type_name(v));
    jin_pop(c, m);
    return NULL;
}
