"""DuckDB over the warehouse: one view per table, plain Parquet with hive partitioning (no extension
to download), then the reference tables (reference/research.py) and the research views, one SQL file
each under warehouse/sql/, run in the order of their names (frames, unit_years, region_totals, …).

Each table view names the part files of committed batches (warehouse.store.snapshot) rather than a
glob, so a query run while a writer commits sees each batch whole or not at all. A query that runs
after a commit has removed a part its view names (superseded by a filtered copy) fails with an
IOException: connect again and retry (`juesuan query` does).

The views name their parts by absolute paths in a connection of this process (`connect`), and by
paths relative to the warehouse in DIR/juesuan.duckdb (warehouse.database), whose views find the
warehouse through the macro juesuan_dir().
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from reference import research
from warehouse.schema import PARTITION, SCHEMAS
from warehouse.store import snapshot

def _empty_select(table: str) -> str:
    """A view of no rows with the table's columns and types (DuckDB's names of the Arrow types)."""
    empty = duckdb.from_arrow(SCHEMAS[table].empty_table())
    cols = [f'CAST(NULL AS {kind}) AS "{name}"' for name, kind in zip(empty.columns, empty.types)]
    cols.append(f"CAST(NULL AS BIGINT) AS {PARTITION}")
    return f"SELECT {', '.join(cols)} WHERE false"


def _filled_columns(table: str, sql: str) -> str:
    """Parts written before `phase` existed (parser version 2 and earlier) hold final accounts only
    (budgets were recorded as skipped documents): their rows read as final, their budget documents as
    budget; parts before `source` (version 3 and earlier) were read from text layers only. Unioned by name with the empty typed view, so that a warehouse of old parts alone has the
    column too."""
    if table == "documents":
        filled = ("coalesce(phase, CASE WHEN doc_kind = 'budget' THEN 'budget' ELSE 'final' END) AS phase, "
                  "coalesce(filing_part, 'whole') AS filing_part, coalesce(ocr_pages, 0) AS ocr_pages")
    elif table in ("line_items", "narrative_facts"):  # parts before version 4 read their text layer only
        filled = "coalesce(phase, 'final') AS phase, coalesce(source, 'text_layer') AS source"
    else:
        filled = "coalesce(phase, 'final') AS phase"
    return f"SELECT * REPLACE ({filled}) FROM ({sql} UNION ALL BY NAME {_empty_select(table)})"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(root: str | Path, database: str = ":memory:", samples: bool = True) -> duckdb.DuckDBPyConnection:
    """samples=False: every view as if the generated samples (documents.sample) were not stored."""
    con = duckdb.connect(database)
    define_views(con, root, samples=samples)
    return con


def define_views(con: duckdb.DuckDBPyConnection, root: str | Path, relative: bool = False,
                 samples: bool = True) -> None:
    """(Re)define one view per table over the committed parts under `root`, all as of one moment, then
    the reference tables and the research views over them. relative: name the parts by their paths
    under `root`, prefixed with juesuan_dir() (DIR/juesuan.duckdb); else by absolute paths. samples=False:
    leave out the rows of generated samples (documents.sample), in every table and so in every view
    built on them — what `juesuan compare` and `juesuan export` show unless --include-samples."""
    root = Path(root)
    parts = snapshot(root)
    generated = ""  # the SQL of the documents the generator made, once the documents view is known
    for table in SCHEMAS:
        files = parts[table]
        if files and relative:
            listing = ", ".join(f"juesuan_dir() || {_quoted(f.relative_to(root).as_posix())}" for f in files)
        elif files:
            listing = ", ".join(_quoted(f.as_posix()) for f in files)
        if files:
            # the partition's type stated: a batch of documents with no year (fiscal_year=NULL) alone
            # would make DuckDB guess VARCHAR, and the research views compare it with integers
            sql = (f"SELECT * FROM read_parquet([{listing}], hive_partitioning = true, union_by_name = true, "
                   f"hive_types = {{'{PARTITION}': BIGINT}})")
            if "phase" in SCHEMAS[table].names:
                sql = _filled_columns(table, sql)
        else:
            sql = _empty_select(table)
        if not samples and table == "documents":
            generated = f"SELECT doc_id FROM ({sql}) WHERE sample"
            sql = f"SELECT * FROM ({sql}) WHERE sample IS NOT TRUE"  # NULL: a part older than the flag
        elif not samples and generated and "doc_id" in SCHEMAS[table].names:
            sql = f"SELECT * FROM ({sql}) WHERE doc_id NOT IN ({generated})"
        con.execute(f'CREATE OR REPLACE VIEW "{table}" AS {sql}')
    define_reference_tables(con)
    define_research_views(con)


def define_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The reference tables of the research views (copied, so a database file needs no project code)
    and their versions (`reference_versions`)."""
    for t in research.TABLES:
        cols = ", ".join(f'"{c}" {kind}' for c, kind in t.columns)
        con.execute(f'CREATE OR REPLACE TABLE "{t.name}" ({cols})')
        rows = research.rows(t.name)
        if rows:
            marks = ", ".join("?" for _ in t.columns)
            con.executemany(f'INSERT INTO "{t.name}" VALUES ({marks})', [list(r) for r in rows])
    con.execute("CREATE OR REPLACE TABLE personnel_classes (code VARCHAR)")
    con.executemany("INSERT INTO personnel_classes VALUES (?)", [[c] for c in research.personnel_classes()])
    con.execute("CREATE OR REPLACE TABLE reference_versions (file VARCHAR, version VARCHAR, sha256 VARCHAR)")
    con.executemany("INSERT INTO reference_versions VALUES (?, ?, ?)",
                    [[f, v, research.content_hash(f)] for f, (v, _sha) in research.VERSIONS.items()])


def research_view_files() -> list[tuple[str, str]]:
    """(file name, SQL) of every research view file, in the order they are run."""
    folder = resources.files("warehouse").joinpath("sql")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(n, folder.joinpath(n).read_text(encoding="utf-8")) for n in names]


def define_research_views(con: duckdb.DuckDBPyConnection) -> None:
    for name, sql in research_view_files():
        for statement in _statements(sql):
            try:
                con.execute(statement)
            except duckdb.Error as exc:  # which file: the error alone names a line of the statement
                raise type(exc)(f"warehouse/sql/{name}: {exc}") from exc


def _statements(sql: str) -> list[str]:
    """The statements of a view file (split at a ';' ending a line; the files hold no such string)."""
    out, current = [], []
    for line in sql.splitlines():
        current.append(line)
        if line.rstrip().endswith(";"):
            text = "\n".join(current).strip()
            if any(ln.strip() and not ln.strip().startswith("--") for ln in current):
                out.append(text)
            current = []
    return out


# The macro DIR/juesuan.duckdb's views find the warehouse with, wherever the file was moved and
# whatever the working directory: a relative path in a view is resolved against the working
# directory (or `file_search_path`), never against the database file, so the views prefix each path
# with the folder of the database file. DuckDB exposes it through the default of `temp_directory`
# ("<database file>.tmp"), which follows the path the file was opened by; a session that set
# temp_directory, or that ATTACHed the file to another database, says where the warehouse is with
# SET VARIABLE juesuan_warehouse = '/path/to/DIR'.
WAREHOUSE_MACRO = """
CREATE OR REPLACE MACRO juesuan_dir() AS coalesce(
    rtrim(getvariable('juesuan_warehouse'), '/') || '/',
    CASE WHEN parse_dirpath(current_setting('temp_directory')) = '' THEN ''
         ELSE parse_dirpath(current_setting('temp_directory')) || '/' END)"""
