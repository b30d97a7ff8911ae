"""Issue #3: the narrative facts of the seed filing (焉耆回族自治县社会保险中心 2023), read from the
generator's reconstruction of it (PDF → parse_file), against facts hand-typed from the seed's text
(tests/expected/narrative_yanqi_2023.py)."""
from __future__ import annotations

import csv
import re
from decimal import Decimal

import pytest

from tests.expected import narrative_yanqi_2023 as Y
from tests.paths import ROOT, SEED
from tests.test_narrative import _expected_value, _matching

CATALOG = ROOT / "reference" / "data" / "function_items.csv"


@pytest.fixture(scope="module")
def parsed(parsed_sample):
    p = parsed_sample(Y.PDF.removesuffix(".pdf"))
    assert p.document.status == "ok", p.document.error
    assert (p.document.unit_name, p.document.fiscal_year) == (Y.UNIT, Y.FISCAL_YEAR)
    return p


@pytest.fixture(scope="module")
def facts(parsed):
    return parsed.narrative_facts


def _nows(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def test_expectations_are_typed_from_the_seed_text():
    """Every expected figure is printed in the seed's narrative (a typo in the expectations fails here)."""
    text = _nows(SEED.read_text(encoding="utf-8"))
    tables, closing = text.index("部门（单位）整体支出绩效目标自评表"), text.index("十二、其他需说明的事项")
    narrative = text[:tables] + text[closing:]
    assert len(Y.FACTS) >= 25
    for fact, item, _, value, unit, _ in Y.FACTS:
        printed = value.lstrip("-") + ("万元" if unit == "万元" else "%" if unit == "%" else "")
        assert printed in narrative, (fact, item, value)
        if item:
            assert _nows(item).replace("（", "(").replace("）", ")") in narrative, item


def test_every_expected_fact_is_produced(facts):
    missing, wrong = [], []
    for fact, item, code, value, unit, page in Y.FACTS:
        found, want_unit = _matching(facts, fact, item, value, unit)
        if not found:
            missing.append((fact, item, value))
            continue
        on_page = [f for f in found if f.page == page]
        if not on_page:
            wrong.append((fact, item, value, "page", page, [f.page for f in found]))
            continue
        f = on_page[0]
        if f.unit != want_unit:
            wrong.append((fact, item, value, "unit", want_unit, f.unit))
        if f.code != code:
            wrong.append((fact, item, value, "code", code, f.code))
        if not (f.evidence and value.lstrip("-").split(".")[0] in f.evidence.replace(",", "")):
            wrong.append((fact, item, value, "evidence", f.evidence))
        if item:
            want = "table" if len(code) == 3 or Y.ITEMS[item][2] else "catalog_exact"
            if f.code_resolution != want:
                wrong.append((fact, item, value, "code_resolution", want, f.code_resolution))
        elif f.code_resolution is not None:
            wrong.append((fact, item, value, "code_resolution", None, f.code_resolution))
    assert not missing, missing
    assert not wrong, wrong


def test_no_fact_contradicts_an_expected_one(facts):
    """A key the expectations cover (fact + item) is never also stored with another value."""
    expected: dict[tuple, set] = {}
    for fact, item, _, value, unit, _ in Y.FACTS:
        expected.setdefault((fact, item), set()).add(_expected_value(value, unit)[0])
    for f in facts:
        if (f.fact, f.item) in expected:
            assert f.value in expected[(f.fact, f.item)], (f.fact, f.item, f.value, f.evidence)


def test_every_item_final_has_its_code(facts, parsed):
    """五（三）'s thirteen items: one item_final each, with the code the tables print (or, for the item the
    tables omit, the catalog's), and the code's catalog name is the printed 项 name."""
    with CATALOG.open(encoding="utf-8") as fh:
        catalog = {r["code"]: r["name"] for r in csv.DictReader(fh)}
    table_codes = {li.code for li in parsed.line_items if li.statement == "gpb_expenditure" and li.code}
    finals = {f.item: f for f in facts if f.fact == "item_final" and f.item and "（项）" in f.item}
    assert set(finals) == set(Y.ITEMS)
    for item, (code, name, in_tables) in Y.ITEMS.items():
        f = finals[item]
        assert f.code == code and catalog[code] == name and item.endswith(f"{name}（项）"), item
        assert (code in table_codes) == in_tables, code
        assert f.code_resolution == ("table" if in_tables else "catalog_exact"), (item, f.code_resolution)
    # the four 类 of 五（二）
    classes = {f.item: f.code for f in facts if f.fact == "item_final" and f.item and f.item.endswith("（类）")}
    assert classes == {Y.C208: "208", Y.C210: "210", Y.C221: "221", Y.C229: "229"}
    assert all(c in table_codes for c in classes.values())


def test_budget_figures_kept_apart(facts):
    """The seed states the 年初预算 of the totals (317.31) and the 全年预算 of 三公, and no budget of any
    item: nothing is invented, and the 年初预算 is not filed as a 全年预算."""
    assert not [f for f in facts if f.fact.startswith("item_budget")]
    assert not [f for f in facts if f.fact.endswith("_budget_full_year")]
    initial = {f.fact: f.value for f in facts if f.fact.endswith("_budget_initial")}
    assert initial == {"fiscal_total_budget_initial": Decimal("3173100"),
                       "gpb_expenditure_budget_initial": Decimal("3173100")}


def test_signs(facts):
    by = {(f.fact, f.item): f.value for f in facts}
    assert by[("total_income_expenditure_change", None)] == Decimal("1833100")
    assert by[("item_change", Y.I1)] == Decimal("-405800")
    assert by[("item_change_pct", Y.I1)] == Decimal("-22.38")
    assert by[("item_change", Y.I3)] == Decimal("419200")
    assert by[("item_change_pct", Y.I11)] == Decimal("-1.13")
    assert by[("item_change_pct", Y.I13)] == Decimal("-100")
    assert by[("three_public_final_change", None)] == Decimal("-700")
    assert by[("org_running_cost_change", None)] == Decimal("-15200")
    assert by[("org_running_cost_change_pct", None)] == Decimal("-18.42")


def test_stated_reasons(facts):
    for fact, item, page, phrase in Y.REASONS:
        f = next(f for f in facts if f.fact == fact and f.item == item and f.page == page)
        assert phrase in _nows(f.reason), (fact, item, f.reason)


def test_only_narrative_pages_are_read(facts):
    """The 绩效自评表 printed as text (pages 9-27), the 名词解释 and the tables give no narrative facts."""
    assert {f.page for f in facts} <= Y.NARRATIVE_PAGES
    assert all(f.unit_name == Y.UNIT and f.fiscal_year == Y.FISCAL_YEAR for f in facts)
