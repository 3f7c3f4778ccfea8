/*
 * blob.h -- flat byte images: what the cache file is made of.
 *
 * An image is a run of arrays, each starting at a multiple of 8 bytes from
 * the start of the image.  A reader that holds the whole image in one
 * 8-aligned buffer can then use every array where it lies: loading is one
 * read and a pass of checks, with no allocation or copy per array.  The
 * reader checks each count against the bytes left and never trusts the
 * image; what the arrays hold is checked by their owners.
 */
#ifndef DSR_BLOB_H
#define DSR_BLOB_H

#include <stddef.h>
#include "vec.h"

typedef DSR_VEC(char) dsr_wbuf;

/* Append n bytes, then zeros up to the next multiple of 8.  -1 on OOM. */
int dsr_put(dsr_wbuf *w, const void *p, size_t n);

typedef struct {
    char *p;                    /* the image, 8-aligned */
    size_t n, pos;              /* its length; where the next array starts */
} dsr_rbuf;

/* The next `count` records of `size` bytes, where they lie (a pointer to
 * the reading position when count is 0), and the position moved past them
 * and their padding.  NULL when they are not all there. */
void *dsr_get(dsr_rbuf *r, size_t count, size_t size);

/* Is off + len within n (without overflow)? */
#define DSR_IN(off, len, n) ((uint64_t)(off) + (uint64_t)(len) <= (uint64_t)(n))

#endif
