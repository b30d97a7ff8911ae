"""The Prefect settings of the `juesuan` runs the tests start in subprocesses: one Prefect API server for
all of them, started once per session, instead of an ephemeral server each.

A `juesuan ingest` run with no PREFECT_API_URL starts a Prefect server of its own (uvicorn, and on a new
PREFECT_HOME the creation and migration of its database) before it reads a file: measured on the
project's 2-core machine, 18.3 CPU s for a run over 财政局's filing against 6.1 with a server already up,
and the suite starts about twenty such runs. With PREFECT_API_URL set a run uses that server (what an
operator does with `prefect server start`; flows/runners.py), so the suite's runs share one: the
singleton ephemeral server of this process, which the flows the tests run in-process use too.

The path of a run that starts its own server stays tested: a new machine's first run on a fresh
PREFECT_HOME (tests/test_cli.py) and a run on a local Dask cluster, which starts its server for its
workers (tests/test_batch.py), pass `own_server`.
"""
from __future__ import annotations

import os
from pathlib import Path

_url: str | None = None


def api_url() -> str:
    """The address of this process's Prefect server, started on first use (stopped at exit by Prefect)."""
    global _url
    if _url is None:
        from flows import settings

        settings.configure()
        from prefect.server.api.server import SubprocessASGIServer

        server = SubprocessASGIServer()  # the per-process singleton the in-process flows use too
        server.start()
        _url = server.api_url
    return _url


def prefect_env(env: dict[str, str], tmp_path: str | Path, own_server: bool = False) -> dict[str, str]:
    """`env` for a `juesuan` run of a test: its own PREFECT_HOME (tmp_path/prefect-home), and the shared
    server's address — or none (`own_server`), so that the run starts an ephemeral server itself."""
    env = dict(env, PREFECT_HOME=str(Path(tmp_path) / "prefect-home"))
    if own_server:
        env.pop("PREFECT_API_URL", None)
    else:
        env["PREFECT_API_URL"] = api_url()
    return env


def environ(tmp_path: str | Path, own_server: bool = False, **extra: str) -> dict[str, str]:
    """prefect_env over this process's environment and `extra`."""
    return prefect_env({**os.environ, **extra}, tmp_path, own_server)
