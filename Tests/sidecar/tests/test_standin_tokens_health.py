"""API tokens in both directions (§0, §3), health (§6) and metadata (§6)."""

from __future__ import annotations

import socket

from standin_apps import STATE, kafka_component
from standin.client import Sidecar, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dapr_api_token_is_required_except_on_healthz(make_app, sidecars, resources_dir):
    app = make_app(subscriptions=[{"pubsubname": "kafka-pubsub", "topic": "t", "route": "/t"}])
    d = resources_dir("r", {"pubsub.yaml": kafka_component(), "state.yaml": STATE})
    sc = sidecars("secure", app.port, [d], env={"DAPR_API_TOKEN": "s3cret", "APP_API_TOKEN": "app-tok"})
    sc.wait_ready()
    for method, path in [("POST", "/v1.0/publish/kafka-pubsub/t"), ("GET", "/v1.0/metadata"),
                         ("GET", "/v1.0/state/statestore/k"), ("POST", "/v1.0-alpha1/jobs/j"),
                         ("POST", "/v1.0/nothing")]:
        r = sc.request(method, path, b"{}", token=False)
        assert (r.status, r.body, r.headers["content-type"]) == (401, b"invalid api token", "text/plain"), path
        r = sc.request(method, path, b"{}", headers={"dapr-api-token": "wrong"}, token=False)
        assert r.status == 401
    assert sc.request("GET", "/v1.0/healthz", token=False).status == 204
    assert sc.request("GET", "/v1.0/healthz/outbound", token=False).status == 204
    assert sc.publish("kafka-pubsub", "t", b"{}", "application/json").status == 204
    assert sc.published(topic="t")[0]["headers"] == {}  # the token is not passed on as metadata

    got = app.wait("/t", 1)[0]
    assert got.headers["dapr-api-token"] == "app-tok"
    assert app.got("/dapr/subscribe")[0].headers["dapr-api-token"] == "app-tok"


def test_healthz_waits_for_the_app_port_and_outbound_does_not(sidecars, resources_dir, make_app):
    port = free_port()
    sc = sidecars("slow-app", port, [resources_dir("r", {"pubsub.yaml": kafka_component()})])
    assert sc.request("GET", "/v1.0/healthz/outbound").status == 204
    r = sc.request("GET", "/v1.0/healthz")
    assert r.status == 500 and r.json()["errorCode"] == "ERR_HEALTH_NOT_READY"
    assert "traceparent" not in r.headers
    import http.server
    import threading

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), http.server.BaseHTTPRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sc.wait_ready()
        r = sc.request("GET", "/v1.0/healthz?appid=other")
        assert r.status == 500 and r.json()["errorCode"] == "ERR_HEALTH_APPID_NOT_MATCH"
        assert sc.request("GET", "/v1.0/healthz?appid=slow-app").status == 204
    finally:
        server.shutdown()
        server.server_close()


def test_without_app_port_healthz_is_ready_at_once(sidecars, resources_dir):
    sc = sidecars("no-app", None, [resources_dir("r", {"pubsub.yaml": kafka_component()})])
    wait_for(lambda: sc.request("GET", "/v1.0/healthz").status == 204, 5)


def test_metadata_lists_components_and_subscriptions(make_app, sidecars, resources_dir):
    app = make_app(subscriptions=[
        {"pubsubname": "kafka-pubsub", "topic": "task-updates", "deadLetterTopic": "task-updates-dlq",
         "routes": {"rules": [{"match": 'event.type == "task.sync"', "path": "/sync"}], "default": "/updates"}}])
    sc = sidecars("todo-chat", app.port, [resources_dir("r", {"pubsub.yaml": kafka_component(),
                                                               "state.yaml": STATE})])
    sc.wait_ready()
    m = sc.request("GET", "/v1.0/metadata").json()
    assert m["id"] == "todo-chat" and m["runtimeVersion"]
    assert {(c["name"], c["type"], c["version"]) for c in m["components"]} == {
        ("kafka-pubsub", "pubsub.kafka", "v1"), ("statestore", "state.postgresql", "v1")}
    assert m["subscriptions"] == [{
        "pubsubname": "kafka-pubsub", "topic": "task-updates",
        "rules": [{"match": 'event.type == "task.sync"', "path": "/sync"}, {"path": "/updates"}],
        "deadLetterTopic": "task-updates-dlq", "type": "PROGRAMMATIC"}]
    assert m["appConnectionProperties"]["port"] == app.port
    assert sc.request("PUT", "/v1.0/metadata/cliPID", b"42").status == 204
    assert sc.request("GET", "/v1.0/metadata").json()["extended"]["cliPID"] == "42"


def test_port_zero_prints_the_chosen_port(tmp_path):
    sc = Sidecar.start("p0", None, [], str(tmp_path / "b.sqlite"))
    try:
        assert sc.port > 0
        assert sc.request("GET", "/v1.0/healthz/outbound").status == 204
    finally:
        sc.stop()
    assert sc.proc.returncode == 0
