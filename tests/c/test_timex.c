/*
 * test_timex.c -- time expressions: recognition and TimeML values.
 *
 * Each case is a sentence of our own with a fixed document date, the
 * expression we expect (its exact text) and its type, value and mod.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "text_helpers.h"
#include "timex.h"

static const char *const type_names[] = { "DATE", "TIME", "DURATION", "SET" };

typedef struct {
    const char *dct, *text, *expr, *type, *value, *mod;
} tcase;


/* Scan and return the expression whose text is `expr`, or fail. */
static void check(const tcase *c, int dmy)
{
    dsr_text t = text_of(c->text);
    dsr_timexes tx = { 0 };
    dsr_timex_opts o;
    size_t i, n = strlen(c->expr);
    int found = 0;
    o.dmy = dmy;
    assert_int_equal(dsr_timex_scan(&t, c->dct, &o, &tx), 0);
    for (i = 0; i < tx.n; i++) {
        const dsr_timex *x = &tx.v[i];
        if (x->end - x->start == n && memcmp(c->text + x->start, c->expr, n) == 0) {
            found = 1;
            if (strcmp(type_names[x->type], c->type) || strcmp(x->value, c->value) ||
                strcmp(x->mod, c->mod ? c->mod : ""))
                print_error("%s: got %s %s mod '%s', want %s %s mod '%s'\n", c->expr, type_names[x->type],
                            x->value, x->mod, c->type, c->value, c->mod ? c->mod : "");
            assert_string_equal(type_names[x->type], c->type);
            assert_string_equal(x->value, c->value);
            assert_string_equal(x->mod, c->mod ? c->mod : "");
        }
    }
    if (!found) {
        for (i = 0; i < tx.n; i++)
            print_error("  found '%.*s' %s\n", (int)(tx.v[i].end - tx.v[i].start), c->text + tx.v[i].start,
                        tx.v[i].value);
        print_error("'%s' not found in: %s\n", c->expr, c->text);
    }
    assert_true(found);
    dsr_vec_free(&tx);
}

static void run(const tcase *cs, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) check(&cs[i], 0);
}

#define RUN(cs) run(cs, sizeof cs / sizeof *cs)

/* Nothing must be found in `text`. */
static void none(const char *dct, const char *text)
{
    dsr_text t = text_of(text);
    dsr_timexes tx = { 0 };
    assert_int_equal(dsr_timex_scan(&t, dct, NULL, &tx), 0);
    if (tx.n) print_error("unexpected '%.*s' in: %s\n", (int)(tx.v[0].end - tx.v[0].start), text + tx.v[0].start, text);
    assert_int_equal(tx.n, 0);
    dsr_vec_free(&tx);
}

static void full_dates(void **state)
{
    static const tcase cs[] = {
        { "2011-05-04", "The ferry sank on March 3, 2009, near the coast.", "March 3, 2009", "DATE", "2009-03-03", NULL },
        { "2011-05-04", "Voting closed on 17 November 2008 in most districts.", "17 November 2008", "DATE", "2008-11-17", NULL },
        { "2011-05-04", "The lease began 2007-06-30 and ran for years.", "2007-06-30", "DATE", "2007-06-30", NULL },
        { "2011-05-04", "The form is dated 04/10/2010 at the top.", "04/10/2010", "DATE", "2010-04-10", NULL },
        { "2011-05-04", "The bridge opened in Aug. 1998 after delays.", "Aug. 1998", "DATE", "1998-08", NULL },
        { "2011-05-04", "A treaty signed in October 1962 ended it.", "October 1962", "DATE", "1962-10", NULL },
        { "2011-05-04", "Turnout peaked in 1972, officials recalled.", "1972", "DATE", "1972", NULL },
        { "2011-05-04", "It was Tuesday, Jan. 5, 2010, when the mill shut.", "Tuesday, Jan. 5, 2010", "DATE", "2010-01-05", NULL },
    };
    (void)state;
    RUN(cs);
}

static void day_month_order(void **state)
{
    static const tcase c = { "2011-05-04", "The form is dated 04/10/2010 at the top.", "04/10/2010", "DATE", "2010-10-04", NULL };
    (void)state;
    check(&c, 1);
}

static void partial_dates(void **state)
{
    static const tcase cs[] = {
        /* a month and day without a year take the year of the document */
        { "2012-06-20", "Inspectors visited the dam on June 2 and left.", "June 2", "DATE", "2012-06-02", NULL },
        { "2012-06-20", "The council meets Sept. 14 to vote.", "Sept. 14", "DATE", "2012-09-14", NULL },
        /* a month late in the year, from January: last year's */
        { "2012-01-10", "The storm struck in November, flooding farms.", "November", "DATE", "2011-11", NULL },
        { "2012-06-20", "Exports rose in the 1980s and fell later.", "the 1980s", "DATE", "198", NULL },
        { "2012-06-20", "Growth slowed in the '90s, he said.", "the '90s", "DATE", "199", NULL },
        { "2012-06-20", "Prices peaked in mid-2008 before the crash.", "mid-2008", "DATE", "2008", "MID" },
        { "2012-06-20", "The ministry expects a surplus in fiscal 2013.", "fiscal 2013", "DATE", "2013", NULL },
        { "2012-06-20", "Sales fell in the second quarter of 2011.", "the second quarter of 2011", "DATE", "2011-Q2", NULL },
        { "2012-06-20", "Sales fell in the first quarter, the firm said.", "the first quarter", "DATE", "2012-Q1", NULL },
        { "2012-06-20", "Second-quarter sales fell, the firm said.", "Second-quarter", "DATE", "2012-Q2", NULL },
        { "2012-06-20", "Margins should recover in next year's first quarter.", "next year's first quarter", "DATE", "2013-Q1", NULL },
        { "2012-06-20", "The trail closes each winter; this summer it opens early.", "this summer", "DATE", "2012-SU", NULL },
        { "2012-06-20", "The canal was dug in the 19th century by hand.", "the 19th century", "DATE", "18", NULL },
    };
    (void)state;
    RUN(cs);
}

static void relative_dates(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "The museum reopened last year after repairs.", "last year", "DATE", "2011", NULL },
        { "2012-06-20", "The museum will reopen next month, staff said.", "next month", "DATE", "2012-07", NULL },
        { "2012-06-20", "The museum reopened yesterday after repairs.", "yesterday", "DATE", "2012-06-19", NULL },
        { "2012-06-20", "The talks resume tomorrow in the capital.", "tomorrow", "DATE", "2012-06-21", NULL },
        { "2012-06-20", "The plant closed two weeks ago without notice.", "two weeks ago", "DATE", "2012-06-06", NULL },
        { "2012-06-20", "The rule took effect three years ago.", "three years ago", "DATE", "2009", NULL },
        { "2012-06-20", "Rents are now higher than ever.", "now", "DATE", "PRESENT_REF", NULL },
        { "2012-06-20", "The union is currently in talks.", "currently", "DATE", "PRESENT_REF", NULL },
        { "2012-06-20", "The mayor recently resigned.", "recently", "DATE", "PAST_REF", NULL },
        { "2012-06-20", "Dredging began this week in the harbour.", "this week", "DATE", "2012-W25", NULL },
        { "2012-06-20", "The lab moved here last September.", "last September", "DATE", "2011-09", NULL },
        { "2012-06-20", "The board will decide in the near future.", "the near future", "DATE", "FUTURE_REF", NULL },
    };
    (void)state;
    RUN(cs);
}

static void weekdays_by_tense(void **state)
{
    /* 2012-06-20 is a Wednesday */
    static const tcase cs[] = {
        { "2012-06-20", "The governor signed the bill Monday.", "Monday", "DATE", "2012-06-18", NULL },
        { "2012-06-20", "The governor will sign the bill Friday.", "Friday", "DATE", "2012-06-22", NULL },
        { "2012-06-20", "Rescuers found the hikers last Thursday.", "last Thursday", "DATE", "2012-06-14", NULL },
        { "2012-06-20", "The strike began Tuesday morning at the docks.", "Tuesday morning", "TIME", "2012-06-19TMO", NULL },
    };
    (void)state;
    RUN(cs);
}

/* Plans and reported intentions look ahead: "would", "is to", "until". */
static void weekdays_ahead(void **state)
{
    /* 2012-06-18 is a Monday */
    static const tcase cs[] = {
        { "2012-06-18", "Ferries would sail again in the sheltered harbour from 6 a.m.\non Thursday.",
          "6 a.m.\non Thursday", "TIME", "2012-06-21T06:00", NULL },
        { "2012-06-18", "The coastguard said the port would stay shut until at least 9 p.m. on Friday.",
          "at least 9 p.m. on Friday", "TIME", "2012-06-22T21:00", "EQUAL_OR_MORE" },
        { "2012-06-18", "The mayor would open the renovated bridge on Friday.", "Friday", "DATE", "2012-06-22", NULL },
        { "2012-06-18", "The regional council is to vote on Thursday.", "Thursday", "DATE", "2012-06-21", NULL },
        { "2012-06-18", "The board is due to meet Wednesday.", "Wednesday", "DATE", "2012-06-20", NULL },
        /* a verb right beside the day still says past */
        { "2012-06-20", "Aides said talks would go on, and the museum closed Friday.", "Friday", "DATE", "2012-06-15",
          NULL },
        /* what would have happened is past */
        { "2012-06-20", "Without the rain the harvest would have started Monday.", "Monday", "DATE", "2012-06-18",
          NULL },
    };
    (void)state;
    RUN(cs);
}

static void anchored_to_text(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "The dam failed in May 2007. Crews had warned of cracks earlier that month.",
          "earlier that month", "DATE", "2007-05", "START" },
        { "2012-06-20", "The treaty was signed in 1995. The following year, trade doubled.",
          "The following year", "DATE", "1996", NULL },
        { "2012-06-20", "The vote was on March 4, 2010. Two days later the results came.",
          "Two days later", "DATE", "2010-03-06", NULL },
        /* a clock time without a day is on the day the text last gave */
        { "2012-06-20", "The ferry sank late on Monday. Divers reached the wreck shortly before 11 p.m.",
          "11 p.m.", "TIME", "2012-06-18T23:00", NULL },
        { "2012-06-20", "Polls opened on May 6, 2010 and closed at 10 p.m. in most towns.", "10 p.m.", "TIME",
          "2010-05-06T22:00", NULL },
    };
    (void)state;
    RUN(cs);
}

static void times_of_day(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "The polls close at 8 p.m. across the state.", "8 p.m.", "TIME", "2012-06-20T20:00", NULL },
        { "2012-06-20", "The blast came at 10:35 a.m. local time.", "10:35 a.m.", "TIME", "2012-06-20T10:35", NULL },
        { "2012-06-20", "Flights resumed at 14:00 GMT on the island.", "14:00 GMT", "TIME", "2012-06-20T14:00Z", NULL },
        { "2012-06-20", "The rally starts this morning downtown.", "this morning", "TIME", "2012-06-20TMO", NULL },
        { "2012-06-20", "Gunfire was heard last night near the port.", "last night", "TIME", "2012-06-19TNI", NULL },
    };
    (void)state;
    RUN(cs);
}

static void durations(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "The drought lasted six years in the south.", "six years", "DURATION", "P6Y", NULL },
        { "2012-06-20", "The region waited a decade for rain.", "a decade", "DURATION", "P10Y", NULL },
        { "2012-06-20", "The vote took 24 hours to count.", "24 hours", "DURATION", "PT24H", NULL },
        { "2012-06-20", "It took twenty four hours to count.", "twenty four hours", "DURATION", "PT24H", NULL },
        { "2012-06-20", "They signed a five-year lease.", "five-year", "DURATION", "P5Y", NULL },
        { "2012-06-20", "The siege lasted more than two years.", "more than two years", "DURATION", "P2Y", "MORE_THAN" },
        { "2012-06-20", "The crossing takes about three hours.", "about three hours", "DURATION", "PT3H", "APPROX" },
        { "2012-06-20", "Trade grew over the past two decades.", "the past two decades", "DURATION", "P20Y", NULL },
        { "2012-06-20", "The move took several months.", "several months", "DURATION", "PXM", NULL },
    };
    (void)state;
    RUN(cs);
}

static void sets(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "The festival is held every year in June.", "every year", "SET", "P1Y", NULL },
        { "2012-06-20", "The paper is published weekly in two languages.", "weekly", "SET", "P1W", NULL },
        { "2012-06-20", "The ferry sails twice a day in summer.", "a day", "SET", "P1D", NULL },
        { "2012-06-20", "The market opens each Thursday.", "each Thursday", "SET", "XXXX-WXX-4", NULL },
    };
    (void)state;
    RUN(cs);
}

static void modifiers(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "The harvest came in early March this time.", "early March", "DATE", "2012-03", "START" },
        { "2012-06-20", "The rains returned in late 2011.", "late 2011", "DATE", "2011", "END" },
        { "2012-06-20", "Work stops at the end of the year.", "the end of the year", "DATE", "2012", "END" },
        { "2012-06-20", "The school closed nearly two years ago.", "nearly two years ago", "DATE", "2010", "APPROX" },
    };
    (void)state;
    RUN(cs);
}

static void ranges(void **state)
{
    dsr_text t;
    dsr_timexes tx = { 0 };
    const char *s = "The envoy toured the region Feb. 9-12 and met officials. "
                    "Output grew between 2001 and 2004, and from May to July.";
    (void)state;
    t = text_of(s);
    assert_int_equal(dsr_timex_scan(&t, "2010-03-01", NULL, &tx), 0);
    assert_true(tx.n >= 5);
    assert_string_equal(tx.v[0].value, "2010-02-09");
    assert_string_equal(tx.v[0].end_value, "2010-02-12");
    assert_int_equal(tx.v[0].end - tx.v[0].start, 6);     /* "Feb. 9" */
    assert_string_equal(tx.v[1].value, "2001");
    assert_string_equal(tx.v[1].end_value, "2004");
    assert_string_equal(tx.v[2].value, "2004");
    assert_string_equal(tx.v[3].value, "2010-05");
    assert_string_equal(tx.v[3].end_value, "2010-07");
    dsr_vec_free(&tx);
    t = text_of("Stations closed between 3 and 9 August, and again 14-17 August 2008.");
    assert_int_equal(dsr_timex_scan(&t, "2010-03-01", NULL, &tx), 0);
    assert_true(tx.n >= 3);
    assert_string_equal(tx.v[0].value, "2009-08-03");
    assert_string_equal(tx.v[0].end_value, "2009-08-09");
    assert_int_equal(tx.v[0].end - tx.v[0].start, 1);     /* "3" */
    assert_string_equal(tx.v[1].value, "2009-08-09");
    assert_string_equal(tx.v[2].value, "2008-08-14");
    assert_string_equal(tx.v[2].end_value, "2008-08-17");
    dsr_vec_free(&tx);
    t = text_of("Crews worked Feb. 27-March 2, 2009 on the line.");
    assert_int_equal(dsr_timex_scan(&t, "2010-03-01", NULL, &tx), 0);
    assert_int_equal(tx.n, 2);      /* the second end is an expression too, as in TimeBank */
    assert_string_equal(tx.v[0].value, "2009-02-27");
    assert_string_equal(tx.v[0].end_value, "2009-03-02");
    assert_string_equal(tx.v[1].value, "2009-03-02");
    dsr_vec_free(&tx);
}

static void no_document_date(void **state)
{
    static const tcase cs[] = {
        { "", "The pact was signed on June 5 in the capital.", "June 5", "DATE", "XXXX-06-05", NULL },
        { "", "The pact was signed on June 5, 1994 in the capital.", "June 5, 1994", "DATE", "1994-06-05", NULL },
    };
    (void)state;
    RUN(cs);
    none("", "The pact was signed yesterday.");
}

static void not_times(void **state)
{
    (void)state;
    none("2012-06-20", "You may leave when you wish.");
    none("2012-06-20", "The 2000 delegates voted, and 1500 troops left.");
    none("2012-06-20", "The 6-year-old girl was found safe.");
    none("2012-06-20", "Shares rose 3.5 percent to $2010 a share.");
    none("2012-06-20", "The fall of the regime was swift.");
}

static void bytes_and_typography(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "\xE2\x80\x9CWe left on May 3,\xE2\x80\x9D she said \xE2\x80\x94 in 2009.", "May 3", "DATE", "2012-05-03", NULL },
        { "2012-06-20", "Line one\r\nThe plant opened in April 2002.\r\n", "April 2002", "DATE", "2002-04", NULL },
        { "2012-06-20", "Bad \xFF\xFE bytes, then 1999 \xC3 and more.", "1999", "DATE", "1999", NULL },
    };
    (void)state;
    RUN(cs);
}

static void robust_on_junk(void **state)
{
    /* a long line of numbers, dashes and NULs: no crash, no overrun */
    size_t n = 200000, i;
    char *s = malloc(n + 1);
    dsr_text t;
    dsr_timexes tx = { 0 };
    (void)state;
    assert_non_null(s);
    for (i = 0; i < n; i++) s[i] = "19-9/0 Jan.\0May,"[i % 16];
    s[n] = '\0';
    t.s = s;
    t.len = n;
    t.body = 0;
    assert_int_equal(dsr_timex_scan(&t, "2012-06-20", NULL, &tx), 0);
    for (i = 0; i < tx.n; i++) assert_true(tx.v[i].end <= n && tx.v[i].start < tx.v[i].end);
    dsr_vec_free(&tx);
    free(s);
}

/* The scan skips text through the lexer's vocabulary flags: words are
 * matched in any case and at the very end of the buffer, numbers reach
 * the rules only with a time word or a separator after them, and lead
 * words ("up", "the") only before a time word. */
static void fast_paths(void **state)
{
    static const tcase cs[] = {
        { "2012-06-20", "Output fell for THREE MONTHS", "THREE MONTHS", "DURATION", "P3M", NULL },
        { "2012-06-20", "Sales rose 4.5 pct, or 12 mln dlrs, in JANUARY", "JANUARY", "DATE", "2012-01", NULL },
        { "2012-06-20", "The lease runs up to a year.", "up to a year", "DURATION", "P1Y", "EQUAL_OR_LESS" },
        { "2012-06-20", "Trains stopped 3-5 June 2011 on the Élysées line.", "3", "DATE", "2011-06-03", NULL },
        { "2012-06-20", "Mörsky said 240 workers left at 10:30 a.m.", "10:30 a.m.", "TIME", "2012-06-20T10:30", NULL },
        { "2012-06-20", "Únïcödé text, then 1,200 more years", "1,200 more years", "DURATION", "P1200Y", NULL },
    };
    (void)state;
    RUN(cs);
    /* numbers with no time word near are nothing; a 14-letter word is no month */
    none("2012-06-20", "The fund held 1,428,000 shares and 3.5 mln bonds at 25 pct.");
    none("2012-06-20", "Septembermonths are long.");
}

static void offsets_after_body(void **state)
{
    const char *s = "---\ndate: 1999\n---\nIn 1987 the firm merged.";
    dsr_text t = text_of(s);
    dsr_timexes tx = { 0 };
    (void)state;
    t.body = (size_t)(strstr(s, "In 1987") - s);
    assert_int_equal(dsr_timex_scan(&t, "1999", NULL, &tx), 0);
    assert_int_equal(tx.n, 1);
    assert_int_equal(tx.v[0].start, t.body + 3);
    dsr_vec_free(&tx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_dates),
        cmocka_unit_test(day_month_order),
        cmocka_unit_test(partial_dates),
        cmocka_unit_test(relative_dates),
        cmocka_unit_test(weekdays_by_tense),
        cmocka_unit_test(weekdays_ahead),
        cmocka_unit_test(anchored_to_text),
        cmocka_unit_test(times_of_day),
        cmocka_unit_test(durations),
        cmocka_unit_test(sets),
        cmocka_unit_test(modifiers),
        cmocka_unit_test(ranges),
        cmocka_unit_test(no_document_date),
        cmocka_unit_test(not_times),
        cmocka_unit_test(bytes_and_typography),
        cmocka_unit_test(robust_on_junk),
        cmocka_unit_test(fast_paths),
        cmocka_unit_test(offsets_after_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
