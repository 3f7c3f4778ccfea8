/* vec.c -- the one out-of-line part of vec.h: growth. */
#include <stdint.h>
#include <stdlib.h>
#include "vec.h"

int dsr_vec_grow(void **v, size_t *cap, size_t need, size_t elem)
{
    size_t ncap = *cap ? *cap : 8;
    void *p;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem) return -1;
    p = realloc(*v, ncap * elem);
    if (!p) return -1;
    *v = p;
    *cap = ncap;
    return 0;
}
