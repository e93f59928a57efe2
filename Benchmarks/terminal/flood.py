#!/usr/bin/env python3
"""10,000 task-updates a second into a running chat: does it keep up, and does it coalesce redraws?

Another process (Benchmarks TerminalFlood) writes renames into the chat's embedded store at --rate for
--seconds; the chat hears them through the store like a second terminal's changes. Prints the chat's
CPU, frames presented (from its log), frames per second, and how long after the last commit the final
title was on screen."""
import argparse
import json
import os
import subprocess
import tempfile
import time

from ptyrun import PtyChat, frames_from_log


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", required=True, help="the TerminalFlood executable")
    ap.add_argument("--rate", type=int, default=10000)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--tasks", type=int, default=1000)
    a = ap.parse_args()
    home = tempfile.mkdtemp(prefix="todo-chat-flood-")
    data = os.path.join(home, "todo-chat")
    subprocess.run([a.flood, "--data", data, "--tasks", str(a.tasks)], check=True, capture_output=True)
    chat = PtyChat([a.binary], {"XDG_DATA_HOME": home})
    chat.until_quiet()
    cpu0 = chat.cpu_ms()
    bytes0 = len(chat.output)
    writer = subprocess.Popen([a.flood, "--data", data, "--tasks", str(a.tasks), "--rate", str(a.rate),
                               "--seconds", str(a.seconds)], stdout=subprocess.PIPE, text=True)
    while writer.poll() is None:
        chat.pump(0.05)
    report = json.loads(writer.stdout.read().strip().splitlines()[-1])
    seen = chat.until_contains(b"ZZ-FLOOD-DONE", cap=60)
    lag_ms = None if seen is None else (time.time() - (time.monotonic() - seen) - report["end_unix"]) * 1000
    chat.until_quiet()
    cpu1 = chat.cpu_ms()
    out_bytes = len(chat.output) - bytes0
    chat.stop()
    frames = frames_from_log(data)
    result = {
        "events_written": report["events"], "writer_seconds": round(report["seconds"], 2),
        "events_per_s": round(report["events"] / report["seconds"]),
        "chat_cpu_ms": round(cpu1 - cpu0), "chat_cpu_share": round((cpu1 - cpu0) / 1000 / report["seconds"], 2),
        "frames_total": frames, "frames_per_s_during_flood": frames and round(frames / report["seconds"], 1),
        "bytes_to_terminal": out_bytes,
        "final_update_on_screen_after_last_commit_ms": lag_ms and round(lag_ms),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
