"""Every YAML file in deploy/ is checked against what Dapr 1.16 parses, and against the topics and
subscription rules of design.md. The linter's own tests feed it the mistakes of the contract's §9
and expect each to be caught, so that a clean result on deploy/ means something."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from dapr_resource_lint import lint_directory, lint_documents, load_documents, yaml_files

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"

# design.md, "Kafka topics": name -> (partitions, replicas, retention ms, cleanup.policy)
DAY_MS = 86_400_000
TOPICS = {
    "task-events": (3, 3, 7 * DAY_MS, "compact,delete"),
    "reminders": (3, 3, 7 * DAY_MS, "delete"),
    "task-updates": (3, 3, 1 * DAY_MS, "delete"),
    "task-events-dlq": (1, 3, 30 * DAY_MS, "delete"),
    "reminders-dlq": (1, 3, 30 * DAY_MS, "delete"),
    "task-updates-dlq": (1, 3, 30 * DAY_MS, "delete"),
}

RESOURCE_FOLDERS = sorted({p.parent for p in DEPLOY.rglob("*.yaml")})


def dapr_documents(folder: Path) -> list[dict]:
    return [d for p in yaml_files(folder) for d in load_documents(p)
            if str(d.get("apiVersion", "")).startswith("dapr.io/")]


def components(folder: Path, ctype: str) -> list[dict]:
    return [d for d in dapr_documents(folder)
            if d.get("kind") == "Component" and d["spec"]["type"] == ctype]


def metadata_of(component: dict) -> dict[str, dict]:
    return {item["name"]: item for item in component["spec"]["metadata"]}


@pytest.mark.parametrize("folder", RESOURCE_FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_resource_folder_holds_only_fields_dapr_has(folder: Path) -> None:
    problems = lint_directory(folder)
    assert problems == [], "\n".join(map(str, problems))


def test_every_yaml_file_parses() -> None:
    files = sorted(DEPLOY.rglob("*.yaml"))
    assert files, "deploy/ has no YAML"
    for path in files:
        assert load_documents(path), f"{path} is empty"


# --- the linter catches the mistakes of §9 ---------------------------------------------------

def kafka(*items: tuple[str, object], top: dict | None = None) -> dict:
    metadata = [{"name": n, "value": v} for n, v in items]
    doc = {"apiVersion": "dapr.io/v1alpha1", "kind": "Component", "metadata": {"name": "ps"},
           "spec": {"type": "pubsub.kafka", "version": "v1", "metadata": metadata}}
    doc.update(top or {})
    return doc


GOOD_KAFKA = [("brokers", "localhost:9092"), ("authType", "none")]


def postgres(*items: tuple[str, object], version: str = "v1") -> dict:
    metadata = [{"name": "connectionString", "value": "host=db"}]
    metadata += [{"name": n, "value": v} for n, v in items]
    return {"apiVersion": "dapr.io/v1alpha1", "kind": "Component", "metadata": {"name": "st"},
            "spec": {"type": "state.postgresql", "version": version, "metadata": metadata}}


MISTAKES = {
    "authType missing": (kafka(("brokers", "k:9092")), "requires authType"),
    "Go template in consumerGroup": (
        kafka(*GOOD_KAFKA, ("consumerGroup", "dapr-{{ .AppID }}")), "Go templates"),
    "scopes as metadata": (kafka(*GOOD_KAFKA, ("scopes", "todo-chat")), "top-level"),
    "consumerRetryEnabled": (kafka(*GOOD_KAFKA, ("consumerRetryEnabled", "true")),
                             "consumeRetryEnabled"),
    "publishRetryCount": (kafka(*GOOD_KAFKA, ("publishRetryCount", "3")), "does not exist"),
    "publishRetryInterval": (kafka(*GOOD_KAFKA, ("publishRetryInterval", "1s")),
                             "does not exist"),
    "saslPasswordInSecret": (kafka(*GOOD_KAFKA, ("saslPasswordInSecret", "x")),
                             "does not exist"),
    "initialOffset latest": (kafka(*GOOD_KAFKA, ("initialOffset", "latest")), "newest or oldest"),
    "dialTimeout before 1.18.2": (kafka(*GOOD_KAFKA, ("dialTimeout", "10s")), ">= 1.18"),
    "producerRetryMax before 1.18.2": (kafka(*GOOD_KAFKA, ("producerRetryMax", "5")), ">= 1.18"),
    "unknown kafka field": (kafka(*GOOD_KAFKA, ("brokerList", "k:9092")), "no metadata field"),
    "password auth without credentials": (kafka(("brokers", "k"), ("authType", "password")),
                                          "needs saslPassword"),
    "unquoted boolean": (kafka(*GOOD_KAFKA, ("disableTls", True)), "must be a string"),
    "postgres schemaName": (postgres(("schemaName", "todo")), "does not exist"),
    "postgres keyColumnName": (postgres(("keyColumnName", "k")), "does not exist"),
    "postgres connMaxIdleTime": (postgres(("connMaxIdleTime", "5m")), "does not exist"),
    "postgres maxIdleConns": (postgres(("maxIdleConns", "5")), "does not exist"),
    "postgres databaseName": (postgres(("databaseName", "todo")), "does not exist"),
    "tableName with v2": (postgres(("tableName", "state"), version="v2"), "§9.10"),
    "postgres scopes as metadata": (postgres(("scopes", "todo-worker")), "top-level"),
    "workmanager.jobscheduler type": (
        {"apiVersion": "dapr.io/v1alpha1", "kind": "Component", "metadata": {"name": "jobs"},
         "spec": {"type": "workmanager.jobscheduler", "version": "v1", "metadata": []}},
        "incorrect type"),
    "Job resource kind": ({"apiVersion": "dapr.io/v1alpha1", "kind": "Job",
                           "metadata": {"name": "j"}}, "no resource kind"),
    "secretKeyRef without auth.secretStore": (
        {"apiVersion": "dapr.io/v1alpha1", "kind": "Component", "metadata": {"name": "st"},
         "spec": {"type": "state.postgresql", "version": "v1", "metadata": [
             {"name": "connectionString", "secretKeyRef": {"name": "pg", "key": "pg"}}]}},
        "auth.secretStore"),
    "subscription v1alpha1": (
        {"apiVersion": "dapr.io/v1alpha1", "kind": "Subscription", "metadata": {"name": "s"},
         "spec": {"pubsubname": "ps", "topic": "t", "route": "/t"}}, "v2alpha1"),
    "subscription without routes": (
        {"apiVersion": "dapr.io/v2alpha1", "kind": "Subscription", "metadata": {"name": "s"},
         "spec": {"pubsubname": "ps", "topic": "t"}}, "spec.routes is required"),
    "resiliency unknown retry field": (
        {"apiVersion": "dapr.io/v1alpha1", "kind": "Resiliency", "metadata": {"name": "r"},
         "spec": {"policies": {"retries": {"r": {"policy": "exponential", "maxRetries": 3,
                                                 "initialInterval": "1s"}}}}},
        "no field 'initialInterval'"),
    "resiliency unknown policy reference": (
        {"apiVersion": "dapr.io/v1alpha1", "kind": "Resiliency", "metadata": {"name": "r"},
         "spec": {"policies": {"retries": {}},
                  "targets": {"components": {"ps": {"inbound": {"retry": "missing"}}}}}},
        "names no retry policy"),
    "old injector annotation": (
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
         "spec": {"template": {"metadata": {"annotations": {
             "dapr.io/enabled": "true", "dapr.io/id": "w", "dapr.io/app-port": "8080"}},
             "spec": {"containers": [{"name": "w", "ports": [{"containerPort": 8080}]}]}}}},
        "use dapr.io/app-id"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_linter_catches_the_mistake(name: str) -> None:
    doc, expected = MISTAKES[name]
    supporting = [("ps.yaml", kafka(*GOOD_KAFKA))] if doc.get("kind") != "Component" else []
    problems = lint_documents([("mistake.yaml", doc)] + supporting)
    assert any(expected in p.message for p in problems), \
        f"{name}: expected a problem mentioning {expected!r}, got {[str(p) for p in problems]}"


def test_linter_accepts_a_correct_kafka_component() -> None:
    assert lint_documents([("ps.yaml", kafka(*GOOD_KAFKA, ("consumerGroup", "todo-chat-{uuid}"),
                                                 ("initialOffset", "oldest")))]) == []


def test_linter_rejects_two_resources_of_one_name_in_a_folder() -> None:
    problems = lint_documents([("a.yaml", kafka(*GOOD_KAFKA)), ("b.yaml", kafka(*GOOD_KAFKA))])
    assert any("duplicate definition" in p.message for p in problems)


# --- what design.md asks of deploy/ ----------------------------------------------------------

CHAT_FOLDERS = [DEPLOY / "dapr", DEPLOY / "production" / "chat"]
WORKER_FOLDERS = [DEPLOY / "dapr-worker", DEPLOY / "kubernetes" / "dapr"]


@pytest.mark.parametrize("folder", CHAT_FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_chat_instance_gets_its_own_consumer_group(folder: Path) -> None:
    [pubsub] = components(folder, "pubsub.kafka")
    assert pubsub["metadata"]["name"] == "kafka-pubsub"
    assert pubsub["scopes"] == ["todo-chat"]
    assert metadata_of(pubsub)["consumerGroup"]["value"] == "todo-chat-{uuid}"


@pytest.mark.parametrize("folder", WORKER_FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_worker_replicas_share_one_consumer_group_and_a_postgres_v1_store(folder: Path) -> None:
    [pubsub] = components(folder, "pubsub.kafka")
    group = metadata_of(pubsub)["consumerGroup"]["value"]
    assert "{" not in group, "a per-instance group would deliver every event to every replica"
    assert pubsub["scopes"] == ["todo-worker"]
    [state] = components(folder, "state.postgresql")
    assert state["spec"]["version"] == "v1"
    assert state["metadata"]["name"] == "todo-state"
    assert "secretKeyRef" in metadata_of(state)["connectionString"]


@pytest.mark.parametrize("folder", [DEPLOY / "dapr", DEPLOY / "dapr-worker"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_local_variant_uses_plaintext_kafka(folder: Path) -> None:
    [pubsub] = components(folder, "pubsub.kafka")
    fields = metadata_of(pubsub)
    assert fields["authType"]["value"] == "none"
    assert fields["disableTls"]["value"] == "true"


@pytest.mark.parametrize("folder", [DEPLOY / "production" / "chat", DEPLOY / "kubernetes" / "dapr"],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_production_variant_uses_tls_and_sasl_from_a_secret_store(folder: Path) -> None:
    [pubsub] = components(folder, "pubsub.kafka")
    fields = metadata_of(pubsub)
    assert fields["authType"]["value"] == "password"
    assert fields["disableTls"]["value"] == "false"
    assert fields["saslMechanism"]["value"] in ("SHA-256", "SHA-512")
    assert "secretKeyRef" in fields["saslPassword"]
    assert pubsub["auth"]["secretStore"]


def test_local_file_secret_stores_point_at_files_that_exist_or_are_documented() -> None:
    for folder in RESOURCE_FOLDERS:
        for store in components(folder, "secretstores.local.file"):
            path = ROOT / metadata_of(store)["secretsFile"]["value"]
            example = path.with_name(path.stem + ".example.json")
            assert path.exists() or example.exists(), f"{path} (or {example.name}) is missing"


@pytest.mark.parametrize("folder", WORKER_FOLDERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_worker_subscriptions_dead_letter_and_have_inbound_retries(folder: Path) -> None:
    documents = dapr_documents(folder)
    subscriptions = {d["spec"]["topic"]: d for d in documents if d["kind"] == "Subscription"}
    assert {"task-events", "reminders"} <= subscriptions.keys()
    for topic, sub in subscriptions.items():
        if topic.endswith("-dlq"):
            assert "deadLetterTopic" not in sub["spec"]
        else:
            assert sub["spec"]["deadLetterTopic"] == f"{topic}-dlq"
    assert {f"{t}-dlq" for t in ("task-events", "reminders", "task-updates")} <= subscriptions.keys()
    [resiliency] = [d for d in documents if d["kind"] == "Resiliency"]
    target = resiliency["spec"]["targets"]["components"]["kafka-pubsub"]
    inbound = resiliency["spec"]["policies"]["retries"][target["inbound"]["retry"]]
    assert 0 < inbound["maxRetries"], "without retries a DLQ takes every failing event at once"
    assert "retry" in target["outbound"]


def rpk_topics(tmp_path: Path, replicas: str | None = None) -> dict[str, tuple]:
    """Runs the rpk script with a stand-in `rpk` on PATH that records its arguments."""
    log = tmp_path / "rpk.log"
    fake = tmp_path / "rpk"
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$*" >> "$RPK_LOG"\n')
    fake.chmod(0o755)
    env = {"PATH": f"{tmp_path}:/usr/bin:/bin", "RPK_LOG": str(log)}
    if replicas:
        env["REPLICAS"] = replicas
    subprocess.run(["bash", str(DEPLOY / "kafka" / "create-topics.sh"), "-X", "brokers=k:9092"],
                   env=env, check=True)
    found = {}
    for line in log.read_text().splitlines():
        words = line.split()
        assert words[:2] == ["topic", "create"] and words[3:5] == ["-X", "brokers=k:9092"]
        options: dict[str, list[str]] = {}
        for flag, value in zip(words[5::2], words[6::2]):
            options.setdefault(flag, []).append(value)
        config = dict(c.split("=", 1) for c in options["--topic-config"])
        found[words[2]] = (int(options["--partitions"][0]), int(options["--replicas"][0]),
                           int(config["retention.ms"]), config["cleanup.policy"],
                           int(config["min.insync.replicas"]))
    return found


def test_rpk_script_creates_the_topics_of_the_design(tmp_path: Path) -> None:
    topics = rpk_topics(tmp_path)
    assert {name: t[:4] for name, t in topics.items()} == TOPICS
    assert {t[4] for t in topics.values()} == {2}


def test_rpk_script_on_a_single_broker_keeps_one_replica(tmp_path: Path) -> None:
    topics = rpk_topics(tmp_path, replicas="1")
    assert topics.keys() == TOPICS.keys()
    assert {(t[1], t[4]) for t in topics.values()} == {(1, 1)}


def test_strimzi_topics_match_the_design() -> None:
    documents = load_documents(DEPLOY / "kafka" / "strimzi-topics.yaml")
    found = {}
    for doc in documents:
        assert doc["apiVersion"] == "kafka.strimzi.io/v1beta2" and doc["kind"] == "KafkaTopic"
        assert doc["metadata"]["labels"]["strimzi.io/cluster"] == "todo-kafka"
        spec = doc["spec"]
        found[doc["metadata"]["name"]] = (spec["partitions"], spec["replicas"],
                                          spec["config"]["retention.ms"],
                                          spec["config"]["cleanup.policy"])
    assert found == TOPICS


def test_worker_deployment_runs_two_probed_replicas_with_a_sidecar() -> None:
    [deployment] = [d for d in load_documents(DEPLOY / "kubernetes" / "todo-worker.yaml")
                    if d["kind"] == "Deployment"]
    assert deployment["spec"]["replicas"] == 2
    template = deployment["spec"]["template"]
    annotations = template["metadata"]["annotations"]
    assert annotations["dapr.io/app-id"] == "todo-worker"
    [container] = template["spec"]["containers"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["resources"]["requests"] and container["resources"]["limits"]


def test_readme_names_one_dapr_version_and_every_folder() -> None:
    readme = (DEPLOY / "README.md").read_text()
    assert "**Dapr 1.16**" in readme
    installed = re.findall(r"(?:--runtime-version|install\.sh -O - \| /bin/bash -s|dapr/dapr --version)"
                           r" (\d+\.\d+\.\d+)", readme)
    assert len(installed) >= 3 and set(installed) == {"1.16.0"}, installed
    for folder in RESOURCE_FOLDERS:
        assert str(folder.relative_to(ROOT)) in readme, f"README never mentions {folder}"
