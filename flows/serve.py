"""`juesuan serve`: the ingest flow as a Prefect deployment on a cron schedule.

A schedule needs a Prefect API that outlives this process (a Prefect server: see the README); an
ephemeral server cannot schedule, so without PREFECT_API_URL we say how to start one instead."""
from __future__ import annotations

import os
import sys


def serve(sources: list[str], warehouse: str, cron: str, workers: int | None) -> int:
    if not os.environ.get("PREFECT_API_URL"):
        print("juesuan: serve needs a Prefect server to keep its schedule: start one with "
              "`.venv/bin/prefect server start`, then set PREFECT_API_URL=http://127.0.0.1:4200/api "
              "(see the README, 'On a Prefect server and a Dask cluster')", file=sys.stderr)
        return 2
    from flows.ingest import scheduled_ingest

    scheduled_ingest.serve(name="juesuan-scheduled-ingest", cron=cron,
                           parameters={"sources": sources, "warehouse": warehouse, "workers": workers})
    return 0
