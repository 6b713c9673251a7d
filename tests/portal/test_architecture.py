"""The shape of ``builder/``: a package per stage of the pipeline, each importing only from the
stages before it; a small top level; small modules; URLs spelled only in ``builder.util.routes``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import builder

BUILDER = Path(builder.__file__).parent
TEMPLATES = BUILDER.parent / "templates"
# In pipeline order; the top-level modules ``build``, ``cli`` and ``__main__`` run the stages
# (``write``: the pages written into the staging folder, for ``build``).
STAGES = (
    "errors",
    "util",
    "records",
    "settings",
    "parse",
    "catalog",
    "downloads",
    "pages",
    "search",
    "publish",
    "write",
    "build",
    "cli",
    "__main__",
)
MAX_TOP_LEVEL_MODULES = 12
MAX_LINES = 450


def _modules() -> list[Path]:
    return sorted(path for path in BUILDER.rglob("*.py") if "__pycache__" not in path.parts)


def _imported(path: Path) -> set[str]:
    """The builder modules and packages ``path`` imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("builder."):
            found.add(node.module)
        elif isinstance(node, ast.ImportFrom) and node.module == "builder":
            found.update(f"builder.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("builder."))
    return found


def test_every_package_and_module_is_a_known_stage():
    top = {path.relative_to(BUILDER).parts[0].removesuffix(".py") for path in _modules()} - {
        "__init__"
    }
    assert top == set(STAGES)


def test_no_module_imports_from_a_later_stage():
    backwards = []
    for path in _modules():
        stage = path.relative_to(BUILDER).parts[0].removesuffix(".py")
        if stage == "__init__":
            continue
        for name in _imported(path):
            if STAGES.index(name.split(".")[1]) > STAGES.index(stage):
                backwards.append(f"{path.relative_to(BUILDER)} imports {name}")
    assert backwards == []


def test_the_top_level_is_small_and_every_module_short():
    assert len(list(BUILDER.glob("*.py"))) <= MAX_TOP_LEVEL_MODULES
    long = {
        str(path.relative_to(BUILDER)): n
        for path in _modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_package_says_what_its_stage_holds():
    for package in sorted(path.parent for path in BUILDER.rglob("__init__.py")):
        tree = ast.parse((package / "__init__.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), package


def test_templates_take_every_url_from_routes():
    spelled = [
        f"{path.name}: {match.group(0)}"
        for path in sorted(TEMPLATES.iterdir())
        for match in re.finditer(
            r'(?:href|src|action|data-plotly)="/[^"]*"', path.read_text(encoding="utf-8")
        )
    ]
    assert spelled == []
