"""`juesuan serve`: the ingest flow as a Prefect deployment on a cron schedule.

`flow.serve` needs a Prefect API that outlives the process (a Prefect server: see the README); in
ephemeral mode it still runs, polling the temporary server this process starts."""
from __future__ import annotations


def serve(sources: list[str], warehouse: str, cron: str, workers: int) -> int:
    from flows.ingest import scheduled_ingest

    scheduled_ingest.serve(name="juesuan-scheduled-ingest", cron=cron,
                           parameters={"sources": sources, "warehouse": warehouse, "workers": workers})
    return 0
