# roadshow - investment-matching roadshow scheduler
#
#   make            build build/roadshow and build/libroadshow.a
#   make run        install missing Debian packages (as root), build, and
#                   schedule the bundled Chengdu sample into outputs/
#   make check      the quick loop: build, then the cmocka tests and the
#                   script tests against this build (no sanitizer rebuild,
#                   no valgrind)
#   make test       build and run the whole test suite: make check, then the
#                   cmocka tests under valgrind and everything again in
#                   the ASan + UBSan build (make asan)
#   make memcheck   run the sample under valgrind
#   make asan       build into build/asan with AddressSanitizer and
#                   UndefinedBehaviorSanitizer and run the tests there
#   make fuzz       fuzz the event reader for FUZZ_SECONDS (default 60)
#   make clean

CC      ?= cc
BUILD   := build
SAMPLE  := chengdu-2023
CJSON_CFLAGS := $(shell pkg-config --cflags libcjson 2>/dev/null || echo -I/usr/include/cjson)
CJSON_LIBS   := $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)
WARN    := -Wall -Wextra -Wshadow -Wconversion -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2
ifeq ($(CI),true)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 $(WARN) $(CFLAGS) $(CJSON_CFLAGS) -Ischeduler
LIBS    := -lglpk $(CJSON_LIBS) -lm

# Debian packages the build and the run need (make run installs them).
DEB_PACKAGES := gcc make pkg-config libglpk-dev libcjson-dev libcmocka-dev tzdata
# What the whole test suite needs besides (.ci/run installs them).
TEST_PACKAGES := valgrind python3 python3-jsonschema libical-dev chromium glpk-utils \
                 fonts-noto-cjk clang libclang-rt-14-dev

LIB_SRC := $(filter-out scheduler/main.c,$(wildcard scheduler/*.c))
LIB_OBJ := $(patsubst scheduler/%.c,$(BUILD)/obj/%.o,$(LIB_SRC))
# The JSON Schemas in schemas/, embedded into the library by tools/embed.c
# (the "schema" format writes them next to schedule.json).
SCHEMAS := $(sort $(wildcard schemas/*.schema.json))
LIB_OBJ += $(BUILD)/obj/schemas_gen.o
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))

PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := $(shell sed -n 's/^\#define RS_VERSION "\(.*\)"/\1/p' scheduler/roadshow.h)

.PHONY: all deps run check test memcheck clean install bench bench-b2b asan asan-build test-bins fuzz

all: $(BUILD)/roadshow $(BUILD)/libroadshow.a

# Each compile writes a dependency file beside its object (-MMD: the
# headers it includes; -MP: an empty rule per header, so that a header
# removed later does not stop the build); they are included at the end.
DEPFLAGS := -MMD -MP

$(BUILD)/obj/%.o: scheduler/%.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/libroadshow.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/embed: tools/embed.c | $(BUILD)/obj
	$(CC) -std=c11 $(WARN) $(CFLAGS) -o $@ $<

$(BUILD)/gen/schemas.c: $(SCHEMAS) $(BUILD)/embed
	mkdir -p $(BUILD)/gen
	$(BUILD)/embed $@ $(SCHEMAS)

$(BUILD)/obj/schemas_gen.o: $(BUILD)/gen/schemas.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(BUILD)/roadshow: $(BUILD)/obj/main.o $(BUILD)/libroadshow.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "missing Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# The benchmark (bench/run.py): the S, M, L and XL events and the shapes
# tight, venues, M4, L2, huge and panels from the seeded generator, and the
# bundled pitch day, each checked; S and M also with the direct model; the
# events of up to 50 people also solved by CBC (coinor-cbc, when installed)
# with 15 times the limit.  BENCH="S tight" limits it to some events.
# Takes about 55 minutes in all (BENCH="--no-cbc" skips CBC: about 12 minutes).
bench: all
	python3 bench/run.py $(BUILD) $(BENCH)

# The twenty real B2B brokerage forums of bench/b2b (about 20 minutes).
bench-b2b: all
	python3 bench/b2b.py $(BUILD) $(BENCH)

run: deps
	$(MAKE) all
	$(BUILD)/roadshow schedule inputs/$(SAMPLE) -o outputs/$(SAMPLE)

# Extra libraries (or link options) of one test program: TEST_LIBS_<name>.
TEST_LIBS_test_export_ics := -lical
# test_oom counts the library's allocations and makes one fail at a time.
TEST_LIBS_test_oom := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc

$(BUILD)/tests/%: tests/%.c $(BUILD)/libroadshow.a | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -Wno-missing-prototypes -Itests -o $@ $< \
	  $(BUILD)/libroadshow.a -lcmocka $(TEST_LIBS_$*) $(LIBS)

test-bins: $(TEST_BIN)

# The sanitized build: the library, the program and the cmocka tests with
# ASan and UBSan in $(ASAN_BUILD); any report stops the program (nonzero
# exit), so a finding fails the run.  The shell tests that drive the
# program run against it too: the CLI, the fault cases (signals, full
# disks, time and memory limits, about 30 s; RS_SANITIZED=1 gives the
# whole run a second more over its time limit, for the instrumented
# reading and writing), the re-scheduling workflow and the hostile
# inputs.  html.sh renders with Chromium and is left to the plain build.
ASAN_BUILD := $(BUILD)/asan
SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:halt_on_error=1 \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
            UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ASAN_SH := tests/cli.sh tests/faults.sh tests/workflow.sh tests/hostile.sh

asan-build:
	$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CFLAGS="-O1 -g $(SANITIZE)" \
	  all test-bins

asan: asan-build
	@fail=0; for t in $(patsubst $(BUILD)/%,$(ASAN_BUILD)/%,$(TEST_BIN)); do \
	  echo "== asan $$t"; $(ASAN_ENV) $$t || fail=1; done; \
	for s in $(ASAN_SH); do \
	  echo "== asan $$s"; $(ASAN_ENV) RS_SANITIZED=1 sh $$s $(ASAN_BUILD)/roadshow || fail=1; done; \
	exit $$fail

# The cmocka tests, then the script tests (tests/*.sh, tests/*.py) against
# $(BUILD)/roadshow; every one runs, and the loop fails when any failed.
RUN_CHECKS = fail=0; for t in $(TEST_BIN); do \
	  echo "== $$t"; $$t || fail=1; done; \
	for s in tests/*.sh; do [ -e "$$s" ] || continue; \
	  echo "== $$s"; sh $$s $(BUILD)/roadshow || fail=1; done; \
	for s in tests/*.py; do [ -e "$$s" ] || continue; \
	  echo "== $$s"; python3 $$s $(BUILD)/roadshow || fail=1; done

# The quick loop while working: what make test runs first, without the
# valgrind runs and the sanitized rebuild.
check: all $(TEST_BIN)
	@$(RUN_CHECKS); exit $$fail

test: all $(TEST_BIN) asan-build
	@$(RUN_CHECKS); \
	if command -v valgrind >/dev/null; then \
	  for t in $(BUILD)/tests/test_reader $(BUILD)/tests/test_check \
	    $(BUILD)/tests/test_hostile; do \
	    echo "== valgrind $$t"; \
	    valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=9 \
	      --child-silent-after-fork=yes \
	      $$t >/dev/null || { echo "valgrind: $$t reported errors"; fail=1; }; \
	  done; \
	fi; \
	$(MAKE) --no-print-directory asan || fail=1; \
	exit $$fail

# Fuzzing (make fuzz [FUZZ_SECONDS=60]): the library built again with clang,
# libFuzzer, ASan and UBSan (any UB aborts) into $(BUILD)/fuzz/, run for
# FUZZ_SECONDS on a copy of tests/fuzz/corpus in $(BUILD)/fuzz/corpus (new
# inputs go there, never into the repository).  Exits nonzero on a crash,
# leak, sanitizer report or an input slower than 10 s; the input is then
# in $(BUILD)/fuzz/crash-* (or leak-*, timeout-*, slow-unit-*).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS  := -std=c11 $(WARN) -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
                $(CJSON_CFLAGS) -Ischeduler
FUZZ_OBJ := $(patsubst scheduler/%.c,$(BUILD)/fuzz/obj/%.o,$(LIB_SRC)) \
            $(BUILD)/fuzz/obj/schemas_gen.o

$(BUILD)/fuzz/obj/%.o: scheduler/%.c
	@mkdir -p $(BUILD)/fuzz/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/obj/schemas_gen.o: $(BUILD)/gen/schemas.c
	@mkdir -p $(BUILD)/fuzz/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(BUILD)/fuzz/fuzz_event: tests/fuzz/fuzz_event.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzz: $(BUILD)/fuzz/fuzz_event
	mkdir -p $(BUILD)/fuzz/corpus
	cp tests/fuzz/corpus/* $(BUILD)/fuzz/corpus/
	$(BUILD)/fuzz/fuzz_event -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 \
	  -dict=tests/fuzz/event.dict -artifact_prefix=$(BUILD)/fuzz/ \
	  $(BUILD)/fuzz/corpus

# Installs the program, the library with its header, pkg-config file and
# man page under $(DESTDIR)$(PREFIX).
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/roadshow $(DESTDIR)$(PREFIX)/bin/roadshow
	install -m 644 $(BUILD)/libroadshow.a $(DESTDIR)$(PREFIX)/lib/libroadshow.a
	install -m 644 scheduler/roadshow.h $(DESTDIR)$(PREFIX)/include/roadshow.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' scheduler/roadshow.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/roadshow.pc
	install -m 644 docs/roadshow.1 $(DESTDIR)$(PREFIX)/share/man/man1/roadshow.1
	if [ -d schemas ]; then install -d $(DESTDIR)$(PREFIX)/share/roadshow/schemas && \
	  install -m 644 schemas/*.json $(DESTDIR)$(PREFIX)/share/roadshow/schemas/; fi

memcheck: all
	valgrind --leak-check=full --errors-for-leak-kinds=all --error-exitcode=9 \
	  --child-silent-after-fork=yes \
	  $(BUILD)/roadshow schedule inputs/$(SAMPLE) -o $(BUILD)/memcheck --time-limit 30 --quiet

clean:
	rm -rf $(BUILD)

# The dependency files of the last build (none before the first).
-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d $(TEST_BIN:=.d) $(FUZZ_OBJ:.o=.d)
