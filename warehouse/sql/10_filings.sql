-- filings: every document read as a filing (final accounts, and budgets once issue 14 reads them),
-- and whether its figures stand: read (ok or partial) and the latest filing of its unit, year, phase
-- and scope where one restates another (documents.restatement_of links a later filing to the first).
-- A department's 部门决算 and its own 单位决算 are different scopes: both stand. A filing published as two
-- files (its explanation, its tables: documents.filing_part) is one filing: both parts stand.
CREATE OR REPLACE MACRO juesuan_phase(doc_kind) AS
    CASE doc_kind WHEN 'final_accounts' THEN 'final' WHEN 'budget' THEN 'budget' END;

-- A unit name as lists print it: without whitespace, with one kind of brackets, without the
-- "（本级）" / "本级" / "机关本级" that names a department's own accounts.
CREATE OR REPLACE MACRO juesuan_unit_norm(name) AS
    regexp_replace(replace(replace(regexp_replace(name, '\s', '', 'g'), '(', '（'), ')', '）'),
                   '(（?(机关)?本级）?)$', '');

CREATE OR REPLACE VIEW filings AS
WITH read_filings AS (
    SELECT d.*, juesuan_phase(d.doc_kind) AS phase
    FROM documents d
    WHERE d.status IN ('ok', 'partial') AND juesuan_phase(d.doc_kind) IS NOT NULL
      AND d.unit_name IS NOT NULL AND d.fiscal_year IS NOT NULL
),
ranked AS (
    SELECT *,
           row_number() OVER (PARTITION BY unit_name, fiscal_year, phase, scope, filing_part = 'explanation'
                              ORDER BY ingested_at DESC, restatement_of IS NOT NULL DESC, doc_id DESC) AS recency,
           first_value(doc_id) OVER (PARTITION BY unit_name, fiscal_year, phase, scope,
                                                  filing_part = 'explanation'
                                     ORDER BY ingested_at DESC, restatement_of IS NOT NULL DESC, doc_id DESC) AS latest
    FROM read_filings
)
SELECT doc_id, unit_name, fiscal_year, phase, scope, filing_part, province, prefecture, county, adcode, currency_unit,
       status, restatement_of, ingested_at, file_name,
       recency = 1 AS stands,
       CASE WHEN recency > 1 THEN latest END AS superseded_by
FROM ranked;
