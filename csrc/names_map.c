/*
 * names_map.c -- a string -> uint32 hash table.
 *
 * Entries live in a vector (so their order is insertion order and a value
 * pointer stays valid until the next insertion); keys are copied into one
 * growing buffer and referred to by offset.  Slots hold entry index + 1 with
 * linear probing; the table doubles at half load, so lookups stay O(1) and
 * a build over 19,000 documents stays linear.
 */
#include <stdlib.h>
#include <string.h>
#include "names_int.h"

static int same(const dsr_map *m, const struct dsr_map_ent *e, uint64_t h, const char *k, size_t n)
{
    return e->h == h && e->klen == n && memcmp(m->keys.v + e->key, k, n) == 0;
}

uint32_t dsr_map_get(const dsr_map *m, const char *k, size_t n)
{
    uint64_t h;
    size_t i;
    if (!m->slots) return UINT32_MAX;
    h = dsr_hash64(k, n);
    for (i = (size_t)h & m->mask; m->slots[i]; i = (i + 1) & m->mask) {
        const struct dsr_map_ent *e = &m->ents.v[m->slots[i] - 1];
        if (same(m, e, h, k, n)) return e->val;
    }
    return UINT32_MAX;
}

static int rehash(dsr_map *m, size_t nslots)
{
    uint32_t *s = calloc(nslots, sizeof *s);
    size_t i, j;
    if (!s) return -1;
    for (i = 0; i < m->ents.n; i++) {
        for (j = (size_t)m->ents.v[i].h & (nslots - 1); s[j]; j = (j + 1) & (nslots - 1)) {}
        s[j] = (uint32_t)(i + 1);
    }
    free(m->slots);
    m->slots = s;
    m->mask = nslots - 1;
    return 0;
}

uint32_t *dsr_map_put(dsr_map *m, const char *k, size_t n, uint32_t init)
{
    uint64_t h = dsr_hash64(k, n);
    struct dsr_map_ent e;
    size_t i;
    if (!m->slots) {
        /* a first insertion: room for the first 32 entries and their keys
         * at once, not eight reallocations of small vectors */
        if (rehash(m, 64) || dsr_vec_reserve(&m->ents, 32) || dsr_vec_reserve(&m->keys, 512))
            return NULL;
    }
    for (i = (size_t)h & m->mask; m->slots[i]; i = (i + 1) & m->mask) {
        struct dsr_map_ent *x = &m->ents.v[m->slots[i] - 1];
        if (same(m, x, h, k, n)) return &x->val;
    }
    if (m->ents.n + 1 > (m->mask + 1) / 2) {
        if (rehash(m, (m->mask + 1) * 2)) return NULL;
        for (i = (size_t)h & m->mask; m->slots[i]; i = (i + 1) & m->mask) {}
    }
    if (m->ents.n >= UINT32_MAX - 1 || m->keys.n + n >= UINT32_MAX) return NULL;
    if (dsr_vec_reserve(&m->keys, m->keys.n + n + 1)) return NULL;
    e.h = h;
    e.key = (uint32_t)m->keys.n;
    e.klen = (uint32_t)n;
    e.val = init;
    if (dsr_vec_push(&m->ents, e)) return NULL;
    memcpy(m->keys.v + m->keys.n, k, n);
    m->keys.n += n;
    m->keys.v[m->keys.n++] = '\0';
    m->slots[i] = (uint32_t)m->ents.n;
    return &m->ents.v[m->ents.n - 1].val;
}

void dsr_map_free(dsr_map *m)
{
    free(m->slots);
    m->slots = NULL;
    m->mask = 0;
    dsr_vec_free(&m->ents);
    dsr_vec_free(&m->keys);
}
