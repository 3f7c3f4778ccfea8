/*
 * index.c -- building an index: walk, extract per document, assemble.
 *
 * See index.h for the two layers.  Building reads each file once and
 * keeps only what the extractors found (the text is freed right away), so
 * memory grows with what was found, not with the size of the folder.
 */
#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "docread.h"
#include "index.h"

static const char *const default_ext[] = { "md", "markdown", "txt", NULL };

#define DEFAULT_MAX_SIZE (32u * 1024 * 1024)
#define MAX_RELATED 12
#define MAX_EVENT_ENTITIES 64

const char *dsr_date_source_name(dsr_date_source s)
{
    static const char *const n[] = { "none", "front-matter", "dateline", "filename", "config", "inferred" };
    return (unsigned)s < sizeof n / sizeof *n ? n[s] : "none";
}

const char *dsr_type_name(int type)
{
    static const char *const n[] = { "person", "organization", "place", "other" };
    return (unsigned)type < 4 ? n[type] : "other";
}

const char *dsr_timex_type_name(int type)
{
    static const char *const n[] = { "DATE", "TIME", "DURATION", "SET" };
    return (unsigned)type < 4 ? n[type] : "DATE";
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *format_err(const char *fmt, const char *a, const char *b)
{
    char buf[4200];
    snprintf(buf, sizeof buf, fmt, a, b);
    return strdup(buf);
}

/* ---- assembling the folder-wide tables --------------------------------- */

/* A mention with its entity, for linking events to the names inside them. */
typedef struct { uint32_t doc, start, end, ent; } ment_ref;

static int cmp_ment_ref(const void *a, const void *b)
{
    const ment_ref *x = a, *y = b;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    return (x->ent > y->ent) - (x->ent < y->ent);
}

static int cmp_event(const void *a, const void *b)
{
    const dsr_event *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    if (c) return c;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    return (x->start > y->start) - (x->start < y->start);
}

static void free_tables(dsr_index *ix)
{
    if (ix->lookup) dsr_lookup_free(ix->lookup);
    if (!ix->tables_borrowed) {
        free(ix->rows);
        free(ix->row_off);
    }
    ix->tables_borrowed = 0;
    ix->rows = NULL;
    ix->row_off = NULL;
    if (ix->ents) dsr_ents_free(ix->ents);
    dsr_arena_free(&ix->arena);
    ix->lookup = NULL;
    ix->ents = NULL;
    ix->documents = NULL;
    ix->timexes = NULL;
    ix->entities = NULL;
    ix->events = NULL;
    ix->skip_recs = NULL;
    ix->warnings = NULL;
    ix->ua = NULL;
    ix->n_ua = 0;
    ix->n_timexes = ix->n_entities = ix->n_events = ix->n_warnings = 0;
}

#define ALLOC(ix, T, n) ((T *)dsr_arena_alloc(&(ix)->arena, ((n) ? (n) : 1) * sizeof(T)))

/* A user alias keyed by its canonical name, for attaching the alias to the
 * entity it names even when no document uses it (hover on "Met Office"
 * in a draft must find the Icelandic Meteorological Office). */
typedef struct { char key[128]; const char *alias; } ua_key;

static int cmp_ua_key(const void *a, const void *b)
{
    return strcmp(((const ua_key *)a)->key, ((const ua_key *)b)->key);
}

static int keep_user_aliases(dsr_index *ix, const dsr_user_alias *ua, size_t n)
{
    size_t i;
    ix->ua = n ? ALLOC(ix, ua_key, n) : NULL;
    ix->n_ua = 0;
    if (n && !ix->ua) return -1;
    for (i = 0; i < n; i++) {
        ua_key *u = &((ua_key *)ix->ua)[ix->n_ua];
        if (!ua[i].alias || !ua[i].canonical) continue;
        if (!dsr_name_key(ua[i].canonical, strlen(ua[i].canonical), u->key, sizeof u->key)) continue;
        if (!(u->alias = dsr_arena_strdup(&ix->arena, ua[i].alias))) return -1;
        ix->n_ua++;
    }
    if (ix->n_ua) qsort(ix->ua, ix->n_ua, sizeof(ua_key), cmp_ua_key);
    return 0;
}

/* The aliases of entity record o: the extractor's, plus user aliases whose
 * canonical name is its name or one of its aliases, each form once. */
static int entity_aliases(dsr_index *ix, dsr_entity *o, const dsr_ent *s)
{
    const ua_key *uk = ix->ua;
    const char **v;
    size_t cap = s->n_aliases, n = 0, i, f, j;
    ua_key probe;
    o->aliases = (const char *const *)s->aliases;
    o->n_aliases = (uint32_t)s->n_aliases;
    if (!ix->n_ua) return 0;
    for (f = 0; f <= s->n_aliases; f++) {       /* name, then each alias */
        const char *form = f == 0 ? s->name : s->aliases[f - 1];
        const ua_key *hit;
        if (!dsr_name_key(form, strlen(form), probe.key, sizeof probe.key)) continue;
        hit = bsearch(&probe, uk, ix->n_ua, sizeof *uk, cmp_ua_key);
        if (!hit) continue;
        while (hit > uk && strcmp(hit[-1].key, probe.key) == 0) hit--;
        for (; hit < uk + ix->n_ua && strcmp(hit->key, probe.key) == 0; hit++) {
            int dup = strcmp(hit->alias, s->name) == 0;
            if (n == 0) {
                if (!(v = dsr_arena_alloc(&ix->arena, (cap + ix->n_ua) * sizeof *v))) return -1;
                for (i = 0; i < s->n_aliases; i++) v[i] = s->aliases[i];
                n = s->n_aliases;
                o->aliases = v;
            }
            v = (const char **)o->aliases;
            for (j = 0; j < n && !dup; j++) dup = strcmp(v[j], hit->alias) == 0;
            if (!dup) v[n++] = hit->alias;
        }
    }
    if (n) o->n_aliases = (uint32_t)n;
    return 0;
}

static int build_entities(dsr_index *ix)
{
    DSR_VEC(dsr_user_alias) ua = {0};
    const dsr_docents **de;
    size_t i, k;
    int r = -1;
    if (!(de = malloc((ix->docs.n ? ix->docs.n : 1) * sizeof *de))) return -1;
    for (i = 0; i < ix->cfg.n_aliases; i++)
        if (dsr_vec_push(&ua, ix->cfg.aliases[i])) goto out;
    for (i = 0; i < ix->docs.n; i++) {
        const dsr_doc *d = &ix->docs.v[i];
        de[i] = &d->de;
        for (k = 0; k < d->aliases.n; k++) {
            dsr_user_alias a;
            a.alias = d->pool.v + d->aliases.v[k].alias;
            a.canonical = d->pool.v + d->aliases.v[k].canonical;
            if (dsr_vec_push(&ua, a)) goto out;
        }
    }
    r = dsr_ents_build(de, ix->docs.n, ua.v, ua.n, &ix->ents);
    if (r == 0) r = keep_user_aliases(ix, ua.v, ua.n);
out:
    free(de);
    dsr_vec_free(&ua);
    return r;
}

static int build_documents(dsr_index *ix)
{
    size_t i, k, t = 0;
    for (i = 0; i < ix->docs.n; i++) ix->n_timexes += ix->docs.v[i].tx.n;
    ix->documents = ALLOC(ix, dsr_document, ix->docs.n);
    ix->timexes = ALLOC(ix, dsr_timex_rec, ix->n_timexes);
    if (!ix->documents || !ix->timexes) return -1;
    for (i = 0; i < ix->docs.n; i++) {
        const dsr_doc *d = &ix->docs.v[i];
        dsr_document *o = &ix->documents[i];
        o->path = d->rel;
        o->title = d->pool.v ? d->pool.v + d->title : "";
        memcpy(o->date, d->date, sizeof o->date);
        o->date_source = (dsr_date_source)d->date_source;
        o->size = d->size;
        o->mtime = d->mtime;
        o->first_timex = (uint32_t)t;
        o->n_timexes = (uint32_t)d->tx.n;
        o->n_events = 0;                /* counted by build_events */
        for (k = 0; k < d->tx.n; k++, t++) {
            const dsr_timex *x = &d->tx.v[k];
            dsr_timex_rec *r = &ix->timexes[t];
            r->doc = (uint32_t)i;
            r->start = x->start;
            r->end = x->end;
            r->type = x->type;
            r->value = x->value;
            r->mod = x->mod;
            r->end_value = x->end_value;
        }
    }
    return 0;
}

static int build_entity_records(dsr_index *ix)
{
    size_t i, k;
    ix->n_entities = dsr_ents_count(ix->ents);
    if (!(ix->entities = ALLOC(ix, dsr_entity, ix->n_entities))) return -1;
    memset(ix->entities, 0, (ix->n_entities ? ix->n_entities : 1) * sizeof *ix->entities);
    for (i = 0; i < ix->n_entities; i++) {
        const dsr_ent *s = dsr_ents_get(ix->ents, i);
        dsr_entity *o = &ix->entities[i];
        dsr_mention *m = ALLOC(ix, dsr_mention, s->n_ments);
        uint32_t ndocs = 0, last = UINT32_MAX;
        if (!m) return -1;
        for (k = 0; k < s->n_ments; k++) {
            m[k].doc = s->ments[k].doc;
            m[k].start = s->ments[k].start;
            m[k].end = s->ments[k].end;
            m[k].nominal = s->ments[k].nominal;
            o->n_names += !m[k].nominal;
            if (m[k].doc != last) ndocs++;
            last = m[k].doc;
        }
        o->name = s->name;
        o->type = s->type;
        if (entity_aliases(ix, o, s)) return -1;
        o->description = s->desc;
        o->desc_doc = s->desc_doc;
        o->desc_start = s->desc_start;
        o->desc_end = s->desc_end;
        o->mentions = m;
        o->n_mentions = (uint32_t)s->n_ments;
        o->n_documents = ndocs;
        o->first_date = o->last_date = "";
    }
    return 0;
}

/* Every mention with its entity, by (doc, start).  A counting pass puts
 * them in document order first (stable: entity order within a document),
 * then each document's few are sorted: one sort of every mention of the
 * folder cost n log n comparisons over a quarter million of them. */
static ment_ref *mention_refs(const dsr_index *ix, size_t *n)
{
    size_t i, k, d, total = 0, ndoc = 0;
    size_t *at;
    ment_ref *v;
    for (i = 0; i < ix->n_entities; i++) {
        total += ix->entities[i].n_mentions;
        for (k = 0; k < ix->entities[i].n_mentions; k++)
            if (ix->entities[i].mentions[k].doc >= ndoc) ndoc = (size_t)ix->entities[i].mentions[k].doc + 1;
    }
    if (!(v = malloc((total ? total : 1) * sizeof *v))) return NULL;
    if (!(at = calloc(ndoc + 1, sizeof *at))) {
        free(v);
        return NULL;
    }
    for (i = 0; i < ix->n_entities; i++)
        for (k = 0; k < ix->entities[i].n_mentions; k++) at[ix->entities[i].mentions[k].doc + 1]++;
    for (d = 1; d <= ndoc; d++) at[d] += at[d - 1];
    for (i = 0; i < ix->n_entities; i++)
        for (k = 0; k < ix->entities[i].n_mentions; k++) {
            const dsr_mention *m = &ix->entities[i].mentions[k];
            ment_ref *r = &v[at[m->doc]++];
            r->doc = m->doc;
            r->start = m->start;
            r->end = m->end;
            r->ent = (uint32_t)i;
        }
    /* at[d] is now the end of document d's run, the start of d + 1's */
    for (d = 0, k = 0; d < ndoc; k = at[d++])
        if (at[d] - k > 1) qsort(v + k, at[d] - k, sizeof *v, cmp_ment_ref);
    free(at);
    *n = total;
    return v;
}

#define EVENT_SCAN_MAX 4096     /* bytes of a statement searched for its entities */

/* The first ref of doc at or after start (refs are by (doc, start)). */
static size_t first_ref(const ment_ref *refs, size_t nrefs, uint32_t doc, uint32_t start)
{
    size_t lo = 0, hi = nrefs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (refs[mid].doc < doc || (refs[mid].doc == doc && refs[mid].start < start))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Add ent to ids[0, *n) unless it is there. */
static void add_id(uint32_t *ids, uint32_t *n, uint32_t ent)
{
    uint32_t j;
    for (j = 0; j < *n; j++)
        if (ids[j] == ent) return;
    if (*n < MAX_EVENT_ENTITIES) ids[(*n)++] = ent;
}

/* The entities mentioned inside the event's statement, each once, then
 * those its referring words point back to ("Pascoe arrived. He met ..."
 * links Pascoe): the document found their mentions (refs.c). */
static int link_event(dsr_index *ix, dsr_event *ev, const dsr_evinfo *info, const ment_ref *refs, size_t nrefs)
{
    uint32_t ids[MAX_EVENT_ENTITIES], *out, stop, n = 0, a;
    size_t lo = first_ref(refs, nrefs, ev->doc, ev->start);
    /* A statement's entities are in its first few KB; a 10 MB "sentence"
     * with 100,000 dates would otherwise make linking quadratic. */
    stop = ev->end - ev->start > EVENT_SCAN_MAX ? ev->start + EVENT_SCAN_MAX : ev->end;
    for (; lo < nrefs && refs[lo].doc == ev->doc && refs[lo].start < stop; lo++) add_id(ids, &n, refs[lo].ent);
    for (a = 0; a < info->n_ante && a < DSR_EV_ANTE; a++) {
        size_t j = first_ref(refs, nrefs, ev->doc, info->ante[a].start);
        for (; j < nrefs && refs[j].doc == ev->doc && refs[j].start == info->ante[a].start; j++)
            if (refs[j].end == info->ante[a].end) add_id(ids, &n, refs[j].ent);
    }
    ev->n_entities = n;
    if (!(out = ALLOC(ix, uint32_t, n))) return -1;
    memcpy(out, ids, n * sizeof *ids);
    ev->entities = out;
    return 0;
}

static int build_events(dsr_index *ix)
{
    size_t i, k, n = 0, nrefs = 0;
    ment_ref *refs;
    for (i = 0; i < ix->docs.n; i++) n += ix->docs.v[i].ev.n;
    if (!(ix->events = ALLOC(ix, dsr_event, n))) return -1;
    if (!(refs = mention_refs(ix, &nrefs))) return -1;
    for (i = 0; i < ix->docs.n; i++) {
        const dsr_doc *d = &ix->docs.v[i];
        for (k = 0; k < d->ev.n; k++) {
            dsr_event *ev;
            /* Two expressions of one date in one statement ("April 19,
             * 2010 ... on Monday") make one timeline row, not two. */
            if (k > 0 && d->ev.v[k].start == d->ev.v[k - 1].start &&
                d->ev.v[k].end == d->ev.v[k - 1].end &&
                strcmp(d->ev.v[k].date, d->ev.v[k - 1].date) == 0 &&
                strcmp(d->ev.v[k].end_date, d->ev.v[k - 1].end_date) == 0)
                continue;
            ev = &ix->events[ix->n_events++];
            ix->documents[i].n_events++;
            ev->doc = (uint32_t)i;
            ev->start = d->ev.v[k].start;
            ev->end = d->ev.v[k].end;
            ev->date = d->ev.v[k].date;
            ev->end_date = d->ev.v[k].end_date;
            ev->text = d->pool.v + d->evi.v[k].text;
            ev->line = d->evi.v[k].line;
            if (link_event(ix, ev, &d->evi.v[k], refs, nrefs)) {
                free(refs);
                return -1;
            }
        }
    }
    free(refs);
    qsort(ix->events, ix->n_events, sizeof *ix->events, cmp_event);
    return 0;
}

/* Per entity: its events in date order, first/last date, and the entities
 * it shares most events with. */
static int build_entity_events(dsr_index *ix)
{
    size_t i, k, j;
    uint32_t *fill, *cnt, *touched;
    int r = -1;
    for (i = 0; i < ix->n_events; i++)
        for (k = 0; k < ix->events[i].n_entities; k++)
            ix->entities[ix->events[i].entities[k]].n_events++;
    for (i = 0; i < ix->n_entities; i++) {
        dsr_entity *e = &ix->entities[i];
        if (!(e->events = ALLOC(ix, uint32_t, e->n_events))) return -1;
        e->n_events = 0;
    }
    for (i = 0; i < ix->n_events; i++)
        for (k = 0; k < ix->events[i].n_entities; k++) {
            dsr_entity *e = &ix->entities[ix->events[i].entities[k]];
            ((uint32_t *)e->events)[e->n_events++] = (uint32_t)i;
        }
    fill = calloc(ix->n_entities + 1, sizeof *fill);
    cnt = calloc(ix->n_entities + 1, sizeof *cnt);
    touched = malloc((ix->n_entities + 1) * sizeof *touched);
    if (!fill || !cnt || !touched) goto out;
    for (i = 0; i < ix->n_entities; i++) {
        dsr_entity *e = &ix->entities[i];
        size_t nt = 0;
        uint32_t best[MAX_RELATED], *rel;
        size_t nb = 0;
        if (e->n_events) {
            e->first_date = ix->events[e->events[0]].date;
            e->last_date = ix->events[e->events[e->n_events - 1]].date;
        }
        for (k = 0; k < e->n_events; k++) {
            const dsr_event *ev = &ix->events[e->events[k]];
            for (j = 0; j < ev->n_entities; j++) {
                uint32_t o = ev->entities[j];
                if (o == i) continue;
                if (!cnt[o]++) touched[nt++] = o;
            }
        }
        /* Keep the MAX_RELATED most shared, by insertion into a short list. */
        for (k = 0; k < nt; k++) {
            uint32_t o = touched[k];
            size_t pos = nb;
            while (pos > 0 && (cnt[best[pos - 1]] < cnt[o] ||
                               (cnt[best[pos - 1]] == cnt[o] && best[pos - 1] > o)))
                pos--;
            if (pos < MAX_RELATED) {
                if (nb < MAX_RELATED) nb++;
                memmove(best + pos + 1, best + pos, (nb - 1 - pos) * sizeof *best);
                best[pos] = o;
            }
        }
        for (k = 0; k < nt; k++) cnt[touched[k]] = 0;
        if (!(rel = ALLOC(ix, uint32_t, nb))) goto out;
        memcpy(rel, best, nb * sizeof *best);
        e->related = rel;
        e->n_related = (uint32_t)nb;
    }
    r = 0;
out:
    free(fill);
    free(cnt);
    free(touched);
    return r;
}

static int build_skips(dsr_index *ix)
{
    size_t i;
    if (!(ix->skip_recs = ALLOC(ix, dsr_skip, ix->skips.n))) return -1;
    for (i = 0; i < ix->skips.n; i++) {
        ix->skip_recs[i].path = ix->skips.v[i].rel;
        ix->skip_recs[i].reason = ix->skips.v[i].reason;
    }
    ix->n_warnings = ix->cfg.n_warnings;
    if (!(ix->warnings = ALLOC(ix, const char *, ix->n_warnings))) return -1;
    for (i = 0; i < ix->n_warnings; i++) ix->warnings[i] = ix->cfg.warnings[i];
    return 0;
}

/* After a failed assemble the tables are half built: documents[] may be
 * NULL while docs.n says otherwise, and the accessors and the export would
 * read through it.  Memory ran out: leave the index empty, and safe. */
static void drop_all(dsr_index *ix)
{
    size_t i;
    free_tables(ix);
    for (i = 0; i < ix->docs.n; i++) dsr_doc_free(&ix->docs.v[i]);
    dsr_vec_free(&ix->docs);
    dsr_walk_free(NULL, &ix->skips);
    ix->stats.documents = ix->stats.entities = ix->stats.events = ix->stats.timexes = 0;
    ix->stats.skipped = ix->stats.warnings = ix->stats.mentions = 0;
    ix->stats.bytes = 0;
}

static void set_stats(dsr_index *ix)
{
    size_t i;
    ix->stats.documents = (uint32_t)ix->docs.n;
    ix->stats.entities = (uint32_t)ix->n_entities;
    ix->stats.events = (uint32_t)ix->n_events;
    ix->stats.timexes = (uint32_t)ix->n_timexes;
    ix->stats.skipped = (uint32_t)ix->skips.n;
    ix->stats.warnings = (uint32_t)ix->n_warnings;
    ix->stats.mentions = 0;
    ix->stats.bytes = 0;
    for (i = 0; i < ix->n_entities; i++) ix->stats.mentions += ix->entities[i].n_mentions;
    for (i = 0; i < ix->docs.n; i++) ix->stats.bytes += ix->docs.v[i].size;
}

int dsr_index_assemble(dsr_index *ix)
{
    free_tables(ix);
    if (build_entities(ix) || build_documents(ix) || build_entity_records(ix) ||
        build_events(ix) || build_entity_events(ix) || build_skips(ix) || dsr_lookup_build(ix) ||
        dsr_rows_build(ix)) {
        drop_all(ix);
        return -1;
    }
    set_stats(ix);
    return 0;
}

/* Tables made aside (by the thread that loads the cache) become ix's. */
static void move_tables(dsr_index *ix, dsr_index *from)
{
    free_tables(ix);
    ix->arena = from->arena;
    ix->documents = from->documents;
    ix->timexes = from->timexes;
    ix->n_timexes = from->n_timexes;
    ix->entities = from->entities;
    ix->n_entities = from->n_entities;
    ix->events = from->events;
    ix->n_events = from->n_events;
    ix->lookup = from->lookup;
    ix->rows = from->rows;
    ix->row_off = from->row_off;
    ix->tables_borrowed = from->tables_borrowed;
    memset(&from->arena, 0, sizeof from->arena);
    from->lookup = NULL;
    from->rows = NULL;
    from->row_off = NULL;
    free_tables(from);
}

/* The tables of the cache image, for the records just loaded (`loaded`,
 * as dsr_cache_load left them in ix): made in `stage`, a bare index that
 * borrows the records, because they are made while the folder is being
 * walked and are only taken when the walk finds nothing changed.  The
 * documents and timexes are made as an assembly makes them (a linear
 * pass); the rest comes from the image.  0 when the tables are ready. */
int dsr_tables_stage(const dsr_index *ix, const dsr_docs *loaded, dsr_index *stage)
{
    memset(stage, 0, sizeof *stage);
    if (!ix->tables_at) return -1;
    stage->docs = *loaded;
    stage->blob = ix->blob;
    stage->blob_len = ix->blob_len;
    stage->tables_at = ix->tables_at;
    if (build_documents(stage) || dsr_snap_load(stage)) {
        free_tables(stage);
        return -1;
    }
    return 0;
}

void dsr_tables_unstage(dsr_index *stage)
{
    free_tables(stage);
}

/* Take the staged tables; ix->docs are the loaded records, in the same
 * order, with the mtimes the walk saw. */
static int adopt_tables(dsr_index *ix, dsr_index *stage)
{
    size_t i;
    move_tables(ix, stage);
    for (i = 0; i < ix->docs.n; i++) ix->documents[i].mtime = ix->docs.v[i].mtime;
    if (build_skips(ix)) {
        free_tables(ix);
        return -1;
    }
    set_stats(ix);
    return 0;
}

/* ---- opening and refreshing ------------------------------------------ */

/* The extensions in force: the caller's, else the config's, else the
 * defaults. */
static int set_extensions(dsr_index *ix)
{
    const char *const *src = (const char *const *)ix->user_ext;
    size_t n = 0, i;
    for (i = 0; ix->ext && ix->ext[i]; i++) free(ix->ext[i]);
    free(ix->ext);
    ix->ext = NULL;
    if (!src && ix->cfg.n_ext) src = (const char *const *)ix->cfg.ext, n = ix->cfg.n_ext;
    else {
        if (!src) src = default_ext;
        while (src[n]) n++;
    }
    if (!(ix->ext = calloc(n + 1, sizeof *ix->ext))) return -1;
    for (i = 0; i < n; i++)
        if (!(ix->ext[i] = strdup(src[i][0] == '.' ? src[i] + 1 : src[i]))) return -1;
    return 0;
}

static char **copy_strv(const char *const *v)
{
    size_t n = 0, i;
    char **o;
    while (v[n]) n++;
    if (!(o = calloc(n + 1, sizeof *o))) return NULL;
    for (i = 0; i < n; i++)
        if (!(o[i] = strdup(v[i]))) {
            while (i--) free(o[i]);
            free(o);
            return NULL;
        }
    return o;
}

static void free_strv(char **v)
{
    size_t i;
    for (i = 0; v && v[i]; i++) free(v[i]);
    free(v);
}

/* Load the config and everything that follows from it and the options:
 * extensions, size limit, the fingerprint of what extraction depends on. */
static int configure(dsr_index *ix)
{
    if (dsr_config_load(ix->root, &ix->cfg)) return -1;
    if (set_extensions(ix)) return -1;
    ix->max_size = ix->opt.max_file_size ? ix->opt.max_file_size
                 : ix->cfg.max_file_size ? ix->cfg.max_file_size : DEFAULT_MAX_SIZE;
    ix->fingerprint = dsr_cache_fingerprint(ix);
    return 0;
}

static int add_skip(dsr_skips *skips, const char *rel, const char *reason)
{
    dsr_skipped s;
    if (!(s.rel = strdup(rel))) return -1;
    s.reason = reason;
    if (dsr_vec_push(skips, s)) {
        free(s.rel);
        return -1;
    }
    return 0;
}

static int cmp_file_rel(const void *a, const void *b)
{
    return strcmp(((const dsr_file *)a)->rel, ((const dsr_file *)b)->rel);
}

/* The walk gives a folder's entries in name order, which is path order
 * but where a subfolder's paths meet its siblings' ("a/b" after "a.md"):
 * usually there is nothing to sort, and finding that out is one pass. */
static int files_sorted(const dsr_files *files)
{
    size_t i;
    for (i = 1; i < files->n; i++)
        if (strcmp(files->v[i - 1].rel, files->v[i].rel) > 0) return 0;
    return 1;
}

static int cmp_doc_rel(const void *a, const void *b)
{
    return strcmp(((const dsr_doc *)a)->rel, ((const dsr_doc *)b)->rel);
}

static void progress_file(dsr_progress *pg, uint64_t bytes)
{
    if (!pg) return;
    __atomic_add_fetch(&pg->files_done, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&pg->bytes_done, bytes, __ATOMIC_RELAXED);
}

static int cancelled(dsr_progress *pg)
{
    return pg && __atomic_load_n(&pg->cancel, __ATOMIC_RELAXED);
}

enum { SYNC_OK = 0, SYNC_OOM = -1, SYNC_CANCELLED = -2 };

/* What came of reading a file. */
enum { READ_PENDING = -2, READ_OOM = -1, READ_NEW = 0, READ_SAME = 1, READ_SKIP = 2, READ_KEPT = 3 };

/* Read one file that is new or changed.  When `was` (its old record) has
 * the same bytes, it is kept (moved when own_was) with the new mtime
 * instead of being extracted again: READ_SAME.  READ_SKIP sets *skip to
 * why.  Reads nothing of ix but its settings, so files can be read on
 * several threads at once. */
static int read_one(const dsr_index *ix, const dsr_file *f, dsr_doc *was, int own_was,
                    dsr_doc *out, const char **skip)
{
    char path[4096];
    size_t len = 0;
    char *s;
    int r;
    memset(out, 0, sizeof *out);
    if ((size_t)snprintf(path, sizeof path, "%s/%s", ix->root, f->rel) >= sizeof path) {
        *skip = "path too long";
        return READ_SKIP;
    }
    if (!(s = dsr_doc_load(path, ix->max_size, &len, skip))) return READ_SKIP;
    if (was && was->size == len && was->hash == dsr_hash_bytes(s, len)) {
        free(s);                        /* touched, not changed */
        if (own_was) {
            *out = *was;
            memset(was, 0, sizeof *was);
        } else if (dsr_doc_copy(out, was)) {
            return READ_OOM;
        }
        out->mtime = f->mtime;
        out->mtime_ns = f->mtime_ns;
        return READ_SAME;
    }
    r = dsr_doc_index_text(f->rel, s, len, &ix->cfg, out);
    free(s);
    if (r) {
        dsr_doc_free(out);
        return READ_OOM;
    }
    out->mtime = f->mtime;
    out->mtime_ns = f->mtime_ns;
    return READ_NEW;
}

/* A file of the walk and what became of it; the files to read are shared
 * out to threads through `next`, and put in order afterwards. */
typedef struct {
    const dsr_file *f;
    dsr_doc *was;               /* its old record, or NULL */
    dsr_doc out;
    const char *skip;
    int r;                      /* READ_* */
} read_item;

typedef struct {
    const dsr_index *ix;
    read_item *items;
    size_t n, next;             /* next: taken with an atomic add */
    int own, failed;
    dsr_progress *pg;
} read_pool;

static void *read_worker(void *arg)
{
    read_pool *p = arg;
    for (;;) {
        size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
        read_item *it;
        if (i >= p->n || __atomic_load_n(&p->failed, __ATOMIC_RELAXED) || cancelled(p->pg)) break;
        it = &p->items[i];
        if (it->r != READ_PENDING) continue;
        it->r = read_one(p->ix, it->f, it->was, p->own, &it->out, &it->skip);
        if (it->r == READ_OOM) __atomic_store_n(&p->failed, 1, __ATOMIC_RELAXED);
        progress_file(p->pg, it->f->size);
    }
    return NULL;
}

#define MAX_READERS 16

/* Threads to extract with: dsr_options.threads, else one per processor. */
static size_t readers(const dsr_index *ix, size_t pending)
{
    long n = ix->opt.threads > 0 ? ix->opt.threads : sysconf(_SC_NPROCESSORS_ONLN);
    size_t k = n < 1 ? 1 : n > MAX_READERS ? MAX_READERS : (size_t)n;
    size_t most = pending / 32 + 1;    /* a thread per 32 files: small folders stay on one */
    return k < most ? k : most;
}

/* Make ix->docs match `files`.  `old` holds the records known so far,
 * sorted by rel (from the cache, or the index before a refresh); they are
 * taken over when `own` (and the rest freed), else copied.  A record is
 * reused when the file's size and mtime are unchanged, or its bytes hash
 * the same; everything else is read and extracted, on as many threads as
 * there are processors (each record depends only on its file's bytes and
 * the config, so the result does not depend on the threads).  *reused
 * counts the records taken from `old`. */
static int sync_docs(dsr_index *ix, dsr_docs *old, int own, dsr_files *files, dsr_skips *skips,
                     dsr_progress *pg, uint32_t *reused)
{
    dsr_docs docs = {0};
    read_item *items = NULL;
    read_pool pool;
    pthread_t th[MAX_READERS];
    int started[MAX_READERS];
    size_t i, k = 0, pending = 0, nt, t;
    uint64_t total = 0;
    int r = SYNC_OK;
    *reused = 0;
    if (!files_sorted(files)) qsort(files->v, files->n, sizeof *files->v, cmp_file_rel);
    for (i = 0; i < files->n; i++) total += files->v[i].size;
    if (pg) {
        __atomic_store_n(&pg->files_total, (uint32_t)files->n, __ATOMIC_RELAXED);
        __atomic_store_n(&pg->bytes_total, total, __ATOMIC_RELAXED);
    }
    if (dsr_vec_reserve(&docs, files->n) || !(items = calloc(files->n + 1, sizeof *items))) {
        r = SYNC_OOM;
        goto out;
    }
    /* Unchanged files keep their records here; the rest wait for a reader. */
    for (i = 0; i < files->n; i++) {
        read_item *it = &items[i];
        int c = 1;
        it->f = &files->v[i];
        while (k < old->n && (c = strcmp(old->v[k].rel, it->f->rel)) < 0) k++;
        if (c == 0) it->was = &old->v[k++];
        if (it->was && it->was->size == it->f->size && it->was->mtime == it->f->mtime &&
            it->was->mtime_ns == it->f->mtime_ns) {
            if (own) {
                it->out = *it->was;
                memset(it->was, 0, sizeof *it->was);
            } else if (dsr_doc_copy(&it->out, it->was)) {
                r = SYNC_OOM;
                goto out;
            }
            it->r = READ_KEPT;
            progress_file(pg, it->f->size);
        } else {
            it->r = READ_PENDING;
            pending++;
        }
    }
    memset(&pool, 0, sizeof pool);
    pool.ix = ix;
    pool.items = items;
    pool.n = files->n;
    pool.own = own;
    pool.pg = pg;
    nt = pending ? readers(ix, pending) : 0;
    for (t = 1; t < nt; t++) started[t] = pthread_create(&th[t], NULL, read_worker, &pool) == 0;
    if (nt) read_worker(&pool);
    for (t = 1; t < nt; t++)
        if (started[t]) pthread_join(th[t], NULL);
    if (pool.failed) {
        r = SYNC_OOM;
        goto out;
    }
    /* In file order: records, skips, counts. */
    for (i = 0; i < files->n; i++) {
        read_item *it = &items[i];
        if (it->r == READ_PENDING) {
            r = SYNC_CANCELLED;
            goto out;
        }
        if (it->r == READ_SKIP) {
            if (add_skip(skips, it->f->rel, it->skip)) {
                r = SYNC_OOM;
                goto out;
            }
            continue;
        }
        if (it->r == READ_NEW) ix->stats.reindexed++;
        else (*reused)++;
        docs.v[docs.n++] = it->out;
        memset(&it->out, 0, sizeof it->out);
    }
out:
    for (i = 0; items && i < files->n; i++) dsr_doc_free(&items[i].out);
    free(items);
    if (own) {
        for (i = 0; i < old->n; i++) dsr_doc_free(&old->v[i]);
        dsr_vec_free(old);
    }
    if (r != SYNC_OK) {
        for (i = 0; i < docs.n; i++) dsr_doc_free(&docs.v[i]);
        dsr_vec_free(&docs);
        return r;
    }
    ix->docs = docs;
    return SYNC_OK;
}

static char *sync_error(int r)
{
    return strdup(r == SYNC_CANCELLED ? "cancelled" : "out of memory");
}

typedef struct {
    dsr_index *ix;
    dsr_docs *out;
    int r;
    int staged;                 /* stage holds the image's tables */
    dsr_index stage;
} cache_job;

static void *load_main(void *arg)
{
    cache_job *c = arg;
    c->r = dsr_cache_load(c->ix, c->out);
    c->staged = c->r == 0 && dsr_tables_stage(c->ix, c->out, &c->stage) == 0;
    return NULL;
}

/* dsr_options.verify_later: the records and tables of the cache file, and
 * no walk.  0 when the index is ready; -1, with nothing kept, when the
 * file cannot give both (the open then goes the usual way). */
static int open_unverified(dsr_index *ix, dsr_docs *old, double t0)
{
    dsr_index stage;
    if (dsr_cache_load(ix, old) || !ix->blob || dsr_tables_stage(ix, old, &stage)) goto no;
    ix->docs = *old;
    memset(old, 0, sizeof *old);
    if (adopt_tables(ix, &stage)) {
        *old = ix->docs;
        memset(&ix->docs, 0, sizeof ix->docs);
        goto no;
    }
    ix->stats.from_cache = (int)ix->docs.n;
    ix->stats.unverified = 1;
    ix->stats.seconds = now_seconds() - t0;
    return 0;
no:
    dsr_vec_free(old);                  /* the records borrow from the image */
    dsr_cache_unmap(ix);
    return -1;
}

/* Walk, bring docs[] up to date from `old`, assemble, save the cache when
 * anything differs from it.  0 or -1 with *err set.
 * from_cache_file: `old` is empty and is to be read from the cache file,
 * which happens on a second thread while this one walks the folder (the
 * two took about the same time; the loader writes only *old and
 * stats.cache_note, the walk only reads the index). */
static int build(dsr_index *ix, dsr_docs *old, int own, int from_cache_file, dsr_progress *pg,
                 double t0, char **err)
{
    dsr_files files = {0};
    dsr_skips skips = {0};
    uint32_t reused = 0;
    size_t n_old;
    int r, walked, same, attached;
    cache_job cj;
    pthread_t th;
    int threaded = 0;
    ix->stats.reindexed = 0;
    ix->stats.cache_written = 0;
    ix->stats.unverified = 0;
    if (from_cache_file && ix->opt.verify_later && open_unverified(ix, old, t0) == 0) return 0;
    memset(&cj, 0, sizeof cj);
    cj.ix = ix;
    cj.out = old;
    if (from_cache_file) threaded = pthread_create(&th, NULL, load_main, &cj) == 0;
    walked = dsr_walk(ix->root, &ix->cfg, (const char *const *)ix->ext, ix->max_size, &files, &skips);
    if (from_cache_file) {
        if (threaded) pthread_join(th, NULL);
        else load_main(&cj);
        if (cj.r) errno = ENOMEM, walked = -1;
    }
    n_old = old->n;
    if (walked) {
        int e = errno;
        if (cj.staged) dsr_tables_unstage(&cj.stage);
        dsr_walk_free(&files, &skips);
        if (own) {
            size_t i;
            for (i = 0; i < old->n; i++) dsr_doc_free(&old->v[i]);
            dsr_vec_free(old);
        }
        *err = e == ENOMEM ? strdup("out of memory") : format_err("cannot index %s: %s", ix->root, strerror(e));
        return -1;
    }
    r = sync_docs(ix, old, own, &files, &skips, pg, &reused);
    dsr_walk_free(&files, NULL);
    if (r != SYNC_OK) {
        if (cj.staged) dsr_tables_unstage(&cj.stage);
        dsr_walk_free(NULL, &skips);
        *err = sync_error(r);
        return -1;
    }
    dsr_walk_free(NULL, &ix->skips);
    ix->skips = skips;
    /* Nothing changed since the cache was written: its tables hold. */
    same = from_cache_file && !ix->stats.reindexed && reused == n_old && ix->docs.n == n_old;
    attached = same && cj.staged && adopt_tables(ix, &cj.stage) == 0;
    if (cj.staged && !attached) dsr_tables_unstage(&cj.stage);
    if (same && !attached) ix->stats.cache_note = "cache file without usable tables";
    if (!attached && dsr_index_assemble(ix)) {
        *err = strdup("out of memory");
        return -1;
    }
    ix->stats.from_cache = from_cache_file ? (int)reused : 0;
    /* Save when the file differs from what the index holds. */
    if (ix->cache_dir && (!same || !attached)) dsr_cache_save(ix);
    ix->stats.seconds = now_seconds() - t0;
    return 0;
}

static dsr_index *new_index(const char *dir, const dsr_options *opt)
{
    dsr_index *ix = calloc(1, sizeof *ix);
    size_t n;
    if (!ix || !(ix->root = strdup(dir))) {
        free(ix);
        return NULL;
    }
    n = strlen(ix->root);
    while (n > 1 && ix->root[n - 1] == '/') ix->root[--n] = '\0';
    if (opt) ix->opt = *opt;
    ix->opt.extensions = NULL;          /* copied into user_ext */
    ix->opt.cache_dir = NULL;           /* copied into cache_dir */
    if (opt && opt->extensions && !(ix->user_ext = copy_strv(opt->extensions))) {
        dsr_index_free(ix);
        return NULL;
    }
    ix->real_root = realpath(ix->root, NULL);
    ix->stats.cache_note = "";
    if (opt && opt->cache_dir && *opt->cache_dir && !(ix->cache_dir = strdup(opt->cache_dir))) {
        dsr_index_free(ix);
        return NULL;
    }
    return ix;
}

dsr_index *dsr_index_open_pg(const char *dir, const dsr_options *opt, dsr_progress *pg, char **err)
{
    dsr_index *ix;
    dsr_docs cached = {0};
    double t0 = now_seconds();
    struct stat st;
    *err = NULL;
    if (!dir || !*dir) {
        *err = strdup("no folder given");
        return NULL;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        *err = format_err("cannot index %s: %s", dir, stat(dir, &st) != 0 ? strerror(errno) : "not a folder");
        return NULL;
    }
    if (!(ix = new_index(dir, opt))) goto oom;
    if (configure(ix)) goto oom;
    if (build(ix, &cached, 1, ix->cache_dir != NULL, pg, t0, err)) {
        dsr_index_free(ix);
        return NULL;
    }
    return ix;
oom:
    dsr_index_free(ix);
    *err = strdup("out of memory");
    return NULL;
}

dsr_index *dsr_index_open(const char *dir, const dsr_options *opt, char **err)
{
    return dsr_index_open_pg(dir, opt, NULL, err);
}

void dsr_index_free(dsr_index *ix)
{
    size_t i;
    if (!ix) return;
    free_tables(ix);
    for (i = 0; i < ix->docs.n; i++) dsr_doc_free(&ix->docs.v[i]);
    dsr_vec_free(&ix->docs);
    dsr_walk_free(NULL, &ix->skips);
    dsr_cache_unmap(ix);                /* after the records that borrow from it */
    free_strv(ix->user_ext);
    free_strv(ix->ext);
    dsr_config_free(&ix->cfg);
    free(ix->cache_dir);
    free(ix->real_root);
    free(ix->root);
    free(ix);
}

/* Reload the config; when what extraction depends on changed, every
 * record is stale.  1 when the old records can be kept. */
static int reconfigure(dsr_index *ix, uint64_t old_fp)
{
    dsr_config_free(&ix->cfg);
    memset(&ix->cfg, 0, sizeof ix->cfg);
    if (configure(ix)) return -1;
    return ix->fingerprint == old_fp;
}

int dsr_index_refresh(dsr_index *ix, char **err)
{
    dsr_docs old = ix->docs;
    double t0 = now_seconds();
    int keep;
    size_t i;
    *err = NULL;
    free_tables(ix);                    /* they point into the config and docs */
    memset(&ix->docs, 0, sizeof ix->docs);
    if ((keep = reconfigure(ix, ix->fingerprint)) < 0) {
        ix->docs = old;
        dsr_index_assemble(ix);         /* the tables were freed above */
        *err = strdup("out of memory");
        return -1;
    }
    if (!keep) {
        for (i = 0; i < old.n; i++) dsr_doc_free(&old.v[i]);
        old.n = 0;
    }
    if (old.n > 1) qsort(old.v, old.n, sizeof *old.v, cmp_doc_rel);
    if (build(ix, &old, 1, 0, NULL, t0, err)) {
        dsr_index_assemble(ix);         /* keep the index usable, if empty */
        return -1;
    }
    return 0;
}

dsr_index *dsr_index_refreshed(const dsr_index *old, dsr_progress *pg, char **err)
{
    dsr_index *ix;
    dsr_options o = old->opt;
    dsr_docs none = {0}, borrowed;
    double t0 = now_seconds();
    int r;
    *err = NULL;
    o.cache_dir = old->cache_dir;
    o.extensions = (const char *const *)old->user_ext;
    o.verify_later = 0;                 /* this is the verification */
    if (!(ix = new_index(old->root, &o))) goto oom;
    if (configure(ix)) goto oom;
    if (ix->cache_dir && (old->blob || old->stats.cache_written)) {
        /* old was opened from the cache file, or wrote it: take the records
         * from the file again (mapped, with its tables, so an unchanged
         * folder costs a walk), not copies of old's. */
        r = build(ix, &none, 1, 1, pg, t0, err);
    } else {
        /* old->docs is sorted by rel; borrow it read-only (copied record
         * by record), or start afresh when the config changed. */
        borrowed = old->docs;
        r = build(ix, ix->fingerprint == old->fingerprint ? &borrowed : &none, 0, 0, pg, t0, err);
    }
    if (r) {
        dsr_index_free(ix);
        return NULL;
    }
    return ix;
oom:
    dsr_index_free(ix);
    *err = strdup("out of memory");
    return NULL;
}

/* ---- accessors -------------------------------------------------------- */

const char *dsr_index_root(const dsr_index *ix) { return ix->root; }
dsr_stats dsr_index_stats(const dsr_index *ix) { return ix->stats; }

const dsr_document *dsr_index_documents(const dsr_index *ix, size_t *n)
{
    *n = ix->docs.n;
    return ix->documents;
}

const dsr_timex_rec *dsr_index_timexes(const dsr_index *ix, size_t *n)
{
    *n = ix->n_timexes;
    return ix->timexes;
}

const dsr_entity *dsr_index_entities(const dsr_index *ix, size_t *n)
{
    *n = ix->n_entities;
    return ix->entities;
}

const dsr_event *dsr_index_events(const dsr_index *ix, size_t *n)
{
    *n = ix->n_events;
    return ix->events;
}

const dsr_skip *dsr_index_skipped(const dsr_index *ix, size_t *n)
{
    *n = ix->skips.n;
    return ix->skip_recs;
}

const char *const *dsr_index_warnings(const dsr_index *ix, size_t *n)
{
    *n = ix->n_warnings;
    return ix->warnings;
}

char *dsr_index_read_doc(const dsr_index *ix, uint32_t doc, size_t *len, char **err)
{
    char path[4096];
    const char *reason = NULL;
    char *s;
    *err = NULL;
    if (doc >= ix->docs.n) {
        *err = strdup("no such document");
        return NULL;
    }
    snprintf(path, sizeof path, "%s/%s", ix->root, ix->docs.v[doc].rel);
    if (!(s = dsr_doc_load(path, ix->max_size, len, &reason))) *err = format_err("%s: %s", path, reason);
    return s;
}
