/*
 * sentence.c -- sentence segmentation over the raw bytes.
 *
 * One pass.  A sentence ends at '.', '!' or '?' (with any closing quotes
 * and brackets after it) when white space and then something that can
 * begin a sentence follow, unless the word before the dot is an
 * abbreviation ("Mr.", "Feb.", "B.", "U.S.").  A blank line always ends
 * one.  A single line break ends one only in a document whose lines are
 * whole statements (headline, dateline, one paragraph per line); in a
 * document hard-wrapped at a fixed width (Reuters) it is a space.  Which
 * of the two a document is, is decided once by counting its lines.
 */
#include <string.h>
#include "sentence.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Hard-wrapped: most lines that are followed by another non-blank line
 * end in the middle of a sentence. */
static int hard_wrapped(const char *s, size_t from, size_t to)
{
    size_t p = from, lines = 0, soft = 0;
    while (p < to && lines < 400) {
        const char *nl = memchr(s + p, '\n', to - p);
        size_t e, q;
        if (!nl) break;
        e = (size_t)(nl - s);
        q = e + 1;
        while (e > p && is_space((unsigned char)s[e - 1])) e--;
        while (q < to && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r')) q++;
        if (e > p && q < to && s[q] != '\n') {
            unsigned char last = (unsigned char)s[e - 1];
            lines++;
            if (is_lower(last) || last == ',' || (is_lower((unsigned char)s[q]) && last != '.')) soft++;
        }
        p = (size_t)(nl - s) + 1;
    }
    return lines >= 4 && soft * 2 > lines;
}

/* Abbreviations after which a dot does not end a sentence. */
static const char *const abbrev[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Maj", "Adm",
    "Cmdr", "Rev", "Hon", "Pres", "St", "Mt", "Ft", "Jr", "Sr", "No", "Nos", "Vol", "vs", "etc", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu",
    "Thur", "Thurs", "Fri", "Sat", "Sun", "approx", "Dept", "Fig", "Gens", "Sens", "Reps", "Ave", "Blvd", "est",
    "cf", "e.g", "i.e", "viz", "al", NULL
};
/* Abbreviations that often end a sentence too: they end one only before a
 * word that usually starts one. */
static const char *const weak[] = { "Inc", "Corp", "Co", "Ltd", "Bros", "LLC", "Plc", "a.m", "p.m", NULL };
static const char *const starters[] = { "The", "He", "She", "It", "They", "We", "I", "A", "An", "In", "But",
                                        "And", "This", "That", "There", "Its", "His", "Her", "Their", "On",
                                        "At", "For", "As", "After", "If", "When", "Meanwhile", "However",
                                        "Since", "Some", "Analysts", "Officials", NULL };

static int in_list(const char *w, size_t n, const char *const *list)
{
    size_t i, j;
    if (n == 0) return 0;
    for (i = 0; list[i]; i++) {
        const char *l = list[i];
        if (l[0] != w[0]) continue;
        for (j = 1; j < n && l[j] == w[j]; j++) {}
        if (j == n && l[n] == '\0') return 1;
    }
    return 0;
}

/* Bytes the main loop stops at: line breaks and sentence-final marks. */
static const unsigned char stop[256] = { ['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1 };

/* The first stop byte in s[p, len), or len.  Nearly all bytes are not
 * one, so sixteen are tested at a time where SSE2 is there. */
static size_t next_stop(const char *s, size_t p, size_t len)
{
#if defined(__SSE2__)
    const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'),
                  ques = _mm_set1_epi8('?');
    for (; p + 16 <= len; p += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + p));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, dot)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, bang), _mm_cmpeq_epi8(x, ques)));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask) return p + (size_t)__builtin_ctz(mask);
    }
#endif
    while (p < len && !stop[(unsigned char)s[p]]) p++;
    return p;
}

/* The word before the dot at s[p]: letters and inner dots ("U.S"). */
static size_t word_before(const char *s, size_t from, size_t p, size_t *ws)
{
    size_t a = p;
    while (a > from && (is_upper((unsigned char)s[a - 1]) || is_lower((unsigned char)s[a - 1]) ||
                        (s[a - 1] == '.' && a - 1 > from && !is_space((unsigned char)s[a - 2]))))
        a--;
    *ws = a;
    return p - a;
}

/* Does the dot at s[p] end a sentence whose next word starts at q? */
static int dot_ends(const char *s, size_t from, size_t p, size_t q, size_t len)
{
    size_t ws, n = word_before(s, from, p, &ws);
    const char *w = s + ws;
    if (n == 0) return 1;                              /* "3." or ")." */
    if (n == 1 && is_upper((unsigned char)w[0])) return 0;   /* an initial: "B. Lynn" */
    if (in_list(w, n, abbrev)) return 0;
    if (in_list(w, n, weak) || (memchr(w, '.', n) && n <= 6)) {
        /* "U.S. officials" goes on; "... the U.S. The next day" ends */
        size_t e = q;
        while (e < len && (is_upper((unsigned char)s[e]) || is_lower((unsigned char)s[e]))) e++;
        return in_list(s + q, e - q, starters);
    }
    return 1;
}

static int push(dsr_spans *out, const char *s, size_t a, size_t b)
{
    dsr_span sp;
    while (a < b && is_space((unsigned char)s[a])) a++;
    if (b - a >= 2 && s[a] == '&' && s[a + 1] == '\t') a += 2;    /* Reuters paragraph mark */
    while (b > a && is_space((unsigned char)s[b - 1])) b--;
    if (b <= a) return 0;
    sp.start = (uint32_t)a;
    sp.end = (uint32_t)b;
    return dsr_vec_push(out, sp);
}

int dsr_sentences(const dsr_text *t, dsr_spans *out)
{
    const char *s = t->s;
    size_t len = t->len, p, start, from = t->body;
    int soft_lines;
    if (from >= len) return 0;
    soft_lines = hard_wrapped(s, from, len);
    start = from;
    for (p = from; p < len; p++) {
        unsigned char c;
        if ((p = next_stop(s, p, len)) >= len) break;
        c = (unsigned char)s[p];
        if (c == '\n') {
            size_t q = p + 1;
            while (q < len && (s[q] == ' ' || s[q] == '\t' || s[q] == '\r')) q++;
            if (q >= len || s[q] == '\n' || !soft_lines || s[q] == '#' ||
                ((s[q] == '-' || s[q] == '*') && q + 1 < len && s[q + 1] == ' ')) {
                if (push(out, s, start, p)) return -1;
                start = p + 1;
            }
            continue;
        }
        if (c == '.' || c == '!' || c == '?') {
            size_t e = p + 1, q;
            while (e < len) {
                unsigned char d = (unsigned char)s[e];
                if (d == '.' || d == '!' || d == '?' || d == '"' || d == '\'' || d == ')' || d == ']') e++;
                else if (d == 0xE2 && e + 2 < len && (unsigned char)s[e + 1] == 0x80 &&
                         ((unsigned char)s[e + 2] == 0x9D || (unsigned char)s[e + 2] == 0x99)) e += 3;
                else break;
            }
            if (e < len && !is_space((unsigned char)s[e])) continue;
            q = e;
            while (q < len && is_space((unsigned char)s[q])) q++;
            if (q < len && (is_lower((unsigned char)s[q]) || s[q] == ',' || s[q] == ';')) continue;
            if (c == '.' && q < len && !dot_ends(s, from, p, q, len)) continue;
            if (push(out, s, start, e)) return -1;
            start = e;
            p = e - 1;
        }
    }
    return push(out, s, start, len);
}
