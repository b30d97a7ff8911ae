"""Issue 26: a live progress line on a terminal (files, pages/s, time left), a line per batch elsewhere."""
from __future__ import annotations

import io

from flows.progress import Progress
from transform.rows import DocumentRow, ParsedDocument


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def docs(n: int, pages: int = 10, failed: int = 0) -> list[ParsedDocument]:
    return [ParsedDocument(document=DocumentRow(doc_id=str(i), source="s", file_name="f", page_count=pages,
                                                status="failed" if i < failed else "ok")) for i in range(n)]


def test_a_terminal_gets_one_line_redrawn_with_files_pages_per_second_and_time_left():
    out, clock = Terminal(), Clock()
    p = Progress(8, enabled=True, long_run=False, stream=out, clock=clock)
    clock.now += 10
    p.advance(docs(2, pages=25))   # 2 of 8 files in 10 s: 5 pages/s, 30 s left
    assert out.getvalue() == ("\r[juesuan] [######..................] 2/8 files, 5.0 pages/s, 0:30 left\x1b[K")
    clock.now += 10
    p.advance(docs(2, pages=25, failed=1))
    p.committed()                  # no extra line on a terminal
    p.close()
    drawn = out.getvalue().split("\r")[1:]
    assert drawn[-1] == "[juesuan] [############............] 4/8 files, 5.0 pages/s, 0:20 left, 1 failed\x1b[K\n"
    assert out.getvalue().count("\n") == 1


def test_elsewhere_a_long_run_prints_a_line_per_batch_and_no_carriage_return():
    out, clock = io.StringIO(), Clock()
    p = Progress(120, enabled=True, long_run=True, stream=out, clock=clock)
    clock.now += 4
    p.advance(docs(50, pages=2))
    p.committed()
    p.close()
    assert out.getvalue() == "[juesuan] 50/120 files, 25.0 pages/s, 0 failed so far\n"


def test_short_runs_off_a_terminal_and_quiet_runs_print_nothing():
    for p in (Progress(10, enabled=True, long_run=False, stream=io.StringIO()),
              Progress(100, enabled=False, long_run=True, stream=Terminal())):
        p.advance(docs(3))
        p.committed()
        p.close()
        assert p.stream.getvalue() == ""


def test_a_file_stream_without_isatty_is_not_a_terminal():
    class Bare:
        def write(self, s):
            raise AssertionError("nothing is written")

    p = Progress(5, enabled=True, long_run=False, stream=Bare())  # type: ignore[arg-type]
    p.advance(docs(1))
    p.close()
