# juesuan — two commands matter: `make demo` and `make test`. Both set up the environment first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
DEMO   := build
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test lint samples clean fonts syslibs

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

demo: samples
	$(BIN)/juesuan ingest $(DEMO)/samples --warehouse $(DEMO)/warehouse
	$(BIN)/juesuan query "SELECT d.unit_name, d.county, d.adcode, l.phase, l.code, l.item, l.amount_yuan \
	  FROM line_items l JOIN documents d USING (doc_id) \
	  WHERE l.statement = 'expenditure' AND l.measure = 'total' AND l.code_level = 1 \
	  ORDER BY d.adcode, l.code, l.phase" --warehouse $(DEMO)/warehouse
	$(BIN)/juesuan query "SELECT unit_name, fiscal_year, code, item, budget_yuan, final_yuan, execution_rate_pct, match \
	  FROM execution WHERE statement = 'expenditure' AND measure = 'total' AND (code_level = 1 OR code IS NULL) \
	  ORDER BY unit_name, code NULLS LAST" --warehouse $(DEMO)/warehouse
	$(BIN)/juesuan compare --warehouse $(DEMO)/warehouse --code 2080505 --year 2024 --out $(DEMO)/compare

test: install
	$(PY) -m pytest

# The lint and type gate CI runs before the tests (settings in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(DEMO) .pytest_cache
