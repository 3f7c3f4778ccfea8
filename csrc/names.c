/*
 * names.c -- find the names of one document and group them into entities
 * (dsr_names_scan).
 *
 * The document is tokenized (names_lex.c), then:
 *
 *   1. evidence   every word's key is recorded as seen capitalized inside a
 *                 sentence and/or seen in lower case.  A capital at the start
 *                 of a sentence or in a title-case headline is only trusted
 *                 when the same word is capitalized elsewhere, is in the
 *                 gazetteer, or has a shape no common word has (IAEA, iPhone).
 *   2. runs       maximal runs of capitalized words on one line, joined by
 *                 particles ("de", "al"), "of (the)" after an organisation or
 *                 place head word, "and"/"&" inside an organisation name; a
 *                 possessive ends a run.  A title inside a run splits it
 *                 ("Apple CEO Steve Jobs" -> "Apple", title, "Steve Jobs");
 *                 a leading demonym is split off ("Chinese Foreign Ministry").
 *   3. mentions   each run is a mention with type votes (person, org, place,
 *                 other) from the gazetteer, head words, titles and roles
 *                 around it, kinds of products and verbs of launching
 *                 ("web browser Safari", "unveiled Lion"), shape, and its
 *                 description (names_desc.c).  Weak cues of a bare word (a
 *                 preposition or "the" before it) count once per entity.
 *   4. entities   mentions group by compact key (through gazetteer aliases:
 *                 "U.S." -> United States); "Long Name (ACR)" and matching
 *                 initials make an acronym an alias; a mention that is the
 *                 first or last words of a longer name resolves to it (the
 *                 most recent one before it for people -- "Kim" after
 *                 "Kim Jong Il" -- and only when unique for organisations).
 *
 * All tables are per call; the output is plain data (records + pool).
 * Every loop is linear in the tokens, with bounded look-around.
 */
#include <stdlib.h>
#include <string.h>
#include "names_int.h"

enum { V_P, V_O, V_L, V_X };

enum {
    EV_MIDCAP = 1,              /* capitalized inside a sentence, in body text */
    EV_LOWER = 2,               /* seen in lower case */
    EV_ALONE = 4,               /* capitalized, with no spaced hyphen beside it */
    EV_BITS = 7                 /* the low bits of an entry: its evidence */
};

enum {
    M_DEMONYM = 1,              /* "Chinese": a mention of its country */
    M_ACRO = 2,                 /* all capitals */
    M_PRODUCT = 4,              /* holds a number: "iPhone 4", "A380" */
    M_HONOR = 8,                /* after Mr./Mrs./Dr. or a title */
    M_GAZ = 16,                 /* the whole name is in the gazetteer */
    M_NUMBER = 32,              /* a bare model number: "787s" */
    M_TPREFIX = 64              /* before a title: "Acme" in "Acme CEO Jo Lin" */
};

typedef struct {
    uint32_t a, b;              /* token range */
    uint32_t start, end;        /* bytes */
    uint32_t ent;               /* entity (union-find root after grouping) */
    uint32_t flags;
    int32_t gaz;                /* gazetteer entry (canonical), or -1 */
    uint32_t ck, ckn;           /* the compact key of its text: offset in
                                   nm_ctx.mk and length (made once, after the
                                   mentions are sorted) */
    float vote[4];
    uint8_t weak;               /* W_*: cues that count once per entity */
    dsr_desc desc, desc2;
} nm_ment;

/* Weak cues of a bare name, counted once per entity however many mentions
 * show them: three "to Intel" are no better evidence of a place than one. */
enum {
    W_IN = 1,                   /* after "in", "near", ...: a place, 1.0 */
    W_TO = 2,                   /* after "to", "from", "at": a place, 0.5 */
    W_THE = 4                   /* after "the": an organisation, 0.4 */
};

typedef struct {
    uint32_t parent;            /* union-find */
    uint32_t first;             /* first mention */
    uint32_t ntok;              /* tokens of its longest mention */
    uint32_t best;              /* that mention */
    int32_t gaz;
    uint32_t last_seen;         /* during resolution: last mention index + 1 */
    uint8_t type, digit, place;
    uint32_t out;               /* output index, or UINT32_MAX */
} nm_ent;

typedef struct {
    const char *s;
    dsr_toks tk;
    uint64_t *ev;               /* word key hash -> EV_*: each slot holds the
                                   hash with its three low bits replaced by the
                                   EV_* bits (0 = empty slot); open addressing
                                   on the (well mixed) bits above them */
    size_t evmask;
    DSR_VEC(nm_ment) m;
    DSR_VEC(nm_ent) e;
    dsr_map keys;               /* compact key -> entity */
    dsr_map subs;               /* compact key of a name's first/last words -> chain head */
    dsr_map seen;               /* (entity, compact key) -> 0 name, 1 new, 2 alias
                                   written: one table for the whole document */
    DSR_VEC(uint32_t) chain;    /* pairs (entity, next) */
    DSR_VEC(char) mk;           /* the mentions' compact keys, NUL-terminated */
} nm_ctx;

/* ---- small helpers --------------------------------------------------- */

static const dsr_tok *T(const nm_ctx *c, size_t i) { return &c->tk.v[i]; }

static int is_word(const nm_ctx *c, size_t i)
{
    return i < c->tk.n && (T(c, i)->flags & DSR_T_WORD);
}

/* Is token i the word w, in any case?  w must be a string literal (the
 * "" w concatenation refuses anything else), so its length is a constant. */
#define word_is(c, i, w) word_is_n((c), (i), "" w, sizeof("" w) - 1)
static int word_is_n(const nm_ctx *c, size_t i, const char *w, size_t n)
{
    const dsr_tok *t;
    size_t k;
    if (!is_word(c, i)) return 0;
    t = T(c, i);
    if (t->end - t->start != n) return 0;
    for (k = 0; k < n; k++)
        if ((c->s[t->start + k] | 0x20) != w[k]) return 0;
    return 1;
}

/* Is token i one of the words of a NULL-terminated list, in any case? */
static int word_in(const nm_ctx *c, size_t i, const char *const *list)
{
    for (; *list; list++)
        if (word_is_n(c, i, *list, strlen(*list))) return 1;
    return 0;
}

static int lower_word(const nm_ctx *c, size_t i)
{
    return is_word(c, i) && !(T(c, i)->flags & (DSR_T_CAP | DSR_T_MIXED | DSR_T_DIGIT)) &&
           (T(c, i)->flags & DSR_T_ALPHA);
}

/* Evidence is kept by the 64-bit hash of a word's key (made once by the
 * lexer): a collision is far less likely than a typo, and costs one
 * capital's trust at worst. */
static uint32_t evidence(const nm_ctx *c, size_t i)
{
    uint64_t h = T(c, i)->kh & ~(uint64_t)EV_BITS;
    size_t k;
    if (!c->ev) return 0;
    for (k = (size_t)(h >> 3) & c->evmask; c->ev[k]; k = (k + 1) & c->evmask)
        if ((c->ev[k] & ~(uint64_t)EV_BITS) == h) return (uint32_t)(c->ev[k] & EV_BITS);
    return 0;
}

/* Key of the token range [a, b) into out (cap DSR_KEY_MAX). */
static size_t range_key(const nm_ctx *c, size_t a, size_t b, char *out, int compact)
{
    size_t n = T(c, b - 1)->end - T(c, a)->start;
    const char *p = c->s + T(c, a)->start;
    return compact ? dsr_name_ckey(p, n, out, DSR_KEY_MAX) : dsr_name_key(p, n, out, DSR_KEY_MAX);
}

static const dsr_gaz_entry *range_gaz(const nm_ctx *c, size_t a, size_t b)
{
    char k[DSR_KEY_MAX];
    size_t n;
    /* most runs are in no table: the lexer's flags say so without a key */
    if (b - a == 1 ? !T(c, a)->gflags : !(T(c, a)->gflags & DSR_G_LEAD)) return NULL;
    n = range_key(c, a, b, k, 0);
    return dsr_gaz_find(k, n);
}

/* ---- 1. evidence and headlines -------------------------------------- */

/* A title-case line: most content words capitalized, no final period, and a
 * lower-case function word or five words (a byline is not a headline).  A
 * line that a paragraph wraps out of is none, however many names it holds:
 * it ends in a function word or a comma ("... an eruption of"), or the next
 * line goes on in lower case. */
static void mark_headlines(nm_ctx *c)
{
    size_t i = 0, n = c->tk.n;
    while (i < n) {
        size_t j = i + 1, k, words = 0, content = 0, caps = 0, lower_fn = 0;
        while (j < n && !(T(c, j)->flags & DSR_T_NL)) j++;
        for (k = i; k < j; k++) {
            const dsr_tok *t = T(c, k);
            if (!(t->flags & DSR_T_WORD)) continue;
            words++;
            if (t->gflags & DSR_G_STOP) {
                if (!(t->flags & DSR_T_CAP)) lower_fn++;
                continue;
            }
            if (t->end - t->start >= 4 && (t->flags & DSR_T_ALPHA)) {
                content++;
                caps += (t->flags & (DSR_T_CAP | DSR_T_MIXED)) != 0;
            }
        }
        if (j < n && (T(c, j)->flags & DSR_T_WRAP) &&
            (T(c, j - 1)->punct == ',' || lower_word(c, j) ||
             (lower_word(c, j - 1) && (T(c, j - 1)->gflags & DSR_G_STOP))))
            caps = 0;                       /* a wrapped line of a paragraph */
        if (j < n && !(T(c, j)->flags & DSR_T_PARA) && lower_word(c, j) &&
            lower_word(c, j - 1))
            caps = 0;                       /* a short first line of one: "Acme Inc said it
                                               has\nacquired ..." (a wire lead) */
        if (T(c, i)->flags & DSR_T_WRAP) caps = 0;     /* the last line of one */
        if (words >= 3 && words <= 20 && content >= 3 && caps * 4 >= content * 3 &&
            caps < content + 1 && (lower_fn || words >= 5) && T(c, j - 1)->punct != '.')
            for (k = i; k < j; k++) c->tk.v[k].flags |= DSR_T_HEAD;
        i = j;
    }
}

/* Is token i (when there is one) a hyphen with white space before it? */
static int spaced_hyphen(const nm_ctx *c, size_t i)
{
    return i < c->tk.n && T(c, i)->punct == '-' && (T(c, i)->flags & DSR_T_SPACE);
}

static int collect_evidence(nm_ctx *c)
{
    size_t i, slots = 16;
    /* at most one entry per token: at half load there is always an empty slot */
    while (slots < 2 * c->tk.n) slots *= 2;
    if (!(c->ev = calloc(slots, sizeof *c->ev))) return -1;
    c->evmask = slots - 1;
    for (i = 0; i < c->tk.n; i++) {
        const dsr_tok *t = T(c, i);
        uint32_t bit = 0;
        uint64_t h;
        size_t k;
        if (!(t->flags & DSR_T_WORD) || !(t->flags & DSR_T_ALPHA)) continue;
        if (t->flags & (DSR_T_CAP | DSR_T_MIXED)) {
            if (!(t->flags & (DSR_T_SENT | DSR_T_HEAD))) bit = EV_MIDCAP;
            if (!spaced_hyphen(c, i - 1) && !spaced_hyphen(c, i + 1)) bit |= EV_ALONE;
        } else {
            bit = EV_LOWER;
        }
        if (!bit) continue;
        h = t->kh & ~(uint64_t)EV_BITS;
        for (k = (size_t)(h >> 3) & c->evmask; c->ev[k] && (c->ev[k] & ~(uint64_t)EV_BITS) != h;
             k = (k + 1) & c->evmask) {}
        c->ev[k] |= h | bit;
    }
    return 0;
}

/* ---- 2. runs ---------------------------------------------------------- */

static int namey(const nm_ctx *c, size_t i);
static int continues(const nm_ctx *c, size_t j);

/* "Chicago-based", "US-led", "Paris-born": a capital with a lower-case
 * participle tail is a modifier before a name, not part of it. */
static int modifier_compound(const nm_ctx *c, const dsr_tok *t)
{
    static const char *const tails[] = {"based", "born", "led", "backed", "owned", "made", "run",
                                        "controlled", "funded", "style", "like", "built", "bound",
                                        "headquartered", "registered", "listed", "powered", NULL};
    size_t k, h, n;
    if (!(t->flags & DSR_T_HYPH)) return 0;
    for (h = t->end; h > t->start && c->s[h - 1] != '-'; h--) {}
    if (h == t->start) return 0;
    n = t->end - h;
    for (k = 0; tails[k]; k++)
        if (strlen(tails[k]) == n && memcmp(c->s + h, tails[k], n) == 0) return 1;
    return 0;
}

/* Could this token be part of a name?  Most tokens are lower-case words
 * or punctuation: namey answers those inline, namey_cap the rest. */
static int namey_cap(const nm_ctx *c, size_t i);

static int namey(const nm_ctx *c, size_t i)
{
    return i < c->tk.n && (T(c, i)->flags & DSR_T_WORD) &&
           (T(c, i)->flags & (DSR_T_CAP | DSR_T_MIXED | DSR_T_ALLCAP)) && namey_cap(c, i);
}

static int namey_cap(const nm_ctx *c, size_t i)
{
    const dsr_tok *t = T(c, i);
    if (modifier_compound(c, t)) return 0;
    if ((t->gflags & DSR_G_COMMON) && !(t->gflags & DSR_G_TIME) && i + 1 < c->tk.n &&
        is_word(c, i + 1) && (T(c, i + 1)->flags & DSR_T_CAP) && continues(c, i + 1) &&
        !(T(c, i + 1)->gflags & (DSR_G_STOP | DSR_G_TIME)))
        return 1;                           /* "PC World", "TV Azteca" */
    if (t->gflags & (DSR_G_TIME | DSR_G_COMMON) && !(t->flags & DSR_T_MIXED)) {
        /* "May" after a given name stays a name; months and "TV" do not */
        if (!(t->gflags & DSR_G_TITLE) || (t->gflags & DSR_G_TIME)) return 0;
    }
    if ((t->gflags & DSR_G_STOP) && !(t->flags & DSR_T_ALLCAP) &&
        !(t->gflags & (DSR_G_PLACES | DSR_G_ORG | DSR_G_TITLE)))
        return 0;
    if (!(t->flags & DSR_T_ALPHA)) return 0;
    if (c->s[t->start] >= '0' && c->s[t->start] <= '9') return 0;     /* "16GB", "3G" */
    if (t->end - t->start == 1 && !(t->flags & DSR_T_DIGIT)) return 0;   /* "I", "A" */
    if (t->end - t->start == 2 && (t->flags & DSR_T_MIXED)) return 0;     /* "dB" */
    return 1;
}

/* A short number that continues a name: "Boeing 747", "iOS 5". */
static int model_number(const nm_ctx *c, size_t i)
{
    const dsr_tok *t;
    size_t n;
    if (!is_word(c, i)) return 0;
    t = T(c, i);
    n = t->end - t->start;
    if (!(t->flags & DSR_T_DIGIT) || (t->flags & DSR_T_ALPHA)) {
        /* "787s", "3GS" */
        return (t->flags & DSR_T_DIGIT) && n <= 6 && !(t->flags & DSR_T_SENT);
    }
    if (n == 4 && (c->s[t->start] == '1' || c->s[t->start] == '2')) return 0;    /* a year */
    if (i + 1 < c->tk.n && T(c, i + 1)->punct == ',' ) return 0;
    return n <= 7;
}

/* A single capital that ends a name: "OS X", "Malcolm X" (not "I", "A"). */
static int letter(const nm_ctx *c, size_t i)
{
    const dsr_tok *t;
    if (!is_word(c, i)) return 0;
    t = T(c, i);
    return t->end - t->start == 1 && (t->flags & DSR_T_CAP) && c->s[t->start] != 'I' &&
           c->s[t->start] != 'A';
}

/* Does the word [w, w+n) end like an English adjective ("Seismic",
 * "Dangerous", "National")?  Such a capital before a plural noun is a
 * sentence start, not a subject name. */
static int adjective_end(const char *w, size_t n)
{
    static const char *const ends[] = {"ic", "ous", "ive", "ful", "less", "able", "ible", "ial",
                                       "nal", "ical", NULL};
    size_t k, e;
    for (k = 0; ends[k]; k++) {
        e = strlen(ends[k]);
        if (n > e + 2 && memcmp(w + n - e, ends[k], e) == 0) return 1;
    }
    return 0;
}

/* A lower-case verb after a sentence-initial word marks it as a subject
 * name: "Boeing announced", "Acme unveils" (but "Developers will",
 * "Seismic swarms"). */
static int verb_after(const nm_ctx *c, size_t i)
{
    const dsr_tok *t = T(c, i), *v;
    size_t n, vn;
    const char *w = c->s + t->start, *x;
    if (i + 1 >= c->tk.n || !lower_word(c, i + 1)) return 0;
    n = t->end - t->start;
    if (n < 3 || w[n - 1] == 's' || (t->flags & DSR_T_HYPH) || (evidence(c, i) & EV_LOWER)) return 0;
    if ((n > 3 && memcmp(w + n - 3, "ing", 3) == 0) || memcmp(w + n - 2, "ly", 2) == 0) return 0;
    if (adjective_end(w, n)) return 0;
    v = T(c, i + 1);
    if (v->gflags & (DSR_G_STOP | DSR_G_ROLE | DSR_G_ORGNOUN)) return (v->gflags & DSR_G_SPEECH) != 0;
    x = c->s + v->start;
    vn = v->end - v->start;
    if (!memchr(x, 'a', vn) && !memchr(x, 'e', vn) && !memchr(x, 'i', vn) && !memchr(x, 'o', vn) &&
        !memchr(x, 'u', vn))
        return 0;                           /* "shrs", "mths": abbreviations, no verbs */
    if (vn >= 4 && x[vn - 1] == 's' && x[vn - 2] != 's' && x[vn - 2] != 'u' && x[vn - 2] != 'i')
        return 1;
    return vn >= 4 && x[vn - 2] == 'e' && x[vn - 1] == 'd';
}

/* May a run go on from token j-1 to token j? */
static int continues(const nm_ctx *c, size_t j)
{
    const dsr_tok *t = T(c, j), *p = T(c, j - 1);
    if ((t->flags & DSR_T_SENT) || DSR_T_HARDNL(t->flags)) return 0;
    if (p->flags & DSR_T_POSS) return 0;
    if (!(t->flags & DSR_T_SPACE)) return 0;
    return 1;
}

/* A model number after an organisation's head word or a place is the
 * operator's aircraft or machine, not part of its name: "American
 * Airlines 777", "Air France A330" (but "Boeing 777", "Airbus A380"). */
static int operator_model(const nm_ctx *c, size_t j)
{
    return (T(c, j)->flags & DSR_T_DIGIT) && (T(c, j - 1)->gflags & (DSR_G_ORGHEAD | DSR_G_PLACES));
}

static int has_head(uint32_t g)
{
    return (g & (DSR_G_ORGHEAD | DSR_G_PLACEHEAD | DSR_G_OTHERHEAD)) != 0;
}

/* An Irish or Italian "O'"/"D'" that a tokenizer split ("O 'Reilly", "O'
 * Leary"): the apostrophe at j and the capital after it go on with the name. */
static int split_apostrophe(const nm_ctx *c, size_t j)
{
    const dsr_tok *p = T(c, j - 1);
    return T(c, j)->punct == '\'' && is_word(c, j + 1) && (T(c, j + 1)->flags & DSR_T_CAP) &&
           !DSR_T_HARDNL(T(c, j + 1)->flags) && p->end - p->start == 1 &&
           (c->s[p->start] == 'O' || c->s[p->start] == 'D');
}

/* A possessive inside a name, before the head word that ends it:
 * "Worldwide Developer's Conference", "Kestrel Children's Hospital" (a run
 * of two words or more before it: "Apple's Store" is two names). */
static int possessive_head(const nm_ctx *c, size_t a, size_t j)
{
    const dsr_tok *t = T(c, j);
    return j - a >= 2 && (T(c, j - 1)->flags & DSR_T_POSS) && is_word(c, j) &&
           (t->flags & DSR_T_CAP) && (t->flags & DSR_T_SPACE) && !DSR_T_HARDNL(t->flags) &&
           (t->gflags & (DSR_G_ORGHEAD | DSR_G_OTHERHEAD | DSR_G_PLACEHEAD)) &&
           !(j + 1 < c->tk.n && namey(c, j + 1) && continues(c, j + 1));
}

/* A one-word field of activity in the plural, which "and" joins to the
 * rest of an agency's name: "Securities and Exchange Commission", "Parks
 * and Wildlife Service" (not a name of its own: "Apple and Acme Corp"). */
static int plural_field(const nm_ctx *c, size_t a)
{
    const dsr_tok *t = T(c, a);
    size_t n = t->end - t->start;
    return n >= 4 && c->s[t->end - 1] == 's' && c->s[t->end - 2] != 's' &&
           !(t->flags & (DSR_T_ALLCAP | DSR_T_MIXED | DSR_T_DIGIT)) &&
           !(t->gflags & ~(uint32_t)(DSR_G_ORGHEAD | DSR_G_LEAD));
}

/* A name whose hyphen a tokenizer spaced out: "Wal - Mart", "Coca - Cola".
 * Two capitalized words that the document never shows apart (neither
 * occurs without a spaced hyphen beside it) and that are in no table;
 * "Apple - Samsung" stays two names where "Apple" occurs alone. */
static int spaced_compound(const nm_ctx *c, size_t a, size_t j)
{
    size_t k;
    if (j != a + 1 || !spaced_hyphen(c, j) || j + 1 >= c->tk.n || !namey(c, j + 1) ||
        !continues(c, j + 1) || DSR_T_HARDNL(T(c, j)->flags))
        return 0;
    /* not in a table's label ("Loins - Regular - 14-18", "Grades/Ungraded - Graded") */
    if ((T(c, a)->flags & DSR_T_SENT) || !(T(c, a)->flags & DSR_T_SPACE) || spaced_hyphen(c, j + 2))
        return 0;
    for (k = a; k <= j + 1; k += 2)
        if (!(T(c, k)->flags & DSR_T_CAP) || (T(c, k)->flags & DSR_T_ALLCAP) || T(c, k)->gflags ||
            (evidence(c, k) & EV_ALONE))
            return 0;                       /* ("PEKING - Wheat": a dateline) */
    k = j + 2;
    return !(k < c->tk.n && is_word(c, k) && continues(c, k) &&
             ((T(c, k)->flags & DSR_T_CAP) || (T(c, k)->gflags & DSR_G_PARTICLE)));
}

/* Joiners inside a run: returns how many tokens to skip (0 = none). */
static size_t joiner(const nm_ctx *c, size_t a, size_t j)
{
    size_t n = c->tk.n, k;
    if (T(c, j)->punct == '&') {
        /* "Defence & Space", "Marks & Spencer": spaced ampersand between capitals */
        return j + 1 < n && namey(c, j + 1) && !DSR_T_HARDNL(T(c, j)->flags) &&
               !(T(c, j - 1)->flags & DSR_T_POSS) && !DSR_T_HARDNL(T(c, j + 1)->flags);
    }
    if (split_apostrophe(c, j)) return 2;
    if (spaced_compound(c, a, j)) return 1;
    if (possessive_head(c, a, j)) return 1;
    if (!is_word(c, j) || !continues(c, j)) return 0;
    if ((T(c, j)->gflags & DSR_G_PARTICLE) && lower_word(c, j) && !word_is(c, j, "of")) {
        /* Charles de Gaulle, Pieter van der Berg */
        for (k = j + 1; k < n && k < j + 3 && (T(c, k)->gflags & DSR_G_PARTICLE) && lower_word(c, k) &&
                        continues(c, k); k++) {}
        if (k < n && namey(c, k) && continues(c, k) && (T(c, k)->flags & DSR_T_CAP))
            return k - j;
        return 0;
    }
    if (word_is(c, j, "of") || word_is(c, j, "for")) {
        /* "Department of the Communist Party", "Bank of America" */
        if (!has_head(T(c, j - 1)->gflags) || (T(c, j - 1)->flags & DSR_T_HEAD)) return 0;
        k = j + 1;
        if (word_is(c, k, "the")) k++;
        if (k < n && namey(c, k) && continues(c, k) && !(T(c, k)->gflags & DSR_G_DEMONYM))
            return k - j;
        return 0;
    }
    if (word_is(c, j, "and") || T(c, j)->punct == '&') {
        /* "European Aeronautic Defence and Space Company": only when the
         * words after it hold an organisation head (not one before a
         * place: "Airbus and Air France" are two names) and before it are more
         * than one word that is not itself a place, nor a whole company
         * name already ("Stephens Inc and Cazenove Inc") */
        if (T(c, j - 1)->gflags & DSR_G_DESIG) return 0;
        if (j + 1 < n && (T(c, j + 1)->gflags & DSR_G_DESIG) && namey(c, j + 1) &&
            continues(c, j + 1))
            return 1;                       /* "Merck and Co" */
        if (j - a < 2 && !plural_field(c, a)) return 0;
        for (k = j + 1; k < n && k < j + 4 && namey(c, k) && continues(c, k); k++)
            if ((T(c, k)->gflags & DSR_G_ORGHEAD) &&
                !(k + 1 < n && namey(c, k + 1) && continues(c, k + 1) &&
                  (T(c, k + 1)->gflags & DSR_G_PLACES)))
                return 1;
        if (T(c, j)->punct == '&' && namey(c, j + 1)) return 1;
        return 0;
    }
    return 0;
}

/* A sentence-initial or headline word that is a name on its own merits. */
static int strong(const nm_ctx *c, size_t i)
{
    const dsr_tok *t = T(c, i);
    if (t->flags & (DSR_T_ALLCAP | DSR_T_MIXED | DSR_T_DIGIT | DSR_T_DOTS | DSR_T_INITIAL))
        return 1;
    if (t->gflags & (DSR_G_PLACES | DSR_G_ORG | DSR_G_DEMONYM | DSR_G_GIVEN)) return 1;
    if (evidence(c, i) & EV_MIDCAP) return 1;
    return 0;
}

/* A hyphenated word whose last part is lower case: "High-level". */
static int lower_tail(const nm_ctx *c, size_t i)
{
    const dsr_tok *t = T(c, i);
    size_t k;
    if (!(t->flags & DSR_T_HYPH)) return 0;
    for (k = t->end; k > t->start; k--)
        if (c->s[k - 1] == '-') return c->s[k] >= 'a' && c->s[k] <= 'z';
    return 0;
}

/* ---- 3. mentions ------------------------------------------------------ */

static int add_mention(nm_ctx *c, size_t a, size_t b, uint32_t flags)
{
    nm_ment m;
    const dsr_gaz_entry *g;
    if (b <= a) return 0;
    memset(&m, 0, sizeof m);
    m.a = (uint32_t)a;
    m.b = (uint32_t)b;
    m.start = T(c, a)->start;
    m.end = T(c, b - 1)->end;
    m.flags = flags;
    m.gaz = -1;
    m.desc.type = m.desc2.type = -1;
    if ((g = range_gaz(c, a, b)) &&
        (g->flags & (DSR_G_PLACES | DSR_G_ORG | DSR_G_DEMONYM))) {
        if (g->flags & DSR_G_DEMONYM) m.flags |= M_DEMONYM;
        m.flags |= M_GAZ;
        m.gaz = dsr_gaz_index(dsr_gaz_canon(g));
    }
    return dsr_vec_push(&c->m, m);
}

/* Length of a demonym at the start of [a, b), 0 if none. */
static size_t demonym_len(const nm_ctx *c, size_t a, size_t b)
{
    size_t k;
    for (k = (b - a > 2 ? 2 : b - a); k >= 1; k--) {
        const dsr_gaz_entry *g = range_gaz(c, a, a + k);
        if (g && (g->flags & DSR_G_DEMONYM)) return k;
    }
    return 0;
}

static int run_has_head(const nm_ctx *c, size_t a, size_t b)
{
    size_t k;
    for (k = a; k < b; k++)
        if (T(c, k)->gflags & (DSR_G_ORGHEAD | DSR_G_OTHERHEAD | DSR_G_PLACEHEAD)) return 1;
    return 0;
}

/* Emit the mentions of run [a, b): split titles and leading demonyms. */
/* Are the words [a, b) a holiday ("New Year", "Good Friday")?  A time,
 * not a name. */
static int holiday(const nm_ctx *c, size_t a, size_t b)
{
    const dsr_gaz_entry *g = b - a >= 2 ? range_gaz(c, a, b) : NULL;
    return g && (g->flags & DSR_G_TIME);
}

/* A run's first or last word that makes a holiday with the time word next
 * to it is no part of the name: "Eve" of "Christmas Eve Pat Lin", "Good"
 * of "Good Friday". */
static void trim_holidays(const nm_ctx *c, size_t *a, size_t *b)
{
    if (*a > 0 && *a < *b && (T(c, *a - 1)->gflags & DSR_G_TIME) && continues(c, *a) &&
        holiday(c, *a - 1, *a + 1))
        (*a)++;
    if (*b < c->tk.n && *b > *a && (T(c, *b)->gflags & DSR_G_TIME) && continues(c, *b) &&
        holiday(c, *b - 1, *b + 1))
        (*b)--;
}

static int emit_run(nm_ctx *c, size_t a, size_t b)
{
    const dsr_gaz_entry *g = NULL;
    size_t k, d;
    uint32_t honor = 0;
    if (b <= a) return 0;
    /* a title inside the run: what is before is a modifier, after is a person */
    for (k = a; k < b; k++) {
        const dsr_tok *t = T(c, k);
        size_t r = k;
        if (!(t->gflags & DSR_G_TITLE) || (t->gflags & DSR_G_GIVEN && k > a)) continue;
        while (r < b && (T(c, r)->gflags & DSR_G_TITLE)) r++;
        if (r < b && has_head(T(c, b - 1)->gflags) && !(T(c, b - 1)->gflags & DSR_G_TITLE))
            break;                          /* "General Motors" */
        if (r < b && (T(c, r)->gflags & DSR_G_PLACES) && r + 1 == b) break;
        if (emit_run(c, a, k)) return -1;
        if (k > a && c->m.n && c->m.v[c->m.n - 1].b == k) c->m.v[c->m.n - 1].flags |= M_TPREFIX;
        for (a = r; a < b && lower_word(c, a); a++) {}     /* "Chairman and CFO Jo Lin" */
        honor = M_HONOR;
        break;
    }
    if (b <= a) return 0;
    for (k = a; k < b && (T(c, k)->gflags & DSR_G_TITLE); k++) {}
    if (k == b) return 0;                   /* "Analyst", "President" alone */
    for (k = a; k < b && (T(c, k)->gflags & DSR_G_DESIG); k++) {}
    if (k == b) return 0;                   /* "Ltd", "Co Inc" cut off their name */
    if (!honor && b - a >= 2 && (d = demonym_len(c, a, b)) && d < b - a &&
        (b - a - d >= 2 || strong(c, a + d)) && !run_has_head(c, a + d, b)) {
        if (add_mention(c, a, a + d, 0)) return -1;
        a += d;
    }
    if ((d = demonym_len(c, a, b)) == b - a) return add_mention(c, a, b, 0);
    trim_holidays(c, &a, &b);
    if (b <= a || holiday(c, a, b)) return 0;
    if (b - a >= 2 && !(g = range_gaz(c, a, b))) {
        /* a place at the head of an organisation is a mention too: "UK" in
         * "UK RAF", "Singapore" in "Singapore Airlines" */
        for (k = b - a - 1 > 3 ? 3 : b - a - 1; k >= 1; k--) {
            const dsr_gaz_entry *h = range_gaz(c, a, a + k);
            if (h && (h->flags & DSR_G_PLACES) && !(h->flags & DSR_G_DEMONYM)) {
                if (add_mention(c, a, a + k, 0)) return -1;
                break;
            }
        }
    }
    for (k = a; k < b; k++)
        if (T(c, k)->flags & DSR_T_DIGIT) honor |= M_PRODUCT;
    if (b - a == 1 && (T(c, a)->flags & DSR_T_ALLCAP)) honor |= M_ACRO;
    return add_mention(c, a, b, honor);
}

/* Cut a headline run into the parts that are names on their own merits. */
static int emit_headline(nm_ctx *c, size_t a, size_t b)
{
    size_t k = a;
    while (k < b) {
        size_t e;
        if (!strong(c, k) || lower_word(c, k)) { k++; continue; }
        for (e = k + 1; e < b && ((strong(c, e) && !lower_word(c, e)) || model_number(c, e)); e++) {}
        if (emit_run(c, k, e)) return -1;
        k = e;
    }
    return 0;
}

/* "six-party talks": a number-word compound before talks/agreement. */
static size_t lower_named(const nm_ctx *c, size_t i)
{
    static const char *const nums[] = {"two", "three", "four", "five", "six", "seven", "eight",
                                       "multi", "2", "3", "4", "5", "6", NULL};
    static const char *const kinds[] = {"party", "nation", "power", "way", "country", "sided",
                                        "state", NULL};
    const dsr_tok *t = T(c, i);
    const char *s = c->s + t->start;
    size_t n = t->end - t->start, h, q, r;
    if (!(t->flags & DSR_T_HYPH) || (t->flags & DSR_T_CAP) || i + 1 >= c->tk.n) return 0;
    if (!lower_word(c, i + 1) || !(T(c, i + 1)->gflags & DSR_G_OTHERHEAD)) return 0;
    for (h = 0; h < n && s[h] != '-'; h++) {}
    if (h == n) return 0;
    for (q = 0; nums[q]; q++)
        if (strlen(nums[q]) == h && strncmp(s, nums[q], h) == 0) break;
    if (!nums[q]) return 0;
    for (r = 0; kinds[r]; r++)
        if (strlen(kinds[r]) == n - h - 1 && strncmp(s + h + 1, kinds[r], n - h - 1) == 0) return 2;
    return 0;
}

/* A stock symbol: capitals alone in angle brackets after a company
 * ("Esquire Radio Inc <EE>"), or in parentheses after its shares ("Apple
 * shares (AAPL)") -- a code, not a name written out. */
static int ticker(const nm_ctx *c, size_t a, size_t b)
{
    char open, close;
    if (b != a + 1 || a < 2 || b >= c->tk.n || !(T(c, a)->flags & DSR_T_ALLCAP)) return 0;
    open = c->s[T(c, a - 1)->start];
    close = c->s[T(c, b)->start];
    if (open == '<' && close == '>') return (T(c, a - 2)->flags & DSR_T_CAP) != 0;
    return open == '(' && close == ')' &&
           (word_is(c, a - 2, "shares") || word_is(c, a - 2, "stock"));
}

static int find_runs(nm_ctx *c)
{
    size_t i = 0, n = c->tk.n;
    while (i < n) {
        size_t j, a = i, x;
        if (is_word(c, i) && (T(c, i)->flags & DSR_T_HYPH) && (x = lower_named(c, i))) {
            if (add_mention(c, i, i + x, 0)) return -1;
            c->m.v[c->m.n - 1].vote[V_X] += 4;
            i += x;
            continue;
        }
        if (!namey(c, i)) { i++; continue; }
        j = i + 1;
        for (;;) {
            size_t skip;
            if (j < n && continues(c, j) && (namey(c, j) || model_number(c, j) || letter(c, j)) &&
                !operator_model(c, j)) {
                j++;
                continue;
            }
            if (j < n && (skip = joiner(c, a, j))) { j += skip; continue; }
            break;
        }
        /* a demonym before a lower-case geographic head: "Korean peninsula" */
        if (j < n && lower_word(c, j) && continues(c, j) && (T(c, j)->gflags & DSR_G_PLACEHEAD) &&
            j - a == 1 && (word_is(c, j, "peninsula") || word_is(c, j, "sea") ||
                                              word_is(c, j, "coast") || word_is(c, j, "islands")))
            j++;
        if (T(c, a)->flags & DSR_T_HEAD) {
            if (emit_headline(c, a, j)) return -1;
            i = j;
            continue;
        }
        /* an initial capital that says nothing: drop the first word */
        if (T(c, a)->flags & DSR_T_SENT && !strong(c, a) && !(T(c, a)->gflags & DSR_G_TITLE)) {
            uint32_t ev = evidence(c, a);
            size_t w = a + 1;
            while (w < j && !(T(c, w)->flags & DSR_T_ALPHA)) w++;
            /* alone, or with numbers only: "Sales 7.5 mln" */
            if ((w == j && !verb_after(c, a)) || (ev & EV_LOWER) || lower_tail(c, a) ||
                (T(c, a)->gflags & DSR_G_STOP))
                for (a++; a < j && (!(T(c, a)->flags & DSR_T_ALPHA) || lower_word(c, a)); a++) {}
        }
        if (ticker(c, a, j)) {
            i = j;
            continue;
        }
        /* a lone initial is not a name */
        while (a < j && (T(c, a)->flags & DSR_T_INITIAL) && j - a == 1) a++;
        if (emit_run(c, a, j)) return -1;
        i = j;
    }
    return 0;
}

/* Bare model numbers: "Boeing's 787", or "787s" where "Boeing 787" is in
 * the document. */
static int find_numbers(nm_ctx *c)
{
    dsr_map models = {0};
    uint8_t *in = calloc(c->tk.n ? c->tk.n : 1, 1);
    size_t i, k, n0 = c->m.n;
    int r = -1;
    if (!in) return -1;
    for (i = 0; i < n0; i++) {
        const nm_ment *m = &c->m.v[i];
        for (k = m->a; k < m->b; k++) {
            const dsr_tok *t = T(c, k);
            size_t d = 0;
            in[k] = 1;
            if (!(m->flags & M_PRODUCT) || m->b - m->a < 2) continue;
            while (t->start + d < t->end && c->s[t->start + d] >= '0' && c->s[t->start + d] <= '9') d++;
            if (d >= 3 && !dsr_map_put(&models, c->s + t->start, d, 1)) goto out;
        }
    }
    for (i = 0; i < c->tk.n; i++) {
        const dsr_tok *t = T(c, i);
        size_t d = 0, len = t->end - t->start;
        if (in[i] || !is_word(c, i) || !(t->flags & DSR_T_DIGIT)) continue;     /* no leading digits */
        while (d < len && c->s[t->start + d] >= '0' && c->s[t->start + d] <= '9') d++;
        if (d < 3 || d > 4 || (d == 4 && len == 4)) continue;      /* years, amounts */
        if (i + 1 < c->tk.n && (T(c, i + 1)->punct == ',' || T(c, i + 1)->punct == '%')) continue;
        if (dsr_map_get(&models, c->s + t->start, d) == UINT32_MAX &&
            !(i > 0 && (T(c, i - 1)->flags & DSR_T_POSS) && (T(c, i - 1)->flags & DSR_T_CAP)))
            continue;
        if (add_mention(c, i, i + 1, M_PRODUCT | M_NUMBER)) goto out;
    }
    r = 0;
out:
    free(in);
    dsr_map_free(&models);
    return r;
}

static int cmp_ment(const void *x, const void *y)
{
    const nm_ment *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return (a->end < b->end) - (a->end > b->end);
}

/* ---- votes ------------------------------------------------------------ */

/* A preposition before a bare name: 2 for one that places things ("in",
 * "near"), 1 for one that organisations take as often ("to", "from",
 * "at": "sold to Intel", "worked at IBM"), 0 for none. */
static int prep_before(const nm_ctx *c, size_t a)
{
    static const char *const places[] = {"in", "near", "across", "outside", "inside", "into",
                                         "throughout", "around", "toward", NULL};
    static const char *const either[] = {"to", "at", "from", NULL};
    if (a == 0) return 0;
    if (word_in(c, a - 1, places)) return 2;
    return word_in(c, a - 1, either);
}

/* The last capital segment of a camel-case word has head flags: "KoreanPeninsula". */
static uint32_t camel_head(const nm_ctx *c, size_t i)
{
    const dsr_tok *t = T(c, i);
    size_t k, seg = 0;
    char key[DSR_KEY_MAX];
    for (k = t->start + 1; k < t->end; k++)
        if (c->s[k] >= 'A' && c->s[k] <= 'Z' && c->s[k - 1] >= 'a' && c->s[k - 1] <= 'z') seg = k;
    if (!seg) return 0;
    return dsr_gaz_flags(key, dsr_name_key(c->s + seg, t->end - seg, key, sizeof key));
}

/* A lower-case geographic noun after the name: "Keflavik airport", "the
 * Mydalssandur outwash plain", "the Eyjafjallajokull and Myrdalsjokull
 * glaciers" (over a short list of names). */
static int geo_after(const nm_ctx *c, size_t b)
{
    size_t k, n = c->tk.n, lim = b + 8;
    for (k = b; k < n && k < lim; k++) {
        const dsr_tok *t = T(c, k);
        if (!continues(c, k) && t->punct != ',') return 0;
        if (t->punct == ',' || word_is(c, k, "and") || (namey(c, k) && !lower_word(c, k))) continue;
        break;
    }
    if (k >= n || !lower_word(c, k)) return 0;
    if (T(c, k)->gflags & DSR_G_GEO) return 1;
    /* one modifier: "outwash plain", "ice sheet" is not (no geo head) */
    return k == b && k + 1 < n && lower_word(c, k + 1) && continues(c, k + 1) &&
           !(T(c, k)->gflags & (DSR_G_STOP | DSR_G_SPEECH)) && (T(c, k + 1)->gflags & DSR_G_GEO) &&
           c->s[T(c, k)->end - 1] != 's' && c->s[T(c, k)->end - 1] != 'd';
}

/* The object of a verb of launching: "Acme unveiled Tarn", "released its
 * new Tarn" -- a product or a work. */
static int launched(const nm_ctx *c, size_t a)
{
    static const char *const verbs[] = {"unveil", "unveils", "unveiled", "unveiling", "launch",
                                        "launches", "launched", "launching", "release",
                                        "releases", "released", "releasing", "ships", "shipped",
                                        "debuts", "debuted", "demoed", "demonstrated",
                                        "previewed", "upgraded", NULL};
    static const char *const dets[] = {"the", "its", "their", "a", "an", "new", "latest", NULL};
    size_t k = a;
    while (k > 0 && k + 3 > a && lower_word(c, k - 1) && word_in(c, k - 1, dets)) k--;
    return k > 0 && lower_word(c, k - 1) && word_in(c, k - 1, verbs);
}

/* The subject of a passive verb of launching: "Tarn was unveiled",
 * "the Tarn will be released". */
static int launched_after(const nm_ctx *c, size_t b)
{
    static const char *const verbs[] = {"unveiled", "launched", "released", "shipped",
                                        "introduced", "debuted", NULL};
    size_t k = b;
    if (word_is(c, k, "was") || word_is(c, k, "were") || word_is(c, k, "is") ||
        word_is(c, k, "are"))
        k++;
    else if ((word_is(c, k, "will") || word_is(c, k, "would")) && word_is(c, k + 1, "be"))
        k += 2;
    else
        return 0;
    return lower_word(c, k) && word_in(c, k, verbs);
}

/* A name in quotation marks of its own: ``Lion'', "Darwin" -- a title, a
 * code name, a product. */
static int quoted(const nm_ctx *c, size_t a, size_t b)
{
    return a > 0 && b < c->tk.n && T(c, a - 1)->punct == '"' &&
           (T(c, b)->punct == '"' || T(c, b)->punct == '\'');
}

static void vote(nm_ctx *c, nm_ment *m)
{
    size_t a = m->a, b = m->b, n = b - a, k;
    const dsr_tok *first = T(c, a), *last = T(c, b - 1);
    uint32_t lg = last->gflags, any = 0;
    float *v = m->vote;
    if (m->gaz >= 0) {
        uint32_t g = dsr_gaz_at(m->gaz)->flags;
        if (g & DSR_G_PLACES) v[V_L] += 6;
        if (g & DSR_G_ORG) v[V_O] += 6;
        if (!(g & (DSR_G_PLACES | DSR_G_ORG))) v[V_L] += 6;     /* a demonym's country */
        return;
    }
    for (k = a; k < b; k++) any |= T(c, k)->gflags;
    /* "H of X": the head is H ("University of Iceland", "Gulf of Aden") */
    for (k = a + 1; k + 1 < b; k++)
        if (word_is(c, k, "of") || word_is(c, k, "for")) {
            lg = T(c, k - 1)->gflags;
            break;
        }
    if (n == 1) lg |= camel_head(c, a);
    if (n >= 2 || (lg & DSR_G_PLACEHEAD && n == 1 && camel_head(c, a))) {
        if (lg & DSR_G_ORGHEAD) v[V_O] += 3;
        if (lg & DSR_G_PLACEHEAD) v[V_L] += 3;
        /* a head of both kinds ("Center") is a venue where something is
         * held: "at the Moscone Center", "in the Hollis Centre" */
        if ((lg & DSR_G_ORGHEAD) && (lg & DSR_G_PLACEHEAD) &&
            (prep_before(c, a) || (a > 1 && word_is(c, a - 1, "the") && prep_before(c, a - 1))))
            v[V_L] += 1;
        if (lg & DSR_G_OTHERHEAD) v[V_X] += 3;
        if ((any & DSR_G_ORGHEAD) && !(lg & DSR_G_ORGHEAD)) v[V_O] += 1.5f;
    }
    if (m->flags & M_HONOR) v[V_P] += 5;
    if (m->flags & M_TPREFIX) v[V_O] += 2;      /* whose CEO: an organisation */
    if (a > 0 && lower_word(c, a - 1)) {
        uint32_t pg = T(c, a - 1)->gflags;
        if (pg & (DSR_G_ROLE | DSR_G_TITLE)) v[V_P] += 3;
        else if (pg & DSR_G_ORGNOUN) v[V_O] += 3;
        else if (pg & DSR_G_PRODUCT) v[V_X] += 3;      /* "web browser Safari" */
    }
    if (launched(c, a) || launched_after(c, b)) v[V_X] += 1.5f;
    if (b < c->tk.n && (word_is(c, b, "users") || word_is(c, b, "owners")))
        v[V_X] += 1.5f;                     /* "Macintosh users" */
    if (quoted(c, a, b)) v[V_X] += 1.0f;
    if (b < c->tk.n && lower_word(c, b) && (T(c, b)->gflags & DSR_G_ORGNOUN) && !(last->flags & DSR_T_POSS))
        v[V_O] += 2;
    /* "Tarn Core Duo processors" is a product line; one word before such a
     * noun is as often its maker ("Intel chips") */
    else if (n >= 2 && b < c->tk.n && lower_word(c, b) && (T(c, b)->gflags & DSR_G_PRODUCT) &&
             !(last->flags & DSR_T_POSS))
        v[V_X] += 2;
    if (n >= 2 && (first->gflags & DSR_G_GIVEN)) v[V_P] += 3;
    for (k = a; k < b; k++)
        if ((T(c, k)->flags & DSR_T_INITIAL) || lower_word(c, k)) {
            /* "de", "van" (not the "of" of "Bank of America") */
            if ((T(c, k)->gflags & DSR_G_PARTICLE && !word_is(c, k, "of") && !word_is(c, k, "for")) ||
                (T(c, k)->flags & DSR_T_INITIAL))
                v[V_P] += 2;
            break;
        }
    if (n >= 2 && !has_head(any) && !(m->flags & M_PRODUCT)) {
        int plain = 1;
        for (k = a; k < b; k++)
            if ((T(c, k)->flags & (DSR_T_ALLCAP | DSR_T_DIGIT | DSR_T_MIXED)) || T(c, k)->punct == '-')
                plain = 0;                  /* (nor is "Wal - Mart" a first and last name) */
        if (plain) v[V_P] += (first->gflags & DSR_G_GIVEN) ? 1.2f : 0.5f;
    }
    if (m->flags & M_ACRO || (n == 1 && (first->flags & DSR_T_DOTS))) v[V_O] += 1.5f;
    /* a name that is itself a kind of thing: "the SDK", "the Summit" */
    if (n == 1 && (first->gflags & DSR_G_OTHERHEAD) && !(first->gflags & (DSR_G_ORGHEAD | DSR_G_PLACES)))
        v[V_X] += 2;
    if (m->flags & M_PRODUCT || (first->flags & DSR_T_MIXED)) v[V_X] += 2;
    /* "the new X", "Acme's X": a product */
    if (a > 0 && (word_is(c, a - 1, "new") || word_is(c, a - 1, "latest") ||
                  word_is(c, a - 1, "upcoming")))
        v[V_X] += 1.5f;
    else if (a > 0 && is_word(c, a - 1) && (T(c, a - 1)->flags & DSR_T_POSS) &&
             (T(c, a - 1)->flags & DSR_T_CAP) && !(T(c, a - 1)->gflags & DSR_G_PLACES) &&
             T(c, a - 1)->end + 3 >= first->start)
        v[V_X] += 1.0f;
    if (n == 1) {
        /* (the weak guess "organisation" of a bare word is added once per
         * entity, in add_priors, not once per mention) */
        int p = prep_before(c, a);
        if (p) m->weak |= p == 2 ? W_IN : W_TO;
        if (a > 0 && word_is(c, a - 1, "the")) m->weak |= W_THE;
        if (first->gflags & DSR_G_GIVEN) v[V_P] += 0.5f;
    }
    /* "Cupertino, California" */
    if (b + 1 < c->tk.n && T(c, b)->punct == ',' && is_word(c, b + 1) &&
        (T(c, b + 1)->gflags & (DSR_G_COUNTRY | DSR_G_SUBDIV)) && (T(c, b + 1)->flags & DSR_T_CAP))
        v[V_L] += 3;
    if (b < c->tk.n && (T(c, b)->gflags & DSR_G_SPEECH) && lower_word(c, b)) v[V_P] += 0.6f;
    if (geo_after(c, b)) v[V_L] += 3;
    if (m->desc.score > 0 && m->desc.type >= 0) v[m->desc.type] += 2;
}

static int argmax(const float *v);

/* Names in a pair or list agree in kind: "Northrop Grumman and EADS",
 * "Boeing, Airbus and Embraer", "the iPod Classic, Nano and Shuffle".  A
 * name whose own votes say organisation or product lends that to its
 * neighbours, in text order, so a list passes it on (persons and places
 * have cues of their own: given names, the gazetteer). */
static void coordination(nm_ctx *c)
{
    size_t i;
    for (i = 0; i + 1 < c->m.n; i++) {
        nm_ment *x = &c->m.v[i], *y = &c->m.v[i + 1];
        size_t gap = y->a - x->b;
        int link;
        nm_ment *p[2];
        int k;
        if (y->a < x->b || gap < 1 || gap > 2) continue;
        link = gap == 1 ? (word_is(c, x->b, "and") || word_is(c, x->b, "or") ||
                           T(c, x->b)->punct == ',' || T(c, x->b)->punct == '/')
                        : (T(c, x->b)->punct == ',' && word_is(c, x->b + 1, "and"));
        if (!link || (x->flags | y->flags) & M_DEMONYM) continue;
        p[0] = x, p[1] = y;
        for (k = 0; k < 2; k++) {
            const float *v = p[k]->vote;
            int t = argmax(v), u = argmax(p[1 - k]->vote);
            if (p[1 - k]->gaz >= 0 || u == V_L) continue;
            if (t == V_O && v[V_O] >= 1.5f && !((x->flags | y->flags) & M_PRODUCT))
                p[1 - k]->vote[V_O] += 1.0f;
            else if (t == V_X && v[V_X] >= 1.0f && u != V_P)
                p[1 - k]->vote[V_X] += 1.0f;
        }
    }
}

static int argmax(const float *v)
{
    int k, best = -1;
    float bv = 0;
    for (k = 0; k < 4; k++)
        if (v[k] > bv) bv = v[k], best = k;
    return best;
}

/* ---- 4. entities ------------------------------------------------------ */

static uint32_t find(nm_ctx *c, uint32_t e)
{
    while (c->e.v[e].parent != e) {
        c->e.v[e].parent = c->e.v[c->e.v[e].parent].parent;
        e = c->e.v[e].parent;
    }
    return e;
}

static void unite(nm_ctx *c, uint32_t a, uint32_t b)
{
    a = find(c, a);
    b = find(c, b);
    if (a == b) return;
    if (c->e.v[b].ntok > c->e.v[a].ntok) { uint32_t t = a; a = b; b = t; }
    c->e.v[b].parent = a;
}

/* The compact key of a mention's text (made once by mention_keys). */
static const char *mkey(const nm_ctx *c, const nm_ment *m, size_t *n)
{
    *n = m->ckn;
    return c->mk.v + m->ck;
}

static int mention_keys(nm_ctx *c)
{
    size_t i;
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        if (dsr_vec_reserve(&c->mk, c->mk.n + DSR_KEY_MAX)) return -1;
        m->ck = (uint32_t)c->mk.n;
        m->ckn = (uint32_t)range_key(c, m->a, m->b, c->mk.v + c->mk.n, 1);
        c->mk.n += m->ckn + 1;
    }
    return 0;
}

/* The grouping key: the gazetteer's for a gazetteer name, else the text's. */
static const char *ment_ckey(const nm_ctx *c, const nm_ment *m, char *k, size_t *n)
{
    if (m->gaz >= 0) {
        const char *g = dsr_gaz_at(m->gaz)->key;
        *n = dsr_name_ckey(g, strlen(g), k, DSR_KEY_MAX);
        return k;
    }
    return mkey(c, m, n);
}

static int group_by_key(nm_ctx *c)
{
    size_t i;
    char k[DSR_KEY_MAX];
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        size_t n;
        const char *mk = ment_ckey(c, m, k, &n);
        uint32_t *v;
        if (n == 0) { m->ent = UINT32_MAX; continue; }
        if (!(v = dsr_map_put(&c->keys, mk, n, (uint32_t)c->e.n))) return -1;
        if (*v == c->e.n) {
            nm_ent e;
            memset(&e, 0, sizeof e);
            e.parent = e.first = e.best = (uint32_t)i;
            e.parent = (uint32_t)c->e.n;
            e.gaz = m->gaz;
            if (dsr_vec_push(&c->e, e)) return -1;
        }
        m->ent = *v;
        {
            nm_ent *e = &c->e.v[*v];
            uint32_t nt = m->b - m->a;
            if (nt > e->ntok || (nt == e->ntok && m->end - m->start >
                                 c->m.v[e->best].end - c->m.v[e->best].start))
                e->ntok = nt, e->best = (uint32_t)i;
            if (m->flags & M_PRODUCT) e->digit = 1;
        }
    }
    return 0;
}

/* "International Atomic Energy Agency (IAEA)" */
static void acronym_parens(nm_ctx *c)
{
    size_t i, k;
    for (i = 1; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i], *p = NULL;
        if (!(m->flags & M_ACRO) || m->ent == UINT32_MAX || m->a < 1) continue;
        if (T(c, m->a - 1)->punct != '(' || m->b >= c->tk.n || T(c, m->b)->punct != ')') continue;
        /* the longest name that ends before the parenthesis: a place that
         * leads it is a mention too ("Singapore" of "Singapore Airlines") */
        for (k = i; k-- > 0 && k + 4 > i;)
            if (c->m.v[k].b + 1 == m->a && c->m.v[k].ent != UINT32_MAX &&
                (!p || c->m.v[k].a < p->a))
                p = &c->m.v[k];
        if (p && p->b - p->a >= 2) unite(c, p->ent, m->ent);
    }
}

/* Initials of a multi-word name: "United Nations" -> "un". */
static size_t initials(const nm_ctx *c, const nm_ment *m, char *out)
{
    size_t k, n = 0;
    for (k = m->a; k < m->b && n < 15; k++) {
        const dsr_tok *t = T(c, k);
        if (!(t->flags & DSR_T_CAP) || (t->flags & DSR_T_DIGIT)) continue;
        out[n++] = (char)(c->s[t->start] | 0x20);
    }
    out[n] = '\0';
    return n;
}

static int acronym_initials(nm_ctx *c)
{
    dsr_map ini = {0};
    size_t i;
    char k[DSR_KEY_MAX];
    int r = -1;
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        size_t n;
        uint32_t *v;
        if (m->b - m->a < 2 || m->ent == UINT32_MAX || (m->flags & (M_ACRO | M_PRODUCT))) continue;
        if ((n = initials(c, m, k)) < 2) continue;
        if (!(v = dsr_map_put(&ini, k, n, find(c, m->ent)))) goto out;
        if (*v != find(c, m->ent)) *v = UINT32_MAX - 1;         /* ambiguous */
    }
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        uint32_t v;
        if (!(m->flags & M_ACRO) || m->ent == UINT32_MAX || m->gaz >= 0) continue;
        {
            size_t n;
            const char *mk = mkey(c, m, &n);
            v = dsr_map_get(&ini, mk, n);
        }
        if (v < UINT32_MAX - 1) unite(c, v, m->ent);
    }
    r = 0;
out:
    dsr_map_free(&ini);
    return r;
}

/* An entity named by single words only is an organisation by a weak
 * guess: once per entity, so that many bare mentions do not outvote one
 * real cue ("the Katla volcano" against ten times "Katla"). */
static void add_priors(nm_ctx *c, float (*acc)[4])
{
    size_t i;
    uint8_t *multi = calloc(c->e.n ? c->e.n : 1, 1), *weak = calloc(c->e.n ? c->e.n : 1, 1);
    if (!multi || !weak) goto out;
    for (i = 0; i < c->m.n; i++) {
        const nm_ment *m = &c->m.v[i];
        if (m->ent == UINT32_MAX) continue;
        /* ("Wal - Mart" is one word, spaced out) */
        if (m->b - m->a > 1 && m->gaz < 0 && !(m->b - m->a == 3 && T(c, m->a + 1)->punct == '-'))
            multi[find(c, m->ent)] = 1;
        weak[find(c, m->ent)] |= m->weak;
    }
    for (i = 0; i < c->e.n; i++) {
        if (find(c, (uint32_t)i) != i) continue;
        if (!multi[i]) acc[i][V_O] += 0.8f;
        if (weak[i] & W_IN) acc[i][V_L] += 1.0f;
        else if (weak[i] & W_TO) acc[i][V_L] += 0.5f;
        if (weak[i] & W_THE) acc[i][V_O] += 0.4f;
    }
out:
    free(multi);
    free(weak);
}

static void entity_types(nm_ctx *c)
{
    size_t i;
    float (*acc)[4] = NULL;
    if (c->e.n == 0) return;
    acc = calloc(c->e.n, sizeof *acc);
    for (i = 0; i < c->m.n && acc; i++) {
        nm_ment *m = &c->m.v[i];
        int k;
        if (m->ent == UINT32_MAX) continue;
        for (k = 0; k < 4; k++) acc[find(c, m->ent)][k] += m->vote[k];
    }
    if (acc) add_priors(c, acc);
    for (i = 0; i < c->e.n; i++) {
        int t = acc ? argmax(acc[i]) : -1;
        if (t < 0) t = c->e.v[i].ntok >= 2 ? V_P : V_O;
        c->e.v[i].type = (uint8_t)t;
        c->e.v[i].place = t == V_L;
    }
    free(acc);
}

/* Is the range [a, b) a place or a demonym ("US Air Force" -> "Air Force")? */
static int place_prefix(const nm_ctx *c, size_t a, size_t b)
{
    const dsr_gaz_entry *g;
    if (b <= a) return 0;
    g = range_gaz(c, a, b);
    return g && (g->flags & (DSR_G_PLACES | DSR_G_DEMONYM));
}


static int add_sub(nm_ctx *c, size_t a, size_t b, uint32_t ent)
{
    char k[DSR_KEY_MAX];
    size_t n = range_key(c, a, b, k, 1);
    uint32_t *head;
    if (!n) return 0;
    if (!(head = dsr_map_put(&c->subs, k, n, UINT32_MAX))) return -1;
    if (dsr_vec_reserve(&c->chain, c->chain.n + 2)) return -1;
    c->chain.v[c->chain.n++] = ent;
    c->chain.v[c->chain.n++] = *head;
    *head = (uint32_t)(c->chain.n - 2);
    return 0;
}

/* Register the leading and trailing words of multi-word names as their
 * short forms: a person's first or last name, an organisation's leading
 * words (or trailing ones after a place: "Air Force"), a product's model
 * ("A380", "Dreamliner"). */
static int index_subnames(nm_ctx *c)
{
    size_t i;
    for (i = 0; i < c->e.n; i++) {
        nm_ent *e = &c->e.v[i];
        const nm_ment *m;
        size_t p;
        if (find(c, (uint32_t)i) != i || e->ntok < 2 || e->place) continue;
        m = &c->m.v[e->best];
        if (e->digit) {
            size_t q;
            /* a number inside the name ("787" of "Boeing 787 Dreamliner"), or
             * at its end when it has three digits or more ("Boeing 777"; not
             * the "4" of "iPhone 4") */
            for (q = m->a; q < m->b; q++)
                if ((T(c, q)->flags & DSR_T_DIGIT) && (q + 1 < m->b || T(c, q)->end - T(c, q)->start >= 3) &&
                    add_sub(c, q, q + 1, (uint32_t)i))
                    return -1;
        }
        for (p = 1; p < e->ntok && p <= 3; p++) {
            int side;
            for (side = 0; side < 2; side++) {
                size_t a = side ? m->b - p : m->a, b = side ? m->b : m->a + p;
                if (e->digit) {
                    /* products: only the model part, with a letter in it */
                    if (!side || !(T(c, a)->flags & DSR_T_ALPHA) ||
                        (p == 1 && !(T(c, a)->flags & DSR_T_ALPHA)))
                        continue;
                } else if (e->type == V_X && !side && !(T(c, m->a)->flags & DSR_T_MIXED)) {
                    /* an event or product names its maker first: "Apple"
                     * in "Apple Worldwide Developers Conference" is the
                     * company, not a short form of the conference (a
                     * brand in lower case is none: "iTunes Music Store") */
                    continue;
                } else if (e->type == V_X && side) {
                    /* a version's own name: "Tiger" of "Mac OS X Tiger"
                     * (not a kind: "Conference", "Store") */
                    if (p > 1 || T(c, a)->end - T(c, a)->start < 2 ||
                        (T(c, a)->gflags & (DSR_G_ORGHEAD | DSR_G_OTHERHEAD | DSR_G_PLACEHEAD |
                                            DSR_G_COMMON)))
                        continue;
                } else if (e->type != V_P) {
                    if (side && !place_prefix(c, m->a, a)) continue;
                }
                if (T(c, a)->gflags & DSR_G_PARTICLE && lower_word(c, a)) continue;
                if (lower_word(c, b - 1) || (T(c, b - 1)->flags & DSR_T_INITIAL)) continue;
                if (add_sub(c, a, b, (uint32_t)i)) return -1;
            }
        }
    }
    return 0;
}

/* "Dreamliners" and "A380s" are the product "Dreamliner", "A380". */
static void merge_plurals(nm_ctx *c)
{
    size_t i;
    for (i = 0; i < c->e.n; i++) {
        nm_ent *e = &c->e.v[i];
        const nm_ment *m = &c->m.v[e->best];
        size_t n;
        uint32_t v;
        const char *k;
        if (find(c, (uint32_t)i) != i || m->gaz >= 0) continue;
        k = mkey(c, m, &n);
        if (n < 3 || k[n - 1] != 's' || k[n - 2] == 's') continue;
        if ((v = dsr_map_get(&c->keys, k, n - 1)) == UINT32_MAX) continue;
        v = find(c, v);
        if (v == i || !(e->digit || c->e.v[v].digit || c->e.v[v].type == V_X)) continue;
        unite(c, v, (uint32_t)i);
    }
}

/* Resolve short forms, in text order. */
static void resolve_short(nm_ctx *c)
{
    size_t i;
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        uint32_t own, h, best = UINT32_MAX, bestseen = 0, later = UINT32_MAX, nper = 0, noth = 0,
                 other = UINT32_MAX;
        size_t n, walk;
        if (m->ent == UINT32_MAX) continue;
        own = find(c, m->ent);
        if (m->gaz < 0 && !(m->flags & M_DEMONYM)) {
            const char *k = mkey(c, m, &n);
            h = dsr_map_get(&c->subs, k, n);
            if (h == UINT32_MAX && n > 3 && k[n - 1] == 's') h = dsr_map_get(&c->subs, k, n - 1);
            /* a bounded number of candidates: a short form shared by more
             * names than this is too ambiguous to resolve anyway */
            for (walk = 0; h != UINT32_MAX && walk < 32; h = c->chain.v[h + 1], walk++) {
                uint32_t e = find(c, c->chain.v[h]);
                nm_ent *E = &c->e.v[e];
                if (e == own || E->ntok <= m->b - m->a) continue;
                if (E->type == V_P) {
                    nper++;
                    if (E->last_seen > bestseen) bestseen = E->last_seen, best = e;
                    else if (!E->last_seen && (later == UINT32_MAX || E->first < c->e.v[later].first))
                        later = e;
                } else if (other != e) {
                    noth++;
                    other = e;
                }
            }
            if (best == UINT32_MAX && nper) best = later;
            if (best == UINT32_MAX && noth == 1) best = other;
            if (best != UINT32_MAX && (!(noth && nper) || (nper && c->e.v[best].last_seen))) {
                m->ent = best;
                own = best;
            }
        }
        c->e.v[own].last_seen = (uint32_t)i + 1;
    }
}

/* ---- output ----------------------------------------------------------- */

static uint32_t pool_add(dsr_docents *out, const char *s, size_t n, int collapse)
{
    size_t off = out->pool.n, i;
    int sp = 0;
    if (off >= UINT32_MAX - n - 2) return DSR_NOSTR;
    if (dsr_vec_reserve(&out->pool, off + n + 1)) return DSR_NOSTR;
    for (i = 0; i < n; i++) {
        char ch = s[i];
        if (collapse && (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ' || ch == '\0')) {
            sp = 1;
            continue;
        }
        if (sp && out->pool.n > off) out->pool.v[out->pool.n++] = ' ';
        sp = 0;
        out->pool.v[out->pool.n++] = ch;
    }
    out->pool.v[out->pool.n++] = '\0';
    return (uint32_t)off;
}

/* Write entity e, whose mentions are mi[0..nm), to out. */
static int emit_entity(nm_ctx *c, uint32_t e, dsr_docents *out, const float *votes,
                       const uint32_t *mi, size_t nm)
{
    nm_ent *E = &c->e.v[e];
    const nm_ment *bm = &c->m.v[E->best];
    dsr_dent d;
    dsr_map *seen = &c->seen;
    size_t i, n;
    char k[4 + DSR_KEY_MAX];        /* the entity's number, then the key */
    float best = 0, second = 0;
    int t, r = -1;
    memset(&d, 0, sizeof d);
    d.desc = d.aliases = DSR_NOSTR;
    if (E->gaz >= 0 && !(bm->flags & M_DEMONYM) && !(dsr_gaz_at(E->gaz)->flags & DSR_G_ORG))
        d.name = pool_add(out, dsr_gaz_at(E->gaz)->name, strlen(dsr_gaz_at(E->gaz)->name), 0);
    else if (E->gaz >= 0 && (bm->flags & M_DEMONYM))
        d.name = pool_add(out, dsr_gaz_at(E->gaz)->name, strlen(dsr_gaz_at(E->gaz)->name), 0);
    else
        d.name = pool_add(out, c->s + bm->start, bm->end - bm->start, 1);
    if (d.name == DSR_NOSTR) return -1;
    memcpy(k, &e, 4);
    n = dsr_name_ckey(out->pool.v + d.name, strlen(out->pool.v + d.name), k + 4, DSR_KEY_MAX);
    if (!dsr_map_put(seen, k, 4 + n, 0)) goto out;
    /* aliases: every other form, once */
    for (i = 0; i < nm; i++) {
        const nm_ment *m = &c->m.v[mi[i]];
        uint32_t *v, off;
        memcpy(k + 4, mkey(c, m, &n), m->ckn);
        if (!n || !(v = dsr_map_put(seen, k, 4 + n, 1))) {
            if (n) goto out;
            continue;
        }
        if (*v == 1) {
            *v = 2;
            off = pool_add(out, c->s + m->start, m->end - m->start, 1);
            if (off == DSR_NOSTR) goto out;
            if (d.aliases == DSR_NOSTR) d.aliases = off;
        }
        if (m->desc.score > d.desc_score) {
            d.desc_score = m->desc.score;
            d.desc_start = m->desc.start;
            d.desc_end = m->desc.end;
        }
    }
    if (d.aliases != DSR_NOSTR && pool_add(out, "", 0, 0) == DSR_NOSTR) goto out;
    if (d.desc_score > 0) {
        d.desc = pool_add(out, c->s + d.desc_start, d.desc_end - d.desc_start, 1);
        if (d.desc == DSR_NOSTR) goto out;
    }
    t = argmax(votes);
    if (t < 0) t = E->ntok >= 2 ? V_P : V_O;
    for (i = 0; i < 4; i++) {
        if (votes[i] > best) second = best, best = votes[i];
        else if (votes[i] > second) second = votes[i];
    }
    static const uint8_t map[4] = {DSR_PERSON, DSR_ORGANIZATION, DSR_PLACE, DSR_OTHER};
    d.type = map[t];
    d.type_conf = (uint8_t)(best - second > 25 ? 250 : (best - second) * 10);
    E->out = (uint32_t)out->ents.n;
    r = dsr_vec_push(&out->ents, d);
out:
    return r;
}

static int cmp_dment(const void *x, const void *y)
{
    const dsr_dment *a = x, *b = y;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    if (a->end != b->end) return a->end < b->end ? -1 : 1;
    return (a->nominal > b->nominal) - (a->nominal < b->nominal);
}

/* The tokens of a description: [*lo, *hi). */
static void desc_toks(const nm_ctx *c, const dsr_desc *d, size_t *lo, size_t *hi)
{
    size_t a = 0, b = c->tk.n;
    while (a < b) {                         /* first token at or after d->start */
        size_t mid = a + (b - a) / 2;
        if (T(c, mid)->start < d->start) a = mid + 1;
        else b = mid;
    }
    *lo = a;
    while (a < c->tk.n && T(c, a)->end <= d->end) a++;
    *hi = a;
}

/* Does a description stand for its name as a mention?  Not when it is
 * only a title ("Senator"), nor when a role or kind before the name is all
 * lower case ("manager Neil Aspinall", "rival Microsoft", "animation studio
 * Pixar"): that is a common noun, while "Apple CEO" names its company. */
static int desc_mention(const nm_ctx *c, const nm_ment *m, const dsr_desc *d)
{
    size_t lo, hi, k;
    int titles = 1, capital = 0;
    if (d->score < 2.0f || d->end <= d->start) return 0;
    desc_toks(c, d, &lo, &hi);
    for (k = lo; k < hi; k++) {
        if (!is_word(c, k)) continue;
        if (!(T(c, k)->gflags & DSR_G_TITLE)) titles = 0;
        if (T(c, k)->flags & (DSR_T_CAP | DSR_T_MIXED | DSR_T_ALLCAP)) capital = 1;
    }
    return !titles && (capital || d->start > m->start);
}

static int emit(nm_ctx *c, dsr_docents *out)
{
    size_t i;
    float (*acc)[4];
    uint32_t *first, *order;
    int r = -1;
    acc = calloc(c->e.n ? c->e.n : 1, sizeof *acc);
    first = calloc(c->e.n + 2, sizeof *first);
    order = malloc((c->m.n ? c->m.n : 1) * sizeof *order);
    if (!acc || !first || !order) goto out;
    for (i = 0; i < c->e.n; i++) c->e.v[i].out = UINT32_MAX;
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        int k;
        if (m->ent == UINT32_MAX) continue;
        m->ent = find(c, m->ent);
        for (k = 0; k < 4; k++) acc[m->ent][k] += m->vote[k];
    }
    add_priors(c, acc);
    /* the best mention of an entity: its longest */
    for (i = 0; i < c->e.n; i++) c->e.v[i].ntok = 0;
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        nm_ent *E;
        if (m->ent == UINT32_MAX) continue;
        E = &c->e.v[m->ent];
        if (m->b - m->a > E->ntok && !(m->flags & M_DEMONYM)) E->ntok = m->b - m->a, E->best = (uint32_t)i;
        else if (!E->ntok) E->best = (uint32_t)i;
    }
    /* mentions grouped by entity (a counting sort), so that writing an
     * entity looks at its own mentions only */
    for (i = 0; i < c->m.n; i++)
        if (c->m.v[i].ent != UINT32_MAX) first[c->m.v[i].ent + 2]++;
    for (i = 2; i < c->e.n + 2; i++) first[i] += first[i - 1];
    for (i = 0; i < c->m.n; i++)
        if (c->m.v[i].ent != UINT32_MAX) order[first[c->m.v[i].ent + 1]++] = (uint32_t)i;
    for (i = 0; i < c->m.n; i++) {
        nm_ment *m = &c->m.v[i];
        dsr_dment dm;
        memset(&dm, 0, sizeof dm);      /* padding too: the record is written to the cache file */
        if (m->ent == UINT32_MAX) continue;
        if (c->e.v[m->ent].out == UINT32_MAX &&
            emit_entity(c, m->ent, out, acc[m->ent], order + first[m->ent],
                        first[m->ent + 1] - first[m->ent]))
            goto out;
        dm.start = m->start;
        dm.end = m->end;
        dm.ent = c->e.v[m->ent].out;
        dm.nominal = 0;
        if (dsr_vec_push(&out->ments, dm)) goto out;
        /* the description stands for the entity too: "the Airbus chief
         * executive" is a (nominal) mention of the person */
        if (desc_mention(c, m, &m->desc)) {
            dm.start = m->desc.start;
            dm.end = m->desc.end;
            dm.nominal = 1;
            if (dsr_vec_push(&out->ments, dm)) goto out;
        }
        if (desc_mention(c, m, &m->desc2)) {
            dm.start = m->desc2.start;
            dm.end = m->desc2.end;
            dm.nominal = 1;
            if (dsr_vec_push(&out->ments, dm)) goto out;
        }
        /* and the whole noun phrase, name with description */
        if (m->desc.score >= 2.0f && m->desc.end > m->desc.start) {
            dm.start = m->desc.start < m->start ? m->desc.start : m->start;
            dm.end = m->desc.end > m->end ? m->desc.end : m->end;
            dm.nominal = 1;
            if (dsr_vec_push(&out->ments, dm)) goto out;
        }
    }
    if (out->ments.n > 1) qsort(out->ments.v, out->ments.n, sizeof *out->ments.v, cmp_dment);
    r = 0;
out:
    free(acc);
    free(first);
    free(order);
    return r;
}

/* ---- entry point ------------------------------------------------------ */

static void ctx_free(nm_ctx *c)
{
    dsr_vec_free(&c->tk);
    free(c->ev);
    dsr_vec_free(&c->m);
    dsr_vec_free(&c->e);
    dsr_map_free(&c->keys);
    dsr_map_free(&c->subs);
    dsr_map_free(&c->seen);
    dsr_vec_free(&c->chain);
    dsr_vec_free(&c->mk);
}

int dsr_names_scan(const dsr_text *t, dsr_docents *out)
{
    nm_ctx c;
    size_t i, body = t->body <= t->len ? t->body : t->len;
    int r = -1;
    memset(&c, 0, sizeof c);
    out->ents.n = out->ments.n = out->pool.n = 0;
    if (t->len >= UINT32_MAX) return -1;
    c.s = t->s;
    /* about one token per five bytes of news: grow once, not ten times */
    if (dsr_vec_reserve(&c.tk, (t->len - body) / 5 + 16) ||
        dsr_vec_reserve(&c.m, (t->len - body) / 64 + 16))
        goto out;
    if (dsr_tokenize(t->s, body, t->len, &c.tk)) goto out;
    mark_headlines(&c);
    if (collect_evidence(&c) || find_runs(&c) || find_numbers(&c)) goto out;
    if (c.m.n > 1) qsort(c.m.v, c.m.n, sizeof *c.m.v, cmp_ment);
    /* the vectors that grow a mention at a time, sized once */
    if (dsr_vec_reserve(&c.mk, c.m.n * 16 + DSR_KEY_MAX) || dsr_vec_reserve(&c.e, c.m.n + 1) ||
        dsr_vec_reserve(&out->ents, c.m.n + 1) || dsr_vec_reserve(&out->ments, 2 * c.m.n + 1) ||
        dsr_vec_reserve(&out->pool, c.m.n * 24 + 64))
        goto out;
    if (mention_keys(&c)) goto out;
    for (i = 0; i < c.m.n; i++) {
        nm_ment *m = &c.m.v[i];
        if (!(m->flags & M_DEMONYM)) {
            dsr_desc dd[2];
            dsr_desc_find(c.s, c.tk.v, c.tk.n, m->a, m->b, dd);
            m->desc = dd[0];
            m->desc2 = dd[1];
        }
        vote(&c, m);
    }
    coordination(&c);
    if (group_by_key(&c)) goto out;
    acronym_parens(&c);
    if (acronym_initials(&c)) goto out;
    entity_types(&c);
    merge_plurals(&c);
    if (index_subnames(&c)) goto out;
    resolve_short(&c);
    r = emit(&c, out);
out:
    ctx_free(&c);
    return r;
}

void dsr_docents_free(dsr_docents *d)
{
    dsr_vec_free(&d->ents);
    dsr_vec_free(&d->ments);
    dsr_vec_free(&d->pool);
}
