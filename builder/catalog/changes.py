"""What changed in a fiscal year against the year before: new and ended projects, the
largest changes in settled cost and staff cost, and changed directions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from builder.records.model import Sheet

BIGGEST = 10  # rows in each "largest change" list
ENDING = ("廃止", "完了", "統合", "終了")  # words of a 方向性 that say the project ends


def says_it_ends(sheet: Sheet) -> bool:
    """Whether the sheet's 方向性 says the project ends (廃止, 完了, 統合, 終了)."""
    return any(word in (sheet.direction.decision or "") for word in ENDING)


@dataclass(frozen=True)
class AmountChange:
    """One project's amount in the previous and the current year (both from the current sheet)."""

    sheet: Sheet
    before: int
    after: int

    @property
    def difference(self) -> int:
        """after - before, in 千円."""
        return self.after - self.before


@dataclass(frozen=True)
class DirectionChange:
    """A project whose 方向性 differs from last year's sheet."""

    sheet: Sheet
    before: str | None
    after: str | None


@dataclass(frozen=True)
class YearChanges:
    """Everything that changed between ``previous_year`` and ``fiscal_year``."""

    fiscal_year: int
    previous_year: int
    new: tuple[Sheet, ...]  # sheets of fiscal_year whose code has no sheet the year before
    ended: tuple[
        Sheet, ...
    ]  # last year's sheets with no sheet this year that said the project ends
    unlisted: tuple[Sheet, ...]  # last year's sheets with no sheet this year that did not say so
    settlement: tuple[AmountChange, ...]  # largest absolute change first
    personnel: tuple[AmountChange, ...]
    directions: tuple[DirectionChange, ...]


def _amount_changes(
    sheets: Iterable[Sheet], field: str, previous: int, current: int
) -> tuple[AmountChange, ...]:
    changes = []
    for sheet in sheets:
        before, after = sheet.cost_for(previous), sheet.cost_for(current)
        old = getattr(before, field) if before else None
        new = getattr(after, field) if after else None
        if old is not None and new is not None and old != new:
            changes.append(AmountChange(sheet, old, new))
    changes.sort(key=lambda c: (-abs(c.difference), c.sheet.code))
    return tuple(changes[:BIGGEST])


def year_changes(
    previous: dict[str, Sheet], current: dict[str, Sheet], fiscal_year: int
) -> YearChanges:
    """Compare the sheets of two consecutive fiscal years, each given by code."""
    both = [current[code] for code in sorted(current) if code in previous]
    gone = [previous[code] for code in sorted(previous) if code not in current]
    return YearChanges(
        fiscal_year=fiscal_year,
        previous_year=fiscal_year - 1,
        new=tuple(current[code] for code in sorted(current) if code not in previous),
        ended=tuple(s for s in gone if says_it_ends(s)),
        unlisted=tuple(s for s in gone if not says_it_ends(s)),
        settlement=_amount_changes(both, "settlement", fiscal_year - 1, fiscal_year),
        personnel=_amount_changes(both, "personnel", fiscal_year - 1, fiscal_year),
        directions=tuple(
            DirectionChange(
                sheet, previous[sheet.code].direction.decision, sheet.direction.decision
            )
            for sheet in both
            if previous[sheet.code].direction.decision != sheet.direction.decision
        ),
    )
