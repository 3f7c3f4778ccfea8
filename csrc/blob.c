/*
 * blob.c -- writing and reading flat byte images (see blob.h).
 */
#include <stdint.h>
#include <string.h>
#include "blob.h"

#define PAD(n) (((n) + 7) & ~(size_t)7)

int dsr_drain(dsr_wbuf *w)
{
    if (!w->sink || w->n == 0) return 0;
    if (w->sink(w->ctx, w->v, w->n)) return -1;
    w->done += w->n;
    w->n = 0;
    return 0;
}

int dsr_put(dsr_wbuf *w, const void *p, size_t n)
{
    size_t pad = PAD(n) - n, keep = n;
    if (w->sink && n >= DSR_WBUF_CHUNK) {       /* straight out, not copied */
        if (dsr_drain(w) || w->sink(w->ctx, p, n)) return -1;
        w->done += n;
        keep = 0;
    }
    if (dsr_vec_reserve(w, w->n + keep + pad)) return -1;
    if (keep) memcpy(w->v + w->n, p, keep);
    memset(w->v + w->n + keep, 0, pad);
    w->n += keep + pad;
    return w->n >= DSR_WBUF_CHUNK ? dsr_drain(w) : 0;
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
