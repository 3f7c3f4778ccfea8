#!/bin/sh
# Bounded fuzzing rounds with libFuzzer (clang), one per target:
#
#   FUZZ_SECONDS=10 sh fuzz/run.sh [target...]      (make fuzz)
#
# Targets (fuzz/fuzz_<target>.c): docread (reader, front matter, a whole
# document through every extractor), names, timex (sentences, time
# expressions, document dates, events), config, cache (the cache loader
# past its checksum; see fuzz_cache.c), lookup (cursor lookups, completion,
# fuzzy pickers over examples/briefings).  The core is built once with
# -fsanitize=fuzzer-no-link,address,undefined into build/fuzz/, each target
# with -fsanitize=fuzzer,address,undefined.  Each target starts from its
# seeds in fuzz/corpus/<target>/ plus fuzz/regressions/<target>/ (copied to
# build/fuzz/corpus/<target>/, which grows run after run, so the repository
# is not touched) and runs FUZZ_SECONDS (default 60).  Prints executions per
# target.  A crash leaves its input in build/fuzz/crashes/<target>/: copy it
# to fuzz/regressions/<target>/ (tests/c/test_badfuzz.c replays those in
# make test) and fix the bug.  Exit status: 0 when no target crashed.
cd "$(dirname "$0")/.." || exit 2
secs=${FUZZ_SECONDS:-60}
targets=${*:-"docread names timex config cache lookup"}
B=build/fuzz
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null 2>&1 || { echo "fuzz: $CC not found (sh tools/deps.sh clang libclang-rt-14-dev)"; exit 2; }
CJSON_CFLAGS=$(pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS=$(pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Wno-unused-parameter $SAN $CJSON_CFLAGS"
mkdir -p "$B/obj" "$B/bin"

# The core, rebuilt when a source is newer than its object.
objs=
for src in csrc/*.c; do
    case $src in csrc/cli.c|csrc/lua_core.c) continue ;; esac
    o="$B/obj/$(basename "$src" .c).o"
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ] || [ -n "$(find csrc -name '*.h' -newer "$o" 2>/dev/null | head -n 1)" ]; then
        $CC $CFLAGS -fsanitize=fuzzer-no-link -c -o "$o" "$src" || { echo "fuzz: cannot compile $src"; exit 2; }
    fi
    objs="$objs $o"
done
rm -f "$B/libdossier-fuzz.a"
# shellcheck disable=SC2086
ar rcs "$B/libdossier-fuzz.a" $objs

status=0
summary=
for t in $targets; do
    src=fuzz/fuzz_$t.c
    [ -f "$src" ] || { echo "fuzz: no target $t"; status=2; continue; }
    bin="$B/bin/fuzz_$t"
    $CC $CFLAGS -fsanitize=fuzzer -Icsrc -Ifuzz -o "$bin" "$src" "$B/libdossier-fuzz.a" $CJSON_LIBS -lpthread -lm \
        || { echo "fuzz: cannot build $t"; status=2; continue; }
    corpus="$B/corpus/$t"
    crashes="$B/crashes/$t"
    mkdir -p "$corpus" "$crashes"
    for d in fuzz/corpus/$t fuzz/regressions/$t; do
        [ -d "$d" ] && cp "$d"/* "$corpus"/ 2>/dev/null
    done
    if [ "$t" = cache ]; then       # the real records of this build's layout
        FUZZ_CACHE_SEED="$corpus/real-cache-records" "$bin" -runs=0 >/dev/null 2>&1
    fi
    dict=
    [ -f "fuzz/$t.dict" ] && dict="-dict=fuzz/$t.dict"
    log="$B/$t.log"
    echo "== fuzz $t: ${secs}s"
    # shellcheck disable=SC2086
    t0=$(date +%s)
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
        "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" $dict "$corpus" >"$log" 2>&1
    rc=$?
    took=$(( $(date +%s) - t0 ))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    if [ "$rc" != 0 ]; then
        status=1
        echo "!! fuzz $t crashed (exit $rc); input in $crashes/:"
        ls -t "$crashes" | head -n 3
        grep -E 'ERROR|runtime error|SUMMARY|#[0-9]+ 0x' "$log" | head -n 20
    fi
    line="$t: ${execs:-?} executions in ${took}s, coverage ${cov:-?}, $(ls "$corpus" | wc -l) corpus files$([ "$rc" != 0 ] && echo ', CRASH')"
    echo "$line"
    summary="$summary
$line"
done
echo "== fuzz summary:$summary"
exit $status
