"""`structure`'s per-staff ratios, where a filing states its staff: the seed's reconstruction (焉耆社会保险中心
2023) states 实有人数 38 人, “三公”经费 1.13 万元 (its 表7 合计 and its 七、 text) and 机关运行经费 6.73 万元
(its 十、其他重要事项 text) — figures typed from ../shared/seed."""
from __future__ import annotations

from decimal import Decimal

from flows.ingest import _rows_of
from tests.expected import sections_yanqi_2023
from warehouse.store import Warehouse
from warehouse.views import connect


def test_three_public_and_org_running_cost_per_staff(parsed_sample, tmp_path):
    root = tmp_path / "warehouse"
    Warehouse(root).write_batch(_rows_of([parsed_sample(sections_yanqi_2023.PDF.removesuffix(".pdf"))]))
    rows = connect(root).execute(
        "SELECT ratio, numerator_label, numerator, denominator_label, denominator, value, unit FROM structure "
        "WHERE ratio LIKE '%per_staff' ORDER BY ratio").fetchall()
    assert rows == [
        ("org_running_cost_per_staff", "机关运行经费", Decimal("67300.0000"), "实有人数", Decimal("38.0000"),
         Decimal("1771.052632"), "yuan per person"),
        ("three_public_per_staff", "“三公”经费决算数", Decimal("11300.0000"), "实有人数", Decimal("38.0000"),
         Decimal("297.368421"), "yuan per person")]
