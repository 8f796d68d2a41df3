# The two commands the README starts with: `make run` and `make test`.
SWIFT ?= swift
APT_PACKAGES = libcmark-dev libedit-dev libmimalloc-dev pkg-config
BIN = .build/release/tutor

.PHONY: run test build deps lint format bench clean

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
	$(BIN) learn lessons/processes

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
