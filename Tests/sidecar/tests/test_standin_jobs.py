"""Jobs API (§5): schedule/get/delete on both paths, triggers with the raw data, repeats, @every,
overwrite/409, the default failure policy (3 retries at 1 s), and one firing per app across replicas."""

from __future__ import annotations

import json
import time

import pytest

from standin_apps import App, kafka_component
from standin.client import Sidecar, wait_for


@pytest.fixture(scope="module")
def jobs_app(tmp_path_factory):
    d = tmp_path_factory.mktemp("jobs")
    (d / "pubsub.yaml").write_text(kafka_component())
    app = App(subscriptions=[])
    sc = Sidecar.start("worker", app.port, [str(d)], str(d / "broker.sqlite"))
    sc.wait_ready()
    yield app, sc
    sc.stop()
    app.close()


def schedule(sc, name, body, prefix="/v1.0-alpha1"):
    return sc.request("POST", f"{prefix}/jobs/{name}", json.dumps(body) if not isinstance(body, bytes) else body,
                      {"Content-Type": "application/json"})


@pytest.mark.parametrize("prefix", ["/v1.0-alpha1", "/v1.0"])
def test_due_time_job_fires_once_with_raw_data(jobs_app, prefix):
    app, sc = jobs_app
    name = "remind-" + prefix.strip("/").replace(".", "-")
    data = {"taskId": "t1", "text": "pay rent"}
    assert schedule(sc, name, {"dueTime": "200ms", "data": data}, prefix).status == 204
    got = app.wait(f"/job/{name}", 1)[0]
    assert got.method == "POST" and got.headers["content-type"] == "application/json"
    assert got.json() == data
    wait_for(lambda: sc.request("GET", f"{prefix}/jobs/{name}").status == 500, 5, "job removed after firing")
    time.sleep(0.3)  # a negative check: a one-shot job does not fire again
    assert len(app.got(f"/job/{name}")) == 1


def test_every_schedule_with_repeats_and_string_data(jobs_app):
    app, sc = jobs_app
    assert schedule(sc, "tick", {"schedule": "@every 100ms", "repeats": 3, "data": "someData"}).status == 204
    got = app.wait("/job/tick", 3)
    assert all(r.body == b'"someData"' for r in got)
    wait_for(lambda: sc.request("GET", "/v1.0-alpha1/jobs/tick").status == 500, 5)
    assert len(app.got("/job/tick")) == 3


def test_cron_schedule_with_seconds_fires(jobs_app):
    app, sc = jobs_app
    assert schedule(sc, "cron", {"schedule": "* * * * * *", "repeats": 1, "data": 1}).status == 204
    app.wait("/job/cron", 1, timeout=3)


def test_get_overwrite_and_delete(jobs_app):
    app, sc = jobs_app
    body = {"schedule": "@every 1h", "data": {"k": "v"}, "repeats": 2, "ttl": "2h"}
    assert schedule(sc, "later", body).status == 204
    r = sc.request("GET", "/v1.0-alpha1/jobs/later")
    assert r.status == 200
    assert r.json() == {"name": "later", "schedule": "@every 1h", "repeats": 2, "ttl": "2h",
                        "data": {"@type": "type.googleapis.com/google.protobuf.Value", "value": {"k": "v"}}}
    again = schedule(sc, "later", body)
    assert again.status == 409 and again.json()["errorCode"] == "DAPR_SCHEDULER_SCHEDULE_JOB"
    assert schedule(sc, "later", dict(body, overwrite=True, data=2)).status == 204
    assert sc.request("GET", "/v1.0/jobs/later").json()["data"]["value"] == 2
    assert sc.request("DELETE", "/v1.0-alpha1/jobs/later").status == 204
    missing = sc.request("GET", "/v1.0-alpha1/jobs/later")
    assert missing.status == 500 and missing.json()["errorCode"] == "DAPR_SCHEDULER_GET_JOB"


@pytest.mark.parametrize(
    "body, status, code",
    [
        (b"", 400, "DAPR_SCHEDULER_SCHEDULE_EMPTY"),
        ({"data": 1}, 400, "DAPR_SCHEDULER_SCHEDULE_EMPTY"),
        ({"name": "x", "dueTime": "1s"}, 400, "DAPR_SCHEDULER_JOB_NAME"),
        (b"{bad", 400, "ERR_MALFORMED_REQUEST"),
        ({"schedule": "every day"}, 400, "DAPR_SCHEDULER_SCHEDULE_JOB"),
    ],
)
def test_schedule_errors(jobs_app, body, status, code):
    _, sc = jobs_app
    r = schedule(sc, "bad", body)
    assert (r.status, r.json()["errorCode"]) == (status, code)


def test_failed_trigger_is_retried_three_times_at_one_second(make_app, sidecars, resources_dir):
    fail = lambda req: (500, b"")  # noqa: E731
    app = make_app(subscriptions=[], responders={"/job/flaky": fail, "/job/gone": fail,
                                                 "/job/absent": lambda req: (404, b"")})
    sc = sidecars("flaky-worker", app.port, [resources_dir("r", {"pubsub.yaml": kafka_component()})])
    sc.wait_ready()
    schedule(sc, "flaky", {"dueTime": "0s", "data": 1})
    schedule(sc, "gone", {"dueTime": "0s", "data": 1, "failurePolicy": {"drop": {}}})
    schedule(sc, "absent", {"dueTime": "0s", "data": 1})
    got = app.wait("/job/flaky", 4, timeout=8)
    stamps = [t["time"] for t in sc.job_triggers() if t["name"] == "flaky"]
    assert all(0.9 <= b - a < 1.6 for a, b in zip(stamps, stamps[1:])), stamps
    time.sleep(1.1)  # a negative check: no fifth attempt after the last 1 s interval
    assert len(app.got("/job/flaky")) == 4 == len(got)
    assert len(app.got("/job/gone")) == 1  # failurePolicy drop: no retry
    assert len(app.got("/job/absent")) == 1  # 404 counts as done


def test_a_job_fires_on_one_replica_only(make_app, sidecars, resources_dir, tmp_path):
    a1, a2 = make_app(subscriptions=[]), make_app(subscriptions=[])
    d = resources_dir("r", {"pubsub.yaml": kafka_component()})
    s1 = sidecars("worker", a1.port, [d])
    s2 = sidecars("worker", a2.port, [d])
    s1.wait_ready()
    s2.wait_ready()
    schedule(s1, "once", {"schedule": "@every 150ms", "repeats": 4, "data": "x"})
    wait_for(lambda: len(a1.got("/job/once")) + len(a2.got("/job/once")) >= 4, 5)
    wait_for(lambda: s1.request("GET", "/v1.0-alpha1/jobs/once").status == 500, 5)
    assert len(a1.got("/job/once")) + len(a2.got("/job/once")) == 4
