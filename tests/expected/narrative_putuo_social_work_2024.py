# Narrative facts of "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf" (narrative pages 17-22),
# typed by reading the pages (not produced by the parser).
#
# Each fact: (fact key, item path or None, code or None, value as printed, printed unit, page)
# printed unit: "万元" (stored as yuan × 10000), "%" (percent), "count".
# Signs: 增加/增长 positive, 减少/下降 negative.
# The item paths are written with full-width brackets; codes are those the filing's tables 2/3/5 print.
# Notes on the filing:
# - 五（三） says "完成年初预算的95.89%", but the 年初预算 is 0 and 307.82/321.02 = 95.89%: the ratio is
#   against the 全年预算 (recorded as printed under gpb_expenditure_completion_pct).
# - item 8 (住房公积金) is described as "事业单位医疗保险支出" (a copy-paste slip in the text).
# - the unit was founded in 2024: every year-on-year change equals the 2024 figure (+100.00%).

from tests.paths import FILINGS  # the header above is the module's documentation

FILE = str(FILINGS / "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf")
DOC_YEAR = 2024

C201 = "一般公共服务支出（类）"
C208 = "社会保障和就业支出（类）"
C210 = "卫生健康支出（类）"
C221 = "住房保障支出（类）"
I1 = "一般公共服务支出（类）社会工作事务（款）行政运行（项）"
I2 = "一般公共服务支出（类）社会工作事务（款）事业运行（项）"
I3 = "一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）"
I4 = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
I5 = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）"
I6 = "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）"
I7 = "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）"
I8 = "住房保障支出（类）住房改革支出（款）住房公积金（项）"
I9 = "住房保障支出（类）住房改革支出（款）购房补贴（项）"

FACTS = [
    # 一、收入支出决算总体情况说明 (p17)
    ("total_income_expenditure", None, None, "307.82", "万元", 17),
    ("total_income_expenditure_change", None, None, "307.82", "万元", 17),
    ("total_income_expenditure_change_pct", None, None, "100.00", "%", 17),
    # 二、收入决算 (p17)
    ("income_total", None, None, "307.82", "万元", 17),
    ("income_fiscal_appropriation", None, None, "307.82", "万元", 17),
    ("income_fiscal_appropriation_share_pct", None, None, "100.00", "%", 17),
    # 三、支出决算 (p17)
    ("expenditure_total", None, None, "307.82", "万元", 17),
    ("basic_expenditure", None, None, "105.58", "万元", 17),
    ("basic_expenditure_share_pct", None, None, "34.30", "%", 17),
    ("project_expenditure", None, None, "202.24", "万元", 17),
    ("project_expenditure_share_pct", None, None, "65.70", "%", 17),
    # 四、财政拨款收入支出 (p17)
    ("fiscal_total", None, None, "307.82", "万元", 17),
    ("fiscal_total_change", None, None, "307.82", "万元", 17),
    ("fiscal_total_change_pct", None, None, "100.00", "%", 17),
    # 五（一） (p17, continued on p18)
    ("gpb_expenditure", None, None, "307.82", "万元", 17),
    ("gpb_expenditure_share_pct", None, None, "100.00", "%", 18),
    ("gpb_expenditure_change", None, None, "307.82", "万元", 18),
    ("gpb_expenditure_change_pct", None, None, "100.00", "%", 18),
    # 五（二） structure by 类 (p18)
    ("item_final", C201, "201", "264.87", "万元", 18),
    ("class_share_pct", C201, "201", "86.05", "%", 18),
    ("item_final", C208, "208", "10.82", "万元", 18),
    ("class_share_pct", C208, "208", "3.52", "%", 18),
    ("item_final", C210, "210", "2.71", "万元", 18),
    ("class_share_pct", C210, "210", "0.88", "%", 18),
    ("item_final", C221, "221", "29.42", "万元", 18),
    ("class_share_pct", C221, "221", "9.55", "%", 18),
    # 五（三） (p18)
    ("gpb_expenditure_budget_initial", None, None, "0", "万元", 18),
    ("gpb_expenditure_budget_full_year", None, None, "321.02", "万元", 18),
    ("gpb_expenditure_completion_pct", None, None, "95.89", "%", 18),
    # the nine items: 全年预算 and 支出决算
    ("item_budget_full_year", I1, "2013901", "52.00", "万元", 18),
    ("item_final", I1, "2013901", "51.32", "万元", 18),
    ("item_completion_pct", I1, "2013901", "98.69", "%", 18),
    ("item_budget_full_year", I2, "2013950", "17.68", "万元", 18),
    ("item_final", I2, "2013950", "11.31", "万元", 18),
    ("item_budget_full_year", I3, "2013999", "202.24", "万元", 19),
    ("item_final", I3, "2013999", "202.24", "万元", 19),
    ("item_budget_full_year", I4, "2080505", "9.00", "万元", 19),
    ("item_final", I4, "2080505", "6.18", "万元", 19),
    ("item_budget_full_year", I5, "2080506", "5.74", "万元", 19),
    ("item_final", I5, "2080506", "4.64", "万元", 19),
    ("item_budget_full_year", I6, "2101101", "2.23", "万元", 19),
    ("item_final", I6, "2101101", "2.22", "万元", 19),
    ("item_completion_pct", I6, "2101101", "99.55", "%", 19),
    ("item_budget_full_year", I7, "2101102", "2.29", "万元", 19),
    ("item_final", I7, "2101102", "0.49", "万元", 19),
    ("item_budget_full_year", I8, "2210201", "18.12", "万元", 20),
    ("item_final", I8, "2210201", "17.70", "万元", 20),
    ("item_completion_pct", I8, "2210201", "97.68", "%", 20),
    ("item_budget_full_year", I9, "2210203", "11.72", "万元", 20),
    ("item_final", I9, "2210203", "11.72", "万元", 20),
    # 六、基本支出 (p20)
    ("gpb_basic_expenditure", None, None, "105.58", "万元", 20),
    ("personnel_funds", None, None, "95.36", "万元", 20),
    ("public_funds", None, None, "10.23", "万元", 20),
    # 十、预算绩效管理 (p21)
    ("performance_target_projects", None, None, "1", "count", 21),
    ("performance_target_budget", None, None, "175.52", "万元", 21),
    ("performance_monitoring_projects", None, None, "1", "count", 21),
    ("performance_monitoring_budget", None, None, "175.52", "万元", 21),
    ("performance_self_evaluation_projects", None, None, "1", "count", 21),
    ("performance_self_evaluation_budget", None, None, "175.52", "万元", 21),
    ("performance_rated_excellent", None, None, "1", "count", 21),
    ("performance_rated_good", None, None, "0", "count", 21),
    ("performance_rated_pass", None, None, "0", "count", 21),
    ("performance_rated_fail", None, None, "0", "count", 21),
    ("performance_issues_found", None, None, "0", "count", 21),
    # 十一（一）机关运行经费 (p21)
    ("org_running_cost", None, None, "10.23", "万元", 21),
    ("org_running_cost_change", None, None, "10.23", "万元", 21),
    ("org_running_cost_change_pct", None, None, "100.00", "%", 21),
    # 十一（二）政府采购 (p22)
    ("procurement_total", None, None, "21.07", "万元", 22),
    ("procurement_goods", None, None, "21.07", "万元", 22),
    ("procurement_works", None, None, "0", "万元", 22),
    ("procurement_services", None, None, "0", "万元", 22),
    ("procurement_sme_reserved", None, None, "21.07", "万元", 22),
    ("procurement_micro_reserved", None, None, "21.07", "万元", 22),
    ("procurement_sme_reserved_won", None, None, "21.07", "万元", 22),
    ("procurement_micro_reserved_won", None, None, "21.07", "万元", 22),
    ("procurement_sme_other_won", None, None, "21.07", "万元", 22),
    # 十一（三）国有资产 (p22)
    ("vehicles", None, None, "0", "count", 22),
    ("equipment_over_1m", None, None, "0", "count", 22),
]

# stated reasons (fact, item, a phrase the reason contains)
REASONS = [
    ("total_income_expenditure_change", None, "单位于2024年成立"),
    ("item_final", I1, "人员变动引起实际支出低于预算"),
    ("org_running_cost_change_pct", None, "单位于2024年成立"),
]

# 第三部分 sections: (title, first page)
PART3_CHAPTERS = [
    ("一、收入支出决算总体情况说明", 17),
    ("二、收入决算情况说明", 17),
    ("三、支出决算情况说明", 17),
    ("四、财政拨款收入支出决算总体情况说明", 17),
    ("五、一般公共预算财政拨款支出决算情况说明", 17),
    ("六、一般公共预算财政拨款基本支出决算情况说明", 20),
    ("七、财政拨款“三公”经费支出决算情况说明", 20),
    ("八、政府性基金预算财政拨款收入支出决算情况说明", 20),
    ("九、国有资本经营预算财政拨款收入支出决算情况说明", 21),
    ("十、预算绩效管理情况", 21),
    ("十一、其他重要事项的情况说明", 21),
]
PARTS = [
    ("第一部分中共上海市普陀区委社会工作部概况", 4),
    ("第二部分中共上海市普陀区委社会工作部2024年度部门决算表", 5),  # printed only in the 目录; p5 prints the title
    ("第三部分中共上海市普陀区委社会工作部2024年度部门决算情况说明", 17),
    ("第四部分名词解释", 23),
]
