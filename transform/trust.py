"""Pages whose text layer is not trusted (extract/text_layer.py), and pages read by OCR: keep what the
filing proves.

Figures printed on a page whose text layer is flagged are kept only where the filing's own identities
prove them (transform/proof.py), and a row whose label shows the wrong characters is left out whatever
its figures; the narrative's figures on such a page are kept only where a kept table figure says the
same; performance tables printed there are left out. One sentence says which pages, why, and how
many figures were kept; the page-by-page reasons go to the log.

A page read by OCR has no other reading to fall back on, so its figures are judged one by one: a
figure that breaks an identity is left out (the document is partial, with the page and the cell); one
that every identity it takes part in proves is stored with verified = true; one that no identity
covers is stored with verified = false — unless its cell is blank (a blank on a scan may be a figure
the detector missed: only a blank the identities prove is stored).
Narrative figures read by OCR are verified where a kept table figure says the same. Every figure read there gets source "ocr" and the engine's confidence.
"""
from __future__ import annotations

import logging
import re
from collections import Counter

from extract.geometry import BBox, center, contains
from extract.model import Document, Page
from extract.text_layer import glued_letters, glued_sample
from reference.catalog import function_item_names
from reference.statements import HIERARCHY_STATEMENTS, TOTAL_LABELS
from transform.proof import Verdict, left_out, verdicts
from transform.rows import LineItem, ParsedDocument
from transform.text import squash

log = logging.getLogger("juesuan.transform")

REPLACED = "text_layer_replaced"  # a page flag: OCR'd because its text layer was not to be trusted
REASONS = {
    "glyph_codes": "glyph codes or private-use characters where text should be",
    "wrong_characters": "Latin letters or symbols inside Chinese words",
    "font_map": "fonts whose Unicode map gives two glyphs one character",
}


def _code_key(li: LineItem) -> tuple:
    return li.statement, li.side, li.code, li.measure


def _repeated_codes(items: list[LineItem]) -> set[tuple]:
    """The (statement, side, code, measure) printed on more than one row: a misread digit can turn 31007
    into the 31001 of another row."""
    counts = Counter(_code_key(li) for li in items if li.code is not None)
    return {k for k, n in counts.items() if n > 1}


def _label_sound(li: LineItem, repeated: set[tuple]) -> bool:
    """A row printed on an untrusted page keeps its figure only if its label does not show wrong
    characters, its code is printed once in its table (`repeated`: _repeated_codes) and, for a
    functional code the catalog knows, the catalog names it so."""
    if glued_letters(li.item):
        return False
    if li.code is None:
        return True
    if _code_key(li) in repeated:
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
    scanned = {n: p for n, p in flagged.items() if p.ocr}
    untrusted = {n: p for n, p in flagged.items() if n not in scanned}
    judged = verdicts(out.line_items, set(flagged), frozenset(scanned))
    repeated = _repeated_codes(out.line_items)
    kept: list[LineItem] = []
    dropped: list[Verdict] = []
    for v in judged:
        li = v.item
        if li.page in scanned:
            if v.kind != "broken" and (why := _ocr_row_unsound(li, repeated)):
                v = Verdict(li, "broken", why)
            if v.kind == "broken":
                dropped.append(v)
                continue
            if v.kind == "unproven" and li.amount_printed == "":
                # A blank the identities do not prove may be a figure the detector missed, and under a
                # misread label it would be a row the filing does not print.
                dropped.append(Verdict(li, "broken", f"is blank, and {v.reason}"))
                continue
            li.source, li.verified = "ocr", v.kind == "proven"
            li.confidence = _confidence(scanned[li.page], _box(li))
            kept.append(li)
        elif v.kind in ("trusted", "proven"):
            kept.append(li)
        else:
            dropped.append(v)
    repeated_kept = _repeated_codes(kept)
    kept = [li for li in kept if li.page not in untrusted or _label_sound(li, repeated_kept)]
    out.line_items[:] = kept
    for v in dropped:
        where = "a page read by OCR" if v.item.page in scanned else "a page whose text layer is not trusted"
        log.info("%s: %s", out.document.file_name, left_out(v, where))
    counts: dict[str, int] = {}
    for li in kept:
        counts[li.statement] = counts.get(li.statement, 0) + 1
    for st in out.statements:
        if st.status == "data":
            st.row_count = counts.get(st.statement, 0)
    amounts = {li.amount_yuan for li in kept}
    facts = []
    for f in out.narrative_facts:
        said = f.unit == "yuan" and f.value in amounts
        if f.page in scanned:
            f.source, f.verified = "ocr", said
            f.confidence = _confidence(scanned[f.page], _box(f))
        elif f.page in untrusted and not said:
            continue
        facts.append(f)
    out.narrative_facts[:] = facts
    out.performance_projects[:] = [p for p in out.performance_projects if p.page not in flagged]
    out.performance_indicators[:] = [p for p in out.performance_indicators if p.page not in flagged]
    # names, years and claims read from such a page may not be the ones printed
    out.mentions[:] = [m for m in out.mentions if m.page not in flagged]
    out.narrative_claims[:] = [c for c in out.narrative_claims if c.page not in flagged]
    if scanned:
        _scanned_sentence(out, judged, scanned, dropped)
    if untrusted:
        _untrusted_sentence(out, judged, untrusted, kept)


def _ocr_row_unsound(li: LineItem, repeated: set[tuple]) -> str | None:
    """Why a figure read by OCR cannot be placed, whatever its digits: a row of a coded table whose code
    was not read (a lost 302 would store 商品和服务支出's figure under no code), a row whose label is only a
    number (the 行次 column read where the label was lost), or a code read twice in one table and column
    (`repeated`: _repeated_codes)."""
    if li.statement in HIERARCHY_STATEMENTS and li.code is None and squash(li.item) not in TOTAL_LABELS:
        return "its row's code was not read"
    if not re.search(r"[^\d\s.,]", li.item):  # a 行次 number where the label was not read
        return f"its row's label was read as “{li.item}”"
    if _code_key(li) in repeated:
        return "its row's code is read on two rows of the table"
    return None


def _box(row) -> BBox | None:
    return None if row.x0 is None else (row.x0, row.top, row.x1, row.bottom)


def _confidence(page: Page, box: BBox | None) -> float | None:
    """The lowest confidence of the OCR words whose centre lies in `box` (a cell, a sentence's lines)."""
    if box is None:
        return None
    confs = [w.conf for w in page.words if contains(box, center(w.x0, w.x1), center(w.top, w.bottom))]
    return round(min(confs), 4) if confs else None


def _scanned_sentence(out: ParsedDocument, judged: list[Verdict], scanned: dict[int, Page],
                      dropped: list[Verdict]) -> None:
    """A document's figures read by OCR, counted in the log; the ones left out, as a problem."""
    there = [v for v in judged if v.item.page in scanned]
    lost = [v for v in dropped if v.item.page in scanned]
    out_ids = {id(v.item) for v in lost}
    stored = [v.item for v in there if id(v.item) not in out_ids]
    proven = sum(1 for li in stored if li.verified)
    unproven = len(stored) - proven
    numbers = sorted(scanned)
    log.info("%s: %d page(s) read by OCR: %d figures, %d proven by identities, %d unverified, %d left out",
             out.document.file_name, len(numbers), len(there), proven, unproven, len(lost))
    if not lost:
        return
    cells = "; ".join(f"p.{v.item.page} {_cell(v.item)}" for v in lost[:6]) + (
        f"; and {len(lost) - 6} more" if len(lost) > 6 else "")
    replaced = any(REPLACED in scanned[n].text_flags for n in numbers)
    why = "(their text layer is not to be trusted)" if replaced else "(no text layer)"
    out.problems.insert(0, (
        f"page{'s' if len(numbers) > 1 else ''} {_pages(numbers)} {'were' if len(numbers) > 1 else 'was'} read by OCR "
        f"{why}: of the {len(there)} figures read there, {proven} are "
        f"proven by the filing's identities, {unproven} are stored unverified, and {len(lost)} that break an "
        f"identity, whose row could not be placed, or that are blank and unproven were left out ({cells}) — check "
        f"them on the page"))


def _cell(li: LineItem) -> str:
    name = f"{li.code} {li.item}" if li.code else li.item
    printed = li.amount_printed or "blank"
    return f"{li.statement} {name} [{li.measure}] read as {printed}"


def _untrusted_sentence(out: ParsedDocument, judged: list[Verdict], flagged: dict[int, Page],
                        kept: list[LineItem]) -> None:
    printed = [v.item for v in judged if v.item.page in flagged]
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
