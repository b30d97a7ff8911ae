"""The research views of DIR/juesuan.duckdb (warehouse/sql/), over the series corpus ingested by the
flow, against the generator's truth: frames and region_totals figure for figure, a renamed unit and a
renamed code followed in unit_years, a department and its units not counted twice."""
from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal

import duckdb
import pytest

from tests.warehouse import series_truth as truth


@pytest.fixture(scope="module")
def con(series_warehouse):
    root, _corpus = series_warehouse
    c = duckdb.connect(str(root / "juesuan.duckdb"), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def filings(series_warehouse):
    return truth.filings(series_warehouse[1])


def test_a_moved_database_is_read_with_the_duckdb_module_alone(series_warehouse, tmp_path):
    root, _ = series_warehouse
    moved = tmp_path / "elsewhere" / "moved"
    shutil.copytree(root, tmp_path / "ingested")
    shutil.move(tmp_path / "ingested", moved)
    elsewhere = tmp_path / "another" / "cwd"
    elsewhere.mkdir(parents=True)
    # -I: isolated mode, no project on the path and no site customisation; another working directory
    script = ("import duckdb, json, sys\n"
              "c = duckdb.connect(sys.argv[1], read_only=True)\n"
              f"print(json.dumps({{v: c.execute(q).fetchone() for v, q in {QUERIES!r}.items()}}))\n")
    # the warehouse the copy came from is set aside meanwhile: a view naming it by its absolute path fails
    aside = root.with_name(root.name + ".aside")
    root.rename(aside)
    try:
        done = subprocess.run([sys.executable, "-I", "-c", script, str(moved / "juesuan.duckdb")], cwd=elsewhere,
                              capture_output=True, text=True, timeout=120)
    finally:
        aside.rename(root)
    assert done.returncode == 0, done.stderr
    import json
    counts = json.loads(done.stdout)
    with duckdb.connect(str(root / "juesuan.duckdb"), read_only=True) as c:
        for view, (rows, other) in counts.items():
            assert [rows, other] == list(c.execute(QUERIES[view]).fetchone())
            assert rows > 0
    # 32 filings, 31 stand (one restated); 5 unit series per county (the department, its two units,
    # 卫生健康局, 财政局) plus the 本级 filed apart; a county's figure of a year adds up 3 filings at most
    # (the department, 卫生健康局, 财政局: the units are contained in the department)
    assert counts["frames"][1] == 31 and counts["structure"][1] == 31
    assert counts["unit_years"][1] == 2 * 5 + 1 and counts["region_totals"][1] == 3


QUERIES = {"frames": "SELECT count(*), count(DISTINCT doc_id) FROM frames",
           "region_totals": "SELECT count(*), max(filings) FROM region_totals WHERE level = 'county'",
           "unit_years": "SELECT count(*), count(DISTINCT series_id) FROM unit_years",
           "structure": "SELECT count(*), count(DISTINCT doc_id) FROM structure"}


def test_the_database_names_the_warehouse_by_relative_paths(series_warehouse):
    root, _ = series_warehouse
    with duckdb.connect(str(root / "juesuan.duckdb"), read_only=True) as c:
        sql = c.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'line_items'").fetchone()[0]
    assert str(root) not in sql and "juesuan_dir() || 'line_items/fiscal_year=" in sql


def test_frames_hold_every_figure_of_the_standing_filings_once(con, filings):
    want = {(f.doc_id, *truth.key(li), Decimal(li["amount_yuan"]), li["page"])
            for f in truth.standing(filings) for li in f.truth["line_items"]}
    rows = con.execute("SELECT doc_id, statement, side, coalesce(code, item), measure, amount_yuan, page "
                       "FROM frames").fetchall()
    assert len(rows) == len(set(rows)) == len(want)
    assert set(rows) == want


def test_frames_carry_who_filed(con, filings):
    for f in truth.standing(filings):
        got = con.execute("SELECT DISTINCT unit_name, scope, province, prefecture, county, adcode, fiscal_year, phase "
                          "FROM frames WHERE doc_id = ?", [f.doc_id]).fetchall()
        d = f.doc
        assert got == [(d["unit_name"], d["scope"], d["province"], d["prefecture"], d["county"], d["adcode"],
                        d["fiscal_year"], "final")]


def test_a_restated_filing_replaces_the_first_in_frames(con, filings):
    (restatement,) = [f for f in filings if f.series["restates"]]
    (first,) = [f for f in filings if f.file == restatement.series["restates"]]
    assert con.execute("SELECT count(*) FROM frames WHERE doc_id = ?", [first.doc_id]).fetchone() == (0,)
    stands, superseded_by = con.execute("SELECT stands, superseded_by FROM filings WHERE doc_id = ?",
                                        [first.doc_id]).fetchone()
    assert (stands, superseded_by) == (False, restatement.doc_id)
    total = next(li for li in restatement.truth["line_items"]
                 if li["statement"] == "expenditure" and li["code"] is None and li["measure"] == "total")
    assert con.execute("SELECT amount_yuan FROM frames WHERE unit_name = ? AND fiscal_year = ? AND "
                       "statement = 'expenditure' AND code IS NULL AND measure = 'total'",
                       [restatement.doc["unit_name"], restatement.doc["fiscal_year"]]).fetchall() == \
        [(Decimal(total["amount_yuan"]),)]


def test_region_totals_equal_the_sums_of_the_truth_figure_for_figure(con, filings):
    want = truth.region_totals(filings)
    rows = con.execute("SELECT level, adcode, fiscal_year, statement, side, coalesce(code, item), measure, "
                       "amount_yuan, filings FROM region_totals").fetchall()
    got = {tuple(r[:7]): (r[7], r[8]) for r in rows}
    assert len(got) == len(rows)
    assert got == want
    assert {r[0] for r in rows} == {"county", "prefecture", "province"}


def test_a_department_and_its_units_are_not_counted_twice(con, filings):
    contained = {f.doc_id for f in truth.standing(filings) if f.series["contained_in"]}
    counties = {f.doc["adcode"] for f in filings if f.series["role"] == "department"}
    assert len(contained) == 2 * len(counties) * 3 + 1  # two units per county and year, and one 本级 filed apart
    assert {r[0] for r in con.execute("SELECT doc_id FROM contained_filings").fetchall()} == contained
    for dept in (f for f in truth.standing(filings) if f.series["role"] == "department"):
        d = dept.doc
        total = Decimal(next(li["amount_yuan"] for li in dept.truth["line_items"]
                             if li["statement"] == "expenditure" and li["code"] is None and li["measure"] == "total"))
        units = [f for f in filings if f.series["contained_in"] == dept.file]
        assert units, dept.file
        # the generator's department is the sum of its accounting units: counting both would double it
        got, n, scope = con.execute(
            "SELECT sum(amount_yuan), count(DISTINCT doc_id), string_agg(DISTINCT scope, '+') FROM frames "
            "WHERE adcode = ? AND fiscal_year = ? AND statement = 'expenditure' AND code IS NULL "
            "AND measure = 'total' AND doc_id NOT IN (SELECT doc_id FROM contained_filings) "
            "AND unit_name LIKE '%人力资源和社会保障局%'", [d["adcode"], d["fiscal_year"]]).fetchone()
        assert (got, n, scope) == (total, 1, "department")


def test_a_unit_renamed_between_years_continues_its_series(con, filings):
    renamed = [f for f in truth.standing(filings) if f.series["role"] == "renamed"]
    for adcode in {f.doc["adcode"] for f in renamed}:
        mine = sorted((f for f in renamed if f.doc["adcode"] == adcode), key=lambda f: f.doc["fiscal_year"])
        assert [f.series["renamed_from"] is not None for f in mine] == [True, False, False]
        rows = con.execute("SELECT DISTINCT series_id, fiscal_year, unit_name, unit_match FROM unit_years "
                           "WHERE doc_id IN (SELECT unnest(?)) ORDER BY fiscal_year", [[f.doc_id for f in mine]]
                           ).fetchall()
        assert len({r[0] for r in rows}) == 1, rows
        assert [r[1:3] for r in rows] == [(f.doc["fiscal_year"], f.doc["unit_name"]) for f in mine]
        assert rows[0][3] == "adcode and alias A2018-wj: 卫生和计划生育局 → 卫生健康局"
        assert rows[1][3] == rows[2][3] == "adcode and name"
        assert rows[0][0] == f"{adcode}/{mine[-1].doc['unit_name']}/department"


def test_a_code_renamed_between_classification_years_is_followed(con, filings):
    renamed = sorted((f for f in truth.standing(filings) if f.series["role"] == "renamed"),
                     key=lambda f: (f.doc["adcode"], f.doc["fiscal_year"]))
    for f in renamed:
        li = next(li for li in f.truth["line_items"] if li["statement"] == "income_expenditure_summary"
                  and li["side"] == "expenditure" and li["code"] == "210")
        row = con.execute("SELECT item, code, code_match, amount_yuan FROM unit_years WHERE doc_id = ? AND "
                          "statement = 'income_expenditure_summary' AND side = 'expenditure' AND series_code = '210'",
                          [f.doc_id]).fetchall()
        old = f.doc["fiscal_year"] <= 2018
        assert li["item"] == ("医疗卫生与计划生育支出" if old else "卫生健康支出")
        match = ("crosswalk F2019-210: 210 医疗卫生与计划生育支出 → 210 卫生健康支出 (renamed from 2019)"
                 if old else "same code")
        assert row == [(li["item"], "210", match, Decimal(li["amount_yuan"]))]
    # 20805 (行政事业单位离退休 → 行政事业单位养老支出) too, in the coded tables of 2018
    got = con.execute("SELECT DISTINCT item FROM unit_years WHERE series_code = '20805' AND fiscal_year = 2018 "
                      "AND code_match LIKE 'crosswalk F2019-20805:%'").fetchall()
    assert got == [("行政事业单位离退休",)]


def test_structure_ratios_state_their_numerator_and_denominator(con, filings):
    for f in truth.standing(filings):
        by = {truth.key(li): Decimal(li["amount_yuan"]) for li in f.truth["line_items"]}
        total_key = next(k for k in by if k[0] == "expenditure" and k[1] is None and k[3] == "total"
                         and not k[2].isdigit())
        basic, total = by[(*total_key[:3], "basic")], by[total_key]
        row = con.execute("SELECT numerator, denominator, value FROM structure WHERE doc_id = ? AND ratio = 'basic_share'",
                          [f.doc_id]).fetchone()
        assert row[:2] == (basic, total)
        assert abs(row[2] - basic / total) < Decimal("0.0000005")
        econ = {k[2]: v for k, v in by.items() if k[0] == "gpb_basic_expenditure" and len(k[2]) == 3 and k[2].isdigit()}
        personnel = econ.get("301", Decimal(0)) + econ.get("303", Decimal(0))
        row = con.execute("SELECT numerator, denominator FROM structure WHERE doc_id = ? AND ratio = 'personnel_share'",
                          [f.doc_id]).fetchone()
        assert row == (personnel, sum(econ.values()))


def test_unit_kind_says_which_rule_decided(con):
    rows = dict(((u, (k, r)) for u, k, r in con.execute("SELECT unit_name, kind, rule FROM unit_kind").fetchall()))
    kinds = {u: k for u, (k, _r) in rows.items()}
    assert {k for u, k in kinds.items() if "社会保险中心" in u or "人力资源" in u or "就业服务" in u} == {"人社/社保"}
    assert {k for u, k in kinds.items() if "卫生" in u} == {"卫生健康"}
    assert {k for u, k in kinds.items() if u.endswith("财政局")} == {"财政"}
    assert all(r.startswith("name matches /") for _k, r in rows.values())
    assert con.execute("SELECT count(*) FROM frames WHERE unit_kind IS NULL").fetchone() == (0,)


def test_an_unknown_unit_stays_unknown(tmp_path):
    from datetime import datetime, timezone

    from warehouse import Warehouse, connect

    wh = Warehouse(tmp_path / "wh")
    doc = {"doc_id": "a" * 64, "unit_name": "桐庐县某某服务站", "fiscal_year": 2020, "doc_kind": "final_accounts",
           "scope": "department", "adcode": "330122", "status": "ok", "ingested_at": datetime.now(timezone.utc)}
    wh.write_batch({"documents": [doc]})
    con = connect(wh.root)
    assert con.execute("SELECT kind, rule FROM unit_kind").fetchall() == \
        [("unknown", "no name rule matches and no 类 decides")]
