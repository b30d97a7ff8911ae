"""docs/recipes.md's recipe 12 on the smallest real 2026 budget of each city of ../shared/wild: one code,
six cities' layouts (a code column, "[2080505]" before the name, names alone), side by side in `frames`.
Every expected figure is typed from the page named beside it."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from flows.ingest import _rows_of
from tests.warehouse.test_recipes import recipes
from transform.hints import apply_hints
from warehouse.store import Warehouse
from warehouse.views import connect


@pytest.fixture(scope="module")
def six_cities_root(parsed_wild, tmp_path_factory):
    parsed = dict(parsed_wild)
    # 北京's 附件2 prints no year: named by the manifest's hint, as `juesuan ingest --manifest` does (on a
    # copy: the session's parsed files are shared)
    parsed["beijing_tables"] = apply_hints(copy.deepcopy(parsed["beijing_tables"]), {"fiscal_year": 2026})
    root = tmp_path_factory.mktemp("six-cities")
    Warehouse(root).write_batch(_rows_of(list(parsed.values())))
    return root


@pytest.fixture(scope="module")
def six_cities(six_cities_root):
    return connect(six_cities_root)


def test_recipe_12_shows_one_code_across_cities(six_cities):
    rows = six_cities.execute(recipes()[12][1]).fetchall()
    got = {(r[0], r[2], r[3], r[4]) for r in rows}
    assert got == {
        ("广州市", Decimal("1990600.00"), "printed", 11),    # 广州市信访局 表5: [2080505]… 199.06 (万元)
        ("杭州市", Decimal("1356200.00"), "catalogue", 19),  # 杭州市气象局 表5: names only, 135.62 (万元)
        ("福州市", Decimal("3414900.00"), "printed", 11),    # 2026 年度一般公共预算拨款支出预算表: 341.49 (万元)
        ("苏州市", Decimal("2987200.00"), "printed", 16),    # 公开 07 表 一般公共预算支出表: 298.72 (万元)
        ("西安市", Decimal("1381588.06"), "printed", 23),    # 表5 …支出明细表: 1,381,588.06 (元)
    }


def test_frames_took_the_first_of_two_rows_with_one_code(six_cities):
    # 北京 预算05表 p.8 prints 2080505 on two rows, 36.094080 and 120.888788 (one per sub-unit, unsorted):
    # neither is the filing's figure for the code, so 北京's file is not in the frame; both rows are stored
    doc = "SELECT doc_id FROM documents WHERE file_name = 'bud_bj_bj_2026_bfd3759a.pdf'"
    stored = six_cities.execute(
        f"SELECT amount_printed FROM line_items WHERE doc_id = ({doc}) AND statement = 'gpb_expenditure' "
        "AND code = '2080505' AND measure = 'total' ORDER BY page, row").fetchall()
    assert stored == [("36.094080",), ("120.888788",)]
    framed = six_cities.execute(
        f"SELECT count(*) FROM frames WHERE doc_id = ({doc}) AND code = '2080505'").fetchone()
    assert framed == (0,)
    # a code printed once in the same table is framed: 2013601 行政运行 1,198.209504
    assert six_cities.execute(
        f"SELECT amount_yuan FROM frames WHERE doc_id = ({doc}) AND statement = 'gpb_expenditure' "
        "AND code = '2013601' AND measure = 'total'").fetchall() == [(Decimal("11982095.04"),)]


def test_compare_draws_a_year_of_budgets_only(six_cities_root, tmp_path):
    # 2026 has budgets and no final accounts: compare draws the budgets (it drew final accounts only)
    from reports.compare import compare

    done = compare(six_cities_root, "2080505", 2026, tmp_path, statement="gpb_expenditure")
    assert done.figures == 5 and all(p.stat().st_size > 0 for p in done.pngs)
    page = done.html.read_text(encoding="utf-8")
    assert "2026 预算" in page and "杭州市" in page and "1356200.00" in page and "1381588.06" in page
    assert "No budget" not in page
