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
