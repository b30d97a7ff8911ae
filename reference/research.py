"""The reference tables behind the research views (warehouse/views/*.sql): unit renames, the code
crosswalk between classification years, and the rules that sort units into comparable kinds.

Each is a CSV under reference/data/ with the source of every row in it, and is versioned: VERSIONS
holds each file's version and the SHA-256 of the content that version names, so an edit that forgets
to bump the version fails a test (tests/reference/test_research_tables.py). The warehouse copies
them into DIR/juesuan.duckdb with their versions (table `reference_versions`), so a result can say
which list it was matched with.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from reference.statements import PERSONNEL_CLASSES


@dataclass(frozen=True)
class ReferenceTable:
    name: str  # the table's name in DuckDB
    file: str  # under reference/data/
    columns: tuple[tuple[str, str], ...]  # (column, DuckDB type), in the file's order


TABLES: tuple[ReferenceTable, ...] = (
    # A unit renamed (the same unit, a new name): old_name/new_name are name endings, so that one row
    # covers every county's bureau; adcode narrows a row to one county.
    ReferenceTable("unit_aliases", "unit_aliases.csv", (
        ("alias_id", "VARCHAR"), ("adcode", "VARCHAR"), ("old_name", "VARCHAR"), ("new_name", "VARCHAR"),
        ("first_year_new", "INTEGER"), ("source", "VARCHAR"))),
    # A code renamed or moved between classification years: figures filed under from_code up to
    # last_year_old continue as to_code.
    ReferenceTable("code_crosswalk", "code_crosswalk.csv", (
        ("crosswalk_id", "VARCHAR"), ("classification", "VARCHAR"), ("from_code", "VARCHAR"),
        ("from_name", "VARCHAR"), ("to_code", "VARCHAR"), ("to_name", "VARCHAR"), ("last_year_old", "INTEGER"),
        ("first_year_new", "INTEGER"), ("change", "VARCHAR"), ("source", "VARCHAR"))),
    # Unit kinds from the name: the rule of lowest priority whose pattern (a regular expression)
    # matches the unit name decides.
    ReferenceTable("unit_kind_rules", "unit_kinds.csv", (
        ("priority", "INTEGER"), ("kind", "VARCHAR"), ("pattern", "VARCHAR"), ("note", "VARCHAR"))),
    # Unit kinds from the dominant 类 of a unit's expenditure, for names no rule knows; only 类 that
    # one kind of unit dominates are listed (unknown stays unknown).
    ReferenceTable("class_kinds", "class_kinds.csv", (("code", "VARCHAR"), ("kind", "VARCHAR"), ("note", "VARCHAR"))),
)

# file → (version, SHA-256 of the content of that version). Bump the version with every change.
VERSIONS: dict[str, tuple[str, str]] = {
    "unit_aliases.csv": ("1", "2cf751c875ffbb936df99d37bf549cb9225867eae5bd605d746d10730360f7d6"),
    "code_crosswalk.csv": ("1", "45d443398ec8c9c2b41446ce66062eeb364a5576352c77235d74f8e9a359a15c"),
    "unit_kinds.csv": ("1", "bb52f36d5b164914f52599c1c060854af353b6febcce1313d373cdb1f676ac75"),
    "class_kinds.csv": ("1", "a4c0d0281b1f017d5b67e7a48be61020ed5a98e0635a16a1dc71b20d9c740bc1"),
}


def _text(file: str) -> str:
    return resources.files("reference").joinpath(f"data/{file}").read_text(encoding="utf-8")


def content_hash(file: str) -> str:
    return hashlib.sha256(_text(file).encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[tuple, ...]:
    """The rows of a reference table, typed as its columns say (empty cells are None)."""
    table = next(t for t in TABLES if t.name == name)
    out = []
    for r in csv.DictReader(_text(table.file).splitlines()):
        out.append(tuple(_typed(r[c] or None, kind) for c, kind in table.columns))
    return tuple(out)


def _typed(value: str | None, kind: str):
    if value is None:
        return None
    return int(value) if kind == "INTEGER" else value


def personnel_classes() -> tuple[str, ...]:
    """The economic 类 of 人员经费 (the rest of 基本支出 is 公用经费), for the `structure` view."""
    return PERSONNEL_CLASSES
