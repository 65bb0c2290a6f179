# comptoir — build, test, install. `make run` and `make test` are all a new user needs.
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
BUILD   := build

# Debian packages the build, the tests and the console need.
DEB_PACKAGES := build-essential pkg-config libncurses-dev libsqlite3-dev libcsv-dev \
                libcmocka-dev libsodium-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core fonts-droid-fallback \
                tmux sqlite3 poppler-utils clang-format clang tzdata

# Only what is linked: the console draws with ncursesw alone (no panel, menu or form library).
PKG_LIBS := ncursesw sqlite3 libsodium cairo pangocairo
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKG_LIBS) 2>/dev/null))
PKG_LDLIBS = $(shell pkg-config --libs $(PKG_LIBS) 2>/dev/null) -lcsv -lm

WARN    := -std=c11 -Wall -Wextra -Wpedantic -Werror
DEFS    := -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE_EXTENDED
CFLAGS  ?= -O2 -g
LDFLAGS ?=
# Project headers are named from the top of the tree ("src/orders.h"); the
# compiler writes each object's header dependencies next to it (-MMD -MP).
ALL_CFLAGS = $(WARN) $(DEFS) $(CFLAGS) -I. -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
# The sanitizer build's objects keep line tables only (-g1: what a report's
# stack needs, a fifth less compiling), and its unit tests are compiled
# without optimizing (-O0: half the time; the plain build compiles them with
# CFLAGS and -Werror, which is where their warnings stop the build).
SAN_OBJ_FLAGS  := $(SAN_FLAGS) -g1
SAN_TEST_FLAGS := $(SAN_FLAGS) -O0 -Wno-error

CORE_SRC := $(wildcard src/*.c src/*/*.c db/*.c db/model/*.c)
UI_SRC   := $(wildcard ui/*.c) $(wildcard ui/widgets/*.c) $(wildcard ui/screens/*.c)
LIB_SRC  := $(filter-out src/main.c,$(CORE_SRC)) $(UI_SRC)
MIGRATIONS := $(sort $(wildcard db/migrations/*.sql))
GEN_SRC  := $(BUILD)/gen/migrations_sql.c
UNIT_SRC := $(wildcard tests/unit/test_*.c)
# Helpers of `make bench` (tests/bench/*.c), linked like the unit tests.
BENCH_SRC := $(wildcard tests/bench/*.c)
# What `make format` formats and `make format-check` checks.
FORMAT_SRC := $(wildcard src/*.[ch] src/*/*.[ch] db/*.[ch] db/model/*.[ch] ui/*.[ch] ui/*/*.[ch] tests/unit/*.[ch] \
                          tests/fuzz/*.c)

define objs
$(patsubst %.c,$(1)/obj/%.o,$(2))
endef

LIB_OBJ      := $(call objs,$(BUILD),$(LIB_SRC) $(GEN_SRC))
LIB_OBJ_SAN  := $(call objs,$(BUILD)/san,$(LIB_SRC) $(GEN_SRC))
UNIT_BIN     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
UNIT_BIN_SAN := $(patsubst tests/unit/%.c,$(BUILD)/san/tests/%,$(UNIT_SRC))
BENCH_BIN    := $(patsubst tests/bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

.PHONY: all deps run test test-fast san unit unit-san bench fuzz fuzz-build install uninstall clean check-deps format \
        format-check keymap
all: $(BUILD)/comptoir

# Installs only what is missing; does nothing when everything is there.
deps:
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "make deps: installing$$missing"; \
	    sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
	    $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  fi; \
	else \
	  echo "make deps: not a Debian system; install: ncursesw sqlite3 libcsv cmocka libsodium cairo pkg-config tmux poppler" >&2; \
	fi

$(BUILD)/gen/migrations_sql.c: $(MIGRATIONS) tools/embed_sql.sh
	@mkdir -p $(dir $@)
	sh tools/embed_sql.sh $(MIGRATIONS) > $@

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/san/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN_OBJ_FLAGS) -c $< -o $@

# The program's objects go into an archive so a test links only what it uses.
$(BUILD)/libcomptoir.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/san/libcomptoir.a: $(LIB_OBJ_SAN)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/comptoir: $(BUILD)/obj/src/main.o $(BUILD)/libcomptoir.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LDLIBS)

$(BUILD)/san/comptoir: $(BUILD)/san/obj/src/main.o $(BUILD)/san/libcomptoir.a
	$(CC) $(CFLAGS) $(SAN_FLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libcomptoir.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MF $@.d $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(BUILD)/libcomptoir.a $(PKG_LDLIBS) $(shell pkg-config --libs cmocka)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libcomptoir.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MF $@.d $(LDFLAGS) -o $@ $< $(BUILD)/libcomptoir.a $(PKG_LDLIBS)

$(BUILD)/san/tests/%: tests/unit/%.c $(BUILD)/san/libcomptoir.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MF $@.d $(SAN_TEST_FLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(BUILD)/san/libcomptoir.a $(PKG_LDLIBS) $(shell pkg-config --libs cmocka)

# Benchmark programs (tests/bench/*.c), built by `make bench` only.
$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libcomptoir.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MF $@.d $(LDFLAGS) -o $@ $< $(BUILD)/libcomptoir.a $(PKG_LDLIBS)

# Header dependencies written by the compiler (-MMD -MP).
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# The tree's style is .clang-format's; `make format` applies it, `make
# format-check` (run by `make test`) fails on any file that strays from it,
# or on a line wider than its ColumnLimit (string literals are not broken
# by clang-format: wrap them by hand at a space).
format:
	clang-format -i $(FORMAT_SRC)

format-check:
	@command -v clang-format >/dev/null || { echo "clang-format is missing: make deps"; exit 1; }
	@clang-format --dry-run --Werror $(FORMAT_SRC)
	@! LC_ALL=C.UTF-8 grep -nE '^.{111,}' $(FORMAT_SRC) || { echo "lines over 110 columns"; exit 1; }

# Fuzzing (libFuzzer, through clang): the CSV reader and the amount parser,
# built with ASan + UBSan from their own sources. `make test` replays every
# file of tests/fuzz/corpus and tests/fuzz/crashes and fuzzes each target for
# FUZZ_SECONDS; `make fuzz` runs long (FUZZ_LONG seconds each) and keeps what
# crashes in tests/fuzz/crashes/TARGET/, a regression file from then on.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 25
FUZZ_LONG    ?= 1800
FUZZ_FLAGS   := -std=c11 -Wall -Wextra -Wpedantic -Werror $(DEFS) -I. -g -O1 \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
FUZZ_BASE    := src/base/err.c src/base/mem.c src/base/strbuf.c src/base/text.c src/base/money.c
FUZZ_BIN     := $(BUILD)/fuzz/fuzz_csv $(BUILD)/fuzz/fuzz_amount

$(BUILD)/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c src/csv/csv_reader.c src/csv/csv_writer.c $(FUZZ_BASE) \
                        $(wildcard src/csv/*.h src/base/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^) -lcsv

$(BUILD)/fuzz/fuzz_amount: tests/fuzz/fuzz_amount.c src/validate.c $(FUZZ_BASE) $(wildcard src/base/*.h) src/validate.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $(filter %.c,$^)

# Builds the fuzzers when clang is there; says so, and goes on, when it is not.
fuzz-build:
	@if command -v $(FUZZ_CC) >/dev/null 2>&1; then $(MAKE) --no-print-directory $(FUZZ_BIN); \
	 else echo "fuzz: $(FUZZ_CC) is missing (make deps installs clang): fuzzing skipped"; fi

fuzz: deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@for t in csv amount; do \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t tests/fuzz/crashes/$$t; \
	  echo "fuzz $$t for $(FUZZ_LONG) s (crashes go to tests/fuzz/crashes/$$t/)"; \
	  $(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_LONG) -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=tests/fuzz/crashes/$$t/ $(BUILD)/fuzz/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done

# The whole suite: unit tests, CLI tests, end-to-end tests in tmux, the unit
# and CLI tests again under AddressSanitizer + UndefinedBehaviorSanitizer, and
# a short run of each fuzzer. The plain build comes first (JOBS compilers at
# once); the sanitizer build is a job of tests/run.sh, beside the plain tests.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
test: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(BUILD)/comptoir $(UNIT_BIN) fuzz-build
	+@FUZZ_SECONDS=$(FUZZ_SECONDS) COMPTOIR_SAN_MAKE='$(MAKE) --no-print-directory -j$(JOBS) san' sh tests/run.sh $(BUILD)

# The sanitizer build alone: the program and the unit tests.
san: $(BUILD)/san/comptoir $(UNIT_BIN_SAN)

# Quicker loop while developing: no sanitizer pass, no end-to-end tests.
test-fast: $(BUILD)/comptoir $(UNIT_BIN)
	@COMPTOIR_TEST_FAST=1 sh tests/run.sh $(BUILD)

# README.md's key section, written from the key map (ui/keymap.c).
keymap: $(BUILD)/tests/test_ui_keys
	sh tools/keymap_readme.sh $(BUILD)/tests/test_ui_keys README.md

run: deps
	@$(MAKE) --no-print-directory $(BUILD)/comptoir
	@$(BUILD)/comptoir

bench: deps
	@$(MAKE) --no-print-directory $(BUILD)/comptoir $(BENCH_BIN)
	@sh tests/bench/run.sh $(BUILD)

# A shared host: the system group $(GROUP) (created when missing), the binary
# set-group-ID to it (2755), and the shared database's folder
# PREFIX/var/lib/comptoir owned by that group (2770; the program creates the
# file 0660 in it), so people reach the data only through the program. The
# program keeps the group only to open that database (src/base/privs.h).
# Run as root; without root (a DESTDIR for a package) the group is left to
# the package's scripts. BIN: the binary to install (tests install their own).
GROUP ?= comptoir
BIN   ?= $(BUILD)/comptoir
SHARED_DIR = $(DESTDIR)$(PREFIX)/var/lib/comptoir

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 assets/comptoir.1 $(DESTDIR)$(PREFIX)/share/man/man1/comptoir.1
	@if [ "$$(id -u)" -eq 0 ] && [ -z "$(DESTDIR)" ]; then \
	  getent group $(GROUP) >/dev/null || groupadd --system $(GROUP) || getent group $(GROUP) >/dev/null || exit 1; \
	  set -x; \
	  install -m 2755 -g $(GROUP) $(BIN) $(DESTDIR)$(PREFIX)/bin/comptoir && \
	  install -d -m 2770 -g $(GROUP) $(SHARED_DIR); \
	else \
	  set -x; \
	  install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/comptoir; \
	fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/comptoir $(DESTDIR)$(PREFIX)/share/man/man1/comptoir.1
	@echo "the shared database in $(SHARED_DIR) is kept"

clean:
	rm -rf $(BUILD)

# The generated schema file holds each migration as one long string literal.
$(BUILD)/obj/$(BUILD)/gen/migrations_sql.o $(BUILD)/san/obj/$(BUILD)/gen/migrations_sql.o: CFLAGS += -Wno-overlength-strings
