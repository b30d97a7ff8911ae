"""statement_present on a small typed filing: a table neither printed nor listed in a contents page is not
judged (a province may not require it); a printed one passes on its page."""
from __future__ import annotations

from tests.expectations.test_planted_review_rules import validate
from tests.transform.test_columns_not_amounts import T1
from tests.transform.typed import table_page, transform


def test_a_table_neither_printed_nor_listed_is_not_judged():
    parsed = transform(table_page(2, "收入支出决算总表", T1))
    assert {s.statement: s.status for s in parsed.statements}["three_public"] == "missing"
    results = validate(parsed)
    present = results[results["check"] == "statement_present"]
    assert list(zip(present["subject"], present["success"], present["page"])) == [
        ("表1 收入支出决算总表 is printed", True, 2)]
