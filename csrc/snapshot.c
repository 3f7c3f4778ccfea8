/*
 * snapshot.c -- the folder-wide tables in the cache image (index.h).
 *
 * Assembling the tables from the documents' records (index.c) merges the
 * entities of the whole folder, links events to them and builds the lookup
 * tables; that was most of the time of reopening a folder from the cache.
 * When no document changed, the tables are what they were when the cache
 * was written, so the cache keeps them too, after the records:
 *
 *   snap_head   the counts
 *   snap_ent    per entity: its strings (offsets into strs), counts, and
 *               where its aliases, mentions, events and related are
 *   snap_ev     per event, in timeline order: its document, which of that
 *               document's events it is (span, dates, text and line come
 *               from the record), and where its entities are
 *   aliases     offsets into strs
 *   mentions    dsr_mention, as the public records use them
 *   ids         the entity and event numbers of those lists
 *   strs        NUL-terminated names, aliases and descriptions
 *   lookup      lookup.c's tables (dsr_lookup_save)
 *   rows        the picker rows (rows.c) and their n_events + 1 offsets
 *
 * Loading makes the public records (dsr_entity, dsr_event) in one pass,
 * pointing into the image; mentions, id lists, rows and most lookup tables
 * are used where they lie.  Every count, offset and number is checked
 * against what it indexes: a damaged or forged image makes the tables be
 * assembled again, never a read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "index.h"

#define SNAP_FORMAT 1           /* bump when what is written changes */

typedef struct {
    uint32_t n_docs, n_entities, n_events, n_aliases, n_ments, n_ids, strs_len, rows_len;
} snap_head;

typedef struct {
    uint32_t name, desc, type, n_names, n_documents;
    uint32_t desc_doc, desc_start, desc_end;
    uint32_t alias_at, n_aliases, ment_at, n_ments, ev_at, n_events, rel_at, n_related;
} snap_ent;

typedef struct { uint32_t doc, slot, ent_at, n_entities; } snap_ev;

uint64_t dsr_snap_layout(void)
{
    return ((uint64_t)SNAP_FORMAT << 48) ^ ((uint64_t)sizeof(snap_head) << 32) ^
           ((uint64_t)sizeof(snap_ent) << 16) ^ (sizeof(snap_ev) << 8) ^ sizeof(dsr_mention);
}

/* ---- saving ------------------------------------------------------------ */

typedef struct {
    DSR_VEC(snap_ent) ents;
    DSR_VEC(snap_ev) evs;
    DSR_VEC(uint32_t) aliases;
    DSR_VEC(uint32_t) ids;
    DSR_VEC(dsr_mention) ments;
    DSR_VEC(char) strs;
} snap_w;

static int put_str(snap_w *s, const char *str, uint32_t *off)
{
    size_t n = strlen(str) + 1;
    if (s->strs.n + n > UINT32_MAX || dsr_vec_reserve(&s->strs, s->strs.n + n)) return -1;
    memcpy(s->strs.v + s->strs.n, str, n);
    *off = (uint32_t)s->strs.n;
    s->strs.n += n;
    return 0;
}

static int put_ids(snap_w *s, const uint32_t *v, uint32_t n, uint32_t *at)
{
    if (s->ids.n + n > UINT32_MAX || dsr_vec_reserve(&s->ids, s->ids.n + n)) return -1;
    if (n) memcpy(s->ids.v + s->ids.n, v, n * sizeof *v);
    *at = (uint32_t)s->ids.n;
    s->ids.n += n;
    return 0;
}

static int save_entity(snap_w *s, const dsr_entity *e)
{
    snap_ent r;
    uint32_t k, off;
    memset(&r, 0, sizeof r);
    r.desc = DSR_NOSTR;
    if (put_str(s, e->name, &r.name) || (e->description && put_str(s, e->description, &r.desc))) return -1;
    r.type = (uint32_t)e->type;
    r.n_names = e->n_names;
    r.n_documents = e->n_documents;
    r.desc_doc = e->desc_doc;
    r.desc_start = e->desc_start;
    r.desc_end = e->desc_end;
    r.alias_at = (uint32_t)s->aliases.n;
    r.n_aliases = e->n_aliases;
    for (k = 0; k < e->n_aliases; k++)
        if (put_str(s, e->aliases[k], &off) || dsr_vec_push(&s->aliases, off)) return -1;
    r.ment_at = (uint32_t)s->ments.n;
    r.n_ments = e->n_mentions;
    if (dsr_vec_reserve(&s->ments, s->ments.n + e->n_mentions)) return -1;
    if (e->n_mentions) memcpy(s->ments.v + s->ments.n, e->mentions, e->n_mentions * sizeof *e->mentions);
    s->ments.n += e->n_mentions;
    r.n_events = e->n_events;
    r.n_related = e->n_related;
    if (put_ids(s, e->events, e->n_events, &r.ev_at) || put_ids(s, e->related, e->n_related, &r.rel_at))
        return -1;
    return dsr_vec_push(&s->ents, r);
}

/* Which of its document's events an event was made from: its date points
 * into that record (index.c, build_events). */
static int event_slot(const dsr_doc *d, const dsr_event *ev, uint32_t *slot)
{
    uintptr_t base = (uintptr_t)d->ev.v, p = (uintptr_t)ev->date - offsetof(dsr_devent, date);
    if (!d->ev.n || p < base || (p - base) % sizeof(dsr_devent)) return -1;
    *slot = (uint32_t)((p - base) / sizeof(dsr_devent));
    return *slot < d->ev.n ? 0 : -1;
}

static int save_event(snap_w *s, const dsr_index *ix, const dsr_event *ev)
{
    snap_ev r;
    r.doc = ev->doc;
    r.n_entities = ev->n_entities;
    if (ev->doc >= ix->docs.n || event_slot(&ix->docs.v[ev->doc], ev, &r.slot)) return -1;
    if (put_ids(s, ev->entities, ev->n_entities, &r.ent_at)) return -1;
    return dsr_vec_push(&s->evs, r);
}

static int write_all(const dsr_index *ix, snap_w *s, dsr_wbuf *w)
{
    snap_head h;
    h.n_docs = (uint32_t)ix->docs.n;
    h.n_entities = (uint32_t)ix->n_entities;
    h.n_events = (uint32_t)ix->n_events;
    h.n_aliases = (uint32_t)s->aliases.n;
    h.n_ments = (uint32_t)s->ments.n;
    h.n_ids = (uint32_t)s->ids.n;
    h.strs_len = (uint32_t)s->strs.n;
    h.rows_len = ix->row_off[ix->n_events];
    return dsr_put(w, &h, sizeof h) || dsr_put(w, s->ents.v, s->ents.n * sizeof *s->ents.v) ||
           dsr_put(w, s->evs.v, s->evs.n * sizeof *s->evs.v) ||
           dsr_put(w, s->aliases.v, s->aliases.n * sizeof *s->aliases.v) ||
           dsr_put(w, s->ments.v, s->ments.n * sizeof *s->ments.v) ||
           dsr_put(w, s->ids.v, s->ids.n * sizeof *s->ids.v) || dsr_put(w, s->strs.v, s->strs.n) ||
           dsr_lookup_save(ix, w) || dsr_put(w, ix->rows, h.rows_len) ||
           dsr_put(w, ix->row_off, (ix->n_events + 1) * sizeof *ix->row_off);
}

int dsr_snap_save(const dsr_index *ix, dsr_wbuf *w)
{
    snap_w s;
    size_t i;
    int r = -1;
    if (!ix->rows || !ix->row_off || !ix->lookup || ix->n_events >= UINT32_MAX) return -1;
    memset(&s, 0, sizeof s);
    for (i = 0; i < ix->n_entities; i++)
        if (save_entity(&s, &ix->entities[i])) goto out;
    for (i = 0; i < ix->n_events; i++)
        if (save_event(&s, ix, &ix->events[i])) goto out;
    r = write_all(ix, &s, w);
out:
    dsr_vec_free(&s.ents);
    dsr_vec_free(&s.evs);
    dsr_vec_free(&s.aliases);
    dsr_vec_free(&s.ids);
    dsr_vec_free(&s.ments);
    dsr_vec_free(&s.strs);
    return r;
}

/* ---- loading ----------------------------------------------------------- */

typedef struct {
    const snap_head *h;
    const snap_ent *ents;
    const snap_ev *evs;
    const uint32_t *aliases, *ids;
    const dsr_mention *ments;
    const char *strs;
} snap_r;

/* Are ids[at, at + n) all below `limit`? */
static int ids_ok(const snap_r *s, uint32_t at, uint32_t n, size_t limit)
{
    uint32_t i;
    if (!DSR_IN(at, n, s->h->n_ids)) return 0;
    for (i = 0; i < n; i++)
        if (s->ids[at + i] >= limit) return 0;
    return 1;
}

static int mentions_ok(const dsr_index *ix, const snap_r *s)
{
    uint32_t i;
    for (i = 0; i < s->h->n_ments; i++) {
        const dsr_mention *m = &s->ments[i];
        if (m->doc >= ix->docs.n || m->start > m->end || m->end > ix->docs.v[m->doc].size || m->nominal > 1)
            return 0;
    }
    return 1;
}

static int load_entities(dsr_index *ix, const snap_r *s)
{
    const char **al = dsr_arena_alloc(&ix->arena, (s->h->n_aliases + 1) * sizeof *al);
    uint32_t i, n = s->h->n_entities;
    if (!al || !(ix->entities = dsr_arena_alloc(&ix->arena, (n + 1) * sizeof *ix->entities))) return -1;
    for (i = 0; i < s->h->n_aliases; i++) {
        if (s->aliases[i] >= s->h->strs_len) return -1;
        al[i] = s->strs + s->aliases[i];
    }
    for (i = 0; i < n; i++) {
        const snap_ent *r = &s->ents[i];
        dsr_entity *e = &ix->entities[i];
        if (r->name >= s->h->strs_len ||
            (r->desc != DSR_NOSTR && (r->desc >= s->h->strs_len || r->desc_doc >= ix->docs.n)) ||
            r->type > DSR_OTHER || !DSR_IN(r->alias_at, r->n_aliases, s->h->n_aliases) ||
            !DSR_IN(r->ment_at, r->n_ments, s->h->n_ments) || !ids_ok(s, r->ev_at, r->n_events, s->h->n_events) ||
            !ids_ok(s, r->rel_at, r->n_related, n))
            return -1;
        memset(e, 0, sizeof *e);
        e->name = s->strs + r->name;
        e->type = (int)r->type;
        e->aliases = al + r->alias_at;
        e->n_aliases = r->n_aliases;
        e->description = r->desc == DSR_NOSTR ? NULL : s->strs + r->desc;
        e->desc_doc = r->desc_doc;
        e->desc_start = r->desc_start;
        e->desc_end = r->desc_end;
        e->mentions = s->ments + r->ment_at;
        e->n_mentions = r->n_ments;
        e->n_names = r->n_names;
        e->n_documents = r->n_documents;
        e->events = s->ids + r->ev_at;
        e->n_events = r->n_events;
        e->related = s->ids + r->rel_at;
        e->n_related = r->n_related;
    }
    ix->n_entities = n;
    return 0;
}

static int load_events(dsr_index *ix, const snap_r *s)
{
    uint32_t i, n = s->h->n_events;
    if (!(ix->events = dsr_arena_alloc(&ix->arena, (n + 1) * sizeof *ix->events))) return -1;
    for (i = 0; i < n; i++) {
        const snap_ev *r = &s->evs[i];
        dsr_event *ev = &ix->events[i];
        const dsr_doc *d;
        if (r->doc >= ix->docs.n || r->slot >= ix->docs.v[r->doc].ev.n ||
            !ids_ok(s, r->ent_at, r->n_entities, s->h->n_entities))
            return -1;
        d = &ix->docs.v[r->doc];
        ev->doc = r->doc;
        ev->start = d->ev.v[r->slot].start;
        ev->end = d->ev.v[r->slot].end;
        ev->date = d->ev.v[r->slot].date;
        ev->end_date = d->ev.v[r->slot].end_date;
        ev->text = d->pool.v + d->evi.v[r->slot].text;
        ev->line = d->evi.v[r->slot].line;
        ev->entities = s->ids + r->ent_at;
        ev->n_entities = r->n_entities;
        ix->documents[r->doc].n_events++;
    }
    ix->n_events = n;
    for (i = 0; i < ix->n_entities; i++) {
        dsr_entity *e = &ix->entities[i];
        e->first_date = e->n_events ? ix->events[e->events[0]].date : "";
        e->last_date = e->n_events ? ix->events[e->events[e->n_events - 1]].date : "";
    }
    return 0;
}

static int load_rows(dsr_index *ix, dsr_rbuf *r, uint32_t len)
{
    size_t i;
    char *rows = dsr_get(r, len, 1);
    uint32_t *off = dsr_get(r, ix->n_events + 1, sizeof *off);
    if (!rows || !off || off[0] != 0 || off[ix->n_events] != len) return -1;
    for (i = 0; i < ix->n_events; i++)
        if (off[i] >= off[i + 1] || off[i + 1] > len || rows[off[i + 1] - 1] != '\0') return -1;
    ix->rows = rows;
    ix->row_off = off;
    return 0;
}

int dsr_snap_load(dsr_index *ix)
{
    dsr_rbuf r;
    snap_r s;
    if (!ix->blob || !ix->tables_at || !ix->documents) return -1;
    r.p = ix->blob;
    r.n = ix->blob_len;
    r.pos = ix->tables_at;
    if (!(s.h = dsr_get(&r, 1, sizeof *s.h)) || s.h->n_docs != ix->docs.n) return -1;
    if (!(s.ents = dsr_get(&r, s.h->n_entities, sizeof *s.ents)) ||
        !(s.evs = dsr_get(&r, s.h->n_events, sizeof *s.evs)) ||
        !(s.aliases = dsr_get(&r, s.h->n_aliases, sizeof *s.aliases)) ||
        !(s.ments = dsr_get(&r, s.h->n_ments, sizeof *s.ments)) ||
        !(s.ids = dsr_get(&r, s.h->n_ids, sizeof *s.ids)) || !(s.strs = dsr_get(&r, s.h->strs_len, 1)))
        return -1;
    if (s.h->strs_len && s.strs[s.h->strs_len - 1]) return -1;
    if (!mentions_ok(ix, &s) || load_entities(ix, &s) || load_events(ix, &s)) return -1;
    ix->tables_borrowed = 1;
    if (dsr_lookup_load(ix, &r) || load_rows(ix, &r, s.h->rows_len)) return -1;
    return r.pos == r.n ? 0 : -1;
}
