"""How a filing prints the nine tables' titles and figures: wording, currency units, figure formats.

Titles come from the project's one vocabulary (reference/statements.py); a title set here only picks,
for each statement, which of its listed wordings a filing prints (and puts the curly quotes back
around 三公, which the vocabulary normalises away). Every printed title is checked at import to be
read back as its statement by reference.statements.match_title, so the samples never print a wording
the vocabulary does not know.

Figures: 元 and 万元 print two decimals, 亿元 four (0.0001 亿元 = 10,000 yuan: the 万元 figure's
integer part, which is what a filing in 亿元 can state). A negative prints as "-12.30", "(12.30)" or
"（12.30）" (Layout.negatives). amount_yuan is always printed × factor, exact.
"""
from __future__ import annotations

from decimal import Decimal

from reference.statements import BY_KEY, NINE, UNIT_FACTORS, match_title, normalise_title

ORDER = [s.key for s in NINE]
CENT = Decimal("0.01")
DECIMALS = {"元": 2, "万元": 2, "亿元": 4}


def quoted(title: str) -> str:
    """The printed form of a vocabulary title: filings print “三公” in curly quotes."""
    return title.replace("三公", "“三公”")


# key -> the wording printed, per title set. "shanghai" is the vocabulary's own title (the national
# template's wording, as the Shanghai filings print it); "national" the Ministry's 公开表 wordings seen
# in other provinces' filings; "provincial" the shorter 部门… wordings.
_NATIONAL = {
    "income_expenditure_summary": "收支决算总表", "income": "收入决算表", "expenditure": "支出决算表",
    "fiscal_summary": "财政拨款收支决算总表", "gpb_expenditure": "一般公共预算财政拨款支出决算明细表",
    "gpb_basic_expenditure": "一般公共预算财政拨款基本支出决算明细表",
    "three_public": "一般公共预算财政拨款三公经费支出决算表", "government_fund": "政府性基金预算财政拨款支出决算表",
    "soe_capital": "国有资本经营预算财政拨款支出决算表",
}
_PROVINCIAL = {
    "income_expenditure_summary": "部门收支决算总表", "income": "部门收入决算表", "expenditure": "部门支出决算表",
    "fiscal_summary": "部门财政拨款收支决算总表", "gpb_expenditure": "一般公共预算支出决算表",
    "gpb_basic_expenditure": "一般公共预算基本支出决算表", "three_public": "部门三公经费支出决算表",
    "government_fund": "政府性基金决算表", "soe_capital": "国有资本经营预算决算表",
}
TITLE_SETS: dict[str, dict[str, str]] = {
    "shanghai": {s.key: quoted(s.title) for s in NINE},
    "national": {k: quoted(v) for k, v in _NATIONAL.items()},
    "provincial": {k: quoted(v) for k, v in _PROVINCIAL.items()},
}
# How the table's number is printed (Layout.title_number): before the title on its line, or ("公开")
# on a line of its own at the right under the title, as the Ministry's template does.
NUMBER_STYLES = (None, "表", "附表", "公开")


def title(titles: str, key: str) -> str:
    return TITLE_SETS[titles][key]


def title_line(titles: str, number_style: str | None, key: str) -> str:
    """The title line as printed: "表3 支出决算表", "附表3 …", or the title alone."""
    t = title(titles, key)
    if number_style in ("表", "附表"):
        return f"{number_style}{BY_KEY[key].number} {t}"
    return t


def number_line(number_style: str | None, key: str) -> str | None:
    """The separate "公开03表" line of the Ministry's template, if this style prints one."""
    return f"公开{BY_KEY[key].number:02d}表" if number_style == "公开" else None


def _check_titles() -> None:
    for name, titles in TITLE_SETS.items():
        assert list(titles) == ORDER, name
        for key, t in titles.items():
            assert normalise_title(t) in BY_KEY[key].titles, (name, key, t)
            for style in NUMBER_STYLES:
                m = match_title(title_line(name, style, key))
                assert m is not None and m.key == key, (name, style, key)


_check_titles()


# ------------------------------------------------------------------------------------------- figures

def quantum(unit: str) -> Decimal:
    """The smallest printed step of a figure in `unit` (0.01, or 0.0001 for 亿元)."""
    return Decimal(1).scaleb(-DECIMALS[unit])


def to_yuan(amount: Decimal, unit: str) -> Decimal:
    return (amount * UNIT_FACTORS[unit]).quantize(CENT)


def convert(amount: Decimal, src: str, dst: str) -> Decimal:
    """`amount` in `src` expressed in `dst`, which must be exact at dst's decimals (a table printed in
    another unit than its filing must print the same yuan, or its sums would not close)."""
    out = amount * UNIT_FACTORS[src] / UNIT_FACTORS[dst]
    q = out.quantize(quantum(dst))
    if q != out:
        raise ValueError(f"{amount} {src} is not a whole number of {quantum(dst)} {dst}")
    return q


def plain(amount: Decimal, unit: str) -> str:
    """The truth's `amount`: the figure at its unit's decimals, no separators."""
    return f"{amount:.{DECIMALS[unit]}f}"


def figure(amount: Decimal, unit: str, thousands: bool, negatives: str = "minus") -> str:
    """A figure as printed: "2,940.05", "-12.30", "(12.30)", "（12.30）", "0.0586"."""
    d = DECIMALS[unit]
    text = f"{abs(amount):,.{d}f}" if thousands else f"{abs(amount):.{d}f}"
    if amount >= 0:
        return text
    return {"minus": f"-{text}", "paren": f"({text})", "fullwidth": f"（{text}）"}[negatives]
