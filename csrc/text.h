/*
 * text.h -- the view of one document that every extractor reads.
 *
 * Extractors never copy or rewrite a document: they read the bytes exactly
 * as stored (UTF-8 with possibly invalid bytes, CRLF or LF, typographic
 * quotes and dashes) and report byte offsets into them.  `body` is where the
 * text proper starts: after a UTF-8 BOM and after YAML front matter.
 */
#ifndef DSR_TEXT_H
#define DSR_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "vec.h"

typedef struct {
    const char *s;      /* the whole file; s[len] is a NUL */
    size_t len;
    size_t body;        /* first byte of the text after BOM/front matter */
} dsr_text;

typedef struct { uint32_t start, end; } dsr_span;
typedef DSR_VEC(dsr_span) dsr_spans;

/* TIMEX3 types. */
enum { DSR_TX_DATE, DSR_TX_TIME, DSR_TX_DURATION, DSR_TX_SET };

/* One time expression.  `value` is the TimeML value ("2010-02-09", "P6Y",
 * "PRESENT_REF", "2010-Q3", "XXXX-02-09" when the year is unknown), `mod` a
 * TimeML modifier ("START", "MID", "END", "APPROX", ...) or "", and
 * `end_value` the second end of a range ("Feb. 9-12") or "". */
typedef struct {
    uint32_t start, end;
    uint8_t type;
    char value[24];
    char mod[16];
    char end_value[24];
} dsr_timex;
typedef DSR_VEC(dsr_timex) dsr_timexes;

#endif
