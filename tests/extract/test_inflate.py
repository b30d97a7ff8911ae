"""extract/inflate.py: a damaged Flate stream gives the bytes pdfminer's own recovery gives (or the same
error), in linear time. A flipped byte in a real filing's 3 MB of fonts took pdfminer minutes (the guard
stopped the document at its time limit); it takes a few seconds now."""
from __future__ import annotations

import random
import re
import time
import zlib

import pdfminer.pdftypes
import pytest

from extract import inflate
from extract.inflate import decompress_corrupted
from tests.paths import FILINGS

inflate.install()


def _text(rng: random.Random, n: int) -> bytes:
    words = [b"BT /F1 9 Tf", b"(1,234.56) Tj", b"ET", b"0 0 m 10 0 l S", b"\xe4\xb8\x80\xe8\x88\xac"]
    return b"\n".join(rng.choice(words) + b" %d" % rng.randrange(10_000) for _ in range(n))


def _damaged(rng: random.Random, data: bytes) -> bytes:
    kind = rng.choice(["flip", "cut", "adler", "tail", "header"])
    out = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randrange(1, 4)):
            i = rng.randrange(len(out))
            out[i] ^= rng.randrange(1, 256)
    elif kind == "cut":
        out = out[:rng.randrange(1, len(out))]
    elif kind == "adler":
        out[-1] ^= 0x5A
    elif kind == "tail":
        out += rng.randbytes(rng.randrange(1, 40))
    else:
        out[0] ^= 0xFF
    return bytes(out)


def test_the_same_bytes_or_the_same_error_as_pdfminer():
    rng = random.Random(11)
    original = inflate.PDFMINERS
    assert original is not None and original is not decompress_corrupted
    for case in range(120):
        data = _damaged(rng, zlib.compress(_text(rng, rng.randrange(20, 600)), rng.choice([1, 6, 9])))
        try:
            want = original(data)
        except zlib.error:
            with pytest.raises(zlib.error):
                decompress_corrupted(data, block=rng.choice([1, 7, 256, 4096]))
            continue
        for block in (1, 7, 256, 4096, inflate.BLOCK):
            assert decompress_corrupted(data, block=block) == want, (case, block)


def test_pdfminer_uses_it():
    assert pdfminer.pdftypes.decompress_corrupted is decompress_corrupted


def test_a_large_damaged_stream_is_inflated_in_linear_time():
    """The largest Flate stream of the finance filing (a font), one byte flipped in its middle."""
    raw = (FILINGS / "上海市普陀区财政局2024年度部门决算.pdf").read_bytes()
    spans = [(m.end(), raw.index(b"endstream", m.end())) for m in re.finditer(rb"(?<!end)stream\r?\n", raw)]
    start, end = max(spans, key=lambda s: s[1] - s[0])
    data = bytearray(raw[start:end].rstrip(b"\r\n"))
    assert len(data) > 1_000_000 and zlib.decompress(bytes(data))
    data[len(data) // 2] ^= 0x40
    t0 = time.perf_counter()
    try:
        decompress_corrupted(bytes(data))  # what decodes, up to the failing byte or the checksum
    except zlib.error:
        pass  # failed mid-stream: pdfminer then reads the stream as empty
    assert time.perf_counter() - t0 < 5  # pdfminer's own took minutes
