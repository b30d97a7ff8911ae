"""What the research views must hold, computed from the series corpus's truth JSON alone (the
generator's figures, never the parser's): the filings that stand, the ones a department contains, and
region sums figure for figure."""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class Filing:
    doc_id: str
    file: str  # without .pdf
    truth: dict

    @property
    def doc(self) -> dict:
        return self.truth["document"]

    @property
    def series(self) -> dict:
        return self.truth["series"]


def filings(corpus: Path) -> list[Filing]:
    out = []
    for pdf in sorted(corpus.glob("*/*.pdf")):
        truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        out.append(Filing(hashlib.sha256(pdf.read_bytes()).hexdigest(), pdf.stem, truth))
    return out


def standing(all_filings: list[Filing]) -> list[Filing]:
    """Every filing but those a later one restates."""
    restated = {f.series["restates"] for f in all_filings if f.series["restates"]}
    return [f for f in all_filings if f.file not in restated]


def counted(all_filings: list[Filing]) -> list[Filing]:
    """The standing filings a region total adds up: not those a department filing contains."""
    return [f for f in standing(all_filings) if not f.series["contained_in"]]


def key(li: dict) -> tuple:
    """A figure's place in a filing: statement, side, code (a total row: its item), measure."""
    return (li["statement"], li["side"], li["code"] if li["code"] is not None else li["item"], li["measure"])


def region_totals(all_filings: list[Filing]) -> dict[tuple, tuple[Decimal, int]]:
    """(level, adcode, fiscal_year, statement, side, code or item, measure) → (sum, filings)."""
    sums: dict[tuple, Decimal] = defaultdict(Decimal)
    docs: dict[tuple, set] = defaultdict(set)
    for f in counted(all_filings):
        adcode = f.doc["adcode"]
        places = [("county", adcode), ("prefecture", adcode[:4] + "00"), ("province", adcode[:2] + "0000")]
        for li in f.truth["line_items"]:
            for level, code in places:
                k = (level, code, f.doc["fiscal_year"], *key(li))
                sums[k] += Decimal(li["amount_yuan"])
                docs[k].add(f.doc_id)
    return {k: (v, len(docs[k])) for k, v in sums.items()}
