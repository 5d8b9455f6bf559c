# The two commands that matter:
#   make run    install what is missing, build, and serve the portal with demo data on SQLite
#   make test   everything CI checks: both databases, the sanitizer build, formatting, browsers
# The other targets are the stages of those two, for running one at a time.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := build
# Stages depend on each other's side effects (packages before cmake), so never run them in parallel.
.NOTPARALLEL:

JOBS ?= 2
RELEASE_DIR := build/release
ASAN_DIR := build/asan
FORMAT_DIRS := src tests bench fuzz
CLANG_FORMAT ?= clang-format
DATABASE ?= sqlite:data/traineeportal.db
BINARY ?= ./$(RELEASE_DIR)/traineeportal
SQLITE_DIR = $(if $(filter sqlite:%,$(DATABASE)),$(dir $(patsubst sqlite:%,%,$(DATABASE))))

# $(call stage,TEXT): a banner, so that a long log shows which stage failed.
stage = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

format_files = $(shell find $(FORMAT_DIRS) -type f \( -name '*.h' -o -name '*.cpp' \) 2>/dev/null | sort)

.PHONY: run serve build deps test-deps configure test test-release test-asan e2e format format-check clean

deps:
	$(call stage,Checking build dependencies (scripts/install-deps.sh))
	scripts/install-deps.sh

test-deps:
	$(call stage,Checking build and test dependencies (scripts/install-deps.sh --test))
	scripts/install-deps.sh --test

configure:
	$(call stage,Configuring the release build in $(RELEASE_DIR))
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

run: deps configure
	$(call stage,Building traineeportal)
	cmake --build $(RELEASE_DIR) -j$(JOBS) --target traineeportal
	@$(MAKE) --no-print-directory serve

# Serves the built binary with demo data. The database's folder (data/ on a fresh clone) is made
# here: the binary itself never creates folders, so a mistyped path is refused, not created.
serve:
	$(call stage,Serving with demo data on $(DATABASE) (Ctrl-C stops))
	$(if $(SQLITE_DIR),mkdir -p $(SQLITE_DIR))
	$(BINARY) serve --demo --migrate --database $(DATABASE)

build: deps configure
	$(call stage,Building everything (release) in $(RELEASE_DIR))
	cmake --build $(RELEASE_DIR) -j$(JOBS)

# Each stage below stands alone; `test` runs them in order and stops at the first failure.
test:
	@$(MAKE) --no-print-directory test-deps
	@$(MAKE) --no-print-directory test-release
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory format-check
	@$(MAKE) --no-print-directory e2e
	$(call stage,All tests passed)

test-release: configure
	$(call stage,Building everything (release) in $(RELEASE_DIR))
	cmake --build $(RELEASE_DIR) -j$(JOBS)
	$(call stage,Test suites on SQLite and PostgreSQL with a local SMTP server (release build))
	scripts/with-postgres.sh scripts/with-smtp.sh ctest --test-dir $(RELEASE_DIR) --output-on-failure -j$(JOBS)

test-asan:
	$(call stage,Building with AddressSanitizer and UBSan in $(ASAN_DIR))
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTP_SANITIZE=ON
	cmake --build $(ASAN_DIR) -j$(JOBS)
	$(call stage,Test suites on SQLite and PostgreSQL with a local SMTP server (sanitizer build))
	ASAN_OPTIONS=$${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=$${UBSAN_OPTIONS:-print_stacktrace=1} \
	  LSAN_OPTIONS=$${LSAN_OPTIONS:-suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0} \
	  scripts/with-postgres.sh scripts/with-smtp.sh ctest --test-dir $(ASAN_DIR) --output-on-failure -j$(JOBS)

e2e:
	@if [[ -x scripts/run-e2e.sh ]]; then \
	  printf '\n\033[1m==> %s\033[0m\n' "Browser tests (scripts/run-e2e.sh)"; \
	  scripts/run-e2e.sh; \
	else \
	  printf '\n\033[1m==> %s\033[0m\n' "Browser tests: scripts/run-e2e.sh not present, nothing to run"; \
	fi

format:
	$(call stage,Formatting $(FORMAT_DIRS) with $(CLANG_FORMAT))
	$(CLANG_FORMAT) -i $(format_files)

format-check:
	$(call stage,Checking formatting of $(FORMAT_DIRS) ($(CLANG_FORMAT) --dry-run))
	$(CLANG_FORMAT) --dry-run --Werror $(format_files)

clean:
	$(call stage,Removing build/)
	rm -rf build
