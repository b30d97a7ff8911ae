"""Variant filings with one planted inconsistency each, for the data-quality checks' tests.

Every variant is the 浏阳 sample with one thing spoiled; its truth lists what was planted: the check
that must find it (`check`), where (compose.render copies the page: a line item's, a narrative fact's,
the contents page or the page a table is printed on) and the figures as printed.

The first four spoil a figure (issue 4); the others break a review rule (issue 13): a table listed but
not printed, a placeholder as the unit in a table header, a 三公 table printed blank while the text
states its figures, a direction that contradicts the figures, a difference without its reason, the
template's "增长（下降）" left, a comparison with the wrong year, a 项 the text leaves out, 机关运行经费
above the 公用经费 it is part of, projects listed for more than the 项目支出, an empty table that does
not say so.
"""
from __future__ import annotations

from decimal import Decimal

from .codes import FUNCTION, PERSONNEL_CLASSES, PUBLIC_CLASSES
from .filings import liuyang
from .spec import Perf

FIGURES = ("wrong_class_total", "narrative_share_off", "personnel_text_mismatch", "missing_wan")
REVIEW_RULES = ("table_not_printed", "unit_placeholder_in_header", "three_public_blank_with_text",
                "direction_contradicts_figures", "reason_missing", "template_phrase_left", "rate_contradicts_change",
                "wrong_prior_year",
                "item_unexplained", "org_running_cost_over_public", "projects_over_project_expenditure",
                "empty_table_unstated")
KINDS = FIGURES + REVIEW_RULES
ONE = Decimal("1.00")
PLACEHOLDER_UNIT = "浏阳市XX服务中心"


def plant(kind: str):
    """Return the 浏阳 filing rebuilt with `kind` planted."""
    if kind in FIGURES:
        f, entry = _figure(kind)
    elif kind in REVIEW_RULES:
        f, entry = _review_rule(kind)
    else:
        raise ValueError(f"unknown plant kind {kind!r}; choose from {', '.join(KINDS)}")
    f.name = f"{f.name}__{kind}"
    f.planted.append({"kind": kind, **entry})
    return f


def _figure(kind: str):
    if kind == "wrong_class_total":
        # 农林水支出 in table 3 printed 1.00 above the sum of its 款
        f = liuyang.build()
        f.overrides[("expenditure", "213", "total")] = ONE
        return f, {"statement": "expenditure", "side": None, "code": "213", "measure": "total",
                   "printed": f"{f.by_prefix('213', 'total') + ONE:.2f}", "expected": f"{f.by_prefix('213', 'total'):.2f}"}
    if kind == "narrative_share_off":
        f = liuyang.build({"share_off": "213"})
        return f, {"fact": "class_share_pct", "code": "213", "delta": "1.00"}
    if kind == "personnel_text_mismatch":
        delta = Decimal("10.00")
        f = liuyang.build({"personnel_delta": delta})
        expected = f.econ_sum(PERSONNEL_CLASSES)
        return f, {"fact": "personnel_funds", "code": None, "printed_yuan": f"{(expected + delta) * 10000:.2f}",
                   "expected_yuan": f"{expected * 10000:.2f}"}
    f = liuyang.build({"missing_wan": "project_expenditure"})
    v = f.by_prefix("", "project")
    return f, {"fact": "project_expenditure", "code": None, "printed": f"{v:.2f} 元", "expected_yuan": f"{v * 10000:.2f}"}


def _review_rule(kind: str):
    if kind == "table_not_printed":
        f = liuyang.build()
        f.omit = ("gpb_basic_expenditure",)  # the contents still list 表6
        return f, {"check": "statement_present", "statement": "gpb_basic_expenditure", "locate": "contents"}
    if kind == "unit_placeholder_in_header":
        f = liuyang.build()
        f.header_units = {"expenditure": PLACEHOLDER_UNIT}  # "编制单位：浏阳市XX服务中心" above 表3
        return f, {"check": "unit_name_consistent", "statement": "expenditure", "locate": "table",
                   "printed": PLACEHOLDER_UNIT}
    if kind == "three_public_blank_with_text":
        f = liuyang.build()
        f.blank = ("three_public",)  # the table prints no figure (and says so); the text states them
        tp = f.three_public
        assert tp is not None
        return f, {"check": "narrative_vs_empty_table", "fact": "three_public_budget", "code": None,
                   "statement": "three_public", "stated": f"{sum(tp.budget.values(), Decimal(0)):.2f}"}
    if kind == "direction_contradicts_figures":
        code = "2130104"  # 1286.45 spent of 1302.00: the text says 大于
        f = liuyang.build({"wrong_direction": code})
        return f, {"check": "direction_vs_figures", "fact": "item_final", "code": code, "words": "决算数大于全年预算数"}
    if kind == "reason_missing":
        code = "2080505"  # 142.36 of 150.00, and no 主要原因
        f = liuyang.build({"no_reason": code})
        return f, {"check": "reason_given", "fact": "item_final", "code": code, "words": "决算数小于全年预算数"}
    if kind == "template_phrase_left":
        f = liuyang.build({"template_phrase": "gpb_expenditure"})
        return f, {"check": "template_phrase_edited", "fact": "gpb_expenditure_change_pct", "code": None}
    if kind == "rate_contradicts_change":
        f = liuyang.build({"rate_direction": "total_income_expenditure"})
        return f, {"check": "change_direction_consistent", "fact": "total_income_expenditure_change_pct", "code": None}
    if kind == "wrong_prior_year":
        f = liuyang.build({"prior_year": "total_income_expenditure"})
        return f, {"check": "year_consistent", "fact": "total_income_expenditure_change", "code": None,
                   "printed": str(f.year - 2), "expected": str(f.year - 1)}
    if kind == "item_unexplained":
        code = "2101102"
        f = liuyang.build({"unexplained": code})
        return f, {"check": "item_explained", "statement": "gpb_expenditure", "side": None, "code": code,
                   "measure": "total", "item": FUNCTION[code]}
    if kind == "org_running_cost_over_public":
        delta = Decimal("5.00")
        f = liuyang.build({"org_running_delta": delta})
        public = f.econ_sum(PUBLIC_CLASSES)
        return f, {"check": "org_running_cost_vs_public_funds", "fact": "org_running_cost", "code": None,
                   "printed_yuan": f"{(public + delta) * 10000:.2f}", "public_yuan": f"{public * 10000:.2f}"}
    if kind == "projects_over_project_expenditure":
        f = liuyang.build()
        project = f.by_prefix("", "project")
        executed = project + Decimal("82.40")
        f.parts.insert(len(f.parts) - len(_glossary_parts(f)), Perf([_project_table(f, executed)]))
        return f, {"check": "projects_vs_project_expenditure", "locate": "perf", "executed": f"{executed:.2f}",
                   "project": f"{project:.2f}"}
    # empty_table_unstated
    f = liuyang.build()
    f.unstated = ("government_fund",)  # printed with its header and no figure, and no 说明 under it
    return f, {"check": "empty_table_stated", "statement": "government_fund", "locate": "table"}


def _glossary_parts(f) -> list:
    """The glossary parts at the end of the filing (the planted performance table goes before them)."""
    from .filings import common

    return common.glossary()


def _project_table(f, executed: Decimal):
    """One 项目支出绩效自评表 whose 执行数 is `executed` 万元 (more than the filing's 项目支出)."""
    from .perf import Funds, Indicator, ProjectTable

    inds = [Indicator("产出指标", "数量指标", "完成规范化建设村组数", ">=20 个", "计划标准", "", "50", "按照正常比例赋分",
                      "工作资料", "=20 个", "100", "50.00"),
            Indicator("满意度指标", "满意度指标", "服务对象满意度", ">=90%", "计划标准", "", "40", "按照正常比例赋分",
                      "工作资料", "=95%", "100", "40.00")]
    amount = f"{executed:.2f}"
    return ProjectTable(f"{f.year} 年度农村集体经济组织规范化建设项目", f.unit_name, f.year, Funds(amount, amount, amount),
                        "完成农村集体经济组织规范化建设。", "已完成农村集体经济组织规范化建设。", inds, "100.00 分")
