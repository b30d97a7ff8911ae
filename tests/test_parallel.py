"""Issue #5, the parts that make a batch fast: several documents per child process and per task run,
pdfplumber's cells found faster but identically, and a run with nothing new that starts nothing."""
from __future__ import annotations

import pdfplumber
import pytest
from pdfplumber.table import TableFinder

import flows.ingest
from extract.tables_ruled import TABLE_SETTINGS, RuledTableFinder
from flows.guard import parse_guarded_many
from flows.ingest import ingest
from flows.plan import Item, chunks
from flows.sources import Source
from tests import badfiles
from tests.conftest import FILINGS

SOCIAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
FINANCE = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"


def _files(tmp_path, names):
    out = []
    for name in names:
        p = tmp_path / name
        p.write_bytes(b"%PDF-1.4 test " + name.encode())
        out.append((str(p), str(p), None))
    return out


def _pid(parsed) -> str:
    return parsed.document.error


def test_one_child_parses_a_run_of_documents_in_order(tmp_path):
    jobs = _files(tmp_path, ["a.pdf", "b.pdf", "c.pdf"])
    got = parse_guarded_many(jobs, time_limit_s=30, memory_mb=800, target=badfiles.pid_target)
    assert [p.document.file_name for p in got] == ["a.pdf", "b.pdf", "c.pdf"]
    assert [p.document.status for p in got] == ["ok", "ok", "ok"]
    assert len({_pid(p) for p in got}) == 1  # one fork for the run


def test_a_document_that_kills_its_child_costs_only_itself(tmp_path):
    jobs = _files(tmp_path, ["a.pdf", "die.pdf", "b.pdf", "raise.pdf", "c.pdf"])
    got = parse_guarded_many(jobs, time_limit_s=30, memory_mb=800, target=badfiles.pid_target)
    assert [p.document.file_name for p in got] == ["a.pdf", "die.pdf", "b.pdf", "raise.pdf", "c.pdf"]
    assert [p.document.status for p in got] == ["ok", "failed", "ok", "failed", "ok"]
    assert "the worker process parsing this file died (signal 9, SIGKILL)" in got[1].document.error
    assert "the parser failed on this file (RuntimeError: boom from a test target)" in got[3].document.error
    # A new child took over after the death; a parser that raised did not need one.
    assert _pid(got[0]) != _pid(got[2]) and _pid(got[2]) == _pid(got[4])


def test_a_document_past_the_time_limit_is_stopped_and_the_rest_go_on(tmp_path):
    jobs = _files(tmp_path, ["a.pdf", "spin.pdf", "b.pdf"])
    got = parse_guarded_many(jobs, time_limit_s=1, memory_mb=800, target=badfiles.pid_target)
    assert [p.document.status for p in got] == ["ok", "failed", "ok"]
    assert got[1].document.error.startswith("the parser was stopped after 1 s on this file (time limit)")


def test_a_child_grown_past_half_its_cap_is_replaced_before_the_next_document(tmp_path):
    jobs = _files(tmp_path, ["a.pdf", "b.pdf", "c.pdf"])
    got = parse_guarded_many(jobs, time_limit_s=30, memory_mb=300, target=badfiles.hoarding_pid_target)
    assert [p.document.status for p in got] == ["ok", "ok", "ok"]
    assert len({_pid(p) for p in got}) == 3  # each kept 200 MB > 150 MB: a fresh child every time


def test_real_filings_through_one_child_are_exact():
    got = parse_guarded_many([(str(SOCIAL), None, None), (str(FINANCE), None, None)], time_limit_s=120,
                             memory_mb=1500)
    assert [p.document.status for p in got] == ["ok", "ok"]
    assert [len(p.line_items) for p in got] == [522, 565]


@pytest.mark.parametrize("path", [SOCIAL, FINANCE])
def test_cells_are_the_ones_pdfplumber_finds(path):
    """RuledTableFinder replaces only pdfplumber's cell step; on every ruled page of the real filings
    it must give pdfplumber's cells and tables exactly."""
    pages = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if not page.edges:
                continue
            ours, theirs = RuledTableFinder(page, TABLE_SETTINGS), TableFinder(page, TABLE_SETTINGS)
            assert ours.cells == theirs.cells, page.page_number
            assert ours.tables == [t.cells for t in theirs.tables], page.page_number
            pages += 1
    assert pages >= 12  # the nine tables, some over two pages


def _items(n):
    return [Item(f"/f{i}.pdf", f"/f{i}.pdf", f"{i:064x}") for i in range(n)]


def test_task_runs_hold_a_few_documents_and_shrink_towards_the_end():
    runs = chunks(_items(300), slots=2)
    assert sum(len(r) for r in runs) == 300
    assert [it.path for r in runs for it in r] == [f"/f{i}.pdf" for i in range(300)]  # order kept
    assert max(len(r) for r in runs) == 32 and len(runs) < 300 / 12
    assert [len(r) for r in runs[-4:]] == [1, 1, 1, 1]
    assert [len(r) for r in chunks(_items(3), slots=2)] == [1, 1, 1]


def test_a_run_with_nothing_new_does_not_start_the_flow(tmp_path, monkeypatch):
    wh = tmp_path / "wh"
    first = ingest([Source(str(SOCIAL))], str(wh), workers=1, validate=False, progress=False)
    assert first.status["ok"] == 1 and first.rows == 522

    def no_flow(*a, **k):
        raise AssertionError("the flow was started for a run with nothing to parse")

    monkeypatch.setattr(flows.ingest, "ingest_flow", no_flow)
    copy = tmp_path / "same bytes, another name.pdf"
    copy.write_bytes(SOCIAL.read_bytes())
    again = ingest([Source(str(SOCIAL)), Source(str(copy))], str(wh), validate=False, progress=False)
    assert again.unchanged == 2 and again.rows == 0 and sum(again.status.values()) == 0
    # The new name is still recorded as a place the document was found.
    sources = {r["source"] for r in flows.ingest.Warehouse(str(wh)).read("document_sources").to_pylist()}
    assert sources == {str(SOCIAL), str(copy)}


@pytest.mark.parametrize("path", [SOCIAL, FINANCE])
def test_characters_are_the_ones_pdfplumber_builds(path):
    """LeanPage builds character dicts without pdfplumber's generic walk; on every page of the real
    filings every object must be the dict pdfplumber builds, key for key."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    from extract.chars import LeanPage

    chars = 0
    with pdfplumber.open(path) as pdf:
        for i, page_obj in enumerate(PDFPage.create_pages(pdf.doc), start=1):
            ours = LeanPage(pdf, page_obj, page_number=i).objects
            theirs = Page(pdf, page_obj, page_number=i).objects
            assert ours == theirs, i
            chars += len(ours.get("char", []))
    assert chars > 5_000
