"""The real filings are the judge: every figure of the nine tables, as typed from the PDF pages
(tests/expected/), must be in the warehouse exactly — none wrong, none missing, none extra."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import REAL, expected
from warehouse import connect

WAN = Decimal(10000)


def _expected_rows(mod) -> Counter:
    rows = Counter()
    for statement, side, code, item, measure, printed, page in mod.ROWS:
        yuan = (Decimal(printed or "0") * WAN).quantize(Decimal("0.01"))  # a blank cell is a printed zero
        rows[(statement, side, code, item, measure, yuan, page)] += 1
    return rows


def _stored_rows(root, file_name) -> Counter:
    con = connect(root)
    got = con.execute(
        "SELECT statement, side, code, item, measure, amount_yuan, page FROM line_items l "
        "JOIN documents d USING (doc_id) WHERE d.file_name = ?", [file_name]).fetchall()
    return Counter(got)


@pytest.mark.parametrize("name", REAL)
def test_every_table_figure_matches_the_page(real_warehouse, name):
    mod = expected(name)
    want, got = _expected_rows(mod), _stored_rows(real_warehouse, mod.FILE)
    missing, extra = want - got, got - want
    assert not missing and not extra, f"missing: {sorted(missing, key=str)[:10]} extra: {sorted(extra, key=str)[:10]}"
    assert sum(got.values()) == len(mod.ROWS)


@pytest.mark.parametrize("name", REAL)
def test_statements_found_and_empty_ones_recorded(real_warehouse, name):
    mod = expected(name)
    con = connect(real_warehouse)
    rows = con.execute("SELECT s.statement, s.status, s.note FROM statements s JOIN documents d USING (doc_id) "
                       "WHERE d.file_name = ?", [mod.FILE]).fetchall()
    assert {s: st for s, st, _ in rows} == mod.STATEMENTS
    for statement, status, note in rows:
        if status == "empty":
            assert "无数据" in (note or "") or "无数据" in mod.NOTES.get(statement, ""), statement


@pytest.mark.parametrize("name", REAL)
def test_document_identity(real_warehouse, name):
    mod = expected(name)
    con = connect(real_warehouse)
    row = con.execute("SELECT unit_name, fiscal_year, doc_kind, scope, province, county, adcode, currency_unit, "
                      "page_count, status, error, length(doc_id) FROM documents WHERE file_name = ?",
                      [mod.FILE]).fetchone()
    assert row == (mod.UNIT_NAME, 2024, "final_accounts", "department", "上海市", "普陀区", "310107", "万元",
                   mod.PAGE_COUNT, "ok", None, 64)


def test_every_row_has_provenance_and_a_decimal_amount(real_warehouse):
    con = connect(real_warehouse)
    bad = con.execute("SELECT count(*) FROM line_items WHERE doc_id IS NULL OR page IS NULL OR statement IS NULL "
                      "OR measure IS NULL OR amount_yuan IS NULL").fetchone()[0]
    assert bad == 0
    assert con.execute("SELECT DISTINCT typeof(amount_yuan) FROM line_items").fetchall() == [("DECIMAL(20,2)",)]


def test_template_is_skipped_with_reason(real_warehouse):
    con = connect(real_warehouse)
    status, error, n = con.execute(
        "SELECT d.status, d.error, count(l.doc_id) FROM documents d LEFT JOIN line_items l USING (doc_id) "
        "WHERE d.file_name LIKE '%模板%' GROUP BY ALL").fetchone()
    assert status == "skipped" and "template" in error and n == 0


def test_class_rows_of_tables_1_and_4_carry_their_code(real_warehouse):
    con = connect(real_warehouse)
    rows = con.execute("SELECT DISTINCT statement, code FROM line_items WHERE item = '社会保障和就业支出' "
                       "AND statement IN ('income_expenditure_summary', 'fiscal_summary')").fetchall()
    assert sorted(rows) == [("fiscal_summary", "208"), ("income_expenditure_summary", "208")]
