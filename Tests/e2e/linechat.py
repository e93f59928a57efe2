"""The real todo-chat in line mode with stdin and stdout on pipes: lines typed in, lines read out, each
with the moment it arrived, so that a test sees what a person (or a screen reader) would, and when."""
from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path


class LineChat:
    def __init__(self, binary: str | Path, args: list[str], env: dict[str, str], stderr: Path | None = None):
        self.stderr_path = stderr
        self.process = subprocess.Popen(
            [str(binary), "--line", *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=stderr.open("wb") if stderr else subprocess.DEVNULL, env={**os.environ, **env})
        self.raw = b""
        self.lines: list[tuple[float, str]] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while chunk := stream.read1(65536):
            now = time.time()
            with self.lock:
                self.raw += chunk
                *complete, rest = self.raw.split(b"\n")
                for line in complete:
                    self.lines.append((now, line.decode("utf-8", "replace")))
                self.raw = rest

    def say(self, text: str) -> float:
        """Types one line (and Enter); returns the moment it was sent (wall clock, like the lines' stamps)."""
        self.process.stdin.write(text.encode() + b"\n")
        self.process.stdin.flush()
        return time.time()

    def text(self) -> list[str]:
        with self.lock:
            return [line for _, line in self.lines]

    def mark(self) -> int:
        with self.lock:
            return len(self.lines)

    def since(self, mark: int) -> list[tuple[float, str]]:
        with self.lock:
            return self.lines[mark:]

    def wait_for(self, predicate, timeout: float = 10.0, what: str = "", since: int = 0):
        """Polls the printed lines (from `since`) until `predicate(lines)` is truthy (a str: a line
        containing it; the first such (time, line) is returned)."""
        if isinstance(predicate, str):
            needle = predicate
            predicate = lambda lines: next(((t, l) for t, l in lines if needle in l), None)  # noqa: E731
        deadline = time.monotonic() + timeout
        while True:
            found = predicate(self.since(since))
            if found:
                return found
            if time.monotonic() > deadline or self.process.poll() is not None:
                tail = "\n".join(self.text()[-40:])
                err = self.stderr_path.read_text(errors="replace")[-2000:] if self.stderr_path else ""
                raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate!r}; "
                                     f"exit status {self.process.poll()}; last lines:\n{tail}\n{err}")
            time.sleep(0.02)

    def ask(self, text: str, answered, timeout: float = 30.0) -> list[str]:
        """Types `text` and returns the lines printed after its echo until `answered(lines)` holds."""
        start = self.mark()
        self.say(text)
        echo = f"> {text}"

        def reply(lines):
            printed = [line for _, line in lines]
            at = next((i for i, line in enumerate(printed) if line.endswith(echo)), None)
            return printed[at + 1:] if at is not None and answered(printed[at + 1:]) else None

        return self.wait_for(reply, timeout, f"the answer to {text!r}", since=start)

    def close(self, timeout: float = 15.0) -> int:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except BrokenPipeError:
                pass
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode
