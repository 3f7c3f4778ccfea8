#!/bin/sh
# The terminal UI itself: Neovim in tmux, keys sent as a user would, the
# screen read back with capture-pane.  Checks that the hover float and the
# timeline pickers (vim.ui.select and the plugin's own live one) are drawn,
# and that choosing an event jumps to it.
# Output: TAP.
cd "$(dirname "$0")/.." || exit 2
root=$(pwd)
sock="dossier-ui-$$"
session=ui
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; screen | sed 's/^/# /'; }
t() { tmux -L "$sock" "$@"; }
screen() { t capture-pane -p -t "$session"; }
cleanup() { t kill-server 2>/dev/null; }
trap cleanup EXIT

# Wait up to 5 s for the screen to show $1 (a fixed string).
wait_for() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}
wait_gone() {
    i=0
    while [ $i -lt 50 ]; do
        screen | grep -qF -- "$1" || return 0
        sleep 0.1
        i=$((i + 1))
    done
    return 1
}

echo "1..8"
if ! command -v tmux >/dev/null || [ ! -f lua/dossier/core.so ]; then
    echo "not ok 1 - tmux and lua/dossier/core.so are needed (run make)"
    exit 1
fi

t new-session -d -s "$session" -x 100 -y 30 \
    "nvim -u NONE -i NONE -n --cmd 'set rtp^=$root' --cmd 'runtime plugin/dossier.lua' \
     -c 'lua require(\"dossier\").setup({ folders = { \"$root/tests/fixtures/briefings\" } })' \
     $root/tests/fixtures/drafts/draft.md"

if wait_for "indexed 3 documents"; then ok "indexing reports in the echo area"; else not_ok "indexing reports in the echo area"; fi

# K on the second word of "Marta Lindqvist" (line 3).
t send-keys -t "$session" ":call cursor(3, 10)" Enter
sleep 0.2
t send-keys -t "$session" K
if wait_for "Marta Lindqvist — " && screen | grep -q "╭"; then ok "K draws the hover float with the card"; else not_ok "K draws the hover float with the card"; fi
if screen | grep -qF "harbour commissioner"; then ok "the card has the description"; else not_ok "the card has the description"; fi

t send-keys -t "$session" j
if wait_gone "Marta Lindqvist — "; then ok "the float closes when the cursor moves"; else not_ok "the float closes when the cursor moves"; fi

# The timeline picker (vim.ui.select with -u NONE).
t send-keys -t "$session" ":Dossier timeline" Enter
if wait_for "Timeline" && wait_for "2011-03-02"; then ok "the timeline picker is drawn, in date order"; else not_ok "the timeline picker is drawn, in date order"; fi
num=$(screen | grep -F "(dredging-contract.md:" | sed -n 's/^ *\([0-9][0-9]*\): .*/\1/p' | head -n 1)
t send-keys -t "$session" "${num:-0}" Enter
sleep 0.3
t send-keys -t "$session" ":echo 'at '.expand('%:t').':'.line('.')" Enter
if wait_for "at dredging-contract.md:"; then ok "choosing an event jumps to its source"; else not_ok "choosing an event jumps to its source"; fi
# The plugin's own picker: a prompt that searches as you type.
t send-keys -t "$session" ":lua require('dossier.timeline').open({ picker = 'dossier' })" Enter
wait_for "Timeline> " >/dev/null
t send-keys -t "$session" "breakwat"
if wait_for "1/1" && screen | grep -qF "breakwater"; then ok "the live picker filters as the query is typed"; else not_ok "the live picker filters as the query is typed"; fi
t send-keys -t "$session" Enter
sleep 0.3
t send-keys -t "$session" ":echo 'now '.expand('%:t').':'.line('.')" Enter
if wait_for "now 2011-03-04-harbour-closure.md:"; then ok "<CR> in the live picker jumps to the event"; else not_ok "<CR> in the live picker jumps to the event"; fi
t send-keys -t "$session" ":qa!" Enter
exit $((fail > 0))
