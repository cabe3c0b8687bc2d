# The two commands a newcomer runs: `make demo` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHARS := extract/_pdfium_chars.so
export FILINGWATCH_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: install lint test demo bench format

install: $(STAMP) $(CHARS)

# The fast PDF reader's per-character pdfium calls in C (extract/pdfium_chars.py): without a
# C compiler they run in Python, slower, with the same text.
$(CHARS): extract/pdfium_chars.c
	cc -O2 -shared -fPIC -o $@ $< || echo "no C compiler: pdfium's per-character calls run in Python"

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# pytest runs every store-touching test on SQLite and on PostgreSQL (tests/conftest.py), on
# two worker processes (pytest-xdist), a test module to a worker so its servers start once.
test: install lint
	$(BIN)/pytest -q -n 2 --dist loadfile

demo: install
	bash scripts/demo.sh

# Benchmarks print tables; they are never run by `make test`. Each takes minutes.
bench: install
	$(PY) bench/extract_eval.py --lang en
	$(PY) bench/extract_eval.py --lang zh
	$(PY) bench/extract_eval.py --lang en --from-pdf
	$(PY) bench/extract.py --n 200 --against 0b46e8a  # the code when issue 14 was filed
	$(PY) bench/scale.py --n 120
	$(PY) bench/crawl.py --extra 5000
	$(PY) bench/search.py --n 100000
	$(PY) bench/web.py --n 100000
