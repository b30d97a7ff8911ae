"""Batch ingestion: manifests with URLs (served locally) and their cache, a run killed mid-batch
then re-run, and the Dask path on a LocalCluster."""
from __future__ import annotations

import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import FILINGS, ROOT
from tests.prefect_api import environ
from warehouse import connect

FINANCE = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"
SOCIAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"


def juesuan(args, tmp_path, own_server: bool = False, **kw):
    """`juesuan ARGS` started in a subprocess, with the session's Prefect server (tests/prefect_api.py;
    `own_server`: none, so that the run starts one itself)."""
    env = environ(tmp_path, own_server, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "flows.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT, **kw)


def run(args, tmp_path, own_server: bool = False):
    p = juesuan(args, tmp_path, own_server)
    out, err = p.communicate(timeout=900)
    return p.returncode, out, err


def snapshot(wh: Path) -> dict:
    """Every stored row of the parsed tables, order-free, without the ingestion timestamp."""
    con = connect(wh)
    out = {}
    for table, cols in [("documents", "doc_id, unit_name, status, error, page_count"),
                        ("line_items", "doc_id, statement, side, code, item, measure, amount_yuan, page, row"),
                        ("statements", "doc_id, statement, status, first_page"),
                        ("narrative_facts", "doc_id, fact, code, value, page")]:
        out[table] = sorted(con.execute(f"SELECT {cols} FROM {table}").fetchall(), key=str)
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        _Handler.hits.append(self.path)
        return super().do_GET()


@pytest.fixture()
def http_root(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(FINANCE, root / "finance.pdf")  # a copy in a temporary folder, served to the test only
    (root / "error.pdf").write_text("<html><body>404 页面不存在</body></html>", encoding="utf-8")
    handler = lambda *a, **k: _Handler(*a, directory=str(root), **k)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Handler.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_manifest_with_urls_is_ingested_and_cached(tmp_path, http_root):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("url,unit_name,fiscal_year\n"
                        f"{http_root}/finance.pdf,,\n"
                        f"{http_root}/missing.pdf,,\n"
                        f"{http_root}/error.pdf,某县某局,2024\n", encoding="utf-8")
    wh = tmp_path / "wh"
    code, out, err = run(["ingest", str(manifest), "--warehouse", str(wh), "--no-validate"], tmp_path)
    assert code == 0 and "Traceback" not in err, err
    assert "3 files: 1 ok, 0 partial, 2 failed" in out, out
    con = connect(wh)
    rows = dict(con.execute("SELECT source, status FROM documents").fetchall())
    assert rows[f"{http_root}/finance.pdf"] == "ok"
    assert rows[f"{http_root}/missing.pdf"] == "failed"
    err_html = con.execute("SELECT unit_name, error FROM documents WHERE source LIKE '%error.pdf'").fetchone()
    assert err_html[0] == "某县某局" and "HTML page" in err_html[1]  # the manifest's hint is kept
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 565
    cached = sorted(p.name for p in (wh / "_cache").glob("*.pdf"))
    assert "d45e923176f9fe4b6533829d3a2fe67f8cbcd55d07099dabf73aca62701f8eb5.pdf" in cached
    hits = len(_Handler.hits)
    code, out, _ = run(["ingest", str(manifest), "--warehouse", str(wh), "--no-validate"], tmp_path)
    assert code == 0 and "1 unchanged" in out, out
    fetched_again = [h for h in _Handler.hits[hits:] if h.endswith("finance.pdf")]
    assert fetched_again == []  # the cache answered


def test_a_run_killed_mid_batch_then_rerun_equals_an_uninterrupted_run(tmp_path, batch_files, uninterrupted_run):
    files = list(map(str, batch_files))  # 社会工作部, 财政局, the generated final accounts (tests/conftest.py)
    killed = tmp_path / "killed"
    # Its own process group, so the kill takes the run's ephemeral Prefect server down with it
    # (as a scheduler or Ctrl-C would), and no orphan keeps the output pipes open.
    proc = juesuan(["ingest", *files, "--warehouse", str(killed), "--batch-size", "1", "--no-validate"], tmp_path,
                   start_new_session=True)
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and len(list((killed / "_batches").glob("*.done"))) < 3:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # mid-batch: the next document is being parsed or written
    proc.communicate()
    partial = snapshot(killed)
    assert 0 < len(partial["documents"]) < len(files)

    code, out, err = run(["ingest", *files, "--warehouse", str(killed), "--batch-size", "1", "--no-validate"], tmp_path)
    assert code == 0, err
    # an uninterrupted run over the same files (batch size 50, checks on: neither changes the rows compared)
    assert snapshot(killed) == snapshot(uninterrupted_run)
    assert not list(killed.rglob("*.tmp"))


def test_dask_path_on_a_local_cluster(tmp_path, samples_dir):
    wh = tmp_path / "wh"
    code, out, err = run(["ingest", str(SOCIAL), *map(str, sorted(samples_dir.glob("*.pdf"))), "--warehouse", str(wh),
                          "--workers", "2",
                          "--no-validate"], tmp_path, own_server=True)  # the server it starts for its workers
    assert code == 0, err
    assert "Traceback" not in err and "ERROR" not in err, err
    assert "5 files: 4 ok, 0 partial, 0 failed, 1 skipped" in out, out
    con = connect(wh)
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 522 + 646 + 566 + 490
