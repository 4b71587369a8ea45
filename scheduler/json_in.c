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
#include <sys/stat.h>

void rs_jin_init(rs_jin *c, const char *file, rs_diag *diag)
{
    memset(c, 0, sizeof(*c));
    c->file = file;
    c->diag = diag;
}

/* Copies src into dst (size n) so that a message stays one line of valid
 * UTF-8 whatever the input held: control characters become \uXXXX as in
 * JSON, bytes that are not UTF-8 (e.g. a character cut by a %.64s) become
 * '?'.  Keys and values come from the organiser's files, and a newline in
 * one would otherwise split a message over two lines. */
static void one_line(char *dst, size_t n, const char *src)
{
    size_t o = 0, len = strlen(src);
    const unsigned char *s = (const unsigned char *)src;
    for (size_t i = 0; i < len && o + 7 < n;) {
        size_t k = rs_utf8_len(s + i, len - i);
        if (k == 1 && (s[i] < 0x20 || s[i] == 0x7F)) {
            o += (size_t)snprintf(dst + o, n - o, "\\u%04X", s[i]);
            i++;
        } else if (k == 0) {
            dst[o++] = '?';
            i++;
        } else {
            memcpy(dst + o, s + i, k);
            o += k;
            i += k;
        }
    }
    dst[o] = '\0';
}

void rs_jin_err(rs_jin *c, const char *fmt, ...)
{
    char msg[1024], line[2048], path[2048];
    va_list ap;
    c->errors++;
    if (rs_diag_count(c->diag) >= RS_JIN_MAX_MESSAGES)
        return; /* counted; the loader says how many were left out */
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    one_line(line, sizeof line, msg);
    one_line(path, sizeof path, c->plen ? c->path : "(top level)");
    rs_diag_add(c->diag, "%s: %s: %s", c->file, path, line);
}

void rs_jin_oom(rs_jin *c)
{
    c->oom = 1;
    rs_jin_err(c, "out of memory");
}

/* Appends ".key" (or "key" at the top) to the path.  A path that would not
 * fit is cut with "..." rather than overflowing: messages stay readable. */
size_t rs_jin_key(rs_jin *c, const char *key)
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

size_t rs_jin_idx(rs_jin *c, int i)
{
    size_t mark = c->plen;
    int n = snprintf(c->path + c->plen, sizeof c->path - c->plen, "[%d]", i);
    if (n > 0)
        c->plen += (size_t)n;
    if (c->plen >= sizeof c->path)
        c->plen = sizeof c->path - 1;
    return mark;
}

void rs_jin_pop(rs_jin *c, size_t mark)
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
static void check_duplicates(rs_jin *c, const cJSON *v, int depth)
{
    if (!v || depth > 200 || c->oom)
        return;
    if (cJSON_IsObject(v)) {
        int n = cJSON_GetArraySize(v);
        if (n > 1) {
            const char **names = malloc((size_t)n * sizeof(*names));
            if (!names) {
                rs_jin_oom(c);
                return;
            }
            int k = 0;
            for (const cJSON *e = v->child; e && k < n; e = e->next)
                names[k++] = e->string ? e->string : "";
            qsort(names, (size_t)k, sizeof(*names), cmp_str);
            for (int i = 1; i < k; i++)
                if (strcmp(names[i], names[i - 1]) == 0 &&
                    (i < 2 || strcmp(names[i], names[i - 2]) != 0))
                    rs_jin_err(c, "duplicate field \"%.100s\"", names[i]);
            free(names);
        }
        for (const cJSON *e = v->child; e; e = e->next) {
            size_t m = rs_jin_key(c, e->string ? e->string : "");
            check_duplicates(c, e, depth + 1);
            rs_jin_pop(c, m);
        }
    } else if (cJSON_IsArray(v)) {
        int i = 0;
        for (const cJSON *e = v->child; e; e = e->next, i++) {
            if (!cJSON_IsObject(e) && !cJSON_IsArray(e))
                continue;
            size_t m = rs_jin_idx(c, i);
            check_duplicates(c, e, depth + 1);
            rs_jin_pop(c, m);
        }
    }
}

/* Most JSON values (strings, numbers, literals, objects and arrays, keys
 * included) a file may hold.  cJSON spends about 80 bytes on each, so a
 * file of 64 MiB of "0," (32 million values) would take 2.5 GB; at this
 * limit a file takes about 160 MB.  A real event holds far fewer (the
 * Chengdu sample: 12,000 in its largest file; the benchmark's XL event
 * 70,000). */
#define MAX_JSON_VALUES 2000000L

/* Deepest nesting of arrays and objects.  The contract's deepest path is
 * five levels (investors[0].available[0].date); the margin is for "x-"
 * fields.  cJSON recurses once per level, so without a limit a file of
 * '[' would exhaust the stack of a smaller thread. */
#define MAX_JSON_DEPTH 64
#define JIN_STR_(x) #x
#define JIN_STR(x) JIN_STR_(x)

/* Largest file read, checked before reading: the benchmark's largest event
 * (300 investors, 3000 SMEs) is under 1 MiB. */
#define MAX_FILE_BYTES (64L << 20)

/* What the lexical pass found: the first problem cJSON lets through (its
 * offset and what it is) and how many values the text holds. */
typedef struct {
    size_t bad;         /* offset of the first problem, or len            */
    const char *why;    /* what is wrong there                            */
    long values;
    int depth;          /* current nesting of arrays and objects          */
    int fatal;          /* the problem forbids handing the text to cJSON  */
} lex_t;

static int is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Length of the JSON number at s (RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?
 * ([eE][+-]?[0-9]+)?), or 0 when the characters there are not one: cJSON
 * reads numbers with strtod and so takes 007, 1., -.5 and 1.e5, which are
 * not JSON and which an organiser may mean differently (007 as octal). */
static size_t json_number_len(const unsigned char *s, size_t n)
{
    size_t i = 0;
    if (i < n && s[i] == '-')
        i++;
    if (i < n && s[i] == '0')
        i++;
    else if (i < n && is_digit(s[i]))
        while (i < n && is_digit(s[i]))
            i++;
    else
        return 0;
    if (i < n && s[i] == '.') {
        if (++i >= n || !is_digit(s[i]))
            return 0;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= n || !is_digit(s[i]))
            return 0;
        while (i < n && is_digit(s[i]))
            i++;
    }
    if (i < n && (is_digit(s[i]) || s[i] == '.' || s[i] == 'e' || s[i] == 'E' ||
                  s[i] == '+' || s[i] == '-'))
        return 0; /* 007, 1.2.3, 1e5e5: the number goes on past valid JSON */
    return i;
}

/* One pass over the text for what cJSON accepts but JSON does not, or what
 * would cost too much to parse: numbers that are not JSON numbers, control
 * characters in strings (JSON wants them escaped), the escape \u0000
 * (cJSON would cut the string there silently: "inv-1\u0000x" would read as
 * "inv-1"), bytes outside strings that are not JSON (a second byte order
 * mark, which cJSON skips), and the number of values.  Structure is left to
 * cJSON. */
/* Keeps the first problem the lexical pass finds. */
static void lex_bad(lex_t *r, size_t at, const char *why)
{
    if (!r->why) {
        r->bad = at;
        r->why = why;
    }
}

/* Whether the JSON number at s (k bytes, valid JSON) is not zero yet
 * closer to zero than 1e-323: strtod turns 1e-400 into 0 silently (and
 * 1e-324 too), and a number the organiser wrote as nonzero must not pass
 * as 0, as a whole number or a weight.  Decided from the digits alone
 * (the decimal exponent of the first nonzero digit), so that neither the
 * locale nor the C library's rounding matters.  1e400 needs no check
 * here: it reads as infinity, which every getter refuses. */
static int number_underflows(const unsigned char *s, size_t k)
{
    size_t i = s[0] == '-' ? 1 : 0, start = i;
    while (i < k && is_digit(s[i]))
        i++;
    long ilen = (long)(i - start), mag = 0; /* mag: decimal exponent of the
                                             * first nonzero digit */
    int seen = 0;
    for (size_t j = start; j < i && !seen; j++)
        if (s[j] != '0') {
            seen = 1;
            mag = ilen - 1 - (long)(j - start);
        }
    if (i < k && s[i] == '.') {
        size_t f = ++i;
        while (i < k && is_digit(s[i])) {
            if (!seen && s[i] != '0') {
                seen = 1;
                mag = -1 - (long)(i - f);
            }
            i++;
        }
    }
    if (!seen)
        return 0; /* 0, -0, 0.000e5: zero as written */
    long e = 0;
    int neg = 0;
    if (i < k && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < k && (s[i] == '+' || s[i] == '-'))
            neg = s[i++] == '-';
        for (; i < k; i++)
            if (e < 1000000)
                e = e * 10 + (s[i] - '0');
    }
    return mag + (neg ? -e : e) < -323;
}

static lex_t json_lex(const unsigned char *s, size_t n)
{
    lex_t r = {n, NULL, 0, 0, 0};
    size_t i = 0;
    /* the first problem is kept and counting goes on to the end, so that
     * the limit on values holds before cJSON builds anything */
    while (i < n && r.values <= MAX_JSON_VALUES) {
        unsigned char ch = s[i];
        if (ch == '"') {
            size_t open = i;
            r.values++;
            for (i++; i < n && s[i] != '"'; i++) {
                if (s[i] < 0x20)
                    lex_bad(&r, i, "control character in a string (write it as an escape "
                               "such as \\n)");
                if (s[i] == '\\' && i + 1 < n) {
                    if (s[i + 1] == 'u' && i + 5 < n && memcmp(s + i + 2, "0000", 4) == 0)
                        lex_bad(&r, i, "\\u0000 in a string");
                    i++;
                }
            }
            if (i >= n)
                lex_bad(&r, open, "string not closed before the end of the file");
            i++;
        } else if (ch == '-' || is_digit(ch)) {
            size_t k = json_number_len(s + i, n - i);
            r.values++;
            if (k > 0 && number_underflows(s + i, k))
                lex_bad(&r, i, "number too close to zero to represent (write 0 if 0 is "
                           "meant)");
            if (k == 0) {
                lex_bad(&r, i, "not a JSON number (no leading zeros, digits on both sides "
                           "of '.', no hex)");
                for (k = 1; i + k < n && (is_digit(s[i + k]) || s[i + k] == '.' ||
                                          s[i + k] == 'e' || s[i + k] == 'E' ||
                                          s[i + k] == '+' || s[i + k] == '-');
                     k++)
                    ;
            }
            i += k;
        } else if (ch >= 0x80) {
            lex_bad(&r, i, "a character outside a string");
            i++;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
            r.values++; /* true, false, null, or a word cJSON will reject */
            while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                             is_digit(s[i])))
                i++;
        } else {
            r.values += ch == '[' || ch == '{';
            if (ch == '[' || ch == '{') {
                if (++r.depth > MAX_JSON_DEPTH) {
                    lex_bad(&r, i, "nested deeper than " JIN_STR(MAX_JSON_DEPTH) " arrays and "
                               "objects (the reader's limit)");
                    r.fatal = 1;
                    break; /* the rest would only nest deeper; cJSON never sees it */
                }
            } else if ((ch == ']' || ch == '}') && r.depth > 0) {
                r.depth--;
            }
            i++;
        }
    }
    return r;
}

/* Text near position pos, up to the end of its line, at most 20 bytes,
 * without control characters and not cutting a UTF-8 character in two,
 * so the message stays on one line. */
static void near_text(const char *text, size_t len, size_t pos, char near[24])
{
    size_t n = 0;
    for (size_t i = pos; i < len && n < 20; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n' || ch == '\r')
            break;
        near[n++] = ch < 0x20 ? ' ' : (char)ch;
    }
    size_t start = n; /* where the last character starts */
    while (start > 0 && ((unsigned char)near[start - 1] & 0xC0) == 0x80)
        start--;
    if (start > 0 && rs_utf8_len((const unsigned char *)near + start - 1, n - start + 1) == 0)
        n = start - 1;
    near[n] = '\0';
}

/* Reports a syntax problem at pos as "FILE: LINE:COL: what near "..."". */
static void syntax_err(rs_jin *c, const char *text, size_t len, size_t pos, const char *what)
{
    int l, k;
    line_col(text, pos, &l, &k);
    if (pos >= len || text[pos] == '\0') {
        rs_diag_add(c->diag, "%s: %d:%d: %s: unexpected end of file", c->file, l, k, what);
    } else {
        char near[24];
        near_text(text, len, pos, near);
        rs_diag_add(c->diag, "%s: %d:%d: %s near \"%s\"", c->file, l, k, what, near);
    }
    c->errors++;
}

cJSON *rs_jin_parse_text(rs_jin *c, const char *text, size_t len)
{
    cJSON *root = NULL;
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
        return NULL;
    }
    if (memchr(text, '\0', len)) {
        size_t z = (size_t)((const char *)memchr(text, '\0', len) - text);
        int l, k;
        line_col(text, z, &l, &k);
        rs_diag_add(c->diag, "%s: %d:%d: NUL byte in file", c->file, l, k);
        c->errors++;
        return NULL;
    }
    lex_t lx = json_lex((const unsigned char *)text + skip, len - skip);
    lx.bad += skip;
    if (lx.values > MAX_JSON_VALUES) {
        rs_diag_add(c->diag, "%s: (top level): more than %ld JSON values (the reader's "
                    "limit, to bound its memory)", c->file, MAX_JSON_VALUES);
        c->errors++;
        return NULL;
    }
    if (lx.fatal) {
        syntax_err(c, text, len, lx.bad, lx.why);
        return NULL;
    }
    const char *end = NULL;
    /* the length counts the terminating NUL: cJSON checks for it when it
     * requires the text to end after the value */
    /* cJSON says nothing of why it failed; a failed allocation sets errno
     * (malloc's contract), which nothing else in its parser sets to ENOMEM */
    errno = 0;
    root = cJSON_ParseWithLengthOpts(start + skip, len - skip + 1, &end, 1);
    if (!root) {
        int oom = errno == ENOMEM;
        size_t pos = end ? (size_t)(end - text) : len;
        if (pos > len)
            pos = len;
        if (lx.why && lx.bad <= pos) /* the earlier of the two; at the same place the
                                         * lexical one says more */
            syntax_err(c, text, len, lx.bad, lx.why);
        else if (oom)
            rs_jin_oom(c);
        else
            syntax_err(c, text, len, pos, "invalid JSON");
        return NULL;
    }
    if (lx.why) {
        syntax_err(c, text, len, lx.bad, lx.why);
        cJSON_Delete(root);
        return NULL;
    }
    check_duplicates(c, root, 0);
    if (c->oom) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

cJSON *rs_jin_parse_file(rs_jin *c, const char *path, int *io_error)
{
    size_t len = 0;
    struct stat st;
    *io_error = 0;
    /* a FIFO or device would block or never end: only regular files (or
     * links to them) are read */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        rs_diag_add(c->diag, "%s: cannot read %s: %s", c->file, path,
                    S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file");
        c->errors++;
        *io_error = 1;
        return NULL;
    }
    /* bad input rather than an I/O failure: the file is there, too big */
    if (stat(path, &st) == 0 && st.st_size > MAX_FILE_BYTES) {
        rs_diag_add(c->diag, "%s: (top level): the file holds %lld bytes, more than the "
                    "reader's limit of %ld MiB", c->file, (long long)st.st_size,
                    MAX_FILE_BYTES >> 20);
        c->errors++;
        return NULL;
    }
    char *text = rs_read_file(path, &len);
    if (!text) {
        rs_diag_add(c->diag, "%s: cannot read %s: %s", c->file, path, strerror(errno));
        c->errors++;
        if (errno == ENOMEM)
            c->oom = 1;
        else
            *io_error = 1;
        return NULL;
    }
    cJSON *root = rs_jin_parse_text(c, text, len);
    free(text);
    return root;
}

void rs_jin_check_keys(rs_jin *c, const cJSON *obj, const char *const *allowed)
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
            size_t m = rs_jin_key(c, k);
            rs_jin_err(c, "unknown field (custom fields must start with \"x-\")");
            rs_jin_pop(c, m);
        }
    }
}

/* Looks up key; reports absence when required.  NULL when absent. */
static const cJSON *member(rs_jin *c, const cJSON *obj, const char *key, int required)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v && required) {
        size_t m = rs_jin_key(c, key);
        rs_jin_err(c, "missing (required)");
        rs_jin_pop(c, m);
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

int rs_jin_expect_object(rs_jin *c, const cJSON *v, const char *what)
{
    if (cJSON_IsObject(v))
        return 1;
    rs_jin_err(c, "expected %s (an object), found %s", what, type_name(v));
    return 0;
}

const char *rs_jin_string(rs_jin *c, const cJSON *obj, const char *key, int required,
                          size_t maxlen)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return NULL;
    size_t m = rs_jin_key(c, key);
    const char *r = NULL;
    if (!cJSON_IsString(v) || !v->valuestring)
        rs_jin_err(c, "expected a string, found %s", type_name(v));
    else if (required && v->valuestring[0] == '\0')
        rs_jin_err(c, "must not be empty");
    else if (strlen(v->valuestring) > maxlen)
        rs_jin_err(c, "longer than %zu bytes", maxlen);
    else
        r = v->valuestring;
    rs_jin_pop(c, m);
    return r;
}

/* Ids name files (calendars) and appear in CSV and HTML, so they are kept to
 * a safe alphabet: letters, digits, '-', '_', '.', ':' and at most 64 bytes,
 * not starting with '.'. */
int rs_jin_is_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64 || s[0] == '.')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
            return 0;
    return 1;
}

const char *rs_jin_id(rs_jin *c, const cJSON *obj, const char *key, int required)
{
    const char *s = rs_jin_string(c, obj, key, required, 64);
    if (!s)
        return NULL;
    if (!rs_jin_is_id(s)) {
        size_t m = rs_jin_key(c, key);
        rs_jin_err(c, "id \"%.64s\" must be 1-64 letters, digits, '-', '_', '.' or ':' "
                   "and not start with '.'", s);
        rs_jin_pop(c, m);
        return NULL;
    }
    return s;
}

double rs_jin_number(rs_jin *c, const cJSON *obj, const char *key, int required,
                     double lo, double hi, double fallback)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return fallback;
    size_t m = rs_jin_key(c, key);
    double r = fallback;
    if (!cJSON_IsNumber(v))
        rs_jin_err(c, "expected a number, found %s", type_name(v));
    else if (!isfinite(v->valuedouble))
        rs_jin_err(c, "number out of range");
    else if (v->valuedouble < lo || v->valuedouble > hi)
        rs_jin_err(c, "%g is out of range (%g to %g)", v->valuedouble, lo, hi);
    else
        r = v->valuedouble == 0 ? 0.0 : v->valuedouble;
    rs_jin_pop(c, m);
    return r;
}

int rs_jin_int(rs_jin *c, const cJSON *obj, const char *key, int required, int lo, int hi,
               int fallback)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return fallback;
    size_t m = rs_jin_key(c, key);
    int r = fallback;
    if (!cJSON_IsNumber(v))
        rs_jin_err(c, "expected a whole number, found %s", type_name(v));
    else if (!isfinite(v->valuedouble))
        rs_jin_err(c, "number out of range");
    else if (v->valuedouble != floor(v->valuedouble))
        rs_jin_err(c, "expected a whole number, found %g", v->valuedouble);
    else if (v->valuedouble < lo || v->valuedouble > hi)
        rs_jin_err(c, "%.0f is out of range (%d to %d)", v->valuedouble, lo, hi);
    else
        r = (int)v->valuedouble;
    rs_jin_pop(c, m);
    return r;
}

int rs_jin_bool(rs_jin *c, const cJSON *obj, const char *key, int fallback)
{
    const cJSON *v = member(c, obj, key, 0);
    if (!v)
        return fallback;
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v);
    size_t m = rs_jin_key(c, key);
    rs_jin_err(c, "expected true or false, found %s", type_name(v));
    rs_jin_pop(c, m);
    return fallback;
}

int rs_jin_time(rs_jin *c, const cJSON *obj, const char *key, int required)
{
    const char *s = rs_jin_string(c, obj, key, required, 16);
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
        size_t m = rs_jin_key(c, key);
        rs_jin_err(c, "\"%.16s\" is not a time of day as HH:MM (00:00 to 24:00)", s);
        rs_jin_pop(c, m);
        return -1;
    }
    return h * 60 + mi;
}

const char *rs_jin_date(rs_jin *c, const cJSON *obj, const char *key, int required)
{
    const char *s = rs_jin_string(c, obj, key, required, 16);
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
        size_t m = rs_jin_key(c, key);
        rs_jin_err(c, "\"%.16s\" is not a date as YYYY-MM-DD", s);
        rs_jin_pop(c, m);
        return NULL;
    }
    return s;
}

const cJSON *rs_jin_array(rs_jin *c, const cJSON *obj, const char *key, int required)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return NULL;
    if (cJSON_IsArray(v))
        return v;
    size_t m = rs_jin_key(c, key);
    rs_jin_err(c, "expected an array, found %s", type_name(v));
    rs_jin_pop(c, m);
    return NULL;
}

const cJSON *rs_jin_object(rs_jin *c, const cJSON *obj, const char *key, int required)
{
    const cJSON *v = member(c, obj, key, required);
    if (!v)
        return NULL;
    if (cJSON_IsObject(v))
        return v;
    size_t m = rs_jin_key(c, key);
    rs_jin_err(c, "expected an object, found %s", type_name(v));
    rs_jin_pop(c, m);
    return NULL;
}
