"""Atomic, idempotent batch writes of contract rows to hive-partitioned Parquet.

A batch is committed under the writer lease (warehouse.lease) in these steps:
1. every part file is written under a temporary name (invisible to `**/*.parquet` globs), then renamed
   to `part-<batch>[.r<n>].parquet`: rows of a document being replaced are removed by writing a filtered
   copy of each part that holds them as a new part of this batch (`.r<n>`), never by rewriting in place;
2. the parts those copies supersede are listed in `_batches/<batch>.supersedes`;
3. the commit marker `_batches/<batch>.done` is written (it lists them too): the batch is committed;
4. the superseded parts, then the list, are removed.

Readers (`snapshot`, so `Warehouse.read` and the DuckDB views) read the markers, list the parts, read
the markers again, and keep the parts of committed batches not superseded by a committed batch: they
see a batch whole or not at all, however the steps interleave with their listing. (A bare
`read_parquet('DIR/t/**/*.parquet')` sees each part as soon as it is renamed: for the milliseconds of
a commit it may see half of one, or a superseded part beside its copy.) What a writer killed
mid-commit left behind is removed by the next holder of the lease before it writes, so the next run
redoes the work.
"""
from __future__ import annotations

import logging
import os
import time
import uuid
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from warehouse import lease as leases
from warehouse.schema import PARTITION, SCHEMAS

log = logging.getLogger("juesuan.store")

# The tables holding what the parser read from a document: a document is stored once across them.
PARSED = ("documents", "line_items", "statements", "narrative_facts", "performance_projects",
          "performance_indicators", "sections", "covered_units", "mentions", "narrative_claims", "table_cells")
_READ_ATTEMPTS = 3  # a part superseded and removed between listing and reading: list again
# Only a commit that replaces rows, landing while a reader lists, sends it round again; commits come
# seconds apart, so a dozen rounds (backing off to 0.2 s, about 2 s in all) is plenty.
_SNAPSHOT_ATTEMPTS = 14


def _value(row, name: str):
    """A field of a row: contract dataclasses (the parser's rows) or dicts (rows built by hand)."""
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def _batch_of(part: Path) -> str:
    # part-<batch>.parquet, or part-<batch>.r<n>.parquet for a filtered copy of an older part
    return part.name[len("part-"):].split(".", 1)[0]


def committed_parts(root: str | os.PathLike, table: str) -> list[Path]:
    """The part files of `table` that belong to committed batches and are not superseded."""
    return snapshot(root, [table])[table]


def snapshot(root: str | os.PathLike, tables: list[str] | None = None) -> dict[str, list[Path]]:
    """The committed, not superseded part files of `tables` (default: all), as of one moment for all
    of them: a reader that joins two tables sees the same batches in both."""
    root = Path(root)
    tables = list(SCHEMAS) if tables is None else tables
    for attempt in range(_SNAPSHOT_ATTEMPTS):
        # Markers first, parts second: a marker seen means every part of its batch was renamed
        # before it, and the parts it superseded are known. Markers again after: a batch committed
        # meanwhile is left out, which is whole unless it superseded parts — they may be gone from
        # the listing while its copies of their rows were left out: list again.
        done, gone = _markers(root)
        parts = {t: sorted((root / t).glob(f"{PARTITION}=*/part-*.parquet")) for t in tables}
        if not any(_superseded_by(root, b) for b in _markers(root)[0] - done):
            return {t: [p for p in ps if _batch_of(p) in done and p.relative_to(root).as_posix() not in gone]
                    for t, ps in parts.items()}
        time.sleep(min(0.2, 0.01 * 2 ** attempt))
    raise RuntimeError(f"{root}: parts were replaced faster than they could be listed; run the query again")


def _superseded_by(root: Path, batch: str) -> list[str]:
    """The parts a committed batch superseded, from its marker (older markers list none)."""
    try:
        return (root / "_batches" / f"{batch}.done").read_text(encoding="utf-8").splitlines()[1:]
    except FileNotFoundError:
        return []


def _markers(root: Path) -> tuple[set[str], set[str]]:
    """The committed batches, and the parts (relative paths) that committed batches superseded."""
    batches = root / "_batches"
    try:
        names = os.listdir(batches)
    except FileNotFoundError:
        return set(), set()
    done = {n[:-len(".done")] for n in names if n.endswith(".done")}
    gone: set[str] = set()
    for n in names:
        if n.endswith(".supersedes") and n[:-len(".supersedes")] in done:
            try:
                gone.update((batches / n).read_text(encoding="utf-8").split("\n"))
            except FileNotFoundError:
                pass  # removed after its parts were: they are gone from the listing too
    return done, gone


class Warehouse:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "_batches").mkdir(exist_ok=True)

    # --- reading (no lease) ------------------------------------------------------------------

    def parts(self, table: str) -> list[Path]:
        return committed_parts(self.root, table)

    def read(self, table: str, columns: list[str] | None = None, doc_ids: set[str] | None = None) -> pa.Table:
        """The table (or the rows of `doc_ids`) as Arrow, with fiscal_year restored from the
        partition directory; committed batches only."""
        for attempt in range(_READ_ATTEMPTS):
            try:
                return self._read(table, columns, doc_ids)
            except FileNotFoundError:
                if attempt == _READ_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def _read(self, table: str, columns: list[str] | None, doc_ids: set[str] | None) -> pa.Table:
        pieces = []
        filters = [("doc_id", "in", sorted(doc_ids))] if doc_ids else None
        for part in self.parts(table):
            t = _read_part(part, table, columns, filters)
            year = part.parent.name.split("=", 1)[1]
            value = None if year == "NULL" else int(year)
            pieces.append(t.append_column(PARTITION, pa.array([value] * t.num_rows, pa.int32())))
        if not pieces:
            schema = SCHEMAS[table] if columns is None else pa.schema([SCHEMAS[table].field(c) for c in columns])
            return schema.append(pa.field(PARTITION, pa.int32())).empty_table()
        return pa.concat_tables(pieces)

    def known_documents(self) -> dict[str, tuple[str, str]]:
        """doc_id → (parser_version, status) of every stored document."""
        t = self.read("documents", ["doc_id", "parser_version", "status"]).to_pylist()
        return {r["doc_id"]: (r["parser_version"], r["status"]) for r in t}

    def known_sources(self) -> set[tuple[str, str]]:
        return {(r["doc_id"], r["source"]) for r in self.read("document_sources", ["doc_id", "source"]).to_pylist()}

    # --- writing (under the writer lease) ----------------------------------------------------

    def write_batch(self, tables: dict[str, list], replace_doc_ids: set[str] | frozenset[str] = frozenset(),
                    replace_in: list[str] | None = None) -> str:
        """Write one batch of rows (table → dataclass rows or dicts) atomically; rows of
        `replace_doc_ids` already stored (an older parser version, an earlier failure) are removed
        in the same commit, from every table but document_sources (where a file was found stays
        true whatever its parse) or only from `replace_in`. Returns the batch id.

        Takes the writer lease for the commit unless this process holds it already (an ingest
        holds it for its whole run). Under it, documents already stored are dropped from the batch
        with all their rows unless they are being replaced, and document_sources pairs already
        stored are dropped: whatever two runs planned, nothing is stored twice."""
        with leases.hold(self.root, on_wait=_log_wait) as lease:
            lease.check()
            if "recovered" not in lease.memo:
                self._remove_uncommitted()
                lease.memo["recovered"] = True
            tables = self._without_stored(tables, set(replace_doc_ids), lease.memo)
            tables_out = replace_in or [t for t in SCHEMAS if t != "document_sources"]
            batch = self._commit(tables, set(replace_doc_ids), tables_out, lease)
            self._remember(tables, set(replace_doc_ids), tables_out, lease.memo)
            return batch

    def _commit(self, tables: dict[str, list], replace_doc_ids: set[str], replace_in: list[str],
                lease: leases.WriterLease) -> str:
        batch = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        staged: list[tuple[Path, Path]] = []
        for table, rows in tables.items():
            # Rows are read field by field where they are; copying them into dicts first (let alone
            # dataclasses.asdict's deep copy) was the largest cost of a commit.
            by_year: dict[object, list] = defaultdict(list)
            for row in rows:
                by_year[_value(row, PARTITION)].append(row)
            for year, year_rows in by_year.items():
                part_dir = self.root / table / f"{PARTITION}={'NULL' if year is None else year}"
                part_dir.mkdir(parents=True, exist_ok=True)
                final = part_dir / f"part-{batch}.parquet"
                tmp = part_dir / f".part-{batch}.parquet.tmp"
                pq.write_table(_to_arrow(table, year_rows), tmp)
                staged.append((tmp, final))
        copies, superseded = self._stage_removal(replace_doc_ids, batch, replace_in) if replace_doc_ids else ([], [])
        lease.check()  # the last moment to find the lease lost before anything becomes visible
        for tmp, final in staged + copies:
            os.replace(tmp, final)  # atomic on one filesystem; invisible to readers until the marker
        marks = self.root / "_batches"
        if superseded:
            _write_atomically(marks / f"{batch}.supersedes",
                              "\n".join(p.relative_to(self.root).as_posix() for p in superseded))
        # The commit point. The marker lists what it supersedes too, for readers that listed the
        # parts while it was written (snapshot).
        _write_atomically(marks / f"{batch}.done", f"{len(staged) + len(copies)} parts\n"
                          + "".join(f"{p.relative_to(self.root).as_posix()}\n" for p in superseded))
        self._remove_superseded(batch, superseded)
        return batch

    def _remove_superseded(self, batch: str, parts: list[Path]) -> None:
        for part in parts:
            part.unlink(missing_ok=True)
        (self.root / "_batches" / f"{batch}.supersedes").unlink(missing_ok=True)

    def _stage_removal(self, doc_ids: set[str], batch: str, tables: list[str]) -> tuple[list, list[Path]]:
        """Filtered copies, as parts of `batch`, of every part holding rows of `doc_ids` (without
        those rows; none for a part left empty), and the parts they supersede."""
        copies: list = []
        superseded: list = []
        wanted = pa.array(sorted(doc_ids))
        for table in tables:
            for part in self.parts(table):
                t = pq.read_table(part)
                keep = pc.invert(pc.is_in(t["doc_id"], wanted))
                if pc.all(keep).as_py():
                    continue
                superseded.append(part)
                rest = t.filter(keep)
                if rest.num_rows:
                    final = part.with_name(f"part-{batch}.r{len(copies)}.parquet")
                    tmp = part.with_name(f".{final.name}.tmp")
                    pq.write_table(rest, tmp)
                    copies.append((tmp, final))
        return copies, superseded

    def _without_stored(self, tables: dict[str, list], replacing: set[str], memo: dict) -> dict[str, list]:
        """The batch less the documents already stored (unless replaced), with all their rows, and
        less the document_sources pairs already stored."""
        stored = self._stored(memo)
        out = dict(tables)
        if "documents" in out:
            docs, kept, dropped = [], set(), set()
            for row in out["documents"]:
                doc_id = _value(row, "doc_id")
                if doc_id in stored and doc_id not in replacing:
                    dropped.add(doc_id)  # another run stored it since this one planned
                elif doc_id not in kept:  # (a second row for one document in one batch: the first stands)
                    kept.add(doc_id)
                    docs.append(row)
            if dropped:
                log.warning("%d document(s) already stored by another run are not stored again: %s",
                            len(dropped), ", ".join(sorted(dropped)))
                out["documents"] = docs
                for table in (*PARSED[1:], "quality_results"):  # and the checks of them committed with them
                    if table in out:
                        out[table] = [r for r in out[table] if _value(r, "doc_id") not in dropped]
            elif len(docs) < len(out["documents"]):
                out["documents"] = docs
        if "document_sources" in out:
            known, rows = set(self._sources(memo)), []
            for row in out["document_sources"]:
                pair = (_value(row, "doc_id"), _value(row, "source"))
                if pair not in known:
                    known.add(pair)
                    rows.append(row)
            out["document_sources"] = rows
        return {t: rows for t, rows in out.items() if rows}

    def _stored(self, memo: dict) -> set[str]:
        # Read once per hold of the lease: nobody else writes while it is held.
        if "documents" not in memo:
            memo["documents"] = set(self.known_documents())
        return memo["documents"]

    def _sources(self, memo: dict) -> set[tuple[str, str]]:
        if "sources" not in memo:
            memo["sources"] = self.known_sources()
        return memo["sources"]

    def _remember(self, tables: dict[str, list], replaced: set[str], replace_in: list[str], memo: dict) -> None:
        if "documents" in replace_in:
            memo["documents"] = self._stored(memo) - replaced
        memo["documents"] = self._stored(memo) | {_value(r, "doc_id") for r in tables.get("documents", ())}
        if "document_sources" in replace_in:
            memo.pop("sources", None)  # read again when next needed
        elif "document_sources" in tables:
            memo["sources"] = self._sources(memo) | {(_value(r, "doc_id"), _value(r, "source"))
                                                     for r in tables["document_sources"]}

    def _remove_uncommitted(self) -> None:
        """Under the lease: what a writer killed mid-commit left (temporary files, parts of batches
        without a marker, parts a committed batch superseded but had not removed yet)."""
        marks = self.root / "_batches"
        done = {p.stem for p in marks.glob("*.done")}
        for listing in marks.glob("*.supersedes"):
            if listing.stem in done:
                for rel in listing.read_text(encoding="utf-8").split("\n"):
                    if rel:
                        (self.root / rel).unlink(missing_ok=True)
            listing.unlink()
        for tmp in marks.glob(".*.tmp"):
            tmp.unlink()
        for table in SCHEMAS:
            tdir = self.root / table
            if not tdir.exists():
                continue
            for f in tdir.glob(f"{PARTITION}=*/.*.tmp"):
                f.unlink()
            for part in tdir.glob(f"{PARTITION}=*/part-*.parquet"):
                if _batch_of(part) not in done:
                    part.unlink()


def _write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _log_wait(holder, timeout: float) -> None:
    log.info("%s", leases.waiting_line(holder, timeout))


def _read_part(part: Path, table: str, columns: list[str] | None, filters) -> pa.Table:
    """One part file with the table's columns: a part written before a column existed (documents.phase
    came with parser version 3) gets it as nulls, so readers of any column read every part."""
    schema = SCHEMAS[table]
    wanted = columns if columns is not None else schema.names
    pf = pq.ParquetFile(part)  # its footer read once: the schema, and the data without a filter
    have = set(pf.schema_arrow.names)
    present = [c for c in wanted if c in have]
    t = pq.read_table(part, columns=present, filters=filters) if filters else pf.read(columns=present)
    pf.close()
    for name in wanted:
        if name not in have:
            t = t.append_column(schema.field(name), pa.nulls(t.num_rows, schema.field(name).type))
    t = t.select(wanted)
    return t.cast(schema) if columns is None else t


def frame(table: str, rows: list):
    """Rows of `table` (dataclasses or dicts) as a pandas DataFrame, as `Warehouse.read(table).to_pandas()`
    gives them once committed (the schema's types, fiscal_year last): for checks computed before the
    commit that stores them."""
    t = _to_arrow(table, rows)
    return t.append_column(PARTITION, pa.array([_value(r, PARTITION) for r in rows], pa.int32())).to_pandas()


def unstorable(tables: dict[str, list]) -> str | None:
    """Why these rows cannot be written to the tables' schemas (a value out of a column's range), or None."""
    for table, rows in tables.items():
        if table in SCHEMAS and rows:
            try:
                _to_arrow(table, rows)
            except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, TypeError) as exc:
                return f"{table}: {exc}"
    return None


def _to_arrow(table: str, rows: list) -> pa.Table:
    schema = SCHEMAS[table]
    cols = {}
    kinds = {type(r) for r in rows}
    for field in schema:
        name = field.name
        if kinds == {dict}:
            values = [r.get(name) for r in rows]
        elif dict not in kinds:
            values = [getattr(r, name, None) for r in rows]
        else:
            values = [_value(r, name) for r in rows]
        if pa.types.is_decimal(field.type):
            values = [v if v is None or isinstance(v, Decimal) else Decimal(str(v)) for v in values]
        if pa.types.is_timestamp(field.type):
            values = [v or datetime.now(timezone.utc) for v in values]
        cols[field.name] = pa.array(values, field.type)
    return pa.table(cols, schema=schema)
