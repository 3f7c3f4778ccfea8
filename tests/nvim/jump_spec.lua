-- Jumps: CTRL-] on a multi-word name lands on the describing mention, CTRL-T
-- comes back, :tag NAME, :Dossier mentions fills the quickfix list.
local H = require("fixtures.nvim_helpers")

describe("jump", function()
  setup(function() H.setup() end)
  before_each(function() H.reset() end)

  local closure = H.folder .. "/2011-03-04-harbour-closure.md"

  it("sets the buffer's tagfunc in drafts and briefings", function()
    H.edit(H.drafts .. "/draft.md")
    assert.truthy(vim.bo.tagfunc:find("dossier"))
    H.edit(closure)
    assert.truthy(vim.bo.tagfunc:find("dossier"))
  end)

  it("CTRL-] on the second word of a name lands where it is described; CTRL-T comes back", function()
    local draft = H.edit(H.drafts .. "/draft.md")
    H.cursor_on(3, "Lindqvist", 4)
    vim.cmd("exe \"normal! \\<C-]>\"")
    assert.equal(closure, vim.api.nvim_buf_get_name(0))
    local want = H.line_of(closure, "Marta Lindqvist, the harbour commissioner")
    local cur = vim.api.nvim_win_get_cursor(0)
    assert.equal(want, cur[1])
    assert.equal("Marta Lindqvist", vim.api.nvim_get_current_line():sub(cur[2] + 1, cur[2] + 15))
    vim.cmd("exe \"normal! \\<C-t>\"")
    assert.equal(draft, vim.api.nvim_get_current_buf())
    assert.equal(3, vim.api.nvim_win_get_cursor(0)[1])
  end)

  it(":tag with a hyphenated multi-word name", function()
    H.edit(H.drafts .. "/draft.md")
    vim.cmd("tag Tomas Brandt-Weller")
    assert.equal(closure, vim.api.nvim_buf_get_name(0))
    assert.equal(H.line_of(closure, "Tomas Brandt-Weller, the mayor"), vim.api.nvim_win_get_cursor(0)[1])
  end)

  it("lists every mention for :tselect through the tagfunc", function()
    H.edit(H.drafts .. "/draft.md")
    local tags = require("dossier.jump").tagfunc("Marta Lindqvist", "", {})
    assert.truthy(#tags >= 2)
    assert.equal(closure, tags[1].filename)
    local files = {}
    for _, t in ipairs(tags) do files[vim.fn.fnamemodify(t.filename, ":t")] = true end
    assert.truthy(files["dredging-contract.md"])
  end)

  it("leaves unknown names to the tags files", function()
    H.edit(H.drafts .. "/draft.md")
    assert.equal(vim.NIL, require("dossier.jump").tagfunc("Nobody Atall", "", {}))
  end)

  it(":Dossier mentions fills the quickfix list", function()
    H.edit(H.drafts .. "/draft.md")
    H.cursor_on(3, "Marta")
    vim.cmd("Dossier mentions")
    local qf = vim.fn.getqflist({ items = 1, title = 1 })
    assert.truthy(qf.title:find("Marta Lindqvist", 1, true))
    assert.truthy(#qf.items >= 2)
    local first = qf.items[1]
    assert.equal(closure, vim.api.nvim_buf_get_name(first.bufnr))
    assert.equal(H.line_of(closure, "Marta Lindqvist, the harbour"), first.lnum)
    vim.cmd("cclose")
  end)

  it(":Dossier mentions grows the list in slices to the same items", function()
    local jump = require("dossier.jump")
    H.edit(H.drafts .. "/draft.md")
    H.cursor_on(3, "Marta")
    local whole = #jump.mentions().out
    vim.cmd("cclose")                 -- back to the draft
    local budget = jump.slice_ns
    jump.slice_ns = 0                 -- one mention per slice
    local w = jump.mentions()
    jump.slice_ns = budget
    assert.truthy(#vim.fn.getqflist() < whole, "the first slice is not the whole list")
    assert.truthy(vim.wait(2000, function() return w.done end, 5))
    local qf = vim.fn.getqflist()
    assert.equal(whole, #qf)
    assert.equal(H.line_of(closure, "Marta Lindqvist, the harbour"), qf[1].lnum)
    vim.cmd("cclose")
  end)

  -- A refresh may number the entities anew: a walk started before it
  -- stops instead of reading the mentions of whatever entity has its
  -- number now (or raising "no such entity" in a deferred slice).
  it("a mentions walk stops when the index is refreshed under it", function()
    local entity, index = require("dossier.entity"), require("dossier.index")
    local ix = index.get(H.folder)
    local page = entity.page
    entity.page = 1                   -- a page of the core per mention
    local w = entity.walker(ix, ix:lookup("Port Elvan"))
    entity.page = page
    assert.is_true(w.next(2))
    local got = #w.out
    local gen = index.state(H.folder).generation
    index.refresh(H.folder)
    assert.truthy(vim.wait(5000, function() return index.state(H.folder).generation > gen end, 10))
    assert.is_false(w.next())
    assert.is_true(w.stale)
    assert.equal(got, #w.out)
  end)

  it(":Dossier mentions says so when a refresh stops its slices", function()
    local jump, entity, index = require("dossier.jump"), require("dossier.entity"), require("dossier.index")
    H.edit(H.drafts .. "/draft.md")
    H.cursor_on(3, "Marta")
    local budget, page = jump.slice_ns, entity.page
    jump.slice_ns, entity.page = 0, 1   -- one mention per slice
    local w = jump.mentions()
    jump.slice_ns, entity.page = budget, page
    -- Refreshed in place before the next slice (as index.refresh does
    -- with a core that has no refresh job).
    local s = index.state(H.folder)
    s.ix:refresh()
    s.generation = s.generation + 1
    assert.truthy(vim.wait(2000, function() return w.done or w.stale end, 5))
    assert.is_true(w.stale)
    assert.truthy(H.messages[#H.messages]:find("index changed", 1, true))
    vim.cmd("cclose")
  end)

  it(":Dossier entities lists the most mentioned, or the matches of a query", function()
    local real, shown = vim.ui.select, nil
    vim.ui.select = function(items, opts, cb) shown = { items = items, opts = opts, cb = cb } end
    H.edit(H.drafts .. "/draft.md")
    vim.cmd("Dossier entities")
    local counts = vim.tbl_map(function(it) return it.e.mentions end, shown.items)
    for i = 2, #counts do assert.truthy(counts[i - 1] >= counts[i]) end
    shown = nil
    local s = require("dossier.commands").run({ args = "entities lindqv" })
    if s and s.wait then s:wait(5000) end
    vim.ui.select = real
    assert.equal("Marta Lindqvist", shown.items[1].e.name)
    shown.cb(shown.items[1])
    assert.equal(closure, vim.api.nvim_buf_get_name(0))
  end)
end)
