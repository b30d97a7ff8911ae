"""A 类/款/项 path printed in the narrative → a functional classification code.

Order of trust:
1. `table`: the filing's own tables 2/3/5 (line items with a code): the 项 name under the 款 (and
   类) names; when the text's 款 is not the table's but the 项 name occurs once under the 类, that one.
2. `catalog_exact`: reference/data/function_items.csv, the 项 name under the 款 name under the 类.
3. `catalog_fuzzy`: names that drifted (an older or shortened 项 name, a wrong 款): the most similar
   catalog name within the right 类 (and 款 where it resolves), difflib ratio ≥ FUZZY_MIN, and only
   when no other code is as close (within FUZZY_TIE).
4. `unresolved`: code None. A match is never forced.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from reference.catalog import function_class_code, function_items
from transform.text import squash, strip_ordinal

FUZZY_MIN = 0.85
FUZZY_TIE = 0.02
FUNCTION_STATEMENTS = ("income", "expenditure", "gpb_expenditure", "income_expenditure_summary", "fiscal_summary")

_NAME = r"(?:(?!（[类款项]）).)*?"  # a 款/项 name may itself hold 项 (专项业务) or brackets (（室）)
_PATH = re.compile(rf"(?P<lei>[^（]+)（类）(?:(?P<kuan>{_NAME})（款）)?(?:(?P<xiang>{_NAME})（项）)?")


def norm_name(name: str) -> str:
    """Whitespace, quotes and a trailing full stop removed; brackets made full-width."""
    s = squash(name or "")
    s = s.replace("(", "（").replace(")", "）")
    return s.translate(str.maketrans("", "", "“”\"'‘’")).rstrip("。.，,；;：:")


@dataclass(frozen=True, slots=True)
class ItemPath:
    lei: str
    kuan: str | None = None
    xiang: str | None = None

    @property
    def printed(self) -> str:
        s = f"{self.lei}（类）"
        if self.kuan:
            s += f"{self.kuan}（款）"
        if self.xiang:
            s += f"{self.xiang}（项）"
        return s

    @property
    def level(self) -> int:
        return 3 if self.xiang else 2 if self.kuan else 1


def parse_path(text: str) -> ItemPath | None:
    """'社会保障和就业支出（类）行政事业单位养老支出（款）…（项）' → ItemPath; the 类 name is the
    longest known class name ending the run before （类） (so a leading '1、' or '其中' drops off)."""
    m = _PATH.search(norm_name(text))
    if not m:
        return None
    lei = _class_name(m.group("lei"))
    kuan = norm_name(m.group("kuan")) or None if m.group("kuan") is not None else None
    xiang = norm_name(m.group("xiang")) or None if m.group("xiang") is not None else None
    return ItemPath(lei, kuan, xiang)


def _class_name(run: str) -> str:
    run = strip_ordinal(norm_name(run))
    for i in range(len(run)):
        if function_class_code(run[i:], None):
            return run[i:]
    m = re.search(r"[\u4e00-\u9fff]+$", run)
    return m.group(0) if m else run


@dataclass(frozen=True, slots=True)
class Resolution:
    code: str | None
    how: str  # table | catalog_exact | catalog_fuzzy | unresolved
    note: str = ""


class CodeResolver:
    """Resolves item paths against one filing's line items, then the catalog."""

    def __init__(self, line_items=(), year: int | None = None):
        self.year = year
        self.table: dict[str, set[str]] = {}
        for li in line_items or ():
            code = getattr(li, "code", None)
            if code and getattr(li, "statement", None) in FUNCTION_STATEMENTS and code.isdigit():
                self.table.setdefault(code, set()).add(norm_name(li.item))

    # --- helpers ---
    def _table_codes(self, length: int, prefix: str, name: str) -> list[str]:
        return sorted(c for c, names in self.table.items()
                      if len(c) == length and c.startswith(prefix) and name in names)

    def _catalog(self, level: int, parent: str | None = None, prefix: str = ""):
        return [e for e in function_items() if e.level == level and (parent is None or e.parent == parent)
                and e.code.startswith(prefix)]

    def class_code(self, name: str) -> str | None:
        code = function_class_code(name, self.year) or function_class_code(name, None)
        if code:
            return code
        found = self._table_codes(3, "", name)
        return found[0] if len(found) == 1 else None

    def _best(self, name: str, entries) -> tuple[str | None, float]:
        scored: dict[str, float] = {}
        for e in entries:
            r = SequenceMatcher(None, name, e.name).ratio()
            scored[e.code] = max(r, scored.get(e.code, 0.0))
        if not scored:
            return None, 0.0
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        code, best = ranked[0]
        if len(ranked) > 1 and ranked[1][1] >= best - FUZZY_TIE:
            return None, best  # a tie: do not choose
        return code, best

    # --- main ---
    def resolve(self, path: ItemPath) -> Resolution:
        lei = self.class_code(path.lei)
        if lei is None:
            return Resolution(None, "unresolved", f"类 “{path.lei}” is not a known class name")
        if path.level == 1:
            return Resolution(lei, "table" if lei in self.table else "catalog_exact")
        kuan_name = path.kuan
        # 1. the filing's own tables
        t_kuan = self._table_codes(5, lei, kuan_name) if kuan_name else []
        if path.level == 2:
            if len(t_kuan) == 1:
                return Resolution(t_kuan[0], "table")
        else:
            t_xiang = self._table_codes(7, lei, path.xiang or "")
            if len(t_kuan) == 1:
                under = [c for c in t_xiang if c.startswith(t_kuan[0])]
                if len(under) == 1:
                    return Resolution(under[0], "table")
            if len(t_xiang) == 1 and not any(c.startswith(k) for c in t_xiang for k in t_kuan):
                return Resolution(t_xiang[0], "table", f"款 “{kuan_name}” differs from the table's")
        # 2. catalog, exact names
        c_kuan = sorted({e.code for e in self._catalog(2, lei) if e.name == kuan_name})
        if path.level == 2:
            if len(c_kuan) == 1:
                return Resolution(c_kuan[0], "catalog_exact")
            code, ratio = self._best(kuan_name or "", self._catalog(2, lei))
            if code and ratio >= FUZZY_MIN:
                return Resolution(code, "catalog_fuzzy", f"款 name similarity {ratio:.2f}")
            return Resolution(None, "unresolved", f"款 “{kuan_name}” is not in 类 {lei}")
        if len(c_kuan) == 1:
            exact = sorted({e.code for e in self._catalog(3, c_kuan[0]) if e.name == path.xiang})
            if len(exact) == 1:
                return Resolution(exact[0], "catalog_exact")
        # 3. catalog, similar names
        if len(c_kuan) == 1:
            kuan_code = c_kuan[0]
        else:
            kuan_code, kr = self._best(kuan_name, self._catalog(2, lei)) if kuan_name else (None, 0.0)
            if kr < FUZZY_MIN:
                kuan_code = None
        if kuan_code:
            code, ratio = self._best(path.xiang or "", self._catalog(3, kuan_code))
            if code and ratio >= FUZZY_MIN:
                return Resolution(code, "catalog_fuzzy", f"项 name similarity {ratio:.2f} under 款 {kuan_code}")
        code, ratio = self._best(path.xiang or "", self._catalog(3, None, lei))
        if code and ratio >= FUZZY_MIN:
            return Resolution(code, "catalog_fuzzy", f"项 name similarity {ratio:.2f} within 类 {lei}")
        return Resolution(None, "unresolved",
                          f"项 “{path.xiang}” under 款 “{kuan_name}” matches no code of 类 {lei} "
                          f"(best similarity {ratio:.2f} < {FUZZY_MIN})" if ratio < FUZZY_MIN else
                          f"项 “{path.xiang}” is equally close to several codes of 类 {lei}")
