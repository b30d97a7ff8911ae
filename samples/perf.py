"""绩效自评表: the 整体支出 table and 项目支出 tables, drawn as ruled tables with narrow columns.

Cells wrap into short lines as in the seed filing (two characters a line in most indicator columns);
一级/二级指标 cells span the rows of their indicators. A project's indicator table runs onto the next
page the way the seed's do: no header there, and a 一级/二级 cell cut by the page break printed blank.
Each table records its truth rows (performance_projects / performance_indicators).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .render import MARGIN_BOTTOM, SPAN, Cell, Pager, Row, _layout, draw_table

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
        self.indicators_truth = []
        units = []
        for x in self.indicators:
            truth = {"project": self.name, "level1": x.l1, "level2": x.l2, "level3": x.l3, "target": x.target,
                     "actual": x.actual, "weight": x.weight, "score": x.score,
                     "deviation_reason": x.reason or None, "page": None}
            self.indicators_truth.append(truth)
            units.append((x.l1, x.l2, [x.l3, x.target, x.basis, x.prior, x.weight, x.rule, x.evidence, x.actual,
                                       x.rate, x.score, x.reason], truth))
        labels = ["一级指标", "二级指标", "三级指标", "指标值", "指标值设置依据", "上年完成值", "指标分值权重", "指标赋分规则",
                  "佐证资料", "指标实际完成值", "完成率", "指标得分", "偏差原因分析及改进措施"]
        draw_indicators(pg, IND_WIDTHS, labels, units, self.total, IND_SIZE)


# The seed's indicator columns: a tall 年度绩效指标完成情况 column, then thirteen columns so narrow that
# most cells break every two characters ("工资|发放|人数", "所有|参与|满意|度调|查人|员都|满意").
IND_SIZE = 10.5
IND_WIDTHS = [30, 30, 30, 30, 38, 30, 35, 39, 30, 30, 37, 30, 30, 30]


def draw_indicators(pg: Pager, widths, labels, units, total, size):
    """Draw the indicator table page by page, as the seed does: a page break may fall inside a run of
    rows sharing a 一级/二级 cell (the name is printed on the first page, the cell is left blank on the
    next), and the rows on the next page come without the header.

    units: (level1, level2, other cells, truth dict) per indicator row.
    """
    n_tail = len(widths) - 1
    tail = Row([Cell("总分", colspan=n_tail), Cell(total)])
    header = Row([Cell("年度绩效指标完成情况")] + [Cell(t) for t in labels])
    # heights measured with every cell in its own row (never lower than the merged layout's)
    _xs, _p, hh, _g, _e, _l = _layout(widths, [header], size)
    _xs, _p, th, _g, _e, _l = _layout(widths, [tail], size)
    heights = [_layout(widths, [Row([Cell("年度绩效指标")] + [Cell(u[0]), Cell(u[1])] + [Cell(t) for t in u[2]])],
                       size)[2][0] for u in units]
    i, first = 0, True
    while i < len(units):
        room = pg.y - MARGIN_BOTTOM - 1.0
        used = hh[0] if first else 0.0
        j = i
        while j < len(units) and used + heights[j] + (th[0] if j == len(units) - 1 else 0.0) <= room:
            used += heights[j]
            j += 1
        if j == i:
            if not pg.fresh:
                pg.new_page(pg.is_landscape)
                continue
            j = i + 1   # a row taller than a page: draw it anyway
        rows = []
        for k in range(i, j):
            l1, l2, rest, truth = units[k]
            cells = []
            # the tall left column: spans from the header on the first page, blank on a continuation page
            cells.append(Cell("", rowspan=j - i) if k == i and not first else SPAN)
            cells.append(_merged(units, i, j, k, lambda u: u[0]))
            cells.append(_merged(units, i, j, k, lambda u: (u[0], u[1]), text=lambda u: u[1]))
            rows.append(Row(cells + [Cell(t) for t in rest], facts=[truth]))
        head = []
        if first:
            head = [Row([Cell("年度绩效指标完成情况", rowspan=j - i + 1)] + [Cell(t) for t in labels])]
        if j == len(units):
            rows.append(tail)
        draw_table(pg, widths, head, rows, size=size)
        first, i = False, j
        if i < len(units):
            pg.new_page(pg.is_landscape)


def _merged(units, i, j, k, key, text=None):
    """The 一级 (or 二级) cell of row k on a page holding rows i..j-1: the first row of a run gets a cell
    spanning the run's rows on this page, printed only where the run starts; later rows are covered."""
    text = text or (lambda u: u[0])
    if k > i and key(units[k - 1]) == key(units[k]):
        return SPAN
    n = 1
    while k + n < j and key(units[k + n]) == key(units[k]):
        n += 1
    starts_here = k == 0 or key(units[k - 1]) != key(units[k])
    return Cell(text(units[k]) if starts_here else "", rowspan=n)


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
    merged: list[tuple[int, int]] = field(default_factory=list)   # (first row, n): rows sharing 一级/二级 cells
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
        span = {first: n for first, n in self.merged}
        covered = {first + k for first, n in self.merged for k in range(1, n)}
        for i, x in enumerate(self.indicators):
            truth = {"project": "整体支出", "level1": x[0], "level2": x[1], "level3": x[2], "target": x[3],
                     "actual": x[6], "weight": x[5], "score": x[7], "deviation_reason": x[8] or None, "page": None}
            self.indicators_truth.append(truth)
            if i in covered:
                lead = [SPAN, SPAN]
            else:
                lead = [Cell(x[0], rowspan=span.get(i, 1)), Cell(x[1], rowspan=span.get(i, 1))]
            irows.append(Row(lead + [Cell(t) for t in x[2:]], facts=[truth]))
        draw_table(pg, w9, [], irows, size=9)
