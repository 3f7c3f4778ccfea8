/*
 * test_lookup.c -- lookups on an index put together by hand (so they do
 * not depend on what the extractors find): at the cursor, by name, by
 * prefix, mentions with their lines, events by entity and date.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "index.h"

enum { KIM, PYONGYANG, NORTH_KOREA, WANG, EYJA, KIMBERLY, US, KOREA, KIMURA, N_ENTS };

static const char *const kim_aliases[] = { "Kim Jong-il", "Kim" };
static const char *const nk_aliases[] = { "DPRK" };

static dsr_index ix;
static dsr_entity ents[N_ENTS];
static dsr_document docs[2];
static dsr_mention ments[4];
static dsr_mention many[30];        /* doc 0, for entities whose mentions are not looked at */
static dsr_event events[3];
static uint32_t kim_events[] = { 0, 2 };
static char root[256];
static dsr_doc doc_recs[2];

static void entity(int i, const char *name, const char *const *al, uint32_t nal, uint32_t mentions,
                   const char *last)
{
    ents[i].name = name;
    ents[i].aliases = al;
    ents[i].n_aliases = nal;
    ents[i].n_mentions = mentions;
    ents[i].mentions = many;
    ents[i].first_date = ents[i].last_date = last;
}

static int setup(void **state)
{
    FILE *f;
    (void)state;
    entity(KIM, "Kim Jong Il", kim_aliases, 2, 10, "2010-02-09");
    entity(PYONGYANG, "Pyongyang", NULL, 0, 5, "2010-02-09");
    entity(NORTH_KOREA, "North Korea", nk_aliases, 1, 20, "2010-02-01");
    entity(WANG, "Wang Jiarui", NULL, 0, 3, "2010-02-09");
    entity(EYJA, "Eyjafjallaj\xC3\xB6kull", NULL, 0, 2, "2010-04-14");
    entity(KIMBERLY, "Kimberly Clark", NULL, 0, 4, "1987-01-01");    /* as many as Kim, long ago */
    entity(US, "U.S.", NULL, 0, 7, "");
    entity(KOREA, "Korea", NULL, 0, 30, "");
    entity(KIMURA, "Kimura", NULL, 0, 1, "");
    /* Two mentions of Kim in a document on disk, for the lines. */
    strcpy(root, "/tmp/dsr-lookup-XXXXXX");
    if (!mkdtemp(root)) return -1;
    {
        char path[300];
        snprintf(path, sizeof path, "%s/a.md", root);
        if (!(f = fopen(path, "w"))) return -1;
        fputs("# Notes\r\nFirst line.\nThen Kim arrived.\n\nKim left; Kim again.\n", f);
        fclose(f);
    }
    ments[0].doc = 0, ments[0].start = 26, ments[0].end = 29;     /* "Kim" on line 3 */
    ments[1].doc = 0, ments[1].start = 40, ments[1].end = 43;     /* line 5, col 0 */
    ments[2].doc = 0, ments[2].start = 50, ments[2].end = 53;     /* line 5, col 10 */
    ments[3].doc = 1, ments[3].start = 0, ments[3].end = 3;       /* a file that is gone */
    ents[KIM].mentions = ments;
    ents[KIM].n_mentions = 4;
    doc_recs[0].rel = "a.md";
    doc_recs[1].rel = "gone.md";
    ix.root = root;
    ix.max_size = 1 << 20;
    ix.docs.v = doc_recs;
    ix.docs.n = 2;
    strcpy(docs[0].date, "2010-02-09");
    docs[0].path = "a.md";
    docs[1].path = "gone.md";
    ix.documents = docs;
    ix.entities = ents;
    ix.n_entities = N_ENTS;
    events[0].date = "2010-01-15", events[0].end_date = "";
    events[1].date = "2010-02", events[1].end_date = "";
    events[2].date = "2010-02-20", events[2].end_date = "";
    ix.events = events;
    ix.n_events = 3;
    ents[KIM].events = kim_events;
    ents[KIM].n_events = 2;
    return dsr_lookup_build(&ix);
}

static int teardown(void **state)
{
    char cmd[300];
    (void)state;
    dsr_lookup_free(ix.lookup);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

/* The entity at the first byte of `word` in line, and the span. */
static long at(const char *line, const char *word, size_t *s, size_t *e)
{
    const char *w = strstr(line, word);
    assert_non_null(w);
    return dsr_lookup_at(&ix, line, strlen(line), (size_t)(w - line), s, e);
}

static void at_cursor_single_and_possessive(void **state)
{
    const char *l1 = "Talks in Pyongyang\xE2\x80\x99s palace went on.";
    const char *l2 = "Talks in Pyongyang's palace.";
    size_t s = 0, e = 0;
    (void)state;
    assert_int_equal(at(l1, "Pyong", &s, &e), PYONGYANG);
    assert_int_equal(s, 9);
    assert_int_equal(e, 18);                    /* without the possessive */
    assert_int_equal(at(l1, "\xE2\x80\x99s", &s, &e), PYONGYANG);   /* on the apostrophe */
    assert_int_equal(at(l2, "yang", &s, &e), PYONGYANG);
    assert_int_equal(e, 18);
    assert_int_equal(at(l1, "palace", &s, &e), -1);
    assert_int_equal(at(l1, "Talks", &s, &e), -1);
}

static void at_cursor_longest_multiword(void **state)
{
    const char *l = "The North Korea delegation met Kim Jong-il and KIM JONG IL.";
    size_t s = 0, e = 0;
    (void)state;
    assert_int_equal(at(l, "Korea", &s, &e), NORTH_KOREA);
    assert_int_equal(s, 4);
    assert_int_equal(e, 15);
    assert_int_equal(at(l, "North", &s, &e), NORTH_KOREA);
    assert_int_equal(dsr_lookup_at(&ix, l, strlen(l), 9, &s, &e), NORTH_KOREA);   /* the space */
    assert_int_equal(at(l, "Jong-il", &s, &e), KIM);
    assert_int_equal(s, (size_t)(strstr(l, "Kim Jong-il") - l));
    assert_int_equal(e, s + strlen("Kim Jong-il"));
    assert_int_equal(at(l, "il and", &s, &e), KIM);
    assert_int_equal(at(l, "KIM", &s, &e), KIM);    /* case */
    assert_int_equal(e, strlen(l) - 1);             /* the full stop is not the name */
}

static void at_cursor_accents_abbreviations_edges(void **state)
{
    const char *l = "EYJAFJALLAJOKULL erupted; aid from the U.S.";
    size_t s = 0, e = 0, n;
    char *big;
    (void)state;
    assert_int_equal(at(l, "FJALL", &s, &e), EYJA);
    assert_int_equal(at(l, "U.S.", &s, &e), US);
    assert_int_equal(e, strlen(l));
    assert_int_equal(dsr_lookup_at(&ix, l, strlen(l), strlen(l), &s, &e), -1);   /* past the end */
    assert_int_equal(dsr_lookup_at(&ix, "", 0, 0, &s, &e), -1);
    assert_int_equal(dsr_lookup_at(&ix, NULL, 5, 0, &s, &e), -1);
    /* A long line: the name at its end is found, nothing far away is read. */
    n = 200000;
    big = malloc(n + 32);
    memset(big, 'x', n);
    for (s = 0; s < n; s += 7) big[s] = ' ';
    strcpy(big + n, " met Wang Jiarui.");
    assert_int_equal(at(big, "Jiarui", &s, &e), WANG);
    assert_int_equal(s, n + 5);
    /* Junk never crashes. */
    for (s = 0; s < 4000; s++) big[s] = (char)(s * 37 + 11);
    for (s = 0; s < 4000; s += 13) dsr_lookup_at(&ix, big, 4000, s, &e, &e);
    free(big);
}

static void by_name(void **state)
{
    (void)state;
    assert_int_equal(dsr_lookup_name(&ix, "kim jong il", 11), KIM);
    assert_int_equal(dsr_lookup_name(&ix, "KIM  JONG-IL", 12), KIM);
    assert_int_equal(dsr_lookup_name(&ix, "dprk", 4), NORTH_KOREA);
    assert_int_equal(dsr_lookup_name(&ix, "Eyjafjallajokull", 16), EYJA);
    assert_int_equal(dsr_lookup_name(&ix, "Seoul", 5), -1);
    assert_int_equal(dsr_lookup_name(&ix, "", 0), -1);
}

static void completion(void **state)
{
    uint32_t out[10];
    const char *forms[10];
    size_t n;
    (void)state;
    n = dsr_complete(&ix, "kim", 3, 10, out, forms);
    assert_int_equal(n, 3);                     /* one row per entity */
    assert_int_equal(out[0], KIM);              /* as many mentions, more recent */
    assert_int_equal(out[1], KIMBERLY);
    assert_int_equal(out[2], KIMURA);
    assert_non_null(forms[0]);
    assert_int_equal(dsr_complete(&ix, "kim", 3, 1, out, NULL), 1);
    assert_int_equal(out[0], KIM);
    n = dsr_complete(&ix, "North K", 7, 10, out, forms);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], NORTH_KOREA);
    assert_string_equal(forms[0], "North Korea");
    assert_int_equal(dsr_complete(&ix, "", 0, 10, out, NULL), 0);
    assert_int_equal(dsr_complete(&ix, "zzz", 3, 10, out, NULL), 0);
    assert_int_equal(dsr_complete(&ix, "kim", 3, 0, out, NULL), 0);
    /* A one-letter prefix: every entity starting with it, best first. */
    n = dsr_complete(&ix, "k", 1, 10, out, NULL);
    assert_int_equal(n, 4);
    assert_int_equal(out[0], KOREA);
}

static void mentions_with_lines(void **state)
{
    size_t n;
    char *err = NULL;
    dsr_mention_loc *m;
    (void)state;
    m = dsr_entity_mentions_at(&ix, KIM, &n, &err);
    assert_non_null(m);
    assert_int_equal(n, 3);                     /* the one in the missing file is left out */
    assert_int_equal(m[0].line, 3);
    assert_int_equal(m[0].col, 5);
    assert_string_equal(m[0].text, "Then Kim arrived.");
    assert_int_equal(m[1].line, 5);
    assert_int_equal(m[1].col, 0);
    assert_string_equal(m[1].text, "Kim left; Kim again.");
    assert_int_equal(m[2].col, 10);
    free(m);
    assert_null(dsr_entity_mentions_at(&ix, N_ENTS, &n, &err));
    assert_non_null(err);
    free(err);
}

static void events_by_entity_and_date(void **state)
{
    size_t n;
    uint32_t *v;
    (void)state;
    v = dsr_events_select(&ix, -1, NULL, NULL, &n);
    assert_int_equal(n, 3);
    free(v);
    v = dsr_events_select(&ix, -1, "2010-02", NULL, &n);
    assert_int_equal(n, 2);
    assert_int_equal(v[0], 1);
    free(v);
    v = dsr_events_select(&ix, -1, "2010-02-10", "2010-02", &n);   /* "2010-02" is within both */
    assert_int_equal(n, 2);
    free(v);
    v = dsr_events_select(&ix, KIM, NULL, "2010-01", &n);
    assert_int_equal(n, 1);
    assert_int_equal(v[0], 0);
    free(v);
    v = dsr_events_select(&ix, N_ENTS + 5, NULL, NULL, &n);
    assert_int_equal(n, 0);
    free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(at_cursor_single_and_possessive),
        cmocka_unit_test(at_cursor_longest_multiword),
        cmocka_unit_test(at_cursor_accents_abbreviations_edges),
        cmocka_unit_test(by_name),
        cmocka_unit_test(completion),
        cmocka_unit_test(mentions_with_lines),
        cmocka_unit_test(events_by_entity_and_date),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
