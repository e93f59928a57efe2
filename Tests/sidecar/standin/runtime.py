"""The stand-in's runtime: what daprd does between loading resources and serving its API."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import threading
import time

from . import resources as res_mod
from .appchannel import AppChannel
from .broker import Broker
from .delivery import Active, Consumer
from .faults import DeliveryGate, PublishFaults
from .jobs import Jobs
from .publish import Publisher, subscribe_allowed
from .resources import Resources, Subscription
from .routing import CelError, Router
from .state import StateStores

log = logging.getLogger("standin.runtime")

RUNTIME_VERSION = "1.18.0-standin"


class Options:
    def __init__(self, **kw):
        self.app_id: str = kw["app_id"]
        self.app_port: int | None = kw.get("app_port")
        self.app_channel_address: str = kw.get("app_channel_address") or "127.0.0.1"
        self.broker_path: str | None = kw.get("broker_path")
        self.topic_partitions: dict[str, int] = kw.get("topic_partitions") or {}
        self.default_partitions: int = kw.get("default_partitions") or 1
        self.namespace: str = kw.get("namespace") or os.environ.get("NAMESPACE", "default")


class Runtime:
    def __init__(self, opts: Options, resources: Resources, tracing: bool):
        self.opts = opts
        self.app_id = opts.app_id
        self.namespace = opts.namespace
        self.resources = resources
        self.tracing = tracing
        self.api_token = os.environ.get("DAPR_API_TOKEN") or None
        self.app_token = os.environ.get("APP_API_TOKEN") or None
        self._tmpdir = None
        if opts.broker_path:
            path = opts.broker_path
            if os.path.isdir(path):
                path = os.path.join(path, "broker.sqlite")
        else:
            self._tmpdir = tempfile.mkdtemp(prefix="standin-")
            path = os.path.join(self._tmpdir, "broker.sqlite")
        self.broker_path = path
        self.broker = Broker(path)
        self.pubsub_settings = {
            c.name: res_mod.pubsub_settings(c, self.app_id) for c in resources.of_category("pubsub")
        }
        self.faults = PublishFaults()
        self.gate = DeliveryGate()
        self.app = (
            AppChannel(opts.app_channel_address, opts.app_port, self.app_id, self.app_token)
            if opts.app_port
            else None
        )
        self.publisher = Publisher(self)
        self.consumer = Consumer(self)
        self.states = StateStores(self)
        self.jobs = Jobs(self)
        self.subscriptions: list[Subscription] = []
        self.ready = threading.Event()
        self.stopping = threading.Event()
        self.extended: dict[str, str] = {}
        self.http_port = 0

    def partitions_for(self, topic: str) -> int:
        return self.opts.topic_partitions.get(topic, self.opts.default_partitions)

    def notify_published(self) -> None:
        self.consumer.wake()

    # -- start-up -------------------------------------------------------------------------------
    def start(self) -> None:
        threading.Thread(target=self._start_app_side, name="standin-startup", daemon=True).start()

    def _start_app_side(self) -> None:
        try:
            if self.app is None:
                # No app channel: daprd neither subscribes nor triggers jobs.
                self._activate([])
                self.ready.set()
                return
            if not self.app.wait_until_open(self.stopping):
                return
            log.info("application discovered on port %d", self.opts.app_port)
            subs = list(self.resources.subscriptions) + self._discover()
            self._activate(subs)
            self.jobs.start()
            self.consumer.first_round.wait(5)
            self.ready.set()
            log.info("dapr initialized. Status: Running")
        except Exception:
            log.exception("start-up failed")

    def _discover(self) -> list[Subscription]:
        """GET /dapr/subscribe, retried 3 times (exponential from 500 ms) on connection errors."""
        headers = {"Content-Type": "application/json", "dapr-app-id": self.app_id}
        delay = 0.5
        for attempt in range(4):
            try:
                resp = self.app.call("GET", "/dapr/subscribe", None, headers, 10)
                break
            except OSError as e:
                if attempt == 3:
                    log.error("error getting topic list from app: %s", e)
                    return []
                time.sleep(delay)
                delay *= 1.5
        if resp.status == 404:
            log.debug("app returned 404 for /dapr/subscribe: no programmatic subscriptions")
            return []
        if resp.status != 200:
            log.error("app returned http status code %d from subscription endpoint", resp.status)
            return []
        if not resp.body.strip():
            return []
        try:
            entries = json.loads(resp.body)
        except ValueError as e:
            log.error("error unmarshalling subscriptions from app: %s", e)
            return []
        if not isinstance(entries, list):
            log.error("subscriptions from app are not a JSON array")
            return []
        out = []
        for e in entries:
            if not isinstance(e, dict):
                continue
            sub = res_mod.subscription_from_json(e)
            if sub is None:
                log.warning("topic %s has an empty routes. removing from subscriptions list", e.get("topic"))
                continue
            out.append(sub)
        return out

    def _activate(self, subs: list[Subscription]) -> None:
        active: list[Active] = []
        seen: set[tuple[str, str]] = set()
        for sub in subs:
            comp = self.resources.component(sub.pubsubname, "pubsub")
            if comp is None:
                log.warning("subscription to topic %s references unknown pubsub %s", sub.topic, sub.pubsubname)
                continue
            if (sub.pubsubname, sub.topic) in seen:
                log.warning("duplicate subscription to %s/%s ignored", sub.pubsubname, sub.topic)
                continue
            settings = self.pubsub_settings[sub.pubsubname]
            if not subscribe_allowed(settings, self.app_id, sub.topic):
                log.warning("subscription to topic %s is not allowed for app id %s", sub.topic, self.app_id)
                continue
            try:
                router = Router([(r.match, r.path) for r in sub.rules], sub.default_path)
            except CelError as e:
                log.error("failed to compile match for topic %s: %s", sub.topic, e)
                continue
            if str(sub.bulk.get("enabled", "")).lower() == "true":
                log.warning("bulkSubscribe on %s is not emulated: events are delivered one at a time", sub.topic)
            seen.add((sub.pubsubname, sub.topic))
            active.append(Active(sub, router, comp, settings))
            log.info("subscribing to %s/%s (group %s)", sub.pubsubname, sub.topic, settings.consumer_group)
        self.subscriptions = [a.sub for a in active]
        self.consumer.start(active)

    # -- metadata -------------------------------------------------------------------------------
    def metadata(self) -> dict:
        comps = []
        for c in self.resources.components:
            caps = {"pubsub": ["BULK_PUBSUB"], "state": ["ETAG", "TRANSACTIONAL", "TTL"]}.get(c.category, [])
            comps.append({"name": c.name, "type": c.type, "version": c.version, "capabilities": caps})
        subs = []
        for s in self.subscriptions:
            entry: dict = {"pubsubname": s.pubsubname, "topic": s.topic}
            if s.metadata:
                entry["metadata"] = s.metadata
            rules = [{"match": r.match, "path": r.path} for r in s.rules]
            if s.default_path:
                rules.append({"path": s.default_path})
            entry["rules"] = rules
            if s.dead_letter_topic:
                entry["deadLetterTopic"] = s.dead_letter_topic
            entry["type"] = s.kind
            subs.append(entry)
        out: dict = {
            "id": self.app_id,
            "runtimeVersion": RUNTIME_VERSION,
            "enabledFeatures": [],
            "components": comps,
            "extended": dict(self.extended, daprRuntimeVersion=RUNTIME_VERSION),
            "subscriptions": subs,
        }
        if self.opts.app_port:
            out["appConnectionProperties"] = {
                "port": self.opts.app_port,
                "protocol": "http",
                "channelAddress": self.opts.app_channel_address,
            }
        return out

    # -- test hooks -----------------------------------------------------------------------------
    def reset(self, wipe_broker: bool) -> None:
        self.faults.clear()
        self.consumer.clear_log()
        self.jobs.clear_log()
        if wipe_broker:
            self.gate.pause()
            for w in list(self.consumer.workers.values()):
                w.revoke.set()
            for w in list(self.consumer.workers.values()):
                w.join(timeout=5)
            self.broker.reset()
        self.gate.resume()

    def shutdown(self) -> None:
        self.stopping.set()
        self.jobs.stop()
        self.consumer.stop()
        self.broker.close()
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
