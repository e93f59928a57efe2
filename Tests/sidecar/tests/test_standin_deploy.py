"""The project's own resource folders (deploy/) load in the stand-in and behave as they should."""

from __future__ import annotations

import json
import os

import pytest

from standin_apps import App
from standin.client import Sidecar

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
WORKER = os.path.join(ROOT, "deploy", "dapr-worker")
CHAT = os.path.join(ROOT, "deploy", "dapr")
TOPICS = os.path.join(ROOT, "Tests", "sidecar", "fixtures", "topics.yaml")

pytestmark = pytest.mark.skipif(not (os.path.isdir(WORKER) and os.path.isdir(CHAT)), reason="no deploy/ folders")


def test_worker_and_chat_resources_load_and_work_together(tmp_path):
    broker = str(tmp_path / "broker.sqlite")
    worker_app, chat_app = App(subscriptions=[]), App(subscriptions=[
        {"pubsubname": "kafka-pubsub", "topic": "task-updates", "route": "/updates",
         "deadLetterTopic": "task-updates-dlq"}])
    worker = Sidecar.start("todo-worker", worker_app.port, [WORKER], broker, [TOPICS], cwd=ROOT)
    chat = Sidecar.start("todo-chat", chat_app.port, [CHAT], broker, [TOPICS], cwd=ROOT)
    try:
        worker.wait_ready()
        chat.wait_ready()
        meta = worker.request("GET", "/v1.0/metadata").json()
        assert {c["name"] for c in meta["components"]} == {"kafka-pubsub", "todo-state", "todo-secrets"}
        assert {s["topic"] for s in meta["subscriptions"]} >= {"task-events", "reminders"}
        names = {c["name"] for c in chat.request("GET", "/v1.0/metadata").json()["components"]}
        assert names == {"kafka-pubsub"}  # the worker's components are scoped away from the chat

        save = worker.request("POST", "/v1.0/state/todo-state", json.dumps([{"key": "t1", "value": {"a": 1}}]))
        assert save.status == 204
        assert chat.request("GET", "/v1.0/state/todo-state/t1").status == 500  # no state store for the chat

        ce = {"id": "e1", "source": "todo-chat", "type": "task.created", "specversion": "1.0", "data": {}}
        assert chat.publish("kafka-pubsub", "task-events", json.dumps(ce), "application/cloudevents+json",
                            metadata={"partitionKey": "t1"}).status == 204
        got = worker_app.wait("/events/task-events", 1)[0]
        assert got.json()["id"] == "e1"
        assert worker.publish("kafka-pubsub", "task-updates", b'{"n":1}', "application/json").status == 204
        chat_app.wait("/updates", 1)
        groups = {g["group"] for g in worker.groups()}
        assert "todo-worker" in groups and any(g.startswith("todo-chat-") for g in groups)
    finally:
        chat.stop()
        worker.stop()
        worker_app.close()
        chat_app.close()
