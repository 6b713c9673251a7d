"""The city's population per fiscal year (``content/population.yaml``) and amounts per resident.

Each fiscal year the file gives is one population with its reference date and its source;
a year it does not give has no per-resident figure (never an estimate). An amount in 千円
per resident, in yen, is 金額（千円）× 1,000 ÷ 人口, rounded half up to one decimal
(``Decimal``, exact): 9,307千円 for 252,202人 is 36.9円.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import cast

import yaml

from builder.settings.gate import cleaned, date_problem, number
from builder.util.formatting import fiscal_year_label
from builder.util.yamlfile import compose, fail, line_of, present, value_of

POPULATION_FILE = "population.yaml"
PER_RESIDENT = "市民1人あたり"
PER_DAY = "1日あたり"
NO_POPULATION = "人口の記載なし"
RULE = "金額（千円）×1,000÷人口。小数第2位を四捨五入して、円の小数第1位まで示します。"
_FIELDS = {"population": int, "reference_date": datetime.date, "source": str, "url": str}


@dataclass(frozen=True)
class PopulationYear:
    """The population used for one fiscal year, and where it comes from."""

    fiscal_year: int
    population: int
    reference_date: datetime.date
    source: str
    url: str

    @property
    def text(self) -> str:
        """``252,202人（2023年1月1日現在）``."""
        d = self.reference_date
        return f"{self.population:,}人（{d.year}年{d.month}月{d.day}日現在）"


@dataclass(frozen=True)
class Population:
    """Every fiscal year with a known population, oldest first."""

    years: tuple[PopulationYear, ...] = ()

    def of(self, fiscal_year: int) -> PopulationYear | None:
        """The population of a fiscal year, or None when the file does not give it."""
        return next((y for y in self.years if y.fiscal_year == fiscal_year), None)

    def per_resident(self, amount: int | None, fiscal_year: int) -> Decimal | None:
        """``amount`` (千円) per resident in yen, rounded half up to 0.1; None when the amount
        or the year's population is unknown."""
        known = self.of(fiscal_year)
        if amount is None or known is None:
            return None
        return (Decimal(amount * 1000) / known.population).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def per_resident_day(self, amount: int | None, fiscal_year: int) -> Decimal | None:
        """``amount`` (千円) per resident and per day of the fiscal year (365 or 366 days) in
        yen, rounded half up to 0.01 under 1円, to 0.1 under 100円, else to 1円; None as for
        :meth:`per_resident`."""
        known = self.of(fiscal_year)
        if amount is None or known is None:
            return None
        days = (datetime.date(fiscal_year + 1, 4, 1) - datetime.date(fiscal_year, 4, 1)).days
        exact = Decimal(amount * 1000) / known.population / days
        step = (
            Decimal("0.01")
            if abs(exact) < 1
            else Decimal("0.1")
            if abs(exact) < 100
            else Decimal(1)
        )
        return exact.quantize(step, rounding=ROUND_HALF_UP)

    def missing_reason(self, fiscal_year: int) -> str:
        """Why a year has no per-resident figure when its amount is known."""
        return f"{fiscal_year_label(fiscal_year)}の{NO_POPULATION}"


def yen(value: Decimal) -> str:
    """A per-resident amount for people: ``36.9円``, ``1,234.5円``."""
    return f"{value:,}円"


def load_population(content: Path) -> Population:
    """Read ``content/population.yaml`` (no file: no year has a population)."""
    path = content / POPULATION_FILE
    if not present(path):
        return Population()
    display = f"{content.name}/{POPULATION_FILE}"
    root = compose(path, display)
    if root is None:
        return Population()
    if not isinstance(root, yaml.MappingNode):
        raise fail(
            display,
            root,
            "「2022:」のように西暦の年度ごとに population、reference_date、source、url を書いてください",
        )
    years = []
    for key, entry in root.value:
        year = value_of(key, display)
        if not isinstance(year, int) or isinstance(year, bool):
            raise fail(display, key, f"年度は西暦の整数にしてください（「{key.value}」）")
        values = value_of(entry, display) if isinstance(entry, yaml.MappingNode) else None
        if not isinstance(values, dict) or set(values) != set(_FIELDS):
            raise fail(
                display,
                entry,
                f"{year}年度には population、reference_date、source、url の4つだけを書いてください",
            )
        for name, kind in _FIELDS.items():
            if (
                not isinstance(values[name], kind)
                or isinstance(values[name], bool)
                or values[name] in ("", 0)
            ):
                raise fail(
                    display, entry, f"{year}年度の {name} が正しくありません（{values[name]!r}）"
                )
        number(values["population"], display, line_of(entry), f"{year}年度の population", 1)
        if (why := date_problem(values["reference_date"])) is not None:
            raise fail(display, entry, f"{year}年度の reference_date が正しくありません（{why}）")
        texts = cast(dict[str, str], cleaned(values, display, line_of(entry)))
        years.append(
            PopulationYear(
                year, values["population"], values["reference_date"], texts["source"], texts["url"]
            )
        )
    return Population(tuple(sorted(years, key=lambda y: y.fiscal_year)))
