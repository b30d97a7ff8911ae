"""Issue 16: `sections` and `covered_units` stored, viewed in DuckDB (a list column included), replaced
with their document, and the README's recipes run over them."""
from __future__ import annotations

import re

import pytest

from flows.ingest import _rows_of
from tests.conftest import ROOT
from warehouse import Warehouse, connect


@pytest.fixture(scope="module")
def warehouse(parsed_real, tmp_path_factory):
    root = tmp_path_factory.mktemp("text") / "warehouse"
    Warehouse(root).write_batch(_rows_of(list(parsed_real.values())))
    return root


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index("### The text as data"):]
    part = part[:part.index("\n## ")]
    blocks = re.findall(r"```sql\n(.*?)```", part, re.S)
    return [q.strip() for block in blocks for q in block.split(";") if q.strip()]


def test_the_rows_are_stored_and_viewed(warehouse, parsed_real):
    con = connect(warehouse)
    counts = dict(con.execute("SELECT d.unit_name, count(*) FROM sections s JOIN documents d USING (doc_id) "
                              "GROUP BY 1").fetchall())
    assert counts == {p.document.unit_name: len(p.sections) for p in parsed_real.values()}
    three = con.execute("SELECT path, first_page FROM sections s JOIN documents d USING (doc_id) "
                        "WHERE d.unit_name = '上海市普陀区财政局' AND list_contains(statements, 'three_public')").fetchall()
    assert three == [("上海市普陀区财政局2024年度部门决算表", 6)]
    units = con.execute("SELECT ordinal, c.unit_name, separate, page, c.fiscal_year FROM covered_units c "
                        "JOIN documents d USING (doc_id) WHERE d.unit_name = '上海市普陀区财政局' ORDER BY 1").fetchall()
    assert units == [(1, "上海市普陀区财政局（本级）", True, 5, 2024), (2, "上海市普陀区财政局财政所", False, 5, 2024),
                     (3, "上海市普陀区国库收付中心", False, 5, 2024)]
    assert con.execute("SELECT sum(chars) = sum(length(text)) FROM sections").fetchone()[0]


def test_an_empty_warehouse_has_the_views(tmp_path):
    con = connect(tmp_path)
    assert con.execute("SELECT count(*), count(statements) FROM sections").fetchone() == (0, 0)
    assert con.execute("SELECT count(*) FROM covered_units").fetchone() == (0,)


def test_the_readme_recipes_run(warehouse):
    queries = _readme_queries()
    assert len(queries) >= 3
    con = connect(warehouse)
    rows = con.execute(queries[0]).fetchall()
    # 支出决算情况说明 of both filings states the 项目支出 (p.21 and p.17)
    assert ("上海市普陀区财政局", "三、支出决算情况说明", 21,
            "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%；") in rows
    assert any(r[0] == "中共上海市普陀区委社会工作部" and r[2] == 17 for r in rows)
    assert all("项目支出" in r[3] for r in rows)
    for q in queries[1:]:
        con.execute(q).fetchall()


def test_a_document_replaced_takes_its_sections_along(warehouse, parsed_real, tmp_path):
    import shutil

    root = tmp_path / "copy"
    shutil.copytree(warehouse, root)
    finance = parsed_real["putuo_finance_2024"]
    Warehouse(root).write_batch(_rows_of([finance]), replace_doc_ids={finance.document.doc_id})
    con = connect(root)
    assert con.execute("SELECT count(*) FROM sections WHERE doc_id = ?", [finance.document.doc_id]).fetchone() == (
        len(finance.sections),)
    assert con.execute("SELECT count(*) FROM covered_units WHERE doc_id = ?", [finance.document.doc_id]).fetchone() == (
        3,)
