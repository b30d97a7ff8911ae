"""A real filing whose text layer is made partly wrong (a Ghostscript-like pass: a font's ToUnicode
map rewritten for some glyphs — 上 → P, 区 → {, 计 → X in the tables' Chinese font, 7 → 1 in their
digits' font). The pages are named, nothing the identities do not prove is stored from them, and
nothing stored is wrong."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import FILINGS, expected
from tests.variants import rewrite_tounicode
from transform.parse import parse_file

NAME = "putuo_social_work_2024"
TABLE_PAGES = list(range(5, 17))  # the tables' fonts (SimSun, TimesNewRoman) are used on pages 5–16


@pytest.fixture(scope="module")
def damaged_file(tmp_path_factory):
    d = tmp_path_factory.mktemp("tounicode")
    chinese = rewrite_tounicode(FILINGS / expected(NAME).FILE, d / "chinese.pdf", "SimSun", {"上": "P", "区": "{", "计": "X"})
    return rewrite_tounicode(chinese, d / "digits.pdf", "TimesNewRoman", {"7": "1"})


@pytest.fixture(scope="module")
def damaged(damaged_file):
    return parse_file(str(damaged_file))


def _truth() -> Counter:
    return Counter((st, side, code, item, measure, (Decimal(printed or "0") * 10000).quantize(Decimal("0.01")), page)
                   for st, side, code, item, measure, printed, page in expected(NAME).ROWS)


def test_the_pages_are_named_and_said_to_need_ocr(damaged):
    doc = damaged.document
    assert doc.status == "partial"
    assert ("the text layer of pages " + ", ".join(map(str, TABLE_PAGES[:12]))) in doc.error
    assert "OCR" in doc.error and "P海市普" in doc.error


def test_no_figure_stored_from_them_is_wrong(damaged):
    got = Counter((li.statement, li.side, li.code, li.item, li.measure, li.amount_yuan, li.page)
                  for li in damaged.line_items)
    assert not (got - _truth()), sorted(got - _truth(), key=str)[:5]


def test_the_figures_the_identities_prove_are_kept(damaged):
    # 403 figures are read from the damaged pages; a "7" read as "1" breaks the sums it is in, a header
    # with "合X" leaves its column unread; what the filing's identities still prove is kept.
    kept = [li for li in damaged.line_items if li.page in TABLE_PAGES]
    assert 100 <= len(kept) < 522
    assert {li.statement for li in kept} >= {"income", "expenditure", "gpb_expenditure"}
    # 表1 p.5 prints 307.82 (read 301.82): its sums break, so neither reading is stored
    assert not [li for li in kept if li.statement == "income_expenditure_summary" and li.item == "一般公共预算财政拨款收入"]


def test_the_narrative_on_trusted_pages_is_untouched(damaged, parsed_real):
    def facts(p):
        return Counter((f.fact, f.code, f.value, f.page) for f in p.narrative_facts if f.page not in TABLE_PAGES)

    assert facts(damaged) == facts(parsed_real[NAME]) and sum(facts(damaged).values()) >= 78


def test_with_ocr_untrusted_the_lying_pages_are_read_from_their_image(damaged_file, damaged):
    """`--ocr untrusted`: the pages whose text layer lies are OCR'd instead (the glyphs drawn are right;
    only their Unicode map lies): far more figures than the identities prove of the lying text (measured:
    475 of 522 against 100–200), none wrong. (Rendered from the vector page, 表4's 一般公共预算财政拨款
    column is lost on p.10, so its rows break 行合计 = Σ栏 and are left out: below the 95 % a scan gives.)"""
    parsed = parse_file(str(damaged_file), ocr="untrusted")
    table = [li for li in parsed.line_items if li.page in TABLE_PAGES]
    got = Counter((li.statement, li.side, li.code, li.item, li.measure, li.amount_yuan, li.page) for li in table)
    want = Counter(k for k in _truth().elements() if k[-1] in TABLE_PAGES)
    assert not (got - want), sorted(got - want, key=str)[:5]
    exact = sum((want & got).values())
    assert exact >= 0.9 * sum(want.values())
    assert exact > 2 * len([li for li in damaged.line_items if li.page in TABLE_PAGES])
    assert parsed.document.ocr_pages >= len(TABLE_PAGES) and {li.source for li in table} == {"ocr"}
    assert "were read by OCR (their text layer is not to be trusted)" in parsed.document.error
