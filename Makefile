# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test setup train bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/zhkg build data/corpus -o out --date 2020-02-28

test: $(STAMP)
	$(PY) -m pytest

train: $(STAMP)
	$(PY) -m graph.ner.train --corpus ../shared/corpora/cluener/train.json

# Each writes benchmarks/results/NAME.json; the README quotes the figures.
bench: $(STAMP)
	$(PY) benchmarks/bench_ner.py
	$(PY) benchmarks/bench_view.py
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_store.py

clean:
	rm -rf out build dist .pytest_cache
