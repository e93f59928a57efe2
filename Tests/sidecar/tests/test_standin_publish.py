"""Publish (contract §1): wrapping table 1.2, pass-through 1.3, raw payloads, every error code in 1.5,
bulk publish 1.6, and the publish fault hooks."""

from __future__ import annotations

import base64
import json
import re
import time
import uuid

import pytest

from standin_apps import kafka_component
from standin.client import Sidecar

TRACEPARENT = re.compile(r"^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
RESILIENCY = """
apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: {name: resiliency}
spec:
  policies:
    retries:
      publishRetry: {policy: constant, duration: 10ms, maxRetries: 2}
  targets:
    components:
      kafka-pubsub:
        outbound: {retry: publishRetry}
"""


@pytest.fixture(scope="module")
def sc(tmp_path_factory):
    d = tmp_path_factory.mktemp("publish")
    (d / "pubsub.yaml").write_text(kafka_component(protectedTopics="secret"))
    (d / "other.yaml").write_text(kafka_component().replace("name: kafka-pubsub", "name: plain-pubsub"))
    (d / "resiliency.yaml").write_text(RESILIENCY)
    s = Sidecar.start("publisher", None, [str(d)], str(d / "broker.sqlite"))
    yield s
    s.stop()


def last(sc: Sidecar, topic: str, pubsub: str = "kafka-pubsub") -> dict:
    records = sc.published(topic=topic, pubsub=pubsub)
    assert records, f"nothing published to {topic}"
    return records[-1]


def envelope(sc, topic, pubsub="kafka-pubsub") -> dict:
    return json.loads(last(sc, topic, pubsub)["value"])


def topic_name() -> str:
    return f"t-{uuid.uuid4().hex[:8]}"


# -- 1.2 wrapping ---------------------------------------------------------------------------------

def test_json_body_is_wrapped_with_every_envelope_field(sc):
    t = topic_name()
    r = sc.publish("kafka-pubsub", t, b'{"b":2,"a":1}', "application/json")
    assert r.status == 204 and r.body == b""
    ce = envelope(sc, t)
    assert ce["data"] == {"a": 1, "b": 2}
    assert ce["source"] == "publisher"
    assert ce["type"] == "com.dapr.event.sent"
    assert ce["specversion"] == "1.0"
    assert ce["datacontenttype"] == "application/json"
    assert ce["topic"] == t and ce["pubsubname"] == "kafka-pubsub"
    assert uuid.UUID(ce["id"]).version == 4
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", ce["time"])
    assert TRACEPARENT.match(ce["traceparent"]) and ce["traceid"] == ce["traceparent"]
    assert ce["tracestate"] == ""
    assert "subject" not in ce and "expiration" not in ce


def test_envelope_bytes_are_go_json_sorted_and_numbers_kept_exactly(sc):
    t = topic_name()
    sc.publish("kafka-pubsub", t, b'{"n": 12345678901234567890, "x": 1.50, "h": "<&>"}', "application/json")
    raw = last(sc, t)["value"]
    keys = list(json.loads(raw).keys())
    assert keys == sorted(keys)
    assert '"n":12345678901234567890' in raw and '"x":1.50' in raw
    assert '"h":"\\u003c\\u0026\\u003e"' in raw


@pytest.mark.parametrize(
    "content_type, body, field, expected",
    [
        (None, b"hello", "data", "hello"),
        ("text/plain", b"hello", "data", "hello"),
        ("application/xml", b"<a/>", "data", "<a/>"),
        ("application/json", b"not json", "data", "not json"),
        ("application/json; charset=utf-8", b'{"k":"v"}', "data", {"k": "v"}),
        ("application/octet-stream", b"\x00\xff", "data_base64", base64.b64encode(b"\x00\xff").decode()),
    ],
)
def test_data_field_follows_content_type(sc, content_type, body, field, expected):
    t = topic_name()
    assert sc.publish("kafka-pubsub", t, body, content_type).status == 204
    ce = envelope(sc, t)
    assert ce[field] == expected
    assert ce["datacontenttype"] == (content_type or "text/plain")
    other = {"data", "data_base64"} - {field}
    assert not other & ce.keys()


def test_caller_traceparent_is_continued_and_returned(sc):
    t = topic_name()
    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    r = sc.publish("kafka-pubsub", t, b"{}", "application/json", headers={"traceparent": parent})
    ce = envelope(sc, t)
    assert ce["traceparent"].split("-")[1] == "0af7651916cd43dd8448eb211c80319c"
    assert ce["traceparent"].split("-")[2] != "b7ad6b7169203331"
    assert r.headers["traceparent"].split("-")[1] == "0af7651916cd43dd8448eb211c80319c"


def test_cloudevent_metadata_overrides_apply_when_wrapping(sc):
    t = topic_name()
    tp = "00-11111111111111111111111111111111-2222222222222222-01"
    meta = {"cloudevent.id": "my-id", "cloudevent.source": "src", "cloudevent.type": "my.type",
            "cloudevent.subject": "task/1", "cloudevent.traceparent": tp, "ttlInSeconds": "60"}
    sc.publish("kafka-pubsub", t, b"{}", "application/json", metadata=meta)
    ce = envelope(sc, t)
    assert (ce["id"], ce["source"], ce["type"], ce["subject"]) == ("my-id", "src", "my.type", "task/1")
    assert ce["traceparent"] == tp and ce["traceid"] == tp
    assert ce["expiration"] > ce["time"]


def test_every_publish_metadata_entry_becomes_a_record_header_and_key(sc):
    t = topic_name()
    sc.publish("kafka-pubsub", t, b"{}", "application/json",
               metadata={"partitionKey": "task-1", "correlationId": "c-9"})
    rec = last(sc, t)
    assert rec["headers"] == {"partitionKey": "task-1", "correlationId": "c-9"}
    assert rec["key"] == "task-1"


# -- 1.3 pass-through -------------------------------------------------------------------------------

def test_app_cloudevent_passes_through_with_daprs_edits(sc):
    t = topic_name()
    app_ce = {"id": "e-1", "source": "todo-chat", "type": "task.created", "specversion": "1.0",
              "datacontenttype": "application/json", "subject": "task/7", "correlationid": "c1",
              "topic": "wrong", "pubsubname": "wrong", "traceparent": "00-aaaa", "data": {"title": "milk"}}
    r = sc.publish("kafka-pubsub", t, json.dumps(app_ce), "application/cloudevents+json",
                   metadata={"cloudevent.id": "ignored", "cloudevent.type": "ignored"})
    assert r.status == 204
    ce = envelope(sc, t)
    for k in ("id", "source", "type", "specversion", "datacontenttype", "subject", "correlationid", "data"):
        assert ce[k] == app_ce[k]
    assert ce["topic"] == t and ce["pubsubname"] == "kafka-pubsub"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", ce["time"])
    # traceid was missing, so both trace fields are Dapr's, overwriting the app's traceparent.
    assert TRACEPARENT.match(ce["traceid"]) and ce["traceparent"] == ce["traceid"]
    assert ce["tracestate"] == ""


def test_pass_through_fills_only_missing_fields_and_never_invents_an_id(sc):
    t = topic_name()
    app_ce = {"time": "2020-01-01T00:00:00Z", "traceid": "app-trace", "traceparent": "app-parent",
              "tracestate": "k=v", "data": "x"}
    sc.publish("kafka-pubsub", t, json.dumps(app_ce), "application/cloudevents+json; charset=utf-8",
               metadata={"ttlInSeconds": "30"})
    ce = envelope(sc, t)
    assert "id" not in ce and "datacontenttype" not in ce
    assert (ce["source"], ce["type"], ce["specversion"]) == ("Dapr", "com.dapr.event.sent", "1.0")
    assert (ce["time"], ce["traceid"], ce["traceparent"], ce["tracestate"]) == (
        "2020-01-01T00:00:00Z", "app-trace", "app-parent", "k=v")
    assert "expiration" in ce


def test_raw_payload_stores_the_body_as_is(sc):
    t = topic_name()
    body = b'{"not":"wrapped"}  \n'
    assert sc.publish("kafka-pubsub", t, body, "application/cloudevents+json",
                      metadata={"rawPayload": "true"}).status == 204
    rec = last(sc, t)
    assert base64.b64decode(rec["value_base64"]) == body
    assert rec["headers"]["rawPayload"] == "true"


def test_post_and_put_both_publish_and_topics_may_contain_slashes(sc):
    r = sc.request("PUT", "/v1.0/publish/kafka-pubsub/a/b/c", b"x", {"Content-Type": "text/plain"})
    assert r.status == 204
    assert envelope(sc, "a/b/c")["topic"] == "a/b/c"


# -- 1.5 error codes ------------------------------------------------------------------------------

def error_of(r) -> dict:
    assert r.headers["content-type"] == "application/json"
    return r.json()


def test_unknown_pubsub_is_404_with_rich_error(sc):
    r = sc.publish("nope", "t", b"{}", "application/json")
    assert r.status == 404
    e = error_of(r)
    assert e["errorCode"] == "ERR_PUBSUB_NOT_FOUND"
    assert e["message"] == "pubsub nope is not found"
    assert len(e["details"]) == 1
    assert e["details"][0]["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"
    assert e["details"][0]["reason"] == "DAPR_PUBSUB_NOT_FOUND"
    assert e["details"][0]["domain"] == "dapr.io"


def test_bad_raw_payload_value_is_400(sc):
    r = sc.publish("kafka-pubsub", "t", b"", metadata={"rawPayload": "yes"})
    assert r.status == 400
    e = error_of(r)
    assert e["errorCode"] == "ERR_PUBSUB_REQUEST_METADATA"
    assert e["message"] == ("failed deserializing metadata. Error: rawPayload value must be a valid boolean: "
                            "actual is 'yes'")
    assert {d["@type"].rsplit(".", 1)[1] for d in e["details"]} == {"ErrorInfo", "ResourceInfo"}


@pytest.mark.parametrize("body", [b'{"}', b"[1,2]", b'"a string"'])
def test_invalid_cloudevent_body_is_500(sc, body):
    r = sc.publish("kafka-pubsub", "t", body, "application/cloudevents+json")
    assert r.status == 500
    e = error_of(r)
    assert (e["errorCode"], e["message"]) == ("ERR_PUBSUB_CLOUD_EVENTS_SER", "cannot create cloudevent")
    assert e["details"][0]["reason"] == "DAPR_PUBSUB_CLOUD_EVENT_CREATION"


def test_empty_pubsub_name_and_empty_topic_are_404(sc):
    r = sc.request("POST", "/v1.0/publish//topic", b"x")
    assert (r.status, error_of(r)["errorCode"]) == (404, "ERR_PUBSUB_EMPTY")
    r = sc.request("POST", "/v1.0/publish/kafka-pubsub/", b"x")
    assert (r.status, error_of(r)["errorCode"]) == (404, "ERR_TOPIC_NAME_EMPTY")
    assert error_of(r)["message"] == "topic is empty in pubsub kafka-pubsub"


def test_protected_topic_is_403_forbidden(sc):
    r = sc.publish("kafka-pubsub", "secret", b"{}", "application/json")
    assert r.status == 403
    e = error_of(r)
    assert e["errorCode"] == "ERR_PUBSUB_FORBIDDEN"
    assert e["message"] == "topic secret is not allowed for app id publisher"
    assert sc.published(topic="secret") == []


def test_broker_failure_is_500_after_outbound_retries(sc):
    t = topic_name()
    sc.fail_next_publishes(3, error="kafka: broker down", topic=t)
    r = sc.publish("kafka-pubsub", t, b"{}", "application/json")
    assert r.status == 500
    e = error_of(r)
    assert e["errorCode"] == "ERR_PUBSUB_PUBLISH_MESSAGE"
    assert e["message"] == f"error when publishing to topic {t} in pubsub kafka-pubsub: kafka: broker down"
    assert sc.published(topic=t) == []
    assert sc.status()["faults"]["fail"]["remaining"] == 0  # 1 attempt + 2 retries


def test_outbound_retry_hides_a_transient_broker_failure(sc):
    t = topic_name()
    sc.fail_next_publishes(2, topic=t)
    assert sc.publish("kafka-pubsub", t, b"{}", "application/json").status == 204
    assert len(sc.published(topic=t)) == 1


def test_without_outbound_policy_one_failure_fails_the_publish(sc):
    t = topic_name()
    sc.fail_next_publishes(1, topic=t)
    assert sc.publish("plain-pubsub", t, b"{}", "application/json").status == 500
    assert sc.publish("plain-pubsub", t, b"{}", "application/json").status == 204
    sc.fail_next_publishes(5, topic=t)
    sc.clear_faults()
    assert sc.publish("plain-pubsub", t, b"{}", "application/json").status == 204


def test_delay_hook_slows_the_next_publishes(sc):
    t = topic_name()
    sc.delay_next_publishes(1, 0.3, topic=t)
    start = time.monotonic()
    assert sc.publish("kafka-pubsub", t, b"{}", "application/json").status == 204
    assert time.monotonic() - start >= 0.3
    start = time.monotonic()
    sc.publish("kafka-pubsub", t, b"{}", "application/json")
    assert time.monotonic() - start < 0.3


def test_no_pubsub_component_is_400_not_configured(sidecars, resources_dir):
    s = sidecars("lonely", resources=[resources_dir("empty", {})])
    r = s.publish("kafka-pubsub", "t", b"{}", "application/json")
    assert (r.status, r.json()["errorCode"]) == (400, "ERR_PUBSUB_NOT_CONFIGURED")


def test_routes_dapr_does_not_have_are_404_direct_invoke(sc):
    for path in ("/v1.0/jobscheduler/dapr-jobs/schedule", "/v1.0/nothing"):
        r = sc.request("POST", path, b"{}")
        assert r.status == 404
        assert error_of(r) == {"errorCode": "ERR_DIRECT_INVOKE",
                               "message": "failed getting app id either from the URL path or the header dapr-app-id"}
        assert TRACEPARENT.match(r.headers["traceparent"])


# -- 1.6 bulk -------------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix", ["/v1.0-alpha1", "/v1.0"])
def test_bulk_publish_wraps_each_entry(sc, prefix):
    t = topic_name()
    entries = [
        {"entryId": "1", "event": {"a": 1}, "contentType": "application/json"},
        {"entryId": "2", "event": "hello", "contentType": "text/plain", "metadata": {"partitionKey": "k"}},
        {"entryId": "3", "event": base64.b64encode(b"\x01").decode(), "contentType": "application/octet-stream"},
        {"entryId": "4", "event": {"id": "mine", "source": "s", "type": "x", "specversion": "1.0", "data": 1},
         "contentType": "application/cloudevents+json"},
    ]
    r = sc.request("POST", f"{prefix}/publish/bulk/kafka-pubsub/{t}?metadata.correlationId=c",
                   json.dumps(entries), {"Content-Type": "application/json"})
    assert r.status == 204, r.body
    recs = sc.published(topic=t)
    ces = {json.loads(x["value"]).get("id"): (json.loads(x["value"]), x) for x in recs}
    assert len(recs) == 4
    assert ces["mine"][0]["data"] == 1
    by_ct = {c["datacontenttype"]: (c, rec) for c, rec in ces.values() if "datacontenttype" in c}
    assert by_ct["application/json"][0]["data"] == {"a": 1}
    assert by_ct["text/plain"][0]["data"] == "hello"
    assert by_ct["text/plain"][1]["key"] == "k"
    assert by_ct["application/octet-stream"][0]["data_base64"] == "AQ=="
    assert all(rec["headers"]["correlationId"] == "c" for rec in recs)
    assert len({c["traceparent"] for c, _ in ces.values()}) == 4  # a child span per entry


@pytest.mark.parametrize(
    "body",
    [
        b'{"entryId": "1"}',
        b"[",
        json.dumps([{"event": 1, "contentType": "application/json"}]).encode(),
        json.dumps([{"entryId": "1", "event": 1, "contentType": "application/json"},
                    {"entryId": "1", "event": 2, "contentType": "application/json"}]).encode(),
        json.dumps([{"entryId": "1", "event": 1, "contentType": ""}]).encode(),
        json.dumps([{"entryId": "1", "event": {"a": 1}, "contentType": "text/plain"}]).encode(),
    ],
)
def test_bad_bulk_requests_are_400_events_ser(sc, body):
    r = sc.request("POST", "/v1.0-alpha1/publish/bulk/kafka-pubsub/bulk-bad", body)
    assert r.status == 400
    assert error_of(r)["errorCode"] == "ERR_PUBSUB_EVENTS_SER"
    assert sc.published(topic="bulk-bad") == []


def test_bulk_to_unknown_pubsub_is_404(sc):
    r = sc.request("POST", "/v1.0-alpha1/publish/bulk/nope/t", b"[]")
    assert (r.status, error_of(r)["errorCode"]) == (404, "ERR_PUBSUB_NOT_FOUND")


def test_bulk_broker_failure_lists_failed_entries(sc):
    t = topic_name()
    sc.fail_next_publishes(3, error="boom", topic=t)
    entries = [{"entryId": "a", "event": 1, "contentType": "application/json"},
               {"entryId": "b", "event": 2, "contentType": "application/json"}]
    r = sc.request("POST", f"/v1.0/publish/bulk/kafka-pubsub/{t}", json.dumps(entries))
    assert r.status == 500
    assert r.json() == {"failedEntries": [{"entryId": "a", "error": "boom"}],
                        "errorCode": "ERR_PUBSUB_PUBLISH_MESSAGE"}
    assert len(sc.published(topic=t)) == 1
