"""A blank template filing (like ../shared/filings/附件2：部门决算模板.pdf): placeholders, no figures.

The pipeline must recognise it as a template, not ingest it as XX区XX局's accounts.
"""
from ..spec import Cover, Filing, Layout, NineTables, Para as P, ThreePublic, Toc

UNIT = "XX区XX局"


def build() -> Filing:
    f = Filing(name="template_xxqu_xxju", unit_name=UNIT, year=None, province=None, prefecture=None,
               county=None, adcode=None, currency="万元", leaves=[], econ={},
               three_public=ThreePublic(budget={}, final={}), template=True,
               layout=Layout(unit_heading=f"{UNIT} XXXX 年度部门决算表"))
    toc = [f"第一部分 {UNIT}概况", "一、主要职能", "二、部门决算单位构成", f"第二部分 {UNIT} XXXX 年度部门决算表",
           f"第三部分 {UNIT} XXXX 年度部门决算情况说明", "第四部分 名词解释"]
    f.parts = [
        Cover([UNIT, "XXXX 年度部门决算"]), Toc(toc),
        P(f"第一部分 {UNIT}概况", "part", new_page=True),
        P("一、主要职能", "h1"),
        P(f"{UNIT}主要职能是：。。。"),
        P("二、部门决算单位构成", "h1"),
        P(f"纳入{UNIT} XXXX 年度部门决算编制范围的单位包括：。。。"),
        NineTables(),
        P(f"第三部分 {UNIT} XXXX 年度部门决算情况说明", "part", new_page=True),
        P("一、收入支出决算总体情况说明", "h1"),
        P(f"{UNIT} XXXX 年度收入、支出总计 XX 万元。与 XXXX 年度相比，收入、支出总计各增加（减少）XX 万元，增长（下降）XX%。"
          "主要原因：。。。"),
        P("二、收入决算情况说明", "h1"),
        P("本年收入合计 XX 万元，其中：财政拨款收入 XX 万元，占 XX%；事业收入 XX 万元，占 XX%；。。。"),
        P("三、支出决算情况说明", "h1"),
        P("本年支出合计 XX 万元，其中：基本支出 XX 万元，占 XX%；项目支出 XX 万元，占 XX%；。。。"),
        P("第四部分 名词解释", "part", new_page=True),
        P("。。。"),
    ]
    return f
