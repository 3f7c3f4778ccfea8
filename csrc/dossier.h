/*
 * dossier.h -- the public API of the dossier core.
 *
 * The core indexes a folder of briefing documents (Markdown or plain text):
 * who is named in them (entities with aliases and descriptions), when things
 * happened (time expressions normalised against each document's date) and
 * the dated statements (events) that make a timeline.  It knows nothing of
 * Lua or Neovim; the CLI (cli.c) and the Lua module (lua_core.c) are thin
 * layers over this header.
 *
 * Ownership: every pointer returned by a dsr_index_* accessor belongs to
 * the index and stays valid until dsr_index_free.  Offsets are byte offsets
 * into the file as stored; `doc`, entity and event numbers are indexes into
 * the arrays returned by the accessors.
 */
#ifndef DOSSIER_H
#define DOSSIER_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#define DOSSIER_VERSION "0.1.0"

typedef struct dsr_index dsr_index;

typedef struct {
    const char *const *extensions;  /* NULL-terminated, without dots; NULL: md markdown txt */
    uint64_t max_file_size;         /* bytes; 0: 32 MiB */
    const char *cache_dir;          /* where to keep the index between runs; NULL: no cache
                                       (dsr_cache_default_dir gives the usual one) */
    int threads;                    /* threads extracting documents at once: 0 = one per
                                       processor, 1 = only the calling thread (glibc keeps
                                       a finished thread's stack and TLS for reuse, so a
                                       malloc-counting test sees blocks left after the first
                                       threaded open) */
    int verify_later;               /* 1: when the cache file is usable, open from it without
                                       walking the folder (stats.unverified set); files changed
                                       while no index was open are seen by the next refresh
                                       (dsr_job_refresh), which the caller starts */
} dsr_options;

/* Where a document's date came from. */
typedef enum {
    DSR_DATE_NONE, DSR_DATE_FRONT_MATTER, DSR_DATE_DATELINE,
    DSR_DATE_FILENAME, DSR_DATE_CONFIG, DSR_DATE_INFERRED
} dsr_date_source;

const char *dsr_date_source_name(dsr_date_source s);
const char *dsr_type_name(int type);            /* "person", ... */
const char *dsr_timex_type_name(int type);      /* "DATE", ... */

typedef struct {
    const char *path;           /* relative to the folder, '/'-separated */
    const char *title;          /* front matter title, or the first heading; may be "" */
    char date[11];              /* YYYY-MM-DD, YYYY-MM, YYYY or "" */
    dsr_date_source date_source;
    uint64_t size;
    int64_t mtime;              /* seconds */
    uint32_t first_timex, n_timexes;    /* into dsr_index_timexes */
    uint32_t n_events;          /* how many of dsr_index_events are this document's */
} dsr_document;

typedef struct {
    uint32_t doc, start, end;
    int type;                   /* DSR_TX_* of text.h: 0 DATE 1 TIME 2 DURATION 3 SET */
    const char *value, *mod, *end_value;    /* mod/end_value "" when absent */
} dsr_timex_rec;

typedef struct {
    uint32_t doc, start, end;
    uint32_t nominal;           /* 1: a description standing for the entity
                                   ("the Airbus chief executive"), not a name */
} dsr_mention;

typedef struct {
    const char *name;
    int type;                   /* 0 person 1 organization 2 place 3 other */
    const char *const *aliases;
    uint32_t n_aliases;
    const char *description;    /* NULL when none */
    uint32_t desc_doc, desc_start, desc_end;
    const dsr_mention *mentions;    /* by document, then offset */
    uint32_t n_mentions;        /* all of `mentions` */
    uint32_t n_names;           /* those that are names (not nominal): the count to show */
    uint32_t n_documents;
    const char *first_date, *last_date; /* of its events; "" when none */
    const uint32_t *related;    /* co-mentioned entities, most shared events first */
    uint32_t n_related;
    const uint32_t *events;     /* its events in date order */
    uint32_t n_events;
} dsr_entity;

typedef struct {
    uint32_t doc, start, end;   /* the statement's span */
    const char *date, *end_date;    /* end_date "" when not a range */
    const char *text;           /* the statement, white space collapsed */
    const uint32_t *entities;
    uint32_t n_entities;
    uint32_t line;              /* 1-based line of `start` */
} dsr_event;

typedef struct {
    const char *path;           /* relative to the folder */
    const char *reason;         /* why it was skipped */
} dsr_skip;

typedef struct {
    uint32_t documents, entities, mentions, events, timexes, skipped, warnings;
    uint64_t bytes;
    double seconds;             /* time the last build or load took */
    int from_cache;             /* documents loaded from the cache, not re-read */
    uint32_t reindexed;         /* documents (re)read by the last build */
    int cache_written;          /* the last build or refresh saved the cache */
    const char *cache_note;     /* why the cache was not used or not saved, or "" */
    int unverified;             /* opened from the cache without looking at the folder
                                   (dsr_options.verify_later); a refresh verifies it */
} dsr_stats;

/* Index a folder.  Returns NULL and sets *err (free it with free) on a fatal
 * error (the folder cannot be opened); bad files are skipped with a reason,
 * and a bad config is a warning, so this only fails for the folder itself. */
dsr_index *dsr_index_open(const char *dir, const dsr_options *opt, char **err);
void dsr_index_free(dsr_index *ix);

/* Re-read what changed on disk since the index was built (mtime and size,
 * then content hash).  0, or -1 with *err set. */
int dsr_index_refresh(dsr_index *ix, char **err);

const char *dsr_index_root(const dsr_index *ix);
dsr_stats dsr_index_stats(const dsr_index *ix);

const dsr_document *dsr_index_documents(const dsr_index *ix, size_t *n);
const dsr_timex_rec *dsr_index_timexes(const dsr_index *ix, size_t *n);
const dsr_entity *dsr_index_entities(const dsr_index *ix, size_t *n);
/* Events of all documents, sorted by date (partial dates before full ones
 * of the same period: 2010-02 before 2010-02-09), then document and offset. */
const dsr_event *dsr_index_events(const dsr_index *ix, size_t *n);
const dsr_skip *dsr_index_skipped(const dsr_index *ix, size_t *n);
/* Warnings that did not stop indexing (a malformed config, ...). */
const char *const *dsr_index_warnings(const dsr_index *ix, size_t *n);

/* The export of shared/eval/FORMAT.md as a NUL-terminated JSON string
 * (malloc'd; free it).  NULL when memory ran out. */
char *dsr_index_export_json(const dsr_index *ix, int pretty);

/* Read a whole document of the index (malloc'd, NUL-terminated, *len set). */
char *dsr_index_read_doc(const dsr_index *ix, uint32_t doc, size_t *len, char **err);

/* ---- lookups (lookup.c) ------------------------------------------------ */

/* The entity whose name or alias covers byte column `col` of `line`
 * (longest match; case-, accent- and punctuation-insensitive; possessives).
 * Returns the entity number or -1; *start and *end get the matched columns. */
long dsr_lookup_at(const dsr_index *ix, const char *line, size_t len, size_t col,
                   size_t *start, size_t *end);
/* Exact name or alias (case/accent/punctuation-insensitive): entity or -1. */
long dsr_lookup_name(const dsr_index *ix, const char *name, size_t len);
/* Up to `max` entities whose name or an alias starts with `prefix`, best
 * first (mentions, recency).  out[i] = entity number; alias_out[i] (may be
 * NULL) = the matched form.  Returns how many. */
size_t dsr_complete(const dsr_index *ix, const char *prefix, size_t len,
                    size_t max, uint32_t *out, const char **form_out);

/* A mention placed in its document: line (1-based), byte column (0-based)
 * and the text of the whole line (without its line break). */
typedef struct {
    uint32_t doc, start, end;
    uint32_t line, col;
    const char *text;
} dsr_mention_loc;

/* Every mention of `entity`, in document order, with its line.  Reads the
 * documents (each once); mentions that no longer fit a document changed on
 * disk are left out.  One malloc'd block: free(result).  NULL with *err
 * set (free it) when the entity does not exist or memory ran out. */
dsr_mention_loc *dsr_entity_mentions_at(const dsr_index *ix, uint32_t entity, size_t *n, char **err);

/* Is the event's date within [from, to]?  Bounds are YYYY[-MM[-DD]] and
 * compare on their common length: from "2010-02" admits "2010-02-09".
 * NULL or "" is no bound. */
int dsr_event_in_range(const dsr_event *ev, const char *from, const char *to);
/* The events of `entity` (-1: all) within [from, to], in date order, as
 * event numbers (malloc'd, *n set; free it).  NULL when memory ran out. */
uint32_t *dsr_events_select(const dsr_index *ix, long entity, const char *from, const char *to,
                            size_t *n);

/* ---- fuzzy matching (fuzzy.c) -------------------------------------------- */

/* Score `s` against `query` as a picker would: every query byte must
 * appear in order; runs of consecutive bytes and bytes at word starts score
 * higher, gaps cost.  Smart case: a query without upper-case ASCII matches
 * either case.  Returns the score (higher is better) or DSR_FUZZY_NONE;
 * pos (may be NULL) gets the byte position of each query byte in the best
 * alignment.  Only the first 64 query bytes and the first 2048 bytes of s
 * take part (so pos needs at most 64 entries). */
#define DSR_FUZZY_NONE INT32_MIN
int32_t dsr_fuzzy_score(const char *query, size_t qlen, const char *s, size_t slen, uint32_t *pos);

typedef struct { uint32_t index; int32_t score; } dsr_fuzzy_hit;

/* The k best of n strings (ties: shorter, then earlier first) into out;
 * returns how many.  Large inputs are split across threads.  lens may be
 * NULL (then strings are NUL-terminated). */
size_t dsr_fuzzy_top(const char *query, size_t qlen, const char *const *s, const size_t *lens,
                     size_t n, size_t k, dsr_fuzzy_hit *out);

/* An event as one picker row, "2010-02-09   Wang met with Kim ...  (brief.md:12)":
 * the date (or "start..end") padded to 12 columns, a space, the text, two
 * spaces, "(path:line)".
 * The row text is built once with the index; *len may be NULL. */
const char *dsr_event_row(const dsr_index *ix, uint32_t event, size_t *len);
/* The k best events for `query` (hit.index = event number), among the
 * events of `entity` (-1: all) within [from, to] (NULL: unbounded). */
size_t dsr_fuzzy_events(const dsr_index *ix, const char *query, size_t qlen, long entity,
                        const char *from, const char *to, size_t k, dsr_fuzzy_hit *out);
/* The k best entities by name or alias (hit.index = entity number): each
 * is matched as "name alias alias..."; ties go to the more mentioned.  An
 * empty query matches none (the Lua binding's ix:fuzzy_entities("") lists
 * the most mentioned itself; a search job of it has no hits). */
size_t dsr_fuzzy_entities(const dsr_index *ix, const char *query, size_t qlen, size_t k,
                          dsr_fuzzy_hit *out);

/* ---- the cache (cache.c) -------------------------------------------------- */

/* The default cache folder, $XDG_CACHE_HOME/dossier or ~/.cache/dossier
 * (malloc'd), or NULL when neither is known.  dsr_options.cache_dir names
 * such a folder; each indexed folder gets one file in it, named by a hash
 * of the folder's real path. */
char *dsr_cache_default_dir(void);

/* ---- building off the editor's thread (job.c) ------------------------------ */

typedef struct dsr_job dsr_job;

typedef struct {
    int done;                   /* the job has finished (well or not) */
    int failed;                 /* ... and has no index to give: */
    char error[256];            /* why ("cancelled", ...), or "" */
    uint32_t files_done, files_total;
    uint64_t bytes_done, bytes_total;
} dsr_job_status;

/* Start indexing `dir` on a thread of its own (options are copied).  NULL
 * when memory or threads ran out. */
dsr_job *dsr_job_open(const char *dir, const dsr_options *opt);
/* Start building a refreshed copy of `ix` on a thread: only what changed
 * on disk is read again.  The job reads ix, so ix must be neither freed nor
 * refreshed until the job is done (reading it meanwhile is fine). */
dsr_job *dsr_job_refresh(const dsr_index *ix);
/* Where the job is; never blocks. */
dsr_job_status dsr_job_poll(dsr_job *j);
/* The index the job built, now the caller's (once; NULL after).  NULL with
 * *err set (free it) when the job failed, was cancelled or is not done. */
dsr_index *dsr_job_take(dsr_job *j, char **err);
/* Ask the job to stop; it stops between two files. */
void dsr_job_cancel(dsr_job *j);
/* Let go of a job.  A running job is cancelled and frees itself when its
 * thread ends, so this never waits -- and so a refresh or search job may
 * still read its index after this returns: before that index is freed or
 * refreshed, call dsr_job_cancel then dsr_job_wait (which returns after
 * the file or the thousand candidates being read), then dsr_job_free. */
void dsr_job_free(dsr_job *j);

/* Searching off the editor's thread: the k best of a fuzzy query, as
 * dsr_fuzzy_events or dsr_fuzzy_entities would give them (the same hits
 * in the same order).  dsr_job_poll says when it is done; a cancelled
 * search fails with "cancelled".  The job reads ix: ix must be neither
 * freed nor refreshed until the job is done (dsr_job_wait after
 * dsr_job_cancel returns within a fraction of a millisecond: the matcher
 * looks at the flag every thousand candidates). */
enum { DSR_SEARCH_EVENTS = 1, DSR_SEARCH_ENTITIES = 2 };
typedef struct {
    int what;                   /* DSR_SEARCH_EVENTS or DSR_SEARCH_ENTITIES */
    const char *query;          /* copied; an empty query finds no entity,
                                   and the first k events in date order */
    size_t qlen;
    long entity;                /* events: of this entity only; -1 all */
    const char *from, *to;      /* events: date bounds as dsr_event_in_range; NULL none */
    size_t k;                   /* how many of the best to keep */
} dsr_search;
dsr_job *dsr_job_search(const dsr_index *ix, const dsr_search *what);
/* The hits of a finished search, best first (hit.index = event or entity
 * number); they belong to the job.  NULL (*n = 0) while it runs, when it
 * failed, and for an indexing job. */
const dsr_fuzzy_hit *dsr_job_hits(dsr_job *j, size_t *n);
/* Block until the job's thread is done with its work. */
void dsr_job_wait(dsr_job *j);

/* dsr_index_free on a thread of its own (a large index takes a while). */
void dsr_index_free_later(dsr_index *ix);

#endif
