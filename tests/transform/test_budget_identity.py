"""Who filed a budget, for which year, at which scope, and where that was read (issue 14): small typed
documents, one per layout — a cover with 预算主管部门：/ 预算单位：/ 部门：, a file of tables only whose
tables name the unit in their header, and a file that names the unit only in its file name."""
from __future__ import annotations

from extract.model import Cell, Document, Line, Page, Table
from transform.identity import identify


def page(number: int, *texts: str, tables=()) -> Page:
    lines = [Line(t, 50.0, 100.0 + 20 * i, 400.0, 114.0 + 20 * i, 12.0) for i, t in enumerate(texts)]
    return Page(number, 595.0, 842.0, sum(len(t) for t in texts) + 1, lines, list(tables))


def table(*rows: str) -> Table:
    """A ruled table of one column per row text (a spreadsheet's bordered title and 单位 lines on top)."""
    cells = [Cell((50.0, 100.0 + 20 * r, 500.0, 120.0 + 20 * r), [t], r, 0) for r, t in enumerate(rows)]
    return Table(1, (50.0, 100.0, 500.0, 100.0 + 20 * len(rows)), cells, len(rows), 1, [50.0, 500.0],
                 [100.0 + 20 * r for r in range(len(rows) + 1)], [[c] for c in cells])


def doc(*pages: Page, path: str = "/in/file.pdf") -> Document:
    return Document(path, list(pages), {})


def test_a_cover_naming_the_department_after_its_role():
    d = doc(page(1, "上海市普陀区2025年区级部门预算", "预算主管部门：上海市普陀区财政局"), page(2, "目 录"))
    i = identify(d)
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "上海市普陀区财政局", 2025, "budget", "department", "cover")
    assert i.region is not None and i.region.adcode == "310107"


def test_a_unit_budget_cover():
    i = identify(doc(page(1, "上海市普陀区2026年区级单位预算", "预算单位：上海市普陀区司法局")))
    assert (i.unit_name, i.fiscal_year, i.scope, i.source) == ("上海市普陀区司法局", 2026, "unit", "cover")


def test_a_cover_saying_only_bumen():
    i = identify(doc(page(1, "2024年部门预算", "部门：成都市郫都区示例川菜产业促进中心")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "成都市郫都区示例川菜产业促进中心", 2024, "budget", "department", "cover")


def test_a_file_of_tables_only_is_named_by_its_table_header():
    d = doc(page(1, "2025年预算单位财务收支预算总表", "编制单位：北京市东城区示例体育局 单位：元"),
            page(2, "2025年预算单位收入预算总表", "编制单位：北京市东城区示例体育局 单位：元"))
    i = identify(d)
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "北京市东城区示例体育局", 2025, "budget", "unit", "table_header")


def test_a_header_ruled_into_the_table_names_the_unit_too():
    t = table("2025年部门收入预算总表", "编制部门：上海市普陀区商务委员会", "项目")
    i = identify(doc(page(1, tables=[t])))
    assert (i.unit_name, i.fiscal_year, i.scope, i.source) == ("上海市普陀区商务委员会", 2025, "department",
                                                               "table_header")


def test_the_file_name_is_the_last_resort():
    d = doc(page(1, "2025年部门收入预算总表", "单位：元"), path="/in/上海市普陀区教育局2025年部门预算.pdf")
    i = identify(d)
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "上海市普陀区教育局", 2025, "budget", "department", "file_name")


def test_a_currency_line_is_no_unit():
    d = doc(page(1, "2025年部门收入预算总表", "单位：万元"), path="/in/tables.pdf")
    i = identify(d)
    assert i.doc_kind == "budget" and i.unit_name is None and i.source is None


def test_final_accounts_keep_their_cover_identity():
    i = identify(doc(page(1, "上海市普陀区财政局2024年度部门决算")))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.scope, i.source) == (
        "上海市普陀区财政局", 2024, "final_accounts", "department", "cover")
