# Houvast — a rule engine for values-based maatwerk.
# Plain make, C11. `make deps` installs the Debian packages it needs.

CC      ?= cc
BUILD   ?= build
BIN     ?= houvast
WERROR  ?= $(if $(CI),-Werror,)
CFLAGS  ?= -O2 -g
# flags the build needs whatever CFLAGS a user passes (make CFLAGS=...)
HV_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra $(WERROR) \
             -Igrammar -Iengine -Istdlib -I$(BUILD)
ALL_CFLAGS = $(HV_CFLAGS) $(CFLAGS)
LDLIBS  := -lsqlite3 -ljansson -lsodium -lcsv -lreadline -lm -lpthread
GEN_CFLAGS := -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter

DEB_PKGS := flex bison libreadline-dev libcmocka-dev libjansson-dev \
            libsqlite3-dev sqlite3 libsodium-dev libcsv-dev pkg-config tmux time \
            clang llvm valgrind

LIB_SRC := $(wildcard grammar/*.c engine/*.c stdlib/*.c)
STDLIB_HV := $(wildcard stdlib/*.hv)
LIB_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) \
           $(BUILD)/grammar/parser.o $(BUILD)/grammar/lexer.o $(BUILD)/stdlib_modules.o
REPL_SRC := $(filter-out repl/main.c,$(wildcard repl/*.c))
REPL_OBJ := $(patsubst %.c,$(BUILD)/%.o,$(REPL_SRC))
CLI_OBJ := $(BUILD)/repl/main.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

MAIN_EXAMPLE := examples/maatwerk_werk_inkomen.hv
MAIN_CASE    := examples/cases/gezin_huisuitzetting.json

.PHONY: all deps run test unit golden examples pty repl-transcripts audit-tests testcmd fmt-tests doc-tests check-tests batch-tests bench clean check-asan check-valgrind fuzz fuzz-coverage

all: $(BIN)

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	else echo "all dependencies present"; fi

# Every build first makes sure the Debian packages are there, so that
# `make run` and `make test` work on a fresh machine with only gcc, make, apt.
DEPS_STAMP := $(BUILD)/.deps-ok
$(DEPS_STAMP):
	@$(MAKE) --no-print-directory deps
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/grammar/parser.c $(BUILD)/grammar/parser.h &: grammar/parser.y | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	bison -Wall -Werror -o $(BUILD)/grammar/parser.c --header=$(BUILD)/grammar/parser.h $<

$(BUILD)/grammar/lexer.c $(BUILD)/grammar/lexer.h &: grammar/lexer.l | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	flex -o $(BUILD)/grammar/lexer.c --header-file=$(BUILD)/grammar/lexer.h $<

$(BUILD)/grammar/parser.o: $(BUILD)/grammar/parser.c $(BUILD)/grammar/lexer.h
	$(CC) $(ALL_CFLAGS) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/grammar/lexer.o: $(BUILD)/grammar/lexer.c $(BUILD)/grammar/parser.h
	$(CC) $(ALL_CFLAGS) $(GEN_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.o: %.c $(BUILD)/grammar/parser.h $(BUILD)/grammar/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# the stdlib modules written in Houvast, built into the library
$(BUILD)/stdlib_modules.c: stdlib/embed.sh $(STDLIB_HV)
	@mkdir -p $(BUILD)
	sh stdlib/embed.sh $(STDLIB_HV) > $@

$(BUILD)/stdlib_modules.o: $(BUILD)/stdlib_modules.c stdlib/builtins.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libhouvast.a: $(LIB_OBJ)
	ar rcs $@ $^

$(BUILD)/librepl.a: $(REPL_OBJ)
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(BUILD)/librepl.a $(BUILD)/libhouvast.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/librepl.a $(BUILD)/libhouvast.a $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/testutil.h $(BUILD)/librepl.a $(BUILD)/libhouvast.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Irepl -o $@ $< $(BUILD)/librepl.a $(BUILD)/libhouvast.a $(LDLIBS) -lcmocka

# the main job: the consulent's REPL on the main example, with its case loaded
run: $(BIN)
	./$(BIN) repl $(MAIN_EXAMPLE) --case $(MAIN_CASE)

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; exit $$fail

golden: $(BIN)
	@sh tests/golden.sh

examples: $(BIN)
	./$(BIN) test examples/*.hv tests/stdlib/*.hv

# the REPL in a real pseudo-terminal (tmux): prompt, completion, history
pty: $(BIN)
	@sh tests/pty/run.sh

# scripts piped through the REPL, compared with their transcripts
repl-transcripts: $(BIN)
	@sh tests/repl/run.sh

# the audit store end to end: tampering, replay, impact, concurrent and killed writers
audit-tests: $(BIN)
	@sh tests/audit/run.sh

# houvast test itself: --coverage, --junit, a casus's own peildatum
testcmd: $(BIN)
	@sh tests/testcmd/run.sh

# houvast fmt: the layout, idempotence, the same program
fmt-tests: $(BIN)
	@sh tests/fmt/run.sh

# houvast doc: the rule book in Markdown and HTML
doc-tests: $(BIN)
	@sh tests/doc/run.sh

# the analysis in houvast check: warnings, witnesses, --strict
check-tests: $(BIN)
	@sh tests/check/run.sh

# houvast run with a caseload: --cases, --out, --summary, bad rows, constant memory
batch-tests: $(BIN)
	@sh tests/batch/run.sh

test: unit golden repl-transcripts pty audit-tests testcmd fmt-tests doc-tests check-tests batch-tests examples

# The whole test suite again, built with clang under AddressSanitizer and
# UndefinedBehaviorSanitizer (leaks included). A finding ends the process
# with exit status 99 (not one Houvast uses) and is written to a file in
# build-asan/reports/: a test that expects a failure cannot hide it, and any
# report fails the run.
SAN_BUILD  := build-asan
SAN_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
SAN_LOG    := $(CURDIR)/$(SAN_BUILD)/reports
check-asan:
	@command -v clang >/dev/null || $(MAKE) --no-print-directory deps
	@rm -rf $(SAN_LOG) && mkdir -p $(SAN_LOG)
	ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:exitcode=99:log_path=$(SAN_LOG)/asan \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99:log_path=$(SAN_LOG)/ubsan \
	HOUVAST=$(CURDIR)/$(SAN_BUILD)/houvast \
	$(MAKE) --no-print-directory CC=clang BUILD=$(SAN_BUILD) BIN=$(SAN_BUILD)/houvast \
	    CFLAGS="$(SAN_CFLAGS)" test
	@if [ -n "$$(ls -A $(SAN_LOG))" ]; then cat $(SAN_LOG)/*; \
	  echo "check-asan: the sanitizers reported the above"; exit 1; \
	else echo "check-asan: no sanitizer reports"; fi

# The end-to-end tests with ./houvast under valgrind's memcheck (about 15
# minutes on 2 cores): no invalid access, no uninitialised memory, no leak.
VG_LOG := $(CURDIR)/$(BUILD)/valgrind
VG_SUITES := golden repl-transcripts pty audit-tests testcmd fmt-tests doc-tests check-tests batch-tests
check-valgrind: $(BIN)
	@command -v valgrind >/dev/null || $(MAKE) --no-print-directory deps
	@rm -rf $(VG_LOG) && mkdir -p $(VG_LOG) && chmod 1777 $(VG_LOG)   # the read-only tests run as nobody
	HOUVAST=$(CURDIR)/tests/valgrind.sh HOUVAST_VG_LOG=$(VG_LOG) HOUVAST_SLOW=1 \
	$(MAKE) --no-print-directory $(VG_SUITES)
	HOUVAST_VG_LOG=$(VG_LOG) tests/valgrind.sh test examples/*.hv tests/stdlib/*.hv
	@if find $(VG_LOG) -type f -size +0 | grep -q .; then find $(VG_LOG) -type f -size +0 -exec cat {} +; \
	  echo "check-valgrind: valgrind reported the above"; exit 1; \
	else echo "check-valgrind: no valgrind reports"; fi

# libFuzzer (clang) on rule text, case input and REPL lines, each for
# FUZZ_SECONDS, from the seeds in tests/fuzz/corpus/NAME, with a dictionary
# of keywords, commands and fact names (tests/fuzz/dict.sh); what it finds new
# goes to build-fuzz/corpus/NAME, a crash to build-fuzz/crashes/ (make it a
# regression test); each run ends with a report (tests/fuzz/run.sh, report.sh)
# of its executions and coverage, for the table in docs/security.md.
FUZZ_BUILD   := build-fuzz
FUZZ_CFLAGS  := -O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SECONDS ?= 60
FUZZERS      := rules cases repl
# fuzz-coverage: the same harnesses with source-based coverage and no
# sanitizers, each run once over its seeds and grown corpus: which lines the
# corpora reach, per source file (tests/fuzz/coverage.sh).
FUZZ_COV_BUILD  := build-fuzz-cov
FUZZ_COV_CFLAGS := -O1 -g -fprofile-instr-generate -fcoverage-mapping -fsanitize=fuzzer-no-link

# $(call fuzz_harnesses,DIR,CFLAGS,PREFIX): the libraries built with CFLAGS
# into DIR, and each harness linked against them as DIR/PREFIX_NAME
define fuzz_harnesses
	@command -v clang >/dev/null || $(MAKE) --no-print-directory deps
	$(MAKE) --no-print-directory CC=clang BUILD=$(1) CFLAGS="$(2)" $(1)/libhouvast.a $(1)/librepl.a
	@for f in $(FUZZERS); do \
	  clang $(HV_CFLAGS:-I$(BUILD)=-I$(1)) -Irepl $(2) -fsanitize=fuzzer -o $(1)/$(3)_$$f \
	      tests/fuzz/fuzz_$$f.c $(1)/librepl.a $(1)/libhouvast.a $(LDLIBS) || exit 1; \
	done
endef

fuzz:
	$(call fuzz_harnesses,$(FUZZ_BUILD),$(FUZZ_CFLAGS),fuzz)
	@mkdir -p $(FUZZ_BUILD)/crashes
	@for f in $(FUZZERS); do \
	  echo "== fuzz_$$f, $(FUZZ_SECONDS) s"; \
	  FUZZ_BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh $$f $(FUZZ_SECONDS) || exit 1; \
	done

fuzz-coverage:
	@command -v llvm-cov >/dev/null || $(MAKE) --no-print-directory deps
	$(call fuzz_harnesses,$(FUZZ_COV_BUILD),$(FUZZ_COV_CFLAGS),cov)
	@for f in $(FUZZERS); do \
	  echo "== cov_$$f"; \
	  FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_COV_BUILD=$(FUZZ_COV_BUILD) sh tests/fuzz/coverage.sh $$f || exit 1; \
	done

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD) $(FUZZ_COV_BUILD) $(BIN) tests/out

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(REPL_OBJ:.o=.d)

# Speed against hand-written C and peer engines; not part of `make test`.
bench: $(BIN)
	@sh bench/run.sh
