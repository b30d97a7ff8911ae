"""Commits under the lease (warehouse/store.py): nothing stored twice whatever two runs planned, and
readers that see each batch whole or not at all — before its marker, after a crash, during commits."""
from __future__ import annotations

import threading
from decimal import Decimal

import duckdb
import pytest

from warehouse import Warehouse, connect, store
from warehouse.lease import hold


def _doc(doc_id: str, year: int = 2024, status: str = "ok") -> dict:
    return {"doc_id": doc_id, "fiscal_year": year, "status": status, "parser_version": "1",
            "file_name": f"{doc_id}.pdf", "source": f"/in/{doc_id}.pdf"}


def _items(doc_id: str, n: int, years=(2023, 2024), amount: str = "1.00") -> list[dict]:
    # Two partitions per document: a batch is several part files, renamed one after another.
    return [{"doc_id": doc_id, "fiscal_year": years[i % len(years)], "statement": "income", "row": i,
             "amount_yuan": Decimal(amount)} for i in range(n)]


def _batch(doc_id: str, n: int = 10, amount: str = "1.00") -> dict:
    return {"documents": [_doc(doc_id)], "line_items": _items(doc_id, n, amount=amount),
            "document_sources": [{"doc_id": doc_id, "source": f"/in/{doc_id}.pdf"}]}


def _counts(root) -> dict:
    con = connect(root)
    return {
        "documents": con.execute("SELECT doc_id, count(*) FROM documents GROUP BY 1 ORDER BY 1").fetchall(),
        "line_items": con.execute("SELECT doc_id, count(*), sum(amount_yuan) FROM line_items GROUP BY 1 ORDER BY 1").fetchall(),
        "sources": con.execute("SELECT count(*) FROM document_sources").fetchone()[0],
    }


def test_a_document_committed_twice_is_stored_once(tmp_path, caplog):
    wh = Warehouse(tmp_path)
    wh.write_batch(_batch("a"))
    # A second run that planned before the first committed sends the same document again.
    with caplog.at_level("WARNING", logger="juesuan.store"):
        wh.write_batch({**_batch("a"), "documents": [_doc("a"), _doc("b")], "line_items": _items("a", 10) + _items("b", 4)})
    assert _counts(tmp_path) == {"documents": [("a", 1), ("b", 1)],
                                 "line_items": [("a", 10, Decimal("10.00")), ("b", 4, Decimal("4.00"))],
                                 "sources": 1}
    assert "already stored by another run are not stored again: a" in caplog.text
    # Replacing is still replacing: the new rows, once.
    wh.write_batch(_batch("a", n=6, amount="2.00"), replace_doc_ids={"a"})
    assert _counts(tmp_path)["line_items"] == [("a", 6, Decimal("12.00")), ("b", 4, Decimal("4.00"))]
    assert _counts(tmp_path)["sources"] == 1  # where a file was found survives its re-parse


def test_readers_see_nothing_of_a_batch_whose_marker_was_not_written(tmp_path, monkeypatch):
    wh = Warehouse(tmp_path)
    wh.write_batch(_batch("a"))
    real = store._write_atomically

    def crash_before_commit(path, text):
        if path.name.endswith(".done"):
            raise KeyboardInterrupt("killed before the marker")
        real(path, text)

    monkeypatch.setattr(store, "_write_atomically", crash_before_commit)
    with pytest.raises(KeyboardInterrupt):
        wh.write_batch(_batch("b"))
    monkeypatch.setattr(store, "_write_atomically", real)
    on_disk = sorted(p.name for p in (tmp_path / "line_items").rglob("part-*.parquet"))
    assert len(on_disk) == 4  # b's parts were renamed into place...
    assert _counts(tmp_path)["documents"] == [("a", 1)]  # ...and no reader sees them
    assert [r["doc_id"] for r in wh.read("documents").to_pylist()] == ["a"]
    wh.write_batch(_batch("c"))  # the next holder of the lease removes them first
    assert len(list((tmp_path / "line_items").rglob("part-*.parquet"))) == 4
    assert _counts(tmp_path)["documents"] == [("a", 1), ("c", 1)]


def test_a_replace_interrupted_after_its_marker_shows_the_new_rows_once(tmp_path, monkeypatch):
    wh = Warehouse(tmp_path)
    with hold(tmp_path):
        wh.write_batch({"documents": [_doc("a"), _doc("b")], "line_items": _items("a", 10) + _items("b", 10)})
    monkeypatch.setattr(Warehouse, "_remove_superseded", lambda self, batch, parts: None)  # killed right after
    with hold(tmp_path):
        wh.write_batch(_batch("a", n=3, amount="5.00"), replace_doc_ids={"a"})
    # The superseded parts are still on disk (with a's old rows and b's), the filtered copies beside them.
    assert len(list((tmp_path / "line_items").rglob("part-*.parquet"))) == 6
    assert len(list((tmp_path / "_batches").glob("*.supersedes"))) == 1
    want = [("a", 3, Decimal("15.00")), ("b", 10, Decimal("10.00"))]
    assert _counts(tmp_path)["line_items"] == want
    monkeypatch.undo()
    wh.write_batch(_batch("c"))  # recovery removes what the interrupted commit superseded
    assert not list((tmp_path / "_batches").glob("*.supersedes"))
    assert _counts(tmp_path)["line_items"] == want + [("c", 10, Decimal("10.00"))]


def test_readers_during_commits_see_whole_batches_only(tmp_path):
    """A writer commits (and replaces) batches of several part files while readers query: every
    snapshot has every visible document with all its rows and nothing of a document not visible."""
    wh = Warehouse(tmp_path)
    done, seen = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer():
        try:
            with hold(tmp_path):
                for i in range(30):
                    if i % 3 == 0:  # paced by the reader, not by the machine's speed: a snapshot every 3 batches
                        seen.wait(timeout=10)
                        seen.clear()
                    wh.write_batch(_batch(f"d{i:02}", n=40))
                    if i % 5 == 4:  # a re-parse: the same 40 rows, now in a filtered copy and a new part
                        wh.write_batch(_batch(f"d{i - 2:02}", n=40), replace_doc_ids={f"d{i - 2:02}"})
        except BaseException as exc:  # noqa: BLE001 - reported by the reader's assertion below
            errors.append(exc)
        finally:
            done.set()

    t = threading.Thread(target=writer)
    t.start()
    snapshots = retries = 0
    while not done.is_set() or snapshots == 0:
        try:
            rows = connect(tmp_path).execute("""
                SELECT (SELECT count(*) FROM documents), (SELECT count(DISTINCT doc_id) FROM documents),
                       (SELECT count(*) FROM line_items),
                       (SELECT count(*) FROM line_items WHERE doc_id NOT IN (SELECT doc_id FROM documents))
            """).fetchone()
        except duckdb.IOException:  # a part it named was superseded and removed: `juesuan query` retries too
            retries += 1
            continue
        docs, distinct, items, orphans = rows
        assert docs == distinct and items == 40 * docs and orphans == 0, rows
        snapshots += 1
        seen.set()
    t.join()
    assert not errors, errors
    assert _counts(tmp_path)["documents"] == [(f"d{i:02}", 1) for i in range(30)]
    assert snapshots > 3  # (and `retries` readers found a part gone, and listed again)
