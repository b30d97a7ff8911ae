"""Variant filings with one planted inconsistency each, for the data-quality checks' tests.

Every variant is the 浏阳 sample with one figure spoiled; its truth lists what was planted, and the
line item or narrative fact in the truth holds the figure as printed (spoiled).
"""
from __future__ import annotations

from decimal import Decimal

from .codes import PERSONNEL_CLASSES
from .filings import liuyang

KINDS = ("wrong_class_total", "narrative_share_off", "personnel_text_mismatch", "missing_wan")
ONE = Decimal("1.00")


def plant(kind: str):
    """Return the 浏阳 filing rebuilt with `kind` planted."""
    if kind == "wrong_class_total":
        # 农林水支出 in table 3 printed 1.00 above the sum of its 款
        f = liuyang.build()
        f.overrides[("expenditure", "213", "total")] = ONE
        entry = {"kind": kind, "statement": "expenditure", "side": None, "code": "213", "measure": "total",
                 "printed": f"{f.by_prefix('213', 'total') + ONE:.2f}", "expected": f"{f.by_prefix('213', 'total'):.2f}"}
    elif kind == "narrative_share_off":
        f = liuyang.build({"share_off": "213"})
        entry = {"kind": kind, "fact": "class_share_pct", "code": "213", "delta": "1.00"}
    elif kind == "personnel_text_mismatch":
        delta = Decimal("10.00")
        f = liuyang.build({"personnel_delta": delta})
        expected = f.econ_sum(PERSONNEL_CLASSES)
        entry = {"kind": kind, "fact": "personnel_funds", "code": None,
                 "printed_yuan": f"{(expected + delta) * 10000:.2f}", "expected_yuan": f"{expected * 10000:.2f}"}
    elif kind == "missing_wan":
        f = liuyang.build({"missing_wan": "project_expenditure"})
        v = f.by_prefix("", "project")
        entry = {"kind": kind, "fact": "project_expenditure", "code": None, "printed": f"{v:.2f} 元",
                 "expected_yuan": f"{v * 10000:.2f}"}
    else:
        raise ValueError(f"unknown plant kind {kind!r}; choose from {', '.join(KINDS)}")
    f.name = f"{f.name}__{kind}"
    f.planted.append(entry)
    return f
