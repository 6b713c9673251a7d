"""Why a build stopped, in four kinds of :class:`BuildFailure`, all reported one way
(:meth:`BuildFailure.report`: what went wrong, then that the published site was left as it was).

- :class:`SheetError`: sheets that cannot be read, and :class:`ConfigError`: settings files
  (``content/*.yaml``) and prose pages (``content/pages/*.md``) that do not fit; both are an
  :class:`InputError`, every :class:`Problem` at its file and line;
- :class:`ToolError`: a tool the build runs or needs (Node.js, Pagefind, the plotly.js bundle
  from npm) missing, failing or giving output that is not what it should be, named with what it did;
- :class:`OutputError`: the site could not be written (a full disk, a folder that cannot
  be written), or a written site failed its check before publishing.

Messages are for city staff, in Japanese; a problem says what was expected and what was found
as ``期待 …、実際 …`` (see :meth:`Problem.of`).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

SITE_KEPT = "前に公開したサイトはそのまま残っています。"  # the last line of every failure's report


@dataclass(frozen=True)
class SourceLoc:
    """A position in a source file: its path as given and a 1-based line number."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class Problem(Exception):
    """One located problem in a file staff edit: says where, what was expected and what was found.

    Printed as ``path:line: message`` followed by the offending line, quoted. The parser
    raises it inside a sheet; an :class:`InputError` carries every problem of a run.
    """

    def __init__(self, loc: SourceLoc, message: str, source_line: str | None = None):
        super().__init__(f"{loc}: {message}")
        self.loc = loc
        self.message = message
        self.source_line = source_line

    @classmethod
    def of(
        cls, loc: SourceLoc, expected: str, found: str, source_line: str | None = None
    ) -> Problem:
        """A problem in the one form of a message: ``期待 expected、実際 found``."""
        return cls(loc, f"期待 {expected}、実際 {found}", source_line)

    def __reduce__(self) -> tuple[type, tuple[SourceLoc, str, str | None]]:
        # Rebuilt from its parts when sent back from a worker process.
        return (Problem, (self.loc, self.message, self.source_line))

    def report(self) -> str:
        """The full report: location, message and the quoted source line."""
        text = f"{self.loc}: {self.message}"
        if self.source_line is not None:
            shown = self.source_line.replace("\t", " ⇥ ")
            text += f"\n    | {shown}"
        return text


class BuildFailure(Exception):
    """Why a build stopped; :meth:`report` is what the operator reads."""

    def details(self) -> list[str]:
        """The lines saying what went wrong (the message, unless a kind says more)."""
        return [str(self)]

    def report(self) -> str:
        """What went wrong, then that the published site was not touched."""
        return "\n".join([*self.details(), SITE_KEPT])


class ToolError(BuildFailure):
    """A tool the build runs or needs (Node.js, Pagefind, plotly.js) is missing, failed or
    lied: one line ``tool: what``."""

    def __init__(self, tool: str, what: str):
        super().__init__(f"{tool}: {what}")
        self.tool = tool


class OutputError(BuildFailure):
    """The staged site could not be written or failed its check before publishing."""

    @classmethod
    def of(cls, error: OSError) -> OutputError:
        """One line for a file the build could not read or write."""
        hint = "（ディスクの空きがありません）" if error.errno == errno.ENOSPC else ""
        return cls(
            f"{error.filename or ''}: 読み書きできませんでした：{error.strerror or error}{hint}"
        )


class InputError(BuildFailure):
    """Problems found in the files staff edit; raised once, after every such input was read."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} 件の問題があります")

    def details(self) -> list[str]:
        """Every problem, then the count."""
        return [p.report() for p in self.problems] + [
            f"{len(self.problems)} 件の問題があります。何も書き込んでいません。"
        ]


class SheetError(InputError):
    """Sheets (``content/sheets/``) that cannot be read, or whose sheets do not fit together."""


class ConfigError(InputError):
    """Settings files (``content/*.yaml``) or prose pages (``content/pages/*.md``) that do not
    fit, each problem at its line."""
