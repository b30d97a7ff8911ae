"""Who the generated samples are (issue 26): a fictional unit whose name says so, or a real one whose filing
the sample reproduces — never a real office's name over invented figures.

A researcher who copies a figure from the demo, a test warehouse or a benchmark corpus must not spread a
number no government published under a real office's name. So every unit a generator names is either
fictional, with 示例 ("example") in its name ("浏阳市示例财政局": the county is real, so that regions and
adcodes are exercised, the office is not), a placeholder of the national template ("XX区XX局"), or one of
REAL below, each with the filing it reproduces. tests/test_sample_names.py walks every generator's units
against this list.
"""
from __future__ import annotations

from collections.abc import Iterator

FICTIONAL_MARK = "示例"      # in the name of every fictional unit (samples/corpus_who.py: unit_prefix)
PLACEHOLDER_MARKS = ("XX",)  # the template's own placeholders (附件2：部门决算模板.pdf prints "XX区XX局")

# Real unit → the filing whose figures the generator reproduces, and where its truth comes from.
REAL: dict[str, str] = {
    "焉耆回族自治县社会保险中心": "its 2023 部门决算, rebuilt from the filing's text layer in "
                                   "../shared/seed/000_24df321908323c58.txt (samples/filings/yanqi.py; "
                                   "tests/test_narrative_seed.py checks the figures against the seed's text)",
}


def kind_of(name: str) -> str:
    """fictional | placeholder | real (allowed: REAL) | unlisted (a real-looking name: not allowed)."""
    if FICTIONAL_MARK in name:
        return "fictional"
    if any(m in name for m in PLACEHOLDER_MARKS):
        return "placeholder"
    return "real" if name in REAL else "unlisted"


def generated_units(corpus_draws: int = 400, series_seeds: tuple[int, ...] = (1, 2)) -> Iterator[tuple[str, str]]:
    """(generator, unit name) of every unit the generators name as a filer or in a filing's list of units:
    the demo's filings and planted variants, the budgets, `corpus_draws` filings of the corpus (seeds 1
    and 2; the scans are corpus filings), the spreadsheet variants (corpus filings of their own seeds and
    forced features: tests/fixtures/spreadsheets), and the series corpus of two seeds.
    Names only: nothing is rendered."""
    from . import budgets, corpus, series
    from .generate import filings
    from .plant import KINDS
    from .spreadsheets import VARIANTS

    for f in filings(list(KINDS)):
        yield "samples.generate", f.unit_name
        yield from (("samples.generate (header)", u) for u in getattr(f, "header_units", {}).values())
    for plan in budgets.plans():
        yield "samples.budgets", plan.unit_name
    for seed in (1, 2):
        for index in range(corpus_draws // 2):
            f, _features = corpus.build(seed, index)
            yield "samples.corpus", f.unit_name
    for v in VARIANTS:
        f, _features = corpus.build(v.seed, v.index, force=v.force)
        yield "samples.spreadsheets", f.unit_name
    for seed in series_seeds:
        for p in series.plan(seed, n_counties=3):
            yield "samples.series", p.filing.unit_name
            yield from (("samples.series (covered)", u) for u in p.covered)
            if p.renamed_from:
                yield "samples.series (old name)", p.renamed_from
