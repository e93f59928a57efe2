#!/usr/bin/env python3
"""RSS of the full-screen chat with 100,000 conversation lines and 10,000 tasks (budget <= 150 MB).

The store is seeded with the tasks by TerminalFlood; the chat starts on it in a 120x40 pty, and
--lines / 2 questions are typed into it (each adds the question and its one-line answer to the
conversation). RSS is read once the chat is quiet; the number of conversation lines is the chat's own
count, logged when its screen closes."""
import argparse
import json
import shutil

from ptyrun import log_field, print_rows, seeded_chat


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", required=True)
    ap.add_argument("--flood", required=True, help="the TerminalFlood executable (fills the store)")
    ap.add_argument("--lines", type=int, default=100000)
    ap.add_argument("--tasks", type=int, default=10000)
    ap.add_argument("--question", default="what's overdue?")
    ap.add_argument("--json")
    a = ap.parse_args()
    chat, home, data = seeded_chat(a.binary, a.flood, a.tasks, prefix="todo-chat-mem-")
    at_start = chat.memory_kb()
    started = chat.now()
    line = (a.question + "\r").encode()
    questions = a.lines // 2
    for sent in range(0, questions, 500):
        chat.send(line * min(500, questions - sent))
    chat.until_idle()
    typed = chat.now() - started
    memory = chat.memory_kb()
    chat.stop()
    lines = log_field(data, "transcript")
    shutil.rmtree(home)
    result = {"conversation_lines": lines, "tasks": a.tasks, "seconds_to_type": typed,
              "rss_kB_at_start": at_start.get("VmRSS"), "rss_kB": memory.get("VmRSS"), "hwm_kB": memory.get("VmHWM")}
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f, indent=1)
    print_rows(f"memory: {a.tasks:,} tasks, {questions:,} × '{a.question}' typed in the full-screen chat", [
        ("conversation lines held (chat's own count)", lines, "", None),
        ("seconds to type and answer them", typed, "s", None),
        ("RSS after start with the tasks", at_start.get("VmRSS"), "kB", None),
        ("RSS with the conversation and the tasks", memory.get("VmRSS"), "kB", 150 * 1024),
        ("RSS high-water mark", memory.get("VmHWM"), "kB", None),
    ])


if __name__ == "__main__":
    main()
