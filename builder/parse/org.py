"""担当部課 to department (部/局/室) and division (課/室/センター)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_SPLIT = re.compile(r"(?P<department>.+?(?:部|局|室))(?P<division>.+?(?:課|室|センター))")
ORG_CONFIG = "departments.yaml"


@dataclass(frozen=True)
class OrgSplitter:
    """Splits 担当部課 by rule, with explicit splits from config for names the rule cannot split."""

    overrides: dict[str, tuple[str, str | None]]

    def split(self, name: str) -> tuple[str, str | None] | None:
        """(department, division) of a 担当部課 value, or None when neither config nor rule applies."""
        if name in self.overrides:
            return self.overrides[name]
        match = _SPLIT.fullmatch(name)
        return (match.group("department"), match.group("division")) if match else None


def load_splitter(content: Path) -> OrgSplitter:
    """The splitter configured by ``split:`` in ``content/departments.yaml`` (optional file)."""
    path = content / ORG_CONFIG
    config = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    entries = (config or {}).get("split") or {}
    return OrgSplitter({name: (v["department"], v.get("division")) for name, v in entries.items()})
