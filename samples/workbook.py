"""A filing's tables as an Excel workbook (openpyxl): one sheet per table, as a finance office types it.

The sheets are laid out from the same TableSpec the PDF renderer draws (samples/tables.py), so the
header's merges, the rows and the truth facts are the generator's own. Figures are numbers with a
number format that prints them exactly as the truth's amount_printed ("2,940.05", "(12.30)", "-" for
zero); a blank cell is an empty cell. Codes are text, as they are typed. Names wrap inside their cells
(Excel and Calc let unwrapped text run over an empty neighbour; Sheet.overflow asks for that on
purpose). Borders: grid (every cell), frame (the table's outer edge) or none (Excel's default).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from . import printed
from .render import SPAN, _layout
from .render import width as text_width

FONT = "Noto Serif CJK SC"   # Debian's fonts-noto-cjk; the offices' 宋体 is not on the machine
THIN = Side(style="thin", color="000000")
INDENT = 9.0                 # points of one indent step as Calc prints it (roughly)
PT_PER_WIDTH = 7.0           # points per unit of column width, as Calc prints an .xlsx (measured)


@dataclass
class Sheet:
    """How one table's sheet is set up beyond its spec."""
    borders: str = "grid"               # grid | frame | none
    break_after: int | None = None      # a manual page break after this body row (0-based)
    repeat_header: bool = True          # print titles: the header rows on every page
    compiler_line: bool = False         # "编制单位：<unit>" at the left of the 单位 row
    overflow: set = field(default_factory=set)   # (body row, column) left unwrapped on purpose
    font_size: float = 10.0


def number_format(unit: str, thousands: bool, negatives: str, dash: bool) -> str:
    """Excel's positive;negative;zero sections printing what samples.printed.figure prints."""
    pos = ("#,##0" if thousands else "0") + "." + "0" * printed.DECIMALS[unit]
    neg = {"minus": f"-{pos}", "paren": f"({pos})", "fullwidth": f'"（"{pos}"）"'}[negatives]
    zero = '"-"' if dash else pos
    return f"{pos};{neg};{zero}"


def _place(rows) -> list[tuple[int, int, object]]:
    """(row, column, cell) of every cell that is not a SPAN placeholder, 0-based."""
    out = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row.cells:
            if cell is SPAN:
                col += 1
                continue
            out.append((r, col, cell))
            col += cell.colspan
    return out


def write_table(ws, spec, f, opt: Sheet) -> dict:
    """Fill `ws` with the table; returns {"header": (first, last), "body": [excel row of body row i]}."""
    L = f.layout
    n = len(spec.widths)
    last = get_column_letter(n)
    font = Font(name=FONT, size=opt.font_size)
    widths = _widths(spec, opt.font_size)
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(i + 1)].width = round(w / PT_PER_WIDTH, 1)
    r = 1
    ws.merge_cells(f"A{r}:{last}{r}")
    ws[f"A{r}"] = spec.title
    ws[f"A{r}"].font = Font(name=FONT, size=opt.font_size + 6)   # (a bold face would embed a second font)
    ws[f"A{r}"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[r].height = 30
    if spec.number_line:
        r += 1
        ws.merge_cells(f"A{r}:{last}{r}")
        ws[f"A{r}"] = spec.number_line
        ws[f"A{r}"].font = font
        ws[f"A{r}"].alignment = Alignment(horizontal="right")
    r += 1
    half = max(1, n // 2)
    if opt.compiler_line:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=half)
        ws.cell(r, 1, f"编制单位：{f.unit_name}").font = font
    ws.merge_cells(start_row=r, start_column=half + 1, end_row=r, end_column=n)
    c = ws.cell(r, half + 1, f"单位：{spec.currency}")
    c.font, c.alignment = font, Alignment(horizontal="right")
    first = r + 1
    rows = spec.header + spec.body
    nh = len(spec.header)
    fmt = number_format(spec.currency, L.thousands, L.negatives, spec.key in L.dash_zero)
    for rr, col, cell in _place(rows):
        xr, xc = first + rr, col + 1
        if cell.colspan > 1 or cell.rowspan > 1:
            ws.merge_cells(start_row=xr, start_column=xc, end_row=xr + cell.rowspan - 1,
                           end_column=xc + cell.colspan - 1)
        x = ws.cell(xr, xc)
        x.font = font
        if cell.fact is not None:
            if cell.text != "":   # a blank cell of the PDF is an empty cell
                x.value = Decimal(cell.fact["amount"])
                x.number_format = fmt
            x.alignment = Alignment(horizontal="right", vertical="center")
            continue
        if cell.text:
            x.value = cell.text   # codes, names, 行次/栏次 numbers: typed as text ("05" stays "05")
        code = rr >= nh and cell.text.isdigit()   # a code never wraps (its column fits it, see _widths)
        wrap = (rr - nh, col) not in opt.overflow and not code
        align = "center" if rr < nh else cell.align
        # names and codes indented by one step, as the offices' templates do: without it a figure
        # right-aligned in the column before touches them and a text layer reads "560.80一、…" as one word
        x.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap,
                                indent=1 if align == "left" else 0)
    end = first + len(rows) - 1
    # Calc keeps the stored row heights of an .xlsx (it does not grow a row to its wrapped text), so
    # every row gets the height its wrapped cells need: the renderer's line count in columns a little
    # narrower than the sheet's (Calc wraps earlier: its indent and Noto's wider glyphs; a row too low
    # clips its text onto the next row's), Noto's line ~1.4 em
    _x, _p, heights, _g, _e, _lead = _layout([w * 0.8 for w in widths], rows, opt.font_size)
    for i, h in enumerate(heights):
        lines = max(1, round((h - 6) / _lead))
        ws.row_dimensions[first + i].height = round(lines * opt.font_size * 1.4 + 4, 1)
    _borders(ws, opt.borders, first, end, n)
    notes_at = end + 1
    for note in spec.notes:
        ws.merge_cells(start_row=notes_at, start_column=1, end_row=notes_at, end_column=n)
        x = ws.cell(notes_at, 1, note)
        x.font, x.alignment = font, Alignment(horizontal="left", vertical="top", wrap_text=True)
        notes_at += 1
    _page_setup(ws, spec, opt, first, first + nh - 1, notes_at - 1, n)
    return {"header": (first, first + nh - 1), "body": [first + nh + i for i in range(len(spec.body))]}


def _widths(spec, size: float) -> list[float]:
    """The PDF's column widths, widened where a code with its indent would not fit on one line."""
    widths = list(spec.widths)
    for _rr, col, cell in _place(spec.body):
        if cell.text.isdigit() and cell.colspan == 1:
            widths[col] = max(widths[col], text_width(cell.text, size) + 2 * INDENT + 4)
    return widths


def _borders(ws, mode: str, top: int, bottom: int, ncols: int) -> None:
    if mode == "none":
        return
    for row in range(top, bottom + 1):
        for col in range(1, ncols + 1):
            if mode == "grid":
                ws.cell(row, col).border = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
            else:   # frame: only the cells on the table's edge get the edge's side
                ws.cell(row, col).border = Border(left=THIN if col == 1 else None,
                                                  right=THIN if col == ncols else None,
                                                  top=THIN if row == top else None,
                                                  bottom=THIN if row == bottom else None)


def _page_setup(ws, spec, opt: Sheet, h0: int, h1: int, last_row: int, ncols: int) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.print_area = f"A1:{get_column_letter(ncols)}{last_row}"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    # one page by fitting, unless the table is to run onto a second page at a manual break
    ws.page_setup.fitToHeight = 0 if opt.break_after is not None else 1
    if opt.break_after is not None:
        ws.row_breaks.append(Break(id=h1 + 1 + opt.break_after))
        if opt.repeat_header:
            ws.print_title_rows = f"{h0}:{h1}"
    ws.oddFooter.center.text = "&P"
    ws.oddFooter.center.font = FONT
