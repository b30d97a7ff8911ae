"""Issue 26: the published filings the demo ships (samples/real) — named with their sources and hashes,
few and small — and the demo's closing report over them, whose every figure is one the named unit's
filing prints (typed from the pages: tests/expected/putuo_social_work_2024.py, the budget's page TSV, and
p.18 of the 社会工作部 final accounts)."""
from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pytest

from samples.demo import NOT_READ, REAL, real_doc_ids, report
from tests.conftest import BUDGETS, FILINGS, expected
from warehouse import Warehouse

SHANGHAI_BUDGET = "上海市普陀区人民政府办公室2025年部门预算"


def sources() -> dict[str, str]:
    """file → SHA-256, from the table of SOURCES.md."""
    text = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    return {m[1]: m[2] for m in re.finditer(r"^\| `([^`]+\.pdf)` \|.*?\| `([0-9a-f]{64})` \|", text, re.M)}


def test_every_shipped_file_is_named_with_its_hash_and_they_stay_small():
    files = sorted(REAL.glob("*.pdf"))
    assert {p.name for p in files} == set(sources()) and len(files) == 5
    for p in files:
        assert hashlib.sha256(p.read_bytes()).hexdigest() == sources()[p.name], p.name
    assert sum(p.stat().st_size for p in files) < 1_500_000


def test_the_shanghai_files_are_the_shared_ones_byte_for_byte():
    final = FILINGS / expected("putuo_social_work_2024").FILE
    assert (REAL / final.name).read_bytes() == final.read_bytes()
    assert (REAL / f"{SHANGHAI_BUDGET}.pdf").read_bytes() == (BUDGETS / f"{SHANGHAI_BUDGET}.pdf").read_bytes()


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory, parsed_real, parsed_budgets, parsed_sample):
    """The report over a warehouse of the five shipped files (the two Shanghai ones parsed once per session
    from ../shared: the same bytes) and a generated sample beside them."""
    from transform.parse import parse_file

    others = [parse_file(str(p)) for p in sorted(REAL.glob("*.pdf")) if "上海市普陀区" not in p.name
              and "中共上海市普陀区委" not in p.name]
    parsed = [parsed_real["putuo_social_work_2024"], parsed_budgets[SHANGHAI_BUDGET], *others,
              parsed_sample("yanqi_shebao_2023")]
    root = tmp_path_factory.mktemp("demo") / "warehouse"
    Warehouse(root).write_batch({t: [r for group in rows for r in group] for t, rows in (
        ("documents", [[p.document] for p in parsed]), ("line_items", [p.line_items for p in parsed]),
        ("narrative_facts", [p.narrative_facts for p in parsed]))})
    assert {p.document.doc_id for p in parsed[:-1]} == set(real_doc_ids())
    return report(root)


def _section(text: str, title: str) -> list[str]:
    part = text.split(f"== {title}")[1].split("\n== ")[0]
    return [ln for ln in part.splitlines()[3:] if ln.strip()]


def _wan(v: str) -> str:
    return f"{Decimal(v) * 10000:,.2f}"


def test_the_class_totals_are_the_ones_the_filings_print(demo_report):
    rows = _section(demo_report, "Expenditure by 类")
    got = {(r.split()[0], r.split()[3]): r.split()[5] for r in rows if NOT_READ not in r}
    final = {(u, c): _wan(a) for (s, _side, c, _i, m, a, _p) in expected("putuo_social_work_2024").ROWS
             if s == "expenditure" and m == "total" and len(c or "") == 3
             for u in ["中共上海市普陀区委社会工作部"]}
    assert final == {("中共上海市普陀区委社会工作部", "201"): "2,648,700.00",
                     ("中共上海市普陀区委社会工作部", "208"): "108,200.00",
                     ("中共上海市普陀区委社会工作部", "210"): "27,100.00",
                     ("中共上海市普陀区委社会工作部", "221"): "294,200.00"}
    # 支出预算总表, p.11–12 of the budget, column 合计 (tests/transform/budget_pages)
    budget = {("上海市普陀区人民政府办公室", "201"): "82,096,797.42", ("上海市普陀区人民政府办公室", "208"): "4,213,779.28",
              ("上海市普陀区人民政府办公室", "210"): "1,097,073.43", ("上海市普陀区人民政府办公室", "221"): "3,609,125.22"}
    assert {k: v for k, v in got.items() if k[0] == "中共上海市普陀区委社会工作部"} == final
    # figures of another province's files may come as the parser learns to read them: never invented ones
    assert {k: v for k, v in got.items() if k[0] == "上海市普陀区人民政府办公室"} == budget
    assert set(got) <= set(final) | set(budget) | {k for k in got if not k[0].startswith("上海")
                                                   and not k[0].startswith("中共上海")}


def test_every_shipped_file_is_listed_and_a_file_not_read_says_so(demo_report):
    rows = _section(demo_report, "Published filings")
    assert len(rows) == 5 and "焉耆" not in demo_report  # the generated sample beside them is not reported
    for r in rows:
        assert NOT_READ in r or re.search(r"\s[\d,]+\s", r), r


def test_no_real_pair_is_made_up(demo_report):
    """The real finals are of 2024, the budgets of 2025 and 2026: no budget against final is shown."""
    assert "No real unit has both its budget and its final accounts of one year" in demo_report
    assert "final: 2024; budget: 2025, 2026" in demo_report


def test_the_final_accounts_own_budget_sentence(demo_report):
    """p.18: 一般公共预算财政拨款支出年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，
    完成年初预算的 95.89%。"""
    rows = _section(demo_report, "What each published final-accounts filing prints")
    assert [r.split() for r in rows] == [["中共上海市普陀区委社会工作部", "2024", "0.00", "3,210,200.00",
                                          "3,078,200.00", "95.89", "%", "18"]]
