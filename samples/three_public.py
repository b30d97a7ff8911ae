"""Table 7 (财政拨款“三公”经费支出决算表): one wide row, in either of the two printed orders.

items_first (the Shanghai filings): each item over its 预算数 and 决算数 columns.
measure_first (the Ministry's template): a 预算数 group over the six items, then a 决算数 group, with
the template's wording (公务用车购置及运行费, 公务用车运行费). The truth names the items as the
contract does (reference.statements), whatever the header prints.
"""
from __future__ import annotations

from reference.statements import THREE_PUBLIC_TOTAL, THREE_PUBLIC_VEHICLE

from .render import SPAN, Cell, Row
from .spec import ZERO

_TOTAL, (_ABROAD, _VEHICLE, _RECEPTION) = THREE_PUBLIC_TOTAL
_PURCHASE, _RUNNING = THREE_PUBLIC_VEHICLE[1]
assert THREE_PUBLIC_VEHICLE[0] == _VEHICLE
# (truth item, the ThreePublic keys it sums; None: all of them), in printed order
ITEMS = [(_TOTAL, None), (_ABROAD, ("abroad",)), (_VEHICLE, ("car_purchase", "car_running")),
         (_PURCHASE, ("car_purchase",)), (_RUNNING, ("car_running",)), (_RECEPTION, ("reception",))]
MEASURES = ("budget", "final")


def header(b) -> list:
    if b.L.three_public_order == "items_first":
        rows = [
            Row([Cell(_TOTAL, colspan=2, rowspan=2), Cell(_ABROAD, colspan=2, rowspan=2),
                 Cell(_VEHICLE, colspan=6), Cell(_RECEPTION, colspan=2, rowspan=2)]),
            Row([SPAN, SPAN, SPAN, SPAN, Cell("小计", colspan=2), Cell(_PURCHASE, colspan=2),
                 Cell(_RUNNING, colspan=2), SPAN, SPAN]),
            Row([Cell("预算数"), Cell("决算数")] * 6),
        ]
    else:
        group = [Cell(_TOTAL, rowspan=2), Cell(_ABROAD, rowspan=2), Cell("公务用车购置及运行费", colspan=3),
                 Cell(_RECEPTION, rowspan=2)]
        rows = [Row([Cell("预算数", colspan=6), Cell("决算数", colspan=6)]), Row(group * 2),
                Row([SPAN, SPAN, Cell("小计"), Cell(_PURCHASE), Cell("公务用车运行费"), SPAN] * 2)]
    # no label column in this table: its 栏次 row is the twelve numbers alone, as the template prints it
    return rows + b.numbers_row(0, 12)


def table(b):
    """The TableSpec of table 7 for Builder `b`."""
    f = b.f
    widths = b.fit("three_public", [], 12, min_amount=40)
    tp = f.three_public
    if tp is None or not any(tp.final.values()) and not any(tp.budget.values()) or "three_public" in f.blank:
        note = None if "three_public" in f.unstated else \
            f"说明：{f.unit_name}本年度没有财政拨款“三公”经费支出，故本表无数据。"
        return b.spec("three_public", widths, header(b), [], "empty", note)
    value = {}
    for item, keys in ITEMS:
        for measure, src in zip(MEASURES, (tp.budget, tp.final)):
            value[(item, measure)] = sum((src.get(k, ZERO) for k in (keys or src.keys())), ZERO)
    if b.L.three_public_order == "items_first":
        order = [(item, m) for item, _k in ITEMS for m in MEASURES]
    else:
        order = [(item, m) for m in MEASURES for item, _k in ITEMS]
    facts, cells = [], []
    for item, measure in order:
        cells += b.amount_cells(facts, "three_public", [(measure, value[(item, measure)])], item, blank_zero=False)
    return b.spec("three_public", widths, header(b), [Row(cells, facts)])
