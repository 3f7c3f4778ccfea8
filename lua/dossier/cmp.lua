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

-- Ranges are in UTF-16 code units, cmp's default for sources.
function source:get_position_encoding_kind() return "utf-16" end

-- One word back is what cmp filters on; the textEdit replaces the whole
-- multi-word prefix the index matched.
function source:get_keyword_pattern() return [[\k\+]] end

function source:complete(params, callback)
  local ix = index.for_buf(0)
  if not ix then return callback({ items = {}, isIncomplete = false }) end
  local before = params.context.cursor_before_line
  local row = params.context.cursor.row - 1
  callback({ items = complete.lsp_items(ix, before, row), isIncomplete = true })
end

return source
