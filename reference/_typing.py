"""The contract's enumerations as types, in one place (they used to live only in comments).

Every value here is part of the public interface (docs/data-contract.md): adding one is a contract
addition, renaming one needs a new contract version.
"""
from __future__ import annotations

from typing import Literal, get_args

DocKind = Literal["final_accounts", "budget", "unknown"]
Scope = Literal["department", "unit", "unknown"]
DocumentStatus = Literal["ok", "partial", "failed", "skipped"]
# data: read, figures stored; empty: printed and says it holds no figures (本表无数据);
# absent: listed in the contents but not printed; unreadable: printed, but its columns or rows could
# not be read (the reason is in documents.error); missing: neither printed nor listed in a contents page;
# printed: a table beyond the nine, recognised and recorded, whose figures this version does not read.
StatementStatus = Literal["data", "empty", "absent", "unreadable", "missing", "printed"]
Side = Literal["income", "expenditure"]
Classification = Literal["function", "economic"]
CurrencyUnit = Literal["元", "万元", "亿元"]
CodeLevel = Literal[1, 2, 3]
# The phase of the budget cycle a filing reports: its budget (部门预算 / 单位预算, published each
# spring) or its final accounts (部门决算).
Phase = Literal["budget", "final"]
# Where a filing's unit and year were read: its cover, a title (an explanation's, a part's), the title
# above its contents, a table header (部门（单位）：… / 编制单位：…), the narrative's own description
# ("X主要职责包括："), a manifest's hints, or, as a last resort, the file name.
IdentitySource = Literal["cover", "title", "contents", "table_header", "narrative", "manifest", "file_name"]
# What part of a filing a document holds: all of it, or — where a unit publishes its filing as two
# files — the explanation without tables, or the tables without the explanation.
FilingPart = Literal["whole", "explanation", "tables"]
# How a table was read: from its ruling lines, or from the positions of its text alone.
TableSource = Literal["ruled", "text"]
# Where a figure was read: the PDF's text layer, or OCR of the rendered page (a scan)
FigureSource = Literal["text_layer", "ocr"]
# Which pages OCR reads: none; pages with an image and no text (scans); those and the pages whose text
# layer is flagged as not to be trusted (extract/text_layer.py)
OcrMode = Literal["off", "scans", "untrusted"]
# Which library reads a PDF's pages (extract/reader.py): pdfplumber (pdfminer), the reference, or
# pdfium (extract/pdfium_reader.py), which builds the same document model several times faster.
Reader = Literal["pdfplumber", "pdfium"]
# The default since parser version 8 (issue 25): proven equal on every real file (docs/benchmarks.md,
# "Two readers"), a third of pdfplumber's time; pdfplumber reads the pages pdfium cannot.
DEFAULT_READER: Reader = "pdfium"
READERS: tuple[Reader, ...] = get_args(Reader)
# The four printed shapes the readers of transform/line_items.py know.
Shape = Literal["two_sided", "coded", "economic", "three_public"]
# Where a unit name, a year or a contents listing is printed (transform/mentions.py), and what it is.
MentionPart = Literal["cover", "contents", "table", "narrative"]
MentionKind = Literal["unit", "year", "prior_year", "listing"]
# What a narrative claim says (transform/narrative_claims.py).
ClaimKind = Literal["final_vs_budget", "template_phrase"]
# The families of data-quality checks (expectations/checks/) and the kinds of quality_results rows.
CheckKind = Literal["sum", "cross_table", "narrative_vs_table", "ratio", "plausibility", "completeness",
                    "disclosure"]
