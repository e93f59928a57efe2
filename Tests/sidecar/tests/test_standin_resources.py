"""Resource YAML (§7): what daprd refuses, what it silently ignores, template tags, scopes."""

from __future__ import annotations

import pytest

from standin_apps import KAFKA, kafka_component
from standin import cli, resources
from standin.client import Sidecar

JOBSCHEDULER = """
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: jobs
spec:
  type: workmanager.jobscheduler
  version: v1
  metadata:
    - name: workManagerEndpoint
      value: http://localhost:8080
"""

KAFKA_NO_AUTH = """
apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: kafka-pubsub
spec:
  type: pubsub.kafka
  version: v1
  metadata:
    - name: brokers
      value: "localhost:9092"
"""


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        (kafka_component().replace('"oldest"', '"latest"'), "kafka error: invalid initialOffset: latest"),
        (KAFKA_NO_AUTH, "kafka error: 'authType' attribute was missing or empty"),
        (KAFKA.format(extra="").replace('value: "localhost:9092"', 'value: ""'),
         "kafka error: missing 'brokers' attribute"),
        (JOBSCHEDULER, "incorrect type workmanager.jobscheduler"),
        (kafka_component().replace("pubsub.kafka", "pubsub.nosuch"), "couldn't find pub sub pubsub.nosuch/v1"),
        (kafka_component(authType="password"), "missing SASL Username"),
    ],
    ids=["initialOffset latest", "authType missing", "brokers missing", "workmanager", "unknown pubsub type",
         "password without SASL"],
)
def test_daprd_refusals_fail_start_up_with_a_fatal_log(tmp_path, capsys, yaml_text, message):
    (tmp_path / "c.yaml").write_text(yaml_text)
    code = cli.main(["--app-id", "refused", "--dapr-http-port", "0", "--resources-path", str(tmp_path),
                     "--broker", str(tmp_path / "b.sqlite")])
    err = capsys.readouterr().err
    assert code == 1
    assert "level=fatal" in err and "Fatal error from runtime" in err and message in err


def test_a_refused_component_makes_the_process_exit_1(tmp_path):
    (tmp_path / "c.yaml").write_text(JOBSCHEDULER)
    with pytest.raises(RuntimeError, match="exited with 1.*incorrect type workmanager.jobscheduler"):
        Sidecar.start("refused", None, [str(tmp_path)], str(tmp_path / "b.sqlite"), timeout=10)


def test_ignore_errors_keeps_daprd_running(tmp_path):
    (tmp_path / "c.yaml").write_text(kafka_component().replace('"oldest"', '"latest"').replace(
        "  version: v1\n", "  version: v1\n  ignoreErrors: true\n", 1))
    sc = Sidecar.start("tolerant", None, [str(tmp_path)], str(tmp_path / "b.sqlite"))
    try:
        assert sc.request("GET", "/v1.0/metadata").json()["components"] == []
    finally:
        sc.stop()


def test_unknown_and_misspelled_fields_are_ignored(tmp_path):
    text = kafka_component(consumerRetryEnabled="true", publishRetryCount="3", saslPasswordInSecret="x",
                           scopes="a,b", dialTimeout="5s", version="2.8.0", clientID="c")
    (tmp_path / "c.yaml").write_text(text)
    res, _ = resources.load([str(tmp_path)], "app", None)
    settings = resources.pubsub_settings(res.components[0], "app")
    assert settings.consume_retry_enabled is True  # the real field's default, untouched by the typo
    assert res.components[0].scopes == []  # `scopes` as metadata does not scope the component


def test_template_tags_are_expanded_and_go_templates_are_not(tmp_path):
    (tmp_path / "c.yaml").write_text(kafka_component(consumerGroup="todo-chat-{uuid}"))
    (tmp_path / "d.yaml").write_text(kafka_component(consumerGroup="dapr-{{ .AppID }}").replace(
        "name: kafka-pubsub", "name: b"))
    (tmp_path / "e.yaml").write_text(kafka_component(consumerGroup="{namespace}/{appID}").replace(
        "name: kafka-pubsub", "name: c"))
    res, _ = resources.load([str(tmp_path)], "todo-chat", None)
    groups = {c.name: resources.pubsub_settings(c, "todo-chat").consumer_group for c in res.components}
    assert groups["kafka-pubsub"].startswith("todo-chat-") and len(groups["kafka-pubsub"]) == 46
    assert groups["b"] == "dapr-{{ .AppID }}"
    assert groups["c"] == "default.todo-chat/todo-chat"


def test_consumer_group_defaults_to_app_id_and_names_match_case_insensitively(tmp_path):
    (tmp_path / "c.yaml").write_text(KAFKA.format(extra="").replace("initialOffset", "INITIALOFFSET"))
    res, _ = resources.load([str(tmp_path)], "my-app", None)
    s = resources.pubsub_settings(res.components[0], "my-app")
    assert (s.consumer_group, s.initial_offset) == ("my-app", "oldest")


def test_component_scopes_hide_a_component_from_other_apps(tmp_path):
    (tmp_path / "c.yaml").write_text(kafka_component() + "scopes: [todo-worker]\n")
    assert resources.load([str(tmp_path)], "todo-chat", None)[0].components == []
    assert len(resources.load([str(tmp_path)], "todo-worker", None)[0].components) == 1


def test_several_resource_paths_and_resiliency_are_read(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "c.yaml").write_text(kafka_component())
    (b / "r.yml").write_text("""
apiVersion: dapr.io/v1alpha1
kind: Resiliency
metadata: {name: r}
spec:
  policies:
    retries:
      pubsubRetry: {policy: exponential, maxInterval: 2s, maxRetries: 5, matching: {httpStatusCodes: "500-599,429"}}
  targets:
    components:
      kafka-pubsub: {inbound: {retry: pubsubRetry}}
""")
    res, tracing = resources.load([str(a), str(b)], "app", None)
    policy = res.inbound["kafka-pubsub"].retry
    assert (policy.policy, policy.max_retries, policy.max_interval) == ("exponential", 5, 2.0)
    assert policy.retries_status(503) and policy.retries_status(429) and not policy.retries_status(400)
    assert tracing is True


def test_missing_resources_folder_is_fatal(tmp_path):
    with pytest.raises(resources.ConfigError):
        resources.load([str(tmp_path / "nope")], "app", None)



def test_secret_key_refs_resolve_only_through_auth_secret_store(tmp_path):
    (tmp_path / "secrets.json").write_text('{"kafka": {"password": "pw"}}')
    store = f"""
apiVersion: dapr.io/v1alpha1
kind: Component
metadata: {{name: local-secrets}}
spec:
  type: secretstores.local.file
  version: v1
  metadata:
    - name: secretsFile
      value: {tmp_path / "secrets.json"}
"""
    kafka = kafka_component(authType="password", saslUsername="u") + """    - name: saslPassword
      secretKeyRef: {name: kafka, key: "kafka:password"}
"""
    (tmp_path / "s.yaml").write_text(store)
    (tmp_path / "k.yaml").write_text(kafka + "auth: {secretStore: local-secrets}\n")
    res, _ = resources.load([str(tmp_path)], "app", None)
    assert res.component("kafka-pubsub", "pubsub").get("saslPassword") == "pw"
    (tmp_path / "k.yaml").write_text(kafka)
    with pytest.raises(resources.ConfigError, match="missing SASL Password"):
        resources.load([str(tmp_path)], "app", None)


def test_metadata_names_differing_only_in_case_are_an_init_error(tmp_path):
    (tmp_path / "c.yaml").write_text(kafka_component(Brokers="other:9092"))
    with pytest.raises(resources.ConfigError, match="INIT_COMPONENT_FAILURE"):
        resources.load([str(tmp_path)], "app", None)
