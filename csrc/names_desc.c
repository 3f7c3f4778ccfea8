/*
 * names_desc.c -- the phrase that says who or what a name is.
 *
 * Four patterns around the name tokens [a, b), best first:
 *
 *   appositive      "NAME, UN undersecretary-general for political affairs,"
 *                   the comma-bounded phrase after the name, when it holds a
 *                   role or organisation noun and does not start a clause
 *                   ("who", "said") or continue a list of names;
 *   comma before    "Pyongyang's second-highest ranking official, NAME."
 *   pre-nominal     "North Korean leader NAME", "Apple CEO NAME": a role or
 *                   title right before the name and its modifiers;
 *   post-nominal    "the NAME news agency": lower-case words after the name
 *                   ending in an organisation noun.
 *
 * Each scan looks at a bounded number of tokens, so the cost per mention is
 * constant.  The description is a byte span of the text; the caller copies.
 */
#include <string.h>
#include "names_int.h"

#define MAX_APPOS 30
#define MAX_BACK 8

enum { V_P, V_O, V_L, V_X };

static int is_w(const dsr_tok *t) { return (t->flags & DSR_T_WORD) != 0; }

static int lower(const dsr_tok *t)
{
    return is_w(t) && !(t->flags & (DSR_T_CAP | DSR_T_MIXED)) && (t->flags & DSR_T_ALPHA);
}

/* Is token t the lower-case word w, in any case?  (No strlen: w's NUL ends
 * the comparison, and the word must end there too.) */
static int word_eq(const char *s, const dsr_tok *t, const char *w)
{
    size_t n, k;
    if (!is_w(t)) return 0;
    n = t->end - t->start;
    for (k = 0; k < n; k++)
        if (!w[k] || (s[t->start + k] | 0x20) != w[k]) return 0;
    return w[n] == '\0';
}

static int clause_word(const char *s, const dsr_tok *t)
{
    static const char *const w[] = {"who", "which", "that", "whose", "where", "when", "and",
                                     "or", "but", "as", "if", "although", "because", "while",
                                     "according", "in", "on", "at", "with", "to", "by", "from",
                                     "said", "says", "told", "is", "was", "has", "had", "will",
                                     "for", "after", "before", "including", "however", NULL};
    size_t k;
    if (t->gflags & DSR_G_SPEECH) return 1;
    for (k = 0; w[k]; k++)
        if (word_eq(s, t, w[k])) return 1;
    return 0;
}

/* Does the phrase [i, j) name a role (person) or a kind of organisation?
 * Failing those, a kind of made thing in its first noun group ("the newest
 * version of ...", "a media player that ...") makes it a product's. */
static int8_t head_type(const char *s, const dsr_tok *tk, size_t i, size_t j)
{
    size_t k;
    int product = 0, group = 1;
    for (k = i; k < j; k++) {
        const dsr_tok *t = &tk[k];
        if (!is_w(t)) {
            group &= t->punct == '-' || t->punct == '\'';
            continue;
        }
        if ((t->gflags & DSR_G_ROLE) && (lower(t) || (t->gflags & DSR_G_TITLE))) return V_P;
        if ((t->gflags & DSR_G_TITLE) && (t->flags & DSR_T_ALLCAP)) return V_P;     /* CEO */
        if ((t->gflags & DSR_G_ORGNOUN) && lower(t)) return V_O;
        if ((t->gflags & DSR_G_GEO) && lower(t)) return V_L;       /* "a volcano under ..." */
        if (group && (t->gflags & DSR_G_PRODUCT) && lower(t)) product = 1;
        if (clause_word(s, t) || word_eq(s, t, "of")) group = 0;
    }
    return product ? V_X : -1;
}

static int appositive(const char *s, const dsr_tok *tk, size_t n, size_t b, dsr_desc *d)
{
    size_t i = b + 1, j, names = 0, words = 0;
    int8_t ty;
    if (b >= n || tk[b].punct != ',' || i >= n || !is_w(&tk[i])) return 0;
    if (tk[b - 1].flags & DSR_T_POSS) return 0;
    if (clause_word(s, &tk[i]) || (tk[i].flags & DSR_T_DIGIT)) return 0;
    for (j = i; j < n && j < i + MAX_APPOS; j++) {
        const dsr_tok *t = &tk[j];
        if (!is_w(t)) {
            if (t->punct == '-' || t->punct == '\'' || t->punct == '&' || t->punct == '/') continue;
            break;
        }
        if (j > i && ((t->flags & DSR_T_SENT) || DSR_T_HARDNL(t->flags))) break;
        if (j > i && clause_word(s, t) && !word_eq(s, t, "and") && !word_eq(s, t, "for") &&
            !word_eq(s, t, "to") && !word_eq(s, t, "in") && !word_eq(s, t, "at") &&
            !word_eq(s, t, "on"))
            break;
        words++;
        names += (t->flags & (DSR_T_CAP | DSR_T_DIGIT)) != 0;
    }
    if (j >= i + MAX_APPOS || !words || names == words) return 0;
    if (j < n && tk[j].punct != ',' && tk[j].punct != '.' && tk[j].punct != ';' &&
        tk[j].punct != ')' && !(tk[j].flags & DSR_T_SENT) && !DSR_T_HARDNL(tk[j].flags))
        return 0;                           /* the phrase runs into a clause */
    if ((ty = head_type(s, tk, i, j)) < 0) return 0;
    /* a product's needs a determiner: "Tarn, the new version of ..." (not
     * the next item of a list: "Tarn, full screen applications") */
    if (ty == V_X && !word_eq(s, &tk[i], "the") && !word_eq(s, &tk[i], "a") &&
        !word_eq(s, &tk[i], "an") && !(tk[i].flags & DSR_T_POSS))
        return 0;
    while (j > i && !is_w(&tk[j - 1])) j--;
    d->start = tk[i].start;
    d->end = tk[j - 1].end;
    d->score = 3.0f - 0.02f * (float)words + (j < n && tk[j].punct == ',' ? 0.3f : 0);
    /* a product's description is a weaker one: it types the name but
     * stands for no mention of it (names.c emits those from 2.0 up) */
    if (ty == V_X) d->score -= 1.5f;
    d->type = ty;
    return 1;
}

/* Walk left from token e (inclusive) over a noun phrase's modifiers. */
static size_t walk_back(const char *s, const dsr_tok *tk, size_t e)
{
    size_t k = e, steps = 0, lowers = 0;
    while (k > 0 && steps < MAX_BACK) {
        const dsr_tok *t = &tk[k - 1];
        if (!is_w(t)) {
            if (t->punct == '-' && k >= 2 && is_w(&tk[k - 2]) && !(tk[k].flags & DSR_T_SPACE)) {
                k--;
                continue;
            }
            break;
        }
        if (tk[k].flags & (DSR_T_SENT)) break;
        if ((t->gflags & DSR_G_STOP) && !(t->flags & DSR_T_ALLCAP) && !(t->flags & DSR_T_POSS)) break;
        if (clause_word(s, t) || (t->gflags & DSR_G_TIME) || (t->flags & DSR_T_DIGIT)) break;
        if (lower(t) && (t->gflags & DSR_G_SPEECH)) break;
        if (lower(t)) {
            /* "owns animation studio": a verb is not a modifier */
            if (++lowers > 2 || (s[t->end - 1] == 's' && s[t->end - 2] != 's' &&
                                 !(t->gflags & (DSR_G_ROLE | DSR_G_ORGNOUN))))
                break;
        }
        k--;
        steps++;
        if (t->flags & DSR_T_SENT) break;
    }
    return k;
}

static int honorific_only(const char *s, const dsr_tok *tk, size_t i, size_t j)
{
    static const char *const h[] = {"mr", "mrs", "ms", "dr", "sir", "dame", "prof", NULL};
    size_t k, q;
    for (k = i; k < j; k++) {
        char w[8];
        size_t n = 0, p;
        if (!is_w(&tk[k])) continue;
        for (p = tk[k].start; p < tk[k].end && n < 7; p++)
            if (s[p] != '.') w[n++] = (char)(s[p] | 0x20);
        w[n] = '\0';
        for (q = 0; h[q]; q++)
            if (strcmp(h[q], w) == 0) break;
        if (!h[q]) return 0;
    }
    return 1;
}

static int before(const char *s, const dsr_tok *tk, size_t n, size_t a, size_t b, dsr_desc *d)
{
    size_t e, i;
    float score = 2.2f;
    int8_t ty = V_P;
    if (a < 1) return 0;
    e = a - 1;
    if (tk[e].punct == ',' && e >= 1) {
        /* "..., the chief negotiator, NAME." needs the name to close the phrase */
        if (b < n && is_w(&tk[b]) && !(tk[b].flags & DSR_T_SENT)) return 0;
        e--;
        score = 2.6f;
    }
    if (!is_w(&tk[e])) return 0;
    /* "aircraft manufacturer NAME"; after a comma only a one-word name
     * ("the Irish airline, Acme", not "the company, John Smith") */
    if ((score < 2.5f || b - a == 1) && lower(&tk[e]) && (tk[e].gflags & DSR_G_ORGNOUN) &&
        !(tk[e].gflags & DSR_G_ROLE)) {
        ty = V_O;                           /* "aircraft manufacturer NAME" */
    } else {
        if (!(tk[e].gflags & (DSR_G_ROLE | DSR_G_TITLE))) return 0;
        if (!lower(&tk[e]) && !(tk[e].gflags & DSR_G_TITLE)) return 0;
    }
    if (e + 1 < a && tk[e].flags & DSR_T_POSS) return 0;
    i = walk_back(s, tk, e);
    if (i > e || honorific_only(s, tk, i, e + 1)) return 0;
    d->start = tk[i].start;
    d->end = tk[e].end;
    d->score = score;
    d->type = ty;
    return 1;
}

static int after(const char *s, const dsr_tok *tk, size_t n, size_t b, dsr_desc *d)
{
    size_t j;
    if (tk[b - 1].flags & DSR_T_POSS) return 0;
    for (j = b; j < n && j < b + 3 && lower(&tk[j]) && !(tk[j].gflags & DSR_G_STOP); j++) {
        if (tk[j].gflags & DSR_G_ORGNOUN) {
            d->start = tk[b].start;
            d->end = tk[j].end;
            d->score = 1.5f;
            d->type = V_O;
            return 1;
        }
        if (tk[j].gflags & DSR_G_SPEECH) break;
    }
    (void)s;
    return 0;
}

int dsr_desc_find(const char *s, const dsr_tok *toks, size_t ntok, size_t a, size_t b,
                  dsr_desc d[2])
{
    dsr_desc x[3];
    int k, n = 0;
    memset(d, 0, 2 * sizeof *d);
    d[0].type = d[1].type = -1;
    if (b <= a || b > ntok) return 0;
    memset(x, 0, sizeof x);
    n += appositive(s, toks, ntok, b, &x[n]);
    n += before(s, toks, ntok, a, b, &x[n]);
    n += after(s, toks, ntok, b, &x[n]);
    for (k = 0; k < n; k++) {
        if (x[k].score > d[0].score) d[1] = d[0], d[0] = x[k];
        else if (x[k].score > d[1].score) d[1] = x[k];
    }
    return n;
}
