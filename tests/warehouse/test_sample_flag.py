"""Issue 26: documents.sample tells the generator's files from published ones, and compare/export leave
the generated ones out unless asked (--include-samples)."""
from __future__ import annotations

import io
import subprocess
import sys

import pdfplumber
import pytest

from transform.origin import SAMPLE_MARK, is_generated
from warehouse import Warehouse, connect


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, parsed_sample, parsed_real):
    """A warehouse of the real 社会工作部 final accounts and the generated 郫都 示例 filing."""
    sample = parsed_sample("pidu_chuancai_2024")
    parsed = [parsed_real["putuo_social_work_2024"], sample]
    root = tmp_path_factory.mktemp("mixed") / "warehouse"
    Warehouse(root).write_batch({"documents": [p.document for p in parsed],
                                 "line_items": [li for p in parsed for li in p.line_items],
                                 "statements": [s for p in parsed for s in p.statements]})
    return root, sample


def test_a_generated_file_is_a_sample_and_a_published_one_is_not(mixed, parsed_real):
    _, sample = mixed
    assert sample.document.sample is True
    assert all(p.document.sample is False for p in parsed_real.values())


def test_the_scanned_samples_carry_the_stamp_too():
    from samples.compose import render
    from samples.filings import pidu
    from samples.scans import look_for, scan

    pdf, _ = render(pidu.build())
    scanned = scan(pdf, look_for(1, 0))
    with pdfplumber.open(io.BytesIO(scanned)) as doc:
        assert is_generated(doc.metadata), doc.metadata


def test_the_stamp_is_read_from_author_or_creator_only():
    assert is_generated({"Author": SAMPLE_MARK}) and is_generated({"Creator": SAMPLE_MARK.encode()})
    assert not is_generated({"Author": "WPS 表格", "Title": SAMPLE_MARK}) and not is_generated(None)


def test_every_view_leaves_the_samples_out_when_asked(mixed):
    root, sample = mixed
    everything, published = connect(root), connect(root, samples=False)
    assert everything.execute("SELECT unit_name, sample FROM documents ORDER BY sample").fetchall() == [
        ("中共上海市普陀区委社会工作部", False), ("成都市郫都区示例川菜产业促进中心", True)]
    assert published.execute("SELECT unit_name FROM documents").fetchall() == [("中共上海市普陀区委社会工作部",)]
    for view in ("line_items", "statements", "frames", "filings"):
        got = published.execute(f"SELECT count(*) FILTER (WHERE doc_id = ?), count(*) FROM {view}",
                                [sample.document.doc_id]).fetchone()
        assert got[0] == 0 and got[1] > 0, view
        assert everything.execute(f"SELECT count(*) FROM {view} WHERE doc_id = ?",
                                  [sample.document.doc_id]).fetchone()[0] > 0, view


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, timeout=300)


def test_export_leaves_the_samples_out_unless_asked(mixed, tmp_path):
    root, _ = mixed
    out = _cli("export", "documents", "--warehouse", str(root), "--format", "csv", "--out", str(tmp_path / "a.csv"))
    assert out.returncode == 0 and out.stdout.startswith("1 rows"), out.stdout + out.stderr
    out = _cli("export", "documents", "--warehouse", str(root), "--format", "csv", "--out", str(tmp_path / "b.csv"),
               "--include-samples")
    assert out.returncode == 0 and out.stdout.startswith("2 rows"), out.stdout + out.stderr


def test_compare_of_samples_only_says_how_to_draw_them(mixed, tmp_path):
    """2160250 (事业运行) is the 郫都 示例 filing's alone: left out, nothing stands; asked for, it is drawn."""
    root, _ = mixed
    out = _cli("compare", "--warehouse", str(root), "--code", "2160250", "--year", "2024", "--out", str(tmp_path))
    assert out.returncode == 2 and "--include-samples" in out.stderr and "Traceback" not in out.stderr
