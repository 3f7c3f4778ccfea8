/*
 * walk.h -- finding the documents of a folder.
 *
 * A depth-first walk in name order (so indexes are reproducible) that
 * yields the files to read and, for everything it leaves out on purpose or
 * cannot read, a skip record with the reason.  Hidden entries and `.git`
 * are left out; symbolic links are followed only when they stay inside the
 * folder and do not loop.
 */
#ifndef DSR_WALK_H
#define DSR_WALK_H

#include <stdint.h>
#include "config.h"
#include "vec.h"

typedef struct {
    char *rel;                  /* path relative to the root, '/'-separated */
    uint64_t size;
    int64_t mtime, mtime_ns;
} dsr_file;

typedef struct {
    char *rel;
    const char *reason;         /* static string */
} dsr_skipped;

typedef DSR_VEC(dsr_file) dsr_files;
typedef DSR_VEC(dsr_skipped) dsr_skips;

#define DSR_WALK_MAX_DEPTH 64

/* Walk root.  ext: NULL-terminated extensions.  -1 when the root cannot be
 * opened (errno set) or memory ran out. */
int dsr_walk(const char *root, const dsr_config *cfg, const char *const *ext,
             uint64_t max_size, dsr_files *files, dsr_skips *skips);
void dsr_walk_free(dsr_files *files, dsr_skips *skips);

#endif
