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
# Last, the Neovim specs (tests/nvim) and the Lua 5.4 specs (tests/lua)
# with the module built with AddressSanitizer and UBSan (libasan preloaded
# into nvim and lua5.4), in a copy of the tree so the module in lua/ is
# not touched.
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
  jx:refresh_start():close()                        -- dropped while it runs:
  jx:close()                                        -- it no longer reads jx
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
echo "1..6"
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

# ---- the Neovim specs over an ASan/UBSan build of the module ------------------
asan=$(gcc -print-file-name=libasan.so 2>/dev/null)
ubsan=$(gcc -print-file-name=libubsan.so 2>/dev/null)
# The module for one Lua ABI built with the sanitizers: ABI, cflags, output.
asan_module() {
    CJ=$(pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
    gcc -O1 -g -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -fPIC -fsanitize=address,undefined \
        -fno-omit-frame-pointer -fno-sanitize-recover=undefined $2 $CJ -DDSR_LUA_ABI=$1 -shared \
        -o "$3" csrc/lua_core.c build/libdossier-asan.a -lcjson -lpthread -lm 2>"$tmp/cc.log"
}
# Specs run with the sanitizers preloaded: name, log, command...; passes
# with some "ok", no "not ok" and no sanitizer report.
asan_specs() {
    name=$1 log=$2
    shift 2
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        LD_PRELOAD="$asan $ubsan" "$@" >"$log" 2>&1 </dev/null
    rc=$?
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ $rc = 0 ] && [ "$p" -gt 0 ] && [ "$f" = 0 ] && ! grep -qE 'ERROR: AddressSanitizer|runtime error' "$log"; then
        ok "$name with the module under ASan/UBSan: $p passed, no sanitizer report"
    else
        notok "$name with the module under ASan/UBSan (exit $rc, $p ok, $f not ok)"
        grep -E '^not ok|ERROR: Addr|runtime error|#[0-9]+ 0x' "$log" | head -30 | sed 's/^/# /'
    fi
}
[ -f "$asan" ] && [ -f "$ubsan" ] && { [ -f build/libdossier-asan.a ] || make -s build/libdossier-asan.a >/dev/null 2>&1; }
if ! command -v busted >/dev/null 2>&1 || [ ! -f "$asan" ] || [ ! -f "$ubsan" ]; then
    ok "Lua 5.4 specs under ASan # SKIP busted or gcc's libasan/libubsan missing"
else
    mkdir -p "$tmp/lua54/dossier"
    if asan_module 504 "$(pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)" \
           "$tmp/lua54/dossier/core.so"; then
        asan_specs "Lua 5.4 specs" "$tmp/lua54.log" env LUA_CPATH="$tmp/lua54/?.so;;" \
            LUA_PATH="lua/?.lua;lua/?/init.lua;tests/?.lua;;" timeout 600 lua5.4 "$(command -v busted)" -o TAP tests/lua
    else
        notok "cannot build the ASan module for Lua 5.4"
        sed 's/^/# /' "$tmp/cc.log" | head -10
    fi
fi
if ! command -v nvim >/dev/null 2>&1 || [ ! -f "$asan" ] || [ ! -f "$ubsan" ]; then
    ok "Neovim specs under ASan # SKIP nvim or gcc's libasan/libubsan missing"
else
    t=$tmp/tree
    mkdir -p "$t"
    cp -r lua plugin tests examples "$t"/ 2>/dev/null
    [ -d doc ] && cp -r doc "$t"/
    LUA51_CFLAGS=$(pkg-config --cflags luajit 2>/dev/null || echo -I/usr/include/luajit-2.1)
    if asan_module 501 "$LUA51_CFLAGS" "$t/lua/dossier/core.so"; then
        asan_specs "Neovim specs" "$tmp/nvim.log" sh -c 'cd "$1" && timeout 600 nvim --headless -u NONE -i NONE -n \
            -c "luafile tests/nvim/busted.lua" -- -o TAP tests/nvim' sh "$t"
    else
        notok "cannot build the ASan module"
        sed 's/^/# /' "$tmp/cc.log" | head -10
    fi
fi
