"""The generator's budgets (samples/budgets.py, issue 14) read back exactly: a cover naming the unit after
预算主管部门：(ruled, 万元), a cover saying only 部门：… (borderless tables, 元), and a file of tables
only (编制单位：… in each table's header) — unit, year, scope and where they were read, every table
figure with its page, and the explanation's facts."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from extract import read_document
from transform.restatements import flag_restatements

NAMES = ["liuyang_nongjing_2024_budget", "pidu_chuancai_2024_budget", "dongcheng_tiyu_2025_budget",
         "putuo_tiyu_2025_budget_explanation", "putuo_tiyu_2025_budget_tables"]


@pytest.fixture(scope="module")
def budgets(samples_dir, parsed_sample):
    out = {}
    for name in NAMES:
        truth = json.loads((samples_dir / "budgets" / f"{name}.truth.json").read_text(encoding="utf-8"))
        out[name] = (parsed_sample(name), truth)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_who_filed_the_budget(budgets, name):
    parsed, truth = budgets[name]
    d = parsed.document
    assert (d.doc_kind, d.phase, d.status) == ("budget", "budget", "ok"), d.error
    assert (d.unit_name, d.fiscal_year, d.scope, d.identity_source, d.filing_part) == (
        truth["unit_name"], truth["fiscal_year"], truth["scope"], truth["identity_source"], truth["filing_part"])


def test_the_three_layouts_are_there(budgets):
    assert [budgets[n][1]["identity_source"] for n in NAMES] == ["cover", "cover", "table_header", "cover",
                                                                 "table_header"]
    first_page = {n: [ln.text for ln in read_document(budgets[n][0].document.source, max_pages=1).pages[0].lines]
                  for n in NAMES}
    assert "部门：成都市郫都区示例川菜产业促进中心" in first_page["pidu_chuancai_2024_budget"]
    assert first_page["dongcheng_tiyu_2025_budget"][0] == "2025年单位财务收支预算总表"


@pytest.mark.parametrize("name", NAMES)
def test_every_table_figure_as_rendered(budgets, name):
    parsed, truth = budgets[name]
    got = {(li.statement, li.side, li.code or li.item, li.measure): (li.amount_yuan, li.page, li.amount_printed)
           for li in parsed.line_items}
    want = {(t["statement"], t["side"], t["code"] or t["item"], t["measure"]):
            (Decimal(t["amount_yuan"]), t["page"], t["amount_printed"]) for t in truth["line_items"]}
    assert got == want
    assert {li.phase for li in parsed.line_items} <= {"budget"} and (parsed.line_items or not truth["line_items"])


@pytest.mark.parametrize("name", NAMES[:2] + NAMES[3:4])
def test_the_explanations_facts(budgets, name):
    parsed, truth = budgets[name]
    got = {(f.fact, f.code): f.value for f in parsed.narrative_facts}
    want = {(t["fact"], t["code"]): Decimal(t["value"]) for t in truth["narrative_facts"]}
    assert want and {k: got.get(k) for k in want} == want
    assert {f.phase for f in parsed.narrative_facts} == {"budget"}


def test_a_budget_in_two_files_is_one_filing_not_a_restatement(budgets):
    """The explanation (cover and text, no table) and the tables (no cover) of one unit, year and scope:
    two documents of one filing — neither restates the other, and the explanation misses no table."""
    explanation, tables = (budgets[n][0] for n in NAMES[3:])
    assert (explanation.document.status, explanation.document.error) == ("ok", None)
    assert explanation.line_items == [] and tables.narrative_facts == []
    flag_restatements([tables, explanation], {})
    assert explanation.document.restatement_of is None and tables.document.restatement_of is None
