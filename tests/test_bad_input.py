"""Issue #6: every file a crawler brings home gets an answer — a `documents` row with a status and a
sentence a person can act on — and no file can stop the batch or the machine.

The bad files are made here, in a temporary folder (tests/badfiles.py); each is parsed the way the
flow parses it, through `flows.guard.parse_guarded` (a worker process with a time limit and a
memory cap).
"""
from __future__ import annotations

import logging
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from flows.guard import parse_guarded
from tests import badfiles
from tests.conftest import FILINGS
from transform.parse import parse_file

REAL = FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf"
NOT_A_FILING_OK = {"failed", "skipped"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bad")


def guarded(path, **kw):
    kw.setdefault("time_limit_s", 30)
    kw.setdefault("memory_mb", 800)
    return parse_guarded(str(path), str(path), None, **kw)


# kind -> (maker, status, phrases the error must contain)
CASES = {
    "empty": (badfiles.empty, "failed", ["the file is empty (0 bytes)", "download it again"]),
    "html": (badfiles.html_page, "failed", ["HTML page", "not a PDF", "check the download link"]),
    "random": (badfiles.random_bytes, "failed", ["not a PDF (it has no %PDF header)", "check the download link"]),
    "header_then_garbage": (badfiles.pdf_header_garbage, "failed",
                            ["structure cannot be read", "damaged", "download it again"]),
    "truncated": (badfiles.truncated, "failed", ["the PDF is truncated", "cut off", "download it again"]),
    "encrypted_password_reportlab": (badfiles.encrypted_password, "failed",
                                     ["the PDF is encrypted with a password; ask the publisher for an open copy"]),
    "encrypted_password": (badfiles.encrypted_password_by_hand, "failed",
                           ["the PDF is encrypted with a password; ask the publisher for an open copy"]),
    "encrypted_unknown_method": (badfiles.encrypted_unknown_handler, "failed",
                                 ["encrypted with a method this parser cannot open", "ask the publisher"]),
    "no_pages": (badfiles.no_pages, "failed", ["the PDF has no pages"]),
    # a scan of lines (no text): OCR runs and finds no filing in it
    "scan": (badfiles.image_only, "skipped", ["not a filing"]),
    "letter": (badfiles.letter, "skipped", ["not a filing", "names no 部门决算 or 部门预算"]),
    "scanned_letter": (badfiles.scanned_letter, "skipped", ["not a filing", "names no 部门决算 or 部门预算"]),
    "mojibake_cid": (badfiles.mojibake_cid, "failed",
                     ["text layer is garbled", "(cid:123)", "no Unicode map (ToUnicode)", "OCR the pages"]),
    "mojibake_private_use": (badfiles.mojibake_private_use, "failed",
                             ["text layer is garbled", "private-use characters", "OCR the pages"]),
    "mojibake_latin1": (badfiles.mojibake_latin1, "failed", ["mojibake", "wrong code page", "OCR the pages"]),
    "thousands_of_pages": (badfiles.many_pages, "failed",
                           ["3,000 pages", "more than the 2,000 this parser reads", "split it into one file per unit"]),
    # pdfium cannot load page 2 and pdfminer does not find it: neither reader reads it (a /Rotate that is not
    # a number, badfiles.one_broken_page, was this case until pdfium became the default reader: pdfium reads
    # that page, tests/extract/test_pdfium_reader.py)
    "unloadable_page": (badfiles.unloadable_page, "partial",
                        ["page 2 could not be read", "figures printed there are missing", "which is page 2"]),
    "budget": (badfiles.budget_with_final_accounts_tables, "skipped",
               ["budget (预算) filing, not final accounts (决算)"]),
    "template": (badfiles.template, "skipped", ["this is a template, not a filing", "placeholder"]),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_each_bad_file_gets_a_row_with_an_actionable_sentence(kind, corpus):
    maker, status, phrases = CASES[kind]
    path = maker(corpus)
    parsed = guarded(path)
    row = parsed.document
    assert row.status == status, row.error
    for phrase in phrases:
        assert phrase in (row.error or ""), f"{kind}: {row.error!r} lacks {phrase!r}"
    assert row.file_name == path.name and len(row.doc_id) == 64 and row.ingested_at is not None
    assert "Traceback" not in row.error
    if status in NOT_A_FILING_OK:
        assert parsed.line_items == [] and parsed.narrative_facts == []


def test_an_empty_user_password_opens_and_parses(corpus):
    parsed = guarded(badfiles.encrypted_empty_password(corpus))
    row = parsed.document
    assert row.status == "partial"  # a cover and no tables: it was read, not refused
    assert "encrypt" not in row.error and "garbled" not in row.error
    assert (row.unit_name, row.fiscal_year, row.doc_kind) == ("测试县测试局", 2024, "final_accounts")


def test_a_budget_filing_with_final_accounts_tables_yields_no_line_items(corpus):
    parsed = guarded(badfiles.budget_with_final_accounts_tables(corpus))
    assert parsed.document.doc_kind == "budget"
    assert parsed.document.unit_name == "成都市郫都区示例川菜产业促进中心"
    assert parsed.line_items == [] and parsed.statements == [] and parsed.narrative_facts == []


def test_a_decompression_bomb_hits_the_memory_cap_quickly(corpus):
    path = badfiles.decompression_bomb(corpus, gigabytes=1)
    assert path.stat().st_size < 2 << 20  # ~1 MB on disk, 1 GB inflated
    started = time.monotonic()
    parsed = guarded(path, memory_mb=400)
    assert time.monotonic() - started < 20
    assert parsed.document.status == "failed"
    assert "the parser ran out of memory (cap 400 MB)" in parsed.document.error
    assert "decompression bomb" in parsed.document.error


def test_thousands_of_pages_are_refused_before_reading_and_read_flat_without_the_cap(corpus):
    path = badfiles.many_pages(corpus, 3000)
    started = time.monotonic()
    assert guarded(path).document.status == "failed"
    assert time.monotonic() - started < 5
    # With the page cap lifted, 3,000 pages are read one at a time within a small memory cap.
    parsed = guarded(path, memory_mb=300, target=badfiles.parse_without_page_limit)
    assert parsed.document.page_count == 3000
    assert "ran out of memory" not in (parsed.document.error or "")


def test_a_parser_that_spins_is_stopped_at_the_time_limit(corpus):
    path = badfiles.html_page(corpus)
    started = time.monotonic()
    parsed = guarded(path, time_limit_s=1, target=badfiles.sleeping_target)
    assert time.monotonic() - started < 5
    assert parsed.document.status == "failed"
    assert parsed.document.error.startswith("the parser was stopped after 1 s on this file (time limit); "
                                            "it may be malformed — open it by hand or raise --time-limit")


def test_a_greedy_parser_is_stopped_at_the_memory_cap(corpus):
    parsed = guarded(badfiles.html_page(corpus), memory_mb=300, target=badfiles.greedy_target)
    assert "the parser ran out of memory (cap 300 MB)" in parsed.document.error


@pytest.mark.parametrize("target, phrase", [
    (badfiles.self_killing_target, "the worker process parsing this file died (signal 9, SIGKILL)"),
    (badfiles.crashing_exit_target, "exited without a result (exit code 7)"),
    (badfiles.raising_target, "the parser failed on this file (RuntimeError: boom from a test target)"),
])
def test_a_worker_that_dies_or_raises_gives_a_failed_row(target, phrase, corpus):
    path = badfiles.html_page(corpus)
    parsed = guarded(path, target=target)
    assert parsed.document.status == "failed" and phrase in parsed.document.error
    assert parsed.document.file_name == path.name


def test_a_worker_killed_mid_document_fails_that_document_and_the_next_one_parses(corpus):
    victim = badfiles.html_page(corpus)
    pid_file = Path(str(victim) + ".pid")
    pid_file.unlink(missing_ok=True)

    def kill_when_started():
        deadline = time.monotonic() + 20
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        os.kill(int(pid_file.read_text()), signal.SIGKILL)

    killer = threading.Thread(target=kill_when_started)
    killer.start()
    first = guarded(victim, target=badfiles.pid_then_sleep_target)
    killer.join()
    assert first.document.status == "failed"
    assert "the worker process parsing this file died (signal 9, SIGKILL)" in first.document.error

    second = guarded(REAL)
    assert second.document.status == "ok", second.document.error
    assert len(second.line_items) == 522


def test_a_real_filing_parses_ok_through_the_guard():
    parsed = guarded(REAL)
    assert parsed.document.status == "ok" and parsed.document.error is None
    assert len(parsed.line_items) == 522
    assert parsed.document.unit_name and parsed.document.fiscal_year == 2024


def test_a_whole_bad_batch_leaves_no_traceback_on_the_console_and_full_detail_in_the_log(corpus, tmp_path, capfd):
    """As under the CLI: the `juesuan` logger writes to a file and does not propagate."""
    log_path = tmp_path / "juesuan.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    root = logging.getLogger("juesuan")
    saved = (root.level, root.propagate)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
    try:
        capfd.readouterr()
        statuses = []
        for maker in (badfiles.pdf_header_garbage, badfiles.mojibake_cid, badfiles.one_broken_page,
                      badfiles.truncated):
            statuses.append(guarded(maker(corpus)).document.status)
        statuses.append(guarded(badfiles.html_page(corpus), target=badfiles.raising_target).document.status)
        statuses.append(parse_file(str(badfiles.one_broken_page(corpus))).document.status)  # in-process too
        out, err = capfd.readouterr()
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(saved[0])
        root.propagate = saved[1]
    assert statuses == ["failed", "failed", "partial", "failed", "failed", "partial"]
    assert "Traceback" not in out + err and "FontBBox" not in out + err, out + err
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "boom from a test target" in logged


def test_a_worker_without_a_log_handler_writes_to_the_log_file_it_is_given(corpus, tmp_path, capfd):
    """As in a Dask worker process: no handler on `juesuan` until parse_guarded is given the file."""
    log_path = tmp_path / "worker.log"
    root = logging.getLogger("juesuan")
    before = list(root.handlers)
    saved = (root.level, root.propagate)
    try:
        capfd.readouterr()
        parsed = guarded(badfiles.html_page(corpus), target=badfiles.raising_target, log_file=str(log_path))
        out, err = capfd.readouterr()
    finally:
        for h in [h for h in root.handlers if h not in before]:
            root.removeHandler(h)
            h.close()
        root.setLevel(saved[0])
        root.propagate = saved[1]
    assert parsed.document.status == "failed"
    assert "Traceback" not in out + err
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: boom from a test target" in logged


def test_a_scan_with_ocr_off_says_it_needs_ocr(corpus):
    parsed = guarded(badfiles.image_only(corpus), options={"ocr": "off"})
    assert parsed.document.status == "failed"
    assert parsed.document.error == "no text layer — needs OCR (the pages are images only)"
    assert parsed.document.ocr_pages == 0


def test_a_blank_scan_is_not_a_filing(tmp_path):
    """Pages that are images with nothing on them: OCR reads them and finds no text at all."""
    from PIL import Image

    blank = tmp_path / "blank_scan.pdf"
    Image.new("L", (1240, 1754), 250).save(str(blank), "PDF", save_all=True,
                                           append_images=[Image.new("L", (1240, 1754), 250)], resolution=150.0)
    parsed = guarded(blank, options={"ocr": "scans"})
    assert parsed.document.status == "skipped"
    assert parsed.document.error == ("not a filing: the PDF's pages are images, and OCR found no text on the 2 it "
                                     "read (blank pages or pictures only); check the source")
    assert parsed.document.ocr_pages == 2


def test_a_scan_on_a_machine_without_the_ocr_engine_names_what_to_install(corpus, monkeypatch):
    """OpenCV cannot load (libGL missing): the scan is still `failed: no text layer — needs OCR`, and the
    sentence says why OCR did not run and what to install — not that the file is damaged."""
    import extract.ocr

    def unavailable():
        raise extract.ocr.OcrUnavailable("the OCR engine cannot be loaded (libGL.so.1: cannot open shared object "
                                         "file); install the system libraries it needs (Debian: apt-get install "
                                         "libgl1 libglib2.0-0, or `make syslibs`) and ingest the file again")

    monkeypatch.setattr(extract.ocr, "engine", unavailable)
    parsed = parse_file(str(badfiles.image_only(corpus)))
    assert parsed.document.status == "failed"
    assert parsed.document.error.startswith("no text layer — needs OCR (the pages are images only) — the OCR engine "
                                            "cannot be loaded")
    assert "apt-get install libgl1 libglib2.0-0" in parsed.document.error
    assert parsed.document.ocr_pages == 0
