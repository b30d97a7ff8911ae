"""The end of `make demo`: what the warehouse holds of the real filings in samples/real (issue 26).

python -m samples.demo --warehouse DIR

Prints, from `documents`, `line_items` and `narrative_facts` only (so that it runs whatever tables a later
parser adds), for each published file the demo ingested (documents.sample false, and the SHA-256 of a
file in samples/real): who filed it, and the 类 totals of its expenditure as printed; a file whose figures this
parser version does not read says so. Then budget against final for a real unit where the real files
hold both phases of one unit and year — none do today, and it says so rather than pair what is not a
pair — and what each real final-accounts filing itself prints of its budget (全年预算数 against 决算数).
Every figure printed here is one the named unit's filing prints.
"""
from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from transform.ids import sha256_of

REAL = Path(__file__).parent / "real"  # the published files the demo ships (SOURCES.md)
# Where a filing has no such figure stored. It said "not read by this parser version", which was wrong
# where the parser read the file and says why it stored none (Beijing's 支出总表 crosses classifications).
NOT_READ = "none stored (documents.error says why)"


def real_doc_ids(folder: Path = REAL) -> list[str]:
    """The doc_ids (SHA-256) of the published files in samples/real: the same bytes are the same document
    wherever they were found, so the report finds them whatever path they were ingested from."""
    return sorted(sha256_of(str(p)) for p in folder.glob("*.pdf"))


def _real(doc_ids: list[str]) -> str:
    listed = ", ".join(f"'{d}'" for d in doc_ids) or "NULL"
    return f"""
SELECT d.doc_id, d.file_name, coalesce(d.unit_name, '(unit not read)') AS unit_name, d.fiscal_year,
       d.phase, d.status, d.page_count
FROM documents d
WHERE d.sample IS NOT TRUE AND d.doc_id IN ({listed})
"""


def _yuan(v: Decimal | None) -> str:
    return "" if v is None else f"{v:,.2f}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain aligned table (CJK characters count two columns, as a terminal draws them)."""
    def width(s: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)

    cols = [max([width(h)] + [width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, cols)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in cols])] + [line(r) for r in rows])


def report(warehouse: str | Path, doc_ids: list[str] | None = None) -> str:
    """The closing tables over the published files `doc_ids` (default: those of samples/real)."""
    from warehouse import connect

    con = connect(warehouse)
    real_sql = _real(real_doc_ids() if doc_ids is None else doc_ids)
    docs = con.execute(f"SELECT * FROM ({real_sql}) ORDER BY phase DESC, fiscal_year, unit_name, file_name").fetchall()
    out = ["", "== Published filings shipped in samples/real (sources, SHA-256: samples/real/SOURCES.md) =="]
    if not docs:
        return "\n".join(out + ["none found: ingest samples/real first (make demo does)"])
    figures = dict(con.execute(f"SELECT doc_id, count(*) FROM line_items WHERE doc_id IN (SELECT doc_id FROM "
                               f"({real_sql})) GROUP BY doc_id").fetchall())
    rows = [[unit, str(year or ""), phase or "", status, str(pages or ""),
             f"{figures[doc_id]:,}" if figures.get(doc_id) else NOT_READ, name]
            for doc_id, name, unit, year, phase, status, pages in docs]
    out.append(_table(["unit (as the file prints it)", "year", "phase", "status", "pages", "figures read", "file"],
                      rows))

    out += ["", "== Expenditure by 类 in each published filing (支出表, 合计, yuan, exactly as printed) =="]
    totals = con.execute(f"""
        SELECT r.unit_name, r.fiscal_year, r.phase, l.code, l.item, l.amount_yuan, l.page, r.file_name
        FROM ({real_sql}) r JOIN line_items l USING (doc_id)
        WHERE l.statement = 'expenditure' AND l.measure = 'total' AND l.code_level = 1
        ORDER BY r.phase DESC, r.unit_name, r.file_name, l.code""").fetchall()
    rows = [[u, str(y), ph, c, item, _yuan(a), str(p)] for u, y, ph, c, item, a, p, _f in totals]
    shown = {(t[0], t[7]) for t in totals}
    rows += [[u, str(y or ""), ph or "", "", NOT_READ, "", ""] for _d, f, u, y, ph, _s, _p in docs
             if (u, f) not in shown]
    out.append(_table(["unit", "year", "phase", "code", "item", "amount_yuan", "page"], rows))

    out += ["", "== Budget against final accounts of a real unit =="]
    pairs = con.execute(f"""
        SELECT b.unit_name, b.fiscal_year FROM ({real_sql}) b JOIN ({real_sql}) f
          ON b.unit_name = f.unit_name AND b.fiscal_year = f.fiscal_year
        WHERE b.phase = 'budget' AND f.phase = 'final' ORDER BY 1, 2""").fetchall()
    if pairs:
        out.append(_execution(con, pairs))
    else:
        years = con.execute(f"SELECT phase, list(DISTINCT fiscal_year ORDER BY fiscal_year) FROM ({real_sql}) "
                            "WHERE fiscal_year IS NOT NULL GROUP BY phase ORDER BY phase DESC").fetchall()
        held = "; ".join(f"{ph}: {', '.join(map(str, ys))}" for ph, ys in years)
        out.append(f"No real unit has both its budget and its final accounts of one year among these files ({held}):"
                   " there is no real pair to put side by side, and none is made up.")
    out += ["", "== What each published final-accounts filing prints of its own budget (its narrative) =="]
    own = con.execute(f"""
        SELECT r.unit_name, r.fiscal_year,
               max(n.value) FILTER (WHERE n.fact = 'gpb_expenditure_budget_initial'),
               max(n.value) FILTER (WHERE n.fact = 'gpb_expenditure_budget_full_year'),
               max(n.value) FILTER (WHERE n.fact = 'gpb_expenditure'),
               max(n.value) FILTER (WHERE n.fact = 'gpb_expenditure_completion_pct'),
               min(n.page) FILTER (WHERE n.fact = 'gpb_expenditure_budget_full_year')
        FROM ({real_sql}) r JOIN narrative_facts n USING (doc_id)
        WHERE r.phase = 'final' GROUP BY 1, 2 ORDER BY 1, 2""").fetchall()
    rows = [[u, str(y), _yuan(i), _yuan(b), _yuan(f), "" if pct is None else f"{pct:.2f} %", str(p or "")]
            for u, y, i, b, f, pct, p in own if b is not None or i is not None]
    out.append(_table(["unit", "year", "年初预算数", "全年预算数", "决算数 (一般公共预算财政拨款支出)", "完成 (as printed)", "page"], rows)
               if rows else f"none printed, or {NOT_READ}")
    return "\n".join(out)


def _execution(con, pairs) -> str:
    rows = []
    for unit, year in pairs:
        for code, item, b, f, rate, match in con.execute(
                "SELECT code, item, budget_yuan, final_yuan, execution_rate_pct, match FROM execution "
                "WHERE unit_name = ? AND fiscal_year = ? AND statement = 'expenditure' AND measure = 'total' "
                "AND code_level = 1 ORDER BY code", [unit, year]).fetchall():
            rows.append([unit, str(year), code, item, _yuan(b), _yuan(f), "" if rate is None else f"{rate} %", match])
    return _table(["unit", "year", "code", "item", "budget_yuan", "final_yuan", "rate", "match"], rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warehouse", required=True, metavar="DIR")
    args = ap.parse_args(argv)
    print(report(args.warehouse))
    return 0


if __name__ == "__main__":
    sys.exit(main())
