"""Validation cost against ingest cost, at 1,000 documents (issue #4; target: validation < 10% of ingest).

    .venv/bin/python benchmarks/validate_benchmark.py [--docs 1000] [--repeats 3]

1. Generates the sample filings (samples.generate: the three consistent filings and the four planted
   variants) and parses each once with transform.parse.parse_file.
2. Ingest-equivalent work, (a): parse_file on each sample PDF, timed `--repeats` times (median per file).
   The 1,000 documents are the samples in rotation, so ingest = Σ over the 1,000 documents of the
   median parse time of the sample each one copies — an estimate by multiplication, not 1,000 parses.
   It is serial parse time (what the workers spend in total), without the warehouse writes.
3. Builds the 1,000 documents' rows: each sample's line items, narrative facts and documents row
   replicated under new doc_ids (≈ 570 line items a document), and pickles them.
4. Validation, (b): a fresh Python process loads the pickle (timed apart, not counted), then times
   `import great_expectations` and `validate_batch(line_items, documents, narrative_facts)` over all
   rows at once — one batch, as flows.validate runs it.
5. Prints machine facts, both figures and their ratio.

A script, not a test: it takes a minute or two and its figures depend on the machine.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def machine_facts() -> list[str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(len(os.sched_getaffinity(0)))
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import great_expectations  # version only; the timed import is in the child process
    import pandas
    return [f"date:            {dt.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"nproc:           {nproc} (os.cpu_count {os.cpu_count()})",
            f"cpu model:       {model}",
            f"memory:          {mem}",
            f"python:          {platform.python_version()} ({sys.executable})",
            f"pandas:          {pandas.__version__}",
            f"great_expectations: {great_expectations.__version__}",
            f"platform:        {platform.platform()}"]


# --- child: validation in a fresh process --------------------------------------------------------

def child(pickle_path: str) -> None:
    t0 = time.perf_counter()
    with open(pickle_path, "rb") as f:
        line_items, documents, facts, source_of = pickle.load(f)
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    import great_expectations  # noqa: F401 - timed: part of the validation cost

    from expectations import validate_batch
    t_import = time.perf_counter() - t1
    t2 = time.perf_counter()
    results = validate_batch(line_items, documents, facts)
    t_validate = time.perf_counter() - t2
    bad = results[~results["success"].astype(bool)]
    print(f"load_s={t_load:.3f}")
    print(f"import_s={t_import:.3f}")
    print(f"validate_s={t_validate:.3f}")
    print(f"checks={len(results)}")
    print(f"failed={len(bad)}")
    per = bad.groupby(bad["doc_id"].map(source_of)).size()
    docs_per = documents.groupby(documents["doc_id"].map(source_of)).size()
    for name, n_docs in docs_per.items():
        print(f"failed_by_source={name}:{int(per.get(name, 0))}:{int(n_docs)}")


# --- parent ---------------------------------------------------------------------------------------

def frames(parsed):
    import pandas as pd
    items = pd.DataFrame([dataclasses.asdict(x) for x in parsed.line_items])
    docs = pd.DataFrame([dataclasses.asdict(parsed.document)])
    facts = pd.DataFrame([dataclasses.asdict(x) for x in parsed.narrative_facts])
    return items, docs, facts


def replicate(samples: list[tuple[str, object]], n_docs: int):
    """n_docs documents: the samples in rotation, each under a new doc_id."""
    import pandas as pd
    base = [(name, *frames(p)) for name, p in samples]
    li, dd, ff, source_of, rotation = [], [], [], {}, []
    for i in range(n_docs):
        name, items, docs, facts = base[i % len(base)]
        doc_id = hashlib.sha256(f"benchmark:{i}:{name}".encode()).hexdigest()
        source_of[doc_id] = name
        rotation.append(name)
        li.append(items.assign(doc_id=doc_id))
        dd.append(docs.assign(doc_id=doc_id, file_name=f"{i:04d}_{name}.pdf"))
        if len(facts):
            ff.append(facts.assign(doc_id=doc_id))
    return (pd.concat(li, ignore_index=True), pd.concat(dd, ignore_index=True),
            pd.concat(ff, ignore_index=True), source_of, rotation)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents to validate (default 1000)")
    ap.add_argument("--repeats", type=int, default=3, help="timed parses per sample PDF (median; default 3)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child)
        return 0

    print("== machine")
    for line in machine_facts():
        print("  " + line)

    from samples.generate import generate
    from samples.plant import KINDS
    from transform.parse import parse_file

    with tempfile.TemporaryDirectory(prefix="juesuan-bench-") as tmp:
        tmp = Path(tmp)
        pdfs = generate(tmp / "samples", plant=list(KINDS))
        # (a) ingest-equivalent: parse_file per sample PDF
        parse_file(str(pdfs[0]))  # warm-up (first-call imports and caches), not timed
        samples, median_s = [], {}
        print(f"\n== (a) parse_file on the sample PDFs ({args.repeats} runs each, median)")
        for pdf in pdfs:
            times, parsed = [], None
            for _ in range(args.repeats):
                t = time.perf_counter()
                parsed = parse_file(str(pdf))
                times.append(time.perf_counter() - t)
            name = pdf.stem
            if not parsed.line_items:  # the template: recorded and skipped, not a filing to replicate
                print(f"  {name:48s} {statistics.median(times):7.3f} s  ({parsed.document.status}: not replicated)")
                continue
            median_s[name] = statistics.median(times)
            samples.append((name, parsed))
            print(f"  {name:48s} {median_s[name]:7.3f} s  {parsed.document.page_count:3d} pages  "
                  f"{len(parsed.line_items):4d} line items  {len(parsed.narrative_facts):4d} facts")

        line_items, documents, facts, source_of, rotation = replicate(samples, args.docs)
        ingest_s = sum(median_s[name] for name in rotation)
        per_doc = ingest_s / args.docs
        print(f"  → ingest-equivalent for {args.docs:,} documents = Σ median parse time of each document's sample "
              f"= {ingest_s:,.1f} s serial ({per_doc:.3f} s/document; measured on {len(samples)} samples, "
              f"multiplied, not parsed {args.docs:,} times)")

        print(f"\n== rows: {args.docs:,} documents, {len(line_items):,} line items, {len(facts):,} narrative facts")
        pk = tmp / "rows.pickle"
        with open(pk, "wb") as f:
            pickle.dump((line_items, documents, facts, source_of), f, protocol=pickle.HIGHEST_PROTOCOL)

        # (b) validation in a fresh process
        print("\n== (b) validate_batch in a fresh process (GE imported there)")
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(pk)],
                              capture_output=True, text=True, cwd=str(ROOT))
        wall = time.perf_counter() - t
    if proc.returncode:
        print(proc.stdout, proc.stderr, sep="\n")
        return proc.returncode
    out: dict[str, str] = {}
    by_source = []
    for line in proc.stdout.splitlines():
        if line.startswith("failed_by_source="):
            by_source.append(line.split("=", 1)[1].split(":"))
        elif "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    load_s, import_s, validate_s = (float(out[k]) for k in ("load_s", "import_s", "validate_s"))
    validation_s = import_s + validate_s
    print(f"  import great_expectations + expectations: {import_s:8.2f} s")
    print(f"  validate_batch ({int(out['checks']):,} checks, {int(out['failed']):,} failed): {validate_s:8.2f} s")
    print(f"  → validation = import + validate_batch      = {validation_s:8.2f} s")
    print(f"  (not counted: loading the pickled rows {load_s:.2f} s; whole child process wall {wall:.2f} s, "
          f"interpreter start-up included)")
    print("  failed checks by sample (failed checks / documents):")
    for name, failed, n in by_source:
        print(f"    {name:48s} {int(failed):6d} / {int(n):4d} documents")

    ratio = validation_s / ingest_s
    print("\n== result")
    print(f"  ingest-equivalent (a): {ingest_s:10.1f} s   ({args.docs:,} documents × {per_doc:.3f} s parse, serial)")
    print(f"  validation        (b): {validation_s:10.1f} s   (fresh process, GE import included)")
    print(f"  ratio (b)/(a):         {ratio:10.2%}   target < 10%: {'met' if ratio < 0.10 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
