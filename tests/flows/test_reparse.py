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
    tmp = tmp_path_factory.mktemp("reparse")
    wh = tmp / "warehouse"
    _older_warehouse(wh, parsed_real)
    first = run(["ingest", *FILES, "--warehouse", str(wh), "--no-validate", "--quiet"], tmp)
    after_first = _counts(wh)
    second = run(["ingest", *FILES, "--warehouse", str(wh), "--no-validate", "--quiet"], tmp)
    return tmp, wh, first, after_first, second


def test_an_older_version_is_reparsed_and_says_so(reparsed):
    _, _, first, (docs, items), _ = reparsed
    assert first.returncode == 0, first.stderr
    assert f"2 re-parsed (parser version {PARSER_VERSION})" in first.stdout, first.stdout
    assert docs == {PARSER_VERSION: 2} and items == (FIGURES, FIGURES)  # one row per figure: none twice, none of version 1


def test_it_is_reparsed_once(reparsed):
    _, wh, _, _, second = reparsed
    assert "2 unchanged (already stored); 0 line items" in second.stdout and "re-parsed" not in second.stdout
    assert _counts(wh) == ({PARSER_VERSION: 2}, (FIGURES, FIGURES))


def test_reparse_none_keeps_an_older_version_and_all_redoes_a_current_one(tmp_path, parsed_real):
    wh = tmp_path / "warehouse"
    _older_warehouse(wh, parsed_real)
    kept = run(["ingest", *FILES, "--warehouse", str(wh), "--no-validate", "--quiet", "--reparse", "none"], tmp_path)
    assert "2 unchanged" in kept.stdout and _counts(wh)[0] == {"1": 2}
    run(["ingest", *FILES, "--warehouse", str(wh), "--no-validate", "--quiet"], tmp_path)
    again = run(["ingest", *FILES, "--warehouse", str(wh), "--no-validate", "--quiet", "--reparse", "all"], tmp_path)
    assert "2 re-parsed" in again.stdout and _counts(wh) == ({PARSER_VERSION: 2}, (FIGURES, FIGURES))
