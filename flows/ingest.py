"""The ingest flow: one Prefect task run per document, rows committed to the warehouse per batch."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field

from flows.settings import configure

configure()

from prefect import flow, task  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from transform.parse import parse_file, sha256_of  # noqa: E402
from transform.rows import PARSER_VERSION, ParsedDocument  # noqa: E402
from warehouse import Warehouse  # noqa: E402

log = logging.getLogger("juesuan.flow")
BATCH_SIZE = 50  # documents per commit: bounds the driver's memory and the work a crash can lose


@dataclass
class Summary:
    files: int = 0
    unchanged: int = 0
    status: dict[str, int] = field(default_factory=lambda: {"ok": 0, "partial": 0, "failed": 0, "skipped": 0})
    rows: int = 0
    checks_failed: int | None = None

    def line(self) -> str:
        s = self.status
        checks = "not run" if self.checks_failed is None else str(self.checks_failed)
        return (f"{self.files} files: {s['ok']} ok, {s['partial']} partial, {s['failed']} failed, "
                f"{s['skipped']} skipped, {self.unchanged} unchanged (already stored); "
                f"{self.rows} line items written; checks failed: {checks}")


@task(name="parse-document", task_run_name="parse {name}", retries=0)
def parse_document(path: str, source: str, doc_id: str, name: str) -> ParsedDocument:
    return parse_file(path, source, doc_id)


def _rows_of(parsed: list[ParsedDocument]) -> dict[str, list]:
    return {
        "documents": [p.document for p in parsed],
        "line_items": [li for p in parsed for li in p.line_items],
        "statements": [s for p in parsed for s in p.statements],
        "narrative_facts": [f for p in parsed for f in p.narrative_facts],
    }


def _share_ephemeral_api() -> None:
    """Dask workers are separate processes: without an API URL each would start an ephemeral
    Prefect server of its own (slowly, and racing the others). Start the driver's ephemeral server
    now and hand its URL to the workers through the environment they inherit."""
    if os.environ.get("PREFECT_API_URL"):
        return  # a real Prefect server is configured: workers use it too
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # a per-process singleton: the flow's client reuses it
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url


def _task_runner(workers: int, dask_address: str | None):
    if dask_address or workers > 1:
        from prefect_dask import DaskTaskRunner

        _share_ephemeral_api()

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        # Processes, not threads: pdfplumber is CPU-bound Python.
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": True, "dashboard_address": None})
    return ThreadPoolTaskRunner(max_workers=1)


def ingest(sources: list[tuple[str, str]], warehouse: str, workers: int = 1, dask_address: str | None = None,
           validate: bool = True) -> Summary:
    """Run the ingest flow over (path, source) pairs with the task runner the options ask for."""
    runner = _task_runner(workers, dask_address)
    return ingest_flow.with_options(task_runner=runner)(sources, warehouse, validate)


@flow(name="juesuan-ingest", log_prints=False, validate_parameters=False)
def ingest_flow(sources: list[tuple[str, str]], warehouse: str, validate: bool = True) -> Summary:
    wh = Warehouse(warehouse)
    known = wh.known_documents()
    summary = Summary(files=len(sources))
    todo: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for path, source in sources:
        doc_id = sha256_of(path)
        stored = known.get(doc_id)
        if doc_id in seen or (stored and stored[0] == PARSER_VERSION and stored[1] != "failed"):
            summary.unchanged += 1
            continue
        seen.add(doc_id)
        todo.append((path, source, doc_id))
    for start in range(0, len(todo), BATCH_SIZE):
        window = todo[start:start + BATCH_SIZE]
        futures = [parse_document.submit(p, s, d, os.path.basename(p)) for p, s, d in window]
        parsed = [f.result() for f in futures]
        rows = _rows_of(parsed)
        wh.write_batch(rows, replace_doc_ids={d for _, _, d in window if d in known})
        for p in parsed:
            summary.status[p.document.status] = summary.status.get(p.document.status, 0) + 1
        summary.rows += len(rows["line_items"])
    if validate and todo:
        from flows.validate import validate_warehouse

        summary.checks_failed = validate_warehouse(warehouse, {d for _, _, d in todo})
    elif validate:
        summary.checks_failed = 0
    return summary


@flow(name="juesuan-scheduled-ingest", log_prints=False)
def scheduled_ingest(sources: list[str], warehouse: str, workers: int = 1) -> str:
    """The deployment entry point: rediscovers the sources at every run; unchanged files are skipped."""
    from flows.sources import discover

    return ingest(discover(sources), warehouse, workers=workers).line()
