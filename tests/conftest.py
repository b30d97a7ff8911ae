"""Shared fixtures. The real filings are read in place from ../shared/filings (never copied)."""
from __future__ import annotations

import importlib

import pytest

from tests.paths import BUDGETS, FILINGS, ROOT  # noqa: F401 - re-exported: tests import them from here

REAL = ["putuo_social_work_2024", "putuo_finance_2024"]
TEMPLATE = FILINGS / "附件2：部门决算模板.pdf"


def pytest_addoption(parser):
    parser.addoption("--test-all", action="store_true",
                     help="also run the tests marked `corpus` (measurements over corpora: make test-all)")


def pytest_configure(config):
    config.addinivalue_line("markers", "corpus: a measurement over a corpus (fuzzing, kill moments, a generated "
                                       "corpus at scale): run by `make test-all` and benchmarks/, not by `make test`")


def pytest_collection_modifyitems(config, items):
    """`make test` (CI) leaves the corpus measurements out: deselected, and the summary says how many."""
    if config.getoption("--test-all"):
        return
    chosen, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("corpus") else chosen).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = chosen


def expected(name: str):
    return importlib.import_module(f"tests.expected.{name}")


@pytest.fixture(scope="session")
def real_warehouse(tmp_path_factory):
    """The two real filings and the template, parsed and committed to a fresh warehouse (without
    Prefect: the flow itself is exercised in test_cli.py)."""
    from transform.parse import parse_file
    from warehouse import Warehouse

    root = tmp_path_factory.mktemp("real") / "warehouse"
    wh = Warehouse(root)
    parsed = [parse_file(str(FILINGS / expected(n).FILE)) for n in REAL] + [parse_file(str(TEMPLATE))]
    wh.write_batch({
        "documents": [p.document for p in parsed],
        "line_items": [li for p in parsed for li in p.line_items],
        "statements": [s for p in parsed for s in p.statements],
    })
    return root


@pytest.fixture(scope="session")
def samples_dir(tmp_path_factory):
    """The generator's sample filings, rendered once per test session, with their truth JSON."""
    from samples.generate import generate

    out = tmp_path_factory.mktemp("samples")
    generate(str(out))
    return out


@pytest.fixture(scope="session")
def parsed_sample(samples_dir):
    """A function: NAME → the generated sample samples_dir/NAME.pdf (or budgets/NAME.pdf), parsed once per
    session on first use; each call returns a deep copy, so that a test may change what it gets."""
    import copy

    from transform.parse import parse_file

    cache: dict = {}

    def get(name: str):
        if name not in cache:
            path = samples_dir / f"{name}.pdf"
            cache[name] = parse_file(str(path if path.exists() else samples_dir / "budgets" / f"{name}.pdf"))
        return copy.deepcopy(cache[name])

    return get


@pytest.fixture(scope="session")
def real_documents():
    """The two real filings read once per session (extract.read_document, the document model before any
    transform): name → Document. Shared: a test reads it, never changes it."""
    from extract import read_document

    return {n: read_document(str(FILINGS / expected(n).FILE)) for n in REAL}


CORPUS_SEED, CORPUS_N = 7, 12  # the corpus filings the tests read (samples/corpus.py), rendered once


@pytest.fixture(scope="session")
def corpus7(tmp_path_factory):
    """Filings 0 … 11 of the generated corpus of seed 7 with their truth and manifest, rendered once per
    session: the folder (tests/test_corpus.py, test_parser_version.py, test_planted_review_rules.py)."""
    from samples import corpus

    out = tmp_path_factory.mktemp("corpus7")
    corpus.write(out, CORPUS_N, CORPUS_SEED)
    return out


@pytest.fixture(scope="session")
def parsed_corpus(corpus7):
    """A function: the file stem of a corpus7 filing → its parse, once per session (a deep copy each call)."""
    import copy

    from transform.parse import parse_file

    cache: dict = {}

    def get(name: str):
        if name not in cache:
            cache[name] = parse_file(str(corpus7 / f"{name}.pdf"))
        return copy.deepcopy(cache[name])

    return get


@pytest.fixture(scope="session")
def parsed_real():
    """The two real filings parsed once per session: name → ParsedDocument."""
    from transform.parse import parse_file

    return {n: parse_file(str(FILINGS / expected(n).FILE)) for n in REAL}


@pytest.fixture(scope="session")
def parsed_budgets():
    """The seven real budgets (../shared/budgets) parsed once per session: file stem → ParsedDocument."""
    from transform.parse import parse_file

    return {p.stem: parse_file(str(p)) for p in sorted(BUDGETS.glob("*.pdf"))}


@pytest.fixture(scope="session")
def parsed_real_without_rules(tmp_path_factory):
    """The two real filings with every ruling line removed (tests/variants.py), parsed once."""
    from tests.variants import strip_rules
    from transform.parse import parse_file

    out = tmp_path_factory.mktemp("norules")
    return {n: parse_file(str(strip_rules(FILINGS / expected(n).FILE, out / f"{n}.pdf"))) for n in REAL}


# The pages of the real filings the suite reads by OCR (each takes seconds): the cover, the tables whose
# identities meet there and the narrative's totals — for 财政局 the four tables of its own 326.71 / 326.72
# contradiction (表1 p.6–7, 表3 p.10–11, 表4 p.12–13, 表5 p.15), for 社会工作部 表1 and 表3 (p.5, 8–9).
# benchmarks/ocr_benchmark.py scans every page of both (docs/benchmarks.md: 551/565 and 522/522 exact).
SCANNED_PAGES = {"putuo_finance_2024": {1, 6, 7, 10, 11, 12, 13, 15, 21},
                 "putuo_social_work_2024": {1, 5, 8, 9, 17}}


@pytest.fixture(scope="session")
def parsed_real_scanned(tmp_path_factory):
    """The two real filings as a scanner gives them (the pages of SCANNED_PAGES images at 150 dpi, the
    others blank, no text layer at all: tests/variants.py), parsed once with OCR: name → ParsedDocument."""
    from tests.variants import image_only
    from transform.parse import parse_file

    out = tmp_path_factory.mktemp("scanned")
    return {n: parse_file(str(image_only(FILINGS / expected(n).FILE, out / f"{n}.pdf", pages=SCANNED_PAGES[n])))
            for n in REAL}


@pytest.fixture(scope="session")
def series_warehouse(tmp_path_factory):
    """The series corpus (samples/series.py: 2 counties × 2018–2020, a department with its units, a
    renamed unit, renamed codes, a restated filing), ingested by the flow once per session — the
    filings, then the restatement — and its folder: (warehouse, corpus)."""
    from flows.ingest import ingest
    from flows.sources import discover
    from samples.series import write

    corpus = tmp_path_factory.mktemp("series")
    write(corpus, seed=1, n_counties=2)
    root = tmp_path_factory.mktemp("series_wh") / "warehouse"
    for folder in ("filings", "restated"):
        ingest(discover([str(corpus / folder)]), str(root), progress=False)
    return root, corpus


@pytest.fixture(scope="session")
def batch_files(samples_dir):
    """The files of the runs that share a warehouse or are killed mid-batch (tests/flows/
    test_concurrent_ingest.py, tests/test_batch.py): the two real filings and the generated final accounts
    (3 filings and one document that is no filing). Few and small, so that each run is short; enough that
    a run writes several batches."""
    return [FILINGS / expected(n).FILE for n in REAL] + sorted(samples_dir.glob("*.pdf"))


@pytest.fixture(scope="session")
def uninterrupted_run(tmp_path_factory, batch_files):
    """batch_files ingested by one `juesuan ingest` run (its checks included), nothing else running: what
    runs over the same files side by side, or killed and run again, must store. Its warehouse."""
    from tests.test_cli import run

    tmp = tmp_path_factory.mktemp("uninterrupted")
    done = run(["ingest", *map(str, batch_files), "--warehouse", str(tmp / "wh")], tmp)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return tmp / "wh"


WILD_SMALL = {  # the smallest file of each city in ../shared/wild with tables (its MANIFEST.tsv row says what it is)
    "beijing_tables": "bud_bj_bj_2026_bfd3759a.pdf",  # 附件2: the tables alone, no unit or year printed
    "guangzhou": "bud_gd_gz_2026_6d531c47.pdf",
    "xian": "bud_sx_xa_2026_2a350279.pdf",
    "fuzhou": "bud_fj_fz_2026_6ff17896.pdf",
    "suzhou": "bud_js_suz_2026_85521c48.pdf",
    "hangzhou": "bud_zj_hz_2026_7b5fe2e1.pdf",
}


@pytest.fixture(scope="session")
def parsed_wild():
    """One real 2026 budget per city of ../shared/wild (the smallest), parsed once per session."""
    from tests.paths import SHARED
    from transform.parse import parse_file

    return {k: parse_file(str(SHARED / "wild" / f)) for k, f in WILD_SMALL.items()}
