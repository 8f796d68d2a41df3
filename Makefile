# The two commands the README starts with: `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES = libcmark-dev libedit-dev libmimalloc-dev pkg-config
BIN = .build/release/tutor

.PHONY: run test build deps browser lint format bench clean install manual-tool fuzz fuzz-build test-asan
# Where `make install` puts the binary, completions and man page.
PREFIX ?= /usr/local
# swift-argument-parser's manual generator, built from the package's own checkout.
MANUAL_TOOL = .build/debug/generate-manual-tool

# Install the system libraries the package links, when they are missing.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

# The HTML report is tested in a real headless browser; where none can be installed,
# that test says so and is skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || echo "chromium could not be installed: the browser test will be skipped"; }

build: deps
	$(SWIFT) build -c release --product tutor

run: build
	$(BIN) learn lessons/processes

# The suite is XCTest only; without Swift Testing's empty run the closing line is
# XCTest's count of what ran.
test: deps browser lint
	$(SWIFT) build --build-tests
	$(SWIFT) build --product generate-manual
	$(SWIFT) test --skip-build --disable-swift-testing

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

manual-tool:
	$(SWIFT) build --product generate-manual

# The binary, shell completions (bash, zsh, fish) and the man page, each generated from
# the commands themselves. NO_BUILD=1 installs an already built BIN as it is.
install: $(if $(NO_BUILD),,build manual-tool)
	install -d $(PREFIX)/bin $(PREFIX)/share/man/man1 $(PREFIX)/share/bash-completion/completions \
	  $(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BIN) $(PREFIX)/bin/tutor
	$(BIN) --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/tutor
	$(BIN) --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_tutor
	$(BIN) --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/tutor.fish
	$(MANUAL_TOOL) $(BIN) --output-directory $(PREFIX)/share/man/man1

bench: build
	bench/run

clean:
	rm -rf .build

# libFuzzer harnesses (fuzz/): the LFE reader, the page loader, the printer round trip,
# binary_to_term, io:format control strings and bignum arithmetic, each run FUZZ_SECONDS on its corpus in
# fuzz/corpus/<name> (new inputs land in .build-fuzz/corpus/<name>), at low priority.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = reader page printer external format bignum
# swiftc keeps only the last -sanitize flag's coverage settings, so with `--sanitize=address`
# after `--sanitize=fuzzer` nothing is instrumented for coverage unless it is asked for.
FUZZ_COVERAGE = edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table
fuzz-build: deps
	$(SWIFT) build --package-path fuzz --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address \
	  -Xswiftc -sanitize-coverage=$(FUZZ_COVERAGE) -Xswiftc -use-ld=lld

fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
	  name=Fuzz$$(echo $$t | sed 's/./\U&/'); \
	  mkdir -p .build-fuzz/corpus/$$t .build-fuzz/crashes/$$t; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  nice -n 19 .build-fuzz/debug/$$name .build-fuzz/corpus/$$t fuzz/corpus/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
	    -artifact_prefix=.build-fuzz/crashes/$$t/ || exit 1; \
	done

# The test suite under AddressSanitizer, in a scratch directory of its own.
test-asan: deps
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt:print_suppressions=0 \
	  $(SWIFT) test --skip-build --scratch-path .build-asan --disable-swift-testing

