"""Sample 部门决算 filings rendered as PDFs with a truth JSON each (python -m samples.generate --out DIR).

spec of each filing: samples/filings/*.py (data) on samples/spec.py (data classes, derived sums);
drawing: samples/render.py (pages, wrapped text, ruled tables), samples/tables.py (the nine tables),
samples/perf.py (绩效自评表), samples/compose.py (document order and truth); planted errors:
samples/plant.py.
"""
