-- contained_filings: standing filings whose figures a standing department filing (部门决算) of the
-- same year, phase and adcode already contains — a unit its 编制范围 list names (covered_units), or
-- the department's own 本级 filed apart — and which region totals therefore leave out.
CREATE OR REPLACE VIEW contained_filings AS
SELECT u.doc_id, u.unit_name, u.fiscal_year, u.phase, u.scope,
       d.doc_id AS within_doc_id, d.unit_name AS within_unit_name,
       coalesce(c.unit_name, d.unit_name) AS listed_as
FROM filings u
JOIN filings d
  ON d.stands AND u.stands AND d.scope = 'department' AND d.doc_id <> u.doc_id
 AND d.fiscal_year = u.fiscal_year AND d.phase = u.phase AND d.adcode IS NOT DISTINCT FROM u.adcode
LEFT JOIN covered_units c ON c.doc_id = d.doc_id AND juesuan_unit_norm(c.unit_name) = juesuan_unit_norm(u.unit_name)
WHERE c.doc_id IS NOT NULL
   OR (u.scope <> 'department' AND juesuan_unit_norm(u.unit_name) = juesuan_unit_norm(d.unit_name))
-- one row per contained filing (the first department that contains it, by its name in the list)
QUALIFY row_number() OVER (PARTITION BY u.doc_id ORDER BY d.doc_id, c.ordinal) = 1;

-- region_totals: sums by level (county, prefecture, province) and adcode of the figures in frames,
-- without the contained filings; filings = how many filings stand behind each figure, scope = the
-- scopes summed. A coded figure is summed by code (its item is one of the names printed), a total row
-- by its printed item. Prefecture and province totals include the filings placed at those levels.
CREATE OR REPLACE VIEW region_totals AS
WITH counted AS (
    SELECT fr.* FROM frames fr
    WHERE fr.adcode IS NOT NULL AND fr.doc_id NOT IN (SELECT doc_id FROM contained_filings)
),
levels AS (
    SELECT 'county' AS level, adcode AS region_adcode, county AS region, * EXCLUDE (adcode)
    FROM counted WHERE right(adcode, 2) <> '00'
    UNION ALL
    SELECT 'prefecture', left(adcode, 4) || '00', prefecture, * EXCLUDE (adcode) FROM counted
    UNION ALL
    SELECT 'province', left(adcode, 2) || '0000', province, * EXCLUDE (adcode) FROM counted
)
SELECT level, region_adcode AS adcode, min(region) AS region, fiscal_year, phase, statement, side,
       classification, code, code_level, coalesce(total_item, min(item)) AS item, measure,
       sum(amount_yuan) AS amount_yuan, count(DISTINCT doc_id) AS filings,
       string_agg(DISTINCT scope, '+' ORDER BY scope) AS scope
FROM (SELECT *, CASE WHEN code IS NULL THEN item END AS total_item FROM levels)
GROUP BY level, region_adcode, fiscal_year, phase, statement, side, classification, code, code_level, total_item,
         measure;
