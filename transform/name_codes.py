"""Codes for tables that print the functional classification by name only.

Some provinces (杭州's 2026 budgets, among others) print 支出功能分类 rows as names indented by level
— 社会保障和就业支出 / 行政事业单位养老支出 / 机关事业单位基本养老保险缴费支出 — with no code
column. A researcher compares units by code, so such a row is given the code of its name in the
national catalogue (reference/data/function_classes.csv and function_items.csv), walking the printed
order: a 类 name sets the class, a 款 name of that class sets the 款, a 项 name of that 款 is a 项.
A name the catalogue does not know ends the 款 (it may be a 款 the catalogue lacks).

Only exact names (after whitespace and bracket normalisation) under the right parent count; a name the
catalogue does not know, or one that is both a 款 of the class and a 项 of the 款, gets no code, and
neither do the rows under an unknown 类 or 款. `line_items.code_origin` says 'catalogue' for these
codes, so a reader can tell them from printed ones; the filing's identities (类 = Σ 款 = Σ 项) are
checked over them like any other, so a wrong walk shows up as a finding.
"""
from __future__ import annotations

from reference.catalog import function_class_code, function_item_children
from transform.narrative_codes import norm_name


def _child_code(parent: str | None, name: str, year: int | None) -> str | None:
    if parent is None:
        return None
    found = {e.code for e in function_item_children(parent, year) if norm_name(e.name) == name and e.valid_in(year)}
    return found.pop() if len(found) == 1 else None


class NamePathCoder:
    """Feed the printed names of one table top to bottom; each gets its catalogue code or None."""

    def __init__(self, year: int | None):
        self.year = year
        self.lei: str | None = None
        self.kuan: str | None = None

    def reset(self) -> None:
        """A total row (合计) or a new table: nothing above carries over."""
        self.lei = self.kuan = None

    def code_for(self, printed: str) -> str | None:
        name = norm_name(printed)
        if not name:
            return None
        lei = function_class_code(name, self.year)
        if lei:
            self.lei, self.kuan = lei, None
            return lei
        kuan = _child_code(self.lei, name, self.year)
        xiang = _child_code(self.kuan, name, self.year)
        if kuan and xiang:
            return None  # both a 款 and a 项 here: the walk cannot tell which
        if kuan:
            self.kuan = kuan
            return kuan
        if xiang is None:
            # an unknown name may be a 款 the catalogue lacks: the 项 printed under it must not be
            # taken for the previous 款's (行政运行 is a 项 of many 款)
            self.kuan = None
        return xiang
