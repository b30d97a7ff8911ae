"""Budget filings (部门预算 / 单位预算) with their truth, for the tests and the demo (issue 14).

A budget is rendered from a plan: the 项 of a sample unit with 基本支出 and 项目支出, its 三公 budget and
机关运行经费. Layouts seen in the wild: a cover naming the unit after 预算主管部门：/ 预算单位：, a cover
saying only 部门：…, or no cover at all (a file of tables only, each table headed 编制部门：…); ruled
or borderless tables; figures in 元 or 万元 (the 三公 table always in 万元). `pairs()` plans budgets for
units of the final-accounts samples (same unit, year and scope), so that `execution` can be tested
against the rendered truth of both.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reference.catalog import function_name

from . import printed
from .render import Cell, Pager, Row, draw_paragraph, draw_table

WAN = Decimal(10000)
CENT = Decimal("0.01")
COVERS = ("cover", "department_colon", "none")
THREE_PUBLIC_ITEMS = (("合计", "合计"), ("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
                      ("vehicle", "公务用车购置及运行维护费"), ("car_purchase", "公务用车购置费"),
                      ("car_running", "公务用车运行维护费"), ("org_running", "机关运行经费"))


@dataclass
class BudgetPlan:
    name: str
    unit_name: str
    year: int
    scope: str  # department (部门预算) | unit (单位预算)
    leaves: dict[str, tuple[Decimal, Decimal]]  # 7-digit code → (基本支出, 项目支出), yuan
    three_public: dict[str, Decimal]  # abroad, car_purchase, car_running, reception, org_running; yuan
    cover: str = "cover"  # one of COVERS
    rules: str = "grid"  # samples.render.RULES
    currency: str = "元"  # 元 | 万元 (the 三公 table: 万元)
    last_year_budget: Decimal | None = None  # for 比上年预算增加 …, yuan
    part: str = "whole"  # whole | explanation (cover and text, no table) | tables (its tables, no cover)
    truth: dict = field(default_factory=dict)

    @property
    def word(self) -> str:
        return "部门" if self.scope == "department" else "单位"

    def total(self, prefix: str = "", which: int | None = None) -> Decimal:
        return sum((v[which] if which is not None else v[0] + v[1]
                    for c, v in self.leaves.items() if c.startswith(prefix)), Decimal(0))


def _wan(yuan: Decimal) -> str:
    return f"{(yuan / WAN).quantize(CENT, ROUND_HALF_UP):,.2f}"


class _Doc:
    def __init__(self, plan: BudgetPlan):
        self.p = plan
        self.items: list[dict] = []
        self.facts: list[dict] = []

    def figure(self, row_facts: list, statement: str, measure: str, yuan: Decimal, item: str,
               code: str | None = None, side: str | None = None, unit: str | None = None) -> Cell:
        unit = unit or self.p.currency
        amount = printed.convert(yuan, "元", unit)
        text = printed.figure(amount, unit, True)
        d = {"statement": statement, "side": side, "code": code, "item": item, "measure": measure,
             "amount_yuan": f"{yuan:.2f}", "amount_printed": text, "currency_unit": unit, "page": None}
        self.items.append(d)
        row_facts.append(d)
        return Cell(text, align="right", fact=d)

    def heading(self, pg: Pager, title: str, unit: str | None = None) -> None:
        pg.new_page(False)
        pg.text(f"{self.p.year}年{self.p.word}{title}", 15, "center", gap=1.8)
        holder = "编制部门" if self.p.scope == "department" else "编制单位"
        pg.c.setFont("STSong-Light", 10)
        pg.c.drawString(45, pg.y - 10, f"{holder}：{self.p.unit_name}")
        pg.text(f"单位：{unit or self.p.currency}", 10, "right", gap=1.6)

    # ---- the tables
    def two_sided(self, pg: Pager, statement: str, title: str, header: list, income: list, measures,
                  widths: list, size: float) -> None:
        """A two-sided table (收支预算总表, 财政拨款收支预算总表): income rows left, one row per 类 right
        with `measures(yuan)` → [(measure, yuan)] for its columns, then 收入总计 | 支出总计."""
        p = self.p
        self.heading(pg, title)
        classes = sorted({c[:3] for c in p.leaves})
        blank_right = len(measures(Decimal(0))) + 1
        body = []
        for i in range(max(len(income), len(classes))):
            facts: list = []
            cells = []
            if i < len(income):
                label, v = income[i]
                cells += [Cell(label, align="left"), self.figure(facts, statement, "amount", v, label[2:], side="income")]
            else:
                cells += [Cell(""), Cell("")]
            if i < len(classes):
                name = function_name(classes[i], p.year) or classes[i]
                cells += [Cell(f"{'一二三四五六七八九十'[i]}、{name}", align="left")]
                cells += [self.figure(facts, statement, m, x, name, classes[i], "expenditure")
                          for m, x in measures(p.total(classes[i]))]
            else:
                cells += [Cell("")] * blank_right
            body.append(Row(cells, facts))
        facts = []
        t = p.total()
        body.append(Row([Cell("收入总计"), self.figure(facts, statement, "amount", t, "收入总计", side="income"),
                         Cell("支出总计")] + [self.figure(facts, statement, m, x, "支出总计", side="expenditure")
                                              for m, x in measures(t)], facts))
        draw_table(pg, widths, header, body, size=size, rules=p.rules)

    def summary(self, pg: Pager) -> None:
        header = [Row([Cell("本年收入", colspan=2), Cell("本年支出", colspan=2)]),
                  Row([Cell("项目"), Cell("预算数"), Cell("项目"), Cell("预算数")])]
        income = [("一、财政拨款收入", self.p.total()), ("二、事业收入", Decimal(0)), ("三、其他收入", Decimal(0))]
        self.two_sided(pg, "income_expenditure_summary", "财务收支预算总表", header, income,
                       lambda v: [("amount", v)], [150, 100, 150, 100], 9)

    def coded(self, pg: Pager, statement: str, title: str, group: str, columns) -> None:
        """收入预算总表 / 支出预算总表: 科目编码 | 科目名称 | the measure columns; 类, 款 and 项 rows, 合计."""
        p = self.p
        self.heading(pg, title)
        header = [Row([Cell("项目", colspan=2), Cell(group, colspan=len(columns))]),
                  Row([Cell("科目编码"), Cell("科目名称")] + [Cell(label) for label, _m, _f in columns])]
        codes = sorted({c[:n] for c in p.leaves for n in (3, 5, 7)})
        body = []
        for code in codes:
            name = function_name(code, p.year)
            assert name, f"no catalog name for {code} in {p.year}: use a code of reference/data"
            facts: list = []
            cells = [Cell(code), Cell(name, align="left")]
            cells += [self.figure(facts, statement, m, f(code), name, code) for _label, m, f in columns]
            body.append(Row(cells, facts))
        facts = []
        body.append(Row([Cell("合计", colspan=2)] + [self.figure(facts, statement, m, f(""), "合计")
                                                          for _label, m, f in columns], facts))
        draw_table(pg, [70, 150] + [80] * len(columns), header, body, size=9, rules=p.rules)

    def fiscal_summary(self, pg: Pager) -> None:
        """财政拨款收支预算总表: all of it general-public budget here."""
        header = [Row([Cell("财政拨款收入", colspan=2), Cell("财政拨款支出", colspan=5)]),
                  Row([Cell("项目"), Cell("预算数"), Cell("项目"), Cell("合计"), Cell("一般公共预算"),
                       Cell("政府性基金预算"), Cell("国有资本经营预算")])]
        income = [("一、一般公共预算", self.p.total()), ("二、政府性基金预算", Decimal(0)),
                  ("三、国有资本经营预算", Decimal(0))]
        self.two_sided(pg, "fiscal_summary", "财政拨款收支预算总表", header, income,
                       lambda v: [("total", v), ("general_public_budget", v), ("government_fund", Decimal(0)),
                                  ("soe_capital", Decimal(0))], [110, 75, 120, 65, 65, 65, 65], 8.5)

    def empty_fund(self, pg: Pager, title: str, group: str) -> None:
        """政府性基金 / 国有资本经营预算支出预算表: a unit without such money prints the table empty."""
        self.heading(pg, title)
        header = [Row([Cell("项目", colspan=2), Cell(group, colspan=3)]),
                  Row([Cell("科目编码"), Cell("科目名称"), Cell("合计"), Cell("基本支出"), Cell("项目支出")])]
        draw_table(pg, [70, 150, 80, 80, 80], header, [Row([Cell("合计", colspan=2), Cell(""), Cell(""), Cell("")])],
                   size=9, rules=self.p.rules)
        pg.text(f"注：本{self.p.word}{self.p.year}年无{group}安排的预算，故本表为空表。", 9, gap=1.5)

    def basic_economic(self, pg: Pager) -> None:
        """一般公共预算基本支出经济分类预算表: 301 工资福利 (人员经费) and 302 商品和服务 (公用经费)."""
        p = self.p
        basic = p.total("", 0)
        wages = (basic * Decimal("0.9")).quantize(Decimal("1E2") if p.currency == "万元" else CENT, ROUND_HALF_UP)
        goods = basic - wages
        rows = [("301", "工资福利支出", wages, Decimal(0)), ("30101", "基本工资", wages, Decimal(0)),
                ("302", "商品和服务支出", Decimal(0), goods), ("30201", "办公费", Decimal(0), goods)]
        self.heading(pg, "一般公共预算基本支出部门预算经济分类预算表")
        header = [Row([Cell("项目", colspan=2), Cell("一般公共预算基本支出", colspan=3)]),
                  Row([Cell("经济分类科目编码"), Cell("部门经济分类科目名称"), Cell("合计"), Cell("人员经费"),
                       Cell("公用经费")])]
        body = []
        for code, name, personnel, public in rows + [(None, "合计", wages, goods)]:
            facts: list = []
            cells = [Cell(code or "合计", colspan=1 if code else 2)] + ([Cell(name, align="left")] if code else [])
            cells += [self.figure(facts, "gpb_basic_expenditure", m, v, name, code)
                      for m, v in (("amount", personnel + public), ("personnel", personnel), ("public", public))]
            body.append(Row(cells, facts))
        draw_table(pg, [90, 150, 80, 80, 80], header, body, size=9, rules=p.rules)

    def three_public(self, pg: Pager) -> None:
        p, t = self.p, dict(self.p.three_public)
        t["vehicle"] = t["car_purchase"] + t["car_running"]
        t["合计"] = t["abroad"] + t["reception"] + t["vehicle"]
        self.heading(pg, "“三公”经费和机关运行经费预算表", "万元")
        header = [Row([Cell("“三公”经费预算数", colspan=6), Cell("机关运行经费预算数", rowspan=3)]),
                  Row([Cell("合计", rowspan=2), Cell("因公出国（境）费", rowspan=2), Cell("公务接待费", rowspan=2),
                       Cell("公务用车购置及运行费", colspan=3), None]),
                  Row([None, None, None, Cell("小计"), Cell("购置费"), Cell("运行费"), None])]
        facts: list = []
        cells = [self.figure(facts, "three_public", "budget", t[k], item, unit="万元") for k, item in THREE_PUBLIC_ITEMS]
        draw_table(pg, [70] * 7, header, [Row(cells, facts)], size=9, rules=p.rules)

    # ---- cover and explanation
    def cover(self, pg: Pager) -> None:
        p = self.p
        pg.y = pg.size[1] * 0.62
        if p.cover == "cover":
            pg.text(f"{p.year}年{p.word}预算", 26, "center", gap=1.6)
            pg.text(f"{'预算主管部门' if p.scope == 'department' else '预算单位'}：{p.unit_name}", 16, "center", gap=1.6)
        else:
            pg.text(f"{p.year}年{p.word}预算", 26, "center", gap=1.6)
            pg.text(f"部门：{p.unit_name}", 16, "center", gap=1.6)

    def explanation(self, pg: Pager) -> None:
        p = self.p
        pg.new_page(False)
        pg.text(f"{p.year}年{p.word}预算编制说明", 15, "center", gap=2.0)
        total = p.total()
        change = ""
        if p.last_year_budget is not None:
            diff = total - p.last_year_budget
            word = "增加" if diff > 0 else "减少"
            change = f"，比{p.year - 1}年预算{word}{_wan(abs(diff))}万元"
            self.fact("fiscal_income_budget_change", _wan_value(diff))
        text = (f"{p.year}年，{p.unit_name}收入预算{_wan(total)}万元，其中：财政拨款收入{_wan(total)}万元{change}；"
                f"事业收入0万元；其他收入0万元。支出预算{_wan(total)}万元。")
        self.fact("income_budget", _wan_value(total))
        self.fact("fiscal_income_budget", _wan_value(total))
        self.fact("expenditure_budget", _wan_value(total))
        draw_paragraph(pg, text, 11, [])
        for i, code in enumerate(sorted(p.leaves), 1):
            names = [function_name(code[:n], p.year) or code[:n] for n in (3, 5, 7)]
            v = p.total(code)
            line = (f"{i}、{names[0]}（{code[:3]}类）{names[1]}（{code[3:5]}款）{names[2]}（{code[5:]}项）"
                    f"{_wan(v)}万元，主要用于保障机构正常运转。")
            self.fact("item_budget", _wan_value(v), code)
            draw_paragraph(pg, line, 11, [])
        t = p.three_public
        three = t["abroad"] + t["reception"] + t["car_purchase"] + t["car_running"]
        draw_paragraph(pg, f"{p.year}年“三公”经费预算数为{_wan(three)}万元。机关运行经费预算为{_wan(t['org_running'])}万元。",
                       11, [])
        self.fact("three_public_budget", _wan_value(three))
        self.fact("org_running_cost_budget", _wan_value(t["org_running"]))

    def fact(self, key: str, value: Decimal, code: str | None = None) -> None:
        self.facts.append({"fact": key, "code": code, "value": f"{value:.2f}", "unit": "yuan"})


def _wan_value(yuan: Decimal) -> Decimal:
    """The yuan a 万元 figure printed to 0.01 states."""
    return (yuan / WAN).quantize(CENT, ROUND_HALF_UP) * WAN


def render(plan: BudgetPlan) -> tuple[bytes, dict]:
    buf = io.BytesIO()
    pg = Pager(buf)
    doc = _Doc(plan)
    pg.new_page()
    if plan.cover != "none":
        doc.cover(pg)
        doc.explanation(pg)
    p = plan
    first = True
    if plan.part == "explanation":
        pg.finish()
        return buf.getvalue(), _truth(plan, doc)
    for draw in (doc.summary,
                 lambda pg: doc.coded(pg, "income", "收入预算总表", "收入预算",
                                      [("合计", "total", p.total), ("财政拨款收入", "fiscal_appropriation", p.total)]),
                 lambda pg: doc.coded(pg, "expenditure", "支出预算总表", "支出预算",
                                      [("合计", "total", p.total), ("基本支出", "basic", lambda c: p.total(c, 0)),
                                       ("项目支出", "project", lambda c: p.total(c, 1))]),
                 doc.fiscal_summary,
                 lambda pg: doc.coded(pg, "gpb_expenditure", "一般公共预算支出功能分类预算表", "一般公共预算支出",
                                      [("合计", "total", p.total), ("基本支出", "basic", lambda c: p.total(c, 0)),
                                       ("项目支出", "project", lambda c: p.total(c, 1))]),
                 lambda pg: doc.empty_fund(pg, "政府性基金预算支出功能分类预算表", "政府性基金预算支出"),
                 lambda pg: doc.empty_fund(pg, "国有资本经营预算支出功能分类预算表", "国有资本经营预算支出"),
                 doc.basic_economic,
                 doc.three_public):
        if first and plan.cover == "none":
            pg.page, pg.fresh = 0, True  # the first table opens the file
            pg.c.setPageSize(pg.size)
        draw(pg)
        first = False
    pg.finish()
    return buf.getvalue(), _truth(plan, doc)


def _truth(plan: BudgetPlan, doc: _Doc) -> dict:
    return {"unit_name": plan.unit_name, "fiscal_year": plan.year, "scope": plan.scope, "phase": "budget",
            "identity_source": "cover" if plan.cover != "none" else "table_header", "filing_part": plan.part,
            "line_items": doc.items, "narrative_facts": doc.facts}


def _scaled(leaves, basic: str, project: str, step: Decimal) -> dict[str, tuple[Decimal, Decimal]]:
    b, pr = Decimal(basic), Decimal(project)
    def scale(v: Decimal, k: Decimal) -> Decimal:  # to a whole number of `step` (1E2: hundreds of yuan)
        return ((v * k) / step).quantize(Decimal(1), ROUND_HALF_UP) * step

    return {code: (scale(x, b), scale(y, pr)) for code, (x, y) in leaves.items()}


def _final_leaves(filing) -> dict[str, tuple[Decimal, Decimal]]:
    """A final-accounts sample's 项 in yuan: (基本支出, 项目支出)."""
    return {leaf.code: (printed.to_yuan(leaf.basic, filing.currency), printed.to_yuan(leaf.project, filing.currency))
            for leaf in filing.leaves}


def plans() -> list[BudgetPlan]:
    """The sample budgets: two paired with final-accounts samples, a file of tables only, and one
    budget published as two files (explanation, tables).

    Every budget is of a fictional unit whose name says so (示例): its figures are invented, and a real
    office's name must never carry figures its own filings do not print (issue 26). The 焉耆 final
    accounts reproduce a real filing; its budget is not invented here (the filing prints 年初预算数
    317.31 万元, which no plan below could honestly stand for), so the 万元 pair is 浏阳's."""
    from .filings import liuyang, pidu

    lf, p = liuyang.build(), pidu.build()
    ll = _scaled(_final_leaves(lf), "0.95", "0.80", Decimal("1E2"))  # 万元 figures: whole hundreds of yuan
    ll["2080199"] = (Decimal(0), Decimal("52300"))  # planned, never spent: not in the final accounts
    pl = _scaled(_final_leaves(p), "0.97", "1.10", CENT)
    dongcheng = {"2010301": (Decimal("3561200.00"), Decimal(0)), "2010350": (Decimal(0), Decimal("1250000.00")),
                 "2080505": (Decimal("412300.50"), Decimal(0)), "2210201": (Decimal("286400.00"), Decimal(0))}
    putuo = {"2010301": (Decimal("4120000.00"), Decimal(0)), "2010350": (Decimal(0), Decimal("836500.00")),
             "2101101": (Decimal("154300.00"), Decimal(0))}
    three = {"abroad": Decimal(0), "car_purchase": Decimal(0), "car_running": Decimal("11300"),
             "reception": Decimal("5000"), "org_running": Decimal("123000")}
    return [
        BudgetPlan(f"{lf.name}_budget", lf.unit_name, lf.year, "department", ll, three, cover="cover",
                   currency="万元", last_year_budget=Decimal("3173100")),
        BudgetPlan(f"{p.name}_budget", p.unit_name, p.year, "department", pl, dict(three, car_running=Decimal(0)),
                   cover="department_colon", rules="none", currency="元"),
        BudgetPlan("dongcheng_tiyu_2025_budget", "北京市东城区示例体育局", 2025, "unit", dongcheng,
                   dict(three, reception=Decimal("2100")), cover="none", currency="元", part="tables"),
        # one budget published as two files: the explanation (cover and text), and the tables alone
        BudgetPlan("putuo_tiyu_2025_budget_explanation", "上海市普陀区示例体育局", 2025, "department", putuo, three,
                   cover="cover", currency="元", last_year_budget=Decimal("5100000"), part="explanation"),
        BudgetPlan("putuo_tiyu_2025_budget_tables", "上海市普陀区示例体育局", 2025, "department", putuo, three,
                   cover="none", currency="元", part="tables"),
    ]


def write(out) -> list[Path]:
    """Render every sample budget into `out`: NAME.pdf and NAME.truth.json."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for plan in plans():
        pdf, truth = render(plan)
        (out / f"{plan.name}.pdf").write_bytes(pdf)
        (out / f"{plan.name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                     encoding="utf-8")
        written.append(out / f"{plan.name}.pdf")
    return written
