"""A cell that cannot be read with confidence is left out and the document is `partial` with the
reason — never a guessed number."""
from __future__ import annotations

from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from transform.parse import parse_file


def _render(path, rows):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("STSong-Light", 16)
    c.drawString(60, 800, "测试县测试局2024年度部门决算")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(250, 780, "支出决算表")
    c.drawString(60, 760, "单位：万元")
    widths, x0, top, h = [80, 160, 90, 90, 90], 60, 740, 22
    header = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]
    table = [header] + rows
    for r, row in enumerate(table):
        x = x0
        for w, text in zip(widths, row):
            c.rect(x, top - (r + 1) * h, w, h)
            c.drawString(x + 4, top - (r + 1) * h + 7, text)
            x += w
    c.showPage()
    c.save()


def test_a_smudged_amount_is_left_out_and_the_document_is_partial(tmp_path):
    pdf = tmp_path / "smudged.pdf"
    _render(pdf, [["", "合计", "30.00", "10.00", "20.00"],
                  ["208", "社会保障和就业支出", "3O.00", "10.00", "20.00"]])  # letter O, not zero
    parsed = parse_file(str(pdf))
    assert parsed.document.status == "partial"
    assert "3O.00" in parsed.document.error and "not an amount" in parsed.document.error
    figures = {(li.code, li.measure): li.amount_yuan for li in parsed.line_items if li.statement == "expenditure"}
    assert ("208", "total") not in figures  # left out, not guessed
    assert figures[("208", "basic")] == Decimal("100000.00")
    assert figures[(None, "total")] == Decimal("300000.00")
    # The other eight tables are absent from this one-table file: each is named in the reasons.
    assert "表1 收入支出决算总表 is neither printed nor listed in a contents page" in " ".join(parsed.problems)
