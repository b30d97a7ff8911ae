"""The parser version follows the output: the rows parsed from the sample filings and a small varied
corpus hash to the fingerprint recorded beside PARSER_VERSION, and CHANGELOG.md has the version's entry."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.conftest import CORPUS_N, CORPUS_SEED, ROOT
from transform.fingerprint import fingerprint, version_sentence
from transform.parse import parse_file
from transform.rows import PARSER_VERSION

CORPUS = (7, [0, 6, 9, 11])  # seed, indexes: ruled, 三线表, without rules, horizontal rules (samples/corpus.py)


@pytest.fixture(scope="module")
def sample_files(samples_dir, corpus7):
    from samples import corpus

    seed, indexes = CORPUS
    assert seed == CORPUS_SEED and max(indexes) < CORPUS_N  # the session's corpus7 holds them
    files = sorted(samples_dir.glob("*.pdf")) + sorted((samples_dir / "budgets").glob("*.pdf"))  # both phases
    return files + [corpus7 / f"{corpus.build(seed, i)[0].name}.pdf" for i in indexes]


@pytest.fixture(scope="module")
def parsed(sample_files, samples_dir, parsed_sample, parsed_corpus):
    """Every file as parsed once per session (tests/conftest.py): the samples and the corpus filings."""
    return [parsed_sample(f.stem) if samples_dir in f.parents else parsed_corpus(f.stem) for f in sample_files]


def test_the_output_hashes_to_the_recorded_fingerprint(parsed):
    sentence = version_sentence(fingerprint(parsed))
    assert sentence is None, sentence


def test_a_changed_output_is_caught(sample_files, parsed, monkeypatch):
    """One cent more on every figure of the first file, the other files as parsed: the same set of files
    no longer hashes to the recorded fingerprint."""
    import transform.line_items

    real = transform.line_items.to_yuan
    monkeypatch.setattr(transform.line_items, "to_yuan", lambda a, u: real(a, u) + Decimal("0.01"))
    changed = parse_file(str(sample_files[0]))
    assert changed.document.doc_id == parsed[0].document.doc_id
    assert [li.amount_yuan for li in changed.line_items] != [li.amount_yuan for li in parsed[0].line_items]
    sentence = version_sentence(fingerprint([changed] + parsed[1:]))
    assert sentence and "bump PARSER_VERSION" in sentence and "CHANGELOG.md" in sentence


def test_the_changelog_says_what_the_version_changed():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## {re.escape(PARSER_VERSION)} — \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)
