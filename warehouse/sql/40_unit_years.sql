-- unit_series: the series each standing filing continues. Units are matched by adcode and normalised
-- name, a renamed unit through the alias list (reference/data/unit_aliases.csv: the longest old
-- name ending that fits, for any county or for the row's adcode only), and unit_match says how.
CREATE OR REPLACE VIEW unit_series AS
WITH aliased AS (
    SELECT f.doc_id, a.alias_id, a.old_name, a.new_name, a.source
    FROM filings f JOIN unit_aliases a
      ON ends_with(juesuan_unit_norm(f.unit_name), a.old_name) AND (a.adcode IS NULL OR a.adcode = f.adcode)
    QUALIFY row_number() OVER (PARTITION BY f.doc_id ORDER BY length(a.old_name) DESC, a.alias_id) = 1
),
named AS (
    SELECT f.*, a.alias_id, a.old_name, a.new_name, a.source AS alias_source,
           CASE WHEN a.alias_id IS NULL THEN juesuan_unit_norm(f.unit_name)
                ELSE left(juesuan_unit_norm(f.unit_name), length(juesuan_unit_norm(f.unit_name)) - length(a.old_name))
                     || a.new_name END AS series_name
    FROM filings f LEFT JOIN aliased a USING (doc_id)
    WHERE f.stands
)
SELECT doc_id, coalesce(adcode, 'unplaced') || '/' || series_name || '/' || scope AS series_id, series_name,
       unit_name, adcode, fiscal_year, phase, scope,
       CASE WHEN alias_id IS NULL THEN 'adcode and name'
            ELSE format('adcode and alias {}: {} → {}', alias_id, old_name, new_name) END AS unit_match,
       alias_source
FROM named;

-- unit_years: a unit's figures across its years (SEC's "company facts"), codes carried across
-- classification years by the crosswalk (reference/data/code_crosswalk.csv): a figure filed under
-- from_code up to last_year_old continues as to_code; code_match says how, with the row's source.
CREATE OR REPLACE VIEW unit_years AS
SELECT s.series_id, s.series_name, fr.fiscal_year, fr.phase, fr.scope, fr.unit_name, s.unit_match,
       fr.statement, fr.side, fr.classification, fr.code,
       coalesce(x.to_code, fr.code) AS series_code,
       CASE WHEN fr.code IS NULL THEN 'total row'
            WHEN x.crosswalk_id IS NULL THEN 'same code'
            ELSE format('crosswalk {}: {} {} → {} {} ({} from {})', x.crosswalk_id, x.from_code, x.from_name,
                        x.to_code, x.to_name, x.change, x.first_year_new) END AS code_match,
       x.source AS code_source,
       fr.code_level, fr.item, fr.measure, fr.amount_yuan, fr.doc_id, fr.page, fr.adcode, fr.unit_kind
FROM frames fr
JOIN unit_series s USING (doc_id)
LEFT JOIN code_crosswalk x
  ON x.classification = fr.classification AND x.from_code = fr.code AND fr.fiscal_year <= x.last_year_old;
