"""The `execution` view (issue 14): the generated budgets of two sample units beside their final
accounts, against the rendered truth of both — per 类 and 项 of 支出预算总表 / 表3 and the 三公 total,
the execution rate, a 项 the budget planned and the final accounts never print, and the units with
one phase only listed in execution_unmatched."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from warehouse import Warehouse, connect

PAIRS = {"浏阳市示例农村经营服务中心": ("liuyang_nongjing_2024", 2024), "成都市郫都区示例川菜产业促进中心": ("pidu_chuancai_2024", 2024)}


@pytest.fixture(scope="module")
def execution(tmp_path_factory, samples_dir, parsed_sample):
    files = sorted(samples_dir.glob("*.pdf")) + sorted((samples_dir / "budgets").glob("*.pdf"))
    parsed = [parsed_sample(f.stem) for f in files]
    root = tmp_path_factory.mktemp("execution") / "warehouse"
    Warehouse(root).write_batch({"documents": [p.document for p in parsed],
                                 "line_items": [li for p in parsed for li in p.line_items],
                                 "statements": [s for p in parsed for s in p.statements]})
    return connect(root)


def truth(samples_dir, name: str) -> dict:
    path = samples_dir / f"{name}.truth.json"
    if not path.exists():
        path = samples_dir / "budgets" / f"{name}.truth.json"
    return json.loads(path.read_text(encoding="utf-8"))


def figures(t: dict, statement: str, measure: str) -> dict:
    return {li["code"] or li["item"]: Decimal(li["amount_yuan"]) for li in t["line_items"]
            if li["statement"] == statement and li["measure"] == measure}


@pytest.mark.parametrize("unit", sorted(PAIRS))
def test_budget_and_final_expenditure_side_by_side(execution, samples_dir, unit):
    name, year = PAIRS[unit]
    budget = figures(truth(samples_dir, f"{name}_budget"), "expenditure", "total")
    final = figures(truth(samples_dir, name), "expenditure", "total")
    rows = execution.execute(
        "SELECT coalesce(code, item), budget_yuan, final_yuan, execution_rate_pct, match FROM execution "
        "WHERE unit_name = ? AND fiscal_year = ? AND statement = 'expenditure' AND measure = 'total'",
        [unit, year]).fetchall()
    got = {k: (b, f, r, m) for k, b, f, r, m in rows}
    assert set(got) == set(budget) | set(final)
    for key in budget.keys() & final.keys():
        b, f, rate, match = got[key]
        assert (b, f, match) == (budget[key], final[key], "matched"), key
        assert rate == (100 * final[key] / budget[key]).quantize(Decimal("0.01")), key
    for key in budget.keys() - final.keys():
        assert got[key][1:] == (None, None, "not in the final accounts")
    for key in final.keys() - budget.keys():
        assert got[key][0] is None and got[key][3] == "not in the budget"


def test_a_planned_item_never_spent_is_listed_on_the_budget_side(execution):
    row = execution.execute("SELECT budget_yuan, final_yuan, match FROM execution WHERE code = '2080199' "
                            "AND statement = 'expenditure' AND measure = 'total'").fetchone()
    assert row == (Decimal("52300.00"), None, "not in the final accounts")


def test_the_three_public_budget_against_its_final(execution, samples_dir):
    budget = figures(truth(samples_dir, "liuyang_nongjing_2024_budget"), "three_public", "budget")["合计"]
    final = figures(truth(samples_dir, "liuyang_nongjing_2024"), "three_public", "final")["合计"]
    row = execution.execute("SELECT budget_yuan, final_yuan, match FROM execution WHERE statement = 'three_public' "
                            "AND item = '合计' AND unit_name = '浏阳市示例农村经营服务中心'").fetchone()
    assert row == (budget, final, "matched")


def test_recipe_11_budget_against_final_by_class(execution, samples_dir):
    from tests.warehouse.test_recipes import recipes

    rows = execution.execute(recipes()[11][1]).fetchall()
    want = []
    for unit, (name, year) in PAIRS.items():
        budget = figures(truth(samples_dir, f"{name}_budget"), "expenditure", "total")
        final = figures(truth(samples_dir, name), "expenditure", "total")
        for code in sorted(k for k in budget.keys() | final.keys() if len(k) == 3 and k.isdigit()):
            b, f = budget.get(code), final.get(code)
            match = "matched" if b is not None and f is not None else \
                "not in the final accounts" if f is None else "not in the budget"
            rate = (100 * f / b).quantize(Decimal("0.01")) if b and f is not None else None
            want.append((unit, year, code, b, f, rate, match))
    got = [(u, y, c, b, f, r, m) for u, y, c, _item, b, f, r, m in rows if c is not None]
    assert sorted(got) == sorted(want)
    unmatched = sorted((u, y, m) for u, y, c, _i, _b, _f, _r, m in rows if c is None)
    assert unmatched == [("上海市普陀区示例体育局", 2025, "unmatched budget")] * 2 + [
        ("北京市东城区示例体育局", 2025, "unmatched budget"), ("焉耆回族自治县社会保险中心", 2023, "unmatched final")]


def test_both_files_of_a_budget_published_in_two_stand(execution):
    rows = execution.execute("SELECT filing_part, stands FROM filings WHERE unit_name = '上海市普陀区示例体育局' "
                             "ORDER BY 1").fetchall()
    assert rows == [("explanation", True), ("tables", True)]


def test_units_with_one_phase_only_are_listed_not_paired(execution):
    rows = execution.execute("SELECT unit_name, fiscal_year, phase, reason FROM execution_unmatched "
                             "ORDER BY unit_name").fetchall()
    assert rows == [("上海市普陀区示例体育局", 2025, "budget", "no final accounts filed for this unit, year and scope")] * 2 + [
        ("北京市东城区示例体育局", 2025, "budget", "no final accounts filed for this unit, year and scope"),
        ("焉耆回族自治县社会保险中心", 2023, "final", "no budget filed for this unit, year and scope")]
    paired = {u for (u,) in execution.execute("SELECT DISTINCT unit_name FROM execution").fetchall()}
    assert paired == set(PAIRS)
