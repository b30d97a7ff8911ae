"""The benchmark corpus (samples/corpus.py): varied, deterministic, and read back exactly by the parser."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from decimal import Decimal

import pdfplumber
import pytest

from samples import corpus, looks, printed
from samples.render import RULES
from tests.conftest import CORPUS_N, CORPUS_SEED
from tests.test_samples_generator import sum_failures
from transform.parse import parse_file

N, SEED = CORPUS_N, CORPUS_SEED


@pytest.fixture(scope="module")
def out(corpus7):
    return corpus7  # rendered once per session (tests/conftest.py)


def _manifest(out) -> list[dict]:
    return json.loads((out / "corpus.manifest.json").read_text(encoding="utf-8"))["filings"]


def _truth(out, entry) -> dict:
    return json.loads((out / entry["file"].replace(".pdf", ".truth.json")).read_text(encoding="utf-8"))


def test_corpus_is_varied(out):
    m = _manifest(out)
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == len(m) == N
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in pdfs}) == N
    truths = [_truth(out, e) for e in m]
    assert len({t["document"]["province"] for t in truths}) >= 3
    assert {t["document"]["currency_unit"] for t in truths} >= {"万元", "元"}
    assert {e["econ_groups"] for e in m} == {2, 3}
    assert all(t["document"]["page_count"] == e["pages"] for t, e in zip(truths, m))


def test_corpus_is_deterministic(out, tmp_path):
    corpus.write(tmp_path, 2, SEED, start=N - 2)
    for p in sorted(tmp_path.glob("*.pdf")):
        assert p.read_bytes() == (out / p.name).read_bytes()
        t = p.with_name(p.name.replace(".pdf", ".truth.json"))
        assert t.read_bytes() == (out / t.name).read_bytes()


def test_corpus_figures_fit_their_cells():
    for i in range(N):
        f, _feat = corpus.build(SEED, i)
        assert corpus.overflows(f) == [], f.name


@pytest.mark.parametrize("i", range(N))
def test_corpus_filing_parses_to_its_truth(out, parsed_corpus, i):
    entry = _manifest(out)[i]
    truth = _truth(out, entry)
    parsed = parsed_corpus(entry["file"].removesuffix(".pdf"))
    got, want = corpus.figure_counts(parsed.line_items, truth)
    assert not (want - got) and not (got - want), (entry, sorted(want - got, key=str)[:5],
                                                   sorted(got - want, key=str)[:5])
    assert parsed.document.status == "ok", parsed.document.error
    want_status = {k: v["status"] for k, v in truth["statements"].items()}
    assert {s.statement: s.status for s in parsed.statements} == want_status
    d = parsed.document
    for key in ("unit_name", "fiscal_year", "province", "county", "adcode", "currency_unit", "page_count"):
        assert getattr(d, key) == truth["document"][key], key


@pytest.mark.parametrize("i", [0, 6, 9])
def test_corpus_filing_in_the_plain_look_parses(tmp_path, i):
    """Filings of the corpus laid out as before the national and borderless looks (samples/looks.py
    PLAIN): what the older layout features alone ask of the parser."""
    f, feat, pdf, truth = corpus.render_filing(SEED, i, force=looks.PLAIN)
    (tmp_path / "f.pdf").write_bytes(pdf)
    parsed = parse_file(str(tmp_path / "f.pdf"))
    got, want = corpus.figure_counts(parsed.line_items, truth)
    assert got == want and parsed.document.status == "ok", (sorted(want - got, key=str)[:5],
                                                           sorted(got - want, key=str)[:5])


def test_orphaned_total_row_of_table_5_is_read(tmp_path):
    # in the look it had when this was found (now drawn: a 三线表 with national titles, see below)
    f, feat, pdf, truth = corpus.render_filing(1, 249, excluded={}, force=looks.PLAIN)
    assert feat["orphan_total_row"] and corpus.orphan_totals(truth) == ["gpb_expenditure"]
    (tmp_path / "f.pdf").write_bytes(pdf)
    parsed = parse_file(str(tmp_path / "f.pdf"))
    got = Counter((li.statement, li.item, li.measure, li.amount_yuan, li.page) for li in parsed.line_items
                  if li.statement == "gpb_expenditure")
    want = Counter((r["statement"], r["item"], r["measure"], Decimal(r["amount_yuan"]), r["page"])
                   for r in truth["line_items"] if r["statement"] == "gpb_expenditure")
    assert got == want


# ---- the national template's and the borderless producers' layouts (samples/looks.py)

def test_corpus_is_a_third_borderless(out):
    m = _manifest(out)
    assert 3 * sum(e["rules"] in looks.BORDERLESS for e in m) >= len(m)


def test_corpus_layouts_cover_every_look():
    """In filings 0–29 of the seed every look feature takes each of its values (the indexes showing
    each one are listed in the report of the change that added them, to debug against)."""
    feats = [corpus.build(SEED, i)[1] for i in range(30)]
    seen = lambda key: {f[key] for f in feats}
    assert seen("rules") == set(RULES)
    assert seen("titles") == set(printed.TITLE_SETS)
    assert seen("title_number") == set(printed.NUMBER_STYLES)
    assert seen("currency") == {"万元", "元", "亿元"}
    assert seen("negatives") == {None, "minus", "paren", "fullwidth"}
    assert seen("row_numbers") == {True, False}
    assert seen("three_public_order") == {"items_first", "measure_first"}
    assert seen("dash_zero") >= {"none", "all"}
    assert {tuple(f["table_currency"].items()) for f in feats} >= {(), (("three_public", "元"),),
                                                                   (("three_public", "万元"),)}
    assert {f.get("negative_closing") for f in feats} >= {True, False}
    assert seen("econ_groups") == {2, 3} and seen("split_codes") == {True, False}


def _in_yuan(truth: dict) -> dict:
    """The truth with every amount in yuan: tables of one filing may print different units."""
    return dict(truth, line_items=[dict(li, amount=li["amount_yuan"]) for li in truth["line_items"]])


@pytest.mark.parametrize("i", range(N))
def test_corpus_truth_sums_close(out, i):
    assert sum_failures(_in_yuan(_truth(out, _manifest(out)[i]))) == []


@pytest.mark.parametrize("i", range(N))
def test_corpus_truth_is_what_the_page_prints(out, i):
    """Every printed figure on the page the truth names, in the unit its table states; 栏次 printed
    where the layout numbers rows; and only the rules the layout asks for on the table pages."""
    entry = _manifest(out)[i]
    truth = _truth(out, entry)
    by_page: dict[int, list[dict]] = {}
    for li in truth["line_items"]:
        assert Decimal(li["amount_yuan"]) == Decimal(li["amount"]) * printed.UNIT_FACTORS[li["currency_unit"]]
        by_page.setdefault(li["page"], []).append(li)
    with pdfplumber.open(out / entry["file"]) as pdf:
        for key, st in truth["statements"].items():
            for n in st["pages"]:
                page = pdf.pages[n - 1]
                text = page.extract_text() or ""
                if n == st["pages"][0]:
                    unit = entry["table_currency"].get(key, truth["document"]["currency_unit"])
                    assert f"单位：{unit}" in text, (key, n)
                    # table 7 has no label column: its 栏次 row is the twelve numbers alone
                    numbered = "1 2 3 4 5 6 7 8 9 10 11 12" in text if key == "three_public" else "栏次" in text
                    assert numbered == entry["row_numbers"], (key, n)
                if n == st["pages"][0] or any(li["statement"] == key for li in by_page.get(n, ())):
                    _check_rules(page, entry["rules"], (key, n))   # (not a page holding only its notes)
        for n, items in by_page.items():
            text = pdf.pages[n - 1].extract_text()
            for li in items:
                if li["amount_printed"] not in ("", "-"):
                    assert li["amount_printed"] in text, (li, n)
                assert li["amount_printed"] in _printed_forms(li), li


def _printed_forms(li: dict) -> set[str]:
    a = Decimal(li["amount"])
    if a:
        return {printed.figure(a, li["currency_unit"], t, neg) for t in (True, False)
                for neg in ("minus", "paren", "fullwidth")}
    return {"", "-", printed.plain(a, li["currency_unit"])}


def _check_rules(page, rules: str, where) -> None:
    vertical = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.1]
    if rules == "grid":
        assert page.rects, where
    elif rules in ("horizontal", "three_line"):
        assert page.lines and not vertical and not page.rects, where
    elif rules == "frame":
        assert not page.lines and 1 <= len(page.rects) <= 2, where
    else:
        assert not page.lines and not page.rects, where


@pytest.mark.parametrize("i, rules", [(0, "none"), (1, "horizontal"), (2, "three_line"), (3, "frame")])
def test_a_borderless_filing_in_yi_yuan_with_bracketed_negatives_parses_to_its_truth(tmp_path, i, rules):
    """The rule-less reader on the hardest mix the corpus draws only now and then: tables in 亿元 (four
    decimals), negatives printed in brackets, national titles, three economic-class groups — every figure
    exact, none extra, and the negatives read as negatives."""
    force = {"rules": rules, "currency": "亿元", "negatives": "paren", "titles": "national", "econ_groups": 3}
    f, feat, pdf, truth = corpus.render_filing(SEED, i, force=force)
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    negatives = [r for r in truth["line_items"] if r["amount_printed"].startswith("(")]
    assert negatives and truth["document"]["currency_unit"] == "亿元"
    with pdfplumber.open(path) as pdf_:
        first = pdf_.pages[negatives[0]["page"] - 1]
        assert negatives[0]["amount_printed"] in first.extract_text()
        _check_rules(first, rules, negatives[0]["page"])
    parsed = parse_file(str(path))
    got, want = corpus.figure_counts(parsed.line_items, truth)
    assert got == want and parsed.document.status == "ok", (sorted(want - got, key=str)[:5],
                                                           sorted(got - want, key=str)[:5])
    assert all(Decimal(r["amount_yuan"]) < 0 for r in negatives)
