/*
 * timex_dates.c -- rules for calendar dates: "Feb. 9", "9 February 2010",
 * "2010-02-09", "02/09/2010", "September 2005", "1990s", "fiscal 2011",
 * "the third quarter".  Each rule returns the tokens it used (0: none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_rules.h"

/* ---- plain dates: "Feb. 9", "9 February 2010", "September 2005" ------- */

static int month_alone_ok(const tx_ctx *c, size_t i, int mon)
{
    if (mon != 5) return 1;
    /* "May" the modal verb: only after a preposition or a time word */
    return i > 0 && tw_in(c, i - 1, TL_MAY_BEFORE) && !tw_in(c, i + 1, TL_MAY_VERBS);
}

/* A year after a month/day: ", 2010", " 2010", " '09". */
static int year_after(const tx_ctx *c, size_t k, int *y)
{
    if (tw_punct(c, k, ',') && tr_is_year_tok(c, k + 1)) { *y = T(k + 1).num; return 2; }
    if (tr_is_year_tok(c, k) && T(k).sp) { *y = T(k).num; return 1; }
    if ((tw_punct(c, k, '\'') || (k < c->n && T(k).len == 3 && (unsigned char)T(k).w[2] == 0x99)) &&
        tr_is_num(c, k + 1, 2) && T(k + 1).ndig == 2 && !T(k + 1).sp) {
        int v = T(k + 1).num;
        *y = v < 30 ? 2000 + v : 1900 + v;
        return 2;
    }
    return 0;
}

static int day_num(const tx_ctx *c, size_t k, int *d)
{
    int o;
    if (tr_is_num(c, k, 2) && T(k).num >= 1 && T(k).num <= 31) {
        if (tw_ordinal(c, k, &o)) { *d = o; return 2; }
        /* "March 3.5 million": a decimal is not a day */
        if ((tw_punct(c, k + 1, '.') || tw_punct(c, k + 1, ',')) && tr_is_num(c, k + 2, 9) && !T(k + 2).sp)
            return 0;
        /* "June 30 billion", "May 5%" */
        if (tw_punct(c, k + 1, '%') || IS(k + 1, "percent") || IS(k + 1, "million") || IS(k + 1, "billion"))
            return 0;
        *d = T(k).num;
        return 1;
    }
    return 0;
}

/* "15-21 April", "between 15 and 21 April", "from 3 to 7 May 2009": the
 * first day of a range whose month comes after the second day. */
static int day_first_range(const tx_ctx *c, size_t k, int *day, int *d2, int *mon, int *y)
{
    size_t o = k + 1;
    int n;
    if (!tr_is_num(c, k, 2) || T(k).num < 1 || T(k).num > 31 || k + 3 >= c->n) return 0;
    if (tw_dash(c, o) && !T(o).sp && !T(o + 1).sp) o++;
    else if (k > 0 && ((IS(o, "and") && IS(k - 1, "between")) ||
                       ((IS(o, "to") || IS(o, "until") || IS(o, "through")) && IS(k - 1, "from"))))
        o++;
    else return 0;
    if (!(n = day_num(c, o, d2)) || *d2 <= T(k).num) return 0;
    o += (size_t)n;
    if (o >= c->n || T(o).len < 3 || !T(o).sp || !(n = tw_month(c, o, mon))) return 0;
    *y = 0;
    year_after(c, o + (size_t)n, y);
    *day = T(k).num;
    if (*d2 > tx_days_in_month(*y ? *y : 2000, *mon)) return 0;
    return 1;
}

int tr_monthdate(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i, k0;
    int wd = 0, mon = 0, day = 0, y = 0, n, d2 = 0, mon2 = 0;
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
                int yy = 0;
                if (year_after(c, k + 2, &yy)) y = yy;
            } else if (tw_dash(c, k) && (n = tw_month(c, k + 1, &mon2)) && mon2 > mon && day_num(c, k + 1 + n, &d2)) {
                /* "Feb. 27-March 2" */
                int yy = 0;
                if (year_after(c, k + 2 + n, &yy)) y = yy;
            } else {
                d2 = 0;
            }
            if (!d2 && (n = year_after(c, k, &y))) k += n;
        } else if ((n = year_after(c, k, &y))) {
            k += n;
        } else if (IS(k, "of") && tr_is_year_tok(c, k + 1)) {
            y = T(k + 1).num;
            k += 2;
        } else if ((IS(k, "last") || IS(k, "this") || IS(k, "next")) && IS(k + 1, "year") && tr_have_dct(c)) {
            y = c->dct.y + (IS(k, "last") ? -1 : IS(k, "next") ? 1 : 0);
            k += 2;
        } else if (IS(k, "nineteen") && tr_year(c, k, &yw)) {
            y = atoi(yw.value);
            k = yw.j;
        } else {
            if (!month_alone_ok(c, k0, mon)) return 0;
            if (wd) return 0;
        }
    } else if (day_first_range(c, k, &day, &d2, &mon, &y)) {
        /* "15-21 April", "between 15 and 21 April": the first day alone */
        k++;
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
    if (!y) y = tr_year_for(c, i, mon, day);
    n = tr_fin_date(m, i, k, y, mon, day);
    if (d2) {
        tx_date e;
        e.y = y;
        e.m = mon2 ? mon2 : mon;
        e.d = d2;
        tx_fmt_date(m->end_value, sizeof m->end_value, &e);
    }
    return n;
}

/* ---- numeric dates: 2010-02-09, 02/09/2010 ------------------------- */

static int attached(const tx_ctx *c, size_t k) { return k < c->n && !T(k).sp; }

int tr_numeric(tx_ctx *c, size_t i, tx_match *m)
{
    int a, b, y, mo, d;
    if (i + 4 >= c->n || !tr_is_num(c, i, 4)) return 0;
    if (i > 0 && !T(i).sp && T(i - 1).kind != TK_PUNCT) return 0;
    if (!attached(c, i + 1) || !attached(c, i + 2) || !attached(c, i + 3) || !attached(c, i + 4)) return 0;
    if (!tr_is_num(c, i + 2, 2) || !tr_is_num(c, i + 4, 4)) return 0;
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
    return tr_fin_date(m, i, i + 5, y, mo, d);
}

/* ---- years, decades, centuries, fiscal years ------------------------ */

static int year_context_ok(const tx_ctx *c, size_t i)
{
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
    if (tw_in(c, i + 1, TL_NOT_AFTER_YEAR) || IS(i + 1, "percent") || IS(i + 1, "per")) return 0;
    /* "the 2000 delegates", "about 1500 soldiers": a count of a plural noun */
    if (i > 0 && i + 1 < c->n && (IS(i - 1, "the") || IS(i - 1, "about") || IS(i - 1, "some") || IS(i - 1, "than") ||
                                  IS(i - 1, "nearly") || IS(i - 1, "almost") || IS(i - 1, "over") ||
                                  IS(i - 1, "those") || IS(i - 1, "these") || IS(i - 1, "and"))) {
        const tx_tok *q = &T(i + 1);
        if (q->kind == TK_WORD && !q->cap && q->len > 3 && q->len <= TX_WMAX && q->w[q->len - 1] == 's' &&
            q->w[q->len - 2] != 's' && q->w[q->len - 2] != 'u' && q->w[q->len - 2] != 'i')
            return 0;
    }
    if (v < 1800) {
        if (!(i > 0 && tw_in(c, i - 1, TL_YEAR_PREP))) return 0;
    }
    return 1;
}

int tr_year(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int the = 0, y, y2, n;
    char v[24];
    if (IS(k, "the")) { the = 1; k++; }
    if (IS(k, "year") && the && tr_is_year_tok(c, k + 1)) {
        return tr_fin_date(m, i, k + 2, T(k + 1).num, 0, 0);
    }
    /* "the year two thousand (and five)" */
    if (IS(k, "year") && the && IS(k + 1, "two") && IS(k + 2, "thousand")) {
        int t = 0, vague, n2 = IS(k + 3, "and") ? 1 : 0;
        int used = tw_number(c, k + 3 + n2, &t, &vague);
        if (!used || vague || t >= 100 || T(k + 3 + n2).kind != TK_WORD) used = n2 = 0, t = 0;
        return tr_fin_date(m, i, k + 3 + n2 + used, 2000 + t, 0, 0);
    }
    /* "'80s" */
    if (k + 2 < c->n && (tw_punct(c, k, '\'') || (T(k).len == 3 && (unsigned char)T(k).w[2] == 0x99)) &&
        tr_is_num(c, k + 1, 2) && T(k + 1).ndig == 2 && T(k + 1).num % 10 == 0 && IS(k + 2, "s") &&
        !T(k + 1).sp && !T(k + 2).sp) {
        snprintf(v, sizeof v, "19%d", T(k + 1).num / 10);
        return tr_fin(m, i, k + 3, DSR_TX_DATE, v);
    }
    /* "nineteen ninety-six", "the year two thousand" */
    if (IS(k, "nineteen") || IS(k, "eighteen")) {
        int base = IS(k, "nineteen") ? 1900 : 1800, t, vague;
        if ((n = tw_number(c, k + 1, &t, &vague)) && !vague && t >= 10 && t < 100 && T(k + 1).kind == TK_WORD &&
            !IS(k + 1, "a") && !IS(k + 1, "an"))
            return tr_fin_date(m, i, k + 1 + n, base + t, 0, 0);
        return 0;
    }
    if (the && (IS(k, "nineties") || IS(k, "eighties") || IS(k, "seventies") || IS(k, "sixties") ||
                IS(k, "fifties") || IS(k, "forties") || IS(k, "thirties") || IS(k, "twenties"))) {
        snprintf(v, sizeof v, "19%d", tw_in(c, k, TL_DECADES) + 1);
        return tr_fin(m, i, k + 1, DSR_TX_DATE, v);
    }
    /* "the 20th century", "the twentieth century" */
    if (tw_ordinal(c, k, &n) && n >= 1 && n <= 21) {
        size_t o = k + (T(k).kind == TK_NUM ? 2 : 1);
        if (IS(o, "century")) {
            snprintf(v, sizeof v, "%02d", n - 1);
            return tr_fin(m, i, o + 1, DSR_TX_DATE, v);
        }
    }
    /* "fiscal 2011", "fiscal year 2011", "FY2011" */
    if (IS(k, "fiscal") || IS(k, "fy")) {
        size_t o = k + 1;
        if (IS(o, "year")) o++;
        if (tr_is_year_tok(c, o)) return tr_fin_date(m, i, o + 1, T(o).num, 0, 0);
        if (tr_is_num(c, o, 2) && T(o).ndig == 2 && (IS(k, "fy") || tw_punct(c, o - 1, '\''))) {
            y = T(o).num;
            return tr_fin_date(m, i, o + 1, y < 30 ? 2000 + y : 1900 + y, 0, 0);
        }
        if (tw_punct(c, o, '\'') && tr_is_num(c, o + 1, 2) && T(o + 1).ndig == 2) {
            y = T(o + 1).num;
            return tr_fin_date(m, i, o + 2, y < 30 ? 2000 + y : 1900 + y, 0, 0);
        }
        return 0;
    }
    if (!tr_is_year_tok(c, k)) return 0;
    y = T(k).num;
    /* decades: "1990s", "the 1990s" */
    if (IS(k + 1, "s") && !T(k + 1).sp) {
        if (y % 10) return 0;
        snprintf(v, sizeof v, "%03d", y / 10);
        return tr_fin(m, i, k + 2, DSR_TX_DATE, v);
    }
    if (the) return 0;      /* "the 1992 pact": the year alone */
    if (!year_context_ok(c, k)) return 0;
    n = tr_fin_date(m, i, k + 1, y, 0, 0);
    /* "1990-91", "1990-1995" */
    if (tw_dash(c, k + 1) && !T(k + 1).sp && tr_is_num(c, k + 2, 4) && !T(k + 2).sp) {
        y2 = T(k + 2).num;
        if (T(k + 2).ndig == 2) y2 += y / 100 * 100;
        if (T(k + 2).ndig == 2 || T(k + 2).ndig == 4) {
            if (y2 > y && y2 - y < 100) {
                tx_date e = { 0, 0, 0 };
                e.y = y2;
                tx_fmt_date(m->end_value, sizeof m->end_value, &e);
                return tr_fin_date(m, i, k + 3, y, 0, 0);
            }
        }
    }
    return n;
}

/* ---- quarters and halves --------------------------------------------- */

int tr_quarter(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int the = 0, rel = 0, y = 0, q = 0, half = 0, n, fiscal = 0, ago = 0;
    char v[24];
    tx_date d = tr_dct_full(c);
    int curq = tr_quarter_of(d.m);
    /* "this year's third quarter", "next year's first half" */
    if ((IS(k, "this") || IS(k, "last") || IS(k, "next")) && IS(k + 1, "year") && k + 3 < c->n &&
        (T(k + 2).w[0] == '\'' || (T(k + 2).len == 3 && (unsigned char)T(k + 2).w[2] == 0x99)) && IS(k + 3, "s") &&
        tr_have_dct(c)) {
        y = d.y + (IS(k, "last") ? -1 : IS(k, "next") ? 1 : 0);
        k += 4;
        the = 1;
    } else if (IS(k, "the") || IS(k, "its") || IS(k, "their")) { the = 1; k++; }
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
    if (ago && k == i + 3 && !IS(k, "quarter") && !IS(k, "period") && !tw_ordinal(c, k, &n) && tr_have_dct(c)) {
        /* "year-earlier results": the same period a year before */
        if (c->anchor_q[0]) snprintf(v, sizeof v, "%04d-Q%c", c->anchor.y - 1, c->anchor_q[6]);
        else snprintf(v, sizeof v, "%04d", d.y - 1);
        m->relative = 1;
        return tr_fin(m, i, k, DSR_TX_DATE, v);
    }
    if (tr_is_year_tok(c, k) && T(k).sp) { y = T(k).num; k++; }
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
    if (IS(k, "of") && tr_is_year_tok(c, k + 1)) { y = T(k + 1).num; k += 2; }
    else if (!y && tr_is_year_tok(c, k) && T(k).sp) { y = T(k).num; k++; }
    if (!tr_have_dct(c) && !y) return 0;
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
            else if (half && half * 2 > tr_quarter_of(d.m) && tx_tense(c, i) < 0) y--;
        }
        if (half) snprintf(v, sizeof v, "%04d-H%d", y, half);
        else snprintf(v, sizeof v, "%04d-Q%d", y, q);
    }
    return tr_fin(m, i, k, DSR_TX_DATE, v);
}
