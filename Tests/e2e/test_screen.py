"""The full-screen chat in a real terminal (tmux): typing, resizing, suspending, quitting."""
import os
import re
import signal
import subprocess
import time

import pytest


STATUS_BAR = " embedded · "


def start_chat(tmux, binary, chat_env, extra=()):
    target = tmux.start([binary, *extra], chat_env)
    tmux.wait_for(target, STATUS_BAR, what="the first frame")
    return target


def start_shell(tmux, chat_env):
    """An interactive bash in the pane, so that job control (Ctrl-Z, fg) and exit statuses work."""
    target = tmux.start(None, chat_env)
    tmux.wait_for(target, "$", what="the shell prompt")
    return target


def test_typed_line_becomes_a_task_in_the_live_pane(tmux, binary, chat_env):
    target = start_chat(tmux, binary, chat_env)
    tmux.type(target, "buy oat milk tomorrow #errands")
    # The preview says what Enter will do before it is pressed.
    tmux.wait_for(target, "oat milk", what="the typed text")
    tmux.keys(target, "Enter")
    screen = tmux.wait_for(target, lambda s: s.count("oat milk") >= 2, what="the task in the live pane")
    assert "#errands" in screen or "errands" in screen


def test_wide_characters_take_their_cells(tmux, binary, chat_env):
    target = start_chat(tmux, binary, chat_env)
    tmux.type(target, "買い物 🍎 apples")
    tmux.keys(target, "Enter")
    screen = tmux.wait_for(target, lambda s: s.count("apples") >= 2, what="the task with wide characters")
    # Every row is still within the pane: a miscounted width would push the right border out.
    for row in screen.splitlines():
        assert len(row) <= 120


def test_resize_below_minimum_and_back(tmux, binary, chat_env):
    target = start_chat(tmux, binary, chat_env)
    tmux.type(target, "pay rent on friday #home")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, lambda s: s.count("pay rent") >= 2, what="the task")
    tmux.resize(target, 60, 20)
    narrow = tmux.wait_for(target, lambda s: max(len(r) for r in s.splitlines() or [""]) <= 60 and "pay rent" in s,
                           what="the stacked layout at 60x20")
    assert "pay rent" in narrow
    tmux.resize(target, 30, 10)
    tmux.wait_for(target, lambda s: "small" in s.lower(), what="the too-small notice at 30x10")
    tmux.resize(target, 40, 12)
    tmux.wait_for(target, lambda s: "small" not in s.lower() and s.strip() != "", what="the layout at 40x12")
    tmux.resize(target, 120, 40)
    tmux.wait_for(target, lambda s: s.count("pay rent") >= 2, what="both panes again at 120x40")


def test_ctrl_l_and_resize_repaint_over_foreign_output(tmux, binary, chat_env):
    target = start_chat(tmux, binary, chat_env)
    tmux.type(target, "pay rent tomorrow 9am #home p1")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, lambda s: s.count("pay rent") >= 2, what="the task in both panes")
    tmux.type(target, "call mom 買い物")
    tmux.wait_for(target, "Add 'call mom 買い物'", what="the preview")
    before = tmux.capture_cells(target)
    # Someone else's output lands on the screen: colours, reverse video, text over both panes.
    with open(tmux.pane_tty(target), "w") as tty:
        tty.write("\x1b[31;7mFOREIGN OUTPUT\x1b[5;60Hmore of it\x1b[40;100Hand here\x1b[0m")
    tmux.wait_for(target, "FOREIGN OUTPUT", what="the foreign output on screen")
    tmux.keys(target, "C-l")
    deadline = time.monotonic() + 5
    while tmux.capture_cells(target) != before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert tmux.capture_cells(target) == before
    # The cursor is back at the end of the input line, and curses still knows what is on screen: the next
    # key lands where it should.
    tmux.type(target, "!")
    tmux.wait_for(target, "› call mom 買い物!", what="the next key after the repaint")
    # A resize is a whole repaint too: the new layout, and the cursor where the next key goes.
    tmux.resize(target, 80, 24)
    narrow = tmux.wait_for(target, lambda s: max(len(r) for r in s.splitlines() or [""]) <= 80
                           and "› call mom 買い物!" in s, what="the layout at 80x24")
    assert STATUS_BAR in narrow.rstrip("\n").splitlines()[-1]
    tmux.type(target, "?")
    tmux.wait_for(target, "› call mom 買い物!?", what="the next key after the resize")


def test_ctrl_z_suspends_and_fg_redraws(tmux, binary, chat_env):
    target = start_shell(tmux, chat_env)
    tmux.type(target, f"{binary}")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, STATUS_BAR, what="the chat's first frame")
    tmux.type(target, "file the tax return")
    tmux.wait_for(target, "file the tax return", what="the chat with typed text")
    tmux.keys(target, "C-z")
    tmux.wait_for(target, "Stopped", what="the shell reporting the stopped job")
    tmux.type(target, "echo suspended-ok")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, "suspended-ok\n", what="the shell usable while the chat is stopped")
    tmux.type(target, "fg")
    tmux.keys(target, "Enter")
    # The whole screen comes back, the half-typed line included.
    tmux.wait_for(target, lambda s: "› file the tax return" in s and "suspended-ok" not in s, what="the full redraw")


def terminal_is_restored(tmux, target, marker):
    """Echo and canonical mode are back: the typed command shows, and so does its output."""
    tmux.type(target, f"stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; echo {marker}=$?")
    tmux.keys(target, "Enter")
    screen = tmux.wait_for(target, f"{marker}=0", what="the shell after the chat")
    result = next(line for line in screen.splitlines() if line.endswith(f"{marker}=0"))
    assert set(result.split()[:2]) == {"echo", "icanon"}, result


def start_chat_under_shell(tmux, target, binary, chat_env):
    """Runs the chat as a job of the pane's shell; its pid, and a status line printed when it ends.
    The pid goes to a file: echoed on screen, the chat's first frame can clear it before it is read."""
    pid_file = os.path.join(chat_env["HOME"], "chat.pid")
    tmux.type(target, f"{binary} & echo $! > {pid_file}; fg; echo \"st\"atus=$?")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, STATUS_BAR, what="the chat's first frame")
    with open(pid_file) as f:
        return int(f.read())


def test_ctrl_c_clears_the_line_then_quits_and_restores_the_terminal(tmux, binary, chat_env):
    target = start_shell(tmux, chat_env)
    start_chat_under_shell(tmux, target, binary, chat_env)
    tmux.type(target, "half a thought")
    tmux.wait_for(target, "› half a thought", what="the typed text")
    tmux.keys(target, "C-c")
    tmux.wait_for(target, lambda s: "half a thought" not in s, what="the line cleared by Ctrl-C")
    tmux.keys(target, "C-c")
    tmux.wait_for(target, "status=0", what="exit status 0 after Ctrl-C on an empty line")
    terminal_is_restored(tmux, target, "after-ctrl-c")


@pytest.mark.parametrize("signo", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGSEGV])
def test_signals_from_outside_restore_the_terminal(tmux, binary, chat_env, signo):
    target = start_shell(tmux, chat_env)
    pid = start_chat_under_shell(tmux, target, binary, chat_env)
    os.kill(pid, signo)
    tmux.wait_for(target, f"status={128 + signo}", timeout=20, what=f"exit status {128 + signo} after signal {signo}")
    terminal_is_restored(tmux, target, "after-signal")


def test_terminal_gone_ends_the_process(tmux, binary, chat_env):
    target = start_shell(tmux, chat_env)
    pid = start_chat_under_shell(tmux, target, binary, chat_env)
    tmux.tmux("kill-session", "-t", target)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z":
            return
        time.sleep(0.05)
    raise AssertionError("the chat kept running after its terminal went away")


def test_a_store_that_cannot_be_written_holds_what_is_typed_and_saves_it_later(tmux, binary, chat_env):
    # Writes that fail the way a full disk makes them fail, without privileges: a file-size limit put on
    # the running chat from outside (prlimit), lifted later.
    target = start_shell(tmux, chat_env)
    pid = start_chat_under_shell(tmux, target, binary, chat_env)
    tmux.type(target, "first saved task")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, "+ 'first saved task' added", what="the first task saved and echoed")
    subprocess.run(["prlimit", f"--pid={pid}", "--fsize=0:unlimited"], check=True)
    for title in ["second task", "third task"]:
        tmux.type(target, f"{title} tomorrow")
        tmux.keys(target, "Enter")
    screen = tmux.wait_for(target, "Not saved yet either: 'third task'", what="the refused writes said")
    assert "Not saved yet: 'second task'" in screen
    assert "· 2 unsaved" in screen.splitlines()[-1]
    tmux.keys(target, "C-c")
    tmux.wait_for(target, "Quit again to quit anyway", what="the warning before losing them")
    subprocess.run(["prlimit", f"--pid={pid}", "--fsize=unlimited:unlimited"], check=True)
    screen = tmux.wait_for(target, "Saved 'second task', 'third task' after all.", timeout=15,
                           what="the held tasks saved once writes work again")
    assert "unsaved" not in screen.splitlines()[-1]
    tmux.keys(target, "C-c")
    tmux.wait_for(target, "status=0", what="a clean exit with nothing held")
    second = tmux.start([binary, "--line"], chat_env, name="second")
    tmux.wait_for(second, lambda s: s.rstrip().endswith(">"), what="the line-mode prompt")
    tmux.type(second, "what's due tomorrow?")
    tmux.keys(second, "Enter")
    tmux.wait_for(second, lambda s: "second task" in s and "third task" in s, what="both tasks on disk")


def test_two_chats_on_one_data_dir_see_each_other(tmux, binary, chat_env):
    first = start_chat(tmux, binary, chat_env)
    second = tmux.start([binary], chat_env, name="second")
    tmux.wait_for(second, STATUS_BAR, what="the second chat")
    tmux.type(first, "renew the passport #admin")
    tmux.keys(first, "Enter")
    started = time.monotonic()
    tmux.wait_for(second, "renew the passport", timeout=5, what="the task in the other chat")
    assert time.monotonic() - started < 1.0 + 0.5  # within a second, plus tmux's polling


def test_no_color_and_monochrome_still_draw(tmux, binary, chat_env):
    target = start_chat(tmux, binary, {**chat_env, "NO_COLOR": "1"})
    tmux.type(target, "take out the recycling #home")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, lambda s: s.count("take out the recycling") >= 2, what="the task under NO_COLOR")
    mono = tmux.start([binary], {**chat_env, "TERM": "vt100"}, name="mono")
    tmux.wait_for(mono, "take out the recycling", what="the task on a monochrome vt100")
