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
 */
#ifndef DSR_INDEX_H
#define DSR_INDEX_H

#include "arena.h"
#include "config.h"
#include "document.h"
#include "dossier.h"
#include "walk.h"

struct dsr_lookup;

struct dsr_index {
    char *root;
    dsr_options opt;
    char **ext;                 /* the extensions in force, NULL-terminated */
    uint64_t max_size;
    char *cache_dir;
    dsr_config cfg;
    DSR_VEC(dsr_doc) docs;      /* sorted by rel */
    dsr_skips skips;

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
    struct dsr_lookup *lookup;  /* name tables for the lookups (lookup.c) */
    dsr_stats stats;
};

/* Rebuild the folder-wide tables from docs[].  -1 on OOM. */
int dsr_index_assemble(dsr_index *ix);

/* lookup.c: build and free the lookup tables of an assembled index. */
int dsr_lookup_build(dsr_index *ix);
void dsr_lookup_free(struct dsr_lookup *lk);

#endif
