/*
 * events.c -- dated statements: the sentence around each date.
 *
 * Timexes and sentences both come in text order, so one merge-like walk
 * finds the sentence of each expression.  Only expressions that place a
 * statement on the calendar make events: DATE and TIME values that begin
 * with a year.  Durations, sets and the vague PRESENT_REF/PAST_REF say
 * nothing about when; "XXXX-02-09" (no document date) cannot be placed.
 * The second end of a range ("between 2003 and 2009") is already the
 * end_date of the first and makes no event of its own.  Two dates of two
 * clauses make two events of one clause each (split_clauses).
 *
 * A news report laid out as headline, dateline, lede says in its
 * headline and its first sentence what happened on the day it is dated,
 * mostly without any time expression ("Airbus wins order"): those two
 * become events of the dateline's date, and so do the report's
 * statements that are reported speech or just-completed acts ("the
 * company said", "has confirmed"), which news dates by its own date --
 * unless the speech is dated earlier ("In January, the company said").
 *
 * An undated sentence that narrates in the past and refers back to what
 * the sentence before was about ("The aircraft took off at 08:30.  Then
 * the plane flew over the bay for four hours.") is an event of that
 * sentence's date (carry_dates).
 */
#include <stdlib.h>
#include <string.h>
#include "events.h"
#include "refs.h"
#include "tense.h"

static int placeable(const dsr_timex *x)
{
    return (x->type == DSR_TX_DATE || x->type == DSR_TX_TIME) && x->value[0] >= '0' && x->value[0] <= '9' &&
           x->value[1] >= '0' && x->value[1] <= '9' && x->value[2] >= '0' && x->value[2] <= '9';
}

static int has_date(const dsr_timexes *tx, const dsr_span *sp)
{
    size_t i;
    for (i = 0; i < tx->n; i++)
        if (tx->v[i].start >= sp->start && tx->v[i].end <= sp->end && placeable(&tx->v[i])) return 1;
    return 0;
}

/* The timex that is the whole of sentence 1 after a headline, or -1. */
static long dateline_of(const dsr_text *t, const dsr_spans *sentences, const dsr_timexes *tx)
{
    const dsr_span *h, *d;
    size_t i;
    unsigned char last;
    if (sentences->n < 3 || tx->n == 0) return -1;
    h = &sentences->v[0];
    d = &sentences->v[1];
    if (h->end - h->start > 200 || h->end > t->len || h->end == h->start) return -1;
    last = (unsigned char)t->s[h->end - 1];
    if (last == '.' || last == '?' || last == '!' || last == '"' || last == ':' || has_date(tx, h)) return -1;
    for (i = 0; i < tx->n && tx->v[i].start < d->end; i++) {
        const dsr_timex *x = &tx->v[i];
        if (x->start == d->start && x->end == d->end && x->type == DSR_TX_DATE && strlen(x->value) == 10 &&
            placeable(x))
            return (long)i;
    }
    return -1;
}

static int by_start(const void *a, const void *b)
{
    const dsr_devent *x = a, *y = b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->timex > y->timex) - (x->timex < y->timex);
}

/* Does the sentence already have an event of that date? */
static int has_value(const dsr_timexes *tx, const dsr_span *sp, const char *v)
{
    size_t i;
    for (i = 0; i < tx->n; i++)
        if (tx->v[i].start >= sp->start && tx->v[i].end <= sp->end && placeable(&tx->v[i]) &&
            !strcmp(tx->v[i].value, v))
            return 1;
    return 0;
}

/* Has the sentence a date before v (compared on the digits both give:
 * "2005-01" is before "2006-05-29", "2006-05" is not)? */
static int has_earlier(const dsr_timexes *tx, const dsr_span *sp, const char *v)
{
    size_t i, n;
    for (i = 0; i < tx->n; i++) {
        const dsr_timex *x = &tx->v[i];
        if (x->start < sp->start || x->end > sp->end || !placeable(x)) continue;
        n = strlen(x->value) < strlen(v) ? strlen(x->value) : strlen(v);
        if (n > 10) n = 10;     /* the day, not the time of day */
        if (strncmp(x->value, v, n) < 0) return 1;
    }
    return 0;
}

static int push_dated(dsr_devents *out, const dsr_span *sp, const dsr_timexes *tx, long k)
{
    dsr_devent e;
    memset(&e, 0, sizeof e);
    e.start = sp->start;
    e.end = sp->end;
    e.timex = (uint32_t)k;
    memcpy(e.date, tx->v[k].value, sizeof e.date);
    return dsr_vec_push(out, e);
}

/* Headline and lede events of a news report, dated by its dateline. */
static int report_events(const dsr_text *t, const dsr_spans *sentences, const dsr_timexes *tx, dsr_devents *out)
{
    long k = dateline_of(t, sentences, tx);
    size_t i;
    int rep;
    if (k < 0) return 0;
    for (i = 0; i < sentences->n; i++) {
        const dsr_span *sp = &sentences->v[i];
        if (i == 1 || has_value(tx, sp, tx->v[k].value)) continue;
        /* A statement reported today is today's event even when it speaks of
         * a later date; one with an earlier date was mostly reported then
         * ("In January 2005, the company announced ..."), unless in the
         * present perfect ("has announced that work, begun in 2006, ..."). */
        if (((!has_date(tx, sp) && (i == 0 || i == 2)) ||
             ((rep = dsr_tense_reports(t, sp)) &&
              ((rep & DSR_REPORTS_PERFECT) || !has_earlier(tx, sp, tx->v[k].value)))) &&
            push_dated(out, sp, tx, k))
            return -1;
    }
    return 0;
}

/* Sentences without a date of their own may continue the story of the
 * one before: "Moss sailed on March 3.  She reached the fjord at dusk." is
 * two statements of one day.  After a dated sentence, a run of at most
 * CARRY_MAX sentences narrating in the past goes on with its story; those
 * of them that refer back ("she", "the ship") take its first date.  One
 * that does not ("A storm passed.") stays undated: without the referring
 * word, measured on MEANTIME and the seed, a carried date was wrong more
 * often than right.  A statement of now ("The harbour is busy.") ends the
 * run.  `first` is where this document's events begin in `out`, sorted
 * by start. */
#define CARRY_MAX 6
static int carry_dates(const dsr_text *t, const dsr_spans *sentences, dsr_devents *out, size_t first)
{
    size_t i, e = first, n = out->n;
    long from = -1;             /* the event whose date is carried, or -1 */
    int run = 0;
    for (i = 0; i < sentences->n; i++) {
        const dsr_span *sp = &sentences->v[i];
        long own = -1;
        while (e < n && out->v[e].start < sp->start) e++;
        if (e < n && out->v[e].start < sp->end) own = (long)e;
        if (own >= 0) {
            from = own;
            run = 0;
        } else if (from >= 0 && run < CARRY_MAX && dsr_tense_narrates(t, sp)) {
            if (dsr_refs_find(t->s + sp->start, sp->end - sp->start)) {
                dsr_devent c = out->v[from];
                c.start = sp->start;
                c.end = sp->end;
                c.end_date[0] = '\0';
                if (dsr_vec_push(out, c)) return -1;
            }
            run++;
        } else {
            from = -1;
        }
    }
    return 0;
}

/* Does a clause with a subject of its own begin at s[p]: a determiner
 * or a subject pronoun ("and the aircraft enters ..."), or after a comma
 * a capitalized word (", and Katla followed"; without the comma a name is
 * mostly one of two: "between the Eyjafjallajokull and Myrdalsjokull
 * glaciers") -- not a verb ("and is expected") or a comma? */
static int subject_at(const dsr_text *t, size_t p, int after_comma)
{
    static const char *const starts[] = { "the", "a", "an", "its", "his", "her", "their", "this", "these",
                                          "it", "he", "she", "they", "we", NULL };
    size_t a = p, k;
    if (p < t->len && t->s[p] >= 'A' && t->s[p] <= 'Z') return after_comma;
    while (p < t->len && t->s[p] >= 'a' && t->s[p] <= 'z') p++;
    for (k = 0; starts[k]; k++)
        if (strlen(starts[k]) == p - a && memcmp(t->s + a, starts[k], p - a) == 0) return p < t->len && t->s[p] == ' ';
    return 0;
}

/* The last break in s[from, to) before a clause with its own subject:
 * " and ", " but ", " while " or "; " (a comma more often ends a phrase
 * put first: "In a Jan. 11 statement, Pyongyang proposed ...").  Its
 * offset and, in *next, where the next clause's words begin; -1 when
 * there is none. */
static long last_break(const dsr_text *t, size_t from, size_t to, size_t *next)
{
    static const char *const words[] = { " and ", " but ", " while ", "; ", NULL };
    size_t p, k;
    if (to > t->len) to = t->len;
    for (p = to; p-- > from;)
        for (k = 0; words[k]; k++) {
            size_t n = strlen(words[k]);
            if (p + n <= to && memcmp(t->s + p, words[k], n) == 0 &&
                subject_at(t, p + n, p > from && t->s[p - 1] == ',')) {
                *next = words[k][0] == ' ' ? p + 1 : p + n;
                while (p > from && (t->s[p - 1] == ',' || t->s[p - 1] == ' ')) p--;     /* "in 1821," */
                return (long)p;
            }
        }
    return -1;
}

/* A sentence that dates two things ("Production begins in 2006 and the
 * aircraft enters service in 2008") states two events: each becomes the
 * clause around its date, cut at the last clause break between the two
 * expressions, so each is linked to the names of its own clause.  Without
 * a subject of its own the second clause shares the first one's ("Wang
 * met Kim Feb. 8 and, on his return Feb. 9, was accompanied ...") and
 * the sentence stays whole.  ev[0,
 * n) are the events of one sentence, in text order; expressions of one
 * date stay in one clause. */
static void split_clauses(const dsr_text *t, const dsr_timexes *tx, dsr_devent *ev, size_t n)
{
    uint32_t seg = ev[0].start, end = ev[0].end;
    size_t k, m, open = 0, next;
    for (k = 1; k < n; k++) {
        long cut;
        if (!strcmp(ev[k - 1].date, ev[k].date) ||
            (cut = last_break(t, tx->v[ev[k - 1].timex].end, tx->v[ev[k].timex].start, &next)) < 0)
            continue;
        for (m = open; m < k; m++) ev[m].start = seg, ev[m].end = (uint32_t)cut;
        seg = (uint32_t)next;
        open = k;
    }
    for (m = open; m < n; m++) ev[m].start = seg, ev[m].end = end;
}

int dsr_events_find(const dsr_text *t, const dsr_spans *sentences, const dsr_timexes *tx, dsr_devents *out)
{
    size_t i, s = 0, first = out->n;
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
        if (strlen(x->value) == 3) {
            /* a decade ("the 1990s" is "199"): on a timeline, its first year to its last */
            memcpy(e.date, x->value, 3), memcpy(e.date + 3, "0", 2);
            if (!e.end_date[0]) memcpy(e.end_date, x->value, 3), memcpy(e.end_date + 3, "9", 2);
        }
        if (dsr_vec_push(out, e)) return -1;
    }
    for (i = first; i < out->n; i = s) {     /* runs of events of one sentence */
        for (s = i + 1; s < out->n && out->v[s].start == out->v[i].start && out->v[s].end == out->v[i].end; s++) {}
        if (s - i > 1) split_clauses(t, tx, out->v + i, s - i);
    }
    if (report_events(t, sentences, tx, out)) return -1;
    if (out->n > first) qsort(out->v + first, out->n - first, sizeof *out->v, by_start);
    if (carry_dates(t, sentences, out, first)) return -1;
    if (out->n > first) qsort(out->v + first, out->n - first, sizeof *out->v, by_start);
    return 0;
}
