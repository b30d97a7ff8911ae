"""The document model: lines rebuilt from character positions, ruled tables with cells."""
from __future__ import annotations

from decimal import Decimal

import pytest

from tests.conftest import FILINGS
from transform.amounts import NotAnAmount, parse_amount, to_yuan

FINANCE = FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"


@pytest.fixture(scope="module")
def finance(real_documents):
    return real_documents["putuo_finance_2024"]  # read once per session; the same file as FINANCE


def test_numbers_on_a_lower_baseline_are_put_back_beside_their_labels(finance):
    # The text layer prints "收入支出总计 万元" with "2995.39" on another line (page 21).
    text = finance.pages[20].text.replace(" ", "")
    assert "上海市普陀区财政局2024年度收入支出总计2995.39万元" in text
    assert "支出总计减少56.95万元，下降1.87%" in text


def test_split_codes_and_wrapped_names_stay_in_their_cells(finance):
    table = finance.pages[7].tables[0]  # 收入决算表, page 8
    rows = [[c.text if c else "" for c in table.row_cells(r)] for r in range(table.n_rows)]
    assert ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", "", "", "", "", ""] in rows


def test_blank_page_has_no_text_and_the_cover_is_page_one(finance):
    assert finance.page_count == 25
    assert finance.pages[13].char_count == 0
    assert "上海市普陀区财政局" in finance.pages[0].text


def test_amounts_are_exact_decimals():
    assert parse_amount("2,940.05") == Decimal("2940.05")
    assert parse_amount("") == 0 and parse_amount("—") == 0
    assert to_yuan(Decimal("307.82"), "万元") == Decimal("3078200.00")
    assert to_yuan(Decimal("12,345.60".replace(",", "")), "元") == Decimal("12345.60")
    with pytest.raises(NotAnAmount):
        parse_amount("3O7.82")
