-- Completion of names and aliases through 'omnifunc'.
local H = require("fixtures.nvim_helpers")

describe("completion", function()
  local complete
  setup(function()
    H.setup()
    complete = require("dossier.complete")
  end)
  before_each(function() H.reset() end)

  local function complete_at_end(text)
    H.edit(H.drafts .. "/draft.md")
    vim.api.nvim_buf_set_lines(0, -1, -1, false, { text })
    local n = vim.api.nvim_buf_line_count(0)
    vim.api.nvim_win_set_cursor(0, { n, #text })
    local start = vim.bo.omnifunc:find("dossier") and complete.omnifunc(1, "")
    assert.truthy(start and start >= 0)
    local base = text:sub(start + 1)
    return start, base, complete.omnifunc(0, base)
  end

  local function words(items)
    return vim.tbl_map(function(i) return i.word end, items)
  end

  it("completes a name from its first letters", function()
    local start, base, items = complete_at_end("Then Mart")
    assert.equal(5, start)
    assert.equal("Mart", base)
    assert.truthy(vim.tbl_contains(words(items), "Marta Lindqvist"))
  end)

  it("completes a multi-word name typed past its first word", function()
    local start, base, items = complete_at_end("and Tomas Bra")
    assert.equal(4, start)
    assert.equal("Tomas Bra", base)
    assert.truthy(vim.tbl_contains(words(items), "Tomas Brandt-Weller"))
  end)

  it("completes aliases, naming the entity", function()
    local _, _, items = complete_at_end("then Lindq")
    local hit
    for _, i in ipairs(items) do if i.word == "Lindqvist" then hit = i end end
    assert.truthy(hit, vim.inspect(items))
    assert.truthy(hit.menu:find("Marta Lindqvist", 1, true))
  end)

  it("cancels quietly outside any folder", function()
    local dir = vim.fn.tempname()
    vim.fn.mkdir(dir, "p")
    H.edit(dir .. "/elsewhere.md")
    assert.equal(-3, complete.omnifunc(1, ""))
    assert.same({}, complete.omnifunc(0, "Mar"))
  end)
end)
