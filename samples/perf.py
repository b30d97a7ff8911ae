"""绩效自评表: the 整体支出 table and 项目支出 tables, drawn as ruled tables with narrow columns.

Cells wrap into short lines as in the seed filing; 一级/二级指标 cells span the rows of their
indicators. Each table records its truth rows (performance_projects / performance_indicators).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .render import SPAN, Cell, Pager, Row, draw_table

PAGE_W = 505.0


@dataclass
class Indicator:
    l1: str
    l2: str
    l3: str
    target: str
    basis: str
    prior: str
    weight: str
    rule: str
    evidence: str
    actual: str
    rate: str
    score: str
    reason: str = ""


@dataclass
class Funds:
    initial: str
    full_year: str
    executed: str
    points: str = "10"
    rate: str = "100.00%"
    score: str = "10.00 分"


@dataclass
class ProjectTable:
    """项目支出绩效自评表 of one project."""
    name: str
    unit: str
    year: int
    funds: Funds
    expected: str
    actual: str
    indicators: list[Indicator]
    total: str
    projects: list = field(default_factory=list)
    indicators_truth: list = field(default_factory=list)

    def draw(self, pg: Pager):
        pg.new_page(False)
        pg.text("项 目 支 出 绩 效 自 评 表", 15, "center", gap=1.6)
        pg.text(f"({self.year} 年度)", 11, "center", gap=1.8)
        f = self.funds
        w8 = [58, 84, 62, 62, 62, 45, 62, 70]
        L = lambda t, **k: Cell(t, align="left", **k)
        proj = {"project": self.name, "page": None, "budget_initial": f.initial, "budget_full_year": f.full_year,
                "executed": f.executed, "execution_rate": f.rate, "score": f.score}
        self.projects = [proj]
        head = [
            Row([Cell("项目名称"), L(self.name, colspan=7)]),
            Row([Cell("主管部门"), L(self.unit, colspan=3), Cell("实施单位"), L(self.unit, colspan=3)]),
            Row([Cell("项目资金（万元）", rowspan=4), Cell("资金来源"), Cell("年初预算数"), Cell("全年预算数"),
                 Cell("全年执行数"), Cell("分值"), Cell("执行率"), Cell("得分")]),
            Row([SPAN, Cell("年度资金总额"), Cell(f.initial), Cell(f.full_year), Cell(f.executed), Cell(f.points),
                 Cell(f.rate), Cell(f.score)], facts=[proj]),
            Row([SPAN, Cell("其中：当年财政拨款"), Cell(f.initial), Cell(f.full_year), Cell(f.executed),
                 Cell("-"), Cell("-"), Cell("-")]),
            Row([SPAN, Cell("其他资金"), Cell("0.00"), Cell("0.00"), Cell("0.00"), Cell("-"), Cell("-"), Cell("-")]),
            Row([Cell("年度总体目标", rowspan=2), Cell("预期目标", colspan=3), Cell("实际完成情况", colspan=4)]),
            Row([SPAN, L(self.expected, colspan=3), L(self.actual, colspan=4)]),
        ]
        draw_table(pg, w8, [], head, size=9)
        # 13 narrow columns: the seed's cells break every two or three characters
        w13 = [36, 36, 40, 38, 36, 36, 38, 40, 36, 40, 38, 38, 53]
        labels = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则",
                  "佐证资料", "指标实际完成值", "完成率", "指标得分", "偏差原因分析及改进措施"]
        rows = [Row([Cell("年度绩效指标完成情况", colspan=13)]), Row([Cell(t) for t in labels])]
        self.indicators_truth = []
        i = 0
        inds = self.indicators
        while i < len(inds):
            n1 = _run(inds, i, lambda x: x.l1)
            j = i
            while j < i + n1:
                n2 = _run(inds[: i + n1], j, lambda x: (x.l1, x.l2))
                for k in range(j, j + n2):
                    x = inds[k]
                    truth = {"project": self.name, "level1": x.l1, "level2": x.l2, "level3": x.l3, "target": x.target,
                             "actual": x.actual, "weight": x.weight, "score": x.score,
                             "deviation_reason": x.reason or None, "page": None}
                    self.indicators_truth.append(truth)
                    c1 = Cell(x.l1, rowspan=n1) if k == i else SPAN
                    c2 = Cell(x.l2, rowspan=n2) if k == j else SPAN
                    rest = [x.l3, x.target, x.basis, x.prior, x.weight, x.rule, x.evidence, x.actual, x.rate, x.score,
                            x.reason]
                    rows.append(Row([c1, c2] + [Cell(t) for t in rest], facts=[truth]))
                j += n2
            i += n1
        rows.append(Row([Cell("总分", colspan=11), Cell(self.total, colspan=2)]))
        draw_table(pg, w13, [], rows, size=9)


def _run(items, start, key):
    """Length of the run of items sharing key(items[start])."""
    n = 1
    while start + n < len(items) and key(items[start + n]) == key(items[start]):
        n += 1
    return n


@dataclass
class OverallTable:
    """部门（单位）整体支出绩效目标自评表."""
    unit: str
    year: int
    sources: list[tuple[str, str, str, str, str]]   # 资金来源, 年初预算数, 预算数（调整后）, 执行数, 执行率
    total: tuple[str, str, str, str]
    expected: str
    actual: str
    indicators: list[tuple]   # l1, l2, l3, target, basis, weight, actual, score, note
    projects: list = field(default_factory=list)
    indicators_truth: list = field(default_factory=list)

    def draw(self, pg: Pager):
        pg.new_page(False)
        pg.text("部门（单位）整体支出绩效目标自评表", 15, "center", gap=1.6)
        pg.text(str(self.year), 11, "center", gap=1.8)
        w = [60, 55, 80, 80, 80, 75, 75]
        ini, full, done, rate = self.total
        proj = {"project": "整体支出", "page": None, "budget_initial": ini, "budget_full_year": full,
                "executed": done, "execution_rate": rate, "score": None}
        self.projects = [proj]
        n = len(self.sources)
        rows = [Row([Cell("部门（单位）名称"), Cell(self.unit, colspan=6, align="left")]),
                Row([Cell("年度预算（万元）", rowspan=n + 2), Cell("资金来源", colspan=2), Cell("年初预算数（万元）"),
                     Cell("预算数（调整后）"), Cell("执行数"), Cell("执行率(%)")])]
        for i, s in enumerate(self.sources):
            label = Cell("财政资金（万元）", rowspan=n) if i == 0 else SPAN
            rows.append(Row([SPAN, label, Cell(s[0], align="left")] + [Cell(v) for v in s[1:]]))
        rows.append(Row([SPAN, Cell("合计", colspan=2)] + [Cell(v) for v in self.total], facts=[proj]))
        rows += [Row([Cell("年度总体目标", rowspan=2), Cell("预期目标", colspan=3), Cell("实际完成目标", colspan=3)]),
                 Row([SPAN, Cell(self.expected, colspan=3, align="left"), Cell(self.actual, colspan=3, align="left")])]
        draw_table(pg, w, [], rows, size=9)
        w9 = [50, 55, 90, 55, 60, 40, 60, 45, 50]
        irows = [Row([Cell(t) for t in ["一级指标", "二级指标", "三级指标", "预期指标值", "指标设定依据", "权重",
                                       "实际完成指标值", "得分", "备注"]])]
        self.indicators_truth = []
        for x in self.indicators:
            truth = {"project": "整体支出", "level1": x[0], "level2": x[1], "level3": x[2], "target": x[3],
                     "actual": x[6], "weight": x[5], "score": x[7], "deviation_reason": x[8] or None, "page": None}
            self.indicators_truth.append(truth)
            irows.append(Row([Cell(t) for t in x], facts=[truth]))
        draw_table(pg, w9, [], irows, size=9)
