/*
 * test_docdate.c -- document dates from datelines, file names and text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "text_helpers.h"
#include "docdate.h"


static void dateline_after_headline(void **state)
{
    dsr_text t = text_of("Harbour reopens after storm\nApril 02, 2011\nThe harbour reopened today.\n");
    char out[11];
    (void)state;
    assert_int_equal(dsr_docdate_dateline(&t, 0, out), 1);
    assert_string_equal(out, "2011-04-02");
}

static void dateline_with_place(void **state)
{
    dsr_text t = text_of("LAGOS, Nov. 3, 2009 \xE2\x80\x94 The port strike ended on Tuesday.\n");
    dsr_text u = text_of("OSLO, March 14 - Fishermen protested on Monday.\n");
    char out[11];
    (void)state;
    assert_int_equal(dsr_docdate_dateline(&t, 0, out), 1);
    assert_string_equal(out, "2009-11-03");
    /* no year: only with a hint */
    assert_int_equal(dsr_docdate_dateline(&u, 0, out), 0);
    assert_string_equal(out, "");
    assert_int_equal(dsr_docdate_dateline(&u, 2012, out), 1);
    assert_string_equal(out, "2012-03-14");
    {
        dsr_text w = text_of("QUITO, Feb 26 - Rescuers reached the village.\n");
        assert_int_equal(dsr_docdate_dateline(&w, 2010, out), 1);
        assert_string_equal(out, "2010-02-26");
    }
}

static void no_dateline(void **state)
{
    /* a date inside a sentence is not a dateline */
    dsr_text t = text_of("Storm season\nThe harbour, closed since April 2, 2011, reopened.\n");
    char out[11];
    (void)state;
    assert_int_equal(dsr_docdate_dateline(&t, 0, out), 0);
}

static void dateline_after_front_matter(void **state)
{
    const char *s = "---\ntitle: x\n---\nJune 30, 2004\nText.\n";
    dsr_text t = text_of(s);
    char out[11];
    (void)state;
    t.body = (size_t)(strstr(s, "June") - s);
    assert_int_equal(dsr_docdate_dateline(&t, 0, out), 1);
    assert_string_equal(out, "2004-06-30");
}

static void file_names(void **state)
{
    char out[11];
    (void)state;
    assert_int_equal(dsr_docdate_filename("2010-03-01-talks.md", out), 1);
    assert_string_equal(out, "2010-03-01");
    assert_int_equal(dsr_docdate_filename("20100301_talks.txt", out), 1);
    assert_string_equal(out, "2010-03-01");
    assert_int_equal(dsr_docdate_filename("notes_2009_12_31.md", out), 1);
    assert_string_equal(out, "2009-12-31");
    assert_int_equal(dsr_docdate_filename("report-2010-13-01.md", out), 0);
    assert_int_equal(dsr_docdate_filename("id-123456789.md", out), 0);
    assert_int_equal(dsr_docdate_filename("plain.md", out), 0);
    assert_int_equal(dsr_docdate_filename("", out), 0);
}

static void inferred(void **state)
{
    dsr_text t = text_of("The dam was finished in 1998. Repairs began on May 4, 2006, and ended in 2007.");
    dsr_text u = text_of("Trade grew in 1996 and again in 2001.");
    dsr_text v = text_of("Nothing here says when.");
    char out[11];
    (void)state;
    assert_int_equal(dsr_docdate_infer(&t, out), 1);
    assert_string_equal(out, "2007");
    assert_int_equal(dsr_docdate_infer(&u, out), 1);
    assert_string_equal(out, "2001");
    assert_int_equal(dsr_docdate_infer(&v, out), 0);
    assert_string_equal(out, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dateline_after_headline),
        cmocka_unit_test(dateline_with_place),
        cmocka_unit_test(no_dateline),
        cmocka_unit_test(dateline_after_front_matter),
        cmocka_unit_test(file_names),
        cmocka_unit_test(inferred),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
