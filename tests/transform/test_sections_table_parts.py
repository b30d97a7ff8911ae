"""The heading tree on the layouts of ../shared/wild (issue 24): a part printed only as its tables (listed in
the contents, no heading in the body) is a section from its first table page, and the part before it ends
where it begins; the contents running on at the top of the next page, above the body's first part, are
read as contents; the chapters after a part printed only in the contents are its own."""
from __future__ import annotations

from extract.model import Document, Line, Page
from reference.statements import title_phase
from transform.sections import section_tree

TABLE_TITLE = "2026年财务收支预算总表"


def _page(number: int, *texts: str) -> Page:
    lines = [Line(t, 50.0 if not t.startswith("  ") else 74.0, 100.0 + 20 * i, 540.0, 114.0 + 20 * i, 12.0)
             for i, t in enumerate(texts)]
    return Page(number, 595.0, 842.0, sum(len(t) for t in texts) + 1, lines, [])


def _roots(doc: Document):
    return [(r.label, r.page, r.from_toc) for r in section_tree(doc)]


def test_the_typed_title_is_a_budget_table_title():
    assert title_phase(TABLE_TITLE) == "budget"


def test_a_part_printed_only_as_its_tables_is_a_section_from_its_first_table_page():
    doc = Document("/in/x.pdf", [
        _page(1, "2026年", "广州市气象局部门预算"),
        _page(2, "目 录", "第一部分 广州市气象局概况", "一、主要职责", "第二部分 2026年部门预算表", "一、收支总体情况表",
              "第三部分 2026年部门预算情况说明"),
        _page(3, "第一部分 广州市气象局概况", "一、主要职责", "  负责全市气象事业发展规划的制定和组织实施。"),
        _page(4, TABLE_TITLE, "单位：万元", "项目 预算数"),
        _page(5, TABLE_TITLE, "单位：万元", "项目 预算数"),
        _page(6, "第三部分 2026年部门预算情况说明", "一、收支预算总体情况说明", "  收入预算100万元。"),
    ], {})
    roots = section_tree(doc)
    assert [(r.label, r.page, r.from_toc) for r in roots] == [
        ("第一部分", 3, False), ("第二部分", 4, True), ("第三部分", 6, False)]
    # the part before it holds its own text only: nothing read from the table pages
    assert all(p.page == 3 for s, _ in roots[0].walk() for p in s.paragraphs)


def test_the_contents_running_on_above_the_first_part():
    doc = Document("/in/x.pdf", [
        _page(1, "西安市气象局 2022 年部门综合预算", "目 录", "第一部分 部门概况", "一、部门主要职责及机构设置",
              "第二部分 收支情况", "二、2022 年部门预算收支说明"),
        _page(2, "三、专业名词解释", "第三部分 公开报表", "（具体部门预算公开报表）", "第一部分 部门概况",
              "一、部门主要职责及机构设置", "  西安市气象局主要职责是：制定本行政区域气象事业发展规划。"),
        _page(3, "第二部分 收支情况", "二、2022 年部门预算收支说明", "  收入预算100万元。"),
        _page(4, TABLE_TITLE, "单位：万元", "项目 预算数"),
    ], {})
    assert _roots(doc) == [("第一部分", 2, False), ("第二部分", 3, False), ("第三部分", 4, True)]


def test_chapters_after_a_part_printed_only_in_the_contents_are_its_own():
    doc = Document("/in/x.pdf", [
        _page(1, "2026 年度", "福州市商务局", "部门预算"),
        _page(2, "目 录", "第一部分 部门概况", "第二部分 2026年度部门预算表"),
        _page(3, "部门概况", "一、部门主要职责", "  负责全市商务工作，统筹全市内外贸易。"),
        _page(4, "二、部门预算单位构成", "  本部门预算包括本级。"),
        _page(5, TABLE_TITLE, "单位：万元", "项目 预算数"),
    ], {})
    roots = section_tree(doc)
    assert [(r.label, r.page, r.from_toc) for r in roots] == [("第一部分", 3, True), ("第二部分", 5, True)]
    assert [c.label for c in roots[0].children] == ["一", "二"]
