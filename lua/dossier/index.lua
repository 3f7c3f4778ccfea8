-- The indexes: which folder a buffer belongs to, building a folder's index
-- in the background (the core's job API when it has one), progress, and
-- refreshing after a briefing is saved.  One index per folder, shared by
-- every buffer of that folder.
local config = require("dossier.config")
local util = require("dossier.util")

local M = {}
local uv = vim.uv or vim.loop

local states = {}  -- root -> { root, status, ix, err, progress, waiters, generation }
local by_ix = setmetatable({}, { __mode = "k" })  -- index userdata -> its state
local core_mod, core_err

-- The C module, or nil and why it cannot be loaded (not built, wrong ABI).
function M.core()
  if core_mod or core_err then return core_mod, core_err end
  local ok, mod = pcall(require, "dossier.core")
  if ok then core_mod = mod else core_err = tostring(mod) end
  return core_mod, core_err
end

local function folders()
  local out = {}
  for _, f in ipairs(config.get().folders or {}) do
    local n = util.normalize(f)
    if n then out[#out + 1] = n end
  end
  return out
end
M.folders = folders

-- The folder whose index serves `path`, and whether the file is one of its
-- briefings ("briefing") or a draft that uses it ("draft").  nil when none.
function M.folder_for(path)
  path = util.normalize(path)
  if not path then return nil end
  local fs = folders()
  for _, f in ipairs(fs) do
    if util.is_under(path, f) then return f, "briefing" end
  end
  local root = util.find_up(util.dirname(path), ".dossier.json")
  if root then return root, "briefing" end
  for _, d in ipairs(config.get().drafts or {}) do
    local n = util.normalize(d)
    if n and util.is_under(path, n) then
      return fs[1] or util.find_up(n, ".dossier.json"), "draft"
    end
  end
  -- Beside a folder: a file in the folder's parent directory, or one
  -- level below it (~/drafts/x.md next to ~/briefings), never deeper.
  local dir = util.dirname(path)
  for _, f in ipairs(fs) do
    local parent = util.dirname(f)
    if parent ~= "" and parent ~= "/" and (dir == parent or util.dirname(dir) == parent) then
      return f, "draft"
    end
  end
  return nil
end

local function core_opts()
  local o = config.get().index or {}
  local opts = { extensions = o.extensions, max_file_size = o.max_file_size }
  if o.cache or o.cache_dir then
    opts.cache_dir = util.normalize(o.cache_dir or (vim.fn.stdpath("cache") .. "/dossier"))
    opts.cache = true
    -- The core creates the folder itself, private (0700): the cache says
    -- what the briefings contain.
  end
  return opts
end
M.core_opts = core_opts

function M.state(root) return states[root] end
function M.states() return states end
-- The state (root, generation, ...) of an index.
function M.state_of(ix) return by_ix[ix] end
-- The folder an index was opened on, as the plugin names it.
function M.root_of(ix)
  local s = by_ix[ix]
  return s and s.root or ix:stats().root
end

-- The ready index of a folder, or nil.
function M.get(root)
  local s = root and states[root]
  return s and s.status == "ready" and s.ix or nil
end

-- The ready index for a buffer, and its root; nil while building or when
-- the buffer belongs to no folder.
function M.for_buf(buf)
  local root = vim.b[buf or 0].dossier_root
  if not root then
    root = M.folder_for(vim.api.nvim_buf_get_name(buf or 0))
  end
  return M.get(root), root
end

local function echo_progress(s, text)
  if not (config.get().index or {}).progress then return end
  util.say(text)
  s.last_echo = text
end

local function finish(s, ix, err)
  if s.timer then s.timer:stop() s.timer:close() s.timer = nil end
  s.job = nil
  if ix then
    if s.ix and s.ix ~= ix then pcall(s.ix.close, s.ix) end
    s.ix, s.status, s.err = ix, "ready", nil
    by_ix[ix] = s
    s.generation = (s.generation or 0) + 1
    local st = ix:stats()
    if st.unverified then s.pending_refresh = true end
    s.progress = nil
    echo_progress(s, string.format("indexed %d documents, %d entities, %d events (%.1fs)",
      st.documents, st.entities, st.events, st.seconds or 0))
  else
    s.status = s.ix and "ready" or "error"
    s.err = err
    util.notify("indexing " .. s.root .. " failed: " .. tostring(err), vim.log.levels.ERROR)
  end
  local waiters = s.waiters
  s.waiters = {}
  if s.pending_refresh and s.status == "ready" then
    s.pending_refresh = nil
    vim.schedule(function() M.refresh(s.root) end)
  end
  for _, fn in ipairs(waiters) do pcall(fn, s.ix, s) end
  pcall(vim.api.nvim_exec_autocmds, "User", { pattern = "DossierIndexed", modeline = false })
end

-- The background build: core.start's job (or ix:refresh_start's) polled
-- from a timer, so the editor never waits for the folder walk.
local function start_job(s, core, refresh_of)
  local ok, job
  if refresh_of then
    ok, job = pcall(refresh_of.refresh_start, refresh_of)
  else
    -- From a usable cache the job answers before walking the folder;
    -- finish() then starts the refresh that looks for changes.
    local opts = core_opts()
    opts.verify_later = opts.cache
    ok, job = pcall(core.start, s.root, opts)
  end
  if not ok then return finish(s, nil, job) end
  s.job = job
  s.timer = uv.new_timer()
  s.timer:start(20, 50, vim.schedule_wrap(util.timed("index.poll", function()
    if s.job ~= job then return end
    local pok, p = pcall(job.poll, job)
    if not pok then return finish(s, nil, p) end
    if p.error then return finish(s, nil, p.error) end
    if p.done then
      local iok, ix = pcall(job.index, job)
      return finish(s, iok and ix or nil, not iok and ix or nil)
    end
    s.progress = p
    local total = p.files_total or 0
    local pct = total > 0 and math.floor(100 * (p.files_done or 0) / total) or 0
    echo_progress(s, string.format("indexing %s %d%% (%d/%d files)",
      vim.fn.fnamemodify(s.root, ":~"), pct, p.files_done or 0, total))
  end)))
end

-- Without the job API the core can only index in one call; it runs on
-- the next tick so the command that asked returns first.
local function start_sync(s, core)
  echo_progress(s, "indexing " .. vim.fn.fnamemodify(s.root, ":~") .. " …")
  vim.schedule(util.timed("index.open", function()
    local ok, ix = pcall(core.open, s.root, core_opts())
    finish(s, ok and ix or nil, not ok and ix or nil)
  end))
end

-- Start indexing `root` unless it is indexed or being indexed; `on_ready`
-- runs once the index is ready (at once when it already is).
function M.ensure(root, on_ready)
  if not root then return nil end
  local s = states[root]
  if s and s.status == "ready" then
    if on_ready then on_ready(s.ix, s) end
    return s
  end
  if not s then
    s = { root = root, status = "new", waiters = {} }
    states[root] = s
  end
  if on_ready then table.insert(s.waiters, on_ready) end
  if s.status == "building" then return s end
  local core, err = M.core()
  if not core then
    s.status, s.err = "error", err
    return s
  end
  s.status = "building"
  if core.start then start_job(s, core) else start_sync(s, core) end
  return s
end

-- Index at once, blocking (tests, :Dossier index!).
function M.build_now(root)
  local core, err = M.core()
  if not core then error(err, 0) end
  local s = states[root] or { root = root, waiters = {} }
  states[root] = s
  if s.timer then s.timer:stop() s.timer:close() s.timer = nil end
  s.job = nil
  s.status = "building"
  local ok, ix = pcall(core.open, root, core_opts())
  finish(s, ok and ix or nil, not ok and ix or nil)
  return s.ix
end

-- Re-read what changed on disk: on a thread when the core can
-- (ix:refresh_start; the index still answers meanwhile), else in place.
function M.refresh(root)
  local s = states[root]
  if not s or (s.status ~= "ready" and not s.ix) then return M.ensure(root) end
  if s.job then
    s.pending_refresh = true   -- once the running job is done
    return s
  end
  local core = M.core()
  if s.ix.refresh_start then
    start_job(s, core, s.ix)
    return s
  end
  local ok, err = pcall(s.ix.refresh, s.ix)
  if ok then
    s.generation = (s.generation or 0) + 1
    pcall(vim.api.nvim_exec_autocmds, "User", { pattern = "DossierIndexed", modeline = false })
  else
    util.notify("refresh failed: " .. tostring(err), vim.log.levels.WARN)
  end
  return s
end

function M.close_all()
  for root, s in pairs(states) do
    if s.timer then s.timer:stop() s.timer:close() end
    if s.job and s.job.cancel then pcall(s.job.cancel, s.job) end
    s.job = nil
    if s.ix then pcall(s.ix.close, s.ix) end
    states[root] = nil
  end
end

return M
