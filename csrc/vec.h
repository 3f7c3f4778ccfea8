/*
 * vec.h -- growable arrays.
 *
 * A vector is any struct with three members: a pointer `v`, a length `n` and
 * a capacity `cap`.  DSR_VEC(T) declares one inline.  Growth doubles, so a
 * push is amortised O(1); a failed allocation leaves the vector untouched and
 * makes the push return -1, so out-of-memory is an error, never an abort.
 */
#ifndef DSR_VEC_H
#define DSR_VEC_H

#include <stddef.h>

#define DSR_VEC(T) struct { T *v; size_t n, cap; }

/* Make room for at least `need` elements of size `elem`.  0 or -1 (ENOMEM). */
int dsr_vec_grow(void **v, size_t *cap, size_t need, size_t elem);

#define dsr_vec_reserve(vec, need) \
    ((need) <= (vec)->cap ? 0 : \
     dsr_vec_grow((void **)&(vec)->v, &(vec)->cap, (need), sizeof *(vec)->v))

/* Append x; evaluates to 0, or -1 when memory ran out. */
#define dsr_vec_push(vec, x) \
    (dsr_vec_reserve((vec), (vec)->n + 1) ? -1 : ((vec)->v[(vec)->n++] = (x), 0))

#define dsr_vec_free(vec) \
    do { free((vec)->v); (vec)->v = NULL; (vec)->n = (vec)->cap = 0; } while (0)

#endif
