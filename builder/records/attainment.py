"""目標値に対する実績の割合: an indicator's actual as a percentage of its target.

The sheets do not say whether more is better (a count of consultations, a waiting time),
so the ratio is given as a plain figure, never as good or bad: "目標値に対する実績の割合".
Rule: 実績 ÷ 目標値 × 100, rounded half up to one decimal (``Decimal``, from the values as
the data file writes them, so 685 ÷ 641 is 106.9 %). There is no ratio for a year whose
actual is not settled or not given, nor for a target that is not given or is 0 (a ratio to
0 is not a number).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from builder.records.model import IndicatorValue

RATIO_LABEL = "目標値に対する実績の割合"
RATIO_RULE = "実績÷目標値×100。小数第2位を四捨五入して小数第1位まで示します。"
ZERO_TARGET = "目標値が0のため計算しません"
NO_TARGET = "目標値の記載なし"
NO_ACTUAL = "実績の記載なし"


def attainment(value: IndicatorValue) -> Decimal | None:
    """実績 ÷ 目標値 × 100 rounded half up to 0.1, or None when either is missing or the target is 0."""
    if value.target is None or value.actual is None or value.target == 0:
        return None
    with localcontext() as context:  # 15-digit values: a ratio has up to 33 digits before the point
        context.prec = 40
        ratio = Decimal(repr(value.actual)) * 100 / Decimal(repr(value.target))
        return ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def no_ratio_reason(value: IndicatorValue) -> str:
    """Why a settled year has no ratio (call only when :func:`attainment` is None)."""
    if value.target is None:
        return NO_TARGET
    if value.target == 0:
        return ZERO_TARGET
    return NO_ACTUAL


def percent(ratio: Decimal) -> str:
    """A ratio for people: ``106.9%``."""
    return f"{ratio}%"
