/*
 * test_events.c -- dated statements from sentences and time expressions.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "events.h"
#include "sentence.h"
#include "timex.h"

static int events_of(const char *s, const char *dct, dsr_devents *ev)
{
    dsr_text t;
    dsr_timexes tx = { 0 };
    dsr_spans sp = { 0 };
    int r;
    t.s = s;
    t.len = strlen(s);
    t.body = 0;
    r = dsr_timex_scan(&t, dct, NULL, &tx) || dsr_sentences(&t, &sp) || dsr_events_find(&t, &sp, &tx, ev);
    dsr_vec_free(&tx);
    dsr_vec_free(&sp);
    return r;
}

static int covers(const char *s, const dsr_devent *e, const char *phrase)
{
    const char *p = strstr(s, phrase);
    return p && (size_t)(p - s) >= e->start && (size_t)(p - s) + strlen(phrase) <= e->end;
}

static void one_per_date(void **state)
{
    const char *s = "The envoy arrived in the capital on Feb. 3. He left two days later. "
                    "Talks lasted six years. Prices are high now.";
    dsr_devents ev = { 0 };
    (void)state;
    assert_int_equal(events_of(s, "2011-03-01", &ev), 0);
    /* the duration and PRESENT_REF make no events */
    assert_int_equal(ev.n, 2);
    assert_string_equal(ev.v[0].date, "2011-02-03");
    assert_true(covers(s, &ev.v[0], "The envoy arrived in the capital on Feb. 3."));
    assert_string_equal(ev.v[1].date, "2011-02-05");
    assert_true(covers(s, &ev.v[1], "He left two days later."));
    dsr_vec_free(&ev);
}

static void two_dates_one_sentence(void **state)
{
    const char *s = "The minister met the rebels on May 2 and signed the accord on May 9.";
    dsr_devents ev = { 0 };
    (void)state;
    assert_int_equal(events_of(s, "2011-06-01", &ev), 0);
    assert_int_equal(ev.n, 2);
    assert_string_equal(ev.v[0].date, "2011-05-02");
    assert_string_equal(ev.v[1].date, "2011-05-09");
    assert_int_equal(ev.v[1].timex, 1);
    dsr_vec_free(&ev);
}

static void ranges(void **state)
{
    const char *s = "The team toured the region Feb. 9-12. The mines ran between 1990 and 1996. "
                    "A report came on Feb. 12.";
    dsr_devents ev = { 0 };
    (void)state;
    assert_int_equal(events_of(s, "2011-03-01", &ev), 0);
    assert_int_equal(ev.n, 3);
    assert_string_equal(ev.v[0].date, "2011-02-09");
    assert_string_equal(ev.v[0].end_date, "2011-02-12");
    assert_string_equal(ev.v[1].date, "1990");
    assert_string_equal(ev.v[1].end_date, "1996");
    /* the second end of a range is no event, a later mention of that day is */
    assert_string_equal(ev.v[2].date, "2011-02-12");
    assert_string_equal(ev.v[2].end_date, "");
    dsr_vec_free(&ev);
    /* a decade spans its years on a timeline */
    assert_int_equal(events_of("The canal silted up in the 1880s.", "2011-03-01", &ev), 0);
    assert_int_equal(ev.n, 1);
    assert_string_equal(ev.v[0].date, "1880");
    assert_string_equal(ev.v[0].end_date, "1889");
    dsr_vec_free(&ev);
}

static void undated_document(void **state)
{
    const char *s = "The pact was signed on June 5 and took effect in 1994.";
    dsr_devents ev = { 0 };
    (void)state;
    assert_int_equal(events_of(s, "", &ev), 0);
    /* "XXXX-06-05" cannot be placed on a timeline; 1994 can */
    assert_int_equal(ev.n, 1);
    assert_string_equal(ev.v[0].date, "1994");
    dsr_vec_free(&ev);
}

static void no_sentences(void **state)
{
    dsr_text t;
    dsr_timexes tx = { 0 };
    dsr_spans sp = { 0 };
    dsr_devents ev = { 0 };
    const char *s = "In 2004.";
    (void)state;
    t.s = s;
    t.len = strlen(s);
    t.body = 0;
    assert_int_equal(dsr_timex_scan(&t, "2005", NULL, &tx), 0);
    /* without sentences the expression itself is the span */
    assert_int_equal(dsr_events_find(&t, &sp, &tx, &ev), 0);
    assert_int_equal(ev.n, 1);
    assert_int_equal(ev.v[0].start, 3);
    assert_int_equal(ev.v[0].end, 7);
    dsr_vec_free(&tx);
    dsr_vec_free(&ev);
}

static void news_report_layout(void **state)
{
    const char *s = "Harbour authority wins dredging contract\n"
                    "April 02, 2011\n"
                    "The harbour authority beat two rivals for the work.\n"
                    "The contract runs until 2015.\n"
                    "Engineers inspected the channel walls.\n"
                    "The authority has confirmed that work starts soon.\n"
                    "A spokesman said crews were ready.\n";
    dsr_devents ev = { 0 };
    size_t i, dated = 0;
    (void)state;
    assert_int_equal(events_of(s, "2011-04-02", &ev), 0);
    /* headline, dateline, lede, "until 2015", two reported statements; not the inspection */
    assert_int_equal(ev.n, 6);
    for (i = 0; i < ev.n; i++) dated += !strcmp(ev.v[i].date, "2011-04-02");
    assert_int_equal(dated, 5);
    assert_true(covers(s, &ev.v[0], "Harbour authority wins dredging contract"));
    assert_true(covers(s, &ev.v[2], "The harbour authority beat two rivals"));
    assert_string_equal(ev.v[3].date, "2015");
    assert_true(covers(s, &ev.v[4], "has confirmed"));
    assert_true(covers(s, &ev.v[5], "A spokesman said"));
    for (i = 1; i < ev.n; i++) assert_true(ev.v[i - 1].start <= ev.v[i].start);
    dsr_vec_free(&ev);
}

/* The events of s, in order, into ev: each covers `phrase` and has `date`. */
typedef struct { const char *phrase, *date; } want_event;

static void expect_events(const char *s, const char *dct, const want_event *want, size_t n, dsr_devents *ev)
{
    size_t i;
    assert_int_equal(events_of(s, dct, ev), 0);
    assert_int_equal(ev->n, n);
    for (i = 0; i < ev->n; i++) {
        assert_true(covers(s, &ev->v[i], want[i].phrase));
        assert_string_equal(ev->v[i].date, want[i].date);
    }
}

/* An undated sentence of past narration that refers back ("she", "the
 * ship") continues the day of the sentence before; a statement of now
 * does not, and ends the story. */
static void carried_dates(void **state)
{
    static const want_event want[] = {
        { "Ada Moss sailed", "2012-03-03" },
        { "She reached the fjord before dusk.", "2012-03-03" },
        { "Her crew cheered.", "2012-03-03" },
        /* "The harbour is busy." is of now and ends the run */
        { "The lighthouse keeper waved", "2012-05-01" },
        /* "A storm passed." has no referring word: not dated, but the story goes on */
        { "He waved again.", "2012-05-01" },
    };
    const char *s = "Ada Moss sailed from Leith on March 3, 2012. She reached the fjord before dusk. "
                    "Her crew cheered. The harbour is busy. She will sail again. "
                    "The lighthouse keeper waved on May 1, 2012. A storm passed. He waved again.";
    dsr_devents ev = { 0 };
    (void)state;
    expect_events(s, "2012-06-01", want, sizeof want / sizeof *want, &ev);
    /* a carried date keeps the expression that states it */
    assert_int_equal(ev.v[1].timex, ev.v[0].timex);
    dsr_vec_free(&ev);
}

/* A reported statement is an event of the report's date unless it names
 * an earlier date for the report itself ("In January 2010, ... announced");
 * the present perfect is done by now whatever dates it names. */
static void reported_when(void **state)
{
    static const want_event want[] = {
        { "Harbour authority wins", "2011-04-02" },
        { "April 02, 2011", "2011-04-02" },
        { "The authority beat two rivals.", "2011-04-02" },
        { "In January 2010", "2010-01" },
        { "The authority has confirmed", "2011-04-02" },
        { "The authority has confirmed", "2009" },
        { "The mayor said", "2011-04-02" },
        { "The mayor said", "2012" },
    };
    const char *s = "Harbour authority wins contract\n"
                    "April 02, 2011\n"
                    "The authority beat two rivals.\n"
                    "In January 2010, the authority announced a tender.\n"
                    "The authority has confirmed that work, begun in 2009, resumes.\n"
                    "The mayor said the port would reopen in 2012.\n";
    dsr_devents ev = { 0 };
    (void)state;
    expect_events(s, "2011-04-02", want, sizeof want / sizeof *want, &ev);
    dsr_vec_free(&ev);
}

/* Two dates in one sentence: two clauses when the second has a subject
 * of its own, else the whole sentence for both. */
static void clauses(void **state)
{
    static const want_event want[] = {
        { "Production begins in 2006", "2006" },
        { "and the aircraft enters service in 2008.", "2008" },
        { "The yard opened in 1990 and is expected to close in 2030.", "1990" },
        { "The yard opened in 1990 and is expected to close in 2030.", "2030" },
        { "Moss met Lee on Feb. 8 and, on her return on Feb. 9, was thanked.", "2011-02-08" },
        { "Moss met Lee on Feb. 8 and, on her return on Feb. 9, was thanked.", "2011-02-09" },
        { "Alpha erupted in 1821", "1821" },
        { "and Beta followed in 1823.", "1823" },
        /* a name after "and" without a comma: two names, one clause */
        { "A vent opened in 1990 between Alpha and Beta glaciers quiet since 1823.", "1990" },
        { "A vent opened in 1990 between Alpha and Beta glaciers quiet since 1823.", "1823" },
    };
    const char *s = "Production begins in 2006 and the aircraft enters service in 2008. "
                    "The yard opened in 1990 and is expected to close in 2030. "
                    "Moss met Lee on Feb. 8 and, on her return on Feb. 9, was thanked. "
                    "Alpha erupted in 1821, and Beta followed in 1823. "
                    "A vent opened in 1990 between Alpha and Beta glaciers quiet since 1823.";
    dsr_devents ev = { 0 };
    (void)state;
    expect_events(s, "2011-03-01", want, sizeof want / sizeof *want, &ev);
    assert_int_equal(ev.v[0].end, strlen("Production begins in 2006"));     /* before " and" */
    assert_int_equal(s[ev.v[6].end - 1], '1');                                /* before ", and" */
    dsr_vec_free(&ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_per_date),
        cmocka_unit_test(two_dates_one_sentence),
        cmocka_unit_test(ranges),
        cmocka_unit_test(undated_document),
        cmocka_unit_test(no_sentences),
        cmocka_unit_test(news_report_layout),
        cmocka_unit_test(carried_dates),
        cmocka_unit_test(reported_when),
        cmocka_unit_test(clauses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
