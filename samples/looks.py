"""The corpus's layout features of the national template and of borderless producers (samples/corpus.py).

They are drawn from a random stream of their own ("…/look"), so that adding them left every figure and
every older feature of corpus filing (seed, index) as it was: a filing differs from before only in how
its tables look (and, where a negative is drawn, in one 其他收入 figure and the sums that carry it).

  rules               grid | horizontal | three_line | frame | none   (borderless: all but grid)
  titles              shanghai | national | provincial                (samples/printed.py)
  title_number        None | 表 | 附表 | 公开
  yi                  a 万元 filing printed in 亿元 instead (figures of a unit 100 times larger)
  negatives           None | minus | paren | fullwidth: one 其他收入 leaf negative, printed so
  row_numbers         行次 columns in tables 1/4 and a 栏次 row in every table
  three_public_order  items_first | measure_first
  dash_zero           none | some (tables 6, 7) | all: zero cells printed "-"
  other_unit          table 7 (三公) printed in another unit than the filing (万元 ↔ 元; 亿元 → 万元)
"""
from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from . import printed
from .spec import ZERO, Filing

OPTIONS: dict[str, list] = {
    "rules": [("grid", 7), ("horizontal", 2), ("three_line", 2), ("none", 3), ("frame", 1)],
    "titles": [("shanghai", 5), ("national", 3), ("provincial", 2)],
    "title_number": [(None, 5), ("表", 2), ("附表", 1), ("公开", 2)],
    "yi": [(False, 4), (True, 1)],
    "negatives": [(None, 6), ("minus", 2), ("paren", 1), ("fullwidth", 1)],
    "row_numbers": [(False, 6), (True, 4)],
    "three_public_order": [("items_first", 6), ("measure_first", 4)],
    "dash_zero": [("none", 7), ("some", 1), ("all", 2)],
    "other_unit": [(False, 8), (True, 2)],
}
# The look every corpus filing had before these features (force=PLAIN in corpus.build), for tests of
# older features that must not wait for a reader of the new ones.
PLAIN = {"rules": "grid", "titles": "shanghai", "title_number": None, "negatives": None, "row_numbers": False,
         "three_public_order": "items_first", "dash_zero": "none", "table_currency": {}}
DASH_TABLES = {"none": (), "some": ("gpb_basic_expenditure", "three_public"), "all": tuple(printed.ORDER)}
BORDERLESS = ("horizontal", "three_line", "frame", "none")


def draw(seed: int, index: int, feat: dict, excluded: dict) -> dict:
    """The look features of filing (seed, index), given its older features `feat` (currency)."""
    rng = random.Random(f"juesuan-corpus/{seed}/{index}/look")
    look = {}
    for name, options in OPTIONS.items():   # one draw per feature, whatever is excluded
        allowed = [(v, w) for v, w in options if v not in excluded.get(name, ())] or options[:1]
        values, weights = zip(*allowed)
        look[name] = rng.choices(values, weights)[0]
    currency = "亿元" if feat["currency"] == "万元" and look.pop("yi") else feat["currency"]
    other = look.pop("other_unit")
    out = {"currency": currency, **look}
    out["table_currency"] = {"three_public": {"万元": "元", "元": "万元", "亿元": "万元"}[currency]} if other else {}
    return out


def figure_scale(currency: str) -> tuple[Decimal, Decimal]:
    """(multiplier from the corpus's 万元 draws, quantum) of a filing's leaf figures. A filing in 亿元 is
    a unit a hundred times larger (1.5–30 亿元 on its main line), or its table 6 would print zeros."""
    return ({"万元": Decimal(1), "元": Decimal(10000), "亿元": Decimal("0.01")}[currency],
            printed.quantum(currency))


def three_public_scale(currency: str, table_currency: dict) -> tuple[Decimal, Decimal]:
    """(multiplier from 万元, quantum in the filing's unit) of the 三公 figures: never scaled up (三公
    stay tens of thousands of yuan), and whole figures of the unit table 7 prints, so the table in
    another unit prints the same yuan."""
    unit = {"万元": Decimal(1), "元": Decimal(10000), "亿元": Decimal("0.0001")}[currency]
    q = printed.quantum(currency)
    other = table_currency.get("three_public")
    if other:
        q = max(q, printed.quantum(other) * printed.UNIT_FACTORS[other] / printed.UNIT_FACTORS[currency])
    return unit, q


def plant_negative(seed: int, index: int, f: Filing, q: Decimal) -> dict:
    """A refund booked as negative 其他收入 on one leaf paid from the budget: table 2's 其他收入 of that
    项 (and of its 款, 类 and 合计 where they stay negative), table 1's 其他收入 and, when it outweighs
    the carried-over balance, table 1's 年末结转和结余 print negative. Sums are derived, so they close."""
    rng = random.Random(f"juesuan-corpus/{seed}/{index}/negative")
    pool = [l for l in f.leaves if "other" not in l.income and l.income.get("fiscal_appropriation", ZERO) > 0]
    leaf = rng.choice(pool)
    share = Decimal(str(rng.uniform(0.01, 0.08)))
    x = max(q, (leaf.income["fiscal_appropriation"] * share).quantize(q, rounding=ROUND_HALF_UP))
    leaf.income = {**leaf.income, "other": -x}
    return {"negative_leaf": leaf.code, "negative_closing": f.closing_balance() < 0}
