-- blink.cmp source: entity names and aliases.  Added with
-- blink.add_source_provider (and enabled for the configured filetypes with
-- add_filetype_source) when blink.cmp loads, or by hand:
--   sources.providers.dossier = { name = "Dossier", module = "dossier.blink" }
local complete = require("dossier.complete")
local index = require("dossier.index")

local source = {}
source.__index = source

function source.new(opts) return setmetatable({ opts = opts or {} }, source) end

function source:enabled() return index.for_buf(0) ~= nil end

-- ctx.line is the cursor's line, ctx.cursor { row (1-based), col (0-based byte) }.
function source:get_completions(ctx, callback)
  local ix = index.for_buf(0)
  local items = {}
  if ix then
    local line = ctx.line or vim.api.nvim_get_current_line()
    local cursor = ctx.cursor or vim.api.nvim_win_get_cursor(0)
    items = complete.lsp_items(ix, line:sub(1, cursor[2]), cursor[1] - 1)
  end
  callback({ items = items, is_incomplete_forward = true, is_incomplete_backward = true })
  return function() end
end

return source
