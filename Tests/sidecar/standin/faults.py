"""Test-only controls that daprd lacks: failing or delaying publishes, pausing delivery."""

from __future__ import annotations

import threading


class PublishFaults:
    """Fail and/or delay the next N broker writes (each attempt counts, including retries)."""

    def __init__(self):
        self._lock = threading.Lock()
        self.fail_left = 0
        self.fail_error = "kafka: client has run out of available brokers to talk to"
        self.fail_topic: str | None = None
        self.delay_left = 0
        self.delay_seconds = 0.0
        self.delay_topic: str | None = None

    def fail(self, count: int, error: str | None, topic: str | None) -> None:
        with self._lock:
            self.fail_left = count
            self.fail_topic = topic
            if error:
                self.fail_error = error

    def delay(self, count: int, seconds: float, topic: str | None) -> None:
        with self._lock:
            self.delay_left = count
            self.delay_seconds = seconds
            self.delay_topic = topic

    def take(self, topic: str) -> tuple[float, str | None]:
        """(seconds to wait, error to raise or None) for one broker write to `topic`."""
        with self._lock:
            wait = 0.0
            err = None
            if self.delay_left > 0 and self.delay_topic in (None, topic):
                self.delay_left -= 1
                wait = self.delay_seconds
            if self.fail_left > 0 and self.fail_topic in (None, topic):
                self.fail_left -= 1
                err = self.fail_error
            return wait, err

    def clear(self) -> None:
        with self._lock:
            self.fail_left = self.delay_left = 0
            self.fail_topic = self.delay_topic = None

    def describe(self) -> dict:
        with self._lock:
            return {
                "fail": {"remaining": self.fail_left, "error": self.fail_error, "topic": self.fail_topic},
                "delay": {"remaining": self.delay_left, "seconds": self.delay_seconds, "topic": self.delay_topic},
            }


class DeliveryGate:
    """Stops pub/sub delivery between records (an in-flight delivery finishes) until resumed."""

    def __init__(self):
        self._open = threading.Event()
        self._open.set()

    def pause(self) -> None:
        self._open.clear()

    def resume(self) -> None:
        self._open.set()

    @property
    def paused(self) -> bool:
        return not self._open.is_set()

    def wait_open(self, timeout: float) -> bool:
        return self._open.wait(timeout)
