"""The ingest flow: documents parsed a few per Prefect task run, rows committed to the warehouse per batch."""
from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from typing import TYPE_CHECKING
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from flows.settings import configure

configure()

from prefect import flow, task  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402

from flows.download import Download, UrlCache  # noqa: E402
from flows.guard import MEMORY_MB, TIME_LIMIT_S, parse_guarded_many  # noqa: E402
from flows.plan import CHUNK_CAP, Index, Item, Plan, Reparse, chunks, plan_local  # noqa: E402
from flows.progress import Progress  # noqa: E402
from flows.runners import slots_for, task_runner  # noqa: E402
from flows.sources import Source  # noqa: E402
from reference._typing import DEFAULT_READER, OcrMode, Reader  # noqa: E402
from transform.hints import apply_hints, apply_hints_to_stored  # noqa: E402
from transform.ids import placeholder_id  # noqa: E402
from transform.restatements import flag_restatements  # noqa: E402
from transform.rows import PARSER_VERSION, DocumentRow, ParsedDocument  # noqa: E402
from warehouse import Warehouse  # noqa: E402
from warehouse.store import PARSED, unstorable  # noqa: E402
from warehouse.database import ensure_database, write_database  # noqa: E402
from warehouse.lease import DEFAULT_TIMEOUT_S, LeaseLost, break_stale, hold, print_waiting  # noqa: E402

if TYPE_CHECKING:
    from expectations.tolerances import Tolerances

log = logging.getLogger("juesuan.flow")
BATCH_SIZE = 50  # documents per commit: bounds the driver's memory and the work a crash can lose


@dataclass
class Summary:
    files: int = 0
    unchanged: int = 0
    reparsed: int = 0  # stored documents parsed again (a parser version bump, or --reparse all)
    status: dict[str, int] = field(default_factory=lambda: {"ok": 0, "partial": 0, "failed": 0, "skipped": 0})
    rows: int = 0
    checks_failed: int | None = None
    lease_lost: str | None = None  # why the run stopped committing (warehouse.lease.LeaseLost)

    def line(self) -> str:
        s = self.status
        checks = "not run" if self.checks_failed is None else str(self.checks_failed)
        return (f"{self.files} files: {s['ok']} ok, {s['partial']} partial, {s['failed']} failed, "
                f"{s['skipped']} skipped, {self.unchanged} unchanged (already stored)"
                f"{f', {self.reparsed} re-parsed (parser version {PARSER_VERSION})' if self.reparsed else ''}; "
                f"{self.rows} line items written; checks failed: {checks}")


@dataclass(frozen=True)
class Limits:
    """Per-document limits, enforced in the worker's child process (flows.guard)."""

    time_limit_s: float = TIME_LIMIT_S
    memory_mb: int = MEMORY_MB
    log_file: str | None = None
    ocr: OcrMode = "scans"  # which pages OCR reads (transform.parse.parse_file)
    reader: Reader = DEFAULT_READER  # which library reads the pages (extract.reader.read_document)


@task(name="parse-documents", task_run_name="parse {label}", retries=0, cache_policy=NO_CACHE)
def parse_documents(items: list[Item], label: str, limits: Limits) -> list[ParsedDocument]:
    """A few documents per task run (flows.plan.chunks): each is parsed and limited on its own."""
    parsed = parse_guarded_many([(it.path, it.source, it.doc_id) for it in items], limits.time_limit_s,
                                limits.memory_mb, log_file=limits.log_file, options={"ocr": limits.ocr, "reader": limits.reader})
    return [apply_hints(p, it.hints) for it, p in zip(items, parsed)]


def _lost(item: Item, exc: BaseException) -> ParsedDocument:
    """A document whose worker was lost (a Dask worker killed, a task crashed outside the guard)."""
    log.error("parsing %s was lost: %r", item.path, exc)
    return ParsedDocument(document=DocumentRow(
        doc_id=item.doc_id or placeholder_id(item.source), source=item.source,
        file_name=os.path.basename(item.path), status="failed", ingested_at=datetime.now(timezone.utc),
        error=f"the worker parsing this file was lost ({type(exc).__name__}); the rest of the batch went on — "
              "run the ingest again to retry it"))


@task(name="download", task_run_name="download {url}", retries=0, cache_policy=NO_CACHE)
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
        "sections": [r for p in parsed for r in p.sections],
        "covered_units": [r for p in parsed for r in p.covered_units],
        "mentions": [r for p in parsed for r in p.mentions],
        "narrative_claims": [r for p in parsed for r in p.narrative_claims],
        "table_cells": [r for p in parsed for r in p.table_cells],
    }


def ingest(sources: list[Source], warehouse: str, workers: int | None = None, dask_address: str | None = None,
           validate: bool = True, progress: bool = True, batch_size: int = BATCH_SIZE,
           time_limit_s: float = TIME_LIMIT_S, memory_mb: int = MEMORY_MB,
           lock_timeout: float = DEFAULT_TIMEOUT_S, reparse: Reparse = "stale",
           tolerances: "Tolerances | None" = None, ocr: OcrMode = "scans",
           reader: Reader = DEFAULT_READER) -> Summary:
    """Plan the run (hash every file, look it up in the warehouse), then run the ingest flow over what
    is new, holding the warehouse's writer lease (waiting up to `lock_timeout` seconds for it; raises
    warehouse.lease.LeaseTimeout). A run with nothing new to parse takes no lease and does not start
    Prefect at all.

    workers: worker processes of a local Dask cluster; None = one per core (one for a small run).
    ocr: which pages are read by OCR: scans (pages with an image and no text, the default), untrusted
        (also pages whose text layer is flagged as not to be trusted), off.
    reader: which library reads the pages: pdfium (the default) or pdfplumber (the reference; README).
    tolerances: the data-quality checks' settings (expectations.tolerances; None: the defaults)."""
    wh = Warehouse(warehouse)
    plan = plan_local(sources, Index.read(wh), reparse=reparse)
    if not (plan.todo or plan.urls or plan.new_sources or plan.retire or plan.renames):
        break_stale(warehouse)  # a lease a killed run left (its pid gone) is broken now, not by the next writer
        ensure_database(warehouse)  # DIR/juesuan.duckdb, if missing or behind what is stored
        return Summary(files=len(sources), unchanged=plan.unchanged, checks_failed=0 if validate else None)
    with hold(warehouse, lock_timeout, on_wait=print_waiting):
        # Plan again from what is stored now (no file hashed twice): a run that waited for another
        # skips what that one stored.
        plan = plan_local(sources, Index.read(wh), plan.hashes, reparse)
        rename_stored(wh, plan.renames)
        if not plan.todo and not plan.urls:
            if plan.new_sources or plan.retire:
                wh.write_batch({"document_sources": plan.new_sources}, replace_doc_ids=plan.retire)
            write_database(warehouse)
            return Summary(files=len(sources), unchanged=plan.unchanged, checks_failed=0 if validate else None)
        slots = slots_for(len(plan.todo) + len(plan.urls), workers, dask_address)
        limits = Limits(time_limit_s, memory_mb, str(Path(warehouse) / "_logs" / "juesuan.log"), ocr, reader)
        key = uuid.uuid4().hex
        _PLANS[key] = plan
        if tolerances is not None:
            _TOLERANCES[key] = tolerances
        try:
            with task_runner(slots, dask_address) as runner:
                summary = ingest_flow.with_options(task_runner=runner)(key, warehouse, len(sources), slots, validate,
                                                                        progress, batch_size, limits)
        finally:
            _PLANS.pop(key, None)
            _TOLERANCES.pop(key, None)
        if not summary.lease_lost:
            write_database(warehouse)  # every run ends with DIR/juesuan.duckdb over what it committed
    if summary.lease_lost:
        raise LeaseLost(summary.lease_lost)
    return summary


def rename_stored(wh: Warehouse, renames: dict[str, dict]) -> None:
    """Name stored documents by a manifest's hints without parsing them again: their rows (and their
    checks' rows) are read, renamed (transform.hints) and committed in place of the old ones."""
    if not renames:
        return
    ids = set(renames)
    tables = {t: wh.read(t, doc_ids=ids).to_pylist() for t in (*PARSED, "quality_results")}
    for doc_id, hints in renames.items():
        apply_hints_to_stored({t: [r for r in rows if r["doc_id"] == doc_id] for t, rows in tables.items()}, hints)
    wh.write_batch(tables, replace_doc_ids=ids)


def _failed_download(d: Download) -> ParsedDocument:
    # No bytes, so no content hash: the placeholder id of its URL (transform.ids), so a retry that
    # fails again keeps one row and one that succeeds replaces it (flows.plan).
    return ParsedDocument(document=DocumentRow(doc_id=placeholder_id(d.url), source=d.url,
                                               file_name=d.url.rsplit("/", 1)[-1], status="failed", error=d.error,
                                               ingested_at=datetime.now(timezone.utc)))


# The plans of the flow runs in progress in this process, by key. A flow's parameters are sent to the
# Prefect API, which refuses more than 512 KB of them (and would store them with every run): the plan
# of a thousand files is more than that. The flow runs in this process, so it gets a key to its plan.
_PLANS: dict[str, Plan] = {}
_TOLERANCES: dict[str, "Tolerances"] = {}  # the checks' settings of those runs (none: the defaults)


@flow(name="juesuan-ingest", log_prints=False, validate_parameters=False)
def ingest_flow(plan_key: str, warehouse: str, files: int, slots: int = 1, validate: bool = True,
                progress: bool = True, batch_size: int = BATCH_SIZE, limits: Limits = Limits()) -> Summary:
    """plan_key: the key of the run's plan in `_PLANS` (the plan stays in this process)."""
    try:
        return _ingest(_PLANS[plan_key], warehouse, files, slots, validate, progress, batch_size, limits,
                       _TOLERANCES.get(plan_key))
    except LeaseLost as exc:
        # Said by the command line as one sentence; raised out of the flow it would reach the console
        # as Prefect's report of a failed flow run, traceback and all.
        return Summary(files=files, lease_lost=str(exc))


def _ingest(plan: Plan, warehouse: str, files: int, slots: int, validate: bool, progress: bool, batch_size: int,
            limits: Limits, tolerances: "Tolerances | None" = None) -> Summary:
    wh = Warehouse(warehouse)
    index = Index.read(wh)  # the documents restatements refer to, and the downloads' bookkeeping
    summary = Summary(files=files)
    failed_downloads: list[ParsedDocument] = []
    cache = str(Path(warehouse) / "_cache")
    for src in plan.urls:
        got = download(src.location, cache)
        if got.path is not None:
            plan.add(got.path, src, index)
        elif index.stored_from(src.location):
            # Downloaded and stored before (the cache was cleared since): the stored document stands.
            log.warning("%s could not be downloaded again (%s); the document stored from it is kept",
                        src.location, got.error)
            plan.unchanged += 1
        else:
            failed_downloads.append(_failed_download(got))
    summary.unchanged = plan.unchanged
    summary.reparsed = plan.reparsed
    if failed_downloads or plan.new_sources or plan.retire:
        again = {p.document.doc_id for p in failed_downloads if p.document.doc_id in index.known}
        wh.write_batch({"documents": [p.document for p in failed_downloads], "document_sources": plan.new_sources},
                       replace_doc_ids=again | plan.retire)
        summary.status["failed"] += len(failed_downloads)
    # an item with `replaces` always has a doc_id (flows.plan); the check says so to mypy
    replaces = {it.doc_id: it.replaces for it in plan.todo if it.replaces and it.doc_id is not None}
    # a live line on a terminal; elsewhere a line per batch on long runs (flows/progress.py)
    meter = Progress(len(plan.todo), enabled=progress, long_run=len(plan.todo) > batch_size)
    pending: list[ParsedDocument] = []
    # Two full task runs per slot in flight: a slot that finishes early finds the next one waiting.
    ahead = max(batch_size, 2 * slots * CHUNK_CAP)
    try:
        for parsed in _parse_in_order(chunks(plan.todo, slots), limits, ahead):
            meter.advance(parsed)
            pending.extend(parsed)
            if len(pending) >= batch_size:
                _commit(wh, pending, index, replaces, summary, meter, validate, tolerances)
                pending = []
        if pending:
            _commit(wh, pending, index, replaces, summary, meter, validate, tolerances)
    finally:
        meter.close()
    if validate and summary.checks_failed is not None:
        from flows.validate import write_report_of

        try:
            write_report_of(warehouse)
        except Exception:  # the report is drawn from what is stored: the run's rows stand
            log.exception("the quality report could not be written; the run's rows and checks are stored "
                          "(`juesuan validate` writes it again)")
    elif validate and not plan.todo:
        summary.checks_failed = 0
    return summary


def _parse_in_order(work: list[list[Item]], limits: Limits, ahead: int):
    """Each chunk's parsed documents, in order. Up to `ahead` documents are submitted beyond the one
    being collected, so the workers keep parsing while the driver writes a batch; the driver never
    holds more than that many parsed documents."""
    queue: deque = deque()
    in_flight = 0
    todo = iter(work)

    def top_up() -> None:
        nonlocal in_flight
        while in_flight < ahead:
            chunk = next(todo, None)
            if chunk is None:
                return
            label = os.path.basename(chunk[0].path) + (f" +{len(chunk) - 1}" if len(chunk) > 1 else "")
            queue.append((chunk, parse_documents.submit(chunk, label, limits)))
            in_flight += len(chunk)

    top_up()
    while queue:
        chunk, future = queue.popleft()
        try:
            parsed = future.result()
        except Exception as exc:  # noqa: BLE001 - one lost worker must not end the batch
            parsed = [_lost(it, exc) for it in chunk]
        in_flight -= len(chunk)
        top_up()
        yield parsed


def _commit(wh: Warehouse, parsed: list[ParsedDocument], index: Index, replaces: dict[str, str], summary: Summary,
            meter: "Progress", validate: bool = True, tolerances: "Tolerances | None" = None) -> None:
    # A file stored as ok/partial whose re-parse failed (a time limit on a slower machine, a
    # parser bump that crashes) keeps its stored rows: nothing already stored is lost.
    keep = {p.document.doc_id for p in parsed if p.document.status == "failed"
            and index.known.get(p.document.doc_id, ("", "failed"))[1] != "failed"}
    for doc_id in keep:
        log.warning("%s: re-parse failed; the stored rows are kept", doc_id)
    parsed = [p for p in parsed if p.document.doc_id not in keep]
    if unstorable(_rows_of(parsed)):  # a parser bug: only its documents fail, never the batch
        parsed = [q for q in (_storable(p, index) for p in parsed) if q is not None]
    flag_restatements(parsed, index.filings)
    rows = _rows_of(parsed)
    if validate:
        from flows.validate import check_batch

        # The batch's checks are committed with it: whole or not at all, like its rows.
        checks = check_batch(rows, tolerances)
        if checks is not None:
            rows["quality_results"] = checks
            summary.checks_failed = (summary.checks_failed or 0) + sum(1 for c in checks if not c["success"])
    # Replaced in the same commit: older rows of these documents, and the placeholder row a file had
    # while it could not be read (one documents row per file, never none, never two).
    replace = {p.document.doc_id for p in parsed if p.document.doc_id in index.known}
    replace |= {replaces[p.document.doc_id] for p in parsed if p.document.doc_id in replaces}
    wh.write_batch(rows, replace_doc_ids=replace)
    for p in parsed:
        summary.status[p.document.status] = summary.status.get(p.document.status, 0) + 1
    summary.rows += len(rows["line_items"])
    meter.committed()


def _storable(p: ParsedDocument, index: Index) -> ParsedDocument | None:
    """The document as parsed, or — where a value it produced does not fit the warehouse's schema (a parser
    bug) — a failed row saying so, so the batch is committed without it (None: a stored, readable version
    of it is kept as it is)."""
    why = unstorable(_rows_of([p]))
    if why is None:
        return p
    d = p.document
    log.warning("%s: rows not storable (%s); stored as failed", d.source, why)
    if index.known.get(d.doc_id, ("", "failed"))[1] != "failed":
        return None
    return ParsedDocument(document=DocumentRow(
        doc_id=d.doc_id, source=d.source, file_name=d.file_name, status="failed", page_count=d.page_count,
        ingested_at=d.ingested_at, error=f"the parser read a value the warehouse cannot store ({why[:120]}); "
                                         "report it with the log — the rest of the batch was stored"))


@flow(name="juesuan-scheduled-ingest", log_prints=False)
def scheduled_ingest(sources: list[str], warehouse: str, workers: int | None = None) -> str:
    """The deployment entry point: rediscovers the sources at every run; unchanged files are skipped."""
    from flows.sources import discover

    return ingest(discover(sources), warehouse, workers=workers).line()
