/*
 * docdate.h -- the date of a document when its front matter has none.
 *
 * Each function writes "YYYY-MM-DD" (or a shorter "YYYY-MM"/"YYYY") into
 * out and returns 1, or returns 0 and leaves out empty.
 */
#ifndef DSR_DOCDATE_H
#define DSR_DOCDATE_H

#include "text.h"

/* A dateline near the top of the body: "June 6, 2005" on its own line,
 * "WASHINGTON, March 3, 2010 --", "SALVADOR, Feb 26 -" (year then unknown:
 * returns 0 unless `year_hint` > 0 supplies one). */
int dsr_docdate_dateline(const dsr_text *t, int year_hint, char out[11]);

/* A date in a file name: "2010-03-01-talks.md", "20100301_talks.txt". */
int dsr_docdate_filename(const char *name, char out[11]);

/* No date anywhere: infer one from the text (explicit years, "last year"
 * statements).  The result is marked `inferred` by the caller. */
int dsr_docdate_infer(const dsr_text *t, char out[11]);

#endif
