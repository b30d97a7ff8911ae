-- frames: one figure per filing that stands and per fiscal_year, phase, statement, side, code (or,
-- for a total row, its printed item) and measure — SEC's "frames": one concept, one period, every filer.
CREATE OR REPLACE VIEW frames AS
WITH keyed AS (
    SELECT f.fiscal_year, f.phase, l.statement, l.side, l.classification, l.code, l.code_level, l.measure,
           f.doc_id, f.unit_name, k.kind AS unit_kind, f.scope, f.province, f.prefecture, f.county, f.adcode,
           l.item, l.amount_yuan, l.page, l.code_origin,
           row_number() OVER w AS nth,
           min(l.amount_yuan) OVER w IS NOT DISTINCT FROM max(l.amount_yuan) OVER w AS one_figure,
           coalesce(l.code, l.item) AS key
    FROM line_items l
    JOIN filings f ON f.doc_id = l.doc_id AND f.stands
    LEFT JOIN unit_kind k ON k.unit_name = f.unit_name AND k.adcode IS NOT DISTINCT FROM f.adcode
    WINDOW w AS (PARTITION BY l.doc_id, l.statement, l.side, coalesce(l.code, l.item), l.measure
                 ORDER BY l.page, l."row" ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT fiscal_year, phase, statement, side, classification, code, code_level, measure, doc_id, unit_name,
       unit_kind, scope, province, prefecture, county, adcode, item, amount_yuan, page, code_origin
FROM keyed
-- a row printed twice in one table (repeated on a continuation page) counts once: the first. A code
-- printed on two rows that differ in any figure (北京's 一般公共预算支出表 lists a 项 once per sub-unit,
-- unsorted) has no one figure: none of its rows is the filing's figure for the code, so the filing is
-- left out of the code's frames, every measure, rather than shown with a part (line_items keeps each row).
QUALIFY nth = 1 AND bool_and(one_figure) OVER (PARTITION BY doc_id, statement, side, key);
