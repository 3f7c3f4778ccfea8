/*
 * timex_lex.c -- tokens for the time expression recogniser.
 *
 * One linear pass driven by a table of byte classes.  A word is a run of
 * ASCII letters and non-ASCII bytes (so "Eyjafjallajökull" stays whole);
 * a number is a run of digits; any other byte is a one-byte punctuation
 * token, except the UTF-8 typographic dashes and quotes (E2 80 9x), which
 * are one token each, and the no-break space (C2 A0), which is white
 * space.  NULs and invalid bytes never stop the pass: they are words or
 * punctuation like any other byte.
 *
 * While a word is read its lower-cased prefix and a hash of it are made
 * in the same loop, and the hash is looked up once in the time
 * vocabulary (a table built once, exact comparison): the token then
 * carries flags saying whether it can begin an expression, whether it
 * only leads into one ("the", "about"), and whether it is a word a
 * number needs after it to be a time ("May", "years", "p.m.").  The
 * scan (timex.c) and the rules (timex_match.c) use the flags to skip the
 * text that cannot hold a time expression.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "timex_words.h"

/* Words that can begin an expression (kept sorted for the reader). */
static const char *const triggers[] = {
    "a", "about", "afternoon", "almost", "an", "annually", "approximately", "apr", "april", "around", "at",
    "aug", "august", "autumn", "beginning", "biannually", "biweekly", "centuries", "century", "christmas",
    "circa", "coming", "comparable", "corresponding", "couple", "current", "currently", "daily", "day",
    "days", "dec", "decade", "decades", "december", "distant", "dozen", "each", "earlier", "early", "eight",
    "eighteen", "eighteenth", "eighth", "eighties", "eighty", "election", "eleven", "eleventh", "end",
    "entire", "evening", "every", "fall", "feb", "february", "few", "fewer", "fifteen", "fifth", "fifties",
    "fifty", "final", "first", "fiscal", "five", "following", "forties", "forty", "four", "fourteen",
    "fourth", "friday", "fridays", "full", "further", "future", "fy", "half", "halloween", "hour", "hourly",
    "hours", "hundred", "independence", "initial", "its", "jan", "january", "jul", "july", "jun", "june",
    "last", "late", "lately", "later", "latest", "least", "less", "many", "mar", "march", "may", "mid",
    "midday", "middle", "midnight", "minute", "minutes", "monday", "mondays", "month", "monthly", "months",
    "more", "morning", "most", "near", "nearly", "new", "next", "night", "nightly", "nine", "nineteen",
    "nineties", "ninety", "ninth", "no", "noon", "nov", "november", "now", "nowadays", "oct", "october",
    "one", "over", "past", "per", "period", "preceding", "present", "presently", "previous", "previously",
    "prior", "quarter", "quarterly", "recent", "recently", "remaining", "right", "roughly", "same",
    "saturday", "saturdays", "second", "sep", "sept", "september", "seven", "seventeen", "seventh",
    "seventies", "seventy", "several", "short", "six", "sixteen", "sixth", "sixties", "sixty", "so", "some",
    "soon", "spring", "start", "summer", "sunday", "sundays", "ten", "tenth", "term", "than",
    "thanksgiving", "that", "the", "their", "these", "third", "thirteen", "thirties", "thirty", "this",
    "thousand", "three", "thursday", "thursdays", "today", "tomorrow", "tonight", "tuesday", "tuesdays",
    "turn", "twelfth", "twelve", "twenties", "twenty", "two", "under", "up", "wednesday", "wednesdays",
    "week", "weekend", "weekly", "weeks", "whole", "winter", "year", "yearly", "years", "yesterday",
};

/* Words that only lead into an expression ("the", "a", "about"): they
 * begin one only when a time word or a number follows. */
static const char *const leads[] = { "a", "about", "an", "around", "at", "each", "every", "its", "more", "no",
                                     "over", "per", "some", "that", "the", "their", "these", "this", "under",
                                     "up" };

/* Words after which a number can be a time: months, units, "a.m.", "o'clock", zones. */
static const char *const after_num[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "quarter",
    "weekend", "fortnight", "millennium", "years", "months", "weeks", "days", "hours", "minutes", "seconds",
    "decades", "centuries", "quarters", "weekends", "fortnights", "millennia", "a", "p", "am", "pm", "o",
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "st", "nd",
    "rd", "th",
};

/* The vocabulary: open addressing, TX_NVOCAB slots, exact comparison.
 * Built once; read-only afterwards, so threads share it. */
typedef struct {
    uint64_t a, b;          /* the word, zero-padded: w[0..7], w[8..15] */
    uint8_t len, flags;
} vslot;
static vslot vocab[TX_NVOCAB];
uint8_t tx_vocab_lists[TX_NVOCAB][TL_N];
static pthread_once_t vocab_once = PTHREAD_ONCE_INIT;

/* The slot a word starts looking at: a multiplicative hash of its two
 * halves (the word zero-padded to 16 bytes, lower case). */
static uint32_t slot_of(uint64_t a, uint64_t b)
{
    uint64_t h = a * 0x9E3779B97F4A7C15u ^ (b + 0x632BE59BD9B4E019u) * 0xC2B2AE3D27D4EB4Fu;
    return (uint32_t)(h >> 40) % TX_NVOCAB;
}

static size_t add_word(const char *w, uint8_t flag)
{
    char buf[16] = { 0 };
    size_t len = strlen(w);
    uint64_t a, b;
    uint32_t k;
    memcpy(buf, w, len);
    memcpy(&a, buf, 8);
    memcpy(&b, buf + 8, 8);
    for (k = slot_of(a, b); vocab[k].len; k = (k + 1) % TX_NVOCAB)
        if (vocab[k].a == a && vocab[k].b == b) break;
    if (!vocab[k].len) {
        vocab[k].a = a;
        vocab[k].b = b;
        vocab[k].len = (uint8_t)len;
    }
    vocab[k].flags |= flag;
    return k;
}

static void add_words(const char *const *ws, size_t n, uint8_t flag)
{
    size_t i;
    for (i = 0; i < n; i++) add_word(ws[i], flag);
}

static void build_vocab(void)
{
    int l, i;
    add_words(triggers, sizeof triggers / sizeof *triggers, TX_TRIG);
    add_words(leads, sizeof leads / sizeof *leads, TX_LEAD);
    add_words(after_num, sizeof after_num / sizeof *after_num, TX_AFTERNUM);
    for (l = 0; l < TL_N; l++)
        for (i = 0; tw_lists[l][i]; i++) {
            size_t k = add_word(tw_lists[l][i], 0);
            if (!tx_vocab_lists[k][l]) tx_vocab_lists[k][l] = (uint8_t)(i + 1);
        }
}

/* The slot of a zero-padded lower-case word, or -1. */
static long vocab_find(const char w[16])
{
    uint64_t a, b;
    uint32_t k;
    memcpy(&a, w, 8);
    memcpy(&b, w + 8, 8);
    for (k = slot_of(a, b); vocab[k].len; k = (k + 1) % TX_NVOCAB)
        if (vocab[k].a == a && vocab[k].b == b) return (long)k;
    return -1;
}

/* Byte classes. */
enum { B_OTHER, B_SPACE, B_NL, B_LOWER, B_UPPER, B_DIGIT, B_HIGH };
static const uint8_t bclass[256] = {
    ['\t'] = B_SPACE, ['\r'] = B_SPACE, ['\f'] = B_SPACE, ['\v'] = B_SPACE, [' '] = B_SPACE, ['\n'] = B_NL,
    ['0'] = B_DIGIT, ['1'] = B_DIGIT, ['2'] = B_DIGIT, ['3'] = B_DIGIT, ['4'] = B_DIGIT,
    ['5'] = B_DIGIT, ['6'] = B_DIGIT, ['7'] = B_DIGIT, ['8'] = B_DIGIT, ['9'] = B_DIGIT,
#define L(x) [x] = B_LOWER, [x - 32] = B_UPPER
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
    L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
#define H8(x) [x] = B_HIGH, [x + 1] = B_HIGH, [x + 2] = B_HIGH, [x + 3] = B_HIGH, \
              [x + 4] = B_HIGH, [x + 5] = B_HIGH, [x + 6] = B_HIGH, [x + 7] = B_HIGH
    H8(0x80), H8(0x88), H8(0x90), H8(0x98), H8(0xA0), H8(0xA8), H8(0xB0), H8(0xB8),
    H8(0xC0), H8(0xC8), H8(0xD0), H8(0xD8), H8(0xE0), H8(0xE8), H8(0xF0), H8(0xF8),
#undef H8
};

/* Lower case of 8 bytes at once: 'A'..'Z' get bit 5, all else stays. */
static uint64_t lower8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t h7 = x & ~high;
    uint64_t ge_a = h7 + (0x80 - 'A') * ones;           /* bit 7 set where byte >= 'A' */
    uint64_t gt_z = h7 + (0x7F - 'Z') * ones;           /* bit 7 set where byte > 'Z' */
    uint64_t upper = (ge_a & ~gt_z) & ~x & high;        /* ASCII 'A'..'Z' */
    return x | (upper >> 2);
}

/* w[0, m) = the lower case of p[0, m), m <= TX_WMAX, the rest of w
 * zero; p[0, avail) is readable.  Sixteen bytes are loaded and masked
 * at once where they can be. */
static void lower_copy(char w[16], const unsigned char *p, size_t m, size_t avail)
{
    static const unsigned char ff[32] = { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                          0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
    uint64_t a, b, ma, mb;
    if (avail >= 16) {
        memcpy(&a, p, 8);
        memcpy(&b, p + 8, 8);
    } else {
        unsigned char buf[16] = { 0 };
        memcpy(buf, p, m);
        memcpy(&a, buf, 8);
        memcpy(&b, buf + 8, 8);
    }
    /* the mask of the first m bytes: ff[16 - m .. 32 - m) has m 0xFF first */
    memcpy(&ma, ff + 16 - m, 8);
    memcpy(&mb, ff + 24 - m, 8);
    a = lower8(a & ma);
    b = lower8(b & mb);
    memcpy(w, &a, 8);
    memcpy(w + 8, &b, 8);
}

/* Bytes of a typographic punctuation mark at p (0 if none). */
static size_t typo_punct(const unsigned char *p, const unsigned char *end)
{
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xA6) return 3;
    if (end - p >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) return 2;
    return 0;
}

/* Does a non-ASCII byte at p continue (or begin) a word? */
static int high_in_word(const unsigned char *p, const unsigned char *end)
{
    if (p[0] == 0xE2 || p[0] == 0xC2) {
        if (typo_punct(p, end)) return 0;
        if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 0;
    }
    return 1;
}

#define TX_LEX_PAD 8

int tx_lex(const char *s, size_t from, size_t to, tx_toks *out)
{
    const unsigned char *b = (const unsigned char *)s, *p = b + from, *end = b + to;
    int sp = 1, nl = 2;
    pthread_once(&vocab_once, build_vocab);
    /* about one token in five bytes of news text */
    if (dsr_vec_reserve(out, out->n + (to - from) / 4 + 16)) return -1;
    while (p < end) {
        tx_tok *k;
        const unsigned char *q = p;
        size_t n;
        unsigned char c = *p;
        unsigned cl = bclass[c];
        if (cl == B_SPACE) { sp = 1; p++; continue; }
        if (cl == B_NL) { sp = 1; if (nl < 2) nl++; p++; continue; }
        if (c == 0xC2 && end - p >= 2 && p[1] == 0xA0) { sp = 1; p += 2; continue; }
        if (out->n == out->cap && dsr_vec_reserve(out, out->n + 1 + out->n / 2)) return -1;
        k = &out->v[out->n];
        memset(k->w, 0, sizeof k->w);
        k->num = -1;
        k->ndig = 0;
        k->cap = 0;
        k->trig = 0;
        k->vid = 0;
        if (cl == B_DIGIT) {
            int32_t v = 0;
            while (q < end && bclass[*q] == B_DIGIT) {
                if (q - p < 9) v = v * 10 + (*q - '0');
                q++;
            }
            n = (size_t)(q - p);
            k->kind = TK_NUM;
            k->num = v;
            k->ndig = (uint8_t)(n > 255 ? 255 : n);
            k->trig = TX_TRIG;
            memcpy(k->w, p, n < TX_WMAX ? n : TX_WMAX);
        } else if (cl == B_LOWER || cl == B_UPPER || (cl == B_HIGH && high_in_word(p, end))) {
            size_t m;
            for (q = p + 1; q < end; q++) {
                unsigned qc = bclass[*q];
                if (qc == B_LOWER || qc == B_UPPER) continue;
                if (qc != B_HIGH || !high_in_word(q, end)) break;
            }
            n = (size_t)(q - p);
            m = n < TX_WMAX ? n : TX_WMAX;
            lower_copy(k->w, p, m, (size_t)(end - p));
            k->kind = TK_WORD;
            k->cap = cl == B_UPPER;
            if (n <= TX_WMAX) {
                long v = vocab_find(k->w);
                if (v >= 0) {
                    k->trig = vocab[v].flags;
                    k->vid = (uint16_t)(v + 1);
                }
            }
        } else {
            n = typo_punct(p, end);
            q = p + (n ? n : 1);
            n = (size_t)(q - p);
            k->kind = TK_PUNCT;
            memcpy(k->w, p, n);
            if (c == '\'' || c == '-' || n == 3) k->trig = TX_TRIG;
        }
        k->start = (uint32_t)(p - b);
        k->end = (uint32_t)(q - b);
        k->len = (uint8_t)(n > 255 ? 255 : n);
        k->sp = (uint8_t)sp;
        k->nl = (uint8_t)nl;
        out->n++;
        sp = 0;
        nl = 0;
        p = q;
    }
    /* End-of-text sentinels past out->n (not counted): the rules look a
     * few tokens ahead (T(k + 1).len, T(i + 4).ndig) without checking n,
     * which read past the array (heap-buffer-overflow found by fuzzing,
     * fuzz/regressions/) or, inside its slack, stale tokens. */
    if (dsr_vec_reserve(out, out->n + TX_LEX_PAD)) return -1;
    {
        size_t i;
        for (i = 0; i < TX_LEX_PAD; i++) {
            tx_tok *z = &out->v[out->n + i];
            memset(z, 0, sizeof *z);
            z->kind = TK_PUNCT;
            z->num = -1;
            z->sp = 1;
            z->nl = 2;
            z->start = z->end = (uint32_t)to;
        }
    }
    return 0;
}
