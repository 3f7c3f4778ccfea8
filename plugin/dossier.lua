-- dossier.nvim entry point: the :Dossier command, <Plug> mappings, and the
-- autocmds that attach to briefing and draft buffers.  Loads no module
-- beyond dossier.commands until a buffer of a folder is opened.
if vim.g.loaded_dossier then return end
vim.g.loaded_dossier = true

require("dossier.commands").define()

local plugs = {
  ["<Plug>(dossier-hover)"] = function() require("dossier.hover").hover() end,
  ["<Plug>(dossier-jump)"] = function() require("dossier.jump").jump() end,
  ["<Plug>(dossier-mentions)"] = function() require("dossier.jump").mentions() end,
  ["<Plug>(dossier-timeline)"] = function() require("dossier.timeline").open() end,
  ["<Plug>(dossier-entity-timeline)"] = function() require("dossier.timeline").open({ entity = true }) end,
  ["<Plug>(dossier-insert-date)"] = function() require("dossier.timeline").open({ action = "date" }) end,
  ["<Plug>(dossier-cite)"] = function() require("dossier.timeline").open({ action = "cite" }) end,
}
for lhs, fn in pairs(plugs) do
  vim.keymap.set("n", lhs, fn, { silent = true, desc = lhs })
end

local group = vim.api.nvim_create_augroup("dossier", { clear = true })
vim.api.nvim_create_autocmd({ "FileType", "BufReadPost", "BufNewFile" }, {
  group = group,
  callback = function(ev)
    -- Cheap when the buffer is in no folder: a cached look for .dossier.json.
    require("dossier.attach").attach(ev.buf)
  end,
})
vim.api.nvim_create_autocmd("User", {
  group = group, pattern = "DossierIndexed",
  callback = function()
    for root, s in pairs(require("dossier.index").states()) do
      if s.status == "ready" then require("dossier.attach").recheck_root(root) end
    end
  end,
})
vim.api.nvim_create_autocmd("VimLeavePre", {
  group = group,
  callback = function()
    if package.loaded["dossier.index"] then require("dossier.index").close_all() end
  end,
})
