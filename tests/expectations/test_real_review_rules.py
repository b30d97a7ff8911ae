"""Issue 13 on the two real filings: what the review rules' checks find there, each finding judged on the
pages. 社会工作部 left the template's instruction for an empty table under 表8 (p.15) and 表9 (p.16) —
附件2 prints the same sentence (pp.13–14) for the filer to replace — so both are real `disclosure`
findings; 财政局 raises none (its four failures are the older sum and ratio checks, tests/expectations/
test_identities.py)."""
from __future__ import annotations

from tests.expectations.test_planted_review_rules import NEW_CHECKS, failing, validate


def _new(parsed) -> tuple:
    results = validate(parsed)
    return results[results["check"].isin(NEW_CHECKS)]


def test_the_social_work_filing_left_the_templates_instruction_under_two_empty_tables(parsed_real):
    new = _new(parsed_real["putuo_social_work_2024"])
    bad = failing(new).sort_values("page")
    assert list(bad["check"]) == ["template_phrase_edited"] * 2
    assert list(bad["kind"]) == ["disclosure"] * 2
    assert list(bad["page"]) == [15, 16]
    subjects = list(bad["subject"])
    assert "仍保留该表格式" in subjects[0] and "government_fund" in subjects[0]
    assert "仍保留该表格式" in subjects[1] and "soe_capital" in subjects[1]


def test_the_finance_bureau_raises_none_of_the_new_checks(parsed_real):
    new = _new(parsed_real["putuo_finance_2024"])
    assert failing(new).empty
    # and they ran there: the nine tables, who filed, the year, the text's directions and its 三公
    assert {"statement_present", "unit_name_consistent", "year_consistent", "direction_vs_figures",
            "empty_table_stated"} <= set(new["check"])
