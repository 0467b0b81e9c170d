# Two commands on a fresh machine:  `make demo`  then  `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test lint eval-seeds eval-examples bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Install hodo into .venv and analyse the bundled sample corpus into out/demo.
demo: $(STAMP)
	$(BIN)/hodo analyze examples/pages --out out/demo --db out/demo/hodo.db
	$(BIN)/hodo search --db out/demo/hodo.db プーチン 平壌 --limit 3
	$(BIN)/hodo timeline --db out/demo/hodo.db --min-sources 2
	$(BIN)/hodo brief --db out/demo/hodo.db --between 北朝鮮 ロシア --format md -o out/demo/brief.md
	$(BIN)/hodo brief --db out/demo/hodo.db --between 北朝鮮 ロシア --format html -o out/demo/brief.html
	@echo "web UI and API: make serve  (http://127.0.0.1:8000/)"

## Serve the demo store: web UI at http://127.0.0.1:8000/, API docs at /docs.
serve: $(STAMP)
	$(BIN)/hodo serve --db out/demo/hodo.db

## Lint, type-check and run the test suite.
test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check hodo tests bench
	$(BIN)/mypy hodo

## Score the five seed pages against shared/eval gold (prints every metric).
eval-seeds: $(STAMP)
	$(BIN)/hodo analyze ../shared/seeds --out out/seeds --no-db --quiet
	$(BIN)/python ../shared/eval/score.py --gold ../shared/eval/gold/seeds.json \
	    --docs out/seeds/documents.jsonl --corpus out/seeds/corpus.json

## Score the bundled sample corpus against its own gold (examples/gold.json).
eval-examples: $(STAMP)
	$(BIN)/hodo analyze examples/pages --out out/examples --no-db --quiet
	$(BIN)/python ../shared/eval/score.py --gold examples/gold.json \
	    --docs out/examples/documents.jsonl --corpus out/examples/corpus.json

## Benchmarks (see bench/README.md); results go into the README by hand.
bench: $(STAMP)
	$(BIN)/python bench/bench_clean.py

clean:
	rm -rf out build *.egg-info .pytest_cache .mypy_cache .ruff_cache
