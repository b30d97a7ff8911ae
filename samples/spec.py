"""Plain data classes describing one sample filing.

A filing module (samples/filings/*.py) fills these with leaf figures only (项 rows, 款 rows of the
economic classification, the 三公 components); every subtotal and total is derived here, so all printed
sums are consistent by construction. Amounts are Decimal in the filing's currency unit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def D(x) -> Decimal:
    """Decimal from a str/int literal, rounded to cents (never from float)."""
    if isinstance(x, float):
        raise TypeError("amounts must not be floats")
    return Decimal(str(x)).quantize(CENT)


# Column keys of table 2 (收入决算表), in printed order.
INCOME_MEASURES = ["fiscal_appropriation", "superior_subsidy", "business", "operating",
                   "affiliated_remittance", "other"]


@dataclass
class Leaf:
    """One 项 (7-digit functional code) with everything the nine tables print for it."""
    code: str
    basic: Decimal = ZERO           # 支出决算表 基本支出 (all funds)
    project: Decimal = ZERO         # 支出决算表 项目支出 (all funds)
    gpb_basic: Decimal | None = None    # 一般公共预算财政拨款 part; defaults to all of basic
    gpb_project: Decimal | None = None
    income: dict[str, Decimal] | None = None  # 收入决算表 columns; defaults to fiscal = gpb total
    budget_full_year: Decimal | None = None   # for the narrative's budget-vs-final sentence
    reason: str = ""                          # purpose, stated in the narrative

    def __post_init__(self):
        if self.gpb_basic is None:
            self.gpb_basic = self.basic
        if self.gpb_project is None:
            self.gpb_project = self.project
        if self.income is None:
            self.income = {"fiscal_appropriation": self.gpb_basic + self.gpb_project}

    @property
    def total(self) -> Decimal:
        return self.basic + self.project

    @property
    def gpb_total(self) -> Decimal:
        return self.gpb_basic + self.gpb_project


@dataclass
class ThreePublic:
    """三公经费: budget and final of the four leaf components (car purchase/running separately)."""
    budget: dict[str, Decimal]   # keys abroad, car_purchase, car_running, reception
    final: dict[str, Decimal]


@dataclass
class Layout:
    """How the nine tables look in this filing (the messy features the parser must survive)."""
    split_codes: bool = False        # 类/款/项 in separate columns ("208 05 05")
    thousands: bool = False          # "2,940.05"
    econ_groups: int = 2             # table 6 column groups side by side
    landscape: tuple = ("income", "expenditure", "fiscal_summary", "three_public",
                        "government_fund", "soe_capital")
    blank_page_after: str | None = None   # statement key after which a blank page is inserted
    name_width: float = 150.0        # width of 科目名称 in tables 2/3/5/8/9
    econ_name_width: float = 110.0   # width of 科目名称 in table 6
    summary_name_width: float = 170.0  # 项目 columns of tables 1/4
    font_size: float = 9.0
    amount_valign: str = "grid"      # grid: amounts on the middle (3 lines) or first (2 lines) line
    page_numbers: bool = False
    unit_heading: bool | str = True  # "<unit> <year> 年度部门决算表" (or this text) above table 1
    compiler_line: bool = False      # "编制单位：<unit>" on the 单位 line
    # Rules drawn (text positions never change with them): grid (every cell ruled), horizontal (a rule
    # under every cell, none vertical), three_line (三线表: top, under the header, bottom), frame (the
    # table's outer border only), none.
    rules: str = "grid"
    titles: str = "shanghai"          # wording of the titles: samples.printed.TITLE_SETS
    title_number: str | None = None   # None | 表 | 附表 | 公开 (samples.printed.NUMBER_STYLES)
    negatives: str = "minus"          # how a negative figure prints: minus | paren | fullwidth
    row_numbers: bool = False         # the Ministry's 行次 columns (tables 1, 4) and 栏次 rows (all)
    three_public_order: str = "items_first"   # items_first | measure_first (预算数 group, 决算数 group)
    dash_zero: tuple = ()             # statements whose zero cells print "-" (blank or 0.00 otherwise)
    # statement key -> currency unit where a table prints another unit than the filing (exact only)
    table_currency: dict = field(default_factory=dict)


@dataclass
class Para:
    """A paragraph of running text; `text` may hold [[fact@code|figure]] markers (see narrative.py)."""
    text: str
    style: str = "body"   # part | h1 | body | title | center
    new_page: bool = False


@dataclass
class Filing:
    name: str
    unit_name: str
    year: int
    province: str
    prefecture: str
    county: str
    adcode: str
    currency: str                    # 万元 | 元 | 亿元 (亿元 figures carry four decimals)
    leaves: list[Leaf]
    econ: dict[str, Decimal]         # 5-digit economic code -> 决算数 (gpb basic); others print 0.00
    three_public: ThreePublic | None
    layout: Layout = field(default_factory=Layout)
    opening_balance: Decimal = ZERO          # 年初结转和结余 (all funds)
    opening_fiscal: Decimal = ZERO           # 年初财政拨款结转和结余 (all gpb)
    nonfiscal_surplus_used: Decimal = ZERO   # 使用非财政拨款结余
    surplus_distribution: Decimal = ZERO     # 结余分配
    template: bool = False
    # the document parts in order; built by the filing module with access to derived figures
    parts: list = field(default_factory=list)
    planted: list = field(default_factory=list)
    # (statement, code or item, measure) -> delta added to the printed figure (planted errors)
    overrides: dict = field(default_factory=dict)
    # planted errors of the review rules (samples/plant.py): statements listed in the contents but not
    # printed; statements printed with no figure (their 说明 kept unless they are in `unstated`); the unit
    # printed in a table's header ("编制单位：…") where it differs from the cover's
    omit: tuple = ()
    blank: tuple = ()
    unstated: tuple = ()
    header_units: dict = field(default_factory=dict)

    # ---- derived figures (one place, so narrative and tables agree) ----
    def by_prefix(self, prefix: str, attr: str) -> Decimal:
        return sum((getattr(l, attr) for l in self.leaves if l.code.startswith(prefix)), ZERO)

    def income_by_prefix(self, prefix: str, measure: str) -> Decimal:
        return sum((l.income.get(measure, ZERO) for l in self.leaves if l.code.startswith(prefix)), ZERO)

    def classes(self) -> list[str]:
        return sorted({l.code[:3] for l in self.leaves})

    def income_total(self) -> Decimal:
        return sum((self.income_by_prefix("", m) for m in INCOME_MEASURES), ZERO)

    def expenditure_total(self) -> Decimal:
        return self.by_prefix("", "total")

    def closing_balance(self) -> Decimal:
        """年末结转和结余: whatever makes both sides of table 1 balance."""
        return (self.income_total() + self.nonfiscal_surplus_used + self.opening_balance
                - self.expenditure_total() - self.surplus_distribution)

    def fiscal_income(self) -> Decimal:
        return self.income_by_prefix("", "fiscal_appropriation")

    def closing_fiscal(self) -> Decimal:
        return self.fiscal_income() + self.opening_fiscal - self.by_prefix("", "gpb_total")

    def econ_sum(self, prefixes) -> Decimal:
        return sum((v for k, v in self.econ.items() if k[:3] in prefixes), ZERO)


# ---- document parts, rendered in order by compose.py

@dataclass
class Cover:
    lines: list[str]


@dataclass
class Toc:
    lines: list[str]


@dataclass
class NineTables:
    """The nine 决算表, each starting on its own page."""


@dataclass
class Perf:
    """Performance self-evaluation tables (绩效自评表): a list of perf.PerfTable."""
    tables: list


@dataclass
class Blank:
    """A page left blank."""
