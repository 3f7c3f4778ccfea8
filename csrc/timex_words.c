/*
 * timex_words.c -- the vocabulary of time expressions over tokens.
 *
 * Small readers, each looking at the tokens from position i and returning
 * how many it used (0: not there): month and weekday names, numbers in
 * digits or words ("twenty-four", "a couple of"), ordinals, time units.
 * The word lists are looked up through the vocabulary the lexer interned
 * each word against: no string comparison at all.
 */
#include <string.h>
#include "timex_words.h"

int tw_punct(const tx_ctx *c, size_t i, char ch)
{
    return i < c->n && c->t[i].kind == TK_PUNCT && c->t[i].len == 1 && c->t[i].w[0] == ch;
}

/* A hyphen or a typographic dash (E2 80 93 / 94). */
int tw_dash(const tx_ctx *c, size_t i)
{
    if (tw_punct(c, i, '-')) return 1;
    return i < c->n && c->t[i].kind == TK_PUNCT && c->t[i].len == 3 &&
           (unsigned char)c->t[i].w[0] == 0xE2 && (unsigned char)c->t[i].w[1] == 0x80 &&
           ((unsigned char)c->t[i].w[2] == 0x93 || (unsigned char)c->t[i].w[2] == 0x94);
}

/* The word lists the rules look words up in, by TL_* number.  Each word
 * is in the vocabulary of timex_lex.c, which stores its place in every
 * list, so that a look-up is one load (tw_in). */
static const char *const l_month_full[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", NULL
};
static const char *const l_month_abbr[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", NULL
};
static const char *const l_wday[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL
};
static const char *const l_wdays[] = {
    "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", NULL
};
static const char *const l_ones[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL
};
static const char *const l_tens[] = {
    "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL
};
static const char *const l_ords[] = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", NULL
};
static const char *const l_unit_sg[] = {
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "quarter", "weekend",
    "fortnight", "millennium", NULL
};
static const char *const l_unit_pl[] = {
    "years", "months", "weeks", "days", "hours", "minutes", "seconds", "decades", "centuries", "quarters",
    "weekends", "fortnights", "millennia", NULL
};
static const char *const l_seasons[] = {
    "spring", "summer", "fall", "autumn", "winter", NULL
};
static const char *const l_dayparts[] = {
    "morning", "afternoon", "evening", "night", NULL
};
static const char *const l_zones[] = {
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", NULL
};
static const char *const l_may_before[] = {
    "in", "since", "until", "till", "by", "early", "late", "mid", "last", "next", "this", "of", "during",
    "from", "through", "before", "after", "that", "each", "every", "to", "between", "and", "or", "end",
    "beginning", "start", "middle", "for", "on", "around", NULL
};
static const char *const l_may_verbs[] = {
    "be", "have", "not", "also", "well", "still", "never", "even", "already", "need", "want", "take", "make",
    "go", "come", "get", "face", "become", "seem", "lose", "win", "help", "want", "soon", NULL
};
static const char *const l_not_after_year[] = {
    "people", "persons", "troops", "soldiers", "workers", "employees", "jobs", "shares", "miles",
    "kilometers", "kilometres", "metres", "meters", "feet", "tons", "tonnes", "pounds", "dollars", "euros",
    "yen", "cars", "units", "votes", "members", "students", "residents", "refugees", "copies", "acres",
    "points", "barrels", "passengers", "seats", "pages", "words", "flights", "aircraft", "planes", "homes",
    "houses", "deaths", "cases", "hours", "minutes", "local", "gmt", "est", "edt", "utc", "hrs", "dlrs",
    "mln", "cts", "pct", "stg", "bpd", NULL
};
static const char *const l_year_prep[] = {
    "in", "since", "of", "by", "until", "from", "to", "before", "after", "around", "early", "late", "mid",
    "year", "circa", "between", "and", NULL
};
static const char *const l_decades[] = {
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", NULL
};
static const char *const l_tense_fut[] = {
    "will", "shall", "ll", "scheduled", "expected", "expects", "plans", "plan", "planning", "upcoming",
    "due", "tomorrow", "intends", "slated", "would", NULL
};
static const char *const l_tense_past[] = {
    "was", "were", "had", "did", "said", "ago", "last", "yesterday", "earlier", "told", "announced", "met",
    "took", "began", "came", "went", "made", "gave", "won", "lost", NULL
};
static const char *const l_set_adv[] = {
    "daily", "weekly", "monthly", "yearly", "hourly", "nightly", NULL
};
const char *const *const tw_lists[TL_N] = {
    l_month_full,
    l_month_abbr,
    l_wday,
    l_wdays,
    l_ones,
    l_tens,
    l_ords,
    l_unit_sg,
    l_unit_pl,
    l_seasons,
    l_dayparts,
    l_zones,
    l_may_before,
    l_may_verbs,
    l_not_after_year,
    l_year_prep,
    l_decades,
    l_tense_fut,
    l_tense_past,
    l_set_adv,
};


int tw_month(const tx_ctx *c, size_t i, int *mon)
{
    int k;
    if (i >= c->n || c->t[i].kind != TK_WORD || !c->t[i].cap) return 0;
    if ((k = tw_in(c, i, TL_MONTH_FULL))) {
        *mon = k;
        return 1;
    }
    if ((k = tw_in(c, i, TL_MONTH_ABBR)) || (tw_is(c, i, "sept") && (k = 9))) {
        *mon = k;
        if (tw_punct(c, i + 1, '.') && !c->t[i + 1].sp) return 2;
        /* without the dot only in all-capital or clear date contexts */
        return (i + 1 < c->n && c->t[i + 1].kind == TK_NUM) ? 1 : 0;
    }
    return 0;
}


int tw_weekday(const tx_ctx *c, size_t i, int *wd)
{
    int k;
    if (i >= c->n || !c->t[i].cap) return 0;
    if ((k = tw_in(c, i, TL_WDAY))) { *wd = k; return 1; }
    return 0;
}

int tw_weekdays(const tx_ctx *c, size_t i, int *wd)
{
    int k;
    if (i >= c->n || !c->t[i].cap) return 0;
    if ((k = tw_in(c, i, TL_WDAYS))) { *wd = k; return 1; }
    return 0;
}


/* "twenty", "twenty four", "twenty-four", "ninety-one". */
static int words_below_100(const tx_ctx *c, size_t i, int *v)
{
    int k, u;
    if ((k = tw_in(c, i, TL_TENS)) && k > 1) {
        *v = k * 10;
        if ((u = tw_in(c, i + 1, TL_ONES)) && u < 10) { *v += u; return 2; }
        if (tw_dash(c, i + 1) && (u = tw_in(c, i + 2, TL_ONES)) && u < 10) { *v += u; return 3; }
        return 1;
    }
    if ((k = tw_in(c, i, TL_ONES))) { *v = k; return 1; }
    return 0;
}

int tw_number(const tx_ctx *c, size_t i, int *v, int *vague)
{
    int n, h, m;
    *vague = 0;
    if (i >= c->n) return 0;
    if (c->t[i].kind == TK_NUM) {
        if (c->t[i].ndig > 6) return 0;
        /* "2,000" */
        if (tw_punct(c, i + 1, ',') && !c->t[i + 1].sp && i + 2 < c->n && c->t[i + 2].kind == TK_NUM &&
            c->t[i + 2].ndig == 3 && !c->t[i + 2].sp && c->t[i].ndig <= 3) {
            *v = c->t[i].num * 1000 + c->t[i + 2].num;
            return 3;
        }
        /* a decimal or a figure like "1.5" is not a count of units */
        if (tw_punct(c, i + 1, '.') && !c->t[i + 1].sp && i + 2 < c->n && c->t[i + 2].kind == TK_NUM &&
            !c->t[i + 2].sp) return 0;
        *v = c->t[i].num;
        return 1;
    }
    if (tw_is(c, i, "a") || tw_is(c, i, "an")) {
        if (tw_is(c, i + 1, "couple") && tw_is(c, i + 2, "of")) { *v = 2; *vague = 2; return 3; }
        if (tw_is(c, i + 1, "few")) { *v = 0; *vague = 1; return 2; }
        if (tw_is(c, i + 1, "hundred")) { *v = 100; return 2; }
        if (tw_is(c, i + 1, "dozen")) { *v = 12; return 2; }
        *v = 1;
        return 1;
    }
    if (tw_is(c, i, "several") || tw_is(c, i, "few") || tw_is(c, i, "many")) { *v = 0; *vague = 1; return 1; }
    if (tw_is(c, i, "couple") && tw_is(c, i + 1, "of")) { *v = 2; *vague = 2; return 2; }
    if (tw_is(c, i, "dozen")) { *v = 12; return 1; }
    if ((n = words_below_100(c, i, v))) {
        if (tw_is(c, i + n, "hundred")) {
            *v *= 100;
            n++;
            if (tw_is(c, i + n, "and") && words_below_100(c, i + n + 1, &h)) n++;
            if ((m = words_below_100(c, i + n, &h))) {
                *v += h;
                n += m;
            }
        } else if (tw_is(c, i + n, "thousand")) {
            *v *= 1000;
            n++;
        }
        return n;
    }
    return 0;
}


int tw_ordinal(const tx_ctx *c, size_t i, int *v)
{
    int k;
    if ((k = tw_in(c, i, TL_ORDS))) { *v = k; return 1; }
    if (i + 1 < c->n && c->t[i].kind == TK_NUM && c->t[i].ndig <= 2 && !c->t[i + 1].sp &&
        (tw_is(c, i + 1, "st") || tw_is(c, i + 1, "nd") || tw_is(c, i + 1, "rd") || tw_is(c, i + 1, "th"))) {
        *v = c->t[i].num;
        return 2;
    }
    return 0;
}


int tw_unit(const tx_ctx *c, size_t i, int *u, int *plural)
{
    int k;
    if ((k = tw_in(c, i, TL_UNIT_SG))) { *u = k; *plural = 0; return 1; }
    if ((k = tw_in(c, i, TL_UNIT_PL))) { *u = k; *plural = 1; return 1; }
    return 0;
}


int tw_season(const tx_ctx *c, size_t i, const char **code)
{
    static const char *const codes[] = { "SP", "SU", "FA", "FA", "WI" };
    int k = tw_in(c, i, TL_SEASONS);
    if (!k) return 0;
    *code = codes[k - 1];
    return 1;
}

/* Morning, afternoon, evening, night. */
int tw_daypart(const tx_ctx *c, size_t i, const char **code)
{
    static const char *const codes[] = { "MO", "AF", "EV", "NI" };
    int k = tw_in(c, i, TL_DAYPARTS);
    if (!k) return 0;
    *code = codes[k - 1];
    return 1;
}
