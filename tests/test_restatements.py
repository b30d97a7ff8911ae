"""The same file under two names is one document with both sources; a second, different filing for a
unit and year already stored is a restatement: both kept, the later one flagged."""
from __future__ import annotations

import shutil

from tests.conftest import FILINGS
from tests.test_batch import run
from warehouse import connect

SOCIAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"


def test_same_file_twice_and_a_restatement(tmp_path):
    first = tmp_path / "a" / "社会工作部2024.pdf"
    again = tmp_path / "b" / "copy-of-the-same.pdf"
    restated = tmp_path / "c" / "社会工作部2024-更正.pdf"
    for p in (first, again, restated):
        p.parent.mkdir()
    shutil.copy(SOCIAL, first)
    shutil.copy(SOCIAL, again)
    # A re-publication: the same content with other bytes (an incremental-update comment after %%EOF).
    restated.write_bytes(SOCIAL.read_bytes() + b"\n% republished\n")
    wh = tmp_path / "wh"
    code, out, err = run(["ingest", str(first.parent), str(again.parent), "--warehouse", str(wh), "--no-validate"],
                         tmp_path)
    assert code == 0 and "2 files: 1 ok" in out and "1 unchanged" in out, out + err
    code, out, err = run(["ingest", str(restated.parent), "--warehouse", str(wh), "--no-validate"], tmp_path)
    assert code == 0 and "1 files: 1 ok" in out, out + err
    con = connect(wh)
    docs = con.execute("SELECT doc_id, file_name, restatement_of FROM documents ORDER BY ingested_at").fetchall()
    assert len(docs) == 2
    (orig_id, _, orig_flag), (new_id, new_name, new_flag) = docs
    assert orig_flag is None and new_name == restated.name and new_flag == orig_id
    sources = sorted(s for (s,) in con.execute("SELECT source FROM document_sources WHERE doc_id = ?",
                                                [orig_id]).fetchall())
    assert sources == sorted([str(first), str(again)])
    # both filings keep their rows
    assert con.execute("SELECT count(*) FROM line_items").fetchone()[0] == 2 * 522


def test_a_departments_budget_and_its_own_units_budget_are_two_filings():
    # regression: 上海市普陀区司法局2026年部门预算 and …2026年单位预算 (the 本级) marked each other as restatements,
    # which one depending on commit order (seen in the kill benchmark)
    from transform.restatements import flag_restatements
    from transform.rows import DocumentRow, ParsedDocument

    def doc(doc_id: str, scope: str) -> ParsedDocument:
        return ParsedDocument(document=DocumentRow(doc_id=doc_id, source=doc_id, file_name=doc_id, unit_name="示例局",
                                                   fiscal_year=2026, doc_kind="budget", scope=scope))

    department, unit, again = doc("a", "department"), doc("b", "unit"), doc("c", "department")
    flag_restatements([department, unit, again], {})
    assert (department.document.restatement_of, unit.document.restatement_of, again.document.restatement_of) == \
        (None, None, "a")
