"""docs/recipes.md: each of its recipes 1–10 (recipe 11, on budgets: tests/warehouse/test_execution.py), read from the doc (so the doc cannot drift), run on
juesuan.duckdb of the series corpus and checked against the generator's truth."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import duckdb
import pytest

from tests.paths import ROOT
from tests.warehouse import series_truth as truth

_RECIPE = re.compile(r"^## (\d+)\. (.+?)\n\n```sql\n(.*?)```", re.S | re.M)


def recipes() -> dict[int, tuple[str, str]]:
    text = (ROOT / "docs" / "recipes.md").read_text(encoding="utf-8")
    return {int(n): (title, sql) for n, title, sql in _RECIPE.findall(text)}


@pytest.fixture(scope="module")
def run(series_warehouse):
    root, _ = series_warehouse
    con = duckdb.connect(str(root / "juesuan.duckdb"), read_only=True)
    yield lambda n: con.execute(recipes()[n][1]).fetchall()
    con.close()


@pytest.fixture(scope="module")
def filings(series_warehouse):
    return truth.standing(truth.filings(series_warehouse[1]))


def _figure(f, statement, code_or_item, measure, side=None) -> Decimal | None:
    for li in f.truth["line_items"]:
        if truth.key(li) == (statement, side, code_or_item, measure):
            return Decimal(li["amount_yuan"])
    return None


def test_the_doc_holds_twelve_recipes():
    # 11, on budgets: tests/warehouse/test_execution.py; 12, six cities: tests/warehouse/test_six_cities.py
    assert sorted(recipes()) == list(range(1, 13))


def test_1_every_countys_2080505_ranked(run, filings):
    want: dict[str, Decimal] = defaultdict(Decimal)
    for f in filings:
        if f.doc["fiscal_year"] == 2020 and not f.series["contained_in"]:
            v = _figure(f, "expenditure", "2080505", "total")
            want[f.doc["adcode"]] += v or 0
    rows = run(1)
    assert [(r[1], r[2]) for r in rows] == sorted(want.items(), key=lambda kv: (-kv[1], kv[0]))


def test_2_a_departments_basic_share_over_the_years(run, filings):
    mine = sorted((f for f in filings if f.series["series"] == "桐庐县示例卫生健康局"), key=lambda f: f.doc["fiscal_year"])
    rows = run(2)
    assert [r[0] for r in rows] == [2018, 2019, 2020]
    assert rows[0][1] == "桐庐县示例卫生和计划生育局"
    for f, (_y, _u, basic, total, share) in zip(mine, rows):
        item = "合计"
        assert (basic, total) == (_figure(f, "expenditure", item, "basic"), _figure(f, "expenditure", item, "total"))
        assert abs(share - basic / total) < Decimal("0.000001")


def test_3_three_public_of_every_finance_bureau_in_a_province(run, filings):
    want = sorted((f.doc["fiscal_year"], f.doc["county"], f.doc["unit_name"], v) for f in filings
                  if f.doc["unit_name"].endswith("财政局") and (v := _figure(f, "three_public", "合计", "final")) is not None)
    assert len(want) >= 3  # a 财政局 without 三公 spending prints the table empty: no row
    assert sorted(run(3)) == want


def test_4_counties_that_break_identities_most_often(run, series_warehouse):
    # The generator's filings keep every identity (it plants no error here) and the parser reads them
    # exactly: the recipe runs over the checks the ingest stored and finds no county.
    root, _ = series_warehouse
    with duckdb.connect(str(root / "juesuan.duckdb"), read_only=True) as c:
        assert c.execute("SELECT count(DISTINCT doc_id) FROM quality_results").fetchone()[0] >= 31
    assert run(4) == []


def test_5_a_unit_across_a_rename(run):
    assert run(5) == [(2018, "义乌市示例卫生和计划生育局", "义乌市示例卫生健康局", "adcode and alias A2018-wj: 卫生和计划生育局 → 卫生健康局"),
                      (2019, "义乌市示例卫生健康局", "义乌市示例卫生健康局", "adcode and name"),
                      (2020, "义乌市示例卫生健康局", "义乌市示例卫生健康局", "adcode and name")]


def test_6_health_spending_across_the_reclassification(run, filings):
    want: dict[tuple, Decimal] = defaultdict(Decimal)
    for f in filings:
        if not f.series["contained_in"] and (v := _figure(f, "expenditure", "210", "total")) is not None:
            want[(f.doc["adcode"], f.doc["fiscal_year"])] += v
    rows = run(6)
    assert [(r[0], r[1], r[2]) for r in rows] == [(*k, v) for k, v in sorted(want.items())]
    assert {r[3] for r in rows if r[1] == 2018} == {"医疗卫生与计划生育支出"}
    assert {r[3] for r in rows if r[1] > 2018} == {"卫生健康支出"}


def test_7_what_a_departments_accounts_contain(run, filings):
    want = sorted((f.doc["fiscal_year"], f.series["department"], f.doc["unit_name"]) for f in filings
                  if f.series["contained_in"])
    rows = run(7)
    assert [r[:3] for r in rows] == want
    assert all(r[3] == r[2] for r in rows)  # each is named in the department's 编制范围 list as it files


def test_8_fiscal_appropriation_share_ranked(run, filings):
    want = []
    for f in filings:
        if f.doc["fiscal_year"] == 2020:
            a, t = _figure(f, "income", "合计", "fiscal_appropriation"), _figure(f, "income", "合计", "total")
            want.append((f.doc["unit_name"], a, t))
    rows = run(8)
    assert sorted((r[0], r[2], r[3]) for r in rows) == sorted(want)
    assert [r[4] for r in rows] == sorted((r[4] for r in rows), reverse=True)


def test_9_a_provinces_expenditure_by_class(run, filings):
    want: dict[str, Decimal] = defaultdict(Decimal)
    for f in filings:
        if f.doc["fiscal_year"] == 2019 and not f.series["contained_in"]:
            for li in f.truth["line_items"]:
                if li["statement"] == "expenditure" and li["code_level"] == 1 and li["measure"] == "total":
                    want[li["code"]] += Decimal(li["amount_yuan"])
    rows = run(9)
    assert {r[0]: r[2] for r in rows} == dict(want)
    assert [r[2] for r in rows] == sorted((r[2] for r in rows), reverse=True)


def test_10_personnel_against_public_funds_by_kind(run, filings):
    kinds = {"财政局": "财政", "卫生": "卫生健康", "人力资源": "人社/社保", "社会保险": "人社/社保", "就业服务": "人社/社保"}
    want: dict[tuple, list] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for f in filings:
        kind = next(k for word, k in kinds.items() if word in f.doc["unit_name"])
        econ = {li["code"]: Decimal(li["amount_yuan"]) for li in f.truth["line_items"]
                if li["statement"] == "gpb_basic_expenditure" and li["code_level"] == 1}
        personnel = econ.get("301", Decimal(0)) + econ.get("303", Decimal(0))
        want[(kind, f.doc["fiscal_year"])][0] += personnel
        want[(kind, f.doc["fiscal_year"])][1] += sum(econ.values()) - personnel
    rows = run(10)
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [(*k, *v) for k, v in sorted(want.items())]
