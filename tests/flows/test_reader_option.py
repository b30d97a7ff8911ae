"""`juesuan ingest --reader pdfplumber|pdfium` reaches parse_file in the guarded worker (issue 25)."""
from __future__ import annotations

import pytest

from flows.cli import build_parser
from flows.guard import parse_guarded
from tests.paths import FILINGS

SOCIAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"


def test_the_reader_option_and_its_default():
    parser = build_parser()
    assert parser.parse_args(["ingest", "x", "--warehouse", "w"]).reader == "pdfium"  # parser version 8
    assert parser.parse_args(["ingest", "x", "--warehouse", "w", "--reader", "pdfplumber"]).reader == "pdfplumber"
    with pytest.raises(SystemExit) as exc:
        parser.parse_args(["ingest", "x", "--warehouse", "w", "--reader", "pymupdf"])
    assert exc.value.code == 2


def test_ingest_hands_the_reader_to_each_guarded_parse(monkeypatch):
    import flows.ingest as ingest

    seen = {}

    def fake_many(jobs, time_limit_s, memory_mb, *, log_file=None, options=None, **_):
        seen.update(options or {})
        return []

    monkeypatch.setattr(ingest, "parse_guarded_many", fake_many)
    ingest.parse_documents.fn([], "none", ingest.Limits(reader="pdfplumber"))
    assert seen == {"ocr": "scans", "reader": "pdfplumber"}
    ingest.parse_documents.fn([], "none", ingest.Limits())
    assert seen == {"ocr": "scans", "reader": "pdfium"}


def test_the_guarded_parse_reads_with_pdfium():
    # 社会工作部 2024, p.12 (一般公共预算财政拨款支出决算表, 万元): 20139 社会工作事务, 合计 264.87
    parsed = parse_guarded(str(SOCIAL), options={"reader": "pdfium"})
    assert parsed.document.status == "ok"
    amounts = {(li.code, li.page) for li in parsed.line_items if li.amount_yuan == 2648700}
    assert ("20139", 12) in amounts
    assert (parsed.document.reader, parsed.document.reader_fallback_pages) == ("pdfium", 0)


def test_the_documents_row_says_which_reader_read_the_pages():
    parsed = parse_guarded(str(SOCIAL), options={"reader": "pdfplumber"})
    assert (parsed.document.reader, parsed.document.reader_fallback_pages) == ("pdfplumber", 0)
