"""`juesuan compare` over the series corpus: a self-contained page holding the figures (typed from the
generator's truth), and PNGs with their Chinese labels drawn."""
from __future__ import annotations

import io
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from PIL import Image

from tests.warehouse import series_truth as truth

CODE, YEAR = "2080505", 2020


@pytest.fixture(scope="module")
def compared(series_warehouse, tmp_path_factory):
    root, _ = series_warehouse
    out = tmp_path_factory.mktemp("compare")
    done = subprocess.run([sys.executable, "-m", "flows.cli", "compare", "--warehouse", str(root), "--code", CODE,
                           "--year", str(YEAR), "--out", str(out), "--include-samples"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "no CJK font" not in done.stderr
    return out, done.stdout


class _Loads(HTMLParser):
    """Every resource a page would fetch: script src, link href, img/iframe/source src, CSS url()."""

    def __init__(self):
        super().__init__()
        self.fetches: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href", "data"):
            if a.get(name) and tag in ("script", "link", "img", "iframe", "source", "object", "embed"):
                self.fetches.append(f"{tag} {name}={a[name]}")


def test_the_page_loads_nothing_from_the_network_and_holds_the_figures(compared, series_warehouse):
    out, stdout = compared
    page = (out / "compare.html").read_text(encoding="utf-8")
    loads = _Loads()
    loads.feed(page)
    assert loads.scripts >= 1 and loads.fetches == []
    assert "@import" not in page and "url(http" not in page
    assert '"url":' not in page  # the charts' data are inline values, never a URL to load
    want = [(f.doc["unit_name"], Decimal(li["amount_yuan"])) for f in truth.standing(truth.filings(series_warehouse[1]))
            if f.doc["fiscal_year"] == YEAR for li in f.truth["line_items"]
            if li["statement"] == "expenditure" and li["code"] == CODE and li["measure"] == "total"]
    assert len(want) >= 10
    table = page[page.rindex("</script>"):]  # the figures are the page's, after its scripts
    for unit, amount in want:
        assert f"<td>{unit}</td>" in table and f"<td class='n'>{amount}</td>" in table, (unit, amount)
    assert f"{len(want)} figures" in stdout


def test_the_pngs_are_charts_with_their_labels_drawn(compared):
    out, _ = compared
    for name in ("units", "departments", "years"):
        image = Image.open(io.BytesIO((out / f"{name}.png").read_bytes())).convert("RGB")
        assert image.width > 600 and image.height > 200, name
        colours = image.getcolors(maxcolors=1 << 20)
        assert colours is not None and len(colours) > 10, name  # background, bars, grid, antialiased text
        dark = sum(n for n, (r, g, b) in colours if r + g + b < 200)
        assert dark > 2000, name  # the labels' glyphs: without a CJK font none are drawn at all


def test_chinese_labels_render_on_this_machine():
    from reports.compare import ChartSettings, cjk_font_renders

    assert cjk_font_renders()
    assert not cjk_font_renders(ChartSettings(font="No Such Font"))  # the check can fail


def test_a_department_and_its_own_benji_filed_apart_are_two_lines_never_added(series_warehouse):
    """Regression: the years chart summed the lines by series name, so a department's figure and that of
    its 本级 filed apart (which the department's already holds) were drawn as one line, their sum."""
    from reports.compare import year_series
    from warehouse.views import connect

    root, corpus = series_warehouse
    mine = [(f.doc_id, f.doc["unit_name"], Decimal(li["amount_yuan"])) for f in truth.standing(truth.filings(corpus))
            if f.doc["fiscal_year"] == YEAR for li in f.truth["line_items"]
            if li["statement"] == "expenditure" and li["code"] == CODE and li["measure"] == "total"]
    benji = [(doc_id, unit, amount) for doc_id, unit, amount in mine if unit.endswith("本级")]
    assert benji
    lines = year_series(connect(root), CODE, "expenditure", "total", [m[0] for m in mine])
    drawn = {(label, amount) for label, year, amount in lines if year == YEAR}
    for _doc_id, unit, amount in benji:
        department = next(m for m in mine if m[1] == unit[:-len("本级")])
        assert (unit, amount) in drawn and (department[1], department[2]) in drawn
    assert len({(label, year) for label, year, _ in lines}) == len(lines)  # one point per line and year
