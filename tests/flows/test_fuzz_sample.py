"""Fuzzed input (issue 11, item 4), the seeded sample CI runs: the first 50 of benchmarks/fuzz_ingest.py's
1,000 mutants of the real and generated filings (five of each kind of damage), ingested in one run of the
command line into a warehouse that holds a clean earlier batch. Exit 0, nothing on the console but the
summary line, one documents row per file with a status and a sentence, every parse within its time
limit, the earlier batch's rows unchanged. The full run's figures are in docs/benchmarks.md."""
from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.paths import ROOT

_spec = importlib.util.spec_from_file_location("fuzz_ingest", ROOT / "benchmarks" / "fuzz_ingest.py")
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz  # its dataclasses look their module up there
_spec.loader.exec_module(fuzz)

TIME_LIMIT_S = 30.0


# A measurement over a corpus (issue 26): `make test-all` runs it, CI's `make test` does not; the full
# 1,000 mutants run from benchmarks/fuzz_ingest.py (docs/benchmarks.md). Each file's own damage — empty,
# truncated, HTML, encrypted, image-only, garbled — stays in the suite (tests/test_bad_input.py,
# tests/test_bad_batch_cli.py).
@pytest.mark.corpus
def test_a_seeded_sample_of_50_fuzzed_files(tmp_path):
    res = fuzz.run(n=50, seed=1, out=tmp_path / "fuzz", time_limit=TIME_LIMIT_S, echo=lambda *a: None)
    assert not res.failures, "\n".join(res.failures)
    assert res.files == 50 and sum(res.statuses.values()) == 50
    assert res.kinds == {k: 5 for k in fuzz.KINDS}
    assert res.timings == 50 and res.slowest[0] <= TIME_LIMIT_S + 1
    assert res.summary_line.startswith("50 files: ")
    # the earlier batch is there to be left alone: its documents, figures and checks
    assert res.earlier["documents"][0] == 25 and res.earlier["line_items"][0] > 0
    assert res.earlier["quality_results"][0] > 0
