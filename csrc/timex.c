/*
 * timex.c -- dsr_timex_scan: tokens in, TIMEX3 expressions out.
 *
 * The body is cut into tokens once (timex_lex.c); then each token that
 * can begin a time expression (a number, or a word the lexer flagged
 * from its vocabulary) is offered to the rules (timex_match.c).
 * A match is emitted and the scan resumes after it, so the work is linear
 * in the text.  Two pieces of context are kept while scanning: the last
 * date the text gave, for "that month" and "a day later", and the
 * previous expression, to join ranges ("between 2003 and 2009",
 * "from May to July"): the first end gets the second as its end_value.
 */
#include <stdlib.h>
#include <string.h>
#include "timex.h"
#include "timex_int.h"

/* Words that only lead into an expression ("the", "a", "about") begin
 * one only when a time word or a number follows: this skips most of the
 * rule work on the commonest words of English. */
static int may_start(const tx_ctx *c, size_t i)
{
    size_t k, e = i + 4 < c->n ? i + 4 : c->n;
    if (!(c->t[i].trig & TX_TRIG)) return 0;
    if (!(c->t[i].trig & TX_LEAD)) return 1;
    /* a number or a time word within three tokens ("up to a year");
     * another lead word is not enough ("at the") */
    for (k = i + 1; k < e; k++)
        if ((c->t[k].trig & (TX_TRIG | TX_LEAD)) == TX_TRIG) return 1;
    return 0;
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
    for (i = 0; i < c.n;) {
        tx_match m;
        dsr_timex x;
        if (!(c.t[i].trig & TX_TRIG)) {
            i++;
            continue;
        }
        if (!may_start(&c, i) ||
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
