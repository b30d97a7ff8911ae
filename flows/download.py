"""http(s) sources: downloaded with retries, a timeout and a size cap into a content-addressed cache.

The cache holds each file once under its SHA-256 (`CACHE/<sha>.pdf`); `CACHE/urls.tsv` maps every URL
fetched to the hash it gave, so a URL already fetched is not fetched again. No Prefect here: the flow
decides when to call it.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

MAX_BYTES = 200 * 1024 * 1024  # a 部门决算 PDF is a few MB; anything this large is not one
TIMEOUT_S = 30.0
ATTEMPTS = 3


@dataclass
class Download:
    url: str
    path: str | None  # the cached file, or None when the download failed
    sha256: str | None
    error: str | None = None


class UrlCache:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.index_path = self.root / "urls.tsv"
        self.index: dict[str, str] = {}
        if self.index_path.exists():
            for line in self.index_path.read_text(encoding="utf-8").splitlines():
                url, _, sha = line.partition("\t")
                if sha:
                    self.index[url] = sha

    def cached(self, url: str) -> Download | None:
        sha = self.index.get(url)
        if sha and (self.root / f"{sha}.pdf").exists():
            return Download(url, str(self.root / f"{sha}.pdf"), sha)
        return None

    def fetch(self, url: str, client: httpx.Client | None = None) -> Download:
        hit = self.cached(url)
        if hit:
            return hit
        own = client is None
        client = client or httpx.Client(timeout=TIMEOUT_S, follow_redirects=True)
        try:
            last = None
            for attempt in range(ATTEMPTS):
                try:
                    return self._fetch_once(url, client)
                except _Retryable as exc:
                    last = exc
                    time.sleep(min(0.5 * 2 ** attempt, 5))
                except _Final as exc:
                    return Download(url, None, None, str(exc))
            return Download(url, None, None, f"could not download {url} after {ATTEMPTS} attempts ({last}); "
                                             "check that the site is up and retry later")
        finally:
            if own:
                client.close()

    def _fetch_once(self, url: str, client: httpx.Client) -> Download:
        h = hashlib.sha256()
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".download-")
        try:
            with os.fdopen(fd, "wb") as out, client.stream("GET", url) as resp:
                if resp.status_code >= 500 or resp.status_code == 429:
                    raise _Retryable(f"HTTP {resp.status_code}")
                if resp.status_code >= 400:
                    raise _Final(f"{url} answered HTTP {resp.status_code}; the link is broken or the file was removed")
                size = 0
                for chunk in resp.iter_bytes(1 << 16):
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise _Final(f"{url} is larger than {MAX_BYTES // (1024 * 1024)} MB; not a 决算 filing, "
                                     "not downloaded")
                    h.update(chunk)
                    out.write(chunk)
        except httpx.TransportError as exc:
            os.unlink(tmp)
            raise _Retryable(f"{type(exc).__name__}: {exc}") from exc
        except BaseException:
            os.unlink(tmp)
            raise
        sha = h.hexdigest()
        final = self.root / f"{sha}.pdf"
        os.replace(tmp, final)
        with open(self.index_path, "a", encoding="utf-8") as f:
            f.write(f"{url}\t{sha}\n")
        self.index[url] = sha
        return Download(url, str(final), sha)


class _Retryable(Exception):
    pass


class _Final(Exception):
    pass
