-- unit_kind: one row per unit (name and adcode) with the kind of unit it is, and the rule that
-- decided: a name rule (reference/data/unit_kinds.csv, lowest priority first), else the dominant
-- 类 of its expenditure where one kind of unit dominates that 类 (class_kinds.csv), else unknown.
CREATE OR REPLACE VIEW unit_kind AS
WITH units AS (
    SELECT DISTINCT unit_name, adcode FROM filings
),
by_name AS (
    SELECT u.unit_name, u.adcode, r.kind, r.priority, r.pattern
    FROM units u JOIN unit_kind_rules r ON regexp_matches(u.unit_name, r.pattern)
    QUALIFY row_number() OVER (PARTITION BY u.unit_name, u.adcode ORDER BY r.priority) = 1
),
by_class AS (
    SELECT f.unit_name, f.adcode, l.code, sum(l.amount_yuan) AS amount
    FROM line_items l JOIN filings f USING (doc_id)
    WHERE f.stands AND l.statement = 'expenditure' AND l.measure = 'total' AND l.code_level = 1
    GROUP BY ALL
),
dominant AS (
    SELECT unit_name, adcode, code,
           CAST(amount AS DOUBLE) / nullif(CAST(sum(amount) OVER (PARTITION BY unit_name, adcode) AS DOUBLE), 0) AS share
    FROM by_class
    QUALIFY row_number() OVER (PARTITION BY unit_name, adcode ORDER BY amount DESC, code) = 1
)
SELECT u.unit_name, u.adcode,
       coalesce(n.kind, c.kind, 'unknown') AS kind,
       CASE WHEN n.kind IS NOT NULL THEN format('name matches /{}/ (rule {})', n.pattern, n.priority)
            WHEN c.kind IS NOT NULL THEN format('dominant 类 {} ({:.1f}% of expenditure)', d.code, 100 * d.share)
            ELSE 'no name rule matches and no 类 decides' END AS rule,
       d.code AS dominant_class, d.share AS dominant_share
FROM units u
LEFT JOIN by_name n ON n.unit_name = u.unit_name AND n.adcode IS NOT DISTINCT FROM u.adcode
LEFT JOIN dominant d ON d.unit_name = u.unit_name AND d.adcode IS NOT DISTINCT FROM u.adcode
LEFT JOIN class_kinds c ON c.code = d.code AND d.share >= 0.5;
