-- :checkhealth dossier.  Neovim 0.10+ has vim.health.start/ok/...; 0.7-0.9
-- have require("health").report_start/... (0.9 has both).
local M = {}

local function reporter()
  local h = vim.health
  if h and h.start then return h.start, h.ok, h.warn, h.error, h.info end
  local old = require("health")
  return old.report_start, old.report_ok, old.report_warn, old.report_error, old.report_info
end

function M.check()
  local start, ok, warn, fail, info = reporter()
  local index = require("dossier.index")
  local config = require("dossier.config").get()

  start("dossier: the C module")
  local core, err = index.core()
  if not core then
    fail("dossier.core cannot be loaded: " .. tostring(err), { "Run `make` in the plugin's directory." })
    return
  end
  ok(string.format("dossier.core %s loaded (ABI: %s)", core.version or "?", core.abi or "?"))
  if jit then info("Neovim runs " .. jit.version) end
  local features = {}
  for _, f in ipairs({ "start", "fuzzy" }) do
    features[#features + 1] = f .. (core[f] and " yes" or " no")
  end
  info("core features: " .. table.concat(features, ", ") ..
    (core.start and "" or " (without core.start, indexing runs in one step)"))

  start("dossier: folders")
  local roots = index.folders()
  local seen = {}
  for _, r in ipairs(roots) do seen[r] = true end
  for r in pairs(index.states()) do if not seen[r] then roots[#roots + 1] = r seen[r] = true end end
  if #roots == 0 then
    warn("no folder configured and none indexed", {
      'require("dossier").setup({ folders = { "~/briefings" } }), or a .dossier.json in the folder' })
  end
  for _, r in ipairs(roots) do
    if vim.fn.isdirectory(r) == 0 then
      fail(r .. " is not a directory")
    else
      local s = index.state(r)
      if s and s.ix then
        local st = s.ix:stats()
        ok(string.format("%s: %d documents, %d entities, %d events, %d skipped",
          r, st.documents, st.entities, st.events, st.skipped))
        for _, w in ipairs(s.ix:warnings()) do warn(w) end
      elseif s and s.status == "error" then
        fail(r .. ": " .. tostring(s.err))
      else
        ok(r .. " (not indexed yet in this session)")
      end
    end
  end

  start("dossier: cache")
  local o = config.index or {}
  if o.cache or o.cache_dir then
    local dir = index.core_opts().cache_dir
    if dir and vim.fn.isdirectory(dir) == 1 and vim.fn.filewritable(dir) == 2 then
      ok("cache in " .. dir)
    else
      warn("cache directory not writable: " .. tostring(dir))
    end
  else
    ok("no persistent cache (index = { cache = true } to keep the index between sessions)")
  end

  start("dossier: editor")
  ok("Neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor) .. "." .. tostring(vim.version().patch))
  for _, m in ipairs({ "telescope", "fzf-lua", "snacks", "mini.pick", "cmp", "blink.cmp" }) do
    if pcall(require, m) then info(m .. " found") end
  end
  info("timeline picker: " .. require("dossier.picker").resolve(config.timeline.picker))
end

return M
