"""The text of a generated corpus filing: its 情况说明 narrative (written from its own figures), the unit
profile, the 绩效自评表 performance tables, and the order of the parts (samples/corpus.py builds on it)."""
from __future__ import annotations

import random
from decimal import Decimal

from . import codes, printed
from .corpus_figures import CENT
from .corpus_who import Dept
from .filings import common
from .spec import Blank, Cover, Filing, NineTables, Para as P, Perf, Toc


# ------------------------------------------------------------------------------------------- the text

REASONS = ["本年度人员变动，相关支出按实际列支。", "本年度落实厉行节约要求，压减一般性支出。",
           "本年度新增专项工作任务，项目支出增加。", "部分项目延至下年度实施。", "本年度工资标准调整，人员经费增加。"]


def _narrative(rng: random.Random, f: Filing) -> list:
    def prior(v):
        return (v * Decimal(str(rng.uniform(0.8, 1.2)))).quantize(CENT)
    total = f.income_total() + f.nonfiscal_surplus_used + f.opening_balance
    reasons = {"total": rng.choice(REASONS), "gpb": rng.choice(REASONS)}
    for l in f.leaves:
        if rng.random() < 0.5:
            reasons[l.code] = rng.choice(REASONS)
    uses = {l.code: f"{codes.FUNCTION[l.code]}等方面的支出" for l in f.leaves if l.project}
    return common.narrative(f, {"total": prior(total), "fiscal": prior(f.fiscal_income() + f.opening_fiscal),
                                "gpb": prior(f.by_prefix("", "gpb_total"))}, reasons, uses)


def _profile(f: Filing, dept: Dept, part: str) -> list:
    return [P(f"{part} {f.unit_name}概况", "part", new_page=True), P("一、主要职能", "h1"),
            P(f"{f.unit_name}主要职能是：{dept.duty}。"), P("二、部门决算单位构成", "h1"),
            P(f"纳入{f.unit_name} {f.year} 年度部门决算编制范围的单位为{f.unit_name}本级，无下属预算单位。")]


_INDICATORS = [  # (一级, 二级, 三级, 指标值, 权重, 实际完成值)
    ("产出指标", "数量指标", "完成工作任务数", ">={n} 项", "10", "={n} 项"),
    ("产出指标", "数量指标", "服务对象覆盖人数", ">={m} 人", "10", "={m} 人"),
    ("产出指标", "数量指标", "开展宣传培训次数", ">={k} 次", "5", "={k} 次"),
    ("产出指标", "质量指标", "任务完成合格率", ">=95%", "10", "=100%"),
    ("产出指标", "质量指标", "资金使用合规率", "=100%", "5", "=100%"),
    ("产出指标", "时效指标", "资金支付及时率", ">=90%", "10", "=100%"),
    ("产出指标", "时效指标", "任务按期完成率", ">=95%", "5", "=100%"),
    ("成本指标", "经济成本指标", "预算控制率", "<=100%", "15", "=100%"),
    ("效益指标", "社会效益指标", "服务对象受益情况", "有效提升", "10", "有效提升"),
    ("效益指标", "可持续影响指标", "长效管理机制建立情况", "逐步完善", "10", "逐步完善"),
    ("满意度指标", "满意度指标", "服务对象满意度", ">=90%", "10", "=95%"),
]


def _perf(rng: random.Random, f: Filing, n: int) -> list:
    """绩效自评表 for up to n projects, with the 整体支出 table first when n >= 3 (figures in 万元, as
    the forms print them)."""
    from .perf import Funds, Indicator, OverallTable, ProjectTable
    wan = lambda v: (v * printed.UNIT_FACTORS[f.currency] / 10000).quantize(CENT)
    out = []
    if n >= 3:
        total = wan(f.by_prefix("", "gpb_total"))
        basic, project = wan(f.by_prefix("", "gpb_basic")), wan(f.by_prefix("", "gpb_project"))
        inds = [("履职效能", "数量指标", "重点工作完成数", f">={rng.randint(4, 12)} 项", "", "30", "达成目标", "30", ""),
                ("履职效能", "质量指标", "重点工作完成质量", "优良", "", "30", "优良", "30", ""),
                ("管理效率", "预算执行", "预算执行率", ">=95%", "", "20", "=100%", "20", ""),
                ("社会效应", "满意度", "服务对象满意度", ">=90%", "", "20", "=96%", "20", "")]
        out.append(OverallTable(
            unit=f.unit_name, year=f.year,
            sources=[("基本支出", f"{basic:.2f}", f"{basic:.2f}", f"{basic:.2f}", "100%"),
                     ("项目支出", f"{project:.2f}", f"{project:.2f}", f"{project:.2f}", "100%")],
            total=(f"{total:.2f}", f"{total:.2f}", f"{total:.2f}", "100.00%"),
            expected=f"保障{f.unit_name}正常运转，完成年度重点工作任务。",
            actual=f"{f.unit_name}按年度计划完成各项工作任务，预算执行规范。", indicators=inds))
    leaves = [l for l in f.leaves if l.gpb_project > 0]
    # n projects over the project 项 (several projects share a 项 when there are fewer 项 than projects)
    per = {l.code: 0 for l in leaves}
    for j in range(n if leaves else 0):
        per[leaves[j % len(leaves)].code] += 1
    projects = []
    for leaf in leaves:
        k = per[leaf.code]
        done_all = wan(leaf.gpb_project)
        for j in range(k):
            share = (done_all / k).quantize(CENT) if j < k - 1 else done_all - (done_all / k).quantize(CENT) * (k - 1)
            suffix = ["项目", "专项资金", "工作经费", "补助资金", "能力建设经费", "运行维护经费"][j % 6]
            projects.append((leaf, f"{f.year} 年度{codes.FUNCTION[leaf.code]}{suffix}", share))
    for leaf, name, done in projects:
        full = done if leaf.budget_full_year is None else max(done, (done * leaf.budget_full_year
                                                                      / leaf.gpb_total).quantize(CENT))
        picked = sorted(rng.sample(range(len(_INDICATORS)), rng.randint(5, len(_INDICATORS))))
        subs = {"n": rng.randint(3, 20), "m": rng.randint(50, 3000), "k": rng.randint(2, 12)}
        inds = []
        for j in picked:
            l1, l2, l3, target, weight, actual = _INDICATORS[j]
            inds.append(Indicator(l1, l2, l3, target.format(**subs), "计划标准", "", weight, "按照正常比例赋分",
                                  "工作资料", actual.format(**subs), "100", f"{weight}.00"))
        score = sum(int(x.weight) for x in inds)
        out.append(ProjectTable(name, f.unit_name, f.year, Funds(f"{full:.2f}", f"{full:.2f}", f"{done:.2f}"),
                                f"按计划完成{codes.FUNCTION[leaf.code]}相关工作，保障资金使用规范、有效。",
                                f"已按计划完成{codes.FUNCTION[leaf.code]}相关工作，资金执行到位。", inds,
                                f"{score + 10}.00 分"))
    return out


def _parts(rng: random.Random, f: Filing, dept: Dept, feat: dict, cover_lines: list[str]) -> list:
    structure = feat["structure"]
    perf = _perf(rng, f, feat["perf"]) if feat["perf"] else []
    blank = [Blank()] if feat["blank"] == "between_parts" else []
    if structure == "tables_middle":
        parts = common.cover_toc(f, cover_lines) + _profile(f, dept, "第一部分") + blank + [NineTables()]
        parts += _narrative(rng, f)
        if perf:
            parts += [P("十、预算绩效情况说明", "h1"),
                      P(f"{f.unit_name}对 {len(perf)} 个项目开展了绩效自评，自评表附后。"), Perf(perf)]
        parts += common.glossary()
        return parts
    if structure == "tables_last":
        toc = [f"第一部分 {f.unit_name}概况", f"第二部分 {f.unit_name} {f.year} 年度部门决算情况说明", "第三部分 名词解释",
               f"第四部分 {f.unit_name} {f.year} 年度部门决算表"]
        parts = [Cover(cover_lines + [f"{f.year} 年度", "部门决算"]), Toc(toc)] + _profile(f, dept, "第一部分")
        narrative = _narrative(rng, f)
        narrative[0] = P(f"第二部分 {f.unit_name} {f.year} 年度部门决算情况说明", "part", new_page=True)
        parts += narrative
        if perf:
            parts += [P("十、预算绩效情况说明", "h1"), P("绩效自评情况见下表。"), Perf(perf)]
        parts += [P("第三部分 名词解释", "part", new_page=True)] + [P(g) for g in common.GLOSSARY] + blank
        if f.layout.unit_heading is False or f.layout.unit_heading is True:
            parts.append(P(f"第四部分 {f.unit_name} {f.year} 年度部门决算表", "part", new_page=True))
        parts.append(NineTables())
        return parts
    # no narrative: cover, profile, tables, glossary (and the performance tables, if any)
    toc = [f"第一部分 {f.unit_name}概况", f"第二部分 {f.unit_name} {f.year} 年度部门决算表", "第三部分 名词解释"]
    parts = [Cover(cover_lines + [f"{f.year} 年度", "部门决算"]), Toc(toc)] + _profile(f, dept, "第一部分")
    parts += blank + [NineTables()] + [P("第三部分 名词解释", "part", new_page=True)] + [P(g) for g in common.GLOSSARY]
    if perf:
        parts += [P("第四部分 绩效自评表", "part", new_page=True), Perf(perf)]
    return parts
