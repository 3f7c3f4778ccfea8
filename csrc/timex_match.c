/*
 * timex_match.c -- running the rules: the longest match at a token, with
 * and without a leading modifier ("early", "about", "the end of"), and
 * the tense of a sentence (the nearest marker word either side).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_rules.h"

/* ---- modifiers -------------------------------------------------------- */

static int modifier(const tx_ctx *c, size_t i, const char **mod)
{
    if (IS(i, "early") || IS(i, "earlier")) {
        *mod = "START";
        return IS(i, "earlier") && (IS(i + 1, "this") || IS(i + 1, "that") || IS(i + 1, "in")) ? 1 + IS(i + 1, "in") :
               IS(i, "early") ? 1 + (tw_dash(c, i + 1) && !T(i + 1).sp) : 0;
    }
    if (IS(i, "late") || IS(i, "later")) {
        *mod = "END";
        return IS(i, "later") && (IS(i + 1, "this") || IS(i + 1, "that") || IS(i + 1, "in")) ? 1 + IS(i + 1, "in") :
               IS(i, "late") ? 1 + (tw_dash(c, i + 1) && !T(i + 1).sp) : 0;
    }
    if (IS(i, "mid")) { *mod = "MID"; return 1 + (tw_dash(c, i + 1) && !T(i + 1).sp); }
    if (IS(i, "the") && (IS(i + 1, "end") || IS(i + 1, "beginning") || IS(i + 1, "start") || IS(i + 1, "middle") ||
                         IS(i + 1, "turn")) && IS(i + 2, "of")) {
        *mod = IS(i + 1, "end") ? "END" : IS(i + 1, "middle") ? "MID" : "START";
        return 3;
    }
    if (IS(i, "about") || IS(i, "around") || IS(i, "approximately") || IS(i, "roughly") || IS(i, "some") ||
        IS(i, "nearly") || IS(i, "almost") || IS(i, "circa")) {
        *mod = IS(i, "almost") ? "LESS_THAN" : "APPROX";
        return 1;
    }
    if ((IS(i, "more") || IS(i, "less") || IS(i, "fewer")) && IS(i + 1, "than")) {
        *mod = IS(i, "more") ? "MORE_THAN" : "LESS_THAN";
        return 2;
    }
    if (IS(i, "at") && (IS(i + 1, "least") || IS(i + 1, "most"))) {
        *mod = IS(i + 1, "least") ? "EQUAL_OR_MORE" : "EQUAL_OR_LESS";
        return 2;
    }
    if (IS(i, "no") && IS(i + 1, "more") && IS(i + 2, "than")) { *mod = "EQUAL_OR_LESS"; return 3; }
    if (IS(i, "up") && IS(i + 1, "to")) { *mod = "EQUAL_OR_LESS"; return 2; }
    if (IS(i, "over") || IS(i, "under")) { *mod = IS(i, "over") ? "MORE_THAN" : "LESS_THAN"; return 1; }
    return 0;
}

/* ---- the driver -------------------------------------------------------- */

typedef int (*rule_fn)(tx_ctx *, size_t, tx_match *);
static const rule_fn rules[] = { tr_monthdate, tr_numeric, tr_year, tr_quarter, tr_deictic, tr_word,
                                 tr_duration, tr_set, tr_time, tr_weekday, tr_season, tr_holiday, NULL };
/* A number can only begin a date, a year, a duration or a time. */
static const rule_fn num_rules[] = { tr_monthdate, tr_numeric, tr_year, tr_quarter, tr_duration, tr_time, NULL };

/* Can the number at i begin an expression?  A year can; any other number
 * only with a month, a unit, "a.m." or a zone, or a separator (':', '/',
 * '-', a dash; '.' in day.month.year) within the next four tokens
 * ("5 May", "2,000 more years", "10:35", "02/09/2010"): most numbers of
 * a text are neither, and the rules need not look at them. */
static int num_may_start(const tx_ctx *c, size_t i)
{
    size_t k, e = i + 5 < c->n ? i + 5 : c->n;
    if (T(i).ndig == 4 && T(i).num >= 1000 && T(i).num <= 2099) return 1;
    for (k = i + 1; k < e; k++) {
        const tx_tok *t = &T(k);
        if (t->trig & TX_AFTERNUM) return 1;
        if (t->kind == TK_PUNCT && (t->w[0] == ':' || t->w[0] == '/' || t->w[0] == '-' || t->len == 3 ||
                                    (t->w[0] == '.' && c->dmy)))
            return 1;
    }
    return 0;
}

static int best_at(tx_ctx *c, size_t i, tx_match *m)
{
    const rule_fn *rs = i < c->n && T(i).kind == TK_NUM ? num_rules : rules;
    size_t r;
    int best = 0;
    if (rs == num_rules && !num_may_start(c, i)) return 0;
    for (r = 0; rs[r]; r++) {
        tx_match t;
        int k;
        memset(&t, 0, sizeof t);
        k = rs[r](c, i, &t);
        if (k > best) {
            best = k;
            *m = t;
        }
    }
    return best;
}

int tx_match_at(tx_ctx *c, size_t i, tx_match *m)
{
    const char *mod = NULL;
    int best, k, n;
    tx_match t;
    memset(m, 0, sizeof *m);
    best = best_at(c, i, m);
    if ((n = modifier(c, i, &mod)) && i + (size_t)n < c->n) {
        memset(&t, 0, sizeof t);
        c->ofmod = mod[0] == 'S' || mod[0] == 'E' || mod[0] == 'M';
        k = best_at(c, i + (size_t)n, &t);
        c->ofmod = 0;
        if (k && n + k > best) {
            int is_dur = t.type == DSR_TX_DURATION;
            int approx = mod[0] == 'A' || mod[0] == 'L' || mod[1] == 'O' || mod[0] == 'E' || mod[1] == 'Q';
            /* "over"/"under" only qualify amounts of time; "over the weekend" is a preposition */
            if ((IS(i, "over") || IS(i, "under") || IS(i, "some") || IS(i, "up")) && !is_dur) return best;
            if ((IS(i, "over") || IS(i, "under")) && T(i + 1).kind != TK_NUM && !IS(i + 1, "a") && !IS(i + 1, "an"))
                return best;
            if (!approx || is_dur || t.type == DSR_TX_DATE || t.type == DSR_TX_TIME) {
                *m = t;
                m->i = (uint32_t)i;
                snprintf(m->mod, sizeof m->mod, "%s", mod);
                best = n + k;
            }
        }
    }
    return best;
}

/* ---- tense -------------------------------------------------------------- */

int tr_boundary(const tx_ctx *c, size_t k)
{
    const tx_tok *t = &c->t[k];
    if (t->nl >= 2) return 1;
    if (t->kind != TK_PUNCT) return 0;
    if (t->w[0] == '!' || t->w[0] == '?' || t->w[0] == ';') return 1;
    if (t->w[0] != '.') return 0;
    /* "Feb. 9", "U.S. officials": an abbreviation's dot goes on */
    if (k > 0 && c->t[k - 1].kind == TK_WORD && c->t[k - 1].cap && c->t[k - 1].len <= 4) return 0;
    /* a line break inside a wrapped paragraph does not end the sentence
     * ("from 8 a.m.\non Tuesday"): the next word decides */
    return k + 1 >= c->n || c->t[k + 1].cap || c->t[k + 1].nl >= 2 || c->t[k + 1].kind != TK_WORD;
}

/* Tense markers.  Strong ones are auxiliaries and verbs whose form says
 * the time ("will", "would", "was", "said", "plans to"); weak ones are
 * words that only look like a past participle ("closed", "affected"),
 * which are as often adjectives.  2 strong future, 1 weak future, -1
 * weak past, -2 strong past, 0 none. */
static int marker(const tx_ctx *c, size_t k)
{
    const tx_tok *t = &c->t[k];
    if (t->kind != TK_WORD) return 0;
    if (tw_in(c, k, TL_TENSE_FUT)) {
        /* "plans to" looks ahead; "the plan" is a noun */
        if ((IS(k, "plan") || IS(k, "plans")) && !IS(k + 1, "to")) return 0;
        /* "would have gone" is a past that did not happen */
        if (IS(k, "would") && (IS(k + 1, "have") || (IS(k + 1, "not") && IS(k + 2, "have")))) return -2;
        return 2;
    }
    if (tw_in(c, k, TL_TENSE_PAST)) return -2;
    /* "the minister is to visit", "talks are to resume" */
    if ((IS(k, "is") || IS(k, "are")) && IS(k + 1, "to") && k + 2 < c->n && c->t[k + 2].kind == TK_WORD &&
        !c->t[k + 2].cap && !IS(k + 2, "the") && !IS(k + 2, "a") && !IS(k + 2, "be"))
        return 2;
    /* a past participle or past tense, but not "succeed", "need", "exceed" */
    if (t->len >= 5 && t->len <= TX_WMAX && t->w[t->len - 2] == 'e' && t->w[t->len - 1] == 'd' &&
        t->w[t->len - 3] != 'e' && !t->cap) {
        /* a passive after "be" ("will be named") says nothing of the tense */
        if (k > 0 && (IS(k - 1, "be") || IS(k - 1, "been") || IS(k - 1, "being"))) return 0;
        return -1;
    }
    return 0;
}

int tx_same_sentence(const tx_ctx *c, size_t a, size_t b)
{
    size_t k;
    if (a > b || b - a > 60) return 0;
    for (k = a + 1; k <= b && k < c->n; k++)
        if (tr_boundary(c, k) || c->t[k].nl >= 2) return 0;
    return 1;
}

/* The nearest strong tense marker within the sentence, looking both
 * ways; failing one, the nearest weak one.  A weak one right next to the
 * expression is as good as a strong one ("closed Wednesday", "on Friday
 * tried"). */
int tx_tense(const tx_ctx *c, size_t i)
{
    int left = 1, right = 1, r, weak = 0;
    size_t d;
    for (d = 1; d <= 30 && (left || right); d++) {
        if (left) {
            if (d > i || tr_boundary(c, i - d) || c->t[i - d + 1].nl >= 2) left = 0;
            else if ((r = marker(c, i - d))) {
                if (r == 2 || r == -2 || d <= 2) return r > 0 ? 1 : -1;
                if (!weak) weak = r;
            }
        }
        if (right) {
            if (i + d >= c->n || tr_boundary(c, i + d)) right = 0;
            else if ((r = marker(c, i + d))) {
                if (r == 2 || r == -2 || d <= 2) return r > 0 ? 1 : -1;
                if (!weak) weak = r;
            }
        }
    }
    return weak;
}
