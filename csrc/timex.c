/*
 * timex.c -- dsr_timex_scan: tokens in, TIMEX3 expressions out.
 *
 * The body is cut into tokens once (timex_lex.c); then each token that
 * can begin a time expression (a number, or a word of the trigger list
 * below, kept in a hash set) is offered to the rules (timex_match.c).
 * A match is emitted and the scan resumes after it, so the work is linear
 * in the text.  Two pieces of context are kept while scanning: the last
 * date the text gave, for "that month" and "a day later", and the
 * previous expression, to join ranges ("between 2003 and 2009",
 * "from May to July"): the first end gets the second as its end_value.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "timex.h"
#include "timex_int.h"

/* Words that can begin an expression (kept sorted for the reader). */
static const char *const triggers[] = {
    "a", "about", "afternoon", "almost", "an", "annually", "approximately", "apr", "april", "around", "at",
    "aug", "august", "autumn", "beginning", "biannually", "biweekly", "centuries", "century", "christmas",
    "circa", "coming", "comparable", "corresponding", "couple", "current", "currently", "daily", "day",
    "days", "dec", "decade", "decades", "december", "distant", "dozen", "each", "earlier", "early", "eight",
    "eighteen", "eighteenth", "eighth", "eighties", "eighty", "election", "eleven", "eleventh", "end",
    "entire", "evening", "every", "fall", "feb", "february", "few", "fewer", "fifteen", "fifth", "fifties",
    "fifty", "final", "first", "fiscal", "five", "following", "forties", "forty", "four", "fourteen",
    "fourth", "friday", "fridays", "full", "further", "future", "fy", "half", "halloween", "hour", "hourly",
    "hours", "hundred", "independence", "initial", "its", "jan", "january", "jul", "july", "jun", "june",
    "last", "late", "lately", "later", "latest", "least", "less", "many", "mar", "march", "may", "mid",
    "midday", "middle", "midnight", "minute", "minutes", "monday", "mondays", "month", "monthly", "months",
    "more", "morning", "most", "near", "nearly", "new", "next", "night", "nightly", "nine", "nineteen",
    "nineties", "ninety", "ninth", "no", "noon", "nov", "november", "now", "nowadays", "oct", "october",
    "one", "over", "past", "per", "period", "preceding", "present", "presently", "previous", "previously",
    "prior", "quarter", "quarterly", "recent", "recently", "remaining", "right", "roughly", "same",
    "saturday", "saturdays", "second", "sep", "sept", "september", "seven", "seventeen", "seventh",
    "seventies", "seventy", "several", "short", "six", "sixteen", "sixth", "sixties", "sixty", "so", "some",
    "soon", "spring", "start", "summer", "sunday", "sundays", "ten", "tenth", "term", "than",
    "thanksgiving", "that", "the", "their", "these", "third", "thirteen", "thirties", "thirty", "this",
    "thousand", "three", "thursday", "thursdays", "today", "tomorrow", "tonight", "tuesday", "tuesdays",
    "turn", "twelfth", "twelve", "twenties", "twenty", "two", "under", "up", "wednesday", "wednesdays",
    "week", "weekend", "weekly", "weeks", "whole", "winter", "year", "yearly", "years", "yesterday",
};

/* The trigger list as a hash set, built once: 512 slots of FNV-1a hashes
 * (0 = empty), linear probing.  A colliding non-trigger costs only a
 * wasted look by the rules, never a wrong result. */
#define NSLOT 512
static uint32_t trigger_set[NSLOT];
static pthread_once_t trigger_once = PTHREAD_ONCE_INIT;

static uint32_t hash_word(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h ? h : 1;
}

static void build_triggers(void)
{
    size_t i;
    for (i = 0; i < sizeof triggers / sizeof *triggers; i++) {
        uint32_t h = hash_word(triggers[i], strlen(triggers[i])), k = h % NSLOT;
        while (trigger_set[k] && trigger_set[k] != h) k = (k + 1) % NSLOT;
        trigger_set[k] = h;
    }
}

static int is_trigger(const tx_tok *t)
{
    uint32_t h, k;
    if (t->kind == TK_NUM) return 1;
    if (t->kind == TK_PUNCT) return t->w[0] == '\'' || t->w[0] == '-' || (t->len == 3 && (unsigned char)t->w[0] == 0xE2);
    if (t->len >= sizeof t->w) return 0;
    h = hash_word(t->w, t->len);
    for (k = h % NSLOT; trigger_set[k]; k = (k + 1) % NSLOT)
        if (trigger_set[k] == h) return 1;
    return 0;
}

/* Words that only lead into an expression ("the", "a", "about") begin
 * one only when a time word or a number follows: this skips most of the
 * rule work on the commonest words of English. */
static const char *const leads[] = { "a", "about", "an", "around", "at", "each", "every", "its", "more", "no",
                                     "over", "per", "some", "that", "the", "their", "these", "this", "under",
                                     "up", NULL };

static int may_start(const tx_tok *t, const tx_tok *next, const tx_tok *next2)
{
    size_t k;
    if (!t->trig) return 0;
    if (t->kind != TK_WORD || t->len > 6) return 1;
    for (k = 0; leads[k]; k++)
        if (!strcmp(t->w, leads[k])) break;
    if (!leads[k]) return 1;
    return (next && next->trig) || (next2 && next2->trig);
}

/* "between X and Y", "from X to Y", "X - Y": the words between two
 * expressions that make them one range. */
static int joins_range(const tx_ctx *c, size_t prev_i, size_t prev_j, size_t i)
{
    if (i == prev_j + 1) {
        const tx_tok *mid = &c->t[prev_j];
        int dash = mid->kind == TK_PUNCT && (mid->w[0] == '-' || (mid->len == 3 && (unsigned char)mid->w[0] == 0xE2 &&
                                                                  ((unsigned char)mid->w[2] == 0x93 ||
                                                                   (unsigned char)mid->w[2] == 0x94)));
        int word = mid->kind == TK_WORD;
        const char *w = mid->w;
        if (dash) return 1;
        if (!word || prev_i == 0) return 0;
        if (!strcmp(w, "and")) return !strcmp(c->t[prev_i - 1].w, "between");
        if (!strcmp(w, "to") || !strcmp(w, "through") || !strcmp(w, "until") || !strcmp(w, "till"))
            return !strcmp(c->t[prev_i - 1].w, "from");
    }
    return 0;
}

static int dated(const dsr_timex *x)
{
    return (x->type == DSR_TX_DATE || x->type == DSR_TX_TIME) && x->value[0] >= '0' && x->value[0] <= '9';
}

int dsr_timex_scan(const dsr_text *t, const char *dct, const dsr_timex_opts *o, dsr_timexes *out)
{
    tx_toks toks = { 0 };
    tx_ctx c;
    size_t i, prev_i = 0, prev_j = 0;
    int have_prev = 0, r = -1;
    if (!t || !t->s || t->body >= t->len) return 0;
    if (tx_lex(t->s, t->body, t->len, &toks)) goto out;
    memset(&c, 0, sizeof c);
    c.s = t->s;
    c.t = toks.v;
    c.n = toks.n;
    c.dmy = o ? o->dmy : 0;
    if (dct) tx_parse_date(dct, &c.dct);
    pthread_once(&trigger_once, build_triggers);
    for (i = 0; i < c.n; i++) toks.v[i].trig = (uint8_t)is_trigger(&toks.v[i]);
    for (i = 0; i < c.n;) {
        tx_match m;
        dsr_timex x;
        if (!may_start(&c.t[i], i + 1 < c.n ? &c.t[i + 1] : NULL, i + 2 < c.n ? &c.t[i + 2] : NULL) ||
            !tx_match_at(&c, i, &m) || m.j <= i) {
            i++;
            continue;
        }
        memset(&x, 0, sizeof x);
        x.start = c.t[m.i].start;
        x.end = c.t[m.j - 1].end;
        x.type = m.type;
        memcpy(x.value, m.value, sizeof x.value);
        memcpy(x.mod, m.mod, sizeof x.mod);
        memcpy(x.end_value, m.end_value, sizeof x.end_value);
        if (have_prev && joins_range(&c, prev_i, prev_j, m.i)) {
            dsr_timex *p = &out->v[out->n - 1];
            if (dated(p) && dated(&x) && !p->end_value[0] && strcmp(p->value, x.value) < 0)
                memcpy(p->end_value, x.value, sizeof p->end_value);
        }
        if (dsr_vec_push(out, x)) goto out;
        if (dated(&x) && !m.relative) {
            tx_date d;
            if (tx_parse_date(x.value, &d) && d.y) {
                c.anchor = d;
                c.anchor_q[0] = '\0';
                if (x.value[4] == '-' && x.value[5] == 'Q') memcpy(c.anchor_q, x.value, 7), c.anchor_q[7] = '\0';
                c.anchor_tok = m.j;
            }
        }
        have_prev = 1;
        prev_i = m.i;
        prev_j = m.j;
        i = m.j;
    }
    r = 0;
out:
    free(toks.v);
    return r;
}
