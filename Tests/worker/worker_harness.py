"""Runs todo-worker replicas and real chats against the stand-in sidecar.

A "cluster" here is one shared stand-in broker (a SQLite file) with:
  * worker replicas: each a stand-in (app-id todo-worker, the resources of deploy/dapr-worker) plus
    the built .build/debug/todo-worker binary as its app;
  * chats: each a stand-in (app-id todo-chat, the resources of deploy/dapr, so each gets its own
    consumer group `todo-chat-{uuid}`) plus the built todo-chat binary as its app, in `--dapr --line`
    mode on pipes: commands are typed into it and what it prints is what a person would read.
What cannot be typed (a poison event, a reminder due in seconds, redeliveries) is published through a
chat's sidecar in the wire form of the event contract, built here.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "sidecar"))
sys.path.insert(0, str(ROOT / "Tests" / "e2e"))

from linechat import LineChat  # noqa: E402
from standin.client import Sidecar, wait_for  # noqa: E402
from tmuxdriver import chat_binary  # noqa: E402

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
    resiliency["spec"]["policies"]["retries"]["publishToBroker"] = {
        "policy": "constant", "duration": "50ms", "maxRetries": 1}
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

    def post(self, path: str, body: bytes) -> int:
        """What the sidecar does to the app (a job trigger, a delivery); the status it got."""
        conn = http.client.HTTPConnection("127.0.0.1", self.app_port, timeout=30)
        try:
            conn.request("POST", path, body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            return response.status
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


class Publisher:
    """A chat's sidecar with no app behind it: publishes in the chat's name (app id todo-chat, the
    chat's resources), for what cannot be typed and for the benchmark."""

    def __init__(self, cluster: "Cluster", app_port: int | None = None):
        self.sidecar = Sidecar.start(
            app_id="todo-chat", app_port=app_port, resources=[str(cluster.chat_resources)],
            broker=str(cluster.broker), topic_partitions=[str(TOPICS)])

    def publish(self, event: dict) -> None:
        """Publishes an event in the contract's wire form, keyed by its task, as the chat does."""
        topic = "reminders" if event["type"].startswith("reminder.") else "task-events"
        self.republish(topic, json.dumps(event), event["subject"].removeprefix("task/"))

    def republish(self, topic: str, value: str, key: str) -> None:
        r = self.sidecar.publish(PUBSUB, topic, value, "application/cloudevents+json", metadata={"partitionKey": key})
        assert r.status == 204, (r.status, r.body)

    def published(self, topic: str = "task-events") -> list[dict]:
        """The records the chats wrote (app id todo-chat) to `topic`, oldest first."""
        return self.sidecar.published(topic=topic, producer="todo-chat")

    def stop(self) -> None:
        self.sidecar.stop()


class Chat(Publisher):
    """A real chat: `todo-chat --dapr --line` with its own stand-in sidecar (the chat's resources, so its
    own consumer group) and its own data directory; typed to and read from as a person would."""

    def __init__(self, cluster: "Cluster", name: str):
        self.name = name
        self.app_port = free_port()
        super().__init__(cluster, self.app_port)
        env = {"XDG_DATA_HOME": str(cluster.directory / name), "HOME": str(cluster.directory), "TERM": "dumb",
               "LANG": "C.UTF-8", "TZ": "UTC", "USER": name}
        self.screen = LineChat(
            chat_binary(), ["--dapr", "--dapr-http-endpoint", self.sidecar.url, "--app-port", str(self.app_port)],
            env, stderr=cluster.directory / f"{name}.stderr")
        self.sidecar.wait_ready(timeout=30)

    def do(self, command: str, reply: str) -> list[str]:
        """Types a command and waits for the chat's answer, which must contain `reply`."""
        return self.screen.ask(command, lambda lines: any(reply in line for line in lines))

    def updates(self) -> list[str]:
        """What the chat printed from the task-updates feed, as the person read it."""
        return [line.split(" (update) ", 1)[1] for line in self.screen.text() if " (update) " in line]

    def reminders(self) -> list[tuple[float, str]]:
        return [(t, line) for t, line in self.screen.since(0) if " (reminder) " in line]

    def tasks(self) -> dict[str, dict]:
        """The chat's task list, asked for in words: title -> status and tags."""
        seen: dict[str, dict] = {}
        for query, status in (("list everything", "open"), ("show done", "completed")):
            for line in self.screen.ask(query, listing_complete):
                match = re.match(r"\s+\d+\. '(.*)'(.*)$", line)
                if match:
                    seen[match[1]] = {"status": status, "tags": sorted(re.findall(r"#(\S+)", match[2]))}
        return seen

    def stop(self) -> None:
        self.screen.close()
        super().stop()


def listing_complete(lines: list[str]) -> bool:
    """The answer to a list query is all there: "No tasks match." or "N task(s):" and N lines."""
    if not lines:
        return False
    if "No tasks match" in lines[0]:
        return True
    match = re.match(r"\s+(\d+) tasks?:", lines[0])
    return bool(match) and len(lines) >= 1 + int(match[1])


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
        self.publishers: list[Publisher] = []

    def add_worker(self) -> WorkerReplica:
        replica = WorkerReplica(self, f"worker-{len(self.workers) + 1}")
        self.workers.append(replica)
        return replica

    def add_publisher(self) -> Publisher:
        publisher = Publisher(self)
        self.publishers.append(publisher)
        return publisher

    def add_chat(self) -> Chat:
        chat = Chat(self, f"chat-{len(self.chats) + 1}")
        self.chats.append(chat)
        return chat

    def logs(self) -> str:
        workers = [f"--- {w.name}\n{w.log.read_text()[-4000:]}" for w in self.workers if w.log.exists()]
        chats = [f"--- {c.name}\n" + "\n".join(c.screen.text()[-60:]) for c in self.chats]
        return "\n".join(workers + chats)

    def stored_task(self, task_id: str) -> dict | None:
        """The worker's record of a task, read through a live worker sidecar (same app id, same keys)."""
        live = next(w for w in self.workers if w.sidecar.proc.poll() is None)
        r = live.sidecar.request("GET", f"/v1.0/state/todo-state/task:{task_id}")
        return json.loads(r.body) if r.status == 200 else None

    def stop(self) -> None:
        for replica in self.workers:
            replica.stop()
        for chat in self.chats + self.publishers:
            chat.stop()


@pytest.fixture
def cluster(tmp_path):
    """A `Cluster` in the test's directory, stopped afterwards; its workers' and chats' logs are printed
    when the test fails. Test modules import it to use it."""
    running = Cluster(tmp_path)
    try:
        yield running
    except BaseException:
        print(running.logs())
        raise
    finally:
        running.stop()


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

