#!/usr/bin/env python3
"""Prints ptymeasure's medians for todo-chat beside the peers' figures and the budgets of design.md."""
import json
import sys

# (summary key, label, unit, budget, peers as design.md quotes them)
ROWS = [
    ("key_cpu_sched_ms", "CPU per typed character", "ms", 0.13, "irssi 0.13, weechat 0.23"),
    ("key_bytes_median", "bytes per typed character (median)", "B", 24, "irssi 4, weechat 7 (+ preview <= 20)"),
    ("idle_wakeups_per_s", "idle wake-ups", "/s", 1.0, "irssi 1.5, calcurse 1.0"),
    ("idle_cpu_sched_ms_per_min", "idle CPU", "ms/min", 10.0, "irssi 10.5"),
    ("startup_first_byte_ms", "start to first byte (first frame)", "ms", 22, "irssi 22, weechat 42"),
    ("startup_quiet_ms", "start to last byte of first frame", "ms", None, ""),
    ("rss_kB", "RSS after start", "kB", 17 * 1024, "weechat 16.9 MB, irssi 10.8 MB"),
    ("redraw_bytes", "full redraw (Ctrl-L) at 120x40", "B", None, ""),
    ("redraw_done_ms", "full redraw time", "ms", None, ""),
    ("resize_bytes", "resize to 80x24", "B", 1300, "irssi 1,137-1,269"),
    ("resize_done_ms", "resize time (until quiet)", "ms", None, ""),
    ("resize_cpu_sched_ms", "resize CPU", "ms", 0.6, "irssi 0.4-0.6"),
]


def main(path):
    with open(path) as f:
        data = json.load(f)
    summary = data["summary_median"]
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"\nptymeasure.py, medians of {len(data['runs'])} runs (load average now {load})")
    print(f"{'what':38} {'todo-chat':>12} {'budget':>10}  peers")
    for key, label, unit, budget, peers in ROWS:
        value = summary.get(key)
        shown = "n/a" if value is None else f"{value:,.3f} {unit}" if value < 10 else f"{value:,.0f} {unit}"
        mark = "" if budget is None or value is None else ("ok" if value <= budget else "OVER")
        print(f"{label:38} {shown:>12} {'' if budget is None else budget:>10}  {peers} {mark}")


if __name__ == "__main__":
    main(sys.argv[1])
