-- Run busted inside Neovim, so specs test the real editor (0.7 API, LuaJIT).
--   nvim --headless -u NONE -i NONE -n -c "luafile tests/nvim/busted.lua" -- [busted args]
-- busted ends a failing run with error() instead of os.exit when it is
-- not standalone, so the exit code is collected here and given to :cquit.
local code
os.exit = function(c) -- luacheck: ignore
  code = (c == 0 or c == true) and 0 or 1
  error("busted-exit", 0)
end
package.path = "/usr/share/lua/5.1/?.lua;/usr/share/lua/5.1/?/init.lua;" .. package.path
package.cpath = "/usr/lib/x86_64-linux-gnu/lua/5.1/?.so;/usr/lib/lua/5.1/?.so;" .. package.cpath

local root = vim.fn.getcwd()
vim.opt.runtimepath:prepend(root)
package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. root .. "/tests/?.lua;" .. package.path

local args = {}
local after = false
for _, a in ipairs(vim.v.argv) do
  if after then table.insert(args, a) end
  if a == "--" then after = true end
end
if #args == 0 then args = { "-o", "TAP", "tests/nvim" } end
arg = args -- luacheck: ignore

local ok, err = pcall(require("busted.runner"), { standalone = false })
if code == nil then
  code = ok and 0 or 1
  if not ok then io.stderr:write(tostring(err) .. "\n") end
end
io.stdout:flush()
vim.cmd(code == 0 and "qall!" or ("cquit " .. code))
