"""Events applied per second by one todo-worker replica, end to end through the stand-in sidecar
(publish -> broker -> delivery -> worker -> state store -> task-updates). Not run by CI.

    python3 Benchmarks/worker/end_to_end.py [events] [runs]      # from the repository root, after `swift build`

Beside it, the stand-in's own delivery ceiling: the same events delivered to an app that answers
SUCCESS at once, so the worker's figure can be read against what its partner allows.
"""

from __future__ import annotations

import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "worker"))

from worker_harness import (TOPICS, Cluster, Sidecar, free_port, task_created, task_retitled,  # noqa: E402
                            wait_for)

UPDATES_PER_TASK = 10


def events(count: int, salt: int) -> list[dict]:
    out = []
    for t in range(count // UPDATES_PER_TASK):
        task_id = f"00000000-0000-4000-8000-{salt:04d}{t:08d}"
        out.append(task_created(task_id, "v1"))
        out += [task_retitled(task_id, s, f"v{s}") for s in range(2, UPDATES_PER_TASK + 1)]
    return out


def worker_run(count: int, salt: int) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        cluster = Cluster(Path(scratch))
        try:
            worker = cluster.add_worker()
            chat = cluster.add_publisher()
            # Everything on the broker first, so that publishing does not pace the worker.
            worker.sidecar.pause_delivery()
            for event in events(count, salt):
                chat.publish(event)
            began = time.monotonic()
            worker.sidecar.resume_delivery()
            wait_for(lambda: worker.metrics().get("todo_worker_events_applied_total", 0) >= count, 600,
                     "all events applied", interval=0.05)
            return count / (time.monotonic() - began)
        finally:
            cluster.stop()


class Acknowledger:
    """An app that subscribes to task-events and answers SUCCESS at once, counting deliveries."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                body = json.dumps([{"pubsubname": "kafka-pubsub", "topic": "task-events",
                                    "routes": {"default": "/events"}}]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with outer.lock:
                    outer.count += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def ceiling_run(count: int, salt: int) -> float:
    with tempfile.TemporaryDirectory() as scratch:
        cluster = Cluster(Path(scratch))
        app = Acknowledger()
        sink = Sidecar.start(app_id="todo-chat", app_port=app.port, resources=[str(cluster.chat_resources)],
                             broker=str(cluster.broker), topic_partitions=[str(TOPICS)])
        try:
            sink.wait_ready()
            chat = cluster.add_publisher()
            sink.pause_delivery()
            for event in events(count, salt):
                chat.publish(event)
            began = time.monotonic()
            sink.resume_delivery()
            wait_for(lambda: app.count >= count, 600, "all delivered", interval=0.05)
            return count / (time.monotonic() - began)
        finally:
            sink.stop()
            app.server.shutdown()
            cluster.stop()


def calls_ceiling(count: int) -> float:
    """The stand-in answering the worker's three calls per event (read the record, write it over its
    ETag, publish task.sync) with no worker in between: what it allows the worker at most."""
    with tempfile.TemporaryDirectory() as scratch:
        cluster = Cluster(Path(scratch))
        sidecar = Sidecar.start(app_id="todo-worker", resources=[str(cluster.worker_resources)],
                                broker=str(cluster.broker), topic_partitions=[str(TOPICS)])
        try:
            update = json.dumps(task_retitled("00000000-0000-4000-8000-000000000000", 2, "x"))
            began = time.monotonic()
            for i in range(count):
                key = f"task:ceiling-{i % 100}"
                r = sidecar.request("GET", f"/v1.0/state/todo-state/{key}")
                item = {"key": key, "value": {"n": i}, "options": {"concurrency": "first-write"}}
                if r.status == 200:
                    item["etag"] = r.headers["etag"]
                assert sidecar.request("POST", "/v1.0/state/todo-state", json.dumps([item]),
                                       {"Content-Type": "application/json"}).status == 204
                assert sidecar.publish("kafka-pubsub", "task-updates", update, "application/cloudevents+json",
                                       metadata={"partitionKey": key}).status == 204
            return count / (time.monotonic() - began)
        finally:
            sidecar.stop()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    print(f"end to end through the stand-in: {count} events ({count // UPDATES_PER_TASK} tasks x "
          f"{UPDATES_PER_TASK}), 3 partitions, one worker replica, {runs} runs", flush=True)
    worker = [worker_run(count, 100 + r) for r in range(runs)]
    ceiling = [ceiling_run(count, 200 + r) for r in range(runs)]
    calls = [calls_ceiling(count) for _ in range(runs)]
    print(f"worker replica, end to end:        median {statistics.median(worker):7.0f} events/s "
          f"(min {min(worker):.0f}, max {max(worker):.0f})")
    print(f"stand-in delivery ceiling (no-op): median {statistics.median(ceiling):7.0f} events/s "
          f"(min {min(ceiling):.0f}, max {max(ceiling):.0f})")
    print(f"stand-in ceiling, 3 calls/event:   median {statistics.median(calls):7.0f} events/s "
          f"(min {min(calls):.0f}, max {max(calls):.0f})")


if __name__ == "__main__":
    main()
