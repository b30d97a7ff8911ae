"""How a run shows its progress on the console (issue 26).

On a terminal: one live line, redrawn in place as each task run's documents come back — a bar, files
done of the total, pages per second, the time left, failures so far — and ended with a newline before the
summary line. Elsewhere (a log file, CI, a pipe): one line per committed batch on long runs, as before,
since a carriage return only garbles a file.

A plain carriage-return line rather than rich's Live display or tqdm (both locked): Prefect and the Dask
workers write to the same stderr, and rich's Live redirects and repaints the console, tqdm installs its own
write lock and monitor thread; neither is needed for one line redrawn from the driver's own loop, which is
also easy to test against a fake terminal stream.
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from transform.rows import ParsedDocument

BAR_WIDTH = 24


def is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or fake stream without isatty
        return False


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """files done of `total`, pages/s, time left. live: a redrawn line (a terminal); lines: one line per
    committed batch (long runs elsewhere); neither: silent (short runs off a terminal, --quiet)."""

    def __init__(self, total: int, enabled: bool, long_run: bool = True, stream: TextIO | None = None,
                 clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.done, self.pages, self.ocr_pages, self.failed = total, 0, 0, 0, 0
        self.live = enabled and total > 1 and is_terminal(self.stream)
        self.lines = enabled and long_run and not self.live
        self.clock = clock
        self.started = clock()
        self._drawn = False

    def advance(self, parsed: list[ParsedDocument]) -> None:
        """Documents parsed (a task run's worth): counted, and the live line redrawn."""
        self.done += len(parsed)
        self.pages += sum(p.document.page_count or 0 for p in parsed)
        self.ocr_pages += sum(p.document.ocr_pages for p in parsed)
        self.failed += sum(1 for p in parsed if p.document.status == "failed")
        if self.live:
            self._draw()

    def committed(self) -> None:
        """A batch committed: the line of a long run off a terminal."""
        if self.lines:
            print(f"[juesuan] {self.done}/{self.total} files, {self.rate():.1f} pages/s{self._scanned()}, "
                  f"{self.failed} failed so far", file=self.stream, flush=True)

    def close(self) -> None:
        """Ends the live line, so that the summary starts on its own."""
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def rate(self) -> float:
        return self.pages / max(self.clock() - self.started, 1e-6)

    def left(self) -> float | None:
        """Seconds left at the pace so far (files per second), None before the first document."""
        if not self.done:
            return None
        return (self.total - self.done) * (self.clock() - self.started) / self.done

    def line(self) -> str:
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        left = self.left()
        eta = "—" if left is None else _clock(left)
        failed = f", {self.failed} failed" if self.failed else ""
        return (f"[juesuan] [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} files, "
                f"{self.rate():.1f} pages/s{self._scanned()}, {eta} left{failed}")

    def _scanned(self) -> str:
        return f" ({self.ocr_pages} by OCR)" if self.ocr_pages else ""

    def _draw(self) -> None:
        width = shutil.get_terminal_size((100, 20)).columns
        text = self.line()[:max(width - 1, 20)]
        self.stream.write("\r" + text + "\x1b[K")  # \x1b[K: clear what a longer line left
        self.stream.flush()
        self._drawn = True
