"""Staff-edited YAML files read with their line numbers, so a problem is reported at its line."""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from builder.errors import BuildError, SheetError, SourceLoc


def compose(path: Path, display: str) -> yaml.Node | None:
    """The node tree of a YAML file (None when it is empty); BuildError at the line YAML cannot read."""
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise BuildError([SheetError(SourceLoc(display, line), f"YAMLとして読めません：{error.problem}")]) from None


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def value_of(node: yaml.Node) -> object:
    """The Python value of a node, as ``yaml.safe_load`` would give it."""
    return SafeConstructor().construct_object(node, deep=True)


def fail(display: str, node: yaml.Node, message: str) -> BuildError:
    """A BuildError at the line of ``node``."""
    return BuildError([SheetError(SourceLoc(display, line_of(node)), message)])
