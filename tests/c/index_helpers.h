/*
 * index_helpers.h -- what the whole-folder C tests share: finding a
 * document or a skip record by path, and whether ASan is on.  Header-only
 * (static functions): each test program is one translation unit.
 */
#ifndef DSR_TEST_INDEX_HELPERS_H
#define DSR_TEST_INDEX_HELPERS_H

#include <string.h>
#include "dossier.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

static inline const dsr_document *doc_named(const dsr_index *ix, const char *rel)
{
    size_t n, i;
    const dsr_document *d = dsr_index_documents(ix, &n);
    for (i = 0; i < n; i++)
        if (strcmp(d[i].path, rel) == 0) return &d[i];
    return NULL;
}

static inline const char *skip_reason(const dsr_index *ix, const char *rel)
{
    size_t n, i;
    const dsr_skip *s = dsr_index_skipped(ix, &n);
    for (i = 0; i < n; i++)
        if (strcmp(s[i].path, rel) == 0) return s[i].reason;
    return NULL;
}

#endif
