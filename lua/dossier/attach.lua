-- Which buffers the plugin serves, and what it sets in them: 'tagfunc',
-- 'omnifunc', buffer-local keys, hints, and the autocmds of the buffer.
local config = require("dossier.config")
local index = require("dossier.index")
local util = require("dossier.util")

local M = {}
local group = vim.api.nvim_create_augroup("dossier_buffers", { clear = true })

-- A text buffer: one of the configured filetypes, or no filetype (as under
-- `-u NONE`) with a text extension.
local function ft_ok(buf)
  local ft = vim.bo[buf].filetype
  for _, f in ipairs(config.get().filetypes or {}) do
    if f == ft then return true end
  end
  if ft == "" then
    local ext = vim.api.nvim_buf_get_name(buf):match("%.(%w+)$")
    return ext == "md" or ext == "markdown" or ext == "txt" or ext == "text"
  end
  return false
end

local function map(buf, lhs, rhs, desc)
  if not lhs or lhs == "" or lhs == false then return end
  -- Never take a key the user mapped in this buffer.
  local taken = vim.api.nvim_buf_call(buf, function()
    return vim.fn.maparg(lhs, "n", false, true).buffer == 1
  end)
  if taken then return end
  vim.api.nvim_buf_set_keymap(buf, "n", lhs, rhs, { noremap = false, silent = true, desc = desc })
end

-- The buffer's folder and kind ("briefing"/"draft"), or nil when the
-- plugin has nothing to do there.
function M.resolve(buf)
  if vim.bo[buf].buftype ~= "" then return nil end
  local name = vim.api.nvim_buf_get_name(buf)
  if name == "" then return nil end
  local root, kind = index.folder_for(name)
  if not root then return nil end
  if not ft_ok(buf) then return nil end
  return root, kind
end

local function is_attached(buf) return vim.b[buf].dossier_root ~= nil end
M.is_attached = is_attached

-- Each buffer's check starts in a callback of its own: an index that
-- becomes ready (or is refreshed) may have several buffers to recheck.
local function recheck(buf)
  vim.schedule(function()
    if vim.api.nvim_buf_is_valid(buf) and is_attached(buf) then require("dossier.hints").check(buf) end
  end)
end

function M.attach(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  if not vim.api.nvim_buf_is_valid(buf) or is_attached(buf) then return is_attached(buf) end
  local root, kind = M.resolve(buf)
  if not root then return false end
  local cfg = config.get()
  vim.b[buf].dossier_root = root
  vim.b[buf].dossier_kind = kind
  if cfg.tagfunc then require("dossier.jump").set_tagfunc(buf) end
  if cfg.omnifunc then require("dossier.complete").set_omnifunc(buf) end
  local k = cfg.keys or {}
  if k.enabled then
    map(buf, k.hover, "<Plug>(dossier-hover)", "Dossier: hover card")
    map(buf, k.timeline, "<Plug>(dossier-timeline)", "Dossier: timeline")
    map(buf, k.entity_timeline, "<Plug>(dossier-entity-timeline)", "Dossier: timeline of the entity")
    map(buf, k.mentions, "<Plug>(dossier-mentions)", "Dossier: mentions in quickfix")
  end
  vim.api.nvim_clear_autocmds({ group = group, buffer = buf })
  vim.api.nvim_create_autocmd({ "TextChanged", "InsertLeave" }, {
    group = group, buffer = buf,
    callback = util.timed("autocmd.TextChanged", function() require("dossier.hints").schedule(buf) end),
  })
  vim.api.nvim_create_autocmd("BufWritePost", {
    group = group, buffer = buf,
    callback = util.timed("autocmd.BufWritePost", function()
      if vim.b[buf].dossier_kind == "briefing" and (cfg.index or {}).refresh_on_save then
        index.refresh(root)
      end
    end),
  })
  vim.api.nvim_create_autocmd("CursorHold", {
    group = group, buffer = buf,
    callback = util.timed("autocmd.CursorHold", function()
      if config.get().hover.auto and vim.api.nvim_get_mode().mode == "n" then
        require("dossier.hover").hover({ quiet = true })
      end
    end),
  })
  vim.api.nvim_create_autocmd({ "BufUnload", "BufWipeout" }, {
    group = group, buffer = buf, once = true,
    callback = function() require("dossier.hints").detach(buf) end,
  })
  index.ensure(root, function() recheck(buf) end)
  return true
end

-- Undo attach (tests, :Dossier off).
function M.detach(buf)
  buf = (buf == nil or buf == 0) and vim.api.nvim_get_current_buf() or buf
  if not is_attached(buf) then return end
  vim.api.nvim_clear_autocmds({ group = group, buffer = buf })
  require("dossier.hints").detach(buf)
  vim.b[buf].dossier_root, vim.b[buf].dossier_kind = nil, nil
  if vim.bo[buf].tagfunc:find("dossier", 1, true) then vim.bo[buf].tagfunc = "" end
  if vim.bo[buf].omnifunc:find("dossier", 1, true) then vim.bo[buf].omnifunc = "" end
end

-- Re-run the hints of every attached buffer of `root` (after indexing).
function M.recheck_root(root)
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.b[b].dossier_root == root then recheck(b) end
  end
end

return M
