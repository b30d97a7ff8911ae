"""绩效自评表: the generated reconstruction of the seed filing parses to the seed's ten tables.

Expectations are typed by hand from the seed's text (tests/expected/performance_yanqi_2023.py), not
taken from the generator; the generator's truth JSON is checked against them too. Text is compared
with whitespace removed: the seed prints ">=11 人", a PDF text layer gives ">=11人".
"""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from extract.reader import read_document
from tests.expected import performance_yanqi_2023 as E
from transform.identity import identify
from transform.performance import performance_tables

NAME = "yanqi_shebao_2023"


def sq(s):
    return None if s is None else re.sub(r"\s+", "", s)


def wan_to_yuan(printed: str) -> Decimal:
    return (Decimal(printed.replace(",", "")) * 10000).quantize(Decimal("0.01"))


def number(printed: str | None) -> Decimal | None:
    if printed is None:
        return None
    return Decimal(re.search(r"\d+(?:\.\d+)?", printed).group())


@pytest.fixture(scope="module")
def truth(samples_dir):
    return json.loads((samples_dir / f"{NAME}.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed(samples_dir):
    doc = read_document(str(samples_dir / f"{NAME}.pdf"))
    ident = identify(doc)
    projects, indicators, problems = performance_tables(doc, "d" * 64, ident.fiscal_year, ident.unit_name)
    return doc, projects, indicators, problems


def test_ten_tables_in_the_seed_order(parsed):
    _doc, projects, indicators, problems = parsed
    assert problems == []
    assert [sq(p.project) for p in projects] == [sq(p[0]) for p in E.PROJECTS]
    assert [p.kind for p in projects] == [p[1] for p in E.PROJECTS]
    assert len(projects) == 10 and len(indicators) == sum(len(v) for v in E.INDICATORS.values()) == 66
    for p in projects + indicators:
        assert (p.doc_id, p.fiscal_year, p.unit_name) == ("d" * 64, E.FISCAL_YEAR, E.UNIT)


@pytest.mark.parametrize("i", range(len(E.PROJECTS)))
def test_funds(parsed, i):
    name, _kind, initial, full, executed, rate, score = E.PROJECTS[i]
    p = parsed[1][i]
    assert sq(p.project) == sq(name)
    assert (p.budget_initial_yuan, p.budget_full_year_yuan, p.executed_yuan) == \
        (wan_to_yuan(initial), wan_to_yuan(full), wan_to_yuan(executed))
    assert p.execution_rate_pct == number(rate) and p.score == number(score)
    assert p.amounts_printed == f"{initial} | {full} | {executed}"
    for v in (p.budget_initial_yuan, p.budget_full_year_yuan, p.executed_yuan, p.execution_rate_pct):
        assert isinstance(v, Decimal)


@pytest.mark.parametrize("name", list(E.INDICATORS))
def test_every_indicator_row(parsed, name):
    rows = [i for i in parsed[2] if sq(i.project) == sq(name)]
    want = E.INDICATORS[name]
    assert len(rows) == len(want)
    assert [r.row for r in rows] == list(range(1, len(want) + 1))
    for got, (l1, l2, l3, target, actual, weight, score, reason) in zip(rows, want):
        assert (sq(got.level1), sq(got.level2), sq(got.level3)) == (l1, l2, sq(l3)), got
        assert (sq(got.target), sq(got.actual)) == (sq(target), sq(actual)), got
        assert (got.weight, got.score) == (Decimal(weight), Decimal(score)), got
        assert sq(got.deviation_reason) == sq(reason), got


def test_pages_and_continued_tables(parsed, truth):
    """Rows land on the pages the generator drew them on; tables running onto the next page (without a
    header, the 一级/二级 cells left blank there) keep their project and carried-down names."""
    _doc, projects, indicators, _ = parsed
    assert [p.page for p in projects] == [p["page"] for p in truth["performance_projects"]]
    assert [i.page for i in indicators] == [i["page"] for i in truth["performance_indicators"]]
    project_page = {p.project: p.page for p in projects}
    continued = [i for i in indicators if i.page > project_page[i.project]]
    assert len({i.project for i in continued}) >= 5
    # 城乡居民社会养老保险金: the page breaks inside the 产出指标 run, before its 时效指标 row
    cx = [i for i in indicators if i.project == "城乡居民社会养老保险金"]
    assert cx[3].page == cx[2].page + 1 and (cx[3].level1, cx[3].level2) == ("产出指标", "时效指标")


def test_generator_truth_is_the_seed(truth):
    """The truth JSON the generator writes carries the same ten tables, strings as the seed prints them."""
    tp = truth["performance_projects"]
    assert [(p["project"], p["budget_initial"], p["budget_full_year"], p["executed"], p["execution_rate"], p["score"])
            for p in tp] == [(p[0],) + p[2:] for p in E.PROJECTS]
    got = [(i["project"], i["level1"], i["level2"], i["level3"], i["target"], i["actual"], i["weight"], i["score"],
            i["deviation_reason"]) for i in truth["performance_indicators"]]
    want = [(name,) + row for name, rows in E.INDICATORS.items() for row in rows]
    assert got == want
    assert all(i["page"] for i in truth["performance_indicators"])


def test_seed_oddities_kept(parsed):
    doc, projects, indicators, _ = parsed
    by = {p.project: p for p in projects}
    # 年初预算数 6505.31 in the 整体支出 table, where the narrative says 317.31
    assert by["整体支出"].budget_initial_yuan == Decimal("65053100.00")
    assert by["整体支出"].budget_full_year_yuan == Decimal("5862200.00") and by["整体支出"].score is None
    # 80 people planned, 73 paid, full marks
    (row,) = [i for i in indicators if i.level3 == "发放补贴人数"]
    assert (sq(row.target), sq(row.actual), row.score, row.weight) == (">=80人", "=73人", Decimal("10.00"), Decimal("10"))
    # "投入20.42 元" where 万元 is meant, in the 州直 table's 实际完成情况
    page = doc.pages[by["州直破产（关闭）企业退休人员生活补助资金"].page - 1]
    cells = ["".join(c.lines) for t in page.tables for c in t.cells]
    assert any("投入20.42元用于补助" in re.sub(r"\s+", "", c) for c in cells)
    # the nine projects add up to the narrative's 全年预算数 7,015.56 万元
    nine = [p for p in projects if p.kind == "project"]
    assert len(nine) == E.NARRATIVE_PROJECT_COUNT
    assert sum(p.budget_full_year_yuan for p in nine) == wan_to_yuan(E.NARRATIVE_PROJECTS_FULL_YEAR)


# ---- layouts the generator does not draw: built directly as document models

def _table(page: int, top: float, rows: list[list], x0: float = 0.0):
    """A Table from rows of cell texts: None = covered by the cell above, "<" = by the cell to the left;
    "/" in a text separates wrapped lines."""
    from extract.model import Cell, Table

    n_rows, n_cols = len(rows), len(rows[0])
    col_edges = [x0 + 40.0 * c for c in range(n_cols + 1)]
    row_edges = [top + 20.0 * r for r in range(n_rows + 1)]
    grid = [[None] * n_cols for _ in range(n_rows)]
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None or text == "<" or grid[r][c] is not None:
                continue
            cs = 1
            while c + cs < n_cols and row[c + cs] == "<":
                cs += 1
            rs = 1
            while r + rs < n_rows and rows[r + rs][c] is None:
                rs += 1
            cell = Cell(bbox=(col_edges[c], row_edges[r], col_edges[c + cs], row_edges[r + rs]),
                        lines=[t for t in text.split("/") if t], row=r, col=c, row_span=rs, col_span=cs)
            cells.append(cell)
            for rr in range(r, r + rs):
                for cc in range(c, c + cs):
                    grid[rr][cc] = cell
    return Table(page=page, bbox=(col_edges[0], top, col_edges[-1], row_edges[-1]), cells=cells, n_rows=n_rows,
                 n_cols=n_cols, col_edges=col_edges, row_edges=row_edges, grid=grid)


def _line(text: str, top: float):
    from extract.model import Line

    return Line(text=text, x0=100, top=top, x1=300, bottom=top + 12, size=14)


def test_split_blocks_and_a_headerless_continuation():
    """Funds and indicators as two tables (different column grids), a second page continuing without a
    header, with its 一级/二级 cells blank; a nine-table after it is not taken for a continuation."""
    from extract.model import Document, Page

    funds = _table(1, 100, [
        ["项目名称", "养老/补助", "<", "<", "<", "<"],
        ["项目资金/（万元）", "年初预算/数", "全年预算数", "全年执行数", "执行率", "得分"],
        [None, "1,200.50", "1,300.00", "1,290.00", "99.23%", "9.92 分"],
    ])
    inds = _table(1, 200, [
        ["一级/指标", "二级/指标", "三级/指标", "年度指/标值", "分值", "实际完/成值", "得分", "偏差原因分析/及改进措施"],
        ["产出/指标", "数量/指标", "发放/人数", ">=10/0 人", "20", "=98/人", "19.6", "人员/减少"],
        [None, None, "发放/次数", "=12 次", "20", "=12 次", "20", ""],
    ], x0=5)
    cont = _table(2, 60, [
        ["", "", "覆盖/率", "=100%", "20", "=100%", "20", ""],
        ["", "质量/指标", "准确/率", "=100%", "40", "=100%", "40", ""],
        ["总分", "<", "<", "<", "<", "<", "99.52", "<"],
    ], x0=5)
    nine = _table(3, 100, [["项目", "决算数"], ["合计", "1.00"]])
    doc = Document(path="x.pdf", metadata={}, pages=[
        Page(1, 595, 842, 100, [_line("项目支出绩效自评表", 60)], [funds, inds]),
        Page(2, 595, 842, 100, [], [cont]),
        Page(3, 595, 842, 100, [_line("收入支出决算总表", 60)], [nine]),
    ])
    projects, indicators, problems = performance_tables(doc, "d", 2024, "u")
    assert problems == []
    (p,) = projects
    assert (p.project, p.kind, p.page) == ("养老补助", "project", 1)
    assert (p.budget_initial_yuan, p.budget_full_year_yuan, p.executed_yuan) == \
        (Decimal("12005000.00"), Decimal("13000000.00"), Decimal("12900000.00"))
    assert (p.execution_rate_pct, p.score, p.amounts_printed) == (Decimal("99.23"), Decimal("9.92"),
                                                                   "1,200.50 | 1,300.00 | 1,290.00")
    got = [(i.level1, i.level2, i.level3, i.target, i.actual, i.weight, i.score, i.deviation_reason, i.page, i.row)
           for i in indicators]
    assert got == [
        ("产出指标", "数量指标", "发放人数", ">=100 人", "=98人", Decimal("20"), Decimal("19.6"), "人员减少", 1, 1),
        ("产出指标", "数量指标", "发放次数", "=12 次", "=12 次", Decimal("20"), Decimal("20"), None, 1, 2),
        ("产出指标", "数量指标", "覆盖率", "=100%", "=100%", Decimal("20"), Decimal("20"), None, 2, 3),
        ("产出指标", "质量指标", "准确率", "=100%", "=100%", Decimal("40"), Decimal("40"), None, 2, 4),
    ]


def test_a_sentence_naming_the_tables_is_not_a_title():
    from extract.model import Document, Page

    nine = _table(1, 200, [["项目", "决算数"], ["合计", "1.00"]])
    doc = Document(path="x.pdf", metadata={}, pages=[
        Page(1, 595, 842, 100, [_line("具体项目自评情况附绩效自评表及自评报告。", 60)], [nine])])
    assert performance_tables(doc, "d", 2024, "u") == ([], [], [])
