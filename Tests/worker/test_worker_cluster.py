"""Two todo-worker replicas and two real chats (`todo-chat --dapr --line`, each with its own stand-in
sidecar and consumer group) on one stand-in broker: what Kafka really delivers (at least once, in order
only within a partition, replicas coming and going) must not change what the tasks end up as, and
every chat must show every update, once, as it arrives."""

from __future__ import annotations

import datetime as dt
import json
import random
import re

import pytest

from worker_harness import Cluster, cluster, reminder_added, task_created, task_retitled, wait_for  # noqa: F401

FRUITS = ["apple", "banana", "cherry", "damson", "elder", "fig", "grape", "hazel", "kiwi", "lemon", "mango", "olive"]
NOUNS = ["fence", "shed", "gate", "door", "wall", "roof"]
TAGS = ["home", "work", "errand"]


def task_script(fruit: str, rng: random.Random) -> tuple[list[tuple[str, str, str]], dict]:
    """What a person types about one task, in order, as (command, what the reply says, the line every
    other chat's feed must show), and what the task must end as."""
    title, tags, status = f"paint {fruit} fence", set(), "open"
    steps = [(title, f"Added '{title}'", f"+ '{title}' added")]
    for _ in range(rng.randint(2, 5)):
        kind = rng.choice(["rename", "tag", "untag", "status"])
        if kind == "rename":
            new = f"paint {fruit} {rng.choice([n for n in NOUNS if n not in title])}"
            steps.append((f"rename {fruit} to {new}", f"Renamed '{title}' to '{new}'",
                          f"~ '{new}' renamed from '{title}'"))
            title = new
        elif kind == "tag" and len(tags) < len(TAGS):
            tag = rng.choice([t for t in TAGS if t not in tags])
            steps.append((f"tag {fruit} #{tag}", f"Tagged '{title}'", f"~ '{title}' #{tag}"))
            tags.add(tag)
        elif kind == "untag" and tags:
            tag = rng.choice(sorted(tags))
            steps.append((f"untag {fruit} #{tag}", f"Removed #{tag}", f"~ '{title}' -#{tag}"))
            tags.discard(tag)
        elif status == "open":
            steps.append((f"done {fruit}", f"Completed '{title}'", f"✓ '{title}' done"))
            status = "completed"
        else:
            steps.append((f"reopen {fruit}", f"Reopened '{title}'", f"↺ '{title}' reopened"))
            status = "open"
    return steps, {"title": title, "tags": sorted(tags), "status": status}


def interleave(scripts: dict[str, list], rng: random.Random) -> list:
    """All tasks' steps in one random order that keeps each task's own order."""
    queues = {fruit: list(steps) for fruit, steps in scripts.items()}
    out = []
    while any(queues.values()):
        fruit = rng.choice([f for f, q in queues.items() if q])
        out.append(queues[fruit].pop(0))
    return out


def feed_by_task(chat, fruits) -> dict[str, list[str]]:
    """The chat's feed lines per task, without the author."""
    lines = [line.rsplit(" by ", 1)[0] for line in chat.updates()]
    return {fruit: [line for line in lines if f" {fruit} " in line] for fruit in fruits}


def shows_every_update(chat, expected: dict[str, list[str]]) -> bool:
    seen = feed_by_task(chat, expected)
    return all(len(seen[fruit]) >= len(lines) for fruit, lines in expected.items())


def every_update_delivered(cluster: Cluster) -> bool:
    """Every record on task-updates was handed to every chat, and every chat accepted it."""
    records = {(r["partition"], r["offset"]) for r in cluster.chats[0].sidecar.published(topic="task-updates")}
    for chat in cluster.chats:
        accepted = {(d["partition"], d["offset"]) for d in chat.sidecar.deliveries()
                    if d["topic"] == "task-updates" and d["outcome"] == "SUCCESS"}
        if not records <= accepted:
            return False
    return True


def owned(worker) -> list[dict]:
    """The task-events partitions a replica owns in the workers' consumer group, with their offsets."""
    member = worker.sidecar.status()["member"]
    return [p for p in worker.sidecar.groups()
            if p["group"] == "todo-worker" and p["topic"] == "task-events" and p["owner"] == member]


def created_ids(chat) -> dict[str, str]:
    """Task id by title, from the task.created events the chat published."""
    ids = {}
    for record in chat.published():
        event = json.loads(record["value"])
        if event["type"] == "task.created":
            ids[event["data"]["title"]] = event["data"]["taskId"]
    return ids


@pytest.mark.parametrize("seed", [1, 2])
def test_every_task_ends_in_the_same_state_whatever_the_order_and_duplicates(cluster, seed):
    rng = random.Random(seed)
    workers = [cluster.add_worker(), cluster.add_worker()]
    cluster.add_chat()
    cluster.add_chat()
    typist, watcher = cluster.chats[seed % 2], cluster.chats[1 - seed % 2]
    fruits = FRUITS[:8]
    scripts, final = {}, {}
    for fruit in fruits:
        scripts[fruit], final[fruit] = task_script(fruit, rng)
    # The workers hold back while everything is typed, so that what they receive piles up in the three
    # partitions and is then taken in whatever order two replicas take it.
    for worker in workers:
        worker.sidecar.pause_delivery()
    for command, reply, _ in interleave(scripts, rng):
        typist.do(command, reply)
    originals = typist.published("task-events")
    events = len({r["value"] for r in originals})
    # Redeliveries, some of them after newer events of the same task (as after a consumer-group rebalance).
    duplicates = rng.sample(originals, len(originals) // 3)
    for record in duplicates:
        typist.republish("task-events", record["value"], record["key"])
    # One replica drains its partitions before the other starts on its own: an order across partitions
    # that differs from the order typed, and differs by seed.
    first, second = rng.sample(workers, 2)
    first.sidecar.resume_delivery()
    wait_for(lambda: all(p["committed"] >= p["end"] for p in owned(first)), 60, "the first replica's partitions")
    second.sidecar.resume_delivery()

    feed = {fruit: [line for _, _, line in steps] for fruit, steps in scripts.items()}
    wait_for(lambda: shows_every_update(watcher, feed), 90, "the watching chat printing every update")
    wait_for(lambda: every_update_delivered(cluster), 30, "every task-updates record accepted by both chats")
    expected = {f["title"]: {"status": f["status"], "tags": f["tags"]} for f in final.values()}
    for chat in cluster.chats:
        assert chat.tasks() == expected, f"{chat.name}'s task list"
    # Each change printed once, in the task's order, by the chat that did not make it; the chat that
    # made it showed it when it was typed and prints no echo of its own changes.
    assert feed_by_task(watcher, fruits) == feed
    assert typist.updates() == []

    ids = created_ids(typist)
    for fruit in fruits:
        stored = cluster.stored_task(ids[f"paint {fruit} fence"])["task"]
        assert (stored["title"], sorted(stored["tags"]), stored["status"]) == \
            (final[fruit]["title"], final[fruit]["tags"], final[fruit]["status"])
    totals = [w.metrics() for w in workers]
    assert sum(t["todo_worker_events_applied_total"] for t in totals) == events
    assert sum(t["todo_worker_duplicates_ignored_total"] + t["todo_worker_stale_events_dropped_total"]
               for t in totals) >= len(duplicates)
    # The two replicas shared the work (one consumer group, three partitions): each applied events of
    # its own partitions, whichever of them the tasks' keys fell in.
    for worker, total in zip(workers, totals):
        mine = {p["partition"] for p in owned(worker)}
        assert mine
        if any(r["partition"] in mine for r in originals):
            assert total["todo_worker_events_applied_total"] > 0


def test_a_poison_event_is_dead_lettered_after_the_retries_and_the_others_keep_flowing(cluster):
    worker = cluster.add_worker()
    cluster.add_worker()
    typist, watcher = cluster.add_chat(), cluster.add_chat()
    orphan = "00000000-0000-4000-8000-200000000001"
    poison = task_retitled(orphan, 2, "paint quince gate")
    typist.publish(poison)
    expected = []
    for fruit in FRUITS[:4]:
        typist.do(f"paint {fruit} fence", "Added")
        typist.do(f"rename {fruit} to paint {fruit} shed", "Renamed")
        expected += [f"+ 'paint {fruit} fence' added", f"~ 'paint {fruit} shed' renamed from 'paint {fruit} fence'"]
    wait_for(lambda: all(line in [u.rsplit(" by ", 1)[0] for u in watcher.updates()] for line in expected), 60,
             "the healthy tasks' updates at the watching chat")

    listing = wait_for(lambda: (lambda r: r if poison["id"] in r.stdout else None)(worker.cli("list")), 30,
                       "the poison event in `todo-worker dlq list`")
    assert "task-events" in listing.stdout
    assert "does not exist" in listing.stdout
    assert re.search(r"  \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z\n", listing.stdout), listing.stdout
    letters = json.loads(worker.cli("list", "--json").stdout)
    [letter] = [entry for entry in letters if entry["id"] == poison["id"]]
    assert letter["attempts"] == 4, "one delivery and the three retries of the resiliency policy"
    assert sum(w.metrics()["todo_worker_dead_letters_total"] for w in cluster.workers) == 1
    # The failures are logged as JSON lines that carry the event's correlation id.
    lines = [json.loads(line) for w in cluster.workers for line in w.log.read_text().splitlines()
             if line.startswith("{")]
    failures = [line for line in lines if line.get("correlationid") == poison["correlationid"]]
    assert any(line["level"] == "warning" and "will retry" in line["msg"] for line in failures)

    # Fix the cause (the task now exists), then republish: the event is applied, and both chats show it.
    typist.publish(task_created(orphan, "paint quince fence"))
    for chat in cluster.chats:
        chat.screen.wait_for("(update) + 'paint quince fence' added", 30, f"the late task at {chat.name}")
    republished = worker.cli("republish", poison["id"])
    assert republished.returncode == 0, republished.stderr
    for chat in cluster.chats:
        chat.screen.wait_for("(update) ~ 'paint quince gate' renamed from 'paint quince fence'", 30, f"the republished event at {chat.name}")
    assert poison["id"] not in worker.cli("list").stdout
    assert cluster.stored_task(orphan)["task"]["title"] == "paint quince gate"


def test_a_reminder_fires_at_its_time_and_reaches_both_chats(cluster):
    cluster.add_worker()
    cluster.add_worker()
    typist, watcher = cluster.add_chat(), cluster.add_chat()
    typist.do("call mum", "Added 'call mum'")
    watcher.screen.wait_for("(update) + 'call mum' added", 30, "the task at the watching chat")
    task_id = created_ids(typist)["call mum"]
    # Typed reminders are to the minute; this one is due in seconds, so it is published as the chat
    # publishes a reminder (the task's new reminder list, then the schedule), with `fireAt` to the second.
    fire_at = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=4)).replace(microsecond=0)
    for event in reminder_added(task_id, 2, "r1", fire_at, "call mum"):
        typist.publish(event)

    for chat in cluster.chats:
        arrived, line = chat.screen.wait_for("(reminder) Reminder: 'call mum'", 30, f"the reminder at {chat.name}")
        assert arrived >= fire_at.timestamp() - 0.5, f"fired early at {chat.name}"
        assert arrived <= fire_at.timestamp() + 15, f"fired far too late at {chat.name}"
        assert len(chat.reminders()) == 1, "one firing, printed once"


def test_a_worker_killed_mid_stream_loses_nothing(cluster):
    workers = [cluster.add_worker(), cluster.add_worker()]
    typist, watcher = cluster.add_chat(), cluster.add_chat()
    fruits = FRUITS[:6]
    scripts = {
        fruit: [(f"paint {fruit} fence", "Added", f"+ 'paint {fruit} fence' added")] + [
            (f"rename {fruit} to paint {fruit} {noun}", "Renamed",
             f"~ 'paint {fruit} {noun}' renamed from 'paint {fruit} {before}'")
            for before, noun in zip(NOUNS, NOUNS[1:])]
        for fruit in fruits}
    steps = interleave(scripts, random.Random(7))
    half = len(steps) // 2
    for command, reply, _ in steps[:half]:
        typist.do(command, reply)
    applied = lambda: [w.metrics()["todo_worker_events_applied_total"] for w in workers]  # noqa: E731
    wait_for(lambda: sum(applied()) > 5, 30, "the replicas at work")
    # The busier one dies, with its partitions' events in flight.
    counts = applied()
    workers[counts.index(max(counts))].kill()
    for command, reply, _ in steps[half:]:
        typist.do(command, reply)

    feed = {fruit: [line for _, _, line in script] for fruit, script in scripts.items()}
    wait_for(lambda: shows_every_update(watcher, feed), 90, "every update at the watching chat after the kill")
    wait_for(lambda: every_update_delivered(cluster), 30, "every task-updates record accepted by both chats")
    assert feed_by_task(watcher, fruits) == feed, "every change shown once, in order: none lost, none repeated"
    expected = {f"paint {fruit} {NOUNS[-1]}": {"status": "open", "tags": []} for fruit in fruits}
    for chat in cluster.chats:
        assert chat.tasks() == expected, f"{chat.name}'s task list"
    ids = created_ids(typist)
    for fruit in fruits:
        stored = cluster.stored_task(ids[f"paint {fruit} fence"])["task"]
        assert (stored["title"], stored["sequence"]) == (f"paint {fruit} {NOUNS[-1]}", len(NOUNS))


def test_retries_of_one_reminder_on_different_replicas_end_in_reminder_failed(cluster):
    """The scheduler may send each retry of a failing trigger to a different replica: the count of
    failures is shared (state store), so the last retry, wherever it lands, reports `reminder.failed`."""
    replicas = [cluster.add_worker(), cluster.add_worker()]
    chat = cluster.add_publisher()
    task_id = "00000000-0000-4000-8000-600000000001"
    chat.publish(task_created(task_id, "water the plants"))
    fire_at = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)).replace(microsecond=0)
    for event in reminder_added(task_id, 2, "r1", fire_at, "water the plants"):
        chat.publish(event)

    def both_halves_applied():
        """The task with its reminder, and the job made for it: they travel on two topics, in any order."""
        record = cluster.stored_task(task_id) or {}
        task = record.get("task") or {}
        standing = [reminder["id"] for reminder in task.get("reminders", [])] == ["r1"]
        return record if standing and record.get("reminderJobs", {}).get("r1") else None

    record = wait_for(both_halves_applied, 30, "the reminder and its job recorded")
    name = f"reminder-{task_id}-r1"
    trigger = json.dumps({"taskId": task_id, "reminderId": "r1", "fireAt": record["reminderJobs"]["r1"],
                          "title": "water the plants"}).encode()
    faults = lambda replica: replica.sidecar.status()["faults"]["fail"]["remaining"]  # noqa: E731
    for replica in replicas:
        replica.sidecar.fail_next_publishes(1000, topic="reminders")
    # Three failures, alternating replicas (the scheduler's first attempt and two of its three retries).
    for attempt in range(3):
        assert replicas[attempt % 2].post(f"/job/{name}", trigger) == 500
    per_publish = 1000 - faults(replicas[1])
    # The last retry, on the replica that has seen only one failure itself: reminder.triggered still cannot
    # be published, but reminder.failed can.
    replicas[1].sidecar.clear_faults()
    replicas[1].sidecar.fail_next_publishes(per_publish, topic="reminders")
    assert replicas[1].post(f"/job/{name}", trigger) == 200
    types = [json.loads(r["value"])["type"] for r in chat.sidecar.published(topic="reminders", producer="todo-worker")]
    assert types == ["reminder.failed"]
    assert sum(r.metrics().get("todo_worker_reminders_failed_total", 0) for r in replicas) == 1
