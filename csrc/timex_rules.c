/*
 * timex_rules.c -- the patterns of time expressions and their values.
 *
 * Each rule r_* looks at the tokens from position i, and when it sees its
 * pattern fills a tx_match (token range, TIMEX3 type, value, mod) and
 * returns the number of tokens used.  tx_match_at runs every rule, with
 * and without a leading modifier ("early", "about", "the end of"), and
 * keeps the longest match: so "Feb. 9, 2010" beats "Feb. 9", and
 * "two weeks ago" beats "two weeks".
 *
 * Values are computed as the rule matches, against the document date
 * (c->dct), the last date the text itself gave (c->anchor: "that month",
 * "a day later") and the tense of the sentence (weekdays and months
 * without a year: "Friday" is the past Friday unless the sentence speaks
 * of the future).  TimeBank conventions: a determiner that belongs to the
 * expression is part of it ("the third quarter", "a year ago"), one that
 * belongs to a plain date is not ("the Feb. 9 talks").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_words.h"

#define T(i) (c->t[i])
#define IS(i, w) tw_is(c, (i), (w))

static const char unit_code[] = { 0, 'Y', 'M', 'W', 'D', 'H', 'M', 'S', 'Y', 'Y', 'Q', 'D', 'W', 'L' };

static int is_num(const tx_ctx *c, size_t i, int ndig_max)
{
    return i < c->n && T(i).kind == TK_NUM && T(i).ndig <= ndig_max;
}

static int is_year_tok(const tx_ctx *c, size_t i)
{
    return i < c->n && T(i).kind == TK_NUM && T(i).ndig == 4 && T(i).num >= 1000 && T(i).num <= 2099;
}

static int fin(tx_match *m, size_t i, size_t j, int type, const char *value)
{
    size_t n = strlen(value);
    m->i = (uint32_t)i;
    m->j = (uint32_t)j;
    m->type = (uint8_t)type;
    if (n >= sizeof m->value) n = sizeof m->value - 1;
    memcpy(m->value, value, n);
    m->value[n] = '\0';
    return (int)(j - i);
}

static int fin_date(tx_match *m, size_t i, size_t j, int y, int mo, int d)
{
    tx_date dt;
    char v[24];
    dt.y = y;
    dt.m = mo;
    dt.d = d;
    tx_fmt_date(v, sizeof v, &dt);
    if (y <= 0 && mo) {
        if (d) snprintf(v, sizeof v, "XXXX-%02d-%02d", mo, d);
        else snprintf(v, sizeof v, "XXXX-%02d", mo);
    }
    return fin(m, i, j, DSR_TX_DATE, v);
}

static int have_dct(const tx_ctx *c) { return c->dct.y > 0; }

/* The document date, with month and day filled in as best we can. */
static tx_date dct_full(const tx_ctx *c)
{
    tx_date d = c->dct;
    if (!d.m) d.m = 6;
    if (!d.d) d.d = 15;
    return d;
}

static int quarter_of(int m) { return (m - 1) / 3 + 1; }

/* ---- resolving partial dates ---------------------------------------- */

/* The year of a month (and day) named without one. */
static int year_for(const tx_ctx *c, size_t i, int mon, int day)
{
    int y = c->dct.y, diff, tense;
    if (!have_dct(c)) return 0;
    if (!c->dct.m) return y;
    diff = (mon - c->dct.m) * 31 + (day && c->dct.d ? day - c->dct.d : 0);
    tense = tx_tense(c, i);
    /* "since December" looks back, "until March" ahead, whatever the verb */
    if (i > 0 && IS(i - 1, "since")) tense = -1;
    else if (i > 0 && (IS(i - 1, "until") || IS(i - 1, "till"))) tense = 1;
    if (tense > 0 && diff < -2 * 31) return y + 1;
    if (tense < 0 && diff > 2 * 31) return y - 1;
    if (tense == 0 && diff > 6 * 31) return y - 1;
    return y;
}

/* A weekday: rel -1 "last", +1 "next", 0 by the tense of the sentence. */
static tx_date weekday_date(const tx_ctx *c, size_t i, int wd, int rel)
{
    tx_date d = dct_full(c);
    int cur = tx_weekday(d.y, d.m, d.d), delta;
    if (rel == 0) rel = tx_tense(c, i) > 0 ? 2 : -2;
    if (rel > 0) {
        delta = (wd - cur + 7) % 7;
        if (rel == 1 && delta == 0) delta = 7;
    } else {
        delta = -((cur - wd + 7) % 7);
        if (rel == -1 && delta == 0) delta = -7;
    }
    tx_add_days(&d, delta);
    return d;
}

static void week_value(char *v, size_t n, tx_date d, const char *suffix)
{
    int wy, w = tx_iso_week(d.y, d.m, d.d, &wy);
    snprintf(v, n, "%04d-W%02d%s", wy, w, suffix);
}

static int r_year(tx_ctx *c, size_t i, tx_match *m);

/* ---- plain dates: "Feb. 9", "9 February 2010", "September 2005" ------- */

static int month_alone_ok(const tx_ctx *c, size_t i, int mon)
{
    static const char *const before[] = { "in", "since", "until", "till", "by", "early", "late", "mid", "last",
                                          "next", "this", "of", "during", "from", "through", "before",
                                          "after", "that", "each", "every", "to", "between", "and", "or",
                                          "end", "beginning", "start", "middle", "for", "on", "around", NULL };
    static const char *const verbs[] = { "be", "have", "not", "also", "well", "still", "never", "even", "already",
                                         "need", "want", "take", "make", "go", "come", "get", "face", "become",
                                         "seem", "lose", "win", "help", "want", "soon", NULL };
    if (mon != 5) return 1;
    /* "May" the modal verb: only after a preposition or a time word */
    return i > 0 && tw_any(c, i - 1, before) && !tw_any(c, i + 1, verbs);
}

/* A year after a month/day: ", 2010", " 2010", " '09". */
static int year_after(const tx_ctx *c, size_t k, int *y)
{
    if (tw_punct(c, k, ',') && is_year_tok(c, k + 1)) { *y = T(k + 1).num; return 2; }
    if (is_year_tok(c, k) && T(k).sp) { *y = T(k).num; return 1; }
    if ((tw_punct(c, k, '\'') || (k < c->n && T(k).len == 3 && (unsigned char)T(k).w[2] == 0x99)) &&
        is_num(c, k + 1, 2) && T(k + 1).ndig == 2 && !T(k + 1).sp) {
        int v = T(k + 1).num;
        *y = v < 30 ? 2000 + v : 1900 + v;
        return 2;
    }
    return 0;
}

static int day_num(const tx_ctx *c, size_t k, int *d)
{
    int o;
    if (is_num(c, k, 2) && T(k).num >= 1 && T(k).num <= 31) {
        if (tw_ordinal(c, k, &o)) { *d = o; return 2; }
        /* "March 3.5 million": a decimal is not a day */
        if ((tw_punct(c, k + 1, '.') || tw_punct(c, k + 1, ',')) && is_num(c, k + 2, 9) && !T(k + 2).sp)
            return 0;
        /* "June 30 billion", "May 5%" */
        if (tw_punct(c, k + 1, '%') || IS(k + 1, "percent") || IS(k + 1, "million") || IS(k + 1, "billion"))
            return 0;
        *d = T(k).num;
        return 1;
    }
    return 0;
}

static int r_monthdate(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i, k0;
    int wd = 0, mon = 0, day = 0, y = 0, n, d2 = 0;
    tx_match yw;
    if ((n = tw_weekday(c, k, &wd))) {
        k += n;
        if (tw_punct(c, k, ',')) k++;
    }
    k0 = k;
    if ((n = tw_month(c, k, &mon))) {
        k += n;
        if ((n = day_num(c, k, &day))) {
            k += n;
            if (tw_dash(c, k) && day_num(c, k + 1, &d2) && d2 > day && !T(k + 1).sp) {
                /* "Feb. 9-12": the span stays on the first day */
                size_t kk = k + 2;
                int yy = 0;
                if ((n = year_after(c, kk, &yy))) y = yy;
            } else {
                d2 = 0;
            }
            if (!d2 && (n = year_after(c, k, &y))) k += n;
        } else if ((n = year_after(c, k, &y))) {
            k += n;
        } else if (IS(k, "of") && is_year_tok(c, k + 1)) {
            y = T(k + 1).num;
            k += 2;
        } else if ((IS(k, "last") || IS(k, "this") || IS(k, "next")) && IS(k + 1, "year") && have_dct(c)) {
            y = c->dct.y + (IS(k, "last") ? -1 : IS(k, "next") ? 1 : 0);
            k += 2;
        } else if (IS(k, "nineteen") && r_year(c, k, &yw)) {
            y = atoi(yw.value);
            k = yw.j;
        } else {
            if (!month_alone_ok(c, k0, mon)) return 0;
            if (wd) return 0;
        }
    } else if ((n = day_num(c, k, &day)) && (k += n, tw_month(c, k, &mon))) {
        if (T(k).kind != TK_WORD || c->t[k].len < 3) return 0;
        k += tw_month(c, k, &mon);
        if ((n = year_after(c, k, &y))) k += n;
    } else if (IS(k, "the") && day_num(c, k + 1, &day) && tw_ordinal(c, k + 1, &n) && IS(k + 3, "of") &&
               tw_month(c, k + 4, &mon)) {
        k += 4 + tw_month(c, k + 4, &mon);
        if ((n = year_after(c, k, &y))) k += n;
    } else {
        return 0;
    }
    if (day > tx_days_in_month(y ? y : 2000, mon)) return 0;
    if (!y) y = year_for(c, i, mon, day);
    n = fin_date(m, i, k, y, mon, day);
    if (d2) {
        tx_date e;
        e.y = y;
        e.m = mon;
        e.d = d2;
        tx_fmt_date(m->end_value, sizeof m->end_value, &e);
    }
    return n;
}

/* ---- numeric dates: 2010-02-09, 02/09/2010 ------------------------- */

static int attached(const tx_ctx *c, size_t k) { return k < c->n && !T(k).sp; }

static int r_numeric(tx_ctx *c, size_t i, tx_match *m)
{
    int a, b, y, mo, d;
    if (!is_num(c, i, 4) || i + 4 >= c->n + 0) {
        if (!(i + 4 < c->n + 1)) return 0;
    }
    if (i + 4 >= c->n + 1 || !is_num(c, i, 4)) return 0;
    if (i > 0 && !T(i).sp && T(i - 1).kind != TK_PUNCT) return 0;
    if (!attached(c, i + 1) || !attached(c, i + 2) || !attached(c, i + 3) || !attached(c, i + 4)) return 0;
    if (!is_num(c, i + 2, 2) || !is_num(c, i + 4, 4)) return 0;
    if (i + 5 < c->n && !T(i + 5).sp && (T(i + 5).kind == TK_NUM || T(i + 5).kind == TK_WORD)) return 0;
    if (T(i).ndig == 4 && tw_dash(c, i + 1) && tw_dash(c, i + 3) && T(i + 4).ndig <= 2) {
        y = T(i).num; mo = T(i + 2).num; d = T(i + 4).num;
    } else if (T(i).ndig == 4 && tw_punct(c, i + 1, '/') && tw_punct(c, i + 3, '/') && T(i + 4).ndig <= 2) {
        y = T(i).num; mo = T(i + 2).num; d = T(i + 4).num;
    } else if (T(i).ndig <= 2 && ((tw_punct(c, i + 1, '/') && tw_punct(c, i + 3, '/')) ||
                                  (tw_punct(c, i + 1, '.') && tw_punct(c, i + 3, '.') && c->dmy)) &&
               (T(i + 4).ndig == 2 || T(i + 4).ndig == 4)) {
        a = T(i).num; b = T(i + 2).num; y = T(i + 4).num;
        if (T(i + 4).ndig == 2) y += y < 30 ? 2000 : 1900;
        if (c->dmy) { d = a; mo = b; } else { mo = a; d = b; }
        if (mo > 12 && d <= 12) { int t = mo; mo = d; d = t; }
    } else {
        return 0;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > tx_days_in_month(y, mo)) return 0;
    return fin_date(m, i, i + 5, y, mo, d);
}

/* ---- years, decades, centuries, fiscal years ------------------------ */

static int year_context_ok(const tx_ctx *c, size_t i)
{
    static const char *const not_after[] = { "people", "persons", "troops", "soldiers", "workers",
                                             "employees", "jobs", "shares", "miles", "kilometers",
                                             "kilometres", "metres", "meters", "feet", "tons", "tonnes",
                                             "pounds", "dollars", "euros", "yen", "cars", "units", "votes",
                                             "members", "students", "residents", "refugees", "copies",
                                             "acres", "points", "barrels", "passengers", "seats", "pages",
                                             "words", "flights", "aircraft", "planes", "homes", "houses",
                                             "deaths", "cases", "hours", "minutes", NULL };
    int v = T(i).num;
    if (i > 0) {
        const tx_tok *p = &T(i - 1);
        if (!T(i).sp && (p->kind == TK_WORD || p->kind == TK_NUM || p->w[0] == '$' || p->w[0] == '#' ||
                         p->w[0] == '.' || p->w[0] == ',' || p->w[0] == '/' || p->w[0] == ':'))
            return 0;
        if (p->kind == TK_WORD && (IS(i - 1, "no") || IS(i - 1, "number") || IS(i - 1, "flight") ||
                                   IS(i - 1, "route") || IS(i - 1, "model") || IS(i - 1, "room")))
            return 0;
    }
    if (i + 1 < c->n && !T(i + 1).sp) {
        const tx_tok *q = &T(i + 1);
        if (q->kind == TK_NUM || (q->kind == TK_WORD && !IS(i + 1, "s")) || q->w[0] == '%' ||
            ((q->w[0] == '.' || q->w[0] == ',' || q->w[0] == ':' || q->w[0] == '/') && i + 2 < c->n &&
             T(i + 2).kind == TK_NUM && !T(i + 2).sp))
            return 0;
    }
    if (tw_any(c, i + 1, not_after) || IS(i + 1, "percent") || IS(i + 1, "per")) return 0;
    /* "the 2000 delegates", "about 1500 soldiers": a count of a plural noun */
    if (i > 0 && i + 1 < c->n && (IS(i - 1, "the") || IS(i - 1, "about") || IS(i - 1, "some") || IS(i - 1, "than") ||
                                  IS(i - 1, "nearly") || IS(i - 1, "almost") || IS(i - 1, "over") ||
                                  IS(i - 1, "those") || IS(i - 1, "these") || IS(i - 1, "and"))) {
        const tx_tok *q = &T(i + 1);
        if (q->kind == TK_WORD && !q->cap && q->len > 3 && q->len < sizeof q->w && q->w[q->len - 1] == 's' &&
            q->w[q->len - 2] != 's' && q->w[q->len - 2] != 'u' && q->w[q->len - 2] != 'i')
            return 0;
    }
    if (v < 1800) {
        static const char *const prep[] = { "in", "since", "of", "by", "until", "from", "to", "before",
                                             "after", "around", "early", "late", "mid", "year", "circa",
                                             "between", "and", NULL };
        if (!(i > 0 && tw_any(c, i - 1, prep))) return 0;
    }
    return 1;
}

static int r_year(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int the = 0, y, y2, n;
    char v[24];
    if (IS(k, "the")) { the = 1; k++; }
    if (IS(k, "year") && the && is_year_tok(c, k + 1)) {
        return fin_date(m, i, k + 2, T(k + 1).num, 0, 0);
    }
    /* "'80s" */
    if (k + 2 < c->n && (tw_punct(c, k, '\'') || (T(k).len == 3 && (unsigned char)T(k).w[2] == 0x99)) &&
        is_num(c, k + 1, 2) && T(k + 1).ndig == 2 && T(k + 1).num % 10 == 0 && IS(k + 2, "s") &&
        !T(k + 1).sp && !T(k + 2).sp) {
        snprintf(v, sizeof v, "19%d", T(k + 1).num / 10);
        return fin(m, i, k + 3, DSR_TX_DATE, v);
    }
    /* "nineteen ninety-six", "the year two thousand" */
    if (IS(k, "nineteen") || IS(k, "eighteen")) {
        int base = IS(k, "nineteen") ? 1900 : 1800, t, vague;
        if ((n = tw_number(c, k + 1, &t, &vague)) && !vague && t >= 10 && t < 100 && T(k + 1).kind == TK_WORD &&
            !IS(k + 1, "a") && !IS(k + 1, "an"))
            return fin_date(m, i, k + 1 + n, base + t, 0, 0);
        return 0;
    }
    if (the && (IS(k, "nineties") || IS(k, "eighties") || IS(k, "seventies") || IS(k, "sixties") ||
                IS(k, "fifties") || IS(k, "forties") || IS(k, "thirties") || IS(k, "twenties"))) {
        static const char *const dec[] = { "twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                                           "eighties", "nineties", NULL };
        snprintf(v, sizeof v, "19%d", tw_any(c, k, dec) + 1);
        return fin(m, i, k + 1, DSR_TX_DATE, v);
    }
    /* "the 20th century", "the twentieth century" */
    if (tw_ordinal(c, k, &n) && n >= 1 && n <= 21) {
        size_t o = k + (T(k).kind == TK_NUM ? 2 : 1);
        if (IS(o, "century")) {
            snprintf(v, sizeof v, "%02d", n - 1);
            return fin(m, i, o + 1, DSR_TX_DATE, v);
        }
    }
    /* "fiscal 2011", "fiscal year 2011", "FY2011" */
    if (IS(k, "fiscal") || IS(k, "fy")) {
        size_t o = k + 1;
        if (IS(o, "year")) o++;
        if (is_year_tok(c, o)) return fin_date(m, i, o + 1, T(o).num, 0, 0);
        if (is_num(c, o, 2) && T(o).ndig == 2 && (IS(k, "fy") || tw_punct(c, o - 1, '\''))) {
            y = T(o).num;
            return fin_date(m, i, o + 1, y < 30 ? 2000 + y : 1900 + y, 0, 0);
        }
        if (tw_punct(c, o, '\'') && is_num(c, o + 1, 2) && T(o + 1).ndig == 2) {
            y = T(o + 1).num;
            return fin_date(m, i, o + 2, y < 30 ? 2000 + y : 1900 + y, 0, 0);
        }
        return 0;
    }
    if (!is_year_tok(c, k)) return 0;
    y = T(k).num;
    /* decades: "1990s", "the 1990s" */
    if (IS(k + 1, "s") && !T(k + 1).sp) {
        if (y % 10) return 0;
        snprintf(v, sizeof v, "%03d", y / 10);
        return fin(m, i, k + 2, DSR_TX_DATE, v);
    }
    if (the) return 0;      /* "the 1992 pact": the year alone */
    if (!year_context_ok(c, k)) return 0;
    n = fin_date(m, i, k + 1, y, 0, 0);
    /* "1990-91", "1990-1995" */
    if (tw_dash(c, k + 1) && !T(k + 1).sp && is_num(c, k + 2, 4) && !T(k + 2).sp) {
        y2 = T(k + 2).num;
        if (T(k + 2).ndig == 2) y2 += y / 100 * 100;
        if (T(k + 2).ndig == 2 || T(k + 2).ndig == 4) {
            if (y2 > y && y2 - y < 100) {
                tx_date e = { 0, 0, 0 };
                e.y = y2;
                tx_fmt_date(m->end_value, sizeof m->end_value, &e);
                return fin_date(m, i, k + 3, y, 0, 0);
            }
        }
    }
    return n;
}

/* ---- quarters and halves --------------------------------------------- */

static int r_quarter(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int the = 0, rel = 0, y = 0, q = 0, half = 0, n, fiscal = 0, ago = 0;
    char v[24];
    tx_date d = dct_full(c);
    int curq = quarter_of(d.m);
    if (IS(k, "the") || IS(k, "its") || IS(k, "their")) { the = 1; k++; }
    else if (IS(k, "this") || IS(k, "last") || IS(k, "next") || IS(k, "that")) {
        rel = IS(k, "this") ? 0 : IS(k, "last") ? -1 : IS(k, "next") ? 1 : 5;
        if (!IS(k + 1, "quarter")) rel = IS(k, "last") ? -2 : IS(k, "next") ? 2 : rel;
        k++;
        the = 1;
    }
    if (IS(k, "latest") || IS(k, "recent") || IS(k, "previous") || IS(k, "past") || IS(k, "last")) { rel = -1; k++; }
    else if (IS(k, "current") || IS(k, "same")) { rel = 0; k++; }
    else if (IS(k, "comparable")) k++;
    if (IS(k, "year") && tw_dash(c, k + 1) && (IS(k + 2, "earlier") || IS(k + 2, "ago"))) { ago = 1; k += 3; }
    else if (IS(k, "year") && IS(k + 1, "ago")) { ago = 1; k += 2; }
    if (ago && k == i + 3 && !IS(k, "quarter") && !IS(k, "period") && !tw_ordinal(c, k, &n) && have_dct(c)) {
        /* "year-earlier results": the same period a year before */
        if (c->anchor_q[0]) snprintf(v, sizeof v, "%04d-Q%c", c->anchor.y - 1, c->anchor_q[6]);
        else snprintf(v, sizeof v, "%04d", d.y - 1);
        m->relative = 1;
        return fin(m, i, k, DSR_TX_DATE, v);
    }
    if (is_year_tok(c, k) && T(k).sp) { y = T(k).num; k++; }
    if (IS(k, "fiscal")) { fiscal = 1; k++; if (tw_dash(c, k)) k++; }
    if ((n = tw_ordinal(c, k, &q)) && q >= 1 && q <= 4) {
        size_t o = k + n;
        if (tw_dash(c, o)) o++;
        if (IS(o, "fiscal")) { fiscal = 1; o++; }
        if (IS(o, "quarter")) { k = o + 1; }
        else if (IS(o, "half") && q <= 2) { half = q; q = 0; k = o + 1; }
        else return 0;
        if (rel == -2) y = d.y - 1;
        else if (rel == 2) y = d.y + 1;
        rel = 9;
    } else if (IS(k, "quarter") || (IS(k, "period") && (rel == -1 || ago || (y && the)))) {
        if (!the && !ago && rel == 0 && !IS(i, "this")) return 0;
        if (IS(k, "period") && !the) return 0;
        k++;
        q = -1;
    } else {
        return 0;
    }
    if (IS(k, "of") && is_year_tok(c, k + 1)) { y = T(k + 1).num; k += 2; }
    else if (!y && is_year_tok(c, k) && T(k).sp) { y = T(k).num; k++; }
    if (!have_dct(c) && !y) return 0;
    if (q == -1) {
        /* "the quarter", "the latest quarter", "last quarter", "this quarter" */
        int qq = curq, yy = d.y;
        if (rel == -1 || rel == 5 || (rel == 0 && !IS(i, "this") && !IS(i + 1, "current"))) qq--;
        if (rel == 1) qq++;
        if (qq < 1) { qq = 4; yy--; }
        if (qq > 4) { qq = 1; yy++; }
        if (ago) yy--, m->relative = 1;
        if (y) yy = y;
        snprintf(v, sizeof v, "%04d-Q%d", yy, qq);
    } else {
        if (!y) {
            y = d.y;
            if (ago) y--;
            else if (q > curq && tx_tense(c, i) <= 0 && !fiscal) y--;
            else if (half && half * 2 > quarter_of(d.m) && tx_tense(c, i) < 0) y--;
        }
        if (half) snprintf(v, sizeof v, "%04d-H%d", y, half);
        else snprintf(v, sizeof v, "%04d-Q%d", y, q);
    }
    (void)rel;
    return fin(m, i, k, DSR_TX_DATE, v);
}

/* ---- this/last/next + unit, month, weekday, season ------------------- */

static int r_deictic(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int rel, mon, wd, u, pl, the = 0, anchor = 0;
    const char *code;
    char v[24];
    tx_date d = dct_full(c), a;
    if (!have_dct(c)) return 0;
    if (IS(k, "the")) { the = 1; k++; }
    if (the && k == i + 1) {
        /* "the weekend": the one just past unless the sentence looks ahead */
        if (IS(k, "weekend")) {
            tx_date t = d;
            int cur = tx_weekday(t.y, t.m, t.d);
            if (cur < 6 && tx_tense(c, i) <= 0) tx_add_days(&t, -7);
            week_value(v, sizeof v, t, "-WE");
            return fin(m, i, k + 1, DSR_TX_DATE, v);
        }
        if (IS(k, "full") && IS(k + 1, "year")) return fin_date(m, i, k + 2, d.y, 0, 0);
        if (c->ofmod && IS(k, "year")) return fin_date(m, i, k + 1, d.y, 0, 0);
        if (c->ofmod && IS(k, "month")) return fin_date(m, i, k + 1, d.y, d.m, 0);
        if (c->ofmod && IS(k, "week")) {
            week_value(v, sizeof v, d, "");
            return fin(m, i, k + 1, DSR_TX_DATE, v);
        }
    }
    if (IS(k, "this") && !the) rel = 0;
    else if ((IS(k, "last") || IS(k, "past")) && (!the || !IS(k + 1, "week"))) rel = -1;
    else if (IS(k, "next") || IS(k, "coming")) rel = 1;
    else if ((IS(k, "current") || IS(k, "present")) && the) rel = 0;
    else if (IS(k, "that") && !the) { rel = 0; anchor = 1; }
    else if (the && IS(k, "same")) { rel = 0; anchor = 1; }
    else if (the && (IS(k, "following") || (IS(k, "next") && 0))) { rel = 1; anchor = 1; }
    else if (the && (IS(k, "previous") || IS(k, "preceding") || IS(k, "prior"))) { rel = -1; anchor = 1; }
    else return 0;
    k++;
    if (the && IS(k - 1, "next") && (IS(k, "day") || IS(k, "morning"))) anchor = 1;
    a = anchor && c->anchor.y ? c->anchor : d;
    if (anchor && !a.m) a.m = d.m;
    if (anchor && !a.d) a.d = 15;
    if (tw_unit(c, k, &u, &pl) && !pl) {
        k++;
        switch (u) {
        case U_YEAR:
            if (rel < 0 && !anchor && c->anchor_q[0] && tx_same_sentence(c, c->anchor_tok, i)) {
                /* "third-quarter profit fell from last year": the same quarter */
                snprintf(v, sizeof v, "%04d-Q%c", d.y - 1, c->anchor_q[6]);
                m->relative = 1;
                return fin(m, i, k, DSR_TX_DATE, v);
            }
            return fin_date(m, i, k, a.y + rel, 0, 0);
        case U_MONTH: {
            tx_date t = a;
            tx_add_months(&t, rel);
            return fin_date(m, i, k, t.y, t.m, 0);
        }
        case U_WEEK:
            tx_add_days(&a, 7L * rel);
            week_value(v, sizeof v, a, "");
            return fin(m, i, k, DSR_TX_DATE, v);
        case U_WEEKEND: {
            tx_date t = a;
            int cur = tx_weekday(t.y, t.m, t.d);
            if (rel == 0 && cur < 6 && tx_tense(c, i) <= 0 && !anchor) rel = 0;
            tx_add_days(&t, 7L * rel);
            week_value(v, sizeof v, t, "-WE");
            return fin(m, i, k, DSR_TX_DATE, v);
        }
        case U_DAY:
            if (!anchor) return 0;
            tx_add_days(&a, rel);
            if (!c->anchor.d && !c->anchor.y) return 0;
            return fin_date(m, i, k, a.y, a.m, a.d);
        case U_DECADE:
            if (rel < 0) return fin(m, i, k, DSR_TX_DURATION, "P10Y");
            snprintf(v, sizeof v, "%03d", a.y / 10 + rel);
            return fin(m, i, k, DSR_TX_DATE, v);
        case U_CENT:
            if (rel < 0) return fin(m, i, k, DSR_TX_DURATION, "P100Y");
            snprintf(v, sizeof v, "%02d", a.y / 100 + rel);
            return fin(m, i, k, DSR_TX_DATE, v);
        default:
            return 0;
        }
    }
    if (tw_month(c, k, &mon) == 1) {
        int y = a.y;
        if (rel < 0 && !anchor) y = mon < d.m ? d.y : d.y - 1;
        else if (rel > 0 && !anchor) y = mon > d.m ? d.y : d.y + 1;
        return fin_date(m, i, k + 1, y, mon, 0);
    }
    if (tw_weekday(c, k, &wd)) {
        tx_date t = anchor ? a : weekday_date(c, i, wd, rel == 0 ? 0 : rel);
        const char *part;
        if (anchor) {
            int cur = tx_weekday(t.y, t.m, t.d);
            int delta = rel < 0 ? -((cur - wd + 7) % 7 ? (cur - wd + 7) % 7 : 7)
                                : ((wd - cur + 7) % 7 ? (wd - cur + 7) % 7 : 7);
            tx_add_days(&t, delta);
        }
        if (tw_daypart(c, k + 1, &part)) {
            snprintf(v, sizeof v, "%04d-%02d-%02dT%s", t.y, t.m, t.d, part);
            return fin(m, i, k + 2, DSR_TX_TIME, v);
        }
        return fin_date(m, i, k + 1, t.y, t.m, t.d);
    }
    if (tw_season(c, k, &code)) {
        int y = a.y + rel;
        snprintf(v, sizeof v, "%04d-%s", y, code);
        return fin(m, i, k + 1, DSR_TX_DATE, v);
    }
    if (!the && rel == 0 && !anchor && tw_daypart(c, k, &code)) {
        snprintf(v, sizeof v, "%04d-%02d-%02dT%s", d.y, d.m, d.d, code);
        return fin(m, i, k + 1, DSR_TX_TIME, v);
    }
    if (!the && rel < 0 && IS(k, "night")) {
        tx_add_days(&d, -1);
        snprintf(v, sizeof v, "%04d-%02d-%02dTNI", d.y, d.m, d.d);
        return fin(m, i, k + 1, DSR_TX_TIME, v);
    }
    return 0;
}

/* ---- single words: today, yesterday, now, recently, soon ------------- */

static int day_word(const tx_ctx *c, size_t k, tx_date *d)
{
    *d = dct_full(c);
    if (!c->dct.d) return 0;
    if (IS(k, "today")) return 1;
    if (IS(k, "yesterday")) { tx_add_days(d, -1); return 1; }
    if (IS(k, "tomorrow")) { tx_add_days(d, 1); return 1; }
    return 0;
}

static int r_word(tx_ctx *c, size_t i, tx_match *m)
{
    tx_date d;
    const char *part;
    char v[24];
    if (day_word(c, i, &d)) {
        if (tw_daypart(c, i + 1, &part)) {
            snprintf(v, sizeof v, "%04d-%02d-%02dT%s", d.y, d.m, d.d, part);
            return fin(m, i, i + 2, DSR_TX_TIME, v);
        }
        return fin_date(m, i, i + 1, d.y, d.m, d.d);
    }
    if (IS(i, "tonight") && c->dct.d) {
        d = dct_full(c);
        snprintf(v, sizeof v, "%04d-%02d-%02dTNI", d.y, d.m, d.d);
        return fin(m, i, i + 1, DSR_TX_TIME, v);
    }
    if (IS(i, "right") && IS(i + 1, "now")) return fin(m, i, i + 2, DSR_TX_DATE, "PRESENT_REF");
    if (IS(i, "now") || IS(i, "currently") || IS(i, "nowadays") || IS(i, "presently"))
        return fin(m, i, i + 1, DSR_TX_DATE, "PRESENT_REF");
    if (IS(i, "these") && IS(i + 1, "days")) return fin(m, i, i + 2, DSR_TX_DATE, "PRESENT_REF");
    /* TimeML reads the adjective "current" as a reference to the present
     * ("current market conditions"), but not in "current account" */
    if (IS(i, "current") && !IS(i + 1, "account") && !IS(i + 1, "accounts") && !(i > 0 && IS(i - 1, "then")) &&
        i + 1 < c->n && T(i + 1).kind == TK_WORD)
        return fin(m, i, i + 1, DSR_TX_DATE, "PRESENT_REF");
    if (IS(i, "more") && IS(i + 1, "recently")) return fin(m, i, i + 2, DSR_TX_DATE, "PAST_REF");
    if (IS(i, "recently") || IS(i, "lately"))
        return fin(m, i, i + 1, DSR_TX_DATE, "PAST_REF");
    if (IS(i, "soon") && !IS(i + 1, "as") && !IS(i + 1, "after"))
        return fin(m, i, i + 1, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && IS(i + 1, "future")) return fin(m, i, i + 2, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && (IS(i + 1, "near") || IS(i + 1, "short")) && IS(i + 2, "term"))
        return fin(m, i, i + 3, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "a") && IS(i + 1, "later") && IS(i + 2, "date")) return fin(m, i, i + 3, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && (IS(i + 1, "near") || IS(i + 1, "distant")) && IS(i + 2, "future"))
        return fin(m, i, i + 3, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && IS(i + 1, "past") && !tw_number(c, i + 2, &(int){0}, &(int){0}) &&
        !tw_unit(c, i + 2, &(int){0}, &(int){0}) && !IS(i + 2, "few") && !IS(i + 2, "several"))
        return fin(m, i, i + 2, DSR_TX_DATE, "PAST_REF");
    if (IS(i, "recent") && IS(i + 1, "years")) return fin(m, i, i + 2, DSR_TX_DATE, "PAST_REF");
    if ((IS(i, "recent") || IS(i, "coming")) && (IS(i + 1, "months") || IS(i + 1, "weeks") || IS(i + 1, "days"))) {
        snprintf(v, sizeof v, "PX%c", IS(i + 1, "months") ? 'M' : IS(i + 1, "weeks") ? 'W' : 'D');
        return fin(m, i, i + 2, DSR_TX_DURATION, v);
    }
    if (IS(i, "the") && IS(i + 1, "coming") && (IS(i + 2, "months") || IS(i + 2, "weeks") ||
                                                IS(i + 2, "days") || IS(i + 2, "years"))) {
        snprintf(v, sizeof v, "PX%c", IS(i + 2, "months") ? 'M' : IS(i + 2, "weeks") ? 'W' : IS(i + 2, "days") ? 'D' : 'Y');
        return fin(m, i, i + 3, DSR_TX_DURATION, v);
    }
    return 0;
}

/* ---- durations and "N units ago" -------------------------------------- */

static void dur_value(char *v, size_t n, int num, int vague, int u)
{
    int mul = u == U_DECADE ? 10 : u == U_CENT ? 100 : u == U_FORTNIGHT ? 2 : 1;
    int time = u == U_HOUR || u == U_MIN || u == U_SEC;
    if (u == U_WEEKEND) { snprintf(v, n, "P%dD", vague ? 2 : 2 * num); return; }
    if (vague == 1) {
        snprintf(v, n, "P%sX%c", time ? "T" : "", u == U_DECADE ? 'E' : u == U_CENT ? 'C' : unit_code[u]);
        return;
    }
    snprintf(v, n, "P%s%d%c", time ? "T" : "", num * mul, unit_code[u]);
}

/* "two weeks ago", "a year earlier", "three days later". */
static int dur_relative(tx_ctx *c, size_t i, size_t k, int num, int vague, int u, tx_match *m)
{
    int dir, from_anchor = 0, n = 1;
    tx_date d = dct_full(c);
    m->relative = 1;
    if (IS(k, "ago")) dir = -1;
    else if (IS(k, "earlier") || IS(k, "before")) { dir = -1; from_anchor = 1; }
    else if (IS(k, "later") || IS(k, "after")) { dir = 1; from_anchor = 1; }
    else if (IS(k, "from") && IS(k + 1, "now")) { dir = 1; n = 2; }
    else if (IS(k, "hence")) dir = 1;
    else return 0;
    if (IS(k, "before") || IS(k, "after")) {
        /* "two days before the vote": a relation, not a date */
        if (k + 1 < c->n && T(k + 1).kind != TK_PUNCT) return 0;
    }
    if (!have_dct(c)) return 0;
    if (vague) return fin(m, i, k + n, DSR_TX_DATE, dir < 0 ? "PAST_REF" : "FUTURE_REF");
    if (u == U_YEAR && c->anchor_q[0] && dir < 0) {
        /* "profit rose from $5 million a year earlier": the same quarter a year before */
        char v[24];
        snprintf(v, sizeof v, "%04d-Q%c", c->anchor.y - num, c->anchor_q[6]);
        return fin(m, i, k + n, DSR_TX_DATE, v);
    }
    if (from_anchor && c->anchor.y) {
        d = c->anchor;
        if (u == U_YEAR || u == U_DECADE || u == U_CENT) {
            if (!d.d) d = dct_full(c), d.m = d.d = 0;
            d.y += dir * num * (u == U_DECADE ? 10 : u == U_CENT ? 100 : 1);
            return fin_date(m, i, k + n, d.y, d.m, d.d);
        }
        if (!d.m) d.m = 6;
        if (!d.d && (u == U_DAY || u == U_WEEK)) return 0;
    }
    switch (u) {
    case U_YEAR: case U_DECADE: case U_CENT:
        return fin_date(m, i, k + n, d.y + dir * num * (u == U_DECADE ? 10 : u == U_CENT ? 100 : 1), 0, 0);
    case U_MONTH:
        tx_add_months(&d, dir * num);
        return fin_date(m, i, k + n, d.y, d.m, 0);
    case U_QUARTER:
        tx_add_months(&d, dir * num * 3);
        {
            char v[24];
            snprintf(v, sizeof v, "%04d-Q%d", d.y, quarter_of(d.m));
            return fin(m, i, k + n, DSR_TX_DATE, v);
        }
    case U_WEEK: case U_FORTNIGHT:
        if (!c->dct.d && !from_anchor) return 0;
        tx_add_days(&d, 7L * dir * num * (u == U_FORTNIGHT ? 2 : 1));
        return fin_date(m, i, k + n, d.y, d.m, d.d);
    case U_DAY:
        if (!c->dct.d && !from_anchor) return 0;
        tx_add_days(&d, (long)dir * num);
        return fin_date(m, i, k + n, d.y, d.m, d.d);
    case U_HOUR: case U_MIN:
        return fin_date(m, i, k + n, d.y, d.m, d.d);
    default:
        return 0;
    }
}

static int r_duration(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int num = 0, vague = 0, u, pl, n, the = 0, lead = 0, r;
    char v[24];
    if (IS(k, "the")) { the = 1; k++; }
    if (IS(k, "past") || IS(k, "last") || IS(k, "next") || IS(k, "first") || IS(k, "coming") || IS(k, "previous") ||
        IS(k, "following") || IS(k, "latest") || IS(k, "final") || IS(k, "remaining") || IS(k, "initial") ||
        IS(k, "additional") || IS(k, "further") || IS(k, "entire") || IS(k, "whole") || IS(k, "full") ||
        IS(k, "early") || IS(k, "same")) {
        lead = 1;
        k++;
    }
    if (!(n = tw_number(c, k, &num, &vague))) {
        /* "the next few years" is read by tw_number; "the past year" is not a duration */
        return 0;
    }
    if (T(k).kind == TK_NUM && (T(k).ndig > 4 || num == 0)) return 0;
    if ((IS(k, "a") || IS(k, "an")) && (the || lead)) return 0;
    k += n;
    if (IS(k, "more") || IS(k, "additional") || IS(k, "further") || IS(k, "straight") || IS(k, "consecutive")) k++;
    if (tw_dash(c, k) && !T(k).sp) {
        /* "five-year", "24-hour" */
        if (!tw_unit(c, k + 1, &u, &pl) || pl || T(k + 1).sp) return 0;
        k += 2;
        if (tw_dash(c, k) && IS(k + 1, "old")) return 0;     /* an age: "a 6-year-old" */
        if (tw_dash(c, k) && IS(k + 1, "long")) k += 2;
    } else if (tw_unit(c, k, &u, &pl)) {
        if (IS(k + 1, "old") || (T(k).cap && !T(k - 1).cap && !T(k).nl)) return 0;   /* ages; "60 Minutes" */
        k++;
        /* "one years" does not happen; "a second" is rarely a duration */
        if ((u == U_SEC && num == 1 && !vague) || (u == U_WEEKEND && !the)) return 0;
        if (u == U_QUARTER && num == 1 && !vague && !pl) return 0;
    } else {
        return 0;
    }
    if (!vague && num > 1 && u != U_WEEKEND && !pl && !tw_dash(c, k - 1) && !the && !lead) {
        /* "a five year low": the adjective form, still a duration */
    }
    if (!the && !lead && (r = dur_relative(c, i, k, num, vague, u, m))) return r;
    if (!the && !lead && IS(k, "or") && IS(k + 1, "so") && (r = dur_relative(c, i, k + 2, num, vague, u, m))) {
        snprintf(m->mod, sizeof m->mod, "APPROX");
        return r;
    }
    if ((the || lead) && (IS(k, "ago") || IS(k, "earlier"))) {
        if ((r = dur_relative(c, i, k, num, vague, u, m))) return r;
    }
    /* "twice a year", "15 a year", "per year": a frequency */
    if ((IS(i, "a") || IS(i, "an")) && num == 1 && !pl && i > 0 &&
        (T(i - 1).kind == TK_NUM || IS(i - 1, "times") || IS(i - 1, "twice") || IS(i - 1, "once") ||
         IS(i - 1, "percent") || tw_punct(c, i - 1, '%') || IS(i - 1, "thrice"))) {
        snprintf(v, sizeof v, "P1%s%c", (u == U_HOUR || u == U_MIN) ? "T" : "", unit_code[u]);
        return fin(m, i, k, DSR_TX_SET, v);
    }
    dur_value(v, sizeof v, num, vague, u);
    n = fin(m, i, k, DSR_TX_DURATION, v);
    if (vague == 2) snprintf(m->mod, sizeof m->mod, "APPROX");
    if (IS(k, "or") && IS(k + 1, "so")) {
        snprintf(m->mod, sizeof m->mod, "APPROX");
        m->j = (uint32_t)(k + 2);
        n += 2;
    }
    return n;
}

/* ---- sets: "every year", "weekly", "each Thursday" ------------------- */

static int r_set(tx_ctx *c, size_t i, tx_match *m)
{
    /* "quarterly" and "annually" mostly qualify payments ("a quarterly
     * dividend"), which TimeBank does not annotate */
    static const char *const adv[] = { "daily", "weekly", "monthly", "yearly", "hourly", "nightly", NULL };
    static const char *const advv[] = { "P1D", "P1W", "P1M", "P1Y", "PT1H", "P1D" };
    int k, u, pl, mon, wd, num, vague, n;
    char v[24];
    if ((k = tw_any(c, i, adv))) return fin(m, i, i + 1, DSR_TX_SET, advv[k - 1]);
    if ((IS(i, "per") || IS(i, "every") || IS(i, "each")) && tw_unit(c, i + 1, &u, &pl) && !pl)
        {
            snprintf(v, sizeof v, "P%s1%c", (u == U_HOUR || u == U_MIN || u == U_SEC) ? "T" : "", unit_code[u]);
            if (u == U_DECADE) snprintf(v, sizeof v, "P10Y");
            return fin(m, i, i + 2, DSR_TX_SET, v);
        }
    if (IS(i, "every") && (n = tw_number(c, i + 1, &num, &vague)) && !vague && num > 1 &&
        tw_unit(c, i + 1 + n, &u, &pl) && pl) {
        snprintf(v, sizeof v, "P%s%d%c", (u == U_HOUR || u == U_MIN) ? "T" : "", num, unit_code[u]);
        return fin(m, i, i + 2 + n, DSR_TX_SET, v);
    }
    if ((IS(i, "every") || IS(i, "each")) && tw_weekday(c, i + 1, &wd)) {
        snprintf(v, sizeof v, "XXXX-WXX-%d", wd);
        return fin(m, i, i + 2, DSR_TX_SET, v);
    }
    if ((IS(i, "every") || IS(i, "each")) && tw_month(c, i + 1, &mon) == 1) {
        snprintf(v, sizeof v, "XXXX-%02d", mon);
        return fin(m, i, i + 2, DSR_TX_SET, v);
    }
    if (tw_weekdays(c, i, &wd) && i > 0 && (IS(i - 1, "on") || IS(i - 1, "most") || IS(i - 1, "some"))) {
        snprintf(v, sizeof v, "XXXX-WXX-%d", wd);
        return fin(m, i, i + 1, DSR_TX_SET, v);
    }
    return 0;
}

/* ---- times of day: "3 p.m.", "10:35 a.m. EST", "noon Thursday" ------- */

/* "a.m.", "p.m", "am", "pm": tokens used, *pm set. */
static int ampm(const tx_ctx *c, size_t k, int *pm)
{
    if ((IS(k, "a") || IS(k, "p")) && tw_punct(c, k + 1, '.') && IS(k + 2, "m") && !T(k + 1).sp && !T(k + 2).sp) {
        *pm = IS(k, "p");
        return tw_punct(c, k + 3, '.') && !T(k + 3).sp ? 4 : 3;
    }
    if ((IS(k, "am") && !T(k).cap) || IS(k, "pm")) {
        *pm = IS(k, "pm");
        return tw_punct(c, k + 1, '.') && !T(k + 1).sp && (k + 2 >= c->n || T(k + 2).nl) ? 1 : 1;
    }
    return 0;
}

static int zone(const tx_ctx *c, size_t k, int *utc)
{
    static const char *const z[] = { "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc",
                                     "bst", "cet", "cest", NULL };
    int n = tw_any(c, k, z);
    if (!n || !T(k).cap) return 0;
    *utc = n == 9 || n == 10;
    return 1;
}

/* After a time: "Friday", ", Nov. 6", "on Tuesday", "yesterday". */
static int time_day(tx_ctx *c, size_t k, tx_date *d, size_t *end)
{
    tx_match t;
    size_t o = k;
    int wd;
    if (tw_punct(c, o, ',')) o++;
    if (IS(o, "on")) o++;
    if (day_word(c, o, d)) { *end = o + 1; return 1; }
    memset(&t, 0, sizeof t);
    if (r_monthdate(c, o, &t) && tx_parse_date(t.value, d) && d->d) { *end = t.j; return 1; }
    if (tw_weekday(c, o, &wd) && have_dct(c)) { *d = weekday_date(c, o, wd, 0); *end = o + 1; return 1; }
    return 0;
}

static int r_time(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i, e;
    int h, mi = 0, pm = -1, n, utc = 0, wd, named = 0;
    char v[48];
    tx_date d = dct_full(c), dd;
    if (IS(k, "noon") || IS(k, "midday")) { h = 12; named = 1; k++; }
    else if (IS(k, "midnight")) { h = 24; named = 1; k++; }
    else if (tw_weekday(c, k, &wd) && (IS(k + 1, "noon") || IS(k + 1, "midnight") ||
                                       (IS(k + 1, "at") && is_num(c, k + 2, 2)))) {
        return 0;
    } else {
        if (!is_num(c, k, 2) || T(k).num > 24) return 0;
        if (i > 0 && !T(i).sp && (T(i - 1).kind != TK_PUNCT || tw_punct(c, i - 1, ':') ||
                                  tw_punct(c, i - 1, '.') || tw_punct(c, i - 1, '$'))) return 0;
        h = T(k).num;
        k++;
        if ((tw_punct(c, k, ':') || (tw_punct(c, k, '.') && 0)) && is_num(c, k + 1, 2) && T(k + 1).ndig == 2 &&
            !T(k).sp && !T(k + 1).sp) {
            mi = T(k + 1).num;
            if (mi > 59) return 0;
            k += 2;
        }
        if ((n = ampm(c, k, &pm))) {
            if (h > 12 || h == 0) return 0;
            k += n;
            if (pm && h < 12) h += 12;
            if (!pm && h == 12) h = 0;
        } else if (IS(k, "o") && (tw_punct(c, k + 1, '\'') || T(k + 1).len == 3) && IS(k + 2, "clock")) {
            k += 3;
        } else if (k == i + 3 && zone(c, k, &utc)) {
            /* "08:30 UTC" */
        } else {
            return 0;
        }
    }
    if (zone(c, k, &utc)) k++;
    e = k;
    if (time_day(c, k, &dd, &e)) d = dd;
    else if (!c->dct.d) return 0;
    if (named && e == k && 0) return 0;
    snprintf(v, sizeof v, "%04d-%02d-%02dT%02d:%02d%s", d.y, d.m, d.d, h, mi, utc ? "Z" : "");
    if (h == 24) snprintf(v, sizeof v, "%04d-%02d-%02dT24:00", d.y, d.m, d.d);
    return fin(m, i, e, DSR_TX_TIME, v);
}

/* ---- weekdays, seasons, holidays ------------------------------------- */

static int r_weekday(tx_ctx *c, size_t i, tx_match *m)
{
    int wd;
    const char *part;
    char v[24];
    tx_date d;
    if (!tw_weekday(c, i, &wd) || !have_dct(c)) return 0;
    /* a name like "Black Friday" or "Good Friday" is not the weekday of the article */
    if (i > 0 && T(i - 1).cap && T(i - 1).kind == TK_WORD && !T(i - 1).nl &&
        (IS(i - 1, "black") || IS(i - 1, "good") || IS(i - 1, "super") || IS(i - 1, "ash") ||
         IS(i - 1, "cyber") || IS(i - 1, "bloody") || IS(i - 1, "easter")))
        return 0;
    d = weekday_date(c, i, wd, 0);
    if (tw_daypart(c, i + 1, &part)) {
        snprintf(v, sizeof v, "%04d-%02d-%02dT%s", d.y, d.m, d.d, part);
        return fin(m, i, i + 2, DSR_TX_TIME, v);
    }
    return fin_date(m, i, i + 1, d.y, d.m, d.d);
}

static int r_season(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int the = 0, y = 0;
    const char *code;
    char v[24];
    if (IS(k, "the")) { the = 1; k++; }
    if (!tw_season(c, k, &code)) return 0;
    if (T(k).cap && !T(k).nl && i == k && !(k > 0 && tw_punct(c, k - 1, '.'))) return 0;   /* "Arab Spring" */
    k++;
    if (IS(k, "of") && is_year_tok(c, k + 1)) { y = T(k + 1).num; k += 2; }
    else if (is_year_tok(c, k) && T(k).sp) { y = T(k).num; k++; }
    if (!y) {
        /* bare "fall" is the verb; "spring" a source or a verb */
        if (IS(i + the, "fall") || IS(i + the, "spring")) {
            if (!the || !(i > 0 && (IS(i - 1, "in") || IS(i - 1, "during") || IS(i - 1, "this") ||
                                    IS(i - 1, "by") || IS(i - 1, "until"))))
                return 0;
        }
        if (!have_dct(c)) return 0;
        y = c->dct.y;
    }
    snprintf(v, sizeof v, "%04d-%s", y, code);
    return fin(m, i, k, DSR_TX_DATE, v);
}

static int r_holiday(tx_ctx *c, size_t i, tx_match *m)
{
    int mon = 0, day = 0, y, n = 1, wd;
    if (!have_dct(c)) return 0;
    if (IS(i, "christmas") && T(i).cap) {
        mon = 12; day = 25;
        if (IS(i + 1, "eve")) { day = 24; n = 2; }
        else if (IS(i + 1, "day")) n = 2;
    } else if (IS(i, "new") && IS(i + 1, "year") && T(i + 2).w[0] == '\'' && IS(i + 3, "s") &&
               (IS(i + 4, "day") || IS(i + 4, "eve"))) {
        mon = IS(i + 4, "eve") ? 12 : 1; day = mon == 12 ? 31 : 1; n = 5;
    } else if ((IS(i, "thanksgiving") || IS(i, "election")) && T(i).cap) {
        if (IS(i, "election") && !IS(i + 1, "day")) return 0;
        mon = 11;
        n = IS(i + 1, "day") ? 2 : 1;
        y = year_for(c, i, 11, 20);
        wd = tx_weekday(y, 11, 1);
        if (IS(i, "thanksgiving")) day = 1 + (4 - wd + 7) % 7 + 21;
        else day = 1 + (1 - wd + 7) % 7 + 1;
        return fin_date(m, i, i + n, y, mon, day);
    } else if (IS(i, "independence") && IS(i + 1, "day") && T(i).cap) {
        mon = 7; day = 4; n = 2;
    } else if (IS(i, "halloween") && T(i).cap) {
        mon = 10; day = 31;
    } else {
        return 0;
    }
    y = year_for(c, i, mon, day);
    return fin_date(m, i, i + n, y, mon, day);
}

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
static const rule_fn rules[] = { r_monthdate, r_numeric, r_year, r_quarter, r_deictic, r_word,
                                 r_duration, r_set, r_time, r_weekday, r_season, r_holiday, NULL };
/* A number can only begin a date, a year, a duration or a time. */
static const rule_fn num_rules[] = { r_monthdate, r_numeric, r_year, r_quarter, r_duration, r_time, NULL };

static int best_at(tx_ctx *c, size_t i, tx_match *m)
{
    const rule_fn *rs = i < c->n && T(i).kind == TK_NUM ? num_rules : rules;
    size_t r;
    int best = 0;
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

static int boundary(const tx_ctx *c, size_t k)
{
    const tx_tok *t = &c->t[k];
    if (t->nl >= 2) return 1;
    if (t->kind != TK_PUNCT) return 0;
    if (t->w[0] == '!' || t->w[0] == '?' || t->w[0] == ';') return 1;
    if (t->w[0] != '.') return 0;
    /* "Feb. 9", "U.S. officials": an abbreviation's dot goes on */
    if (k > 0 && c->t[k - 1].kind == TK_WORD && c->t[k - 1].cap && c->t[k - 1].len <= 4) return 0;
    return k + 1 >= c->n || c->t[k + 1].cap || c->t[k + 1].nl || c->t[k + 1].kind != TK_WORD;
}

static int marker(const tx_ctx *c, size_t k)
{
    static const char *const fut[] = { "will", "shall", "ll", "scheduled", "expected", "expects", "plans", "plan",
                                       "planning", "upcoming", "due", "tomorrow", "intends", "slated", NULL };
    static const char *const past[] = { "was", "were", "had", "did", "said", "ago", "last", "yesterday",
                                        "earlier", "told", "announced", "met", "took", "began", "came",
                                        "went", "made", "gave", "won", "lost", NULL };
    const tx_tok *t = &c->t[k];
    if (t->kind != TK_WORD) return 0;
    if (tw_any(c, k, fut)) return IS(k, "set") && !IS(k + 1, "to") && !IS(k + 1, "for") ? 0 : 1;
    if (tw_any(c, k, past)) return -1;
    if (t->len >= 5 && t->len < sizeof t->w && t->w[t->len - 2] == 'e' && t->w[t->len - 1] == 'd' &&
        !t->cap) return -1;
    return 0;
}

int tx_same_sentence(const tx_ctx *c, size_t a, size_t b)
{
    size_t k;
    if (a > b || b - a > 60) return 0;
    for (k = a + 1; k <= b && k < c->n; k++)
        if (boundary(c, k) || c->t[k].nl >= 2) return 0;
    return 1;
}

/* The nearest tense marker within the sentence, looking both ways. */
int tx_tense(const tx_ctx *c, size_t i)
{
    int left = 1, right = 1, r;
    size_t d;
    for (d = 1; d <= 30 && (left || right); d++) {
        if (left) {
            if (d > i || boundary(c, i - d) || c->t[i - d + 1].nl >= 2) left = 0;
            else if ((r = marker(c, i - d))) return r;
        }
        if (right) {
            if (i + d >= c->n || boundary(c, i + d)) right = 0;
            else if ((r = marker(c, i + d))) return r;
        }
    }
    return 0;
}
