"""Fuzzed input (issue 11, item 4): the real and generated filings damaged ≥ 1,000 ways, ingested in one run.

    .venv/bin/python benchmarks/fuzz_ingest.py [--n 1000] [--seed 1] [--out /tmp/juesuan-fuzz] [--time-limit 30]

The bases are the real filings and budgets (../shared/filings, ../shared/budgets, beside the checkout)
and generated ones (the four sample filings of samples.generate and six of samples.corpus). Mutant i
is made with its own random.Random((seed, i)), so a run of n=50 is the first 50 of the run of 1,000. Its
kind is KINDS[i % len(KINDS)] (equal shares); its base and the damage are drawn:

- byte_flip        1–256 bytes XORed with a random nonzero byte, anywhere;
- truncate         cut at a random offset (a third of them in the last 4 KB);
- delete_chunk     1 byte up to a quarter of the file removed (sizes log-uniform);
- duplicate_chunk  a chunk inserted again, right after itself or anywhere;
- xref             the cross-reference table: offsets shifted, entries garbled, entries shuffled, its
                   keyword or subsection header broken, or the table deleted;
- trailer          startxref wrong or missing, /Root removed or dangling, /Size wrong, a /Prev loop,
                   a dangling /Encrypt, the trailer dictionary deleted, %%EOF removed;
- stream           one to three Flate (deflate) streams: bytes flipped, cut short (zero-padded to keep
                   every offset), replaced with random bytes, zlib header or Adler-32 broken;
- length           a stream's /Length (direct, or the object an indirect one names): smaller, larger
                   (past the stream), 0, negative, 10^12, a dangling reference, not a number;
- object_header    one to five `N G obj` headers: renumbered, made a duplicate of another object,
                   a generation changed, `obj` misspelt, `endobj` removed, digits garbled;
- combined         two or three of the above, one after the other.

Every mutant differs from its base and from every other mutant (a repeat is drawn again). The run:
1. `juesuan ingest BASES --warehouse WH --quiet` (the clean earlier batch); its rows are counted and
   checksummed, table by table;
2. `juesuan ingest MUTANTS --warehouse WH --quiet --time-limit T`, the command line in a subprocess;
3. the properties: exit 0; nothing on the console but the summary line (no traceback); one `documents`
   row per mutant (its SHA-256) with a status, and an error sentence when failed, partial or skipped;
   every document's parse (the guard's log line, flows/guard.py) within its time limit; the earlier
   batch's rows unchanged (counts and checksums of every table).
It prints the figures (files, statuses, sentences, slowest parse, wall time) and exits 1 if a property
fails. `run()` is what tests/flows/test_fuzz_sample.py calls with n=50 (`make test-all`; not in CI since issue 26).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
JUESUAN = Path(sys.executable).with_name("juesuan")  # the venv's command line, beside its python
if not JUESUAN.exists():
    JUESUAN = ROOT / ".venv" / "bin" / "juesuan"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

KINDS = ["byte_flip", "truncate", "delete_chunk", "duplicate_chunk", "xref", "trailer", "stream", "length",
         "object_header", "combined"]
CORPUS_BASES = 6  # generated corpus filings among the bases (samples.corpus, seed 1)
STATUSES = ("ok", "partial", "failed", "skipped")


class NotApplicable(Exception):
    """The base has nothing this mutation can damage (no such structure): draw again."""


# --- finding the structures ------------------------------------------------------------------------

_EOL = rb"(?:\r\n|\n|\r)"
_OBJ = re.compile(rb"(?<![0-9])(\d{1,7})[ \t\r\n]+(\d{1,5})[ \t\r\n]+obj(?![a-zA-Z])")
_LENGTH = re.compile(rb"/Length(?![0-9A-Za-z])[ \t\r\n]*(-?\d+)(?:[ \t\r\n]+(\d+)[ \t\r\n]+R)?")
_STREAM = re.compile(rb"(?<!end)stream" + _EOL)


def _startxref(b: bytes) -> tuple[int, int, int] | None:
    """(start, end) of the number after the last startxref, and its value."""
    i = b.rfind(b"startxref")
    if i < 0:
        return None
    m = re.compile(rb"[ \t\r\n]*(\d+)").match(b, i + len(b"startxref"))
    return (m.start(1), m.end(1), int(m.group(1))) if m else None


def _xref_table(b: bytes) -> tuple[int, int] | None:
    """(start, end) of the last classic cross-reference table: from `xref` to `trailer`."""
    for m in reversed(list(re.finditer(rb"(?<![a-z])xref" + _EOL, b))):
        end = b.find(b"trailer", m.end())
        if end > 0:
            return m.start(), end
    return None


def _trailer(b: bytes) -> tuple[int, int] | None:
    """(start, end) of the last trailer dictionary, `trailer` keyword included."""
    i = b.rfind(b"trailer")
    if i < 0:
        return None
    end = b.find(b">>", i)
    depth, j = 0, b.find(b"<<", i)
    if j < 0:
        return None
    while j < len(b) - 1:  # the dictionary may hold << >> of its own (/ID arrays do not, /Encrypt may)
        if b[j:j + 2] == b"<<":
            depth += 1
            j += 2
        elif b[j:j + 2] == b">>":
            depth -= 1
            j += 2
            if depth == 0:
                return i, j
        else:
            j += 1
    return (i, end + 2) if end > 0 else None


def _streams(b: bytes, flate_only: bool = False) -> list[tuple[int, int, int]]:
    """(dictionary start, data start, data end) of each stream; data ends where `endstream` starts
    (less the end-of-line before it)."""
    out = []
    for m in _STREAM.finditer(b):
        head = b.rfind(b"obj", 0, m.start())
        if head < 0:
            continue
        end = b.find(b"endstream", m.end())
        if end < 0:
            continue
        if flate_only and b"/FlateDecode" not in b[head:m.start()] and b"/Fl " not in b[head:m.start()]:
            continue
        data_end = end
        for eol in (b"\r\n", b"\n", b"\r"):
            if b[:data_end].endswith(eol):
                data_end -= len(eol)
                break
        if data_end > m.end():
            out.append((head, m.end(), data_end))
    return out


def _replace(b: bytes, start: int, end: int, new: bytes) -> bytes:
    return b[:start] + new + b[end:]


def _same_width(new: bytes, old: bytes) -> bytes:
    """new, padded with spaces to old's width when shorter (so the offsets after it hold)."""
    return new + b" " * (len(old) - len(new)) if len(new) < len(old) else new


# --- the mutations ---------------------------------------------------------------------------------

def byte_flip(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    n = rng.choice([1, 2, 4, 8, 16, 64, 256])
    out = bytearray(b)
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] ^= rng.randrange(1, 256)
    return bytes(out), f"{n} bytes flipped"


def truncate(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = len(b) - rng.randrange(1, min(4096, len(b))) if rng.random() < 1 / 3 else rng.randrange(1, len(b))
    return b[:at], f"cut at {at:,} of {len(b):,} bytes"


def _chunk(b: bytes, rng: random.Random) -> tuple[int, int]:
    size = max(1, int(math.exp(rng.uniform(0, math.log(max(2, len(b) // 4))))))
    start = rng.randrange(0, max(1, len(b) - size))
    return start, size


def delete_chunk(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    start, size = _chunk(b, rng)
    return b[:start] + b[start + size:], f"{size:,} bytes deleted at {start:,}"


def duplicate_chunk(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    start, size = _chunk(b, rng)
    chunk = b[start:start + size]
    at = start + size if rng.random() < 0.5 else rng.randrange(0, len(b) + 1)
    return b[:at] + chunk + b[at:], f"{size:,} bytes from {start:,} inserted again at {at:,}"


def xref(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    span = _xref_table(b)
    if span is None:
        raise NotApplicable("no cross-reference table")
    start, end = span
    table = b[start:end]
    entries = list(re.finditer(rb"(\d{10}) (\d{5}) ([nf])", table))
    variant = rng.choice(["shift", "garble", "shuffle", "keyword", "subsection", "delete"])
    if variant == "shift" and entries:
        delta = rng.choice([-1, 1]) * rng.randrange(1, 2000)
        new = re.sub(rb"(\d{10}) (\d{5}) n",
                     lambda m: b"%010d %s n" % (max(0, int(m.group(1)) + delta), m.group(2)), table)
        return _replace(b, start, end, new), f"xref: every offset shifted by {delta:+d}"
    if variant == "garble" and entries:
        k = rng.randrange(1, min(20, len(entries)) + 1)
        out = bytearray(table)
        for m in rng.sample(entries, k):
            out[m.start(1):m.end(1)] = b"%010d" % rng.randrange(0, 10 ** rng.randrange(1, 11))
        return _replace(b, start, end, bytes(out)), f"xref: {k} entries garbled"
    if variant == "shuffle" and len(entries) > 2:
        lines = [table[m.start():m.end()] for m in entries]
        shuffled = lines[:]
        rng.shuffle(shuffled)
        out = bytearray(table)
        for m, line in zip(entries, shuffled):
            out[m.start():m.end()] = line
        return _replace(b, start, end, bytes(out)), f"xref: {len(lines)} entries shuffled"
    if variant == "keyword":
        return _replace(b, start, start + 4, rng.choice([b"xrex", b"XREF", b"    ", b"xre"])), "xref: keyword broken"
    if variant == "subsection":
        m = re.compile(_EOL + rb"(\d+) (\d+)").search(table)
        if m:
            count = rng.choice([b"0", b"1", b"999999", b"-3", b"x"])
            new = table[:m.start(2)] + count + table[m.end(2):]
            return _replace(b, start, end, new), f"xref: subsection count {count.decode()}"
    return _replace(b, start, end, b""), "xref: table deleted"


def trailer(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    span, sx = _trailer(b), _startxref(b)
    variant = rng.choice(["startxref", "no_startxref", "no_root", "dangling_root", "size", "prev_loop",
                          "dangling_encrypt", "delete", "no_eof"])
    if variant == "startxref" and sx:
        value = rng.choice([0, 1, sx[2] + rng.randrange(1, 50), max(0, sx[2] - rng.randrange(1, 50)),
                            rng.randrange(0, len(b)), len(b) * 10])
        return _replace(b, sx[0], sx[1], b"%d" % value), f"trailer: startxref {value} (was {sx[2]})"
    if variant == "no_startxref" and sx:
        i = b.rfind(b"startxref")
        return _replace(b, i, sx[1], b""), "trailer: startxref removed"
    if variant == "no_eof" and b.rfind(b"%%EOF") >= 0:
        i = b.rfind(b"%%EOF")
        return _replace(b, i, i + 5, b""), "trailer: %%EOF removed"
    if span is None:
        raise NotApplicable("no trailer dictionary")
    start, end = span
    t = b[start:end]
    root = re.search(rb"/Root[ \t\r\n]*\d+[ \t\r\n]+\d+[ \t\r\n]+R", t)
    if variant == "no_root" and root:
        return _replace(b, start, end, t[:root.start()] + t[root.end():]), "trailer: /Root removed"
    if variant == "dangling_root" and root:
        return (_replace(b, start, end, t[:root.start()] + b"/Root 99999 0 R" + t[root.end():]),
                "trailer: /Root names no object")
    size = re.search(rb"/Size[ \t\r\n]*(\d+)", t)
    if variant == "size" and size:
        value = rng.choice([b"0", b"1", b"-5", b"99999999"])
        return (_replace(b, start, end, t[:size.start(1)] + value + t[size.end(1):]),
                f"trailer: /Size {value.decode()}")
    if variant == "prev_loop" and sx:
        i = t.find(b"<<")
        return _replace(b, start, end, t[:i + 2] + b"/Prev %d " % sx[2] + t[i + 2:]), "trailer: /Prev to itself"
    if variant == "dangling_encrypt":
        i = t.find(b"<<")
        return _replace(b, start, end, t[:i + 2] + b"/Encrypt 99998 0 R " + t[i + 2:]), "trailer: dangling /Encrypt"
    return _replace(b, start, end, b""), "trailer: dictionary deleted"


def stream(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    streams = _streams(b, flate_only=True)
    if not streams:
        raise NotApplicable("no Flate stream")
    picked = rng.sample(streams, min(len(streams), rng.choice([1, 1, 2, 3])))
    variant = rng.choice(["flip", "cut", "random", "header", "adler"])
    out = bytearray(b)
    for _, s, e in picked:
        n = e - s
        if variant == "flip":
            for _ in range(rng.randrange(1, 9)):
                i = rng.randrange(s, e)
                out[i] ^= rng.randrange(1, 256)
        elif variant == "cut":
            keep = rng.randrange(0, n)
            out[s:e] = bytes(out[s:s + keep]) + bytes(n - keep)
        elif variant == "random":
            out[s:e] = rng.randbytes(n)
        elif variant == "header":
            out[s:s + min(2, n)] = bytes(min(2, n))
        else:
            out[max(s, e - 4):e] = rng.randbytes(min(4, n))
    return bytes(out), f"stream: {len(picked)} Flate stream(s), {variant}"


def length(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    lengths = [(m, s) for s in _streams(b) for m in [_LENGTH.search(b, s[0], s[1])] if m]
    if not lengths:
        raise NotApplicable("no /Length")
    m, (_, s, e) = rng.choice(lengths)
    true = e - s
    variant = rng.choice(["smaller", "larger", "zero", "negative", "huge", "dangling", "name"])
    value = {"smaller": b"%d" % rng.randrange(0, max(1, true)), "larger": b"%d" % (true + rng.randrange(1, 10_000)),
             "zero": b"0", "negative": b"-%d" % rng.randrange(1, 1000), "huge": b"1000000000000",
             "dangling": b"99997 0 R", "name": b"/Foo"}[variant]
    if m.group(2) is not None and variant not in ("dangling", "name"):
        # an indirect /Length: damage the number in the object it names
        target = re.compile(rb"(?<![0-9])%s[ \t\r\n]+%s[ \t\r\n]+obj[ \t\r\n]*(-?\d+)"
                            % (m.group(1), m.group(2))).search(b)
        if target:
            old = target.group(1)
            return (_replace(b, target.start(1), target.end(1), _same_width(value, old)),
                    f"length: indirect /Length {old.decode()} -> {value.decode()} ({variant})")
    old = b[m.start(1):m.end()]
    return _replace(b, m.start(1), m.end(), _same_width(value, old)), f"length: /Length {variant} ({value.decode()})"


def object_header(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    headers = list(_OBJ.finditer(b))
    if not headers:
        raise NotApplicable("no object headers")
    picked = sorted(rng.sample(headers, min(len(headers), rng.randrange(1, 6))), key=lambda m: -m.start())
    variant = rng.choice(["renumber", "duplicate", "generation", "keyword", "endobj", "garble"])
    for m in picked:  # from the end, so earlier matches keep their offsets
        if variant == "renumber":
            new = b"%d %s obj" % (rng.randrange(0, 100_000), m.group(2))
        elif variant == "duplicate":
            other = rng.choice(headers)
            new = b"%s %s obj" % (other.group(1), other.group(2))
        elif variant == "generation":
            new = b"%s %d obj" % (m.group(1), rng.choice([1, 7, 65535]))
        elif variant == "keyword":
            new = b"%s %s %s" % (m.group(1), m.group(2), rng.choice([b"ojb", b"ob", b"OBJ", b""]))
        elif variant == "endobj":
            i = b.find(b"endobj", m.end())
            if i >= 0:
                b = _replace(b, i, i + 6, b"")
            continue
        else:
            new = bytes(rng.choice(b"Oo lI") if c in b"0123456789" and rng.random() < 0.5 else c for c in m.group(0))
        b = _replace(b, m.start(), m.end(), new)
    return b, f"object_header: {len(picked)} header(s), {variant}"


def combined(b: bytes, rng: random.Random) -> tuple[bytes, str]:
    done = []
    for kind in rng.sample(KINDS[:-1], rng.randrange(2, 4)):
        try:
            b, what = MUTATIONS[kind](b, rng)
        except NotApplicable:
            continue
        done.append(what)
    if not done:
        raise NotApplicable("nothing applied")
    return b, "combined: " + "; ".join(done)


MUTATIONS = {k: globals()[k] for k in KINDS}


# --- the corpus ------------------------------------------------------------------------------------

def bases(out: Path) -> list[Path]:
    """The real filings and budgets (read in place) and the generated filings (rendered into out/bases)."""
    from samples.corpus import write
    from samples.generate import generate

    gen = out / "bases"
    real = sorted((SHARED / "filings").glob("*.pdf")) + sorted((SHARED / "budgets").glob("*.pdf"))
    if not real:
        raise SystemExit(f"no real filings in {SHARED} (../shared beside the checkout)")
    made = generate(gen / "samples") + write(gen / "corpus", CORPUS_BASES, seed=1)
    return real + sorted(made)


def _label(base: Path, index: int) -> str:
    """An ASCII name for a base: mutants are named after it."""
    return f"b{index:02d}"


def mutate(base_paths: list[Path], n: int, seed: int, out: Path) -> list[dict]:
    """Write n mutants into out; returns their manifest rows."""
    out.mkdir(parents=True, exist_ok=True)
    data = [p.read_bytes() for p in base_paths]
    seen = {hashlib.sha256(d).hexdigest() for d in data}
    rows = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        rng = random.Random(f"{seed}:{i}")
        draws = 0
        while True:
            draws += 1
            if draws > 100:
                raise RuntimeError(f"mutant {i} ({kind}): no new file in 100 draws")
            which = rng.randrange(len(data))
            try:
                mutant, what = MUTATIONS[kind](data[which], rng)
            except NotApplicable:
                continue
            digest = hashlib.sha256(mutant).hexdigest()
            if digest not in seen:
                break
        seen.add(digest)
        name = f"m{i:04d}-{kind}-{_label(base_paths[which], which)}.pdf"
        (out / name).write_bytes(mutant)
        rows.append({"file": name, "kind": kind, "base": base_paths[which].name, "damage": what,
                     "bytes": len(mutant), "sha256": digest, "draws": draws})
    (out / "fuzz.manifest.json").write_text(json.dumps({"seed": seed, "n": n, "mutants": rows}, ensure_ascii=False,
                                                       indent=1) + "\n", encoding="utf-8")
    return rows


# --- the run and its properties --------------------------------------------------------------------

@dataclass
class Result:
    files: int = 0
    kinds: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    statuses_by_kind: dict = field(default_factory=dict)
    sentences: Counter = field(default_factory=Counter)
    slowest: tuple[float, str] = (0.0, "")
    timeouts: int = 0
    timings: int = 0
    clean_wall_s: float = 0.0
    wall_s: float = 0.0
    earlier: dict = field(default_factory=dict)  # table -> (rows, checksum) of the earlier batch, before
    summary_line: str = ""
    failures: list[str] = field(default_factory=list)


def _juesuan(args: list[str], home: Path) -> tuple[int, str, str, float]:
    env = dict(os.environ, PREFECT_HOME=str(home))
    t0 = time.perf_counter()
    # Its own session: whatever the run starts (its Prefect server, the cluster) goes with it on a kill.
    p = subprocess.run([str(JUESUAN), *args], capture_output=True, text=True, env=env, cwd=ROOT,
                       start_new_session=True, timeout=6 * 3600)
    return p.returncode, p.stdout, p.stderr, time.perf_counter() - t0


def earlier_rows(wh: Path, doc_ids: set[str]) -> dict[str, tuple[int, str]]:
    """Per table: how many rows the documents `doc_ids` have, and a checksum of those rows (every
    column, in a fixed order)."""
    from warehouse import connect
    from warehouse.schema import SCHEMAS

    con = connect(wh)
    con.execute("CREATE TEMP TABLE earlier (doc_id VARCHAR)")
    con.executemany("INSERT INTO earlier VALUES (?)", [(d,) for d in sorted(doc_ids)])
    out = {}
    for table in SCHEMAS:  # every table: each holds rows of a document
        rows = con.execute(f"SELECT * FROM {table} WHERE doc_id IN (SELECT doc_id FROM earlier)").fetchall()
        h = hashlib.sha256()
        for line in sorted(repr(r) for r in rows):
            h.update(line.encode())
            h.update(b"\n")
        out[table] = (len(rows), h.hexdigest()[:16])
    return out


def parse_times(log: Path) -> dict[str, float]:
    """path → seconds, from the guard's lines in the run's log (flows/guard.py): "parsed PATH in S s
    (status)" for a result, "PATH: SENTENCE (after S s; …)" for a failure. String operations, not a
    regular expression: a log line may be a megabyte long."""
    times: dict[str, float] = {}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        _, sep, msg = line.partition(" juesuan.guard")
        if not sep or len(line) > 20_000:
            continue
        msg = msg.split(": ", 1)[-1]
        if msg.startswith("parsed ") and " in " in msg:
            path, _, rest = msg[len("parsed "):].rpartition(" in ")
            seconds = rest.split(" s", 1)[0]
        elif " (after " in msg:
            path = msg.split(": ", 1)[0]
            seconds = msg.rsplit(" (after ", 1)[1].split(" s", 1)[0]
        else:
            continue
        try:
            times[path] = float(seconds)
        except ValueError:
            pass
    return times


def sentence_kind(error: str | None) -> str:
    """An error sentence's first clause with its particulars left out (numbers, table names, what is
    in brackets), to count the sentences by kind."""
    if not error:
        return "(none)"
    first = error.split("; ")[0].split(" — ")[0].split(": ")[0]
    first = re.sub(r"\s*\([^()]*\)", "", first).split(" (")[0]  # what is in brackets, closed or cut off
    first = re.sub(r"表\d+\s*\S+", "表N", first)
    first = re.sub(r"\d+(?:[.,]\d+)*%?", "N", first)
    first = re.sub(r"N(?:, N)+(?:,? and N)?", "N", first)
    first = re.sub(r"\bpages? N", "page(s) N", first)
    return first.strip()[:90]


def run(n: int = 1000, seed: int = 1, out: Path | str = "/tmp/juesuan-fuzz", time_limit: float = 30.0,
        workers: int | None = None, echo=print) -> Result:
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    wh, home = out / "warehouse", out / "prefect-home"
    res = Result()
    base_paths = bases(out)
    t0 = time.perf_counter()
    manifest = mutate(base_paths, n, seed, out / "mutants")
    echo(f"{len(base_paths)} bases, {len(manifest)} mutants written in {time.perf_counter() - t0:.1f} s")
    res.files = len(manifest)
    res.kinds = Counter(r["kind"] for r in manifest)
    extra = ["--workers", str(workers)] if workers else []

    code, so, se, res.clean_wall_s = _juesuan(["ingest", *map(str, base_paths), "--warehouse", str(wh), "--quiet",
                                               *extra], home)
    if code != 0:
        res.failures.append(f"the clean batch exited {code}: {se.strip()[-500:]}")
        return res
    from transform.ids import sha256_of
    from warehouse import connect

    earlier = {sha256_of(p) for p in base_paths}
    res.earlier = before = earlier_rows(wh, earlier)
    echo(f"clean batch: {len(base_paths)} files in {res.clean_wall_s:.1f} s; {so.strip()}")

    code, so, se, res.wall_s = _juesuan(["ingest", str(out / "mutants"), "--warehouse", str(wh), "--quiet",
                                         "--time-limit", f"{time_limit:g}", *extra], home)
    res.summary_line = so.strip()
    # 1. exit 0, and the console says one summary line and nothing else (no traceback, no warning)
    if code != 0:
        res.failures.append(f"the fuzzed batch exited {code}")
    console = (so + se).strip().splitlines()
    if "Traceback" in so + se:
        res.failures.append("a traceback reached the console:\n" + (so + se)[-3000:])
    elif len(console) != 1 or not console[0].startswith(f"{n} files: "):
        res.failures.append("the console shows more than the summary line:\n" + "\n".join(console[:40]))

    # 2. one documents row per mutant, with a status and (failed, partial, skipped) a sentence
    con = connect(wh)
    rows = con.execute("SELECT doc_id, file_name, status, error FROM documents").fetchall()
    by_id: dict[str, list] = {}
    for r in rows:
        by_id.setdefault(r[0], []).append(r)
    if len(rows) != len(by_id):
        res.failures.append(f"{len(rows) - len(by_id)} documents stored twice")
    for m in manifest:
        got = by_id.get(m["sha256"], [])
        if len(got) != 1:
            res.failures.append(f"{m['file']}: {len(got)} documents rows")
            continue
        _, name, status, error = got[0]
        res.statuses[status] += 1
        res.statuses_by_kind.setdefault(m["kind"], Counter())[status] += 1
        m["status"], m["error"] = status, error
        if status not in STATUSES:
            res.failures.append(f"{m['file']}: status {status!r}")
        if status != "ok":
            if not error or len(error.split()) < 4:
                res.failures.append(f"{m['file']}: {status} without a sentence ({error!r})")
            res.sentences[sentence_kind(error)] += 1
        if error and "stopped after" in error and "time limit" in error:
            res.timeouts += 1
    stray = set(by_id) - earlier - {m["sha256"] for m in manifest}
    if stray:
        res.failures.append(f"{len(stray)} documents rows for no file given")

    # 3. every parse within its time limit (the guard's own measure, from the log)
    times = parse_times(wh / "_logs" / "juesuan.log")
    mutant_dir = out / "mutants"
    mine = {str(mutant_dir / m["file"]): m for m in manifest}
    res.timings = sum(1 for p in mine if p in times)
    if res.timings != len(mine):
        missing = [Path(p).name for p in mine if p not in times][:10]
        res.failures.append(f"no parse time logged for {len(mine) - res.timings} files (e.g. {missing})")
    for p, m in mine.items():
        m["parse_s"] = times.get(p)
    if res.timings:
        res.slowest = max((times[p], Path(p).name) for p in mine if p in times)
        if res.slowest[0] > time_limit + 1.0:
            res.failures.append(f"{res.slowest[1]} took {res.slowest[0]:.1f} s, past its {time_limit:g} s limit")

    # 4. the earlier batch untouched
    after = earlier_rows(wh, earlier)
    for table in before:
        if after[table] != before[table]:
            res.failures.append(f"{table}: the earlier batch's rows changed: {before[table]} -> {after[table]}")
    (out / "fuzz.results.json").write_text(json.dumps({"seed": seed, "n": n, "mutants": manifest}, ensure_ascii=False,
                                                      indent=1, default=str) + "\n", encoding="utf-8")
    return res


def machine() -> str:
    import psutil

    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "?")
    return (f"{os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB, "
            f"Python {platform.python_version()}")


def report(res: Result, echo=print) -> None:
    echo(f"files: {res.files} mutants; kinds: " + ", ".join(f"{k} {res.kinds[k]}" for k in KINDS))
    echo(f"summary line: {res.summary_line}")
    echo("statuses: " + ", ".join(f"{s} {res.statuses[s]}" for s in STATUSES))
    for kind in KINDS:
        c = res.statuses_by_kind.get(kind, Counter())
        echo(f"  {kind:16} " + "  ".join(f"{s} {c[s]:3d}" for s in STATUSES))
    echo("sentences (failed, partial, skipped), by their first words:")
    for what, count in res.sentences.most_common():
        echo(f"  {count:5d}  {what}")
    echo(f"slowest parse: {res.slowest[0]:.2f} s ({res.slowest[1]}); timed out: {res.timeouts}; "
         f"parse times logged: {res.timings}/{res.files}")
    echo(f"wall time: clean batch {res.clean_wall_s:.1f} s, fuzzed batch {res.wall_s:.1f} s "
         f"({res.files / max(res.wall_s, 1e-9):.1f} files/s)")
    echo("earlier batch (rows, checksum): " + ", ".join(f"{t} {r[0]} {r[1]}" for t, r in res.earlier.items()))
    if res.failures:
        echo(f"FAILED: {len(res.failures)} propert{'y' if len(res.failures) == 1 else 'ies'}")
        for f in res.failures[:50]:
            echo(f"  - {f}")
    else:
        echo("all properties hold")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="mutants (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="seed (default 1)")
    ap.add_argument("--out", default="/tmp/juesuan-fuzz", help="working folder, emptied first")
    ap.add_argument("--time-limit", type=float, default=30.0, help="the guard's --time-limit (default 30 s)")
    ap.add_argument("--workers", type=int, default=None, help="ingest --workers (default: one per core)")
    args = ap.parse_args(argv)
    echo = lambda *a: print(*a, flush=True)
    echo(f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {machine()}; n={args.n} seed={args.seed} "
         f"time limit {args.time_limit:g} s")
    res = run(args.n, args.seed, args.out, args.time_limit, args.workers, echo)
    report(res, echo)
    return 1 if res.failures else 0


if __name__ == "__main__":
    sys.exit(main())
