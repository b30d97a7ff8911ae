"""Parts shared by the 2024 samples: profile, the short 第三部分 narrative, glossary.

The narrative is written from the filing's own derived figures, so it agrees with the tables unless a
`tweaks` dict asks for a planted inconsistency (see samples/plant.py):
  share_off: 类 code whose "占 X%" is printed one point too high
  personnel_delta: amount added to the printed 人员经费
  missing_wan: fact name whose amount is printed as "… 元" although the filing means 万元
  prior_year: fact name whose year-on-year sentence compares with the wrong year (two years back)
  template_phrase: fact name whose change rate keeps the template's alternatives ("增长（下降）")
  rate_direction: fact name whose change rate says 增长 where the amount says 减少 (下降 for 增加)
  wrong_direction: 项 code whose sentence says 大于 where the final is below its budget (小于 above it)
  no_reason: 项 code whose final differs from its budget and no reason is given
  unexplained: 项 code the narrative does not explain
  org_running_delta: amount added to the printed 机关运行经费 (above the 公用经费 it is part of)
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .. import printed
from ..codes import FUNCTION, PERSONNEL_CLASSES, PUBLIC_CLASSES
from ..spec import ZERO, Filing, Para as P

ORD = "一二三四五六七八九"


def pct(part: Decimal, whole: Decimal) -> Decimal:
    if whole == 0:
        return Decimal("0.00")
    return (part * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def change_words(now: Decimal, before: Decimal):
    """('增加'|'减少', '增长'|'下降', sign prefix for the marker, |change|, |pct|)."""
    diff = now - before
    up = diff >= 0
    return ("增加" if up else "减少", "增长" if up else "下降", "" if up else "-", abs(diff), abs(pct(diff, before)))


class Narrator:
    def __init__(self, f: Filing, tweaks: dict | None):
        self.f = f
        self.t = tweaks or {}
        self.u = f.currency

    def amt(self, fact: str, v: Decimal, code: str | None = None) -> str:
        """A marked amount followed by its unit word."""
        at = f"@{code}" if code else ""
        if self.t.get("missing_wan") == fact and self.u == "万元" and code is None:
            return f"[[{fact}{at}~yuan|{v:.2f}]] 元"   # planted: the 万 is missing
        return f"[[{fact}{at}|{v:.2f}]] {self.u}"

    def change(self, fact, now, before, reason):
        inc, grow, sign, d, p = change_words(now, before)
        year = self.f.year - (2 if self.t.get("prior_year") == fact else 1)
        if self.t.get("template_phrase") == fact:  # planted: the template's "增长（下降）" left as it was
            grow += "（下降）" if grow == "增长" else "（增长）"
        if self.t.get("rate_direction") == fact:  # planted: the rate's word contradicts the amount's
            grow = "下降" if grow == "增长" else "增长"
        return (f"与 {year} 年度相比，{inc} [[{sign}{fact}_change|{d:.2f}]] {self.u}，{grow} "
                f"[[{sign}{fact}_change_pct|{p:.2f}]]%。主要原因：{reason}")


def narrative(f: Filing, prior: dict, reasons: dict, uses: dict, tweaks: dict | None = None) -> list:
    n = Narrator(f, tweaks)
    u = f.currency
    inc_total = f.income_total()
    total = inc_total + f.nonfiscal_surplus_used + f.opening_balance
    exp = f.expenditure_total()
    basic, project = f.by_prefix("", "basic"), f.by_prefix("", "project")
    fiscal_total = f.fiscal_income() + f.opening_fiscal
    gpb = f.by_prefix("", "gpb_total")
    gpb_basic = f.by_prefix("", "gpb_basic")
    out = [P(f"第三部分 {f.unit_name} {f.year} 年度部门决算情况说明", "part", new_page=True),
           P("一、收入支出决算总体情况说明", "h1"),
           P(f"{f.unit_name} {f.year} 年度收入、支出总计 {n.amt('total_income_expenditure', total)}。"
             + n.change("total_income_expenditure", total, prior["total"], reasons["total"])),
           P("二、收入决算情况说明", "h1")]
    parts = [("财政拨款收入", "fiscal_appropriation"), ("上级补助收入", "superior_subsidy"), ("事业收入", "business"),
             ("经营收入", "operating"), ("附属单位上缴收入", "affiliated_remittance"), ("其他收入", "other")]
    shares = "；".join(f"{label} {v:.2f} {u}，占 {pct(v, inc_total):.2f}%"
                      for label, m in parts if (v := f.income_by_prefix("", m)) != 0)
    out.append(P(f"本年收入合计 {n.amt('income_total', inc_total)}，其中：{shares}。"))
    out += [P("三、支出决算情况说明", "h1"),
            P(f"本年支出合计 {n.amt('expenditure_total', exp)}，其中：基本支出 {n.amt('basic_expenditure', basic)}，"
              f"占 {pct(basic, exp):.2f}%；项目支出 {n.amt('project_expenditure', project)}，占 {pct(project, exp):.2f}%。"),
            P("四、财政拨款收入支出决算总体情况说明", "h1"),
            P(f"{f.unit_name} {f.year} 年度财政拨款收入支出总计 {n.amt('fiscal_total', fiscal_total)}。"
              + n.change("fiscal_total", fiscal_total, prior["fiscal"], reasons["total"])),
            P("五、一般公共预算财政拨款支出决算情况说明", "h1"),
            P("（一）一般公共预算财政拨款支出决算总体情况", "h1"),
            P(f"一般公共预算财政拨款支出 {n.amt('gpb_expenditure', gpb)}，占本年支出合计的 {pct(gpb, exp):.2f}%。"
              + n.change("gpb_expenditure", gpb, prior["gpb"], reasons["gpb"])),
            P("（二）一般公共预算财政拨款支出决算结构情况", "h1")]
    structure = []
    for cls in f.classes():
        v = f.by_prefix(cls, "gpb_total")
        if v == 0:
            continue
        share = pct(v, gpb) + (1 if n.t.get("share_off") == cls else 0)
        structure.append(f"{FUNCTION[cls]}（类）[[item_final@{cls}|{v:.2f}]] {u}，占 [[class_share_pct@{cls}|{share:.2f}]]%")
    out.append(P(f"一般公共预算财政拨款支出 {gpb:.2f} {u}，主要用于以下方面：" + "；".join(structure) + "。"))
    out.append(P("（三）一般公共预算财政拨款支出决算具体情况", "h1"))
    k = 0
    for leaf in sorted(f.leaves, key=lambda l: l.code):
        if leaf.gpb_total == 0:
            continue
        # every 项 is explained, as the template asks ("按上述格式依次说明到各项级科目"); one without a
        # budget of its own was budgeted at what it spent
        c = leaf.code
        if n.t.get("unexplained") == c:
            continue  # planted: this 项 is left out of the text
        k += 1
        path = f"{FUNCTION[c[:3]]}（类）{FUNCTION[c[:5]]}（款）{FUNCTION[c]}（项）"
        v = leaf.gpb_total
        b = leaf.budget_full_year if leaf.budget_full_year is not None else v
        if v == b:
            tail = "决算数与全年预算数持平。"
        else:
            less = (v < b) != (n.t.get("wrong_direction") == c)  # planted: the other direction
            why = "。" if n.t.get("no_reason") == c else f"的主要原因：{reasons.get(c, '按实际支出。')}"
            tail = f"完成全年预算数的 {pct(v, b):.2f}%。决算数{'小' if less else '大'}于全年预算数{why}"
        out.append(P(f"{k}、{path}。主要用于：{uses.get(c, '保障单位正常运转')}。全年预算为 "
                     f"[[item_budget_full_year@{c}|{b:.2f}]] {u}，支出决算为 [[item_final@{c}|{v:.2f}]] {u}，" + tail))
    personnel = f.econ_sum(PERSONNEL_CLASSES) + n.t.get("personnel_delta", ZERO)
    public = f.econ_sum(PUBLIC_CLASSES)
    out += [P("六、一般公共预算财政拨款基本支出决算情况说明", "h1"),
            P(f"一般公共预算财政拨款基本支出 {n.amt('gpb_basic_expenditure', gpb_basic)}，其中：人员经费 "
              f"{n.amt('personnel_funds', personnel)}，主要包括：基本工资、津贴补贴、奖金、绩效工资、机关事业单位基本养老保险缴费、"
              f"职业年金缴费、职工基本医疗保险缴费、住房公积金、退休费；公用经费 {n.amt('public_funds', public)}，主要包括：办公费、"
              f"水费、电费、邮电费、差旅费、维修（护）费、公务接待费、公务用车运行维护费、其他交通费用。"),
            # 机关运行经费: the 日常公用经费 of the 一般公共预算 基本支出, here all of the 公用经费
            P(f"机关运行经费支出 {n.amt('org_running_cost', public + n.t.get('org_running_delta', ZERO))}。"),
            P("七、财政拨款“三公”经费支出决算情况说明", "h1")]
    tp = f.three_public
    if tp and any(tp.final.values()):
        fb, ff = sum(tp.budget.values(), ZERO), sum(tp.final.values(), ZERO)
        g = lambda d, key: d.get(key, ZERO)
        out.append(P(
            f"{f.year} 年度“三公”经费财政拨款支出预算为 {n.amt('three_public_budget', fb)}，支出决算为 "
            f"{n.amt('three_public_final', ff)}，完成预算的 {pct(ff, fb):.2f}%。其中：因公出国（境）费支出决算为 "
            f"{g(tp.final, 'abroad'):.2f} {u}；公务用车购置费支出决算为 {g(tp.final, 'car_purchase'):.2f} {u}；公务用车运行维护费"
            f"支出决算为 {g(tp.final, 'car_running'):.2f} {u}，完成预算的 {pct(g(tp.final, 'car_running'), g(tp.budget, 'car_running')):.2f}%；"
            f"公务接待费支出决算为 {g(tp.final, 'reception'):.2f} {u}，完成预算的 "
            f"{pct(g(tp.final, 'reception'), g(tp.budget, 'reception')):.2f}%。决算数小于预算数的主要原因是厉行节约，压减一般性支出。"))
    else:
        out.append(P(f"{f.unit_name} {f.year} 年度“三公”经费财政拨款支出决算为 [[three_public_final|0.00]] {u}，"
                     "本年度没有财政拨款“三公”经费支出。"))
    out += [P("八、政府性基金预算财政拨款收入支出决算情况说明", "h1"),
            P(f"{f.unit_name} {f.year} 年度没有政府性基金预算财政拨款收入和支出。"),
            P("九、国有资本经营预算财政拨款收入支出决算情况说明", "h1"),
            P(f"{f.unit_name} {f.year} 年度没有国有资本经营预算财政拨款收入和支出。")]
    return out


def cover_toc(f: Filing, unit_lines: list[str]):
    from ..spec import Cover, Toc
    toc = [f"第一部分 {f.unit_name}概况", "一、主要职能", "二、部门决算单位构成",
           f"第二部分 {f.unit_name} {f.year} 年度部门决算表"]
    toc += [f"{ORD[i]}、{printed.title(f.layout.titles, key)}" for i, key in enumerate(printed.ORDER)]
    toc += [f"第三部分 {f.unit_name} {f.year} 年度部门决算情况说明", "第四部分 名词解释"]
    return [Cover(unit_lines + [f"{f.year} 年度", "部门决算"]), Toc(toc)]


GLOSSARY = [
    "一、财政拨款收入：指本级财政当年拨付的资金。",
    "二、事业收入：指事业单位开展专业业务活动及其辅助活动所取得的收入。",
    "三、其他收入：指除上述“财政拨款收入”“事业收入”“经营收入”等以外的收入。",
    "四、年初结转和结余：指以前年度尚未完成、结转到本年度按有关规定继续使用的资金。",
    "五、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "六、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "七、“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
]


def glossary():
    return [P("第四部分 名词解释", "part", new_page=True)] + [P(g) for g in GLOSSARY]
