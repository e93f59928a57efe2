"""Two todo-worker replicas and two chats on one stand-in broker: what Kafka really delivers (at
least once, in order only within a partition, replicas coming and going) must not change what the
tasks end up as, and every chat must see every update."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from worker_harness import (Cluster, reminder_added, task_created, task_retitled, task_status, task_tagged,
                            wait_for)


@pytest.fixture
def cluster(tmp_path):
    running = Cluster(tmp_path)
    try:
        yield running
    except BaseException:
        print(running.worker_logs())
        raise
    finally:
        running.stop()


def script_for(task_id: str, rng: random.Random) -> tuple[list[dict], dict]:
    """A task's events in order (create, retitles, tags, done/reopen) and what the task must end as."""
    events = [task_created(task_id, "draft 0")]
    title, tags, status = "draft 0", [], "open"
    for sequence in range(2, rng.randint(4, 8)):
        kind = rng.choice(["title", "tags", "status"])
        if kind == "title":
            title = f"draft {sequence}"
            events.append(task_retitled(task_id, sequence, title))
        elif kind == "tags":
            tags = sorted(rng.sample(["home", "work", "errand", "urgent"], rng.randint(0, 3)))
            events.append(task_tagged(task_id, sequence, tags))
        else:
            previous, status = status, "completed" if status == "open" else "open"
            events.append(task_status(task_id, sequence, previous, status))
    return events, {"title": title, "tags": tags, "status": status, "sequence": len(events)}


def interleave_with_duplicates(scripts: list[list[dict]], rng: random.Random) -> list[dict]:
    """All tasks' events in one random interleaving that keeps each task's own order (as one
    partition does), with redeliveries of earlier events of the same task mixed in."""
    queues = [list(s) for s in scripts]
    sent: list[list[dict]] = [[] for _ in scripts]
    out: list[dict] = []
    while any(queues):
        i = rng.choice([n for n, q in enumerate(queues) if q])
        if sent[i] and rng.random() < 0.3:
            out.append(rng.choice(sent[i]))
        event = queues[i].pop(0)
        sent[i].append(event)
        out.append(event)
    return out


def converged(cluster: Cluster, expected: dict[str, dict]) -> bool:
    for chat in cluster.chats:
        seen = chat.consumer.latest_tasks()
        for task_id, want in expected.items():
            got = seen.get(task_id)
            if got is None or {k: got.get(k) for k in want} != want:
                return False
    return True


@pytest.mark.parametrize("seed", [1, 2])
def test_every_task_ends_in_the_same_state_whatever_the_order_and_duplicates(cluster, seed):
    rng = random.Random(seed)
    cluster.add_worker()
    cluster.add_worker()
    chat_a, _ = cluster.add_chat(), cluster.add_chat()
    scripts, expected = [], {}
    for n in range(12):
        task_id = f"00000000-0000-4000-8000-{seed:04d}{n:08d}"
        events, final = script_for(task_id, rng)
        scripts.append(events)
        expected[task_id] = final
    stream = interleave_with_duplicates(scripts, rng)
    for event in stream:
        chat_a.publish(event)

    wait_for(lambda: converged(cluster, expected), 60, "both chats showing every task's final state")
    for task_id, want in expected.items():
        stored = cluster.stored_task(task_id)
        assert {k: stored["task"][k] for k in want} == want
    duplicates = len(stream) - sum(len(s) for s in scripts)
    totals = [w.metrics() for w in cluster.workers]
    applied = sum(t["todo_worker_events_applied_total"] for t in totals)
    ignored = sum(t["todo_worker_duplicates_ignored_total"] + t["todo_worker_stale_events_dropped_total"]
                  for t in totals)
    assert applied == sum(len(s) for s in scripts)
    assert ignored >= duplicates
    # The two replicas shared the work (one consumer group, three partitions).
    assert all(t["todo_worker_events_applied_total"] > 0 for t in totals)


def test_both_chats_see_every_update(cluster):
    cluster.add_worker()
    cluster.add_worker()
    chat_a, chat_b = cluster.add_chat(), cluster.add_chat()
    for n in range(6):
        task_id = f"00000000-0000-4000-8000-1000000000{n:02d}"
        chat_a.publish(task_created(task_id, f"task {n}"))
        chat_b.publish(task_retitled(task_id, 2, f"task {n}, renamed"))

    published = wait_for(
        lambda: (lambda p: p if len(p) == 12 else None)(chat_a.sidecar.published(topic="task-updates")),
        60, "12 task-updates published")
    ids = {json.loads(record["value"])["id"] for record in published}
    for chat in cluster.chats:
        wait_for(lambda: {e["id"] for e in chat.consumer.events("task.sync")} == ids, 30, "every update at a chat")


def test_a_poison_event_is_dead_lettered_after_the_retries_and_the_others_keep_flowing(cluster):
    worker = cluster.add_worker()
    cluster.add_worker()
    chat = cluster.add_chat()
    orphan = "00000000-0000-4000-8000-200000000001"
    healthy = [f"00000000-0000-4000-8000-3000000000{n:02d}" for n in range(4)]
    poison = task_retitled(orphan, 2, "an update for a task that was never created")
    chat.publish(poison)
    for task_id in healthy:
        chat.publish(task_created(task_id, "fine"))
        chat.publish(task_retitled(task_id, 2, "still fine"))

    wait_for(lambda: converged(cluster, {t: {"title": "still fine", "sequence": 2} for t in healthy}), 60,
             "the healthy tasks applied")
    listing = wait_for(lambda: (lambda r: r if poison["id"] in r.stdout else None)(worker.cli("list")), 30,
                       "the poison event in `todo-worker dlq list`")
    assert "task-events" in listing.stdout
    assert "does not exist" in listing.stdout
    letters = json.loads(worker.cli("list", "--json").stdout)
    [letter] = [entry for entry in letters if entry["id"] == poison["id"]]
    assert letter["attempts"] == 4, "one delivery and the three retries of the resiliency policy"
    assert sum(w.metrics()["todo_worker_dead_letters_total"] for w in cluster.workers) == 1
    # The failures are logged as JSON lines that carry the event's correlation id.
    lines = [json.loads(line) for w in cluster.workers for line in w.log.read_text().splitlines()
             if line.startswith("{")]
    failures = [line for line in lines if line.get("correlationid") == poison["correlationid"]]
    assert any(line["level"] == "warning" and "will retry" in line["msg"] for line in failures)

    # Fix the cause (the task now exists), then republish: the event is applied.
    chat.publish(task_created(orphan, "created late"))
    wait_for(lambda: converged(cluster, {orphan: {"title": "created late"}}), 30, "the orphan's task created")
    republished = worker.cli("republish", poison["id"])
    assert republished.returncode == 0, republished.stderr
    wait_for(lambda: converged(cluster, {orphan: {"title": poison["data"]["title"], "sequence": 2}}), 30,
             "the republished event applied")
    assert poison["id"] not in worker.cli("list").stdout


def test_a_reminder_fires_at_its_time_and_reaches_both_chats(cluster):
    cluster.add_worker()
    cluster.add_worker()
    chat_a, chat_b = cluster.add_chat(), cluster.add_chat()
    task_id = "00000000-0000-4000-8000-400000000001"
    chat_a.publish(task_created(task_id, "call mum"))
    wait_for(lambda: converged(cluster, {task_id: {"title": "call mum"}}), 30, "task created")
    # Reminders are to the minute on the wire (`at`), but the job fires at `fireAt` to the second.
    fire_at = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=4)).replace(microsecond=0)
    for event in reminder_added(task_id, 2, "r1", fire_at, "call mum"):
        chat_a.publish(event)

    for chat in (chat_a, chat_b):
        [triggered] = wait_for(lambda: chat.consumer.events("reminder.triggered"), 30, "reminder.triggered")
        assert triggered["subject"] == f"task/{task_id}"
        assert triggered["data"]["reminderId"] == "r1"
        assert triggered["_received_at"] >= fire_at.timestamp() - 0.5, "fired early"
        assert triggered["_received_at"] <= fire_at.timestamp() + 15, "fired far too late"


def test_a_worker_killed_mid_stream_loses_nothing(cluster):
    first = cluster.add_worker()
    cluster.add_worker()
    chat = cluster.add_chat()
    rng = random.Random(7)
    tasks = [f"00000000-0000-4000-8000-5000000000{n:02d}" for n in range(10)]
    expected = {}
    scripts = []
    for task_id in tasks:
        events = [task_created(task_id, "v1")] + [task_retitled(task_id, s, f"v{s}") for s in range(2, 16)]
        scripts.append(events)
        expected[task_id] = {"title": "v15", "sequence": 15}
    stream = interleave_with_duplicates(scripts, rng)
    half = len(stream) // 2
    for event in stream[:half]:
        chat.publish(event)
    wait_for(lambda: first.metrics()["todo_worker_events_applied_total"] > 5, 30, "the first replica at work")
    first.kill()
    for event in stream[half:]:
        chat.publish(event)

    wait_for(lambda: converged(cluster, expected), 90, "every task's final state after the kill")
    for task_id, want in expected.items():
        assert {k: cluster.stored_task(task_id)["task"][k] for k in want} == want
    # Every event's task.sync reached the chat (none lost between the state write and the publish).
    sequences = {}
    for event in chat.consumer.events("task.sync"):
        sequences.setdefault(event["data"]["taskId"], set()).add(event["data"]["sequence"])
    assert all(sequences[t] == set(range(1, 16)) for t in tasks)
