"""A damaged cache heals: every damage is discarded with one warning line, the build
succeeds, equals a clean build byte for byte and never changes content/data/."""

from __future__ import annotations

import errno
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.build import build_site
from builder.parse.report import REPORT_NAME
from builder.util.cache import cache_folder
from tests.portal.faultkit import copy_built, left_beside, tree, without_warning_summary


@pytest.fixture(scope="module")
def filled(built: tuple[Path, Path]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The bytes of the session's site and of its data files."""
    return tree(built[1]), tree(built[0] / "data")


@pytest.fixture
def copied(built: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the built content, site and cache."""
    return copy_built(built, tmp_path)


def _entry(path: Path) -> bool:
    """A file of the cache store (not the build report the build also keeps there)."""
    return path.name != REPORT_NAME


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip(path: Path) -> None:
    """A changed value that still reads as JSON: 推進 becomes 停止, as in the issue."""
    data = path.read_bytes()
    assert "推進".encode() in data
    path.write_bytes(data.replace("推進".encode(), "停止".encode()))


def _folder_in_place(path: Path) -> None:
    path.unlink()
    (path / "inside").mkdir(parents=True)


DAMAGES: dict[str, tuple[Callable[[Path], None], Callable[[Path], bool]]] = {
    "truncated": (_truncate, _entry),
    "empty": (lambda path: path.write_bytes(b""), _entry),
    "garbage": (lambda path: path.write_bytes(b"\x80\x04\x95garbage\n\xff"), _entry),
    "a changed value that still parses": (
        _flip,
        lambda path: _entry(path) and "推進".encode() in path.read_bytes(),
    ),
    "a folder in a file's place": (_folder_in_place, _entry),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_every_damaged_cache_file_is_discarded_with_one_warning(
    copied: tuple[Path, Path],
    filled: tuple[dict[str, bytes], dict[str, bytes]],
    damage: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content, out = copied
    harm, applies = DAMAGES[damage]
    damaged = sorted(path for path in cache_folder(out).iterdir() if applies(path))
    assert {path.name.split("-")[0] for path in damaged} >= (
        {"parse", "exports", "search", "segments", "outputs.json"}
        if damage != "a changed value that still parses"
        else {"parse"}
    )
    for path in damaged:
        harm(path)
    capsys.readouterr()

    build_site(content, out)

    warnings = [
        line for line in without_warning_summary(capsys.readouterr().err) if ".site-cache" in line
    ]
    assert sorted(line.split(": 警告: ")[0] for line in warnings) == [str(path) for path in damaged]
    assert all("キャッシュが壊れているため使わずに作り直します" in line for line in warnings)
    assert tree(out) == filled[0] and tree(content / "data") == filled[1]
    assert left_beside(out) == []
    if damage == "truncated":
        build_site(content, out)  # healed: no warning again
        assert not [
            line
            for line in without_warning_summary(capsys.readouterr().err)
            if ".site-cache" in line
        ]


def test_a_file_in_the_caches_place_and_an_older_layout_heal(
    copied: tuple[Path, Path],
    filled: tuple[dict[str, bytes], dict[str, bytes]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    content, out = copied
    cache = cache_folder(out)
    shutil.rmtree(cache)
    cache.write_text("not a folder", encoding="utf-8")
    capsys.readouterr()
    build_site(content, out)
    assert [
        line for line in without_warning_summary(capsys.readouterr().err) if ".site-cache" in line
    ] == [f"{cache}: 警告: キャッシュの場所にフォルダーでないものがあるため、削除して作り直します"]
    assert tree(out) == filled[0] and tree(content / "data") == filled[1]

    (cache / "parse").mkdir()
    (cache / "parse" / "0a.pickle").write_bytes(b"\x80\x04K\x01.")  # what an older builder kept
    (cache / ".outputs.json.abcd1234").write_bytes(b"{")  # a write a kill cut short
    build_site(content, out)
    assert all(p.suffix in (".json", ".bin") or p.name == REPORT_NAME for p in cache.iterdir())
    assert not (cache / "parse").exists() and tree(out) == filled[0]


def test_a_cache_that_cannot_be_written_only_warns(
    copied: tuple[Path, Path],
    filled: tuple[dict[str, bytes], dict[str, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content, out = copied
    shutil.rmtree(cache_folder(out))
    real = tempfile.NamedTemporaryFile

    def full_cache_disk(*args: object, **kwargs: object) -> object:
        if ".site-cache" in str(kwargs.get("dir")):
            raise OSError(errno.ENOSPC, "No space left on device", str(kwargs.get("dir")))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", full_cache_disk)
    build_site(content, out)
    warnings = [
        line for line in without_warning_summary(capsys.readouterr().err) if ".site-cache" in line
    ]
    assert warnings and all(
        "キャッシュを書けませんでした（No space left on device）" in line for line in warnings
    )
    assert tree(out) == filled[0] and tree(content / "data") == filled[1]
