"""`juesuan ingest | query | validate | serve` — the command line of the data contract.

Exit codes: 0 when the command ran (an ingest batch with failed files included: they are recorded),
2 for a usage error, 1 for an infrastructure error. No traceback reaches the console; details go to
the log file in the warehouse (DIR/_logs/juesuan.log).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def _setup_logging(warehouse: str) -> Path:
    log_dir = Path(warehouse) / "_logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "juesuan.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("juesuan")
    root.setLevel(logging.INFO)
    root.addHandler(handler)
    root.propagate = False
    return path


def _cmd_ingest(args) -> int:
    from flows.sources import UsageError, discover

    try:
        sources = discover(args.sources)
    except UsageError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    from flows.ingest import ingest

    summary = ingest(sources, args.warehouse, workers=args.workers, dask_address=args.dask_address,
                     validate=not args.no_validate, progress=not args.quiet, batch_size=args.batch_size,
                     time_limit_s=args.time_limit, memory_mb=args.memory_mb)
    print(summary.line())
    return 0


def _cmd_query(args) -> int:
    from warehouse import connect

    con = connect(args.warehouse)
    try:
        rel = con.sql(args.sql)
    except Exception as exc:  # noqa: BLE001 - a bad query is the user's error, shown as one line
        print(f"juesuan: query failed: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    if rel is None:
        return 0
    # Rows are fetched as Python values so DECIMAL amounts print exactly (a DataFrame would make
    # them floats).
    if args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(rel.columns)
        writer.writerows(rel.fetchall())
    elif args.format == "json":
        import json

        cols = rel.columns
        print(json.dumps([dict(zip(cols, r)) for r in rel.fetchall()], ensure_ascii=False, default=str))
    else:
        rel.show(max_rows=10_000, max_width=10_000, null_value="NULL")
    return 0


def _cmd_validate(args) -> int:
    from flows.validate import validate_warehouse

    failed = validate_warehouse(args.warehouse)
    if failed is None:
        print("juesuan: the data-quality suites are not available in this installation", file=sys.stderr)
        return 1
    print(f"checks failed: {failed}; report: {Path(args.warehouse) / 'quality_report.html'}")
    return 0


def _cmd_serve(args) -> int:
    from flows.serve import serve

    return serve(args.sources, args.warehouse, args.cron, args.workers)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="juesuan", description="部门决算 PDFs → a validated Parquet warehouse")
    sub = p.add_subparsers(dest="command", required=True)
    ing = sub.add_parser("ingest", help="parse PDFs (files or folders) into the warehouse")
    ing.add_argument("sources", nargs="+", metavar="SOURCE")
    ing.add_argument("--warehouse", required=True, metavar="DIR")
    ing.add_argument("--workers", type=int, default=None, help="worker processes of a local Dask cluster (default: one per core; one for fewer than 8 files)")
    ing.add_argument("--dask-address", default=None, metavar="HOST:PORT", help="run on an existing Dask cluster")
    ing.add_argument("--no-validate", action="store_true", help="skip the data-quality suites")
    ing.add_argument("--quiet", action="store_true", help="no progress lines on long runs")
    ing.add_argument("--time-limit", type=float, default=120, metavar="SECONDS",
                     help="per-document time limit (default 120 s); a file that takes longer is recorded as failed")
    ing.add_argument("--memory-mb", type=int, default=1500, metavar="MB",
                     help="per-document memory cap (default 1500 MB)")
    ing.add_argument("--batch-size", type=int, default=50, metavar="N",
                     help="documents per commit (default 50): what a crash can lose, and the driver's memory")
    ing.set_defaults(func=_cmd_ingest)
    q = sub.add_parser("query", help="run SQL over the warehouse with DuckDB")
    q.add_argument("sql")
    q.add_argument("--warehouse", required=True, metavar="DIR")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=_cmd_query)
    v = sub.add_parser("validate", help="re-run the data-quality suites over stored data")
    v.add_argument("--warehouse", required=True, metavar="DIR")
    v.set_defaults(func=_cmd_validate)
    s = sub.add_parser("serve", help="ingest a folder on a cron schedule (Prefect deployment)")
    s.add_argument("sources", nargs="+", metavar="SOURCE")
    s.add_argument("--warehouse", required=True, metavar="DIR")
    s.add_argument("--cron", default="0 2 * * *")
    s.add_argument("--workers", type=int, default=None, help="as for ingest (default: one per core)")
    s.set_defaults(func=_cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_path = _setup_logging(args.warehouse)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - infrastructure error: one line on the console, detail in the log
        logging.getLogger("juesuan.cli").exception("command failed")
        print(f"juesuan: {type(exc).__name__}: {exc} (details in {log_path})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
