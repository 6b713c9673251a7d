"""Why a build stopped, in three kinds, all reported the same way (:meth:`BuildFailure.report`).

- :class:`BuildError`: sheets that cannot be read, each problem at its file and line;
  :class:`ConfigError` the same for the settings files ``content/*.yaml``;
- :class:`ToolError`: Node.js or Pagefind missing, failing or giving output that is not
  what it should be, named with what it did;
- :class:`OutputError`: the site could not be written (a full disk, a folder that cannot
  be written), or a written site failed its check before publishing.

Whatever the kind, the previously published site is left exactly as it was.
"""

from __future__ import annotations

import errno
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


class BuildFailure(Exception):
    """Why a build stopped; :meth:`report` is what the operator reads."""

    def report(self) -> str:
        """The message, then that the published site was not touched."""
        return f"{self}\n前に公開したサイトはそのまま残っています。"


class ToolError(BuildFailure):
    """A tool the build runs (Node.js, Pagefind) is missing, failed or lied: one line naming it."""

    def __init__(self, tool: str, what: str):
        super().__init__(f"{tool}: {what}")
        self.tool = tool


class OutputError(BuildFailure):
    """The staged site could not be written or failed its check before publishing."""

    @classmethod
    def of(cls, error: OSError) -> OutputError:
        """One line for a file the build could not read or write."""
        hint = "（ディスクの空きがありません）" if error.errno == errno.ENOSPC else ""
        return cls(f"{error.filename or ''}: 読み書きできませんでした：{error.strerror or error}{hint}")


class BuildError(BuildFailure):
    """Several problems found in one run; raised once, after every input was read."""

    def __init__(self, errors: list[SheetError]):
        self.errors = errors
        super().__init__(f"{len(errors)} error(s)")

    def report(self) -> str:
        """Every problem, then the count."""
        lines = [e.report() for e in self.errors]
        lines.append(f"{len(self.errors)} error(s); nothing was written.")
        return "\n".join(lines)


class ConfigError(BuildError):
    """A settings file (``content/*.yaml``) that does not fit its schema, at its lines."""
