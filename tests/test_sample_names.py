"""Issue 26: no generated sample carries a real office's name with figures its filing does not print.

Every unit the generators name (the demo's filings and their planted variants, the budgets, the corpus,
the series corpus with its lists of units and old names) is fictional and says so (示例), a placeholder of
the template, or listed in samples/names.py REAL with the filing it reproduces."""
from __future__ import annotations

import pytest

from samples.names import FICTIONAL_MARK, REAL, generated_units, kind_of


@pytest.fixture(scope="module")
def units():
    return list(generated_units())


def test_every_generated_unit_is_fictional_or_reproduces_its_filing(units):
    unlisted = sorted({(g, n) for g, n in units if kind_of(n) == "unlisted"})
    assert unlisted == [], f"real-looking names without the filing they reproduce: {unlisted[:10]}"
    assert {g.split(" ")[0] for g, _ in units} == {"samples.generate", "samples.budgets", "samples.corpus",
                                                  "samples.series"}


def test_the_real_names_used_are_the_listed_ones(units):
    """The 焉耆 final accounts, rebuilt from the seed's text, are the one real unit; each listed name is
    used (no stale entry) and says where its figures come from."""
    real = {n for _, n in units if kind_of(n) == "real"}
    assert real == set(REAL) == {"焉耆回族自治县社会保险中心"}
    assert all("seed" in why for why in REAL.values())


def test_no_budget_is_generated_under_a_real_name(units):
    """The 焉耆 filing prints 年初预算数 317.31 万元; a generated budget would invent its plan."""
    assert all(FICTIONAL_MARK in n for g, n in units if g == "samples.budgets")


def test_a_real_office_name_is_not_taken_for_fictional():
    assert kind_of("浏阳市财政局") == "unlisted"
    assert kind_of("北京市东城区体育局") == "unlisted"
    assert kind_of("浏阳市示例财政局") == "fictional"
    assert kind_of("XX区XX局") == "placeholder"
