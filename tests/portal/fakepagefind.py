"""A Pagefind service that misbehaves, for the tool tests: ``python -m tests.portal.fakepagefind MODE --service``.

Modes: ``silent`` (exits 0 at once, answering nothing), ``fails`` (an error, exit 3), and,
passing every message on to the real Pagefind service, ``truncated`` (a fragment cut in
half), ``emptied`` (an index chunk emptied) or ``short`` (the entry counts one page less),
done to the bundle in the real Pagefind's answer to GetFiles, or ``bounded`` (the bundle
as it is, but an error, exit 3, as soon as more than ``IN_FLIGHT`` messages wait for their
answers: the builder must not send every record at once).
"""

from __future__ import annotations

import base64
import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator

from builder.search.pagefind import IN_FLIGHT


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


def _counted(stream) -> Iterator[bytes]:  # stream: BinaryIO
    """The messages of ``stream``, read as soon as they are written (in a thread); exits 3
    when more than ``IN_FLIGHT`` were read before the one now answered was taken."""
    waiting: queue.Queue[bytes | None] = queue.Queue()

    def read() -> None:
        for message in _messages(stream):
            waiting.put(message)
        waiting.put(None)

    threading.Thread(target=read, daemon=True).start()
    while (message := waiting.get()) is not None:
        if waiting.qsize() >= IN_FLIGHT:  # this one and IN_FLIGHT more are waiting
            print(f"Error: {waiting.qsize() + 1} messages waiting", file=sys.stderr, flush=True)
            os._exit(3)  # (sys.exit would wait for the reading thread, which holds stdin)
        yield message


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
    messages = _counted(sys.stdin.buffer) if mode == "bounded" else _messages(sys.stdin.buffer)
    for message in messages:
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
