/*
 * timex_rules.h -- what the rule files share (timex_resolve.c,
 * timex_dates.c, timex_relative.c, timex_clock.c, timex_match.c).
 *
 * The recogniser's rules look at the tokens from position i, and when
 * they see their pattern fill a tx_match (token range, TIMEX3 type, value,
 * mod) and return the number of tokens used, 0 otherwise.  Values are
 * computed as the rule matches, against the document date (c->dct), the
 * last date the text itself gave (c->anchor: "that month", "a day later")
 * and the tense of the sentence.  TimeBank conventions throughout: a
 * determiner that belongs to the expression is part of it ("the third
 * quarter", "a year ago"), one that belongs to a plain date is not ("the
 * Feb. 9 talks", "the 1992 pact").
 */
#ifndef DSR_TIMEX_RULES_H
#define DSR_TIMEX_RULES_H

#include "timex_words.h"

#define T(i) (c->t[i])
#define IS(i, w) tw_is(c, (i), w)

/* TimeML unit letters, indexed by U_* */
extern const char tr_unit_code[];

/* timex_resolve.c */
int tr_is_num(const tx_ctx *c, size_t i, int ndig_max);
int tr_is_year_tok(const tx_ctx *c, size_t i);
int tr_fin(tx_match *m, size_t i, size_t j, int type, const char *value);
int tr_fin_date(tx_match *m, size_t i, size_t j, int y, int mo, int d);
int tr_have_dct(const tx_ctx *c);
tx_date tr_dct_full(const tx_ctx *c);
int tr_quarter_of(int m);
int tr_cue(const tx_ctx *c, size_t i);
int tr_year_for(const tx_ctx *c, size_t i, int mon, int day);
tx_date tr_weekday_date(const tx_ctx *c, size_t i, int wd, int rel);
void tr_week_value(char *v, size_t n, tx_date d, const char *suffix);

/* the rules */
int tr_monthdate(tx_ctx *c, size_t i, tx_match *m);    /* timex_dates.c */
int tr_numeric(tx_ctx *c, size_t i, tx_match *m);
int tr_year(tx_ctx *c, size_t i, tx_match *m);
int tr_quarter(tx_ctx *c, size_t i, tx_match *m);
int tr_deictic(tx_ctx *c, size_t i, tx_match *m);      /* timex_relative.c */
int tr_word(tx_ctx *c, size_t i, tx_match *m);
int tr_duration(tx_ctx *c, size_t i, tx_match *m);
int tr_set(tx_ctx *c, size_t i, tx_match *m);
int tr_day_word(const tx_ctx *c, size_t k, tx_date *d);
int tr_time(tx_ctx *c, size_t i, tx_match *m);         /* timex_clock.c */
int tr_weekday(tx_ctx *c, size_t i, tx_match *m);
int tr_season(tx_ctx *c, size_t i, tx_match *m);
int tr_holiday(tx_ctx *c, size_t i, tx_match *m);

/* timex_match.c: does token k end a sentence? */
int tr_boundary(const tx_ctx *c, size_t k);

#endif
