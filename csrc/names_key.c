/*
 * names_key.c -- lookup keys of names, and the few UTF-8 facts the name
 * finder needs.
 *
 * A key is the name in lower case with Latin accents folded to ASCII
 * ("ElBaradei" -> "elbaradei", "Türkiye" -> "turkiye", "Ø" -> "o") and every
 * run of punctuation or white space turned into one space, trimmed at both
 * ends: "Kim Jong-il" and "Kim Jong Il" both give "kim jong il", "U.S." gives
 * "u s".  Code points outside Latin-1 and Latin Extended-A are copied as
 * bytes (lower-casing Greek or Cyrillic is left out on purpose: the keys only
 * have to agree with themselves).  tools/gen_gazetteer.py folds the same way,
 * so gazetteer keys match.
 *
 * Invalid UTF-8 bytes count as punctuation, so any byte string has a key.
 */
#include <string.h>
#include "names_int.h"

/* ASCII base letter of U+00C0..U+017F; '1'..'4' mark the two-letter folds
 * (ae, th, ss, oe) and ' ' the non-letters (multiplication, division). */
static const char latin_fold[192 + 1] =
    "aaaaaa1ceeeeiiii" "dnooooo ouuuuy23" "aaaaaa1ceeeeiiii" "dnooooo ouuuuy2y"
    "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii" "iijjjjkkklllllll"
    "lllnnnnnnnnnoooo" "oo44rrrrrrssssss" "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

uint32_t dsr_utf8_get(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *p = (const unsigned char *)s + i;
    size_t avail = n - i, need, k;
    uint32_t c;
    *len = 1;
    if (p[0] < 0x80) return p[0];
    if (p[0] >= 0xC2 && p[0] <= 0xDF) need = 2, c = p[0] & 0x1F;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF) need = 3, c = p[0] & 0x0F;
    else if (p[0] >= 0xF0 && p[0] <= 0xF4) need = 4, c = p[0] & 0x07;
    else return 0xFFFD;
    if (avail < need) return 0xFFFD;
    for (k = 1; k < need; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0xFFFD;
        c = (c << 6) | (p[k] & 0x3F);
    }
    /* overlong forms and surrogates are invalid too */
    if ((need == 3 && c < 0x800) || (need == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0xFFFD;
    *len = need;
    return c;
}

int dsr_cp_is_letter(uint32_t c)
{
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c == 0xFFFD) return 0;
    if (c >= 0xC0 && c <= 0x24F) return c != 0xD7 && c != 0xF7;
    if (c >= 0x370 && c <= 0x52F) return 1;                 /* Greek, Cyrillic */
    if (c >= 0x1E00 && c <= 0x1FFF) return 1;               /* Latin Ext. Additional, Greek Ext. */
    if (c >= 0x2000 && c <= 0x2BFF) return 0;               /* punctuation, symbols */
    if (c >= 0x3000 && c <= 0x303F) return 0;
    if (c >= 0xFE30 && c <= 0xFE4F) return 0;
    if (c >= 0xFF00 && c <= 0xFF20) return 0;
    return c >= 0x590;                                      /* other scripts */
}

int dsr_cp_is_upper(uint32_t c)
{
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;
    if (c >= 0x100 && c <= 0x137) return !(c & 1);
    if (c >= 0x139 && c <= 0x148) return c & 1;
    if (c >= 0x14A && c <= 0x177) return !(c & 1);
    if (c == 0x178 || c == 0x179 || c == 0x17B || c == 0x17D) return 1;
    if (c >= 0x391 && c <= 0x3AB) return 1;
    if (c >= 0x400 && c <= 0x42F) return 1;
    return 0;
}

/* Append the folded form of code point c (bytes b[0..blen)) to out. */
static size_t put_cp(uint32_t c, const char *b, size_t blen, char *out, size_t o, size_t cap)
{
    static const char *two[] = {"ae", "th", "ss", "oe"};
    const char *rep = NULL;
    char one[2] = {0, 0};
    size_t k, rl;
    if (c < 0x80) {
        if (o + 1 < cap) out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return o;
    }
    if (c >= 0xC0 && c <= 0x17F) {
        char f = latin_fold[c - 0xC0];
        if (f >= '1' && f <= '4') rep = two[f - '1'];
        else one[0] = f, rep = one;
    }
    if (rep) {
        rl = strlen(rep);
        for (k = 0; k < rl && o + 1 < cap; k++) out[o++] = rep[k];
        return o;
    }
    if (o + blen + 1 > cap) return o;       /* never cut a code point in two */
    memcpy(out + o, b, blen);
    return o + blen;
}

/* ASCII byte -> its key byte: letters lowered, digits kept, 0 for the rest. */
#define R8(x) x, x, x, x, x, x, x, x
static const char ascii_fold[128] = {
    R8(0), R8(0), R8(0), R8(0), R8(0), R8(0),
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0, 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0,
    0, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0, 0, 0, 0, 0
};
#undef R8

static size_t make_key(const char *s, size_t len, char *out, size_t cap, int spaces)
{
    size_t i = 0, o = 0, cl;
    int gap = 0;
    if (cap == 0) return 0;
    if (!spaces) {
        /* the compact key of ASCII text: one table load and store a byte */
        while (i < len && o + 1 < cap) {
            unsigned char b = (unsigned char)s[i];
            char f;
            if (b >= 0x80) break;
            f = ascii_fold[b];
            out[o] = f;
            o += f != 0;
            i++;
        }
    } else {
        /* the spaced key of ASCII text, while there is room for a space, a
         * byte and the NUL (the loop below does the rest, and the edge) */
        while (i < len && o + 2 < cap) {
            unsigned char b = (unsigned char)s[i];
            char f;
            if (b >= 0x80) break;
            f = ascii_fold[b];
            if (f) {
                if (gap && o > 0) out[o++] = ' ';
                gap = 0;
                out[o++] = f;
            } else {
                gap = 1;
            }
            i++;
        }
    }
    while (i < len && o + 1 < cap) {
        uint32_t c = (unsigned char)s[i];
        int alnum;
        if (c < 0x80) {             /* ASCII, nearly all text: no calls */
            char f = ascii_fold[c];
            if (f) {
                if (gap && o > 0 && spaces) {
                    if (o + 2 >= cap) break;
                    out[o++] = ' ';
                }
                gap = 0;
                out[o++] = f;
            } else {
                gap = 1;
            }
            i++;
            continue;
        }
        c = dsr_utf8_get(s, len, i, &cl);
        alnum = c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9')
                         : dsr_cp_is_letter(c);
        if (!alnum || (c >= 0xC0 && c <= 0x17F && latin_fold[c - 0xC0] == ' ')) {
            gap = 1;
        } else {
            if (gap && o > 0 && spaces) {
                if (o + 2 >= cap) break;
                out[o++] = ' ';
            }
            gap = 0;
            o = put_cp(c, s + i, cl, out, o, cap);
        }
        i += cl;
    }
    out[o] = '\0';
    return o;
}

size_t dsr_name_key(const char *s, size_t len, char *out, size_t cap)
{
    return make_key(s, len, out, cap, 1);
}

size_t dsr_name_ckey(const char *s, size_t len, char *out, size_t cap)
{
    return make_key(s, len, out, cap, 0);
}

/* 64-bit hash, eight bytes at a time: each word is xored in and the state
 * multiplied and folded (a multiply-xorshift, as in the murmur and splitmix
 * finalizers); the last, partial word is read zero-padded.  Keys are short
 * (a word: one or two rounds), so this is a few instructions per key where
 * byte-by-byte FNV took two per byte.  Callers only need equal keys to give
 * equal hashes and the low bits to be well mixed (table slots). */
#define HASH_K 0x9E3779B97F4A7C15ULL

static uint64_t hash_round(uint64_t h, uint64_t w)
{
    h = (h ^ w) * HASH_K;
    return h ^ (h >> 29);
}

static uint64_t hash_final(uint64_t h)
{
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

uint64_t dsr_hash64(const char *s, size_t n)
{
    uint64_t h = 0x243F6A8885A308D3ULL ^ ((uint64_t)n * HASH_K), w;
    size_t k;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = hash_round(h, w);
    }
    if (n) {
        unsigned char b[8] = {0};
        for (k = 0; k < n; k++) b[k] = (unsigned char)s[k];
        memcpy(&w, b, 8);
        h = hash_round(h, w);
    }
    return hash_final(h);
}

uint64_t dsr_hash64_padded(const char *s, size_t n)
{
    uint64_t h = 0x243F6A8885A308D3ULL ^ ((uint64_t)n * HASH_K), w;
    size_t k;
    for (k = 0; k < n; k += 8) {
        memcpy(&w, s + k, 8);
        h = hash_round(h, w);
    }
    return hash_final(h);
}
