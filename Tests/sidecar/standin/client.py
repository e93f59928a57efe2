"""A small client for tests: start a stand-in process, call its Dapr API and its test hooks.

    from standin.client import Sidecar
    with Sidecar.start(app_id="todo-chat", app_port=8080, resources=["deploy/dapr"],
                       broker=str(tmp_path / "broker.sqlite"), topic_partitions=["task-events=3"]) as sc:
        sc.wait_ready()
        sc.publish("kafka-pubsub", "task-events", b'{"a":1}', "application/json")
        records = sc.published(topic="task-events")

Only the standard library is used, so any test (Python, or a script driving Swift) can import it
with `sys.path.insert(0, "Tests/sidecar")`.
"""

from __future__ import annotations

import http.client
import json
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urlencode

DAPRD = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "daprd.py")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


class Sidecar:
    def __init__(self, port: int, proc: subprocess.Popen | None = None, token: str | None = None):
        self.port = port
        self.proc = proc
        self.token = token
        self.stderr_lines: list[str] = []

    # -- process --------------------------------------------------------------------------------
    @classmethod
    def start(
        cls,
        app_id: str,
        app_port: int | None = None,
        resources: list[str] | None = None,
        broker: str | None = None,
        topic_partitions: list[str] | None = None,
        env: dict[str, str] | None = None,
        extra_args: list[str] | None = None,
        timeout: float = 15,
        cwd: str | None = None,
    ) -> "Sidecar":
        """Launch daprd.py on a free port and wait for its `listening` line.

        `cwd` matters for relative paths inside the resources (a local secret store's file).
        """
        cmd = [sys.executable, DAPRD, "--app-id", app_id, "--dapr-http-port", "0"]
        if app_port:
            cmd += ["--app-port", str(app_port)]
        for r in resources or []:
            cmd += ["--resources-path", r]
        if broker:
            cmd += ["--broker", broker]
        for t in topic_partitions or []:
            cmd += ["--topic-partitions", t]
        cmd += extra_args or []
        full_env = dict(os.environ)
        full_env.update(env or {})
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env, text=True,
                                cwd=cwd)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
        sc = cls(0, proc, full_env.get("DAPR_API_TOKEN"))
        threading.Thread(target=lambda: [sc.stderr_lines.append(x) for x in proc.stderr], daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.1)
            except queue.Empty:
                if proc.poll() is not None:
                    time.sleep(0.1)
                    raise RuntimeError(f"stand-in exited with {proc.returncode}: {''.join(sc.stderr_lines)}")
                continue
            if line.startswith("standin-daprd listening on "):
                sc.port = int(line.rsplit(":", 1)[1])
                return sc
        proc.kill()
        raise RuntimeError("stand-in did not start in time")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    # -- HTTP -----------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None, token: bool = True) -> Response:
        h = dict(headers or {})
        if token and self.token and "dapr-api-token" not in h:
            h["dapr-api-token"] = self.token
        if isinstance(body, str):
            body = body.encode()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=h)
            r = conn.getresponse()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def publish(self, pubsub: str, topic: str, body: bytes | str, content_type: str | None = None,
                metadata: dict[str, str] | None = None, headers: dict[str, str] | None = None) -> Response:
        h = dict(headers or {})
        if content_type is not None:
            h["Content-Type"] = content_type
        q = ("?" + urlencode({f"metadata.{k}": v for k, v in metadata.items()})) if metadata else ""
        return self.request("POST", f"/v1.0/publish/{quote(pubsub)}/{quote(topic)}{q}", body, h)

    def _hook(self, method: str, path: str, args: dict | None = None):
        r = self.request(method, "/_standin/" + path, json.dumps(args).encode() if args is not None else None,
                         token=False)
        if r.status >= 400:
            raise RuntimeError(f"hook {path}: {r.status} {r.body!r}")
        return r.json() if r.body else None

    # -- hooks ----------------------------------------------------------------------------------
    def status(self) -> dict:
        return self._hook("GET", "status")

    def fail_next_publishes(self, count: int, error: str | None = None, topic: str | None = None) -> None:
        self._hook("POST", "faults/publish/fail", {"count": count, "error": error, "topic": topic})

    def delay_next_publishes(self, count: int, seconds: float, topic: str | None = None) -> None:
        self._hook("POST", "faults/publish/delay", {"count": count, "seconds": seconds, "topic": topic})

    def clear_faults(self) -> None:
        self._hook("DELETE", "faults")

    def pause_delivery(self) -> None:
        self._hook("POST", "delivery/pause")

    def resume_delivery(self) -> None:
        self._hook("POST", "delivery/resume")

    def published(self, topic: str | None = None, pubsub: str | None = None, producer: str | None = None) -> list:
        q = {k: v for k, v in (("topic", topic), ("pubsub", pubsub), ("producer", producer)) if v}
        return self._hook("GET", "published" + ("?" + urlencode(q) if q else ""))

    def dead_letters(self, topic: str | None = None, pubsub: str | None = None) -> list:
        q = {k: v for k, v in (("topic", topic), ("pubsub", pubsub)) if v}
        return self._hook("GET", "deadletters" + ("?" + urlencode(q) if q else ""))

    def deliveries(self) -> list:
        return self._hook("GET", "deliveries")

    def job_triggers(self) -> list:
        return self._hook("GET", "jobs/triggers")

    def groups(self) -> list:
        return self._hook("GET", "groups")

    def reset(self, broker: bool = False) -> None:
        self._hook("POST", "reset", {"broker": broker})

    def wait_ready(self, timeout: float = 15) -> None:
        """Until GET /v1.0/healthz answers 204 (the app port is open and subscriptions are running)."""
        wait_for(lambda: self.request("GET", "/v1.0/healthz", token=False).status == 204, timeout,
                 "stand-in healthz")

    def wait_assigned(self, count: int, timeout: float = 15) -> None:
        """Until this member owns `count` partitions (after a rebalance, say)."""
        wait_for(lambda: len(self.status()["assignments"]) == count, timeout, f"{count} partitions assigned")


def wait_for(predicate, timeout: float = 10, what: str = "condition", interval: float = 0.02):
    """Poll `predicate` until it returns a truthy value; returns that value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(interval)
