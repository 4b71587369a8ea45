/*
 * json_in.h - strict JSON reading helpers shared by the event reader and the
 * schedule loader.
 *
 * An rs_jin context carries the file's display name, its text (to turn cJSON's
 * error pointer into line:column) and the JSON path being read, so every
 * message comes out as "FILE: PATH: message" and reading goes on after a
 * problem: all problems of a file are reported in one run.
 */
#ifndef RS_JSON_IN_H
#define RS_JSON_IN_H

#include "internal.h"

#include <cjson/cJSON.h>

typedef struct {
    const char *file;   /* display name, e.g. "smes.json"                   */
    rs_diag *diag;
    int errors;         /* problems reported so far                        */
    int oom;            /* memory ran out: the reader's result is RS_ENOMEM,
                           whatever else it found                          */
    char path[1024];    /* current JSON path, e.g. "[17].sectors[0]"       */
    size_t plen;
} rs_jin;

/* Most messages rs_jin_err adds to one diag: a file of a million broken
 * entries would otherwise print a million lines (and take the memory for
 * them).  Problems past it are still counted in errors. */
#define RS_JIN_MAX_MESSAGES 1000

void rs_jin_init(rs_jin *c, const char *file, rs_diag *diag);
/* Reports a problem at the current path (or "(top level)"), unless diag
 * holds RS_JIN_MAX_MESSAGES already; counts it in either case. */
void rs_jin_err(rs_jin *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Reports "out of memory" at the current path like a problem and sets
 * oom, so that the reader returns RS_ENOMEM rather than RS_EINPUT: a file
 * is not bad because the machine ran short. */
void rs_jin_oom(rs_jin *c);
/* Path building: each returns the previous length for rs_jin_pop. */
size_t rs_jin_key(rs_jin *c, const char *key);
size_t rs_jin_idx(rs_jin *c, int i);
void rs_jin_pop(rs_jin *c, size_t mark);

/* Reads and parses a JSON file: checks UTF-8, syntax (with line:column),
 * and duplicate keys anywhere.  Returns the tree (caller frees with
 * cJSON_Delete) or NULL after reporting why.  *io_error is set when the
 * file could not be read at all; c->oom when memory ran out (reading the
 * file, building the tree or looking for duplicate keys). */
cJSON *rs_jin_parse_file(rs_jin *c, const char *path, int *io_error);
/* The same checks and parse on text already in memory; text[len] must be
 * '\0'.  NULL (after reporting) also when memory ran out (c->oom). */
cJSON *rs_jin_parse_text(rs_jin *c, const char *text, size_t len);

/* Reports every member of obj whose name is not in allowed (NULL-ended)
 * and does not start with "x-". */
void rs_jin_check_keys(rs_jin *c, const cJSON *obj, const char *const *allowed);
/* Each getter reports a wrong type or range at PATH.key and returns its
 * fallback; "required" members report their absence. */
const char *rs_jin_string(rs_jin *c, const cJSON *obj, const char *key, int required,
                          size_t maxlen);
const char *rs_jin_id(rs_jin *c, const cJSON *obj, const char *key, int required);
/* Whether s is an id as rs_jin_id accepts it: 1-64 letters, digits, '-',
 * '_', '.' or ':', not starting with '.'. */
int rs_jin_is_id(const char *s);
int rs_jin_int(rs_jin *c, const cJSON *obj, const char *key, int required, int lo,
               int hi, int fallback);
double rs_jin_number(rs_jin *c, const cJSON *obj, const char *key, int required,
                     double lo, double hi, double fallback);
int rs_jin_bool(rs_jin *c, const cJSON *obj, const char *key, int fallback);
/* "HH:MM" (00:00 .. 24:00) as minutes, or -1 after reporting. */
int rs_jin_time(rs_jin *c, const cJSON *obj, const char *key, int required);
/* "YYYY-MM-DD" with a real calendar date; NULL after reporting. */
const char *rs_jin_date(rs_jin *c, const cJSON *obj, const char *key, int required);
/* Member that must be an array (or absent when not required); NULL when
 * absent or wrong, after reporting. */
const cJSON *rs_jin_array(rs_jin *c, const cJSON *obj, const char *key, int required);
const cJSON *rs_jin_object(rs_jin *c, const cJSON *obj, const char *key, int required);
/* Whether v is an object; reports "expected an object" at the path if not. */
int rs_jin_expect_object(rs_jin *c, const cJSON *v, const char *what);

#endif
