"""Tiny bad input files, made on the spot, for tests/test_bad_input.py.

Every maker writes one file into a folder and returns its path. Nothing here is large on disk: the
thousands-of-pages file is blank pages, the decompression bomb is ~1 MB that inflates to 1 GB.
Also the guard's test targets (module-level, so they work with any start method).
"""
from __future__ import annotations

import os
import random
import signal
import time
import zlib
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
COVER = "测试县测试局2024年度部门决算"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def hand_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from object bodies (object 1 must be the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _one_page_pdf(content: bytes, font: bytes, content_extra: bytes = b"") -> bytes:
    return hand_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        font,
        _stream(content, content_extra),
    ])


# --- the makers ------------------------------------------------------------------------------------

def empty(d: Path) -> Path:
    p = d / "empty.pdf"
    p.write_bytes(b"")
    return p


def html_page(d: Path) -> Path:
    p = d / "html_error_page.pdf"
    p.write_text("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>"
                 "<body><h1>您访问的页面不存在</h1></body></html>\n", encoding="utf-8")
    return p


def random_bytes(d: Path) -> Path:
    p = d / "random.pdf"
    p.write_bytes(random.Random(6).randbytes(20_000).replace(b"%PDF", b"%XXX"))
    return p


def pdf_header_garbage(d: Path) -> Path:
    """Starts like a PDF, then nothing a parser can use."""
    p = d / "header_then_garbage.pdf"
    p.write_bytes(b"%PDF-1.7\n" + random.Random(7).randbytes(20_000).replace(b"obj", b"xxx"))
    return p


def _text_pdf(path: Path, pages: int = 3, encrypt=None, cover: str = COVER) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    for i in range(pages):
        c.setFont(_font(), 16 if i == 0 else 11)
        c.drawString(60, 780, cover if i == 0 else f"第{i}页 单位：万元 收入支出决算总表")
        for k in range(1, 25):
            c.drawString(60, 780 - 28 * k, f"第{k}行 一般公共预算财政拨款支出 {k * 123.45:.2f}")
        c.showPage()
    c.save()
    return path


def truncated(d: Path) -> Path:
    """A download cut off half way: the first half of a good PDF."""
    whole = _text_pdf(d / "whole.pdf", pages=6).read_bytes()
    p = d / "truncated.pdf"
    p.write_bytes(whole[: len(whole) // 2])
    (d / "whole.pdf").unlink()
    return p


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_DOC_ID = bytes.fromhex("5a1b2c3d4e5f60718293a4b5c6d7e8f9")


def _rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _encrypted_cjk_pdf(user: str, owner: str) -> bytes:
    """A one-page filing cover in a CJK font, encrypted with the standard security handler (RC4,
    40 bits, revision 2) — by hand, because reportlab leaves the strings inside a CID font's
    CIDSystemInfo unencrypted and readers then decrypt them into garbage."""
    import hashlib
    import struct

    perms = -4  # everything allowed
    o = _rc4(hashlib.md5((owner.encode() + _PAD)[:32]).digest()[:5], (user.encode() + _PAD)[:32])
    key = hashlib.md5((user.encode() + _PAD)[:32] + o + struct.pack("<l", perms) + _DOC_ID).digest()[:5]
    u = _rc4(key, _PAD)

    def enc(objnum: int, data: bytes) -> bytes:
        return _rc4(hashlib.md5(key + struct.pack("<L", objnum)[:3] + b"\0\0").digest()[:10], data)

    def hexstr(objnum: int, text: str) -> bytes:
        return b"<" + enc(objnum, text.encode()).hex().encode() + b">"

    lines = [COVER] + [f"第{k}行 一般公共预算财政拨款支出 {k * 123.45:.2f}" for k in range(1, 20)]
    content = b"\n".join(b"BT /F1 %d Tf 60 %d Td <%s> Tj ET" % (16 if k == 0 else 11, 780 - 28 * k,
                                                                 t.encode("utf-16-be").hex().encode())
                         for k, t in enumerate(lines))
    data = enc(5, content)
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry " + hexstr(4, "Adobe") + b" /Ordering " + hexstr(4, "GB1")
            + b" /Supplement 2 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light "
            b"/Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
            b"/StemV 93 >> >>] >>")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
            b"/Contents 5 0 R >>",
            font,
            _stream(data),
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), perms)]
    ids = b"<%s>" % _DOC_ID.hex().encode()
    return hand_pdf(objs, trailer_extra=b"/Encrypt 6 0 R /ID [" + ids + b" " + ids + b"] ")


def encrypted_empty_password(d: Path) -> Path:
    """Encrypted, but with an empty user password: any reader opens it without asking."""
    p = d / "encrypted_empty_password.pdf"
    p.write_bytes(_encrypted_cjk_pdf(user="", owner="x"))
    return p


def encrypted_password_by_hand(d: Path) -> Path:
    p = d / "encrypted_password_by_hand.pdf"
    p.write_bytes(_encrypted_cjk_pdf(user="secret", owner="x"))
    return p


def encrypted_password(d: Path) -> Path:
    return _text_pdf(d / "encrypted_password.pdf",
                     encrypt=StandardEncryption(userPassword="secret", ownerPassword="x"))


def encrypted_unknown_handler(d: Path) -> Path:
    """Encrypted with a security handler no open-source reader implements."""
    p = d / "encrypted_unknown_handler.pdf"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
            b"<< /Filter /FOOBAR.SecurityHandler /V 4 /R 4 /Length 128 >>"]
    p.write_bytes(hand_pdf(objs, trailer_extra=b"/Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff> "
                                               b"<00112233445566778899aabbccddeeff>] "))
    return p


def no_pages(d: Path) -> Path:
    p = d / "no_pages.pdf"
    p.write_bytes(hand_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    return p


def image_only(d: Path) -> Path:
    """A 'scan': every page a picture (a gray raster image), no text layer at all."""
    from reportlab.lib.utils import ImageReader

    try:
        from PIL import Image

        img = Image.new("L", (120, 170), 235)
        for y in range(20, 160, 12):
            for x in range(15, 105):
                img.putpixel((x, y), 40)
        reader = ImageReader(img)
    except ImportError:  # pragma: no cover - PIL ships with reportlab's usual installs
        reader = None
    p = d / "scan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1)
    for _ in range(3):
        if reader is not None:
            c.drawImage(reader, 30, 30, width=535, height=780)
        else:
            for y in range(60, 800, 14):
                c.rect(60, y, 470, 4, fill=1)
        c.showPage()
    c.save()
    return p


def mojibake_cid(d: Path) -> Path:
    """A CID font (Identity-H) with no ToUnicode map: extractors see glyph ids, '(cid:123)'."""
    p = d / "mojibake_cid.pdf"
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>] >>")
    lines = []
    for k in range(30):
        glyphs = "".join(f"{(1000 + 37 * k + 7 * i) % 20000 + 3:04X}" for i in range(18))
        lines.append(f"BT /F1 12 Tf 40 {800 - 24 * k} Td <{glyphs}> Tj ET".encode())
    p.write_bytes(_one_page_pdf(b"\n".join(lines), font))
    return p


def mojibake_private_use(d: Path) -> Path:
    """A simple font whose glyph names map into the Private Use Area (U+E000...): text that looks
    like text to a machine and like boxes to a person."""
    p = d / "mojibake_private_use.pdf"
    names = b" ".join(b"/uniE%03X" % (0x100 + i) for i in range(60))
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 33 /LastChar 92 "
            b"/Encoding << /Type /Encoding /Differences [33 " + names + b"] >> >>")
    text = bytes(range(33, 93)).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    lines = [b"BT /F1 11 Tf 30 %d Td (" % (800 - 22 * k) + text + b") Tj ET" for k in range(30)]
    p.write_bytes(_one_page_pdf(b"\n".join(lines), font))
    return p


def many_pages(d: Path, n: int = 3000) -> Path:
    """Thousands of pages (a line of text and a rule each) sharing one content stream: ~300 KB."""
    p = d / "many_pages.pdf"
    kids_start = 5
    kids = b" ".join(b"%d 0 R" % (kids_start + i) for i in range(n))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 4 0 R >> >> >>" % n,
            _stream(b"BT /F1 9 Tf 50 800 Td (One page of a compilation of many filings) Tj ET\n"
                    b"50 790 m 545 790 l S"),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    objs += [b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * n
    p.write_bytes(hand_pdf(objs))
    return p


def mojibake_latin1(d: Path) -> Path:
    """GBK bytes shown through a Latin-1 (WinAnsi) font: "²¿ÃÅ¾öËã" where 部门决算 was meant."""
    p = d / "mojibake_latin1.pdf"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    lines = []
    for k in range(25):
        raw = f"测试局2024年度部门决算 第{k}行 一般公共预算财政拨款支出".encode("gbk")
        raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        lines.append(b"BT /F1 11 Tf 40 %d Td (" % (800 - 26 * k) + raw + b") Tj ET")
    p.write_bytes(_one_page_pdf(b"\n".join(lines), font))
    return p


def one_broken_page(d: Path) -> Path:
    """Three pages; the middle one's /Rotate is a name, not a number, so that page cannot be read."""
    p = d / "one_broken_page.pdf"
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
            b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /DW 1000 /FontDescriptor "
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
            b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> >>] >>")
    text = "\n".join(f"BT /F1 12 Tf 60 {780 - 24 * k} Td <{t.encode('utf-16-be').hex()}> Tj ET"
                     for k, t in enumerate([COVER] + [f"第{k}行 支出 {k * 11.5:.2f}" for k in range(1, 12)]))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 /Resources << /Font << /F1 6 0 R >> >> >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate /Sideways /Contents 7 0 R >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R >>",
            font,
            _stream(text.encode())]
    p.write_bytes(hand_pdf(objs))
    return p


def unloadable_page(d: Path) -> Path:
    """A generated filing (liuyang_nongjing_2024, a fictional unit) whose page 2's object header is
    damaged ("N 0 obx"): pdfium counts 21 pages and cannot load page 2; pdfminer skips the object and
    finds 20. Neither reader can read page 2, and pdfplumber's page 2 is the filing's page 3."""
    import pikepdf

    from samples.generate import generate

    (src,) = [p for p in generate(str(d / "generated")) if p.name == "liuyang_nongjing_2024.pdf"]
    with pikepdf.open(src) as pdf:
        num = pdf.pages[1].objgen[0]
    p = d / "unloadable_page.pdf"
    p.write_bytes(src.read_bytes().replace(f"\n{num} 0 obj".encode(), f"\n{num} 0 obx".encode(), 1))
    return p


def decompression_bomb(d: Path, gigabytes: int = 1) -> Path:
    """One page whose content stream is ~1 MB of deflate that inflates to `gigabytes` GB of zeros.

    Built without compressing a gigabyte: once the window is all zeros, every sync-flushed 1 MB
    chunk of zeros deflates to the same bytes, so the middle of the stream is one chunk repeated.
    """
    mb = bytes(1 << 20)
    c = zlib.compressobj(9)
    first = c.compress(mb) + c.flush(zlib.Z_SYNC_FLUSH)
    middle = c.compress(mb) + c.flush(zlib.Z_SYNC_FLUSH)
    again = c.compress(mb) + c.flush(zlib.Z_SYNC_FLUSH)
    assert middle == again, "deflate state did not settle; cannot repeat the chunk"
    n = gigabytes * 1024
    last = c.compress(mb) + c.flush()  # ends the stream; its adler32 covers 4 MB only: fix below
    adler = 1
    for _ in range(n):
        adler = zlib.adler32(mb, adler)
    body = first + middle * (n - 2) + last[:-4] + adler.to_bytes(4, "big")
    p = d / "decompression_bomb.pdf"
    p.write_bytes(_one_page_pdf(body, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                                b"/Filter /FlateDecode "))
    return p


def budget_with_final_accounts_tables(d: Path) -> Path:
    """A 部门预算 cover in front of tables that look exactly like final accounts (the 郫都 sample)."""
    from samples.compose import render
    from samples.filings import pidu
    from samples.spec import Cover

    f = pidu.build()
    for part in f.parts:
        if isinstance(part, Cover):
            part.lines = [ln.replace("2024 年度", "2025 年度").replace("决算", "预算") for ln in part.lines]
    pdf, _ = render(f)
    p = d / "budget_2025.pdf"
    p.write_bytes(pdf)
    return p


def template(d: Path) -> Path:
    from samples.compose import render
    from samples.filings import template as tpl

    pdf, _ = render(tpl.build())
    p = d / "template.pdf"
    p.write_bytes(pdf)
    return p


# --- guard targets ---------------------------------------------------------------------------------

def sleeping_target(path, source=None, doc_id=None, **_):
    """A parser that spins: sleeps far past any time limit."""
    time.sleep(60)


def self_killing_target(path, source=None, doc_id=None, **_):
    """A worker that dies mid-document (as the OOM killer would kill it)."""
    os.kill(os.getpid(), signal.SIGKILL)


def crashing_exit_target(path, source=None, doc_id=None, **_):
    """A native library that calls exit() behind Python's back."""
    os._exit(7)


def raising_target(path, source=None, doc_id=None, **_):
    """A parser bug that escapes parse_file's own handling."""
    raise RuntimeError("boom from a test target")


def greedy_target(path, source=None, doc_id=None, **_):
    """Allocates without end, as a parser inflating a bomb would."""
    hoard = []
    while True:
        hoard.append(bytearray(50 << 20))


def pid_then_sleep_target(path, source=None, doc_id=None, **_):
    """Says where it is (PATH.pid), then works for a long time: for a test that kills it from outside."""
    Path(str(path) + ".pid").write_text(str(os.getpid()))
    time.sleep(60)


def parse_without_page_limit(path, source=None, doc_id=None, memory_cap_mb=None, **_):
    from transform.parse import parse_file

    return parse_file(path, source, doc_id, page_limit=None, memory_cap_mb=memory_cap_mb)


# Targets for runs of several documents in one child (flows.guard.parse_guarded_many): each says which
# process parsed it (in `error`, a free-text field), so a test can see when a child was replaced.
_HOARD: list = []


def _which_process(path, source, doc_id):
    from transform.rows import DocumentRow, ParsedDocument

    return ParsedDocument(document=DocumentRow(doc_id=doc_id, source=source, file_name=Path(path).name,
                                               status="ok", error=f"pid {os.getpid()}"))


def pid_target(path, source=None, doc_id=None, **_):
    """Dies on a file named *die*, stops answering on *spin*, raises on *raise*; else says its pid."""
    name = Path(path).name
    if "die" in name:
        os.kill(os.getpid(), signal.SIGKILL)
    if "spin" in name:
        time.sleep(60)
    if "raise" in name:
        raise RuntimeError("boom from a test target")
    return _which_process(path, source, doc_id)


def hoarding_pid_target(path, source=None, doc_id=None, **_):
    """Keeps 200 MB alive after each file (a leak, or a fragmented heap), and says its pid."""
    _HOARD.append(bytearray(200 << 20))
    return _which_process(path, source, doc_id)


LETTER = ["关于召开2024年度工作会议的通知", "各单位：", "经研究，定于2024年3月15日上午9时在区政府三楼会议室",
          "召开年度工作会议，请各单位主要负责人准时参加。", "联系人：张三，电话：12345678。", "特此通知。",
          "上海市普陀区人民政府办公室", "2024年3月1日"]


def letter(d: Path) -> Path:
    """Not a filing: a one-page notice, with a text layer."""
    p = d / "letter.pdf"
    c = canvas.Canvas(str(p), pagesize=A4, invariant=1)
    c.setFont(_font(), 14)
    for k, line in enumerate(LETTER):
        c.drawString(60, 780 - 30 * k, line)
    c.showPage()
    c.save()
    return p


def scanned_letter(d: Path) -> Path:
    """The same notice scanned: one image, no text layer (OCR reads it, and it is still no filing)."""
    from tests.variants import image_only

    return image_only(letter(d), d / "scanned_letter.pdf")


def ocr_pages_then_sleep_target(path, source=None, doc_id=None, on_ocr=None, pages=3, seconds=3.0, **_):
    """A parser that announces `pages` pages to OCR, then takes `seconds` (longer than the base limit)."""
    from transform.rows import DocumentRow, ParsedDocument

    if on_ocr is not None:
        on_ocr(pages)
    time.sleep(seconds)
    return ParsedDocument(document=DocumentRow(doc_id=doc_id or "x", source=source or path, file_name="scan.pdf",
                                               ocr_pages=pages))
