"""dapr_run.py: the `dapr run` look-alike used to try the chat by hand."""

from __future__ import annotations

import os
import subprocess
import sys

from standin_apps import kafka_component

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

APP = """
import json, os, sys, urllib.request
port = os.environ["DAPR_HTTP_PORT"]
assert os.environ["APP_ID"] == "hand-run" and os.environ["APP_PORT"] == "1"
req = urllib.request.Request(f"http://127.0.0.1:{port}/v1.0/healthz/outbound")
assert urllib.request.urlopen(req).status == 204
sys.exit(7)
"""


def test_dapr_run_gives_the_app_the_sidecar_port_and_returns_its_status(tmp_path):
    (tmp_path / "pubsub.yaml").write_text(kafka_component())
    log = tmp_path / "sidecar.log"
    proc = subprocess.run(
        [sys.executable, os.path.join(HERE, "dapr_run.py"), "--app-id", "hand-run", "--app-port", "1",
         "--resources-path", str(tmp_path), "--broker", str(tmp_path / "b.sqlite"), "--sidecar-log", str(log),
         "--", sys.executable, "-c", APP],
        capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 7, proc.stderr
    assert "HTTP server is running" in log.read_text()
    assert proc.stdout == ""  # the stand-in never writes to the app's terminal
