/*
 * lookup.c -- name lookups for the editor: at the cursor, by name, by prefix.
 *
 * Two tables are built from the entities' names and aliases, both on the
 * lookup key of a name (dsr_name_key: lower case, no accents, punctuation
 * folded to single spaces):
 *
 *   hash    open addressing, key -> entity: exact lookups and the
 *           at-cursor search, which tries the word spans around the cursor
 *           longest first (at most MAX_WORDS words each side);
 *   sorted  (key, entity, form) sorted by key: prefix completion is a
 *           binary search for the first key and a scan while keys match.
 *
 * Keys live in one buffer; entries refer to them by offset.
 */
#include <stdlib.h>
#include <string.h>
#include "index.h"

#define MAX_WORDS 8
#define KEY_MAX 256

typedef struct { uint32_t key, klen, ent; const char *form; } lk_entry;

struct dsr_lookup {
    char *keys;                 /* all keys, NUL-separated */
    size_t keys_n;
    lk_entry *sorted;           /* by key */
    size_t n;
    uint32_t *hash;             /* slots: index into sorted + 1, 0 = empty */
    size_t mask;
};

static uint64_t hash_key(const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static const struct dsr_lookup *sort_ctx;

static int cmp_entry(const void *a, const void *b)
{
    const lk_entry *x = a, *y = b;
    int c = strcmp(sort_ctx->keys + x->key, sort_ctx->keys + y->key);
    return c ? c : (x->ent > y->ent) - (x->ent < y->ent);
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
    size_t size = 16, i;
    while (size < lk->n * 2) size *= 2;
    if (!(lk->hash = calloc(size, sizeof *lk->hash))) return -1;
    lk->mask = size - 1;
    for (i = 0; i < lk->n; i++) {
        const lk_entry *e = &lk->sorted[i];
        size_t h = (size_t)hash_key(lk->keys + e->key, e->klen) & lk->mask;
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
    sort_ctx = lk;
    qsort(lk->sorted, lk->n, sizeof *lk->sorted, cmp_entry);
    sort_ctx = NULL;
    return build_hash(ix, lk);
}

void dsr_lookup_free(struct dsr_lookup *lk)
{
    if (!lk) return;
    free(lk->keys);
    free(lk->sorted);
    free(lk->hash);
    free(lk);
}

static long find_key(const struct dsr_lookup *lk, const char *key, size_t n)
{
    size_t h;
    if (!lk || !lk->hash || n == 0) return -1;
    h = (size_t)hash_key(key, n) & lk->mask;
    for (;; h = (h + 1) & lk->mask) {
        uint32_t s = lk->hash[h];
        if (!s) return -1;
        if (lk->sorted[s - 1].klen == n && memcmp(lk->keys + lk->sorted[s - 1].key, key, n) == 0)
            return (long)lk->sorted[s - 1].ent;
    }
}

long dsr_lookup_name(const dsr_index *ix, const char *name, size_t len)
{
    char key[KEY_MAX];
    size_t n = dsr_name_key(name, len, key, sizeof key);
    return n < KEY_MAX - 1 ? find_key(ix->lookup, key, n) : -1;
}

/* ---- at the cursor ---------------------------------------------------- */

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Is line[i] inside a word, counting '.', '-' and apostrophes between
 * word bytes ("U.S.", "al-Sistani", "O'Brien") as part of it? */
static int in_word(const char *l, size_t len, size_t i)
{
    unsigned char c = (unsigned char)l[i];
    if (word_byte(c)) return 1;
    if ((c == '.' || c == '-' || c == '\'') && i > 0 && word_byte((unsigned char)l[i - 1]))
        return c == '.' || (i + 1 < len && word_byte((unsigned char)l[i + 1]));
    return 0;
}

typedef struct { size_t start, end; } wspan;

/* Words of the line near col: up to MAX_WORDS before and after it. */
static size_t words_near(const char *l, size_t len, size_t col, wspan *w, size_t *at)
{
    size_t i = 0, n = 0, cur = (size_t)-1;
    wspan all[2 * MAX_WORDS + 1];
    size_t lo = col > 512 ? col - 512 : 0;  /* names are short: look nearby */
    size_t hi = col + 512 < len ? col + 512 : len;
    for (i = lo; i < hi;) {
        size_t s;
        if (!in_word(l, len, i)) {
            i++;
            continue;
        }
        s = i;
        while (i < hi && in_word(l, len, i)) i++;
        if (n == 2 * MAX_WORDS + 1) {       /* keep a window around col */
            if (cur != (size_t)-1 && cur <= MAX_WORDS) break;
            memmove(all, all + 1, (n - 1) * sizeof *all);
            n--;
            if (cur != (size_t)-1) cur--;
        }
        all[n].start = s;
        all[n].end = i;
        if (s <= col && col < i) cur = n;
        n++;
        if (cur != (size_t)-1 && n > cur + MAX_WORDS) break;
        if (s > col && cur == (size_t)-1) break;
    }
    if (cur == (size_t)-1) return 0;
    memcpy(w, all, n * sizeof *all);
    *at = cur;
    return n;
}

static long try_span(const dsr_index *ix, const char *l, size_t s, size_t e)
{
    char key[KEY_MAX];
    size_t n;
    long ent;
    if (e - s >= KEY_MAX - 1) return -1;
    n = dsr_name_key(l + s, e - s, key, sizeof key);
    if ((ent = find_key(ix->lookup, key, n)) >= 0) return ent;
    /* A possessive: "Pyongyang's" / "Pyongyang’s" */
    if (e - s > 2 && l[e - 1] == 's' && l[e - 2] == '\'')
        return try_span(ix, l, s, e - 2);
    if (e - s > 4 && l[e - 1] == 's' && memcmp(l + e - 4, "\xE2\x80\x99", 3) == 0)
        return try_span(ix, l, s, e - 4);
    if (e - s > 1 && l[e - 1] == '.') return try_span(ix, l, s, e - 1);
    return -1;
}

long dsr_lookup_at(const dsr_index *ix, const char *line, size_t len, size_t col,
                   size_t *start, size_t *end)
{
    wspan w[2 * MAX_WORDS + 1];
    size_t at, n, a, b;
    long best = -1;
    size_t bs = 0, be = 0;
    if (!ix->lookup || col >= len) return -1;
    n = words_near(line, len, col, w, &at);
    if (!n) return -1;
    for (a = 0; a <= at; a++)
        for (b = n; b-- > at;) {
            long e;
            if (best >= 0 && w[b].end - w[a].start <= be - bs) continue;
            e = try_span(ix, line, w[a].start, w[b].end);
            if (e >= 0) {
                best = e;
                bs = w[a].start;
                be = w[b].end;
            }
        }
    if (best >= 0) {
        *start = bs;
        *end = be;
    }
    return best;
}

/* ---- completion ------------------------------------------------------- */

size_t dsr_complete(const dsr_index *ix, const char *prefix, size_t len,
                    size_t max, uint32_t *out, const char **form_out)
{
    const struct dsr_lookup *lk = ix->lookup;
    char key[KEY_MAX];
    size_t n, lo = 0, hi, i, got = 0;
    if (!lk || max == 0) return 0;
    n = dsr_name_key(prefix, len, key, sizeof key);
    if (n == 0 || n >= KEY_MAX - 1) return 0;
    hi = lk->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(lk->keys + lk->sorted[mid].key, key, n) < 0) lo = mid + 1;
        else hi = mid;
    }
    /* Keep the `max` best by mentions, one row per entity. */
    for (i = lo; i < lk->n && strncmp(lk->keys + lk->sorted[i].key, key, n) == 0; i++) {
        uint32_t e = lk->sorted[i].ent;
        size_t k, pos;
        int dup = 0;
        for (k = 0; k < got; k++) dup |= out[k] == e;
        if (dup) continue;
        pos = got;
        while (pos > 0 && better(ix, e, out[pos - 1])) pos--;
        if (pos >= max) continue;
        if (got < max) got++;
        memmove(out + pos + 1, out + pos, (got - 1 - pos) * sizeof *out);
        if (form_out) memmove(form_out + pos + 1, form_out + pos, (got - 1 - pos) * sizeof *form_out);
        out[pos] = e;
        if (form_out) form_out[pos] = lk->sorted[i].form;
    }
    return got;
}
