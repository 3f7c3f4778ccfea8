/*
 * names_int.h -- private interfaces of the name finder (names*.c,
 * gazetteer.c, entities.c).  Not part of the public contract (entities.h).
 *
 *   keys      dsr_name_key folds a name to its lookup key; the "compact" key
 *             also drops the spaces, so "KoreanPeninsula", "Korean peninsula"
 *             and "Wal - Mart"/"Wal-Mart" meet.  Entities merge on it.
 *   gazetteer a static hash table generated from data packages
 *             (gazetteer_data.h): word classes and place names.
 *   map       a string -> uint32 hash table with its own key buffer, used
 *             for per-document word evidence and the folder's entities.
 *   tokens    the tokenizer's output: words with shape flags, and the
 *             punctuation between them.
 */
#ifndef DSR_NAMES_INT_H
#define DSR_NAMES_INT_H

#include <stddef.h>
#include <stdint.h>
#include "entities.h"

/* ---- keys (names_key.c) --------------------------------------------- */

#define DSR_KEY_MAX 256

/* Decode one UTF-8 code point at s[i] (i < n); *len gets its byte length
 * (1 for an invalid byte, whose value is then returned as 0xFFFD). */
uint32_t dsr_utf8_get(const char *s, size_t n, size_t i, size_t *len);
/* Compact key: dsr_name_key without the spaces. */
size_t dsr_name_ckey(const char *s, size_t len, char *out, size_t cap);
int dsr_cp_is_upper(uint32_t c);
int dsr_cp_is_letter(uint32_t c);
uint64_t dsr_hash64(const char *s, size_t n);
/* The same hash of s[0..n) when the bytes up to the next multiple of 8 are
 * readable and zero (the lexer's key buffer): no byte loop for the tail. */
uint64_t dsr_hash64_padded(const char *s, size_t n);

/* ---- gazetteer (gazetteer.c) ---------------------------------------- */

typedef struct {
    const char *key, *name;
    uint32_t flags;
    int32_t canon;              /* entry index of the canonical name, or -1 */
} dsr_gaz_entry;

#include "gazetteer_data.h"

#define DSR_G_PLACES (DSR_G_COUNTRY | DSR_G_SUBDIV | DSR_G_CITY | DSR_G_REGION | DSR_G_PLACE)

/* Entry for a lookup key (as made by dsr_name_key), or NULL. */
const dsr_gaz_entry *dsr_gaz_find(const char *key, size_t n);
/* The same with the key's hash already made (dsr_gaz_hash, or the
 * 32-bit FNV-1a the lexer folds in while it copies a word). */
uint32_t dsr_gaz_hash(const char *key, size_t n);
const dsr_gaz_entry *dsr_gaz_find_h(const char *key, size_t n, uint32_t hash);
#define DSR_FNV32_INIT 2166136261u
#define DSR_FNV32_STEP(h, ch) (((h) ^ (unsigned char)(ch)) * 16777619u)
/* Entry number i (0 <= i < DSR_GAZ_N), and the number of an entry. */
const dsr_gaz_entry *dsr_gaz_at(int32_t i);
int32_t dsr_gaz_index(const dsr_gaz_entry *e);
/* Flags of a key, 0 when unknown. */
uint32_t dsr_gaz_flags(const char *key, size_t n);
/* The canonical entry of an alias or demonym entry (itself otherwise). */
const dsr_gaz_entry *dsr_gaz_canon(const dsr_gaz_entry *e);

/* ---- string map (names_map.c) --------------------------------------- */

struct dsr_map_ent { uint64_t h; uint32_t key, klen, val; };
typedef struct {
    uint32_t *slots;            /* entry index + 1; 0 = empty */
    size_t mask;
    DSR_VEC(struct dsr_map_ent) ents;
    DSR_VEC(char) keys;
} dsr_map;

/* Value of key, or UINT32_MAX. */
uint32_t dsr_map_get(const dsr_map *m, const char *k, size_t n);
/* Pointer to the value of key, inserting it with value `init` when absent;
 * NULL on out-of-memory. */
uint32_t *dsr_map_put(dsr_map *m, const char *k, size_t n, uint32_t init);
void dsr_map_free(dsr_map *m);

/* ---- tokens (names_lex.c) ------------------------------------------- */

enum {
    DSR_T_WORD = 1 << 0,        /* a word (else one punctuation char) */
    DSR_T_CAP = 1 << 1,         /* first letter upper case */
    DSR_T_ALLCAP = 1 << 2,      /* two or more letters, all upper case */
    DSR_T_MIXED = 1 << 3,       /* lower-case start, an upper case later: iPhone */
    DSR_T_DIGIT = 1 << 4,       /* holds a digit */
    DSR_T_ALPHA = 1 << 5,       /* holds a letter */
    DSR_T_INITIAL = 1 << 6,     /* "B." */
    DSR_T_DOTS = 1 << 7,        /* "U.S.", "N.V." */
    DSR_T_POSS = 1 << 8,        /* followed by 's or ' (not in the span) */
    DSR_T_SENT = 1 << 9,        /* first word of a sentence, line or quote */
    DSR_T_NL = 1 << 10,         /* a line break (or more) before this token */
    DSR_T_PARA = 1 << 11,       /* a blank line before this token */
    DSR_T_HYPH = 1 << 12,       /* holds an inner hyphen */
    DSR_T_ABBR = 1 << 13,       /* ends with an absorbed period: "Mr.", "Inc." */
    DSR_T_SPACE = 1 << 14,      /* white space before this token */
    DSR_T_HEAD = 1 << 15,       /* in a title-case headline line */
    DSR_T_WRAP = 1 << 16        /* the line break before this token only wraps
                                   a paragraph: a space for name finding */
};

/* A line break that is a boundary: a blank line, a heading, a list item,
 * a short line (title, byline, address) -- any break but a wrap. */
#define DSR_T_HARDNL(f) (((f) & DSR_T_NL) && !((f) & DSR_T_WRAP))

typedef struct {
    uint32_t start, end;        /* the word, or the punctuation char(s) */
    uint32_t flags;             /* DSR_T_* */
    uint32_t gflags;            /* gazetteer flags of the word's key */
    uint64_t kh;                /* dsr_hash64 of the word's key (0 for punctuation):
                                   made once here, so later passes never fold again */
    char punct;                 /* punctuation class: , . ; : ( ) " ' - ! ? & / or 0 */
} dsr_tok;
typedef DSR_VEC(dsr_tok) dsr_toks;

int dsr_tokenize(const char *s, size_t begin, size_t end, dsr_toks *out);
/* Key of a word token into out (cap DSR_KEY_MAX); returns its length. */
size_t dsr_tok_key(const char *s, const dsr_tok *t, char *out);

/* ---- descriptions (names_desc.c) ------------------------------------ */

typedef struct {
    uint32_t start, end;        /* description span in the text */
    float score;
    int8_t type;                /* a type the description implies, or -1 */
} dsr_desc;

/* The descriptions around the name tokens [a, b) of toks: d[0] the best,
 * d[1] the runner-up (score 0 when absent).  Returns how many were found. */
int dsr_desc_find(const char *s, const dsr_tok *toks, size_t ntok, size_t a, size_t b,
                  dsr_desc d[2]);

#endif
