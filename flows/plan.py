"""What an ingest run has to do: which files to parse, which are already stored, which are the same
file under another name. Plain functions over the warehouse's index (no Prefect), so a run with
nothing new to parse can answer without starting an orchestrator at all.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from typing import Literal

from flows.sources import Source
from transform.ids import placeholder_id, sha256_of
from transform.restatements import first_filings
from transform.rows import PARSER_VERSION
from warehouse import Warehouse

log = logging.getLogger("juesuan.plan")
Reparse = Literal["none", "stale", "all"]


@dataclass(frozen=True)
class Item:
    """One file to parse. doc_id is None when the file could not even be read to hash it: the
    parser then records it as failed with the reason."""

    path: str
    source: str
    doc_id: str | None
    hints: dict = field(default_factory=dict)
    replaces: str | None = None  # the placeholder row this file had while it could not be read (transform.ids)


@dataclass
class Index:
    """The warehouse's documents and sources, read once per run."""

    known: dict[str, tuple[str, str]]  # doc_id → (parser_version, status)
    sources: set[tuple[str, str]]  # (doc_id, source)
    filings: dict[tuple, str]  # transform.restatements.filing_key → the first filing's doc_id
    _by_source: dict[str, list[str]] | None = field(default=None, init=False, repr=False)
    names: dict[str, dict] = field(default_factory=dict)  # doc_id → its stored unit_name and fiscal_year

    @classmethod
    def read(cls, wh: Warehouse) -> "Index":
        docs = wh.read("documents", ["doc_id", "parser_version", "status", "unit_name", "doc_kind",
                                     "filing_part", "scope", "ingested_at"]).to_pylist()
        return cls(known={r["doc_id"]: (r["parser_version"], r["status"]) for r in docs},
                   sources=wh.known_sources(), filings=first_filings(docs),
                   names={r["doc_id"]: {"unit_name": r["unit_name"], "fiscal_year": r["fiscal_year"]} for r in docs})

    def renamed_by(self, doc_id: str, hints: dict) -> dict:
        """The hints that name a stored document otherwise than it is stored (its unit or year): applied
        to its stored rows without parsing it again."""
        stored = self.names.get(doc_id, {})
        return {k: v for k, v in hints.items() if k in ("unit_name", "fiscal_year") and stored.get(k) != v}

    def stored_from(self, location: str) -> list[str]:
        """The documents stored (and not failed) that were found at `location`."""
        if self._by_source is None:
            self._by_source = {}
            for doc_id, source in self.sources:
                self._by_source.setdefault(source, []).append(doc_id)
        return [d for d in self._by_source.get(location, []) if self.known.get(d, ("", "failed"))[1] != "failed"]

    def is_current(self, doc_id: str, reparse: Reparse = "stale") -> bool:
        """Nothing to redo: stored and not failed, by this parser version (`reparse` "stale"), by any
        version ("none"); "all" redoes every stored document."""
        stored = self.known.get(doc_id)
        if not stored or stored[1] == "failed" or reparse == "all":
            return False
        return reparse == "none" or stored[0] == PARSER_VERSION

    def is_stored(self, doc_id: str) -> bool:
        stored = self.known.get(doc_id)
        return stored is not None and stored[1] != "failed"


@dataclass
class Plan:
    todo: list[Item] = field(default_factory=list)
    urls: list[Source] = field(default_factory=list)  # downloaded, then planned, inside the flow
    unchanged: int = 0
    new_sources: list[dict] = field(default_factory=list)  # document_sources rows to add
    seen: set[str] = field(default_factory=set)
    # Placeholder rows of files now readable whose document is already stored: removed at the next commit.
    retire: set[str] = field(default_factory=set)
    # path → (size, mtime, SHA-256): planning again under the writer lease hashes no unchanged file twice
    hashes: dict[str, tuple] = field(default_factory=dict)
    reparse: Reparse = "stale"  # which stored documents are parsed again (Index.is_current)
    reparsed: int = 0  # stored documents (not failed) this run parses again
    # doc_id → hints naming a stored, current document otherwise (a manifest now names a file stored
    # without its unit or year): its stored rows are renamed, the file is not parsed again
    renames: dict[str, dict] = field(default_factory=dict)

    def add(self, path: str, src: Source, index: Index) -> None:
        """Plan one local file (a source, or a download's cached copy)."""
        try:
            doc_id = self._hash(path)
        except OSError:
            if index.stored_from(src.location):
                # Stored from here before and unreadable now (permissions, a vanished mount): the
                # stored document stands; a failed row beside it would be a second row for one file.
                log.warning("%s cannot be read now; the document stored from it is kept", src.location)
                self.unchanged += 1
                return
            # Unreadable (permissions, vanished): the parser records it as failed with the reason,
            # under the placeholder id of transform.ids.
            self.todo.append(Item(path, src.location, None, src.hints))
            return
        if (doc_id, src.location) not in index.sources:
            self.new_sources.append({"doc_id": doc_id, "source": src.location, "fiscal_year": None})
        placeholder = placeholder_id(src.location)
        replaces = placeholder if placeholder in index.known and placeholder != doc_id else None
        if doc_id in self.seen or index.is_current(doc_id, self.reparse):
            self.unchanged += 1  # the same file again (maybe under another name): one document
            if replaces:
                self.retire.add(replaces)
            if src.hints and doc_id not in self.seen and index.renamed_by(doc_id, src.hints):
                self.renames[doc_id] = src.hints
            return
        self.seen.add(doc_id)
        if index.is_stored(doc_id):
            self.reparsed += 1  # its rows are replaced at the commit, never side by side with the new
        self.todo.append(Item(path, src.location, doc_id, src.hints, replaces))

    def _hash(self, path: str) -> str:
        st = os.stat(path)
        known = self.hashes.get(path)
        if known and known[:2] == (st.st_size, st.st_mtime_ns):
            return known[2]
        doc_id = sha256_of(path)
        self.hashes[path] = (st.st_size, st.st_mtime_ns, doc_id)
        return doc_id


def plan_local(sources: list[Source], index: Index, hashes: dict[str, tuple] | None = None,
               reparse: Reparse = "stale") -> Plan:
    """Hash every local source once (not again if `hashes`, from an earlier plan of this run, has it);
    URLs are left for the flow to download. `reparse`: see Index.is_current."""
    plan = Plan(hashes=dict(hashes or {}), reparse=reparse)
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
