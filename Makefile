# The two commands of the README: `make run` and `make test`. Both install what is missing first.
SWIFT ?= swift
PYTHON ?= python3
LINT_PATHS := Package.swift Sources Tests $(wildcard Benchmarks/Package.swift Benchmarks/Sources)

.PHONY: run test setup lint build swift-test python-test format

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

swift-test:
	$(SWIFT) test --skip-build

python-test:
	$(PYTHON) -m pytest -q Tests
