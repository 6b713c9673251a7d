"""Consistency checks on a parsed sheet; findings become notes, never silent fixes."""

from __future__ import annotations

from builder.records.model import CostYear, Note
from builder.util.wareki import era_label

_AMOUNT_FIELDS = {
    "budget": "予算額",
    "settlement": "決算額",
    "general_fund": "一般財源",
    "national_prefectural_bonds": "国庫、県支出金、地方債",
    "other": "その他",
    "personnel": "人件費計",
}


def _breakdown(cost: CostYear) -> list[Note]:
    parts = (cost.general_fund, cost.national_prefectural_bonds, cost.other)
    if cost.settlement is None or None in parts:
        return []
    total = sum(p for p in parts if p is not None)
    if total == cost.settlement:
        return []
    return [
        Note(
            "breakdown_mismatch",
            f"{era_label(cost.fiscal_year)}: 財源内訳の合計 {total:,} 千円"
            f"（一般財源 {cost.general_fund:,} + 国庫、県支出金、地方債 {cost.national_prefectural_bonds:,}"
            f" + その他 {cost.other:,}）が決算額 {cost.settlement:,} 千円と一致しません。",
        )
    ]


def _negatives(cost: CostYear) -> list[Note]:
    return [
        Note(
            "negative_amount",
            f"{era_label(cost.fiscal_year)}: {label}が {value:,} 千円（負の値）と記載されています。",
        )
        for name, label in _AMOUNT_FIELDS.items()
        if (value := getattr(cost, name)) is not None and value < 0
    ]


def cost_notes(costs: tuple[CostYear, ...]) -> tuple[Note, ...]:
    """Notes on the cost table: breakdowns that do not add up to 決算額 in closed years, negative amounts."""
    return tuple(note for cost in costs for note in _breakdown(cost) + _negatives(cost))
