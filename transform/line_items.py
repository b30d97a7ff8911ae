"""Statement blocks → `line_items` rows, one per printed figure.

Four table shapes cover the nine tables:
- coded tables (2, 3, 5, 8, 9): code column(s), a name column, measure columns;
- two-sided tables (1, 4): income labels and amounts left, expenditure by 类 right;
- economic groups (6): [code, name, 决算数] repeated two or three times side by side;
- the 三公 table (7): one wide row of 预算数/决算数 pairs.
A blank cell in a labelled row is a printed zero; a cell that is not a number is reported and left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Cell, Table
from reference.catalog import function_class_code
from transform.amounts import NotAnAmount, parse_amount, to_yuan
from transform.columns import (CODE_HEADER_NOISE, MEASURE_RULES, TOTAL_LABELS, ColumnMap, cell_text,
                               first_data_row, header_paths, is_code, measure_for)
from transform.rows import LineItem
from transform.statements import NUMBERS, Block
from transform.text import has_ordinal, strip_ordinal

STRONG_HEADER_WORDS = ("科目编码", "科目名称", "决算数", "预算数", "项目")


@dataclass
class Context:
    doc_id: str
    fiscal_year: int | None
    unit_name: str | None


@dataclass
class Sink:
    ctx: Context
    statement: str
    currency_unit: str
    items: list[LineItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    row: int = 0

    def add(self, page: int, side, classification, code, item: str, figures) -> None:
        """One printed row (one side of it): figures are (measure, printed header, cell)."""
        self.row += 1
        level = None
        if code:
            level = {3: 1, 5: 2, 7: 3}.get(len(code))
        for measure, label, cell in figures:
            text = cell_text(cell)
            try:
                amount = parse_amount(text)
            except NotAnAmount:
                self.problems.append(
                    f"表{NUMBERS[self.statement]} page {page}: the {label or measure} cell of row “{item}” "
                    f"reads “{text}”, which is not an amount; that figure was left out")
                continue
            self.items.append(LineItem(
                doc_id=self.ctx.doc_id, fiscal_year=self.ctx.fiscal_year, unit_name=self.ctx.unit_name,
                statement=self.statement, side=side, classification=classification if code else None,
                code=code, code_level=level, item=item, measure=measure, measure_label=label or "",
                amount_yuan=to_yuan(amount, self.currency_unit), page=page, row=self.row,
                amount_printed=text, currency_unit=self.currency_unit))


def _continuation_start(table: Table) -> int:
    """Leading rows of a continuation table that repeat the header."""
    data, r = first_data_row(table), 0
    while r < data and any(w in cell_text(c) for c in table.row_cells(r) for w in STRONG_HEADER_WORDS):
        r += 1
    return r


def logical_rows(block: Block):
    """(page, {first-table column: cell}) for each data row of the block, across its pages."""
    first = block.tables[0]
    colmap = ColumnMap(first)
    for ti, table in enumerate(block.tables):
        if ti == 0:
            start, mapping = first_data_row(table), list(range(table.n_cols))
        else:
            start, mapping = _continuation_start(table), colmap.mapping(table)
        for r in range(start, table.n_rows):
            cells: dict[int, Cell | None] = {}
            for c in range(table.n_cols):
                k = mapping[c]
                if k is not None and k not in cells:
                    cells[k] = table.grid[r][c]
            yield table.page, r, cells


def _figure_cell(cell: Cell | None, r: int, header: list[str] | None = None) -> Cell | None:
    """The cell holding a figure at grid row r, or None for a blank. A cell merged over several
    grid rows holds one figure, read at its first row only; a cell repeating its column's header
    word (a header level printed inside the 合计 row) holds none."""
    if cell is None or cell.row != r:
        return None
    if header and cell_text(cell) in header:
        return None
    return cell


def _block_is_blank(block: Block, measure_cols: list[int], paths: list[list[str]]) -> bool:
    for _, r, cells in logical_rows(block):
        for c in measure_cols:
            if cell_text(_figure_cell(cells.get(c), r, paths[c])):
                return False
    return True


def _code_text(cells: dict, code_cols: list[int]) -> str:
    """The code printed over one or more code columns ("208" "05" "05" → "2080505"); a label merged
    across the code columns (合计) is read once; the header letters 类/款/项 are not a code."""
    parts, seen = [], set()
    for c in code_cols:
        cell = cells.get(c)
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        t = cell_text(cell)
        if t and t not in CODE_HEADER_NOISE:
            parts.append(t)
    return "".join(parts)


# --- coded tables (2, 3, 5, 8, 9) -------------------------------------------------------------

def coded_rows(block: Block, sink: Sink) -> bool:
    """Returns False when the table prints no figure at all (an empty table)."""
    first = block.tables[0]
    paths = header_paths(first, first_data_row(first))
    name_col = next((c for c, p in enumerate(paths) if any("名称" in t for t in p)), None)
    if name_col is None:
        sink.problems.append(f"表{NUMBERS[sink.statement]} page {first.page}: no 科目名称 column in the header; "
                             "the table was not read")
        return True
    code_cols = [c for c in range(name_col) if any(("编码" in t or "分类" in t or t in CODE_HEADER_NOISE) for t in paths[c])]
    rules = MEASURE_RULES[sink.statement]
    measures: list[tuple[int, str, str]] = []
    for c in range(name_col + 1, first.n_cols):
        m = measure_for(rules, paths[c])
        if m is None:
            if paths[c]:
                sink.problems.append(f"表{NUMBERS[sink.statement]} page {first.page}: column “{''.join(paths[c])}” "
                                     "is not a known measure; its figures were left out")
            continue
        if any(m == have for _, have, _ in measures):
            continue  # a header cell merged over two grid columns: one measure
        measures.append((c, m, "".join(paths[c])))
    if _block_is_blank(block, [c for c, _, _ in measures], paths):
        return False
    for page, r, cells in logical_rows(block):
        code_text = _code_text(cells, code_cols)
        name = strip_ordinal(cell_text(cells.get(name_col)))
        if not code_text and name and is_code(name.split()[0] if name.split() else ""):
            code_text, name = name, ""
        if not code_text and not name:
            continue
        code = code_text if code_text.isdigit() else None
        if code_text and not code:
            if code_text not in TOTAL_LABELS and code_text != name:
                sink.problems.append(f"表{NUMBERS[sink.statement]} page {page}: code “{code_text}” of row “{name}” "
                                     "is not a classification code; the row is stored without a code")
            name = name or code_text
        elif code and len(code) not in (3, 5, 7):
            sink.problems.append(f"表{NUMBERS[sink.statement]} page {page}: code “{code}” of row “{name}” has "
                                 f"{len(code)} digits; the row is stored without a code")
            code = None
        if name in TOTAL_LABELS:
            code = None
        sink.add(page, None, "function", code, name,
                 [(m, label, _figure_cell(cells.get(c), r, paths[c])) for c, m, label in measures])
    return True


# --- two-sided tables (1, 4) ------------------------------------------------------------------

def _sides(paths: list[list[str]]) -> dict[int, str]:
    side: dict[int, str] = {}
    current = None
    for c, p in enumerate(paths):
        top = p[0] if p else ""
        if top.startswith("收入"):
            current = "income"
        elif top.startswith("支出"):
            current = "expenditure"
        if current:
            side[c] = current
    return side


def two_sided_rows(block: Block, sink: Sink) -> bool:
    first = block.tables[0]
    paths = header_paths(first, first_data_row(first))
    sides = _sides(paths)
    layout: dict[str, tuple[int, list[tuple[int, str, str]]]] = {}
    for side in ("income", "expenditure"):
        cols = [c for c in sorted(sides) if sides[c] == side]
        if not cols:
            sink.problems.append(f"表{NUMBERS[sink.statement]} page {first.page}: no {side} side found in the header; "
                                 "the table was not read")
            return True
        label_col = next((c for c in cols if any(t == "项目" or t.endswith("项目") for t in paths[c])), cols[0])
        measures = []
        for c in cols:
            if c == label_col:
                continue
            if sink.statement == "fiscal_summary" and side == "expenditure":
                m = measure_for(MEASURE_RULES["fiscal_summary_expenditure"], paths[c][1:] or paths[c])
            else:
                m = "amount"
            if m and not any(m == have for _, have, _ in measures):
                measures.append((c, m, "".join(paths[c][1:]) or "".join(paths[c])))
        layout[side] = (label_col, measures)
    parents = {"income": None, "expenditure": None}
    for page, r, cells in logical_rows(block):
        for side, (label_col, measures) in layout.items():
            raw = cell_text(cells.get(label_col))
            if not raw:
                continue
            label = strip_ordinal(raw)
            if "结转和结余" in label or label in TOTAL_LABELS or "结余分配" in label:
                parents[side] = label if "结转和结余" in label else None
                item, code = label, None
            elif parents[side] and has_ordinal(raw):
                item, code = f"{parents[side]}/{label}", None
            else:
                parents[side] = None
                item = label
                code = function_class_code(label, sink.ctx.fiscal_year) if side == "expenditure" else None
            sink.add(page, side, "function", code, item,
                     [(m, lbl, _figure_cell(cells.get(c), r, paths[c])) for c, m, lbl in measures])
    return True


# --- economic groups (6) ----------------------------------------------------------------------

def economic_rows(block: Block, sink: Sink) -> bool:
    first = block.tables[0]
    paths = header_paths(first, first_data_row(first))
    groups: list[dict] = []
    for c, p in enumerate(paths):
        joined = "".join(p)
        if "名称" in joined:
            kind = "name"
        elif "编码" in joined or "分类" in joined or joined in CODE_HEADER_NOISE:
            kind = "code"
        elif joined:
            kind = "amount"
        else:
            continue
        if kind == "code" and (not groups or groups[-1]["amount"] is not None):
            groups.append({"code": [], "name": None, "amount": None, "label": ""})
        if not groups:
            continue
        g = groups[-1]
        if kind == "code":
            g["code"].append(c)
        elif kind == "name":
            g["name"] = c
        elif g["amount"] is None:
            g["amount"], g["label"] = c, joined
    groups = [g for g in groups if g["name"] is not None and g["amount"] is not None]
    if not groups:
        sink.problems.append(f"表6 page {first.page}: no 科目名称/决算数 column groups in the header; the table was not read")
        return True
    if _block_is_blank(block, [g["amount"] for g in groups], paths):
        return False
    rows_by_group: list[list] = [[] for _ in groups]
    for page, r, cells in logical_rows(block):
        for gi, g in enumerate(groups):
            code_text = _code_text(cells, g["code"])
            name = cell_text(cells.get(g["name"]))
            if not code_text and not name:
                continue
            rows_by_group[gi].append((page, r, code_text, name, cells.get(g["amount"]), g["label"]))
    # Reading order: the whole left group first, then the next group, as the filing is read.
    for group_rows in rows_by_group:
        for page, r, code_text, name, cell, label in group_rows:
            code = code_text if code_text.isdigit() and len(code_text) in (3, 5) else None
            if code_text and not code and code_text not in TOTAL_LABELS:
                sink.problems.append(f"表6 page {page}: code “{code_text}” of row “{name}” is not an economic code; "
                                     "the row is stored without a code")
            item = name or code_text
            sink.add(page, None, "economic", code, item, [("amount", label, _figure_cell(cell, r))])
    return True


# --- 三公 (7) -----------------------------------------------------------------------------------

THREE_PUBLIC_ITEMS = [("购置及运行", "公务用车购置及运行维护费"), ("小计", "公务用车购置及运行维护费"),
                      ("购置费", "公务用车购置费"), ("运行", "公务用车运行维护费"),
                      ("出国", "因公出国（境）费"), ("接待", "公务接待费"), ("合计", "合计")]


def _three_public_column(path: list[str]) -> tuple[str, str] | None:
    measure = "budget" if any("预算" in t for t in path) else "final" if any("决算" in t for t in path) else None
    names = [t for t in path if "预算" not in t and "决算" not in t and "三公" not in t]
    for t in reversed(names):  # the deepest header names the item
        for needle, item in THREE_PUBLIC_ITEMS:
            if needle in t:
                return (item, measure) if measure else None
    return None


def three_public_rows(block: Block, sink: Sink) -> bool:
    first = block.tables[0]
    header_end = next((r for r in range(first.n_rows)
                       if any("预算数" in cell_text(c) or "决算数" in cell_text(c) for c in first.row_cells(r))), None)
    if header_end is None:
        sink.problems.append(f"表7 page {first.page}: no 预算数/决算数 header row; the table was not read")
        return True
    paths = header_paths(first, header_end + 1)
    columns = [(c, col) for c in range(first.n_cols) if (col := _three_public_column(paths[c]))]
    data = [(first.page, r, first.grid[r]) for r in range(header_end + 1, first.n_rows)]
    data = [(p, r, row) for p, r, row in data if any(cell_text(_figure_cell(row[c], r)) for c, _ in columns)]
    if not data:
        return False
    for page, r, row in data:
        for c, (item, measure) in columns:
            sink.add(page, None, None, None, item, [(measure, "".join(paths[c]), _figure_cell(row[c], r))])
    return True


READERS = {
    "income_expenditure_summary": two_sided_rows,
    "income": coded_rows,
    "expenditure": coded_rows,
    "fiscal_summary": two_sided_rows,
    "gpb_expenditure": coded_rows,
    "gpb_basic_expenditure": economic_rows,
    "three_public": three_public_rows,
    "government_fund": coded_rows,
    "soe_capital": coded_rows,
}
