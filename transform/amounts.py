"""Printed amounts → Decimal. Never float: a figure must stay exactly what the filing prints."""
from __future__ import annotations

import re
from decimal import Decimal

_AMOUNT = re.compile(r"^[-−]?\d{1,3}(,\d{3})*(\.\d+)?$|^[-−]?\d+(\.\d+)?$")
# Cells that mean "nothing here" in filings: blank, dashes, slashes.
_BLANK = {"", "-", "—", "－", "/", "／", "——"}
WAN = Decimal(10000)
CENT = Decimal("0.01")


class NotAnAmount(ValueError):
    pass


def parse_amount(text: str) -> Decimal:
    """'2,940.05' → Decimal('2940.05'); blank or dash → 0; anything else raises NotAnAmount."""
    s = re.sub(r"\s+", "", text)
    if s in _BLANK:
        return Decimal(0)
    if not _AMOUNT.match(s):
        raise NotAnAmount(s)
    return Decimal(s.replace(",", "").replace("−", "-"))


def looks_like_amount(text: str) -> bool:
    s = re.sub(r"\s+", "", text)
    return bool(s) and s not in _BLANK and bool(_AMOUNT.match(s))


def to_yuan(amount: Decimal, currency_unit: str) -> Decimal:
    value = amount * WAN if currency_unit == "万元" else amount
    return value.quantize(CENT)
