#!/usr/bin/env python3
"""Start to first frame, and to the frame that shows the stored tasks, with N tasks in the embedded
store (0: a first run); RSS after start.

Each run copies a store seeded once by TerminalFlood into a fresh XDG_DATA_HOME and starts the release
chat in a 120x40 pty. The first frame is painted while the store opens (it is complete when its last
row, the status bar, is out); the tasks frame is the first output that contains "N open" (the live pane's title) or, with an empty store, the welcome line.
Budgets (design.md): first frame with an empty store <= 22 ms, RSS after start <= 17 MB, the 10,000
tasks on screen <= 150 ms."""
import argparse
import json
import os
import shutil
import subprocess
import tempfile

from ptyrun import PtyChat, median, print_rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", help="the TerminalFlood executable (fills the store); not needed for --tasks 0")
    ap.add_argument("--tasks", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", help="also write the runs and medians here")
    a = ap.parse_args()
    seed = tempfile.mkdtemp(prefix="todo-chat-cold-seed-")
    if a.tasks:
        subprocess.run([a.flood, "--data", os.path.join(seed, "todo-chat"), "--tasks", str(a.tasks)], check=True,
                       capture_output=True)
    needle = f"{a.tasks} open".encode() if a.tasks else "Welcome!".encode()
    runs = []
    for _ in range(a.runs):
        home = tempfile.mkdtemp(prefix="todo-chat-cold-")
        if a.tasks:
            shutil.copytree(os.path.join(seed, "todo-chat"), os.path.join(home, "todo-chat"))
        subprocess.run(["sync"])
        chat = PtyChat([a.binary], {"XDG_DATA_HOME": home})
        # Curses draws top to bottom: the status bar (" embedded · 0 pending ") is the frame's last row.
        first_frame = chat.until_contains(b"pending", cap=30)
        first_frame_cpu = chat.main_thread_cpu_ms()
        shown = chat.until_contains(needle, cap=30)
        chat.until_quiet()
        chat.pump(1.0)  # ptymeasure.py's settle, before it reads RSS
        memory = chat.memory_kb()
        chat.stop()
        shutil.rmtree(home)
        runs.append({"first_byte_ms": chat.first_byte * 1000, "first_frame_ms": first_frame * 1000,
                     "first_frame_cpu_ms": first_frame_cpu,
                     "tasks_shown_ms": shown and shown * 1000, "rss_kB": memory.get("VmRSS"),
                     "hwm_kB": memory.get("VmHWM")})
    shutil.rmtree(seed)
    medians = {key: median([run[key] for run in runs]) for key in runs[0]}
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"tasks": a.tasks, "runs": runs, "median": medians}, f, indent=1)
    what = "the tasks" if a.tasks else "the welcome line (store open)"
    print_rows(f"cold start, {a.tasks:,} tasks in the embedded store, median of {a.runs} runs", [
        ("start to first byte", medians["first_byte_ms"], "ms", None),
        ("start to first frame drawn", medians["first_frame_ms"], "ms", None if a.tasks else 22),
        ("terminal thread's CPU until then", medians["first_frame_cpu_ms"], "ms", None),
        (f"start to {what} on screen", medians["tasks_shown_ms"], "ms", 150 if a.tasks else None),
        ("RSS after start (1 s settle)", medians["rss_kB"], "kB", None if a.tasks else 17 * 1024),
        ("RSS high-water mark", medians["hwm_kB"], "kB", None),
    ])


if __name__ == "__main__":
    main()
