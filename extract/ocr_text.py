"""OCR text as the text layer would give it: the engine's words normalised (digits, separators,
full-width punctuation, its known misreads and the marks dust was read as undone), and each word's box
shared among its characters as pdfplumber-like character dicts (extract/ocr.py puts them to use; a box
holding two cells' text is parted by extract/ocr_cells.py)."""
from __future__ import annotations

import re

from extract.model import Word


# Full-width digits in ASCII, and the traditional forms the engine was trained on read in their simplified
# ones, which the filings print (內: 部內收入决算表).
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９％內", "0123456789%内")
IDEOGRAPHS = "\u3400-\u9fff"  # the Chinese characters (a regex class's range)
_CJK = IDEOGRAPHS + "\uf900-\ufaff"  # … and their compatibility forms
# A figure as a cell prints it, read by OCR: digits, thousands separators, a point and its decimals
# (AMOUNT_2: two of them, as an amount in 元 or 万元 is printed). Regex fragments, shared with ocr_cells.
AMOUNT = r"-?\d[\d,]*\.\d+"
AMOUNT_2 = r"-?\d[\d,]*\.\d\d"
_SEP_IN_NUMBER = re.compile(r"(?<=\d)\s*([,，.．])\s*(?=\d)")
_SEMICOLON_FOR_COMMA = re.compile(r"(?<=\d)\s*[;；]\s*(?=\d{3}(?!\d))")  # "4,433;102.87"
_PUNCT_AFTER_CJK = re.compile(rf"(?<=[{_CJK}）])[:;,]")
_HALF_TO_FULL = {":": "：", ";": "；", ",": "，"}


def _brackets(text: str) -> str:
    """An ASCII bracket touching Chinese in its full-width form, and the bracket closing it too."""
    out = list(text)
    opened: list[int] = []
    for i, ch in enumerate(out):
        if ch == "(":
            cjk = bool(re.match(rf"[{_CJK}]", text[i + 1:i + 2])) or bool(re.match(rf"[{_CJK}]", text[i - 1:i]))
            if cjk:
                out[i] = "（"
            opened.append(i)
        elif ch == ")":
            if opened:
                j = opened.pop()
                if out[j] == "（" or re.match(rf"[{_CJK}]", text[i - 1:i]):
                    out[i], out[j] = "）", "（"
            elif re.match(rf"[{_CJK}]", text[i - 1:i]):
                out[i] = "）"
    return "".join(out)


# Misreads of the engine that no filing prints, each undone: 入 read as 人 in 收入 (收人 is no word; the
# table readers find the income side by 收入), 部门 as 部内 (the filings print 部门 throughout; 部内外 is
# a word of its own). A label whose enumerator 一 (one thin stroke) was lost keeps its 、 first: it is
# given back.
CONFUSIONS = (("收人", "收入"),)
_DEPARTMENT = re.compile(r"部内(?!外)")  # 部内收支决算总表, 部内“三公”…, 部内决算, 部内预算, 部内主要职责


# A decimal point read as a colon ("50:18"): a figure of two decimals, the whole word.
_COLON_FOR_POINT = re.compile(r"^(-?\d[\d,]*)[:：](\d\d)$")


def normalize_text(text: str) -> str:
    """OCR text as the text layer would print it: full-width digits in ASCII; no spaces inside a
    figure ("446. 11", "1, 234.50"), whose separators are ASCII, its point not read as a colon
    ("50:18") nor a separator as a semicolon ("4,433;102.87"); brackets, colons, semicolons and commas
    next to Chinese in their full-width form, as Chinese typesetting prints them; the engine's known
    misreads (CONFUSIONS) undone."""
    text = text.translate(_FULL_WIDTH_DIGITS).strip()
    for wrong, right in CONFUSIONS:
        text = text.replace(wrong, right)
    text = _DEPARTMENT.sub("部门", text)
    if text.startswith("、") and len(text) > 1 and re.match(rf"[{_CJK}]", text[1]):
        text = "一" + text
    text = _COLON_FOR_POINT.sub(r"\1.\2", text)
    text = _SEMICOLON_FOR_COMMA.sub(",", text)
    text = _SEP_IN_NUMBER.sub(lambda m: "," if m.group(1) in ",，" else ".", text)
    text = _brackets(text)
    text = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)
    return text


# A speck of dust, or the end of a rule, touching a figure or a code is read as a mark no filing prints
# there: a full stop after it ("75.79.", "210.", "20."), a dash, tilde or bar after a figure or code
# ("30214-", "44.48 ~", "4,339,469.85|"), a dot, colon, quote, tilde or bar before it ("·:46.25", "'8.38",
# "~30303"); a point after a label ("十一、城乡社区支出．"), a dot before it ("·七、文化旅游体育与传媒支出").
_STRAY_AFTER = re.compile(rf"^({AMOUNT}|\d{{3,}})\s?[.．~～·'`\-|丨]$|^(\d+)\.$")
_STRAY_BEFORE = re.compile(rf"^[·:：.,'‘’`\"“”~～|丨]+\s?({AMOUNT}|\d{{3,}})$")
_STRAY_AFTER_LABEL = re.compile(rf"(?<=[{_CJK}）])[.．·]$")
_STRAY_BEFORE_LABEL = re.compile(rf"^[·.．,'`‘’:：~～|丨]+\s?(?=[{_CJK}（])")


def strip_specks(text: str) -> tuple[str, bool, bool]:
    """The figure, code or label without the marks specks of dust around it were read as, and whether
    one was read before it and after it."""
    after = _STRAY_AFTER.match(text)
    if after:
        text = after.group(1) or after.group(2)
    elif after := _STRAY_AFTER_LABEL.search(text):
        text = text[:-1]
    before = _STRAY_BEFORE.match(text)
    if before:
        return before.group(1), True, bool(after)
    before = _STRAY_BEFORE_LABEL.match(text)
    return (text[before.end():] if before else text), bool(before), bool(after)


def weight(ch: str) -> float:
    """A character's width in half-em units: a Chinese character or full-width form 2, a digit or
    letter 1, a narrow mark (,.:;'!|) or a space ½."""
    if ch.isspace() or ch in ",.:;'!|()[]":
        return 0.5
    o = ord(ch)
    if o >= 0x2E80 or 0xFF00 <= o <= 0xFFEF:
        return 2.0
    return 1.0


def word_chars(word: Word, page_number: int) -> list[dict]:
    """pdfplumber-like character dicts for a word, its box split by the characters' widths (spaces
    take their share but are not emitted)."""
    weights = [weight(ch) for ch in word.text]
    total = sum(weights)
    if not total:
        return []
    unit = (word.x1 - word.x0) / total
    # The font size: an em is two units (a Chinese character's advance, two digits'); the box height
    # runs a little larger (the detector pads its boxes), and bounds it for words of a character or two.
    size = min(word.bottom - word.top, 2 * unit)
    out = []
    x = word.x0
    for ch, w in zip(word.text, weights):
        x1 = x + w * unit
        if not ch.isspace():
            out.append({
                "text": ch, "x0": x, "x1": x1, "top": word.top, "bottom": word.bottom, "doctop": word.top,
                "width": x1 - x, "height": size, "size": size, "upright": True, "fontname": "OCR",
                "object_type": "char", "page_number": page_number, "conf": word.conf,
            })
        x = x1
    return out
