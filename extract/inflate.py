"""A damaged Flate stream inflated in linear time, with the bytes pdfminer would get.

When zlib rejects a stream (a flipped byte, a bad checksum, a cut), pdfminer.six recovers what it can
with `pdfminer.pdftypes.decompress_corrupted`: it feeds the stream to zlib one byte at a time and
appends each piece to a bytes object, which is quadratic in the stream's size. One flipped byte in the
3 MB of fonts a real filing embeds then costs minutes instead of a second, and the guard's time limit
stops the document (15 of the 1,000 fuzzed files of benchmarks/fuzz_ingest.py; upstream:
pdfminer/pdfminer.six#1163, open).

`decompress_corrupted` here gives the same bytes and raises the same errors in linear time: it feeds the
stream a block at a time, keeping a copy of the decompressor's state before each block, and goes byte by
byte only through the block where zlib fails, so it stops at the very byte pdfminer stops at. `install()`
puts it in pdfminer's place (`PDFStream.decode` looks the name up when it runs); extract.reader calls it.
"""
from __future__ import annotations

import logging
import zlib

BLOCK = 1 << 16

# pdfminer's own logger: its warning lands where pdfminer's do (transform.parse sends them to the log).
log = logging.getLogger("pdfminer.pdftypes")


def decompress_corrupted(data: bytes, block: int = BLOCK) -> bytes:
    """What zlib can inflate of `data` up to the byte where it fails; zlib.error if that byte is not
    one of the last three (the Adler-32 checksum), as pdfminer's function does."""
    d = zlib.decompressobj()
    out: list[bytes] = []
    fed = 0  # bytes taken without error
    try:
        for start in range(0, len(data), block):
            chunk = data[start:start + block]
            before = d.copy()
            try:
                out.append(d.decompress(chunk))
                fed += len(chunk)
                continue
            except zlib.error:
                d = before  # the state before this block: find the failing byte in it
            for k in range(len(chunk)):
                out.append(d.decompress(chunk[k:k + 1]))
                fed += 1
    except zlib.error:
        if fed < len(data) - 3:
            raise
        log.warning("Data-loss while decompressing corrupted data")
    return b"".join(out)


PDFMINERS = None  # pdfminer's own function, once replaced (the tests compare the two)


def install() -> None:
    global PDFMINERS
    import pdfminer.pdftypes

    if pdfminer.pdftypes.decompress_corrupted is not decompress_corrupted:
        PDFMINERS = pdfminer.pdftypes.decompress_corrupted
        pdfminer.pdftypes.decompress_corrupted = decompress_corrupted
