"""Which printed figures a filing's own identities (勾稽关系) prove.

A page whose text layer lies (a font's ToUnicode map sends a "7" to "1") or that was read by OCR may
carry wrong figures, and a wrong number is worse than a missing one. The filing's figures are bound
by identities — 类 = Σ款 = Σ项, 合计 = Σ类, a row's total = Σ its parts, the same figure printed in
two tables — so a figure that takes part in identities that all hold is proven; one that takes part
in none, or in one that breaks, is doubtful and is left out (`prove`).

The identities and their tolerances are those `expectations/identities.py` lines up after storage
(the quality checks), rebuilt here on line items because data flows one way (transform/ never imports
expectations/). Three deliberate differences, all about what proof needs:
- an identity whose figures are all zero is kept (it holds): blank cells are printed zeros, and a
  zero read where a figure was printed breaks the identity — so a zero is proven like any figure;
- a table's rounding step is read from its printed figures (the most decimals any of them shows,
  × the unit), not from the unit alone: a 亿元 table printed to 0.0001 has a step of 10,000 yuan,
  a 元 table printed in whole yuan a step of 1 yuan. Trailing zeros may be dropped by a spreadsheet's
  general format ("10" beside "10.25"), never added, so the most decimals seen is the table's step;
- a sum of figures printed to the cent holds exactly (see Tolerances), where the quality checks allow
  a step or more: they judge a filer's arithmetic, proof whether each figure was read as printed.
Tolerances: a figure against a sum of n printed figures max(step, n × step / 2), and 0 where the step
is a cent (a 元 table printed to the cent prints the amounts themselves, which sum exactly: a last digit
misread there breaks its identities); the same figure printed twice 0 (where the two prints differ in step, the finer must round to the coarser: half the
coarser step). Decimal arithmetic only.

Known limit: n counts every part, blank cells included (as the quality checks count them), so a long
sum tolerates much: 302 = Σ its 27 款 rows allows 0.135 万元, and a 款 row of table 6 takes part in
that identity only — a last digit misread there (3.78 read as 3.72) is still proven. Misreads of 0.6
万元 or more were caught in every figure of both real filings (tests/transform/test_proof.py).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from reference.statements import (BY_KEY, CODE_LEVELS, COLUMN_IDENTITIES, HIERARCHY_STATEMENTS, PERSONNEL_CLASSES,
                                  PERSONNEL_TOTAL, PUBLIC_TOTAL, THREE_PUBLIC_TOTAL, THREE_PUBLIC_VEHICLE,
                                  DEFAULT_DECIMALS, TOTAL_LABELS, TOTAL_STATEMENTS, TWO_SIDED, printed_decimals, rounding_step)
from transform.amounts import CENT
from transform.rows import LineItem

assert {PERSONNEL_TOTAL, PUBLIC_TOTAL, "合计", "总计"} <= TOTAL_LABELS

# How a sentence names each identity (names are the quality checks' names, so the two can be joined).
PHRASES = {
    "class_vs_subclasses": "类 = Σ款", "subclass_vs_items": "款 = Σ项", "class_vs_items": "类 = Σ项",
    "total_vs_classes": "合计 = Σ类", "income_total_vs_sources": "本年收入合计 = Σ收入",
    "grand_total_vs_parts": "总计 = 本年合计 + 结转结余", "grand_total_income_vs_expenditure": "收入总计 = 支出总计",
    "balance_vs_breakdown": "结转和结余 = Σ其中", "row_total_vs_columns": "行合计 = Σ栏",
    "personnel_funds_vs_classes": "人员经费合计 = 301 + 303", "public_funds_vs_classes": "公用经费合计 = Σ其他类",
    "three_public_total_vs_parts": "三公合计 = 出国 + 公务用车 + 接待",
    "three_public_vehicle_vs_parts": "公务用车 = 购置 + 运行维护",
    "fund_closing_balance": "年末结转和结余 = 年初 + 本年收入 − 本年支出",
    "t2_income_total_vs_t1": "表2 合计 = 表1 本年收入合计", "t3_total_vs_t1": "表3 合计 = 表1 本年支出合计",
    "t3_class_vs_t1": "表3 类 = 表1 类", "t5_class_vs_t4_gpb": "表5 类 = 表4 类 (一般公共预算)",
    "t5_total_vs_t4_gpb": "表5 合计 = 表4 本年支出合计 (一般公共预算)",
    "t6_basic_vs_t5": "表5 合计 基本支出 = 表6 人员经费合计 + 公用经费合计",
}
SAME_FIGURE = frozenset({"grand_total_income_vs_expenditure", "t2_income_total_vs_t1", "t3_total_vs_t1",
                         "t3_class_vs_t1", "t5_class_vs_t4_gpb", "t5_total_vs_t4_gpb"})


@dataclass(frozen=True)
class Identity:
    name: str  # the quality check's name (expectations/identities.py), phrased in PHRASES
    whole: LineItem
    parts: tuple[LineItem, ...]
    holds: bool
    tolerance: Decimal  # yuan
    difference: Decimal  # whole − (Σ parts − Σ minus), yuan
    # figures subtracted: only fund balances (closing = opening + income − expenditure)
    minus: tuple[LineItem, ...] = ()

    @property
    def members(self) -> tuple[LineItem, ...]:
        return (self.whole, *self.parts, *self.minus)


# --- rounding steps ------------------------------------------------------------------------------



def table_decimals(items: Iterable[LineItem]) -> dict[tuple[str, str], int]:
    """(statement, unit) → the most decimals any printed figure of that table shows (2 if none is printed)."""
    out: dict[tuple[str, str], int] = defaultdict(lambda: DEFAULT_DECIMALS)
    seen: dict[tuple[str, str], int] = {}
    for li in items:
        d = printed_decimals(li.amount_printed)
        if d is not None:
            key = (li.statement, li.currency_unit)
            seen[key] = max(seen.get(key, 0), d)
    out.update(seen)
    return out


def _factor(li: LineItem) -> Decimal:
    return rounding_step(li.currency_unit, 0)  # the unit's factor (an unknown unit: 万元)


class _Builder:
    """Makes identities with the document's rounding steps."""

    def __init__(self, items: list[LineItem]):
        self.decimals = table_decimals(items)
        self.out: list[Identity] = []

    def step(self, li: LineItem) -> Decimal:
        return rounding_step(li.currency_unit, self.decimals[(li.statement, li.currency_unit)])

    def sum(self, name: str, whole: LineItem, parts: Iterable[LineItem], minus: Iterable[LineItem] = ()) -> None:
        parts, minus = tuple(parts), tuple(minus)
        step = max(self.step(li) for li in (whole, *parts, *minus))
        # each of n printed figures is off by up to half a step; one step at least, as a filer who
        # balances a sum moves one figure by one step. Figures printed to the cent are the amounts
        # themselves, not roundings of them: their sums are exact.
        tol = Decimal(0) if step <= CENT else max(step, (len(parts) + len(minus)) * step / 2)
        diff = whole.amount_yuan - (sum((li.amount_yuan for li in parts), Decimal(0))
                                    - sum((li.amount_yuan for li in minus), Decimal(0)))
        self.out.append(Identity(name, whole, parts, abs(diff) <= tol, tol, diff, minus))

    def same(self, name: str, whole: LineItem, other: LineItem | None) -> None:
        """The same figure printed twice; `other` None: printed in one table only (compared with 0)."""
        parts = (other,) if other is not None else ()
        steps = {self.step(li) for li in (whole, *parts)}
        tol = max(steps) / 2 if len(steps) > 1 else Decimal(0)
        diff = whole.amount_yuan - (other.amount_yuan if other is not None else Decimal(0))
        self.out.append(Identity(name, whole, parts, abs(diff) <= tol, tol, diff))


# --- helpers over line items ----------------------------------------------------------------------

def _level(li: LineItem) -> int:
    """类 1, 款 2, 项 3 from the code's digits (as the quality checks count them); 0 for no code."""
    code = li.code or ""
    return CODE_LEVELS.get(len(code), 0) if code.isdigit() else 0


def _is_total(li: LineItem) -> bool:
    # as the quality checks: a 合计 row (合计, 本年收入合计, 人员经费合计, …) or 总计 without a code
    return not li.code and ("合计" in li.item or li.item == "总计")


def _first(items: Iterable[LineItem], key: Callable[[LineItem], object]) -> dict:
    """key → the first item printed with it (a label printed twice is compared once, as a whole)."""
    out: dict = {}
    for li in items:
        out.setdefault(key(li), li)
    return out


def _group(items: Iterable[LineItem], key: Callable[[LineItem], object]) -> dict:
    out: dict = defaultdict(list)
    for li in items:
        out[key(li)].append(li)
    return out


# --- the identities ---------------------------------------------------------------------------------

def identities(items: list[LineItem]) -> list[Identity]:
    """Every identity among one document's line items (all statements)."""
    b = _Builder(items)
    by_statement = _group(items, lambda li: li.statement)
    _hierarchy(b, by_statement)
    totals = _first((li for s in TOTAL_STATEMENTS for li in by_statement.get(s, ()) if _is_total(li)),
                    lambda li: (li.statement, li.measure))
    for (statement, measure), whole in totals.items():
        classes = [li for li in by_statement[statement] if li.measure == measure and _level(li) == 1]
        if classes:
            b.sum("total_vs_classes", whole, classes)
    _row_totals(b, by_statement)
    year = _two_sided(b, by_statement)
    t6 = _economic(b, by_statement.get("gpb_basic_expenditure", []))
    _three_public(b, by_statement.get("three_public", []))
    _fund_balances(b, by_statement)
    _cross(b, by_statement, totals, year, t6)
    return b.out


def _hierarchy(b: _Builder, by_statement: dict) -> None:
    for statement in HIERARCHY_STATEMENTS:
        coded = [li for li in by_statement.get(statement, ()) if _level(li)]
        for rows in _group(coded, lambda li: li.measure).values():
            parents = _first(rows, lambda li: li.code)
            with_kuan = {li.code[:3] for li in rows if _level(li) == 2}
            kids: dict = defaultdict(list)
            for li in rows:
                if _level(li) == 2:
                    kids[("class_vs_subclasses", li.code[:3])].append(li)
                elif _level(li) == 3:
                    kids[("subclass_vs_items", li.code[:5])].append(li)
                    if li.code[:3] not in with_kuan:  # a 类 printed with its 项 but no 款 rows
                        kids[("class_vs_items", li.code[:3])].append(li)
            for (name, code), parts in kids.items():
                if code in parents:
                    b.sum(name, parents[code], parts)


def _row_totals(b: _Builder, by_statement: dict) -> None:
    for statement, (total, measures) in COLUMN_IDENTITIES.items():
        rows = [li for li in by_statement.get(statement, ())
                if statement != "fiscal_summary" or li.side == "expenditure"]
        for printed_row in _group(rows, lambda li: li.row).values():
            cells = _first(printed_row, lambda li: li.measure)
            parts = [cells[m] for m in measures if m in cells]
            if total in cells and parts:
                b.sum("row_total_vs_columns", cells[total], parts)


def _two_sided(b: _Builder, by_statement: dict) -> dict:
    """Tables 1 and 4 per side and measure, in printed order: the rows above 本年收入合计 / 本年支出合计
    sum to it; it plus the rows between it and 总计 sum to 总计; 总计 is the same on both sides; a
    balance equals Σ its breakdown rows ("parent/child"). Returns the 本年合计 rows by (statement, side, measure)."""
    year_rows: dict = {}
    for statement in TWO_SIDED:
        rows = [li for li in by_statement.get(statement, ()) if li.side in ("income", "expenditure")]
        grands = {}
        for (side, measure), group in _group(rows, lambda li: (li.side, li.measure)).items():
            year = next((li for li in group if ("收入合计" if side == "income" else "支出合计") in li.item), None)
            grand = next((li for li in group if li.item.endswith("总计")), None)
            plain = [li for li in group if "/" not in li.item and not li.item.startswith("其中")]
            if year is not None:
                year_rows[(statement, side, measure)] = year
                above = [li for li in plain if li.row < year.row]
                if above:
                    b.sum("income_total_vs_sources" if side == "income" else "total_vs_classes", year, above)
                if grand is not None:
                    between = [li for li in plain if year.row < li.row < grand.row]
                    b.sum("grand_total_vs_parts", grand, [year, *between])
            if grand is not None:
                grands[(side, measure)] = grand
            breakdown = _group((li for li in group if "/" in li.item), lambda li: li.item.split("/", 1)[0])
            parents = _first(plain, lambda li: li.item)
            for parent, parts in breakdown.items():
                if parent in parents:
                    b.sum("balance_vs_breakdown", parents[parent], parts)
        for (side, _measure), grand in grands.items():
            if side == "income":
                for (side_e, measure_e), other in grands.items():
                    if side_e == "expenditure" and measure_e in ("amount", "total"):
                        b.same("grand_total_income_vs_expenditure", grand, other)
    return year_rows


def _economic(b: _Builder, t6: list[LineItem]) -> dict:
    """Table 6: 人员经费合计 = 301 + 303, 公用经费合计 = every other 类 (302 + 310 + 307 + 399 …)."""
    totals = _first((li for li in t6 if not li.code and li.item in (PERSONNEL_TOTAL, PUBLIC_TOTAL)), lambda li: li.item)
    classes = _group((li for li in t6 if _level(li) == 1),
                     lambda li: PERSONNEL_TOTAL if li.code in PERSONNEL_CLASSES else PUBLIC_TOTAL)
    for item, name in ((PERSONNEL_TOTAL, "personnel_funds_vs_classes"), (PUBLIC_TOTAL, "public_funds_vs_classes")):
        if item in totals and classes.get(item):
            b.sum(name, totals[item], classes[item])
    return totals


def _three_public(b: _Builder, t7: list[LineItem]) -> None:
    cells = _first(t7, lambda li: (li.measure, li.item))
    for (whole, parts), name in ((THREE_PUBLIC_TOTAL, "three_public_total_vs_parts"),
                                 (THREE_PUBLIC_VEHICLE, "three_public_vehicle_vs_parts")):
        for measure in dict.fromkeys(li.measure for li in t7):
            present = [cells[(measure, p)] for p in parts if (measure, p) in cells]
            if (measure, whole) in cells and present:
                b.sum(name, cells[(measure, whole)], present)


def _fund_balances(b: _Builder, by_statement: dict) -> None:
    """Tables 8 and 9 per row: 年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出."""
    for statement in ("government_fund", "soe_capital"):
        for printed_row in _group(by_statement.get(statement, ()), lambda li: li.row).values():
            c = _first(printed_row, lambda li: li.measure)
            if all(m in c for m in ("opening_balance", "income", "expenditure_total", "closing_balance")):
                b.sum("fund_closing_balance", c["closing_balance"], (c["opening_balance"], c["income"]),
                      (c["expenditure_total"],))


def _cross(b: _Builder, by_statement: dict, totals: dict, year: dict, t6: dict) -> None:
    """The same figure printed in two tables (tolerance 0), and 表6's two totals against 表5's 基本支出."""
    def classes(statement: str, measure: str) -> dict:
        return _first((li for li in by_statement.get(statement, ()) if li.measure == measure and _level(li) == 1
                       and (statement not in TWO_SIDED or li.side == "expenditure")), lambda li: li.code)

    for name, left, right in (
            ("t2_income_total_vs_t1", totals.get(("income", "total")),
             year.get(("income_expenditure_summary", "income", "amount"))),
            ("t3_total_vs_t1", totals.get(("expenditure", "total")),
             year.get(("income_expenditure_summary", "expenditure", "amount"))),
            ("t5_total_vs_t4_gpb", totals.get(("gpb_expenditure", "total")),
             year.get(("fiscal_summary", "expenditure", "general_public_budget")))):
        if left is not None and right is not None:
            b.same(name, left, right)
    for name, left, right in (
            ("t3_class_vs_t1", classes("expenditure", "total"), classes("income_expenditure_summary", "amount")),
            ("t5_class_vs_t4_gpb", classes("gpb_expenditure", "total"),
             classes("fiscal_summary", "general_public_budget"))):
        if not (left and right):
            continue  # one table has no 类 rows: nothing to compare
        for code in dict.fromkeys([*left, *right]):
            l, r = left.get(code), right.get(code)
            # a 类 printed in one table only is compared with zero, unless it is zero (table 1 prints
            # every 类 of the year's list, table 3 only those with figures)
            if l is not None:
                if r is not None or l.amount_yuan != 0:
                    b.same(name, l, r)
            elif r is not None and r.amount_yuan != 0:
                b.same(name, r, None)
    basic = totals.get(("gpb_expenditure", "basic"))
    if basic is not None and PERSONNEL_TOTAL in t6 and PUBLIC_TOTAL in t6:
        b.sum("t6_basic_vs_t5", basic, (t6[PERSONNEL_TOTAL], t6[PUBLIC_TOTAL]))


# --- proof ------------------------------------------------------------------------------------------

VerdictKind = Literal["trusted", "proven", "unproven", "broken"]


@dataclass(frozen=True)
class Verdict:
    """What the identities say of one printed figure: trusted (not on a doubtful page), proven, unproven
    (it takes part in no identity, or only in ones a misread repeated in every figure would keep
    true), or broken (an identity it takes part in does not hold). `reason` says why, for the last two."""

    item: LineItem
    kind: VerdictKind
    reason: str | None = None


def verdicts(items: list[LineItem], doubtful_pages: set[int], scanned_pages: frozenset[int] = frozenset()
             ) -> list[Verdict]:
    """One verdict per item, in order: items printed on a doubtful page are proven when every identity
    they take part in holds and their group of figures tied by identities is proven (below).
    scanned_pages: doubtful pages read by OCR, where a blank may be a figure the engine did not see."""
    if not any(li.page in doubtful_pages for li in items):
        return [Verdict(li, "trusted") for li in items]
    found = identities(items)
    decimals = table_decimals(items)
    roles: dict[int, list[Identity]] = defaultdict(list)  # id(item) → its identities (LineItem is unhashable)
    for ident in found:
        for member in dict.fromkeys(map(id, ident.members)):
            roles[member].append(ident)
    # Figures tied together by identities that hold form groups; a group is proven when one of its
    # identities sums two or more nonzero figures, or ties it to a figure printed on a trusted page. A
    # misread repeated along a chain of equal figures (a "7" read as "1" in a 类, its only 款 and its
    # only 项) keeps each one-part identity true, but not the sum the chain runs into.
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    anchors = []
    for ident in found:
        if not ident.holds:
            continue
        ids = [id(m) for m in ident.members]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
        if (any(m.page not in doubtful_pages for m in ident.members)
                or sum(1 for m in (*ident.parts, *ident.minus) if m.amount_yuan) >= 2):
            anchors.append(ids[0])
    anchored = {find(a) for a in anchors}

    out = []
    for li in items:
        if li.page not in doubtful_pages:
            out.append(Verdict(li, "trusted"))
            continue
        mine = roles.get(id(li), [])
        broken = [i for i in mine if not i.holds]
        if broken:
            out.append(Verdict(li, "broken", " and ".join(_clause(i, li, decimals) for i in broken)))
        elif mine and ((li.amount_printed == "" and li.page not in scanned_pages) or find(id(li)) in anchored):
            # A blank cell of a text layer holds no character to misread: any identity that holds will do
            # for it. On a scan it may be a figure the detector missed: it needs proof like any other.
            out.append(Verdict(li, "proven"))
        else:
            out.append(Verdict(li, "unproven", "takes part only in identities that a misread repeated in every "
                               "figure would keep true" if mine else "takes part in no identity that could prove it"))
    return out


def prove(items: list[LineItem], doubtful_pages: set[int]) -> tuple[list[LineItem], list[str]]:
    """Keep every item not printed on a doubtful page; of those printed on a doubtful page keep only the
    proven ones (`verdicts`). Returns (kept items,
    one sentence per item left out, naming statement label, page, row item, measure and why)."""
    kept, why = [], []
    for v in verdicts(items, doubtful_pages):
        if v.kind in ("trusted", "proven"):
            kept.append(v.item)
        else:
            why.append(left_out(v))
    return kept, why


def left_out(v: Verdict, where: str = "a page whose text layer is not trusted") -> str:
    li = v.item
    return (f"{_label(li.statement)} p.{li.page}: {_row(li)} [{li.measure}] is printed on {where} and "
            f"{v.reason}; it was left out")


def _label(statement: str) -> str:
    return BY_KEY[statement].label if statement in BY_KEY else statement


def _row(li: LineItem) -> str:
    name = f"{li.code} {li.item}" if li.code else li.item
    return f"{name} ({li.side} side)" if li.statement in TWO_SIDED and li.side else name


def _amount(yuan: Decimal, li: LineItem, decimals: dict) -> str:
    """Yuan in the unit of `li`'s table, to its printed decimals (more where the value needs them)."""
    value = yuan / _factor(li)
    q = value.quantize(Decimal(1).scaleb(-decimals[(li.statement, li.currency_unit)]))
    return f"{q if q == value else value.normalize():f}"


def _clause(ident: Identity, li: LineItem, decimals: dict) -> str:
    w = ident.whole
    printed = _amount(w.amount_yuan, w, decimals)
    other = (_amount(w.amount_yuan - ident.difference, w, decimals) if ident.parts or ident.minus
             else "nothing printed in the other table")
    figures = f"{printed} vs {other} {w.currency_unit}, allowed {_amount(ident.tolerance, w, decimals)}"
    phrase = PHRASES.get(ident.name, ident.name)
    if li is w:
        return f"breaks {phrase} ({figures})"
    where = f"{_label(w.statement)} " if w.statement != li.statement else ""
    return f"takes part in {phrase} for {where}{_row(w)} [{w.measure}], which breaks ({figures})"
