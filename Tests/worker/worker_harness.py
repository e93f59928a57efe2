"""Runs todo-worker replicas and chat-side consumers against the stand-in sidecar.

A "cluster" here is one shared stand-in broker (a SQLite file) with:
  * worker replicas: each a stand-in (app-id todo-worker, the resources of deploy/dapr-worker) plus
    the built .build/debug/todo-worker binary as its app;
  * chats: each a stand-in (app-id todo-chat, the resources of deploy/dapr, so each gets its own
    consumer group `todo-chat-{uuid}`) plus a small recording app that subscribes to task-updates
    and reminder.triggered like the chat does.
The events the chat would publish are built here in the wire form of the event contract.
"""

from __future__ import annotations

import datetime as dt
import http.client
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "sidecar"))

from standin.client import Sidecar, wait_for  # noqa: E402

# The benchmark points this at a release build.
WORKER_BINARY = Path(os.environ.get("TODO_WORKER_BINARY", ROOT / ".build" / "debug" / "todo-worker"))
TOPICS = ROOT / "Tests" / "sidecar" / "fixtures" / "topics.yaml"
PUBSUB = "kafka-pubsub"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- resources ---------------------------------------------------------------------------------

def worker_resources(target: Path, retries: int = 3, interval: str = "200ms") -> Path:
    """deploy/dapr-worker, as an operator applies it, with test-sized retries and absolute paths."""
    shutil.copytree(ROOT / "deploy" / "dapr-worker", target)
    store = yaml.safe_load((target / "secretstore.yaml").read_text())
    for item in store["spec"]["metadata"]:
        if item["name"] == "secretsFile":
            item["value"] = str(target / "secrets.local.json")
    (target / "secretstore.yaml").write_text(yaml.safe_dump(store))
    resiliency = yaml.safe_load((target / "resiliency.yaml").read_text())
    resiliency["spec"]["policies"]["retries"]["deliverThenDeadLetter"] = {
        "policy": "constant", "duration": interval, "maxRetries": retries}
    (target / "resiliency.yaml").write_text(yaml.safe_dump(resiliency))
    return target


def chat_resources(target: Path) -> Path:
    """deploy/dapr, the chat's folder, with test-sized retries."""
    shutil.copytree(ROOT / "deploy" / "dapr", target)
    resiliency = yaml.safe_load((target / "resiliency.yaml").read_text())
    resiliency["spec"]["policies"]["retries"]["deliverThenDeadLetter"] = {
        "policy": "constant", "duration": "200ms", "maxRetries": 3}
    (target / "resiliency.yaml").write_text(yaml.safe_dump(resiliency))
    return target


# --- a chat-side consumer ----------------------------------------------------------------------

class ChatConsumer:
    """What the chat does with the bus on its app port: subscribes (programmatically, with
    dead-letter topics) to task-updates and to reminder.triggered, and keeps what arrives."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.lock = threading.Lock()
        consumer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def _reply(self, status: int, body: bytes, ctype: str = "application/json") -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path == "/dapr/subscribe":
                    self._reply(200, json.dumps([
                        {"pubsubname": PUBSUB, "topic": "task-updates", "routes": {"default": "/updates"},
                         "deadLetterTopic": "task-updates-dlq"},
                        {"pubsubname": PUBSUB, "topic": "reminders",
                         "routes": {"rules": [{"match": 'event.type == "reminder.triggered"', "path": "/reminders"}],
                                    "default": "/other-reminders"},
                         "deadLetterTopic": "reminders-dlq"},
                    ]).encode())
                else:
                    self._reply(404, b"")

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path in ("/updates", "/reminders"):
                    event = json.loads(body)
                    event["_received_at"] = time.time()
                    with consumer.lock:
                        consumer.received.append(event)
                self._reply(200, b'{"status":"SUCCESS"}')

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self, type_: str | None = None) -> list[dict]:
        with self.lock:
            return [e for e in self.received if type_ is None or e["type"] == type_]

    def latest_tasks(self) -> dict[str, dict]:
        """The newest task.sync per task (by sequence), as the live pane would show it."""
        tasks: dict[str, dict] = {}
        for e in self.events("task.sync"):
            task = e["data"]
            if task["taskId"] not in tasks or tasks[task["taskId"]]["sequence"] < task["sequence"]:
                tasks[task["taskId"]] = task
        return tasks

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- processes ---------------------------------------------------------------------------------

class WorkerReplica:
    def __init__(self, cluster: "Cluster", name: str):
        self.name = name
        self.app_port = free_port()
        self.admin_port = free_port()
        self.log = cluster.directory / f"{name}.log"
        self.sidecar = Sidecar.start(
            app_id="todo-worker", app_port=self.app_port, resources=[str(cluster.worker_resources)],
            broker=str(cluster.broker), topic_partitions=[str(TOPICS)])
        self.process = subprocess.Popen(
            [str(WORKER_BINARY), "serve", "--port", str(self.app_port), "--admin-port", str(self.admin_port),
             "--dapr-http-port", str(self.sidecar.port)],
            stdout=subprocess.DEVNULL, stderr=self.log.open("w"))
        self.sidecar.wait_ready()

    def get(self, path: str, admin: bool = False) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.admin_port if admin else self.app_port, timeout=10)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()

    def metrics(self) -> dict[str, float]:
        _, body = self.get("/metrics")
        totals: dict[str, float] = {}
        for line in body.decode().splitlines():
            if line and not line.startswith("#"):
                name, value = line.rsplit(" ", 1)
                name = re.sub(r"\{.*\}", "", name)
                totals[name] = totals.get(name, 0) + float(value)
        return totals

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(WORKER_BINARY), "dlq", *args, "--admin", f"http://127.0.0.1:{self.admin_port}"],
            capture_output=True, text=True, timeout=60)

    def kill(self) -> None:
        """The pod dies: the worker and its sidecar, at once, with no chance to finish anything."""
        for proc in (self.process, self.sidecar.proc):
            if proc and proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.sidecar.stop()


class Chat:
    def __init__(self, cluster: "Cluster"):
        self.consumer = ChatConsumer()
        self.sidecar = Sidecar.start(
            app_id="todo-chat", app_port=self.consumer.port, resources=[str(cluster.chat_resources)],
            broker=str(cluster.broker), topic_partitions=[str(TOPICS)])
        self.sidecar.wait_ready()

    def publish(self, event: dict) -> None:
        topic = "reminders" if event["type"].startswith("reminder.") else "task-events"
        r = self.sidecar.publish(PUBSUB, topic, json.dumps(event), "application/cloudevents+json",
                                 metadata={"partitionKey": event["subject"].removeprefix("task/")})
        assert r.status == 204, (r.status, r.body)

    def stop(self) -> None:
        self.sidecar.stop()
        self.consumer.stop()


class Cluster:
    def __init__(self, directory: Path, retries: int = 3):
        if not WORKER_BINARY.exists():
            raise RuntimeError(f"{WORKER_BINARY} is missing: run `swift build` first")
        self.directory = directory
        self.broker = directory / "broker.sqlite"
        self.worker_resources = worker_resources(directory / "worker-resources", retries=retries)
        self.chat_resources = chat_resources(directory / "chat-resources")
        self.workers: list[WorkerReplica] = []
        self.chats: list[Chat] = []

    def add_worker(self) -> WorkerReplica:
        replica = WorkerReplica(self, f"worker-{len(self.workers) + 1}")
        self.workers.append(replica)
        return replica

    def add_chat(self) -> Chat:
        chat = Chat(self)
        self.chats.append(chat)
        return chat

    def worker_logs(self) -> str:
        return "\n".join(f"--- {w.name}\n{w.log.read_text()[-4000:]}" for w in self.workers if w.log.exists())

    def stored_task(self, task_id: str) -> dict | None:
        """The worker's record of a task, read through a live worker sidecar (same app id, same keys)."""
        live = next(w for w in self.workers if w.sidecar.proc.poll() is None)
        r = live.sidecar.request("GET", f"/v1.0/state/todo-state/task:{task_id}")
        return json.loads(r.body) if r.status == 200 else None

    def stop(self) -> None:
        for replica in self.workers:
            replica.stop()
        for chat in self.chats:
            chat.stop()


# --- events in the contract's wire form ---------------------------------------------------------

START = dt.datetime(2026, 11, 27, 9, 0, tzinfo=dt.timezone.utc)


def cloud_event(type_: str, task_id: str, sequence: int, data: dict, event_id: str | None = None,
                time_: dt.datetime = START) -> dict:
    return {
        "specversion": "1.0", "id": event_id or str(uuid.uuid4()), "source": "/todo-chat", "type": type_,
        "subject": f"task/{task_id}", "time": rfc3339(time_), "datacontenttype": "application/json",
        "sequence": f"{sequence:010d}", "correlationid": f"corr-{uuid.uuid4().hex[:8]}", "userid": "ana",
        "traceparent": f"00-{uuid.uuid4().hex}-{uuid.uuid4().hex[:16]}-01", "data": data,
    }


def task_created(task_id: str, title: str, reminders: list | None = None, due: str | None = None) -> dict:
    task = {"taskId": task_id, "title": title, "description": "", "priority": "none", "tags": [],
            "status": "open", "comments": [], "reminders": reminders or [], "occurrencesDone": 0,
            "sequence": 1, "createdAt": rfc3339(START), "updatedAt": rfc3339(START)}
    if due:
        task.update({"dueDate": due, "timeZone": "UTC"})
    return cloud_event("task.created", task_id, 1, task)


def task_retitled(task_id: str, sequence: int, title: str) -> dict:
    return cloud_event("task.updated", task_id, sequence, {"taskId": task_id, "title": title, "clear": []})


def task_tagged(task_id: str, sequence: int, tags: list[str]) -> dict:
    return cloud_event("task.updated", task_id, sequence, {"taskId": task_id, "tags": tags, "clear": []})


def task_status(task_id: str, sequence: int, previous: str, status: str) -> dict:
    return cloud_event("task.status.changed", task_id, sequence,
                       {"taskId": task_id, "previousStatus": previous, "status": status})


def reminder_added(task_id: str, sequence: int, reminder_id: str, fire_at: dt.datetime,
                   title: str) -> list[dict]:
    """What the chat's `remind` decision publishes: the task's new reminder list on task-events, and
    the reminder's schedule on reminders (at the task's sequence)."""
    reminder = {"id": reminder_id, "at": fire_at.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M")}
    return [
        cloud_event("task.updated", task_id, sequence, {"taskId": task_id, "reminders": [reminder], "clear": []}),
        cloud_event("reminder.scheduled", task_id, sequence, {
            "taskId": task_id, "reminder": reminder, "fireAt": rfc3339(fire_at), "title": title}),
    ]

