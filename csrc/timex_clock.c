/*
 * timex_clock.c -- times of day ("3 p.m.", "10:35 a.m. EST Friday",
 * "noon"), bare weekdays, seasons and fixed holidays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_rules.h"

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
    int n = tw_in(c, k, TL_ZONES);
    if (!n || !T(k).cap) return 0;
    *utc = n == 9 || n == 10;
    return 1;
}

/* After a time: "Friday", ", Nov. 6", "on Tuesday", "yesterday". */
static int time_day(tx_ctx *c, size_t i, size_t k, tx_date *d, size_t *end)
{
    tx_match t;
    size_t o = k;
    int wd;
    if (tw_punct(c, o, ',')) o++;
    if (IS(o, "on")) o++;
    if (tr_day_word(c, o, d)) { *end = o + 1; return 1; }
    memset(&t, 0, sizeof t);
    if (tr_monthdate(c, o, &t) && tx_parse_date(t.value, d) && d->d) { *end = t.j; return 1; }
    if (tw_weekday(c, o, &wd) && tr_have_dct(c)) {
        /* the direction cue stands before the time: "until 9 a.m. Tuesday" */
        int cue = tr_cue(c, i);
        *d = tr_weekday_date(c, o, wd, cue > 0 ? 2 : cue < 0 ? -2 : 0);
        *end = o + 1;
        return 1;
    }
    return 0;
}

int tr_time(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i, e;
    int h, mi = 0, pm = -1, n, utc = 0, wd, named = 0;
    char v[48];
    tx_date d = tr_dct_full(c), dd;
    if (IS(k, "noon") || IS(k, "midday")) { h = 12; named = 1; k++; }
    else if (IS(k, "midnight")) { h = 24; named = 1; k++; }
    else if (tw_weekday(c, k, &wd) && (IS(k + 1, "noon") || IS(k + 1, "midnight") ||
                                       (IS(k + 1, "at") && tr_is_num(c, k + 2, 2)))) {
        return 0;
    } else {
        if (!tr_is_num(c, k, 2) || T(k).num > 24) return 0;
        if (i > 0 && !T(i).sp && (T(i - 1).kind != TK_PUNCT || tw_punct(c, i - 1, ':') ||
                                  tw_punct(c, i - 1, '.') || tw_punct(c, i - 1, '$'))) return 0;
        h = T(k).num;
        k++;
        if (tw_punct(c, k, ':') && tr_is_num(c, k + 1, 2) && T(k + 1).ndig == 2 &&
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
    if (time_day(c, i, k, &dd, &e)) d = dd;
    else if (c->anchor.y && c->anchor.m && c->anchor.d) d = c->anchor;   /* the day the text is on */
    else if (!c->dct.d) return 0;
    /* "noon" alone is a time only where a clock time is expected ("at noon") */
    if (named && e == k && !(i > 0 && (IS(i - 1, "at") || IS(i - 1, "by") || IS(i - 1, "until") || IS(i - 1, "before") ||
                                       IS(i - 1, "after"))))
        return 0;
    snprintf(v, sizeof v, "%04d-%02d-%02dT%02d:%02d%s", d.y, d.m, d.d, h, mi, utc ? "Z" : "");
    if (h == 24) snprintf(v, sizeof v, "%04d-%02d-%02dT24:00", d.y, d.m, d.d);
    return tr_fin(m, i, e, DSR_TX_TIME, v);
}

/* ---- weekdays, seasons, holidays ------------------------------------- */

int tr_weekday(tx_ctx *c, size_t i, tx_match *m)
{
    int wd;
    const char *part;
    char v[24];
    tx_date d;
    if (!tw_weekday(c, i, &wd) || !tr_have_dct(c)) return 0;
    /* a name like "Black Friday" or "Good Friday" is not the weekday of the article */
    if (i > 0 && T(i - 1).cap && T(i - 1).kind == TK_WORD && !T(i - 1).nl &&
        (IS(i - 1, "black") || IS(i - 1, "good") || IS(i - 1, "super") || IS(i - 1, "ash") ||
         IS(i - 1, "cyber") || IS(i - 1, "bloody") || IS(i - 1, "easter")))
        return 0;
    d = tr_weekday_date(c, i, wd, 0);
    if (tw_daypart(c, i + 1, &part)) {
        snprintf(v, sizeof v, "%04d-%02d-%02dT%s", d.y, d.m, d.d, part);
        return tr_fin(m, i, i + 2, DSR_TX_TIME, v);
    }
    return tr_fin_date(m, i, i + 1, d.y, d.m, d.d);
}

int tr_season(tx_ctx *c, size_t i, tx_match *m)
{
    size_t k = i;
    int the = 0, y = 0;
    const char *code;
    char v[24];
    if (IS(k, "the")) { the = 1; k++; }
    if (!tw_season(c, k, &code)) return 0;
    if (T(k).cap && !T(k).nl && i == k && !(k > 0 && tw_punct(c, k - 1, '.'))) return 0;   /* "Arab Spring" */
    k++;
    if (IS(k, "of") && tr_is_year_tok(c, k + 1)) { y = T(k + 1).num; k += 2; }
    else if (tr_is_year_tok(c, k) && T(k).sp) { y = T(k).num; k++; }
    if (!y) {
        /* bare "fall" is the verb; "spring" a source or a verb */
        if (IS(i + the, "fall") || IS(i + the, "spring")) {
            if (!the || !(i > 0 && (IS(i - 1, "in") || IS(i - 1, "during") || IS(i - 1, "this") ||
                                    IS(i - 1, "by") || IS(i - 1, "until"))))
                return 0;
        }
        if (!tr_have_dct(c)) return 0;
        y = c->dct.y;
    }
    snprintf(v, sizeof v, "%04d-%s", y, code);
    return tr_fin(m, i, k, DSR_TX_DATE, v);
}

int tr_holiday(tx_ctx *c, size_t i, tx_match *m)
{
    int mon = 0, day = 0, y, n = 1, wd;
    if (!tr_have_dct(c)) return 0;
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
        y = tr_year_for(c, i, 11, 20);
        wd = tx_weekday(y, 11, 1);
        if (IS(i, "thanksgiving")) day = 1 + (4 - wd + 7) % 7 + 21;
        else day = 1 + (1 - wd + 7) % 7 + 1;
        return tr_fin_date(m, i, i + n, y, mon, day);
    } else if (IS(i, "independence") && IS(i + 1, "day") && T(i).cap) {
        mon = 7; day = 4; n = 2;
    } else if (IS(i, "halloween") && T(i).cap) {
        mon = 10; day = 31;
    } else {
        return 0;
    }
    y = tr_year_for(c, i, mon, day);
    return tr_fin_date(m, i, i + n, y, mon, day);
}
