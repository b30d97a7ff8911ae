"""extract/text_layer.py: the signs that a page's text layer is not what the page shows."""
from __future__ import annotations

import pytest

from extract.text_layer import glued_letters, glued_sample, page_flags


def test_latin_letters_glued_to_chinese_are_wrong_characters():
    assert glued_letters("中共P海市普陀{委") == 2
    assert glued_letters("2024年度部门决算") == 0  # digits beside Chinese are ordinary
    assert glued_letters("PPP项目支出，A级景区，5G基站") == 0  # abbreviations filings do print
    assert glued_letters("上海市XX局") == 0  # a template's placeholder is a template's problem


def test_a_page_is_flagged_for_three_glued_letters_or_a_third_of_glyph_codes():
    clean = ["收入支出决算总表", "单位：万元", "一、一般公共预算财政拨款收入 307.82"]
    assert page_flags(clean) == ()
    assert page_flags(clean + ["本年收入合X", "P级补助收入", "普陀{"]) == ("wrong_characters",)
    assert page_flags(clean + ["(cid:12)(cid:13)" * 20]) == ("glyph_codes",)
    assert page_flags(["P海"]) == ()  # too little text to judge


def test_a_sample_is_quoted_around_the_first_glued_letter():
    assert glued_sample(["收入决算表", "中共上海市普陀{委社会工作部"]) == "市普陀{委社会"


@pytest.mark.parametrize("text", [
    "货物A", "工程 B", "服务C", "A02010101 台式计算机", "W060项目", "道路养护12.5km", "办公用房面积300m²",
    "LED显示屏采购", "ICU病房", "PPP项目", "[2010301]行政运行",
])
def test_latin_letters_filings_print_are_not_glued_garbage(text):
    # procurement classes and codes, project codes, units and acronyms: real text, not a garbled layer
    assert glued_letters(text) == 0


def test_garbled_layer_still_caught_beside_allowed_letters():
    assert glued_letters("P海市普陀{财政局") >= 2
    assert page_flags(["P海市普陀{财政局2024年度部门决算", "货物A", "P海市普陀{", "P海市"]) == ("wrong_characters",)
