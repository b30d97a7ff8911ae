"""A run with nothing to parse breaks a lease a killed run left (issue 11, item 5): a driver killed after
its last commit left its lease, and the re-run, with nothing new, took no lease, so the dead process's
lease stayed until the next writer (benchmarks/kill_ingest.py). A live holder's lease is left alone."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys

from flows.ingest import ingest
from tests.paths import ROOT
from warehouse.lease import WriterLease

HOLD = ("import sys, time; from warehouse.lease import WriterLease; "
        "WriterLease(sys.argv[1]).acquire(0); print('held', flush=True); time.sleep(120)")


def _holder(wh) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLD, str(wh)], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert p.stdout.readline().strip() == "held"
    return p


def test_a_run_with_nothing_to_do_breaks_a_dead_holders_lease_and_no_live_one(tmp_path, caplog):
    wh = tmp_path / "wh"
    live = _holder(wh)
    try:
        ingest([], str(wh), validate=False, progress=False)
        assert WriterLease(wh).holder().pid == live.pid  # alive: not broken
    finally:
        os.kill(live.pid, signal.SIGKILL)
        live.wait()
    with caplog.at_level(logging.INFO, logger="juesuan.lease"):
        summary = ingest([], str(wh), validate=False, progress=False)
    assert summary.files == 0
    assert not (wh / "_lease" / "writer").exists() and WriterLease(wh).holder() is None
    assert any(r.getMessage().startswith("broke the writer lease") and f"pid {live.pid} " in r.getMessage()
               for r in caplog.records), caplog.text
