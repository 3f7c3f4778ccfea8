/*
 * arena.h -- a bump allocator for the many small strings of an index.
 *
 * Names, paths, values and event texts live as long as the index does, so
 * they are carved out of large blocks and freed all at once.  Blocks form a
 * singly linked list; a request larger than a block gets a block of its own.
 */
#ifndef DSR_ARENA_H
#define DSR_ARENA_H

#include <stddef.h>

typedef struct dsr_arena_block dsr_arena_block;
typedef struct {
    dsr_arena_block *head;
    size_t used;                /* bytes used in head */
    size_t total;               /* bytes allocated, for the stats */
} dsr_arena;

void *dsr_arena_alloc(dsr_arena *a, size_t n);      /* 8-byte aligned; NULL on OOM */
char *dsr_arena_strndup(dsr_arena *a, const char *s, size_t n);
char *dsr_arena_strdup(dsr_arena *a, const char *s);
void dsr_arena_free(dsr_arena *a);

#endif
