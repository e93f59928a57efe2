"""Checks Dapr resource YAML against what Dapr 1.16 really parses.

The facts come from /work/shared/dapr-contract.md (§2.2 subscriptions, §7 components, §7.5
resiliency, §9 the mistakes of a widely copied example). Dapr ignores unknown metadata names
silently, so a misspelt field does nothing at run time; this linter makes it fail here instead.

`lint_directory(path)` returns a list of `Problem`s for every YAML file in one resources folder
(one folder is what `dapr run --resources-path` loads, so name clashes are checked per folder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

DAPR_VERSION = (1, 16)

# Component categories of the runtime (RT pkg/components/category.go); a type outside them makes
# daprd exit with "incorrect type".
CATEGORIES = {
    "bindings", "pubsub", "secretstores", "state", "workflow", "workflowbackend", "middleware",
    "configuration", "crypto", "lock", "nameresolution", "conversation",
}

# The resource kinds Dapr has (RT pkg/apis/). There is no Job kind: jobs are made through the API.
DAPR_KINDS = {"Component", "Subscription", "Configuration", "Resiliency", "HTTPEndpoint"}

# Topic scoping items the pub/sub runtime reads from any pub/sub component (§7.1).
PUBSUB_SCOPING = {"publishingScopes", "subscriptionScopes", "allowedTopics", "protectedTopics"}

KAFKA_FIELDS = {
    "brokers", "authType", "authRequired", "saslUsername", "saslPassword", "saslMechanism",
    "consumerGroup", "consumerID", "clientID", "initialOffset", "version", "maxMessageBytes",
    "disableTls", "skipVerify", "caCert", "clientCert", "clientKey", "consumeRetryEnabled",
    "consumeRetryInterval", "backOffPolicy", "backOffDuration", "backOffMaxRetries",
    "backOffInitialInterval", "backOffMaxInterval", "backOffMultiplier",
    "backOffRandomizationFactor", "backOffMaxElapsedTime", "heartbeatInterval", "sessionTimeout",
    "channelBufferSize", "consumerFetchMin", "consumerFetchDefault",
    "clientConnectionTopicMetadataRefreshInterval", "clientConnectionKeepAliveInterval",
    "compression", "consumerGroupRebalanceStrategy", "excludeHeaderMetaRegex", "escapeHeaders",
    "schemaRegistryURL", "schemaRegistryAPIKey", "schemaRegistryAPISecret",
    "schemaCachingEnabled", "schemaLatestVersionCacheTTL", "useAvroJSON",
} | PUBSUB_SCOPING
KAFKA_PREFIXES = ("oidc", "aws")

POSTGRES_COMMON = {
    "connectionString", "url", "host", "hostaddr", "port", "database", "user", "password",
    "sslRootCert", "metadataTableName", "timeout", "timeoutInSeconds", "cleanupInterval",
    "cleanupIntervalInSeconds", "maxConns", "connectionMaxIdleTime", "queryExecMode",
    "useAzureAD", "useAWSIAM", "actorStateStore",
}
POSTGRES_FIELDS = {
    "v1": POSTGRES_COMMON | {"tableName"},
    "v2": POSTGRES_COMMON | {"tablePrefix"},
}
POSTGRES_PREFIXES = ("aws", "azure")

LOCAL_FILE_FIELDS = {"secretsFile", "nestedSeparator", "multiValued"}

# type -> (allowed spec.version values, field set per version, allowed name prefixes)
COMPONENT_TYPES: dict[str, tuple[dict[str, set[str]], tuple[str, ...]]] = {
    "pubsub.kafka": ({"v1": KAFKA_FIELDS}, KAFKA_PREFIXES),
    "state.postgresql": (POSTGRES_FIELDS, POSTGRES_PREFIXES),
    "secretstores.local.file": ({"v1": LOCAL_FILE_FIELDS}, ()),
}

# Each entry: the field, then the aliases or alternatives that satisfy it.
REQUIRED_FIELDS = {
    "pubsub.kafka": [["brokers"], ["authType", "authRequired"]],
    "state.postgresql": [["connectionString", "url", "host"]],
    "secretstores.local.file": [["secretsFile"]],
}

# Names that look right and do nothing (or worse), with the reason (§9, §7.2, §7.3).
KNOWN_WRONG = {
    "pubsub.kafka": {
        "consumerRetryEnabled": "not a field: the name is consumeRetryEnabled (§9.4)",
        "publishRetryCount": "does not exist: use an outbound resiliency retry (§9.5)",
        "publishRetryInterval": "does not exist: use an outbound resiliency retry (§9.5)",
        "saslPasswordInSecret": "does not exist: use saslPassword with secretKeyRef (§9.6)",
        "scopes": "scopes is a top-level list of app-ids, not a metadata item (§9.3)",
    },
    "state.postgresql": {
        name: "does not exist in state.postgresql (§9.9)"
        for name in ("schemaName", "keyColumnName", "valueColumnName", "urlColumnName",
                     "versionColumnName", "databaseName", "maxIdleConns", "connMaxLifetime",
                     "connMaxIdleTime")
    } | {"scopes": "scopes is a top-level list of app-ids, not a metadata item (§9.11)"},
}

# Fields that exist only in a newer runtime than the one we name.
NEWER_THAN_NAMED = {
    "pubsub.kafka": {
        name: (1, 18) for name in ("dialTimeout", "readTimeout", "writeTimeout",
                                   "metadataTimeout", "producerRequiredAcks", "producerRetryMax")
    },
}

KAFKA_AUTH_TYPES = {"none", "password", "mtls", "oidc", "oidc_private_key_jwt", "certificate",
                    "awsiam"}
KAFKA_SASL_MECHANISMS = {"PLAINTEXT", "SHA-256", "SHA-512"}
TEMPLATE_TAGS = {"{uuid}", "{podName}", "{namespace}", "{appID}"}
GO_DURATION = re.compile(r"^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")

RETRY_FIELDS = {"policy", "duration", "maxInterval", "maxRetries", "matching"}
MATCHING_FIELDS = {"httpStatusCodes", "gRPCStatusCodes"}
BREAKER_FIELDS = {"maxRequests", "interval", "timeout", "trip"}
TARGET_POLICY_FIELDS = {"timeout", "retry", "circuitBreaker"}

# Sidecar-injector annotations of Dapr 1.16 that this project may use.
DAPR_ANNOTATIONS = {
    "dapr.io/enabled", "dapr.io/app-id", "dapr.io/app-port", "dapr.io/app-protocol",
    "dapr.io/config", "dapr.io/log-level", "dapr.io/log-as-json", "dapr.io/enable-metrics",
    "dapr.io/metrics-port", "dapr.io/enable-app-health-check", "dapr.io/app-health-check-path",
    "dapr.io/app-health-probe-interval", "dapr.io/app-health-probe-timeout",
    "dapr.io/app-health-threshold", "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-cpu-limit",
    "dapr.io/sidecar-memory-request", "dapr.io/sidecar-memory-limit",
    "dapr.io/graceful-shutdown-seconds", "dapr.io/api-token-secret", "dapr.io/app-token-secret",
    "dapr.io/app-max-concurrency", "dapr.io/http-max-request-size", "dapr.io/enable-api-logging",
    "dapr.io/volume-mounts", "dapr.io/volume-mounts-rw", "dapr.io/env",
}
# Pre-1.0 spellings the injector no longer reads.
OLD_ANNOTATIONS = {"dapr.io/id": "dapr.io/app-id", "dapr.io/port": "dapr.io/app-port",
                   "dapr.io/protocol": "dapr.io/app-protocol"}


@dataclass(frozen=True)
class Problem:
    file: str
    resource: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.resource}: {self.message}"


def load_documents(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def lint_directory(directory: Path) -> list[Problem]:
    """All problems of the resources in one folder (not recursive, as daprd loads it)."""
    documents = [(path.name, doc) for path in yaml_files(directory) for doc in load_documents(path)]
    return lint_documents(documents)


def lint_documents(documents: Iterable[tuple[str, dict[str, Any]]]) -> list[Problem]:
    documents = list(documents)
    problems: list[Problem] = []
    components = {
        doc.get("metadata", {}).get("name"): doc
        for _, doc in documents
        if doc.get("kind") == "Component" and str(doc.get("apiVersion", "")).startswith("dapr.io/")
    }
    seen: dict[tuple[str, str], str] = {}
    for file, doc in documents:
        kind = doc.get("kind")
        api = str(doc.get("apiVersion", ""))
        name = str(doc.get("metadata", {}).get("name", "<unnamed>"))
        label = f"{kind} {name}"

        def report(message: str, file: str = file, label: str = label) -> None:
            problems.append(Problem(file, label, message))

        if api.startswith("dapr.io/"):
            if kind not in DAPR_KINDS:
                report(f"Dapr has no resource kind {kind!r}")
                continue
            key = (kind, name)
            if key in seen:
                report(f"duplicate definition of {kind} {name} (also in {seen[key]}): daprd "
                       "refuses to start")
            seen[key] = file
            if kind == "Component":
                lint_component(doc, components, report)
            elif kind == "Subscription":
                lint_subscription(doc, components, report)
            elif kind == "Resiliency":
                lint_resiliency(doc, components, report)
        elif kind == "Deployment":
            lint_deployment(doc, report)
    return problems


def _unknown_keys(mapping: Any, allowed: set[str], where: str, report) -> None:
    if not isinstance(mapping, dict):
        report(f"{where} must be a mapping")
        return
    for key in mapping:
        if key not in allowed:
            report(f"{where} has no field {key!r}")


def lint_component(doc: dict[str, Any], components: dict[str, Any], report) -> None:
    _unknown_keys(doc, {"apiVersion", "kind", "metadata", "auth", "spec", "scopes"}, "Component",
                  report)
    if doc.get("apiVersion") != "dapr.io/v1alpha1":
        report("a Component's apiVersion is dapr.io/v1alpha1")
    _unknown_keys(doc.get("metadata", {}), {"name", "namespace", "labels", "annotations"},
                  "metadata", report)
    _check_scopes(doc, report)
    spec = doc.get("spec") or {}
    _unknown_keys(spec, {"type", "version", "initTimeout", "ignoreErrors", "metadata"}, "spec",
                  report)
    ctype = str(spec.get("type", ""))
    category = ctype.split(".", 1)[0]
    if category not in CATEGORIES:
        report(f"incorrect type {ctype}: {category!r} is not a component category, daprd exits "
               "(§9.12)")
        return
    if ctype not in COMPONENT_TYPES:
        report(f"component type {ctype} is not one the contract describes")
        return
    versions, prefixes = COMPONENT_TYPES[ctype]
    version = str(spec.get("version", ""))
    if version not in versions:
        report(f"{ctype} has no version {version!r} (known: {', '.join(sorted(versions))})")
        return
    allowed = {n.lower() for n in versions[version]}
    items = spec.get("metadata") or []
    names: dict[str, str] = {}
    values: dict[str, Any] = {}
    uses_secret_ref = False
    for item in items:
        if not isinstance(item, dict) or "name" not in item:
            report("every metadata item needs a name")
            continue
        _unknown_keys(item, {"name", "value", "secretKeyRef"}, f"metadata item {item['name']}",
                      report)
        field = str(item["name"])
        lower = field.lower()
        if lower in names:
            report(f"metadata names {names[lower]!r} and {field!r} differ only in case: init "
                   "error")
        names[lower] = field
        has_value, has_ref = "value" in item, "secretKeyRef" in item
        if has_value == has_ref:
            report(f"metadata item {field} needs exactly one of value and secretKeyRef")
        if has_ref:
            uses_secret_ref = True
            _unknown_keys(item["secretKeyRef"], {"name", "key"}, f"{field}.secretKeyRef", report)
        if has_value:
            value = item["value"]
            if not isinstance(value, str):
                report(f"metadata value of {field} must be a string (quote {value!r})")
            values[lower] = str(value)
            _check_template(field, str(value), report)
        wrong = {k.lower(): v for k, v in KNOWN_WRONG.get(ctype, {}).items()}
        newer = {k.lower(): v for k, v in NEWER_THAN_NAMED.get(ctype, {}).items()}
        if lower in wrong:
            report(f"{field}: {wrong[lower]}")
        elif lower in newer:
            since = ".".join(map(str, newer[lower]))
            report(f"{field} exists only in Dapr >= {since}; we name "
                   f"{'.'.join(map(str, DAPR_VERSION))}, where it is silently ignored (§9.8)")
        elif lower not in allowed and not lower.startswith(tuple(p.lower() for p in prefixes)):
            if ctype == "state.postgresql" and lower in ("tablename", "tableprefix"):
                report(f"{field} does not exist in state.postgresql {version} (§9.10)")
            else:
                report(f"{ctype} {version} has no metadata field {field!r}: Dapr ignores it")
    for alternatives in REQUIRED_FIELDS.get(ctype, []):
        if not any(a.lower() in names for a in alternatives):
            also = f" (or {', '.join(alternatives[1:])})" if alternatives[1:] else ""
            report(f"{ctype} requires {alternatives[0]}{also}")
    if ctype == "pubsub.kafka":
        _lint_kafka(values, names, report)
    if uses_secret_ref:
        store = (doc.get("auth") or {}).get("secretStore")
        in_kubernetes = bool(doc.get("metadata", {}).get("namespace"))
        if not store:
            report("secretKeyRef without top-level auth.secretStore is not resolved in self-hosted "
                   "mode (§7.4)")
        elif store == "kubernetes" and in_kubernetes:
            pass
        elif store not in components or not str(
                components[store].get("spec", {}).get("type", "")).startswith("secretstores."):
            report(f"auth.secretStore {store!r} names no secret store in this folder")
    if "auth" in doc:
        _unknown_keys(doc["auth"], {"secretStore"}, "auth", report)


def _lint_kafka(values: dict[str, str], names: dict[str, str], report) -> None:
    auth = values.get("authtype")
    if auth is not None and auth not in KAFKA_AUTH_TYPES:
        report(f"authType {auth!r} is not one of {', '.join(sorted(KAFKA_AUTH_TYPES))}")
    if auth == "password":
        for needed in ("saslUsername", "saslPassword", "saslMechanism"):
            if needed.lower() not in names:
                report(f"authType password needs {needed}")
    mechanism = values.get("saslmechanism")
    if mechanism is not None and mechanism not in KAFKA_SASL_MECHANISMS:
        report(f"saslMechanism {mechanism!r} is not one of "
               f"{', '.join(sorted(KAFKA_SASL_MECHANISMS))}")
    offset = values.get("initialoffset")
    if offset is not None and offset not in ("newest", "oldest"):
        report(f"initialOffset {offset!r} is invalid: only newest or oldest; daprd exits (§9.7)")
    for flag in ("disabletls", "skipverify", "consumeretryenabled", "escapeheaders"):
        if flag in values and values[flag] not in ("true", "false"):
            report(f"{names[flag]} must be \"true\" or \"false\"")


def _check_template(field: str, value: str, report) -> None:
    if "{{" in value:
        report(f"{field}: Dapr does not expand Go templates ({value!r} stays literal) (§9.2)")
        return
    for tag in re.findall(r"\{[^{}]*\}", value):
        if tag not in TEMPLATE_TAGS:
            report(f"{field}: {tag} is not a tag Dapr expands ({', '.join(sorted(TEMPLATE_TAGS))})")


def _check_scopes(doc: dict[str, Any], report) -> None:
    scopes = doc.get("scopes")
    if scopes is not None and (not isinstance(scopes, list)
                               or not all(isinstance(s, str) for s in scopes)):
        report("scopes is a list of app-ids")


def lint_subscription(doc: dict[str, Any], components: dict[str, Any], report) -> None:
    if doc.get("apiVersion") != "dapr.io/v2alpha1":
        report("use Subscription dapr.io/v2alpha1 (v1alpha1 is deprecated)")
        return
    _unknown_keys(doc, {"apiVersion", "kind", "metadata", "spec", "scopes"}, "Subscription",
                  report)
    _check_scopes(doc, report)
    spec = doc.get("spec") or {}
    _unknown_keys(spec, {"pubsubname", "topic", "routes", "deadLetterTopic", "metadata",
                         "bulkSubscribe"}, "spec", report)
    for needed in ("pubsubname", "topic", "routes"):
        if needed not in spec:
            report(f"spec.{needed} is required")
    routes = spec.get("routes") or {}
    _unknown_keys(routes, {"rules", "default"}, "spec.routes", report)
    if not routes.get("rules") and not routes.get("default"):
        report("spec.routes needs rules or a default")
    for rule in routes.get("rules") or []:
        _unknown_keys(rule, {"match", "path"}, "spec.routes.rules[]", report)
    if "bulkSubscribe" in spec:
        _unknown_keys(spec["bulkSubscribe"], {"enabled", "maxMessagesCount",
                                              "maxAwaitDurationMs"}, "spec.bulkSubscribe", report)
    pubsub = spec.get("pubsubname")
    if pubsub and (pubsub not in components or not str(
            components[pubsub].get("spec", {}).get("type", "")).startswith("pubsub.")):
        report(f"pubsubname {pubsub!r} names no pub/sub component in this folder")


def lint_resiliency(doc: dict[str, Any], components: dict[str, Any], report) -> None:
    if doc.get("apiVersion") != "dapr.io/v1alpha1":
        report("a Resiliency's apiVersion is dapr.io/v1alpha1")
    _unknown_keys(doc, {"apiVersion", "kind", "metadata", "spec", "scopes"}, "Resiliency", report)
    _check_scopes(doc, report)
    spec = doc.get("spec") or {}
    _unknown_keys(spec, {"policies", "targets"}, "spec", report)
    policies = spec.get("policies") or {}
    _unknown_keys(policies, {"timeouts", "retries", "circuitBreakers"}, "spec.policies", report)
    timeouts = policies.get("timeouts") or {}
    for name, value in timeouts.items():
        if not GO_DURATION.match(str(value)):
            report(f"timeout {name}: {value!r} is not a Go duration")
    retries = policies.get("retries") or {}
    for name, retry in retries.items():
        _unknown_keys(retry, RETRY_FIELDS, f"retry {name}", report)
        if not isinstance(retry, dict):
            continue
        if retry.get("policy", "constant") not in ("constant", "exponential"):
            report(f"retry {name}: policy is constant or exponential")
        for field in ("duration", "maxInterval"):
            if field in retry and not GO_DURATION.match(str(retry[field])):
                report(f"retry {name}: {field} {retry[field]!r} is not a Go duration")
        if "duration" in retry and retry.get("policy") == "exponential":
            report(f"retry {name}: duration applies only to the constant policy")
        if "maxInterval" in retry and retry.get("policy", "constant") == "constant":
            report(f"retry {name}: maxInterval applies only to the exponential policy")
        if "maxRetries" in retry and not isinstance(retry["maxRetries"], int):
            report(f"retry {name}: maxRetries is an integer")
        if "matching" in retry:
            _unknown_keys(retry["matching"], MATCHING_FIELDS, f"retry {name}.matching", report)
    breakers = policies.get("circuitBreakers") or {}
    for name, breaker in breakers.items():
        _unknown_keys(breaker, BREAKER_FIELDS, f"circuitBreaker {name}", report)
    targets = spec.get("targets") or {}
    _unknown_keys(targets, {"apps", "actors", "components"}, "spec.targets", report)
    references = {"timeout": timeouts, "retry": retries, "circuitBreaker": breakers}
    for component, directions in (targets.get("components") or {}).items():
        if component not in components:
            report(f"targets.components.{component} names no component in this folder")
        _unknown_keys(directions, {"inbound", "outbound"}, f"targets.components.{component}",
                      report)
        for direction, policy in (directions or {}).items():
            where = f"targets.components.{component}.{direction}"
            _unknown_keys(policy, TARGET_POLICY_FIELDS, where, report)
            for field, pool in references.items():
                if isinstance(policy, dict) and field in policy and policy[field] not in pool:
                    report(f"{where}.{field} names no {field} policy {policy[field]!r}")


def lint_deployment(doc: dict[str, Any], report) -> None:
    template = (doc.get("spec") or {}).get("template") or {}
    annotations = (template.get("metadata") or {}).get("annotations") or {}
    dapr = {k: v for k, v in annotations.items() if k.startswith("dapr.io/")}
    if not dapr:
        return
    for key, value in dapr.items():
        if key in OLD_ANNOTATIONS:
            report(f"{key} is not read by the injector: use {OLD_ANNOTATIONS[key]}")
        elif key not in DAPR_ANNOTATIONS:
            report(f"{key} is not a Dapr {'.'.join(map(str, DAPR_VERSION))} annotation")
        if not isinstance(value, str):
            report(f"annotation {key} must be a string (quote {value!r})")
    for needed in ("dapr.io/enabled", "dapr.io/app-id", "dapr.io/app-port"):
        if needed not in dapr:
            report(f"a Dapr app needs the annotation {needed}")
    containers = (template.get("spec") or {}).get("containers") or []
    ports = {p.get("containerPort") for c in containers for p in c.get("ports") or []}
    app_port = dapr.get("dapr.io/app-port")
    if app_port is not None and int(app_port) not in ports:
        report(f"dapr.io/app-port {app_port} is no container's port")
