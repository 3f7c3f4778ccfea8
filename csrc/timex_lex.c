/*
 * timex_lex.c -- tokens for the time expression recogniser.
 *
 * One linear pass.  A word is a run of ASCII letters and non-ASCII bytes
 * (so "Eyjafjallajökull" stays whole); a number is a run of digits; any
 * other byte is a one-byte punctuation token, except the UTF-8 typographic
 * dashes and quotes (E2 80 9x), which are one token each, and the
 * no-break space (C2 A0), which is white space.  NULs and invalid bytes
 * never stop the pass: they are words or punctuation like any other byte.
 */
#include <string.h>
#include "timex_int.h"

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Bytes of a typographic punctuation mark at p (0 if none). */
static size_t typo_punct(const unsigned char *p, const unsigned char *end)
{
    if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0xA6) return 3;
    if (end - p >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) return 2;
    return 0;
}

static int is_word_byte(const unsigned char *p, const unsigned char *end)
{
    if (is_alpha(*p)) return 1;
    if (*p < 0x80) return 0;
    if (typo_punct(p, end)) return 0;
    if (end - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 0;
    return 1;
}

#define TX_LEX_PAD 8

int tx_lex(const char *s, size_t from, size_t to, tx_toks *out)
{
    const unsigned char *b = (const unsigned char *)s, *p = b + from, *end = b + to;
    int sp = 1, nl = 2;
    while (p < end) {
        tx_tok k;
        const unsigned char *q = p;
        size_t n;
        unsigned char c = *p;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') { sp = 1; p++; continue; }
        if (c == '\n') { sp = 1; if (nl < 2) nl++; p++; continue; }
        if (c == 0xC2 && end - p >= 2 && p[1] == 0xA0) { sp = 1; p += 2; continue; }
        memset(&k, 0, sizeof k);
        k.num = -1;
        if (c >= '0' && c <= '9') {
            int32_t v = 0;
            while (q < end && *q >= '0' && *q <= '9') {
                if (q - p < 9) v = v * 10 + (*q - '0');
                q++;
            }
            k.kind = TK_NUM;
            k.num = v;
            k.ndig = (uint8_t)(q - p > 255 ? 255 : q - p);
        } else if (is_word_byte(p, end)) {
            while (q < end && is_word_byte(q, end)) q++;
            k.kind = TK_WORD;
            k.cap = c >= 'A' && c <= 'Z';
        } else {
            n = typo_punct(p, end);
            q = p + (n ? n : 1);
            k.kind = TK_PUNCT;
        }
        n = (size_t)(q - p);
        k.start = (uint32_t)(p - b);
        k.end = (uint32_t)(q - b);
        k.len = (uint8_t)(n > 255 ? 255 : n);
        {
            size_t i, m = n < sizeof k.w - 1 ? n : sizeof k.w - 1;
            for (i = 0; i < m; i++) {
                unsigned char ch = p[i];
                k.w[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
            }
            k.w[m] = '\0';
        }
        k.sp = (uint8_t)sp;
        k.nl = (uint8_t)nl;
        if (dsr_vec_push(out, k)) return -1;
        sp = 0;
        nl = 0;
        p = q;
    }
    /* End-of-text sentinels past out->n (not counted): the rules look a
     * few tokens ahead (T(k + 1).len, T(i + 4).ndig) without checking n. */
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
