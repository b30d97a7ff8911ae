"""A recognised box turned into words where the text layer would put them (extract/ocr_ink.py,
extract/ocr_text.share_text and strip_specks): small drawn images and typed texts."""
from __future__ import annotations

import numpy as np

from extract.ocr_image import INK, rule_masks
from extract.ocr_ink import ink_pieces, text_ink, unread_ink
from extract.ocr_cells import share_text
from extract.ocr_text import normalize_text, strip_specks


def _glyph(image: np.ndarray, x: int, width: int, top: int = 14, height: int = 20) -> None:
    image[top:top + height, x:x + width] = 0


SCALE = 72 / 200  # points per pixel at 200 dpi


def _ink(image: np.ndarray) -> np.ndarray:
    return text_ink(image, rule_masks(image, SCALE))


def _box() -> np.ndarray:
    """A detected box 48 px high (a 9 pt line at 200 dpi with the detector's padding) over white."""
    return np.full((48, 300), 255, np.uint8)


def test_the_detectors_padding_is_trimmed_to_the_ink():
    image = _box()
    for x in (40, 52, 64):  # three digits, 10 px wide, 2 px apart
        _glyph(image, x, 10)
    assert ink_pieces(_ink(image), 20, 0, 100, 48)[0] == [(40, 74)]
    # a font size high (0.6 of the 48 px box: 28.8 px), centred on the ink (rows 14–33): the text layer's
    # character box, not the detector's
    assert ink_pieces(_ink(image), 20, 0, 100, 48)[1] == (10, 38)


def test_a_wide_blank_parts_two_cells_read_as_one_box():
    """"641.58" and the next column's code "302", 17 px (6 pt) apart: two pieces; the 2 px between
    digits and the 8 px space of "201 06" are no cell's end."""
    image = _box()
    for x in range(10, 70, 12):
        _glyph(image, x, 10)
    for x in (87, 99, 111):
        _glyph(image, x, 10)
    assert ink_pieces(_ink(image), 0, 0, 140, 48)[0] == [(10, 68), (87, 121)]
    image = _box()
    for x in (10, 22, 34, 52, 64):
        _glyph(image, x, 10)
    assert ink_pieces(_ink(image), 0, 0, 100, 48)[0] == [(10, 74)]


def test_rules_and_dust_at_the_box_ends_are_not_ink_of_the_word():
    image = _box()
    image[2:4, :] = 0  # a horizontal rule the box reaches over, its anti-aliased edge a row below
    image[4, :] = 120
    image[:, 290:292] = 0  # a vertical rule (the box's height, 17 pt, longer than any character's stroke)
    image[20:22, 5:7] = 0  # a speck of dust well left of the word
    for x in (40, 52):
        _glyph(image, x, 10)
    assert ink_pieces(_ink(image), 0, 0, 300, 48)[0] == [(40, 62)]


def test_a_speck_read_as_a_full_stop_leaves_the_words_end():
    image = _box()
    for x in (40, 52):
        _glyph(image, x, 10)
    image[30:33, 64:67] = 0  # a speck touching the last digit's foot, read as "."
    assert ink_pieces(_ink(image), 0, 0, 100, 48)[0] == [(40, 67)]
    assert ink_pieces(_ink(image), 0, 0, 100, 48, speck_after=True)[0] == [(40, 62)]


def test_the_text_is_shared_among_the_pieces_by_the_characters_widths():
    assert share_text("641.58302", [(0, 55), (70, 97)]) == [("641.58", 0, 55), ("302", 70, 97)]
    assert share_text("八、其他收入2.64", [(0, 100), (110, 140)]) == [("八、其他收入", 0, 100), ("2.64", 110, 140)]
    assert share_text("787.70一、一般公共服务支出", [(0, 48), (60, 200)]) == [
        ("787.70", 0, 48), ("一、一般公共服务支出", 60, 200)]
    assert share_text("9.20 30309", [(0, 40), (56, 110)]) == [("9.20", 0, 40), ("30309", 56, 110)]
    # two header labels 8.7 pt apart, read as one box (points as pixels here)
    assert share_text("公务用车购置公务用车运行", [(237.9, 291.3), (300.0, 353.8)]) == [
        ("公务用车购置", 237.9, 291.3), ("公务用车运行", 300.0, 353.8)]


def test_a_labels_own_blanks_never_cut_it():
    # the blank after 、 and around （境） are no cell's end: no digit or space meets them
    assert share_text("一、一般公共服务支出", [(0, 20), (30, 170)]) == [("一、一般公共服务支出", 0, 170)]
    # (four characters of 18 px; the brackets print their blank outside: （境） inks 86–122)
    assert share_text("因公出国（境）费用", [(0, 70), (86, 122), (132, 166)]) == [("因公出国（境）费用", 0, 166)]
    assert share_text("合计", [(0, 10)]) == [("合计", 0, 10)]
    assert share_text("合计", []) == []


def test_specks_read_as_marks_around_a_figure_are_dropped():
    assert strip_specks("75.79.") == ("75.79", False, True)
    assert strip_specks("210.") == ("210", False, True)
    assert strip_specks("30214-") == ("30214", False, True)
    assert strip_specks("44.48 ~") == ("44.48", False, True)
    assert strip_specks("4,339,469.85|") == ("4,339,469.85", False, True)  # a rule's end beside it
    assert strip_specks("| 693,451.40") == ("693,451.40", True, False)
    assert strip_specks("十一、城乡社区支出．") == ("十一、城乡社区支出", False, True)
    assert strip_specks("·七、文化旅游体育与传媒支出") == ("七、文化旅游体育与传媒支出", True, False)
    assert strip_specks("（一）机关运行经费") == ("（一）机关运行经费", False, False)
    assert strip_specks("（一）机关运行经费。") == ("（一）机关运行经费。", False, False)  # a sentence's end is printed
    assert strip_specks("-1-") == ("-1-", False, False)  # a page number stays what it is
    assert strip_specks("·:46.25") == ("46.25", True, False)
    assert strip_specks("'8.38") == ("8.38", True, False)
    assert strip_specks("~30303") == ("30303", True, False)
    assert strip_specks("-3.20") == ("-3.20", False, False)
    assert strip_specks("一、") == ("一、", False, False)


def test_a_decimal_point_read_as_a_colon_and_a_separator_as_a_semicolon_are_undone():
    assert normalize_text("50:18") == "50.18"
    assert normalize_text("4,433;102.87") == "4,433,102.87"
    assert normalize_text("其中;一般") == "其中；一般"
    assert normalize_text("单位:万元") == "单位：万元"
    assert normalize_text("10:30:00") == "10:30:00"


def test_a_digits_stroke_is_no_rule():
    """A "4" or "1" fills its tight box from top to bottom: only a run longer than a character is a rule."""
    image = _box()
    _glyph(image, 40, 3, top=10, height=28)
    _glyph(image, 30, 12, top=28, height=3)
    assert ink_pieces(_ink(image), 28, 8, 48, 40)[0] == [(30, 43)]


def test_ink_no_box_covers_is_boxed_for_the_recogniser():
    """A page with two detected words and, apart from them, a lone "6" (a column number the detector
    passed over) and a speck of dust: the "6" is boxed, padded, and the speck is not."""
    image = np.full((400, 600), 255, np.uint8)
    _glyph(image, 100, 60, top=100, height=22)  # a word, boxed by the detector
    _glyph(image, 300, 60, top=100, height=22)
    _glyph(image, 450, 10, top=104, height=18)  # "6"
    image[300:303, 200:203] = 0  # dust
    boxes = [(90, 92, 170, 132), (290, 92, 370, 132)]
    got = unread_ink(image < INK, boxes)
    assert len(got) == 1
    x0, top, x1, bottom = got[0]
    assert x0 < 450 and x1 > 460 and top < 104 and bottom > 122
    assert x1 - x0 < 40 and bottom - top < 40


def test_a_titles_long_strokes_are_no_rules():
    """A 16 pt title's vertical stroke (15 pt, longer than V_RULE_MIN) lies within the title's line: it
    is no rule; a column rule running the height of its row past a figure's line is one."""
    from extract.model import Word
    from extract.ocr_image import _edge, drop_strokes

    title = Word("附表4部门财政拨款收支决算总表", 303.0, 52.0, 538.0, 68.0, 0.99)
    figure = Word("1,841,442.37", 400.0, 300.0, 440.0, 309.0, 0.99)
    stroke = _edge("v", 447.6, 53.0, 447.6, 67.5)
    rule = _edge("v", 420.0, 296.0, 420.0, 313.0)
    assert drop_strokes([stroke, rule], [title, figure]) == [rule]


def test_a_figure_and_the_next_columns_code_read_as_one_word_are_split():
    """Where a speck of dust in the blank between them left no gap in the ink, the text tells: a figure
    of two decimals and a code of 3, 5 or 7 digits, the speck perhaps read as "~"."""
    from extract.model import Word
    from extract.ocr_cells import split_cells

    got = split_cells([Word("44.48~30211", 275.0, 300.0, 317.5, 309.0, 0.9), Word("641.58302", 271.0, 320.0, 310.0, 329.0, 0.9),
                       Word("1234.5678", 100.0, 340.0, 140.0, 349.0, 0.9),
                       Word("320367.04.30301", 500.0, 360.0, 570.0, 369.0, 0.9)])
    assert [w.text for w in got] == ["44.48", "30211", "641.58", "302", "1234.5678", "320367.04", "30301"]
    assert got[0].x1 < got[1].x0 and got[0].x0 == 275.0 and got[1].x1 == 317.5


def test_dust_in_the_blank_between_two_cells_does_not_bridge_it_but_a_decimal_point_stays():
    """"44.48", a speck 8 px after it, "30211" 9 px after the speck: the speck is dust (it lies apart from
    both), the blank parts two cells; the decimal point, as small, lies 3 px from its digits."""
    image = _box()
    for x in (10, 22):
        _glyph(image, x, 10)
    image[31:34, 35:38] = 0  # the decimal point
    for x in (41, 53):
        _glyph(image, x, 10)
    image[20:22, 71:73] = 0  # dust
    for x in (82, 94, 106, 118, 130):
        _glyph(image, x, 10)
    assert ink_pieces(_ink(image), 0, 0, 160, 48)[0] == [(10, 63), (82, 140)]


def test_a_wide_fonts_decimal_point_apart_from_its_digits_stays_and_no_cut_falls_beside_it():
    """"603.14" in a wide font: the point (3 px on the line's foot) 7 px from its digits is a point, not
    dust; and a figure is never cut at its point or its thousands separator."""
    image = _box()
    for x in (6, 18, 30):
        _glyph(image, x, 10, top=11, height=24)
    image[32:35, 47:50] = 0  # the point
    for x in (57, 69):
        _glyph(image, x, 10, top=11, height=24)
    assert ink_pieces(_ink(image), 0, 0, 100, 46)[0] == [(6, 79)]
    assert share_text("603.14", [(6, 40), (57, 79)]) == [("603.14", 6, 79)]
    assert share_text("2,940.05", [(0, 8), (20, 70)]) == [("2,940.05", 0, 70)]

