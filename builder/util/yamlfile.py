"""Staff-edited YAML files (``content/*.yaml``) read safely, with their line numbers, so a
problem is reported at its line as ``file:line: 期待…、実際…``.

The reader refuses what a settings file never needs and an attacker or an accident could
use: aliases (``*name``, the "billion laughs" that make a small file huge in memory),
duplicate keys (where the last would silently win), files over :data:`MAX_BYTES`, and text
that is not UTF-8 (a file saved as Shift_JIS). Every problem is a :class:`ConfigError`.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor

from builder.errors import ConfigError, Problem, SourceLoc
from builder.util.inputs import read_input

MAX_BYTES = (
    1_000_000  # a settings file is a few kilobytes; the corrections log of decades stays far below
)


class _NoAliasLoader(yaml.SafeLoader):
    """The safe loader, refusing aliases."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # unannotated in types-PyYAML
            raise yaml.MarkedYAMLError(
                None,
                None,
                f"エイリアス（*{event.anchor}）は使えません。値をそのまま書いてください",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def present(path: Path) -> bool:
    """Whether an optional settings file is there: any entry, even a link or a FIFO (which
    :func:`compose` then refuses), not only a regular file."""
    return os.path.lexists(path)


def display_name(content: Path, name: str) -> str:
    """How messages name the settings file ``name`` of the folder ``content``: ``content/site.yaml``."""
    return f"{content.name}/{name}"


def problem(display: str, line: int, expected: str, found: str) -> ConfigError:
    """A ConfigError ``display:line: 期待 expected、実際 found``."""
    return ConfigError([Problem.of(SourceLoc(display, line), expected, found)])


def compose(path: Path, display: str) -> tuple[yaml.Node | None, str]:
    """The node tree of a YAML file (None when it is empty) and its text; ConfigError at the
    line of the first problem (see the module docstring)."""
    try:
        data = read_input(path, display)
    except FileNotFoundError:
        raise problem(display, 1, "設定ファイル", "ファイルがありません") from None
    except Problem as refused:
        raise ConfigError([refused]) from None
    except OSError as error:
        raise problem(display, 1, "読めるファイル", f"読めません（{error.strerror}）") from None
    if len(data) > MAX_BYTES:
        raise problem(
            display, 1, f"{MAX_BYTES:,} バイト以下の設定ファイル", f"{len(data):,} バイト"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise problem(
            display,
            data.count(b"\n", 0, error.start) + 1,
            "UTF-8 の文字",
            "UTF-8 として読めないバイト（Shift_JIS などで保存されていませんか。UTF-8 で保存し直してください）",
        ) from None
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow in a file
        raise problem(
            display,
            text.count("\n", 0, error.position) + 1,
            "YAMLのファイルに書ける文字",
            f"制御文字など U+{error.character:04X}（取り除いてください）"
            if isinstance(error.character, int)
            else "読めない文字",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        began = (
            f"（{error.context_mark.line + 1} 行目からの {error.context}）"
            if error.context and error.context_mark
            else ""
        )
        raise problem(display, line, "YAMLとして読める行", f"{error.problem}{began}") from None
    except yaml.YAMLError as error:
        raise problem(display, 1, "YAMLとして読めるファイル", str(error)) from None
    _refuse_duplicate_keys(root, display)
    return root, text


def _refuse_duplicate_keys(node: yaml.Node | None, display: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else id(key)
            if name in seen:
                raise problem(
                    display,
                    line_of(key),
                    "重複しないキー",
                    f"キー「{name}」が2回目です（1回目は {seen[name]} 行目）",
                )
            seen[name] = line_of(key)
            _refuse_duplicate_keys(value, display)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_duplicate_keys(item, display)


def line_of(node: yaml.Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def value_of(node: yaml.Node, display: str) -> object:
    """The Python value of a node, as ``yaml.safe_load`` would give it; ConfigError for a
    value YAML cannot make (an impossible date such as 2023-02-30)."""
    try:
        return SafeConstructor().construct_object(node, deep=True)
    except ValueError as error:
        raise problem(
            display,
            line_of(node),
            "正しい値（日付なら 2024-05-31 の形の、実在する日）",
            f"「{getattr(node, 'value', '')}」（{error}）",
        ) from None
    except yaml.constructor.ConstructorError as error:  # a tag such as !!python/object: one line
        mark = error.problem_mark
        raise problem(
            display,
            mark.line + 1 if mark else line_of(node),
            "YAMLの普通の値（文字・数・日付・リスト。!! で始まる型の指定は使えません）",
            f"「{' '.join(str(error.problem).split())}」",
        ) from None
