/*
 * timex_words.h -- token-level readers of the time vocabulary
 * (timex_words.c).  Each returns the number of tokens it read, 0 if none.
 */
#ifndef DSR_TIMEX_WORDS_H
#define DSR_TIMEX_WORDS_H

#include <string.h>
#include "timex_int.h"

/* Time units, in the order of the word lists. */
enum { U_NONE, U_YEAR, U_MONTH, U_WEEK, U_DAY, U_HOUR, U_MIN, U_SEC, U_DECADE, U_CENT, U_QUARTER,
       U_WEEKEND, U_FORTNIGHT, U_MILLENNIUM };

/* Is token i the word w (lower case, a string literal)?  A macro, so
 * that the length is a constant and the test a few instructions: the
 * rules make it tens of millions of times on a large folder.  ("" w)
 * refuses anything but a literal at compile time. */
#define tw_is(c, i, w) tw_is_n((c), (i), ("" w), sizeof("" w) - 1)

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int tw_is_n(const tx_ctx *c, size_t i, const char *w, size_t n)
{
    const tx_tok *k;
    if (i >= c->n || n > TX_WMAX) return 0;
    k = &c->t[i];
    return k->len == n && k->w[0] == w[0] && k->kind == TK_WORD && memcmp(k->w, w, n) == 0;
}

extern const char *const *const tw_lists[TL_N];

/* The place (index + 1) of token i's word in list l, or 0. */
static inline int tw_in(const tx_ctx *c, size_t i, int l)
{
    return i < c->n && c->t[i].vid ? tx_vocab_index(c->t[i].vid, l) : 0;
}

int tw_punct(const tx_ctx *c, size_t i, char ch);
int tw_dash(const tx_ctx *c, size_t i);
int tw_month(const tx_ctx *c, size_t i, int *mon);
int tw_weekday(const tx_ctx *c, size_t i, int *wd);
int tw_weekdays(const tx_ctx *c, size_t i, int *wd);
int tw_number(const tx_ctx *c, size_t i, int *v, int *vague);   /* vague: 1 few/several, 2 couple */
int tw_ordinal(const tx_ctx *c, size_t i, int *v);
int tw_unit(const tx_ctx *c, size_t i, int *u, int *plural);
int tw_season(const tx_ctx *c, size_t i, const char **code);
int tw_daypart(const tx_ctx *c, size_t i, const char **code);

#endif
