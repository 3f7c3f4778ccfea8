/*
 * refs.c -- referring words and the names they point back to.
 *
 * A table of (word, kind, needs a determiner) says which words refer.
 * Pronouns count alone; nouns only after a definite "the" (or "this",
 * "its", ...), with at most three words between ("the massive airliner"):
 * "a company" introduces a new one, "the company" is one named before.
 * In a headline, where articles are dropped ("Airbus unveils largest
 * plane"), the nouns count alone too.
 *
 * An antecedent is a mention of the document (dsr_docents, in text order)
 * of the fitting type that ends before the referring word:
 *
 *   person (he, she)      the nearest within PRONOUN_REACH bytes;
 *   organization          the nearest within NOUN_REACH bytes;
 *   thing (the aircraft)  within NOUN_REACH bytes, the one mentioned most
 *                         often there, the nearest of those: a report on
 *                         a new airliner names its engines once and the
 *                         airliner again and again.
 *
 * A headline's referring noun has nothing before it: it points forward,
 * to the first fitting mention after the headline (within PRONOUN_REACH).
 *
 * "It" and "its" in general are left alone (measured on MEANTIME, the
 * nearest name was wrong more often than right), but a statement opening
 * with "It"/"Its" mostly goes on with the subject of the sentence before:
 * its first organization or thing ("Harbor Air bought a jet.  It flew it
 * to Oslo.").  "It is expected that ..." stands for nothing.
 */
#include <string.h>
#include "refs.h"

#define PRONOUN_REACH 600
#define NOUN_REACH 1500
#define IT_REACH 600            /* bytes back to the start of the sentence before */
#define SCAN_MAX 1024           /* bytes of a statement searched for referring words */
#define BACK_MAX 48             /* mentions looked at before one (bounds times()) */

static const struct { const char *w; uint32_t kind; int the; } ref_words[] = {
    {"he", DSR_REF_PERSON, 0}, {"his", DSR_REF_PERSON, 0}, {"him", DSR_REF_PERSON, 0},
    {"she", DSR_REF_PERSON, 0}, {"her", DSR_REF_PERSON, 0},
    /* "it"/"its" are left out here (see opens_with_it) */
    {"company", DSR_REF_ORG, 1}, {"firm", DSR_REF_ORG, 1}, {"group", DSR_REF_ORG, 1},
    {"airline", DSR_REF_ORG, 1}, {"carrier", DSR_REF_ORG, 1}, {"manufacturer", DSR_REF_ORG, 1},
    {"maker", DSR_REF_ORG, 1}, {"bank", DSR_REF_ORG, 1}, {"agency", DSR_REF_ORG, 1},
    {"ministry", DSR_REF_ORG, 1}, {"government", DSR_REF_ORG, 1}, {"party", DSR_REF_ORG, 1},
    {"planemaker", DSR_REF_ORG, 1}, {"airframer", DSR_REF_ORG, 1}, {"automaker", DSR_REF_ORG, 1},
    {"aircraft", DSR_REF_THING, 1}, {"aircrafts", DSR_REF_THING, 1}, {"airliner", DSR_REF_THING, 1},
    {"airliners", DSR_REF_THING, 1}, {"plane", DSR_REF_THING, 1}, {"planes", DSR_REF_THING, 1},
    {"airplane", DSR_REF_THING, 1}, {"jet", DSR_REF_THING, 1}, {"jets", DSR_REF_THING, 1},
    {"superjumbo", DSR_REF_THING, 1}, {"device", DSR_REF_THING, 1}, {"product", DSR_REF_THING, 1},
    {"phone", DSR_REF_THING, 1}, {"software", DSR_REF_THING, 1}, {"model", DSR_REF_THING, 1},
    {"treaty", DSR_REF_THING, 1},
    /* "the deal", "the agreement" are left out: they name an event, and
     * the nearest thing before them was mostly a product in the deal. */
};

/* Words that make the next nouns definite. */
static const char *const determiners[] = { "the", "this", "its", "their", NULL };

static int word_char(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* The next word of s[*i, n) lower-cased into w (cap 16); its start in *at
 * and its length, 0 at the end.  A word too long for w comes back as
 * "" with its length. */
static size_t next_word(const char *s, size_t n, size_t *i, char w[16], size_t *at)
{
    size_t a, len, k;
    while (*i < n && !word_char((unsigned char)s[*i])) (*i)++;
    a = *i;
    while (*i < n && word_char((unsigned char)s[*i])) (*i)++;
    len = *i - a;
    *at = a;
    w[0] = '\0';
    if (len == 0 || len >= 16) return len;
    for (k = 0; k < len; k++) w[k] = (char)(s[a + k] | 0x20);
    w[len] = '\0';
    return len;
}

static int is_determiner(const char *w)
{
    size_t k;
    for (k = 0; determiners[k]; k++)
        if (strcmp(w, determiners[k]) == 0) return 1;
    return 0;
}

/* The kind of the referring word w, or 0.  `definite`: a determiner came
 * at most three words before (or the statement is a headline). */
static uint32_t kind_of(const char *w, int definite)
{
    size_t k;
    for (k = 0; k < sizeof ref_words / sizeof *ref_words; k++)
        if (ref_words[k].w[0] == w[0] && strcmp(w, ref_words[k].w) == 0)
            return !ref_words[k].the || definite ? ref_words[k].kind : 0;
    return 0;
}

/* Walks the referring words of s[0, n): each call gives the next one's
 * kind and offset, 0 at the end. */
typedef struct {
    const char *s;
    size_t n, i;
    int since_det;              /* words since a determiner; large when none */
    int headline;
} ref_walk;

static uint32_t next_ref(ref_walk *r, size_t *at)
{
    char w[16];
    size_t len;
    while ((len = next_word(r->s, r->n, &r->i, w, at)) > 0) {
        /* half of a compound ("six-party talks", "airplane-design") is no noun of its own */
        int compound = (*at > 0 && r->s[*at - 1] == '-') || (r->i < r->n && r->s[r->i] == '-');
        uint32_t kind = w[0] && !compound ? kind_of(w, r->headline || r->since_det <= 3) : 0;
        r->since_det = w[0] && is_determiner(w) ? 0 : r->since_det + 1;
        if (kind) return kind;
    }
    return 0;
}

static void walk_init(ref_walk *r, const char *s, size_t n, int headline)
{
    r->s = s;
    r->n = n > SCAN_MAX ? SCAN_MAX : n;  /* bounded: a 10 MB "sentence" is no statement */
    r->i = 0;
    r->since_det = 99;
    r->headline = headline;
}

uint32_t dsr_refs_find(const char *s, size_t n)
{
    ref_walk r;
    uint32_t kinds = 0, k;
    size_t at;
    walk_init(&r, s, n, 0);
    while ((k = next_ref(&r, &at))) kinds |= k;
    return kinds;
}

static int fits(uint32_t kind, int type)
{
    return (kind == DSR_REF_PERSON && type == DSR_PERSON) || (kind == DSR_REF_ORG && type == DSR_ORGANIZATION) ||
           (kind == DSR_REF_THING && type == DSR_OTHER);
}

/* The first mention of de that ends after pos (binary search). */
static size_t first_after(const dsr_docents *de, size_t pos)
{
    size_t lo = 0, hi = de->ments.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (de->ments.v[mid].end <= pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* How often entity ent is mentioned in ments [lo, hi). */
static size_t times(const dsr_docents *de, size_t lo, size_t hi, uint32_t ent)
{
    size_t n = 0;
    for (; lo < hi; lo++) n += de->ments.v[lo].ent == ent;
    return n;
}

/* The antecedent of a referring word of `kind` at pos: a mention index,
 * or -1.  Mentions are in text order by start; ends are too, but for
 * nested names, which the scan back passes over harmlessly. */
static long antecedent(const dsr_docents *de, uint32_t kind, size_t pos)
{
    size_t reach = kind == DSR_REF_PERSON ? PRONOUN_REACH : NOUN_REACH, hi = first_after(de, pos), j, lo = hi;
    long best = -1;
    size_t best_n = 0;
    while (lo > 0 && hi - lo < BACK_MAX && de->ments.v[lo - 1].end + reach > pos) lo--;
    for (j = hi; j-- > lo;) {
        const dsr_dment *m = &de->ments.v[j];
        size_t n;
        if (m->end > pos || !fits(kind, de->ents.v[m->ent].type)) continue;
        if (kind != DSR_REF_THING) return (long)j;
        if ((n = times(de, lo, hi, m->ent)) > best_n) {
            best = (long)j;
            best_n = n;
        }
    }
    return best;
}

/* For a headline: the first fitting mention after it. */
static long postcedent(const dsr_docents *de, uint32_t kind, size_t end)
{
    size_t j;
    for (j = first_after(de, end); j < de->ments.n && de->ments.v[j].start < end + PRONOUN_REACH; j++)
        if (de->ments.v[j].start >= end && fits(kind, de->ents.v[de->ments.v[j].ent].type)) return (long)j;
    return -1;
}

/* Does the statement at s[p] open with "It" or "Its" that stands for a
 * thing named before, not the "it" of "It is expected that ..."? */
static int opens_with_it(const dsr_text *t, size_t p, size_t end)
{
    static const char *const empty[] = { "expected", "thought", "believed", "said", "likely", "unlikely",
                                         "reported", "understood", "hoped", "clear", "unclear", "possible",
                                         "not", "time", "important", "feared", "estimated", "known", "true", NULL };
    char w[16];
    size_t at, i = p + 2, k;
    if (end - p < 4 || memcmp(t->s + p, "It", 2) != 0) return 0;
    if (t->s[p + 2] == 's' && t->s[p + 3] == ' ') return 1;
    if (t->s[p + 2] != ' ') return 0;
    next_word(t->s, end, &i, w, &at);
    if (strcmp(w, "is") != 0 && strcmp(w, "was") != 0) return 1;
    next_word(t->s, end, &i, w, &at);
    for (k = 0; empty[k]; k++)
        if (strcmp(w, empty[k]) == 0) return 0;
    return 1;
}

/* The subject of the sentence before the one at start: its first
 * organization or thing (within IT_REACH bytes back), or -1. */
static long subject_before(const dsr_text *t, const dsr_docents *de, size_t start)
{
    size_t q = start, stop, j;
    while (q > 0 && (t->s[q - 1] == ' ' || t->s[q - 1] == '\n' || t->s[q - 1] == '\r' || t->s[q - 1] == '\t')) q--;
    if (q > 0) q--;                     /* the sentence mark ending it */
    stop = q > IT_REACH ? q - IT_REACH : 0;
    while (q > stop && t->s[q - 1] != '\n' &&
           !((t->s[q - 1] == '.' || t->s[q - 1] == '?' || t->s[q - 1] == '!') && t->s[q] == ' '))
        q--;
    for (j = first_after(de, q); j < de->ments.n && de->ments.v[j].start < start; j++) {
        int type = de->ents.v[de->ments.v[j].ent].type;
        if (de->ments.v[j].start >= q && (type == DSR_ORGANIZATION || type == DSR_OTHER)) return (long)j;
    }
    return -1;
}

/* Append the span of mention m (if there is one, m >= 0) to out[*n]. */
static void put_span(const dsr_docents *de, long m, dsr_span *out, size_t *n)
{
    if (m < 0) return;
    out[*n].start = de->ments.v[m].start;
    out[*n].end = de->ments.v[m].end;
    (*n)++;
}

size_t dsr_refs_link(const dsr_text *t, const dsr_docents *de, const dsr_span *st, int headline,
                     dsr_span *out, size_t cap)
{
    ref_walk r;
    uint32_t kind, done = 0;
    size_t at, n = 0;
    if (st->end <= st->start || st->end > t->len) return 0;
    walk_init(&r, t->s + st->start, st->end - st->start, headline);
    while (n < cap && (kind = next_ref(&r, &at))) {
        long m;
        if (done & kind) continue;      /* one antecedent per kind: the first word's */
        m = antecedent(de, kind, st->start + at);
        if (m < 0 && headline) m = postcedent(de, kind, st->end);
        if (m < 0) continue;
        done |= kind;
        put_span(de, m, out, &n);
    }
    if (n < cap && opens_with_it(t, st->start, st->end)) put_span(de, subject_before(t, de, st->start), out, &n);
    return n;
}
