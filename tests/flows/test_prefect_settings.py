"""Regression: a run on a busy two-core CI machine failed with "Timed out while attempting to connect
to ephemeral Prefect API server" — the server's first start on a new PREFECT_HOME (creating and
migrating its database) took longer than Prefect's default 20 s. The CLI's settings give it longer,
without overriding what an operator set."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.paths import ROOT

PROBE = ("from flows import settings; settings.configure(); "
         "from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as s; print(s.value())")


def run_probe(**env: str) -> int:
    environ = {k: v for k, v in os.environ.items() if k != "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"}
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT,
                         env={**environ, **env}, check=True)
    return int(out.stdout.strip().splitlines()[-1])


def test_ephemeral_server_startup_timeout_outlasts_a_slow_first_start():
    assert run_probe() == 120


def test_an_operators_startup_timeout_is_kept():
    assert run_probe(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="300") == 300


def test_a_dask_workers_errors_stay_off_the_console_and_its_warnings_do_not():
    """Regression: at the end of a clean 107-file ingest, a Dask worker's heartbeat met the scheduler closed
    and its traceback (distributed.worker, ERROR) reached the console. A worker's logger is quiet below
    CRITICAL; distributed's others still say WARNING and above."""
    probe = ("from flows import settings; settings.configure(); import logging, distributed; "
             "print(logging.getLogger('distributed.worker').level, logging.getLogger('distributed').level)")
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DASK_LOGGING")}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, env=environ,
                         check=True)
    assert out.stdout.split() == ["50", "30"]  # CRITICAL, WARNING
