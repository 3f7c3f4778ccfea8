/*
 * test_sentence.c -- sentence segmentation on texts of our own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "sentence.h"

/* Split s and compare with the expected sentences (NULL-terminated). */
static void expect(const char *s, const char *const *want)
{
    dsr_text t;
    dsr_spans sp = { 0 };
    size_t i, n = 0;
    t.s = s;
    t.len = strlen(s);
    t.body = 0;
    assert_int_equal(dsr_sentences(&t, &sp), 0);
    while (want[n]) n++;
    if (sp.n != n)
        for (i = 0; i < sp.n; i++) print_error("  [%zu] '%.*s'\n", i, (int)(sp.v[i].end - sp.v[i].start), s + sp.v[i].start);
    assert_int_equal(sp.n, n);
    for (i = 0; i < n; i++) {
        size_t len = sp.v[i].end - sp.v[i].start;
        if (len != strlen(want[i]) || memcmp(s + sp.v[i].start, want[i], len))
            print_error("got '%.*s', want '%s'\n", (int)len, s + sp.v[i].start, want[i]);
        assert_int_equal(len, strlen(want[i]));
        assert_memory_equal(s + sp.v[i].start, want[i], len);
    }
    dsr_vec_free(&sp);
}

static void abbreviations(void **state)
{
    static const char *const w[] = {
        "Mr. Okafor met Dr. Lind on Feb. 4 at the U.S. embassy.",
        "They talked for an hour.",
        "Acme Corp. said sales rose.",
        NULL
    };
    (void)state;
    expect("Mr. Okafor met Dr. Lind on Feb. 4 at the U.S. embassy. They talked for an hour. "
           "Acme Corp. said sales rose.", w);
}

static void initials_and_numbers(void **state)
{
    static const char *const w[] = {
        "J. R. Mendel, the No. 2 official, spoke at 3 p.m. on Tuesday.",
        "Output rose 2.5 percent.",
        NULL
    };
    (void)state;
    expect("J. R. Mendel, the No. 2 official, spoke at 3 p.m. on Tuesday. Output rose 2.5 percent.", w);
}

static void weak_abbreviation_ends(void **state)
{
    static const char *const w[] = { "The order went to Brell Inc.", "The next day it was cancelled.", NULL };
    (void)state;
    expect("The order went to Brell Inc. The next day it was cancelled.", w);
}

static void quotes(void **state)
{
    static const char *const w[] = {
        "\"We will rebuild,\" the mayor said.",
        "\xE2\x80\x9CIt is over.\xE2\x80\x9D",
        "Nobody answered.",
        NULL
    };
    (void)state;
    expect("\"We will rebuild,\" the mayor said. \xE2\x80\x9CIt is over.\xE2\x80\x9D Nobody answered.", w);
}

static void headline_and_dateline_lines(void **state)
{
    static const char *const w[] = {
        "Harbour reopens after storm",
        "April 2, 2011",
        "The harbour reopened today.",
        "Boats returned by noon.",
        NULL
    };
    (void)state;
    expect("Harbour reopens after storm\nApril 2, 2011\nThe harbour reopened today.\nBoats returned by noon.\n", w);
}

static void blank_lines_and_crlf(void **state)
{
    static const char *const w[] = { "# Notes", "First point without a stop", "Second point.", NULL };
    (void)state;
    expect("# Notes\r\n\r\nFirst point without a stop\r\n\r\nSecond point.\r\n", w);
}

static void hard_wrapped_text(void **state)
{
    static const char *const w[] = {
        "The river rose overnight and\nflooded two villages near the\nborder, officials said.",
        "Rescue teams from the capital\narrived in the afternoon and\nbegan moving people to safety.",
        "More rain is expected tomorrow\nacross the whole region, and\nthe army is on standby.",
        NULL
    };
    (void)state;
    expect("The river rose overnight and\nflooded two villages near the\nborder, officials said.\n"
           "&\tRescue teams from the capital\narrived in the afternoon and\nbegan moving people to safety.\n"
           "&\tMore rain is expected tomorrow\nacross the whole region, and\nthe army is on standby.\n", w);
}

static void odd_bytes(void **state)
{
    dsr_text t;
    dsr_spans sp = { 0 };
    static const char s[] = "Bad \xFF bytes. And a NUL\0inside. End";
    size_t i;
    (void)state;
    t.s = s;
    t.len = sizeof s - 1;
    t.body = 0;
    assert_int_equal(dsr_sentences(&t, &sp), 0);
    assert_true(sp.n >= 2);
    for (i = 0; i < sp.n; i++) assert_true(sp.v[i].start < sp.v[i].end && sp.v[i].end <= t.len);
    dsr_vec_free(&sp);
}

static void long_line_is_linear(void **state)
{
    size_t n = 4u << 20, i;
    char *s = malloc(n + 1);
    dsr_text t;
    dsr_spans sp = { 0 };
    (void)state;
    assert_non_null(s);
    for (i = 0; i < n; i++) s[i] = "Mr. A. went. "[i % 13];
    s[n] = '\0';
    t.s = s;
    t.len = n;
    t.body = 0;
    assert_int_equal(dsr_sentences(&t, &sp), 0);
    assert_true(sp.n > 1000);
    dsr_vec_free(&sp);
    free(s);
}

static void body_offset(void **state)
{
    static const char s[] = "---\ntitle: x\n---\nOne here. Two there.";
    dsr_text t;
    dsr_spans sp = { 0 };
    (void)state;
    t.s = s;
    t.len = sizeof s - 1;
    t.body = (size_t)(strstr(s, "One") - s);
    assert_int_equal(dsr_sentences(&t, &sp), 0);
    assert_int_equal(sp.n, 2);
    assert_int_equal(sp.v[0].start, t.body);
    dsr_vec_free(&sp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abbreviations),
        cmocka_unit_test(initials_and_numbers),
        cmocka_unit_test(weak_abbreviation_ends),
        cmocka_unit_test(quotes),
        cmocka_unit_test(headline_and_dateline_lines),
        cmocka_unit_test(blank_lines_and_crlf),
        cmocka_unit_test(hard_wrapped_text),
        cmocka_unit_test(odd_bytes),
        cmocka_unit_test(long_line_is_linear),
        cmocka_unit_test(body_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
