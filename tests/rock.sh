#!/bin/sh
# The LuaRocks installs for Lua 5.1 and 5.4, as a TAP suite of make test.
exec sh "$(dirname "$0")/../tools/rock-check.sh"
