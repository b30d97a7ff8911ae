"""A filing stored without its unit or year is named later by a manifest's hints, without parsing it again."""
from __future__ import annotations

from decimal import Decimal

from extract.model import Document
from tests.transform.typed import table_page


def test_stored_unnamed_filing_is_named_by_hints_in_place(tmp_path):
    from flows.ingest import _rows_of, rename_stored
    from flows.plan import Index
    from transform.document import transform_document
    from warehouse import Warehouse

    # a tables-only part: neither unit nor year printed anywhere
    page = table_page(1, "预算01表 收支总表", [["项目", "预算数"], ["一般公共预算拨款收入", "12.30"]])
    parsed = transform_document(Document("t.pdf", [page], {}), "d1", "t.pdf", "t.pdf")
    assert parsed.document.status == "partial" and parsed.document.unit_name is None
    wh = Warehouse(tmp_path / "wh")
    wh.write_batch(_rows_of([parsed]))

    hints = {"unit_name": "示例市示例局", "fiscal_year": 2026}
    index = Index.read(wh)
    assert index.renamed_by("d1", hints) == hints
    rename_stored(wh, {"d1": hints})

    doc = wh.read("documents").to_pylist()
    assert len(doc) == 1
    assert (doc[0]["unit_name"], doc[0]["fiscal_year"]) == ("示例市示例局", 2026)
    # the sentence asking for a name is gone; what else the filing lacks (its other tables) stays said
    assert "unit_name" not in doc[0]["error"] and "neither printed nor listed" in doc[0]["error"]
    cells = wh.read("table_cells").to_pylist()
    assert [(c["unit_name"], c["fiscal_year"], c["amount_yuan"]) for c in cells] == \
        [("示例市示例局", 2026, Decimal("123000.00"))]
    # named as the hints say: nothing left to rename
    assert Index.read(wh).renamed_by("d1", hints) == {}


def test_a_value_the_warehouse_cannot_store_fails_its_document_not_the_batch(tmp_path):
    # regression: one cell printed with more decimals than table_cells.value holds stopped a 107-file ingest
    from flows.ingest import Progress, Summary, _commit
    from flows.plan import Index
    from transform.document import transform_document
    from warehouse import Warehouse

    page = table_page(1, "预算01表 收支总表", [["项目", "预算数"], ["一般公共预算拨款收入", "12.30"]])
    good = transform_document(Document("a.pdf", [page], {}), "good", "a.pdf", "a.pdf")
    bad = transform_document(Document("b.pdf", [page], {}), "bad", "b.pdf", "b.pdf")
    bad.table_cells[0].value = Decimal("12.123456789")
    wh = Warehouse(tmp_path / "wh")
    summary = Summary(files=2)
    _commit(wh, [good, bad], Index.read(wh), {}, summary, Progress(2, enabled=False), validate=False)
    docs = {r["doc_id"]: r for r in wh.read("documents").to_pylist()}
    assert docs["good"]["status"] == "partial" and docs["bad"]["status"] == "failed"
    assert "cannot store" in docs["bad"]["error"]
    assert {r["doc_id"] for r in wh.read("table_cells").to_pylist()} == {"good"}
