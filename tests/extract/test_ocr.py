"""The OCR reader (extract/ocr.py) on a real filing page printed to an image: page 15 of the 普陀区财政局
filing (一般公共预算财政拨款支出决算表, a ruled table of 7 columns), rendered at 150 dpi and saved as a
one-page PDF with no text layer. The figures below are typed from that page as printed."""
from __future__ import annotations

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from extract.model import Word
from extract.ocr import ocr_document, ocr_image, ocr_page
from extract.ocr_image import find_rules
from extract.ocr_text import normalize_text
from tests.conftest import FILINGS

FILING = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"
PAGE = 15
WIDTH, HEIGHT = 595.0, 842.0

# Rows of the table as printed: 科目编码 (类, 款, 项), 科目名称, 合计, 基本支出, 项目支出.
ROWS = [
    ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"],
    ["201", "06", "07", "信息化建设", "135.25", "", "135.25"],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""],
    ["208", "05", "99", "其他行政事业单位养老支出", "0.94", "0.94", ""],
    ["221", "02", "03", "购房补贴", "258.50", "258.50", ""],
]
TOTAL = ["合计", "2,940.05", "2,336.91", "603.14"]  # its label spans the three code columns and the name


def _image_pdf(image: Image.Image, path, dpi: int) -> None:
    image.save(path, "PDF", resolution=dpi)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """Page 15 as an image-only PDF (150 dpi), and what OCR reads on it (at the default 200 dpi)."""
    doc = pdfium.PdfDocument(str(FILING))
    image = doc[PAGE - 1].render(scale=150 / 72).to_pil().convert("RGB")
    doc.close()
    path = tmp_path_factory.mktemp("ocr") / "page15.pdf"
    _image_pdf(image, path, 150)
    words: list[Word] = []
    page = ocr_page(path, 0, PAGE, WIDTH, HEIGHT, words=words)
    return path, page, words


def _rows(table) -> list[list[str]]:
    return [[c.text if c is not None else "" for c in table.row_cells(r)] for r in range(table.n_rows)]


def test_the_image_pdf_has_no_text_layer(scanned):
    path, _, _ = scanned
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].chars == []


def test_ocr_finds_the_ruled_table_with_its_seven_columns(scanned):
    _, page, _ = scanned
    assert page.number == PAGE and (page.width, page.height) == (WIDTH, HEIGHT)
    assert page.text_flags == ("ocr",)
    assert page.char_count > 400
    ruled = [t for t in page.tables if t.source == "ruled"]
    assert len(ruled) == 1
    table = ruled[0]
    assert table.n_cols == 7
    assert table.n_rows == 24  # four header rows, nineteen items, the total
    assert table.page == PAGE


def test_ocr_reads_the_figures_of_the_table_exactly(scanned):
    _, page, _ = scanned
    rows = _rows(page.tables[0])
    for row in ROWS:
        assert row in rows
    assert rows[-1] == TOTAL


def test_ocr_reads_the_title_and_unit_as_lines(scanned):
    _, page, _ = scanned
    texts = [ln.text for ln in page.lines]
    assert texts == ["一般公共预算财政拨款支出决算表", "单位：万元"]
    title = page.lines[0]
    assert 80.0 < title.top < 100.0 and 170.0 < title.x0 < 190.0  # where the filing prints it (86.7, 177.5)
    assert 14.0 < title.size < 18.0  # 16 pt


def test_ocr_words_keep_their_confidence(scanned):
    _, _, words = scanned
    assert len(words) > 100
    assert all(0.5 <= w.conf <= 1.0 for w in words)
    total = next(w for w in words if w.text == "2,940.05")
    assert total.conf > 0.9
    assert total.x0 < total.x1 and total.top < total.bottom


def test_with_its_rules_erased_the_page_is_read_by_the_rule_less_reader():
    """The same page with every rule whitened out (a table printed without rules): the rule-less reader
    takes the OCR characters and finds the same rows."""
    doc = pdfium.PdfDocument(str(FILING))
    bitmap = doc[PAGE - 1].render(scale=150 / 72, grayscale=True)
    grey = np.array(bitmap.to_numpy(), copy=True)
    doc.close()
    rules = [e for e in find_rules(grey, 72 / 150) if max(e["width"], e["height"]) > 30]  # not strokes
    for e in rules:
        x0, x1 = int(e["x0"] * 150 / 72) - 2, int(e["x1"] * 150 / 72) + 3
        top, bottom = int(e["top"] * 150 / 72) - 2, int(e["bottom"] * 150 / 72) + 3
        grey[max(0, top):bottom, max(0, x0):x1] = 255
    assert not [e for e in find_rules(grey, 72 / 150) if max(e["width"], e["height"]) > 30]
    page = ocr_image(grey, PAGE, WIDTH, HEIGHT)
    (table,) = page.tables
    assert table.source == "text" and table.n_cols == 7
    rows = _rows(table)
    for row in ROWS:
        assert row in rows
    assert rows[-1] == ["", "", ""] + TOTAL


def test_a_blank_page_reads_as_an_empty_page(tmp_path):
    path = tmp_path / "blank.pdf"
    _image_pdf(Image.new("RGB", (1240, 1754), "white"), path, 150)
    document = ocr_document(path)
    assert document.page_count == 1
    page = document.pages[0]
    assert page.lines == [] and page.tables == []
    assert page.char_count == 0
    assert page.text_flags == ("ocr",)
    assert abs(page.width - 595.2) < 0.5 and abs(page.height - 841.92) < 0.5


def test_normalize_text_prints_figures_as_the_text_layer_does():
    assert normalize_text("446. 11") == "446.11"
    assert normalize_text("1, 234.50") == "1,234.50"
    assert normalize_text("１２３．４５") == "123.45"
    assert normalize_text("2,106.66 1,503.52") == "2,106.66 1,503.52"
    assert normalize_text("增长1.40％") == "增长1.40%"
    assert normalize_text("一般公共服务支出(类)") == "一般公共服务支出（类）"
    assert normalize_text("单位:万元") == "单位：万元"


def test_find_rules_reads_a_drawn_grid():
    image = np.full((400, 600), 255, dtype=np.uint8)
    for y in (50, 150, 250):
        image[y:y + 2, 50:551] = 0
    for x in (50, 300, 550):
        image[50:252, x:x + 2] = 0
    image[100:110, 100:115] = 0  # a blot of ink, too short to be a rule
    image[180:202, 100:102] = 0  # a stroke of a Chinese character in 12 pt type (11 pt), too short too
    edges = find_rules(image, 0.5)
    h = sorted(e["top"] for e in edges if e["orientation"] == "h")
    v = sorted(e["x0"] for e in edges if e["orientation"] == "v")
    assert h == [25.5, 75.5, 125.5]  # the middle of each 2-pixel rule, in points
    assert v == [25.5, 150.5, 275.5]
    assert all(e["x1"] - e["x0"] > 240 for e in edges if e["orientation"] == "h")


def test_a_word_overrunning_a_rule_a_little_is_cut_back_to_it():
    """The detector's box of "-2.64" printed against a column rule at x=419 reaches to 420.4: cut back,
    its last digit stays in its cell; a box reaching far past a rule (two cells read as one) is kept."""
    from extract.ocr_image import clip_to_rules

    rule = {"x0": 419.0, "x1": 419.0, "top": 100.0, "bottom": 300.0, "orientation": "v"}
    figure = Word("-2.64", 400.7, 272.4, 420.4, 284.2, 0.94)
    two = Word("项目决算数", 380.0, 150.0, 460.0, 162.0, 0.9)
    got = clip_to_rules([figure, two], [rule])
    assert (got[0].x0, got[0].x1, got[0].text) == (400.7, 419.0, "-2.64")
    assert got[1] is two


def test_the_engines_known_misreads_are_undone():
    assert normalize_text("三、国有资本经营预算财政拨款收人") == "三、国有资本经营预算财政拨款收入"
    assert normalize_text("韶山市退役军人事务局2022年度部内决算表") == "韶山市退役军人事务局2022年度部门决算表"
    assert normalize_text("附表3部内支出决算表") == "附表3部门支出决算表"
    assert normalize_text("部內收入决算表") == "部门收入决算表"
    assert normalize_text("部内“三公”经费支出决算表") == "部门“三公”经费支出决算表"
    assert normalize_text("、一般公共预算财政拨款收入") == "一、一般公共预算财政拨款收入"
    assert normalize_text("、") == "、"


def test_a_page_scanned_askew_is_turned_upright():
    """Rows of ink turned by 0.6°: skew_angle finds the turn to within 0.05°, deskew undoes it."""
    import cv2
    import numpy as np

    from extract.ocr_image import deskew, skew_angle

    page = np.full((1400, 1000), 255, np.uint8)
    for y in range(100, 1300, 40):
        page[y:y + 8, 80:920] = 0
    turned = cv2.warpAffine(page, cv2.getRotationMatrix2D((500, 700), -0.6, 1.0), (1000, 1400), borderValue=255)
    assert abs(skew_angle(turned) - 0.6) <= 0.05
    upright, angle = deskew(turned)
    assert abs(angle - 0.6) <= 0.05
    assert abs(skew_angle(upright)) < 0.05
    assert deskew(page)[1] == 0.0


def test_text_boxes_finds_a_box_for_each_printed_cell_and_none_on_a_blank_page(scanned):
    from extract.ocr import render_page, text_boxes
    from extract.ocr_image import rule_masks

    path, _, _ = scanned
    image = render_page(path, 0)
    scale = WIDTH / image.shape[1]
    boxes, full, ink = text_boxes(image, scale, masks=rule_masks(image, scale))
    assert full.shape == (*image.shape, 3) and ink.shape == image.shape
    printed = sum(1 for row in ROWS for cell in row if cell) + len(TOTAL)  # 37 cells, each read from a box
    assert len(boxes) >= printed
    assert all(0 <= b[:, 0].min() and b[:, 0].max() <= image.shape[1] + 1 for b in boxes)
    blank = np.full((1754, 1240), 255, np.uint8)
    assert text_boxes(blank, WIDTH / 1240)[0] == []
