"""A run of thousands of new files starts its flow: the flow's parameters go to the Prefect API, which
refuses more than 512 KB of them, and the plan of a thousand files is more (issue 11, item 4: a fuzzed
batch of 1,000 files stopped with "Flow run parameters must be less than 524,288 bytes")."""
from __future__ import annotations

import flows.ingest
from flows.ingest import Summary, ingest
from flows.sources import discover


def test_the_plan_of_thousands_of_files_is_not_a_flow_parameter(tmp_path, monkeypatch):
    folder = tmp_path / "filings saved by a crawler, one folder per county and year"
    folder.mkdir()
    for i in range(3000):
        (folder / f"{i:05d} 某县某局2024年度部门决算 (downloaded from the county's site).pdf").write_bytes(b"%d" % i)
    seen = {}

    def parse_nothing(plan, warehouse, files, *args):  # what the flow does with the plan is not under test
        seen["todo"] = len(plan.todo)
        return Summary(files=files)

    monkeypatch.setattr(flows.ingest, "_ingest", parse_nothing)
    summary = ingest(discover([str(folder)]), str(tmp_path / "wh"), workers=1, validate=False, progress=False)
    assert seen["todo"] == 3000 and summary.files == 3000
    assert flows.ingest._PLANS == {}  # handed over and forgotten
