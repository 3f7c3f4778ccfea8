/*
 * events.h -- dated statements of one document.
 *
 * An event is a sentence (or a clause of one) that a DATE or TIME
 * expression dates.  A sentence with two dates gives two events, each the
 * clause of its date when the second clause has a subject of its own
 * ("... in 2006 and the aircraft enters service in 2008").  In a
 * news report laid out as headline, dateline, text, the headline, the
 * lede and the reported statements ("the company said") are also events
 * of the dateline's date, with `timex` the dateline.  An undated sentence
 * of past narration that refers back to the one before ("She reached the
 * fjord at dusk.") takes that sentence's date and `timex`.  Durations, sets and
 * PRESENT_REF/PAST_REF make none.  The index links each event to the
 * entities mentioned inside its span.
 */
#ifndef DSR_EVENTS_H
#define DSR_EVENTS_H

#include "text.h"

typedef struct {
    uint32_t start, end;        /* the span that states it */
    uint32_t timex;             /* index of the dating expression */
    char date[24];              /* the timex value (or its range start) */
    char end_date[24];          /* range end, or "" */
} dsr_devent;
typedef DSR_VEC(dsr_devent) dsr_devents;

int dsr_events_find(const dsr_text *t, const dsr_spans *sentences,
                    const dsr_timexes *tx, dsr_devents *out);

#endif
