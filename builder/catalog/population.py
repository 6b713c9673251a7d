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

from builder.settings.population import PopulationYear
from builder.util.formatting import fiscal_year_label

PER_RESIDENT = "市民1人あたり"
PER_DAY = "1日あたり"
NO_POPULATION = "人口の記載なし"
RULE = "金額（千円）×1,000÷人口。小数第2位を四捨五入して、円の小数第1位まで示します。"


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
