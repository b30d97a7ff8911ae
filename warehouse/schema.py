"""Arrow schemas of the warehouse tables (data contract version 1, plus the extensions noted).

`fiscal_year` is the hive partition key: it lives in the directory name, not in the files.
Amounts are DECIMAL(20,2) yuan; narrative values DECIMAL(20,4).
"""
import pyarrow as pa

AMOUNT = pa.decimal128(20, 2)
VALUE = pa.decimal128(20, 4)
TS = pa.timestamp("us", tz="UTC")
# Where something is printed on its page: PDF points, origin at the top-left (pdfplumber's top/bottom).
BOX = [("x0", pa.float64()), ("top", pa.float64()), ("x1", pa.float64()), ("bottom", pa.float64())]
# A box a failed check draws: the figure's page and box, and its part in the comparison (observed,
# expected, or part of a sum).
EVIDENCE_BOX = pa.struct([("page", pa.int32()), *BOX, ("role", pa.string())])

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()), ("source", pa.string()), ("file_name", pa.string()), ("unit_name", pa.string()),
        ("doc_kind", pa.string()), ("scope", pa.string()), ("province", pa.string()), ("prefecture", pa.string()),
        ("county", pa.string()), ("adcode", pa.string()), ("currency_unit", pa.string()), ("page_count", pa.int32()),
        ("status", pa.string()), ("error", pa.string()), ("parser_version", pa.string()), ("ingested_at", TS),
        ("restatement_of", pa.string()),  # extension: a second, different filing for the same unit and year
        # budget | final (a row written before phase existed reads as NULL: final, see views)
        ("phase", pa.string()),
        # extension: cover | title | contents | table_header | narrative | manifest | file_name
        ("identity_source", pa.string()),
        ("filing_part", pa.string()),  # extension: whole | explanation | tables (a filing in two files)
        ("ocr_pages", pa.int32()),  # extension: pages read by OCR (parser version 4)
        # extensions (parser version 6): where the unit (else the year) was printed — page, the line's box
        # and text — and a sentence when the filing names two units or a tables-only part names none
        ("identity_page", pa.int32()), ("identity_x0", pa.float64()), ("identity_top", pa.float64()),
        ("identity_x1", pa.float64()), ("identity_bottom", pa.float64()), ("identity_line", pa.string()),
        ("identity_note", pa.string()),
        ("sample", pa.bool_()),  # extension: a generated sample, not a published filing (parser version 6)
        # extensions (parser version 8): pdfium | pdfplumber, and the pages pdfium handed to pdfplumber
        ("reader", pa.string()), ("reader_fallback_pages", pa.int32()),
    ]),
    "line_items": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("statement", pa.string()), ("side", pa.string()),
        ("classification", pa.string()), ("code", pa.string()), ("code_level", pa.int8()), ("item", pa.string()),
        ("measure", pa.string()), ("measure_label", pa.string()), ("amount_yuan", AMOUNT), ("page", pa.int32()),
        ("row", pa.int32()),
        # extensions: the cell as printed and the unit it was printed in
        ("amount_printed", pa.string()), ("currency_unit", pa.string()),
        # extension: the cell's box on `page` (PDF points, origin top-left): where the figure is printed
        *BOX,
        ("phase", pa.string()),
        # extensions (parser version 4): text_layer | ocr; the OCR engine's confidence; proven by the
        # filing's identities (NULL: read from a trusted text layer)
        ("source", pa.string()), ("confidence", pa.float64()), ("verified", pa.bool_()),
        # extension (parser version 7): printed | catalogue (the code of names printed without one)
        ("code_origin", pa.string()),
    ]),
    # extension: every place a document was found (the same file under two names is one document)
    "document_sources": pa.schema([("doc_id", pa.string()), ("source", pa.string())]),
    # extension: each of the nine tables as found (data | empty | missing), with the 说明 of an empty one
    "statements": pa.schema([
        ("doc_id", pa.string()), ("statement", pa.string()), ("title", pa.string()), ("status", pa.string()),
        ("first_page", pa.int32()), ("last_page", pa.int32()), ("row_count", pa.int32()), ("note", pa.string()),
        *BOX,  # the table's box on first_page
        ("phase", pa.string()),
    ]),
    "narrative_facts": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("fact", pa.string()), ("code", pa.string()),
        ("item", pa.string()), ("value", VALUE), ("unit", pa.string()), ("page", pa.int32()), ("evidence", pa.string()),
        ("reason", pa.string()), ("code_resolution", pa.string()),
        *BOX,  # the box of the lines the sentence is printed on, on `page`
        ("phase", pa.string()),
        ("rounding_yuan", VALUE),  # the printed figure's rounding step (0.01 万元: 100 yuan), where known
        ("source", pa.string()), ("confidence", pa.float64()), ("verified", pa.bool_()),  # as line_items
    ]),
    "performance_projects": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("project", pa.string()), ("kind", pa.string()),
        ("budget_initial_yuan", AMOUNT), ("budget_full_year_yuan", AMOUNT), ("executed_yuan", AMOUNT),
        ("execution_rate_pct", VALUE), ("score", VALUE), ("page", pa.int32()), ("amounts_printed", pa.string()),
    ]),
    "performance_indicators": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("project", pa.string()), ("level1", pa.string()),
        ("level2", pa.string()), ("level3", pa.string()), ("target", pa.string()), ("actual", pa.string()),
        ("weight", VALUE), ("score", VALUE), ("deviation_reason", pa.string()), ("page", pa.int32()),
        ("row", pa.int32()),
    ]),
    # extension: the filing's text, section by section (a table's cells are never text: its statement key)
    "sections": pa.schema([
        ("doc_id", pa.string()), ("phase", pa.string()), ("section_id", pa.string()), ("parent_id", pa.string()),
        ("level", pa.int8()), ("ordinal", pa.string()), ("heading", pa.string()), ("path", pa.string()),
        ("first_page", pa.int32()), ("last_page", pa.int32()), ("text", pa.string()), ("chars", pa.int32()),
        ("statements", pa.list_(pa.string())), ("performance_projects", pa.list_(pa.string())),
        ("from_contents", pa.bool_()), ("text_layer_trusted", pa.bool_()),
    ]),
    # extension: the units the filing's accounts cover (编制范围), and whether each files its own
    "covered_units": pa.schema([
        ("doc_id", pa.string()), ("ordinal", pa.int32()), ("unit_name", pa.string()), ("separate", pa.bool_()),
        ("note", pa.string()), ("page", pa.int32()),
    ]),
    # extension: who and when each part of the filing names, and what the contents list
    "mentions": pa.schema([
        ("doc_id", pa.string()), ("part", pa.string()), ("kind", pa.string()), ("statement", pa.string()),
        ("value", pa.string()), ("text", pa.string()), ("page", pa.int32()), *BOX,
    ]),
    # extension: what the narrative says about the direction of its figures, and template phrases left
    "narrative_claims": pa.schema([
        ("doc_id", pa.string()), ("claim", pa.string()), ("subject", pa.string()), ("code", pa.string()),
        ("item", pa.string()), ("budget", pa.string()), ("direction", pa.string()), ("words", pa.string()),
        ("reason", pa.string()), ("reason_marker", pa.bool_()), ("page", pa.int32()), ("evidence", pa.string()),
        *BOX,
    ]),
    # extension (parser version 6): every figure printed in a table, known or not (transform/table_cells.py)
    "table_cells": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("page", pa.int32()), ("table_index", pa.int16()),
        ("table_title", pa.string()), ("table_number", pa.string()), ("row", pa.int32()), ("col", pa.int16()),
        ("row_label", pa.string()), ("codes", pa.string()), ("header_path", pa.string()),
        ("amount_printed", pa.string()), ("value", pa.decimal128(24, 6)), ("amount_yuan", AMOUNT),
        ("currency_unit", pa.string()), ("value_kind", pa.string()), *BOX, ("phase", pa.string()),
        ("statement", pa.string()), ("measure", pa.string()), ("classification", pa.string()),
        ("code", pa.string()), ("source", pa.string()),
    ]),
    "quality_results": pa.schema([
        ("doc_id", pa.string()), ("check", pa.string()), ("kind", pa.string()), ("subject", pa.string()),
        ("success", pa.bool_()), ("observed", VALUE), ("expected", VALUE), ("difference", VALUE),
        ("tolerance", VALUE), ("page", pa.int32()),
        # extensions: every page the check involves, the boxes of the figures it compared there (failed
        # checks only: what the report draws), the values compared when they are words (unit names,
        # years, table titles), and the tolerance setting the row used
        ("pages", pa.list_(pa.int32())), ("boxes", pa.list_(EVIDENCE_BOX)), ("observed_text", pa.string()),
        ("expected_text", pa.string()), ("tolerance_rule", pa.string()),
        ("phase", pa.string()),  # the phase of the document checked
    ]),
}
TABLES = list(SCHEMAS)
PARTITION = "fiscal_year"
