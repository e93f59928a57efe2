"""The CloudEvent envelope daprd builds on publish (contract §1.2, §1.3) and on raw delivery (§2.3)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import secrets
import uuid

from . import gocompat

DEFAULT_TYPE = "com.dapr.event.sent"
DEFAULT_SOURCE = "Dapr"
SPEC_VERSION = "1.0"

_TRACEPARENT = re.compile(r"^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def is_cloudevent(content_type: str) -> bool:
    return media_type(content_type) == "application/cloudevents+json"


def is_json(content_type: str) -> bool:
    mt = media_type(content_type)
    return mt == "application/json" or mt.endswith("+json")


def is_binary(content_type: str) -> bool:
    return media_type(content_type) in ("application/octet-stream", "application/cloudevents+protobuf")


def parse_traceparent(value: str | None) -> tuple[str, str, str] | None:
    """(trace-id, span-id, flags) of a valid W3C traceparent, else None."""
    if not value:
        return None
    m = _TRACEPARENT.match(value.strip())
    if not m or m.group(1) == "ff" or set(m.group(2)) == {"0"} or set(m.group(3)) == {"0"}:
        return None
    return m.group(2), m.group(3), m.group(4)


def child_span(parent: str | None, sampled: bool) -> str:
    """The traceparent of a new span: a child of `parent` when it is valid, else a new trace."""
    p = parse_traceparent(parent)
    span = secrets.token_hex(8)
    if p:
        return f"00-{p[0]}-{span}-{p[2]}"
    return f"00-{secrets.token_hex(16)}-{span}-{'01' if sampled else '00'}"


def _expiration(metadata: dict[str, str]) -> str | None:
    ttl = metadata.get("ttlInSeconds")
    if ttl is None:
        return None
    try:
        seconds = int(ttl)
    except ValueError:
        return None
    if seconds < 0:
        return None
    return gocompat.rfc3339_now(dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=seconds))


def wrap(
    body: bytes,
    content_type: str,
    topic: str,
    pubsub: str,
    app_id: str,
    metadata: dict[str, str],
    traceparent: str,
    tracestate: str,
) -> bytes:
    """NewCloudEvent + NewCloudEventsEnvelope + ApplyMetadata for a non-CloudEvent body."""
    ct = content_type or "text/plain"
    trace = metadata.get("cloudevent.traceparent") or metadata.get("cloudevent.traceid") or traceparent
    state = metadata.get("cloudevent.tracestate", tracestate)
    ce: dict = {
        "id": metadata.get("cloudevent.id") or str(uuid.uuid4()),
        "specversion": SPEC_VERSION,
        "datacontenttype": ct,
        "source": metadata.get("cloudevent.source") or app_id,
        "type": metadata.get("cloudevent.type") or DEFAULT_TYPE,
        "topic": topic,
        "pubsubname": pubsub,
        "traceid": trace,
        "traceparent": trace,
        "tracestate": state,
        "time": gocompat.rfc3339_now(),
    }
    if is_json(ct):
        try:
            ce["data"] = gocompat.loads_precise(body)
        except ValueError:
            ce["data"] = body.decode("utf-8", "replace")
    elif is_binary(ct):
        ce["data_base64"] = base64.b64encode(body).decode()
    else:
        ce["data"] = body.decode("utf-8", "replace")
    if metadata.get("cloudevent.subject"):
        ce["subject"] = metadata["cloudevent.subject"]
    exp = _expiration(metadata)
    if exp:
        ce["expiration"] = exp
    return gocompat.marshal(ce)


def passthrough(
    body: bytes, topic: str, pubsub: str, metadata: dict[str, str], traceparent: str, tracestate: str
) -> bytes:
    """FromCloudEvent: the app's event with Dapr's edits. ValueError if the body is not a JSON object."""
    ce = gocompat.loads_precise(body)
    if not isinstance(ce, dict):
        raise ValueError("not a JSON object")
    ce["topic"] = topic
    ce["pubsubname"] = pubsub
    if "time" not in ce:
        ce["time"] = gocompat.rfc3339_now()
    if "traceid" not in ce:
        ce["traceid"] = traceparent
        ce["traceparent"] = traceparent
    if "tracestate" not in ce:
        ce["tracestate"] = tracestate
    for k, v in (("source", DEFAULT_SOURCE), ("type", DEFAULT_TYPE), ("specversion", SPEC_VERSION)):
        if ce.get(k) is None:
            ce[k] = v
    exp = _expiration(metadata)
    if exp:
        ce["expiration"] = exp
    return gocompat.marshal(ce)


def from_raw_payload(value: bytes, topic: str, pubsub: str, headers: dict[str, str]) -> dict:
    """FromRawPayload, with the trace fields Dapr copies from the record headers."""
    ce = {
        "id": str(uuid.uuid4()),
        "specversion": SPEC_VERSION,
        "datacontenttype": "application/octet-stream",
        "source": DEFAULT_SOURCE,
        "type": DEFAULT_TYPE,
        "topic": topic,
        "pubsubname": pubsub,
        "data_base64": base64.b64encode(value).decode(),
    }
    for k in ("traceid", "traceparent", "tracestate"):
        if headers.get(k):
            ce[k] = headers[k]
    return ce


def has_expired(ce: dict) -> bool:
    exp = ce.get("expiration")
    if not isinstance(exp, str) or not exp:
        return False
    try:
        return gocompat.parse_rfc3339(exp) < dt.datetime.now(dt.timezone.utc)
    except ValueError:
        return False
