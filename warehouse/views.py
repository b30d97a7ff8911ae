"""DuckDB over the warehouse: one view per table, plain Parquet with hive partitioning (no extension
to download)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.schema import PARTITION, SCHEMAS

_DUCK_TYPES = {"string": "VARCHAR", "int32": "INTEGER", "int8": "TINYINT", "bool": "BOOLEAN",
               "decimal128(20, 2)": "DECIMAL(20,2)", "decimal128(20, 4)": "DECIMAL(20,4)",
               "timestamp[us, tz=UTC]": "TIMESTAMPTZ"}


def _empty_select(table: str) -> str:
    cols = [f"CAST(NULL AS {_DUCK_TYPES[str(f.type)]}) AS \"{f.name}\"" for f in SCHEMAS[table]]
    cols.append(f"CAST(NULL AS BIGINT) AS {PARTITION}")
    return f"SELECT {', '.join(cols)} WHERE false"


def connect(root: str | Path, database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    root = Path(root)
    con = duckdb.connect(database)
    for table in SCHEMAS:
        files = list((root / table).glob(f"{PARTITION}=*/part-*.parquet"))
        if files:
            glob = (root / table).as_posix() + "/**/*.parquet"
            sql = f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true, union_by_name = true)"
        else:
            sql = _empty_select(table)
        con.execute(f'CREATE OR REPLACE VIEW "{table}" AS {sql}')
    return con
