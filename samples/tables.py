"""The nine 决算表 of a filing as printable table specs, each data cell paired with its truth fact.

Layouts follow the Shanghai filings (../shared/filings): a title, a 单位 line, a header block, ruled
cells, a 合计 row and a 注 footnote. Tables 2/3/5 leave zero cells blank (as real filings do); table 6
prints 0.00. Every printed cell of a data row yields one line item, blank cells as "0.00".
samples.spec.Layout varies the rest (rules, title wording, 行次/栏次, the 三公 order, "-" for zero,
negatives, per-table units); numbering rows and columns are never facts. The same specs are drawn by
samples/render.py and laid out as spreadsheets by samples/workbook.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .codes import CHINESE_ORDINALS, CLASS_ROWS, ECONOMIC, FUNCTION, PERSONNEL_CLASSES, PUBLIC_CLASSES
from . import printed, three_public
from .spec import INCOME_MEASURES, ZERO, Filing
from .render import SPAN, Cell, Row

NOTES = {
    "income_expenditure_summary": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "income": "注：本表反映部门本年度取得的各项收入情况。",
    "expenditure": "注：本表反映部门本年度各项支出情况。",
    "fiscal_summary": "注：本表反映部门本年度财政拨款总收支和结转结余情况。",
    "gpb_expenditure": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "gpb_basic_expenditure": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "three_public": "注：本表反映部门本年度“三公”经费支出预决算情况。",
    "government_fund": "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。",
    "soe_capital": "注：本表反映部门本年度国有资本经营预算财政拨款收入支出及结转和结余情况。",
}
# The printed titles of the Shanghai filings (the vocabulary's own wording); other wordings: printed.py.
TITLES = printed.TITLE_SETS["shanghai"]
ORDER = printed.ORDER

_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass
class TableSpec:
    key: str
    title: str
    widths: list
    header: list
    body: list
    landscape: bool
    notes: list = field(default_factory=list)
    status: str = "data"
    empty_note: str | None = None
    pages: list = field(default_factory=list)
    currency: str = "万元"             # the unit its 单位 line states
    number_line: str | None = None    # "公开01表", printed on its own line under the title


RN_W = 26.0   # width of a 行次 column (tables 1 and 4 with Layout.row_numbers)


class Builder:
    """Builds the table specs of one filing and indexes their facts for planting and tests."""

    def __init__(self, f: Filing):
        self.f = f
        self.L = f.layout
        self.index: dict[tuple, dict] = {}   # (statement, side, code or item, measure) -> fact
        self.line_items: list[dict] = []

    # ---- formatting and facts
    def unit(self, statement) -> str:
        return self.L.table_currency.get(statement, self.f.currency)

    def fmt(self, v: Decimal, blank_zero: bool, statement=None) -> str:
        if self.f.template:
            return ""
        if v == 0 and statement in self.L.dash_zero:
            return "-"
        if blank_zero and v == 0:
            return ""
        return printed.figure(v, self.unit(statement), self.L.thousands, self.L.negatives)

    def fact(self, statement, measure, amount, item, code=None, side=None, classification=None):
        """`amount` in the filing's unit; the fact holds it in the table's (exact, see printed.convert)."""
        unit = self.unit(statement)
        amount = printed.convert(amount, self.f.currency, unit)
        amount = amount + self.f.overrides.get((statement, code or item, measure), ZERO)
        item = _ORDINAL.sub("", re.sub(r"\s+", "", item))
        level = None
        if code:
            level = {3: 1, 5: 2, 7: 3}[len(code)]
        d = {"statement": statement, "side": side, "classification": classification, "code": code,
             "code_level": level, "item": item, "measure": measure, "amount": printed.plain(amount, unit),
             "amount_yuan": f"{printed.to_yuan(amount, unit):.2f}", "amount_printed": None,
             "currency_unit": unit, "page": None}
        self.line_items.append(d)
        self.index[(statement, side, code or item, measure)] = d
        return d, amount

    def amount_cells(self, row_facts, statement, measures, item, code=None, side=None,
                     classification=None, blank_zero=True):
        cells = []
        for measure, value in measures:
            d, amount = self.fact(statement, measure, value, item, code, side, classification)
            d["amount_printed"] = self.fmt(amount, blank_zero, statement)
            row_facts.append(d)
            cells.append(Cell(d["amount_printed"], align="right", valign=self.L.amount_valign, fact=d))
        return cells

    def spec(self, key, widths, header, body, status="data", empty_note=None):
        notes = [NOTES[key]]
        if empty_note:
            notes.append(empty_note)
        L = self.L
        return TableSpec(key, printed.title_line(L.titles, L.title_number, key), widths, header, body,
                         key in L.landscape, notes, status, empty_note, currency=self.unit(key),
                         number_line=printed.number_line(L.title_number, key))

    def fit(self, key, fixed: list, n_amount: int, min_amount=52.0):
        """Column widths: fixed columns as given, the rest share the page width (min width each)."""
        page_w = (841.9 if key in self.L.landscape else 595.3) - 90
        rest = max(min_amount, (page_w - sum(fixed)) / n_amount) if n_amount else 0
        return fixed + [rest] * n_amount

    def column_numbers(self, label_span: int, n: int, first: int = 1) -> list:
        """The 栏次 row's cells: "栏次" over the label columns, then the amount columns numbered."""
        lead = [Cell("栏次", colspan=label_span)] if label_span else []
        return lead + [Cell(str(first + i)) for i in range(n)]

    # ---- coded (functional) tables 2, 3, 5
    def code_cols(self):
        return [30.0, 22.0, 22.0] if self.L.split_codes else [58.0]

    def code_cells(self, code):
        if not self.L.split_codes:
            return [Cell(code, align="left", valign="top")]
        parts = [code[:3], code[3:5], code[5:7]]
        return [Cell(p, valign="top") for p in parts]

    def code_header(self, measure_labels, depth=2):
        """Header of a coded table: 项目 over (编码, 名称), then the measure labels spanning down."""
        n = len(measure_labels)
        if self.L.split_codes:
            r1 = [Cell("项目", colspan=4)] + [Cell(m, rowspan=3) for m in measure_labels]
            r2 = [Cell("支出功能分类科目编码", colspan=3), Cell("科目名称", rowspan=2)] + [SPAN] * n
            r3 = [Cell("类"), Cell("款"), Cell("项"), SPAN] + [SPAN] * n
            return [Row(r1), Row(r2), Row(r3)] + self.numbers_row(4, n)
        r1 = [Cell("项目", colspan=2)] + [Cell(m, rowspan=2) for m in measure_labels]
        r2 = [Cell("功能分类科目编码"), Cell("科目名称")] + [SPAN] * n
        return [Row(r1), Row(r2)] + self.numbers_row(2, n)

    def numbers_row(self, label_span: int, n: int) -> list:
        """[the 栏次 row] under a header when the layout numbers its columns, else []."""
        return [Row(self.column_numbers(label_span, n))] if self.L.row_numbers else []

    def coded_rows(self, statement, measures, keep, total_first=True):
        """Rows 类/款/项 for the leaves passing `keep`; measures: (key, prefix -> amount)."""
        f = self.f
        leaves = sorted((l for l in f.leaves if keep(l)), key=lambda l: l.code)
        codes = []
        for l in leaves:
            for c in (l.code[:3], l.code[:5], l.code):
                if c not in codes:
                    codes.append(c)
        ncode = len(self.code_cols())

        def total_row():
            facts = []
            cells = [Cell("合计", colspan=ncode + 1)]
            cells += self.amount_cells(facts, statement, [(k, g("")) for k, g in measures], "合计")
            return Row(cells, facts)

        rows = [total_row()] if total_first else []
        for code in codes:
            facts = []
            cells = self.code_cells(code) + [Cell(FUNCTION[code], align="left", valign="top")]
            cells += self.amount_cells(facts, statement, [(k, g(code)) for k, g in measures],
                                       FUNCTION[code], code, classification="function")
            rows.append(Row(cells, facts))
        if not total_first:
            rows.append(total_row())
        return rows

    def income(self):
        f = self.f
        labels = ["本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
        measures = [("total", lambda p: sum((f.income_by_prefix(p, k) for k in INCOME_MEASURES), ZERO))]
        measures += [(m, (lambda m: lambda p: f.income_by_prefix(p, m))(m)) for m in INCOME_MEASURES]  # noqa: B023 (m bound by the outer lambda)
        body = self.coded_rows("income", measures, lambda l: sum(l.income.values(), ZERO) != 0)
        widths = self.fit("income", self.code_cols() + [self.L.name_width], 7)
        return self.spec("income", widths, self.code_header(labels), body)

    def expenditure(self):
        f = self.f
        labels = ["本年支出合计", "基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
        z = lambda p: ZERO
        measures = [("total", lambda p: f.by_prefix(p, "total")), ("basic", lambda p: f.by_prefix(p, "basic")),
                    ("project", lambda p: f.by_prefix(p, "project")), ("remit_to_superior", z),
                    ("operating", z), ("subsidy_to_affiliated", z)]
        body = self.coded_rows("expenditure", measures, lambda l: l.total != 0)
        widths = self.fit("expenditure", self.code_cols() + [self.L.name_width], 6)
        return self.spec("expenditure", widths, self.code_header(labels), body)

    def gpb_expenditure(self):
        f = self.f
        measures = [("total", lambda p: f.by_prefix(p, "gpb_total")),
                    ("basic", lambda p: f.by_prefix(p, "gpb_basic")),
                    ("project", lambda p: f.by_prefix(p, "gpb_project"))]
        body = self.coded_rows("gpb_expenditure", measures, lambda l: l.gpb_total != 0, total_first=False)
        widths = self.fit("gpb_expenditure", self.code_cols() + [self.L.name_width], 3)
        return self.spec("gpb_expenditure", widths, self.code_header(["合计", "基本支出", "项目支出"]), body)

    # ---- two-sided tables 1 and 4
    def class_rows(self):
        """The 26 类 rows of the expenditure side: (printed label with ordinal, code)."""
        return [(f"{CHINESE_ORDINALS[i]}、{name}", code) for i, (code, name) in enumerate(CLASS_ROWS)]

    def two_sided(self, key, left_rows, right_rows, right_measures, left_w, right_labels):
        """left_rows: (label, value[, truth item]) or None; right_rows: (label, code, values) or None.

        With row_numbers, a 行次 column follows each side's 项目 column; the Ministry numbers the
        income side's rows 1…n and carries on from n+1 on the expenditure side."""
        rn = int(self.L.row_numbers)
        nr = len(right_measures)
        number = {"income": 1, "expenditure": 1 + sum(1 for r in left_rows if r)}

        def row_number(side):
            if not rn:
                return []
            number[side] += 1
            return [Cell(str(number[side] - 1), valign=self.L.amount_valign)]

        body = []
        for i in range(max(len(left_rows), len(right_rows))):
            facts, cells = [], []
            left = left_rows[i] if i < len(left_rows) else None
            right = right_rows[i] if i < len(right_rows) else None
            if left:
                cells.append(Cell(left[0], align="left", valign="top"))
                cells += row_number("income")
                item = left[2] if len(left) > 2 else left[0]
                cells += self.amount_cells(facts, key, [("amount", left[1])], item, side="income")
            else:
                cells += [Cell("")] * (2 + rn)
            if right:
                label, code, values = right
                cells.append(Cell(label, align="left", valign="top"))
                cells += row_number("expenditure")
                cells += self.amount_cells(facts, key, list(zip(right_measures, values)), label, code,
                                           side="expenditure", classification="function" if code else None)
            else:
                cells += [Cell("")] * (1 + rn + nr)
            body.append(Row(cells, facts))
        label = [Cell("项目")] + [Cell("行次")] * rn
        header = [Row([Cell("收入", colspan=2 + rn), Cell("支出", colspan=1 + rn + nr)]),
                  Row(label + [Cell("决算数")] + label + [Cell(l) for l in right_labels])]
        if rn:
            header.append(Row([Cell("栏次"), Cell(""), Cell("1"), Cell("栏次"), Cell("")]
                              + self.column_numbers(0, nr, first=2)))
        page_w = (841.9 if key in self.L.landscape else 595.3) - 90
        amt_w = (page_w - 2 * left_w - 2 * rn * RN_W) / (1 + nr)
        widths = [left_w] + [RN_W] * rn + [amt_w, left_w] + [RN_W] * rn + [amt_w] * nr
        return self.spec(key, widths, header, body)

    def summary(self):
        f = self.f
        inc = lambda m: f.income_by_prefix("", m)
        left = [("一、一般公共预算财政拨款收入", inc("fiscal_appropriation")),
                ("二、政府性基金预算财政拨款收入", ZERO), ("三、国有资本经营预算财政拨款收入", ZERO),
                ("四、上级补助收入", inc("superior_subsidy")), ("五、事业收入", inc("business")),
                ("六、经营收入", inc("operating")), ("七、附属单位上缴收入", inc("affiliated_remittance")),
                ("八、其他收入", inc("other"))]
        right = [(label, code, [f.by_prefix(code, "total")]) for label, code in self.class_rows()]
        n = len(right)
        left += [None] * (n - len(left))
        total_in = f.income_total() + f.nonfiscal_surplus_used + f.opening_balance
        total_out = f.expenditure_total() + f.surplus_distribution + f.closing_balance()
        left += [("本年收入合计", f.income_total()), ("使用非财政拨款结余", f.nonfiscal_surplus_used),
                 ("年初结转和结余", f.opening_balance), ("总计", total_in)]
        right += [("本年支出合计", None, [f.expenditure_total()]), ("结余分配", None, [f.surplus_distribution]),
                  ("年末结转和结余", None, [f.closing_balance()]), ("总计", None, [total_out])]
        return self.two_sided("income_expenditure_summary", left, right, ["amount"],
                              self.L.summary_name_width, ["决算数"])

    def fiscal_summary(self):
        f = self.f
        fiscal = f.fiscal_income()
        left = [("一、一般公共预算财政拨款", fiscal), ("二、政府性基金预算财政拨款", ZERO),
                ("三、国有资本经营预算财政拨款", ZERO)]
        right = []
        for label, code in self.class_rows():
            v = f.by_prefix(code, "gpb_total")
            right.append((label, code, [v, v, ZERO, ZERO]))
        left += [None] * (len(right) - len(left))
        spent = f.by_prefix("", "gpb_total")
        closing = f.closing_fiscal()
        left += [("本年收入合计", fiscal), ("年初财政拨款结转和结余", f.opening_fiscal),
                 # the breakdown rows are named by their parent in the truth (see the brief)
                 ("一、一般公共预算财政拨款", f.opening_fiscal, "年初财政拨款结转和结余/一般公共预算财政拨款"),
                 ("二、政府性基金预算财政拨款", ZERO, "年初财政拨款结转和结余/政府性基金预算财政拨款"),
                 ("三、国有资本经营预算财政拨款", ZERO, "年初财政拨款结转和结余/国有资本经营预算财政拨款"),
                 ("总计", fiscal + f.opening_fiscal)]
        right += [("本年支出合计", None, [spent, spent, ZERO, ZERO]),
                  ("年末财政拨款结转和结余", None, [closing, closing, ZERO, ZERO]), None, None, None,
                  ("总计", None, [spent + closing, spent + closing, ZERO, ZERO])]
        return self.two_sided("fiscal_summary", left, right,
                              ["total", "general_public_budget", "government_fund", "soe_capital"],
                              self.L.summary_name_width,
                              ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"])

    # ---- table 6
    def basic_economic(self):
        f, L = self.f, self.L
        groups_codes = {2: [("301", "303"), ("302", "310")], 3: [("301",), ("302",), ("303", "310")]}[L.econ_groups]
        split = L.split_codes
        ncode = 2 if split else 1

        def group_rows(classes):
            rows = []
            for cls in classes:
                rows.append(cls)
                rows += [c for c in ECONOMIC if len(c) == 5 and c.startswith(cls)]
            return rows

        groups = [group_rows(g) for g in groups_codes]
        n = max(len(g) for g in groups)
        body = []
        for i in range(n):
            cells, facts = [], []
            for g in groups:
                if i >= len(g):
                    cells += [Cell("")] * (ncode + 2)
                    continue
                code = g[i]
                if split:
                    cells += [Cell(code[:3], valign="top"), Cell(code[3:], valign="top")]
                else:
                    cells.append(Cell(code, align="left", valign="top"))
                cells.append(Cell(ECONOMIC[code], align="left", valign="top"))
                v = f.econ_sum((code,)) if len(code) == 3 else f.econ.get(code, ZERO)
                cells += self.amount_cells(facts, "gpb_basic_expenditure", [("amount", v)], ECONOMIC[code],
                                           code, classification="economic", blank_zero=False)
            body.append(Row(cells, facts))
        cells, facts = [], []
        for label, classes in (("人员经费合计", PERSONNEL_CLASSES), ("公用经费合计", PUBLIC_CLASSES)):
            cells.append(Cell(label, colspan=ncode + 1))
            cells += self.amount_cells(facts, "gpb_basic_expenditure", [("amount", f.econ_sum(classes))], label,
                                       blank_zero=False)
        if L.econ_groups == 3:
            cells += [Cell("", colspan=ncode + 2)]
        body.append(Row(cells, facts))
        if split:
            r1 = []
            r2 = []
            for _ in groups:
                r1 += [Cell("经济分类科目编码", colspan=2), Cell("科目名称", rowspan=2), Cell("决算数", rowspan=2)]
                r2 += [Cell("类"), Cell("款"), SPAN, SPAN]
            header = [Row(r1), Row(r2)]
        else:
            header = [Row(sum(([Cell("经济分类科目编码"), Cell("科目名称"), Cell("决算数")] for _ in groups), []))]
        if L.row_numbers:
            header.append(Row(sum((self.column_numbers(ncode + 1, 1, first=g + 1) for g in range(len(groups))), [])))
        page_w = (841.9 if "gpb_basic_expenditure" in L.landscape else 595.3) - 90
        code_w = [28.0, 20.0] if split else [40.0]
        amt_w = (page_w / len(groups)) - sum(code_w) - L.econ_name_width
        widths = (code_w + [L.econ_name_width, amt_w]) * len(groups)
        return self.spec("gpb_basic_expenditure", widths, header, body)

    # ---- table 7 (samples/three_public.py: either order)
    def three_public(self):
        return three_public.table(self)

    # ---- tables 8 and 9: empty in every sample (the common case), header kept
    def fund_table(self, key, what):
        header = [Row([Cell("项目", colspan=2), Cell("年初结转和结余", rowspan=2), Cell("本年收入", rowspan=2),
                       Cell("本年支出", colspan=3), Cell("年末结转和结余", rowspan=2)]),
                  Row([Cell("功能分类科目编码"), Cell("科目名称"), SPAN, SPAN, Cell("合计"), Cell("基本支出"),
                       Cell("项目支出"), SPAN])] + self.numbers_row(2, 6)
        widths = self.fit(key, [70.0, self.L.name_width], 6)
        unit = "本单位" if self.f.name.startswith("yanqi") else self.f.unit_name
        note = None if key in self.f.unstated else f"说明：{unit}本年度没有{what}，故本表无数据。"
        return self.spec(key, widths, header, [], "empty", note)

    def all(self) -> list[TableSpec]:
        return [self.summary(), self.income(), self.expenditure(), self.fiscal_summary(),
                self.gpb_expenditure(), self.basic_economic(), self.three_public(),
                self.fund_table("government_fund", "政府性基金预算财政拨款收入和支出"),
                self.fund_table("soe_capital", "国有资本经营预算财政拨款收入和支出")]

