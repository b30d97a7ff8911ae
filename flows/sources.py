"""SOURCE arguments → the files to ingest: PDFs, folders (searched recursively), manifest CSVs and
http(s) URLs (downloaded into the warehouse's cache).

A manifest is a CSV with a `path` or `url` column (relative paths are relative to the manifest) and
optional hint columns — unit_name, fiscal_year, province, prefecture, county, adcode — that override
what is detected from the filing.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

HINT_COLUMNS = ("unit_name", "fiscal_year", "province", "prefecture", "county", "adcode")


class UsageError(Exception):
    pass


@dataclass
class Source:
    location: str  # a local path or a URL, as given
    hints: dict = field(default_factory=dict)

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("http://", "https://"))


def _is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _manifest(path: Path) -> list[Source]:
    out = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        cols = set(reader.fieldnames or [])
        key = next((c for c in ("path", "url", "source") if c in cols), None)
        if key is None:
            raise UsageError(f"{path}: a manifest needs a 'path' or 'url' column (it has: {', '.join(sorted(cols))})")
        for n, row in enumerate(reader, 2):
            loc = (row.get(key) or "").strip()
            if not loc:
                continue
            hints = {c: row[c].strip() for c in HINT_COLUMNS if (row.get(c) or "").strip()}
            if "fiscal_year" in hints:
                if not hints["fiscal_year"].isdigit():
                    raise UsageError(f"{path} line {n}: fiscal_year '{hints['fiscal_year']}' is not a year")
                hints["fiscal_year"] = int(hints["fiscal_year"])
            if not _is_url(loc) and not Path(loc).is_absolute():
                loc = str(path.parent / loc)
            out.append(Source(loc, hints))
    return out


def discover(sources: list[str]) -> list[Source]:
    """Every PDF, manifest entry and URL the arguments name, each location once, in a stable order."""
    found: dict[str, Source] = {}
    for src in sources:
        if _is_url(src):
            found.setdefault(src, Source(src))
            continue
        p = Path(src)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() == ".pdf":
                    found.setdefault(str(f), Source(str(f)))
        elif p.is_file() and p.suffix.lower() == ".csv":
            for s in _manifest(p):
                found.setdefault(s.location, s)
        elif p.is_file():
            found.setdefault(str(p), Source(str(p)))
        else:
            raise UsageError(f"{src}: no such file or folder")
    return list(found.values())
