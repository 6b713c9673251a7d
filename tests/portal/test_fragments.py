"""Shared fragments (builder.pages.fragments): a part rendered once for two pages gives the bytes
of rendering it for each page, and the pages of a project with one sheet do share it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import builder.pages.fragments
from builder.build import build_site
from tests.portal.portalkit import MULTIYEAR_SHEET, copy_content
from tests.portal.test_portal_build import _tree


def _sections(page: bytes) -> bytes:
    """A project page from its summary section to its downloads (the shared part)."""
    return page[page.index(b'<section id="summary"') : page.index("年度別のシート".encode())]


def test_sharing_gives_the_bytes_of_rendering_every_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = copy_content(tmp_path / "content")  # projects with one sheet and with two
    (content / "sheets" / "2023").mkdir()
    shutil.copyfile(MULTIYEAR_SHEET, content / "sheets" / "2023" / MULTIYEAR_SHEET.name)
    build_site(content, tmp_path / "shared")
    monkeypatch.setattr(
        builder.pages.fragments, "KEPT", 0
    )  # every part dropped as soon as it is rendered
    build_site(content, tmp_path / "unshared", clean=True)
    shared, unshared = _tree(tmp_path / "shared"), _tree(tmp_path / "unshared")
    assert shared == unshared
    new = shared["projects/120/index.html"]  # 120: a project with only a 2023 sheet
    assert _sections(new) == _sections(shared["projects/120/2023/index.html"])
    assert b"notice-lifecycle" in new
    multi = shared[
        "projects/092/index.html"
    ]  # two sheets: the latest page shows the merged history
    assert _sections(multi) != _sections(shared["projects/092/2023/index.html"])


def test_a_part_without_a_key_is_rendered_every_time() -> None:
    from jinja2 import Environment

    env = Environment(extensions=[builder.pages.fragments.SharedFragments], autoescape=True)
    template = env.from_string("{% shared key %}{{ value }}{% endshared %}")
    assert template.render(key="k", value="<a>") == "&lt;a&gt;"
    assert template.render(key="k", value="changed") == "&lt;a&gt;"  # same key: the first rendering
    assert template.render(key=None, value="one") == "one"
    assert template.render(key=None, value="two") == "two"


def test_a_reused_part_brings_the_texts_it_marks_for_search() -> None:
    from jinja2 import Environment

    from builder.pages.render import ShownTexts

    env = Environment(extensions=[builder.pages.fragments.SharedFragments], autoescape=True)
    env.globals[builder.pages.fragments.SHOWN_TEXTS] = shown = ShownTexts()
    env.filters["indexed"] = shown.add
    template = env.from_string(
        "{{ name|indexed }}{% shared key %}{{ value|indexed }}{% endshared %}"
    )
    assert template.render(key="k", name="一", value="子育て") == "一子育て"
    assert shown.take() == ("一", "子育て")
    assert template.render(key="k", name="二", value="changed") == "二子育て"  # reused
    assert shown.take() == ("二", "子育て")
