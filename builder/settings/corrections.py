"""``content/corrections.yaml``: the corrections log staff keep, read and checked against its
schema here; ``builder.catalog.corrections`` checks each entry against the data and applies it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.settings.schema import Document, read_checked
from builder.util.yamlfile import present

CORRECTIONS_FILE = "corrections.yaml"


@dataclass(frozen=True)
class CorrectionEntries:
    """The entries of ``content/corrections.yaml`` checked against its schema
    (``builder/settings/schemas/corrections.schema.json``), not yet against the data."""

    document: Document | None = None  # None: no file

    @property
    def entries(self) -> list[dict[str, Any]]:
        """Each entry's keys and values, in the order of the file."""
        return [] if self.document is None else list(self.document.value or [])


def read_corrections(content: Path) -> CorrectionEntries:
    """Read ``content/corrections.yaml`` (if any), checked against its schema; ConfigError
    listing every entry that does not fit it."""
    path = content / CORRECTIONS_FILE
    if not present(path):
        return CorrectionEntries()
    return CorrectionEntries(
        read_checked(path, f"{content.name}/{CORRECTIONS_FILE}", "corrections")
    )
