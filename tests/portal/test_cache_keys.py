"""Cache keys nobody keeps by hand: a page's key is the hash of the context it is rendered
from (``builder.write.page_key``), and ``digest`` hashes canonical bytes, not pickle."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from builder.build import TEMPLATES
from builder.catalog.catalog import build_catalog
from builder.pages.opendata import load_open_data
from builder.pages.prose import load_prose_pages
from builder.pages.render import Output, make_environment, write_page
from builder.pages.site_pages import site_outputs
from builder.records.datafile import load_sheet
from builder.records.fields import Field, Record, walk
from builder.records.model import Sheet
from builder.settings.read import read_settings
from builder.settings.site import load_site_config
from builder.util.cache import canonical, digest
from builder.util.segmenter import segment_texts
from builder.write import page_key

ROOT = Path(__file__).resolve().parents[2]
CODE = "092"


def _outputs(content: Path, sheets: list[Sheet]) -> list[Output]:
    """Every output of the site made from ``sheets`` and the settings of ``content``."""
    settings = read_settings(content)
    organisation, collisions = settings.organisation.for_sheets(sheets)
    assert not collisions
    open_data = load_open_data(settings, sheets)
    catalog = build_catalog(list(open_data.sheets), organisation, open_data.population)
    prose = load_prose_pages(content / "pages")
    return site_outputs(catalog, prose, settings.site, open_data, settings.contacts, segment_texts)


def _other(value: object) -> object:
    """A value of the same kind that differs from ``value``."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 7
    if isinstance(value, str):
        return value + "（改）"
    if isinstance(value, tuple):
        return (*value, 3 if all(isinstance(item, int) for item in value) else "追加した項目")
    return "追加した値"  # None


def _changed(record: object, path: str) -> object:
    """``record`` with the value at the data-file path ``path`` changed (in a list: its first item)."""
    name, _, rest = path.partition(".")
    many = name.endswith("[]")
    name = name.removesuffix("[]")
    value = getattr(record, name)
    if many:
        return dataclasses.replace(record, **{name: (_changed(value[0], rest), *value[1:])})  # type: ignore[type-var]
    if rest and value is None:  # an optional record the sheet does not have
        return record
    new = _changed(value, rest) if rest else _other(value)
    return dataclasses.replace(record, **{name: new})  # type: ignore[type-var]


def _fields() -> list[str]:
    """The data-file path of every field of a sheet shown anywhere (not its position in the
    source file, its notes or its schema version)."""
    return [
        path
        for path, node in walk()
        if isinstance(node, Field)
        and not path.startswith(("source.", "notes["))
        and path != "schema_version"
        and not (isinstance(node, Record))
    ]


@pytest.mark.slow  # renders the site once per field of a sheet
def test_changing_any_field_of_a_sheet_changes_the_key_of_every_page_it_changes(built, tmp_path):
    content = built[0]
    sheets = [load_sheet(path) for path in sorted(content.glob("data/*/*.yaml"))]
    env = make_environment(TEMPLATES, load_site_config(content), ())

    def pages(sheets: list[Sheet]) -> dict[str, tuple[str, bytes | None]]:
        """Each page's key, and its bytes when ``base`` has a page of that key (else None)."""
        made = {}
        for output in _outputs(content, sheets):
            context = output.context()
            key = page_key("", output)
            if key in base_keys.get(
                output.url, ("",)
            ):  # taken over: it must be the page it would be
                made[output.url] = (
                    key,
                    write_page(env, tmp_path, output.url, output.template, page=context),
                )
            else:
                made[output.url] = key, None
        return made

    base_keys: dict[str, tuple[str, ...]] = {}
    base = pages(sheets)
    base_keys = {url: (key,) for url, (key, _) in base.items()}
    base = pages(sheets)
    index = next(i for i, sheet in enumerate(sheets) if sheet.code == CODE)
    changed_pages = {}
    for path in _fields():
        sheet = _changed(sheets[index], path)
        if sheet == sheets[index]:
            continue  # a field of a record 092 does not have (戦略プラン)
        changed = pages([*sheets[:index], sheet, *sheets[index + 1 :]])
        stale = [
            url for url, (key, page) in changed.items() if page is not None and page != base[url][1]
        ]
        assert stale == [], f"{path}: pages taken over with other bytes"
        changed_pages[path] = {
            url for url, (key, _) in changed.items() if key != base.get(url, ("", None))[0]
        }
    assert len(changed_pages) > 50
    for (
        path,
        urls,
    ) in (
        changed_pages.items()
    ):  # the sheet's own pages at least (at other URLs for another code or year)
        own = (
            {"/projects/092/", "/projects/092/2022/"}
            if path not in ("code", "fiscal_year")
            else set()
        )
        assert own <= urls and len(urls) >= 2, path
    assert {"/", "/projects/", "/departments/policy-innovation/"} <= changed_pages[
        "name"
    ]  # the lists naming it


@pytest.mark.slow  # two interpreters
def test_digest_is_the_same_in_every_process_whatever_the_order_of_a_set():
    script = (
        "from builder.util.cache import digest; "
        "print(digest({'総務部', '政策イノベーション部', '保健福祉部', '教育局', 'a', 'b', 'c', 'd'}, "
        "frozenset({('x', 1), ('y', 2), ('z', 3)}), {'b': 1, 'a': 2}))"
    )
    hashes = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3", "4")
    }
    assert len(hashes) == 1


def test_canonical_bytes_name_each_value_and_nothing_else():
    assert canonical({"b": 1, "a": (1.5, None, True)}) == canonical(
        {"a": (1.5, None, True), "b": 1}
    )
    assert canonical({3, 1, 2}) == canonical({2, 3, 1}) != canonical({1, 2})
    assert (
        digest("a", "b") != digest("ab") and digest(1) != digest("1") and digest(1) != digest(1.0)
    )
    with pytest.raises(TypeError):
        canonical(object())  # a key never leaves out what it cannot read


def _page_made_in_a_closure(name: str) -> Callable[[], object]:
    def make() -> object:
        return {"title": name}

    return make


def test_a_page_function_reads_nothing_but_its_arguments():
    """Its key is its name and arguments: a lambda, a method or a nested function, which can
    read what it closes over, is refused."""
    title = "事業"
    for make in (
        partial(lambda name: {"title": name}, title),
        partial(_page_made_in_a_closure(title)),
        partial(Path("/").joinpath, title),
    ):
        with pytest.raises(TypeError):
            Output("/a/", "prose.html", None, make=make)
    page = Output("/a/", "prose.html", None, make=partial(canonical, title))
    assert page.inputs() == ("builder.util.cache.canonical", (title,), {})
    assert page_key("", page) != page_key("", replace(page, make=partial(canonical, "別の事業")))
