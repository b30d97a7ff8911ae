"""Narrative facts and the section tree, against hand-typed expectations of two real filings and
the seed's text."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.expected import narrative_putuo_finance_2024 as FIN
from tests.expected import narrative_putuo_social_work_2024 as SW
from tests.paths import SEED
from transform.narrative import narrative_facts, narrative_facts_from_sections
from transform.narrative_codes import CodeResolver, ItemPath, parse_path
from transform.sections import section_tree
from transform.text_document import document_from_text

CASES = {"social_work": SW, "finance": FIN}


def _load(module, documents):
    if not Path(module.FILE).exists():
        pytest.fail(f"{module.FILE} is not available: ../shared/filings must sit beside the project")
    from transform.document import transform_document
    doc = documents[Path(module.FILE).name]  # read once per session (conftest.real_documents)
    parsed = transform_document(doc, "test", module.FILE, Path(module.FILE).name)
    facts, log = narrative_facts(doc, "test", parsed.document.fiscal_year, parsed.document.unit_name,
                                 parsed.line_items)
    return doc, facts, log


@pytest.fixture(scope="module")
def filings(real_documents):
    from tests.conftest import FILINGS, expected

    by_file = {(FILINGS / expected(n).FILE).name: doc for n, doc in real_documents.items()}
    return {name: _load(module, by_file) for name, module in CASES.items()}


def _expected_value(value: str, unit: str) -> tuple[Decimal, str]:
    if unit == "万元":
        return Decimal(value) * 10000, "yuan"
    if unit == "%":
        return Decimal(value), "percent"
    return Decimal(value), "count"


def _matching(facts, fact: str, item: str | None, value: str, unit: str):
    """The stored facts with this key and the expected value, and the unit they must carry."""
    want_value, want_unit = _expected_value(value, unit)
    return [f for f in facts if f.fact == fact and f.item == item and f.value == want_value], want_unit


@pytest.mark.parametrize("name", list(CASES))
def test_every_expected_fact_is_produced(filings, name):
    module = CASES[name]
    _, facts, _ = filings[name]
    assert len(module.FACTS) >= 25
    missing = []
    for fact, item, code, value, unit, page in module.FACTS:
        found, want_unit = _matching(facts, fact, item, value, unit)
        if not found:
            missing.append((fact, item, value))
            continue
        f = found[0]
        assert f.unit == want_unit, (fact, item)
        assert f.code == code, (fact, item, f.code)
        assert f.page == page, (fact, item, f.page)
        assert f.evidence and value.lstrip("-").split(".")[0] in f.evidence.replace(",", "")
        if item:
            assert f.code_resolution in ("table", "catalog_exact"), (fact, item, f.code_resolution)
    assert not missing, missing


@pytest.mark.parametrize("name", list(CASES))
def test_no_fact_contradicts_an_expected_one(filings, name):
    """A key the expectations cover (fact + item) is never also stored with another value."""
    module = CASES[name]
    _, facts, _ = filings[name]
    expected: dict[tuple, set] = {}
    for fact, item, _, value, unit, _ in module.FACTS:
        expected.setdefault((fact, item), set()).add(_expected_value(value, unit)[0])
    for f in facts:
        if (f.fact, f.item) in expected:
            assert f.value in expected[(f.fact, f.item)], (f.fact, f.item, f.value, f.evidence)


@pytest.mark.parametrize("name", list(CASES))
def test_item_figures_have_codes_from_the_tables(filings, name):
    _, facts, log = filings[name]
    items = [f for f in facts if f.fact.startswith("item_") and f.item and "（项）" in f.item]
    assert items
    assert all(f.code and len(f.code) == 7 and f.code_resolution == "table" for f in items)
    assert not [line for line in log if line.startswith("unresolved classification")]


@pytest.mark.parametrize("name", list(CASES))
def test_stated_reasons(filings, name):
    module = CASES[name]
    _, facts, _ = filings[name]
    for fact, item, phrase in module.REASONS:
        f = next(f for f in facts if f.fact == fact and f.item == item)
        assert f.reason and phrase in f.reason, (fact, f.reason)


def test_item_counts(filings):
    _, sw, _ = filings["social_work"]
    _, fin, _ = filings["finance"]
    sw_items = {f.code for f in sw if f.fact == "item_budget_full_year" and f.item and "（项）" in f.item}
    fin_items = {f.code for f in fin if f.fact == "item_budget_initial" and f.item and "（项）" in f.item}
    assert len(sw_items) == 9 and len({f.code for f in sw if f.fact == "item_final" and len(f.code or "") == 7}) == 9
    assert len(fin_items) == 11 and len({f.code for f in fin if f.fact == "item_final" and len(f.code or "") == 7}) == 11
    # 年初预算 and 全年预算 are kept apart
    assert not [f for f in sw if f.fact == "item_budget_initial" and "（项）" in (f.item or "")]
    assert not [f for f in fin if f.fact == "item_budget_full_year"]


def test_finance_error_recorded_as_printed(filings):
    _, facts, _ = filings["finance"]
    f = next(f for f in facts if f.fact == "fiscal_total")
    assert f.value == Decimal("3000") and f.page == 21 and "0.3万元" in f.evidence


def test_signs(filings):
    _, facts, _ = filings["finance"]
    by = {(f.fact, f.item): f.value for f in facts}
    assert by[("total_income_expenditure_change", None)] == Decimal("-569500")
    assert by[("total_income_expenditure_change_pct", None)] == Decimal("-1.87")
    assert by[("org_running_cost_change", None)] == Decimal("25500")
    assert by[("org_running_cost_change_pct", None)] == Decimal("1.40")


# --- section tree -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(CASES))
def test_section_tree_parts_and_chapters(filings, name):
    module = CASES[name]
    doc, _, _ = filings[name]
    roots = section_tree(doc)
    assert [(r.title, r.page) for r in roots] == module.PARTS
    part3 = roots[2]
    assert [(c.title, c.page) for c in part3.children] == module.PART3_CHAPTERS
    assert not roots[3].children and not roots[3].paragraphs  # the glossary is skipped


def test_section_tree_bodies(filings):
    doc, _, _ = filings["social_work"]
    part3 = section_tree(doc)[2]
    five = part3.children[4]
    assert [c.title for c in five.children] == ["（一）一般公共预算财政拨款支出决算总体情况",
                                                "（二）一般公共预算财政拨款支出决算结构情况",
                                                "（三）一般公共预算财政拨款支出决算具体情况"]
    items = five.children[2].children
    assert len(items) == 9
    assert items[2].title == "3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）"
    assert items[2].page == 18 and items[2].paragraphs[0].page == 19  # the item runs over the page break
    # a paragraph joined across a page break, citing the page of each part
    body = five.children[0].paragraphs[0]
    assert body.text.startswith("一般公共预算财政拨款支出307.82万元，占本年支出合计的100.00%。")
    assert body.page == 17 and body.page_at(body.text.index("100.00%")) == 18
    # no page-number lines and no table-page text
    texts = [p.text for r in section_tree(doc) for s, _ in r.walk() for p in s.paragraphs]
    assert not any(re.fullmatch(r"\d+", t) for t in texts)
    assert not any("本表反映" in t for t in texts)


def test_finance_paragraph_runs_over_short_lines(filings):
    doc, _, _ = filings["finance"]
    four = section_tree(doc)[2].children[3]
    assert len(four.paragraphs) == 1
    assert "主要原因：基本支出中人员进出及退休变化" in four.paragraphs[0].text


# --- code resolution ------------------------------------------------------------------------------------

def test_parse_path():
    p = parse_path("4、社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)。")
    assert p == ItemPath("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出")
    assert parse_path("其中：住房保障支出（类）").lei == "住房保障支出"


def test_drifted_names_resolve_fuzzily_and_unknown_ones_stay_unresolved():
    r = CodeResolver([], 2024)
    # exact catalog names
    assert (r.resolve(ItemPath("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出")).code
            == "2080505")
    exact = r.resolve(ItemPath("社会保障和就业支出", "行政事业单位养老支出", "机关事业单位职业年金缴费支出"))
    assert (exact.code, exact.how) == ("2080506", "catalog_exact")
    # an older 款 name (行政事业单位离退休, before 2019) with a shortened 项 name
    old = r.resolve(ItemPath("社会保障和就业支出", "行政事业单位离退休", "机关事业单位基本养老保险缴费"))
    assert (old.code, old.how) == ("2080505", "catalog_fuzzy")
    # a wrong 款 in the text, an exact 项 name that is unique in the 类
    wrong = r.resolve(ItemPath("社会保障和就业支出", "人力资源和社会保障管理事务", "企业关闭破产补助"))
    assert (wrong.code, wrong.how) == ("2080601", "catalog_fuzzy")
    # 行政运行 under an unknown 款: many codes are equally close → not forced
    tie = r.resolve(ItemPath("一般公共服务支出", "机关事务", "行政运行"))
    assert (tie.code, tie.how) == (None, "unresolved")
    # a name with no close catalog name
    none = r.resolve(ItemPath("一般公共服务支出", "财政事务", "专项工作经费"))
    assert (none.code, none.how) == (None, "unresolved")
    assert r.resolve(ItemPath("不存在的支出")).how == "unresolved"


def test_table_names_come_first():
    class LI:
        def __init__(self, code, item):
            self.code, self.item, self.statement = code, item, "gpb_expenditure"
    items = [LI("20139", "社会工作事务"), LI("2013999", "其他社会工作事务支出"), LI("201", "一般公共服务支出")]
    r = CodeResolver(items, 2024)
    res = r.resolve(ItemPath("一般公共服务支出", "社会工作事务", "其他社会工作事务支出"))
    assert (res.code, res.how) == ("2013999", "table")
    # a 款 the table does not print, but a 项 name it prints once under the 类
    res = r.resolve(ItemPath("一般公共服务支出", "社会事务", "其他社会工作事务支出"))
    assert (res.code, res.how) == ("2013999", "table")


def test_unresolved_item_is_logged_and_stored_without_code():
    text = ("第三部分 情况说明\n五、一般公共预算财政拨款支出决算情况说明\n"
            "1.一般公共服务支出(类)财政事务(款)专项工作经费(项):支出决算数为 12.50 万元。\n")
    facts, log = narrative_facts_from_sections(section_tree(document_from_text(text)), "t", 2024, "u", [])
    f = next(f for f in facts if f.fact == "item_final")
    assert f.code is None and f.code_resolution == "unresolved" and f.value == Decimal("125000.00")
    assert any(line.startswith("unresolved classification") and "专项工作经费" in line for line in log)


def test_unattributable_figure_is_logged_not_stored():
    text = "第三部分 情况说明\n十、其他\n截至2023年12月31日，固定资产原值111.09万元。\n"
    facts, log = narrative_facts_from_sections(section_tree(document_from_text(text)), "t", 2023, "u", [])
    assert not facts
    assert any("111.09万元" in line and "not stored" in line for line in log)


# --- the seed text (plain lines) ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.fail("seed text not available: ../shared/seed must sit beside the project")
    text = re.sub(r"\n (?=\S)", "\n\f", SEED.read_text(encoding="utf-8"))  # a leading space starts a page
    roots = section_tree(document_from_text(text))
    return roots, narrative_facts_from_sections(roots, "seed", 2023, "焉耆回族自治县社会保险中心", [])


def test_seed_facts(seed):
    _, (facts, log) = seed
    by = {(f.fact, f.item): f for f in facts}
    assert by[("staff_total", None)].value == 38 and by[("staff_active", None)].value == 22
    assert by[("staff_retired", None)].value == 16
    assert by[("total_income_expenditure_change", None)].value == Decimal("1833100.00")
    assert by[("total_income_expenditure_change_pct", None)].value == Decimal("45.50")
    assert by[("fiscal_total_budget_initial", None)].value == Decimal("3173100.00")  # the narrative's 317.31
    item = by[("item_change", "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）")]
    assert item.value == Decimal("-405800.00") and item.code == "2080101" and item.code_resolution == "catalog_exact"
    assert "事业运行列支" in item.reason
    other = by[("item_final", "其他支出（类）其他支出（款）其他支出（项）")]
    assert other.code == "2299901"
    assert by[("class_share_pct", "其他支出（类）")].value == Decimal("16.35")
    assert by[("three_public_final_change", None)].value == Decimal("-700.00")
    assert by[("three_public_overseas_final", None)].reason == "我单位无因公出国（境）费"
    assert by[("org_running_cost_change_pct", None)].value == Decimal("-18.42")
    assert by[("vehicles", None)].value == 2
    # the performance tables printed as text are not read as narrative
    assert not [f for f in facts if f.page >= 11 and f.page < 28]
    assert any("performance self-evaluation table" in line for line in log)


def test_seed_sections(seed):
    roots, _ = seed
    assert [r.title for r in roots][:2] == ["第一部分单位概况", "第二部分部门决算情况说明"]
    titles = [c.title for c in roots[1].children]
    assert titles[0] == "一、收入支出决算总体情况说明"
    assert "九、国有资本经营预算财政拨款收入支出决算情况说明" in titles
