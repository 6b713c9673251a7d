"""The search bundle's filter and metadata files are rewritten in a fixed order."""

from __future__ import annotations

import gzip
from pathlib import Path

import cbor2

from builder.build import build_site
from builder.search.bundle import SIGNATURE
from tests.portal.portalkit import copy_content
from tests.portal.test_portal_build import _tree


def _decoded(path: Path) -> object:
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])


def test_filters_are_sorted_and_named_by_their_bytes(site: Path) -> None:
    bundle = site / "pagefind"
    filters = sorted((bundle / "filter").glob("*.pf_filter"))
    assert filters
    for path in filters:
        name, values = _decoded(path)
        assert [value for value, _ in values] == sorted(value for value, _ in values), name
        assert all(pages == sorted(pages) for _, pages in values)
    (meta,) = bundle.glob("pagefind.*.pf_meta")
    stems = {p.stem for p in filters}
    (listed,) = [
        item
        for item in _decoded(meta)
        if isinstance(item, list)
        and item
        and all(isinstance(pair, list) and len(pair) == 2 and pair[1] in stems for pair in item)
    ]
    assert listed == sorted(listed) and {file for _, file in listed} == stems
    assert (
        f'"hash":"{meta.name.removeprefix("pagefind.").removesuffix(".pf_meta")}"'
        in (bundle / "pagefind-entry.json").read_text()
    )


def test_pages_taken_over_without_their_records_are_rendered_again_for_them(
    tmp_path: Path, site: Path
) -> None:
    content, out = copy_content(tmp_path / "content"), tmp_path / "site"
    build_site(content, out)
    for shard in (tmp_path / ".site-cache").glob("search-records-*.json"):
        shard.unlink()  # the pages are taken over, their records are not in the cache
    report = build_site(content, out)
    assert report.pages_reused == report.pages
    bundle = _tree(out / "pagefind")
    assert bundle == _tree(site / "pagefind")
