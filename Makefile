# gongbao — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SAMPLE := examples/lvliang-gazette-2023-02.txt
DEMO_PASSWORD ?= gongbao-demo

.PHONY: demo test extract bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || scripts/apt-install python3-venv
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# The main job on the embedded default (SQLite under ./var): extract the sample
# and print its summary, store it in the knowledge base, open its task lists
# for supervision with demo accounts (printed; DEBUG settings, never for
# production), then serve everything at http://127.0.0.1:8000/ until Ctrl-C.
demo: $(STAMP)
	$(BIN)/gongbao extract $(SAMPLE)
	$(BIN)/gongbao ingest $(SAMPLE)
	GONGBAO_DEBUG=1 $(BIN)/gongbao demo $(SAMPLE) --password $(DEMO_PASSWORD)
	@echo "open http://127.0.0.1:8000/ (home: search, documents, units, tasks, registers; /supervision/ to log in)"
	GONGBAO_DEBUG=1 $(BIN)/gongbao serve --host 127.0.0.1 --port 8000

# The whole suite on SQLite, then the database-facing suites again on a real
# PostgreSQL server (scripts/test-postgres starts and stops it). The browser
# tests drive Debian's chromium; the OCR test needs tesseract with chi_sim.
test: $(STAMP)
	scripts/apt-install chromium fonts-noto-cjk tesseract-ocr tesseract-ocr-chi-sim postgresql postgresql-contrib
	$(BIN)/python -m pytest -q -p no:cacheprovider
	PYTHON=$(BIN)/python scripts/test-postgres

bench: $(STAMP)
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) var build *.egg-info
