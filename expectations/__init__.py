"""Data quality: every accounting identity (勾稽关系) of a batch, judged by Great Expectations.

    results = validate_batch(line_items, documents, narrative_facts)   # once per batch
    write_report(results, documents, "report.html")

`results` is the contract's `quality_results`: doc_id, fiscal_year, check, kind (sum | cross_table |
narrative_vs_table | ratio | plausibility), subject, success, observed, expected, difference,
tolerance (Decimal, yuan for amounts, percentage points for ratios) and page (where to open the
filing). A failed check is a finding, never a reason to drop a filing.

`identities` lines the numbers up (pandas, exact integer/Decimal arithmetic); `suites` has Great
Expectations decide each row; `report` renders the HTML page.
"""
from __future__ import annotations

import pandas as pd

from expectations.identities import RESULT_COLUMNS, comparisons
from expectations.report import write_report

__all__ = ["validate_batch", "write_report", "RESULT_COLUMNS"]


def validate_batch(line_items: pd.DataFrame, documents: pd.DataFrame,
                   narrative_facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Check every identity of every document in the batch; one row per check, document and subject."""
    from expectations.suites import judge  # GX is imported only here, once per batch

    rows = comparisons(line_items, documents, narrative_facts)
    rows["success"] = judge(rows).astype(bool)
    return rows[RESULT_COLUMNS]
