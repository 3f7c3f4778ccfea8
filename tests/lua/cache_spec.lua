-- The persistent cache through Lua 5.4: reopening from it, rebuilding
-- from damaged, truncated and old-version files, incremental refresh of
-- changed, added and removed files, `cache = true` and the XDG folder.
local core = require("dossier.core")

local helpers = require("helpers")
local tmpdir, write, read = helpers.tmpdir, helpers.write, helpers.read

local function ls(dir)
  local out, p = {}, io.popen("ls -A '" .. dir .. "' 2>/dev/null")
  for l in p:lines() do out[#out + 1] = l end
  p:close()
  return out
end

describe("the cache", function()
  local base, dir, cache

  local function fill()
    os.execute("rm -rf '" .. dir .. "' '" .. cache .. "' && mkdir -p '" .. dir .. "'")
    write(dir .. "/a.md", "---\ndate: 2010-02-10\n---\nWang Jiarui met Kim Jong Il in Pyongyang on Feb. 8, 2010.\n")
    write(dir .. "/b.txt", "North Korea said on March 2, 2010 that talks would resume.\n")
    write(dir .. "/c.md", "Notes on Seoul.\n")
  end

  local function open() return core.open(dir, { cache_dir = cache }) end

  local function cache_file()
    local f = ls(cache)
    assert.equal(1, #f)              -- one file, no temporary ones left
    return cache .. "/" .. f[1]
  end

  before_each(function()
    base = tmpdir()
    dir, cache = base .. "/briefs", base .. "/cache/dossier"
    fill()
  end)

  after_each(function() os.execute("rm -rf '" .. base .. "'") end)

  it("is written on the first open and read on the next", function()
    local ix = open()
    local s = ix:stats()
    assert.is_false(s.from_cache)
    assert.equal(3, s.reindexed)
    assert.is_true(s.cache_written)
    local json = ix:export()
    ix:close()
    ix = open()
    s = ix:stats()
    assert.is_true(s.from_cache)
    assert.equal(3, s.cached)
    assert.equal(0, s.reindexed)
    assert.equal(json, ix:export())
    ix:close()
    assert.same({ "a.md", "b.txt", "c.md" }, ls(dir))   -- nothing written there
  end)

  it("gives the lookups, completions, entity cards and picker rows of a fresh index", function()
    write(dir .. "/d.md", "---\ndate: 2010-04-01\naliases:\n  Dear Leader: Kim Jong Il\n---\n"
      .. "The Dear Leader met Wang Jiarui on March 30, 2010. He said talks would go on.\n")
    open():close()
    local ix, fresh = open(), core.open(dir)
    assert.equal(4, ix:stats().cached)
    for _, name in ipairs({ "Kim Jong Il", "Dear Leader", "Wang Jiarui", "Pyongyang", "North Korea", "nobody" }) do
      assert.same({ fresh:lookup(name) }, { ix:lookup(name) })
      local line = "Yesterday " .. name .. "'s office said so."
      assert.same({ fresh:lookup_at(line, 12) }, { ix:lookup_at(line, 12) })
    end
    for _, p in ipairs({ "k", "w", "d", "n", "" }) do
      assert.same(fresh:complete(p), ix:complete(p))
    end
    for id = 1, #fresh:entities() do
      assert.same(fresh:entity(id), ix:entity(id))
    end
    assert.same(fresh:fuzzy_events("kim"), ix:fuzzy_events("kim"))
    assert.same(fresh:fuzzy_events(""), ix:fuzzy_events(""))
    fresh:close()
    ix:close()
  end)

  local function damage(how, note)
    open():close()
    local path = cache_file()
    write(path, how(read(path)))
    local ix = open()
    local s = ix:stats()
    assert.is_false(s.from_cache)
    assert.equal(3, s.reindexed)
    assert.matches(note, s.cache_note)
    ix:close()
    ix = open()                                       -- and it was replaced
    assert.equal(3, ix:stats().cached)
    ix:close()
  end

  it("rebuilds from a damaged file", function()
    damage(function(s) local k = #s // 2; return s:sub(1, k - 1) .. string.char((s:byte(k) + 1) % 256) .. s:sub(k + 1) end, "damaged")
  end)

  it("rebuilds from a truncated file", function()
    damage(function(s) return s:sub(1, #s - 7) end, "truncated")
  end)

  it("rebuilds from a file of another version", function()
    damage(function(s) return s:sub(1, 8) .. string.char((s:byte(9) + 1) % 256) .. s:sub(10) end, "version")
  end)

  it("rebuilds from something that is not a cache file", function()
    damage(function() return "hello" end, "not a cache file")
  end)

  it("updates changed, added and removed files only", function()
    local ix = open()
    write(dir .. "/a.md", "---\ndate: 2010-02-11\n---\nKim Jong Il met Hu Jintao in Beijing on Feb. 10, 2010.\n")
    write(dir .. "/d.md", "On April 2, 2010 the Security Council met about North Korea.\n")
    os.remove(dir .. "/b.txt")
    ix:refresh()
    local s = ix:stats()
    assert.equal(3, s.documents)
    assert.equal(2, s.reindexed)
    local fresh = core.open(dir)
    assert.equal(fresh:export(), ix:export())
    fresh:close()
    ix:close()
    ix = open()
    assert.equal(3, ix:stats().cached)
    assert.equal(0, ix:stats().reindexed)
    ix:close()
  end)

  it("uses $XDG_CACHE_HOME/dossier for cache = true", function()
    local script = base .. "/x.lua"
    write(script, ([[
      local core = require("dossier.core")
      local ix = core.open(%q, { cache = true })
      io.write(tostring(ix:stats().cache_written))
    ]]):format(dir))
    local p = io.popen("XDG_CACHE_HOME='" .. base .. "/xdg' LUA_CPATH='" .. package.cpath .. "' lua5.4 " .. script)
    local out = p:read("a")
    p:close()
    assert.equal("true", out)
    assert.equal(1, #ls(base .. "/xdg/dossier"))
  end)
end)
