-- Fuzzy searches off the main loop.  A query over the tens of thousands of
-- events of a large folder takes tens of milliseconds, too long for a
-- callback of the editor; the core runs it on a thread
-- (ix:search_events, ix:search_entities) and a timer polls the job from
-- the main loop every few milliseconds, each poll costing microseconds.
--
-- A Search holds at most one job: setting a new query supersedes the
-- running one, whose job is closed: cancelled, without waiting for its
-- thread (the matcher looks at the cancel flag every thousand candidates
-- and stops; the core keeps the index alive for it meanwhile).  on_done(results, query, err) runs on the main
-- loop for the newest query only.  With search.keep set, on_done gets the
-- finished job itself instead of its results (to page through them with
-- job:results(from, count)); the Search closes it when the next query
-- starts or on stop().
local util = require("dossier.util")
local uv = vim.uv or vim.loop

local M = {}
M.poll_ms = 4

local Search = {}
Search.__index = Search

-- start(query) returns a job (ix:search_events(...)); a table instead is
-- taken as the results, ready at once (a core without search jobs).
function M.new(start, on_done)
  return setmetatable({ start = start, on_done = on_done }, Search)
end

-- Drop the running job, if any; on_done will not be called for it.
function Search:stop()
  if self.timer then
    self.timer:stop()
    self.timer:close()
    self.timer = nil
  end
  for _, k in ipairs({ "job", "held" }) do
    if self[k] then
      pcall(self[k].close, self[k])
      self[k] = nil
    end
  end
end

function Search:running() return self.job ~= nil end

local function finish(self, job, query)
  local ok, st = pcall(job.poll, job)
  if ok and not st.done then return end
  local res, err
  if ok and st.error then ok, res = false, st.error end
  if ok and self.keep then
    self.job = nil      -- held, not closed
    self:stop()
    self.held, res = job, job
  else
    if ok then ok, res = pcall(job.results, job) end
    self:stop()
  end
  if not ok then err = tostring(res or st) res = nil end
  self.on_done(res, query, err)
end

function Search:set(query)
  self:stop()
  self.query = query
  local ok, job = pcall(self.start, query)
  if not ok then return self.on_done(nil, query, tostring(job)) end
  if type(job) ~= "userdata" then return self.on_done(job, query) end
  self.job = job
  self.timer = uv.new_timer()
  self.timer:start(M.poll_ms, M.poll_ms, vim.schedule_wrap(util.timed("search.poll", function()
    -- A tick queued before the job was superseded finds another job.
    if self.job == job then finish(self, job, query) end
  end)))
end

-- Wait (blocking, for tests and scripts) until the running job is done
-- and on_done has run.
function Search:wait(ms)
  return vim.wait(ms or 5000, function() return self.job == nil end, M.poll_ms)
end

return M
