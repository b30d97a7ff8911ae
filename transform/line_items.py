"""Statement blocks → `line_items` rows, one per printed figure.

Four table shapes cover the nine tables (reference/statements.py names each statement's shape):
- coded tables (2, 3, 5, 8, 9): code column(s), a name column, measure columns;
- two-sided tables (1, 4): income labels and amounts left, expenditure by 类 right;
- economic groups (6): [code, name, 决算数] repeated two or three times side by side;
- the 三公 table (7): one wide row of 预算数/决算数 pairs (transform/three_public.py).
A figure is stored only from a column whose header names a known measure: 行次/序号 columns and the
栏次 row number the template's rows and columns, and are never read as figures. A blank cell in a
labelled row is a printed zero; a cell that is not a number is reported and left out. Each reader
returns the statement's status: data, empty (no figure printed) or unreadable (with the reason among
the sink's problems).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.model import Cell, Table
from reference._typing import CurrencyUnit, Phase, StatementStatus
from reference.catalog import function_class_code
from reference.statements import BY_KEY, CODE_LEVELS, HEADER_WORDS, NUMBERING_LABELS
from transform.amounts import NotAnAmount, parse_amount, to_yuan
from transform.columns import (CODE_HEADER_NOISE, TOTAL_LABELS, ColumnMap, cell_text, first_data_row, header_paths,
                               is_code, is_numbering, is_numbering_row, measure_for, measure_rules, split_code)
from transform.name_codes import NamePathCoder
from transform.rows import LineItem
from transform.statements import Block
from transform.text import has_ordinal, strip_ordinal


NOT_LINE_ITEMS = "its figures are not in line_items (table_cells keeps them as printed)"
MISSING = "its figures are missing"


@dataclass
class Context:
    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    phase: Phase = "final"


@dataclass
class Sink:
    ctx: Context
    statement: str
    currency_unit: CurrencyUnit
    items: list[LineItem] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    row: int = 0

    @property
    def label(self) -> str:
        return BY_KEY[self.statement].label_in(self.ctx.phase)

    def unreadable(self, page: int, reason: str) -> StatementStatus:
        """Record why the statement's figures could not be read as line items; its status is then
        unreadable. The table's figures are still in table_cells (every printed table is kept there),
        so the sentence sends the reader there rather than calling them missing."""
        self.problems.append(f"{self.label} is printed on p.{page} but {reason}; {NOT_LINE_ITEMS}")
        return "unreadable"

    def add(self, page: int, side, classification, code, item: str, figures, code_origin: str | None = None) -> None:
        """One printed row (one side of it): figures are (measure, printed header, cell). code_origin:
        'catalogue' for a code given by the printed name (transform/name_codes.py); else printed."""
        self.row += 1
        if code and code_origin is None:
            code_origin = "printed"
        level = None
        if code:
            level = CODE_LEVELS.get(len(code))
        for measure, label, cell in figures:
            text = cell_text(cell)
            try:
                amount = parse_amount(text)
            except NotAnAmount:
                self.problems.append(
                    f"{self.label} p.{page}: the {label or measure} cell of row “{item}” "
                    f"reads “{text}”, which is not an amount; that figure was left out")
                continue
            box = box_fields(cell)
            self.items.append(LineItem(
                doc_id=self.ctx.doc_id, fiscal_year=self.ctx.fiscal_year, unit_name=self.ctx.unit_name,
                statement=self.statement, side=side, classification=classification if code else None,
                code=code, code_level=level, item=item, measure=measure, measure_label=label or "",
                amount_yuan=to_yuan(amount, self.currency_unit), page=page, row=self.row,
                amount_printed=text, currency_unit=self.currency_unit, x0=box["x0"], top=box["top"],
                x1=box["x1"], bottom=box["bottom"], phase=self.ctx.phase, code_origin=code_origin if code else None))


def box_fields(cell: Cell | None) -> dict[str, float | None]:
    """x0, top, x1, bottom of a figure's cell in PDF points (to 0.01 pt), or None for a blank without one."""
    if cell is None:
        return {"x0": None, "top": None, "x1": None, "bottom": None}
    x0, top, x1, bottom = (round(float(v), 2) for v in cell.bbox)
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}


def _continuation_start(table: Table) -> int:
    """Leading rows of a continuation table that repeat the header."""
    if table.header_rows is not None:
        return table.header_rows
    data, r = first_data_row(table), 0
    while r < data and (any(w in cell_text(c) for c in table.row_cells(r) for w in HEADER_WORDS)
                        or is_numbering_row([cell_text(c) for c in table.row_cells(r)])):
        r += 1
    return r


def logical_rows(block: Block):
    """(page, {first-table column: cell}) for each data row of the block, across its pages."""
    first = block.tables[0]
    colmap = ColumnMap(first)
    for ti, table in enumerate(block.tables):
        if ti == 0:
            mapping: list[int | None]
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

def _filled(block: Block) -> dict[int, int]:
    """first-table column → how many cells of the block's rows print something in it."""
    counts: dict[int, int] = {}
    for _, r, cells in logical_rows(block):
        for c, cell in cells.items():
            if cell_text(_figure_cell(cell, r)):
                counts[c] = counts.get(c, 0) + 1
    return counts


def _measures(sink: Sink, block: Block, paths: list[list[str]], cols, side=None) -> list[tuple[int, str, str]]:
    """(column, measure, printed header) of the columns whose header names a measure; a column of row
    numbers is passed over, any other unknown column is reported. A header cell over two grid columns
    names one measure: it is read from the column that prints figures."""
    first = block.tables[0]
    rules = measure_rules(sink.statement, side, sink.ctx.phase)
    named: dict[str, list[int]] = {}
    for c in cols:
        if is_numbering(paths[c]):
            continue
        m = measure_for(rules, paths[c])
        if m is None:
            if paths[c]:
                sink.problems.append(f"{sink.label} p.{first.page}: column “{''.join(paths[c])}” is not a known "
                                     "measure; its figures were left out")
            continue
        named.setdefault(m, []).append(c)
    filled = _filled(block) if any(len(v) > 1 for v in named.values()) else {}
    measures = []
    for m, cs in named.items():
        c = max(cs, key=lambda c: (filled.get(c, 0), -c)) if len(cs) > 1 else cs[0]
        measures.append((c, m, "".join(paths[c])))
    return sorted(measures)


def coded_rows(block: Block, sink: Sink) -> StatementStatus:
    first = block.tables[0]
    paths = header_paths(first, first_data_row(first))
    name_col = next((c for c, p in enumerate(paths) if any("名称" in t for t in p)), None)
    if name_col is None:
        crossed = [next(t for t in p if "分类" in t) for p in paths if any("分类" in t for t in p)]
        if len(crossed) >= 2:  # 北京's 支出总表: 功能 / 政府经济 / 部门经济 codes side by side
            return sink.unreadable(first.page, f"it prints one row per combination of {len(crossed)} "
                                   f"classifications ({' / '.join(crossed)}), not one figure per code")
        return sink.unreadable(first.page, "its header names no 科目名称 column")
    code_cols = [c for c in range(name_col)
                 if not is_numbering(paths[c]) and any(("编码" in t or "分类" in t or t in CODE_HEADER_NOISE) for t in paths[c])]
    measures = _measures(sink, block, paths, range(name_col + 1, first.n_cols))
    if not measures:
        return sink.unreadable(first.page, "its header names no column of a known measure")
    if _block_is_blank(block, [c for c, _, _ in measures], paths):
        return "empty"
    classification = BY_KEY[sink.statement].classification or "function"
    rows = []
    for page, r, cells in logical_rows(block):
        code_text = _code_text(cells, code_cols)
        name = strip_ordinal(cell_text(cells.get(name_col)))
        if not code_text and name:
            joined, rest = split_code(name)  # "[2010301]行政运行", "2050803-培训支出"
            if joined:
                code_text, name = joined, rest
            elif is_code(name.split()[0] if name.split() else ""):
                code_text, name = name, ""
        if code_text or name:
            rows.append((page, r, cells, code_text, name))
    # names alone, indented by level (杭州): the codes of the national catalogue, walked in printed order
    by_name = NamePathCoder(sink.ctx.fiscal_year) if classification == "function" and not any(
        row[3] for row in rows) else None
    for page, r, cells, code_text, name in rows:
        code = code_text if code_text.isdigit() else None
        if code_text and not code:
            if code_text not in TOTAL_LABELS and code_text != name:
                sink.problems.append(f"{sink.label} p.{page}: code “{code_text}” of row “{name}” "
                                     "is not a classification code; the row is stored without a code")
            name = name or code_text
        elif code and len(code) not in (3, 5, 7):
            sink.problems.append(f"{sink.label} p.{page}: code “{code}” of row “{name}” has "
                                 f"{len(code)} digits; the row is stored without a code")
            code = None
        source = None
        if name in TOTAL_LABELS:
            code = None
            if by_name:
                by_name.reset()
        elif by_name:
            code = by_name.code_for(name)
            source = "catalogue"
        sink.add(page, None, classification, code, name,
                 [(m, label, _figure_cell(cells.get(c), r, paths[c])) for c, m, label in measures], source)
    return "data"


# --- two-sided tables (1, 4) ------------------------------------------------------------------

def _is_label_column(path: list[str]) -> bool:
    return any(t == "项目" or t.endswith("项目") for t in path)


def _sides(paths: list[list[str]]) -> dict[int, str]:
    """Each column's side, from the 收入 / 支出 labels over them; without those, the table's second
    项目 column starts the expenditure side."""
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
    if not side:
        labels = [c for c, p in enumerate(paths) if _is_label_column(p)]
        if len(labels) == 2:
            side = {c: "income" if c < labels[1] else "expenditure" for c in range(labels[0], len(paths))}
    return side


def two_sided_rows(block: Block, sink: Sink) -> StatementStatus:
    first = block.tables[0]
    paths = header_paths(first, first_data_row(first))
    sides = _sides(paths)
    layout: dict[str, tuple[int, list[tuple[int, str, str]]]] = {}
    for side in ("income", "expenditure"):
        cols = [c for c in sorted(sides) if sides[c] == side]
        if not cols:
            return sink.unreadable(first.page, f"its header shows no {side} side (收入 | 支出)")
        label_col = next((c for c in cols if _is_label_column(paths[c])), cols[0])
        measures = [(c, m, "".join(paths[c][1:]) or label)
                    for c, m, label in _measures(sink, block, paths, [c for c in cols if c != label_col], side)]
        if not measures:
            return sink.unreadable(first.page, f"its {side} side has no column of a known measure")
        layout[side] = (label_col, measures)
    parents: dict[str, str | None] = {"income": None, "expenditure": None}
    for page, r, cells in logical_rows(block):
        for side, (label_col, measures) in layout.items():
            raw = cell_text(cells.get(label_col))
            if not raw or raw in NUMBERING_LABELS:
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
            sink.add(page, side, "function", code, item,  # a 类 code here is its printed name's
                     [(m, lbl, _figure_cell(cells.get(c), r, paths[c])) for c, m, lbl in measures], "catalogue")
    return "data"


# --- economic groups (6) ----------------------------------------------------------------------

def economic_rows(block: Block, sink: Sink) -> StatementStatus:
    first = block.tables[0]
    paths = header_paths(first, first_data_row(first))
    rules = measure_rules(sink.statement, None, sink.ctx.phase)
    groups: list[dict] = []
    for c, p in enumerate(paths):
        joined = "".join(p)
        if is_numbering(p):
            continue
        if "名称" in joined:
            kind = "name"
        elif "编码" in joined or "分类" in joined or joined in CODE_HEADER_NOISE:
            kind = "code"
        elif measure_for(rules, p):
            kind = "amount"
        else:
            if joined:
                sink.problems.append(f"{sink.label} p.{first.page}: column “{joined}” is not a known measure; "
                                     "its figures were left out")
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
        return sink.unreadable(first.page, "its header shows no 科目名称 | 决算数 column groups")
    if _block_is_blank(block, [g["amount"] for g in groups], paths):
        return "empty"
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
                sink.problems.append(f"{sink.label} p.{page}: code “{code_text}” of row “{name}” is not an economic "
                                     "code; the row is stored without a code")
            item = name or code_text
            sink.add(page, None, "economic", code, item, [("amount", label, _figure_cell(cell, r))])
    return "data"
