#!/usr/bin/env python3
"""RSS with 100,000 conversation lines and 10,000 tasks.

The lines come through line mode on a pipe (a question and its one-line answer per input line), then
TerminalFlood adds the tasks to the same store while the chat is running; the chat hears them, and
RSS is read while it waits for more input."""
import argparse
import json
import os
import subprocess
import tempfile
import time


def status(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":")[0]
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(line.split()[1])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", required=True)
    ap.add_argument("--lines", type=int, default=100000)
    ap.add_argument("--tasks", type=int, default=10000)
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="todo-chat-mem-")
    out_path = os.path.join(home, "out.txt")
    with open(out_path, "w") as out:
        chat = subprocess.Popen([a.binary, "--line", "--clock", "2026-12-01T08:30", "--tz", "UTC"],
                                stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT,
                                env={**os.environ, "XDG_DATA_HOME": home, "TERM": "dumb"})
        started = time.monotonic()
        questions = a.lines // 2
        chat.stdin.write(b"what's overdue?\n" * questions)
        chat.stdin.flush()
        while True:
            with open(out_path, "rb") as f:
                printed = f.read().count(b"\n")
            if printed >= a.lines or chat.poll() is not None:
                break
            time.sleep(0.5)
        typed = time.monotonic() - started
        subprocess.run([a.flood, "--data", os.path.join(home, "todo-chat"), "--tasks", str(a.tasks)], check=True,
                       capture_output=True)
        chat.stdin.write(b"what's overdue?\n")
        chat.stdin.flush()
        time.sleep(3)
        mem = status(chat.pid)
        chat.stdin.close()
        chat.wait(timeout=30)
    print(json.dumps({"conversation_lines": printed, "tasks": a.tasks, "seconds_to_type": round(typed, 1),
                      "rss_kB": mem.get("VmRSS"), "hwm_kB": mem.get("VmHWM")}, indent=1))


if __name__ == "__main__":
    main()
