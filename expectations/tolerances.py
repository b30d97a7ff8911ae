"""Every tolerance the checks use, in one settings object a user can change.

    tolerances = load_tolerances("tolerances.toml")   # or Tolerances() for the defaults
    validate_batch(..., tolerances=tolerances)

A file (TOML, or JSON) sets any of the fields below by name; the rest keep their defaults. Values are
read as decimals (write them as strings or numbers: "0.5", 0.5). Every quality_results row states the
tolerance it used (`tolerance`, in yuan, percentage points or a count) and the setting it came from
(`tolerance_rule`). `juesuan ingest --tolerance-config FILE` and `juesuan validate --tolerance-config
FILE` read such a file.

Amount tolerances are counted in rounding steps: a table printed in 万元 to 0.01 has a step of 100
yuan (a 元 table printed to 0.01, 0.01 yuan; a 亿元 table to 0.0001, 10,000 yuan), the step of the
coarser table where two are compared.
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any


class ToleranceConfigError(ValueError):
    """A tolerance file that cannot be used: the sentence says what to fix."""


@dataclass(frozen=True)
class Tolerances:
    # A printed figure against a sum of n printed figures: max(sum_min_steps, n × sum_steps_per_figure)
    # steps (each printed figure is rounded by up to half a step).
    sum_min_steps: Decimal = Decimal(1)
    sum_steps_per_figure: Decimal = Decimal("0.5")
    # The same figure printed twice (two tables, or both sides of one): must be identical.
    same_figure_steps: Decimal = Decimal(0)
    # A narrative amount against its table figure (or the narrative's other figure): half a step lets a
    # narrative written to the yuan match and catches any difference in the printed digits.
    narrative_steps: Decimal = Decimal("0.5")
    # A stated percentage: its own rounding (0.005 points) plus what the rounding of the amounts allows,
    # and at least one step of its last printed digit.
    percent_printed: Decimal = Decimal("0.005")
    percent_min: Decimal = Decimal("0.01")
    # "决算数与预算数持平": equal as printed (steps); "基本持平": within this share of the budget (percent).
    flat_steps: Decimal = Decimal("0.5")
    roughly_flat_pct: Decimal = Decimal(2)
    # A 项 of table 5 whose figure is at most this many rounding steps need not be explained in the
    # text: one step is what rounding alone can leave in a row (a 0.01 万元 row absorbing a rounding gap).
    explain_min_steps: Decimal = Decimal(1)
    # Fiscal years a filing may report: from this year to the year after the current one.
    earliest_year: int = 2000
    # Names, years, tables present, reasons given: a count of what is missing, none allowed.
    missing_allowed: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Decimal) and value < 0:
                raise ToleranceConfigError(f"tolerance {f.name} is {value}: a tolerance cannot be negative")
        if self.sum_min_steps < self.same_figure_steps:
            raise ToleranceConfigError("sum_min_steps must be at least same_figure_steps: a sum of figures is "
                                       "never held to less than one figure printed twice")

    def rule(self, *names: str) -> str:
        """How a row names the settings its tolerance came from ("narrative_steps=0.5")."""
        return ", ".join(f"{n}={getattr(self, n)}" for n in names)


DEFAULT = Tolerances()


def _decimal(name: str, value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ToleranceConfigError(f"tolerance {name} must be a number, not {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ToleranceConfigError(f"tolerance {name} must be a number, not {value!r}") from None


def tolerances_from(values: dict) -> Tolerances:
    """Tolerances with the given fields set (unknown names are refused, so a typo is not ignored)."""
    known = {f.name: f for f in fields(Tolerances)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ToleranceConfigError(f"unknown tolerance setting{'s' if len(unknown) > 1 else ''} "
                                   f"{', '.join(unknown)}; known: {', '.join(known)}")
    kwargs: dict[str, Any] = {}  # a Decimal, or earliest_year's int: each checked for its field here
    for name, value in values.items():
        if name == "earliest_year":
            if not isinstance(value, int) or isinstance(value, bool):
                raise ToleranceConfigError(f"tolerance earliest_year must be a whole year, not {value!r}")
            kwargs[name] = value
        else:
            kwargs[name] = _decimal(name, value)
    return Tolerances(**kwargs)


def load_tolerances(path: str | Path | None) -> Tolerances:
    """The tolerances a TOML or JSON file sets (the defaults for None). A TOML file may put them under a
    [tolerances] table or at its top level."""
    if path is None:
        return DEFAULT
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ToleranceConfigError(f"cannot read the tolerance file {p}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw) if p.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ToleranceConfigError(f"the tolerance file {p} is not valid {'JSON' if p.suffix == '.json' else 'TOML'}: "
                                   f"{exc}") from None
    if not isinstance(data, dict):
        raise ToleranceConfigError(f"the tolerance file {p} must hold a table of settings")
    if isinstance(data.get("tolerances"), dict):
        data = data["tolerances"]
    return tolerances_from(data)
