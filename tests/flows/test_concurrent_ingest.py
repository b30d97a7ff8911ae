"""Many writers, one warehouse (issue 11): `juesuan` runs started a second apart over the same and over
overlapping files store each document once and the line items of a single run; the second says it
waited. `validate` during an ingest waits for the lease, a run that cannot get it in --lock-timeout
says who holds it, `query` during an ingest sees whole batches only, a lease left by a killed run is
broken and logged. Every run is the real command line (.venv/bin/juesuan) in a subprocess."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.paths import FILINGS, ROOT
from tests.prefect_api import environ
from warehouse import connect

JUESUAN = Path(sys.executable).with_name("juesuan")
WAITED = "juesuan: waiting for the warehouse's writer lease, held by pid "


def start(args, tmp_path) -> subprocess.Popen:
    env = environ(tmp_path)  # the session's Prefect server (tests/prefect_api.py)
    # Its own process group: a test that fails mid-run takes the run's Prefect server down with it.
    return subprocess.Popen([str(JUESUAN), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT, start_new_session=True)


def finish(proc: subprocess.Popen, timeout: float = 900) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise
    return proc.returncode, out, err


def holding(wh: Path, proc: subprocess.Popen, timeout: float = 120) -> None:
    """Until `proc` holds the warehouse's writer lease (its holder.json names it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if json.loads((wh / "_lease" / "holder.json").read_text())["pid"] == proc.pid:
                return
        except (OSError, ValueError):
            pass
        assert proc.poll() is None, finish(proc)
        time.sleep(0.05)
    raise AssertionError("the first run never took the lease")


def snapshot(wh: Path) -> dict:
    """Every stored row of the parsed tables, order-free, without the ingestion timestamp."""
    con = connect(wh)
    out = {}
    for table, cols in [("documents", "doc_id, file_name, unit_name, status, error, page_count"),
                        ("line_items", "doc_id, statement, side, code, item, measure, amount_yuan, page, row"),
                        ("statements", "doc_id, statement, status, first_page"),
                        ("narrative_facts", "doc_id, fact, code, value, page")]:
        out[table] = sorted(con.execute(f"SELECT {cols} FROM {table}").fetchall(), key=str)
    return out


FINANCE, SOCIAL = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf", FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"


@pytest.fixture(scope="module")
def single_run(uninterrupted_run):
    """Every file of batch_files (tests/conftest.py: the two real filings, the four generated final accounts)
    in one run: what the concurrent runs must equal."""
    con = connect(uninterrupted_run)
    per_doc = dict(con.execute("SELECT d.doc_id, count(l.doc_id) FROM documents d LEFT JOIN line_items l "
                               "USING (doc_id) GROUP BY 1").fetchall())
    quality = con.execute("SELECT count(*) FROM quality_results").fetchone()[0]
    return {"snapshot": snapshot(uninterrupted_run), "line_items_per_doc": per_doc, "quality_results": quality}


def test_two_runs_over_the_same_files_store_each_document_once(tmp_path, batch_files, single_run):
    wh = tmp_path / "wh"
    args = ["ingest", *batch_files, "--warehouse", wh]
    first = start(args, tmp_path)
    holding(wh, first)
    time.sleep(1)
    second = start(args, tmp_path)
    code1, out1, err1 = finish(first)
    code2, out2, err2 = finish(second)
    assert (code1, code2) == (0, 0), (err1, err2)
    assert "Traceback" not in err1 + err2, err1 + err2
    assert WAITED + str(first.pid) in err2, err2
    assert "6 files:" in out2 and "6 unchanged (already stored); 0 line items written" in out2, out2
    got = snapshot(wh)
    assert len(got["documents"]) == len({d[0] for d in got["documents"]}) == 6
    assert got == single_run["snapshot"]
    quality = connect(wh).execute("SELECT count(*), count(DISTINCT (doc_id, \"check\", subject)) "
                                  "FROM quality_results").fetchone()
    assert quality == (single_run["quality_results"],) * 2


def test_two_runs_over_overlapping_sets_store_each_document_once(tmp_path, samples_dir, single_run):
    wh = tmp_path / "wh"
    samples = sorted(samples_dir.glob("*.pdf"))
    first = start(["ingest", FINANCE, *samples, "--warehouse", wh, "--no-validate", "--workers", 1], tmp_path)
    holding(wh, first)
    time.sleep(1)
    second = start(["ingest", FINANCE, SOCIAL, "--warehouse", wh, "--no-validate", "--workers", 1], tmp_path)
    code1, out1, err1 = finish(first)
    code2, out2, err2 = finish(second)
    assert (code1, code2) == (0, 0), (err1, err2)
    assert "Traceback" not in err1 + err2, err1 + err2
    assert WAITED + str(first.pid) in err2, err2
    # 社会工作部 is read; 财政局 was stored by the first run
    assert "2 files: 1 ok, 0 partial, 0 failed, 0 skipped, 1 unchanged" in out2, out2
    assert snapshot(wh) == single_run["snapshot"]


def _whole_batches(con, per_doc: dict[str, int]) -> int:
    """Check one snapshot: every visible document has all its line items, none is orphaned."""
    seen = dict(con.execute("SELECT d.doc_id, count(l.doc_id) FROM documents d LEFT JOIN line_items l "
                            "USING (doc_id) GROUP BY 1").fetchall())
    orphans = con.execute("SELECT count(*) FROM line_items WHERE doc_id NOT IN "
                          "(SELECT doc_id FROM documents)").fetchone()[0]
    assert orphans == 0 and seen == {d: per_doc[d] for d in seen}, (seen, orphans)
    return len(seen)


def test_validate_waits_a_late_run_gives_up_and_queries_see_whole_batches(tmp_path, batch_files, single_run):
    wh = tmp_path / "wh"
    files = batch_files
    ingest = start(["ingest", *files, "--warehouse", wh, "--no-validate", "--workers", 1, "--batch-size", 1],
                   tmp_path)
    holding(wh, ingest)
    validate = start(["validate", "--warehouse", wh], tmp_path)
    late = start(["ingest", *files, "--warehouse", wh, "--lock-timeout", 1], tmp_path)
    per_doc = single_run["line_items_per_doc"]
    seen, queries = set(), 0
    while ingest.poll() is None:
        try:
            seen.add(_whole_batches(connect(wh), per_doc))
        except duckdb.IOException:
            continue  # a part it named was superseded meanwhile (`juesuan query` retries the same way)
        if queries < 3:  # the command line too, a few times (each start costs a second)
            sql = ("SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM line_items "
                   "WHERE doc_id IN (SELECT doc_id FROM documents)) AS items, (SELECT count(*) FROM line_items) AS total")
            code, out, err = finish(start(["query", sql, "--warehouse", wh, "--format", "json"], tmp_path))
            assert code == 0, err
            row = json.loads(out)[0]
            assert row["items"] == row["total"], row
            queries += 1
    code, out, err = finish(ingest)
    assert code == 0 and "Traceback" not in err, err
    assert len(seen) > 2, seen  # the readers saw the warehouse grow, batch by batch

    code, out, err = finish(late)
    assert code == 75, (code, out, err)
    assert WAITED + str(ingest.pid) in err and "up to 1 s (--lock-timeout)" in err, err
    assert f"is being written by pid {ingest.pid} on " in err and "gave up waiting after 1 s" in err, err
    assert "Traceback" not in err, err

    code, out, err = finish(validate)
    assert code == 0 and "Traceback" not in err, err
    assert WAITED + str(ingest.pid) in err, err
    assert out.startswith("checks failed: "), out
    con = connect(wh)
    assert con.execute("SELECT count(*) FROM quality_results").fetchone()[0] == single_run["quality_results"]


def test_a_lease_left_by_a_killed_run_is_broken_and_logged(tmp_path):
    wh = tmp_path / "wh"
    code = ("import sys, time; from warehouse.lease import WriterLease; "
            "WriterLease(sys.argv[1]).acquire(0); print('held', flush=True); time.sleep(120)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(wh)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    code, out, err = finish(start(["ingest", FINANCE, "--warehouse", wh, "--no-validate"], tmp_path))
    assert code == 0 and "1 ok" in out and "Traceback" not in err, (out, err)
    assert WAITED not in err  # a dead holder is not waited for
    log = (wh / "_logs" / "juesuan.log").read_text(encoding="utf-8")
    assert f"broke the writer lease of {wh} left by pid {holder.pid} on " in log, log[-2000:]
    assert "its process no longer exists" in log
