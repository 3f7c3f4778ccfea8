/*
 * refs.c -- referring words, found by a table of (word, kind, needs "the").
 *
 * Pronouns count alone; nouns only after a definite "the" ("a company"
 * introduces a new one, "the company" is one named before).
 */
#include <string.h>
#include "refs.h"

/* Referring words, by the kind of entity they point back to.  A definite
 * "the" must come first for the nouns ("a company" introduces a new one). */
static const struct { const char *w; uint32_t kind; int the; } ref_words[] = {
    {"he", DSR_REF_PERSON, 0}, {"his", DSR_REF_PERSON, 0}, {"him", DSR_REF_PERSON, 0},
    {"she", DSR_REF_PERSON, 0}, {"her", DSR_REF_PERSON, 0},
    /* "it"/"its" are left out: measured on MEANTIME's timelines, they
     * point back at the wrong thing more often than at the right one. */
    {"company", DSR_REF_ORG, 1}, {"firm", DSR_REF_ORG, 1}, {"group", DSR_REF_ORG, 1},
    {"airline", DSR_REF_ORG, 1}, {"carrier", DSR_REF_ORG, 1}, {"manufacturer", DSR_REF_ORG, 1},
    {"maker", DSR_REF_ORG, 1}, {"bank", DSR_REF_ORG, 1}, {"agency", DSR_REF_ORG, 1},
    {"ministry", DSR_REF_ORG, 1}, {"government", DSR_REF_ORG, 1}, {"party", DSR_REF_ORG, 1},
    {"aircraft", DSR_REF_THING, 1}, {"airliner", DSR_REF_THING, 1}, {"plane", DSR_REF_THING, 1},
    {"jet", DSR_REF_THING, 1}, {"device", DSR_REF_THING, 1}, {"product", DSR_REF_THING, 1},
    {"phone", DSR_REF_THING, 1}, {"software", DSR_REF_THING, 1}, {"model", DSR_REF_THING, 1},
    {"treaty", DSR_REF_THING, 1}, {"agreement", DSR_REF_THING, 1}, {"deal", DSR_REF_THING, 1},
};

static int word_char(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The DSR_REF_* kinds of the words in s[0..n). */
uint32_t dsr_refs_find(const char *s, size_t n)
{
    uint32_t kinds = 0, firsts = 0;
    size_t i = 0, k;
    int after_the = 0;
    /* The first 1 KB of a statement: enough for any real one, and bounded,
     * else a 10 MB sentence with 100,000 dates (100,000 events spanning it)
     * took quadratic time -- hours (test_badinput's single 10 MB line). */
    if (n > 1024) n = 1024;
    for (k = 0; k < sizeof ref_words / sizeof *ref_words; k++) firsts |= 1u << (ref_words[k].w[0] - 'a');
    while (i < n) {
        size_t a, len;
        char w[16];
        while (i < n && !word_char((unsigned char)s[i])) i++;
        a = i;
        while (i < n && word_char((unsigned char)s[i])) i++;
        len = i - a;
        if (len == 0 || len >= sizeof w) {
            after_the = 0;
            continue;
        }
        for (k = 0; k < len; k++) w[k] = (char)(s[a + k] | 0x20);
        w[len] = '\0';
        /* (this runs for every word of every event statement: only words
         * with the first letter of a referring word are compared, and the
         * first letter before strcmp) */
        if (firsts >> (w[0] - 'a') & 1)
            for (k = 0; k < sizeof ref_words / sizeof *ref_words; k++)
                if (ref_words[k].w[0] == w[0] && strcmp(w, ref_words[k].w) == 0 &&
                    (!ref_words[k].the || after_the)) {
                    kinds |= ref_words[k].kind;
                    break;
                }
        after_the = len == 3 && memcmp(w, "the", 3) == 0;
    }
    return kinds;
}

