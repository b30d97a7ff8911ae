"""Atomic, idempotent batch writes of contract rows to hive-partitioned Parquet.

A batch is committed in three steps: every part file is written under a temporary name (invisible to
`**/*.parquet` globs), then renamed into place, then a commit marker `_batches/<batch>.done` is written.
On open, part files of a batch without its marker (a run killed mid-commit) are removed, so a reader
never sees half a batch twice and the next run redoes the work.
"""
from __future__ import annotations

import os
import uuid
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.schema import PARTITION, SCHEMAS


def _value(row, name: str):
    """A field of a row: contract dataclasses (the parser's rows) or dicts (rows built by hand)."""
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


class Warehouse:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "_batches").mkdir(exist_ok=True)
        self._remove_uncommitted()

    # --- reading -----------------------------------------------------------------------------

    def parts(self, table: str) -> list[Path]:
        return sorted((self.root / table).glob(f"{PARTITION}=*/part-*.parquet"))

    def read(self, table: str, columns: list[str] | None = None, doc_ids: set[str] | None = None) -> pa.Table:
        """The table (or the rows of `doc_ids`) as Arrow, with fiscal_year restored from the
        partition directory."""
        pieces = []
        filters = [("doc_id", "in", sorted(doc_ids))] if doc_ids else None
        for part in self.parts(table):
            t = pq.read_table(part, columns=columns, schema=SCHEMAS[table] if columns is None else None,
                              filters=filters)
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

    # --- writing -----------------------------------------------------------------------------

    def write_batch(self, tables: dict[str, list], replace_doc_ids: set[str] = frozenset(),
                    replace_in: list[str] | None = None) -> str:
        """Write one batch of rows (table → dataclass rows or dicts) atomically; rows of
        `replace_doc_ids` already stored (an older parser version, an earlier failure) are removed
        in the same commit, from every table or only from `replace_in`. Returns the batch id."""
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
        rewrites = self._stage_removal(replace_doc_ids, batch, replace_in or list(SCHEMAS)) if replace_doc_ids else []
        for tmp, final in rewrites + staged:
            os.replace(tmp, final)  # atomic on one filesystem
        marker = self.root / "_batches" / f"{batch}.done"
        marker.write_text(f"{len(staged)} parts\n")
        return batch

    def _stage_removal(self, doc_ids: set[str], batch: str, tables: list[str]) -> list[tuple[Path, Path]]:
        """Rewritten copies of every part holding rows of `doc_ids`, without those rows."""
        out = []
        for table in tables:
            for part in self.parts(table):
                t = pq.read_table(part)
                keep = pa.compute.invert(pa.compute.is_in(t["doc_id"], pa.array(sorted(doc_ids))))
                if pa.compute.all(keep).as_py():
                    continue
                tmp = part.with_name(f".{part.name}.{batch}.tmp")
                pq.write_table(t.filter(keep), tmp)
                out.append((tmp, part))
        return out

    def _remove_uncommitted(self) -> None:
        done = {p.stem for p in (self.root / "_batches").glob("*.done")}
        for table in SCHEMAS:
            tdir = self.root / table
            if not tdir.exists():
                continue
            for f in tdir.glob(f"{PARTITION}=*/.*.tmp"):
                f.unlink()
            for part in tdir.glob(f"{PARTITION}=*/part-*.parquet"):
                if part.stem[len("part-"):] not in done:
                    part.unlink()

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
