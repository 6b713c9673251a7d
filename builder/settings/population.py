"""``content/population.yaml``: the city's population per fiscal year, with its reference
date and its source, for the amounts per resident (``builder.catalog.population``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from builder.settings.gate import clean, date_problem, number
from builder.settings.schema import as_date, read_checked
from builder.util.yamlfile import present, problem

POPULATION_FILE = "population.yaml"


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


def read_population(content: Path) -> tuple[PopulationYear, ...]:
    """Read ``content/population.yaml`` (no file: no year has a population), checked against
    its schema (``schemas/population.schema.json``) and the gate's numbers and dates: the
    years it gives, oldest first."""
    path = content / POPULATION_FILE
    if not present(path):
        return ()
    document = read_checked(path, f"{content.name}/{POPULATION_FILE}", "population")
    years = []
    for key, values in (document.value or {}).items():
        year = int(key)
        where = document.line(key, "population")
        number(values["population"], document.display, where, f"{year}年度の population", 1)
        date = as_date(values["reference_date"])
        if (why := date_problem(date)) is not None:
            raise problem(
                document.display,
                document.line(key, "reference_date"),
                f"{year}年度の reference_date（基準日）",
                why,
            )
        texts = {
            name: clean(values[name], document.display, document.line(key, name))
            for name in ("source", "url")
        }
        years.append(
            PopulationYear(year, values["population"], date, texts["source"], texts["url"])
        )
    return tuple(sorted(years, key=lambda y: y.fiscal_year))
