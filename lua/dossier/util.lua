-- Small helpers shared by the feature modules: paths, reading files,
-- byte offsets to lines, messages, and timing of main-loop callbacks.
local M = {}

local uv = vim.uv or vim.loop

-- An absolute, normalised path without a trailing slash.
function M.normalize(path)
  if not path or path == "" then return nil end
  path = vim.fn.fnamemodify(vim.fn.expand(path), ":p")
  path = path:gsub("\\", "/")
  if #path > 1 then path = path:gsub("/+$", "") end
  return path
end

-- Is `path` equal to `dir` or below it?
function M.is_under(path, dir)
  if not path or not dir then return false end
  return path == dir or path:sub(1, #dir + 1) == dir .. "/"
end

function M.dirname(path)
  return (path:match("^(.*)/[^/]*$")) or path
end

function M.exists(path)
  return uv.fs_stat(path) ~= nil
end

-- The nearest directory at or above `dir` holding `name`; cached per
-- directory, since it runs on every BufEnter.
local found = {}
function M.find_up(dir, name)
  local key = dir .. "\0" .. name
  if found[key] ~= nil then return found[key] or nil end
  local d, hit = dir, false
  while d and d ~= "" do
    if uv.fs_stat(d .. "/" .. name) then hit = d break end
    local parent = M.dirname(d)
    if parent == d or parent == "" then break end
    d = parent
  end
  found[key] = hit
  return hit or nil
end
function M.forget_found() found = {} end

-- File contents with their line starts, cached by path, mtime and size, so
-- converting many offsets of one file reads it once.  At most FILES_MAX
-- are kept (the cache starts over when full): a walk over the mentions
-- of a common name visits thousands of files, each once.
local files, n_files, FILES_MAX = {}, 0, 128
local function load(path)
  local st = uv.fs_stat(path)
  if not st then return nil end
  local mt = st.mtime and (st.mtime.sec or st.mtime) or 0
  local c = files[path]
  if c and c.mtime == mt and c.size == st.size then return c end
  local fd = uv.fs_open(path, "r", 438)
  if not fd then return nil end
  local data = uv.fs_read(fd, st.size, 0) or ""
  uv.fs_close(fd)
  local starts, i = { 1 }, 1
  while true do
    local nl = data:find("\n", i, true)
    if not nl then break end
    starts[#starts + 1] = nl + 1
    i = nl + 1
  end
  c = { data = data, starts = starts, mtime = mt, size = st.size }
  if not files[path] then
    if n_files >= FILES_MAX then files, n_files = {}, 0 end
    n_files = n_files + 1
  end
  files[path] = c
  return c
end
M.read_file = function(path) local c = load(path) return c and c.data end

-- 0-based byte offset -> 1-based line, 0-based byte column.
function M.offset_to_pos(path, offset)
  local c = load(path)
  if not c then return 1, 0 end
  local lo, hi = 1, #c.starts
  local p = offset + 1
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if c.starts[mid] <= p then lo = mid else hi = mid - 1 end
  end
  return lo, p - c.starts[lo]
end

-- The text of line `lnum` (1-based) of a file, without its newline.
function M.file_line(path, lnum)
  local c = load(path)
  if not c or not c.starts[lnum] then return "" end
  local s = c.starts[lnum]
  local e = (c.starts[lnum + 1] or (#c.data + 2)) - 2
  return (c.data:sub(s, e):gsub("\r$", ""))
end

-- A short message in the echo area, not kept in :messages.  Every message
-- of the plugin goes through here, so that tests can collect them.
function M.say(msg, hl)
  vim.api.nvim_echo({ { "dossier: " .. msg, hl or "Comment" } }, false, {})
end

-- Several lines, kept in :messages (status).
function M.echo_lines(chunks)
  vim.api.nvim_echo(chunks, true, {})
end

function M.notify(msg, level)
  vim.notify("dossier: " .. msg, level or vim.log.levels.INFO)
end

-- Short text for one line: white space collapsed, cut at `width` display
-- cells with an ellipsis.
function M.truncate(s, width)
  s = (s or ""):gsub("%s+", " ")
  if vim.fn.strdisplaywidth(s) <= width then return s end
  local out = vim.fn.strcharpart(s, 0, width - 1)
  while vim.fn.strdisplaywidth(out) > width - 1 do
    out = vim.fn.strcharpart(out, 0, vim.fn.strchars(out) - 1)
  end
  return out .. "…"
end

-- Timing of callbacks that run on the main loop.  With
-- vim.g.dossier_profile set, every wrapped callback's duration is recorded;
-- M.timings() gives the worst and the count per name.
-- M.cpu_clock (nanoseconds of the main thread's CPU time, set by
-- bench/editor.lua) adds cpu_max: the time a busy machine took away is not
-- in it.
local timings = {}
local hrtime = uv.hrtime
function M.timed(name, fn)
  return function(...)
    if not vim.g.dossier_profile then return fn(...) end
    local cpu = M.cpu_clock
    local t0, c0 = hrtime(), cpu and cpu()
    local r = { pcall(fn, ...) }
    local ms = (hrtime() - t0) / 1e6
    local cms = cpu and (cpu() - c0) / 1e6 or ms
    local t = timings[name] or { max = 0, n = 0, total = 0, cpu_max = 0 }
    t.max, t.n, t.total = math.max(t.max, ms), t.n + 1, t.total + ms
    t.cpu_max = math.max(t.cpu_max, cms)
    timings[name] = t
    if not r[1] then error(r[2], 0) end
    return unpack(r, 2, table.maxn(r))
  end
end
function M.timings() return timings end
function M.reset_timings() timings = {} end

return M
