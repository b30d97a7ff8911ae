"""Parse files in a worker process with a time limit and a memory cap.

`transform.parse.parse_file` survives everything a file can *say*; this survives what a file can *do*:
a content stream that inflates to gigabytes, a structure that makes the parser spin, a native crash.
Documents are parsed in a child process (fork on Linux: the parent's imports are shared; spawn
elsewhere), whose address space is capped with RLIMIT_AS. One child parses a run of documents one
after another, so a fork is paid per run rather than per document; it is replaced when it dies, is
killed at a document's time limit, or has grown past half its memory cap. The parent waits for each
result on a pipe with a deadline and always returns one `ParsedDocument` per file: the child's, or a
`failed` one with a sentence a person can act on. Nothing here imports Prefect.

    parsed = parse_guarded(path, source, doc_id, time_limit_s=120, memory_mb=1500)
    many = parse_guarded_many([(path, source, doc_id), ...], time_limit_s=120, memory_mb=1500)
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from typing import Callable

from extract.ocr import DEFAULT_SETTINGS as OCR_DEFAULTS
from reference._typing import DEFAULT_READER
from transform.ids import document_id
from transform.parse import out_of_memory_sentence, parse_file, warm_up
from transform.rows import DocumentRow, ParsedDocument

log = logging.getLogger("juesuan.guard")

TIME_LIMIT_S = 120.0
MEMORY_MB = 1500
_EXIT_OUT_OF_MEMORY = 86  # the child's exit code when it could not even report its MemoryError
_GRACE_S = 10.0  # how long a child that has sent its last result may take to exit
_RECYCLE_SHARE = 0.5  # a child that has grown past this share of its cap is replaced before the next file
_START_LOCK = threading.Lock()  # _start flips a process-wide flag
_NATIVE_DEATHS = ("died", "oom")  # a child gone without a verdict (not killed at the time limit)

Job = tuple  # (path, source, doc_id)


def parse_guarded(path: str, source: str | None = None, doc_id: str | None = None,
                  time_limit_s: float | None = TIME_LIMIT_S, memory_mb: int | None = MEMORY_MB, *,
                  log_file: str | None = None, target: Callable[..., ParsedDocument] = parse_file,
                  start_method: str | None = None, options: dict | None = None) -> ParsedDocument:
    """`target(path, source, doc_id, memory_cap_mb=memory_mb)` (parse_file) in a child process.

    time_limit_s: wall-clock seconds the child may take; then it is killed (SIGKILL). None: no limit.
    memory_mb: address space the child may add to what it starts with (RLIMIT_AS); None: no cap.
    log_file: the `juesuan` log file, for a child that has no handler of its own (spawned, or in a
        Dask worker); the child's stderr (native warnings, crashes) is sent there too.
    target: what to run (tests substitute a target that sleeps or dies); a module-level function that
        takes parse_file's keywords (memory_cap_mb, on_ocr, the options) or **kwargs.
    start_method: "fork" (default on Linux), "forkserver" or "spawn" (default elsewhere).
    options: keyword arguments for the target (parse_file's ocr, ocr_settings). The target is also handed
        `on_ocr`, through which the child asks for more time for each page it is about to OCR
        (ocr_settings.seconds_per_page), so that a scan is not killed as if it spun.
    """
    return parse_guarded_many([(path, source, doc_id)], time_limit_s, memory_mb, log_file=log_file,
                              target=target, start_method=start_method, options=options)[0]


def parse_guarded_many(jobs: list[Job], time_limit_s: float | None = TIME_LIMIT_S,
                       memory_mb: int | None = MEMORY_MB, *, log_file: str | None = None,
                       target: Callable[..., ParsedDocument] = parse_file,
                       start_method: str | None = None, options: dict | None = None) -> list[ParsedDocument]:
    """One `ParsedDocument` per (path, source, doc_id), in order; the limits apply to each document.
    A document that kills its child costs only itself: the rest go to a new child."""
    # doc_id stays None for a file the planner could not hash: the parser then says why it cannot be
    # read, under the placeholder id of transform.ids (the same one a failure here records).
    jobs = [(str(p), str(s or p), d) for p, s, d in jobs]
    if log_file:
        _log_to(log_file)  # a Dask worker process has no handler of its own: give it the CLI's file
    log_file = log_file or _juesuan_log_file()
    method = start_method or _default_start_method()
    if method == "fork":
        warm_up()  # the forked child inherits it: no per-document start-up cost
    ctx = multiprocessing.get_context(method)
    results: list[ParsedDocument] = []
    while len(results) < len(jobs):
        rest = jobs[len(results):]
        try:
            proc, conn = _spawn(ctx, method, target, rest, memory_mb, log_file, options)
        except Exception as exc:  # noqa: BLE001 - cannot fork (no memory, process limit): parse in-process
            log.warning("cannot start a worker process (%s); parsing %d file(s) unguarded", exc, len(rest))
            results.extend(target(p, s, d, memory_cap_mb=None, **(options or {})) for p, s, d in rest)
            break
        try:
            ended = _collect(proc, conn, rest, results, time_limit_s, memory_mb)
        finally:
            conn.close()
            if proc.is_alive():
                proc.kill()
            proc.join()
            proc.close()
        if ended in _NATIVE_DEATHS and target is parse_file and (options or {}).get("reader", DEFAULT_READER) == "pdfium":
            # pdfium is C++: where pdfminer raises a MemoryError at the cap (a decompression bomb) or an
            # exception on a damaged object, pdfium may abort or crash the process. The reference reader
            # reads the file again, alone, and says what it finds in its own sentence.
            path, source, doc_id = jobs[len(results) - 1]
            log.warning("%s: the pdfium reader's process died (%s); read again with pdfplumber", path,
                        results[-1].document.error)
            results[-1] = parse_guarded_many([(path, source, doc_id)], time_limit_s, memory_mb, log_file=log_file,
                                             start_method=start_method,
                                             options={**(options or {}), "reader": "pdfplumber"})[0]
    return results


def _spawn(ctx, method: str, target, jobs: list[Job], memory_mb, log_file, options):
    recv_end = send_end = None
    try:
        recv_end, send_end = ctx.Pipe(duplex=False)
        name = os.path.basename(jobs[0][0]) + (f" and {len(jobs) - 1} more" if len(jobs) > 1 else "")
        proc = ctx.Process(target=_child, name=f"juesuan-parse {name}",
                           args=(send_end, target, jobs, memory_mb, log_file,
                                 None if method == "forkserver" else os.getpid(), options),
                           daemon=True)
        _start(proc)
    except BaseException:
        for end in (recv_end, send_end):
            if end is not None:
                end.close()
        raise
    send_end.close()  # the child holds the only write end now: EOF on the pipe means it is gone
    return proc, recv_end


def _collect(proc, conn, jobs: list[Job], results: list, time_limit_s, memory_mb) -> str | None:
    """Append the child's results for `jobs` to `results` until it finishes, asks to be replaced,
    or fails a document (which is recorded as failed; the caller starts a new child for the rest).
    Returns how the child's last document ended when it did not end with a result ("died", "oom",
    "timeout"), else None."""
    for path, source, doc_id in jobs:
        started = time.monotonic()
        kind, payload, exitcode, allowed = _receive(proc, conn, time_limit_s)
        if kind == "recycle":
            return None
        if kind == "ok" and isinstance(payload, ParsedDocument):
            # The time the document took against its limit, for whoever looks for the slow ones.
            log.info("parsed %s in %.2f s (%s)", path, time.monotonic() - started, payload.document.status)
            results.append(payload)
            continue
        if kind == "ok":
            kind, payload = "error", f"the parser returned {type(payload).__name__}, not a parsed document"
        sentence = _sentence(kind, payload, exitcode, allowed, memory_mb)
        log.warning("%s: %s (after %.1f s; %s)", path, sentence, time.monotonic() - started,
                    payload if kind == "error" else f"exit code {exitcode}")
        results.append(ParsedDocument(document=DocumentRow(
            doc_id=doc_id or document_id(path, source), source=source, file_name=os.path.basename(path),
            status="failed", error=sentence, ingested_at=datetime.now(timezone.utc))))
        if kind != "error":
            return kind  # the child is gone (or killed): a new one takes the rest
    proc.join(_GRACE_S)
    return None


def _default_start_method() -> str:
    return "fork" if sys.platform.startswith("linux") else "spawn"


def _start(proc) -> None:
    """Start the child; a daemonic parent (a Dask worker process) may not have children by
    multiprocessing's rule, which guards against orphans. Ours are killed and joined before
    parse_guarded returns and die with their parent (PR_SET_PDEATHSIG), so the rule is lifted for
    this one start."""
    # private (hence the ignore: typeshed leaves it out): multiprocessing has no public way to lift it
    config = multiprocessing.current_process()._config  # type: ignore[attr-defined]
    with _START_LOCK:
        daemonic = config.get("daemon")
        if daemonic:
            config["daemon"] = False
        try:
            proc.start()
        finally:
            if daemonic:
                config["daemon"] = daemonic


def _receive(proc, conn, time_limit_s: float | None) -> tuple[str, object, int | None, float | None]:
    """The child's next message: ("ok", ParsedDocument) | ("error", "Type: message") | ("recycle", None),
    or ("oom"|"died"|"timeout", None) when it is gone; with its exit code when it has ended, and the
    time the document was allowed (its limit, plus what the child asked for to OCR its scanned pages)."""
    allowed = time_limit_s
    deadline = None if time_limit_s is None else time.monotonic() + time_limit_s
    while True:
        if not conn.poll(None if deadline is None else max(0.0, deadline - time.monotonic())):
            proc.kill()
            proc.join()
            return "timeout", None, proc.exitcode, allowed
        try:
            kind, payload = conn.recv()  # poll() is also true at EOF: a child that died says nothing
        except (EOFError, OSError):
            proc.join()
            return ("oom" if proc.exitcode == _EXIT_OUT_OF_MEMORY else "died"), None, proc.exitcode, allowed
        except Exception as exc:  # noqa: BLE001 - a result that does not unpickle
            return "error", f"the result could not be received ({type(exc).__name__}: {exc})", None, allowed
        if kind != "extend":
            return kind, payload, None, allowed
        if deadline is not None and allowed is not None:  # pages to OCR: more time, stated in seconds
            deadline += float(payload)
            allowed += float(payload)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return "unknown signal"


def _sentence(kind: str, payload, exitcode: int | None, time_limit_s: float | None, memory_mb: int | None) -> str:
    if kind == "timeout":
        return (f"the parser was stopped after {time_limit_s:g} s on this file (time limit); it may be malformed "
                f"— open it by hand or raise --time-limit")
    if kind == "oom":
        return out_of_memory_sentence(memory_mb)
    if kind == "error":
        return (f"the parser failed on this file ({payload}); it may be damaged — open it in a PDF viewer, and "
                f"if it looks fine report it with the log")
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        why = "the file may be malformed"
        if sig == signal.SIGKILL:
            why = "the machine may have run out of memory (the kernel's OOM killer), or someone stopped it"
        elif sig in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT) and memory_mb:
            why = f"the file may be malformed, or it reached the memory cap ({memory_mb:,} MB) inside native code"
        return (f"the worker process parsing this file died (signal {sig}, {_signal_name(sig)}); {why} — open it "
                f"by hand, or retry it alone")
    return (f"the worker process parsing this file exited without a result (exit code {exitcode}); the file may "
            f"be malformed — open it by hand, or retry it alone")


# --- the child -------------------------------------------------------------------------------------

def _child(conn, target, jobs: list[Job], memory_mb, log_file, parent_pid, options=None) -> None:
    """Runs in the worker process: parses the jobs in order and sends a verdict for each. Never lets
    an exception reach multiprocessing (which would print a traceback on the console): everything is
    logged and a verdict sent or an exit code left."""
    # What the child inherited is never garbage here: keep the collector off those pages, so they
    # stay shared with the parent instead of being copied on the first collection. The parser makes
    # millions of short-lived objects and few cycles; collecting less often saves a few per cent.
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    _die_with_parent(parent_pid)
    _send_stderr_to(log_file)
    baseline = _mapped_bytes()
    _limit_memory(memory_mb)
    options = options or {}
    ocr = options.get("ocr_settings") or OCR_DEFAULTS
    raised: list[bool] = []

    def on_ocr(pages: int) -> None:
        """More time for the pages about to be OCR'd; and, once per child, room for the engine (its
        model and inference buffers map ~1 GB that no file can inflate: a bomb still meets the cap)."""
        _send(conn, ("extend", pages * ocr.seconds_per_page))
        if memory_mb and not raised:
            raised.append(_raise_memory_cap(ocr.memory_mb))

    kwargs = {**options, "on_ocr": on_ocr}
    for path, source, doc_id in jobs:
        try:
            message = ("ok", target(path, source, doc_id, memory_cap_mb=memory_mb, **kwargs))
        except MemoryError:
            message = ("oom", None)
        except BaseException as exc:  # noqa: BLE001 - reported to the parent as a sentence
            try:
                log.exception("the parser raised on %s", path)
            except Exception:  # noqa: BLE001
                pass
            message = ("error", f"{type(exc).__name__}: {str(exc)[:200]}")
        if not _send(conn, message) or message[0] == "oom":
            break
        if memory_mb and _mapped_bytes() - baseline > _RECYCLE_SHARE * memory_mb * (1 << 20):
            _send(conn, ("recycle", None))  # fragmented or grown: a fresh child takes the rest
            break
    conn.close()


def _send(conn, message) -> bool:
    try:
        conn.send(message)
        return True
    except MemoryError:
        os._exit(_EXIT_OUT_OF_MEMORY)
    except Exception:  # noqa: BLE001 - the result does not pickle: say so in a small message
        try:
            conn.send(("error", "the result could not be sent back from the worker process"))
            return True
        except Exception:  # noqa: BLE001
            os._exit(3)


def _limit_memory(memory_mb: int | None) -> None:
    """Cap the address space at what the process already maps plus memory_mb. What a forked child
    inherits (the parent's libraries, thread stacks, arenas) is mapped but mostly shared and never
    touched, so the cap counts from there: a flat cap would be spent before the first page."""
    if not memory_mb:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    baseline = _mapped_bytes()
    limit = baseline + memory_mb * (1 << 20)
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):  # e.g. macOS does not enforce RLIMIT_AS
        pass


def _raise_memory_cap(extra_mb: int) -> bool:
    """Raise the address-space cap (the soft limit _limit_memory set) by extra_mb."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY:
            return False
        limit = soft + extra_mb * (1 << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        return True
    except (ImportError, ValueError, OSError):
        return False


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _die_with_parent(parent_pid: int | None) -> None:
    """Linux: the kernel kills the child when the parent dies, so a killed driver leaves no parser
    running."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        if parent_pid is not None and os.getppid() != parent_pid:  # the parent died before prctl
            os._exit(1)
    except Exception:  # noqa: BLE001 - a nicety
        pass


def _juesuan_log_file() -> str | None:
    for handler in logging.getLogger("juesuan").handlers:
        name = getattr(handler, "baseFilename", None)
        if name:
            return name
    return None


def _log_to(log_file: str) -> bool:
    """Make sure the `juesuan` logger writes to log_file (as the CLI sets it up) in this process."""
    root = logging.getLogger("juesuan")
    if any(getattr(h, "baseFilename", None) == os.path.abspath(log_file) for h in root.handlers):
        return True
    try:
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return False
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s[%(process)d]: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    root.propagate = False
    return True


def _send_stderr_to(log_file: str | None) -> None:
    """In the child: give `juesuan` a file handler if it has none (a spawned child, a Dask worker),
    and point stderr (fd 2) at that file, so stray warnings and native crash reports land in the log
    rather than on the console."""
    if not log_file or not _log_to(log_file):
        return
    try:
        fd = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        sys.stderr.flush()
        os.dup2(fd, 2)
        os.close(fd)
    except OSError:
        pass
