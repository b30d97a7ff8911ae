"""The check families, one module each, behind one entry point (`compare`).

| family | module | kind(s) |
| --- | --- | --- |
| within a table | within_table | sum |
| across tables | cross_table | cross_table |
| a budget's own identities (phase budget) | budget | sum, cross_table |
| the narrative against the tables | narrative | narrative_vs_table (and plausibility for a missing 万) |
| stated rates | ratios | ratio |
| values that cannot be right | plausibility | plausibility |
| the filing whole, one unit, one year | completeness | completeness |
| what the text says and what the template asks | disclosure | narrative_vs_table, disclosure |

Each family's `run(batch)` returns (fen frames, Decimal frames) of comparison rows
(expectations/rows.py) and reads only the prepared batch (expectations/batch.py); within_table runs
first, as it lines up the rows of tables 1, 4 and 6 the others compare with (`batch.anchors`).
"""
from __future__ import annotations

import pandas as pd

from expectations.batch import Batch
from expectations.checks import (budget, completeness, cross_table, disclosure, narrative, plausibility, ratios,
                                 within_table)
from expectations.rows import finish

FAMILIES = (within_table, cross_table, budget, narrative, ratios, plausibility, completeness, disclosure)


def compare(batch: Batch) -> pd.DataFrame:
    """Every comparison of the batch, without verdicts, with the mark ids of what each compared."""
    fen: list[pd.DataFrame] = []
    dec: list[pd.DataFrame] = []
    for family in FAMILIES:
        f, d = family.run(batch)
        fen += f
        dec += d
    return finish(fen, dec, batch)
