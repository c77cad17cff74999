# yuedu - a terminal reader for long articles.
# `make run` and `make test` are the two commands a new machine needs;
# both install missing Debian packages first (make deps).

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR ?=
PKG_CONFIG ?= pkg-config
CC ?= cc
CLANG ?= clang
# Empty on glibc; -liconv where iconv is a separate library (macOS, BSD).
LDLIBS_ICONV ?=

VERSION = 0.1.0
PKGS = ncursesw uchardet libxml-2.0 icu-uc icu-i18n libpcre2-8 sqlite3 md4c \
	zlib liblzma libzstd
# Debian 12's libbz2-dev has no .pc file: link it by name unless one exists.
BZ2_LIBS = $(shell $(PKG_CONFIG) --libs bzip2 2>/dev/null || echo -lbz2)

# Debian packages: libraries, then the tools the test suite drives.
DEB_PKGS = make gcc pkg-config libncurses-dev libuchardet-dev libmd4c-dev \
	libxml2-dev libicu-dev libpcre2-dev libsqlite3-dev libcmocka-dev \
	zlib1g-dev libbz2-dev liblzma-dev libzstd-dev \
	clang libclang-rt-14-dev llvm tmux valgrind less ncurses-term time \
	locales

CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wformat=2 \
	-Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings \
	-Wpointer-arith -Wundef -Wno-unused-parameter
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
# Headers live by layer (include/base, include/model, ...); each layer's
# folder is on the include path, so a header is included by its name.
LAYER_INC = $(addprefix -I,$(sort $(dir $(wildcard include/*/*.h))))
ALL_CPPFLAGS = $(LAYER_INC) -DYUEDU_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS = $(WARN) $(CFLAGS)
# --as-needed: libraries the code does not call yet (the Markdown, HTML,
# regex and SQLite parts arrive with later issues) are not loaded at
# start-up; each one loaded cost the first screen about a millisecond.
LIBS = -Wl,--as-needed $(PKG_LIBS) $(BZ2_LIBS) $(LDLIBS_ICONV) -lm

# src/<layer>/<module>.c; docs/architecture.md says what each layer holds.
SRC = $(wildcard src/*/*.c)
# main.c needs argv; everything else is a library that unit tests and
# fuzzers link.
LIB_SRC = $(filter-out src/cli/main.c,$(SRC))
OBJ = $(SRC:src/%.c=build/obj/%.o)
LIB_OBJ = $(LIB_SRC:src/%.c=build/obj/%.o)

UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)

SAN = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o)
ASAN_LIB_OBJ = $(LIB_SRC:src/%.c=build/asan/%.o)

FUZZ_SRC = $(wildcard fuzz/fz_*.c)
FUZZ_BIN = $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_LIB_OBJ = $(LIB_SRC:src/%.c=build/fuzzobj/%.o)

# Objects in build/ are not intermediate files to delete after linking.
.SECONDARY:

.PHONY: all deps run test check unit asan fuzz fuzz-replay bench install uninstall clean
all: yuedu

deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all packages present"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1; then SUDO=sudo; \
	else echo "deps: missing:$$missing; run 'make deps' as root (no sudo found)" >&2; exit 1; fi; \
	echo "deps: installing$$missing"; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing

yuedu: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

build/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# ASan+UBSan build of the binary (the e2e suite runs it).
asan: yuedu-asan
yuedu-asan: $(ASAN_OBJ)
	$(CLANG) $(ALL_CFLAGS) $(SAN) -o $@ $(ASAN_OBJ) $(LIBS)
build/asan/%.o: src/%.c
	@mkdir -p $(@D)
	$(CLANG) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -MMD -MP -c -o $@ $<

build/tests/%: tests/unit/%.c tests/unit/testutil.h $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(shell $(PKG_CONFIG) --cflags cmocka) \
		-o $@ $< $(LIB_OBJ) $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

unit: $(UNIT_BIN)

# libFuzzer targets: every parser has one; fuzz/corpus/<target>/ is kept.
build/fuzzobj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CLANG) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -fsanitize=fuzzer-no-link -DYUEDU_FUZZ -MMD -MP -c -o $@ $<
build/fuzz/%: fuzz/%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(CLANG) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(LIBS)

fuzz-build: $(FUZZ_BIN)
FUZZ_SECONDS ?= 300
fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$$(basename $$f); mkdir -p fuzz/corpus/$$n; \
		echo "== $$n ($(FUZZ_SECONDS) s)"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=5 -rss_limit_mb=2048 \
			fuzz/corpus/$$n || exit 1; done

test: deps
	@$(MAKE) --no-print-directory all unit yuedu-asan fuzz-build
	@LC_ALL=C.UTF-8 sh tests/run.sh

check: test

run: deps
	@$(MAKE) --no-print-directory all
	@# The library view (yuedu DIR) comes with a later issue; until then
	@# open the user guide, which lists the other samples.
	./yuedu docs/samples/用户指南.txt

bench: all
	sh bench/run.sh

install: yuedu
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1
	install -m 0755 yuedu $(DESTDIR)$(BINDIR)/yuedu
	install -m 0644 docs/yuedu.1 $(DESTDIR)$(MANPREFIX)/man1/yuedu.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yuedu $(DESTDIR)$(MANPREFIX)/man1/yuedu.1

clean:
	rm -rf build yuedu yuedu-asan

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d)
