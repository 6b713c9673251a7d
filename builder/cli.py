"""Command line: ``python -m builder <command>``; the Makefile targets call these."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from pathlib import Path

from builder.errors import BuildFailure, OutputError

DEFAULT_CONTENT = Path("content")
DEFAULT_SITE = Path("site")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m builder",
        description="Mieruka (見える化): turn 事務事業マネジメントシート into data files and a static site.",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=DEFAULT_CONTENT,
        help="content folder holding sheets/, data/ and pages/ (default: content)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("data", help="parse content/sheets/ and (re)write content/data/")
    build = commands.add_parser("build", help="write the data files, then build the site")
    build.add_argument(
        "--out", type=Path, default=DEFAULT_SITE, help="output folder (default: site)"
    )
    build.add_argument(
        "--clean",
        action="store_true",
        help="ignore what earlier builds left in the cache (.<out>-cache) and rebuild everything",
    )
    serve = commands.add_parser("serve", help="preview the built site on http://127.0.0.1:8000")
    serve.add_argument(
        "--out", type=Path, default=DEFAULT_SITE, help="folder to serve (default: site)"
    )
    serve.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    for stream in (
        sys.stdout,
        sys.stderr,
    ):  # a terminal or log that cannot show Japanese gets escapes, not a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = _parser().parse_args(argv)
    try:
        if args.command == "data":
            from builder.parse.stage import write_data

            write_data(args.content)
        elif args.command == "build":
            summary = None if args.clean else _unchanged_summary(args.content, args.out)
            if summary is None:
                from builder.build import build_site

                summary = build_site(args.content, args.out, clean=args.clean).summary()
            _print_after_publishing(summary)
        elif args.command == "serve":
            from builder.publish.serve import serve

            serve(args.out, args.port)
    except BuildFailure as failure:
        print(failure.report(), file=sys.stderr)
        return 1
    except OSError as error:  # e.g. ``make data`` on a full disk
        print(OutputError.of(error).report(), file=sys.stderr)
        return 1
    return 0


def _unchanged_summary(content: Path, out: Path) -> str | None:
    """The summary of a build that finds nothing changed since the last one (see
    ``builder.publish.unchanged``), checked before the rest of the builder is imported;
    None when there is something to build."""
    from builder.publish.swap import BuildLock, remove_leftovers
    from builder.publish.unchanged import (
        ASSETS,
        TEMPLATES,
        UNCHANGED_STAGE,
        inputs_digest,
        unchanged,
    )
    from builder.util.progress import stage_lines

    started = time.perf_counter()
    with BuildLock(out):
        remove_leftovers(out)
        last = unchanged(content, out, inputs_digest(content, TEMPLATES, ASSETS))
    if last is None:
        return None
    return f"{last.results}\n{stage_lines(((UNCHANGED_STAGE, time.perf_counter() - started),))}"


def _print_after_publishing(text: str) -> None:
    """Print the summary of a build whose site is already live: an output that cannot take it
    (closed, full) must not report the build as failed."""
    with contextlib.suppress(OSError, ValueError):
        print(text, flush=True)
