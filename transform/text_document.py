"""A document model built from plain text (the seed filing, text dumps): for text-only filings and tests."""
from __future__ import annotations

from extract.model import Document, Line, Page
from transform.headings import SENTENCE_END, heading_level

_PLAIN_RIGHT = 72.0 + 12.0 * 40
_TITLE_ENDINGS = ("说明", "情况", "概况", "职能", "构成", "解释", "事项", "分析", "表》", "表）", "附表）")


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def document_from_text(text: str, page_break: str = "\f", path: str = "<text>") -> Document:
    """A Document built from plain text, for text-only filings and tests: pages split at
    `page_break` (a form feed by default), one Line per non-empty text line; x positions are
    made up from the line's display width (a CJK character is 1 em, ASCII ½ em, 12 pt), so a line
    that ends short ends a paragraph. Leading spaces count as indentation only from two on."""
    pages = []
    chunks = text.split(page_break) if page_break else [text]
    for n, chunk in enumerate(chunks, start=1):
        lines = []
        y = 50.0
        for raw in chunk.splitlines():
            if not raw.strip():
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            x0 = 72.0 + (24.0 if indent >= 2 or raw.startswith("\u3000") else 0.0)
            body = raw.strip().lstrip("\u3000")
            level = heading_level(body)
            short = (body[-1:] in SENTENCE_END or body[-1:] in "：:") if level is None or level == 4 \
                else _width(body) <= 23 or body.endswith(_TITLE_ENDINGS)
            x1 = x0 + 12.0 * _width(body) if short else _PLAIN_RIGHT
            lines.append(Line(body, x0, y, x1, y + 12.0, 12.0))
            y += 20.0
        pages.append(Page(n, 595.0, 842.0, sum(len(ln.text) for ln in lines), lines, []))
    return Document(path, pages, {})
