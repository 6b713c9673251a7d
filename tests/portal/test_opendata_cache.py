"""The downloads' per-sheet cache: after a change, the open-data stage gives the bytes of a clean
build, and what an unchanged sheet adds to the downloads is taken from the cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.downloads.exports import Exports
from builder.pages.opendata import load_open_data
from builder.parse.stage import parse_content
from builder.settings.read import read_settings
from builder.util.cache import CacheStore
from tests.portal.portalkit import copy_content
from tests.portal.test_incremental import NEW_NAME, OLD_NAME, SHEET
from tests.portal.test_opendata_corrections import write_corrections


def _exports(content: Path, cache: Path | None) -> Exports:
    parsed = parse_content(content)
    return load_open_data(read_settings(content), parsed.sheets, parsed.texts, cache).exports


def _shards(cache: Path) -> dict[str, dict[str, list]]:
    store = CacheStore(cache)
    return {path.stem: store.load(path.stem) for path in cache.glob("exports-*.json")}


def _entries(cache: Path) -> set[str]:
    return {key for values in _shards(cache).values() for key in values}


@pytest.fixture
def cached(tmp_path: Path) -> tuple[Path, Path, Exports]:
    """A content copy, a cache filled by making its downloads, and those downloads."""
    content = copy_content(tmp_path / "content")
    cache = tmp_path / "cache"
    exports = _exports(content, cache)
    assert len(_entries(cache)) == 8  # one per sheet
    return content, cache, exports


def test_one_changed_sheet_gives_the_bytes_of_a_clean_build(
    cached: tuple[Path, Path, Exports],
) -> None:
    content, cache, before = cached
    entries = _entries(cache)
    sheet = content / "sheets" / "2022" / SHEET
    sheet.write_text(
        sheet.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME, 1), encoding="utf-8"
    )

    incremental = _exports(content, cache)
    assert incremental == _exports(content, None)
    changed = {path for path, data in incremental.files.items() if before.files[path] != data}
    assert {
        "data/2022/092.json",
        "data/2022/092-projects.csv",
        "data/projects.csv",
        "data/mieruka-data.json",
        "data/mieruka-data.zip",
    } <= changed
    assert not any(path.startswith("data/2022/094") for path in changed)
    assert json.loads(incremental.files["data/2022/092.json"])["name"] == NEW_NAME
    after = _entries(cache)
    assert (
        len(after) == 8 and len(after & entries) == 7
    )  # the changed sheet's entry replaced, the others kept


def test_an_unchanged_sheet_is_taken_from_the_cache(cached: tuple[Path, Path, Exports]) -> None:
    content, cache, before = cached
    shards = _shards(cache)
    located = {
        json.loads(export[0])["code"]: (name, key, export)
        for name, values in shards.items()
        for key, export in values.items()
    }
    name, key, _ = located["093"]
    shards[name][key] = located["094"][
        2
    ]  # the cache now says 093's JSON is 094's (hashed as written)
    CacheStore(cache).save(name, shards[name])

    exports = _exports(content, cache)
    assert exports.files["data/2022/093.json"] == before.files["data/2022/094.json"]
    assert (
        exports.files["data/2022/093.yaml"] == before.files["data/2022/093.yaml"]
    )  # not cached: the data file


def test_corrections_give_the_bytes_of_a_clean_build(cached: tuple[Path, Path, Exports]) -> None:
    content, cache, before = cached
    write_corrections(content)

    incremental = _exports(content, cache)
    assert incremental == _exports(content, None)
    costs = json.loads(incremental.files["data/2022/092.json"])["costs"]
    assert [c["settlement"] for c in costs if c["fiscal_year"] == 2022] == [9370]
    assert incremental.files["data/2022/093.json"] == before.files["data/2022/093.json"]
    assert len(_entries(cache)) == 8
