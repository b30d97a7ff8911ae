"""The research views at scale (issue 12): the series corpus with many counties, ingested by the flow,
and the assertions of tests/warehouse/test_research_views.py run against its `juesuan.duckdb`.

    .venv/bin/python benchmarks/research_scale.py [--counties 12] [--out /tmp/juesuan-series]

CI runs those tests on 2 counties (32 filings); this runs them on N counties × 2018–2020 (about 15
filings a county and year: a department, its units' 单位决算, a 本级 filed apart, a renamed unit, 2018
filings with the 2018 class names, one restatement). Prints each result and the sizes of the views;
exits 1 when any assertion fails.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHECKS = ("test_frames_hold_every_figure_of_the_standing_filings_once", "test_frames_carry_who_filed",
          "test_a_restated_filing_replaces_the_first_in_frames",
          "test_region_totals_equal_the_sums_of_the_truth_figure_for_figure",
          "test_a_department_and_its_units_are_not_counted_twice",
          "test_a_unit_renamed_between_years_continues_its_series",
          "test_a_code_renamed_between_classification_years_is_followed",
          "test_structure_ratios_state_their_numerator_and_denominator")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counties", type=int, default=12)
    ap.add_argument("--out", default="/tmp/juesuan-series")
    args = ap.parse_args(argv)
    import duckdb

    import tests.warehouse.test_research_views as views
    from flows.ingest import ingest
    from flows.sources import discover
    from samples.series import write
    from tests.warehouse import series_truth as truth

    out = Path(args.out)
    shutil.rmtree(out, ignore_errors=True)
    corpus, root = out / "series", out / "warehouse"
    t0 = time.perf_counter()
    write(corpus, seed=3, n_counties=args.counties)
    print(f"written: {len(list(corpus.glob('*/*.pdf')))} filings in {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    for folder in ("filings", "restated"):  # the restatement arrives later, as it would
        ingest(discover([str(corpus / folder)]), str(root), progress=False)
    print(f"ingested in {time.perf_counter() - t0:.0f} s")
    con = duckdb.connect(str(root / "juesuan.duckdb"), read_only=True)
    filings = truth.filings(corpus)
    failed = 0
    for name in CHECKS:
        try:
            getattr(views, name)(con, filings)
            print(f"PASS {name}")
        except AssertionError as exc:
            failed += 1
            print(f"FAIL {name}: {str(exc)[:300]}")
    contained = con.execute("SELECT count(*) FROM contained_filings").fetchone()[0]
    print(f"contained_filings: {contained} (not added to their departments in region_totals)")
    frames = con.execute("SELECT count(*), count(DISTINCT doc_id), count(DISTINCT adcode), "
                         "count(DISTINCT fiscal_year) FROM frames").fetchone()
    print(f"frames: {frames[0]:,} figures of {frames[1]} filings, {frames[2]} counties, {frames[3]} years")
    for level, rows, most in con.execute("SELECT level, count(*), max(filings) FROM region_totals GROUP BY 1 "
                                         "ORDER BY 1").fetchall():
        print(f"region_totals {level}: {rows:,} rows, up to {most} filings a figure")
    return 1 if failed else 0


if __name__ == "__main__":  # the ingest's worker processes import this module again
    raise SystemExit(main())
