"""What `documents` says about the tables of a filing as a whole: pages whose figures were not stored,
and a filing stored without its unit or year (and how to name it).

A document is `ok` only when every page that prints a table's figures has them stored: a page that prints
a 单位 line and a run of figures outside any table the readers could find is named, so a person can look
at it, instead of the file passing as complete.
"""
from __future__ import annotations

import re

from extract.model import Document
from reference.statements import currency_unit_of
from transform.amounts import parse_amount
from transform.rows import LineItem, TableCellRow

# A figure printed with decimals or thousands separators (a plain integer may be a year, a code, a 行次).
_FIGURE = re.compile(r"(?<![\d.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.,])|(?<![\d.,])-?\d+\.\d+(?![\d.,])")
# ... unless the sentence says what it is: a narrative's "12.5万元", "3.2%".
_NARRATIVE_AFTER = re.compile(r"\s*(?:万|亿|元|%|％|个百分点|人|辆|次)")
LOOSE_FIGURES = 6  # figures outside any table that make a page a table page the readers missed


def _loose_figures(text: str) -> int:
    return sum(1 for m in _FIGURE.finditer(text) if not _NARRATIVE_AFTER.match(text, m.end()))


def unread_table_pages(doc: Document, cells: list[TableCellRow]) -> list[str]:
    """A sentence naming the pages that print a table's figures (a 单位 line, and figures outside any table
    read) of which nothing is stored; none when there are none."""
    stored = {c.page for c in cells}
    missed = []
    for page in doc.pages:
        if page.number in stored or page.ocr:
            continue
        text = page.text
        if _loose_figures(text) >= LOOSE_FIGURES and currency_unit_of(text):
            missed.append(page.number)
    if not missed:
        return []
    shown = ", ".join(str(n) for n in missed[:10]) + (f" and {len(missed) - 10} more" if len(missed) > 10 else "")
    return [f"page{'s' if len(missed) > 1 else ''} {shown} print{'' if len(missed) > 1 else 's'} a table's figures "
            f"that no table reader could read; they are not stored — open the page to check its layout"]


def kept_cells(cells: list[TableCellRow], doc: Document, items: list[LineItem]) -> list[TableCellRow]:
    """The cells to store: all of a trusted page's; on a page read by OCR or whose text layer is not to
    be trusted, only those of a line item the filing's identities proved (transform/trust.py), as that
    line item was stored (its source, its reading)."""
    flagged = {p.number for p in doc.pages if p.text_flags}
    if not flagged:
        return cells
    kept = {(li.page, li.x0, li.top): li for li in items if li.page in flagged and li.x0 is not None}
    out = []
    for c in cells:
        if c.page not in flagged:
            out.append(c)
        elif (li := kept.get((c.page, c.x0, c.top))) is not None and li.amount_printed:
            c.amount_printed, c.amount_yuan, c.source = li.amount_printed, li.amount_yuan, li.source
            c.value = parse_amount(li.amount_printed)
            out.append(c)
    return out


UNNAMED = "could not be found in it, so its figures are stored under its doc_id"


def unnamed_sentence(unit_name: str | None, fiscal_year: int | None) -> str:
    """documents.error for a filing whose unit or year is printed nowhere the parser looks."""
    what = " and ".join(w for w, v in (("unit", unit_name), ("year", fiscal_year)) if not v)
    hints = ", ".join(h for h, v in (("unit_name", unit_name), ("fiscal_year", fiscal_year)) if not v)
    return (f"the filing's {what} {UNNAMED} with the "
            f"{what} left empty — name it with a manifest's {hints} hint{'s' if ',' in hints else ''} and ingest it "
            f"again (it is not parsed twice)")
