/*
 * tense.c -- reported speech and past narration, told by word lists.
 *
 * Both tests walk the sentence's ASCII words once.  Word lists are small
 * and closed (auxiliaries, reporting verbs, common irregular pasts); a
 * regular past is a word of five or more letters ending in "-ed" that no
 * form of "be"/"have" stands before (after one it is a participle:
 * "is expected", "has been found").
 */
#include <string.h>
#include "tense.h"

static int is_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* The lower-cased word at s[a, b) is one of list. */
static int word_in(const char *s, size_t a, size_t b, const char *const *list)
{
    size_t k, n = b - a, j;
    for (k = 0; list[k]; k++) {
        if (strlen(list[k]) != n) continue;
        for (j = 0; j < n && (s[a + j] | 0x20) == list[k][j]; j++) {}
        if (j == n) return 1;
    }
    return 0;
}

static int ends_ed(const char *s, size_t a, size_t b)
{
    return b - a > 4 && s[b - 2] == 'e' && s[b - 1] == 'd';
}

/* Past participles of common irregular verbs ("has won"). */
static const char *const irregular_participle[] = { "made", "won", "sold", "bought", "taken", "given", "begun",
                                                    "chosen", "lost", "set", "put", "become", NULL };

/* An opening or closing quotation mark at s[p]: '"', "``", "''", or the
 * UTF-8 curly double quotes.  Returns its length, or 0. */
static size_t quote_at(const char *s, size_t p, size_t end)
{
    if (s[p] == '"') return 1;
    if (p + 1 < end && ((s[p] == '`' && s[p + 1] == '`') || (s[p] == '\'' && s[p + 1] == '\''))) return 2;
    if (p + 2 < end && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
        ((unsigned char)s[p + 2] == 0x9C || (unsigned char)s[p + 2] == 0x9D))
        return 3;
    return 0;
}

int dsr_tense_reports(const dsr_text *t, const dsr_span *sp)
{
    static const char *const verbs[] = { "said", "says", "say", "announced", "announces", "confirmed", "confirms",
                                         "told", "stated", "reported", "revealed", "added", "declared", "commented",
                                         "replied", "claims", "claimed", "denied", "denies", "argued", "explained",
                                         "insisted", "warned", "noted", "acknowledged", "admitted", "predicted",
                                         "predicting", NULL };
    static const char *const aux[] = { "has", "have", NULL };
    size_t p = sp->start, end = sp->end < t->len ? sp->end : t->len, pa = 0, pb = 0;
    /* words quoted first ("``We are glad,'' he said.") are the speaker's
     * about their own time, not the report's news */
    if (p < end && quote_at(t->s, p, end)) return 0;
    while (p < end) {
        size_t a;
        while (p < end && !is_alpha((unsigned char)t->s[p])) p++;
        a = p;
        while (p < end && is_alpha((unsigned char)t->s[p])) p++;
        if (p == a) break;
        /* present perfect: "has won", "have announced" */
        if (pb > pa && word_in(t->s, pa, pb, aux) &&
            (ends_ed(t->s, a, p) || word_in(t->s, a, p, irregular_participle)))
            return DSR_REPORTS | DSR_REPORTS_PERFECT;
        if (word_in(t->s, a, p, verbs)) return DSR_REPORTS;
        pa = a;
        pb = p;
    }
    return 0;
}

int dsr_tense_narrates(const dsr_text *t, const dsr_span *sp)
{
    static const char *const present[] = { "is", "are", "am", "has", "have", "will", "does", "do", "can", "may",
                                           "shall", "must", "would", "should", NULL };
    static const char *const past[] = { "was", "were", "did", "had", "flew", "left", "took", "made", "won", "sold",
                                        "bought", "gave", "began", "chose", "came", "went", "found", "held", "met",
                                        "saw", "struck", "ran", "rose", "fell", "grew", "built", "sent", "spent",
                                        "paid", "brought", "became", "led", "broke", "wrote", "spoke", "stood",
                                        "kept", "told", "said", "knew", "drew", "threw", "sought", "taught", NULL };
    static const char *const be_have[] = { "is", "are", "am", "be", "been", "being", "has", "have", "was", "were",
                                           "had", NULL };
    size_t p = sp->start, end = sp->end < t->len ? sp->end : t->len, pa = 0, pb = 0;
    int quoted = 0, saw_past = 0;
    while (p < end) {
        size_t a, q;
        while (p < end && !is_alpha((unsigned char)t->s[p])) {
            if ((q = quote_at(t->s, p, end))) {
                quoted = !quoted;
                p += q;
            } else {
                p++;
            }
        }
        a = p;
        while (p < end && is_alpha((unsigned char)t->s[p])) p++;
        if (p == a) break;
        if (!quoted) {
            if (word_in(t->s, a, p, present)) return 0;
            if (word_in(t->s, a, p, past) ||
                (ends_ed(t->s, a, p) && !(pb > pa && word_in(t->s, pa, pb, be_have))))
                saw_past = 1;
        }
        pa = a;
        pb = p;
    }
    return saw_past;
}
