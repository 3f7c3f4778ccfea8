/*
 * lua_core.c -- `dossier.core`, the Lua binding of dossier.h.
 *
 *   local core = require("dossier.core")
 *   local ix = core.open(dir, { extensions = {"md"}, max_file_size = n, cache_dir = d })
 *   ix:stats() ix:documents() ix:entities() ix:entity(id) ix:events(filter)
 *   ix:export() ix:lookup(name) ix:lookup_at(line, col) ix:complete(prefix, n [, into])
 *   ix:skipped() ix:warnings() ix:refresh() ix:close()
 *   ix:mentions(id) ix:fuzzy_events(query, filter) ix:fuzzy_entities(query, n)
 *   core.fuzzy(strings, query, n)
 *
 *   local job = core.start(dir, opts)       -- indexes on a thread
 *   job:poll()   -> { done, files_done, files_total, bytes_done, bytes_total, error }
 *   job:index()  -> the index, once done   job:cancel()
 *   local job = ix:refresh_start()           -- a refreshed copy, built on a thread;
 *   job:index()  -> ix itself, now refreshed
 *   local job = ix:search_events(query, filter)  -- ix:fuzzy_events on a thread
 *   local job = ix:search_entities(query, n)     -- ix:fuzzy_entities on a thread
 *   job:poll().done, then job:results() -> what the fuzzy_* call returns;
 *   job:count(), job:results(from, n [, "date"]) -> rows from..from+n-1 of
 *   the hits, best first or (events) in date order
 *   job:close()  -> cancels a running search (its thread stops on its own),
 *                   or a running refresh, waiting for it to stop (after the
 *                   file it is reading: it reads ix, which may go next)
 *   one refresh of an ix at a time: until its index is taken, or the job
 *   closed or failed, ix:refresh_start, ix:refresh and ix:close refuse
 *
 * opts.cache_dir names the cache folder; opts.cache = true means the usual
 * one (dsr_cache_default_dir); opts.threads how many threads extract
 * documents (default: one per processor); opts.verify_later answers from
 * a usable cache file without walking the folder (stats().unverified),
 * leaving ix:refresh_start to see what changed while no index was open.
 *
 * Entities and documents are numbered from 1 in Lua (C index + 1).  Byte
 * columns are 0-based, as Neovim's cursor columns are.  Errors are Lua
 * errors with a message.  All the work is in the core; this file converts.
 */
#define _GNU_SOURCE             /* dladdr */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include "lua_abi.h"
#include "dossier.h"

#define MT "dossier.index"
#define MT_JOB "dossier.job"
#define FUZZY_MAX 10000         /* rows one fuzzy call returns at most */

typedef struct ud_job ud_job;

/* A search job let go of by Lua while its thread may still read the
 * index: kept until the thread is done. */
typedef struct drain { dsr_job *job; struct drain *next; } drain;

/* refresh: the background refresh of ix, from ix:refresh_start until its
 * index is taken or the job closed (one at a time: a second one would
 * replace ix under the first); while there is one, ix can be neither
 * closed nor refreshed in place.  searches: the search jobs
 * started on ix and not yet closed, and draining: those closed (cancelled)
 * whose thread may not have stopped yet; both may still read ix, so they
 * are cancelled and waited for before ix is closed, refreshed or replaced.
 * Closing a search does not wait: a superseded search must not hold up
 * the keystroke that superseded it. */
typedef struct { dsr_index *ix; ud_job *refresh; ud_job *searches; drain *draining; } ud_index;

/* A job, and for a refresh the registry reference of the index it copies
 * (which keeps that index alive).  A search job is linked into its
 * index's `searches` (owner, next) and keeps its query for the positions
 * of the results; what is DSR_SEARCH_EVENTS or DSR_SEARCH_ENTITIES. */
struct ud_job {
    dsr_job *job;
    int ref;
    ud_index *target;
    ud_index *owner;
    ud_job *next;
    int what;
    char *query;
    size_t qlen;
    dsr_fuzzy_hit *by_date;     /* the hits sorted by number, made when asked */
};

static dsr_index *check_ix(lua_State *L)
{
    ud_index *u = (ud_index *)luaL_checkudata(L, 1, MT);
    if (!u->ix) luaL_error(L, "dossier: the index is closed");
    return u->ix;
}

/* Exact integers on both ABIs: 5.4 has 64-bit integers; 5.1's numbers are
 * doubles, exact to 2^53, far above any offset or count here. */
static void push_int(lua_State *L, uint64_t v)
{
#if DSR_LUA_ABI == 501
    lua_pushnumber(L, (lua_Number)v);
#else
    lua_pushinteger(L, (lua_Integer)v);
#endif
}

/* A list of 0-based C numbers as 1-based Lua ids. */
static void push_ids(lua_State *L, const uint32_t *v, size_t n)
{
    size_t k;
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        push_int(L, (uint64_t)v[k] + 1);
        lua_rawseti(L, -2, (int)k + 1);
    }
}

/* A Lua number as a count within [lo, hi]: below lo, and NaN (for which
 * every comparison is false), give lo; above hi gives hi.  Converting a
 * number out of the range of size_t is undefined, so never cast before. */
static size_t clamp_count(lua_Number v, size_t lo, size_t hi)
{
    if (!(v >= (lua_Number)lo)) return lo;
    if (!(v <= (lua_Number)hi)) return hi;
    return (size_t)v;
}

static void set_int(lua_State *L, const char *k, uint64_t v) { push_int(L, v); lua_setfield(L, -2, k); }
static void set_str(lua_State *L, const char *k, const char *s) { lua_pushstring(L, s); lua_setfield(L, -2, k); }

static const char *opt_field_str(lua_State *L, int t, const char *k)
{
    const char *s = NULL;
    lua_getfield(L, t, k);
    if (lua_type(L, -1) == LUA_TSTRING) s = lua_tostring(L, -1);
    else if (!lua_isnil(L, -1)) luaL_error(L, "dossier: option %s must be a string", k);
    lua_pop(L, 1);
    return s;               /* still referenced by the options table */
}

/* Options table at stack index 2 -> opt.  exts holds up to 32
 * extension pointers (into strings kept alive by the table); *cache_alloc
 * gets a malloc'd default cache folder when opts.cache is true. */
static void read_options(lua_State *L, dsr_options *opt, const char **exts, char **cache_alloc)
{
    memset(opt, 0, sizeof *opt);
    *cache_alloc = NULL;
    if (lua_type(L, 2) != LUA_TTABLE) return;
    opt->cache_dir = opt_field_str(L, 2, "cache_dir");
    lua_getfield(L, 2, "cache");
    if (!opt->cache_dir && lua_toboolean(L, -1)) opt->cache_dir = *cache_alloc = dsr_cache_default_dir();
    lua_pop(L, 1);
    lua_getfield(L, 2, "max_file_size");
    /* 0 (the default) for what is not a size; at most 1 TB */
    if (lua_type(L, -1) == LUA_TNUMBER) opt->max_file_size = clamp_count(lua_tonumber(L, -1), 0, (size_t)1 << 40);
    lua_pop(L, 1);
    lua_getfield(L, 2, "threads");
    if (lua_type(L, -1) == LUA_TNUMBER) opt->threads = (int)clamp_count(lua_tonumber(L, -1), 0, 1024);
    lua_pop(L, 1);
    lua_getfield(L, 2, "verify_later");
    opt->verify_later = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, 2, "extensions");
    if (lua_type(L, -1) == LUA_TTABLE) {
        int i;
        for (i = 1; i <= 32; i++) {
            lua_rawgeti(L, -1, i);
            if (lua_type(L, -1) != LUA_TSTRING) {
                lua_pop(L, 1);
                break;
            }
            exts[i - 1] = lua_tostring(L, -1);
            lua_pop(L, 1);  /* the string stays alive in the table */
        }
        exts[i - 1] = NULL;
        opt->extensions = exts;
    }
    lua_pop(L, 1);
}

static ud_index *new_ud_index(lua_State *L)
{
    ud_index *u = (ud_index *)dsr_newuserdata(L, sizeof *u);
    u->ix = NULL;
    u->refresh = NULL;
    u->searches = NULL;
    u->draining = NULL;
    luaL_getmetatable(L, MT);
    lua_setmetatable(L, -2);
    return u;
}

static int l_open(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    const char *exts[33];
    dsr_options opt;
    ud_index *u;
    char *err = NULL, *cache = NULL;
    read_options(L, &opt, exts, &cache);
    u = new_ud_index(L);
    u->ix = dsr_index_open(dir, &opt, &err);
    free(cache);
    if (!u->ix) {
        lua_pushfstring(L, "dossier: %s", err ? err : "out of memory");
        free(err);
        return lua_error(L);
    }
    return 1;
}

/* Free the drained searches whose thread is done (all: wait for them). */
static void prune_drained(ud_index *u, int wait)
{
    drain **p = &u->draining;
    while (*p) {
        drain *d = *p;
        if (wait) dsr_job_wait(d->job);
        if (!dsr_job_poll(d->job).done) {
            p = &d->next;
            continue;
        }
        *p = d->next;
        dsr_job_free(d->job);
        free(d);
    }
}

/* Cancel the searches reading u->ix and wait until they stop; they are
 * unlinked (their results then say "cancelled"). */
static void stop_searches(ud_index *u)
{
    ud_job *s;
    for (s = u->searches; s; s = s->next) {
        dsr_job_cancel(s->job);
        dsr_job_wait(s->job);
        s->owner = NULL;
    }
    u->searches = NULL;
    prune_drained(u, 1);
}

/* A refresh job's thread reads its target's index until it is done:
 * cancelled, it stops after the file it is reading. */
static void refresh_stop(ud_job *u)
{
    dsr_job_cancel(u->job);
    dsr_job_wait(u->job);
}

/* The refresh is over (taken or dropped): the index may change again.
 * Its thread is done (dsr_job_take gave its index, or refresh_stop). */
static void job_unpin(lua_State *L, ud_job *u)
{
    if (u->target) {
        u->target->refresh = NULL;
        u->target = NULL;
    }
    if (u->ref != LUA_NOREF) {
        luaL_unref(L, LUA_REGISTRYINDEX, u->ref);
        u->ref = LUA_NOREF;
    }
}

/* The refresh that still holds u, if any: one that failed (or was
 * cancelled) has nothing to hand over and lets go here, so a caller that
 * saw its error need not close it before the next refresh. */
static ud_job *refresh_pending(lua_State *L, ud_index *u)
{
    if (u->refresh && dsr_job_poll(u->refresh->job).failed) job_unpin(L, u->refresh);
    return u->refresh;
}

static int l_close(lua_State *L)
{
    ud_index *u = (ud_index *)luaL_checkudata(L, 1, MT);
    if (refresh_pending(L, u)) return luaL_error(L, "dossier: a background refresh is reading this index; "
                                      "cancel it or wait for it first");
    stop_searches(u);
    dsr_index_free(u->ix);
    u->ix = NULL;
    return 0;
}

/* At collection time an index with a refresh can only be met when the
 * interpreter closes (the refresh job's reference keeps it alive
 * otherwise): stop the refresh reading it first. */
static int l_gc(lua_State *L)
{
    ud_index *u = (ud_index *)luaL_checkudata(L, 1, MT);
    stop_searches(u);
    if (u->refresh) refresh_stop(u->refresh);
    dsr_index_free(u->ix);
    u->ix = NULL;
    return 0;
}

static int l_stats(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    dsr_stats s = dsr_index_stats(ix);
    lua_createtable(L, 0, 12);
    set_str(L, "root", dsr_index_root(ix));
    set_int(L, "documents", s.documents);
    set_int(L, "entities", s.entities);
    set_int(L, "mentions", s.mentions);
    set_int(L, "events", s.events);
    set_int(L, "timexes", s.timexes);
    set_int(L, "skipped", s.skipped);
    set_int(L, "warnings", s.warnings);
    set_int(L, "bytes", s.bytes);
    set_int(L, "reindexed", s.reindexed);
    lua_pushnumber(L, s.seconds);
    lua_setfield(L, -2, "seconds");
    lua_pushboolean(L, s.from_cache);
    lua_setfield(L, -2, "from_cache");
    set_int(L, "cached", (uint64_t)s.from_cache);
    lua_pushboolean(L, s.unverified);
    lua_setfield(L, -2, "unverified");
    lua_pushboolean(L, s.cache_written);
    lua_setfield(L, -2, "cache_written");
    set_str(L, "cache_note", s.cache_note ? s.cache_note : "");
    return 1;
}

static int l_documents(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t n, i;
    const dsr_document *d = dsr_index_documents(ix, &n);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_createtable(L, 0, 8);
        set_str(L, "path", d[i].path);
        set_str(L, "title", d[i].title);
        set_str(L, "date", d[i].date);
        set_str(L, "date_source", dsr_date_source_name(d[i].date_source));
        set_int(L, "size", d[i].size);
        set_int(L, "mtime", (uint64_t)d[i].mtime);
        set_int(L, "timexes", d[i].n_timexes);
        set_int(L, "events", d[i].n_events);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

static void push_entity_summary(lua_State *L, const dsr_index *ix, size_t id)
{
    size_t n, nd, k;
    const dsr_entity *e = &dsr_index_entities(ix, &n)[id];
    const dsr_document *d = dsr_index_documents(ix, &nd);
    lua_createtable(L, 0, 12);
    set_int(L, "id", id + 1);
    set_str(L, "name", e->name);
    set_str(L, "type", dsr_type_name(e->type));
    lua_createtable(L, (int)e->n_aliases, 0);
    for (k = 0; k < e->n_aliases; k++) {
        lua_pushstring(L, e->aliases[k]);
        lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "aliases");
    if (e->description) {
        set_str(L, "description", e->description);
        set_str(L, "description_path", d[e->desc_doc].path);
        set_int(L, "description_start", e->desc_start);
    }
    set_int(L, "mentions", e->n_names);
    set_int(L, "mention_spans", e->n_mentions);
    set_int(L, "documents", e->n_documents);
    set_int(L, "events", e->n_events);
    set_str(L, "first_date", e->first_date);
    set_str(L, "last_date", e->last_date);
}

static int l_entities(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t n, i;
    dsr_index_entities(ix, &n);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        push_entity_summary(L, ix, i);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

static size_t check_entity(lua_State *L, const dsr_index *ix, int arg)
{
    size_t n;
    lua_Number id = luaL_checknumber(L, arg);
    dsr_index_entities(ix, &n);
    if (!(id >= 1 && id <= (lua_Number)n) || id != (lua_Number)(size_t)id)
        luaL_argerror(L, arg, "no such entity");
    return (size_t)id - 1;
}

static void push_event(lua_State *L, const dsr_index *ix, size_t i)
{
    size_t n, nd;
    const dsr_event *ev = &dsr_index_events(ix, &n)[i];
    const dsr_document *d = dsr_index_documents(ix, &nd);
    lua_createtable(L, 0, 9);
    set_int(L, "index", i + 1);
    set_str(L, "date", ev->date);
    if (ev->end_date[0]) set_str(L, "end_date", ev->end_date);
    set_str(L, "text", ev->text);
    set_str(L, "path", d[ev->doc].path);
    set_int(L, "doc", ev->doc + 1);
    set_int(L, "line", ev->line);
    set_int(L, "start", ev->start);
    set_int(L, "end", ev->end);
    {
        size_t rl;
        const char *row = dsr_event_row(ix, (uint32_t)i, &rl);
        if (row) {
            lua_pushlstring(L, row, rl);
            lua_setfield(L, -2, "row");
        }
    }
    push_ids(L, ev->entities, ev->n_entities);
    lua_setfield(L, -2, "entities");
}

/* A count option of the table at 3: a number within [0, max], else max. */
static size_t opt_count(lua_State *L, const char *k, size_t max)
{
    size_t v = max;
    lua_getfield(L, 3, k);
    if (lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) >= 0 && lua_tonumber(L, -1) < (lua_Number)max)
        v = (size_t)lua_tonumber(L, -1);
    lua_pop(L, 1);
    return v;
}

/* The start of the mention that names the entity's description (the last
 * one in its document ending before it), or the description's start. */
static uint32_t describing_mention(const dsr_entity *e)
{
    uint32_t at = e->desc_start;
    size_t k;
    for (k = 0; k < e->n_mentions; k++)
        if (e->mentions[k].doc == e->desc_doc && e->mentions[k].end <= e->desc_start) at = e->mentions[k].start;
    return at;
}

/* ix:entity(id [, { mentions = false, events = n, mention_from = i,
 * mention_count = n }]) -> the summary plus mentions, related entities and
 * events.  A hover card asks for no mentions and a few events, and a walk
 * over the mentions asks for them a page at a time (mention_from is
 * 1-based), so a name mentioned 10,000 times costs no more than one
 * mentioned once.  describing_mention: the byte offset of the mention
 * that names the description. */
static int l_entity(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t id = check_entity(L, ix, 2), n, nd, k, n_ev, m_from = 0, m_to;
    const dsr_entity *e = &dsr_index_entities(ix, &n)[id];
    const dsr_document *d = dsr_index_documents(ix, &nd);
    int with_mentions = 1;
    n_ev = e->n_events;
    m_to = e->n_mentions;
    if (lua_type(L, 3) == LUA_TTABLE) {
        lua_getfield(L, 3, "mentions");
        with_mentions = lua_isnil(L, -1) || lua_toboolean(L, -1);
        lua_pop(L, 1);
        n_ev = opt_count(L, "events", n_ev);
        m_from = opt_count(L, "mention_from", e->n_mentions + 1);
        m_from = m_from > 0 ? m_from - 1 : 0;
        m_to = m_from + opt_count(L, "mention_count", e->n_mentions - m_from);
    }
    push_entity_summary(L, ix, id);
    if (e->description) set_int(L, "describing_mention", describing_mention(e));
    lua_createtable(L, with_mentions ? (int)(m_to - m_from) : 0, 0);
    for (k = m_from; with_mentions && k < m_to; k++) {
        lua_createtable(L, 0, 4);
        set_str(L, "path", d[e->mentions[k].doc].path);
        set_int(L, "start", e->mentions[k].start);
        set_int(L, "end", e->mentions[k].end);
        if (e->mentions[k].nominal) {
            lua_pushboolean(L, 1);
            lua_setfield(L, -2, "nominal");
        }
        lua_rawseti(L, -2, (int)(k - m_from) + 1);
    }
    lua_setfield(L, -2, "mention_list");
    push_ids(L, e->related, e->n_related);
    lua_setfield(L, -2, "related");
    lua_createtable(L, (int)n_ev, 0);
    for (k = 0; k < n_ev; k++) {
        push_event(L, ix, e->events[k]);
        lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "event_list");
    return 1;
}

/* The filter table at `t`: entity (id or nil), from, to. */
static void read_filter(lua_State *L, const dsr_index *ix, int t, long *entity, const char **from,
                        const char **to)
{
    *entity = -1;
    *from = *to = NULL;
    if (lua_type(L, t) != LUA_TTABLE) return;
    lua_getfield(L, t, "entity");
    if (!lua_isnil(L, -1)) *entity = (long)check_entity(L, ix, lua_gettop(L));
    lua_pop(L, 1);
    *from = opt_field_str(L, t, "from");
    *to = opt_field_str(L, t, "to");
}

/* ix:events({ entity = id, from = "2010-01", to = "2010-02" }) in date order. */
static int l_events(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t n, k;
    long entity;
    const char *from, *to;
    uint32_t *sel;
    read_filter(L, ix, 2, &entity, &from, &to);
    if (!(sel = dsr_events_select(ix, entity, from, to, &n))) return luaL_error(L, "dossier: out of memory");
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        push_event(L, ix, sel[k]);
        lua_rawseti(L, -2, (int)k + 1);
    }
    free(sel);
    return 1;
}

/* ix:mentions(id) -> { {path, doc, line, col, start, end, text}, ... } in
 * document order; line 1-based, col/start/end 0-based bytes. */
static int l_mentions(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t id = check_entity(L, ix, 2), n, nd, k;
    const dsr_document *d = dsr_index_documents(ix, &nd);
    char *err = NULL;
    dsr_mention_loc *m = dsr_entity_mentions_at(ix, (uint32_t)id, &n, &err);
    if (!m) {
        lua_pushfstring(L, "dossier: %s", err ? err : "out of memory");
        free(err);
        return lua_error(L);
    }
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        lua_createtable(L, 0, 7);
        set_str(L, "path", d[m[k].doc].path);
        set_int(L, "doc", m[k].doc + 1);
        set_int(L, "line", m[k].line);
        set_int(L, "col", m[k].col);
        set_int(L, "start", m[k].start);
        set_int(L, "end", m[k].end);
        set_str(L, "text", m[k].text);
        lua_rawseti(L, -2, (int)k + 1);
    }
    free(m);
    return 1;
}

static size_t opt_limit(lua_State *L, lua_Number v)
{
    (void)L;
    return clamp_count(v, 1, FUZZY_MAX);
}

static void push_positions(lua_State *L, const char *query, size_t qlen, const char *s, size_t n)
{
    uint32_t pos[64];
    size_t k, m = qlen < 64 ? qlen : 64;
    lua_createtable(L, (int)m, 0);
    if (dsr_fuzzy_score(query, qlen, s, n, pos) == DSR_FUZZY_NONE) return;
    for (k = 0; k < m; k++) {
        push_int(L, pos[k]);
        lua_rawseti(L, -2, (int)k + 1);
    }
}

/* Event hits as ix:fuzzy_events returns them. */
static void push_event_hits(lua_State *L, const dsr_index *ix, const char *q, size_t qlen,
                            const dsr_fuzzy_hit *hits, size_t n)
{
    size_t k;
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        size_t rl;
        const char *row = dsr_event_row(ix, hits[k].index, &rl);
        push_event(L, ix, hits[k].index);
        set_int(L, "score", (uint64_t)(hits[k].score > 0 ? hits[k].score : 0));
        if (qlen) push_positions(L, q, qlen, row, rl);
        else lua_createtable(L, 0, 0);
        lua_setfield(L, -2, "positions");
        lua_rawseti(L, -2, (int)k + 1);
    }
}

/* Entity hits as ix:fuzzy_entities returns them. */
static void push_entity_hits(lua_State *L, const dsr_index *ix, const char *q, size_t qlen,
                             const dsr_fuzzy_hit *hits, size_t n)
{
    size_t k, ne;
    const dsr_entity *ents = dsr_index_entities(ix, &ne);
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        const char *name = ents[hits[k].index].name;
        push_entity_summary(L, ix, hits[k].index);
        set_int(L, "score", (uint64_t)(hits[k].score > 0 ? hits[k].score : 0));
        if (qlen) push_positions(L, q, qlen, name, strlen(name));
        else lua_createtable(L, 0, 0);
        lua_setfield(L, -2, "positions");
        lua_rawseti(L, -2, (int)k + 1);
    }
}

/* The limit field of the table at t, or def. */
static size_t opt_limit_field(lua_State *L, int t, size_t def)
{
    if (lua_type(L, t) == LUA_TTABLE) {
        lua_getfield(L, t, "limit");
        if (lua_type(L, -1) == LUA_TNUMBER) def = opt_limit(L, lua_tonumber(L, -1));
        lua_pop(L, 1);
    }
    return def;
}

/* ix:fuzzy_events(query, { entity=, from=, to=, limit= }) -> events (as
 * ix:events gives them), best first, each with score and positions
 * (0-based bytes of ev.row).  An empty query gives the filtered events in
 * date order. */
static int l_fuzzy_events(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t qlen, n, k, limit = 100;
    const char *q = luaL_optlstring(L, 2, "", &qlen);
    long entity;
    const char *from, *to;
    dsr_fuzzy_hit *hits;
    read_filter(L, ix, 3, &entity, &from, &to);
    limit = opt_limit_field(L, 3, limit);
    if (!(hits = malloc(limit * sizeof *hits))) return luaL_error(L, "dossier: out of memory");
    if (qlen == 0) {
        uint32_t *sel = dsr_events_select(ix, entity, from, to, &n);
        if (!sel) {
            free(hits);
            return luaL_error(L, "dossier: out of memory");
        }
        if (n > limit) n = limit;
        for (k = 0; k < n; k++) {
            hits[k].index = sel[k];
            hits[k].score = 0;
        }
        free(sel);
    } else {
        n = dsr_fuzzy_events(ix, q, qlen, entity, from, to, limit, hits);
    }
    push_event_hits(L, ix, q, qlen, hits, n);
    free(hits);
    return 1;
}

/* An entity and its count of mentions by name, for qsort: the key is in
 * the element, so sorting needs no global (two Lua states may sort at
 * once on two threads). */
typedef struct { uint32_t names, id; } by_names_key;

/* The entity mentioned more by name first, then the lower number. */
static int by_mentions(const void *a, const void *b)
{
    const by_names_key *x = a, *y = b;
    if (x->names != y->names) return x->names > y->names ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* The `limit` most mentioned entities as hits (score 0); how many.  By
 * n_names, the count the summaries show as `mentions`, so the list reads
 * in the order of the counts it shows. */
static size_t most_mentioned(const dsr_index *ix, size_t limit, dsr_fuzzy_hit *hits)
{
    size_t n, k;
    by_names_key *order;
    const dsr_entity *ents = dsr_index_entities(ix, &n);
    if (!(order = malloc((n + 1) * sizeof *order))) return 0;
    for (k = 0; k < n; k++) {
        order[k].names = ents[k].n_names;
        order[k].id = (uint32_t)k;
    }
    qsort(order, n, sizeof *order, by_mentions);
    if (n > limit) n = limit;
    for (k = 0; k < n; k++) {
        hits[k].index = order[k].id;
        hits[k].score = 0;
    }
    free(order);
    return n;
}

/* ix:fuzzy_entities(query, limit) -> entity summaries, best first, with
 * score and positions (0-based bytes of name).  An empty query gives the
 * most mentioned. */
static int l_fuzzy_entities(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t qlen, n, limit = opt_limit(L, luaL_optnumber(L, 3, 50));
    const char *q = luaL_checklstring(L, 2, &qlen);
    dsr_fuzzy_hit *hits = malloc(limit * sizeof *hits);
    if (!hits) return luaL_error(L, "dossier: out of memory");
    n = qlen ? dsr_fuzzy_entities(ix, q, qlen, limit, hits) : most_mentioned(ix, limit, hits);
    push_entity_hits(L, ix, q, qlen, hits, n);
    free(hits);
    return 1;
}

/* core.fuzzy(strings, query, limit) -> { {index=, score=, positions={}} },
 * best first; index into strings (1-based), positions 0-based bytes.
 * Non-string entries never match.  An empty query keeps list order. */
static int l_fuzzy(lua_State *L)
{
    size_t qlen, n, k, got, limit;
    const char *q;
    const char **strs;
    size_t *lens;
    dsr_fuzzy_hit *hits;
    luaL_checktype(L, 1, LUA_TTABLE);
    q = luaL_checklstring(L, 2, &qlen);
    n = dsr_rawlen(L, 1);
    limit = opt_limit(L, luaL_optnumber(L, 3, (lua_Number)(n ? n : 1)));
    strs = malloc((n + 1) * sizeof *strs);
    lens = malloc((n + 1) * sizeof *lens);
    hits = malloc(limit * sizeof *hits);
    if (!strs || !lens || !hits) {
        free(strs);
        free(lens);
        free(hits);
        return luaL_error(L, "dossier: out of memory");
    }
    for (k = 0; k < n; k++) {
        lua_rawgeti(L, 1, (int)k + 1);
        /* The strings stay alive in the table while we look at them. */
        strs[k] = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &lens[k]) : NULL;
        if (!strs[k]) lens[k] = 0;
        lua_pop(L, 1);
    }
    if (qlen == 0) {
        for (got = 0; got < n && got < limit; got++) {
            hits[got].index = (uint32_t)got;
            hits[got].score = 0;
        }
    } else {
        got = dsr_fuzzy_top(q, qlen, strs, lens, n, limit, hits);
    }
    lua_createtable(L, (int)got, 0);
    for (k = 0; k < got; k++) {
        uint32_t i = hits[k].index;
        lua_createtable(L, 0, 3);
        set_int(L, "index", (uint64_t)i + 1);
        set_int(L, "score", (uint64_t)(hits[k].score > 0 ? hits[k].score : 0));
        if (qlen) push_positions(L, q, qlen, strs[i], lens[i]);
        else lua_createtable(L, 0, 0);
        lua_setfield(L, -2, "positions");
        lua_rawseti(L, -2, (int)k + 1);
    }
    free(strs);
    free(lens);
    free(hits);
    return 1;
}

static int l_export(lua_State *L)
{
    char *json = dsr_index_export_json(check_ix(L), lua_toboolean(L, 2));
    if (!json) return luaL_error(L, "dossier: out of memory");
    lua_pushstring(L, json);
    free(json);
    return 1;
}

static int l_lookup(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    long e = dsr_lookup_name(ix, s, len);
    if (e < 0) return 0;
    push_int(L, (uint64_t)e + 1);
    return 1;
}

/* ix:lookup_at(line, col0) -> id, start0, end0 (end exclusive) or nil */
static int l_lookup_at(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t len, s = 0, e = 0;
    const char *line = luaL_checklstring(L, 2, &len);
    lua_Number col = luaL_checknumber(L, 3);
    long id;
    if (!(col >= 0 && col < (lua_Number)len)) return 0;
    if ((id = dsr_lookup_at(ix, line, len, (size_t)col, &s, &e)) < 0) return 0;
    push_int(L, (uint64_t)id + 1);
    push_int(L, s);
    push_int(L, e);
    return 3;
}

/* The array into[name] (a new one when missing) on top of the stack. */
static void push_column(lua_State *L, int into, const char *name)
{
    lua_getfield(L, into, name);
    if (lua_type(L, -1) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_createtable(L, 200, 0);
    lua_pushvalue(L, -1);
    lua_setfield(L, into, name);
}

/* Fill the columns of `into` with the n completions, clearing what a
 * longer earlier result left past n; into.n = n. */
static void fill_columns(lua_State *L, int into, const dsr_entity *ents, const uint32_t *out,
                         const char *const *forms, size_t n)
{
    static const char *const cols[] = { "id", "word", "name", "type", "mentions" };
    size_t c, k, old;
    lua_getfield(L, into, "n");
    old = lua_isnumber(L, -1) ? clamp_count(lua_tonumber(L, -1), 0, 200) : 0;
    lua_pop(L, 1);
    for (c = 0; c < 5; c++) {
        push_column(L, into, cols[c]);
        for (k = 0; k < n; k++) {
            const dsr_entity *e = &ents[out[k]];
            switch (c) {
            case 0: push_int(L, out[k] + 1); break;
            case 1: lua_pushstring(L, forms[k]); break;
            case 2: lua_pushstring(L, e->name); break;
            case 3: lua_pushstring(L, dsr_type_name(e->type)); break;
            default: push_int(L, e->n_names); break;
            }
            lua_rawseti(L, -2, (int)k + 1);
        }
        for (k = n; k < old && k < 200; k++) {
            lua_pushnil(L);
            lua_rawseti(L, -2, (int)k + 1);
        }
        lua_pop(L, 1);
    }
    push_int(L, n);
    lua_setfield(L, into, "n");
}

/* ix:complete(prefix, n [, into]) -> the top n (at most 200) completions.
 * Without `into`: a list of { id, word, name, type, mentions }.  With it
 * (a table the caller keeps and passes again): into.n and the columns
 * into.id, into.word, into.name, into.type, into.mentions filled and
 * `into` returned -- no table per completion, so completing as one types
 * leaves next to nothing for the garbage collector. */
static int l_complete(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t len, n, k, ne;
    const char *p = luaL_checklstring(L, 2, &len);
    size_t max = clamp_count(luaL_optnumber(L, 3, 50), 1, 200);
    int into = lua_type(L, 4) == LUA_TTABLE;
    uint32_t out[200];
    const char *forms[200];
    const dsr_entity *ents = dsr_index_entities(ix, &ne);
    if (!into && !lua_isnoneornil(L, 4)) luaL_argerror(L, 4, "a table or nil");
    n = dsr_complete(ix, p, len, max, out, forms);
    if (into) {
        fill_columns(L, 4, ents, out, forms, n);
        lua_settop(L, 4);
        return 1;
    }
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        lua_createtable(L, 0, 5);
        set_int(L, "id", out[k] + 1);
        set_str(L, "word", forms[k]);
        set_str(L, "name", ents[out[k]].name);
        set_str(L, "type", dsr_type_name(ents[out[k]].type));
        set_int(L, "mentions", ents[out[k]].n_names);
        lua_rawseti(L, -2, (int)k + 1);
    }
    return 1;
}

static int l_skipped(lua_State *L)
{
    size_t n, i;
    const dsr_skip *s = dsr_index_skipped(check_ix(L), &n);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        set_str(L, "path", s[i].path);
        set_str(L, "reason", s[i].reason);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

static int l_warnings(lua_State *L)
{
    size_t n, i;
    const char *const *w = dsr_index_warnings(check_ix(L), &n);
    lua_createtable(L, (int)n, 0);
    for (i = 0; i < n; i++) {
        lua_pushstring(L, w[i]);
        lua_rawseti(L, -2, (int)i + 1);
    }
    return 1;
}

static int l_refresh(lua_State *L)
{
    char *err = NULL;
    dsr_index *ix = check_ix(L);
    if (refresh_pending(L, (ud_index *)lua_touserdata(L, 1)))
        return luaL_error(L, "dossier: a background refresh is reading this index");
    stop_searches((ud_index *)lua_touserdata(L, 1));
    if (dsr_index_refresh(ix, &err)) {
        lua_pushfstring(L, "dossier: %s", err ? err : "out of memory");
        free(err);
        return lua_error(L);
    }
    return 0;
}

/* ---- jobs ---------------------------------------------------------------- */

static ud_job *check_job(lua_State *L)
{
    return (ud_job *)luaL_checkudata(L, 1, MT_JOB);
}

static ud_job *new_ud_job(lua_State *L)
{
    ud_job *u = (ud_job *)dsr_newuserdata(L, sizeof *u);
    u->job = NULL;
    u->ref = LUA_NOREF;
    u->target = NULL;
    u->owner = NULL;
    u->next = NULL;
    u->what = 0;
    u->query = NULL;
    u->qlen = 0;
    u->by_date = NULL;
    luaL_getmetatable(L, MT_JOB);
    lua_setmetatable(L, -2);
    return u;
}

/* core.start(dir, opts) -> job */
static int l_start(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    const char *exts[33];
    dsr_options opt;
    char *cache = NULL;
    ud_job *u;
    read_options(L, &opt, exts, &cache);
    u = new_ud_job(L);
    u->job = dsr_job_open(dir, &opt);   /* copies what it keeps */
    free(cache);
    if (!u->job) return luaL_error(L, "dossier: cannot start a thread");
    return 1;
}

/* ix:refresh_start() -> job; job:index() then refreshes ix in place. */
static int l_refresh_start(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    ud_index *ui = (ud_index *)lua_touserdata(L, 1);
    ud_job *u;
    if (refresh_pending(L, ui))
        return luaL_error(L, "dossier: a refresh is already running (take its index or close the job first)");
    u = new_ud_job(L);
    if (!(u->job = dsr_job_refresh(ix))) return luaL_error(L, "dossier: cannot start a thread");
    lua_pushvalue(L, 1);
    u->ref = luaL_ref(L, LUA_REGISTRYINDEX);
    u->target = ui;
    ui->refresh = u;
    return 1;
}

/* A search job on the index at 1 for `what` (the query at 2, copied). */
static int start_search(lua_State *L, dsr_search *what)
{
    ud_index *ui = (ud_index *)lua_touserdata(L, 1);
    ud_job *u = new_ud_job(L);
    if (!(u->query = malloc(what->qlen + 1))) return luaL_error(L, "dossier: out of memory");
    memcpy(u->query, what->query, what->qlen);
    u->query[what->qlen] = '\0';
    u->qlen = what->qlen;
    u->what = what->what;
    prune_drained(ui, 0);
    if (!(u->job = dsr_job_search(ui->ix, what))) return luaL_error(L, "dossier: cannot start a thread");
    u->owner = ui;
    u->next = ui->searches;
    ui->searches = u;
    return 1;
}

/* ix:search_events(query, { entity=, from=, to=, limit= }) -> job: the
 * query of ix:fuzzy_events (not empty) run on a thread. */
static int l_search_events(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    dsr_search what;
    memset(&what, 0, sizeof what);
    what.what = DSR_SEARCH_EVENTS;
    what.query = luaL_optlstring(L, 2, "", &what.qlen);
    read_filter(L, ix, 3, &what.entity, &what.from, &what.to);
    what.k = opt_limit_field(L, 3, 100);
    return start_search(L, &what);
}

/* ix:search_entities(query, limit) -> job: ix:fuzzy_entities on a thread. */
static int l_search_entities(lua_State *L)
{
    dsr_search what;
    check_ix(L);
    memset(&what, 0, sizeof what);
    what.what = DSR_SEARCH_ENTITIES;
    what.query = luaL_checklstring(L, 2, &what.qlen);
    what.k = opt_limit(L, luaL_optnumber(L, 3, 50));
    return start_search(L, &what);
}

/* The hits of the finished search job at 1, or a Lua error (still
 * running, cancelled, its index closed or replaced). */
static const dsr_fuzzy_hit *done_hits(lua_State *L, ud_job *u, size_t *n)
{
    dsr_job_status st;
    if (!u->job || !u->what) luaL_error(L, "dossier: not a search job, or closed");
    st = dsr_job_poll(u->job);
    if (!st.done) luaL_error(L, "dossier: the search is still running");
    if (st.failed || !u->owner || !u->owner->ix)
        luaL_error(L, "dossier: %s", st.failed ? st.error : "cancelled");
    return dsr_job_hits(u->job, n);
}

static int by_number(const void *a, const void *b)
{
    uint32_t x = ((const dsr_fuzzy_hit *)a)->index, y = ((const dsr_fuzzy_hit *)b)->index;
    return x < y ? -1 : x > y;
}

/* job:count() -> how many hits a finished search has. */
static int l_job_count(lua_State *L)
{
    size_t n;
    done_hits(L, check_job(L), &n);
    push_int(L, n);
    return 1;
}

/* job:results([from, n [, "date"]]) -> a finished search's results, as
 * ix:fuzzy_events or ix:fuzzy_entities gives them: all, or rows from..
 * from+n-1 (1-based) of them, best first or, with "date", by number
 * (date order for events).  A picker asks for the rows it shows. */
static int l_job_results(lua_State *L)
{
    ud_job *u = check_job(L);
    size_t n, from = 0, count;
    const dsr_fuzzy_hit *hits = done_hits(L, u, &n);
    if (lua_type(L, 2) == LUA_TNUMBER && lua_tonumber(L, 2) > 1)
        from = lua_tonumber(L, 2) - 1 < (lua_Number)n ? (size_t)lua_tonumber(L, 2) - 1 : n;
    count = n - from;
    if (lua_type(L, 3) == LUA_TNUMBER && lua_tonumber(L, 3) >= 0 && lua_tonumber(L, 3) < (lua_Number)count)
        count = (size_t)lua_tonumber(L, 3);
    if (lua_type(L, 4) == LUA_TSTRING && strcmp(lua_tostring(L, 4), "date") == 0 && n > 0) {
        if (!u->by_date) {
            if (!(u->by_date = malloc(n * sizeof *u->by_date))) return luaL_error(L, "dossier: out of memory");
            memcpy(u->by_date, hits, n * sizeof *hits);
            qsort(u->by_date, n, sizeof *u->by_date, by_number);
        }
        hits = u->by_date;
    }
    if (u->what == DSR_SEARCH_EVENTS) push_event_hits(L, u->owner->ix, u->query, u->qlen, hits + from, count);
    else push_entity_hits(L, u->owner->ix, u->query, u->qlen, hits + from, count);
    return 1;
}

static int l_job_poll(lua_State *L)
{
    ud_job *u = check_job(L);
    dsr_job_status s;
    if (!u->job) return luaL_error(L, "dossier: the job is closed");
    s = dsr_job_poll(u->job);
    lua_createtable(L, 0, 6);
    lua_pushboolean(L, s.done);
    lua_setfield(L, -2, "done");
    set_int(L, "files_done", s.files_done);
    set_int(L, "files_total", s.files_total);
    set_int(L, "bytes_done", s.bytes_done);
    set_int(L, "bytes_total", s.bytes_total);
    if (s.failed) set_str(L, "error", s.error);
    return 1;
}

/* job:index() -> the index once the job is done; an error while it runs,
 * or with the reason it failed.  A refresh job hands the refreshed index
 * to the ix it was started from (and returns that ix). */
static int l_job_index(lua_State *L)
{
    ud_job *u = check_job(L);
    char *err = NULL;
    dsr_index *ix;
    if (!u->job) return luaL_error(L, "dossier: the job is closed");
    if (!(ix = dsr_job_take(u->job, &err))) {
        if (u->target && dsr_job_poll(u->job).done) job_unpin(L, u);
        lua_pushfstring(L, "dossier: %s", err ? err : "out of memory");
        free(err);
        return lua_error(L);
    }
    if (u->target) {
        ud_index *t = u->target;
        dsr_index *old = t->ix;
        lua_rawgeti(L, LUA_REGISTRYINDEX, u->ref);
        job_unpin(L, u);
        stop_searches(t);
        t->ix = ix;
        dsr_index_free_later(old);      /* freeing a big index takes a while */
        return 1;
    }
    new_ud_index(L)->ix = ix;
    return 1;
}

static int l_job_cancel(lua_State *L)
{
    ud_job *u = check_job(L);
    if (u->job) dsr_job_cancel(u->job);
    return 0;
}

/* A search leaves its index's list, cancelled.  If its thread may still
 * be running, the job moves to the index's draining list (u->job becomes
 * NULL) rather than be waited for; without memory for that, it is waited
 * for. */
static void search_unlink(ud_job *u)
{
    ud_job **p;
    drain *d;
    if (!u->owner) return;
    for (p = &u->owner->searches; *p; p = &(*p)->next)
        if (*p == u) {
            *p = u->next;
            break;
        }
    dsr_job_cancel(u->job);
    if (!dsr_job_poll(u->job).done && (d = malloc(sizeof *d))) {
        d->job = u->job;
        d->next = u->owner->draining;
        u->owner->draining = d;
        u->job = NULL;
    } else {
        dsr_job_wait(u->job);
    }
    u->owner = NULL;
}

static int l_job_gc(lua_State *L)
{
    ud_job *u = check_job(L);
    if (u->target) refresh_stop(u);     /* its thread may still read the index */
    job_unpin(L, u);
    search_unlink(u);
    dsr_job_free(u->job);               /* cancels if running; never waits */
    u->job = NULL;
    free(u->query);
    u->query = NULL;
    free(u->by_date);
    u->by_date = NULL;
    return 0;
}

static const luaL_Reg job_methods[] = {
    {"poll", l_job_poll}, {"index", l_job_index}, {"cancel", l_job_cancel},
    {"results", l_job_results}, {"count", l_job_count}, {"close", l_job_gc}, {NULL, NULL}
};

static int l_tostring(lua_State *L)
{
    ud_index *u = (ud_index *)luaL_checkudata(L, 1, MT);
    if (u->ix) lua_pushfstring(L, "dossier.index(%s)", dsr_index_root(u->ix));
    else lua_pushstring(L, "dossier.index(closed)");
    return 1;
}

static const luaL_Reg methods[] = {
    {"stats", l_stats}, {"documents", l_documents}, {"entities", l_entities},
    {"entity", l_entity}, {"events", l_events}, {"export", l_export},
    {"lookup", l_lookup}, {"lookup_at", l_lookup_at}, {"complete", l_complete},
    {"skipped", l_skipped}, {"warnings", l_warnings}, {"refresh", l_refresh},
    {"refresh_start", l_refresh_start}, {"mentions", l_mentions},
    {"fuzzy_events", l_fuzzy_events}, {"fuzzy_entities", l_fuzzy_entities},
    {"search_events", l_search_events}, {"search_entities", l_search_entities},
    {"close", l_close}, {NULL, NULL}
};

static void set_funcs(lua_State *L, const luaL_Reg *r)
{
    for (; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lua_setfield(L, -2, r->name);
    }
}

int luaopen_dossier_core(lua_State *L);

/* Jobs and dsr_index_free_later run on detached threads that may outlive
 * the Lua state: lua_close would then unload this module (dlclose) under
 * a running thread, which crashes.  Keep the module mapped until exit. */
static void pin_module(void)
{
    Dl_info info;
    if (dladdr((void *)pin_module, &info) && info.dli_fname)
        dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}

int luaopen_dossier_core(lua_State *L)
{
    if (!DSR_ABI_OK()) {
        lua_pushstring(L, "dossier.core: this module was built for " DSR_ABI_NAME
                          " and cannot be loaded by this interpreter; "
                          "run `make` to build the module for every Lua ABI "
                          "(LuaJIT/Neovim: lua/dossier/core.so, Lua 5.4: build/lua54/dossier/core.so)");
        return lua_error(L);
    }
    pin_module();
    if (luaL_newmetatable(L, MT)) {
        lua_createtable(L, 0, 16);
        set_funcs(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, l_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, l_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, MT_JOB)) {
        lua_createtable(L, 0, 4);
        set_funcs(L, job_methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, l_job_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, 6);
    lua_pushcfunction(L, l_open);
    lua_setfield(L, -2, "open");
    lua_pushcfunction(L, l_start);
    lua_setfield(L, -2, "start");
    lua_pushcfunction(L, l_fuzzy);
    lua_setfield(L, -2, "fuzzy");
    set_str(L, "version", DOSSIER_VERSION);
    set_str(L, "abi", DSR_ABI_NAME);
    return 1;
}
