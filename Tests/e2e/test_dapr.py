"""The chat in --dapr mode against the project's stand-in sidecar: outages show, pending events drain."""
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from tmuxdriver import REPO

SIDECAR = REPO / "Tests" / "sidecar" / "daprd.py"
RESOURCES = REPO / "Tests" / "sidecar" / "fixtures" / "resources"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sidecar:
    def __init__(self, tmp_path, app_port, http_port):
        self.args = [sys.executable, str(SIDECAR), "--app-id", "todo-chat", "--app-port", str(app_port),
                     "--dapr-http-port", str(http_port), "--resources-path", str(RESOURCES),
                     "--broker", str(tmp_path / "broker.db")]
        self.log = open(tmp_path / "sidecar.log", "ab")
        self.process = None
        self.http_port = http_port

    def start(self):
        self.process = subprocess.Popen(self.args, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.http_port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the stand-in sidecar did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def sidecar(tmp_path):
    car = Sidecar(tmp_path, free_port(), free_port())
    car.app_port = int(car.args[car.args.index("--app-port") + 1])
    car.start()
    try:
        yield car
    finally:
        car.stop()


def status_bar(screen: str) -> str:
    rows = [r for r in screen.splitlines() if r.strip()]
    return rows[-1] if rows else ""


def test_sidecar_outage_shows_and_pending_events_drain(tmux, binary, chat_env, sidecar):
    target = tmux.start([binary, "--dapr", "--dapr-http-endpoint", f"http://127.0.0.1:{sidecar.http_port}",
                         "--app-port", str(sidecar.app_port)], chat_env)
    tmux.wait_for(target, lambda s: "sidecar up" in status_bar(s) and "0 pending" in status_bar(s),
                  timeout=20, what="the sidecar up in the status bar")
    sidecar.stop()
    tmux.type(target, "call the plumber tomorrow")
    tmux.keys(target, "Enter")
    tmux.wait_for(target, lambda s: "1 pending" in status_bar(s), timeout=10, what="the event pending in the outbox")
    tmux.wait_for(target, lambda s: "sidecar down" in status_bar(s), timeout=30, what="the outage in the status bar")
    sidecar.start()
    tmux.wait_for(target, lambda s: "sidecar up" in status_bar(s) and "0 pending" in status_bar(s),
                  timeout=30, what="the pending event drained once the sidecar is back")


def test_missing_sidecar_is_one_line_and_non_zero(binary, tmp_path):
    port = free_port()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path), "TERM": "dumb"}
    result = subprocess.run([binary, "--dapr", "--dapr-http-endpoint", f"http://127.0.0.1:{port}",
                             "--app-port", str(free_port())], input="", capture_output=True, text=True,
                            timeout=30, env=env)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("todo-chat: cannot reach the Dapr sidecar"), result.stderr
