-- The timeline: dated events of a folder, of one entity or of a date
-- range, in date order, fuzzy-filtered; and what to do with a chosen one
-- (jump to its source, insert its date or a citation at the cursor).
local config = require("dossier.config")
local entity = require("dossier.entity")
local fuzzy = require("dossier.fuzzy")
local index = require("dossier.index")
local search = require("dossier.search")
local util = require("dossier.util")

local M = {}
M.live_keep = 10000   -- events the plugin's own picker lists without a query (a window at a time)

-- "2010-01..2010-02", "2010-04", "..2010-02", "2009.." -> from, to.
function M.parse_range(arg)
  if not arg then return nil end
  local a, b = arg:match("^(%d%d%d%d[-%d]*)%.%.(%d%d%d%d[-%d]*)$")
  if a then return a, b end
  a = arg:match("^(%d%d%d%d[-%d]*)%.%.$")
  if a then return a, nil end
  b = arg:match("^%.%.(%d%d%d%d[-%d]*)$")
  if b then return nil, b end
  a = arg:match("^(%d%d%d%d[-%d]*)$")
  if a and (#a == 4 or #a == 7 or #a == 10) then return a, a end
  return nil
end

-- Command words -> { entity = true|nil, from, to, query }.
function M.parse_args(words)
  local spec, rest = {}, {}
  for _, w in ipairs(words or {}) do
    local from, to = M.parse_range(w)
    if from or to then spec.from, spec.to = from, to
    elseif w == "entity" or w == "%" then spec.entity = true
    else rest[#rest + 1] = w end
  end
  if #rest > 0 then spec.query = table.concat(rest, " ") end
  return spec
end

-- The row a picker shows: date, statement, source.
function M.row(ev)
  local date = ev.date .. (ev.end_date and (".." .. ev.end_date) or "")
  return string.format("%-12s %s  (%s:%d)", date, (ev.text or ""):gsub("%s+", " "), ev.path, ev.line or 1)
end

-- Events of the core (ix:events, ix:fuzzy_events) as picker items, in
-- date order (a timeline, not a search, even when filtered), at most limit.
-- The event tables become the items (no copies: on a large folder every
-- table made on the main loop is collector work).
local function to_items(ix, list, limit)
  local root = index.root_of(ix)
  table.sort(list, function(a, b) return (a.index or 0) < (b.index or 0) end)
  for i = #list, limit + 1, -1 do list[i] = nil end
  for _, ev in ipairs(list) do
    ev.rel, ev.path = ev.path, root .. "/" .. ev.path
    ev.line, ev.id = ev.line or 1, ev.index
    ev.row, ev.positions = ev.row or M.row(ev), ev.positions or {}
  end
  return list
end

local function limit_of(spec) return spec.limit or config.get().timeline.limit end

-- The events of spec (best first when there is a query), found here and now.
local function events_now(ix, spec, limit)
  local filter = { entity = spec.entity, from = spec.from, to = spec.to }
  local list
  if ix.fuzzy_events then
    local ok, res = pcall(ix.fuzzy_events, ix, spec.query or "",
      { entity = spec.entity, from = spec.from, to = spec.to, limit = limit })
    if ok then list = res end
  end
  if not list then
    local evs = ix:events(filter)
    local rows = {}
    for i, ev in ipairs(evs) do rows[i] = M.row(ev) end
    local matches = fuzzy.filter(rows, spec.query, spec.query and #rows or limit)
    list = {}
    for _, m in ipairs(matches) do
      local ev = evs[m.index]
      ev.row, ev.positions, ev.score = rows[m.index], m.positions, m.score
      list[#list + 1] = ev
    end
  end
  return list
end

-- Event items in date order:
--   { date, end_date, text, rel, path (absolute), line, row, positions, id }
-- `spec`: entity = id, from, to, query, limit.  Runs the query on the main
-- loop: M.search runs it on a thread.
function M.items(ix, spec)
  spec = spec or {}
  local limit = limit_of(spec)
  return to_items(ix, events_now(ix, spec, limit), limit)
end

-- M.items with the fuzzy query run on a thread when the core can
-- (ix:search_events): on_items(items, query, err) is called on the main
-- loop once the results are in.  Returns the dossier.search object:
-- obj:set(query) runs another query (superseding the running one),
-- obj:stop() drops it.  Without a query, or without search jobs, the
-- items are made at once (an empty query costs no search).
function M.search(ix, spec, on_items)
  spec = spec or {}
  local limit = limit_of(spec)
  local filter = { entity = spec.entity, from = spec.from, to = spec.to, limit = limit }
  local s = search.new(function(query)
    if query == nil or query == "" or not ix.search_events then
      return events_now(ix, vim.tbl_extend("force", spec, { query = query }), limit)
    end
    return ix:search_events(query, filter)
  end, function(list, query, err)
    on_items(to_items(ix, list or {}, limit), query, err)
  end)
  s:set(spec.query)
  return s
end

-- ---- actions ------------------------------------------------------------

function M.jump(item)
  vim.cmd("normal! m'")
  if util.normalize(vim.api.nvim_buf_get_name(0)) ~= util.normalize(item.path) then
    vim.cmd("edit " .. vim.fn.fnameescape(item.path))
  end
  local lnum, col = item.line, 0
  if item.start then lnum, col = util.offset_to_pos(item.path, item.start) end
  pcall(vim.api.nvim_win_set_cursor, 0, { lnum, col })
  vim.cmd("normal! zv")
end

-- Insert `text` after the cursor of `origin` ({ win, buf, pos, insert }).
local function insert_text(origin, text)
  local win = origin and origin.win or 0
  if origin and not vim.api.nvim_win_is_valid(win) then return end
  if origin then vim.api.nvim_set_current_win(win) end
  local buf = vim.api.nvim_win_get_buf(win)
  local pos = origin and origin.pos or vim.api.nvim_win_get_cursor(win)
  local row, col = pos[1] - 1, pos[2]
  local line = vim.api.nvim_buf_get_lines(buf, row, row + 1, false)[1] or ""
  if not (origin and origin.insert) and #line > 0 then
    -- Normal mode: after the character under the cursor, like `a`.
    col = col + #vim.fn.strcharpart(line:sub(col + 1), 0, 1)
  end
  col = math.min(col, #line)
  vim.api.nvim_buf_set_text(buf, row, col, row, col, { text })
  pcall(vim.api.nvim_win_set_cursor, win, { row + 1, col + #text - 1 })
end

local doc_titles = setmetatable({}, { __mode = "k" })
local function title_of(ix, rel)
  local t = doc_titles[ix]
  if not t then
    t = {}
    for _, d in ipairs(ix:documents()) do t[d.path] = d.title ~= "" and d.title or nil end
    doc_titles[ix] = t
  end
  return t[rel]
end

function M.citation(ix, item)
  local src = (ix and title_of(ix, item.rel)) or item.rel
  return string.format(config.get().timeline.citation or "(%s, %s)", src, item.date)
end

function M.insert_date(item, origin) insert_text(origin, item.date) end
function M.insert_citation(item, origin, ix) insert_text(origin, M.citation(ix, item)) end

-- ---- the command ----------------------------------------------------------

-- Open the picker.  opts: words (command arguments) or entity/from/to/query,
-- action ("jump", "date", "cite"), picker (backend name).
function M.open(opts)
  opts = opts or {}
  local spec = opts.words and M.parse_args(opts.words) or vim.deepcopy(opts)
  local ix, root = index.for_buf(0)
  if not ix then
    -- Not in a folder's buffer: the first configured or ready folder.
    for _, f in ipairs(index.folders()) do
      root = root or f
      if index.get(f) then ix, root = index.get(f), f break end
    end
  end
  if not ix then
    if root then index.ensure(root) end
    util.say(root and "still indexing, try again in a moment" or "no briefing folder for this buffer")
    return nil
  end
  local title = "Timeline"
  if spec.entity == true then
    local id = entity.under_cursor()
    if not id then
      util.say("no entity under the cursor")
      return nil
    end
    spec.entity = id
  end
  if spec.entity then title = title .. ": " .. entity.get(ix, spec.entity).name end
  if spec.from or spec.to then title = title .. " " .. (spec.from or "") .. ".." .. (spec.to or "") end
  local mode = vim.api.nvim_get_mode().mode
  local origin = { win = vim.api.nvim_get_current_win(), pos = vim.api.nvim_win_get_cursor(0),
                   insert = mode:sub(1, 1) == "i" }
  local actions = {
    jump = function(item) M.jump(item) end,
    date = function(item) M.insert_date(item, origin) end,
    cite = function(item) M.insert_citation(item, origin, ix) end,
  }
  local backend = opts.picker or config.get().timeline.picker
  if backend == "dossier" then
    -- The plugin's own picker: it searches as the query changes.
    -- Without a query it lists every event (up to live_keep); with one,
    -- the timeline.limit best matches, in date order.
    local function filter(query)
      return { entity = spec.entity, from = spec.from, to = spec.to,
               limit = query == "" and M.live_keep or limit_of(spec) }
    end
    return require("dossier.live").open({
      title = title, actions = actions, default = opts.action or "jump", query = spec.query,
      start = function(query) return ix:search_events(query, filter(query)) end,
      to_item = function(ev) return to_items(ix, { ev }, 1)[1] end,
    })
  end
  -- With a query the search runs on a thread; the picker opens when the
  -- results are in (at once without a query).
  return M.search(ix, spec, util.timed("timeline.show", function(items, query, err)
    if err then return util.notify("timeline: " .. err, vim.log.levels.WARN) end
    if #items == 0 then
      return util.say("no dated events" .. (query and (" match " .. query) or ""))
    end
    require("dossier.picker").pick(items, {
      title = title, default = opts.action or "jump", actions = actions, backend = backend, query = query,
    })
  end))
end
M.open = util.timed("timeline", M.open)

return M
