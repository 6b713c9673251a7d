"""Fuzz test of the files staff edit beside the sheets (issue 23, items 1 and 6): seeded
mutations of the real ``content/*.yaml`` and ``content/pages/*.md`` (characters XML forbids,
invisible and look-alike characters, YAML's own syntax, numbers past the sheets' limits,
impossible dates, other encodings, lines dropped, repeated or cut, hostile page names,
links and FIFOs) are read by the loader of each file in-process; each case ends in values
or in ``file:line`` problems of the mutated file, within a time limit, never a traceback,
writing nothing. A few seeded cases then run the whole build: a clean build with a
well-formed feed, or the problem lines and the closing line, and nothing beside the site."""

from __future__ import annotations

import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import pytest

from builder.build import check_settings
from builder.catalog.corrections import apply_corrections
from builder.errors import SITE_KEPT, InputError
from builder.pages.prose import load_prose_pages
from builder.parse.stage import parse_content
from builder.records.model import Sheet
from builder.settings.corrections import read_corrections
from builder.settings.departments import load_organisation
from builder.settings.population import read_population
from builder.settings.releases import read_releases
from builder.settings.site import load_site_config
from tests.portal.faultkit import KEPT_BESIDE
from tests.portal.inputkit import build_changed, time_limit
from tests.portal.portalkit import CONTENT, copy_content

SEED = 23
CASES = 2_000
BUILDS = 12  # of them also built in full
CASE_SECONDS = 5
CORRECTIONS = """\
# 訂正の記録（テスト用）
- date: 2026-12-01
  code: "092"
  fiscal_year: 2022
  field: costs[2022].settlement
  old: 9307
  new: 9370
  reason: 決算額の転記誤りを訂正
- date: 2026-12-02
  code: "092"
  fiscal_year: 2022
  field: sdgs
  old: [9]
  new: [9, 17]
  reason: SDGsの追加
- date: 2026-12-03
  code: "092"
  fiscal_year: 2022
  field: indicators[1].values[2020].actual
  old: 685.0
  new: 686.5
  reason: 実績の訂正
- date: 2026-12-04
  code: "045"
  fiscal_year: 2022
  field: department
  old: 政策イノベーション部
  new: 未来計画部
  reason: 組織改正
"""
LOADERS: dict[str, Callable[[Path, list[Sheet]], object]] = {
    "site.yaml": lambda content, _: load_site_config(content),
    "departments.yaml": lambda content, _: load_organisation(content),
    "releases.yaml": lambda content, _: read_releases(content),
    "population.yaml": lambda content, _: read_population(content),
    "corrections.yaml": lambda content, sheets: apply_corrections(
        read_corrections(content), sheets
    ),
}
CHARACTERS = ["\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff",
              "\ufffe", "\U0010ffff", "一", "ー", "ｰ", "Ａ", "・", "（", "）", "(", ")", "<", ">", "&", "&amp;", ":", ": ",
              "- ", "#", " #", "'", '"', "\\", "{", "}", "[", "]", "*", "&a ", "*a", "!", "!!", "|", ">-", "%", "@",
              "`", "?", "~", "\t", "\n", "\r", " ", "  ", "..", "/", "{{ x }}", "<script>", "javascript:"]  # fmt: skip
VALUES = [".inf", "-.inf", ".nan", "1e400", "9" * 16, "9" * 30, str(2**53 + 1), "-1", "0", "99", "999", "0.00000000000001",
          "99999999999999.9", "1979-12-31", "9999-12-31", "2023-02-30", "2024-05-31T10:00:00", "~", "null", "[]", "{}",
          "[99]", "[0, 18]", "&a x", "*a", "!!python/object/apply:os.system ['true']", "!!binary AAAA", "<a href=x>x</a>",
          "../../x", '"\\x01\\e\\uFFFE"', '"政策イノベ\\u200bション部"', "政策イノベ一ション部", "true", "''", '"  "',
          "javascript:alert(1)", "http://", "https://a.example/" + "x" * 300, "x" * 5000]  # fmt: skip
PAGE_NAMES = [
    "...md",
    "..md",
    ".md",
    "projects.md",
    "search.md",
    "feed.xml.md",
    "404.html.md",
    "pagefind.md",
    "a b.md",
    "ＡＢ.md",
    "Glossary.md",
    "x" * 240 + ".md",
    "-a.md",
    "index.html.md",
    "data.md",
]


def _bases() -> dict[str, str]:
    bases = {path.name: path.read_text("utf-8") for path in sorted(CONTENT.glob("*.yaml"))}
    bases["corrections.yaml"] = CORRECTIONS
    bases.update(
        {
            f"pages/{path.name}": path.read_text("utf-8")
            for path in sorted((CONTENT / "pages").glob("*.md"))
        }
    )
    return bases


BASES = _bases()


def _edit_text(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        how = rng.randrange(7)
        if how == 0:
            at = rng.randint(0, len(lines[index]))
            lines[index] = lines[index][:at] + rng.choice(CHARACTERS) + lines[index][at:]
        elif how == 1 and ": " in lines[index]:
            key = lines[index].split(": ", 1)[0]
            lines[index] = f"{key}: {rng.choice(VALUES)}"
        elif how == 2 and lines[index].lstrip().startswith("- "):
            lines[index] = lines[index][: lines[index].index("- ") + 2] + rng.choice(VALUES)
        elif how == 3:
            del lines[index]
        elif how == 4:
            lines.insert(index, lines[rng.randrange(len(lines))])
        elif how == 5:
            lines[index] = " " * rng.randint(0, 6) + lines[index].lstrip()
        else:
            del lines[index + 1 :]
        if not lines:
            lines = [""]
    return "\n".join(lines)


def _encode(rng: random.Random, text: str) -> bytes:
    how = rng.randrange(10)
    if how == 0:
        return text.encode("cp932", errors="replace")
    if how == 1:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if how == 2:
        data = text.encode("utf-8")
        at = rng.randint(0, len(data))
        return data[:at] + rng.choice([b"\xff", b"\xc3", b"\x80\x80", b"\xed\xa0\x80"]) + data[at:]
    return text.encode("utf-8", errors="surrogatepass")


def cases(seed: int = SEED, count: int = CASES) -> Iterator[tuple[int, str, str, bytes]]:
    """(case, file mutated, how it is named in content, its bytes, or b"" for a link or FIFO)."""
    rng = random.Random(seed)
    names = sorted(BASES)
    for case in range(count):
        name = rng.choice(names)
        target = name
        if name.startswith("pages/") and rng.random() < 0.15:
            target = "pages/" + rng.choice(PAGE_NAMES)
        if rng.random() < 0.02:
            yield case, name, target, rng.choice([b"link", b"fifo"])
            continue
        yield case, name, target, _encode(rng, _edit_text(rng, BASES[name]))


def _place(content: Path, name: str, target: str, data: bytes) -> None:
    path = content / target
    if path != content / name:
        (content / name).unlink()
    if data == b"link":
        path.unlink(missing_ok=True)
        path.symlink_to("/etc/hostname")
    elif data == b"fifo":
        path.unlink(missing_ok=True)
        os.mkfifo(path)
    else:
        path.write_bytes(data)


def _restore(content: Path, name: str, target: str) -> None:
    (content / target).unlink()
    for base in sorted({name, target} & BASES.keys()):  # a page may have been placed over another
        (content / base).write_text(BASES[base], encoding="utf-8")


def _check_problems(failure: InputError, data: bytes) -> list[str]:
    """What is wrong with the problems a case stopped at (each at a line of the files read)."""
    wrong = []
    lines = max(
        1, data.count(b"\n") + 1, len(re.split(rb"\r\n|\r|\n|\x85|\xe2\x80\xa8|\xe2\x80\xa9", data))
    )
    for problem in failure.problems:
        path, line = problem.loc.path, problem.loc.line
        if not path.startswith("content/") or not 1 <= line <= lines + 1:
            wrong.append(f"{path}:{line} (the file has {lines} lines)")
        if "\n" in problem.message:
            wrong.append(f"a message of more than one line: {problem.message!r}")
    report = failure.report().splitlines()
    if report[-1] != SITE_KEPT:
        wrong.append(f"last line {report[-1]!r}")
    return wrong


def _run(content: Path, sheets: list[Sheet], name: str, target: str, data: bytes) -> str | None:
    """Load the mutated file in-process; what went wrong, or None."""
    loader = LOADERS.get(name, lambda folder, _: load_prose_pages(folder / "pages"))
    warnings = StringIO()
    try:
        with time_limit(CASE_SECONDS), redirect_stderr(warnings):
            loader(content, sheets)
    except InputError as failure:
        wrong = _check_problems(failure, data)
        if wrong:
            return "; ".join(wrong)
    except TimeoutError:
        return "a hang"
    except Exception as error:
        return f"a traceback: {type(error).__name__}: {error}"
    odd = [
        line
        for line in warnings.getvalue().splitlines()
        if not re.match(r"content/[^:]+(:\d+)?: 警告: ", line)
    ]
    return f"a warning not in the one form: {odd}" if odd else None


@pytest.mark.slow  # thousands of seeded mutations (as tests/parse/test_fuzz.py)
def test_seeded_mutations_of_the_settings_and_pages_load_or_stop_at_a_line(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    sheets = parse_content(CONTENT).sheets
    (content / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    check_settings(content)  # the bases are fine
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    failures, started = [], time.monotonic()
    for case, name, target, data in cases():
        _place(content, name, target, data)
        problem = _run(content, sheets, name, target, data)
        if problem is not None:
            failures.append(f"case {case} ({name} as {target}): {problem}")
        _restore(content, name, target)
    assert failures == [], "\n".join(failures[:20])
    assert (
        sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
    )  # nothing written
    assert time.monotonic() - started < 120


@pytest.mark.slow  # whole builds through the command line (what the conftest's rules cannot see)
@pytest.mark.parametrize("case", range(BUILDS))
def test_a_mutated_setting_or_page_builds_cleanly_or_stops_with_its_lines(
    tmp_path: Path, case: int
) -> None:
    _, name, target, data = next(iter(cases(SEED + 1 + case, 1)))
    outcome = build_changed(
        tmp_path, lambda content: _place(content, name, target, data), seconds=60
    )
    assert not [line for line in outcome.errors if "Traceback" in line]
    assert set(outcome.beside) <= KEPT_BESIDE, outcome.beside
    if outcome.status == 0:
        ElementTree.fromstring((tmp_path / "site" / "feed.xml").read_bytes())
        ElementTree.fromstring((tmp_path / "site" / "sitemap.xml").read_bytes())
    else:
        assert outcome.status == 1 and outcome.errors[-1] == SITE_KEPT and outcome.site_kept, (
            outcome.errors
        )


@pytest.mark.parametrize(
    "heading", [" " * 100_000 + "x", " " * 100_000 + "{#a}", "{#" * 50_000, "\t" * 100_000]
)
def test_a_long_run_in_a_page_heading_loads_in_linear_time(tmp_path: Path, heading: str) -> None:
    pages = tmp_path / "content" / "pages"
    pages.mkdir(parents=True)
    (pages / "data.md").write_text(BASES["pages/data.md"], encoding="utf-8")
    (pages / "long.md").write_text(f"# 題{heading}\n\n本文。\n", encoding="utf-8")
    started = time.perf_counter()
    load_prose_pages(pages)
    assert time.perf_counter() - started < 1.0
