"""The seven real budgets of ../shared/budgets (issue 14): each read as a budget, with unit, year and
scope right, and every figure of its 财务收支预算总表, 收入预算总表, 支出预算总表 and 三公 table exactly
as printed, none wrong and none extra. The figures were typed by hand from the pages into
tests/transform/budget_pages/<file>.tsv (statement, page, side, row, column, printed cell); the column
→ measure and the 三公 label → item mappings below are the contract's (docs/data-contract.md)."""
from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from tests.paths import BUDGETS

PAGES = Path(__file__).with_name("budget_pages")
NAMES = sorted(p.stem for p in BUDGETS.glob("*.pdf"))
MEASURES = {
    "income_expenditure_summary": {"预算数": "amount", "合计": "amount", "人员经费": "basic_personnel",
                                   "公用经费": "basic_public", "项目支出": "project"},
    "income": {"合计": "total", "财政拨款收入": "fiscal_appropriation", "事业收入": "business",
               "事业单位经营收入": "operating", "其他收入": "other"},
    "expenditure": {"合计": "total", "基本支出": "basic", "项目支出": "project"},
    "three_public": {"预算数": "budget"},
}
THREE_PUBLIC = {"合计": "合计", "因公出国(境)费": "因公出国（境）费", "公务接待费": "公务接待费",
                "小计": "公务用车购置及运行维护费", "购置费": "公务用车购置费", "运行费": "公务用车运行维护费",
                "机关运行经费预算数": "机关运行经费"}
FACTOR = {"three_public": Decimal(10000)}  # the 三公 table is printed in 万元, the others in 元


def truth(name: str) -> tuple[dict, list[dict]]:
    lines = (PAGES / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
    head = lines[0].lstrip("# ").split("\t")
    meta = dict(zip(head[::2], head[1::2]))
    return meta, list(csv.DictReader(lines[1:], delimiter="\t"))


def key(statement: str, side, row: str, measure: str):
    if statement == "three_public":
        return statement, None, THREE_PUBLIC[row], measure
    if statement in ("income", "expenditure"):
        return statement, None, row if row == "合计" else None, row if row != "合计" else None, measure
    return statement, side, row, measure


def parsed_key(li):
    if li.statement == "three_public":
        return li.statement, None, li.item, li.measure
    if li.statement in ("income", "expenditure"):
        return li.statement, None, li.item if li.code is None else None, li.code, li.measure
    return li.statement, li.side, li.item, li.measure


def test_the_seven_budgets_are_there():
    assert len(NAMES) == 7 and all((PAGES / f"{n}.tsv").exists() for n in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_a_budget_is_read_with_its_unit_year_and_scope(parsed_budgets, name):
    meta, _ = truth(name)
    doc = parsed_budgets[name].document
    assert (doc.doc_kind, doc.phase, doc.status) == ("budget", "budget", "ok"), doc.error
    assert (doc.unit_name, doc.fiscal_year, doc.scope) == (meta["unit"], int(meta["year"]), meta["scope"])
    assert doc.identity_source == "cover" and doc.county == "普陀区" and doc.adcode == "310107"


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_of_the_four_tables_is_as_printed(parsed_budgets, name):
    _, rows = truth(name)
    parsed = parsed_budgets[name]
    wanted = set(MEASURES)
    stored: dict = {}
    for li in parsed.line_items:
        if li.statement in wanted:
            assert li.phase == "budget"
            assert parsed_key(li) not in stored, f"figure stored twice: {parsed_key(li)}"
            stored[parsed_key(li)] = li
    expected = {}
    for r in rows:
        k = key(r["statement"], r["side"] or None, r["row"], MEASURES[r["statement"]][r["column"]])
        amount = Decimal(r["printed"].replace(",", "") or "0") * FACTOR.get(r["statement"], Decimal(1))
        expected[k] = (amount, int(r["page"]), r["printed"])
    assert len(expected) == len(rows)
    wrong = {k: ((stored[k].amount_yuan, stored[k].page, stored[k].amount_printed), v)
             for k, v in expected.items() if k in stored and
             (stored[k].amount_yuan, stored[k].page, stored[k].amount_printed) != v}
    missing = sorted(set(expected) - set(stored), key=str)
    extra = sorted(set(stored) - set(expected), key=str)
    assert not wrong, wrong
    assert not missing, missing
    assert not extra, extra
