-- :Dossier {subcommand} [args] and its completion.
local index = require("dossier.index")
local util = require("dossier.util")

local M = {}

local function say(msg) util.say(msg) end

-- The folder a command is about: the buffer's, else the first configured
-- one, else a .dossier.json above the working directory.
local function current_root()
  local root = vim.b.dossier_root or index.folder_for(vim.api.nvim_buf_get_name(0))
  if root then return root end
  root = index.folders()[1]
  return root or util.find_up(util.normalize(vim.fn.getcwd()), ".dossier.json")
end
M.current_root = current_root

local function status_lines(root)
  local s = index.state(root)
  local lines = { "Dossier " .. vim.fn.fnamemodify(root, ":~") }
  if not s or s.status == "new" then
    lines[#lines + 1] = "  not indexed yet (:Dossier index)"
    return lines
  end
  if s.status == "building" then
    local p = s.progress
    lines[#lines + 1] = p and string.format("  indexing: %d/%d files", p.files_done or 0, p.files_total or 0)
      or "  indexing…"
  end
  if s.status == "error" then lines[#lines + 1] = "  error: " .. tostring(s.err) end
  if s.ix then
    local st = s.ix:stats()
    lines[#lines + 1] = string.format("  %d documents (%.1f MB), %d entities, %d mentions, %d events, %d time expressions",
      st.documents, (st.bytes or 0) / 1e6, st.entities, st.mentions, st.events, st.timexes)
    lines[#lines + 1] = string.format("  built in %.2fs%s", st.seconds or 0, st.from_cache and " (from the cache)" or "")
    local skipped = s.ix:skipped()
    if #skipped > 0 then
      lines[#lines + 1] = string.format("  %d skipped:", #skipped)
      for i, sk in ipairs(skipped) do
        if i > 50 then lines[#lines + 1] = string.format("    … %d more", #skipped - 50) break end
        lines[#lines + 1] = "    " .. sk.path .. ": " .. sk.reason
      end
    end
    for _, w in ipairs(s.ix:warnings()) do lines[#lines + 1] = "  warning: " .. w end
  end
  return lines
end
M.status_lines = status_lines

local sub = {}

sub.index = function(args, bang)
  local root = args[1] and util.normalize(args[1]) or current_root()
  if not root then return say("no folder: give one, or configure folders") end
  if bang then
    index.build_now(root)
  elseif index.get(root) then
    index.refresh(root)
  else
    index.ensure(root)
  end
  require("dossier.attach").attach(0)
end

sub.status = function()
  local roots = {}
  for r in pairs(index.states()) do roots[#roots + 1] = r end
  local cur = current_root()
  if cur and not index.state(cur) then roots[#roots + 1] = cur end
  table.sort(roots)
  if #roots == 0 then return say("no folder (configure folders, or add a .dossier.json)") end
  local out = {}
  for _, r in ipairs(roots) do
    for _, l in ipairs(status_lines(r)) do out[#out + 1] = { l .. "\n" } end
  end
  util.echo_lines(out)
end

sub.hover = function() require("dossier.hover").hover() end
sub.jump = function(args) require("dossier.jump").jump(table.concat(args, " ")) end
sub.mentions = function(args) require("dossier.jump").mentions(table.concat(args, " ")) end
sub.timeline = function(args) require("dossier.timeline").open({ words = args }) end
sub.date = function(args) require("dossier.timeline").open({ words = args, action = "date" }) end
sub.cite = function(args) require("dossier.timeline").open({ words = args, action = "cite" }) end

-- :Dossier entities [QUERY]: the most mentioned, or the best matches for
-- QUERY found on a thread (dossier.search); choosing one jumps to it.
sub.entities = function(args)
  local root = current_root()
  local ix = root and index.get(root)
  if not ix then
    if root then index.ensure(root) end
    return say(root and "still indexing, try again in a moment" or "no folder")
  end
  local q = args[1] and table.concat(args, " ")
  local function show(list, _, err)
    if err then return util.notify("entities: " .. err, vim.log.levels.WARN) end
    local items = {}
    for _, e in ipairs(list) do
      items[#items + 1] = { e = e, row = string.format("%-32s %-12s %d mentions", e.name, e.type, e.mentions) }
    end
    if #items == 0 then return say("no entity matches " .. (q or "")) end
    vim.ui.select(items, { prompt = "Entities" .. (q and (" [" .. q .. "]") or ""),
                           format_item = function(it) return it.row end, kind = "dossier_entities" },
      function(it) if it then require("dossier.jump").jump(it.e.name) end end)
  end
  local s = require("dossier.search").new(function(query)
    if query and ix.search_entities then return ix:search_entities(query, 500) end
    return ix:fuzzy_entities(query or "", 500)
  end, util.timed("entities.show", show))
  s:set(q)
  return s
end

sub.export = function(args)
  local root = current_root()
  local ix = root and index.get(root)
  if not ix then return say("not indexed") end
  local json = ix:export(true)
  if args[1] then
    local f = assert(io.open(vim.fn.expand(args[1]), "w"))
    f:write(json)
    f:close()
    say("exported to " .. args[1])
  else
    vim.cmd("enew")
    vim.bo.buftype = "nofile"
    vim.bo.filetype = "json"
    vim.api.nvim_buf_set_lines(0, 0, -1, false, vim.split(json, "\n", { plain = true }))
  end
end

M.subcommands = { "index", "status", "hover", "jump", "mentions", "timeline", "entities", "export", "date", "cite" }

function M.run(opts)
  local args = vim.split(vim.trim(opts.args or ""), "%s+", { trimempty = true })
  local name = table.remove(args, 1) or "status"
  local fn = sub[name]
  if not fn then return util.notify("unknown subcommand " .. name, vim.log.levels.WARN) end
  return fn(args, opts.bang)
end

-- Names for `lead` (every word typed after the subcommand); Vim replaces
-- only the last word (arglead), so the earlier words are cut off.
local function entity_names(lead, arglead)
  local root = current_root()
  local ix = root and index.get(root)
  if not ix or lead == "" then return {} end
  local out, cut = {}, #lead - #arglead
  for _, c in ipairs(ix:complete(lead, 30)) do out[#out + 1] = c.word:sub(cut + 1) end
  return out
end

function M.complete(arglead, cmdline, _pos)
  local words = vim.split(cmdline, "%s+", { trimempty = true })
  local n = #words + (cmdline:match("%s$") and 1 or 0)
  if n <= 2 then
    return vim.tbl_filter(function(s) return s:sub(1, #arglead) == arglead end, M.subcommands)
  end
  local name = words[2]
  if name == "jump" or name == "mentions" then
    local lead = cmdline:match("^%s*%S+%s+%S+%s+(.*)$") or arglead
    return entity_names(lead, arglead)
  elseif name == "timeline" or name == "date" or name == "cite" then
    return vim.tbl_filter(function(s) return s:sub(1, #arglead) == arglead end, { "entity" })
  elseif name == "index" then
    return vim.fn.getcompletion(arglead, "dir")
  end
  return {}
end

-- Defined by plugin/dossier.lua at startup; cheap, loads nothing else.
function M.define()
  vim.api.nvim_create_user_command("Dossier", function(o) require("dossier.commands").run(o) end, {
    nargs = "*", bang = true, desc = "dossier.nvim",
    complete = function(...) return require("dossier.commands").complete(...) end,
  })
end

return M
