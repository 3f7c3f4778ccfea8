#!/bin/sh
# Install the rock offline for Lua 5.1 and 5.4 into temporary trees and
# require dossier.core from each: LuaJIT and Neovim for 5.1, lua5.4 for 5.4.
cd "$(dirname "$0")/.." || exit 2
spec=rockspec/dossier.nvim-scm-1.rockspec
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
check() {   # check NAME COMMAND...
    name=$1
    shift
    if out=$("$@" 2>&1); then echo "ok - $name: $out"; else echo "not ok - $name: $out"; status=1; fi
}
for v in 5.1 5.4; do
    tree=$tmp/$v
    if ! luarocks make --lua-version "$v" --tree "$tree" --deps-mode none "$spec" >"$tmp/log-$v" 2>&1; then
        cat "$tmp/log-$v"
        echo "not ok - luarocks make --lua-version $v"
        status=1
        continue
    fi
    echo "ok - luarocks make --lua-version $v"
    lp="$tree/share/lua/$v/?.lua;$tree/share/lua/$v/?/init.lua;;"
    cp="$tree/lib/lua/$v/?.so;;"
    probe='local c = require("dossier.core"); local ix = c.open("examples/briefings"); io.write(c.abi, " ", ix:stats().documents, " documents")'
    if [ "$v" = 5.1 ]; then
        check "luajit requires dossier.core from the 5.1 tree" env LUA_PATH="$lp" LUA_CPATH="$cp" luajit -e "$probe"
        check "nvim requires dossier.core from the 5.1 tree" env LUA_PATH="$lp" LUA_CPATH="$cp" \
            nvim --headless -u NONE -i NONE -n -c "lua $probe" -c "qall!"
    else
        check "lua5.4 requires dossier.core from the 5.4 tree" env LUA_PATH="$lp" LUA_CPATH="$cp" lua5.4 -e "$probe"
    fi
done
exit $status
