"""OCR text as the text layer would give it: the engine's words normalised (digits, separators,
full-width punctuation, its known misreads undone), words holding two cells split, and each word's box
shared among its characters as pdfplumber-like character dicts (extract/ocr.py puts them to use)."""
from __future__ import annotations

import re

from extract.model import Word


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９％", "0123456789%")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SEP_IN_NUMBER = re.compile(r"(?<=\d)\s*([,，.．])\s*(?=\d)")
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
# table readers find the income side by 收入), 部门 as 部内 before 收支/决算/预算/整体. A label whose enumerator 一
# (one thin stroke) was lost keeps its 、 first: it is given back.
CONFUSIONS = (("收人", "收入"),)
_DEPARTMENT = re.compile(r"部内(?=[收决预整])")  # 部内收支决算总表, 部内决算, 部内预算, 部内整体支出


def normalize_text(text: str) -> str:
    """OCR text as the text layer would print it: full-width digits in ASCII; no spaces inside a
    figure ("446. 11", "1, 234.50"), whose separators are ASCII; brackets, colons, semicolons and
    commas next to Chinese in their full-width form, as Chinese typesetting prints them; the engine's
    known misreads (CONFUSIONS) undone."""
    text = text.translate(_FULL_WIDTH_DIGITS).strip()
    for wrong, right in CONFUSIONS:
        text = text.replace(wrong, right)
    text = _DEPARTMENT.sub("部门", text)
    if text.startswith("、") and len(text) > 1 and re.match(rf"[{_CJK}]", text[1]):
        text = "一" + text
    text = _SEP_IN_NUMBER.sub(lambda m: "," if m.group(1) in ",，" else ".", text)
    text = _brackets(text)
    text = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_TO_FULL[m.group(0)], text)
    return text


def _weight(ch: str) -> float:
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
    weights = [_weight(ch) for ch in word.text]
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


# Two cells of a table without vertical rules read as one word: a figure and the enumerated label of the
# next column ("19261822.52一、一般公共服务支出"), or a label and its figure ("八、其他收入2.64").
_FIGURE_THEN_LABEL = re.compile(r"^(-?\d[\d,]*\.\d+)([一二三四五六七八九十]+、.+)$")
_LABEL_THEN_FIGURE = re.compile(r"^([一二三四五六七八九十]+、[^\d]+)(-?\d[\d,]*\.\d\d)$")


def split_cells(words: list[Word]) -> list[Word]:
    """Words holding two cells' text split in two, each its share of the box, half a character apart
    (the rule-less table reader then sees two columns)."""
    out = []
    for w in words:
        m = _FIGURE_THEN_LABEL.match(w.text) or _LABEL_THEN_FIGURE.match(w.text)
        if not m:
            out.append(w)
            continue
        left, right = m.group(1), m.group(2)
        wl, wr = sum(map(_weight, left)), sum(map(_weight, right))
        unit = (w.x1 - w.x0) / (wl + wr + 1)
        out.append(Word(left, w.x0, w.top, w.x0 + wl * unit, w.bottom, w.conf))
        out.append(Word(right, w.x1 - wr * unit, w.top, w.x1, w.bottom, w.conf))
    return out
