"""`juesuan compare`: one classification code in one year, across units, counties and years, as a
self-contained HTML page (charts and figures embedded, nothing loaded from the network) and PNG images.

Charts are Vega-Lite specifications built with altair and rendered by vl-convert (its bundled Vega
JavaScript inlined into the page, its own renderer for the PNGs: no browser). Labels are set in
CHART.font; vl-convert draws with the fonts the system has (fontconfig's folders), so a CJK font
must be installed (Debian's fonts-noto-cjk: `make install` brings it): `cjk_font_renders()` tells.

  units.png        the units side by side for the code (the largest CHART.max_units)
  departments.png  the departments of those units' counties by 类 (the year's expenditure)
  years.png        the units over the years they have (unit_years, the code carried by the crosswalk)
  budget_final.png budget against final, once budgets (phase 'budget') are in the warehouse
"""
from __future__ import annotations

import html
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reference.statements import UNIT_FACTORS
from warehouse.views import connect

WAN = UNIT_FACTORS["万元"]


@dataclass(frozen=True)
class ChartSettings:
    font: str = "Noto Sans CJK SC"  # Debian's fonts-noto-cjk; the browser falls back to its own CJK font
    max_units: int = 40  # bars of the side-by-side chart (the largest figures)
    max_counties: int = 6  # counties in the departments chart
    max_series: int = 10  # lines in the years chart
    width: int = 640
    bar_height: int = 16
    png_scale: float = 2.0
    palette: str = "tableau20"  # Vega's 20-colour scheme: the default 10 repeat across a many-county chart

    def __post_init__(self):
        if min(self.max_units, self.max_counties, self.max_series, self.width, self.bar_height) < 1:
            raise ValueError("chart settings must be positive")


CHART = ChartSettings()


@dataclass
class Comparison:
    html: Path
    pngs: list[Path] = field(default_factory=list)
    figures: int = 0


def compare(root: str | Path, code: str, year: int, out: str | Path, statement: str = "expenditure",
            measure: str = "total", adcodes: tuple[str, ...] = (), settings: ChartSettings = CHART,
            include_samples: bool = False, phase: str | None = None) -> Comparison:
    """include_samples: also draw generated samples (documents.sample), whose figures are invented.
    phase: 'final' (final accounts) or 'budget'; None: the final accounts where the warehouse holds any
    for the code and year, else the budgets (a year whose accounts are not yet closed has budgets only)."""
    import altair as alt
    import vl_convert as vlc

    con = connect(root, samples=include_samples)
    any_phase = "code = ? AND fiscal_year = ? AND statement = ? AND measure = ?"
    args: list = [code, year, statement, measure]
    if adcodes:
        any_phase += f" AND adcode IN ({', '.join('?' for _ in adcodes)})"
        args += list(adcodes)
    if phase is None:
        held = {p for (p,) in con.execute(f"SELECT DISTINCT phase FROM frames WHERE {any_phase}", args).fetchall()}
        phase = "final" if "final" in held or not held else "budget"
    where = any_phase + " AND phase = ?"
    # a city's own departments have no county: they are coloured by their city
    units = con.execute(f"SELECT unit_name, coalesce(county, prefecture, province), adcode, item, amount_yuan, doc_id, page "
                        f"FROM frames WHERE {where} "
                        "ORDER BY amount_yuan DESC, unit_name LIMIT ?", [*args, phase, settings.max_units]).fetchall()
    if not units:
        raise ValueError(f"no {statement}/{measure} {phase} figure for code {code} in {year}"
                         + (f" in {', '.join(adcodes)}" if adcodes else "") + " stands in the warehouse"
                        + ("" if include_samples else " (generated samples left out: --include-samples draws them)"))
    item = units[0][3]
    title = f"{code} {item} · {year} {'预算' if phase == 'budget' else '决算'} · {statement}/{measure}"
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cfg = {"font": settings.font}
    charts = {"units": _units_chart(alt, units, title, settings)}
    counties = list(dict.fromkeys(u[2] for u in units))[:settings.max_counties]
    depts = con.execute(
        "SELECT unit_name, county, code || ' ' || item AS class, amount_yuan FROM frames WHERE fiscal_year = ? "
        "AND phase = ? AND statement = 'expenditure' AND measure = 'total' AND code_level = 1 "
        f"AND amount_yuan <> 0 AND adcode IN ({', '.join('?' for _ in counties)})", [year, phase, *counties]).fetchall()
    charts["departments"] = _departments_chart(alt, depts, year, settings)
    series = year_series(con, code, statement, measure, [u[5] for u in units[:settings.max_series]], phase)
    charts["years"] = _years_chart(alt, series, code, item, settings)
    phases = con.execute(f"SELECT unit_name, phase, amount_yuan FROM frames WHERE {any_phase}", args).fetchall()
    if phase == "final" and any(p[1] == "budget" for p in phases):
        charts["budget_final"] = _budget_chart(alt, phases, settings)
    result = Comparison(out / "compare.html", figures=len(units))
    for name, chart in charts.items():
        png = out / f"{name}.png"
        png.write_bytes(vlc.vegalite_to_png(chart.to_dict(), scale=settings.png_scale, config=cfg,
                                            allowed_base_urls=[]))
        result.pngs.append(png)
    page = alt.vconcat(*charts.values()).resolve_scale(color="independent")
    body = vlc.vegalite_to_html(page.to_dict(), bundle=True, config=cfg)
    # the page's own </body> is its last: the bundled JavaScript holds the string too
    head, tail = body.rsplit("</body>", 1)
    result.html.write_text(head + _figures_table(units, title, "budget_final" in charts or phase == "budget") + "</body>" + tail,
                           encoding="utf-8")
    return result


def year_series(con, code: str, statement: str, measure: str, doc_ids: list[str],
                phase: str = "final") -> list[tuple[str, int, Decimal]]:
    """(label, fiscal_year, amount_yuan) of the series the filings `doc_ids` belong to, one line per series.
    A series is one unit in one scope (unit_series.series_id): a department's filing and its 本级 filed apart
    share a series_name but are two series, and are never added up (the department's figure holds its 本级's).
    A line is labelled with the unit's latest name, and its scope where two lines would share one."""
    rows = con.execute(
        "SELECT series_id, fiscal_year, sum(amount_yuan) FROM unit_years WHERE series_code = ? AND statement = ? "
        "AND measure = ? AND phase = ? AND series_id IN (SELECT series_id FROM unit_series WHERE doc_id IN "
        "(SELECT unnest(?))) GROUP BY ALL ORDER BY 1, 2", [code, statement, measure, phase, doc_ids]).fetchall()
    named = con.execute("SELECT series_id, arg_max(unit_name, fiscal_year), any_value(scope) FROM unit_series "
                        "WHERE series_id IN (SELECT unnest(?)) GROUP BY 1", [sorted({r[0] for r in rows})]).fetchall()
    counts = Counter(name for _sid, name, _scope in named)
    label = {sid: name + (f"（{scope}）" if counts[name] > 1 else "") for sid, name, scope in named}
    return [(label[sid], year, amount) for sid, year, amount in rows]


def _wan(v: Decimal) -> float:
    return float((v / WAN).quantize(Decimal("0.01")))


def _units_chart(alt, units, title: str, s: ChartSettings):
    data = alt.Data(values=[{"单位": u[0], "县": u[1], "万元": _wan(u[4])} for u in units])
    return alt.Chart(data, title=f"{title}：各单位（万元）").mark_bar().encode(
        x=alt.X("万元:Q", title="万元"), y=alt.Y("单位:N", sort="-x", title=None),
        color=alt.Color("县:N", title="县（区）", scale=alt.Scale(scheme=s.palette)), tooltip=["单位:N", "县:N", "万元:Q"],
    ).properties(width=s.width, height=s.bar_height * len(units))


def _departments_chart(alt, rows, year: int, s: ChartSettings):
    data = alt.Data(values=[{"单位": r[0], "县": r[1], "类": r[2], "万元": _wan(r[3])} for r in rows])
    n = len({(r[0], r[1]) for r in rows}) or 1
    return alt.Chart(data, title=f"{year} 年各部门支出按类（万元）").mark_bar().encode(
        x=alt.X("sum(万元):Q", title="万元"), y=alt.Y("单位:N", sort="-x", title=None),
        color=alt.Color("类:N", title="支出功能分类（类）"), tooltip=["单位:N", "类:N", "万元:Q"],
    ).properties(width=s.width, height=s.bar_height * n)


def _years_chart(alt, rows, code: str, item: str, s: ChartSettings):
    data = alt.Data(values=[{"单位": r[0], "年度": str(r[1]), "万元": _wan(r[2])} for r in rows])
    return alt.Chart(data, title=f"{code} {item}：逐年（万元）").mark_line(point=True).encode(
        x=alt.X("年度:O", title="年度", axis=alt.Axis(labelAngle=0)), y=alt.Y("万元:Q", title="万元"), color=alt.Color("单位:N", title="单位", scale=alt.Scale(scheme=s.palette)),
        tooltip=["单位:N", "年度:O", "万元:Q"],
    ).properties(width=s.width, height=240)


def _budget_chart(alt, rows, s: ChartSettings):
    data = alt.Data(values=[{"单位": r[0], "阶段": "预算" if r[1] == "budget" else "决算", "万元": _wan(r[2])}
                            for r in rows])
    return alt.Chart(data, title="预算与决算（万元）").mark_bar().encode(
        x=alt.X("万元:Q"), y=alt.Y("单位:N", title=None), yOffset="阶段:N", color=alt.Color("阶段:N"),
    ).properties(width=s.width, height=s.bar_height * 2 * len({r[0] for r in rows}))


def _figures_table(units, title: str, budgets: bool) -> str:
    esc = html.escape
    rows = "".join(f"<tr><td>{esc(u[0])}</td><td>{esc(u[1] or '')}</td><td>{esc(u[2] or '')}</td>"
                   f"<td class='n'>{u[4]}</td><td>{u[6]}</td><td><code>{esc(u[5][:12])}</code></td></tr>" for u in units)
    note = "" if budgets else ("<p>No budget (部门预算) figures are in the warehouse yet: the budget-against-final "
                               "chart appears once budgets are ingested.</p>")
    return (f"<section><h2>{esc(title)}</h2>{note}<table><thead><tr><th>单位</th><th>县（区）</th><th>adcode</th>"
            f"<th>金额（元）</th><th>页</th><th>doc_id</th></tr></thead><tbody>{rows}</tbody></table>"
            "<style>table{border-collapse:collapse;font-family:sans-serif;font-size:13px}"
            "td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}</style></section>")


def cjk_font_renders(settings: ChartSettings = CHART) -> bool:
    """Whether vl-convert finds a font for Chinese labels: without one it draws no glyph at all."""
    import altair as alt
    import vl_convert as vlc
    from PIL import Image

    chart = alt.Chart(alt.Data(values=[{"t": "卫生健康支出"}])).mark_text(fontSize=40).encode(text="t:N")
    png = vlc.vegalite_to_png(chart.to_dict(), config={"font": settings.font}, allowed_base_urls=[])
    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(image.histogram()[:128]) > 200  # pixels darker than mid-grey: the glyphs
