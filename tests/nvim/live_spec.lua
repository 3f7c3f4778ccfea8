-- The plugin's own picker (timeline.picker = "dossier"): a prompt whose
-- every change runs a search on the core's thread, and a list that shows
-- only the rows that fit in its window, in date order, with the matched
-- bytes highlighted; <CR> jumps, <C-d> inserts the date.
local H = require("fixtures.nvim_helpers")

describe("live picker", function()
  local timeline, ix
  setup(function()
    ix = H.setup()
    timeline = require("dossier.timeline")
  end)
  before_each(function() H.reset() end)

  local function list_lines(p) return vim.api.nvim_buf_get_lines(p.list_buf, 0, -1, false) end
  local function settle(p) p.search:wait(5000) end

  it("lists the events in date order, one window of rows, then filters as the query changes", function()
    H.edit(H.drafts .. "/draft.md")
    local p = timeline.open({ picker = "dossier" })
    settle(p)
    local rows = list_lines(p)
    assert.truthy(#rows >= 3)
    assert.truthy(rows[1]:find("^2011%-03%-02"))
    for i = 2, #rows do assert.truthy(rows[i - 1]:sub(1, 10) <= rows[i]:sub(1, 10)) end
    -- Typing: the prompt line changes, a search job supersedes the last.
    vim.api.nvim_buf_set_lines(p.prompt_buf, 0, -1, false, { p.prompt .. "breakwater" })
    vim.api.nvim_exec_autocmds("TextChangedI", { buffer = p.prompt_buf })
    assert.truthy(p.search.job, "the query runs as a job of the core")
    settle(p)
    rows = list_lines(p)
    assert.equal(1, #rows)
    assert.truthy(rows[1]:find("breakwater", 1, true))
    -- The matched bytes are highlighted.
    local marks = vim.api.nvim_buf_get_extmarks(p.list_buf, require("dossier.live").ns, 0, -1, { details = true })
    assert.truthy(#marks >= 10)
    p:close()
  end)

  it("shows no more rows than its window has lines, and scrolls", function()
    H.edit(H.drafts .. "/draft.md")
    local p = timeline.open({ picker = "dossier" })
    settle(p)
    p.height = 2                      -- a small window over the same results
    p:render()
    assert.equal(2, #list_lines(p))
    local first = list_lines(p)[1]
    p:move(1)
    p:move(1)                         -- the selection leaves the window: it scrolls
    assert.equal(2, p.top)
    assert.equal(3, p.sel)
    assert.are_not.equal(first, list_lines(p)[1])
    p:close()
  end)

  -- A refresh ends the searches that read the old index (their results
  -- then raise "cancelled"): the picker runs its query again and keeps
  -- working, and <CR> still jumps and closes it.
  it("keeps working across a refresh of the index", function()
    local index = require("dossier.index")
    H.edit(H.drafts .. "/draft.md")
    local p = timeline.open({ picker = "dossier" })
    settle(p)
    local before = list_lines(p)
    p:move(1)
    local gen = index.state(H.folder).generation
    index.refresh(H.folder)
    assert.truthy(vim.wait(5000, function() return index.state(H.folder).generation > gen end, 10))
    settle(p)
    p:move(1)                         -- raised "dossier: cancelled" before
    assert.same(before, list_lines(p))
    assert.equal(3, p.sel, "the selection stays where it was")
    p:choose("jump")
    assert.is_false(vim.api.nvim_win_is_valid(p.list_win))
    assert.is_false(vim.api.nvim_win_is_valid(p.prompt_win))
    vim.wait(1000, function() return vim.api.nvim_buf_get_name(0):find(H.folder, 1, true) ~= nil end, 5)
    assert.truthy(vim.api.nvim_buf_get_name(0):find(H.folder, 1, true))
  end)

  it("closes on <CR> even when its job cannot give rows any more", function()
    H.edit(H.drafts .. "/draft.md")
    local p = timeline.open({ picker = "dossier" })
    settle(p)
    p.job = setmetatable({}, { __index = { results = function() error("dossier: cancelled") end } })
    p:move(1)
    assert.truthy(list_lines(p)[1]:find("cancelled", 1, true))
    p:choose("jump")
    assert.is_false(vim.api.nvim_win_is_valid(p.prompt_win))
  end)

  it("<CR> jumps to the chosen event, <C-d> inserts its date", function()
    H.edit(H.drafts .. "/draft.md")
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { "Closed on " })
    vim.api.nvim_win_set_cursor(0, { 1, 9 })
    local p = timeline.open({ picker = "dossier", query = "breakwater" })
    settle(p)
    p:choose("date")
    vim.wait(1000, function() return vim.api.nvim_get_current_line() ~= "Closed on " end, 5)
    assert.equal("Closed on 2011-03-02", vim.api.nvim_get_current_line())
    assert.is_false(vim.api.nvim_win_is_valid(p.list_win))
    p = timeline.open({ picker = "dossier", query = "breakwater" })
    settle(p)
    p:choose("jump")
    local closure = H.folder .. "/2011-03-04-harbour-closure.md"
    vim.wait(1000, function() return vim.api.nvim_buf_get_name(0) == closure end, 5)
    assert.equal(closure, vim.api.nvim_buf_get_name(0))
    assert.truthy(vim.api.nvim_get_current_line():find("March 2, 2011", 1, true))
  end)
end)
