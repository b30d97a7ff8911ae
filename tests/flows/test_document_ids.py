"""One rule for document ids (transform/ids.py): the same bad files, failing at different layers across
runs — an unreadable path (the parser, then a lost worker), a failed download, a file that later becomes
readable — keep one `documents` row each."""
from __future__ import annotations

import http.server
import shutil
import threading

import pytest

import flows.ingest
from flows.guard import parse_guarded
from flows.ingest import ingest
from flows.sources import discover
from tests.paths import FILINGS
from transform.ids import document_id, placeholder_id, sha256_of
from transform.parse import parse_file
from warehouse import connect

SOCIAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
FINANCE = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"


def test_every_layer_gives_an_unreadable_file_the_same_id(tmp_path):
    missing = str(tmp_path / "missing.pdf")
    want = placeholder_id(missing)
    assert document_id(missing) == want
    assert parse_file(missing).document.doc_id == want
    guarded = parse_guarded(missing, time_limit_s=30)
    assert guarded.document.doc_id == want
    assert guarded.document.error.startswith("the file cannot be read")  # not "the parser failed"
    assert placeholder_id("https://x.example/a.pdf") != placeholder_id("/x.example/a.pdf")
    assert document_id(SOCIAL) == sha256_of(SOCIAL)


@pytest.fixture()
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    handler = lambda *a, **k: _Quiet(*a, directory=str(root), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _documents(wh) -> dict[str, tuple[str, str]]:
    rows = connect(wh).execute("SELECT source, doc_id, status FROM documents").fetchall()
    assert len(rows) == len({r[0] for r in rows}), rows  # one row per file, never two
    return {source: (doc_id, status) for source, doc_id, status in rows}


def test_bad_files_keep_one_row_each_across_runs_whichever_layer_failed(tmp_path, site, monkeypatch):
    root, url = site
    later = tmp_path / "in" / "later.pdf"  # does not exist yet, then does, then is gone again
    never = tmp_path / "in" / "never.pdf"
    (tmp_path / "in").mkdir()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"path\n{later}\n{never}\n{url}/late.pdf\n", encoding="utf-8")
    wh = str(tmp_path / "wh")

    def run():
        return ingest(discover([str(manifest)]), wh, workers=1, validate=False, progress=False)

    # Run 1: the parser says the two paths cannot be read; the URL answers 404.
    assert run().status["failed"] == 3
    first = _documents(wh)
    assert first == {str(later): (placeholder_id(str(later)), "failed"), str(never): (placeholder_id(str(never)), "failed"),
                     f"{url}/late.pdf": (placeholder_id(f"{url}/late.pdf"), "failed")}

    # Run 2: the worker parsing them is lost (another layer records the failure).
    def lost(*a, **k):
        raise RuntimeError("worker lost")

    monkeypatch.setattr(flows.ingest, "parse_guarded_many", lost)
    assert run().status["failed"] == 3
    assert _documents(wh) == first
    monkeypatch.undo()

    # Run 3: the file appears and the URL is served: each is stored under its own hash, in place of
    # its placeholder; the path that never exists keeps its one failed row.
    shutil.copy(SOCIAL, later)
    shutil.copy(FINANCE, root / "late.pdf")
    summary = run()
    assert summary.status["ok"] == 2 and summary.status["failed"] == 1
    third = _documents(wh)
    assert third == {str(later): (sha256_of(SOCIAL), "ok"), str(never): first[str(never)],
                     f"{url}/late.pdf": (sha256_of(FINANCE), "ok")}
    items = connect(wh).execute("SELECT count(*) FROM line_items").fetchone()[0]

    # Run 4: the file is unreadable again and the download fails again (its cache cleared): the
    # documents stored from them stand, with no failed row beside them.
    later.unlink()
    (root / "late.pdf").unlink()
    shutil.rmtree(tmp_path / "wh" / "_cache")
    run()
    assert _documents(wh) == third
    assert connect(wh).execute("SELECT count(*) FROM line_items").fetchone()[0] == items
