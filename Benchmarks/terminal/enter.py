#!/usr/bin/env python3
"""Enter -> the update shown in the live pane, embedded mode (budget p99 <= 10 ms).

Types "buy item N" and Enter, --count times, --gap apart, into the release chat in a 120x40 pty. On
Enter the chat shows the task at once as pending ("…"), publishes it to the embedded store, hears the
task-update back and redraws it as synced, with a line in the updates feed. That last redraw is the
last output before the terminal goes quiet: the figure is the time from writing Enter to it."""
import argparse
import json
import os
import shutil
import tempfile

from ptyrun import PtyChat, median, percentile, print_rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--gap", type=float, default=0.15, help="seconds between one Enter and the next line")
    ap.add_argument("--json")
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="todo-chat-enter-")
    chat = PtyChat([a.binary], {"XDG_DATA_HOME": home})
    chat.until_contains(b"Welcome!", cap=30)
    chat.until_quiet()
    shown, first = [], []
    for n in range(a.count):
        chat.send(f"buy item {n}".encode())
        chat.pump(0.05)
        sent = chat.now()
        offset = len(chat.output)
        chat.send(b"\r")
        chat.pump(a.gap)
        after = [t for t, start in chat.chunks if start >= offset]
        if after:
            first.append((after[0] - sent) * 1000)
            shown.append((after[-1] - sent) * 1000)
    chat.stop()
    shutil.rmtree(home)
    result = {"count": len(shown), "shown_ms": shown, "first_output_ms": first}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    print_rows(f"Enter -> update shown in the live pane (embedded), {len(shown)} lines", [
        ("Enter to first output (the line accepted), p50", median(first), "ms", None),
        ("Enter to the synced task on screen, p50", median(shown), "ms", None),
        ("Enter to the synced task on screen, p99", percentile(shown, 99), "ms", 10),
        ("Enter to the synced task on screen, max", max(shown) if shown else None, "ms", None),
    ])


if __name__ == "__main__":
    main()
