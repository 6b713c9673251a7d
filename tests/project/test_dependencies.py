"""The Python dependencies: pyproject.toml names the direct ones, requirements/*.lock pins
every package installed (``make lock`` writes them, ``make`` and ``make test`` install them)."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ \\]+)", re.MULTILINE)


def _pins(lock: str) -> dict[str, str]:
    """Package name (canonical) -> pinned version of a lock file."""
    text = (REPO / "requirements" / lock).read_text(encoding="utf-8")
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def _direct(extra: str | None = None) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return [Requirement(line) for line in names]


def test_every_direct_dependency_is_pinned_within_its_range() -> None:
    for lock, requirements in (
        ("main.lock", _direct()),
        ("test.lock", _direct() + _direct("test")),
    ):
        pins = _pins(lock)
        for requirement in requirements:
            pinned = pins.get(canonicalize_name(requirement.name))
            assert pinned is not None, f"{requirement.name} is missing from requirements/{lock}"
            assert requirement.specifier.contains(pinned, prereleases=True), (
                f"{lock}: {requirement} != {pinned}"
            )


def test_the_runtime_lock_agrees_with_the_test_lock() -> None:
    main, test = _pins("main.lock"), _pins("test.lock")
    assert {name: test.get(name) for name in main} == main


def test_every_pinned_package_is_installed_at_its_pinned_version() -> None:
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()
    }
    pins = _pins("test.lock")
    assert {name: installed.get(name) for name in pins} == pins


def test_pyproject_names_no_dependency_of_a_dependency() -> None:
    """Packages pulled in by another direct dependency (pykakasi's Deprecated and wrapt,
    markdown-it-py's mdurl) are the lock's business, not pyproject's. jaconv is pykakasi's too,
    but builder.search.readings imports it itself, so it is a direct dependency."""
    direct = {canonicalize_name(r.name) for r in _direct() + _direct("test")}
    assert not direct & {"deprecated", "wrapt", "mdurl"}
    assert "jaconv" in direct
