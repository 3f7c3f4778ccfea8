-- Consistency hints: other spellings of known names, near misses, and no
-- hint on names spelled as in the briefings.
local H = require("fixtures.nvim_helpers")

describe("hints", function()
  local hints
  setup(function()
    H.setup()
    hints = require("dossier.hints")
  end)
  before_each(function() H.reset() end)

  local function check(lines)
    local buf = H.edit(H.drafts .. "/draft.md")
    if lines then vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines) end
    local done
    hints.check(buf, function(d) done = d end)
    assert.truthy(vim.wait(2000, function() return done ~= nil end, 5))
    return vim.diagnostic.get(buf, { namespace = hints.ns })
  end

  local function on_line(diags, lnum0)
    return vim.tbl_filter(function(d) return d.lnum == lnum0 end, diags)
  end

  it("suggests the briefings' spelling of a differently punctuated name", function()
    local d = on_line(check(), 3)
    assert.equal(1, #d)
    assert.equal(vim.diagnostic.severity.HINT, d[1].severity)
    assert.truthy(d[1].message:find("Tomas Brandt-Weller", 1, true), d[1].message)
    assert.equal("Tomas Brandt Weller", vim.api.nvim_buf_get_lines(0, 3, 4, false)[1]:sub(d[1].col + 1, d[1].end_col))
  end)

  it("suggests the known name for a near miss", function()
    local d = on_line(check(), 4)
    assert.equal(1, #d)
    assert.truthy(d[1].message:find("Lindqvist", 1, true), d[1].message)
    assert.equal(0, d[1].col)
  end)

  it("leaves correctly spelled names, common words and short words alone", function()
    local d = check({ "Marta Lindqvist met Olav Halvorsen in Kessling.",
                      "Then March came. The Harbour Authority paid. Port Elvan's quay.", "Kim met Tim." })
    assert.same({}, d)
  end)

  it("gives a line cut by its time budget the same hints, word by word", function()
    local buf = H.edit(H.drafts .. "/draft.md")
    local ix = require("dossier.index").for_buf(buf)
    assert.truthy(ix)
    local v = hints.vocab(ix)
    local line = "Lindqvst and Tomas Brandt Weller met Marta Lindqvist, then Lindqivst again."
    local whole = hints.check_line(ix, v, line, 7)
    assert.equal(3, #whole)
    -- A deadline already past: every call checks one word and says where to go on.
    local parts, from, calls = {}, nil, 0
    repeat
      local found, resume = hints.check_line(ix, v, line, 7, 0, from)
      vim.list_extend(parts, found)
      from, calls = resume, calls + 1
    until not from or calls > 50
    assert.is_nil(from)
    assert.truthy(calls > 3)
    assert.same(whole, parts)
  end)

  it("computes edit distances with transpositions and a cut-off", function()
    assert.equal(1, hints.distance("Pasco", "Pascoe", 2))
    assert.equal(1, hints.distance("Lindqivst", "Lindqvist", 2))
    assert.equal(3, hints.distance("abc", "xyz", 2))
  end)
end)
