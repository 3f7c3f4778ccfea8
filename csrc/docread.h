/*
 * docread.h -- reading one document: bytes, BOM, front matter.
 *
 * dsr_doc_load reads a whole file into memory and refuses what is not a
 * text document (NUL bytes, UTF-16, over the size limit), with a reason.
 * dsr_front_matter parses the YAML front matter block that may open a
 * Markdown file (only the flat subset briefings use: `key: value`, inline
 * `[a, b]` lists and `- item` block lists) and sets where the body starts.
 */
#ifndef DSR_DOCREAD_H
#define DSR_DOCREAD_H

#include "text.h"

/* The largest document: offsets into it are uint32_t. */
#define DSR_DOC_MAX ((uint64_t)UINT32_MAX - 1)

/* Read `path` (at most `limit` bytes, never more than DSR_DOC_MAX).  Returns the NUL-terminated buffer
 * (free with free) and its length, or NULL with *reason set to a static
 * string saying why the file is skipped. */
char *dsr_doc_load(const char *path, uint64_t limit, size_t *len, const char **reason);

/* Is this buffer text?  NULL if so, else why not. */
const char *dsr_doc_binary_reason(const char *s, size_t len);

typedef struct {
    char date[11];              /* YYYY[-MM[-DD]] or "" */
    char title[256];
    char **aliases;             /* "name" or "alias: canonical" entries */
    size_t n_aliases;
    char **tags;
    size_t n_tags;
    int has;                    /* 1 when there was a front matter block */
} dsr_fm;

/* Parse the front matter of t (if any) into fm and set t->body past it and
 * past a UTF-8 BOM.  -1 only when memory ran out. */
int dsr_front_matter(dsr_text *t, dsr_fm *fm);
void dsr_fm_free(dsr_fm *fm);

/* Copy a leading ISO date ("2010-03-01", "2010-03", "2010", with anything
 * after it such as "T10:00Z") into out; 1 if one was found. */
int dsr_iso_date_prefix(const char *s, size_t n, char out[11]);

#endif
