/*
 * blob.c -- writing and reading flat byte images (see blob.h).
 */
#include <stdint.h>
#include <string.h>
#include "blob.h"

#define PAD(n) (((n) + 7) & ~(size_t)7)

int dsr_put(dsr_wbuf *w, const void *p, size_t n)
{
    size_t end = PAD(w->n + n);
    if (dsr_vec_reserve(w, end)) return -1;
    if (n) memcpy(w->v + w->n, p, n);
    memset(w->v + w->n + n, 0, end - w->n - n);
    w->n = end;
    return 0;
}

void *dsr_get(dsr_rbuf *r, size_t count, size_t size)
{
    size_t left = r->n - r->pos, bytes;
    void *at = r->p + r->pos;
    if (r->pos > r->n || (count && count > left / size)) return NULL;
    bytes = PAD(count * size);
    if (bytes > left) return NULL;
    r->pos += bytes;
    return at;
}
