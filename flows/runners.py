"""Where the task runs run: in this process (one worker), on a local Dask cluster (one process per
core by default), or on an existing cluster (`--dask-address`); and the Prefect API they report to.
"""
from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, Iterator

from flows.settings import configure

configure()

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner  # noqa: E402

# Fewer documents than this are parsed by one worker: a local cluster costs more to start than it saves.
SMALL_RUN = 8


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def cluster_slots(address: str) -> int:
    """Worker threads of an existing Dask cluster, to size the task runs for it."""
    from distributed import Client

    with Client(address, timeout=30) as client:
        return max(1, sum(client.nthreads().values()))


def slots_for(n_documents: int, workers: int | None, dask_address: str | None) -> int:
    if dask_address:
        return cluster_slots(dask_address)
    return workers or (1 if n_documents < SMALL_RUN else default_workers())


# TaskRunner[Any]: Prefect's TaskRunner is invariant in its future type, so Flow.with_options (which takes
# a TaskRunner[PrefectFuture]) accepts neither a thread-pool nor a Dask runner typed as itself.
@contextmanager
def task_runner(slots: int, dask_address: str | None) -> Iterator[TaskRunner[Any]]:
    """The Prefect task runner for `slots` parallel task runs, with what it needs started and, on
    exit, stopped."""
    if not dask_address and slots <= 1:
        yield ThreadPoolTaskRunner(max_workers=1)
        return
    from prefect_dask import DaskTaskRunner

    with _shared_api() as api_ready:
        if dask_address:
            api_ready()
            yield DaskTaskRunner(address=dask_address)
            return
        # Processes, not threads: pdfplumber is CPU-bound Python. The cluster starts while the
        # Prefect API does (each takes seconds); its workers are told the API's address at start.
        cluster = _local_cluster(slots)
        try:
            if api_ready():  # the API moved to another port: the workers must be told
                _close(cluster)
                cluster = _local_cluster(slots)
            yield DaskTaskRunner(address=cluster.scheduler_address)
        finally:
            _close(cluster)


def _close(cluster, wait_s: float = 30.0) -> None:
    """The workers first, retired by the scheduler, then the scheduler. LocalCluster.close() closes both
    at once, and a worker whose heartbeat meets the closed scheduler logs a traceback at ERROR on the
    console (dask/distributed#7105; seen once at the end of a 362-filing ingest).

    On a loaded machine a retired worker's process may take longer than the nanny's 4 s to exit, and the
    nanny says at WARNING that it kills it ("Worker process still alive after 4.0 seconds, killing"):
    the run's work is committed by then, so the line only alarms a clean run's console (seen in
    `make demo` while two test suites ran, issue 26). The nanny's logger is quieted to ERROR meanwhile.
    The workers get up to `wait_s` to retire: on a machine at a load of 8 on two cores, 10 s ran out and
    the scheduler closed under a worker's heartbeat (the traceback above, in tests/test_batch.py's run);
    an idle machine retires them in under a second, so the longer limit costs nothing there."""
    import logging

    nanny = logging.getLogger("distributed.nanny")
    level = nanny.level
    nanny.setLevel(logging.ERROR)
    try:
        cluster.scale(0)
        deadline = time.monotonic() + wait_s
        while cluster.workers and time.monotonic() < deadline:
            time.sleep(0.05)
    except Exception:  # noqa: BLE001 - a cluster that cannot scale down is closed all the same
        pass
    try:
        cluster.close()
    finally:
        nanny.setLevel(level)


def _local_cluster(slots: int):
    from distributed import LocalCluster

    return LocalCluster(n_workers=slots, threads_per_worker=1, processes=True,
                        dashboard_address=":0")  # any free port: two runs on one machine do not collide


@contextmanager
def _shared_api():
    """Dask workers are separate processes: without an API address each would start an ephemeral
    Prefect server of its own (slowly, and racing the others). Start this run's ephemeral server in
    the background and put its address in the environment the workers inherit. Yields a function that
    waits for the server and says whether its address changed meanwhile (its port was taken)."""
    if os.environ.get("PREFECT_API_URL"):
        yield lambda: False  # a real Prefect server is configured: workers use it too
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # a per-process singleton: the flow's client reuses it
    if server.port is None:
        server.port = server.find_available_port()
    os.environ["PREFECT_API_URL"] = server.api_url
    with ThreadPoolExecutor(1, thread_name_prefix="juesuan-prefect-api") as pool:
        started = pool.submit(server.start)

        def ready() -> bool:
            started.result()
            moved = os.environ["PREFECT_API_URL"] != server.api_url
            os.environ["PREFECT_API_URL"] = server.api_url
            return moved

        try:
            yield ready
        finally:
            wait([started])  # do not leave a start in flight
