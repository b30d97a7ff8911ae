"""成都市郫都区示例川菜产业促进中心 (fictional: its name says so, 示例) 2024 年度部门决算, 四川省成都市郫都区.

Layout features: amounts in 元 ("单位：元"), codes split into 类/款/项 columns ("216 02 50"), a very
narrow 科目名称 column (three-line names), table 6 as two column groups with split 类/款 codes running
onto a second page, an "编制单位" line, an empty 三公 table with its 说明, portrait tables 1/4.
"""
from ..spec import D, Filing, Layout, Leaf, NineTables, Para as P, ThreePublic
from . import common

UNIT = "成都市郫都区示例川菜产业促进中心"


def leaves():
    return [
        Leaf("2160250", basic=D("4236518.42"), budget_full_year=D("4300000.00")),
        Leaf("2160299", project=D("1850000.00"), budget_full_year=D("1850000.00")),
        Leaf("2080502", basic=D("98650.00")),
        Leaf("2080505", basic=D("512340.16"), budget_full_year=D("530000.00")),
        Leaf("2080506", basic=D("256170.08"), budget_full_year=D("265000.00")),
        Leaf("2101102", basic=D("238711.35"), budget_full_year=D("240000.00")),
        Leaf("2210201", basic=D("401620.00"), budget_full_year=D("401620.00")),
    ]


def econ(gpb_basic):
    e = {"30102": "1180000.00", "30103": "215600.00", "30107": "968400.00", "30108": "512340.16",
         "30109": "256170.08", "30110": "238711.35", "30112": "31862.40", "30113": "401620.00",
         "30302": "98650.00",
         "30201": "86520.35", "30205": "12036.00", "30206": "58410.62", "30207": "21380.00",
         "30211": "46200.00", "30213": "33850.00", "30215": "18000.00", "30216": "26400.00",
         "30228": "64710.20", "30229": "52300.00", "30239": "118800.00", "30299": "25630.18",
         "31002": "41200.00"}
    e = {k: D(v) for k, v in e.items()}
    e["30101"] = gpb_basic - sum(e.values(), D("0"))
    assert e["30101"] > 0
    return dict(sorted(e.items()))


PRIOR = {"total": D("7985120.30"), "fiscal": D("7985120.30"), "gpb": D("7985120.30")}
REASONS = {
    "total": "本年度川菜产业推广活动经费减少。",
    "gpb": "本年度川菜产业推广活动经费减少。",
    "2160250": "人员变动，按实际支出。",
    "2080505": "人员变动，缴费基数按实际核定。",
    "2080506": "人员变动，缴费基数按实际核定。",
    "2101102": "人员变动，按实际支出。",
}
USES = {
    "2160250": "事业单位人员支出、公用支出",
    "2160299": "川菜产业推广活动、郫县豆瓣品牌宣传",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2101102": "事业单位医疗保险缴费支出",
    "2210201": "按规定为职工缴存住房公积金",
}


def profile():
    return [
        P(f"第一部分 {UNIT}概况", "part", new_page=True),
        P("一、主要职能", "h1"),
        P(f"{UNIT}是成都市郫都区商务局所属事业单位，主要负责川菜产业发展规划的研究和实施；承担川菜产业园区企业服务、"
          "郫县豆瓣地理标志产品保护的辅助性工作；组织川菜文化推广和产业交流活动。"),
        P("二、部门决算单位构成", "h1"),
        P(f"纳入{UNIT} 2024 年度部门决算编制范围的单位为{UNIT}本级。"),
    ]


def build(tweaks=None) -> Filing:
    f = Filing(
        name="pidu_chuancai_2024", unit_name=UNIT, year=2024, province="四川省", prefecture="成都市",
        county="郫都区", adcode="510117", currency="元", leaves=leaves(), econ={},
        three_public=ThreePublic(budget={}, final={}),
        layout=Layout(unit_heading=f"第二部分 {UNIT} 2024 年度部门决算表", split_codes=True, econ_groups=2, name_width=70.0, econ_name_width=92.0,
                      landscape=("income", "expenditure", "three_public", "government_fund", "soe_capital"),
                      summary_name_width=150.0, compiler_line=True, font_size=8.5),
    )
    f.econ = econ(f.by_prefix("", "gpb_basic"))
    f.parts = (common.cover_toc(f, ["成都市郫都区", "示例川菜产业促进中心"]) + profile()
               + [NineTables()]
               + common.narrative(f, PRIOR, REASONS, USES, tweaks) + common.glossary())
    return f
