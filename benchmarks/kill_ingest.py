"""Kill at any moment (issue 11, item 5): SIGKILL the driver, a worker or a parser child mid-ingest, run
the ingest again, and compare the warehouse with an uninterrupted run's, row for row.

    .venv/bin/python benchmarks/kill_ingest.py [--moments 20] [--seed 1] [--generated 20] [--only 0,4,8]
                                               [--out /tmp/juesuan-kill]

The files: the real filings and budgets (../shared/filings, ../shared/budgets, beside the checkout) and
`--generated` generated ones (the four sample filings of samples.generate, the rest from samples.corpus,
seed 1). Every run is the command line in a subprocess of its own session:
`juesuan ingest FILES --warehouse WH --quiet --batch-size 4` (checks on, so quality_results are compared
too; a batch of 4 so that a run commits several times).

1. A warm-up run of one file (Prefect creates its database), then an uninterrupted run: the reference
   warehouse, its wall time T and the times it committed.
2. For each moment k (its own random.Random((seed, k))): a time drawn in [0, 0.95 T] of the reference
   run, restated as "after c commits and d seconds more" (runs differ in speed; progress does not), a
   fresh warehouse, the same run, and at that moment a SIGKILL to
   - the driver (the `juesuan` process): at the moment; or, waiting from it for the next commit to
     stage its first part file, mid-commit; or at the end (a time between the reference's last commit
     but one and its exit: the last commit, the report, the shutdown);
   - a worker (a Dask worker process, a child of the driver started by multiprocessing's spawn), or
   - a parser child (a process the guard forked from a worker to parse a run of documents,
     flows/guard.py),
   chosen among the processes of that kind then alive, found with psutil in the run's process tree.
   Whatever the killed driver left running (its Prefect server) is counted and then stopped. Then the
   same run again, to completion (exit 0), and the warehouse compared with the reference: every row of
   every table (documents, document_sources, line_items, statements, narrative_facts,
   performance_*, sections, covered_units, quality_results; documents less ingested_at), as multisets
   — no row missing, none extra, none twice. No temporary or uncommitted part may remain; a lease the
   killed driver left must have been broken by the re-run (its log says so).
It prints a line per moment and the figures, and exits 1 on any mismatch. `run()` is what
tests/flows/test_kill_sample.py calls with three moments (`make test-all`; not in CI since issue 26).
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCH_SIZE = 4
RUN_TIMEOUT_S = 900.0
# (kind, trigger) of moment k is PATTERN[k % len(PATTERN)]. Over 20 moments: 8 driver kills (4 at the
# drawn time, 2 mid-commit, 2 at the end: from the last commit but one to the run's exit, where the
# checks used to run after the last commit of documents), 6 worker kills, 6 parser-child kills.
PATTERN = [("driver", "time"), ("worker", "time"), ("child", "time"), ("driver", "commit"), ("worker", "time"),
           ("child", "time"), ("driver", "end"), ("worker", "time"), ("child", "time"), ("driver", "time")]


def tables() -> dict[str, str]:
    """table → the columns compared: every table of the warehouse, every column but the timestamps of
    the run (documents.ingested_at)."""
    import pyarrow as pa

    from warehouse.schema import SCHEMAS

    out = {}
    for table, schema in SCHEMAS.items():
        stamps = [f.name for f in schema if pa.types.is_timestamp(f.type)]
        out[table] = f"* EXCLUDE ({', '.join(stamps)})" if stamps else "*"
    return out

def juesuan_bin() -> Path:
    here = Path(sys.executable).with_name("juesuan")
    return here if here.exists() else ROOT / ".venv" / "bin" / "juesuan"


def files(out: Path, generated: int, budgets: bool = True) -> list[Path]:
    from samples.corpus import write
    from samples.generate import generate

    real = sorted((SHARED / "filings").glob("*.pdf")) + (sorted((SHARED / "budgets").glob("*.pdf")) if budgets else [])
    if not real:
        raise SystemExit(f"no real filings in {SHARED} (../shared beside the checkout)")
    gen = out / "generated"
    made = generate(gen / "samples")[:generated]
    if generated > len(made):
        made += write(gen / "corpus", generated - len(made), seed=1)
    return real + sorted(made)


# --- the process tree ------------------------------------------------------------------------------

def _cmdline(p: psutil.Process) -> str:
    try:
        return " ".join(p.cmdline())
    except psutil.Error:
        return ""


def workers(driver: psutil.Process) -> list[psutil.Process]:
    """The Dask worker processes of a run: the driver's children started by multiprocessing's spawn."""
    try:
        kids = driver.children()
    except psutil.Error:
        return []
    return [k for k in kids if "multiprocessing.spawn" in _cmdline(k)]


def parser_children(driver: psutil.Process) -> list[psutil.Process]:
    """The guard's forked parser processes: children of a worker (or, in a one-worker run, of the driver
    itself) that run the same program as their parent and have for a moment (a child forked to exec
    another program, the Prefect server say, looks the same for a millisecond)."""
    out = []
    for parent in workers(driver) or [driver]:
        try:
            kids = parent.children()
        except psutil.Error:
            continue
        for k in kids:
            try:
                if _cmdline(k) == _cmdline(parent) and _cmdline(k) and time.time() - k.create_time() > 0.3:
                    out.append(k)
            except psutil.Error:
                continue
    return out


def role(p: psutil.Process, driver_pid: int) -> str:
    c = _cmdline(p)
    if p.pid == driver_pid:
        return "driver"
    if "uvicorn" in c and "prefect" in c:
        return "prefect-server"
    if "resource_tracker" in c:
        return "resource-tracker"
    if "multiprocessing.spawn" in c:
        return "worker"
    return "parser-child" if "juesuan" in c else "other"


def session_processes(sid: int) -> list[psutil.Process]:
    out = []
    for p in psutil.process_iter():
        try:
            if os.getsid(p.pid) == sid:
                out.append(p)
        except (OSError, psutil.Error):
            continue
    return out


def stop_session(sid: int) -> None:
    """SIGKILL what is left of a run (its own session: it was started with start_new_session)."""
    try:
        os.killpg(sid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# --- runs and snapshots ----------------------------------------------------------------------------

def start(paths: list[Path], wh: Path, home: Path) -> subprocess.Popen:
    env = dict(os.environ, PREFECT_HOME=str(home))
    return subprocess.Popen([str(juesuan_bin()), "ingest", *map(str, paths), "--warehouse", str(wh), "--quiet",
                             "--batch-size", str(BATCH_SIZE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT, start_new_session=True)


def finish(proc: subprocess.Popen, timeout: float = RUN_TIMEOUT_S) -> tuple[int | None, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stop_session(proc.pid)
        out, err = proc.communicate()
        return None, out, err + f"\n(stopped after {timeout:g} s)"
    return proc.returncode, out, err


def snapshot(wh: Path) -> dict[str, Counter]:
    """Every committed row of every compared table, as a multiset."""
    from warehouse import connect

    con = connect(wh)
    def frozen(v):  # sections hold lists, quality_results lists of boxes (dicts)
        if isinstance(v, list):
            return tuple(frozen(x) for x in v)
        if isinstance(v, dict):
            return tuple(sorted((k, frozen(x)) for k, x in v.items()))
        return v

    def hashable(row: tuple) -> tuple:
        return tuple(frozen(v) for v in row)

    return {t: Counter(map(hashable, con.execute(f"SELECT {cols} FROM {t}").fetchall()))
            for t, cols in tables().items()}


def compare(got: dict[str, Counter], want: dict[str, Counter]) -> list[str]:
    out = []
    for t in want:
        missing = want[t] - got[t]
        extra = got[t] - want[t]
        twice = sum(n - 1 for r, n in got[t].items() if n > 1 and want[t][r] < n)
        if missing or extra:
            out.append(f"{t}: {sum(missing.values())} missing, {sum(extra.values())} extra ({twice} twice) "
                       f"of {sum(want[t].values())}")
    return out


def leftovers(wh: Path) -> list[str]:
    """Temporary files and part files of uncommitted batches."""
    done = {p.stem for p in (wh / "_batches").glob("*.done")}
    tmp = [p for p in wh.rglob("*.tmp") if "_lease" not in p.parts]
    parts = [p for p in wh.glob("*/fiscal_year=*/part-*.parquet")
             if p.name[len("part-"):].split(".", 1)[0] not in done]
    return [str(p.relative_to(wh)) for p in tmp + parts]


# --- the moments -----------------------------------------------------------------------------------

@dataclass
class Moment:
    index: int
    kind: str
    trigger: str
    at_s: float  # the moment's time in the uninterrupted run
    after_commits: int = 0  # the moment in this run: after so many commits ...
    delay_s: float = 0.0  # ... and so many seconds more (runs differ in speed: progress, not the clock)
    moment_s: float | None = None
    killed: str = ""  # role and pid, or why nothing was
    killed_at_s: float | None = None
    commits_before: int = 0  # batches committed when the kill landed
    first_exit: int | None = None
    first_summary: str = ""
    orphans: list[str] = field(default_factory=list)  # what the killed driver left running
    lease_left: bool = False
    lease_broken: bool = False
    rerun_exit: int | None = None
    rerun_summary: str = ""
    rerun_s: float = 0.0
    problems: list[str] = field(default_factory=list)


def _committed(wh: Path) -> int:
    return len(list((wh / "_batches").glob("*.done"))) if (wh / "_batches").exists() else 0


def _staging(wh: Path) -> bool:
    return any(wh.glob("*/fiscal_year=*/.part-*.tmp"))


def wait_for_moment(m: Moment, proc: subprocess.Popen, wh: Path) -> bool:
    """Until the moment: `after_commits` batches committed, then `delay_s` more. False if the run ended."""
    t0 = time.monotonic()
    while _committed(wh) < m.after_commits:
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    t1 = time.monotonic()
    while time.monotonic() - t1 < m.delay_s:
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    m.moment_s = time.monotonic() - t0
    return True


def kill_at(m: Moment, proc: subprocess.Popen, wh: Path, rng: random.Random) -> None:
    """Wait for the moment, then SIGKILL one process of its kind (or note that the run ended first)."""
    t0 = time.monotonic()
    driver = psutil.Process(proc.pid)
    if not wait_for_moment(m, proc, wh):
        m.killed = "nothing: the run ended before the moment"
        return
    while proc.poll() is None:
        if m.kind == "driver":
            if m.trigger != "commit" or _staging(wh):
                target = driver
                break
            time.sleep(0.002)  # a commit stages its parts for a few tens of milliseconds
            continue
        found = workers(driver) if m.kind == "worker" else parser_children(driver)
        if found:
            target = rng.choice(sorted(found, key=lambda p: p.pid))
            break
        time.sleep(0.01)
    else:
        m.killed = f"nothing: the run ended before a {m.kind} could be found"
        return
    m.commits_before = _committed(wh)
    try:
        target.send_signal(signal.SIGKILL)
    except psutil.Error as exc:
        m.killed = f"nothing: the {m.kind} was gone ({type(exc).__name__})"
        return
    m.killed_at_s = time.monotonic() - t0
    m.killed = f"{m.kind} pid {target.pid}" + (" (mid-commit)" if m.trigger == "commit" else "")


def run_moment(m: Moment, paths: list[Path], out: Path, want: dict[str, Counter], home: Path) -> Moment:
    wh = out / f"wh-{m.index:02d}"
    shutil.rmtree(wh, ignore_errors=True)
    rng = random.Random(f"target:{m.index}")
    proc = start(paths, wh, home)
    kill_at(m, proc, wh, rng)
    if m.kind == "driver" and m.killed.startswith("driver"):
        proc.wait()
        time.sleep(2.0)  # what dies with the driver has died by now
        m.orphans = sorted(f"{role(p, proc.pid)} {p.pid}" for p in session_processes(proc.pid) if p.is_running())
        stop_session(proc.pid)
    m.first_exit, so, se = finish(proc)
    m.first_summary = so.strip().splitlines()[-1] if so.strip() else ""
    if m.kind != "driver" and "Traceback" in so + se:
        m.problems.append("a traceback reached the console of the run whose " + m.kind + " was killed")
    stop_session(proc.pid)  # nothing of the first run outlives it
    m.lease_left = (wh / "_lease" / "writer").exists()
    log = wh / "_logs" / "juesuan.log"
    before = log.stat().st_size if log.exists() else 0

    t0 = time.perf_counter()
    m.rerun_exit, so, se = finish(start(paths, wh, home))
    m.rerun_s = time.perf_counter() - t0
    m.rerun_summary = so.strip().splitlines()[-1] if so.strip() else ""
    if m.rerun_exit != 0:
        m.problems.append(f"the re-run exited {m.rerun_exit}: {se.strip()[-400:]}")
    if "Traceback" in so + se:
        m.problems.append("a traceback reached the re-run's console")
    if m.lease_left:
        with open(log, encoding="utf-8", errors="replace") as f:
            f.seek(before)
            m.lease_broken = "broke the writer lease" in f.read()
        if not m.lease_broken:
            m.problems.append("the killed driver's lease was not broken by the re-run (nothing logged)")
    if (wh / "_lease" / "writer").exists():
        m.problems.append("the re-run left the writer lease behind")
    left = leftovers(wh)
    if left:
        m.problems.append(f"{len(left)} temporary or uncommitted files remain: {left[:5]}")
    m.problems += compare(snapshot(wh), want)
    return m


def moments(n: int, seed: int, reference_s: float, commits: list[float]) -> list[Moment]:
    """n moments, each at a drawn time of the uninterrupted run (in [0, 0.95 T]; for "end", between its
    last commit but one and its exit), restated as the commits before it and the seconds since the last
    of them (commits: when the uninterrupted run committed)."""
    out = []
    for k in range(n):
        rng = random.Random(f"{seed}:{k}")
        kind, trigger = PATTERN[k % len(PATTERN)]
        if trigger == "end" and len(commits) >= 2:
            at = commits[-2] + rng.uniform(0.0, 0.95) * (reference_s - commits[-2])
        else:
            at = rng.uniform(0.0, 0.95) * reference_s
        before = [t for t in commits if t <= at]
        out.append(Moment(k, kind, trigger, round(at, 2), len(before), round(at - (before[-1] if before else 0.0), 2)))
    return out


@dataclass
class Result:
    files: int = 0
    reference_s: float = 0.0
    reference_summary: str = ""
    reference_commits: list[float] = field(default_factory=list)
    moments: list[Moment] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def run(n: int = 20, seed: int = 1, out: Path | str = "/tmp/juesuan-kill", generated: int = 20,
        only: list[int] | None = None, echo=print, budgets: bool = True, warm_up: bool = True) -> Result:
    """budgets: the real budgets among the files too; warm_up: a first run of one file before the
    uninterrupted one, so that creating Prefect's database is not part of its timeline."""
    out = Path(out)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    home = out / "prefect-home"
    res = Result()
    paths = files(out, generated, budgets)
    res.files = len(paths)

    if warm_up:  # a first run in a new PREFECT_HOME creates Prefect's database (seconds): not in the timeline
        finish(start(paths[:1], out / "warm-up", home))
        shutil.rmtree(out / "warm-up", ignore_errors=True)
    t0 = time.perf_counter()
    ref = start(paths, out / "reference", home)
    commits: list[float] = []
    while ref.poll() is None:  # when the uninterrupted run commits: the moments are placed by them
        if _committed(out / "reference") > len(commits):
            commits.append(time.perf_counter() - t0)
        time.sleep(0.005)
    code, so, se = finish(ref)
    res.reference_s = time.perf_counter() - t0
    res.reference_commits = commits
    res.reference_summary = so.strip()
    if code != 0:
        res.failures.append(f"the uninterrupted run exited {code}: {se.strip()[-500:]}")
        return res
    want = snapshot(out / "reference")
    echo(f"uninterrupted: {len(paths)} files in {res.reference_s:.1f} s; {res.reference_summary}")
    echo("  rows: " + ", ".join(f"{t} {sum(c.values())}" for t, c in want.items()))

    echo("  commits at: " + ", ".join(f"{t:.1f}" for t in commits) + " s")
    for m in moments(n, seed, res.reference_s, commits):
        if only is not None and m.index not in only:
            continue
        run_moment(m, paths, out, want, home)
        res.moments.append(m)
        echo(describe(m))
        res.failures += [f"moment {m.index}: {p}" for p in m.problems]
        shutil.rmtree(out / f"wh-{m.index:02d}", ignore_errors=True)
    return res


def describe(m: Moment) -> str:
    at = (f"{m.at_s:.1f} s (commit {m.after_commits} + {m.delay_s:.1f} s; killed at {m.killed_at_s:.1f} s)"
          if m.killed_at_s is not None else f"{m.at_s:.1f} s (commit {m.after_commits} + {m.delay_s:.1f} s)")
    lease = " lease left and broken" if m.lease_broken else (" lease left, NOT broken" if m.lease_left else "")
    orphans = f"; left running: {', '.join(m.orphans)}" if m.orphans else ""
    verdict = "same rows" if not m.problems else "MISMATCH: " + "; ".join(m.problems)
    return (f"#{m.index:02d} {m.kind:6} {m.trigger:6} at {at}: killed {m.killed}; {m.commits_before} batches "
            f"committed; first run exit {m.first_exit}{orphans};{lease} re-run exit {m.rerun_exit} in "
            f"{m.rerun_s:.1f} s ({m.rerun_summary.split(';')[0]}) -> {verdict}")


def machine() -> str:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
            f"Python {platform.python_version()}")


def report(res: Result, echo=print) -> None:
    kinds = Counter(m.killed.split(" pid")[0] for m in res.moments if " pid " in m.killed)
    missed = [m.index for m in res.moments if " pid " not in m.killed]
    echo(f"files: {res.files}; uninterrupted run {res.reference_s:.1f} s")
    echo(f"moments: {len(res.moments)}; killed: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
         + (f"; nothing to kill at {missed}" if missed else ""))
    echo(f"mid-commit driver kills: {sum(1 for m in res.moments if m.trigger == 'commit' and ' pid ' in m.killed)}; "
         f"leases left by a killed driver: {sum(m.lease_left for m in res.moments)}, broken by the re-run: "
         f"{sum(m.lease_broken for m in res.moments)}")
    orphaned = Counter(o.split()[0] for m in res.moments for o in m.orphans)
    if orphaned:
        echo("left running by a killed driver (then stopped): " + ", ".join(f"{k} {v}" for k, v in orphaned.items()))
    reruns = [m.rerun_s for m in res.moments]
    if reruns:
        echo(f"re-runs: {min(reruns):.1f}–{max(reruns):.1f} s")
    if res.failures:
        echo(f"FAILED: {len(res.failures)} mismatch(es)")
        for f in res.failures:
            echo(f"  - {f}")
    else:
        echo("every re-run equals the uninterrupted run, row for row")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--moments", type=int, default=20, help="kill moments (default 20)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--generated", type=int, default=20, help="generated filings beside the real ones (default 20)")
    ap.add_argument("--only", default=None, help="run only these moments (comma-separated indexes)")
    ap.add_argument("--out", default="/tmp/juesuan-kill", help="working folder, emptied first")
    args = ap.parse_args(argv)
    echo = lambda *a: print(*a, flush=True)
    echo(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine()}; moments={args.moments} seed={args.seed}")
    only = [int(x) for x in args.only.split(",")] if args.only else None
    res = run(args.moments, args.seed, args.out, args.generated, only, echo)
    report(res, echo)
    return 1 if res.failures else 0


if __name__ == "__main__":
    sys.exit(main())
