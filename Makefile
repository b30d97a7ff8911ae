# juesuan — two commands matter: `make demo` and `make test`. Both set up the environment first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
DEMO   := build
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test test-all lint samples clean fonts syslibs

install: $(VENV)/.installed fonts syslibs

# A CJK font for the Chinese labels of `juesuan compare`'s PNGs (vl-convert draws with the system's
# fonts, and draws no glyph it has no font for): Debian's fonts-noto-cjk, installed when no font
# covers Chinese (needs root, as on the project's machines and CI; elsewhere install it yourself).
fonts:
	@if fc-list :lang=zh family 2>/dev/null | grep -q .; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing fonts-noto-cjk (Chinese labels of the comparison charts)"; \
	  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk >/dev/null; \
	else echo "warning: no CJK font: install fonts-noto-cjk (or any font covering Chinese) for juesuan compare's PNG labels"; fi

# OpenCV (required by the OCR engine, rapidocr-onnxruntime: extract/ocr.py) loads libGL and GLib at import:
# Debian's libgl1 and libglib2.0-0, installed when missing and root (elsewhere install them yourself).
syslibs:
	@if ldconfig -p 2>/dev/null | grep -q 'libGL.so.1 ' && ldconfig -p 2>/dev/null | grep -q 'libgthread-2.0.so.0 '; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing libgl1 libglib2.0-0 (OpenCV, for OCR)"; \
	  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libgl1 libglib2.0-0 >/dev/null; \
	else echo "warning: libGL or GLib missing: install libgl1 and libglib2.0-0 (OpenCV, for OCR of scanned pages)"; fi

# Locked versions (requirements.lock), then the project itself without touching them (editable;
# setuptools warns at length about editable mode, which is what we want, hence PYTHONWARNINGS).
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

samples: install
	$(PY) -m samples.generate --out $(DEMO)/samples

# The generated samples (fictional 示例 units, and the 焉耆 final accounts rebuilt from the seed's text)
# and the published filings of samples/real (SOURCES.md) in one warehouse; each table says which is which.
demo: samples
	$(BIN)/juesuan ingest $(DEMO)/samples samples/real --warehouse $(DEMO)/warehouse
	@echo; echo "== Expenditure by 类 and phase: generated samples (示例 units: invented figures; 焉耆: its 2023 final accounts rebuilt from the filing's text) and published filings (samples/real) =="
	@$(BIN)/juesuan query "SELECT CASE WHEN d.sample THEN 'generated' ELSE 'published' END AS origin, \
	  d.unit_name, d.county, l.phase, l.code, l.item, l.amount_yuan \
	  FROM line_items l JOIN documents d USING (doc_id) \
	  WHERE l.statement = 'expenditure' AND l.measure = 'total' AND l.code_level = 1 \
	  ORDER BY d.sample DESC, d.adcode, d.unit_name, l.code, l.phase" --warehouse $(DEMO)/warehouse
	@echo; echo "== Budget against final: the generated pairs (fictional 示例 units, invented figures) =="
	@$(BIN)/juesuan query "SELECT e.unit_name, e.fiscal_year, e.code, e.item, e.budget_yuan, e.final_yuan, \
	  e.execution_rate_pct, e.match FROM execution e \
	  WHERE e.statement = 'expenditure' AND e.measure = 'total' AND (e.code_level = 1 OR e.code IS NULL) \
	  ORDER BY e.unit_name, e.code NULLS LAST" --warehouse $(DEMO)/warehouse
	@echo; echo "== juesuan compare 2080505 in 2024, generated samples included (--include-samples) =="
	@$(BIN)/juesuan compare --warehouse $(DEMO)/warehouse --code 2080505 --year 2024 --include-samples --out $(DEMO)/compare
	@$(PY) -m samples.demo --warehouse $(DEMO)/warehouse

# `make test` is what CI runs (.ci/run); `make test-all` adds the tests marked `corpus` (measurements over
# corpora: fuzzed files, kill moments), which benchmarks/ runs at full scale (docs/benchmarks.md).
test: install
	$(PY) -m pytest

test-all: install
	$(PY) -m pytest --test-all

# The lint and type gate CI runs before the tests (settings in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(DEMO) .pytest_cache
