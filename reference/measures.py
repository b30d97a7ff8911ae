"""Column headers → measures, kept as data: reference/data/column_measures.csv (issue 23).

Each row scopes a rule to a statement, a side (income | expenditure, blank for a one-sided table) and a
phase (final accounts' columns say 决算数, budgets' 预算数 and print more columns), and names a measure
for a header path (the header texts over a column, joined top to bottom: "本年收入" over "小计" →
"本年收入小计"). A rule's `words` must all occur in the path (a|b: either), its `forbid` words must not.
Within a scope the first row in file order wins, so a specific row ("上年结转 一般公共预算") stands
before the general one ("一般公共预算"). A budget scope with no row of its own reads with the final
accounts' rules (Statement.rules).

A new header wording is one row, and its case in tests/reference/test_column_measures.py.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

# (spec, measure): a spec is the row's words, space-separated, and its forbidden words, each after a
# "-" ("一般公共预算 -其中"); a one-word spec is a plain substring, as the rules were before.
MeasureRules = tuple[tuple[str, str], ...]


@lru_cache(maxsize=None)
def _table() -> dict[tuple[str, str | None, str], MeasureRules]:
    text = resources.files("reference").joinpath("data/column_measures.csv").read_text(encoding="utf-8")
    out: dict[tuple[str, str | None, str], list[tuple[str, str]]] = {}
    for r in csv.DictReader(text.splitlines()):
        spec = " ".join([*r["words"].split(), *(f"-{w}" for w in r["forbid"].split())])
        out.setdefault((r["statement"], r["side"] or None, r["phase"]), []).append((spec, r["measure"]))
    return {k: tuple(v) for k, v in out.items()}


def scopes() -> tuple[tuple[str, str | None, str], ...]:
    return tuple(_table())


def rules_of(statement: str, phase: str) -> dict[str | None, MeasureRules]:
    """side → rules of a statement's columns in a filing of `phase`, as the CSV lists them."""
    return {side: rules for (st, side, ph), rules in _table().items() if st == statement and ph == phase}


def header_names(spec: str, header: str) -> bool:
    """Whether a header path (its texts joined) meets a rule's spec (see MeasureRules)."""
    for token in spec.split():
        if token.startswith("-"):
            if token[1:] in header:
                return False
        elif not any(w in header for w in token.split("|")):
            return False
    return True
