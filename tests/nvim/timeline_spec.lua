-- The timeline picker: items in date order, a date range, a fuzzy query,
-- the entity's events, and the actions (jump, insert date, citation).
local H = require("fixtures.nvim_helpers")

describe("timeline", function()
  local timeline, ix
  local real_select = vim.ui.select
  local shown

  setup(function()
    ix = H.setup({ timeline = { picker = "select" } })
    timeline = require("dossier.timeline")
  end)
  before_each(function()
    H.reset()
    shown = nil
    -- vim.ui.select as a user who picks the item whose row has `pick`.
    vim.ui.select = function(items, opts, cb)
      shown = { items = items, prompt = opts.prompt, rows = vim.tbl_map(opts.format_item, items) }
      if shown.pick then cb(items[shown.pick]) end
    end
  end)
  after_each(function() vim.ui.select = real_select end)

  local function dates(items)
    return vim.tbl_map(function(it) return it.date end, items)
  end

  it("lists every dated event in date order", function()
    H.edit(H.drafts .. "/draft.md")
    vim.cmd("Dossier timeline")
    assert.truthy(shown)
    local d = dates(shown.items)
    assert.truthy(#d >= 3)
    for i = 2, #d do assert.truthy(d[i - 1] <= d[i], d[i - 1] .. " > " .. d[i]) end
    assert.equal("2011-03-02", d[1])
    assert.truthy(vim.tbl_contains(d, "2011-04-14"))
    assert.truthy(vim.tbl_contains(d, "2011-05-09"))
    assert.truthy(shown.rows[1]:find("2011-03-02", 1, true))
  end)

  it("keeps to a date range", function()
    H.edit(H.drafts .. "/draft.md")
    vim.cmd("Dossier timeline 2011-04..2011-05")
    for _, dt in ipairs(dates(shown.items)) do assert.truthy(dt >= "2011-04" and dt < "2011-06", dt) end
    assert.truthy(vim.tbl_contains(dates(shown.items), "2011-05-09"))
    assert.is_false(vim.tbl_contains(dates(shown.items), "2011-03-02"))
  end)

  it("filters with a fuzzy query and marks the matched bytes", function()
    local items = timeline.items(ix, { query = "breakwater" })
    assert.equal(1, #items)
    assert.equal("2011-03-02", items[1].date)
    local row, pos = items[1].row, items[1].positions
    assert.truthy(#pos > 0)
    local got = {}
    for _, p in ipairs(pos) do got[#got + 1] = row:sub(p + 1, p + 1) end
    assert.equal("breakwater", table.concat(got):lower())
  end)

  it("runs a query from the command on a thread, then opens the picker", function()
    H.edit(H.drafts .. "/draft.md")
    local s = timeline.open({ words = { "breakwater" } })
    assert.truthy(s.job, "the search runs as a job of the core")
    assert.is_nil(shown)                      -- nothing waits for it
    s:wait(5000)
    assert.truthy(shown)
    assert.same({ "2011-03-02" }, dates(shown.items))
    assert.truthy(shown.prompt:find("breakwater", 1, true))
  end)

  it("a newer query supersedes the running one", function()
    local got = {}
    local s = timeline.search(ix, {}, function(items, query) got[#got + 1] = { query, #items } end)
    s:set("dredg")
    local first = s.job
    s:set("breakwater")
    assert.truthy(first ~= s.job)
    assert.has_error(function() first:results() end)   -- closed: cancelled
    s:wait(5000)
    -- The first call (no query: every event, at once), then only the last query.
    assert.equal(2, #got)
    assert.is_nil(got[1][1])
    assert.truthy(got[1][2] >= 3)
    assert.same({ "breakwater", 1 }, got[2])
  end)

  it("shows the events of the entity under the cursor", function()
    H.edit(H.drafts .. "/draft.md")
    vim.api.nvim_buf_set_lines(0, -1, -1, false, { "The council of Kessling voted." })
    H.cursor_on(vim.api.nvim_buf_line_count(0), "Kessling")
    require("dossier").entity_timeline()
    assert.truthy(shown.prompt:find("Kessling", 1, true))
    assert.same({ "2011-04-14" }, dates(shown.items))
  end)

  it("jumps to the chosen event's source", function()
    H.edit(H.drafts .. "/draft.md")
    local items = timeline.items(ix, { query = "breakwater" })
    timeline.jump(items[1])
    local path = H.folder .. "/2011-03-04-harbour-closure.md"
    assert.equal(path, vim.api.nvim_buf_get_name(0))
    assert.equal(items[1].line, vim.api.nvim_win_get_cursor(0)[1])
    assert.truthy(vim.api.nvim_get_current_line():find("March 2, 2011", 1, true))
  end)

  it("inserts the date and a citation at the cursor", function()
    H.edit(H.drafts .. "/draft.md")
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { "Signed on ", "Source: " })
    local item = timeline.items(ix, { from = "2011-05-09", to = "2011-05-09" })[1]
    vim.api.nvim_win_set_cursor(0, { 1, 9 })
    timeline.insert_date(item)
    assert.equal("Signed on 2011-05-09", vim.api.nvim_buf_get_lines(0, 0, 1, false)[1])
    vim.api.nvim_win_set_cursor(0, { 2, 7 })
    timeline.insert_citation(item, nil, ix)
    assert.equal("Source: (Dredging contract signed, 2011-05-09)", vim.api.nvim_buf_get_lines(0, 1, 2, false)[1])
  end)

  it("parses date ranges", function()
    assert.same({ "2010-01", "2010-02" }, { timeline.parse_range("2010-01..2010-02") })
    assert.same({ "2010-04", "2010-04" }, { timeline.parse_range("2010-04") })
    assert.same({ nil, "2010" }, { timeline.parse_range("..2010") })
    assert.is_nil(timeline.parse_range("dredging"))
  end)
end)
