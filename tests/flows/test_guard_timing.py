"""The guard logs the time each document took against its limit (the fuzz benchmark reads it to find
the slowest parse: benchmarks/fuzz_ingest.py)."""
from __future__ import annotations

import logging
import re

from flows.guard import parse_guarded_many
from tests import badfiles


def test_each_document_parsed_is_logged_with_its_time(tmp_path, caplog):
    jobs = [(str(tmp_path / name), None, name) for name in ("a.pdf", "b.pdf", "raise.pdf")]
    with caplog.at_level(logging.INFO, logger="juesuan.guard"):
        out = parse_guarded_many(jobs, time_limit_s=30, memory_mb=None, target=badfiles.pid_target)
    assert [p.document.status for p in out] == ["ok", "ok", "failed"]
    lines = [r.getMessage() for r in caplog.records if r.name == "juesuan.guard"]
    for name in ("a.pdf", "b.pdf"):
        assert any(re.fullmatch(rf"parsed {re.escape(str(tmp_path / name))} in \d+\.\d\d s \(ok\)", m) for m in lines)
    assert any(m.startswith(f"{tmp_path / 'raise.pdf'}: ") and " (after " in m for m in lines)


def test_the_time_limit_grows_with_the_pages_a_document_ocrs(tmp_path):
    """A scan announces its pages to OCR (parse_file's on_ocr): the guard gives it seconds_per_page
    more for each, so a 3-page scan taking 3 s survives a 2 s base limit; without the announcement the
    same wait is a time-out, and the sentence quotes the limit the document had."""
    from extract.ocr import OcrSettings

    settings = OcrSettings(seconds_per_page=1.0)
    jobs = [(str(tmp_path / "scan.pdf"), None, "scan")]
    ok = parse_guarded_many(jobs, time_limit_s=2, memory_mb=None, target=badfiles.ocr_pages_then_sleep_target,
                            options={"ocr_settings": settings, "pages": 3, "seconds": 3.0})
    assert ok[0].document.status == "ok" and ok[0].document.ocr_pages == 3
    late = parse_guarded_many(jobs, time_limit_s=2, memory_mb=None, target=badfiles.ocr_pages_then_sleep_target,
                              options={"ocr_settings": settings, "pages": 1, "seconds": 4.5})
    assert late[0].document.status == "failed"
    assert late[0].document.error.startswith("the parser was stopped after 3 s on this file (time limit)")
