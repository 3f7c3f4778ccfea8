#!/bin/sh
# Bad input through the command line (TAP): build/dossier over folders made
# here, at run time.  Checked: the export of hostile names, titles and
# bytes is strict JSON for Python's json module (valid UTF-8, no raw control
# characters); skips have reasons; a read-only folder is indexed and left
# exactly as it was (as `nobody` when run as root, since root ignores
# permission bits); unreadable folders are skipped with a reason; errors
# have exit statuses and messages; nothing in a name or a document is run.
cd "$(dirname "$0")/.." || exit 2
D=$PWD/build/dossier
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if [ "$1" = 0 ]; then ok "$2"; else notok "$2"; fi; }
skipped() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
echo "1..15"
[ -x "$D" ] || { notok "build/dossier missing (run make)"; exit 1; }
tmp=$(mktemp -d /tmp/dossier-badsh-XXXXXX)
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
strict_json() { python3 -c 'import json,sys; json.loads(sys.stdin.buffer.read().decode("utf-8"))'; }

# ---- hostile names, titles and bytes ---------------------------------------
f=$tmp/nasty
mkdir -p "$f/sub"
printf '# Good\n\nThe envoy met officials in Geneva on March 3, 2010.\n' >"$f/good.md"
printf -- '---\ntitle: "Ti\001tle \033[31m \\" \\\\ \377\376 end"\naliases: ["A\002: B\003", "Kim \033]0;x\007 Jong"]\n---\nOn March 3, 2010, Kim \033[2J Jong Il met "Ban\\Ki-moon" in Caf\351 \300\257.\n' >"$f/controls.md"
for name in "$(printf 'caf\351.md')" "$(printf 'new\nline.md')" "$(printf 'esc\033[1m.md')" 'quote".md' 'back\slash.md' \
            '$(touch PWNED).md' '`touch PWNED`.md' "$(printf 'tab\t.md')" "$(printf '\342\200\256dm.md')"; do
    printf 'On March 4, 2010, Angela Merkel met Nicolas Sarkozy in Paris.\n' >"$f/$name"
done
printf 'bin\000ary' >"$f/binary.md"
printf '\377\376h\000i\000' >"$f/utf16.txt"
ln -s /etc/passwd "$f/passwd.md"
ln -s . "$f/loop"
(cd "$tmp" && "$D" export --json "$f" >"$tmp/export.json" 2>"$tmp/export.err")
check $? "export of a folder of hostile names exits 0"
strict_json <"$tmp/export.json"
check $? "the export is strict JSON (python3 json, UTF-8) despite control characters, quotes, backslashes, invalid UTF-8"
"$D" export --json --pretty "$f" | strict_json
check $? "the pretty export is strict JSON too"
python3 - "$tmp/export.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
paths = {d["path"] for d in j["documents"]}
skips = {s["path"]: s["reason"] for s in j["skipped"]}
need = ["good.md", "controls.md", "quote\".md", "back\\slash.md", "$(touch PWNED).md", "new\nline.md"]
missing = [p for p in need if p not in paths]
bad = [p for p in ("binary.md", "utf16.txt", "passwd.md", "loop") if not skips.get(p)]
assert len(paths) == 11, sorted(paths)
assert not missing, missing
assert not bad, (bad, skips)
assert "root:x:0" not in open(sys.argv[1], encoding="utf-8").read()
PY
check $? "every document indexed, binary/UTF-16/outside link/loop skipped with a reason, /etc/passwd not read"
[ ! -e "$tmp/PWNED" ] && [ ! -e "$f/PWNED" ] && [ ! -e PWNED ]
check $? "nothing in a file name was run"
out=$("$D" status "$f" 2>&1)
rc=$?
echo "$out" | grep -q "binary" && echo "$out" | grep -q "UTF-16" && [ $rc = 0 ]
check $? "status names the skipped files with their reasons"

# ---- read-only folder, unreadable parts ---------------------------------------
r=$tmp/ro
mkdir -p "$r/sub" "$r/locked" "$tmp/cache"
printf 'The envoy met officials in Geneva on March 3, 2010.\n' >"$r/a.md"
printf 'Notes of April 2010.\n' >"$r/sub/b.txt"
printf 'Hidden away.\n' >"$r/locked/c.md"
printf '{"aliases": {"UN": "United Nations"}}' >"$r/.dossier.json"
chmod 000 "$r/locked"
chmod -R a-w "$r" 2>/dev/null
chmod 777 "$tmp/cache"
snap() { (cd "$r" && find . -printf '%p %y %s %m %T@ %C@\n' 2>/dev/null | LC_ALL=C sort); }
before=$(snap)
if [ "$(id -u)" = 0 ]; then
    if command -v setpriv >/dev/null 2>&1 && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
        as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
    else
        as=
    fi
else
    as=env
fi
if [ -n "$as" ]; then
    $as "$D" export --json --cache "$tmp/cache/c" "$r" >"$tmp/ro.json" 2>"$tmp/ro.err"
    check $? "a read-only folder is indexed ($( [ "$as" = env ] && echo 'as this user' || echo 'as nobody'))"
    python3 - "$tmp/ro.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
paths = {d["path"] for d in j["documents"]}
skips = {s["path"]: s["reason"] for s in j["skipped"]}
assert paths == {"a.md", "sub/b.txt"}, paths
assert "permission denied" in skips.get("locked", ""), skips
PY
    check $? "the unreadable folder is skipped with 'permission denied', the rest indexed"
    $as "$D" export --json --cache "$tmp/cache/c" "$r" >/dev/null 2>&1   # through the cache
    after=$(snap)
    [ "$before" = "$after" ]
    check $? "nothing in the folder changed: names, sizes, modes, mtimes, ctimes (cache elsewhere)"
    chmod 000 "$r/sub" 2>/dev/null || chmod u+w "$r" && chmod 000 "$r/sub"
    $as "$D" export --json "$r/sub" >/dev/null 2>"$tmp/unr.err"
    rc=$?
    [ $rc = 1 ] && grep -q "Permission denied" "$tmp/unr.err"
    check $? "an unreadable folder to index is an error (exit 1, 'Permission denied')"
else
    for i in 1 2 3 4; do skipped "running as root and cannot drop to nobody (no setpriv): permission bits cannot be tested"; done
fi

# ---- errors ---------------------------------------------------------------------
"$D" export --json "$tmp/does-not-exist" >/dev/null 2>"$tmp/e1"
rc=$?
[ $rc = 1 ] && grep -q "does-not-exist" "$tmp/e1"
check $? "a missing folder: exit 1 and a message naming it"
"$D" export --json "$r/a.md" >/dev/null 2>"$tmp/e2"
rc=$?
[ $rc = 1 ] && [ -s "$tmp/e2" ]
check $? "a file instead of a folder: exit 1 and a message"
"$D" >/dev/null 2>&1
[ $? = 2 ]
check $? "no arguments: usage error (exit 2)"
"$D" timeline "$f" >"$tmp/timeline.txt" 2>&1
[ $? = 0 ]
check $? "timeline of the hostile folder exits 0"
c=$tmp/shown
mkdir -p "$c"
printf -- '---\ntitle: "T\033]0;X\007"\n---\nOn March 3, 2010, the minister \033]0;PWNED\007 met \033[2J officials \302\233 in Geneva.\n' >"$c/a.md"
"$D" timeline "$c" | LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')"
[ $? = 1 ]
check $? "timeline shows no control characters from a document (no terminal escapes)"
