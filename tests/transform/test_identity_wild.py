"""Identity end to end on the smallest real files of ../shared/wild, one per city and layout (issue 24):
unit and year as their pages print them (checked with `pdftotext -layout -f 1 -l 2`), read from their
first pages only (identity reads no further than IDENTITY_PAGES; fewer keep the test fast)."""
from __future__ import annotations

import pytest

from extract import read_document
from tests.paths import WILD
from transform.identity import identify

CASES = [
    # file, pages read, unit, year, kind, source
    ("bud_bj_bj_2026_b3d20c6f.pdf", 2, "北京市人民政府国有资产监督管理委员会", 2026, "budget", "cover"),  # 附件1
    ("bud_bj_bj_2026_bfd3759a.pdf", 2, None, None, "budget", None),  # 附件2: 预算01表 收支总表, no cover
    ("bud_gd_gz_2026_232c3196.pdf", 1, "广州市气象局", 2026, "budget", "cover"),  # 2026年 / X部门预算
    ("bud_fj_fz_2026_e1ceb355.pdf", 1, "福州市公安局治安管理支队", 2026, "budget", "cover"),  # name over two lines
    ("bud_sx_xa_2019_891d54ad.pdf", 1, "西安市安全生产监督管理局", 2019, "budget", "cover"),  # 部门名称：X
    ("fin_sx_xa_2022_243800f1.pdf", 1, "西安市卫生健康委员会（汇总）", 2022, "final_accounts", "cover"),
    ("bud_js_suz_2026_98efb997.pdf", 1, "苏州市自然资源和规划局", 2026, "budget", "cover"),
    ("bud_zj_hz_2026_7b5fe2e1.pdf", 1, "杭州市气象局", 2026, "budget", "cover"),
]


@pytest.mark.skipif(not WILD.exists(), reason="../shared/wild is not beside the checkout")
@pytest.mark.parametrize("name,pages,unit,year,kind,source", CASES, ids=[c[0] for c in CASES])
def test_a_real_file_names_its_unit_year_and_kind(name, pages, unit, year, kind, source):
    i = identify(read_document(str(WILD / name), max_pages=pages))
    assert (i.unit_name, i.fiscal_year, i.doc_kind, i.source) == (unit, year, kind, source)
    if unit is None:
        assert i.tables_only and i.note
    else:
        assert i.evidence is not None and i.evidence.page is not None and i.evidence.box is not None
