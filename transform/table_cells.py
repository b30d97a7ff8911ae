"""Every table on every page → `table_cells`: one row per figure printed in a table, known or not.

`line_items` maps the statements the vocabulary knows onto measures and codes; a table it does not
know, or a column it cannot name, used to be a reason to drop figures. Here nothing is dropped: each
cell of a table's body that prints a number is kept with what the page says about it — the table's
title and number as printed, the row's label and code(s), the column's header path — and, where
`line_items` read the same cell, its statement, measure and classification.

What is not a figure: header rows, the 栏次 row (column numbers), 行次/序号 columns (row numbers),
code columns and codes joined to names ("2050803-培训支出"), years. A cell printing a whole number
without separators counts only in a column that prints decimal figures too or whose header names an
amount (a 元 table prints 7099698), never in a column of counts (人数, 车辆数).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.geometry import between
from extract.model import Cell, Document, Page, Table
from reference._typing import CurrencyUnit, Phase
from reference.statements import NUMBERING_LABELS, currency_unit_of, match_title, normalise_title
from reference.titles import table_number
from reference.table_vocabulary import AMOUNT_HEADER_WORDS, COUNT_HEADER_WORDS, PERCENT_HEADER_WORDS
from transform.amounts import NotAnAmount, parse_amount, to_yuan
from transform.columns import (ColumnMap, cell_text, first_data_row, header_paths, is_code, is_numbering_row,
                               split_code)
from transform.rows import LineItem, TableCellRow
from transform.text import strip_ordinal

_YEAR = re.compile(r"^(?:19|20)\d{2}年?度?$")
_DECIMAL = re.compile(r"\d\.\d")
FIGURE_KINDS = ("decimal", "amount", "percent", "count")  # columns whose whole numbers are figures
_TITLE_WORDS = ("表", "情况", "明细")
_PAGE_NUMBER = re.compile(r"^[-—\s]*\d{1,4}[-—\s]*$|^第\s*\d+\s*页")


@dataclass
class _Caption:
    title: str | None
    number: str | None
    unit: CurrencyUnit | None
    continued: bool = False  # no title of its own above it: the previous table's, carried on


def _is_title_line(text: str) -> bool:
    t = normalise_title(text)
    return bool(match_title(text)) or (len(t) <= 60 and any(w in t for w in _TITLE_WORDS) and "单位" not in t[:4])


def _caption(page: Page, top: float, bottom: float, previous: _Caption | None) -> _Caption:
    """The title, number and 单位 printed above a table (between the previous table and this one); a
    table with nothing but a unit or a page number above it continues the previous table."""
    lines = [ln for ln in between(page.lines, top, bottom) if not _PAGE_NUMBER.match(ln.text.strip())]
    unit = next((u for ln in lines if (u := currency_unit_of(ln.text))), None)
    title = None
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text.strip()
        if _is_title_line(text):
            title = text
            # a title wrapped onto two lines: the line above belongs to it when it has no 单位
            if i and not currency_unit_of(lines[i - 1].text) and match_title(lines[i - 1].text + text) and \
                    not match_title(text):
                title = lines[i - 1].text.strip() + text
            break
    if title is None and previous is not None:
        return _Caption(previous.title, previous.number, unit or previous.unit, continued=True)
    # the number may stand on a line of its own above the title ("表1" / "公开 01 表", then "收支总表")
    number = table_number(title) or next((n for ln in reversed(lines) if len(normalise_title(ln.text)) <= 8
                                          and (n := table_number(ln.text))), None)
    return _Caption(title, number, unit)


def _header_unit(table: Table, header_rows: int) -> CurrencyUnit | None:
    """A 单位 printed inside the table's ruled header (spreadsheets rule their caption into the grid)."""
    for r in range(min(header_rows + 1, table.n_rows)):
        for cell in table.row_cells(r):
            if cell is not None and (u := currency_unit_of(cell_text(cell))):
                return u
    return None


def _caption_rows(table: Table, header_rows: int) -> int:
    """Rows at the top of a ruled grid that hold one text across the table (title, 单位 line): not header."""
    r = 0
    while r < header_rows and len({id(c) for c in table.row_cells(r) if c is not None and cell_text(c)}) <= 1:
        r += 1
    return r


def _column_kinds(table: Table, start: int, paths: list[list[str]]) -> list[str]:
    """Each grid column's kind: 'numbering', 'code', 'count', 'percent', 'decimal' (prints decimal
    figures) or 'amount' (its header names an amount) or '' (neither: whole numbers there are not kept)."""
    kinds = []
    for c in range(table.n_cols):
        path = "".join(paths[c]) if c < len(paths) else ""
        if any(t in NUMBERING_LABELS for t in (paths[c] if c < len(paths) else [])):  # 行次, 序号, 编号, 栏次
            kinds.append("numbering")
            continue
        if any(w in path for w in PERCENT_HEADER_WORDS):
            kinds.append("percent")
            continue
        if any(w in path for w in COUNT_HEADER_WORDS):
            kinds.append("count")
            continue
        if "编码" in path or "代码" in path or path in ("类", "款", "项"):
            kinds.append("code")
            continue
        texts = [cell_text(table.grid[r][c]) for r in range(start, table.n_rows)]
        if any(_DECIMAL.search(t) and _amount(t) is not None for t in texts):
            kinds.append("decimal")
        elif any(w in path for w in AMOUNT_HEADER_WORDS):
            kinds.append("amount")
        else:
            kinds.append("")
    return kinds


_DECIMALS_MAX = re.compile(r"\.\d{7,}")  # amounts print 2 to 6 decimals (万元 to the yuan cent); more is no amount


def _amount(text: str):
    if not text or not re.search(r"\d", text) or _DECIMALS_MAX.search(text):
        return None
    try:
        return parse_amount(text)
    except NotAnAmount:
        return None


def _is_figure(text: str, kind: str) -> bool:
    """A cell that prints a figure, in a column of `kind`."""
    if kind in ("numbering", "code") or _amount(text) is None:
        return False
    if _DECIMAL.search(text) or "," in text or "，" in text:
        return True
    # a whole number: a figure only where the column holds figures (never a year)
    return kind in FIGURE_KINDS and not _YEAR.match(text.strip())


def _row_context(cells: list[Cell | None], upto: int, kinds: list[str]) -> tuple[str | None, str | None]:
    """(label, codes) of the figure in grid column `upto`: the texts to its left that are not figures, back
    to the previous group's figure — a code column and a name ("2010101 | 行政运行"), 类/款/项 columns
    joined (208 05 05 → 2080505), a code joined to its name ("2050803-培训支出"), or two or three
    classifications side by side ("2013601-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资": labels and
    codes joined with " / " in printed order)."""
    texts: list[tuple[str, str]] = []
    seen: set[int] = set()
    c = upto - 1
    while c >= 0:
        cell = cells[c]
        c -= 1
        if cell is None or id(cell) in seen:
            continue
        seen.add(id(cell))
        text = cell_text(cell)
        kind = kinds[cell.col] if cell.col < len(kinds) else ""
        if not text and kind == "decimal" and texts:
            break  # the previous group's figure column, blank in this row ("二、外交支出 | | (1)工资福利支出")
        if not text or text in ("类", "款", "项") or kind == "numbering":
            continue
        # a number in a column of figures is never a label (even one not kept, such as a year)
        if _is_figure(text, kind) or (kind in FIGURE_KINDS and _amount(text) is not None):
            if texts:
                break  # the previous group's figure: this group's label and codes are all found
            continue  # a figure of the same row: the label is further left
        texts.append((text, kind))
    labels: list[str] = []
    codes: list[str] = []
    run = ""  # consecutive code columns (类 款 项) make one code
    for text, kind in reversed(texts):
        if is_code(text) or (kind == "code" and text.isdigit()):
            run += re.sub(r"\s+", "", text)
            continue
        if run:
            codes.append(run)
            run = ""
        code, name = split_code(text)
        if code:
            codes.append(code)
        labels.append(strip_ordinal(name) or name)
    if run:
        codes.append(run)
    return " / ".join(labels) or None, " / ".join(codes) or None


def table_cells(doc: Document, doc_id: str, fiscal_year: int | None, unit_name: str | None, phase: Phase,
                doc_unit: CurrencyUnit | None, line_items: list[LineItem]) -> list[TableCellRow]:
    """The figures of every table of `doc`, each mapped to its line item where `line_items` read it."""
    mapped = {(li.page, li.x0, li.top): li for li in line_items if li.x0 is not None}
    out: list[TableCellRow] = []
    previous: _Caption | None = None
    headed: tuple[Table, list[list[str]]] | None = None  # the last table that printed its header
    for page in doc.pages:
        prev_bottom = 0.0
        for ti, table in enumerate(page.tables):
            caption = _caption(page, prev_bottom, table.bbox[1], previous)
            prev_bottom = table.bbox[3]
            start = first_data_row(table)
            skip = _caption_rows(table, start)
            if caption.title is None or skip:
                inner = [cell_text(c) for r in range(skip) for c in table.row_cells(r) if c is not None]
                inner_title = next((t for t in inner if _is_title_line(t)), None)
                if inner_title:
                    caption = _Caption(inner_title, table_number(inner_title), caption.unit)
            caption.unit = caption.unit or _header_unit(table, start)
            previous = caption
            paths = header_paths(table, start)
            paths = [[t for t in p if not currency_unit_of(t) and not _is_title_line(t)] for p in paths]
            if start > skip and any(paths) or not caption.continued:
                headed = (table, paths)  # (a table under its own title never takes another table's columns)
            elif headed is not None:  # a continuation page without its header: the first page's columns
                paths = _mapped_paths(headed, table)
            kinds = _column_kinds(table, start, paths)
            unit = caption.unit or doc_unit
            for r in range(start, table.n_rows):
                row = table.grid[r]
                if is_numbering_row([cell_text(c) for c in table.row_cells(r)]):
                    continue
                for c, cell in enumerate(row):
                    if cell is None or cell.row != r or cell.col != c:
                        continue  # a merged cell is read once, at its first position
                    text = cell_text(cell)
                    kind = kinds[c]
                    if not _is_figure(text, kind):
                        continue
                    label, codes = _row_context(row, c, kinds)
                    box = tuple(round(float(v), 2) for v in cell.bbox)
                    li = mapped.get((page.number, box[0], box[1]))
                    value = parse_amount(text)
                    money = unit if kind not in ("percent", "count") else None
                    out.append(TableCellRow(
                        doc_id=doc_id, fiscal_year=fiscal_year, unit_name=unit_name, page=page.number,
                        table_index=ti, table_title=caption.title, table_number=caption.number,
                        row=r, col=c, row_label=label, codes=codes, header_path=" / ".join(paths[c]) or None,
                        amount_printed=text, value=value, amount_yuan=to_yuan(value, money) if money else None,
                        currency_unit=money, value_kind="percent" if kind == "percent" else
                        "count" if kind == "count" else "amount",
                        x0=box[0], top=box[1], x1=box[2], bottom=box[3], phase=phase,
                        statement=li.statement if li else _statement_of(caption.title),
                        measure=li.measure if li else None, classification=li.classification if li else None,
                        code=li.code if li else None, source="ocr" if page.ocr else "text_layer"))
    return out


def _statement_of(title: str | None) -> str | None:
    m = match_title(title) if title else None
    return m.key if m else None


def _mapped_paths(headed: tuple[Table, list[list[str]]], table: Table) -> list[list[str]]:
    first, paths = headed
    mapping = ColumnMap(first).mapping(table)
    return [paths[k] if k is not None and k < len(paths) else [] for k in mapping]
