/*
 * timex.h -- time expressions: recognition and TimeML normalisation.
 *
 * dsr_timex_scan reads the body of a document and appends every time
 * expression it finds, in text order, normalised against the document's
 * creation date `dct` ("YYYY-MM-DD", "YYYY-MM", "YYYY", or "" when unknown:
 * then a date whose year cannot be known gets "XXXX" in its value).
 */
#ifndef DSR_TIMEX_H
#define DSR_TIMEX_H

#include "text.h"

typedef struct {
    int dmy;            /* read 02/09/2010 as day/month/year (default month/day) */
} dsr_timex_opts;

int dsr_timex_scan(const dsr_text *t, const char *dct, const dsr_timex_opts *o,
                   dsr_timexes *out);

#endif
