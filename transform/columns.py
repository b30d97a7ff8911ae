"""What each column of a statement's table holds, read from its printed header.

The header is the block of rows above the first data row. Each grid column gets its header path:
the texts of the header cells covering it, top to bottom ("本年支出" over "合计" → "本年支出合计").
Measures are named from that path by per-statement rules; a column whose header no rule knows is
reported, and its figures are not stored under a guessed name.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.geometry import best_overlap as best_overlap_of
from extract.model import Cell, Table
from reference._typing import Phase
from reference.measures import header_names
from reference.statements import BY_KEY, CODE_LEVEL_LETTERS, NUMBERING_COLUMNS, NUMBERING_LABELS, TOTAL_LABELS
from transform.amounts import looks_like_amount
from transform.text import has_ordinal, squash

CODE_RE = re.compile(r"^\d{3}(?:\s*\d{2}){0,2}$")
CODE_HEADER_NOISE = CODE_LEVEL_LETTERS
# A code printed before its name in one cell: "2050803-培训支出", "2050803 培训支出", "301—工资福利支出".
# "[2010301]行政运行", "【301】工资福利支出".
_JOINED_CODE = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*[-—－–_\s]\s*(\D.*)$|^[\[【]\s*(\d{3}(?:\d{2}){0,2})\s*[\]】]\s*(\S.*)$")
_INTEGER = re.compile(r"^\d{1,3}$")
_STARS = re.compile(r"^[*＊]{1,3}$")


def measure_rules(statement: str, side: str | None = None, phase: Phase = "final") -> tuple[tuple[str, str], ...]:
    """(words of a column's header path, measure) rules of a statement's side in a filing of `phase` (a
    budget's columns say 预算数 where final accounts say 决算数); first match wins. Kept as data:
    reference/data/column_measures.csv."""
    return BY_KEY[statement].rules(side, phase)


def is_numbering(path: list[str]) -> bool:
    """A column the template numbers its rows in (行次, 序号): it holds row numbers, never amounts."""
    return any(t in NUMBERING_COLUMNS for t in path)


def is_numbering_row(texts: list[str]) -> bool:
    """The 栏次 row under a header ("栏次 | 1 | 2 | 3"), with or without its label: column numbers."""
    texts = [t for t in texts if t]
    # its label: 栏次 / 行次, or stars under the name column (Hangzhou's budgets print "** | 1 | 2 | …")
    if texts and (texts[0] in NUMBERING_LABELS or _STARS.match(texts[0])):
        texts = texts[1:]
    numbers = [int(t) for t in texts if _INTEGER.match(t)]
    return len(numbers) >= 2 and len(numbers) == len(texts) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def cell_text(cell: Cell | None) -> str:
    return squash(cell.text) if cell is not None else ""


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(text.strip()))


def split_code(text: str) -> tuple[str | None, str]:
    """("2050803", "培训支出") from "2050803-培训支出"; (None, text) when no code leads the text."""
    m = _JOINED_CODE.match(text)
    if m:
        return (m.group(1), m.group(2).strip()) if m.group(1) else (m.group(3), m.group(4).strip())
    return None, text


def is_data_row(table: Table, r: int) -> bool:
    """A row with a code, a decimal amount, or a row label (ordinal or total) in its first cell.
    Only the first cell may be a total label: "本年收入合计" is also a column header."""
    texts = [cell_text(c) for c in table.row_cells(r)]
    texts = [t for t in texts if t]
    if not texts or is_numbering_row(texts):
        return False
    lead = texts[0]
    if is_code(lead) or lead in TOTAL_LABELS or has_ordinal(lead):
        return True
    return any(is_code(t) or ("." in t and looks_like_amount(t)) for t in texts)


def first_data_row(table: Table) -> int:
    if table.header_rows is not None:  # the reader knows where its header ends
        return table.header_rows
    for r in range(table.n_rows):
        if is_data_row(table, r):
            return r
    return table.n_rows


def header_paths(table: Table, header_rows: int) -> list[list[str]]:
    """Header texts over each grid column. The first data row is scanned too: some filings print the
    last header level ("合计 | 基本支出 | 项目支出" under "本年支出") in the row of the 合计 figures."""
    paths: list[list[str]] = []
    numbering = {r for r in range(min(header_rows + 1, table.n_rows))
                 if is_numbering_row([cell_text(c) for c in table.row_cells(r)])}
    for c in range(table.n_cols):
        path: list[str] = []
        seen: set[int] = set()
        for r in range(min(header_rows + 1, table.n_rows)):
            if r in numbering:  # the 栏次 row: column numbers, not a header level
                continue
            if r == header_rows and (table.grid[r][c] is None or looks_like_amount(cell_text(table.grid[r][c]))):
                continue
            cell = table.grid[r][c]
            if cell is None or id(cell) in seen:
                continue
            seen.add(id(cell))
            t = cell_text(cell)
            if t:
                path.append(t)
        paths.append(path)
    return paths


def measure_for(rules: Sequence[tuple[str, str]], path: list[str]) -> str | None:
    """The measure of the first rule whose words the joined header path holds (reference/measures.py)."""
    joined = "".join(path)
    for spec, measure in rules:
        if header_names(spec, joined):
            return measure
    return None


@dataclass
class ColumnMap:
    """Maps the grid columns of a continuation table onto those of the block's first table, by
    horizontal overlap (a continuation page may be ruled slightly differently)."""

    first: Table

    def mapping(self, other: Table) -> list[int | None]:
        out: list[int | None] = []
        edges = self.first.col_edges
        for c in range(other.n_cols):
            # Without rules a column's boundaries are estimates: match it by where its text lies.
            a0, a1 = other.col_content[c] if other.col_content else (other.col_edges[c], other.col_edges[c + 1])
            best, best_overlap = best_overlap_of((a0, a1), edges)
            # A cell merged across columns (a 合计 label over the code and name columns on a page
            # that holds only the total row) maps to the column it covers most.
            width = min(a1 - a0, edges[best + 1] - edges[best]) if best is not None else 0
            out.append(best if best is not None and best_overlap > 0.5 * width else None)
        return out
