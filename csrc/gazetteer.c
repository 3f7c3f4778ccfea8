/*
 * gazetteer.c -- look words and place names up in the generated table.
 *
 * gazetteer_data.h (written by tools/gen_gazetteer.py from Debian's
 * iso-codes, tzdata's zone.tab and tools/gazetteer_words.txt) holds the
 * entries sorted by key and an open-addressing slot array built with the
 * same hash as here (32-bit FNV-1a, linear probing, load below one half), so
 * a lookup costs one hash and a probe or two, and there is nothing to set up
 * at run time.
 */
#include <string.h>
#define DSR_GAZ_TABLES
#include "names_int.h"

static uint32_t fnv32(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

uint32_t dsr_gaz_hash(const char *key, size_t n)
{
    return fnv32(key, n);
}

const dsr_gaz_entry *dsr_gaz_find_h(const char *key, size_t n, uint32_t hash)
{
    uint32_t h;
    if (n == 0) return NULL;
    h = hash & (DSR_GAZ_SLOTS - 1);
    while (dsr_gaz_slots[h]) {
        const dsr_gaz_entry *e = &dsr_gaz_entries[dsr_gaz_slots[h] - 1];
        /* keys are short: compare inline (stops at the entry's NUL, which
         * no lookup key holds) */
        size_t k = 0;
        while (k < n && e->key[k] == key[k]) k++;
        if (k == n && e->key[n] == '\0') return e;
        h = (h + 1) & (DSR_GAZ_SLOTS - 1);
    }
    return NULL;
}

const dsr_gaz_entry *dsr_gaz_find(const char *key, size_t n)
{
    return dsr_gaz_find_h(key, n, fnv32(key, n));
}

uint32_t dsr_gaz_flags(const char *key, size_t n)
{
    const dsr_gaz_entry *e = dsr_gaz_find(key, n);
    return e ? e->flags : 0;
}

const dsr_gaz_entry *dsr_gaz_canon(const dsr_gaz_entry *e)
{
    if (e && e->canon >= 0 && e->canon < DSR_GAZ_N) return &dsr_gaz_entries[e->canon];
    return e;
}

const dsr_gaz_entry *dsr_gaz_at(int32_t i)
{
    return i >= 0 && i < DSR_GAZ_N ? &dsr_gaz_entries[i] : NULL;
}

int32_t dsr_gaz_index(const dsr_gaz_entry *e)
{
    return e ? (int32_t)(e - dsr_gaz_entries) : -1;
}
