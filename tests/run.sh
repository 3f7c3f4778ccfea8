#!/bin/sh
# Run the test suites and total them.
#   tests/run.sh [c|asan|lua|nvim|bad|...]    (default: all)
# Each suite's own output is shown; the last line is "N passed, N failed"
# over every suite, and the exit status is non-zero on any failure.
cd "$(dirname "$0")/.." || exit 2
# Default: the four framework suites, then every tests/NAME.sh script (TAP).
extra=$(for f in tests/*.sh; do [ "$f" = tests/run.sh ] || basename "$f" .sh; done)
suites=${*:-"c asan lua nvim $extra"}
pass=0
fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# cmocka: "[  PASSED  ] N test(s)." / "[  FAILED  ] N test(s)"; a binary that
# dies without its summary counts as one failure.
run_cmocka() {
    for t in "$@"; do
        [ -x "$t" ] || continue
        "$t" >"$log" 2>&1
        rc=$?
        cat "$log"
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        p=${p:-0}
        f=${f:-0}
        if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
            echo "!! $t exited with status $rc"
            f=1
        fi
        pass=$((pass + p))
        fail=$((fail + f))
    done
}

# busted with TAP output: count "ok"/"not ok" lines; no plan line = crash.
count_tap() {
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ "$1" != 0 ] && [ "$f" = 0 ]; then
        echo "!! $2 exited with status $1"
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

# Suites that start Neovim keep its cache (and the index cache) out of ~/.cache.
XDG_CACHE_HOME=$(mktemp -d)
export XDG_CACHE_HOME
trap 'rm -f "$log"; rm -rf "$XDG_CACHE_HOME"' EXIT

for s in $suites; do
    echo "== $s"
    case $s in
    c) run_cmocka build/tests/test_* ;;
    asan) ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 run_cmocka build/asan-tests/test_* ;;
    lua)
        LUA_CPATH="build/lua54/?.so;;" LUA_PATH="lua/?.lua;lua/?/init.lua;tests/?.lua;;" \
            lua5.4 /usr/bin/busted -o TAP tests/lua >"$log" 2>&1
        rc=$?
        cat "$log"
        count_tap $rc "busted (Lua 5.4)"
        ;;
    nvim)
        timeout 600 nvim --headless -u NONE -i NONE -n -c "luafile tests/nvim/busted.lua" \
            -- -o TAP tests/nvim >"$log" 2>&1 </dev/null
        rc=$?
        cat "$log"
        count_tap $rc "busted (Neovim)"
        ;;
    *) [ -x "tests/$s.sh" ] || { echo "no suite $s"; fail=$((fail + 1)); continue; }
        "tests/$s.sh" >"$log" 2>&1
        rc=$?
        cat "$log"
        count_tap $rc "tests/$s.sh"
        ;;
    esac
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
