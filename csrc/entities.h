/*
 * entities.h -- named entities: per-document extraction and the
 * cross-document table.
 *
 * Extraction is split in two so that the index can cache and update one
 * document at a time:
 *
 *   dsr_names_scan   one document -> dsr_docents (mentions, local entities,
 *                    descriptions).  A pure function of the text; the result
 *                    is plain data (arrays of fixed-size records plus a string
 *                    pool addressed by offsets) so the cache can write and read
 *                    it as bytes.
 *   dsr_ents_build   all documents' dsr_docents + user aliases -> dsr_ents,
 *                    the folder's entities with their mentions everywhere.
 */
#ifndef DSR_ENTITIES_H
#define DSR_ENTITIES_H

#include "text.h"

enum { DSR_PERSON, DSR_ORGANIZATION, DSR_PLACE, DSR_OTHER };
#define DSR_NOSTR UINT32_MAX            /* "no string" in a pool offset */

/* ---- one document --------------------------------------------------- */

typedef struct {
    uint32_t start, end;        /* byte span of the name in the document */
    uint32_t ent;               /* index into dsr_docents.ents */
    uint8_t nominal;            /* 1: a description standing for the entity
                                   ("the Airbus chief executive"), not a name */
} dsr_dment;

typedef struct {
    uint32_t name;              /* pool offset: the fullest name in the doc */
    uint32_t aliases;           /* pool offset: NUL-separated other names,
                                   ending with an empty string; or DSR_NOSTR */
    uint32_t desc;              /* pool offset: best description, or DSR_NOSTR */
    uint32_t desc_start, desc_end;  /* where that description is */
    float desc_score;           /* how good the description is (higher better) */
    uint8_t type;               /* DSR_PERSON ... DSR_OTHER */
    uint8_t type_conf;          /* how sure the type is (0 = guess) */
} dsr_dent;

typedef struct {
    DSR_VEC(dsr_dent) ents;
    DSR_VEC(dsr_dment) ments;   /* in text order */
    DSR_VEC(char) pool;         /* NUL-terminated strings */
} dsr_docents;

int dsr_names_scan(const dsr_text *t, dsr_docents *out);
void dsr_docents_free(dsr_docents *d);

/* ---- the folder ----------------------------------------------------- */

typedef struct {
    uint32_t doc, start, end;
    uint8_t nominal;            /* as in dsr_dment */
} dsr_ment;

typedef struct {
    char *name;                 /* canonical name */
    char **aliases;             /* other names seen or given, no duplicates */
    size_t n_aliases;
    char *desc;                 /* best description or NULL */
    uint32_t desc_doc, desc_start, desc_end;
    uint8_t type;
    dsr_ment *ments;            /* every mention, by (doc, start) */
    size_t n_ments;
} dsr_ent;

typedef struct {
    const char *alias, *canonical;  /* "Pyongyang" -> "North Korea" */
} dsr_user_alias;

typedef struct dsr_ents dsr_ents;

/* docs[i] may be NULL (a document that failed or was removed). */
int dsr_ents_build(const dsr_docents *const *docs, size_t n_docs,
                   const dsr_user_alias *ua, size_t n_ua, dsr_ents **out);
size_t dsr_ents_count(const dsr_ents *e);
const dsr_ent *dsr_ents_get(const dsr_ents *e, size_t i);
void dsr_ents_free(dsr_ents *e);

/* The lookup key of a name: case-, accent- and punctuation-insensitive
 * ("Kim Jong-il" and "Kim Jong Il" -> "kim jong il").  Writes at most cap
 * bytes including the NUL; returns the key length. */
size_t dsr_name_key(const char *s, size_t len, char *out, size_t cap);

#endif
