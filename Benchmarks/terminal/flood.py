#!/usr/bin/env python3
"""10,000 task-updates a second into a running chat: how long does the live pane take to absorb them, does it
keep up, and does it coalesce its redraws to at most 30 a second?

Another process (Benchmarks TerminalFlood) writes task-updates into the chat's embedded store for --seconds,
in --commits-per-second paced commits of --rate / --commits-per-second renames each; its last update renames
one task to ZZ-FLOOD-DONE. The chat hears them through the store, as it hears a second terminal's changes.

Printed, medians over --runs: what the writer offered (its achieved rate, commits that fell behind its
schedule, its own CPU per update), then what the chat absorbed: the time from the writer's first commit to
ZZ-FLOOD-DONE on screen, updates absorbed per second over that time, the lag from the last commit to the
screen, redraws per second, the chat's CPU per update and per second, and whether it kept up (lag within
--keep-up-ms: the backlog never grew beyond a few frames)."""
import argparse
import json
import shutil
import subprocess
import time

from ptyrun import log_field, median, print_rows, seeded_chat


def run_once(a):
    chat, home, data = seeded_chat(a.binary, a.flood, a.tasks, prefix="todo-chat-flood-")
    cpu0 = chat.cpu_ms()
    bytes0 = len(chat.output)
    writer = subprocess.Popen([a.flood, "--data", data, "--tasks", str(a.tasks), "--rate", str(a.rate),
                               "--seconds", str(a.seconds), "--commits-per-second", str(a.commits_per_second),
                               "--mode", a.mode], stdout=subprocess.PIPE, text=True)
    while writer.poll() is None:
        chat.pump(0.05)
    report = json.loads(writer.stdout.read().strip().splitlines()[-1])
    # The writer's wall-clock times, on the pty's clock.
    offset = chat.now() - time.time()
    first_commit = report["first_commit_unix"] + offset
    last_commit = report["end_unix"] + offset
    seen = chat.until_contains(b"ZZ-FLOOD-DONE", start=bytes0, cap=60)
    cpu1 = chat.cpu_ms()
    chat.until_quiet()
    chat.stop()
    frames = log_field(data, "frames")
    updates = report["updates"]
    done = seen if seen is not None else chat.now()
    absorb = done - first_commit
    lag_ms = max(0.0, (done - last_commit) * 1000)
    result = {
        "writer_updates": updates,
        "writer_per_s": updates / report["seconds"],
        "writer_late_commits": report["late_commits"],
        "writer_commits": report["commits"],
        "writer_cpu_ms_per_update": report["writer_cpu_s"] * 1000 / updates,
        "absorb_s": absorb,
        "absorbed_per_s": updates / absorb,
        "lag_ms": lag_ms,
        "kept_up": 1 if seen is not None and lag_ms <= a.keep_up_ms else 0,
        "redraws_per_s_pty": chat.bursts(first_commit, done, gap=0.010) / absorb,
        "chat_cpu_ms_per_update": (cpu1 - cpu0) / updates,
        "chat_cpu_ms_per_s": (cpu1 - cpu0) / absorb,
        "frames_total": frames,
        "bytes_per_s": (len(chat.output) - bytes0) / absorb,
    }
    shutil.rmtree(home)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", required=True, help="the TerminalFlood executable")
    ap.add_argument("--rate", type=int, default=10000)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--commits-per-second", type=int, default=100)
    ap.add_argument("--mode", choices=["updates", "commands"], default="updates",
                    help="updates: the writer publishes processor-made task-updates (10,000/s possible here); "
                         "commands: it publishes task-events for its LocalBus to process, as a second chat does")
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep-up-ms", type=float, default=100,
                    help="the chat kept up if the last update was on screen within this of its commit")
    ap.add_argument("--json")
    a = ap.parse_args()
    runs = [run_once(a) for _ in range(a.runs)]
    medians = {key: median([run[key] for run in runs]) for key in runs[0]}
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"runs": runs, "median": medians}, f, indent=1)
    kept = sum(run["kept_up"] for run in runs)
    print_rows(f"live pane flood: {a.rate:,} task-updates/s asked for {a.seconds:g} s in "
               f"{a.commits_per_second} commits/s over {a.tasks:,} tasks ({a.mode}), median of {a.runs} runs", [
                   ("writer: task-updates offered per second", round(medians["writer_per_s"]), "/s", None),
                   ("writer: commits behind schedule", medians["writer_late_commits"], f"of {runs[0]['writer_commits']}", None),
                   ("writer: its CPU per update", medians["writer_cpu_ms_per_update"] * 1000, "µs", None),
                   ("chat: first commit to last update on screen", medians["absorb_s"] * 1000, "ms", None),
                   ("chat: task-updates absorbed per second", round(medians["absorbed_per_s"]), "/s", None),
                   ("chat: last commit to its update on screen (lag)", medians["lag_ms"], "ms", a.keep_up_ms),
                   ("chat: runs that kept up", kept, f"of {a.runs}", None),
                   ("chat: redraws per second (pty bursts)", medians["redraws_per_s_pty"], "/s", 30),
                   ("chat: frames presented, whole run", medians["frames_total"], "", None),
                   ("chat: CPU per task-update", medians["chat_cpu_ms_per_update"] * 1000, "µs", None),
                   ("chat: CPU per second of flood", medians["chat_cpu_ms_per_s"], "ms/s", None),
                   ("chat: bytes to the terminal per second", round(medians["bytes_per_s"]), "B/s", None),
               ])


if __name__ == "__main__":
    main()
