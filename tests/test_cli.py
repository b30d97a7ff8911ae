"""The command line end to end, through the Prefect flow: a clean console, exit 0, idempotent."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import FILINGS, ROOT
from tests.prefect_api import environ

JUESUAN = [sys.executable, "-m", "flows.cli"]


def run(args, tmp_path, own_server: bool = False):
    """`juesuan ARGS` in a subprocess, with tmp_path's PREFECT_HOME and the session's Prefect server
    (tests/prefect_api.py; `own_server`: none, so that the run starts one itself)."""
    env = environ(tmp_path, own_server, PYTHONPATH=str(ROOT))
    return subprocess.run(JUESUAN + args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, samples_dir):
    tmp = tmp_path_factory.mktemp("cli")
    wh = tmp / "warehouse"
    finals = [str(p) for p in sorted(samples_dir.glob("*.pdf"))]  # the final-accounts samples (budgets/ aside)
    # a new machine's first run: an empty PREFECT_HOME, and the run's own ephemeral Prefect server
    first = run(["ingest", str(FILINGS), *finals, "--warehouse", str(wh)], tmp, own_server=True)
    second = run(["ingest", str(FILINGS), *finals, "--warehouse", str(wh)], tmp)
    return tmp, wh, first, second


def test_a_clean_run_prints_a_summary_and_no_traceback(ingested):
    _, _, first, _ = ingested
    assert first.returncode == 0, first.stderr
    out = first.stdout + first.stderr
    assert "Traceback" not in out and "ERROR" not in out, out
    assert "7 files: 5 ok, 0 partial, 0 failed, 2 skipped" in first.stdout


def test_ingesting_the_same_files_twice_adds_no_rows(ingested):
    tmp, wh, first, second = ingested
    assert second.returncode == 0 and "7 unchanged" in second.stdout, second.stdout + second.stderr
    q = run(["query", "SELECT count(*) AS n, count(DISTINCT doc_id) AS docs FROM line_items", "--warehouse", str(wh),
             "--format", "csv"], tmp)
    # 522 + 565 rows of the real filings (hand-typed counts) + the samples' truth (646 + 566 + 490)
    assert q.stdout.splitlines() == ["n,docs", f"{522 + 565 + 646 + 566 + 490},5"], q.stdout + q.stderr


def test_query_formats_keep_exact_decimals(ingested):
    tmp, wh, _, _ = ingested
    q = run(["query", "SELECT amount_yuan FROM line_items l JOIN documents d USING (doc_id) WHERE d.unit_name = "
             "'上海市普陀区财政局' AND statement = 'income_expenditure_summary' AND item = '总计' AND side = 'income'",
             "--warehouse", str(wh), "--format", "json"], tmp)
    assert q.stdout.strip() == '[{"amount_yuan": "29953900.00"}]', q.stdout + q.stderr


def test_the_flow_writes_the_text_and_the_covered_units(ingested):
    """Issue 16: every filing read has its sections; the real filings and the samples list 3 + 2 + 1 + 1 units."""
    tmp, wh, _, _ = ingested
    q = run(["query", "SELECT count(DISTINCT doc_id) AS docs, count(*) FILTER (WHERE parent_id IS NULL) AS parts "
             "FROM sections", "--warehouse", str(wh), "--format", "csv"], tmp)
    assert q.stdout.splitlines() == ["docs,parts", "5,20"], q.stdout + q.stderr
    q = run(["query", "SELECT count(*) AS units, count(*) FILTER (WHERE NOT separate) AS merged FROM covered_units",
             "--warehouse", str(wh), "--format", "csv"], tmp)
    assert q.stdout.splitlines() == ["units,merged", "7,2"], q.stdout + q.stderr
    q = run(["query", "SELECT statements FROM sections s JOIN documents d USING (doc_id) WHERE d.unit_name = "
             "'上海市普陀区财政局' AND len(statements) > 0", "--warehouse", str(wh), "--format", "json"], tmp)
    assert q.stdout.strip().startswith('[{"statements": ["income_expenditure_summary", "income",'), q.stdout + q.stderr


def test_usage_errors_exit_2_without_traceback(tmp_path):
    r = run(["ingest", str(tmp_path / "nowhere"), "--warehouse", str(tmp_path / "wh")], tmp_path)
    assert r.returncode == 2 and "no such file" in r.stderr and "Traceback" not in r.stderr
    q = run(["query", "SELECT nope FROM line_items", "--warehouse", str(tmp_path / "wh")], tmp_path)
    assert q.returncode == 2 and "Traceback" not in q.stderr


def test_serve_without_a_prefect_server_says_how_to_start_one(tmp_path):
    env_free = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    r = subprocess.run(JUESUAN + ["serve", str(tmp_path), "--warehouse", str(tmp_path / "wh")], capture_output=True,
                       text=True, env=dict(env_free, PYTHONPATH=str(ROOT)), cwd=ROOT, timeout=120)
    assert r.returncode == 2 and "prefect server start" in r.stderr and "Traceback" not in r.stderr
