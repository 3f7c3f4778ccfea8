/*
 * timex_int.h -- what the parts of the time expression recogniser share.
 *
 * The recogniser works on tokens, not bytes: timex_lex.c cuts the body
 * into words, numbers and single punctuation marks, each with its byte
 * span, a lower-cased prefix for matching and the white space before it.
 * The rules (timex_rules.h) try their patterns at each token, the longest
 * match wins, and compute the TimeML value at once with the calendar
 * helpers of timex_cal.c and a context that knows the document date, the
 * last explicit date seen (for "that month") and the tense of the sentence.
 */
#ifndef DSR_TIMEX_INT_H
#define DSR_TIMEX_INT_H

#include <stdint.h>
#include "text.h"

enum { TK_WORD, TK_NUM, TK_PUNCT };

#define TX_WMAX 13          /* bytes of a token kept in tx_tok.w */

/* Token flags from the time vocabulary. */
enum {
    TX_TRIG = 1,            /* can begin an expression: a number, a time word */
    TX_LEAD = 2,            /* only leads into one: "the", "about" */
    TX_AFTERNUM = 4         /* makes a number before it a time: "May", "years", "p" of "p.m." */
};

typedef struct {
    uint32_t start, end;    /* byte span */
    uint8_t kind;           /* TK_* */
    uint8_t cap;            /* word starts with an upper-case letter */
    uint8_t sp;             /* white space before it */
    uint8_t nl;             /* line breaks before it (capped at 2) */
    uint8_t len;            /* length in bytes, capped at 255 */
    uint8_t ndig;           /* digits of a number */
    uint8_t trig;           /* TX_* flags of the word (timex_lex.c) */
    uint16_t vid;           /* vocabulary slot + 1 of a word of the time vocabulary, else 0 */
    char w[16];             /* lower-cased first TX_WMAX bytes, zero-padded to 16 */
    int32_t num;            /* value of a number (first 9 digits) */
} tx_tok;

typedef DSR_VEC(tx_tok) tx_toks;

/* Cut s[from, to) into tokens. */
int tx_lex(const char *s, size_t from, size_t to, tx_toks *out);

/* The word lists (timex_words.c), by number. */
enum {
    TL_MONTH_FULL,
    TL_MONTH_ABBR,
    TL_WDAY,
    TL_WDAYS,
    TL_ONES,
    TL_TENS,
    TL_ORDS,
    TL_UNIT_SG,
    TL_UNIT_PL,
    TL_SEASONS,
    TL_DAYPARTS,
    TL_ZONES,
    TL_MAY_BEFORE,
    TL_MAY_VERBS,
    TL_NOT_AFTER_YEAR,
    TL_YEAR_PREP,
    TL_DECADES,
    TL_TENSE_FUT,
    TL_TENSE_PAST,
    TL_SET_ADV,
    TL_N
};
/* The vocabulary (timex_lex.c): for a token's vid, the place (index + 1)
 * of its word in each list, 0 where it is not in the list. */
#define TX_NVOCAB 2048
extern uint8_t tx_vocab_lists[TX_NVOCAB][TL_N];
#define tx_vocab_index(vid, l) (tx_vocab_lists[(vid) - 1][(l)])

/* ---- calendar (timex_cal.c) ---- */
typedef struct { int y, m, d; } tx_date;          /* 0 = unknown part */

int tx_days_in_month(int y, int m);
int tx_weekday(int y, int m, int d);               /* 1 = Monday .. 7 = Sunday */
void tx_add_days(tx_date *dt, long n);
void tx_add_months(tx_date *dt, int n);
int tx_iso_week(int y, int m, int d, int *wyear);
int tx_parse_date(const char *s, tx_date *dt);     /* "YYYY[-MM[-DD]]" */
void tx_fmt_date(char *out, size_t n, const tx_date *dt);

/* ---- running the rules (timex_match.c) ---- */
typedef struct {
    const char *s;          /* the file */
    const tx_tok *t;
    size_t n;
    tx_date dct;            /* y == 0 when unknown */
    int dmy;
    tx_date anchor;         /* the last explicit date in the text */
    char anchor_q[8];       /* "1989-Q3" when that date was a quarter */
    size_t anchor_tok;      /* the token after it */
    int ofmod;              /* inside "the end of ...": "the year" is a date */
} tx_ctx;

typedef struct {
    uint32_t i, j;          /* token range [i, j) */
    uint8_t type;
    uint8_t relative;       /* computed from an earlier date: not an anchor itself */
    char value[24];
    char mod[16];
    char end_value[24];
} tx_match;

/* The longest expression starting at token i; its token count or 0. */
int tx_match_at(tx_ctx *c, size_t i, tx_match *m);

/* Are tokens a < b in one sentence (and near)? */
int tx_same_sentence(const tx_ctx *c, size_t a, size_t b);

/* Tense of the sentence around token i: +1 future, -1 past, 0 unknown. */
int tx_tense(const tx_ctx *c, size_t i);

#endif
