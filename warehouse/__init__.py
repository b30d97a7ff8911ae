"""The Parquet warehouse: atomic batch writes (warehouse.store) under a writer lease that lets one
process commit at a time (warehouse.lease), and DuckDB views over committed batches (warehouse.views).

Layout: DIR/<table>/fiscal_year=<YYYY>/part-<batch>.parquet, hive-partitioned, readable with nothing
but DuckDB. Nothing here parses PDFs or knows about Prefect.
"""
from warehouse.schema import SCHEMAS, TABLES
from warehouse.store import Warehouse
from warehouse.views import connect

__all__ = ["SCHEMAS", "TABLES", "Warehouse", "connect"]
