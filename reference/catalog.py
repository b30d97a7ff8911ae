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


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    name: str
    valid_from: int
    valid_to: int | None

    def valid_in(self, year: int | None) -> bool:
        if year is None:
            return True
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


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
    """code → name for every 类 of a catalog ("function" or "economic")."""
    return {e.code: e.name for e in _load(kind)}
