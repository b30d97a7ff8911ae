"""Narrative paragraphs with inline fact markers.

A paragraph's text marks each stated figure as ``[[fact@code~unit|printed]]`` (``@code`` and ``~unit``
optional, a leading ``-`` on the fact name makes the value negative, for 减少/下降). The marker is
replaced by ``printed`` in the PDF, and a narrative fact is recorded with the value the text states:
amounts converted to yuan (the default unit is the filing's 万元, 元 or 亿元), ``*_pct`` facts as percent,
``staff_*``/``vehicles`` as counts.
"""
from __future__ import annotations

import re
from decimal import Decimal

MARK = re.compile(r"\[\[(-?)(\w+)(?:@(\w+))?(?:~(\w+))?\|([^\]]+)\]\]")
COUNT_FACTS = ("staff_total", "staff_active", "staff_retired", "staff_", "vehicles")


def fact_unit(fact: str) -> str:
    if fact.endswith("_pct"):
        return "percent"
    if fact.startswith(COUNT_FACTS):
        return "count"
    return "yuan"


def expand(text: str, currency: str) -> tuple[str, list[tuple[int, dict]]]:
    """Replace markers by their printed figure; return the plain text and (offset, fact) pairs."""
    out, facts, pos = [], [], 0
    plain_len = 0
    for m in MARK.finditer(text):
        chunk = text[pos:m.start()]
        out.append(chunk)
        plain_len += len(chunk)
        sign, name, code, unit_opt, printed = m.groups()
        unit = fact_unit(name)
        number = Decimal(printed.replace(",", "").rstrip("%"))
        if sign:
            number = -number
        if unit == "yuan":
            default = {"万元": "wan", "亿元": "yi"}.get(currency, "yuan")
            scale = {"yi": 100000000, "wan": 10000, "yuan": 1}[unit_opt or default]
            value = f"{(number * scale).quantize(Decimal('0.01'))}"
        elif unit == "percent":
            value = f"{number.quantize(Decimal('0.01'))}"
        else:
            value = f"{number:.0f}"
        facts.append((plain_len, {"fact": name, "code": code or None, "value": value, "unit": unit,
                                  "page": None}))
        out.append(printed)
        plain_len += len(printed)
        pos = m.end()
    out.append(text[pos:])
    plain = "".join(out)
    for off, d in facts:
        d["evidence"] = _sentence(plain, off)
    return plain, facts


def _sentence(text: str, off: int) -> str:
    start = max(text.rfind(c, 0, off) for c in "。；;") + 1
    ends = [i for i in (text.find(c, off) for c in "。；;") if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return text[start:end].strip()
