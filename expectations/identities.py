"""Line up the numbers every accounting identity (勾稽关系) compares — pure pandas, no Great Expectations.

`comparisons(line_items, documents, narrative_facts)` returns one row per check per document per
subject with the figure the filing prints (`observed`), the figure the identity says it should be
(`expected`), `difference = observed − expected` and the `tolerance` the rounding of printed figures
allows. Whether a row passes is decided elsewhere (`expectations.suites`, by Great Expectations).

Arithmetic is exact: amounts (DECIMAL(20,2) yuan) are summed as int64 fen (1/100 yuan) and handed
back as `Decimal`; narrative values and ratios are compared with `Decimal`. No float touches a figure.

Tolerances (stated on every row):
- a printed figure against a sum of n printed figures: max(one rounding step, n × half a step) — in
  yuan max(100, 50·n) for a 万元 table, max(0.01, 0.005·n) for a 元 table;
- the same figure printed twice (two tables, or both sides of a two-sided table): 0 — the two prints
  must be identical;
- a narrative amount against the table: half a rounding step (50 yuan for 万元 tables), which lets a
  narrative written to the yuan match, and catches any difference in the printed digits;
- a stated share (占 X%) against the share recomputed from the tables: 0.005 percentage points (the
  printed rounding) plus the largest error the rounding of the two amounts can cause;
- plausibility bounds: 0 (observed must lie inside the stated range).
"""
from __future__ import annotations

import datetime as _dt
from decimal ROUND_CEILING, Decimal  # noqa: placeholder replaced below
