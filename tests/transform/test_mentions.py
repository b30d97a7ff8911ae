"""Who and when each part of a filing names (transform/mentions.py), typed from the pages of the two
real filings: the cover, the contents (p.2), the line above table 1, the 说明 under the empty tables and
the narrative's sentences."""
from __future__ import annotations

from transform.mentions import is_unit_name

SW, FIN = "putuo_social_work_2024", "putuo_finance_2024"
SW_UNIT, FIN_UNIT = "中共上海市普陀区委社会工作部", "上海市普陀区财政局"


def rows(parsed, **where):
    return [m for m in parsed.mentions if all(getattr(m, k) == v for k, v in where.items())]


def test_the_units_each_part_names(parsed_real):
    sw = parsed_real[SW]
    assert {(m.part, m.page) for m in rows(sw, kind="unit")} >= {
        ("cover", 1), ("contents", 2), ("table", 5), ("table", 14), ("table", 15), ("table", 16), ("narrative", 17),
        ("narrative", 20), ("narrative", 22)}
    assert {m.value for m in rows(sw, kind="unit")} == {SW_UNIT}
    # p.5: "中共上海市普陀区委社会工作部 2024 年度部门决算表" above 收入支出决算总表
    (head,) = rows(sw, part="table", kind="unit", page=5)
    assert head.statement == "income_expenditure_summary" and head.text.replace(" ", "") == f"{SW_UNIT}2024年度部门决算表"
    # p.14: "说明：中共上海市普陀区委社会工作部本年度没有财政拨款“三公”经费支出，故本表无数据。"
    (note,) = rows(sw, part="table", kind="unit", page=14)
    assert note.statement == "three_public" and note.text.startswith("说明：")
    fin = parsed_real[FIN]
    assert {m.value for m in rows(fin, kind="unit")} == {FIN_UNIT}
    # p.19: "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"
    assert [m.statement for m in rows(fin, part="table", kind="unit", page=19)] == ["government_fund"]


def test_the_years_each_part_names(parsed_real):
    for name in (SW, FIN):
        p = parsed_real[name]
        assert {m.value for m in rows(p, kind="year")} == {"2024"}
        # "与 2023 年度相比" (p.17 and p.21), "比 2023 年度增加" (机关运行经费)
        assert {m.value for m in rows(p, kind="prior_year")} == {"2023"}
    prior = rows(parsed_real[SW], kind="prior_year")
    assert [m.page for m in prior] == [17, 17, 18, 21]
    # 财政局 p.23: "2024年度“三公”经费财政拨款支出决算数与2023年度持平。"
    assert 23 in {m.page for m in rows(parsed_real[FIN], kind="prior_year")}


def test_the_contents_list_the_nine_tables_with_their_lines(parsed_real):
    for name in (SW, FIN):
        listed = rows(parsed_real[name], kind="listing")
        assert len(listed) == 9 and {m.page for m in listed} == {2}
        (t7,) = [m for m in listed if m.statement == "three_public"]
        assert t7.text.replace(" ", "").endswith("财政拨款“三公”经费支出决算表")
        assert t7.top < t7.bottom


def test_what_reads_as_a_unit_name():
    assert is_unit_name("上海市普陀区财政局") and is_unit_name("上海市XX局") and is_unit_name("某某单位")
    assert not is_unit_name("本部门") and not is_unit_name("本表反映部门本年度") and not is_unit_name("收入")
    assert not is_unit_name("纳入上海市普陀区财政局")  # the verb before the name is not part of it
