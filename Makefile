# lrscope build entry points. `make demo` and `make test` are the two commands in the README.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_INPUTS := notebooks-data/inputs

.PHONY: deps build release test demo check-corpus clean

# Installs the C libraries (GSL, SQLite) and pkg-config with apt-get when pkg-config cannot find them.
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl sqlite3; then \
		echo "installing libgsl-dev libsqlite3-dev pkg-config with apt-get"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev libsqlite3-dev pkg-config >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	$(SWIFT) test

# The main job on the bundled example data.
demo: release
	.build/release/lrscope inspect $(DEMO_INPUTS)/*
	.build/release/lrscope export $(DEMO_INPUTS)/* -o notebooks-data/export.csv
	@echo "wrote notebooks-data/export.csv"

# Runs the built binary over the shared corpus (needs ../shared, which a clone does not have).
check-corpus: release
	../shared/check-corpus --lrscope .build/release/lrscope all

clean:
	rm -rf .build
