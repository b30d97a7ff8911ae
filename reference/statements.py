"""The statement vocabulary: every table a filing prints, by key, number, title and aliases, with the
column labels that name its measures. Read by transform/, expectations/ and samples/ alike, so that a
new statement or a provincial wording is one entry here plus its tests.

Which statement a printed title names is decided by meaning, not by these lists: reference/titles.py
strips the title's number, unit and year and reads its body against the decision table
reference/data/table_titles.csv (收支+总 → the summary, 一般公共预算+基本支出 → table 6, …). The
titles listed here are the wordings the samples print and the labels sentences use; every one of them
reads back as its own statement (tests/reference/test_known_titles.py).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal

from reference._typing import CodeLevel, CurrencyUnit, Phase, Shape
from reference.measures import MeasureRules, rules_of
from reference.titles import (TitleMatch, looks_like_title, match_title, normalise_title, statement_of_title,
                              title_phase)

__all__ = ["TitleMatch", "looks_like_title", "match_title", "normalise_title", "statement_of_title", "title_phase"]



@dataclass(frozen=True)
class Statement:
    key: str
    number: int | None  # 1–9 for the nine tables of the national template; None for the others
    title: str  # the national template's wording, normalised
    aliases: tuple[str, ...] = ()
    shape: Shape | None = None  # None: recognised and recorded, its figures not read
    classification: str | None = None  # function | economic: what its codes classify
    # side (None for one-sided tables) → measure rules for that side's amount columns
    columns: dict[str | None, MeasureRules] = field(default_factory=dict)  # keys: Side or None
    # The same table in a budget (部门预算) filing: its titles, and where its columns or shape differ
    # from the final accounts' (a side missing here reads with `columns`).
    budget_titles: tuple[str, ...] = ()
    budget_columns: dict[str | None, MeasureRules] = field(default_factory=dict)
    budget_shape: Shape | None = None

    def rules(self, side: str | None, phase: Phase = "final") -> MeasureRules:
        if phase == "budget" and side in self.budget_columns:
            return self.budget_columns[side]
        return self.columns.get(side, ())

    def shape_in(self, phase: Phase = "final") -> Shape | None:
        return (self.budget_shape or self.shape) if phase == "budget" else self.shape

    @property
    def label(self) -> str:
        """How a sentence names the table: "表3 支出决算表", or the title alone for the others."""
        return f"表{self.number} {self.title}" if self.number else self.title

    def label_in(self, phase: Phase = "final") -> str:
        """The label of the table in a filing of `phase`: a budget's by its budget title (支出预算总表)."""
        return self.budget_titles[0] if phase == "budget" and self.budget_titles else self.label

    def title_in(self, phase: Phase = "final") -> str:
        """The table's title in a filing of `phase`: a budget's statements rows carry budget titles."""
        return self.budget_titles[0] if phase == "budget" and self.budget_titles else self.title

    @property
    def titles(self) -> tuple[str, ...]:
        """Every title of the table, final accounts' and budget's (they never coincide)."""
        return (self.title, *self.aliases, *self.budget_titles)

    @property
    def final_titles(self) -> tuple[str, ...]:
        return (self.title, *self.aliases)


# Each statement's measure rules (Statement.columns, .budget_columns) are data:
# reference/data/column_measures.csv, read by reference/measures.py.
_DECLARED: tuple[Statement, ...] = (
    Statement("income_expenditure_summary", 1, "收入支出决算总表",
              ("收支决算总表", "部门收支决算总表", "部门收入支出决算总表", "单位收入支出决算总表", "单位收支决算总表"),
              "two_sided", "function",
              budget_titles=("收支预算总表", "财务收支预算总表", "收入支出预算总表", "收支总表", "部门收支总表",
                             "部门预算收支总表")),
    Statement("income", 2, "收入决算表", ("部门收入决算表", "单位收入决算表"), "coded", "function",
              budget_titles=("收入预算总表", "收入总表", "部门收入总表", "收入预算表")),
    Statement("expenditure", 3, "支出决算表", ("部门支出决算表", "单位支出决算表"), "coded", "function",
              budget_titles=("支出预算总表", "支出总表", "部门支出总表", "支出预算表")),
    Statement("fiscal_summary", 4, "财政拨款收入支出决算总表",
              ("财政拨款收支决算总表", "部门财政拨款收支决算总表", "部门财政拨款收入支出决算总表"),
              "two_sided", "function",
              budget_titles=("财政拨款收支预算总表", "财政拨款收入支出预算总表", "财政拨款收支总表")),
    Statement("gpb_expenditure", 5, "一般公共预算财政拨款支出决算表",
              ("一般公共预算财政拨款支出决算明细表", "一般公共预算支出决算表", "一般公共预算财政拨款支出决算功能分类表"),
              "coded", "function",
              budget_titles=("一般公共预算支出功能分类预算表", "一般公共预算支出预算表", "一般公共预算支出表",
                             "一般公共预算财政拨款支出预算表", "一般公共预算支出功能分类表")),
    Statement("gpb_basic_expenditure", 6, "一般公共预算财政拨款基本支出决算表",
              ("一般公共预算财政拨款基本支出决算明细表", "一般公共预算基本支出决算表",
               "一般公共预算财政拨款基本支出决算经济分类表"),
              "economic", "economic",
              # the budget's is one coded table: 类 | 款 | 名称 | 合计 | 人员经费 | 公用经费
              budget_titles=("一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出经济分类预算表",
                             "一般公共预算基本支出预算表", "一般公共预算基本支出表", "一般公共预算财政拨款基本支出预算表",
                             "一般公共预算基本支出部门经济分类预算表"),
              budget_shape="coded"),
    Statement("three_public", 7, "财政拨款三公经费支出决算表",
              ("一般公共预算财政拨款三公经费支出决算表", "三公经费支出决算表", "财政拨款三公经费决算表",
               "一般公共预算三公经费支出决算表", "部门三公经费支出决算表"),
              "three_public", None,
              budget_titles=("三公经费和机关运行经费预算表", "三公经费及机关运行经费预算表", "三公经费预算表",
                             "一般公共预算三公经费支出表", "一般公共预算三公经费支出预算表", "财政拨款三公经费预算表",
                             "三公经费支出预算表", "三公经费和机关运行经费预算情况表")),
    Statement("government_fund", 8, "政府性基金预算财政拨款收入支出决算表",
              ("政府性基金预算财政拨款支出决算表", "政府性基金决算表", "政府性基金预算财政拨款收支决算表",
               "政府性基金预算财政拨款收入支出决算明细表"),
              "coded", "function",
              budget_titles=("政府性基金预算支出功能分类预算表", "政府性基金预算支出预算表", "政府性基金预算支出表",
                             "政府性基金预算财政拨款支出预算表")),
    Statement("soe_capital", 9, "国有资本经营预算财政拨款收入支出决算表",
              ("国有资本经营预算财政拨款支出决算表", "国有资本经营预算决算表", "国有资本经营预算财政拨款收支决算表",
               "国有资本经营预算财政拨款收入支出决算明细表"),
              "coded", "function",
              budget_titles=("国有资本经营预算支出功能分类预算表", "国有资本经营预算支出预算表", "国有资本经营预算支出表",
                             "国有资本经营预算财政拨款支出预算表")),
    # Tables beyond the nine: recognised as themselves (so they are never taken for one of the nine)
    # and recorded in `statements`; their figures are not read yet.
    Statement("org_running_cost", None, "机关运行经费支出决算表", ("机关运行经费决算表", "机关运行经费支出情况表"),
              budget_titles=("机关运行经费预算表", "机关运行经费支出预算表")),
    Statement("procurement", None, "政府采购情况表", ("政府采购支出情况表", "政府采购决算表", "政府采购情况决算表"),
              budget_titles=("政府采购预算表", "政府采购预算情况表", "政府采购预算明细表")),
    Statement("state_assets", None, "国有资产占用情况表", ("国有资产占用情况决算表", "国有资产情况表")),
    Statement("project_expenditure", None, "项目支出表", ("项目支出决算表", "项目支出明细表"),
              budget_titles=("项目支出预算表", "项目支出预算明细表")),
    Statement("performance_targets", None, "绩效目标表", budget_titles=(
        "项目绩效目标表", "项目支出绩效目标表", "部门整体支出绩效目标表", "整体支出绩效目标表", "项目支出绩效目标申报表")),
    Statement("basic_expenditure", None, "基本支出决算表", ("基本支出决算明细表",),
              budget_titles=("基本支出预算表",)),
    # Budgets print more tables than final accounts, each in some cities only (issue 23): recognised so
    # that they are never taken for one of the nine (an economic table read with functional codes).
    Statement("gpb_expenditure_economic", None, "一般公共预算支出经济分类决算表",
              budget_titles=("一般公共预算支出经济分类情况表", "一般公共预算支出经济分类预算表")),
    Statement("gpb_basic_expenditure_function", None, "一般公共预算基本支出功能分类决算表",
              budget_titles=("一般公共预算基本支出功能分类预算表",)),
    Statement("gpb_project_expenditure", None, "一般公共预算项目支出决算表",
              budget_titles=("一般公共预算项目支出情况表", "一般公共预算项目支出预算表")),
    Statement("fiscal_expenditure", None, "财政拨款支出决算表", budget_titles=("财政拨款支出表", "财政拨款支出预算表")),
    Statement("fiscal_basic_expenditure", None, "财政拨款基本支出决算表",
              budget_titles=("财政拨款基本支出表", "财政拨款基本支出预算表")),
    Statement("fiscal_carryover", None, "财政拨款结转资金支出决算表",
              budget_titles=("财政拨款上年结转资金支出表", "财政拨款结转资金支出表")),
    Statement("government_purchase_services", None, "政府购买服务决算表",
              budget_titles=("财政拨款政府购买服务明细表", "政府购买服务预算表")),
    Statement("meeting_training", None, "会议费培训费支出决算表",
              budget_titles=("会议费培训费支出预算表", "会议费明细表", "培训费明细表")),
    Statement("asset_allocation", None, "新增资产配置决算表", budget_titles=("新增资产配置表", "新增资产配置预算表")),
)
STATEMENTS: tuple[Statement, ...] = tuple(
    replace(s, columns=rules_of(s.key, "final"), budget_columns=rules_of(s.key, "budget")) for s in _DECLARED)
BY_KEY: dict[str, Statement] = {s.key: s for s in STATEMENTS}


def statement_label(key: str, phase: str | None = "final") -> str:
    """How a sentence names a statement of a filing of `phase` (an unknown key: the key itself; a row
    stored before phase existed: final)."""
    return BY_KEY[key].label_in("budget" if phase == "budget" else "final") if key in BY_KEY else key
NINE: tuple[Statement, ...] = tuple(s for s in STATEMENTS if s.number)

# --- labels shared by the readers --------------------------------------------------------------

# Row labels of total rows: they keep code null and their printed label in `item`.
TOTAL_LABELS = frozenset({"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计", "小计"})
# Header words over the code columns (the split 类/款/项 columns print just these letters).
CODE_HEADER_WORDS = ("编码", "分类")
CODE_LEVEL_LETTERS = frozenset({"类", "款", "项"})
# Columns and rows the template numbers: a 行次 (序号) column beside the amounts numbers the rows, the
# 栏次 row under the header numbers the columns. They hold row or column numbers, never amounts.
NUMBERING_COLUMNS = ("行次", "序号", "编号")
NUMBERING_ROW = "栏次"
NUMBERING_LABELS = (*NUMBERING_COLUMNS, NUMBERING_ROW)
# Header words a continuation page repeats (a repeated header is not data).
HEADER_WORDS = ("科目编码", "科目名称", "决算数", "预算数", "项目", "栏次", "行次")
# Digits of a code → its level (类 3, 款 5, 项 7 for functional codes; economic 类 3, 款 5).
CODE_LEVELS: dict[int, CodeLevel] = {3: 1, 5: 2, 7: 3}

# 三公: (word in a header, the contract's item), the first that matches a header level names the item.
THREE_PUBLIC_ITEMS: tuple[tuple[str, str], ...] = (
    ("机关运行经费", "机关运行经费"),  # a budget's 三公 table ends with it (before 运行: it says 运行 too)
    ("购置及运行", "公务用车购置及运行维护费"), ("小计", "公务用车购置及运行维护费"), ("购置费", "公务用车购置费"),
    ("运行", "公务用车运行维护费"), ("出国", "因公出国（境）费"), ("接待", "公务接待费"), ("合计", "合计"))
THREE_PUBLIC_TOTAL = ("合计", ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"))
THREE_PUBLIC_VEHICLE = ("公务用车购置及运行维护费", ("公务用车购置费", "公务用车运行维护费"))

# --- identities (勾稽关系): which statements and columns the checks and the proof compare ------------

# Tables whose rows carry codes: 类 = Σ款, 款 = Σ项 (table 6: economic 类 = Σ款).
HIERARCHY_STATEMENTS = ("income", "expenditure", "gpb_expenditure", "government_fund", "soe_capital",
                        "gpb_basic_expenditure")
# Tables with a 合计 row over their 类 rows.
TOTAL_STATEMENTS = ("income", "expenditure", "gpb_expenditure", "government_fund", "soe_capital")
# Per printed row: the total column = Σ the component columns.
COLUMN_IDENTITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # A budget's income table splits 财政拨款 by fund and adds 财政专户, 单位资金 and 上年结转 (its 小计;
    # the carry-over's own breakdown and 本年收入 小计 are subtotals, no parts).
    "income": ("total", ("fiscal_appropriation", "general_public_budget", "government_fund", "soe_capital",
                         "special_account", "special_account_tuition", "special_account_other", "superior_subsidy",
                         "business", "operating", "affiliated_remittance", "business_fund_offset", "unit_funds",
                         "other", "carryover")),
    # A budget may print 基本支出 as 人员支出 | 日常公用支出 with no column of its own (Hangzhou).
    "expenditure": ("total", ("basic", "basic_personnel", "basic_public", "project", "remit_to_superior", "operating",
                              "subsidy_to_affiliated")),
    "fiscal_summary": ("total", ("general_public_budget", "government_fund", "soe_capital")),
    "gpb_expenditure": ("total", ("basic", "project")),
    "government_fund": ("expenditure_total", ("basic", "project")),
    "soe_capital": ("expenditure_total", ("basic", "project")),
}
# A budget's tables print more columns than final accounts': per printed row, (statement, side,
# total, parts) — the summary's 支出 side splits into 人员经费 | 公用经费 | 项目支出, the basic
# economic table into 人员经费 | 公用经费.
BUDGET_COLUMN_IDENTITIES: tuple[tuple[str, str | None, str, tuple[str, ...]], ...] = (
    ("income_expenditure_summary", "expenditure", "amount", ("basic_personnel", "basic_public", "project")),
    ("gpb_basic_expenditure", None, "amount", ("personnel", "public")),
)
TWO_SIDED = tuple(s.key for s in STATEMENTS if s.shape == "two_sided")
PERSONNEL_TOTAL, PUBLIC_TOTAL = "人员经费合计", "公用经费合计"
PERSONNEL_CLASSES = ("301", "303")  # 人员经费 = 301 + 303; every other economic 类 is 公用经费

# --- currency units ------------------------------------------------------------------------------

UNIT_FACTORS: dict[CurrencyUnit, Decimal] = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_UNIT = re.compile(r"(?:金额)?单位[:：]?(亿元|万元|元)")
_DECIMALS = re.compile(r"\.(\d+)")
DEFAULT_DECIMALS = 2  # a table that prints no figure at all is taken to print two decimals


def printed_decimals(printed: str | None) -> int | None:
    """Digits after the point of a printed cell ("2,940.05" → 2, "(12.3)" → 1, "120" → 0); None for a
    blank or dash cell, which is an exact zero and says nothing about the table's rounding."""
    text = unicodedata.normalize("NFKC", printed or "")
    if not any(ch.isdigit() for ch in text):
        return None
    m = _DECIMALS.search(text)
    return len(m.group(1)) if m else 0


def rounding_step(unit: str | None, decimals: int) -> Decimal:
    """How far apart two printable figures of a table lie, in yuan: its unit's factor at its printed
    decimals (a 万元 table printed to 0.01: 100 yuan; a 亿元 table to 0.0001: 10,000 yuan; a 元 table
    in whole yuan: 1 yuan). The decimals are the most any of the table's figures shows: a spreadsheet's
    general format drops trailing zeros ("10" beside "10.25"), it never adds any. An unknown unit is
    taken for 万元, the common case."""
    return UNIT_FACTORS.get(unit, UNIT_FACTORS["万元"]).scaleb(-decimals)  # type: ignore[call-overload]


def currency_unit_of(text: str) -> CurrencyUnit | None:
    """"单位：万元" (or 金额单位：元, 单位：亿元) → the unit; None for a line that states none."""
    m = _UNIT.search(normalise_title(text))
    return m.group(1) if m else None  # type: ignore[return-value]


# A template's placeholder where a name belongs (the template prints "上海市 XX 局"): what the parser
# records (transform/mentions.py) and the completeness checks judge (expectations/checks/completeness.py).
PLACEHOLDER = re.compile(r"[XＸxｘ]{2,}|[×＊*]{2,}|某某|[{｛][^}｝]*[}｝]|[（(]单位名称[）)]|。{3,}")
