"""SOURCE arguments → the PDF files to ingest (files, folders searched recursively)."""
from __future__ import annotations

from pathlib import Path


class UsageError(Exception):
    pass


def discover(sources: list[str]) -> list[tuple[str, str]]:
    """(path, source as given) for every PDF named by the sources, each path once, sorted."""
    found: dict[str, str] = {}
    for src in sources:
        p = Path(src)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() == ".pdf":
                    found.setdefault(str(f), str(f))
        elif p.is_file():
            found.setdefault(str(p), str(p))
        else:
            raise UsageError(f"{src}: no such file or folder")
    return sorted(found.items())
