rockspec_format = "3.0"
package = "dossier.nvim"
version = "scm-1"
source = {
   url = "git+https://example.invalid/dossier.nvim.git",
}
description = {
   summary = "Who, what and when of a folder of briefing documents, under the cursor in Neovim",
   detailed = [[
dossier.nvim indexes a folder of briefing documents (Markdown or plain text):
named entities with aliases and descriptions, time expressions normalised
against each document's date, and a timeline of dated events. A C core does
the work; the Lua layer gives Neovim hover, jump-to-entity, timeline pickers,
completion and consistency hints.
]],
   license = "MIT",
   labels = { "neovim" },
}
dependencies = {
   "lua >= 5.1, < 5.5",
}
external_dependencies = {
   CJSON = { header = "cjson/cJSON.h", library = "cjson" },
}
build = {
   type = "make",
   build_target = "rock",
   build_variables = {
      CFLAGS = "$(CFLAGS)",
      LUA_INCDIR = "$(LUA_INCDIR)",
      CJSON_INCDIR = "$(CJSON_INCDIR)",
      CJSON_LIBDIR = "$(CJSON_LIBDIR)",
   },
   install_target = "rock-install",
   install_variables = {
      INST_LIBDIR = "$(LIBDIR)",
      INST_LUADIR = "$(LUADIR)",
   },
   copy_directories = { "doc", "plugin" },
}
