"""Great Expectations judges the comparison rows (`expectations.identities`).

One ephemeral GX context per batch, a pandas data source over the comparison frame, and a suite of
row-level expectations:

- `ExpectColumnPairValuesAToBeGreaterThanB(tolerance ≥ abs_difference, or_equal=True)` — the
  identity holds within the stated tolerance (Decimal against Decimal, exact);
- `ExpectColumnValuesToNotBeNull(abs_difference)` — a comparison whose figure is missing (a narrative
  fact with no table figure, a document without a fiscal year) fails rather than passes by default;
- `ExpectColumnValuesToNotBeNull(tolerance)` — every row states its tolerance.

Run with result_format COMPLETE, each expectation reports the index of every failing row; a row
succeeds when no expectation lists it. GX is imported lazily (its import costs seconds) with its
usage statistics off, its logging at ERROR, no progress bars and no warnings printed.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings

import numpy as np
import pandas as pd

SUITE_NAME = "juesuan_identities"


class JudgeError(RuntimeError):
    """Great Expectations could not evaluate an expectation; no verdict is invented."""


@contextlib.contextmanager
def _quiet():
    """No GX warnings, log records below ERROR, or progress output reach the terminal."""
    loggers = [logging.getLogger(name) for name in ("great_expectations", "great_expectations.core",
                                                    "great_expectations.data_context", "py.warnings")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    sink = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with contextlib.redirect_stdout(sink):
                yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _import_gx():
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    import great_expectations as gx  # lazy on purpose
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig
    # Some GE modules pin their logger to INFO at import (the ephemeral docs-site notice), which
    # would reach a console handler on the root logger: lower every GE logger once imported.
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("great_expectations"):
            logging.getLogger(name).setLevel(logging.WARNING)
    return gx, gxe, ProgressBarsConfig


def build_suite(gx, gxe):
    suite = gx.ExpectationSuite(name=SUITE_NAME)
    suite.add_expectation(gxe.ExpectColumnPairValuesAToBeGreaterThanB(
        column_A="tolerance", column_B="abs_difference", or_equal=True, ignore_row_if="either_value_is_missing"))
    suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="abs_difference"))
    suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column="tolerance"))
    return suite


def judge(comparisons: pd.DataFrame) -> np.ndarray:
    """A boolean per comparison row (in order): True where every expectation holds for that row."""
    n = len(comparisons)
    if n == 0:
        return np.zeros(0, dtype=bool)
    frame = pd.DataFrame({
        "tolerance": pd.Series(list(comparisons["tolerance"]), dtype=object),
        "abs_difference": pd.Series([None if d is None or d is pd.NA else abs(d) for d in comparisons["difference"]],
                                    dtype=object),
    })
    with _quiet():
        gx, gxe, ProgressBarsConfig = _import_gx()
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
        asset = context.data_sources.add_pandas("juesuan").add_dataframe_asset("comparisons")
        batch_definition = asset.add_batch_definition_whole_dataframe("batch")
        suite = context.suites.add(build_suite(gx, gxe))
        batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
        result = batch.validate(suite, result_format={"result_format": "COMPLETE",
                                                      "return_unexpected_index_query": False})
    failing = np.zeros(n, dtype=bool)
    for r in result.results:
        info = r.exception_info or {}
        raised = info.get("raised_exception") if isinstance(info, dict) and "raised_exception" in info else \
            any(v.get("raised_exception") for v in info.values() if isinstance(v, dict))
        if raised:
            raise JudgeError(f"Great Expectations could not evaluate {r.expectation_config.type}: {info}")
        if r.result.get("element_count") != n:
            raise JudgeError(f"{r.expectation_config.type} saw {r.result.get('element_count')} rows, not {n}")
        idx = r.result.get("unexpected_index_list") or []
        if r.result.get("unexpected_count", 0) != len(idx):
            raise JudgeError(f"{r.expectation_config.type} did not list every failing row")
        failing[np.asarray(idx, dtype=np.int64)] = True
    return ~failing
