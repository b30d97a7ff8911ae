"""Numbers as printed anywhere (transform/amounts.py): small cases typed here."""
from __future__ import annotations

from decimal import Decimal

import pytest

from transform.amounts import NotAnAmount, looks_like_amount, parse_amount, to_yuan


@pytest.mark.parametrize("printed,value", [
    ("2,940.05", "2940.05"), ("2940.05", "2940.05"), ("-12.30", "-12.30"), ("−12.30", "-12.30"),
    ("－12.30", "-12.30"), ("(12.30)", "-12.30"), ("（12.30）", "-12.30"), ("（1,012.30）", "-1012.30"),
    ("２，９４０．０５", "2940.05"), ("7594010", "7594010"), ("0.00", "0.00"), (" 3.7645 ", "3.7645"),
    ("", "0"), ("-", "0"), ("—", "0"), ("——", "0"), ("－", "0"), ("/", "0"),
])
def test_printed_amounts(printed, value):
    assert parse_amount(printed) == Decimal(value)


@pytest.mark.parametrize("printed", ["3O7.82", "12.3.4", "1,23.45", "合计", "(12.30", "12%"])
def test_what_is_not_an_amount_is_refused(printed):
    with pytest.raises(NotAnAmount):
        parse_amount(printed)
    assert not looks_like_amount(printed)


def test_units_convert_exactly_to_yuan():
    assert to_yuan(Decimal("307.82"), "万元") == Decimal("3078200.00")
    assert to_yuan(Decimal("3.7645"), "亿元") == Decimal("376450000.00")
    assert to_yuan(Decimal("-12.30"), "元") == Decimal("-12.30")
