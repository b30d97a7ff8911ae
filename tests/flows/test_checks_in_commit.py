"""A batch's checks are committed with it (issue 11, item 5): a driver killed after its last batch of
documents and before the checks were committed left documents that no later run checked — they were
stored, so the re-run had nothing to parse, and quality_results stayed empty (benchmarks/kill_ingest.py).
Every batch holding documents now holds their quality_results, and they are the rows `juesuan validate`
computes from the stored warehouse."""
from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal

import pyarrow.parquet as pq

from flows.ingest import ingest
from flows.sources import Source
from flows.validate import validate_warehouse
from warehouse import connect
from warehouse.store import committed_parts


def _doc_ids_by_batch(wh, table: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for part in committed_parts(wh, table):
        batch = part.name[len("part-"):].split(".", 1)[0]
        out[batch] |= set(pq.read_table(part, columns=["doc_id"])["doc_id"].to_pylist())
    return out


def _checks(wh) -> Counter:
    # (pages and boxes are lists: compared by their repr)
    return Counter(tuple(map(repr, r)) for r in connect(wh).execute("SELECT * FROM quality_results").fetchall())


def test_each_batch_commits_the_checks_of_its_documents(tmp_path, samples_dir):
    wh = tmp_path / "wh"
    files = [Source(str(p)) for p in sorted(samples_dir.glob("*.pdf"))]
    summary = ingest(files, str(wh), workers=1, batch_size=1, progress=False)
    # one finding, the seed's own (焉耆: its nine 项目支出绩效自评表 list 7,015.56 万元 executed against
    # 88.69 万元 of 项目支出, both stated in its text)
    assert summary.checks_failed == 1
    (failed,) = connect(wh).execute('SELECT "check", observed, expected FROM quality_results WHERE NOT success').fetchall()
    assert failed == ("projects_vs_project_expenditure", Decimal("70155600"), Decimal("886900"))
    documents, checks = _doc_ids_by_batch(wh, "documents"), _doc_ids_by_batch(wh, "quality_results")
    checked = {d for ids in checks.values() for d in ids}
    assert len({d for ids in documents.values() for d in ids}) == len(files) and len(documents) > 1
    assert len(checked) == 3  # three filings with figures; the template has none
    for batch, ids in checks.items():
        assert ids <= documents[batch]  # in the very commit that stored the documents they check
    assert (wh / "quality_report.html").exists()

    per_batch = _checks(wh)
    assert validate_warehouse(str(wh)) == 1  # the checks of the stored rows, all documents at once
    assert _checks(wh) == per_batch
