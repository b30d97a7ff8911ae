# Narrative facts of the seed filing, 焉耆回族自治县社会保险中心 2023 年度部门决算公开说明, typed by reading
# the seed text (../shared/seed/000_24df321908323c58.txt, lines 1-466 and the closing 十二、其他需说明的
# 事项), not produced by the parser. The test reads them from the generator's reconstruction of the seed
# (samples/filings/yanqi.py → yanqi_shebao_2023.pdf); the pages are those of that PDF (narrative on
# pages 3-8, 十二 on page 28, the 绩效自评表 on pages 9-27, 名词解释 from page 29, tables after).
#
# Each fact: (fact key, item path or None, code or None, value as printed, printed unit, page)
# printed unit: "万元" (stored as yuan × 10000), "%" (percent), "count".
# Signs: 增加/增长 positive, 减少/下降 negative.
# Item paths are written with full-width brackets; codes are those the PDF's 一般公共预算财政拨款支出决算表
# prints (checked against reference/data/function_items.csv). Item 13 (2080199 其他人力资源和社会保障管理
# 事务支出, 0.00 万元) is not printed in the tables: its code comes from the catalog (exact name).
#
# Notes on the seed's text:
# - 一 prints 收入总计 and 支出总计 separately (no "收入支出总计"): income_grand_total / expenditure_grand_total.
# - 四/五（一） compare with the 年初预算 (317.31) only; no 全年预算 is stated for the totals.
# - 五（三） states no budget figure for any item (only 支出决算数 and the change on 上年决算): the filing
#   has no item_budget_initial / item_budget_full_year facts.
# - 七 compares 三公 with the 全年预算 (1.13): stored as the 三公 keys' _budget.
# - item 13: "下降 100%" is printed without decimals.
# - 十二 repeats "授予中小企业合同金额 0.00 万元" (page 28).
# - Stated but without a contract key (logged, not stored): 下设 4 个处室; 因公出国（境）团组 0 个 / 0 人次;
#   国内公务接待 0 批次 / 0 人次; 固定资产原值 111.09 万元; 房屋 0.00 平方米 价值 0.00 万元; 车辆价值 25.20 万元;
#   十一 整体支出绩效自评表 1 个 (586.22 / 586.22 万元), 预算绩效评价项目 9 个 (7,015.56 / 7,015.56 万元).

UNIT = "焉耆回族自治县社会保险中心"
FISCAL_YEAR = 2023
PDF = "yanqi_shebao_2023.pdf"

C208 = "社会保障和就业支出（类）"
C210 = "卫生健康支出（类）"
C221 = "住房保障支出（类）"
C229 = "其他支出（类）"
I1 = "社会保障和就业支出（类）人力资源和社会保障管理事务（款）行政运行（项）"
I2 = "社会保障和就业支出（类）人力资源和社会保障管理事务（款）社会保险经办机构（项）"
I3 = "社会保障和就业支出（类）人力资源和社会保障管理事务（款）事业运行（项）"
I4 = "社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）"
I5 = "社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）"
I6 = "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）"
I7 = "社会保障和就业支出（类）企业改革补助（款）企业关闭破产补助（项）"
I8 = "卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）"
I9 = "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）"
I10 = "卫生健康支出（类）行政事业单位医疗（款）公务员医疗补助（项）"
I11 = "住房保障支出（类）住房改革支出（款）住房公积金（项）"
I12 = "其他支出（类）其他支出（款）其他支出（项）"
I13 = "社会保障和就业支出（类）人力资源和社会保障管理事务（款）其他人力资源和社会保障管理事务支出（项）"

# 五（三）: item → (code, 项 name in function_items.csv, in the PDF's tables?)
ITEMS = {
    I1: ("2080101", "行政运行", True),
    I2: ("2080109", "社会保险经办机构", True),
    I3: ("2080150", "事业运行", True),
    I4: ("2080501", "行政单位离退休", True),
    I5: ("2080502", "事业单位离退休", True),
    I6: ("2080505", "机关事业单位基本养老保险缴费支出", True),
    I7: ("2080601", "企业关闭破产补助", True),
    I8: ("2101101", "行政单位医疗", True),
    I9: ("2101102", "事业单位医疗", True),
    I10: ("2101103", "公务员医疗补助", True),
    I11: ("2210201", "住房公积金", True),
    I12: ("2299901", "其他支出", True),
    I13: ("2080199", "其他人力资源和社会保障管理事务支出", False),
}

FACTS = [
    # 第一部分 二、机构设置及人员情况 (p3)
    ("staff_total", None, None, "38", "count", 3),
    ("staff_active", None, None, "22", "count", 3),
    ("staff_lixiu", None, None, "0", "count", 3),
    ("staff_retired", None, None, "16", "count", 3),
    # 一、收入支出决算总体情况 (p4)
    ("income_grand_total", None, None, "586.22", "万元", 4),
    ("income_total", None, None, "586.22", "万元", 4),
    ("non_fiscal_balance_used", None, None, "0.00", "万元", 4),
    ("opening_balance", None, None, "0.00", "万元", 4),
    ("expenditure_grand_total", None, None, "586.22", "万元", 4),
    ("expenditure_total", None, None, "586.22", "万元", 4),
    ("balance_distribution", None, None, "0.00", "万元", 4),
    ("closing_balance", None, None, "0.00", "万元", 4),
    ("total_income_expenditure_change", None, None, "183.31", "万元", 4),
    ("total_income_expenditure_change_pct", None, None, "45.50", "%", 4),
    # 二、收入决算 (p4)
    ("income_fiscal_appropriation", None, None, "586.22", "万元", 4),
    ("income_fiscal_appropriation_share_pct", None, None, "100.00", "%", 4),
    ("income_superior_subsidy", None, None, "0.00", "万元", 4),
    ("income_superior_subsidy_share_pct", None, None, "0.00", "%", 4),
    ("income_business", None, None, "0.00", "万元", 4),
    ("income_operating", None, None, "0.00", "万元", 4),
    ("income_affiliated_remittance", None, None, "0.00", "万元", 4),
    ("income_other", None, None, "0.00", "万元", 4),
    ("income_other_share_pct", None, None, "0.00", "%", 4),
    # 三、支出决算 (p4)
    ("basic_expenditure", None, None, "497.53", "万元", 4),
    ("basic_expenditure_share_pct", None, None, "84.87", "%", 4),
    ("project_expenditure", None, None, "88.69", "万元", 4),
    ("project_expenditure_share_pct", None, None, "15.13", "%", 4),
    ("expenditure_remit_to_superior", None, None, "0.00", "万元", 4),
    ("expenditure_operating", None, None, "0.00", "万元", 4),
    ("expenditure_subsidy_to_affiliated", None, None, "0.00", "万元", 4),
    ("expenditure_subsidy_to_affiliated_share_pct", None, None, "0.00", "%", 4),
    # 四、财政拨款收入支出 (p4)
    ("fiscal_income_total", None, None, "586.22", "万元", 4),
    ("fiscal_opening_balance", None, None, "0.00", "万元", 4),
    ("fiscal_income", None, None, "586.22", "万元", 4),
    ("fiscal_expenditure_total", None, None, "586.22", "万元", 4),
    ("fiscal_closing_balance", None, None, "0.00", "万元", 4),
    ("fiscal_expenditure", None, None, "586.22", "万元", 4),
    ("fiscal_total_change", None, None, "183.31", "万元", 4),
    ("fiscal_total_change_pct", None, None, "45.50", "%", 4),
    ("fiscal_total_budget_initial", None, None, "317.31", "万元", 4),
    ("fiscal_total", None, None, "586.22", "万元", 4),  # 决算数 586.22
    ("fiscal_total_budget_variance_pct", None, None, "84.75", "%", 4),
    # 五（一） (p4)
    ("gpb_expenditure", None, None, "586.22", "万元", 4),
    ("gpb_expenditure_share_pct", None, None, "100.00", "%", 4),
    ("gpb_expenditure_change", None, None, "183.31", "万元", 4),
    ("gpb_expenditure_change_pct", None, None, "45.50", "%", 4),
    ("gpb_expenditure_budget_initial", None, None, "317.31", "万元", 4),
    ("gpb_expenditure_budget_variance_pct", None, None, "84.75", "%", 4),
    # 五（二） structure by 类 (p5)
    ("item_final", C208, "208", "425.24", "万元", 5),
    ("class_share_pct", C208, "208", "72.54", "%", 5),
    ("item_final", C210, "210", "35.31", "万元", 5),
    ("class_share_pct", C210, "210", "6.02", "%", 5),
    ("item_final", C221, "221", "29.84", "万元", 5),
    ("class_share_pct", C221, "221", "5.09", "%", 5),
    ("item_final", C229, "229", "95.83", "万元", 5),
    ("class_share_pct", C229, "229", "16.35", "%", 5),
    # 五（三） the thirteen items: 支出决算数, change on 上年决算 (amount, %)
    ("item_final", I1, "2080101", "140.72", "万元", 5),
    ("item_change", I1, "2080101", "-40.58", "万元", 5),
    ("item_change_pct", I1, "2080101", "-22.38", "%", 5),
    ("item_final", I2, "2080109", "2.00", "万元", 5),
    ("item_change", I2, "2080109", "-2.00", "万元", 5),
    ("item_change_pct", I2, "2080109", "-50.00", "%", 5),
    ("item_final", I3, "2080150", "146.12", "万元", 5),
    ("item_change", I3, "2080150", "41.92", "万元", 5),
    ("item_change_pct", I3, "2080150", "40.23", "%", 5),
    ("item_final", I4, "2080501", "8.13", "万元", 5),
    ("item_change", I4, "2080501", "1.98", "万元", 5),
    ("item_change_pct", I4, "2080501", "32.20", "%", 5),
    ("item_final", I5, "2080502", "1.23", "万元", 5),
    ("item_change", I5, "2080502", "1.23", "万元", 5),
    ("item_change_pct", I5, "2080502", "100.00", "%", 5),
    ("item_final", I6, "2080505", "38.34", "万元", 5),
    ("item_change", I6, "2080505", "5.67", "万元", 5),
    ("item_change_pct", I6, "2080505", "17.36", "%", 5),
    ("item_final", I7, "2080601", "88.69", "万元", 5),
    ("item_change", I7, "2080601", "74.77", "万元", 5),
    ("item_change_pct", I7, "2080601", "537.14", "%", 5),
    ("item_final", I8, "2101101", "14.30", "万元", 5),
    ("item_change", I8, "2101101", "3.43", "万元", 5),
    ("item_change_pct", I8, "2101101", "31.55", "%", 5),
    ("item_final", I9, "2101102", "11.83", "万元", 5),
    ("item_change", I9, "2101102", "0.63", "万元", 5),
    ("item_change_pct", I9, "2101102", "5.62", "%", 5),
    ("item_final", I10, "2101103", "9.17", "万元", 6),
    ("item_change", I10, "2101103", "1.58", "万元", 6),
    ("item_change_pct", I10, "2101103", "20.82", "%", 6),
    ("item_final", I11, "2210201", "29.84", "万元", 6),
    ("item_change", I11, "2210201", "-0.34", "万元", 6),
    ("item_change_pct", I11, "2210201", "-1.13", "%", 6),
    ("item_final", I12, "2299901", "95.83", "万元", 6),
    ("item_change", I12, "2299901", "95.83", "万元", 6),
    ("item_change_pct", I12, "2299901", "100.00", "%", 6),
    ("item_final", I13, "2080199", "0.00", "万元", 6),
    ("item_change", I13, "2080199", "-0.82", "万元", 6),
    ("item_change_pct", I13, "2080199", "-100", "%", 6),
    # 六、基本支出 (p6)
    ("gpb_basic_expenditure", None, None, "497.53", "万元", 6),
    ("personnel_funds", None, None, "490.80", "万元", 6),
    ("public_funds", None, None, "6.73", "万元", 6),
    # 七、三公 (p6; the budget comparison runs onto p7)
    ("three_public_final", None, None, "1.13", "万元", 6),
    ("three_public_final_change", None, None, "-0.07", "万元", 6),
    ("three_public_final_change_pct", None, None, "-5.83", "%", 6),
    ("three_public_overseas_final", None, None, "0.00", "万元", 6),
    ("three_public_overseas_share_pct", None, None, "0.00", "%", 6),
    ("three_public_overseas_final_change", None, None, "0.00", "万元", 6),
    ("three_public_overseas_final_change_pct", None, None, "0.00", "%", 6),
    ("three_public_vehicle_final", None, None, "1.13", "万元", 6),
    ("three_public_vehicle_share_pct", None, None, "100.00", "%", 6),
    ("three_public_vehicle_final_change", None, None, "-0.07", "万元", 6),
    ("three_public_vehicle_final_change_pct", None, None, "-5.83", "%", 6),
    ("three_public_reception_final", None, None, "0.00", "万元", 6),
    ("three_public_reception_share_pct", None, None, "0.00", "%", 6),
    ("three_public_reception_final_change", None, None, "0.00", "万元", 6),
    ("three_public_reception_final_change_pct", None, None, "0.00", "%", 6),
    ("three_public_vehicle_purchase_final", None, None, "0.00", "万元", 6),
    ("three_public_vehicle_operation_final", None, None, "1.13", "万元", 6),
    ("vehicles_purchased", None, None, "0", "count", 6),
    ("vehicles_official", None, None, "2", "count", 6),
    ("vehicles", None, None, "2", "count", 6),  # 国有资产占用情况中固定资产车辆 2 辆
    ("three_public_budget", None, None, "1.13", "万元", 6),  # 全年预算数
    ("three_public_budget_variance_pct", None, None, "0.00", "%", 6),
    ("three_public_overseas_budget", None, None, "0.00", "万元", 7),
    ("three_public_overseas_budget_variance_pct", None, None, "0.00", "%", 7),
    ("three_public_vehicle_purchase_budget", None, None, "0.00", "万元", 7),
    ("three_public_vehicle_purchase_budget_variance_pct", None, None, "0.00", "%", 7),
    ("three_public_vehicle_operation_budget", None, None, "1.13", "万元", 7),
    ("three_public_vehicle_operation_final", None, None, "1.13", "万元", 7),
    ("three_public_vehicle_operation_budget_variance_pct", None, None, "0.00", "%", 7),
    ("three_public_reception_budget", None, None, "0.00", "万元", 7),
    ("three_public_reception_budget_variance_pct", None, None, "0.00", "%", 7),
    # 十（一）机关运行经费 (p7)
    ("org_running_cost", None, None, "6.73", "万元", 7),
    ("org_running_cost_change", None, None, "-1.52", "万元", 7),
    ("org_running_cost_change_pct", None, None, "-18.42", "%", 7),
    # 十（二）政府采购 (p7)
    ("procurement_total", None, None, "0.00", "万元", 7),
    ("procurement_goods", None, None, "0.00", "万元", 7),
    ("procurement_works", None, None, "0.00", "万元", 7),
    ("procurement_services", None, None, "0.00", "万元", 7),
    ("procurement_sme_won", None, None, "0.00", "万元", 7),
    ("procurement_sme_won_share_pct", None, None, "0.00", "%", 7),
    ("procurement_micro_won", None, None, "0.00", "万元", 7),
    ("procurement_micro_won_share_pct", None, None, "0.00", "%", 7),
    # 十（三）国有资产 (p7)
    ("vehicles", None, None, "2", "count", 7),
    ("vehicles_ministerial", None, None, "0", "count", 7),
    ("vehicles_principal", None, None, "1", "count", 7),
    ("vehicles_confidential", None, None, "0", "count", 7),
    ("vehicles_emergency", None, None, "1", "count", 7),
    ("vehicles_law_enforcement", None, None, "0", "count", 7),
    ("vehicles_special", None, None, "0", "count", 7),
    ("vehicles_retired_cadres", None, None, "0", "count", 7),
    ("vehicles_other", None, None, "0", "count", 7),
    ("equipment_over_1m", None, None, "0", "count", 7),
    # 十二、其他需说明的事项 (p28)
    ("procurement_sme_won", None, None, "0.00", "万元", 28),
]

# stated reasons: (fact, item, page, a phrase the reason contains — compared without whitespace)
REASONS = [
    ("total_income_expenditure_change", None, 4, "人员工资增长，社保、公积金基数调增"),
    ("total_income_expenditure_change_pct", None, 4, "企业关闭破产退休人员生活项目补助资金于2023年发放"),
    ("fiscal_total_change", None, 4, "本年度减少公务员1人，新增事业编2人"),
    ("fiscal_total_budget_initial", None, 4, "年中追加人员工资、社保、公积金调增部分"),
    ("gpb_expenditure_budget_variance_pct", None, 4, "医疗费补助"),
    ("item_change", I1, 5, "本年度部分人员经费调整至事业运行列支"),
    ("item_change", I2, 5, "本年度减少办公费及生活补助"),
    ("item_change", I3, 5, "从行政运行科目调整至本科目列支"),
    ("item_change", I4, 5, "本年退休人员绩效增加"),
    ("item_change", I5, 5, "上年事业退休人员经费在行政单位离退休列支"),
    ("item_change", I6, 5, "养老保险缴费基数调增"),
    ("item_change", I7, 5, "增加2022年7月-12月企业关闭破产退休人员生活项目补助资金"),
    ("item_change", I8, 5, "医疗保险缴费基数调增"),
    ("item_change", I9, 5, "医疗保险缴费基数调增"),
    ("item_change", I10, 6, "公务员医疗补助支出增加"),
    ("item_change", I11, 6, "本年度减少公务员1人，住房公积金支出减少"),
    ("item_change", I12, 6, "增加医疗费补助"),
    ("item_change", I13, 6, "聘用人员工资并入主科目列支"),
    ("three_public_final_change", None, 6, "减少公务用车使用频次"),
    ("three_public_overseas_final_change", None, 6, "我单位无因公出国（境）费"),
    ("three_public_vehicle_final_change_pct", None, 6, "严格执行中央八项规定"),
    ("three_public_reception_final_change", None, 6, "我单位无公务接待费"),
    ("vehicles", None, 6, "固定资产车辆与公务用车保有量一致无差异"),
    ("three_public_budget_variance_pct", None, 6, "严格按照预算执行，无差异"),
    ("three_public_vehicle_purchase_budget_variance_pct", None, 7, "我单位无公务用车购置费"),
    ("org_running_cost_change", None, 7, "厉行节约，减少公用经费支出"),
]

# the pages of the generated PDF that print narrative facts (pages 9-27 are the 绩效自评表, printed as
# text; page 29 on is 名词解释 and the tables)
NARRATIVE_PAGES = {3, 4, 5, 6, 7, 8, 28}
