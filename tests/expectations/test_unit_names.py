"""unit_name_consistent on small typed cases: which names in a table header, the contents or the text are
the unit its cover names, and which are a placeholder left from the template or another unit."""
from __future__ import annotations

import pytest

from expectations.checks.completeness import same_unit

COVER = "上海市普陀区财政局"


@pytest.mark.parametrize("named", [
    "上海市普陀区财政局",
    "上海市普陀区财政局（本级）",
    "上海市普陀区财政局(本级)",          # half-width brackets
    "上海市普陀区财政局本级",
    "上海市普陀区财政局财政所",          # a sub-unit of the unit
    "普陀区财政局",                      # the region above the district left out
    "财政局",                            # the office alone, as short headers print it
    "上海市 普陀区 财政局",              # spaces between the glyphs
])
def test_the_cover_unit_in_another_wording_is_the_same_unit(named):
    assert same_unit(named, COVER)


@pytest.mark.parametrize("named", [
    "XX单位",
    "ＸＸ区财政局",                      # full-width placeholder letters
    "××局",
    "某某单位",
    "{单位}",
    "｛单位名称｝",
    "（单位名称）",
    "。。。。。。",
    "",
])
def test_a_placeholder_left_from_the_template_is_not_the_unit(named):
    assert not same_unit(named, COVER)


@pytest.mark.parametrize("named", [
    "上海市普陀区民政局",                # another unit of the same district
    "上海市静安区财政局",                # the same office of another district
    "局",                                # too little left to say which unit
    "区财政局",
])
def test_another_unit_in_a_header_is_not_the_unit(named):
    assert not same_unit(named, COVER)
