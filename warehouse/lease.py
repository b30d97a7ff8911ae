"""The writer lease: one process at a time commits to a warehouse (ingest, validate, any re-parse).

Readers never take it: they see committed batches only (warehouse.store.committed_parts).

On disk, in DIR/_lease/:
- `writer` — the lease itself, a filelock `SoftFileLease` marker: created with O_CREAT|O_EXCL, which is
  atomic on a local disk and on the NFS-like storage a Dask cluster shares (NFSv3 and later create
  exclusively on the server), so no reliance on flock. It holds the owner's pid, host (with its PID
  namespace), process start time, a random claim token and the lease duration (protocol `filelock/2`,
  text lines `key=value`). A thread of the holder refreshes its mtime every HEARTBEAT_S seconds.
- `holder.json` — who holds it, for the people waiting: pid, host, since (UTC), command, token.
  Written after the lease is taken and removed before it is released; trusted only when its token is
  the marker's.

A lease left behind is broken by the next process that wants it, and logged:
- on the same host, at once, when the holder's process is gone (no such pid, or the pid now belongs to
  a process started at another time);
- from any host, when the marker has not changed for STALE_AFTER_S seconds as measured by the waiting
  process's own clock (so the machines' clocks need not agree; a waiter arriving at an old lease
  watches it for that long first).
A holder that stalls past STALE_AFTER_S (suspended, swapping) may lose the lease: the heartbeat notices,
and the next commit raises LeaseLost instead of writing beside the new holder.

Why filelock rather than our own file or portalocker/fasteners: those two lock with flock/fcntl, which
shared storage does not always honour across machines (flufl.lock's hard-link lock has no heartbeat
thread nor dead-pid breaking of its own); filelock's SoftFileLease is a maintained exclusive-create
lease with the heartbeat thread, dead-owner detection (pid, start time, PID namespace) and a takeover
that verifies it moved the marker it judged stale (and puts back one it did not). It records no
command line, hence holder.json.
"""
from __future__ import annotations

import json
import logging
import os
import shlex
import socket
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from filelock import LeaseSettingsMismatch, SoftFileLease, Timeout

log = logging.getLogger("juesuan.lease")

STALE_AFTER_S = 60.0  # a marker unchanged this long (no heartbeat) may be broken from any host
HEARTBEAT_S = 5.0  # how often the holder refreshes it: a dozen missed beats before it counts as stale
DEFAULT_TIMEOUT_S = 3600.0  # how long a writer waits for the lease by default (--lock-timeout)
POLL_S = 0.5  # how often a waiter tries again: the wait ends at most this long after the release


class LeaseError(Exception):
    """The lease could not be had or kept; the message is a sentence a person can act on."""


class LeaseTimeout(LeaseError):
    pass


class LeaseLost(LeaseError):
    pass


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str  # as the marker records it (filelock's host name, with its PID namespace in a container)
    since: str | None = None  # ISO 8601, UTC
    command: str | None = None
    token: str | None = None

    def describe(self) -> str:
        since = f" since {self.since.replace('T', ' ')[:19]} UTC" if self.since else ""
        command = f" ({self.command})" if self.command else ""
        return f"pid {self.pid} on {_readable_host(self.host)}{since}{command}"


class WriterLease:
    """The lease on one warehouse. Use `hold(root)` rather than this class directly: it is re-entrant
    within a process, so an ingest that holds the lease can call code that commits."""

    def __init__(self, root: str | os.PathLike, *, stale_after: float | None = None, heartbeat: float | None = None):
        self.dir = Path(root) / "_lease"
        # Read at call time, not bound at definition: every writer must agree on stale_after (filelock
        # refuses a lease whose duration differs), and tests shorten both for the whole process.
        stale_after = STALE_AFTER_S if stale_after is None else stale_after
        heartbeat = HEARTBEAT_S if heartbeat is None else heartbeat
        self.stale_after = stale_after
        self._lost: str | None = None
        self._lock = SoftFileLease(str(self.dir / "writer"), lease_duration=stale_after,
                                   heartbeat_interval=heartbeat, thread_local=False,
                                   on_compromise=self._on_compromise)
        self.memo: dict = {}  # what a holder may cache while it holds the lease (warehouse.store); cleared per hold

    @property
    def held(self) -> bool:
        return self._lock.is_locked and self._lost is None

    def holder(self) -> Holder | None:
        """Who holds the lease now, or None."""
        try:
            owner = self._lock.owner
        except OSError:
            return None
        if owner is None:
            return None
        details = self._read_details()
        if details and details.token == owner.token:
            return details
        return Holder(owner.pid, owner.hostname, token=owner.token)

    def acquire(self, timeout: float = DEFAULT_TIMEOUT_S,
                on_wait: Callable[[Holder | None, float], None] | None = None) -> float:
        """Take the lease, waiting up to `timeout` seconds (negative: for ever); `on_wait(holder, timeout)`
        is called once if it is taken. Returns the seconds waited; raises LeaseTimeout."""
        self.dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        try:
            try:
                self._lock.acquire(blocking=False)
            except Timeout:
                holder = self.holder()
                log.info("waiting for the writer lease of %s held by %s", self.dir.parent,
                         holder.describe() if holder else "another process")
                if on_wait:
                    on_wait(holder, timeout)
                remaining = -1 if timeout < 0 else max(0.0, timeout - (time.monotonic() - started))
                self._lock.acquire(timeout=remaining, poll_interval=POLL_S)
        except Timeout:
            holder = self.holder()
            who = holder.describe() if holder else "another process (it has just released it, or is taking it)"
            raise LeaseTimeout(f"the warehouse {self.dir.parent} is being written by {who}; gave up waiting after "
                               f"{timeout:g} s — run again later, or raise --lock-timeout") from None
        except LeaseSettingsMismatch as exc:
            raise LeaseError(f"{exc}: every juesuan writing to one warehouse must be the same version") from None
        self._lost = None
        self.memo = {}
        self._publish()
        return time.monotonic() - started

    def release(self) -> None:
        if not self._lock.is_locked:
            return
        details = self._read_details()
        if details and details.token == self._lock.token:
            _unlink(self.dir / "holder.json")
        self._lock.release()

    def check(self) -> None:
        """Raise LeaseLost unless this process still holds the lease: called before every commit."""
        if self._lost is not None or not self._lock.is_locked:
            raise LeaseLost(f"this process lost the writer lease of {self.dir.parent} ({self._lost or 'released'}); "
                            f"nothing more was committed — run the command again")

    def _on_compromise(self, compromise) -> None:
        # Runs on filelock's heartbeat thread: only note it; the committing thread acts on it.
        self._lost = (f"it was taken over after this process did not refresh it for {self.stale_after:g} s"
                      if compromise.reason != "refresh-failed" else f"refreshing it failed: {compromise.error}")
        log.error("the writer lease of %s was lost: %s", self.dir.parent, self._lost)

    def _publish(self) -> None:
        """Write holder.json for the people waiting; first note a previous holder that never released."""
        me = self._lock.owner
        previous = self._read_details()
        if previous and previous.token != self._lock.token:
            same_host = me is not None and me.hostname == previous.host
            why = ("its process no longer exists" if same_host else
                   f"its heartbeat had stopped (the lease was unchanged for {self.stale_after:g} s)")
            log.warning("broke the writer lease of %s left by %s: %s", self.dir.parent, previous.describe(), why)
        details = {"pid": os.getpid(), "host": me.hostname if me else socket.gethostname(),
                   "since": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                   "command": _command_line(), "token": self._lock.token}
        tmp = self.dir / f".holder.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(details, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(tmp, self.dir / "holder.json")

    def _read_details(self) -> Holder | None:
        try:
            d = json.loads((self.dir / "holder.json").read_text(encoding="utf-8"))
            return Holder(int(d["pid"]), str(d["host"]), d.get("since"), d.get("command"), d.get("token"))
        except (OSError, ValueError, KeyError, TypeError):
            return None


_HELD: dict[str, WriterLease] = {}
_HELD_LOCK = threading.Lock()


@contextmanager
def hold(root: str | os.PathLike, timeout: float = DEFAULT_TIMEOUT_S,
         on_wait: Callable[[Holder | None, float], None] | None = None) -> Iterator[WriterLease]:
    """The writer lease of `root` for the duration of the block: taken (waiting up to `timeout`) unless
    this process already holds it, in which case the block runs under the outer hold."""
    key = os.path.realpath(root)
    with _HELD_LOCK:
        outer = _HELD.get(key)
    if outer is not None:
        outer.check()  # lost meanwhile: never take a fresh lease inside a hold that was taken over
        yield outer
        return
    lease = WriterLease(root)
    lease.acquire(timeout, on_wait)
    with _HELD_LOCK:
        _HELD[key] = lease
    try:
        yield lease
    finally:
        with _HELD_LOCK:
            _HELD.pop(key, None)
        lease.release()


def break_stale(root: str | os.PathLike) -> bool:
    """Break a lease whose holder is gone (a dead pid on this host), without waiting: for a writer with
    nothing to write, so that a lease a killed run left does not stay until the next writer. A live
    holder's lease is left alone, and so is another host's (only a waiter that watches its heartbeat
    for STALE_AFTER_S may break that). True if one was broken."""
    if not (Path(root) / "_lease" / "writer").exists():
        return False
    lease = WriterLease(root)
    try:
        lease.acquire(timeout=0)  # logs the breaking (WriterLease._publish)
    except LeaseError:
        return False  # held by a live process: left alone
    lease.release()
    return True


def held(root: str | os.PathLike) -> WriterLease | None:
    """The lease this process holds on `root`, if any."""
    with _HELD_LOCK:
        lease = _HELD.get(os.path.realpath(root))
    return lease if lease is not None and lease.held else None


def waiting_line(holder: Holder | None, timeout: float) -> str:
    """The one line a command prints when it has to wait."""
    who = holder.describe() if holder else "another process"
    limit = "for as long as it takes" if timeout < 0 else f"up to {timeout:g} s (--lock-timeout)"
    return f"juesuan: waiting for the warehouse's writer lease, held by {who}; waiting {limit}"


def print_waiting(holder: Holder | None, timeout: float) -> None:
    """`on_wait` for a command: its one line on the console."""
    print(waiting_line(holder, timeout), file=sys.stderr, flush=True)


def _command_line() -> str:
    args = [os.path.basename(sys.argv[0])] + sys.argv[1:] if sys.argv and sys.argv[0] else ["python"]
    line = shlex.join(args)
    return line if len(line) <= 300 else line[:297] + "..."


def _readable_host(marker_host: str) -> str:
    # filelock appends "?pidns-<inode>" to the host name inside a container's PID namespace, so two
    # containers sharing a host name are told apart; a person wants the host name.
    return marker_host.split("?pidns-", 1)[0]


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
