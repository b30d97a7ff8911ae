"""浏阳市示例农村经营服务中心 (fictional: its name says so, 示例) 2024 年度部门决算, 湖南省长沙市浏阳市.

Layout features: 万元 with thousands separators ("1,286.45"), 7-digit codes, a narrow 科目名称 column
(names wrap over two or three lines, amounts on the middle/first line), table 6 as three column
groups on a landscape page (runs onto a second page), a blank page after table 4, a non-empty 三公
table, non-fiscal income (事业收入, 其他收入) and carried-over balances.
"""
from ..spec import D, Filing, Layout, Leaf, NineTables, Para as P, ThreePublic
from . import common

UNIT = "浏阳市示例农村经营服务中心"


def leaves():
    return [
        Leaf("2130104", basic=D("1286.45"), budget_full_year=D("1302.00")),
        # project partly paid from 事业收入 (80.00), the rest from the 一般公共预算
        Leaf("2130124", project=D("1432.80"), gpb_project=D("1352.80"), budget_full_year=D("1400.00"),
             income={"fiscal_appropriation": D("1352.80"), "business": D("95.00")}),
        # 25.30 of the year-start fiscal carry-over is spent here
        Leaf("2130106", project=D("326.18"), budget_full_year=D("326.18"),
             income={"fiscal_appropriation": D("300.88")}),
        Leaf("2130199", project=D("58.62"), gpb_project=D("46.12"), budget_full_year=D("50.00"),
             income={"fiscal_appropriation": D("46.12"), "other": D("12.50")}),
        Leaf("2080502", basic=D("35.40")),
        Leaf("2080505", basic=D("142.36"), budget_full_year=D("150.00")),
        Leaf("2080506", basic=D("71.18"), budget_full_year=D("75.00")),
        Leaf("2101102", basic=D("66.27"), budget_full_year=D("68.00")),
        Leaf("2101199", basic=D("4.85")),
        Leaf("2210201", basic=D("118.92"), budget_full_year=D("118.92")),
        Leaf("2210203", basic=D("23.60")),
    ]


def econ(gpb_basic):
    e = {"30102": "302.64", "30103": "41.20", "30107": "286.90", "30108": "142.36", "30109": "71.18",
         "30110": "66.27", "30112": "6.12", "30113": "118.92", "30199": "12.40",
         "30302": "35.40", "30305": "4.85", "30309": "1.20",
         "30201": "18.36", "30205": "2.14", "30206": "9.87", "30207": "4.51", "30211": "12.08",
         "30213": "6.35", "30216": "3.20", "30217": "2.45", "30226": "8.40", "30228": "15.62",
         "30229": "12.30", "30231": "7.86", "30239": "23.60", "30299": "5.27", "31002": "6.80"}
    e = {k: D(v) for k, v in e.items()}
    # 基本工资 takes the remainder so table 6 equals table 5's 基本支出 exactly
    e["30101"] = gpb_basic - sum(e.values(), D("0"))
    assert e["30101"] > 0
    return dict(sorted(e.items()))


PRIOR = {"total": D("3218.40"), "fiscal": D("3052.16"), "gpb": D("3020.55")}
REASONS = {
    "total": "本年度承接农村集体经济组织规范化建设任务，项目支出增加。",
    "gpb": "本年度承接农村集体经济组织规范化建设任务，项目支出增加。",
    "2130104": "人员变动，按实际支出。",
    "2130199": "部分工作延至下年度实施。",
    "2080505": "人员变动，缴费基数按实际核定。",
    "2080506": "人员变动，缴费基数按实际核定。",
    "2101102": "人员变动，按实际支出。",
}
USES = {
    "2130104": "事业单位人员支出、公用支出",
    "2130124": "农村集体经济组织规范化建设、农村集体资产清产核资",
    "2130106": "农业技术推广与培训",
    "2130199": "农村经营管理信息平台运行维护",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2101102": "事业单位医疗保险缴费支出",
    "2210201": "按规定为职工缴存住房公积金",
}


def profile():
    return [
        P(f"第一部分 {UNIT}概况", "part", new_page=True),
        P("一、主要职能", "h1"),
        P(f"{UNIT}是浏阳市农业农村局所属公益一类事业单位，主要负责农村集体资产、资源、资金管理的业务指导；承担农村集体经济组织"
          "规范化建设、农民专业合作社和家庭农场的服务指导；承担农村土地承包经营纠纷调解仲裁的辅助性工作；负责农业技术推广与培训。"),
        P("二、部门决算单位构成", "h1"),
        P(f"纳入{UNIT} 2024 年度部门决算编制范围的单位为{UNIT}本级，无下属预算单位。"),
    ]


def build(tweaks=None) -> Filing:
    f = Filing(
        name="liuyang_nongjing_2024", unit_name=UNIT, year=2024, province="湖南省", prefecture="长沙市",
        county="浏阳市", adcode="430181", currency="万元", leaves=leaves(), econ={},
        three_public=ThreePublic(
            budget={"abroad": D("0.00"), "car_purchase": D("0.00"), "car_running": D("8.50"), "reception": D("3.20")},
            final={"abroad": D("0.00"), "car_purchase": D("0.00"), "car_running": D("7.86"), "reception": D("2.45")}),
        layout=Layout(unit_heading=f"第二部分 {UNIT} 2024 年度部门决算表", thousands=True, econ_groups=3, name_width=78.0, econ_name_width=96.0,
                      landscape=("income", "expenditure", "fiscal_summary", "gpb_basic_expenditure",
                                 "three_public", "government_fund", "soe_capital"),
                      blank_page_after="fiscal_summary", summary_name_width=150.0),
        opening_balance=D("31.70"), opening_fiscal=D("25.30"),
    )
    f.econ = econ(f.by_prefix("", "gpb_basic"))
    f.parts = (common.cover_toc(f, [UNIT]) + profile()
               + [NineTables()]
               + common.narrative(f, PRIOR, REASONS, USES, tweaks) + common.glossary())
    return f
