"""Segmenting one long Japanese cell: the time grows with its length, not its square.

    python -m bench.segment_long [--sizes 80000,160000,1000000] [--whole-up-to 160000]

For each size, a text of that many characters made of a real sheet's Japanese sentences
is cut into words by the builder (``builder.util.segmenter.segment_texts``: Node, ICU,
in pieces cut at sentence ends), and, up to ``--whole-up-to`` characters, by ICU on the
whole text at once as the builder did before (one ``Intl.Segmenter`` pass), for
comparison; both must give the same words. Printed: seconds per size and per method.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time

from bench.common import load_now, machine
from builder.util.segmenter import segment_texts

SENTENCES = (
    "市民の健康づくりを推進するため、各種の事業を実施しました。"
    "国際戦略総合特区の取組により、先端技術の社会実装を進めています。"
    "令和4年度は、関係機関との連携を強化し、成果指標の達成に努めました。"
)
WHOLE = (
    'const t=JSON.parse(require("fs").readFileSync(0,"utf8"));'
    'const s=new Intl.Segmenter("ja",{granularity:"word"});'
    "process.stdout.write(JSON.stringify(t.map(x=>Array.from(s.segment(x),y=>y.segment))))"
)


def text_of(size: int) -> str:
    """A Japanese text of ``size`` characters."""
    return (SENTENCES * (size // len(SENTENCES) + 1))[:size]


def timed(function, text: str) -> tuple[float, list[str]]:
    """Seconds and segments of ``function([text])``."""
    started = time.perf_counter()
    segments = function([text])[0]
    return time.perf_counter() - started, segments


def whole(texts: list[str]) -> list[list[str]]:
    """ICU on each whole text in one pass (the builder's segmentation before pieces)."""
    done = subprocess.run(
        ["node", "-e", WHOLE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    """Print the time to segment one long cell, in pieces and whole."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="80000,160000,1000000")
    parser.add_argument("--whole-up-to", type=int, default=160000)
    args = parser.parse_args()
    print("== segmenting one long Japanese cell ==")
    print(machine())
    for size in (int(s) for s in args.sizes.split(",")):
        text = text_of(size)
        seconds, pieces = timed(segment_texts, text)
        line = f"{size:>9,} characters: in pieces {seconds:6.2f} s ({len(pieces):,} segments)"
        if size <= args.whole_up_to:
            whole_seconds, segments = timed(whole, text)
            line += f", whole {whole_seconds:6.2f} s, same words: {segments == pieces}"
        print(f"{line} ({load_now()})")


if __name__ == "__main__":
    main()
