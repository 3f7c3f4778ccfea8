-- bench/editor.lua -- how long each editor path holds Neovim's main loop,
-- on a large folder (bench/run.sh gives it a copy of Reuters-21578).
--
--   DOSSIER_BENCH_DIR=DIR nvim --headless -u NONE -i NONE -n \
--       --cmd 'set rtp^=.' -c 'luafile bench/editor.lua'
--
-- DIR must be a copy: one briefing is rewritten to measure the refresh on
-- save.  For every path it prints one line
--
--   editor PATH CPU_MS CALLBACK_MS STALL_MS
--
-- CALLBACK_MS is the longest single main-loop callback of the plugin on
-- that path (the synchronous call a key or command makes, and every timer
-- and scheduled callback wrapped in util.timed: index polls, search polls,
-- hint slices, ...), in wall-clock time; CPU_MS is the main thread's CPU
-- time in that callback (on a machine busy with other work the wall time
-- includes time the thread was not running).  STALL_MS is what a 1 ms
-- ticker on the event loop saw as its longest gap, minus the tick: it
-- catches any callback, the plugin's or Neovim's own (drawing, opening a
-- file), that runs meanwhile.  Each path runs a few times and the worst
-- is kept.  Before each run a full garbage collection (not measured)
-- clears what earlier paths left: LuaJIT's incremental collector makes
-- whatever code allocates next pay for garbage, and that debt belongs to
-- the path that made it.
local uv = vim.uv or vim.loop
local dir = assert(os.getenv("DOSSIER_BENCH_DIR"), "set DOSSIER_BENCH_DIR to a copy of a folder")
local ROUNDS = tonumber(os.getenv("DOSSIER_BENCH_ROUNDS") or "3")
local out = io.stdout

local util = require("dossier.util")
util.say = function() end
util.notify = function() end
util.echo_lines = function() end
vim.g.dossier_profile = true

-- The main thread's CPU time (LuaJIT's FFI; Linux CLOCK_THREAD_CPUTIME_ID).
local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } dsr_bench_timespec;
  int clock_gettime(int clk, dsr_bench_timespec *ts);
]])
local ts = ffi.new("dsr_bench_timespec")
local function thread_cpu_ns()
  ffi.C.clock_gettime(3, ts)
  return tonumber(ts.tv_sec) * 1e9 + tonumber(ts.tv_nsec)
end
util.cpu_clock = thread_cpu_ns

local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp .. "/drafts", "p")
vim.fn.mkdir(tmp .. "/cache", "p")
vim.cmd("runtime plugin/dossier.lua")
require("dossier").setup({
  folders = { dir }, drafts = { tmp .. "/drafts" },
  index = { cache = false, progress = true },
  hover = { auto = true },
  timeline = { picker = "select" },
  hints = { debounce = 0 },
})
local index = require("dossier.index")
local config = require("dossier.config")

-- Pickers record what they were given instead of drawing.
local picked
vim.ui.select = function(items, _, _) picked = items end

-- The ticker: the longest gap between two ticks since the last reset.
local last, worst = uv.hrtime(), 0
local ticker = uv.new_timer()
ticker:start(1, 1, function()
  local now = uv.hrtime()
  worst = math.max(worst, now - last)
  last = now
end)

-- Run `fn` on the main loop as a key or command would, then let the loop
-- run until `done()` (callbacks it scheduled: polls, slices); keep the
-- longest callback and the longest stall.  `prep` runs first, unmeasured.
local function measure(name, fn, done, prep)
  local cb, cpu, stall = 0, 0, 0
  for _ = 1, ROUNDS do
    if prep then prep() end
    collectgarbage()
    util.reset_timings()
    picked = nil
    local direct, direct_cpu = 0, 0
    vim.wait(20, function() return false end, 1)  -- let the ticker settle
    last, worst = uv.hrtime(), 0
    vim.schedule(function()
      local t0, c0 = uv.hrtime(), thread_cpu_ns()
      fn()
      direct, direct_cpu = (uv.hrtime() - t0) / 1e6, (thread_cpu_ns() - c0) / 1e6
    end)
    vim.wait(60000, function() return direct > 0 and (not done or done()) end, 1)
    vim.wait(10, function() return false end, 1)
    for k, t in pairs(util.timings()) do
      direct, direct_cpu = math.max(direct, t.max), math.max(direct_cpu, t.cpu_max)
      if os.getenv("DOSSIER_BENCH_VERBOSE") then
        out:write(string.format("#   %s %.2f ms (cpu %.2f) x%d\n", k, t.max, t.cpu_max, t.n))
      end
    end
    cb, cpu = math.max(cb, direct), math.max(cpu, direct_cpu)
    stall = math.max(stall, worst / 1e6 - 1)
  end
  out:write(string.format("editor %s %.2f %.2f %.2f\n", name, cpu, cb, math.max(stall, 0)))
  out:flush()
end

-- ---- indexing ---------------------------------------------------------------

local function ready() return index.get(dir) ~= nil end
-- (Closing an index frees it on the main loop: that is VimLeavePre's
-- work, not a path of the editing session, so it is left out.)
measure("index (build on a thread, progress)", function() index.ensure(dir) end, ready, index.close_all)
config.get().index.cache = true
config.get().index.cache_dir = tmp .. "/cache"
index.close_all()
index.ensure(dir)
vim.wait(60000, ready, 5)
measure("reopen from the cache", function() index.ensure(dir) end, ready, index.close_all)
local ix = index.get(dir)

-- A briefing about a much-mentioned entity, cursor on its name.
local files = vim.fn.globpath(dir, "*", false, true)
table.sort(files)
local function open_on(name)
  for _, f in ipairs(files) do
    for lnum, l in ipairs(vim.fn.readfile(f)) do
      local s = l:find(name, 1, true)
      if s then
        vim.cmd("edit " .. vim.fn.fnameescape(f))
        vim.api.nvim_win_set_cursor(0, { lnum, s - 1 })
        return f
      end
    end
  end
end
local briefing = assert(open_on("Reagan"), "no briefing names Reagan")
local reagan_pos = vim.api.nvim_win_get_cursor(0)
vim.fn.setfperm(briefing, "rw-r--r--")     -- a copy of a read-only folder
local function on_reagan()
  vim.cmd("edit " .. vim.fn.fnameescape(briefing))
  vim.api.nvim_win_set_cursor(0, reagan_pos)
end

-- ---- at the cursor ------------------------------------------------------------

measure("hover (K)", function() require("dossier.hover").hover() end)
measure("CursorHold auto-hover", function() vim.cmd("doautocmd <nomodeline> CursorHold") end)
measure("tagfunc (CTRL-] on a name, opening the target)", function()
  vim.cmd("exe \"normal! \\<C-]>\"")
end, nil, on_reagan)
local walk
local function walked() return walk and walk.done end
measure(":Dossier mentions (Reagan, sliced)", function() walk = require("dossier.jump").mentions("Reagan") end,
  walked, function() vim.cmd("cclose") end)
local top = ix:fuzzy_entities("", 1)[1].name
measure(":Dossier mentions (" .. top .. ", the most mentioned, sliced)", function()
  walk = require("dossier.jump").mentions(top)
end, walked, function() vim.cmd("cclose") end)

-- ---- pickers ------------------------------------------------------------------

local function shown() return picked ~= nil end
measure(":Dossier timeline", function() vim.cmd("Dossier timeline") end, shown)
measure(":Dossier timeline oil prices (query)", function() vim.cmd("Dossier timeline oil prices") end, shown)
measure(":Dossier timeline 1987-03..1987-04 (range)", function() vim.cmd("Dossier timeline 1987-03..1987-04") end, shown)
measure(":Dossier timeline 1987-03 bank (range + query)", function() vim.cmd("Dossier timeline 1987-03 bank") end, shown)
measure("entity timeline (Reagan)", function() require("dossier").entity_timeline() end, shown, on_reagan)
measure(":Dossier entities (the most mentioned)", function() vim.cmd("Dossier entities") end, shown)
measure(":Dossier entities bank (query)", function() vim.cmd("Dossier entities bank") end, shown)

-- Typing a query into a live picker: each key supersedes the running search.
local live_done
measure("typing a timeline query (10 keys)", function()
  live_done = false
  local typed, n = "oil prices", 0
  local s = require("dossier.timeline").search(ix, {}, function(_, q) if q == typed then live_done = true end end)
  local t = uv.new_timer()
  t:start(0, 15, vim.schedule_wrap(function()
    n = n + 1
    s:set(typed:sub(1, n))
    if n >= #typed then t:stop() t:close() end
  end))
end, function() return live_done end)

-- The plugin's own picker: open, type a query key by key, page down.
local live
measure("live picker: open, type 10 keys, page through", function()
  live = require("dossier.timeline").open({ picker = "dossier" })
  local typed, n = "oil prices", 0
  local t = uv.new_timer()
  t:start(15, 15, vim.schedule_wrap(function()
    n = n + 1
    if n <= #typed then
      vim.api.nvim_buf_set_lines(live.prompt_buf, 0, -1, false, { live.prompt .. typed:sub(1, n) })
      vim.api.nvim_exec_autocmds("TextChangedI", { buffer = live.prompt_buf })
    elseif live.count > 0 and n <= #typed + 40 then
      live:move(1)
    else
      t:stop()
      t:close()
      live.finished = true
    end
  end))
end, function() return live and live.finished end, function()
  if live then live:close() end
  vim.cmd("stopinsert")
end)

-- ---- writing ------------------------------------------------------------------

local draft = tmp .. "/drafts/draft.md"
do
  local lines = {}
  for i = 1, 40 do
    for _, f in ipairs({ files[i * 7], files[i * 7 + 1] }) do
      for _, l in ipairs(vim.fn.readfile(f)) do lines[#lines + 1] = l end
    end
  end
  lines[#lines + 1] = "President Reagen met Volcker and the Bundesbnak."
  vim.fn.writefile(lines, draft)
end
local hinted
measure("hints on a draft (" .. "reuters text, sliced)", function()
  hinted = false
  vim.cmd("edit! " .. vim.fn.fnameescape(draft))
  require("dossier.hints").check(0, function() hinted = true end)
end, function() return hinted end)
measure("completion (omnifunc, \"Re\")", function()
  local c = require("dossier.complete")
  vim.api.nvim_buf_set_lines(0, -1, -1, false, { "Re" })
  vim.api.nvim_win_set_cursor(0, { vim.api.nvim_buf_line_count(0), 2 })
  c.omnifunc(1, "")
  c.omnifunc(0, "Re")
end)
measure(":Dossier status", function() vim.cmd("Dossier status") end)

local gen
measure("refresh on save of a briefing", function()
  on_reagan()
  gen = index.state(dir).generation
  vim.api.nvim_buf_set_lines(0, -1, -1, false, { "On March 3, 1987 Reagan met Volcker in Washington." })
  vim.cmd("silent write")
end, function() return index.state(dir).generation ~= gen end)

ticker:stop()
ticker:close()
index.close_all()
vim.fn.delete(tmp, "rf")
vim.cmd("qa!")
