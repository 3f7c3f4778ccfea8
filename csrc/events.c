/*
 * events.c -- dated statements: the sentence around each date.
 *
 * Timexes and sentences both come in text order, so one merge-like walk
 * finds the sentence of each expression.  Only expressions that place a
 * statement on the calendar make events: DATE and TIME values that begin
 * with a year.  Durations, sets and the vague PRESENT_REF/PAST_REF say
 * nothing about when; "XXXX-02-09" (no document date) cannot be placed.
 * The second end of a range ("between 2003 and 2009") is already the
 * end_date of the first and makes no event of its own.
 */
#include <string.h>
#include "events.h"

static int placeable(const dsr_timex *x)
{
    return (x->type == DSR_TX_DATE || x->type == DSR_TX_TIME) && x->value[0] >= '0' && x->value[0] <= '9' &&
           x->value[1] >= '0' && x->value[1] <= '9' && x->value[2] >= '0' && x->value[2] <= '9';
}

int dsr_events_find(const dsr_text *t, const dsr_spans *sentences, const dsr_timexes *tx, dsr_devents *out)
{
    size_t i, s = 0;
    (void)t;
    for (i = 0; i < tx->n; i++) {
        const dsr_timex *x = &tx->v[i];
        dsr_devent e;
        if (!placeable(x)) continue;
        if (i > 0 && tx->v[i - 1].end_value[0] && !strcmp(tx->v[i - 1].end_value, x->value) &&
            x->start >= tx->v[i - 1].end && x->start - tx->v[i - 1].end <= 12)
            continue;   /* the second end of "between 2003 and 2009" */
        while (s < sentences->n && sentences->v[s].end <= x->start) s++;
        memset(&e, 0, sizeof e);
        if (s < sentences->n && sentences->v[s].start <= x->start) {
            e.start = sentences->v[s].start;
            e.end = sentences->v[s].end;
            if (e.end < x->end) e.end = x->end;
        } else {
            e.start = x->start;
            e.end = x->end;
        }
        e.timex = (uint32_t)i;
        memcpy(e.date, x->value, sizeof e.date);
        memcpy(e.end_date, x->end_value, sizeof e.end_date);
        if (!(x->end_value[0] >= '0' && x->end_value[0] <= '9')) e.end_date[0] = '\0';
        if (dsr_vec_push(out, e)) return -1;
    }
    return 0;
}
