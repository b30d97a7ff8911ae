"""Who filed it, for which year, which kind (issue 24): small typed cover blocks, one per layout seen on
../shared/wild — each with what it must give, and where it was read (page, box, line)."""
from __future__ import annotations

import pytest

from extract.model import Cell, Document, Line, Page, Table
from transform.identity import identify
from transform.identity.cover import layouts
from transform.identity.names import cut_name


def page(number: int, *texts: str, tables=()) -> Page:
    lines = [Line(t, 50.0, 100.0 + 20 * i, 400.0, 114.0 + 20 * i, 12.0) for i, t in enumerate(texts)]
    return Page(number, 595.0, 842.0, sum(len(t) for t in texts) + 1, lines, list(tables))


def doc(*pages: Page, path: str = "/in/bud_gd_gz_2026_015554f2.pdf") -> Document:
    return Document(path, list(pages), {})


def test_year_and_unit_on_separate_lines():
    i = identify(doc(page(1, "2026年", "广州市司法局部门预算"), page(2, "目 录")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "广州市司法局", 2026, "budget", "department", "cover")
    assert i.evidence is not None and i.evidence.page == 1 and i.evidence.box == (50.0, 100.0, 400.0, 134.0)
    assert i.evidence.line == "2026年 / 广州市司法局部门预算"
    assert i.region is not None and (i.region.province, i.region.prefecture, i.region.adcode) == (
        "广东省", "广州市", "440100")


def test_a_name_over_two_lines():
    i = identify(doc(page(1, "2026 年度", "福州经济技术开发区生态", "环境局", "单位预算")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "福州经济技术开发区生态环境局", 2026, "budget", "unit", "cover")


def test_a_name_run_into_the_word_after_it():
    i = identify(doc(page(1, "北京市教育委员会部门", "2026 年度部门预算信息公开", "目 录")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind) == ("北京市教育委员会", 2026, "budget")


def test_a_department_unit_header():
    """A file whose first page is a table headed 部门（单位）：X (no cover)."""
    i = identify(doc(page(1, "2026年部门收支总体情况表", "部门（单位）：福州市商务局 单位：万元", "项目 本年预算数"),
                     page(2, "2026年部门收入总体情况表", "部门（单位）：福州市商务局 单位：万元")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.source) == ("福州市商务局", 2026, "budget", "table_header")
    assert i.evidence is not None and i.evidence.page == 1 and "部门（单位）" in i.evidence.line


def test_a_name_after_a_verb_of_the_sentence_is_no_name():
    """纳入…部门预算编制范围的单位包括 sits near the name: neither its verb nor its object is the unit."""
    d = doc(page(1, "西安市气象局 2022 年部门综合预算", "目 录"),
            page(2, "三、部门预算单位构成", "纳入本部门2022年部门预算编制范围的单位包括：",
                 "比2021年预算增加", "列入2022年部门预算"))
    i = identify(d)
    assert (i.unit_name, i.fiscal_year, i.source) == ("西安市气象局", 2022, "cover")
    for sentence in ("纳入本部门", "纳入西安市气象局", "列入", "入", "比上年预算增加的局"):
        assert cut_name(sentence) is None, sentence


def test_a_tables_only_part_names_no_one():
    """Beijing's 附件2: the tables alone, no cover; neither unit nor year printed: NULL, a sentence, budget."""
    i = identify(doc(page(1, "预算01表 收支总表", "金额单位：万元", "项 目 预算数 项 目 预算数"),
                     page(2, "预算02表 收入总表", "金额单位：万元")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.source, i.tables_only) == (None, None, "budget", None, True)
    assert i.note and "tables only" in i.note and "manifest" in i.note


def test_a_header_ruled_into_two_cells():
    cells = [Cell((50.0, 100.0, 150.0, 120.0), ["部门名称"], 0, 0), Cell((150.0, 100.0, 500.0, 120.0),
                                                                    ["广州市生态环境局"], 0, 1)]
    t = Table(1, (50.0, 100.0, 500.0, 120.0), cells, 1, 2, [50.0, 150.0, 500.0], [100.0, 120.0], [cells])
    i = identify(doc(page(1, "广州市生态环境局2026年部门整体预算绩效目标申报表", tables=[t])))
    assert (i.unit_name, i.fiscal_year) == ("广州市生态环境局", 2026)


def test_cover_and_tables_naming_two_units_is_a_finding():
    d = doc(page(1, "2026年", "广州市司法局部门预算"),
            page(2, "2026年部门收支总体情况表", "部门（单位）：广州市财政局 单位：万元"))
    i = identify(d)
    assert i.unit_name == "广州市司法局"  # the cover, printed in as many kinds of place, goes first
    assert i.note and "广州市财政局" in i.note


def test_the_name_most_places_agree_on_wins():
    d = doc(page(1, "2026年", "广州市司法局部门预算"),
            page(2, "2026年部门收支总体情况表", "部门（单位）：广州市法律援助处 单位：万元"),
            page(3, "2026年部门收入总体情况表", "部门（单位）：广州市法律援助处 单位：万元"),
            page(4, "第一部分 2026年度部门预算情况说明", "广州市法律援助处2026年部门预算"))
    assert identify(d).unit_name == "广州市法律援助处"


def test_final_accounts_from_the_cover_words():
    i = identify(doc(page(1, "西安市卫生健康委员会（汇总）", "2022年度部门决算", "保密审查情况： 已审查")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind) == ("西安市卫生健康委员会（汇总）", 2022, "final_accounts")


def test_a_crawler_file_name_names_no_one():
    i = identify(doc(page(1, "收支总表", "单位：万元")))
    assert i.unit_name is None and i.source is None


def test_a_municipal_unit_and_a_district_printed_without_its_suffix_are_placed():
    i = identify(doc(page(1, "2026 年度", "福州市鼓楼生态环境局", "单位预算")))
    assert i.region is not None and (i.region.prefecture, i.region.county, i.region.adcode) == (
        "福州市", "鼓楼区", "350102")
    j = identify(doc(page(1, "北京市审计局 2026 年度部门预算信息公开")))
    assert j.region is not None and (j.region.province, j.region.prefecture, j.region.adcode) == (
        "北京市", "北京市", "110000")


@pytest.mark.parametrize("layout", layouts(), ids=lambda la: f"{la.name}:{la.unit}")
def test_every_cover_pattern_gives_what_its_row_says(layout):
    """reference/data/cover_patterns.csv: each row's example, typed as lines, gives its unit and year."""
    i = identify(doc(page(1, *layout.example.split(" | "))))
    assert (i.unit_name, i.fiscal_year) == (layout.unit, layout.year)


def test_a_central_ministry_names_itself_without_a_place():
    i = identify(doc(page(1, "教育部", "2024年度部门决算")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind) == ("教育部", 2024, "final_accounts")
    assert i.region is not None and i.region.adcode is None  # central ministries have no region


def test_a_departments_own_accounts_keep_benji_in_the_name():
    """义乌市人力资源和社会保障局本级 is another unit than the department: 本级 is no word after a name."""
    i = identify(doc(page(1, "义乌市人力资源和社会保障局本级", "2020年度", "部门决算")))
    assert (i.unit_name, i.fiscal_year) == ("义乌市人力资源和社会保障局本级", 2020)
    assert cut_name("福州市民政局(本级)") == "福州市民政局(本级)"


def test_year_of_a_performance_targets_file_from_its_dated_table_title():
    # regression: 广州市生态环境局's file of 项目支出绩效目标表 (oth_gd_gz_2026_69435bae, 140 pages) dates only
    # its tables' title, "2026年项目支出绩效目标表（含转移支付）", printed on every page
    from transform.identity import _YEAR_OF

    assert [m.group(1) for m in _YEAR_OF.finditer("2026年项目支出绩效目标表（含转移支付）")] == ["2026"]
    assert [m.group(1) for m in _YEAR_OF.finditer("2027年信息化运维项目完成验收")] == []
    assert [m.group(1) for m in _YEAR_OF.finditer("2026年度部门预算")] == ["2026"]
