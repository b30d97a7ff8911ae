-- frames: one figure per filing that stands and per fiscal_year, phase, statement, side, code (or,
-- for a total row, its printed item) and measure — SEC's "frames": one concept, one period, every filer.
CREATE OR REPLACE VIEW frames AS
SELECT f.fiscal_year, f.phase, l.statement, l.side, l.classification, l.code, l.code_level, l.measure,
       f.doc_id, f.unit_name, k.kind AS unit_kind, f.scope, f.province, f.prefecture, f.county, f.adcode,
       l.item, l.amount_yuan, l.page
FROM line_items l
JOIN filings f ON f.doc_id = l.doc_id AND f.stands
LEFT JOIN unit_kind k ON k.unit_name = f.unit_name AND k.adcode IS NOT DISTINCT FROM f.adcode
-- a figure printed twice in one table (a row repeated on a continuation page) counts once: the first
QUALIFY row_number() OVER (PARTITION BY l.doc_id, l.statement, l.side, coalesce(l.code, l.item), l.measure
                           ORDER BY l.page, l."row") = 1;
