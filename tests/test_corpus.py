"""The benchmark corpus (samples/corpus.py): varied, deterministic, and read back exactly by the parser."""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from decimal import Decimal

import pytest

from samples import corpus
from transform.parse import parse_file

N, SEED = 12, 7


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    corpus.write(d, N, SEED)
    return d


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
    assert {t["document"]["currency_unit"] for t in truths} == {"万元", "元"}
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
def test_corpus_filing_parses_to_its_truth(out, i):
    entry = _manifest(out)[i]
    truth = _truth(out, entry)
    parsed = parse_file(str(out / entry["file"]))
    got = Counter((li.statement, li.side, li.code, li.item, li.measure, li.amount_yuan, li.page)
                  for li in parsed.line_items)
    want = Counter((r["statement"], r["side"], r["code"], r["item"], r["measure"], Decimal(r["amount_yuan"]),
                    r["page"]) for r in truth["line_items"])
    assert not (want - got) and not (got - want), (entry, sorted(want - got, key=str)[:5],
                                                   sorted(got - want, key=str)[:5])
    assert parsed.document.status == "ok", parsed.document.error
    want_status = {k: v["status"] for k, v in truth["statements"].items()}
    assert {s.statement: s.status for s in parsed.statements} == want_status
    d = parsed.document
    for key in ("unit_name", "fiscal_year", "province", "county", "adcode", "currency_unit", "page_count"):
        assert getattr(d, key) == truth["document"][key], key


def test_orphaned_total_row_of_table_5_is_read(tmp_path):
    f, feat, pdf, truth = corpus.render_filing(1, 249, excluded={})
    assert feat["orphan_total_row"] and corpus.orphan_totals(truth) == ["gpb_expenditure"]
    (tmp_path / "f.pdf").write_bytes(pdf)
    parsed = parse_file(str(tmp_path / "f.pdf"))
    got = Counter((li.statement, li.item, li.measure, li.amount_yuan, li.page) for li in parsed.line_items
                  if li.statement == "gpb_expenditure")
    want = Counter((r["statement"], r["item"], r["measure"], Decimal(r["amount_yuan"]), r["page"])
                   for r in truth["line_items"] if r["statement"] == "gpb_expenditure")
    assert got == want
