-- Lookups through Lua 5.4: at the cursor, by name, completion, mentions
-- with their lines, events by entity and date, fuzzy pickers.  The
-- entities come from the extractors, so the checks pick names from what
-- the index found rather than assume what it finds.
local core = require("dossier.core")

local helpers = require("helpers")
local tmpdir, write = helpers.tmpdir, helpers.write

local brief = [[
---
date: 2010-02-10
title: Envoy visit
---

Wang Jiarui met Kim Jong Il in Pyongyang on Feb. 8, 2010.
On Feb. 9, 2010, Wang Jiarui left Pyongyang for Beijing.
Kim Jong Il said on Feb. 9, 2010 that talks with the United States could resume.
]]

local notes = [[
March 3, 2010

North Korea said on March 2, 2010 that Kim Jong Il had visited a factory.
The United Nations Security Council met on March 1, 2010.
]]

describe("lookups", function()
  local dir, ix, top

  setup(function()
    dir = tmpdir()
    write(dir .. "/brief.md", brief)
    write(dir .. "/notes.txt", notes)
    ix = core.open(dir)
    -- The most mentioned entity with a name of two words or more.
    for _, e in ipairs(ix:entities()) do
      if e.name:find(" ") and (not top or e.mentions > top.mentions) then top = e end
    end
  end)

  teardown(function()
    ix:close()
    os.execute("rm -rf '" .. dir .. "'")
  end)

  it("finds some multi-word entity to test with", function()
    assert.is_table(top)
  end)

  it("looks a name up exactly, whatever the case and spacing", function()
    assert.equal(top.id, ix:lookup(top.name))
    assert.equal(top.id, ix:lookup(top.name:upper()))
    assert.equal(top.id, ix:lookup(top.name:gsub(" ", "  ")))
    assert.is_nil(ix:lookup("Nobody Anywhere Ever"))
  end)

  it("finds the entity under the cursor, the whole name, possessive dropped", function()
    local line = "Yesterday " .. top.name .. "\u{2019}s aides said nothing."
    local first = #"Yesterday "
    local last_word = top.name:match("(%S+)$")
    local col = first + #top.name - #last_word       -- on the last word
    local id, s, e = ix:lookup_at(line, col)
    assert.equal(top.id, id)
    assert.equal(first, s)
    assert.equal(first + #top.name, e)
    assert.equal(top.id, (ix:lookup_at(line, first)))   -- on the first byte
    assert.is_nil(ix:lookup_at(line, 0))               -- "Yesterday"
    assert.is_nil(ix:lookup_at(line, #line + 10))
    assert.is_nil(ix:lookup_at("", 0))
  end)

  it("completes a prefix, most relevant first, one row per entity", function()
    local prefix = top.name:sub(1, 3)
    local c = ix:complete(prefix, 10)
    assert.is_true(#c >= 1)
    local seen = {}
    for _, x in ipairs(c) do
      assert.is_nil(seen[x.id])
      seen[x.id] = true
      assert.is_string(x.word)
      assert.equal(prefix:lower(), x.word:sub(1, 3):lower())
    end
    assert.is_true(seen[top.id])
    assert.equal(1, #ix:complete(prefix, 1))
    assert.same({}, ix:complete("zzqqxx", 10))
  end)

  it("completes into a table the caller reuses, column by column", function()
    local prefix = top.name:sub(1, 3)
    local list = ix:complete(prefix, 10)
    local into = {}
    assert.equal(into, ix:complete(prefix, 10, into))
    assert.equal(#list, into.n)
    for k, x in ipairs(list) do
      assert.equal(x.id, into.id[k])
      assert.equal(x.word, into.word[k])
      assert.equal(x.name, into.name[k])
      assert.equal(x.type, into.type[k])
      assert.equal(x.mentions, into.mentions[k])
    end
    -- A shorter result clears what the longer one left.
    local word = into.word
    ix:complete(prefix, 1, into)
    assert.equal(1, into.n)
    assert.equal(word, into.word)           -- the same columns, refilled
    assert.equal(list[1].word, into.word[1])
    assert.is_nil(into.word[2])
    assert.is_nil(into.id[2])
    ix:complete("zzqqxx", 10, into)
    assert.equal(0, into.n)
    assert.is_nil(into.word[1])
    assert.has_error(function() ix:complete(prefix, 10, "not a table") end)
  end)

  it("lists mentions with file, line, column and the line's text", function()
    local m = ix:mentions(top.id)
    local list = ix:entity(top.id).mention_list
    assert.equal(#list, #m)
    for i, x in ipairs(m) do
      assert.is_string(x.path)
      assert.is_true(x.line >= 1)
      assert.equal(list[i].start, x.start)
      -- The line holds the mention at its column.
      local text = x.text
      assert.is_true(x.col + x["end"] - x.start <= #text)
    end
    for i = 2, #m do     -- document order
      assert.is_true(m[i - 1].path < m[i].path or (m[i - 1].path == m[i].path and m[i - 1].start < m[i].start))
    end
    assert.has_error(function() ix:mentions(10 ^ 6) end)
  end)

  it("filters events by entity and date range", function()
    local all = ix:events()
    assert.is_true(#all >= 1)
    for i = 2, #all do assert.is_true(all[i - 1].date <= all[i].date) end
    local feb = ix:events({ from = "2010-02", to = "2010-02" })
    for _, ev in ipairs(feb) do assert.equal("2010-02", ev.date:sub(1, 7)) end
    local mine = ix:events({ entity = top.id })
    for _, ev in ipairs(mine) do
      local has = false
      for _, id in ipairs(ev.entities) do has = has or id == top.id end
      assert.is_true(has)
    end
    for _, ev in ipairs(all) do
      assert.matches("^%S+%s+.*%(" .. ev.path:gsub("%p", "%%%0") .. ":" .. ev.line .. "%)$", ev.row)
    end
  end)

  it("ranks events fuzzily with positions into the row", function()
    local all = ix:events()
    local word = all[1].text:match("%a%a%a%a+")
    local q = word:lower():sub(1, 4)
    local res = ix:fuzzy_events(q, { limit = 5 })
    assert.is_true(#res >= 1 and #res <= 5)
    for i, ev in ipairs(res) do
      assert.is_number(ev.score)
      assert.equal(#q, #ev.positions)
      for k, p in ipairs(ev.positions) do
        assert.equal(q:sub(k, k), ev.row:sub(p + 1, p + 1):lower())
      end
      if i > 1 then assert.is_true(res[i - 1].score >= ev.score) end
    end
    -- An empty query: the filtered events in date order.
    local plain = ix:fuzzy_events("", { limit = 3, from = "2010" })
    assert.is_true(#plain <= 3)
    for _, ev in ipairs(plain) do assert.same({}, ev.positions) end
    assert.same({}, ix:fuzzy_events("qqqzzzxxx"))
  end)

  it("ranks entities fuzzily", function()
    local initials = top.name:gsub("(%a)%a*%s*", "%1"):lower()
    local res = ix:fuzzy_entities(initials, 10)
    local found = false
    for _, e in ipairs(res) do
      found = found or e.id == top.id
      for k, p in ipairs(e.positions) do
        assert.equal(initials:sub(k, k), e.name:sub(p + 1, p + 1):lower())
      end
    end
    assert.is_true(found)
  end)

  it("takes a count that is not a number (NaN) as 1, never as a huge one", function()
    local nan = 0 / 0
    -- A prefix with several completions, and a query with several hits.
    local prefix
    for c in ("abcdefghijklmnopqrstuvwxyz"):gmatch(".") do
      if #ix:complete(c, 10) >= 2 then prefix = c break end
    end
    assert.is_string(prefix)
    assert.equal(1, #ix:complete(prefix, nan))
    assert.equal(1, #ix:complete(prefix, nan, {}).id)
    assert.is_true(#ix:fuzzy_events("", {}) >= 2)
    assert.equal(1, #ix:fuzzy_events("", { limit = nan }))
    assert.equal(1, #ix:fuzzy_entities("", nan))
    assert.equal(1, #ix:fuzzy_entities(top.name:sub(1, 1), nan))
    assert.equal(1, #core.fuzzy({ "kim", "kim jong", "kimchi" }, "kim", nan))
    local job = ix:search_events("", { limit = nan })
    repeat until job:poll().done
    assert.equal(1, job:count())
    assert.is_nil(ix:lookup_at(top.name, nan))
    assert.is_nil(ix:lookup_at(top.name, -1))
    assert.has_error(function() ix:entity(nan) end)
  end)

  it("fuzzy-matches any list of strings", function()
    local list = { "kind imam", "Kim Jong Il", "met Kim today", 42, "nothing" }
    local r = core.fuzzy(list, "kim", 10)
    assert.equal(3, #r)
    assert.same({ 0, 1, 2 }, r[1].positions)
    assert.is_true(r[1].index == 2 or r[1].index == 3)
    assert.equal(1, r[3].index)         -- scattered last
    assert.equal(2, #core.fuzzy(list, "kim", 2))
    assert.equal(3, #core.fuzzy(list, "", 3))
    assert.same({}, core.fuzzy({}, "x"))
    assert.has_error(function() core.fuzzy("not a table", "x") end)
  end)
end)
