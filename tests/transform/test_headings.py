"""The heading vocabulary (transform/headings.py) on lines as real filings print them."""
from __future__ import annotations

import pytest

from transform.headings import PAGE_NUMBER, SENTENCE_END, TOC_LEADER, clean, heading_label, heading_level


@pytest.mark.parametrize("line, level, label", [
    ("第一部分 上海市普陀区财政局概况", 1, "第一部分"),
    ("第三部分上海市普陀区财政局2024年度部门决算情况说明", 1, "第三部分"),
    ("一、收入支出决算总体情况说明", 2, "一"),
    ("十一、其他重要事项说明", 2, "十一"),
    ("（一）机关运行经费支出情况", 3, "（一）"),
    ("(二)政府采购支出情况", 3, "（二）"),
    ("1、一般公共服务支出（类）", 4, "1"),
    ("2.社会保障和就业支出", 4, "2"),
])
def test_a_heading_is_known_by_its_number(line, level, label):
    assert heading_level(line) == level
    assert heading_label(line) == label


@pytest.mark.parametrize("line", ["本年收入合计2946.25万元", "2.55万元，增长1.40%", "单位：万元", ""])
def test_body_text_and_a_figure_are_not_headings(line):
    assert heading_level(line) is None
    assert heading_label(line) == ""


def test_clean_keeps_one_space_between_two_numbers_only():
    assert clean("与 2023 年度 相比") == "与2023年度相比"
    assert clean("2024  2995.39") == "2024 2995.39"


def test_page_numbers_and_contents_leaders():
    assert all(PAGE_NUMBER.match(s) for s in ("- 12 -", "第3页", "7", "3 / 25"))
    assert not PAGE_NUMBER.match("2024年")
    assert TOC_LEADER.sub("", "一、收入支出决算总表…………6") == "一、收入支出决算总表"
    assert "。" in SENTENCE_END and "，" not in SENTENCE_END
