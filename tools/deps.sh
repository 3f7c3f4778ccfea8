#!/bin/sh
# Install what the build and the tests need, if it is missing (Debian/Ubuntu).
#   tools/deps.sh [extra packages...]
# Does nothing when everything is there; otherwise apt-get as root or
# through sudo.  On other systems it names what to install and goes on.
set -e
pkgs="gcc make pkg-config libcjson-dev liblua5.4-dev lua5.4 libluajit-5.1-dev luajit liblua5.1-0-dev
      lua-busted neovim libcmocka-dev iso-codes luarocks tmux python3 valgrind $*"
command -v dpkg-query >/dev/null 2>&1 || {
    echo "deps: not a Debian/Ubuntu system; make sure these are installed: $pkgs" >&2
    exit 0
}
missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing" >&2
if [ "$(id -u)" = 0 ]; then sudo=; elif command -v sudo >/dev/null 2>&1; then sudo=sudo; else
    echo "deps: need root to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2 || true
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >&2
