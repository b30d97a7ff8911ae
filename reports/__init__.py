"""What a person looks at, apart from what computes it: comparison charts (reports/compare.py).
Reads the warehouse through its DuckDB views only."""
