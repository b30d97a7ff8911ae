"""Render a Filing (its parts in order) to PDF bytes and assemble the truth JSON."""
from __future__ import annotations

import io

from .spec import Blank, Cover, Filing, NineTables, Para, Perf, Toc
from .narrative import expand
from .render import Pager, draw_paragraph, draw_table, wrap
from .tables import Builder

STYLE = {  # size, align, indent (characters)
    "title": (18, "center", 0),
    "part": (15, "center", 0),
    "h1": (12, "left", 2),
    "body": (12, "left", 2),
    "center": (12, "center", 0),
}


def render(f: Filing) -> tuple[bytes, dict]:
    buf = io.BytesIO()
    pg = Pager(buf, page_numbers=f.layout.page_numbers)
    builder = Builder(f)
    specs = builder.all()
    narrative_facts: list[dict] = []
    perf_projects: list[dict] = []
    perf_indicators: list[dict] = []
    pages: dict[str, int] = {}
    pg.new_page()
    for part in f.parts:
        if isinstance(part, Cover):
            pg.y = pg.size[1] * 0.62
            for line in part.lines:
                pg.text(line, 26, "center", gap=1.6)
            pg.new_page()
        elif isinstance(part, Toc):
            pages["contents"] = pg.page
            pg.text("目  录", 16, "center", gap=2.2)
            for line in part.lines:
                indent = 0 if line.startswith("第") else 24
                pg.text(line, 12, x=45 + indent, gap=1.9)
        elif isinstance(part, Para):
            size, align, indent = STYLE[part.style]
            if part.new_page and not pg.fresh:
                pg.new_page()
            plain, facts = expand(part.text, f.currency)
            draw_paragraph(pg, plain, size, facts, indent=indent, align=align)
            narrative_facts += [d for _o, d in facts]
        elif isinstance(part, NineTables):
            for spec in specs:
                if spec.key in f.omit:
                    spec.status = "absent"  # listed in the contents, not printed (a planted error)
                    continue
                draw_spec(pg, f, spec, first_table=spec is specs[0])
                if f.layout.blank_page_after == spec.key:
                    pg.blank_page()
        elif isinstance(part, Perf):
            for t in part.tables:
                t.draw(pg)
                perf_projects += t.projects
                perf_indicators += t.indicators_truth
        elif isinstance(part, Blank):
            pg.blank_page()
    pg.finish()
    pdf = buf.getvalue()
    truth = {
        "file": f"{f.name}.pdf",
        "template": f.template,
        "document": {"unit_name": f.unit_name, "fiscal_year": f.year, "doc_kind": "final_accounts",
                     "scope": "department", "province": f.province, "prefecture": f.prefecture,
                     "county": f.county, "adcode": f.adcode, "currency_unit": f.currency,
                     "page_count": pg.page},
        "statements": {s.key: _status(s, f.template) for s in specs},
        "line_items": builder.line_items if not f.template else [],
        "narrative_facts": narrative_facts,
        "performance_projects": perf_projects,
        "performance_indicators": perf_indicators,
        "planted": [_planted(p, builder, narrative_facts, specs, perf_projects, pages) for p in f.planted],
    }
    return pdf, truth


def _status(spec, template: bool) -> dict:
    # a template's tables hold no figures: every statement counts as empty
    d = {"status": "empty" if template else spec.status, "pages": spec.pages}
    if spec.empty_note:
        d["note"] = spec.empty_note
    return d


def _planted(p: dict, builder, narrative_facts, specs, perf_projects, pages) -> dict:
    """Copy the page of what a planted entry spoiled: a line item, a narrative fact, the contents page
    (a table listed there and not printed), a table's first page, or the performance table's."""
    out = dict(p)
    locate = p.get("locate")
    if locate == "contents":
        out["page"] = pages["contents"]
    elif locate == "table":
        out["page"] = next(s.pages[0] for s in specs if s.key == p["statement"])
    elif locate == "perf":
        out["page"] = perf_projects[-1]["page"]
    elif "measure" in p:
        out["page"] = builder.index[(p["statement"], p.get("side"), p["code"], p["measure"])]["page"]
    else:
        ref = next(d for d in narrative_facts if d["fact"] == p["fact"] and d["code"] == p.get("code"))
        out["page"] = ref["page"]
    return out


def draw_spec(pg: Pager, f: Filing, spec, first_table: bool):
    """Title, 单位 line, the ruled table and its notes; each table starts a new page."""
    L = f.layout
    pg.new_page(spec.landscape)
    start = pg.page
    if first_table and L.unit_heading:
        heading = L.unit_heading if isinstance(L.unit_heading, str) else f"{f.unit_name} {f.year} 年度部门决算表"
        pg.text(heading, 13, "center", gap=1.8)
    pg.text(spec.title, 16, "center", gap=1.7)
    if spec.number_line:
        pg.text(spec.number_line, 10, "right", gap=1.5)
    if L.compiler_line or spec.key in f.header_units:
        pg.c.setFont("STSong-Light", 10)
        pg.c.drawString(45, pg.y - 10, f"编制单位：{f.header_units.get(spec.key, f.unit_name)}")
    pg.text(f"单位：{spec.currency}", 10, "right", gap=1.6)
    pages = draw_table(pg, spec.widths, spec.header, spec.body, size=L.font_size, rules=L.rules)
    for note in spec.notes:
        for line in wrap(note, pg.usable_width, 9):
            pg.text(line, 9, gap=1.5)
    spec.pages = sorted(set([start] + pages + [pg.page]))
