"""Consuming: group membership, one worker per owned partition, delivery to the app (§2.3-2.5).

Each partition is consumed sequentially and its offset is committed only after success, drop or
dead-letter hand-off, so a failing record blocks its partition exactly as the Kafka component
does. The app's answer is classified per §2.4; the inbound resiliency policy retries it, then the
record goes to the dead-letter topic, or else the component back-off retries it (forever by
default).
"""

from __future__ import annotations

import collections
import json
import logging
import threading
import time
import uuid
from dataclasses import dataclass

from . import cloudevents, gocompat
from .broker import Record
from .resources import Component, PubSubSettings, Subscription
from .routing import RouteError, Router, clean_path

log = logging.getLogger("standin.delivery")

_SKIPPED_HEADERS = {
    "content-type",
    "content-length",
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
}

SUCCESS, RETRY, DROP = "SUCCESS", "RETRY", "DROP"


@dataclass
class Active:
    sub: Subscription
    router: Router
    component: Component
    settings: PubSubSettings

    @property
    def key(self) -> tuple[str, str]:
        return (self.settings.cluster, self.settings.consumer_group)


def message_metadata(rec: Record, escape: bool = False) -> dict[str, str]:
    """CC kafka GetEventMetadata: the record's coordinates, then every record header (which win).

    With escapeHeaders the key and the record headers are URL-escaped, the coordinates are not.
    """
    esc = gocompat.go_query_escape if escape else (lambda v: v)
    meta: dict[str, str] = {}
    if rec.key is not None:
        meta["__key"] = esc(rec.key.decode("utf-8", "replace"))
    meta["__offset"] = str(rec.offset)
    meta["__topic"] = rec.topic
    meta["__timestamp"] = str(rec.timestamp_ms)
    meta["__partition"] = str(rec.partition)
    for k, v in rec.headers.items():
        meta[k] = esc(v)
    return meta


def classify(status: int | None, body: bytes) -> str:
    """§2.4: the outcome of one delivery attempt."""
    if status is None:
        return RETRY
    if 200 <= status < 300:
        try:
            parsed = json.loads(body) if body.strip() else None
        except ValueError:
            return SUCCESS
        if not isinstance(parsed, dict):
            return SUCCESS
        value = parsed.get("status")
        if value is None or not isinstance(value, str) or value in ("", SUCCESS):
            return SUCCESS
        if value == DROP:
            return DROP
        return RETRY  # RETRY, and any unknown (case-sensitive) status
    if status == 404:
        return DROP
    return RETRY


class Consumer:
    """This process's membership in consumer groups and its partition workers."""

    def __init__(self, rt):
        self.rt = rt
        self.member = f"{rt.app_id}-{uuid.uuid4().hex[:12]}"
        self.active: list[Active] = []
        self.workers: dict[tuple[str, str, int], PartitionWorker] = {}
        self.stop_event = threading.Event()
        self.new_records = threading.Condition()
        self.first_round = threading.Event()
        self.log: collections.deque = collections.deque(maxlen=10000)
        self.log_lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self, active: list[Active]) -> None:
        self.active = active
        self._thread = threading.Thread(target=self._coordinate, name="standin-coordinator", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        with self.new_records:
            self.new_records.notify_all()

    def _coordinate(self) -> None:
        while not self.stop_event.is_set():
            try:
                self._round()
            except Exception:  # a busy database must not kill the consumer
                log.exception("consumer group round failed")
            self.first_round.set()
            self.stop_event.wait(0.1)

    def _round(self) -> None:
        rt = self.rt
        groups: dict[tuple[str, str], tuple[list[str], float]] = {}
        for a in self.active:
            topics, session = groups.setdefault(a.key, ([], a.settings.session_timeout))
            topics.append(a.sub.topic)
        for (cluster, grp), (topics, session) in groups.items():
            rt.broker.heartbeat(cluster, grp, self.member, rt.app_id, topics, session)
        wanted: set[tuple[str, str, int]] = set()
        for a in self.active:
            cluster, grp = a.key
            n = rt.broker.partitions(cluster, a.sub.topic, rt.partitions_for(a.sub.topic))
            members = rt.broker.live_members(rt.broker.read(), cluster, grp, a.sub.topic)
            if self.member not in members:
                continue
            idx = members.index(self.member)
            for p in range(n):
                if p % len(members) != idx:
                    continue
                wkey = (a.sub.pubsubname, a.sub.topic, p)
                wanted.add(wkey)
                w = self.workers.get(wkey)
                if w is not None and w.is_alive():
                    continue
                if rt.broker.claim(cluster, grp, a.sub.topic, p, self.member, a.settings.initial_offset):
                    w = PartitionWorker(self, a, p)
                    self.workers[wkey] = w
                    w.start()
        for wkey, w in list(self.workers.items()):
            if not w.is_alive():
                del self.workers[wkey]
            elif wkey not in wanted:
                w.revoke.set()

    def assignments(self) -> list[dict]:
        return [
            {"pubsubname": k[0], "topic": k[1], "partition": k[2], "paused": self.rt.gate.paused}
            for k, w in sorted(self.workers.items())
            if w.is_alive() and not w.revoke.is_set()
        ]

    def record(self, entry: dict) -> None:
        with self.log_lock:
            self.log.append(entry)

    def deliveries(self) -> list[dict]:
        with self.log_lock:
            return list(self.log)

    def clear_log(self) -> None:
        with self.log_lock:
            self.log.clear()

    def stop(self) -> None:
        self.stop_event.set()
        for w in self.workers.values():
            w.revoke.set()
        self.wake()
        for w in list(self.workers.values()):
            w.join(timeout=2)
        try:
            self.rt.broker.leave(self.member)
        except Exception:
            log.exception("leaving the consumer groups failed")


class PartitionWorker(threading.Thread):
    def __init__(self, consumer: Consumer, active: Active, partition: int):
        super().__init__(name=f"standin-{active.sub.topic}-{partition}", daemon=True)
        self.consumer = consumer
        self.rt = consumer.rt
        self.a = active
        self.partition = partition
        self.revoke = threading.Event()

    def _stopping(self) -> bool:
        return self.revoke.is_set() or self.consumer.stop_event.is_set()

    def _sleep(self, seconds: float) -> bool:
        """Wait, waking early if the partition is taken away; False when it was."""
        end = time.monotonic() + seconds
        while not self._stopping():
            left = end - time.monotonic()
            if left <= 0:
                return True
            self.revoke.wait(min(left, 0.1))
        return False

    def run(self) -> None:
        rt, a, p = self.rt, self.a, self.partition
        cluster, grp = a.key
        topic = a.sub.topic
        offset = None
        idle = 0.01
        try:
            while not self._stopping():
                if not rt.gate.wait_open(0.1):
                    continue
                if offset is None:
                    # Read after the gate so that a reset made while paused is seen.
                    offset = rt.broker.committed(cluster, grp, topic, p)
                rec = rt.broker.fetch(cluster, topic, p, offset)
                if rec is None:
                    with self.consumer.new_records:
                        self.consumer.new_records.wait(idle)
                    idle = min(idle * 2, 0.1)
                    continue
                idle = 0.01
                if not self._handle(rec):
                    break
                if not rt.broker.commit(cluster, grp, topic, p, self.consumer.member, offset + 1):
                    break
                offset += 1
        except Exception:
            log.exception("partition worker %s/%d failed", topic, p)
        finally:
            try:
                rt.broker.release(cluster, grp, topic, p, self.consumer.member)
            except Exception:
                log.exception("releasing %s/%d failed", topic, p)
            rt.broker.release_thread()

    # -- one record, §2.5 -------------------------------------------------------------------------
    def _handle(self, rec: Record) -> bool:
        """Process a record to completion; False if the partition was taken away meanwhile."""
        settings = self.a.settings
        component_retries = 0
        while True:
            outcome = self._with_resiliency(rec)
            if outcome is None:
                return False
            if outcome == SUCCESS:
                return True
            if outcome == DROP or self.a.sub.dead_letter_topic:
                if self.a.sub.dead_letter_topic:
                    if self._dead_letter(rec):
                        return True
                else:
                    return True
            elif not settings.consume_retry_enabled:
                log.error("delivery of %s/%d@%d failed; consumeRetryEnabled=false skips it",
                          rec.topic, rec.partition, rec.offset)
                return True
            component_retries += 1
            if 0 <= settings.backoff_max_retries < component_retries:
                log.error("giving up on %s/%d@%d after %d component retries",
                          rec.topic, rec.partition, rec.offset, component_retries - 1)
                return True
            if settings.backoff_policy == "exponential":
                wait = min(settings.backoff_initial_interval * 1.5 ** (component_retries - 1),
                           settings.backoff_max_interval)
            else:
                wait = settings.backoff_duration
            if not self._sleep(wait):
                return False

    def _with_resiliency(self, rec: Record) -> str | None:
        policy = self.rt.resources.inbound.get(self.a.sub.pubsubname)
        retry = policy.retry if policy else None
        timeout = policy.timeout if policy else None
        attempt = 0
        while True:
            while not self.rt.gate.wait_open(0.1):  # a pause also holds back retries
                if self._stopping():
                    return None
            outcome, status = self._deliver(rec, timeout)
            if outcome != RETRY or retry is None or not retry.retries_status(status):
                return outcome
            attempt += 1
            if 0 <= retry.max_retries < attempt:
                return RETRY
            if not self._sleep(retry.delay(attempt)):
                return None

    def _dead_letter(self, rec: Record) -> bool:
        """Publish the original bytes and metadata to the dead-letter topic; False if that failed."""
        try:
            self.rt.publisher.write(self.a.sub.pubsubname, self.a.sub.dead_letter_topic, rec.value,
                                    message_metadata(rec))
            return True
        except RuntimeError as e:
            log.error("dead-lettering %s/%d@%d failed: %s", rec.topic, rec.partition, rec.offset, e)
            return False

    def _deliver(self, rec: Record, timeout: float | None) -> tuple[str, int | None]:
        rt, sub = self.rt, self.a.sub
        entry = {"topic": rec.topic, "partition": rec.partition, "offset": rec.offset, "time": time.time()}
        if sub.raw_payload:
            ce = cloudevents.from_raw_payload(rec.value, rec.topic, sub.pubsubname, rec.headers)
            body = gocompat.marshal(ce)
        else:
            try:
                ce = gocompat.loads_precise(rec.value)
            except ValueError:
                ce = None
            if not isinstance(ce, dict):
                entry.update(outcome=RETRY, reason="record value is not a JSON object")
                self.consumer.record(entry)
                return RETRY, None
            body = rec.value
        event = gocompat.plain(ce)
        if cloudevents.has_expired(event):
            entry.update(outcome=DROP, reason="expired")
            self.consumer.record(entry)
            return DROP, None
        try:
            path = self.a.router.route(event)
        except RouteError as e:
            entry.update(outcome=RETRY, reason=str(e))
            self.consumer.record(entry)
            return RETRY, None
        if path is None:
            entry.update(outcome=DROP, reason="no matching route")
            self.consumer.record(entry)
            return DROP, None
        path = clean_path(path)
        headers = {"Content-Type": "application/cloudevents+json"}
        for k, v in message_metadata(rec, self.a.settings.escape_headers).items():
            name = k.lower()
            if name not in _SKIPPED_HEADERS:
                headers[name] = v.encode("utf-8").decode("latin-1")
        headers["pubsubname"] = sub.pubsubname
        if rt.tracing:
            parent = event.get("traceparent") or event.get("traceid")
            headers["traceparent"] = cloudevents.child_span(parent if isinstance(parent, str) else None, True)
            state = event.get("tracestate")
            if isinstance(state, str) and state:
                headers["tracestate"] = state
        entry.update(path=path, id=event.get("id"), type=event.get("type"), headers=dict(headers))
        try:
            resp = rt.app.call("POST", path, body, headers, timeout)
            status, outcome = resp.status, classify(resp.status, resp.body)
            entry.update(status=status, response=resp.body.decode("utf-8", "replace")[:500])
        except OSError as e:
            status, outcome = None, RETRY
            entry.update(status=None, error=str(e))
        entry["outcome"] = outcome
        self.consumer.record(entry)
        if outcome == RETRY:
            log.warning("retriable error returned from app while processing pub/sub event %s (%s/%d@%d): %s",
                        event.get("id"), rec.topic, rec.partition, rec.offset, entry.get("error") or status)
        elif outcome == DROP:
            log.warning("app dropped pub/sub event %s (%s/%d@%d): status %s",
                        event.get("id"), rec.topic, rec.partition, rec.offset, status)
        return outcome, status
