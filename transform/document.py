"""One document model → the contract rows of one filing (documents, line_items, statements)."""
from __future__ import annotations

import logging
from collections import Counter

from extract.model import Document
from transform.identity import identify
from transform.line_items import READERS, Context, Sink
from transform.narrative import narrative_facts
from transform.performance import performance_tables
from transform.rows import DocumentRow, ParsedDocument, StatementRow
from transform.statements import STATEMENTS, TITLES, currency_unit_of, empty_table_notes, find_blocks

log = logging.getLogger("juesuan.transform")


def _document_currency(blocks, doc: Document) -> str | None:
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
        row.status, row.error = "failed", "no text layer — needs OCR (the pages are images only)"
        return out

    ident = identify(doc)
    row.unit_name, row.fiscal_year = ident.unit_name, ident.fiscal_year
    row.doc_kind, row.scope = ident.doc_kind, ident.scope
    if ident.region:
        row.province, row.prefecture, row.county = ident.region.province, ident.region.prefecture, ident.region.county
        row.adcode = ident.region.adcode
    if ident.template_reason:
        row.status, row.error = "skipped", ident.template_reason
        return out
    if ident.doc_kind == "budget":
        row.status = "skipped"
        row.error = "this is a budget (预算) filing, not final accounts (决算); it is recorded but not read as final accounts"
        return out

    blocks = find_blocks(doc)
    row.currency_unit = _document_currency(blocks, doc)
    ctx = Context(doc_id, row.fiscal_year, row.unit_name)
    by_statement: dict[str, list] = {}
    for b in blocks:
        by_statement.setdefault(b.statement, []).append(b)
    printed_empty = empty_table_notes(doc)
    for key, number, _ in STATEMENTS:
        found = by_statement.get(key, [])
        if not found:
            if key in printed_empty:
                page, note = printed_empty[key]
                out.statements.append(StatementRow(doc_id, row.fiscal_year, key, TITLES[key], "empty", page, page, 0, note))
            else:
                out.statements.append(StatementRow(doc_id, row.fiscal_year, key, TITLES[key], "missing", None, None, 0))
                out.problems.append(f"表{number} {TITLES[key]} was not found as a ruled table; its figures are missing")
            continue
        block = found[0]
        if len(found) > 1:
            out.problems.append(f"表{number} {TITLES[key]} is printed {len(found)} times (pages "
                                f"{', '.join(str(b.pages[0]) for b in found)}); only the first was read")
        unit = block.currency_unit or row.currency_unit
        if unit is None:
            out.problems.append(f"表{number} prints no 单位 (万元 or 元) and the filing states none; its figures were left out")
            out.statements.append(StatementRow(doc_id, row.fiscal_year, key, block.title, "missing", block.pages[0], block.pages[-1], 0))
            continue
        sink = Sink(ctx, key, unit)
        has_data = READERS[key](block, sink)
        out.line_items.extend(sink.items)
        out.problems.extend(sink.problems)
        note = next((t for _, t in block.notes if "无数据" in t or "说明" in t), None)
        out.statements.append(StatementRow(doc_id, row.fiscal_year, key, block.title.strip(),
                                           "data" if has_data else "empty", block.pages[0], block.pages[-1],
                                           len(sink.items), note))
    # The narrative is read after the tables: item paths resolve to codes from the filing's own tables.
    facts, unresolved = narrative_facts(doc, doc_id, row.fiscal_year, row.unit_name, out.line_items)
    out.narrative_facts.extend(facts)
    for sentence in unresolved:  # informational: a sentence we chose not to store is not a defect
        log.info("%s: %s", file_name, sentence)
    perf_projects, perf_indicators, perf_problems = performance_tables(doc, doc_id, row.fiscal_year, row.unit_name)
    out.performance_projects.extend(perf_projects)
    out.performance_indicators.extend(perf_indicators)
    out.problems.extend(perf_problems)
    if out.problems:
        row.status = "partial"
        row.error = "; ".join(out.problems[:5]) + (f"; and {len(out.problems) - 5} more" if len(out.problems) > 5 else "")
    return out
