"""Pages whose text layer is not trusted (extract/text_layer.py): keep only what the filing proves.

Figures printed on such a page are kept only where the filing's own identities prove them
(transform/proof.py), and a row whose label shows the wrong characters is left out whatever its
figures; the narrative's figures on such a page are kept only where a kept table figure says the
same; performance tables printed there are left out. One sentence says which pages, why, and how
many figures were kept; the page-by-page reasons go to the log.
"""
from __future__ import annotations

import logging

from extract.model import Document
from extract.text_layer import glued_letters, glued_sample
from reference.catalog import function_item_names
from transform.proof import prove
from transform.rows import LineItem, ParsedDocument
from transform.text import squash

log = logging.getLogger("juesuan.transform")

REASONS = {
    "glyph_codes": "glyph codes or private-use characters where text should be",
    "wrong_characters": "Latin letters or symbols inside Chinese words",
    "font_map": "fonts whose Unicode map gives two glyphs one character",
}


def _label_sound(li: LineItem, items: list[LineItem]) -> bool:
    """A row printed on an untrusted page keeps its figure only if its label does not show wrong
    characters, its code is printed once in its table (a misread digit can turn 31007 into the 31001
    of another row) and, for a functional code the catalog knows, the catalog names it so."""
    if glued_letters(li.item):
        return False
    if li.code is None:
        return True
    if sum(1 for o in items if o.statement == li.statement and o.code == li.code and o.measure == li.measure) > 1:
        return False
    if li.classification == "function":
        names = function_item_names(li.code)
        return not names or squash(li.item) in {squash(n) for n in names}
    return True


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:12])
    return shown + (f" and {len(numbers) - 12} more" if len(numbers) > 12 else "")


def keep_proven(out: ParsedDocument, doc: Document) -> None:
    flagged = {p.number: p for p in doc.pages if p.text_flags}
    if not flagged:
        return
    printed = [li for li in out.line_items if li.page in flagged]
    kept, sentences = prove(out.line_items, set(flagged))
    kept = [li for li in kept if li.page not in flagged or _label_sound(li, kept)]
    out.line_items[:] = kept
    for s in sentences:
        log.info("%s: %s", out.document.file_name, s)
    counts: dict[str, int] = {}
    for li in kept:
        counts[li.statement] = counts.get(li.statement, 0) + 1
    for st in out.statements:
        if st.status == "data":
            st.row_count = counts.get(st.statement, 0)
    amounts = {li.amount_yuan for li in kept}
    out.narrative_facts[:] = [f for f in out.narrative_facts
                              if f.page not in flagged or (f.unit == "yuan" and f.value in amounts)]
    out.performance_projects[:] = [p for p in out.performance_projects if p.page not in flagged]
    out.performance_indicators[:] = [p for p in out.performance_indicators if p.page not in flagged]
    # names, years and claims read from such a page may not be the ones printed
    out.mentions[:] = [m for m in out.mentions if m.page not in flagged]
    out.narrative_claims[:] = [c for c in out.narrative_claims if c.page not in flagged]
    reasons = sorted({r for p in flagged.values() for r in p.text_flags})
    texts = [ln.text for p in flagged.values() for ln in p.lines] + [
        line for p in flagged.values() for t in p.tables for c in t.cells for line in c.lines]
    sample = glued_sample(texts)
    kept_there = sum(1 for li in kept if li.page in flagged)
    numbers = sorted(flagged)
    out.problems.insert(0, (
        f"the text layer of page{'s' if len(numbers) > 1 else ''} {_pages(numbers)} is not to be trusted "
        f"({'; '.join(REASONS[r] for r in reasons)}{f', e.g. “{sample}”' if sample else ''}): "
        f"{'they need' if len(numbers) > 1 else 'it needs'} OCR — of the {len(printed)} figures read there, "
        f"{kept_there} that the filing's identities prove were kept and {len(printed) - kept_there} left out"))
