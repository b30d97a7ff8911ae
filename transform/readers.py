"""Which reader turns a statement's block into line items: one per printed shape
(reference.statements.Statement.shape), so a new statement of a known shape is a vocabulary entry."""
from __future__ import annotations

from typing import Callable

from reference._typing import Phase, StatementStatus
from reference.statements import BY_KEY
from transform.line_items import Sink, coded_rows, economic_rows, two_sided_rows
from transform.statements import Block
from transform.three_public import three_public_rows

Reader = Callable[[Block, Sink], StatementStatus]
BY_SHAPE: dict[str, Reader] = {"two_sided": two_sided_rows, "coded": coded_rows, "economic": economic_rows,
                               "three_public": three_public_rows}


def reader_for(statement: str, phase: Phase = "final") -> Reader | None:
    shape = BY_KEY[statement].shape_in(phase)
    return BY_SHAPE[shape] if shape else None
