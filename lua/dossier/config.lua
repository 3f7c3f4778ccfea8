-- The plugin's configuration: defaults, and the merge that setup() does.
-- Nothing here has side effects; other modules read config.get().
local M = {}

M.defaults = {
  -- Folders of briefing documents.  A folder with a .dossier.json above the
  -- current file is used too, with no configuration.
  folders = {},
  -- Where drafts live: buffers of these filetypes inside these directories,
  -- inside a folder, or beside one (in its parent directory tree), are
  -- "draft" buffers and get the keys, completion and hints.
  drafts = {},
  filetypes = { "markdown", "text", "pandoc", "rmd", "quarto", "asciidoc", "rst", "org" },
  -- Options given to the core for every folder.
  index = {
    extensions = nil,     -- nil: the core's default (md, markdown, txt)
    max_file_size = nil,
    cache = true,         -- keep the index between sessions (cache_dir): reopening is instant
    cache_dir = nil,      -- nil with cache = true: stdpath("cache") .. "/dossier"
    refresh_on_save = true,
    progress = true,      -- report indexing progress in the echo area
  },
  keys = {
    enabled = true,       -- buffer-local keys in briefing and draft buffers
    hover = "K",
    timeline = "<leader>dt",
    entity_timeline = "<leader>de",
    mentions = "<leader>dm",
  },
  tagfunc = true,         -- CTRL-] / :tag on entity names
  omnifunc = true,        -- CTRL-X CTRL-O completes names and aliases
  hover = {
    auto = false,         -- show the card on CursorHold
    border = "rounded",
    max_width = 78,
    max_height = 20,
    events = 3,           -- dated events shown
    related = 5,
  },
  timeline = {
    picker = "auto",      -- "auto", "select", "telescope", "fzf-lua", "snacks", "mini",
                          -- or "dossier": the plugin's own, searching as you type
    limit = 500,          -- rows handed to the picker (the best by date or by match)
    citation = "(%s, %s)", -- title or path, date
  },
  hints = {
    enabled = true,
    severity = "HINT",
    min_length = 4,       -- shorter words are never flagged
    debounce = 300,       -- ms after the last change
  },
}

local current = vim.deepcopy(M.defaults)

local function is_list(t)
  return type(t) == "table" and (next(t) == nil or t[1] ~= nil)
end

-- Tables merge key by key; lists and scalars replace.
local function merge(base, over)
  for k, v in pairs(over) do
    if type(v) == "table" and type(base[k]) == "table" and not is_list(v) and not is_list(base[k]) then
      merge(base[k], v)
    else
      base[k] = v
    end
  end
  return base
end

function M.setup(opts)
  current = merge(vim.deepcopy(M.defaults), opts or {})
  if type(current.folders) == "string" then current.folders = { current.folders } end
  if type(current.drafts) == "string" then current.drafts = { current.drafts } end
  return current
end

function M.get()
  return current
end

return M
