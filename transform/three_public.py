"""The 三公 table (表7) → line items: one wide row of 预算数 / 决算数 figures for 合计 and its parts.

Printed in either order: items first (合计 | 因公出国（境）费 | 公务用车… each over 预算数 | 决算数, the
Shanghai template) or measures first (a 预算数 group and a 决算数 group, the six items under each, the
national template). Each column is named by its header path: the measure by the level saying 预算 or
决算, the item by the deepest level naming one (reference.statements.THREE_PUBLIC_ITEMS).
"""
from __future__ import annotations

import re

from extract.model import Table
from reference._typing import StatementStatus
from reference.statements import THREE_PUBLIC_ITEMS
from transform.amounts import looks_like_amount
from transform.columns import cell_text, header_paths, is_numbering, is_numbering_row
from transform.line_items import Sink, _figure_cell
from transform.statements import Block

_MEASURE_WORD = re.compile(r"[预决]算数?")


def column(path: list[str]) -> tuple[str, str] | None:
    """(item, measure) of a column from its header path, or None."""
    measure = "budget" if any("预算" in t for t in path) else "final" if any("决算" in t for t in path) else None
    # The measure word is taken off a header rather than the header dropped: a budget prints its last
    # column as one cell, 机关运行经费预算数.
    names = [t for t in (_MEASURE_WORD.sub("", t) for t in path) if t and "三公" not in t]
    for t in reversed(names):  # the deepest header names the item
        for needle, item in THREE_PUBLIC_ITEMS:
            if needle in t:
                return (item, measure) if measure else None
    return None


def data_start(table: Table) -> int:
    """The first row of figures: every cell printed in it is an amount (or a dash); a 栏次 row of
    column numbers is header."""
    if table.header_rows is not None:
        return table.header_rows
    for r in range(table.n_rows):
        texts = [t for t in (cell_text(c) for c in table.row_cells(r)) if t]
        if texts and not is_numbering_row(texts) and all(looks_like_amount(t) or t in "-—－/" for t in texts):
            return r
    return table.n_rows


def three_public_rows(block: Block, sink: Sink) -> StatementStatus:
    first = block.tables[0]
    start = data_start(first)
    paths = header_paths(first, min(start, first.n_rows))
    columns = [(c, col) for c in range(first.n_cols) if not is_numbering(paths[c]) and (col := column(paths[c]))]
    data = [r for r in range(start, first.n_rows)
            if any(cell_text(_figure_cell(first.grid[r][c], r)) for c, _ in columns)]
    if not columns:
        if start >= first.n_rows:
            return "empty"
        return sink.unreadable(first.page, "its header names no 预算数 / 决算数 columns of the 三公 items")
    if not data:
        return "empty"
    for r in data:
        for c, (item, measure) in columns:
            sink.add(first.page, None, None, None, item, [(measure, "".join(paths[c]), _figure_cell(first.grid[r][c], r))])
    return "data"
