-- The hover card: who or what the name under the cursor is, from the
-- briefings, in a small float that closes when the cursor moves.
local config = require("dossier.config")
local entity = require("dossier.entity")
local index = require("dossier.index")
local util = require("dossier.util")

local M = {}
local ns = vim.api.nvim_create_namespace("dossier_hover")
local augroup = vim.api.nvim_create_augroup("dossier_hover", { clear = true })
local current_win

-- Greedy word wrap to `width` display cells, with an indent for the rest.
local function wrap(text, width, indent)
  local lines, cur = {}, ""
  for word in (text or ""):gsub("%s+", " "):gmatch("%S+") do
    local cand = cur == "" and word or (cur .. " " .. word)
    if vim.fn.strdisplaywidth(cand) > width and cur ~= "" then
      lines[#lines + 1] = cur
      cur = (indent or "") .. word
    else
      cur = cand
    end
  end
  if cur ~= "" then lines[#lines + 1] = cur end
  return lines
end

local function plural(n, one, many)
  return string.format("%d %s", n, n == 1 and one or many)
end

-- The card's lines and highlights ({ line0, col_start, col_end, group }).
function M.card(ix, id)
  local opts = config.get().hover
  local width = math.max(30, (opts.max_width or 78) - 2)
  local e = entity.summary(ix, id, opts.events or 0)
  local lines, hls = {}, {}
  local function add(text, group)
    lines[#lines + 1] = text
    if group then hls[#hls + 1] = { #lines - 1, 0, -1, group } end
  end
  add(e.name .. " — " .. e.type, "Title")
  if e.aliases and #e.aliases > 0 then
    for _, l in ipairs(wrap("aka " .. table.concat(e.aliases, ", "), width, "    ")) do add(l, "Comment") end
  end
  if e.description and e.description ~= "" then
    for _, l in ipairs(wrap(e.description, width)) do add(l) end
    if e.description_path then add("  (" .. e.description_path .. ")", "Comment") end
  end
  local facts = plural(e.mentions or 0, "mention", "mentions") .. " in " ..
    plural(e.documents or 0, "briefing", "briefings")
  if e.first_date and e.first_date ~= "" then
    facts = facts .. " · " .. e.first_date
    if e.last_date and e.last_date ~= "" and e.last_date ~= e.first_date then
      facts = facts .. " .. " .. e.last_date
    end
  end
  add(facts)
  local evs = e.event_list or {}
  if #evs > 0 and (opts.events or 0) > 0 then
    add(string.rep("─", math.min(width, 42)), "FloatBorder")
    for i = 1, math.min(#evs, opts.events) do
      local ev = evs[i]
      local date = ev.date .. (ev.end_date and (".." .. ev.end_date) or "")
      local pad = math.max(12, #date + 2)
      add(date .. string.rep(" ", pad - #date) .. util.truncate(ev.text, width - pad))
      hls[#hls + 1] = { #lines - 1, 0, #date, "Number" }
    end
    local total = e.events or #evs
    if total > opts.events then add(string.format("… %d more: :Dossier timeline entity", total - opts.events), "Comment") end
  end
  local rel = e.related or {}
  if #rel > 0 and (opts.related or 0) > 0 then
    local names = {}
    for i = 1, math.min(#rel, opts.related) do
      local ok, r = pcall(entity.summary, ix, rel[i], 0)
      if ok and r then names[#names + 1] = r.name end
    end
    for _, l in ipairs(wrap("related: " .. table.concat(names, ", "), width, "    ")) do add(l, "Comment") end
  end
  local maxh = opts.max_height or 20
  if #lines > maxh then
    for i = #lines, maxh + 1, -1 do lines[i] = nil end
    lines[maxh] = "…"
  end
  return lines, hls
end

function M.close()
  if current_win and vim.api.nvim_win_is_valid(current_win) then
    pcall(vim.api.nvim_win_close, current_win, true)
  end
  current_win = nil
end

function M.is_open()
  return current_win ~= nil and vim.api.nvim_win_is_valid(current_win)
end

-- The window of the open card, if any (tests read its buffer).
function M.win() return M.is_open() and current_win or nil end

local function open_float(lines, hls)
  M.close()
  local opts = config.get().hover
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  for _, h in ipairs(hls) do
    vim.api.nvim_buf_add_highlight(buf, ns, h[4], h[1], h[2], h[3])
  end
  vim.bo[buf].modifiable = false
  vim.bo[buf].bufhidden = "wipe"
  local width = 1
  for _, l in ipairs(lines) do width = math.max(width, vim.fn.strdisplaywidth(l)) end
  width = math.min(width, math.max(10, vim.o.columns - 4))
  current_win = vim.api.nvim_open_win(buf, false, {
    relative = "cursor", row = 1, col = 0, width = width, height = #lines,
    style = "minimal", border = opts.border or "rounded", focusable = false,
    noautocmd = true,
  })
  vim.wo[current_win].wrap = true
  vim.wo[current_win].conceallevel = 0
  -- Closes on the next cursor move, insert or leaving the buffer; the
  -- autocmds delete themselves with the float.
  local src = vim.api.nvim_get_current_buf()
  vim.api.nvim_clear_autocmds({ group = augroup })
  vim.api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI", "InsertEnter", "BufLeave", "WinScrolled" }, {
    group = augroup, buffer = src, once = true,
    callback = function() M.close() vim.api.nvim_clear_autocmds({ group = augroup }) end,
  })
  return current_win
end

local function say(msg)
  util.say(msg)
end

-- Show the card of the entity under the cursor (or of `id`).  `quiet`
-- (auto-hover) says nothing when there is nothing to show.
function M.hover(opts)
  opts = opts or {}
  local id, ix, root = entity.under_cursor()
  if opts.id and ix then id = opts.id end
  if not root then
    if not opts.quiet then say("this buffer is in no briefing folder") end
    return nil
  end
  if not ix then
    index.ensure(root)
    if not opts.quiet then say("indexing " .. vim.fn.fnamemodify(root, ":~") .. ", try again in a moment") end
    return nil
  end
  if not id then
    if not opts.quiet then say("no entity under the cursor") end
    return nil
  end
  local lines, hls = M.card(ix, id)
  return open_float(lines, hls)
end

M.hover = util.timed("hover", M.hover)

return M
