-- bench/hover.lua DIR -- Lua-side timings for bench/run.sh, run by both
-- LuaJIT (Neovim's ABI) and Lua 5.4.  Prints "key value" lines.
--
-- Per-call times below a microsecond cannot be read off os.clock one call
-- at a time, so each (line, column) is called REPEAT times in a row and
-- the batch time divided; the median and p99 are over those batches.
local core = require("dossier.core")
local dir = assert(arg[1], "usage: hover.lua DIR")
local REPEAT = 100
local clock = os.clock

local ix = core.open(dir)
local ents = ix:entities()

local function stats(t)
  table.sort(t)
  return t[math.floor(#t / 2) + 1], t[math.floor(#t * 0.99) + 1]
end

-- The lines a writer types about the entities, cursor on each word.
local lines = {}
for i = 1, #ents, 23 do
  lines[#lines + 1] = "Yesterday " .. ents[i].name .. "'s office said the talks went on."
  if #lines >= 500 then break end
end

local function batch(f)
  local times = {}
  for _, l in ipairs(lines) do
    for col = 0, #l - 1, 4 do
      local t0 = clock()
      for _ = 1, REPEAT do f(l, col) end
      times[#times + 1] = (clock() - t0) / REPEAT
    end
  end
  return times
end

local hits = 0
for _, l in ipairs(lines) do
  for col = 0, #l - 1, 4 do if ix:lookup_at(l, col) then hits = hits + 1 end end
end

local med, p99 = stats(batch(function(l, c) return ix:lookup_at(l, c) end))
local tmed, tp99 = stats(batch(function() return ix:lookup("") end))
print(("hover_median_us %.3f"):format(med * 1e6))
print(("hover_p99_us %.3f"):format(p99 * 1e6))
print(("trivial_median_us %.3f"):format(tmed * 1e6))
print(("trivial_p99_us %.3f"):format(tp99 * 1e6))
print(("hover_hits %d"):format(hits))

-- Completion, top 50, for prefixes of one to three letters: into a table
-- the caller reuses (as lua/dossier/complete.lua does), and as a list of
-- new tables.
local prefixes = { "a", "b", "s", "m", "n", "st", "ch", "ba", "new", "uni", "sta", "int" }
local function complete_times(call)
  local times = {}
  for _, p in ipairs(prefixes) do
    for _ = 1, 20 do
      local t0 = clock()
      for _ = 1, 10 do call(p) end
      times[#times + 1] = (clock() - t0) / 10
    end
  end
  return stats(times)
end
local into = {}
med, p99 = complete_times(function(p) return ix:complete(p, 50, into) end)
print(("complete_median_us %.3f"):format(med * 1e6))
print(("complete_p99_us %.3f"):format(p99 * 1e6))
med, p99 = complete_times(function(p) return ix:complete(p, 50) end)
print(("complete_tables_median_us %.3f"):format(med * 1e6))
print(("complete_tables_p99_us %.3f"):format(p99 * 1e6))

-- The fuzzy pickers over the index.
times = {}
for _, q in ipairs({ "oil", "bank rate", "profit", "tokyo" }) do
  for _ = 1, 5 do
    local t0 = clock()
    ix:fuzzy_events(q, { limit = 50 })
    times[#times + 1] = clock() - t0
  end
end
med = stats(times)
print(("fuzzy_events_median_ms %.3f"):format(med * 1e3))
ix:close()
