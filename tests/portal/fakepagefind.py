"""A Pagefind that misbehaves, for the tool tests: ``python -m tests.portal.fakepagefind MODE <pagefind arguments>``.

Modes: ``silent`` (exit 0, writes nothing), ``fails`` (an error, exit 3), and, after running
the real Pagefind, ``truncated`` (a fragment cut in half), ``emptied`` (an index chunk
emptied), ``short`` (the entry counts one page less) or ``full-disk`` (reports ENOSPC, exit 0).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Misbehave as MODE says."""
    mode, arguments = sys.argv[1], sys.argv[2:]
    if mode == "silent":
        return 0
    if mode == "fails":
        print("Error: Pagefind could not read its configuration", file=sys.stderr)
        return 3
    done = subprocess.run([sys.executable, "-m", "pagefind_bin", *arguments], capture_output=True, text=True)
    bundle = Path(arguments[arguments.index("--output-path") + 1])
    if mode == "truncated":
        fragment = sorted((bundle / "fragment").iterdir())[0]
        fragment.write_bytes(fragment.read_bytes()[: fragment.stat().st_size // 2])
    elif mode == "emptied":
        sorted((bundle / "index").iterdir())[0].write_bytes(b"")
    elif mode == "short":
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        entry["languages"]["ja"]["page_count"] -= 1
        (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    elif mode == "full-disk":
        print(done.stdout + "Error: No space left on device (os error 28)")
        return 0
    print(done.stdout)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
