"""`juesuan export` of frames over the series corpus: read back, the same rows."""
from __future__ import annotations

import csv
import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

from warehouse.export import LABELS, exact


@pytest.fixture(scope="module")
def frames(series_warehouse):
    root, _ = series_warehouse
    with duckdb.connect(str(root / "juesuan.duckdb"), read_only=True) as c:
        rel = c.sql("SELECT * FROM frames")
        return rel.columns, rel.fetchall()


def _export(root, fmt, out):
    done = subprocess.run([sys.executable, "-m", "flows.cli", "export", "frames", "--warehouse", str(root),
                           "--format", fmt, "--out", str(out), "--include-samples"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _key(row):
    return tuple("" if v is None else str(v) for v in row)


def test_frames_as_stata_read_back_by_pandas_has_the_same_rows(series_warehouse, frames, tmp_path):
    import pandas as pd
    from pandas.io.stata import StataReader

    root, _ = series_warehouse
    columns, rows = frames
    assert f"{len(rows)} rows" in _export(root, "dta", tmp_path / "frames.dta")
    back = pd.read_stata(tmp_path / "frames.dta")
    assert list(back.columns) == columns and len(back) == len(rows)
    amount = columns.index("amount_yuan")
    got = []
    for r in back.itertuples(index=False):
        values = list(r)
        values[amount] = exact(values[amount])
        got.append(tuple("" if (v is None or (isinstance(v, float) and v != v)) else str(int(v))
                         if isinstance(v, float) and v.is_integer() and i != amount else str(v)
                         for i, v in enumerate(values)))
    assert sorted(got) == sorted(_key(r) for r in rows)
    with StataReader(tmp_path / "frames.dta") as reader:
        labels = reader.variable_labels()
    assert labels["amount_yuan"] == "金额（元）" == LABELS["amount_yuan"] and labels["unit_name"] == "单位名称"


def test_frames_as_csv_is_utf8_with_a_bom_and_exact_amounts(series_warehouse, frames, tmp_path):
    root, _ = series_warehouse
    columns, rows = frames
    _export(root, "csv", tmp_path / "frames.csv")
    raw = (tmp_path / "frames.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (tmp_path / "frames.csv").open(encoding="utf-8-sig", newline="") as fh:
        back = list(csv.reader(fh))
    assert back[0] == columns
    assert sorted(tuple(r) for r in back[1:]) == sorted(_key(r) for r in rows)


def test_frames_as_xlsx_and_parquet_have_the_same_rows(series_warehouse, frames, tmp_path):
    import pyarrow.parquet as pq
    from openpyxl import load_workbook

    root, _ = series_warehouse
    columns, rows = frames
    _export(root, "parquet", tmp_path / "frames.parquet")
    table = pq.read_table(tmp_path / "frames.parquet")
    assert table.column_names == columns
    assert sorted(_key(r.values()) for r in table.to_pylist()) == sorted(_key(r) for r in rows)
    _export(root, "xlsx", tmp_path / "frames.xlsx")
    sheet = load_workbook(tmp_path / "frames.xlsx", read_only=True)["frames"]
    values = list(sheet.values)
    assert list(values[0]) == columns and values[1][columns.index("amount_yuan")] == "金额（元）"
    amount = columns.index("amount_yuan")
    assert sorted(Decimal(str(v[amount])) for v in values[2:]) == sorted(r[amount] for r in rows)


def test_an_unknown_view_is_a_usage_error(series_warehouse, tmp_path):
    root, _ = series_warehouse
    done = subprocess.run([sys.executable, "-m", "flows.cli", "export", "nosuch", "--warehouse", str(root),
                           "--format", "csv", "--out", str(tmp_path / "x.csv")], capture_output=True, text=True)
    assert done.returncode == 2 and "no table or view named 'nosuch'" in done.stderr
