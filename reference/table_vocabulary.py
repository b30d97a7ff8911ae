"""What a table column holds, told by words of its printed header (reference/data/column_kinds.csv); the
columns that number rows (行次, 序号 …) are reference.statements.NUMBERING_LABELS.

Read by transform/table_cells.py to decide which cells of a table print figures: a column of row numbers
(行次) never does; a column of rates (%) or counts (人数, 车辆数) prints numbers that are not yuan; a
column whose header names money (金额, 合计, 预算数, 支出 …) holds figures even where they are whole
numbers. A new wording is one row of the CSV and its test.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def _words() -> dict[str, tuple[str, ...]]:
    text = resources.files("reference").joinpath("data/column_kinds.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        out.setdefault(row["kind"], []).append(row["word"])
    return {k: tuple(v) for k, v in out.items()}


PERCENT_HEADER_WORDS = _words()["percent"]
COUNT_HEADER_WORDS = _words()["count"]
AMOUNT_HEADER_WORDS = _words()["amount"]

