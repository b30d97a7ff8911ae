"""Pages typed in a test: characters placed where a filing would print them (CJK a font size wide,
digits and punctuation half of it), for the readers' unit tests."""
from __future__ import annotations

from extract.lines import group_lines


def chars(text: str, x: float, top: float, size: float = 10.0, right: bool = False) -> list[dict]:
    """The characters of `text` starting at x (or ending at x when right-aligned)."""
    widths = [size * (0.5 if ord(ch) < 0x2E80 else 1.0) for ch in text]
    if right:
        x -= sum(widths)
    out = []
    for ch, w in zip(text, widths):
        out.append({"text": ch, "x0": x, "x1": x + w, "top": top, "bottom": top + size, "size": size})
        x += w
    return out


def page_lines(*runs: list[dict]) -> list[list[dict]]:
    return group_lines([c for run in runs for c in run])
