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
#include <stdint.h>
#include "vec.h"

/* A writer.  With a `sink`, the bytes go out in pieces of about
 * DSR_WBUF_CHUNK (a large array straight from where it lies), so writing
 * a 50 MB image holds a megabyte, not the image; without one they stay in
 * v.  Every put moves the position (done + n) on by a multiple of 8, so
 * every array starts at a multiple of 8 from the start of the image. */
#define DSR_WBUF_CHUNK (1u << 20)
typedef struct dsr_wbuf {
    char *v;
    size_t n, cap;              /* bytes held, not handed to the sink yet */
    uint64_t done;              /* bytes handed to the sink before v[0] */
    int (*sink)(void *ctx, const void *p, size_t n);    /* 0, or -1: stop */
    void *ctx;
} dsr_wbuf;

/* Append n bytes, then zeros up to the next multiple of 8.  -1 when
 * memory ran out or the sink failed. */
int dsr_put(dsr_wbuf *w, const void *p, size_t n);
/* Hand what is held to the sink.  0 or -1. */
int dsr_drain(dsr_wbuf *w);

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
