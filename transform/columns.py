"""What each column of a statement's table holds, read from its printed header.

The header is the block of rows above the first data row. Each grid column gets its header path:
the texts of the header cells covering it, top to bottom ("本年支出" over "合计" → "本年支出合计").
Measures are named from that path by per-statement rules; a column whose header no rule knows is
reported, and its figures are not stored under a guessed name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.model import Cell, Table
from transform.amounts import looks_like_amount
from transform.text import has_ordinal, squash

CODE_RE = re.compile(r"^\d{3}(?:\s*\d{2}){0,2}$")
TOTAL_LABELS = {"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计", "小计"}
CODE_HEADER_NOISE = {"类", "款", "项"}

# (substring of the header path, measure), first match wins.
MEASURE_RULES: dict[str, list[tuple[str, str]]] = {
    "income": [("本年收入合计", "total"), ("合计", "total"), ("财政拨款", "fiscal_appropriation"),
               ("上级补助", "superior_subsidy"), ("事业收入", "business"), ("经营收入", "operating"),
               ("附属单位", "affiliated_remittance"), ("其他收入", "other")],
    "expenditure": [("本年支出合计", "total"), ("合计", "total"), ("基本支出", "basic"), ("项目支出", "project"),
                    ("上缴上级", "remit_to_superior"), ("经营支出", "operating"),
                    ("附属单位", "subsidy_to_affiliated")],
    "gpb_expenditure": [("年初预算", "budget_initial"), ("全年预算", "budget_full_year"), ("基本支出", "basic"),
                        ("项目支出", "project"), ("合计", "total"), ("决算", "total")],
    "government_fund": [("年初结转", "opening_balance"), ("年末结转", "closing_balance"), ("本年收入", "income"),
                        ("基本支出", "basic"), ("项目支出", "project"), ("本年支出", "expenditure_total")],
    "fiscal_summary_expenditure": [("一般公共预算", "general_public_budget"), ("政府性基金", "government_fund"),
                                   ("国有资本", "soe_capital"), ("合计", "total"), ("决算数", "total")],
}
MEASURE_RULES["soe_capital"] = MEASURE_RULES["government_fund"]


def cell_text(cell: Cell | None) -> str:
    return squash(cell.text) if cell is not None else ""


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(text.strip()))


def is_data_row(table: Table, r: int) -> bool:
    """A row with a code, a decimal amount, or a row label (ordinal or total) in its first cell.
    Only the first cell may be a total label: "本年收入合计" is also a column header."""
    texts = [cell_text(c) for c in table.row_cells(r)]
    texts = [t for t in texts if t]
    if not texts:
        return False
    lead = texts[0]
    if is_code(lead) or lead in TOTAL_LABELS or has_ordinal(lead):
        return True
    return any(is_code(t) or ("." in t and looks_like_amount(t)) for t in texts)


def first_data_row(table: Table) -> int:
    for r in range(table.n_rows):
        if is_data_row(table, r):
            return r
    return table.n_rows


def header_paths(table: Table, header_rows: int) -> list[list[str]]:
    """Header texts over each grid column. The first data row is scanned too: some filings print the
    last header level ("合计 | 基本支出 | 项目支出" under "本年支出") in the row of the 合计 figures."""
    paths: list[list[str]] = []
    for c in range(table.n_cols):
        path: list[str] = []
        seen: set[int] = set()
        for r in range(min(header_rows + 1, table.n_rows)):
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


def measure_for(rules: list[tuple[str, str]], path: list[str]) -> str | None:
    joined = "".join(path)
    for needle, measure in rules:
        if needle in joined:
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
            a0, a1 = other.col_edges[c], other.col_edges[c + 1]
            best, best_overlap = None, 0.0
            for k in range(self.first.n_cols):
                ov = min(a1, edges[k + 1]) - max(a0, edges[k])
                if ov > best_overlap:
                    best, best_overlap = k, ov
            # A cell merged across columns (a 合计 label over the code and name columns on a page
            # that holds only the total row) maps to the column it covers most.
            width = min(a1 - a0, edges[best + 1] - edges[best]) if best is not None else 0
            out.append(best if best is not None and best_overlap > 0.5 * width else None)
        return out
