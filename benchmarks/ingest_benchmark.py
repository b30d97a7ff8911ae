"""Ingestion benchmark (issue #5): the pipeline against a bare pdfplumber pass, in one run.

    .venv/bin/python benchmarks/ingest_benchmark.py --n 300 [--out /tmp/juesuan-bench]
    .venv/bin/python benchmarks/ingest_benchmark.py --real 10 [--wild] [--validate] [--reader pdfium ...]

With --real K the corpus is the real files instead (../shared/filings and ../shared/budgets, with --wild
../shared/wild too, and the two real filings with every ruling line removed, so the rule-less table
reader is in the path), K copies of each made distinct by a comment after %%EOF (a new SHA-256, the same
pages), with 1 and 2 workers; each --reader given is run (issue 25: pdfium against pdfplumber) and its
CPU time (the whole process tree's, user + system, from os.times of the reaped children) is set
against the bare pass's, which is what a shared machine cannot distort much, beside the wall time.

Over a generated corpus of varied layout (samples.corpus) it prints:
- pages/s end to end (`juesuan ingest`, the Prefect flow, with 1 and 2 worker processes);
- the ratio of the pipeline's wall time to a bare single pass of pdfplumber `extract_words` over the
  same files with the same number of processes (target ≤ 1.5);
- the speed-up from 1 to 2 workers (target ≥ 1.7×);
- a re-run over the unchanged corpus as a share of the first run (target ≤ 5%);
- peak memory of the whole process tree (driver, Prefect server, workers; PSS, with RSS beside it),
  for the full corpus and a third of it (target: flat in corpus size, under 1.5 GB).
This is a script that prints figures, never a timed test.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    mem = psutil.virtual_memory().total / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def _bare_one(path: str) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
        return len(pdf.pages)


def bare_pass(files: list[str], processes: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    with mp.get_context("fork").Pool(processes) as pool:
        pages = sum(pool.map(_bare_one, files, chunksize=1))
    return time.perf_counter() - t0, pages


def children_cpu() -> float:
    """CPU seconds (user + system) of every child process reaped so far, and theirs."""
    t = os.times()
    return t.children_user + t.children_system


def run_ingest(args: list[str]) -> tuple[float, int, int, str]:
    """Wall time, peak PSS and peak RSS of the process tree (bytes), last output line.

    PSS (proportional set size) counts a page shared by n processes as 1/n in each: what the tree
    really holds. RSS counts the pages a forked parser shares with its worker twice."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    peak = [0, 0]

    def tree(parent):
        try:
            return [parent, *parent.children(recursive=True)]
        except psutil.Error:
            return []

    def total(procs, measure) -> int:
        n = 0
        for p in procs:
            try:
                n += measure(p)
            except psutil.Error:  # a parser child that ended meanwhile
                pass
        return n

    def sample():
        # RSS (statm) is cheap and read every 0.2 s. PSS needs the kernel to walk each process's page
        # tables (smaps_rollup): read every 0.5 s it slowed a one-worker run by a fifth, so it is read
        # every 3 s (the tree's memory changes slowly: a batch at a time).
        parent = psutil.Process(proc.pid)
        tick = 0
        while proc.poll() is None:
            procs = tree(parent)
            peak[1] = max(peak[1], total(procs, lambda p: p.memory_info().rss))
            if tick % 15 == 0:
                peak[0] = max(peak[0], total(procs, lambda p: p.memory_full_info().pss))
            tick += 1
            time.sleep(0.2)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed: {err}")
    return time.perf_counter() - t0, peak[0], peak[1], out.strip().splitlines()[-1]


def real_corpus(out: Path, copies: int, wild: bool = False) -> Path:
    """The real files (with `wild`, ../shared/wild's too), and the real filings without their rules,
    `copies` times each."""
    sys.path.insert(0, str(ROOT))
    from tests.variants import strip_rules

    shared = ROOT.parent / "shared"
    corpus = out / "real"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    filings = sorted((shared / "filings").glob("*.pdf"))
    finals = [f for f in filings if "模板" not in f.name]
    stripped = [strip_rules(f, out / f"norules{k}.pdf") for k, f in enumerate(finals)]
    extra = sorted((shared / "wild").glob("*.pdf")) if wild else []
    for f in filings + sorted((shared / "budgets").glob("*.pdf")) + extra + stripped:
        data = f.read_bytes()
        for i in range(copies):
            (corpus / f"{f.stem}.{i}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())
    return corpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--real", type=int, metavar="K", help="K copies of each real file instead of a generated corpus")
    ap.add_argument("--out", default="/tmp/juesuan-bench")
    ap.add_argument("--validate", action="store_true", help="include the data-quality pass")
    ap.add_argument("--wild", action="store_true", help="with --real: ../shared/wild's files too")
    ap.add_argument("--reader", action="append", choices=["pdfplumber", "pdfium"],
                    help="with --real: the reader(s) to ingest with (repeatable; default: the ingest default)")
    ap.add_argument("--workers", type=int, action="append", help="with --real: worker counts (default 1 and 2)")
    a = ap.parse_args()
    out = Path(a.out)
    if a.real:
        return real_main(out, a.real, [] if a.validate else ["--no-validate"], a.wild, a.reader or [None],
                         a.workers or [1, 2])
    corpus = out / "corpus"
    if not (corpus / "corpus.manifest.json").exists() or len(list(corpus.glob("*.pdf"))) != a.n:
        shutil.rmtree(corpus, ignore_errors=True)
        from samples.corpus import write

        write(str(corpus), a.n, seed=1)
    files = sorted(str(p) for p in corpus.glob("*.pdf"))
    third = out / "third"
    shutil.rmtree(third, ignore_errors=True)
    third.mkdir(parents=True)
    for f in files[: len(files) // 3]:
        os.symlink(f, third / Path(f).name)
    extra = [] if a.validate else ["--no-validate"]

    print(f"# juesuan ingest benchmark — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC — {machine()}")
    results = {}
    for workers in (1, 2):
        bare_s, pages = bare_pass(files, workers)
        wh = out / f"wh{workers}"
        shutil.rmtree(wh, ignore_errors=True)
        wall, pss, rss, line = run_ingest([str(corpus), "--warehouse", str(wh), "--workers", str(workers),
                                           "--quiet", *extra])
        results[workers] = (bare_s, wall, (pss, rss), pages)
        print(f"workers={workers}: {len(files)} files, {pages} pages | bare extract_words {bare_s:.1f} s "
              f"({pages / bare_s:.1f} pages/s) | pipeline {wall:.1f} s ({pages / wall:.1f} pages/s) | "
              f"ratio {wall / bare_s:.2f} | peak PSS {pss / 2**20:.0f} MiB (RSS {rss / 2**20:.0f}) | {line}",
              flush=True)
    rerun, _, _, line = run_ingest([str(corpus), "--warehouse", str(out / "wh2"), "--workers", "2", "--quiet",
                                    *extra])
    wh3 = out / "wh-third"
    shutil.rmtree(wh3, ignore_errors=True)
    _, pss3, rss3, _ = run_ingest([str(third), "--warehouse", str(wh3), "--workers", "2", "--quiet", *extra])
    b1, w1, _, pages = results[1]
    b2, w2, (pss2, rss2), _ = results[2]
    print(f"speed-up 1 → 2 workers: pipeline {w1 / w2:.2f}×, bare pass {b1 / b2:.2f}×")
    print(f"re-run over the unchanged corpus: {rerun:.1f} s = {100 * rerun / w2:.1f}% of the first run | {line}")
    print(f"peak memory of the process tree, 2 workers: {len(files) // 3} files PSS {pss3 / 2**20:.0f} MiB "
          f"(RSS {rss3 / 2**20:.0f}), {len(files)} files PSS {pss2 / 2**20:.0f} MiB (RSS {rss2 / 2**20:.0f})")
    per_page_core = 2 * w2 / pages
    national_pages = 6_000_000
    print(f"national year ({national_pages:,} pages) on 32 cores at this machine's per-core speed: "
          f"{national_pages * per_page_core / 32 / 3600:.1f} h")


def real_main(out: Path, copies: int, extra: list[str], wild: bool, readers: list, workers: list[int]) -> None:
    """The real files (and the real filings without rules): each reader's ingest against the bare pass."""
    corpus = real_corpus(out, copies, wild)
    files = sorted(str(p) for p in corpus.glob("*.pdf"))
    print(f"# juesuan ingest benchmark, real files — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC — {machine()}")
    print(f"# load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f} "
          f"(1, 5, 15 min); checks {'off' if extra else 'on'}", flush=True)
    for n in workers:
        cpu0 = children_cpu()
        bare_s, pages = bare_pass(files, n)
        bare_cpu = children_cpu() - cpu0
        print(f"workers={n}: {len(files)} files ({copies} copies of each), {pages} pages | bare extract_words "
              f"{bare_s:.1f} s wall, {bare_cpu:.1f} s CPU ({pages / bare_cpu:.1f} pages per CPU-second)", flush=True)
        for reader in readers:
            wh = out / f"wh-real-{reader or 'default'}-{n}"
            shutil.rmtree(wh, ignore_errors=True)
            chosen = ["--reader", reader] if reader else []
            cpu0 = children_cpu()
            wall, pss, rss, line = run_ingest([str(corpus), "--warehouse", str(wh), "--workers", str(n), "--quiet",
                                               *chosen, *extra])
            cpu = children_cpu() - cpu0
            print(f"  reader {reader or 'default'}: pipeline {wall:.1f} s wall ({pages / wall:.1f} pages/s), "
                  f"{cpu:.1f} s CPU ({pages / cpu:.1f} pages per CPU-second) | ratio to the bare pass: CPU "
                  f"{cpu / bare_cpu:.2f}, wall {wall / bare_s:.2f} | peak PSS {pss / 2**20:.0f} MiB "
                  f"(RSS {rss / 2**20:.0f}) | {line}", flush=True)
    print(f"# load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")


if __name__ == "__main__":
    main()
