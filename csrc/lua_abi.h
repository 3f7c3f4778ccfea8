/*
 * lua_abi.h -- one source, two Lua ABIs, and a clear refusal of the wrong one.
 *
 * lua_core.c is compiled twice: against LuaJIT's headers (Lua 5.1 ABI, what
 * Neovim embeds; DSR_LUA_ABI=501) and against Lua 5.4's (DSR_LUA_ABI=504).
 * Both builds are called dossier/core.so, so nothing stops an interpreter
 * from finding the other one on its path.  The module is not linked
 * against liblua; the host interpreter provides the symbols.
 *
 * Loading the wrong build must give an error, not a crash.  Two things make
 * that work:
 *   - the symbols that exist in only one ABI are declared weak, so dlopen
 *     succeeds even when the host lacks them (they resolve to NULL) and
 *     control reaches luaopen_dossier_core;
 *   - luaopen checks that a symbol of its own ABI is present before it
 *     makes any call whose calling convention differs between the ABIs.
 *     The refusal uses only lua_pushstring and lua_error, which have the
 *     same convention in 5.1, LuaJIT and 5.4.
 */
#ifndef DSR_LUA_ABI_H
#define DSR_LUA_ABI_H

#include <lua.h>
#include <lauxlib.h>

/* make passes DSR_LUA_ABI; a LuaRocks build takes it from the headers. */
#ifndef DSR_LUA_ABI
#if LUA_VERSION_NUM >= 504
#define DSR_LUA_ABI 504
#elif LUA_VERSION_NUM == 501
#define DSR_LUA_ABI 501
#else
#error "dossier.core supports the Lua 5.1 (LuaJIT) and Lua 5.4 ABIs"
#endif
#endif

#if DSR_LUA_ABI == 501
/* 5.1/LuaJIT only: gone (or macros) in 5.2+. */
#pragma weak lua_objlen
#pragma weak lua_newuserdata
#pragma weak lua_tointeger
#pragma weak lua_tonumber
#pragma weak luaL_register
#pragma weak lua_pcall
#pragma weak lua_call
#pragma weak lua_insert
#pragma weak lua_remove
#define DSR_ABI_OK() (&lua_objlen != NULL)
#define DSR_ABI_NAME "Lua 5.1 / LuaJIT"
#define dsr_newuserdata(L, n) lua_newuserdata(L, n)
#define dsr_rawlen(L, i) lua_objlen(L, i)
#else
/* 5.4 only. */
#pragma weak lua_newuserdatauv
#pragma weak lua_rawlen
#pragma weak lua_tointegerx
#pragma weak lua_tonumberx
#pragma weak lua_rotate
#pragma weak lua_callk
#pragma weak lua_pcallk
#pragma weak lua_setiuservalue
#pragma weak lua_getiuservalue
#define DSR_ABI_OK() (&lua_newuserdatauv != NULL)
#define DSR_ABI_NAME "Lua 5.4"
#define dsr_newuserdata(L, n) lua_newuserdatauv(L, n, 0)
#define dsr_rawlen(L, i) lua_rawlen(L, i)
#endif

#endif
