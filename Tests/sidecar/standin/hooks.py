"""Test hooks under /_standin/ (a prefix daprd never serves). No API token is needed.

  GET    /_standin/status                      app id, readiness, subscriptions, owned partitions
  POST   /_standin/faults/publish/fail         {"count":N,"error":"...","topic":"t"?}  next N broker writes fail
  POST   /_standin/faults/publish/delay        {"count":N,"seconds":S,"topic":"t"?}    next N writes wait S
  DELETE /_standin/faults                      clear both
  POST   /_standin/delivery/pause              stop delivering (the in-flight delivery finishes)
  POST   /_standin/delivery/resume
  GET    /_standin/published?pubsub=&topic=&producer=&since=   records on the broker
  GET    /_standin/deadletters?pubsub=&topic=  records on dead-letter topics
  GET    /_standin/deliveries                  this process's delivery attempts and outcomes
  GET    /_standin/jobs/triggers               this process's job trigger attempts
  GET    /_standin/groups                      committed offsets and owners per group/partition
  POST   /_standin/reset                       {"broker":true}? clear faults, logs, pause; with
                                               broker=true also wipe records, offsets, state, jobs
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl


def _reply(status: int, value=None):
    from .httpapi import Reply, json_reply

    if value is None:
        return Reply(status)
    return json_reply(status, value)


def _clusters(rt, pubsub: str | None) -> list[str | None]:
    if pubsub:
        s = rt.pubsub_settings.get(pubsub)
        if s is None:
            raise _reply(404, {"error": f"unknown pubsub {pubsub}"})
        return [s.cluster]
    return [None]


def handle(rt, method: str, path: str, query: str, body: bytes):
    params = dict(parse_qsl(query))
    try:
        args = json.loads(body) if body.strip() else {}
    except ValueError:
        raise _reply(400, {"error": "body must be JSON"}) from None
    route = (method, path.rstrip("/"))

    if route == ("GET", "/_standin/status"):
        raise _reply(200, {
            "appId": rt.app_id,
            "member": rt.consumer.member,
            "ready": rt.ready.is_set(),
            "httpPort": rt.http_port,
            "broker": rt.broker_path,
            "deliveryPaused": rt.gate.paused,
            "subscriptions": [{"pubsubname": s.pubsubname, "topic": s.topic} for s in rt.subscriptions],
            "assignments": rt.consumer.assignments(),
            "faults": rt.faults.describe(),
        })
    if route == ("POST", "/_standin/faults/publish/fail"):
        rt.faults.fail(int(args.get("count", 1)), args.get("error"), args.get("topic"))
        raise _reply(204)
    if route == ("POST", "/_standin/faults/publish/delay"):
        rt.faults.delay(int(args.get("count", 1)), float(args.get("seconds", 1.0)), args.get("topic"))
        raise _reply(204)
    if route == ("DELETE", "/_standin/faults"):
        rt.faults.clear()
        raise _reply(204)
    if route == ("POST", "/_standin/delivery/pause"):
        rt.gate.pause()
        raise _reply(204)
    if route == ("POST", "/_standin/delivery/resume"):
        rt.gate.resume()
        raise _reply(204)
    if route == ("GET", "/_standin/published"):
        out = []
        for cluster in _clusters(rt, params.get("pubsub")):
            for r in rt.broker.records(cluster, params.get("topic"), int(params.get("since", 0))):
                if params.get("producer") and r.producer != params["producer"]:
                    continue
                out.append(r.as_json())
        raise _reply(200, out)
    if route == ("GET", "/_standin/deadletters"):
        dlq_topics = {s.dead_letter_topic for s in rt.subscriptions if s.dead_letter_topic}
        out = []
        for cluster in _clusters(rt, params.get("pubsub")):
            for r in rt.broker.records(cluster, params.get("topic")):
                if r.topic in dlq_topics or r.topic.endswith("-dlq"):
                    out.append(r.as_json())
        raise _reply(200, out)
    if route == ("GET", "/_standin/deliveries"):
        raise _reply(200, rt.consumer.deliveries())
    if route == ("GET", "/_standin/jobs/triggers"):
        raise _reply(200, rt.jobs.trigger_log())
    if route == ("GET", "/_standin/groups"):
        raise _reply(200, rt.broker.groups())
    if route == ("POST", "/_standin/reset"):
        rt.reset(bool(args.get("broker", False)))
        raise _reply(204)
    raise _reply(404, {"error": f"no test hook {method} {path}"})
