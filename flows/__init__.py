"""Orchestration only: the Prefect flow (flows.ingest) and the command line (flows.cli).
Parsing lives in extract/ and transform/, storage in warehouse/, checks in expectations/."""
