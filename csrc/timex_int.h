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

typedef struct {
    uint32_t start, end;    /* byte span */
    uint8_t kind;           /* TK_* */
    uint8_t cap;            /* word starts with an upper-case letter */
    uint8_t sp;             /* white space before it */
    uint8_t nl;             /* line breaks before it (capped at 2) */
    uint8_t len;            /* length in bytes, capped at 255 */
    uint8_t ndig;           /* digits of a number */
    uint8_t trig;           /* can begin an expression (timex.c) */
    char w[14];             /* lower-cased (first 13 bytes), NUL-terminated */
    int32_t num;            /* value of a number (first 9 digits) */
} tx_tok;

typedef DSR_VEC(tx_tok) tx_toks;

/* Cut s[from, to) into tokens. */
int tx_lex(const char *s, size_t from, size_t to, tx_toks *out);

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
