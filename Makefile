# The two commands of the README: `make run` and `make test`. Both install what is missing first.
SWIFT ?= swift
PYTHON ?= python3
# Every Swift folder of the benchmark package (its hidden .build is not matched by the wildcard).
LINT_PATHS := Package.swift Sources Tests Benchmarks/Package.swift $(wildcard Benchmarks/*/)

.PHONY: run test setup lint build swift-test python-test format release

run: setup
	$(SWIFT) run todo-chat $(ARGS)

test: setup lint build swift-test python-test

setup:
	@scripts/setup.sh

lint:
	$(SWIFT) format lint --strict --recursive $(LINT_PATHS)

format:
	$(SWIFT) format --in-place --recursive $(LINT_PATHS)

build:
	$(SWIFT) build --build-tests

# The release build that docs/terminal.md measures: every Swift module, the dependencies too, with a
# section per function, so that the link can gather the code todo-chat runs at start-up (Package.swift,
# `chatMemoryLayout`). `make release PRODUCT=todo-chat` builds one product. When an existing release
# build was made without this flag, delete it first (rm -rf "$$(swift build -c release --show-bin-path)"):
# the Swift driver keeps objects when only a flag changed.
release: setup
	$(SWIFT) build -c release -Xswiftc -Xfrontend -Xswiftc -function-sections $(if $(PRODUCT),--product $(PRODUCT))

swift-test:
	$(SWIFT) test --skip-build

python-test:
	$(PYTHON) -m pytest -q Tests
