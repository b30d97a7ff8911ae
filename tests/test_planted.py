"""Issue #4: the data-quality checks against the generator's filings, end to end (PDF → parse → validate).

- Every consistent generated filing passes every check.
- Each planted variant (samples/plant.py) fails exactly the checks its one spoiled figure takes part in,
  each on the planted page, with a subject that names the planted statement and code or fact — and
  nothing else fails.

One planted cell can sit in several identities. The wrong 类 total (table 3, 213 农林水支出, total column
printed 1.00 万元 high) is in four: 类 = Σ款, the row's total = basic + project, 合计 = Σ类 and table 3 =
table 1 by 类. All four fail, each by exactly the planted 1.00 万元 and on the planted page; a broken
identity is a finding, so none is suppressed. The other three plants each sit in one comparison.

The amount missing its 万 ("项目支出 1817.60 元" in a 万元 filing) is reported as a plausibility finding
(`narrative_amount_missing_wan`: the amount read as yuan is the table figure divided by 10,000), not as
a plain narrative_vs_table mismatch.
"""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from expectations import validate_batch
from samples.generate import generate
from samples.plant import KINDS
from transform.parse import parse_file

CONSISTENT = ["yanqi_shebao_2023", "liuyang_nongjing_2024", "pidu_chuancai_2024"]
BASE = "liuyang_nongjing_2024"
WAN = Decimal(10000)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("planted")
    generate(str(out), plant=list(KINDS))
    return out


@pytest.fixture(scope="module")
def validated(generated, parsed_sample):
    """name → (quality_results, truth) for every consistent filing and every planted variant (the
    consistent ones are the session's samples, the same bytes: parsed once per session)."""
    cache: dict[str, tuple[pd.DataFrame, dict]] = {}

    def get(name: str):
        if name not in cache:
            parsed = parsed_sample(name) if name in CONSISTENT else parse_file(str(generated / f"{name}.pdf"))
            assert parsed.document.status == "ok", (name, parsed.document.error)
            items = pd.DataFrame([dataclasses.asdict(x) for x in parsed.line_items])
            docs = pd.DataFrame([dataclasses.asdict(parsed.document)])
            facts = pd.DataFrame([dataclasses.asdict(x) for x in parsed.narrative_facts])
            truth = json.loads((generated / f"{name}.truth.json").read_text(encoding="utf-8"))
            cache[name] = (validate_batch(items, docs, facts), truth)
        return cache[name]

    return get


def failing(results: pd.DataFrame) -> pd.DataFrame:
    return results[~results["success"].astype(bool)]


def show(rows: pd.DataFrame) -> str:
    return "\n".join(f"{r.check} | {r.subject} | {r.observed} vs {r.expected} (tol {r.tolerance}) p.{r.page}"
                     for r in rows.itertuples())


@pytest.mark.parametrize("name", CONSISTENT)
def test_consistent_filing_fails_no_check(validated, name):
    results, truth = validated(name)
    assert not truth.get("planted")
    assert len(results) > 100
    # the narrative is compared too, not only the tables
    assert {"sum", "cross_table", "narrative_vs_table", "ratio", "plausibility"} <= set(results["kind"])
    bad = failing(results)
    assert bad.empty, f"{name}: a consistent filing fails\n{show(bad)}"


def _planted(validated, kind):
    results, truth = validated(f"{BASE}__{kind}")
    (entry,) = truth["planted"]
    assert entry["kind"] == kind
    return results, entry


def _passes_in_base(validated, rows: pd.DataFrame):
    """Each check that fails in the variant runs and passes on the consistent filing: the plant is the cause."""
    base, _ = validated(BASE)
    ok = {(r.check, r.subject) for r in base[base["success"].astype(bool)].itertuples()}
    for r in rows.itertuples():
        assert (r.check, r.subject) in ok, f"{r.check} | {r.subject} does not pass on the consistent filing"


def test_wrong_class_total(validated):
    results, e = _planted(validated, "wrong_class_total")
    bad = failing(results)
    delta = (Decimal(e["printed"]) - Decimal(e["expected"])) * WAN  # 1.00 万元
    assert delta == Decimal("10000.00")
    label = f"{e['statement']} {e['code']} "
    # the planted figure itself: 类 ≠ Σ款, with the printed and the summed figure
    found = bad[(bad["check"] == "class_vs_subclasses") & bad["subject"].str.startswith(label)
                & bad["subject"].str.contains(f"[{e['measure']}]", regex=False)]
    assert len(found) == 1, show(bad)
    f = found.iloc[0]
    assert f["observed"] == Decimal(e["printed"]) * WAN and f["expected"] == Decimal(e["expected"]) * WAN
    assert f["page"] == e["page"]
    # nothing else: only the identities the spoiled cell takes part in, each by exactly the planted amount
    assert set(bad["check"]) == {"class_vs_subclasses", "row_total_vs_columns", "total_vs_classes",
                                 "t3_class_vs_t1"}, show(bad)
    assert len(bad) == 4, show(bad)
    assert (bad["page"] == e["page"]).all(), show(bad)
    assert bad["subject"].str.startswith(e["statement"] + " ").all(), show(bad)
    assert all(abs(d) == delta for d in bad["difference"]), show(bad)
    for r in bad.itertuples():
        if r.check == "total_vs_classes":  # the table's 合计 against Σ类, which includes the 213 row
            assert r.subject == f"{e['statement']} 合计 [{e['measure']}] = Σ类"
        else:
            assert r.subject.startswith(label), r.subject
    _passes_in_base(validated, bad)


def test_narrative_share_off(validated):
    results, e = _planted(validated, "narrative_share_off")
    bad = failing(results)
    assert len(bad) == 1, show(bad)
    r = bad.iloc[0]
    assert r["check"] == e["fact"] == "class_share_pct" and r["kind"] == "ratio"
    assert r["subject"].startswith(f"narrative class_share_pct {e['code']} = "), r["subject"]
    assert r["page"] == e["page"]
    # compared with the denominator the narrative's other class shares use (table 5's 合计)
    assert "gpb_expenditure" in r["subject"], r["subject"]
    assert abs(r["difference"] - Decimal(e["delta"])) <= r["tolerance"], show(bad)
    _passes_in_base(validated, bad)


def test_personnel_text_mismatch(validated):
    results, e = _planted(validated, "personnel_text_mismatch")
    bad = failing(results)
    assert len(bad) == 1, show(bad)
    r = bad.iloc[0]
    assert r["check"] == "narrative_personnel_funds" and r["kind"] == "narrative_vs_table"
    assert r["subject"].startswith("narrative personnel_funds = gpb_basic_expenditure 人员经费合计"), r["subject"]
    assert r["observed"] == Decimal(e["printed_yuan"]) and r["expected"] == Decimal(e["expected_yuan"])
    assert r["page"] == e["page"]
    _passes_in_base(validated, bad)


def test_missing_wan(validated):
    results, e = _planted(validated, "missing_wan")
    bad = failing(results)
    assert len(bad) == 1, show(bad)
    r = bad.iloc[0]
    assert r["check"] == "narrative_amount_missing_wan" and r["kind"] == "plausibility"
    assert r["subject"].startswith(f"narrative {e['fact']} × 10,000 = "), r["subject"]
    printed = Decimal(e["printed"].split()[0])
    assert r["observed"] == printed and r["expected"] == Decimal(e["expected_yuan"])
    assert r["observed"] * WAN == r["expected"]
    assert r["page"] == e["page"]
    # the fact has this one row: no second (narrative_vs_table) report of the same slip
    assert not results["subject"].str.startswith(f"narrative {e['fact']} = ").any()
    # on the consistent filing the same fact is a passing narrative_vs_table comparison
    base, _ = validated(BASE)
    same = base[base["check"] == f"narrative_{e['fact']}"]
    assert len(same) == 1 and bool(same.iloc[0]["success"]) and same.iloc[0]["expected"] == r["expected"]
