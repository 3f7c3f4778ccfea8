# dossier.nvim -- build, test, eval, bench.
#
#   make            the C core, the CLI and the Lua module for both ABIs
#   make demo       install what is missing, build, index examples/briefings
#   make test       every suite; ends with "N passed, N failed"
#   make eval       score the shared corpora (../shared) with quality floors
#   make bench      benchmarks, written to doc/benchmarks.md
#   make fuzz       bounded fuzzing rounds (FUZZ_SECONDS per target)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# CFLAGS is the user's (luarocks passes its own); what the code needs is here.
DSR_CFLAGS = -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) -fPIC
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
LUA51_CFLAGS := $(shell pkg-config --cflags luajit 2>/dev/null || echo -I/usr/include/luajit-2.1)
LUA54_CFLAGS := $(shell pkg-config --cflags lua5.4 2>/dev/null || echo -I/usr/include/lua5.4)
LIBS     = $(CJSON_LIBS) -lpthread -lm
B        = build

CORE_SRC = $(filter-out csrc/cli.c csrc/lua_core.c,$(wildcard csrc/*.c))
CORE_OBJ = $(CORE_SRC:csrc/%.c=$(B)/obj/%.o)
ASAN_OBJ = $(CORE_SRC:csrc/%.c=$(B)/asan/%.o)
TEST_SRC = $(wildcard tests/c/test_*.c)
TESTS    = $(TEST_SRC:tests/c/%.c=$(B)/tests/%)
ASAN_TESTS = $(TEST_SRC:tests/c/%.c=$(B)/asan-tests/%)
ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

LUA51_SO = lua/dossier/core.so
LUA54_SO = $(B)/lua54/dossier/core.so

.PHONY: all rock rock-install deps demo test test-c test-asan test-lua test-nvim eval bench fuzz clean rock-check helptags
all: $(B)/libdossier.a $(B)/dossier $(LUA51_SO) $(LUA54_SO)

$(B)/obj/%.o: csrc/%.c $(wildcard csrc/*.h) | $(B)/obj
	$(CC) $(CFLAGS) $(DSR_CFLAGS) $(CJSON_CFLAGS) -c -o $@ $<
$(B)/asan/%.o: csrc/%.c $(wildcard csrc/*.h) | $(B)/asan
	$(CC) $(CFLAGS) $(DSR_CFLAGS) -O1 $(ASAN_FLAGS) $(CJSON_CFLAGS) -c -o $@ $<
$(B)/obj $(B)/asan $(B)/tests $(B)/asan-tests $(B)/lua54/dossier:
	mkdir -p $@

$(B)/libdossier.a: $(CORE_OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/libdossier-asan.a: $(ASAN_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/dossier: csrc/cli.c $(B)/libdossier.a
	$(CC) $(CFLAGS) $(DSR_CFLAGS) $(CJSON_CFLAGS) -o $@ $< $(B)/libdossier.a $(LIBS)

# The Lua module, once per ABI.  It is not linked against liblua: the
# interpreter that loads it provides the symbols (see csrc/lua_abi.h).
$(LUA51_SO): csrc/lua_core.c csrc/lua_abi.h $(B)/libdossier.a
	$(CC) $(CFLAGS) $(DSR_CFLAGS) $(LUA51_CFLAGS) -DDSR_LUA_ABI=501 -shared -Wl,--exclude-libs,ALL -o $@ $< $(B)/libdossier.a $(LIBS)
$(LUA54_SO): csrc/lua_core.c csrc/lua_abi.h $(B)/libdossier.a | $(B)/lua54/dossier
	$(CC) $(CFLAGS) $(DSR_CFLAGS) $(LUA54_CFLAGS) -DDSR_LUA_ABI=504 -shared -Wl,--exclude-libs,ALL -o $@ $< $(B)/libdossier.a $(LIBS)

$(B)/tests/%: tests/c/%.c $(wildcard tests/c/*.h) $(B)/libdossier.a | $(B)/tests
	$(CC) $(CFLAGS) $(DSR_CFLAGS) $(CJSON_CFLAGS) -Icsrc -o $@ $< $(B)/libdossier.a $(LIBS) -lcmocka
$(B)/asan-tests/%: tests/c/%.c $(wildcard tests/c/*.h) $(B)/libdossier-asan.a | $(B)/asan-tests
	$(CC) $(CFLAGS) $(DSR_CFLAGS) -O1 $(ASAN_FLAGS) $(CJSON_CFLAGS) -Icsrc -o $@ $< $(B)/libdossier-asan.a $(LIBS) -lcmocka

# LuaRocks (rockspec/): the module for the Lua that luarocks builds for;
# LUA_INCDIR and the CJSON_* dirs come from luarocks.
ROCK_SO = $(B)/rock/dossier/core.so
rock:
	$(MAKE) $(B)/libdossier.a CJSON_CFLAGS="-I$(CJSON_INCDIR)/cjson -I$(CJSON_INCDIR)"
	mkdir -p $(B)/rock/dossier
	$(CC) $(CFLAGS) $(DSR_CFLAGS) -I$(LUA_INCDIR) -shared -Wl,--exclude-libs,ALL -o $(ROCK_SO) csrc/lua_core.c \
		$(B)/libdossier.a -L$(CJSON_LIBDIR) -lcjson -lpthread -lm
rock-install:
	mkdir -p $(INST_LIBDIR)/dossier
	cp $(ROCK_SO) $(INST_LIBDIR)/dossier/core.so
	cd lua && find dossier -name '*.lua' -exec install -D -m 644 {} $(INST_LUADIR)/{} \;
rock-check: all
	@sh tools/rock-check.sh

deps:
	@sh tools/deps.sh

demo: deps all
	$(B)/dossier entities examples/briefings
	$(B)/dossier timeline examples/briefings

test: deps all $(TESTS) $(ASAN_TESTS)
	@sh tests/run.sh

test-c: all $(TESTS)
	@sh tests/run.sh c
test-asan: $(ASAN_TESTS)
	@sh tests/run.sh asan
test-lua: all
	@sh tests/run.sh lua
test-nvim: all
	@sh tests/run.sh nvim

eval: $(B)/dossier
	@sh tools/eval.sh

bench: all
	@sh bench/run.sh

FUZZ_SECONDS ?= 60
fuzz:
	@sh tools/deps.sh clang libclang-rt-14-dev
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh

clean:
	rm -rf $(B) $(LUA51_SO)
