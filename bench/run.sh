#!/bin/sh
# bench/run.sh -- the benchmarks of `make bench`, written to doc/benchmarks.md.
#
# Every figure is measured in this run, on this machine, next to a
# reference measured the same way (cat and rg reading the same files, fzy
# on the same lines, a trivial Lua->C call), so the ratios mean something
# even on a busy or slow machine.  Needs ../shared/corpora/reuters21578/docs
# (relative to the repository); uses ripgrep and fzy (tools/deps.sh
# installs them).  BENCH_COLD=0 skips dropping the page cache for the cold
# runs (it needs root).  Takes two to four minutes (two processors).
set -u
cd "$(dirname "$0")/.." || exit 2
CORPUS=../shared/corpora/reuters21578/docs
OUT=doc/benchmarks.md
[ -d "$CORPUS" ] || {
    echo "bench: $CORPUS is missing: the benchmarks index the Reuters-21578 corpus from the shared folder" >&2
    exit 1
}
command -v rg >/dev/null 2>&1 && command -v fzy >/dev/null 2>&1 || sh tools/deps.sh ripgrep fzy >&2
for t in rg fzy; do command -v $t >/dev/null 2>&1 || { echo "bench: $t is missing (sh tools/deps.sh ripgrep fzy)" >&2; exit 1; }; done

CC=${CC:-cc}
CJSON_CFLAGS=$(pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS=$(pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM
B="$TMP/bench"
$CC -O2 -g -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icsrc $CJSON_CFLAGS -o "$B" bench/bench.c \
    build/libdossier.a $CJSON_LIBS -lpthread -lm || exit 1

now_ns() { date +%s%N; }
# Median wall milliseconds of running "$@" N times (first argument).
time_ms() {
    n=$1
    shift
    i=0
    : >"$TMP/times"
    while [ $i -lt "$n" ]; do
        t0=$(now_ns)
        "$@" >/dev/null 2>&1
        t1=$(now_ns)
        echo $(((t1 - t0) / 1000)) >>"$TMP/times"
        i=$((i + 1))
    done
    sort -n "$TMP/times" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}
get() { sed -n "s/^$1 //p" "$2" | head -n 1; }
# CPU milliseconds (user + sys) of running "$@" once.
# CPU milliseconds (user + sys) of running "$@": the shell's `times` (its
# second line is the children's), which needs no time(1) and is not lost
# with the command's own stderr.
cpu_ms() {
    ("$@" >/dev/null 2>&1; times) | awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
        printf "%.1f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mbps() { awk -v bytes="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.1f", bytes / 1e6 / (ms / 1e3); else print "-" }'; }
drop_caches() {
    [ "${BENCH_COLD:-1}" = 1 ] || return 1
    sync && (echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null
}
cat_all() { find "$1" -type f -print0 | xargs -0 cat >/dev/null; }
rg_all() { rg -q -uuu 'zqxjkvbw' "$1"; }

echo "bench: preparing folders" >&2
X1="$TMP/x1"
X10="$TMP/x10"
mkdir -p "$X1" "$X10"
cp -r "$CORPUS/." "$X1/"
i=0
while [ $i -lt 10 ]; do     # hard links: ten folders of the same bytes, copied once
    cp -rl "$X1" "$X10/copy$i" 2>/dev/null || cp -r "$X1" "$X10/copy$i"
    i=$((i + 1))
done
BYTES1=$(find "$X1" -type f -exec cat {} + | wc -c)
BYTES10=$(find "$X10" -type f -exec cat {} + | wc -c)
FILES1=$(find "$X1" -type f | wc -l)

echo "bench: reading and indexing" >&2
cat_all "$X1"
CAT1=$(time_ms 3 cat_all "$X1")
RG1=$(time_ms 3 rg_all "$X1")
IDX1=$(time_ms 2 env BENCH_THREADS=1 "$B" build "$X1")
IDX1_ALL=$(time_ms 2 "$B" build "$X1")
cat_all "$X10"
CAT10=$(time_ms 1 cat_all "$X10")
RG10=$(time_ms 1 rg_all "$X10")
IDX10=$(time_ms 1 env BENCH_THREADS=1 "$B" build "$X10")
COLD="not measured (needs root; BENCH_COLD=0)"
if drop_caches; then
    CATC=$(time_ms 1 cat_all "$X1")
    drop_caches
    RGC=$(time_ms 1 rg_all "$X1")
    drop_caches
    IDXC=$(time_ms 1 "$B" build "$X1")
    COLD=yes
fi
"$B" build "$X1" >"$TMP/build1"
IDX1_CPU=$(cpu_ms env BENCH_THREADS=1 "$B" build "$X1")

echo "bench: cache" >&2
C="$TMP/cache"
"$B" build "$X1" "$C" >"$TMP/first"
WRITE1=$(awk '{ if ($1 == "seconds") printf "%.1f", $2 * 1000 }' "$TMP/first")
REOPEN=$(time_ms 5 "$B" build "$X1" "$C")
"$B" build "$X1" "$C" >"$TMP/reopen"
REOPEN_LATER=$(time_ms 5 env BENCH_VERIFY_LATER=1 "$B" build "$X1" "$C")
REOPEN_CPU=$(cpu_ms "$B" build "$X1" "$C")
REOPEN_LATER_CPU=$(cpu_ms env BENCH_VERIFY_LATER=1 "$B" build "$X1" "$C")
"$B" verify "$X1" "$C" >"$TMP/verify"
"$B" phases "$X1" "$C" >"$TMP/phases"
REL=$(cd "$X1" && ls | sed -n 100p)
"$B" refresh "$X1" "$C" "$REL" >"$TMP/refresh"

echo "bench: lookups through Lua" >&2
LUA_CPATH="lua/?.so;;" luajit bench/hover.lua "$X1" >"$TMP/hover_jit" 2>&1
LUA_CPATH="build/lua54/?.so;;" lua5.4 bench/hover.lua "$X1" >"$TMP/hover_54" 2>&1
"$B" lookup "$X1" >"$TMP/lookup_c"

echo "bench: fuzzy over 1,000,000 lines" >&2
ROWS="$TMP/rows.txt"
"$B" gen 1000000 "$ROWS"
QUERIES="kalo wanmet mitedel bordel"
"$B" fuzzy "$ROWS" $QUERIES >"$TMP/fuzzy"
# The goal is for one core: the same search pinned to one processor
# (its threads then share it), when taskset is there.
ONE_CORE="taskset -c 0"
command -v taskset >/dev/null 2>&1 || ONE_CORE=""
[ -n "$ONE_CORE" ] && $ONE_CORE "$B" fuzzy "$ROWS" $QUERIES >"$TMP/fuzzy1"
: >"$TMP/fzy"
for q in $QUERIES; do
    cat "$ROWS" >/dev/null
    echo "$q $(time_ms 3 sh -c "fzy -e '$q' <'$ROWS' | head -n 50")" >>"$TMP/fzy"
done
READ_ROWS=$(time_ms 3 "$B" fuzzy "$ROWS")      # reading and splitting the file alone

echo "bench: memory" >&2
"$B" rss "$X1" >"$TMP/rss1"
"$B" rss "$X10" >"$TMP/rss10"
"$B" build "$X1" "$C" >/dev/null      # the refresh benchmark touched a file: save again
"$B" rss "$X1" "$C" >"$TMP/rss1c"

echo "bench: editor paths in Neovim" >&2
chmod -R u+w "$X1"      # bench/editor.lua rewrites one briefing (refresh on save)
DOSSIER_BENCH_DIR="$X1" nvim --headless -u NONE -i NONE -n --cmd "set rtp^=$(pwd)" \
    -c "luafile bench/editor.lua" >"$TMP/editor" 2>&1

# ---- the report ----------------------------------------------------------
DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
CPU=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
NPROC=$(nproc)
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
IDX1_MBS=$(mbps "$BYTES1" "$IDX1")
IDX10_MBS=$(mbps "$BYTES10" "$IDX10")
REOPEN_IN=$(awk '{ if ($1 == "seconds") printf "%.1f", $2 * 1000 }' "$TMP/reopen")
REFRESH=$(awk '{ if ($1 == "refresh_seconds") printf "%.2f", $2 * 1000 }' "$TMP/refresh")
FILEX=$(awk '{ if ($1 == "file_extract_seconds") printf "%.2f", $2 * 1000 }' "$TMP/refresh")
{
    echo "# Benchmarks"
    echo
    echo "Written by \`make bench\` (bench/run.sh) on $DATE: $NPROC processors ($CPU), load average $LOAD at the end."
    echo "Every ratio compares two figures measured in the same run.  The corpus is Reuters-21578"
    echo "(../shared/corpora/reuters21578/docs: $FILES1 files, $BYTES1 bytes) copied to a temporary folder,"
    echo "and ten copies of it ($BYTES10 bytes).  Times are medians of several runs unless said otherwise."
    echo
    echo "## Indexing"
    echo
    echo "| | 1x ($BYTES1 B) | 10x ($BYTES10 B) |"
    echo "|---|---|---|"
    echo "| cat, warm | $CAT1 ms | $CAT10 ms |"
    echo "| rg, warm (no match: reads everything) | $RG1 ms | $RG10 ms |"
    echo "| index build, warm, one core | $IDX1 ms ($IDX1_MBS MB/s) | $IDX10 ms ($IDX10_MBS MB/s) |"
    echo "| index build, warm, $NPROC threads (the default) | $IDX1_ALL ms ($(mbps "$BYTES1" "$IDX1_ALL") MB/s) | |"
    echo "| index build, one core, CPU time (user + sys) | $IDX1_CPU ms ($(mbps "$BYTES1" "$IDX1_CPU") MB/s) | |"
    echo "| index / cat | $(ratio "$IDX1" "$CAT1")x | $(ratio "$IDX10" "$CAT10")x |"
    echo "| index / rg | $(ratio "$IDX1" "$RG1")x | $(ratio "$IDX10" "$RG10")x |"
    if [ "$COLD" = yes ]; then
        echo "| cold (page cache dropped): cat / rg / index | $CATC / $RGC / $IDXC ms | |"
    else
        echo "| cold | $COLD | |"
    fi
    echo
    echo "Index build: $(get entities "$TMP/build1") entities, $(get events "$TMP/build1") events."
    echo
    echo "## Cache"
    echo
    echo "| | ms |"
    echo "|---|---|"
    echo "| first open with a cache folder (index + write) | $WRITE1 |"
    echo "| reopen unchanged folder from the cache, walk and check (process, median) | $REOPEN |"
    echo "| the same, CPU time (user + sys, all threads) | $REOPEN_CPU |"
    echo "| reopen, inside dsr_index_open | $REOPEN_IN |"
    echo "| of which: walk (stat every file) | $(get walk_ms "$TMP/phases") |"
    echo "| of which, on a second thread beside the walk: map and check the cache file | $(get cache_load_ms "$TMP/phases") |"
    echo "| and make the folder tables from it | $(get tables_load_ms "$TMP/phases") |"
    echo "| reopen answering from the cache before the walk (verify_later; process, median) | $REOPEN_LATER |"
    echo "| the same, CPU time | $REOPEN_LATER_CPU |"
    echo "| the same, inside dsr_index_open | $(awk '{ if ($1 == "open_seconds") printf "%.1f", $2 * 1000 }' "$TMP/verify") |"
    echo "| then verifying it: the refresh of the unchanged folder (walk, reload) | $(awk '{ if ($1 == "verify_seconds") printf "%.1f", $2 * 1000 }' "$TMP/verify") |"
    echo "| reopen / goal (50 ms): walk and check; answering first | $(ratio "$REOPEN" 50)x; $(ratio "$REOPEN_LATER" 50)x |"
    echo "| assembling the folder tables from the records (what the cache now saves; what a change still costs) | $(get assemble_ms "$TMP/phases") |"
    echo "| (within assembly: lookup tables $(get lookup_build_ms "$TMP/phases"), event rows $(get rows_build_ms "$TMP/phases")) | |"
    echo "| refresh after one file changed ($(get file_bytes "$TMP/refresh") B, reindexed $(get reindexed "$TMP/refresh"), cache saved) | $REFRESH |"
    echo "| extracting that file alone | $FILEX |"
    echo "| refresh / (5 ms + that file) | $(awk -v r="$REFRESH" -v f="$FILEX" 'BEGIN { printf "%.1f", r / (5 + f) }')x |"
    echo
    echo "## Lookups"
    echo
    echo "| | LuaJIT (Neovim ABI) | Lua 5.4 | C |"
    echo "|---|---|---|---|"
    echo "| hover: ix:lookup_at median | $(get hover_median_us "$TMP/hover_jit") us | $(get hover_median_us "$TMP/hover_54") us | $(get lookup_median_us "$TMP/lookup_c") us |"
    echo "| hover: p99 | $(get hover_p99_us "$TMP/hover_jit") us | $(get hover_p99_us "$TMP/hover_54") us | $(get lookup_p99_us "$TMP/lookup_c") us |"
    echo "| trivial Lua->C call (ix:lookup('')) median | $(get trivial_median_us "$TMP/hover_jit") us | $(get trivial_median_us "$TMP/hover_54") us | |"
    echo "| hover / trivial call | $(ratio "$(get hover_median_us "$TMP/hover_jit")" "$(get trivial_median_us "$TMP/hover_jit")")x | $(ratio "$(get hover_median_us "$TMP/hover_54")" "$(get trivial_median_us "$TMP/hover_54")")x | |"
    echo "| completion top 50 median | $(get complete_median_us "$TMP/hover_jit") us | $(get complete_median_us "$TMP/hover_54") us | $(get complete_median_us "$TMP/lookup_c") us |"
    echo "| completion top 50 p99 | $(get complete_p99_us "$TMP/hover_jit") us | $(get complete_p99_us "$TMP/hover_54") us | $(get complete_p99_us "$TMP/lookup_c") us |"
    echo "| (completion as a list of 50 new tables: median / p99) | $(get complete_tables_median_us "$TMP/hover_jit") / $(get complete_tables_p99_us "$TMP/hover_jit") us | $(get complete_tables_median_us "$TMP/hover_54") / $(get complete_tables_p99_us "$TMP/hover_54") us | |"
    echo "| ix:fuzzy_events top 50 over the corpus's events, median | $(get fuzzy_events_median_ms "$TMP/hover_jit") ms | $(get fuzzy_events_median_ms "$TMP/hover_54") ms | |"
    echo
    echo "Hover lines are \"Yesterday NAME's office said ...\" for every 23rd entity, the cursor on every 4th byte."
    echo "Completion fills a table the caller passes again (ix:complete(prefix, 50, into), as dossier.complete"
    echo "does); the row in brackets is the same search returning a new table per completion."
    echo
    echo "## Fuzzy matching, 1,000,000 generated event lines ($(wc -c <"$ROWS") bytes), top 50"
    echo
    echo "| query | dossier (in memory, $NPROC threads) | dossier CPU | dossier, one core | fzy -e (file) | fzy / dossier | fzy / dossier one core | fzy / (dossier + reading the file) |"
    echo "|---|---|---|---|---|---|---|---|"
    for q in $QUERIES; do
        d=$(awk -v q="$q" '$1 == "query" { cur = $2 } $1 == "ms" && cur == q { print $2 }' "$TMP/fuzzy")
        c=$(awk -v q="$q" '$1 == "query" { cur = $2 } $1 == "cpu_ms" && cur == q { print $2 }' "$TMP/fuzzy")
        o=$(awk -v q="$q" '$1 == "query" { cur = $2 } $1 == "ms" && cur == q { print $2 }' "$TMP/fuzzy1" 2>/dev/null)
        f=$(awk -v q="$q" '$1 == q { print $2 }' "$TMP/fzy")
        both=$(awk -v a="$d" -v b="$READ_ROWS" 'BEGIN { print a + b }')
        echo "| $q | $d ms | $c ms | ${o:--} ms | $f ms | $(ratio "$f" "$d")x | $(ratio "$f" "${o:-0}")x | $(ratio "$f" "$both")x |"
    done
    echo
    echo "Reading and splitting the 1M-line file in the benchmark program: $READ_ROWS ms."
    echo
    echo "## Memory"
    echo
    echo "| | peak RSS | text | RSS per byte of text |"
    echo "|---|---|---|---|"
    echo "| 1x | $(get peak_rss_kb "$TMP/rss1") kB | $(get bytes "$TMP/rss1") B | $(get rss_per_byte "$TMP/rss1") |"
    echo "| 10x | $(get peak_rss_kb "$TMP/rss10") kB | $(get bytes "$TMP/rss10") B | $(get rss_per_byte "$TMP/rss10") |"
    echo "| 1x, reopened from the cache (the mapped cache file counts) | $(get peak_rss_kb "$TMP/rss1c") kB | $(get bytes "$TMP/rss1c") B | $(get rss_per_byte "$TMP/rss1c") |"
    echo
    echo "## Editor: the main loop (bench/editor.lua in headless Neovim on the 1x folder)"
    echo
    echo "| path | longest plugin callback, CPU | same, wall clock | longest event-loop stall |"
    echo "|---|---|---|---|"
    awk '$1 == "editor" { cpu = $(NF - 2); cb = $(NF - 1); st = $NF; $1 = $NF = $(NF - 1) = $(NF - 2) = "";
                          sub(/^ +/, ""); sub(/ +$/, ""); printf "| %s | %s ms | %s ms | %s ms |\n", $0, cpu, cb, st }' "$TMP/editor"
    echo
    echo "The callback columns are the plugin's own code on the main loop (CPU: the main thread's"
    echo "CPU time; wall: including time a busy machine gave to other processes).  The stall is the"
    echo "longest gap a 1 ms timer on the event loop saw: any callback, Neovim's own included."
    echo
    cat bench/notes.md
} >"$OUT.tmp" && mv "$OUT.tmp" "$OUT"
cat "$OUT"
