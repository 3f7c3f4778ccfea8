/*
 * tense.h -- what a sentence's verbs say about when it happened.
 *
 * News dates a statement that has no time expression by its verbs:
 * reported speech and just-completed acts ("the company said", "has
 * won") belong to the report's own day, and plain past narration ("The
 * aircraft took off.  It flew over the bay.") continues the day of the
 * sentence before.  Both tests read words only, no parse: they are
 * meant to be right when they say yes, and say no when unsure.
 */
#ifndef DSR_TENSE_H
#define DSR_TENSE_H

#include "text.h"

/* Does the sentence report speech or a just-completed act?  0, or
 * DSR_REPORTS, with DSR_REPORTS_PERFECT when the first such verb is a
 * present perfect ("has announced": done by now, whatever dates the
 * sentence names). */
enum { DSR_REPORTS = 1, DSR_REPORTS_PERFECT = 2 };
int dsr_tense_reports(const dsr_text *t, const dsr_span *sp);

/* Does the sentence narrate in the past only: a past-tense verb ("was",
 * "flew", "decided") and, outside quotations, no present or future one
 * ("is", "has", "will", "would")? */
int dsr_tense_narrates(const dsr_text *t, const dsr_span *sp);

#endif
