/*
 * entities.c -- the folder's entities from every document's local ones
 * (dsr_ents_build), and their accessors.
 *
 * Every document entity (a "node") gets a merge key: the compact key of its
 * name, mapped through the gazetteer ("U.S." -> united states) and through
 * the user's aliases (front matter and .dossier.json).  Then, in linear time
 * with hash tables only:
 *
 *   1. nodes with a full name (several words, a gazetteer name, a user alias)
 *      merge on their key: the same full name is one entity everywhere;
 *   2. the full-name entities register their short forms -- a person's first
 *      and last words, an organisation's leading words, the initials of a
 *      multi-word name, every alias a document saw -- in one table, where a
 *      form claimed by two entities is marked ambiguous;
 *   3. single-word nodes ("Pascoe", "Apple", "IAEA") join the entity that
 *      owns their form when exactly one does, and otherwise merge with the
 *      nodes of the same key: "Kim" alone stays "Kim" when several Kims
 *      have full names in the folder.
 *
 * The canonical name is the longest full name (the gazetteer's spelling for
 * places), the type the vote of the nodes weighted by confidence and
 * mentions, the description the best-scored one, the aliases every other
 * form, once.  Strings live in one arena freed with the table.
 */
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "names_int.h"

#define AMBIG (UINT32_MAX - 1)

struct dsr_ents {
    dsr_ent *v;
    size_t n;
    dsr_arena arena;
};

typedef struct {
    uint32_t doc, dent;
    uint32_t ent;               /* global entity */
    uint32_t nment;
    uint32_t key;               /* offset of the merge key in keys */
    uint32_t skey;              /* offset of the name's spaced key in keys */
    int32_t gaz;                /* the merge key's gazetteer entry, or -1 */
    uint16_t ntok;
    uint8_t full;
} node;

typedef struct {
    float vote[4];
    uint32_t best;              /* node giving the name */
    uint32_t desc;              /* node giving the description, or UINT32_MAX */
    uint32_t nment, fill;
    int32_t gaz;
} gent;

typedef struct {
    const dsr_docents *const *docs;
    size_t n_docs;
    DSR_VEC(node) nodes;
    DSR_VEC(gent) ents;
    DSR_VEC(char) keys;
    dsr_map full;               /* merge key -> entity */
    dsr_map forms;              /* short form -> entity or AMBIG */
    dsr_map user;               /* user alias compact key -> index in ua */
    const dsr_user_alias *ua;
} bctx;

static const dsr_dent *dent_of(const bctx *b, const node *x)
{
    return &b->docs[x->doc]->ents.v[x->dent];
}

static const char *pool_str(const dsr_docents *d, uint32_t off)
{
    return off < d->pool.n ? d->pool.v + off : "";
}

static size_t count_words(const char *key)
{
    size_t n = 0;
    if (!*key) return 0;
    for (n = 1; *key; key++) n += *key == ' ';
    return n;
}

/* Company designators ("inc", "ltd": the gazetteer's desig class) do not
 * change which company it is. */
static int designator(const char *w)
{
    return (dsr_gaz_flags(w, strlen(w)) & DSR_G_DESIG) != 0;
}

/* The merge key of a name: through the gazetteer's canonical names and the
 * user aliases.  *gaz gets the gazetteer entry index or -1. */
static size_t merge_key(const bctx *b, const char *name, char *out, int32_t *gaz, int depth,
                        char *spaced)
{
    char k[DSR_KEY_MAX];
    size_t n = dsr_name_key(name, strlen(name), k, sizeof k), i, o;
    if (spaced) memcpy(spaced, k, n + 1);      /* the name's own key, wanted too */
    const dsr_gaz_entry *g;
    char *sp;
    uint32_t u;
    size_t full = n;
    /* "Acme Inc." and "Acme N.V." are "Acme" */
    while ((sp = strrchr(k, ' ')) && designator(sp + 1)) {
        *sp = '\0';
        n = (size_t)(sp - k);
    }
    *gaz = -1;
    g = dsr_gaz_find(k, n);
    if (g && n < full && !(g->flags & DSR_G_ORG)) {
        /* but "Texas Inc" is a company, not the state: its own key */
        n = dsr_name_key(name, strlen(name), k, sizeof k);
        g = NULL;
    }
    if (g && (g->flags & (DSR_G_PLACES | DSR_G_ORG | DSR_G_DEMONYM))) {
        g = dsr_gaz_canon(g);
        *gaz = dsr_gaz_index(g);
        n = strlen(g->key);
        memcpy(k, g->key, n + 1);
    }
    for (i = 0, o = 0; i < n && o + 1 < DSR_KEY_MAX; i++)
        if (k[i] != ' ') out[o++] = k[i];
    out[o] = '\0';
    if (depth < 2 && (u = dsr_map_get(&b->user, out, o)) != UINT32_MAX && b->ua[u].canonical)
        return merge_key(b, b->ua[u].canonical, out, gaz, depth + 1, NULL);
    return o;
}

static int add_key(bctx *b, const char *k, size_t n, uint32_t *off)
{
    if (b->keys.n + n + 1 >= UINT32_MAX) return -1;
    if (dsr_vec_reserve(&b->keys, b->keys.n + n + 1)) return -1;
    *off = (uint32_t)b->keys.n;
    memcpy(b->keys.v + b->keys.n, k, n);
    b->keys.n += n;
    b->keys.v[b->keys.n++] = '\0';
    return 0;
}

static int new_ent(bctx *b, uint32_t *id)
{
    gent g;
    memset(&g, 0, sizeof g);
    g.desc = UINT32_MAX;
    g.gaz = -1;
    g.best = UINT32_MAX;
    *id = (uint32_t)b->ents.n;
    return dsr_vec_push(&b->ents, g);
}

/* ---- 1. nodes and full names ---------------------------------------- */

static int make_nodes(bctx *b)
{
    size_t d, i;
    char k[DSR_KEY_MAX], nk[DSR_KEY_MAX];
    for (d = 0; d < b->n_docs; d++) {
        const dsr_docents *de = b->docs[d];
        if (!de) continue;
        for (i = 0; i < de->ents.n; i++) {
            node x;
            const char *name = pool_str(de, de->ents.v[i].name);
            int32_t gaz;
            size_t n = merge_key(b, name, k, &gaz, 0, nk), nkn = strlen(nk);
            memset(&x, 0, sizeof x);
            x.doc = (uint32_t)d;
            x.dent = (uint32_t)i;
            x.ent = UINT32_MAX;
            x.gaz = gaz;
            x.ntok = (uint16_t)(count_words(nk) > 60000 ? 60000 : count_words(nk));
            x.full = x.ntok >= 2 || gaz >= 0;
            {
                /* a user alias or gazetteer canonical key counts as full.
                 * The compact key is the spaced one without its spaces
                 * when that one is far from the length cap (no code point
                 * was dropped for room), else it is made again. */
                char ck[DSR_KEY_MAX];
                size_t cn = 0, j;
                if (nkn + 8 < DSR_KEY_MAX) {
                    for (j = 0; j < nkn; j++)
                        if (nk[j] != ' ') ck[cn++] = nk[j];
                    ck[cn] = '\0';
                } else {
                    cn = dsr_name_ckey(name, strlen(name), ck, sizeof ck);
                }
                if (cn != n || memcmp(ck, k, n) != 0) x.full = 1;
            }
            if (add_key(b, k, n, &x.key) || add_key(b, nk, nkn, &x.skey) ||
                dsr_vec_push(&b->nodes, x))
                return -1;
        }
        for (i = 0; i < de->ments.n; i++) {
            uint32_t e = de->ments.v[i].ent;
            if (e < de->ents.n) b->nodes.v[b->nodes.n - de->ents.n + e].nment++;
        }
    }
    return 0;
}

static int merge_full(bctx *b)
{
    size_t i;
    for (i = 0; i < b->nodes.n; i++) {
        node *x = &b->nodes.v[i];
        const char *k = b->keys.v + x->key;
        uint32_t *v;
        if (!x->full) continue;
        if (!(v = dsr_map_put(&b->full, k, strlen(k), UINT32_MAX))) return -1;
        if (*v == UINT32_MAX && new_ent(b, v)) return -1;
        x->ent = *v;
    }
    return 0;
}

/* ---- 2. short forms --------------------------------------------------- */

static int claim(bctx *b, const char *k, size_t n, uint32_t ent)
{
    uint32_t *v;
    if (!n) return 0;
    if (!(v = dsr_map_put(&b->forms, k, n, ent))) return -1;
    if (*v != ent) *v = AMBIG;
    return 0;
}

/* Words [i, j) of a spaced key, compacted, into out. */
static size_t words_ckey(const char *key, size_t i, size_t j, char *out)
{
    size_t w = 0, o = 0;
    for (; *key && o + 1 < DSR_KEY_MAX; key++) {
        if (*key == ' ') { w++; continue; }
        if (w >= i && w < j) out[o++] = *key;
    }
    out[o] = '\0';
    return o;
}

static int node_type(const bctx *b, const node *x)
{
    return dent_of(b, x)->type;
}

/* Is the first word of name all capitals (two or more letters)? */
static int acronym_word(const char *name)
{
    size_t k, letters = 0;
    for (k = 0; name[k] && name[k] != ' '; k++) {
        if (name[k] >= 'a' && name[k] <= 'z') return 0;
        letters += name[k] >= 'A' && name[k] <= 'Z';
    }
    return letters >= 2;
}

static int register_forms(bctx *b)
{
    size_t i;
    char f[DSR_KEY_MAX];
    for (i = 0; i < b->nodes.n; i++) {
        const node *x = &b->nodes.v[i];
        const dsr_docents *de = b->docs[x->doc];
        const dsr_dent *d = dent_of(b, x);
        const char *nk = b->keys.v + x->skey, *al;     /* the name's key */
        size_t n, w;
        int ty = node_type(b, x);
        if (!x->full || ty == DSR_PLACE) continue;
        n = strlen(nk);
        if (x->ntok >= 2 && x->ntok <= 8) {
            int digit = 0;
            for (w = 0; w < n; w++) digit |= nk[w] >= '0' && nk[w] <= '9';
            if (!digit) {
                /* a product or an event names its maker first: "Intel" of
                 * "Intel Core Duo" is the company, not a short form (a
                 * brand that starts in lower case is none: "iTunes Store");
                 * an acronym first is one of its own ("USDA" of "USDA
                 * Select", "EADS" of "EADS North America") */
                const char *nm = pool_str(de, d->name);
                if ((ty != DSR_OTHER || (*nm >= 'a' && *nm <= 'z')) && !acronym_word(nm) &&
                    claim(b, f, words_ckey(nk, 0, 1, f), x->ent))
                    return -1;
                if (ty == DSR_PERSON && claim(b, f, words_ckey(nk, x->ntok - 1, x->ntok, f), x->ent))
                    return -1;
                if (ty != DSR_PERSON) {
                    /* initials: "European Aeronautic Defence and Space" -> EADS */
                    size_t o = 0, p;
                    int at = 1;
                    for (p = 0; p < n && o + 1 < sizeof f; p++) {
                        if (at && nk[p] != ' ') f[o++] = nk[p];
                        at = nk[p] == ' ';
                    }
                    f[o] = '\0';
                    if (o >= 2 && claim(b, f, o, x->ent)) return -1;
                }
            }
        }
        /* aliases the document saw */
        if (d->aliases != DSR_NOSTR)
            for (al = pool_str(de, d->aliases); *al; al += strlen(al) + 1) {
                size_t an = dsr_name_ckey(al, strlen(al), f, sizeof f);
                if (claim(b, f, an, x->ent)) return -1;
            }
    }
    return 0;
}

/* ---- 3. short names --------------------------------------------------- */

static int merge_short(bctx *b)
{
    size_t i;
    for (i = 0; i < b->nodes.n; i++) {
        node *x = &b->nodes.v[i];
        const char *k = b->keys.v + x->key;
        size_t n = strlen(k);
        uint32_t v, *p;
        if (x->full) continue;
        v = dsr_map_get(&b->full, k, n);
        if (v == UINT32_MAX) {
            v = dsr_map_get(&b->forms, k, n);
            if (v == AMBIG) v = UINT32_MAX;
        }
        if (v != UINT32_MAX) { x->ent = v; continue; }
        if (!(p = dsr_map_put(&b->full, k, n, UINT32_MAX))) return -1;
        if (*p == UINT32_MAX && new_ent(b, p)) return -1;
        x->ent = *p;
    }
    return 0;
}

/* ---- 4. organisations by the aliases documents saw -------------------- */

static uint32_t gfind(uint32_t *par, uint32_t e)
{
    while (par[e] != e) e = par[e] = par[par[e]];
    return e;
}

static int one_word_or_acronym(const char *al, const char *ck)
{
    int lower = 0;
    for (; *al; al++) lower |= *al >= 'a' && *al <= 'z';
    return !lower || !strchr(ck, ' ');
}

/* The entities (at most TIE_MAX) that claim one alias as a tie. */
#define TIE_MAX 4
typedef struct { uint32_t ent[TIE_MAX]; uint32_t n; uint32_t named; } tie;

/* Can this alias tie entities?  Its merge key goes to k. */
static size_t tie_key(bctx *b, const char *al, char *k)
{
    char sk[DSR_KEY_MAX];
    int32_t gaz;
    size_t kn = merge_key(b, al, k, &gaz, 0, sk);
    if (!kn || gaz >= 0 || designator(sk) || !one_word_or_acronym(al, sk)) return 0;
    if (strspn(sk, "0123456789") == strlen(sk)) return 0;   /* a bare number: tie_models */
    /* a generic head ("Bank" of "Bank of England", "Bank of Montreal") is
     * the short form of every such name: it ties none of them */
    if (dsr_gaz_flags(sk, strlen(sk)) & (DSR_G_ORGHEAD | DSR_G_ORGNOUN | DSR_G_PLACEHEAD | DSR_G_OTHERHEAD))
        return 0;
    return kn;
}

typedef struct {
    dsr_map first;              /* tie key -> index in ties */
    DSR_VEC(tie) ties;
    uint32_t *par;              /* union-find over the entities */
    int bare;                   /* bare model numbers: claimants are counted by
                                   the entity they are already united into, and
                                   a key ties only a name of its own (the
                                   entity "787") to one other entity */
} tieset;

/* Node x claims the tie key k: pass 0 counts the claimants (a full name
 * with that key is one), pass 1 unites those of keys with at most TIE_MAX. */
static int tie_claim(bctx *b, tieset *ts, int pass, const node *x, const char *k, size_t kn)
{
    uint32_t v = dsr_map_get(&b->full, k, kn), *p, e = ts->bare ? gfind(ts->par, x->ent) : x->ent;
    size_t j;
    tie *t;
    if (!(p = dsr_map_put(&ts->first, k, kn, (uint32_t)ts->ties.n))) return -1;
    if (*p == ts->ties.n) {
        tie z;
        memset(&z, 0, sizeof z);
        if (v < b->ents.n) z.ent[z.n++] = ts->bare ? gfind(ts->par, v) : v, z.named = 1;
        if (dsr_vec_push(&ts->ties, z)) return -1;
    }
    t = &ts->ties.v[*p];
    if (pass == 0) {
        for (j = 0; j < t->n && j < TIE_MAX && t->ent[j] != e; j++) {}
        if (j == t->n || j == TIE_MAX) {
            if (t->n < TIE_MAX) t->ent[t->n] = e;
            if (t->n <= TIE_MAX) t->n++;
        }
    } else if (ts->bare ? t->named && t->n <= 2 : t->n <= TIE_MAX) {
        for (j = 0; j < t->n; j++) ts->par[gfind(ts->par, t->ent[j])] = gfind(ts->par, x->ent);
    }
    return 0;
}

/* The model word of a product's name: the first word that is one or two
 * capitals then three or more digits, with an optional "-suffix" or plural
 * "s" ("A380", "787", "777-200LR", "737s"; not a year: "Windows 2000",
 * nor a version: "10.5").  [*ws, *we) gets the word, *lp the length of its
 * letter prefix, *de the end of its digits; returns its word index + 1, or
 * 0 when there is none. */
static size_t model_word(const char *name, size_t *ws, size_t *we, size_t *lp, size_t *de)
{
    size_t i = 0, w = 0;
    while (name[i]) {
        size_t s = i, l = 0, d;
        while (name[i] && name[i] != ' ') i++;
        while (s + l < i && l < 3 && name[s + l] >= 'A' && name[s + l] <= 'Z') l++;
        for (d = s + l; d < i && name[d] >= '0' && name[d] <= '9'; d++) {}
        if (l <= 2 && d - (s + l) >= 3 && !(l == 0 && d - s == 4 && (name[s] == '1' || name[s] == '2')) &&
            (d == i || name[d] == '-' || (name[d] == 's' && d + 1 == i))) {
            *ws = s, *we = name[i - 1] == 's' && d + 1 == i ? i - 1 : i, *lp = l, *de = d;
            return w + 1;
        }
        w++;
        while (name[i] == ' ') i++;
    }
    return 0;
}

/* A product's model number ties the names of one model: "Boeing 787" (the
 * name up to the model word) is the "Boeing 787 Dreamliner", "Airbus 380"
 * the "Airbus A380" (the maker with the number without its letters); with
 * ts->bare, "787" or "787s" (the model word alone) is the one model that has
 * it.  Two makers' models of one number ("Audi 5000", "Unisys 5000") or two
 * names of a number ("Fortune 500", "Drexel 500") stay apart. */
static int tie_models(bctx *b, tieset *ts, int pass, const node *x, const char *name)
{
    char k[2 * DSR_KEY_MAX];
    size_t ws, we, lp, de, w = model_word(name, &ws, &we, &lp, &de), kn;
    if (!w) return 0;
    if (ts->bare) {
        kn = dsr_name_ckey(name + ws, we - ws, k, DSR_KEY_MAX);
        if (kn && tie_claim(b, ts, pass, x, k, kn)) return -1;
        k[kn] = 's';
        return kn && kn + 1 < DSR_KEY_MAX ? tie_claim(b, ts, pass, x, k, kn + 1) : 0;
    }
    if (w == 1) return 0;                               /* no maker before it */
    if (name[we] && (kn = dsr_name_ckey(name, we, k, DSR_KEY_MAX)) && tie_claim(b, ts, pass, x, k, kn))
        return -1;
    if (lp) {
        kn = dsr_name_ckey(name, ws, k, DSR_KEY_MAX);
        kn += dsr_name_ckey(name + ws + lp, we - ws - lp, k + kn, DSR_KEY_MAX);
        if (tie_claim(b, ts, pass, x, k, kn)) return -1;
    }
    return 0;
}

/* A document that calls "Acme Computer" also "Acme", or "European Widget
 * Company" also "EWC", ties the two names; for organisations and products
 * (never people: two Kims share "Kim") such ties merge entities across the
 * folder, and so do the model numbers of products (tie_models).  A tie must
 * be specific: a key claimed by more than TIE_MAX entities ("Bank",
 * "Reuter" in a news archive) ties nothing, or unions would chain half the
 * folder into one entity.  Then the entities are renumbered. */
static int merge_by_aliases(bctx *b)
{
    tieset ts;
    uint32_t *nid = NULL, n = 0;
    size_t i, pass;
    char k[DSR_KEY_MAX];
    int r = -1;
    memset(&ts, 0, sizeof ts);
    if (!(ts.par = malloc((b->ents.n ? b->ents.n : 1) * sizeof *ts.par))) return -1;
    for (i = 0; i < b->ents.n; i++) ts.par[i] = (uint32_t)i;
    /* passes 0 and 1: aliases and makers' models; 2 and 3: bare numbers,
     * among the entities the first two made */
    for (pass = 0; pass < 4; pass++)
    for (i = 0; i < b->nodes.n; i++) {
        const node *x = &b->nodes.v[i];
        const dsr_docents *de = b->docs[x->doc];
        const dsr_dent *d = dent_of(b, x);
        const char *al;
        if (pass == 2 && i == 0) {
            dsr_map_free(&ts.first);
            dsr_vec_free(&ts.ties);
            ts.bare = 1;
        }
        if (!x->full || d->type == DSR_PERSON || d->type == DSR_PLACE) continue;
        if (d->type == DSR_OTHER && tie_models(b, &ts, (int)pass & 1, x, pool_str(de, d->name)))
            goto out;
        if (d->aliases == DSR_NOSTR || pass >= 2) continue;
        for (al = pool_str(de, d->aliases); *al; al += strlen(al) + 1) {
            size_t kn = tie_key(b, al, k);
            if (kn && tie_claim(b, &ts, (int)pass, x, k, kn)) goto out;
        }
    }
    if (!(nid = malloc((b->ents.n ? b->ents.n : 1) * sizeof *nid))) goto out;
    for (i = 0; i < b->ents.n; i++)
        if (gfind(ts.par, (uint32_t)i) == i) nid[i] = n++;
    for (i = 0; i < b->nodes.n; i++) {
        node *x = &b->nodes.v[i];
        if (x->ent < b->ents.n) x->ent = nid[gfind(ts.par, x->ent)];
    }
    b->ents.n = n;
    r = 0;
out:
    free(ts.par);
    free(nid);
    dsr_map_free(&ts.first);
    dsr_vec_free(&ts.ties);
    return r;
}

/* ---- the table -------------------------------------------------------- */

/* Is key p the plural of key q ("boeing787dreamliners", "...dreamliner")? */
static int plural_of(const char *p, const char *q)
{
    size_t n = strlen(q);
    return strlen(p) == n + 1 && p[n] == 's' && memcmp(p, q, n) == 0;
}

/* Does node x name its entity better than node y: more words, then the
 * singular ("Boeing 787 Dreamliner", not "... Dreamliners"), then more
 * mentions? */
static int better_name(const bctx *b, const node *x, const node *y)
{
    const char *kx = b->keys.v + x->key, *ky = b->keys.v + y->key;
    if (x->ntok != y->ntok) return x->ntok > y->ntok;
    if (plural_of(kx, ky) || plural_of(ky, kx)) return plural_of(ky, kx);
    return x->nment > y->nment;
}

static void tally(bctx *b)
{
    size_t i;
    for (i = 0; i < b->nodes.n; i++) {
        const node *x = &b->nodes.v[i];
        const dsr_dent *d = dent_of(b, x);
        gent *g = &b->ents.v[x->ent];
        float w = (1.0f + d->type_conf / 25.0f) * (float)(x->nment ? x->nment : 1);
        if (d->type < 4) g->vote[d->type] += w;
        g->nment += x->nment;
        if (g->best == UINT32_MAX || better_name(b, x, &b->nodes.v[g->best]))
            g->best = (uint32_t)i;
        if (d->desc != DSR_NOSTR &&
            (g->desc == UINT32_MAX || d->desc_score > dent_of(b, &b->nodes.v[g->desc])->desc_score))
            g->desc = (uint32_t)i;
    }
}

static int cmp_ment(const void *a, const void *b)
{
    const dsr_ment *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->end > y->end) - (x->end < y->end);
}

static int fill_names(bctx *b, dsr_ents *E)
{
    size_t i;
    for (i = 0; i < b->ents.n; i++) {
        gent *g = &b->ents.v[i];
        dsr_ent *o = &E->v[i];
        const node *x = &b->nodes.v[g->best];
        const dsr_docents *de = b->docs[x->doc];
        const dsr_dent *d = dent_of(b, x);
        int k, t = 0;
        int32_t gaz = x->gaz;           /* merge_key's, in make_nodes */
        if (gaz >= 0 && !(dsr_gaz_at(gaz)->flags & DSR_G_ORG))
            o->name = dsr_arena_strdup(&E->arena, dsr_gaz_at(gaz)->name);
        else
            o->name = dsr_arena_strdup(&E->arena, pool_str(de, d->name));
        if (!o->name) return -1;
        for (k = 1; k < 4; k++)
            if (g->vote[k] > g->vote[t]) t = k;
        o->type = (uint8_t)t;
        if (g->desc != UINT32_MAX) {
            const node *y = &b->nodes.v[g->desc];
            const dsr_dent *dd = dent_of(b, y);
            if (!(o->desc = dsr_arena_strdup(&E->arena, pool_str(b->docs[y->doc], dd->desc))))
                return -1;
            o->desc_doc = y->doc;
            o->desc_start = dd->desc_start;
            o->desc_end = dd->desc_end;
        }
        o->ments = g->nment ? malloc(g->nment * sizeof *o->ments) : NULL;
        if (g->nment && !o->ments) return -1;
    }
    return 0;
}

static int fill_mentions(bctx *b, dsr_ents *E)
{
    size_t d, i, base = 0;
    for (d = 0; d < b->n_docs; d++) {
        const dsr_docents *de = b->docs[d];
        if (!de) continue;
        for (i = 0; i < de->ments.n; i++) {
            const dsr_dment *m = &de->ments.v[i];
            dsr_ent *o;
            gent *g;
            if (m->ent >= de->ents.n) continue;
            g = &b->ents.v[b->nodes.v[base + m->ent].ent];
            o = &E->v[g - b->ents.v];
            if (g->fill >= g->nment) continue;
            o->ments[g->fill].doc = (uint32_t)d;
            o->ments[g->fill].start = m->start;
            o->ments[g->fill].end = m->end;
            o->ments[g->fill].nominal = m->nominal;
            g->fill++;
        }
        base += de->ents.n;
    }
    /* documents are visited in order and each one's mentions are sorted
     * (dsr_names_scan), so the lists are nearly always in order already:
     * check before sorting */
    for (i = 0; i < b->ents.n; i++) {
        dsr_ent *o = &E->v[i];
        size_t k = 1;
        o->n_ments = b->ents.v[i].fill;
        while (k < o->n_ments && cmp_ment(&o->ments[k - 1], &o->ments[k]) <= 0) k++;
        if (k < o->n_ments) qsort(o->ments, o->n_ments, sizeof *o->ments, cmp_ment);
    }
    return 0;
}

/* Aliases: every node name and alias, once per entity, not the name. */
static int fill_aliases(bctx *b, dsr_ents *E)
{
    dsr_map seen = {0};
    DSR_VEC(const char *) forms = {0};
    uint32_t *cnt = calloc(b->ents.n ? b->ents.n : 1, sizeof *cnt);
    size_t i, pass;
    char k[4 + DSR_KEY_MAX];
    int r = -1;
    if (!cnt) return -1;
    for (i = 0; i < b->ents.n; i++) {
        uint32_t e = (uint32_t)i;
        memcpy(k, &e, 4);
        if (!dsr_map_put(&seen, k, 4 + dsr_name_ckey(E->v[i].name, strlen(E->v[i].name), k + 4,
                                                     DSR_KEY_MAX), 0))
            goto out;
    }
    /* pass 0 counts, pass 1 stores */
    for (pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (i = 0; i < b->ents.n; i++) {
                if (!cnt[i]) continue;
                E->v[i].aliases = dsr_arena_alloc(&E->arena, cnt[i] * sizeof(char *));
                if (!E->v[i].aliases) goto out;
            }
        }
        for (i = 0; i < b->nodes.n; i++) {
            const node *x = &b->nodes.v[i];
            const dsr_docents *de = b->docs[x->doc];
            const dsr_dent *d = dent_of(b, x);
            const char *al;
            forms.n = 0;
            if (dsr_vec_push(&forms, pool_str(de, d->name))) goto out;
            if (d->aliases != DSR_NOSTR)
                for (al = pool_str(de, d->aliases); *al; al += strlen(al) + 1)
                    if (dsr_vec_push(&forms, al)) goto out;
            for (size_t f = 0; f < forms.n; f++) {
                uint32_t *v;
                size_t n;
                memcpy(k, &x->ent, 4);
                n = dsr_name_ckey(forms.v[f], strlen(forms.v[f]), k + 4, DSR_KEY_MAX);
                if (!n) continue;
                if (!(v = dsr_map_put(&seen, k, 4 + n, pass + 1))) goto out;
                if (*v != pass + 1) continue;           /* the name, or done this pass */
                *v = pass + 2;
                if (pass == 0) cnt[x->ent]++;
                else {
                    dsr_ent *o = &E->v[x->ent];
                    char *s = dsr_arena_strdup(&E->arena, forms.v[f]);
                    if (!s) goto out;
                    o->aliases[o->n_aliases++] = s;
                }
            }
        }
    }
    r = 0;
out:
    free(cnt);
    dsr_vec_free(&forms);
    dsr_map_free(&seen);
    return r;
}

static void bctx_free(bctx *b)
{
    dsr_vec_free(&b->nodes);
    dsr_vec_free(&b->ents);
    dsr_vec_free(&b->keys);
    dsr_map_free(&b->full);
    dsr_map_free(&b->forms);
    dsr_map_free(&b->user);
}

static int user_aliases(bctx *b, const dsr_user_alias *ua, size_t n_ua)
{
    size_t i;
    char k[DSR_KEY_MAX];
    b->ua = ua;
    for (i = 0; i < n_ua; i++) {
        uint32_t *v;
        size_t n;
        if (!ua[i].alias || !ua[i].canonical) continue;
        n = dsr_name_ckey(ua[i].alias, strlen(ua[i].alias), k, sizeof k);
        if (n && !(v = dsr_map_put(&b->user, k, n, (uint32_t)i))) return -1;
    }
    return 0;
}

int dsr_ents_build(const dsr_docents *const *docs, size_t n_docs,
                   const dsr_user_alias *ua, size_t n_ua, dsr_ents **out)
{
    bctx b;
    dsr_ents *E = calloc(1, sizeof *E);
    int r = -1;
    *out = NULL;
    if (!E) return -1;
    memset(&b, 0, sizeof b);
    b.docs = docs;
    b.n_docs = n_docs;
    if (user_aliases(&b, ua, n_ua) || make_nodes(&b) || merge_full(&b) || register_forms(&b) ||
        merge_short(&b) || merge_by_aliases(&b))
        goto out;
    tally(&b);
    E->n = b.ents.n;
    if (!(E->v = calloc(E->n ? E->n : 1, sizeof *E->v))) goto out;
    if (fill_names(&b, E) || fill_mentions(&b, E) || fill_aliases(&b, E)) goto out;
    r = 0;
out:
    bctx_free(&b);
    if (r) dsr_ents_free(E);
    else *out = E;
    return r;
}

size_t dsr_ents_count(const dsr_ents *e) { return e ? e->n : 0; }

const dsr_ent *dsr_ents_get(const dsr_ents *e, size_t i)
{
    return e && i < e->n ? &e->v[i] : NULL;
}

void dsr_ents_free(dsr_ents *e)
{
    size_t i;
    if (!e) return;
    for (i = 0; i < e->n && e->v; i++) free(e->v[i].ments);
    free(e->v);
    dsr_arena_free(&e->arena);
    free(e);
}
