"""extract/segments.py: lines cut into cells' runs, and what reads as a figure."""
from __future__ import annotations

from extract.segments import SegmentSettings, split_line
from tests.extract.typed import chars as C


def _segs(*runs):
    return split_line([c for r in runs for c in r], 0, SegmentSettings())


def test_a_gap_wider_than_the_setting_ends_a_segment():
    segs = _segs(C("208", 60, 0), C("社会保障和就业支出", 100, 0), C("2,940.05", 300, 0))
    assert [s.text for s in segs] == ["208", "社会保障和就业支出", "2,940.05"]
    assert [s.text for s in _segs(C("一般公共", 0, 0), C("服务支出", 43, 0))] == ["一般公共服务支出"]  # 3 pt apart


def test_figures_codes_and_labels():
    segs = _segs(C("（12.30）", 0, 0), C("-", 100, 0), C("７５９４０１０", 200, 0), C("201 06 01", 300, 0),
                 C("二十、其他支出", 400, 0))
    brackets, dash, wide_digits, split_code, label = segs
    assert brackets.is_amount and brackets.is_number
    assert dash.is_number and not dash.is_amount
    assert wide_digits.is_number and not wide_digits.is_amount  # an integer: a figure or a row number
    assert split_code.is_code and split_code.is_number
    assert label.has_ordinal and not label.is_number


def test_settings_are_validated():
    import pytest

    with pytest.raises(ValueError):
        SegmentSettings(segment_gap=0)
