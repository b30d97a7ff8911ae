"""GB/T 2260 region codes from a unit name, via cpca-new (a maintained address parser whose data
follows the national administrative division list). Loading its dictionaries takes about a second,
so it is done once per process, on first use."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Region:
    province: str | None
    prefecture: str | None
    county: str | None
    adcode: str | None


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
    county = clean(row.get("区"))
    # An adcode that only names the province or prefecture is still useful, but a county-level one
    # must end in a non-zero pair.
    return Region(clean(row.get("省")), clean(row.get("市")), county, adcode)
