-- Consistency hints in drafts: names spelled unlike every form in the
-- briefings, as vim.diagnostic hints with the suggested form.
--
-- Two checks, both on capitalised words only:
--   * same name, other spelling: the core's lookup matches it (its key is
--     case-, accent- and punctuation-insensitive) but the text is not one
--     of the entity's forms ("Kim Jong-il" where the briefings say "Kim
--     Jong Il");
--   * near miss: a capitalised word no entity knows, within a small edit
--     distance of a word of a known name ("Pasco" / "Pascoe"): 1 edit for
--     5-8 letters, 2 from 9, the same first letter, never a known word.
-- Lines are checked in slices of a few milliseconds so that a long draft
-- never blocks the editor.
local config = require("dossier.config")
local index = require("dossier.index")
local util = require("dossier.util")

local M = {}
M.slice_ns = 2e6    -- main-loop time of one slice of a check (one more word may follow)
local ns = vim.api.nvim_create_namespace("dossier_hints")
M.ns = ns
local uv = vim.uv or vim.loop

-- Damerau-Levenshtein (adjacent transpositions) with a cut-off: returns a
-- number > max as soon as the distance must exceed it.
function M.distance(a, b, max)
  local la, lb = #a, #b
  if math.abs(la - lb) > max then return max + 1 end
  local prev2, prev, cur = {}, {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur = { [0] = i }
    local best = i
    local ca = a:byte(i)
    for j = 1, lb do
      local cb = b:byte(j)
      local cost = ca == cb and 0 or 1
      local v = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if i > 1 and j > 1 and ca == b:byte(j - 1) and a:byte(i - 1) == cb then
        v = math.min(v, prev2[j - 2] + 1)
      end
      cur[j] = v
      if v < best then best = v end
    end
    if best > max then return max + 1 end
    prev2, prev = prev, cur
  end
  return prev[lb]
end

local function allowed(len)
  if len >= 9 then return 2 end
  if len >= 5 then return 1 end
  return 0
end

-- Per index generation: the forms of names and the words of those forms.
-- With the core's ix:fuzzy_entities and ix:complete they are asked for
-- word by word (and memoised), so nothing big is built on the main loop;
-- without them every form of every name is read once (ix:entities, slow
-- on a big folder) and bucketed by first letter and length.
local vocab_cache = setmetatable({}, { __mode = "k" })
local function vocab(ix)
  local st = index.state_of(ix)
  local gen = st and st.generation or 0
  local v = vocab_cache[ix]
  if v and v.gen == gen then return v end
  v = { gen = gen, forms = {}, words = {}, buckets = {}, memo = {}, lazy = ix.fuzzy_entities ~= nil }
  vocab_cache[ix] = v
  if v.lazy then return v end
  for _, e in ipairs(ix:entities()) do
    local fs = { e.name }
    for _, a in ipairs(e.aliases or {}) do fs[#fs + 1] = a end
    v.forms[e.id] = fs
    for _, f in ipairs(fs) do
      for w in f:gmatch("[%w\128-\255'%-]+") do
        if not v.words[w] then
          v.words[w] = e.id
          local key = w:sub(1, 1):lower() .. #w
          local b = v.buckets[key]
          if not b then b = {} v.buckets[key] = b end
          b[#b + 1] = w
        end
      end
    end
  end
  vocab_cache[ix] = v
  return v
end
M.vocab = vocab

-- The name proper: no possessive, no punctuation the lookup stepped over.
local function strip_possessive(s)
  s = s:gsub("[%.,;:!?%)%]\"”»]+$", "")
  return (s:gsub("['’]s$", ""):gsub("['’]$", ""))
end

local function words_of(forms, fn)
  for _, f in ipairs(forms) do
    for w in f:gmatch("[%w\128-\255'%-]+") do fn(w) end
  end
end

-- The near-miss suggestion for capitalised word `w`, or nil.
local function near_miss(ix, v, w)
  if v.memo[w] ~= nil then return v.memo[w] or nil end
  local max = allowed(#w)
  local best, bestd
  local function try(cand)
    if cand == w then bestd = -1 end   -- a known word is never a miss
    -- Only against name-like words: capitalised, the same first letter.
    if bestd == -1 or not cand:find("^%u") or cand:sub(1, 1):lower() ~= w:sub(1, 1):lower() then return end
    local d = M.distance(w, cand, max)
    if d <= max and (not bestd or d < bestd) then best, bestd = cand, d end
  end
  if max > 0 and not w:find("^%u+$") then
    if v.lazy then
      -- The core's fuzzy matcher finds the candidates (a subsequence
      -- match: dropped or doubled letters).
      if not ix:lookup(w) then
        for _, e in ipairs(ix:fuzzy_entities(w, 8)) do
          local forms = { e.name }
          for _, al in ipairs(e.aliases or {}) do forms[#forms + 1] = al end
          words_of(forms, try)
        end
      end
    else
      local first = w:sub(1, 1):lower()
      for len = #w - max, #w + max do
        for _, cand in ipairs(v.buckets[first .. len] or {}) do try(cand) end
      end
    end
  end
  if bestd == -1 then best = nil end
  v.memo[w] = best or false
  return best
end

-- Is `text` (matched by the lookup as entity `id`) spelled as one of its
-- forms?  Returns same, case_only, the canonical name.
local function spelled_as(ix, v, id, text)
  local forms, canonical
  if v.lazy then
    local key = "\0" .. text
    local hit = v.memo[key]
    if hit == nil then
      forms = {}
      for _, c in ipairs(ix:complete(text, 20)) do
        if c.id == id then forms[#forms + 1] = c.word canonical = c.name end
      end
      hit = { forms = forms, canonical = canonical }
      v.memo[key] = hit
    end
    forms, canonical = hit.forms, hit.canonical
    if #forms == 0 then return true end   -- nothing to compare with: no hint
  else
    forms = v.forms[id] or {}
    canonical = forms[1]
  end
  local case_only = false
  for _, f in ipairs(forms) do
    if f == text then return true end
    if f:lower() == text:lower() then case_only = true end
  end
  return false, case_only, canonical
end

-- Hints for one line (0-based lnum): a list of diagnostics.  With
-- `deadline` (uv.hrtime) it stops after the word that passes it and then
-- returns the byte to go on from (`from` of the next call): one word can
-- ask the core's matcher, and a line of many unknown names would otherwise
-- hold the main loop for several of those.
function M.check_line(ix, v, line, lnum, deadline, from)
  local out = {}
  local opts = config.get().hints
  local sev = vim.diagnostic.severity[opts.severity or "HINT"] or vim.diagnostic.severity.HINT
  local pos = from or 1
  local covered = 0
  while true do
    local s, e = line:find("%u[%w\128-\255'’%-]*", pos)
    if not s then break end
    pos = e + 1
    local before = s > 1 and line:sub(s - 1, s - 1) or " "
    if s > covered and not before:match("[%w\128-\255]") then
      local id, ms, me = ix:lookup_at(line, s - 1)
      if id and ms == s - 1 then
        covered = me
        pos = math.max(pos, me + 1)   -- the next word after the name
        local text = strip_possessive(line:sub(ms + 1, me))
        local same, case_only, canonical = spelled_as(ix, v, id, text)
        -- All capitals (a headline) or a case change only: not a spelling.
        if not same and not case_only and canonical and not text:find("^[%u%s%p]+$") then
          out[#out + 1] = {
            lnum = lnum, col = ms, end_col = ms + #text, severity = sev, source = "dossier",
            message = string.format("“%s”: the briefings spell it “%s”", text, canonical),
            user_data = { suggestion = canonical },
          }
        end
      elseif not id then
        local w = strip_possessive(line:sub(s, e))
        if #w >= (opts.min_length or 4) and not v.words[w] then
          local sug = near_miss(ix, v, w)
          if sug then
            out[#out + 1] = {
              lnum = lnum, col = s - 1, end_col = s - 1 + #w, severity = sev, source = "dossier",
              message = string.format("“%s”: did you mean “%s”? (as in the briefings)", w, sug),
              user_data = { suggestion = sug },
            }
          end
        end
      end
    end
    if deadline and uv.hrtime() >= deadline then return out, pos end
  end
  return out
end

local running = {}  -- buf -> tick of the pass in progress

-- Check buffer `buf` in time slices; sets the diagnostics when done.
function M.check(buf, on_done)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  if not vim.api.nvim_buf_is_valid(buf) then return end
  local ix = index.for_buf(buf)
  if not ix or not (config.get().hints or {}).enabled then
    vim.diagnostic.reset(ns, buf)
    return
  end
  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local token = {}
  running[buf] = token
  local v
  local diags, lnum, n = {}, 0, vim.api.nvim_buf_line_count(buf)
  local from            -- where a line cut by the clock goes on
  local slice
  slice = util.timed("hints.slice", function()
    if running[buf] ~= token or not vim.api.nvim_buf_is_valid(buf) then return end
    if vim.api.nvim_buf_get_changedtick(buf) ~= tick then return end
    v = v or vocab(ix)
    local t0 = uv.hrtime()
    -- Lines are fetched 50 at a time but the clock is read after each: a
    -- line of unknown names asks the core's matcher once per name.
    local deadline = t0 + M.slice_ns
    while lnum < n and uv.hrtime() < deadline do
      local first = lnum
      local lines = vim.api.nvim_buf_get_lines(buf, first, math.min(n, first + 50), false)
      for i, line in ipairs(lines) do
        local found, resume = M.check_line(ix, v, line, first + i - 1, deadline, from)
        for _, d in ipairs(found) do diags[#diags + 1] = d end
        from = resume
        if resume then break end     -- the line goes on in the next slice
        lnum = first + i
        if uv.hrtime() >= deadline then break end
      end
    end
    if lnum < n then
      vim.defer_fn(slice, 1)
    else
      running[buf] = nil
      vim.diagnostic.set(ns, buf, diags)
      if on_done then on_done(diags) end
    end
  end)
  slice()
end

-- Debounced check after edits.
local timers = {}
function M.schedule(buf)
  local ms = (config.get().hints or {}).debounce or 300
  local t = timers[buf]
  if not t then
    t = uv.new_timer()
    timers[buf] = t
  end
  t:stop()
  t:start(ms, 0, vim.schedule_wrap(function() M.check(buf) end))
end

function M.detach(buf)
  if timers[buf] then timers[buf]:stop() timers[buf]:close() timers[buf] = nil end
  running[buf] = nil
  pcall(vim.diagnostic.reset, ns, buf)
end

return M
