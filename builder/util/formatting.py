"""Numbers and years written the way a resident reads them.

Amounts arrive in thousands of yen (千円) as the sheets print them. They are shown with
thousands separators (``9,307千円``) and, where it reads faster, in 万円/億円
(``約931万円``). Fiscal years are shown in the Japanese era with the Western year
(``令和4年度 (2022年度)``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from builder.util.wareki import era_label

DASH = "—"


def fiscal_year_label(fiscal_year: int) -> str:
    """The fiscal year in both calendars: ``令和4年度 (2022年度)``."""
    return f"{era_label(fiscal_year)} ({fiscal_year}年度)"


def number(value: int | float) -> str:
    """A count or amount with thousands separators, in positional notation; ``486.0`` ->
    ``486``, ``2.5`` -> ``2.5``, ``1e-14`` -> ``0.00000000000001``."""
    if isinstance(value, float) and not value.is_integer():
        return format(Decimal(repr(value)), ",f")
    return f"{int(value):,}"


def decimal2(value: float) -> str:
    """A staff share or hours with two decimals, as the sheet prints them: ``0.30``."""
    return f"{value:,.2f}"


def thousand_yen(amount: int) -> str:
    """An amount in 千円 with separators: ``9307`` -> ``9,307千円``."""
    return f"{amount:,}千円"


def readable_yen(amount: int) -> str:
    """An amount in 千円 written in 万円/億円: ``9307`` -> ``約931万円``, ``123456`` -> ``約1億2,346万円``.

    Amounts under 1万円 are written in 円. ``約`` marks a rounded value.
    """
    yen = amount * 1000
    sign = "マイナス" if yen < 0 else ""
    yen = abs(yen)
    if yen < 10_000:
        return f"{sign}{yen:,}円"
    man = int((Decimal(yen) / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    oku, rest = divmod(man, 10_000)
    text = (f"{oku:,}億" if oku else "") + (f"{rest:,}万" if rest else "") + "円"
    return f"{sign}{'' if man * 10_000 == yen else '約'}{text}"


def yen_with_readable(amount: int) -> str:
    """Both forms: ``9,307千円（約931万円）``; amounts under 1万円 only in 千円."""
    if abs(amount) < 10:
        return thousand_yen(amount)
    return f"{thousand_yen(amount)}（{readable_yen(amount)}）"


def change(previous: int, current: int, with_ratio: bool = True) -> str:
    """The change between two amounts in words: ``4,554千円減（-28.4%）`` (without the
    ratio, ``4,554千円減``, where a summary beside it gives the ratio already)."""
    diff = current - previous
    if diff == 0:
        return "増減なし"
    text = f"{abs(diff):,}千円" + ("増" if diff > 0 else "減")
    return text + _ratio(previous, diff) if with_ratio else text


def _ratio(previous: int, diff: int) -> str:
    """``（-28.4%）``: the change as a share of the previous amount (none from 0 or less)."""
    if previous <= 0:
        return ""
    ratio = (Decimal(diff) * 100 / Decimal(previous)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return f"（{'+' if diff > 0 else ''}{ratio}%）"


def short_yen(amount: int) -> str:
    """An amount in 千円 for a card or a summary, in the unit its size calls for, rounded:
    ``17519581`` -> ``約175億円``, ``123456`` -> ``約1.2億円``, ``34500`` -> ``3,450万円``,
    ``9307`` -> ``約931万円``; under 1万円 in 円. ``約`` marks a rounded value."""
    yen = Decimal(abs(amount)) * 1000
    sign = "マイナス" if amount < 0 else ""
    if yen < 10_000:
        return f"{sign}{int(yen):,}円"
    man = (yen / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if man < 10_000:
        shown, size, unit = man, Decimal(10_000), "万"
    else:
        oku = yen / 100_000_000
        shown = oku.quantize(Decimal("0.1") if oku < 10 else Decimal(1), rounding=ROUND_HALF_UP)
        shown = (
            shown.normalize() if shown != shown.to_integral() else shown.to_integral()
        )  # 1.5, 12
        size, unit = Decimal(100_000_000), "億"
    about = "" if shown * size == yen else "約"
    return f"{sign}{about}{shown:,}{unit}円"


def short_change(previous: int, current: int) -> str:
    """The change between two amounts for a summary: ``約455万円減（-28.4%）``."""
    diff = current - previous
    if diff == 0:
        return "増減なし"
    return short_yen(abs(diff)) + ("増" if diff > 0 else "減") + _ratio(previous, diff)
