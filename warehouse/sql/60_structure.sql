-- structure: per standing filing the ratios researchers compare, each with its numerator and
-- denominator (exact yuan or counts) and where they come from. value = numerator / denominator
-- (NULL where the denominator is zero or not stated). Per-staff ratios only where the filing states
-- its staff (narrative_facts staff_total).
CREATE OR REPLACE VIEW structure AS
WITH totals AS (  -- the total rows of tables 2 and 3 (code NULL), first printed
    SELECT doc_id, statement, measure, amount_yuan
    FROM line_items
    WHERE statement IN ('income', 'expenditure') AND code IS NULL
    QUALIFY row_number() OVER (PARTITION BY doc_id, statement, measure ORDER BY page, "row") = 1
),
economic AS (  -- table 6 by economic 类: 人员经费 (301, 303) and 公用经费 (the rest)
    SELECT doc_id,
           sum(amount_yuan) FILTER (WHERE code IN (SELECT code FROM personnel_classes)) AS personnel,
           sum(amount_yuan) FILTER (WHERE code NOT IN (SELECT code FROM personnel_classes)) AS public
    FROM line_items
    WHERE statement = 'gpb_basic_expenditure' AND classification = 'economic' AND code_level = 1
    GROUP BY doc_id
),
three_public AS (
    SELECT doc_id, amount_yuan FROM line_items
    WHERE statement = 'three_public' AND item = '合计' AND measure = 'final'
    QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY page, "row") = 1
),
facts AS (
    SELECT doc_id, fact, value FROM narrative_facts
    WHERE fact IN ('staff_total', 'org_running_cost') AND code IS NULL
    QUALIFY row_number() OVER (PARTITION BY doc_id, fact ORDER BY page) = 1
),
ratios AS (
    SELECT doc_id, 'basic_share' AS ratio, '基本支出' AS numerator_label, b.amount_yuan AS numerator,
           '本年支出合计' AS denominator_label, t.amount_yuan AS denominator, 'yuan' AS unit
    FROM totals t JOIN totals b USING (doc_id, statement)
    WHERE t.statement = 'expenditure' AND t.measure = 'total' AND b.measure = 'basic'
    UNION ALL
    SELECT doc_id, 'project_share', '项目支出', p.amount_yuan, '本年支出合计', t.amount_yuan, 'yuan'
    FROM totals t JOIN totals p USING (doc_id, statement)
    WHERE t.statement = 'expenditure' AND t.measure = 'total' AND p.measure = 'project'
    UNION ALL
    SELECT doc_id, 'fiscal_appropriation_share', '财政拨款收入', a.amount_yuan, '本年收入合计', t.amount_yuan, 'yuan'
    FROM totals t JOIN totals a USING (doc_id, statement)
    WHERE t.statement = 'income' AND t.measure = 'total' AND a.measure = 'fiscal_appropriation'
    UNION ALL
    SELECT doc_id, 'personnel_share', '人员经费（301+303）', personnel, '基本支出（一般公共预算财政拨款）',
           personnel + public, 'yuan' FROM economic
    UNION ALL
    SELECT doc_id, 'personnel_to_public', '人员经费（301+303）', personnel, '公用经费', public, 'yuan' FROM economic
    UNION ALL
    SELECT tp.doc_id, 'three_public_per_staff', '“三公”经费决算数', tp.amount_yuan, '实有人数', s.value, 'yuan per person'
    FROM three_public tp JOIN facts s ON s.doc_id = tp.doc_id AND s.fact = 'staff_total'
    UNION ALL
    SELECT o.doc_id, 'org_running_cost_per_staff', '机关运行经费', o.value, '实有人数', s.value, 'yuan per person'
    FROM facts o JOIN facts s ON s.doc_id = o.doc_id AND o.fact = 'org_running_cost' AND s.fact = 'staff_total'
)
SELECT f.doc_id, f.unit_name, k.kind AS unit_kind, f.fiscal_year, f.phase, f.scope, f.province, f.prefecture,
       f.county, f.adcode, r.ratio, r.numerator_label, CAST(r.numerator AS DECIMAL(20, 4)) AS numerator,
       r.denominator_label, CAST(r.denominator AS DECIMAL(20, 4)) AS denominator,
       -- DuckDB divides decimals in double precision: six decimals of it are exact
       CASE WHEN r.denominator <> 0 THEN CAST(round(r.numerator / r.denominator, 6) AS DECIMAL(20, 6)) END AS value,
       r.unit
FROM ratios r
JOIN filings f ON f.doc_id = r.doc_id AND f.stands
LEFT JOIN unit_kind k ON k.unit_name = f.unit_name AND k.adcode IS NOT DISTINCT FROM f.adcode;
