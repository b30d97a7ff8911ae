"""Spreadsheet-made filings (tests/fixtures/spreadsheets, made by samples/spreadsheets.py with
LibreOffice Calc): the committed truth is what the PDFs print, and the parser reads them exactly —
tables drawn with every border, only a frame, or none at all, 行次/栏次 numbering, the 三公 table in
either order, per-table units, a bracketed negative, "-" for zero, a name running over its neighbour."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from samples.corpus import figure_counts
from samples.printed import UNIT_FACTORS
from tests.test_samples_generator import sum_failures

FIXTURES = Path(__file__).parent / "fixtures" / "spreadsheets"
NAMES = ["ministry_grid_wan", "frame_yuan", "borderless_wan", "borderless_yuan_mixed"]


def _truth(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed():
    from transform.parse import parse_file   # here: the truth tests above never depend on the parser

    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = parse_file(str(FIXTURES / f"{name}.pdf"))
        return cache[name]

    return get


def test_every_fixture_is_committed():
    assert sorted(p.stem for p in FIXTURES.glob("*.pdf")) == sorted(NAMES)
    for name in NAMES:
        assert (FIXTURES / f"{name}.truth.json").exists()


@pytest.mark.parametrize("name", NAMES)
def test_truth_sums_close(name):
    t = _truth(name)
    # in yuan: borderless_yuan_mixed prints table 7 in 万元 among tables in 元
    assert sum_failures(dict(t, line_items=[dict(li, amount=li["amount_yuan"]) for li in t["line_items"]])) == []


@pytest.mark.parametrize("name", NAMES)
def test_truth_is_what_the_pdf_prints(name):
    t = _truth(name)
    with pdfplumber.open(FIXTURES / f"{name}.pdf") as pdf:
        assert len(pdf.pages) == t["document"]["page_count"]
        texts = ["".join((p.extract_text() or "").split()) for p in pdf.pages]
    cover = texts[0]
    assert f"{t['document']['unit_name']}{t['document']['fiscal_year']}年度部门决算" in cover
    for key, st in t["statements"].items():
        units = {li["currency_unit"] for li in t["line_items"] if li["statement"] == key} or {"万元", "元"}
        assert any(f"单位：{u}" in texts[st["pages"][0] - 1] for u in units), key
    for li in t["line_items"]:
        assert li["page"] in t["statements"][li["statement"]]["pages"], li
        assert Decimal(li["amount_yuan"]) == Decimal(li["amount"]) * UNIT_FACTORS[li["currency_unit"]], li
        if li["amount_printed"] not in ("", "-"):
            assert li["amount_printed"] in texts[li["page"] - 1], li


@pytest.mark.parametrize("name", NAMES)
def test_spreadsheet_fixture_parses_to_its_truth(parsed, name):
    truth = _truth(name)
    p = parsed(name)
    got, want = figure_counts(p.line_items, truth)
    assert not (want - got) and not (got - want), (sorted(want - got, key=str)[:5], sorted(got - want, key=str)[:5])
    assert p.document.status == "ok", p.document.error


@pytest.mark.parametrize("name", NAMES)
def test_spreadsheet_fixture_identity_and_statements(parsed, name):
    truth = _truth(name)
    p = parsed(name)
    for key in ("unit_name", "fiscal_year", "doc_kind", "scope", "province", "county", "adcode", "currency_unit",
                "page_count"):
        assert getattr(p.document, key) == truth["document"][key], key
    assert {s.statement: s.status for s in p.statements} == {k: v["status"] for k, v in truth["statements"].items()}
