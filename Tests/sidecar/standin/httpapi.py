"""daprd's HTTP API (contract §0-§6) plus the stand-in's own test hooks under /_standin/."""

from __future__ import annotations

import json
import logging
import re
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

from . import cloudevents, errors, hooks

log = logging.getLogger("standin.http")

_HEALTH = ("/v1.0/healthz", "/v1.0/healthz/outbound")


def request_metadata(query: str) -> dict[str, str]:
    """metadata.<key>=<value> query parameters; the first value of a repeated key wins."""
    out: dict[str, str] = {}
    for k, v in parse_qsl(query, keep_blank_values=True):
        if k.startswith("metadata.") and k[len("metadata."):] not in out:
            out[k[len("metadata."):]] = v
    return out


class Reply(Exception):
    """A finished response, raised from deep inside a handler."""

    def __init__(self, status: int, body: bytes = b"", content_type: str | None = None, headers=None):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = headers or {}


def json_reply(status: int, value) -> Reply:
    return Reply(status, json.dumps(value, separators=(",", ":")).encode(), "application/json")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    rt = None  # set by serve()

    def setup(self):
        super().setup()
        # Replies are written in pieces; without this, Nagle's algorithm delays each by ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send_response(self, code, message=None):
        """Status line and Date, without the Server header daprd does not send."""
        self.log_request(code)
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    def finish(self):
        super().finish()
        self.rt.broker.release_thread()

    def log_message(self, fmt, *args):
        log.debug("%s %s", self.address_string(), fmt % args)

    # -- plumbing ---------------------------------------------------------------------------------
    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, r: Reply, traceparent: str | None) -> None:
        self.send_response(r.status)
        if r.content_type:
            self.send_header("Content-Type", r.content_type)
        for k, v in r.headers.items():
            self.send_header(k, v)
        if traceparent:
            self.send_header("traceparent", traceparent)
        if r.status in (204, 304) or 100 <= r.status < 200:
            self.end_headers()  # like Go's net/http: no Content-Length on a body-less status
            return
        self.send_header("Content-Length", str(len(r.body)))
        self.end_headers()
        self.wfile.write(r.body)

    def do_GET(self):
        self._dispatch()

    def do_POST(self):
        self._dispatch()

    def do_PUT(self):
        self._dispatch()

    def do_DELETE(self):
        self._dispatch()

    def do_PATCH(self):
        self._dispatch()

    def _dispatch(self):
        rt = self.rt
        url = urlsplit(self.path)
        path = url.path
        body = self._body()
        traceparent = None
        try:
            if path in _HEALTH:
                self._health(path, url.query)
            if path.startswith("/_standin/"):
                hooks.handle(rt, self.command, path, url.query, body)
            if rt.api_token is not None and self.headers.get("dapr-api-token") != rt.api_token:
                raise Reply(401, b"invalid api token", "text/plain")
            traceparent = cloudevents.child_span(self.headers.get("traceparent"), rt.tracing)
            self._api(path, url.query, body, traceparent)
            raise errors.direct_invoke_fallback() if path.startswith("/v1.0/") else Reply(
                404, b"404 page not found\n", "text/plain; charset=utf-8")
        except Reply as r:
            self._send(r, traceparent)
        except errors.ApiError as e:
            self._send(Reply(e.status, e.payload(), "application/json", e.headers), traceparent)
        except Exception as e:  # a bug in the stand-in must show up as a 500, not a hung client
            log.exception("handler failed")
            self._send(Reply(500, json.dumps({"errorCode": "ERR_STANDIN", "message": str(e)}).encode(),
                             "application/json"), traceparent)

    # -- health ---------------------------------------------------------------------------------
    def _health(self, path: str, query: str):
        rt = self.rt
        if self.command != "GET":
            raise Reply(405)
        if path.endswith("/outbound"):
            raise Reply(204)
        params = dict(parse_qsl(query))
        if "appid" in params and params["appid"] != rt.app_id:
            raise errors.legacy(500, "ERR_HEALTH_APPID_NOT_MATCH", "dapr app-id does not match")
        if not rt.ready.is_set():
            raise errors.legacy(500, "ERR_HEALTH_NOT_READY", "dapr is not ready: [app channel]")
        raise Reply(204)

    # -- Dapr routes ------------------------------------------------------------------------------
    def _api(self, path: str, query: str, body: bytes, traceparent: str):
        rt = self.rt
        method = self.command
        meta = request_metadata(query)
        write = method in ("POST", "PUT")

        m = re.match(r"^/(v1\.0-alpha1|v1\.0)/publish/bulk/([^/]*)/?(.*)$", path)
        if m:
            self._only(write)
            failed = rt.publisher.bulk(
                unquote(m.group(2)), unquote(m.group(3)), body, meta,
                lambda: cloudevents.child_span(traceparent, rt.tracing), self.headers.get("tracestate", ""),
            )
            if failed is None:
                raise Reply(204)
            raise json_reply(500, failed)

        m = re.match(r"^/v1\.0/publish/([^/]*)/?(.*)$", path)
        if m:
            self._only(write)
            rt.publisher.publish(
                unquote(m.group(1)), unquote(m.group(2)), body, self.headers.get("Content-Type") or "",
                meta, traceparent, self.headers.get("tracestate", ""),
            )
            raise Reply(204)

        m = re.match(r"^/v1\.0/state/([^/]+)(?:/(.*))?$", path)
        if m:
            self._state(unquote(m.group(1)), m.group(2), body, meta)

        m = re.match(r"^/(?:v1\.0-alpha1|v1\.0)/jobs/(.+)$", path)
        if m:
            name = unquote(m.group(1))
            if method == "POST":
                rt.jobs.schedule(name, body)
                raise Reply(204)
            if method == "GET":
                raise json_reply(200, rt.jobs.get(name))
            if method == "DELETE":
                rt.jobs.delete(name)
                raise Reply(204)
            raise Reply(405)

        if path == "/v1.0/metadata":
            self._only(method == "GET")
            raise json_reply(200, rt.metadata())
        m = re.match(r"^/v1\.0/metadata/(.+)$", path)
        if m:
            self._only(method == "PUT")
            rt.extended[unquote(m.group(1))] = body.decode("utf-8", "replace")
            raise Reply(204)

    @staticmethod
    def _only(allowed: bool):
        if not allowed:
            raise Reply(405)

    def _state(self, store: str, rest: str | None, body: bytes, meta: dict[str, str]):
        rt, method = self.rt, self.command
        if rest in (None, ""):
            self._only(method in ("POST", "PUT"))
            rt.states.save(store, body, meta)
            raise Reply(204)
        if rest == "bulk" and method in ("POST", "PUT"):
            raise json_reply(200, rt.states.bulk_get(store, body))
        if rest == "transaction" and method in ("POST", "PUT"):
            rt.states.transaction(store, body)
            raise Reply(204)
        key = unquote(rest)
        if method == "GET":
            found = rt.states.get(store, key)
            if found is None:
                raise Reply(204)
            raise Reply(200, found[0], "application/json", {"ETag": found[1]})
        if method == "DELETE":
            rt.states.delete(store, key, self.headers.get("If-Match"))
            raise Reply(204)
        raise Reply(405)


def serve(rt, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("BoundHandler", (Handler,), {"rt": rt})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
