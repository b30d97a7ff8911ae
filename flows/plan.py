"""What an ingest run has to do: which files to parse, which are already stored, which are the same
file under another name. Plain functions over the warehouse's index (no Prefect), so a run with
nothing new to parse can answer without starting an orchestrator at all.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flows.sources import Source
from transform.parse import sha256_of
from transform.restatements import first_filings
from transform.rows import PARSER_VERSION
from warehouse import Warehouse


@dataclass(frozen=True)
class Item:
    """One file to parse. doc_id is None when the file could not even be read to hash it: the
    parser then records it as failed with the reason."""

    path: str
    source: str
    doc_id: str | None
    hints: dict = field(default_factory=dict)


@dataclass
class Index:
    """The warehouse's documents and sources, read once per run."""

    known: dict[str, tuple[str, str]]  # doc_id → (parser_version, status)
    sources: set[tuple[str, str]]  # (doc_id, source)
    filings: dict[tuple, str]  # (unit, year, kind) → the first filing's doc_id, for restatements

    @classmethod
    def read(cls, wh: Warehouse) -> "Index":
        docs = wh.read("documents", ["doc_id", "parser_version", "status", "unit_name", "doc_kind",
                                     "ingested_at"]).to_pylist()
        return cls(known={r["doc_id"]: (r["parser_version"], r["status"]) for r in docs},
                   sources=wh.known_sources(), filings=first_filings(docs))

    def is_current(self, doc_id: str) -> bool:
        """Stored by this parser version and not failed: nothing to redo."""
        stored = self.known.get(doc_id)
        return bool(stored) and stored[0] == PARSER_VERSION and stored[1] != "failed"


@dataclass
class Plan:
    todo: list[Item] = field(default_factory=list)
    urls: list[Source] = field(default_factory=list)  # downloaded, then planned, inside the flow
    unchanged: int = 0
    new_sources: list[dict] = field(default_factory=list)  # document_sources rows to add
    seen: set[str] = field(default_factory=set)

    def add(self, path: str, src: Source, index: Index) -> None:
        """Plan one local file (a source, or a download's cached copy)."""
        try:
            doc_id = sha256_of(path)
        except OSError:
            # Unreadable (permissions, vanished): the guard records it as failed with the reason.
            self.todo.append(Item(path, src.location, None, src.hints))
            return
        if (doc_id, src.location) not in index.sources:
            self.new_sources.append({"doc_id": doc_id, "source": src.location, "fiscal_year": None})
        if doc_id in self.seen or index.is_current(doc_id):
            self.unchanged += 1  # the same file again (maybe under another name): one document
            return
        self.seen.add(doc_id)
        self.todo.append(Item(path, src.location, doc_id, src.hints))


def plan_local(sources: list[Source], index: Index) -> Plan:
    """Hash every local source once; URLs are left for the flow to download."""
    plan = Plan()
    for src in sources:
        if src.is_url:
            plan.urls.append(src)
        else:
            plan.add(src.location, src, index)
    return plan


CHUNK_CAP = 32  # documents per task run at most


def chunks(items: list[Item], slots: int, cap: int = CHUNK_CAP) -> list[list[Item]]:
    """The items in runs of a few documents, one run per task run.

    A task run costs the orchestrator about a tenth of a second of its own CPU (API calls, Dask
    hashing its arguments, shipping it to a worker); a document costs about one second of a worker.
    Runs of up to `cap` documents make that overhead small; they shrink towards the end (half of
    what is left per slot), so the last runs are short and no slot waits long for another to finish.
    """
    out: list[list[Item]] = []
    i = 0
    while i < len(items):
        size = max(1, min(cap, -(-(len(items) - i) // (2 * max(1, slots)))))
        out.append(items[i:i + size])
        i += size
    return out
