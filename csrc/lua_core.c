/*
 * lua_core.c -- `dossier.core`, the Lua binding of dossier.h.
 *
 *   local core = require("dossier.core")
 *   local ix = core.open(dir, { extensions = {"md"}, max_file_size = n, cache_dir = d })
 *   ix:stats() ix:documents() ix:entities() ix:entity(id) ix:events(filter)
 *   ix:export() ix:lookup(name) ix:lookup_at(line, col) ix:complete(prefix, n)
 *   ix:skipped() ix:warnings() ix:refresh() ix:close()
 *
 * Entities and documents are numbered from 1 in Lua (C index + 1).  Byte
 * columns are 0-based, as Neovim's cursor columns are.  Errors are Lua
 * errors with a message.  All the work is in the core; this file converts.
 */
#include <stdlib.h>
#include <string.h>
#include "lua_abi.h"
#include "dossier.h"

#define MT "dossier.index"

typedef struct { dsr_index *ix; } ud_index;

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

static int l_open(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    const char *exts[33];
    dsr_options opt;
    ud_index *u;
    char *err = NULL;
    memset(&opt, 0, sizeof opt);
    if (lua_type(L, 2) == LUA_TTABLE) {
        opt.cache_dir = opt_field_str(L, 2, "cache_dir");
        lua_getfield(L, 2, "max_file_size");
        if (lua_type(L, -1) == LUA_TNUMBER) opt.max_file_size = (uint64_t)lua_tonumber(L, -1);
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
            opt.extensions = exts;
        }
        lua_pop(L, 1);
    }
    u = (ud_index *)dsr_newuserdata(L, sizeof *u);
    u->ix = NULL;
    luaL_getmetatable(L, MT);
    lua_setmetatable(L, -2);
    if (!(u->ix = dsr_index_open(dir, &opt, &err))) {
        lua_pushfstring(L, "dossier: %s", err ? err : "out of memory");
        free(err);
        return lua_error(L);
    }
    return 1;
}

static int l_close(lua_State *L)
{
    ud_index *u = (ud_index *)luaL_checkudata(L, 1, MT);
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
    set_int(L, "mentions", e->n_mentions);
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
    if (id < 1 || id > (lua_Number)n || id != (lua_Number)(size_t)id)
        luaL_argerror(L, arg, "no such entity");
    return (size_t)id - 1;
}

static void push_event(lua_State *L, const dsr_index *ix, size_t i)
{
    size_t n, nd, k;
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
    lua_createtable(L, (int)ev->n_entities, 0);
    for (k = 0; k < ev->n_entities; k++) {
        push_int(L, ev->entities[k] + 1);
        lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "entities");
}

/* ix:entity(id) -> the summary plus mentions, related entities, events. */
static int l_entity(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t id = check_entity(L, ix, 2), n, nd, k;
    const dsr_entity *e = &dsr_index_entities(ix, &n)[id];
    const dsr_document *d = dsr_index_documents(ix, &nd);
    push_entity_summary(L, ix, id);
    lua_createtable(L, (int)e->n_mentions, 0);
    for (k = 0; k < e->n_mentions; k++) {
        lua_createtable(L, 0, 3);
        set_str(L, "path", d[e->mentions[k].doc].path);
        set_int(L, "start", e->mentions[k].start);
        set_int(L, "end", e->mentions[k].end);
        lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "mention_list");
    lua_createtable(L, (int)e->n_related, 0);
    for (k = 0; k < e->n_related; k++) {
        push_int(L, e->related[k] + 1);
        lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "related");
    lua_createtable(L, (int)e->n_events, 0);
    for (k = 0; k < e->n_events; k++) {
        push_event(L, ix, e->events[k]);
        lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "event_list");
    return 1;
}

static int prefix_cmp(const char *d, const char *bound)
{
    size_t a = strlen(d), b = strlen(bound);
    return strncmp(d, bound, a < b ? a : b);
}

/* ix:events({ entity = id, from = "2010-01", to = "2010-02" }) in date order. */
static int l_events(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t n, ne, i, k = 0, count;
    const dsr_event *ev = dsr_index_events(ix, &n);
    const dsr_entity *ents = dsr_index_entities(ix, &ne);
    const uint32_t *only = NULL;
    const char *from = NULL, *to = NULL;
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_getfield(L, 2, "entity");
        if (!lua_isnil(L, -1)) {
            size_t id = check_entity(L, ix, lua_gettop(L));
            only = ents[id].events;
            n = ents[id].n_events;
        }
        lua_pop(L, 1);
        from = opt_field_str(L, 2, "from");
        to = opt_field_str(L, 2, "to");
    }
    lua_createtable(L, (int)n, 0);
    for (count = 0; count < n; count++) {
        i = only ? only[count] : count;
        if (from && prefix_cmp(ev[i].date, from) < 0) continue;
        if (to && prefix_cmp(ev[i].date, to) > 0) continue;
        push_event(L, ix, i);
        lua_rawseti(L, -2, (int)++k);
    }
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
    if (col < 0 || col >= (lua_Number)len) return 0;
    if ((id = dsr_lookup_at(ix, line, len, (size_t)col, &s, &e)) < 0) return 0;
    push_int(L, (uint64_t)id + 1);
    push_int(L, s);
    push_int(L, e);
    return 3;
}

static int l_complete(lua_State *L)
{
    dsr_index *ix = check_ix(L);
    size_t len, n, k, ne;
    const char *p = luaL_checklstring(L, 2, &len);
    lua_Number max = luaL_optnumber(L, 3, 50);
    uint32_t out[200];
    const char *forms[200];
    const dsr_entity *ents = dsr_index_entities(ix, &ne);
    if (max < 1) max = 1;
    if (max > 200) max = 200;
    n = dsr_complete(ix, p, len, (size_t)max, out, forms);
    lua_createtable(L, (int)n, 0);
    for (k = 0; k < n; k++) {
        lua_createtable(L, 0, 5);
        set_int(L, "id", out[k] + 1);
        set_str(L, "word", forms[k]);
        set_str(L, "name", ents[out[k]].name);
        set_str(L, "type", dsr_type_name(ents[out[k]].type));
        set_int(L, "mentions", ents[out[k]].n_mentions);
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
    if (dsr_index_refresh(check_ix(L), &err)) {
        lua_pushfstring(L, "dossier: %s", err ? err : "out of memory");
        free(err);
        return lua_error(L);
    }
    return 0;
}

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

int luaopen_dossier_core(lua_State *L)
{
    if (!DSR_ABI_OK()) {
        lua_pushstring(L, "dossier.core: this module was built for " DSR_ABI_NAME
                          " and cannot be loaded by this interpreter; "
                          "run `make` to build the module for every Lua ABI "
                          "(LuaJIT/Neovim: lua/dossier/core.so, Lua 5.4: build/lua54/dossier/core.so)");
        return lua_error(L);
    }
    if (luaL_newmetatable(L, MT)) {
        lua_createtable(L, 0, 16);
        set_funcs(L, methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, l_close);
        lua_setfield(L, -2, "__gc");
        lua_pushcfunction(L, l_tostring);
        lua_setfield(L, -2, "__tostring");
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, 4);
    lua_pushcfunction(L, l_open);
    lua_setfield(L, -2, "open");
    set_str(L, "version", DOSSIER_VERSION);
    set_str(L, "abi", DSR_ABI_NAME);
    return 1;
}
