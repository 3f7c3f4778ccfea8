/*
 * names_lex.c -- cut a document into words and punctuation for the name
 * finder.
 *
 * One left-to-right pass over the bytes.  A word is a run of letters and
 * digits that may hold inner hyphens ("Jong-il", "al-Sistani"), inner
 * apostrophes ("O'Leary", "d'Ivoire"), an inner ampersand ("AT&T") and inner
 * dots between digits ("1.1.1").  The possessive 's (ASCII or typographic
 * apostrophe) is not part of the word: the word gets DSR_T_POSS and the
 * 's is skipped, so "Pyongyang’s" gives the span of "Pyongyang".  Periods are
 * absorbed into initials ("B."), dotted acronyms ("U.S.", "N.V.") and a short
 * list of abbreviations ("Mr.", "Inc.", "Feb."), which therefore never end a
 * sentence.  Every other mark is a one-character token with a class in
 * `punct`.
 *
 * The lexer also decides which words start a sentence (after . ! ?, at a
 * paragraph, at a line that does not continue a wrapped sentence, after an
 * opening quote): those capitals say nothing about being a name.
 *
 * Hard-wrapped text (Reuters, e-mail, Markdown paragraphs) is the norm, so a
 * single line break inside a paragraph is a space: the token after it gets
 * DSR_T_WRAP and names run across it ("Andrew\nAdonis").  A break is a
 * boundary instead after a blank line, after a short line (a title, a
 * byline, an address: wrapped lines are long), after a Markdown heading or
 * an underline, and before a line that opens with a list, quote or table
 * marker ("- ", "* ", "> ", "| ", "1. ", Reuters' "&").  An indented line
 * after a short one is a table row and starts a sentence; a company
 * designator opening a line ("Inc said ...") goes on with the name before.
 */
#include <string.h>
#include "names_int.h"

static int is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v' ||
           c == 0 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
           c == 0x3000 || c == 0xFEFF;
}

static int is_alnum_cp(uint32_t c)
{
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return dsr_cp_is_letter(c);
}

/* The code point at i; ASCII without a call, as nearly all text is. */
static uint32_t get(const char *s, size_t end, size_t i, size_t *len)
{
    unsigned char b = (unsigned char)s[i];
    if (b < 0x80) {
        *len = 1;
        return b;
    }
    return dsr_utf8_get(s, end, i, len);
}

static int is_apos(uint32_t c) { return c == '\'' || c == 0x2019; }

/* Punctuation class of a code point that is not part of a word. */
static char punct_class(uint32_t c)
{
    switch (c) {
    case ',': case ';': case ':': case '.': case '!': case '?': case '(': case ')':
    case '&': case '/': case '-':
        return (char)c;
    case '[': case '{': return '(';
    case ']': case '}': return ')';
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB: case '`':
        return '"';
    case '\'': case 0x2018: case 0x2019: return '\'';
    case 0x2013: case 0x2014: case 0x2012: case 0x2015: case 0x2010: case 0x2011: case 0x2212:
        return '-';
    default: return '*';
    }
}

/* Abbreviations whose period is part of the word ("Mr.", "Inc.", "Feb."),
 * packed as integers -- up to five lower-case letters, one byte each, first
 * letter highest -- because is_abbrev runs at every word before a period:
 *   mr mrs ms dr prof st jr sr inc corp co ltd gen sen rep gov col capt lt
 *   sgt maj adm rev hon jan feb mar apr jun jul aug sep sept oct nov dec vs
 *   mt ft bros no dept univ assn mass calif wash */
static const uint64_t abbrevs[] = {
    0x6d72u /* mr */, 0x6d7273u /* mrs */, 0x6d73u /* ms */, 0x6472u /* dr */,
    0x70726f66u /* prof */, 0x7374u /* st */, 0x6a72u /* jr */, 0x7372u /* sr */,
    0x696e63u /* inc */, 0x636f7270u /* corp */, 0x636fu /* co */, 0x6c7464u /* ltd */,
    0x67656eu /* gen */, 0x73656eu /* sen */, 0x726570u /* rep */, 0x676f76u /* gov */,
    0x636f6cu /* col */, 0x63617074u /* capt */, 0x6c74u /* lt */, 0x736774u /* sgt */,
    0x6d616au /* maj */, 0x61646du /* adm */, 0x726576u /* rev */, 0x686f6eu /* hon */,
    0x6a616eu /* jan */, 0x666562u /* feb */, 0x6d6172u /* mar */, 0x617072u /* apr */,
    0x6a756eu /* jun */, 0x6a756cu /* jul */, 0x617567u /* aug */, 0x736570u /* sep */,
    0x73657074u /* sept */, 0x6f6374u /* oct */, 0x6e6f76u /* nov */, 0x646563u /* dec */,
    0x7673u /* vs */, 0x6d74u /* mt */, 0x6674u /* ft */, 0x62726f73u /* bros */,
    0x6e6fu /* no */, 0x64657074u /* dept */, 0x756e6976u /* univ */, 0x6173736eu /* assn */,
    0x6d617373u /* mass */, 0x63616c6966u /* calif */, 0x77617368u /* wash */,
};

static int is_abbrev(const char *s, size_t a, size_t b)
{
    size_t n = b - a, i;
    uint64_t k = 0;
    if (n == 0 || n > 5) return 0;
    for (i = 0; i < n; i++) {
        char c = s[a + i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return 0;
        k = (k << 8) | (unsigned char)(c | 0x20);
    }
    for (i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++)
        if (abbrevs[i] == k) return 1;
    return 0;
}

typedef struct {
    const char *s;
    size_t end;
} lx;

static uint32_t cp_at(const lx *L, size_t i, size_t *len)
{
    if (i >= L->end) { *len = 0; return 0; }
    return get(L->s, L->end, i, len);
}

/* The letter-case shape of a word as scan_word reads it. */
typedef struct {
    uint32_t f;
    size_t letters, uppers;
    int first, first_lower;
} wshape;

/* One more letter, upper case or not: capitalised, mixed ("iPhone"). */
static inline void note_letter(wshape *w, int up)
{
    w->f |= DSR_T_ALPHA;
    w->letters++;
    w->uppers += up;
    if (w->first) {
        if (up) w->f |= DSR_T_CAP;
        else w->first_lower = 1;
    } else if (up && w->first_lower) {
        w->f |= DSR_T_MIXED;
    }
    w->first = 0;
}

/* Scan a word starting at i; returns its end and fills shape flags. */
static size_t scan_word(const lx *L, size_t i, uint32_t *flags, size_t *skip)
{
    size_t cl, nl;
    uint32_t c;
    wshape sh = { DSR_T_WORD, 0, 0, 1, 0 };
    *skip = 0;
    for (;;) {
        /* ASCII letters and digits, nearly every byte of a word, inline */
        unsigned char b = i < L->end ? (unsigned char)L->s[i] : 0x80;
        if ((unsigned)(b - '0') < 10u) {
            sh.f |= DSR_T_DIGIT;
            i++;
            continue;
        }
        if ((unsigned)((b | 0x20) - 'a') < 26u) {
            note_letter(&sh, (unsigned)(b - 'A') < 26u);
            i++;
            continue;
        }
        c = cp_at(L, i, &cl);
        if (cl && is_alnum_cp(c)) {
            if (c >= '0' && c <= '9') sh.f |= DSR_T_DIGIT;
            else note_letter(&sh, c < 0x80 ? c - 'A' < 26u : dsr_cp_is_upper(c));
            i += cl;
            continue;
        }
        if (!cl) break;
        /* connectors: only between alphanumerics */
        {
            uint32_t d = cp_at(L, i + cl, &nl);
            if (is_apos(c)) {
                if (nl && (d == 's' || d == 'S')) {
                    size_t nn;
                    uint32_t e = cp_at(L, i + cl + nl, &nn);
                    if (!nn || !is_alnum_cp(e)) {       /* possessive 's */
                        sh.f |= DSR_T_POSS;
                        *skip = cl + nl;
                        break;
                    }
                }
                if (nl && dsr_cp_is_letter(d)) { i += cl; continue; }   /* O'Leary */
                if (sh.letters && (L->s[i - 1] == 's' || L->s[i - 1] == 'S') &&
                    (!nl || !is_alnum_cp(d))) {                     /* Beatles' */
                    sh.f |= DSR_T_POSS;
                    *skip = cl;
                }
                break;
            }
            if ((c == '-' || c == 0x2010 || c == 0x2011) && nl && is_alnum_cp(d)) {
                sh.f |= DSR_T_HYPH;
                i += cl;
                continue;
            }
            if (c == '&' && nl && dsr_cp_is_letter(d) && sh.letters) { i += cl; continue; }
            if ((c == '.' || c == ',') && (sh.f & DSR_T_DIGIT) && d >= '0' && d <= '9' &&
                L->s[i - 1] >= '0' && L->s[i - 1] <= '9') {
                i += cl;
                continue;
            }
        }
        break;
    }
    if (sh.letters >= 2 && sh.uppers == sh.letters) sh.f |= DSR_T_ALLCAP;
    *flags |= sh.f;
    return i;
}

/* After a word [a, e): absorb the periods of "B.", "U.S." and "Mr.". */
static size_t absorb_dots(const lx *L, size_t a, size_t e, uint32_t *f)
{
    const char *s = L->s;
    if (e >= L->end || s[e] != '.') return e;
    if (e - a == 1 && (*f & DSR_T_ALPHA)) {
        size_t j = e + 1;
        /* dotted acronym: X.Y.(Z.) */
        while (j + 1 < L->end && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z') && s[j + 1] == '.')
            j += 2;
        if (j > e + 1) {
            size_t k;
            int up = 1;
            for (k = a; k < j; k += 2) up &= s[k] >= 'A' && s[k] <= 'Z';
            *f |= DSR_T_DOTS | (up ? DSR_T_ALLCAP : 0);
            return j;
        }
        if (*f & DSR_T_CAP) {
            *f |= DSR_T_INITIAL;
            return e + 1;
        }
        return e;
    }
    if ((*f & DSR_T_ALPHA) && !(*f & DSR_T_DIGIT) && is_abbrev(s, a, e)) {
        *f |= DSR_T_ABBR;
        return e + 1;
    }
    return e;
}

/* The key of an ASCII word without a call per byte: letters lowered,
 * digits kept, the inner marks of "Jong-il", "U.S.", "AT&T" one space (as
 * dsr_name_key does).  Returns the length, or -1 when the word holds a
 * byte >= 0x80 and needs the full folding. */
static long ascii_key(const char *s, size_t a, size_t b, char *out)
{
    size_t i, o = 0;
    int gap = 0;
    if (b - a >= DSR_KEY_MAX - 1) return -1;
    for (i = a; i < b; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80) return -1;
        if ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') ch |= 0x20;
        else if (!(ch >= '0' && ch <= '9')) { gap = 1; continue; }
        if (gap && o) out[o++] = ' ';
        gap = 0;
        out[o++] = (char)ch;
    }
    out[o] = '\0';
    return (long)o;
}

/* Shortest line that a wrapped paragraph leaves before its break. */
#define WRAP_MIN_LINE 40

/* Does a line starting with token t (bytes s[t->start..]) open a block:
 * a list item, quote, table row or heading rather than go on with text? */
static int block_marker(const char *s, size_t end, const dsr_tok *t)
{
    if (!(t->flags & DSR_T_WORD))
        return t->punct == '*' || t->punct == '-' || t->punct == '&';
    if ((t->flags & DSR_T_DIGIT) && !(t->flags & DSR_T_ALPHA) && t->end < end &&
        (s[t->end] == '.' || s[t->end] == ')'))
        return t->end + 1 >= end || s[t->end + 1] == ' ' || s[t->end + 1] == '\t';   /* "1. " */
    return 0;
}

/* A company designator opening a line after a capital goes on with the
 * name that the line before broke: "Perini Investment Properties\nInc said"
 * (wire leads break after the name, short as the line is). */
static int designator_wraps(const dsr_toks *out, const dsr_tok *t)
{
    const dsr_tok *p = out->n ? &out->v[out->n - 1] : NULL;
    return p && (t->flags & DSR_T_NL) && !(t->flags & (DSR_T_PARA | DSR_T_WRAP)) &&
           (t->flags & DSR_T_CAP) && (p->flags & DSR_T_WORD) && (p->flags & DSR_T_CAP);
}

/* Byte classes for the fast path of a word: ASCII lower, upper, digit; 0 for
 * everything else (punctuation, space, every byte >= 0x80). */
enum { B_LO = 1, B_UP = 2, B_DG = 4 };
#define R10(x) x, x, x, x, x, x, x, x, x, x
#define R26(x) R10(x), R10(x), x, x, x, x, x, x
static const uint8_t bclass[256] = {
    R10(0), R10(0), R10(0), R10(0), 0, 0, 0, 0, 0, 0, 0, 0,     /* 0x00..0x2F */
    R10(B_DG), 0, 0, 0, 0, 0, 0, 0,                             /* '0'..'9', ':'..'@' */
    R26(B_UP), 0, 0, 0, 0, 0, 0,                                /* 'A'..'Z', '['..'`' */
    R26(B_LO)                                                   /* 'a'..'z', rest 0 */
};
#undef R26
#undef R10

/* The fast path of a word: a run of ASCII letters and digits that no
 * connector continues (the next byte is no apostrophe, no hyphen or
 * ampersand before an alphanumeric, no period or comma between digits, no
 * byte >= 0x80).  Nearly every word of news text is one.  Fills the shape
 * flags, the key (the word in lower case) and its gazetteer hash in the same
 * pass; returns the end, or 0 when the word needs scan_word. */
static size_t fast_word(const char *s, size_t i, size_t end, uint32_t *flags, char *key,
                        size_t *klen, uint32_t *gh)
{
    size_t j = i, n, lim = end - i > DSR_KEY_MAX - 2 ? i + DSR_KEY_MAX - 2 : end;
    unsigned any = 0, letters = 0, uppers = 0, first;
    uint32_t h = DSR_FNV32_INIT, f = DSR_T_WORD;
    unsigned char c;
    while (j < lim) {
        unsigned char b = (unsigned char)s[j];
        unsigned k = bclass[b];
        char lc;
        if (!k) break;
        any |= k;
        lc = (char)(b | (k & B_UP) << 4);           /* B_UP << 4 is 0x20 */
        key[j - i] = lc;
        h = DSR_FNV32_STEP(h, lc);
        j++;
    }
    if (j == lim && j < end && bclass[(unsigned char)s[j]]) return 0;   /* too long: the slow path caps */
    if (any & B_UP) {
        size_t q;
        for (q = i; q < j; q++) {
            unsigned k = bclass[(unsigned char)s[q]];
            letters += (k & (B_LO | B_UP)) != 0;
            uppers += k == B_UP;
        }
    }
    n = j - i;
    if (j < end) {
        c = (unsigned char)s[j];
        if (c >= 0x80 || c == '\'') return 0;
        if ((c == '-' || c == '&') && j + 1 < end &&
            (bclass[(unsigned char)s[j + 1]] || (unsigned char)s[j + 1] >= 0x80))
            return 0;
        if ((c == '.' || c == ',') && (any & B_DG) && j + 1 < end &&
            (bclass[(unsigned char)s[j + 1]] & B_DG))
            return 0;
    }
    if (any & B_DG) f |= DSR_T_DIGIT;
    if (any & (B_LO | B_UP)) {
        size_t q = 0;
        f |= DSR_T_ALPHA;
        while (!(bclass[(unsigned char)s[i + q]] & (B_LO | B_UP))) q++;
        first = bclass[(unsigned char)s[i + q]];
        if (first == B_UP) f |= DSR_T_CAP;
        else if (uppers) f |= DSR_T_MIXED;
        if (letters >= 2 && uppers == letters) f |= DSR_T_ALLCAP;
    }
    key[n] = '\0';
    *flags |= f;
    *klen = n;
    *gh = h;
    return j;
}

int dsr_tokenize(const char *s, size_t begin, size_t end, dsr_toks *out)
{
    lx L;
    size_t i = begin, cl;
    size_t line_first = begin, line_last = begin;    /* the last line's text */
    int nls = 0, space = 1, sent = 1, fast;
    size_t indent = 0;              /* blanks since the last line break */
    char key[DSR_KEY_MAX + 8];      /* + the zero padding of dsr_hash64_padded */
    size_t e, kn = 0;
    uint32_t gh = 0;
    L.s = s;
    L.end = end;
    out->n = 0;
    while (i < end) {
        uint32_t c;
        dsr_tok t;
        if (s[i] == ' ') {                  /* the commonest byte, first */
            space = 1;
            indent++;
            i++;
            continue;
        }
        if (s[i] == '\\' && i + 1 < end && (s[i + 1] == 't' || s[i + 1] == 'n' || s[i + 1] == 'r')) {
            /* A written-out escape ("&\\tThe" in wire-service dumps) is
             * white space, not the start of a word "tThe". */
            space = 1;
            i += 2;
            continue;
        }
        c = get(s, end, i, &cl);
        if (!(c < 0x80 && bclass[c]) && is_space_cp(c)) {     /* letters and digits are no space */
            if (c == '\n') nls++, indent = 0;
            else if (c == '\t') indent += 4;
            space = 1;
            i += cl;
            continue;
        }
        t.start = (uint32_t)i;
        t.flags = space ? DSR_T_SPACE : 0;
        t.gflags = 0;
        t.kh = 0;
        t.punct = 0;
        fast = 0;
        if (c < 0x80 && bclass[c] && (e = fast_word(s, i, end, &t.flags, key, &kn, &gh))) {
            size_t d = absorb_dots(&L, i, e, &t.flags);
            fast = d == e;                  /* "U.S.", "Mr.": the key again */
            t.end = (uint32_t)d;
            i = d;
        } else if (is_alnum_cp(c)) {
            size_t skip;
            e = scan_word(&L, i, &t.flags, &skip);
            if (!(t.flags & DSR_T_POSS)) e = absorb_dots(&L, i, e, &t.flags);
            t.end = (uint32_t)e;
            i = e + skip;
        } else {
            t.punct = punct_class(c);
            t.end = (uint32_t)(i + cl);
            if (c == 0xFFFD) t.punct = '*';
            i += cl;
        }
        if (nls) {
            const dsr_tok *p = out->n ? &out->v[out->n - 1] : NULL;
            char h = p ? s[line_first] : 0;
            t.flags |= DSR_T_NL;
            if (nls > 1) {
                t.flags |= DSR_T_PARA;
                sent = 1;
            } else if (p && line_last - line_first >= WRAP_MIN_LINE && h != '#' && h != '=' &&
                       !block_marker(s, end, &t)) {
                t.flags |= DSR_T_WRAP;
            } else if (!p || indent >= 2 ||
                       !(p->punct == ',' || ((p->flags & DSR_T_WORD) && !(p->flags & DSR_T_CAP) &&
                                                   (p->flags & DSR_T_ALPHA) &&
                                                   !(p->flags & DSR_T_DIGIT)))) {
                /* a new line that does not go on with a sentence; an
                 * indented one after a short line is a row of a table
                 * ("    Net profit 72,000 vs 16,000"), whatever ends the
                 * line before it */
                sent = 1;
            }
            line_first = t.start;
        }
        if (t.flags & DSR_T_WORD) {
            if (sent) t.flags |= DSR_T_SENT;
            sent = 0;
            const dsr_gaz_entry *g;
            if (!fast) {
                long an = ascii_key(s, t.start, t.end, key);
                kn = an >= 0 ? (size_t)an : dsr_tok_key(s, &t, key);
                gh = dsr_gaz_hash(key, kn);
            }
            g = dsr_gaz_find_h(key, kn, gh);
            t.gflags = g ? g->flags : 0;
            if ((t.gflags & DSR_G_DESIG) && designator_wraps(out, &t))
                t.flags = (t.flags | DSR_T_WRAP) & ~(uint32_t)DSR_T_SENT;
            memset(key + kn, 0, 8);
            t.kh = dsr_hash64_padded(key, kn);
        } else if (t.punct == '.' || t.punct == '!' || t.punct == '?' || t.punct == ':') {
            sent = 1;
        } else if (t.punct == '"' && (t.flags & DSR_T_SPACE)) {
            sent = 1;
        }
        line_last = t.end;
        if (dsr_vec_push(out, t)) return -1;
        nls = 0;
        space = 0;
    }
    return 0;
}

size_t dsr_tok_key(const char *s, const dsr_tok *t, char *out)
{
    return dsr_name_key(s + t->start, t->end - t->start, out, DSR_KEY_MAX);
}
