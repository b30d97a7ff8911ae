"""Who filed this, for which year, and what kind of document it is — with where each was read.

Every place that names the unit is read (transform/identity/cover.py: the cover as a block, titles, the
contents' title, table headers, the narrative's own description, the file name last), each candidate
cut at the boundaries of an organisation's name (names.py). The name the most kinds of place agree on
wins (a tie goes to the cover, then titles, contents, table headers, the narrative); one printed only in
the file name is used only when the filing prints none. A cover and table headers naming two units is a
finding (`Identity.note`). A file of tables only that prints neither unit nor year (Beijing's 附件2) keeps
them NULL, with a sentence saying so: a manifest's hints name it (transform/hints.py).

The kind is decided by what is printed (kind.py). Placeholders ("XX局", "。。。") mark a template, which
is not a filing. `Identity.evidence` says where the unit (else the year) was read: page, box and line.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extract.model import Document
from reference._typing import DocKind, IdentitySource, Scope
from reference.regions import Region, region_of
from transform.identity.cover import (IDENTITY_PAGES, Candidate, Evidence, caption_texts, candidates,
                                      is_table_title,
                                      file_name_candidate)
from transform.identity.kind import kind_of
from transform.identity.names import normal
from transform.identity.textlayer import TextLayer, garbled_text_reason, page_text, text_layer
from transform.sections import is_toc_page
from transform.text import squash

__all__ = ["IDENTITY_PAGES", "Evidence", "Identity", "TextLayer", "garbled_text_reason", "identify", "page_text",
           "text_layer"]

RANK: dict[IdentitySource, int] = {"cover": 0, "title": 1, "contents": 2, "table_header": 3, "narrative": 4,
                                   "manifest": 5, "file_name": 6}
# "2026年度…" in a sentence, or a table's title dated "2026年项目支出绩效目标表" (广州's performance-target
# files repeat it on every page, and date nothing else).
_YEAR_OF = re.compile(r"(20\d{2})年(?:度|(?=[^\d年]{0,30}表))")
_LEADER = re.compile(r"\s*[.．…·]{2,}\s*\d{0,3}\s*$|^[.．…·\s]+$")
_PLACEHOLDER = re.compile(r"X{2,}|Ｘ{2,}|×{2,}|。{3,}|…{2,}|\*{3,}")


@dataclass
class Identity:
    unit_name: str | None
    fiscal_year: int | None
    doc_kind: DocKind
    scope: Scope
    region: Region | None
    template_reason: str | None
    source: IdentitySource | None = None
    evidence: Evidence | None = None  # where the unit (else the year) was read
    note: str | None = None  # cover and tables naming two units; a tables-only part that names no one
    tables_only: bool = False  # the file opens with a table: no cover, no title

    def record(self, row) -> None:
        """The evidence on a documents row (transform.rows.DocumentRow): where the unit (else the year) was read."""
        ev = self.evidence
        if ev is not None:
            row.identity_page, row.identity_line = ev.page, ev.line
            if ev.box is not None:
                row.identity_x0, row.identity_top, row.identity_x1, row.identity_bottom = ev.box
        row.identity_note = self.note


def _tables_only(doc: Document) -> bool:
    """The file opens with a table's title (预算01表 收支总表; 2025年部门收入预算总表), not a cover."""
    first = doc.pages[0] if doc.pages else None
    if first is None:
        return False
    heads = [squash(t) for _, t in caption_texts(first)[:6] if squash(t)]
    return any(is_table_title(t) for t in heads[:3])


def _elsewhere(doc: Document, name: str, pages: set[int | None]) -> bool:
    """The name is printed on a page none of its candidates was read from (the narrative, a header)."""
    key = normal(name)
    return any(key in normal(page_text(p)) for p in doc.pages[:IDENTITY_PAGES] if p.number not in pages)


def _winner(doc: Document, named: list[Candidate]) -> tuple[list[Candidate], str | None]:
    """The candidates of the name the most kinds of place agree on, and a sentence when places disagree."""
    groups: dict[str, list[Candidate]] = {}
    for c in named:
        groups.setdefault(normal(c.unit), []).append(c)

    def score(group: list[Candidate]):
        kinds = {c.evidence.source for c in group}
        pages = {c.evidence.page for c in group}
        return (len(kinds) + _elsewhere(doc, group[0].unit or "", pages),
                -min(RANK[c.evidence.source] for c in group))

    ranked = sorted(groups.values(), key=score, reverse=True)
    best = sorted(ranked[0], key=lambda c: RANK[c.evidence.source])
    note = None
    others = [g for g in ranked[1:] if {c.evidence.source for c in g} & {"cover", "table_header"}]
    if others and {c.evidence.source for c in best} & {"cover", "table_header"}:
        o = sorted(others[0], key=lambda c: RANK[c.evidence.source])[0]
        note = (f"the filing names two units: “{best[0].unit}” ({best[0].evidence.source}, p.{best[0].evidence.page}) "
                f"and “{o.unit}” ({o.evidence.source}, p.{o.evidence.page}); the first is printed in more kinds of place (or, as many, on the cover)")
    return best, note


def _printed_year(doc: Document) -> Candidate | None:
    """The year a file without a dated cover names most (a performance table's "2026年度…" sentences, its
    dated title "2026年项目支出绩效目标表"):
    only when it is named more than twice as often as any other year."""
    seen: Counter = Counter()
    first: dict[int, tuple] = {}
    for p in doc.pages[:IDENTITY_PAGES]:
        texts = [(t.text, (t.x0, t.top, t.x1, t.bottom)) for t in p.lines]
        texts += [(c.text, c.bbox) for t in p.tables for c in t.cells]  # a performance table's sentences
        for text, box in texts:
            for m in _YEAR_OF.finditer(squash(text)):
                y = int(m.group(1))
                seen[y] += 1
                first.setdefault(y, (p.number, box, text.strip()))
    top = seen.most_common(2)
    if not top or (len(top) == 2 and top[0][1] <= 2 * top[1][1]):
        return None
    page, box, line = first[top[0][0]]
    return Candidate(None, top[0][0], "unknown", None, Evidence("narrative", page, box, line, "year_mentions"))


def _year(best: list[Candidate], cands: list[Candidate]) -> Candidate | None:
    """The year printed with the unit; else the cover's, else the titles' most printed."""
    with_year = [c for c in best if c.year]
    if with_year:
        return with_year[0]
    for source in ("cover", "title", "contents", "table_header"):
        years = Counter(c.year for c in cands if c.year and c.evidence.source == source)
        if years:
            y = years.most_common(1)[0][0]
            return next(c for c in cands if c.year == y and c.evidence.source == source)
    return None


def identify(doc: Document) -> Identity:
    cands = candidates(doc, is_toc_page)
    named = [c for c in cands if c.unit]
    if not named and (fn := file_name_candidate(doc)):
        named, cands = [fn], cands + [fn]
    best, note = _winner(doc, named) if named else ([], None)
    dated = _year(best, cands) or (_printed_year(doc) if best else None)
    unit = best[0].unit if best else None
    year = dated.year if dated else None
    evidence = best[0].evidence if best else dated.evidence if dated else None
    tables_only = _tables_only(doc) and not any(c.evidence.source in ("cover", "title", "contents") for c in cands
                                                if c.unit)
    kind = kind_of(doc, cands, tables_only)
    scope: Scope = next((c.scope for c in best + cands if c.scope != "unknown"), "unknown")
    if tables_only and not unit:
        note = ("a file of tables only: it prints neither its unit nor its year (the explanation published beside "
                "it does); give them as hints in a manifest (unit_name, fiscal_year) to join the two files")
    # Line by line, without a contents line's leader dots ("一、部门主要职能 ……… 3", or a line of them
    # alone): those are no placeholder.
    head = [squash(_LEADER.sub("", ln.text)) for p in doc.pages[:3] for ln in p.lines]
    placeholder = next((m for t in head if (m := _PLACEHOLDER.search(t))), None)
    template_reason = None
    if placeholder:
        template_reason = (f"this is a template, not a filing: its cover and contents carry the placeholder "
                           f"“{placeholder.group(0)}” where a unit name belongs")
    region = region_of(unit) if unit and not template_reason else None
    return Identity(unit, year, kind, scope, region, template_reason, best[0].evidence.source if best else None,
                    evidence, note, tables_only)
