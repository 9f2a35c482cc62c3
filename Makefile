# lrscope build entry points. `make demo` and `make test` are the two commands in the README.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_INPUTS := notebooks-data/inputs

.PHONY: deps build release test demo render check-corpus verify-compare hostile bench fuzz clean

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

# The main job on the bundled example data: the full report in notebooks-data/report/.
demo: release
	.build/release/lrscope report $(DEMO_INPUTS)/* -o notebooks-data/report --force
	.build/release/lrscope export $(DEMO_INPUTS)/* -o notebooks-data/export.csv
	@echo "report: notebooks-data/report/report.html (and its CSV, JSON and SVG files); export: notebooks-data/export.csv"

# Renders the demo report with real renderers (installs librsvg2-bin and chromium when missing):
# plot.svg with rsvg-convert into docs/plot.png, report.html with headless Chromium into docs/report.png.
render: demo
	@if ! command -v rsvg-convert >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq librsvg2-bin chromium >/dev/null; fi
	mkdir -p docs
	rsvg-convert notebooks-data/report/plot.svg -o docs/plot.png
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
		--screenshot=docs/report.png "file://$(CURDIR)/notebooks-data/report/report.html" 2>/dev/null
	@echo "rendered docs/plot.png and docs/report.png"

# Runs the built binary over the shared corpus (needs ../shared, which a clone does not have).
check-corpus: release
	../shared/check-corpus --lrscope .build/release/lrscope all

# Fuzzes every libFuzzer target (Sources/Fuzz*) for SECONDS each, plain and with ASan: seeds in
# fuzz/corpus/<target>/, new inputs in fuzz/work/, crashes in fuzz/artifacts/; prints each target's
# executions and exits non-zero on a crash (scripts/fuzz.sh; FUZZ_TARGETS="FuzzJSON" for a subset,
# FUZZ_ASAN=0 for the plain builds only).
SECONDS ?= 60
FUZZ_TARGETS ?= FuzzTensorBoard FuzzDelimited FuzzJSON FuzzMLflowFileStore FuzzPipeline
FUZZ_ASAN ?= 1
fuzz: deps
	SWIFT=$(SWIFT) scripts/fuzz.sh --seconds $(SECONDS) --targets "$(FUZZ_TARGETS)" --asan $(FUZZ_ASAN)

clean:
	rm -rf .build

# Recomputes every regret figure of `lrscope compare` over the corpus tasks with an independent Python
# script (needs ../shared); prints `N passed, M failed`.
TASKS := digits_mlp digits_cnn wine_mlp moons_mlp friedman1_mlp
verify-compare: release
	.build/release/lrscope compare ../shared/corpus/cases/*-lrfind-seed*/lr_find.csv ../shared/corpus/cases/*-lrfind-seed*/results.json \
		$(foreach t,$(TASKS),--truth $(t)=../shared/corpus/ground_truth/$(t)/sweep.csv) \
		-o /tmp/lrscope-leaderboard.csv --details /tmp/lrscope-details.csv
	python3 scripts/verify_compare_regret.py /tmp/lrscope-leaderboard.csv /tmp/lrscope-details.csv \
		$(foreach t,$(TASKS),$(t)=../shared/corpus/ground_truth/$(t)/sweep.csv)

# Hostile-input checks that need big files (not in `swift test`): a 2 GB TensorBoard file of image
# summaries with one small scalar series must read in under 100 MB of memory.
hostile: release
	mkdir -p .hostile
	[ -s .hostile/events.out.tfevents.1.mixed ] || python3 scripts/make_mixed_tfevents.py .hostile/events.out.tfevents.1.mixed 2048 200
	/usr/bin/time -f "%M" -o .hostile/rss.txt .build/release/lrscope inspect .hostile/events.out.tfevents.1.mixed
	@rss=$$(cat .hostile/rss.txt); echo "peak RSS reading a 2 GB event file: $$rss KB (limit 102400 KB)"; [ $$rss -lt 102400 ]

# Benchmarks (BENCHMARKS.md): lrscope against the Python tools its users would otherwise run. Creates
# the .bench-venv virtual environment (numpy pandas scipy tensorboard tbparse from PyPI) when missing,
# writes the inputs into .bench-data/ when missing (bench/generate.py), builds in release mode and runs
# bench/run.py. BENCH_SCRATCH= builds into another scratch path (default .build); LRSCOPE= measures
# another binary (default the one just built); REPS= sets the repetitions (3). About 10 minutes on 2 cores.
BENCH_VENV := .bench-venv
BENCH_PY := $(BENCH_VENV)/bin/python
BENCH_SCRATCH ?= .build
LRSCOPE ?= $(BENCH_SCRATCH)/release/lrscope
bench: deps
	@echo "[bench] Python reference environment: $(BENCH_VENV)"
	@if [ ! -x $(BENCH_PY) ] || ! $(BENCH_PY) -c "import numpy, pandas, scipy, tensorboard, tbparse" 2>/dev/null; then \
		python3 -m venv $(BENCH_VENV) && \
		$(BENCH_PY) -m pip install --quiet --disable-pip-version-check numpy pandas scipy tensorboard tbparse threadpoolctl; \
	fi
	@echo "[bench] inputs: .bench-data (bench/generate.py; skipped where present)"
	$(BENCH_PY) bench/generate.py
	@echo "[bench] release build"
	$(SWIFT) build -c release --scratch-path $(BENCH_SCRATCH)
	LRSCOPE=$(LRSCOPE) PYTHON=$(BENCH_PY) $(BENCH_PY) bench/run.py
