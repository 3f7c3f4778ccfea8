-- dossier.core through Lua 5.4: the binding's API, its errors, and the
-- refusal of a module built for the other ABI.
local core = require("dossier.core")

local helpers = require("helpers")
local tmpdir, write = helpers.tmpdir, helpers.write

local function sh(cmd)
  local p = assert(io.popen(cmd .. " 2>&1; echo \"rc=$?\""))
  local out = p:read("a")
  p:close()
  return out
end

describe("dossier.core", function()
  local dir, ix

  setup(function()
    dir = tmpdir()
    write(dir .. "/brief.md", "---\ndate: 2010-03-01\ntitle: Brief\n---\n\nThe envoy arrived on Feb. 9.\n")
    write(dir .. "/notes.txt", "Undated notes.\n")
    write(dir .. "/blob.md", "bin\0ary")
    ix = core.open(dir)
  end)

  teardown(function()
    if ix then ix:close() end
    os.execute("rm -rf '" .. dir .. "'")
  end)

  it("says which ABI it was built for", function()
    assert.equal("Lua 5.4", core.abi)
    assert.is_string(core.version)
  end)

  it("opens a folder and counts it", function()
    local s = ix:stats()
    assert.equal(2, s.documents)
    assert.equal(1, s.skipped)
    assert.equal(dir, s.root)
    assert.is_true(math.type(s.documents) == "integer")
  end)

  it("lists documents with dates and their source", function()
    local docs = ix:documents()
    assert.equal(2, #docs)
    assert.equal("brief.md", docs[1].path)
    assert.equal("2010-03-01", docs[1].date)
    assert.equal("front-matter", docs[1].date_source)
    assert.equal("Brief", docs[1].title)
    assert.equal("notes.txt", docs[2].path)
  end)

  it("lists skipped files with a reason", function()
    local sk = ix:skipped()
    assert.equal(1, #sk)
    assert.equal("blob.md", sk[1].path)
    assert.matches("binary", sk[1].reason)
  end)

  it("exports JSON", function()
    local j = ix:export()
    assert.matches('"version":%s*1', j)
    assert.matches('"path":%s*"brief.md"', j)
  end)

  it("returns tables for entities and events", function()
    assert.is_table(ix:entities())
    assert.is_table(ix:events())
    assert.is_table(ix:events({ from = "2010-01", to = "2010-12" }))
  end)

  it("keeps offsets exact as integers", function()
    for _, d in ipairs(ix:documents()) do
      assert.is_true(math.type(d.size) == "integer")
    end
  end)

  it("raises Lua errors with messages", function()
    local ok, err = pcall(core.open, dir .. "/does-not-exist")
    assert.is_false(ok)
    assert.matches("dossier: cannot index", err)
    ok, err = pcall(core.open)
    assert.is_false(ok)
    assert.matches("string expected", err)
    ok, err = pcall(ix.entity, ix, 999999)
    assert.is_false(ok)
    assert.matches("no such entity", err)
  end)

  it("refuses a closed index", function()
    local other = core.open(dir)
    other:close()
    local ok, err = pcall(other.stats, other)
    assert.is_false(ok)
    assert.matches("closed", err)
    other:close() -- twice is harmless
  end)

  it("refreshes after a change on disk", function()
    local other = core.open(dir)
    write(dir .. "/added.md", "Added later.\n")
    other:refresh()
    assert.equal(3, other:stats().documents)
    other:close()
    os.remove(dir .. "/added.md")
  end)
end)

describe("the wrong ABI", function()
  local probe = [[local ok, err = pcall(require, "dossier.core"); io.write(tostring(ok), " ", tostring(err))]]

  it("a 5.1 build refuses to load in Lua 5.4, with a clear message", function()
    local out = sh("LUA_CPATH='lua/?.so' lua5.4 -e '" .. probe .. "'")
    assert.matches("^false dossier.core: this module was built for Lua 5.1 / LuaJIT", out)
    assert.matches("rc=0", out)
  end)

  it("a 5.4 build refuses to load in LuaJIT, with a clear message", function()
    local out = sh("LUA_CPATH='build/lua54/?.so' luajit -e '" .. probe .. "'")
    assert.matches("^false dossier.core: this module was built for Lua 5.4", out)
    assert.matches("rc=0", out)
  end)

  it("a 5.4 build refuses to load in Neovim, with a clear message", function()
    local out = sh("nvim --headless -u NONE -i NONE -n -c \"lua package.cpath='build/lua54/?.so;'..package.cpath; "
      .. probe:gsub('"', '\\"') .. "\" -c 'qall!'")
    assert.matches("false dossier.core: this module was built for Lua 5.4", out)
    assert.matches("rc=0", out)
  end)

  it("the 5.1 build loads in LuaJIT", function()
    local out = sh("LUA_CPATH='lua/?.so' luajit -e '" .. probe .. "'")
    assert.matches("^true", out)
  end)
end)
