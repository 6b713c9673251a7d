"""Errors that point at the sheet line that caused them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLoc:
    """A position in a source file: its path as given and a 1-based line number."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class SheetError(Exception):
    """A sheet that cannot be read: says where, what was expected and what was found.

    Printed as ``path:line: message`` followed by the offending line, quoted.
    """

    def __init__(self, loc: SourceLoc, message: str, source_line: str | None = None):
        super().__init__(f"{loc}: {message}")
        self.loc = loc
        self.message = message
        self.source_line = source_line

    def __reduce__(self) -> tuple[type, tuple[SourceLoc, str, str | None]]:
        # Rebuilt from its parts when sent back from a worker process.
        return (SheetError, (self.loc, self.message, self.source_line))

    def report(self) -> str:
        """The full report: location, message and the quoted source line."""
        text = f"{self.loc}: {self.message}"
        if self.source_line is not None:
            shown = self.source_line.replace("\t", " ⇥ ")
            text += f"\n    | {shown}"
        return text


class BuildError(Exception):
    """Several problems found in one run; raised once, after every input was read."""

    def __init__(self, errors: list[SheetError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s)")

    def report(self) -> str:
        """Every problem, then the count."""
        lines = [e.report() for e in self.errors]
        lines.append(f"{len(self.errors)} error(s); nothing was written.")
        return "\n".join(lines)
