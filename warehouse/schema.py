"""Arrow schemas of the warehouse tables (data contract version 1, plus the extensions noted).

`fiscal_year` is the hive partition key: it lives in the directory name, not in the files.
Amounts are DECIMAL(20,2) yuan; narrative values DECIMAL(20,4).
"""
import pyarrow as pa

AMOUNT = pa.decimal128(20, 2)
VALUE = pa.decimal128(20, 4)
TS = pa.timestamp("us", tz="UTC")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()), ("source", pa.string()), ("file_name", pa.string()), ("unit_name", pa.string()),
        ("doc_kind", pa.string()), ("scope", pa.string()), ("province", pa.string()), ("prefecture", pa.string()),
        ("county", pa.string()), ("adcode", pa.string()), ("currency_unit", pa.string()), ("page_count", pa.int32()),
        ("status", pa.string()), ("error", pa.string()), ("parser_version", pa.string()), ("ingested_at", TS),
        ("restatement_of", pa.string()),  # extension: a second, different filing for the same unit and year
    ]),
    "line_items": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("statement", pa.string()), ("side", pa.string()),
        ("classification", pa.string()), ("code", pa.string()), ("code_level", pa.int8()), ("item", pa.string()),
        ("measure", pa.string()), ("measure_label", pa.string()), ("amount_yuan", AMOUNT), ("page", pa.int32()),
        ("row", pa.int32()),
        # extensions: the cell as printed and the unit it was printed in
        ("amount_printed", pa.string()), ("currency_unit", pa.string()),
    ]),
    # extension: every place a document was found (the same file under two names is one document)
    "document_sources": pa.schema([("doc_id", pa.string()), ("source", pa.string())]),
    # extension: each of the nine tables as found (data | empty | missing), with the 说明 of an empty one
    "statements": pa.schema([
        ("doc_id", pa.string()), ("statement", pa.string()), ("title", pa.string()), ("status", pa.string()),
        ("first_page", pa.int32()), ("last_page", pa.int32()), ("row_count", pa.int32()), ("note", pa.string()),
    ]),
    "narrative_facts": pa.schema([
        ("doc_id", pa.string()), ("unit_name", pa.string()), ("fact", pa.string()), ("code", pa.string()),
        ("item", pa.string()), ("value", VALUE), ("unit", pa.string()), ("page", pa.int32()), ("evidence", pa.string()),
        ("reason", pa.string()), ("code_resolution", pa.string()),
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
    "quality_results": pa.schema([
        ("doc_id", pa.string()), ("check", pa.string()), ("kind", pa.string()), ("subject", pa.string()),
        ("success", pa.bool_()), ("observed", VALUE), ("expected", VALUE), ("difference", VALUE),
        ("tolerance", VALUE), ("page", pa.int32()),
    ]),
}
TABLES = list(SCHEMAS)
PARTITION = "fiscal_year"
