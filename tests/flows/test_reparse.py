"""A warehouse of an older parser version is re-parsed once, each document's rows replaced in the same
commit (never the old and the new side by side); --reparse limits it (none | stale | all)."""
from __future__ import annotations

import pytest

from tests.conftest import FILINGS, REAL, expected
from tests.test_cli import run
from transform.rows import PARSER_VERSION
from warehouse import Warehouse, connect

FILES = [str(FILINGS / expected(n).FILE) for n in REAL]
FIGURES = 522 + 565  # the two real filings' figures, hand-typed (tests/expected)


def _older_warehouse(root, parsed_real):
    """The two real filings stored as parser version 1 did (the rows the current parser makes, marked 1;
    copies of the session's parse, FILES in order)."""
    import copy

    parsed = [copy.deepcopy(parsed_real[n]) for n in REAL]
    for p in parsed:
        p.document.parser_version = "1"
    Warehouse(root).write_batch({"documents": [p.document for p in parsed],
                                 "line_items": [li for p in parsed for li in p.line_items],
                                 "statements": [s for p in parsed for s in p.statements],
                                 "document_sources": [{"doc_id": p.document.doc_id, "source": p.document.source,
                                                       "fiscal_year": p.document.fiscal_year} for p in parsed]})


def _counts(root):
    con = connect(root)
    docs = con.execute("SELECT parser_version, count(*) FROM documents GROUP BY 1").fetchall()
    items = con.execute("SELECT count(*), count(DISTINCT (doc_id, statement, row, measure)) FROM line_items").fetchone()
    return dict(docs), items


@pytest.fixture(scope="module")
def reparsed(tmp_path_factory, parsed_real):
    """One warehouse of parser version 1 through four runs, each run's output and the counts after it:
    --reparse none, then the default (stale) twice, then --reparse all. (One sequence rather than a
    warehouse per test: each run that parses starts Prefect and reads both filings.)"""
    tmp = tmp_path_factory.mktemp("reparse")
    wh = tmp / "warehouse"
    _older_warehouse(wh, parsed_real)
    steps = {}
    for step, extra in [("none", ["--reparse", "none"]), ("first", []), ("second", []), ("all", ["--reparse", "all"])]:
        done = run(["ingest", *FILES, "--warehouse", str(wh), "--no-validate", "--quiet", *extra], tmp)
        assert done.returncode == 0, done.stderr
        steps[step] = done, _counts(wh)
    return steps


def test_reparse_none_keeps_an_older_version(reparsed):
    kept, (docs, _items) = reparsed["none"]
    assert "2 unchanged" in kept.stdout and "re-parsed" not in kept.stdout and docs == {"1": 2}


def test_an_older_version_is_reparsed_and_says_so(reparsed):
    first, (docs, items) = reparsed["first"]
    assert f"2 re-parsed (parser version {PARSER_VERSION})" in first.stdout, first.stdout
    assert docs == {PARSER_VERSION: 2} and items == (FIGURES, FIGURES)  # one row per figure: none twice, none of version 1


def test_it_is_reparsed_once(reparsed):
    second, counts = reparsed["second"]
    assert "2 unchanged (already stored); 0 line items" in second.stdout and "re-parsed" not in second.stdout
    assert counts == ({PARSER_VERSION: 2}, (FIGURES, FIGURES))


def test_reparse_all_redoes_a_current_one(reparsed):
    again, counts = reparsed["all"]
    assert "2 re-parsed" in again.stdout and counts == ({PARSER_VERSION: 2}, (FIGURES, FIGURES))
