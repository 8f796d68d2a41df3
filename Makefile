# The two commands the README starts with: `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES = libcmark-dev libedit-dev libmimalloc-dev pkg-config
BIN = .build/release/tutor

.PHONY: run test build deps lint format bench clean fuzz fuzz-build test-asan

# Install the system libraries the package links, when they are missing.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing" $$missing; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES); \
	fi

build: deps
	$(SWIFT) build -c release --product tutor

run: build
	$(BIN) check lessons

# The suite is XCTest only; without Swift Testing's empty run the closing line is
# XCTest's count of what ran.
test: deps lint
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

bench: build
	bench/run

clean:
	rm -rf .build

# libFuzzer harnesses (fuzz/): the LFE reader, the page loader, the printer round trip,
# binary_to_term and io:format control strings, each run FUZZ_SECONDS on its corpus in
# fuzz/corpus/<name> (new inputs land in .build-fuzz/corpus/<name>), at low priority.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = reader page printer external format
fuzz-build: deps
	$(SWIFT) build --package-path fuzz --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address -Xswiftc -use-ld=lld

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
	$(SWIFT) test --skip-build --scratch-path .build-asan --disable-swift-testing

