"""Document models typed in a test: a cover naming the unit and year, and pages of ruled tables given
as rows of cell texts, for transform/'s unit tests."""
from __future__ import annotations

from extract.model import Cell, Document, Line, Page, Table


def grid(page: int, rows: list[list[str]], top: float = 120.0) -> Table:
    """A ruled table, one grid cell per text ("" for a blank cell)."""
    cells, out = [], []
    for r, texts in enumerate(rows):
        line = []
        for c, t in enumerate(texts):
            cell = Cell((60 + 80 * c, top + 20 * r, 140 + 80 * c, top + 20 + 20 * r), [t] if t else [], r, c)
            cells.append(cell)
            line.append(cell)
        out.append(line)
    n = len(rows[0])
    return Table(page, (60, top, 60 + 80 * n, top + 20 * len(rows)), cells, len(rows), n,
                 [60 + 80 * c for c in range(n + 1)], [top + 20 * r for r in range(len(rows) + 1)], out)


def table_page(number: int, title: str, rows: list[list[str]], unit: str = "单位：万元") -> Page:
    return Page(number, 842, 595, 100, [Line(title, 300, 80, 500, 95, 16), Line(unit, 700, 100, 750, 110, 9)],
                [grid(number, rows)])


def document(*pages: Page) -> Document:
    cover = Page(1, 595, 842, 30, [Line("上海市普陀区某某局2024年度部门决算", 100, 300, 500, 320, 20)], [])
    return Document("typed.pdf", [cover, *pages], {})


def transform(*pages: Page):
    from transform.document import transform_document

    return transform_document(document(*pages), "d", "typed.pdf", "typed.pdf")
