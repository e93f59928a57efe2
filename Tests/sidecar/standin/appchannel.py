"""The app channel: HTTP calls from the stand-in to the app (subscribe discovery, events, jobs)."""

from __future__ import annotations

import http.client
import socket
import threading


class AppResponse:
    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body


class AppChannel:
    def __init__(self, address: str, port: int, app_id: str, app_token: str | None):
        self.address = address
        self.port = port
        self.app_id = app_id
        self.app_token = app_token

    def port_open(self) -> bool:
        try:
            with socket.create_connection((self.address, self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def wait_until_open(self, stop: threading.Event) -> bool:
        """daprd blocks until the app port accepts TCP connections."""
        while not stop.is_set():
            if self.port_open():
                return True
            stop.wait(0.05)
        return False

    def call(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str], timeout: float | None
    ) -> AppResponse:
        """One request to the app; raises OSError on connection failure or timeout."""
        conn = http.client.HTTPConnection(self.address, self.port, timeout=timeout or 300)
        try:
            h = dict(headers)
            if self.app_token:
                h["dapr-api-token"] = self.app_token
            conn.request(method, path, body=body, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            return AppResponse(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        except (http.client.HTTPException, socket.timeout) as e:
            raise OSError(str(e)) from e
        finally:
            conn.close()
