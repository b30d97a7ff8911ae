"""Shared fixtures. The real filings are read in place from ../shared/filings (never copied)."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILINGS = ROOT.parent / "shared" / "filings"
REAL = ["putuo_social_work_2024", "putuo_finance_2024"]
TEMPLATE = FILINGS / "附件2：部门决算模板.pdf"


def expected(name: str):
    return importlib.import_module(f"tests.expected.{name}")


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory):
    """The two real filings and the template, parsed and committed to a fresh warehouse (without
    Prefect: the flow itself is exercised in test_cli.py)."""
    from transform.parse import parse_file
    from warehouse import Warehouse

    root = tmp_path_factory.mktemp("real") / "warehouse"
    wh = Warehouse(root)
    parsed = [parse_file(str(FILINGS / expected(n).FILE)) for n in REAL] + [parse_file(str(TEMPLATE))]
    wh.write_batch({
        "documents": [p.document for p in parsed],
        "line_items": [li for p in parsed for li in p.line_items],
        "statements": [s for p in parsed for s in p.statements],
    })
    return root


@pytest.fixture(scope="session")
def samples_dir(tmp_path_factory):
    """The generator's sample filings, rendered once per test session, with their truth JSON."""
    from samples.generate import generate

    out = tmp_path_factory.mktemp("samples")
    generate(str(out))
    return out
