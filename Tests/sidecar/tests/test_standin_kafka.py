"""Kafka semantics on the shared broker: partitions, keys, per-partition order under concurrent
publishers, consumer groups across stand-in processes, replicas splitting partitions, failover."""

from __future__ import annotations

import json
import threading
from collections import defaultdict

from standin_apps import kafka_component
from standin.client import wait_for
from standin.gocompat import fnv1a_32, sarama_hash_partition

SUB = [{"pubsubname": "kafka-pubsub", "topic": "task-events", "route": "/events"}]
PARTS = ["task-events=3"]


def test_sarama_hash_partitioner_values():
    # Published FNV-1a 32 test vectors; sarama takes int32(h) and negates a negative remainder.
    assert fnv1a_32(b"a") == 0xE40C292C and fnv1a_32(b"foobar") == 0xBF9CF968
    assert sarama_hash_partition(b"a", 3) == (2**32 - 0xE40C292C) % 3 == 0
    assert sarama_hash_partition(b"a", 7) == (2**32 - 0xE40C292C) % 7
    assert {sarama_hash_partition(f"k{i}".encode(), 3) for i in range(30)} == {0, 1, 2}


def test_keys_pick_a_stable_partition_and_keyless_records_round_robin(sidecars, resources_dir):
    sc = sidecars("pub", resources=[resources_dir("r", {"pubsub.yaml": kafka_component()})],
                  topic_partitions=PARTS)
    for i in range(3):
        sc.publish("kafka-pubsub", "task-events", b"{}", "application/json", metadata={"partitionKey": "task-1"})
    for i in range(6):
        sc.publish("kafka-pubsub", "task-events", b"{}", "application/json")
    sc.publish("kafka-pubsub", "task-events", b"{}", "application/json", metadata={"partitionNumber": "2"})
    recs = sc.published(topic="task-events")
    keyed = [r for r in recs if r["key"] == "task-1"]
    assert {r["partition"] for r in keyed} == {sarama_hash_partition(b"task-1", 3)}
    assert [r["offset"] for r in keyed] == [0, 1, 2]
    keyless = [r["partition"] for r in recs[3:9]]
    assert sorted(keyless) == [0, 0, 1, 1, 2, 2]
    assert recs[-1]["partition"] == 2
    bad = sc.publish("kafka-pubsub", "task-events", b"{}", "application/json", metadata={"partitionNumber": "7"})
    assert bad.status == 500


def test_order_per_partition_under_concurrent_publishers(make_app, sidecars, resources_dir, tmp_path):
    app = make_app(subscriptions=SUB)
    d = resources_dir("r", {"pubsub.yaml": kafka_component()})
    consumer = sidecars("consumer", app.port, [d], topic_partitions=PARTS)
    producers = [sidecars(f"producer-{i}", None, [d], topic_partitions=PARTS) for i in range(2)]
    consumer.wait_ready()
    keys = [f"task-{k}" for k in range(6)]

    def produce(sc, tag):
        for n in range(25):
            for k in keys:
                body = json.dumps({"key": k, "seq": n, "by": tag})
                assert sc.publish("kafka-pubsub", "task-events", body, "application/json",
                                  metadata={"partitionKey": k}).status == 204

    threads = [threading.Thread(target=produce, args=(sc, i)) for i, sc in enumerate(producers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = 2 * 25 * len(keys)
    got = app.wait("/events", total, timeout=30)
    assert len(got) == total
    per_partition = defaultdict(list)
    for r in got:
        per_partition[int(r.headers["__partition"])].append(int(r.headers["__offset"]))
    for p, offsets in per_partition.items():
        assert offsets == sorted(offsets) == list(range(len(offsets))), f"partition {p} out of order"
    per_key = defaultdict(list)
    for r in got:
        data = r.json()["data"]
        per_key[(data["key"], data["by"])].append(data["seq"])
    assert all(seqs == list(range(25)) for seqs in per_key.values())


def test_two_consumer_groups_each_get_every_record(make_app, sidecars, resources_dir):
    app_a, app_b = make_app(subscriptions=SUB), make_app(subscriptions=SUB)
    d = resources_dir("r", {"pubsub.yaml": kafka_component()})
    a = sidecars("chat-a", app_a.port, [d], topic_partitions=PARTS)
    b = sidecars("chat-b", app_b.port, [d], topic_partitions=PARTS)
    a.wait_ready()
    b.wait_ready()
    for i in range(12):
        a.publish("kafka-pubsub", "task-events", json.dumps({"i": i}), "application/json")
    for app in (app_a, app_b):
        got = app.wait("/events", 12)
        assert sorted(r.json()["data"]["i"] for r in got) == list(range(12))
    groups = {g["group"] for g in a.groups()}
    assert groups == {"chat-a", "chat-b"}


def test_consumer_group_template_and_initial_offset_newest(make_app, sidecars, resources_dir):
    app = make_app(subscriptions=SUB)
    d = resources_dir("r", {"pubsub.yaml": kafka_component(consumerGroup="todo-chat-{appID}",
                                                          initialOffset="newest")})
    pub = sidecars("early", None, [d])
    pub.publish("kafka-pubsub", "task-events", b'"before"', "application/json")
    sc = sidecars("late", app.port, [d])
    sc.wait_ready()
    sc.publish("kafka-pubsub", "task-events", b'"after"', "application/json")
    got = app.wait("/events", 1)
    assert [r.json()["data"] for r in got] == ["after"]
    assert {g["group"] for g in sc.groups()} == {"todo-chat-late"}


def test_replicas_in_one_group_split_partitions_and_take_over_when_one_stops(make_app, sidecars, resources_dir):
    app1, app2 = make_app(subscriptions=SUB), make_app(subscriptions=SUB)
    d = resources_dir("r", {"pubsub.yaml": kafka_component(consumerGroup="workers")})
    w1 = sidecars("worker", app1.port, [d], topic_partitions=PARTS)
    w1.wait_ready()
    w1.wait_assigned(3)
    w2 = sidecars("worker", app2.port, [d], topic_partitions=PARTS)
    w2.wait_ready()
    wait_for(lambda: len(w1.status()["assignments"]) + len(w2.status()["assignments"]) == 3
             and w2.status()["assignments"] and len(w1.status()["assignments"]) < 3, 10, "rebalance")
    owned1 = {a["partition"] for a in w1.status()["assignments"]}
    owned2 = {a["partition"] for a in w2.status()["assignments"]}
    assert owned1.isdisjoint(owned2) and owned1 | owned2 == {0, 1, 2}

    for i in range(30):
        w1.publish("kafka-pubsub", "task-events", json.dumps({"i": i}), "application/json",
                   metadata={"partitionKey": f"k{i}"})
    wait_for(lambda: len(app1.got("/events")) + len(app2.got("/events")) == 30, 10, "30 deliveries")
    seen1 = {int(r.headers["__partition"]) for r in app1.got("/events")}
    seen2 = {int(r.headers["__partition"]) for r in app2.got("/events")}
    assert seen1 <= owned1 and seen2 <= owned2
    ids = sorted(r.json()["data"]["i"] for r in app1.got("/events") + app2.got("/events"))
    assert ids == list(range(30))  # each record once across the group

    w2.stop()
    w1.wait_assigned(3)
    for i in range(30, 36):
        w1.publish("kafka-pubsub", "task-events", json.dumps({"i": i}), "application/json",
                   metadata={"partitionKey": f"k{i}"})
    wait_for(lambda: len(app1.got("/events")) + len(app2.got("/events")) == 36, 10, "after failover")


def test_reset_wipes_the_broker_and_delivery_carries_on(make_app, sidecars, resources_dir):
    app = make_app(subscriptions=SUB)
    sc = sidecars("resetter", app.port, [resources_dir("r", {"pubsub.yaml": kafka_component()})],
                  topic_partitions=PARTS)
    sc.wait_ready()
    sc.publish("kafka-pubsub", "task-events", b'"one"', "application/json")
    app.wait("/events", 1)
    sc.fail_next_publishes(5)
    sc.reset(broker=True)
    assert sc.published() == [] and sc.deliveries() == []
    assert sc.status()["faults"]["fail"]["remaining"] == 0
    assert sc.publish("kafka-pubsub", "task-events", b'"two"', "application/json").status == 204
    got = app.wait("/events", 2)
    assert got[1].json()["data"] == "two" and got[1].headers["__offset"] == "0"
