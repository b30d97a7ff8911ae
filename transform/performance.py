"""绩效自评表 → performance_projects and performance_indicators.

A filing may print one 整体支出 table (部门（单位）整体支出绩效目标自评表) and one 项目支出绩效自评表 per
project. Each is a ruled table under a title line holding 绩效 and 自评表; its columns are found by their
printed headers, never by position, because the layouts differ (the funds block and the indicator block
may come out as one grid or as two tables, and a tall 年度绩效指标完成情况 column may stand on the left).

- Funds: the header row naming 年初预算数 / 全年预算数 (or 预算数（调整后）) / 全年执行数 (or 执行数) /
  执行率 / 得分, and its row 年度资金总额 (project tables) or 合计 (the 整体支出 table).
- Indicators: the header row naming 一级指标 / 二级指标 / 三级指标 / 指标值 / 实际完成值 / 分值·权重 / 得分 /
  偏差原因 (备注 in the 整体支出 table). A cell's wrapped lines are joined; a 一级 or 二级 name merged
  over several rows — or left blank on the page a table continues onto — is carried down.
- A table at the top of the next page with no title and no header continues the open table: its columns
  are matched to the header's by x position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from extract.geometry import between, interval_at
from extract.model import Cell, Document, Line, Table
from transform.amounts import looks_like_amount, parse_amount, to_yuan
from transform.rows import PerformanceIndicator, PerformanceProject
from transform.text import squash

_NUMBER = re.compile(r"[-−]?\d[\d,]*(?:\.\d+)?")
OVERALL = "整体支出"

# Indicator header text → field; the first rule that matches wins (order matters: 指标值设置依据 and
# 指标实际完成值 both contain 指标值).
_INDICATOR_COLUMNS = [
    ("level1", lambda t: "一级" in t),
    ("level2", lambda t: "二级" in t),
    ("level3", lambda t: "三级" in t),
    ("deviation_reason", lambda t: "偏差" in t or t == "备注"),
    ("actual", lambda t: "实际" in t),
    (None, lambda t: any(w in t for w in ("依据", "规则", "佐证", "上年", "完成率", "完成情况"))),
    ("weight", lambda t: "权重" in t or "分值" in t),
    ("score", lambda t: "得分" in t),
    ("target", lambda t: "指标值" in t),
]


def cell_text(cell: Cell | None) -> str:
    """A cell's wrapped lines joined as printed: no separator between lines, spaces inside a line kept."""
    if cell is None:
        return ""
    return "".join(line.strip() for line in cell.lines).strip()


def _number(text: str) -> Decimal | None:
    """'100.00%' → 100.00, '10.00 分' → 10.00, '-' or '' → None."""
    m = _NUMBER.search(squash(text))
    if not m:
        return None
    try:
        return Decimal(m.group().replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def _x_center(table: Table, cell: Cell) -> float:
    return (table.col_edges[cell.col] + table.col_edges[cell.col + cell.col_span]) / 2


def _col_at(table: Table, x: float) -> int | None:
    return interval_at(table.col_edges, x)


def _row_texts(table: Table, r: int) -> list[str]:
    return [squash(cell_text(c)) for c in table.row_cells(r) if c is not None]


@dataclass
class _Open:
    """The table being read (it may continue in a second table, on this page or the next)."""

    project: str
    kind: str
    columns: dict[str, float] = field(default_factory=dict)  # indicator field → x of its header's centre
    funds_found: bool = False
    level1: str | None = None
    level2: str | None = None
    rows: int = 0
    closed: bool = False  # the 总分 row was read: nothing more belongs to this table
    last_page: int = 0


_NAME_LABELS = ("项目名称", "部门（单位）名称", "部门(单位)名称", "单位名称")


def _lines_between(lines: list[Line], top: float, table: Table) -> list[str]:
    """The text lines between `top` (the previous table's bottom, or the page top) and the table."""
    return [squash(ln.text) for ln in between(lines, top, table.bbox[1])]


_TITLE = re.compile(r"绩效.*自评表")


def _is_title(text: str) -> bool:
    """A table title such as 项目支出绩效自评表 — not a sentence that mentions one ("…附绩效自评表及自评报告。")."""
    return bool(_TITLE.search(text)) and len(text) <= 40 and "。" not in text and "及自评报告" not in text


def _has_name_row(table: Table) -> bool:
    """A 项目名称 / 部门（单位）名称 row at the top, and the funds or indicator header further down."""
    if not any(t in _NAME_LABELS for r in range(min(table.n_rows, 3)) for t in _row_texts(table, r)):
        return False
    texts = [t for r in range(table.n_rows) for t in _row_texts(table, r)]
    return any(t.startswith("年初预算") or "一级指标" in t for t in texts)


def performance_tables(doc: Document, doc_id: str, fiscal_year: int | None, unit_name: str | None
                       ) -> tuple[list[PerformanceProject], list[PerformanceIndicator], list[str]]:
    """Every 绩效自评表 of the document: (projects, indicators, problems)."""
    projects: list[PerformanceProject] = []
    indicators: list[PerformanceIndicator] = []
    problems: list[str] = []
    cur: _Open | None = None

    def close(t: _Open | None) -> None:
        if t is not None and not t.funds_found:
            problems.append(f"绩效自评表 {t.project or '(unnamed)'} (page {t.last_page}): no funds row "
                            "(年初预算数/全年预算数/全年执行数) was found")

    for page in doc.pages:
        top = 0.0
        for ti, table in enumerate(page.tables):
            above = _lines_between(page.lines, top, table)
            top = table.bbox[3]
            title = next((t for t in reversed(above) if _is_title(t)), None)
            if title is not None or _has_name_row(table):
                close(cur)
                cur = _Open(project="", kind="overall" if title and "整体" in title else "project",
                            last_page=page.number)
                _read_table(table, cur, title, doc_id, fiscal_year, unit_name, projects, indicators, problems)
                continue
            # a table that continues the open one: no title of its own, right below it on the same page
            # or first on the next page
            follows = cur is not None and not cur.closed and (
                page.number == cur.last_page or (page.number == cur.last_page + 1 and ti == 0))
            other_title = any(t.endswith("表") for t in above)
            if follows and cur is not None and not other_title:
                cur.last_page = page.number
                _read_table(table, cur, None, doc_id, fiscal_year, unit_name, projects, indicators, problems)
            else:
                close(cur)
                cur = None
    close(cur)
    return projects, indicators, problems


def _read_table(table: Table, cur: _Open, title: str | None, doc_id, fiscal_year, unit_name,
                projects, indicators, problems) -> None:
    for r in range(table.n_rows):
        cells = [c for c in table.row_cells(r) if c is not None and c.row == r]
        texts = [squash(cell_text(c)) for c in cells]
        if "项目名称" in texts and not cur.project:
            i = texts.index("项目名称")
            cur.project = next((cell_text(c) for c in cells[i + 1:] if cell_text(c)), "")
            cur.kind = "project"
        elif any(t in _NAME_LABELS[1:] for t in texts) and not cur.project:
            cur.project, cur.kind = OVERALL, "overall"
        elif not cur.funds_found and any(t.startswith("年初预算") for t in texts):
            if not cur.project:
                cur.project = OVERALL if cur.kind == "overall" else (title or "")
            row = _read_funds(table, r, cur, doc_id, fiscal_year, unit_name, problems)
            cur.funds_found = True
            if row is not None:
                projects.append(row)
        elif any("一级指标" in t for t in texts) and any("三级指标" in t for t in texts):
            cur.columns = {}
            for c in table.row_cells(r):
                if c is None:
                    continue
                t = squash(cell_text(c))
                fld = next((f for f, test in _INDICATOR_COLUMNS if test(t)), None)
                if fld and fld not in cur.columns:
                    cur.columns[fld] = _x_center(table, c)
            if not cur.project:
                cur.project = OVERALL if cur.kind == "overall" else (title or "")
        elif cur.columns:
            if texts and texts[0].startswith(("总分", "合计", "总计")):
                cur.closed = True
                return
            _read_indicator(table, r, cur, doc_id, fiscal_year, unit_name, indicators)


def _read_funds(table: Table, header_row: int, cur: _Open, doc_id, fiscal_year, unit_name, problems
                ) -> PerformanceProject | None:
    measures: dict[str, float] = {}
    unit = "万元"
    for c in table.row_cells(header_row):
        if c is None:
            continue
        t = squash(cell_text(c))
        if "（元）" in t or "(元)" in t:
            unit = "元"
        if t.startswith("年初预算"):
            key = "initial"
        elif "全年预算" in t or ("预算数" in t and "调整" in t) or t == "预算数":
            key = "full_year"
        elif "执行数" in t:
            key = "executed"
        elif "执行率" in t:
            key = "rate"
        elif t in ("得分", "评分"):
            key = "score"
        else:
            continue
        measures.setdefault(key, _x_center(table, c))
    for r in range(header_row):   # the block's label names the unit: 项目资金（万元）, 年度预算（万元）
        for c in table.row_cells(r):
            if c is not None and re.search(r"[（(]元[）)]", squash(cell_text(c))):
                unit = "元"
    # the data row: 年度资金总额 (project tables) or 合计 (the 整体支出 table); else the first row with amounts
    data_row = None
    for r in range(header_row + 1, min(table.n_rows, header_row + 12)):
        texts = _row_texts(table, r)
        if any(t.startswith("年度资金总额") or t in ("合计", "总计", "资金总额") for t in texts):
            data_row = r
            break
    if data_row is None:
        for r in range(header_row + 1, min(table.n_rows, header_row + 4)):
            col = _col_at(table, measures.get("initial", -1))
            if col is not None and looks_like_amount(cell_text(table.grid[r][col])):
                data_row = r
                break
    if data_row is None or "initial" not in measures:
        problems.append(f"绩效自评表 {cur.project or '(unnamed)'} on page {table.page}: the funds row "
                        "(年度资金总额 or 合计) was not found")
        return None

    def printed(key: str) -> str:
        x = measures.get(key)
        col = _col_at(table, x) if x is not None else None
        return cell_text(table.grid[data_row][col]) if col is not None else ""

    def amount(key: str) -> Decimal | None:
        s = printed(key)
        if not looks_like_amount(s):
            if s.strip():
                problems.append(f"绩效自评表 {cur.project} on page {table.page}: {key} {s!r} is not an amount")
            return None
        return to_yuan(parse_amount(s), unit)

    return PerformanceProject(
        doc_id=doc_id, fiscal_year=fiscal_year, unit_name=unit_name, project=cur.project, kind=cur.kind,
        budget_initial_yuan=amount("initial"), budget_full_year_yuan=amount("full_year"),
        executed_yuan=amount("executed"), execution_rate_pct=_number(printed("rate")),
        score=_number(printed("score")), page=table.page,
        amounts_printed=" | ".join(printed(k) for k in ("initial", "full_year", "executed")),
    )


def _read_indicator(table: Table, r: int, cur: _Open, doc_id, fiscal_year, unit_name, indicators) -> None:
    def get(fld: str) -> tuple[str, Cell | None]:
        x = cur.columns.get(fld)
        c = _col_at(table, x) if x is not None else None
        cell = table.grid[r][c] if c is not None else None
        return cell_text(cell), cell

    l3, l3_cell = get("level3")
    if l3_cell is None or l3_cell.row != r or not l3:
        return
    # a name printed in this row starts a new run; a merged cell from above, or a blank cell on the
    # page a table continues onto, carries the name down
    t1, c1 = get("level1")
    if c1 is not None and c1.row == r and t1:
        cur.level1, cur.level2 = t1, None
    t2, c2 = get("level2")
    if c2 is not None and c2.row == r and t2:
        cur.level2 = t2
    cur.rows += 1
    indicators.append(PerformanceIndicator(
        doc_id=doc_id, fiscal_year=fiscal_year, unit_name=unit_name, project=cur.project,
        level1=cur.level1, level2=cur.level2, level3=l3, target=get("target")[0] or None,
        actual=get("actual")[0] or None, weight=_number(get("weight")[0]), score=_number(get("score")[0]),
        deviation_reason=get("deviation_reason")[0] or None, page=table.page, row=cur.rows,
    ))
