-- Building off the editor's thread: core.start and job:poll/index/cancel,
-- ix:refresh_start, and what they refuse.
local core = require("dossier.core")

local helpers = require("helpers")
local tmpdir, write = helpers.tmpdir, helpers.write

local function wait(job)
  local p
  repeat p = job:poll() until p.done
  return p
end

describe("jobs", function()
  local dir

  setup(function()
    dir = tmpdir()
    for i = 1, 60 do
      write(("%s/brief-%02d.md"):format(dir, i),
        ("On Feb. %d, 2010 Wang Jiarui met Kim Jong Il in Pyongyang.\nNotes %d.\n"):format(i % 28 + 1, i))
    end
  end)

  teardown(function() os.execute("rm -rf '" .. dir .. "'") end)

  it("indexes a folder on a thread and reports progress", function()
    local job = core.start(dir)
    local p = job:poll()
    assert.is_boolean(p.done)
    assert.is_number(p.files_done)
    p = wait(job)
    assert.is_nil(p.error)
    assert.equal(60, p.files_total)
    assert.equal(60, p.files_done)
    assert.is_true(p.bytes_done > 0)
    local ix = job:index()
    assert.equal(60, ix:stats().documents)
    assert.equal(core.open(dir):export(), ix:export())
    assert.has_error(function() job:index() end)   -- handed over once
    ix:close()
  end)

  it("reports a folder it cannot index as an error", function()
    local job = core.start(dir .. "/missing")
    local p = wait(job)
    assert.is_string(p.error)
    local ok, err = pcall(job.index, job)
    assert.is_false(ok)
    assert.matches("missing", err)
  end)

  it("can be cancelled", function()
    local job = core.start(dir)
    job:cancel()
    local p = wait(job)
    if p.error then
      assert.matches("cancelled", p.error)
      assert.has_error(function() job:index() end)
    else                                   -- it was done before it heard
      assert.equal(60, job:index():stats().documents)
    end
  end)

  it("lets go of a running job without waiting for it", function()
    for _ = 1, 5 do core.start(dir) end
    collectgarbage()
    collectgarbage()
  end)

  it("refreshes an index in the background and hands it over in place", function()
    local ix = core.open(dir)
    write(dir .. "/brief-01.md", "On March 1, 2010 Hu Jintao met Kim Jong Il in Beijing.\n")
    write(dir .. "/new.md", "On March 2, 2010 the Security Council met.\n")
    local job = ix:refresh_start()
    assert.has_error(function() ix:close() end)      -- the job reads it
    assert.has_error(function() ix:refresh() end)
    assert.is_table(ix:entities())                  -- reading is fine meanwhile
    wait(job)
    local same = job:index()
    assert.equal(ix, same)
    local s = ix:stats()
    assert.equal(61, s.documents)
    assert.equal(2, s.reindexed)
    assert.equal(core.open(dir):export(), ix:export())
    ix:close()
    os.remove(dir .. "/new.md")
  end)

  it("keeps the index alive while a refresh job holds it", function()
    local job = core.open(dir):refresh_start()     -- no other reference
    collectgarbage()
    collectgarbage()
    wait(job)
    local ix = job:index()
    assert.equal(60, ix:stats().documents)
    ix:close()
  end)
  it("refuses a second refresh of an index until the first is taken or closed", function()
    local ix = core.open(dir)
    local a = ix:refresh_start()
    wait(a)
    assert.has_error(function() ix:refresh_start() end,
      "dossier: a refresh is already running (take its index or close the job first)")
    assert.equal(ix, a:index())
    local b = ix:refresh_start()
    b:close()
    local c = ix:refresh_start()
    wait(c)
    assert.equal(ix, c:index())
    ix:close()
    -- A refresh that failed holds its index no more.
    local gone = tmpdir()
    write(gone .. "/a.md", "On Feb. 9, 2010 Wang Jiarui met Kim Jong Il.\n")
    ix = core.open(gone)
    os.execute("rm -rf '" .. gone .. "'")
    assert.is_string(wait(ix:refresh_start()).error)
    assert.is_string(wait(ix:refresh_start()).error)
    ix:close()
  end)

  it("waits for a refresh dropped while it runs before its index can go", function()
    -- Closed or collected, the job's thread must be done with ix before
    -- ix:close() frees it (the asan suite of tests/leaks.sh runs this).
    for _ = 1, 3 do
      local ix = core.open(dir)
      ix:refresh_start():close()
      ix:close()
      ix = core.open(dir)
      ix:refresh_start()
      collectgarbage()
      collectgarbage()
      ix:close()
    end
  end)

  it("searches on a thread: the same results as the direct call, by pages, superseded", function()
    local ix = core.open(dir)
    local job = ix:search_events("wang kim", { limit = 20 })
    wait(job)
    local direct = ix:fuzzy_events("wang kim", { limit = 20 })
    assert.same(direct, job:results())
    assert.equal(#direct, job:count())
    -- Pages: rows 3..5 best first, and in date order (by event number).
    assert.same({ direct[3], direct[4], direct[5] }, job:results(3, 3))
    local by_date = job:results(1, job:count(), "date")
    for i = 2, #by_date do assert.is_true(by_date[i - 1].index < by_date[i].index) end
    assert.same({ by_date[2] }, job:results(2, 1, "date"))
    assert.same({}, job:results(job:count() + 1, 5))
    -- An empty query: the events in date order.
    local all = ix:search_events("", { limit = 1000 })
    wait(all)
    assert.same(ix:fuzzy_events("", { limit = 1000 }), all:results())
    -- Entities.
    local ents = ix:search_entities("wang", 5)
    wait(ents)
    assert.same(ix:fuzzy_entities("wang", 5), ents:results())
    -- A closed job, and a job whose index was closed, say so.
    local gone = ix:search_events("kim", {})
    gone:close()
    assert.has_error(function() gone:results() end)
    local orphan = ix:search_events("kim", {})
    -- Superseded searches are let go of without waiting; closing the
    -- index waits for their threads.
    for _, q in ipairs({ "w", "wa", "wan", "wang" }) do ix:search_events(q, {}):close() end
    ix:close()
    assert.has_error(function() orphan:results() end)
  end)
  it("finds an entity by an alias, on a thread as directly", function()
    local adir = tmpdir()
    write(adir .. "/.dossier.json", '{"aliases": {"DPRK": "North Korea"}}\n')
    write(adir .. "/a.md", "On Feb. 3, 2010 North Korea met Airbus in Pyongyang.\n"
      .. "North Korea said no.  The DPRK said yes.\n")
    local ix = core.open(adir)
    local job = ix:search_entities("DPRK", 5)
    wait(job)
    local hits = job:results()
    assert.equal("North Korea", hits[1] and hits[1].name)
    assert.same(ix:fuzzy_entities("DPRK", 5), hits)
    -- No query: the most mentioned directly; a search job finds none
    -- (as documented in :help dossier-lua-api).
    local direct = ix:fuzzy_entities("", 50)
    assert.is_true(#direct >= 2)
    for i = 2, #direct do assert.is_true(direct[i - 1].mentions >= direct[i].mentions) end
    local none = ix:search_entities("", 50)
    wait(none)
    assert.same({}, none:results())
    ix:close()
    os.execute("rm -rf '" .. adir .. "'")
  end)
end)
