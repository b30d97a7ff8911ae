"""Codes for rows printed by name only, from the national catalogue (transform/name_codes.py)."""
from __future__ import annotations

from transform.name_codes import NamePathCoder


def _walk(names: list[str], year: int = 2026) -> list[str | None]:
    coder = NamePathCoder(year)
    return [coder.code_for(n) for n in names]


def test_hangzhou_names_walk_to_their_codes():
    # 杭州市气象局's 2026 表5 (bud_zj_hz_2026_7b5fe2e1.pdf p.19), as printed
    names = ["社会保障和就业支出", "行政事业单位养老支出", "行政单位离退休", "机关事业单位基本养老保险缴费支出",
             "机关事业单位职业年金缴费支出", "卫生健康支出", "行政事业单位医疗", "行政单位医疗", "事业单位医疗"]
    assert _walk(names) == ["208", "20805", "2080501", "2080505", "2080506", "210", "21011", "2101101", "2101102"]


def test_a_kuan_the_catalogue_lacks_gives_its_items_no_code():
    # 气象事务 (22005) is not in the project's catalogue: the 行政运行 printed under it must not be taken for
    # another 款's 行政运行, nor for the previous 款's
    names = ["社会保障和就业支出", "人力资源和社会保障管理事务", "行政运行", "自然资源海洋气象等支出", "气象事务",
             "行政运行", "气象服务"]
    assert _walk(names) == ["208", "20801", "2080101", "220", None, None, None]


def test_an_unknown_item_ends_its_kuan():
    names = ["社会保障和就业支出", "人力资源和社会保障管理事务", "某个未知的项目", "行政运行"]
    assert _walk(names) == ["208", "20801", None, None]


def test_a_name_under_no_known_class_gets_no_code():
    assert _walk(["行政运行", "机关事业单位基本养老保险缴费支出"]) == [None, None]


def test_reset_after_a_total_row():
    coder = NamePathCoder(2026)
    assert coder.code_for("社会保障和就业支出") == "208"
    coder.reset()
    assert coder.code_for("行政事业单位养老支出") is None
