-- Completion of entity names and aliases: 'omnifunc'/'completefunc' for
-- Neovim 0.7+, and the shared logic the nvim-cmp and blink.cmp sources use.
local index = require("dossier.index")
local util = require("dossier.util")

local M = {}

-- The columns ix:complete fills (reused, so completing as one types does
-- not make a table per candidate for the collector).
local found = {}

-- Where the name being typed starts in `before` (the line up to the
-- cursor): the farthest start (up to 3 capitalised words back, so "Siim
-- Ka" completes to "Siim Kallas") that the index still has completions
-- for.  Returns the 1-based start byte and the prefix, or nil.
function M.find_start(ix, before)
  local word_start = before:find("[%w\128-\255'%-%.]*$")
  if not word_start then return nil end
  local starts = { word_start }
  local s = word_start
  for _ = 1, 3 do
    local prev = before:sub(1, s - 1):find("%u[%w\128-\255'%-%.]*%s+$")
    if not prev then break end
    starts[#starts + 1] = prev
    s = prev
  end
  for i = #starts, 1, -1 do
    local prefix = before:sub(starts[i])
    if prefix ~= "" and ix:complete(prefix, 1, found).n > 0 then return starts[i], prefix end
  end
  return word_start, before:sub(word_start)
end

-- Completion items for `prefix`: { word, name, type, mentions, id, info }.
function M.items(ix, prefix, max)
  if not prefix or prefix == "" then return {} end
  local out = {}
  local c = ix:complete(prefix, max or 50, found)
  for k = 1, c.n do
    local word, name, type = c.word[k], c.name[k], c.type[k]
    out[k] = {
      word = word, name = name, type = type, mentions = c.mentions[k], id = c.id[k],
      menu = (word ~= name and ("→ " .. name .. " ") or "") .. "[" .. type .. "]",
    }
  end
  return out
end

-- LSP completion items (for nvim-cmp and blink.cmp) for the text `before`
-- the cursor on 0-based line `row`: each replaces the whole name typed so
-- far, with the range in UTF-16 code units as LSP counts them.
function M.lsp_items(ix, before, row)
  local start, prefix = M.find_start(ix, before)
  if not start or prefix == "" then return {} end
  -- vim.str_utfindex gives the UTF-32 and the UTF-16 index of a byte.
  local _, first = vim.str_utfindex(before, start - 1)
  local _, last = vim.str_utfindex(before)
  local range = { start = { line = row, character = first }, ["end"] = { line = row, character = last } }
  local out = {}
  for _, it in ipairs(M.items(ix, prefix)) do
    out[#out + 1] = {
      label = it.word, filterText = it.word, detail = it.menu,
      kind = 6, -- Variable: LSP has no "entity" kind
      textEdit = { newText = it.word, range = range },
    }
  end
  return out
end

-- 'omnifunc' / 'completefunc'.
function M.omnifunc(findstart, base)
  local ix = index.for_buf(0)
  if findstart == 1 then
    if not ix then return -3 end  -- cancel silently
    local line = vim.api.nvim_get_current_line()
    local col = vim.api.nvim_win_get_cursor(0)[2]
    local start = M.find_start(ix, line:sub(1, col))
    if not start then return -3 end
    return start - 1
  end
  if not ix then return {} end
  local words = {}
  for _, it in ipairs(M.items(ix, base)) do
    words[#words + 1] = { word = it.word, menu = it.menu, icase = 1, dup = 0 }
  end
  return words
end
M.omnifunc = util.timed("omnifunc", M.omnifunc)

function M.set_omnifunc(buf)
  vim.bo[buf].omnifunc = "v:lua.require'dossier.complete'.omnifunc"
end

-- Register the nvim-cmp and blink.cmp sources when those load.
function M.register_sources()
  local ok, cmp = pcall(require, "cmp")
  if ok and cmp and cmp.register_source and not M._cmp then
    M._cmp = cmp.register_source("dossier", require("dossier.cmp").new())
  end
  local okb, blink = pcall(require, "blink.cmp")
  if okb and blink and blink.add_source_provider and not M._blink then
    -- A provider is only used where it is enabled: for our filetypes.
    M._blink = pcall(blink.add_source_provider, "dossier", { name = "Dossier", module = "dossier.blink" })
    if M._blink and blink.add_filetype_source then
      for _, ft in ipairs(require("dossier.config").get().filetypes or {}) do
        pcall(blink.add_filetype_source, ft, "dossier")
      end
    end
  end
end

return M
