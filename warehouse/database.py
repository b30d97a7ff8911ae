"""DIR/juesuan.duckdb: the warehouse as one file a researcher opens with plain DuckDB (the CLI, Python,
R), with no project code: views over the Parquet by paths relative to the warehouse (so the folder
can be moved, copied or shared), the reference tables copied in, and the research views.

Written at the end of every ingest and validate run, under the writer lease (one writer at a time),
atomically: built in a temporary file in DIR, closed (which checkpoints it: no .wal is left beside
it), then renamed over the old one, so a reader opening it sees the old file or the new one whole.
A session that has the old one open keeps reading it; its views name the parts of its moment, so a
part superseded since (a re-parse replaced its rows) makes its query fail — open the file again.
"""
from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from reference import research
from warehouse import lease as leases
from warehouse.store import snapshot
from warehouse.views import WAREHOUSE_MACRO, define_views, research_view_files

DATABASE = "juesuan.duckdb"
# Written in the storage format of DuckDB 1.1, so that researchers whose DuckDB (R, an older CLI) is
# not the version locked here can open it; nothing in the views needs a newer one.
STORAGE_VERSION = "v1.1.0"


def database_path(root: str | os.PathLike) -> Path:
    return Path(root) / DATABASE


def write_database(root: str | os.PathLike) -> Path:
    """Write DIR/juesuan.duckdb from the committed parts (the caller holds the writer lease)."""
    root = Path(root).resolve()
    tmp = root / f".{DATABASE}.{os.getpid()}.tmp"
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    # In DIR itself: the file's folder is the warehouse while the views are defined and checked too.
    con = duckdb.connect(str(tmp), config={"storage_compatibility_version": STORAGE_VERSION})
    done = False
    try:
        con.execute(WAREHOUSE_MACRO)
        define_views(con, root, relative=True)
        con.execute("CREATE OR REPLACE TABLE juesuan_meta (key VARCHAR, value VARCHAR)")
        con.executemany("INSERT INTO juesuan_meta VALUES (?, ?)", [
            ["fingerprint", fingerprint(root)],
            ["written_at", datetime.now(timezone.utc).isoformat(timespec="seconds")],
            ["duckdb_version", duckdb.__version__],
            ["how_paths_resolve", "juesuan_dir(): the folder of this file (or SET VARIABLE juesuan_warehouse)"],
        ])
        done = True
    finally:
        con.close()
        if not done:
            tmp.unlink(missing_ok=True)
    final = database_path(root)
    os.replace(tmp, final)
    return final


def refresh_database(root: str | os.PathLike, lock_timeout: float = leases.DEFAULT_TIMEOUT_S) -> Path:
    """write_database under the writer lease (this process's hold, when it holds it already)."""
    with leases.hold(root, lock_timeout, on_wait=leases.print_waiting):
        return write_database(root)


def fingerprint(root: str | os.PathLike) -> str:
    """What the file's content follows from: the committed parts, the view files, the reference
    tables and the storage version. A file with another fingerprint is behind the warehouse."""
    root = Path(root).resolve()
    h = hashlib.sha256(STORAGE_VERSION.encode())
    for table, parts in sorted(snapshot(root).items()):
        h.update(f"\0{table}".encode())
        for part in parts:
            h.update(f"\0{part.relative_to(root).as_posix()}".encode())
    for name, sql in research_view_files():
        h.update(f"\0{name}\0{sql}".encode())
    for file in research.VERSIONS:
        h.update(f"\0{file}\0{research.content_hash(file)}".encode())
    return h.hexdigest()


def is_current(root: str | os.PathLike) -> bool:
    """DIR/juesuan.duckdb exists and was written from what the warehouse holds now."""
    path = database_path(root)
    if not path.exists():
        return False
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("SELECT value FROM juesuan_meta WHERE key = 'fingerprint'").fetchone()
    except duckdb.Error:
        return False  # unreadable, or written before the fingerprint was recorded
    return row is not None and row[0] == fingerprint(root)


def ensure_database(root: str | os.PathLike) -> bool:
    """Write DIR/juesuan.duckdb when it is missing or behind (a run that had nothing to commit, on a
    warehouse written by an older version); True when it was written. Never waits: while another
    process holds the writer lease, that process writes the file when it ends."""
    if is_current(root):
        return False
    try:
        with leases.hold(root, 0):
            write_database(root)
    except leases.LeaseTimeout:
        return False
    return True
