"""Contract rows (../shared/docs/data-contract.md, version 1), as plain dataclasses.

`warehouse/` turns lists of these into Parquet; nothing here knows about files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

PARSER_VERSION = "1"


@dataclass(slots=True)
class DocumentRow:
    doc_id: str
    source: str
    file_name: str
    unit_name: str | None = None
    fiscal_year: int | None = None
    doc_kind: str = "unknown"  # final_accounts | budget | unknown
    scope: str = "unknown"  # department | unit | unknown
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None
    adcode: str | None = None
    currency_unit: str | None = None  # 万元 | 元
    page_count: int | None = None
    status: str = "ok"  # ok | partial | failed | skipped
    error: str | None = None
    parser_version: str = PARSER_VERSION
    ingested_at: datetime | None = None
    restatement_of: str | None = None  # doc_id of an earlier, different filing for the same unit and year


@dataclass(slots=True)
class LineItem:
    doc_id: str
    fiscal_year: int | None
    unit_name: str | None
    statement: str
    side: str | None
    classification: str | None
    code: str | None
    code_level: int | None
    item: str
    measure: str
    measure_label: str
    amount_yuan: Decimal
    page: int
    row: int
    amount_printed: str  # the cell as printed ("" for a blank cell read as zero)
    currency_unit: str


@dataclass(slots=True)
class StatementRow:
    """One of the nine tables as found in a filing (an extension of the contract): whether it was
    found, on which pages, empty or not, and the 说明 printed under an empty one."""

    doc_id: str
    fiscal_year: int | None
    statement: str
    title: str
    status: str  # data | empty | missing
    first_page: int | None
    last_page: int | None
    row_count: int
    note: str | None = None


@dataclass(slots=True)
class ParsedDocument:
    """Everything one filing yields; what a worker sends back to the driver."""

    document: DocumentRow
    line_items: list[LineItem] = field(default_factory=list)
    statements: list[StatementRow] = field(default_factory=list)
    narrative_facts: list[NarrativeFact] = field(default_factory=list)
    performance_projects: list[PerformanceProject] = field(default_factory=list)
    performance_indicators: list[PerformanceIndicator] = field(default_factory=list)
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
