"""Prefect settings that must be in place before `import prefect`: ephemeral mode (no server to run),
no telemetry (these machines have no internet), quiet console."""
from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # Prefect attaches its console handler to the root logger: libraries logging at INFO there
    # (Great Expectations, distributed) would reach the console.
    "PREFECT_LOGGING_ROOT_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
    # The ephemeral server creates and migrates its SQLite database on a new PREFECT_HOME; on a busy
    # two-core machine (CI, a batch host already parsing) that took longer than Prefect's default
    # 20 s and the run failed before reading a file. A run waits up to two minutes instead.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
    "GX_ANALYTICS_ENABLED": "false",
    # Dask schedulers and workers log every connection at INFO; a batch run shows only problems. A
    # worker's own ERRORs are left out too: a task that fails reaches the flow as its exception (the
    # document gets a failed row and a sentence, the log the detail), and what else a worker logs at
    # ERROR on a clean run is its heartbeat meeting the scheduler closed at shutdown — a traceback on
    # the console of a run that stored everything (dask/distributed#7105; seen again at the end of a
    # 107-file ingest on an idle machine after `_close` retired the workers first, flows/runners.py).
    "DASK_LOGGING": '{"distributed": "warning", "distributed.worker": "critical"}',
    "DASK_DISTRIBUTED__WORKER__DAEMON": "false",
    # A Dask worker samples its own stacks every 10 ms for the dashboard's profile and polls the
    # system every 500 ms: measurable CPU on a machine whose cores are all parsing. Off / slower.
    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "false",
    "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL": "2s",
    "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__GIL__ENABLED": "false",
}


def configure() -> None:
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    # Keep Prefect's state in the user's home unless told otherwise; create it so a first run on a
    # new machine does not warn.
    home = Path(os.environ.setdefault("PREFECT_HOME", str(Path.home() / ".prefect")))
    home.mkdir(parents=True, exist_ok=True)
