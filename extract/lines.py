"""Rebuild text lines from character positions.

The text layer's own order cannot be trusted: some producers (ONLYOFFICE) put digits on a baseline a
few points lower than the Chinese around them, so a naive text dump moves every number onto a line of
its own, away from its label. Grouping characters by vertical overlap puts them back.
"""
from __future__ import annotations

from statistics import median

from extract.geometry import overlap_share
from extract.model import Line

# Two characters share a line when their vertical extents overlap by at least this share of the
# smaller one. 0.4 joins the ONLYOFFICE digits (shifted 40% of their height) and keeps apart
# lines set at ordinary leading.
MIN_OVERLAP = 0.4
# A horizontal gap wider than this share of the font size becomes a space.
SPACE_GAP = 0.3


def group_lines(chars: list[dict]) -> list[list[dict]]:
    """Group characters into lines, top to bottom; characters in a line are sorted left to right."""
    groups: list[list[dict]] = []
    bands: list[list[float]] = []  # [top, bottom] of each open group, in the order created
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if ch["text"].isspace():
            continue
        top, bottom = ch["top"], ch["bottom"]
        # Only the last few groups can still overlap a character further down the page.
        for i in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            band = bands[i]
            if overlap_share(top, bottom, band[0], band[1]) >= MIN_OVERLAP:
                groups[i].append(ch)
                band[0], band[1] = min(band[0], top), max(band[1], bottom)
                break
        else:
            groups.append([ch])
            bands.append([top, bottom])
    for g in groups:
        g.sort(key=lambda c: c["x0"])
    order = sorted(range(len(groups)), key=lambda i: (bands[i][0], groups[i][0]["x0"]))
    return [groups[i] for i in order]


def line_text(chars: list[dict]) -> str:
    parts: list[str] = []
    prev = None
    for ch in chars:
        if prev is not None and ch["x0"] - prev["x1"] > SPACE_GAP * max(ch["size"], 1.0):
            parts.append(" ")
        parts.append(ch["text"])
        prev = ch
    return "".join(parts)


def build_lines(chars: list[dict]) -> list[Line]:
    return lines_of(group_lines(chars))


def lines_of(groups: list[list[dict]]) -> list[Line]:
    """Line objects for character groups made by `group_lines`."""
    lines = []
    for g in groups:
        lines.append(
            Line(
                text=line_text(g),
                x0=g[0]["x0"],
                top=min(c["top"] for c in g),
                x1=max(c["x1"] for c in g),
                bottom=max(c["bottom"] for c in g),
                size=median(c["size"] for c in g),
            )
        )
    return lines
