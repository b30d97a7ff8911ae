"""Issue 13: the review rules' checks against the generator's filings, end to end (PDF → parse → validate).

- Each planted variant (samples/plant.py REVIEW_RULES) is found by the check it was planted for, on the
  planted page, with boxes there that hold what was planted (read back with pdfplumber) — and no other
  check fails.
- The unaltered generated filings (the 浏阳 and 郫都 samples and four corpus filings) raise none of the
  new checks, and every new check runs on them.
- The seed's reconstruction (焉耆, a real filing's text and figures) raises one: its nine 项目支出绩效自评表
  list 7,015.56 万元 executed against 88.69 万元 of 项目支出 (the seed states both, in its 预算绩效 and 支出 sections).
"""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pandas as pd
import pdfplumber
import pytest

from expectations import validate_batch
from samples import corpus
from samples.generate import generate
from tests.conftest import CORPUS_N, CORPUS_SEED
from samples.plant import PLACEHOLDER_UNIT, REVIEW_RULES
from transform.parse import parse_file

W = Decimal(10000)
TABLES = ("statements", "mentions", "narrative_claims", "performance_projects")
NEW_CHECKS = {"statement_present", "unit_name_consistent", "year_consistent", "narrative_vs_empty_table",
              "org_running_cost_vs_public_funds", "projects_vs_project_expenditure", "direction_vs_figures",
              "change_direction_consistent", "reason_given", "template_phrase_edited", "item_explained",
              "empty_table_stated"}
CORPUS = (7, [1, 2, 3, 4])  # seed, indexes (samples/corpus.py)


def validate(parsed) -> pd.DataFrame:
    frame = lambda rows: pd.DataFrame([dataclasses.asdict(x) for x in rows])
    return validate_batch(frame(parsed.line_items), frame([parsed.document]), frame(parsed.narrative_facts),
                          **{t: frame(getattr(parsed, t)) for t in TABLES})


@pytest.fixture(scope="module")
def generated(tmp_path_factory, corpus7):
    import shutil

    out = tmp_path_factory.mktemp("review_rules")
    generate(str(out), plant=list(REVIEW_RULES))
    seed, indexes = CORPUS
    assert seed == CORPUS_SEED and max(indexes) < CORPUS_N  # the session's corpus7 holds them
    for i in indexes:
        shutil.copy(corpus7 / f"{corpus.build(seed, i)[0].name}.pdf", out)
    return out


@pytest.fixture(scope="module")
def validated(generated, parsed_sample, parsed_corpus):
    """name → (checks, truth, path); the unaltered samples and the corpus filings as parsed once per
    session (the same bytes), the planted variants here."""
    cache: dict[str, tuple] = {}

    def get(name: str):
        if name not in cache:
            path = generated / f"{name}.pdf"
            parsed = (parsed_corpus(name) if name.startswith("corpus") else parsed_sample(name) if "__" not in name
                      else parse_file(str(path)))
            truth_file = generated / f"{name}.truth.json"
            truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
            cache[name] = (validate(parsed), truth, path)
        return cache[name]

    return get


def failing(results):
    return results[~results["success"].astype(bool)]


def show(rows) -> str:
    return "\n".join(f"{r.check} | {r.subject} | {r.observed} vs {r.expected} (tol {r.tolerance}) p.{r.page}"
                     for r in rows.itertuples())


def text_in(path, page: int, box: dict) -> str:
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[page - 1].chars
    return "".join(c["text"] for c in chars if box["x0"] <= (c["x0"] + c["x1"]) / 2 <= box["x1"]
                   and box["top"] <= (c["top"] + c["bottom"]) / 2 <= box["bottom"]).replace(" ", "")


def test_unaltered_generated_filings_raise_none_of_the_new_checks(generated, validated):
    names = ["liuyang_nongjing_2024", "pidu_chuancai_2024"] + [p.stem for p in sorted(generated.glob("corpus7_*.pdf"))]
    ran: set[str] = set()
    for name in names:
        results, _truth, _path = validated(name)
        new = results[results["check"].isin(NEW_CHECKS)]
        ran |= set(new["check"])
        assert failing(new).empty, f"{name}\n{show(failing(new))}"
    # the new checks ran on them and passed (none prints a table empty while its text states figures);
    # corpus filing 2 lists three projects whose 执行数 add up to its 项目支出 exactly
    assert {"statement_present", "unit_name_consistent", "year_consistent", "direction_vs_figures", "reason_given",
            "item_explained", "template_phrase_edited", "org_running_cost_vs_public_funds",
            "change_direction_consistent", "empty_table_stated", "projects_vs_project_expenditure"} <= ran


# What each planted box holds, as printed (typed from the generator's text and the 浏阳 figures).
HOLDS = {
    "table_not_printed": "六、一般公共预算财政拨款基本支出决算表",
    "unit_placeholder_in_header": f"编制单位：{PLACEHOLDER_UNIT}",
    "three_public_blank_with_text": "“三公”经费财政拨款支出预算为11.70万元",
    "direction_contradicts_figures": "决算数大于全年预算数",
    "reason_missing": "决算数小于全年预算数。",
    "template_phrase_left": "增长（下降）",
    "rate_contradicts_change": "增加369.63万元，下降11.48%",
    "wrong_prior_year": "与2022年度相比",
    "item_unexplained": "66.27",
    "org_running_cost_over_public": "机关运行经费支出143.81万元",
    "projects_over_project_expenditure": "1,817.60",
    "empty_table_unstated": "年初结转和结余",
}


@pytest.mark.parametrize("kind", REVIEW_RULES)
def test_each_planted_error_is_found_on_its_page_with_its_boxes(validated, kind):
    results, truth, path = validated(f"liuyang_nongjing_2024__{kind}")
    (entry,) = truth["planted"]
    bad = failing(results)
    # a rate whose word contradicts its amount also fails the rate computed from the amounts
    also = {"expenditure_grand_total_change_pct"} if kind == "rate_contradicts_change" else set()
    assert set(bad["check"]) == {entry["check"]} | also, show(bad)
    on_page = bad[bad["page"] == entry["page"]]
    assert len(on_page) >= 1, show(bad)
    r = on_page.iloc[0]
    assert entry["page"] in r["pages"]
    assert r["boxes"], show(on_page)
    assert any(HOLDS[kind] in text_in(path, b["page"], b) for b in r["boxes"]), (kind, r["boxes"])
    base, _t, _p = validated("liuyang_nongjing_2024")
    ok = base[base["success"].astype(bool)]
    if kind not in ("table_not_printed", "empty_table_unstated", "three_public_blank_with_text",
                    "projects_over_project_expenditure", "unit_placeholder_in_header"):
        # the same check passes on the consistent filing: the plant is the cause
        assert entry["check"] in set(ok["check"])


def test_the_values_compared_are_the_planted_ones(validated):
    r = failing(validated("liuyang_nongjing_2024__org_running_cost_over_public")[0]).iloc[0]
    assert (r.observed, r.expected) == (Decimal("1438100.00"), Decimal("1388100.00"))  # 143.81 万元 against 公用经费合计 138.81
    assert r.difference == 5 * W and r.tolerance == Decimal(50)
    r = failing(validated("liuyang_nongjing_2024__projects_over_project_expenditure")[0]).iloc[0]
    assert (r.observed, r.expected) == (Decimal("1900.00") * W, Decimal("1817.60") * W)
    r = failing(validated("liuyang_nongjing_2024__wrong_prior_year")[0]).iloc[0]
    assert (r.observed, r.expected) == (Decimal(2022), Decimal(2023))
    r = failing(validated("liuyang_nongjing_2024__unit_placeholder_in_header")[0]).iloc[0]
    assert (r.observed_text, r.expected_text) == (PLACEHOLDER_UNIT, "浏阳市示例农村经营服务中心")
    r = failing(validated("liuyang_nongjing_2024__three_public_blank_with_text")[0])
    # each 三公 figure the text states is compared with the blank table's zero, with both pages
    assert set(r["check"]) == {"narrative_vs_empty_table"} and (r["expected"] == 0).all()
    assert all(len(p) == 2 for p in r["pages"])
    assert Decimal("11.70") * W in set(r["observed"])
    r = failing(validated("liuyang_nongjing_2024__direction_contradicts_figures")[0]).iloc[0]
    assert r.observed == (Decimal("1286.45") - Decimal("1302.00")) * W and r.observed_text == "决算数大于全年预算数"
    r = failing(validated("liuyang_nongjing_2024__template_phrase_left")[0])
    # the rate kept the amount's sign: the ratio check still holds, only the phrase is reported
    assert list(r["check"]) == ["template_phrase_edited"]


def test_the_seed_reconstruction_lists_its_projects_over_its_project_expenditure(validated):
    results, _truth, _path = validated("yanqi_shebao_2023")
    new = failing(results[results["check"].isin(NEW_CHECKS)])
    assert list(new["check"]) == ["projects_vs_project_expenditure"], show(new)
    r = new.iloc[0]
    # the seed: "预算绩效评价项目 9 个，全年预算数 7,015.56 万元，全年执行数 7,015.56 万元" against
    # "项目支出 88.69 万元": the projects evaluated are the social-insurance funds it pays out, not its own 项目支出
    assert (r.observed, r.expected) == (Decimal("7015.56") * W, Decimal("88.69") * W)
    assert "9 projects" in r.subject
