"""Document ids: one rule for every layer that makes one (the planner, the parser, the guard around it,
the flow when a worker is lost or a download fails).

A document's id is the SHA-256 (hex) of its bytes. A file with no bytes to hash — it cannot be read, or
its download failed — still gets a `documents` row saying why, under a placeholder id made from where it
was found (its `source`): SHA-256 of "url:" + the URL for an http(s) source (the data contract names this
one), of "unreadable:" + the path for a local file. The placeholder depends on the location alone, so the
same bad file keeps one id whichever layer failed and in whichever run; the flow replaces the placeholder
row with the file's own once it can be read (flows.plan).

Here, not in warehouse/: ids are made where files are read (transform.parse, in every parser child), and
importing the warehouse package would load pyarrow and DuckDB into each of them for one hash.
"""
from __future__ import annotations

import hashlib
import os

URL_PREFIXES = ("http://", "https://")


def sha256_of(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def is_url(location: str) -> bool:
    return location.startswith(URL_PREFIXES)


def placeholder_id(location: str) -> str:
    """The id of a document found at `location` (a path as given, or a URL) whose bytes could not be had."""
    kind = "url" if is_url(location) else "unreadable"
    return hashlib.sha256(f"{kind}:{location}".encode()).hexdigest()


def document_id(path: str | os.PathLike, location: str | None = None) -> str:
    """The SHA-256 of the file at `path`; if it cannot be read, the placeholder of `location` (where the
    file was found; default: the path itself)."""
    try:
        return sha256_of(path)
    except OSError:
        return placeholder_id(location if location is not None else str(path))
