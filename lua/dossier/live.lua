-- The timeline picker of the plugin itself (timeline.picker = "dossier"):
-- a prompt and a list in floating windows.  Each change of the query
-- starts a search on the core's thread (dossier.search), superseding the
-- one still running; when it is done the list shows only the rows that
-- fit in its window, fetched from the finished job a window at a time
-- (job:results(from, count, "date")), so 50,000 events cost the main loop
-- no more than fifty.  Rows are in date order; matched bytes highlighted.
--
-- Keys in the prompt (insert mode): <CR> jump, <C-d> insert the date,
-- <C-y> insert a citation, <C-n>/<Down> and <C-p>/<Up> move, <Esc> and
-- <C-c> close.
--
-- A refresh of the index (User DossierIndexed) ends the jobs that read the
-- old one -- their results then raise "cancelled" -- so the picker runs
-- its query again; should a job still fail under it, the list says why
-- and asks again rather than leave the picker stuck.
local search = require("dossier.search")
local util = require("dossier.util")

local M = {}
local api = vim.api
local ns = api.nvim_create_namespace("dossier_live")
M.ns = ns

local Picker = {}
Picker.__index = Picker

local function float(buf, enter, row, col, width, height, focusable)
  return api.nvim_open_win(buf, enter, {
    relative = "editor", row = row, col = col, width = width, height = height,
    style = "minimal", border = "rounded", focusable = focusable, zindex = 60,
  })
end

-- The query: the prompt line without the prompt.
function Picker:query()
  local line = api.nvim_buf_get_lines(self.prompt_buf, 0, 1, false)[1] or ""
  return line:sub(#self.prompt + 1)
end

-- Rows from..from+n-1 of the finished job in date order, or nil when the
-- job can no longer give them (the index was refreshed or closed under
-- it): the query then runs again.
function Picker:rows_at(from, n)
  local ok, rows = pcall(self.job.results, self.job, from, n, "date")
  if ok then return rows end
  self.job, self.count, self.error = nil, 0, tostring(rows)
  if self.rerun then vim.schedule(function() if not self.closed then self.rerun() end end) end
  return nil
end

-- Draw the visible rows of the finished job.
function Picker:render()
  if not api.nvim_buf_is_valid(self.list_buf) then return end
  local lines = {}
  local rows = self.job and self.count > 0 and self:rows_at(self.top, self.height)
  if rows then
    for i, ev in ipairs(rows) do lines[i] = ev.row end
  else
    rows = {}
    lines[1] = self.error or (self.searching and "searching…" or "no events")
  end
  self.rows = rows
  api.nvim_buf_set_lines(self.list_buf, 0, -1, false, lines)
  api.nvim_buf_clear_namespace(self.list_buf, ns, 0, -1)
  for i, ev in ipairs(rows) do
    if self.top + i - 1 == self.sel then api.nvim_buf_add_highlight(self.list_buf, ns, "PmenuSel", i - 1, 0, -1) end
    for _, p in ipairs(ev.positions or {}) do
      api.nvim_buf_add_highlight(self.list_buf, ns, "Special", i - 1, p, p + 1)
    end
  end
  local status = self.searching and "…" or string.format("%d/%d", self.count > 0 and self.sel or 0, self.count)
  api.nvim_buf_clear_namespace(self.prompt_buf, ns, 0, -1)
  api.nvim_buf_set_extmark(self.prompt_buf, ns, 0, 0, { virt_text = { { status, "Comment" } },
                                                        virt_text_pos = "right_align" })
end

-- A finished search (or its error): the first rows from the top, or,
-- when it reran the same query after a refresh, the same place.
function Picker:show(job, _, err)
  local ok, count = true, 0
  if job then ok, count = pcall(job.count, job) end
  self.job, self.error, self.searching = ok and job or nil, err or (not ok and tostring(count) or nil), false
  self.count = ok and count or 0
  if not self.keep_place then self.top, self.sel = 1, 1 end
  self.keep_place = nil
  self.sel = math.max(1, math.min(self.sel, self.count))
  self.top = math.max(1, math.min(self.top, self.sel))
  self:render()
end

function Picker:move(delta)
  if self.count == 0 then return end
  self.sel = math.max(1, math.min(self.count, self.sel + delta))
  if self.sel < self.top then self.top = self.sel end
  if self.sel >= self.top + self.height then self.top = self.sel - self.height + 1 end
  self:render()
end

function Picker:close()
  if self.closed then return end
  self.closed = true
  self.search:stop()
  pcall(api.nvim_del_autocmd, self.on_indexed)
  for _, w in ipairs({ self.prompt_win, self.list_win }) do
    if api.nvim_win_is_valid(w) then api.nvim_win_close(w, true) end
  end
  for _, b in ipairs({ self.prompt_buf, self.list_buf }) do
    if api.nvim_buf_is_valid(b) then api.nvim_buf_delete(b, { force = true }) end
  end
  vim.cmd("stopinsert")
  if api.nvim_win_is_valid(self.origin_win) then api.nvim_set_current_win(self.origin_win) end
end

-- Close, then run action `name` on the selected event (none when its job
-- is gone: the picker closes all the same).
function Picker:choose(name)
  local rows = self.job and self.count > 0 and self:rows_at(self.sel, 1)
  local ev = rows and rows[1]
  local action = self.actions[name]
  self:close()
  if ev then vim.schedule(function() action(self.to_item(ev)) end) end
end

local function map(buf, keys, fn)
  for _, k in ipairs(keys) do
    vim.keymap.set({ "i", "n" }, k, fn, { buffer = buf, nowait = true, silent = true })
  end
end

-- opts: title, actions = { jump, date, cite }, default, query, to_item(ev)
-- (an event of the core as a picker item), start(query) -> a search job
-- (an empty query lists the events in date order).
function M.open(opts)
  local self = setmetatable({ actions = opts.actions, to_item = opts.to_item, count = 0,
                              top = 1, sel = 1, rows = {}, origin_win = api.nvim_get_current_win() }, Picker)
  local width = math.max(20, math.min(vim.o.columns - 4, 120))
  self.height = math.max(3, math.min(20, vim.o.lines - 8))
  local row = math.max(0, math.floor((vim.o.lines - self.height - 4) / 2))
  local col = math.floor((vim.o.columns - width) / 2)
  self.list_buf = api.nvim_create_buf(false, true)
  self.prompt_buf = api.nvim_create_buf(false, true)
  self.list_win = float(self.list_buf, false, row, col, width, self.height, false)
  self.prompt_win = float(self.prompt_buf, true, row + self.height + 2, col, width, 1, true)
  vim.wo[self.list_win].wrap = false
  self.prompt = (opts.title or "Timeline") .. "> "
  -- A prompt buffer keeps the prompt out of reach of the editing keys.
  vim.bo[self.prompt_buf].buftype = "prompt"
  vim.fn.prompt_setprompt(self.prompt_buf, self.prompt)
  api.nvim_buf_set_lines(self.prompt_buf, 0, -1, false, { self.prompt .. (opts.query or "") })
  self.search = search.new(opts.start, function(job, query, err) self:show(job, query, err) end)
  self.search.keep = true
  local last
  local requery
  requery = util.timed("live.requery", function()
    local q = self:query()
    if q == last then return end
    -- The rows on screen stay until the new ones are in; the job they came
    -- from is closed by the next search.
    last, self.searching, self.job, self.count = q, true, nil, 0
    self.search:set(q)
  end)
  api.nvim_create_autocmd({ "TextChangedI", "TextChanged" }, { buffer = self.prompt_buf, callback = requery })
  -- The same query over the refreshed index, keeping the selection.
  self.rerun = function()
    last, self.keep_place = nil, true
    requery()
  end
  self.on_indexed = api.nvim_create_autocmd("User", { pattern = "DossierIndexed",
                                                      callback = function() self.rerun() end })
  api.nvim_create_autocmd("BufLeave", { buffer = self.prompt_buf, once = true,
                                        callback = function() vim.schedule(function() self:close() end) end })
  map(self.prompt_buf, { "<CR>" }, function() self:choose(opts.default or "jump") end)
  map(self.prompt_buf, { "<C-d>" }, function() self:choose("date") end)
  map(self.prompt_buf, { "<C-y>" }, function() self:choose("cite") end)
  map(self.prompt_buf, { "<C-n>", "<Down>" }, util.timed("live.move", function() self:move(1) end))
  map(self.prompt_buf, { "<C-p>", "<Up>" }, util.timed("live.move", function() self:move(-1) end))
  map(self.prompt_buf, { "<Esc>", "<C-c>" }, function() self:close() end)
  api.nvim_win_set_cursor(self.prompt_win, { 1, #self.prompt + #(opts.query or "") })
  vim.cmd("startinsert!")
  requery()
  return self
end

return M
