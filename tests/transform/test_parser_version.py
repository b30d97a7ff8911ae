"""The parser version follows the output: the rows parsed from the sample filings and a small varied
corpus hash to the fingerprint recorded beside PARSER_VERSION, and CHANGELOG.md has the version's entry."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.conftest import ROOT
from transform.fingerprint import fingerprint, version_sentence
from transform.parse import parse_file
from transform.rows import PARSER_VERSION

CORPUS = (7, [0, 6, 9, 11])  # seed, indexes: ruled, 三线表, without rules, horizontal rules (samples/corpus.py)


@pytest.fixture(scope="module")
def sample_files(samples_dir, tmp_path_factory):
    from samples import corpus

    out = tmp_path_factory.mktemp("fingerprint")
    seed, indexes = CORPUS
    files = sorted(samples_dir.glob("*.pdf")) + sorted((samples_dir / "budgets").glob("*.pdf"))  # both phases
    for i in indexes:
        f, _feat, pdf, _truth = corpus.render_filing(seed, i)
        path = out / f"{f.name}.pdf"
        path.write_bytes(pdf)
        files.append(path)
    return files


def test_the_output_hashes_to_the_recorded_fingerprint(sample_files):
    sentence = version_sentence(fingerprint([parse_file(str(f)) for f in sample_files]))
    assert sentence is None, sentence


def test_a_changed_output_is_caught(sample_files, monkeypatch):
    import transform.line_items

    real = transform.line_items.to_yuan
    monkeypatch.setattr(transform.line_items, "to_yuan", lambda a, u: real(a, u) + Decimal("0.01"))
    sentence = version_sentence(fingerprint([parse_file(str(sample_files[0]))]))
    assert sentence and "bump PARSER_VERSION" in sentence and "CHANGELOG.md" in sentence


def test_the_changelog_says_what_the_version_changed():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(PARSER_VERSION)} — \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
