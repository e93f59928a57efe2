"""Line mode on a pipe and on a terminal, and headless replays: plain text a script or a screen reader can
follow, including what other chats change meanwhile."""
import os
import subprocess
import time
from pathlib import Path

import pytest

from linechat import LineChat
from tmuxdriver import REPO

REPLAYS = Path(__file__).parent / "replays"


def run_chat(binary, args, tmp_path, stdin=""):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path), "TERM": "dumb",
           "LANG": "C.UTF-8", "TZ": "UTC"}
    return subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=60, env=env)


def test_line_mode_on_a_pipe_keeps_the_conversation(binary, tmp_path):
    first = run_chat(binary, ["--clock", "2026-12-01T08:30", "--tz", "UTC"], tmp_path,
                     stdin="buy oat milk tomorrow #errands\n")
    assert first.returncode == 0, first.stderr
    assert "> buy oat milk tomorrow #errands" in first.stdout
    assert "oat milk" in first.stdout.split("> buy oat milk tomorrow #errands", 1)[1]
    assert "\x1b" not in first.stdout, "line mode must print no escape sequences"
    # The task and the history are on disk: a second run sees the task.
    second = run_chat(binary, ["--line", "--clock", "2026-12-01T08:31", "--tz", "UTC"], tmp_path,
                      stdin="what's due tomorrow?\n")
    assert second.returncode == 0, second.stderr
    assert "oat milk" in second.stdout.split("> what's due tomorrow?", 1)[1]
    assert "buy oat milk tomorrow #errands" in (tmp_path / "data" / "todo-chat" / "history").read_text()


def test_tasks_added_within_one_minute_keep_the_order_they_were_typed_in(binary, tmp_path):
    # The real clock: each command is stamped when it is entered, not at the last minute tick, so tasks due
    # the same day are listed (and numbered) in the order they were added.
    names = ["pack bags", "water plants", "call the bank", "buy stamps", "book taxi", "print tickets"]
    stdin = "".join(f"{name} tomorrow\n" for name in names) + "what's due tomorrow?\n"
    result = run_chat(binary, ["--line"], tmp_path, stdin=stdin)
    assert result.returncode == 0, result.stderr
    listing = result.stdout.split("> what's due tomorrow?", 1)[1]
    assert [line.split("'")[1] for line in listing.splitlines() if "'" in line] == names


def test_unwritable_data_dir_is_one_line_and_non_zero(binary, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run_chat(binary, ["--data-dir", str(blocker / "todo-chat")], tmp_path, stdin="")
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("todo-chat: cannot use the data directory"), result.stderr


def test_a_damaged_store_is_one_line_and_left_as_it_was(binary, tmp_path):
    store = tmp_path / "data" / "todo-chat" / "todo-chat.sqlite"
    store.parent.mkdir(parents=True)
    garbage = os.urandom(20000)
    store.write_bytes(garbage)
    result = run_chat(binary, ["--line"], tmp_path, stdin="buy milk\n")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("todo-chat: cannot open the task store"), result.stderr
    assert "the store file is damaged" in lines[0] and "aside" in lines[0]
    assert store.read_bytes() == garbage, "a damaged store must not be overwritten"


def test_headless_needs_a_script(binary, tmp_path):
    result = run_chat(binary, ["--headless"], tmp_path)
    assert result.returncode != 0
    assert "--headless needs --replay" in result.stderr


@pytest.mark.parametrize("script", sorted(p.name for p in REPLAYS.glob("*.replay")) + ["demo"])
def test_golden_transcripts(binary, tmp_path, script):
    path = REPO / "assets" / "demo.replay" if script == "demo" else REPLAYS / script
    golden = REPLAYS / (Path(script).stem + ".golden")
    args = ["--replay", str(path), "--headless", "--clock", "2026-12-01T08:55", "--tz", "Europe/London"]
    result = run_chat(binary, args, tmp_path)
    assert result.returncode == 0, result.stderr
    again = run_chat(binary, args, tmp_path)
    assert again.stdout == result.stdout, "a replay must give the same transcript every time"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(result.stdout)
    assert golden.exists(), f"{golden} is missing: run with UPDATE_GOLDEN=1 and review it"
    assert result.stdout == golden.read_text()


def test_line_mode_prompt_edits_and_remembers_across_runs(tmux, binary, chat_env):
    first = tmux.start([binary, "--line"], chat_env)
    tmux.wait_for(first, lambda s: s.rstrip().endswith(">"), what="the prompt")
    tmux.type(first, "buy milk tomorrow")
    tmux.keys(first, "C-a")
    tmux.type(first, "please ")
    tmux.keys(first, "Enter")
    tmux.wait_for(first, "Added 'buy milk'", what="the reply as a plain line")
    tmux.keys(first, "C-d")
    tmux.wait_for(first, lambda s: tmux.pane_dead(first), what="line mode ending on Ctrl-D")
    second = tmux.start([binary, "--line"], chat_env, name="second")
    tmux.wait_for(second, lambda s: s.rstrip().endswith(">"), what="the prompt")
    tmux.keys(second, "Up")
    tmux.wait_for(second, "> please buy milk tomorrow", what="the line recalled from the history file")


def test_line_mode_on_a_pipe_prints_another_chats_changes_as_they_arrive(binary, tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path), "TERM": "dumb", "LANG": "C.UTF-8",
           "TZ": "UTC"}
    watcher = LineChat(binary, [], env, stderr=tmp_path / "watcher.err")
    try:
        # Once it answers, it is past start-up and listening.
        watcher.ask("list all", lambda lines: len(lines) > 0)
        quiet = watcher.mark()
        other = LineChat(binary, [], env)
        try:
            for command, printed in [("call the plumber tomorrow", "+ 'call the plumber' added"),
                                     ("done call the plumber", "✓ 'call the plumber' done")]:
                other.ask(command, lambda lines: any("'call the plumber'" in line for line in lines))
                answered = time.time()
                # Nothing is typed into the watcher meanwhile: the line comes by itself, promptly.
                arrived, line = watcher.wait_for(printed, timeout=10, what=printed, since=quiet)
                assert arrived - answered < 1.0, f"{printed!r} took {arrived - answered:.2f}s"
                assert "(update)" in line
        finally:
            other.close()
        printed = watcher.since(quiet)
        assert [line for _, line in printed if "(update)" in line] == [
            line for _, line in printed if "plumber" in line], "one line per change, no repeats"
    finally:
        assert watcher.close() == 0
    assert b"\x1b" not in watcher.raw and all("\x1b" not in line for line in watcher.text()), \
        "line mode must print no escape sequences on a pipe"


def test_line_mode_on_a_terminal_prints_arrivals_above_what_is_being_typed(tmux, binary, chat_env):
    watcher = tmux.start([binary, "--line"], chat_env)
    tmux.wait_for(watcher, lambda s: s.rstrip().endswith(">"), what="the prompt")
    tmux.type(watcher, "buy bread")
    tmux.wait_for(watcher, "> buy bread", what="the half-typed line")
    other = subprocess.run([binary, "--line"], input="call mum tomorrow\n", capture_output=True, text=True,
                           timeout=60, env={**os.environ, **chat_env, "TERM": "dumb"})
    assert other.returncode == 0, other.stderr
    screen = tmux.wait_for(watcher, "+ 'call mum' added", timeout=5, what="the other chat's change")
    rows = [row.rstrip() for row in screen.splitlines() if row.strip()]
    assert rows[-2].endswith("(update) + 'call mum' added") and rows[-1] == "> buy bread", screen
    # The line being typed is intact: editing goes on where it was.
    tmux.type(watcher, " today")
    tmux.keys(watcher, "Enter")
    tmux.wait_for(watcher, "Added 'buy bread' · due today", what="the edited line's reply")
    tmux.keys(watcher, "C-d")
    tmux.wait_for(watcher, lambda s: tmux.pane_dead(watcher), what="line mode ending on Ctrl-D")
