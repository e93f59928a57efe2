"""The chat in --dapr mode with the sidecar up and no task processor: after the core's standard patience
(10 s) the screen says that nothing has answered and counts the waiting tasks in the status bar; a
todo-worker started later applies them from the topic, and the screen says so."""
import sys
import time

import pytest

from tmuxdriver import REPO

sys.path.insert(0, str(REPO / "Tests" / "worker"))

from worker_harness import Publisher, cluster, free_port  # noqa: E402, F401


def status_bar(screen: str) -> str:
    rows = [r for r in screen.splitlines() if r.strip()]
    return rows[-1] if rows else ""


def conversation(screen: str) -> str:
    """The left pane's text, wrapped rows joined (the split layout at 120 columns)."""
    text = " ".join(row.split("│")[0].strip() for row in screen.splitlines()[:-1])
    return " ".join(text.split())


def task_row(screen: str, title: str) -> str:
    return next((row.split("│", 1)[1].rstrip() for row in screen.splitlines() if "│" in row and title in
                 row.split("│", 1)[1]), "")


def test_a_missing_processor_is_said_and_the_tasks_apply_once_a_worker_starts(tmux, binary, chat_env, cluster):
    app_port = free_port()
    # The chat's own stand-in on the cluster's broker, with the chat's resources (deploy/dapr).
    publisher = Publisher(cluster, app_port)
    cluster.publishers.append(publisher)
    sidecar = publisher.sidecar
    target = tmux.start([binary, "--dapr", "--dapr-http-endpoint", sidecar.url, "--app-port", str(app_port)],
                        chat_env)
    tmux.wait_for(target, lambda s: "sidecar up" in status_bar(s) and "0 pending" in status_bar(s), timeout=30,
                  what="the sidecar up in the status bar")
    # Before the first Enter: the chat cannot start timing the processor earlier than this.
    typed = time.monotonic()
    tmux.type(target, "call the plumber")
    tmux.keys(target, "Enter")
    tmux.type(target, "fix the fence")
    tmux.keys(target, "Enter")
    screen = tmux.wait_for(target, lambda s: task_row(s, "fix the fence").endswith("…"), timeout=10,
                           what="the task pending")
    assert "No task processor" not in screen

    screen = tmux.wait_for(target, lambda s: "2 waiting for processor" in status_bar(s), timeout=30,
                           what="the waiting tasks in the status bar")
    waited = time.monotonic() - typed
    assert waited >= 9.5, f"said after {waited:.1f} s, before the processor had 10 s to answer"
    assert ("No task processor has answered for 10 s: 2 tasks are waiting ('call the plumber', 'fix the fence')."
            " Is todo-worker running? They are kept and will be applied when it starts.") in conversation(screen)
    assert status_bar(screen).startswith(" dapr · sidecar up · 0 pending · 2 waiting for processor ")
    assert task_row(screen, "call the plumber").endswith("…")

    cluster.add_worker()
    screen = tmux.wait_for(target, lambda s: "The task processor has answered" in s, timeout=60,
                           what="the tasks applied once the worker runs")
    assert ("The task processor has answered: 'call the plumber', 'fix the fence' applied."
            in conversation(screen))
    assert "waiting" not in status_bar(screen)
    for title in ("call the plumber", "fix the fence"):
        assert not task_row(screen, title).endswith("…"), screen
    assert conversation(screen).count("No task processor") == 1
