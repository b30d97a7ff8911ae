# Narrative facts of 上海市普陀区财政局2024年度部门决算.pdf (narrative pages 21-24), typed by reading
# the pages (not produced by the parser). Format as in narrative_putuo_social_work_2024.py:
# (fact key, item path or None, code or None, value as printed, printed unit, page).
#
# Findings in the text (recorded as printed, for the data-quality checks):
# - p21 四: "财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平" — table 4 prints
#   总计 2961.68; the text's 0.3 and 持平 (a change of 0) are a filing error, not a parse error.
# - p21 二: 其他收入 printed "6.2万元" (one decimal).
# - p23: "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%", and
#   "决算数与2023年度持平" (a change of 0).

from tests.paths import FILINGS  # the header above is the module's documentation

FILE = str(FILINGS / "上海市普陀区财政局2024年度部门决算.pdf")
DOC_YEAR = 2024

C201 = "一般公共服务支出（类）"
C208 = "社会保障和就业支出（类）"
C210 = "卫生健康支出（类）"
C221 = "住房保障支出（类）"
I1 = "一般公共服务支出（类）财政事务（款）行政运行（项）"
I2 = "一般公共服务支出（类）财政事务（款）一般行政管理事务（项）"
I3 = "一般公共服务支出（类）财政事务（款）信息化建设（项）"
I4 = "一般公共服务支出（类）财政事务（款）财政委托业务支出（项）"
I5 = "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）"
I6 = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
I7 = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）"
I8 = "社会保障和就业支出（类）行政事业单位养老支出（款）其他行政事业单位养老支出（项）"
I9 = "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）"
I10 = "住房保障支出（类）住房改革支出（款）住房公积金（项）"
I11 = "住房保障支出（类）住房改革支出（款）购房补贴（项）"

FACTS = [
    # 一 (p21)
    ("total_income_expenditure", None, None, "2995.39", "万元", 21),
    ("total_income_expenditure_change", None, None, "-56.95", "万元", 21),
    ("total_income_expenditure_change_pct", None, None, "-1.87", "%", 21),
    # 二 (p21)
    ("income_total", None, None, "2946.25", "万元", 21),
    ("income_fiscal_appropriation", None, None, "2940.05", "万元", 21),
    ("income_fiscal_appropriation_share_pct", None, None, "99.79", "%", 21),
    ("income_other", None, None, "6.2", "万元", 21),
    ("income_other_share_pct", None, None, "0.21", "%", 21),
    # 三 (p21)
    ("expenditure_total", None, None, "2940.05", "万元", 21),
    ("basic_expenditure", None, None, "2336.91", "万元", 21),
    ("basic_expenditure_share_pct", None, None, "79.49", "%", 21),
    ("project_expenditure", None, None, "603.14", "万元", 21),
    ("project_expenditure_share_pct", None, None, "20.51", "%", 21),
    # 四 (p21) — the filing's error, as printed
    ("fiscal_total", None, None, "0.3", "万元", 21),
    ("fiscal_total_change", None, None, "0", "万元", 21),
    # 五（一） (p21)
    ("gpb_expenditure", None, None, "2940.05", "万元", 21),
    ("gpb_expenditure_share_pct", None, None, "100.00", "%", 21),
    ("gpb_expenditure_change", None, None, "-63.14", "万元", 21),
    ("gpb_expenditure_change_pct", None, None, "-2.10", "%", 21),
    # 五（二） (p21)
    ("item_final", C201, "201", "2106.66", "万元", 21),
    ("class_share_pct", C201, "201", "71.73", "%", 21),
    ("item_final", C208, "208", "326.72", "万元", 21),
    ("class_share_pct", C208, "208", "11.11", "%", 21),
    ("item_final", C210, "210", "60.99", "万元", 21),
    ("class_share_pct", C210, "210", "2.07", "%", 21),
    ("item_final", C221, "221", "445.69", "万元", 21),
    ("class_share_pct", C221, "221", "15.16", "%", 21),
    # 五（三） (p21)
    ("gpb_expenditure_budget_initial", None, None, "2993.92", "万元", 21),
    ("gpb_expenditure_completion_pct", None, None, "98.20", "%", 21),
    # the eleven items: 年初预算 and 支出决算 (p22)
    ("item_budget_initial", I1, "2010601", "1560.05", "万元", 22),
    ("item_final", I1, "2010601", "1511.89", "万元", 22),
    ("item_budget_initial", I2, "2010602", "10.00", "万元", 22),
    ("item_final", I2, "2010602", "10.00", "万元", 22),
    ("item_budget_initial", I3, "2010607", "135.90", "万元", 22),
    ("item_final", I3, "2010607", "135.25", "万元", 22),
    ("item_budget_initial", I4, "2010608", "450.52", "万元", 22),
    ("item_final", I4, "2010608", "449.52", "万元", 22),
    ("item_budget_initial", I5, "2080501", "85.55", "万元", 22),
    ("item_final", I5, "2080501", "84.65", "万元", 22),
    ("item_budget_initial", I6, "2080505", "161.62", "万元", 22),
    ("item_final", I6, "2080505", "160.75", "万元", 22),
    ("item_budget_initial", I7, "2080506", "80.81", "万元", 22),
    ("item_final", I7, "2080506", "80.38", "万元", 22),
    ("item_budget_initial", I8, "2080599", "0.94", "万元", 22),
    ("item_final", I8, "2080599", "0.94", "万元", 22),
    ("item_budget_initial", I9, "2101101", "62.29", "万元", 22),
    ("item_final", I9, "2101101", "60.99", "万元", 22),
    ("item_budget_initial", I10, "2210201", "187.75", "万元", 22),
    ("item_final", I10, "2210201", "187.19", "万元", 22),
    ("item_budget_initial", I11, "2210203", "258.50", "万元", 22),
    ("item_final", I11, "2210203", "258.50", "万元", 22),
    # 六 (p23)
    ("gpb_basic_expenditure", None, None, "2336.91", "万元", 23),
    ("personnel_funds", None, None, "2152.26", "万元", 23),
    ("public_funds", None, None, "184.65", "万元", 23),
    # 七 三公 (p23)
    ("three_public_budget", None, None, "0.95", "万元", 23),
    ("three_public_final", None, None, "0.00", "万元", 23),
    ("three_public_completion_pct", None, None, "0", "%", 23),
    ("three_public_final_change", None, None, "0", "万元", 23),
    # 十 (p23)
    ("performance_target_projects", None, None, "4", "count", 23),
    ("performance_target_budget", None, None, "598.42", "万元", 23),
    ("performance_self_evaluation_projects", None, None, "4", "count", 23),
    ("performance_self_evaluation_budget", None, None, "598.42", "万元", 23),
    ("performance_rated_excellent", None, None, "4", "count", 23),
    ("performance_issues_found", None, None, "0", "count", 23),
    # 十一（一） (p24)
    ("org_running_cost", None, None, "184.65", "万元", 24),
    ("org_running_cost_change", None, None, "2.55", "万元", 24),
    ("org_running_cost_change_pct", None, None, "1.40", "%", 24),
    # 十一（二） (p24)
    ("procurement_total", None, None, "251.25", "万元", 24),
    ("procurement_goods", None, None, "4.79", "万元", 24),
    ("procurement_works", None, None, "0", "万元", 24),
    ("procurement_services", None, None, "246.47", "万元", 24),
    ("procurement_sme_reserved", None, None, "246.47", "万元", 24),
    ("procurement_micro_reserved", None, None, "0", "万元", 24),
    ("procurement_sme_reserved_won", None, None, "246.47", "万元", 24),
    ("procurement_micro_reserved_won", None, None, "0", "万元", 24),
    ("procurement_sme_other_won", None, None, "4.79", "万元", 24),
    # 十一（三） (p24)
    ("vehicles", None, None, "0", "count", 24),
    ("equipment_over_1m", None, None, "2", "count", 24),
]

REASONS = [
    ("total_income_expenditure_change", None, "合同支付进度条款"),
    ("gpb_expenditure_change_pct", None, "人员进出及退休变化"),
    ("item_final", I3, "产业政策扶持资金管理系统项目进度"),
    ("org_running_cost_change", None, "更换了老旧照明设施"),
]

PART3_CHAPTERS = [
    ("一、收入支出决算总体情况说明", 21),
    ("二、收入决算情况说明", 21),
    ("三、支出决算情况说明", 21),
    ("四、财政拨款收入支出决算总体情况说明", 21),
    ("五、一般公共预算财政拨款支出决算情况说明", 21),
    ("六、一般公共预算财政拨款基本支出决算情况说明", 23),
    ("七、财政拨款“三公”经费支出决算情况说明", 23),
    ("八、政府性基金预算财政拨款收入支出决算情况说明", 23),
    ("九、国有资本经营预算财政拨款收入支出决算情况说明", 23),
    ("十、预算绩效管理情况", 23),
    ("十一、其他重要事项的情况说明", 23),
]
PARTS = [
    ("第一部分上海市普陀区财政局概况", 4),
    ("第二部分上海市普陀区财政局2024年度部门决算表", 6),
    ("第三部分上海市普陀区财政局2024年度部门决算情况说明", 21),
    ("第四部分名词解释", 25),
]
