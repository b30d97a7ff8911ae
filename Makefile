# juesuan — two commands matter: `make demo` and `make test`. Both set up the environment first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
DEMO   := build
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test samples clean

install: $(VENV)/.installed

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
	$(BIN)/juesuan query "SELECT d.unit_name, d.county, d.adcode, l.code, l.item, l.amount_yuan \
	  FROM line_items l JOIN documents d USING (doc_id) \
	  WHERE l.statement = 'expenditure' AND l.measure = 'total' AND l.code_level = 1 \
	  ORDER BY d.adcode, l.code" --warehouse $(DEMO)/warehouse

test: install
	$(PY) -m pytest

clean:
	rm -rf $(DEMO) .pytest_cache
