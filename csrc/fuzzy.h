/*
 * fuzzy.h -- the fuzzy matcher behind the pickers (fuzzy.c).
 *
 * The public entry points are in dossier.h.  This header gives the index
 * (and the tests) the pieces underneath: a prepared query, and top-k over
 * a source of candidates that may be an array of strings, or rows packed
 * in one buffer, optionally restricted to a subset.
 */
#ifndef DSR_FUZZY_H
#define DSR_FUZZY_H

#include <stddef.h>
#include <stdint.h>
#include "dossier.h"

#define DSR_FZ_QMAX 64          /* query bytes that count; the rest is ignored */
#define DSR_FZ_SMAX 2048        /* candidate bytes that can match */

typedef struct {
    unsigned char c[DSR_FZ_QMAX];   /* the query bytes, lower-cased unless exact */
    unsigned char fold[DSR_FZ_QMAX];/* 0x20 where a letter matches either case */
    size_t m;
    int32_t joined;     /* score bound with every byte joined to the one before, less
                         * the first byte's position bonus and lead (fuzzy.c, may_reach) */
    int32_t least;      /* the least the bound drops when one pair is apart */
} dsr_fzq;

/* Prepare a query (smart case).  -1 when it has no bytes. */
int dsr_fzq_init(dsr_fzq *q, const char *query, size_t qlen);
int32_t dsr_fzq_score(const dsr_fzq *q, const char *s, size_t n, uint32_t *pos);
/* The dense evaluation of the same score (the tests compare the two). */
int32_t dsr_fzq_score_dense(const dsr_fzq *q, const char *s, size_t n);

/* Candidates: either strs[i] (lens[i], or strlen when lens is NULL), or
 * buf + off[i] with length off[i+1] - off[i] - 1 (rows packed with a NUL
 * after each).  When subset is given the candidates are subset[0..n) and
 * hits report those numbers.  rank (may be NULL) breaks score ties,
 * higher first, before length. */
typedef struct {
    const char *const *strs;
    const size_t *lens;
    const char *buf;
    const uint32_t *off;
    const uint32_t *subset;
    const float *rank;
    size_t n;
    const int *cancel;          /* when *cancel turns non-zero the search stops
                                   early with partial hits (job.c); may be NULL */
} dsr_fzsrc;

size_t dsr_fz_top(const dsr_fzq *q, const dsr_fzsrc *src, size_t k, dsr_fuzzy_hit *out);

/* dsr_fuzzy_events and dsr_fuzzy_entities (rows.c) with a cancel flag
 * (see dsr_fzsrc.cancel): the search jobs of job.c run these. */
size_t dsr_fz_events(const dsr_index *ix, const char *query, size_t qlen, long entity,
                     const char *from, const char *to, size_t k, dsr_fuzzy_hit *out,
                     const int *cancel);
size_t dsr_fz_entities(const dsr_index *ix, const char *query, size_t qlen, size_t k,
                       dsr_fuzzy_hit *out, const int *cancel);

#endif
