-- execution: what a unit planned against what it spent — per unit (series), year, scope, statement,
-- side, code (a total row: its item) and measure, the budget's figure, the final accounts' figure and
-- the execution rate (final / budget, percent). A budget filing and final accounts are paired when they
-- continue the same series (unit_series: adcode and normalised name, renames through the alias list)
-- for the same fiscal_year and scope; nothing else is guessed. The 三公 table compares the budget's
-- 预算数 with the final accounts' 决算数 (measure `amount` here). A figure printed in one of the two
-- filings only is listed with the other side NULL and `match` saying which; filings with no partner
-- are in execution_unmatched.
CREATE OR REPLACE VIEW execution_figures AS
SELECT s.series_id, s.series_name, u.fiscal_year, u.phase, u.scope, u.unit_name, u.adcode, u.doc_id,
       u.statement, u.side, u.code, u.code_level, u.item,
       coalesce(u.series_code, u.item) AS figure_key,
       CASE WHEN u.statement = 'three_public' THEN 'amount' ELSE u.measure END AS measure,
       u.amount_yuan, u.page
FROM unit_years u
JOIN unit_series s USING (doc_id)
WHERE u.statement <> 'three_public'
   OR (u.phase = 'budget' AND u.measure = 'budget') OR (u.phase = 'final' AND u.measure = 'final');

CREATE OR REPLACE VIEW execution_pairs AS
SELECT b.series_id, b.fiscal_year, b.scope, b.doc_id AS budget_doc_id, f.doc_id AS final_doc_id
FROM (SELECT DISTINCT series_id, fiscal_year, scope, doc_id FROM unit_series WHERE phase = 'budget') b
JOIN (SELECT DISTINCT series_id, fiscal_year, scope, doc_id FROM unit_series WHERE phase = 'final') f
  USING (series_id, fiscal_year, scope);

CREATE OR REPLACE VIEW execution AS
WITH b AS (
    SELECT x.* FROM execution_figures x JOIN execution_pairs p ON x.doc_id = p.budget_doc_id
),
f AS (
    SELECT x.* FROM execution_figures x JOIN execution_pairs p ON x.doc_id = p.final_doc_id
)
SELECT coalesce(b.series_id, f.series_id) AS series_id, coalesce(b.series_name, f.series_name) AS series_name,
       coalesce(b.fiscal_year, f.fiscal_year) AS fiscal_year, coalesce(b.scope, f.scope) AS scope,
       coalesce(f.unit_name, b.unit_name) AS unit_name, coalesce(f.adcode, b.adcode) AS adcode,
       coalesce(b.statement, f.statement) AS statement, coalesce(b.side, f.side) AS side,
       coalesce(b.code, f.code) AS code, coalesce(b.code_level, f.code_level) AS code_level,
       coalesce(b.item, f.item) AS item, coalesce(b.measure, f.measure) AS measure,
       b.amount_yuan AS budget_yuan, f.amount_yuan AS final_yuan,
       CASE WHEN b.amount_yuan <> 0 THEN CAST(round(100 * f.amount_yuan / b.amount_yuan, 2) AS DECIMAL(12, 2)) END
           AS execution_rate_pct,
       CASE WHEN b.doc_id IS NULL THEN 'not in the budget'
            WHEN f.doc_id IS NULL THEN 'not in the final accounts'
            ELSE 'matched' END AS match,
       b.doc_id AS budget_doc_id, b.page AS budget_page, f.doc_id AS final_doc_id, f.page AS final_page
FROM b
FULL OUTER JOIN f
  ON b.series_id = f.series_id AND b.fiscal_year = f.fiscal_year AND b.scope = f.scope
 AND b.statement = f.statement AND b.side IS NOT DISTINCT FROM f.side AND b.figure_key = f.figure_key
 AND b.measure = f.measure;

-- execution_unmatched: every standing filing of one phase with no filing of the other phase for its
-- unit (series), year and scope — listed, not paired by a guess.
CREATE OR REPLACE VIEW execution_unmatched AS
SELECT s.series_id, s.series_name, s.fiscal_year, s.scope, s.phase, s.unit_name, s.adcode, s.doc_id,
       CASE s.phase WHEN 'budget' THEN 'no final accounts filed for this unit, year and scope'
                    ELSE 'no budget filed for this unit, year and scope' END AS reason
FROM unit_series s
WHERE NOT EXISTS (SELECT 1 FROM unit_series o
                  WHERE o.series_id = s.series_id AND o.fiscal_year = s.fiscal_year AND o.scope = s.scope
                    AND o.phase <> s.phase);
