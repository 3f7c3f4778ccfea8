/*
 * test_core.c -- the document reader, front matter, config and globs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "text_helpers.h"
#include "config.h"
#include "docread.h"


static void front_matter_fields(void **state)
{
    const char *s = "---\r\ndate: 2010-03-01\r\ntitle: \"Outreach continues\"\r\n"
                    "aliases: [DPRK, \"North Korea, the\"]\r\ntags:\r\n  - korea\r\n  - 'talks'\r\n---\r\nBody.\r\n";
    dsr_text t = text_of(s);
    dsr_fm fm;
    (void)state;
    assert_int_equal(dsr_front_matter(&t, &fm), 0);
    assert_true(fm.has);
    assert_string_equal(fm.date, "2010-03-01");
    assert_string_equal(fm.title, "Outreach continues");
    assert_int_equal(fm.n_aliases, 2);
    assert_string_equal(fm.aliases[0], "DPRK");
    assert_string_equal(fm.aliases[1], "North Korea, the");
    assert_int_equal(fm.n_tags, 2);
    assert_string_equal(fm.tags[1], "talks");
    assert_string_equal(t.s + t.body, "Body.\r\n");
    dsr_fm_free(&fm);
}

static void front_matter_bom_and_block_aliases(void **state)
{
    const char *s = "\xEF\xBB\xBF---\ndate: 2009-04-05T10:00:00Z\naliases:\n  DPRK: North Korea\n  - Pyongyang: North Korea\n...\nText";
    dsr_text t = text_of(s);
    dsr_fm fm;
    (void)state;
    assert_int_equal(dsr_front_matter(&t, &fm), 0);
    assert_string_equal(fm.date, "2009-04-05");
    assert_int_equal(fm.n_aliases, 2);
    assert_string_equal(fm.aliases[0], "DPRK: North Korea");
    assert_string_equal(fm.aliases[1], "Pyongyang: North Korea");
    assert_string_equal(t.s + t.body, "Text");
    dsr_fm_free(&fm);
}

static void front_matter_absent_or_unclosed(void **state)
{
    dsr_text t = text_of("\xEF\xBB\xBFJust text\n---\n");
    dsr_text u = text_of("---\ndate: 2001-01-01\nno closing line\n");
    dsr_fm fm;
    (void)state;
    assert_int_equal(dsr_front_matter(&t, &fm), 0);
    assert_false(fm.has);
    assert_int_equal(t.body, 3);        /* past the BOM only */
    dsr_fm_free(&fm);
    assert_int_equal(dsr_front_matter(&u, &fm), 0);
    assert_false(fm.has);
    assert_string_equal(fm.date, "");
    assert_int_equal(u.body, 0);
    dsr_fm_free(&fm);
}

static void iso_dates(void **state)
{
    char d[11];
    (void)state;
    assert_true(dsr_iso_date_prefix("2010-02-09", 10, d));
    assert_string_equal(d, "2010-02-09");
    assert_true(dsr_iso_date_prefix("2010-02", 7, d));
    assert_string_equal(d, "2010-02");
    assert_true(dsr_iso_date_prefix("1998 ", 5, d));
    assert_string_equal(d, "1998");
    assert_false(dsr_iso_date_prefix("20100209", 8, d));
    assert_false(dsr_iso_date_prefix("Feb 9", 5, d));
    assert_false(dsr_iso_date_prefix("201", 3, d));
}

static void binary_detection(void **state)
{
    (void)state;
    assert_null(dsr_doc_binary_reason("plain text \xff\xfe invalid", 21));
    assert_non_null(dsr_doc_binary_reason("a\0b", 3));
    assert_non_null(dsr_doc_binary_reason("\xff\xfeh\0i\0", 6));
}

static void config_good(void **state)
{
    const char *j = "{\"extensions\": [\".md\", \"txt\"], \"exclude\": [\"drafts/**\"],"
                    "\"date\": \"2010-01\", \"dates\": {\"a.md\": \"2010-02-09\"},"
                    "\"aliases\": {\"DPRK\": \"North Korea\"}, \"date_order\": \"dmy\", \"max_file_size\": 1000}";
    dsr_config c;
    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(dsr_config_parse(".dossier.json", j, strlen(j), &c), 0);
    assert_int_equal(c.n_warnings, 0);
    assert_int_equal(c.n_ext, 2);
    assert_string_equal(c.ext[0], "md");
    assert_string_equal(c.date, "2010-01");
    assert_int_equal(c.n_dates, 1);
    assert_string_equal(c.dates[0].date, "2010-02-09");
    assert_int_equal(c.n_aliases, 1);
    assert_string_equal(c.aliases[0].canonical, "North Korea");
    assert_true(c.dmy);
    assert_int_equal(c.max_file_size, 1000);
    dsr_config_free(&c);
}

static void config_malformed_names_line(void **state)
{
    const char *j = "{\n  \"exclude\": [\"a\",\n  \"dates\": {}\n}\n";
    dsr_config c;
    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(dsr_config_parse(".dossier.json", j, strlen(j), &c), 0);
    assert_int_equal(c.n_warnings, 1);
    assert_non_null(strstr(c.warnings[0], ".dossier.json:3:"));
    assert_non_null(strstr(c.warnings[0], "malformed JSON"));
    assert_int_equal(c.n_exclude, 0);       /* defaults */
    dsr_config_free(&c);
}

static void config_bad_values_are_warnings(void **state)
{
    const char *j = "{\"extensions\": \"md\", \"dates\": {\"../../etc/x.md\": \"2010-01-01\", \"b.md\": \"soon\"},"
                    "\"aliases\": {\"X\": 3}, \"date_order\": \"ymd\", \"colour\": 1, \"exclude\": [\"ok/**\", 5]}";
    dsr_config c;
    (void)state;
    memset(&c, 0, sizeof c);
    assert_int_equal(dsr_config_parse("cfg", j, strlen(j), &c), 0);
    assert_int_equal(c.n_warnings, 7);
    assert_int_equal(c.n_dates, 0);
    assert_int_equal(c.n_aliases, 0);
    assert_int_equal(c.n_exclude, 1);
    assert_false(c.dmy);
    dsr_config_free(&c);
}

static void config_deep_nesting(void **state)
{
    size_t n = 100000, i;
    char *j = malloc(2 * n + 1);
    dsr_config c;
    (void)state;
    for (i = 0; i < n; i++) j[i] = '[';
    for (i = 0; i < n; i++) j[n + i] = ']';
    j[2 * n] = '\0';
    memset(&c, 0, sizeof c);
    assert_int_equal(dsr_config_parse("deep", j, 2 * n, &c), 0);
    assert_int_equal(c.n_warnings, 1);
    dsr_config_free(&c);
    free(j);
}

static void globs(void **state)
{
    (void)state;
    assert_true(dsr_glob_match("drafts/**", "drafts/a.md"));
    assert_true(dsr_glob_match("drafts/**", "drafts/x/y/a.md"));
    assert_false(dsr_glob_match("drafts/**", "notes/drafts.md"));
    assert_true(dsr_glob_match("*.tmp.md", "x/y/a.tmp.md"));
    assert_true(dsr_glob_match("**/old/*.md", "a/b/old/c.md"));
    assert_true(dsr_glob_match("**/old/*.md", "old/c.md"));
    assert_false(dsr_glob_match("notes/*.md", "notes/x/c.md"));
    assert_true(dsr_glob_match("n?tes/c.md", "notes/c.md"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(front_matter_fields),
        cmocka_unit_test(front_matter_bom_and_block_aliases),
        cmocka_unit_test(front_matter_absent_or_unclosed),
        cmocka_unit_test(iso_dates),
        cmocka_unit_test(binary_detection),
        cmocka_unit_test(config_good),
        cmocka_unit_test(config_malformed_names_line),
        cmocka_unit_test(config_bad_values_are_warnings),
        cmocka_unit_test(config_deep_nesting),
        cmocka_unit_test(globs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
