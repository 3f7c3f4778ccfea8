-- blink.cmp source: entity names and aliases.  Added with
-- blink.add_source_provider when blink.cmp loads, or by hand:
--   sources.providers.dossier = { name = "Dossier", module = "dossier.blink" }
local complete = require("dossier.complete")
local index = require("dossier.index")

local source = {}
source.__index = source

function source.new(opts) return setmetatable({ opts = opts or {} }, source) end

function source:enabled() return index.for_buf(0) ~= nil end

function source:get_completion_items(ctx, callback)
  local ix = index.for_buf(0)
  local items = {}
  if ix then
    local line = ctx.line or vim.api.nvim_get_current_line()
    local col = ctx.cursor and ctx.cursor[2] or vim.api.nvim_win_get_cursor(0)[2]
    local before = line:sub(1, col)
    local start, prefix = complete.find_start(ix, before)
    local row = (ctx.cursor and ctx.cursor[1] or vim.api.nvim_win_get_cursor(0)[1]) - 1
    if start and prefix ~= "" then
      for _, it in ipairs(complete.items(ix, prefix)) do
        items[#items + 1] = {
          label = it.word, filterText = it.word, detail = it.menu, kind = 6,
          textEdit = { newText = it.word, range = {
            start = { line = row, character = start - 1 }, ["end"] = { line = row, character = col } } },
        }
      end
    end
  end
  callback({ items = items, is_incomplete_forward = true, is_incomplete_backward = true })
  return function() end
end

return source
