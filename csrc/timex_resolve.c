/*
 * timex_resolve.c -- what the rules share: finishing a match and placing
 * partial dates against the document date.
 *
 * A month or day named without a year takes the document's year, moved
 * by the tense of the sentence ("will meet in January" from November is
 * next year's); a weekday is the nearest one before the document date,
 * or after it when the sentence speaks of the future.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex_rules.h"

const char tr_unit_code[] = { 0, 'Y', 'M', 'W', 'D', 'H', 'M', 'S', 'Y', 'Y', 'Q', 'D', 'W', 'L' };

int tr_is_num(const tx_ctx *c, size_t i, int ndig_max)
{
    return i < c->n && T(i).kind == TK_NUM && T(i).ndig <= ndig_max;
}

int tr_is_year_tok(const tx_ctx *c, size_t i)
{
    return i < c->n && T(i).kind == TK_NUM && T(i).ndig == 4 && T(i).num >= 1000 && T(i).num <= 2099;
}

int tr_fin(tx_match *m, size_t i, size_t j, int type, const char *value)
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

int tr_fin_date(tx_match *m, size_t i, size_t j, int y, int mo, int d)
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
    return tr_fin(m, i, j, DSR_TX_DATE, v);
}

int tr_have_dct(const tx_ctx *c) { return c->dct.y > 0; }

/* The document date, with month and day filled in as best we can. */
tx_date tr_dct_full(const tx_ctx *c)
{
    tx_date d = c->dct;
    if (!d.m) d.m = 6;
    if (!d.d) d.d = 15;
    return d;
}

int tr_quarter_of(int m) { return (m - 1) / 3 + 1; }

/* ---- resolving partial dates ---------------------------------------- */

/* The year of a month (and day) named without one. */
/* A preposition that sets the direction whatever the verb: "since
 * December" looks back, "until March", "as soon as Tuesday" ahead. */
int tr_cue(const tx_ctx *c, size_t i)
{
    size_t k = i;
    if (k > 0 && (IS(k - 1, "on") || IS(k - 1, "in"))) k--;
    /* "until at least Tuesday", "through at most 5 p.m." */
    if (k > 1 && IS(k - 2, "at") && (IS(k - 1, "least") || IS(k - 1, "most"))) k -= 2;
    if (k == 0) return 0;
    if (IS(k - 1, "since")) return -1;
    if (IS(k - 1, "until") || IS(k - 1, "till") || IS(k - 1, "through") || IS(k - 1, "effective") ||
        IS(k - 1, "payable") || IS(k - 1, "starting") || IS(k - 1, "beginning"))
        return 1;
    /* "as early as Tuesday", "as soon as Friday" */
    if (k >= 3 && IS(k - 1, "as") && (IS(k - 2, "early") || IS(k - 2, "soon")) && IS(k - 3, "as")) return 1;
    return 0;
}

int tr_year_for(const tx_ctx *c, size_t i, int mon, int day)
{
    int y = c->dct.y, diff, tense;
    if (!tr_have_dct(c)) return 0;
    if (!c->dct.m) return y;
    diff = (mon - c->dct.m) * 31 + (day && c->dct.d ? day - c->dct.d : 0);
    tense = tr_cue(c, i);
    if (!tense) tense = tx_tense(c, i);
    if (tense > 0 && diff < -2 * 31) return y + 1;
    if (tense < 0 && diff > 2 * 31) return y - 1;
    if (tense == 0 && diff > 6 * 31) return y - 1;
    return y;
}

/* A weekday: rel -1 "last", +1 "next", 0 by the tense of the sentence. */
tx_date tr_weekday_date(const tx_ctx *c, size_t i, int wd, int rel)
{
    tx_date d = tr_dct_full(c);
    int cur = tx_weekday(d.y, d.m, d.d), delta;
    if (rel == 0) {
        int t = tr_cue(c, i);
        rel = (t ? t : tx_tense(c, i)) > 0 ? 2 : -2;
    }
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

void tr_week_value(char *v, size_t n, tx_date d, const char *suffix)
{
    int wy, w = tx_iso_week(d.y, d.m, d.d, &wy);
    snprintf(v, n, "%04d-W%02d%s", wy, w, suffix);
}
