"""Rules of one column are a frame, not a grid: a table drawn with only its outer border and a line
under its header is read by the rule-less reader, column by column."""
from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from extract import read_document

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _framed_table(path):
    c = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    c.setFont(FONT, 10)
    rows = [("科目编码", "科目名称", "合计", "基本支出"), ("", "合计", "30.00", "20.00"),
            ("201", "一般公共服务支出", "30.00", "20.00"), ("20101", "人大事务", "30.00", "20.00")]
    y = 700
    for code, name, total, basic in rows:
        c.drawString(60, y, code)
        c.drawString(140, y, name)
        c.drawRightString(360, y, total)
        c.drawRightString(460, y, basic)
        y -= 20
    c.rect(50, y + 10, 430, 720 - (y + 10))  # the frame
    c.line(50, 695, 480, 695)  # the line under the header
    c.showPage()
    c.save()
    return path


def test_a_frame_with_a_header_line_is_read_as_columns(tmp_path):
    (page,) = read_document(str(_framed_table(tmp_path / "framed.pdf"))).pages
    (table,) = page.tables
    assert table.source == "text" and table.n_cols == 4
    rows = [[c.text if c else "" for c in table.row_cells(r)] for r in range(table.n_rows)]
    assert rows[-2:] == [["201", "一般公共服务支出", "30.00", "20.00"], ["20101", "人大事务", "30.00", "20.00"]]
