"""Small HTTP test apps on free ports and component YAML for the stand-in's tests."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standin.client import wait_for

KAFKA = """
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: kafka-pubsub
spec:
  type: pubsub.kafka
  version: v1
  metadata:
    - name: brokers
      value: "localhost:9092"
    - name: authType
      value: "none"
    - name: initialOffset
      value: "oldest"
{extra}
"""

STATE = """
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: statestore
spec:
  type: state.postgresql
  version: v1
  metadata:
    - name: connectionString
      value: "host=localhost user=postgres"
"""


def kafka_component(**metadata: str) -> str:
    extra = "".join(f'    - name: {k}\n      value: "{v}"\n' for k, v in metadata.items())
    return KAFKA.format(extra=extra)


@dataclass
class Req:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


@dataclass
class App:
    """A test app: answers /dapr/subscribe and records every request it gets."""

    subscriptions: list | None = None
    subscribe_status: int = 200
    responders: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)

    def __post_init__(self):
        self.lock = threading.Lock()
        app = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _any(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                req = Req(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with app.lock:
                    app.requests.append(req)
                if self.path == "/dapr/subscribe":
                    status, out = app.subscribe_status, json.dumps(app.subscriptions or []).encode()
                else:
                    responder = app.responders.get(self.path) or app.responders.get("*")
                    status, out = responder(req) if responder else (200, b"")
                self.send_response(status)
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            do_GET = do_POST = do_PUT = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def got(self, path: str | None = None) -> list[Req]:
        with self.lock:
            return [r for r in self.requests if path is None or r.path == path]

    def wait(self, path: str, count: int, timeout: float = 10) -> list[Req]:
        return wait_for(lambda: (lambda rs: rs if len(rs) >= count else None)(self.got(path)), timeout,
                        f"{count} requests to {path}")

    def close(self):
        self.server.shutdown()
        self.server.server_close()
