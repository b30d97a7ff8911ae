"""Contract rows (../shared/docs/data-contract.md, version 1), as plain dataclasses.

`warehouse/` turns lists of these into Parquet; nothing here knows about files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from reference._typing import (ClaimKind, Classification, CodeLevel, CurrencyUnit, DocKind, DocumentStatus,
                               FigureSource, FilingPart, IdentitySource, MentionKind, MentionPart, Phase, Scope, Side, StatementStatus)

PARSER_VERSION = "8"  # CHANGELOG.md says what each version changed for a researcher
# What version 7 produces from the sample filings (transform/fingerprint.py): version 7 added
# line_items.code_origin and codes for rows printed by name only or with a bracketed code. A test fails
# when the output changes and this stays, so the version moves with the output.
PARSER_FINGERPRINT = "bc06a4e9fed22395f21c7e5284ce6bbd574feaf4f053270b547a9ac92666be65"


@dataclass(slots=True)
class DocumentRow:
    doc_id: str
    source: str
    file_name: str
    unit_name: str | None = None
    fiscal_year: int | None = None
    doc_kind: DocKind = "unknown"
    scope: Scope = "unknown"
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    adcode: str | None = None
    currency_unit: CurrencyUnit | None = None
    page_count: int | None = None
    status: DocumentStatus = "ok"
    error: str | None = None
    parser_version: str = PARSER_VERSION
    ingested_at: datetime | None = None
    restatement_of: str | None = None  # doc_id of an earlier, different filing for the same unit and year
    phase: Phase = "final"  # budget (部门预算 / 单位预算) or final (决算)
    identity_source: IdentitySource | None = None  # where unit and year were read
    filing_part: FilingPart = "whole"  # one file of a filing published as two (explanation | tables)
    ocr_pages: int = 0  # pages read by OCR (no text layer): their figures carry source "ocr"
    # Where the unit (else the year) was read (transform/identity): its page, the box of the line(s) and
    # the line(s) as printed; and a sentence when the filing names two units or a tables-only part none.
    identity_page: int | None = None
    identity_x0: float | None = None
    identity_top: float | None = None
    identity_x1: float | None = None
    identity_bottom: float | None = None
    identity_line: str | None = None
    identity_note: str | None = None
    sample: bool = False  # made by juesuan's sample generator (transform/origin.py): invented figures
    # The library that read the pages (pdfium | pdfplumber; None: the file was not opened), and how many
    # pages pdfium handed to pdfplumber (a /Rotate page, a font pdfium has no glyphs for) (parser version 8)
    reader: str | None = None
    reader_fallback_pages: int = 0


@dataclass(slots=True)
class LineItem:
    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    statement: str
    side: Side | None
    classification: Classification | None
    code: str | None
    code_level: CodeLevel | None
    item: str
    measure: str
    measure_label: str
    amount_yuan: Decimal
    page: int
    row: int
    amount_printed: str  # the cell as printed ("" for a blank cell read as zero)
    currency_unit: CurrencyUnit
    # The cell's box on `page` (PDF points, origin top-left as pdfplumber): where a reviewer sees the
    # figure; None for a blank cell the reader found no cell for.
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    phase: Phase = "final"
    # Where the figure was read, and for OCR the engine's confidence (the lowest of the words in its
    # cell). verified: proven by the filing's identities (True), stored unproven because no identity
    # covers it (False); None for a figure read from a trusted text layer, which needs no proof.
    source: FigureSource = "text_layer"
    confidence: float | None = None
    verified: bool | None = None
    # 'printed': the row prints its code; 'catalogue': the row prints names only and the code is the
    # national catalogue's for the printed 类/款/项 names (transform/name_codes.py); None: no code
    code_origin: str | None = None


@dataclass(slots=True)
class TableCellRow:
    """One figure printed in a table, whatever the table (an extension of the contract: `table_cells`).

    What the page prints about it, as printed: the table's title and number, the row's label and code(s),
    the column's header path (levels joined with " / "); and, where the vocabulary knows the table and
    `line_items` read the cell, its statement, measure, classification and code."""

    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    page: int
    table_index: int  # the table's place on its page, from 0, top to bottom
    table_title: str | None
    table_number: str | None  # 表1 / 公开表1 / 预算01表, as printed before the title
    row: int  # the cell's grid row and column in its table
    col: int
    row_label: str | None
    codes: str | None  # the code(s) printed before the row's label ("2050803", or 类 款 项 columns joined)
    header_path: str | None
    amount_printed: str
    value: Decimal  # the number as printed, in its printed unit
    amount_yuan: Decimal | None  # in yuan, to the fen; None for a rate or a count, or where no 单位 is printed
    currency_unit: CurrencyUnit | None
    value_kind: str  # amount | percent | count
    x0: float
    top: float
    x1: float
    bottom: float
    phase: Phase = "final"
    statement: str | None = None
    measure: str | None = None
    classification: Classification | None = None
    code: str | None = None  # the classification code line_items stored for the cell
    source: FigureSource = "text_layer"


@dataclass(slots=True)
class StatementRow:
    """One of the nine tables as found in a filing (an extension of the contract): whether it was
    found, on which pages, empty or not, and the 说明 printed under an empty one."""

    doc_id: str
    fiscal_year: int | None
    statement: str
    title: str
    status: StatementStatus
    first_page: int | None
    last_page: int | None
    row_count: int
    note: str | None = None
    # The table's box on first_page (the title line where no table was found under it); None when the
    # statement is not printed.
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    phase: Phase = "final"


@dataclass(slots=True)
class ParsedDocument:
    """Everything one filing yields; what a worker sends back to the driver."""

    document: DocumentRow
    line_items: list[LineItem] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)
    narrative_facts: list[NarrativeFact] = field(default_factory=list)
    performance_projects: list[PerformanceProject] = field(default_factory=list)
    performance_indicators: list[PerformanceIndicator] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    covered_units: list[CoveredUnitRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)
    narrative_claims: list[NarrativeClaimRow] = field(default_factory=list)
    table_cells: list[TableCellRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # sentences for `documents.error`


@dataclass(slots=True)
class NarrativeFact:
    """A figure the narrative states (contract: narrative_facts)."""

    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    fact: str  # contract key: income_total, item_final, class_share_pct, ...
    code: str | None
    item: str | None
    value: Decimal  # yuan for amounts, percent as a number (12.08), count for counts
    unit: str  # yuan | percent | count
    page: int
    evidence: str  # the sentence
    reason: str | None = None  # the stated reason for a change
    code_resolution: str | None = None  # table | catalog_exact | catalog_fuzzy | unresolved
    # The box of the lines the sentence is printed on, on `page` (PDF points, origin top-left)
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    # The rounding step of the figure as printed, in yuan ("9,101.68万元": 100); None where the reader
    # does not say (the tables' step is then taken).
    rounding_yuan: Decimal | None = None
    phase: Phase = "final"
    source: FigureSource = "text_layer"  # as for line items
    confidence: float | None = None
    verified: bool | None = None  # True: a kept table figure says the same; False: stored unproven


@dataclass(slots=True)
class QualityResult:
    """One check on one document (contract: quality_results)."""

    doc_id: str
    fiscal_year: int | None
    check: str
    kind: str  # sum | cross_table | narrative_vs_table | ratio | plausibility
    subject: str
    success: bool
    observed: Decimal | None
    expected: Decimal | None
    difference: Decimal | None
    tolerance: Decimal | None
    page: int | None


@dataclass(slots=True)
class PerformanceProject:
    """One 绩效自评表 (contract: performance_projects): the 整体支出 table or one project's table.
    Amounts in yuan (converted from the table's 万元); rate and score as printed numbers."""

    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    project: str  # the 项目名称 cell; "整体支出" for the unit's overall table
    kind: str  # overall | project
    budget_initial_yuan: Decimal | None  # 年初预算数
    budget_full_year_yuan: Decimal | None  # 全年预算数 / 预算数（调整后）
    executed_yuan: Decimal | None  # 全年执行数 / 执行数
    execution_rate_pct: Decimal | None  # 执行率, "100.00%" -> 100.00
    score: Decimal | None  # 得分 of the funds row, "10.00 分" -> 10.00 (the overall table prints none)
    page: int
    amounts_printed: str  # the three amount cells as printed, "58.86 | 36.64 | 36.64"


@dataclass(slots=True)
class PerformanceIndicator:
    """One indicator row of a 绩效自评表 (contract: performance_indicators); text as printed, wrapped
    lines joined, 一级/二级 names carried down over merged cells and page breaks."""

    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    project: str
    level1: str | None
    level2: str | None
    level3: str
    target: str | None  # 指标值 / 年度指标值 / 预期指标值
    actual: str | None  # 实际完成值
    weight: Decimal | None  # 分值 / 权重
    score: Decimal | None  # 得分
    deviation_reason: str | None  # 偏差原因分析及改进措施 / 备注
    page: int
    row: int  # order within the project's table, from 1


@dataclass(slots=True)
class SectionRow:
    """One section of the filing's text (an extension of the contract: `sections`), built by
    transform/section_rows.py from the heading tree of transform/sections.py."""

    doc_id: str
    fiscal_year: int | None
    phase: Phase
    section_id: str  # "s3.5.2": the 1-based positions among siblings from the top, in reading order
    parent_id: str | None
    level: int  # 1 第X部分, 2 一、, 3 （一）, 4 1、
    ordinal: str  # as printed: "第三部分", "二、", "（三）", "1、", "1."
    heading: str  # the heading without its ordinal
    path: str  # the headings from the top, joined with " / "
    first_page: int
    last_page: int  # the last page of the section with its subsections and tables
    text: str  # its own paragraphs (not its subsections'), joined with "\n"; never a table's cells
    chars: int  # len(text)
    statements: list[str]  # the statement keys of the tables printed in it (statements.statement)
    performance_projects: list[str]  # the 绩效自评表 printed in it (performance_projects.project)
    from_contents: bool  # the heading is printed only in the 目录; placed where its title is printed
    text_layer_trusted: bool  # false when a page of its text is named in documents.error as needing OCR


@dataclass(slots=True)
class CoveredUnitRow:
    """One unit of the list of units a filing's accounts cover (编制范围 / 单位构成), as printed."""

    doc_id: str
    fiscal_year: int | None
    ordinal: int  # the printed 序号, else the position in the list
    unit_name: str  # as printed, whitespace removed ("上海市普陀区财政局（本级）")
    separate: bool  # false when merged into 本级 (预算不单列 / 并入本级 / 不单独编制)
    note: str | None  # the remark as printed (备注, or a parenthesis after the name)
    page: int


@dataclass(slots=True)
class MentionRow:
    """Who and when a part of the filing names (an extension of the contract: `mentions`): the unit and
    the year printed on the cover, in the contents, above or under a table and in the narrative, and
    each statement the contents list — what the completeness checks compare, with where it is printed."""

    doc_id: str
    fiscal_year: int | None
    part: MentionPart
    kind: MentionKind
    statement: str | None  # the table a table mention or a contents listing belongs to
    value: str  # the unit name as printed (whitespace removed), the year ("2024"), or the statement key
    text: str  # the line or sentence it was read from
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(slots=True)
class NarrativeClaimRow:
    """A statement of the narrative about the direction of its own figures (an extension of the
    contract: `narrative_claims`): "决算数小于全年预算数" (final_vs_budget) with the reason given for it, or a
    template phrase left unedited ("下降（增长）", template_phrase)."""

    doc_id: str
    fiscal_year: int | None
    claim: ClaimKind
    subject: str | None  # the narrative fact key it speaks of (gpb_expenditure, three_public, item)
    code: str | None  # the classification code, for an item
    item: str | None  # the item path as printed, for an item
    budget: str | None  # which budget the words name: budget_full_year | budget_initial | budget
    direction: str  # greater | less | equal | roughly_equal (final_vs_budget); the words (template_phrase)
    words: str  # the direction words as printed ("决算数小于全年预算数")
    reason: str | None  # the reason given (主要原因：…), None when none is printed
    reason_marker: bool  # 主要原因 is printed (with or without a reason after it)
    page: int
    evidence: str  # the sentence
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
