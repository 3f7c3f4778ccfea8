-- Pickers for timeline items: vim.ui.select always, and telescope,
-- fzf-lua, snacks.picker or mini.pick when one is installed (found with
-- pcall(require), never required).  Each item has `row` (the shown text),
-- `path`, `line`, `positions` (0-based bytes of `row` that matched).
--
-- opts: title, actions = { jump = fn(item), date = fn(item), cite = fn(item) },
--       default = action name, backend = "auto"|"select"|"telescope"|...
local fuzzy = require("dossier.fuzzy")

local M = {}

local function have(mod)
  local ok, m = pcall(require, mod)
  return ok and m or nil
end

-- Backends in the order "auto" tries them.
M.order = { "telescope", "fzf-lua", "snacks", "mini" }

local backends = {}

function backends.select(items, opts)
  vim.ui.select(items, {
    prompt = opts.title .. (opts.query and (" [" .. opts.query .. "]") or ""),
    format_item = function(item) return item.row end,
    kind = "dossier_timeline",
  }, function(item)
    if item then opts.actions[opts.default](item) end
  end)
  return true
end

function backends.telescope(items, opts)
  if not have("telescope") then return false end
  local pickers, finders = require("telescope.pickers"), require("telescope.finders")
  local conf, sorters = require("telescope.config").values, require("telescope.sorters")
  local actions, state = require("telescope.actions"), require("telescope.actions.state")
  -- The core's matcher filters; the timeline keeps its date order.
  local sorter = sorters.Sorter:new({
    scoring_function = function(_, prompt, line, entry)
      if prompt == "" then return entry.index end
      local m = fuzzy.filter({ line }, prompt, 1)[1]
      return m and entry.index or -1
    end,
    highlighter = function(_, prompt, display)
      local m = prompt ~= "" and fuzzy.filter({ display }, prompt, 1)[1]
      local hl = {}
      for _, p in ipairs(m and m.positions or {}) do hl[#hl + 1] = p + 1 end
      return hl
    end,
  })
  local function run(name)
    return function(bufnr)
      local sel = state.get_selected_entry()
      actions.close(bufnr)
      if sel then opts.actions[name](sel.value) end
    end
  end
  pickers.new({}, {
    prompt_title = opts.title,
    default_text = opts.query,
    finder = finders.new_table({
      results = items,
      entry_maker = function(item)
        return { value = item, display = item.row, ordinal = item.row, index = item.id or 0,
                 filename = item.path, lnum = item.line }
      end,
    }),
    sorter = sorter,
    previewer = conf.grep_previewer({}),
    attach_mappings = function(_, map)
      actions.select_default:replace(run(opts.default))
      -- One mode per call: older telescope lower-cases `mode` as a string.
      for _, mode in ipairs({ "i", "n" }) do
        map(mode, "<C-d>", run("date"))
        map(mode, "<C-y>", run("cite"))
      end
      return true
    end,
  }):find()
  return true
end

backends["fzf-lua"] = function(items, opts)
  local fzf = have("fzf-lua")
  if not fzf then return false end
  -- "path:line:col:row" entries, so fzf-lua's file previewer shows the source.
  local by, lines = {}, {}
  for i, item in ipairs(items) do
    local s = string.format("%s:%d:1:%s", item.path, item.line, item.row)
    by[s], lines[i] = item, s
  end
  local function run(name)
    return function(selected) local it = selected and by[selected[1]] if it then opts.actions[name](it) end end
  end
  fzf.fzf_exec(lines, {
    prompt = opts.title .. "> ", previewer = "builtin", query = opts.query,
    fzf_opts = { ["--delimiter"] = ":", ["--with-nth"] = "4..", ["--no-sort"] = "" },
    actions = { ["default"] = run(opts.default), ["ctrl-d"] = run("date"), ["ctrl-y"] = run("cite") },
  })
  return true
end

function backends.snacks(items, opts)
  local ok, Snacks = pcall(require, "snacks")
  if not ok or not Snacks.picker then return false end
  local list = {}
  for i, item in ipairs(items) do
    list[i] = { idx = i, text = item.row, file = item.path, pos = { item.line, 0 }, dossier = item }
  end
  local function run(name)
    return function(picker, it)
      picker:close()
      it = it or picker:current()
      if it then vim.schedule(function() opts.actions[name](it.dossier) end) end
    end
  end
  Snacks.picker.pick({
    title = opts.title, items = list, format = "text", preview = "file", pattern = opts.query,
    matcher = { sort_empty = false }, sort = { fields = { "idx" } },
    confirm = run(opts.default),
    actions = { dossier_date = run("date"), dossier_cite = run("cite") },
    win = { input = { keys = { ["<C-d>"] = { "dossier_date", mode = { "i", "n" } },
                                ["<C-y>"] = { "dossier_cite", mode = { "i", "n" } } } } },
  })
  return true
end

function backends.mini(items, opts)
  local MiniPick = have("mini.pick")
  if not MiniPick then return false end
  local list = {}
  for i, item in ipairs(items) do
    list[i] = { text = item.row, path = item.path, lnum = item.line, dossier = item }
  end
  local function run(name)
    return function()
      local it = MiniPick.get_picker_matches().current
      MiniPick.stop()
      if it then vim.schedule(function() opts.actions[name](it.dossier) end) end
    end
  end
  MiniPick.start({
    source = {
      name = opts.title, items = list,
      choose = function(it) vim.schedule(function() opts.actions[opts.default](it.dossier) end) end,
    },
    mappings = { dossier_date = { char = "<C-d>", func = run("date") },
                 dossier_cite = { char = "<C-y>", func = run("cite") } },
  })
  return true
end

-- The backend that will be used for `name` ("auto" picks the first
-- installed one, else vim.ui.select).
function M.resolve(name)
  if name and name ~= "auto" then return name end
  for _, b in ipairs(M.order) do
    local mod = ({ telescope = "telescope", ["fzf-lua"] = "fzf-lua", snacks = "snacks", mini = "mini.pick" })[b]
    if have(mod) then return b end
  end
  return "select"
end

function M.pick(items, opts)
  local name = M.resolve(opts.backend)
  local fn = backends[name] or backends.select
  local ok, used = pcall(fn, items, opts)
  if not ok or not used then
    if not ok then vim.notify("dossier: picker " .. name .. " failed: " .. tostring(used), vim.log.levels.WARN) end
    backends.select(items, opts)
    name = "select"
  end
  return name
end

return M
