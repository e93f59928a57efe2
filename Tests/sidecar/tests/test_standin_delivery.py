"""Subscriptions and delivery (contract §2): discovery, headers and exact bytes, the response
semantics table, inbound retry then dead letter, component retry, routing, raw payloads, TTL."""

from __future__ import annotations

import base64
import json
import time

import pytest

from standin_apps import App, kafka_component
from standin.client import Sidecar, wait_for

INBOUND_RETRY = """
apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: {name: resiliency}
spec:
  policies:
    retries:
      inboundRetry: {policy: constant, duration: 20ms, maxRetries: 1}
  targets:
    components:
      kafka-pubsub:
        inbound: {retry: inboundRetry}
"""


def start(make_app, sidecars, resources_dir, subs, files=None, app_id="sub-app", **app_kw):
    app = make_app(subscriptions=subs, **app_kw)
    d = resources_dir(f"res-{app_id}", {"pubsub.yaml": kafka_component(), **(files or {})})
    sc = sidecars(app_id, app.port, [d])
    sc.wait_ready()
    return app, sc


# -- discovery and the delivered request ------------------------------------------------------------

def test_discovery_request_and_delivery_headers_and_exact_bytes(make_app, sidecars, resources_dir):
    app, sc = start(make_app, sidecars, resources_dir,
                    [{"pubsubname": "kafka-pubsub", "topic": "orders", "route": "orders"}])
    disc = app.got("/dapr/subscribe")[0]
    assert disc.method == "GET"
    assert disc.headers["content-type"] == "application/json"
    assert disc.headers["dapr-app-id"] == "sub-app"

    parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    r = sc.publish("kafka-pubsub", "orders", b'{"n":1}', "application/json",
                   metadata={"partitionKey": "task-1", "correlationId": "c-1"}, headers={"traceparent": parent})
    assert r.status == 204
    got = app.wait("/orders", 1)[0]
    rec = sc.published(topic="orders")[0]
    assert got.body == base64.b64decode(rec["value_base64"])
    h = got.headers
    assert h["content-type"] == "application/cloudevents+json"
    assert h["pubsubname"] == "kafka-pubsub"
    assert h["__topic"] == "orders"
    assert h["__partition"] == "0" and h["__offset"] == "0"
    assert h["__timestamp"] == str(rec["timestamp"])
    assert h["__key"] == "task-1"
    assert h["partitionkey"] == "task-1" and h["correlationid"] == "c-1"
    event_trace = json.loads(got.body)["traceparent"]
    assert h["traceparent"].split("-")[1] == event_trace.split("-")[1] == "0af7651916cd43dd8448eb211c80319c"
    assert "dapr-api-token" not in h


def test_subscribe_404_means_no_subscriptions(make_app, sidecars, resources_dir):
    app, sc = start(make_app, sidecars, resources_dir, [], subscribe_status=404)
    assert sc.request("GET", "/v1.0/metadata").json()["subscriptions"] == []
    sc.publish("kafka-pubsub", "orders", b"{}", "application/json")
    assert app.got("/orders") == []


# -- §2.4 response semantics ------------------------------------------------------------------------

# (name, status, body, outcome) — outcome: deliveries made and whether it was dead-lettered, given
# an inbound policy of 1 retry and a dead-letter topic.
CASES = [
    ("2xx empty body", 200, b"", "success"),
    ("2xx non-JSON body", 200, b"ok", "success"),
    ("2xx JSON without status", 200, b'{"x":1}', "success"),
    ("2xx status empty", 200, b'{"status":""}', "success"),
    ("2xx SUCCESS", 200, b'{"status":"SUCCESS"}', "success"),
    ("201 SUCCESS", 201, b'{"status":"SUCCESS"}', "success"),
    ("2xx RETRY", 200, b'{"status":"RETRY"}', "retry"),
    ("2xx DROP", 200, b'{"status":"DROP"}', "drop"),
    ("2xx lowercase success is unknown", 200, b'{"status":"success"}', "retry"),
    ("2xx unknown status", 200, b'{"status":"MAYBE"}', "retry"),
    ("404 any body", 404, b"nope", "drop"),
    ("400", 400, b"", "retry"),
    ("500", 500, b"", "retry"),
    ("503 with SUCCESS body", 503, b'{"status":"SUCCESS"}', "retry"),
]


@pytest.fixture(scope="module")
def semantics(tmp_path_factory):
    d = tmp_path_factory.mktemp("semantics")
    (d / "pubsub.yaml").write_text(kafka_component())
    (d / "resiliency.yaml").write_text(INBOUND_RETRY)
    subs = [{"pubsubname": "kafka-pubsub", "topic": f"case-{i}", "route": f"/case/{i}",
             "deadLetterTopic": f"case-{i}-dlq"} for i in range(len(CASES))]
    app = App(subscriptions=subs)
    for i, (_, status, body, _) in enumerate(CASES):
        app.responders[f"/case/{i}"] = lambda req, s=status, b=body: (s, b)
    sc = Sidecar.start("semantics", app.port, [str(d)], str(d / "broker.sqlite"))
    sc.wait_ready()
    yield app, sc
    sc.stop()
    app.close()


@pytest.mark.parametrize("index", range(len(CASES)), ids=[c[0] for c in CASES])
def test_response_semantics_table(semantics, index):
    app, sc = semantics
    name, _, _, outcome = CASES[index]
    topic = f"case-{index}"
    assert sc.publish("kafka-pubsub", topic, b'{"row":1}', "application/json").status == 204
    if outcome == "success":
        app.wait(f"/case/{index}", 1)
        wait_for(lambda: any(d["topic"] == topic and d["outcome"] == "SUCCESS" for d in sc.deliveries()))
        assert sc.dead_letters(topic=f"{topic}-dlq") == []
        assert len(app.got(f"/case/{index}")) == 1
    else:
        dlq = wait_for(lambda: sc.dead_letters(topic=f"{topic}-dlq"), 10, f"{name} dead-lettered")
        expected = 2 if outcome == "retry" else 1  # DROP and 404 are not retried
        assert len(app.got(f"/case/{index}")) == expected, name
        assert dlq[0]["value"] == sc.published(topic=topic)[0]["value"]


def test_dead_letter_keeps_the_original_bytes_and_metadata(semantics):
    app, sc = semantics
    i = [c[3] for c in CASES].index("retry")
    sc.publish("kafka-pubsub", f"case-{i}", b'{"keep":"me"}', "application/json",
               metadata={"partitionKey": "task-9", "correlationId": "c-9"})
    original = [r for r in sc.published(topic=f"case-{i}") if r["key"] == "task-9"][0]
    dead = wait_for(lambda: [r for r in sc.dead_letters(topic=f"case-{i}-dlq") if r["key"] == "task-9"])[0]
    assert dead["value_base64"] == original["value_base64"]
    assert dead["headers"]["partitionKey"] == "task-9" and dead["headers"]["correlationId"] == "c-9"
    assert dead["headers"]["__topic"] == f"case-{i}" and dead["headers"]["__offset"] == str(original["offset"])


# -- component retry (no dead-letter topic) -------------------------------------------------------

def test_without_dead_letter_the_component_retries_and_blocks_the_partition(make_app, sidecars, resources_dir):
    attempts = []

    def flaky(req):
        attempts.append((time.monotonic(), json.loads(req.body)["data"]))
        return (500, b"") if len(attempts) <= 2 else (200, b"")

    app = make_app(subscriptions=[{"pubsubname": "kafka-pubsub", "topic": "work", "route": "/work"}],
                   responders={"/work": flaky})
    d = resources_dir("retry", {"pubsub.yaml": kafka_component(backOffDuration="150ms")})
    sc = sidecars("retrier", app.port, [d])
    sc.wait_ready()
    sc.publish("kafka-pubsub", "work", b'"first"', "application/json")
    sc.publish("kafka-pubsub", "work", b'"second"', "application/json")
    wait_for(lambda: len(attempts) >= 4, 10, "four attempts")
    assert [a[1] for a in attempts[:4]] == ["first", "first", "first", "second"]
    gaps = [b[0] - a[0] for a, b in zip(attempts, attempts[1:3])]
    assert all(g >= 0.14 for g in gaps), gaps


def test_consume_retry_disabled_skips_a_failing_record(make_app, sidecars, resources_dir):
    app = make_app(subscriptions=[{"pubsubname": "kafka-pubsub", "topic": "work", "route": "/work"}],
                   responders={"/work": lambda req: (500, b"")})
    d = resources_dir("noretry", {"pubsub.yaml": kafka_component(consumeRetryEnabled="false")})
    sc = sidecars("skipper", app.port, [d])
    sc.wait_ready()
    sc.publish("kafka-pubsub", "work", b'"a"', "application/json")
    sc.publish("kafka-pubsub", "work", b'"b"', "application/json")
    got = app.wait("/work", 2)
    assert [json.loads(r.body)["data"] for r in got] == ["a", "b"]


# -- routing -------------------------------------------------------------------------------------

def test_routing_rules_default_and_no_match(make_app, sidecars, resources_dir):
    subs = [
        {"pubsubname": "kafka-pubsub", "topic": "routed", "deadLetterTopic": "routed-dlq",
         "routes": {"rules": [
             {"match": 'event.type == "a"', "path": "/a"},
             {"match": 'event.type == "b" || event.type == "c"', "path": "/bc"},
             {"match": 'event.type == "d" && event.source == "x"', "path": "/d"}],
             "default": "/other"}},
        {"pubsubname": "kafka-pubsub", "topic": "strict", "deadLetterTopic": "strict-dlq",
         "routes": {"rules": [{"match": "event.type == 'only'", "path": "/only"}]}},
    ]
    app, sc = start(make_app, sidecars, resources_dir, subs)

    def ce(type_, source="s", topic="routed"):
        body = json.dumps({"id": type_ + source, "source": source, "type": type_, "specversion": "1.0"})
        assert sc.publish("kafka-pubsub", topic, body, "application/cloudevents+json").status == 204

    for t in ("a", "b", "c"):
        ce(t)
    ce("d", "x")
    ce("d", "y")
    ce("only", topic="strict")
    ce("other", topic="strict")
    app.wait("/other", 1)
    assert [r.json()["type"] for r in app.got("/a")] == ["a"]
    assert [r.json()["type"] for r in app.got("/bc")] == ["b", "c"]
    assert [r.json()["source"] for r in app.got("/d")] == ["x"]
    assert [r.json()["id"] for r in app.got("/other")] == ["dy"]
    app.wait("/only", 1)
    dead = wait_for(lambda: sc.dead_letters(topic="strict-dlq"))
    assert json.loads(dead[0]["value"])["type"] == "other"


def test_declarative_subscriptions_v2alpha1_and_v1alpha1_with_scopes(make_app, sidecars, resources_dir):
    files = {
        "sub-v2.yaml": """
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata: {name: v2}
            spec:
              pubsubname: kafka-pubsub
              topic: decl-v2
              routes:
                rules:
                  - {match: 'event.type == "special"', path: /special}
                default: /v2
              deadLetterTopic: decl-v2-dlq
            scopes: [decl-app]
            """,
        "sub-v1.yaml": """
            apiVersion: dapr.io/v1alpha1
            kind: Subscription
            metadata: {name: v1}
            spec:
              pubsubname: kafka-pubsub
              topic: decl-v1
              route: /v1
            """,
        "sub-other.yaml": """
            apiVersion: dapr.io/v2alpha1
            kind: Subscription
            metadata: {name: other}
            spec:
              pubsubname: kafka-pubsub
              topic: not-mine
              routes: {default: /not-mine}
            scopes: [someone-else]
            """,
    }
    app, sc = start(make_app, sidecars, resources_dir, [], files=files, app_id="decl-app")
    meta = {(s["topic"], s["type"]) for s in sc.request("GET", "/v1.0/metadata").json()["subscriptions"]}
    assert meta == {("decl-v2", "DECLARATIVE"), ("decl-v1", "DECLARATIVE")}
    sc.publish("kafka-pubsub", "decl-v2", json.dumps({"type": "special", "id": "1"}), "application/cloudevents+json")
    sc.publish("kafka-pubsub", "decl-v2", b"{}", "application/json")
    sc.publish("kafka-pubsub", "decl-v1", b"{}", "application/json")
    sc.publish("kafka-pubsub", "not-mine", b"{}", "application/json")
    app.wait("/special", 1)
    app.wait("/v2", 1)
    app.wait("/v1", 1)
    assert app.got("/not-mine") == []


def test_raw_payload_subscription_gets_a_dapr_built_cloudevent(make_app, sidecars, resources_dir):
    app, sc = start(make_app, sidecars, resources_dir,
                    [{"pubsubname": "kafka-pubsub", "topic": "raw", "route": "/raw", "metadata": {"rawPayload": "true"}}])
    sc.publish("kafka-pubsub", "raw", b"plain bytes", "text/plain", metadata={"rawPayload": "true"})
    got = app.wait("/raw", 1)[0]
    assert got.headers["content-type"] == "application/cloudevents+json"
    ce = got.json()
    assert base64.b64decode(ce["data_base64"]) == b"plain bytes"
    assert (ce["datacontenttype"], ce["source"], ce["type"], ce["topic"], ce["pubsubname"]) == (
        "application/octet-stream", "Dapr", "com.dapr.event.sent", "raw", "kafka-pubsub")


def test_expired_events_and_non_json_records_go_to_the_dead_letter_topic(make_app, sidecars, resources_dir):
    app, sc = start(make_app, sidecars, resources_dir,
                    [{"pubsubname": "kafka-pubsub", "topic": "ttl", "route": "/ttl", "deadLetterTopic": "ttl-dlq"}])
    old = {"id": "old", "source": "s", "type": "t", "specversion": "1.0", "expiration": "2000-01-01T00:00:00Z"}
    sc.publish("kafka-pubsub", "ttl", json.dumps(old), "application/cloudevents+json")
    sc.publish("kafka-pubsub", "ttl", b"not json", "text/plain", metadata={"rawPayload": "true"})
    sc.publish("kafka-pubsub", "ttl", b'{"fresh":1}', "application/json", metadata={"ttlInSeconds": "600"})
    app.wait("/ttl", 1)
    dead = wait_for(lambda: (lambda d: d if len(d) == 2 else None)(sc.dead_letters(topic="ttl-dlq")))
    assert dead[0]["value"].startswith("{") and json.loads(dead[0]["value"])["id"] == "old"
    assert dead[1]["value"] == "not json"
    assert [r.json()["data"] for r in app.got("/ttl")] == [{"fresh": 1}]


def test_pause_and_resume_delivery(make_app, sidecars, resources_dir):
    app, sc = start(make_app, sidecars, resources_dir,
                    [{"pubsubname": "kafka-pubsub", "topic": "p", "route": "/p"}])
    sc.pause_delivery()
    assert sc.status()["deliveryPaused"] is True
    sc.publish("kafka-pubsub", "p", b"{}", "application/json")
    time.sleep(0.3)  # a negative check: nothing may arrive while paused
    assert app.got("/p") == []
    sc.resume_delivery()
    app.wait("/p", 1)


def test_tracing_off_sends_no_traceparent_and_escape_headers_url_escapes(make_app, sidecars, resources_dir, tmp_path):
    app = make_app(subscriptions=[{"pubsubname": "kafka-pubsub", "topic": "q", "route": "/q"}])
    d = resources_dir("r", {"pubsub.yaml": kafka_component(escapeHeaders="true")})
    config = tmp_path / "config.yaml"
    config.write_text("apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata: {name: c}\n"
                      "spec:\n  tracing:\n    samplingRate: \"0\"\n")
    sc = sidecars("untraced", app.port, [d], extra_args=["--config", str(config)])
    sc.wait_ready()
    sc.publish("kafka-pubsub", "q", b"{}", "application/json", metadata={"note": "a b/c"})
    got = app.wait("/q", 1)[0]
    assert "traceparent" not in got.headers
    assert got.headers["note"] == "a+b%2Fc"
