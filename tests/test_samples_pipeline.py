"""Breadth: the generator's filings (other counties, other layouts) parse to exactly the truth the
generator rendered — split codes, wrapped names, 元 amounts, three column groups, a table running
onto the next page without a header, a blank page, thousands separators."""
from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import pytest


SAMPLES = ["yanqi_shebao_2023", "liuyang_nongjing_2024", "pidu_chuancai_2024"]


def _truth(samples_dir, name):
    return json.loads((samples_dir / f"{name}.truth.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_line_items_match_the_rendered_truth(samples_dir, parsed_sample, name):
    truth = _truth(samples_dir, name)
    parsed = parsed_sample(name)
    got = Counter((li.statement, li.side, li.code, li.code_level, li.item, li.measure, li.amount_yuan, li.page)
                  for li in parsed.line_items)
    want = Counter((r["statement"], r["side"], r["code"], r["code_level"], r["item"], r["measure"],
                    Decimal(r["amount_yuan"]), r["page"]) for r in truth["line_items"])
    assert not (want - got) and not (got - want), (sorted(want - got, key=str)[:5], sorted(got - want, key=str)[:5])
    assert parsed.document.status == "ok", parsed.document.error


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_identity_and_statements(samples_dir, parsed_sample, name):
    truth = _truth(samples_dir, name)
    parsed = parsed_sample(name)
    d = parsed.document
    for key in ("unit_name", "fiscal_year", "doc_kind", "scope", "province", "county", "adcode", "currency_unit",
                "page_count"):
        assert getattr(d, key) == truth["document"][key], key
    assert {s.statement: s.status for s in parsed.statements} == {k: v["status"] for k, v in truth["statements"].items()}


def test_sample_template_is_skipped(parsed_sample):
    parsed = parsed_sample("template_xxqu_xxju")
    assert parsed.document.status == "skipped" and not parsed.line_items
    assert "template" in parsed.document.error
