"""担当部課 to department (部・局 and units of their own) and division (課・室・センター …).

In order, the first that applies:

1. ``split:`` in ``content/departments.yaml`` (the name as printed, or without its spaces);
2. 部 and 課 written apart (a space, ASCII or full-width, or two cells): the two parts;
3. a name that starts with a department known from ``content/departments.yaml``
   (``slugs:`` or ``split:``): that department, and the rest (if any) its division;
4. the rule: the shortest head ending in 部・局・室 followed by a rest ending in a unit
   (課・室・センター・所・署・館・事務局): 教育局中央図書館 -> 教育局 / 中央図書館;
5. a name that ends in a unit other than a 課 but cannot be split (会計事務局,
   選挙管理委員会事務局, 中央図書館): a department-level unit without a division.

Anything else is an error asking for a ``split:`` entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.settings.departments import Organisation

_SPACES = re.compile(r"[\s\u3000]+")
_DEPARTMENT_ENDS = ("部", "局", "室")
_DIVISION_ENDS = ("課", "室", "センター", "所", "署", "館", "事務局")
# A unit standing alone: anything but a 課, which always belongs to a 部・局.
_UNIT_ENDS = tuple(end for end in _DEPARTMENT_ENDS + _DIVISION_ENDS if end != "課") + ("委員会",)


def _by_rule(name: str) -> tuple[str, str] | None:
    """(department, division) by the 部・局・室 + unit rule, or None: the shortest head ending
    in 部・局・室 whose rest ends in a unit (the rest ends where the name does, so it does
    when the name does and the rest is long enough); one pass over the name."""
    units = [len(end) for end in _DIVISION_ENDS if name.endswith(end)]
    if not units:
        return None
    for end in range(1, len(name) - min(units) + 1):
        if name[end - 1] in _DEPARTMENT_ENDS:
            return name[:end], name[end:]
    return None


@dataclass(frozen=True)
class OrgSplitter:
    """Splits 担当部課 by the rules above, with explicit splits and known departments from config."""

    overrides: dict[str, tuple[str, str | None]]
    departments: tuple[str, ...] = ()  # 部・局 named in the config, sorted

    def split(self, name: str) -> tuple[str, str | None] | None:
        """(department, division) of a 担当部課 value, or None when no rule applies."""
        compact = _SPACES.sub("", name)
        for printed in (name, compact):
            if printed in self.overrides:
                return self.overrides[printed]
        parts = _SPACES.split(name.strip())
        if len(parts) == 2:
            return parts[0], parts[1]
        known = max((d for d in self.departments if compact.startswith(d)), key=len, default=None)
        if known is not None:
            return known, compact[len(known) :] or None
        by_rule = _by_rule(compact)
        if by_rule is not None:
            return by_rule
        return (compact, None) if compact.endswith(_UNIT_ENDS) else None


def splitter_for(organisation: Organisation) -> OrgSplitter:
    """The splitter configured by ``content/departments.yaml`` (read by
    ``builder.settings.departments``): its ``split:`` entries and the departments it names."""
    return OrgSplitter(organisation.splits, organisation.named_departments())
