-- Entities as the features need them: the one under the cursor, a cached
-- full record, and its mentions as file positions.
local index = require("dossier.index")
local util = require("dossier.util")
local uv = vim.uv or vim.loop

local M = {}
M.page = 256   -- mentions the walker asks the core for at a time

-- The entity at byte column `col0` of `line`: id, start0, end0 or nil.
function M.at(ix, line, col0)
  if not ix or not line or line == "" then return nil end
  if col0 >= #line then col0 = #line - 1 end
  local id, s, e = ix:lookup_at(line, col0)
  if id then return id, s, e end
  return nil
end

-- The entity under the cursor of the current window, with the index and
-- the folder: id, ix, root (id nil when there is none).
function M.under_cursor()
  local ix, root = index.for_buf(0)
  if not ix then return nil, nil, root end
  local line = vim.api.nvim_get_current_line()
  local col = vim.api.nvim_win_get_cursor(0)[2]
  return M.at(ix, line, col), ix, root
end

-- ix:entity(id) builds a large table; keep the last ones per index
-- generation (the hover on CursorHold asks again and again).
local cache = setmetatable({}, { __mode = "k" })
function M.get(ix, id)
  local s = index.state_of(ix)
  local gen = s and s.generation or 0
  local c = cache[ix]
  if not c or c.gen ~= gen then
    c = { gen = gen, n = 0, by = {} }
    cache[ix] = c
  end
  local e = c.by[id]
  if not e then
    if c.n > 64 then c.by, c.n = {}, 0 end
    e = ix:entity(id)
    c.by[id], c.n = e, c.n + 1
  end
  return e
end

-- A card's worth of an entity: no mention list and at most `events`
-- events, so a name mentioned thousands of times hovers as fast as any.
-- Cores without the options table return everything, which still works.
local card_cache = setmetatable({}, { __mode = "k" })
function M.summary(ix, id, events)
  local s = index.state_of(ix)
  local gen = s and s.generation or 0
  local c = card_cache[ix]
  if not c or c.gen ~= gen or c.n > 256 then
    c = { gen = gen, n = 0, by = {} }
    card_cache[ix] = c
  end
  local key = id .. ":" .. (events or 0)
  local e = c.by[key]
  if not e then
    e = ix:entity(id, { mentions = false, events = events or 0 })
    c.by[key], c.n = e, c.n + 1
  end
  return e
end

-- Where the entity is: the describing mention first (when the core tells
-- where the description is), then every mention; each with an absolute
-- path, 1-based line, 0-based col and the line's text.  A walker: each
-- call of next(limit, budget_ns) adds locations to `out` until `limit`
-- are there or `budget_ns` of time is spent, and says whether mentions
-- are left.  Lines come from the files (util.offset_to_pos reads each once),
-- so a name mentioned in thousands of documents can be walked in slices
-- rather than in one long wait.
--
-- The walk belongs to one generation of the index: a refresh may number
-- the entities anew, so once the generation changes the walker stops
-- (w.stale set, next() says nothing is left) rather than read another
-- entity's mentions, or none.
function M.walker(ix, id)
  local root = index.root_of(ix)
  local state = index.state_of(ix)
  local gen = state and state.generation
  -- The mentions a page at a time (a core without pages gives them all).
  local PAGE = M.page
  local e = ix:entity(id, { events = 0, mention_from = 1, mention_count = PAGE })
  local page, at, from = e.mention_list or {}, 0, 1
  local total = e.mention_spans or #page
  local out, seen = {}, {}
  local function add(rel, offset, kind)
    local path = root .. "/" .. rel
    local lnum, col = util.offset_to_pos(path, offset)
    local key = path .. ":" .. lnum
    if seen[key] then return end
    seen[key] = true
    out[#out + 1] = { path = path, rel = rel, lnum = lnum, col = col, kind = kind,
                      text = util.file_line(path, lnum), name = e.name }
  end
  if e.description_path and e.description_start then
    -- describing_mention: the mention that names the description ("Siim
    -- Kallas, the European Commission's ..."); older cores do not say.
    add(e.description_path, e.describing_mention or e.description_start, "description")
  end
  local w = { out = out, entity = e }
  local function next_mention()
    at = at + 1
    if not page[at] and from + #page <= total and #page == PAGE then
      from = from + #page
      local ok, more = pcall(ix.entity, ix, id, { events = 0, mention_from = from, mention_count = PAGE })
      if not ok then
        w.stale = true       -- the index was closed under the walk
        return nil
      end
      page, at = more.mention_list or {}, 1
    end
    return page[at]
  end
  local pending = next_mention()
  local function next_batch(limit, budget_ns)
    if state and state.generation ~= gen then w.stale, pending = true, nil end
    local t0 = budget_ns and uv.hrtime()
    while pending and not (limit and #out >= limit) do
      add(pending.path, pending.start, "mention")
      pending = next_mention()
      if budget_ns and uv.hrtime() - t0 > budget_ns then break end
    end
    return pending ~= nil
  end
  w.next = next_batch
  return w
end

-- The first `limit` locations (all when nil), and the entity.
function M.locations(ix, id, limit)
  local w = M.walker(ix, id)
  w.next(limit)
  return w.out, w.entity
end

return M
