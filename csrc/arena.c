/* arena.c -- see arena.h. */
#include <stdlib.h>
#include <string.h>
#include "arena.h"

#define BLOCK_SIZE (64 * 1024 - 64)

struct dsr_arena_block {
    dsr_arena_block *next;
    size_t size;
    char data[];
};

void *dsr_arena_alloc(dsr_arena *a, size_t n)
{
    dsr_arena_block *b;
    n = (n + 7) & ~(size_t)7;
    if (a->head && a->used + n <= a->head->size) {
        void *p = a->head->data + a->used;
        a->used += n;
        return p;
    }
    if (n > BLOCK_SIZE / 4) {
        /* A big request gets its own block, kept behind the head so the
         * head's free space is not wasted. */
        b = malloc(sizeof *b + n);
        if (!b) return NULL;
        b->size = n;
        a->total += n;
        if (a->head) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = NULL;
            a->head = b;
            a->used = n;
        }
        return b->data;
    }
    b = malloc(sizeof *b + BLOCK_SIZE);
    if (!b) return NULL;
    b->size = BLOCK_SIZE;
    b->next = a->head;
    a->head = b;
    a->used = n;
    a->total += BLOCK_SIZE;
    return b->data;
}

char *dsr_arena_strndup(dsr_arena *a, const char *s, size_t n)
{
    char *p = dsr_arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *dsr_arena_strdup(dsr_arena *a, const char *s)
{
    return dsr_arena_strndup(a, s, strlen(s));
}

void dsr_arena_free(dsr_arena *a)
{
    dsr_arena_block *b = a->head, *next;
    for (; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
    a->used = a->total = 0;
}
