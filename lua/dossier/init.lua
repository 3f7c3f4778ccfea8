-- dossier.nvim: who, what and when of a folder of briefings, under the
-- cursor.  setup() only merges the configuration (and attaches to the
-- buffers already open); everything else loads when first used.
--
--   require("dossier").setup({ folders = { "~/briefings" } })
local M = {}

function M.setup(opts)
  require("dossier.config").setup(opts)
  require("dossier.util").forget_found()
  require("dossier.complete").register_sources()
  -- Buffers opened before setup (lazy.nvim loads plugins late).
  local attach = require("dossier.attach")
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then attach.attach(b) end
  end
end

-- The public functions, for mappings and other plugins.
function M.hover() return require("dossier.hover").hover() end
function M.jump(name) return require("dossier.jump").jump(name) end
function M.mentions(name) return require("dossier.jump").mentions(name) end
function M.timeline(opts) return require("dossier.timeline").open(opts) end
function M.entity_timeline() return require("dossier.timeline").open({ entity = true }) end
function M.status() return require("dossier.commands").run({ args = "status" }) end
-- The index of the current buffer's folder (nil while it is built).
function M.index() return (require("dossier.index").for_buf(0)) end

return M
