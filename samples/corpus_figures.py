"""The figures of a generated corpus filing, drawn at random on a random scale: the leaves (项 rows),
their fund sources and carry-over, the economic classification and the 三公 table (totals are derived
in samples/spec.py, so every printed sum stays consistent)."""
from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal

from .corpus_who import COMMON_ADMIN, COMMON_BOTH, COMMON_PUBLIC, Dept
from .spec import ZERO, Filing, Leaf, ThreePublic

CENT = Decimal("0.01")


def _money(rng: random.Random, lo: Decimal, hi: Decimal) -> Decimal:
    """Uniform on a log scale between lo and hi, to the cent."""
    x = math.exp(rng.uniform(math.log(float(lo)), math.log(float(hi))))
    return Decimal(int(x * 100)) / 100 if x >= 0.01 else CENT


def _round(v: Decimal, q: Decimal) -> Decimal:
    """v to a whole number of q (0.01, 0.0001 for 亿元, or 100 yuan for a 三公 table printed in 万元)."""
    return (v / q).quantize(Decimal(1), rounding=ROUND_HALF_UP) * q


def _part(v: Decimal, share: float, q: Decimal = CENT) -> Decimal:
    return _round(v * Decimal(str(share)), q)


# ------------------------------------------------------------------------------------------- figures

def _leaves(rng: random.Random, dept: Dept, feat: dict, unit: Decimal, q: Decimal = CENT) -> list[Leaf]:
    """Leaf figures in the filing's unit (`unit` = 1 for 万元, 10000 for 元; see looks.figure_scale),
    to a whole number of q."""
    scale = _money(rng, Decimal("150"), Decimal("3000"))   # 万元: the main 运行 line
    amt = lambda lo, hi: _round(_money(rng, scale * Decimal(str(lo)), scale * Decimal(str(hi))) * unit, q)
    n_proj = {"few": (0, 1), "some": (1, 3), "many": (5, 12)}[feat["rows"]]
    leaves: dict[str, Leaf] = {}
    main = dept.basic[0]
    salary = _round(scale * unit * Decimal(str(rng.uniform(0.85, 1.15))), q)
    # the 运行 line sometimes carries a project part too
    leaves[main] = Leaf(main, basic=salary, project=amt(0.02, 0.2) if rng.random() < 0.25 else ZERO)
    for code in dept.basic[1:]:
        if rng.random() < 0.6:
            leaves[code] = Leaf(code, basic=amt(0.05, 0.4))
    k = rng.randint(*n_proj)
    for code in sorted(rng.sample(dept.projects, min(k, len(dept.projects)))):
        leaves[code] = Leaf(code, project=amt(0.03, 1.2))
    # the common 项: pensions, medical insurance, housing, sized from the salary line
    pool = (COMMON_PUBLIC if dept.public_unit else COMMON_ADMIN) + COMMON_BOTH
    share = {"2080501": (0.03, 0.12), "2080502": (0.02, 0.1), "2080505": (0.1, 0.16),
             "2080506": (0.04, 0.08), "2101101": (0.05, 0.08), "2101102": (0.05, 0.08),
             "2101103": (0.01, 0.03), "2101199": (0.001, 0.01), "2210201": (0.08, 0.12),
             "2210203": (0.01, 0.04)}
    always = {"2080505", "2101101" if not dept.public_unit else "2101102", "2210201"}
    extra = 0.85 if feat["rows"] == "many" else 0.45 if feat["rows"] == "some" else 0.2
    for code in pool:
        if code in always or rng.random() < extra:
            lo, hi = share[code]
            leaves[code] = Leaf(code, basic=_round(salary * Decimal(str(rng.uniform(lo, hi))), q))
    if feat["rows"] == "many" and rng.random() < 0.5:
        leaves["2299901"] = Leaf("2299901", project=amt(0.01, 0.1))
    out = [leaves[c] for c in sorted(leaves)]
    for leaf in out:
        if leaf.gpb_total and rng.random() < 0.7:
            over = Decimal(str(rng.choice([0, 0, 0.01, 0.03, 0.08, -0.02])))
            leaf.budget_full_year = _round(leaf.gpb_total * (1 + over), q)
    return out


def _fund_sources(rng: random.Random, f: Filing, feat: dict, public_unit: bool, q: Decimal = CENT) -> None:
    """Non-fiscal income on a project or two, fiscal carry-over spent on one: all in Leaf.income, the
    opening balances and (derived) the closing balances, so tables 1, 2 and 4 stay consistent."""
    projects = [l for l in f.leaves if l.project > 0]
    if feat["non_fiscal_income"] and projects:
        for leaf in rng.sample(projects, min(len(projects), rng.randint(1, 2))):
            part = _part(leaf.project, rng.uniform(0.1, 0.5), q)
            leaf.gpb_project = leaf.project - part
            src = rng.choice(["business", "other"] if public_unit else ["other"])
            leaf.income = {"fiscal_appropriation": leaf.gpb_total, src: part + _part(part, rng.uniform(0, 0.3), q)}
            if leaf.budget_full_year is not None:
                leaf.budget_full_year = leaf.gpb_total
    if feat["carry_over"]:
        carry = _part(f.by_prefix("", "gpb_total"), rng.uniform(0.005, 0.05), q)
        f.opening_fiscal = carry
        f.opening_balance = carry + (_part(carry, rng.uniform(0, 0.5), q) if rng.random() < 0.5 else ZERO)
        if projects and rng.random() < 0.7:
            leaf = rng.choice(projects)
            spent = min(carry, _part(leaf.gpb_total, rng.uniform(0.05, 0.3), q))
            inc = dict(leaf.income)
            inc["fiscal_appropriation"] = inc["fiscal_appropriation"] - spent
            leaf.income = inc


# 部门预算支出经济分类 款 in table 6, the ones tied to a 项 first.
_LINKED = {"30108": ("2080505",), "30109": ("2080506",), "30110": ("2101101", "2101102"),
           "30111": ("2101103",), "30113": ("2210201",), "30302": ("2080501", "2080502")}
_PUBLIC_POOL = ["30201", "30202", "30205", "30206", "30207", "30209", "30211", "30213", "30214", "30215",
                "30216", "30226", "30227", "30228", "30229", "30239", "30299"]


def _econ(rng: random.Random, f: Filing, q: Decimal = CENT) -> dict:
    """Table 6 figures adding up exactly to the 一般公共预算 基本支出 of table 5."""
    total = f.by_prefix("", "gpb_basic")
    leaf = {l.code: l.gpb_basic for l in f.leaves}
    e = {}
    for code, src in _LINKED.items():
        v = sum((leaf.get(c, ZERO) for c in src), ZERO)
        if v:
            e[code] = v
    if "2210203" in leaf:
        e["30199"] = leaf["2210203"]
    tp = f.three_public
    if tp and tp.final.get("car_running"):
        e["30231"] = tp.final["car_running"]
    if tp and tp.final.get("reception"):
        e["30217"] = tp.final["reception"]
    rest = total - sum(e.values(), ZERO)
    public = _part(rest, rng.uniform(0.08, 0.22), q)
    chosen = sorted(rng.sample(_PUBLIC_POOL, rng.randint(5, 12)))
    if rng.random() < 0.3:
        chosen.append("31002")
    weights = [rng.uniform(0.2, 1.0) for _ in chosen]
    wsum = sum(weights)
    for code, w in zip(chosen, weights):
        e[code] = max(q, _part(public, w / wsum, q))
    for code, lo, hi in (("30102", 0.2, 0.3), ("30103", 0.03, 0.1), ("30107", 0.15, 0.25), ("30112", 0.005, 0.02)):
        e[code] = _part(rest, rng.uniform(lo, hi), q)
    if rng.random() < 0.4:
        e["30305"] = _part(rest, rng.uniform(0.002, 0.01), q)
    e["30101"] = total - sum(e.values(), ZERO)   # 基本工资 takes the remainder
    if e["30101"] <= 0:
        raise ValueError(f"{f.name}: table 6 does not close ({e['30101']})")
    return dict(sorted(e.items()))


def _three_public(rng: random.Random, feat: dict, unit: Decimal, q: Decimal = CENT) -> ThreePublic:
    if not feat["three_public"]:
        return ThreePublic(budget={}, final={})
    m = lambda lo, hi: _round(_money(rng, Decimal(str(lo)), Decimal(str(hi))) * unit, q)
    budget = {"abroad": ZERO, "car_purchase": ZERO, "car_running": m(1, 12), "reception": m(0.3, 5)}
    final = {k: _part(v, rng.uniform(0.6, 1.0), q) for k, v in budget.items()}
    if rng.random() < 0.1:
        budget["car_purchase"] = final["car_purchase"] = m(8, 25)
    return ThreePublic(budget=budget, final=final)
