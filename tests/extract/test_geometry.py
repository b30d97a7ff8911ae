"""extract/geometry.py: one small case per helper."""
from __future__ import annotations

from extract import geometry as g


def test_overlap_is_the_shared_length_or_minus_the_gap():
    assert g.overlap(0, 10, 5, 20) == 5
    assert g.overlap(0, 10, 12, 20) == -2


def test_overlap_share_is_relative_to_the_shorter_interval():
    assert g.overlap_share(0, 10, 4, 6) == 1.0
    assert g.overlap_share(0, 10, 8, 12) == 0.5


def test_center_and_char_center():
    assert g.center(2, 6) == 4
    assert g.char_center({"x0": 0, "x1": 10, "top": 20, "bottom": 30}) == (5, 25)


def test_contains_and_inside_any():
    box = (0, 0, 10, 10)
    assert g.contains(box, 10, 5) and not g.contains(box, 11, 5)
    ch = {"x0": 8, "x1": 14, "top": 1, "bottom": 3}  # centre (11, 2)
    assert not g.inside_any(ch, [box]) and g.inside_any(ch, [box, (10, 0, 20, 5)])


def test_union_and_chars_bbox():
    assert g.union([(0, 5, 3, 8), (2, 1, 9, 6)]) == (0, 1, 9, 8)
    chars = [{"x0": 1, "x1": 2, "top": 3, "bottom": 4}, {"x0": 0, "x1": 5, "top": 3.5, "bottom": 6}]
    assert g.chars_bbox(chars) == (0, 3, 5, 6)


def test_merge_close_keeps_the_first_of_close_values():
    assert g.merge_close([10, 1, 1.4, 5, 10.9], 1.0) == [1, 5, 10]


def test_interval_index_is_clamped():
    edges = [0, 10, 20, 30]
    assert [g.interval_index(edges, v) for v in (-5, 0, 9.9, 10, 25, 30, 99)] == [0, 0, 0, 1, 2, 2, 2]
    assert g.interval_index(edges, 9.5, slack=0.75) == 1


def test_best_overlap_picks_the_interval_most_covered():
    assert g.best_overlap((8, 19), [0, 10, 20, 30]) == (1, 9)
    assert g.best_overlap((40, 50), [0, 10]) == (None, 0.0)


def test_boundaries_lie_in_the_middle_of_the_gaps():
    assert g.boundaries([(10, 20), (30, 50), (60, 61)], 0, 70) == [0, 25, 55, 70]


def test_interval_at_is_none_outside():
    assert g.interval_at([0, 10, 20], 10.3) == 0 and g.interval_at([0, 10, 20], 15) == 1
    assert g.interval_at([0, 10, 20], 21) is None


def test_between_keeps_what_lies_in_the_band():
    from extract.model import Line

    lines = [Line("a", 0, 10, 5, 20, 9), Line("b", 0, 30, 5, 40, 9), Line("c", 0, 50, 5, 60, 9)]
    assert [ln.text for ln in g.between(lines, 25, 60)] == ["b", "c"]


def test_a_table_without_its_caption_rows():
    """Table.below(k): a spreadsheet's title and 单位 rows ruled into the table, taken off (issue 14)."""
    from extract.model import Cell, Table

    title = Cell((0.0, 0.0, 30.0, 10.0), ["收入预算总表"], 0, 0, 1, 3)
    unit = Cell((0.0, 10.0, 30.0, 20.0), ["单位：元"], 1, 0, 1, 3)
    a, b, c = (Cell((10.0 * i, 20.0, 10.0 * i + 10, 30.0), [t], 2, i) for i, t in enumerate(["项目", "合计", "基本"]))
    side = Cell((0.0, 30.0, 10.0, 50.0), ["201"], 3, 0, 2, 1)
    d, e, f, g = (Cell((10.0 * (i % 2 + 1), 30.0 + 10 * (i // 2), 10.0 * (i % 2 + 2), 40.0 + 10 * (i // 2)), [t],
                       3 + i // 2, 1 + i % 2) for i, t in enumerate(["1.00", "2.00", "3.00", "4.00"]))
    grid = [[title] * 3, [unit] * 3, [a, b, c], [side, d, e], [side, f, g]]
    t = Table(1, (0.0, 0.0, 30.0, 50.0), [title, unit, a, b, c, side, d, e, f, g], 5, 3, [0.0, 10.0, 20.0, 30.0],
              [0.0, 10.0, 20.0, 30.0, 40.0, 50.0], grid)
    cut = t.below(2)
    assert (cut.n_rows, cut.bbox, cut.row_edges) == (3, (0.0, 20.0, 30.0, 50.0), [20.0, 30.0, 40.0, 50.0])
    assert [c.text for c in cut.row_cells(0)] == ["项目", "合计", "基本"]
    assert cut.grid[1][0] is cut.grid[2][0] and (cut.grid[1][0].row, cut.grid[1][0].row_span) == (1, 2)
    assert [c.text for c in cut.row_cells(2)] == ["201", "3.00", "4.00"] and cut.grid[2][2].row == 2
