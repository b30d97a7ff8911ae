"""What the narrative says about the direction of its figures (transform/narrative_claims.py), typed
from the pages: 社会工作部 pp.18–20 and 财政局 pp.21–23 (the 具体情况 of each 项 and the totals), and the
template's phrases left unedited."""
from __future__ import annotations

from transform.narrative import narrative_facts_from_sections
from transform.narrative_claims import narrative_claims
from transform.sections import section_tree
from transform.text_document import document_from_text

SW, FIN = "putuo_social_work_2024", "putuo_finance_2024"


def claims(parsed, kind="final_vs_budget"):
    return [c for c in parsed.narrative_claims if c.claim == kind]


def test_social_work_directions_and_reasons(parsed_real):
    got = [(c.subject, c.code, c.budget, c.direction, c.reason) for c in claims(parsed_real[SW])]
    new_unit = "单位2024年新成立，人员变动，按实际支出"
    assert got == [
        ("gpb_expenditure", None, "budget", "less", "人员经费支出数小于预算数"),
        ("item", "2013901", "budget_full_year", "less", "人员变动引起实际支出低于预算"),
        ("item", "2013950", "budget_full_year", "less", new_unit),
        ("item", "2013999", "budget_full_year", "equal", None),     # 决算数与全年预算数持平
        ("item", "2080505", "budget_full_year", "less", new_unit),
        ("item", "2080506", "budget", "less", new_unit),             # "决算数小于预算数"
        ("item", "2101101", "budget_full_year", "less", new_unit),
        ("item", "2101102", "budget_full_year", "less", new_unit),
        ("item", "2210201", "budget_full_year", "less", new_unit),
        ("item", "2210203", "budget_full_year", "equal", None),
    ]
    assert all(c.reason_marker == (c.direction == "less") for c in claims(parsed_real[SW]))
    assert [c.page for c in claims(parsed_real[SW])] == [18, 18, 18, 19, 19, 19, 19, 19, 20, 20]


def test_finance_directions(parsed_real):
    got = [(c.subject, c.code, c.direction) for c in claims(parsed_real[FIN])]
    assert got == [("gpb_expenditure", None, "less"), ("item", "2010601", "less"),
                   ("item", "2010602", "roughly_equal"),  # 10.00 of 10.00: "决算数与预算数基本持平"
                   ("item", "2010607", "less"), ("item", "2010608", "less"), ("item", "2080501", "less"),
                   ("item", "2080505", "less"), ("item", "2080506", "less"), ("item", "2080599", "roughly_equal"),
                   ("item", "2101101", "less"), ("item", "2210201", "less"), ("item", "2210203", "roughly_equal"),
                   ("three_public", None, "less")]
    (t7,) = [c for c in claims(parsed_real[FIN]) if c.subject == "three_public"]
    assert t7.page == 23 and t7.reason == "当年度无“三公”经费支出"


def test_template_instructions_left_under_a_table(parsed_real):
    # 社会工作部 pp.15 and 16: "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："
    left = claims(parsed_real[SW], "template_phrase")
    assert [(c.subject, c.page) for c in left] == [("government_fund", 15), ("soe_capital", 16)]
    assert claims(parsed_real[FIN], "template_phrase") == []


def _read(text: str):
    roots = section_tree(document_from_text(text))
    return narrative_facts_from_sections(roots, "t", 2024, "u", [])[0], narrative_claims(roots, "t", 2024)


def test_template_alternatives_take_the_sign_of_the_stated_change():
    """Regression: "减少 0.15 万元，下降（增长）27.78%" was read as +27.78% (the last word in the brackets won)."""
    facts, found = _read("一、收入支出决算总体情况说明\n"
                         "机关运行经费支出 0.39 万元，比 2023 年度减少 0.15 万元，下降（增长）27.78%。主要原因是压减开支。\n")
    values = {f.fact: str(f.value) for f in facts}
    assert values["org_running_cost_change"] == "-1500.00" and values["org_running_cost_change_pct"] == "-27.78"
    (phrase,) = [c for c in found if c.claim == "template_phrase"]
    assert phrase.words == "下降（增长）" and phrase.subject == "org_running_cost"


def test_a_claim_without_its_reason():
    _facts, found = _read("（三）一般公共预算财政拨款支出决算具体情况\n"
                          "1、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"
                          "全年预算为 9.00 万元，支出决算为 6.18 万元。决算数小于全年预算数。\n"
                          "2、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。全年预算为 2.23 万元，支出决算为 "
                          "2.22 万元。决算数小于全年预算数的主要原因：XXXXXXXX。\n")
    assert [(c.code, c.direction, c.reason, c.reason_marker) for c in found] == [
        ("2080505", "less", None, False), ("2101101", "less", None, True)]  # the template's XXXX is no reason
