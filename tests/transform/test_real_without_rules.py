"""The real filings with every ruling line removed (what Excel and many WPS exports print): the
rule-less reader must give every hand-typed figure exactly as the ruled one does — none wrong, none
missing — and the same statements and narrative facts."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import REAL, expected

WAN = Decimal(10000)


def _want(mod) -> Counter:
    return Counter((st, side, code, item, measure, (Decimal(printed or "0") * WAN).quantize(Decimal("0.01")), page)
                   for st, side, code, item, measure, printed, page in mod.ROWS)


def _got(parsed) -> Counter:
    return Counter((li.statement, li.side, li.code, li.item, li.measure, li.amount_yuan, li.page)
                   for li in parsed.line_items)


@pytest.mark.parametrize("name", REAL)
def test_every_figure_is_read_without_rules(parsed_real_without_rules, name):
    mod = expected(name)
    parsed = parsed_real_without_rules[name]
    want, got = _want(mod), _got(parsed)
    assert not (want - got) and not (got - want), (sorted(want - got, key=str)[:5], sorted(got - want, key=str)[:5])
    assert sum(got.values()) == len(mod.ROWS) == {"putuo_social_work_2024": 522, "putuo_finance_2024": 565}[name]
    assert parsed.document.status == "ok", parsed.document.error


@pytest.mark.parametrize("name", REAL)
def test_tables_were_read_from_text_positions(parsed_real_without_rules, real_documents, name):
    parsed = parsed_real_without_rules[name]
    assert {s.statement: s.status for s in parsed.statements} == expected(name).STATEMENTS
    # the ruled originals are read from their rules (no table of the original is read as text)
    doc = real_documents[name]
    assert {t.source for p in doc.pages for t in p.tables} == {"ruled"}


@pytest.mark.parametrize("name", REAL)
def test_narrative_facts_do_not_depend_on_the_rules(parsed_real, parsed_real_without_rules, name):
    def facts(p):
        return Counter((f.fact, f.code, f.value, f.page) for f in p.narrative_facts)

    assert facts(parsed_real_without_rules[name]) == facts(parsed_real[name])
    assert len(parsed_real[name].narrative_facts) >= 78


def test_a_ruled_header_over_a_body_without_rules_is_read(tmp_path):
    """The grid does not cover the table: the social-work filing (WPS) with the rules kept in each table's
    header and removed below it. The header is read as a ruled table, the body as a table without rules
    continuing it: every figure exact."""
    from extract import read_document
    from tests.conftest import FILINGS
    from tests.variants import keep_header_rules
    from transform.columns import first_data_row
    from transform.parse import parse_file

    name = "putuo_social_work_2024"
    src = FILINGS / expected(name).FILE
    bottoms = {}
    for page in read_document(str(src)).pages:
        for t in page.tables:
            r = first_data_row(t)
            if r < t.n_rows:
                bottoms.setdefault(page.number, t.row_edges[r])
    parsed = parse_file(str(keep_header_rules(src, tmp_path / "header_rules.pdf", bottoms)))
    doc = read_document(str(tmp_path / "header_rules.pdf"))
    assert {t.source for p in doc.pages for t in p.tables} == {"ruled", "text"}
    want, got = _want(expected(name)), _got(parsed)
    assert not (want - got) and not (got - want) and sum(got.values()) == 522
