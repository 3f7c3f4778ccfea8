/*
 * document.h -- one document's share of the index.
 *
 * dsr_doc_index reads one file and runs every extractor over it.  The
 * result, a dsr_doc, depends on nothing but the file's bytes and the folder
 * config, so it is what the cache stores per file and what an incremental
 * refresh replaces; the folder-wide tables (entities across documents, the
 * sorted timeline) are rebuilt from all dsr_docs by index.c.
 *
 * A dsr_doc is plain data: fixed-size records in arrays, and strings in
 * `pool`, addressed by offsets.  That keeps it cheap to write and read.
 */
#ifndef DSR_DOCUMENT_H
#define DSR_DOCUMENT_H

#include "config.h"
#include "entities.h"
#include "events.h"
#include "refs.h"
#include "text.h"

#define DSR_EV_ANTE 4            /* one per DSR_REF_* kind, and an opening "It" */

typedef struct {
    uint32_t line;              /* 1-based line of the event's start */
    uint32_t text;              /* pool offset: the statement, spaces collapsed */
    uint32_t n_ante;
    dsr_span ante[DSR_EV_ANTE]; /* the mentions that its "he", "the company",
                                   "the aircraft" point back to (refs.c) */
} dsr_evinfo;

typedef struct {
    uint32_t alias, canonical;  /* pool offsets */
} dsr_doc_alias;

typedef struct {
    char *rel;                  /* path relative to the root (malloc'd) */
    uint64_t size, hash;        /* hash: 64-bit FNV-1a of the bytes */
    int64_t mtime, mtime_ns;
    char date[11];
    uint8_t date_source;        /* dsr_date_source */
    uint32_t title;             /* pool offset */
    dsr_timexes tx;
    dsr_devents ev;
    DSR_VEC(dsr_evinfo) evi;    /* parallel to ev */
    DSR_VEC(dsr_doc_alias) aliases;  /* user aliases from front matter */
    dsr_docents de;
    DSR_VEC(char) pool;
    uint8_t borrowed;           /* rel and the arrays lie in the cache image the
                                   index holds (cache.c): not freed with the doc */
} dsr_doc;
typedef DSR_VEC(dsr_doc) dsr_docs;

/* Bump when an extractor's output for the same bytes changes: records
 * cached by an older build are then extracted again (cache.c). */
#define DSR_EXTRACT_VERSION 8

/* Index the file root/rel (size/mtime as the walk saw them).  Returns 0,
 * 1 when the file is skipped (*reason set), -1 when memory ran out. */
int dsr_doc_index(const char *root, const char *rel, const dsr_config *cfg,
                  uint64_t max_size, dsr_doc *d, const char **reason);
/* The same from bytes in memory (used by the tests and the fuzzers). */
int dsr_doc_index_text(const char *rel, const char *s, size_t len, const dsr_config *cfg,
                       dsr_doc *d);
void dsr_doc_free(dsr_doc *d);
/* A deep copy of src into dst.  -1 when memory ran out (dst then free). */
int dsr_doc_copy(dsr_doc *dst, const dsr_doc *src);

uint64_t dsr_hash_bytes(const void *p, size_t n);

#endif
