"""Issue 16: the text as data. The `sections` and `covered_units` rows of the two real filings and the
seed's reconstruction against headings, paragraphs and unit lists typed from the rendered pages
(tests/expected/sections_*.py); every narrative fact's evidence is in the sections' text; tables are
recorded by their keys, never as text; the same rows whether the tables are ruled or not."""
from __future__ import annotations

import json
import re

import pytest

from reference.statements import STATEMENTS
from tests.conftest import REAL
from tests.expected import sections_putuo_finance_2024, sections_putuo_social_work_2024, sections_yanqi_2023
from transform.rows import DocumentRow, ParsedDocument
from transform.section_rows import covered_units, section_rows
from transform.sections import section_tree
from transform.text_document import document_from_text

TYPED = {"putuo_finance_2024": sections_putuo_finance_2024, "putuo_social_work_2024": sections_putuo_social_work_2024,
         "yanqi_2023": sections_yanqi_2023}
NINE = [st.key for st in STATEMENTS if st.number is not None]


def _nows(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def parsed(parsed_real, parsed_sample):
    out = dict(parsed_real)
    out["yanqi_2023"] = parsed_sample(sections_yanqi_2023.PDF.removesuffix(".pdf"))
    return out


@pytest.fixture(scope="module")
def samples(samples_dir, parsed_sample):
    return {f.stem: (parsed_sample(f.stem), json.loads(f.with_suffix(".truth.json").read_text(encoding="utf-8")))
            for f in sorted(samples_dir.glob("*.pdf"))}


def _one(rows, heading):
    found = [r for r in rows if _nows(r.heading) == _nows(heading)]
    assert len(found) == 1, (heading, [r.section_id for r in found])
    return found[0]


@pytest.mark.parametrize("name", list(TYPED))
def test_every_heading_with_its_ordinal_level_and_first_page(parsed, name):
    got = [(r.level, r.ordinal, _nows(r.heading), r.first_page) for r in parsed[name].sections]
    want = [(level, ordinal, _nows(heading), page) for level, ordinal, heading, page in TYPED[name].HEADINGS]
    assert got == want


@pytest.mark.parametrize("name", list(TYPED))
def test_paragraphs_typed_from_the_pages(parsed, name):
    rows = parsed[name].sections
    assert len(TYPED[name].PARAGRAPHS) >= 3
    for heading, paragraph in TYPED[name].PARAGRAPHS:
        row = _one(rows, heading)
        assert _nows(paragraph) in [_nows(p) for p in row.text.split("\n")], (heading, row.text)


@pytest.mark.parametrize("name", list(TYPED))
def test_ids_parents_paths_and_pages(parsed, name):
    rows = parsed[name].sections
    by_id = {r.section_id: r for r in rows}
    assert len(by_id) == len(rows)
    for r in rows:
        assert r.phase == "final" and r.chars == len(r.text) and r.first_page <= r.last_page
        assert r.doc_id == parsed[name].document.doc_id and r.fiscal_year == parsed[name].document.fiscal_year
        if r.parent_id is None:
            assert re.fullmatch(r"s\d+", r.section_id) and r.level == 1 and r.path == r.heading
            continue
        parent = by_id[r.parent_id]
        assert r.section_id.rsplit(".", 1)[0] == parent.section_id and parent.level < r.level
        assert r.path == f"{parent.path} / {r.heading}"
        assert parent.first_page <= r.first_page and r.last_page <= parent.last_page
    # ids follow reading order: the 1-based positions among siblings
    roots = [r.section_id for r in rows if r.parent_id is None]
    assert roots == [f"s{k}" for k in range(1, len(roots) + 1)]


@pytest.mark.parametrize("name", REAL)
def test_the_nine_tables_are_recorded_in_their_part_not_as_text(parsed, name):
    rows = parsed[name].sections
    (ordinal, (first, last)), = TYPED[name].TABLES_IN.items()
    part = next(r for r in rows if r.ordinal == ordinal)
    assert part.statements == NINE and part.text == "" and (part.first_page, part.last_page) == (first, last)
    assert [r.section_id for r in rows if r.statements] == [part.section_id]
    text = "\n".join(r.text for r in rows)
    for cell in ("单位：万元", "本表反映", "科目编码", "科目名称", "序号单位名称", "预算不单列"):
        assert cell not in text


def test_tables_named_by_a_heading_are_recorded_under_it_and_performance_tables_by_project(parsed):
    rows = parsed["yanqi_2023"].sections
    listed = [r for r in rows if r.parent_id == "s4"]  # 第四部分 部门决算报表（见附表）: 一、《收入支出决算总表》…
    assert [r.statements for r in listed] == [[k] for k in NINE]
    assert [r.last_page for r in listed] == [31, 33, 35, 37, 38, 40, 41, 42, 43]  # where the generator prints them
    perf = _one(rows, "预算绩效的情况说明")
    assert perf.performance_projects == [p.project for p in parsed["yanqi_2023"].performance_projects]
    assert len(perf.performance_projects) == 10 and perf.last_page == 27
    # the titles printed above each 绩效自评表 are the tables', not text
    assert perf.text.count("\n") == 0 and "项目支出绩效自评表" not in perf.text.split("\n")


@pytest.mark.parametrize("name", REAL)
def test_covered_units_typed_from_the_page(parsed, name):
    got = [(u.ordinal, u.unit_name, u.separate, u.page) for u in parsed[name].covered_units]
    assert got == TYPED[name].COVERED_UNITS
    assert all(u.doc_id == parsed[name].document.doc_id and u.fiscal_year == 2024 for u in parsed[name].covered_units)


def test_the_finance_bureau_covers_three_units_two_merged_into_its_own(parsed):
    units = {u.unit_name: u for u in parsed["putuo_finance_2024"].covered_units}
    assert set(units) == {"上海市普陀区财政局（本级）", "上海市普陀区财政局财政所", "上海市普陀区国库收付中心"}
    assert units["上海市普陀区财政局（本级）"].separate and units["上海市普陀区财政局（本级）"].note is None
    for merged in ("上海市普陀区财政局财政所", "上海市普陀区国库收付中心"):
        assert not units[merged].separate and units[merged].note == "预算不单列，并入本级"


def test_covered_units_of_the_samples(samples, parsed):
    assert parsed["yanqi_2023"].covered_units == []  # 单位无下属预算单位: no list printed
    for stem, (p, truth) in samples.items():
        if truth["template"] or stem.startswith("yanqi"):
            assert p.covered_units == []
            continue
        # "纳入X 2024 年度部门决算编制范围的单位为X本级（，无下属预算单位）。"
        assert [(u.ordinal, u.unit_name, u.separate) for u in p.covered_units] == [
            (1, truth["document"]["unit_name"] + "本级", True)], stem


def _whole_text(p: ParsedDocument) -> str:
    return "\n".join(f"{r.ordinal}{r.heading}\n{r.text}" for r in p.sections)


def test_the_sections_hold_every_evidence_sentence(parsed_real, samples):
    filings = {**parsed_real, **{stem: p for stem, (p, _) in samples.items()}}
    checked = 0
    for name, p in filings.items():
        whole = _whole_text(p)
        missing = [(f.fact, f.page, f.evidence) for f in p.narrative_facts if f.evidence not in whole]
        assert not missing, (name, missing[:3])
        checked += len(p.narrative_facts)
    assert checked > 400


def test_the_same_rows_when_the_tables_have_no_rules(parsed_real, parsed_real_without_rules):
    """Without rules the unit list and the empty tables are lines of text: they stay out of `text`."""
    def key(p):
        return ([(r.section_id, r.ordinal, r.heading, r.first_page, r.last_page, r.text, r.statements)
                 for r in p.sections], [(u.ordinal, u.unit_name, u.separate, u.note, u.page) for u in p.covered_units])
    for name in REAL:
        assert key(parsed_real_without_rules[name]) == key(parsed_real[name]), name


# --- typed documents -------------------------------------------------------------------------------------

def _rows(text: str, flagged: tuple[int, ...] = ()):
    doc = document_from_text(text)
    for n in flagged:
        doc.pages[n - 1].text_flags = ("wrong_characters",)
    tree = section_tree(doc)
    units, lines = covered_units(tree, doc, "d", 2023)
    out = ParsedDocument(DocumentRow("d", "typed", "typed.pdf", fiscal_year=2023), covered_units=units)
    return section_rows(tree, doc, out, lines), units


def test_a_heading_printed_on_the_line_before_is_a_heading():
    rows, _ = _rows("第一部分 概况\n一、主要职能\n（一）负责会计管理工作，监督会计行为。（二）负责非税收入管理；做好收缴。\n"
                    "（三）完成其他任务。\n")
    assert [(r.section_id, r.ordinal, r.heading, r.text) for r in rows[2:]] == [
        ("s1.1.1", "（一）", "负责会计管理工作，监督会计行为", ""),
        ("s1.1.2", "（二）", "负责非税收入管理", "做好收缴。"),
        ("s1.1.3", "（三）", "完成其他任务", "")]


def test_a_unit_list_in_a_sentence():
    _, units = _rows("第一部分 概况\n二、部门决算单位构成\n"
                     "纳入本部门2023年度部门决算编制范围的单位包括：1.某某局本级；2.某某所（预算不单列，并入本级）；"
                     "3.某某中心。\n")
    assert [(u.ordinal, u.unit_name, u.separate, u.note, u.page) for u in units] == [
        (1, "某某局本级", True, None, 1), (2, "某某所", False, "预算不单列，并入本级", 1), (3, "某某中心", True, None, 1)]


def test_a_unit_list_without_rules_is_not_text():
    rows, units = _rows("第一部分 概况\n二、部门决算单位构成\n纳入本部门2023年度部门决算编制范围的单位包括：\n"
                        "  序号 单位名称 备注\n  1 某某局（本级）\n  2 某某所 不单独编制决算\n三、其他\n正文。\n")
    assert [(u.ordinal, u.unit_name, u.separate, u.note) for u in units] == [
        (1, "某某局（本级）", True, None), (2, "某某所", False, "不单独编制决算")]
    assert rows[1].text == "纳入本部门2023年度部门决算编制范围的单位包括："


def test_text_on_a_page_whose_text_layer_lies_is_flagged_and_its_units_left_out():
    rows, units = _rows("第一部分 概况\n二、部门决算单位构成\n纳入本部门2023年度部门决算编制范围的单位为某某局本级。\n"
                        "\f第二部分 情况说明\n一、收入支出决算总体情况说明\n收入支出总计1.00万元。\n", flagged=(1,))
    assert [(r.section_id, r.text_layer_trusted) for r in rows] == [("s1", False), ("s1.1", False), ("s2", True),
                                                                     ("s2.1", True)]
    assert units == []
