/*
 * json_in.h - strict JSON reading helpers shared by the event reader and the
 * schedule loader.
 *
 * A jin context carries the file's display name, its text (to turn cJSON's
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
    char path[1024];    /* current JSON path, e.g. "[17].sectors[0]"       */
    size_t plen;
} jin;

/* Most messages jin_err adds to one diag: a file of a million broken
 * entries would otherwise print a million lines (and take the memory for
 * them).  Problems past it are still counted in errors. */
#define JIN_MAX_MESSAGES 1000

void jin_init(jin *c, const char *file, rs_diag *diag);
/* Reports a problem at the current path (or "(top level)"), unless diag
 * holds JIN_MAX_MESSAGES already; counts it in either case. */
void jin_err(jin *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Path building: each returns the previous length for jin_pop. */
size_t jin_key(jin *c, const char *key);
size_t jin_idx(jin *c, int i);
void jin_pop(jin *c, size_t mark);

/* Reads and parses a JSON file: checks UTF-8, syntax (with line:column),
 * and duplicate keys anywhere.  Returns the tree (caller frees with
 * cJSON_Delete) or NULL after reporting why.  *io_error is set when the
 * file could not be read at all. */
cJSON *jin_parse_file(jin *c, const char *path, int *io_error);
/* The same checks and parse on text already in memory; text[len] must be
 * '\0'. */
cJSON *jin_parse_text(jin *c, const char *text, size_t len);

/* Reports every member of obj whose name is not in allowed (NULL-ended)
 * and does not start with "x-". */
void jin_check_keys(jin *c, const cJSON *obj, const char *const *allowed);
/* Each getter reports a wrong type or range at PATH.key and returns its
 * fallback; "required" members report their absence. */
const char *jin_string(jin *c, const cJSON *obj, const char *key, int required,
                       size_t maxlen);
const char *jin_id(jin *c, const cJSON *obj, const char *key, int required);
int jin_int(jin *c, const cJSON *obj, const char *key, int required, int lo,
            int hi, int fallback);
double jin_number(jin *c, const cJSON *obj, const char *key, int required,
                  double lo, double hi, double fallback);
int jin_bool(jin *c, const cJSON *obj, const char *key, int fallback);
/* "HH:MM" (00:00 .. 24:00) as minutes, or -1 after reporting. */
int jin_time(jin *c, const cJSON *obj, const char *key, int required);
/* "YYYY-MM-DD" with a real calendar date; NULL after reporting. */
const char *jin_date(jin *c, const cJSON *obj, const char *key, int required);
/* Member that must be an array (or absent when not required); NULL when
 * absent or wrong, after reporting. */
const cJSON *jin_array(jin *c, const cJSON *obj, const char *key, int required);
const cJSON *jin_object(jin *c, const cJSON *obj, const char *key, int required);
/* Whether v is an object; reports "expected an object" at the path if not. */
int jin_expect_object(jin *c, const cJSON *v, const char *what);

#endif
