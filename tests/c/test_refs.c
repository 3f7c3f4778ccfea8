/*
 * test_refs.c -- referring words and the mentions they point back to.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "refs.h"
#include "text_helpers.h"

static void referring_words(void **state)
{
    static const struct { const char *s; uint32_t kinds; } cases[] = {
        { "She left early.", DSR_REF_PERSON },
        { "The company bought the aircraft.", DSR_REF_ORG | DSR_REF_THING },
        { "The massive new airliner landed.", DSR_REF_THING },  /* words between "the" and the noun */
        { "Its rival firm agreed.", DSR_REF_ORG },
        { "A company bought an aircraft.", 0 },                  /* new ones, not named before */
        { "The six-party talks and the airplane-design effort", 0 },  /* halves of compounds */
        { "Shell, the heroine's", 0 },                           /* "she" inside a word */
        { "The deal was signed.", 0 },                           /* a deal is an event, not a name */
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(dsr_refs_find(cases[i].s, strlen(cases[i].s)), cases[i].kinds);
}

/* A mention made by hand: `name` where it first occurs after `after`
 * (NULL: from the start), of entity `ent` of `type`.  In text order. */
typedef struct {
    const char *after, *name;
    uint8_t type;
    uint32_t ent;
} hand_mention;

static void docents_of(const char *s, const hand_mention *hm, size_t n, dsr_docents *de)
{
    size_t k;
    memset(de, 0, sizeof *de);
    for (k = 0; k < n; k++) {
        dsr_dent e;
        dsr_dment m;
        const char *p = strstr(hm[k].after ? strstr(s, hm[k].after) : s, hm[k].name);
        assert_non_null(p);
        memset(&e, 0, sizeof e);
        memset(&m, 0, sizeof m);
        while (de->ents.n <= hm[k].ent) assert_int_equal(dsr_vec_push(&de->ents, e), 0);
        de->ents.v[hm[k].ent].type = hm[k].type;
        m.start = (uint32_t)(p - s);
        m.end = m.start + (uint32_t)strlen(hm[k].name);
        m.ent = hm[k].ent;
        assert_int_equal(dsr_vec_push(&de->ments, m), 0);
    }
}

/* The names that the referring words of the statement stmt (a part of s)
 * point to, joined by '|'. */
static void linked(const char *s, const dsr_docents *de, const char *stmt, int headline, char *out)
{
    dsr_text t = text_of(s);
    dsr_span st, ante[4];
    size_t n, k;
    st.start = (uint32_t)(strstr(s, stmt) - s);
    st.end = st.start + (uint32_t)strlen(stmt);
    n = dsr_refs_link(&t, de, &st, headline, ante, 4);
    out[0] = '\0';
    for (k = 0; k < n; k++) {
        if (k) strcat(out, "|");
        strncat(out, s + ante[k].start, ante[k].end - ante[k].start);
    }
}

static void antecedents(void **state)
{
    /* the engines are named last but once, the jet three times: "the plane"
     * is the jet */
    const char *s = "Skyliner 500 wins praise\n"
                    "Harbor Air showed the Skyliner 500 in Oslo. Ada Moss flew the Skyliner 500 first. "
                    "Its Vortex 9 engines are quiet. Then the plane landed and she smiled. "
                    "The carrier was pleased.";
    static const hand_mention hm[] = {
        { NULL, "Skyliner 500", DSR_OTHER, 0 },     { NULL, "Harbor Air", DSR_ORGANIZATION, 1 },
        { "showed", "Skyliner 500", DSR_OTHER, 0 }, { NULL, "Ada Moss", DSR_PERSON, 3 },
        { "flew", "Skyliner 500", DSR_OTHER, 0 },   { NULL, "Vortex 9", DSR_OTHER, 2 },
    };
    dsr_docents de;
    char out[256];
    (void)state;
    docents_of(s, hm, sizeof hm / sizeof *hm, &de);
    linked(s, &de, "Then the plane landed and she smiled.", 0, out);
    assert_string_equal(out, "Skyliner 500|Ada Moss");
    linked(s, &de, "The carrier was pleased.", 0, out);
    assert_string_equal(out, "Harbor Air");
    /* an opening "Its": the subject of the sentence before */
    linked(s, &de, "Its Vortex 9 engines are quiet.", 0, out);
    assert_string_equal(out, "Skyliner 500");
    dsr_docents_free(&de);
}

static void headline_points_forward(void **state)
{
    const char *s = "Largest airliner makes first flight\nThe Skyliner 500 took off from Oslo.";
    static const hand_mention hm[] = { { NULL, "Skyliner 500", DSR_OTHER, 0 } };
    dsr_docents de;
    char out[256];
    (void)state;
    docents_of(s, hm, 1, &de);
    linked(s, &de, "Largest airliner makes first flight", 1, out);
    assert_string_equal(out, "Skyliner 500");
    /* not a headline: "airliner" without "the" refers to nothing */
    linked(s, &de, "Largest airliner makes first flight", 0, out);
    assert_string_equal(out, "");
    dsr_docents_free(&de);
}

/* An opening "It"/"Its" goes on with the subject of the sentence before;
 * the "it" of "It is expected that" stands for nothing. */
static void it_goes_on(void **state)
{
    const char *s = "Harbor Air bought the Skyliner 500 in May. It flew the jet to Oslo. "
                    "It is expected that more follow. Its crew cheered.";
    static const hand_mention hm[] = {
        { NULL, "Harbor Air", DSR_ORGANIZATION, 0 }, { NULL, "Skyliner 500", DSR_OTHER, 1 },
    };
    dsr_docents de;
    char out[256];
    (void)state;
    docents_of(s, hm, sizeof hm / sizeof *hm, &de);
    linked(s, &de, "It flew the jet to Oslo.", 0, out);
    assert_string_equal(out, "Skyliner 500|Harbor Air");   /* "the jet", then "It" */
    linked(s, &de, "It is expected that more follow.", 0, out);
    assert_string_equal(out, "");
    linked(s, &de, "Its crew cheered.", 0, out);           /* the sentence before names no one */
    assert_string_equal(out, "");
    dsr_docents_free(&de);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(referring_words),
        cmocka_unit_test(antecedents),
        cmocka_unit_test(headline_points_forward),
        cmocka_unit_test(it_goes_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
