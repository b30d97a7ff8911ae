"""Whether a file is one of juesuan's own generated samples (issue 26).

The sample generator (samples/render.py, samples/scans.py) stamps every PDF it writes with the author
"juesuan samples" in the document information dictionary; the reader keeps that dictionary
(extract.Document.metadata). A researcher's warehouse can then tell the invented figures of a demo or a
test corpus from figures a government published (`documents.sample`), and `juesuan compare` and
`juesuan export` leave them out unless asked (--include-samples). A published file never carries the
stamp: no office's software writes it.
"""
from __future__ import annotations

from collections.abc import Mapping

SAMPLE_MARK = "juesuan samples"
_KEYS = ("Author", "Creator", "Producer")  # the generator writes Author and Creator; any one suffices


def is_generated(metadata: Mapping | None) -> bool:
    """True when the PDF's information dictionary says the juesuan sample generator made it."""
    if not metadata:
        return False
    for key in _KEYS:
        value = metadata.get(key) or metadata.get(f"/{key}")
        if isinstance(value, bytes):
            value = value.decode("latin-1", "replace")
        if isinstance(value, str) and value.strip() == SAMPLE_MARK:
            return True
    return False
