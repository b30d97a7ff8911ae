"""Parts written before `phase` existed (parser version 2) read with it (issue 14): their rows as final,
their budget documents (recorded then as skipped) as budget — so no query needs to know a part's age."""
from __future__ import annotations

from decimal import Decimal

import pyarrow.parquet as pq

from transform.rows import DocumentRow, LineItem
from warehouse import Warehouse, connect


def test_rows_without_a_phase_column_read_as_final_and_budget_documents_as_budget(tmp_path):
    root = tmp_path / "wh"
    docs = [DocumentRow("f1", "a.pdf", "a.pdf", "某局", 2024, "final_accounts", status="ok"),
            DocumentRow("b1", "b.pdf", "b.pdf", "某局", 2025, "budget", status="skipped")]
    item = LineItem("f1", 2024, "某局", "expenditure", None, "function", "201", 1, "一般公共服务支出", "total", "合计",
                    Decimal("12.00"), 3, 1, "12.00", "元")
    Warehouse(root).write_batch({"documents": docs, "line_items": [item]})
    for part in (root / "documents").rglob("*.parquet"):  # as version 2 wrote them: no phase column
        pq.write_table(pq.read_table(part).drop(["phase", "identity_source"]), part)
    for part in (root / "line_items").rglob("*.parquet"):
        pq.write_table(pq.read_table(part).drop(["phase"]), part)
    con = connect(root)
    assert con.execute("SELECT doc_id, phase, identity_source FROM documents ORDER BY 1").fetchall() == [
        ("b1", "budget", None), ("f1", "final", None)]
    assert con.execute("SELECT phase, amount_yuan FROM line_items").fetchall() == [("final", Decimal("12.00"))]
    assert con.execute("SELECT count(*) FROM statements WHERE phase = 'final'").fetchone() == (0,)
