-- Jump to an entity: a buffer-local 'tagfunc' (CTRL-], :tag, :tselect,
-- CTRL-T), and its mentions in the quickfix list.
local entity = require("dossier.entity")
local index = require("dossier.index")
local util = require("dossier.util")

local M = {}
M.tag_limit = 50           -- tags CTRL-] and :tselect get at most
M.slice_ns = 3e6           -- main-loop time of one slice of :Dossier mentions
M.slice_items = 40         -- and the most quickfix items it appends (setqflist: ~30 us each)

-- The tag command that puts the cursor on line `lnum`, byte column `col`.
local function tag_cmd(lnum, col)
  return string.format("/\\%%%dl\\%%%dc/", lnum, col + 1)
end

local function to_tags(locs, name)
  local tags = {}
  for _, l in ipairs(locs) do
    tags[#tags + 1] = {
      name = name, filename = l.path, cmd = tag_cmd(l.lnum, l.col),
      kind = l.kind == "description" and "d" or "m",
      -- Shown by :tselect.
      user_data = l.text,
    }
  end
  return tags
end

-- 'tagfunc': flags "c" = CTRL-] on the cursor (the name is found on the
-- line, so "Siim Kallas" works from either word), "i" = insert completion
-- (not ours), else :tag NAME.  vim.NIL lets Vim use the tags files.
function M.tagfunc(pattern, flags, _info)
  if flags:find("i") then return vim.NIL end
  local ix = index.for_buf(0)
  if not ix then return vim.NIL end
  local id
  if flags:find("c") then
    local line = vim.api.nvim_get_current_line()
    local col = vim.api.nvim_win_get_cursor(0)[2]
    id = entity.at(ix, line, col)
  end
  if not id and pattern and pattern ~= "" then
    local name = pattern:gsub("^\\<", ""):gsub("\\>$", "")
    id = ix:lookup(name)
  end
  if not id then return vim.NIL end
  -- CTRL-] goes to the first; :tselect lists these.  Each new document
  -- is a file read, so the list is kept to what a person would page.
  local locs, e = entity.locations(ix, id, M.tag_limit)
  if #locs == 0 then return vim.NIL end
  -- Vim lists tags by the name it asked for; keep the pattern as the name
  -- for CTRL-] so the tag stack shows the word, the entity name otherwise.
  return to_tags(locs, flags:find("c") and pattern or e.name)
end
M.tagfunc = util.timed("tagfunc", M.tagfunc)

-- For 'tagfunc' (a v:lua expression needs a global path).
function M.set_tagfunc(buf)
  vim.bo[buf].tagfunc = "v:lua.require'dossier.jump'.tagfunc"
end

local function resolve(name)
  local ix, root = index.for_buf(0)
  if not ix then return nil, nil, root end
  local id
  if name and name ~= "" then id = ix:lookup(name) else id = entity.under_cursor() end
  return id, ix, root
end

local function explain(root, name)
  local msg
  if not root then msg = "this buffer is in no briefing folder"
  elseif not index.get(root) then index.ensure(root) msg = "still indexing, try again in a moment"
  else msg = name and name ~= "" and ("no entity named " .. name) or "no entity under the cursor" end
  util.say(msg)
end

-- :Dossier jump [NAME]: through the tag stack when our tagfunc is set, so
-- CTRL-T comes back; otherwise a plain jump with the jumplist.
function M.jump(name)
  local id, ix, root = resolve(name)
  if not id then return explain(root, name) end
  if vim.bo.tagfunc:find("dossier", 1, true) then
    local e = entity.get(ix, id)
    vim.cmd("tag " .. vim.fn.escape(e.name, " \\|"))
    return true
  end
  local locs = entity.locations(ix, id, 1)
  if not locs[1] then return explain(root, name) end
  vim.cmd("normal! m'")
  vim.cmd("edit " .. vim.fn.fnameescape(locs[1].path))
  vim.api.nvim_win_set_cursor(0, { locs[1].lnum, locs[1].col })
  return true
end

local function qf_items(locs, from)
  local items = {}
  for k = from, #locs do
    local l = locs[k]
    items[#items + 1] = { filename = l.path, lnum = l.lnum, col = l.col + 1,
                          text = (l.kind == "description" and "[described] " or "") .. vim.trim(l.text) }
  end
  return items
end

-- :Dossier mentions [NAME]: every mention in the quickfix list.  The list
-- opens with what a few milliseconds find and grows in slices of as
-- much (a name in thousands of documents means thousands of files to
-- read for the line numbers).  Returns the walker (w.out: the locations
-- so far; w.done once complete; w.stale when a refresh of the index
-- stopped it part way).
function M.mentions(name)
  local id, ix, root = resolve(name)
  if not id then return explain(root, name) end
  local w = entity.walker(ix, id)
  local title = "Dossier: " .. w.entity.name
  local more = w.next(M.slice_items, M.slice_ns)
  vim.fn.setqflist({}, " ", { title = title, items = qf_items(w.out, 1) })
  vim.cmd("copen")
  local qf_id = vim.fn.getqflist({ id = 0 }).id
  local shown = #w.out
  local function slice()
    -- Another list took its place: stop.
    if vim.fn.getqflist({ id = qf_id }).id ~= qf_id then return end
    -- Appending to an open quickfix window costs too: a slice adds at most
    -- slice_items.
    more = w.next(#w.out + M.slice_items, M.slice_ns)
    vim.fn.setqflist({}, "a", { id = qf_id, items = qf_items(w.out, shown + 1) })
    shown = #w.out
    if w.stale then
      return util.say("the index changed: the mentions list stops here; :Dossier mentions again for all")
    end
    if more then vim.defer_fn(util.timed("mentions.slice", slice), 1) else w.done = true end
  end
  if more then vim.defer_fn(util.timed("mentions.slice", slice), 1) else w.done = true end
  return w
end

return M
