-- Contract specs of the adapters for plugins that are not installed here:
-- telescope, fzf-lua, snacks.picker, mini.pick, nvim-cmp and blink.cmp.
-- Each fake module in package.loaded has the documented entry points the
-- adapter uses, checks the arguments it is given as the plugin would, and
-- records them; the spec then plays the user's choice through the
-- recorded callbacks and checks that the editor jumped or inserted.
local H = require("fixtures.nvim_helpers")

local closure = H.folder .. "/2011-03-04-harbour-closure.md"

-- Install fakes (name -> module) for the duration of one test.
local installed = {}
local function fake(mods)
  for name, mod in pairs(mods) do
    installed[#installed + 1] = name
    package.loaded[name] = mod
  end
end

local function is_fn(v) return type(v) == "function" end

describe("adapters", function()
  local timeline
  setup(function()
    H.setup()
    timeline = require("dossier.timeline")
  end)
  before_each(function()
    H.reset()
    H.edit(H.drafts .. "/draft.md")
  end)
  after_each(function()
    for _, name in ipairs(installed) do package.loaded[name] = nil end
    installed = {}
    _G.MiniPick = nil
  end)

  -- The event with `text` in its row, among `items`.
  local function item_with(items, text)
    for i, it in ipairs(items) do
      if (it.row or it.text or it):find(text, 1, true) then return it, i end
    end
    error("no item with " .. text)
  end
  local function at_breakwater_source()
    assert.equal(closure, vim.api.nvim_buf_get_name(0))
    assert.truthy(vim.api.nvim_get_current_line():find("March 2, 2011", 1, true))
  end
  local function wait_for_jump()
    vim.wait(1000, function() return vim.api.nvim_buf_get_name(0) == closure end, 5)
  end

  it("telescope: pickers.new with a table finder, the core's sorter, a previewer and mappings", function()
    local rec = { maps = {} }
    local Sorter = {}
    function Sorter:new(o)
      assert.is_true(is_fn(o.scoring_function))
      return o
    end
    fake({
      telescope = {},
      ["telescope.pickers"] = { new = function(opts, spec)
        rec.spec = spec
        assert.equal("table", type(opts))
        return { find = function() rec.found = true end }
      end },
      ["telescope.finders"] = { new_table = function(t)
        assert.equal("table", type(t.results))
        assert.is_true(is_fn(t.entry_maker))
        return t
      end },
      ["telescope.config"] = { values = { grep_previewer = function(o) return { grep = true, opts = o } end } },
      ["telescope.sorters"] = { Sorter = Sorter },
      ["telescope.actions"] = {
        select_default = { replace = function(self, fn) rec.default = fn return self end },
        close = function(bufnr) rec.closed = bufnr end,
      },
      ["telescope.actions.state"] = { get_selected_entry = function() return rec.selected end },
    })
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { "Closed on " })
    vim.api.nvim_win_set_cursor(0, { 1, 9 })
    timeline.open({ picker = "telescope" })
    assert.is_true(rec.found)
    local spec = rec.spec
    assert.equal("Timeline", spec.prompt_title)
    assert.truthy(spec.previewer.grep)
    local items = spec.finder.results
    local entries = vim.tbl_map(spec.finder.entry_maker, items)
    local entry = item_with(vim.tbl_map(function(e) return { row = e.display, e = e } end, entries), "breakwater").e
    assert.equal(entry.display, entry.ordinal)
    assert.equal(closure, entry.filename)
    assert.equal(entry.value.line, entry.lnum)
    -- Sorting keeps the date order; the query filters (-1 = out).
    local sorter = spec.sorter
    assert.equal(entry.index, sorter.scoring_function(sorter, "", entry.ordinal, entry))
    assert.equal(entry.index, sorter.scoring_function(sorter, "breakwater", entry.ordinal, entry))
    local other = item_with(vim.tbl_map(function(e) return { row = e.display, e = e } end, entries), "dredging").e
    assert.equal(-1, sorter.scoring_function(sorter, "breakwater", other.ordinal, other))
    local hl = sorter.highlighter(sorter, "breakwater", entry.display)
    assert.equal(10, #hl)
    assert.equal("b", entry.display:sub(hl[1], hl[1]))
    -- Mappings: telescope's map takes one mode (a string) per call.
    assert.is_true(spec.attach_mappings(42, function(mode, key, fn)
      assert.equal("string", type(mode))
      rec.maps[mode .. key] = fn
    end))
    assert.is_true(is_fn(rec.maps["i<C-d>"]) and is_fn(rec.maps["n<C-d>"]) and is_fn(rec.maps["i<C-y>"]))
    -- <C-d> inserts the chosen event's date at the cursor it was opened from.
    rec.selected = entry
    rec.maps["i<C-d>"](42)
    assert.equal(42, rec.closed)
    assert.equal("Closed on 2011-03-02", vim.api.nvim_get_current_line())
    -- <CR> jumps to the source.
    rec.default(42)
    at_breakwater_source()
  end)

  it("fzf-lua: fzf_exec with path:line:col:row lines, the builtin previewer and actions", function()
    local rec = {}
    fake({ ["fzf-lua"] = { fzf_exec = function(contents, opts)
      assert.equal("table", type(contents))
      rec.contents, rec.opts = contents, opts
    end } })
    timeline.open({ picker = "fzf-lua", words = {} })
    local o = rec.opts
    assert.equal("builtin", o.previewer)
    assert.equal(":", o.fzf_opts["--delimiter"])
    assert.equal("4..", o.fzf_opts["--with-nth"])
    local line = item_with(rec.contents, "breakwater")
    local path, lnum, col, row = line:match("^(.-):(%d+):(%d+):(.*)$")
    assert.equal(closure, path)
    assert.equal("1", col)
    assert.truthy(row:find("^2011%-03%-02"))
    assert.is_true(is_fn(o.actions["ctrl-d"]) and is_fn(o.actions["ctrl-y"]))
    o.actions.default({ line })
    at_breakwater_source()
    assert.equal(tonumber(lnum), vim.api.nvim_win_get_cursor(0)[1])
  end)

  it("snacks.picker: pick with items, a file preview, confirm and actions bound to keys", function()
    local rec = {}
    fake({ snacks = { picker = { pick = function(o) rec.o = o end } } })
    timeline.open({ picker = "snacks" })
    local o = rec.o
    assert.equal("Timeline", o.title)
    assert.equal("file", o.preview)
    local it = item_with(o.items, "breakwater")
    assert.equal(closure, it.file)
    assert.equal("number", type(it.pos[1]))
    assert.equal("dossier_date", o.win.input.keys["<C-d>"][1])
    assert.is_true(is_fn(o.actions.dossier_date) and is_fn(o.actions.dossier_cite))
    local picker = { close = function() rec.closed = true end, current = function() return it end }
    o.confirm(picker, it)
    assert.is_true(rec.closed)
    wait_for_jump()
    at_breakwater_source()
    assert.equal(it.pos[1], vim.api.nvim_win_get_cursor(0)[1])
  end)

  it("mini.pick: start with items, choose and mappings", function()
    local rec = {}
    local MiniPick = {
      start = function(o) rec.o = o end,
      get_picker_matches = function() return { current = rec.current } end,
      stop = function() rec.stopped = true end,
    }
    fake({ ["mini.pick"] = MiniPick })
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { "Source: " })
    vim.api.nvim_win_set_cursor(0, { 1, 7 })
    timeline.open({ picker = "mini" })
    local src = rec.o.source
    assert.equal("Timeline", src.name)
    local it = item_with(src.items, "breakwater")
    assert.equal(closure, it.path)
    assert.equal("number", type(it.lnum))
    -- <C-y>: the citation at the cursor the picker was opened from.
    assert.equal("<C-y>", rec.o.mappings.dossier_cite.char)
    rec.current = it
    rec.o.mappings.dossier_cite.func()
    assert.is_true(rec.stopped)
    vim.wait(1000, function() return vim.api.nvim_get_current_line() ~= "Source: " end, 5)
    assert.equal("Source: (Storm closes the harbour of Port Elvan, 2011-03-02)", vim.api.nvim_get_current_line())
    src.choose(it)
    wait_for_jump()
    at_breakwater_source()
  end)

  -- The text of line `row` (0-based) after applying an LSP item's textEdit
  -- as the completion plugins do (UTF-16 ranges).
  local function apply(item, row)
    vim.lsp.util.apply_text_edits({ item.textEdit }, 0, "utf-16")
    return vim.api.nvim_buf_get_lines(0, row, row + 1, false)[1]
  end

  it("nvim-cmp: register_source, then complete(params, callback) edits the typed name", function()
    local rec = {}
    fake({ cmp = { register_source = function(name, src) rec.name, rec.src = name, src return 7 end } })
    local complete = require("dossier.complete")
    complete._cmp = nil
    complete.register_sources()
    complete._cmp = nil
    assert.equal("dossier", rec.name)
    local src = rec.src
    assert.is_true(src:is_available())
    assert.equal("utf-16", src:get_position_encoding_kind())
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { "Then Marta Lind" })
    local got
    src:complete({ context = { cursor_before_line = "Then Marta Lind", cursor = { row = 1, col = 16 } } },
      function(res) got = res end)
    assert.is_true(got.isIncomplete)
    local item = item_with(vim.tbl_map(function(i) return { row = i.label, i = i } end, got.items), "Marta Lindqvist").i
    assert.equal("Then Marta Lindqvist", apply(item, 0))
  end)

  it("blink.cmp: add_source_provider for our filetypes, then get_completions(ctx, callback)", function()
    local rec = { fts = {} }
    fake({ ["blink.cmp"] = {
      add_source_provider = function(id, cfg) rec.id, rec.cfg = id, cfg end,
      add_filetype_source = function(ft, id) rec.fts[ft] = id end,
    } })
    local complete = require("dossier.complete")
    complete._blink = nil
    complete.register_sources()
    complete._blink = nil
    assert.equal("dossier", rec.id)
    assert.equal("dossier", rec.fts.markdown)
    local source = require(rec.cfg.module).new({})
    assert.is_true(source:enabled())
    vim.api.nvim_buf_set_lines(0, 0, -1, false, { "Ask Marta Li" })
    local got
    local cancel = source:get_completions({ line = "Ask Marta Li", cursor = { 1, 12 } }, function(res) got = res end)
    assert.is_true(is_fn(cancel))
    local item = item_with(vim.tbl_map(function(i) return { row = i.label, i = i } end, got.items), "Marta Lindqvist").i
    assert.equal("Ask Marta Lindqvist", apply(item, 0))
  end)
end)
