"""A crawler's bad haul through the command line: every file gets a documents row, the batch
finishes with exit code 0 and no traceback, and rows stored by an earlier batch are untouched."""
from __future__ import annotations

from tests import badfiles
from tests.test_batch import run
from warehouse import connect

MAKERS = [badfiles.empty, badfiles.html_page, badfiles.random_bytes, badfiles.pdf_header_garbage,
          badfiles.truncated, badfiles.encrypted_password_by_hand, badfiles.no_pages, badfiles.image_only,
          badfiles.mojibake_cid, badfiles.budget_with_final_accounts_tables, badfiles.template]


def _earlier_batch(wh, parsed) -> None:
    """社会工作部 committed as a run commits a batch (Warehouse.write_batch), from the session's parse of it
    (tests/conftest.py parsed_real) rather than by a run of its own: the flow is what the bad batch runs."""
    import copy

    from warehouse import Warehouse

    parsed = copy.deepcopy(parsed)  # the session's, shared
    d = parsed.document
    Warehouse(wh).write_batch({"documents": [d], "line_items": parsed.line_items, "statements": parsed.statements,
                               "document_sources": [{"doc_id": d.doc_id, "source": d.source,
                                                     "fiscal_year": d.fiscal_year}]})


def test_a_bad_batch_finishes_and_keeps_earlier_rows(tmp_path, parsed_real):
    wh = tmp_path / "wh"
    _earlier_batch(wh, parsed_real["putuo_social_work_2024"])
    assert connect(wh).execute("SELECT count(*) FROM line_items").fetchone()[0] == 522
    bad = tmp_path / "bad"
    bad.mkdir()
    made = []
    for make in MAKERS:
        sub = bad / make.__name__
        sub.mkdir()
        made.append(make(sub))
    # One worker: each file is still parsed in a child of its own (flows/guard.py), as on a Dask worker; the
    # Dask path is tested in test_batch.py. (On a machine loaded 5× over, a Dask worker's heartbeat may
    # meet the scheduler already closed at shutdown and log an ERROR, which this test forbids.)
    code, out, err = run(["ingest", str(bad), "--warehouse", str(wh), "--no-validate", "--workers", "1"], tmp_path)
    assert code == 0
    assert "Traceback" not in out + err and "ERROR" not in out + err, err
    # the scan of lines (image_only) is read by OCR and found to be no filing: skipped, like the budget and
    # the template
    assert f"{len(made)} files: 0 ok, 0 partial, 8 failed, 3 skipped" in out, out
    con = connect(wh)
    rows = con.execute("SELECT file_name, status, error FROM documents").fetchall()
    assert len(rows) == len(made) + 1
    assert all(err for name, status, err in rows if status in ("failed", "skipped"))
    # the earlier batch's filing and its 522 figures are untouched
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 522
    assert (wh / "_logs" / "juesuan.log").stat().st_size > 0
