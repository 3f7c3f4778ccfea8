/*
 * index.h -- the inside of a dsr_index, shared by index.c (building),
 * export.c, lookup.c and cache.c.
 *
 * An index is two layers:
 *   docs[]      one dsr_doc per file: what its extractors found (document.h);
 *               the unit of caching and of incremental refresh.
 *   the tables  everything folder-wide, rebuilt from docs[] by
 *               dsr_index_assemble: entities across documents (dsr_ents),
 *               the public records of dossier.h, the timeline sorted by date,
 *               and per-entity events and related entities.  Strings and
 *               arrays of the tables live in `arena`, freed at once on rebuild.
 *
 * Opened from the cache, both layers may instead lie in `blob`, the cache
 * file's image (cache.c): the records borrow their arrays from it, and the
 * tables of an unchanged folder are taken from it (snapshot.c) rather than
 * assembled.  The blob lives as long as the index.
 */
#ifndef DSR_INDEX_H
#define DSR_INDEX_H

#include "arena.h"
#include "blob.h"
#include "config.h"
#include "document.h"
#include "dossier.h"
#include "walk.h"

struct dsr_lookup;

/* How far a build is, read by another thread while it runs (job.c).
 * Written with atomic stores by the builder; `cancel` is written by the
 * other side and read between files. */
typedef struct {
    uint32_t files_done, files_total;
    uint64_t bytes_done, bytes_total;
    int cancel;
} dsr_progress;

struct dsr_index {
    char *root;
    char *real_root;            /* realpath of root: the cache's key */
    uint64_t fingerprint;       /* what extraction depends on (cache.c) */
    dsr_options opt;
    char **ext;                 /* the extensions in force, NULL-terminated */
    char **user_ext;            /* the caller's (dsr_options), or NULL */
    uint64_t max_size;
    char *cache_dir;
    dsr_config cfg;
    dsr_docs docs;              /* sorted by rel */
    dsr_skips skips;
    char *blob;                 /* the cache image mapped at open (read-only), or NULL */
    size_t blob_len;
    size_t tables_at;           /* where its tables start, or 0: none */

    /* ---- the tables, rebuilt by dsr_index_assemble ---- */
    dsr_arena arena;
    dsr_ents *ents;
    dsr_document *documents;
    dsr_timex_rec *timexes;
    size_t n_timexes;
    dsr_entity *entities;
    size_t n_entities;
    dsr_event *events;          /* date order */
    size_t n_events;
    dsr_skip *skip_recs;
    const char **warnings;
    size_t n_warnings;
    void *ua;                   /* user aliases by canonical key (index.c) */
    size_t n_ua;
    struct dsr_lookup *lookup;  /* name tables for the lookups (lookup.c) */
    char *rows;                 /* the events as picker rows (rows.c) */
    uint32_t *row_off;          /* n_events + 1 offsets into rows */
    int tables_borrowed;        /* rows, row_off and the lookup lie in blob */
    dsr_stats stats;
};

/* Rebuild the folder-wide tables from docs[].  -1 on OOM. */
int dsr_index_assemble(dsr_index *ix);

/* The tables of the cache image loaded into ix (records `loaded`), made
 * in `stage`, a bare index borrowing the records, while the folder is
 * walked; the open takes them when nothing changed.  0 when made; free
 * them with dsr_tables_unstage unless taken. */
int dsr_tables_stage(const dsr_index *ix, const dsr_docs *loaded, dsr_index *stage);
void dsr_tables_unstage(dsr_index *stage);

/* lookup.c: build and free the lookup tables of an assembled index;
 * write them to a cache image, and take them from one (ix->entities set;
 * -1 when the image is bad or memory ran out). */
int dsr_lookup_build(dsr_index *ix);
void dsr_lookup_free(struct dsr_lookup *lk);
int dsr_lookup_save(const dsr_index *ix, dsr_wbuf *w);
int dsr_lookup_load(dsr_index *ix, dsr_rbuf *r);

/* snapshot.c: the tables in the cache image.  dsr_snap_save appends them
 * to w; dsr_snap_load fills the entities, events, lookup and
 * rows of ix from ix->blob (documents[] already built); -1 on a bad image
 * or OOM.  dsr_snap_layout changes when their record layouts do. */
uint64_t dsr_snap_layout(void);
int dsr_snap_save(const dsr_index *ix, dsr_wbuf *w);
int dsr_snap_load(dsr_index *ix);

/* rows.c: the picker rows of the events.  -1 on OOM. */
int dsr_rows_build(dsr_index *ix);

/* index.c: open with progress reports and cancellation (pg may be NULL);
 * a refreshed copy of `old`, which is only read. */
dsr_index *dsr_index_open_pg(const char *dir, const dsr_options *opt, dsr_progress *pg, char **err);
dsr_index *dsr_index_refreshed(const dsr_index *old, dsr_progress *pg, char **err);

/* cache.c */
uint64_t dsr_cache_sum(const void *p, size_t n);
uint64_t dsr_cache_fingerprint(const dsr_index *ix);
/* The cached records of ix's folder, sorted by rel, into *out (empty when
 * there is no usable cache; stats.cache_note says why).  The records
 * borrow from the file's image, kept in ix->blob with the position of its
 * tables.  -1 only on OOM. */
int dsr_cache_load(dsr_index *ix, dsr_docs *out);
/* Save ix->docs and the tables atomically.  -1 when it could not
 * (stats.cache_note). */
int dsr_cache_save(dsr_index *ix);
/* Let go of the image loaded by dsr_cache_load (ix->blob). */
void dsr_cache_unmap(dsr_index *ix);

#endif
