/*
 * lookup.c -- name lookups for the editor: at the cursor, by name, by
 * prefix; mentions with their lines; events by entity and date.
 *
 * Every name and alias of every entity is reduced to its lookup key
 * (dsr_name_key: lower case, no accents, punctuation folded to single
 * spaces), and three structures are built over the keys:
 *
 *   sorted   entries (key, entity, form) sorted by key.  Prefix completion
 *            is a binary search for the first key with the prefix and a
 *            scan while keys keep it.
 *   hash     open addressing, key -> the entry of the entity that owns the
 *            key (the most mentioned one when two share it).
 *   prefixes a bit set over the hashes of every word-boundary prefix of
 *            every key ("kim", "kim jong", "kim jong il").  The at-cursor
 *            search extends a span one word at a time and stops as soon as
 *            the words so far start no key, so most spans cost one probe.
 *
 * At the cursor, each word near the column is normalised once, and the
 * key of a span of words is the words' keys joined by single spaces (true
 * of dsr_name_key because it folds any run of punctuation and space to one
 * space).  The FNV-1a hash of a span is extended word by word, so a line
 * costs O(words near the cursor * their length), never a re-normalisation
 * per span, and nothing is allocated per call.
 *
 * Completion ranks by a relevance fixed at build time: mentions, scaled up
 * for entities seen recently (relative to the newest date in the folder).
 * For a short prefix that matches a large share of all keys, walking the
 * entries in relevance order and stopping after `max` hits is cheaper than
 * scanning the range; the cheaper of the two is chosen per call.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "docread.h"
#include "index.h"

#define KEY_MAX 256         /* longer names are not looked up */
#define NEAR_BYTES 256      /* how far from the cursor a name may start or end */
#define MAX_NEAR 64         /* words considered around the cursor */
#define FNV_OFF 1469598103934665603ULL
#define FNV_MUL 1099511628211ULL

/* score: the entity's relevance, copied here so that scanning a range of
 * entries for completion reads memory in order (measured 3x faster than
 * looking the score up by entity). */
typedef struct { uint32_t key, klen, ent; float score; const char *form; } lk_entry;

struct dsr_lookup {
    char *keys;                 /* all keys, NUL-separated */
    size_t keys_n;
    lk_entry *sorted;           /* by key, then entity */
    size_t n;
    uint32_t *hash;             /* slots: index into sorted + 1, 0 = empty */
    size_t mask;
    uint64_t *prefix_bits;      /* bit set of prefix hashes */
    size_t prefix_mask;         /* in bits */
    uint32_t max_words;         /* words in the longest key */
    float *score;               /* per entity: completion relevance */
    uint32_t *by_score;         /* entry numbers, most relevant entity first */
    int borrowed;               /* all but `sorted` lie in the cache image */
};

static uint64_t fnv_add(uint64_t h, const char *k, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= FNV_MUL;
    }
    return h;
}

static void prefix_set(struct dsr_lookup *lk, uint64_t h)
{
    size_t b = (size_t)(h >> 20) & lk->prefix_mask;
    lk->prefix_bits[b >> 6] |= 1ULL << (b & 63);
}

static int prefix_has(const struct dsr_lookup *lk, uint64_t h)
{
    size_t b = (size_t)(h >> 20) & lk->prefix_mask;
    return (lk->prefix_bits[b >> 6] >> (b & 63)) & 1;
}

/* ---- building ---------------------------------------------------------- */

/* qsort has no context argument: the comparators read sort_ctx, and the
 * lock keeps two threads assembling two indexes from sharing it. */
static const struct dsr_lookup *sort_ctx;
static pthread_mutex_t sort_lock = PTHREAD_MUTEX_INITIALIZER;

static int cmp_entry(const void *a, const void *b)
{
    const lk_entry *x = a, *y = b;
    int c = strcmp(sort_ctx->keys + x->key, sort_ctx->keys + y->key);
    return c ? c : (x->ent > y->ent) - (x->ent < y->ent);
}

static int cmp_by_score(const void *a, const void *b)
{
    const lk_entry *x = &sort_ctx->sorted[*(const uint32_t *)a];
    const lk_entry *y = &sort_ctx->sorted[*(const uint32_t *)b];
    float sx = sort_ctx->score[x->ent], sy = sort_ctx->score[y->ent];
    if (sx != sy) return sx > sy ? -1 : 1;
    if (x->ent != y->ent) return x->ent < y->ent ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static int add_form(struct dsr_lookup *lk, size_t *cap, uint32_t ent, const char *form)
{
    char key[KEY_MAX];
    size_t n = dsr_name_key(form, strlen(form), key, sizeof key);
    lk_entry e;
    if (n == 0 || n >= KEY_MAX - 1) return 0;
    if (lk->keys_n + n + 1 > *cap) {
        size_t nc = (*cap ? *cap * 2 : 4096) + n + 1;
        char *nk = realloc(lk->keys, nc);
        if (!nk) return -1;
        lk->keys = nk;
        *cap = nc;
    }
    e.key = (uint32_t)lk->keys_n;
    e.klen = (uint32_t)n;
    e.ent = ent;
    e.score = 0;
    e.form = form;
    memcpy(lk->keys + lk->keys_n, key, n + 1);
    lk->keys_n += n + 1;
    lk->sorted[lk->n++] = e;
    return 0;
}

/* Entity with more mentions wins a key that two entities share. */
static int better(const dsr_index *ix, uint32_t a, uint32_t b)
{
    return ix->entities[a].n_mentions > ix->entities[b].n_mentions;
}

static int build_hash(dsr_index *ix, struct dsr_lookup *lk)
{
    size_t size = 16, i, nprefix = 0;
    while (size < lk->n * 2) size *= 2;
    if (!(lk->hash = calloc(size, sizeof *lk->hash))) return -1;
    lk->mask = size - 1;
    for (i = 0; i < lk->n; i++) {
        const lk_entry *e = &lk->sorted[i];
        size_t h = (size_t)fnv_add(FNV_OFF, lk->keys + e->key, e->klen) & lk->mask;
        for (;; h = (h + 1) & lk->mask) {
            uint32_t s = lk->hash[h];
            if (!s) {
                lk->hash[h] = (uint32_t)i + 1;
                break;
            }
            if (strcmp(lk->keys + lk->sorted[s - 1].key, lk->keys + e->key) == 0) {
                if (better(ix, e->ent, lk->sorted[s - 1].ent)) lk->hash[h] = (uint32_t)i + 1;
                break;
            }
        }
    }
    /* Word-boundary prefixes: about 16 bits each keeps false hits rare. */
    for (i = 0; i < lk->n; i++) {
        const char *k = lk->keys + lk->sorted[i].key;
        uint32_t words = 1;
        for (; *k; k++) words += *k == ' ';
        nprefix += words;
        if (words > lk->max_words) lk->max_words = words < MAX_NEAR / 2 - 1 ? words : MAX_NEAR / 2 - 1;
    }
    for (size = 1024; size < nprefix * 16; size *= 2) {}
    if (!(lk->prefix_bits = calloc(size / 64, sizeof *lk->prefix_bits))) return -1;
    lk->prefix_mask = size - 1;
    for (i = 0; i < lk->n; i++) {
        const char *k = lk->keys + lk->sorted[i].key;
        size_t j, n = lk->sorted[i].klen;
        for (j = 0; j <= n; j++)
            if (j == n || k[j] == ' ') prefix_set(lk, fnv_add(FNV_OFF, k, j));
    }
    return 0;
}

/* "YYYY-MM..." -> months since year 0, or -1. */
static long months_of(const char *d)
{
    long y, m = 1;
    if (!d || strlen(d) < 4 || d[0] < '0' || d[0] > '9') return -1;
    y = atol(d);
    if (d[4] == '-' && d[5] >= '0' && d[5] <= '9') m = atol(d + 5);
    return y * 12 + (m >= 1 && m <= 12 ? m : 1) - 1;
}

/* Relevance: mentions, up to doubled for entities seen within the last
 * months of the folder (by their events, else their documents' dates). */
static int build_scores(dsr_index *ix, struct dsr_lookup *lk)
{
    size_t i, k;
    long *last, newest = -1;
    if (!(lk->score = malloc((ix->n_entities + 1) * sizeof *lk->score))) return -1;
    if (!(last = malloc((ix->n_entities + 1) * sizeof *last))) return -1;
    for (i = 0; i < ix->n_entities; i++) {
        const dsr_entity *e = &ix->entities[i];
        long m = months_of(e->last_date);
        for (k = 0; m < 0 && k < e->n_mentions; k++) {
            long dm = months_of(ix->documents[e->mentions[k].doc].date);
            if (dm > m) m = dm;
        }
        last[i] = m;
        if (m > newest) newest = m;
    }
    for (i = 0; i < ix->n_entities; i++) {
        double recency = last[i] < 0 ? 0 : 1.0 / (1.0 + (double)(newest - last[i]) / 6.0);
        lk->score[i] = (float)((1.0 + ix->entities[i].n_mentions) * (1.0 + recency));
    }
    free(last);
    for (i = 0; i < lk->n; i++) lk->sorted[i].score = lk->score[lk->sorted[i].ent];
    if (!(lk->by_score = malloc((lk->n + 1) * sizeof *lk->by_score))) return -1;
    for (i = 0; i < lk->n; i++) lk->by_score[i] = (uint32_t)i;
    sort_ctx = lk;
    qsort(lk->by_score, lk->n, sizeof *lk->by_score, cmp_by_score);
    sort_ctx = NULL;
    return 0;
}

int dsr_lookup_build(dsr_index *ix)
{
    struct dsr_lookup *lk = calloc(1, sizeof *lk);
    size_t i, k, total = 0, cap = 0;
    if (!lk) return -1;
    ix->lookup = lk;
    for (i = 0; i < ix->n_entities; i++) total += 1 + ix->entities[i].n_aliases;
    if (!(lk->sorted = malloc((total ? total : 1) * sizeof *lk->sorted))) return -1;
    for (i = 0; i < ix->n_entities; i++) {
        const dsr_entity *e = &ix->entities[i];
        if (add_form(lk, &cap, (uint32_t)i, e->name)) return -1;
        for (k = 0; k < e->n_aliases; k++)
            if (add_form(lk, &cap, (uint32_t)i, e->aliases[k])) return -1;
    }
    pthread_mutex_lock(&sort_lock);
    sort_ctx = lk;
    qsort(lk->sorted, lk->n, sizeof *lk->sorted, cmp_entry);
    sort_ctx = NULL;
    i = build_hash(ix, lk) || build_scores(ix, lk);
    pthread_mutex_unlock(&sort_lock);
    return i ? -1 : 0;
}

void dsr_lookup_free(struct dsr_lookup *lk)
{
    if (!lk) return;
    free(lk->sorted);
    if (lk->borrowed) {
        free(lk);
        return;
    }
    free(lk->keys);
    free(lk->hash);
    free(lk->prefix_bits);
    free(lk->score);
    free(lk->by_score);
    free(lk);
}

/* ---- in the cache image ------------------------------------------------ */

/* An entry as saved: the form as which of the entity's names it is (0 the
 * name, k + 1 its alias k), since the strings move. */
typedef struct { uint32_t keys_n, n, slots, prefix_words, max_words, pad; } lk_head;
typedef struct { uint32_t key, klen, ent, which; } lk_saved;

static int form_which(const dsr_entity *e, const char *form, uint32_t *which)
{
    uint32_t k;
    *which = 0;
    if (form == e->name) return 0;
    for (k = 0; k < e->n_aliases; k++)
        if (e->aliases[k] == form) {
            *which = k + 1;
            return 0;
        }
    return -1;
}

int dsr_lookup_save(const dsr_index *ix, dsr_wbuf *w)
{
    const struct dsr_lookup *lk = ix->lookup;
    lk_head h;
    lk_saved *v;
    size_t i;
    int r;
    memset(&h, 0, sizeof h);
    h.keys_n = (uint32_t)lk->keys_n;
    h.n = (uint32_t)lk->n;
    h.slots = (uint32_t)lk->mask + 1;
    h.prefix_words = (uint32_t)((lk->prefix_mask + 1) / 64);
    h.max_words = lk->max_words;
    if (!(v = malloc((lk->n + 1) * sizeof *v))) return -1;
    for (i = 0; i < lk->n; i++) {
        v[i].key = lk->sorted[i].key;
        v[i].klen = lk->sorted[i].klen;
        v[i].ent = lk->sorted[i].ent;
        if (form_which(&ix->entities[v[i].ent], lk->sorted[i].form, &v[i].which)) {
            free(v);
            return -1;
        }
    }
    r = dsr_put(w, &h, sizeof h) || dsr_put(w, lk->keys, lk->keys_n) || dsr_put(w, v, lk->n * sizeof *v) ||
        dsr_put(w, lk->hash, h.slots * sizeof *lk->hash) ||
        dsr_put(w, lk->prefix_bits, h.prefix_words * sizeof *lk->prefix_bits) ||
        dsr_put(w, lk->score, ix->n_entities * sizeof *lk->score) ||
        dsr_put(w, lk->by_score, lk->n * sizeof *lk->by_score);
    free(v);
    return r ? -1 : 0;
}

static int pow2(uint32_t x) { return x && !(x & (x - 1)); }

/* The entries, with their forms and scores, into lk->sorted. */
static int load_entries(const dsr_index *ix, struct dsr_lookup *lk, const lk_saved *v)
{
    size_t i;
    if (!(lk->sorted = malloc((lk->n + 1) * sizeof *lk->sorted))) return -1;
    for (i = 0; i < lk->n; i++) {
        const dsr_entity *e;
        lk_entry *o = &lk->sorted[i];
        if (v[i].ent >= ix->n_entities || v[i].klen == 0 || v[i].klen >= KEY_MAX - 1 ||
            !DSR_IN(v[i].key, v[i].klen + 1, lk->keys_n) || lk->keys[v[i].key + v[i].klen])
            return -1;
        e = &ix->entities[v[i].ent];
        if (v[i].which > e->n_aliases) return -1;
        o->key = v[i].key;
        o->klen = v[i].klen;
        o->ent = v[i].ent;
        o->score = lk->score[o->ent];
        o->form = v[i].which ? e->aliases[v[i].which - 1] : e->name;
    }
    return 0;
}

int dsr_lookup_load(dsr_index *ix, dsr_rbuf *r)
{
    const lk_head *h = dsr_get(r, 1, sizeof *h);
    const lk_saved *v;
    struct dsr_lookup *lk;
    size_t i, empty = 0;
    if (!h || !(lk = calloc(1, sizeof *lk))) return -1;
    ix->lookup = lk;
    lk->borrowed = 1;
    lk->keys = dsr_get(r, h->keys_n, 1);
    v = dsr_get(r, h->n, sizeof *v);
    lk->hash = dsr_get(r, h->slots, sizeof *lk->hash);
    lk->prefix_bits = dsr_get(r, h->prefix_words, sizeof *lk->prefix_bits);
    lk->score = dsr_get(r, ix->n_entities, sizeof *lk->score);
    lk->by_score = dsr_get(r, h->n, sizeof *lk->by_score);
    if (!lk->keys || !v || !lk->hash || !lk->prefix_bits || !lk->score || !lk->by_score) return -1;
    if (!pow2(h->slots) || h->slots <= h->n || !pow2(h->prefix_words) || h->prefix_words < 16 ||
        h->max_words > MAX_NEAR / 2 - 1)
        return -1;
    lk->keys_n = h->keys_n;
    lk->n = h->n;
    lk->mask = h->slots - 1;
    lk->prefix_mask = (size_t)h->prefix_words * 64 - 1;
    lk->max_words = h->max_words;
    for (i = 0; i < h->slots; i++) {
        if (lk->hash[i] > h->n) return -1;
        empty += lk->hash[i] == 0;
    }
    for (i = 0; i < h->n; i++)
        if (lk->by_score[i] >= h->n) return -1;
    /* a probe ends at an empty slot: without one, a miss would never end */
    return empty && load_entries(ix, lk, v) == 0 ? 0 : -1;
}

/* ---- exact ------------------------------------------------------------- */

static long find_hashed(const struct dsr_lookup *lk, const char *key, size_t n, uint64_t hv)
{
    size_t h;
    if (!lk || !lk->hash || n == 0) return -1;
    for (h = (size_t)hv & lk->mask;; h = (h + 1) & lk->mask) {
        uint32_t s = lk->hash[h];
        if (!s) return -1;
        if (lk->sorted[s - 1].klen == n && memcmp(lk->keys + lk->sorted[s - 1].key, key, n) == 0)
            return (long)lk->sorted[s - 1].ent;
    }
}

long dsr_lookup_name(const dsr_index *ix, const char *name, size_t len)
{
    char key[KEY_MAX];
    size_t n;
    if (!name) return -1;
    n = dsr_name_key(name, len, key, sizeof key);
    return n < KEY_MAX - 1 ? find_hashed(ix->lookup, key, n, fnv_add(FNV_OFF, key, n)) : -1;
}

/* ---- at the cursor ----------------------------------------------------- */

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Is line[i] inside a word, counting '.', '-' and apostrophes between
 * word bytes ("U.S.", "al-Sistani", "O'Brien") as part of it?  A '.' after
 * a word byte belongs to it (the last dot of "U.S."); it is trimmed from
 * the reported span when it is the only one. */
static int in_word(const char *l, size_t len, size_t i)
{
    unsigned char c = (unsigned char)l[i];
    if (word_byte(c)) return 1;
    if ((c == '.' || c == '-' || c == '\'') && i > 0 && word_byte((unsigned char)l[i - 1]))
        return c == '.' || (i + 1 < len && word_byte((unsigned char)l[i + 1]));
    return 0;
}

typedef struct {
    uint32_t start, end;        /* bytes of the word in the line */
    uint32_t key, klen;         /* its key in the scratch buffer */
    uint32_t alt, alen;         /* the key without a possessive, or alen 0 */
    uint32_t aend;              /* where the word ends without it */
} near_word;

/* A word's span without a lone final '.' ("Kim." but not "U.S."). */
static size_t trim_dot(const char *l, size_t s, size_t e)
{
    if (e - s > 1 && l[e - 1] == '.' && !memchr(l + s, '.', e - 1 - s)) return e - 1;
    return e;
}

/* The possessive suffix of a word ("'s", "’s"), or 0. */
static size_t possessive(const char *l, size_t s, size_t e)
{
    if (e - s > 2 && l[e - 1] == 's' && l[e - 2] == '\'') return 2;
    if (e - s > 4 && l[e - 1] == 's' && memcmp(l + e - 4, "\xE2\x80\x99", 3) == 0) return 4;
    return 0;
}

long dsr_lookup_at(const dsr_index *ix, const char *line, size_t len, size_t col,
                   size_t *start, size_t *end)
{
    const struct dsr_lookup *lk = ix ? ix->lookup : NULL;
    near_word w[MAX_NEAR];
    char scratch[MAX_NEAR * 2 * 64];    /* the words' keys */
    char span[KEY_MAX];
    size_t nw = 0, used = 0, i, lo, a, b, first_after = 0;
    long best = -1;
    size_t bs = 0, be = 0;
    if (!lk || !lk->n || !line || col >= len) return -1;
    /* Back up over the words a name covering col could start with. */
    lo = col;
    for (i = 0; i < lk->max_words && lo > 0 && col - lo < NEAR_BYTES; i++) {
        while (lo > 0 && !in_word(line, len, lo - 1) && col - lo < NEAR_BYTES) lo--;
        while (lo > 0 && in_word(line, len, lo - 1)) lo--;
    }
    for (i = lo; i < len && nw < MAX_NEAR;) {
        size_t s, e, ke, p;
        near_word *x;
        if (!in_word(line, len, i)) {
            if (i > col + NEAR_BYTES) break;
            i++;
            continue;
        }
        s = i;
        while (i < len && in_word(line, len, i)) i++;
        if (s > col + NEAR_BYTES) break;
        e = trim_dot(line, s, i);
        x = &w[nw];
        x->start = (uint32_t)s;
        x->end = (uint32_t)e;
        x->klen = x->alen = 0;          /* 0: too long to be a name's word */
        if (e - s < 64 && used + 2 * 64 <= sizeof scratch) {
            x->key = (uint32_t)used;
            x->klen = (uint32_t)dsr_name_key(line + s, e - s, scratch + used, 64);
            used += x->klen;
            if ((p = possessive(line, s, e)) != 0) {
                ke = e - p;
                x->alt = (uint32_t)used;
                x->alen = (uint32_t)dsr_name_key(line + s, ke - s, scratch + used, 64);
                x->aend = (uint32_t)ke;
                used += x->alen;
            }
        }
        if (s <= col) first_after = nw + 1;
        nw++;
        /* Enough words after the cursor for the longest name. */
        if (s > col && nw - first_after >= lk->max_words) break;
    }
    /* Spans w[a..b] that cover col: w[a].start <= col, w[b].end > col (or
     * the span reaches past col when col is between two of its words). */
    a = first_after > lk->max_words ? first_after - lk->max_words : 0;
    for (; a < first_after; a++) {
        uint64_t h = FNV_OFF;
        size_t sn = 0;
        if (!w[a].klen) continue;
        for (b = a; b < nw && b < a + lk->max_words; b++) {
            size_t need;
            if (!w[b].klen) break;
            need = sn + (b > a) + w[b].klen;
            if (need >= KEY_MAX) break;
            /* The span ending at b with b's possessive dropped. */
            if (w[b].alen && w[b].end > col && sn + (b > a) + w[b].alen < KEY_MAX) {
                size_t an = sn;
                uint64_t ha = h;
                if (b > a) {
                    span[an++] = ' ';
                    ha = fnv_add(ha, " ", 1);
                }
                memcpy(span + an, scratch + w[b].alt, w[b].alen);
                ha = fnv_add(ha, scratch + w[b].alt, w[b].alen);
                an += w[b].alen;
                if (w[b].aend - w[a].start > be - bs || best < 0) {
                    long e = find_hashed(lk, span, an, ha);
                    if (e >= 0) {
                        best = e;
                        bs = w[a].start;
                        be = w[b].aend;
                    }
                }
            }
            if (b > a) {
                span[sn++] = ' ';
                h = fnv_add(h, " ", 1);
            }
            memcpy(span + sn, scratch + w[b].key, w[b].klen);
            h = fnv_add(h, scratch + w[b].key, w[b].klen);
            sn += w[b].klen;
            if (w[b].end > col && (w[b].end - w[a].start > be - bs || best < 0)) {
                long e = find_hashed(lk, span, sn, h);
                if (e >= 0) {
                    best = e;
                    bs = w[a].start;
                    be = w[b].end;
                }
            }
            if (!prefix_has(lk, h)) break;  /* no key goes on from here */
        }
    }
    if (best >= 0) {
        if (start) *start = bs;
        if (end) *end = be;
    }
    return best;
}

/* ---- completion -------------------------------------------------------- */

/* Insert the entity of entry i into the top list if it belongs.  top
 * holds entry numbers, best first. */
static void top_insert(const struct dsr_lookup *lk, uint32_t i, size_t max, uint32_t *top, size_t *got)
{
    const lk_entry *x = &lk->sorted[i];
    float s = x->score;
    size_t k, pos;
    if (*got == max && s <= lk->sorted[top[max - 1]].score) return;
    for (k = 0; k < *got; k++)
        if (lk->sorted[top[k]].ent == x->ent) return;   /* a better form of it is there */
    pos = *got;
    while (pos > 0) {
        const lk_entry *y = &lk->sorted[top[pos - 1]];
        if (y->score > s || (y->score == s && y->ent < x->ent)) break;
        pos--;
    }
    if (pos >= max) return;
    if (*got < max) (*got)++;
    memmove(top + pos + 1, top + pos, (*got - 1 - pos) * sizeof *top);
    top[pos] = i;
}

size_t dsr_complete(const dsr_index *ix, const char *prefix, size_t len,
                    size_t max, uint32_t *out, const char **form_out)
{
    const struct dsr_lookup *lk = ix ? ix->lookup : NULL;
    char key[KEY_MAX];
    size_t n, lo = 0, hi, i, got = 0, end;
    if (!lk || max == 0 || !prefix) return 0;
    n = dsr_name_key(prefix, len, key, sizeof key);
    if (n == 0 || n >= KEY_MAX - 1) return 0;
    hi = lk->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(lk->keys + lk->sorted[mid].key, key, n) < 0) lo = mid + 1;
        else hi = mid;
    }
    hi = lk->n;
    end = lo;
    while (end < hi) {                      /* the end of the range, by search */
        size_t mid = end + (hi - end) / 2;
        if (strncmp(lk->keys + lk->sorted[mid].key, key, n) <= 0) end = mid + 1;
        else hi = mid;
    }
    if (end == lo) return 0;
    /* Walking in relevance order finds `max` hits after about max*n/range
     * entries; scanning the range costs range entries. */
    if ((double)(end - lo) * (double)(end - lo) > 4.0 * (double)max * (double)lk->n) {
        for (i = 0; i < lk->n && got < max; i++) {
            uint32_t j = lk->by_score[i];
            if (j >= lo && j < end) top_insert(lk, j, max, out, &got);
        }
    } else {
        for (i = lo; i < end; i++) top_insert(lk, (uint32_t)i, max, out, &got);
    }
    for (i = 0; i < got; i++) {         /* entry numbers -> entities, forms */
        if (form_out) form_out[i] = lk->sorted[out[i]].form;
        out[i] = lk->sorted[out[i]].ent;
    }
    return got;
}

/* ---- mentions with their lines ----------------------------------------- */

dsr_mention_loc *dsr_entity_mentions_at(const dsr_index *ix, uint32_t entity, size_t *n, char **err)
{
    const dsr_entity *e;
    dsr_mention_loc *out = NULL;
    DSR_VEC(char) lines = {0};
    size_t k = 0, got = 0;
    *n = 0;
    *err = NULL;
    if (!ix || entity >= ix->n_entities) {
        *err = strdup("no such entity");
        return NULL;
    }
    e = &ix->entities[entity];
    if (!(out = malloc((e->n_mentions ? e->n_mentions : 1) * sizeof *out))) goto oom;
    /* Mentions are by document, then offset: read each document once and
     * walk its lines forward.  Line texts go to one buffer; pointers are
     * set at the end, when it no longer moves. */
    while (k < e->n_mentions) {
        uint32_t doc = e->mentions[k].doc;
        size_t len = 0, pos = 0, ls = 0;
        uint32_t line = 1;
        char *derr = NULL;
        char *s = dsr_index_read_doc(ix, doc, &len, &derr);
        free(derr);
        for (; k < e->n_mentions && e->mentions[k].doc == doc; k++) {
            const dsr_mention *m = &e->mentions[k];
            dsr_mention_loc *o = &out[got];
            size_t le;
            if (!s || m->start > len || m->end > len || m->start > m->end) continue;
            if (m->start < pos) {       /* out of order: count from the top */
                pos = ls = 0;
                line = 1;
            }
            for (; pos < m->start; pos++)
                if (s[pos] == '\n') {
                    line++;
                    ls = pos + 1;
                }
            for (le = m->start; le < len && s[le] != '\n'; le++) {}
            if (le > ls && s[le - 1] == '\r') le--;
            o->doc = doc;
            o->start = m->start;
            o->end = m->end;
            o->line = line;
            o->col = (uint32_t)(m->start - ls);
            o->text = (const char *)(uintptr_t)lines.n;     /* offset for now */
            if (dsr_vec_reserve(&lines, lines.n + (le - ls) + 1)) {
                free(s);
                goto oom;
            }
            memcpy(lines.v + lines.n, s + ls, le - ls);
            lines.n += le - ls;
            lines.v[lines.n++] = '\0';
            got++;
        }
        free(s);
    }
    /* One block: the records, then the line texts. */
    {
        size_t head = got * sizeof *out, i;
        dsr_mention_loc *blk = malloc(head + lines.n + 1);
        if (!blk) goto oom;
        memcpy(blk, out, head);
        if (lines.n) memcpy((char *)blk + head, lines.v, lines.n);
        for (i = 0; i < got; i++) blk[i].text = (char *)blk + head + (uintptr_t)blk[i].text;
        free(out);
        dsr_vec_free(&lines);
        *n = got;
        return blk;
    }
oom:
    free(out);
    dsr_vec_free(&lines);
    *err = strdup("out of memory");
    return NULL;
}

/* ---- events by entity and date ------------------------------------------ */

/* Compare a date with a bound on their common length, so "2010-02-09" is
 * within from = "2010-02" and to = "2010". */
static int date_cmp(const char *d, const char *bound)
{
    size_t a = strlen(d), b = strlen(bound);
    return strncmp(d, bound, a < b ? a : b);
}

int dsr_event_in_range(const dsr_event *ev, const char *from, const char *to)
{
    if (from && *from && date_cmp(ev->date, from) < 0) return 0;
    if (to && *to && date_cmp(ev->date, to) > 0) return 0;
    return 1;
}

uint32_t *dsr_events_select(const dsr_index *ix, long entity, const char *from, const char *to,
                            size_t *n)
{
    const uint32_t *only = NULL;
    size_t total, i, k = 0;
    uint32_t *out;
    *n = 0;
    if (entity >= 0 && (size_t)entity >= ix->n_entities) return calloc(1, sizeof *out);
    if (entity >= 0) {
        only = ix->entities[entity].events;
        total = ix->entities[entity].n_events;
    } else {
        total = ix->n_events;
    }
    if (!(out = malloc((total ? total : 1) * sizeof *out))) return NULL;
    for (i = 0; i < total; i++) {
        uint32_t e = only ? only[i] : (uint32_t)i;
        if (dsr_event_in_range(&ix->events[e], from, to)) out[k++] = e;
    }
    *n = k;
    return out;
}
