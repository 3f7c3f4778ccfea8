-- Fuzzy matching: the core's matcher (core.fuzzy) when it has one, else a
-- small Lua subsequence matcher with the same result shape:
--   { { index = i, score = s, positions = { byte positions, 0-based } } }
-- best first, ties in list order.  Positions are 0-based like every byte
-- column of the core's Lua API (and nvim_buf_add_highlight).
local index = require("dossier.index")

local M = {}

local function lua_match(s, q)
  local ls, lq = s:lower(), q:lower()
  -- A plain substring first: the best match there is.
  local at = ls:find(lq, 1, true)
  if at then
    local pos = {}
    for i = 0, #lq - 1 do pos[#pos + 1] = at - 1 + i end
    return 100 + #lq - math.min(at, 50) * 0.01, pos
  end
  -- Else a case-insensitive subsequence, not spread too thin; the score
  -- favours word starts and runs.
  local pos, score, from, prev = {}, 0, 1, nil
  for i = 1, #lq do
    local c = lq:sub(i, i)
    if c ~= " " then
      local at = ls:find(c, from, true)
      if not at then return nil end
      local bonus = 1
      if at == 1 or s:sub(at - 1, at - 1):match("[%s%p]") then bonus = bonus + 3 end
      if prev and at == prev + 1 then bonus = bonus + 2 end
      score = score + bonus - math.min(at - from, 10) * 0.05
      pos[#pos + 1] = at - 1
      prev, from = at, at + 1
    end
  end
  if #pos > 0 and pos[#pos] - pos[1] > 4 * #lq then return nil end
  return score, pos
end

function M.lua_filter(list, query, limit)
  local out = {}
  for i, s in ipairs(list) do
    local score, pos = lua_match(s, query)
    if score then out[#out + 1] = { index = i, score = score, positions = pos } end
  end
  table.sort(out, function(a, b)
    if a.score ~= b.score then return a.score > b.score end
    return a.index < b.index
  end)
  if limit then for i = #out, limit + 1, -1 do out[i] = nil end end
  return out
end

function M.filter(list, query, limit)
  if not query or query == "" then
    local out = {}
    for i = 1, math.min(#list, limit or #list) do out[i] = { index = i, score = 0, positions = {} } end
    return out
  end
  local core = index.core()
  if core and core.fuzzy then
    local ok, res = pcall(core.fuzzy, list, query, limit or #list)
    if ok and type(res) == "table" then return res end
  end
  return M.lua_filter(list, query, limit)
end

return M
