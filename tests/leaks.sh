#!/bin/sh
# Leaks of the Lua module, under valgrind (TAP).
#
# A Lua 5.4 script drives dossier.core (build/lua54/dossier/core.so) through
# open/close cycles of an index of examples/briefings: every accessor, the
# export, lookups, refresh, background jobs (core.start, refresh_start,
# cancel), the garbage collector closing an index nobody closed, and the
# error paths (a missing folder, use after close).  Checked:
#   - valgrind finds no memory error and nothing definitely or indirectly
#     lost (--error-exitcode);
#   - memory in use at exit is the same after 2 cycles as after 8: nothing
#     grows with open/close cycles.
# Then the same script under LuaJIT (lua/dossier/core.so), without the
# growth check (LuaJIT keeps its own arenas).
# With a cache folder, so valgrind also sees every byte written to the
# cache file defined (no heap or stack garbage on disk).
cd "$(dirname "$0")/.." || exit 2
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
if ! command -v valgrind >/dev/null 2>&1; then
    echo "1..0 # SKIP valgrind is not installed (sh tools/deps.sh valgrind)"
    exit 0
fi
[ -f build/lua54/dossier/core.so ] || { echo "1..1"; notok "build/lua54/dossier/core.so missing (run make)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r examples/briefings "$tmp/folder"
script=$tmp/cycles.lua
cat >"$script" <<'LUA'
local core = require("dossier.core")
local dir, cache, cycles = arg[1], arg[2], tonumber(arg[3])
if cache == "-" then cache = nil end
local function wait(job)
  for _ = 1, 20000 do
    if job:poll().done then return end
    os.execute("sleep 0.01")
  end
  error("job never finished")
end
for i = 1, cycles do
  local ix = core.open(dir, { cache_dir = cache })
  local s = ix:stats()
  assert(s.documents > 0)
  ix:documents(); ix:skipped(); ix:warnings()
  local ents = ix:entities()
  for k = 1, math.min(#ents, 5) do
    local e = ix:entity(k)
    ix:lookup(e.name)
    ix:lookup_at("about " .. e.name .. " here", 7)
    ix:complete(e.name:sub(1, 2), 5)
    ix:mentions(k)
  end
  ix:events({})
  ix:fuzzy_events("erupt", {})
  ix:fuzzy_entities("ice", 5)
  assert(#ix:export() > 100)
  ix:refresh()
  ix:close()
  ix:close()                                        -- twice is fine
  assert(not pcall(ix.stats, ix))                   -- use after close: an error
  assert(not pcall(core.open, dir .. "/missing"))   -- an error, nothing leaked
  local lost = core.open(dir)                       -- left to the collector
  lost = nil
  local job = core.start(dir, { cache_dir = cache })
  wait(job)
  local jx = job:index()
  local rj = jx:refresh_start()
  wait(rj)
  rj:index()
  jx:close()
  local c = core.start(dir, {})                     -- cancelled, then collected
  c:cancel()
  c = nil
  core.fuzzy({ "alpha", "beta", "Eyjafjallajokull" }, "eya", 2)
  collectgarbage()
  collectgarbage()
end
os.execute("sleep 1")       -- indexes freed on background threads finish
print("cycles done", cycles)
LUA
run_vg() {   # interpreter, cpath, cycles, log
    LUA_CPATH="$2" valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --num-callers=20 "$1" "$script" "$tmp/folder" "$tmp/cache" "$3" >"$4" 2>&1
}
in_use() { sed -n 's/.*in use at exit: \([0-9,]*\) bytes.*/\1/p' "$1" | tr -d ,; }
echo "1..4"
run_vg lua5.4 "build/lua54/?.so" 2 "$tmp/vg2.log"; rc2=$?
run_vg lua5.4 "build/lua54/?.so" 8 "$tmp/vg8.log"; rc8=$?
if [ $rc2 = 0 ] && [ $rc8 = 0 ] && grep -q "cycles done" "$tmp/vg8.log"; then
    ok "Lua 5.4: no memory errors, nothing lost over 8 open/close cycles"
else
    notok "Lua 5.4 under valgrind (exit $rc2/$rc8)"
    grep -E "Invalid|uninitialised|definitely|indirectly|at 0x|by 0x|Error|error" "$tmp/vg8.log" "$tmp/vg2.log" | head -40 | sed 's/^/# /'
fi
u2=$(in_use "$tmp/vg2.log"); u8=$(in_use "$tmp/vg8.log")
if [ -n "$u2" ] && [ "$u2" = "$u8" ]; then
    ok "Lua 5.4: in use at exit after 2 cycles = after 8 ($u2 bytes): no growth"
else
    notok "Lua 5.4: in use at exit grows with cycles: ${u2:-?} bytes after 2, ${u8:-?} after 8"
fi
s=$(grep -c "definitely lost: [1-9]" "$tmp/vg8.log")
[ "$s" = 0 ] && ok "Lua 5.4: the leak summary shows nothing definitely lost" || notok "Lua 5.4: definitely lost"
if command -v luajit >/dev/null 2>&1 && [ -f lua/dossier/core.so ]; then
    run_vg luajit "lua/?.so" 3 "$tmp/vgj.log"; rcj=$?
    if [ $rcj = 0 ] && grep -q "cycles done" "$tmp/vgj.log"; then
        ok "LuaJIT: no memory errors, nothing lost over 3 cycles"
    else
        notok "LuaJIT under valgrind (exit $rcj)"
        grep -E "Invalid|definitely|indirectly|at 0x|by 0x|rror" "$tmp/vgj.log" | head -30 | sed 's/^/# /'
    fi
else
    ok "LuaJIT # SKIP luajit or lua/dossier/core.so missing"
fi
