#!/usr/bin/env python3
"""10,000 task-updates a second into a running chat: does the live pane keep up, and does it coalesce
its redraws to at most 30 a second?

Another process (Benchmarks TerminalFlood) writes renames into the chat's embedded store at --rate for
--seconds, then renames one task to ZZ-FLOOD-DONE; the chat hears them through the store, as it hears
a second terminal's changes. Printed: the rate written, the chat's CPU per second of flood, the redraws
per second (counted by the chat, and as output bursts on the pty), and the lag from the last commit to
ZZ-FLOOD-DONE on screen. Medians over --runs."""
import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

from ptyrun import PtyChat, log_field, median, print_rows


def run_once(a):
    home = tempfile.mkdtemp(prefix="todo-chat-flood-")
    data = os.path.join(home, "todo-chat")
    subprocess.run([a.flood, "--data", data, "--tasks", str(a.tasks)], check=True, capture_output=True)
    chat = PtyChat([a.binary], {"XDG_DATA_HOME": home})
    chat.until_contains(f"{a.tasks} open".encode(), cap=30)
    chat.until_quiet()
    cpu0 = chat.cpu_ms()
    bytes0 = len(chat.output)
    started = chat.now()
    writer = subprocess.Popen([a.flood, "--data", data, "--tasks", str(a.tasks), "--rate", str(a.rate),
                               "--seconds", str(a.seconds)], stdout=subprocess.PIPE, text=True)
    while writer.poll() is None:
        chat.pump(0.05)
    report = json.loads(writer.stdout.read().strip().splitlines()[-1])
    # The writer's wall-clock end, on the pty's clock.
    ended = chat.now() - (time.time() - report["end_unix"])
    seen = chat.until_contains(b"ZZ-FLOOD-DONE", start=bytes0, cap=60)
    cpu1 = chat.cpu_ms()
    chat.until_quiet()
    chat.stop()
    frames = log_field(data, "frames")
    flood_seconds = report["seconds"]
    result = {
        "events_written": report["events"],
        "events_per_s": report["events"] / flood_seconds,
        "chat_cpu_ms_per_s": (cpu1 - cpu0) / (max(seen or ended, ended) - started),
        "redraws_per_s_pty": chat.bursts(started, ended, gap=0.010) / (ended - started),
        "frames_total": frames,
        "lag_ms": None if seen is None else max(0.0, (seen - ended) * 1000),
        "bytes_per_s": (len(chat.output) - bytes0) / (ended - started),
    }
    shutil.rmtree(home)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", required=True, help="the TerminalFlood executable")
    ap.add_argument("--rate", type=int, default=10000)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json")
    a = ap.parse_args()
    runs = [run_once(a) for _ in range(a.runs)]
    medians = {key: median([run[key] for run in runs]) for key in runs[0]}
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"runs": runs, "median": medians}, f, indent=1)
    print_rows(f"live pane flood: {a.rate:,} renames/s asked for {a.seconds:g} s over {a.tasks:,} tasks, "
               f"median of {a.runs} runs", [
                   ("task-updates written per second (TerminalFlood)", round(medians["events_per_s"]), "/s", None),
                   ("redraws per second during the flood (pty bursts)", medians["redraws_per_s_pty"], "/s", 30),
                   ("frames presented, whole run (chat's own count)", medians["frames_total"], "", None),
                   ("chat CPU per second of flood", medians["chat_cpu_ms_per_s"], "ms/s", None),
                   ("bytes to the terminal per second", round(medians["bytes_per_s"]), "B/s", None),
                   ("last commit to its title on screen (lag)", medians["lag_ms"], "ms", None),
               ])


if __name__ == "__main__":
    main()
