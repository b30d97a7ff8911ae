"""`juesuan export VIEW`: a table or research view as a file for the tools researchers use.

- csv: UTF-8 with a byte-order mark (Excel opens it as UTF-8 only with one), amounts exact as printed
  by Decimal;
- parquet: the view's Arrow types (DECIMAL amounts stay decimals);
- xlsx: one sheet (openpyxl, locked), amounts written as exact decimals, a header row of the Chinese
  labels under the column names;
- dta: Stata 118 (UTF-8 strings, variable labels in Chinese, the labels below). Stata has no decimal
  type: amounts are doubles, exact to the cent for any amount under 10^13 yuan; strings longer than
  Stata's 2,045 bytes become strL.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

import duckdb

from warehouse.views import connect

ExportFormat = Literal["csv", "parquet", "xlsx", "dta"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "xlsx", "dta")

# Variable labels (Stata, the xlsx header's second row): what each column holds, in Chinese.
LABELS: dict[str, str] = {
    "doc_id": "文件标识（PDF 的 SHA-256）", "fiscal_year": "年度", "phase": "阶段（final 决算 / budget 预算）",
    "statement": "报表", "side": "收支方向", "classification": "分类（功能 / 经济）", "code": "科目编码",
    "code_level": "科目级次（1 类 2 款 3 项）", "measure": "栏目", "unit_name": "单位名称", "unit_kind": "单位类别",
    "scope": "范围（部门 / 单位）", "province": "省", "prefecture": "市", "county": "县（区）",
    "adcode": "行政区划代码", "item": "科目名称（按原文）", "amount_yuan": "金额（元）", "page": "页码",
    "series_id": "单位序列标识", "series_name": "单位序列名称", "unit_match": "单位匹配方式",
    "series_code": "序列科目编码", "code_match": "科目衔接方式", "code_source": "科目衔接依据",
    "level": "汇总层级", "region": "地区", "filings": "文件数", "ratio": "比率", "numerator": "分子",
    "numerator_label": "分子含义", "denominator": "分母", "denominator_label": "分母含义", "value": "比值",
    "unit": "单位", "kind": "单位类别", "rule": "分类规则", "stands": "是否有效", "status": "状态",
    "sample": "生成的示例（非公开文件）",
    "code_origin": "科目编码来源（printed 原文印出 / catalogue 按科目名称对照国家科目表）",
}


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
    columns: int


def export(root: str | Path, view: str, fmt: ExportFormat, out: str | Path, include_samples: bool = False) -> Exported:
    """Write table or view `view` of the warehouse at `root` to `out` in format `fmt`; without
    include_samples, as if the generated samples (documents.sample, invented figures) were not stored."""
    con = connect(root, samples=include_samples)
    known = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if view not in known:
        raise ValueError(f"no table or view named {view!r}; there are: {', '.join(sorted(known))}")
    rel = con.sql(f'SELECT * FROM "{view}"')
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    columns = list(rel.columns)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = rel.fetch_arrow_table()
        pq.write_table(table, out)
        return Exported(out, table.num_rows, len(columns))
    rows = rel.fetchall()  # Python values: DECIMAL as Decimal, exact
    if fmt == "csv":
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(columns)
            writer.writerows(rows)
    elif fmt == "xlsx":
        _xlsx(out, view, columns, rows)
    elif fmt == "dta":
        _dta(out, rel, columns, rows)
    else:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")
    return Exported(out, len(rows), len(columns))


def _xlsx(out: Path, view: str, columns: list[str], rows: list[tuple]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=view[:31])
    ws.append(columns)
    ws.append([LABELS.get(c, "") for c in columns])
    for r in rows:
        ws.append([_cell(v) for v in r])
    wb.save(out)


def _cell(v):
    if isinstance(v, (list, dict)):
        return str(v)
    if hasattr(v, "tzinfo") and getattr(v, "tzinfo", None) is not None:
        return v.replace(tzinfo=None)  # Excel has no time zones (warehouse timestamps are UTC)
    return v


def _dta(out: Path, rel: duckdb.DuckDBPyRelation, columns: list[str], rows: list[tuple]) -> None:
    import pandas as pd

    types = [str(t) for t in rel.types]
    data: dict[str, list] = {}
    for k, (name, kind) in enumerate(zip(columns, types)):
        values = [r[k] for r in rows]
        if kind.startswith("DECIMAL") or kind in ("DOUBLE", "FLOAT"):
            data[name] = [float(v) if v is not None else None for v in values]
        elif kind in ("BOOLEAN",):
            data[name] = [None if v is None else int(v) for v in values]
        elif kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT"):
            data[name] = values
        else:  # strings; Stata has no missing string: empty
            data[name] = ["" if v is None else str(v) for v in values]
    frame = pd.DataFrame(data, columns=columns)
    for name, kind in zip(columns, types):
        if kind in ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "BOOLEAN", "DOUBLE", "FLOAT") or kind.startswith("DECIMAL"):
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64" if frame[name].isna().any()
                                                                          or kind.startswith("DECIMAL")
                                                                          or kind in ("DOUBLE", "FLOAT")
                                                                          else "int64")
        else:
            frame[name] = frame[name].astype(object)
    long = [c for c in columns if frame[c].dtype == object and frame[c].map(lambda s: len(s.encode())).max() > 2045]
    frame.to_stata(out, write_index=False, version=118 if len(columns) <= 32767 else 119,
                   variable_labels={c: LABELS[c] for c in columns if c in LABELS}, convert_strl=long)


def exact(value: float | None) -> Decimal | None:
    """A Stata double read back as the yuan it holds (to the cent)."""
    return None if value is None else Decimal(repr(value)).quantize(Decimal("0.01"))
