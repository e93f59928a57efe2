"""Publishing: single (§1.1-1.5) and bulk (§1.6), down to error codes, onto the shared broker."""

from __future__ import annotations

import base64
import time

from . import cloudevents, errors, gocompat
from .broker import Record
from .resources import PubSubSettings

FORBIDDEN_REASON = "topic is not allowed"


def choose_partition(key: bytes | None, partitions: int, rr: int) -> int:
    """Sarama's hash partitioner for keyed records, round-robin for the rest."""
    if key is not None:
        return gocompat.sarama_hash_partition(key, partitions)
    return rr % partitions


def publish_allowed(settings: PubSubSettings, app_id: str, topic: str) -> bool:
    """RT pkg/scopes IsAllowedForPublish with allowedTopics and protectedTopics."""
    if settings.allowed_topics is not None and topic not in settings.allowed_topics:
        if topic not in settings.protected_topics:
            return False
    scopes = settings.publishing_scopes
    if topic in settings.protected_topics:
        return bool(scopes) and app_id in scopes and topic in scopes[app_id]
    if scopes and app_id in scopes:
        return topic in scopes[app_id]
    return True


def subscribe_allowed(settings: PubSubSettings, app_id: str, topic: str) -> bool:
    if settings.allowed_topics is not None and topic not in settings.allowed_topics:
        if topic not in settings.protected_topics:
            return False
    scopes = settings.subscription_scopes
    if topic in settings.protected_topics:
        return bool(scopes) and app_id in scopes and topic in scopes[app_id]
    if scopes and app_id in scopes:
        return topic in scopes[app_id]
    return True


class Publisher:
    def __init__(self, rt):
        self.rt = rt

    # -- lookups shared by both endpoints ------------------------------------------------------
    def _component(self, name: str, topic: str):
        rt = self.rt
        meta = {"appID": rt.app_id}
        if not rt.resources.of_category("pubsub"):
            raise errors.pubsub(400, "ERR_PUBSUB_NOT_CONFIGURED", f"pubsub {name} is not configured",
                                "NOT_CONFIGURED", name, meta, resource=False)
        if not name:
            raise errors.pubsub(404, "ERR_PUBSUB_EMPTY", "pubsub name is empty", "NAME_EMPTY", name, meta)
        comp = rt.resources.component(name, "pubsub")
        if comp is None:
            raise errors.pubsub(404, "ERR_PUBSUB_NOT_FOUND", f"pubsub {name} is not found", "NOT_FOUND",
                                name, meta, resource=False)
        if not topic:
            raise errors.pubsub(404, "ERR_TOPIC_NAME_EMPTY", f"topic is empty in pubsub {name}",
                                "TOPIC_NAME_EMPTY", name, meta)
        return comp, rt.pubsub_settings[name]

    def _raw_payload(self, name: str, metadata: dict[str, str]) -> bool:
        value = metadata.get("rawPayload")
        if value is None or value == "":
            return False
        try:
            return gocompat.parse_bool(value)
        except ValueError:
            raise errors.pubsub(
                400, "ERR_PUBSUB_REQUEST_METADATA",
                f"failed deserializing metadata. Error: rawPayload value must be a valid boolean: actual is '{value}'",
                "METADATA_DESERIALIZATION", name, {"appID": self.rt.app_id},
            ) from None

    def _check_scope(self, name: str, topic: str, settings: PubSubSettings) -> None:
        if not publish_allowed(settings, self.rt.app_id, topic):
            raise errors.pubsub(
                403, "ERR_PUBSUB_FORBIDDEN", f"topic {topic} is not allowed for app id {self.rt.app_id}",
                "FORBIDDEN", name, {"topic": topic, "error": FORBIDDEN_REASON},
            )

    def _envelope(self, name, topic, body, content_type, metadata, raw, traceparent, tracestate) -> bytes:
        if raw:
            return body
        if cloudevents.is_cloudevent(content_type):
            try:
                return cloudevents.passthrough(body, topic, name, metadata, traceparent, tracestate)
            except ValueError:
                raise errors.pubsub(500, "ERR_PUBSUB_CLOUD_EVENTS_SER", "cannot create cloudevent",
                                    "CLOUD_EVENT_CREATION", name, {"appID": self.rt.app_id}) from None
        return cloudevents.wrap(body, content_type, topic, name, self.rt.app_id, metadata, traceparent, tracestate)

    # -- the broker write, under the outbound resiliency policy ----------------------------------
    def write(self, name: str, topic: str, value: bytes, metadata: dict[str, str]) -> Record:
        """Send one record; raises RuntimeError(broker error text) when every attempt failed."""
        rt = self.rt
        settings = rt.pubsub_settings[name]
        policy = rt.resources.outbound.get(name)
        retry = policy.retry if policy else None
        attempt = 0
        while True:
            try:
                return self._write_once(name, topic, value, metadata, settings)
            except RuntimeError:
                attempt += 1
                if retry is None or (retry.max_retries >= 0 and attempt > retry.max_retries):
                    raise
                time.sleep(retry.delay(attempt))

    def _write_once(self, name, topic, value, metadata, settings: PubSubSettings) -> Record:
        rt = self.rt
        wait, err = rt.faults.take(topic)
        if wait:
            time.sleep(wait)
        if err:
            raise RuntimeError(err)
        key = metadata.get("partitionKey") or metadata.get("__key")
        partition = None
        if metadata.get("partitionNumber"):
            try:
                partition = int(metadata["partitionNumber"])
            except ValueError:
                raise RuntimeError(f"invalid partitionNumber {metadata['partitionNumber']!r}") from None
        headers = {
            k: v for k, v in metadata.items()
            if not (settings.exclude_header_regex and settings.exclude_header_regex.search(k))
        }
        try:
            rec = rt.broker.append(
                settings.cluster, topic, rt.partitions_for(topic), key.encode() if key else None,
                value, headers, rt.app_id, partition, choose_partition,
            )
        except ValueError as e:
            raise RuntimeError(str(e)) from None
        rt.notify_published()
        return rec

    # -- endpoints -------------------------------------------------------------------------------
    def publish(self, name, topic, body, content_type, metadata, traceparent, tracestate) -> None:
        comp, settings = self._component(name, topic)
        raw = self._raw_payload(name, metadata)
        self._check_scope(name, topic, settings)
        value = self._envelope(name, topic, body, content_type, metadata, raw, traceparent, tracestate)
        try:
            self.write(name, topic, value, metadata)
        except RuntimeError as e:
            raise errors.pubsub(
                500, "ERR_PUBSUB_PUBLISH_MESSAGE",
                f"error when publishing to topic {topic} in pubsub {name}: {e}",
                "PUBLISH_MESSAGE", name, {"topic": topic, "error": str(e)},
            ) from None

    def bulk(self, name, topic, body, metadata, traceparent_for, tracestate) -> dict | None:
        """None on full success, else the 500 body with failedEntries."""
        comp, settings = self._component(name, topic)
        meta = {"appID": self.rt.app_id}

        def unmarshal_error(msg):
            return errors.pubsub(400, "ERR_PUBSUB_EVENTS_SER",
                                 f"error when unmarshaling the request for topic {topic} pubsub {name}: {msg}",
                                 "UNMARSHAL_EVENTS", name, meta)

        try:
            entries = gocompat.loads_precise(body)
        except ValueError:
            raise unmarshal_error("unexpected end of JSON input") from None
        if not isinstance(entries, list):
            raise unmarshal_error(
                f"json: cannot unmarshal {_go_kind(entries)} into Go value of type []http.bulkPublishMessageEntry")
        seen: set[str] = set()
        for e in entries:
            if not isinstance(e, dict):
                raise unmarshal_error(
                    f"json: cannot unmarshal {_go_kind(e)} into Go value of type http.bulkPublishMessageEntry")
            eid = gocompat.plain(e.get("entryId"))
            if not isinstance(eid, str) or not eid:
                raise errors.pubsub(400, "ERR_PUBSUB_EVENTS_SER",
                                    "error: entryId is duplicated or not present for entry",
                                    "MARSHAL_EVENTS", name, meta)
            if eid in seen:
                raise errors.pubsub(400, "ERR_PUBSUB_EVENTS_SER",
                                    f"error: entryId is duplicated or not present for entry: {eid}",
                                    "MARSHAL_EVENTS", name, meta)
            seen.add(eid)
        prepared = []
        for e in entries:
            ct = str(gocompat.plain(e.get("contentType")) or "")
            try:
                data = _event_bytes(e.get("event"), ct)
            except ValueError as err:
                message = (f"error marshaling events to bytes for topic {topic} pubsub {name}. "
                           f"error: error when marshalling message with entryId {e['entryId']}: {err}")
                raise errors.pubsub(400, "ERR_PUBSUB_EVENTS_SER", message, "MARSHAL_EVENTS", name, meta) from None
            entry_meta = dict(metadata)
            entry_meta.update({str(k): str(v) for k, v in gocompat.plain(e.get("metadata") or {}).items()})
            prepared.append((gocompat.plain(e["entryId"]), ct, data, entry_meta))
        self._raw_payload(name, metadata)
        self._check_scope(name, topic, settings)
        failed = []
        for eid, ct, data, entry_meta in prepared:
            raw = self._raw_payload(name, entry_meta)
            value = self._envelope(name, topic, data, ct, entry_meta, raw, traceparent_for(), tracestate)
            try:
                self.write(name, topic, value, entry_meta)
            except RuntimeError as err:
                failed.append({"entryId": eid, "error": str(err)})
        if not failed:
            return None
        return {"failedEntries": failed, "errorCode": "ERR_PUBSUB_PUBLISH_MESSAGE"}


def _go_kind(value) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "bool"
    if value is None:
        return "null"
    return "number"


def _event_bytes(event, content_type: str) -> bytes:
    """RT pkg/api/http/util.go ConvertEventToBytes."""
    mt = cloudevents.media_type(content_type)
    if mt in ("application/json", "application/cloudevents+json") or (mt.endswith("+json") and mt):
        return gocompat.marshal(event)
    if mt.startswith("text/") or mt == "application/xml":
        if not isinstance(event, str):
            raise ValueError(f"error: mismatch between contentType and event, contentType: {content_type}")
        return event.encode()
    if mt == "application/octet-stream":
        if not isinstance(event, str):
            raise ValueError(f"error: mismatch between contentType and event, contentType: {content_type}")
        try:
            return base64.b64decode(event, validate=True)
        except ValueError:
            raise ValueError("illegal base64 data") from None
    raise ValueError(f"error: unsupported contentType {content_type!r}")
