"""The ingest flow: one Prefect task run per document, rows committed to the warehouse per batch."""
from __future__ import annotations

import hashlib
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flows.settings import configure

configure()

from prefect import flow, task  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from flows.download import Download, UrlCache  # noqa: E402
from flows.guard import MEMORY_MB, TIME_LIMIT_S, parse_guarded  # noqa: E402
from flows.sources import Source  # noqa: E402
from transform.hints import apply_hints  # noqa: E402
from transform.restatements import first_filings, flag_restatements  # noqa: E402
from transform.parse import sha256_of  # noqa: E402
from transform.rows import PARSER_VERSION, DocumentRow, ParsedDocument  # noqa: E402
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


@dataclass(frozen=True)
class Limits:
    """Per-document limits, enforced in the worker's child process (flows.guard)."""

    time_limit_s: float = TIME_LIMIT_S
    memory_mb: int = MEMORY_MB
    log_file: str | None = None


@task(name="parse-document", task_run_name="parse {name}", retries=0)
def parse_document(path: str, source: str, doc_id: str | None, name: str, hints: dict, limits: Limits) -> ParsedDocument:
    parsed = parse_guarded(path, source, doc_id, time_limit_s=limits.time_limit_s, memory_mb=limits.memory_mb,
                           log_file=limits.log_file)
    return apply_hints(parsed, hints)


def _lost(path: str, source: str, doc_id: str | None, exc: BaseException) -> ParsedDocument:
    """A document whose worker was lost (a Dask worker killed, a task crashed outside the guard)."""
    log.error("parsing %s was lost: %r", path, exc)
    return ParsedDocument(document=DocumentRow(
        doc_id=doc_id or hashlib.sha256(("path:" + source).encode()).hexdigest(), source=source,
        file_name=os.path.basename(path), status="failed", ingested_at=datetime.now(timezone.utc),
        error=f"the worker parsing this file was lost ({type(exc).__name__}); the rest of the batch went on — "
              "run the ingest again to retry it"))


@task(name="download", task_run_name="download {url}", retries=0)
def download(url: str, cache_dir: str) -> Download:
    return UrlCache(cache_dir).fetch(url)  # retries with back-off inside, per attempt


def _rows_of(parsed: list[ParsedDocument]) -> dict[str, list]:
    return {
        "documents": [p.document for p in parsed],
        "line_items": [li for p in parsed for li in p.line_items],
        "statements": [s for p in parsed for s in p.statements],
        "narrative_facts": [f for p in parsed for f in p.narrative_facts],
        "performance_projects": [r for p in parsed for r in p.performance_projects],
        "performance_indicators": [r for p in parsed for r in p.performance_indicators],
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


def ingest(sources: list[Source], warehouse: str, workers: int = 1, dask_address: str | None = None,
           validate: bool = True, progress: bool = True, batch_size: int = BATCH_SIZE,
           time_limit_s: float = TIME_LIMIT_S, memory_mb: int = MEMORY_MB) -> Summary:
    """Run the ingest flow over the sources with the task runner the options ask for."""
    runner = _task_runner(workers, dask_address)
    limits = Limits(time_limit_s, memory_mb, str(Path(warehouse) / "_logs" / "juesuan.log"))
    return ingest_flow.with_options(task_runner=runner)(sources, warehouse, validate, progress, batch_size, limits)


def _failed_download(d: Download) -> ParsedDocument:
    # No bytes, so no content hash: the id of a failed download is the hash of its URL, so a
    # retry that succeeds replaces it (its own id is then the file's hash).
    doc_id = hashlib.sha256(("url:" + d.url).encode()).hexdigest()
    return ParsedDocument(document=DocumentRow(doc_id=doc_id, source=d.url, file_name=d.url.rsplit("/", 1)[-1],
                                               status="failed", error=d.error,
                                               ingested_at=datetime.now(timezone.utc)))


@flow(name="juesuan-ingest", log_prints=False, validate_parameters=False)
def ingest_flow(sources: list[Source], warehouse: str, validate: bool = True, progress: bool = True,
                batch_size: int = BATCH_SIZE, limits: Limits = Limits()) -> Summary:
    wh = Warehouse(warehouse)
    # The documents index is read once per run: what to skip, and the filings restatements refer to.
    stored_docs = wh.read("documents", ["doc_id", "parser_version", "status", "unit_name", "doc_kind",
                                        "ingested_at"]).to_pylist()
    known = {r["doc_id"]: (r["parser_version"], r["status"]) for r in stored_docs}
    filings = first_filings(stored_docs)
    known_sources = wh.known_sources()
    summary = Summary(files=len(sources))
    failed_downloads: list[ParsedDocument] = []
    todo: list[tuple[str, str, str, dict]] = []
    new_sources: list[dict] = []
    seen: set[str] = set()
    cache = str(Path(warehouse) / "_cache")
    for src in sources:
        path = src.location
        if src.is_url:
            got = download(src.location, cache)
            if got.path is None:
                failed_downloads.append(_failed_download(got))
                continue
            path = got.path
        try:
            doc_id = sha256_of(path)
        except OSError:
            # Unreadable (permissions, vanished): the guard records it as failed with the reason.
            todo.append((path, src.location, None, src.hints))
            continue
        if (doc_id, src.location) not in known_sources:
            new_sources.append({"doc_id": doc_id, "source": src.location, "fiscal_year": None})
        stored = known.get(doc_id)
        if doc_id in seen or (stored and stored[0] == PARSER_VERSION and stored[1] != "failed"):
            summary.unchanged += 1  # the same file again (maybe under another name): one document
            continue
        seen.add(doc_id)
        todo.append((path, src.location, doc_id, src.hints))
    if failed_downloads or new_sources:
        wh.write_batch({"documents": [p.document for p in failed_downloads], "document_sources": new_sources})
        summary.status["failed"] += len(failed_downloads)
    meter = Progress(len(todo), enabled=progress and len(todo) > batch_size)
    for start in range(0, len(todo), batch_size):
        window = todo[start:start + batch_size]
        futures = [parse_document.submit(p, s, d, os.path.basename(p), h, limits) for p, s, d, h in window]
        parsed = []
        for (p, s, d, _), fut in zip(window, futures):
            try:
                parsed.append(fut.result())
            except Exception as exc:  # noqa: BLE001 - one lost worker must not end the batch
                parsed.append(_lost(p, s, d, exc))
        # A file stored as ok/partial whose re-parse failed (a time limit on a slower machine, a
        # parser bump that crashes) keeps its stored rows: nothing already stored is lost.
        keep = {p.document.doc_id for p in parsed if p.document.status == "failed"
                and known.get(p.document.doc_id, ("", "failed"))[1] != "failed"}
        for doc_id in keep:
            log.warning("%s: re-parse failed; the stored rows are kept", doc_id)
        parsed = [p for p in parsed if p.document.doc_id not in keep]
        flag_restatements(parsed, filings)
        rows = _rows_of(parsed)
        wh.write_batch(rows, replace_doc_ids={p.document.doc_id for p in parsed if p.document.doc_id in known})
        for p in parsed:
            summary.status[p.document.status] = summary.status.get(p.document.status, 0) + 1
        summary.rows += len(rows["line_items"])
        meter.update(parsed, summary)
    if validate and todo:
        from flows.validate import validate_warehouse

        summary.checks_failed = validate_warehouse(warehouse, {d for _, _, d, _ in todo if d})
    elif validate:
        summary.checks_failed = 0
    return summary


class Progress:
    """One line per committed batch on long runs (files done, pages/s, failures); silent on short ones."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.done, self.pages = total, enabled, 0, 0
        self.started = time.monotonic()

    def update(self, parsed: list[ParsedDocument], summary: Summary) -> None:
        self.done += len(parsed)
        self.pages += sum(p.document.page_count or 0 for p in parsed)
        if self.enabled:
            rate = self.pages / max(time.monotonic() - self.started, 1e-6)
            print(f"[juesuan] {self.done}/{self.total} files, {rate:.1f} pages/s, "
                  f"{summary.status.get('failed', 0)} failed so far", file=sys.stderr, flush=True)


@flow(name="juesuan-scheduled-ingest", log_prints=False)
def scheduled_ingest(sources: list[str], warehouse: str, workers: int = 1) -> str:
    """The deployment entry point: rediscovers the sources at every run; unchanged files are skipped."""
    from flows.sources import discover

    return ingest(discover(sources), warehouse, workers=workers).line()
