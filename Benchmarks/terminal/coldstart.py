#!/usr/bin/env python3
"""Cold start to first frame with N tasks in the embedded store, and RSS after start."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile

from ptyrun import PtyChat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", required=True, help="the TerminalFlood executable (fills the store)")
    ap.add_argument("--tasks", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    seed = tempfile.mkdtemp(prefix="todo-chat-cold-seed-")
    subprocess.run([a.flood, "--data", os.path.join(seed, "todo-chat"), "--tasks", str(a.tasks)], check=True,
                   capture_output=True)
    first, quiet, rss = [], [], []
    for _ in range(a.runs):
        home = tempfile.mkdtemp(prefix="todo-chat-cold-")
        shutil.copytree(os.path.join(seed, "todo-chat"), os.path.join(home, "todo-chat"))
        subprocess.run(["sync"])
        chat = PtyChat([a.binary], {"XDG_DATA_HOME": home})
        quiet.append(chat.until_quiet() * 1000)
        first.append(chat.first_byte * 1000)
        chat.pump(0.5)
        rss.append(chat.rss_kb())
        chat.stop()
        shutil.rmtree(home)
    print(json.dumps({"tasks": a.tasks, "runs": a.runs,
                      "first_byte_ms_median": round(statistics.median(first), 1),
                      "first_frame_done_ms_median": round(statistics.median(quiet), 1),
                      "rss_kB_median": statistics.median(rss)}, indent=1))


if __name__ == "__main__":
    main()
