/*
 * timex_relative.c -- rules for expressions that need the document date
 * or the text's last date: "last year", "that month", "today", "now",
 * "two weeks ago", durations ("six years", "a decade") and sets
 * ("every year", "weekly").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_rules.h"

/* ---- this/last/next + unit, month, weekday, season ------------------- */

int tr_deictic(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int rel, mon, wd, u, pl, the = 0, anchor = 0;
    const char *code;
    char v[24];
    tx_date d = tr_dct_full(c), a;
    if (!tr_have_dct(c)) return 0;
    if (IS(k, "the")) { the = 1; k++; }
    if (the && k == i + 1) {
        /* "the weekend": the one just past unless the sentence looks ahead */
        if (IS(k, "weekend")) {
            tx_date t = d;
            int cur = tx_weekday(t.y, t.m, t.d);
            if (cur < 6 && tx_tense(c, i) <= 0) tx_add_days(&t, -7);
            tr_week_value(v, sizeof v, t, "-WE");
            return tr_fin(m, i, k + 1, DSR_TX_DATE, v);
        }
        if (IS(k, "full") && IS(k + 1, "year")) return tr_fin_date(m, i, k + 2, d.y, 0, 0);
        if (c->ofmod && IS(k, "year")) return tr_fin_date(m, i, k + 1, d.y, 0, 0);
        if (c->ofmod && IS(k, "month")) return tr_fin_date(m, i, k + 1, d.y, d.m, 0);
        if (c->ofmod && IS(k, "week")) {
            tr_week_value(v, sizeof v, d, "");
            return tr_fin(m, i, k + 1, DSR_TX_DATE, v);
        }
    }
    if (IS(k, "this") && !the) rel = 0;
    else if ((IS(k, "last") || IS(k, "past")) && (!the || !IS(k + 1, "week"))) rel = -1;
    else if (IS(k, "next") || IS(k, "coming")) rel = 1;
    else if ((IS(k, "current") || IS(k, "present")) && the) rel = 0;
    else if (IS(k, "that") && !the) { rel = 0; anchor = 1; }
    else if (the && IS(k, "same")) { rel = 0; anchor = 1; }
    else if (the && IS(k, "following")) { rel = 1; anchor = 1; }
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
                return tr_fin(m, i, k, DSR_TX_DATE, v);
            }
            if (rel < 0 && !anchor && c->dct.m &&
                (IS(k, "period") || (k >= 3 && (IS(k - 3, "period") || IS(k - 3, "quarter"))))) {
                /* "the corresponding period last year": the last reported quarter, a year before */
                int q = tr_quarter_of(c->dct.m) - 1, y = d.y - 1;
                if (q < 1) q = 4, y--;
                snprintf(v, sizeof v, "%04d-Q%d", y, q);
                m->relative = 1;
                return tr_fin(m, i, k, DSR_TX_DATE, v);
            }
            return tr_fin_date(m, i, k, a.y + rel, 0, 0);
        case U_MONTH: {
            tx_date t = a;
            tx_add_months(&t, rel);
            return tr_fin_date(m, i, k, t.y, t.m, 0);
        }
        case U_WEEK:
            tx_add_days(&a, 7L * rel);
            tr_week_value(v, sizeof v, a, "");
            return tr_fin(m, i, k, DSR_TX_DATE, v);
        case U_WEEKEND: {
            tx_date t = a;
            int cur = tx_weekday(t.y, t.m, t.d);
            if (rel == 0 && cur < 6 && tx_tense(c, i) <= 0 && !anchor) rel = 0;
            tx_add_days(&t, 7L * rel);
            tr_week_value(v, sizeof v, t, "-WE");
            return tr_fin(m, i, k, DSR_TX_DATE, v);
        }
        case U_DAY:
            if (!anchor) return 0;
            tx_add_days(&a, rel);
            if (!c->anchor.d && !c->anchor.y) return 0;
            return tr_fin_date(m, i, k, a.y, a.m, a.d);
        case U_DECADE:
            if (rel < 0) return tr_fin(m, i, k, DSR_TX_DURATION, "P10Y");
            snprintf(v, sizeof v, "%03d", a.y / 10 + rel);
            return tr_fin(m, i, k, DSR_TX_DATE, v);
        case U_CENT:
            if (rel < 0) return tr_fin(m, i, k, DSR_TX_DURATION, "P100Y");
            snprintf(v, sizeof v, "%02d", a.y / 100 + rel);
            return tr_fin(m, i, k, DSR_TX_DATE, v);
        default:
            return 0;
        }
    }
    if (tw_month(c, k, &mon) == 1) {
        int y = a.y;
        if (rel < 0 && !anchor) y = mon < d.m ? d.y : d.y - 1;
        else if (rel > 0 && !anchor) y = mon > d.m ? d.y : d.y + 1;
        return tr_fin_date(m, i, k + 1, y, mon, 0);
    }
    if (tw_weekday(c, k, &wd)) {
        tx_date t = anchor ? a : tr_weekday_date(c, i, wd, rel == 0 ? 0 : rel);
        const char *part;
        if (anchor) {
            int cur = tx_weekday(t.y, t.m, t.d);
            int delta = rel < 0 ? -((cur - wd + 7) % 7 ? (cur - wd + 7) % 7 : 7)
                                : ((wd - cur + 7) % 7 ? (wd - cur + 7) % 7 : 7);
            tx_add_days(&t, delta);
        }
        if (tw_daypart(c, k + 1, &part)) {
            snprintf(v, sizeof v, "%04d-%02d-%02dT%s", t.y, t.m, t.d, part);
            return tr_fin(m, i, k + 2, DSR_TX_TIME, v);
        }
        return tr_fin_date(m, i, k + 1, t.y, t.m, t.d);
    }
    if (tw_season(c, k, &code)) {
        int y = a.y + rel;
        snprintf(v, sizeof v, "%04d-%s", y, code);
        return tr_fin(m, i, k + 1, DSR_TX_DATE, v);
    }
    if (!the && rel == 0 && !anchor && tw_daypart(c, k, &code)) {
        snprintf(v, sizeof v, "%04d-%02d-%02dT%s", d.y, d.m, d.d, code);
        return tr_fin(m, i, k + 1, DSR_TX_TIME, v);
    }
    if (!the && rel < 0 && IS(k, "night")) {
        tx_add_days(&d, -1);
        snprintf(v, sizeof v, "%04d-%02d-%02dTNI", d.y, d.m, d.d);
        return tr_fin(m, i, k + 1, DSR_TX_TIME, v);
    }
    return 0;
}

/* ---- single words: today, yesterday, now, recently, soon ------------- */

int tr_day_word(const tx_ctx *c, size_t k, tx_date *d)
{
    *d = tr_dct_full(c);
    if (!c->dct.d) return 0;
    if (IS(k, "today")) return 1;
    if (IS(k, "yesterday")) { tx_add_days(d, -1); return 1; }
    if (IS(k, "tomorrow")) { tx_add_days(d, 1); return 1; }
    return 0;
}

int tr_word(tx_ctx *c, size_t i, tx_match *m)
{
    tx_date d;
    const char *part;
    char v[24];
    if (tr_day_word(c, i, &d)) {
        if (tw_daypart(c, i + 1, &part)) {
            snprintf(v, sizeof v, "%04d-%02d-%02dT%s", d.y, d.m, d.d, part);
            return tr_fin(m, i, i + 2, DSR_TX_TIME, v);
        }
        return tr_fin_date(m, i, i + 1, d.y, d.m, d.d);
    }
    if (IS(i, "tonight") && c->dct.d) {
        d = tr_dct_full(c);
        snprintf(v, sizeof v, "%04d-%02d-%02dTNI", d.y, d.m, d.d);
        return tr_fin(m, i, i + 1, DSR_TX_TIME, v);
    }
    if (IS(i, "right") && IS(i + 1, "now")) return tr_fin(m, i, i + 2, DSR_TX_DATE, "PRESENT_REF");
    if (IS(i, "now") || IS(i, "currently") || IS(i, "nowadays") || IS(i, "presently"))
        return tr_fin(m, i, i + 1, DSR_TX_DATE, "PRESENT_REF");
    if (IS(i, "these") && IS(i + 1, "days")) return tr_fin(m, i, i + 2, DSR_TX_DATE, "PRESENT_REF");
    /* TimeML reads the adjective "current" as a reference to the present
     * ("current market conditions"), but not in "current account" */
    if (IS(i, "current") && !IS(i + 1, "account") && !IS(i + 1, "accounts") && !(i > 0 && IS(i - 1, "then")) &&
        i + 1 < c->n && T(i + 1).kind == TK_WORD)
        return tr_fin(m, i, i + 1, DSR_TX_DATE, "PRESENT_REF");
    if (IS(i, "more") && IS(i + 1, "recently")) return tr_fin(m, i, i + 2, DSR_TX_DATE, "PAST_REF");
    if (IS(i, "recently") || IS(i, "lately"))
        return tr_fin(m, i, i + 1, DSR_TX_DATE, "PAST_REF");
    if (IS(i, "soon") && !IS(i + 1, "as") && !IS(i + 1, "after"))
        return tr_fin(m, i, i + 1, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && IS(i + 1, "future")) return tr_fin(m, i, i + 2, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && (IS(i + 1, "near") || IS(i + 1, "short")) && IS(i + 2, "term"))
        return tr_fin(m, i, i + 3, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "a") && IS(i + 1, "later") && IS(i + 2, "date")) return tr_fin(m, i, i + 3, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && (IS(i + 1, "near") || IS(i + 1, "distant")) && IS(i + 2, "future"))
        return tr_fin(m, i, i + 3, DSR_TX_DATE, "FUTURE_REF");
    if (IS(i, "the") && IS(i + 1, "past") && !tw_number(c, i + 2, &(int){0}, &(int){0}) &&
        !tw_unit(c, i + 2, &(int){0}, &(int){0}) && !IS(i + 2, "few") && !IS(i + 2, "several"))
        return tr_fin(m, i, i + 2, DSR_TX_DATE, "PAST_REF");
    if (IS(i, "recent") && IS(i + 1, "years")) return tr_fin(m, i, i + 2, DSR_TX_DATE, "PAST_REF");
    if ((IS(i, "recent") || IS(i, "coming")) && (IS(i + 1, "months") || IS(i + 1, "weeks") || IS(i + 1, "days"))) {
        snprintf(v, sizeof v, "PX%c", IS(i + 1, "months") ? 'M' : IS(i + 1, "weeks") ? 'W' : 'D');
        return tr_fin(m, i, i + 2, DSR_TX_DURATION, v);
    }
    if (IS(i, "the") && IS(i + 1, "coming") && (IS(i + 2, "months") || IS(i + 2, "weeks") ||
                                                IS(i + 2, "days") || IS(i + 2, "years"))) {
        snprintf(v, sizeof v, "PX%c", IS(i + 2, "months") ? 'M' : IS(i + 2, "weeks") ? 'W' : IS(i + 2, "days") ? 'D' : 'Y');
        return tr_fin(m, i, i + 3, DSR_TX_DURATION, v);
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
        snprintf(v, n, "P%sX%c", time ? "T" : "", u == U_DECADE ? 'E' : u == U_CENT ? 'C' : tr_unit_code[u]);
        return;
    }
    snprintf(v, n, "P%s%d%c", time ? "T" : "", num * mul, tr_unit_code[u]);
}

/* "two weeks ago", "a year earlier", "three days later". */
static int dur_relative(tx_ctx *c, size_t i, size_t k, int num, int vague, int u, tx_match *m)
{
    int dir, from_anchor = 0, n = 1;
    tx_date d = tr_dct_full(c);
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
    if (!tr_have_dct(c)) return 0;
    if (vague) return tr_fin(m, i, k + n, DSR_TX_DATE, dir < 0 ? "PAST_REF" : "FUTURE_REF");
    if (u == U_YEAR && c->anchor_q[0] && dir < 0) {
        /* "profit rose from $5 million a year earlier": the same quarter a year before */
        char v[24];
        snprintf(v, sizeof v, "%04d-Q%c", c->anchor.y - num, c->anchor_q[6]);
        return tr_fin(m, i, k + n, DSR_TX_DATE, v);
    }
    if (from_anchor && c->anchor.y) {
        d = c->anchor;
        if (u == U_YEAR || u == U_DECADE || u == U_CENT) {
            if (!d.d) d = tr_dct_full(c), d.m = d.d = 0;
            d.y += dir * num * (u == U_DECADE ? 10 : u == U_CENT ? 100 : 1);
            return tr_fin_date(m, i, k + n, d.y, d.m, d.d);
        }
        if (!d.m) d.m = 6;
        if (!d.d && (u == U_DAY || u == U_WEEK)) return 0;
    }
    switch (u) {
    case U_YEAR: case U_DECADE: case U_CENT:
        return tr_fin_date(m, i, k + n, d.y + dir * num * (u == U_DECADE ? 10 : u == U_CENT ? 100 : 1), 0, 0);
    case U_MONTH:
        tx_add_months(&d, dir * num);
        return tr_fin_date(m, i, k + n, d.y, d.m, 0);
    case U_QUARTER:
        tx_add_months(&d, dir * num * 3);
        {
            char v[24];
            snprintf(v, sizeof v, "%04d-Q%d", d.y, tr_quarter_of(d.m));
            return tr_fin(m, i, k + n, DSR_TX_DATE, v);
        }
    case U_WEEK: case U_FORTNIGHT:
        if (!c->dct.d && !from_anchor) return 0;
        tx_add_days(&d, 7L * dir * num * (u == U_FORTNIGHT ? 2 : 1));
        return tr_fin_date(m, i, k + n, d.y, d.m, d.d);
    case U_DAY:
        if (!c->dct.d && !from_anchor) return 0;
        tx_add_days(&d, (long)dir * num);
        return tr_fin_date(m, i, k + n, d.y, d.m, d.d);
    case U_HOUR: case U_MIN:
        return tr_fin_date(m, i, k + n, d.y, d.m, d.d);
    default:
        return 0;
    }
}

int tr_duration(tx_ctx *c, size_t i, tx_match *m)
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
    /* the tail of "1,428,000" or "3.5" is no count of its own */
    if (T(k).kind == TK_NUM && k > 0 && !T(k).sp && (tw_punct(c, k - 1, ',') || tw_punct(c, k - 1, '.'))) return 0;
    if ((IS(k, "a") || IS(k, "an")) && (the || lead)) return 0;
    k += n;
    if (IS(k, "more") || IS(k, "additional") || IS(k, "further") || IS(k, "straight") || IS(k, "consecutive") ||
        IS(k, "trading") || IS(k, "business") || IS(k, "working") || IS(k, "calendar"))
        k++;
    if (tw_dash(c, k) && !T(k).sp) {
        /* "five-year", "24-hour" */
        if (!tw_unit(c, k + 1, &u, &pl) || pl || T(k + 1).sp) return 0;
        k += 2;
        if (tw_dash(c, k) && IS(k + 1, "old")) return 0;     /* an age: "a 6-year-old" */
        if (tw_dash(c, k) && IS(k + 1, "long")) k += 2;
    } else if (tw_unit(c, k, &u, &pl)) {
        /* ages ("six years old"); "60 Minutes"; a table's "Year" heading */
        if (IS(k + 1, "old") || (T(k).cap && !T(k - 1).cap)) return 0;
        /* "the 1986 year": a year, not 1986 years */
        if (!pl && tr_is_year_tok(c, k - 1) && T(k - 1).num >= 1800) return 0;
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
        snprintf(v, sizeof v, "P1%s%c", (u == U_HOUR || u == U_MIN) ? "T" : "", tr_unit_code[u]);
        return tr_fin(m, i, k, DSR_TX_SET, v);
    }
    /* "the past few months": an unmeasured stretch of the past */
    if (vague == 1 && lead && (IS(i + the, "past") || IS(i + the, "last")))
        return tr_fin(m, i, k, DSR_TX_DATE, "PAST_REF");
    dur_value(v, sizeof v, num, vague, u);
    n = tr_fin(m, i, k, DSR_TX_DURATION, v);
    if (vague == 2) snprintf(m->mod, sizeof m->mod, "APPROX");
    if (IS(k, "or") && IS(k + 1, "so")) {
        snprintf(m->mod, sizeof m->mod, "APPROX");
        m->j = (uint32_t)(k + 2);
        n += 2;
    }
    return n;
}

/* ---- sets: "every year", "weekly", "each Thursday" ------------------- */

int tr_set(tx_ctx *c, size_t i, tx_match *m)
{
    /* "quarterly" and "annually" mostly qualify payments ("a quarterly
     * dividend"), which TimeBank does not annotate */
    static const char *const advv[] = { "P1D", "P1W", "P1M", "P1Y", "PT1H", "P1D" };
    int k, u, pl, mon, wd, num, vague, n;
    char v[24];
    if ((k = tw_in(c, i, TL_SET_ADV))) return tr_fin(m, i, i + 1, DSR_TX_SET, advv[k - 1]);
    if ((IS(i, "per") || IS(i, "every") || IS(i, "each")) && tw_unit(c, i + 1, &u, &pl) && !pl)
        {
            snprintf(v, sizeof v, "P%s1%c", (u == U_HOUR || u == U_MIN || u == U_SEC) ? "T" : "", tr_unit_code[u]);
            if (u == U_DECADE) snprintf(v, sizeof v, "P10Y");
            return tr_fin(m, i, i + 2, DSR_TX_SET, v);
        }
    if (IS(i, "every") && (n = tw_number(c, i + 1, &num, &vague)) && !vague && num > 1 &&
        tw_unit(c, i + 1 + n, &u, &pl) && pl) {
        snprintf(v, sizeof v, "P%s%d%c", (u == U_HOUR || u == U_MIN) ? "T" : "", num, tr_unit_code[u]);
        return tr_fin(m, i, i + 2 + n, DSR_TX_SET, v);
    }
    if ((IS(i, "every") || IS(i, "each")) && tw_weekday(c, i + 1, &wd)) {
        snprintf(v, sizeof v, "XXXX-WXX-%d", wd);
        return tr_fin(m, i, i + 2, DSR_TX_SET, v);
    }
    if ((IS(i, "every") || IS(i, "each")) && tw_month(c, i + 1, &mon) == 1) {
        snprintf(v, sizeof v, "XXXX-%02d", mon);
        return tr_fin(m, i, i + 2, DSR_TX_SET, v);
    }
    if (tw_weekdays(c, i, &wd) && i > 0 && (IS(i - 1, "on") || IS(i - 1, "most") || IS(i - 1, "some"))) {
        snprintf(v, sizeof v, "XXXX-WXX-%d", wd);
        return tr_fin(m, i, i + 1, DSR_TX_SET, v);
    }
    return 0;
}
