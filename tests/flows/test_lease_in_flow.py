"""An ingest that loses the writer lease mid-run (it stalled past the heartbeat limit and another run
took over) stops committing and says so in one sentence: no Prefect traceback on the console."""
from __future__ import annotations

import pytest

from flows.ingest import ingest
from flows.sources import Source
from tests.paths import FILINGS
from warehouse import Warehouse
from warehouse.lease import LeaseLost


def test_a_run_that_lost_the_lease_stops_with_a_sentence(tmp_path, monkeypatch, capfd):
    def taken_over(self, *a, **k):
        raise LeaseLost("this process lost the writer lease of the warehouse (taken over); nothing more was "
                        "committed — run the command again")

    monkeypatch.setattr(Warehouse, "write_batch", taken_over)
    with pytest.raises(LeaseLost, match="nothing more was committed"):
        ingest([Source(str(FILINGS / "上海市普陀区财政局2024年度部门决算.pdf"))], str(tmp_path / "wh"), workers=1,
               validate=False, progress=False)
    err = capfd.readouterr().err
    assert "Traceback" not in err, err
