"""Data-quality checks (expectations/): real filings, planted errors, quiet Great Expectations.

The expectations on the two real filings are typed from the hand-verified findings recorded in
tests/expected/putuo_*_2024.py (read off the rendered pages), not copied from the code's output.
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from decimal import Decimal

import pandas as pd
import pytest

from expectations import RESULT_COLUMNS, validate_batch, write_report
from tests.expected import putuo_finance_2024 as FIN_TRUTH
from tests.expected import putuo_social_work_2024 as SW_TRUTH
from tests.paths import FILINGS, ROOT

FIN_FILE = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"
SW_FILE = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
W = Decimal(10000)  # yuan per 万元


def wan(text: str) -> Decimal:
    """A 万元 figure as printed → yuan."""
    return (Decimal(text) * W).quantize(Decimal("0.01"))


def failing(results: pd.DataFrame) -> pd.DataFrame:
    return results[~results["success"]]


# --- the two real filings -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_frames(parsed_real):
    """The two real filings as parsed once per session (tests/conftest.py), under short doc_ids."""
    items, docs, facts = [], [], []
    for name, doc_id in (("putuo_finance_2024", "fin"), ("putuo_social_work_2024", "sw")):
        parsed = parsed_real[name]
        items += [dataclasses.asdict(x) | {"doc_id": doc_id} for x in parsed.line_items]
        docs.append(dataclasses.asdict(parsed.document) | {"doc_id": doc_id})
        facts += [dataclasses.asdict(x) | {"doc_id": doc_id} for x in parsed.narrative_facts]
    return pd.DataFrame(items), pd.DataFrame(docs), pd.DataFrame(facts)


@pytest.fixture(scope="module")
def real_batch(real_frames):
    line_items, documents, _ = real_frames
    return validate_batch(line_items, documents), documents


def _page(truth, statement, code, measure, item=None):
    rows = [r for r in truth.ROWS if r[0] == statement and r[2] == code and r[4] == measure
            and (item is None or r[3] == item)]
    assert len(rows) == 1, (statement, code, measure, rows)
    return rows[0][6]


def test_real_filings_fail_exactly_the_hand_verified_checks(real_batch):
    results, _ = real_batch
    assert list(results.columns) == RESULT_COLUMNS
    got = {(r.doc_id, r.check, r.observed, r.expected, r.difference, r.tolerance, r.page)
           for r in failing(results).itertuples()}
    # 财政局: 208 社会保障和就业支出 is 326.71 in tables 1 and 4 but 326.72 in tables 3 and 5. The same
    # figure printed in two tables must be identical: tolerance 0, so both comparisons fail by 0.01 万元.
    expected = {
        ("fin", "t3_class_vs_t1", wan("326.72"), wan("326.71"), wan("0.01"), Decimal(0),
         _page(FIN_TRUTH, "expenditure", "208", "total")),
        ("fin", "t5_class_vs_t4_gpb", wan("326.72"), wan("326.71"), wan("0.01"), Decimal(0),
         _page(FIN_TRUTH, "gpb_expenditure", "208", "total")),
    }
    # 社会工作部: every inconsistency it prints is within rounding — no check fails.
    assert got == expected
    for r in failing(results).itertuples():
        assert "208 社会保障和就业支出" in r.subject
    t1_page = _page(FIN_TRUTH, "income_expenditure_summary", "208", "amount")
    t4_page = _page(FIN_TRUTH, "fiscal_summary", "208", "general_public_budget")
    subjects = set(failing(results)["subject"])
    assert any(f"(p.{t1_page})" in s and s.startswith("expenditure ") for s in subjects)
    assert any(f"(p.{t4_page})" in s and s.startswith("gpb_expenditure ") for s in subjects)


def test_real_filings_with_narrative_facts(real_frames):
    line_items, documents, facts = real_frames
    results = validate_batch(line_items, documents, facts)
    got = {(r.doc_id, r.check, r.observed, r.expected, r.page) for r in failing(results).itertuples()}
    assert got == {
        # the two table findings above
        ("fin", "t3_class_vs_t1", wan("326.72"), wan("326.71"), _page(FIN_TRUTH, "expenditure", "208", "total")),
        ("fin", "t5_class_vs_t4_gpb", wan("326.72"), wan("326.71"),
         _page(FIN_TRUTH, "gpb_expenditure", "208", "total")),
        # 财政局 p.21 gives 财政拨款收入支出总计 as "0.3 万元"; table 4 prints 总计 2961.68.
        ("fin", "narrative_fiscal_total", wan("0.3"), wan("2961.68"), 21),
        # 财政局 p.21: "一般公共服务支出（类）2106.66万元，占71.73%" — 2106.66 / 2940.05 = 71.65%
        # (its four shares add up to 100.07%).
        ("fin", "class_share_pct", Decimal("71.73"), Decimal("71.6539"), 21),
    }
    # 社会工作部 p.18 balances its shares to 100% (住房保障 9.55% for 29.42 / 307.82 = 9.5575%): one step
    # of the last printed digit is tolerated.
    r = _one(results, "sw", "class_share_pct", "narrative class_share_pct 221")
    assert r.success and r.observed == Decimal("9.55") and r.tolerance == Decimal("0.01")
    # the 208 item the tables disagree on: the narrative says 326.72, as tables 2, 3 and 5 do
    r = _one(results, "fin", "narrative_item_final", "narrative item_final 208 =")
    assert r.success and r.expected == wan("326.72")
    assert not results.duplicated(["doc_id", "check", "subject"]).any()


def _one(results, doc_id, check, subject_part):
    """The single result of `check` on `doc_id` whose subject starts with `subject_part`."""
    r = results[(results["doc_id"] == doc_id) & (results["check"] == check)
                & results["subject"].str.startswith(subject_part)]
    assert len(r) == 1, (check, subject_part, r)
    return r.iloc[0]


def test_real_filings_rounding_differences_are_within_tolerance(real_batch):
    results, _ = real_batch
    # 社会工作部 table 6: 302 prints 10.23, its 款 lines sum to 10.22; tolerance 0.005 万元 per 款 line.
    sw_302_lines = [r for r in SW_TRUTH.ROWS if r[0] == "gpb_basic_expenditure" and r[2] and r[2].startswith("302")
                    and len(r[2]) == 5]
    r = _one(results, "sw", "class_vs_subclasses", "gpb_basic_expenditure 302 商品和服务支出")
    assert (r.observed, r.expected, r.difference) == (wan("10.23"), wan("10.22"), wan("0.01"))
    assert r.tolerance == Decimal(50) * len(sw_302_lines) and r.success
    # 社会工作部: 人员经费合计 95.36 + 公用经费合计 10.23 = 105.59 vs 表5 合计 basic 105.58:
    # two summed figures → tolerance max(100, 2 × 50) = 100 yuan, so 0.01 万元 passes at the boundary.
    r = _one(results, "sw", "t6_basic_vs_t5", "gpb_basic_expenditure 人员经费合计+公用经费合计")
    assert (r.observed, r.expected, r.difference, r.tolerance) == (wan("105.59"), wan("105.58"), wan("0.01"),
                                                                   Decimal(100))
    assert r.success and r.page == _page(SW_TRUTH, "gpb_basic_expenditure", None, "amount", "人员经费合计")
    # 财政局 table 3: 类 rows sum to 2940.06 (basic 2336.92) against 合计 2940.05 (2336.91): 4 类 rows.
    r = _one(results, "fin", "total_vs_classes", "expenditure 合计 [total]")
    assert (r.observed, r.expected, r.tolerance, r.success) == (wan("2940.05"), wan("2940.06"), Decimal(200), True)
    r = _one(results, "fin", "total_vs_classes", "expenditure 合计 [basic]")
    assert (r.observed, r.expected, r.success) == (wan("2336.91"), wan("2336.92"), True)
    # 财政局 table 2: 2946.25 against Σ类 2946.26.
    r = _one(results, "fin", "total_vs_classes", "income 合计 [total]")
    assert (r.observed, r.expected, r.success) == (wan("2946.25"), wan("2946.26"), True)
    # 财政局 table 6: 301 prints 2082.85, its 款 lines sum to 2082.86; 302 prints 171.07, lines sum 171.09.
    r = _one(results, "fin", "class_vs_subclasses", "gpb_basic_expenditure 301 ")
    assert (r.observed, r.expected, r.success) == (wan("2082.85"), wan("2082.86"), True)
    r = _one(results, "fin", "class_vs_subclasses", "gpb_basic_expenditure 302 ")
    assert (r.observed, r.expected, r.success) == (wan("171.07"), wan("171.09"), True)
    assert r.page == _page(FIN_TRUTH, "gpb_basic_expenditure", "302", "amount")
    # 财政局 tables 1/4 print 326.71, so their own 本年支出合计 = Σ类 holds exactly.
    r = _one(results, "fin", "total_vs_classes", "income_expenditure_summary 本年支出合计")
    assert (r.observed, r.expected, r.difference) == (wan("2940.05"), wan("2940.05"), Decimal("0.00"))


def test_real_filings_every_kind_is_reported_with_decimals(real_batch):
    results, _ = real_batch
    assert set(results["kind"]) >= {"sum", "cross_table", "plausibility"}
    amounts = results[results["kind"].isin(["sum", "cross_table"])]
    for col in ("observed", "expected", "difference", "tolerance"):
        assert all(isinstance(v, Decimal) for v in amounts[col])
    assert results["page"].notna().all() and (results["page"] >= 1).all()
    assert set(results["fiscal_year"]) == {2024}
    # one row per check per document per subject
    assert not results.duplicated(["doc_id", "check", "subject"]).any()


def test_report_lists_failures_with_pages(real_batch, tmp_path):
    results, documents = real_batch
    out = tmp_path / "report.html"
    write_report(results, documents, str(out))
    index = out.read_text(encoding="utf-8")
    assert "上海市普陀区财政局" in index and "中共上海市普陀区委社会工作部" in index
    assert "Every check passed." in index and "href='report/fin.html'" in index
    page = (tmp_path / "report" / "fin.html").read_text(encoding="utf-8")
    assert "t3_class_vs_t1" in page and "326.72 万元" in page and "326.71 万元" in page
    assert "#page=10" in page
    assert not (tmp_path / "report" / "sw.html").exists()  # every check of it passed: no page of its own


# --- synthetic filings with one planted error ---------------------------------------------------

def synthetic_filing(doc_id: str, unit: str = "万元", year: int = 2024) -> list[dict]:
    """A small filing whose nine-table identities all hold (amounts as printed, in `unit`)."""
    rows: list[dict] = []
    counters: dict[str, int] = {}

    def add(statement, page, item, figures, code=None, side=None, classification=None):
        counters[statement] = counters.get(statement, 0) + 1
        for measure, printed in figures.items():
            amount = Decimal(printed or "0") * (W if unit == "万元" else 1)
            rows.append(dict(doc_id=doc_id, fiscal_year=year, unit_name="测试局", statement=statement, side=side,
                             classification=classification if code else None, code=code,
                             code_level={3: 1, 5: 2, 7: 3}.get(len(code)) if code else None, item=item,
                             measure=measure, measure_label=measure, amount_yuan=amount.quantize(Decimal("0.01")),
                             page=page, row=counters[statement], amount_printed=printed, currency_unit=unit))

    functional = [  # code, item, total, basic, project
        ("201", "一般公共服务支出", "150.00", "110.00", "40.00"),
        ("20101", "人大事务", "100.00", "60.00", "40.00"),
        ("20103", "政府办公厅（室）及相关机构事务", "50.00", "50.00", ""),
        ("208", "社会保障和就业支出", "30.00", "30.00", ""),
        ("20805", "行政事业单位养老支出", "30.00", "30.00", ""),
        ("2080505", "机关事业单位基本养老保险缴费支出", "20.00", "20.00", ""),
        ("2080506", "机关事业单位职业年金缴费支出", "10.00", "10.00", ""),
    ]
    # 表1
    for item, amount in (("一般公共预算财政拨款收入", "180.00"), ("事业收入", ""), ("其他收入", "")):
        add("income_expenditure_summary", 5, item, {"amount": amount}, side="income")
    add("income_expenditure_summary", 5, "一般公共服务支出", {"amount": "150.00"}, "201", "expenditure", "function")
    add("income_expenditure_summary", 5, "外交支出", {"amount": ""}, "202", "expenditure", "function")
    add("income_expenditure_summary", 5, "社会保障和就业支出", {"amount": "30.00"}, "208", "expenditure", "function")
    add("income_expenditure_summary", 5, "本年收入合计", {"amount": "180.00"}, side="income")
    add("income_expenditure_summary", 5, "本年支出合计", {"amount": "180.00"}, side="expenditure")
    add("income_expenditure_summary", 5, "年初结转和结余", {"amount": "5.00"}, side="income")
    add("income_expenditure_summary", 5, "年末结转和结余", {"amount": "5.00"}, side="expenditure")
    add("income_expenditure_summary", 5, "总计", {"amount": "185.00"}, side="income")
    add("income_expenditure_summary", 5, "总计", {"amount": "185.00"}, side="expenditure")
    # 表2
    income_measures = ("fiscal_appropriation", "superior_subsidy", "business", "operating", "affiliated_remittance",
                       "other")
    add("income", 6, "合计", {"total": "180.00", **{m: ("180.00" if m == "fiscal_appropriation" else "")
                                                   for m in income_measures}})
    for code, item, total, _, _ in functional:
        add("income", 6, item, {"total": total, **{m: (total if m == "fiscal_appropriation" else "")
                                                   for m in income_measures}}, code, classification="function")
    # 表3 and 表5
    add("expenditure", 7, "合计", {"total": "180.00", "basic": "140.00", "project": "40.00",
                                   "remit_to_superior": "", "operating": "", "subsidy_to_affiliated": ""})
    for code, item, total, basic, project in functional:
        add("expenditure", 7, item, {"total": total, "basic": basic, "project": project, "remit_to_superior": "",
                                     "operating": "", "subsidy_to_affiliated": ""}, code, classification="function")
        add("gpb_expenditure", 9, item, {"total": total, "basic": basic, "project": project}, code,
            classification="function")
    add("gpb_expenditure", 9, "合计", {"total": "180.00", "basic": "140.00", "project": "40.00"})
    # 表4
    four = ("total", "general_public_budget", "government_fund", "soe_capital")
    add("fiscal_summary", 8, "一般公共预算财政拨款", {"amount": "180.00"}, side="income")
    add("fiscal_summary", 8, "政府性基金预算财政拨款", {"amount": ""}, side="income")
    for code, item, amount in (("201", "一般公共服务支出", "150.00"), ("208", "社会保障和就业支出", "30.00")):
        add("fiscal_summary", 8, item, {m: (amount if m in ("total", "general_public_budget") else "") for m in four},
            code, "expenditure", "function")
    add("fiscal_summary", 8, "本年收入合计", {"amount": "180.00"}, side="income")
    add("fiscal_summary", 8, "本年支出合计", {"total": "180.00", "general_public_budget": "180.00",
                                              "government_fund": "", "soe_capital": ""}, side="expenditure")
    add("fiscal_summary", 8, "年初财政拨款结转和结余", {"amount": "5.00"}, side="income")
    add("fiscal_summary", 8, "年末财政拨款结转和结余", {"total": "5.00", "general_public_budget": "5.00",
                                                       "government_fund": "", "soe_capital": ""}, side="expenditure")
    add("fiscal_summary", 8, "年初财政拨款结转和结余/一般公共预算财政拨款", {"amount": "5.00"}, side="income")
    add("fiscal_summary", 8, "年初财政拨款结转和结余/政府性基金预算财政拨款", {"amount": ""}, side="income")
    add("fiscal_summary", 8, "总计", {"amount": "185.00"}, side="income")
    add("fiscal_summary", 8, "总计", {"total": "185.00", "general_public_budget": "185.00", "government_fund": "",
                                      "soe_capital": ""}, side="expenditure")
    # 表6
    for code, item, amount in (("301", "工资福利支出", "100.00"), ("30101", "基本工资", "60.00"),
                               ("30102", "津贴补贴", "40.00"), ("303", "对个人和家庭的补助", "10.00"),
                               ("30302", "退休费", "10.00"), (None, "人员经费合计", "110.00"),
                               ("302", "商品和服务支出", "25.00"), ("30201", "办公费", "20.00"),
                               ("30211", "差旅费", "5.00"), ("310", "资本性支出", "5.00"),
                               ("31002", "办公设备购置", "5.00"), (None, "公用经费合计", "30.00")):
        add("gpb_basic_expenditure", 10, item, {"amount": amount}, code, classification="economic")
    # 表7
    for item, budget, final in (("合计", "3.00", "2.00"), ("因公出国（境）费", "1.00", "0.50"),
                                ("公务用车购置及运行维护费", "1.50", "1.00"), ("公务用车购置费", "1.00", "0.40"),
                                ("公务用车运行维护费", "0.50", "0.60"), ("公务接待费", "0.50", "0.50")):
        add("three_public", 11, item, {"budget": budget, "final": final})
    return rows


def synthetic_batch(*filings):
    items = [r for f in filings for r in f]
    docs = pd.DataFrame([{"doc_id": d, "fiscal_year": 2024, "currency_unit": u, "status": "ok",
                          "unit_name": "测试局", "file_name": f"{d}.pdf", "source": f"/nowhere/{d}.pdf"}
                         for d, u in dict.fromkeys((r["doc_id"], r["currency_unit"]) for r in items)])
    return pd.DataFrame(items), docs


def set_amount(rows, printed, **where):
    hits = [r for r in rows if all(r[k] == v for k, v in where.items())]
    assert len(hits) == 1, (where, hits)
    unit = W if hits[0]["currency_unit"] == "万元" else 1
    hits[0]["amount_yuan"] = (Decimal(printed) * unit).quantize(Decimal("0.01"))
    hits[0]["amount_printed"] = printed


def test_synthetic_clean_filing_passes_every_check():
    line_items, documents = synthetic_batch(synthetic_filing("clean"), synthetic_filing("clean_yuan", unit="元"))
    results = validate_batch(line_items, documents)
    assert failing(results).empty, failing(results)
    checks = set(results["check"])
    assert {"class_vs_subclasses", "subclass_vs_items", "total_vs_classes", "row_total_vs_columns",
            "income_total_vs_sources", "grand_total_vs_parts", "grand_total_income_vs_expenditure",
            "balance_vs_breakdown", "personnel_funds_vs_classes", "public_funds_vs_classes",
            "three_public_total_vs_parts", "three_public_vehicle_vs_parts", "t2_income_total_vs_t1",
            "t3_class_vs_t1", "t3_total_vs_t1", "t5_class_vs_t4_gpb", "t5_total_vs_t4_gpb", "t6_basic_vs_t5",
            "amounts_non_negative", "fiscal_year_range"} <= checks
    # tolerances are stated in yuan in the filing's unit: a 元 filing's step is 0.01 yuan
    r = _one(results, "clean_yuan", "total_vs_classes", "expenditure 合计 [total]")
    assert r.tolerance == Decimal("0.01")  # max(0.01, 0.005 × 2 类 rows)
    r = _one(results, "clean_yuan", "row_total_vs_columns", "expenditure 合计")
    assert r.tolerance == Decimal("0.025")  # 0.005 × 5 columns
    r = _one(results, "clean", "row_total_vs_columns", "expenditure 合计")
    assert r.tolerance == Decimal(250)  # 50 × 5 columns


def test_planted_wrong_class_total_fails_only_that_check():
    filing = synthetic_filing("bad_class")
    # 表3 款 20103 prints 52.00 (basic 52.00) in a row that still adds up: 类 201 150.00 ≠ Σ款 152.00.
    set_amount(filing, "52.00", statement="expenditure", code="20103", measure="total")
    set_amount(filing, "52.00", statement="expenditure", code="20103", measure="basic")
    results = validate_batch(*synthetic_batch(filing, synthetic_filing("ok")))
    bad = failing(results)
    assert set(bad["check"]) == {"class_vs_subclasses"}
    assert set(bad["subject"]) == {"expenditure 201 一般公共服务支出 [total] = Σ款",
                                   "expenditure 201 一般公共服务支出 [basic] = Σ款"}
    assert set(bad["doc_id"]) == {"bad_class"}
    assert set(bad["difference"]) == {wan("-2.00")} and set(bad["page"]) == {7}


def test_planted_cross_table_mismatch_fails_only_that_check():
    filing = synthetic_filing("bad_cross")
    # 表1 prints 208 as 29.99 (as the 财政局 filing does): its own 本年支出合计 is within rounding.
    set_amount(filing, "29.99", statement="income_expenditure_summary", code="208", measure="amount")
    results = validate_batch(*synthetic_batch(filing))
    bad = failing(results)
    assert len(bad) == 1
    r = bad.iloc[0]
    assert (r.check, r.kind, r.observed, r.expected, r.difference, r.tolerance, r.page) == \
        ("t3_class_vs_t1", "cross_table", wan("30.00"), wan("29.99"), wan("0.01"), Decimal(0), 7)
    assert r.subject.startswith("expenditure 208 社会保障和就业支出 [total] = income_expenditure_summary 208")


def test_planted_three_public_mismatch_fails_only_that_check():
    filing = synthetic_filing("bad_3p")
    set_amount(filing, "1.00", statement="three_public", item="公务接待费", measure="final")
    results = validate_batch(*synthetic_batch(filing))
    bad = failing(results)
    assert len(bad) == 1
    r = bad.iloc[0]
    assert (r.check, r.kind, r.observed, r.expected, r.page) == \
        ("three_public_total_vs_parts", "sum", wan("2.00"), wan("2.50"), 11)
    assert "[final]" in r.subject


def test_planted_vehicle_mismatch_and_missing_class_row():
    filing = synthetic_filing("bad_car")
    set_amount(filing, "0.70", statement="three_public", item="公务用车运行维护费", measure="final")
    # 表5 does not print 类 208 at all while 表4 does: compared with zero.
    filing = [r for r in filing if not (r["statement"] == "gpb_expenditure" and r["code"] == "208")]
    results = validate_batch(*synthetic_batch(filing))
    bad = failing(results)
    assert set(bad["check"]) == {"three_public_vehicle_vs_parts", "t5_class_vs_t4_gpb", "total_vs_classes"}
    r = _one(results, "bad_car", "t5_class_vs_t4_gpb", "gpb_expenditure 208")
    assert (r.observed, r.expected) == (Decimal("0.00"), wan("30.00")) and "not printed" in r.subject


def test_plausibility_checks():
    filing = synthetic_filing("odd", year=1999)
    # 表9 prints one stray negative figure (a row of its own, in no identity).
    filing.append(dict(filing[0], statement="soe_capital", side=None, item="年初结转和结余", measure="opening_balance",
                       amount_yuan=Decimal("-100.00"), amount_printed="-0.01", page=13, row=1))
    line_items, documents = synthetic_batch(filing)
    documents["fiscal_year"] = 1999
    results = validate_batch(line_items, documents)
    bad = failing(results)
    assert set(bad["check"]) == {"fiscal_year_range", "amounts_non_negative"}
    r = _one(results, "odd", "fiscal_year_range", "documents fiscal_year")
    assert (r.observed, r.expected, r.page) == (Decimal(1999), Decimal(2000), 1)
    r = _one(results, "odd", "amounts_non_negative", "soe_capital")
    assert (r.observed, r.expected, r.page) == (Decimal("-100.00"), Decimal(0), 13)


# --- narrative facts ----------------------------------------------------------------------------

def fact(doc_id, name, value, unit="yuan", code=None, page=20):
    return dict(doc_id=doc_id, fiscal_year=2024, unit_name="测试局", fact=name, code=code, item=None,
                value=Decimal(value), unit=unit, page=page, evidence="…", reason=None, code_resolution="table")


def test_narrative_and_ratio_checks():
    line_items, documents = synthetic_batch(synthetic_filing("n"))
    facts = pd.DataFrame([
        fact("n", "expenditure_total", "1800000"),             # = 180.00 万元
        fact("n", "basic_expenditure", "1400040.00"),         # stated to the yuan: within half a step (50)
        fact("n", "personnel_funds", "1110000"),              # 111.00 ≠ 110.00 → fails
        fact("n", "item_final", "300000", code="208"),        # 30.00 万元, 表5
        fact("n", "class_share_pct", "16.67", "percent", code="208"),   # 30 / 180 = 16.6667 %
        fact("n", "class_share_pct", "83.00", "percent", code="201"),   # 150 / 180 = 83.3333 % → fails
        fact("n", "three_public_final", "20000"),             # 2.00 万元
    ])
    results = validate_batch(line_items, documents, facts)
    narrative = results[results["kind"].isin(["narrative_vs_table", "ratio"])]
    verdict = {(r.check, r.subject.split(" = ")[0]): r.success for r in narrative.itertuples()}
    assert verdict == {
        ("narrative_expenditure_total", "narrative expenditure_total"): True,
        ("narrative_basic_expenditure", "narrative basic_expenditure"): True,
        ("narrative_personnel_funds", "narrative personnel_funds"): False,
        ("narrative_item_final", "narrative item_final 208"): True,
        ("class_share_pct", "narrative class_share_pct 208"): True,
        ("class_share_pct", "narrative class_share_pct 201"): False,
        ("narrative_three_public_final", "narrative three_public_final"): True,
    }
    r = _one(results, "n", "narrative_personnel_funds", "narrative personnel_funds")
    assert (r.observed, r.expected, r.difference, r.tolerance, r.page) == \
        (Decimal("1110000"), wan("110.00"), Decimal("10000.00"), Decimal(50), 20)
    r = _one(results, "n", "class_share_pct", "narrative class_share_pct 208")
    assert r.expected == Decimal("16.6667") and r.tolerance > Decimal("0.005")
    assert set(failing(results)["kind"]) == {"narrative_vs_table", "ratio"}


def test_share_out_of_range_is_implausible():
    line_items, documents = synthetic_batch(synthetic_filing("s"))
    facts = pd.DataFrame([fact("s", "class_share_pct", "120", "percent", code="201")])
    results = validate_batch(line_items, documents, facts)
    r = _one(results, "s", "share_within_0_100", "narrative class_share_pct 201")
    assert (r.success, r.observed, r.expected, r.difference) == (False, Decimal(120), Decimal(100), Decimal(20))


# --- Great Expectations stays quiet -------------------------------------------------------------

def test_validate_batch_prints_nothing():
    code = (
        "import pandas as pd\n"
        "from tests.expectations.test_identities import synthetic_batch, synthetic_filing, set_amount\n"
        "from expectations import validate_batch\n"
        "f = synthetic_filing('q')\n"
        "set_amount(f, '1.00', statement='three_public', item='公务接待费', measure='final')\n"
        "r = validate_batch(*synthetic_batch(f))\n"
        "assert (~r.success).sum() == 1\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("GX_ANALYTICS_ENABLED", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""


def test_empty_batch():
    results = validate_batch(pd.DataFrame(columns=["doc_id", "fiscal_year", "statement", "side", "code", "item",
                                                   "measure", "amount_yuan", "page", "row"]),
                             pd.DataFrame(columns=["doc_id", "fiscal_year", "status"]))
    assert list(results.columns) == RESULT_COLUMNS and results.empty


def test_narrative_rates_among_its_own_figures():
    line_items, documents = synthetic_batch(synthetic_filing("rates"))
    facts = pd.DataFrame([
        fact("rates", "gpb_expenditure", "1800000"),
        fact("rates", "gpb_expenditure_budget_full_year", "2000000"),
        fact("rates", "gpb_expenditure_completion_pct", "90.00", "percent"),        # 180 / 200 = 90%
        fact("rates", "item_final", "300000", code="208"),
        fact("rates", "item_change", "50000", code="208"),                          # prior 25.00 万元
        fact("rates", "item_change_pct", "25.00", "percent", code="208"),           # 5 / 25 = 20% → fails
    ])
    results = validate_batch(line_items, documents, facts)
    r = _one(results, "rates", "gpb_expenditure_completion_pct", "narrative gpb_expenditure_completion_pct")
    assert (r.success, r.expected) == (True, Decimal("90.0000"))
    r = _one(results, "rates", "item_change_pct", "narrative item_change_pct 208")
    assert (r.success, r.kind, r.observed, r.expected) == (False, "ratio", Decimal("25.00"), Decimal("20.0000"))
    assert set(failing(results)["check"]) == {"item_change_pct"}
