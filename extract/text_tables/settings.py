"""Settings of the rule-less table reader (one object, validated once), and the two kinds of box it
works with: a column and a body box."""
from __future__ import annotations

from dataclasses import dataclass, field

from extract.segments import Segment, Segments, SegmentSettings
from extract.text_tables.regions import RegionSettings


@dataclass(frozen=True)
class TextTableSettings:
    regions: RegionSettings = field(default_factory=RegionSettings)
    # Two lines are one wrapped cell when the gap between them is at most this many line heights…
    wrap_gap: float = 0.5
    # …and the upper line ends within this many font sizes of its column's right end (it is full).
    full_slack: float = 0.6
    # Two header lines over the same columns, aligned, are one wrapped label when the gap between them is
    # at most this many of their heights (wrapped lines: 0.3–0.4; two cells over the same columns merge
    # harmlessly, and labels over different columns never do).
    label_gap: float = 0.6
    # Boxes overlapping by less than this many line heights do not join one row (digits set a few
    # points below their labels' baseline overlap the next row's text by a point or two).
    band_tolerance: float = 0.25
    pad: float = 2.0  # points added left and right of the outermost column
    # A run of columns counts as centred under a label when its middle lies within this many points, or
    # this share of its width, of the label's centre (column boundaries without rules are estimates).
    centre_slack: float = 3.0
    centre_share: float = 0.03

    def __post_init__(self):
        for name in ("wrap_gap", "full_slack", "label_gap", "band_tolerance"):
            if not 0 <= getattr(self, name) <= 3:
                raise ValueError(f"{name} must lie between 0 and 3, not {getattr(self, name)}")

    @property
    def segments(self) -> SegmentSettings:
        return self.regions.segments


DEFAULT = TextTableSettings()


@dataclass(eq=False)
class Column(Segments):
    segs: list[Segment]
    numeric: bool
    body: bool = False  # holds text of the body (not only a header label)


@dataclass(eq=False)
class Item(Segments):
    """A body box: one figure, or the lines of one wrapped name."""
    col: int
    segs: list[Segment]
