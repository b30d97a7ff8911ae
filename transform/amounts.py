"""Printed amounts → Decimal. Never float: a figure must stay exactly what the filing prints.

As printed anywhere: thousands separators ("2,940.05"), full-width digits and separators
("２，９４０．０５"), a minus sign in any of its forms ("-12.30", "−12.30", "－12.30") or brackets
("(12.30)", "（12.30）") for a negative. A cell that is blank or holds only a dash or a slash is a
printed zero — the rule chosen for dashes: templates print "-" (Excel's accounting format prints
every zero so) where the figure is nil, and a dash is only ever read in a column already known to
hold amounts; nothing else about the cell is guessed.
"""
from __future__ import annotations

import re
from decimal import Decimal

from reference.statements import UNIT_FACTORS

_AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")
_BRACKETED = re.compile(r"^\((.+)\)$")
_FOLD = str.maketrans("０１２３４５６７８９，．（）－−—", "0123456789,.()---")
# Cells that mean "nothing here": blank, dashes, slashes.
_BLANK = {"", "-", "--", "—", "——", "―", "–", "－", "－－", "/", "／"}
WAN = UNIT_FACTORS["万元"]
CENT = Decimal("0.01")


class NotAnAmount(ValueError):
    pass


def _plain(text: str) -> str:
    """The cell's text without whitespace, full-width forms folded, brackets made a minus sign."""
    s = re.sub(r"\s+", "", text)
    if s in _BLANK:
        return ""
    s = s.translate(_FOLD)
    m = _BRACKETED.match(s)
    if m and not m.group(1).startswith("-"):
        s = "-" + m.group(1)
    return s


def parse_amount(text: str) -> Decimal:
    """'2,940.05' → Decimal('2940.05'); '(12.30)' → Decimal('-12.30'); blank or dash → 0; anything
    else raises NotAnAmount."""
    s = _plain(text)
    if s == "":
        return Decimal(0)
    if not _AMOUNT.match(s):
        raise NotAnAmount(text.strip())
    return Decimal(s.replace(",", ""))


def looks_like_amount(text: str) -> bool:
    s = _plain(text)
    return bool(s) and bool(_AMOUNT.match(s))


def to_yuan(amount: Decimal, currency_unit: str) -> Decimal:
    """An amount printed in 元, 万元 or 亿元, in yuan to the fen."""
    return (amount * UNIT_FACTORS[currency_unit]).quantize(CENT)  # type: ignore[index]
