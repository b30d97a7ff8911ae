"""The writer lease (warehouse/lease.py): one holder at a time, who holds it told to those who wait,
a lease left by a dead process broken and logged, a holder that lost it commits nothing."""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.paths import ROOT
from warehouse import Warehouse, lease as leases
from warehouse.lease import LeaseLost, LeaseTimeout, WriterLease, hold


class _Records(logging.Handler):
    """The lease's log records, whatever the `juesuan` logger's propagation (the CLI turns it off)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture()
def lease_log():
    handler = _Records()
    logger = logging.getLogger("juesuan.lease")
    old = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)
    logger.setLevel(old)


def _foreign_lease(root, stale_after: float, token: str = "0123456789abcdef0123456789abcdef") -> None:
    """A lease as a juesuan on another machine leaves it (filelock's marker and our holder.json)."""
    d = root / "_lease"
    d.mkdir(parents=True, exist_ok=True)
    (d / "writer").write_text(f"filelock/2\npid=4242\nhost=another-host\nmode=lease\ntoken={token}\n"
                              f"duration={stale_after!r}\n", encoding="utf-8")
    (d / "holder.json").write_text(json.dumps({"pid": 4242, "host": "another-host", "since": "2026-01-02T03:04:05+00:00",
                                               "command": "juesuan ingest /data --warehouse /shared/wh",
                                               "token": token}), encoding="utf-8")


def test_one_holder_at_a_time_and_the_waiter_is_told_who(tmp_path):
    first = WriterLease(tmp_path)
    assert first.acquire(timeout=0) < 1
    second = WriterLease(tmp_path)
    told = []
    with pytest.raises(LeaseTimeout) as exc:
        second.acquire(timeout=1, on_wait=lambda holder, timeout: told.append((holder, timeout)))
    holder, timeout = told[0]
    assert (holder.pid, timeout) == (os.getpid(), 1) and holder.since and holder.command
    sentence = str(exc.value)
    assert f"pid {os.getpid()} on " in sentence and "gave up waiting after 1 s" in sentence, sentence
    line = leases.waiting_line(holder, 3600)
    assert line.startswith("juesuan: waiting for the warehouse's writer lease, held by pid ") and "3600 s" in line
    first.release()
    assert not (tmp_path / "_lease" / "holder.json").exists()
    assert second.acquire(timeout=0) < 1
    second.release()


def test_the_holder_refreshes_its_heartbeat_from_a_thread(tmp_path):
    lease = WriterLease(tmp_path, heartbeat=0.3)
    lease.acquire(timeout=0)
    marker = tmp_path / "_lease" / "writer"
    before = marker.stat().st_mtime_ns
    time.sleep(1.0)
    assert marker.stat().st_mtime_ns > before
    lease.release()


def test_a_lease_left_by_a_dead_process_on_this_host_is_broken_at_once_and_logged(tmp_path, lease_log):
    code = ("import sys, time; from warehouse.lease import WriterLease; "
            "WriterLease(sys.argv[1]).acquire(0); print('held', flush=True); time.sleep(120)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                              cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert holder.stdout.readline().strip() == "held"
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    lease = WriterLease(tmp_path)
    assert lease.acquire(timeout=10) < 2  # no heartbeat to wait out: the pid is gone
    broken = [line for line in lease_log if line.startswith("broke the writer lease")]
    assert broken and f"pid {holder.pid} on " in broken[0] and "its process no longer exists" in broken[0], lease_log
    lease.release()


def test_a_lease_from_another_host_is_broken_once_its_heartbeat_is_older_than_the_limit(tmp_path, lease_log):
    _foreign_lease(tmp_path, stale_after=2.0)
    lease = WriterLease(tmp_path, stale_after=2.0, heartbeat=0.5)
    told = []
    waited = lease.acquire(timeout=20, on_wait=lambda holder, timeout: told.append(holder))
    assert 2.0 <= waited < 6, waited  # watched for the limit on this machine's clock, then broken
    assert told[0].describe() == ("pid 4242 on another-host since 2026-01-02 03:04:05 UTC "
                                  "(juesuan ingest /data --warehouse /shared/wh)")
    broken = [line for line in lease_log if line.startswith("broke the writer lease")]
    assert broken and "pid 4242 on another-host" in broken[0] and "heartbeat had stopped" in broken[0], lease_log
    lease.release()


def test_a_lease_from_another_host_with_a_live_heartbeat_is_not_broken(tmp_path):
    _foreign_lease(tmp_path, stale_after=2.0)
    marker = tmp_path / "_lease" / "writer"
    beating = threading.Event()

    def beat():
        while not beating.wait(0.3):
            os.utime(marker)

    t = threading.Thread(target=beat, daemon=True)
    t.start()
    try:
        with pytest.raises(LeaseTimeout) as exc:
            WriterLease(tmp_path, stale_after=2.0, heartbeat=0.5).acquire(timeout=4)
        assert "being written by pid 4242 on another-host" in str(exc.value)
    finally:
        beating.set()
        t.join()


def test_hold_is_reentrant_within_a_process(tmp_path):
    with hold(tmp_path) as outer:
        with hold(tmp_path) as inner:
            assert inner is outer
        assert outer.held and leases.held(tmp_path) is outer
        Warehouse(tmp_path).write_batch({"document_sources": [{"doc_id": "a", "source": "x.pdf"}]})
    assert leases.held(tmp_path) is None
    assert not (tmp_path / "_lease" / "writer").exists()


def test_a_holder_that_lost_its_lease_commits_nothing(tmp_path, monkeypatch, lease_log):
    monkeypatch.setattr(leases, "HEARTBEAT_S", 0.2)
    wh = Warehouse(tmp_path)
    with hold(tmp_path) as lease:
        wh.write_batch({"document_sources": [{"doc_id": "a", "source": "a.pdf"}]})
        # Another process took it over (as after this one stalled past the limit).
        (tmp_path / "_lease" / "writer").unlink()
        _foreign_lease(tmp_path, stale_after=leases.STALE_AFTER_S, token="f" * 32)
        deadline = time.monotonic() + 5
        while lease.held and time.monotonic() < deadline:
            time.sleep(0.1)
        with pytest.raises(LeaseLost) as exc:
            wh.write_batch({"document_sources": [{"doc_id": "b", "source": "b.pdf"}]})
        assert "lost the writer lease" in str(exc.value) and "nothing more was committed" in str(exc.value)
        os.unlink(tmp_path / "_lease" / "writer")  # let the release below find its marker gone
    assert [r["doc_id"] for r in wh.read("document_sources").to_pylist()] == ["a"]
    assert any("was lost" in line for line in lease_log), lease_log
