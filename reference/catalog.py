"""Classification catalogs (支出功能分类 and 部门预算支出经济分类), by year.

Only the 类 level is kept here for now: tables 1 and 4 print 类 names without codes, and the name is
what identifies the code. Names are matched after normalisation (whitespace and a leading ordinal
removed), never fuzzily: a name we do not know stays without a code.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


class _Valid:
    """Years of validity of a catalog row: `valid_from` to `valid_to` (None: still valid)."""

    __slots__ = ()
    valid_from: int
    valid_to: int | None

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True, slots=True)
class Entry(_Valid):
    code: str
    name: str
    valid_from: int
    valid_to: int | None


@lru_cache(maxsize=None)
def _load(kind: str) -> tuple[Entry, ...]:
    text = resources.files("reference").joinpath(f"data/{kind}_classes.csv").read_text(encoding="utf-8")
    return tuple(
        Entry(r["code"], r["name"], int(r["valid_from"]), int(r["valid_to"]) if r["valid_to"] else None)
        for r in csv.DictReader(text.splitlines())
    )


def function_class_code(name: str, year: int | None) -> str | None:
    """The 3-digit functional 类 code for a printed 类 name ("社会保障和就业支出" → "208")."""
    for entry in _load("function"):
        if entry.name == name and entry.valid_in(year):
            return entry.code
    return None


def class_names(kind: str) -> dict[str, str]:
    """code → current name for every 类 of a catalog ("function" or "economic"): a former name (a row
    with valid_to) only where the catalog knows no current one."""
    out: dict[str, str] = {}
    for e in _load(kind):
        if e.code not in out or e.valid_to is None:
            out[e.code] = e.name
    return out


# --- 支出功能分类 at 类/款/项 level (data/function_items.csv) -----------------------------------
#
# The file lists the official 2023/2024 names of the 款 and 项 that occur in the filings we read (at
# least every 款/项 under 201, 208, 210, 221 and 229 seen so far). `valid_from` is the first year we are
# sure the name was in force, not necessarily the year the code was created; a renamed code has one
# row per name (20805 行政事业单位离退休 → 行政事业单位养老支出). Used by transform/narrative_codes.py
# to give the narrative's 类/款/项 paths a code when the filing's own tables do not.


@dataclass(frozen=True, slots=True)
class ItemEntry(_Valid):
    code: str
    name: str
    level: int  # 1 类, 2 款, 3 项
    parent: str | None
    valid_from: int
    valid_to: int | None


@lru_cache(maxsize=None)
def function_items() -> tuple[ItemEntry, ...]:
    """Every row of data/function_items.csv."""
    text = resources.files("reference").joinpath("data/function_items.csv").read_text(encoding="utf-8")
    return tuple(
        ItemEntry(r["code"], r["name"], int(r["level"]), r["parent"] or None, int(r["valid_from"]),
                  int(r["valid_to"]) if r["valid_to"] else None)
        for r in csv.DictReader(text.splitlines())
    )


def function_item_children(parent: str, year: int | None = None) -> list[ItemEntry]:
    """The 款 of a 类 or the 项 of a 款 ("20805" → 2080501, 2080502, …); names valid in `year` first,
    then names of other years (a renamed code appears once per name)."""
    rows = [e for e in function_items() if e.parent == parent]
    return sorted(rows, key=lambda e: (not e.valid_in(year), e.code))


def function_name(code: str, year: int | None = None) -> str | None:
    """The name of a functional 类/款/项 code valid in `year` ("20805", 2024 → 行政事业单位养老支出)."""
    return next((e.name for e in function_items() if e.code == code and e.valid_in(year)), None)


def function_item_names(code: str) -> list[str]:
    """Every name the catalog knows for a code (current and former)."""
    return [e.name for e in function_items() if e.code == code]
