"""A Pagefind service that misbehaves, for the tool tests: ``python -m tests.portal.fakepagefind MODE --service``.

Modes: ``silent`` (exits 0 at once, answering nothing), ``fails`` (an error, exit 3), and,
passing every message on to the real Pagefind service, ``truncated`` (a fragment cut in
half), ``emptied`` (an index chunk emptied) or ``short`` (the entry counts one page less),
done to the bundle in the real Pagefind's answer to GetFiles.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys


def _spoil(mode: str, answer: bytes) -> bytes:
    """The GetFiles answer with the bundle spoilt as ``mode`` says."""
    message = json.loads(base64.b64decode(answer[:-1]))
    files = {file["path"]: file for file in message["payload"]["files"]}
    raw = {path: base64.b64decode(file["content"]) for path, file in files.items()}
    if mode == "truncated":
        path = sorted(p for p in files if p.startswith("fragment/"))[0]
        raw[path] = raw[path][: len(raw[path]) // 2]
    elif mode == "emptied":
        raw[sorted(p for p in files if p.startswith("index/"))[0]] = b""
    elif mode == "short":
        entry = json.loads(raw["pagefind-entry.json"])
        entry["languages"]["ja"]["page_count"] -= 1
        raw["pagefind-entry.json"] = json.dumps(entry).encode()
    for path, data in raw.items():
        files[path]["content"] = base64.b64encode(data).decode()
    return base64.b64encode(json.dumps(message).encode()) + b","


def _messages(stream):  # -> Iterator[bytes]: each message, with its trailing comma
    buffered = b""
    while chunk := stream.read1(65536):
        buffered += chunk
        while b"," in buffered:
            message, buffered = buffered.split(b",", 1)
            yield message + b","


def main() -> int:
    """Misbehave as MODE says."""
    mode = sys.argv[1]
    if mode == "silent":
        return 0
    if mode == "fails":
        print("Error: Pagefind could not read its configuration", file=sys.stderr)
        return 3
    real = subprocess.Popen(
        [sys.executable, "-m", "pagefind_bin", "--service"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    answers = _messages(real.stdout)
    for message in _messages(sys.stdin.buffer):
        real.stdin.write(message)
        real.stdin.flush()
        answer = next(answers)
        if json.loads(base64.b64decode(message[:-1]))["payload"]["type"] == "GetFiles":
            answer = _spoil(mode, answer)
        sys.stdout.buffer.write(answer)
        sys.stdout.buffer.flush()
    real.stdin.close()
    return real.wait()


if __name__ == "__main__":
    sys.exit(main())
