"""One document model → the contract rows of one filing (documents, line_items, statements, narrative_facts,
performance tables, sections, covered_units)."""
from __future__ import annotations

import logging
from collections import Counter

from extract.model import Document
from reference._typing import CurrencyUnit, FilingPart, Phase
from reference.statements import STATEMENTS, title_phase
from transform.budget_narrative import budget_facts
from transform.identity import identify, page_text
from transform.line_items import MISSING, NOT_LINE_ITEMS, Context, Sink
from transform.mentions import mentions
from transform.narrative import narrative_facts_from_sections
from transform.narrative_claims import narrative_claims, table_note_phrases
from transform.performance import performance_tables
from transform.readers import reader_for
from transform.rows import DocumentRow, LineItem, ParsedDocument, StatementRow
from transform.section_rows import covered_units, section_rows
from transform.sections import section_tree
from transform.trust import keep_proven
from transform.table_cells import table_cells
from transform.table_pages import kept_cells, unnamed_sentence, unread_table_pages
from transform.statements import (Block, PrintedTitle, contents_listing, currency_unit_of, find_blocks, printed_titles,
                                  says_empty)

log = logging.getLogger("juesuan.transform")


def _document_currency(blocks, doc: Document) -> CurrencyUnit | None:
    units = Counter(b.currency_unit for b in blocks if b.currency_unit)
    if units:
        return units.most_common(1)[0][0]
    return next((u for page in doc.pages if (u := currency_unit_of(page.text))), None)


def transform_document(doc: Document, doc_id: str, source: str, file_name: str) -> ParsedDocument:
    row = DocumentRow(doc_id=doc_id, source=source, file_name=file_name, page_count=doc.page_count)
    out = ParsedDocument(document=row)
    if doc.page_count == 0:
        row.status, row.error = "failed", "the PDF has no pages; re-download the file or check the source"
        return out
    if sum(p.char_count for p in doc.pages) == 0:
        scanned = sum(1 for p in doc.pages if p.ocr)
        if scanned:  # OCR read the images and found nothing to read: blank pages, or pictures only
            row.status = "skipped"
            row.error = (f"not a filing: the PDF's pages are images, and OCR found no text on the {scanned} it read "
                         f"(blank pages or pictures only); check the source")
        else:
            row.status, row.error = "failed", "no text layer — needs OCR (the pages are images only)"
        return out

    ident = identify(doc)
    row.unit_name, row.fiscal_year = ident.unit_name, ident.fiscal_year
    row.doc_kind, row.scope, row.identity_source = ident.doc_kind, ident.scope, ident.source
    ident.record(row)  # where the unit and year were read: page, box, line
    phase: Phase = "budget" if ident.doc_kind == "budget" else "final"
    row.phase = phase
    if ident.region:
        row.province, row.prefecture, row.county = ident.region.province, ident.region.prefecture, ident.region.county
        row.adcode = ident.region.adcode
    if ident.template_reason:
        row.status, row.error = "skipped", ident.template_reason
        return out

    blocks = find_blocks(doc)
    if phase == "budget":
        # A budget's figures come from its budget tables only: a table titled as final accounts (…决算表)
        # holds other figures than the cover's phase, and stored as budget they would be wrong numbers.
        final_titled = [b for b in blocks if title_phase(b.title) == "final"]
        blocks = [b for b in blocks if title_phase(b.title) != "final"]
        if final_titled and not blocks:
            row.status = "skipped"
            row.error = ("this is a budget (预算) filing, not final accounts (决算), but its tables are titled as final "
                         f"accounts (“{final_titled[0].title.strip()}”, p.{final_titled[0].pages[0]}); its figures "
                         "were not read — check whether the cover or the tables belong to another file")
            return out
    row.currency_unit = _document_currency(blocks, doc)
    ctx = Context(doc_id, row.fiscal_year, row.unit_name, phase)
    out.statements, items, problems = _statements(doc, blocks, ctx, row.currency_unit)
    if (ident.doc_kind == "unknown" and all(st.status == "missing" for st in out.statements)
            and not any(word in page_text(p) for p in doc.pages for word in ("决算", "预算"))):
        # Neither a 决算 nor a 预算 title, and none of the tables printed or listed: a letter, a notice, a
        # scan of something else — not a filing with its tables missing.
        row.status = "skipped"
        row.error = ("not a filing: it names no 部门决算 or 部门预算 and prints none of the tables a filing holds; "
                     "if it is one, check that the file is complete")
        out.statements = []
        return out
    out.line_items.extend(items)
    out.problems.extend(problems)
    # The narrative is read after the tables: item paths resolve to codes from the filing's own tables.
    tree = section_tree(doc)  # read once: the narrative's facts and the sections' text come from it
    if phase == "budget":
        out.narrative_facts.extend(budget_facts(tree, doc, doc_id, row.fiscal_year, row.unit_name, out.line_items))
    else:
        facts, unresolved = narrative_facts_from_sections(tree, doc_id, row.fiscal_year, row.unit_name, out.line_items)
        out.narrative_facts.extend(facts)
        for sentence in unresolved:  # informational: a sentence we chose not to store is not a defect
            log.info("%s: %s", file_name, sentence)
        # A budget's 项目 pages state targets, not a self-assessment: the performance reader is for finals.
        perf_projects, perf_indicators, perf_problems = performance_tables(doc, doc_id, row.fiscal_year, row.unit_name)
        out.performance_projects.extend(perf_projects)
        out.performance_indicators.extend(perf_indicators)
        out.problems.extend(perf_problems)
    out.covered_units, unit_lines = covered_units(tree, doc, doc_id, row.fiscal_year)
    out.sections = section_rows(tree, doc, out, unit_lines)
    # What the completeness and disclosure checks compare: who and when each part names, and what the
    # narrative says about the direction of its figures (final accounts: 决算数大于预算数 …).
    out.mentions = mentions(doc, doc_id, row.fiscal_year, row.unit_name, blocks, tree)
    if phase == "final":
        out.narrative_claims = narrative_claims(tree, doc_id, row.fiscal_year, out.line_items) + \
            table_note_phrases(blocks, doc_id, row.fiscal_year)
    # Every figure of every table, known or not (line_items are the known statements' view of them).
    out.table_cells = table_cells(doc, doc_id, row.fiscal_year, row.unit_name, phase, row.currency_unit, out.line_items)
    row.filing_part = _filing_part(out)
    if row.filing_part == "explanation":  # its tables are the other file's: not printed here is no defect
        out.problems[:] = [p for p in out.problems if "neither printed nor listed" not in p]
    keep_proven(out, doc)  # pages whose text layer lies: only what the filing's identities prove
    out.table_cells = kept_cells(out.table_cells, doc, out.line_items)
    out.problems.extend(unread_table_pages(doc, out.table_cells))
    if not row.unit_name or not row.fiscal_year:
        out.problems.insert(0, unnamed_sentence(row.unit_name, row.fiscal_year))
    for st in out.statements:
        st.phase = phase
    for fact in out.narrative_facts:
        fact.phase = phase
    if out.problems:
        row.status = "partial"
        row.error = "; ".join(out.problems[:5]) + (f"; and {len(out.problems) - 5} more" if len(out.problems) > 5 else "")
    return out


EXPLANATION_CHARS = 200  # the text a file must hold to count as an explanation (a cover and titles hold less)


def _filing_part(out: ParsedDocument) -> FilingPart:
    """whole, or — for a filing published as two files — the explanation without a table, or the
    tables without an explanation (a file of tables only, or whose text is titles and notes)."""
    tables = any(s.status in ("data", "empty") for s in out.statements) or bool(out.table_cells)
    text = sum(s.chars for s in out.sections if not s.statements) >= EXPLANATION_CHARS or bool(out.narrative_facts)
    if tables and not text:
        return "tables"
    if text and not tables and not any(s.status == "unreadable" for s in out.statements):
        return "explanation"
    return "whole"


def _boxed(row: StatementRow, bbox) -> StatementRow:
    """The row with the box of its table (or title line) on its first page, in PDF points."""
    row.x0, row.top, row.x1, row.bottom = (round(float(v), 2) for v in bbox)
    return row


def _statements(doc: Document, blocks: list[Block], ctx: Context, doc_unit: CurrencyUnit | None
                ) -> tuple[list[StatementRow], list[LineItem], list[str]]:
    """Each statement's row in `statements`, its line items, and the sentences for documents.error.

    A statement printed under its title is read (data, empty or unreadable); one whose title is printed
    with no table under it is empty when the page says so (本表无数据), else unreadable; one not printed
    is absent when the contents list it, else missing. The tables beyond the nine are recorded only
    where the filing prints or lists them, as `printed` (their figures are not read by this version)."""
    rows: list[StatementRow] = []
    items: list[LineItem] = []
    problems: list[str] = []
    by_statement: dict[str, list[Block]] = {}
    for b in blocks:
        by_statement.setdefault(b.statement, []).append(b)
    titled: dict[str, PrintedTitle] = {}
    for t in printed_titles(doc):
        titled.setdefault(t.statement, t)
    listed = contents_listing(doc)
    untrusted = {p.number for p in doc.pages if p.text_flags}
    year = ctx.fiscal_year
    for st in STATEMENTS:
        key, found = st.key, by_statement.get(st.key, [])
        if found:
            block = found[0]
            reader = reader_for(key, ctx.phase)
            if len(found) > 1 and reader is not None:  # (a table beyond the nine: every print in table_cells)
                problems.append(f"{st.label_in(ctx.phase)} is printed {len(found)} times (pages "
                                f"{', '.join(str(b.pages[0]) for b in found)}); only the first was read")
            title = block.title.strip()
            if reader is None:
                rows.append(_boxed(StatementRow(ctx.doc_id, year, key, title, "printed", block.pages[0],
                                                block.pages[-1], 0), block.tables[0].bbox))
                continue
            unit = block.currency_unit or doc_unit
            if unit is None:
                problems.append(f"{st.label_in(ctx.phase)} is printed on p.{block.pages[0]} but states no 单位 (元, 万元 or 亿元) "
                                "and neither does the filing; its figures were left out")
                rows.append(_boxed(StatementRow(ctx.doc_id, year, key, title, "unreadable", block.pages[0],
                                                block.pages[-1], 0), block.tables[0].bbox))
                continue
            sink = Sink(ctx, key, unit)
            status = reader(block, sink)
            items.extend(sink.items)
            if status == "unreadable" and untrusted & set(block.pages):
                # the true reason is likely the text layer, not the table's layout
                # (and table_cells does not keep figures read from an untrusted text layer either)
                sink.problems[-1] = sink.problems[-1].replace(NOT_LINE_ITEMS, MISSING) + \
                    " (its page's text layer is not to be trusted, see above)"
            problems.extend(sink.problems)
            # the sentence saying the table is empty, before any other 说明 (a template's instruction
            # "…并在本表下方作下述说明：" may be printed above it)
            note = next((ln.text for _, ln in block.notes if says_empty([ln.text])), None) or \
                next((ln.text for _, ln in block.notes if "说明" in ln.text), None)
            rows.append(_boxed(StatementRow(ctx.doc_id, year, key, title, status, block.pages[0], block.pages[-1],
                                            len(sink.items), note), block.tables[0].bbox))
        elif key in titled:
            t = titled[key]
            note = says_empty(t.lines_after)
            if note or st.number is None:
                status = "empty" if note else "printed"
            else:
                status = "unreadable"
                problems.append(f"{st.label_in(ctx.phase)} is printed on p.{t.page} but no table could be read under its title; "
                                "its figures are missing")
            rows.append(_boxed(StatementRow(ctx.doc_id, year, key, t.title, status, t.page, t.page, 0, note), t.box))
        elif key in listed:
            rows.append(StatementRow(ctx.doc_id, year, key, st.title_in(ctx.phase), "absent", None, None, 0))
            problems.append(f"{st.label_in(ctx.phase)} is listed in the contents (p.{listed[key]}) but not printed; its figures are "
                            "missing")
        elif st.number is not None:
            rows.append(StatementRow(ctx.doc_id, year, key, st.title_in(ctx.phase), "missing", None, None, 0))
            if not listed:  # a contents page that leaves a table out says the filing does not print it
                problems.append(f"{st.label_in(ctx.phase)} is neither printed nor listed in a contents page; its figures are missing")
    return rows, items, problems
