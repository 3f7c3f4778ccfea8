-- nvim-cmp source "dossier": entity names and aliases.  Registered by
-- require("dossier").setup() when nvim-cmp loads; add { name = "dossier" }
-- to your cmp sources.
local complete = require("dossier.complete")
local index = require("dossier.index")

local source = {}
source.__index = source

function source.new() return setmetatable({}, source) end

function source:is_available()
  return index.for_buf(0) ~= nil
end

function source:get_debug_name() return "dossier" end

-- One word back is what cmp filters on; the textEdit replaces the whole
-- multi-word prefix the index matched.
function source:get_keyword_pattern() return [[\k\+]] end

function source:complete(params, callback)
  local ix = index.for_buf(0)
  if not ix then return callback({ items = {}, isIncomplete = false }) end
  local before = params.context.cursor_before_line
  local start, prefix = complete.find_start(ix, before)
  if not start or prefix == "" then return callback({ items = {}, isIncomplete = true }) end
  local row = params.context.cursor.row - 1
  local items = {}
  for _, it in ipairs(complete.items(ix, prefix)) do
    items[#items + 1] = {
      label = it.word, filterText = it.word,
      detail = it.menu,
      kind = 6, -- Variable; cmp has no "entity" kind
      textEdit = { newText = it.word, range = {
        start = { line = row, character = start - 1 },
        ["end"] = { line = row, character = #before } } },
    }
  end
  callback({ items = items, isIncomplete = true })
end

return source
