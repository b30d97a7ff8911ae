"""`juesuan ingest | query | validate | show | compare | export | serve` — the command line of the data contract.

Exit codes: 0 when the command ran (an ingest batch with failed files included: they are recorded),
2 for a usage error, 1 for an infrastructure error, 75 (EX_TEMPFAIL) when another process held the
warehouse's writer lease for longer than --lock-timeout. No traceback reaches the console; details go
to the log file in the warehouse (DIR/_logs/juesuan.log).
"""
from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from reference._typing import DEFAULT_READER, READERS

EXIT_LEASE_BUSY = 75  # EX_TEMPFAIL: try again later — a scheduler can tell "busy" from "broken"
DEFAULT_LOCK_TIMEOUT_S = 3600.0  # warehouse.lease.DEFAULT_TIMEOUT_S (not imported: `query` loads no lease code)


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
    tolerances, error = _tolerances(args)
    if error:
        return error
    from flows.ingest import ingest

    summary = ingest(sources, args.warehouse, workers=args.workers, dask_address=args.dask_address,
                     validate=not args.no_validate, progress=not args.quiet, batch_size=args.batch_size,
                     time_limit_s=args.time_limit, memory_mb=args.memory_mb, lock_timeout=args.lock_timeout,
                     reparse=args.reparse, tolerances=tolerances, ocr=args.ocr,
                     reader=args.reader)
    print(summary.line())
    return 0


def _tolerances(args):
    """(the checks' tolerances from --tolerance-config, or None for the defaults; an exit code on error)."""
    if not getattr(args, "tolerance_config", None):
        return None, 0
    from expectations.tolerances import ToleranceConfigError, load_tolerances

    try:
        return load_tolerances(args.tolerance_config), 0
    except ToleranceConfigError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return None, 2


def _cmd_query(args) -> int:
    """Never takes the writer lease: the views name committed parts only. A part superseded and
    removed by a commit between defining the views and reading it is an IOException: define them
    again and retry."""
    import duckdb

    from warehouse import connect

    for attempt in range(3):
        con = connect(args.warehouse)
        try:
            return _print_query(con.sql(args.sql), args.format)
        except duckdb.IOException as exc:
            if attempt == 2:
                print(f"juesuan: query failed: {str(exc).splitlines()[0]}", file=sys.stderr)
                return 2
        except Exception as exc:  # noqa: BLE001 - a bad query is the user's error, shown as one line
            print(f"juesuan: query failed: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 2
    return 2


def _print_query(rel, fmt: str) -> int:
    if rel is None:
        return 0
    # Rows are fetched as Python values so DECIMAL amounts print exactly (a DataFrame would make
    # them floats). Fetched before anything is printed, so a retry never prints twice.
    if fmt == "csv":
        import csv

        rows = rel.fetchall()
        writer = csv.writer(sys.stdout)
        writer.writerow(rel.columns)
        writer.writerows(rows)
    elif fmt == "json":
        import json

        cols, rows = rel.columns, rel.fetchall()
        print(json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, default=str))
    else:
        rel.show(max_rows=10_000, max_width=10_000, null_value="NULL")
    return 0


def _cmd_validate(args) -> int:
    from flows.validate import validate_warehouse
    from warehouse.lease import hold, print_waiting

    tolerances, error = _tolerances(args)
    if error:
        return error
    # The whole pass under the lease: the suites read what they then replace.
    with hold(args.warehouse, args.lock_timeout, on_wait=print_waiting):
        failed = validate_warehouse(args.warehouse, tolerances=tolerances)
        if failed is not None:
            from warehouse.database import write_database

            write_database(args.warehouse)  # its views name the quality_results parts just written
    if failed is None:
        print("juesuan: the data-quality suites are not available in this installation", file=sys.stderr)
        return 1
    print(f"checks failed: {failed}; report: {Path(args.warehouse) / 'quality_report.html'}")
    return 0


def _cmd_compare(args) -> int:
    from reports.compare import compare, cjk_font_renders

    try:
        done = compare(args.warehouse, args.code, args.year, args.out, statement=args.statement,
                       measure=args.measure, adcodes=tuple(args.adcode or ()),
                       include_samples=args.include_samples, phase=args.phase)
    except ValueError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    if not cjk_font_renders():
        print("juesuan: no CJK font found: the PNGs show no Chinese labels — install one (Debian: "
              "apt-get install fonts-noto-cjk; `make install` does)", file=sys.stderr)
    print(f"{done.figures} figures; chart: {done.html}; images: {', '.join(str(p) for p in done.pngs)}")
    return 0


def _cmd_export(args) -> int:
    from warehouse.export import export

    try:
        done = export(args.warehouse, args.view, args.format, args.out, include_samples=args.include_samples)
    except ValueError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    print(f"{done.rows} rows, {done.columns} columns: {done.path}")
    return 0


def _cmd_show(args) -> int:
    from expectations.report.show import ShowError, parse_box, show

    try:
        done = show(args.warehouse, args.doc_id, args.page, [parse_box(b) for b in args.box or ()], args.out)
    except ShowError as exc:
        print(f"juesuan: {exc}", file=sys.stderr)
        return 2
    print(f"{done.doc_id} p.{done.page}: {done.path}")
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
    ing.add_argument("--reparse", choices=["none", "stale", "all"], default="stale",
                     help="stored documents to parse again: those of an older parser version (stale, the default), "
                          "every one (all), or none")
    ing.add_argument("--lock-timeout", type=float, default=DEFAULT_LOCK_TIMEOUT_S, metavar="SECONDS",
                     help="how long to wait for another run writing to the warehouse (default 3600 s); "
                          "then exit with 75")
    ing.add_argument("--tolerance-config", default=None, metavar="FILE",
                     help="the checks' tolerances (TOML or JSON, expectations/tolerances.py); default: the built-in ones")
    ing.add_argument("--ocr", choices=["scans", "untrusted", "off"], default="scans",
                     help="pages read by OCR: those with an image and no text (scans, the default), also those whose "
                          "text layer is not to be trusted (untrusted), or none (off)")
    ing.add_argument("--reader", choices=READERS, default=DEFAULT_READER,
                     help="which library reads the PDFs' pages: pdfium (the default: the same document model as "
                          "pdfplumber's, three times faster; pdfplumber reads the pages it cannot) or pdfplumber "
                          "(the reference reader; README)")
    ing.set_defaults(func=_cmd_ingest)
    q = sub.add_parser("query", help="run SQL over the warehouse with DuckDB")
    q.add_argument("sql")
    q.add_argument("--warehouse", required=True, metavar="DIR")
    q.add_argument("--format", choices=["table", "csv", "json"], default="table")
    q.set_defaults(func=_cmd_query)
    v = sub.add_parser("validate", help="re-run the data-quality suites over stored data")
    v.add_argument("--warehouse", required=True, metavar="DIR")
    v.add_argument("--lock-timeout", type=float, default=DEFAULT_LOCK_TIMEOUT_S, metavar="SECONDS",
                   help="as for ingest")
    v.add_argument("--tolerance-config", default=None, metavar="FILE",
                   help="the checks' tolerances (TOML or JSON, expectations/tolerances.py); default: the built-in ones")
    v.set_defaults(func=_cmd_validate)
    sh = sub.add_parser("show", help="a page of a stored document as PNG, with figures boxed (as in the report)")
    sh.add_argument("doc_id", metavar="DOC_ID", help="the document's doc_id (or a unique start of it)")
    sh.add_argument("--page", type=int, required=True, metavar="N", help="1-based page number")
    sh.add_argument("--box", action="append", metavar="x0,top,x1,bottom",
                    help="a box to draw, in PDF points from the page's top-left (line_items/narrative_facts "
                         "x0, top, x1, bottom); repeatable; none: the whole page")
    sh.add_argument("--warehouse", required=True, metavar="DIR")
    sh.add_argument("--out", default=None, metavar="FILE", help="where to write the PNG (default: DIR/evidence/…)")
    sh.set_defaults(func=_cmd_show)
    c = sub.add_parser("compare", help="a code in a year across units, counties and years: HTML and PNG charts")
    c.add_argument("--warehouse", required=True, metavar="DIR")
    c.add_argument("--code", required=True, help="classification code (类/款/项, e.g. 2080505)")
    c.add_argument("--year", required=True, type=int)
    c.add_argument("--statement", default="expenditure", help="statement key (default expenditure)")
    c.add_argument("--measure", default="total", help="measure key (default total)")
    c.add_argument("--adcode", nargs="+", metavar="A", help="only these counties (GB/T 2260 codes)")
    c.add_argument("--phase", choices=("final", "budget"), default=None,
                   help="final accounts or budgets (default: final accounts where the year has any, else budgets)")
    c.add_argument("--out", required=True, metavar="FOLDER")
    c.add_argument("--include-samples", action="store_true",
                   help="also the generated samples (documents.sample: invented figures); left out by default")
    c.set_defaults(func=_cmd_compare)
    e = sub.add_parser("export", help="a table or view as csv, parquet, xlsx or Stata .dta")
    e.add_argument("view", metavar="VIEW", help="frames, unit_years, region_totals, structure, unit_kind, a table …")
    e.add_argument("--warehouse", required=True, metavar="DIR")
    e.add_argument("--format", required=True, choices=["csv", "parquet", "xlsx", "dta"])
    e.add_argument("--out", required=True, metavar="FILE")
    e.add_argument("--include-samples", action="store_true",
                   help="also the generated samples (documents.sample: invented figures); left out by default")
    e.set_defaults(func=_cmd_export)
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
    except Exception as exc:  # sorted below: the lease's errors are sentences, others are not
        from warehouse.lease import LeaseError, LeaseTimeout

        if not isinstance(exc, LeaseError):
            logging.getLogger("juesuan.cli").exception("command failed")
            print(f"juesuan: {type(exc).__name__}: {exc} (details in {log_path})", file=sys.stderr)
            return 1
        logging.getLogger("juesuan.cli").error("%s", exc)
        print(f"juesuan: {exc}", file=sys.stderr)
        return EXIT_LEASE_BUSY if isinstance(exc, LeaseTimeout) else 1


if __name__ == "__main__":
    sys.exit(main())
