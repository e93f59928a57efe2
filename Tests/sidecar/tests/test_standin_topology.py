"""The project's topology on one shared broker: two chats (own consumer groups) and two worker
replicas (one group) — every chat sees every update, each command is processed once."""

from __future__ import annotations

import json
import threading

from standin_apps import App, kafka_component
from standin.client import wait_for

PARTS = ["task-events=3,task-updates=3"]


def test_two_chats_and_two_worker_replicas(make_app, sidecars, resources_dir):
    chat_res = resources_dir("chat", {"pubsub.yaml": kafka_component(consumerGroup="todo-chat-{uuid}",
                                                                     initialOffset="newest")})
    worker_res = resources_dir("worker", {"pubsub.yaml": kafka_component()})
    processed = []
    lock = threading.Lock()
    workers = []

    def worker_app() -> App:
        app = make_app(subscriptions=[{"pubsubname": "kafka-pubsub", "topic": "task-events", "route": "/events"}])
        index = len(workers)

        def handle(req):
            event = req.json()
            with lock:
                processed.append((index, event["data"]["n"]))
            update = {"n": event["data"]["n"], "by": index}
            sc = workers[index][1]
            r = sc.publish("kafka-pubsub", "task-updates", json.dumps(update), "application/json",
                           metadata={"partitionKey": req.headers["__key"]})
            return (200, b"") if r.status == 204 else (500, b"")

        app.responders["/events"] = handle
        return app

    for _ in range(2):
        app = worker_app()
        workers.append((app, sidecars("todo-worker", app.port, [worker_res], topic_partitions=PARTS)))
    chats = []
    for i in range(2):
        app = make_app(subscriptions=[{"pubsubname": "kafka-pubsub", "topic": "task-updates", "route": "/updates"}])
        chats.append((app, sidecars("todo-chat", app.port, [chat_res], topic_partitions=PARTS)))
    for _, sc in workers + chats:
        sc.wait_ready()
    wait_for(lambda: sorted(len(sc.status()["assignments"]) for _, sc in workers) == [1, 2], 10, "worker split")

    for n in range(20):
        r = chats[n % 2][1].publish("kafka-pubsub", "task-events", json.dumps({"n": n}), "application/json",
                                    metadata={"partitionKey": f"task-{n % 5}"})
        assert r.status == 204
    for app, _ in chats:
        got = app.wait("/updates", 20)
        assert sorted(r.json()["data"]["n"] for r in got) == list(range(20))
    assert sorted(n for _, n in processed) == list(range(20))  # once, across the worker group
    assert {w for w, _ in processed} == {0, 1}  # both replicas did work
    groups = {g["group"] for g in chats[0][1].groups() if g["topic"] == "task-updates"}
    assert len(groups) == 2 and all(g.startswith("todo-chat-") for g in groups)
