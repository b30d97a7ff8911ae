"""Data quality: every identity (勾稽关系) and every review rule of a batch, judged by Great Expectations.

    results = validate_batch(line_items, documents, narrative_facts,
                             statements=..., mentions=..., narrative_claims=..., performance_projects=...,
                             tolerances=load_tolerances("tolerances.toml"))
    write_report(results, documents, "DIR/quality_report.html", sources=...)

`results` is the contract's `quality_results`: doc_id, fiscal_year, check, kind (sum | cross_table |
narrative_vs_table | ratio | plausibility | completeness | disclosure), subject, success, observed,
expected, difference, tolerance (Decimal: yuan for amounts, percentage points for ratios, a count or a
year otherwise), page (where to open the filing), pages (every page the check involves), boxes (for a
failed check: the figures compared, with their page and box), observed_text / expected_text (names,
years and reasons compared) and tolerance_rule (the setting the tolerance came from). A failed check is
a finding, never a reason to drop a filing. Tables not given run no check of their family.

`checks` lines the values up, one module per family (pandas, exact integer/Decimal arithmetic);
`suites` has Great Expectations decide each row; `report` renders the HTML pages and the evidence.
"""
from __future__ import annotations

import pandas as pd

from expectations.rows import RESULT_COLUMNS
from expectations.tolerances import Tolerances, load_tolerances

__all__ = ["validate_batch", "comparisons", "write_report", "RESULT_COLUMNS", "Tolerances", "load_tolerances"]


def comparisons(line_items: pd.DataFrame | None, documents: pd.DataFrame | None = None,
                narrative_facts: pd.DataFrame | None = None, **tables) -> pd.DataFrame:
    """Every comparison of the batch, without verdicts (columns: RESULT_COLUMNS minus success and boxes)."""
    from expectations.batch import Batch
    from expectations.checks import compare

    rows = compare(Batch.of(line_items, documents, narrative_facts, **tables))
    return rows[[c for c in RESULT_COLUMNS if c not in ("success", "boxes")]]


def validate_batch(line_items: pd.DataFrame | None, documents: pd.DataFrame | None,
                   narrative_facts: pd.DataFrame | None = None, *, statements: pd.DataFrame | None = None,
                   mentions: pd.DataFrame | None = None, narrative_claims: pd.DataFrame | None = None,
                   performance_projects: pd.DataFrame | None = None,
                   tolerances: Tolerances | None = None) -> pd.DataFrame:
    """Check every identity and review rule of every document in the batch; one row per check,
    document and subject."""
    from expectations.batch import Batch
    from expectations.checks import compare
    from expectations.rows import boxes_of
    from expectations.suites import judge  # GX is imported only here, once per batch

    batch = Batch.of(line_items, documents, narrative_facts, statements, mentions, narrative_claims,
                     performance_projects, tolerances)
    rows = compare(batch)
    rows["success"] = judge(rows).astype(bool)
    rows["boxes"] = boxes_of(rows, batch)
    for col in ("observed_text", "expected_text", "tolerance_rule"):  # None, never NaN, where a row has none
        rows[col] = rows[col].astype(object).where(rows[col].notna(), None)
    return rows[RESULT_COLUMNS]


def write_report(results: pd.DataFrame, documents: pd.DataFrame | None, path: str, **kwargs) -> dict:
    """The HTML report (expectations/report/): a paged index, one page per document with findings and the
    page crops beside them; returns counts of what was written."""
    from expectations.report import write_report as write

    return write(results, documents, path, **kwargs)
